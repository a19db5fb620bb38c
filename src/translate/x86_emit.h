/*
 * x86_emit.h - the x86-64 instruction encoder used by the backend. Instructions are named
 * opcode constants (OPC_*) whose high bits say which prefixes and escape bytes they need;
 * one function (x86_opc) turns those bits plus the register numbers into legacy prefixes,
 * REX and opcode bytes, and two more (x86_modrm_rr / x86_modrm_mem) add ModRM, SIB and
 * displacement with every addressing quirk handled in one place (see x86_emit.c).
 *
 * Code is written into a struct x86_buf: bytes go to the writable view of the code cache
 * while every PC-relative displacement is computed against the executable view (the two
 * views of the W^X code cache differ). Writing past the end sets `overflow` and drops bytes,
 * so a caller checks once at the end and retries with a bigger buffer.
 */
#ifndef CROSSRUN_X86_EMIT_H
#define CROSSRUN_X86_EMIT_H

#include "../common.h"

enum x86_hreg {  /* host registers, numbered as in ModRM/REX */
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1,
};

enum x86_cond {                 /* the low nibble of Jcc / SETcc / CMOVcc */
    X86_CC_O = 0x0, X86_CC_NO = 0x1,
    X86_CC_B = 0x2, X86_CC_AE = 0x3,   /* unsigned <, >= (carry) */
    X86_CC_E = 0x4, X86_CC_NE = 0x5,
    X86_CC_BE = 0x6, X86_CC_A = 0x7,   /* unsigned <=, > */
    X86_CC_S = 0x8, X86_CC_NS = 0x9,
    X86_CC_P = 0xa, X86_CC_NP = 0xb,
    X86_CC_L = 0xc, X86_CC_GE = 0xd,   /* signed <, >= */
    X86_CC_LE = 0xe, X86_CC_G = 0xf,   /* signed <=, > */
};
static inline enum x86_cond x86_cond_invert(enum x86_cond c) { return (enum x86_cond)(c ^ 1); }

/* Opcode flag bits above the opcode byte. */
#define P_0F        0x00100     /* 0x0f escape */
#define P_0F38      0x00200     /* 0x0f 0x38 escape (VEX map 2) */
#define P_0F3A      0x00400     /* 0x0f 0x3a escape (VEX map 3) */
#define P_66        0x00800     /* operand-size prefix: a 16-bit operation (or SSE/VEX pp=66) */
#define P_F3        0x01000     /* mandatory prefix F3 (or VEX pp=F3) */
#define P_F2        0x02000     /* mandatory prefix F2 (or VEX pp=F2) */
#define P_REXW      0x04000     /* 64-bit operand size (REX.W / VEX.W) */
#define P_BYTE_R    0x08000     /* ModRM.reg names a byte register */
#define P_BYTE_RM   0x10000     /* ModRM.rm names a byte register (only with mod = 3) */

/* ALU group 1 operations: the /digit of 0x80..0x83 and bits 3..5 of the Gv,Ev forms. */
enum x86_alu { X86_ADD = 0, X86_OR = 1, X86_ADC = 2, X86_SBB = 3, X86_AND = 4, X86_SUB = 5,
               X86_XOR = 6, X86_CMP = 7 };
/* Shift group 2 operations: the /digit of 0xc1 / 0xd1 / 0xd3. */
enum x86_shift { X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 };
/* Group 3 operations: the /digit of 0xf7. */
enum x86_grp3 { X86_TEST_I = 0, X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5,
                X86_DIV = 6, X86_IDIV = 7 };

#define OPC_ARITH_GvEv  0x03            /* | (x86_alu << 3): add/or/.../cmp reg, r/m */
#define OPC_ADD_GvEv    (OPC_ARITH_GvEv | (X86_ADD << 3))
#define OPC_OR_GvEv     (OPC_ARITH_GvEv | (X86_OR << 3))
#define OPC_AND_GvEv    (OPC_ARITH_GvEv | (X86_AND << 3))
#define OPC_SUB_GvEv    (OPC_ARITH_GvEv | (X86_SUB << 3))
#define OPC_XOR_GvEv    (OPC_ARITH_GvEv | (X86_XOR << 3))
#define OPC_CMP_GvEv    (OPC_ARITH_GvEv | (X86_CMP << 3))
#define OPC_CMP_EvGv    0x39            /* cmp r/m, reg */
#define OPC_ARITH_EvIz  0x81            /* /alu r/m, imm32 */
#define OPC_ARITH_EvIb  0x83            /* /alu r/m, imm8 sign-extended */
#define OPC_TEST_EvGv   0x85
#define OPC_MOVB_EbGb   (0x88 | P_BYTE_R)  /* mov byte r/m, reg8 */
#define OPC_MOV_EvGv    0x89            /* mov r/m, reg (a store when r/m is memory) */
#define OPC_MOV_GvEv    0x8b            /* mov reg, r/m (a load) */
#define OPC_LEA         0x8d
#define OPC_CDQ         0x99            /* edx = sign of eax */
#define OPC_CQO         (0x99 | P_REXW) /* rdx = sign of rax */
#define OPC_MOVL_Iv     0xb8            /* + reg: mov r32, imm32 (or r64, imm64 with REX.W) */
#define OPC_SHIFT_Ib    0xc1            /* /shift r/m, imm8 */
#define OPC_RET         0xc3
#define OPC_MOVB_EbIb   0xc6            /* mov byte r/m, imm8 */
#define OPC_MOV_EvIz    0xc7            /* mov r/m, imm32 (sign-extended with REX.W) */
#define OPC_SHIFT_1     0xd1            /* /shift r/m, 1 */
#define OPC_SHIFT_cl    0xd3            /* /shift r/m, cl */
#define OPC_CALL_Jz     0xe8
#define OPC_JMP_long    0xe9
#define OPC_JMP_short   0xeb
#define OPC_JCC_short   0x70            /* + cond, rel8 */
#define OPC_GRP3_Ev     0xf7            /* /grp3 r/m */
#define OPC_GRP5        0xff            /* /2 call r/m, /4 jmp r/m */
#define OPC_PUSH_r      0x50            /* + reg */
#define OPC_POP_r       0x58            /* + reg */
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_MOVSLQ      (0x63 | P_REXW) /* movsxd r64, r/m32 */
#define OPC_JCC_long    (0x80 | P_0F)   /* + cond, rel32 */
#define OPC_SETCC       (0x90 | P_0F | P_BYTE_RM) /* + cond */
#define OPC_CMOVCC      (0x40 | P_0F)   /* + cond */
#define OPC_IMUL_GvEv   (0xaf | P_0F)
#define OPC_MOVZBL      (0xb6 | P_0F)   /* movzx r32, r/m8 (add P_BYTE_RM for a register) */
#define OPC_MOVZWL      (0xb7 | P_0F)   /* movzx r32, r/m16 */
#define OPC_MOVSBL      (0xbe | P_0F)   /* movsx r32, r/m8 (| P_REXW: r64) */
#define OPC_MOVSWL      (0xbf | P_0F)   /* movsx r32, r/m16 (| P_REXW: r64) */
#define OPC_BSF         (0xbc | P_0F)
#define OPC_BSR         (0xbd | P_0F)
#define OPC_TZCNT       (0xbc | P_0F | P_F3) /* BMI1 */
#define OPC_LZCNT       (0xbd | P_0F | P_F3) /* ABM/LZCNT */
#define OPC_POPCNT      (0xb8 | P_0F | P_F3)
#define OPC_BSWAP       (0xc8 | P_0F)   /* + reg */
#define OPC_MFENCE_GRP  (0xae | P_0F)   /* /6 with mod = 3: mfence */
#define OPC_NOPL        (0x1f | P_0F)   /* /0: multi-byte nop */
/* VEX-encoded (BMI1/BMI2): reg, vvvv, r/m. */
#define OPC_ANDN        (0xf2 | P_0F38)          /* reg = ~vvvv & r/m */
#define OPC_SHLX        (0xf7 | P_0F38 | P_66)   /* reg = r/m << vvvv */
#define OPC_SARX        (0xf7 | P_0F38 | P_F3)   /* reg = r/m >> vvvv (arithmetic) */
#define OPC_SHRX        (0xf7 | P_0F38 | P_F2)   /* reg = r/m >> vvvv (logical) */
#define OPC_RORX        (0xf0 | P_0F3A | P_F2)   /* reg = r/m ror imm8 */
#define OPC_ARITH_EbIb  0x80            /* /alu byte r/m, imm8 */
#define OPC_ARITH_EvGv  0x01            /* | (x86_alu << 3): add/or/.../cmp r/m, reg */
/* SSE scalar floating point: ModRM.reg is an xmm register; r/m an xmm register or memory
 * unless noted. The _SD forms take F2 (double), the _SS forms F3 (single). */
#define OPC_MOVD_VyEy   (0x6e | P_0F | P_66)  /* movd xmm, r/m32 (| P_REXW: movq xmm, r/m64) */
#define OPC_MOVD_EyVy   (0x7e | P_0F | P_66)  /* movd r/m32, xmm (| P_REXW: movq r/m64, xmm) */
#define OPC_MOVQ_VqWq   (0x7e | P_0F | P_F3)  /* movq xmm, xmm/m64 (zeroes the upper half) */
#define OPC_SQRTSD      (0x51 | P_0F | P_F2)
#define OPC_ADDSD       (0x58 | P_0F | P_F2)
#define OPC_MULSD       (0x59 | P_0F | P_F2)
#define OPC_SUBSD       (0x5c | P_0F | P_F2)
#define OPC_DIVSD       (0x5e | P_0F | P_F2)
#define OPC_SQRTSS      (0x51 | P_0F | P_F3)
#define OPC_ADDSS       (0x58 | P_0F | P_F3)
#define OPC_MULSS       (0x59 | P_0F | P_F3)
#define OPC_SUBSS       (0x5c | P_0F | P_F3)
#define OPC_DIVSS       (0x5e | P_0F | P_F3)
#define OPC_CMPSD       (0xc2 | P_0F | P_F2)  /* + imm8 predicate: 0 eq (quiet), 1 lt, 2 le */
#define OPC_CMPSS       (0xc2 | P_0F | P_F3)
#define OPC_UCOMISD     (0x2e | P_0F | P_66)  /* quiet compare into ZF PF CF */
#define OPC_UCOMISS     (0x2e | P_0F)
#define OPC_CVTSI2SD    (0x2a | P_0F | P_F2)  /* xmm = (double) r/m32 (| P_REXW: r/m64) */
#define OPC_CVTSI2SS    (0x2a | P_0F | P_F3)
#define OPC_CVTTSD2SI   (0x2c | P_0F | P_F2)  /* r32 = truncated xmm (| P_REXW: r64) */
#define OPC_CVTSD2SI    (0x2d | P_0F | P_F2)  /* r32 = xmm rounded per MXCSR (| P_REXW: r64) */
#define OPC_CVTTSS2SI   (0x2c | P_0F | P_F3)
#define OPC_CVTSS2SI    (0x2d | P_0F | P_F3)
#define OPC_CVTSD2SS    (0x5a | P_0F | P_F2)
#define OPC_CVTSS2SD    (0x5a | P_0F | P_F3)
#define OPC_XORPS       (0x57 | P_0F)
#define OPC_MOVMSKPD    (0x50 | P_0F | P_66)  /* r32 = sign bits of xmm (reg is the GPR) */
#define OPC_LDMXCSR_GRP (0xae | P_0F)         /* /2 ldmxcsr m32, /3 stmxcsr m32 */
/* VEX-encoded FMA3: reg = vvvv * r/m + reg (xmm registers). */
#define OPC_VFMADD231SD (0xb9 | P_0F38 | P_66 | P_REXW)
#define OPC_VFMADD231SS (0xb9 | P_0F38 | P_66)

struct x86_buf {
    uint8_t *start;         /* where bytes are written (writable view) */
    uint8_t *p;             /* next byte */
    uint8_t *end;
    uintptr_t exec_start;   /* address `start` has when the code runs */
    bool overflow;          /* a write went past `end`: the buffer's contents are garbage */
};

void x86_buf_init(struct x86_buf *b, uint8_t *rw, const uint8_t *exec, size_t size);
static inline uint32_t x86_off(const struct x86_buf *b) { return (uint32_t)(b->p - b->start); }
static inline uintptr_t x86_exec_pc(const struct x86_buf *b) { return b->exec_start + x86_off(b); }
void x86_byte(struct x86_buf *b, uint8_t v);
void x86_u32(struct x86_buf *b, uint32_t v);
void x86_u64(struct x86_buf *b, uint64_t v);
/* Patches the 32-bit little-endian value at offset off (already emitted). */
void x86_patch_u32(struct x86_buf *b, uint32_t off, uint32_t v);
void x86_patch_u8(struct x86_buf *b, uint32_t off, uint8_t v);

/* Core encoders. `r` is the ModRM.reg field (a register or a /digit), `rm` the r/m register. */
void x86_opc(struct x86_buf *b, unsigned opc, int r, int rm, int index);
void x86_modrm_rr(struct x86_buf *b, unsigned opc, int r, int rm);
/* Memory operand [base + index << shift + disp]; index X86_NOREG for none. */
void x86_modrm_mem(struct x86_buf *b, unsigned opc, int r, int base, int index, int shift, int32_t disp);
/* Memory operand [rip + target]; `imm_after` = bytes of immediate following the
 * displacement (RIP-relative displacements count from the end of the instruction). */
void x86_modrm_rip(struct x86_buf *b, unsigned opc, int r, uintptr_t target, int imm_after);
/* VEX-encoded reg, vvvv, r/m register form (BMI). */
void x86_vex_rr(struct x86_buf *b, unsigned opc, int r, int v, int rm);

/* Convenience instructions. `w` = 64-bit operand size. */
void x86_mov_rr(struct x86_buf *b, bool w, int dst, int src);
/* dst = v (zero-extended 32-bit form when v < 2^32, sign-extended imm32, else imm64).
 * Never touches flags (no xor-zeroing). */
void x86_movi(struct x86_buf *b, int dst, uint64_t v);
/* dst = 0 with xor (clobbers flags). */
void x86_zero(struct x86_buf *b, int dst);
void x86_alu_rr(struct x86_buf *b, enum x86_alu op, bool w, int dst, int src);
/* Shortest form: imm8 when it fits. With !w the immediate is used as 32 bits. */
void x86_alu_ri(struct x86_buf *b, enum x86_alu op, bool w, int dst, int32_t imm);
void x86_alu_mi(struct x86_buf *b, enum x86_alu op, bool w, int base, int32_t disp, int32_t imm);
void x86_shift_ri(struct x86_buf *b, enum x86_shift op, bool w, int dst, unsigned count);
void x86_shift_rcl(struct x86_buf *b, enum x86_shift op, bool w, int dst);
void x86_grp3(struct x86_buf *b, enum x86_grp3 op, bool w, int r);
void x86_imul_rri(struct x86_buf *b, bool w, int dst, int src, int32_t imm);
void x86_test_rr(struct x86_buf *b, bool w, int a, int c);
void x86_lea(struct x86_buf *b, bool w, int dst, int base, int index, int32_t disp);
/* Load/store of 1, 2, 4 or 8 bytes at [base + index + disp]. */
void x86_load(struct x86_buf *b, unsigned opc, int dst, int base, int index, int32_t disp);
void x86_store(struct x86_buf *b, unsigned size, int src, int base, int index, int32_t disp);
void x86_store_imm(struct x86_buf *b, unsigned size, int32_t imm, int base, int index, int32_t disp);
void x86_setcc(struct x86_buf *b, enum x86_cond cc, int dst);
void x86_cmov(struct x86_buf *b, enum x86_cond cc, bool w, int dst, int src);
void x86_bswap(struct x86_buf *b, bool w, int r);
void x86_push(struct x86_buf *b, int r);
void x86_pop(struct x86_buf *b, int r);
void x86_ret(struct x86_buf *b);
void x86_mfence(struct x86_buf *b);
void x86_nops(struct x86_buf *b, unsigned n);
/* Jumps and calls to absolute (executable) addresses; panics if out of rel32 reach. */
void x86_jmp_abs(struct x86_buf *b, uintptr_t target);
void x86_call_abs(struct x86_buf *b, uintptr_t target); /* via rax when out of reach */
bool x86_rel32_reaches(const struct x86_buf *b, uintptr_t from_end, uintptr_t target);
/* Forward jumps whose target is not known yet: return the offset of the displacement to
 * patch with x86_set_label_rel8/32 when the target is reached. */
uint32_t x86_jcc_fwd8(struct x86_buf *b, enum x86_cond cc);
uint32_t x86_jmp_fwd8(struct x86_buf *b);
uint32_t x86_jcc_fwd32(struct x86_buf *b, enum x86_cond cc);
uint32_t x86_jmp_fwd32(struct x86_buf *b);
void x86_bind_rel8(struct x86_buf *b, uint32_t disp_off);   /* target = current position */
void x86_bind_rel32(struct x86_buf *b, uint32_t disp_off);
void x86_bind_rel32_at(struct x86_buf *b, uint32_t disp_off, uint32_t target_off);

void x86_ldmxcsr(struct x86_buf *b, int base, int32_t disp);
void x86_stmxcsr(struct x86_buf *b, int base, int32_t disp);

/* Host CPU features, set by x86_detect_features() (the backend calls it at init). Tests may
 * clear them to exercise the fallback code paths. x86_have_fma: FMA3 usable (the CPU has it
 * and the OS saves AVX state). */
extern bool x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt, x86_have_fma;
void x86_detect_features(void);

#endif
