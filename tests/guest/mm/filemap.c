/* filemap - file mappings: MAP_SHARED writes are visible through read() (before and after
 * msync and munmap) and write()s through the mapping; two shared mappings of one file see
 * each other; MAP_PRIVATE is copy-on-write (its writes reach neither the file nor other
 * mappings, while untouched pages follow later file writes); a non-zero offset; growing the
 * file with ftruncate under a mapping; /dev/zero; and the EACCES/ENODEV/EINVAL cases (write
 * access through a read-only descriptor, directories and pipes, offsets not page-aligned). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "mm_check.h"

static char dir[] = "/tmp/crossrun-mm-filemap.XXXXXX";
static char path[64];

static void shared(int fd)
{
    char *m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED);
    printf("shared mapping reads the file: '%.5s' '%.5s'\n", m, m + PAGE);
    memcpy(m + 6, "WORLD", 5);
    char buf[16] = { 0 };
    CHECK(pread(fd, buf, 11, 0) == 11);
    printf("write through the mapping, read(): '%s'\n", buf);
    CHECK(pwrite(fd, "abc", 3, PAGE + 1) == 3);
    printf("pwrite(), read through the mapping: '%.5s'\n", m + PAGE);

    char *m2 = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    CHECK(m2 != MAP_FAILED);
    m2[10] = '!';
    printf("second shared mapping at offset 1 page: sees '%.4s', its write seen by the first '%c'\n",
           m2, m[PAGE + 10]);
    CHECK(msync(m, 2 * PAGE, MS_SYNC) == 0);
    memcpy(m + 100, "after-msync", 11);
    CHECK(munmap(m, 2 * PAGE) == 0 && munmap(m2, PAGE) == 0);
    memset(buf, 0, sizeof(buf));
    CHECK(pread(fd, buf, 11, 100) == 11);
    printf("after munmap the file keeps the last write: '%s'\n", buf);
}

static void private(int fd)
{
    char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED && s != MAP_FAILED);
    printf("private mapping reads the file: '%.5s'\n", p);
    memcpy(p, "PRIV", 4);
    char buf[8] = { 0 };
    CHECK(pread(fd, buf, 4, 0) == 4);
    printf("write through the private mapping: mapping '%.4s', file '%s', shared mapping '%.4s'\n",
           p, buf, s);
    CHECK(pwrite(fd, "FILE", 4, 0) == 4 && pwrite(fd, "LATE", 4, PAGE + 20) == 4);
    printf("later file writes: copied page keeps '%.4s', untouched page follows '%.4s'\n", p,
           p + PAGE + 20);
    CHECK(munmap(p, 2 * PAGE) == 0 && munmap(s, 2 * PAGE) == 0);

    int ro = open(path, O_RDONLY);
    CHECK(ro >= 0);
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    printf("MAP_PRIVATE writable through a read-only descriptor: %s", map_result(p));
    if (p != MAP_FAILED) {
        p[0] = 'x';
        printf(", written '%c'", p[0]);
        munmap(p, PAGE);
    }
    printf("\n");
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("MAP_SHARED writable through a read-only descriptor: %s\n", map_result(p));
    p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
    printf("MAP_SHARED read-only through it: %s; a write then %s\n", map_result(p),
           p == MAP_FAILED ? "-" : probe(p + 1, 1));
    if (p != MAP_FAILED)
        munmap(p, PAGE);
    printf("mprotect of that mapping to PROT_WRITE: ");
    p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
    printf("%s\n", call_result(mprotect(p, PAGE, PROT_READ | PROT_WRITE)));
    munmap(p, PAGE);
    close(ro);
}

static void growth(int fd)
{
    CHECK(ftruncate(fd, PAGE) == 0);
    char *m = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED);
    printf("3-page mapping of a 1-page file: page 2 %s\n", probe(m + 2 * PAGE, 0));
    CHECK(ftruncate(fd, 3 * PAGE) == 0);
    printf("after ftruncate to 3 pages: page 2 %s, reads %d\n", probe(m + 2 * PAGE + 7, 1),
           m[2 * PAGE + 8]);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    char c = 0;
    CHECK(pread(fd, &c, 1, 2 * PAGE + 7) == 1);
    printf("  file size %lld pages, byte written through the mapping %#x\n",
           (long long)st.st_size / (long long)PAGE, (unsigned char)c);
    CHECK(munmap(m, 3 * PAGE) == 0);
}

static void special_files(void)
{
    int z = open("/dev/zero", O_RDWR);
    CHECK(z >= 0);
    char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
    printf("/dev/zero private mapping: %s, zero %s", map_result(p),
           p != MAP_FAILED && all_bytes(p, 0, 2 * PAGE) ? "yes" : "no");
    if (p != MAP_FAILED) {
        p[1] = 3;
        printf(", writable %s", p[1] == 3 ? "yes" : "no");
        munmap(p, 2 * PAGE);
    }
    printf("\n");
    close(z);

    int d = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(d >= 0);
    printf("mapping a directory: %s\n", map_result(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, d, 0)));
    close(d);
    int pfd[2];
    CHECK(pipe(pfd) == 0);
    printf("mapping a pipe: %s\n", map_result(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, pfd[0], 0)));
    close(pfd[0]);
    close(pfd[1]);
    int wo = open(path, O_WRONLY);
    CHECK(wo >= 0);
    printf("mapping a write-only descriptor: %s\n",
           map_result(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wo, 0)));
    close(wo);
    int ap = open(path, O_RDWR | O_APPEND);
    CHECK(ap >= 0);
    printf("MAP_SHARED writable of an O_APPEND descriptor: %s\n",
           map_result(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ap, 0)));
    close(ap);
}

int main(void)
{
    probe_init();
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof(path), "%s/data", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    char page[PAGE];
    memset(page, '.', sizeof(page));
    memcpy(page, "hello world", 11);
    CHECK(write(fd, page, PAGE) == (ssize_t)PAGE);
    memcpy(page, "page2", 5);
    CHECK(write(fd, page, PAGE) == (ssize_t)PAGE);

    shared(fd);
    private(fd);
    growth(fd);
    special_files();
    close(fd);
    unlink(path);
    rmdir(dir);
    CHECK_SUMMARY();
    return 0;
}
