/*
 * syscall.h - the generic Linux syscall layer shared by riscv64 and aarch64 (both use the
 * asm-generic numbers). A target's syscall() hook reads the number and six arguments from
 * its registers, calls do_syscall and writes back the result (a guest errno as -E... on
 * failure).
 *
 * The table is data: [nr] = { name, handler, strace format }. Unknown numbers return
 * -ENOSYS exactly and are reported once under -d unimp (or -strace). Every guest pointer is
 * checked: a bad one gives -EFAULT, never a crash.
 */
#ifndef CROSSRUN_SYSCALL_H
#define CROSSRUN_SYSCALL_H

#include "../common.h"

struct cpu;

int64_t do_syscall(struct cpu *cpu, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5);

/* Two results do_syscall may return besides a value or -errno (both outside -4095..-1 and
 * below any value a syscall returns). The target hook then writes no result register:
 *   SYSCALL_RESTART   the call was interrupted by a signal whose handler has SA_RESTART (or
 *                     none that the guest sees): set the PC back to the syscall instruction,
 *                     argument registers untouched, so it runs again after the handler;
 *   SYSCALL_NO_RESULT every register is already what it must be (rt_sigreturn restored
 *                     them all, the PC included). */
#define SYSCALL_RESTART   (INT64_MIN + 1)
#define SYSCALL_NO_RESULT (INT64_MIN + 2)

/* ---- signals for the dispatcher (signal.c) */
/* Delivers the guest signals pending for this thread and not blocked: a frame for each one
 * with a handler, the default action for the rest. Called at block boundaries only. */
void signal_deliver_pending(struct cpu *cpu);
/* A synchronous guest fault (sig, si_code, si_addr): builds the frame of the guest's handler
 * and returns true, or returns false if the guest has none, blocks or ignores sig, or the
 * frame cannot be written: the caller then takes the default action (Linux's force_sig). */
bool signal_deliver_fault(struct cpu *cpu, int sig, int code, uint64_t addr);

/* Program-wide facts the syscall layer needs (set by main before the guest starts). */
struct guest_process {
    const char *exe_path;      /* absolute host path of the guest program (/proc/self/exe) */
    const char *sysroot;       /* -L directory or NULL */
    uint64_t auxv_addr, auxv_len; /* guest copy of auxv, for /proc/self/auxv */
    uint64_t argv_start, argv_end; /* guest range of argument strings, for /proc/self/cmdline */
    /* For execve of a foreign program: crossrun runs it again with the same settings. */
    const char *crossrun_path;     /* absolute host path of the crossrun binary */
    char **crossrun_args;          /* NULL-terminated options to pass again (-L, -cpu, -d, -D,
                                      -strace, --engine), never -E/-U/-0 (the guest's execve
                                      arguments and environment rule) */
};
extern struct guest_process guest_process;

/* Called by riscv_flush_icache when it names no usable range (a range goes to
 * guest_code_invalidate), and later other explicit cache flushes: drops every translation.
 * Default: a no-op; the dispatcher points it at its flush. */
extern void (*guest_code_flush)(void);

/* Marks a host fd as crossrun's own (the -D log file): the guest can neither use nor close it. */
void syscall_reserve_fd(int fd);

#endif
