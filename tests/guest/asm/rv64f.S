/*
 * rv64f.S - the F extension (single precision on RV64): every arithmetic op under every
 * rounding mode (static and dynamic) on values that round differently, every fflags bit
 * set by the right op, canonical-NaN results, signalling-NaN inputs, fused (single
 * rounding) multiply-add, min/max with +-0 and NaNs, comparisons' quiet/signalling rules,
 * fclass's ten classes, saturating conversions at the edges, NaN-boxing (results boxed,
 * improperly boxed inputs read as the canonical NaN, moves/stores unaffected) and the
 * fcsr/frm/fflags CSRs.
 */
#include "macros.h"
#include "fp_macros.h"

#define S_ONE    0x3f800000
#define S_M1     0xbf800000
#define S_TWO    0x40000000
#define S_THREE  0x40400000
#define S_HALF   0x3f000000
#define S_MHALF  0xbf000000
#define S_1P5    0x3fc00000
#define S_2P5    0x40200000
#define S_M2P5   0xc0200000
#define S_PINF   0x7f800000
#define S_NINF   0xff800000
#define S_QNAN   0x7fc00000            /* the canonical NaN */
#define S_NQNAN  0xffc00000
#define S_PQNAN  0x7fc12345            /* quiet NaN with a payload */
#define S_SNAN   0x7f800001
#define S_NSNAN  0xff800001
#define S_PZ     0x00000000
#define S_NZ     0x80000000
#define S_MAX    0x7f7fffff
#define S_NMAX   0xff7fffff
#define S_MINN   0x00800000
#define S_MINSUB 0x00000001
#define S_NMINSUB 0x80000001
#define S_EPS24  0x33800000            /* 2^-24: half an ulp of 1.0 */
#define S_NEPS24 0xb3800000
#define S_EPS25  0x33000000            /* 2^-25 */

#define NV FF_NV
#define DZ FF_DZ
#define OF FF_OF
#define UF FF_UF
#define NX FF_NX

TEST_START
        /* ---- fadd.s ---- */
        /* 1 + 2^-24 is a tie: RNE keeps the even 1.0, RMM and RUP go up */
        OP2_RM(s, fadd.s, S_ONE, S_EPS24, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800001, 0x3f800001, NX)
        OP2_RM(s, fadd.s, S_M1, S_NEPS24, 0xbf800000, 0xbf800000, 0xbf800001, 0xbf800000, 0xbf800001, NX)
        /* (1 + 2^-23) + 2^-24: a tie whose even neighbour is above */
        OP2_RM(s, fadd.s, 0x3f800001, S_EPS24, 0x3f800002, 0x3f800001, 0x3f800001, 0x3f800002, 0x3f800002, NX)
        /* exact */
        OP2_RM(s, fadd.s, S_ONE, S_TWO, S_THREE, S_THREE, S_THREE, S_THREE, S_THREE, 0)
        /* +0 + -0 and x + (-x): +0 except when rounding down */
        OP2_RM(s, fadd.s, S_PZ, S_NZ, S_PZ, S_PZ, S_NZ, S_PZ, S_PZ, 0)
        OP2_RM(s, fadd.s, S_ONE, S_M1, S_PZ, S_PZ, S_NZ, S_PZ, S_PZ, 0)
        OP2(s, fadd.s, S_NZ, S_NZ, rne, S_NZ, 0)
        /* overflow: OF|NX, result inf or the largest finite value depending on the mode */
        OP2_RM(s, fadd.s, S_MAX, S_MAX, S_PINF, S_MAX, S_MAX, S_PINF, S_PINF, OF|NX)
        OP2_RM(s, fadd.s, S_NMAX, S_NMAX, S_NINF, S_NMAX, S_NINF, S_NMAX, S_NINF, OF|NX)
        /* subnormals are exact */
        OP2(s, fadd.s, S_MINSUB, S_MINSUB, rne, 0x00000002, 0)
        OP2(s, fadd.s, 0x007fffff, S_MINSUB, rne, S_MINN, 0)
        /* infinities and NaNs */
        OP2(s, fadd.s, S_PINF, S_ONE, rne, S_PINF, 0)
        OP2(s, fadd.s, S_PINF, S_NINF, rne, S_QNAN, NV)
        OP2(s, fadd.s, S_PQNAN, S_ONE, rne, S_QNAN, 0)
        OP2(s, fadd.s, S_ONE, S_NQNAN, rne, S_QNAN, 0)
        OP2(s, fadd.s, S_SNAN, S_ONE, rne, S_QNAN, NV)
        OP2(s, fadd.s, S_ONE, S_NSNAN, rne, S_QNAN, NV)
        OP2(s, fadd.s, S_SNAN, S_PQNAN, rne, S_QNAN, NV)

        /* ---- fsub.s ---- */
        /* 1 - 2^-25 lies halfway between 1-2^-24 (odd) and 1 (even) */
        OP2_RM(s, fsub.s, S_ONE, S_EPS25, 0x3f800000, 0x3f7fffff, 0x3f7fffff, 0x3f800000, 0x3f800000, NX)
        OP2_RM(s, fsub.s, S_THREE, S_THREE, S_PZ, S_PZ, S_NZ, S_PZ, S_PZ, 0)
        OP2(s, fsub.s, S_NZ, S_PZ, rne, S_NZ, 0)
        OP2(s, fsub.s, S_PZ, S_NZ, rdn, S_PZ, 0)
        OP2(s, fsub.s, S_ONE, S_THREE, rne, 0xc0000000, 0)
        OP2(s, fsub.s, S_PINF, S_PINF, rne, S_QNAN, NV)
        OP2(s, fsub.s, S_NINF, S_PINF, rne, S_NINF, 0)
        OP2(s, fsub.s, S_QNAN, S_QNAN, rne, S_QNAN, 0)
        OP2(s, fsub.s, S_NMAX, S_MAX, rtz, S_NMAX, OF|NX)

        /* ---- fmul.s ---- */
        /* (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: a tie */
        OP2_RM(s, fmul.s, 0x3f800800, 0x3f800800, 0x3f801000, 0x3f801000, 0x3f801000, 0x3f801001, 0x3f801001, NX)
        OP2_RM(s, fmul.s, 0xbf800800, 0x3f800800, 0xbf801000, 0xbf801000, 0xbf801001, 0xbf801000, 0xbf801001, NX)
        OP2(s, fmul.s, S_THREE, S_M2P5, rne, 0xc0f00000, 0)
        OP2(s, fmul.s, S_NZ, S_THREE, rne, S_NZ, 0)
        OP2(s, fmul.s, S_NZ, S_NZ, rne, S_PZ, 0)
        OP2(s, fmul.s, S_PZ, S_PINF, rne, S_QNAN, NV)
        OP2(s, fmul.s, S_NINF, S_NZ, rne, S_QNAN, NV)
        OP2(s, fmul.s, S_NINF, S_TWO, rne, S_NINF, 0)
        OP2_RM(s, fmul.s, S_MAX, S_TWO, S_PINF, S_MAX, S_MAX, S_PINF, S_PINF, OF|NX)
        OP2_RM(s, fmul.s, S_NMAX, S_TWO, S_NINF, S_NMAX, S_NINF, S_NMAX, S_NINF, OF|NX)
        /* underflow: 2^-150 is a tie between 0 and the smallest subnormal */
        OP2_RM(s, fmul.s, S_MINSUB, S_HALF, S_PZ, S_PZ, S_PZ, S_MINSUB, S_MINSUB, UF|NX)
        OP2_RM(s, fmul.s, S_NMINSUB, S_HALF, S_NZ, S_NZ, S_NMINSUB, S_NZ, S_NMINSUB, UF|NX)
        /* an exact subnormal result raises nothing */
        OP2(s, fmul.s, S_MINN, S_HALF, rne, 0x00400000, 0)
        /* tininess is detected after rounding: 2^-126 * (1 - 2^-26) rounds (RNE) to 2^-126,
         * which is not tiny, so only NX; rounding toward zero gives a tiny result: UF|NX */
        OP2(s, fmul.s, 0x007ffc00, 0x3f800400, rne, S_MINN, NX)
        OP2(s, fmul.s, 0x007ffc00, 0x3f800400, rtz, 0x007fffff, UF|NX)
        OP2(s, fmul.s, S_SNAN, S_PZ, rne, S_QNAN, NV)

        /* ---- fdiv.s ---- */
        OP2_RM(s, fdiv.s, S_ONE, S_THREE, 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaab, NX)
        OP2_RM(s, fdiv.s, S_M1, S_THREE, 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaab, NX)
        OP2(s, fdiv.s, 0x40c00000, S_THREE, rne, S_TWO, 0)
        OP2(s, fdiv.s, S_ONE, S_PZ, rne, S_PINF, DZ)
        OP2(s, fdiv.s, S_M1, S_PZ, rne, S_NINF, DZ)
        OP2(s, fdiv.s, S_ONE, S_NZ, rne, S_NINF, DZ)
        OP2(s, fdiv.s, S_PZ, S_PZ, rne, S_QNAN, NV)
        OP2(s, fdiv.s, S_PINF, S_NINF, rne, S_QNAN, NV)
        OP2(s, fdiv.s, S_PINF, S_PZ, rne, S_PINF, 0)      /* infinity / 0 is not DZ */
        OP2(s, fdiv.s, S_PZ, S_PINF, rne, S_PZ, 0)
        OP2(s, fdiv.s, S_ONE, S_NINF, rne, S_NZ, 0)
        OP2(s, fdiv.s, S_MAX, S_HALF, rne, S_PINF, OF|NX)
        OP2(s, fdiv.s, S_MINN, S_MAX, rne, S_PZ, UF|NX)
        OP2(s, fdiv.s, S_MINN, S_MAX, rup, S_MINSUB, UF|NX)
        OP2(s, fdiv.s, S_QNAN, S_PZ, rne, S_QNAN, 0)      /* NaN / 0 is not DZ */
        OP2(s, fdiv.s, S_SNAN, S_PZ, rne, S_QNAN, NV)

        /* ---- fsqrt.s ---- */
        OP1_RM(s, fsqrt.s, S_TWO, 0x3fb504f3, 0x3fb504f3, 0x3fb504f3, 0x3fb504f4, 0x3fb504f3, NX)
        OP1_RM(s, fsqrt.s, S_THREE, 0x3fddb3d7, 0x3fddb3d7, 0x3fddb3d7, 0x3fddb3d8, 0x3fddb3d7, NX)
        OP1(s, fsqrt.s, 0x40800000, rne, S_TWO, 0)
        OP1(s, fsqrt.s, S_M1, rne, S_QNAN, NV)
        OP1(s, fsqrt.s, S_NZ, rne, S_NZ, 0)
        OP1(s, fsqrt.s, S_PZ, rne, S_PZ, 0)
        OP1(s, fsqrt.s, S_PINF, rne, S_PINF, 0)
        OP1(s, fsqrt.s, S_NINF, rne, S_QNAN, NV)
        OP1(s, fsqrt.s, S_PQNAN, rne, S_QNAN, 0)
        OP1(s, fsqrt.s, S_SNAN, rne, S_QNAN, NV)
        OP1(s, fsqrt.s, S_NMINSUB, rne, S_QNAN, NV)
        OP1(s, fsqrt.s, 0x00000002, rne, 0x1a800000, 0)  /* sqrt(2^-148) = 2^-74 */

        /* ---- fused multiply-add ---- */
        /* (1+2^-12)^2 - (1+2^-11) = 2^-24 exactly when fused (unfused would give 0) */
        OP3(s, fmadd.s, 0x3f800800, 0x3f800800, 0xbf801000, rne, S_EPS24, 0)
        OP3(s, fmsub.s, 0x3f800800, 0x3f800800, 0x3f801000, rne, S_EPS24, 0)
        OP3(s, fnmadd.s, 0x3f800800, 0x3f800800, 0xbf801000, rne, S_NEPS24, 0)
        OP3(s, fnmsub.s, 0x3f800800, 0x3f800800, 0x3f801000, rne, S_NEPS24, 0)
        /* signs: fmadd a*b+c, fmsub a*b-c, fnmsub -(a*b)+c, fnmadd -(a*b)-c */
        OP3(s, fmadd.s, S_TWO, S_THREE, S_ONE, rne, 0x40e00000, 0)
        OP3(s, fmsub.s, S_TWO, S_THREE, S_ONE, rne, 0x40a00000, 0)
        OP3(s, fnmsub.s, S_TWO, S_THREE, S_ONE, rne, 0xc0a00000, 0)
        OP3(s, fnmadd.s, S_TWO, S_THREE, S_ONE, rne, 0xc0e00000, 0)
        /* a single rounding under every mode */
        OP3_RM(s, fmadd.s, S_ONE, S_ONE, S_EPS24, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800001, 0x3f800001, NX)
        OP3_RM(s, fnmadd.s, S_ONE, S_ONE, S_EPS24, 0xbf800000, 0xbf800000, 0xbf800001, 0xbf800000, 0xbf800001, NX)
        OP3_RM(s, fmsub.s, S_ONE, S_ONE, S_NEPS24, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800001, 0x3f800001, NX)
        OP3_RM(s, fnmsub.s, S_ONE, S_ONE, S_NEPS24, 0xbf800000, 0xbf800000, 0xbf800001, 0xbf800000, 0xbf800001, NX)
        /* signed zeros */
        OP3_RM(s, fmsub.s, S_ONE, S_ONE, S_ONE, S_PZ, S_PZ, S_NZ, S_PZ, S_PZ, 0)
        OP3(s, fmadd.s, S_NZ, S_ONE, S_NZ, rne, S_NZ, 0)
        OP3(s, fnmadd.s, S_PZ, S_ONE, S_PZ, rne, S_NZ, 0)
        OP3(s, fnmsub.s, S_PZ, S_ONE, S_PZ, rne, S_PZ, 0)
        /* invalid: inf * 0 raises NV even when the addend is a quiet NaN */
        OP3(s, fmadd.s, S_PZ, S_PINF, S_PQNAN, rne, S_QNAN, NV)
        OP3(s, fmadd.s, S_PINF, S_PZ, S_ONE, rne, S_QNAN, NV)
        OP3(s, fmadd.s, S_PINF, S_ONE, S_NINF, rne, S_QNAN, NV)
        OP3(s, fmadd.s, S_ONE, S_ONE, S_SNAN, rne, S_QNAN, NV)
        OP3(s, fmadd.s, S_PQNAN, S_ONE, S_ONE, rne, S_QNAN, 0)
        OP3(s, fmadd.s, S_ONE, S_ONE, S_PINF, rne, S_PINF, 0)
        OP3(s, fmadd.s, S_MAX, S_TWO, S_PZ, rne, S_PINF, OF|NX)
        OP3(s, fmadd.s, S_MAX, S_TWO, S_NMAX, rne, S_MAX, 0)  /* no intermediate overflow */

        /* ---- fmin.s / fmax.s ---- */
        OP2N(s, fmin.s, S_ONE, S_TWO, S_ONE, 0)
        OP2N(s, fmax.s, S_ONE, S_TWO, S_TWO, 0)
        OP2N(s, fmin.s, S_M1, S_ONE, S_M1, 0)
        OP2N(s, fmax.s, S_M1, S_ONE, S_ONE, 0)
        OP2N(s, fmin.s, S_NZ, S_PZ, S_NZ, 0)
        OP2N(s, fmin.s, S_PZ, S_NZ, S_NZ, 0)
        OP2N(s, fmax.s, S_NZ, S_PZ, S_PZ, 0)
        OP2N(s, fmax.s, S_PZ, S_NZ, S_PZ, 0)
        OP2N(s, fmin.s, S_PQNAN, S_ONE, S_ONE, 0)
        OP2N(s, fmin.s, S_ONE, S_NQNAN, S_ONE, 0)
        OP2N(s, fmax.s, S_NQNAN, S_M1, S_M1, 0)
        OP2N(s, fmin.s, S_SNAN, S_ONE, S_ONE, NV)
        OP2N(s, fmax.s, S_TWO, S_NSNAN, S_TWO, NV)
        OP2N(s, fmin.s, S_PQNAN, 0x7fc54321, S_QNAN, 0)
        OP2N(s, fmax.s, S_SNAN, S_PQNAN, S_QNAN, NV)
        OP2N(s, fmin.s, S_NINF, S_NMAX, S_NINF, 0)
        OP2N(s, fmax.s, S_PINF, S_MAX, S_PINF, 0)

        /* ---- sign injection (never canonicalises NaNs, never raises flags) ---- */
        OP2N(s, fsgnj.s, S_ONE, S_M1, S_M1, 0)
        OP2N(s, fsgnj.s, S_M1, S_ONE, S_ONE, 0)
        OP2N(s, fsgnjn.s, S_ONE, S_M1, S_ONE, 0)
        OP2N(s, fsgnjn.s, S_ONE, S_ONE, S_M1, 0)
        OP2N(s, fsgnjx.s, S_M1, S_M1, S_ONE, 0)
        OP2N(s, fsgnjx.s, S_M1, S_ONE, S_M1, 0)
        OP2N(s, fsgnjx.s, S_ONE, S_M1, S_M1, 0)
        OP2N(s, fsgnj.s, S_SNAN, S_M1, S_NSNAN, 0)
        OP2N(s, fsgnjn.s, S_PQNAN, S_ONE, 0xffc12345, 0)
        OP2N(s, fsgnjx.s, S_NZ, S_NZ, S_PZ, 0)
        fli s, ft0, S_M2P5
        fabs.s ft3, ft0
        CHECK_S(ft3, S_2P5)
        fneg.s ft3, ft3
        CHECK_S(ft3, S_M2P5)
        fmv.s ft3, ft0
        CHECK_S(ft3, S_M2P5)
        CHECK_FLAGS(0)

        /* ---- comparisons: feq is quiet, flt/fle signal on any NaN ---- */
        CMP(s, feq.s, S_ONE, S_ONE, 1, 0)
        CMP(s, feq.s, S_ONE, S_TWO, 0, 0)
        CMP(s, feq.s, S_PZ, S_NZ, 1, 0)
        CMP(s, feq.s, S_PQNAN, S_PQNAN, 0, 0)
        CMP(s, feq.s, S_SNAN, S_ONE, 0, NV)
        CMP(s, flt.s, S_ONE, S_TWO, 1, 0)
        CMP(s, flt.s, S_TWO, S_ONE, 0, 0)
        CMP(s, flt.s, S_NZ, S_PZ, 0, 0)
        CMP(s, flt.s, S_NINF, S_PINF, 1, 0)
        CMP(s, flt.s, S_M1, S_NZ, 1, 0)
        CMP(s, flt.s, S_PQNAN, S_ONE, 0, NV)
        CMP(s, flt.s, S_ONE, S_SNAN, 0, NV)
        CMP(s, fle.s, S_ONE, S_ONE, 1, 0)
        CMP(s, fle.s, S_NZ, S_PZ, 1, 0)
        CMP(s, fle.s, S_TWO, S_ONE, 0, 0)
        CMP(s, fle.s, S_ONE, S_NQNAN, 0, NV)
        CMP(s, fle.s, S_PINF, S_PINF, 1, 0)
        /* pseudo-forms swap operands */
        fli s, ft0, S_ONE
        fli s, ft1, S_TWO
        fgt.s a0, ft1, ft0
        CHECK_EQ(a0, 1)
        fge.s a0, ft0, ft1
        CHECK_EQ(a0, 0)
        CHECK_FLAGS(0)

        /* ---- fclass.s: the ten classes ---- */
        CLASS(s, S_NINF, 0x001)
        CLASS(s, S_M1, 0x002)
        CLASS(s, S_NMAX, 0x002)
        CLASS(s, S_NMINSUB, 0x004)
        CLASS(s, 0x807fffff, 0x004)
        CLASS(s, S_NZ, 0x008)
        CLASS(s, S_PZ, 0x010)
        CLASS(s, S_MINSUB, 0x020)
        CLASS(s, 0x007fffff, 0x020)
        CLASS(s, S_ONE, 0x040)
        CLASS(s, S_MINN, 0x040)
        CLASS(s, S_PINF, 0x080)
        CLASS(s, S_SNAN, 0x100)
        CLASS(s, S_NSNAN, 0x100)
        CLASS(s, 0x7fbfffff, 0x100)
        CLASS(s, S_QNAN, 0x200)
        CLASS(s, S_NQNAN, 0x200)
        CLASS(s, S_PQNAN, 0x200)

        /* ---- single -> integer ---- */
        F2I_RM(s, fcvt.w.s, S_2P5, 2, 2, 2, 3, 3, NX)
        F2I_RM(s, fcvt.w.s, S_M2P5, -2, -2, -3, -2, -3, NX)
        F2I_RM(s, fcvt.w.s, S_1P5, 2, 1, 1, 2, 2, NX)
        F2I_RM(s, fcvt.w.s, S_HALF, 0, 0, 0, 1, 1, NX)
        F2I_RM(s, fcvt.w.s, S_MHALF, 0, 0, -1, 0, -1, NX)
        F2I_RM(s, fcvt.w.s, S_THREE, 3, 3, 3, 3, 3, 0)
        F2I(s, fcvt.w.s, S_NZ, rne, 0, 0)
        F2I(s, fcvt.w.s, S_QNAN, rtz, 0x7fffffff, NV)
        F2I(s, fcvt.w.s, S_NQNAN, rtz, 0x7fffffff, NV)
        F2I(s, fcvt.w.s, S_SNAN, rtz, 0x7fffffff, NV)
        F2I(s, fcvt.w.s, S_PINF, rtz, 0x7fffffff, NV)
        F2I(s, fcvt.w.s, S_NINF, rtz, 0xffffffff80000000, NV)
        F2I(s, fcvt.w.s, 0x4f000000, rtz, 0x7fffffff, NV)         /* 2^31 */
        F2I(s, fcvt.w.s, 0x4effffff, rtz, 0x7fffff80, 0)          /* 2^31 - 128 */
        F2I(s, fcvt.w.s, 0xcf000000, rtz, 0xffffffff80000000, 0)  /* -2^31 exactly */
        F2I(s, fcvt.w.s, 0xcf000001, rtz, 0xffffffff80000000, NV)
        F2I(s, fcvt.w.s, 0xc0e00000, rne, -7, 0)
        F2I(s, fcvt.wu.s, S_QNAN, rtz, 0xffffffffffffffff, NV)    /* results are sign-extended */
        F2I(s, fcvt.wu.s, S_PINF, rtz, 0xffffffffffffffff, NV)
        F2I(s, fcvt.wu.s, S_NINF, rtz, 0, NV)
        F2I(s, fcvt.wu.s, S_M1, rtz, 0, NV)
        /* -0.5 rounds to -0 (fine: NX) or to -1 (not representable: NV) */
        F2I(s, fcvt.wu.s, S_MHALF, rne, 0, NX)
        F2I(s, fcvt.wu.s, S_MHALF, rtz, 0, NX)
        F2I(s, fcvt.wu.s, S_MHALF, rdn, 0, NV)
        F2I(s, fcvt.wu.s, S_MHALF, rup, 0, NX)
        F2I(s, fcvt.wu.s, S_MHALF, rmm, 0, NV)
        F2I(s, fcvt.wu.s, 0x4f32d05e, rtz, 0xffffffffb2d05e00, 0) /* 3e9 */
        F2I(s, fcvt.wu.s, 0x4f800000, rtz, 0xffffffffffffffff, NV) /* 2^32 */
        F2I(s, fcvt.wu.s, 0x4f7fffff, rtz, 0xffffffffffffff00, 0) /* 2^32 - 256 */
        F2I_RM(s, fcvt.wu.s, S_2P5, 2, 2, 2, 3, 3, NX)
        F2I(s, fcvt.wu.s, S_NZ, rtz, 0, 0)
        F2I(s, fcvt.l.s, S_QNAN, rtz, 0x7fffffffffffffff, NV)
        F2I(s, fcvt.l.s, S_PINF, rtz, 0x7fffffffffffffff, NV)
        F2I(s, fcvt.l.s, S_NINF, rtz, 0x8000000000000000, NV)
        F2I(s, fcvt.l.s, 0x5f000000, rtz, 0x7fffffffffffffff, NV) /* 2^63 */
        F2I(s, fcvt.l.s, 0xdf000000, rtz, 0x8000000000000000, 0)  /* -2^63 */
        F2I(s, fcvt.l.s, 0xdf000001, rtz, 0x8000000000000000, NV)
        F2I(s, fcvt.l.s, 0x4f000000, rtz, 0x80000000, 0)          /* 2^31 fits in 64 bits */
        F2I_RM(s, fcvt.l.s, S_M2P5, -2, -2, -3, -2, -3, NX)
        F2I(s, fcvt.lu.s, S_QNAN, rtz, 0xffffffffffffffff, NV)
        F2I(s, fcvt.lu.s, S_NINF, rtz, 0, NV)
        F2I(s, fcvt.lu.s, S_M1, rtz, 0, NV)
        F2I(s, fcvt.lu.s, S_MHALF, rtz, 0, NX)
        F2I(s, fcvt.lu.s, 0x5f800000, rtz, 0xffffffffffffffff, NV) /* 2^64 */
        F2I(s, fcvt.lu.s, 0x5f000000, rtz, 0x8000000000000000, 0)  /* 2^63 */
        F2I(s, fcvt.lu.s, 0x5f7fffff, rtz, 0xffffff0000000000, 0)
        F2I_RM(s, fcvt.lu.s, S_1P5, 2, 1, 1, 2, 2, NX)

        /* ---- integer -> single ---- */
        I2F_RM(s, fcvt.s.w, 0x7fffffff, 0x4f000000, 0x4effffff, 0x4effffff, 0x4f000000, 0x4f000000, NX)
        I2F_RM(s, fcvt.s.w, 0xffffffff80000001, 0xcf000000, 0xceffffff, 0xcf000000, 0xceffffff, 0xcf000000, NX)
        I2F_RM(s, fcvt.s.w, 16777217, 0x4b800000, 0x4b800000, 0x4b800000, 0x4b800001, 0x4b800001, NX)
        I2F_RM(s, fcvt.s.w, 16777219, 0x4b800002, 0x4b800001, 0x4b800001, 0x4b800002, 0x4b800002, NX)
        I2F(s, fcvt.s.w, 0x00000000ffffffff, rne, S_M1, 0)        /* only the low word counts */
        I2F(s, fcvt.s.w, 0x0000000100000001, rne, S_ONE, 0)
        I2F(s, fcvt.s.w, 0, rdn, S_PZ, 0)                         /* +0 even when rounding down */
        I2F(s, fcvt.s.w, 0xffffffff80000000, rne, 0xcf000000, 0)
        I2F_RM(s, fcvt.s.wu, 0xffffffff, 0x4f800000, 0x4f7fffff, 0x4f7fffff, 0x4f800000, 0x4f800000, NX)
        I2F(s, fcvt.s.wu, 0xffffffff80000000, rne, 0x4f000000, 0)
        I2F(s, fcvt.s.wu, 0x0000000500000003, rne, S_THREE, 0)
        I2F_RM(s, fcvt.s.l, 16777217, 0x4b800000, 0x4b800000, 0x4b800000, 0x4b800001, 0x4b800001, NX)
        I2F_RM(s, fcvt.s.l, 0x7fffffffffffffff, 0x5f000000, 0x5effffff, 0x5effffff, 0x5f000000, 0x5f000000, NX)
        I2F_RM(s, fcvt.s.l, -16777217, 0xcb800000, 0xcb800000, 0xcb800001, 0xcb800000, 0xcb800001, NX)
        I2F(s, fcvt.s.l, 0x8000000000000000, rne, 0xdf000000, 0)
        I2F(s, fcvt.s.l, -1, rne, S_M1, 0)
        I2F(s, fcvt.s.l, 0x100000000, rne, 0x4f800000, 0)
        I2F_RM(s, fcvt.s.lu, 0xffffffffffffffff, 0x5f800000, 0x5f7fffff, 0x5f7fffff, 0x5f800000, 0x5f800000, NX)
        I2F(s, fcvt.s.lu, 0x8000000000000000, rne, 0x5f000000, 0)
        I2F(s, fcvt.s.lu, 3, rne, S_THREE, 0)
        csrwi fflags, 0
        fcvt.s.w ft3, zero
        CHECK_S(ft3, S_PZ)
        CHECK_FLAGS(0)

        /* ---- moves: bits pass unchanged, no flags, no canonicalisation ---- */
        fli s, ft0, S_NZ
        fmv.x.w a0, ft0
        CHECK_EQ(a0, 0xffffffff80000000)       /* sign-extended */
        fli s, ft0, S_SNAN
        fmv.x.w a0, ft0
        CHECK_EQ(a0, S_SNAN)
        li a1, 0x123456789abcdef0
        fmv.w.x ft0, a1
        CHECK_S(ft0, 0x9abcdef0)                /* low word, NaN-boxed */
        CHECK_FLAGS(0)

        /* ---- flw / fsw ---- */
        lla s0, fdata
        flw ft0, 0(s0)                          /* 0xff800001: a signalling NaN stays as is */
        CHECK_S(ft0, S_NSNAN)
        flw ft1, 4(s0)                          /* 1.5 */
        CHECK_S(ft1, S_1P5)
        flw ft2, 9(s0)                          /* misaligned: bytes 9..12 */
        CHECK_S(ft2, 0x40200000)
        CHECK_FLAGS(0)
        fsw ft0, 16(s0)
        lwu a0, 16(s0)
        CHECK_EQ(a0, 0xff800001)
        lwu a0, 20(s0)                          /* the neighbour is untouched */
        CHECK_EQ(a0, 0xdeadbeef)
        fsw ft1, 21(s0)                         /* misaligned store */
        lwu a0, 21(s0)
        CHECK_EQ(a0, S_1P5)

        /* ---- NaN-boxing ---- */
        /* improperly boxed single inputs are read as the canonical NaN (quiet: no NV) */
        LI_D(fa0, 0x000000003f800000)
        csrwi fflags, 0
        fadd.s fa2, fa0, fa0
        CHECK_S(fa2, S_QNAN)
        CHECK_FLAGS(0)
        LI_D(fa0, 0xfffffffe3f800000)            /* one upper bit clear is enough */
        fmul.s fa2, fa0, fa0
        CHECK_S(fa2, S_QNAN)
        LI_D(fa0, 0xffffffff3f800000)            /* properly boxed 1.0 */
        fadd.s fa2, fa0, fa0
        CHECK_S(fa2, S_TWO)
        CHECK_FLAGS(0)
        LI_D(fa0, 0x000000003f800000)            /* improper again */
        LI_S(fa1, S_M1)
        LI_S(fa3, S_ONE)
        fsgnj.s fa2, fa0, fa1                    /* canonical NaN with rs2's sign */
        CHECK_S(fa2, S_NQNAN)
        fsgnj.s fa2, fa1, fa0                    /* sign of the canonical NaN: + */
        CHECK_S(fa2, S_ONE)
        fsgnjn.s fa2, fa3, fa0
        CHECK_S(fa2, S_M1)
        fsgnjx.s fa2, fa1, fa0
        CHECK_S(fa2, S_M1)
        fclass.s a0, fa0
        CHECK_EQ(a0, 0x200)
        feq.s a0, fa0, fa0
        CHECK_EQ(a0, 0)
        CHECK_FLAGS(0)
        flt.s a0, fa0, fa3
        CHECK_EQ(a0, 0)
        CHECK_FLAGS(NV)
        fmin.s fa2, fa0, fa3
        CHECK_S(fa2, S_ONE)
        fmax.s fa2, fa0, fa0
        CHECK_S(fa2, S_QNAN)
        fmadd.s fa2, fa3, fa3, fa0
        CHECK_S(fa2, S_QNAN)
        fsqrt.s fa2, fa0
        CHECK_S(fa2, S_QNAN)
        CHECK_FLAGS(0)
        fcvt.w.s a0, fa0, rtz
        CHECK_EQ(a0, 0x7fffffff)
        CHECK_FLAGS(NV)
        fcvt.d.s fa2, fa0
        CHECK_D(fa2, 0x7ff8000000000000)
        CHECK_FLAGS(0)
        /* moves and stores take the low bits regardless of the box */
        LI_D(fa0, 0x1234567880000000)
        fmv.x.w a0, fa0
        CHECK_EQ(a0, 0xffffffff80000000)
        fsw fa0, 24(s0)
        lwu a0, 24(s0)
        CHECK_EQ(a0, 0x80000000)
        CHECK_FLAGS(0)

        /* ---- fcsr / frm / fflags ---- */
        li a1, 0xff
        csrw fcsr, a1
        csrr a0, fcsr
        CHECK_EQ(a0, 0xff)
        csrr a0, frm
        CHECK_EQ(a0, 7)
        csrr a0, fflags
        CHECK_EQ(a0, 0x1f)
        li a1, 0xffffffff                       /* bits 31..8 are ignored / read as zero */
        csrw fcsr, a1
        csrr a0, fcsr
        CHECK_EQ(a0, 0xff)
        csrwi fcsr, 0
        csrr a0, fcsr
        CHECK_EQ(a0, 0)
        li a1, 0xff
        csrw fflags, a1                          /* fflags is 5 bits */
        csrr a0, fflags
        CHECK_EQ(a0, 0x1f)
        csrr a0, fcsr
        CHECK_EQ(a0, 0x1f)
        csrr a0, frm
        CHECK_EQ(a0, 0)
        csrwi frm, 3
        csrr a0, fcsr
        CHECK_EQ(a0, 0x7f)
        li a1, 0xfd                              /* frm is 3 bits */
        csrw frm, a1
        csrr a0, frm
        CHECK_EQ(a0, 5)
        li a1, 2
        csrrw a0, frm, a1                        /* returns the old value */
        CHECK_EQ(a0, 5)
        frrm a0
        CHECK_EQ(a0, 2)
        fsrmi a0, 1
        CHECK_EQ(a0, 2)
        fsrm a0, zero
        CHECK_EQ(a0, 1)
        csrwi fflags, 0
        li a1, 0x4
        csrrs a0, fflags, a1
        CHECK_EQ(a0, 0)
        csrrsi a0, fflags, 0x11
        CHECK_EQ(a0, 0x4)
        csrrci a0, fflags, 0x01
        CHECK_EQ(a0, 0x15)
        li a1, 0x10
        csrrc a0, fflags, a1
        CHECK_EQ(a0, 0x14)
        frflags a0
        CHECK_EQ(a0, 0x04)
        fsflagsi a0, 0x1b
        CHECK_EQ(a0, 0x04)
        csrrwi a0, fflags, 0
        CHECK_EQ(a0, 0x1b)
        li a1, 0x42
        fscsr a0, a1
        CHECK_EQ(a0, 0)
        frcsr a0
        CHECK_EQ(a0, 0x42)
        csrrs a0, fcsr, zero                     /* read without writing */
        CHECK_EQ(a0, 0x42)
        csrwi fcsr, 0
        /* flags accumulate across operations until cleared */
        fli s, ft0, S_ONE
        fli s, ft1, S_PZ
        fli s, ft2, S_THREE
        fdiv.s ft3, ft0, ft1                     /* DZ */
        fdiv.s ft3, ft0, ft2                     /* NX */
        fadd.s ft3, ft0, ft0                     /* exact: nothing cleared */
        csrr a0, fcsr
        CHECK_EQ(a0, DZ|NX)
        /* a static rounding mode leaves frm alone; dyn follows frm */
        li a1, (RM_RUP << 5)
        csrw fcsr, a1
        fli s, ft0, S_ONE
        fli s, ft1, S_THREE
        fdiv.s ft3, ft0, ft1, rtz
        CHECK_S(ft3, 0x3eaaaaaa)
        fdiv.s ft3, ft0, ft1
        CHECK_S(ft3, 0x3eaaaaab)
        csrr a0, fcsr
        CHECK_EQ(a0, (RM_RUP << 5) | NX)
        csrwi fcsr, 0
PASS

        .data
        .balign 8
fdata:
        .word 0xff800001, 0x3fc00000, 0x20000000, 0x00000040, 0, 0xdeadbeef, 0, 0, 0, 0
