/*
 * signals.c - synchronous and asynchronous signals as a guest sees them: SIGILL for
 * several illegal encodings (all-zero, write to a read-only CSR, reserved static and
 * dynamic rounding modes, c.unimp), SIGTRAP for ebreak and c.ebreak, SIGSEGV for unmapped
 * (MAPERR) and read-only (ACCERR) accesses, no signal for plain misaligned data; each checked
 * for si_signo/si_code/si_addr and for the PC and registers in the ucontext (precise state
 * at the faulting instruction), then resumed by editing the PC and returning through
 * rt_sigreturn. Also raise/kill, masking and pending signals, siglongjmp out of a
 * handler, an alternate signal stack, and a timer signal interrupting a pure spin loop.
 * Output gives offsets relative to known labels, never addresses.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t last_signo, last_code, count;
static volatile uintptr_t last_addr, last_pc, last_t0, last_a0;
static volatile unsigned skip_len;      /* bytes to advance the PC by in the handler */
static sigjmp_buf jump_back;
static volatile int use_longjmp;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    last_signo = sig;
    last_code = si->si_code;
    last_addr = (uintptr_t)si->si_addr;
    last_pc = uc->uc_mcontext.__gregs[REG_PC];
    last_t0 = uc->uc_mcontext.__gregs[5];
    last_a0 = uc->uc_mcontext.__gregs[10];
    count++;
    if (use_longjmp)
        siglongjmp(jump_back, 1);
    uc->uc_mcontext.__gregs[REG_PC] += skip_len;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0)
        perror("sigaction");
}

/* each probe executes one faulting instruction at a global label and returns its address;
 * t0 holds 0x7e57 at the fault so the handler can check the register file */
#define PROBE(name, insn)                                                       \
    extern char name##_at[];                                                    \
    __attribute__((noinline, noclone)) static uintptr_t name(void)              \
    {                                                                           \
        __asm__ volatile(".option push\n.option norvc\n"                        \
                         "li t0, 0x7e57\n"                                      \
                         ".globl " #name "_at\n" #name "_at:\n"                 \
                         insn "\n"                                              \
                         ".option pop\n" ::: "t0", "memory");                   \
        return (uintptr_t)name##_at;                                            \
    }

PROBE(probe_zero, ".word 0")
PROBE(probe_csr, "csrw cycle, zero")
PROBE(probe_rm5, ".insn r 0x53, 5, 0, ft0, ft0, ft0")    /* fadd.s with rm=5 */
PROBE(probe_dynrm, "fadd.s ft0, ft0, ft0, dyn")
PROBE(probe_cunimp, ".hword 0\n.hword 0x0001")          /* c.unimp, then c.nop */
PROBE(probe_ebreak, "ebreak")
PROBE(probe_cebreak, ".hword 0x9002\n.hword 0x0001")    /* c.ebreak, then c.nop */

static void report(const char *what, uintptr_t at, int want_sig, int want_code)
{
    printf("%-22s signo %s code %s addr %s pc %s t0 %s count %d\n", what,
           last_signo == want_sig ? "ok" : "BAD", last_code == want_code ? "ok" : "BAD",
           last_addr == at ? "ok" : "BAD", last_pc == at ? "ok" : "BAD", last_t0 == 0x7e57 ? "ok" : "BAD",
           (int)count);
    if (last_signo != want_sig || last_code != want_code)
        printf("    got signo %d code %d, want %d %d\n", (int)last_signo, (int)last_code, want_sig, want_code);
    if (last_addr != at || last_pc != at)
        printf("    si_addr %+ld pc %+ld relative to the instruction\n", (long)(last_addr - at),
               (long)(last_pc - at));
    last_signo = last_code = 0;
    last_addr = last_pc = last_t0 = 0;
}

__attribute__((noinline)) static void load_probe(volatile uintptr_t addr)
{
    /* a 4-byte load from addr with t0 = 0x7e57 and a0 = addr */
    __asm__ volatile(".option push\n.option norvc\n"
                     "mv a0, %0\n"
                     "li t0, 0x7e57\n"
                     "ld t1, 0(a0)\n"
                     ".option pop\n" ::"r"(addr) : "a0", "t0", "t1", "memory");
}

__attribute__((noinline)) static void store_probe(volatile uintptr_t addr)
{
    __asm__ volatile(".option push\n.option norvc\n"
                     "mv a0, %0\n"
                     "li t0, 0x7e57\n"
                     "sw t0, 0(a0)\n"
                     ".option pop\n" ::"r"(addr) : "a0", "t0", "memory");
}

static volatile sig_atomic_t usr_count, usr_order[4], usr_n;
static void on_usr(int sig)
{
    usr_count++;
    if (usr_n < 4)
        usr_order[usr_n++] = sig;
}

static volatile uintptr_t handler_stack_addr;
static void on_altstack(int sig)
{
    volatile char here;
    (void)sig;
    handler_stack_addr = (uintptr_t)&here;
}

static volatile sig_atomic_t alarm_seen;
static void on_alarm(int sig)
{
    (void)sig;
    alarm_seen = 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    install(SIGILL, on_fault, 0);
    install(SIGTRAP, on_fault, 0);
    install(SIGSEGV, on_fault, 0);
    install(SIGBUS, on_fault, 0);

    /* illegal instructions: resume after them by editing the PC */
    skip_len = 4;
    report("illegal all-zero", probe_zero(), SIGILL, ILL_ILLOPC);
    report("csrw to cycle", probe_csr(), SIGILL, ILL_ILLOPC);
    report("static rm=5", probe_rm5(), SIGILL, ILL_ILLOPC);
    unsigned long old_frm;
    __asm__ volatile("csrrwi %0, frm, 5" : "=r"(old_frm));
    report("dynamic rm, frm=5", probe_dynrm(), SIGILL, ILL_ILLOPC);
    __asm__ volatile("csrw frm, %0" ::"r"(old_frm));
    __asm__ volatile("csrrwi %0, frm, 7" : "=r"(old_frm));
    report("dynamic rm, frm=7", probe_dynrm(), SIGILL, ILL_ILLOPC);
    __asm__ volatile("csrw frm, %0" ::"r"(old_frm));
    skip_len = 2;
    report("c.unimp", probe_cunimp(), SIGILL, ILL_ILLOPC);

    /* breakpoints */
    skip_len = 4;
    report("ebreak", probe_ebreak(), SIGTRAP, TRAP_BRKPT);
    skip_len = 2;
    report("c.ebreak", probe_cebreak(), SIGTRAP, TRAP_BRKPT);

    /* memory faults: the load/store instruction itself is reported, registers intact */
    skip_len = 4;
    last_addr = 0;
    load_probe(0x10);
    printf("%-22s signo %s code %s addr %s t0 %s a0 %s\n", "load from 0x10",
           last_signo == SIGSEGV ? "ok" : "BAD", last_code == SEGV_MAPERR ? "ok" : "BAD",
           last_addr == 0x10 ? "ok" : "BAD", last_t0 == 0x7e57 ? "ok" : "BAD", last_a0 == 0x10 ? "ok" : "BAD");
    long page = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(ro, 0x11, (size_t)page * 2);
    mprotect(ro, (size_t)page, PROT_READ);
    last_signo = 0;
    store_probe((uintptr_t)ro + 100);
    printf("%-22s signo %s code %s addr %s t0 %s memory unchanged %s\n", "store to read-only",
           last_signo == SIGSEGV ? "ok" : "BAD", last_code == SEGV_ACCERR ? "ok" : "BAD",
           last_addr == (uintptr_t)ro + 100 ? "ok" : "BAD", last_t0 == 0x7e57 ? "ok" : "BAD",
           ro[100] == 0x11 && ro[103] == 0x11 ? "ok" : "BAD");
    /* a misaligned store that straddles into the read-only page faults (whether the bytes on
     * the writable page were written first is not specified, so it is not checked) */
    mprotect(ro, (size_t)page, PROT_READ | PROT_WRITE);
    mprotect(ro + page, (size_t)page, PROT_READ);
    last_signo = 0;
    store_probe((uintptr_t)ro + page - 2);
    printf("%-22s signo %s addr %s t0 %s\n", "straddling store", last_signo == SIGSEGV ? "ok" : "BAD",
           (last_addr >= (uintptr_t)ro + page - 2 && last_addr <= (uintptr_t)ro + page) ? "ok" : "BAD",
           last_t0 == 0x7e57 ? "ok" : "BAD");
    /* plain misaligned accesses do not signal */
    last_signo = 0;
    volatile uint64_t *mis = (volatile uint64_t *)(ro + 3);
    *mis = 0x0102030405060708ULL;
    printf("%-22s %s value %llx\n", "misaligned access", last_signo ? "BAD signalled" : "ok",
           (unsigned long long)*mis);
    munmap(ro, (size_t)page * 2);

    /* leaving a handler with siglongjmp: the signal is unblocked again afterwards */
    use_longjmp = 1;
    for (int i = 0; i < 3; i++) {
        if (sigsetjmp(jump_back, 1) == 0)
            load_probe(0x20);
    }
    use_longjmp = 0;
    printf("siglongjmp out of SIGSEGV handler 3 times: count %d\n", (int)count);

    /* raise / kill, blocking and pending */
    signal(SIGUSR1, on_usr);
    signal(SIGUSR2, on_usr);
    raise(SIGUSR1);
    printf("raise(SIGUSR1): handled %d\n", (int)usr_count);
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR1);     /* standard signals do not queue */
    sigpending(&pend);
    printf("blocked: handled %d, pending USR1 %d USR2 %d\n", (int)usr_count, sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    /* (the order in which the two run is a kernel detail and not checked) */
    printf("unblocked: handled %d, both ran: %s\n", (int)usr_count,
           usr_n == 3 && (usr_order[1] ^ usr_order[2]) == (SIGUSR1 ^ SIGUSR2) ? "yes" : "no");

    /* an alternate signal stack */
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_altstack;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("handler ran on the alternate stack: %s\n",
           handler_stack_addr >= (uintptr_t)altstack && handler_stack_addr < (uintptr_t)altstack + sizeof altstack
               ? "yes" : "no");

    /* an interval timer interrupting a loop that makes no system calls */
    signal(SIGALRM, on_alarm);
    struct itimerval it = { .it_value = { .tv_sec = 0, .tv_usec = 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long spins = 0;
    while (!alarm_seen)
        spins++;
    printf("SIGALRM interrupted a spin loop: %s\n", spins > 0 ? "yes" : "no");

    /* SA_RESETHAND: the second SIGUSR1 takes the default action (terminate), so use
     * SIGCHLD whose default is to ignore */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGCHLD, &sa, NULL);
    usr_count = 0;
    raise(SIGCHLD);
    raise(SIGCHLD);
    printf("SA_RESETHAND: handled %d time(s)\n", (int)usr_count);
    return 0;
}
