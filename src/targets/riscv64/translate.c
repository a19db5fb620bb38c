/*
 * translate.c - the riscv64 front end: turns guest code into IR blocks (src/translate/ir.h).
 *
 * The block loop fetches (checking guest PROT_EXEC per page), decodes with the shared
 * decode table (decode.c) and calls one trans_<insn> per instruction; this file holds the
 * loop and the translators of RV64I, M, Zba, Zbb, Zbs, Zicond, the system instructions
 * and crossrun's vDSO services; trans_fp.c and trans_atomic.c hold F/D, and A/Zicsr.
 *
 * Invariants of every block produced here:
 *  - each instruction starts with ir_insn_start(pc) and writes its destination register
 *    last (after its one memory access or helper call), so a fault leaves state exact;
 *  - x0 is touched only through get_x/dest_x/set_x (translate.h);
 *  - the block ends with exactly one terminator: a branch/jump's own, an exception exit,
 *    or ir_goto_tb(next pc) after max_insns, at a guest page boundary (an instruction may
 *    straddle the page end only as the last of its block) or when the IR block is nearly
 *    full; if it overflows anyway the block is re-translated with fewer instructions;
 *  - a fetch from a non-executable or unmapped page becomes EXIT_EXCEPTION with
 *    EXC_FETCH_MAPERR and cpu->fault_addr set, as the first and only instruction of its
 *    block (guest_size 0); later in a block, the block just ends before that instruction.
 */
#include <stddef.h>
#include <string.h>
#include "../../loader/guest_mem.h"
#include "../../loader/vdso.h"
#include "translate.h"

/* ---- shared building blocks */

void gen_exception(struct rv_ctx *c, unsigned exc)
{
    ir_exit(c->b, EXIT_EXCEPTION, c->pc, const64(c, exc));
    c->ended = true;
}

void gen_check_frm(struct rv_ctx *c)
{
    if (c->frm_checked)
        return;
    ir_val frm = ir_temp(c->b, IR_I32);
    ir_ld_env(c->b, IR_I32, frm, offsetof(struct rv64_cpu, frm));
    ir_exit_if(c->b, IR_I32, IR_GTU, frm, ir_const(c->b, IR_I32, RV_RM_RMM),
               EXIT_EXCEPTION, c->pc, const64(c, EXC_ILLEGAL));
    c->frm_checked = true;
}

/* rd = a op b in 64 bits */
static void gen_arith(struct rv_ctx *c, enum ir_opc opc, unsigned rd, ir_val a, ir_val b)
{
    ir_binop(c->b, opc, IR_I64, dest_x(c, rd), a, b);
}

static void gen_unary(struct rv_ctx *c, enum ir_opc opc, unsigned rd, ir_val a)
{
    ir_unop(c->b, opc, IR_I64, dest_x(c, rd), a);
}

/* The low 32 bits of a 64-bit value, as an I32 value. */
static ir_val to_i32(struct rv_ctx *c, ir_val v)
{
    if (ir_is_const(c->b, v))
        return ir_const(c->b, IR_I32, (int32_t)c->b->vals[v].cval);
    ir_val t = ir_temp(c->b, IR_I32);
    ir_unop(c->b, IR_TRUNC, IR_I32, t, v);
    return t;
}

/* W forms whose low 32 result bits depend on more than the low 32 bits of the inputs
 * (right shifts, shift counts mod 32, division, rotates): compute in I32, sign-extend. */
static void gen_arith_w(struct rv_ctx *c, enum ir_opc opc, unsigned rd, ir_val a, ir_val b)
{
    ir_val a32 = to_i32(c, a), b32 = to_i32(c, b), r = ir_temp(c->b, IR_I32);
    ir_binop(c->b, opc, IR_I32, r, a32, b32);
    ir_unop(c->b, IR_EXT_S, IR_I64, dest_x(c, rd), r);
}

/* W forms whose low 32 result bits depend only on the low 32 input bits (add, sub, mul,
 * shift left by a constant): compute in 64 bits, sign-extend from bit 31. */
static void gen_arith_sext32(struct rv_ctx *c, enum ir_opc opc, unsigned rd, ir_val a, ir_val b)
{
    if (opc == IR_ADD && ir_is_const(c->b, b) && c->b->vals[b].cval == 0) {
        ir_unop(c->b, IR_SEXT32, IR_I64, dest_x(c, rd), a);   /* sext.w */
        return;
    }
    ir_val t = temp64(c);
    ir_binop(c->b, opc, IR_I64, t, a, b);
    ir_unop(c->b, IR_SEXT32, IR_I64, dest_x(c, rd), t);
}

static void gen_unary_w(struct rv_ctx *c, enum ir_opc opc, unsigned rd, ir_val a)
{
    ir_val a32 = to_i32(c, a), r = ir_temp(c->b, IR_I32);
    ir_unop(c->b, opc, IR_I32, r, a32);
    ir_unop(c->b, IR_EXT_U, IR_I64, dest_x(c, rd), r);
}

static void gen_load(struct rv_ctx *c, unsigned memop, const struct rv_insn *in)
{
    ir_load(c->b, IR_I64, memop, dest_x(c, in->rd), get_x(c, in->rs1), in->imm);
}

static void gen_store(struct rv_ctx *c, unsigned memop, const struct rv_insn *in)
{
    ir_store(c->b, memop, get_x(c, in->rs1), in->imm, get_x(c, in->rs2));
}

static void gen_branch(struct rv_ctx *c, enum ir_cond cond, const struct rv_insn *in)
{
    ir_brcond(c->b, IR_I64, cond, get_x(c, in->rs1), get_x(c, in->rs2),
              c->pc + (uint64_t)in->imm, c->next_pc);
    c->ended = true;
}

/* rd = (zext32(rs1) if uw) << sh + rs2 : Zba sh*add and add.uw */
static void gen_shadd(struct rv_ctx *c, const struct rv_insn *in, unsigned sh, bool uw)
{
    ir_val a = get_x(c, in->rs1);
    if (uw) {
        ir_val z = temp64(c);
        ir_unop(c->b, IR_ZEXT32, IR_I64, z, a);
        a = z;
    }
    if (sh) {
        ir_val s = temp64(c);
        ir_binop(c->b, IR_SHL, IR_I64, s, a, const64(c, sh));
        a = s;
    }
    gen_arith(c, IR_ADD, in->rd, a, get_x(c, in->rs2));
}

/* Zbs: 1 << (rs2 mod 64) */
static ir_val gen_bit(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val m = temp64(c);
    ir_binop(c->b, IR_SHL, IR_I64, m, const64(c, 1), get_x(c, in->rs2));
    return m;
}

#define RS1 get_x(c, in->rs1)
#define RS2 get_x(c, in->rs2)
#define IMM const64(c, in->imm)

/* ---- RV64I */
static void trans_lui(struct rv_ctx *c, const struct rv_insn *in)   { ir_movi(c->b, IR_I64, dest_x(c, in->rd), in->imm); }
static void trans_auipc(struct rv_ctx *c, const struct rv_insn *in) { ir_movi(c->b, IR_I64, dest_x(c, in->rd), (int64_t)(c->pc + (uint64_t)in->imm)); }

static void trans_jal(struct rv_ctx *c, const struct rv_insn *in)
{
    set_x(c, in->rd, const64(c, (int64_t)c->next_pc));
    ir_goto_tb(c->b, c->pc + (uint64_t)in->imm);
    c->ended = true;
}

static void trans_jalr(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val target = temp64(c);                      /* before rd is written: rd may be rs1 */
    ir_binop(c->b, IR_ADD, IR_I64, target, RS1, IMM);
    ir_binop(c->b, IR_AND, IR_I64, target, target, const64(c, -2));
    set_x(c, in->rd, const64(c, (int64_t)c->next_pc));
    ir_goto_ptr(c->b, target);
    c->ended = true;
}

static void trans_beq(struct rv_ctx *c, const struct rv_insn *in)  { gen_branch(c, IR_EQ, in); }
static void trans_bne(struct rv_ctx *c, const struct rv_insn *in)  { gen_branch(c, IR_NE, in); }
static void trans_blt(struct rv_ctx *c, const struct rv_insn *in)  { gen_branch(c, IR_LT, in); }
static void trans_bge(struct rv_ctx *c, const struct rv_insn *in)  { gen_branch(c, IR_GE, in); }
static void trans_bltu(struct rv_ctx *c, const struct rv_insn *in) { gen_branch(c, IR_LTU, in); }
static void trans_bgeu(struct rv_ctx *c, const struct rv_insn *in) { gen_branch(c, IR_GEU, in); }

static void trans_lb(struct rv_ctx *c, const struct rv_insn *in)  { gen_load(c, IR_MEM_8 | IR_MEM_SIGNED, in); }
static void trans_lh(struct rv_ctx *c, const struct rv_insn *in)  { gen_load(c, IR_MEM_16 | IR_MEM_SIGNED, in); }
static void trans_lw(struct rv_ctx *c, const struct rv_insn *in)  { gen_load(c, IR_MEM_32 | IR_MEM_SIGNED, in); }
static void trans_ld(struct rv_ctx *c, const struct rv_insn *in)  { gen_load(c, IR_MEM_64, in); }
static void trans_lbu(struct rv_ctx *c, const struct rv_insn *in) { gen_load(c, IR_MEM_8, in); }
static void trans_lhu(struct rv_ctx *c, const struct rv_insn *in) { gen_load(c, IR_MEM_16, in); }
static void trans_lwu(struct rv_ctx *c, const struct rv_insn *in) { gen_load(c, IR_MEM_32, in); }
static void trans_sb(struct rv_ctx *c, const struct rv_insn *in)  { gen_store(c, IR_MEM_8, in); }
static void trans_sh(struct rv_ctx *c, const struct rv_insn *in)  { gen_store(c, IR_MEM_16, in); }
static void trans_sw(struct rv_ctx *c, const struct rv_insn *in)  { gen_store(c, IR_MEM_32, in); }
static void trans_sd(struct rv_ctx *c, const struct rv_insn *in)  { gen_store(c, IR_MEM_64, in); }

static void trans_addi(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_ADD, in->rd, RS1, IMM); }
static void trans_slti(struct rv_ctx *c, const struct rv_insn *in)  { ir_setcond(c->b, IR_I64, IR_LT, dest_x(c, in->rd), RS1, IMM); }
static void trans_sltiu(struct rv_ctx *c, const struct rv_insn *in) { ir_setcond(c->b, IR_I64, IR_LTU, dest_x(c, in->rd), RS1, IMM); }
static void trans_xori(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_XOR, in->rd, RS1, IMM); }
static void trans_ori(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_OR, in->rd, RS1, IMM); }
static void trans_andi(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_AND, in->rd, RS1, IMM); }
static void trans_slli(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SHL, in->rd, RS1, IMM); }
static void trans_srli(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SHR, in->rd, RS1, IMM); }
static void trans_srai(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SAR, in->rd, RS1, IMM); }

static void trans_add(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_ADD, in->rd, RS1, RS2); }
static void trans_sub(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SUB, in->rd, RS1, RS2); }
static void trans_sll(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SHL, in->rd, RS1, RS2); }
static void trans_slt(struct rv_ctx *c, const struct rv_insn *in)  { ir_setcond(c->b, IR_I64, IR_LT, dest_x(c, in->rd), RS1, RS2); }
static void trans_sltu(struct rv_ctx *c, const struct rv_insn *in) { ir_setcond(c->b, IR_I64, IR_LTU, dest_x(c, in->rd), RS1, RS2); }
static void trans_xor(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_XOR, in->rd, RS1, RS2); }
static void trans_srl(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SHR, in->rd, RS1, RS2); }
static void trans_sra(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_SAR, in->rd, RS1, RS2); }
static void trans_or(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_OR, in->rd, RS1, RS2); }
static void trans_and(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_AND, in->rd, RS1, RS2); }

static void trans_addiw(struct rv_ctx *c, const struct rv_insn *in) { gen_arith_sext32(c, IR_ADD, in->rd, RS1, IMM); }
static void trans_slliw(struct rv_ctx *c, const struct rv_insn *in) { gen_arith_sext32(c, IR_SHL, in->rd, RS1, IMM); }
static void trans_srliw(struct rv_ctx *c, const struct rv_insn *in) { gen_arith_w(c, IR_SHR, in->rd, RS1, IMM); }
static void trans_sraiw(struct rv_ctx *c, const struct rv_insn *in) { gen_arith_w(c, IR_SAR, in->rd, RS1, IMM); }
static void trans_addw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_sext32(c, IR_ADD, in->rd, RS1, RS2); }
static void trans_subw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_sext32(c, IR_SUB, in->rd, RS1, RS2); }
static void trans_sllw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_w(c, IR_SHL, in->rd, RS1, RS2); }
static void trans_srlw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_w(c, IR_SHR, in->rd, RS1, RS2); }
static void trans_sraw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_w(c, IR_SAR, in->rd, RS1, RS2); }

/* x86 is TSO: loads are not reordered with loads, stores not with stores, and stores not
 * with earlier loads. Only a fence ordering earlier stores before later loads needs a
 * host barrier (fence.tso, fence r,rw, fence rw,w ... need none). I/O bits count as
 * memory here: user mode has no device memory. */
static void trans_fence(struct rv_ctx *c, const struct rv_insn *in)
{
    unsigned fm = (unsigned)(in->imm >> 8) & 15, pred = (unsigned)(in->imm >> 4) & 15,
             succ = (unsigned)in->imm & 15;
    bool pred_writes = (pred & 0x5) != 0, succ_reads = (succ & 0xa) != 0; /* bits: i o r w */
    if (fm == 8 && pred == 3 && succ == 3)
        return;                                     /* fence.tso */
    if (pred_writes && succ_reads)
        ir_fence(c->b);
}

static void trans_fence_i(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_exit(c->b, EXIT_FLUSH, c->next_pc, IR_NONE);
    c->ended = true;
}

static void trans_ecall(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_exit(c->b, EXIT_SYSCALL, c->pc, IR_NONE);
    c->ended = true;
}

static void trans_ebreak(struct rv_ctx *c, const struct rv_insn *in) { gen_exception(c, EXC_BREAKPOINT); }

/* ---- M */
static void trans_mul(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_MUL, in->rd, RS1, RS2); }
static void trans_mulh(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_MULHS, in->rd, RS1, RS2); }
static void trans_mulhsu(struct rv_ctx *c, const struct rv_insn *in) { gen_arith(c, IR_MULHSU, in->rd, RS1, RS2); }
static void trans_mulhu(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_MULHU, in->rd, RS1, RS2); }
static void trans_div(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_DIVS, in->rd, RS1, RS2); }
static void trans_divu(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_DIVU, in->rd, RS1, RS2); }
static void trans_rem(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_REMS, in->rd, RS1, RS2); }
static void trans_remu(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_REMU, in->rd, RS1, RS2); }
static void trans_mulw(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith_sext32(c, IR_MUL, in->rd, RS1, RS2); }
static void trans_divw(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith_w(c, IR_DIVS, in->rd, RS1, RS2); }
static void trans_divuw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_w(c, IR_DIVU, in->rd, RS1, RS2); }
static void trans_remw(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith_w(c, IR_REMS, in->rd, RS1, RS2); }
static void trans_remuw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_w(c, IR_REMU, in->rd, RS1, RS2); }

/* ---- Zba */
static void trans_sh1add(struct rv_ctx *c, const struct rv_insn *in)    { gen_shadd(c, in, 1, false); }
static void trans_sh2add(struct rv_ctx *c, const struct rv_insn *in)    { gen_shadd(c, in, 2, false); }
static void trans_sh3add(struct rv_ctx *c, const struct rv_insn *in)    { gen_shadd(c, in, 3, false); }
static void trans_add_uw(struct rv_ctx *c, const struct rv_insn *in)    { gen_shadd(c, in, 0, true); }
static void trans_sh1add_uw(struct rv_ctx *c, const struct rv_insn *in) { gen_shadd(c, in, 1, true); }
static void trans_sh2add_uw(struct rv_ctx *c, const struct rv_insn *in) { gen_shadd(c, in, 2, true); }
static void trans_sh3add_uw(struct rv_ctx *c, const struct rv_insn *in) { gen_shadd(c, in, 3, true); }

static void trans_slli_uw(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val z = temp64(c);
    ir_unop(c->b, IR_ZEXT32, IR_I64, z, RS1);
    gen_arith(c, IR_SHL, in->rd, z, IMM);
}

/* ---- Zbb */
static void trans_andn(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_ANDN, in->rd, RS1, RS2); }
static void trans_orn(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_ORN, in->rd, RS1, RS2); }
static void trans_xnor(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_XNOR, in->rd, RS1, RS2); }
static void trans_clz(struct rv_ctx *c, const struct rv_insn *in)    { gen_unary(c, IR_CLZ, in->rd, RS1); }
static void trans_ctz(struct rv_ctx *c, const struct rv_insn *in)    { gen_unary(c, IR_CTZ, in->rd, RS1); }
static void trans_cpop(struct rv_ctx *c, const struct rv_insn *in)   { gen_unary(c, IR_POPCNT, in->rd, RS1); }
static void trans_clzw(struct rv_ctx *c, const struct rv_insn *in)   { gen_unary_w(c, IR_CLZ, in->rd, RS1); }
static void trans_ctzw(struct rv_ctx *c, const struct rv_insn *in)   { gen_unary_w(c, IR_CTZ, in->rd, RS1); }
static void trans_cpopw(struct rv_ctx *c, const struct rv_insn *in)  { gen_unary_w(c, IR_POPCNT, in->rd, RS1); }
static void trans_max(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_MAXS, in->rd, RS1, RS2); }
static void trans_maxu(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_MAXU, in->rd, RS1, RS2); }
static void trans_min(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_MINS, in->rd, RS1, RS2); }
static void trans_minu(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_MINU, in->rd, RS1, RS2); }
static void trans_sext_b(struct rv_ctx *c, const struct rv_insn *in) { gen_unary(c, IR_SEXT8, in->rd, RS1); }
static void trans_sext_h(struct rv_ctx *c, const struct rv_insn *in) { gen_unary(c, IR_SEXT16, in->rd, RS1); }
static void trans_zext_h(struct rv_ctx *c, const struct rv_insn *in) { gen_unary(c, IR_ZEXT16, in->rd, RS1); }
static void trans_rol(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_ROTL, in->rd, RS1, RS2); }
static void trans_ror(struct rv_ctx *c, const struct rv_insn *in)    { gen_arith(c, IR_ROTR, in->rd, RS1, RS2); }
static void trans_rolw(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith_w(c, IR_ROTL, in->rd, RS1, RS2); }
static void trans_rorw(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith_w(c, IR_ROTR, in->rd, RS1, RS2); }
static void trans_rori(struct rv_ctx *c, const struct rv_insn *in)   { gen_arith(c, IR_ROTR, in->rd, RS1, IMM); }
static void trans_roriw(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith_w(c, IR_ROTR, in->rd, RS1, IMM); }
static void trans_rev8(struct rv_ctx *c, const struct rv_insn *in)   { gen_unary(c, IR_BSWAP, in->rd, RS1); }

static const struct ir_helper helper_orc_b = {
    .name = "rv_orc_b", .fn = (void *)rv_helper_orc_b, .nargs = 1,
    .flags = IR_HELPER_NO_GLOBALS | IR_HELPER_PURE, .has_result = true,
};
static void trans_orc_b(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_call(c->b, &helper_orc_b, IR_I64, dest_x(c, in->rd), RS1, IR_NONE, IR_NONE, IR_NONE);
}

/* ---- Zbs */
static void trans_bset(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_OR, in->rd, RS1, gen_bit(c, in)); }
static void trans_bclr(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_ANDN, in->rd, RS1, gen_bit(c, in)); }
static void trans_binv(struct rv_ctx *c, const struct rv_insn *in)  { gen_arith(c, IR_XOR, in->rd, RS1, gen_bit(c, in)); }
static void trans_bseti(struct rv_ctx *c, const struct rv_insn *in) { gen_arith(c, IR_OR, in->rd, RS1, const64(c, (int64_t)(1ull << in->imm))); }
static void trans_bclri(struct rv_ctx *c, const struct rv_insn *in) { gen_arith(c, IR_AND, in->rd, RS1, const64(c, (int64_t)~(1ull << in->imm))); }
static void trans_binvi(struct rv_ctx *c, const struct rv_insn *in) { gen_arith(c, IR_XOR, in->rd, RS1, const64(c, (int64_t)(1ull << in->imm))); }

static void trans_bext(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val t = temp64(c);
    ir_binop(c->b, IR_SHR, IR_I64, t, RS1, RS2);
    gen_arith(c, IR_AND, in->rd, t, const64(c, 1));
}

static void trans_bexti(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val t = temp64(c);
    ir_binop(c->b, IR_SHR, IR_I64, t, RS1, IMM);
    gen_arith(c, IR_AND, in->rd, t, const64(c, 1));
}

/* ---- Zicond: czero.eqz rd = rs2 == 0 ? 0 : rs1; czero.nez rd = rs2 != 0 ? 0 : rs1 */
static void trans_czero_eqz(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_select(c->b, IR_I64, IR_EQ, dest_x(c, in->rd), RS2, const64(c, 0), const64(c, 0), RS1);
}
static void trans_czero_nez(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_select(c->b, IR_I64, IR_NE, dest_x(c, in->rd), RS2, const64(c, 0), const64(c, 0), RS1);
}

/* ---- crossrun's vDSO service instructions: rd = vdso_service(svc, rs1, rs2), a full-sync
 * helper (it writes guest memory). Only code in the "[vdso]" mapping may use them: anywhere
 * else they are illegal, like any custom-0 encoding. */
static const struct ir_helper helper_vdso = {
    .name = "vdso_service", .fn = (void *)vdso_service, .nargs = 3,
    .flags = IR_HELPER_NO_FPENV, .has_result = true,
};
static void gen_vdso(struct rv_ctx *c, const struct rv_insn *in, enum vdso_service svc)
{
    if (!vdso_contains(c->pc)) {
        gen_illegal(c);
        return;
    }
    ir_call(c->b, &helper_vdso, IR_I64, dest_x(c, in->rd), const64(c, svc), RS1, RS2, IR_NONE);
}
static void trans_vdso_clock_gettime(struct rv_ctx *c, const struct rv_insn *in) { gen_vdso(c, in, VDSO_SVC_CLOCK_GETTIME); }
static void trans_vdso_gettimeofday(struct rv_ctx *c, const struct rv_insn *in)  { gen_vdso(c, in, VDSO_SVC_GETTIMEOFDAY); }
static void trans_vdso_clock_getres(struct rv_ctx *c, const struct rv_insn *in)  { gen_vdso(c, in, VDSO_SVC_CLOCK_GETRES); }
static void trans_vdso_getcpu(struct rv_ctx *c, const struct rv_insn *in)        { gen_vdso(c, in, VDSO_SVC_GETCPU); }

#undef RS1
#undef RS2
#undef IMM

static rv_trans_fn *const rv_trans_int[RV_OP_COUNT] = {
    [RV_OP_LUI] = trans_lui, [RV_OP_AUIPC] = trans_auipc, [RV_OP_JAL] = trans_jal, [RV_OP_JALR] = trans_jalr,
    [RV_OP_BEQ] = trans_beq, [RV_OP_BNE] = trans_bne, [RV_OP_BLT] = trans_blt, [RV_OP_BGE] = trans_bge,
    [RV_OP_BLTU] = trans_bltu, [RV_OP_BGEU] = trans_bgeu,
    [RV_OP_LB] = trans_lb, [RV_OP_LH] = trans_lh, [RV_OP_LW] = trans_lw, [RV_OP_LD] = trans_ld,
    [RV_OP_LBU] = trans_lbu, [RV_OP_LHU] = trans_lhu, [RV_OP_LWU] = trans_lwu,
    [RV_OP_SB] = trans_sb, [RV_OP_SH] = trans_sh, [RV_OP_SW] = trans_sw, [RV_OP_SD] = trans_sd,
    [RV_OP_ADDI] = trans_addi, [RV_OP_SLTI] = trans_slti, [RV_OP_SLTIU] = trans_sltiu,
    [RV_OP_XORI] = trans_xori, [RV_OP_ORI] = trans_ori, [RV_OP_ANDI] = trans_andi,
    [RV_OP_SLLI] = trans_slli, [RV_OP_SRLI] = trans_srli, [RV_OP_SRAI] = trans_srai,
    [RV_OP_ADD] = trans_add, [RV_OP_SUB] = trans_sub, [RV_OP_SLL] = trans_sll, [RV_OP_SLT] = trans_slt,
    [RV_OP_SLTU] = trans_sltu, [RV_OP_XOR] = trans_xor, [RV_OP_SRL] = trans_srl, [RV_OP_SRA] = trans_sra,
    [RV_OP_OR] = trans_or, [RV_OP_AND] = trans_and,
    [RV_OP_ADDIW] = trans_addiw, [RV_OP_SLLIW] = trans_slliw, [RV_OP_SRLIW] = trans_srliw, [RV_OP_SRAIW] = trans_sraiw,
    [RV_OP_ADDW] = trans_addw, [RV_OP_SUBW] = trans_subw, [RV_OP_SLLW] = trans_sllw, [RV_OP_SRLW] = trans_srlw,
    [RV_OP_SRAW] = trans_sraw,
    [RV_OP_FENCE] = trans_fence, [RV_OP_ECALL] = trans_ecall, [RV_OP_EBREAK] = trans_ebreak,
    [RV_OP_FENCE_I] = trans_fence_i,
    [RV_OP_MUL] = trans_mul, [RV_OP_MULH] = trans_mulh, [RV_OP_MULHSU] = trans_mulhsu, [RV_OP_MULHU] = trans_mulhu,
    [RV_OP_DIV] = trans_div, [RV_OP_DIVU] = trans_divu, [RV_OP_REM] = trans_rem, [RV_OP_REMU] = trans_remu,
    [RV_OP_MULW] = trans_mulw, [RV_OP_DIVW] = trans_divw, [RV_OP_DIVUW] = trans_divuw, [RV_OP_REMW] = trans_remw,
    [RV_OP_REMUW] = trans_remuw,
    [RV_OP_SH1ADD] = trans_sh1add, [RV_OP_SH2ADD] = trans_sh2add, [RV_OP_SH3ADD] = trans_sh3add,
    [RV_OP_ADD_UW] = trans_add_uw, [RV_OP_SH1ADD_UW] = trans_sh1add_uw, [RV_OP_SH2ADD_UW] = trans_sh2add_uw,
    [RV_OP_SH3ADD_UW] = trans_sh3add_uw, [RV_OP_SLLI_UW] = trans_slli_uw,
    [RV_OP_ANDN] = trans_andn, [RV_OP_ORN] = trans_orn, [RV_OP_XNOR] = trans_xnor,
    [RV_OP_CLZ] = trans_clz, [RV_OP_CTZ] = trans_ctz, [RV_OP_CPOP] = trans_cpop,
    [RV_OP_CLZW] = trans_clzw, [RV_OP_CTZW] = trans_ctzw, [RV_OP_CPOPW] = trans_cpopw,
    [RV_OP_MAX] = trans_max, [RV_OP_MAXU] = trans_maxu, [RV_OP_MIN] = trans_min, [RV_OP_MINU] = trans_minu,
    [RV_OP_SEXT_B] = trans_sext_b, [RV_OP_SEXT_H] = trans_sext_h, [RV_OP_ZEXT_H] = trans_zext_h,
    [RV_OP_ROL] = trans_rol, [RV_OP_ROR] = trans_ror, [RV_OP_ROLW] = trans_rolw, [RV_OP_RORW] = trans_rorw,
    [RV_OP_RORI] = trans_rori, [RV_OP_RORIW] = trans_roriw, [RV_OP_ORC_B] = trans_orc_b, [RV_OP_REV8] = trans_rev8,
    [RV_OP_BCLR] = trans_bclr, [RV_OP_BCLRI] = trans_bclri, [RV_OP_BEXT] = trans_bext, [RV_OP_BEXTI] = trans_bexti,
    [RV_OP_BINV] = trans_binv, [RV_OP_BINVI] = trans_binvi, [RV_OP_BSET] = trans_bset, [RV_OP_BSETI] = trans_bseti,
    [RV_OP_CZERO_EQZ] = trans_czero_eqz, [RV_OP_CZERO_NEZ] = trans_czero_nez,
    [RV_OP_VDSO_CLOCK_GETTIME] = trans_vdso_clock_gettime, [RV_OP_VDSO_GETTIMEOFDAY] = trans_vdso_gettimeofday,
    [RV_OP_VDSO_CLOCK_GETRES] = trans_vdso_clock_getres, [RV_OP_VDSO_GETCPU] = trans_vdso_getcpu,
};

rv_trans_fn *rv_trans_lookup(unsigned op)
{
    if (op == RV_OP_ILLEGAL || op >= RV_OP_COUNT)
        return NULL;
    if (rv_trans_int[op])
        return rv_trans_int[op];
    if (rv_trans_fp[op])
        return rv_trans_fp[op];
    return rv_trans_atomic[op];
}

/* ---- the block loop */

#define PAGE_MASK (~(GUEST_PAGE_SIZE - 1))
#define OPS_RESERVE  32     /* room kept for one more instruction and the terminator */
#define VALS_RESERVE 32

static bool fetch_ok(uint64_t a)
{
    if (unlikely(translate_fetch_fault.valid) &&
        (a & ~(uint64_t)(GUEST_PAGE_SIZE - 1)) == translate_fetch_fault.page)
        return false;               /* its bytes could not be read (exec.h) */
    return guest_range_valid(a, 2) && (guest_page_prot(a) & GPROT_EXEC);
}

/* The exception for a fetch from a page fetch_ok refused. */
static unsigned fetch_exc(uint64_t a)
{
    if (translate_fetch_fault.valid &&
        (a & ~(uint64_t)(GUEST_PAGE_SIZE - 1)) == translate_fetch_fault.page)
        return translate_fetch_fault.cause;
    return EXC_FETCH_MAPERR;
}

/* The block is the one faulting fetch at pc: fault_addr = addr (pc, or pc + 2 for the
 * second half of an instruction that straddles into a bad page). */
static void gen_fetch_fault(struct rv_ctx *c, uint64_t pc, uint64_t addr, unsigned exc)
{
    ir_insn_start(c->b, pc);
    ir_st_env(c->b, IR_I64, offsetof(struct cpu, fault_addr), const64(c, (int64_t)addr));
    ir_exit(c->b, EXIT_EXCEPTION, pc, const64(c, exc));
}

/* Translates up to max_insns instructions. Returns false if the IR block overflowed, with
 * *fitted = the number of instructions that fitted before the one that did not. */
static bool translate_block(struct ir_block *b, unsigned max_insns, unsigned *fitted)
{
    struct rv_ctx c = { .b = b };
    const uint64_t start = b->pc, page = start & PAGE_MASK;
    uint64_t pc = start;
    unsigned n = 0;

    b->ninsns = 0;
    b->guest_size = 0;
    if (pc & 1) {                   /* only reachable from an odd entry/handler/sigreturn PC */
        gen_fetch_fault(&c, pc, pc, EXC_BUS);
        *fitted = 0;
        return !b->overflow;
    }
    if (!fetch_ok(pc)) {
        gen_fetch_fault(&c, pc, pc, fetch_exc(pc));
        *fitted = 0;
        return !b->overflow;
    }
    for (;;) {
        uint16_t lo, hi;
        memcpy(&lo, g2h(pc), 2);
        unsigned len = rv_insn_len(lo);
        uint32_t raw = lo;
        bool straddles = false;
        if (len == 4) {
            if (((pc + 2) & PAGE_MASK) != page) {
                if (!fetch_ok(pc + 2)) {
                    if (n == 0)
                        gen_fetch_fault(&c, pc, pc + 2, fetch_exc(pc + 2));
                    else
                        ir_goto_tb(b, pc);   /* the fault is raised when it is reached */
                    break;
                }
                straddles = true;
            }
            memcpy(&hi, g2h(pc + 2), 2);
            raw |= (uint32_t)hi << 16;
        }

        struct rv_insn in;
        rv_decode(raw, &in);
        c.pc = pc;
        c.next_pc = pc + len;
        c.ended = false;
        ir_insn_start(b, pc);
        rv_trans_fn *fn = rv_trans_lookup(in.op);
        if (fn)
            fn(&c, &in);
        else
            gen_illegal(&c);
        if (b->overflow) {
            *fitted = n;
            return false;
        }
        n++;
        pc += len;
        if (c.ended)
            break;
        if (n >= max_insns || straddles || (pc & PAGE_MASK) != page ||
            b->nops + OPS_RESERVE >= IR_MAX_OPS || b->nvals + VALS_RESERVE >= IR_MAX_VALS) {
            ir_goto_tb(b, pc);
            break;
        }
    }
    b->ninsns = n;
    b->guest_size = (uint32_t)(pc - start);
    if (b->overflow) {              /* the terminator did not fit: drop the last instruction */
        *fitted = n > 0 ? n - 1 : 0;
        return false;
    }
    return true;
}

void rv_translate(struct ir_block *b, unsigned max_insns)
{
    const struct ir_global *globals = b->globals;
    unsigned nglobals = b->nglobals;
    uint64_t pc = b->pc;
    unsigned fitted;

    if (max_insns == 0)
        max_insns = 1;
    while (!translate_block(b, max_insns, &fitted)) {
        if (fitted == 0)
            panic("riscv64: one instruction at %#llx does not fit in an IR block",
                  (unsigned long long)pc);
        max_insns = fitted;
        ir_init(b, globals, nglobals, pc);
    }
}
