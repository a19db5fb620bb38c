/* memcpy.c - memory-bound benchmark: large block copies through libc memcpy, memmove (overlapping)
 * and memset over 32 MiB buffers, far past the caches. Prints a checksum of sampled bytes.
 * Size: the number of passes (default 40). */
#include "bench_common.h"
#include <string.h>

#define BUF_BYTES (32u << 20)

int main(int argc, char **argv)
{
    long passes = bench_size(argc, argv, 40);
    unsigned char *src = bench_alloc(BUF_BYTES), *dst = bench_alloc(BUF_BYTES);
    uint64_t seed = 3;
    for (size_t i = 0; i < BUF_BYTES; i += 8) {
        uint64_t r = rng_next(&seed);
        memcpy(src + i, &r, 8);
    }
    uint64_t sum = 0;
    for (long p = 0; p < passes; p++) {
        src[(size_t)p * 4099 % BUF_BYTES] ^= (unsigned char)p;   /* each pass copies new data */
        memcpy(dst, src, BUF_BYTES);
        if (p % 4 == 1)
            memmove(dst + 1 + p, dst, BUF_BYTES / 2);           /* overlapping, odd offset */
        if (p % 4 == 3)
            memset(dst + BUF_BYTES / 4, (int)p, BUF_BYTES / 2);
        for (size_t i = (size_t)p; i < BUF_BYTES; i += 4093)
            sum = sum * 131 + dst[i];
    }
    printf("memcpy %u MiB x %ld passes: checksum %016llx\n", BUF_BYTES >> 20, passes,
           (unsigned long long)sum);
    return 0;
}
