/*
 * fpu.c - riscv64 F and D arithmetic for the rv_fpu helper (contract in fpu.h).
 *
 * Two paths compute every rounded result:
 *  - the host path uses the x86-64 SSE/FMA unit. Each operation runs inside one inline-asm
 *    block that loads the guest rounding mode with all exceptions masked and all flags
 *    clear (no FTZ/DAZ), runs the single instruction, reads the flags it raised and puts
 *    back the emulator's own MXCSR, so the compiler cannot move the operation away from its
 *    rounding mode and the emulator's FP code always runs in its usual environment. The
 *    emulator never changes its MXCSR control bits (threads inherit them), so the value put
 *    back is the one read once at start-up, with the sticky flags clear: saving it on every
 *    call would cost a second STMXCSR, which is slow on some hosts (it waits for pending FP
 *    work). x86 detects tininess after rounding and raises underflow only for inexact tiny
 *    results, like RISC-V, so its five flags map one to one onto fflags. Called from
 *    translated code, where the host MXCSR holds the guest's FP environment (cpu->fp_env,
 *    into which inline FP code accrues its flags), it still puts back the emulator's value:
 *    the backend stores fp_env before every helper call and reloads it after, and rv_fpu's
 *    own flags go to cpu->fflags (the guest sees the union, cpu.h rv64_fflags).
 *  - the software path rounds an exact intermediate (a 128-bit significand whose lowest bit
 *    may be a sticky bit) in any mode. It serves RMM, which x86 lacks, every FMA when the
 *    host has no FMA unit, and inexact integer-to-float conversions; rv_fpu_set_host_fp(false)
 *    sends everything through it so tests can compare the two paths.
 * NaN inputs never reach either path: they are resolved first (canonical NaN result, NV for
 * a signalling NaN), and a NaN produced by an invalid operation is replaced by the canonical
 * one. Conversions to integer and comparisons are exact integer/compare code that does not
 * depend on the host rounding mode. Nothing the guest passes can crash this file: an unknown
 * op returns 0 and an invalid rounding mode is treated as RNE.
 */
#include <math.h>
#include <string.h>
#include "../../common.h"
#include "fpu.h"

typedef unsigned __int128 u128;

#define S_CANON_NAN 0x7fc00000u
#define D_CANON_NAN 0x7ff8000000000000ull
#define NAN_BOX     0xffffffff00000000ull
#define S_SIGN      0x80000000u
#define D_SIGN      0x8000000000000000ull

/* ---- IEEE formats ---------------------------------------------------------------- */

struct fp_format {
    unsigned mant_bits;   /* stored fraction bits */
    unsigned exp_bits;
    int bias;
};
static const struct fp_format FMT_S = { .mant_bits = 23, .exp_bits = 8, .bias = 127 };
static const struct fp_format FMT_D = { .mant_bits = 52, .exp_bits = 11, .bias = 1023 };

static inline unsigned exp_max(const struct fp_format *f) { return (1u << f->exp_bits) - 1; }
static inline uint64_t mant_mask(const struct fp_format *f) { return (1ull << f->mant_bits) - 1; }
static inline uint64_t sign_bit(const struct fp_format *f)
{
    return 1ull << (f->mant_bits + f->exp_bits);
}
static inline uint64_t canon_nan(const struct fp_format *f)
{
    return f == &FMT_D ? D_CANON_NAN : S_CANON_NAN;
}
static inline uint64_t make_zero(const struct fp_format *f, bool sign)
{
    return sign ? sign_bit(f) : 0;
}
static inline uint64_t make_inf(const struct fp_format *f, bool sign)
{
    return make_zero(f, sign) | (uint64_t)exp_max(f) << f->mant_bits;
}
static inline bool is_nan(const struct fp_format *f, uint64_t v)
{
    return (v & ~sign_bit(f)) > make_inf(f, false);
}
static inline bool is_snan(const struct fp_format *f, uint64_t v)
{
    return is_nan(f, v) && !(v >> (f->mant_bits - 1) & 1);
}

/* Single values live NaN-boxed in 64-bit f registers. */
static inline uint32_t unbox(uint64_t v)
{
    return (v >> 32) == 0xffffffffu ? (uint32_t)v : S_CANON_NAN;
}
static inline uint64_t box(uint32_t v) { return NAN_BOX | v; }

static inline float f32_of(uint32_t v) { float f; memcpy(&f, &v, 4); return f; }
static inline double f64_of(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static inline uint32_t bits_f32(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static inline uint64_t bits_f64(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }

/* The exact value of a non-NaN single or double (float -> double is exact). */
static inline double exact_double(const struct fp_format *f, uint64_t v)
{
    return f == &FMT_D ? f64_of(v) : (double)f32_of((uint32_t)v);
}

/* ---- the software path ------------------------------------------------------------ */

enum fp_class { CLS_ZERO, CLS_FINITE, CLS_INF, CLS_NAN };

struct unpacked {
    enum fp_class cls;
    bool sign;
    int exp;          /* CLS_FINITE: value = sig * 2^exp */
    uint64_t sig;
};

static struct unpacked unpack(const struct fp_format *f, uint64_t v)
{
    uint64_t frac = v & mant_mask(f);
    unsigned be = (unsigned)(v >> f->mant_bits) & exp_max(f);
    struct unpacked u = { .sign = (v & sign_bit(f)) != 0 };
    if (be == exp_max(f)) {
        u.cls = frac ? CLS_NAN : CLS_INF;
    } else if (be == 0) {
        u.cls = frac ? CLS_FINITE : CLS_ZERO;
        u.sig = frac;
        u.exp = 1 - f->bias - (int)f->mant_bits;
    } else {
        u.cls = CLS_FINITE;
        u.sig = frac | 1ull << f->mant_bits;
        u.exp = (int)be - f->bias - (int)f->mant_bits;
    }
    return u;
}

static inline int clz128(u128 v)
{
    uint64_t hi = (uint64_t)(v >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)v);
}

/* v >> n with every bit shifted out ORed into bit 0 (the sticky bit). */
static inline u128 shift_right_jam(u128 v, int n)
{
    if (n == 0)
        return v;
    if (n >= 128)
        return v != 0;
    return v >> n | ((v & (((u128)1 << n) - 1)) != 0);
}

/*
 * Drops the low `shift` bits of sig (its top bit is bit 127, shift >= 75) and rounds the
 * rest per rm; the sign matters for RDN/RUP. A sticky bit in bit 0 is fine: rounding
 * boundaries and ties are multiples of 2^(shift-1), far above it.
 */
static uint64_t round_bits(u128 sig, int shift, unsigned rm, bool sign, bool *inexact)
{
    uint64_t kept;
    int vs_half;                         /* dropped part versus half an ulp: -1, 0, +1 */
    if (shift > 128) {                   /* below half of the lowest kept bit */
        kept = 0;
        vs_half = -1;
        *inexact = true;
    } else if (shift == 128) {
        u128 half = (u128)1 << 127;
        kept = 0;
        vs_half = sig > half ? 1 : sig == half ? 0 : -1;
        *inexact = true;
    } else {
        u128 rest = sig & (((u128)1 << shift) - 1), half = (u128)1 << (shift - 1);
        kept = (uint64_t)(sig >> shift);
        vs_half = rest > half ? 1 : rest == half ? 0 : -1;
        *inexact = rest != 0;
    }
    bool up;
    switch (rm) {
    case RV_RM_RTZ: up = false; break;
    case RV_RM_RDN: up = *inexact && sign; break;
    case RV_RM_RUP: up = *inexact && !sign; break;
    case RV_RM_RMM: up = vs_half >= 0; break;
    default:        up = vs_half > 0 || (vs_half == 0 && (kept & 1)); break;
    }
    return kept + up;
}

static uint64_t overflow_result(const struct fp_format *f, bool sign, unsigned rm)
{
    bool to_inf = rm == RV_RM_RUP ? !sign : rm == RV_RM_RDN ? sign : rm != RV_RM_RTZ;
    return to_inf ? make_inf(f, sign) : make_inf(f, sign) - 1;
}

/*
 * Rounds (-1)^sign * sig * 2^exp (sig != 0; bit 0 may be sticky, with at least two bits
 * between it and the rounding point) to format f: normal, subnormal, overflow, with NX,
 * UF (tiny after rounding and inexact) and OF|NX.
 */
static uint64_t round_pack(const struct fp_format *f, bool sign, int exp, u128 sig, unsigned rm,
                           uint32_t *flags)
{
    int prec = (int)f->mant_bits + 1;
    int n = clz128(sig);
    sig <<= n;
    exp -= n;
    int be = exp + 127 + f->bias;        /* biased exponent of the leading bit */
    int shift = 128 - prec;
    bool tiny = false, inexact;
    if (be < 1) {
        /* Tiny after rounding: rounded to full precision with unbounded exponent, the
         * value is still below the smallest normal. */
        if (be == 0) {
            bool unused;
            tiny = round_bits(sig, shift, rm, sign, &unused) >> prec == 0;
        } else {
            tiny = true;
        }
        shift += 1 - be;
    }
    uint64_t kept = round_bits(sig, shift, rm, sign, &inexact);
    if (be >= 1) {
        if (kept >> prec) {              /* rounded up to the next power of two */
            kept >>= 1;
            be++;
        }
        if (be >= (int)exp_max(f)) {
            *flags |= RV_FFLAG_OF | RV_FFLAG_NX;
            return overflow_result(f, sign, rm);
        }
        if (inexact)
            *flags |= RV_FFLAG_NX;
        return make_zero(f, sign) | (uint64_t)be << f->mant_bits | (kept & mant_mask(f));
    }
    if (inexact)
        *flags |= RV_FFLAG_NX | (tiny ? RV_FFLAG_UF : 0);
    return make_zero(f, sign) | kept;    /* kept == 2^mant_bits encodes the smallest normal */
}

/* The sign of an exact zero sum of operands of opposite signs. */
static inline bool zero_sum_sign(unsigned rm) { return rm == RV_RM_RDN; }

/* (-1)^sa * ma * 2^ea + (-1)^sb * mb * 2^eb, ma, mb != 0 and below 2^107. */
static uint64_t add_finite(const struct fp_format *f, bool sa, int ea, u128 ma, bool sb, int eb,
                           u128 mb, unsigned rm, uint32_t *flags)
{
    int na = clz128(ma) - 2, nb = clz128(mb) - 2;   /* both to bit 125: low 20 bits stay 0 */
    ma <<= na;
    ea -= na;
    mb <<= nb;
    eb -= nb;
    if (ea < eb || (ea == eb && ma < mb)) {
        u128 tm = ma; ma = mb; mb = tm;
        int te = ea; ea = eb; eb = te;
        bool ts = sa; sa = sb; sb = ts;
    }
    mb = shift_right_jam(mb, ea - eb);
    u128 m = sa == sb ? ma + mb : ma - mb;
    if (m == 0)
        return make_zero(f, zero_sum_sign(rm));
    return round_pack(f, sa, ea, m, rm, flags);
}

/* The soft operations take non-NaN inputs (the caller resolves NaNs). */
static uint64_t soft_add(const struct fp_format *f, uint64_t x, uint64_t y, unsigned rm,
                         uint32_t *flags)
{
    struct unpacked a = unpack(f, x), b = unpack(f, y);
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        if (a.cls == CLS_INF && b.cls == CLS_INF && a.sign != b.sign) {
            *flags |= RV_FFLAG_NV;
            return canon_nan(f);
        }
        return a.cls == CLS_INF ? x : y;
    }
    if (a.cls == CLS_ZERO && b.cls == CLS_ZERO)
        return make_zero(f, a.sign == b.sign ? a.sign : zero_sum_sign(rm));
    if (a.cls == CLS_ZERO)
        return y;
    if (b.cls == CLS_ZERO)
        return x;
    return add_finite(f, a.sign, a.exp, a.sig, b.sign, b.exp, b.sig, rm, flags);
}

static uint64_t soft_mul(const struct fp_format *f, uint64_t x, uint64_t y, unsigned rm,
                         uint32_t *flags)
{
    struct unpacked a = unpack(f, x), b = unpack(f, y);
    bool sign = a.sign != b.sign;
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        if (a.cls == CLS_ZERO || b.cls == CLS_ZERO) {
            *flags |= RV_FFLAG_NV;
            return canon_nan(f);
        }
        return make_inf(f, sign);
    }
    if (a.cls == CLS_ZERO || b.cls == CLS_ZERO)
        return make_zero(f, sign);
    return round_pack(f, sign, a.exp + b.exp, (u128)a.sig * b.sig, rm, flags);
}

static uint64_t soft_div(const struct fp_format *f, uint64_t x, uint64_t y, unsigned rm,
                         uint32_t *flags)
{
    struct unpacked a = unpack(f, x), b = unpack(f, y);
    bool sign = a.sign != b.sign;
    if (a.cls == CLS_INF) {
        if (b.cls == CLS_INF) {
            *flags |= RV_FFLAG_NV;
            return canon_nan(f);
        }
        return make_inf(f, sign);
    }
    if (b.cls == CLS_INF)
        return make_zero(f, sign);
    if (b.cls == CLS_ZERO) {
        if (a.cls == CLS_ZERO) {
            *flags |= RV_FFLAG_NV;
            return canon_nan(f);
        }
        *flags |= RV_FFLAG_DZ;
        return make_inf(f, sign);
    }
    if (a.cls == CLS_ZERO)
        return make_zero(f, sign);
    int na = __builtin_clzll(a.sig), nb = __builtin_clzll(b.sig);
    uint64_t ma = a.sig << na, mb = b.sig << nb;          /* both in [2^63, 2^64) */
    u128 num = (u128)ma << 64;
    u128 q = num / mb;                                     /* in (2^63, 2^65) */
    q |= (num % mb) != 0;
    return round_pack(f, sign, (a.exp - na) - (b.exp - nb) - 64, q, rm, flags);
}

/* floor(sqrt(v)) of v < 2^126, and whether it was exact. */
static uint64_t isqrt128(u128 v, bool *exact)
{
    u128 root = 0, bit = (u128)1 << 124;
    while (bit > v)
        bit >>= 2;
    while (bit) {
        if (v >= root + bit) {
            v -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    *exact = v == 0;
    return (uint64_t)root;
}

static uint64_t soft_sqrt(const struct fp_format *f, uint64_t x, unsigned rm, uint32_t *flags)
{
    struct unpacked a = unpack(f, x);
    if (a.cls == CLS_ZERO)
        return x;                                          /* sqrt(-0) = -0 */
    if (a.sign) {
        *flags |= RV_FFLAG_NV;
        return canon_nan(f);
    }
    if (a.cls == CLS_INF)
        return x;
    int n = clz128(a.sig) - 3;                             /* top bit to 124 ... */
    if ((a.exp - n) & 1)
        n++;                                               /* ... or 125, exponent even */
    bool exact;
    uint64_t root = isqrt128((u128)a.sig << n, &exact);    /* at least 2^62 */
    return round_pack(f, false, (a.exp - n) / 2, root | !exact, rm, flags);
}

/* x * y + z, signs already applied. */
static uint64_t soft_fma(const struct fp_format *f, uint64_t x, uint64_t y, uint64_t z,
                         unsigned rm, uint32_t *flags)
{
    struct unpacked a = unpack(f, x), b = unpack(f, y), c = unpack(f, z);
    bool sp = a.sign != b.sign;
    if (a.cls == CLS_INF || b.cls == CLS_INF) {
        if (a.cls == CLS_ZERO || b.cls == CLS_ZERO || (c.cls == CLS_INF && c.sign != sp)) {
            *flags |= RV_FFLAG_NV;
            return canon_nan(f);
        }
        return make_inf(f, sp);
    }
    if (c.cls == CLS_INF)
        return z;
    if (a.cls == CLS_ZERO || b.cls == CLS_ZERO) {
        if (c.cls == CLS_ZERO)
            return make_zero(f, sp == c.sign ? sp : zero_sum_sign(rm));
        return z;
    }
    u128 product = (u128)a.sig * b.sig;
    if (c.cls == CLS_ZERO)
        return round_pack(f, sp, a.exp + b.exp, product, rm, flags);
    return add_finite(f, sp, a.exp + b.exp, product, c.sign, c.exp, c.sig, rm, flags);
}

/* ---- the host path ---------------------------------------------------------------- */

/* Which rounding modes (bit per RV_RM_*) the host path serves; RMM never. */
#define HOST_MODES 0x0fu
static unsigned host_modes = HOST_MODES;
static unsigned host_fma_modes;          /* HOST_MODES when the host has FMA3 */
static bool host_has_fma;
static uint32_t host_mxcsr = 0x1f80;     /* the emulator's MXCSR, flags clear */

__attribute__((constructor)) static void detect_host_fp(void)
{
    uint32_t mx;
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    host_mxcsr = mx & ~0x3fu;
    __builtin_cpu_init();
    host_has_fma = __builtin_cpu_supports("fma");
    host_fma_modes = host_has_fma ? HOST_MODES : 0;
}

void rv_fpu_set_host_fp(bool enable)
{
    host_modes = enable ? HOST_MODES : 0;
    host_fma_modes = enable && host_has_fma ? HOST_MODES : 0;
}

/* MXCSR per RISC-V rounding mode: exceptions masked, flags clear, no FTZ/DAZ. */
static const uint32_t mxcsr_for_rm[4] = {
    [RV_RM_RNE] = 0x1f80,                /* RC = 00 nearest */
    [RV_RM_RTZ] = 0x7f80,                /* RC = 11 toward zero */
    [RV_RM_RDN] = 0x3f80,                /* RC = 01 down */
    [RV_RM_RUP] = 0x5f80,                /* RC = 10 up */
};

/* MXCSR flags IE DE ZE OE UE PE (bits 0..5) to fflags; DE has no RISC-V counterpart. */
static inline uint32_t fflags_of_mxcsr(uint32_t mx) { return rv64_fflags_of_env(mx); }

/* One instruction between loading the guest MXCSR and putting back the host's. */
#define HOST_OP_PROLOGUE "ldmxcsr %[guest]\n\t"
#define HOST_OP_EPILOGUE "\n\tstmxcsr %[after]\n\tldmxcsr %[host]"

#define DEFINE_HOST_BINARY(name, type, insn)                                            \
    static inline type name(type x, type y, uint32_t guest, uint32_t *after)           \
    {                                                                                  \
        __asm__ volatile(HOST_OP_PROLOGUE insn " %[y], %[x]" HOST_OP_EPILOGUE          \
                         : [x] "+x"(x), [after] "=m"(*after)                           \
                         : [y] "x"(y), [guest] "m"(guest), [host] "m"(host_mxcsr));    \
        return x;                                                                      \
    }
DEFINE_HOST_BINARY(host_adds, float, "addss")
DEFINE_HOST_BINARY(host_subs, float, "subss")
DEFINE_HOST_BINARY(host_muls, float, "mulss")
DEFINE_HOST_BINARY(host_divs, float, "divss")
DEFINE_HOST_BINARY(host_sqrts, float, "sqrtss")      /* x = sqrt(y) */
DEFINE_HOST_BINARY(host_addd, double, "addsd")
DEFINE_HOST_BINARY(host_subd, double, "subsd")
DEFINE_HOST_BINARY(host_muld, double, "mulsd")
DEFINE_HOST_BINARY(host_divd, double, "divsd")
DEFINE_HOST_BINARY(host_sqrtd, double, "sqrtsd")     /* x = sqrt(y) */

#define DEFINE_HOST_FMA(name, type, insn)                                               \
    static inline type name(type x, type y, type z, uint32_t guest, uint32_t *after)   \
    {                                                                                  \
        __asm__ volatile(HOST_OP_PROLOGUE insn " %[y], %[x], %[z]" HOST_OP_EPILOGUE    \
                         : [z] "+x"(z), [after] "=m"(*after)                           \
                         : [x] "x"(x), [y] "x"(y), [guest] "m"(guest),                 \
                           [host] "m"(host_mxcsr));                                    \
        return z;                                                                      \
    }
DEFINE_HOST_FMA(host_fmas, float, "vfmadd231ss")     /* z = x * y + z */
DEFINE_HOST_FMA(host_fmad, double, "vfmadd231sd")

static inline float host_cvt_d_to_s(double x, uint32_t guest, uint32_t *after)
{
    float r;
    __asm__ volatile(HOST_OP_PROLOGUE "cvtsd2ss %[x], %[r]" HOST_OP_EPILOGUE
                     : [r] "=x"(r), [after] "=m"(*after)
                     : [x] "x"(x), [guest] "m"(guest), [host] "m"(host_mxcsr));
    return r;
}

/* ---- operations -------------------------------------------------------------------- */

enum arith { AR_ADD, AR_SUB, AR_MUL, AR_DIV, AR_SQRT };

static inline uint64_t nan_operands(const struct fp_format *f, bool any_snan, uint32_t *flags)
{
    if (any_snan)
        *flags |= RV_FFLAG_NV;
    return canon_nan(f);
}

/* x op y (AR_SQRT: sqrt(x)) on raw bits of format f (singles not boxed). */
static inline __attribute__((always_inline)) uint64_t
arith(const struct fp_format *f, enum arith k, uint64_t x, uint64_t y, unsigned rm,
      uint32_t *flags)
{
    if (k == AR_SQRT)
        y = 0;
    if (unlikely(is_nan(f, x) || is_nan(f, y)))
        return nan_operands(f, is_snan(f, x) || is_snan(f, y), flags);
    if (likely(host_modes >> rm & 1)) {
        uint32_t mx, guest = mxcsr_for_rm[rm];
        uint64_t r;
        if (f == &FMT_D) {
            double a = f64_of(x), b = f64_of(y);
            switch (k) {
            case AR_ADD: a = host_addd(a, b, guest, &mx); break;
            case AR_SUB: a = host_subd(a, b, guest, &mx); break;
            case AR_MUL: a = host_muld(a, b, guest, &mx); break;
            case AR_DIV: a = host_divd(a, b, guest, &mx); break;
            case AR_SQRT: a = host_sqrtd(a, a, guest, &mx); break;
            }
            r = bits_f64(a);
        } else {
            float a = f32_of((uint32_t)x), b = f32_of((uint32_t)y);
            switch (k) {
            case AR_ADD: a = host_adds(a, b, guest, &mx); break;
            case AR_SUB: a = host_subs(a, b, guest, &mx); break;
            case AR_MUL: a = host_muls(a, b, guest, &mx); break;
            case AR_DIV: a = host_divs(a, b, guest, &mx); break;
            case AR_SQRT: a = host_sqrts(a, a, guest, &mx); break;
            }
            r = bits_f32(a);
        }
        *flags |= fflags_of_mxcsr(mx);
        return is_nan(f, r) ? canon_nan(f) : r;
    }
    switch (k) {
    case AR_ADD: return soft_add(f, x, y, rm, flags);
    case AR_SUB: return soft_add(f, x, y ^ sign_bit(f), rm, flags);
    case AR_MUL: return soft_mul(f, x, y, rm, flags);
    case AR_DIV: return soft_div(f, x, y, rm, flags);
    case AR_SQRT: return soft_sqrt(f, x, rm, flags);
    }
    return canon_nan(f);
}

static inline bool is_zero_inf_pair(const struct fp_format *f, uint64_t x, uint64_t y)
{
    uint64_t ax = x & ~sign_bit(f), ay = y & ~sign_bit(f), inf = make_inf(f, false);
    return (ax == 0 && ay == inf) || (ax == inf && ay == 0);
}

/* (neg_product ? -(x * y) : x * y) + (neg_addend ? -z : z), rounded once. */
static uint64_t fused(const struct fp_format *f, uint64_t x, uint64_t y, uint64_t z,
                      bool neg_product, bool neg_addend, unsigned rm, uint32_t *flags)
{
    if (unlikely(is_nan(f, x) || is_nan(f, y) || is_nan(f, z))) {
        /* 0 * inf is invalid even when the addend is a quiet NaN (ISA manual). */
        bool invalid = is_snan(f, x) || is_snan(f, y) || is_snan(f, z) ||
                       is_zero_inf_pair(f, x, y);
        return nan_operands(f, invalid, flags);
    }
    if (neg_product)
        x ^= sign_bit(f);
    if (neg_addend)
        z ^= sign_bit(f);
    if (likely(host_fma_modes >> rm & 1)) {
        uint32_t mx, guest = mxcsr_for_rm[rm];
        uint64_t r;
        if (f == &FMT_D)
            r = bits_f64(host_fmad(f64_of(x), f64_of(y), f64_of(z), guest, &mx));
        else
            r = bits_f32(host_fmas(f32_of((uint32_t)x), f32_of((uint32_t)y),
                                   f32_of((uint32_t)z), guest, &mx));
        *flags |= fflags_of_mxcsr(mx);
        return is_nan(f, r) ? canon_nan(f) : r;
    }
    return soft_fma(f, x, y, z, rm, flags);
}

enum cmp_kind { CMP_EQ, CMP_LT, CMP_LE };

static uint64_t compare(const struct fp_format *f, enum cmp_kind k, uint64_t x, uint64_t y,
                        uint32_t *flags)
{
    if (unlikely(is_nan(f, x) || is_nan(f, y))) {
        /* FEQ is a quiet comparison, FLT/FLE signalling ones. */
        if (k != CMP_EQ || is_snan(f, x) || is_snan(f, y))
            *flags |= RV_FFLAG_NV;
        return 0;
    }
    double a = exact_double(f, x), b = exact_double(f, y);
    switch (k) {
    case CMP_EQ: return a == b;
    case CMP_LT: return a < b;
    case CMP_LE: return a <= b;
    }
    return 0;
}

/* IEEE 754-2019 minimumNumber/maximumNumber with -0 < +0. */
static uint64_t min_max(const struct fp_format *f, bool is_max, uint64_t x, uint64_t y,
                        uint32_t *flags)
{
    bool xn = is_nan(f, x), yn = is_nan(f, y);
    if (unlikely(xn || yn)) {
        if (is_snan(f, x) || is_snan(f, y))
            *flags |= RV_FFLAG_NV;
        return xn && yn ? canon_nan(f) : xn ? y : x;
    }
    double a = exact_double(f, x), b = exact_double(f, y);
    if (a == b) {                        /* same bits, or +0 and -0 */
        bool x_neg = (x & sign_bit(f)) != 0;
        return x_neg == is_max ? y : x;
    }
    return (a < b) != is_max ? x : y;
}

enum sgnj_kind { SGNJ, SGNJN, SGNJX };

static inline uint64_t sign_inject(const struct fp_format *f, enum sgnj_kind k, uint64_t x,
                                   uint64_t y)
{
    uint64_t s = sign_bit(f);
    switch (k) {
    case SGNJ:  return (x & ~s) | (y & s);
    case SGNJN: return (x & ~s) | (~y & s);
    case SGNJX: return x ^ (y & s);
    }
    return x;
}

static uint64_t classify(const struct fp_format *f, uint64_t v)
{
    bool neg = (v & sign_bit(f)) != 0;
    unsigned be = (unsigned)(v >> f->mant_bits) & exp_max(f);
    uint64_t frac = v & mant_mask(f);
    if (be == exp_max(f)) {
        if (!frac)
            return neg ? 1u << 0 : 1u << 7;                     /* -inf, +inf */
        return frac >> (f->mant_bits - 1) ? 1u << 9 : 1u << 8; /* quiet, signalling NaN */
    }
    if (be == 0 && !frac)
        return neg ? 1u << 3 : 1u << 4;                         /* -0, +0 */
    if (be == 0)
        return neg ? 1u << 2 : 1u << 5;                         /* subnormal */
    return neg ? 1u << 1 : 1u << 6;                             /* normal */
}

enum int_kind { INT_W, INT_WU, INT_L, INT_LU };

/* Rounds the exact value x (NaN when is_nan) to an integer of kind k, saturating. */
static uint64_t to_int(double x, bool nan_input, enum int_kind k, unsigned rm, uint32_t *flags)
{
    static const int64_t min_of[] = {
        [INT_W] = INT32_MIN, [INT_WU] = 0, [INT_L] = INT64_MIN, [INT_LU] = 0,
    };
    static const uint64_t max_of[] = {
        [INT_W] = INT32_MAX, [INT_WU] = UINT32_MAX, [INT_L] = INT64_MAX, [INT_LU] = UINT64_MAX,
    };
    uint64_t r;
    if (nan_input) {
        r = max_of[k];
        goto invalid;
    }
    if (!(fabs(x) < 0x1p63)) {           /* integral already, or infinite */
        if (k == INT_L && x == -0x1p63)
            return (uint64_t)INT64_MIN;
        if (k == INT_LU && x > 0 && x < 0x1p64)
            return (uint64_t)(x - 0x1p63) + (1ull << 63);
        r = x < 0 ? (uint64_t)min_of[k] : max_of[k];
        goto invalid;
    }
    int64_t t = (int64_t)x;              /* truncated, exact */
    double frac = x - (double)t;         /* exact, |frac| < 1 */
    double half_dist = fabs(frac) - 0.5;
    bool away;                           /* round away from zero instead of toward it */
    switch (rm) {
    case RV_RM_RTZ: away = false; break;
    case RV_RM_RDN: away = frac < 0; break;
    case RV_RM_RUP: away = frac > 0; break;
    case RV_RM_RMM: away = half_dist >= 0; break;
    default:        away = half_dist > 0 || (half_dist == 0 && (t & 1)); break;
    }
    if (away)
        t += frac < 0 ? -1 : 1;
    if (t < min_of[k]) {
        r = (uint64_t)min_of[k];
        goto invalid;
    }
    if (k != INT_L && t >= 0 && (uint64_t)t > max_of[k]) {
        r = max_of[k];
        goto invalid;
    }
    if (frac != 0)
        *flags |= RV_FFLAG_NX;
    r = (uint64_t)t;
    goto done;
invalid:
    *flags |= RV_FFLAG_NV;
done:
    if (k == INT_W || k == INT_WU)
        r = (uint64_t)(int64_t)(int32_t)(uint32_t)r;   /* 32-bit results sign-extended */
    return r;
}

/* (-1)^neg * mag rounded to format f. */
static uint64_t from_int(const struct fp_format *f, bool neg, uint64_t mag, unsigned rm,
                         uint32_t *flags)
{
    if (mag == 0)
        return 0;
    if (mag <= 1ull << (f->mant_bits + 1)) {             /* exact on the host */
        uint64_t r = f == &FMT_D ? bits_f64((double)(int64_t)mag)
                                 : bits_f32((float)(int64_t)mag);
        return r | make_zero(f, neg);
    }
    return round_pack(f, neg, 0, mag, rm, flags);
}

static uint64_t narrow_d_to_s(uint64_t x, unsigned rm, uint32_t *flags)
{
    if (unlikely(is_nan(&FMT_D, x)))
        return nan_operands(&FMT_S, is_snan(&FMT_D, x), flags);
    if (likely(host_modes >> rm & 1)) {
        uint32_t mx;
        uint32_t r = bits_f32(host_cvt_d_to_s(f64_of(x), mxcsr_for_rm[rm], &mx));
        *flags |= fflags_of_mxcsr(mx);
        return r;
    }
    struct unpacked u = unpack(&FMT_D, x);
    switch (u.cls) {
    case CLS_ZERO: return make_zero(&FMT_S, u.sign);
    case CLS_INF:  return make_inf(&FMT_S, u.sign);
    default:       return round_pack(&FMT_S, u.sign, u.exp, u.sig, rm, flags);
    }
}

static uint64_t widen_s_to_d(uint32_t x, uint32_t *flags)
{
    if (unlikely(is_nan(&FMT_S, x)))
        return nan_operands(&FMT_D, is_snan(&FMT_S, x), flags);
    return bits_f64((double)f32_of(x));
}

static inline uint64_t s_to_int(uint64_t a, enum int_kind k, unsigned rm, uint32_t *flags)
{
    uint32_t x = unbox(a);
    return to_int((double)f32_of(x), is_nan(&FMT_S, x), k, rm, flags);
}

static inline uint64_t d_to_int(uint64_t a, enum int_kind k, unsigned rm, uint32_t *flags)
{
    return to_int(f64_of(a), is_nan(&FMT_D, a), k, rm, flags);
}

static inline uint64_t magnitude(int64_t v) { return v < 0 ? -(uint64_t)v : (uint64_t)v; }

uint64_t rv_fpu(struct cpu *cpu, uint64_t op_rm, uint64_t a, uint64_t b, uint64_t c)
{
    struct rv64_cpu *rv = rv64(cpu);
    unsigned op = op_rm & 0xff, rm = (op_rm >> 8) & 7;
    if (op_rm & RV_FPU_BOX_ARGS) {
        a |= NAN_BOX;
        b |= NAN_BOX;
        c |= NAN_BOX;
    }
    if (rm == RV_RM_DYN)
        rm = rv->frm;
    if (rm > RV_RM_RMM)
        rm = RV_RM_RNE;                  /* unreachable by contract; never crash */
    const struct fp_format *S = &FMT_S, *D = &FMT_D;
    uint32_t fl = 0;
    uint64_t r;
    switch ((enum rv_fpop)op) {
    case RV_FADD_S: r = box(arith(S, AR_ADD, unbox(a), unbox(b), rm, &fl)); break;
    case RV_FSUB_S: r = box(arith(S, AR_SUB, unbox(a), unbox(b), rm, &fl)); break;
    case RV_FMUL_S: r = box(arith(S, AR_MUL, unbox(a), unbox(b), rm, &fl)); break;
    case RV_FDIV_S: r = box(arith(S, AR_DIV, unbox(a), unbox(b), rm, &fl)); break;
    case RV_FSQRT_S: r = box(arith(S, AR_SQRT, unbox(a), 0, rm, &fl)); break;
    case RV_FADD_D: r = arith(D, AR_ADD, a, b, rm, &fl); break;
    case RV_FSUB_D: r = arith(D, AR_SUB, a, b, rm, &fl); break;
    case RV_FMUL_D: r = arith(D, AR_MUL, a, b, rm, &fl); break;
    case RV_FDIV_D: r = arith(D, AR_DIV, a, b, rm, &fl); break;
    case RV_FSQRT_D: r = arith(D, AR_SQRT, a, 0, rm, &fl); break;

    case RV_FMIN_S: r = box(min_max(S, false, unbox(a), unbox(b), &fl)); break;
    case RV_FMAX_S: r = box(min_max(S, true, unbox(a), unbox(b), &fl)); break;
    case RV_FMIN_D: r = min_max(D, false, a, b, &fl); break;
    case RV_FMAX_D: r = min_max(D, true, a, b, &fl); break;

    case RV_FSGNJ_S: r = box(sign_inject(S, SGNJ, unbox(a), unbox(b))); break;
    case RV_FSGNJN_S: r = box(sign_inject(S, SGNJN, unbox(a), unbox(b))); break;
    case RV_FSGNJX_S: r = box(sign_inject(S, SGNJX, unbox(a), unbox(b))); break;
    case RV_FSGNJ_D: r = sign_inject(D, SGNJ, a, b); break;
    case RV_FSGNJN_D: r = sign_inject(D, SGNJN, a, b); break;
    case RV_FSGNJX_D: r = sign_inject(D, SGNJX, a, b); break;

    case RV_FEQ_S: r = compare(S, CMP_EQ, unbox(a), unbox(b), &fl); break;
    case RV_FLT_S: r = compare(S, CMP_LT, unbox(a), unbox(b), &fl); break;
    case RV_FLE_S: r = compare(S, CMP_LE, unbox(a), unbox(b), &fl); break;
    case RV_FEQ_D: r = compare(D, CMP_EQ, a, b, &fl); break;
    case RV_FLT_D: r = compare(D, CMP_LT, a, b, &fl); break;
    case RV_FLE_D: r = compare(D, CMP_LE, a, b, &fl); break;

    case RV_FMADD_S: r = box(fused(S, unbox(a), unbox(b), unbox(c), false, false, rm, &fl)); break;
    case RV_FMSUB_S: r = box(fused(S, unbox(a), unbox(b), unbox(c), false, true, rm, &fl)); break;
    case RV_FNMSUB_S: r = box(fused(S, unbox(a), unbox(b), unbox(c), true, false, rm, &fl)); break;
    case RV_FNMADD_S: r = box(fused(S, unbox(a), unbox(b), unbox(c), true, true, rm, &fl)); break;
    case RV_FMADD_D: r = fused(D, a, b, c, false, false, rm, &fl); break;
    case RV_FMSUB_D: r = fused(D, a, b, c, false, true, rm, &fl); break;
    case RV_FNMSUB_D: r = fused(D, a, b, c, true, false, rm, &fl); break;
    case RV_FNMADD_D: r = fused(D, a, b, c, true, true, rm, &fl); break;

    case RV_FCLASS_S: r = classify(S, unbox(a)); break;
    case RV_FCLASS_D: r = classify(D, a); break;

    case RV_FCVT_W_S: r = s_to_int(a, INT_W, rm, &fl); break;
    case RV_FCVT_WU_S: r = s_to_int(a, INT_WU, rm, &fl); break;
    case RV_FCVT_L_S: r = s_to_int(a, INT_L, rm, &fl); break;
    case RV_FCVT_LU_S: r = s_to_int(a, INT_LU, rm, &fl); break;
    case RV_FCVT_W_D: r = d_to_int(a, INT_W, rm, &fl); break;
    case RV_FCVT_WU_D: r = d_to_int(a, INT_WU, rm, &fl); break;
    case RV_FCVT_L_D: r = d_to_int(a, INT_L, rm, &fl); break;
    case RV_FCVT_LU_D: r = d_to_int(a, INT_LU, rm, &fl); break;

    case RV_FCVT_S_W:
        r = box(from_int(S, (int32_t)a < 0, magnitude((int32_t)a), rm, &fl));
        break;
    case RV_FCVT_S_WU: r = box(from_int(S, false, (uint32_t)a, rm, &fl)); break;
    case RV_FCVT_S_L: r = box(from_int(S, (int64_t)a < 0, magnitude((int64_t)a), rm, &fl)); break;
    case RV_FCVT_S_LU: r = box(from_int(S, false, a, rm, &fl)); break;
    case RV_FCVT_D_W: r = from_int(D, (int32_t)a < 0, magnitude((int32_t)a), rm, &fl); break;
    case RV_FCVT_D_WU: r = from_int(D, false, (uint32_t)a, rm, &fl); break;
    case RV_FCVT_D_L: r = from_int(D, (int64_t)a < 0, magnitude((int64_t)a), rm, &fl); break;
    case RV_FCVT_D_LU: r = from_int(D, false, a, rm, &fl); break;

    case RV_FCVT_S_D: r = box((uint32_t)narrow_d_to_s(a, rm, &fl)); break;
    case RV_FCVT_D_S: r = widen_s_to_d(unbox(a), &fl); break;

    case RV_FMV_X_W: r = (uint64_t)(int64_t)(int32_t)(uint32_t)a; break;
    case RV_FMV_W_X: r = box((uint32_t)a); break;
    case RV_FMV_X_D: r = a; break;
    case RV_FMV_D_X: r = a; break;

    case RV_FPOP_COUNT:
    default:
        r = 0;                           /* the front end never emits this */
        break;
    }
    rv->fflags |= fl;
    return r;
}

static const char *const fpop_names[] = {
    [RV_FADD_S] = "fadd.s",       [RV_FSUB_S] = "fsub.s",       [RV_FMUL_S] = "fmul.s",
    [RV_FDIV_S] = "fdiv.s",       [RV_FMIN_S] = "fmin.s",       [RV_FMAX_S] = "fmax.s",
    [RV_FSGNJ_S] = "fsgnj.s",     [RV_FSGNJN_S] = "fsgnjn.s",   [RV_FSGNJX_S] = "fsgnjx.s",
    [RV_FEQ_S] = "feq.s",         [RV_FLT_S] = "flt.s",         [RV_FLE_S] = "fle.s",
    [RV_FADD_D] = "fadd.d",       [RV_FSUB_D] = "fsub.d",       [RV_FMUL_D] = "fmul.d",
    [RV_FDIV_D] = "fdiv.d",       [RV_FMIN_D] = "fmin.d",       [RV_FMAX_D] = "fmax.d",
    [RV_FSGNJ_D] = "fsgnj.d",     [RV_FSGNJN_D] = "fsgnjn.d",   [RV_FSGNJX_D] = "fsgnjx.d",
    [RV_FEQ_D] = "feq.d",         [RV_FLT_D] = "flt.d",         [RV_FLE_D] = "fle.d",
    [RV_FMADD_S] = "fmadd.s",     [RV_FMSUB_S] = "fmsub.s",     [RV_FNMSUB_S] = "fnmsub.s",
    [RV_FNMADD_S] = "fnmadd.s",   [RV_FMADD_D] = "fmadd.d",     [RV_FMSUB_D] = "fmsub.d",
    [RV_FNMSUB_D] = "fnmsub.d",   [RV_FNMADD_D] = "fnmadd.d",
    [RV_FSQRT_S] = "fsqrt.s",     [RV_FSQRT_D] = "fsqrt.d",
    [RV_FCLASS_S] = "fclass.s",   [RV_FCLASS_D] = "fclass.d",
    [RV_FCVT_W_S] = "fcvt.w.s",   [RV_FCVT_WU_S] = "fcvt.wu.s",
    [RV_FCVT_L_S] = "fcvt.l.s",   [RV_FCVT_LU_S] = "fcvt.lu.s",
    [RV_FCVT_W_D] = "fcvt.w.d",   [RV_FCVT_WU_D] = "fcvt.wu.d",
    [RV_FCVT_L_D] = "fcvt.l.d",   [RV_FCVT_LU_D] = "fcvt.lu.d",
    [RV_FCVT_S_W] = "fcvt.s.w",   [RV_FCVT_S_WU] = "fcvt.s.wu",
    [RV_FCVT_S_L] = "fcvt.s.l",   [RV_FCVT_S_LU] = "fcvt.s.lu",
    [RV_FCVT_D_W] = "fcvt.d.w",   [RV_FCVT_D_WU] = "fcvt.d.wu",
    [RV_FCVT_D_L] = "fcvt.d.l",   [RV_FCVT_D_LU] = "fcvt.d.lu",
    [RV_FCVT_S_D] = "fcvt.s.d",   [RV_FCVT_D_S] = "fcvt.d.s",
    [RV_FMV_X_W] = "fmv.x.w",     [RV_FMV_W_X] = "fmv.w.x",
    [RV_FMV_X_D] = "fmv.x.d",     [RV_FMV_D_X] = "fmv.d.x",
};
_Static_assert(ARRAY_SIZE(fpop_names) == RV_FPOP_COUNT, "a name for every rv_fpop");

const char *rv_fpop_name(enum rv_fpop op)
{
    return (unsigned)op < RV_FPOP_COUNT && fpop_names[op] ? fpop_names[op] : "f?";
}
