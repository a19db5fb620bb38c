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

#endif
