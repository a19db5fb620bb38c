/* bench_common.h - what every benchmark kernel in bench/src shares: a deterministic
 * pseudo-random generator and the size argument.
 *
 * Invariant: every kernel prints the same bytes on x86_64 and riscv64. So no long double (80-bit
 * on x86_64, 128-bit on riscv64), no plain char arithmetic (signed on x86_64, unsigned on
 * riscv64), no libm transcendental functions (their last bits differ between builds), and the
 * kernels are compiled with -ffp-contract=off (riscv64 gcc would otherwise fuse a*b+c into fmadd).
 * sqrt, + - * / are IEEE correctly rounded on both, so floating-point results match exactly. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* xorshift64*: small, fast, the same sequence everywhere. state must not be 0. */
static inline uint64_t rng_next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* A double uniformly in [0, 1) from the top 53 bits. */
static inline double rng_unit(uint64_t *state)
{
    return (double)(rng_next(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* The size argument: argv[1] as a positive integer, or dflt when absent. Exits 2 on nonsense. */
static inline long bench_size(int argc, char **argv, long dflt)
{
    if (argc < 2)
        return dflt;
    char *end;
    long v = strtol(argv[1], &end, 10);
    if (*end != '\0' || v <= 0) {
        fprintf(stderr, "%s: size must be a positive integer, not '%s'\n", argv[0], argv[1]);
        exit(2);
    }
    return v;
}

static inline void *bench_alloc(size_t bytes)
{
    void *p = malloc(bytes);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
        exit(1);
    }
    return p;
}

#endif
