/*
 * backend_x86_fp.c - host code for the IR's floating-point ops (IR.md "Floating point";
 * ir_fp.c is their definition and runs the same SSE instructions in the interpreter).
 *
 * Values stay in general registers (an f64 is an I64 value, an f32 an I32 one); an op
 * moves its operands into xmm0..xmm2, which hold nothing between ops, runs one SSE
 * instruction under the guest's FP environment (the host MXCSR holds it while translated
 * code runs, see backend_x86.c) and moves the result back. An operand that is not in a
 * register is read straight from the CPU state or its spill slot, without allocating one.
 *
 * The fix-ups where x86 differs from the IR are cold stubs after the block:
 *  - a NaN result (ucomis: parity set) is replaced by op->imm (STUB_FP_VALUE);
 *  - a float-to-integer result of MIN ("integer indefinite") is saturated: MAX for a
 *    positive input, op->imm for NaN (STUB_FP_SATURATE);
 *  - after a NaN fused multiply-add, ir_fp_fma_nan_fixup raises invalid for 0 * infinity
 *    plus a quiet NaN, which x86 does not (STUB_FP_CALL);
 *  - an op with a fallback helper tests cpu->fp_fallback first and, when it is set (or the
 *    host has no FMA3, for IR_FMA), calls the helper instead (STUB_FP_CALL).
 * A STUB_FP_CALL stub saves every caller-saved register, so the op's register allocation
 * (done before anything is emitted) holds on both paths; it stores the FP environment
 * before the call and reloads it after, like gen_call. The stubs are entered before the
 * result register is written, so they still see the operands where the op found them.
 */
#include <stddef.h>
#include "backend_x86_internal.h"

#define W(w) ((w) ? P_REXW : 0)

enum { XMM0 = 0, XMM1 = 1, XMM2 = 2 };

/* The caller-saved registers a STUB_FP_CALL stub pushes, in push order: after the pushes,
 * saved_regs[i] is at [rsp + 8 * (7 - i)]. Eight pushes keep rsp 16-byte aligned. */
static const int saved_regs[8] = {
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10,
};
#define SAVED_BYTES ((int32_t)(8 * ARRAY_SIZE(saved_regs)))   /* bytes pushed */

static int32_t saved_disp(int reg)
{
    for (int i = 0; i < 8; i++)
        if (saved_regs[i] == reg)
            return 8 * (7 - i);
    return -1;                                   /* callee-saved: not pushed */
}

static unsigned fp_nargs(enum ir_opc o)
{
    switch (o) {
    case IR_FSQRT: case IR_FTOI: case IR_FTOI_RTZ: case IR_ITOF: case IR_FTOF: return 1;
    case IR_FMA: return 3;
    default:     return 2;
    }
}

/* Where v is, without moving it; a register found is locked for this op. */
static struct fp_loc locate(struct gen *g, ir_val v)
{
    struct fp_loc l = { .is64 = ir_type_of(g->ir, v) == IR_I64, .reg = -1 };
    const struct vloc *vl = &g->v[v];
    if (is_const(g, v)) {
        l.kind = LOC_IMM;
        l.imm = const_val(g, v);
    } else if (vl->reg >= 0) {
        l.kind = LOC_REG;
        l.reg = vl->reg;
        g->locked |= (uint16_t)RBIT(vl->reg);
    } else if (is_global(g, v)) {
        l.kind = LOC_ENV;                        /* not in a register: the state is current */
        l.disp = (int32_t)g->ir->globals[g->ir->vals[v].global].offset;
    } else if (vl->in_slot) {
        l.kind = LOC_SLOT;
        l.disp = vl->slot * 8;
    } else {
        l.kind = LOC_IMM;                        /* a temp read before any write (a front-end bug) */
        l.imm = 0;
    }
    return l;
}

/* xmm x = the operand's bits (zero-extended to the whole register). */
static void xmm_load(struct gen *g, int x, const struct fp_loc *l)
{
    struct x86_buf *b = &g->buf;
    switch ((enum fp_loc_kind)l->kind) {
    case LOC_IMM:
        if (l->imm == 0) {
            x86_modrm_rr(b, OPC_XORPS, x, x);
        } else {
            x86_movi(b, R_TMP, l->imm);
            x86_modrm_rr(b, OPC_MOVD_VyEy | W(l->is64), x, R_TMP);
        }
        return;
    case LOC_REG:
        x86_modrm_rr(b, OPC_MOVD_VyEy | W(l->is64), x, l->reg);
        return;
    case LOC_ENV:
    case LOC_SLOT: {
        int base = l->kind == LOC_ENV ? R_CPU : X86_RSP;
        x86_modrm_mem(b, l->is64 ? OPC_MOVQ_VqWq : OPC_MOVD_VyEy, x, base, X86_NOREG, 0, l->disp);
        return;
    }
    }
}

/* xmm0 = (float) integer operand, with cvtsi2sd/ss. */
static void xmm_from_int(struct gen *g, const struct fp_loc *l, bool to_f64)
{
    struct x86_buf *b = &g->buf;
    unsigned opc = (to_f64 ? OPC_CVTSI2SD : OPC_CVTSI2SS) | W(l->is64);
    x86_modrm_rr(b, OPC_XORPS, XMM0, XMM0);      /* cvtsi2s* merges: break the dependency */
    switch ((enum fp_loc_kind)l->kind) {
    case LOC_IMM:
        x86_movi(b, R_TMP, l->imm);
        x86_modrm_rr(b, opc, XMM0, R_TMP);
        return;
    case LOC_REG:
        x86_modrm_rr(b, opc, XMM0, l->reg);
        return;
    case LOC_ENV:
    case LOC_SLOT:
        x86_modrm_mem(b, opc, XMM0, l->kind == LOC_ENV ? R_CPU : X86_RSP, X86_NOREG, 0, l->disp);
        return;
    }
}

/* rd = the low bits of xmm x: 64 when is64, else 32 (zero-extended). */
static void xmm_store(struct gen *g, int rd, int x, bool is64)
{
    x86_modrm_rr(&g->buf, OPC_MOVD_EyVy | W(is64), x, rd);
}

static struct stub *fp_stub(struct gen *g, enum stub_kind kind, int rd, bool rd32, uint64_t value)
{
    struct stub *s = new_stub(g, kind);
    s->fp.rd = (int8_t)rd;
    s->fp.rd32 = rd32;
    s->fp.value = rd32 ? (uint32_t)value : value;
    return s;
}

/* The NaN check of a result in xmm x: jp to a stub that sets rd to the op's NaN value. */
static struct stub *nan_check(struct gen *g, int x, bool f64, int rd, bool rd32, uint64_t value)
{
    x86_modrm_rr(&g->buf, f64 ? OPC_UCOMISD : OPC_UCOMISS, x, x);
    struct stub *s = fp_stub(g, STUB_FP_VALUE, rd, rd32, value);
    s->fixup = x86_jcc_fwd32(&g->buf, X86_CC_P);
    return s;
}

/* The accrued flags, read and written through the CPU state's copy of the environment
 * (stale while translated code runs, so free to use as the MXCSR's memory operand). */
static void gen_fpflags(struct gen *g, const struct ir_op *op)
{
    struct x86_buf *b = &g->buf;
    const int32_t env = offsetof(struct cpu, fp_env);
    if (op->opc == IR_FPFLAGS_GET) {
        int rd = out_reg(g);
        x86_stmxcsr(b, R_CPU, env);
        x86_load(b, OPC_MOV_GvEv, rd, R_CPU, X86_NOREG, env);
        x86_alu_ri(b, X86_AND, false, rd, FP_ENV_FLAGS & ~FP_ENV_DENORMAL);
        def_val(g, op->dst, rd);
        return;
    }
    ir_val a = op->args[0];
    int ra = is_const(g, a) ? -1 : use_reg(g, a, REGS_ALLOC);
    x86_stmxcsr(b, R_CPU, env);
    x86_alu_mi(b, X86_AND, false, R_CPU, env, ~(int32_t)FP_ENV_FLAGS);
    if (ra >= 0) {
        x86_mov_rr(b, false, R_TMP, ra);
        x86_alu_ri(b, X86_AND, false, R_TMP, FP_ENV_FLAGS);
        x86_modrm_mem(b, OPC_ARITH_EvGv | X86_OR << 3, R_TMP, R_CPU, X86_NOREG, 0, env);
    } else if (const_val(g, a) & FP_ENV_FLAGS) {
        x86_alu_mi(b, X86_OR, false, R_CPU, env, (int32_t)(const_val(g, a) & FP_ENV_FLAGS));
    }
    x86_ldmxcsr(b, R_CPU, env);
}

void gen_fp(struct gen *g, const struct ir_op *op)
{
    struct x86_buf *b = &g->buf;
    enum ir_opc o = (enum ir_opc)op->opc;
    if (o == IR_FPFLAGS_GET || o == IR_FPFLAGS_SET) {
        gen_fpflags(g, op);
        return;
    }
    bool f64 = op->type == IR_I64;               /* the op's format (or integer width) */
    unsigned n = fp_nargs(o);
    struct fp_loc loc[3];
    for (unsigned k = 0; k < n; k++)
        loc[k] = locate(g, op->args[k]);
    int rd = out_reg(g);
    bool rd32 = ir_type_of(g->ir, op->dst) == IR_I32;

    /* The fallback: always without FMA3 for IR_FMA, else when cpu->fp_fallback is set. */
    bool only_fallback = o == IR_FMA && !x86_have_fma;
    struct stub *fallback = NULL, *late = NULL;
    if (op->helper) {
        fallback = fp_stub(g, STUB_FP_CALL, rd, rd32, 0);
        fallback->fp.fn = op->helper->fn;
        fallback->fp.args[0] = (struct fp_loc){ .kind = LOC_IMM, .is64 = true, .imm = (uint64_t)op->imm2 };
        for (unsigned k = 0; k < n; k++)
            fallback->fp.args[1 + k] = loc[k];
        if (only_fallback) {
            fallback->fixup = x86_jmp_fwd32(b);
        } else {
            x86_modrm_mem(b, OPC_ARITH_EbIb, X86_CMP, R_CPU, X86_NOREG, 0,
                          offsetof(struct cpu, fp_fallback));
            x86_byte(b, 0);
            fallback->fixup = x86_jcc_fwd32(b, X86_CC_NE);
        }
    } else if (only_fallback) {
        panic("backend: fma without a fallback helper (ir_validate rejects it)");
    }

    if (!only_fallback) {
        switch (o) {
        case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: {
            static const unsigned sd[] = {
                [IR_FADD - IR_FADD] = OPC_ADDSD, [IR_FSUB - IR_FADD] = OPC_SUBSD,
                [IR_FMUL - IR_FADD] = OPC_MULSD, [IR_FDIV - IR_FADD] = OPC_DIVSD,
                [IR_FSQRT - IR_FADD] = OPC_SQRTSD,
            };
            static const unsigned ss[] = {
                [IR_FADD - IR_FADD] = OPC_ADDSS, [IR_FSUB - IR_FADD] = OPC_SUBSS,
                [IR_FMUL - IR_FADD] = OPC_MULSS, [IR_FDIV - IR_FADD] = OPC_DIVSS,
                [IR_FSQRT - IR_FADD] = OPC_SQRTSS,
            };
            xmm_load(g, XMM0, &loc[0]);
            if (n > 1)
                xmm_load(g, XMM1, &loc[1]);
            x86_modrm_rr(b, (f64 ? sd : ss)[o - IR_FADD], XMM0, o == IR_FSQRT ? XMM0 : XMM1);
            late = nan_check(g, XMM0, f64, rd, rd32, (uint64_t)op->imm);
            xmm_store(g, rd, XMM0, f64);
            break;
        }
        case IR_FMA:
            xmm_load(g, XMM0, &loc[0]);
            xmm_load(g, XMM1, &loc[1]);
            xmm_load(g, XMM2, &loc[2]);
            x86_vex_rr(b, f64 ? OPC_VFMADD231SD : OPC_VFMADD231SS, XMM2, XMM0, XMM1);
            x86_modrm_rr(b, f64 ? OPC_UCOMISD : OPC_UCOMISS, XMM2, XMM2);
            late = fp_stub(g, STUB_FP_CALL, rd, rd32, (uint64_t)op->imm);
            late->fixup = x86_jcc_fwd32(b, X86_CC_P);
            late->fp.result_is_value = true;
            late->fp.fn = (const void *)ir_fp_fma_nan_fixup;
            late->fp.args[0] = (struct fp_loc){ .kind = LOC_IMM, .is64 = true, .imm = !f64 };
            late->fp.args[1] = loc[0];
            late->fp.args[2] = loc[1];
            xmm_store(g, rd, XMM2, f64);
            break;
        case IR_FCMP: {
            /* cmpsd/cmpss predicates: 0 EQ_OQ (quiet), 1 LT_OS, 2 LE_OS (signalling) */
            uint8_t pred = op->cond == IR_EQ ? 0 : op->cond == IR_LT ? 1 : 2;
            xmm_load(g, XMM0, &loc[0]);
            xmm_load(g, XMM1, &loc[1]);
            x86_modrm_rr(b, f64 ? OPC_CMPSD : OPC_CMPSS, XMM0, XMM1);
            x86_byte(b, pred);
            xmm_store(g, rd, XMM0, false);
            x86_alu_ri(b, X86_AND, false, rd, 1);
            break;
        }
        case IR_FTOI: case IR_FTOI_RTZ: {
            bool src64 = loc[0].is64, rtz = o == IR_FTOI_RTZ;
            unsigned opc = src64 ? (rtz ? OPC_CVTTSD2SI : OPC_CVTSD2SI)
                                 : (rtz ? OPC_CVTTSS2SI : OPC_CVTSS2SI);
            xmm_load(g, XMM0, &loc[0]);
            x86_modrm_rr(b, opc | W(f64), rd, XMM0);
            x86_alu_ri(b, X86_CMP, f64, rd, 1);         /* overflows only for MIN */
            late = fp_stub(g, STUB_FP_SATURATE, rd, rd32, (uint64_t)op->imm);
            late->fp.f32 = !src64;
            late->fp.dst64 = f64;
            late->fixup = x86_jcc_fwd32(b, X86_CC_O);
            break;
        }
        case IR_ITOF:
            xmm_from_int(g, &loc[0], f64);
            xmm_store(g, rd, XMM0, f64);
            break;
        case IR_FTOF:
            xmm_load(g, XMM0, &loc[0]);
            x86_modrm_rr(b, f64 ? OPC_CVTSS2SD : OPC_CVTSD2SS, XMM0, XMM0);
            late = nan_check(g, XMM0, f64, rd, rd32, (uint64_t)op->imm);
            xmm_store(g, rd, XMM0, f64);
            break;
        default:
            panic("backend: gen_fp on op %u", o);
        }
    }
    uint32_t back = x86_off(b);
    if (fallback)
        fallback->fp.back = back;
    if (late)
        late->fp.back = back;
    def_val(g, op->dst, rd);
}

/* ---- the cold stubs (emit_stub has bound their fixup) */

static void jmp_back(struct gen *g, uint32_t back)
{
    uint32_t j = x86_jmp_fwd32(&g->buf);
    x86_bind_rel32_at(&g->buf, j, back);
}

/* Loads an operand into r inside a STUB_FP_CALL stub (the registers pushed). */
static void stub_arg(struct gen *g, int r, const struct fp_loc *l)
{
    struct x86_buf *b = &g->buf;
    unsigned mov = OPC_MOV_GvEv | W(l->is64);    /* a 32-bit load zero-extends */
    switch ((enum fp_loc_kind)l->kind) {
    case LOC_IMM:
        x86_movi(b, r, l->imm);
        return;
    case LOC_REG: {
        int32_t d = saved_disp(l->reg);
        if (d >= 0)
            x86_load(b, OPC_MOV_GvEv | P_REXW, r, X86_RSP, X86_NOREG, d);
        else
            x86_mov_rr(b, true, r, l->reg);
        return;
    }
    case LOC_ENV:
        x86_load(b, mov, r, R_CPU, X86_NOREG, l->disp);
        return;
    case LOC_SLOT:
        x86_load(b, mov, r, X86_RSP, X86_NOREG, SAVED_BYTES + l->disp);
        return;
    }
}

static void emit_fp_call(struct gen *g, const struct stub_fp *f)
{
    static const int arg_regs[4] = { X86_RSI, X86_RDX, X86_RCX, X86_R8 };
    struct x86_buf *b = &g->buf;
    for (int i = 0; i < 8; i++)
        x86_push(b, saved_regs[i]);
    x86_stmxcsr(b, R_CPU, offsetof(struct cpu, fp_env));
    for (unsigned k = 0; k < 4; k++)             /* unused ones are LOC_IMM 0 (IR.md) */
        stub_arg(g, arg_regs[k], &f->args[k]);
    x86_mov_rr(b, true, X86_RDI, R_CPU);
    x86_call_abs(b, (uintptr_t)f->fn);
    x86_ldmxcsr(b, R_CPU, offsetof(struct cpu, fp_env));
    if (f->result_is_value)
        x86_movi(b, X86_RAX, f->value);
    else if (f->rd32)
        x86_mov_rr(b, false, X86_RAX, X86_RAX);
    int32_t d = saved_disp(f->rd);
    if (d >= 0)
        x86_store(b, 8, X86_RAX, X86_RSP, X86_NOREG, d);   /* popped into rd below */
    else
        x86_mov_rr(b, true, f->rd, X86_RAX);
    for (int i = 7; i >= 0; i--)
        x86_pop(b, saved_regs[i]);
}

void emit_fp_stub(struct gen *g, struct stub *s)
{
    struct x86_buf *b = &g->buf;
    const struct stub_fp *f = &s->fp;
    switch ((enum stub_kind)s->kind) {
    case STUB_FP_CALL:
        emit_fp_call(g, f);
        break;
    case STUB_FP_VALUE:
        x86_movi(b, f->rd, f->value);
        break;
    case STUB_FP_SATURATE: {
        /* xmm0 still holds the input: NaN gives the op's value, a positive input MAX,
         * a negative one keeps MIN (it is MIN, or below it). */
        x86_modrm_rr(b, f->f32 ? OPC_UCOMISS : OPC_UCOMISD, XMM0, XMM0);
        uint32_t nan = x86_jcc_fwd8(b, X86_CC_P);
        x86_modrm_rr(b, f->f32 ? (OPC_MOVMSKPD & ~(unsigned)P_66) : OPC_MOVMSKPD, R_TMP, XMM0);
        x86_alu_ri(b, X86_AND, false, R_TMP, 1);
        uint32_t negative = x86_jcc_fwd32(b, X86_CC_NE);
        x86_bind_rel32_at(b, negative, f->back);
        x86_movi(b, f->rd, f->dst64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX);
        jmp_back(g, f->back);
        x86_bind_rel8(b, nan);
        x86_movi(b, f->rd, f->value);
        break;
    }
    default:
        panic("backend: emit_fp_stub on stub kind %u", s->kind);
    }
    jmp_back(g, f->back);
}
