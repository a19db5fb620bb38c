/*
 * signal.c - guest signals: dispositions, masks, pending signals, delivery to guest handlers
 * (frames through the target's hooks), rt_sigreturn, sigsuspend/sigtimedwait, sigaltstack,
 * kill/tkill/tgkill/sigqueue and interval timers.
 *
 * Policy: the host does what it can do itself. A guest SIG_DFL is the host's SIG_DFL (the
 * kernel kills, stops or ignores crossrun exactly as it would the guest, so the parent sees
 * the right status and Ctrl-C stops a spinning guest) and SIG_IGN the host's SIG_IGN. A guest
 * handler is crossrun's host handler (record_signal): it records the signal as pending for
 * the guest - thread-directed ones (tkill/tgkill) for the receiving thread, the rest in a
 * process-wide set - and sets interrupt_request on the receiving thread's CPU, so translated
 * code leaves at the next block. The dispatcher calls signal_deliver_pending at block
 * boundaries (after a syscall, on EXIT_INTERRUPT), which builds the guest frame.
 * SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP always stay crossrun's (fault.c): a guest fault goes
 * to signal_deliver_fault, and a copy of one of them sent with kill/tgkill is forwarded here.
 * Guest signals 32 and 33 (glibc's SIGCANCEL/SIGSETXID: pthread_cancel, setuid in threads)
 * are installed with the raw syscall, as host glibc refuses them.
 *
 * Masks are per thread (__thread guest_sigmask). The blockable signals the host can hold
 * (HOST_HELD) are also blocked on the host thread, so a blocked signal waits as a host
 * pending signal (visible to a host signalfd, taken by sigtimedwait) and the host delivers
 * it to record_signal the moment the guest unblocks it. The rest (the fault signals, 32,
 * 33) arrive at record_signal anyway and wait in the recorded sets while blocked.
 *
 * Interrupted syscalls: the host handler has no SA_RESTART, so a blocking host syscall
 * returns EINTR. signal_syscall_result then asks the target hook to restart the call
 * (SYSCALL_RESTART: PC back on the syscall instruction) when the call is one SA_RESTART
 * restarts and the handler about to run has SA_RESTART (or no guest handler is pending);
 * otherwise the guest sees EINTR. The race: a signal arriving after the dispatcher's last
 * check and before a blocking host syscall starts would be recorded but delivered only when
 * that syscall returns. safe_syscall closes it (the safe-syscall idea): it tests a per-thread
 * flag record_signal sets just before its syscall instruction, and record_signal moves a
 * thread it interrupts between that test and the instruction to a "return -EINTR" exit.
 * futex waits use it; the other blocking calls of the syscall layer still use plain host
 * syscalls and keep the race (a signal in that window of a few instructions waits for the
 * call to return). sigsuspend, sigtimedwait and the calls with a temporary mask (ppoll,
 * pselect6, epoll_pwait: host_wait_mask) block host signals around their check and wait,
 * so they do not have it either.
 *
 * Not done: queueing of real-time signals (one pending instance per number, the last
 * siginfo wins), robust-futex cleanup, signals of other processes' threads by tid.
 *
 * Guest signal numbers (asm-generic) equal the x86_64 ones for 1..64, and the generic LP64
 * siginfo_t layout is the host's, so siginfo is copied as it is. struct sigaction differs
 * per guest: riscv64 has { handler, flags, mask } (no SA_RESTORER), aarch64 { handler,
 * flags, restorer, mask }: guest_abi() says which.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"
#include "../loader/vdso.h"
#include "../log.h"

enum {
    GUEST_SIGILL = 4, GUEST_SIGTRAP = 5, GUEST_SIGBUS = 7, GUEST_SIGFPE = 8, GUEST_SIGKILL = 9,
    GUEST_SIGSEGV = 11, GUEST_SIGCHLD = 17, GUEST_SIGCONT = 18, GUEST_SIGSTOP = 19,
    GUEST_SIGTSTP = 20, GUEST_SIGTTIN = 21, GUEST_SIGTTOU = 22, GUEST_SIGURG = 23,
    GUEST_SIGWINCH = 28, GUEST_SIGCANCEL = 32, GUEST_SIGSETXID = 33,
};
enum { GUEST_SIG_BLOCK = 0, GUEST_SIG_UNBLOCK = 1, GUEST_SIG_SETMASK = 2 };

/* SA_* bits Linux keeps (UAPI_SA_FLAGS); the rest are cleared so programs can probe. */
#define GUEST_SA_NOCLDSTOP      0x00000001u
#define GUEST_SA_NOCLDWAIT      0x00000002u
#define GUEST_SA_SIGINFO        0x00000004u
#define GUEST_SA_EXPOSE_TAGBITS 0x00000800u
#define GUEST_SA_RESTORER       0x04000000u
#define GUEST_SA_ONSTACK        0x08000000u
#define GUEST_SA_RESTART        0x10000000u
#define GUEST_SA_NODEFER        0x40000000u
#define GUEST_SA_RESETHAND      0x80000000u
#define GUEST_UAPI_SA_FLAGS (GUEST_SA_NOCLDSTOP | GUEST_SA_NOCLDWAIT | GUEST_SA_SIGINFO |  \
                             GUEST_SA_ONSTACK | GUEST_SA_RESTART | GUEST_SA_NODEFER |      \
                             GUEST_SA_RESETHAND | GUEST_SA_EXPOSE_TAGBITS)

#define GUEST_SS_ONSTACK    1
#define GUEST_SS_DISABLE    2
#define GUEST_SS_AUTODISARM (1u << 31)

#define GUEST_SIGINFO_SIZE 128

#define SIGBIT(s) (1ULL << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(GUEST_SIGKILL) | SIGBIT(GUEST_SIGSTOP))
/* crossrun's own host handlers (fault.c), whatever the guest's disposition */
#define FAULT_SIGNALS (SIGBIT(GUEST_SIGSEGV) | SIGBIT(GUEST_SIGBUS) | SIGBIT(GUEST_SIGILL) |     \
                       SIGBIT(GUEST_SIGFPE) | SIGBIT(GUEST_SIGTRAP))
#define GLIBC_SIGNALS (SIGBIT(GUEST_SIGCANCEL) | SIGBIT(GUEST_SIGSETXID))
#define HOST_HELD (~(UNBLOCKABLE | FAULT_SIGNALS | GLIBC_SIGNALS))
#define ALL_SIGNALS (~0ULL)

/* ---- state. Dispositions are process-wide (writes under sigact_lock); masks, the
 * alternate stack and thread-directed pending signals are per thread. */

struct guest_sigaction_rec guest_sigactions[GUEST_NSIG + 1];
static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;
__thread uint64_t guest_sigmask;
__thread struct guest_stack guest_altstack;  /* ss_size 0 = disabled; ss_flags: AUTODISARM */

/* Recorded by record_signal, taken by delivery. Bits are set and cleared atomically; the
 * siginfo of a number is written before its bit is set. */
static __thread uint64_t thread_pending;
static __thread uint8_t thread_info[GUEST_NSIG + 1][GUEST_SIGINFO_SIZE];
static uint64_t proc_pending;
static uint8_t proc_info[GUEST_NSIG + 1][GUEST_SIGINFO_SIZE];

/* sigsuspend and the calls with a temporary mask: the mask a handler's frame must restore
 * (Linux's saved_sigmask), valid until the first frame or the end of delivery. */
static __thread bool saved_mask_valid;
static __thread uint64_t saved_mask;
static __thread bool wait_mask_used;        /* host_wait_mask was called during this syscall */
static __thread uint64_t wait_mask;

static uint64_t sigreturn_page;             /* guest address of the "[vdso]" trampoline, or 0 */
static __thread volatile int32_t sig_kick;  /* a deliverable signal was recorded: safe_syscall
                                               must not block (cleared by delivery) */

/* ---- safe_syscall (x86_64): (flag, nr, a1..a6) -> raw kernel result. Between
 * safe_syscall_start and safe_syscall_end the syscall has not been entered yet: a signal
 * arriving there is sent to safe_syscall_eintr instead (record_signal). */
__asm__(".text\n"
        ".type crossrun_safe_syscall_raw, @function\n"
        "crossrun_safe_syscall_raw:\n"
        "    movq %rsi, %rax\n"          /* nr */
        "    movq %rdi, %r11\n"          /* &flag */
        "    movq %rdx, %rdi\n"
        "    movq %rcx, %rsi\n"
        "    movq %r8, %rdx\n"
        "    movq %r9, %r10\n"
        "    movq 8(%rsp), %r8\n"
        "    movq 16(%rsp), %r9\n"
        "crossrun_safe_syscall_start:\n"
        "    cmpl $0, (%r11)\n"
        "    jne crossrun_safe_syscall_eintr\n"
        "    syscall\n"
        "crossrun_safe_syscall_end:\n"
        "    ret\n"
        "crossrun_safe_syscall_eintr:\n"
        "    movq $-4, %rax\n"           /* -EINTR */
        "    ret\n"
        ".size crossrun_safe_syscall_raw, .-crossrun_safe_syscall_raw\n");
long crossrun_safe_syscall_raw(volatile int32_t *flag, long nr, long a1, long a2, long a3,
                               long a4, long a5, long a6);
extern const char crossrun_safe_syscall_start[], crossrun_safe_syscall_end[],
    crossrun_safe_syscall_eintr[];
_Static_assert(EINTR == 4, "the -EINTR of safe_syscall's asm");

long safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    return crossrun_safe_syscall_raw(&sig_kick, nr, a1, a2, a3, a4, a5, a6);
}

/* ---- the host's share of the guest mask (raw syscalls: 64-bit kernel sigsets) */

static void host_setmask(uint64_t set, uint64_t *old)
{
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &set, old, sizeof(set));
}

static uint64_t host_getmask(void)
{
    uint64_t cur = 0;
    syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL, &cur, sizeof(cur));
    return cur;
}

/* Sets the host thread's mask to the guest's for the held signals. */
static void sync_host_mask(void)
{
    uint64_t cur = host_getmask();
    uint64_t want = (cur & ~HOST_HELD) | (guest_sigmask & HOST_HELD);
    if (want != cur)
        host_setmask(want, NULL);
}

/* The held signals in which the host has pending (blocked) for this thread or process. */
static uint64_t host_pending(uint64_t which)
{
    uint64_t set = 0;
    if (syscall(__NR_rt_sigpending, &set, sizeof(set)) < 0)
        return 0;
    return set & which & HOST_HELD;
}

/* Drops the pending held signals in which from the host (every queued instance). */
static void discard_host_pending(uint64_t which)
{
    uint64_t pend = host_pending(which);
    struct timespec zero = { 0, 0 };
    for (int sig = 1; pend && sig <= GUEST_NSIG; sig++) {
        uint64_t one = SIGBIT(sig);
        if (!(pend & one))
            continue;
        while (syscall(__NR_rt_sigtimedwait, &one, NULL, &zero, sizeof(one)) == sig)
            continue;
    }
}

uint64_t host_wait_mask(uint64_t guest_mask)
{
    /* A signal the temporary mask lets in must find its handler run with that mask, and
     * the frame must restore the real one (signal_syscall_result). */
    wait_mask_used = true;
    wait_mask = guest_mask & ~UNBLOCKABLE;
    return (host_getmask() & ~HOST_HELD) | (guest_mask & HOST_HELD & ~UNBLOCKABLE);
}

/* ---- recording signals the host delivers (async-signal-safe) */

static void record_signal(int sig, siginfo_t *si, void *ctx)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return;
    int saved_errno = errno;
    uint64_t bit = SIGBIT(sig);
    if (si->si_code == SI_TKILL) {
        memcpy(thread_info[sig], si, GUEST_SIGINFO_SIZE);
        __atomic_or_fetch(&thread_pending, bit, __ATOMIC_SEQ_CST);
    } else {
        memcpy(proc_info[sig], si, GUEST_SIGINFO_SIZE);
        __atomic_or_fetch(&proc_pending, bit, __ATOMIC_SEQ_CST);
    }
    struct cpu *cpu = dispatch_current();
    if (cpu)
        cpu->interrupt_request = 1;
    if (!(guest_sigmask & bit)) {
        sig_kick = 1;
        /* caught between safe_syscall's test and its syscall instruction: do not enter */
        ucontext_t *uc = ctx;
        uintptr_t rip = uc ? (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] : 0;
        if (rip >= (uintptr_t)crossrun_safe_syscall_start &&
            rip < (uintptr_t)crossrun_safe_syscall_end)
            uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)crossrun_safe_syscall_eintr;
    }
    errno = saved_errno;
}

/* ---- host dispositions */

static bool default_is_ignore(int sig)
{
    return sig == GUEST_SIGCHLD || sig == GUEST_SIGURG || sig == GUEST_SIGWINCH ||
           sig == GUEST_SIGCONT;
}

/* The kernel's struct sigaction on x86_64, for 32 and 33 (glibc's sigaction refuses them). */
struct host_ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};
#define HOST_SA_RESTORER 0x04000000ul

/* Gives the host signal sig the disposition that carries out the guest's act. */
static void set_host_disposition(int sig, const struct guest_sigaction_rec *act)
{
    uint64_t bit = SIGBIT(sig);
    if ((bit & (UNBLOCKABLE | FAULT_SIGNALS)) || sig > GUEST_NSIG)
        return;
    bool handler = act->handler != GUEST_SIG_DFL && act->handler != GUEST_SIG_IGN;
    if (bit & GLIBC_SIGNALS) {
        /* x86_64 needs SA_RESTORER: borrow glibc's from the SIGSEGV handler fault.c set. */
        struct host_ksigaction seg, ks = { 0 };
        if (syscall(__NR_rt_sigaction, SIGSEGV, NULL, &seg, sizeof(uint64_t)) < 0 ||
            !(seg.flags & HOST_SA_RESTORER))
            return;
        ks.handler = handler ? (void *)record_signal
                             : act->handler == GUEST_SIG_IGN ? (void *)SIG_IGN : (void *)SIG_DFL;
        ks.flags = (handler ? SA_SIGINFO : 0) | HOST_SA_RESTORER;
        ks.restorer = seg.restorer;
        ks.mask = handler ? ALL_SIGNALS : 0;
        syscall(__NR_rt_sigaction, sig, &ks, NULL, sizeof(uint64_t));
        return;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    if (handler) {
        sa.sa_sigaction = record_signal;
        sa.sa_flags = SA_SIGINFO;
        sigfillset(&sa.sa_mask);
    } else {
        sa.sa_handler = act->handler == GUEST_SIG_IGN ? SIG_IGN : SIG_DFL;
        sigemptyset(&sa.sa_mask);
    }
    if (sig == GUEST_SIGCHLD)
        sa.sa_flags |= (int)(act->flags & (GUEST_SA_NOCLDSTOP | GUEST_SA_NOCLDWAIT));
    sigaction(sig, &sa, NULL);
}

/* At start-up: the mask and ignored signals are inherited across execve, as on Linux. */
__attribute__((constructor)) static void inherit_host_signal_state(void)
{
    guest_sigmask = host_getmask() & HOST_HELD;
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        struct sigaction sa;
        if ((SIGBIT(sig) & (UNBLOCKABLE | FAULT_SIGNALS | GLIBC_SIGNALS)) ||
            sigaction(sig, NULL, &sa) != 0)
            continue;
        if (sa.sa_handler == SIG_IGN)
            guest_sigactions[sig].handler = GUEST_SIG_IGN;
    }
    fault_forward_signal = record_signal;
}

/* ---- default actions */

/* The default action, carried out by the host kernel on crossrun itself: terminate (the
 * parent sees the guest's signal), stop, or nothing. Returns only for ignore and stop. */
static void take_default_action(int sig)
{
    if (default_is_ignore(sig))
        return;
    bool stop = sig == GUEST_SIGSTOP || sig == GUEST_SIGTSTP || sig == GUEST_SIGTTIN ||
                sig == GUEST_SIGTTOU;
    if (!stop) {
        fflush(NULL);
        struct rlimit no_core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &no_core);   /* crossrun's core is no use to the guest */
    }
    if (SIGBIT(sig) & GLIBC_SIGNALS) {
        struct guest_sigaction_rec dfl = { 0 };
        set_host_disposition(sig, &dfl);
    } else {
        signal(sig, SIG_DFL);
    }
    uint64_t one = SIGBIT(sig), old;
    syscall(__NR_rt_sigprocmask, SIG_UNBLOCK, &one, &old, sizeof(one));
    syscall(__NR_tgkill, getpid(), gettid(), sig);
    /* a stop signal: continued. Put things back. */
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &old, NULL, sizeof(old));
}

/* Linux's force_sigsegv: a frame that cannot be written kills the guest. */
static NORETURN void force_sigsegv(struct cpu *cpu, const char *why)
{
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("crossrun: %s at pc %#llx: guest killed by SIGSEGV\n", why,
                   (unsigned long long)cpu->pc);
    signal(SIGSEGV, SIG_DFL);
    take_default_action(GUEST_SIGSEGV);
    _exit(128 + SIGSEGV);
}

/* ---- frames */

/* Where handlers return: the target's sigreturn symbol in the vDSO that the loader mapped
 * (loader/vdso.c); for a target without a vDSO, a one-page "[vdso]" mapping with its
 * sigreturn code (made on first use). */
static uint64_t sigreturn_trampoline(const struct target *t)
{
    if (guest_vdso.sigreturn)
        return guest_vdso.sigreturn;
    uint64_t page = __atomic_load_n(&sigreturn_page, __ATOMIC_ACQUIRE);
    if (page || !t->sigreturn_code)
        return page;
    pthread_mutex_lock(&sigact_lock);
    if (!sigreturn_page) {
        int64_t a = guest_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (a > 0 && copy_to_guest((uint64_t)a, t->sigreturn_code, t->sigreturn_code_size) == 0 &&
            guest_mprotect((uint64_t)a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) == 0) {
            guest_vma_set_name((uint64_t)a, "[vdso]");
            __atomic_store_n(&sigreturn_page, (uint64_t)a, __ATOMIC_RELEASE);
        }
    }
    pthread_mutex_unlock(&sigact_lock);
    return sigreturn_page;
}

/* Linux's on_sig_stack: with SS_AUTODISARM a thread is never "on" the alternate stack. */
static bool on_sig_stack(uint64_t sp)
{
    const struct guest_stack *ss = &guest_altstack;
    if ((uint32_t)ss->ss_flags & GUEST_SS_AUTODISARM)
        return false;
    return sp > ss->ss_sp && sp - ss->ss_sp <= ss->ss_size;
}

static int32_t sas_ss_flags(uint64_t sp)
{
    if (guest_altstack.ss_size == 0)
        return GUEST_SS_DISABLE;
    return on_sig_stack(sp) ? GUEST_SS_ONSTACK : 0;
}

/* Builds the frame of act's handler for sig (mask: what rt_sigreturn restores). */
static bool setup_frame(struct cpu *cpu, int sig, const uint8_t *info,
                        const struct guest_sigaction_rec *act, uint64_t mask)
{
    const struct target *t = cpu->target;
    if (!t->setup_sigframe || !t->get_sp)
        return false;
    uint64_t retaddr = (act->flags & GUEST_SA_RESTORER) ? act->restorer : sigreturn_trampoline(t);
    if (!retaddr)
        return false;
    uint64_t sp = t->get_sp(cpu);
    /* on the alternate stack already and about to overflow it: Linux gives up */
    if (on_sig_stack(sp) && !on_sig_stack(sp - t->sigframe_size))
        return false;
    struct guest_stack *ss = &guest_altstack;
    struct target_sigframe f = {
        .sig = sig, .info = info, .handler = act->handler, .retaddr = retaddr, .mask = mask,
        .ss_sp = ss->ss_sp, .ss_size = ss->ss_size,
        .ss_flags = ss->ss_size ? (int32_t)((uint32_t)ss->ss_flags & GUEST_SS_AUTODISARM)
                                : GUEST_SS_DISABLE,
    };
    if ((act->flags & GUEST_SA_ONSTACK) && sas_ss_flags(sp) == 0)
        sp = ss->ss_sp + ss->ss_size;
    f.addr = (sp - t->sigframe_size) & ~(uint64_t)15;
    if (sp < t->sigframe_size || !t->setup_sigframe(cpu, &f))
        return false;
    if ((uint32_t)ss->ss_flags & GUEST_SS_AUTODISARM)
        *ss = (struct guest_stack){ 0, 0, 0, 0 };
    return true;
}

/* Runs act's handler for sig next: the frame, then the handler's mask. */
static bool run_handler(struct cpu *cpu, int sig, const uint8_t *info,
                        const struct guest_sigaction_rec *act)
{
    uint64_t frame_mask = saved_mask_valid ? saved_mask : guest_sigmask;
    if (!setup_frame(cpu, sig, info, act, frame_mask))
        return false;
    saved_mask_valid = false;
    guest_sigmask |= act->mask | ((act->flags & GUEST_SA_NODEFER) ? 0 : SIGBIT(sig));
    guest_sigmask &= ~UNBLOCKABLE;
    sync_host_mask();
    return true;
}

/* The disposition of sig as delivery sees it, with SA_RESETHAND carried out. */
static struct guest_sigaction_rec take_action(int sig)
{
    pthread_mutex_lock(&sigact_lock);
    struct guest_sigaction_rec act = guest_sigactions[sig];
    if (act.handler != GUEST_SIG_DFL && act.handler != GUEST_SIG_IGN &&
        (act.flags & GUEST_SA_RESETHAND)) {
        guest_sigactions[sig].handler = GUEST_SIG_DFL;
        guest_sigactions[sig].flags &= ~GUEST_SA_SIGINFO;
        set_host_disposition(sig, &guest_sigactions[sig]);
    }
    pthread_mutex_unlock(&sigact_lock);
    return act;
}

/* Takes sig off this thread's or the process's recorded set; false if another thread got it
 * first. Host signals are held meanwhile, so the siginfo is not rewritten under us. */
static bool take_pending(int sig, uint8_t *info)
{
    uint64_t bit = SIGBIT(sig), old;
    bool got = false;
    host_setmask(ALL_SIGNALS, &old);
    if (thread_pending & bit) {
        memcpy(info, thread_info[sig], GUEST_SIGINFO_SIZE);
        __atomic_and_fetch(&thread_pending, ~bit, __ATOMIC_SEQ_CST);
        got = true;
    } else if (__atomic_fetch_and(&proc_pending, ~bit, __ATOMIC_SEQ_CST) & bit) {
        memcpy(info, proc_info[sig], GUEST_SIGINFO_SIZE);
        got = true;
    }
    host_setmask(old, NULL);
    return got;
}

static uint64_t recorded_pending(void)
{
    return __atomic_load_n(&thread_pending, __ATOMIC_SEQ_CST) |
           __atomic_load_n(&proc_pending, __ATOMIC_SEQ_CST);
}

void signal_deliver_pending(struct cpu *cpu)
{
    sig_kick = 0;       /* before looking: a signal recorded from now on sets it again */
    for (unsigned n = 0; n < GUEST_NSIG; n++) {
        uint64_t ready = recorded_pending() & ~guest_sigmask;
        if (!ready)
            break;
        int sig = __builtin_ctzll(ready) + 1;
        uint8_t info[GUEST_SIGINFO_SIZE];
        if (!take_pending(sig, info))
            continue;
        struct guest_sigaction_rec act = take_action(sig);
        if (act.handler == GUEST_SIG_IGN)
            continue;
        if (act.handler == GUEST_SIG_DFL) {
            take_default_action(sig);
            continue;
        }
        if (!run_handler(cpu, sig, info, &act))
            force_sigsegv(cpu, "cannot write a signal frame");
    }
    if (saved_mask_valid) {         /* no handler ran: the temporary mask ends here */
        guest_sigmask = saved_mask;
        saved_mask_valid = false;
        sync_host_mask();
    }
}

bool signal_deliver_fault(struct cpu *cpu, int sig, int code, uint64_t addr)
{
    if (sig < 1 || sig > GUEST_NSIG || (guest_sigmask & SIGBIT(sig)))
        return false;
    pthread_mutex_lock(&sigact_lock);
    uint64_t handler = guest_sigactions[sig].handler;
    pthread_mutex_unlock(&sigact_lock);
    if (handler == GUEST_SIG_DFL || handler == GUEST_SIG_IGN)
        return false;
    struct guest_sigaction_rec act = take_action(sig);
    uint8_t info[GUEST_SIGINFO_SIZE];
    memset(info, 0, sizeof(info));
    int32_t head[3] = { sig, 0, code };
    memcpy(info, head, sizeof(head));
    memcpy(info + 16, &addr, sizeof(addr));      /* si_addr */
    return run_handler(cpu, sig, info, &act);
}

/* ---- interrupted syscalls */

/* Syscalls SA_RESTART restarts (signal(7)); the rest return EINTR after a handler. */
static bool restartable(uint64_t nr)
{
    switch (nr) {
    case SYS_read: case SYS_readv: case SYS_write: case SYS_writev: case SYS_pread64:
    case SYS_pwrite64: case SYS_preadv: case SYS_pwritev: case SYS_preadv2: case SYS_pwritev2:
    case SYS_ioctl: case SYS_openat: case SYS_wait4: case SYS_waitid: case SYS_accept:
    case SYS_accept4: case SYS_connect: case SYS_recvfrom: case SYS_sendto: case SYS_recvmsg:
    case SYS_sendmsg: case SYS_flock: case SYS_fcntl: case SYS_futex: case SYS_getrandom:
    case SYS_splice: case SYS_tee: case SYS_sendfile: case SYS_copy_file_range:
    case SYS_fallocate: case SYS_mq_timedsend: case SYS_mq_timedreceive:
        return true;
    default:
        return false;
    }
}

int64_t signal_syscall_result(uint64_t nr, int64_t r)
{
    if (unlikely(wait_mask_used)) {
        wait_mask_used = false;
        /* interrupted while the temporary mask was in force: deliver under it */
        if (r == -EINTR && !saved_mask_valid) {
            saved_mask = guest_sigmask;
            saved_mask_valid = true;
            guest_sigmask = wait_mask;
        }
    }
    if (r != -EINTR || !restartable(nr))
        return r;
    uint64_t ready = recorded_pending() & ~guest_sigmask;
    if (!ready)
        return SYSCALL_RESTART;     /* no guest handler runs: Linux restarts */
    int sig = __builtin_ctzll(ready) + 1;
    pthread_mutex_lock(&sigact_lock);
    struct guest_sigaction_rec act = guest_sigactions[sig];
    pthread_mutex_unlock(&sigact_lock);
    if (act.handler != GUEST_SIG_DFL && act.handler != GUEST_SIG_IGN &&
        !(act.flags & GUEST_SA_RESTART))
        return r;
    return SYSCALL_RESTART;
}

/* ---- rt_sigaction */

int64_t sys_rt_sigaction(struct cpu *cpu, const uint64_t a[6])
{
    int sig = (int)a[0];
    const struct guest_abi *abi = guest_abi(cpu);
    size_t size = abi->sa_restorer ? 32 : 24;
    uint64_t raw[4];    /* handler, flags, [restorer,] mask */
    struct guest_sigaction_rec nact;

    if (a[3] != sizeof(uint64_t))
        return -EINVAL;
    if (a[1]) {
        if (copy_from_guest(raw, a[1], size))
            return -EFAULT;
        nact.handler = raw[0];
        nact.flags = raw[1] & GUEST_UAPI_SA_FLAGS;
        if (abi->sa_restorer) {
            nact.flags |= raw[1] & GUEST_SA_RESTORER;
            nact.restorer = raw[2];
            nact.mask = raw[3];
        } else {
            nact.restorer = 0;
            nact.mask = raw[2];
        }
        nact.mask &= ~UNBLOCKABLE;
    }
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (a[1] && (sig == GUEST_SIGKILL || sig == GUEST_SIGSTOP))
        return -EINVAL;
    if (a[1] && nact.handler != GUEST_SIG_DFL && nact.handler != GUEST_SIG_IGN &&
        !(nact.flags & GUEST_SA_RESTORER))
        sigreturn_trampoline(cpu->target);      /* map it now rather than at delivery */

    pthread_mutex_lock(&sigact_lock);
    struct guest_sigaction_rec old = guest_sigactions[sig];
    if (a[1]) {
        guest_sigactions[sig] = nact;
        set_host_disposition(sig, &nact);
        /* Setting SIG_IGN (or SIG_DFL for a default-ignore signal) discards pending ones. */
        if (nact.handler == GUEST_SIG_IGN ||
            (nact.handler == GUEST_SIG_DFL && default_is_ignore(sig))) {
            __atomic_and_fetch(&thread_pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
            __atomic_and_fetch(&proc_pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
            discard_host_pending(SIGBIT(sig));
        }
    }
    pthread_mutex_unlock(&sigact_lock);
    if (a[2]) {
        raw[0] = old.handler;
        raw[1] = old.flags;
        if (abi->sa_restorer) {
            raw[2] = old.restorer;
            raw[3] = old.mask;
        } else {
            raw[2] = old.mask;
        }
        if (copy_to_guest(a[2], raw, size))
            return -EFAULT;
    }
    return 0;
}

/* ---- rt_sigprocmask, rt_sigpending */

int64_t sys_rt_sigprocmask(struct cpu *cpu, const uint64_t a[6])
{
    int how = (int)a[0];
    uint64_t set, old = guest_sigmask;
    if (a[3] != sizeof(uint64_t))
        return -EINVAL;
    if (a[1]) {
        if (copy_from_guest(&set, a[1], sizeof(set)))
            return -EFAULT;
        uint64_t mask;
        switch (how) {
        case GUEST_SIG_BLOCK:   mask = old | set; break;
        case GUEST_SIG_UNBLOCK: mask = old & ~set; break;
        case GUEST_SIG_SETMASK: mask = set; break;
        default:                return -EINVAL;
        }
        guest_sigmask = mask & ~UNBLOCKABLE;
        /* Held signals now unblocked reach record_signal as this returns; the dispatcher
         * delivers them before the next guest instruction. */
        sync_host_mask();
    }
    if (a[2] && copy_to_guest(a[2], &old, sizeof(old)))
        return -EFAULT;
    return 0;
}

int64_t sys_rt_sigpending(struct cpu *cpu, const uint64_t a[6])
{
    if (a[1] > sizeof(uint64_t))
        return -EINVAL;
    uint64_t pending = (recorded_pending() | host_pending(guest_sigmask)) & guest_sigmask;
    return copy_to_guest(a[0], &pending, (size_t)a[1]);
}

/* ---- rt_sigreturn, rt_sigsuspend, rt_sigtimedwait */

int64_t sys_rt_sigreturn(struct cpu *cpu, const uint64_t a[6])
{
    const struct target *t = cpu->target;
    struct target_sigreturn r;
    uint64_t frame_sp = t->get_sp ? t->get_sp(cpu) : 0;
    if (!t->restore_sigframe || !t->restore_sigframe(cpu, &r))
        force_sigsegv(cpu, "bad signal frame in rt_sigreturn");
    guest_sigmask = r.mask & ~UNBLOCKABLE;
    sync_host_mask();
    /* restore_altstack: refused while the frame is on the current alternate stack (Linux:
     * EPERM, squashed; the kernel tests the stack pointer of the sigreturn, as checked on
     * the host: a handler that re-armed the stack it runs on keeps that setting). */
    if (!on_sig_stack(frame_sp)) {
        uint32_t mode = (uint32_t)r.ss_flags & ~GUEST_SS_AUTODISARM;
        if (mode == GUEST_SS_DISABLE)
            guest_altstack = (struct guest_stack){ 0, 0, 0, 0 };
        else if ((mode == 0 || mode == GUEST_SS_ONSTACK) &&
                 r.ss_size >= guest_abi(cpu)->minsigstksz)
            guest_altstack = (struct guest_stack){
                r.ss_sp, (int32_t)((uint32_t)r.ss_flags & GUEST_SS_AUTODISARM), 0, r.ss_size };
    }
    return SYSCALL_NO_RESULT;
}

int64_t sys_rt_sigsuspend(struct cpu *cpu, const uint64_t a[6])
{
    uint64_t set, host_old;
    if (a[1] != sizeof(uint64_t))
        return -EINVAL;
    if (copy_from_guest(&set, a[0], sizeof(set)))
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    /* No signal may slip in between the check and the wait: hold them all meanwhile. */
    host_setmask(ALL_SIGNALS, &host_old);
    saved_mask = guest_sigmask;
    saved_mask_valid = true;
    guest_sigmask = set;
    uint64_t during = (host_old & ~HOST_HELD) | (set & HOST_HELD);
    if (!(recorded_pending() & ~set))
        syscall(__NR_rt_sigsuspend, &during, sizeof(during));   /* EINTR once recorded */
    host_setmask(during, NULL);
    return -EINTR;      /* the handler runs with set; its frame restores the old mask */
}

int64_t sys_rt_sigtimedwait(struct cpu *cpu, const uint64_t a[6])
{
    uint64_t set, host_old;
    struct timespec ts;
    uint8_t info[GUEST_SIGINFO_SIZE];
    int64_t r;
    if (a[3] != sizeof(uint64_t))
        return -EINVAL;
    if (copy_from_guest(&set, a[0], sizeof(set)))
        return -EFAULT;
    if (a[2] && get_guest_timespec(&ts, a[2]))
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    memset(info, 0, sizeof(info));
    host_setmask(ALL_SIGNALS, &host_old);
    uint64_t ready = recorded_pending() & set;
    if (ready) {
        int sig = __builtin_ctzll(ready) + 1;
        host_setmask(host_old, NULL);
        if (!take_pending(sig, info))
            return -EINTR;          /* another thread took it: a spurious wake-up */
        r = sig;
    } else {
        /* The awaited signals stay blocked on the host, where the wait takes them; any other
         * signal with a handler interrupts it. */
        host_setmask(host_old | set, NULL);
        if (recorded_pending() & ~guest_sigmask) {
            r = -EINTR;
        } else {
            siginfo_t si;
            memset(&si, 0, sizeof(si));
            r = host_result(syscall(__NR_rt_sigtimedwait, &set, &si, a[2] ? &ts : NULL,
                                    sizeof(set)));
            if (r > 0)
                memcpy(info, &si, sizeof(info));
        }
        host_setmask(host_old, NULL);
    }
    if (r > 0 && a[1] && copy_to_guest(a[1], info, sizeof(info)))
        return -EFAULT;
    return r;
}

/* ---- sigaltstack */

int64_t sys_sigaltstack(struct cpu *cpu, const uint64_t a[6])
{
    uint64_t sp = cpu->target->get_sp ? cpu->target->get_sp(cpu) : 0;
    struct guest_stack old = guest_altstack, ss;
    old.ss_flags = sas_ss_flags(sp) |
                   (int32_t)((uint32_t)guest_altstack.ss_flags & GUEST_SS_AUTODISARM);
    old.pad = 0;
    if (a[0]) {
        if (copy_from_guest(&ss, a[0], sizeof(ss)))
            return -EFAULT;
        if (on_sig_stack(sp))
            return -EPERM;
        uint32_t mode = (uint32_t)ss.ss_flags & ~GUEST_SS_AUTODISARM;
        if (mode != GUEST_SS_DISABLE && mode != GUEST_SS_ONSTACK && mode != 0)
            return -EINVAL;
        if (mode == GUEST_SS_DISABLE) {
            guest_altstack = (struct guest_stack){ 0, 0, 0, 0 };
        } else {
            if (ss.ss_size < guest_abi(cpu)->minsigstksz)
                return -ENOMEM;
            guest_altstack = (struct guest_stack){
                ss.ss_sp, (int32_t)((uint32_t)ss.ss_flags & GUEST_SS_AUTODISARM), 0, ss.ss_size };
        }
    }
    if (a[1] && copy_to_guest(a[1], &old, sizeof(old)))
        return -EFAULT;
    return 0;
}

/* ---- kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo. Every one goes to the host:
 * its disposition of this process carries out the guest's (see the top of this file), and
 * record_signal takes the ones with guest handlers. */

int64_t sys_kill(struct cpu *cpu, const uint64_t a[6])
{
    int pid = (int)a[0], sig = (int)a[1];
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    return host_result(syscall(__NR_kill, pid, sig));
}

int64_t sys_tkill(struct cpu *cpu, const uint64_t a[6])
{
    int tid = (int)a[0], sig = (int)a[1];
    if (tid <= 0 || sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    return host_result(syscall(__NR_tkill, tid, sig));
}

int64_t sys_tgkill(struct cpu *cpu, const uint64_t a[6])
{
    int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    return host_result(syscall(__NR_tgkill, tgid, tid, sig));
}

int64_t sys_rt_sigqueueinfo(struct cpu *cpu, const uint64_t a[6])
{
    siginfo_t si;
    int sig = (int)a[1];
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (copy_from_guest(&si, a[2], sizeof(si)))
        return -EFAULT;
    return host_result(syscall(__NR_rt_sigqueueinfo, (int)a[0], sig, &si));
}

int64_t sys_rt_tgsigqueueinfo(struct cpu *cpu, const uint64_t a[6])
{
    siginfo_t si;
    int sig = (int)a[2];
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (copy_from_guest(&si, a[3], sizeof(si)))
        return -EFAULT;
    return host_result(syscall(__NR_rt_tgsigqueueinfo, (int)a[0], (int)a[1], sig, &si));
}

/* ---- interval timers (their signals are ordinary process signals) */

struct guest_itimerval {
    struct guest_timeval interval, value;
};

int64_t sys_setitimer(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_itimerval g = { { 0, 0 }, { 0, 0 } };
    struct itimerval nv, ov;
    if (a[1] && copy_from_guest(&g, a[1], sizeof(g)))
        return -EFAULT;
    nv.it_interval.tv_sec = g.interval.tv_sec;
    nv.it_interval.tv_usec = g.interval.tv_usec;
    nv.it_value.tv_sec = g.value.tv_sec;
    nv.it_value.tv_usec = g.value.tv_usec;
    if (syscall(__NR_setitimer, (int)a[0], &nv, a[2] ? &ov : NULL) < 0)
        return -errno;
    if (a[2]) {
        g = (struct guest_itimerval){ { ov.it_interval.tv_sec, ov.it_interval.tv_usec },
                                      { ov.it_value.tv_sec, ov.it_value.tv_usec } };
        if (copy_to_guest(a[2], &g, sizeof(g)))
            return -EFAULT;
    }
    return 0;
}

int64_t sys_getitimer(struct cpu *cpu, const uint64_t a[6])
{
    struct itimerval v;
    if (syscall(__NR_getitimer, (int)a[0], &v) < 0)
        return -errno;
    struct guest_itimerval g = { { v.it_interval.tv_sec, v.it_interval.tv_usec },
                                 { v.it_value.tv_sec, v.it_value.tv_usec } };
    return copy_to_guest(a[1], &g, sizeof(g)) ? -EFAULT : 0;
}

/* ---- threads and fork (thread.c) */

void signal_thread_init(uint64_t mask)
{
    guest_sigmask = mask & ~UNBLOCKABLE;
    guest_altstack = (struct guest_stack){ 0, 0, 0, 0 };    /* not inherited by threads */
    thread_pending = 0;
    saved_mask_valid = wait_mask_used = false;
}

void signal_thread_start(void)
{
    host_setmask(guest_sigmask & HOST_HELD, NULL);
}

/* Host glibc's first pthread_create installs its own SIGSETXID handler (late_init): the
 * guest's dispositions of 32 and 33 are put back afterwards. */
void signal_host_threads_started(void)
{
    pthread_mutex_lock(&sigact_lock);
    set_host_disposition(GUEST_SIGCANCEL, &guest_sigactions[GUEST_SIGCANCEL]);
    set_host_disposition(GUEST_SIGSETXID, &guest_sigactions[GUEST_SIGSETXID]);
    pthread_mutex_unlock(&sigact_lock);
}

void signal_fork_child(void)
{
    thread_pending = 0;         /* a new process starts with nothing pending */
    proc_pending = 0;
}
