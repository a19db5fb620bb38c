/* recurse.c - integer benchmark: recursion. Naive Fibonacci, Ackermann(2, n), an N-queens count
 * with bit masks, and a recursive permutation walk, all through real calls (noinline).
 * Size: the number of rounds, each a mix of the four with varying arguments (default 40). */
#include "bench_common.h"

static __attribute__((noinline)) uint64_t fib(int n)
{
    return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2);
}

static __attribute__((noinline)) uint64_t ackermann(uint64_t m, uint64_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static __attribute__((noinline)) long queens(int n, uint32_t cols, uint32_t diag1, uint32_t diag2)
{
    uint32_t all = (1u << n) - 1;
    if (cols == all)
        return 1;
    long count = 0;
    uint32_t free = all & ~(cols | diag1 | diag2);
    while (free) {
        uint32_t bit = free & -free;
        free -= bit;
        count += queens(n, cols | bit, (diag1 | bit) << 1, (diag2 | bit) >> 1);
    }
    return count;
}

/* visits every permutation of a[k..n) by swapping; returns a position-weighted checksum */
static __attribute__((noinline)) uint64_t permute(int *a, int k, int n)
{
    if (k == n) {
        uint64_t h = 0;
        for (int i = 0; i < n; i++)
            h = h * 7 + (uint64_t)a[i];
        return h;
    }
    uint64_t sum = 0;
    for (int i = k; i < n; i++) {
        int t = a[k]; a[k] = a[i]; a[i] = t;
        sum += permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
    return sum;
}

int main(int argc, char **argv)
{
    long rounds = bench_size(argc, argv, 40);
    uint64_t f = 0, a = 0, p = 0;
    long q = 0;
    int perm[8];
    for (long r = 0; r < rounds; r++) {
        /* each round's arguments differ, so no call can be hoisted out of the loop */
        f += fib(24 + (int)(r % 4));
        for (int i = 0; i < 4; i++)
            a += ackermann(2, (uint64_t)(300 + r % 50 + i));
        q += queens(8 + (int)(r % 3), 0, 0, 0);
        for (int i = 0; i < 8; i++)
            perm[i] = (int)((i * 5 + r) % 8);
        p += permute(perm, 0, 8);
    }
    printf("recurse rounds=%ld: fib %llu ackermann %llu queens %ld permutations %llu\n", rounds,
           (unsigned long long)f, (unsigned long long)a, q, (unsigned long long)p);
    return 0;
}
