/*
 * trans_fp.c - translation of the F and D extensions.
 *
 * Common arithmetic runs inline as IR floating-point ops (IR.md "Floating point"), which the
 * backend turns into SSE instructions: fadd/fsub/fmul/fdiv/fsqrt and the four FMAs with a
 * dynamic rounding mode, feq/flt/fle, fcvt.w/l.{s,d} with rtz or a dynamic rm, the
 * int-to-float conversions from w/wu (and l with a dynamic rm), fcvt.s.d (dynamic rm) and
 * fcvt.d.s, the single-precision sign injections. Their semantics are the ISA's exactly:
 *  - rounding: a dynamic rm uses the IR's FP environment (cpu->fp_env), which
 *    rv64_set_fcsr keeps in step with frm; RMM has no x86 equivalent, so every such op
 *    carries rv_fpu as its fallback (cpu->fp_fallback is set while frm is RMM). A static
 *    rm other than rtz on a conversion to integer goes to rv_fpu, as do the exact
 *    conversions' static modes only where the result could round;
 *  - flags: accrued in fp_env, folded into fflags by rv64_fflags (cpu.h);
 *  - NaNs: the op's NaN result is the canonical NaN; NV for signalling inputs and invalid
 *    operations comes from the host exactly as RISC-V specifies (ir_fp.c has the fix-ups);
 *  - NaN-boxing: a single input is unboxed with a select (not boxed -> canonical NaN);
 *    results are boxed. Within a block the unboxed I32 value of each f register is kept
 *    (rv_ctx.f32_val), so a value computed here is not unboxed again.
 * Everything else (fmin/fmax, fclass, unsigned and static-rm conversions, static-rm
 * arithmetic) is one IR call to rv_fpu (fpu.h) with op | rm << 8 and the raw register values.
 * Loads, stores, fmv and the double sign injections are plain bit moves. Reads of
 * fflags/fcsr and plain writes of fflags (the frflags/fsflags pairs compilers put around
 * quiet comparisons, e.g. in every sqrt() call) are inline too (rv_trans_fp_csr, called
 * by the Zicsr translator): fflags = rv->fflags | the FP environment's flags in RISC-V order.
 *
 * Rounding mode: a reserved static rm (5, 6) was already made illegal by the decoder; a
 * dynamic one (7) gets gen_check_frm before the op, which raises EXC_ILLEGAL when cpu->frm
 * holds a reserved value (even for conversions that cannot round).
 *
 * Invariant: every write to an f register goes through f_dst / f_dst32, which keep
 * rv_ctx.f32_val right.
 */
#include <stddef.h>
#include "fpu.h"
#include "translate.h"

static const struct ir_helper helper_fpu = {
    .name = "rv_fpu", .fn = (void *)rv_fpu, .nargs = 4,
    .flags = IR_HELPER_NO_GLOBALS, .has_result = true,
};

struct fp_map {
    bool valid;
    uint8_t fpop;           /* enum rv_fpop */
};
#define FP(x) { .valid = true, .fpop = (x) }

static const struct fp_map fp_ops[RV_OP_COUNT] = {
    [RV_OP_FMADD_S] = FP(RV_FMADD_S), [RV_OP_FMSUB_S] = FP(RV_FMSUB_S),
    [RV_OP_FNMSUB_S] = FP(RV_FNMSUB_S), [RV_OP_FNMADD_S] = FP(RV_FNMADD_S),
    [RV_OP_FADD_S] = FP(RV_FADD_S), [RV_OP_FSUB_S] = FP(RV_FSUB_S),
    [RV_OP_FMUL_S] = FP(RV_FMUL_S), [RV_OP_FDIV_S] = FP(RV_FDIV_S), [RV_OP_FSQRT_S] = FP(RV_FSQRT_S),
    [RV_OP_FSGNJ_S] = FP(RV_FSGNJ_S), [RV_OP_FSGNJN_S] = FP(RV_FSGNJN_S), [RV_OP_FSGNJX_S] = FP(RV_FSGNJX_S),
    [RV_OP_FMIN_S] = FP(RV_FMIN_S), [RV_OP_FMAX_S] = FP(RV_FMAX_S),
    [RV_OP_FCVT_W_S] = FP(RV_FCVT_W_S), [RV_OP_FCVT_WU_S] = FP(RV_FCVT_WU_S),
    [RV_OP_FCVT_L_S] = FP(RV_FCVT_L_S), [RV_OP_FCVT_LU_S] = FP(RV_FCVT_LU_S),
    [RV_OP_FEQ_S] = FP(RV_FEQ_S), [RV_OP_FLT_S] = FP(RV_FLT_S), [RV_OP_FLE_S] = FP(RV_FLE_S),
    [RV_OP_FCLASS_S] = FP(RV_FCLASS_S),
    [RV_OP_FCVT_S_W] = FP(RV_FCVT_S_W), [RV_OP_FCVT_S_WU] = FP(RV_FCVT_S_WU),
    [RV_OP_FCVT_S_L] = FP(RV_FCVT_S_L), [RV_OP_FCVT_S_LU] = FP(RV_FCVT_S_LU),
    [RV_OP_FMADD_D] = FP(RV_FMADD_D), [RV_OP_FMSUB_D] = FP(RV_FMSUB_D),
    [RV_OP_FNMSUB_D] = FP(RV_FNMSUB_D), [RV_OP_FNMADD_D] = FP(RV_FNMADD_D),
    [RV_OP_FADD_D] = FP(RV_FADD_D), [RV_OP_FSUB_D] = FP(RV_FSUB_D),
    [RV_OP_FMUL_D] = FP(RV_FMUL_D), [RV_OP_FDIV_D] = FP(RV_FDIV_D), [RV_OP_FSQRT_D] = FP(RV_FSQRT_D),
    [RV_OP_FMIN_D] = FP(RV_FMIN_D), [RV_OP_FMAX_D] = FP(RV_FMAX_D),
    [RV_OP_FCVT_S_D] = FP(RV_FCVT_S_D), [RV_OP_FCVT_D_S] = FP(RV_FCVT_D_S),
    [RV_OP_FEQ_D] = FP(RV_FEQ_D), [RV_OP_FLT_D] = FP(RV_FLT_D), [RV_OP_FLE_D] = FP(RV_FLE_D),
    [RV_OP_FCLASS_D] = FP(RV_FCLASS_D),
    [RV_OP_FCVT_W_D] = FP(RV_FCVT_W_D), [RV_OP_FCVT_WU_D] = FP(RV_FCVT_WU_D),
    [RV_OP_FCVT_L_D] = FP(RV_FCVT_L_D), [RV_OP_FCVT_LU_D] = FP(RV_FCVT_LU_D),
    [RV_OP_FCVT_D_W] = FP(RV_FCVT_D_W), [RV_OP_FCVT_D_WU] = FP(RV_FCVT_D_WU),
    [RV_OP_FCVT_D_L] = FP(RV_FCVT_D_L), [RV_OP_FCVT_D_LU] = FP(RV_FCVT_D_LU),
};
#undef FP

#define NAN_BOX  ((int64_t)0xffffffff00000000ull)
#define SIGN_D   ((int64_t)0x8000000000000000ull)
#define SIGN_S   ((int64_t)(int32_t)0x80000000u)
#define CANON_S  0x7fc00000
#define CANON_D  ((int64_t)0x7ff8000000000000ull)

/* ---- f registers */

static ir_val const32(struct rv_ctx *c, int64_t v) { return ir_const(c->b, IR_I32, v); }

/* The single-precision value of f[r] as an I32 value: its low half if NaN-boxed, else the
 * canonical NaN (f >= 0xffffffff00000000 unsigned <=> the upper half is all ones). */
static ir_val f_src32(struct rv_ctx *c, unsigned r)
{
    if (c->f32_val[r])
        return c->f32_val[r];
    ir_val f = get_f(c, r), boxed = temp64(c), v = ir_temp(c->b, IR_I32);
    ir_select(c->b, IR_I64, IR_GEU, boxed, f, const64(c, NAN_BOX), f, const64(c, CANON_S));
    ir_unop(c->b, IR_TRUNC, IR_I32, v, boxed);
    c->f32_val[r] = v;
    return v;
}

/* f[r] as the destination of a 64-bit value (the caller writes it after reading sources). */
static ir_val f_dst(struct rv_ctx *c, unsigned r)
{
    c->f32_val[r] = IR_NONE;
    return get_f(c, r);
}

/* f[r] = NaN-box(v), v an I32 single. */
static void f_dst32(struct rv_ctx *c, unsigned r, ir_val v)
{
    ir_val wide = temp64(c);
    ir_unop(c->b, IR_EXT_U, IR_I64, wide, v);
    ir_binop(c->b, IR_OR, IR_I64, get_f(c, r), wide, const64(c, NAN_BOX));
    c->f32_val[r] = ir_is_const(c->b, v) ? IR_NONE : v;
}

static ir_val fp_operand(struct rv_ctx *c, unsigned regclass, unsigned r)
{
    switch (regclass) {
    case RV_RC_F: return get_f(c, r);
    case RV_RC_X: return get_x(c, r);
    default:      return const64(c, 0);
    }
}

/* One call to rv_fpu: operands and destination come from the instruction's format. */
static void trans_fp_helper(struct rv_ctx *c, const struct rv_insn *in)
{
    const struct rv_fmt_info *fi = &rv_fmt_info[rv_opdesc[in->op].fmt];
    unsigned rm = fi->has_rm ? in->rm : 0;
    if (fi->has_rm && rm == RV_RM_DYN)
        gen_check_frm(c);
    ir_val a = fp_operand(c, fi->rs1, in->rs1);
    ir_val b = fp_operand(c, fi->rs2, in->rs2);
    ir_val c3 = fp_operand(c, fi->rs3, in->rs3);
    ir_val d = fi->rd == RV_RC_F ? f_dst(c, in->rd) : dest_x(c, in->rd);
    ir_call(c->b, &helper_fpu, IR_I64, d, const64(c, fp_ops[in->op].fpop | rm << 8), a, b, c3);
}

/* ---- inline arithmetic */

/* Makes op's fallback rv_fpu(fpop, dynamic rm) on the op's own arguments. */
static void set_fallback(struct ir_op *op, enum rv_fpop fpop, bool unboxed_singles)
{
    op->helper = &helper_fpu;
    op->imm2 = fpop | RV_RM_DYN << 8 | (unboxed_singles ? RV_FPU_BOX_ARGS : 0);
}

static bool is_double(unsigned op)
{
    return op >= RV_OP_FLD && op <= RV_OP_FMV_D_X;
}

/* fadd, fsub, fmul, fdiv, fsqrt (rs2 unused) of either format, rm = dyn. */
static void gen_fp_arith(struct rv_ctx *c, const struct rv_insn *in, enum ir_opc opc)
{
    if (in->rm != RV_RM_DYN) {
        trans_fp_helper(c, in);
        return;
    }
    gen_check_frm(c);
    bool dbl = is_double(in->op), unary = opc == IR_FSQRT;
    enum rv_fpop fpop = (enum rv_fpop)fp_ops[in->op].fpop;
    struct ir_op *op;
    if (dbl) {
        ir_val a = get_f(c, in->rs1), b = unary ? IR_NONE : get_f(c, in->rs2);
        op = ir_fpop(c->b, opc, IR_I64, f_dst(c, in->rd), a, b, IR_NONE, CANON_D);
    } else {
        ir_val a = f_src32(c, in->rs1), b = unary ? IR_NONE : f_src32(c, in->rs2);
        ir_val d = ir_temp(c->b, IR_I32);
        op = ir_fpop(c->b, opc, IR_I32, d, a, b, IR_NONE, CANON_S);
        f_dst32(c, in->rd, d);
    }
    set_fallback(op, fpop, !dbl);
}

static void trans_fadd(struct rv_ctx *c, const struct rv_insn *in) { gen_fp_arith(c, in, IR_FADD); }
static void trans_fsub(struct rv_ctx *c, const struct rv_insn *in) { gen_fp_arith(c, in, IR_FSUB); }
static void trans_fmul(struct rv_ctx *c, const struct rv_insn *in) { gen_fp_arith(c, in, IR_FMUL); }
static void trans_fdiv(struct rv_ctx *c, const struct rv_insn *in) { gen_fp_arith(c, in, IR_FDIV); }
static void trans_fsqrt(struct rv_ctx *c, const struct rv_insn *in) { gen_fp_arith(c, in, IR_FSQRT); }

/* fmadd a*b+c, fmsub a*b-c, fnmsub -(a*b)+c, fnmadd -(a*b)-c: the negations are sign flips
 * of a and c (exact, and they keep a NaN a NaN), then one IR fma whose fallback is fmadd. */
static void gen_fma(struct rv_ctx *c, const struct rv_insn *in, bool neg_product, bool neg_addend)
{
    if (in->rm != RV_RM_DYN) {
        trans_fp_helper(c, in);
        return;
    }
    gen_check_frm(c);
    bool dbl = is_double(in->op);
    enum ir_type t = dbl ? IR_I64 : IR_I32;
    ir_val sign = dbl ? const64(c, SIGN_D) : const32(c, SIGN_S);
    ir_val x[3];
    for (unsigned k = 0; k < 3; k++) {
        unsigned r = k == 0 ? in->rs1 : k == 1 ? in->rs2 : in->rs3;
        x[k] = dbl ? get_f(c, r) : f_src32(c, r);
        if ((k == 0 && neg_product) || (k == 2 && neg_addend)) {
            ir_val neg = ir_temp(c->b, t);
            ir_binop(c->b, IR_XOR, t, neg, x[k], sign);
            x[k] = neg;
        }
    }
    struct ir_op *op;
    if (dbl) {
        op = ir_fpop(c->b, IR_FMA, t, f_dst(c, in->rd), x[0], x[1], x[2], CANON_D);
    } else {
        ir_val d = ir_temp(c->b, IR_I32);
        op = ir_fpop(c->b, IR_FMA, t, d, x[0], x[1], x[2], CANON_S);
        f_dst32(c, in->rd, d);
    }
    set_fallback(op, dbl ? RV_FMADD_D : RV_FMADD_S, !dbl);
}

static void trans_fmadd(struct rv_ctx *c, const struct rv_insn *in) { gen_fma(c, in, false, false); }
static void trans_fmsub(struct rv_ctx *c, const struct rv_insn *in) { gen_fma(c, in, false, true); }
static void trans_fnmsub(struct rv_ctx *c, const struct rv_insn *in) { gen_fma(c, in, true, false); }
static void trans_fnmadd(struct rv_ctx *c, const struct rv_insn *in) { gen_fma(c, in, true, true); }

/* feq (quiet), flt, fle (signalling): no rounding, no rm. */
static void gen_fcmp(struct rv_ctx *c, const struct rv_insn *in, enum ir_cond cond)
{
    bool dbl = is_double(in->op);
    ir_val a = dbl ? get_f(c, in->rs1) : f_src32(c, in->rs1);
    ir_val b = dbl ? get_f(c, in->rs2) : f_src32(c, in->rs2);
    struct ir_op *op = ir_fpop(c->b, IR_FCMP, dbl ? IR_I64 : IR_I32, dest_x(c, in->rd), a, b,
                               IR_NONE, 0);
    op->cond = (uint8_t)cond;
}

static void trans_feq(struct rv_ctx *c, const struct rv_insn *in) { gen_fcmp(c, in, IR_EQ); }
static void trans_flt(struct rv_ctx *c, const struct rv_insn *in) { gen_fcmp(c, in, IR_LT); }
static void trans_fle(struct rv_ctx *c, const struct rv_insn *in) { gen_fcmp(c, in, IR_LE); }

/* fcvt.w/l.s/d: rtz inline (C casts), dyn inline with the fallback, other modes rv_fpu.
 * Saturation and NaN -> the largest value are the IR's (imm = MAX). */
static void gen_fcvt_to_signed(struct rv_ctx *c, const struct rv_insn *in, bool to64)
{
    if (in->rm != RV_RM_RTZ && in->rm != RV_RM_DYN) {
        trans_fp_helper(c, in);
        return;
    }
    bool dbl = is_double(in->op), dyn = in->rm == RV_RM_DYN;
    if (dyn)
        gen_check_frm(c);
    ir_val a = dbl ? get_f(c, in->rs1) : f_src32(c, in->rs1);
    enum ir_opc opc = dyn ? IR_FTOI : IR_FTOI_RTZ;
    struct ir_op *op;
    if (to64) {
        op = ir_fpop(c->b, opc, IR_I64, dest_x(c, in->rd), a, IR_NONE, IR_NONE, INT64_MAX);
    } else {
        ir_val r = ir_temp(c->b, IR_I32);
        op = ir_fpop(c->b, opc, IR_I32, r, a, IR_NONE, IR_NONE, INT32_MAX);
        ir_unop(c->b, IR_EXT_S, IR_I64, dest_x(c, in->rd), r);   /* sign-extended, as the ISA says */
    }
    if (dyn)
        set_fallback(op, (enum rv_fpop)fp_ops[in->op].fpop, !dbl);
}

static void trans_fcvt_w(struct rv_ctx *c, const struct rv_insn *in) { gen_fcvt_to_signed(c, in, false); }
static void trans_fcvt_l(struct rv_ctx *c, const struct rv_insn *in) { gen_fcvt_to_signed(c, in, true); }

/* fcvt.{s,d}.{w,wu,l}: the source as a signed integer the conversion reads exactly (wu
 * zero-extended to 64 bits). Exact conversions (w, wu to double) need no rounding mode; the
 * others are inline only with rm = dyn. */
static void gen_fcvt_from_int(struct rv_ctx *c, const struct rv_insn *in, bool is_unsigned, bool from64)
{
    bool dbl = is_double(in->op), exact = dbl && !from64;
    if (in->rm != RV_RM_DYN && !exact) {
        trans_fp_helper(c, in);
        return;
    }
    if (in->rm == RV_RM_DYN)
        gen_check_frm(c);
    ir_val x = get_x(c, in->rs1), src;
    if (from64) {
        src = x;
    } else if (is_unsigned) {
        src = temp64(c);
        ir_unop(c->b, IR_ZEXT32, IR_I64, src, x);
    } else {
        src = ir_temp(c->b, IR_I32);
        ir_unop(c->b, IR_TRUNC, IR_I32, src, x);
    }
    struct ir_op *op;
    if (dbl) {
        op = ir_fpop(c->b, IR_ITOF, IR_I64, f_dst(c, in->rd), src, IR_NONE, IR_NONE, CANON_D);
    } else {
        ir_val d = ir_temp(c->b, IR_I32);
        op = ir_fpop(c->b, IR_ITOF, IR_I32, d, src, IR_NONE, IR_NONE, CANON_S);
        f_dst32(c, in->rd, d);
    }
    if (!exact)                         /* rv_fpu reads the integer from the low bits */
        set_fallback(op, (enum rv_fpop)fp_ops[in->op].fpop, false);
}

static void trans_fcvt_f_w(struct rv_ctx *c, const struct rv_insn *in) { gen_fcvt_from_int(c, in, false, false); }
static void trans_fcvt_f_wu(struct rv_ctx *c, const struct rv_insn *in) { gen_fcvt_from_int(c, in, true, false); }
static void trans_fcvt_f_l(struct rv_ctx *c, const struct rv_insn *in) { gen_fcvt_from_int(c, in, false, true); }

/* fcvt.s.d rounds (dyn inline); fcvt.d.s is exact (any rm inline). */
static void trans_fcvt_s_d(struct rv_ctx *c, const struct rv_insn *in)
{
    if (in->rm != RV_RM_DYN) {
        trans_fp_helper(c, in);
        return;
    }
    gen_check_frm(c);
    ir_val d = ir_temp(c->b, IR_I32);
    struct ir_op *op = ir_fpop(c->b, IR_FTOF, IR_I32, d, get_f(c, in->rs1), IR_NONE, IR_NONE, CANON_S);
    f_dst32(c, in->rd, d);
    set_fallback(op, RV_FCVT_S_D, false);
}

static void trans_fcvt_d_s(struct rv_ctx *c, const struct rv_insn *in)
{
    if (in->rm == RV_RM_DYN)
        gen_check_frm(c);
    ir_val a = f_src32(c, in->rs1);
    ir_fpop(c->b, IR_FTOF, IR_I64, f_dst(c, in->rd), a, IR_NONE, IR_NONE, CANON_D);
}

/* ---- loads, stores, moves, sign injection */

static void trans_flw(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val t = ir_temp(c->b, IR_I32);
    ir_load(c->b, IR_I32, IR_MEM_32, t, get_x(c, in->rs1), in->imm);
    f_dst32(c, in->rd, t);
}

static void trans_fld(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_load(c->b, IR_I64, IR_MEM_64, f_dst(c, in->rd), get_x(c, in->rs1), in->imm);
}

static void trans_fsw(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_store(c->b, IR_MEM_32, get_x(c, in->rs1), in->imm, get_f(c, in->rs2));
}

static void trans_fsd(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_store(c->b, IR_MEM_64, get_x(c, in->rs1), in->imm, get_f(c, in->rs2));
}

static void trans_fmv_x_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_mov(c->b, IR_I64, dest_x(c, in->rd), get_f(c, in->rs1));
}

static void trans_fmv_d_x(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_mov(c->b, IR_I64, f_dst(c, in->rd), get_x(c, in->rs1));
}

/* rd = sign-extended low 32 bits, whether or not the value is properly NaN-boxed */
static void trans_fmv_x_w(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_unop(c->b, IR_SEXT32, IR_I64, dest_x(c, in->rd), get_f(c, in->rs1));
}

static void trans_fmv_w_x(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_binop(c->b, IR_OR, IR_I64, f_dst(c, in->rd), get_x(c, in->rs1), const64(c, NAN_BOX));
}

/* fsgnj.d: magnitude of rs1, sign of rs2 (fmv.d when rs1 == rs2) */
static void trans_fsgnj_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val a = get_f(c, in->rs1), b = get_f(c, in->rs2);
    if (in->rs1 == in->rs2) {
        ir_mov(c->b, IR_I64, f_dst(c, in->rd), a);
        return;
    }
    ir_val mag = temp64(c), sign = temp64(c);
    ir_binop(c->b, IR_AND, IR_I64, mag, a, const64(c, ~SIGN_D));
    ir_binop(c->b, IR_AND, IR_I64, sign, b, const64(c, SIGN_D));
    ir_binop(c->b, IR_OR, IR_I64, f_dst(c, in->rd), mag, sign);
}

/* fsgnjn.d: sign is the opposite of rs2's (fneg.d when rs1 == rs2) */
static void trans_fsgnjn_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val a = get_f(c, in->rs1), b = get_f(c, in->rs2);
    if (in->rs1 == in->rs2) {
        ir_binop(c->b, IR_XOR, IR_I64, f_dst(c, in->rd), a, const64(c, SIGN_D));
        return;
    }
    ir_val mag = temp64(c), sign = temp64(c);
    ir_binop(c->b, IR_AND, IR_I64, mag, a, const64(c, ~SIGN_D));
    ir_binop(c->b, IR_ANDN, IR_I64, sign, const64(c, SIGN_D), b);
    ir_binop(c->b, IR_OR, IR_I64, f_dst(c, in->rd), mag, sign);
}

/* fsgnjx.d: sign is the xor of both signs (fabs.d when rs1 == rs2) */
static void trans_fsgnjx_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val a = get_f(c, in->rs1), b = get_f(c, in->rs2);
    if (in->rs1 == in->rs2) {
        ir_binop(c->b, IR_AND, IR_I64, f_dst(c, in->rd), a, const64(c, ~SIGN_D));
        return;
    }
    ir_val sign = temp64(c);
    ir_binop(c->b, IR_AND, IR_I64, sign, b, const64(c, SIGN_D));
    ir_binop(c->b, IR_XOR, IR_I64, f_dst(c, in->rd), a, sign);
}

/* fsgnj.s, fsgnjn.s, fsgnjx.s on unboxed singles (fmv.s, fneg.s, fabs.s when rs1 == rs2):
 * an improperly boxed input is the canonical NaN, the result is boxed. */
static void trans_fsgnj_s(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val a = f_src32(c, in->rs1), b = f_src32(c, in->rs2);
    ir_val mag = ir_temp(c->b, IR_I32), sign = ir_temp(c->b, IR_I32), r = ir_temp(c->b, IR_I32);
    switch (in->op) {
    case RV_OP_FSGNJ_S:
        if (in->rs1 == in->rs2) {
            f_dst32(c, in->rd, a);
            return;
        }
        ir_binop(c->b, IR_AND, IR_I32, mag, a, const32(c, ~SIGN_S));
        ir_binop(c->b, IR_AND, IR_I32, sign, b, const32(c, SIGN_S));
        ir_binop(c->b, IR_OR, IR_I32, r, mag, sign);
        break;
    case RV_OP_FSGNJN_S:
        if (in->rs1 == in->rs2) {
            ir_binop(c->b, IR_XOR, IR_I32, r, a, const32(c, SIGN_S));
            break;
        }
        ir_binop(c->b, IR_AND, IR_I32, mag, a, const32(c, ~SIGN_S));
        ir_binop(c->b, IR_ANDN, IR_I32, sign, const32(c, SIGN_S), b);
        ir_binop(c->b, IR_OR, IR_I32, r, mag, sign);
        break;
    default:                            /* RV_OP_FSGNJX_S */
        if (in->rs1 == in->rs2) {
            ir_binop(c->b, IR_AND, IR_I32, r, a, const32(c, ~SIGN_S));
            break;
        }
        ir_binop(c->b, IR_AND, IR_I32, sign, b, const32(c, SIGN_S));
        ir_binop(c->b, IR_XOR, IR_I32, r, a, sign);
        break;
    }
    f_dst32(c, in->rd, r);
}

/* ---- fflags and fcsr (Zicsr, called from trans_atomic.c) */

/* The guest's fflags: rv->fflags | the FP environment's flags mapped to RISC-V's order. */
static ir_val gen_read_fflags(struct rv_ctx *c)
{
    static const struct { bool left; uint8_t shift, bit; } map[] = {
        { true, 4, RV_FFLAG_NV },       /* invalid (bit 0) */
        { true, 1, RV_FFLAG_DZ },       /* divide by zero (bit 2) */
        { false, 1, RV_FFLAG_OF },      /* overflow (bit 3) */
        { false, 3, RV_FFLAG_UF },      /* underflow (bit 4) */
        { false, 5, RV_FFLAG_NX },      /* inexact (bit 5) */
    };
    ir_val env = ir_temp(c->b, IR_I32), r = ir_temp(c->b, IR_I32);
    ir_emit(c->b, IR_FPFLAGS_GET, IR_I32)->dst = env;
    ir_ld_env(c->b, IR_I32, r, offsetof(struct rv64_cpu, fflags));
    for (unsigned i = 0; i < ARRAY_SIZE(map); i++) {
        ir_val t = ir_temp(c->b, IR_I32);
        ir_binop(c->b, map[i].left ? IR_SHL : IR_SHR, IR_I32, t, env, const32(c, map[i].shift));
        ir_binop(c->b, IR_AND, IR_I32, t, t, const32(c, map[i].bit));
        ir_binop(c->b, IR_OR, IR_I32, r, r, t);
    }
    return r;
}

bool rv_trans_fp_csr(struct rv_ctx *c, const struct rv_insn *in, unsigned kind, ir_val src, bool writes)
{
    bool fflags = in->csr == RV_CSR_FFLAGS;
    if ((!fflags && in->csr != RV_CSR_FCSR) || (writes && (!fflags || kind != RV_CSR_WRITE)))
        return false;
    ir_val old = IR_NONE;
    if (in->rd || !writes) {
        ir_val flags = gen_read_fflags(c);
        if (!fflags) {                  /* fcsr = frm << 5 | fflags */
            ir_val frm = ir_temp(c->b, IR_I32);
            ir_ld_env(c->b, IR_I32, frm, offsetof(struct rv64_cpu, frm));
            ir_binop(c->b, IR_AND, IR_I32, frm, frm, const32(c, 7));
            ir_binop(c->b, IR_SHL, IR_I32, frm, frm, const32(c, 5));
            ir_binop(c->b, IR_OR, IR_I32, flags, flags, frm);
        }
        old = temp64(c);
        ir_unop(c->b, IR_EXT_U, IR_I64, old, flags);
    }
    if (writes) {                       /* fsflags: the new flags replace both halves */
        ir_val v = ir_temp(c->b, IR_I32);
        ir_unop(c->b, IR_TRUNC, IR_I32, v, src);
        ir_binop(c->b, IR_AND, IR_I32, v, v, const32(c, 0x1f));
        ir_st_env(c->b, IR_I32, offsetof(struct rv64_cpu, fflags), v);
        ir_emit(c->b, IR_FPFLAGS_SET, IR_I32)->args[0] = const32(c, 0);
    }
    if (old)
        set_x(c, in->rd, old);
    return true;
}

#define H trans_fp_helper
rv_trans_fn *const rv_trans_fp[RV_OP_COUNT] = {
    [RV_OP_FLW] = trans_flw, [RV_OP_FSW] = trans_fsw, [RV_OP_FLD] = trans_fld, [RV_OP_FSD] = trans_fsd,
    [RV_OP_FMV_X_W] = trans_fmv_x_w, [RV_OP_FMV_W_X] = trans_fmv_w_x,
    [RV_OP_FMV_X_D] = trans_fmv_x_d, [RV_OP_FMV_D_X] = trans_fmv_d_x,
    [RV_OP_FSGNJ_D] = trans_fsgnj_d, [RV_OP_FSGNJN_D] = trans_fsgnjn_d, [RV_OP_FSGNJX_D] = trans_fsgnjx_d,
    [RV_OP_FSGNJ_S] = trans_fsgnj_s, [RV_OP_FSGNJN_S] = trans_fsgnj_s, [RV_OP_FSGNJX_S] = trans_fsgnj_s,
    [RV_OP_FMADD_S] = trans_fmadd, [RV_OP_FMSUB_S] = trans_fmsub,
    [RV_OP_FNMSUB_S] = trans_fnmsub, [RV_OP_FNMADD_S] = trans_fnmadd,
    [RV_OP_FMADD_D] = trans_fmadd, [RV_OP_FMSUB_D] = trans_fmsub,
    [RV_OP_FNMSUB_D] = trans_fnmsub, [RV_OP_FNMADD_D] = trans_fnmadd,
    [RV_OP_FADD_S] = trans_fadd, [RV_OP_FSUB_S] = trans_fsub, [RV_OP_FMUL_S] = trans_fmul,
    [RV_OP_FDIV_S] = trans_fdiv, [RV_OP_FSQRT_S] = trans_fsqrt,
    [RV_OP_FADD_D] = trans_fadd, [RV_OP_FSUB_D] = trans_fsub, [RV_OP_FMUL_D] = trans_fmul,
    [RV_OP_FDIV_D] = trans_fdiv, [RV_OP_FSQRT_D] = trans_fsqrt,
    [RV_OP_FEQ_S] = trans_feq, [RV_OP_FLT_S] = trans_flt, [RV_OP_FLE_S] = trans_fle,
    [RV_OP_FEQ_D] = trans_feq, [RV_OP_FLT_D] = trans_flt, [RV_OP_FLE_D] = trans_fle,
    [RV_OP_FCVT_W_S] = trans_fcvt_w, [RV_OP_FCVT_L_S] = trans_fcvt_l,
    [RV_OP_FCVT_W_D] = trans_fcvt_w, [RV_OP_FCVT_L_D] = trans_fcvt_l,
    [RV_OP_FCVT_S_W] = trans_fcvt_f_w, [RV_OP_FCVT_S_WU] = trans_fcvt_f_wu, [RV_OP_FCVT_S_L] = trans_fcvt_f_l,
    [RV_OP_FCVT_D_W] = trans_fcvt_f_w, [RV_OP_FCVT_D_WU] = trans_fcvt_f_wu, [RV_OP_FCVT_D_L] = trans_fcvt_f_l,
    [RV_OP_FCVT_S_D] = trans_fcvt_s_d, [RV_OP_FCVT_D_S] = trans_fcvt_d_s,
    [RV_OP_FMIN_S] = H, [RV_OP_FMAX_S] = H, [RV_OP_FMIN_D] = H, [RV_OP_FMAX_D] = H,
    [RV_OP_FCLASS_S] = H, [RV_OP_FCLASS_D] = H,
    [RV_OP_FCVT_WU_S] = H, [RV_OP_FCVT_LU_S] = H, [RV_OP_FCVT_WU_D] = H, [RV_OP_FCVT_LU_D] = H,
    [RV_OP_FCVT_S_LU] = H, [RV_OP_FCVT_D_LU] = H,
};
#undef H

int rv_fp_helper_op(unsigned op)
{
    if (op >= RV_OP_COUNT || rv_trans_fp[op] != trans_fp_helper)
        return -1;
    return fp_ops[op].valid ? fp_ops[op].fpop : -2;
}

int rv_fp_op_of(unsigned op)
{
    return op < RV_OP_COUNT && fp_ops[op].valid ? fp_ops[op].fpop : -1;
}
