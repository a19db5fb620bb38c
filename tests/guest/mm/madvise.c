/* madvise - MADV_DONTNEED zero-fills private anonymous pages (only those in the range), keeps
 * the contents of shared anonymous and shared file pages, and drops the private copies of a
 * MAP_PRIVATE file mapping (the file's bytes show again); a range with a hole gives ENOMEM
 * after advising the mapped part; MADV_DONTFORK and MADV_WIPEONFORK as a child sees them;
 * the plain hints are accepted; bad arguments give EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "mm_check.h"

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#endif

/* "11 0 0 14": the first byte of each page ("!" after it if the page is not uniform). */
static void show_pages(const char *what, const char *p, int pages)
{
    printf("%s:", what);
    for (int i = 0; i < pages; i++)
        printf(" %d%s", p[i * PAGE], all_bytes(p + i * PAGE, p[i * PAGE], PAGE) ? "" : "!");
    printf("\n");
}

static void fill_pages(char *p, int pages, int base)
{
    for (int i = 0; i < pages; i++)
        memset(p + i * PAGE, base + i, PAGE);
}

static void anonymous(void)
{
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    fill_pages(p, 4, 11);
    printf("MADV_DONTNEED on pages 1-2 of a private anonymous mapping: %s\n",
           call_result(madvise(p + PAGE, 2 * PAGE, MADV_DONTNEED)));
    show_pages("  pages", p, 4);
    p[PAGE] = 5;
    printf("  written again: %d\n", p[PAGE]);

    char *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED);
    fill_pages(s, 2, 31);
    printf("MADV_DONTNEED on a shared anonymous mapping: %s\n",
           call_result(madvise(s, 2 * PAGE, MADV_DONTNEED)));
    show_pages("  pages", s, 2);

    /* The mapped part of a range with a hole is still advised. */
    fill_pages(p, 4, 41);
    CHECK(munmap(p + 3 * PAGE, PAGE) == 0);
    printf("MADV_DONTNEED over pages 2-3 where page 3 is a hole: %s\n",
           call_result(madvise(p + 2 * PAGE, 2 * PAGE, MADV_DONTNEED)));
    show_pages("  pages", p, 3);
    CHECK(munmap(p, 3 * PAGE) == 0 && munmap(s, 2 * PAGE) == 0);
}

static void files(void)
{
    char dir[] = "/tmp/crossrun-mm-madvise.XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/file", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    char buf[2 * PAGE];
    fill_pages(buf, 2, 51);
    CHECK(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));

    char *sh = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(sh != MAP_FAILED);
    memset(sh, 61, PAGE);
    printf("MADV_DONTNEED on a shared file mapping after writing page 0: %s\n",
           call_result(madvise(sh, 2 * PAGE, MADV_DONTNEED)));
    show_pages("  pages", sh, 2);
    char c = 0;
    CHECK(pread(fd, &c, 1, 5) == 1);
    printf("  the file has the write: %d\n", c);

    char *pr = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(pr != MAP_FAILED);
    memset(pr + PAGE, 71, PAGE);
    show_pages("private file mapping after writing page 1", pr, 2);
    printf("MADV_DONTNEED on it: %s\n", call_result(madvise(pr, 2 * PAGE, MADV_DONTNEED)));
    show_pages("  pages", pr, 2);
    CHECK(munmap(sh, 2 * PAGE) == 0 && munmap(pr, 2 * PAGE) == 0 && close(fd) == 0);
    unlink(path);
    rmdir(dir);
}

static void fork_advice(void)
{
    probe_init();
    char *dontfork = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *wipe = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(dontfork != MAP_FAILED && wipe != MAP_FAILED);
    dontfork[0] = 1;
    wipe[0] = 2;
    printf("MADV_DONTFORK: %s, MADV_WIPEONFORK: %s\n",
           call_result(madvise(dontfork, PAGE, MADV_DONTFORK)),
           call_result(madvise(wipe, PAGE, MADV_WIPEONFORK)));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        printf("  in the child: MADV_DONTFORK page %s,", probe(dontfork, 0));
        printf(" MADV_WIPEONFORK page holds %d\n", wipe[0]);
        fflush(stdout);
        _exit(0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    printf("  in the parent: %d %d\n", dontfork[0], wipe[0]);
    CHECK(munmap(dontfork, PAGE) == 0 && munmap(wipe, PAGE) == 0);
}

static void errors(void)
{
    char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    static const struct { int advice; const char *name; } hints[] = {
        { MADV_NORMAL, "MADV_NORMAL" }, { MADV_RANDOM, "MADV_RANDOM" },
        { MADV_SEQUENTIAL, "MADV_SEQUENTIAL" }, { MADV_WILLNEED, "MADV_WILLNEED" },
        { MADV_DOFORK, "MADV_DOFORK" }, { MADV_FREE, "MADV_FREE" },
    };
    printf("hints:");
    for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
        printf(" %s %s", hints[i].name, call_result(madvise(p, 2 * PAGE, hints[i].advice)));
    printf("\n");
    printf("unknown advice: %s\n", call_result(madvise(p, PAGE, 999)));
    printf("unaligned address: %s\n", call_result(madvise(p + 1, PAGE, MADV_DONTNEED)));
    printf("length 0: %s\n", call_result(madvise(p, 0, MADV_DONTNEED)));
    CHECK(munmap(p, 2 * PAGE) == 0);
    printf("unmapped range: %s\n", call_result(madvise(p, PAGE, MADV_DONTNEED)));
}

int main(void)
{
    anonymous();
    files();
    fork_advice();
    errors();
    CHECK_SUMMARY();
    return 0;
}
