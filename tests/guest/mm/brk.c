/* brk - the program break: sbrk grows it (new memory zero-filled and writable), shrinks it
 * (the pages above become inaccessible) and grows it again (zero-filled again, the old bytes
 * are gone); brk(0) and sbrk(0) query; brk below the start of the heap and brk over another
 * mapping fail and leave the break where it was; unaligned breaks round the mapping up to a
 * page. The raw system call is used next to glibc's wrappers, since it reports failure by
 * returning the old break. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include "mm_check.h"

static uintptr_t raw_brk(uintptr_t to)
{
    return (uintptr_t)syscall(SYS_brk, to);
}

static char stdout_buf[8192];

int main(void)
{
    /* Nothing may call malloc while the test moves the break under it: stdout gets a static
     * buffer, and only printf's simple conversions are used. */
    setvbuf(stdout, stdout_buf, _IOFBF, sizeof(stdout_buf));
    probe_init();
    /* Start on a page boundary so that the page arithmetic below is exact. */
    uintptr_t start = raw_brk(0);
    uintptr_t aligned = (start + PAGE - 1) & ~(PAGE - 1);
    CHECK(raw_brk(aligned) == aligned);
    char *base = sbrk(0);
    printf("sbrk(0) == brk(0): %s\n", (uintptr_t)base == raw_brk(0) ? "yes" : "no");

    char *old = sbrk(3 * PAGE);
    printf("sbrk(+3 pages) returns the old break: %s; new break +3 pages: %s\n",
           old == base ? "yes" : "no", (char *)sbrk(0) == base + 3 * PAGE ? "yes" : "no");
    printf("grown memory zero-filled: %s\n", all_bytes(base, 0, 3 * PAGE) ? "yes" : "no");
    memset(base, 0x7e, 3 * PAGE);
    printf("writable: %s\n", all_bytes(base, 0x7e, 3 * PAGE) ? "yes" : "no");

    CHECK(sbrk(-2 * (intptr_t)PAGE) == base + 3 * PAGE);
    printf("sbrk(-2 pages): break +1 page %s; page 0 %s, page 1 %s, page 2 %s\n",
           (char *)sbrk(0) == base + PAGE ? "yes" : "no", probe(base + 10, 0),
           probe(base + PAGE + 10, 0), probe(base + 2 * PAGE, 1));
    CHECK(sbrk(2 * PAGE) == base + PAGE);
    printf("grown again: page 0 kept %s, pages 1-2 zero-filled again %s\n",
           all_bytes(base, 0x7e, PAGE) ? "yes" : "no",
           all_bytes(base + PAGE, 0, 2 * PAGE) ? "yes" : "no");

    /* An unaligned break maps its whole last page; the page after stays unmapped. */
    CHECK(raw_brk((uintptr_t)base + 3 * PAGE + 100) == (uintptr_t)base + 3 * PAGE + 100);
    printf("brk to +3 pages+100: brk(0) exact %s, last byte of that page %s, next page %s\n",
           raw_brk(0) == (uintptr_t)base + 3 * PAGE + 100 ? "yes" : "no",
           probe(base + 4 * PAGE - 1, 1), probe(base + 4 * PAGE, 1));
    CHECK(raw_brk((uintptr_t)base + 4 * PAGE) == (uintptr_t)base + 4 * PAGE);

    uintptr_t before = raw_brk(0);
    printf("brk below the start of the heap: returns the old break %s\n",
           raw_brk(start - 64 * PAGE) == before ? "yes" : "no");

    /* Another mapping right above the break blocks growing into it. */
    char *wall = mmap(base + 6 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("mapping 2 pages above the break: %s\n", map_result(wall));
    if (wall != MAP_FAILED) {
        wall[0] = 9;
        /* Linux keeps a page between the break and the next mapping (mm/mmap.c, brk). */
        printf("brk up to the mapping: %s\n",
               raw_brk((uintptr_t)base + 6 * PAGE) == (uintptr_t)base + 6 * PAGE ? "ok" : "refused");
        printf("brk to one page below it: %s\n",
               raw_brk((uintptr_t)base + 5 * PAGE) == (uintptr_t)base + 5 * PAGE ? "ok" : "refused");
        printf("brk over the mapping: %s; mapping kept %s\n",
               raw_brk((uintptr_t)base + 8 * PAGE) == (uintptr_t)base + 8 * PAGE ? "ok" : "refused",
               wall[0] == 9 ? "yes" : "no");
        errno = 0;
        void *r = sbrk(4 * PAGE);
        printf("sbrk over the mapping: %s\n", r == (void *)-1 ? err_name(errno) : "ok");
        CHECK(munmap(wall, PAGE) == 0);
        printf("after munmap of the mapping, brk over its place: %s\n",
               raw_brk((uintptr_t)base + 8 * PAGE) == (uintptr_t)base + 8 * PAGE ? "ok" : "failed");
        printf("  where it was: %s\n", probe(base + 6 * PAGE, 1));
    }
    CHECK(raw_brk(aligned) == aligned);
    printf("back to the start: brk(0) %s, first page %s\n", raw_brk(0) == aligned ? "ok" : "wrong",
           probe(base, 0));

    /* malloc still works (glibc's main arena uses brk) */
    char *m = malloc(100000);
    CHECK(m != NULL);
    memset(m, 1, 100000);
    free(m);
    CHECK_SUMMARY();
    return 0;
}
