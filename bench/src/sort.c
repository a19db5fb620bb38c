/* sort.c - integer benchmark: sorting. A quicksort (median of three, insertion sort below 16
 * elements) over 64-bit keys, a bottom-up merge sort over 32-bit keys, and libc qsort with a
 * comparison callback (an indirect call per comparison). Prints checksums of the sorted arrays.
 * Size: number of elements (default 1,000,000). */
#include "bench_common.h"
#include <string.h>

static void insertion_sort_u64(uint64_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint64_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap_u64(uint64_t *x, uint64_t *y)
{
    uint64_t t = *x;
    *x = *y;
    *y = t;
}

static void quicksort_u64(uint64_t *a, long n)
{
    while (n > 16) {
        long mid = n / 2;
        if (a[mid] < a[0]) swap_u64(&a[mid], &a[0]);
        if (a[n - 1] < a[0]) swap_u64(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid]) swap_u64(&a[n - 1], &a[mid]);
        uint64_t pivot = a[mid];
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j)
                break;
            swap_u64(&a[i], &a[j]);
            i++;
            j--;
        }
        /* recurse into the smaller half, loop on the larger: the stack stays O(log n) */
        long left = j + 1;
        if (left < n - left) {
            quicksort_u64(a, left);
            a += left;
            n -= left;
        } else {
            quicksort_u64(a + left, n - left);
            n = left;
        }
    }
    insertion_sort_u64(a, n);
}

static void merge_sort_u32(uint32_t *a, uint32_t *tmp, long n)
{
    uint32_t *src = a, *dst = tmp;
    for (long width = 1; width < n; width *= 2) {
        for (long lo = 0; lo < n; lo += 2 * width) {
            long mid = lo + width < n ? lo + width : n;
            long hi = lo + 2 * width < n ? lo + 2 * width : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, (size_t)n * sizeof *a);
}

static int compare_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 1000000);
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    uint64_t *a = bench_alloc((size_t)n * sizeof *a);
    uint32_t *b = bench_alloc((size_t)n * sizeof *b), *tmp = bench_alloc((size_t)n * sizeof *tmp);
    long nq = n / 4;
    int32_t *c = bench_alloc((size_t)nq * sizeof *c);

    for (long i = 0; i < n; i++) {
        a[i] = rng_next(&seed);
        b[i] = (uint32_t)(rng_next(&seed) >> 32);
    }
    for (long i = 0; i < nq; i++)
        c[i] = (int32_t)(rng_next(&seed) >> 32) % 100000;

    quicksort_u64(a, n);
    merge_sort_u32(b, tmp, n);
    qsort(c, (size_t)nq, sizeof *c, compare_i32);

    uint64_t sum_a = 0, sum_b = 0, sum_c = 0;
    long unsorted = 0;
    for (long i = 0; i < n; i++) {
        sum_a = sum_a * 31 + a[i];
        sum_b = sum_b * 31 + b[i];
        if (i > 0 && (a[i - 1] > a[i] || b[i - 1] > b[i]))
            unsorted++;
    }
    for (long i = 0; i < nq; i++) {
        sum_c = sum_c * 31 + (uint32_t)c[i];
        if (i > 0 && c[i - 1] > c[i])
            unsorted++;
    }
    printf("sort n=%ld: quicksort %016llx mergesort %016llx qsort %016llx out-of-order %ld\n", n,
           (unsigned long long)sum_a, (unsigned long long)sum_b, (unsigned long long)sum_c, unsorted);
    return unsorted != 0;
}
