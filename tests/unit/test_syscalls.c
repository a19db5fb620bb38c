/*
 * test_syscalls.c - the generic syscall layer driven through do_syscall with a stub
 * riscv64-named target: real guest memory (guest_mem), real host files, pipes and ptys.
 * Each check names the guest-visible result Linux would give.
 */
#define TEST_MAIN
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "test.h"
#include "syscalls/internal.h"
#include "log.h"

static const struct target stub_target = { .name = "riscv64" };
static struct cpu stub_cpu = { .target = &stub_target };

/* Host-side (x86_64) values of the few guest constants the tests spell out. */
#define G_AT_FDCWD  (-100)
#define G_EFAULT    14
#define G_EBADF     9
#define G_EINVAL    22
#define G_ENOSYS    38
#define G_ENOTTY    25
#define G_EAGAIN    11
#define G_ENOMEM    12
#define G_ERANGE    34
#define G_ENOENT    2

static int64_t sc(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4, uint64_t a5)
{
    return do_syscall(&stub_cpu, nr, a0, a1, a2, a3, a4, a5);
}
#define SC0(nr)                   sc(nr, 0, 0, 0, 0, 0, 0)
#define SC1(nr, a)                sc(nr, (uint64_t)(a), 0, 0, 0, 0, 0)
#define SC2(nr, a, b)             sc(nr, (uint64_t)(a), (uint64_t)(b), 0, 0, 0, 0)
#define SC3(nr, a, b, c)          sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), 0, 0, 0)
#define SC4(nr, a, b, c, d)       sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), (uint64_t)(d), 0, 0)
#define SC5(nr, a, b, c, d, e)    sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), (uint64_t)(d), (uint64_t)(e), 0)

/* A fresh read-write guest area; the first call sets up guest memory. */
static uint64_t galloc(uint64_t size)
{
    guest_mem_init();
    int64_t a = guest_mmap(0, size, GPROT_READ | GPROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a < 0) {
        printf("guest_mmap failed: %lld\n", (long long)a);
        exit(1);
    }
    return (uint64_t)a;
}

/* A guest copy of a host string. */
static uint64_t gstr(const char *s)
{
    uint64_t g = galloc(4096);
    copy_to_guest(g, s, strlen(s) + 1);
    return g;
}

static char tmpdir[64];
static const char *temp_dir(void)
{
    if (!tmpdir[0]) {
        strcpy(tmpdir, "/tmp/crossrun-test-sys.XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(1);
        }
    }
    return tmpdir;
}

static void remove_temp_dir(void)
{
    if (tmpdir[0]) {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            printf("could not remove %s\n", tmpdir);
    }
}

TEST(syscalls, pipe_write_read)
{
    uint64_t g = galloc(4096);
    CHECK_EQ_U64(SC2(SYS_pipe2, g, GO_CLOEXEC), 0);
    int32_t fds[2];
    copy_from_guest(fds, g, sizeof(fds));
    CHECK(fcntl(fds[0], F_GETFD) == FD_CLOEXEC);
    copy_to_guest(g + 100, "hello", 5);
    CHECK_EQ_U64(SC3(SYS_write, fds[1], g + 100, 5), 5);
    CHECK_EQ_U64(SC3(SYS_read, fds[0], g + 200, 100), 5);
    char back[6] = { 0 };
    copy_from_guest(back, g + 200, 5);
    CHECK(strcmp(back, "hello") == 0);

    /* writev of three pieces, readv into two */
    struct guest_iovec iov[3] = { { g + 100, 2 }, { g + 102, 0 }, { g + 102, 3 } };
    copy_to_guest(g + 300, iov, sizeof(iov));
    CHECK_EQ_U64(SC3(SYS_writev, fds[1], g + 300, 3), 5);
    struct guest_iovec riov[2] = { { g + 400, 1 }, { g + 500, 10 } };
    copy_to_guest(g + 600, riov, sizeof(riov));
    CHECK_EQ_U64(SC3(SYS_readv, fds[0], g + 600, 2), 5);
    char c1, rest[5] = { 0 };
    copy_from_guest(&c1, g + 400, 1);
    copy_from_guest(rest, g + 500, 4);
    CHECK(c1 == 'h' && strcmp(rest, "ello") == 0);

    /* FIONREAD on a pipe, and a terminal ioctl on it */
    CHECK_EQ_U64(SC3(SYS_write, fds[1], g + 100, 3), 3);
    CHECK_EQ_U64(SC3(SYS_ioctl, fds[0], 0x541B, g + 700), 0);
    int32_t avail = 0;
    copy_from_guest(&avail, g + 700, 4);
    CHECK_EQ_U64(avail, 3);
    CHECK_EQ_U64(SC3(SYS_ioctl, fds[0], 0x5401, g + 700), -G_ENOTTY);
    CHECK_EQ_U64(SC3(SYS_ioctl, fds[0], 0x12345678, g + 700), -G_ENOTTY);

    /* iovec limits */
    CHECK_EQ_U64(SC3(SYS_readv, fds[0], g + 600, 1025), -G_EINVAL);
    CHECK_EQ_U64(SC3(SYS_readv, fds[0], g + 600, -1), -G_EINVAL);
    struct guest_iovec bad = { 1ULL << 40, 4 };
    copy_to_guest(g + 800, &bad, sizeof(bad));
    CHECK_EQ_U64(SC3(SYS_writev, fds[1], g + 800, 1), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_writev, fds[1], 1ULL << 40, 1), -G_EFAULT);

    CHECK_EQ_U64(SC1(SYS_close, fds[0]), 0);
    CHECK_EQ_U64(SC1(SYS_close, fds[1]), 0);
    CHECK_EQ_U64(SC1(SYS_close, fds[1]), -G_EBADF);
}

TEST(syscalls, open_stat_files)
{
    char path[256];
    umask(022);
    snprintf(path, sizeof(path), "%s/file", temp_dir());
    uint64_t gpath = gstr(path);
    uint64_t buf = galloc(8192);
    int fd = (int)SC4(SYS_openat, G_AT_FDCWD, gpath, 2 | GO_CREAT | GO_CLOEXEC, 0640);
    CHECK(fd >= 3);
    CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC);
    copy_to_guest(buf, "0123456789", 10);
    CHECK_EQ_U64(SC3(SYS_write, fd, buf, 10), 10);
    CHECK_EQ_U64(SC3(SYS_lseek, fd, 2, 0), 2);
    CHECK_EQ_U64(SC4(SYS_pread64, fd, buf + 100, 3, 5), 3);
    char three[4] = { 0 };
    copy_from_guest(three, buf + 100, 3);
    CHECK(strcmp(three, "567") == 0);
    CHECK_EQ_U64(SC4(SYS_pwrite64, fd, buf, 2, 20), 2);

    /* fstat: asm-generic layout, field by field against the host */
    struct stat hs;
    CHECK(fstat(fd, &hs) == 0);
    CHECK_EQ_U64(SC2(SYS_fstat, fd, buf + 1000), 0);
    struct guest_stat gs;
    copy_from_guest(&gs, buf + 1000, sizeof(gs));
    CHECK_EQ_U64(gs.st_dev, hs.st_dev);
    CHECK_EQ_U64(gs.st_ino, hs.st_ino);
    CHECK_EQ_U64(gs.st_mode, hs.st_mode);
    CHECK_EQ_U64(gs.st_mode, S_IFREG | 0640);
    CHECK_EQ_U64(gs.st_nlink, hs.st_nlink);
    CHECK_EQ_U64(gs.st_uid, hs.st_uid);
    CHECK_EQ_U64(gs.st_gid, hs.st_gid);
    CHECK_EQ_U64(gs.st_size, 22);
    CHECK_EQ_U64(gs.st_blksize, hs.st_blksize);
    CHECK_EQ_U64(gs.st_blocks, hs.st_blocks);
    CHECK_EQ_U64(gs.st_mtime_sec, hs.st_mtim.tv_sec);
    CHECK_EQ_U64(gs.st_mtime_nsec, hs.st_mtim.tv_nsec);
    CHECK_EQ_U64(gs.st_ctime_sec, hs.st_ctim.tv_sec);
    /* the raw bytes: st_size at 48, st_blksize at 56 */
    uint8_t raw[128];
    copy_from_guest(raw, buf + 1000, sizeof(raw));
    int64_t size_at_48;
    memcpy(&size_at_48, raw + 48, 8);
    CHECK_EQ_U64(size_at_48, 22);

    /* newfstatat by path, and with AT_EMPTY_PATH on the fd */
    CHECK_EQ_U64(SC4(SYS_newfstatat, G_AT_FDCWD, gpath, buf + 2000, 0), 0);
    copy_from_guest(&gs, buf + 2000, sizeof(gs));
    CHECK_EQ_U64(gs.st_ino, hs.st_ino);
    uint64_t empty = gstr("");
    CHECK_EQ_U64(SC4(SYS_newfstatat, fd, empty, buf + 2000, 0x1000), 0);
    CHECK_EQ_U64(SC4(SYS_newfstatat, fd, empty, buf + 2000, 0), -G_ENOENT);

    /* statx: same struct everywhere */
    CHECK_EQ_U64(SC5(SYS_statx, G_AT_FDCWD, gpath, 0, 0xfff, buf + 3000), 0);
    struct statx stx;
    copy_from_guest(&stx, buf + 3000, sizeof(stx));
    CHECK_EQ_U64(stx.stx_size, 22);
    CHECK_EQ_U64(stx.stx_ino, hs.st_ino);

    /* fcntl flags come back in guest values */
    CHECK_EQ_U64(SC2(SYS_fcntl, fd, 3) & (GO_ACCMODE | GO_APPEND), 2);
    CHECK_EQ_U64(SC3(SYS_fcntl, fd, 4, GO_APPEND | GO_NONBLOCK), 0);
    CHECK_EQ_U64(SC2(SYS_fcntl, fd, 3) & (GO_ACCMODE | GO_APPEND | GO_NONBLOCK),
                 2 | GO_APPEND | GO_NONBLOCK);
    CHECK_EQ_U64(SC2(SYS_fcntl, fd, 1), 1);  /* F_GETFD: FD_CLOEXEC */
    CHECK_EQ_U64(SC2(SYS_fcntl, fd, 999), -G_EINVAL);

    /* faccessat, readlinkat of a non-link, unlinkat */
    CHECK_EQ_U64(SC3(SYS_faccessat, G_AT_FDCWD, gpath, 4), 0);
    CHECK_EQ_U64(SC4(SYS_faccessat2, G_AT_FDCWD, gpath, 4, 0), 0);
    CHECK_EQ_U64(SC4(SYS_readlinkat, G_AT_FDCWD, gpath, buf, 100), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_readlinkat, G_AT_FDCWD, gpath, buf, 0), -G_EINVAL);
    CHECK_EQ_U64(SC1(SYS_close, fd), 0);
    CHECK_EQ_U64(SC3(SYS_unlinkat, G_AT_FDCWD, gpath, 0), 0);
    CHECK_EQ_U64(SC4(SYS_openat, G_AT_FDCWD, gpath, 0, 0), -G_ENOENT);
}

TEST(syscalls, getdents64)
{
    char dir[256], f[300];
    snprintf(dir, sizeof(dir), "%s/d", temp_dir());
    uint64_t gdir = gstr(dir);
    CHECK_EQ_U64(SC3(SYS_mkdirat, G_AT_FDCWD, gdir, 0755), 0);
    snprintf(f, sizeof(f), "%s/alpha", dir);
    close(open(f, O_CREAT | O_WRONLY, 0600));
    snprintf(f, sizeof(f), "%s/beta", dir);
    close(open(f, O_CREAT | O_WRONLY, 0600));
    int fd = (int)SC4(SYS_openat, G_AT_FDCWD, gdir, GO_DIRECTORY, 0);
    CHECK(fd >= 0);
    uint64_t buf = galloc(8192);
    int64_t n = SC3(SYS_getdents64, fd, buf, 8192);
    CHECK(n > 0);
    uint8_t data[8192];
    copy_from_guest(data, buf, (size_t)n);
    int seen = 0;
    for (int64_t off = 0; off < n;) {
        uint16_t reclen;
        memcpy(&reclen, data + off + 16, 2);
        const char *name = (const char *)data + off + 19;
        if (strcmp(name, "alpha") == 0)
            seen |= 1;
        else if (strcmp(name, "beta") == 0)
            seen |= 2;
        else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            seen |= 4;
        else
            seen |= 8;
        if (reclen == 0)
            break;
        off += reclen;
    }
    CHECK_EQ_U64(seen, 7);
    CHECK_EQ_U64(SC3(SYS_getdents64, fd, buf, 8192), 0);
    CHECK_EQ_U64(SC3(SYS_getdents64, fd, 1ULL << 38, 100), -G_EFAULT);
    SC1(SYS_close, fd);

    /* getcwd and chdir */
    char host_cwd[4096];
    CHECK(getcwd(host_cwd, sizeof(host_cwd)) != NULL);
    CHECK_EQ_U64(SC2(SYS_getcwd, buf, 4096), strlen(host_cwd) + 1);
    char got[4096];
    copy_from_guest(got, buf, strlen(host_cwd) + 1);
    CHECK(strcmp(got, host_cwd) == 0);
    CHECK_EQ_U64(SC2(SYS_getcwd, buf, 2), -G_ERANGE);
}

TEST(syscalls, bad_pointers)
{
    uint64_t g = galloc(4096);
    int p[2];
    CHECK(pipe(p) == 0);
    write(p[1], "abcd", 4);
    uint64_t edge = (1ULL << 38) - 4;
    CHECK_EQ_U64(SC3(SYS_read, p[0], edge, 16), -G_EFAULT);           /* crosses 2^38 */
    CHECK_EQ_U64(SC3(SYS_read, p[0], 1ULL << 38, 1), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_read, p[0], ~0ULL - 7, 4), -G_EFAULT);        /* near 2^64 */
    CHECK_EQ_U64(SC3(SYS_read, p[0], g + 4096 * 16, 4), -G_EFAULT);    /* inside, unmapped */
    CHECK_EQ_U64(SC3(SYS_write, p[1], 0, 4), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_write, p[1], 0x7000000000ULL, 1), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_openat, G_AT_FDCWD, 0, 0, 0), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_openat, G_AT_FDCWD, ~0ULL - 2, 0, 0), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_fstat, p[0], edge), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_clock_gettime, 1, 1ULL << 38), -G_EFAULT);
    CHECK_EQ_U64(SC1(SYS_uname, 0), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_pipe2, ~0ULL, 0), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_getrandom, edge, 64, 0), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 10, edge, 0, 8), -G_EFAULT);
    /* The read data is still there: no failed call consumed it. */
    CHECK_EQ_U64(SC3(SYS_read, p[0], g, 4), 4);
    /* A path longer than PATH_MAX */
    uint64_t longp = galloc(8192);
    char big[5000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    copy_to_guest(longp, big, sizeof(big));
    CHECK_EQ_U64(SC4(SYS_openat, G_AT_FDCWD, longp, 0, 0), -36 /* ENAMETOOLONG */);
    close(p[0]);
    close(p[1]);
}

TEST(syscalls, unknown_numbers)
{
    CHECK_EQ_U64(SC0(5000), -G_ENOSYS);
    CHECK_EQ_U64(SC0(SYS_NR_MAX), -G_ENOSYS);
    CHECK_EQ_U64(SC0(~0ULL), -G_ENOSYS);
    CHECK_EQ_U64(SC0(300), -G_ENOSYS);                 /* a hole in the asm-generic table */
    CHECK_EQ_U64(SC0(SYS_io_setup), -G_ENOSYS);        /* named, not supported */
    CHECK_EQ_U64(SC4(SYS_rseq, 0, 0, 0, 0), -G_ENOSYS);
    CHECK_EQ_U64(SC0(SYS_riscv_hwprobe), -G_ENOSYS);
}

static int flushes;
static void count_flush(void) { flushes++; }

TEST(syscalls, riscv_flush_icache)
{
    void (*saved)(void) = guest_code_flush;
    guest_code_flush = count_flush;
    CHECK_EQ_U64(SC3(SYS_riscv_flush_icache, 0, 0, 0), 0);
    CHECK_EQ_U64(SC3(SYS_riscv_flush_icache, 0, 0, 1), 0);
    CHECK_EQ_U64(SC3(SYS_riscv_flush_icache, 0, 0, 2), -G_EINVAL);
    CHECK_EQ_U64(flushes, 2);
    guest_code_flush = saved;
}

TEST(syscalls, uname_and_ids)
{
    uint64_t g = galloc(4096);
    CHECK_EQ_U64(SC1(SYS_uname, g), 0);
    struct guest_utsname u;
    copy_from_guest(&u, g, sizeof(u));
    CHECK(strcmp(u.machine, "riscv64") == 0);
    CHECK(strcmp(u.sysname, "Linux") == 0);
    CHECK_EQ_U64(SC0(SYS_getpid), getpid());
    CHECK_EQ_U64(SC0(SYS_gettid), gettid());
    CHECK_EQ_U64(SC0(SYS_getuid), getuid());
    CHECK_EQ_U64(SC0(SYS_getppid), getppid());
    CHECK_EQ_U64(SC1(SYS_set_tid_address, g), gettid());
    CHECK_EQ_U64(guest_clear_child_tid, g);
    CHECK_EQ_U64(SC2(SYS_set_robust_list, g, 24), 0);
    CHECK_EQ_U64(SC2(SYS_set_robust_list, g, 23), -G_EINVAL);
    CHECK_EQ_U64(SC3(SYS_getresuid, g, g + 4, g + 8), 0);
    uint32_t ids[3];
    copy_from_guest(ids, g, 12);
    CHECK_EQ_U64(ids[1], geteuid());
    mode_t old = umask(022);
    CHECK_EQ_U64(SC1(SYS_umask, 077), 022);
    CHECK_EQ_U64(SC1(SYS_umask, old), 077);
    CHECK_EQ_U64(SC3(SYS_getrandom, g, 64, 0), 64);
    CHECK_EQ_U64(SC1(SYS_sysinfo, g), 0);
    struct guest_sysinfo si;
    copy_from_guest(&si, g, sizeof(si));
    CHECK(si.totalram > 0 && si.mem_unit > 0);
    CHECK(SC3(SYS_sched_getaffinity, 0, 128, g) > 0);
    CHECK_EQ_U64(SC3(SYS_sched_getaffinity, 0, 3, g), -G_EINVAL);
}

TEST(syscalls, time)
{
    uint64_t g = galloc(4096);
    struct timespec h0, h1;
    struct guest_timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &h0);
    CHECK_EQ_U64(SC2(SYS_clock_gettime, 1, g), 0);
    CHECK_EQ_U64(SC2(SYS_clock_gettime, 1, g + 16), 0);
    clock_gettime(CLOCK_MONOTONIC, &h1);
    copy_from_guest(&t0, g, 16);
    copy_from_guest(&t1, g + 16, 16);
    int64_t n0 = t0.tv_sec * 1000000000LL + t0.tv_nsec, n1 = t1.tv_sec * 1000000000LL + t1.tv_nsec;
    int64_t hn0 = h0.tv_sec * 1000000000LL + h0.tv_nsec, hn1 = h1.tv_sec * 1000000000LL + h1.tv_nsec;
    CHECK(hn0 <= n0 && n0 <= n1 && n1 <= hn1);
    CHECK_EQ_U64(SC2(SYS_clock_gettime, 12345, g), -G_EINVAL);
    CHECK_EQ_U64(SC2(SYS_clock_getres, 1, 0), 0);
    CHECK_EQ_U64(SC2(SYS_gettimeofday, g, 0), 0);
    struct guest_timespec req = { 0, 1000 };
    copy_to_guest(g + 100, &req, sizeof(req));
    CHECK_EQ_U64(SC2(SYS_nanosleep, g + 100, 0), 0);
    CHECK_EQ_U64(SC4(SYS_clock_nanosleep, 1, 0, g + 100, 0), 0);
    CHECK(SC1(SYS_times, 0) > 0);
}

TEST(syscalls, brk_mmap_munmap)
{
    guest_mem_init();
    guest_brk_init(0x5000000);
    uint64_t b0 = (uint64_t)SC1(SYS_brk, 0);
    CHECK_EQ_U64(b0, 0x5000000);
    CHECK_EQ_U64(SC1(SYS_brk, b0 + 0x12345), b0 + 0x12345);
    CHECK_EQ_U64(copy_to_guest(b0 + 0x12000, "x", 1), 0);
    CHECK_EQ_U64(SC1(SYS_brk, 0x1000), b0 + 0x12345);          /* below the start: refused */
    CHECK_EQ_U64(SC1(SYS_brk, b0), b0);
    CHECK_EQ_U64(copy_to_guest(b0 + 0x12000, "x", 1), -G_EFAULT);

    int64_t m = sc(SYS_mmap, 0, 8192, 3, 0x22, (uint64_t)-1, 0);
    CHECK(m > 0 && (m & 4095) == 0 && (uint64_t)m < (1ULL << 38));
    CHECK_EQ_U64(copy_to_guest((uint64_t)m + 8000, "y", 1), 0);
    CHECK_EQ_U64(SC3(SYS_mprotect, m, 4096, 1), 0);
    CHECK_EQ_U64(copy_to_guest((uint64_t)m, "y", 1), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_munmap, m, 8192), 0);
    CHECK_EQ_U64(copy_to_guest((uint64_t)m + 8000, "y", 1), -G_EFAULT);
    int p[2];
    CHECK(pipe(p) == 0);
    write(p[1], "z", 1);
    CHECK_EQ_U64(SC3(SYS_read, p[0], m, 1), -G_EFAULT);       /* unmapped now */
    close(p[0]);
    close(p[1]);
    /* a file mapping may not name a reserved fd */
    int r = open("/dev/null", O_RDONLY);
    syscall_reserve_fd(r);
    CHECK_EQ_U64(sc(SYS_mmap, 0, 4096, 1, 0x02, (uint64_t)r, 0), -G_EBADF);
}

TEST(syscalls, reserved_fds)
{
    int p[2];
    CHECK(pipe(p) == 0);
    syscall_reserve_fd(p[1]);
    uint64_t g = galloc(4096);
    CHECK_EQ_U64(SC1(SYS_close, p[1]), -G_EBADF);
    CHECK_EQ_U64(SC3(SYS_write, p[1], g, 1), -G_EBADF);
    CHECK_EQ_U64(SC3(SYS_dup3, p[0], p[1], 0), -G_EBADF);
    CHECK_EQ_U64(SC3(SYS_fcntl, p[1], 1, 0), -G_EBADF);
    CHECK(fcntl(p[1], F_GETFD) >= 0);
    /* close_range over everything keeps the reserved fds: run it in a child */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int64_t r = SC3(SYS_close_range, 3, ~0U, 0);
        _exit(r == 0 && fcntl(p[1], F_GETFD) >= 0 && fcntl(p[0], F_GETFD) < 0 ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(p[0]);
}

TEST(syscalls, sigaction_layout)
{
    uint64_t g = galloc(4096);
    /* riscv64: { handler, flags, mask }, no restorer */
    uint64_t act[3] = { 0x12340, 0x10000004 | 0x400 /* SA_UNSUPPORTED */, (1ULL << 8) | (1ULL << 9) };
    copy_to_guest(g, act, sizeof(act));
    uint64_t fill[4] = { 7, 7, 7, 7 };
    copy_to_guest(g + 64, fill, sizeof(fill));
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 10, g, 0, 8), 0);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 10, 0, g + 64, 8), 0);
    uint64_t old[4];
    copy_from_guest(old, g + 64, sizeof(old));
    CHECK_EQ_U64(old[0], 0x12340);
    CHECK_EQ_U64(old[1], 0x10000004);              /* unknown bits cleared, like Linux */
    CHECK_EQ_U64(old[2], 1ULL << 9);               /* SIGKILL (bit 8) removed */
    CHECK_EQ_U64(old[3], 7);                       /* 24 bytes only */
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 9, g, 0, 8), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 19, g, 0, 8), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 9, 0, g + 64, 8), 0);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 0, 0, g + 64, 8), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 65, 0, g + 64, 8), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 10, 0, g + 64, 4), -G_EINVAL);
    /* put SIGUSR1 back to SIG_DFL */
    uint64_t dfl[3] = { 0, 0, 0 };
    copy_to_guest(g, dfl, sizeof(dfl));
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 10, g, 0, 8), 0);

    /* sigprocmask */
    uint64_t set = (1ULL << 9) | (1ULL << 8);
    copy_to_guest(g + 128, &set, 8);
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 0, g + 128, 0, 8), 0);
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 0, 0, g + 136, 8), 0);
    uint64_t cur;
    copy_from_guest(&cur, g + 136, 8);
    CHECK_EQ_U64(cur, 1ULL << 9);                  /* SIGKILL cannot be blocked */
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 7, g + 128, 0, 8), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 1, g + 128, 0, 8), 0);

    /* sigaltstack */
    CHECK_EQ_U64(SC2(SYS_sigaltstack, 0, g + 200), 0);
    struct guest_stack ss;
    copy_from_guest(&ss, g + 200, sizeof(ss));
    CHECK_EQ_U64(ss.ss_flags, 2);                  /* SS_DISABLE */
    struct guest_stack small = { g, 0, 0, 1000 }, ok = { g, 0, 0, 16384 };
    copy_to_guest(g + 300, &small, sizeof(small));
    CHECK_EQ_U64(SC2(SYS_sigaltstack, g + 300, 0), -G_ENOMEM);
    copy_to_guest(g + 300, &ok, sizeof(ok));
    CHECK_EQ_U64(SC2(SYS_sigaltstack, g + 300, 0), 0);
    CHECK_EQ_U64(SC2(SYS_sigaltstack, 0, g + 200), 0);
    copy_from_guest(&ss, g + 200, sizeof(ss));
    CHECK_EQ_U64(ss.ss_sp, g);
    CHECK_EQ_U64(ss.ss_size, 16384);
    CHECK_EQ_U64(ss.ss_flags, 0);
}

TEST(syscalls, signals_to_self)
{
    uint64_t g = galloc(4096);
    /* blocked: stays pending, shows in rt_sigpending, discarded when ignored */
    uint64_t set = 1ULL << (12 - 1);   /* SIGUSR2 */
    copy_to_guest(g, &set, 8);
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 0, g, 0, 8), 0);
    CHECK_EQ_U64(SC3(SYS_tgkill, getpid(), gettid(), 12), 0);
    CHECK_EQ_U64(SC2(SYS_rt_sigpending, g + 8, 8), 0);
    uint64_t pend;
    copy_from_guest(&pend, g + 8, 8);
    CHECK_EQ_U64(pend, set);
    uint64_t ign[3] = { 1, 0, 0 };
    copy_to_guest(g + 64, ign, sizeof(ign));
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 12, g + 64, 0, 8), 0);
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 1, g, 0, 8), 0);      /* unblock: nothing happens */
    CHECK_EQ_U64(SC2(SYS_kill, getpid(), 12), 0);             /* ignored */
    CHECK_EQ_U64(SC2(SYS_kill, getpid(), 0), 0);
    CHECK_EQ_U64(SC2(SYS_kill, getpid(), 65), -G_EINVAL);
    uint64_t dfl[3] = { 0, 0, 0 };
    copy_to_guest(g + 64, dfl, sizeof(dfl));
    CHECK_EQ_U64(SC4(SYS_rt_sigaction, 12, g + 64, 0, 8), 0);

    /* abort(): the guest's tgkill(SIGABRT) kills the host process by SIGABRT (the guest's
     * SIG_DFL is the host's: signal.c mirrors dispositions on the host) */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        SC3(SYS_tgkill, getpid(), gettid(), 6);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

static int atexit_fd = -1;
static void atexit_marker(void)
{
    if (atexit_fd >= 0)
        write(atexit_fd, "A", 1);
}

TEST(syscalls, exit_group)
{
    int p[2];
    CHECK(pipe(p) == 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        atexit_fd = p[1];
        atexit(atexit_marker);
        SC1(SYS_exit_group, 300);
        _exit(99);
    }
    close(p[1]);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == (300 & 0xff));
    char c = 0;
    CHECK(read(p[0], &c, 1) == 1 && c == 'A');
    close(p[0]);
}

TEST(syscalls, terminal_ioctls)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) || unlockpt(m)) {
        printf("  (no pty available: skipped)\n");
        return;
    }
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    CHECK(s >= 0);
    uint64_t g = galloc(4096);
    struct termios ht;
    CHECK(tcgetattr(s, &ht) == 0);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x5401, g), 0);
    struct guest_termios gt;
    copy_from_guest(&gt, g, sizeof(gt));
    CHECK_EQ_U64(gt.c_iflag, ht.c_iflag);
    CHECK_EQ_U64(gt.c_lflag, ht.c_lflag);
    CHECK_EQ_U64(gt.c_cflag, ht.c_cflag);
    CHECK_EQ_U64(gt.c_cc[VINTR], ht.c_cc[VINTR]);
    gt.c_lflag &= ~(uint32_t)ECHO;
    copy_to_guest(g, &gt, sizeof(gt));
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x5402, g), 0);             /* TCSETS */
    CHECK(tcgetattr(s, &ht) == 0);
    CHECK(!(ht.c_lflag & ECHO));
    struct guest_winsize ws = { 24, 80, 0, 0 };
    copy_to_guest(g + 100, &ws, sizeof(ws));
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x5414, g + 100), 0);       /* TIOCSWINSZ */
    struct winsize hw;
    CHECK(ioctl(s, TIOCGWINSZ, &hw) == 0 && hw.ws_row == 24 && hw.ws_col == 80);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x5413, g + 200), 0);       /* TIOCGWINSZ */
    copy_from_guest(&ws, g + 200, sizeof(ws));
    CHECK_EQ_U64(ws.ws_col, 80);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x5401, 1ULL << 38), -G_EFAULT);
    close(s);
    close(m);
}

TEST(syscalls, paths_and_sysroot)
{
    uint64_t g = galloc(4096);
    guest_process.exe_path = "/opt/guest/prog";
    uint64_t self = gstr("/proc/self/exe");
    CHECK_EQ_U64(SC4(SYS_readlinkat, G_AT_FDCWD, self, g, 100), 15);
    char got[32] = { 0 };
    copy_from_guest(got, g, 15);
    CHECK(strcmp(got, "/opt/guest/prog") == 0);
    CHECK_EQ_U64(SC4(SYS_readlinkat, G_AT_FDCWD, self, g, 4), 4);

    /* sysroot: an absolute path found under it wins; otherwise the path as is */
    char root[256], f[300];
    snprintf(root, sizeof(root), "%s/root", temp_dir());
    mkdir(root, 0755);
    snprintf(f, sizeof(f), "%s/root/etc-marker", temp_dir());
    int fd = open(f, O_CREAT | O_WRONLY, 0600);
    write(fd, "sysroot", 7);
    close(fd);
    guest_process.sysroot = root;
    uint64_t marker = gstr("/etc-marker");
    int gfd = (int)SC4(SYS_openat, G_AT_FDCWD, marker, 0, 0);
    CHECK(gfd >= 0);
    CHECK_EQ_U64(SC3(SYS_read, gfd, g, 100), 7);
    SC1(SYS_close, gfd);
    CHECK_EQ_U64(SC3(SYS_faccessat, G_AT_FDCWD, marker, 0), 0);
    uint64_t devnull = gstr("/dev/null");
    gfd = (int)SC4(SYS_openat, G_AT_FDCWD, devnull, 1, 0);
    CHECK(gfd >= 0);
    SC1(SYS_close, gfd);
    guest_process.sysroot = NULL;
    CHECK_EQ_U64(SC4(SYS_openat, G_AT_FDCWD, marker, 0, 0), -G_ENOENT);
    guest_process.exe_path = NULL;
}

TEST(syscalls, futex_single_thread)
{
    uint64_t g = galloc(4096);
    uint32_t v = 5;
    copy_to_guest(g, &v, 4);
    CHECK_EQ_U64(sc(SYS_futex, g, 128 /* WAIT|PRIVATE */, 6, 0, 0, 0), -G_EAGAIN);
    CHECK_EQ_U64(sc(SYS_futex, g, 129 /* WAKE|PRIVATE */, 1, 0, 0, 0), 0);
    CHECK_EQ_U64(sc(SYS_futex, g + 2, 1, 1, 0, 0, 0), -G_EINVAL);
    CHECK_EQ_U64(sc(SYS_futex, 1ULL << 38, 1, 1, 0, 0, 0), -G_EFAULT);
    /* a wait with the right value and a short timeout times out */
    struct guest_timespec ts = { 0, 1000000 };
    copy_to_guest(g + 16, &ts, sizeof(ts));
    CHECK_EQ_U64(sc(SYS_futex, g, 128, 5, g + 16, 0, 0), -110 /* ETIMEDOUT */);
}

TEST(syscalls, rlimits)
{
    uint64_t g = galloc(4096);
    struct rlimit host_stack, hn;
    getrlimit(RLIMIT_STACK, &host_stack);
    getrlimit(RLIMIT_NOFILE, &hn);
    CHECK_EQ_U64(SC2(SYS_getrlimit, 7, g), 0);
    struct guest_rlimit r;
    copy_from_guest(&r, g, sizeof(r));
    CHECK_EQ_U64(r.rlim_cur, hn.rlim_cur);
    /* RLIMIT_STACK is virtual: the guest sees its own value, the host keeps its own */
    struct guest_rlimit want = { 1 << 20, host_stack.rlim_max };
    copy_to_guest(g, &want, sizeof(want));
    CHECK_EQ_U64(SC4(SYS_prlimit64, 0, 3, g, g + 16), 0);
    copy_from_guest(&r, g + 16, sizeof(r));
    CHECK_EQ_U64(r.rlim_cur, host_stack.rlim_cur);
    CHECK_EQ_U64(SC2(SYS_getrlimit, 3, g + 32), 0);
    copy_from_guest(&r, g + 32, sizeof(r));
    CHECK_EQ_U64(r.rlim_cur, 1 << 20);
    struct rlimit now;
    getrlimit(RLIMIT_STACK, &now);
    CHECK_EQ_U64(now.rlim_cur, host_stack.rlim_cur);
    CHECK_EQ_U64(SC2(SYS_getrlimit, 16, g), -G_EINVAL);
    struct guest_rlimit inverted = { 10, 5 };
    copy_to_guest(g, &inverted, sizeof(inverted));
    CHECK_EQ_U64(SC2(SYS_setrlimit, 7, g), -G_EINVAL);
}

TEST(syscalls, errno_translation)
{
    CHECK_EQ_U64(guest_errno(ENOENT), 2);
    CHECK_EQ_U64(guest_errno(EAGAIN), 11);
    CHECK_EQ_U64(guest_errno(ENOSYS), 38);
    CHECK_EQ_U64(guest_errno(ETIMEDOUT), 110);
    CHECK_EQ_U64(guest_errno(EHWPOISON), 133);
    CHECK_EQ_U64(guest_errno(0), 22);
    CHECK_EQ_U64(guest_errno(100000), 22);
    CHECK(strcmp(guest_errno_name(2), "ENOENT") == 0);
}

TEST(syscalls, strace_output)
{
    char flags[128];
    strace_open_flags(flags, sizeof(flags), guest_abi(&stub_cpu), GO_CLOEXEC);
    CHECK(strcmp(flags, "O_RDONLY|O_CLOEXEC") == 0);
    strace_open_flags(flags, sizeof(flags), guest_abi(&stub_cpu), 1 | GO_CREAT | GO_TRUNC);
    CHECK(strcmp(flags, "O_WRONLY|O_CREAT|O_TRUNC") == 0);

    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    FILE *saved_file = log_file;
    unsigned saved_mask = log_mask;
    log_file = mem;
    log_mask = LOG_STRACE;
    uint64_t path = gstr("/nonexistent-crossrun");
    SC4(SYS_openat, G_AT_FDCWD, path, GO_CLOEXEC, 0);
    uint64_t g = galloc(4096);
    copy_to_guest(g, "hi\n", 3);
    int p[2];
    CHECK(pipe(p) == 0);
    SC3(SYS_write, p[1], g, 3);
    SC0(4321);
    SC0(4321);
    sc(SYS_mmap, 0, 4096, 3, 0x22, (uint64_t)-1, 0);
    log_file = saved_file;
    log_mask = saved_mask;
    fclose(mem);
    CHECK(strstr(text, "openat(AT_FDCWD,\"/nonexistent-crossrun\",O_RDONLY|O_CLOEXEC) = "
                       "-1 errno=2 (No such file or directory)") != NULL);
    char expect[64];
    snprintf(expect, sizeof(expect), "write(%d,\"hi\\n\",3) = 3", p[1]);
    CHECK(strstr(text, expect) != NULL);
    CHECK(strstr(text, "mmap(NULL,4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0) = 0x"));
    char *first = strstr(text, "crossrun: unsupported syscall 4321");
    CHECK(first != NULL);
    CHECK(first && strstr(first + 1, "crossrun: unsupported syscall 4321") == NULL);
    CHECK(strstr(text, "syscall_4321(") != NULL);
    if (test_failed_checks || getenv("SHOW_STRACE"))
        printf("%s", text);
    free(text);
    close(p[0]);
    close(p[1]);
}

TEST(syscalls, zz_cleanup)
{
    remove_temp_dir();
}
