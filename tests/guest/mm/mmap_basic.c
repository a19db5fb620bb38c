/* mmap_basic - anonymous mappings, private and shared (across fork), lengths that are not
 * page multiples, MAP_FIXED over an existing mapping, MAP_FIXED_NOREPLACE (EEXIST, nothing
 * changed), hint addresses (used when free, rounded up to a page, moved when taken), partial
 * munmap and mprotect splitting a mapping, and the EINVAL/ENOMEM/EBADF cases of the mmap
 * family. Addresses are only ever printed relative to a range the test reserved. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/wait.h>
#include "mm_check.h"

static void anonymous_private(void)
{
    char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    printf("private anonymous: zero-filled %s\n", all_bytes(p, 0, 3 * PAGE) ? "yes" : "no");
    memset(p, 0xab, 3 * PAGE);
    printf("private anonymous: written and read back %s\n",
           all_bytes(p, 0xab, 3 * PAGE) ? "yes" : "no");

    /* A length that is not a page multiple covers the whole last page, and no more. */
    char *r = free_range(4 * PAGE);
    char *q = mmap(r, 5000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0);
    CHECK(q == r);
    printf("length 5000: last byte of 2nd page %s, first byte of 3rd page %s\n",
           probe(q + 2 * PAGE - 1, 1), probe(q + 2 * PAGE, 0));
    CHECK(munmap(q, 5000) == 0);
    CHECK(munmap(p, 3 * PAGE) == 0);
}

/* A child's writes reach the parent through MAP_SHARED and not through MAP_PRIVATE. */
static void anonymous_shared(void)
{
    int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED && priv != MAP_FAILED);
    shared[0] = priv[0] = 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        shared[0] = 42;
        priv[0] = 42;
        shared[1] = priv[1] = 7;
        _exit(0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    printf("after fork: child's write seen through MAP_SHARED %d %d, through MAP_PRIVATE %d %d\n",
           shared[0], shared[1], priv[0], priv[1]);
    CHECK(munmap(shared, PAGE) == 0 && munmap(priv, PAGE) == 0);
}

static void fixed_over_existing(void)
{
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 0x11, 4 * PAGE);
    char *q = mmap(p + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED over page 1 of 4: %s, at the address asked %s\n", map_result(q),
           q == p + PAGE ? "yes" : "no");
    printf("MAP_FIXED: replaced page zero-filled %s, neighbours kept %s %s\n",
           all_bytes(p + PAGE, 0, PAGE) ? "yes" : "no", all_bytes(p, 0x11, PAGE) ? "yes" : "no",
           all_bytes(p + 2 * PAGE, 0x11, 2 * PAGE) ? "yes" : "no");
    printf("MAP_FIXED: write to the new read-only page %s, to page 2 %s\n",
           probe(p + PAGE + 8, 1), probe(p + 2 * PAGE + 8, 1));
    CHECK(munmap(p, 4 * PAGE) == 0);
}

static void fixed_noreplace(void)
{
    char *r = free_range(8 * PAGE);
    char *p = mmap(r + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE on a free range: %s, at the address asked %s\n", map_result(p),
           p == r + 2 * PAGE ? "yes" : "no");
    memset(p, 0x22, 2 * PAGE);
    char *q = mmap(p, 2 * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE on the same range: %s\n", map_result(q));
    q = mmap(r + PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE overlapping the first page: %s\n", map_result(q));
    q = mmap(r + 3 * PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("MAP_FIXED_NOREPLACE overlapping the last page: %s\n", map_result(q));
    printf("after EEXIST: contents kept %s, page before %s, page after %s\n",
           all_bytes(p, 0x22, 2 * PAGE) ? "yes" : "no", probe(r + PAGE, 0),
           probe(r + 4 * PAGE, 0));
    q = mmap(r + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_FIXED, -1, 0);
    printf("MAP_FIXED_NOREPLACE|MAP_FIXED over a mapping: %s\n", map_result(q));
    CHECK(munmap(r, 8 * PAGE) == 0);
}

static void hints(void)
{
    char *r = free_range(16 * PAGE);
    char *p = mmap(r + 4 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    printf("hint on a free range: used %s\n", p == r + 4 * PAGE ? "yes" : "no");
    char *q = mmap(r + 8 * PAGE + 100, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    /* riscv64 Linux (mm/mmap.c generic_get_unmapped_area_topdown) rounds a hint up with
     * PAGE_ALIGN; x86_64 Linux rounds it down. */
    printf("unaligned hint: placed at the %s\n", q == r + 9 * PAGE   ? "next page up"
                                               : q == r + 8 * PAGE ? "page below"
                                                                   : "elsewhere");
    p[0] = 1;
    char *s = mmap(p, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("hint on a taken range: %s, placed elsewhere %s, old mapping kept %s\n",
           map_result(s), s + 2 * PAGE <= p || s >= p + PAGE ? "yes" : "no",
           p[0] == 1 ? "yes" : "no");
    char *low = mmap((void *)0x1000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("hint below mmap_min_addr: %s, at or above 64 KiB %s\n", map_result(low),
           (uintptr_t)low >= 0x10000 ? "yes" : "no");
    CHECK(munmap(s, 2 * PAGE) == 0 && munmap(low, PAGE) == 0);
    CHECK(munmap(r, 16 * PAGE) == 0);
}

static void split(void)
{
    char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 0x33, 3 * PAGE);
    CHECK(munmap(p + PAGE, PAGE) == 0);
    printf("munmap of the middle page: first %s, middle %s, last %s\n", probe(p + 10, 0),
           probe(p + PAGE + 10, 0), probe(p + 2 * PAGE + 10, 0));
    printf("munmap of the middle page: outer pages kept %s %s\n",
           all_bytes(p, 0x33, PAGE) ? "yes" : "no", all_bytes(p + 2 * PAGE, 0x33, PAGE) ? "yes" : "no");
    printf("munmap of the hole again: %s\n", call_result(munmap(p + PAGE, PAGE)));
    printf("munmap across the hole: %s;", call_result(munmap(p, 2 * PAGE)));
    printf(" first page then %s\n", probe(p, 0));

    char *m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED);
    memset(m, 0x44, 4 * PAGE);
    CHECK(mprotect(m + PAGE, 2 * PAGE, PROT_READ) == 0);
    printf("mprotect of pages 1-2 read-only: writes %s %s %s %s\n", probe(m, 1),
           probe(m + PAGE, 1), probe(m + 2 * PAGE + PAGE - 1, 1), probe(m + 3 * PAGE, 1));
    printf("mprotect read-only: reads %s, contents kept %s\n", probe(m + PAGE + 5, 0),
           m[PAGE + 5] == 0x44 && m[2 * PAGE] == 0x44 ? "yes" : "no");
    CHECK(mprotect(m, 4 * PAGE, PROT_READ | PROT_WRITE) == 0);
    printf("mprotect back to read-write: write %s\n", probe(m + 2 * PAGE, 1));
    CHECK(mprotect(m + 2 * PAGE, PAGE, PROT_NONE) == 0);
    printf("PROT_NONE page: read %s, write %s\n", probe(m + 2 * PAGE + 1, 0),
           probe(m + 2 * PAGE + 2, 1));
    CHECK(munmap(m, 4 * PAGE) == 0);
}

static void errors(void)
{
    char *r = free_range(4 * PAGE);
    printf("mmap length 0: %s\n",
           map_result(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
    printf("mmap neither shared nor private: %s\n",
           map_result(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0)));
    printf("mmap MAP_FIXED unaligned: %s\n",
           map_result(mmap(r + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)));
    printf("mmap file offset unaligned: %s\n",
           map_result(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 0, 100)));
    printf("mmap of a closed fd: %s\n",
           map_result(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 1000, 0)));
    printf("mmap huge length: %s\n",
           map_result(mmap(NULL, (size_t)1 << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
    printf("munmap unaligned: %s\n", call_result(munmap(r + 1, PAGE)));
    printf("munmap length 0: %s\n", call_result(munmap(r, 0)));
    printf("munmap of nothing: %s\n", call_result(munmap(r, PAGE)));
    printf("mprotect unaligned: %s\n", call_result(mprotect(r + 1, PAGE, PROT_READ)));
    printf("mprotect of nothing: %s\n", call_result(mprotect(r, PAGE, PROT_READ)));
    printf("mprotect length 0: %s\n", call_result(mprotect(r, 0, PROT_READ)));
    char *p = mmap(r, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(p == r);
    printf("mprotect bad prot bits: %s\n", call_result(mprotect(p, PAGE, 0x100)));
    printf("mprotect over a mapping and a hole: %s;",
           call_result(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE)));
    printf(" mapped part then %s\n", probe(p, 1));
    CHECK(munmap(r, 4 * PAGE) == 0);
}

int main(void)
{
    probe_init();
    anonymous_private();
    anonymous_shared();
    fixed_over_existing();
    fixed_noreplace();
    hints();
    split();
    errors();
    CHECK_SUMMARY();
    return 0;
}
