/*
 * fs.c - file and I/O syscalls: read/write and their vector forms, open/close, stat family,
 * directories, links, fcntl, pipes and polling.
 *
 * Invariants: every guest buffer handed to a host syscall passed guest_buf() (inside the
 * guest space, else -EFAULT; the kernel reports EFAULT for its unmapped PROT_NONE parts);
 * every guest struct whose layout could differ is converted field by field through a local
 * copy; every fd the guest names is checked against crossrun's reserved fds; every path is
 * copied with copy_string_from_guest into a PATH_MAX buffer. Host calls are raw syscalls
 * where glibc's wrapper would add behaviour of its own.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"

#define GUEST_IOV_MAX 1024
#define GUEST_AT_EMPTY_PATH 0x1000

/* ---- paths */

bool is_proc_self_exe(const char *path)
{
    if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, "/proc/thread-self/exe") == 0)
        return true;
    char mine[64];
    snprintf(mine, sizeof(mine), "/proc/%d/exe", (int)getpid());
    return strcmp(path, mine) == 0;
}

int64_t get_guest_path(struct guest_path *p, uint64_t ga, bool use_sysroot, bool allow_null)
{
    p->host = NULL;
    if (ga == 0 && allow_null)
        return 0;
    long n = copy_string_from_guest(p->guest, ga, sizeof(p->guest));
    if (n < 0)
        return n;
    map_guest_path(p, use_sysroot);
    return 0;
}

void map_guest_path(struct guest_path *p, bool use_sysroot)
{
    p->host = p->guest;
    if (guest_process.exe_path && is_proc_self_exe(p->guest)) {
        if ((size_t)snprintf(p->mapped, sizeof(p->mapped), "%s", guest_process.exe_path) <
            sizeof(p->mapped))
            p->host = p->mapped;
        return;
    }
    /* Like qemu -L: an absolute path that exists under the sysroot is taken from there. */
    const char *root = guest_process.sysroot;
    if (use_sysroot && root && root[0] && p->guest[0] == '/' && p->guest[1] != 0) {
        struct stat st;
        int len = snprintf(p->mapped, sizeof(p->mapped), "%s%s", root, p->guest);
        if (len > 0 && (size_t)len < sizeof(p->mapped) &&
            fstatat(AT_FDCWD, p->mapped, &st, AT_SYMLINK_NOFOLLOW) == 0)
            p->host = p->mapped;
    }
}

/* ---- read and write */

int64_t sys_read(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    void *buf = guest_buf(a[1], a[2]);
    if (check_fd(fd))
        return -EBADF;
    if (!buf)
        return -EFAULT;
    return host_result(read(fd, buf, a[2]));
}

int64_t sys_write(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    const void *buf = guest_buf(a[1], a[2]);
    if (check_fd(fd))
        return -EBADF;
    if (!buf)
        return -EFAULT;
    return host_result(write(fd, buf, a[2]));
}

int64_t sys_pread64(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    void *buf = guest_buf(a[1], a[2]);
    if (check_fd(fd))
        return -EBADF;
    if (!buf)
        return -EFAULT;
    return host_result(syscall(__NR_pread64, fd, buf, a[2], a[3]));
}

int64_t sys_pwrite64(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    const void *buf = guest_buf(a[1], a[2]);
    if (check_fd(fd))
        return -EBADF;
    if (!buf)
        return -EFAULT;
    return host_result(syscall(__NR_pwrite64, fd, buf, a[2], a[3]));
}

/* Converts the guest iovec array at giov (cnt entries) into host iovecs. Returns 0,
 * -EINVAL (count out of range, negative length) or -EFAULT. */
int64_t get_iovec(struct iovec *host, uint64_t giov, int cnt)
{
    if (cnt < 0 || cnt > GUEST_IOV_MAX)
        return -EINVAL;
    if (cnt == 0)
        return 0;
    struct guest_iovec g[GUEST_IOV_MAX];
    if (copy_from_guest(g, giov, (size_t)cnt * sizeof(g[0])))
        return -EFAULT;
    for (int i = 0; i < cnt; i++) {
        if ((int64_t)g[i].iov_len < 0)
            return -EINVAL;
        void *p = guest_buf(g[i].iov_base, g[i].iov_len);
        if (!p)
            return -EFAULT;
        host[i].iov_base = p;
        host[i].iov_len = g[i].iov_len;
    }
    return 0;
}

/* readv, writev, preadv, pwritev, preadv2, pwritev2: one body. host_nr is the host call;
 * with_pos says whether a[3] is a position (64-bit guests pass it whole in pos_l). */
static int64_t do_vector_io(const uint64_t a[6], long host_nr, bool with_pos, bool with_flags)
{
    int fd = (int)a[0];
    int cnt = (int)a[2];
    struct iovec iov[GUEST_IOV_MAX];
    if (check_fd(fd))
        return -EBADF;
    int64_t r = get_iovec(iov, a[1], cnt);
    if (r)
        return r;
    if (!with_pos)
        return host_result(syscall(host_nr, fd, iov, cnt));
    if (!with_flags)
        return host_result(syscall(host_nr, fd, iov, cnt, a[3], 0));
    return host_result(syscall(host_nr, fd, iov, cnt, a[3], 0, (int)a[5]));
}

int64_t sys_readv(struct cpu *cpu, const uint64_t a[6])
{
    return do_vector_io(a, __NR_readv, false, false);
}

int64_t sys_writev(struct cpu *cpu, const uint64_t a[6])
{
    return do_vector_io(a, __NR_writev, false, false);
}

int64_t sys_preadv(struct cpu *cpu, const uint64_t a[6])
{
    return do_vector_io(a, __NR_preadv, true, false);
}

int64_t sys_pwritev(struct cpu *cpu, const uint64_t a[6])
{
    return do_vector_io(a, __NR_pwritev, true, false);
}

int64_t sys_preadv2(struct cpu *cpu, const uint64_t a[6])
{
    return do_vector_io(a, __NR_preadv2, true, true);
}

int64_t sys_pwritev2(struct cpu *cpu, const uint64_t a[6])
{
    return do_vector_io(a, __NR_pwritev2, true, true);
}

/* ---- open, close, seek */

int64_t sys_openat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], true, false);
    if (r)
        return r;
    int flags = open_flags_to_host(guest_abi(cpu), (uint32_t)a[2]);
    if (procfs_open(cpu, p.guest, flags, &r))
        return r;
    return host_result(syscall(__NR_openat, dirfd, p.host, flags, (unsigned)a[3]));
}

int64_t sys_close(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(close(fd));
}

/* Closes [first, last] around the reserved fds, which stay open. */
int64_t sys_close_range(struct cpu *cpu, const uint64_t a[6])
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];
    if (first > last)
        return -EINVAL;
    unsigned cur = first;
    for (;;) {
        int res = next_reserved_fd(cur);
        unsigned end = (res < 0 || (unsigned)res > last) ? last : (unsigned)res - 1;
        if (res < 0 || (unsigned)res > cur) {
            long r = syscall(__NR_close_range, cur, end, flags);
            if (r < 0)
                return -errno;
        }
        if (res < 0 || (unsigned)res >= last)
            return 0;
        cur = (unsigned)res + 1;
    }
}

int64_t sys_lseek(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_lseek, fd, (int64_t)a[1], (unsigned)a[2]));
}

/* ---- stat family */

/* Writes a host struct stat to the guest in the asm-generic layout. */
static int64_t put_guest_stat(uint64_t ga, const struct stat *st)
{
    struct guest_stat g;
    memset(&g, 0, sizeof(g));
    g.st_dev = st->st_dev;
    g.st_ino = st->st_ino;
    g.st_mode = st->st_mode;
    g.st_nlink = (uint32_t)st->st_nlink;
    if (g.st_nlink != st->st_nlink)
        return -EOVERFLOW;      /* as the kernel's cp_new_stat does */
    g.st_uid = st->st_uid;
    g.st_gid = st->st_gid;
    g.st_rdev = st->st_rdev;
    g.st_size = st->st_size;
    g.st_blksize = (int32_t)st->st_blksize;
    g.st_blocks = st->st_blocks;
    g.st_atime_sec = st->st_atim.tv_sec;
    g.st_atime_nsec = (uint64_t)st->st_atim.tv_nsec;
    g.st_mtime_sec = st->st_mtim.tv_sec;
    g.st_mtime_nsec = (uint64_t)st->st_mtim.tv_nsec;
    g.st_ctime_sec = st->st_ctim.tv_sec;
    g.st_ctime_nsec = (uint64_t)st->st_ctim.tv_nsec;
    return copy_to_guest(ga, &g, sizeof(g));
}

int64_t sys_fstat(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct stat st;
    if (check_fd(fd))
        return -EBADF;
    if (fstat(fd, &st) < 0)
        return -errno;
    return put_guest_stat(a[1], &st);
}

int64_t sys_newfstatat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0], flags = (int)a[3];
    struct guest_path p;
    struct stat st;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], true, (flags & GUEST_AT_EMPTY_PATH) != 0);
    if (r)
        return r;
    if (syscall(__NR_newfstatat, dirfd, p.host ? p.host : "", &st, flags) < 0)
        return -errno;
    return put_guest_stat(a[2], &st);
}

/* struct statx is the same on every architecture: copied as is. */
int64_t sys_statx(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0], flags = (int)a[2];
    struct guest_path p;
    struct statx stx;
    _Static_assert(sizeof(stx) == 256, "struct statx is 256 bytes everywhere");
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], true, (flags & GUEST_AT_EMPTY_PATH) != 0);
    if (r)
        return r;
    memset(&stx, 0, sizeof(stx));
    if (syscall(__NR_statx, dirfd, p.host ? p.host : "", flags, (unsigned)a[3], &stx) < 0)
        return -errno;
    return copy_to_guest(a[4], &stx, sizeof(stx));
}

/* struct statfs: same field widths on LP64 asm-generic and x86_64, converted anyway. */
static int64_t put_guest_statfs(uint64_t ga, const struct statfs *s)
{
    struct guest_statfs g;
    memset(&g, 0, sizeof(g));
    g.f_type = s->f_type;
    g.f_bsize = s->f_bsize;
    g.f_blocks = s->f_blocks;
    g.f_bfree = s->f_bfree;
    g.f_bavail = s->f_bavail;
    g.f_files = s->f_files;
    g.f_ffree = s->f_ffree;
    memcpy(g.f_fsid, &s->f_fsid, sizeof(g.f_fsid));
    g.f_namelen = s->f_namelen;
    g.f_frsize = s->f_frsize;
    g.f_flags = s->f_flags;
    return copy_to_guest(ga, &g, sizeof(g));
}

int64_t sys_statfs(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_path p;
    struct statfs s;
    int64_t r = get_guest_path(&p, a[0], true, false);
    if (r)
        return r;
    if (statfs(p.host, &s) < 0)
        return -errno;
    return put_guest_statfs(a[1], &s);
}

int64_t sys_fstatfs(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct statfs s;
    if (check_fd(fd))
        return -EBADF;
    if (fstatfs(fd, &s) < 0)
        return -errno;
    return put_guest_statfs(a[1], &s);
}

/* ---- directories and names */

/* struct linux_dirent64 is the same everywhere: the kernel writes the guest buffer. */
int64_t sys_getdents64(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    unsigned count = (unsigned)a[2];
    void *buf = guest_buf(a[1], count);
    if (check_fd(fd))
        return -EBADF;
    if (!buf)
        return -EFAULT;
    return host_result(syscall(__NR_getdents64, fd, buf, count));
}

int64_t sys_readlinkat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    int size = (int)a[3];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    if (size <= 0)
        return -EINVAL;
    int64_t r = get_guest_path(&p, a[1], true, false);
    if (r)
        return r;
    void *buf = guest_buf(a[2], (uint64_t)size);
    if (!buf)
        return -EFAULT;
    if (guest_process.exe_path && is_proc_self_exe(p.guest)) {
        size_t n = strlen(guest_process.exe_path);
        if (n > (size_t)size)
            n = (size_t)size;
        return copy_to_guest(a[2], guest_process.exe_path, n) ? -EFAULT : (int64_t)n;
    }
    return host_result(syscall(__NR_readlinkat, dirfd, p.host, buf, size));
}

int64_t sys_faccessat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], true, false);
    if (r)
        return r;
    return host_result(syscall(__NR_faccessat, dirfd, p.host, (int)a[2]));
}

int64_t sys_faccessat2(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0], flags = (int)a[3];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], true, (flags & GUEST_AT_EMPTY_PATH) != 0);
    if (r)
        return r;
    const char *path = p.host ? p.host : "";
    long hr = syscall(__NR_faccessat2, dirfd, path, (int)a[2], flags);
    if (hr < 0 && errno == ENOSYS)      /* host kernel older than 5.8: glibc emulates */
        hr = faccessat(dirfd, path, (int)a[2], flags);
    return host_result(hr);
}

int64_t sys_getcwd(struct cpu *cpu, const uint64_t a[6])
{
    char tmp[PATH_MAX];
    long n = syscall(__NR_getcwd, tmp, sizeof(tmp));
    if (n < 0)
        return -errno;
    if ((uint64_t)n > a[1])
        return -ERANGE;
    return copy_to_guest(a[0], tmp, (size_t)n) ? -EFAULT : n;
}

int64_t sys_chdir(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_path p;
    int64_t r = get_guest_path(&p, a[0], false, false);
    if (r)
        return r;
    return host_result(chdir(p.host));
}

int64_t sys_fchdir(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(fchdir(fd));
}

int64_t sys_mkdirat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_mkdirat, dirfd, p.host, (unsigned)a[2]));
}

int64_t sys_mknodat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_mknodat, dirfd, p.host, (unsigned)a[2], (unsigned)a[3]));
}

int64_t sys_unlinkat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_unlinkat, dirfd, p.host, (int)a[2]));
}

int64_t sys_renameat2(struct cpu *cpu, const uint64_t a[6])
{
    int olddir = (int)a[0], newdir = (int)a[2];
    struct guest_path oldp, newp;
    if (check_dirfd(olddir) || check_dirfd(newdir))
        return -EBADF;
    int64_t r = get_guest_path(&oldp, a[1], false, false);
    if (!r)
        r = get_guest_path(&newp, a[3], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_renameat2, olddir, oldp.host, newdir, newp.host,
                               (unsigned)a[4]));
}

int64_t sys_symlinkat(struct cpu *cpu, const uint64_t a[6])
{
    int newdir = (int)a[1];
    struct guest_path target, linkp;
    if (check_dirfd(newdir))
        return -EBADF;
    /* The target is the link's content, not a path to look up: no sysroot. */
    int64_t r = get_guest_path(&target, a[0], false, false);
    if (!r)
        r = get_guest_path(&linkp, a[2], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_symlinkat, target.guest, newdir, linkp.host));
}

int64_t sys_linkat(struct cpu *cpu, const uint64_t a[6])
{
    int olddir = (int)a[0], newdir = (int)a[2];
    struct guest_path oldp, newp;
    if (check_dirfd(olddir) || check_dirfd(newdir))
        return -EBADF;
    int64_t r = get_guest_path(&oldp, a[1], false, false);
    if (!r)
        r = get_guest_path(&newp, a[3], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_linkat, olddir, oldp.host, newdir, newp.host, (int)a[4]));
}

/* ---- attributes and sizes */

int64_t sys_fchmod(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(fchmod(fd, (mode_t)a[1]));
}

int64_t sys_fchmodat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_fchmodat, dirfd, p.host, (unsigned)a[2]));
}

int64_t sys_fchown(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(fchown(fd, (uid_t)a[1], (gid_t)a[2]));
}

int64_t sys_fchownat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0], flags = (int)a[4];
    struct guest_path p;
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], false, (flags & GUEST_AT_EMPTY_PATH) != 0);
    if (r)
        return r;
    return host_result(syscall(__NR_fchownat, dirfd, p.host ? p.host : "", (uid_t)a[2],
                               (gid_t)a[3], flags));
}

/* utimensat(dirfd, NULL, times, 0) is futimens(dirfd): the path may be NULL. */
int64_t sys_utimensat(struct cpu *cpu, const uint64_t a[6])
{
    int dirfd = (int)a[0];
    struct guest_path p;
    struct guest_timespec gts[2];
    struct timespec ts[2];
    if (check_dirfd(dirfd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], false, true);
    if (r)
        return r;
    if (a[2]) {
        if (copy_from_guest(gts, a[2], sizeof(gts)))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            ts[i].tv_sec = gts[i].tv_sec;
            ts[i].tv_nsec = gts[i].tv_nsec;     /* UTIME_NOW/UTIME_OMIT: same values */
        }
    }
    return host_result(syscall(__NR_utimensat, dirfd, p.host, a[2] ? ts : NULL, (int)a[3]));
}

int64_t sys_truncate(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_path p;
    int64_t r = get_guest_path(&p, a[0], false, false);
    if (r)
        return r;
    return host_result(syscall(__NR_truncate, p.host, (int64_t)a[1]));
}

int64_t sys_ftruncate(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_ftruncate, fd, (int64_t)a[1]));
}

int64_t sys_fsync(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(fsync(fd));
}

int64_t sys_fdatasync(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(fdatasync(fd));
}

int64_t sys_sync(struct cpu *cpu, const uint64_t a[6])
{
    sync();
    return 0;
}

int64_t sys_fallocate(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_fallocate, fd, (int)a[1], (int64_t)a[2], (int64_t)a[3]));
}

/* POSIX_FADV_* values agree between asm-generic and x86_64. */
int64_t sys_fadvise64(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_fadvise64, fd, (int64_t)a[1], (int64_t)a[2], (int)a[3]));
}

int64_t sys_flock(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_flock, fd, (unsigned)a[1]));
}

int64_t sys_sendfile(struct cpu *cpu, const uint64_t a[6])
{
    int out = (int)a[0], in = (int)a[1];
    int64_t off = 0;
    if (check_fd(out) || check_fd(in))
        return -EBADF;
    if (a[2] && copy_from_guest(&off, a[2], sizeof(off)))
        return -EFAULT;
    long r = syscall(__NR_sendfile, out, in, a[2] ? &off : NULL, (size_t)a[3]);
    if (r < 0)
        return -errno;
    if (a[2] && copy_to_guest(a[2], &off, sizeof(off)))
        return -EFAULT;
    return r;
}

/* ---- descriptors */

int64_t sys_dup(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(dup(fd));
}

int64_t sys_dup3(struct cpu *cpu, const uint64_t a[6])
{
    int oldfd = (int)a[0], newfd = (int)a[1];
    uint64_t flags = (uint32_t)a[2];
    if (check_fd(oldfd) || check_fd(newfd))
        return -EBADF;
    if (flags & ~(uint64_t)GO_CLOEXEC)
        return -EINVAL;
    return host_result(syscall(__NR_dup3, oldfd, newfd, flags ? O_CLOEXEC : 0));
}

/* fcntl commands: asm-generic values for 64-bit guests (also x86_64's). */
enum {
    GF_DUPFD = 0, GF_GETFD = 1, GF_SETFD = 2, GF_GETFL = 3, GF_SETFL = 4, GF_GETLK = 5,
    GF_SETLK = 6, GF_SETLKW = 7, GF_SETOWN = 8, GF_GETOWN = 9, GF_SETSIG = 10, GF_GETSIG = 11,
    GF_SETOWN_EX = 15, GF_GETOWN_EX = 16, GF_OFD_GETLK = 36, GF_OFD_SETLK = 37,
    GF_OFD_SETLKW = 38, GF_SETLEASE = 1024, GF_GETLEASE = 1025, GF_NOTIFY = 1026,
    GF_DUPFD_CLOEXEC = 1030, GF_SETPIPE_SZ = 1031, GF_GETPIPE_SZ = 1032, GF_ADD_SEALS = 1033,
    GF_GET_SEALS = 1034,
};

static int64_t fcntl_lock(int fd, int host_cmd, uint64_t ga)
{
    struct guest_flock g;
    struct flock h;
    if (copy_from_guest(&g, ga, sizeof(g)))
        return -EFAULT;
    memset(&h, 0, sizeof(h));
    h.l_type = g.l_type;            /* F_RDLCK/F_WRLCK/F_UNLCK: 0/1/2 everywhere */
    h.l_whence = g.l_whence;
    h.l_start = g.l_start;
    h.l_len = g.l_len;
    h.l_pid = g.l_pid;
    if (syscall(__NR_fcntl, fd, host_cmd, &h) < 0)
        return -errno;
    if (host_cmd == F_GETLK || host_cmd == F_OFD_GETLK) {
        g.l_type = h.l_type;
        g.l_whence = h.l_whence;
        g.l_start = h.l_start;
        g.l_len = h.l_len;
        g.l_pid = h.l_pid;
        if (copy_to_guest(ga, &g, sizeof(g)))
            return -EFAULT;
    }
    return 0;
}

int64_t sys_fcntl(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    unsigned cmd = (unsigned)a[1];
    uint64_t arg = a[2];
    if (check_fd(fd))
        return -EBADF;
    switch (cmd) {
    case GF_DUPFD:
        return host_result(syscall(__NR_fcntl, fd, F_DUPFD, (int)arg));
    case GF_DUPFD_CLOEXEC:
        return host_result(syscall(__NR_fcntl, fd, F_DUPFD_CLOEXEC, (int)arg));
    case GF_GETFD:
        return host_result(syscall(__NR_fcntl, fd, F_GETFD));
    case GF_SETFD:
        return host_result(syscall(__NR_fcntl, fd, F_SETFD, (int)arg & FD_CLOEXEC));
    case GF_GETFL: {
        long r = syscall(__NR_fcntl, fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)open_flags_to_guest(guest_abi(cpu), (int)r);
    }
    case GF_SETFL:
        return host_result(syscall(__NR_fcntl, fd, F_SETFL,
                                   open_flags_to_host(guest_abi(cpu), (uint32_t)arg)));
    case GF_GETLK:
        return fcntl_lock(fd, F_GETLK, arg);
    case GF_SETLK:
        return fcntl_lock(fd, F_SETLK, arg);
    case GF_SETLKW:
        return fcntl_lock(fd, F_SETLKW, arg);
    case GF_OFD_GETLK:
        return fcntl_lock(fd, F_OFD_GETLK, arg);
    case GF_OFD_SETLK:
        return fcntl_lock(fd, F_OFD_SETLK, arg);
    case GF_OFD_SETLKW:
        return fcntl_lock(fd, F_OFD_SETLKW, arg);
    case GF_GETOWN:
        return host_result(syscall(__NR_fcntl, fd, F_GETOWN));
    case GF_SETOWN:
        return host_result(syscall(__NR_fcntl, fd, F_SETOWN, (int)arg));
    case GF_GETOWN_EX:
    case GF_SETOWN_EX: {
        struct f_owner_ex own;      /* { int type; pid_t pid; } everywhere */
        int host_cmd = cmd == GF_GETOWN_EX ? F_GETOWN_EX : F_SETOWN_EX;
        if (cmd == GF_SETOWN_EX && copy_from_guest(&own, arg, sizeof(own)))
            return -EFAULT;
        if (syscall(__NR_fcntl, fd, host_cmd, &own) < 0)
            return -errno;
        if (cmd == GF_GETOWN_EX && copy_to_guest(arg, &own, sizeof(own)))
            return -EFAULT;
        return 0;
    }
    case GF_GETSIG:
        return host_result(syscall(__NR_fcntl, fd, F_GETSIG));
    case GF_SETSIG:     /* signal numbers agree */
        return host_result(syscall(__NR_fcntl, fd, F_SETSIG, (int)arg));
    case GF_GETLEASE:
        return host_result(syscall(__NR_fcntl, fd, F_GETLEASE));
    case GF_SETLEASE:
        return host_result(syscall(__NR_fcntl, fd, F_SETLEASE, (int)arg));
    case GF_NOTIFY:
        return host_result(syscall(__NR_fcntl, fd, F_NOTIFY, (unsigned)arg));
    case GF_GETPIPE_SZ:
        return host_result(syscall(__NR_fcntl, fd, F_GETPIPE_SZ));
    case GF_SETPIPE_SZ:
        return host_result(syscall(__NR_fcntl, fd, F_SETPIPE_SZ, (int)arg));
    case GF_GET_SEALS:
        return host_result(syscall(__NR_fcntl, fd, F_GET_SEALS));
    case GF_ADD_SEALS:
        return host_result(syscall(__NR_fcntl, fd, F_ADD_SEALS, (unsigned)arg));
    default:
        report_unimp_once("fcntl", cmd, "unsupported fcntl command %u", cmd);
        return -EINVAL;
    }
}

int64_t sys_pipe2(struct cpu *cpu, const uint64_t a[6])
{
    int fds[2];
    int flags = open_flags_to_host(guest_abi(cpu), (uint32_t)a[1]);
    if (syscall(__NR_pipe2, fds, flags) < 0)
        return -errno;
    int32_t gfds[2] = { fds[0], fds[1] };
    if (copy_to_guest(a[0], gfds, sizeof(gfds))) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* ---- polling. A guest signal mask argument applies, for the wait, to the signals the host
 * holds for the guest (host_wait_mask, signal.c). */

/* struct pollfd is the same everywhere: the kernel reads and writes the guest array. */
int64_t sys_ppoll(struct cpu *cpu, const uint64_t a[6])
{
    unsigned nfds = (unsigned)a[1];
    struct timespec ts;
    uint64_t mask;
    struct guest_pollfd *fds = guest_buf(a[0], (uint64_t)nfds * sizeof(struct guest_pollfd));
    if (!fds)
        return -EFAULT;
    if (a[2] && get_guest_timespec(&ts, a[2]))
        return -EFAULT;
    if (a[3]) {
        if (a[4] != sizeof(uint64_t))
            return -EINVAL;
        if (copy_from_guest(&mask, a[3], sizeof(mask)))
            return -EFAULT;
        mask = host_wait_mask(mask);
    }
    long r = syscall(__NR_ppoll, fds, nfds, a[2] ? &ts : NULL, a[3] ? &mask : NULL,
                     sizeof(uint64_t));
    int err = errno;
    if (a[2] && put_guest_timespec(a[2], &ts) && r >= 0)
        return -EFAULT;
    return r < 0 ? -err : r;
}

/* fd_set is an array of longs on both sides: the kernel uses the guest bitmaps. */
int64_t sys_pselect6(struct cpu *cpu, const uint64_t a[6])
{
    int n = (int)a[0];
    struct timespec ts;
    void *sets[3] = { NULL, NULL, NULL };
    if (n < 0)
        return -EINVAL;
    if (n > 1024 * 1024)
        n = 1024 * 1024;
    uint64_t bytes = ((uint64_t)n + 63) / 64 * 8;
    for (int i = 0; i < 3; i++) {
        if (a[1 + i]) {
            sets[i] = guest_buf(a[1 + i], bytes);
            if (!sets[i])
                return -EFAULT;
        }
    }
    if (a[4] && get_guest_timespec(&ts, a[4]))
        return -EFAULT;
    uint64_t mask;
    struct { const uint64_t *ss; size_t ss_len; } host_sig = { NULL, sizeof(mask) };
    if (a[5]) {
        uint64_t sig[2];            /* { const sigset_t *ss; size_t ss_len; } */
        if (copy_from_guest(sig, a[5], sizeof(sig)))
            return -EFAULT;
        if (sig[0] && sig[1] != sizeof(uint64_t))
            return -EINVAL;
        if (sig[0]) {
            if (copy_from_guest(&mask, sig[0], sizeof(mask)))
                return -EFAULT;
            mask = host_wait_mask(mask);
            host_sig.ss = &mask;
        }
    }
    long r = syscall(__NR_pselect6, n, sets[0], sets[1], sets[2], a[4] ? &ts : NULL,
                     a[5] ? &host_sig : NULL);
    int err = errno;
    if (a[4] && put_guest_timespec(a[4], &ts) && r >= 0)
        return -EFAULT;
    return r < 0 ? -err : r;
}
