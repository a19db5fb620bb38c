/*
 * backend_x86_ops.c - host code for each IR op (see backend_x86.c for the register
 * conventions and the allocator these emitters call).
 *
 * Every emitter follows the same order: reserve fixed registers (rax/rdx for division and
 * wide multiplication, rcx for variable shifts without BMI2), get the inputs into
 * registers (or keep a constant as an immediate), choose the output register, and only
 * then emit the instructions. The allocator itself only ever emits moves, loads and stores,
 * which leave the flags alone, so a compare may be followed by allocation before the
 * jcc/setcc/cmov that consumes it.
 *
 * Semantics are those of ir_eval_alu / ir_eval_cond (ir.c); the places where x86 differs
 * are handled explicitly: division by 0 and MIN / -1 (x86 raises #DE; the IR defines a
 * result), clz/ctz of 0 with bsr/bsf, and the high half of signed x unsigned products.
 */
#include <stddef.h>
#include "backend_x86_internal.h"
#include "../loader/guest_mem.h"
#include "../log.h"

#define W(w) ((w) ? P_REXW : 0)

static const enum x86_cond cond_to_x86[IR_COND_COUNT] = {
    [IR_EQ] = X86_CC_E, [IR_NE] = X86_CC_NE,
    [IR_LT] = X86_CC_L, [IR_GE] = X86_CC_GE, [IR_LE] = X86_CC_LE, [IR_GT] = X86_CC_G,
    [IR_LTU] = X86_CC_B, [IR_GEU] = X86_CC_AE, [IR_LEU] = X86_CC_BE, [IR_GTU] = X86_CC_A,
};
_Static_assert(ARRAY_SIZE(cond_to_x86) == IR_COND_COUNT, "every IR condition maps");

/* The condition with its operands exchanged: a < b  <=>  b > a. */
static const enum ir_cond cond_swapped[IR_COND_COUNT] = {
    [IR_EQ] = IR_EQ, [IR_NE] = IR_NE,
    [IR_LT] = IR_GT, [IR_GE] = IR_LE, [IR_LE] = IR_GE, [IR_GT] = IR_LT,
    [IR_LTU] = IR_GTU, [IR_GEU] = IR_LEU, [IR_LEU] = IR_GEU, [IR_GTU] = IR_LTU,
};
_Static_assert(ARRAY_SIZE(cond_swapped) == IR_COND_COUNT, "every IR condition swaps");

/* A constant usable as the imm32 of an operation of type t: 32-bit operations use it
 * as is; 64-bit ones sign-extend it. */
static bool fits_imm(enum ir_type t, uint64_t v)
{
    return t == IR_I32 || (int64_t)v == (int32_t)v;
}

/* A destination that is a pinned global not read by this op: its register, which an
 * instruction with a separate destination operand writes directly (no copy after). */
static bool pinned_out(struct gen *g)
{
    ir_val d = cur_op(g)->dst;
    return d && is_pinned(g, d) && !(g->locked & RBIT(g->v[d].reg));
}

/* The output may share the register of argument k without a copy. */
static int out_any(struct gen *g, unsigned k, int rk)
{
    return can_clobber(g, k) && !pinned_out(g) ? rk : out_reg(g);
}

/* Emits a comparison of a with b at type t; returns the x86 condition for (a c b). */
static enum x86_cond emit_cmp(struct gen *g, enum ir_type t, enum ir_cond c, ir_val a, ir_val b)
{
    bool w = t == IR_I64;
    if (c >= IR_COND_COUNT)
        panic("backend: bad condition %u", c);
    if (is_const(g, a) && !is_const(g, b)) {
        ir_val x = a;
        a = b;
        b = x;
        c = cond_swapped[c];
    }
    if (is_const(g, b) && fits_imm(t, const_val(g, b))) {
        int32_t imm = (int32_t)const_val(g, b);
        int ra = use_reg(g, a, REGS_ALLOC);
        if (imm == 0)
            x86_test_rr(&g->buf, w, ra, ra);   /* same flags as cmp ra, 0 for every cc */
        else
            x86_alu_ri(&g->buf, X86_CMP, w, ra, imm);
        return cond_to_x86[c];
    }
    int ra = use_reg(g, a, REGS_ALLOC);
    int rb = use_reg(g, b, REGS_ALLOC);
    x86_alu_rr(&g->buf, X86_CMP, w, ra, rb);
    return cond_to_x86[c];
}

/* ---- moves and unary ops */

static void gen_mov(struct gen *g, const struct ir_op *op)
{
    ir_val a = op->args[0], d = op->dst;
    if (a == d)
        return;
    if (is_const(g, a)) {
        int rd = out_reg(g);
        x86_movi(&g->buf, rd, const_val(g, a));
        def_val(g, d, rd);
        g->v[d].known = true;                  /* for a later address (auipc; ld) */
        g->v[d].kval = const_val(g, a);
        return;
    }
    if (!is_global(g, a) && g->v[a].reg >= 0 && can_clobber(g, 0)) {
        def_val(g, d, g->v[a].reg);            /* a dies here: d simply takes its register */
        return;
    }
    int ra = use_reg(g, a, REGS_ALLOC);
    int rd = out_reg(g);
    x86_mov_rr(&g->buf, true, rd, ra);
    def_val(g, d, rd);
}

static void gen_unary(struct gen *g, const struct ir_op *op)
{
    bool w = op->type == IR_I64;
    unsigned width = w ? 64 : 32;
    struct x86_buf *b = &g->buf;
    int ra = use_reg(g, op->args[0], REGS_ALLOC);
    int rd;
    switch ((enum ir_opc)op->opc) {
    case IR_NEG:
    case IR_NOT:
        rd = out_from(g, 0, ra);
        x86_grp3(b, op->opc == IR_NEG ? X86_NEG : X86_NOT, w, rd);
        break;
    case IR_BSWAP:
        rd = out_from(g, 0, ra);
        x86_bswap(b, w, rd);
        break;
    case IR_CLZ:
        rd = out_any(g, 0, ra);
        if (x86_have_lzcnt) {
            x86_modrm_rr(b, OPC_LZCNT | W(w), rd, ra);
        } else {
            /* clz = (width-1) - bsr = bsr ^ (width-1); for 0 (ZF set, bsr result undefined)
             * substitute 2*width-1, which the xor turns into width. */
            x86_modrm_rr(b, OPC_BSR | W(w), rd, ra);
            x86_movi(b, R_TMP, 2 * width - 1);
            x86_cmov(b, X86_CC_E, w, rd, R_TMP);
            x86_alu_ri(b, X86_XOR, w, rd, (int32_t)width - 1);
        }
        break;
    case IR_CTZ:
        rd = out_any(g, 0, ra);
        if (x86_have_bmi1) {
            x86_modrm_rr(b, OPC_TZCNT | W(w), rd, ra);
        } else {
            x86_modrm_rr(b, OPC_BSF | W(w), rd, ra);
            x86_movi(b, R_TMP, width);
            x86_cmov(b, X86_CC_E, w, rd, R_TMP);
        }
        break;
    case IR_POPCNT:
        if (x86_have_popcnt) {
            rd = out_any(g, 0, ra);
            x86_modrm_rr(b, OPC_POPCNT | W(w), rd, ra);
        } else {
            /* The classic SWAR count: pairs, nibbles, bytes, then sum the bytes by multiply. */
            rd = out_from(g, 0, ra);
            int s = pick_reg(g, REGS_ALLOC);
            static const uint64_t k[4] = { 0x5555555555555555ull, 0x3333333333333333ull,
                                           0x0f0f0f0f0f0f0f0full, 0x0101010101010101ull };
            x86_mov_rr(b, w, s, rd);
            x86_shift_ri(b, X86_SHR, w, s, 1);
            x86_movi(b, R_TMP, w ? k[0] : (uint32_t)k[0]);
            x86_alu_rr(b, X86_AND, w, s, R_TMP);
            x86_alu_rr(b, X86_SUB, w, rd, s);
            x86_mov_rr(b, w, s, rd);
            x86_shift_ri(b, X86_SHR, w, s, 2);
            x86_movi(b, R_TMP, w ? k[1] : (uint32_t)k[1]);
            x86_alu_rr(b, X86_AND, w, s, R_TMP);
            x86_alu_rr(b, X86_AND, w, rd, R_TMP);
            x86_alu_rr(b, X86_ADD, w, rd, s);
            x86_mov_rr(b, w, s, rd);
            x86_shift_ri(b, X86_SHR, w, s, 4);
            x86_alu_rr(b, X86_ADD, w, rd, s);
            x86_movi(b, R_TMP, w ? k[2] : (uint32_t)k[2]);
            x86_alu_rr(b, X86_AND, w, rd, R_TMP);
            x86_movi(b, R_TMP, w ? k[3] : (uint32_t)k[3]);
            x86_modrm_rr(b, OPC_IMUL_GvEv | W(w), rd, R_TMP);
            x86_shift_ri(b, X86_SHR, w, rd, width - 8);
        }
        break;
    case IR_SEXT8:
        rd = out_any(g, 0, ra);
        x86_modrm_rr(b, OPC_MOVSBL | P_BYTE_RM | W(w), rd, ra);
        break;
    case IR_SEXT16:
        rd = out_any(g, 0, ra);
        x86_modrm_rr(b, OPC_MOVSWL | W(w), rd, ra);
        break;
    case IR_ZEXT8:
        rd = out_any(g, 0, ra);
        x86_modrm_rr(b, OPC_MOVZBL | P_BYTE_RM, rd, ra);
        break;
    case IR_ZEXT16:
        rd = out_any(g, 0, ra);
        x86_modrm_rr(b, OPC_MOVZWL, rd, ra);
        break;
    case IR_SEXT32:
    case IR_EXT_S:
        rd = out_any(g, 0, ra);
        if (w)
            x86_modrm_rr(b, OPC_MOVSLQ, rd, ra);
        else
            x86_mov_rr(b, false, rd, ra);      /* sext32 of an i32 is the identity */
        break;
    case IR_ZEXT32:
    case IR_EXT_U:
    case IR_TRUNC:
        rd = out_any(g, 0, ra);
        x86_mov_rr(b, false, rd, ra);          /* a 32-bit mov zeroes the upper half */
        break;
    default:
        panic("backend: gen_unary on op %u", op->opc);
    }
    def_val(g, op->dst, rd);
}

/* ---- binary ops */

static void gen_alu(struct gen *g, const struct ir_op *op, enum x86_alu aop, bool commutative)
{
    enum ir_type t = (enum ir_type)op->type;
    bool w = t == IR_I64;
    struct x86_buf *b = &g->buf;
    unsigned ka = 0, kb = 1;
    if (commutative && is_const(g, op->args[0]) && !is_const(g, op->args[1])) {
        ka = 1;
        kb = 0;
    }
    ir_val a = op->args[ka], c = op->args[kb];
    int rd;
    if (is_const(g, c) && fits_imm(t, const_val(g, c))) {
        int32_t imm = (int32_t)const_val(g, c);
        int ra = use_reg(g, a, REGS_ALLOC);
        bool identity = imm == 0 ? aop != X86_AND : imm == -1 && aop == X86_AND;
        if ((aop == X86_ADD || (aop == X86_SUB && imm != INT32_MIN)) && imm != 0 &&
            (!can_clobber(g, ka) || (pinned_out(g) && a != op->dst))) {
            rd = out_reg(g);                   /* three-operand add: lea */
            x86_lea(b, w, rd, ra, X86_NOREG, aop == X86_ADD ? imm : -imm);
        } else {
            rd = out_from(g, ka, ra);
            if (!identity)
                x86_alu_ri(b, aop, w, rd, imm);
        }
    } else {
        int ra = use_reg(g, a, REGS_ALLOC);
        int rc = use_reg(g, c, REGS_ALLOC);
        if (commutative && !can_clobber(g, ka) && can_clobber(g, kb)) {
            int x = ra;
            ra = rc;
            rc = x;
            unsigned y = ka;
            ka = kb;
            kb = y;
        }
        if (aop == X86_ADD && (!can_clobber(g, ka) || (pinned_out(g) && a != op->dst && c != op->dst))) {
            rd = out_reg(g);
            x86_lea(b, w, rd, ra, rc, 0);
        } else {
            rd = out_from(g, ka, ra);
            x86_alu_rr(b, aop, w, rd, rc);
        }
    }
    def_val(g, op->dst, rd);
}

/* andn / orn / xnor: a & ~b, a | ~b, ~(a ^ b). */
static void gen_logic_not(struct gen *g, const struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    bool w = t == IR_I64;
    struct x86_buf *b = &g->buf;
    ir_val c = op->args[1];
    enum x86_alu aop = op->opc == IR_ANDN ? X86_AND : op->opc == IR_ORN ? X86_OR : X86_XOR;
    int rd;
    if (is_const(g, c) && fits_imm(t, const_val(g, c))) {
        int ra = use_reg(g, op->args[0], REGS_ALLOC);
        rd = out_from(g, 0, ra);
        x86_alu_ri(b, aop, w, rd, ~(int32_t)const_val(g, c));
        def_val(g, op->dst, rd);
        return;
    }
    int ra = use_reg(g, op->args[0], REGS_ALLOC);
    int rc = use_reg(g, c, REGS_ALLOC);
    if (op->opc == IR_ANDN && x86_have_bmi1) {
        rd = pinned_out(g) ? out_reg(g) : can_clobber(g, 0) ? ra : can_clobber(g, 1) ? rc : out_reg(g);
        x86_vex_rr(b, OPC_ANDN | W(w), rd, rc, ra);      /* rd = ~rc & ra */
    } else if (op->opc == IR_XNOR) {
        rd = out_from(g, 0, ra);
        x86_alu_rr(b, X86_XOR, w, rd, rc);
        x86_grp3(b, X86_NOT, w, rd);
    } else {
        x86_mov_rr(b, w, R_TMP, rc);           /* ~b first: rd may share b's register */
        x86_grp3(b, X86_NOT, w, R_TMP);
        rd = out_from(g, 0, ra);
        x86_alu_rr(b, aop, w, rd, R_TMP);
    }
    def_val(g, op->dst, rd);
}

static void gen_shift(struct gen *g, const struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    bool w = t == IR_I64;
    unsigned width = w ? 64 : 32;
    struct x86_buf *b = &g->buf;
    static const enum x86_shift sops[] = {
        [IR_SHL - IR_SHL] = X86_SHL, [IR_SHR - IR_SHL] = X86_SHR, [IR_SAR - IR_SHL] = X86_SAR,
        [IR_ROTL - IR_SHL] = X86_ROL, [IR_ROTR - IR_SHL] = X86_ROR,
    };
    enum x86_shift sop = sops[op->opc - IR_SHL];
    bool rotate = op->opc == IR_ROTL || op->opc == IR_ROTR;
    ir_val a = op->args[0], c = op->args[1];
    int rd;
    if (is_const(g, c)) {
        /* x86 masks the count to 5/6 bits, the IR takes it modulo the width: the same. */
        unsigned k = (unsigned)const_val(g, c) & (width - 1);
        int ra = use_reg(g, a, REGS_ALLOC);
        if (rotate && k && x86_have_bmi2 && !can_clobber(g, 0)) {
            rd = out_reg(g);
            x86_vex_rr(b, OPC_RORX | W(w), rd, 0, ra);
            x86_byte(b, (uint8_t)(op->opc == IR_ROTR ? k : width - k));
        } else {
            rd = out_from(g, 0, ra);
            if (k)
                x86_shift_ri(b, sop, w, rd, k);
        }
    } else if (!rotate && x86_have_bmi2) {
        int ra = use_reg(g, a, REGS_ALLOC);
        int rc = use_reg(g, c, REGS_ALLOC);
        rd = pinned_out(g) ? out_reg(g) : can_clobber(g, 0) ? ra : can_clobber(g, 1) ? rc : out_reg(g);
        unsigned opc = op->opc == IR_SHL ? OPC_SHLX : op->opc == IR_SHR ? OPC_SHRX : OPC_SARX;
        x86_vex_rr(b, opc | W(w), rd, rc, ra);     /* rd = ra shift rc */
    } else {
        reserve_reg(g, X86_RCX);
        uint16_t not_rcx = REGS_ALLOC & ~RBIT(X86_RCX);
        int ra = use_reg(g, a, not_rcx);
        int rc = use_reg(g, c, not_rcx);
        x86_mov_rr(b, false, X86_RCX, rc);
        rd = out_from(g, 0, ra);
        x86_shift_rcl(b, sop, w, rd);
    }
    def_val(g, op->dst, rd);
}

static void gen_mul(struct gen *g, const struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    bool w = t == IR_I64;
    unsigned ka = 0, kb = 1;
    if (is_const(g, op->args[0]) && !is_const(g, op->args[1])) {
        ka = 1;
        kb = 0;
    }
    ir_val a = op->args[ka], c = op->args[kb];
    int rd;
    if (is_const(g, c) && fits_imm(t, const_val(g, c))) {
        int ra = use_reg(g, a, REGS_ALLOC);
        rd = out_any(g, ka, ra);
        x86_imul_rri(&g->buf, w, rd, ra, (int32_t)const_val(g, c));
    } else {
        int ra = use_reg(g, a, REGS_ALLOC);
        int rc = use_reg(g, c, REGS_ALLOC);
        if (!can_clobber(g, ka) && can_clobber(g, kb)) {
            int x = ra;
            ra = rc;
            rc = x;
            ka = kb;
        }
        rd = out_from(g, ka, ra);
        x86_modrm_rr(&g->buf, OPC_IMUL_GvEv | W(w), rd, rc);
    }
    def_val(g, op->dst, rd);
}

/* High half of the double-width product. */
static void gen_mulh(struct gen *g, const struct ir_op *op)
{
    struct x86_buf *b = &g->buf;
    if (op->type == IR_I32) {
        /* Extend both to 64 bits (signed or unsigned as the op says): the 64-bit product is
         * exact, and its bits 32..63 are the answer. */
        int ra = use_reg(g, op->args[0], REGS_ALLOC);
        int rc = use_reg(g, op->args[1], REGS_ALLOC);
        int rd;
        if (op->opc == IR_MULHU) {
            x86_mov_rr(b, false, R_TMP, rc);
            rd = out_from(g, 0, ra);
        } else {
            if (op->opc == IR_MULHS)
                x86_modrm_rr(b, OPC_MOVSLQ, R_TMP, rc);
            else
                x86_mov_rr(b, false, R_TMP, rc);
            rd = out_any(g, 0, ra);
            x86_modrm_rr(b, OPC_MOVSLQ, rd, ra);
        }
        x86_modrm_rr(b, OPC_IMUL_GvEv | P_REXW, rd, R_TMP);
        x86_shift_ri(b, X86_SHR, true, rd, 32);
        def_val(g, op->dst, rd);
        return;
    }
    reserve_reg(g, X86_RAX);
    reserve_reg(g, X86_RDX);
    uint16_t allowed = REGS_ALLOC & ~(RBIT(X86_RAX) | RBIT(X86_RDX));
    int ra = use_reg(g, op->args[0], allowed);
    int rc = use_reg(g, op->args[1], allowed);
    x86_mov_rr(b, true, X86_RAX, ra);
    x86_grp3(b, op->opc == IR_MULHS ? X86_IMUL1 : X86_MUL, true, rc);   /* rdx:rax */
    if (op->opc == IR_MULHSU) {
        /* signed a = unsigned a - 2^64 [a < 0], so hi -= (a < 0 ? b : 0) */
        x86_mov_rr(b, true, R_TMP, ra);
        x86_shift_ri(b, X86_SAR, true, R_TMP, 63);
        x86_alu_rr(b, X86_AND, true, R_TMP, rc);
        x86_alu_rr(b, X86_SUB, true, X86_RDX, R_TMP);
    }
    def_val(g, op->dst, X86_RDX);
}

static void gen_div(struct gen *g, const struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    bool w = t == IR_I64;
    struct x86_buf *b = &g->buf;
    bool is_signed = op->opc == IR_DIVS || op->opc == IR_REMS;
    bool rem = op->opc == IR_REMS || op->opc == IR_REMU;
    uint64_t ones = w ? ~0ull : 0xffffffffull;
    ir_val a = op->args[0], c = op->args[1];
    int rd;
    if (is_const(g, c)) {
        uint64_t cv = const_val(g, c);
        if (cv == 0 || (is_signed && cv == ones)) {
            /* x/0 = all ones, x%0 = x; x/-1 = -x (MIN/-1 = MIN), x%-1 = 0 */
            if (rem && cv != 0) {
                rd = out_reg(g);
                x86_movi(b, rd, 0);
            } else if (!rem && cv == 0) {
                rd = out_reg(g);
                x86_movi(b, rd, ones);
            } else {
                int ra = use_reg(g, a, REGS_ALLOC);
                rd = out_from(g, 0, ra);
                if (!rem)
                    x86_grp3(b, X86_NEG, w, rd);
            }
            def_val(g, op->dst, rd);
            return;
        }
        if (!is_signed && (cv & (cv - 1)) == 0 && (!rem || fits_imm(t, cv - 1))) {
            int ra = use_reg(g, a, REGS_ALLOC);
            rd = out_from(g, 0, ra);
            if (rem)
                x86_alu_ri(b, X86_AND, w, rd, (int32_t)(cv - 1));
            else if (cv > 1)
                x86_shift_ri(b, X86_SHR, w, rd, (unsigned)__builtin_ctzll(cv));
            def_val(g, op->dst, rd);
            return;
        }
    }
    /* A divisor known not to be 0 or -1 needs no guards. */
    bool guards = !is_const(g, c);
    reserve_reg(g, X86_RAX);
    reserve_reg(g, X86_RDX);
    uint16_t allowed = REGS_ALLOC & ~(RBIT(X86_RAX) | RBIT(X86_RDX));
    int ra = use_reg(g, a, allowed);
    int rc = use_reg(g, c, allowed);
    uint32_t to_zero = 0, to_m1 = 0, done1 = 0, done2 = 0;
    if (guards) {
        x86_test_rr(b, w, rc, rc);
        to_zero = x86_jcc_fwd8(b, X86_CC_E);
        if (is_signed) {
            x86_alu_ri(b, X86_CMP, w, rc, -1);
            to_m1 = x86_jcc_fwd8(b, X86_CC_E);
        }
    }
    x86_mov_rr(b, w, X86_RAX, ra);
    if (is_signed) {
        x86_opc(b, w ? OPC_CQO : OPC_CDQ, 0, 0, 0);
        x86_grp3(b, X86_IDIV, w, rc);
    } else {
        x86_zero(b, X86_RDX);
        x86_grp3(b, X86_DIV, w, rc);
    }
    if (guards) {
        done1 = x86_jmp_fwd8(b);
        if (is_signed) {
            x86_bind_rel8(b, to_m1);           /* divisor -1: quotient -a, remainder 0 */
            x86_mov_rr(b, w, X86_RAX, ra);
            x86_grp3(b, X86_NEG, w, X86_RAX);
            x86_zero(b, X86_RDX);
            done2 = x86_jmp_fwd8(b);
        }
        x86_bind_rel8(b, to_zero);             /* divisor 0: quotient all ones, remainder a */
        x86_movi(b, X86_RAX, ones);
        x86_mov_rr(b, true, X86_RDX, ra);
        x86_bind_rel8(b, done1);
        if (is_signed)
            x86_bind_rel8(b, done2);
    }
    def_val(g, op->dst, rem ? X86_RDX : X86_RAX);
}

static void gen_minmax(struct gen *g, const struct ir_op *op)
{
    bool w = op->type == IR_I64;
    int ra = use_reg(g, op->args[0], REGS_ALLOC);
    int rc = use_reg(g, op->args[1], REGS_ALLOC);
    unsigned ka = 0;
    if (!can_clobber(g, 0) && can_clobber(g, 1)) {
        int x = ra;
        ra = rc;
        rc = x;
        ka = 1;
    }
    /* Replace the kept operand when it is on the wrong side of the other. */
    enum x86_cond cc = op->opc == IR_MINS ? X86_CC_G : op->opc == IR_MAXS ? X86_CC_L
                     : op->opc == IR_MINU ? X86_CC_A : X86_CC_B;
    int rd = out_from(g, ka, ra);
    x86_alu_rr(&g->buf, X86_CMP, w, rd, rc);
    x86_cmov(&g->buf, cc, w, rd, rc);
    def_val(g, op->dst, rd);
}

static void gen_setcond(struct gen *g, const struct ir_op *op)
{
    enum x86_cond cc = emit_cmp(g, (enum ir_type)op->type, (enum ir_cond)op->cond, op->args[0], op->args[1]);
    int rd = out_reg(g);
    x86_setcc(&g->buf, cc, rd);
    x86_modrm_rr(&g->buf, OPC_MOVZBL | P_BYTE_RM, rd, rd);
    def_val(g, op->dst, rd);
}

static void gen_select(struct gen *g, const struct ir_op *op)
{
    bool w = op->type == IR_I64;
    enum x86_cond cc = emit_cmp(g, (enum ir_type)op->type, (enum ir_cond)op->cond, op->args[0], op->args[1]);
    int rt = use_reg(g, op->args[2], REGS_ALLOC);
    ir_val f = op->args[3];
    int rd;
    if (!is_const(g, f) && g->v[f].reg >= 0 && can_clobber(g, 3)) {
        rd = use_reg(g, f, REGS_ALLOC);
    } else {
        rd = out_reg(g);
        load_into(g, f, rd);                   /* moves and loads keep the flags */
    }
    x86_cmov(&g->buf, cc, w, rd, rt);
    def_val(g, op->dst, rd);
}

/* ---- guest memory */

static unsigned load_opc(enum ir_type t, unsigned memop)
{
    bool s = memop & IR_MEM_SIGNED;
    switch (memop & IR_MEM_SIZE_MASK) {
    case IR_MEM_8:  return s ? OPC_MOVSBL | W(t == IR_I64) : OPC_MOVZBL;
    case IR_MEM_16: return s ? OPC_MOVSWL | W(t == IR_I64) : OPC_MOVZWL;
    case IR_MEM_32: return s && t == IR_I64 ? OPC_MOVSLQ : OPC_MOV_GvEv;
    default:        return OPC_MOV_GvEv | P_REXW;
    }
}

/* Emits the range check of the guest access args[0] + imm and returns the register to
 * use as the index of [R_GBASE + index + *disp] (-1: none, *disp is the address). With a
 * small imm, the base register itself (checked to be below GUEST_SPACE once per value and
 * block, see guest_mem.h on the guards), *disp = imm; otherwise the whole address computed
 * into R_TMP and checked (address <= GUEST_SPACE - size). A failed check jumps to the
 * stub that raises EXC_SEGV_MAPERR. All register allocation for the op must be done
 * before: the stub writes back the globals that are dirty at the access. */
static int guest_address(struct gen *g, const struct ir_op *op, int ra, struct stub *s, int32_t *disp)
{
    struct x86_buf *b = &g->buf;
    unsigned size_log2 = op->memop & IR_MEM_SIZE_MASK;
    uint64_t limit = GUEST_SPACE - (1ull << size_log2);
    uint64_t known;
    if (ra < 0 && known_const(g, op->args[0], &known)) {
        uint64_t addr = known + (uint64_t)op->imm;
        if (addr <= limit && addr <= INT32_MAX) {
            *disp = (int32_t)addr;
            return -1;
        }
        x86_movi(b, R_TMP, addr);
        if (addr > limit) {                    /* always faults */
            s->addr_reg = R_TMP;
            s->fixup = x86_jmp_fwd32(b);
        }
        return R_TMP;
    }
    ir_val base = op->args[0];
    if (op->imm > -(int64_t)GUEST_GUARD / 2 && op->imm < (int64_t)GUEST_GUARD / 2 - 8) {
        /* Check the base alone, once per value: base + imm is then inside the space or its
         * guards (guest_mem.h), where an invalid access faults in the host. A base out of
         * range goes to the stub, which checks the sum and comes back if that is valid. */
        if (!g->v[base].addr_ok) {
            x86_modrm_rip(b, OPC_CMP_GvEv | P_REXW, ra, x86_guest_limit[0], 0);
            s->base_reg = (int8_t)ra;
            s->disp = (int32_t)op->imm;
            s->size_log2 = (uint8_t)size_log2;
            s->fixup = x86_jcc_fwd32(b, X86_CC_A);
            s->resume = x86_off(b);
            g->v[base].addr_ok = true;
        }
        *disp = (int32_t)op->imm;
        return ra;
    }
    int raddr = ra;
    if (op->imm != 0 && op->imm == (int32_t)op->imm) {
        x86_lea(b, true, R_TMP, ra, X86_NOREG, (int32_t)op->imm);
        raddr = R_TMP;
    } else if (op->imm != 0) {
        x86_movi(b, R_TMP, (uint64_t)op->imm);
        x86_alu_rr(b, X86_ADD, true, R_TMP, ra);
        raddr = R_TMP;
    }
    x86_modrm_rip(b, OPC_CMP_GvEv | P_REXW, raddr, x86_guest_limit[size_log2], 0);
    s->addr_reg = (int8_t)raddr;
    s->fixup = x86_jcc_fwd32(b, X86_CC_A);
    return raddr;
}

/* Records the access about to be emitted, with the state its fault stub must restore. */
static void mark_memop(struct gen *g, struct stub *s)
{
    snapshot_dirty(g, s);
    s->memop = g->nmemops;
    g->memops[g->nmemops++] = (struct tb_memop){ .host_off = x86_off(&g->buf), .stub_off = 0 };
}

static void gen_load(struct gen *g, const struct ir_op *op)
{
    struct stub *s = new_stub(g, STUB_MEM);
    uint64_t known;
    int ra = known_const(g, op->args[0], &known) ? -1 : use_reg(g, op->args[0], REGS_ALLOC);
    int rd = ra >= 0 ? out_any(g, 0, ra) : out_reg(g);
    int32_t disp = 0;
    int raddr = guest_address(g, op, ra, s, &disp);
    mark_memop(g, s);
    x86_load(&g->buf, load_opc((enum ir_type)op->type, op->memop), rd, R_GBASE, raddr, disp);
    def_val(g, op->dst, rd);
}

static void gen_store(struct gen *g, const struct ir_op *op)
{
    unsigned size = 1u << (op->memop & IR_MEM_SIZE_MASK);
    struct stub *s = new_stub(g, STUB_MEM);
    ir_val v = op->args[1];
    bool imm = is_const(g, v) && (size < 8 || fits_imm(IR_I64, const_val(g, v)));
    int rv = imm ? -1 : use_reg(g, v, REGS_ALLOC);
    uint64_t known;
    int ra = known_const(g, op->args[0], &known) ? -1 : use_reg(g, op->args[0], REGS_ALLOC);
    int32_t disp = 0;
    int raddr = guest_address(g, op, ra, s, &disp);
    mark_memop(g, s);
    if (imm)
        x86_store_imm(&g->buf, size, (int32_t)const_val(g, v), R_GBASE, raddr, disp);
    else
        x86_store(&g->buf, size, rv, R_GBASE, raddr, disp);
}

static void gen_ld_env(struct gen *g, const struct ir_op *op)
{
    bool w = op->type == IR_I64;
    uint32_t off = (uint32_t)op->imm;
    writeback_range(g, off, w ? 8 : 4, false);
    int rd = out_reg(g);
    x86_load(&g->buf, OPC_MOV_GvEv | W(w), rd, R_CPU, X86_NOREG, (int32_t)off);
    def_val(g, op->dst, rd);
}

static void gen_st_env(struct gen *g, const struct ir_op *op)
{
    bool w = op->type == IR_I64;
    uint32_t off = (uint32_t)op->imm;
    ir_val v = op->args[0];
    bool imm = is_const(g, v) && (!w || fits_imm(IR_I64, const_val(g, v)));
    int rv = imm ? -1 : use_reg(g, v, REGS_ALLOC);
    writeback_range(g, off, w ? 8 : 4, true);
    if (imm)
        x86_store_imm(&g->buf, w ? 8 : 4, (int32_t)const_val(g, v), R_CPU, X86_NOREG, (int32_t)off);
    else
        x86_store(&g->buf, w ? 8 : 4, rv, R_CPU, X86_NOREG, (int32_t)off);
    /* Globals the store overlapped have new values: none is a checked base any more, and
     * a pinned one is read back into its register. */
    for (unsigned i = 0; i < g->ir->nglobals; i++) {
        const struct ir_global *gl = &g->ir->globals[i];
        uint32_t gsize = gl->type == IR_I64 ? 8 : 4;
        if (gl->offset < off + (w ? 8 : 4) && off < gl->offset + gsize)
            g->v[1 + i].addr_ok = g->v[1 + i].known = false;
    }
    const struct pin_set *ps = g->pins;
    uint16_t reload = 0;
    for (unsigned k = 0; k < ps->npins; k++) {
        const struct ir_global *gl = &g->ir->globals[ps->global[k]];
        uint32_t gsize = gl->type == IR_I64 ? 8 : 4;
        if (gl->offset < off + (w ? 8 : 4) && off < gl->offset + gsize)
            reload |= (uint16_t)RBIT(ps->reg[k]);
    }
    load_pins(g, reload);
}

/* ---- helper calls */

static void gen_call(struct gen *g, const struct ir_op *op)
{
    static const int arg_regs[4] = { X86_RSI, X86_RDX, X86_RCX, X86_R8 };
    const struct ir_helper *h = op->helper;
    bool full_sync = !(h->flags & IR_HELPER_NO_GLOBALS);
    if (h->nargs > 4)
        panic("backend: helper %s takes %u arguments", h->name, h->nargs);
    if (full_sync) {
        writeback_all(g);
        store_env_imm64(g, offsetof(struct cpu, pc), g->cur_pc);
    }
    /* Pinned globals: a full-sync helper sees (and may change) all of them in the CPU
     * state; any other call still clobbers the caller-saved registers. Those pins are
     * stored and, until reloaded after the call, read from the CPU state. */
    uint16_t pins_caller = g->pins->mask & REGS_CALLER;
    uint16_t pins_saved = full_sync ? g->pins->mask : pins_caller;
    store_pins(g, pins_saved);
    unmap_pins(g, pins_caller);
    /* Everything live leaves the caller-saved registers (for callee-saved ones or the
     * frame); then the argument registers can be filled in any order. */
    evacuate(g, REGS_CALLER, full_sync);
    for (unsigned k = 0; k < h->nargs; k++)
        load_into(g, op->args[k], arg_regs[k]);
    /* The guest FP environment is exact in the CPU state during the call (and reloaded
     * after it) unless the helper promises not to touch it; one that may fault still gets
     * it stored, as a fault leaves translated code without passing the epilogue. */
    bool fpenv = !(h->flags & IR_HELPER_NO_FPENV);
    if (fpenv || full_sync)
        x86_stmxcsr(&g->buf, R_CPU, offsetof(struct cpu, fp_env));
    x86_mov_rr(&g->buf, true, X86_RDI, R_CPU);
    x86_call_abs(&g->buf, (uintptr_t)h->fn);
    if (fpenv)
        x86_ldmxcsr(&g->buf, R_CPU, offsetof(struct cpu, fp_env));
    if (full_sync) {
        drop_globals(g);                       /* the helper may have changed any of them */
        forget_globals_facts(g);
    }
    remap_pins(g, pins_caller);
    load_pins(g, pins_saved);
    if (op->dst) {
        if (op->type == IR_I32)
            x86_mov_rr(&g->buf, false, X86_RAX, X86_RAX);
        def_val(g, op->dst, X86_RAX);
    }
}

/* ---- exits */

/* The cold half of a chainable exit: tell the run loop which TB and exit to patch. */
static void chain_stub(struct gen *g, unsigned slot, uint64_t pc)
{
    struct x86_buf *b = &g->buf;
    g->tb->jmp_stub[slot] = x86_off(b);
    store_env_imm64(g, offsetof(struct cpu, pc), pc);
    x86_movi(b, R_TMP, (uintptr_t)g->tb);
    x86_store(b, 8, R_TMP, R_CPU, X86_NOREG, offsetof(struct cpu, exit_tb));
    x86_store_imm(b, 4, (int32_t)slot, R_CPU, X86_NOREG, offsetof(struct cpu, exit_slot));
    jmp_epilogue(g, EXIT_CHAIN);
}

/* Pads so that an instruction of opcode_bytes followed by a rel32 has that rel32 4-byte
 * aligned: x86_patch_jump then changes it with one atomic store. */
static void align_rel32(struct x86_buf *b, unsigned opcode_bytes)
{
    x86_nops(b, (unsigned)((4 - (x86_exec_pc(b) + opcode_bytes) % 4) % 4));
}

static void chain_exit(struct gen *g, unsigned slot, uint64_t pc)
{
    struct x86_buf *b = &g->buf;
    align_rel32(b, 1);
    x86_byte(b, OPC_JMP_long);
    g->tb->jmp_off[slot] = x86_off(b);
    g->tb->jmp_pc[slot] = pc;
    x86_u32(b, 0);                             /* unchained: falls into the stub below */
    chain_stub(g, slot, pc);
}

/* A conditional branch: the jcc itself is the taken exit's patchable jump (chained, a taken
 * branch costs one host jump), the fall-through is an ordinary chainable jmp. */
static void gen_brcond(struct gen *g, const struct ir_op *op)
{
    struct x86_buf *b = &g->buf;
    writeback_all(g);
    enum x86_cond cc = emit_cmp(g, (enum ir_type)op->type, (enum ir_cond)op->cond, op->args[0], op->args[1]);
    align_rel32(b, 2);                          /* after the cmp: nops keep the flags */
    uint32_t taken = x86_jcc_fwd32(b, cc);     /* to imm when the condition holds */
    g->tb->jmp_off[0] = taken;
    g->tb->jmp_pc[0] = (uint64_t)op->imm;
    chain_exit(g, 1, (uint64_t)op->imm2);
    x86_bind_rel32(b, taken);                   /* unchained: to its stub */
    chain_stub(g, 0, (uint64_t)op->imm);
}

/* Indirect jump: probe the jump cache inline; a hit jumps straight to the host code. */
static void gen_goto_ptr(struct gen *g, const struct ir_op *op)
{
    struct x86_buf *b = &g->buf;
    int rt = use_reg(g, op->args[0], REGS_ALLOC);
    writeback_all(g);
    if (log_enabled(LOG_STATS))
        x86_alu_mi(b, X86_ADD, true, R_CPU, offsetof(struct cpu, counts.indirect), 1);
    /* &jc[(pc >> 1) & (JC_SIZE-1)] = jc + ((pc << 3) & ((JC_SIZE-1) << 4)): entries are 16 bytes */
    x86_mov_rr(b, false, R_TMP, rt);
    x86_shift_ri(b, X86_SHL, false, R_TMP, 3);
    x86_alu_ri(b, X86_AND, false, R_TMP, (int32_t)((JC_SIZE - 1) << 4));
    x86_load(b, OPC_ADD_GvEv | P_REXW, R_TMP, R_CPU, X86_NOREG, offsetof(struct cpu, jc));
    x86_modrm_mem(b, OPC_CMP_EvGv | P_REXW, rt, R_TMP, X86_NOREG, 0, offsetof(struct jc_entry, guest_pc));
    uint32_t miss = x86_jcc_fwd8(b, X86_CC_NE);
    /* An empty entry holds JC_EMPTY (~0) and no host code: a guest jump to ~0 must miss. */
    x86_alu_ri(b, X86_CMP, true, rt, (int32_t)JC_EMPTY);
    uint32_t empty = x86_jcc_fwd8(b, X86_CC_E);
    x86_modrm_mem(b, OPC_GRP5, 4, R_TMP, X86_NOREG, 0, offsetof(struct jc_entry, host)); /* jmp [r11+8] */
    x86_bind_rel8(b, miss);
    x86_bind_rel8(b, empty);
    x86_store(b, 8, rt, R_CPU, X86_NOREG, offsetof(struct cpu, pc));
    jmp_epilogue(g, EXIT_INDIRECT);
}

static void gen_exit(struct gen *g, const struct ir_op *op)
{
    ir_val a = op->args[0];
    int ra = a && !is_const(g, a) ? use_reg(g, a, REGS_ALLOC) : -1;
    writeback_all(g);
    if (ra >= 0)
        x86_store(&g->buf, 8, ra, R_CPU, X86_NOREG, offsetof(struct cpu, exit_arg));
    else
        store_env_imm64(g, offsetof(struct cpu, exit_arg), a ? const_val(g, a) : 0);
    store_env_imm64(g, offsetof(struct cpu, pc), (uint64_t)op->imm2);
    jmp_epilogue(g, (unsigned)op->imm);
}

static void gen_exit_if(struct gen *g, const struct ir_op *op)
{
    struct stub *s = new_stub(g, STUB_EXIT_IF);
    s->pc = (uint64_t)op->imm2;
    s->reason = (uint64_t)op->imm;
    ir_val a = op->args[2];
    if (a && is_const(g, a)) {
        s->arg_is_imm = true;
        s->arg_imm = const_val(g, a);
    } else if (a) {
        s->arg_reg = (int8_t)use_reg(g, a, REGS_ALLOC);
    }
    enum x86_cond cc = emit_cmp(g, (enum ir_type)op->type, (enum ir_cond)op->cond, op->args[0], op->args[1]);
    s->fixup = x86_jcc_fwd32(&g->buf, cc);
    snapshot_dirty(g, s);
}

void gen_op(struct gen *g, const struct ir_op *op)
{
    switch ((enum ir_opc)op->opc) {
    case IR_NOP:
        return;
    case IR_INSN_START:
        g->cur_pc = (uint64_t)op->imm;
        return;
    case IR_MOV:
        gen_mov(g, op);
        return;
    case IR_NEG: case IR_NOT: case IR_CLZ: case IR_CTZ: case IR_POPCNT: case IR_BSWAP:
    case IR_SEXT8: case IR_SEXT16: case IR_SEXT32: case IR_ZEXT8: case IR_ZEXT16:
    case IR_ZEXT32: case IR_EXT_S: case IR_EXT_U: case IR_TRUNC:
        gen_unary(g, op);
        return;
    case IR_ADD: gen_alu(g, op, X86_ADD, true); return;
    case IR_SUB: gen_alu(g, op, X86_SUB, false); return;
    case IR_AND: gen_alu(g, op, X86_AND, true); return;
    case IR_OR:  gen_alu(g, op, X86_OR, true); return;
    case IR_XOR: gen_alu(g, op, X86_XOR, true); return;
    case IR_ANDN: case IR_ORN: case IR_XNOR:
        gen_logic_not(g, op);
        return;
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
        gen_shift(g, op);
        return;
    case IR_MUL:
        gen_mul(g, op);
        return;
    case IR_MULHS: case IR_MULHU: case IR_MULHSU:
        gen_mulh(g, op);
        return;
    case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
        gen_div(g, op);
        return;
    case IR_MINS: case IR_MAXS: case IR_MINU: case IR_MAXU:
        gen_minmax(g, op);
        return;
    case IR_SETCOND:
        gen_setcond(g, op);
        return;
    case IR_SELECT:
        gen_select(g, op);
        return;
    case IR_LOAD:
        gen_load(g, op);
        return;
    case IR_STORE:
        gen_store(g, op);
        return;
    case IR_LD_ENV:
        gen_ld_env(g, op);
        return;
    case IR_ST_ENV:
        gen_st_env(g, op);
        return;
    case IR_CALL:
        gen_call(g, op);
        return;
    case IR_FENCE:
        x86_mfence(&g->buf);
        return;
    case IR_EXIT_IF:
        gen_exit_if(g, op);
        return;
    case IR_GOTO_TB:
        writeback_all(g);
        chain_exit(g, 0, (uint64_t)op->imm);
        return;
    case IR_BRCOND:
        gen_brcond(g, op);
        return;
    case IR_GOTO_PTR:
        gen_goto_ptr(g, op);
        return;
    case IR_EXIT:
        gen_exit(g, op);
        return;
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: case IR_FMA:
    case IR_FCMP: case IR_FTOI: case IR_FTOI_RTZ: case IR_ITOF: case IR_FTOF:
    case IR_FPFLAGS_GET: case IR_FPFLAGS_SET:
        gen_fp(g, op);
        return;
    case IR_OPC_COUNT:
        break;
    }
    panic("backend: unknown IR op %u", op->opc);
}
