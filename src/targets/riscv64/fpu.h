/*
 * fpu.h - riscv64 F and D arithmetic, exactly as the ISA manual specifies: IEEE 754-2008
 * results in every rounding mode, accrued flags in cpu->fflags, canonical NaNs
 * (0x7fc00000 / 0x7ff8000000000000), NaN-boxing of single values in 64-bit f registers
 * (an improperly boxed input reads as the canonical NaN), saturating float-to-int
 * conversions (NV set; NaN converts to the largest value), fmin/fmax per 2.2 (-0 < +0,
 * one NaN input returns the other operand), fclass.
 *
 * One helper serves every op so the front end needs one IR call per FP instruction:
 *     result = rv_fpu(cpu, op | rm << 8, a, b, c)
 * where op is enum rv_fpop, rm is the instruction's rm field (RV_RM_DYN means cpu->frm,
 * which the front end has already checked is valid: 0..4), and a, b, c are the raw source
 * values: f-register bits (NaN-boxed for singles) or integer register values for ops that
 * read x registers. The result is f-register bits (singles NaN-boxed) or the integer value
 * to write to rd (32-bit results sign-extended to 64 bits, as the ISA says).
 * The helper reads cpu->frm and updates cpu->fflags only (IR_HELPER_NO_GLOBALS).
 */
#ifndef CROSSRUN_RV64_FPU_H
#define CROSSRUN_RV64_FPU_H

#include "cpu.h"

enum rv_fpop {
    /* binary: a op b */
    RV_FADD_S, RV_FSUB_S, RV_FMUL_S, RV_FDIV_S, RV_FMIN_S, RV_FMAX_S,
    RV_FSGNJ_S, RV_FSGNJN_S, RV_FSGNJX_S,
    RV_FEQ_S, RV_FLT_S, RV_FLE_S,                   /* result 0/1 in rd */
    RV_FADD_D, RV_FSUB_D, RV_FMUL_D, RV_FDIV_D, RV_FMIN_D, RV_FMAX_D,
    RV_FSGNJ_D, RV_FSGNJN_D, RV_FSGNJX_D,
    RV_FEQ_D, RV_FLT_D, RV_FLE_D,
    /* ternary: a * b + c with the sign variants of the ISA */
    RV_FMADD_S, RV_FMSUB_S, RV_FNMSUB_S, RV_FNMADD_S,
    RV_FMADD_D, RV_FMSUB_D, RV_FNMSUB_D, RV_FNMADD_D,
    /* unary on a */
    RV_FSQRT_S, RV_FSQRT_D, RV_FCLASS_S, RV_FCLASS_D,
    RV_FCVT_W_S, RV_FCVT_WU_S, RV_FCVT_L_S, RV_FCVT_LU_S,   /* f -> x */
    RV_FCVT_W_D, RV_FCVT_WU_D, RV_FCVT_L_D, RV_FCVT_LU_D,
    RV_FCVT_S_W, RV_FCVT_S_WU, RV_FCVT_S_L, RV_FCVT_S_LU,   /* x -> f */
    RV_FCVT_D_W, RV_FCVT_D_WU, RV_FCVT_D_L, RV_FCVT_D_LU,
    RV_FCVT_S_D, RV_FCVT_D_S,
    RV_FMV_X_W,   /* rd = sign-extended low 32 bits of a (no unboxing check) */
    RV_FMV_W_X,   /* f = NaN-box(low 32 bits of a) */
    RV_FMV_X_D, RV_FMV_D_X,
    RV_FPOP_COUNT
};

uint64_t rv_fpu(struct cpu *cpu, uint64_t op_rm, uint64_t a, uint64_t b, uint64_t c);
/* In op_rm: a, b and c are single-precision values given unboxed (zero-extended 32-bit
 * values, as IR FP ops hold them): rv_fpu NaN-boxes them first. For the fallback of inline
 * FP ops on singles (trans_fp.c); never set for ops whose a is an integer. */
#define RV_FPU_BOX_ARGS (1u << 12)
/* Name of an op for the disassembler and tests ("fadd.s"). */
const char *rv_fpop_name(enum rv_fpop op);
/* For tests: false routes every op through the software path (the one RMM always uses)
 * instead of the host's SSE/FMA unit, so the two can be compared; true (the default)
 * restores normal operation. Not thread-safe; never called by the emulator itself. */
void rv_fpu_set_host_fp(bool enable);

#endif
