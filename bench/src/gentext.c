/* gentext.c - writes the input of the compression benchmark (a host tool, built natively into
 * build/bench/): SIZE_KIB KiB of deterministic pseudo-text on stdout. Words come from a generated
 * vocabulary with a skewed (roughly Zipf) choice, mixed with numbers and punctuation, so xz finds
 * both long matches and literal-heavy stretches (it compresses about 3-4 to 1).
 *   gentext SIZE_KIB */
#include "bench_common.h"
#include <string.h>

#define VOCABULARY 4096

int main(int argc, char **argv)
{
    long kib = bench_size(argc, argv, 4096);
    static char words[VOCABULARY][16];
    uint64_t seed = 2024;
    static const char letters[] = "etaoinshrdlucmfwypvbgkjqxz";
    for (int w = 0; w < VOCABULARY; w++) {
        int len = 2 + (int)(rng_next(&seed) % 9);
        for (int i = 0; i < len; i++) {
            /* favour frequent letters: the minimum of two uniform picks */
            int a = (int)(rng_next(&seed) % 26), b = (int)(rng_next(&seed) % 26);
            words[w][i] = letters[a < b ? a : b];
        }
        words[w][len] = '\0';
    }
    long want = kib * 1024, written = 0, col = 0;
    char buf[64];
    while (written < want) {
        uint64_t r = rng_next(&seed);
        /* skewed index: the product of two uniforms favours small indexes */
        uint32_t idx = (uint32_t)((((r >> 40) & 0xFFF) * ((r >> 20) & 0xFFF)) >> 12) % VOCABULARY;
        int n;
        if (r % 23 == 0)
            n = snprintf(buf, sizeof buf, "%u", (unsigned)(r >> 48) % 100000);
        else
            n = snprintf(buf, sizeof buf, "%s", words[idx]);
        if (r % 11 == 0)
            buf[n++] = r % 3 ? ',' : '.';
        buf[n++] = ' ';
        col += n;
        if (col > 72) {
            buf[n - 1] = '\n';
            col = 0;
        }
        if (written + n > want)
            n = (int)(want - written);
        fwrite(buf, 1, (size_t)n, stdout);
        written += n;
    }
    return 0;
}
