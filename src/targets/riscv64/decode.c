/*
 * decode.c - the riscv64 decode table and decoder.
 *
 * rv_opdesc[] is the single table of 32-bit encodings, indexed by enum rv_op: a mask, a
 * match value and an operand format per instruction (facts from the RISC-V unprivileged
 * ISA manual). No two entries may match the same word (a unit test checks it), so the
 * order of lookup does not matter. rv_cdesc[] lists the compressed forms, each naming the
 * base op it expands to and how its fields map onto the base fields; there the first
 * match wins (c.ebreak before c.jalr, c.jr before c.mv, c.addi16sp before c.lui).
 *
 * Invariants: every word decodes (unknown or reserved -> RV_OP_ILLEGAL); fields the format
 * does not have are 0; a compressed form decodes to exactly the record of its expansion
 * apart from len, raw and cname.
 */
#include <pthread.h>
#include <string.h>
#include "../../loader/vdso.h"
#include "decode.h"

/* ---- field positions of 32-bit encodings */
#define OPC(x)  ((uint32_t)(x))
#define F3(x)   ((uint32_t)(x) << 12)
#define F7(x)   ((uint32_t)(x) << 25)
#define F6(x)   ((uint32_t)(x) << 26)
#define F5(x)   ((uint32_t)(x) << 27)   /* AMO funct5 */
#define RS2(x)  ((uint32_t)(x) << 20)
#define FMT2(x) ((uint32_t)(x) << 25)   /* R4 fmt field: 0 = S, 1 = D */

#define M_OPC   0x0000007fu             /* opcode only (U, J) */
#define M_F3    0x0000707fu             /* opcode + funct3 (I, S, B) */
#define M_F7    0xfe00707fu             /* opcode + funct3 + funct7 (R) */
#define M_F6    0xfc00707fu             /* RV64 immediate shifts: funct6 + 6-bit shamt */
#define M_R1    0xfff0707fu             /* R with a fixed rs2 (unary) */
#define M_FRM   0xfe00007fu             /* FP with rm: funct7 + opcode */
#define M_FRM1  0xfff0007fu             /* FP unary with rm: funct7 + rs2 + opcode */
#define M_R4    0x0600007fu             /* fused multiply-add: fmt + opcode */
#define M_AMO   0xf800707fu             /* funct5 + funct3 + opcode; aq, rl free */
#define M_LR    0xf9f0707fu             /* as AMO with rs2 = 0 */
#define M_ALL   0xffffffffu

enum {                                  /* major opcodes */
    OP_LOAD = 0x03, OP_LOAD_FP = 0x07, OP_MISC_MEM = 0x0f, OP_IMM = 0x13, OP_AUIPC = 0x17,
    OP_IMM_32 = 0x1b, OP_STORE = 0x23, OP_STORE_FP = 0x27, OP_AMO = 0x2f, OP_OP = 0x33,
    OP_LUI = 0x37, OP_OP_32 = 0x3b, OP_MADD = 0x43, OP_MSUB = 0x47, OP_NMSUB = 0x4b,
    OP_NMADD = 0x4f, OP_FP = 0x53, OP_BRANCH = 0x63, OP_JALR = 0x67, OP_JAL = 0x6f,
    OP_SYSTEM = 0x73,
    OP_CUSTOM_0 = 0x0b,                 /* crossrun's vDSO services */
};

#define E(nm, m, v, f) { .name = nm, .mask = (m), .match = (v), .fmt = RV_FMT_##f }

const struct rv_opdesc rv_opdesc[RV_OP_COUNT] = {
    [RV_OP_ILLEGAL]   = { .name = "illegal", .mask = 0, .match = 1, .fmt = RV_FMT_NONE }, /* never matches */
    /* RV64I */
    [RV_OP_LUI]       = E("lui",    M_OPC, OPC(OP_LUI), U),
    [RV_OP_AUIPC]     = E("auipc",  M_OPC, OPC(OP_AUIPC), U),
    [RV_OP_JAL]       = E("jal",    M_OPC, OPC(OP_JAL), J),
    [RV_OP_JALR]      = E("jalr",   M_F3, OPC(OP_JALR) | F3(0), LOAD),
    [RV_OP_BEQ]       = E("beq",    M_F3, OPC(OP_BRANCH) | F3(0), B),
    [RV_OP_BNE]       = E("bne",    M_F3, OPC(OP_BRANCH) | F3(1), B),
    [RV_OP_BLT]       = E("blt",    M_F3, OPC(OP_BRANCH) | F3(4), B),
    [RV_OP_BGE]       = E("bge",    M_F3, OPC(OP_BRANCH) | F3(5), B),
    [RV_OP_BLTU]      = E("bltu",   M_F3, OPC(OP_BRANCH) | F3(6), B),
    [RV_OP_BGEU]      = E("bgeu",   M_F3, OPC(OP_BRANCH) | F3(7), B),
    [RV_OP_LB]        = E("lb",     M_F3, OPC(OP_LOAD) | F3(0), LOAD),
    [RV_OP_LH]        = E("lh",     M_F3, OPC(OP_LOAD) | F3(1), LOAD),
    [RV_OP_LW]        = E("lw",     M_F3, OPC(OP_LOAD) | F3(2), LOAD),
    [RV_OP_LD]        = E("ld",     M_F3, OPC(OP_LOAD) | F3(3), LOAD),
    [RV_OP_LBU]       = E("lbu",    M_F3, OPC(OP_LOAD) | F3(4), LOAD),
    [RV_OP_LHU]       = E("lhu",    M_F3, OPC(OP_LOAD) | F3(5), LOAD),
    [RV_OP_LWU]       = E("lwu",    M_F3, OPC(OP_LOAD) | F3(6), LOAD),
    [RV_OP_SB]        = E("sb",     M_F3, OPC(OP_STORE) | F3(0), STORE),
    [RV_OP_SH]        = E("sh",     M_F3, OPC(OP_STORE) | F3(1), STORE),
    [RV_OP_SW]        = E("sw",     M_F3, OPC(OP_STORE) | F3(2), STORE),
    [RV_OP_SD]        = E("sd",     M_F3, OPC(OP_STORE) | F3(3), STORE),
    [RV_OP_ADDI]      = E("addi",   M_F3, OPC(OP_IMM) | F3(0), I),
    [RV_OP_SLTI]      = E("slti",   M_F3, OPC(OP_IMM) | F3(2), I),
    [RV_OP_SLTIU]     = E("sltiu",  M_F3, OPC(OP_IMM) | F3(3), I),
    [RV_OP_XORI]      = E("xori",   M_F3, OPC(OP_IMM) | F3(4), I),
    [RV_OP_ORI]       = E("ori",    M_F3, OPC(OP_IMM) | F3(6), I),
    [RV_OP_ANDI]      = E("andi",   M_F3, OPC(OP_IMM) | F3(7), I),
    [RV_OP_SLLI]      = E("slli",   M_F6, OPC(OP_IMM) | F3(1) | F6(0x00), SHIFT),
    [RV_OP_SRLI]      = E("srli",   M_F6, OPC(OP_IMM) | F3(5) | F6(0x00), SHIFT),
    [RV_OP_SRAI]      = E("srai",   M_F6, OPC(OP_IMM) | F3(5) | F6(0x10), SHIFT),
    [RV_OP_ADD]       = E("add",    M_F7, OPC(OP_OP) | F3(0) | F7(0x00), R),
    [RV_OP_SUB]       = E("sub",    M_F7, OPC(OP_OP) | F3(0) | F7(0x20), R),
    [RV_OP_SLL]       = E("sll",    M_F7, OPC(OP_OP) | F3(1) | F7(0x00), R),
    [RV_OP_SLT]       = E("slt",    M_F7, OPC(OP_OP) | F3(2) | F7(0x00), R),
    [RV_OP_SLTU]      = E("sltu",   M_F7, OPC(OP_OP) | F3(3) | F7(0x00), R),
    [RV_OP_XOR]       = E("xor",    M_F7, OPC(OP_OP) | F3(4) | F7(0x00), R),
    [RV_OP_SRL]       = E("srl",    M_F7, OPC(OP_OP) | F3(5) | F7(0x00), R),
    [RV_OP_SRA]       = E("sra",    M_F7, OPC(OP_OP) | F3(5) | F7(0x20), R),
    [RV_OP_OR]        = E("or",     M_F7, OPC(OP_OP) | F3(6) | F7(0x00), R),
    [RV_OP_AND]       = E("and",    M_F7, OPC(OP_OP) | F3(7) | F7(0x00), R),
    [RV_OP_ADDIW]     = E("addiw",  M_F3, OPC(OP_IMM_32) | F3(0), I),
    [RV_OP_SLLIW]     = E("slliw",  M_F7, OPC(OP_IMM_32) | F3(1) | F7(0x00), SHIFT),
    [RV_OP_SRLIW]     = E("srliw",  M_F7, OPC(OP_IMM_32) | F3(5) | F7(0x00), SHIFT),
    [RV_OP_SRAIW]     = E("sraiw",  M_F7, OPC(OP_IMM_32) | F3(5) | F7(0x20), SHIFT),
    [RV_OP_ADDW]      = E("addw",   M_F7, OPC(OP_OP_32) | F3(0) | F7(0x00), R),
    [RV_OP_SUBW]      = E("subw",   M_F7, OPC(OP_OP_32) | F3(0) | F7(0x20), R),
    [RV_OP_SLLW]      = E("sllw",   M_F7, OPC(OP_OP_32) | F3(1) | F7(0x00), R),
    [RV_OP_SRLW]      = E("srlw",   M_F7, OPC(OP_OP_32) | F3(5) | F7(0x00), R),
    [RV_OP_SRAW]      = E("sraw",   M_F7, OPC(OP_OP_32) | F3(5) | F7(0x20), R),
    /* fence: fm/pred/succ in imm; rs1 and rd are reserved and ignored, as the ISA requires */
    [RV_OP_FENCE]     = E("fence",  M_F3, OPC(OP_MISC_MEM) | F3(0), FENCE),
    [RV_OP_ECALL]     = E("ecall",  M_ALL, 0x00000073, NONE),
    [RV_OP_EBREAK]    = E("ebreak", M_ALL, 0x00100073, NONE),
    /* Zifencei: imm, rs1 and rd are reserved and ignored */
    [RV_OP_FENCE_I]   = E("fence.i", M_F3, OPC(OP_MISC_MEM) | F3(1), NONE),
    /* Zicsr */
    [RV_OP_CSRRW]     = E("csrrw",  M_F3, OPC(OP_SYSTEM) | F3(1), CSR),
    [RV_OP_CSRRS]     = E("csrrs",  M_F3, OPC(OP_SYSTEM) | F3(2), CSR),
    [RV_OP_CSRRC]     = E("csrrc",  M_F3, OPC(OP_SYSTEM) | F3(3), CSR),
    [RV_OP_CSRRWI]    = E("csrrwi", M_F3, OPC(OP_SYSTEM) | F3(5), CSRI),
    [RV_OP_CSRRSI]    = E("csrrsi", M_F3, OPC(OP_SYSTEM) | F3(6), CSRI),
    [RV_OP_CSRRCI]    = E("csrrci", M_F3, OPC(OP_SYSTEM) | F3(7), CSRI),
    /* M */
    [RV_OP_MUL]       = E("mul",    M_F7, OPC(OP_OP) | F3(0) | F7(0x01), R),
    [RV_OP_MULH]      = E("mulh",   M_F7, OPC(OP_OP) | F3(1) | F7(0x01), R),
    [RV_OP_MULHSU]    = E("mulhsu", M_F7, OPC(OP_OP) | F3(2) | F7(0x01), R),
    [RV_OP_MULHU]     = E("mulhu",  M_F7, OPC(OP_OP) | F3(3) | F7(0x01), R),
    [RV_OP_DIV]       = E("div",    M_F7, OPC(OP_OP) | F3(4) | F7(0x01), R),
    [RV_OP_DIVU]      = E("divu",   M_F7, OPC(OP_OP) | F3(5) | F7(0x01), R),
    [RV_OP_REM]       = E("rem",    M_F7, OPC(OP_OP) | F3(6) | F7(0x01), R),
    [RV_OP_REMU]      = E("remu",   M_F7, OPC(OP_OP) | F3(7) | F7(0x01), R),
    [RV_OP_MULW]      = E("mulw",   M_F7, OPC(OP_OP_32) | F3(0) | F7(0x01), R),
    [RV_OP_DIVW]      = E("divw",   M_F7, OPC(OP_OP_32) | F3(4) | F7(0x01), R),
    [RV_OP_DIVUW]     = E("divuw",  M_F7, OPC(OP_OP_32) | F3(5) | F7(0x01), R),
    [RV_OP_REMW]      = E("remw",   M_F7, OPC(OP_OP_32) | F3(6) | F7(0x01), R),
    [RV_OP_REMUW]     = E("remuw",  M_F7, OPC(OP_OP_32) | F3(7) | F7(0x01), R),
    /* A */
    [RV_OP_LR_W]      = E("lr.w",      M_LR,  OPC(OP_AMO) | F3(2) | F5(0x02), LR),
    [RV_OP_SC_W]      = E("sc.w",      M_AMO, OPC(OP_AMO) | F3(2) | F5(0x03), AMO),
    [RV_OP_AMOSWAP_W] = E("amoswap.w", M_AMO, OPC(OP_AMO) | F3(2) | F5(0x01), AMO),
    [RV_OP_AMOADD_W]  = E("amoadd.w",  M_AMO, OPC(OP_AMO) | F3(2) | F5(0x00), AMO),
    [RV_OP_AMOXOR_W]  = E("amoxor.w",  M_AMO, OPC(OP_AMO) | F3(2) | F5(0x04), AMO),
    [RV_OP_AMOAND_W]  = E("amoand.w",  M_AMO, OPC(OP_AMO) | F3(2) | F5(0x0c), AMO),
    [RV_OP_AMOOR_W]   = E("amoor.w",   M_AMO, OPC(OP_AMO) | F3(2) | F5(0x08), AMO),
    [RV_OP_AMOMIN_W]  = E("amomin.w",  M_AMO, OPC(OP_AMO) | F3(2) | F5(0x10), AMO),
    [RV_OP_AMOMAX_W]  = E("amomax.w",  M_AMO, OPC(OP_AMO) | F3(2) | F5(0x14), AMO),
    [RV_OP_AMOMINU_W] = E("amominu.w", M_AMO, OPC(OP_AMO) | F3(2) | F5(0x18), AMO),
    [RV_OP_AMOMAXU_W] = E("amomaxu.w", M_AMO, OPC(OP_AMO) | F3(2) | F5(0x1c), AMO),
    [RV_OP_LR_D]      = E("lr.d",      M_LR,  OPC(OP_AMO) | F3(3) | F5(0x02), LR),
    [RV_OP_SC_D]      = E("sc.d",      M_AMO, OPC(OP_AMO) | F3(3) | F5(0x03), AMO),
    [RV_OP_AMOSWAP_D] = E("amoswap.d", M_AMO, OPC(OP_AMO) | F3(3) | F5(0x01), AMO),
    [RV_OP_AMOADD_D]  = E("amoadd.d",  M_AMO, OPC(OP_AMO) | F3(3) | F5(0x00), AMO),
    [RV_OP_AMOXOR_D]  = E("amoxor.d",  M_AMO, OPC(OP_AMO) | F3(3) | F5(0x04), AMO),
    [RV_OP_AMOAND_D]  = E("amoand.d",  M_AMO, OPC(OP_AMO) | F3(3) | F5(0x0c), AMO),
    [RV_OP_AMOOR_D]   = E("amoor.d",   M_AMO, OPC(OP_AMO) | F3(3) | F5(0x08), AMO),
    [RV_OP_AMOMIN_D]  = E("amomin.d",  M_AMO, OPC(OP_AMO) | F3(3) | F5(0x10), AMO),
    [RV_OP_AMOMAX_D]  = E("amomax.d",  M_AMO, OPC(OP_AMO) | F3(3) | F5(0x14), AMO),
    [RV_OP_AMOMINU_D] = E("amominu.d", M_AMO, OPC(OP_AMO) | F3(3) | F5(0x18), AMO),
    [RV_OP_AMOMAXU_D] = E("amomaxu.d", M_AMO, OPC(OP_AMO) | F3(3) | F5(0x1c), AMO),
    /* F */
    [RV_OP_FLW]       = E("flw",      M_F3, OPC(OP_LOAD_FP) | F3(2), FLOAD),
    [RV_OP_FSW]       = E("fsw",      M_F3, OPC(OP_STORE_FP) | F3(2), FSTORE),
    [RV_OP_FMADD_S]   = E("fmadd.s",  M_R4, OPC(OP_MADD) | FMT2(0), F_R4_RM),
    [RV_OP_FMSUB_S]   = E("fmsub.s",  M_R4, OPC(OP_MSUB) | FMT2(0), F_R4_RM),
    [RV_OP_FNMSUB_S]  = E("fnmsub.s", M_R4, OPC(OP_NMSUB) | FMT2(0), F_R4_RM),
    [RV_OP_FNMADD_S]  = E("fnmadd.s", M_R4, OPC(OP_NMADD) | FMT2(0), F_R4_RM),
    [RV_OP_FADD_S]    = E("fadd.s",   M_FRM, OPC(OP_FP) | F7(0x00), F_R_RM),
    [RV_OP_FSUB_S]    = E("fsub.s",   M_FRM, OPC(OP_FP) | F7(0x04), F_R_RM),
    [RV_OP_FMUL_S]    = E("fmul.s",   M_FRM, OPC(OP_FP) | F7(0x08), F_R_RM),
    [RV_OP_FDIV_S]    = E("fdiv.s",   M_FRM, OPC(OP_FP) | F7(0x0c), F_R_RM),
    [RV_OP_FSQRT_S]   = E("fsqrt.s",  M_FRM1, OPC(OP_FP) | F7(0x2c) | RS2(0), F_1_RM),
    [RV_OP_FSGNJ_S]   = E("fsgnj.s",  M_F7, OPC(OP_FP) | F7(0x10) | F3(0), F_R),
    [RV_OP_FSGNJN_S]  = E("fsgnjn.s", M_F7, OPC(OP_FP) | F7(0x10) | F3(1), F_R),
    [RV_OP_FSGNJX_S]  = E("fsgnjx.s", M_F7, OPC(OP_FP) | F7(0x10) | F3(2), F_R),
    [RV_OP_FMIN_S]    = E("fmin.s",   M_F7, OPC(OP_FP) | F7(0x14) | F3(0), F_R),
    [RV_OP_FMAX_S]    = E("fmax.s",   M_F7, OPC(OP_FP) | F7(0x14) | F3(1), F_R),
    [RV_OP_FCVT_W_S]  = E("fcvt.w.s",  M_FRM1, OPC(OP_FP) | F7(0x60) | RS2(0), F_XF_RM),
    [RV_OP_FCVT_WU_S] = E("fcvt.wu.s", M_FRM1, OPC(OP_FP) | F7(0x60) | RS2(1), F_XF_RM),
    [RV_OP_FCVT_L_S]  = E("fcvt.l.s",  M_FRM1, OPC(OP_FP) | F7(0x60) | RS2(2), F_XF_RM),
    [RV_OP_FCVT_LU_S] = E("fcvt.lu.s", M_FRM1, OPC(OP_FP) | F7(0x60) | RS2(3), F_XF_RM),
    [RV_OP_FMV_X_W]   = E("fmv.x.w",   M_R1, OPC(OP_FP) | F7(0x70) | F3(0), F_XF),
    [RV_OP_FEQ_S]     = E("feq.s",     M_F7, OPC(OP_FP) | F7(0x50) | F3(2), F_CMP),
    [RV_OP_FLT_S]     = E("flt.s",     M_F7, OPC(OP_FP) | F7(0x50) | F3(1), F_CMP),
    [RV_OP_FLE_S]     = E("fle.s",     M_F7, OPC(OP_FP) | F7(0x50) | F3(0), F_CMP),
    [RV_OP_FCLASS_S]  = E("fclass.s",  M_R1, OPC(OP_FP) | F7(0x70) | F3(1), F_XF),
    [RV_OP_FCVT_S_W]  = E("fcvt.s.w",  M_FRM1, OPC(OP_FP) | F7(0x68) | RS2(0), F_FX_RM),
    [RV_OP_FCVT_S_WU] = E("fcvt.s.wu", M_FRM1, OPC(OP_FP) | F7(0x68) | RS2(1), F_FX_RM),
    [RV_OP_FCVT_S_L]  = E("fcvt.s.l",  M_FRM1, OPC(OP_FP) | F7(0x68) | RS2(2), F_FX_RM),
    [RV_OP_FCVT_S_LU] = E("fcvt.s.lu", M_FRM1, OPC(OP_FP) | F7(0x68) | RS2(3), F_FX_RM),
    [RV_OP_FMV_W_X]   = E("fmv.w.x",   M_R1, OPC(OP_FP) | F7(0x78) | F3(0), F_FX),
    /* D */
    [RV_OP_FLD]       = E("fld",      M_F3, OPC(OP_LOAD_FP) | F3(3), FLOAD),
    [RV_OP_FSD]       = E("fsd",      M_F3, OPC(OP_STORE_FP) | F3(3), FSTORE),
    [RV_OP_FMADD_D]   = E("fmadd.d",  M_R4, OPC(OP_MADD) | FMT2(1), F_R4_RM),
    [RV_OP_FMSUB_D]   = E("fmsub.d",  M_R4, OPC(OP_MSUB) | FMT2(1), F_R4_RM),
    [RV_OP_FNMSUB_D]  = E("fnmsub.d", M_R4, OPC(OP_NMSUB) | FMT2(1), F_R4_RM),
    [RV_OP_FNMADD_D]  = E("fnmadd.d", M_R4, OPC(OP_NMADD) | FMT2(1), F_R4_RM),
    [RV_OP_FADD_D]    = E("fadd.d",   M_FRM, OPC(OP_FP) | F7(0x01), F_R_RM),
    [RV_OP_FSUB_D]    = E("fsub.d",   M_FRM, OPC(OP_FP) | F7(0x05), F_R_RM),
    [RV_OP_FMUL_D]    = E("fmul.d",   M_FRM, OPC(OP_FP) | F7(0x09), F_R_RM),
    [RV_OP_FDIV_D]    = E("fdiv.d",   M_FRM, OPC(OP_FP) | F7(0x0d), F_R_RM),
    [RV_OP_FSQRT_D]   = E("fsqrt.d",  M_FRM1, OPC(OP_FP) | F7(0x2d) | RS2(0), F_1_RM),
    [RV_OP_FSGNJ_D]   = E("fsgnj.d",  M_F7, OPC(OP_FP) | F7(0x11) | F3(0), F_R),
    [RV_OP_FSGNJN_D]  = E("fsgnjn.d", M_F7, OPC(OP_FP) | F7(0x11) | F3(1), F_R),
    [RV_OP_FSGNJX_D]  = E("fsgnjx.d", M_F7, OPC(OP_FP) | F7(0x11) | F3(2), F_R),
    [RV_OP_FMIN_D]    = E("fmin.d",   M_F7, OPC(OP_FP) | F7(0x15) | F3(0), F_R),
    [RV_OP_FMAX_D]    = E("fmax.d",   M_F7, OPC(OP_FP) | F7(0x15) | F3(1), F_R),
    [RV_OP_FCVT_S_D]  = E("fcvt.s.d", M_FRM1, OPC(OP_FP) | F7(0x20) | RS2(1), F_1_RM),
    [RV_OP_FCVT_D_S]  = E("fcvt.d.s", M_FRM1, OPC(OP_FP) | F7(0x21) | RS2(0), F_1_RM),
    [RV_OP_FEQ_D]     = E("feq.d",    M_F7, OPC(OP_FP) | F7(0x51) | F3(2), F_CMP),
    [RV_OP_FLT_D]     = E("flt.d",    M_F7, OPC(OP_FP) | F7(0x51) | F3(1), F_CMP),
    [RV_OP_FLE_D]     = E("fle.d",    M_F7, OPC(OP_FP) | F7(0x51) | F3(0), F_CMP),
    [RV_OP_FCLASS_D]  = E("fclass.d", M_R1, OPC(OP_FP) | F7(0x71) | F3(1), F_XF),
    [RV_OP_FCVT_W_D]  = E("fcvt.w.d",  M_FRM1, OPC(OP_FP) | F7(0x61) | RS2(0), F_XF_RM),
    [RV_OP_FCVT_WU_D] = E("fcvt.wu.d", M_FRM1, OPC(OP_FP) | F7(0x61) | RS2(1), F_XF_RM),
    [RV_OP_FCVT_L_D]  = E("fcvt.l.d",  M_FRM1, OPC(OP_FP) | F7(0x61) | RS2(2), F_XF_RM),
    [RV_OP_FCVT_LU_D] = E("fcvt.lu.d", M_FRM1, OPC(OP_FP) | F7(0x61) | RS2(3), F_XF_RM),
    [RV_OP_FMV_X_D]   = E("fmv.x.d",   M_R1, OPC(OP_FP) | F7(0x71) | F3(0), F_XF),
    [RV_OP_FCVT_D_W]  = E("fcvt.d.w",  M_FRM1, OPC(OP_FP) | F7(0x69) | RS2(0), F_FX_RM),
    [RV_OP_FCVT_D_WU] = E("fcvt.d.wu", M_FRM1, OPC(OP_FP) | F7(0x69) | RS2(1), F_FX_RM),
    [RV_OP_FCVT_D_L]  = E("fcvt.d.l",  M_FRM1, OPC(OP_FP) | F7(0x69) | RS2(2), F_FX_RM),
    [RV_OP_FCVT_D_LU] = E("fcvt.d.lu", M_FRM1, OPC(OP_FP) | F7(0x69) | RS2(3), F_FX_RM),
    [RV_OP_FMV_D_X]   = E("fmv.d.x",   M_R1, OPC(OP_FP) | F7(0x79) | F3(0), F_FX),
    /* Zba */
    [RV_OP_SH1ADD]    = E("sh1add",    M_F7, OPC(OP_OP) | F3(2) | F7(0x10), R),
    [RV_OP_SH2ADD]    = E("sh2add",    M_F7, OPC(OP_OP) | F3(4) | F7(0x10), R),
    [RV_OP_SH3ADD]    = E("sh3add",    M_F7, OPC(OP_OP) | F3(6) | F7(0x10), R),
    [RV_OP_ADD_UW]    = E("add.uw",    M_F7, OPC(OP_OP_32) | F3(0) | F7(0x04), R),
    [RV_OP_SH1ADD_UW] = E("sh1add.uw", M_F7, OPC(OP_OP_32) | F3(2) | F7(0x10), R),
    [RV_OP_SH2ADD_UW] = E("sh2add.uw", M_F7, OPC(OP_OP_32) | F3(4) | F7(0x10), R),
    [RV_OP_SH3ADD_UW] = E("sh3add.uw", M_F7, OPC(OP_OP_32) | F3(6) | F7(0x10), R),
    [RV_OP_SLLI_UW]   = E("slli.uw",   M_F6, OPC(OP_IMM_32) | F3(1) | F6(0x02), SHIFT),
    /* Zbb */
    [RV_OP_ANDN]      = E("andn",   M_F7, OPC(OP_OP) | F3(7) | F7(0x20), R),
    [RV_OP_ORN]       = E("orn",    M_F7, OPC(OP_OP) | F3(6) | F7(0x20), R),
    [RV_OP_XNOR]      = E("xnor",   M_F7, OPC(OP_OP) | F3(4) | F7(0x20), R),
    [RV_OP_CLZ]       = E("clz",    M_R1, OPC(OP_IMM) | F3(1) | F7(0x30) | RS2(0), R1),
    [RV_OP_CTZ]       = E("ctz",    M_R1, OPC(OP_IMM) | F3(1) | F7(0x30) | RS2(1), R1),
    [RV_OP_CPOP]      = E("cpop",   M_R1, OPC(OP_IMM) | F3(1) | F7(0x30) | RS2(2), R1),
    [RV_OP_CLZW]      = E("clzw",   M_R1, OPC(OP_IMM_32) | F3(1) | F7(0x30) | RS2(0), R1),
    [RV_OP_CTZW]      = E("ctzw",   M_R1, OPC(OP_IMM_32) | F3(1) | F7(0x30) | RS2(1), R1),
    [RV_OP_CPOPW]     = E("cpopw",  M_R1, OPC(OP_IMM_32) | F3(1) | F7(0x30) | RS2(2), R1),
    [RV_OP_MAX]       = E("max",    M_F7, OPC(OP_OP) | F3(6) | F7(0x05), R),
    [RV_OP_MAXU]      = E("maxu",   M_F7, OPC(OP_OP) | F3(7) | F7(0x05), R),
    [RV_OP_MIN]       = E("min",    M_F7, OPC(OP_OP) | F3(4) | F7(0x05), R),
    [RV_OP_MINU]      = E("minu",   M_F7, OPC(OP_OP) | F3(5) | F7(0x05), R),
    [RV_OP_SEXT_B]    = E("sext.b", M_R1, OPC(OP_IMM) | F3(1) | F7(0x30) | RS2(4), R1),
    [RV_OP_SEXT_H]    = E("sext.h", M_R1, OPC(OP_IMM) | F3(1) | F7(0x30) | RS2(5), R1),
    [RV_OP_ZEXT_H]    = E("zext.h", M_R1, OPC(OP_OP_32) | F3(4) | F7(0x04) | RS2(0), R1),
    [RV_OP_ROL]       = E("rol",    M_F7, OPC(OP_OP) | F3(1) | F7(0x30), R),
    [RV_OP_ROR]       = E("ror",    M_F7, OPC(OP_OP) | F3(5) | F7(0x30), R),
    [RV_OP_ROLW]      = E("rolw",   M_F7, OPC(OP_OP_32) | F3(1) | F7(0x30), R),
    [RV_OP_RORW]      = E("rorw",   M_F7, OPC(OP_OP_32) | F3(5) | F7(0x30), R),
    [RV_OP_RORI]      = E("rori",   M_F6, OPC(OP_IMM) | F3(5) | F6(0x18), SHIFT),
    [RV_OP_RORIW]     = E("roriw",  M_F7, OPC(OP_IMM_32) | F3(5) | F7(0x30), SHIFT),
    [RV_OP_ORC_B]     = E("orc.b",  M_R1, OPC(OP_IMM) | F3(5) | (0x287u << 20), R1),
    [RV_OP_REV8]      = E("rev8",   M_R1, OPC(OP_IMM) | F3(5) | (0x6b8u << 20), R1),
    /* Zbs */
    [RV_OP_BCLR]      = E("bclr",   M_F7, OPC(OP_OP) | F3(1) | F7(0x24), R),
    [RV_OP_BCLRI]     = E("bclri",  M_F6, OPC(OP_IMM) | F3(1) | F6(0x12), SHIFT),
    [RV_OP_BEXT]      = E("bext",   M_F7, OPC(OP_OP) | F3(5) | F7(0x24), R),
    [RV_OP_BEXTI]     = E("bexti",  M_F6, OPC(OP_IMM) | F3(5) | F6(0x12), SHIFT),
    [RV_OP_BINV]      = E("binv",   M_F7, OPC(OP_OP) | F3(1) | F7(0x34), R),
    [RV_OP_BINVI]     = E("binvi",  M_F6, OPC(OP_IMM) | F3(1) | F6(0x1a), SHIFT),
    [RV_OP_BSET]      = E("bset",   M_F7, OPC(OP_OP) | F3(1) | F7(0x14), R),
    [RV_OP_BSETI]     = E("bseti",  M_F6, OPC(OP_IMM) | F3(1) | F6(0x0a), SHIFT),
    /* Zicond */
    [RV_OP_CZERO_EQZ] = E("czero.eqz", M_F7, OPC(OP_OP) | F3(5) | F7(0x07), R),
    [RV_OP_CZERO_NEZ] = E("czero.nez", M_F7, OPC(OP_OP) | F3(7) | F7(0x07), R),
    /* crossrun vDSO services (custom-0, funct3 0, funct7 = enum vdso_service; funct7 0
     * stays illegal): R-type, rd = service(rs1, rs2); translated only inside "[vdso]" */
#define VDSO_OP(svc) (OPC(OP_CUSTOM_0) | F3(0) | F7(VDSO_SVC_##svc))
    [RV_OP_VDSO_CLOCK_GETTIME] = E("crossrun.clock_gettime", M_F7, VDSO_OP(CLOCK_GETTIME), R),
    [RV_OP_VDSO_GETTIMEOFDAY]  = E("crossrun.gettimeofday",  M_F7, VDSO_OP(GETTIMEOFDAY), R),
    [RV_OP_VDSO_CLOCK_GETRES]  = E("crossrun.clock_getres",  M_F7, VDSO_OP(CLOCK_GETRES), R),
    [RV_OP_VDSO_GETCPU]        = E("crossrun.getcpu",        M_F7, VDSO_OP(GETCPU), R),
#undef VDSO_OP
};

#define X RV_RC_X
#define F RV_RC_F
const struct rv_fmt_info rv_fmt_info[RV_FMT_COUNT] = {
    [RV_FMT_NONE]     = { 0 },
    [RV_FMT_R]        = { .rd = X, .rs1 = X, .rs2 = X },
    [RV_FMT_R1]       = { .rd = X, .rs1 = X },
    [RV_FMT_I]        = { .rd = X, .rs1 = X },
    [RV_FMT_SHIFT]    = { .rd = X, .rs1 = X },
    [RV_FMT_U]        = { .rd = X },
    [RV_FMT_J]        = { .rd = X },
    [RV_FMT_B]        = { .rs1 = X, .rs2 = X },
    [RV_FMT_LOAD]     = { .rd = X, .rs1 = X },
    [RV_FMT_STORE]    = { .rs1 = X, .rs2 = X },
    [RV_FMT_FENCE]    = { 0 },
    [RV_FMT_CSR]      = { .rd = X, .rs1 = X },
    [RV_FMT_CSRI]     = { .rd = X },
    [RV_FMT_LR]       = { .rd = X, .rs1 = X },
    [RV_FMT_AMO]      = { .rd = X, .rs1 = X, .rs2 = X },
    [RV_FMT_FLOAD]    = { .rd = F, .rs1 = X },
    [RV_FMT_FSTORE]   = { .rs1 = X, .rs2 = F },
    [RV_FMT_F_R_RM]   = { .rd = F, .rs1 = F, .rs2 = F, .has_rm = true },
    [RV_FMT_F_R]      = { .rd = F, .rs1 = F, .rs2 = F },
    [RV_FMT_F_CMP]    = { .rd = X, .rs1 = F, .rs2 = F },
    [RV_FMT_F_R4_RM]  = { .rd = F, .rs1 = F, .rs2 = F, .rs3 = F, .has_rm = true },
    [RV_FMT_F_1_RM]   = { .rd = F, .rs1 = F, .has_rm = true },
    [RV_FMT_F_XF_RM]  = { .rd = X, .rs1 = F, .has_rm = true },
    [RV_FMT_F_FX_RM]  = { .rd = F, .rs1 = X, .has_rm = true },
    [RV_FMT_F_XF]     = { .rd = X, .rs1 = F },
    [RV_FMT_F_FX]     = { .rd = F, .rs1 = X },
};
#undef X
#undef F

/* ---- lookup: the table bucketed by major opcode (bits 6:2), built once */
#define MAX_PER_BUCKET 64
static uint16_t bucket[32][MAX_PER_BUCKET];
static uint8_t bucket_len[32];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void build_buckets(void)
{
    for (unsigned op = 1; op < RV_OP_COUNT; op++) {
        const struct rv_opdesc *d = &rv_opdesc[op];
        if (d->name == NULL || (d->match & 3) != 3)
            panic("riscv64 decode table: op %u missing or not a 32-bit encoding", op);
        unsigned major = (d->match >> 2) & 31;
        if (bucket_len[major] == MAX_PER_BUCKET)
            panic("riscv64 decode table: too many entries for opcode %#x", d->match & 0x7f);
        bucket[major][bucket_len[major]++] = (uint16_t)op;
    }
}

static inline int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}
static inline uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static void decode32(uint32_t w, struct rv_insn *in)
{
    pthread_once(&buckets_once, build_buckets);
    unsigned major = (w >> 2) & 31, op = RV_OP_ILLEGAL;
    for (unsigned i = 0; i < bucket_len[major]; i++) {
        const struct rv_opdesc *d = &rv_opdesc[bucket[major][i]];
        if ((w & d->mask) == d->match) {
            op = bucket[major][i];
            break;
        }
    }
    if (op == RV_OP_ILLEGAL)
        return;

    enum rv_fmt fmt = rv_opdesc[op].fmt;
    const struct rv_fmt_info *fi = &rv_fmt_info[fmt];
    if (fi->has_rm) {
        in->rm = (uint8_t)bits(w, 14, 12);
        if (in->rm == 5 || in->rm == 6)
            return;                         /* reserved rounding mode: illegal */
    }
    in->rd  = fi->rd  ? (uint8_t)bits(w, 11, 7) : 0;
    in->rs1 = fi->rs1 ? (uint8_t)bits(w, 19, 15) : 0;
    in->rs2 = fi->rs2 ? (uint8_t)bits(w, 24, 20) : 0;
    in->rs3 = fi->rs3 ? (uint8_t)bits(w, 31, 27) : 0;
    switch (fmt) {
    case RV_FMT_I: case RV_FMT_LOAD: case RV_FMT_FLOAD:
        in->imm = sext(w >> 20, 12);
        break;
    case RV_FMT_SHIFT:
        in->imm = bits(w, 25, 20);
        break;
    case RV_FMT_STORE: case RV_FMT_FSTORE:
        in->imm = sext((bits(w, 31, 25) << 5) | bits(w, 11, 7), 12);
        break;
    case RV_FMT_B:
        in->imm = sext((bits(w, 31, 31) << 12) | (bits(w, 7, 7) << 11) |
                       (bits(w, 30, 25) << 5) | (bits(w, 11, 8) << 1), 13);
        break;
    case RV_FMT_U:
        in->imm = (int32_t)(w & 0xfffff000u);
        break;
    case RV_FMT_J:
        in->imm = sext((bits(w, 31, 31) << 20) | (bits(w, 19, 12) << 12) |
                       (bits(w, 20, 20) << 11) | (bits(w, 30, 21) << 1), 21);
        break;
    case RV_FMT_FENCE:
        in->imm = bits(w, 31, 20);
        break;
    case RV_FMT_CSR:
        in->csr = (uint16_t)bits(w, 31, 20);
        break;
    case RV_FMT_CSRI:
        in->csr = (uint16_t)bits(w, 31, 20);
        in->imm = bits(w, 19, 15);
        break;
    case RV_FMT_LR: case RV_FMT_AMO:
        in->aq = (uint8_t)bits(w, 26, 26);
        in->rl = (uint8_t)bits(w, 25, 25);
        break;
    default:
        break;
    }
    in->op = (uint16_t)op;
}

/* ---- compressed forms */
enum rv_cform {
    CF_ADDI4SPN,   /* addi rd', sp, nzuimm */
    CF_CL_W,       /* lw rd', uimm(rs1')               (word-scaled offset) */
    CF_CL_D,       /* ld/fld rd', uimm(rs1')           (doubleword-scaled) */
    CF_CS_W,       /* sw rs2', uimm(rs1') */
    CF_CS_D,       /* sd/fsd rs2', uimm(rs1') */
    CF_CI,         /* op rd, rd, simm6                 (c.addi, c.addiw) */
    CF_LI,         /* addi rd, x0, simm6 */
    CF_ADDI16SP,   /* addi sp, sp, nzimm */
    CF_LUI,        /* lui rd, nzimm */
    CF_CB_SHIFT,   /* srli/srai rd', rd', shamt6 */
    CF_CB_ANDI,    /* andi rd', rd', simm6 */
    CF_CA,         /* op rd', rd', rs2' */
    CF_J,          /* jal x0, off */
    CF_BRANCH,     /* beq/bne rs1', x0, off */
    CF_SLLI,       /* slli rd, rd, shamt6 */
    CF_LWSP,       /* lw rd, uimm(sp) */
    CF_LDSP,       /* ld/fld rd, uimm(sp) */
    CF_JR,         /* jalr x0, 0(rs1) */
    CF_JALR,       /* jalr ra, 0(rs1) */
    CF_MV,         /* add rd, x0, rs2 */
    CF_ADD,        /* add rd, rd, rs2 */
    CF_EBREAK,     /* ebreak */
    CF_SWSP,       /* sw rs2, uimm(sp) */
    CF_SDSP,       /* sd/fsd rs2, uimm(sp) */
};

enum { C_NZ_RD = 1, C_NZ_IMM = 2, C_NZ_RS1 = 4 }; /* a zero field makes the encoding reserved */

struct rv_cdesc {
    const char *name;
    uint16_t mask, match;
    uint16_t op;           /* enum rv_op of the expansion */
    uint8_t form;          /* enum rv_cform */
    uint8_t nonzero;       /* C_NZ_* */
};

#define CM_F3 0xe003u      /* quadrant + funct3 */
static const struct rv_cdesc rv_cdesc[] = {
    /* quadrant 0 (0x0000 itself is c.addi4spn with imm 0: reserved, so illegal) */
    { "c.addi4spn", CM_F3, 0x0000, RV_OP_ADDI, CF_ADDI4SPN, C_NZ_IMM },
    { "c.fld",      CM_F3, 0x2000, RV_OP_FLD,  CF_CL_D, 0 },
    { "c.lw",       CM_F3, 0x4000, RV_OP_LW,   CF_CL_W, 0 },
    { "c.ld",       CM_F3, 0x6000, RV_OP_LD,   CF_CL_D, 0 },
    { "c.fsd",      CM_F3, 0xa000, RV_OP_FSD,  CF_CS_D, 0 },
    { "c.sw",       CM_F3, 0xc000, RV_OP_SW,   CF_CS_W, 0 },
    { "c.sd",       CM_F3, 0xe000, RV_OP_SD,   CF_CS_D, 0 },
    /* quadrant 1: rd = 0 or imm = 0 forms of c.addi/c.li/c.lui are HINTs, which execute as no-ops */
    { "c.addi",     CM_F3, 0x0001, RV_OP_ADDI,  CF_CI, 0 },
    { "c.addiw",    CM_F3, 0x2001, RV_OP_ADDIW, CF_CI, C_NZ_RD },
    { "c.li",       CM_F3, 0x4001, RV_OP_ADDI,  CF_LI, 0 },
    { "c.addi16sp", 0xef83, 0x6101, RV_OP_ADDI, CF_ADDI16SP, C_NZ_IMM },
    { "c.lui",      CM_F3, 0x6001, RV_OP_LUI,   CF_LUI, C_NZ_IMM },
    { "c.srli",     0xec03, 0x8001, RV_OP_SRLI, CF_CB_SHIFT, 0 },
    { "c.srai",     0xec03, 0x8401, RV_OP_SRAI, CF_CB_SHIFT, 0 },
    { "c.andi",     0xec03, 0x8801, RV_OP_ANDI, CF_CB_ANDI, 0 },
    { "c.sub",      0xfc63, 0x8c01, RV_OP_SUB,  CF_CA, 0 },
    { "c.xor",      0xfc63, 0x8c21, RV_OP_XOR,  CF_CA, 0 },
    { "c.or",       0xfc63, 0x8c41, RV_OP_OR,   CF_CA, 0 },
    { "c.and",      0xfc63, 0x8c61, RV_OP_AND,  CF_CA, 0 },
    { "c.subw",     0xfc63, 0x9c01, RV_OP_SUBW, CF_CA, 0 },
    { "c.addw",     0xfc63, 0x9c21, RV_OP_ADDW, CF_CA, 0 },
    { "c.j",        CM_F3, 0xa001, RV_OP_JAL,  CF_J, 0 },
    { "c.beqz",     CM_F3, 0xc001, RV_OP_BEQ,  CF_BRANCH, 0 },
    { "c.bnez",     CM_F3, 0xe001, RV_OP_BNE,  CF_BRANCH, 0 },
    /* quadrant 2 */
    { "c.slli",     CM_F3, 0x0002, RV_OP_SLLI, CF_SLLI, 0 },
    { "c.fldsp",    CM_F3, 0x2002, RV_OP_FLD,  CF_LDSP, 0 },
    { "c.lwsp",     CM_F3, 0x4002, RV_OP_LW,   CF_LWSP, C_NZ_RD },
    { "c.ldsp",     CM_F3, 0x6002, RV_OP_LD,   CF_LDSP, C_NZ_RD },
    { "c.ebreak",   0xffff, 0x9002, RV_OP_EBREAK, CF_EBREAK, 0 },
    { "c.jr",       0xf07f, 0x8002, RV_OP_JALR, CF_JR, C_NZ_RS1 },
    { "c.jalr",     0xf07f, 0x9002, RV_OP_JALR, CF_JALR, 0 },   /* rs1 = 0 is c.ebreak */
    { "c.mv",       0xf003, 0x8002, RV_OP_ADD,  CF_MV, 0 },     /* rs2 = 0 is c.jr */
    { "c.add",      0xf003, 0x9002, RV_OP_ADD,  CF_ADD, 0 },
    { "c.fsdsp",    CM_F3, 0xa002, RV_OP_FSD,  CF_SDSP, 0 },
    { "c.swsp",     CM_F3, 0xc002, RV_OP_SW,   CF_SWSP, 0 },
    { "c.sdsp",     CM_F3, 0xe002, RV_OP_SD,   CF_SDSP, 0 },
};

static void decode16(uint32_t w, struct rv_insn *in)
{
    const struct rv_cdesc *c = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(rv_cdesc); i++) {
        if ((w & rv_cdesc[i].mask) == rv_cdesc[i].match) {
            c = &rv_cdesc[i];
            break;
        }
    }
    if (c == NULL)
        return;

    unsigned rd_full = bits(w, 11, 7), rs2_full = bits(w, 6, 2);
    unsigned rd_p = 8 + bits(w, 4, 2), rs1_p = 8 + bits(w, 9, 7); /* rd'/rs2' and rs1'/rd' */
    int64_t ci_imm = sext((bits(w, 12, 12) << 5) | bits(w, 6, 2), 6);
    unsigned rd = 0, rs1 = 0, rs2 = 0;
    int64_t imm = 0;

    switch ((enum rv_cform)c->form) {
    case CF_ADDI4SPN:
        rd = rd_p, rs1 = 2;
        imm = (bits(w, 12, 11) << 4) | (bits(w, 10, 7) << 6) | (bits(w, 6, 6) << 2) | (bits(w, 5, 5) << 3);
        break;
    case CF_CL_W:
        rd = rd_p, rs1 = rs1_p;
        imm = (bits(w, 12, 10) << 3) | (bits(w, 6, 6) << 2) | (bits(w, 5, 5) << 6);
        break;
    case CF_CL_D:
        rd = rd_p, rs1 = rs1_p;
        imm = (bits(w, 12, 10) << 3) | (bits(w, 6, 5) << 6);
        break;
    case CF_CS_W:
        rs2 = rd_p, rs1 = rs1_p;
        imm = (bits(w, 12, 10) << 3) | (bits(w, 6, 6) << 2) | (bits(w, 5, 5) << 6);
        break;
    case CF_CS_D:
        rs2 = rd_p, rs1 = rs1_p;
        imm = (bits(w, 12, 10) << 3) | (bits(w, 6, 5) << 6);
        break;
    case CF_CI:
        rd = rs1 = rd_full, imm = ci_imm;
        break;
    case CF_LI:
        rd = rd_full, rs1 = 0, imm = ci_imm;
        break;
    case CF_ADDI16SP:
        rd = rs1 = 2;
        imm = sext((bits(w, 12, 12) << 9) | (bits(w, 6, 6) << 4) | (bits(w, 5, 5) << 6) |
                   (bits(w, 4, 3) << 7) | (bits(w, 2, 2) << 5), 10);
        break;
    case CF_LUI:
        rd = rd_full;
        imm = sext((bits(w, 12, 12) << 17) | (bits(w, 6, 2) << 12), 18);
        break;
    case CF_CB_SHIFT:
        rd = rs1 = rs1_p;
        imm = (bits(w, 12, 12) << 5) | bits(w, 6, 2);
        break;
    case CF_CB_ANDI:
        rd = rs1 = rs1_p, imm = ci_imm;
        break;
    case CF_CA:
        rd = rs1 = rs1_p, rs2 = rd_p;
        break;
    case CF_J:
        rd = 0;
        imm = sext((bits(w, 12, 12) << 11) | (bits(w, 11, 11) << 4) | (bits(w, 10, 9) << 8) |
                   (bits(w, 8, 8) << 10) | (bits(w, 7, 7) << 6) | (bits(w, 6, 6) << 7) |
                   (bits(w, 5, 3) << 1) | (bits(w, 2, 2) << 5), 12);
        break;
    case CF_BRANCH:
        rs1 = rs1_p, rs2 = 0;
        imm = sext((bits(w, 12, 12) << 8) | (bits(w, 11, 10) << 3) | (bits(w, 6, 5) << 6) |
                   (bits(w, 4, 3) << 1) | (bits(w, 2, 2) << 5), 9);
        break;
    case CF_SLLI:
        rd = rs1 = rd_full;
        imm = (bits(w, 12, 12) << 5) | bits(w, 6, 2);
        break;
    case CF_LWSP:
        rd = rd_full, rs1 = 2;
        imm = (bits(w, 12, 12) << 5) | (bits(w, 6, 4) << 2) | (bits(w, 3, 2) << 6);
        break;
    case CF_LDSP:
        rd = rd_full, rs1 = 2;
        imm = (bits(w, 12, 12) << 5) | (bits(w, 6, 5) << 3) | (bits(w, 4, 2) << 6);
        break;
    case CF_JR:
        rd = 0, rs1 = rd_full;
        break;
    case CF_JALR:
        rd = 1, rs1 = rd_full;
        break;
    case CF_MV:
        rd = rd_full, rs1 = 0, rs2 = rs2_full;
        break;
    case CF_ADD:
        rd = rs1 = rd_full, rs2 = rs2_full;
        break;
    case CF_EBREAK:
        break;
    case CF_SWSP:
        rs1 = 2, rs2 = rs2_full;
        imm = (bits(w, 12, 9) << 2) | (bits(w, 8, 7) << 6);
        break;
    case CF_SDSP:
        rs1 = 2, rs2 = rs2_full;
        imm = (bits(w, 12, 10) << 3) | (bits(w, 9, 7) << 6);
        break;
    }
    if (((c->nonzero & C_NZ_RD) && rd == 0) || ((c->nonzero & C_NZ_IMM) && imm == 0) ||
        ((c->nonzero & C_NZ_RS1) && rs1 == 0))
        return;                             /* reserved encoding */
    in->op = c->op;
    in->rd = (uint8_t)rd;
    in->rs1 = (uint8_t)rs1;
    in->rs2 = (uint8_t)rs2;
    in->imm = imm;
    in->cname = c->name;
}

void rv_decode(uint32_t raw, struct rv_insn *out)
{
    memset(out, 0, sizeof(*out));
    out->op = RV_OP_ILLEGAL;
    if ((raw & 3) == 3) {
        out->len = 4;
        out->raw = raw;
        if ((raw & 0x1f) != 0x1f)           /* 48-bit and longer encodings: not supported */
            decode32(raw, out);
    } else {
        out->len = 2;
        out->raw = raw & 0xffff;
        decode16(raw & 0xffff, out);
    }
    if (out->op == RV_OP_ILLEGAL) {         /* keep only what identifies the word */
        uint32_t r = out->raw;
        uint8_t len = out->len;
        memset(out, 0, sizeof(*out));
        out->raw = r;
        out->len = len;
    }
}
