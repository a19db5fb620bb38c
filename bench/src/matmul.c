/* matmul.c - floating-point benchmark: dense double-precision matrix multiply, C = A * B, in the
 * cache-friendly i-k-j order, then C' = C^T * A to reuse the result. Prints sums of both.
 * Size: the matrix order N (default 400). */
#include "bench_common.h"

static void multiply(const double *a, const double *b, double *c, long n)
{
    for (long i = 0; i < n * n; i++)
        c[i] = 0.0;
    for (long i = 0; i < n; i++)
        for (long k = 0; k < n; k++) {
            double aik = a[i * n + k];
            const double *brow = &b[k * n];
            double *crow = &c[i * n];
            for (long j = 0; j < n; j++)
                crow[j] += aik * brow[j];
        }
}

static double sum_of(const double *m, long n)
{
    double s = 0.0;
    for (long i = 0; i < n * n; i++)
        s += m[i];
    return s;
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 400);
    size_t bytes = (size_t)(n * n) * sizeof(double);
    double *a = bench_alloc(bytes), *b = bench_alloc(bytes), *c = bench_alloc(bytes),
           *t = bench_alloc(bytes), *d = bench_alloc(bytes);
    uint64_t seed = 42;
    for (long i = 0; i < n * n; i++) {
        a[i] = rng_unit(&seed) - 0.5;
        b[i] = rng_unit(&seed) * 2.0 - 1.0;
    }
    multiply(a, b, c, n);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++)
            t[j * n + i] = c[i * n + j];
    multiply(t, a, d, n);
    printf("matmul n=%ld: sum(A*B) %.17g sum((A*B)^T*A) %.17g c[0] %.17g\n", n, sum_of(c, n),
           sum_of(d, n), c[0]);
    return 0;
}
