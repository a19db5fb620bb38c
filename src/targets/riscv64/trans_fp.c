/*
 * trans_fp.c - translation of the F and D extensions.
 *
 * Loads and stores are IR memory ops (flw NaN-boxes its result). Arithmetic, conversions,
 * comparisons, fclass and the single-precision sign injections are one IR call each to
 * rv_fpu (fpu.h), whose contract is the ISA's: the front end passes op | rm << 8 and the
 * raw source register values and writes the result to the f or x destination. Only pure
 * bit moves are inline: fmv.x.d, fmv.d.x, fmv.x.w, fmv.w.x and the double sign
 * injections (no NaN-boxing is involved in 64-bit values, no flags are raised).
 *
 * Rounding mode: a reserved static rm (5, 6) was already made illegal by the decoder; a
 * dynamic one (7) gets gen_check_frm before the call, which raises EXC_ILLEGAL when
 * cpu->frm holds a reserved value.
 */
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
    ir_val d = fi->rd == RV_RC_F ? get_f(c, in->rd) : dest_x(c, in->rd);
    ir_call(c->b, &helper_fpu, IR_I64, d, const64(c, fp_ops[in->op].fpop | rm << 8), a, b, c3);
}

static void trans_flw(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val t = temp64(c);
    ir_load(c->b, IR_I64, IR_MEM_32, t, get_x(c, in->rs1), in->imm);
    ir_binop(c->b, IR_OR, IR_I64, get_f(c, in->rd), t, const64(c, NAN_BOX));
}

static void trans_fld(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_load(c->b, IR_I64, IR_MEM_64, get_f(c, in->rd), get_x(c, in->rs1), in->imm);
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
    ir_mov(c->b, IR_I64, get_f(c, in->rd), get_x(c, in->rs1));
}

/* rd = sign-extended low 32 bits, whether or not the value is properly NaN-boxed */
static void trans_fmv_x_w(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_unop(c->b, IR_SEXT32, IR_I64, dest_x(c, in->rd), get_f(c, in->rs1));
}

static void trans_fmv_w_x(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_binop(c->b, IR_OR, IR_I64, get_f(c, in->rd), get_x(c, in->rs1), const64(c, NAN_BOX));
}

/* fsgnj.d: magnitude of rs1, sign of rs2 (fmv.d when rs1 == rs2) */
static void trans_fsgnj_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val rd = get_f(c, in->rd), a = get_f(c, in->rs1), b = get_f(c, in->rs2);
    if (in->rs1 == in->rs2) {
        ir_mov(c->b, IR_I64, rd, a);
        return;
    }
    ir_val mag = temp64(c), sign = temp64(c);
    ir_binop(c->b, IR_AND, IR_I64, mag, a, const64(c, ~SIGN_D));
    ir_binop(c->b, IR_AND, IR_I64, sign, b, const64(c, SIGN_D));
    ir_binop(c->b, IR_OR, IR_I64, rd, mag, sign);
}

/* fsgnjn.d: sign is the opposite of rs2's (fneg.d when rs1 == rs2) */
static void trans_fsgnjn_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val rd = get_f(c, in->rd), a = get_f(c, in->rs1), b = get_f(c, in->rs2);
    if (in->rs1 == in->rs2) {
        ir_binop(c->b, IR_XOR, IR_I64, rd, a, const64(c, SIGN_D));
        return;
    }
    ir_val mag = temp64(c), sign = temp64(c);
    ir_binop(c->b, IR_AND, IR_I64, mag, a, const64(c, ~SIGN_D));
    ir_binop(c->b, IR_ANDN, IR_I64, sign, const64(c, SIGN_D), b);
    ir_binop(c->b, IR_OR, IR_I64, rd, mag, sign);
}

/* fsgnjx.d: sign is the xor of both signs (fabs.d when rs1 == rs2) */
static void trans_fsgnjx_d(struct rv_ctx *c, const struct rv_insn *in)
{
    ir_val rd = get_f(c, in->rd), a = get_f(c, in->rs1), b = get_f(c, in->rs2);
    if (in->rs1 == in->rs2) {
        ir_binop(c->b, IR_AND, IR_I64, rd, a, const64(c, ~SIGN_D));
        return;
    }
    ir_val sign = temp64(c);
    ir_binop(c->b, IR_AND, IR_I64, sign, b, const64(c, SIGN_D));
    ir_binop(c->b, IR_XOR, IR_I64, rd, a, sign);
}

#define H trans_fp_helper
rv_trans_fn *const rv_trans_fp[RV_OP_COUNT] = {
    [RV_OP_FLW] = trans_flw, [RV_OP_FSW] = trans_fsw, [RV_OP_FLD] = trans_fld, [RV_OP_FSD] = trans_fsd,
    [RV_OP_FMV_X_W] = trans_fmv_x_w, [RV_OP_FMV_W_X] = trans_fmv_w_x,
    [RV_OP_FMV_X_D] = trans_fmv_x_d, [RV_OP_FMV_D_X] = trans_fmv_d_x,
    [RV_OP_FSGNJ_D] = trans_fsgnj_d, [RV_OP_FSGNJN_D] = trans_fsgnjn_d, [RV_OP_FSGNJX_D] = trans_fsgnjx_d,
    [RV_OP_FMADD_S] = H, [RV_OP_FMSUB_S] = H, [RV_OP_FNMSUB_S] = H, [RV_OP_FNMADD_S] = H,
    [RV_OP_FADD_S] = H, [RV_OP_FSUB_S] = H, [RV_OP_FMUL_S] = H, [RV_OP_FDIV_S] = H, [RV_OP_FSQRT_S] = H,
    [RV_OP_FSGNJ_S] = H, [RV_OP_FSGNJN_S] = H, [RV_OP_FSGNJX_S] = H, [RV_OP_FMIN_S] = H, [RV_OP_FMAX_S] = H,
    [RV_OP_FCVT_W_S] = H, [RV_OP_FCVT_WU_S] = H, [RV_OP_FCVT_L_S] = H, [RV_OP_FCVT_LU_S] = H,
    [RV_OP_FEQ_S] = H, [RV_OP_FLT_S] = H, [RV_OP_FLE_S] = H, [RV_OP_FCLASS_S] = H,
    [RV_OP_FCVT_S_W] = H, [RV_OP_FCVT_S_WU] = H, [RV_OP_FCVT_S_L] = H, [RV_OP_FCVT_S_LU] = H,
    [RV_OP_FMADD_D] = H, [RV_OP_FMSUB_D] = H, [RV_OP_FNMSUB_D] = H, [RV_OP_FNMADD_D] = H,
    [RV_OP_FADD_D] = H, [RV_OP_FSUB_D] = H, [RV_OP_FMUL_D] = H, [RV_OP_FDIV_D] = H, [RV_OP_FSQRT_D] = H,
    [RV_OP_FMIN_D] = H, [RV_OP_FMAX_D] = H, [RV_OP_FCVT_S_D] = H, [RV_OP_FCVT_D_S] = H,
    [RV_OP_FEQ_D] = H, [RV_OP_FLT_D] = H, [RV_OP_FLE_D] = H, [RV_OP_FCLASS_D] = H,
    [RV_OP_FCVT_W_D] = H, [RV_OP_FCVT_WU_D] = H, [RV_OP_FCVT_L_D] = H, [RV_OP_FCVT_LU_D] = H,
    [RV_OP_FCVT_D_W] = H, [RV_OP_FCVT_D_WU] = H, [RV_OP_FCVT_D_L] = H, [RV_OP_FCVT_D_LU] = H,
};
#undef H

int rv_fp_helper_op(unsigned op)
{
    if (op >= RV_OP_COUNT || rv_trans_fp[op] != trans_fp_helper)
        return -1;
    return fp_ops[op].valid ? fp_ops[op].fpop : -2;
}
