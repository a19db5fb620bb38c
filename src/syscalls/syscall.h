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

/* Called by riscv_flush_icache (and later other explicit cache flushes): drops every
 * translation. Default: a no-op; the dispatcher points it at its flush. */
extern void (*guest_code_flush)(void);

/* Marks a host fd as crossrun's own (the -D log file): the guest can neither use nor close it. */
void syscall_reserve_fd(int fd);

#endif
