/*
 * fault.c - turning host SIGSEGV/SIGBUS caused by guest memory accesses into guest faults.
 *
 * Three places can touch guest memory: translated code (each access has a fault stub the
 * backend redirects to, which leaves with EXIT_EXCEPTION and an exact guest state), C code
 * running for the guest (the interpreter, helpers, syscall copies), which brackets its
 * accesses with a recovery point the handler siglongjmps to, and anything else, which is an
 * emulator bug and is reported as one. The handler runs on an alternate stack with
 * SA_NODEFER so a recovery by siglongjmp leaves the signal unblocked.
 *
 * SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP are always crossrun's: one that was sent
 * (si_code <= 0: kill, tgkill, sigqueue) rather than raised by a fault is the guest's
 * business and goes to fault_forward_signal (the signal layer records it for the guest).
 * A real SIGILL/SIGFPE/SIGTRAP of the host can only be an emulator bug.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "exec.h"
#include "../loader/guest_mem.h"

__thread struct fault_recover *fault_recover_point;
void (*fault_forward_signal)(int sig, siginfo_t *si, void *ctx);

void fault_raise(uint64_t guest_addr, enum guest_exc cause)
{
    struct fault_recover *r = fault_recover_point;
    if (!r)
        panic("guest fault at %#lx outside guest execution", (unsigned long)guest_addr);
    r->addr = guest_addr;
    r->cause = cause;
    siglongjmp(r->jb, 1);
}

static void die_of_host_signal(int sig, siginfo_t *si, ucontext_t *uc)
{
    char buf[160];
    int n = snprintf(buf, sizeof(buf),
                     "crossrun: internal error: host signal %d at pc %#lx, address %p\n", sig,
                     (unsigned long)uc->uc_mcontext.gregs[REG_RIP], si->si_addr);
    if (write(2, buf, (size_t)n) < 0) { /* nothing more we can do */ }
    signal(sig, SIG_DFL);
    raise(sig);
    _exit(128 + sig);
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    if (si->si_code <= 0) {         /* sent, not a fault */
        if (fault_forward_signal)
            fault_forward_signal(sig, si, ctx);
        return;
    }
    uintptr_t addr = (uintptr_t)si->si_addr;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if ((sig != SIGSEGV && sig != SIGBUS) || !host_in_guest_or_guard(addr))
        die_of_host_signal(sig, si, uc);
    uint64_t ga = addr - (uintptr_t)guest_base;
    /* A host SIGBUS in guest memory is a file mapping past the end of its file. */
    enum guest_exc cause = EXC_BUS_ADRERR;
    if (sig == SIGSEGV)
        cause = guest_page_mapped(ga) ? EXC_SEGV_ACCERR : EXC_SEGV_MAPERR;
    if (code_cache_contains(pc)) {
        struct tb *tb = tb_find_by_host_pc(pc);
        if (tb && x86_fault_redirect(uc, tb, pc, ga, cause))
            return;
        die_of_host_signal(sig, si, uc);
    }
    if (fault_recover_point) {
        fault_recover_point->addr = ga;
        fault_recover_point->cause = cause;
        siglongjmp(fault_recover_point->jb, 1);
    }
    die_of_host_signal(sig, si, uc);
}

/* Each thread that runs guest code needs its own alternate signal stack. */
void fault_thread_init(void)
{
    stack_t ss = { .ss_size = 64 * 1024 };
    ss.ss_sp = malloc(ss.ss_size);
    if (ss.ss_sp)
        sigaltstack(&ss, NULL);
}

/* A guest thread ends: its alternate signal stack goes (signals are blocked by then). */
void fault_thread_exit(void)
{
    stack_t ss = { .ss_flags = SS_DISABLE }, old;
    if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE) &&
        sigaltstack(&ss, NULL) == 0)
        free(old.ss_sp);
}

void fault_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    fault_thread_init();
}
