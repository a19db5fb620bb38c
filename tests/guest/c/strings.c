/*
 * strings.c - the string and memory functions of glibc at many sizes and alignments:
 * strlen/strnlen/strchr/strrchr/strcmp/strncmp/strcpy/strncpy/strcat/strstr/memchr/memcmp/
 * memcpy/memmove (both overlap directions)/memset, each checked against a byte-at-a-time
 * reference, plus sprintf/sscanf/strtol/strtok/qsort-free string utilities. Prints counts
 * and checksums only, so the output is independent of addresses.
 */
/* strncpy without a terminator is exactly what is being tested */
#pragma GCC diagnostic ignored "-Wstringop-truncation"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 8192
static unsigned char src_buf[BUF + 64], dst_buf[BUF + 64], ref_buf[BUF + 64];
static unsigned failures;

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)(seed >> 16) | 1;     /* never NUL */
    }
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void expect(int cond, const char *what, size_t a, size_t b, size_t c)
{
    if (!cond) {
        if (failures < 10)
            printf("FAIL %s (%zu, %zu, %zu)\n", what, a, b, c);
        failures++;
    }
}

static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100,
                                127, 128, 129, 255, 256, 257, 1000, 4095, 4096, 4097, 8000 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

int main(void)
{
    unsigned tests = 0;
    uint32_t sum = 0;

    /* memcpy / memset / memcmp / memchr over all alignment pairs */
    for (size_t si = 0; si < NSIZES; si++) {
        size_t n = sizes[si];
        for (size_t sa = 0; sa < 16; sa += (n > 300 ? 5 : 1))
            for (size_t da = 0; da < 16; da += (n > 300 ? 3 : 1)) {
                fill(src_buf, sa + n + 32, (unsigned)(n * 31 + sa));
                memset(dst_buf, 0xee, sizeof dst_buf);
                memcpy(dst_buf + da, src_buf + sa, n);
                int ok = memcmp(dst_buf + da, src_buf + sa, n) == 0;
                for (size_t i = 0; i < n && ok; i++)
                    ok = dst_buf[da + i] == src_buf[sa + i];
                expect(ok, "memcpy", n, sa, da);
                expect(dst_buf[da + n] == 0xee && (da == 0 || dst_buf[da - 1] == 0xee), "memcpy bounds", n, sa,
                       da);
                if (n) {
                    unsigned char saved = dst_buf[da + n - 1];
                    unsigned char other = saved == 0xff ? 0x00 : 0xff;     /* bytes compare unsigned */
                    dst_buf[da + n - 1] = other;
                    int cmp = memcmp(dst_buf + da, src_buf + sa, n);
                    expect(other > saved ? cmp > 0 : cmp < 0, "memcmp order", n, sa, da);
                    dst_buf[da + n - 1] = saved;
                    dst_buf[da + n / 2] = 0;
                    expect(memchr(dst_buf + da, 0, n) == dst_buf + da + n / 2, "memchr", n, sa, da);
                }
                memset(dst_buf + da, (int)(n & 0xff), n);
                int mok = 1;
                for (size_t i = 0; i < n && mok; i++)
                    mok = dst_buf[da + i] == (unsigned char)n;
                expect(mok && dst_buf[da + n] == 0xee, "memset", n, sa, da);
                tests++;
            }
        sum ^= checksum(dst_buf, BUF) + (uint32_t)n;
    }
    printf("memcpy/memset/memcmp/memchr: %u cases, checksum %08x\n", tests, sum);

    /* memmove: forward and backward overlaps by various distances */
    tests = 0;
    sum = 0;
    for (size_t si = 0; si < NSIZES; si++) {
        size_t n = sizes[si];
        if (n > 4200)
            continue;
        static const int shifts[] = { -33, -17, -8, -7, -3, -1, 0, 1, 2, 5, 8, 9, 16, 31, 64 };
        for (unsigned k = 0; k < sizeof(shifts) / sizeof(shifts[0]); k++) {
            int s = shifts[k];
            size_t base = 100;
            fill(dst_buf, 100 + n + 100, (unsigned)(n + 7 * k));
            memcpy(ref_buf, dst_buf, sizeof dst_buf);
            memmove(dst_buf + base + s, dst_buf + base, n);
            /* reference: through a temporary */
            unsigned char *tmp = malloc(n + 1);
            memcpy(tmp, ref_buf + base, n);
            for (size_t i = 0; i < n; i++)
                ref_buf[base + s + i] = tmp[i];
            free(tmp);
            expect(memcmp(dst_buf, ref_buf, sizeof dst_buf) == 0, "memmove", n, (size_t)k, 0);
            sum = sum * 31 + checksum(dst_buf, base + n + 70);
            tests++;
        }
    }
    printf("memmove: %u cases, checksum %08x\n", tests, sum);

    /* strlen / strcpy / strcat / strchr / strrchr / strcmp at every alignment */
    tests = 0;
    sum = 0;
    for (size_t si = 0; si < NSIZES; si++) {
        size_t n = sizes[si];
        if (n > 4200)
            continue;
        for (size_t sa = 0; sa < 16; sa++) {
            char *s = (char *)src_buf + sa;
            fill(src_buf, sa + n + 32, (unsigned)(n + sa));
            s[n] = 0;
            expect(strlen(s) == n, "strlen", n, sa, 0);
            expect(strnlen(s, n / 2) == n / 2, "strnlen", n, sa, 0);
            size_t da = (sa * 7) % 16;
            char *d = (char *)dst_buf + da;
            memset(dst_buf, 'x', sizeof dst_buf);
            expect(strcpy(d, s) == d && strcmp(d, s) == 0 && d[n] == 0 && d[n + 1] == 'x', "strcpy", n, sa, da);
            strcat(d, "tail");
            expect(strlen(d) == n + 4 && strcmp(d + n, "tail") == 0, "strcat", n, sa, da);
            if (n > 2) {
                char c = s[n - 1];
                char *want = s;
                while (*want != c)
                    want++;
                expect(strchr(s, c) == want, "strchr", n, sa, 0);
                expect(strrchr(s, c) == s + n - 1, "strrchr", n, sa, 0);
                expect(strchr(s, 0) == s + n, "strchr nul", n, sa, 0);
                d[n - 2] = (char)(d[n - 2] ^ 0x80);     /* still not NUL; chars compare unsigned */
                int up = (unsigned char)d[n - 2] > (unsigned char)s[n - 2];
                expect(up ? strcmp(d, s) > 0 && strcmp(s, d) < 0 : strcmp(d, s) < 0 && strcmp(s, d) > 0,
                       "strcmp", n, sa, da);
                expect(strncmp(d, s, n - 2) == 0 && strncmp(d, s, n - 1) != 0, "strncmp", n, sa, da);
            }
            memset(dst_buf, 'y', sizeof dst_buf);
            strncpy(d, s, n + 5);
            expect(memcmp(d, s, n) == 0 && d[n] == 0 && d[n + 4] == 0 && d[n + 5] == 'y', "strncpy pad", n, sa,
                   da);
            sum = sum * 33 + checksum((unsigned char *)s, n);
            tests++;
        }
    }
    printf("str*: %u cases, checksum %08x\n", tests, sum);

    /* strstr / memmem */
    static const char hay[] = "the quick brown fox jumps over the lazy dog; the end of the quick test";
    static const char *needles[] = { "the", "quick", "dog;", "test", "", "xyz", "the end", "e", "t",
        "fox jumps over the lazy", "quick test", "quick testx" };
    for (unsigned i = 0; i < sizeof(needles) / sizeof(needles[0]); i++) {
        const char *p = strstr(hay, needles[i]);
        printf("strstr(\"%s\") = %ld\n", needles[i], p ? (long)(p - hay) : -1L);
    }
    /* a long needle in a long haystack */
    char *big = malloc(100001);
    for (int i = 0; i < 100000; i++)
        big[i] = (char)('a' + (i % 7 == 6));
    big[100000] = 0;
    memcpy(big + 99000, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaac", 30);
    const char *found = strstr(big, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaac");
    printf("long strstr at %ld\n", found ? (long)(found - big) : -1L);
    free(big);

    /* sprintf / sscanf / strtol / strtoul / atoi / strtok / toupper */
    char buf[256];
    int len = sprintf(buf, "%s|%10s|%-6s|%.3s|%c|%5.1f|%08x|%+d|%ld", "abc", "right", "left", "truncate", 'Z',
                      2.25, 0xbeef, 17, -123456789012L);
    printf("sprintf (%d): %s\n", len, buf);
    int i1;
    unsigned u1;
    double d1;
    char w1[32];
    int got = sscanf("  -42 0x1f 3.5e2 word rest", "%d %x %lf %31s", &i1, &u1, &d1, w1);
    printf("sscanf: %d -> %d %u %g %s\n", got, i1, u1, d1, w1);
    char *end;
    long l1 = strtol("  -0x7fffffff zz", &end, 16);
    printf("strtol: %ld rest \"%s\"\n", l1, end);
    printf("strtol base 0: %ld %ld %ld, strtoul %lu, atoi %d\n", strtol("0755", NULL, 0), strtol("0x10", NULL, 0),
           strtol("99", NULL, 0), strtoul("18446744073709551615", NULL, 10), atoi("  12abc"));
    char list[] = "alpha,beta,,gamma;delta";
    int count = 0;
    for (char *tok = strtok(list, ",;"); tok; tok = strtok(NULL, ",;"))
        printf("tok[%d]=%s%s", count++, tok, tok[0] == 'd' ? "\n" : " ");
    char word[] = "Mixed Case 123!";
    for (char *p = word; *p; p++)
        *p = (char)(islower((unsigned char)*p) ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
    printf("swapped case: %s\n", word);
    char *dup = strdup("duplicate me");
    printf("strdup: %s, strspn %zu, strcspn %zu, strpbrk %s\n", dup, strspn(dup, "dupl"), strcspn(dup, " "),
           strpbrk(dup, "ae"));
    free(dup);

    printf("%s: %u failures\n", failures ? "FAILED" : "all good", failures);
    return failures != 0;
}
