/*
 * signal.c - guest signals: dispositions, masks, pending signals, delivery to guest handlers
 * (frames through the target's hooks), rt_sigreturn, sigsuspend/sigtimedwait, sigaltstack,
 * kill/tkill/tgkill/sigqueue and interval timers.
 *
 * Policy: the host does what it can do itself. A guest SIG_DFL is the host's SIG_DFL (the
 * kernel kills, stops or ignores crossrun exactly as it would the guest, so the parent sees
 * the right status and Ctrl-C stops a spinning guest) and SIG_IGN the host's SIG_IGN. A guest
 * handler is crossrun's host handler (record_signal): it queues the signal for the guest -
 * thread-directed ones (tkill/tgkill, rt_tgsigqueueinfo to a thread of this process, the
 * signals of SIGEV_THREAD_ID timers) for the receiving thread, the rest for the process -
 * and sets interrupt_request on the receiving thread's CPU, so translated code leaves at the
 * next block. The dispatcher calls signal_deliver_pending at block boundaries (after a
 * syscall, on EXIT_INTERRUPT), which builds the guest frames.
 *
 * Queueing (signal_queue.c) follows Linux: a standard signal (1..31) is pending once per
 * queue (a second instance is dropped), every instance of a real-time signal (32..64) waits
 * with its own siginfo; delivery, rt_sigtimedwait and rt_sigpending take this thread's queue
 * before the process's, the synchronous fault signals first, then the lowest number, and a
 * real-time number's instances in order of arrival. Memory is bounded: a fixed pool holds
 * the real-time instances; when it runs low, record_signal leaves further ones pending in
 * the host kernel (which bounds them by RLIMIT_SIGPENDING) until delivery makes room, and
 * sigqueue to this process answers EAGAIN once the pool holds RLIMIT_SIGPENDING of them.
 * Blocked held signals wait in the host kernel, which queues them the same way; a guest
 * signalfd reads them there (event.c), and rt_sigtimedwait takes the lowest of what the host
 * holds and what is recorded.
 * SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP always stay crossrun's (fault.c): a guest fault goes
 * to signal_deliver_fault, and a copy of one of them sent with kill/tgkill is forwarded here.
 * Guest signals 32 and 33 (glibc's SIGCANCEL/SIGSETXID: pthread_cancel, setuid in threads)
 * are installed with the raw syscall, as host glibc refuses them.
 *
 * Masks are per thread (__thread guest_sigmask). The blockable signals the host can hold
 * (HOST_HELD: all but the fault signals and 33) are also blocked on the host thread, so a
 * blocked signal waits as a host pending signal (visible to a host signalfd, taken by
 * sigtimedwait) and the host delivers it to record_signal the moment the guest unblocks
 * it. The rest (the fault signals, 33) arrive at record_signal anyway and wait in the
 * recorded queues while blocked.
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
 * Done since the first version: real-time signals queue (above); robust futex lists are
 * walked when a thread or the process ends (thread.c, also for a fatal default action taken
 * here); POSIX timers (timer.c) send their signals through the same queues.
 *
 * Not done: signals of other processes' threads by tid; a process the host kernel kills
 * itself (SIGKILL, a guest SIG_DFL carried out by the host) walks no robust list (execve
 * does: process.c calls robust_list_exit_all before the host execve); a guest signalfd does
 * not see signals
 * already recorded here (only ones still pending in the host); instances dropped when the
 * pool is full (only possible for signal 33, which the host never holds, or with many
 * threads racing) are not reported.
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

#define SIGBIT(s) GUEST_SIGBIT(s)
#define UNBLOCKABLE (SIGBIT(GUEST_SIGKILL) | SIGBIT(GUEST_SIGSTOP))
/* crossrun's own host handlers (fault.c), whatever the guest's disposition */
#define FAULT_SIGNALS (SIGBIT(GUEST_SIGSEGV) | SIGBIT(GUEST_SIGBUS) | SIGBIT(GUEST_SIGILL) |     \
                       SIGBIT(GUEST_SIGFPE) | SIGBIT(GUEST_SIGTRAP))
#define GLIBC_SIGNALS (SIGBIT(GUEST_SIGCANCEL) | SIGBIT(GUEST_SIGSETXID))
/* Signal 32 is held too: the timer signal of glibc's SIGEV_THREAD helper thread, which
 * waits for it blocked (sigwaitinfo), must stay pending even when the guest has no handler
 * for it. 33 stays open for host glibc's setxid broadcast. */
#define HOST_HELD (~(UNBLOCKABLE | FAULT_SIGNALS | SIGBIT(GUEST_SIGSETXID)))
#define ALL_SIGNALS (~0ULL)

/* ---- state. Dispositions are process-wide (writes under sigact_lock); masks, the
 * alternate stack and thread-directed pending signals are per thread. */

struct guest_sigaction_rec guest_sigactions[GUEST_NSIG + 1];
static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;
__thread uint64_t guest_sigmask;
__thread struct guest_stack guest_altstack;  /* ss_size 0 = disabled; ss_flags: AUTODISARM */

/* Recorded by record_signal, taken by delivery: the queues of signal_queue.c, this thread's
 * (sigq_this_thread) and the process's (proc_sigq). Below SIGQ_LOW_WATER free pool entries
 * record_signal holds the real-time number it just queued on the host thread (in the mask
 * its return restores), so further instances wait in the host kernel; the first delivery
 * that frees room puts the mask back (sync_host_mask). */
#define SIGQ_LOW_WATER 1024
static __thread bool sigq_throttled;

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

/* rt_tgsigqueueinfo to a thread of this process marks its siginfo so record_signal knows it
 * was for that thread (the host's siginfo does not say): bytes 40..47, which no layout of a
 * sent signal (si_code <= 0: SI_QUEUE, SI_USER, SI_TKILL...) uses and the kernel carries as
 * they are (its siginfo is 48 bytes). Only a zero field is marked; record_signal and
 * rt_sigtimedwait clear the mark again. A guest that forges it only misdirects its own
 * signal. */
#define THREAD_TAG_OFFSET 40
#define THREAD_TAG 0x43525448524541ULL     /* an unlikely value */

/* Thread-directed: tkill/tgkill (SI_TKILL), rt_tgsigqueueinfo (tagged) and the signals of
 * SIGEV_THREAD_ID timers; the rest are the process's. */
static bool thread_directed(const siginfo_t *si, uint8_t *info)
{
    uint64_t tag;
    memcpy(&tag, info + THREAD_TAG_OFFSET, sizeof(tag));
    if (tag == THREAD_TAG) {
        memset(info + THREAD_TAG_OFFSET, 0, sizeof(tag));
        return true;
    }
    return si->si_code == SI_TKILL ||
           (si->si_code == SI_TIMER && timer_is_thread_directed(si->si_timerid));
}

static void record_signal(int sig, siginfo_t *si, void *ctx)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return;
    int saved_errno = errno;
    uint64_t bit = SIGBIT(sig);
    uint8_t info[GUEST_SIGINFO_SIZE];
    memcpy(info, si, sizeof(info));
    sigq_add(thread_directed(si, info) ? sigq_this_thread() : &proc_sigq, sig, info);
    ucontext_t *uc = ctx;
    if (sig >= GUEST_SIGRTMIN && (bit & HOST_HELD) && uc && sigq_pool_free() < SIGQ_LOW_WATER) {
        uint64_t held;      /* (sigaddset refuses 32 and 33) */
        memcpy(&held, &uc->uc_sigmask, sizeof(held));
        held |= bit;
        memcpy(&uc->uc_sigmask, &held, sizeof(held));
        sigq_throttled = true;
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

/* A kill-sent fault signal, forwarded by fault.c's handler, which runs with host signals
 * open: held meanwhile, so no handler on this thread takes the queue lock again. */
static void record_forwarded_signal(int sig, siginfo_t *si, void *ctx)
{
    int saved_errno = errno;
    uint64_t all = ALL_SIGNALS, old;
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all, &old, sizeof(all));
    record_signal(sig, si, ctx);
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &old, NULL, sizeof(old));
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
    fault_forward_signal = record_forwarded_signal;
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
        robust_list_exit_all();     /* the process dies: Linux walks every thread's list */
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

/* Takes the next recorded signal in allowed, Linux's dequeue_signal order: this thread's
 * queue first, then the process's; in each the synchronous signals, then the lowest number,
 * and a real-time number's instances in order of arrival. Returns its number, or 0 if there
 * is none (another thread may have taken it). Host signals are held meanwhile. */
static int take_pending(uint64_t allowed, uint8_t *info)
{
    uint64_t old;
    host_setmask(ALL_SIGNALS, &old);
    int sig = sigq_take(sigq_this_thread(), allowed, info);
    if (!sig)
        sig = sigq_take(&proc_sigq, allowed, info);
    host_setmask(old, NULL);
    if (!sig)
        return 0;
    timer_signal_delivered(info);
    if (sigq_throttled && sigq_pool_free() >= SIGQ_LOW_WATER) {
        sigq_throttled = false;
        sync_host_mask();           /* the host may deliver the instances it kept again */
    }
    return sig;
}

static uint64_t recorded_pending(void)
{
    return sigq_pending(sigq_this_thread()) | sigq_pending(&proc_sigq);
}

/* The number take_pending(allowed) would return now, or 0. */
static int next_recorded(uint64_t allowed)
{
    int sig = sigq_next_signal(sigq_pending(sigq_this_thread()) & allowed);
    return sig ? sig : sigq_next_signal(sigq_pending(&proc_sigq) & allowed);
}

/* Drops every recorded instance of sigs, in every thread's queue and the process's. */
static void discard_one_thread(struct guest_thread *t, void *arg)
{
    sigq_discard(t->sigq, *(const uint64_t *)arg);
}

static void discard_recorded(uint64_t sigs)
{
    uint64_t old;
    host_setmask(ALL_SIGNALS, &old);
    sigq_discard(&proc_sigq, sigs);
    guest_threads_for_each(discard_one_thread, &sigs);
    host_setmask(old, NULL);
}

/* Signals delivered at one block boundary at most (ignored ones included): a long queue of
 * real-time signals is worked through over several boundaries. */
#define DELIVER_AT_ONCE 256

void signal_deliver_pending(struct cpu *cpu)
{
    sig_kick = 0;       /* before looking: a signal recorded from now on sets it again */
    for (unsigned n = 0; n < DELIVER_AT_ONCE; n++) {
        uint8_t info[GUEST_SIGINFO_SIZE];
        int sig = take_pending(~guest_sigmask, info);
        if (!sig)
            break;
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
    if (recorded_pending() & ~guest_sigmask)
        cpu->interrupt_request = 1; /* more than one round's worth: the next block boundary */
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
    int sig = next_recorded(~guest_sigmask);
    if (!sig)
        return SYSCALL_RESTART;     /* no guest handler runs: Linux restarts */
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
            discard_recorded(SIGBIT(sig));
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
    /* Recorded signals and the ones the host holds for us (blocked): the lowest first. */
    uint64_t ours = recorded_pending() & set;
    int sig = sigq_next_signal(ours | host_pending(set));
    if (sig && (ours & SIGBIT(sig))) {
        host_setmask(host_old, NULL);
        r = take_pending(SIGBIT(sig), info);
        if (!r)
            r = -EINTR;             /* another thread took it: a spurious wake-up */
    } else {
        /* The awaited signals stay blocked on the host, where the wait takes them; any other
         * signal with a handler interrupts it. With recorded ones waiting as well, the host
         * is only asked for what it holds already. */
        host_setmask(host_old | set, NULL);
        if (recorded_pending() & ~guest_sigmask) {
            r = -EINTR;
        } else {
            siginfo_t si;
            struct timespec zero = { 0, 0 };
            memset(&si, 0, sizeof(si));
            r = host_result(syscall(__NR_rt_sigtimedwait, &set, &si,
                                    ours ? &zero : a[2] ? &ts : NULL, sizeof(set)));
            if (r > 0) {
                memcpy(info, &si, sizeof(info));
                thread_directed(&si, info);     /* clears rt_tgsigqueueinfo's mark */
                timer_signal_delivered(info);
            }
        }
        host_setmask(host_old, NULL);
        if (r == -EAGAIN && ours && !(r = take_pending(ours, info)))
            r = -EINTR;
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

/* RLIMIT_SIGPENDING for signals queued to this process: the host kernel counts the ones it
 * holds, crossrun the real-time ones it has taken and not delivered yet. */
static bool sigqueue_full(pid_t pid, int sig)
{
    struct rlimit lim;
    if (sig < GUEST_SIGRTMIN || pid != getpid() || getrlimit(RLIMIT_SIGPENDING, &lim) != 0)
        return false;
    return lim.rlim_cur != RLIM_INFINITY && sigq_pool_used() >= lim.rlim_cur;
}

int64_t sys_rt_sigqueueinfo(struct cpu *cpu, const uint64_t a[6])
{
    siginfo_t si;
    int sig = (int)a[1];
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (copy_from_guest(&si, a[2], sizeof(si)))
        return -EFAULT;
    if (sigqueue_full((pid_t)a[0], sig))
        return -EAGAIN;
    return host_result(syscall(__NR_rt_sigqueueinfo, (int)a[0], sig, &si));
}

int64_t sys_rt_tgsigqueueinfo(struct cpu *cpu, const uint64_t a[6])
{
    siginfo_t si;
    uint64_t spare;
    int sig = (int)a[2];
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (copy_from_guest(&si, a[3], sizeof(si)))
        return -EFAULT;
    if (sigqueue_full((pid_t)a[0], sig))
        return -EAGAIN;
    memcpy(&spare, (uint8_t *)&si + THREAD_TAG_OFFSET, sizeof(spare));
    if ((pid_t)a[0] == getpid() && spare == 0 && si.si_code <= 0) {
        spare = THREAD_TAG;         /* for record_signal: this thread's, not the process's */
        memcpy((uint8_t *)&si + THREAD_TAG_OFFSET, &spare, sizeof(spare));
    }
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
    sigq_throttled = false;         /* its queue starts empty (new TLS) */
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
    sigq_fork_child();          /* a new process starts with nothing pending */
    sigq_throttled = false;
}

void signal_thread_exit(void)
{
    sigq_discard(sigq_this_thread(), ALL_SIGNALS);
}
