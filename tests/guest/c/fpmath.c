/*
 * fpmath.c - floating point through glibc: libm functions over a spread of inputs
 * (printed with %a so every bit counts), the four rounding modes via fesetround with
 * rint/nearbyint/lrint and plain arithmetic, exception flags via fetestexcept, fenv
 * save/restore, RISC-V's positive canonical NaN, float<->int casts, and strtod on hard
 * decimal inputs. Operands pass through volatile variables so the guest computes them.
 */
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void print_flags(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-24s flags:%s%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "",
           f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_OVERFLOW ? " overflow" : "",
           f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "", f ? "" : " none");
    feclearexcept(FE_ALL_EXCEPT);
}

static const char *mode_name(int m)
{
    switch (m) {
    case FE_TONEAREST: return "nearest";
    case FE_TOWARDZERO: return "towardzero";
    case FE_DOWNWARD: return "downward";
    case FE_UPWARD: return "upward";
    }
    return "?";
}

int main(void)
{
    static const double xs[] = { 0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 3.14159, -2.5, 10.0, 100.0,
                                 1e-300, 1e300, 0.1, 0.7 };
    for (unsigned i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
        volatile double x = xs[i];
        printf("x=%-8g sin %a cos %a tan %a atan %a\n", x, sin(x), cos(x), tan(x), atan(x));
        printf("         exp %a expm1 %a log %a log1p %a\n", exp(x), expm1(x), log(x), log1p(x));
        printf("         log2 %a log10 %a sqrt %a cbrt %a\n", log2(x), log10(x), sqrt(x), cbrt(x));
        printf("         sinh %a tanh %a erf %a lgamma %a\n", sinh(x), tanh(x), erf(x), lgamma(x));
        printf("         floor %g ceil %g trunc %g round %g rint %g\n", floor(x), ceil(x), trunc(x),
               round(x), rint(x));
    }
    volatile double a = 2.0, b = 0.5, c = -3.0, d = 1e-5;
    printf("pow %a %a %a %a\n", pow(a, 10.5), pow(c, 3.0), pow(b, -1074.0), pow(d, 0.25));
    printf("atan2 %a %a %a %a\n", atan2(a, c), atan2(-0.0, c), atan2(0.0, -0.0), atan2(c, 0.0));
    printf("hypot %a fmod %a remainder %a fma %a\n", hypot(3e200, 4e200), fmod(10.5, c),
           remainder(10.5, c), fma(a, 1.0 / 3.0, -0.5));
    printf("asin %a acos %a tgamma %a %a\n", asin(b), acos(-b), tgamma(5.5), tgamma(-2.5));
    int e;
    double m = frexp(1536.0 + d, &e);
    double ip, fp = modf(-7.25, &ip);
    printf("frexp %a %d ldexp %a %a modf %g %g\n", m, e, ldexp(a, 1023), ldexp(a, -1075), ip, fp);
    printf("nextafter %a %a copysign %g %g\n", nextafter(1.0, 2.0), nextafter(0.0, -1.0),
           copysign(a, -0.0), copysign(c, 1.0));
    volatile float fx = 0.7f, fy = 3.5f;
    printf("float: sinf %a expf %a powf %a sqrtf %a logf %a\n", (double)sinf(fx), (double)expf(fy),
           (double)powf(fx, fy), (double)sqrtf(fy), (double)logf(fx));

    /* special values; RISC-V's default NaN is positive */
    volatile double zero = 0.0, one = 1.0, inf = INFINITY;
    double qnan = zero / zero;
    printf("0/0=%f -(0/0)=%f 1/0=%f -1/0=%f inf-inf=%f sqrt(-1)=%f\n", qnan, -qnan, one / zero,
           -one / zero, inf - inf, sqrt(-one));
    printf("signbit(0/0)=%d isnan=%d isinf=%d fpclassify(min/2)=%d\n", signbit(qnan) != 0,
           isnan(qnan) != 0, isinf(one / zero) != 0, fpclassify(DBL_MIN / 2) == FP_SUBNORMAL);
    printf("fmax(nan,1)=%g fmin(-0,0) signbit=%d\n", fmax(qnan, one), signbit(fmin(-0.0, zero)) != 0);

    /* rounding modes */
    static const int modes[] = { FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD };
    for (unsigned i = 0; i < 4; i++) {
        volatile double h = 2.5, nh = -2.5, third = 1.0, three = 3.0, big = 1e308;
        fesetround(modes[i]);
        printf("%-10s rint(2.5)=%g rint(-2.5)=%g nearbyint(3.5)=%g lrint(-0.5)=%ld llrint(1.5)=%lld\n",
               mode_name(fegetround()), rint(h), rint(nh), nearbyint(h + 1.0), lrint(-0.5 * third),
               llrint(1.5 * third));
        printf("%-10s 1/3=%a -1/3=%a (float)(1/3)=%a sqrt2=%a 1e308*10=%g\n", mode_name(modes[i]),
               third / three, -third / three, (double)(float)(third / three), sqrt(2.0 * third),
               big * 10.0);
    }
    fesetround(FE_TONEAREST);

    /* exception flags */
    feclearexcept(FE_ALL_EXCEPT);
    print_flags("nothing");
    volatile double r;
    r = one / zero;
    print_flags("1/0");
    r = zero / zero;
    print_flags("0/0");
    r = DBL_MAX * 2.0;
    print_flags("DBL_MAX*2");
    r = DBL_MIN / 3.0;
    print_flags("DBL_MIN/3");
    r = DBL_MIN / 2.0;
    print_flags("DBL_MIN/2 (exact)");
    r = one / 3.0;
    print_flags("1/3");
    r = sqrt(-one);
    print_flags("sqrt(-1)");
    r = 3.0 * one + 4.0;
    print_flags("3+4");
    volatile long lr = lrint(qnan);
    print_flags("lrint(nan)");
    (void)lr;
    volatile float ff = (float)(1.0 / 3.0 * one);
    print_flags("(float)(1/3)");
    ff = (float)(1e300 * one);
    print_flags("(float)1e300");
    (void)ff;
    (void)r;
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    print_flags("feraiseexcept");
    fenv_t env;
    r = one / zero;
    fegetenv(&env);
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_UPWARD);
    fesetenv(&env);
    printf("after fesetenv: round %s ", mode_name(fegetround()));
    print_flags("restored");
    feholdexcept(&env);
    r = zero / zero;
    feupdateenv(&env);
    print_flags("feupdateenv");

    /* C casts truncate toward zero */
    volatile double cv[] = { 2.9, -2.9, -0.5, 3e9, 1e18, -9.2e18 };
    printf("casts: %d %d %ld %u %lld %lld\n", (int)cv[0], (int)cv[1], (long)cv[2], (unsigned)cv[3],
           (long long)cv[4], (long long)cv[5]);
    volatile long long big = 9007199254740993LL;
    volatile unsigned long long ubig = 18446744073709551615ULL;
    printf("to double: %a %a %a\n", (double)big, (double)ubig, (double)(float)big);

    /* strtod on hard inputs */
    static const char *strs[] = { "0.1", "1e-320", "2.2250738585072011e-308", "4.9e-324",
        "2.4703282292062327e-324", "1.7976931348623157e308", "1.7976931348623159e308",
        "0x1.fffffffffffffp1023", "-0x1p-1074", "9007199254740993", "1e23", "nan", "-inf",
        "123.456e-2", "0.30000000000000004" };
    for (unsigned i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        errno = 0;
        double v = strtod(strs[i], NULL);
        printf("strtod(%s) = %a%s\n", strs[i], v, errno == ERANGE ? " ERANGE" : "");
    }
    printf("strtof(3.4028236e38) = %a\n", (double)strtof("3.4028236e38", NULL));
    return 0;
}
