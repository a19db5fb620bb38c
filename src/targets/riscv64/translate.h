/*
 * translate.h - internal to the riscv64 front end: the per-block translation context, the
 * register accessors (the only place x0 is special), the shared gen_* building blocks the
 * trans_<insn> functions are made of, and the helpers translated code calls.
 *
 * Files: translate.c (block loop, fetch, RV64I/M, Zb*, Zicond, system), trans_fp.c (F/D),
 * trans_atomic.c (A, Zicsr), helpers.c (the C helpers).
 */
#ifndef CROSSRUN_RV64_TRANSLATE_H
#define CROSSRUN_RV64_TRANSLATE_H

#include "../../translate/ir.h"
#include "cpu.h"
#include "decode.h"

struct rv_ctx {
    struct ir_block *b;
    uint64_t pc;            /* PC of the instruction being translated */
    uint64_t next_pc;       /* pc + its length */
    bool frm_checked;       /* cpu->frm already checked valid in this block (reset by CSR writes) */
    bool ended;             /* the instruction emitted the block's terminator */
    /* trans_fp.c: for each f register, an I32 temp holding its single-precision value
     * (unboxed: the canonical NaN if it is not properly boxed) as of now, or IR_NONE.
     * Every write to an f register in this block updates it. */
    ir_val f32_val[32];
};

typedef void rv_trans_fn(struct rv_ctx *c, const struct rv_insn *in);

/* ---- register access: x0 reads as constant 0, writes to x0 go to a dead temp */
static inline ir_val get_x(struct rv_ctx *c, unsigned r)
{
    return r ? ir_global(c->b, RV_GLOBAL_X(r)) : ir_const(c->b, IR_I64, 0);
}
/* Where to compute a value for rd: the register itself, or a scratch temp for x0. */
static inline ir_val dest_x(struct rv_ctx *c, unsigned r)
{
    return r ? ir_global(c->b, RV_GLOBAL_X(r)) : ir_temp(c->b, IR_I64);
}
static inline void set_x(struct rv_ctx *c, unsigned r, ir_val v)
{
    if (r)
        ir_mov(c->b, IR_I64, ir_global(c->b, RV_GLOBAL_X(r)), v);
}
static inline ir_val get_f(struct rv_ctx *c, unsigned r) { return ir_global(c->b, RV_GLOBAL_F(r)); }

static inline ir_val const64(struct rv_ctx *c, int64_t v) { return ir_const(c->b, IR_I64, v); }
static inline ir_val temp64(struct rv_ctx *c) { return ir_temp(c->b, IR_I64); }

/* ---- shared building blocks (translate.c) */
/* Ends the block with a guest exception of the given cause at the current instruction. */
void gen_exception(struct rv_ctx *c, unsigned exc);
static inline void gen_illegal(struct rv_ctx *c) { gen_exception(c, EXC_ILLEGAL); }
/* Before an FP op whose rm is dynamic: leave with EXC_ILLEGAL if cpu->frm > 4. Once per
 * block, again after a CSR write. */
void gen_check_frm(struct rv_ctx *c);

/* ---- the per-extension translators */
extern rv_trans_fn *const rv_trans_fp[RV_OP_COUNT];     /* trans_fp.c */
extern rv_trans_fn *const rv_trans_atomic[RV_OP_COUNT]; /* trans_atomic.c: A and Zicsr */
/* For tests: the rv_fpop an op is translated to (one rv_fpu call), -1 if it is not
 * translated through rv_fpu, -2 if it is but has no rv_fpop (a table bug). */
int rv_fp_helper_op(unsigned op);
/* Zicsr on fflags/fcsr without a helper call where that is simple (trans_fp.c): reads of
 * fflags and fcsr, plain writes of fflags (frflags/fsflags, as compilers emit around quiet
 * comparisons). Returns false, having emitted nothing, for the other accesses. */
bool rv_trans_fp_csr(struct rv_ctx *c, const struct rv_insn *in, unsigned kind, ir_val src, bool writes);
/* For tests: the rv_fpop of an F/D op whatever its translation (inline IR or rv_fpu), -1
 * for ops without one (loads, stores, moves). */
int rv_fp_op_of(unsigned op);

/* ---- helpers called from translated code (helpers.c). Every helper has the full
 * (cpu, a0, a1, a2, a3) signature the IR call convention uses. */
uint64_t rv_helper_lr(struct cpu *cpu, uint64_t size, uint64_t addr, uint64_t unused2, uint64_t unused3);
uint64_t rv_helper_sc(struct cpu *cpu, uint64_t size, uint64_t addr, uint64_t val, uint64_t unused3);
/* op_size = enum rv_amo_op | size << 8 (size 4 or 8) */
uint64_t rv_helper_amo(struct cpu *cpu, uint64_t op_size, uint64_t addr, uint64_t val, uint64_t unused3);
/* desc = csr | kind << 12 | write << 14, kind one of RV_CSR_WRITE/SET/CLEAR */
uint64_t rv_helper_csr(struct cpu *cpu, uint64_t desc, uint64_t src, uint64_t unused2, uint64_t unused3);
uint64_t rv_helper_orc_b(struct cpu *cpu, uint64_t x, uint64_t unused1, uint64_t unused2, uint64_t unused3);

enum rv_amo_op {
    RV_AMO_SWAP, RV_AMO_ADD, RV_AMO_XOR, RV_AMO_AND, RV_AMO_OR,
    RV_AMO_MIN, RV_AMO_MAX, RV_AMO_MINU, RV_AMO_MAXU,
};
enum { RV_CSR_WRITE = 0, RV_CSR_SET = 1, RV_CSR_CLEAR = 2 };
#define RV_CSR_DESC_WRITE (1u << 14)

/* CSR numbers crossrun implements in user mode */
enum {
    RV_CSR_FFLAGS = 0x001, RV_CSR_FRM = 0x002, RV_CSR_FCSR = 0x003,
    RV_CSR_CYCLE = 0xc00, RV_CSR_TIME = 0xc01, RV_CSR_INSTRET = 0xc02,
};

/* The translator of an op (whichever file has it), or NULL: the op is then illegal. */
rv_trans_fn *rv_trans_lookup(unsigned op);

/* ---- the target->translate hook */
void rv_translate(struct ir_block *b, unsigned max_insns);

#endif
