/*
 * decode.h - the riscv64 instruction decoder: one table of mask/match patterns (decode.c)
 * that both the translator and the disassembler consume.
 *
 * Decoding turns one instruction word into a small record, struct rv_insn. Compressed
 * (RVC) forms are expanded at decode time into the record of the base instruction they
 * stand for (c.addi4spn a0, 16 is addi a0, sp, 16 with len 2), so the translator never
 * sees them. Anything reserved or unknown decodes as RV_OP_ILLEGAL; decoding never fails
 * in any other way and never reads beyond the word it is given.
 *
 * Extensions: RV64I M A F D C, Zicsr, Zifencei, Zba, Zbb, Zbs, Zicond; and crossrun's own
 * vDSO service instructions (custom-0 opcode), which decode everywhere but are translated
 * only inside the guest's "[vdso]" mapping (illegal elsewhere).
 */
#ifndef CROSSRUN_RV64_DECODE_H
#define CROSSRUN_RV64_DECODE_H

#include <stddef.h>
#include "../../common.h"

enum rv_op {
    RV_OP_ILLEGAL = 0,
    /* RV64I */
    RV_OP_LUI, RV_OP_AUIPC, RV_OP_JAL, RV_OP_JALR,
    RV_OP_BEQ, RV_OP_BNE, RV_OP_BLT, RV_OP_BGE, RV_OP_BLTU, RV_OP_BGEU,
    RV_OP_LB, RV_OP_LH, RV_OP_LW, RV_OP_LD, RV_OP_LBU, RV_OP_LHU, RV_OP_LWU,
    RV_OP_SB, RV_OP_SH, RV_OP_SW, RV_OP_SD,
    RV_OP_ADDI, RV_OP_SLTI, RV_OP_SLTIU, RV_OP_XORI, RV_OP_ORI, RV_OP_ANDI,
    RV_OP_SLLI, RV_OP_SRLI, RV_OP_SRAI,
    RV_OP_ADD, RV_OP_SUB, RV_OP_SLL, RV_OP_SLT, RV_OP_SLTU, RV_OP_XOR, RV_OP_SRL, RV_OP_SRA,
    RV_OP_OR, RV_OP_AND,
    RV_OP_ADDIW, RV_OP_SLLIW, RV_OP_SRLIW, RV_OP_SRAIW,
    RV_OP_ADDW, RV_OP_SUBW, RV_OP_SLLW, RV_OP_SRLW, RV_OP_SRAW,
    RV_OP_FENCE, RV_OP_ECALL, RV_OP_EBREAK,
    /* Zifencei, Zicsr */
    RV_OP_FENCE_I,
    RV_OP_CSRRW, RV_OP_CSRRS, RV_OP_CSRRC, RV_OP_CSRRWI, RV_OP_CSRRSI, RV_OP_CSRRCI,
    /* M */
    RV_OP_MUL, RV_OP_MULH, RV_OP_MULHSU, RV_OP_MULHU, RV_OP_DIV, RV_OP_DIVU, RV_OP_REM, RV_OP_REMU,
    RV_OP_MULW, RV_OP_DIVW, RV_OP_DIVUW, RV_OP_REMW, RV_OP_REMUW,
    /* A */
    RV_OP_LR_W, RV_OP_SC_W, RV_OP_AMOSWAP_W, RV_OP_AMOADD_W, RV_OP_AMOXOR_W, RV_OP_AMOAND_W,
    RV_OP_AMOOR_W, RV_OP_AMOMIN_W, RV_OP_AMOMAX_W, RV_OP_AMOMINU_W, RV_OP_AMOMAXU_W,
    RV_OP_LR_D, RV_OP_SC_D, RV_OP_AMOSWAP_D, RV_OP_AMOADD_D, RV_OP_AMOXOR_D, RV_OP_AMOAND_D,
    RV_OP_AMOOR_D, RV_OP_AMOMIN_D, RV_OP_AMOMAX_D, RV_OP_AMOMINU_D, RV_OP_AMOMAXU_D,
    /* F */
    RV_OP_FLW, RV_OP_FSW,
    RV_OP_FMADD_S, RV_OP_FMSUB_S, RV_OP_FNMSUB_S, RV_OP_FNMADD_S,
    RV_OP_FADD_S, RV_OP_FSUB_S, RV_OP_FMUL_S, RV_OP_FDIV_S, RV_OP_FSQRT_S,
    RV_OP_FSGNJ_S, RV_OP_FSGNJN_S, RV_OP_FSGNJX_S, RV_OP_FMIN_S, RV_OP_FMAX_S,
    RV_OP_FCVT_W_S, RV_OP_FCVT_WU_S, RV_OP_FCVT_L_S, RV_OP_FCVT_LU_S,
    RV_OP_FMV_X_W, RV_OP_FEQ_S, RV_OP_FLT_S, RV_OP_FLE_S, RV_OP_FCLASS_S,
    RV_OP_FCVT_S_W, RV_OP_FCVT_S_WU, RV_OP_FCVT_S_L, RV_OP_FCVT_S_LU, RV_OP_FMV_W_X,
    /* D */
    RV_OP_FLD, RV_OP_FSD,
    RV_OP_FMADD_D, RV_OP_FMSUB_D, RV_OP_FNMSUB_D, RV_OP_FNMADD_D,
    RV_OP_FADD_D, RV_OP_FSUB_D, RV_OP_FMUL_D, RV_OP_FDIV_D, RV_OP_FSQRT_D,
    RV_OP_FSGNJ_D, RV_OP_FSGNJN_D, RV_OP_FSGNJX_D, RV_OP_FMIN_D, RV_OP_FMAX_D,
    RV_OP_FCVT_S_D, RV_OP_FCVT_D_S,
    RV_OP_FEQ_D, RV_OP_FLT_D, RV_OP_FLE_D, RV_OP_FCLASS_D,
    RV_OP_FCVT_W_D, RV_OP_FCVT_WU_D, RV_OP_FCVT_L_D, RV_OP_FCVT_LU_D, RV_OP_FMV_X_D,
    RV_OP_FCVT_D_W, RV_OP_FCVT_D_WU, RV_OP_FCVT_D_L, RV_OP_FCVT_D_LU, RV_OP_FMV_D_X,
    /* Zba */
    RV_OP_SH1ADD, RV_OP_SH2ADD, RV_OP_SH3ADD, RV_OP_ADD_UW,
    RV_OP_SH1ADD_UW, RV_OP_SH2ADD_UW, RV_OP_SH3ADD_UW, RV_OP_SLLI_UW,
    /* Zbb */
    RV_OP_ANDN, RV_OP_ORN, RV_OP_XNOR,
    RV_OP_CLZ, RV_OP_CTZ, RV_OP_CPOP, RV_OP_CLZW, RV_OP_CTZW, RV_OP_CPOPW,
    RV_OP_MAX, RV_OP_MAXU, RV_OP_MIN, RV_OP_MINU,
    RV_OP_SEXT_B, RV_OP_SEXT_H, RV_OP_ZEXT_H,
    RV_OP_ROL, RV_OP_ROR, RV_OP_ROLW, RV_OP_RORW, RV_OP_RORI, RV_OP_RORIW,
    RV_OP_ORC_B, RV_OP_REV8,
    /* Zbs */
    RV_OP_BCLR, RV_OP_BCLRI, RV_OP_BEXT, RV_OP_BEXTI, RV_OP_BINV, RV_OP_BINVI, RV_OP_BSET, RV_OP_BSETI,
    /* Zicond */
    RV_OP_CZERO_EQZ, RV_OP_CZERO_NEZ,
    /* crossrun vDSO services: rd = service(rs1, rs2) (src/loader/vdso.h) */
    RV_OP_VDSO_CLOCK_GETTIME, RV_OP_VDSO_GETTIMEOFDAY, RV_OP_VDSO_CLOCK_GETRES, RV_OP_VDSO_GETCPU,
    RV_OP_COUNT
};

/* Operand layout of an instruction: which fields it has, what the immediate means, and
 * which register file each register operand is in. Drives field extraction, the
 * disassembler's operand text and the translator's generic FP path. */
enum rv_fmt {
    RV_FMT_NONE,      /* no operands: ecall, ebreak, fence.i */
    RV_FMT_R,         /* rd, rs1, rs2 */
    RV_FMT_R1,        /* rd, rs1 (unary: clz, sext.b, ...) */
    RV_FMT_I,         /* rd, rs1, imm (signed 12 bits) */
    RV_FMT_SHIFT,     /* rd, rs1, shamt (bits 25:20; W forms have bit 25 fixed to 0) */
    RV_FMT_U,         /* rd, imm (already shifted left by 12, sign-extended) */
    RV_FMT_J,         /* rd, pc-relative target */
    RV_FMT_B,         /* rs1, rs2, pc-relative target */
    RV_FMT_LOAD,      /* rd, imm(rs1); also jalr */
    RV_FMT_STORE,     /* rs2, imm(rs1) */
    RV_FMT_FENCE,     /* imm = bits 31:20: fm, pred, succ */
    RV_FMT_CSR,       /* rd, csr, rs1 */
    RV_FMT_CSRI,      /* rd, csr, imm (5-bit unsigned, from the rs1 field; rs1 = 0) */
    RV_FMT_LR,        /* rd, (rs1) with aq/rl */
    RV_FMT_AMO,       /* rd, rs2, (rs1) with aq/rl */
    RV_FMT_FLOAD,     /* frd, imm(rs1) */
    RV_FMT_FSTORE,    /* frs2, imm(rs1) */
    RV_FMT_F_R_RM,    /* frd, frs1, frs2, rm */
    RV_FMT_F_R,       /* frd, frs1, frs2 */
    RV_FMT_F_CMP,     /* rd, frs1, frs2 */
    RV_FMT_F_R4_RM,   /* frd, frs1, frs2, frs3, rm */
    RV_FMT_F_1_RM,    /* frd, frs1, rm */
    RV_FMT_F_XF_RM,   /* rd, frs1, rm */
    RV_FMT_F_FX_RM,   /* frd, rs1, rm */
    RV_FMT_F_XF,      /* rd, frs1 */
    RV_FMT_F_FX,      /* frd, rs1 */
    RV_FMT_COUNT
};

enum rv_regclass { RV_RC_NONE = 0, RV_RC_X, RV_RC_F };

struct rv_fmt_info {
    uint8_t rd, rs1, rs2, rs3;  /* enum rv_regclass of each register operand */
    bool has_rm;                /* bits 14:12 are a rounding mode (5 and 6 are reserved) */
};
extern const struct rv_fmt_info rv_fmt_info[RV_FMT_COUNT];

/* One entry of the decode table. The table is indexed by enum rv_op. */
struct rv_opdesc {
    const char *name;           /* assembler mnemonic, "addi" */
    uint32_t mask, match;       /* word & mask == match */
    uint8_t fmt;                /* enum rv_fmt */
};
extern const struct rv_opdesc rv_opdesc[RV_OP_COUNT];

/* A decoded instruction. Register numbers are 0..31 in the file named by the format;
 * fields an instruction does not have are 0. */
struct rv_insn {
    uint16_t op;                /* enum rv_op; RV_OP_ILLEGAL if reserved or unknown */
    uint8_t rd, rs1, rs2, rs3;
    uint8_t rm;                 /* rounding-mode field of FP ops (7 = dynamic) */
    uint8_t aq, rl;             /* A extension ordering bits */
    uint8_t len;                /* 2 (compressed) or 4 */
    uint16_t csr;               /* Zicsr: CSR number */
    int64_t imm;                /* sign-extended immediate; shamt; fence bits; CSR uimm */
    uint32_t raw;               /* the instruction word as fetched (16 bits if compressed) */
    const char *cname;          /* name of the compressed form ("c.addi4spn"), else NULL */
};

/* Length in bytes of the instruction whose first 16-bit parcel is lo: 2 or 4 (longer
 * encodings are reported as 4 and decode as illegal). */
static inline unsigned rv_insn_len(uint16_t lo) { return (lo & 3) == 3 ? 4 : 2; }

/* Decodes one instruction. raw holds the instruction: its low 16 bits if compressed,
 * else all 32 bits. Always fills *out (op = RV_OP_ILLEGAL for a reserved encoding). */
void rv_decode(uint32_t raw, struct rv_insn *out);

/* Disassembles a decoded instruction at pc in GNU objdump style with ABI register names
 * ("addi a0, sp, 16"). With aliases, the common pseudo-instructions objdump prints are
 * used (li, mv, ret, j, beqz, ...); without, the canonical base form. Returns buf. */
const char *rv_disas_insn(const struct rv_insn *in, uint64_t pc, bool aliases, char *buf, size_t size);
/* The target->disas hook: decodes bytes at insn (avail readable) and prints them. */
unsigned rv_disas(char *buf, size_t size, uint64_t pc, const uint8_t *insn, size_t avail);

/* ABI names of x and f registers, and of the CSRs crossrun implements (NULL if unknown). */
extern const char *const rv_xreg_name[32];
extern const char *const rv_freg_name[32];
const char *rv_csr_name(unsigned csr);

#endif
