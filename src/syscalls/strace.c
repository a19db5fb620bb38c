/*
 * strace.c - -strace output in the format qemu-user users know:
 *     PID openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC) = 3
 *     PID openat(AT_FDCWD,"/nope",O_RDONLY) = -1 errno=2 (No such file or directory)
 * Arguments are formatted before the call (so input strings are what the call saw) and the
 * line is printed after it, in one piece. Reading guest memory here uses the safe copy
 * functions only: a bad pointer prints as its address, never crashes.
 *
 * Flag names are the guest's (asm-generic) values; O_* goes through the guest ABI's table.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "../log.h"

struct sbuf {
    char *p;
    size_t left;
};

PRINTF_LIKE(2, 3) static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
    if (b->left <= 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p, b->left, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t used = (size_t)n < b->left ? (size_t)n : b->left - 1;
    b->p += used;
    b->left -= used;
}

struct name_bit {
    uint64_t bit;
    const char *name;
};

/* "A|B|0x40" for the set bits; "0" (or zero_name) when none. */
static void sb_flags(struct sbuf *b, uint64_t v, const struct name_bit *t, size_t n,
                     const char *zero_name)
{
    if (v == 0) {
        sb_printf(b, "%s", zero_name ? zero_name : "0");
        return;
    }
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (t[i].bit && (v & t[i].bit) == t[i].bit) {
            sb_printf(b, "%s%s", first ? "" : "|", t[i].name);
            v &= ~t[i].bit;
            first = false;
        }
    }
    if (v)
        sb_printf(b, "%s%#" PRIx64, first ? "" : "|", v);
}

/* A name for value v from a table indexed by value, or the number. */
static void sb_enum(struct sbuf *b, int64_t v, const char *const *names, size_t n)
{
    if (v >= 0 && (uint64_t)v < n && names[v])
        sb_printf(b, "%s", names[v]);
    else
        sb_printf(b, "%" PRId64, v);
}

static void sb_ptr(struct sbuf *b, uint64_t v)
{
    if (v)
        sb_printf(b, "%#" PRIx64, v);
    else
        sb_printf(b, "NULL");
}

/* Quoted, escaped guest bytes: a string (up to its NUL) or len bytes, at most max shown and
 * "..." when there is more. Unreadable memory at ga prints as the pointer. */
static void sb_guest_bytes(struct sbuf *b, uint64_t ga, uint64_t len, size_t max, bool is_string)
{
    uint8_t data[256];
    size_t want = len < max ? (size_t)len : max;
    if (want > sizeof(data))
        want = sizeof(data);
    size_t got = 0;
    bool ended = false;     /* saw the NUL of a string */
    /* Byte by byte: a string may end just before an unmapped page. */
    while (got < want && copy_from_guest(&data[got], ga + got, 1) == 0) {
        if (is_string && data[got] == 0) {
            ended = true;
            break;
        }
        got++;
    }
    if (got == 0 && want > 0 && !ended) {
        sb_ptr(b, ga);
        return;
    }
    sb_printf(b, "\"");
    for (size_t i = 0; i < got; i++) {
        uint8_t c = data[i];
        switch (c) {
        case '\n': sb_printf(b, "\\n"); break;
        case '\t': sb_printf(b, "\\t"); break;
        case '\r': sb_printf(b, "\\r"); break;
        case '"':  sb_printf(b, "\\\""); break;
        case '\\': sb_printf(b, "\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f)
                sb_printf(b, "%c", c);
            else
                sb_printf(b, "\\%o", c);
        }
    }
    bool more = is_string ? !ended : len > got;
    sb_printf(b, "\"%s", more ? "..." : "");
}

static const struct name_bit at_flag_names[] = {
    { 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" },
    { 0x400, "AT_SYMLINK_FOLLOW" },   { 0x800, "AT_NO_AUTOMOUNT" },
    { 0x1000, "AT_EMPTY_PATH" },      { 0x2000, "AT_STATX_FORCE_SYNC" },
    { 0x4000, "AT_STATX_DONT_SYNC" }, { 0x8000, "AT_RECURSIVE" },
};
static const struct name_bit prot_names[] = {
    { 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" }, { 8, "PROT_SEM" },
    { 0x01000000, "PROT_GROWSDOWN" }, { 0x02000000, "PROT_GROWSUP" },
};
static const struct name_bit map_flag_names[] = {
    { 0x10, "MAP_FIXED" },         { 0x20, "MAP_ANONYMOUS" },     { 0x100, "MAP_GROWSDOWN" },
    { 0x800, "MAP_DENYWRITE" },    { 0x1000, "MAP_EXECUTABLE" },  { 0x2000, "MAP_LOCKED" },
    { 0x4000, "MAP_NORESERVE" },   { 0x8000, "MAP_POPULATE" },    { 0x10000, "MAP_NONBLOCK" },
    { 0x20000, "MAP_STACK" },      { 0x40000, "MAP_HUGETLB" },    { 0x80000, "MAP_SYNC" },
    { 0x100000, "MAP_FIXED_NOREPLACE" },
};
static const char *const map_type_names[] = {
    [1] = "MAP_SHARED", [2] = "MAP_PRIVATE", [3] = "MAP_SHARED_VALIDATE",
};
static const struct name_bit access_names[] = {
    { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" },
};
/* Host O_* names: guest flags are translated to host ones first (the ABI table). */
static const struct name_bit host_open_names[] = {
    { O_CREAT, "O_CREAT" },       { O_EXCL, "O_EXCL" },           { O_NOCTTY, "O_NOCTTY" },
    { O_TRUNC, "O_TRUNC" },       { O_APPEND, "O_APPEND" },       { O_NONBLOCK, "O_NONBLOCK" },
    { O_SYNC & ~O_DSYNC, "O_SYNC" }, { O_DSYNC, "O_DSYNC" },      { O_ASYNC, "O_ASYNC" },
    { O_DIRECT, "O_DIRECT" },     { 0100000, "O_LARGEFILE" },     { O_DIRECTORY, "O_DIRECTORY" },
    { O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" },     { O_CLOEXEC, "O_CLOEXEC" },
    { O_PATH, "O_PATH" },         { O_TMPFILE & ~O_DIRECTORY, "O_TMPFILE" },
};
static const char *const clock_names[] = {
    [0] = "CLOCK_REALTIME",        [1] = "CLOCK_MONOTONIC",      [2] = "CLOCK_PROCESS_CPUTIME_ID",
    [3] = "CLOCK_THREAD_CPUTIME_ID", [4] = "CLOCK_MONOTONIC_RAW", [5] = "CLOCK_REALTIME_COARSE",
    [6] = "CLOCK_MONOTONIC_COARSE", [7] = "CLOCK_BOOTTIME",       [8] = "CLOCK_REALTIME_ALARM",
    [9] = "CLOCK_BOOTTIME_ALARM",  [11] = "CLOCK_TAI",
};
static const char *const signal_names[] = {
    [1] = "SIGHUP",   [2] = "SIGINT",    [3] = "SIGQUIT",   [4] = "SIGILL",   [5] = "SIGTRAP",
    [6] = "SIGABRT",  [7] = "SIGBUS",    [8] = "SIGFPE",    [9] = "SIGKILL",  [10] = "SIGUSR1",
    [11] = "SIGSEGV", [12] = "SIGUSR2",  [13] = "SIGPIPE",  [14] = "SIGALRM", [15] = "SIGTERM",
    [16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT", [19] = "SIGSTOP", [20] = "SIGTSTP",
    [21] = "SIGTTIN", [22] = "SIGTTOU",  [23] = "SIGURG",   [24] = "SIGXCPU", [25] = "SIGXFSZ",
    [26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO",  [30] = "SIGPWR",
    [31] = "SIGSYS",
};
static const char *const sighow_names[] = { "SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK" };
static const char *const whence_names[] = {
    "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE",
};
static const char *const rlimit_names[] = {
    "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
    "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
    "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
};
static const char *const futex_names[] = {
    [0] = "FUTEX_WAIT",        [1] = "FUTEX_WAKE",          [2] = "FUTEX_FD",
    [3] = "FUTEX_REQUEUE",     [4] = "FUTEX_CMP_REQUEUE",   [5] = "FUTEX_WAKE_OP",
    [6] = "FUTEX_LOCK_PI",     [7] = "FUTEX_UNLOCK_PI",     [8] = "FUTEX_TRYLOCK_PI",
    [9] = "FUTEX_WAIT_BITSET", [10] = "FUTEX_WAKE_BITSET",  [11] = "FUTEX_WAIT_REQUEUE_PI",
    [12] = "FUTEX_CMP_REQUEUE_PI", [13] = "FUTEX_LOCK_PI2",
};
static const struct { uint32_t value; const char *name; } fcntl_names[] = {
    { 0, "F_DUPFD" },       { 1, "F_GETFD" },       { 2, "F_SETFD" },       { 3, "F_GETFL" },
    { 4, "F_SETFL" },       { 5, "F_GETLK" },       { 6, "F_SETLK" },       { 7, "F_SETLKW" },
    { 8, "F_SETOWN" },      { 9, "F_GETOWN" },      { 10, "F_SETSIG" },     { 11, "F_GETSIG" },
    { 15, "F_SETOWN_EX" },  { 16, "F_GETOWN_EX" },  { 36, "F_OFD_GETLK" },  { 37, "F_OFD_SETLK" },
    { 38, "F_OFD_SETLKW" }, { 1024, "F_SETLEASE" }, { 1025, "F_GETLEASE" }, { 1026, "F_NOTIFY" },
    { 1030, "F_DUPFD_CLOEXEC" }, { 1031, "F_SETPIPE_SZ" }, { 1032, "F_GETPIPE_SZ" },
    { 1033, "F_ADD_SEALS" }, { 1034, "F_GET_SEALS" },
};
static const struct { uint32_t value; const char *name; } ioctl_names[] = {
    { 0x5401, "TCGETS" },     { 0x5402, "TCSETS" },     { 0x5403, "TCSETSW" },
    { 0x5404, "TCSETSF" },    { 0x5409, "TCSBRK" },     { 0x540A, "TCXONC" },
    { 0x540B, "TCFLSH" },     { 0x540C, "TIOCEXCL" },   { 0x540D, "TIOCNXCL" },
    { 0x540E, "TIOCSCTTY" },  { 0x540F, "TIOCGPGRP" },  { 0x5410, "TIOCSPGRP" },
    { 0x5411, "TIOCOUTQ" },   { 0x5413, "TIOCGWINSZ" }, { 0x5414, "TIOCSWINSZ" },
    { 0x541B, "FIONREAD" },   { 0x5421, "FIONBIO" },    { 0x5422, "TIOCNOTTY" },
    { 0x5429, "TIOCGSID" },   { 0x80045430, "TIOCGPTN" }, { 0x40045431, "TIOCSPTLCK" },
    { 0x5450, "FIONCLEX" },   { 0x5451, "FIOCLEX" },    { 0x5452, "FIOASYNC" },
};

void strace_open_flags(char *buf, size_t size, const struct guest_abi *abi, uint64_t flags)
{
    struct sbuf b = { buf, size };
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    sb_printf(&b, "%s", acc[flags & GO_ACCMODE]);
    int host = open_flags_to_host(abi, flags) & ~O_ACCMODE;
    if (host) {
        sb_printf(&b, "|");
        sb_flags(&b, (uint32_t)host, host_open_names, ARRAY_SIZE(host_open_names), NULL);
    }
    buf[size - 1] = 0;
}

static void sb_arg(struct sbuf *b, const struct cpu *cpu, enum sys_arg kind, uint64_t v,
                   uint64_t next)
{
    switch (kind) {
    case ARG_NONE:
        break;
    case ARG_INT:
    case ARG_FD:
        sb_printf(b, "%d", (int)v);
        break;
    case ARG_LONG:
        sb_printf(b, "%" PRId64, (int64_t)v);
        break;
    case ARG_ULONG:
        sb_printf(b, "%" PRIu64, v);
        break;
    case ARG_HEX:
        sb_printf(b, "%#" PRIx64, v);
        break;
    case ARG_OCT:
    case ARG_OPENMODE:
        sb_printf(b, "%#" PRIo64, v);
        break;
    case ARG_PTR:
        sb_ptr(b, v);
        break;
    case ARG_DIRFD:
        if ((int)v == -100)
            sb_printf(b, "AT_FDCWD");
        else
            sb_printf(b, "%d", (int)v);
        break;
    case ARG_PATH:
        if (v == 0)
            sb_printf(b, "NULL");
        else
            sb_guest_bytes(b, v, PATH_MAX, 256, true);
        break;
    case ARG_WBUF:
        sb_guest_bytes(b, v, next, 32, false);
        break;
    case ARG_OFLAGS: {
        char tmp[256];
        strace_open_flags(tmp, sizeof(tmp), guest_abi(cpu), (uint32_t)v);
        sb_printf(b, "%s", tmp);
        break;
    }
    case ARG_ATFLAGS:
        sb_flags(b, (uint32_t)v, at_flag_names, ARRAY_SIZE(at_flag_names), NULL);
        break;
    case ARG_PROT:
        sb_flags(b, (uint32_t)v, prot_names, ARRAY_SIZE(prot_names), "PROT_NONE");
        break;
    case ARG_MAPFLAGS:
        sb_enum(b, (int64_t)(v & 0xf), map_type_names, ARRAY_SIZE(map_type_names));
        if (v & ~(uint64_t)0xf) {
            sb_printf(b, "|");
            sb_flags(b, v & ~(uint64_t)0xf, map_flag_names, ARRAY_SIZE(map_flag_names), NULL);
        }
        break;
    case ARG_CLOCK:
        sb_enum(b, (int)v, clock_names, ARRAY_SIZE(clock_names));
        break;
    case ARG_SIGNAL:
        sb_enum(b, (int)v, signal_names, ARRAY_SIZE(signal_names));
        break;
    case ARG_SIGHOW:
        sb_enum(b, (int)v, sighow_names, ARRAY_SIZE(sighow_names));
        break;
    case ARG_WHENCE:
        sb_enum(b, (int)v, whence_names, ARRAY_SIZE(whence_names));
        break;
    case ARG_RLIMIT:
        sb_enum(b, (int)v, rlimit_names, ARRAY_SIZE(rlimit_names));
        break;
    case ARG_FUTEX:
        sb_enum(b, (int)(v & 127), futex_names, ARRAY_SIZE(futex_names));
        if (v & 128)
            sb_printf(b, "|FUTEX_PRIVATE_FLAG");
        if (v & 256)
            sb_printf(b, "|FUTEX_CLOCK_REALTIME");
        if ((uint32_t)v & ~(uint32_t)511)
            sb_printf(b, "|%#" PRIx32, (uint32_t)v & ~(uint32_t)511);
        break;
    case ARG_FCNTL:
        for (size_t i = 0; i < ARRAY_SIZE(fcntl_names); i++)
            if (fcntl_names[i].value == (uint32_t)v) {
                sb_printf(b, "%s", fcntl_names[i].name);
                return;
            }
        sb_printf(b, "%d", (int)v);
        break;
    case ARG_IOCTL:
        for (size_t i = 0; i < ARRAY_SIZE(ioctl_names); i++)
            if (ioctl_names[i].value == (uint32_t)v) {
                sb_printf(b, "%s", ioctl_names[i].name);
                return;
            }
        sb_printf(b, "%#" PRIx32, (uint32_t)v);
        break;
    case ARG_ACCESS:
        sb_flags(b, (uint32_t)v, access_names, ARRAY_SIZE(access_names), "F_OK");
        break;
    }
}

void strace_format_call(char *buf, size_t size, const struct cpu *cpu,
                        const struct syscall_def *def, uint64_t nr, const uint64_t a[6])
{
    struct sbuf b = { buf, size };
    if (!def || !def->name)
        sb_printf(&b, "syscall_%" PRIu64 "(", nr);
    else
        sb_printf(&b, "%s(", def->name);
    if (!def || !def->fn) {
        /* Unknown argument types: show all six as numbers. */
        for (int i = 0; i < 6; i++)
            sb_printf(&b, "%s%#" PRIx64, i ? "," : "", a[i]);
    } else {
        for (int i = 0; i < 6 && def->args[i] != ARG_NONE; i++) {
            if (def->args[i] == ARG_OPENMODE && i > 0 && !(a[i - 1] & (GO_CREAT | GO_TMPFILE)))
                break;
            if (i)
                sb_printf(&b, ",");
            sb_arg(&b, cpu, def->args[i], a[i], i < 5 ? a[i + 1] : 0);
        }
    }
    sb_printf(&b, ")");
    buf[size - 1] = 0;
}

void strace_print(const char *call, enum sys_ret ret, int64_t result)
{
    int pid = getpid();
    if (ret == RET_NORETURN) {
        log_printf("%d %s\n", pid, call);
    } else if (result < 0 && result >= -4095) {
        int guest_err = (int)-result;
        int host_err = host_errno_of_guest(guest_err);
        log_printf("%d %s = -1 errno=%d (%s)\n", pid, call, guest_err,
                   host_err ? strerror(host_err) : "Unknown error");
    } else if (ret == RET_HEX) {
        log_printf("%d %s = %#" PRIx64 "\n", pid, call, (uint64_t)result);
    } else {
        log_printf("%d %s = %" PRId64 "\n", pid, call, result);
    }
    fflush(log_file ? log_file : stderr);
}
