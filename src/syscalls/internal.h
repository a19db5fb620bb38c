/*
 * internal.h - what the files of src/syscalls/ share and nobody else needs: the table entry
 * type, the handler prototypes, the guest (asm-generic LP64) struct layouts, the per-guest
 * ABI differences, and the helpers every handler uses to check guest pointers and fds.
 *
 * Errno convention inside this directory: handlers return a result >= 0 or a negative
 * HOST errno (-ENOENT from <errno.h>, or host_result(r) after a libc call). do_syscall
 * translates every result in [-4095, -1] to the guest errno at exactly one point
 * (errno.c: guest_errno). Guest addresses are < 2^38, so they never look like errors.
 */
#ifndef CROSSRUN_SYSCALLS_INTERNAL_H
#define CROSSRUN_SYSCALLS_INTERNAL_H

#include <errno.h>
#include <limits.h>
#include "syscall.h"
#include "numbers.h"
#include "../loader/guest_mem.h"
#include "../translate/exec.h"
#include "../targets/target.h"

/* ---- the table (table.c) */

typedef int64_t syscall_handler(struct cpu *cpu, const uint64_t a[6]);

/* How -strace shows an argument: typed, so a wrong kind is a compile error, not a runtime
 * format mismatch. ARG_NONE ends the list. */
enum sys_arg {
    ARG_NONE = 0,
    ARG_INT,        /* int, decimal */
    ARG_LONG,       /* long, decimal */
    ARG_ULONG,      /* size_t, decimal */
    ARG_HEX,        /* 0x... */
    ARG_OCT,        /* 0... (modes) */
    ARG_OPENMODE,   /* the mode of open: shown only if the previous (flags) has O_CREAT/O_TMPFILE */
    ARG_PTR,        /* guest pointer: 0x... or NULL */
    ARG_FD,         /* int fd */
    ARG_DIRFD,      /* int fd or AT_FDCWD */
    ARG_PATH,       /* NUL-terminated guest string */
    ARG_WBUF,       /* guest bytes the call reads; their length is the next argument */
    ARG_OFLAGS,     /* O_RDONLY|O_CLOEXEC... (guest values) */
    ARG_ATFLAGS,    /* AT_SYMLINK_NOFOLLOW|... */
    ARG_PROT,       /* PROT_READ|... */
    ARG_MAPFLAGS,   /* MAP_PRIVATE|... */
    ARG_CLOCK,      /* CLOCK_MONOTONIC... */
    ARG_SIGNAL,     /* SIGABRT... */
    ARG_SIGHOW,     /* SIG_BLOCK... */
    ARG_FCNTL,      /* F_GETFL... */
    ARG_IOCTL,      /* TCGETS... */
    ARG_FUTEX,      /* FUTEX_WAIT|FUTEX_PRIVATE_FLAG... */
    ARG_WHENCE,     /* SEEK_SET... */
    ARG_RLIMIT,     /* RLIMIT_STACK... */
    ARG_ACCESS,     /* F_OK or R_OK|W_OK|X_OK */
};

enum sys_ret {
    RET_DEC = 0,    /* decimal, or -1 errno=N (text) */
    RET_HEX,        /* an address (mmap, brk) */
    RET_NORETURN,   /* exit: the line is printed before the call */
};

struct syscall_def {
    const char *name;
    syscall_handler *fn;        /* NULL: unsupported, -ENOSYS, reported once */
    enum sys_arg args[6];
    enum sys_ret ret;
};

extern const struct syscall_def syscall_table[SYS_NR_MAX];

/* True if fd is one of crossrun's own descriptors the guest may not touch. */
bool fd_reserved(int fd);
/* The smallest reserved fd >= from, or -1 (for close_range). */
int next_reserved_fd(unsigned from);
/* Logs "crossrun: <what>" once per distinct key under -d unimp or -strace. */
void report_unimp_once(const char *kind, uint64_t key, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* ---- errno (errno.c) */

/* The one host->guest errno translation point (host and asm-generic numbers agree for every
 * errno Linux has, but every result still goes through here). */
int guest_errno(int host_errno);
/* Inverse, for -strace's text; 0 if unknown. */
int host_errno_of_guest(int guest_err);
const char *guest_errno_name(int guest_err);
/* -1 with errno set (a libc result) becomes -errno; anything else is returned as is. */
static inline int64_t host_result(int64_t r)
{
    return r == -1 ? -(int64_t)errno : r;
}

/* ---- strace (strace.c) */

struct guest_abi;
#define STRACE_LINE 1024
/* Formats "name(args)" into buf before the call runs (inputs are read from guest memory). */
void strace_format_call(char *buf, size_t size, const struct cpu *cpu,
                        const struct syscall_def *def, uint64_t nr, const uint64_t a[6]);
/* Prints "PID <call> = <result>" to the log. */
void strace_print(const char *call, enum sys_ret ret, int64_t result);
/* Writes the symbolic names of guest open flags ("O_RDONLY|O_CLOEXEC"), for the log and tests. */
void strace_open_flags(char *buf, size_t size, const struct guest_abi *abi, uint64_t flags);

/* ---- per-guest ABI differences (table.c) */

struct open_flag_bit {
    uint32_t guest, host;
};

struct guest_abi {
    const char *target;             /* struct target name */
    bool sa_restorer;               /* struct sigaction has sa_restorer before sa_mask */
    uint64_t minsigstksz;           /* MINSIGSTKSZ */
    bool riscv_syscalls;            /* riscv_flush_icache/riscv_hwprobe exist */
    const struct open_flag_bit *open_flags; /* every O_* bit but O_ACCMODE, ends with {0, 0} */
};
const struct guest_abi *guest_abi(const struct cpu *cpu);
/* O_* translation; unknown bits are dropped (Linux ignores them in open and F_SETFL). */
int open_flags_to_host(const struct guest_abi *abi, uint64_t guest_flags);
uint64_t open_flags_to_guest(const struct guest_abi *abi, int host_flags);

/* asm-generic O_* values (guest side); aarch64 moves four of them (table.c). */
#define GO_ACCMODE   00000003
#define GO_CREAT     00000100
#define GO_EXCL      00000200
#define GO_NOCTTY    00000400
#define GO_TRUNC     00001000
#define GO_APPEND    00002000
#define GO_NONBLOCK  00004000
#define GO_DSYNC     00010000
#define GO_ASYNC     00020000
#define GO_DIRECT    00040000
#define GO_LARGEFILE 00100000
#define GO_DIRECTORY 00200000
#define GO_NOFOLLOW  00400000
#define GO_NOATIME   01000000
#define GO_CLOEXEC   02000000
#define GO_SYNC      04000000  /* __O_SYNC; O_SYNC is __O_SYNC|O_DSYNC */
#define GO_PATH     010000000
#define GO_TMPFILE  020000000  /* __O_TMPFILE; O_TMPFILE adds O_DIRECTORY */

/* ---- guest pointers, fds and paths (fs.c) */

/* 0 if the guest may use fd (negative fds go to the host, which says EBADF), else -EBADF. */
static inline int64_t check_fd(int fd)
{
    return fd_reserved(fd) ? -EBADF : 0;
}
/* As check_fd, for the dirfd of *at calls (AT_FDCWD is fine). */
static inline int64_t check_dirfd(int fd)
{
    return fd_reserved(fd) ? -EBADF : 0;
}
/* Host pointer for a guest buffer passed straight to a host syscall, or NULL if the range
 * leaves the guest space (the caller returns -EFAULT). The kernel itself faults on
 * unmapped (PROT_NONE) parts of the reservation. len 0 is valid anywhere in the space. */
static inline void *guest_buf(uint64_t ga, uint64_t len)
{
    return guest_range_valid(ga, len) ? g2h(ga) : NULL;
}

/* A guest path as the host should see it: /proc/self/exe and sysroot applied. */
struct guest_path {
    char guest[PATH_MAX];           /* as the guest gave it */
    char mapped[PATH_MAX];          /* sysroot+path or the exe path, when used */
    const char *host;               /* what to give the host: guest or mapped */
};
/* Reads the path at ga (NULL allowed only if allow_null: then host is NULL). For absolute
 * paths tries sysroot+path first (if it exists) when use_sysroot. Returns 0, -EFAULT or
 * -ENAMETOOLONG. */
int64_t get_guest_path(struct guest_path *p, uint64_t ga, bool use_sysroot, bool allow_null);
/* The mapping step of get_guest_path alone, for a path already in p->guest (sets p->host). */
void map_guest_path(struct guest_path *p, bool use_sysroot);
/* True if path names this process's executable (/proc/self/exe, /proc/<pid>/exe). */
bool is_proc_self_exe(const char *path);

/* ---- guest struct layouts (asm-generic, LP64: riscv64 and aarch64) */

struct guest_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};
struct guest_timeval {
    int64_t tv_sec;
    int64_t tv_usec;
};
struct guest_iovec {
    uint64_t iov_base;
    uint64_t iov_len;
};
struct guest_stat {             /* include/uapi/asm-generic/stat.h */
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};
struct guest_statfs {           /* asm-generic statfs, __statfs_word = long */
    int64_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen, f_frsize, f_flags;
    int64_t f_spare[4];
};
struct guest_flock {
    int16_t l_type, l_whence;
    int32_t pad0;
    int64_t l_start, l_len;
    int32_t l_pid;
    int32_t pad1;
};
struct guest_termios {          /* asm-generic termbits.h: the kernel's struct termios */
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
};
struct guest_winsize {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};
struct guest_utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};
struct guest_rlimit {
    uint64_t rlim_cur, rlim_max;
};
struct guest_sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t pad2;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit;
    uint32_t pad3;
};
struct guest_tms {
    int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};
struct guest_rusage {
    struct guest_timeval ru_utime, ru_stime;
    int64_t fields[14];         /* ru_maxrss ... ru_nivcsw */
};
struct guest_stack {            /* stack_t */
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};
struct guest_pollfd {
    int32_t fd;
    int16_t events, revents;
};

_Static_assert(sizeof(struct guest_timespec) == 16, "timespec");
_Static_assert(sizeof(struct guest_timeval) == 16, "timeval");
_Static_assert(sizeof(struct guest_iovec) == 16, "iovec");
_Static_assert(sizeof(struct guest_stat) == 128, "asm-generic struct stat is 128 bytes");
_Static_assert(offsetof(struct guest_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct guest_stat, st_blocks) == 64, "st_blocks");
_Static_assert(offsetof(struct guest_stat, st_mtime_sec) == 88, "st_mtime");
_Static_assert(sizeof(struct guest_statfs) == 120, "statfs");
_Static_assert(sizeof(struct guest_flock) == 32, "flock");
_Static_assert(sizeof(struct guest_termios) == 36, "termios");
_Static_assert(sizeof(struct guest_winsize) == 8, "winsize");
_Static_assert(sizeof(struct guest_utsname) == 390, "utsname");
_Static_assert(sizeof(struct guest_rlimit) == 16, "rlimit");
_Static_assert(sizeof(struct guest_sysinfo) == 112, "sysinfo");
_Static_assert(offsetof(struct guest_sysinfo, totalhigh) == 88, "sysinfo.totalhigh");
_Static_assert(sizeof(struct guest_tms) == 32, "tms");
_Static_assert(sizeof(struct guest_rusage) == 144, "rusage");
_Static_assert(sizeof(struct guest_stack) == 24, "stack_t");
_Static_assert(sizeof(struct guest_pollfd) == 8, "pollfd");

/* ---- struct timespec in guest memory (time.c): 0 or -EFAULT */
struct timespec;
int64_t get_guest_timespec(struct timespec *ts, uint64_t ga);

/* ---- guest iovec arrays (fs.c): cnt (0..1024) guest iovecs at giov into host ones, each
 * range checked. 0, -EINVAL (count, negative length) or -EFAULT. */
struct iovec;
int64_t get_iovec(struct iovec *host, uint64_t giov, int cnt);

/* ---- the host mask for a wait with a temporary guest mask (signal.c): ppoll, pselect6,
 * epoll_pwait. The guest's blocked signals are held blocked on the host as well; this is
 * the host thread's mask with those signals replaced by guest_mask's. Kernel sigset. */
uint64_t host_wait_mask(uint64_t guest_mask);

/* ---- socket ioctls (net.c): if req is a SIOC* request crossrun passes, carries it out on
 * fd (ENOTTY if fd is no socket), stores the result (>= 0 or -host errno) in *result and
 * returns true; false for any other request. */
bool socket_ioctl(int fd, uint32_t req, uint64_t arg, int64_t *result);
int64_t put_guest_timespec(uint64_t ga, const struct timespec *ts);

/* ---- guest signal state (signal.c): dispositions are process-wide, the mask and the
 * alternate stack belong to each thread */

#define GUEST_NSIG 64            /* signals 1..64 */
#define GUEST_SIG_DFL 0
#define GUEST_SIG_IGN 1
struct guest_sigaction_rec {
    uint64_t handler, flags, restorer, mask;
};
extern struct guest_sigaction_rec guest_sigactions[GUEST_NSIG + 1];
extern __thread uint64_t guest_sigmask;
extern __thread struct guest_stack guest_altstack;
/* Called by do_syscall with every handler result (host errno): a call interrupted by a
 * signal (-EINTR) becomes SYSCALL_RESTART when SA_RESTART says so (see signal.c). */
int64_t signal_syscall_result(uint64_t nr, int64_t r);
/* A new thread's signal state: the creator's mask, no alternate stack, nothing pending
 * (signal_thread_init), then its host mask (signal_thread_start, once it can take signals). */
void signal_thread_init(uint64_t mask);
void signal_thread_start(void);
/* In a forked child: nothing pending. */
void signal_fork_child(void);
/* A host syscall for a call that may block: returns -EINTR without blocking when a signal
 * for the guest was recorded since the last delivery, even one arriving just before the
 * syscall instruction (signal.c). Result: the kernel's (-errno on failure, never -1/errno). */
long safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
/* After the first host thread is created (host glibc takes signal 33 then). */
void signal_host_threads_started(void);
/* A guest thread ends (every host signal blocked): its queued signals are dropped. */
void signal_thread_exit(void);

/* ---- POSIX timers (timer.c) */
/* From record_signal (async-signal-safe): true if timerid is a guest timer whose signal is
 * for one thread (SIGEV_THREAD_ID). */
bool timer_is_thread_directed(int32_t timerid);
/* A timer's signal reached the guest (siginfo info, SI_TIMER): timer_getoverrun's value. */
void timer_signal_delivered(const uint8_t *info);
/* In a forked child: no timers (Linux does not inherit them). */
void timer_fork_child(void);

/* ---- pending guest signals (signal_queue.c): one queue per thread and one for the
 * process; standard signals coalesce, real-time ones (GUEST_SIGRTMIN..) queue each instance
 * in a bounded pool. All but sigq_pending/sigq_pool_free/sigq_pool_used/sigq_next_signal
 * need every host signal blocked on the calling thread. */
#define GUEST_SIGRTMIN 32
#define GUEST_SIGINFO_SIZE 128
#define GUEST_SIGBIT(s) (1ULL << ((s) - 1))
struct sigq;
extern struct sigq proc_sigq;
struct sigq *sigq_this_thread(void);
uint64_t sigq_pending(const struct sigq *q);
/* The number Linux would take first from set (the synchronous fault signals first, then the
 * lowest), 0 if set is empty. */
int sigq_next_signal(uint64_t set);
/* Queues an instance (false: coalesced or dropped); takes the next one in allowed (its
 * number, 0 if none); drops every instance of sigs; drops the signal of a POSIX timer. */
bool sigq_add(struct sigq *q, int sig, const uint8_t *info);
int sigq_take(struct sigq *q, uint64_t allowed, uint8_t *info);
void sigq_discard(struct sigq *q, uint64_t sigs);
void sigq_remove_timer(struct sigq *q, int32_t timerid);
unsigned sigq_pool_free(void);
unsigned sigq_pool_used(void);
/* In a forked child: every queue empty. */
void sigq_fork_child(void);

/* ---- thread bookkeeping (proc.c; per thread) */
extern __thread uint64_t guest_clear_child_tid;
extern __thread uint64_t guest_robust_list_head, guest_robust_list_len;

/* ---- guest threads (thread.c) */
/* clone with CLONE_VM|CLONE_THREAD: a new host thread running a copy of cpu; returns its tid
 * or -errno. flags, newsp, ptid, tls and ctid are clone's (riscv64/arm64 argument order). */
int64_t clone_thread(struct cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid,
                     uint64_t tls, uint64_t ctid);
/* The exit syscall: ends the calling thread only (the process, if it is the last one). */
NORETURN void thread_exit(struct cpu *cpu, int status);
/* The registry of this process's live guest threads (thread.c). A record stays valid while
 * its thread is registered, that is during guest_threads_for_each's callback. */
struct guest_thread {
    struct guest_thread *next;
    int32_t tid;
    uint64_t *robust_head;      /* that thread's guest_robust_list_head */
    struct sigq *sigq;          /* its thread-directed signals */
};
void guest_threads_for_each(void (*fn)(struct guest_thread *t, void *arg), void *arg);
bool guest_thread_exists(int32_t tid);
/* Walks every thread's robust futex list (Linux's exit_robust_list), each at most once:
 * exit_group, a fatal signal, and execve at its point of no return (process.c should call
 * it just before the host execve). */
void robust_list_exit_all(void);
/* Writes a host struct rusage to the guest: 0 or -EFAULT. */
struct rusage;
int64_t put_guest_rusage(uint64_t ga, const struct rusage *ru);

/* ---- /proc emulation (procfs.c) */

/* If path (as the guest wrote it) names a /proc file crossrun writes itself (the guest's
 * maps, auxv, cmdline; cpuinfo), opens a read-only copy, stores the new fd or -errno in
 * *result and returns true. Returns false for every other path (the host serves it). */
bool procfs_open(struct cpu *cpu, const char *path, int host_flags, int64_t *result);

/* ---- handlers, by family */

#define HANDLER(name) syscall_handler name
/* fs.c */
HANDLER(sys_read); HANDLER(sys_write); HANDLER(sys_readv); HANDLER(sys_writev);
HANDLER(sys_pread64); HANDLER(sys_pwrite64); HANDLER(sys_preadv); HANDLER(sys_pwritev);
HANDLER(sys_preadv2); HANDLER(sys_pwritev2);
HANDLER(sys_openat); HANDLER(sys_close); HANDLER(sys_close_range); HANDLER(sys_lseek);
HANDLER(sys_fstat); HANDLER(sys_newfstatat); HANDLER(sys_statx); HANDLER(sys_getdents64);
HANDLER(sys_readlinkat); HANDLER(sys_faccessat); HANDLER(sys_faccessat2);
HANDLER(sys_getcwd); HANDLER(sys_chdir); HANDLER(sys_fchdir); HANDLER(sys_mkdirat);
HANDLER(sys_mknodat); HANDLER(sys_unlinkat); HANDLER(sys_renameat2); HANDLER(sys_symlinkat);
HANDLER(sys_linkat); HANDLER(sys_fchmod); HANDLER(sys_fchmodat); HANDLER(sys_fchown);
HANDLER(sys_fchownat); HANDLER(sys_utimensat); HANDLER(sys_truncate); HANDLER(sys_ftruncate);
HANDLER(sys_fsync); HANDLER(sys_fdatasync); HANDLER(sys_sync); HANDLER(sys_statfs);
HANDLER(sys_fstatfs); HANDLER(sys_fallocate); HANDLER(sys_fadvise64); HANDLER(sys_flock);
HANDLER(sys_sendfile); HANDLER(sys_dup); HANDLER(sys_dup3); HANDLER(sys_fcntl);
HANDLER(sys_pipe2); HANDLER(sys_ppoll); HANDLER(sys_pselect6);
/* ioctl.c */
HANDLER(sys_ioctl);
/* mm.c */
HANDLER(sys_brk); HANDLER(sys_mmap); HANDLER(sys_munmap); HANDLER(sys_mprotect);
HANDLER(sys_mremap); HANDLER(sys_madvise); HANDLER(sys_msync); HANDLER(sys_mlock);
HANDLER(sys_munlock); HANDLER(sys_riscv_flush_icache);
/* time.c */
HANDLER(sys_clock_gettime); HANDLER(sys_clock_getres); HANDLER(sys_gettimeofday);
HANDLER(sys_nanosleep); HANDLER(sys_clock_nanosleep); HANDLER(sys_times);
/* proc.c */
HANDLER(sys_getpid); HANDLER(sys_getppid); HANDLER(sys_gettid); HANDLER(sys_getuid);
HANDLER(sys_geteuid); HANDLER(sys_getgid); HANDLER(sys_getegid); HANDLER(sys_getresuid);
HANDLER(sys_getresgid); HANDLER(sys_getgroups); HANDLER(sys_getpgid); HANDLER(sys_setpgid);
HANDLER(sys_getsid); HANDLER(sys_setsid); HANDLER(sys_umask); HANDLER(sys_uname);
HANDLER(sys_sysinfo); HANDLER(sys_getrusage); HANDLER(sys_prlimit64); HANDLER(sys_getrlimit);
HANDLER(sys_setrlimit); HANDLER(sys_sched_getaffinity); HANDLER(sys_sched_yield);
HANDLER(sys_getcpu); HANDLER(sys_getpriority); HANDLER(sys_set_tid_address);
HANDLER(sys_set_robust_list); HANDLER(sys_get_robust_list); HANDLER(sys_exit);
HANDLER(sys_exit_group); HANDLER(sys_futex); HANDLER(sys_getrandom); HANDLER(sys_prctl);
HANDLER(sys_enosys);
/* process.c */
HANDLER(sys_clone); HANDLER(sys_wait4); HANDLER(sys_waitid); HANDLER(sys_execve);
HANDLER(sys_execveat);
/* signal.c */
HANDLER(sys_rt_sigaction); HANDLER(sys_rt_sigprocmask); HANDLER(sys_rt_sigpending);
HANDLER(sys_sigaltstack); HANDLER(sys_kill); HANDLER(sys_tkill); HANDLER(sys_tgkill);
HANDLER(sys_rt_sigreturn); HANDLER(sys_rt_sigsuspend); HANDLER(sys_rt_sigtimedwait);
HANDLER(sys_rt_sigqueueinfo); HANDLER(sys_rt_tgsigqueueinfo); HANDLER(sys_setitimer);
HANDLER(sys_getitimer);
/* thread.c */
HANDLER(sys_exit_group_robust);
/* timer.c */
HANDLER(sys_timer_create); HANDLER(sys_timer_settime); HANDLER(sys_timer_gettime);
HANDLER(sys_timer_getoverrun); HANDLER(sys_timer_delete);
/* net.c */
HANDLER(sys_socket); HANDLER(sys_socketpair); HANDLER(sys_bind); HANDLER(sys_listen);
HANDLER(sys_accept); HANDLER(sys_accept4); HANDLER(sys_connect); HANDLER(sys_getsockname);
HANDLER(sys_getpeername); HANDLER(sys_sendto); HANDLER(sys_recvfrom); HANDLER(sys_setsockopt);
HANDLER(sys_getsockopt); HANDLER(sys_shutdown); HANDLER(sys_sendmsg); HANDLER(sys_recvmsg);
HANDLER(sys_sendmmsg); HANDLER(sys_recvmmsg);
/* event.c */
HANDLER(sys_epoll_create1); HANDLER(sys_epoll_ctl); HANDLER(sys_epoll_pwait);
HANDLER(sys_epoll_pwait2); HANDLER(sys_eventfd2); HANDLER(sys_timerfd_create);
HANDLER(sys_timerfd_settime); HANDLER(sys_timerfd_gettime); HANDLER(sys_signalfd4);
HANDLER(sys_inotify_init1); HANDLER(sys_inotify_add_watch); HANDLER(sys_inotify_rm_watch);
/* sched.c */
HANDLER(sys_sched_setaffinity); HANDLER(sys_sched_getparam); HANDLER(sys_sched_setparam);
HANDLER(sys_sched_setscheduler); HANDLER(sys_sched_getscheduler);
HANDLER(sys_sched_get_priority_max); HANDLER(sys_sched_get_priority_min);
HANDLER(sys_sched_rr_get_interval); HANDLER(sys_sched_getattr); HANDLER(sys_sched_setattr);
HANDLER(sys_setpriority); HANDLER(sys_ioprio_get); HANDLER(sys_ioprio_set);
HANDLER(sys_setuid); HANDLER(sys_setgid); HANDLER(sys_setreuid); HANDLER(sys_setregid);
HANDLER(sys_setresuid); HANDLER(sys_setresgid); HANDLER(sys_setfsuid); HANDLER(sys_setfsgid);
HANDLER(sys_setgroups); HANDLER(sys_capget); HANDLER(sys_capset); HANDLER(sys_personality);
HANDLER(sys_syslog); HANDLER(sys_sethostname); HANDLER(sys_setdomainname);
/* fs_extra.c */
HANDLER(sys_setxattr); HANDLER(sys_lsetxattr); HANDLER(sys_fsetxattr); HANDLER(sys_getxattr);
HANDLER(sys_lgetxattr); HANDLER(sys_fgetxattr); HANDLER(sys_listxattr); HANDLER(sys_llistxattr);
HANDLER(sys_flistxattr); HANDLER(sys_removexattr); HANDLER(sys_lremovexattr);
HANDLER(sys_fremovexattr); HANDLER(sys_memfd_create); HANDLER(sys_copy_file_range);
HANDLER(sys_splice); HANDLER(sys_tee); HANDLER(sys_vmsplice); HANDLER(sys_syncfs);
HANDLER(sys_sync_file_range); HANDLER(sys_readahead);
/* mm.c, more */
HANDLER(sys_mlock2); HANDLER(sys_mlockall); HANDLER(sys_munlockall);
/* prctl options proc.c's sys_prctl does not know (sched.c): called from its default case */
HANDLER(prctl_more);
#undef HANDLER

#endif
