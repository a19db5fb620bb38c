/* growsdown - a MAP_GROWSDOWN mapping grows when a page below it is touched (the new pages
 * are zero-filled and the mapping in /proc/self/maps starts lower), but not into the stack
 * guard gap (256 pages) above an accessible mapping below it: that touch is SIGSEGV/MAPERR.
 * mprotect with PROT_GROWSDOWN applies down to the start of the grown mapping, and is EINVAL
 * on an ordinary mapping. The layout: one read-write page M at the bottom of a 2 MiB range,
 * then a hole, then the 4-page MAP_GROWSDOWN mapping at the top of the range. */
#define _GNU_SOURCE
#include <stdlib.h>
#include "mm_check.h"

#define RANGE (2UL << 20)
#define GUARD_GAP (256 * PAGE)

static char stdout_buf[8192];

/* The size in pages of the mapping holding a, from /proc/self/maps (0 if none). */
static long vma_pages(uintptr_t a, uintptr_t *start)
{
    uintptr_t s, e;
    char perms[5], name[256];
    if (!maps_find(a, &s, &e, perms, name))
        return 0;
    *start = s;
    return (long)((e - s) / PAGE);
}

int main(void)
{
    setvbuf(stdout, stdout_buf, _IOFBF, sizeof(stdout_buf));
    probe_init();
    char *r = mmap(NULL, RANGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(r != MAP_FAILED);
    CHECK(munmap(r + PAGE, RANGE - PAGE) == 0);
    char *m = mmap(r, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(m == r);
    char *top = r + RANGE;
    char *g = mmap(top - 4 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED, -1, 0);
    printf("MAP_GROWSDOWN mapping of 4 pages: %s\n", map_result(g));
    if (g == MAP_FAILED)
        return 1;
    memset(g, 0x21, 4 * PAGE);
    /* (printf's arguments are evaluated in no set order: each probe or maps lookup is done
     * into a variable first) */
    uintptr_t start = 0;
    long pages = vma_pages((uintptr_t)g, &start);
    printf("  in /proc/self/maps: %ld pages, starts where mapped %s\n", pages,
           start == (uintptr_t)g ? "yes" : "no");

    const char *what = probe(g - PAGE + 100, 1);
    printf("touch the page below it: %s\n", what);
    pages = vma_pages((uintptr_t)g, &start);
    printf("  mapping now %ld pages, starts a page lower %s; old pages kept %s\n", pages,
           start == (uintptr_t)(g - PAGE) ? "yes" : "no",
           all_bytes(g, 0x21, 4 * PAGE) ? "yes" : "no");
    if (strcmp(what, "ok") == 0)        /* a fault outside probe() would end the test */
        printf("  the new page otherwise zero %s\n",
               g[-PAGE] == 0 && all_bytes(g - PAGE + 101, 0, PAGE - 101) ? "yes" : "no");

    what = probe(g - 11 * PAGE, 0);
    pages = vma_pages((uintptr_t)g, &start);
    printf("touch 10 pages further down: %s; mapping now %ld pages\n", what, pages);

    char *in_gap = m + PAGE + GUARD_GAP / 2;
    what = probe(in_gap, 1);
    pages = vma_pages((uintptr_t)g, &start);
    printf("touch inside the guard gap above the page below: %s; mapping still %ld pages\n",
           what, pages);
    char *past_gap = m + PAGE + GUARD_GAP + 16 * PAGE;
    what = probe(past_gap, 1);
    pages = vma_pages((uintptr_t)g, &start);
    printf("touch just past the guard gap: %s; mapping reaches it %s\n", what,
           pages > 0 && start == (uintptr_t)past_gap ? "yes" : "no");

    /* PROT_GROWSDOWN: the change extends down to the (grown) start of the mapping. */
    int rc = mprotect(top - PAGE, PAGE, PROT_READ | PROT_GROWSDOWN);
    printf("mprotect(top page, PROT_READ|PROT_GROWSDOWN): %s\n", call_result(rc));
    printf("  write to the lowest page %s, to the original first page %s, read %s\n",
           probe(past_gap + 8, 1), probe(g + 8, 1), probe(g + 9, 0));
    rc = mprotect(m, PAGE, PROT_READ | PROT_GROWSDOWN);
    printf("PROT_GROWSDOWN on an ordinary mapping: %s; page then %s\n", call_result(rc),
           probe(m, 1));
    CHECK(munmap(r, RANGE) == 0);
    CHECK_SUMMARY();
    return 0;
}
