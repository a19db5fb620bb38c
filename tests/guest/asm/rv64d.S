/*
 * rv64d.S - the D extension: every double-precision op under every rounding mode on values
 * that round differently, fflags, canonical NaNs and signalling inputs, fused multiply-add,
 * min/max/compare/classify, saturating conversions to and from 32/64-bit integers at the
 * edges, single<->double conversions (rounding, overflow, underflow, NaN canonicalisation),
 * fld/fsd (also misaligned), fmv.x.d/fmv.d.x, and all 32 FP registers being independent.
 */
#include "macros.h"
#include "fp_macros.h"

#define D_ONE    0x3ff0000000000000
#define D_M1     0xbff0000000000000
#define D_TWO    0x4000000000000000
#define D_THREE  0x4008000000000000
#define D_HALF   0x3fe0000000000000
#define D_MHALF  0xbfe0000000000000
#define D_1P5    0x3ff8000000000000
#define D_2P5    0x4004000000000000
#define D_M2P5   0xc004000000000000
#define D_PINF   0x7ff0000000000000
#define D_NINF   0xfff0000000000000
#define D_QNAN   0x7ff8000000000000     /* the canonical NaN */
#define D_NQNAN  0xfff8000000000000
#define D_PQNAN  0x7ff8000000012345
#define D_SNAN   0x7ff0000000000001
#define D_NSNAN  0xfff0000000000001
#define D_PZ     0x0000000000000000
#define D_NZ     0x8000000000000000
#define D_MAX    0x7fefffffffffffff
#define D_NMAX   0xffefffffffffffff
#define D_MINN   0x0010000000000000
#define D_MINSUB 0x0000000000000001
#define D_NMINSUB 0x8000000000000001
#define D_EPS53  0x3ca0000000000000     /* 2^-53: half an ulp of 1.0 */
#define D_NEPS53 0xbca0000000000000
#define D_EPS54  0x3c90000000000000
#define S_ONE    0x3f800000
#define S_1P5    0x3fc00000
#define S_QNAN   0x7fc00000
#define S_SNAN   0x7f800001
#define S_PQNAN  0x7fc12345
#define S_PINF   0x7f800000
#define S_NINF   0xff800000
#define S_MAX    0x7f7fffff
#define S_NZ     0x80000000

#define NV FF_NV
#define DZ FF_DZ
#define OF FF_OF
#define UF FF_UF
#define NX FF_NX

TEST_START
        /* ---- fadd.d / fsub.d ---- */
        OP2_RM(d, fadd.d, D_ONE, D_EPS53, D_ONE, D_ONE, D_ONE, 0x3ff0000000000001, 0x3ff0000000000001, NX)
        OP2_RM(d, fadd.d, D_M1, D_NEPS53, D_M1, D_M1, 0xbff0000000000001, D_M1, 0xbff0000000000001, NX)
        OP2_RM(d, fadd.d, 0x3ff0000000000001, D_EPS53, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000002, 0x3ff0000000000002, NX)
        OP2_RM(d, fadd.d, D_ONE, D_TWO, D_THREE, D_THREE, D_THREE, D_THREE, D_THREE, 0)
        OP2_RM(d, fadd.d, D_PZ, D_NZ, D_PZ, D_PZ, D_NZ, D_PZ, D_PZ, 0)
        OP2_RM(d, fadd.d, D_MAX, D_MAX, D_PINF, D_MAX, D_MAX, D_PINF, D_PINF, OF|NX)
        OP2_RM(d, fadd.d, D_NMAX, D_NMAX, D_NINF, D_NMAX, D_NINF, D_NMAX, D_NINF, OF|NX)
        OP2(d, fadd.d, D_MINSUB, D_MINSUB, rne, 0x0000000000000002, 0)
        OP2(d, fadd.d, 0x000fffffffffffff, D_MINSUB, rne, D_MINN, 0)
        OP2(d, fadd.d, D_PINF, D_NINF, rne, D_QNAN, NV)
        OP2(d, fadd.d, D_PQNAN, D_ONE, rne, D_QNAN, 0)
        OP2(d, fadd.d, D_NQNAN, D_ONE, rne, D_QNAN, 0)
        OP2(d, fadd.d, D_ONE, D_SNAN, rne, D_QNAN, NV)
        OP2(d, fadd.d, D_NINF, D_M1, rne, D_NINF, 0)
        OP2_RM(d, fsub.d, D_ONE, D_EPS54, D_ONE, 0x3fefffffffffffff, 0x3fefffffffffffff, D_ONE, D_ONE, NX)
        OP2_RM(d, fsub.d, D_2P5, D_2P5, D_PZ, D_PZ, D_NZ, D_PZ, D_PZ, 0)
        OP2(d, fsub.d, D_ONE, D_THREE, rne, 0xc000000000000000, 0)
        OP2(d, fsub.d, D_NINF, D_NINF, rne, D_QNAN, NV)
        OP2(d, fsub.d, D_NZ, D_PZ, rne, D_NZ, 0)
        OP2(d, fsub.d, D_SNAN, D_SNAN, rne, D_QNAN, NV)

        /* ---- fmul.d ---- */
        /* (1 + 2^-26)(1 + 2^-27) = 1 + 2^-26 + 2^-27 + 2^-53: a tie */
        OP2_RM(d, fmul.d, 0x3ff0000004000000, 0x3ff0000002000000, 0x3ff0000006000000, 0x3ff0000006000000, 0x3ff0000006000000, 0x3ff0000006000001, 0x3ff0000006000001, NX)
        OP2_RM(d, fmul.d, 0xbff0000004000000, 0x3ff0000002000000, 0xbff0000006000000, 0xbff0000006000000, 0xbff0000006000001, 0xbff0000006000000, 0xbff0000006000001, NX)
        OP2(d, fmul.d, D_THREE, D_M2P5, rne, 0xc01e000000000000, 0)
        OP2(d, fmul.d, D_NZ, D_THREE, rne, D_NZ, 0)
        OP2(d, fmul.d, D_PINF, D_PZ, rne, D_QNAN, NV)
        OP2_RM(d, fmul.d, D_MAX, D_TWO, D_PINF, D_MAX, D_MAX, D_PINF, D_PINF, OF|NX)
        OP2_RM(d, fmul.d, D_MINSUB, D_HALF, D_PZ, D_PZ, D_PZ, D_MINSUB, D_MINSUB, UF|NX)
        OP2_RM(d, fmul.d, D_NMINSUB, D_HALF, D_NZ, D_NZ, D_NMINSUB, D_NZ, D_NMINSUB, UF|NX)
        OP2(d, fmul.d, D_MINN, D_HALF, rne, 0x0008000000000000, 0)
        /* tininess after rounding: 2^-1022 * (1 - 2^-54) */
        OP2(d, fmul.d, 0x000ffffffe000000, 0x3ff0000002000000, rne, D_MINN, NX)
        OP2(d, fmul.d, 0x000ffffffe000000, 0x3ff0000002000000, rtz, 0x000fffffffffffff, UF|NX)
        OP2(d, fmul.d, D_SNAN, D_ONE, rne, D_QNAN, NV)

        /* ---- fdiv.d ---- */
        OP2_RM(d, fdiv.d, D_ONE, D_THREE, 0x3fd5555555555555, 0x3fd5555555555555, 0x3fd5555555555555, 0x3fd5555555555556, 0x3fd5555555555555, NX)
        OP2_RM(d, fdiv.d, D_M1, D_THREE, 0xbfd5555555555555, 0xbfd5555555555555, 0xbfd5555555555556, 0xbfd5555555555555, 0xbfd5555555555555, NX)
        OP2_RM(d, fdiv.d, D_TWO, D_THREE, 0x3fe5555555555555, 0x3fe5555555555555, 0x3fe5555555555555, 0x3fe5555555555556, 0x3fe5555555555555, NX)
        OP2(d, fdiv.d, D_ONE, D_PZ, rne, D_PINF, DZ)
        OP2(d, fdiv.d, D_ONE, D_NZ, rne, D_NINF, DZ)
        OP2(d, fdiv.d, D_NZ, D_NZ, rne, D_QNAN, NV)
        OP2(d, fdiv.d, D_PINF, D_PINF, rne, D_QNAN, NV)
        OP2(d, fdiv.d, D_NINF, D_PZ, rne, D_NINF, 0)
        OP2(d, fdiv.d, D_MAX, D_HALF, rne, D_PINF, OF|NX)
        OP2(d, fdiv.d, D_MINN, D_MAX, rne, D_PZ, UF|NX)
        OP2(d, fdiv.d, D_MINN, D_MAX, rup, D_MINSUB, UF|NX)
        OP2(d, fdiv.d, 0x4018000000000000, D_THREE, rne, D_TWO, 0)

        /* ---- fsqrt.d ---- */
        OP1_RM(d, fsqrt.d, D_TWO, 0x3ff6a09e667f3bcd, 0x3ff6a09e667f3bcc, 0x3ff6a09e667f3bcc, 0x3ff6a09e667f3bcd, 0x3ff6a09e667f3bcd, NX)
        OP1(d, fsqrt.d, 0x4010000000000000, rne, D_TWO, 0)
        OP1(d, fsqrt.d, D_M1, rne, D_QNAN, NV)
        OP1(d, fsqrt.d, D_NZ, rne, D_NZ, 0)
        OP1(d, fsqrt.d, D_PINF, rne, D_PINF, 0)
        OP1(d, fsqrt.d, D_NINF, rne, D_QNAN, NV)
        OP1(d, fsqrt.d, D_SNAN, rne, D_QNAN, NV)
        OP1(d, fsqrt.d, D_PQNAN, rne, D_QNAN, 0)

        /* ---- fused multiply-add ---- */
        /* (1+2^-27)^2 - (1+2^-26) = 2^-54 exactly when fused */
        OP3(d, fmadd.d, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000004000000, rne, D_EPS54, 0)
        OP3(d, fmsub.d, 0x3ff0000002000000, 0x3ff0000002000000, 0x3ff0000004000000, rne, D_EPS54, 0)
        OP3(d, fnmadd.d, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000004000000, rne, 0xbc90000000000000, 0)
        OP3(d, fnmsub.d, 0x3ff0000002000000, 0x3ff0000002000000, 0x3ff0000004000000, rne, 0xbc90000000000000, 0)
        OP3(d, fmadd.d, D_TWO, D_THREE, D_ONE, rne, 0x401c000000000000, 0)
        OP3(d, fmsub.d, D_TWO, D_THREE, D_ONE, rne, 0x4014000000000000, 0)
        OP3(d, fnmsub.d, D_TWO, D_THREE, D_ONE, rne, 0xc014000000000000, 0)
        OP3(d, fnmadd.d, D_TWO, D_THREE, D_ONE, rne, 0xc01c000000000000, 0)
        OP3_RM(d, fmadd.d, D_ONE, D_ONE, D_EPS53, D_ONE, D_ONE, D_ONE, 0x3ff0000000000001, 0x3ff0000000000001, NX)
        OP3_RM(d, fnmadd.d, D_ONE, D_ONE, D_EPS53, D_M1, D_M1, 0xbff0000000000001, D_M1, 0xbff0000000000001, NX)
        OP3_RM(d, fmsub.d, D_ONE, D_ONE, D_NEPS53, D_ONE, D_ONE, D_ONE, 0x3ff0000000000001, 0x3ff0000000000001, NX)
        OP3_RM(d, fnmsub.d, D_ONE, D_ONE, D_NEPS53, D_M1, D_M1, 0xbff0000000000001, D_M1, 0xbff0000000000001, NX)
        OP3_RM(d, fmadd.d, D_ONE, D_M1, D_ONE, D_PZ, D_PZ, D_NZ, D_PZ, D_PZ, 0)
        OP3(d, fmadd.d, D_PZ, D_NINF, D_PQNAN, rne, D_QNAN, NV)
        OP3(d, fmadd.d, D_PINF, D_ONE, D_NINF, rne, D_QNAN, NV)
        OP3(d, fmadd.d, D_ONE, D_SNAN, D_ONE, rne, D_QNAN, NV)
        OP3(d, fmadd.d, D_ONE, D_ONE, D_PQNAN, rne, D_QNAN, 0)
        OP3(d, fmadd.d, D_MAX, D_TWO, D_NMAX, rne, D_MAX, 0)
        OP3(d, fnmadd.d, D_MAX, D_TWO, D_PZ, rne, D_NINF, OF|NX)

        /* ---- fmin.d / fmax.d / sign injection ---- */
        OP2N(d, fmin.d, D_ONE, D_TWO, D_ONE, 0)
        OP2N(d, fmax.d, D_ONE, D_TWO, D_TWO, 0)
        OP2N(d, fmin.d, D_PZ, D_NZ, D_NZ, 0)
        OP2N(d, fmax.d, D_NZ, D_PZ, D_PZ, 0)
        OP2N(d, fmin.d, D_PQNAN, D_M1, D_M1, 0)
        OP2N(d, fmax.d, D_M1, D_SNAN, D_M1, NV)
        OP2N(d, fmin.d, D_NQNAN, D_PQNAN, D_QNAN, 0)
        OP2N(d, fmax.d, D_SNAN, D_SNAN, D_QNAN, NV)
        OP2N(d, fmax.d, D_NINF, D_NMAX, D_NMAX, 0)
        OP2N(d, fsgnj.d, D_ONE, D_M1, D_M1, 0)
        OP2N(d, fsgnjn.d, D_ONE, D_M1, D_ONE, 0)
        OP2N(d, fsgnjx.d, D_M1, D_M1, D_ONE, 0)
        OP2N(d, fsgnj.d, D_SNAN, D_NZ, D_NSNAN, 0)
        OP2N(d, fsgnjn.d, D_PQNAN, D_PZ, 0xfff8000000012345, 0)
        OP2N(d, fsgnjx.d, D_NINF, D_M1, D_PINF, 0)
        /* the .d forms see all 64 bits: a boxed single is just a NaN */
        OP2N(d, fsgnj.d, 0xffffffff3f800000, D_ONE, 0x7fffffff3f800000, 0)

        /* ---- comparisons and fclass.d ---- */
        CMP(d, feq.d, D_ONE, D_ONE, 1, 0)
        CMP(d, feq.d, D_PZ, D_NZ, 1, 0)
        CMP(d, feq.d, D_QNAN, D_QNAN, 0, 0)
        CMP(d, feq.d, D_ONE, D_SNAN, 0, NV)
        CMP(d, flt.d, D_M1, D_ONE, 1, 0)
        CMP(d, flt.d, D_ONE, D_ONE, 0, 0)
        CMP(d, flt.d, D_NZ, D_PZ, 0, 0)
        CMP(d, flt.d, D_QNAN, D_ONE, 0, NV)
        CMP(d, fle.d, D_ONE, D_ONE, 1, 0)
        CMP(d, fle.d, D_PZ, D_NZ, 1, 0)
        CMP(d, fle.d, D_TWO, D_ONE, 0, 0)
        CMP(d, fle.d, D_NQNAN, D_NQNAN, 0, NV)
        CMP(d, flt.d, D_NINF, D_NMAX, 1, 0)
        CLASS(d, D_NINF, 0x001)
        CLASS(d, D_M1, 0x002)
        CLASS(d, D_NMINSUB, 0x004)
        CLASS(d, D_NZ, 0x008)
        CLASS(d, D_PZ, 0x010)
        CLASS(d, 0x000fffffffffffff, 0x020)
        CLASS(d, D_MINN, 0x040)
        CLASS(d, D_PINF, 0x080)
        CLASS(d, D_SNAN, 0x100)
        CLASS(d, 0x7ff7ffffffffffff, 0x100)
        CLASS(d, D_QNAN, 0x200)
        CLASS(d, D_NQNAN, 0x200)
        CLASS(d, 0xffffffff3f800000, 0x200)     /* a boxed single is a quiet NaN to .d */

        /* ---- double -> integer ---- */
        F2I_RM(d, fcvt.w.d, D_2P5, 2, 2, 2, 3, 3, NX)
        F2I_RM(d, fcvt.w.d, D_M2P5, -2, -2, -3, -2, -3, NX)
        F2I_RM(d, fcvt.w.d, D_1P5, 2, 1, 1, 2, 2, NX)
        /* 2147483647.5: rounding up leaves the range */
        F2I(d, fcvt.w.d, 0x41dfffffffe00000, rne, 0x7fffffff, NV)
        F2I(d, fcvt.w.d, 0x41dfffffffe00000, rtz, 0x7fffffff, NX)
        F2I(d, fcvt.w.d, 0x41dfffffffe00000, rdn, 0x7fffffff, NX)
        F2I(d, fcvt.w.d, 0x41dfffffffe00000, rup, 0x7fffffff, NV)
        F2I(d, fcvt.w.d, 0x41dfffffffe00000, rmm, 0x7fffffff, NV)
        /* -2147483648.5: rounding down leaves the range */
        F2I(d, fcvt.w.d, 0xc1e0000000100000, rne, 0xffffffff80000000, NX)
        F2I(d, fcvt.w.d, 0xc1e0000000100000, rtz, 0xffffffff80000000, NX)
        F2I(d, fcvt.w.d, 0xc1e0000000100000, rdn, 0xffffffff80000000, NV)
        F2I(d, fcvt.w.d, 0xc1e0000000100000, rup, 0xffffffff80000000, NX)
        F2I(d, fcvt.w.d, 0xc1e0000000100000, rmm, 0xffffffff80000000, NV)
        F2I(d, fcvt.w.d, 0x41dfffffffc00000, rtz, 0x7fffffff, 0)
        F2I(d, fcvt.w.d, 0xc1e0000000000000, rtz, 0xffffffff80000000, 0)
        F2I(d, fcvt.w.d, D_QNAN, rtz, 0x7fffffff, NV)
        F2I(d, fcvt.w.d, D_NSNAN, rtz, 0x7fffffff, NV)
        F2I(d, fcvt.w.d, D_PINF, rtz, 0x7fffffff, NV)
        F2I(d, fcvt.w.d, D_NINF, rtz, 0xffffffff80000000, NV)
        F2I(d, fcvt.w.d, D_NZ, rtz, 0, 0)
        F2I(d, fcvt.wu.d, 0x41effffffff00000, rne, 0xffffffffffffffff, NV)   /* 4294967295.5 */
        F2I(d, fcvt.wu.d, 0x41effffffff00000, rtz, 0xffffffffffffffff, NX)
        F2I(d, fcvt.wu.d, 0x41effffffff00000, rdn, 0xffffffffffffffff, NX)
        F2I(d, fcvt.wu.d, 0x41effffffff00000, rup, 0xffffffffffffffff, NV)
        F2I(d, fcvt.wu.d, 0x41effffffff00000, rmm, 0xffffffffffffffff, NV)
        F2I(d, fcvt.wu.d, 0x41dfffffffc00000, rtz, 0x7fffffff, 0)
        F2I(d, fcvt.wu.d, 0x41e0000000000000, rtz, 0xffffffff80000000, 0)   /* 2^31 */
        F2I(d, fcvt.wu.d, D_QNAN, rtz, 0xffffffffffffffff, NV)
        F2I(d, fcvt.wu.d, D_NINF, rtz, 0, NV)
        F2I(d, fcvt.wu.d, D_M1, rtz, 0, NV)
        F2I(d, fcvt.wu.d, D_MHALF, rtz, 0, NX)
        F2I(d, fcvt.wu.d, D_MHALF, rdn, 0, NV)
        F2I(d, fcvt.l.d, 0x43e0000000000000, rtz, 0x7fffffffffffffff, NV)    /* 2^63 */
        F2I(d, fcvt.l.d, 0xc3e0000000000000, rtz, 0x8000000000000000, 0)     /* -2^63 */
        F2I(d, fcvt.l.d, 0xc3e0000000000001, rtz, 0x8000000000000000, NV)
        F2I(d, fcvt.l.d, 0x43dfffffffffffff, rtz, 0x7ffffffffffffc00, 0)
        F2I(d, fcvt.l.d, D_QNAN, rtz, 0x7fffffffffffffff, NV)
        F2I(d, fcvt.l.d, D_NQNAN, rtz, 0x7fffffffffffffff, NV)
        F2I(d, fcvt.l.d, D_PINF, rtz, 0x7fffffffffffffff, NV)
        F2I(d, fcvt.l.d, D_NINF, rtz, 0x8000000000000000, NV)
        F2I(d, fcvt.l.d, 0x4340000000000001, rtz, 0x20000000000002, 0)       /* 2^53 + 2 */
        F2I_RM(d, fcvt.l.d, D_MHALF, 0, 0, -1, 0, -1, NX)
        F2I(d, fcvt.lu.d, 0x43f0000000000000, rtz, 0xffffffffffffffff, NV)   /* 2^64 */
        F2I(d, fcvt.lu.d, 0x43efffffffffffff, rtz, 0xfffffffffffff800, 0)
        F2I(d, fcvt.lu.d, 0x43e0000000000000, rtz, 0x8000000000000000, 0)
        F2I(d, fcvt.lu.d, D_QNAN, rtz, 0xffffffffffffffff, NV)
        F2I(d, fcvt.lu.d, D_PINF, rtz, 0xffffffffffffffff, NV)
        F2I(d, fcvt.lu.d, D_NINF, rtz, 0, NV)
        F2I(d, fcvt.lu.d, D_M1, rtz, 0, NV)
        F2I(d, fcvt.lu.d, D_MHALF, rtz, 0, NX)
        F2I_RM(d, fcvt.lu.d, D_2P5, 2, 2, 2, 3, 3, NX)

        /* ---- integer -> double ---- */
        I2F_RM(d, fcvt.d.l, 9007199254740993, 0x4340000000000000, 0x4340000000000000, 0x4340000000000000, 0x4340000000000001, 0x4340000000000001, NX)
        I2F_RM(d, fcvt.d.l, -9007199254740993, 0xc340000000000000, 0xc340000000000000, 0xc340000000000001, 0xc340000000000000, 0xc340000000000001, NX)
        I2F_RM(d, fcvt.d.l, 0x7fffffffffffffff, 0x43e0000000000000, 0x43dfffffffffffff, 0x43dfffffffffffff, 0x43e0000000000000, 0x43e0000000000000, NX)
        I2F(d, fcvt.d.l, 0x8000000000000000, rne, 0xc3e0000000000000, 0)
        I2F(d, fcvt.d.l, -1, rne, D_M1, 0)
        I2F(d, fcvt.d.l, 0, rdn, D_PZ, 0)
        I2F_RM(d, fcvt.d.lu, 0xffffffffffffffff, 0x43f0000000000000, 0x43efffffffffffff, 0x43efffffffffffff, 0x43f0000000000000, 0x43f0000000000000, NX)
        I2F(d, fcvt.d.lu, 0x8000000000000000, rne, 0x43e0000000000000, 0)
        I2F(d, fcvt.d.lu, 3, rne, D_THREE, 0)
        /* int32 -> double is always exact */
        li a4, -1
        fcvt.d.w ft3, a4
        CHECK_D(ft3, D_M1)
        li a4, 0x00000000ffffffff               /* only the low word counts */
        fcvt.d.w ft3, a4
        CHECK_D(ft3, D_M1)
        li a4, 0x7fffffff
        fcvt.d.w ft3, a4
        CHECK_D(ft3, 0x41dfffffffc00000)
        li a4, 0x80000000
        fcvt.d.w ft3, a4
        CHECK_D(ft3, 0xc1e0000000000000)
        li a4, 0xffffffffffffffff
        fcvt.d.wu ft3, a4
        CHECK_D(ft3, 0x41efffffffe00000)
        li a4, 0x1234567800000003
        fcvt.d.wu ft3, a4
        CHECK_D(ft3, D_THREE)
        fcvt.d.w ft3, zero
        CHECK_D(ft3, D_PZ)
        CHECK_FLAGS(0)

        /* ---- double <-> single ---- */
        F2F_RM(d, s, fcvt.s.d, 0x3fd5555555555555, 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaab, NX)
        F2F_RM(d, s, fcvt.s.d, 0xbfd5555555555555, 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaab, NX)
        F2F_RM(d, s, fcvt.s.d, D_MAX, S_PINF, S_MAX, S_MAX, S_PINF, S_PINF, OF|NX)
        F2F_RM(d, s, fcvt.s.d, D_MINN, 0, 0, 0, 1, 0, UF|NX)
        F2F(d, s, fcvt.s.d, 0x36a0000000000000, rne, 0x00000001, 0)     /* 2^-149 exactly */
        F2F(d, s, fcvt.s.d, 0x3690000000000000, rne, 0x00000000, UF|NX) /* 2^-150: tie to 0 */
        F2F(d, s, fcvt.s.d, 0x3690000000000001, rne, 0x00000001, UF|NX)
        F2F(d, s, fcvt.s.d, D_1P5, rne, S_1P5, 0)
        F2F(d, s, fcvt.s.d, D_NZ, rne, S_NZ, 0)
        F2F(d, s, fcvt.s.d, D_NINF, rne, S_NINF, 0)
        F2F(d, s, fcvt.s.d, D_PQNAN, rne, S_QNAN, 0)
        F2F(d, s, fcvt.s.d, D_NQNAN, rne, S_QNAN, 0)
        F2F(d, s, fcvt.s.d, D_SNAN, rne, S_QNAN, NV)
        F2F(d, s, fcvt.s.d, 0x47efffffe0000000, rne, S_MAX, 0)            /* FLT_MAX exactly */
        F2F(d, s, fcvt.s.d, 0x47efffffefffffff, rne, S_MAX, NX)           /* just below the tie */
        F2F(d, s, fcvt.s.d, 0x47effffff0000000, rne, S_PINF, OF|NX)       /* the tie rounds up */
        /* single -> double is exact except for NaNs */
        LI_S(ft0, S_1P5)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, D_1P5)
        LI_S(ft0, 0x00000001)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, 0x36a0000000000000)
        LI_S(ft0, S_NINF)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, D_NINF)
        LI_S(ft0, S_NZ)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, D_NZ)
        LI_S(ft0, S_MAX)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, 0x47efffffe0000000)
        LI_S(ft0, S_PQNAN)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, D_QNAN)
        CHECK_FLAGS(0)
        LI_S(ft0, S_SNAN)
        fcvt.d.s ft3, ft0
        CHECK_D(ft3, D_QNAN)
        CHECK_FLAGS(NV)

        /* ---- moves and memory ---- */
        li a1, 0xfff0000000000001
        fmv.d.x ft0, a1
        fmv.x.d a0, ft0
        CHECK_EQ(a0, 0xfff0000000000001)
        CHECK_FLAGS(0)
        lla s0, ddata
        fld ft0, 0(s0)
        CHECK_D(ft0, D_NSNAN)
        fld ft1, 8(s0)
        CHECK_D(ft1, D_2P5)
        fld ft2, 19(s0)                         /* misaligned */
        CHECK_D(ft2, 0x0123456789abcdef)
        fsd ft1, 33(s0)                         /* misaligned */
        ld a0, 32(s0)
        CHECK_EQ(a0, (D_2P5 << 8) | 0x11)
        LI_S(ft0, S_ONE)
        fsd ft0, 48(s0)                         /* a boxed single: all 64 bits stored */
        ld a0, 48(s0)
        CHECK_EQ(a0, 0xffffffff3f800000)
        CHECK_FLAGS(0)

        /* ---- all 32 FP registers are independent ---- */
        .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        li a0, 0x4000000000000000 + \r
        fmv.d.x f\r, a0
        .endr
        .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        CHECK_D(f\r, 0x4000000000000000 + \r)
        .endr
        /* rd == rs1 == rs2 */
        LI_D(fa0, D_THREE)
        fmul.d fa0, fa0, fa0
        CHECK_D(fa0, 0x4022000000000000)
        fmadd.d fa0, fa0, fa0, fa0
        CHECK_D(fa0, 0x4056800000000000)         /* 9*9 + 9 = 90 */
PASS

        .data
        .balign 8
ddata:
        .dword 0xfff0000000000001, 0x4004000000000000
        .byte 0, 0, 0, 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, 0, 0, 0, 0, 0
        .dword 0x1111111111111111, 0x1111111111111111, 0, 0
