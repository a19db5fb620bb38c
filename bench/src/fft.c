/* fft.c - floating-point benchmark: iterative radix-2 complex FFT. Twiddle factors come from our
 * own Taylor series (only + * /, so every IEEE machine computes the same bits), then a signal is
 * transformed forward and back repeatedly; prints the round-trip error and a spectrum checksum.
 * Size: the number of forward+inverse round trips over 2^16 points (default 40). */
#include "bench_common.h"

#define LOG2N 16
#define N (1 << LOG2N)

static const double PI = 3.14159265358979323846;

/* sin and cos of x in [-pi, pi] by Taylor series; 30 terms is past double precision there. */
static void sincos_series(double x, double *s, double *c)
{
    double term_s = x, term_c = 1.0, sum_s = x, sum_c = 1.0, x2 = x * x;
    for (int k = 1; k < 30; k++) {
        term_s *= -x2 / (double)((2 * k) * (2 * k + 1));
        term_c *= -x2 / (double)((2 * k - 1) * (2 * k));
        sum_s += term_s;
        sum_c += term_c;
    }
    *s = sum_s;
    *c = sum_c;
}

static void bit_reverse(double *re, double *im)
{
    for (uint32_t i = 0, j = 0; i < N; i++) {
        if (i < j) {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
        uint32_t bit = N >> 1;
        while (j & bit) {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
    }
}

/* in place; sign -1 forward, +1 inverse (unscaled) */
static void fft(double *re, double *im, const double *wre, const double *wim, int sign)
{
    bit_reverse(re, im);
    for (int len = 2; len <= N; len <<= 1) {
        int half = len / 2, stride = N / len;
        for (int start = 0; start < N; start += len) {
            for (int k = 0; k < half; k++) {
                double wr = wre[k * stride], wi = sign * wim[k * stride];
                int a = start + k, b = a + half;
                double tr = re[b] * wr - im[b] * wi;
                double ti = re[b] * wi + im[b] * wr;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
    }
}

int main(int argc, char **argv)
{
    long rounds = bench_size(argc, argv, 40);
    double *re = bench_alloc(N * sizeof(double)), *im = bench_alloc(N * sizeof(double));
    double *orig = bench_alloc(N * sizeof(double));
    double *wre = bench_alloc(N / 2 * sizeof(double)), *wim = bench_alloc(N / 2 * sizeof(double));
    for (int k = 0; k < N / 2; k++) {
        double s, c;
        sincos_series(-2.0 * PI * k / N, &s, &c);
        wre[k] = c;
        wim[k] = s;
    }
    uint64_t seed = 99;
    for (int i = 0; i < N; i++) {
        orig[i] = re[i] = (double)(i % 97) / 97.0 + rng_unit(&seed) * 0.25;
        im[i] = 0.0;
    }
    double peak = 0.0, checksum = 0.0;
    for (long r = 0; r < rounds; r++) {
        fft(re, im, wre, wim, -1);
        if (r == 0)
            for (int i = 0; i < N; i++) {
                checksum += (re[i] * re[i] + im[i] * im[i]) * (double)(i % 13);
                if (i > 0 && re[i] * re[i] + im[i] * im[i] > peak)
                    peak = re[i] * re[i] + im[i] * im[i];
            }
        fft(re, im, wre, wim, +1);
        for (int i = 0; i < N; i++) {
            re[i] /= N;
            im[i] /= N;
        }
    }
    double err = 0.0;
    for (int i = 0; i < N; i++) {
        double d = re[i] - orig[i];
        err += d * d + im[i] * im[i];
    }
    printf("fft n=%d rounds=%ld: checksum %.10e peak %.10e round-trip error %.6e\n", N, rounds,
           checksum, peak, err);
    return 0;
}
