/*
 * rv_fpu_vectors.h - the riscv64 F/D test vectors shared by test_rv_fpu.c (the rv_fpu helper)
 * and test_rv_fp_inline.c (the same operations as translated instructions): hand-picked
 * inputs for every op with the results and flags qemu-riscv64 7.2 produced (see
 * test_rv_fpu.c), and the generator of random operands both files use.
 */
#ifndef CROSSRUN_TEST_RV_FPU_VECTORS_H
#define CROSSRUN_TEST_RV_FPU_VECTORS_H

#include "targets/riscv64/fpu.h"

#define S(x) (0xffffffff00000000ull | (uint32_t)(x))   /* a NaN-boxed single */
enum {
    NX = RV_FFLAG_NX, UF = RV_FFLAG_UF, OF = RV_FFLAG_OF, DZ = RV_FFLAG_DZ, NV = RV_FFLAG_NV,
    RNE = RV_RM_RNE, RTZ = RV_RM_RTZ, RDN = RV_RM_RDN, RUP = RV_RM_RUP, RMM = RV_RM_RMM,
    ALL = -1,                            /* want[] holds the results for RNE..RMM in order */
};

struct fpu_vector {
    enum rv_fpop op;
    int rm;                              /* a rounding mode, or ALL */
    uint64_t a, b, c;
    struct {
        uint64_t r;
        uint32_t flags;
    } want[5];
};

__attribute__((unused)) static const char *const rm_names[] = { "rne", "rtz", "rdn", "rup", "rmm" };

static const struct fpu_vector add_sub_vectors[] = {
    /* --- single: rounding of ties and near-ties */
    /* 1 + 2^-24: tie, even neighbour is 1 */
    { RV_FADD_S, ALL, S(0x3f800000), S(0x33800000), 0, {
      { S(0x3f800000), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800001), NX } } },
    /* (1 + 2^-23) + 2^-24: tie, even neighbour above */
    { RV_FADD_S, ALL, S(0x3f800001), S(0x33800000), 0, {
      { S(0x3f800002), NX }, { S(0x3f800001), NX }, { S(0x3f800001), NX },
      { S(0x3f800002), NX }, { S(0x3f800002), NX } } },
    /* negative tie */
    { RV_FADD_S, ALL, S(0xbf800000), S(0xb3800000), 0, {
      { S(0xbf800000), NX }, { S(0xbf800000), NX }, { S(0xbf800001), NX },
      { S(0xbf800000), NX }, { S(0xbf800001), NX } } },
    /* above half an ulp */
    { RV_FADD_S, ALL, S(0x3f800000), S(0x33c00000), 0, {
      { S(0x3f800001), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800001), NX } } },
    /* below half an ulp */
    { RV_FADD_S, ALL, S(0x3f800000), S(0x30800000), 0, {
      { S(0x3f800000), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800000), NX } } },
    { RV_FADD_S, ALL, S(0xbf800000), S(0xb3c00000), 0, {
      { S(0xbf800001), NX }, { S(0xbf800000), NX }, { S(0xbf800001), NX },
      { S(0xbf800000), NX }, { S(0xbf800001), NX } } },
    /* 1 - 2^-25: tie just below 1 */
    { RV_FSUB_S, ALL, S(0x3f800000), S(0x33000000), 0, {
      { S(0x3f800000), NX }, { S(0x3f7fffff), NX }, { S(0x3f7fffff), NX },
      { S(0x3f800000), NX }, { S(0x3f800000), NX } } },
    /* 2^-24 - 1 */
    { RV_FSUB_S, ALL, S(0x33800000), S(0x3f800000), 0, {
      { S(0xbf7fffff), 0 }, { S(0xbf7fffff), 0 }, { S(0xbf7fffff), 0 },
      { S(0xbf7fffff), 0 }, { S(0xbf7fffff), 0 } } },
    /* overflow */
    { RV_FADD_S, ALL, S(0x7f7fffff), S(0x7f7fffff), 0, {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), OF|NX }, { S(0x7f7fffff), OF|NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },
    /* negative overflow by a tie */
    { RV_FADD_S, ALL, S(0xff7fffff), S(0xf3800000), 0, {
      { S(0xff800000), OF|NX }, { S(0xff7fffff), OF|NX }, { S(0xff800000), OF|NX },
      { S(0xff7fffff), OF|NX }, { S(0xff800000), OF|NX } } },
    /* max + below half an ulp: no overflow */
    { RV_FADD_S, ALL, S(0x7f7fffff), S(0x73000000), 0, {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), NX }, { S(0x7f7fffff), NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },

    /* --- exact results and signed zeros */
    { RV_FADD_S, RNE, S(0x3fc00000), S(0x40100000), 0, { { S(0x40700000), 0 } } },
    /* +0 + -0: +0, RDN -0 */
    { RV_FADD_S, ALL, S(0x00000000), S(0x80000000), 0, {
      { S(0x00000000), 0 }, { S(0x00000000), 0 }, { S(0x80000000), 0 },
      { S(0x00000000), 0 }, { S(0x00000000), 0 } } },
    { RV_FADD_S, ALL, S(0x80000000), S(0x80000000), 0, {
      { S(0x80000000), 0 }, { S(0x80000000), 0 }, { S(0x80000000), 0 },
      { S(0x80000000), 0 }, { S(0x80000000), 0 } } },
    /* exact zero: +0, RDN -0 */
    { RV_FSUB_S, ALL, S(0x3f800000), S(0x3f800000), 0, {
      { S(0x00000000), 0 }, { S(0x00000000), 0 }, { S(0x80000000), 0 },
      { S(0x00000000), 0 }, { S(0x00000000), 0 } } },
    { RV_FSUB_S, RNE, S(0x80000000), S(0x00000000), 0, { { S(0x80000000), 0 } } },
    /* subnormal + subnormal is exact: no UF */
    { RV_FADD_S, RNE, S(0x00000001), S(0x00000001), 0, { { S(0x00000002), 0 } } },
    /* subnormal difference, exact */
    { RV_FSUB_S, RNE, S(0x00800000), S(0x00800001), 0, { { S(0x80000001), 0 } } },
    { RV_FADD_S, ALL, S(0x7f800000), S(0x3f800000), 0, {
      { S(0x7f800000), 0 }, { S(0x7f800000), 0 }, { S(0x7f800000), 0 },
      { S(0x7f800000), 0 }, { S(0x7f800000), 0 } } },
    /* invalid */
    { RV_FADD_S, ALL, S(0x7f800000), S(0xff800000), 0, {
      { S(0x7fc00000), NV }, { S(0x7fc00000), NV }, { S(0x7fc00000), NV },
      { S(0x7fc00000), NV }, { S(0x7fc00000), NV } } },
    { RV_FSUB_S, RNE, S(0x7f800000), S(0x7f800000), 0, { { S(0x7fc00000), NV } } },
    { RV_FSUB_S, RNE, S(0xff800000), S(0x7f800000), 0, { { S(0xff800000), 0 } } },

    /* --- NaN inputs: canonical result, NV only for signalling */
    { RV_FADD_S, RNE, S(0x7fc00000), S(0x3f800000), 0, { { S(0x7fc00000), 0 } } },
    /* negative quiet NaN with payload */
    { RV_FADD_S, RNE, S(0xffc12345), S(0x3f800000), 0, { { S(0x7fc00000), 0 } } },
    /* signalling */
    { RV_FADD_S, RNE, S(0x3f800000), S(0x7f800001), 0, { { S(0x7fc00000), NV } } },
    { RV_FSUB_S, RNE, S(0x7fa00000), S(0x7fc00001), 0, { { S(0x7fc00000), NV } } },
    { RV_FADD_S, RNE, S(0x7fc00000), S(0x7f800000), 0, { { S(0x7fc00000), 0 } } },

    /* --- double */
    { RV_FADD_D, ALL, 0x3ff0000000000000, 0x3ca0000000000000, 0, {
      { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX },
      { 0x3ff0000000000001, NX }, { 0x3ff0000000000001, NX } } },
    { RV_FADD_D, ALL, 0x3ff0000000000001, 0x3ca0000000000000, 0, {
      { 0x3ff0000000000002, NX }, { 0x3ff0000000000001, NX }, { 0x3ff0000000000001, NX },
      { 0x3ff0000000000002, NX }, { 0x3ff0000000000002, NX } } },
    { RV_FADD_D, ALL, 0xbff0000000000000, 0xbca0000000000000, 0, {
      { 0xbff0000000000000, NX }, { 0xbff0000000000000, NX }, { 0xbff0000000000001, NX },
      { 0xbff0000000000000, NX }, { 0xbff0000000000001, NX } } },
    { RV_FADD_D, ALL, 0x3ff0000000000000, 0x3ca8000000000000, 0, {
      { 0x3ff0000000000001, NX }, { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX },
      { 0x3ff0000000000001, NX }, { 0x3ff0000000000001, NX } } },
    { RV_FADD_D, ALL, 0xbff0000000000000, 0xbc30000000000000, 0, {
      { 0xbff0000000000000, NX }, { 0xbff0000000000000, NX }, { 0xbff0000000000001, NX },
      { 0xbff0000000000000, NX }, { 0xbff0000000000000, NX } } },
    { RV_FSUB_D, ALL, 0x3ff0000000000000, 0x3c90000000000000, 0, {
      { 0x3ff0000000000000, NX }, { 0x3fefffffffffffff, NX }, { 0x3fefffffffffffff, NX },
      { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX } } },
    { RV_FADD_D, ALL, 0x7fefffffffffffff, 0x7fefffffffffffff, 0, {
      { 0x7ff0000000000000, OF|NX }, { 0x7fefffffffffffff, OF|NX }, { 0x7fefffffffffffff, OF|NX },
      { 0x7ff0000000000000, OF|NX }, { 0x7ff0000000000000, OF|NX } } },
    { RV_FADD_D, ALL, 0xffefffffffffffff, 0xfc90000000000000, 0, {
      { 0xfff0000000000000, OF|NX }, { 0xffefffffffffffff, NX }, { 0xfff0000000000000, OF|NX },
      { 0xffefffffffffffff, NX }, { 0xfff0000000000000, OF|NX } } },
    { RV_FADD_D, RNE, 0x3ff8000000000000, 0x4002000000000000, 0, { { 0x400e000000000000, 0 } } },
    { RV_FADD_D, ALL, 0, 0x8000000000000000, 0, {
      { 0, 0 }, { 0, 0 }, { 0x8000000000000000, 0 }, { 0, 0 }, { 0, 0 } } },
    { RV_FSUB_D, ALL, 0x4008000000000000, 0x4008000000000000, 0, {
      { 0, 0 }, { 0, 0 }, { 0x8000000000000000, 0 }, { 0, 0 }, { 0, 0 } } },
    { RV_FSUB_D, RNE, 0x0010000000000000, 0x0010000000000001, 0, { { 0x8000000000000001, 0 } } },
    { RV_FADD_D, RNE, 0x0000000000000001, 0x8000000000000001, 0, { { 0, 0 } } },
    { RV_FADD_D, ALL, 0xfff0000000000000, 0x7ff0000000000000, 0, {
      { 0x7ff8000000000000, NV }, { 0x7ff8000000000000, NV }, { 0x7ff8000000000000, NV },
      { 0x7ff8000000000000, NV }, { 0x7ff8000000000000, NV } } },
    { RV_FADD_D, RNE, 0x7ff0000000000000, 0xbff0000000000000, 0, { { 0x7ff0000000000000, 0 } } },
    { RV_FADD_D, RNE, 0x7ff8000000000000, 0x3ff0000000000000, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FADD_D, RNE, 0xfff8000000000123, 0x3ff0000000000000, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FADD_D, RNE, 0x3ff0000000000000, 0x7ff0000000000001, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FSUB_D, RNE, 0x7ff4000000000000, 0x7ff8000000000000, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FSUB_D, RNE, 0x7ff8000000000000, 0xfff0000000000000, 0, { { 0x7ff8000000000000, 0 } } },
};

static const struct fpu_vector mul_div_vectors[] = {
    /* --- single multiply */
    /* 1 + 2^-22 + 2^-46: just above 1 + 2^-22 */
    { RV_FMUL_S, ALL, S(0x3f800001), S(0x3f800001), 0, {
      { S(0x3f800002), NX }, { S(0x3f800002), NX }, { S(0x3f800002), NX },
      { S(0x3f800003), NX }, { S(0x3f800002), NX } } },
    /* inexact product */
    { RV_FMUL_S, ALL, S(0x3fc00000), S(0x3faaaaab), 0, {
      { S(0x40000000), NX }, { S(0x40000000), NX }, { S(0x40000000), NX },
      { S(0x40000001), NX }, { S(0x40000000), NX } } },
    /* 1.5 + 1.5*2^-23: tie */
    { RV_FMUL_S, ALL, S(0x3f800001), S(0xbfc00000), 0, {
      { S(0xbfc00002), NX }, { S(0xbfc00001), NX }, { S(0xbfc00002), NX },
      { S(0xbfc00001), NX }, { S(0xbfc00002), NX } } },
    { RV_FMUL_S, ALL, S(0x3f800001), S(0x3fc00000), 0, {
      { S(0x3fc00002), NX }, { S(0x3fc00001), NX }, { S(0x3fc00001), NX },
      { S(0x3fc00002), NX }, { S(0x3fc00002), NX } } },
    /* exact */
    { RV_FMUL_S, RNE, S(0x40400000), S(0xc0800000), 0, { { S(0xc1400000), 0 } } },
    /* overflow */
    { RV_FMUL_S, ALL, S(0x71800000), S(0x71800000), 0, {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), OF|NX }, { S(0x7f7fffff), OF|NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },
    { RV_FMUL_S, ALL, S(0xf1800000), S(0x71800000), 0, {
      { S(0xff800000), OF|NX }, { S(0xff7fffff), OF|NX }, { S(0xff800000), OF|NX },
      { S(0xff7fffff), OF|NX }, { S(0xff800000), OF|NX } } },
    /* underflow to zero */
    { RV_FMUL_S, ALL, S(0x0d800000), S(0x0d800000), 0, {
      { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000000), UF|NX } } },
    { RV_FMUL_S, ALL, S(0x8d800000), S(0x0d800000), 0, {
      { S(0x80000000), UF|NX }, { S(0x80000000), UF|NX }, { S(0x80000001), UF|NX },
      { S(0x80000000), UF|NX }, { S(0x80000000), UF|NX } } },
    /* exact subnormal: no UF */
    { RV_FMUL_S, ALL, S(0x00800000), S(0x3f000000), 0, {
      { S(0x00400000), 0 }, { S(0x00400000), 0 }, { S(0x00400000), 0 },
      { S(0x00400000), 0 }, { S(0x00400000), 0 } } },
    /* half the smallest subnormal: tie with 0 */
    { RV_FMUL_S, ALL, S(0x00000001), S(0x3f000000), 0, {
      { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000001), UF|NX } } },
    { RV_FMUL_S, ALL, S(0x00000001), S(0x3f400000), 0, {
      { S(0x00000001), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000001), UF|NX } } },
    /* 1.5 * min subnormal: tie */
    { RV_FMUL_S, ALL, S(0x80000001), S(0x3fc00000), 0, {
      { S(0x80000002), UF|NX }, { S(0x80000001), UF|NX }, { S(0x80000002), UF|NX },
      { S(0x80000001), UF|NX }, { S(0x80000002), UF|NX } } },
    /* rounds to the smallest normal: tiny after rounding? */
    { RV_FMUL_S, ALL, S(0x3f7fffff), S(0x00800000), 0, {
      { S(0x00800000), UF|NX }, { S(0x007fffff), UF|NX }, { S(0x007fffff), UF|NX },
      { S(0x00800000), UF|NX }, { S(0x00800000), UF|NX } } },
    { RV_FMUL_S, ALL, S(0x3f7ffffe), S(0x00800000), 0, {
      { S(0x007fffff), 0 }, { S(0x007fffff), 0 }, { S(0x007fffff), 0 },
      { S(0x007fffff), 0 }, { S(0x007fffff), 0 } } },
    { RV_FMUL_S, ALL, S(0x3f800000), S(0x00800001), 0, {
      { S(0x00800001), 0 }, { S(0x00800001), 0 }, { S(0x00800001), 0 },
      { S(0x00800001), 0 }, { S(0x00800001), 0 } } },
    /* 2^-126 (1 - 2^-25): tiny or not depends on the rounding */
    { RV_FMUL_S, ALL, S(0x3c918e00), S(0x03612000), 0, {
      { S(0x00800000), NX }, { S(0x007fffff), UF|NX }, { S(0x007fffff), UF|NX },
      { S(0x00800000), NX }, { S(0x00800000), NX } } },
    /* invalid */
    { RV_FMUL_S, RNE, S(0x00000000), S(0x7f800000), 0, { { S(0x7fc00000), NV } } },
    { RV_FMUL_S, RNE, S(0x80000000), S(0xc0a00000), 0, { { S(0x00000000), 0 } } },
    { RV_FMUL_S, RNE, S(0xff800000), S(0x00000001), 0, { { S(0xff800000), 0 } } },
    { RV_FMUL_S, RNE, S(0x7fc00000), S(0x00000000), 0, { { S(0x7fc00000), 0 } } },
    { RV_FMUL_S, RNE, S(0x7f800001), S(0x40000000), 0, { { S(0x7fc00000), NV } } },

    /* --- single divide */
    { RV_FDIV_S, ALL, S(0x3f800000), S(0x40400000), 0, {
      { S(0x3eaaaaab), NX }, { S(0x3eaaaaaa), NX }, { S(0x3eaaaaaa), NX },
      { S(0x3eaaaaab), NX }, { S(0x3eaaaaab), NX } } },
    { RV_FDIV_S, ALL, S(0xbf800000), S(0x40400000), 0, {
      { S(0xbeaaaaab), NX }, { S(0xbeaaaaaa), NX }, { S(0xbeaaaaab), NX },
      { S(0xbeaaaaaa), NX }, { S(0xbeaaaaab), NX } } },
    { RV_FDIV_S, ALL, S(0x40000000), S(0x40400000), 0, {
      { S(0x3f2aaaab), NX }, { S(0x3f2aaaaa), NX }, { S(0x3f2aaaaa), NX },
      { S(0x3f2aaaab), NX }, { S(0x3f2aaaab), NX } } },
    /* exact */
    { RV_FDIV_S, RNE, S(0x3f800000), S(0x40800000), 0, { { S(0x3e800000), 0 } } },
    /* divide by zero */
    { RV_FDIV_S, ALL, S(0x3f800000), S(0x00000000), 0, {
      { S(0x7f800000), DZ }, { S(0x7f800000), DZ }, { S(0x7f800000), DZ },
      { S(0x7f800000), DZ }, { S(0x7f800000), DZ } } },
    { RV_FDIV_S, ALL, S(0xbf800000), S(0x00000000), 0, {
      { S(0xff800000), DZ }, { S(0xff800000), DZ }, { S(0xff800000), DZ },
      { S(0xff800000), DZ }, { S(0xff800000), DZ } } },
    { RV_FDIV_S, RNE, S(0x3f800000), S(0x80000000), 0, { { S(0xff800000), DZ } } },
    /* invalid */
    { RV_FDIV_S, RNE, S(0x00000000), S(0x00000000), 0, { { S(0x7fc00000), NV } } },
    { RV_FDIV_S, RNE, S(0x7f800000), S(0xff800000), 0, { { S(0x7fc00000), NV } } },
    { RV_FDIV_S, RNE, S(0x7f800000), S(0x00000000), 0, { { S(0x7f800000), 0 } } },
    { RV_FDIV_S, RNE, S(0x00000000), S(0x7f800000), 0, { { S(0x00000000), 0 } } },
    { RV_FDIV_S, RNE, S(0xc0400000), S(0x7f800000), 0, { { S(0x80000000), 0 } } },
    /* overflow */
    { RV_FDIV_S, ALL, S(0x7f000000), S(0x3e800000), 0, {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), OF|NX }, { S(0x7f7fffff), OF|NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },
    /* tiny inexact */
    { RV_FDIV_S, ALL, S(0x00800000), S(0x40400000), 0, {
      { S(0x002aaaab), UF|NX }, { S(0x002aaaaa), UF|NX }, { S(0x002aaaaa), UF|NX },
      { S(0x002aaaab), UF|NX }, { S(0x002aaaab), UF|NX } } },
    /* tie with zero */
    { RV_FDIV_S, ALL, S(0x00000001), S(0x40000000), 0, {
      { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000001), UF|NX } } },
    { RV_FDIV_S, RNE, S(0x7fc00000), S(0x00000000), 0, { { S(0x7fc00000), 0 } } },
    { RV_FDIV_S, RNE, S(0x00000000), S(0x7f800001), 0, { { S(0x7fc00000), NV } } },

    /* --- double multiply / divide */
    { RV_FMUL_D, ALL, 0x3ff0000000000001, 0x3ff0000000000001, 0, {
      { 0x3ff0000000000002, NX }, { 0x3ff0000000000002, NX }, { 0x3ff0000000000002, NX },
      { 0x3ff0000000000003, NX }, { 0x3ff0000000000002, NX } } },
    { RV_FMUL_D, ALL, 0x3ff0000000000001, 0xbff8000000000000, 0, {
      { 0xbff8000000000002, NX }, { 0xbff8000000000001, NX }, { 0xbff8000000000002, NX },
      { 0xbff8000000000001, NX }, { 0xbff8000000000002, NX } } },
    { RV_FMUL_D, ALL, 0x6570000000000000, 0x6570000000000000, 0, {
      { 0x7ff0000000000000, OF|NX }, { 0x7fefffffffffffff, OF|NX }, { 0x7fefffffffffffff, OF|NX },
      { 0x7ff0000000000000, OF|NX }, { 0x7ff0000000000000, OF|NX } } },
    { RV_FMUL_D, ALL, 0x0000000000000001, 0x3fe0000000000000, 0, {
      { 0, UF|NX }, { 0, UF|NX }, { 0, UF|NX },
      { 0x0000000000000001, UF|NX }, { 0x0000000000000001, UF|NX } } },
    { RV_FMUL_D, ALL, 0x0000000000000001, 0x3ff8000000000000, 0, {
      { 0x0000000000000002, UF|NX }, { 0x0000000000000001, UF|NX }, { 0x0000000000000001, UF|NX },
      { 0x0000000000000002, UF|NX }, { 0x0000000000000002, UF|NX } } },
    { RV_FMUL_D, ALL, 0x3fefffffffffffff, 0x0010000000000000, 0, {
      { 0x0010000000000000, UF|NX }, { 0x000fffffffffffff, UF|NX }, { 0x000fffffffffffff, UF|NX },
      { 0x0010000000000000, UF|NX }, { 0x0010000000000000, UF|NX } } },
    { RV_FMUL_D, ALL, 0x3feffffffffffffe, 0x0010000000000000, 0, {
      { 0x000fffffffffffff, 0 }, { 0x000fffffffffffff, 0 }, { 0x000fffffffffffff, 0 },
      { 0x000fffffffffffff, 0 }, { 0x000fffffffffffff, 0 } } },
    /* 2^-1022 (1 - 2^-54) */
    { RV_FMUL_D, ALL, 0x3f2ffff800000000, 0x00d0000400010000, 0, {
      { 0x0010000000000000, NX }, { 0x000fffffffffffff, UF|NX }, { 0x000fffffffffffff, UF|NX },
      { 0x0010000000000000, NX }, { 0x0010000000000000, NX } } },
    { RV_FMUL_D, RNE, 0x7ff0000000000000, 0x8000000000000000, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FMUL_D, RNE, 0x8000000000000000, 0x0000000000000001, 0, { { 0x8000000000000000, 0 } } },
    { RV_FMUL_D, RNE, 0x7ff0000000000001, 0x3ff0000000000000, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FDIV_D, ALL, 0x3ff0000000000000, 0x4008000000000000, 0, {
      { 0x3fd5555555555555, NX }, { 0x3fd5555555555555, NX }, { 0x3fd5555555555555, NX },
      { 0x3fd5555555555556, NX }, { 0x3fd5555555555555, NX } } },
    { RV_FDIV_D, ALL, 0xc000000000000000, 0x4008000000000000, 0, {
      { 0xbfe5555555555555, NX }, { 0xbfe5555555555555, NX }, { 0xbfe5555555555556, NX },
      { 0xbfe5555555555555, NX }, { 0xbfe5555555555555, NX } } },
    { RV_FDIV_D, ALL, 0x3ff0000000000000, 0x4024000000000000, 0, {
      { 0x3fb999999999999a, NX }, { 0x3fb9999999999999, NX }, { 0x3fb9999999999999, NX },
      { 0x3fb999999999999a, NX }, { 0x3fb999999999999a, NX } } },
    { RV_FDIV_D, ALL, 0x4014000000000000, 0, 0, {
      { 0x7ff0000000000000, DZ }, { 0x7ff0000000000000, DZ }, { 0x7ff0000000000000, DZ },
      { 0x7ff0000000000000, DZ }, { 0x7ff0000000000000, DZ } } },
    { RV_FDIV_D, RNE, 0xc014000000000000, 0, 0, { { 0xfff0000000000000, DZ } } },
    { RV_FDIV_D, RNE, 0, 0x8000000000000000, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FDIV_D, RNE, 0xfff0000000000000, 0x7ff0000000000000, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FDIV_D, ALL, 0x7fe0000000000000, 0x3fe0000000000000, 0, {
      { 0x7ff0000000000000, OF|NX }, { 0x7fefffffffffffff, OF|NX }, { 0x7fefffffffffffff, OF|NX },
      { 0x7ff0000000000000, OF|NX }, { 0x7ff0000000000000, OF|NX } } },
    { RV_FDIV_D, ALL, 0x0010000000000000, 0x4008000000000000, 0, {
      { 0x0005555555555555, UF|NX }, { 0x0005555555555555, UF|NX }, { 0x0005555555555555, UF|NX },
      { 0x0005555555555556, UF|NX }, { 0x0005555555555555, UF|NX } } },
    { RV_FDIV_D, ALL, 0x0000000000000001, 0xc000000000000000, 0, {
      { 0x8000000000000000, UF|NX }, { 0x8000000000000000, UF|NX }, { 0x8000000000000001, UF|NX },
      { 0x8000000000000000, UF|NX }, { 0x8000000000000001, UF|NX } } },
    { RV_FDIV_D, RNE, 0xfff8000000000000, 0, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FDIV_D, RNE, 0, 0x7ff0000000000001, 0, { { 0x7ff8000000000000, NV } } },
};

static const struct fpu_vector sqrt_vectors[] = {
    { RV_FSQRT_S, ALL, S(0x40000000), 0, 0, {
      { S(0x3fb504f3), NX }, { S(0x3fb504f3), NX }, { S(0x3fb504f3), NX },
      { S(0x3fb504f4), NX }, { S(0x3fb504f3), NX } } },
    { RV_FSQRT_S, ALL, S(0x40400000), 0, 0, {
      { S(0x3fddb3d7), NX }, { S(0x3fddb3d7), NX }, { S(0x3fddb3d7), NX },
      { S(0x3fddb3d8), NX }, { S(0x3fddb3d7), NX } } },
    /* 1 + 2^-23 */
    { RV_FSQRT_S, ALL, S(0x3f800001), 0, 0, {
      { S(0x3f800000), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800000), NX } } },
    /* exact */
    { RV_FSQRT_S, RNE, S(0x40800000), 0, 0, { { S(0x40000000), 0 } } },
    /* subnormal, exact result 2^-74 */
    { RV_FSQRT_S, RNE, S(0x00000002), 0, 0, { { S(0x1a800000), 0 } } },
    { RV_FSQRT_S, ALL, S(0x00000001), 0, 0, {
      { S(0x1a3504f3), NX }, { S(0x1a3504f3), NX }, { S(0x1a3504f3), NX },
      { S(0x1a3504f4), NX }, { S(0x1a3504f3), NX } } },
    { RV_FSQRT_S, RNE, S(0x00000000), 0, 0, { { S(0x00000000), 0 } } },
    /* sqrt(-0) = -0 */
    { RV_FSQRT_S, RNE, S(0x80000000), 0, 0, { { S(0x80000000), 0 } } },
    { RV_FSQRT_S, RNE, S(0x7f800000), 0, 0, { { S(0x7f800000), 0 } } },
    /* invalid */
    { RV_FSQRT_S, RNE, S(0xff800000), 0, 0, { { S(0x7fc00000), NV } } },
    { RV_FSQRT_S, RNE, S(0xbf800000), 0, 0, { { S(0x7fc00000), NV } } },
    { RV_FSQRT_S, RNE, S(0x80000001), 0, 0, { { S(0x7fc00000), NV } } },
    { RV_FSQRT_S, RNE, S(0x7fc00000), 0, 0, { { S(0x7fc00000), 0 } } },
    /* negative signalling NaN */
    { RV_FSQRT_S, RNE, S(0xff800001), 0, 0, { { S(0x7fc00000), NV } } },
    { RV_FSQRT_D, ALL, 0x4000000000000000, 0, 0, {
      { 0x3ff6a09e667f3bcd, NX }, { 0x3ff6a09e667f3bcc, NX }, { 0x3ff6a09e667f3bcc, NX },
      { 0x3ff6a09e667f3bcd, NX }, { 0x3ff6a09e667f3bcd, NX } } },
    { RV_FSQRT_D, ALL, 0x3ff0000000000001, 0, 0, {
      { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX },
      { 0x3ff0000000000001, NX }, { 0x3ff0000000000000, NX } } },
    { RV_FSQRT_D, ALL, 0x7fefffffffffffff, 0, 0, {
      { 0x5fefffffffffffff, NX }, { 0x5fefffffffffffff, NX }, { 0x5fefffffffffffff, NX },
      { 0x5ff0000000000000, NX }, { 0x5fefffffffffffff, NX } } },
    { RV_FSQRT_D, RNE, 0x0000000000000001, 0, 0, { { 0x1e60000000000000, 0 } } },
    { RV_FSQRT_D, ALL, 0x0000000000000002, 0, 0, {
      { 0x1e66a09e667f3bcd, NX }, { 0x1e66a09e667f3bcc, NX }, { 0x1e66a09e667f3bcc, NX },
      { 0x1e66a09e667f3bcd, NX }, { 0x1e66a09e667f3bcd, NX } } },
    { RV_FSQRT_D, RNE, 0x8000000000000000, 0, 0, { { 0x8000000000000000, 0 } } },
    { RV_FSQRT_D, RNE, 0x7ff0000000000000, 0, 0, { { 0x7ff0000000000000, 0 } } },
    { RV_FSQRT_D, RNE, 0xc000000000000000, 0, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FSQRT_D, RNE, 0xfff0000000000000, 0, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FSQRT_D, RNE, 0x7ff8000000000001, 0, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FSQRT_D, RNE, 0x7ff0000000000001, 0, 0, { { 0x7ff8000000000000, NV } } },
};

static const struct fpu_vector fma_vectors[] = {
    /* --- fused: (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 exactly (an unfused multiply would round it away) */
    { RV_FMADD_S, ALL, S(0x3f801000), S(0x3f801000), S(0xbf800000), {
      { S(0x3a800800), 0 }, { S(0x3a800800), 0 }, { S(0x3a800800), 0 },
      { S(0x3a800800), 0 }, { S(0x3a800800), 0 } } },
    { RV_FMADD_D, ALL, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000000000000, {
      { 0x3e50000001000000, 0 }, { 0x3e50000001000000, 0 }, { 0x3e50000001000000, 0 },
      { 0x3e50000001000000, 0 }, { 0x3e50000001000000, 0 } } },

    /* --- the four sign variants, directed rounding: 1/3-ish product plus 1 */
    { RV_FMADD_S, ALL, S(0x3eaaaaab), S(0x40400000), S(0x3f800000), {
      { S(0x40000000), NX }, { S(0x40000000), NX }, { S(0x40000000), NX },
      { S(0x40000001), NX }, { S(0x40000000), NX } } },
    { RV_FMSUB_S, ALL, S(0x3eaaaaab), S(0x40400000), S(0x3f800000), {
      { S(0x33000000), 0 }, { S(0x33000000), 0 }, { S(0x33000000), 0 },
      { S(0x33000000), 0 }, { S(0x33000000), 0 } } },
    { RV_FNMSUB_S, ALL, S(0x3eaaaaab), S(0x40400000), S(0x3f800000), {
      { S(0xb3000000), 0 }, { S(0xb3000000), 0 }, { S(0xb3000000), 0 },
      { S(0xb3000000), 0 }, { S(0xb3000000), 0 } } },
    { RV_FNMADD_S, ALL, S(0x3eaaaaab), S(0x40400000), S(0x3f800000), {
      { S(0xc0000000), NX }, { S(0xc0000000), NX }, { S(0xc0000001), NX },
      { S(0xc0000000), NX }, { S(0xc0000000), NX } } },
    { RV_FMADD_D, ALL, 0x3fd5555555555555, 0x4008000000000000, 0x3ff0000000000000, {
      { 0x4000000000000000, NX }, { 0x3fffffffffffffff, NX }, { 0x3fffffffffffffff, NX },
      { 0x4000000000000000, NX }, { 0x4000000000000000, NX } } },
    { RV_FMSUB_D, ALL, 0x3fd5555555555555, 0x4008000000000000, 0x3ff0000000000000, {
      { 0xbc90000000000000, 0 }, { 0xbc90000000000000, 0 }, { 0xbc90000000000000, 0 },
      { 0xbc90000000000000, 0 }, { 0xbc90000000000000, 0 } } },
    { RV_FNMSUB_D, ALL, 0x3fd5555555555555, 0x4008000000000000, 0x3ff0000000000000, {
      { 0x3c90000000000000, 0 }, { 0x3c90000000000000, 0 }, { 0x3c90000000000000, 0 },
      { 0x3c90000000000000, 0 }, { 0x3c90000000000000, 0 } } },
    { RV_FNMADD_D, ALL, 0x3fd5555555555555, 0x4008000000000000, 0x3ff0000000000000, {
      { 0xc000000000000000, NX }, { 0xbfffffffffffffff, NX }, { 0xc000000000000000, NX },
      { 0xbfffffffffffffff, NX }, { 0xc000000000000000, NX } } },

    /* --- ties decided by the fused sum */
    { RV_FMADD_S, ALL, S(0x3f800000), S(0x3f800000), S(0x33800000), {
      { S(0x3f800000), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800001), NX } } },
    { RV_FMADD_S, ALL, S(0x3f800001), S(0xbf800000), S(0xb3800000), {
      { S(0xbf800002), NX }, { S(0xbf800001), NX }, { S(0xbf800002), NX },
      { S(0xbf800001), NX }, { S(0xbf800002), NX } } },
    { RV_FMADD_D, ALL, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000, {
      { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX },
      { 0x3ff0000000000001, NX }, { 0x3ff0000000000001, NX } } },
    { RV_FMADD_D, ALL, 0xbff0000000000000, 0x3ff0000000000001, 0xbca0000000000000, {
      { 0xbff0000000000002, NX }, { 0xbff0000000000001, NX }, { 0xbff0000000000002, NX },
      { 0xbff0000000000001, NX }, { 0xbff0000000000002, NX } } },

    /* --- product far below the addend: sticky only */
    { RV_FMADD_S, ALL, S(0x21800000), S(0x21800000), S(0x3f800000), {
      { S(0x3f800000), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800000), NX } } },
    { RV_FMSUB_S, ALL, S(0x21800000), S(0x21800000), S(0x3f800000), {
      { S(0xbf800000), NX }, { S(0xbf7fffff), NX }, { S(0xbf800000), NX },
      { S(0xbf7fffff), NX }, { S(0xbf800000), NX } } },
    { RV_FMADD_D, ALL, 0x1a70000000000000, 0x1a70000000000000, 0xbff0000000000000, {
      { 0xbff0000000000000, NX }, { 0xbfefffffffffffff, NX }, { 0xbff0000000000000, NX },
      { 0xbfefffffffffffff, NX }, { 0xbff0000000000000, NX } } },

    /* --- addend far below the product */
    { RV_FMADD_D, ALL, 0x4008000000000000, 0x3fd5555555555555, 0x0000000000000001, {
      { 0x3ff0000000000000, NX }, { 0x3fefffffffffffff, NX }, { 0x3fefffffffffffff, NX },
      { 0x3ff0000000000000, NX }, { 0x3ff0000000000000, NX } } },

    /* --- signed zeros */
    /* +0 + -0 */
    { RV_FMADD_S, ALL, S(0x00000000), S(0x40a00000), S(0x80000000), {
      { S(0x00000000), 0 }, { S(0x00000000), 0 }, { S(0x80000000), 0 },
      { S(0x00000000), 0 }, { S(0x00000000), 0 } } },
    { RV_FMADD_S, ALL, S(0x80000000), S(0x40a00000), S(0x80000000), {
      { S(0x80000000), 0 }, { S(0x80000000), 0 }, { S(0x80000000), 0 },
      { S(0x80000000), 0 }, { S(0x80000000), 0 } } },
    /* -(0*1) - 0 = -0 */
    { RV_FNMADD_S, RNE, S(0x00000000), S(0x3f800000), S(0x00000000), { { S(0x80000000), 0 } } },
    /* -(0*1) + 0 */
    { RV_FNMSUB_S, ALL, S(0x00000000), S(0x3f800000), S(0x00000000), {
      { S(0x00000000), 0 }, { S(0x00000000), 0 }, { S(0x80000000), 0 },
      { S(0x00000000), 0 }, { S(0x00000000), 0 } } },
    /* exact zero sum */
    { RV_FMADD_D, ALL, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000, {
      { 0, 0 }, { 0, 0 }, { 0x8000000000000000, 0 }, { 0, 0 }, { 0, 0 } } },
    { RV_FMSUB_D, ALL, 0x4000000000000000, 0x4008000000000000, 0x4018000000000000, {
      { 0, 0 }, { 0, 0 }, { 0x8000000000000000, 0 }, { 0, 0 }, { 0, 0 } } },
    { RV_FMADD_D, RNE, 0, 0xbff0000000000000, 0x8000000000000000, { { 0x8000000000000000, 0 } } },
    /* zero product, addend returned exactly */
    { RV_FMADD_D, RNE, 0x0000000000000001, 0, 0x4014000000000000, { { 0x4014000000000000, 0 } } },

    /* --- overflow and underflow */
    { RV_FMADD_S, ALL, S(0x71800000), S(0x71800000), S(0x3f800000), {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), OF|NX }, { S(0x7f7fffff), OF|NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },
    { RV_FMADD_S, ALL, S(0x0d800000), S(0x26800000), S(0x00000001), {
      { S(0x00000002), UF|NX }, { S(0x00000001), UF|NX }, { S(0x00000001), UF|NX },
      { S(0x00000002), UF|NX }, { S(0x00000002), UF|NX } } },
    /* rounds to the smallest normal */
    { RV_FMADD_S, ALL, S(0x00800000), S(0x3f7fffff), S(0x00000000), {
      { S(0x00800000), UF|NX }, { S(0x007fffff), UF|NX }, { S(0x007fffff), UF|NX },
      { S(0x00800000), UF|NX }, { S(0x00800000), UF|NX } } },
    { RV_FMADD_D, ALL, 0x7e70000000000000, 0x4630000000000000, 0xffe0000000000000, {
      { 0x7ff0000000000000, OF|NX }, { 0x7fefffffffffffff, OF|NX }, { 0x7fefffffffffffff, OF|NX },
      { 0x7ff0000000000000, OF|NX }, { 0x7ff0000000000000, OF|NX } } },
    { RV_FMADD_D, ALL, 0x0010000000000000, 0x3fefffffffffffff, 0, {
      { 0x0010000000000000, UF|NX }, { 0x000fffffffffffff, UF|NX }, { 0x000fffffffffffff, UF|NX },
      { 0x0010000000000000, UF|NX }, { 0x0010000000000000, UF|NX } } },
    /* 2^-126 (1 - 2^-25) */
    { RV_FMADD_S, ALL, S(0x3c918e00), S(0x03612000), S(0x80000000), {
      { S(0x00800000), NX }, { S(0x007fffff), UF|NX }, { S(0x007fffff), UF|NX },
      { S(0x00800000), NX }, { S(0x00800000), NX } } },
    { RV_FMADD_D, ALL, 0x3f2ffff800000000, 0x00d0000400010000, 0x8000000000000001, {
      { 0x000fffffffffffff, UF|NX }, { 0x000ffffffffffffe, UF|NX }, { 0x000ffffffffffffe, UF|NX },
      { 0x000fffffffffffff, UF|NX }, { 0x000fffffffffffff, UF|NX } } },
    { RV_FMADD_D, ALL, 0x1a70000000000000, 0x9a70000000000000, 0x0000000000000001, {
      { 0x0000000000000001, UF|NX }, { 0, UF|NX }, { 0, UF|NX },
      { 0x0000000000000001, UF|NX }, { 0x0000000000000001, UF|NX } } },

    /* --- invalid: 0 * inf, inf - inf */
    { RV_FMADD_S, RNE, S(0x00000000), S(0x7f800000), S(0x3f800000), { { S(0x7fc00000), NV } } },
    /* 0 * inf + quiet NaN: still invalid */
    { RV_FMADD_S, RNE, S(0x7f800000), S(0x80000000), S(0x7fc00000), { { S(0x7fc00000), NV } } },
    /* quiet NaN multiplicand: no flag */
    { RV_FMADD_S, RNE, S(0x3f800000), S(0x7fc00000), S(0x7f800000), { { S(0x7fc00000), 0 } } },
    { RV_FMADD_S, RNE, S(0x7f800000), S(0x3f800000), S(0xff800000), { { S(0x7fc00000), NV } } },
    { RV_FMSUB_S, RNE, S(0x7f800000), S(0x3f800000), S(0x7f800000), { { S(0x7fc00000), NV } } },
    { RV_FNMADD_S, RNE, S(0x7f800000), S(0x3f800000), S(0xff800000), { { S(0x7fc00000), NV } } },
    { RV_FMADD_S, RNE, S(0x7f800000), S(0x40000000), S(0x7f800000), { { S(0x7f800000), 0 } } },
    /* signalling addend */
    { RV_FMADD_S, RNE, S(0x3f800000), S(0x40000000), S(0x7f800001), { { S(0x7fc00000), NV } } },
    { RV_FMADD_S, RNE, S(0xff800001), S(0x40000000), S(0x40400000), { { S(0x7fc00000), NV } } },
    { RV_FMADD_S, RNE, S(0x7fc00000), S(0x00000000), S(0x7f800000), { { S(0x7fc00000), 0 } } },
    { RV_FMADD_D, RNE, 0x7ff0000000000000, 0, 0x7ff8000000000000, { { 0x7ff8000000000000, NV } } },
    { RV_FMADD_D, RNE, 0x8000000000000000, 0xfff0000000000000, 0xfff8000000000001, { { 0x7ff8000000000000, NV } } },
    { RV_FMADD_D, RNE, 0x7ff0000000000000, 0x7ff0000000000000, 0xfff0000000000000, { { 0x7ff8000000000000, NV } } },
    { RV_FMSUB_D, RNE, 0x7ff0000000000000, 0xbff0000000000000, 0xfff0000000000000, { { 0x7ff8000000000000, NV } } },
    { RV_FNMSUB_D, RNE, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000, { { 0x7ff8000000000000, NV } } },
    { RV_FMADD_D, RNE, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000001, { { 0x7ff8000000000000, NV } } },
    { RV_FMADD_D, RNE, 0x7ff8000000000000, 0x3ff0000000000000, 0x3ff0000000000000, { { 0x7ff8000000000000, 0 } } },
    { RV_FMADD_D, RNE, 0x7ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000000, { { 0x7ff0000000000000, 0 } } },
};

static const struct fpu_vector min_max_vectors[] = {
    { RV_FMIN_S, RNE, S(0x3f800000), S(0x40000000), 0, { { S(0x3f800000), 0 } } },
    { RV_FMAX_S, RNE, S(0x3f800000), S(0x40000000), 0, { { S(0x40000000), 0 } } },
    /* -0 < +0 in either order */
    { RV_FMIN_S, RNE, S(0x80000000), S(0x00000000), 0, { { S(0x80000000), 0 } } },
    { RV_FMIN_S, RNE, S(0x00000000), S(0x80000000), 0, { { S(0x80000000), 0 } } },
    { RV_FMAX_S, RNE, S(0x80000000), S(0x00000000), 0, { { S(0x00000000), 0 } } },
    { RV_FMAX_S, RNE, S(0x00000000), S(0x80000000), 0, { { S(0x00000000), 0 } } },
    { RV_FMIN_S, RNE, S(0xff800000), S(0x7f800000), 0, { { S(0xff800000), 0 } } },
    { RV_FMAX_S, RNE, S(0xff800000), S(0x7f800000), 0, { { S(0x7f800000), 0 } } },
    /* one quiet NaN: the other operand */
    { RV_FMIN_S, RNE, S(0x7fc00000), S(0x40400000), 0, { { S(0x40400000), 0 } } },
    { RV_FMAX_S, RNE, S(0xc0400000), S(0xffc00001), 0, { { S(0xc0400000), 0 } } },
    /* signalling NaN: the other operand, NV */
    { RV_FMIN_S, RNE, S(0x7f800001), S(0x40400000), 0, { { S(0x40400000), NV } } },
    { RV_FMAX_S, RNE, S(0x40400000), S(0x7fa00000), 0, { { S(0x40400000), NV } } },
    /* both NaN: canonical */
    { RV_FMIN_S, RNE, S(0x7fc00000), S(0x7fc12345), 0, { { S(0x7fc00000), 0 } } },
    { RV_FMAX_S, RNE, S(0x7f800001), S(0x7fc00000), 0, { { S(0x7fc00000), NV } } },
    { RV_FMIN_S, RNE, S(0x00000001), S(0x80000001), 0, { { S(0x80000001), 0 } } },
    { RV_FMAX_S, RNE, S(0x40a00000), S(0x40a00000), 0, { { S(0x40a00000), 0 } } },
    { RV_FMIN_D, RNE, 0x3ff0000000000000, 0xc000000000000000, 0, { { 0xc000000000000000, 0 } } },
    { RV_FMAX_D, RNE, 0x3ff0000000000000, 0xc000000000000000, 0, { { 0x3ff0000000000000, 0 } } },
    { RV_FMIN_D, RNE, 0, 0x8000000000000000, 0, { { 0x8000000000000000, 0 } } },
    { RV_FMAX_D, RNE, 0x8000000000000000, 0, 0, { { 0, 0 } } },
    { RV_FMIN_D, RNE, 0x7ff8000000000000, 0xfff0000000000000, 0, { { 0xfff0000000000000, 0 } } },
    { RV_FMAX_D, RNE, 0x7ff0000000000001, 0x3ff0000000000000, 0, { { 0x3ff0000000000000, NV } } },
    { RV_FMIN_D, RNE, 0xfff8000000000000, 0x7ff4000000000000, 0, { { 0x7ff8000000000000, NV } } },
    { RV_FMAX_D, RNE, 0x7ff8000000000001, 0x7ff8000000000002, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FMAX_D, RNE, 0x0000000000000001, 0x0000000000000002, 0, { { 0x0000000000000002, 0 } } },
};

static const struct fpu_vector compare_vectors[] = {
    { RV_FEQ_S, RNE, S(0x3f800000), S(0x3f800000), 0, { { 0x1, 0 } } },
    { RV_FEQ_S, RNE, S(0x00000000), S(0x80000000), 0, { { 0x1, 0 } } },
    { RV_FEQ_S, RNE, S(0x3f800000), S(0x40000000), 0, { { 0, 0 } } },
    /* quiet NaN: no flag for FEQ */
    { RV_FEQ_S, RNE, S(0x7fc00000), S(0x3f800000), 0, { { 0, 0 } } },
    { RV_FEQ_S, RNE, S(0x7fc00000), S(0x7fc00000), 0, { { 0, 0 } } },
    /* signalling NaN: NV */
    { RV_FEQ_S, RNE, S(0x3f800000), S(0x7f800001), 0, { { 0, NV } } },
    { RV_FLT_S, RNE, S(0x3f800000), S(0x40000000), 0, { { 0x1, 0 } } },
    { RV_FLT_S, RNE, S(0x40000000), S(0x3f800000), 0, { { 0, 0 } } },
    { RV_FLT_S, RNE, S(0x80000000), S(0x00000000), 0, { { 0, 0 } } },
    { RV_FLT_S, RNE, S(0xff800000), S(0x7f800000), 0, { { 0x1, 0 } } },
    /* any NaN: NV for FLT/FLE */
    { RV_FLT_S, RNE, S(0x7fc00000), S(0x3f800000), 0, { { 0, NV } } },
    { RV_FLT_S, RNE, S(0x3f800000), S(0x7f800001), 0, { { 0, NV } } },
    { RV_FLE_S, RNE, S(0x80000000), S(0x00000000), 0, { { 0x1, 0 } } },
    { RV_FLE_S, RNE, S(0x40000000), S(0x3f800000), 0, { { 0, 0 } } },
    { RV_FLE_S, RNE, S(0x7f800000), S(0x7f800000), 0, { { 0x1, 0 } } },
    { RV_FLE_S, RNE, S(0x00000001), S(0x00000002), 0, { { 0x1, 0 } } },
    { RV_FLE_S, RNE, S(0xffc00000), S(0x3f800000), 0, { { 0, NV } } },
    { RV_FEQ_D, RNE, 0x3ff0000000000000, 0x3ff0000000000000, 0, { { 0x1, 0 } } },
    { RV_FEQ_D, RNE, 0x8000000000000000, 0, 0, { { 0x1, 0 } } },
    { RV_FEQ_D, RNE, 0x7ff8000000000000, 0x3ff0000000000000, 0, { { 0, 0 } } },
    { RV_FEQ_D, RNE, 0x7ff0000000000001, 0x7ff0000000000001, 0, { { 0, NV } } },
    { RV_FLT_D, RNE, 0xbff0000000000000, 0x3ff0000000000000, 0, { { 0x1, 0 } } },
    { RV_FLT_D, RNE, 0, 0x8000000000000000, 0, { { 0, 0 } } },
    { RV_FLT_D, RNE, 0x7ff8000000000000, 0x7ff8000000000000, 0, { { 0, NV } } },
    { RV_FLE_D, RNE, 0, 0x8000000000000000, 0, { { 0x1, 0 } } },
    { RV_FLE_D, RNE, 0x0000000000000001, 0, 0, { { 0, 0 } } },
    { RV_FLE_D, RNE, 0x3ff0000000000000, 0x7ff0000000000001, 0, { { 0, NV } } },
};

static const struct fpu_vector sign_inject_vectors[] = {
    { RV_FSGNJ_S, RNE, S(0x3f800000), S(0xc0000000), 0, { { S(0xbf800000), 0 } } },
    { RV_FSGNJ_S, RNE, S(0xbf800000), S(0x40000000), 0, { { S(0x3f800000), 0 } } },
    { RV_FSGNJN_S, RNE, S(0x3f800000), S(0x40000000), 0, { { S(0xbf800000), 0 } } },
    { RV_FSGNJN_S, RNE, S(0x3f800000), S(0xc0000000), 0, { { S(0x3f800000), 0 } } },
    { RV_FSGNJX_S, RNE, S(0xbf800000), S(0xc0000000), 0, { { S(0x3f800000), 0 } } },
    { RV_FSGNJX_S, RNE, S(0xbf800000), S(0x40000000), 0, { { S(0xbf800000), 0 } } },
    /* NaNs are bit patterns here: no flag, payload kept */
    { RV_FSGNJ_S, RNE, S(0x7f800001), S(0x80000000), 0, { { S(0xff800001), 0 } } },
    { RV_FSGNJN_S, RNE, S(0xffc12345), S(0xbf800000), 0, { { S(0x7fc12345), 0 } } },
    { RV_FSGNJ_D, RNE, 0x3ff0000000000000, 0x8000000000000000, 0, { { 0xbff0000000000000, 0 } } },
    /* fneg.d (fsgnjn rd, rs, rs): -3 -> 3 */
    { RV_FSGNJN_D, RNE, 0xc008000000000000, 0xc008000000000000, 0, { { 0x4008000000000000, 0 } } },
    /* fabs.d (fsgnjx rd, rs, rs) */
    { RV_FSGNJX_D, RNE, 0xc008000000000000, 0xc008000000000000, 0, { { 0x4008000000000000, 0 } } },
    { RV_FSGNJ_D, RNE, 0x7ff0000000000001, 0x8000000000000000, 0, { { 0xfff0000000000001, 0 } } },
    { RV_FSGNJX_D, RNE, 0xfff8000000000000, 0xbff0000000000000, 0, { { 0x7ff8000000000000, 0 } } },
};

static const struct fpu_vector classify_vectors[] = {
    { RV_FCLASS_S, RNE, S(0xff800000), 0, 0, { { 0x1, 0 } } },
    { RV_FCLASS_S, RNE, S(0xbf800000), 0, 0, { { 0x2, 0 } } },
    { RV_FCLASS_S, RNE, S(0x80000001), 0, 0, { { 0x4, 0 } } },
    { RV_FCLASS_S, RNE, S(0x80000000), 0, 0, { { 0x8, 0 } } },
    { RV_FCLASS_S, RNE, S(0x00000000), 0, 0, { { 0x10, 0 } } },
    { RV_FCLASS_S, RNE, S(0x00400000), 0, 0, { { 0x20, 0 } } },
    { RV_FCLASS_S, RNE, S(0x00800000), 0, 0, { { 0x40, 0 } } },
    { RV_FCLASS_S, RNE, S(0x7f800000), 0, 0, { { 0x80, 0 } } },
    { RV_FCLASS_S, RNE, S(0x7f800001), 0, 0, { { 0x100, 0 } } },
    { RV_FCLASS_S, RNE, S(0x7fc00000), 0, 0, { { 0x200, 0 } } },
    { RV_FCLASS_S, RNE, S(0xffa00000), 0, 0, { { 0x100, 0 } } },
    { RV_FCLASS_D, RNE, 0xfff0000000000000, 0, 0, { { 0x1, 0 } } },
    { RV_FCLASS_D, RNE, 0xffefffffffffffff, 0, 0, { { 0x2, 0 } } },
    { RV_FCLASS_D, RNE, 0x8000000000000001, 0, 0, { { 0x4, 0 } } },
    { RV_FCLASS_D, RNE, 0x8000000000000000, 0, 0, { { 0x8, 0 } } },
    { RV_FCLASS_D, RNE, 0, 0, 0, { { 0x10, 0 } } },
    { RV_FCLASS_D, RNE, 0x000fffffffffffff, 0, 0, { { 0x20, 0 } } },
    { RV_FCLASS_D, RNE, 0x0010000000000000, 0, 0, { { 0x40, 0 } } },
    { RV_FCLASS_D, RNE, 0x7ff0000000000000, 0, 0, { { 0x80, 0 } } },
    { RV_FCLASS_D, RNE, 0x7ff0000000000001, 0, 0, { { 0x100, 0 } } },
    { RV_FCLASS_D, RNE, 0x7ff8000000000000, 0, 0, { { 0x200, 0 } } },
    { RV_FCLASS_D, RNE, 0xfff4000000000000, 0, 0, { { 0x100, 0 } } },
};

static const struct fpu_vector to_int_vectors[] = {
    /* --- rounding of halves and fractions, every mode */
    { RV_FCVT_W_S, ALL, S(0x3f000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_W_S, ALL, S(0x3fc00000), 0, 0, {
      { 0x2, NX }, { 0x1, NX }, { 0x1, NX }, { 0x2, NX }, { 0x2, NX } } },
    { RV_FCVT_W_S, ALL, S(0x40200000), 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_W_S, ALL, S(0xbf000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_W_S, ALL, S(0xbfc00000), 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX },
      { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX } } },
    { RV_FCVT_W_S, ALL, S(0xc0200000), 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffd, NX },
      { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffd, NX } } },
    { RV_FCVT_W_S, ALL, S(0x3e99999a), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0, NX } } },
    { RV_FCVT_W_S, ALL, S(0xbf333333), 0, 0, {
      { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX },
      { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_WU_S, ALL, S(0x3f000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_WU_S, ALL, S(0x3fc00000), 0, 0, {
      { 0x2, NX }, { 0x1, NX }, { 0x1, NX }, { 0x2, NX }, { 0x2, NX } } },
    { RV_FCVT_WU_S, ALL, S(0x40200000), 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_WU_S, ALL, S(0xbf000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_WU_S, ALL, S(0xbfc00000), 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_WU_S, ALL, S(0xc0200000), 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_WU_S, ALL, S(0x3e99999a), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0, NX } } },
    { RV_FCVT_WU_S, ALL, S(0xbf333333), 0, 0, {
      { 0, NV }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_L_S, ALL, S(0x3f000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_L_S, ALL, S(0x3fc00000), 0, 0, {
      { 0x2, NX }, { 0x1, NX }, { 0x1, NX }, { 0x2, NX }, { 0x2, NX } } },
    { RV_FCVT_L_S, ALL, S(0x40200000), 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_L_S, ALL, S(0xbf000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_L_S, ALL, S(0xbfc00000), 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX },
      { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX } } },
    { RV_FCVT_L_S, ALL, S(0xc0200000), 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffd, NX },
      { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffd, NX } } },
    { RV_FCVT_L_S, ALL, S(0x3e99999a), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0, NX } } },
    { RV_FCVT_L_S, ALL, S(0xbf333333), 0, 0, {
      { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX },
      { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_LU_S, ALL, S(0x3f000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_LU_S, ALL, S(0x3fc00000), 0, 0, {
      { 0x2, NX }, { 0x1, NX }, { 0x1, NX }, { 0x2, NX }, { 0x2, NX } } },
    { RV_FCVT_LU_S, ALL, S(0x40200000), 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_LU_S, ALL, S(0xbf000000), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_LU_S, ALL, S(0xbfc00000), 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_LU_S, ALL, S(0xc0200000), 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_LU_S, ALL, S(0x3e99999a), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0, NX } } },
    { RV_FCVT_LU_S, ALL, S(0xbf333333), 0, 0, {
      { 0, NV }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },

    /* --- tiny values: 0 with NX, or +-1 in the direction of rounding */
    { RV_FCVT_W_S, ALL, S(0x00000001), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0, NX } } },
    { RV_FCVT_W_S, ALL, S(0x80000001), 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0, NX } } },
    { RV_FCVT_LU_S, ALL, S(0x00000001), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0, NX } } },
    { RV_FCVT_LU_S, ALL, S(0x80000001), 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NX } } },
    { RV_FCVT_W_S, RNE, S(0x80000000), 0, 0, { { 0, 0 } } },
    { RV_FCVT_WU_S, RNE, S(0x80000000), 0, 0, { { 0, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0x80000000), 0, 0, { { 0, 0 } } },

    /* --- saturation edges, single */
    { RV_FCVT_W_S, RNE, S(0x4f000000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x4f000000), 0, 0, { { 0xffffffff80000000, 0 } } },
    { RV_FCVT_L_S, RNE, S(0x4f000000), 0, 0, { { 0x80000000, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0x4f000000), 0, 0, { { 0x80000000, 0 } } },
    { RV_FCVT_W_S, RNE, S(0x4effffff), 0, 0, { { 0x7fffff80, 0 } } },
    { RV_FCVT_WU_S, RNE, S(0x4effffff), 0, 0, { { 0x7fffff80, 0 } } },
    { RV_FCVT_L_S, RNE, S(0x4effffff), 0, 0, { { 0x7fffff80, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0x4effffff), 0, 0, { { 0x7fffff80, 0 } } },
    { RV_FCVT_W_S, RNE, S(0xcf000000), 0, 0, { { 0xffffffff80000000, 0 } } },
    { RV_FCVT_WU_S, RNE, S(0xcf000000), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xcf000000), 0, 0, { { 0xffffffff80000000, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0xcf000000), 0, 0, { { 0, NV } } },
    { RV_FCVT_W_S, RNE, S(0xcf000001), 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_S, RNE, S(0xcf000001), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xcf000001), 0, 0, { { 0xffffffff7fffff00, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0xcf000001), 0, 0, { { 0, NV } } },
    { RV_FCVT_W_S, RNE, S(0x4f800000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x4f800000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x4f800000), 0, 0, { { 0x100000000, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0x4f800000), 0, 0, { { 0x100000000, 0 } } },
    { RV_FCVT_W_S, RNE, S(0x4f7fffff), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x4f7fffff), 0, 0, { { 0xffffffffffffff00, 0 } } },
    { RV_FCVT_L_S, RNE, S(0x4f7fffff), 0, 0, { { 0xffffff00, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0x4f7fffff), 0, 0, { { 0xffffff00, 0 } } },
    { RV_FCVT_W_S, RNE, S(0x5f000000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x5f000000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x5f000000), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0x5f000000), 0, 0, { { 0x8000000000000000, 0 } } },
    { RV_FCVT_W_S, RNE, S(0x5effffff), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x5effffff), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x5effffff), 0, 0, { { 0x7fffff8000000000, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0x5effffff), 0, 0, { { 0x7fffff8000000000, 0 } } },
    { RV_FCVT_W_S, RNE, S(0xdf000000), 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_S, RNE, S(0xdf000000), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xdf000000), 0, 0, { { 0x8000000000000000, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0xdf000000), 0, 0, { { 0, NV } } },
    { RV_FCVT_W_S, RNE, S(0xdf000001), 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_S, RNE, S(0xdf000001), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xdf000001), 0, 0, { { 0x8000000000000000, NV } } },
    { RV_FCVT_LU_S, RNE, S(0xdf000001), 0, 0, { { 0, NV } } },
    { RV_FCVT_W_S, RNE, S(0x5f800000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x5f800000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x5f800000), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0x5f800000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_S, RNE, S(0x5f7fffff), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x5f7fffff), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x5f7fffff), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0x5f7fffff), 0, 0, { { 0xffffff0000000000, 0 } } },
    { RV_FCVT_W_S, RNE, S(0xbf800000), 0, 0, { { 0xffffffffffffffff, 0 } } },
    { RV_FCVT_WU_S, RNE, S(0xbf800000), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xbf800000), 0, 0, { { 0xffffffffffffffff, 0 } } },
    { RV_FCVT_LU_S, RNE, S(0xbf800000), 0, 0, { { 0, NV } } },
    { RV_FCVT_W_S, RNE, S(0xbf7fffff), 0, 0, { { 0xffffffffffffffff, NX } } },
    { RV_FCVT_WU_S, RNE, S(0xbf7fffff), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xbf7fffff), 0, 0, { { 0xffffffffffffffff, NX } } },
    { RV_FCVT_LU_S, RNE, S(0xbf7fffff), 0, 0, { { 0, NV } } },
    { RV_FCVT_W_S, RNE, S(0x7f800000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x7f800000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x7f800000), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0x7f800000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_S, RNE, S(0xff800000), 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_S, RNE, S(0xff800000), 0, 0, { { 0, NV } } },
    { RV_FCVT_L_S, RNE, S(0xff800000), 0, 0, { { 0x8000000000000000, NV } } },
    { RV_FCVT_LU_S, RNE, S(0xff800000), 0, 0, { { 0, NV } } },

    /* --- NaNs convert to the largest value, NV */
    { RV_FCVT_W_S, RNE, S(0x7fc00000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x7fc00000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x7fc00000), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0x7fc00000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_S, RNE, S(0xffc00000), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0xffc00000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0xffc00000), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0xffc00000), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_S, RNE, S(0x7f800001), 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, S(0x7f800001), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, S(0x7f800001), 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, S(0x7f800001), 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_S, RNE, 0x000000003f800000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_S, RNE, 0x000000003f800000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_S, RNE, 0x000000003f800000, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_S, RNE, 0x000000003f800000, 0, 0, { { 0xffffffffffffffff, NV } } },

    /* --- double: rounding */
    { RV_FCVT_W_D, ALL, 0x3fe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_W_D, ALL, 0x4004000000000000, 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_W_D, ALL, 0xbfe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_W_D, ALL, 0xbff8000000000000, 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX },
      { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX } } },
    { RV_FCVT_W_D, ALL, 0x3fe6666666666666, 0, 0, {
      { 0x1, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_W_D, ALL, 0xbfd3333333333333, 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0, NX } } },
    { RV_FCVT_WU_D, ALL, 0x3fe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_WU_D, ALL, 0x4004000000000000, 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_WU_D, ALL, 0xbfe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_WU_D, ALL, 0xbff8000000000000, 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_WU_D, ALL, 0x3fe6666666666666, 0, 0, {
      { 0x1, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_WU_D, ALL, 0xbfd3333333333333, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NX } } },
    { RV_FCVT_L_D, ALL, 0x3fe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_L_D, ALL, 0x4004000000000000, 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_L_D, ALL, 0xbfe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_L_D, ALL, 0xbff8000000000000, 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX },
      { 0xffffffffffffffff, NX }, { 0xfffffffffffffffe, NX } } },
    { RV_FCVT_L_D, ALL, 0x3fe6666666666666, 0, 0, {
      { 0x1, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_L_D, ALL, 0xbfd3333333333333, 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0, NX } } },
    { RV_FCVT_LU_D, ALL, 0x3fe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_LU_D, ALL, 0x4004000000000000, 0, 0, {
      { 0x2, NX }, { 0x2, NX }, { 0x2, NX }, { 0x3, NX }, { 0x3, NX } } },
    { RV_FCVT_LU_D, ALL, 0xbfe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_LU_D, ALL, 0xbff8000000000000, 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_LU_D, ALL, 0x3fe6666666666666, 0, 0, {
      { 0x1, NX }, { 0, NX }, { 0, NX }, { 0x1, NX }, { 0x1, NX } } },
    { RV_FCVT_LU_D, ALL, 0xbfd3333333333333, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NX } } },

    /* --- rounding decides whether the value fits */
    { RV_FCVT_W_D, ALL, 0x41dfffffffe00000, 0, 0, {
      { 0x7fffffff, NV }, { 0x7fffffff, NX }, { 0x7fffffff, NX },
      { 0x7fffffff, NV }, { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, ALL, 0x41dfffffffe00000, 0, 0, {
      { 0xffffffff80000000, NX }, { 0x7fffffff, NX }, { 0x7fffffff, NX },
      { 0xffffffff80000000, NX }, { 0xffffffff80000000, NX } } },
    { RV_FCVT_W_D, ALL, 0xc1e0000000100000, 0, 0, {
      { 0xffffffff80000000, NX }, { 0xffffffff80000000, NX }, { 0xffffffff80000000, NV },
      { 0xffffffff80000000, NX }, { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_D, ALL, 0xc1e0000000100000, 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_W_D, ALL, 0xc1e0000000080000, 0, 0, {
      { 0xffffffff80000000, NX }, { 0xffffffff80000000, NX }, { 0xffffffff80000000, NV },
      { 0xffffffff80000000, NX }, { 0xffffffff80000000, NX } } },
    { RV_FCVT_WU_D, ALL, 0xc1e0000000080000, 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },
    { RV_FCVT_W_D, ALL, 0x41effffffff00000, 0, 0, {
      { 0x7fffffff, NV }, { 0x7fffffff, NV }, { 0x7fffffff, NV },
      { 0x7fffffff, NV }, { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, ALL, 0x41effffffff00000, 0, 0, {
      { 0xffffffffffffffff, NV }, { 0xffffffffffffffff, NX }, { 0xffffffffffffffff, NX },
      { 0xffffffffffffffff, NV }, { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_D, ALL, 0x41efffffffd00000, 0, 0, {
      { 0x7fffffff, NV }, { 0x7fffffff, NV }, { 0x7fffffff, NV },
      { 0x7fffffff, NV }, { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, ALL, 0x41efffffffd00000, 0, 0, {
      { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffe, NX }, { 0xfffffffffffffffe, NX },
      { 0xffffffffffffffff, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_W_D, ALL, 0xbfe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_WU_D, ALL, 0xbfe0000000000000, 0, 0, {
      { 0, NX }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_W_D, ALL, 0xbfefff2e48e8a71e, 0, 0, {
      { 0xffffffffffffffff, NX }, { 0, NX }, { 0xffffffffffffffff, NX },
      { 0, NX }, { 0xffffffffffffffff, NX } } },
    { RV_FCVT_WU_D, ALL, 0xbfefff2e48e8a71e, 0, 0, {
      { 0, NV }, { 0, NX }, { 0, NV }, { 0, NX }, { 0, NV } } },
    { RV_FCVT_W_D, ALL, 0xbff0000000000000, 0, 0, {
      { 0xffffffffffffffff, 0 }, { 0xffffffffffffffff, 0 }, { 0xffffffffffffffff, 0 },
      { 0xffffffffffffffff, 0 }, { 0xffffffffffffffff, 0 } } },
    { RV_FCVT_WU_D, ALL, 0xbff0000000000000, 0, 0, {
      { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV }, { 0, NV } } },

    /* --- saturation edges, double */
    { RV_FCVT_W_D, RNE, 0x41dfffffffc00000, 0, 0, { { 0x7fffffff, 0 } } },
    { RV_FCVT_WU_D, RNE, 0x41dfffffffc00000, 0, 0, { { 0x7fffffff, 0 } } },
    { RV_FCVT_L_D, RNE, 0x41dfffffffc00000, 0, 0, { { 0x7fffffff, 0 } } },
    { RV_FCVT_LU_D, RNE, 0x41dfffffffc00000, 0, 0, { { 0x7fffffff, 0 } } },
    { RV_FCVT_W_D, RNE, 0x41e0000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x41e0000000000000, 0, 0, { { 0xffffffff80000000, 0 } } },
    { RV_FCVT_L_D, RNE, 0x41e0000000000000, 0, 0, { { 0x80000000, 0 } } },
    { RV_FCVT_LU_D, RNE, 0x41e0000000000000, 0, 0, { { 0x80000000, 0 } } },
    { RV_FCVT_W_D, RNE, 0xc1e0000000000000, 0, 0, { { 0xffffffff80000000, 0 } } },
    { RV_FCVT_WU_D, RNE, 0xc1e0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_L_D, RNE, 0xc1e0000000000000, 0, 0, { { 0xffffffff80000000, 0 } } },
    { RV_FCVT_LU_D, RNE, 0xc1e0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_W_D, RNE, 0xc1e0000000200000, 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_D, RNE, 0xc1e0000000200000, 0, 0, { { 0, NV } } },
    { RV_FCVT_L_D, RNE, 0xc1e0000000200000, 0, 0, { { 0xffffffff7fffffff, 0 } } },
    { RV_FCVT_LU_D, RNE, 0xc1e0000000200000, 0, 0, { { 0, NV } } },
    { RV_FCVT_W_D, RNE, 0x41efffffffe00000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x41efffffffe00000, 0, 0, { { 0xffffffffffffffff, 0 } } },
    { RV_FCVT_L_D, RNE, 0x41efffffffe00000, 0, 0, { { 0xffffffff, 0 } } },
    { RV_FCVT_LU_D, RNE, 0x41efffffffe00000, 0, 0, { { 0xffffffff, 0 } } },
    { RV_FCVT_W_D, RNE, 0x41f0000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x41f0000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x41f0000000000000, 0, 0, { { 0x100000000, 0 } } },
    { RV_FCVT_LU_D, RNE, 0x41f0000000000000, 0, 0, { { 0x100000000, 0 } } },
    { RV_FCVT_W_D, RNE, 0x43e0000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x43e0000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x43e0000000000000, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0x43e0000000000000, 0, 0, { { 0x8000000000000000, 0 } } },
    { RV_FCVT_W_D, RNE, 0x43dfffffffffffff, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x43dfffffffffffff, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x43dfffffffffffff, 0, 0, { { 0x7ffffffffffffc00, 0 } } },
    { RV_FCVT_LU_D, RNE, 0x43dfffffffffffff, 0, 0, { { 0x7ffffffffffffc00, 0 } } },
    { RV_FCVT_W_D, RNE, 0xc3e0000000000000, 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_D, RNE, 0xc3e0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_L_D, RNE, 0xc3e0000000000000, 0, 0, { { 0x8000000000000000, 0 } } },
    { RV_FCVT_LU_D, RNE, 0xc3e0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_W_D, RNE, 0xc3e0000000000001, 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_D, RNE, 0xc3e0000000000001, 0, 0, { { 0, NV } } },
    { RV_FCVT_L_D, RNE, 0xc3e0000000000001, 0, 0, { { 0x8000000000000000, NV } } },
    { RV_FCVT_LU_D, RNE, 0xc3e0000000000001, 0, 0, { { 0, NV } } },
    { RV_FCVT_W_D, RNE, 0x43f0000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x43f0000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x43f0000000000000, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0x43f0000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_D, RNE, 0x43efffffffffffff, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x43efffffffffffff, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x43efffffffffffff, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0x43efffffffffffff, 0, 0, { { 0xfffffffffffff800, 0 } } },
    { RV_FCVT_W_D, RNE, 0xbff0000000000000, 0, 0, { { 0xffffffffffffffff, 0 } } },
    { RV_FCVT_WU_D, RNE, 0xbff0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_L_D, RNE, 0xbff0000000000000, 0, 0, { { 0xffffffffffffffff, 0 } } },
    { RV_FCVT_LU_D, RNE, 0xbff0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_W_D, RNE, 0x7ff0000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x7ff0000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x7ff0000000000000, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0x7ff0000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_D, RNE, 0xfff0000000000000, 0, 0, { { 0xffffffff80000000, NV } } },
    { RV_FCVT_WU_D, RNE, 0xfff0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_L_D, RNE, 0xfff0000000000000, 0, 0, { { 0x8000000000000000, NV } } },
    { RV_FCVT_LU_D, RNE, 0xfff0000000000000, 0, 0, { { 0, NV } } },
    { RV_FCVT_W_D, RNE, 0x0000000000000001, 0, 0, { { 0, NX } } },
    { RV_FCVT_WU_D, RNE, 0x0000000000000001, 0, 0, { { 0, NX } } },
    { RV_FCVT_L_D, RNE, 0x0000000000000001, 0, 0, { { 0, NX } } },
    { RV_FCVT_LU_D, RNE, 0x0000000000000001, 0, 0, { { 0, NX } } },
    { RV_FCVT_W_D, RNE, 0x7ff8000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x7ff8000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x7ff8000000000000, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0x7ff8000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_D, RNE, 0xfff8000000000000, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0xfff8000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0xfff8000000000000, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0xfff8000000000000, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_D, RNE, 0x7ff0000000000001, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0x7ff0000000000001, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0x7ff0000000000001, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0x7ff0000000000001, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_W_D, RNE, 0xfff0000000000001, 0, 0, { { 0x7fffffff, NV } } },
    { RV_FCVT_WU_D, RNE, 0xfff0000000000001, 0, 0, { { 0xffffffffffffffff, NV } } },
    { RV_FCVT_L_D, RNE, 0xfff0000000000001, 0, 0, { { 0x7fffffffffffffff, NV } } },
    { RV_FCVT_LU_D, RNE, 0xfff0000000000001, 0, 0, { { 0xffffffffffffffff, NV } } },
};

static const struct fpu_vector from_int_vectors[] = {
    /* --- int -> single: 2^24 + 1 and friends need rounding */
    /* 2^24 + 1: tie */
    { RV_FCVT_S_W, ALL, 0x1000001, 0, 0, {
      { S(0x4b800000), NX }, { S(0x4b800000), NX }, { S(0x4b800000), NX },
      { S(0x4b800001), NX }, { S(0x4b800001), NX } } },
    /* 2^24 + 3: tie, even above */
    { RV_FCVT_S_W, ALL, 0x1000003, 0, 0, {
      { S(0x4b800002), NX }, { S(0x4b800001), NX }, { S(0x4b800001), NX },
      { S(0x4b800002), NX }, { S(0x4b800002), NX } } },
    { RV_FCVT_S_W, ALL, 0xfffffffffeffffff, 0, 0, {
      { S(0xcb800000), NX }, { S(0xcb800000), NX }, { S(0xcb800001), NX },
      { S(0xcb800000), NX }, { S(0xcb800001), NX } } },
    { RV_FCVT_S_W, ALL, 0x7fffffff, 0, 0, {
      { S(0x4f000000), NX }, { S(0x4effffff), NX }, { S(0x4effffff), NX },
      { S(0x4f000000), NX }, { S(0x4f000000), NX } } },
    { RV_FCVT_S_W, ALL, 0xffffffff80000001, 0, 0, {
      { S(0xcf000000), NX }, { S(0xceffffff), NX }, { S(0xcf000000), NX },
      { S(0xceffffff), NX }, { S(0xcf000000), NX } } },
    /* exact */
    { RV_FCVT_S_W, RNE, 0xffffffff80000000, 0, 0, { { S(0xcf000000), 0 } } },
    { RV_FCVT_S_W, RNE, 0xffffffffffffffff, 0, 0, { { S(0xbf800000), 0 } } },
    { RV_FCVT_S_W, RNE, 0, 0, 0, { { S(0x00000000), 0 } } },
    /* only the low 32 bits count */
    { RV_FCVT_S_W, RNE, 0x123456780000000f, 0, 0, { { S(0x41700000), 0 } } },
    { RV_FCVT_S_WU, ALL, 0xffffffff, 0, 0, {
      { S(0x4f800000), NX }, { S(0x4f7fffff), NX }, { S(0x4f7fffff), NX },
      { S(0x4f800000), NX }, { S(0x4f800000), NX } } },
    { RV_FCVT_S_WU, ALL, 0x80000081, 0, 0, {
      { S(0x4f000001), NX }, { S(0x4f000000), NX }, { S(0x4f000000), NX },
      { S(0x4f000001), NX }, { S(0x4f000001), NX } } },
    { RV_FCVT_S_WU, RNE, 0xffffffff00000001, 0, 0, { { S(0x3f800000), 0 } } },
    { RV_FCVT_S_L, ALL, 0x7fffffffffffffff, 0, 0, {
      { S(0x5f000000), NX }, { S(0x5effffff), NX }, { S(0x5effffff), NX },
      { S(0x5f000000), NX }, { S(0x5f000000), NX } } },
    { RV_FCVT_S_L, ALL, 0x8000000000000001, 0, 0, {
      { S(0xdf000000), NX }, { S(0xdeffffff), NX }, { S(0xdf000000), NX },
      { S(0xdeffffff), NX }, { S(0xdf000000), NX } } },
    { RV_FCVT_S_L, RNE, 0x8000000000000000, 0, 0, { { S(0xdf000000), 0 } } },
    /* above the tie */
    { RV_FCVT_S_L, ALL, 0x20000010000001, 0, 0, {
      { S(0x5a000000), NX }, { S(0x5a000000), NX }, { S(0x5a000000), NX },
      { S(0x5a000001), NX }, { S(0x5a000000), NX } } },
    { RV_FCVT_S_L, ALL, 0x8000000000000000, 0, 0, {
      { S(0xdf000000), 0 }, { S(0xdf000000), 0 }, { S(0xdf000000), 0 },
      { S(0xdf000000), 0 }, { S(0xdf000000), 0 } } },
    { RV_FCVT_S_L, RNE, 0x1000000, 0, 0, { { S(0x4b800000), 0 } } },
    { RV_FCVT_S_LU, ALL, 0xffffffffffffffff, 0, 0, {
      { S(0x5f800000), NX }, { S(0x5f7fffff), NX }, { S(0x5f7fffff), NX },
      { S(0x5f800000), NX }, { S(0x5f800000), NX } } },
    /* tie, even below */
    { RV_FCVT_S_LU, ALL, 0x8000008000000000, 0, 0, {
      { S(0x5f000000), NX }, { S(0x5f000000), NX }, { S(0x5f000000), NX },
      { S(0x5f000001), NX }, { S(0x5f000001), NX } } },
    /* tie, even above */
    { RV_FCVT_S_LU, ALL, 0x8000018000000000, 0, 0, {
      { S(0x5f000002), NX }, { S(0x5f000001), NX }, { S(0x5f000001), NX },
      { S(0x5f000002), NX }, { S(0x5f000002), NX } } },
    { RV_FCVT_S_LU, RNE, 0x1, 0, 0, { { S(0x3f800000), 0 } } },

    /* --- int -> double */
    { RV_FCVT_D_W, RNE, 0xffffffff80000000, 0, 0, { { 0xc1e0000000000000, 0 } } },
    { RV_FCVT_D_W, RNE, 0x7fffffff, 0, 0, { { 0x41dfffffffc00000, 0 } } },
    { RV_FCVT_D_W, RNE, 0xffffffff00000005, 0, 0, { { 0x4014000000000000, 0 } } },
    { RV_FCVT_D_WU, RNE, 0xffffffff, 0, 0, { { 0x41efffffffe00000, 0 } } },
    { RV_FCVT_D_WU, RNE, 0x123456789abcdef0, 0, 0, { { 0x41e3579bde000000, 0 } } },
    /* 2^53 + 1: tie */
    { RV_FCVT_D_L, ALL, 0x20000000000001, 0, 0, {
      { 0x4340000000000000, NX }, { 0x4340000000000000, NX }, { 0x4340000000000000, NX },
      { 0x4340000000000001, NX }, { 0x4340000000000001, NX } } },
    { RV_FCVT_D_L, ALL, 0xffdfffffffffffff, 0, 0, {
      { 0xc340000000000000, NX }, { 0xc340000000000000, NX }, { 0xc340000000000001, NX },
      { 0xc340000000000000, NX }, { 0xc340000000000001, NX } } },
    { RV_FCVT_D_L, ALL, 0x20000000000003, 0, 0, {
      { 0x4340000000000002, NX }, { 0x4340000000000001, NX }, { 0x4340000000000001, NX },
      { 0x4340000000000002, NX }, { 0x4340000000000002, NX } } },
    { RV_FCVT_D_L, ALL, 0x7fffffffffffffff, 0, 0, {
      { 0x43e0000000000000, NX }, { 0x43dfffffffffffff, NX }, { 0x43dfffffffffffff, NX },
      { 0x43e0000000000000, NX }, { 0x43e0000000000000, NX } } },
    { RV_FCVT_D_L, ALL, 0x8000000000000001, 0, 0, {
      { 0xc3e0000000000000, NX }, { 0xc3dfffffffffffff, NX }, { 0xc3e0000000000000, NX },
      { 0xc3dfffffffffffff, NX }, { 0xc3e0000000000000, NX } } },
    { RV_FCVT_D_L, RNE, 0x8000000000000000, 0, 0, { { 0xc3e0000000000000, 0 } } },
    { RV_FCVT_D_L, RNE, 0xffffffffffffffff, 0, 0, { { 0xbff0000000000000, 0 } } },
    { RV_FCVT_D_L, RNE, 0, 0, 0, { { 0, 0 } } },
    { RV_FCVT_D_LU, ALL, 0xffffffffffffffff, 0, 0, {
      { 0x43f0000000000000, NX }, { 0x43efffffffffffff, NX }, { 0x43efffffffffffff, NX },
      { 0x43f0000000000000, NX }, { 0x43f0000000000000, NX } } },
    /* tie */
    { RV_FCVT_D_LU, ALL, 0x8000000000000400, 0, 0, {
      { 0x43e0000000000000, NX }, { 0x43e0000000000000, NX }, { 0x43e0000000000000, NX },
      { 0x43e0000000000001, NX }, { 0x43e0000000000001, NX } } },
    /* tie, even above */
    { RV_FCVT_D_LU, ALL, 0x8000000000000c00, 0, 0, {
      { 0x43e0000000000002, NX }, { 0x43e0000000000001, NX }, { 0x43e0000000000001, NX },
      { 0x43e0000000000002, NX }, { 0x43e0000000000002, NX } } },
    { RV_FCVT_D_LU, ALL, 0x8000000000000401, 0, 0, {
      { 0x43e0000000000001, NX }, { 0x43e0000000000000, NX }, { 0x43e0000000000000, NX },
      { 0x43e0000000000001, NX }, { 0x43e0000000000001, NX } } },
    { RV_FCVT_D_LU, RNE, 0x8000000000000000, 0, 0, { { 0x43e0000000000000, 0 } } },
};

static const struct fpu_vector s_d_vectors[] = {
    /* --- double -> single rounds per rm */
    /* tie */
    { RV_FCVT_S_D, ALL, 0x3ff0000010000000, 0, 0, {
      { S(0x3f800000), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800001), NX } } },
    /* tie, even above */
    { RV_FCVT_S_D, ALL, 0x3ff0000030000000, 0, 0, {
      { S(0x3f800002), NX }, { S(0x3f800001), NX }, { S(0x3f800001), NX },
      { S(0x3f800002), NX }, { S(0x3f800002), NX } } },
    { RV_FCVT_S_D, ALL, 0xbff0000010000000, 0, 0, {
      { S(0xbf800000), NX }, { S(0xbf800000), NX }, { S(0xbf800001), NX },
      { S(0xbf800000), NX }, { S(0xbf800001), NX } } },
    /* just above the tie */
    { RV_FCVT_S_D, ALL, 0x3ff0000010000001, 0, 0, {
      { S(0x3f800001), NX }, { S(0x3f800000), NX }, { S(0x3f800000), NX },
      { S(0x3f800001), NX }, { S(0x3f800001), NX } } },
    { RV_FCVT_S_D, ALL, 0x3fb999999999999a, 0, 0, {
      { S(0x3dcccccd), NX }, { S(0x3dcccccc), NX }, { S(0x3dcccccc), NX },
      { S(0x3dcccccd), NX }, { S(0x3dcccccd), NX } } },
    { RV_FCVT_S_D, ALL, 0xbfb999999999999a, 0, 0, {
      { S(0xbdcccccd), NX }, { S(0xbdcccccc), NX }, { S(0xbdcccccd), NX },
      { S(0xbdcccccc), NX }, { S(0xbdcccccd), NX } } },
    /* below max + half ulp */
    { RV_FCVT_S_D, ALL, 0x47efffffefffffff, 0, 0, {
      { S(0x7f7fffff), NX }, { S(0x7f7fffff), NX }, { S(0x7f7fffff), NX },
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), NX } } },
    /* max + half ulp: overflow in RNE/RMM */
    { RV_FCVT_S_D, ALL, 0x47effffff0000000, 0, 0, {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), NX }, { S(0x7f7fffff), NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },
    { RV_FCVT_S_D, ALL, 0x7e37e43c8800759c, 0, 0, {
      { S(0x7f800000), OF|NX }, { S(0x7f7fffff), OF|NX }, { S(0x7f7fffff), OF|NX },
      { S(0x7f800000), OF|NX }, { S(0x7f800000), OF|NX } } },
    { RV_FCVT_S_D, ALL, 0xfe37e43c8800759c, 0, 0, {
      { S(0xff800000), OF|NX }, { S(0xff7fffff), OF|NX }, { S(0xff800000), OF|NX },
      { S(0xff7fffff), OF|NX }, { S(0xff800000), OF|NX } } },
    /* half the smallest subnormal */
    { RV_FCVT_S_D, ALL, 0x3690000000000000, 0, 0, {
      { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000001), UF|NX } } },
    { RV_FCVT_S_D, ALL, 0x36a8000000000000, 0, 0, {
      { S(0x00000002), UF|NX }, { S(0x00000001), UF|NX }, { S(0x00000001), UF|NX },
      { S(0x00000002), UF|NX }, { S(0x00000002), UF|NX } } },
    { RV_FCVT_S_D, ALL, 0xb698000000000000, 0, 0, {
      { S(0x80000001), UF|NX }, { S(0x80000000), UF|NX }, { S(0x80000001), UF|NX },
      { S(0x80000000), UF|NX }, { S(0x80000001), UF|NX } } },
    /* rounds to the smallest normal */
    { RV_FCVT_S_D, ALL, 0x380fffffe0000000, 0, 0, {
      { S(0x00800000), UF|NX }, { S(0x007fffff), UF|NX }, { S(0x007fffff), UF|NX },
      { S(0x00800000), UF|NX }, { S(0x00800000), UF|NX } } },
    /* tie between largest subnormal and smallest normal */
    { RV_FCVT_S_D, ALL, 0x380ffffff0000000, 0, 0, {
      { S(0x00800000), NX }, { S(0x007fffff), UF|NX }, { S(0x007fffff), UF|NX },
      { S(0x00800000), NX }, { S(0x00800000), NX } } },
    { RV_FCVT_S_D, ALL, 0x0010000000000000, 0, 0, {
      { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000000), UF|NX } } },
    { RV_FCVT_S_D, ALL, 0x0000000000000001, 0, 0, {
      { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX }, { S(0x00000000), UF|NX },
      { S(0x00000001), UF|NX }, { S(0x00000000), UF|NX } } },
    /* exact subnormal */
    { RV_FCVT_S_D, RNE, 0x3730000000000000, 0, 0, { { S(0x00000200), 0 } } },
    { RV_FCVT_S_D, RNE, 0x8000000000000000, 0, 0, { { S(0x80000000), 0 } } },
    { RV_FCVT_S_D, RNE, 0xfff0000000000000, 0, 0, { { S(0xff800000), 0 } } },
    { RV_FCVT_S_D, RNE, 0x7ff8000000000000, 0, 0, { { S(0x7fc00000), 0 } } },
    { RV_FCVT_S_D, RNE, 0xfff8000000000001, 0, 0, { { S(0x7fc00000), 0 } } },
    { RV_FCVT_S_D, RNE, 0x7ff0000000000001, 0, 0, { { S(0x7fc00000), NV } } },
    { RV_FCVT_S_D, RNE, 0x7ff4000000000000, 0, 0, { { S(0x7fc00000), NV } } },

    /* --- single -> double is exact */
    { RV_FCVT_D_S, RNE, S(0x00000001), 0, 0, { { 0x36a0000000000000, 0 } } },
    { RV_FCVT_D_S, RNE, S(0xff7fffff), 0, 0, { { 0xc7efffffe0000000, 0 } } },
    { RV_FCVT_D_S, RNE, S(0x80000000), 0, 0, { { 0x8000000000000000, 0 } } },
    { RV_FCVT_D_S, RNE, S(0x7f800000), 0, 0, { { 0x7ff0000000000000, 0 } } },
    { RV_FCVT_D_S, RNE, S(0x7fc00000), 0, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FCVT_D_S, RNE, S(0xffc12345), 0, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FCVT_D_S, RNE, S(0x7f800001), 0, 0, { { 0x7ff8000000000000, NV } } },
    /* improperly boxed: canonical NaN, no flag */
    { RV_FCVT_D_S, RNE, 0x000000003f800000, 0, 0, { { 0x7ff8000000000000, 0 } } },
};

static const struct fpu_vector moves_vectors[] = {
    /* low 32 bits sign-extended, box not checked */
    { RV_FMV_X_W, RNE, 0x1234567887654321, 0, 0, { { 0xffffffff87654321, 0 } } },
    { RV_FMV_X_W, RNE, S(0x7fc00001), 0, 0, { { 0x7fc00001, 0 } } },
    { RV_FMV_X_W, RNE, 0x0000000012345678, 0, 0, { { 0x12345678, 0 } } },
    { RV_FMV_W_X, RNE, 0x1234567887654321, 0, 0, { { S(0x87654321), 0 } } },
    { RV_FMV_W_X, RNE, 0, 0, 0, { { S(0x00000000), 0 } } },
    { RV_FMV_X_D, RNE, 0x7ff0000000000001, 0, 0, { { 0x7ff0000000000001, 0 } } },
    { RV_FMV_D_X, RNE, 0xfff4000000000000, 0, 0, { { 0xfff4000000000000, 0 } } },
};

static const struct fpu_vector boxing_vectors[] = {
    /* --- improperly boxed single inputs read as the canonical NaN (quiet: no flag) */
    { RV_FADD_S, RNE, 0x000000003f800000, S(0x3f800000), 0, { { S(0x7fc00000), 0 } } },
    { RV_FADD_S, RNE, 0xfffffffe3f800000, S(0x3f800000), 0, { { S(0x7fc00000), 0 } } },
    { RV_FMUL_S, RNE, S(0x40000000), 0x7fffffff40000000, 0, { { S(0x7fc00000), 0 } } },
    { RV_FDIV_S, RNE, 0, S(0x3f800000), 0, { { S(0x7fc00000), 0 } } },
    { RV_FSQRT_S, RNE, 0x0000000040800000, 0, 0, { { S(0x7fc00000), 0 } } },
    /* 0 * inf + (canonical NaN): NV */
    { RV_FMADD_S, RNE, S(0x00000000), S(0x7f800000), 0x000000003f800000, { { S(0x7fc00000), NV } } },
    { RV_FMADD_S, RNE, S(0x3f800000), S(0x3f800000), 0x00000000bf800000, { { S(0x7fc00000), 0 } } },
    /* the other operand */
    { RV_FMIN_S, RNE, 0x000000003f800000, S(0xc0a00000), 0, { { S(0xc0a00000), 0 } } },
    { RV_FMAX_S, RNE, S(0xc0a00000), 0x00000000bf800000, 0, { { S(0xc0a00000), 0 } } },
    { RV_FMIN_S, RNE, 0, 0x0000000000000001, 0, { { S(0x7fc00000), 0 } } },
    { RV_FEQ_S, RNE, 0x000000003f800000, 0x000000003f800000, 0, { { 0, 0 } } },
    /* a NaN: NV */
    { RV_FLT_S, RNE, 0x000000003f800000, S(0x40000000), 0, { { 0, NV } } },
    { RV_FLE_S, RNE, S(0x3f800000), 0x00000000ff800000, 0, { { 0, NV } } },
    /* sign injection on the canonical NaN */
    { RV_FSGNJ_S, RNE, 0x000000003f800000, S(0xbf800000), 0, { { S(0xffc00000), 0 } } },
    { RV_FSGNJN_S, RNE, 0x00000000bf800000, S(0x3f800000), 0, { { S(0xffc00000), 0 } } },
    { RV_FSGNJX_S, RNE, S(0xc0000000), 0x00000000bf800000, 0, { { S(0xc0000000), 0 } } },
    { RV_FSGNJ_S, RNE, S(0x40000000), 0x00000000bf800000, 0, { { S(0x40000000), 0 } } },
    { RV_FCLASS_S, RNE, 0x000000003f800000, 0, 0, { { 0x200, 0 } } },
    { RV_FCVT_D_S, RNE, 0x7fffffff3f800000, 0, 0, { { 0x7ff8000000000000, 0 } } },
    { RV_FCVT_W_S, RNE, 0x00000000bf800000, 0, 0, { { 0x7fffffff, NV } } },
};

/* Every table, for X(name) macros. */
#define RV_FPU_VECTOR_TABLES(X) \
    X(add_sub) X(mul_div) X(sqrt) X(fma) X(min_max) X(compare) X(sign_inject) X(classify) \
    X(to_int) X(from_int) X(s_d) X(moves) X(boxing)

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
__attribute__((unused)) static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

__attribute__((unused)) static uint64_t random_operand(bool dbl)
{
    unsigned mant_bits = dbl ? 52 : 23, exp_max = dbl ? 2047 : 255, bias = dbl ? 1023 : 127;
    uint64_t sign = rng() & 1, mant = rng() & ((1ull << mant_bits) - 1), exp;
    if (rng() & 1)                       /* few significant bits: exact results and ties */
        mant &= ~0ull << (rng() % (mant_bits + 1));
    switch (rng() % 8) {
    case 0: exp = rng() % 3 == 0 ? exp_max : 0; break;          /* zero, subnormal, inf, NaN */
    case 1: exp = rng() % 4; break;                              /* near underflow */
    case 2: exp = exp_max - 1 - rng() % 4; break;                /* near overflow */
    case 3: exp = bias + 66 - rng() % 70; break;                 /* integer range */
    case 4: exp = 1 + rng() % (exp_max - 1); break;
    default: exp = bias - 2 + rng() % 5; break;                  /* close to one */
    }
    uint64_t v = sign << (mant_bits + (dbl ? 11 : 8)) | exp << mant_bits | mant;
    if (dbl)
        return v;
    return rng() % 64 == 0 ? v : S(v);   /* now and then improperly boxed */
}

__attribute__((unused)) static bool is_double_op(enum rv_fpop op)
{
    return (op >= RV_FADD_D && op <= RV_FLE_D) || (op >= RV_FMADD_D && op <= RV_FNMADD_D) ||
           op == RV_FSQRT_D || op == RV_FCLASS_D || (op >= RV_FCVT_W_D && op <= RV_FCVT_LU_D) ||
           op == RV_FCVT_S_D || op == RV_FMV_X_D;
}

#endif
