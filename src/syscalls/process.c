/*
 * process.c - new processes and new programs: clone for processes (glibc's fork, vfork and
 * posix_spawn all come here), wait4, waitid, execve and execveat.
 *
 * clone: a guest process is a host process, so a clone without CLONE_VM is a host fork()
 * (or a raw host clone when the guest asks for something fork() cannot say: namespaces,
 * CLONE_FILES/CLONE_FS sharing, a pidfd, an exit signal other than SIGCHLD). The child keeps
 * a copy of the whole emulator, guest memory included, except the code cache, whose two
 * views map one shared memfd: the child gets a fresh one and translates again what it runs
 * (the parent goes on writing and patching the old one, so it cannot be copied). The
 * argument order is the CLONE_BACKWARDS one riscv64 and arm64 use: (flags, newsp,
 * parent_tid, tls, child_tid).
 * CLONE_VM|CLONE_VFORK (vfork, posix_spawn) is a plain fork: the child has a copy of memory
 * instead of sharing it, and the parent does not wait for the child's exec. Programs that
 * use vfork as POSIX allows (exec or _exit in the child) cannot tell; posix_spawn cannot
 * report the child's exec error through shared memory, so it reports success and the child
 * exits with 127, as with a fork-based posix_spawn. Threads (CLONE_THREAD) are thread.c's.
 *
 * execve: the guest's argument and environment strings are copied (E2BIG and EFAULT like
 * Linux), the path mapped like every guest path (sysroot, /proc/self/exe), and the file
 * classified the way the kernel's binfmt handlers would: a "#!" script has its interpreter
 * line parsed as Linux does and is retried with the interpreter (up to 5 levels); an ELF of
 * a guest crossrun runs becomes a host execve of crossrun itself with the same options
 * (guest_process.crossrun_args), so no binfmt_misc registration is needed; anything else
 * (a host program) is given to the host execve as it is. Errors are the kernel's: ENOENT,
 * EACCES, ENOEXEC, ELOOP, E2BIG, EFAULT. No guest input reaches an assert: every length is
 * bounded and every guest pointer is copied through copy_from_guest.
 */
#include <elf.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"
#include "../log.h"

/* clone flags (include/uapi/linux/sched.h: the same on every architecture) */
#define GCLONE_CSIGNAL        0x000000ffu
#define GCLONE_VM             0x00000100u
#define GCLONE_FS             0x00000200u
#define GCLONE_FILES          0x00000400u
#define GCLONE_SIGHAND        0x00000800u
#define GCLONE_PIDFD          0x00001000u
#define GCLONE_PTRACE         0x00002000u
#define GCLONE_VFORK          0x00004000u
#define GCLONE_PARENT         0x00008000u
#define GCLONE_THREAD         0x00010000u
#define GCLONE_NEWNS          0x00020000u
#define GCLONE_SYSVSEM        0x00040000u
#define GCLONE_SETTLS         0x00080000u
#define GCLONE_PARENT_SETTID  0x00100000u
#define GCLONE_CHILD_CLEARTID 0x00200000u
#define GCLONE_DETACHED       0x00400000u
#define GCLONE_UNTRACED       0x00800000u
#define GCLONE_CHILD_SETTID   0x01000000u
#define GCLONE_NEWCGROUP      0x02000000u
#define GCLONE_NEWUTS         0x04000000u
#define GCLONE_NEWIPC         0x08000000u
#define GCLONE_NEWUSER        0x10000000u
#define GCLONE_NEWPID         0x20000000u
#define GCLONE_NEWNET         0x40000000u
#define GCLONE_IO             0x80000000u

/* What the host clone does for us exactly as asked (the fd table, cwd, namespaces...). */
#define CLONE_HOST_PASSTHROUGH                                                              \
    (GCLONE_FS | GCLONE_FILES | GCLONE_PIDFD | GCLONE_PARENT | GCLONE_SYSVSEM | GCLONE_IO | \
     GCLONE_NEWNS | GCLONE_NEWCGROUP | GCLONE_NEWUTS | GCLONE_NEWIPC | GCLONE_NEWUSER |     \
     GCLONE_NEWPID | GCLONE_NEWNET)
/* What crossrun does itself in the child or parent, or may ignore (no ptrace, and the
 * kernel ignores CLONE_DETACHED). */
#define CLONE_EMULATED                                                                      \
    (GCLONE_VFORK | GCLONE_SETTLS | GCLONE_PARENT_SETTID | GCLONE_CHILD_SETTID |           \
     GCLONE_CHILD_CLEARTID | GCLONE_DETACHED | GCLONE_UNTRACED | GCLONE_PTRACE)

#define GUEST_SIGCHLD 17
#define GUEST_P_PIDFD 3
#define GUEST_AT_SYMLINK_NOFOLLOW 0x100
#define GUEST_AT_EMPTY_PATH 0x1000

/* ---- clone */

/* The child's half of clone: its own code cache, the registers clone sets, the tid words. */
static void clone_child_setup(struct cpu *cpu, uint32_t flags, uint64_t newsp, uint64_t ptid,
                              uint64_t tls, uint64_t ctid)
{
    int err = code_cache_unshare();
    if (err < 0)
        fatal(EXIT_STATUS_INTERNAL, "fork: cannot make a code cache: %s", strerror(-err));
    dispatch_request_flush();       /* the parent's translations stay with the parent */
    if (!(flags & GCLONE_VM))
        guest_mem_after_fork_child();   /* MADV_DONTFORK ranges (vfork shares memory) */
    if (cpu->target->set_clone_regs)
        cpu->target->set_clone_regs(cpu, newsp, tls, (flags & GCLONE_SETTLS) != 0);
    int32_t tid = (int32_t)gettid();
    /* The kernel ignores faults on these writes (the child just runs). */
    if (flags & GCLONE_CHILD_SETTID)
        (void)copy_to_guest(ctid, &tid, sizeof(tid));
    /* With CLONE_VM the parent's write would also be visible here: emulate that. */
    if ((flags & GCLONE_PARENT_SETTID) && (flags & GCLONE_VM))
        (void)copy_to_guest(ptid, &tid, sizeof(tid));
    guest_clear_child_tid = (flags & GCLONE_CHILD_CLEARTID) ? ctid : 0;
    guest_robust_list_head = guest_robust_list_len = 0;     /* not inherited (Linux) */
}

int64_t sys_clone(struct cpu *cpu, const uint64_t a[6])
{
    /* Linux reads the flags as a 32-bit value: the low byte is the exit signal. */
    uint32_t flags = (uint32_t)a[0];
    uint64_t newsp = a[1], ptid = a[2], tls = a[3], ctid = a[4];
    uint32_t exit_signal = flags & GCLONE_CSIGNAL;

    /* The kernel's consistency checks (copy_process), in its order. */
    if ((flags & (GCLONE_NEWNS | GCLONE_FS)) == (GCLONE_NEWNS | GCLONE_FS) ||
        (flags & (GCLONE_NEWUSER | GCLONE_FS)) == (GCLONE_NEWUSER | GCLONE_FS))
        return -EINVAL;
    if ((flags & GCLONE_THREAD) && !(flags & GCLONE_SIGHAND))
        return -EINVAL;
    if ((flags & GCLONE_SIGHAND) && !(flags & GCLONE_VM))
        return -EINVAL;
    if ((flags & GCLONE_PIDFD) && (flags & (GCLONE_PARENT_SETTID | GCLONE_DETACHED)))
        return -EINVAL;
    if (flags & GCLONE_THREAD)      /* a thread: a host thread sharing everything (thread.c) */
        return clone_thread(cpu, flags, newsp, ptid, tls, ctid);
    /* Shared memory or signal handlers between two processes: not possible with a host
     * process per guest process (vfork's CLONE_VM is emulated by a copy, see above). */
    if (((flags & GCLONE_VM) && !(flags & GCLONE_VFORK)) || (flags & GCLONE_SIGHAND)) {
        report_unimp_once("clone", flags, "clone flags %#x (shared memory without threads) "
                          "are not supported", flags);
        return -EINVAL;
    }
    uint32_t other = flags & ~(GCLONE_CSIGNAL | GCLONE_VM | CLONE_HOST_PASSTHROUGH |
                               CLONE_EMULATED);
    if (other) {
        report_unimp_once("clone", other, "unsupported clone flags %#x", other);
        return -EINVAL;
    }
    if ((flags & GCLONE_PIDFD) && !guest_access_ok(ptid, sizeof(int32_t), GPROT_WRITE))
        return -EFAULT;      /* Linux fails before the child exists */

    /* Crossrun's own buffered output must not be written twice. */
    fflush(NULL);
    uint32_t host_flags = (flags & CLONE_HOST_PASSTHROUGH) | exit_signal;
    int pidfd = -1;
    pid_t pid;
    if (host_flags == GUEST_SIGCHLD) {
        /* glibc's fork keeps crossrun's own libc state right in the child (locks, tid). */
        pid = fork();
    } else {
        /* x86_64's order: flags, newsp, parent_tid, child_tid, tls. CLONE_VFORK is left out
         * as in the fork case: the parent does not wait. */
        pid = (pid_t)syscall(__NR_clone, (unsigned long)host_flags, NULL,
                             (flags & GCLONE_PIDFD) ? &pidfd : NULL, NULL, 0UL);
    }
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        clone_child_setup(cpu, flags, newsp, ptid, tls, ctid);
        return 0;
    }
    if (flags & GCLONE_PARENT_SETTID) {
        int32_t v = pid;
        (void)copy_to_guest(ptid, &v, sizeof(v));
    }
    if (flags & GCLONE_PIDFD) {
        int32_t v = pidfd;
        (void)copy_to_guest(ptid, &v, sizeof(v));   /* checked writable above */
    }
    return pid;
}

/* ---- wait4, waitid. Status words, W* options, P_* id types, CLD_* codes and signal
 * numbers are the same on both sides; only the structs are converted. */

int64_t sys_wait4(struct cpu *cpu, const uint64_t a[6])
{
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof(ru));
    long r = syscall(__NR_wait4, (pid_t)a[0], a[1] ? &status : NULL, (int)a[2],
                     a[3] ? &ru : NULL);
    if (r < 0)
        return -errno;
    /* As in the kernel: written only when a child was reaped (not for WNOHANG's 0). */
    if (r > 0 && a[1] && copy_to_guest(a[1], &status, sizeof(status)))
        return -EFAULT;
    if (r > 0 && a[3] && put_guest_rusage(a[3], &ru))
        return -EFAULT;
    return r;
}

/* The fields of the generic siginfo_t that waitid writes: the same offsets on riscv64,
 * aarch64 and x86_64 (three ints, padding to 8, then the SIGCHLD part of the union). */
struct guest_siginfo_head {
    int32_t signo, err, code, pad;
};
struct guest_siginfo_chld {     /* at GUEST_SIGINFO_CHLD_OFFSET */
    int32_t pid;
    uint32_t uid;
    int32_t status;
};
#define GUEST_SIGINFO_CHLD_OFFSET 16

int64_t sys_waitid(struct cpu *cpu, const uint64_t a[6])
{
    int which = (int)a[0], options = (int)a[3];
    int id = (int)a[1];
    uint64_t infop = a[2], rup = a[4];
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof(si));
    memset(&ru, 0, sizeof(ru));
    if (which == GUEST_P_PIDFD && check_fd(id))
        return -EBADF;
    long r = syscall(__NR_waitid, which, id, &si, options, rup ? &ru : NULL);
    int err = r < 0 ? errno : 0;
    /* The kernel writes the rusage only when it found a child, and these six fields (zero
     * when nothing was found, even on error) whenever infop is given. */
    if (r == 0 && si.si_signo != 0 && rup && put_guest_rusage(rup, &ru))
        return -EFAULT;
    if (infop) {
        struct guest_siginfo_head head = { si.si_signo, si.si_errno, si.si_code, 0 };
        struct guest_siginfo_chld chld = { si.si_pid, si.si_uid, si.si_status };
        if (copy_to_guest(infop, &head, offsetof(struct guest_siginfo_head, pad)) ||
            copy_to_guest(infop + GUEST_SIGINFO_CHLD_OFFSET, &chld, sizeof(chld)))
            return -EFAULT;
    }
    return err ? -err : 0;
}

/* ---- execve */

#define EXEC_MAX_ARG_STRLEN (32 * 4096)  /* MAX_ARG_STRLEN: one string, NUL included */
#define EXEC_MIN_ARG_SPACE  (32 * 4096)  /* ARG_MAX: the least space strings always get */
#define EXEC_MAX_ARG_SPACE  (6u << 20)   /* _STK_LIM / 4 * 3 */
#define EXEC_MAX_SCRIPTS    5            /* fs/exec.c exec_binprm: #! rewrites before ELOOP */
#define EXEC_HEADER_SIZE    256          /* BINPRM_BUF_SIZE: what binfmt handlers look at */

/* A NULL-terminated vector of strings; every string and the vector are malloc'ed and owned
 * by struct exec_state's pool. */
struct strvec {
    char **v;
    size_t n, cap;
};

struct exec_state {
    struct strvec argv_guest;   /* argv as a guest program must see it */
    struct strvec argv_host;    /* the same, with script names as host paths */
    struct strvec envp;
    struct strvec pool;         /* every string allocated, freed at the end */
    size_t space_left;          /* for argument and environment strings and pointers */
    char *scratch;              /* EXEC_MAX_ARG_STRLEN bytes */
};

static int strvec_push(struct strvec *s, char *str)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->v, cap * sizeof(*v));
        if (!v)
            return -ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = str;
    s->v[s->n] = NULL;
    return 0;
}

/* An owned copy of str (n bytes, NUL added). */
static char *exec_strdup(struct exec_state *st, const char *str, size_t n)
{
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    memcpy(c, str, n);
    c[n] = 0;
    if (strvec_push(&st->pool, c)) {
        free(c);
        return NULL;
    }
    return c;
}

static void exec_state_free(struct exec_state *st)
{
    for (size_t i = 0; i < st->pool.n; i++)
        free(st->pool.v[i]);
    free(st->pool.v);
    free(st->argv_guest.v);
    free(st->argv_host.v);
    free(st->envp.v);
    free(st->scratch);
}

/* The space Linux gives argument and environment strings (bprm_stack_limits): a quarter of
 * the stack limit, between 128 KiB and 6 MiB. */
static size_t exec_arg_space(void)
{
    struct rlimit rl;
    size_t limit = EXEC_MAX_ARG_SPACE;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur / 4 < limit)
        limit = (size_t)(rl.rlim_cur / 4);
    return limit < EXEC_MIN_ARG_SPACE ? EXEC_MIN_ARG_SPACE : limit;
}

/* Makes s the empty vector { NULL }. */
static int strvec_init(struct strvec *s)
{
    *s = (struct strvec){ 0 };
    if (strvec_push(s, NULL))
        return -ENOMEM;
    s->n = 0;
    return 0;
}

/* Copies the guest's NULL-terminated array of string pointers at ga (0: empty) into out
 * (and into also, when given). 0, -EFAULT or -E2BIG. */
static int64_t copy_guest_strings(struct exec_state *st, uint64_t ga, struct strvec *out,
                                  struct strvec *also)
{
    if (strvec_init(out) || (also && strvec_init(also)))
        return -ENOMEM;
    for (uint64_t i = 0; ga; i++) {
        uint64_t p;
        if (copy_from_guest(&p, ga + i * 8, sizeof(p)))
            return -EFAULT;
        if (p == 0)
            break;
        long len = copy_string_from_guest(st->scratch, p, EXEC_MAX_ARG_STRLEN);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return -EFAULT;
        size_t need = (size_t)len + 1 + sizeof(uint64_t);
        if (need > st->space_left)
            return -E2BIG;
        st->space_left -= need;
        char *c = exec_strdup(st, st->scratch, (size_t)len);
        if (!c || strvec_push(out, c) || (also && strvec_push(also, c)))
            return -ENOMEM;
    }
    return 0;
}

enum exec_kind { EXEC_SCRIPT, EXEC_GUEST, EXEC_HOST };

/* Looks at the file the way execve does before choosing a binfmt handler: it must be a
 * regular file the caller may execute, on a mount that allows it. Fills hdr with the first
 * EXEC_HEADER_SIZE bytes (zero past the end of a short file, as the kernel's buffer) and
 * says what kind of program it is; or returns -errno. A file that cannot be read goes to
 * the host as it is (a host program may be execute-only). */
static int64_t exec_classify(const char *host_path, char *hdr, enum exec_kind *kind)
{
    struct stat sb;
    struct statvfs vfs;
    if (stat(host_path, &sb) < 0)
        return -errno;
    if (!S_ISREG(sb.st_mode))
        return -EACCES;
    if (faccessat(AT_FDCWD, host_path, X_OK, AT_EACCESS) < 0)
        return -errno;
    if (statvfs(host_path, &vfs) == 0 && (vfs.f_flag & ST_NOEXEC))
        return -EACCES;
    *kind = EXEC_HOST;
    memset(hdr, 0, EXEC_HEADER_SIZE);
    int fd = open(host_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n;
    do
        n = pread(fd, hdr, EXEC_HEADER_SIZE, 0);
    while (n < 0 && errno == EINTR);
    close(fd);
    const uint8_t *h = (const uint8_t *)hdr;
    if (n >= 2 && h[0] == '#' && h[1] == '!') {
        *kind = EXEC_SCRIPT;
    } else if (n >= 20 && memcmp(h, ELFMAG, SELFMAG) == 0) {     /* up to e_machine */
        uint16_t machine = h[EI_DATA] == ELFDATA2MSB ? (uint16_t)(h[18] << 8 | h[19])
                                                     : (uint16_t)(h[18] | h[19] << 8);
        const struct target *t = target_by_elf_machine(machine);
        if (t && t->elf_class == h[EI_CLASS])
            *kind = EXEC_GUEST;
    }
    return 0;
}

static bool is_spacetab(char c)
{
    return c == ' ' || c == '\t';
}

/* Parses a "#!" line as Linux's binfmt_script does: the line ends at the first newline
 * (or at the header's last byte, if the interpreter name itself was not cut off there);
 * trailing blanks go; the interpreter is the first word (ended by a blank or NUL);
 * everything after the blanks that follow it, up to the line's end or a NUL, is one
 * optional argument. Returns 0 with the interpreter and argument copied into st's pool
 * (*arg NULL if none), or -ENOEXEC. */
static int64_t parse_shebang(struct exec_state *st, const char *hdr, char **interp,
                             char **arg)
{
    const char *end = memchr(hdr, '\n', EXEC_HEADER_SIZE);
    const char *name = hdr + 2;
    if (!end) {
        end = hdr + EXEC_HEADER_SIZE - 1;
        while (name < end && is_spacetab(*name))
            name++;
        if (name == end)
            return -ENOEXEC;                    /* nothing but blanks */
        const char *t = name;
        while (t < end && !is_spacetab(*t) && *t != 0)
            t++;
        if (t == end)
            return -ENOEXEC;                    /* the interpreter's name was cut off */
    }
    while (end > name && is_spacetab(end[-1]))
        end--;
    while (name < end && is_spacetab(*name))
        name++;
    if (name == end || *name == 0)
        return -ENOEXEC;                        /* no interpreter named */
    const char *sep = name;
    while (sep < end && !is_spacetab(*sep) && *sep != 0)
        sep++;
    *interp = exec_strdup(st, name, (size_t)(sep - name));
    *arg = NULL;
    const char *a = sep;
    while (a < end && is_spacetab(*a))
        a++;
    if (a < end && *sep != 0)
        *arg = exec_strdup(st, a, strnlen(a, (size_t)(end - a)));
    if (!*interp || (a < end && *sep != 0 && !*arg))
        return -ENOMEM;
    return 0;
}

/* Rebuilds v as { interp, [arg], script, v[1...] } (Linux replaces argv[0] by the script). */
static int64_t splice_script_args(struct strvec *v, char *interp, char *arg, char *script)
{
    struct strvec nv = { 0 };
    int64_t r = strvec_push(&nv, interp);
    if (!r && arg)
        r = strvec_push(&nv, arg);
    if (!r)
        r = strvec_push(&nv, script);
    for (size_t i = 1; !r && i < v->n; i++)
        r = strvec_push(&nv, v->v[i]);
    if (r) {
        free(nv.v);
        return r;
    }
    free(v->v);
    *v = nv;
    return 0;
}

/* Makes crossrun's own descriptors close-on-exec, so no program started from the guest
 * inherits them (the -D log file is opened without O_CLOEXEC). */
static void cloexec_reserved_fds(void)
{
    for (int fd = next_reserved_fd(0); fd >= 0; fd = next_reserved_fd((unsigned)fd + 1)) {
        int fl = fcntl(fd, F_GETFD);
        if (fl >= 0 && !(fl & FD_CLOEXEC))
            fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
    }
}

/* Runs the guest program at host_path in a new crossrun: { crossrun, <options>, -0 argv0,
 * --, host_path, argv[1...] }. Returns only on failure (-errno). */
static int64_t exec_crossrun(struct exec_state *st, const char *host_path)
{
    if (!guest_process.crossrun_path)
        return -ENOEXEC;
    /* execveat's /proc/self/fd/N paths die with close-on-exec descriptors: the new crossrun
     * gets the file's own name. */
    char *resolved = NULL;
    if (strncmp(host_path, "/proc/self/fd/", 14) == 0 && (resolved = realpath(host_path, NULL)))
        host_path = resolved;
    struct strvec v = { 0 };
    int64_t r = strvec_push(&v, (char *)guest_process.crossrun_path);
    for (char **o = guest_process.crossrun_args; !r && o && *o; o++)
        r = strvec_push(&v, *o);
    if (!r)
        r = strvec_push(&v, "-0");
    if (!r)
        r = strvec_push(&v, st->argv_guest.n ? st->argv_guest.v[0] : "");
    if (!r)
        r = strvec_push(&v, "--");
    if (!r)
        r = strvec_push(&v, (char *)host_path);
    for (size_t i = 1; !r && i < st->argv_guest.n; i++)
        r = strvec_push(&v, st->argv_guest.v[i]);
    if (!r) {
        fflush(NULL);
        cloexec_reserved_fds();
        robust_list_exit_all();     /* as Linux at exec: every thread's robust futexes */
        execve(guest_process.crossrun_path, v.v, st->envp.v);
        r = -errno;
    }
    free(v.v);
    free(resolved);
    return r;
}

/* Names the file execveat runs when its path is relative to a directory fd (or empty, with
 * AT_EMPTY_PATH): p->guest becomes Linux's bprm->filename, "/dev/fd/N[/path]" (what a
 * script's interpreter is given), p->host the same through /proc/self/fd. */
static int64_t execveat_path(struct guest_path *p, int dirfd)
{
    char rel[PATH_MAX];
    memcpy(rel, p->guest, sizeof(rel));
    const char *slash = rel[0] ? "/" : "";
    int n = snprintf(p->guest, sizeof(p->guest), "/dev/fd/%d%s%s", dirfd, slash, rel);
    int m = snprintf(p->mapped, sizeof(p->mapped), "/proc/self/fd/%d%s%s", dirfd, slash, rel);
    if (n < 0 || (size_t)n >= sizeof(p->guest) || m < 0 || (size_t)m >= sizeof(p->mapped))
        return -ENAMETOOLONG;
    p->host = p->mapped;
    return 0;
}

static int64_t do_execve(int dirfd, uint64_t path_ga, uint64_t argv_ga, uint64_t envp_ga,
                         int flags)
{
    struct guest_path *p = malloc(sizeof(*p));
    struct exec_state st = { .space_left = exec_arg_space() };
    char hdr[EXEC_HEADER_SIZE];
    enum exec_kind kind;
    int64_t r;

    if (!p)
        return -ENOMEM;
    if (flags & ~(GUEST_AT_SYMLINK_NOFOLLOW | GUEST_AT_EMPTY_PATH)) {
        r = -EINVAL;
        goto out;
    }
    if (check_dirfd(dirfd)) {
        r = -EBADF;
        goto out;
    }
    r = get_guest_path(p, path_ga, true, false);
    if (r)
        goto out;
    if (p->guest[0] == 0 && !(flags & GUEST_AT_EMPTY_PATH)) {
        r = -ENOENT;
        goto out;
    }
    if (dirfd != AT_FDCWD && p->guest[0] != '/') {
        r = execveat_path(p, dirfd);
        if (r)
            goto out;
    } else if (p->guest[0] == 0) {
        strcpy(p->guest, ".");          /* AT_EMPTY_PATH on AT_FDCWD: the cwd itself */
        p->host = p->guest;
    }
    if (flags & GUEST_AT_SYMLINK_NOFOLLOW) {
        struct stat sb;
        if (lstat(p->host, &sb) == 0 && S_ISLNK(sb.st_mode)) {
            r = -ELOOP;
            goto out;
        }
    }
    r = exec_classify(p->host, hdr, &kind);
    if (r)
        goto out;

    st.scratch = malloc(EXEC_MAX_ARG_STRLEN);
    if (!st.scratch) {
        r = -ENOMEM;
        goto out;
    }
    r = copy_guest_strings(&st, argv_ga, &st.argv_guest, &st.argv_host);
    if (!r)
        r = copy_guest_strings(&st, envp_ga, &st.envp, NULL);
    if (r)
        goto out;

    for (int depth = 0; kind == EXEC_SCRIPT; depth++) {
        char *interp, *arg, *name_guest, *name_host;
        if (depth >= EXEC_MAX_SCRIPTS) {
            r = -ELOOP;
            goto out;
        }
        r = parse_shebang(&st, hdr, &interp, &arg);
        if (r)
            goto out;
        name_guest = exec_strdup(&st, p->guest, strlen(p->guest));
        name_host = exec_strdup(&st, p->host, strlen(p->host));
        if (!name_guest || !name_host) {
            r = -ENOMEM;
            goto out;
        }
        r = splice_script_args(&st.argv_guest, interp, arg, name_guest);
        if (!r)
            r = splice_script_args(&st.argv_host, interp, arg, name_host);
        if (r)
            goto out;
        /* The interpreter is looked up like any guest path (sysroot first). */
        snprintf(p->guest, sizeof(p->guest), "%s", interp);
        map_guest_path(p, true);
        r = exec_classify(p->host, hdr, &kind);
        if (r)
            goto out;
    }

    if (kind == EXEC_GUEST) {
        r = exec_crossrun(&st, p->host);
        if (r != -ENOEXEC || guest_process.crossrun_path)
            goto out;
        /* crossrun's own path is unknown: let the host try (binfmt_misc may know it). */
    }
    fflush(NULL);
    cloexec_reserved_fds();
    robust_list_exit_all();
    execve(p->host, st.argv_host.v, st.envp.v);
    r = -errno;
out:
    exec_state_free(&st);
    free(p);
    return r;
}

int64_t sys_execve(struct cpu *cpu, const uint64_t a[6])
{
    return do_execve(AT_FDCWD, a[0], a[1], a[2], 0);
}

int64_t sys_execveat(struct cpu *cpu, const uint64_t a[6])
{
    return do_execve((int)a[0], a[1], a[2], a[3], (int)a[4]);
}
