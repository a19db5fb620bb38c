/*
 * intmath.c - integer arithmetic through the compiler and libgcc: 64-bit and 32-bit
 * multiply/divide/modulo with signs and edges (only C-defined cases; the ISA-level
 * division-by-zero and overflow results are covered by tests/guest/asm/rv64m.S), 128-bit
 * arithmetic, bit tricks, byte swaps, modular exponentiation and hashes. Operands pass
 * through volatile variables so the guest computes them rather than the compiler.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static volatile int64_t vs[] = { 0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 1000000007, -1000000007,
    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 0x123456789abcdefLL,
    -0x123456789abcdefLL, INT32_MAX, INT32_MIN, (int64_t)UINT32_MAX, 1LL << 32 };
#define NV (sizeof(vs) / sizeof(vs[0]))

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    unsigned __int128 r = 1, x = b % m;
    while (e) {
        if (e & 1)
            r = r * x % m;
        x = x * x % m;
        e >>= 1;
    }
    return (uint64_t)r;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static unsigned popcount_slow(uint64_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static uint64_t bitrev64(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
    x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
    return __builtin_bswap64(x);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

int main(int argc, char **argv)
{
    (void)argv;
    printf("argc=%d\n", argc);

    /* every defined signed pair: / and % truncate toward zero, a == (a/b)*b + a%b */
    uint64_t h = 0;
    unsigned checked = 0;
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            int64_t a = vs[i], b = vs[j];
            if (b == 0 || (a == INT64_MIN && b == -1))
                continue;
            int64_t q = a / b, r = a % b;
            if (q * b + r != a || (r != 0 && (r < 0) != (a < 0)))
                printf("BAD signed %" PRId64 " / %" PRId64 "\n", a, b);
            uint64_t uq = (uint64_t)a / (uint64_t)b, ur = (uint64_t)a % (uint64_t)b;
            if (uq * (uint64_t)b + ur != (uint64_t)a || ur >= (uint64_t)b)
                printf("BAD unsigned %" PRIu64 " / %" PRIu64 "\n", (uint64_t)a, (uint64_t)b);
            h = mix(h, (uint64_t)q);
            h = mix(h, (uint64_t)r);
            h = mix(h, uq);
            h = mix(h, ur);
            h = mix(h, (uint64_t)a * (uint64_t)b);
            checked++;
        }
    printf("div/mod pairs checked: %u, hash %016" PRIx64 "\n", checked, h);

    volatile int64_t a = -7, b = 2;
    printf("-7/2=%" PRId64 " -7%%2=%" PRId64 " 7/-2=%" PRId64 " 7%%-2=%" PRId64 "\n",
           a / b, a % b, -a / -b, -a % -b);
    volatile uint64_t umax = UINT64_MAX;
    printf("UINT64_MAX/10=%" PRIu64 " %%10=%" PRIu64 "\n", umax / 10, umax % 10);
    volatile int64_t imin = INT64_MIN;
    printf("INT64_MIN/2=%" PRId64 " INT64_MIN%%3=%" PRId64 " INT64_MIN/INT64_MAX=%" PRId64 "\n",
           imin / 2, imin % 3, imin / INT64_MAX);

    /* 32-bit arithmetic */
    volatile int32_t x32 = INT32_MIN, y32 = 3;
    volatile uint32_t u32 = 0xffffffffu;
    printf("int32: %d %d %u %u %d\n", x32 / y32, x32 % y32, u32 / 7u, u32 % 7u,
           (int32_t)((uint32_t)x32 + (uint32_t)x32 + 5u));
    volatile int32_t s1 = -123456;
    printf("int32 shifts: %d %d %u %d\n", s1 >> 3, s1 >> 31, (uint32_t)s1 >> 28, (int32_t)((uint32_t)s1 << 12));

    /* 128-bit multiply and divide (mulh*, __divti3/__udivti3) */
    volatile uint64_t p = 0xfedcba9876543210ULL, q = 0x0123456789abcdefULL;
    unsigned __int128 prod = (unsigned __int128)p * q;
    printf("u128 product: %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)(prod >> 64), (uint64_t)prod);
    __int128 sprod = (__int128)(int64_t)p * (int64_t)q;
    printf("s128 product: %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)((unsigned __int128)sprod >> 64),
           (uint64_t)sprod);
    unsigned __int128 big = prod + 12345;
    unsigned __int128 bq = big / q, br = big % q;
    printf("u128 / q = %016" PRIx64 "%016" PRIx64 " rem %" PRIu64 "\n", (uint64_t)(bq >> 64), (uint64_t)bq,
           (uint64_t)br);
    __int128 sneg = -(__int128)big;
    __int128 sq = sneg / 1000000007, sr = sneg % 1000000007;
    printf("s128 / 1e9+7: hi %016" PRIx64 " lo %016" PRIx64 " rem %" PRId64 "\n",
           (uint64_t)((unsigned __int128)sq >> 64), (uint64_t)sq, (int64_t)sr);

    /* bit tricks */
    static const uint64_t bits[] = { 0, 1, 0x8000000000000000ULL, 0xffffffffffffffffULL,
        0x0123456789abcdefULL, 0x00f0000000000f00ULL, 0x100000000ULL, 0xaaaaaaaaaaaaaaaaULL };
    for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
        volatile uint64_t v = bits[i];
        unsigned clz = v ? (unsigned)__builtin_clzll(v) : 64;
        unsigned ctz = v ? (unsigned)__builtin_ctzll(v) : 64;
        unsigned pc = (unsigned)__builtin_popcountll(v);
        if (pc != popcount_slow(v))
            printf("BAD popcount\n");
        printf("%016" PRIx64 ": clz %2u ctz %2u pop %2u parity %d bswap %016" PRIx64 " rev %016" PRIx64
               " lowbit %016" PRIx64 " rotl13 %016" PRIx64 "\n",
               (uint64_t)v, clz, ctz, pc, __builtin_parityll(v), __builtin_bswap64(v), bitrev64(v),
               v & -v, (v << 13) | (v >> 51));
    }
    volatile uint32_t w = 0x12345678;
    printf("bswap32 %08x bswap16 %04x clz32 %d ctz32 %d\n", __builtin_bswap32(w),
           __builtin_bswap16((uint16_t)w), __builtin_clz(w), __builtin_ctz(w));

    /* overflow-checking builtins */
    int64_t r64;
    int ov1 = __builtin_add_overflow((int64_t)vs[12], (int64_t)1, &r64);
    int ov2 = __builtin_mul_overflow((int64_t)vs[16], (int64_t)vs[16], &r64);
    uint64_t ru;
    int ov3 = __builtin_sub_overflow((uint64_t)0, (uint64_t)vs[1], &ru);
    int ov4 = __builtin_mul_overflow((int64_t)3037000499LL, (int64_t)3037000499LL, &r64);
    printf("overflow: %d %d %d %d (%" PRId64 ")\n", ov1, ov2, ov3, ov4, r64);

    /* number theory */
    printf("powmod(2, 1e18, 1e9+7) = %" PRIu64 "\n", powmod(2, 1000000000000000000ULL, 1000000007));
    printf("powmod(3, 2^64-1, 2^61-1) = %" PRIu64 "\n", powmod(3, UINT64_MAX, (1ULL << 61) - 1));
    printf("gcd(2^40*3^5, 2^35*3^7*5) = %" PRIu64 "\n",
           gcd((1ULL << 40) * 243, (1ULL << 35) * 2187 * 5));
    uint64_t collatz_max = 0, collatz_arg = 0;
    for (uint64_t n = 1; n < 3000; n++) {
        uint64_t steps = 0;
        for (uint64_t m = n; m != 1; steps++)
            m = (m & 1) ? 3 * m + 1 : m / 2;
        if (steps > collatz_max) {
            collatz_max = steps;
            collatz_arg = n;
        }
    }
    printf("longest Collatz chain below 3000: %" PRIu64 " (%" PRIu64 " steps)\n", collatz_arg, collatz_max);
    printf("fnv1a(\"crossrun\") = %016" PRIx64 "\n", fnv1a("crossrun"));

    /* a linear congruential generator and an xorshift, 1e5 steps each */
    uint64_t lcg = 42, xs = 88172645463325252ULL;
    uint32_t lcg32 = 1;
    for (int i = 0; i < 100000; i++) {
        lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
        xs ^= xs << 13;
        xs ^= xs >> 7;
        xs ^= xs << 17;
        lcg32 = lcg32 * 1103515245u + 12345u;
    }
    printf("lcg %016" PRIx64 " xorshift %016" PRIx64 " lcg32 %08x\n", lcg, xs, lcg32);

    /* char signedness and integer conversions */
    volatile int big_i = 300, neg_i = -1;
    printf("conversions: %d %u %d %u %lld %llu\n", (signed char)big_i, (unsigned char)big_i,
           (short)70000, (unsigned short)neg_i, (long long)(int)0x80000000u,
           (unsigned long long)(unsigned)neg_i);
    printf("sizeof: char %zu short %zu int %zu long %zu llong %zu ptr %zu char_signed %d\n",
           sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(long long), sizeof(void *),
           (char)-1 < 0);
    return 0;
}
