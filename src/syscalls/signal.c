/*
 * signal.c - the guest's signal state, recorded faithfully while delivery to guest handlers
 * is not implemented yet: rt_sigaction and rt_sigprocmask validate like Linux and return
 * what was set; sigaltstack is recorded; signals a guest sends itself take their default
 * action on the host process (so abort() ends crossrun with SIGABRT, as the parent
 * expects), or stay pending while the guest blocks them, or vanish if ignored.
 *
 * Guest signal numbers (asm-generic) equal the x86_64 ones for 1..64. A guest SIG_IGN for
 * an ordinary signal (not one crossrun handles itself, not real-time) is mirrored on the
 * host, so that e.g. an ignored SIGPIPE gives the guest EPIPE instead of killing crossrun.
 *
 * struct sigaction differs per guest: riscv64 has { handler, flags, mask } (no
 * SA_RESTORER), aarch64 { handler, flags, restorer, mask }: guest_abi() says which.
 *
 * The guest's mask is also the host's for the signals crossrun can let the host hold
 * (HOST_HELD: all but SIGKILL/SIGSTOP, the fault signals crossrun handles, and glibc's 32
 * and 33): a blocked signal, sent by the guest itself or by another process, waits as a
 * pending signal of the host process, where a signalfd (a host signalfd) sees it and a
 * read consumes it. When the guest unblocks one, crossrun takes it from the host and acts
 * on it here. The mask is inherited across execve like Linux's: at start-up the guest
 * mask is the host's.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"
#include "../log.h"

enum {
    GUEST_SIGKILL = 9, GUEST_SIGSEGV = 11, GUEST_SIGSTOP = 19, GUEST_SIGBUS = 7,
    GUEST_SIGILL = 4, GUEST_SIGFPE = 8, GUEST_SIGTRAP = 5, GUEST_SIGCHLD = 17,
    GUEST_SIGCONT = 18, GUEST_SIGURG = 23, GUEST_SIGWINCH = 28,
    GUEST_SIGTSTP = 20, GUEST_SIGTTIN = 21, GUEST_SIGTTOU = 22,
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

#define SIGBIT(s) (1ULL << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(GUEST_SIGKILL) | SIGBIT(GUEST_SIGSTOP))
#define HOST_HELD (~(UNBLOCKABLE | SIGBIT(GUEST_SIGSEGV) | SIGBIT(GUEST_SIGBUS) |               \
                     SIGBIT(GUEST_SIGILL) | SIGBIT(GUEST_SIGFPE) | SIGBIT(GUEST_SIGTRAP) |     \
                     SIGBIT(32) | SIGBIT(33)))

struct guest_sigaction_rec guest_sigactions[GUEST_NSIG + 1];
uint64_t guest_sigmask;
static uint64_t guest_sigpending;   /* self-sent signals held back by guest_sigmask */
struct guest_stack guest_altstack;  /* ss_size 0 = disabled */

/* ---- the host's share of the guest mask (HOST_HELD signals) */

/* Sets the host thread's mask to the guest's for the held signals. */
static void sync_host_mask(void)
{
    uint64_t cur;
    if (syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL, &cur, sizeof(cur)) < 0)
        return;
    uint64_t want = (cur & ~HOST_HELD) | (guest_sigmask & HOST_HELD);
    if (want != cur)
        syscall(__NR_rt_sigprocmask, SIG_SETMASK, &want, NULL, sizeof(want));
}

/* The held signals in which the host has pending (blocked) for this thread or process. */
static uint64_t host_pending(uint64_t which)
{
    uint64_t set = 0;
    if (syscall(__NR_rt_sigpending, &set, sizeof(set)) < 0)
        return 0;
    return set & which & HOST_HELD;
}

/* Takes the pending held signals in which off the host (every queued instance); returns
 * which of them were pending. */
static uint64_t take_host_pending(uint64_t which)
{
    uint64_t taken = 0, pend = host_pending(which);
    struct timespec zero = { 0, 0 };
    for (int sig = 1; pend && sig <= GUEST_NSIG; sig++) {
        if (!(pend & SIGBIT(sig)))
            continue;
        uint64_t one = SIGBIT(sig);
        while (syscall(__NR_rt_sigtimedwait, &one, NULL, &zero, sizeof(one)) == sig)
            taken |= one;
    }
    return taken;
}

uint64_t host_wait_mask(uint64_t guest_mask)
{
    uint64_t cur = 0;
    syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL, &cur, sizeof(cur));
    return (cur & ~HOST_HELD) | (guest_mask & HOST_HELD & ~UNBLOCKABLE);
}

/* execve keeps the mask: a guest started by a guest's execve inherits it from the host. */
__attribute__((constructor)) static void inherit_host_mask(void)
{
    uint64_t cur = 0;
    if (syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL, &cur, sizeof(cur)) == 0)
        guest_sigmask = cur & HOST_HELD;
}

/* ---- what happens to a signal the guest sends itself */

static bool default_is_ignore(int sig)
{
    return sig == GUEST_SIGCHLD || sig == GUEST_SIGURG || sig == GUEST_SIGWINCH ||
           sig == GUEST_SIGCONT;
}

/* The default action, carried out by the host kernel on crossrun itself: terminate (the
 * parent sees the guest's signal), stop, or nothing. */
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
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    syscall(__NR_tgkill, getpid(), gettid(), sig);
}

/* A signal for this process, not blocked by the guest (or becoming unblocked). */
static void deliver_to_self(int sig)
{
    uint64_t handler = guest_sigactions[sig].handler;
    if (handler == GUEST_SIG_IGN && sig != GUEST_SIGKILL && sig != GUEST_SIGSTOP)
        return;
    if (handler != GUEST_SIG_DFL && sig != GUEST_SIGKILL && sig != GUEST_SIGSTOP) {
        if (default_is_ignore(sig))
            return;
        report_unimp_once("signal", (uint64_t)sig,
                          "signal %d has a guest handler, but delivery to guest handlers is "
                          "not supported yet: taking the default action", sig);
    }
    take_default_action(sig);
}

/* thread: sent with tkill/tgkill rather than kill (the host's siginfo says which). */
static int64_t send_to_self(int sig, bool thread)
{
    if (sig == 0)
        return 0;
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if ((guest_sigmask & SIGBIT(sig)) && !(UNBLOCKABLE & SIGBIT(sig))) {
        if (guest_sigactions[sig].handler == GUEST_SIG_IGN)
            return 0;
        if (HOST_HELD & SIGBIT(sig)) {      /* blocked on the host too: it waits there */
            sync_host_mask();
            if (thread)
                return host_result(syscall(__NR_tgkill, getpid(), gettid(), sig));
            return host_result(syscall(__NR_kill, getpid(), sig));
        }
        guest_sigpending |= SIGBIT(sig);
        return 0;
    }
    deliver_to_self(sig);
    return 0;
}

/* ---- rt_sigaction */

/* Signals whose host disposition crossrun needs (fault recovery) or glibc owns (32, 33 and
 * the other real-time ones are left alone). */
static bool host_mirrors(int sig)
{
    return sig < 32 && sig != GUEST_SIGSEGV && sig != GUEST_SIGBUS && sig != GUEST_SIGILL &&
           sig != GUEST_SIGFPE && sig != GUEST_SIGTRAP && sig != GUEST_SIGKILL &&
           sig != GUEST_SIGSTOP;
}

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

    struct guest_sigaction_rec old = guest_sigactions[sig];
    if (a[1]) {
        guest_sigactions[sig] = nact;
        if (host_mirrors(sig)) {
            if (nact.handler == GUEST_SIG_IGN)
                signal(sig, SIG_IGN);
            else if (old.handler == GUEST_SIG_IGN)
                signal(sig, SIG_DFL);
        }
        /* Setting SIG_IGN (or SIG_DFL for a default-ignore signal) discards pending ones. */
        if (nact.handler == GUEST_SIG_IGN ||
            (nact.handler == GUEST_SIG_DFL && default_is_ignore(sig))) {
            guest_sigpending &= ~SIGBIT(sig);
            take_host_pending(SIGBIT(sig));
        }
    }
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
    }
    if (a[2] && copy_to_guest(a[2], &old, sizeof(old)))
        return -EFAULT;
    /* Pending signals that are now unblocked happen now, lowest first; the host's are taken
     * from it before it is told of the new mask. */
    uint64_t ready = (guest_sigpending | take_host_pending(old & ~guest_sigmask)) &
                     ~guest_sigmask;
    sync_host_mask();
    for (int sig = 1; ready && sig <= GUEST_NSIG; sig++) {
        if (ready & SIGBIT(sig)) {
            guest_sigpending &= ~SIGBIT(sig);
            ready &= ~SIGBIT(sig);
            deliver_to_self(sig);
        }
    }
    return 0;
}

int64_t sys_rt_sigpending(struct cpu *cpu, const uint64_t a[6])
{
    if (a[1] > sizeof(uint64_t))
        return -EINVAL;
    uint64_t pending = (guest_sigpending | host_pending(guest_sigmask)) & guest_sigmask;
    return copy_to_guest(a[0], &pending, (size_t)a[1]);
}

/* ---- sigaltstack */

int64_t sys_sigaltstack(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_stack old = guest_altstack, ss;
    /* Not on the alternate stack: no guest handler ever runs yet. */
    old.ss_flags = (old.ss_size == 0 ? GUEST_SS_DISABLE : 0) |
                   (int32_t)((uint32_t)guest_altstack.ss_flags & GUEST_SS_AUTODISARM);
    old.pad = 0;
    if (old.ss_size == 0)
        old.ss_sp = 0;
    if (a[0]) {
        if (copy_from_guest(&ss, a[0], sizeof(ss)))
            return -EFAULT;
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

/* ---- kill, tkill, tgkill */

int64_t sys_kill(struct cpu *cpu, const uint64_t a[6])
{
    int pid = (int)a[0], sig = (int)a[1];
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (pid == getpid())
        return send_to_self(sig, false);
    /* Other processes, or groups that may include this one: the host delivers it, and the
     * host disposition of this process (default, or a mirrored SIG_IGN) applies. */
    return host_result(syscall(__NR_kill, pid, sig));
}

int64_t sys_tkill(struct cpu *cpu, const uint64_t a[6])
{
    int tid = (int)a[0], sig = (int)a[1];
    if (tid <= 0 || sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (tid == gettid())
        return send_to_self(sig, true);
    return host_result(syscall(__NR_tkill, tid, sig));
}

int64_t sys_tgkill(struct cpu *cpu, const uint64_t a[6])
{
    int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (tgid == getpid() && tid == gettid())
        return send_to_self(sig, true);
    return host_result(syscall(__NR_tgkill, tgid, tid, sig));
}
