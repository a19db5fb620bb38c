/*
 * table.c - the syscall table and do_syscall, the one entry point from a target's syscall
 * hook. The table is indexed by the asm-generic number (riscv64 and aarch64 share it) and
 * names every number Linux defines there, so -strace and -d unimp can name unsupported
 * ones; an entry without a handler (or a number past the table) returns -ENOSYS exactly,
 * reported once per number.
 *
 * Also here: the per-guest ABI facts that differ between asm-generic guests (struct
 * sigaction, O_* bits, MINSIGSTKSZ), the reserved host fds, and struct guest_process.
 *
 * aarch64 notes for later: it also has renameat (38); its O_DIRECTORY/O_NOFOLLOW/O_DIRECT/
 * O_LARGEFILE bits and struct sigaction (sa_restorer) differ - see guest_abis below.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "../log.h"

struct guest_process guest_process;

/* Arguments shown by -strace for the calls crossrun handles, and the names of the rest. */
#define A(...) { __VA_ARGS__ }
const struct syscall_def syscall_table[SYS_NR_MAX] = {
    /* files and I/O (fs.c, ioctl.c) */
    [SYS_read]          = { "read", sys_read, A(ARG_FD, ARG_PTR, ARG_ULONG) },
    [SYS_write]         = { "write", sys_write, A(ARG_FD, ARG_WBUF, ARG_ULONG) },
    [SYS_readv]         = { "readv", sys_readv, A(ARG_FD, ARG_PTR, ARG_INT) },
    [SYS_writev]        = { "writev", sys_writev, A(ARG_FD, ARG_PTR, ARG_INT) },
    [SYS_pread64]       = { "pread64", sys_pread64, A(ARG_FD, ARG_PTR, ARG_ULONG, ARG_LONG) },
    [SYS_pwrite64]      = { "pwrite64", sys_pwrite64, A(ARG_FD, ARG_WBUF, ARG_ULONG, ARG_LONG) },
    [SYS_preadv]        = { "preadv", sys_preadv, A(ARG_FD, ARG_PTR, ARG_INT, ARG_LONG) },
    [SYS_pwritev]       = { "pwritev", sys_pwritev, A(ARG_FD, ARG_PTR, ARG_INT, ARG_LONG) },
    [SYS_preadv2]       = { "preadv2", sys_preadv2,
                            A(ARG_FD, ARG_PTR, ARG_INT, ARG_LONG, ARG_LONG, ARG_HEX) },
    [SYS_pwritev2]      = { "pwritev2", sys_pwritev2,
                            A(ARG_FD, ARG_PTR, ARG_INT, ARG_LONG, ARG_LONG, ARG_HEX) },
    [SYS_openat]        = { "openat", sys_openat, A(ARG_DIRFD, ARG_PATH, ARG_OFLAGS, ARG_OPENMODE) },
    [SYS_close]         = { "close", sys_close, A(ARG_FD) },
    [SYS_close_range]   = { "close_range", sys_close_range, A(ARG_INT, ARG_INT, ARG_HEX) },
    [SYS_lseek]         = { "lseek", sys_lseek, A(ARG_FD, ARG_LONG, ARG_WHENCE) },
    [SYS_fstat]         = { "fstat", sys_fstat, A(ARG_FD, ARG_PTR) },
    [SYS_newfstatat]    = { "newfstatat", sys_newfstatat,
                            A(ARG_DIRFD, ARG_PATH, ARG_PTR, ARG_ATFLAGS) },
    [SYS_statx]         = { "statx", sys_statx,
                            A(ARG_DIRFD, ARG_PATH, ARG_ATFLAGS, ARG_HEX, ARG_PTR) },
    [SYS_getdents64]    = { "getdents64", sys_getdents64, A(ARG_FD, ARG_PTR, ARG_ULONG) },
    [SYS_readlinkat]    = { "readlinkat", sys_readlinkat,
                            A(ARG_DIRFD, ARG_PATH, ARG_PTR, ARG_ULONG) },
    [SYS_faccessat]     = { "faccessat", sys_faccessat, A(ARG_DIRFD, ARG_PATH, ARG_ACCESS) },
    [SYS_faccessat2]    = { "faccessat2", sys_faccessat2,
                            A(ARG_DIRFD, ARG_PATH, ARG_ACCESS, ARG_ATFLAGS) },
    [SYS_getcwd]        = { "getcwd", sys_getcwd, A(ARG_PTR, ARG_ULONG) },
    [SYS_chdir]         = { "chdir", sys_chdir, A(ARG_PATH) },
    [SYS_fchdir]        = { "fchdir", sys_fchdir, A(ARG_FD) },
    [SYS_mkdirat]       = { "mkdirat", sys_mkdirat, A(ARG_DIRFD, ARG_PATH, ARG_OCT) },
    [SYS_mknodat]       = { "mknodat", sys_mknodat, A(ARG_DIRFD, ARG_PATH, ARG_OCT, ARG_HEX) },
    [SYS_unlinkat]      = { "unlinkat", sys_unlinkat, A(ARG_DIRFD, ARG_PATH, ARG_ATFLAGS) },
    [SYS_renameat2]     = { "renameat2", sys_renameat2,
                            A(ARG_DIRFD, ARG_PATH, ARG_DIRFD, ARG_PATH, ARG_HEX) },
    [SYS_symlinkat]     = { "symlinkat", sys_symlinkat, A(ARG_PATH, ARG_DIRFD, ARG_PATH) },
    [SYS_linkat]        = { "linkat", sys_linkat,
                            A(ARG_DIRFD, ARG_PATH, ARG_DIRFD, ARG_PATH, ARG_ATFLAGS) },
    [SYS_fchmod]        = { "fchmod", sys_fchmod, A(ARG_FD, ARG_OCT) },
    [SYS_fchmodat]      = { "fchmodat", sys_fchmodat, A(ARG_DIRFD, ARG_PATH, ARG_OCT) },
    [SYS_fchown]        = { "fchown", sys_fchown, A(ARG_FD, ARG_INT, ARG_INT) },
    [SYS_fchownat]      = { "fchownat", sys_fchownat,
                            A(ARG_DIRFD, ARG_PATH, ARG_INT, ARG_INT, ARG_ATFLAGS) },
    [SYS_utimensat]     = { "utimensat", sys_utimensat,
                            A(ARG_DIRFD, ARG_PATH, ARG_PTR, ARG_ATFLAGS) },
    [SYS_truncate]      = { "truncate", sys_truncate, A(ARG_PATH, ARG_LONG) },
    [SYS_ftruncate]     = { "ftruncate", sys_ftruncate, A(ARG_FD, ARG_LONG) },
    [SYS_fsync]         = { "fsync", sys_fsync, A(ARG_FD) },
    [SYS_fdatasync]     = { "fdatasync", sys_fdatasync, A(ARG_FD) },
    [SYS_sync]          = { "sync", sys_sync, A(ARG_NONE) },
    [SYS_statfs]        = { "statfs", sys_statfs, A(ARG_PATH, ARG_PTR) },
    [SYS_fstatfs]       = { "fstatfs", sys_fstatfs, A(ARG_FD, ARG_PTR) },
    [SYS_fallocate]     = { "fallocate", sys_fallocate, A(ARG_FD, ARG_HEX, ARG_LONG, ARG_LONG) },
    [SYS_fadvise64]     = { "fadvise64", sys_fadvise64, A(ARG_FD, ARG_LONG, ARG_LONG, ARG_INT) },
    [SYS_flock]         = { "flock", sys_flock, A(ARG_FD, ARG_HEX) },
    [SYS_sendfile]      = { "sendfile", sys_sendfile, A(ARG_FD, ARG_FD, ARG_PTR, ARG_ULONG) },
    [SYS_dup]           = { "dup", sys_dup, A(ARG_FD) },
    [SYS_dup3]          = { "dup3", sys_dup3, A(ARG_FD, ARG_FD, ARG_OFLAGS) },
    [SYS_fcntl]         = { "fcntl", sys_fcntl, A(ARG_FD, ARG_FCNTL, ARG_HEX) },
    [SYS_pipe2]         = { "pipe2", sys_pipe2, A(ARG_PTR, ARG_OFLAGS) },
    [SYS_ppoll]         = { "ppoll", sys_ppoll, A(ARG_PTR, ARG_ULONG, ARG_PTR, ARG_PTR, ARG_ULONG) },
    [SYS_pselect6]      = { "pselect6", sys_pselect6,
                            A(ARG_INT, ARG_PTR, ARG_PTR, ARG_PTR, ARG_PTR, ARG_PTR) },
    [SYS_ioctl]         = { "ioctl", sys_ioctl, A(ARG_FD, ARG_IOCTL, ARG_HEX) },

    /* memory (mm.c) */
    [SYS_brk]           = { "brk", sys_brk, A(ARG_PTR), RET_HEX },
    [SYS_mmap]          = { "mmap", sys_mmap,
                            A(ARG_PTR, ARG_ULONG, ARG_PROT, ARG_MAPFLAGS, ARG_FD, ARG_HEX), RET_HEX },
    [SYS_munmap]        = { "munmap", sys_munmap, A(ARG_PTR, ARG_ULONG) },
    [SYS_mprotect]      = { "mprotect", sys_mprotect, A(ARG_PTR, ARG_ULONG, ARG_PROT) },
    [SYS_mremap]        = { "mremap", sys_mremap,
                            A(ARG_PTR, ARG_ULONG, ARG_ULONG, ARG_HEX, ARG_PTR), RET_HEX },
    [SYS_madvise]       = { "madvise", sys_madvise, A(ARG_PTR, ARG_ULONG, ARG_INT) },
    [SYS_msync]         = { "msync", sys_msync, A(ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_mlock]         = { "mlock", sys_mlock, A(ARG_PTR, ARG_ULONG) },
    [SYS_munlock]       = { "munlock", sys_munlock, A(ARG_PTR, ARG_ULONG) },
    [SYS_mlock2]        = { "mlock2", sys_mlock2, A(ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_mlockall]      = { "mlockall", sys_mlockall, A(ARG_HEX) },
    [SYS_munlockall]    = { "munlockall", sys_munlockall, A(ARG_NONE) },
    [SYS_membarrier]    = { "membarrier", sys_enosys, A(ARG_INT, ARG_HEX, ARG_INT) },
    [SYS_riscv_flush_icache] = { "riscv_flush_icache", sys_riscv_flush_icache,
                                 A(ARG_PTR, ARG_PTR, ARG_HEX) },
    [SYS_riscv_hwprobe] = { "riscv_hwprobe", sys_enosys,
                            A(ARG_PTR, ARG_ULONG, ARG_ULONG, ARG_PTR, ARG_HEX) },

    /* time (time.c) */
    [SYS_clock_gettime] = { "clock_gettime", sys_clock_gettime, A(ARG_CLOCK, ARG_PTR) },
    [SYS_clock_getres]  = { "clock_getres", sys_clock_getres, A(ARG_CLOCK, ARG_PTR) },
    [SYS_gettimeofday]  = { "gettimeofday", sys_gettimeofday, A(ARG_PTR, ARG_PTR) },
    [SYS_nanosleep]     = { "nanosleep", sys_nanosleep, A(ARG_PTR, ARG_PTR) },
    [SYS_clock_nanosleep] = { "clock_nanosleep", sys_clock_nanosleep,
                              A(ARG_CLOCK, ARG_HEX, ARG_PTR, ARG_PTR) },
    [SYS_times]         = { "times", sys_times, A(ARG_PTR) },

    /* process (proc.c) */
    [SYS_getpid]        = { "getpid", sys_getpid, A(ARG_NONE) },
    [SYS_getppid]       = { "getppid", sys_getppid, A(ARG_NONE) },
    [SYS_gettid]        = { "gettid", sys_gettid, A(ARG_NONE) },
    [SYS_getuid]        = { "getuid", sys_getuid, A(ARG_NONE) },
    [SYS_geteuid]       = { "geteuid", sys_geteuid, A(ARG_NONE) },
    [SYS_getgid]        = { "getgid", sys_getgid, A(ARG_NONE) },
    [SYS_getegid]       = { "getegid", sys_getegid, A(ARG_NONE) },
    [SYS_getresuid]     = { "getresuid", sys_getresuid, A(ARG_PTR, ARG_PTR, ARG_PTR) },
    [SYS_getresgid]     = { "getresgid", sys_getresgid, A(ARG_PTR, ARG_PTR, ARG_PTR) },
    [SYS_getgroups]     = { "getgroups", sys_getgroups, A(ARG_INT, ARG_PTR) },
    [SYS_getpgid]       = { "getpgid", sys_getpgid, A(ARG_INT) },
    [SYS_setpgid]       = { "setpgid", sys_setpgid, A(ARG_INT, ARG_INT) },
    [SYS_getsid]        = { "getsid", sys_getsid, A(ARG_INT) },
    [SYS_setsid]        = { "setsid", sys_setsid, A(ARG_NONE) },
    [SYS_umask]         = { "umask", sys_umask, A(ARG_OCT) },
    [SYS_uname]         = { "uname", sys_uname, A(ARG_PTR) },
    [SYS_sysinfo]       = { "sysinfo", sys_sysinfo, A(ARG_PTR) },
    [SYS_getrusage]     = { "getrusage", sys_getrusage, A(ARG_INT, ARG_PTR) },
    [SYS_prlimit64]     = { "prlimit64", sys_prlimit64, A(ARG_INT, ARG_RLIMIT, ARG_PTR, ARG_PTR) },
    [SYS_getrlimit]     = { "getrlimit", sys_getrlimit, A(ARG_RLIMIT, ARG_PTR) },
    [SYS_setrlimit]     = { "setrlimit", sys_setrlimit, A(ARG_RLIMIT, ARG_PTR) },
    [SYS_sched_getaffinity] = { "sched_getaffinity", sys_sched_getaffinity,
                                A(ARG_INT, ARG_ULONG, ARG_PTR) },
    [SYS_sched_yield]   = { "sched_yield", sys_sched_yield, A(ARG_NONE) },
    [SYS_getcpu]        = { "getcpu", sys_getcpu, A(ARG_PTR, ARG_PTR, ARG_PTR) },
    [SYS_getpriority]   = { "getpriority", sys_getpriority, A(ARG_INT, ARG_INT) },
    [SYS_set_tid_address] = { "set_tid_address", sys_set_tid_address, A(ARG_PTR) },
    [SYS_set_robust_list] = { "set_robust_list", sys_set_robust_list, A(ARG_PTR, ARG_ULONG) },
    [SYS_get_robust_list] = { "get_robust_list", sys_get_robust_list,
                              A(ARG_INT, ARG_PTR, ARG_PTR) },
    [SYS_exit]          = { "exit", sys_exit, A(ARG_INT), RET_NORETURN },
    [SYS_exit_group]    = { "exit_group", sys_exit_group_robust, A(ARG_INT), RET_NORETURN },
    [SYS_futex]         = { "futex", sys_futex,
                            A(ARG_PTR, ARG_FUTEX, ARG_INT, ARG_PTR, ARG_PTR, ARG_HEX) },
    [SYS_getrandom]     = { "getrandom", sys_getrandom, A(ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_prctl]         = { "prctl", sys_prctl, A(ARG_INT, ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX) },
    [SYS_rseq]          = { "rseq", sys_enosys, A(ARG_PTR, ARG_ULONG, ARG_HEX, ARG_HEX) },

    /* new processes and programs (process.c). clone's arguments are in riscv64's order;
     * clone3 is -ENOSYS on purpose: glibc then falls back to clone. */
    [SYS_clone]         = { "clone", sys_clone, A(ARG_HEX, ARG_PTR, ARG_PTR, ARG_PTR, ARG_PTR) },
    [SYS_clone3]        = { "clone3", sys_enosys, A(ARG_PTR, ARG_ULONG) },
    [SYS_wait4]         = { "wait4", sys_wait4, A(ARG_INT, ARG_PTR, ARG_HEX, ARG_PTR) },
    [SYS_waitid]        = { "waitid", sys_waitid, A(ARG_INT, ARG_INT, ARG_PTR, ARG_HEX, ARG_PTR) },
    [SYS_execve]        = { "execve", sys_execve, A(ARG_PATH, ARG_PTR, ARG_PTR) },
    [SYS_execveat]      = { "execveat", sys_execveat,
                            A(ARG_DIRFD, ARG_PATH, ARG_PTR, ARG_PTR, ARG_ATFLAGS) },

    /* signals (signal.c) */
    [SYS_rt_sigaction]  = { "rt_sigaction", sys_rt_sigaction,
                            A(ARG_SIGNAL, ARG_PTR, ARG_PTR, ARG_ULONG) },
    [SYS_rt_sigprocmask] = { "rt_sigprocmask", sys_rt_sigprocmask,
                             A(ARG_SIGHOW, ARG_PTR, ARG_PTR, ARG_ULONG) },
    [SYS_rt_sigpending] = { "rt_sigpending", sys_rt_sigpending, A(ARG_PTR, ARG_ULONG) },
    [SYS_rt_sigreturn]  = { "rt_sigreturn", sys_rt_sigreturn, A(ARG_NONE) },
    [SYS_rt_sigsuspend] = { "rt_sigsuspend", sys_rt_sigsuspend, A(ARG_PTR, ARG_ULONG) },
    [SYS_rt_sigtimedwait] = { "rt_sigtimedwait", sys_rt_sigtimedwait,
                              A(ARG_PTR, ARG_PTR, ARG_PTR, ARG_ULONG) },
    [SYS_rt_sigqueueinfo] = { "rt_sigqueueinfo", sys_rt_sigqueueinfo,
                              A(ARG_INT, ARG_SIGNAL, ARG_PTR) },
    [SYS_rt_tgsigqueueinfo] = { "rt_tgsigqueueinfo", sys_rt_tgsigqueueinfo,
                                A(ARG_INT, ARG_INT, ARG_SIGNAL, ARG_PTR) },
    [SYS_setitimer]     = { "setitimer", sys_setitimer, A(ARG_INT, ARG_PTR, ARG_PTR) },
    [SYS_getitimer]     = { "getitimer", sys_getitimer, A(ARG_INT, ARG_PTR) },
    /* POSIX timers (timer.c) */
    [SYS_timer_create]  = { "timer_create", sys_timer_create, A(ARG_CLOCK, ARG_PTR, ARG_PTR) },
    [SYS_timer_settime] = { "timer_settime", sys_timer_settime,
                            A(ARG_INT, ARG_HEX, ARG_PTR, ARG_PTR) },
    [SYS_timer_gettime] = { "timer_gettime", sys_timer_gettime, A(ARG_INT, ARG_PTR) },
    [SYS_timer_getoverrun] = { "timer_getoverrun", sys_timer_getoverrun, A(ARG_INT) },
    [SYS_timer_delete]  = { "timer_delete", sys_timer_delete, A(ARG_INT) },
    [SYS_sigaltstack]   = { "sigaltstack", sys_sigaltstack, A(ARG_PTR, ARG_PTR) },
    [SYS_kill]          = { "kill", sys_kill, A(ARG_INT, ARG_SIGNAL) },
    [SYS_tkill]         = { "tkill", sys_tkill, A(ARG_INT, ARG_SIGNAL) },
    [SYS_tgkill]        = { "tgkill", sys_tgkill, A(ARG_INT, ARG_INT, ARG_SIGNAL) },

    /* sockets (net.c) */
    [SYS_socket]        = { "socket", sys_socket, A(ARG_INT, ARG_HEX, ARG_INT) },
    [SYS_socketpair]    = { "socketpair", sys_socketpair, A(ARG_INT, ARG_HEX, ARG_INT, ARG_PTR) },
    [SYS_bind]          = { "bind", sys_bind, A(ARG_FD, ARG_PTR, ARG_INT) },
    [SYS_listen]        = { "listen", sys_listen, A(ARG_FD, ARG_INT) },
    [SYS_accept]        = { "accept", sys_accept, A(ARG_FD, ARG_PTR, ARG_PTR) },
    [SYS_accept4]       = { "accept4", sys_accept4, A(ARG_FD, ARG_PTR, ARG_PTR, ARG_HEX) },
    [SYS_connect]       = { "connect", sys_connect, A(ARG_FD, ARG_PTR, ARG_INT) },
    [SYS_getsockname]   = { "getsockname", sys_getsockname, A(ARG_FD, ARG_PTR, ARG_PTR) },
    [SYS_getpeername]   = { "getpeername", sys_getpeername, A(ARG_FD, ARG_PTR, ARG_PTR) },
    [SYS_sendto]        = { "sendto", sys_sendto,
                            A(ARG_FD, ARG_WBUF, ARG_ULONG, ARG_HEX, ARG_PTR, ARG_INT) },
    [SYS_recvfrom]      = { "recvfrom", sys_recvfrom,
                            A(ARG_FD, ARG_PTR, ARG_ULONG, ARG_HEX, ARG_PTR, ARG_PTR) },
    [SYS_setsockopt]    = { "setsockopt", sys_setsockopt,
                            A(ARG_FD, ARG_INT, ARG_INT, ARG_PTR, ARG_INT) },
    [SYS_getsockopt]    = { "getsockopt", sys_getsockopt,
                            A(ARG_FD, ARG_INT, ARG_INT, ARG_PTR, ARG_PTR) },
    [SYS_shutdown]      = { "shutdown", sys_shutdown, A(ARG_FD, ARG_INT) },
    [SYS_sendmsg]       = { "sendmsg", sys_sendmsg, A(ARG_FD, ARG_PTR, ARG_HEX) },
    [SYS_recvmsg]       = { "recvmsg", sys_recvmsg, A(ARG_FD, ARG_PTR, ARG_HEX) },
    [SYS_sendmmsg]      = { "sendmmsg", sys_sendmmsg, A(ARG_FD, ARG_PTR, ARG_INT, ARG_HEX) },
    [SYS_recvmmsg]      = { "recvmmsg", sys_recvmmsg,
                            A(ARG_FD, ARG_PTR, ARG_INT, ARG_HEX, ARG_PTR) },

    /* event fds (event.c) */
    [SYS_epoll_create1] = { "epoll_create1", sys_epoll_create1, A(ARG_HEX) },
    [SYS_epoll_ctl]     = { "epoll_ctl", sys_epoll_ctl, A(ARG_FD, ARG_INT, ARG_FD, ARG_PTR) },
    [SYS_epoll_pwait]   = { "epoll_pwait", sys_epoll_pwait,
                            A(ARG_FD, ARG_PTR, ARG_INT, ARG_INT, ARG_PTR, ARG_ULONG) },
    [SYS_epoll_pwait2]  = { "epoll_pwait2", sys_epoll_pwait2,
                            A(ARG_FD, ARG_PTR, ARG_INT, ARG_PTR, ARG_PTR, ARG_ULONG) },
    [SYS_eventfd2]      = { "eventfd2", sys_eventfd2, A(ARG_ULONG, ARG_HEX) },
    [SYS_timerfd_create] = { "timerfd_create", sys_timerfd_create, A(ARG_CLOCK, ARG_HEX) },
    [SYS_timerfd_settime] = { "timerfd_settime", sys_timerfd_settime,
                              A(ARG_FD, ARG_HEX, ARG_PTR, ARG_PTR) },
    [SYS_timerfd_gettime] = { "timerfd_gettime", sys_timerfd_gettime, A(ARG_FD, ARG_PTR) },
    [SYS_signalfd4]     = { "signalfd4", sys_signalfd4, A(ARG_FD, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_inotify_init1] = { "inotify_init1", sys_inotify_init1, A(ARG_HEX) },
    [SYS_inotify_add_watch] = { "inotify_add_watch", sys_inotify_add_watch,
                                A(ARG_FD, ARG_PATH, ARG_HEX) },
    [SYS_inotify_rm_watch] = { "inotify_rm_watch", sys_inotify_rm_watch, A(ARG_FD, ARG_INT) },

    /* scheduling, credentials, personality (sched.c) */
    [SYS_sched_setaffinity] = { "sched_setaffinity", sys_sched_setaffinity,
                                A(ARG_INT, ARG_ULONG, ARG_PTR) },
    [SYS_sched_setparam] = { "sched_setparam", sys_sched_setparam, A(ARG_INT, ARG_PTR) },
    [SYS_sched_getparam] = { "sched_getparam", sys_sched_getparam, A(ARG_INT, ARG_PTR) },
    [SYS_sched_setscheduler] = { "sched_setscheduler", sys_sched_setscheduler,
                                 A(ARG_INT, ARG_INT, ARG_PTR) },
    [SYS_sched_getscheduler] = { "sched_getscheduler", sys_sched_getscheduler, A(ARG_INT) },
    [SYS_sched_get_priority_max] = { "sched_get_priority_max", sys_sched_get_priority_max,
                                     A(ARG_INT) },
    [SYS_sched_get_priority_min] = { "sched_get_priority_min", sys_sched_get_priority_min,
                                     A(ARG_INT) },
    [SYS_sched_rr_get_interval] = { "sched_rr_get_interval", sys_sched_rr_get_interval,
                                    A(ARG_INT, ARG_PTR) },
    [SYS_sched_setattr] = { "sched_setattr", sys_sched_setattr, A(ARG_INT, ARG_PTR, ARG_HEX) },
    [SYS_sched_getattr] = { "sched_getattr", sys_sched_getattr,
                            A(ARG_INT, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_setpriority]   = { "setpriority", sys_setpriority, A(ARG_INT, ARG_INT, ARG_INT) },
    [SYS_ioprio_set]    = { "ioprio_set", sys_ioprio_set, A(ARG_INT, ARG_INT, ARG_HEX) },
    [SYS_ioprio_get]    = { "ioprio_get", sys_ioprio_get, A(ARG_INT, ARG_INT) },
    [SYS_setuid]        = { "setuid", sys_setuid, A(ARG_INT) },
    [SYS_setgid]        = { "setgid", sys_setgid, A(ARG_INT) },
    [SYS_setreuid]      = { "setreuid", sys_setreuid, A(ARG_INT, ARG_INT) },
    [SYS_setregid]      = { "setregid", sys_setregid, A(ARG_INT, ARG_INT) },
    [SYS_setresuid]     = { "setresuid", sys_setresuid, A(ARG_INT, ARG_INT, ARG_INT) },
    [SYS_setresgid]     = { "setresgid", sys_setresgid, A(ARG_INT, ARG_INT, ARG_INT) },
    [SYS_setfsuid]      = { "setfsuid", sys_setfsuid, A(ARG_INT) },
    [SYS_setfsgid]      = { "setfsgid", sys_setfsgid, A(ARG_INT) },
    [SYS_setgroups]     = { "setgroups", sys_setgroups, A(ARG_INT, ARG_PTR) },
    [SYS_capget]        = { "capget", sys_capget, A(ARG_PTR, ARG_PTR) },
    [SYS_capset]        = { "capset", sys_capset, A(ARG_PTR, ARG_PTR) },
    [SYS_personality]   = { "personality", sys_personality, A(ARG_HEX) },
    [SYS_syslog]        = { "syslog", sys_syslog, A(ARG_INT, ARG_PTR, ARG_INT) },
    [SYS_sethostname]   = { "sethostname", sys_sethostname, A(ARG_WBUF, ARG_INT) },
    [SYS_setdomainname] = { "setdomainname", sys_setdomainname, A(ARG_WBUF, ARG_INT) },

    /* more files (fs_extra.c) */
    [SYS_setxattr]      = { "setxattr", sys_setxattr,
                            A(ARG_PATH, ARG_PATH, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_lsetxattr]     = { "lsetxattr", sys_lsetxattr,
                            A(ARG_PATH, ARG_PATH, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_fsetxattr]     = { "fsetxattr", sys_fsetxattr,
                            A(ARG_FD, ARG_PATH, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_getxattr]      = { "getxattr", sys_getxattr, A(ARG_PATH, ARG_PATH, ARG_PTR, ARG_ULONG) },
    [SYS_lgetxattr]     = { "lgetxattr", sys_lgetxattr, A(ARG_PATH, ARG_PATH, ARG_PTR, ARG_ULONG) },
    [SYS_fgetxattr]     = { "fgetxattr", sys_fgetxattr, A(ARG_FD, ARG_PATH, ARG_PTR, ARG_ULONG) },
    [SYS_listxattr]     = { "listxattr", sys_listxattr, A(ARG_PATH, ARG_PTR, ARG_ULONG) },
    [SYS_llistxattr]    = { "llistxattr", sys_llistxattr, A(ARG_PATH, ARG_PTR, ARG_ULONG) },
    [SYS_flistxattr]    = { "flistxattr", sys_flistxattr, A(ARG_FD, ARG_PTR, ARG_ULONG) },
    [SYS_removexattr]   = { "removexattr", sys_removexattr, A(ARG_PATH, ARG_PATH) },
    [SYS_lremovexattr]  = { "lremovexattr", sys_lremovexattr, A(ARG_PATH, ARG_PATH) },
    [SYS_fremovexattr]  = { "fremovexattr", sys_fremovexattr, A(ARG_FD, ARG_PATH) },
    [SYS_memfd_create]  = { "memfd_create", sys_memfd_create, A(ARG_PATH, ARG_HEX) },
    [SYS_copy_file_range] = { "copy_file_range", sys_copy_file_range,
                              A(ARG_FD, ARG_PTR, ARG_FD, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_splice]        = { "splice", sys_splice,
                            A(ARG_FD, ARG_PTR, ARG_FD, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_tee]           = { "tee", sys_tee, A(ARG_FD, ARG_FD, ARG_ULONG, ARG_HEX) },
    [SYS_vmsplice]      = { "vmsplice", sys_vmsplice, A(ARG_FD, ARG_PTR, ARG_ULONG, ARG_HEX) },
    [SYS_syncfs]        = { "syncfs", sys_syncfs, A(ARG_FD) },
    [SYS_sync_file_range] = { "sync_file_range", sys_sync_file_range,
                              A(ARG_FD, ARG_LONG, ARG_LONG, ARG_HEX) },
    [SYS_readahead]     = { "readahead", sys_readahead, A(ARG_FD, ARG_LONG, ARG_ULONG) },

    /* known but not supported yet: -ENOSYS, named by -strace and -d unimp */
    [SYS_io_setup] = { "io_setup" }, [SYS_io_destroy] = { "io_destroy" },
    [SYS_io_submit] = { "io_submit" }, [SYS_io_cancel] = { "io_cancel" },
    [SYS_io_getevents] = { "io_getevents" },
    [SYS_lookup_dcookie] = { "lookup_dcookie" },
    [SYS_umount2] = { "umount2" },
    [SYS_mount] = { "mount" }, [SYS_pivot_root] = { "pivot_root" },
    [SYS_nfsservctl] = { "nfsservctl" }, [SYS_chroot] = { "chroot" },
    [SYS_vhangup] = { "vhangup" }, [SYS_quotactl] = { "quotactl" },
    [SYS_acct] = { "acct" },
    [SYS_unshare] = { "unshare" }, [SYS_kexec_load] = { "kexec_load" },
    [SYS_init_module] = { "init_module" }, [SYS_delete_module] = { "delete_module" },
    [SYS_clock_settime] = { "clock_settime" },
    [SYS_ptrace] = { "ptrace" },
    [SYS_restart_syscall] = { "restart_syscall" },
    [SYS_reboot] = { "reboot" },
    [SYS_settimeofday] = { "settimeofday" },
    [SYS_adjtimex] = { "adjtimex" }, [SYS_mq_open] = { "mq_open" },
    [SYS_mq_unlink] = { "mq_unlink" }, [SYS_mq_timedsend] = { "mq_timedsend" },
    [SYS_mq_timedreceive] = { "mq_timedreceive" }, [SYS_mq_notify] = { "mq_notify" },
    [SYS_mq_getsetattr] = { "mq_getsetattr" }, [SYS_msgget] = { "msgget" },
    [SYS_msgctl] = { "msgctl" }, [SYS_msgrcv] = { "msgrcv" }, [SYS_msgsnd] = { "msgsnd" },
    [SYS_semget] = { "semget" }, [SYS_semctl] = { "semctl" },
    [SYS_semtimedop] = { "semtimedop" }, [SYS_semop] = { "semop" },
    [SYS_shmget] = { "shmget" }, [SYS_shmctl] = { "shmctl" }, [SYS_shmat] = { "shmat" },
    [SYS_shmdt] = { "shmdt" },
    [SYS_add_key] = { "add_key" },
    [SYS_request_key] = { "request_key" }, [SYS_keyctl] = { "keyctl" },
    [SYS_swapon] = { "swapon" },
    [SYS_swapoff] = { "swapoff" },
    [SYS_mincore] = { "mincore" },
    [SYS_remap_file_pages] = { "remap_file_pages" }, [SYS_mbind] = { "mbind" },
    [SYS_get_mempolicy] = { "get_mempolicy" }, [SYS_set_mempolicy] = { "set_mempolicy" },
    [SYS_migrate_pages] = { "migrate_pages" }, [SYS_move_pages] = { "move_pages" },
    [SYS_perf_event_open] = { "perf_event_open" },
    [SYS_fanotify_init] = { "fanotify_init" }, [SYS_fanotify_mark] = { "fanotify_mark" },
    [SYS_name_to_handle_at] = { "name_to_handle_at" },
    [SYS_open_by_handle_at] = { "open_by_handle_at" }, [SYS_clock_adjtime] = { "clock_adjtime" },
    [SYS_setns] = { "setns" },
    [SYS_process_vm_readv] = { "process_vm_readv" },
    [SYS_process_vm_writev] = { "process_vm_writev" }, [SYS_kcmp] = { "kcmp" },
    [SYS_finit_module] = { "finit_module" },
    [SYS_seccomp] = { "seccomp" },
    [SYS_bpf] = { "bpf" },
    [SYS_userfaultfd] = { "userfaultfd" },
    [SYS_pkey_mprotect] = { "pkey_mprotect" }, [SYS_pkey_alloc] = { "pkey_alloc" },
    [SYS_pkey_free] = { "pkey_free" }, [SYS_io_pgetevents] = { "io_pgetevents" },
    [SYS_kexec_file_load] = { "kexec_file_load" },
    [SYS_pidfd_send_signal] = { "pidfd_send_signal" }, [SYS_io_uring_setup] = { "io_uring_setup" },
    [SYS_io_uring_enter] = { "io_uring_enter" }, [SYS_io_uring_register] = { "io_uring_register" },
    [SYS_open_tree] = { "open_tree" }, [SYS_move_mount] = { "move_mount" },
    [SYS_fsopen] = { "fsopen" }, [SYS_fsconfig] = { "fsconfig" }, [SYS_fsmount] = { "fsmount" },
    [SYS_fspick] = { "fspick" }, [SYS_pidfd_open] = { "pidfd_open" },
    [SYS_openat2] = { "openat2" }, [SYS_pidfd_getfd] = { "pidfd_getfd" },
    [SYS_process_madvise] = { "process_madvise" },
    [SYS_mount_setattr] = { "mount_setattr" }, [SYS_quotactl_fd] = { "quotactl_fd" },
    [SYS_landlock_create_ruleset] = { "landlock_create_ruleset" },
    [SYS_landlock_add_rule] = { "landlock_add_rule" },
    [SYS_landlock_restrict_self] = { "landlock_restrict_self" },
    [SYS_memfd_secret] = { "memfd_secret" }, [SYS_process_mrelease] = { "process_mrelease" },
    [SYS_futex_waitv] = { "futex_waitv" },
    [SYS_set_mempolicy_home_node] = { "set_mempolicy_home_node" },
    [SYS_cachestat] = { "cachestat" }, [SYS_fchmodat2] = { "fchmodat2" },
    [SYS_map_shadow_stack] = { "map_shadow_stack" }, [SYS_futex_wake] = { "futex_wake" },
    [SYS_futex_wait] = { "futex_wait" }, [SYS_futex_requeue] = { "futex_requeue" },
    [SYS_statmount] = { "statmount" }, [SYS_listmount] = { "listmount" },
    [SYS_lsm_get_self_attr] = { "lsm_get_self_attr" },
    [SYS_lsm_set_self_attr] = { "lsm_set_self_attr" },
    [SYS_lsm_list_modules] = { "lsm_list_modules" }, [SYS_mseal] = { "mseal" },
};
#undef A
_Static_assert(ARRAY_SIZE(syscall_table) == SYS_NR_MAX, "syscall table covers every number");
_Static_assert(SYS_openat == 56 && SYS_exit_group == 94 && SYS_mmap == 222 && SYS_statx == 291,
               "asm-generic numbers");

/* ---- per-guest ABI */

/* asm-generic O_* bits (riscv64, and x86_64's own values: the host column says so). The
 * kernel's O_LARGEFILE is glibc's 0 on x86_64, so it is written out. */
static const struct open_flag_bit generic_open_flags[] = {
    { GO_CREAT, O_CREAT },       { GO_EXCL, O_EXCL },           { GO_NOCTTY, O_NOCTTY },
    { GO_TRUNC, O_TRUNC },       { GO_APPEND, O_APPEND },       { GO_NONBLOCK, O_NONBLOCK },
    { GO_DSYNC, O_DSYNC },       { GO_ASYNC, O_ASYNC },         { GO_DIRECT, O_DIRECT },
    { GO_LARGEFILE, 0100000 },   { GO_DIRECTORY, O_DIRECTORY }, { GO_NOFOLLOW, O_NOFOLLOW },
    { GO_NOATIME, O_NOATIME },   { GO_CLOEXEC, O_CLOEXEC },     { GO_SYNC, O_SYNC & ~O_DSYNC },
    { GO_PATH, O_PATH },         { GO_TMPFILE, O_TMPFILE & ~O_DIRECTORY },
    { 0, 0 },
};
/* arch/arm64/include/uapi/asm/fcntl.h moves four bits. */
static const struct open_flag_bit aarch64_open_flags[] = {
    { GO_CREAT, O_CREAT },       { GO_EXCL, O_EXCL },           { GO_NOCTTY, O_NOCTTY },
    { GO_TRUNC, O_TRUNC },       { GO_APPEND, O_APPEND },       { GO_NONBLOCK, O_NONBLOCK },
    { GO_DSYNC, O_DSYNC },       { GO_ASYNC, O_ASYNC },         { 0200000, O_DIRECT },
    { 0400000, 0100000 },        { 040000, O_DIRECTORY },       { 0100000, O_NOFOLLOW },
    { GO_NOATIME, O_NOATIME },   { GO_CLOEXEC, O_CLOEXEC },     { GO_SYNC, O_SYNC & ~O_DSYNC },
    { GO_PATH, O_PATH },         { GO_TMPFILE, O_TMPFILE & ~O_DIRECTORY },
    { 0, 0 },
};

static const struct guest_abi guest_abis[] = {
    { .target = "riscv64", .sa_restorer = false, .minsigstksz = 2048, .riscv_syscalls = true,
      .open_flags = generic_open_flags },
    { .target = "aarch64", .sa_restorer = true, .minsigstksz = 5120, .riscv_syscalls = false,
      .open_flags = aarch64_open_flags },
};

const struct guest_abi *guest_abi(const struct cpu *cpu)
{
    const struct target *t = cpu ? cpu->target : NULL;
    for (size_t i = 0; t && t->name && i < ARRAY_SIZE(guest_abis); i++)
        if (strcmp(t->name, guest_abis[i].target) == 0)
            return &guest_abis[i];
    return &guest_abis[0];   /* the asm-generic defaults */
}

int open_flags_to_host(const struct guest_abi *abi, uint64_t guest_flags)
{
    int host = (int)(guest_flags & GO_ACCMODE);      /* O_RDONLY/O_WRONLY/O_RDWR: 0/1/2 everywhere */
    for (const struct open_flag_bit *b = abi->open_flags; b->guest; b++)
        if (guest_flags & b->guest)
            host |= (int)b->host;
    return host;
}

uint64_t open_flags_to_guest(const struct guest_abi *abi, int host_flags)
{
    uint64_t guest = (uint64_t)(host_flags & O_ACCMODE);
    for (const struct open_flag_bit *b = abi->open_flags; b->guest; b++)
        if (b->host && ((uint32_t)host_flags & b->host) == b->host)
            guest |= b->guest;
    return guest;
}

/* ---- reserved host fds */

static int reserved_fds[16];
static unsigned nreserved;

void syscall_reserve_fd(int fd)
{
    if (fd < 0 || fd_reserved(fd))
        return;
    if (nreserved == ARRAY_SIZE(reserved_fds))
        panic("too many reserved file descriptors");
    reserved_fds[nreserved++] = fd;
}

bool fd_reserved(int fd)
{
    for (unsigned i = 0; i < nreserved; i++)
        if (reserved_fds[i] == fd)
            return true;
    return false;
}

int next_reserved_fd(unsigned from)
{
    int best = -1;
    for (unsigned i = 0; i < nreserved; i++)
        if ((unsigned)reserved_fds[i] >= from && (best < 0 || reserved_fds[i] < best))
            best = reserved_fds[i];
    return best;
}

/* ---- reporting what is not supported, once per key */

struct reported_key {
    const char *kind;
    uint64_t key;
};
static struct reported_key reported[256];
static unsigned nreported;

void report_unimp_once(const char *kind, uint64_t key, const char *fmt, ...)
{
    if (!log_enabled(LOG_UNIMP | LOG_STRACE))
        return;
    for (unsigned i = 0; i < nreported; i++)
        if (reported[i].key == key && strcmp(reported[i].kind, kind) == 0)
            return;
    if (nreported < ARRAY_SIZE(reported))
        reported[nreported++] = (struct reported_key){ kind, key };
    else
        return;     /* after 256 distinct reports, stay quiet rather than flood the log */
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    log_printf("crossrun: %s\n", msg);
}

/* ---- the entry point */

int64_t sys_enosys(struct cpu *cpu, const uint64_t a[6])
{
    return -ENOSYS;
}

int64_t do_syscall(struct cpu *cpu, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    const struct syscall_def *def = nr < SYS_NR_MAX ? &syscall_table[nr] : NULL;
    bool trace = log_enabled(LOG_STRACE);
    char call[STRACE_LINE];

    if (!def || !def->fn) {
        const char *name = def && def->name ? def->name : "unknown";
        report_unimp_once("syscall", nr, "unsupported syscall %" PRIu64 " (%s)", nr, name);
        int64_t r = -(int64_t)guest_errno(ENOSYS);
        if (trace) {
            strace_format_call(call, sizeof(call), cpu, def, nr, a);
            strace_print(call, RET_DEC, r);
        }
        return r;
    }
    if (trace) {
        strace_format_call(call, sizeof(call), cpu, def, nr, a);
        if (def->ret == RET_NORETURN)
            strace_print(call, RET_NORETURN, 0);
    }
    /* A call a signal interrupted may become SYSCALL_RESTART (signal.c). */
    int64_t r = signal_syscall_result(nr, def->fn(cpu, a));
    if (r < 0 && r >= -4095)
        r = -(int64_t)guest_errno((int)-r);
    if (trace && def->ret != RET_NORETURN) {
        if (r == SYSCALL_RESTART)
            log_printf("%d %s = ? (interrupted, to be restarted)\n", getpid(), call);
        else if (r != SYSCALL_NO_RESULT)
            strace_print(call, def->ret, r);
    }
    return r;
}
