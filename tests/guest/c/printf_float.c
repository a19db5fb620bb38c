/*
 * printf_float.c - formatted output of floating point: %f %e %g %a and %.17g across
 * magnitudes, signs, zeros, subnormals, infinities and NaNs; width/precision/flags; exact
 * decimal ties (glibc rounds exactly, ties to even in the current mode); float promotion;
 * 128-bit long double (software quad precision in libgcc); snprintf truncation; and
 * round-tripping through strtod with %.17g.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static const double vals[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789,
        1e-5, 1e-300, 4.9e-324, 2.2250738585072014e-308, DBL_MAX, 1e21, 1e22, 9007199254740993.0,
        -271828.18284590452, 6.02214076e23, 0.5, 0.125, 2.5, 1e100 };
    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        volatile double v = vals[i];
        printf("[%f] [%e] [%g] [%a] [%.17g]\n", v, v, v, v, v);
    }
    volatile double inf = INFINITY, zero = 0.0;
    double nan = zero / zero;
    printf("[%f] [%e] [%g] [%a] [%F] [%E] [%G] [%A]\n", inf, -inf, nan, -nan, inf, -inf, nan, 1.0);
    printf("[%10.3f] [%-10.3f] [%+.3f] [% .3f] [%010.3f] [%#.0f] [%.0f]\n", 3.14159, 3.14159, 3.14159,
           3.14159, -3.14159, 3.0, 3.0);
    printf("[%.0e] [%#.0e] [%.10e] [%+e] [%12.4E]\n", 12345.678, 12345.678, 1.0 / 7.0, 1e-10, -6.5e-7);
    printf("[%g] [%g] [%g] [%g] [%#g] [%.3g] [%.10g] [%g]\n", 100000.0, 1000000.0, 0.0001, 0.00001, 1.0,
           1234.5678, 1234.5678, 1e-5);
    printf("[%.3a] [%.0a] [%a] [%a] [%La]\n", 1.0 / 3.0, 1.5, 0x1p-1074, -0x1.fffffffffffffp+1023,
           (long double)1.0 / 3);
    /* exact binary ties in decimal */
    printf("ties: %.0f %.0f %.0f %.0f %.1f %.1f %.2f %.2f %.3f\n", 0.5, 1.5, 2.5, -2.5, 0.25, 0.35, 0.125,
           0.375, 1.0005);
    /* float arguments are promoted */
    volatile float f1 = 0.1f, f2 = 16777217.0f, f3 = FLT_MAX, f4 = FLT_MIN / 4;
    printf("floats: %.9g %.9g %.9g %.9g %a\n", f1, f2, f3, f4, f1);
    /* long double: IEEE binary128 on riscv64 */
    volatile long double ld1 = 1.0L, ld3 = 3.0L;
    long double third = ld1 / ld3;
    printf("long double: %.36Lg %La %Le\n", third, third, third * 1e4000L);
    printf("LDBL_MAX %Lg LDBL_EPSILON %La sqrtl(2) %.33Lg\n", LDBL_MAX, LDBL_EPSILON, sqrtl(2.0L * ld1));
    printf("long double sum: %.30Lf\n", ld1 / 7 + ld1 / 11 + ld1 / 13);

    /* a wide range of magnitudes */
    double p = 1.0;
    for (int i = 0; i < 24; i++) {
        printf("%.6e%c", p * 1.2345678901234567, i % 6 == 5 ? '\n' : ' ');
        p *= 1e15;
    }
    p = 1.0;
    for (int i = 0; i < 24; i++) {
        printf("%.6g%c", p * 9.87654321, i % 6 == 5 ? '\n' : ' ');
        p /= 1e14;
    }
    /* %.17g round-trips */
    unsigned ok = 0, total = 0;
    double x = 0.3;
    for (int i = 0; i < 2000; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", x);
        double y = strtod(buf, NULL);
        ok += (memcmp(&x, &y, sizeof x) == 0);
        total++;
        x = x * 1.0001 + 1e-7;
    }
    printf("round-trip %u/%u, last %.17g\n", ok, total, x);
    /* snprintf truncation returns the full length */
    char small[8];
    volatile double pi = 3.14159265358979;
    size_t smallsz = sizeof small;
    int n = snprintf(small, smallsz, "%.10f", pi);
    printf("snprintf: n=%d buf=\"%s\"\n", n, small);
    /* integer formatting mixed in */
    printf("[%5d] [%-5d] [%05d] [%x] [%#o] [%lld] [%llu] [%hhd] [%zu] [%%]\n", 42, 42, -42, 255u, 8u,
           -9223372036854775807LL - 1, 18446744073709551615ULL, (signed char)200, sizeof(long double));
    return 0;
}
