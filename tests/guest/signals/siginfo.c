/* siginfo.c - what an SA_SIGINFO handler is given: si_signo/si_code/si_pid/si_uid for
 * kill (SI_USER), raise (SI_TKILL) and sigqueue (SI_QUEUE with its value); the frame: the
 * ucontext PC is the instruction after the ecall that sent the signal, registers and the
 * FP state are those of the interrupted code, the mask in force is in uc_sigmask, and
 * edits to the ucontext take effect at return. Also SA_NODEFER nesting, sa_mask deferral
 * and the mask seen inside a handler. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int got_signo, got_code, got_pid, got_uid, got_value;

static void on_info(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    got_signo = sig == si->si_signo ? sig : -1;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_uid = (int)si->si_uid;
    got_value = si->si_code == SI_QUEUE ? si->si_value.sival_int : 0;
}

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_TKILL: return "SI_TKILL";
    case SI_QUEUE: return "SI_QUEUE";
    default: return "other";
    }
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags, int masked)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (masked)
        sigaddset(&sa.sa_mask, masked);
    sigaction(sig, &sa, NULL);
}

static void report(const char *how)
{
    printf("%-8s signo %d code %s pid %s uid %s value %d\n", how, got_signo, code_name(got_code),
           got_pid == getpid() ? "ok" : "BAD", got_uid == (int)getuid() ? "ok" : "BAD", got_value);
    got_signo = got_code = got_pid = got_uid = got_value = 0;
}

/* ---- the frame */
extern char after_ecall[];
static volatile uintptr_t uc_pc;
static volatile uint64_t uc_s2, uc_s3, uc_a0, uc_fs0, uc_fcsr, uc_mask_usr2;

static void on_frame(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    uc_pc = uc->uc_mcontext.__gregs[REG_PC];
    uc_s2 = uc->uc_mcontext.__gregs[18];
    uc_s3 = uc->uc_mcontext.__gregs[19];
    uc_a0 = uc->uc_mcontext.__gregs[10];
    uc_fs0 = uc->uc_mcontext.__fpregs.__d.__f[8];
    uc_fcsr = uc->uc_mcontext.__fpregs.__d.__fcsr;
    uc_mask_usr2 = sigismember(&uc->uc_sigmask, SIGUSR2);
    uc->uc_mcontext.__gregs[10] = 777;       /* the syscall's result, as the code sees it */
    uc->uc_mcontext.__gregs[19] = 0x5353;    /* s3 */
}

static void frame_test(void)
{
    install(SIGUSR1, on_frame, 0, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    uint64_t a0, s3;
    double fs0_in = 1.5;
    /* kill(getpid(), SIGUSR1) by hand: s2/s3 hold known values, fs0 = 1.5, frm = RTZ */
    __asm__ volatile(".option push\n.option norvc\n"
                     "mv a0, %2\n"
                     "li a1, %3\n"
                     "li a7, %4\n"
                     "li s2, 0x1234\n"
                     "li s3, 0x4321\n"
                     "fld fs0, 0(%5)\n"
                     "fsrmi zero, 1\n"
                     "ecall\n"
                     ".globl after_ecall\n"
                     "after_ecall:\n"
                     "fsrmi zero, 0\n"
                     "mv %0, a0\n"
                     "mv %1, s3\n"
                     ".option pop\n"
                     : "=r"(a0), "=r"(s3)
                     : "r"((long)getpid()), "i"(SIGUSR1), "i"(SYS_kill), "r"(&fs0_in)
                     : "a0", "a1", "a7", "s2", "s3", "fs0", "memory");
    uint64_t fs0_bits;
    memcpy(&fs0_bits, &fs0_in, 8);
    printf("frame: pc after ecall %s, s2 %s, a0 (kill result) %lld, fs0 %s, frm %lld, "
           "USR2 in uc_sigmask %lld\n",
           uc_pc == (uintptr_t)after_ecall ? "ok" : "BAD", uc_s2 == 0x1234 ? "ok" : "BAD",
           (long long)uc_a0, uc_fs0 == fs0_bits ? "ok" : "BAD", (long long)(uc_fcsr >> 5 & 7),
           (long long)uc_mask_usr2);
    printf("after return: a0 %lld, s3 %#llx\n", (long long)a0, (unsigned long long)s3);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* ---- nesting and masks */
static volatile int depth, max_depth, order[8], norder;
static volatile int usr1_blocked_inside;

static void on_nest(int sig, siginfo_t *si, void *ctx)
{
    (void)si;
    (void)ctx;
    if (norder < 8)
        order[norder++] = sig * 10 + depth;
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    if (sig == SIGUSR1)
        usr1_blocked_inside = sigismember(&cur, SIGUSR1);
    if (norder == 1)        /* the first handler only sends the second signal */
        raise(sig == SIGUSR1 ? SIGUSR2 : sig);
    depth--;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    install(SIGUSR1, on_info, 0, 0);
    install(SIGUSR2, on_info, 0, 0);
    kill(getpid(), SIGUSR1);
    report("kill");
    raise(SIGUSR2);
    report("raise");
    union sigval v = { .sival_int = 1234 };
    sigqueue(getpid(), SIGUSR1, v);
    report("sigqueue");
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2);
    report("tgkill");

    frame_test();

    /* USR1's handler raises USR2, which its sa_mask defers until it returns */
    install(SIGUSR1, on_nest, 0, SIGUSR2);
    install(SIGUSR2, on_nest, 0, 0);
    norder = max_depth = 0;
    raise(SIGUSR1);
    printf("sa_mask: order %d %d, max depth %d, USR1 blocked in its handler %d\n", order[0],
           order[1], max_depth, usr1_blocked_inside);
    /* without SA_NODEFER the same signal waits; with it, the handler nests */
    install(SIGUSR2, on_nest, 0, 0);
    norder = max_depth = 0;
    raise(SIGUSR2);
    printf("default: order %d %d, max depth %d\n", order[0], order[1], max_depth);
    install(SIGUSR2, on_nest, SA_NODEFER, 0);
    norder = max_depth = 0;
    raise(SIGUSR2);
    printf("SA_NODEFER: order %d %d, max depth %d\n", order[0], order[1], max_depth);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("mask after handlers: USR1 %d USR2 %d\n", sigismember(&cur, SIGUSR1),
           sigismember(&cur, SIGUSR2));
    return 0;
}
