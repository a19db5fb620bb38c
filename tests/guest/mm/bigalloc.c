/* bigalloc - large mappings cost only the pages touched: 1 GiB with MAP_NORESERVE and 1 GiB
 * without, a few pages touched at the start, middle and end (zero before, kept after),
 * moved and grown to 2 GiB with mremap (the touched pages move along), a 512 MiB malloc
 * (glibc maps it), and the resident set stays small throughout (/proc/self/statm). */
#define _GNU_SOURCE
#include <stdlib.h>
#include "mm_check.h"

#define GIB (1UL << 30)

/* Resident pages from /proc/self/statm (-1 if unreadable). */
static long resident_pages(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size, rss;
    if (!f)
        return -1;
    int n = fscanf(f, "%ld %ld", &size, &rss);
    fclose(f);
    return n == 2 ? rss : -1;
}

/* Touches 3 pages of p (len bytes): first, middle, last. 1 if they were zero before. */
static int touch_three(char *p, size_t len, char value)
{
    size_t at[3] = { 0, len / 2, len - PAGE };
    int zero = 1;
    for (int i = 0; i < 3; i++) {
        zero &= p[at[i]] == 0 && p[at[i] + PAGE - 1] == 0;
        p[at[i]] = value;
        p[at[i] + PAGE - 1] = (char)(value + 1);
    }
    return zero;
}

static int kept_three(const char *p, size_t len, char value)
{
    size_t at[3] = { 0, len / 2, len - PAGE };
    int ok = 1;
    for (int i = 0; i < 3; i++)
        ok &= p[at[i]] == value && p[at[i] + PAGE - 1] == (char)(value + 1);
    return ok;
}

int main(void)
{
    long before = resident_pages();
    char *a = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    printf("1 GiB MAP_NORESERVE: %s\n", map_result(a));
    if (a == MAP_FAILED)
        return 1;
    int zero = touch_three(a, GIB, 11);
    printf("  three pages zero before %s, kept after %s\n", zero ? "yes" : "no",
           kept_three(a, GIB, 11) ? "yes" : "no");

    char *b = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("1 GiB without MAP_NORESERVE: %s\n", map_result(b));
    if (b != MAP_FAILED) {
        zero = touch_three(b, GIB, 21);
        printf("  three pages zero before %s, kept after %s\n", zero ? "yes" : "no",
               kept_three(b, GIB, 21) ? "yes" : "no");
        CHECK(munmap(b, GIB) == 0);
    }

    char *c = mremap(a, GIB, 2 * GIB, MREMAP_MAYMOVE);
    printf("mremap of the first to 2 GiB: %s\n", map_result(c));
    if (c != MAP_FAILED) {
        printf("  touched pages moved along %s, the new half zero at its ends %s\n",
               kept_three(c, GIB, 11) ? "yes" : "no",
               c[GIB] == 0 && c[2 * GIB - 1] == 0 ? "yes" : "no");
        c[2 * GIB - 1] = 5;
        a = c;
    }

    char *m = malloc(GIB / 2);
    printf("malloc(512 MiB): %s\n", m ? "ok" : "failed");
    if (m) {
        zero = touch_three(m, GIB / 2, 31);
        printf("  three pages zero before %s, kept after %s\n", zero ? "yes" : "no",
               kept_three(m, GIB / 2, 31) ? "yes" : "no");
        free(m);
    }
    long during = resident_pages();
    printf("resident set grew by less than 64 MiB: %s\n",
           before > 0 && during > 0 && during - before < (long)((64UL << 20) / PAGE) ? "yes"
                                                                                    : "no");
    CHECK(munmap(a, c != MAP_FAILED ? 2 * GIB : GIB) == 0);
    CHECK_SUMMARY();
    return 0;
}
