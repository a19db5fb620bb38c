/*
 * trans_atomic.c - translation of the A extension (LR/SC and AMOs) and of Zicsr.
 *
 * A: each instruction is one call to a full-sync helper (helpers.c) that checks alignment
 * and protection, raises the guest fault itself (precise: the CPU state is exact during
 * a full-sync call) and does the access with a host atomic. The helper returns the value
 * for rd, which is written after the call. aq/rl need nothing: the helpers use
 * sequentially consistent host atomics (locked instructions on x86, full barriers).
 *
 * Zicsr: which CSRs exist and whether an instruction writes are known at translation
 * time, so an unknown CSR or a write to a read-only counter becomes an illegal-instruction
 * exit here and the helper never fails. Following the ISA: csrrw/csrrwi always write
 * (the read with rd = x0 has no side effect for any CSR we implement, so it is done
 * anyway); csrrs/csrrc/csrrsi/csrrci with rs1 = x0 / uimm = 0 do not write.
 */
#include "translate.h"

/* Full-sync: globals are written back and cpu->pc is set before the call. They do no
 * floating point (IR_HELPER_NO_FPENV: the FP environment is not reloaded after them). */
static const struct ir_helper helper_lr = {
    .name = "rv_lr", .fn = (void *)rv_helper_lr, .nargs = 2, .flags = IR_HELPER_NO_FPENV, .has_result = true,
};
static const struct ir_helper helper_sc = {
    .name = "rv_sc", .fn = (void *)rv_helper_sc, .nargs = 3, .flags = IR_HELPER_NO_FPENV, .has_result = true,
};
static const struct ir_helper helper_amo = {
    .name = "rv_amo", .fn = (void *)rv_helper_amo, .nargs = 3, .flags = IR_HELPER_NO_FPENV, .has_result = true,
};
/* The CSR helper reads and writes only cpu->fflags/frm, cpu->fp_env (so it must see the FP
 * environment exact: no IR_HELPER_NO_FPENV) and the host clock: no guest registers, no
 * guest memory, no faults, so it needs no sync of globals. */
static const struct ir_helper helper_csr = {
    .name = "rv_csr", .fn = (void *)rv_helper_csr, .nargs = 2, .flags = IR_HELPER_NO_GLOBALS,
    .has_result = true,
};

static void gen_lr(struct rv_ctx *c, const struct rv_insn *in, unsigned size)
{
    ir_val r = temp64(c);
    ir_call(c->b, &helper_lr, IR_I64, r, const64(c, size), get_x(c, in->rs1), IR_NONE, IR_NONE);
    set_x(c, in->rd, r);
}

static void gen_sc(struct rv_ctx *c, const struct rv_insn *in, unsigned size)
{
    ir_val r = temp64(c);
    ir_call(c->b, &helper_sc, IR_I64, r, const64(c, size), get_x(c, in->rs1), get_x(c, in->rs2), IR_NONE);
    set_x(c, in->rd, r);
}

static void gen_amo(struct rv_ctx *c, const struct rv_insn *in, enum rv_amo_op op, unsigned size)
{
    ir_val r = temp64(c);
    ir_call(c->b, &helper_amo, IR_I64, r, const64(c, op | size << 8), get_x(c, in->rs1),
            get_x(c, in->rs2), IR_NONE);
    set_x(c, in->rd, r);
}

static void trans_lr_w(struct rv_ctx *c, const struct rv_insn *in)      { gen_lr(c, in, 4); }
static void trans_sc_w(struct rv_ctx *c, const struct rv_insn *in)      { gen_sc(c, in, 4); }
static void trans_amoswap_w(struct rv_ctx *c, const struct rv_insn *in) { gen_amo(c, in, RV_AMO_SWAP, 4); }
static void trans_amoadd_w(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_ADD, 4); }
static void trans_amoxor_w(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_XOR, 4); }
static void trans_amoand_w(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_AND, 4); }
static void trans_amoor_w(struct rv_ctx *c, const struct rv_insn *in)   { gen_amo(c, in, RV_AMO_OR, 4); }
static void trans_amomin_w(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_MIN, 4); }
static void trans_amomax_w(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_MAX, 4); }
static void trans_amominu_w(struct rv_ctx *c, const struct rv_insn *in) { gen_amo(c, in, RV_AMO_MINU, 4); }
static void trans_amomaxu_w(struct rv_ctx *c, const struct rv_insn *in) { gen_amo(c, in, RV_AMO_MAXU, 4); }
static void trans_lr_d(struct rv_ctx *c, const struct rv_insn *in)      { gen_lr(c, in, 8); }
static void trans_sc_d(struct rv_ctx *c, const struct rv_insn *in)      { gen_sc(c, in, 8); }
static void trans_amoswap_d(struct rv_ctx *c, const struct rv_insn *in) { gen_amo(c, in, RV_AMO_SWAP, 8); }
static void trans_amoadd_d(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_ADD, 8); }
static void trans_amoxor_d(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_XOR, 8); }
static void trans_amoand_d(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_AND, 8); }
static void trans_amoor_d(struct rv_ctx *c, const struct rv_insn *in)   { gen_amo(c, in, RV_AMO_OR, 8); }
static void trans_amomin_d(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_MIN, 8); }
static void trans_amomax_d(struct rv_ctx *c, const struct rv_insn *in)  { gen_amo(c, in, RV_AMO_MAX, 8); }
static void trans_amominu_d(struct rv_ctx *c, const struct rv_insn *in) { gen_amo(c, in, RV_AMO_MINU, 8); }
static void trans_amomaxu_d(struct rv_ctx *c, const struct rv_insn *in) { gen_amo(c, in, RV_AMO_MAXU, 8); }

/* ---- Zicsr */

static bool csr_exists(unsigned csr, bool *read_only)
{
    switch (csr) {
    case RV_CSR_FFLAGS: case RV_CSR_FRM: case RV_CSR_FCSR:
        *read_only = false;
        return true;
    case RV_CSR_CYCLE: case RV_CSR_TIME: case RV_CSR_INSTRET:
        *read_only = true;
        return true;
    default:
        return false;
    }
}

static void gen_csr(struct rv_ctx *c, const struct rv_insn *in, unsigned kind, ir_val src, bool writes)
{
    bool read_only;
    if (!csr_exists(in->csr, &read_only) || (writes && read_only)) {
        gen_illegal(c);
        return;
    }
    if (rv_trans_fp_csr(c, in, kind, src, writes))   /* fflags/fcsr reads, fsflags: inline */
        return;
    ir_val r = temp64(c);
    uint32_t desc = in->csr | kind << 12 | (writes ? RV_CSR_DESC_WRITE : 0);
    ir_call(c->b, &helper_csr, IR_I64, r, const64(c, desc), src, IR_NONE, IR_NONE);
    set_x(c, in->rd, r);
    if (writes && (in->csr == RV_CSR_FRM || in->csr == RV_CSR_FCSR))
        c->frm_checked = false;     /* later dynamic-rm ops must check the new frm */
}

static void trans_csrrw(struct rv_ctx *c, const struct rv_insn *in)  { gen_csr(c, in, RV_CSR_WRITE, get_x(c, in->rs1), true); }
static void trans_csrrs(struct rv_ctx *c, const struct rv_insn *in)  { gen_csr(c, in, RV_CSR_SET, get_x(c, in->rs1), in->rs1 != 0); }
static void trans_csrrc(struct rv_ctx *c, const struct rv_insn *in)  { gen_csr(c, in, RV_CSR_CLEAR, get_x(c, in->rs1), in->rs1 != 0); }
static void trans_csrrwi(struct rv_ctx *c, const struct rv_insn *in) { gen_csr(c, in, RV_CSR_WRITE, const64(c, in->imm), true); }
static void trans_csrrsi(struct rv_ctx *c, const struct rv_insn *in) { gen_csr(c, in, RV_CSR_SET, const64(c, in->imm), in->imm != 0); }
static void trans_csrrci(struct rv_ctx *c, const struct rv_insn *in) { gen_csr(c, in, RV_CSR_CLEAR, const64(c, in->imm), in->imm != 0); }

rv_trans_fn *const rv_trans_atomic[RV_OP_COUNT] = {
    [RV_OP_LR_W] = trans_lr_w, [RV_OP_SC_W] = trans_sc_w, [RV_OP_AMOSWAP_W] = trans_amoswap_w,
    [RV_OP_AMOADD_W] = trans_amoadd_w, [RV_OP_AMOXOR_W] = trans_amoxor_w, [RV_OP_AMOAND_W] = trans_amoand_w,
    [RV_OP_AMOOR_W] = trans_amoor_w, [RV_OP_AMOMIN_W] = trans_amomin_w, [RV_OP_AMOMAX_W] = trans_amomax_w,
    [RV_OP_AMOMINU_W] = trans_amominu_w, [RV_OP_AMOMAXU_W] = trans_amomaxu_w,
    [RV_OP_LR_D] = trans_lr_d, [RV_OP_SC_D] = trans_sc_d, [RV_OP_AMOSWAP_D] = trans_amoswap_d,
    [RV_OP_AMOADD_D] = trans_amoadd_d, [RV_OP_AMOXOR_D] = trans_amoxor_d, [RV_OP_AMOAND_D] = trans_amoand_d,
    [RV_OP_AMOOR_D] = trans_amoor_d, [RV_OP_AMOMIN_D] = trans_amomin_d, [RV_OP_AMOMAX_D] = trans_amomax_d,
    [RV_OP_AMOMINU_D] = trans_amominu_d, [RV_OP_AMOMAXU_D] = trans_amomaxu_d,
    [RV_OP_CSRRW] = trans_csrrw, [RV_OP_CSRRS] = trans_csrrs, [RV_OP_CSRRC] = trans_csrrc,
    [RV_OP_CSRRWI] = trans_csrrwi, [RV_OP_CSRRSI] = trans_csrrsi, [RV_OP_CSRRCI] = trans_csrrci,
};
