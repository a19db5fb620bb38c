/*
 * x86_emit.c - the x86-64 instruction encoder (see x86_emit.h). All prefix, REX, ModRM,
 * SIB and displacement rules live in x86_opc, x86_modrm_rr, x86_modrm_mem and
 * x86_modrm_rip; every other function is a short composition of those.
 *
 * Facts from the Intel SDM vol. 2 chapter 2 that the encoding depends on, stated once:
 *  - Legacy prefixes (66, F2, F3) come before REX; REX comes immediately before the opcode
 *    (escape bytes included). REX = 0100WRXB: W = 64-bit operand, R/X/B = bit 3 of the
 *    ModRM.reg, SIB.index and ModRM.rm/SIB.base/opcode-register fields.
 *  - With any REX prefix present, byte-register numbers 4..7 mean spl/bpl/sil/dil; without
 *    one they mean ah/ch/dh/bh. So a byte operand in 4..7 forces an (otherwise empty) REX.
 *  - ModRM.rm = 100 (rsp, r12) does not name a base register: it means "a SIB byte
 *    follows". Using rsp/r12 as a base therefore always needs a SIB with index = 100 (none).
 *  - ModRM.mod = 00 with rm = 101 (rbp, r13) is not [rbp]: it is RIP-relative disp32 in
 *    64-bit mode. Likewise SIB.base = 101 with mod = 00 means "disp32, no base". So rbp/r13
 *    as a base need mod = 01 with an explicit disp8 of 0.
 *  - SIB.index = 100 without REX.X means "no index": rsp can never be an index (r12 can).
 *  - RIP-relative displacements are relative to the end of the whole instruction, after
 *    any immediate that follows the displacement.
 *  - 32-bit operations zero the upper half of the destination register; 8- and 16-bit ones
 *    leave it alone (the backend uses movzx/movsx instead of partial writes).
 *  - Immediates of 64-bit operations are 32 bits sign-extended; only `mov r64, imm64`
 *    (B8+r with REX.W) takes a full 64-bit immediate.
 */
#include <cpuid.h>
#include <string.h>
#include "x86_emit.h"

bool x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt, x86_have_fma;

void x86_detect_features(void)
{
    unsigned a, b, c, d;
    if (__get_cpuid(1, &a, &b, &c, &d))
        x86_have_popcnt = (c >> 23) & 1;
    if (__get_cpuid(0x80000001u, &a, &b, &c, &d))
        x86_have_lzcnt = (c >> 5) & 1;            /* ABM / LZCNT */
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_have_bmi1 = (b >> 3) & 1;
        x86_have_bmi2 = (b >> 8) & 1;
    }
    __builtin_cpu_init();
    x86_have_fma = __builtin_cpu_supports("fma");   /* also checks the OS enabled AVX state */
}

void x86_buf_init(struct x86_buf *b, uint8_t *rw, const uint8_t *exec, size_t size)
{
    b->start = b->p = rw;
    b->end = rw + size;
    b->exec_start = (uintptr_t)exec;
    b->overflow = false;
}

void x86_byte(struct x86_buf *b, uint8_t v)
{
    if (likely(b->p < b->end))
        *b->p++ = v;
    else
        b->overflow = true;
}

void x86_u32(struct x86_buf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        x86_byte(b, (uint8_t)(v >> (8 * i)));
}

void x86_u64(struct x86_buf *b, uint64_t v)
{
    x86_u32(b, (uint32_t)v);
    x86_u32(b, (uint32_t)(v >> 32));
}

void x86_patch_u32(struct x86_buf *b, uint32_t off, uint32_t v)
{
    if (b->overflow || off + 4 > (uint32_t)(b->end - b->start))
        return;
    memcpy(b->start + off, &v, 4);
}

void x86_patch_u8(struct x86_buf *b, uint32_t off, uint8_t v)
{
    if (b->overflow || off >= (uint32_t)(b->end - b->start))
        return;
    b->start[off] = v;
}

static inline bool fits_i8(int64_t v) { return v == (int8_t)v; }

/* ---- the prefix composer */

void x86_opc(struct x86_buf *b, unsigned opc, int r, int rm, int index)
{
    r = r < 0 ? 0 : r;
    rm = rm < 0 ? 0 : rm;
    index = index < 0 ? 0 : index;
    unsigned rex = 0;
    if (opc & P_REXW)
        rex |= 8;
    rex |= (r & 8) >> 1;        /* REX.R */
    rex |= (index & 8) >> 2;    /* REX.X */
    rex |= (rm & 8) >> 3;       /* REX.B */
    /* Byte registers 4..7 are spl/bpl/sil/dil only with a REX prefix (else ah/ch/dh/bh). */
    if (((opc & P_BYTE_R) && r >= 4 && r < 8) || ((opc & P_BYTE_RM) && rm >= 4 && rm < 8))
        rex |= 0x40;
    if (opc & P_66)
        x86_byte(b, 0x66);
    if (opc & P_F3)
        x86_byte(b, 0xf3);
    else if (opc & P_F2)
        x86_byte(b, 0xf2);
    if (rex)
        x86_byte(b, (uint8_t)(0x40 | rex));
    if (opc & (P_0F | P_0F38 | P_0F3A)) {
        x86_byte(b, 0x0f);
        if (opc & P_0F38)
            x86_byte(b, 0x38);
        else if (opc & P_0F3A)
            x86_byte(b, 0x3a);
    }
    x86_byte(b, (uint8_t)opc);
}

void x86_modrm_rr(struct x86_buf *b, unsigned opc, int r, int rm)
{
    x86_opc(b, opc, r, rm, 0);
    x86_byte(b, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}

void x86_modrm_mem(struct x86_buf *b, unsigned opc, int r, int base, int index, int shift, int32_t disp)
{
    opc &= ~(unsigned)P_BYTE_RM;            /* r/m is memory, not a byte register */
    if (index == X86_RSP)
        panic("x86_modrm_mem: rsp cannot be an index register");
    if (base == X86_NOREG) {
        /* [index << shift + disp32] or [disp32]: mod = 00, rm = 100, SIB.base = 101. */
        x86_opc(b, opc, r, 0, index);
        x86_byte(b, (uint8_t)(0x04 | (r & 7) << 3));
        x86_byte(b, (uint8_t)(shift << 6 | (index < 0 ? 4 : index & 7) << 3 | 5));
        x86_u32(b, (uint32_t)disp);
        return;
    }
    x86_opc(b, opc, r, base, index);
    unsigned mod;
    if (disp == 0 && (base & 7) != X86_RBP)  /* rbp/r13 with mod 00 would mean RIP/disp32 */
        mod = 0;
    else if (fits_i8(disp))
        mod = 1;
    else
        mod = 2;
    if (index < 0 && (base & 7) != X86_RSP) {
        x86_byte(b, (uint8_t)(mod << 6 | (r & 7) << 3 | (base & 7)));
    } else {
        /* rsp/r12 as base, or any index: rm = 100 and a SIB byte (index 100 = none). */
        x86_byte(b, (uint8_t)(mod << 6 | (r & 7) << 3 | 4));
        x86_byte(b, (uint8_t)(shift << 6 | (index < 0 ? 4 : index & 7) << 3 | (base & 7)));
    }
    if (mod == 1)
        x86_byte(b, (uint8_t)disp);
    else if (mod == 2)
        x86_u32(b, (uint32_t)disp);
}

void x86_modrm_rip(struct x86_buf *b, unsigned opc, int r, uintptr_t target, int imm_after)
{
    x86_opc(b, opc & ~(unsigned)P_BYTE_RM, r, 0, 0);
    x86_byte(b, (uint8_t)((r & 7) << 3 | 5));   /* mod 00, rm 101: [rip + disp32] */
    int64_t rel = (int64_t)(target - (x86_exec_pc(b) + 4 + (uintptr_t)imm_after));
    if (rel != (int32_t)rel)
        panic("x86_modrm_rip: target out of rel32 reach");
    x86_u32(b, (uint32_t)rel);
}

void x86_vex_rr(struct x86_buf *b, unsigned opc, int r, int v, int rm)
{
    /* Three-byte VEX: C4, then ~R ~X ~B and the opcode map, then W, ~vvvv, L, pp. */
    unsigned map = (opc & P_0F38) ? 2 : (opc & P_0F3A) ? 3 : 1;
    unsigned pp = (opc & P_66) ? 1 : (opc & P_F3) ? 2 : (opc & P_F2) ? 3 : 0;
    x86_byte(b, 0xc4);
    x86_byte(b, (uint8_t)((~r & 8) << 4 | 1 << 6 | (~rm & 8) << 2 | map));
    x86_byte(b, (uint8_t)((opc & P_REXW ? 0x80 : 0) | (~v & 15) << 3 | pp));
    x86_byte(b, (uint8_t)opc);
    x86_byte(b, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}

/* ---- compositions */

#define W(w) ((w) ? P_REXW : 0)

void x86_mov_rr(struct x86_buf *b, bool w, int dst, int src)
{
    x86_modrm_rr(b, OPC_MOV_GvEv | W(w), dst, src);
}

void x86_movi(struct x86_buf *b, int dst, uint64_t v)
{
    if (v <= 0xffffffffull) {               /* mov r32, imm32 zero-extends: 5-6 bytes */
        x86_opc(b, OPC_MOVL_Iv + (dst & 7), 0, dst, 0);
        x86_u32(b, (uint32_t)v);
    } else if ((int64_t)v == (int32_t)v) {  /* mov r64, simm32: 7 bytes */
        x86_modrm_rr(b, OPC_MOV_EvIz | P_REXW, 0, dst);
        x86_u32(b, (uint32_t)v);
    } else {                                /* mov r64, imm64: 10 bytes */
        x86_opc(b, (OPC_MOVL_Iv + (dst & 7)) | P_REXW, 0, dst, 0);
        x86_u64(b, v);
    }
}

void x86_zero(struct x86_buf *b, int dst) { x86_alu_rr(b, X86_XOR, false, dst, dst); }

void x86_alu_rr(struct x86_buf *b, enum x86_alu op, bool w, int dst, int src)
{
    x86_modrm_rr(b, (OPC_ARITH_GvEv | op << 3) | W(w), dst, src);
}

void x86_alu_ri(struct x86_buf *b, enum x86_alu op, bool w, int dst, int32_t imm)
{
    if (fits_i8(imm)) {
        x86_modrm_rr(b, OPC_ARITH_EvIb | W(w), op, dst);
        x86_byte(b, (uint8_t)imm);
    } else {
        x86_modrm_rr(b, OPC_ARITH_EvIz | W(w), op, dst);
        x86_u32(b, (uint32_t)imm);
    }
}

void x86_alu_mi(struct x86_buf *b, enum x86_alu op, bool w, int base, int32_t disp, int32_t imm)
{
    if (fits_i8(imm)) {
        x86_modrm_mem(b, OPC_ARITH_EvIb | W(w), op, base, X86_NOREG, 0, disp);
        x86_byte(b, (uint8_t)imm);
    } else {
        x86_modrm_mem(b, OPC_ARITH_EvIz | W(w), op, base, X86_NOREG, 0, disp);
        x86_u32(b, (uint32_t)imm);
    }
}

void x86_shift_ri(struct x86_buf *b, enum x86_shift op, bool w, int dst, unsigned count)
{
    if (count == 1) {
        x86_modrm_rr(b, OPC_SHIFT_1 | W(w), op, dst);
    } else {
        x86_modrm_rr(b, OPC_SHIFT_Ib | W(w), op, dst);
        x86_byte(b, (uint8_t)count);
    }
}

void x86_shift_rcl(struct x86_buf *b, enum x86_shift op, bool w, int dst)
{
    x86_modrm_rr(b, OPC_SHIFT_cl | W(w), op, dst);
}

void x86_grp3(struct x86_buf *b, enum x86_grp3 op, bool w, int r)
{
    x86_modrm_rr(b, OPC_GRP3_Ev | W(w), op, r);
}

void x86_imul_rri(struct x86_buf *b, bool w, int dst, int src, int32_t imm)
{
    if (fits_i8(imm)) {
        x86_modrm_rr(b, OPC_IMUL_GvEvIb | W(w), dst, src);
        x86_byte(b, (uint8_t)imm);
    } else {
        x86_modrm_rr(b, OPC_IMUL_GvEvIz | W(w), dst, src);
        x86_u32(b, (uint32_t)imm);
    }
}

void x86_test_rr(struct x86_buf *b, bool w, int a, int c)
{
    x86_modrm_rr(b, OPC_TEST_EvGv | W(w), c, a);
}

void x86_lea(struct x86_buf *b, bool w, int dst, int base, int index, int32_t disp)
{
    x86_modrm_mem(b, OPC_LEA | W(w), dst, base, index, 0, disp);
}

void x86_load(struct x86_buf *b, unsigned opc, int dst, int base, int index, int32_t disp)
{
    x86_modrm_mem(b, opc, dst, base, index, 0, disp);
}

void x86_store(struct x86_buf *b, unsigned size, int src, int base, int index, int32_t disp)
{
    static const unsigned opc[9] = {
        [1] = OPC_MOVB_EbGb, [2] = OPC_MOV_EvGv | P_66, [4] = OPC_MOV_EvGv,
        [8] = OPC_MOV_EvGv | P_REXW,
    };
    if (size > 8 || !opc[size])
        panic("x86_store: bad size %u", size);
    x86_modrm_mem(b, opc[size], src, base, index, 0, disp);
}

void x86_store_imm(struct x86_buf *b, unsigned size, int32_t imm, int base, int index, int32_t disp)
{
    switch (size) {
    case 1:
        x86_modrm_mem(b, OPC_MOVB_EbIb, 0, base, index, 0, disp);
        x86_byte(b, (uint8_t)imm);
        break;
    case 2:                                 /* with 66, the immediate is 16 bits */
        x86_modrm_mem(b, OPC_MOV_EvIz | P_66, 0, base, index, 0, disp);
        x86_byte(b, (uint8_t)imm);
        x86_byte(b, (uint8_t)(imm >> 8));
        break;
    default:
        x86_modrm_mem(b, OPC_MOV_EvIz | (size == 8 ? P_REXW : 0), 0, base, index, 0, disp);
        x86_u32(b, (uint32_t)imm);
        break;
    }
}

void x86_setcc(struct x86_buf *b, enum x86_cond cc, int dst) { x86_modrm_rr(b, OPC_SETCC + cc, 0, dst); }

void x86_cmov(struct x86_buf *b, enum x86_cond cc, bool w, int dst, int src)
{
    x86_modrm_rr(b, (OPC_CMOVCC + cc) | W(w), dst, src);
}

void x86_bswap(struct x86_buf *b, bool w, int r) { x86_opc(b, (OPC_BSWAP + (r & 7)) | W(w), 0, r, 0); }
void x86_push(struct x86_buf *b, int r) { x86_opc(b, OPC_PUSH_r + (r & 7), 0, r, 0); }
void x86_pop(struct x86_buf *b, int r) { x86_opc(b, OPC_POP_r + (r & 7), 0, r, 0); }
void x86_ret(struct x86_buf *b) { x86_byte(b, OPC_RET); }
void x86_mfence(struct x86_buf *b) { x86_modrm_rr(b, OPC_MFENCE_GRP, 6, 0); }
void x86_ldmxcsr(struct x86_buf *b, int base, int32_t disp) { x86_modrm_mem(b, OPC_LDMXCSR_GRP, 2, base, X86_NOREG, 0, disp); }
void x86_stmxcsr(struct x86_buf *b, int base, int32_t disp) { x86_modrm_mem(b, OPC_LDMXCSR_GRP, 3, base, X86_NOREG, 0, disp); }

void x86_nops(struct x86_buf *b, unsigned n)
{
    /* The recommended multi-byte NOPs (SDM vol. 2, NOP): 0f 1f /0 with growing operands. */
    static const uint8_t nop[9][9] = {
        { 0 },
        { 0x90 },
        { 0x66, 0x90 },
        { 0x0f, 0x1f, 0x00 },
        { 0x0f, 0x1f, 0x40, 0x00 },
        { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    };
    while (n) {
        unsigned k = n > 8 ? 8 : n;
        for (unsigned i = 0; i < k; i++)
            x86_byte(b, nop[k][i]);
        n -= k;
    }
}

bool x86_rel32_reaches(const struct x86_buf *b, uintptr_t from_end, uintptr_t target)
{
    (void)b;
    int64_t rel = (int64_t)(target - from_end);
    return rel == (int32_t)rel;
}

void x86_jmp_abs(struct x86_buf *b, uintptr_t target)
{
    uintptr_t end = x86_exec_pc(b) + 5;
    if (!x86_rel32_reaches(b, end, target))
        panic("x86_jmp_abs: target out of rel32 reach");
    x86_byte(b, OPC_JMP_long);
    x86_u32(b, (uint32_t)(target - end));
}

void x86_call_abs(struct x86_buf *b, uintptr_t target)
{
    uintptr_t end = x86_exec_pc(b) + 5;
    if (x86_rel32_reaches(b, end, target)) {
        x86_byte(b, OPC_CALL_Jz);
        x86_u32(b, (uint32_t)(target - end));
    } else {
        x86_movi(b, X86_RAX, target);
        x86_modrm_rr(b, OPC_GRP5, 2, X86_RAX);  /* call rax */
    }
}

uint32_t x86_jcc_fwd8(struct x86_buf *b, enum x86_cond cc)
{
    x86_byte(b, (uint8_t)(OPC_JCC_short + cc));
    x86_byte(b, 0);
    return x86_off(b) - 1;
}

uint32_t x86_jmp_fwd8(struct x86_buf *b)
{
    x86_byte(b, OPC_JMP_short);
    x86_byte(b, 0);
    return x86_off(b) - 1;
}

uint32_t x86_jcc_fwd32(struct x86_buf *b, enum x86_cond cc)
{
    x86_opc(b, OPC_JCC_long + cc, 0, 0, 0);
    x86_u32(b, 0);
    return x86_off(b) - 4;
}

uint32_t x86_jmp_fwd32(struct x86_buf *b)
{
    x86_byte(b, OPC_JMP_long);
    x86_u32(b, 0);
    return x86_off(b) - 4;
}

void x86_bind_rel8(struct x86_buf *b, uint32_t disp_off)
{
    if (b->overflow)
        return;
    int64_t rel = (int64_t)x86_off(b) - (int64_t)(disp_off + 1);
    if (!fits_i8(rel))
        panic("x86_bind_rel8: short jump out of reach (%lld)", (long long)rel);
    x86_patch_u8(b, disp_off, (uint8_t)rel);
}

void x86_bind_rel32_at(struct x86_buf *b, uint32_t disp_off, uint32_t target_off)
{
    x86_patch_u32(b, disp_off, (uint32_t)((int64_t)target_off - (int64_t)(disp_off + 4)));
}

void x86_bind_rel32(struct x86_buf *b, uint32_t disp_off) { x86_bind_rel32_at(b, disp_off, x86_off(b)); }
