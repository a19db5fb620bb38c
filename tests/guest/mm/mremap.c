/* mremap - growing in place (contents kept, new pages zero), growing into a taken range
 * (ENOMEM without MREMAP_MAYMOVE, a move with it: contents kept, the old range unmapped),
 * shrinking, MREMAP_FIXED onto a range holding another mapping (replaced), moving shared
 * anonymous and shared file mappings (still shared afterwards), and the EINVAL/EFAULT
 * cases. Every page gets its own fill byte so a misplaced page shows. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "mm_check.h"

/* Page i of p holds the byte base + i. */
static void fill_pages(char *p, int pages, int base)
{
    for (int i = 0; i < pages; i++)
        memset(p + i * PAGE, base + i, PAGE);
}

/* "page bytes: 11 12 0 0" - the first byte of each page, and whether each page is uniform. */
static void show_pages(const char *what, char *p, int pages)
{
    printf("%s:", what);
    for (int i = 0; i < pages; i++)
        printf(" %d%s", p[i * PAGE], all_bytes(p + i * PAGE, p[i * PAGE], PAGE) ? "" : "!");
    printf("\n");
}

/* A PROT_NONE reservation of 16 pages keeps every mapping the test makes inside it, apart
 * from where mremap moves one of its own accord (outside, as the reservation is full). */
static void anonymous(void)
{
    char *r = mmap(NULL, 16 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(r != MAP_FAILED);
    CHECK(munmap(r + 2 * PAGE, 2 * PAGE) == 0);        /* room to grow in place */
    char *p = mmap(r, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0);
    CHECK(p == r);
    fill_pages(p, 2, 11);
    char *q = mremap(p, 2 * PAGE, 4 * PAGE, 0);
    printf("grow 2 -> 4 pages with room after: %s, in place %s\n", map_result(q),
           q == p ? "yes" : "no");
    show_pages("  pages", q, 4);
    fill_pages(q, 4, 21);

    char *blocker = mmap(r + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(blocker == r + 4 * PAGE);
    blocker[0] = 99;
    q = mremap(p, 4 * PAGE, 6 * PAGE, 0);
    printf("grow 4 -> 6 pages into a taken page: %s; mapping unchanged %s\n", map_result(q),
           p[3 * PAGE] == 24 ? "yes" : "no");
    q = mremap(p, 4 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
    printf("the same with MREMAP_MAYMOVE: %s, moved %s\n", map_result(q), q != p ? "yes" : "no");
    show_pages("  pages", q, 6);
    printf("  old range: %s; the taken page kept %s\n", probe(p + PAGE, 0),
           blocker[0] == 99 ? "yes" : "no");

    char *s = mremap(q, 6 * PAGE, 2 * PAGE, 0);
    printf("shrink 6 -> 2 pages: %s, in place %s; page 2 then %s\n", map_result(s),
           s == q ? "yes" : "no", probe(q + 2 * PAGE, 0));
    show_pages("  pages", s, 2);

    /* MREMAP_FIXED replaces whatever is at the destination. */
    char *t = mmap(r + 8 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(t == r + 8 * PAGE);
    fill_pages(t, 4, 71);
    char *f = mremap(s, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t + PAGE);
    printf("MREMAP_FIXED 2 -> 3 pages onto pages 1-3 of another mapping: %s, there %s\n",
           map_result(f), f == t + PAGE ? "yes" : "no");
    show_pages("  destination mapping", t, 4);
    printf("  source then %s\n", probe(s, 0));
    CHECK(munmap(r, 16 * PAGE) == 0);
}

static void errors(void)
{
    char *r = mmap(NULL, 8 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(r != MAP_FAILED);
    char *p = mmap(r, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0);
    CHECK(p == r);
    CHECK(munmap(r + 5 * PAGE, PAGE) == 0);
    printf("MREMAP_FIXED without MREMAP_MAYMOVE: %s\n",
           map_result(mremap(p, PAGE, PAGE, MREMAP_FIXED, r + 6 * PAGE)));
    printf("MREMAP_FIXED onto an overlapping range: %s\n",
           map_result(mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE)));
    printf("unknown flag: %s\n", map_result(mremap(p, PAGE, PAGE, 0x100)));
    printf("unaligned old address: %s\n", map_result(mremap(p + 1, PAGE, 2 * PAGE, 0)));
    printf("new length 0: %s\n", map_result(mremap(p, PAGE, 0, 0)));
    printf("old range unmapped: %s\n",
           map_result(mremap(r + 5 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE)));
    printf("old range runs past the mapping: %s\n",
           map_result(mremap(p + 2 * PAGE, 3 * PAGE, 4 * PAGE, MREMAP_MAYMOVE)));
    CHECK(mprotect(p + PAGE, PAGE, PROT_READ) == 0);
    printf("old range covers two mappings: %s\n",
           map_result(mremap(p, 2 * PAGE, 8 * PAGE, MREMAP_MAYMOVE)));
    char *part = mremap(p + 2 * PAGE, PAGE, 3 * PAGE, MREMAP_MAYMOVE);
    printf("grow one page out of the middle of a mapping: %s; page 3 left behind %s\n",
           map_result(part), probe(p + 3 * PAGE, 1));
    printf("  the grown piece: %s %s\n", probe(part + PAGE, 1), probe(part + 2 * PAGE, 1));
    CHECK(munmap(r, 8 * PAGE) == 0);
    if (part != MAP_FAILED)
        CHECK(munmap(part, 3 * PAGE) == 0);
}

/* Moved shared mappings stay shared: with a child for anonymous memory, with the file. */
static void shared(void)
{
    int *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    p[0] = 5;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 2000 && p[1] != 1; i++)
            usleep(1000);
        p[2] = p[0] + 100;      /* reads what the parent wrote through the moved mapping */
        _exit(0);
    }
    char *r = free_range(4 * PAGE);
    int *q = mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, r);
    CHECK(q == (int *)r);
    q[0] = 6;
    __atomic_store_n(&q[1], 1, __ATOMIC_SEQ_CST);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    printf("shared anonymous moved and grown: kept %d, child saw the parent's write %d\n", q[0] - 1,
           q[2]);
    CHECK(munmap(q, 2 * PAGE) == 0);

    char dir[] = "/tmp/crossrun-mm-mremap.XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/file", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && ftruncate(fd, 3 * PAGE) == 0);
    char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    CHECK(m != MAP_FAILED);
    m[0] = 'a';
    char *g = mremap(m, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
    CHECK(g != MAP_FAILED);
    g[PAGE + 1] = 'b';
    char got[2] = { 0, 0 };
    CHECK(pread(fd, &got[0], 1, PAGE) == 1 && pread(fd, &got[1], 1, 2 * PAGE + 1) == 1);
    printf("shared file mapping at offset 1 page grown to 2: writes reach the file '%c%c'\n",
           got[0], got[1]);
    CHECK(pwrite(fd, "c", 1, 2 * PAGE + 2) == 1);
    printf("  and file writes reach the grown part '%c'\n", g[PAGE + 2]);
    CHECK(munmap(g, 2 * PAGE) == 0 && close(fd) == 0);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    probe_init();
    anonymous();
    errors();
    shared();
    CHECK_SUMMARY();
    return 0;
}
