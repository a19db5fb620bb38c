/*
 * fs_extra.c - the file syscalls beyond fs.c's core set: extended attributes (the path,
 * l- and f- forms of set/get/list/remove), memfd_create, in-kernel copies
 * (copy_file_range, splice, tee, vmsplice) and the sync/readahead hints.
 *
 * Nothing here has a layout that differs: loff_t is 64-bit everywhere, xattr values and
 * name lists are bytes, iovecs go through get_iovec. The limits Linux applies before it
 * reads guest memory (XATTR_NAME_MAX, XATTR_SIZE_MAX, the memfd name length, UIO_MAXIOV)
 * are applied here with Linux's errors, so that no unbounded guest length reaches a copy.
 */
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>
#include <asm/unistd.h>
#include "internal.h"

#define GUEST_XATTR_NAME_MAX 255
#define GUEST_XATTR_SIZE_MAX 65536
#define GUEST_XATTR_LIST_MAX 65536
#define GUEST_MFD_NAME_MAX   249        /* NAME_MAX - strlen("memfd:") */
#define GUEST_UIO_MAXIOV     1024

/* ---- extended attributes */

/* Which object an xattr call names: a path (following symlinks or not) or an fd. */
enum xattr_on { ON_PATH, ON_LINK, ON_FD };

struct xattr_target {
    struct guest_path path;
    int fd;
};

/* Reads the first argument of an xattr call. 0, -EBADF, -EFAULT or -ENAMETOOLONG. */
static int64_t get_xattr_target(struct xattr_target *t, enum xattr_on on, uint64_t arg)
{
    if (on == ON_FD) {
        t->fd = (int)arg;
        return check_fd(t->fd) ? -EBADF : 0;
    }
    return get_guest_path(&t->path, arg, true, false);
}

/* Reads an attribute name: Linux says ERANGE for an empty or too long one. */
static int64_t get_xattr_name(char name[GUEST_XATTR_NAME_MAX + 1], uint64_t ga)
{
    long n = copy_string_from_guest(name, ga, GUEST_XATTR_NAME_MAX + 1);
    if (n == -ENAMETOOLONG || n == 0)
        return -ERANGE;
    return n < 0 ? -EFAULT : 0;
}

static int64_t xattr_set(enum xattr_on on, const uint64_t a[6])
{
    static const long nr[] = { [ON_PATH] = __NR_setxattr, [ON_LINK] = __NR_lsetxattr,
                               [ON_FD] = __NR_fsetxattr };
    struct xattr_target t;
    char name[GUEST_XATTR_NAME_MAX + 1];
    int64_t r = get_xattr_target(&t, on, a[0]);
    if (r)
        return r;
    if ((r = get_xattr_name(name, a[1])))
        return r;
    if (a[3] > GUEST_XATTR_SIZE_MAX)
        return -E2BIG;
    const void *value = NULL;
    if (a[3]) {
        value = guest_buf(a[2], a[3]);
        if (!value)
            return -EFAULT;
    }
    if (on == ON_FD)
        return host_result(syscall(nr[on], t.fd, name, value, (size_t)a[3], (int)a[4]));
    return host_result(syscall(nr[on], t.path.host, name, value, (size_t)a[3], (int)a[4]));
}

static int64_t xattr_get(enum xattr_on on, const uint64_t a[6])
{
    static const long nr[] = { [ON_PATH] = __NR_getxattr, [ON_LINK] = __NR_lgetxattr,
                               [ON_FD] = __NR_fgetxattr };
    struct xattr_target t;
    char name[GUEST_XATTR_NAME_MAX + 1];
    int64_t r = get_xattr_target(&t, on, a[0]);
    if (r)
        return r;
    if ((r = get_xattr_name(name, a[1])))
        return r;
    uint64_t size = a[3] > GUEST_XATTR_SIZE_MAX ? GUEST_XATTR_SIZE_MAX : a[3];
    void *value = NULL;
    if (size) {
        value = guest_buf(a[2], size);
        if (!value)
            return -EFAULT;
    }
    if (on == ON_FD)
        return host_result(syscall(nr[on], t.fd, name, value, (size_t)size));
    return host_result(syscall(nr[on], t.path.host, name, value, (size_t)size));
}

static int64_t xattr_list(enum xattr_on on, const uint64_t a[6])
{
    static const long nr[] = { [ON_PATH] = __NR_listxattr, [ON_LINK] = __NR_llistxattr,
                               [ON_FD] = __NR_flistxattr };
    struct xattr_target t;
    int64_t r = get_xattr_target(&t, on, a[0]);
    if (r)
        return r;
    uint64_t size = a[2] > GUEST_XATTR_LIST_MAX ? GUEST_XATTR_LIST_MAX : a[2];
    void *list = NULL;
    if (size) {
        list = guest_buf(a[1], size);
        if (!list)
            return -EFAULT;
    }
    if (on == ON_FD)
        return host_result(syscall(nr[on], t.fd, list, (size_t)size));
    return host_result(syscall(nr[on], t.path.host, list, (size_t)size));
}

static int64_t xattr_remove(enum xattr_on on, const uint64_t a[6])
{
    static const long nr[] = { [ON_PATH] = __NR_removexattr, [ON_LINK] = __NR_lremovexattr,
                               [ON_FD] = __NR_fremovexattr };
    struct xattr_target t;
    char name[GUEST_XATTR_NAME_MAX + 1];
    int64_t r = get_xattr_target(&t, on, a[0]);
    if (r)
        return r;
    if ((r = get_xattr_name(name, a[1])))
        return r;
    if (on == ON_FD)
        return host_result(syscall(nr[on], t.fd, name));
    return host_result(syscall(nr[on], t.path.host, name));
}

int64_t sys_setxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_set(ON_PATH, a); }
int64_t sys_lsetxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_set(ON_LINK, a); }
int64_t sys_fsetxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_set(ON_FD, a); }
int64_t sys_getxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_get(ON_PATH, a); }
int64_t sys_lgetxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_get(ON_LINK, a); }
int64_t sys_fgetxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_get(ON_FD, a); }
int64_t sys_listxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_list(ON_PATH, a); }
int64_t sys_llistxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_list(ON_LINK, a); }
int64_t sys_flistxattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_list(ON_FD, a); }
int64_t sys_removexattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_remove(ON_PATH, a); }
int64_t sys_lremovexattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_remove(ON_LINK, a); }
int64_t sys_fremovexattr(struct cpu *cpu, const uint64_t a[6]) { return xattr_remove(ON_FD, a); }

/* ---- memfd */

/* MFD_* flags (CLOEXEC, ALLOW_SEALING, HUGETLB and its size bits, NOEXEC_SEAL, EXEC) are
 * generic: the host validates them. */
int64_t sys_memfd_create(struct cpu *cpu, const uint64_t a[6])
{
    char name[GUEST_MFD_NAME_MAX + 1];
    long n = copy_string_from_guest(name, a[0], sizeof(name));
    if (n == -ENAMETOOLONG)
        return -EINVAL;
    if (n < 0)
        return -EFAULT;
    return host_result(syscall(__NR_memfd_create, name, (unsigned)a[1]));
}

/* ---- in-kernel copies */

/* An optional loff_t * argument: *use says whether there is one. */
static int64_t get_offset(uint64_t ga, int64_t *off, bool *use)
{
    *use = ga != 0;
    if (ga && copy_from_guest(off, ga, sizeof(*off)))
        return -EFAULT;
    return 0;
}

/* copy_file_range and splice: (fd_in, off_in, fd_out, off_out, len, flags); the offsets
 * are written back when something was copied, as Linux does. */
static int64_t copy_with_offsets(long host_nr, const uint64_t a[6])
{
    int fd_in = (int)a[0], fd_out = (int)a[2];
    int64_t off_in = 0, off_out = 0;
    bool use_in, use_out;
    if (check_fd(fd_in) || check_fd(fd_out))
        return -EBADF;
    if (get_offset(a[1], &off_in, &use_in) || get_offset(a[3], &off_out, &use_out))
        return -EFAULT;
    long r = syscall(host_nr, fd_in, use_in ? &off_in : NULL, fd_out, use_out ? &off_out : NULL,
                     (size_t)a[4], (unsigned)a[5]);
    if (r < 0)
        return -errno;
    if (r > 0 && ((use_in && copy_to_guest(a[1], &off_in, sizeof(off_in))) ||
                  (use_out && copy_to_guest(a[3], &off_out, sizeof(off_out)))))
        return -EFAULT;
    return r;
}

int64_t sys_copy_file_range(struct cpu *cpu, const uint64_t a[6])
{
    return copy_with_offsets(__NR_copy_file_range, a);
}

int64_t sys_splice(struct cpu *cpu, const uint64_t a[6])
{
    return copy_with_offsets(__NR_splice, a);
}

int64_t sys_tee(struct cpu *cpu, const uint64_t a[6])
{
    int fd_in = (int)a[0], fd_out = (int)a[1];
    if (check_fd(fd_in) || check_fd(fd_out))
        return -EBADF;
    return host_result(syscall(__NR_tee, fd_in, fd_out, (size_t)a[2], (unsigned)a[3]));
}

int64_t sys_vmsplice(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct iovec iov[GUEST_UIO_MAXIOV];
    if (check_fd(fd))
        return -EBADF;
    if (a[2] > GUEST_UIO_MAXIOV)
        return -EINVAL;
    int64_t r = get_iovec(iov, a[1], (int)a[2]);
    if (r)
        return r;
    return host_result(syscall(__NR_vmsplice, fd, iov, (unsigned long)a[2], (unsigned)a[3]));
}

/* ---- sync and readahead hints */

int64_t sys_syncfs(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_syncfs, fd));
}

int64_t sys_sync_file_range(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_sync_file_range, fd, (int64_t)a[1], (int64_t)a[2],
                               (unsigned)a[3]));
}

int64_t sys_readahead(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_readahead, fd, (int64_t)a[1], (size_t)a[2]));
}
