/*
 * cpu.h - riscv64 CPU state for user mode. struct rv64_cpu embeds struct cpu first; the IR
 * globals are x1..x31 (index 0..30) and f0..f31 (index 31..62), all I64. x0 is not stored:
 * the front end reads it as constant 0 and drops writes. f registers hold NaN-boxed values.
 */
#ifndef CROSSRUN_RV64_CPU_H
#define CROSSRUN_RV64_CPU_H

#include "../../translate/exec.h"

struct rv64_cpu {
    struct cpu base;
    uint64_t x[32];        /* x[0] is always 0 */
    uint64_t f[32];
    uint32_t fflags;       /* accrued exception flags: NV DZ OF UF NX = bits 4..0 */
    uint32_t frm;          /* dynamic rounding mode, 0..4 valid (5..7 make dynamic-rm ops illegal) */
    uint64_t res_addr;     /* LR reservation: guest address, or RV_NO_RESERVATION */
    uint64_t res_val;      /* value loaded by LR (SC succeeds if memory still holds it) */
    uint32_t res_size;     /* 4 or 8 */
};
#define RV_NO_RESERVATION (~(uint64_t)0)

#define RV_GLOBAL_X(i) ((i) - 1)   /* IR global index of x1..x31 */
#define RV_GLOBAL_F(i) (31 + (i))  /* IR global index of f0..f31 */
#define RV_NGLOBALS 63

enum { RV_FFLAG_NX = 1, RV_FFLAG_UF = 2, RV_FFLAG_OF = 4, RV_FFLAG_DZ = 8, RV_FFLAG_NV = 16 };
enum { RV_RM_RNE = 0, RV_RM_RTZ = 1, RV_RM_RDN = 2, RV_RM_RUP = 3, RV_RM_RMM = 4, RV_RM_DYN = 7 };

static inline struct rv64_cpu *rv64(struct cpu *c) { return (struct rv64_cpu *)c; }

/*
 * The FP environment. Inline FP code (IR FP ops) accrues its exception flags in
 * cpu->fp_env (x86 MXCSR layout, see exec.h) and rounds per its rounding control; rv_fpu
 * accrues into rv->fflags. The guest's fflags are therefore rv->fflags | the flags in
 * fp_env, and every reader and writer of fflags/frm outside translated code must go through
 * these two functions (where cpu->fp_env is exact: C code, never while translated code runs).
 */
/* fp_env flags (IE DE ZE OE UE PE = bits 0..5) as fflags; DE has no RISC-V counterpart. */
static inline uint32_t rv64_fflags_of_env(uint32_t env)
{
    return (env & 0x01) << 4 |           /* invalid -> NV */
           (env & 0x04) << 1 |           /* divide by zero -> DZ */
           (env & 0x08) >> 1 |           /* overflow -> OF */
           (env & 0x10) >> 3 |           /* underflow -> UF */
           (env & 0x20) >> 5;            /* inexact -> NX */
}

/* The guest-visible fflags (folding fp_env's flags into rv->fflags and clearing them there). */
static inline uint32_t rv64_fflags(struct rv64_cpu *rv)
{
    uint32_t env = rv->base.fp_env;
    if (env & FP_ENV_FLAGS) {
        rv->fflags |= rv64_fflags_of_env(env);
        rv->base.fp_env = env & ~(uint32_t)FP_ENV_FLAGS;
    }
    return rv->fflags & 0x1f;
}

/* Sets fflags and frm (CSR writes, sigreturn, start-up) and the FP environment to match:
 * no flags accrued, the rounding control of frm; fp_fallback for RMM (which x86 cannot
 * round) and the reserved values (dynamic-rm instructions trap on those anyway). */
static inline void rv64_set_fcsr(struct rv64_cpu *rv, uint32_t fflags, uint32_t frm)
{
    static const uint8_t rc_of_frm[4] = {
        [RV_RM_RNE] = FP_ENV_RC_NEAREST, [RV_RM_RTZ] = FP_ENV_RC_ZERO,
        [RV_RM_RDN] = FP_ENV_RC_DOWN, [RV_RM_RUP] = FP_ENV_RC_UP,
    };
    rv->fflags = fflags & 0x1f;
    rv->frm = frm & 7;
    uint32_t rc = rv->frm < 4 ? rc_of_frm[rv->frm] : FP_ENV_RC_NEAREST;
    rv->base.fp_env = FP_ENV_DEFAULT | rc << FP_ENV_RC_SHIFT;
    rv->base.fp_fallback = rv->frm >= RV_RM_RMM;
}

#endif
