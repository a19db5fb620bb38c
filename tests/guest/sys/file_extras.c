/*
 * file_extras.c - the less common file calls: memfd_create with seals and a shared mapping,
 * copy_file_range with offsets, splice/tee/vmsplice between a file and pipes, extended
 * attributes (where the filesystem has user xattrs), mlock of one page, and the
 * sync/readahead hints.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "sys_check.h"

int main(void)
{
    /* memfd: write through the fd, read through a shared mapping, then seal it */
    int m = memfd_create("crossrun-sys", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    CHECK(m >= 0 && fcntl(m, F_GETFD) == FD_CLOEXEC);
    CHECK(ftruncate(m, 4096) == 0);
    CHECK(pwrite(m, "memfd contents", 14, 100) == 14);
    char *map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, m, 0);
    CHECK(map != MAP_FAILED);
    printf("memfd: mapping reads \"%.14s\"", map + 100);
    memcpy(map + 200, "back", 4);
    char back[5] = { 0 };
    CHECK(pread(m, back, 4, 200) == 4);
    printf(", fd reads \"%s\"\n", back);
    CHECK(munmap(map, 4096) == 0);
    CHECK(fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW) == 0);
    CHECK(ftruncate(m, 100) == -1 && errno == EPERM);
    CHECK(fcntl(m, F_GET_SEALS) == (F_SEAL_SHRINK | F_SEAL_GROW));
    char longname[300];
    memset(longname, 'n', sizeof(longname) - 1);
    longname[299] = 0;
    CHECK(memfd_create(longname, 0) == -1 && errno == EINVAL);
    printf("memfd: seals hold, long name EINVAL\n");

    /* copy_file_range between two files in one directory */
    char dir[] = "/tmp/crossrun-files.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char a[64], b[64];
    snprintf(a, sizeof(a), "%s/a", dir);
    snprintf(b, sizeof(b), "%s/b", dir);
    int fa = open(a, O_CREAT | O_RDWR, 0600), fb = open(b, O_CREAT | O_RDWR, 0600);
    CHECK(write(fa, "0123456789abcdefghij", 20) == 20);
    loff_t in = 5, out = 3;
    ssize_t n = copy_file_range(fa, &in, fb, &out, 8, 0);
    char got[16] = { 0 };
    CHECK(pread(fb, got, 11, 0) == 11);
    printf("copy_file_range: %zd bytes, offsets now %lld and %lld, target \"%s\"\n", n,
           (long long)in, (long long)out, got + 3);
    CHECK(lseek(fa, 0, SEEK_CUR) == 20 && lseek(fb, 0, SEEK_CUR) == 0);
    CHECK(fsync(fb) == 0 && fdatasync(fb) == 0 && syncfs(fb) == 0);
    CHECK(sync_file_range(fb, 0, 0, SYNC_FILE_RANGE_WRITE) == 0);
    CHECK(readahead(fa, 0, 4096) == 0);

    /* splice file -> pipe, tee pipe -> pipe, vmsplice memory -> pipe */
    int p[2], q[2];
    CHECK(pipe(p) == 0 && pipe(q) == 0);
    loff_t off = 10;
    CHECK(splice(fa, &off, p[1], NULL, 6, 0) == 6 && off == 16);
    CHECK(tee(p[0], q[1], 6, 0) == 6);
    char s1[8] = { 0 }, s2[8] = { 0 };
    CHECK(read(p[0], s1, 6) == 6 && read(q[0], s2, 6) == 6);
    static char pieces[2][4] = { "vm", "sp" };
    struct iovec iov[2] = { { pieces[0], 2 }, { pieces[1], 2 } };
    CHECK(vmsplice(p[1], iov, 2, 0) == 4);
    char s3[8] = { 0 };
    CHECK(read(p[0], s3, 4) == 4);
    printf("splice \"%s\", tee \"%s\", vmsplice \"%s\"\n", s1, s2, s3);

    /* xattrs: the same line whether or not this filesystem has user xattrs */
    int xr = setxattr(a, "user.crossrun", "attr-value", 10, 0);
    int have = xr == 0;
    CHECK(have || errno == ENOTSUP);
    if (have) {
        char v[32] = { 0 };
        CHECK(getxattr(a, "user.crossrun", v, sizeof(v)) == 10 && strcmp(v, "attr-value") == 0);
        CHECK(getxattr(a, "user.crossrun", NULL, 0) == 10);
        CHECK(fgetxattr(fa, "user.crossrun", v, 3) == -1 && errno == ERANGE);
        char list[256];
        ssize_t ln = listxattr(a, list, sizeof(list));
        CHECK(ln >= 14 && memmem(list, (size_t)ln, "user.crossrun", 14) != NULL);
        CHECK(setxattr(a, "user.crossrun", "x", 1, XATTR_CREATE) == -1 && errno == EEXIST);
        CHECK(lremovexattr(a, "user.crossrun") == 0);
        CHECK(fremovexattr(fa, "user.crossrun") == -1 && errno == ENODATA);
    }
    CHECK(getxattr(a, "", NULL, 0) == -1 && errno == ERANGE);
    printf("xattr: set, get, list, remove and their errors behave\n");

    /* mlock: one page */
    static char page[4096] __attribute__((aligned(4096)));
    CHECK(mlock(page, sizeof(page)) == 0);
    CHECK(munlock(page, sizeof(page)) == 0);
    printf("mlock, munlock: one page\n");     /* (mlock2: unit tests; qemu 7.2 lacks it) */

    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
    close(fa);
    close(fb);
    close(m);
    CHECK(unlink(a) == 0 && unlink(b) == 0 && rmdir(dir) == 0);
    CHECK_SUMMARY();
    return sys_failures != 0;
}
