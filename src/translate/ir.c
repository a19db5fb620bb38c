/*
 * ir.c - building, checking, printing and optimising IR blocks, and the single definition of
 * IR arithmetic (ir_eval_alu / ir_eval_cond) that the interpreter, the optimiser and the
 * backend tests all use. Semantics are written down in IR.md.
 *
 * Invariant: values 1..nglobals are the globals in order; an I32 value is always handled
 * zero-extended to 64 bits by the evaluators here.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "ir.h"
#include "exec.h"

static const char *const opc_names[IR_OPC_COUNT] = {
    [IR_NOP] = "nop", [IR_INSN_START] = "insn_start", [IR_MOV] = "mov", [IR_NEG] = "neg",
    [IR_NOT] = "not", [IR_CLZ] = "clz", [IR_CTZ] = "ctz", [IR_POPCNT] = "popcnt",
    [IR_BSWAP] = "bswap", [IR_SEXT8] = "sext8", [IR_SEXT16] = "sext16", [IR_SEXT32] = "sext32",
    [IR_ZEXT8] = "zext8", [IR_ZEXT16] = "zext16", [IR_ZEXT32] = "zext32", [IR_EXT_S] = "ext_s",
    [IR_EXT_U] = "ext_u", [IR_TRUNC] = "trunc", [IR_ADD] = "add", [IR_SUB] = "sub",
    [IR_AND] = "and", [IR_OR] = "or", [IR_XOR] = "xor", [IR_ANDN] = "andn", [IR_ORN] = "orn",
    [IR_XNOR] = "xnor", [IR_SHL] = "shl", [IR_SHR] = "shr", [IR_SAR] = "sar",
    [IR_ROTL] = "rotl", [IR_ROTR] = "rotr", [IR_MUL] = "mul", [IR_MULHS] = "mulhs",
    [IR_MULHU] = "mulhu", [IR_MULHSU] = "mulhsu", [IR_DIVS] = "divs", [IR_DIVU] = "divu",
    [IR_REMS] = "rems", [IR_REMU] = "remu", [IR_MINS] = "mins", [IR_MAXS] = "maxs",
    [IR_MINU] = "minu", [IR_MAXU] = "maxu", [IR_SETCOND] = "setcond", [IR_SELECT] = "select",
    [IR_LOAD] = "load", [IR_STORE] = "store", [IR_LD_ENV] = "ld_env", [IR_ST_ENV] = "st_env",
    [IR_CALL] = "call", [IR_FENCE] = "fence", [IR_EXIT_IF] = "exit_if", [IR_GOTO_TB] = "goto_tb",
    [IR_BRCOND] = "brcond", [IR_GOTO_PTR] = "goto_ptr", [IR_EXIT] = "exit",
    [IR_FADD] = "fadd", [IR_FSUB] = "fsub", [IR_FMUL] = "fmul", [IR_FDIV] = "fdiv",
    [IR_FSQRT] = "fsqrt", [IR_FMA] = "fma", [IR_FCMP] = "fcmp", [IR_FTOI] = "ftoi",
    [IR_FTOI_RTZ] = "ftoi_rtz", [IR_ITOF] = "itof", [IR_FTOF] = "ftof",
    [IR_FPFLAGS_GET] = "fpflags_get", [IR_FPFLAGS_SET] = "fpflags_set",
};
_Static_assert(ARRAY_SIZE(opc_names) == IR_OPC_COUNT, "every IR op has a name");

static const char *const cond_names[IR_COND_COUNT] = {
    [IR_EQ] = "eq", [IR_NE] = "ne", [IR_LT] = "lt", [IR_GE] = "ge", [IR_LE] = "le",
    [IR_GT] = "gt", [IR_LTU] = "ltu", [IR_GEU] = "geu", [IR_LEU] = "leu", [IR_GTU] = "gtu",
};

const char *ir_opc_name(enum ir_opc opc) { return opc < IR_OPC_COUNT ? opc_names[opc] : "?"; }
const char *ir_cond_name(enum ir_cond c) { return c < IR_COND_COUNT ? cond_names[c] : "?"; }

bool ir_is_terminator(enum ir_opc opc)
{
    return opc == IR_GOTO_TB || opc == IR_BRCOND || opc == IR_GOTO_PTR || opc == IR_EXIT;
}

/* ---- building */

struct ir_block *ir_block_new(void)
{
    struct ir_block *b = calloc(1, sizeof(*b));
    if (!b || !(b->vals = calloc(IR_MAX_VALS, sizeof(*b->vals))) ||
        !(b->ops = calloc(IR_MAX_OPS, sizeof(*b->ops))))
        fatal(EXIT_STATUS_INTERNAL, "out of memory for an IR block");
    return b;
}

struct ir_block *ir_block_clone(const struct ir_block *b)
{
    struct ir_block *c = malloc(sizeof(*c));
    if (!c)
        fatal(EXIT_STATUS_INTERNAL, "out of memory for an IR block");
    *c = *b;
    c->vals = malloc(b->nvals * sizeof(*b->vals));
    c->ops = malloc(b->nops * sizeof(*b->ops));
    if (!c->vals || !c->ops)
        fatal(EXIT_STATUS_INTERNAL, "out of memory for an IR block");
    memcpy(c->vals, b->vals, b->nvals * sizeof(*b->vals));
    memcpy(c->ops, b->ops, b->nops * sizeof(*b->ops));
    return c;
}

void ir_block_free(struct ir_block *b)
{
    if (!b)
        return;
    free(b->vals);
    free(b->ops);
    free(b);
}

void ir_init(struct ir_block *b, const struct ir_global *globals, unsigned nglobals, uint64_t pc)
{
    b->pc = pc;
    b->guest_size = 0;
    b->ninsns = 0;
    b->globals = globals;
    b->nglobals = (uint16_t)nglobals;
    b->nops = 0;
    b->overflow = false;
    memset(&b->vals[0], 0, sizeof(b->vals[0]));
    for (unsigned i = 0; i < nglobals; i++)
        b->vals[1 + i] = (struct ir_value){ .kind = IR_KIND_GLOBAL, .type = globals[i].type,
                                            .global = (uint16_t)i };
    b->nvals = (uint16_t)(1 + nglobals);
}

static ir_val new_value(struct ir_block *b, enum ir_kind k, enum ir_type t, int64_t c)
{
    if (b->nvals >= IR_MAX_VALS) {
        b->overflow = true;
        return (ir_val)(IR_MAX_VALS - 1); /* scratch slot; the block is discarded anyway */
    }
    b->vals[b->nvals] = (struct ir_value){ .kind = k, .type = t, .cval = c };
    return b->nvals++;
}

ir_val ir_temp(struct ir_block *b, enum ir_type t) { return new_value(b, IR_KIND_TEMP, t, 0); }

ir_val ir_const(struct ir_block *b, enum ir_type t, int64_t v)
{
    if (t == IR_I32)
        v = (int32_t)v;
    return new_value(b, IR_KIND_CONST, t, v);
}

struct ir_op *ir_emit(struct ir_block *b, enum ir_opc opc, enum ir_type t)
{
    static __thread struct ir_op scratch;
    if (b->nops >= IR_MAX_OPS - 1) { /* keep one slot so a terminator always fits */
        b->overflow = true;
        memset(&scratch, 0, sizeof(scratch));
        return &scratch;
    }
    struct ir_op *op = &b->ops[b->nops++];
    memset(op, 0, sizeof(*op));
    op->opc = (uint8_t)opc;
    op->type = (uint8_t)t;
    return op;
}

void ir_insn_start(struct ir_block *b, uint64_t pc) { ir_emit(b, IR_INSN_START, IR_I64)->imm = (int64_t)pc; }

void ir_unop(struct ir_block *b, enum ir_opc opc, enum ir_type t, ir_val d, ir_val a)
{
    struct ir_op *op = ir_emit(b, opc, t);
    op->dst = d;
    op->args[0] = a;
}

void ir_binop(struct ir_block *b, enum ir_opc opc, enum ir_type t, ir_val d, ir_val a, ir_val c)
{
    struct ir_op *op = ir_emit(b, opc, t);
    op->dst = d;
    op->args[0] = a;
    op->args[1] = c;
}

void ir_mov(struct ir_block *b, enum ir_type t, ir_val d, ir_val a) { ir_unop(b, IR_MOV, t, d, a); }
void ir_movi(struct ir_block *b, enum ir_type t, ir_val d, int64_t v) { ir_mov(b, t, d, ir_const(b, t, v)); }

void ir_setcond(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val d, ir_val x, ir_val y)
{
    struct ir_op *op = ir_emit(b, IR_SETCOND, t);
    op->cond = (uint8_t)c;
    op->dst = d;
    op->args[0] = x;
    op->args[1] = y;
}

void ir_select(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val d, ir_val x, ir_val y,
               ir_val if_true, ir_val if_false)
{
    struct ir_op *op = ir_emit(b, IR_SELECT, t);
    op->cond = (uint8_t)c;
    op->dst = d;
    op->args[0] = x;
    op->args[1] = y;
    op->args[2] = if_true;
    op->args[3] = if_false;
}

void ir_load(struct ir_block *b, enum ir_type t, unsigned memop, ir_val d, ir_val addr, int64_t off)
{
    struct ir_op *op = ir_emit(b, IR_LOAD, t);
    op->memop = (uint8_t)memop;
    op->dst = d;
    op->args[0] = addr;
    op->imm = off;
}

void ir_store(struct ir_block *b, unsigned memop, ir_val addr, int64_t off, ir_val v)
{
    struct ir_op *op = ir_emit(b, IR_STORE, ir_type_of(b, v));
    op->memop = (uint8_t)memop;
    op->args[0] = addr;
    op->args[1] = v;
    op->imm = off;
}

void ir_ld_env(struct ir_block *b, enum ir_type t, ir_val d, uint32_t offset)
{
    struct ir_op *op = ir_emit(b, IR_LD_ENV, t);
    op->dst = d;
    op->imm = offset;
}

void ir_st_env(struct ir_block *b, enum ir_type t, uint32_t offset, ir_val v)
{
    struct ir_op *op = ir_emit(b, IR_ST_ENV, t);
    op->args[0] = v;
    op->imm = offset;
}

void ir_call(struct ir_block *b, const struct ir_helper *h, enum ir_type t, ir_val d,
             ir_val a0, ir_val a1, ir_val a2, ir_val a3)
{
    struct ir_op *op = ir_emit(b, IR_CALL, t);
    op->helper = h;
    op->dst = d;
    op->args[0] = a0;
    op->args[1] = a1;
    op->args[2] = a2;
    op->args[3] = a3;
}

void ir_fence(struct ir_block *b) { ir_emit(b, IR_FENCE, IR_I64); }

static struct ir_op *emit_terminator(struct ir_block *b, enum ir_opc opc, enum ir_type t)
{
    /* ir_emit keeps one slot free, so a terminator always fits after an overflow. */
    if (b->nops >= IR_MAX_OPS)
        panic("IR block has no room for its terminator");
    struct ir_op *op = &b->ops[b->nops++];
    memset(op, 0, sizeof(*op));
    op->opc = (uint8_t)opc;
    op->type = (uint8_t)t;
    return op;
}

void ir_goto_tb(struct ir_block *b, uint64_t pc) { emit_terminator(b, IR_GOTO_TB, IR_I64)->imm = (int64_t)pc; }

void ir_brcond(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val x, ir_val y,
               uint64_t taken_pc, uint64_t fallthrough_pc)
{
    struct ir_op *op = emit_terminator(b, IR_BRCOND, t);
    op->cond = (uint8_t)c;
    op->args[0] = x;
    op->args[1] = y;
    op->imm = (int64_t)taken_pc;
    op->imm2 = (int64_t)fallthrough_pc;
}

void ir_goto_ptr(struct ir_block *b, ir_val target) { emit_terminator(b, IR_GOTO_PTR, IR_I64)->args[0] = target; }

void ir_exit(struct ir_block *b, unsigned reason, uint64_t pc, ir_val arg)
{
    struct ir_op *op = emit_terminator(b, IR_EXIT, IR_I64);
    op->imm = reason;
    op->imm2 = (int64_t)pc;
    op->args[0] = arg;
}

void ir_exit_if(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val x, ir_val y,
                unsigned reason, uint64_t pc, ir_val arg)
{
    struct ir_op *op = ir_emit(b, IR_EXIT_IF, t);
    op->cond = (uint8_t)c;
    op->args[0] = x;
    op->args[1] = y;
    op->args[2] = arg;
    op->imm = reason;
    op->imm2 = (int64_t)pc;
}

struct ir_op *ir_fpop(struct ir_block *b, enum ir_opc opc, enum ir_type t, ir_val d, ir_val a,
                      ir_val x, ir_val c, int64_t nan)
{
    struct ir_op *op = ir_emit(b, opc, t);
    op->dst = d;
    op->args[0] = a;
    op->args[1] = x;
    op->args[2] = c;
    op->imm = nan;
    return op;
}

/* ---- semantics */

static inline uint64_t mask_of(enum ir_type t) { return t == IR_I32 ? 0xffffffffull : ~0ull; }
static inline unsigned width_of(enum ir_type t) { return t == IR_I32 ? 32 : 64; }
/* Sign-extends an I32-or-I64 value held zero-extended. */
static inline int64_t sval(enum ir_type t, uint64_t x) { return t == IR_I32 ? (int64_t)(int32_t)x : (int64_t)x; }

bool ir_eval_cond(enum ir_cond c, enum ir_type t, uint64_t x, uint64_t y)
{
    x &= mask_of(t);
    y &= mask_of(t);
    int64_t sx = sval(t, x), sy = sval(t, y);
    switch (c) {
    case IR_EQ:  return x == y;
    case IR_NE:  return x != y;
    case IR_LT:  return sx < sy;
    case IR_GE:  return sx >= sy;
    case IR_LE:  return sx <= sy;
    case IR_GT:  return sx > sy;
    case IR_LTU: return x < y;
    case IR_GEU: return x >= y;
    case IR_LEU: return x <= y;
    case IR_GTU: return x > y;
    default:     return false;
    }
}

static uint64_t mulh(enum ir_opc opc, enum ir_type t, uint64_t x, uint64_t y)
{
    if (t == IR_I32) {
        int64_t sx = (int32_t)x, sy = (int32_t)y;
        uint64_t ux = (uint32_t)x, uy = (uint32_t)y;
        int64_t p = opc == IR_MULHS ? sx * sy : opc == IR_MULHU ? (int64_t)(ux * uy) : sx * (int64_t)uy;
        return (uint64_t)p >> 32;
    }
    __int128 p;
    if (opc == IR_MULHS)
        p = (__int128)(int64_t)x * (int64_t)y;
    else if (opc == IR_MULHU)
        p = (__int128)((unsigned __int128)x * y);
    else
        p = (__int128)(int64_t)x * (__int128)(unsigned __int128)y;
    return (uint64_t)((unsigned __int128)p >> 64);
}

uint64_t ir_eval_alu(enum ir_opc opc, enum ir_type t, uint64_t x, uint64_t y)
{
    uint64_t m = mask_of(t);
    unsigned w = width_of(t);
    x &= m;
    y &= m;
    int64_t sx = sval(t, x), sy = sval(t, y);
    uint64_t min_s = t == IR_I32 ? 0x80000000ull : 0x8000000000000000ull;
    uint64_t r;
    switch (opc) {
    case IR_MOV:    r = x; break;
    case IR_NEG:    r = -x; break;
    case IR_NOT:    r = ~x; break;
    case IR_CLZ:    r = x == 0 ? w : (unsigned)__builtin_clzll(x) - (64 - w); break;
    case IR_CTZ:    r = x == 0 ? w : (unsigned)__builtin_ctzll(x); break;
    case IR_POPCNT: r = (unsigned)__builtin_popcountll(x); break;
    case IR_BSWAP:  r = t == IR_I32 ? __builtin_bswap32((uint32_t)x) : __builtin_bswap64(x); break;
    case IR_SEXT8:  r = (uint64_t)(int64_t)(int8_t)x; break;
    case IR_SEXT16: r = (uint64_t)(int64_t)(int16_t)x; break;
    case IR_SEXT32: r = (uint64_t)(int64_t)(int32_t)x; break;
    case IR_ZEXT8:  r = (uint8_t)x; break;
    case IR_ZEXT16: r = (uint16_t)x; break;
    case IR_ZEXT32: r = (uint32_t)x; break;
    case IR_EXT_S:  return (uint64_t)(int64_t)(int32_t)x;   /* result is I64 */
    case IR_EXT_U:  return (uint32_t)x;
    case IR_TRUNC:  return (uint32_t)x;                      /* result is I32 */
    case IR_ADD:    r = x + y; break;
    case IR_SUB:    r = x - y; break;
    case IR_AND:    r = x & y; break;
    case IR_OR:     r = x | y; break;
    case IR_XOR:    r = x ^ y; break;
    case IR_ANDN:   r = x & ~y; break;
    case IR_ORN:    r = x | ~y; break;
    case IR_XNOR:   r = ~(x ^ y); break;
    case IR_SHL:    r = x << (y & (w - 1)); break;
    case IR_SHR:    r = x >> (y & (w - 1)); break;
    case IR_SAR:    r = (uint64_t)(sx >> (y & (w - 1))); break;
    case IR_ROTL: {
        unsigned s = y & (w - 1);
        r = s ? (x << s) | (x >> (w - s)) : x;
        break;
    }
    case IR_ROTR: {
        unsigned s = y & (w - 1);
        r = s ? (x >> s) | (x << (w - s)) : x;
        break;
    }
    case IR_MUL:    r = x * y; break;
    case IR_MULHS: case IR_MULHU: case IR_MULHSU: r = mulh(opc, t, x, y); break;
    case IR_DIVS:
        if (y == 0) r = m;
        else if (x == min_s && y == m) r = x;
        else r = (uint64_t)(sx / sy);
        break;
    case IR_DIVU:   r = y == 0 ? m : x / y; break;
    case IR_REMS:
        if (y == 0) r = x;
        else if (x == min_s && y == m) r = 0;
        else r = (uint64_t)(sx % sy);
        break;
    case IR_REMU:   r = y == 0 ? x : x % y; break;
    case IR_MINS:   r = sx < sy ? x : y; break;
    case IR_MAXS:   r = sx > sy ? x : y; break;
    case IR_MINU:   r = x < y ? x : y; break;
    case IR_MAXU:   r = x > y ? x : y; break;
    default:        r = 0; break;
    }
    return r & m;
}

/* ---- checking */

static bool is_unop(enum ir_opc o) { return o >= IR_MOV && o <= IR_TRUNC; }
static bool is_binop(enum ir_opc o) { return o >= IR_ADD && o <= IR_MAXU; }

/* The number of value arguments of a floating-point op. */
static unsigned fp_nargs(enum ir_opc o)
{
    switch (o) {
    case IR_FSQRT: case IR_FTOI: case IR_FTOI_RTZ: case IR_ITOF: case IR_FTOF: return 1;
    case IR_FMA: return 3;
    default:     return 2;
    }
}

static const char *validate_fp(const struct ir_block *b, const struct ir_op *op)
{
    enum ir_opc o = (enum ir_opc)op->opc;
    enum ir_type t = (enum ir_type)op->type;
    unsigned n = fp_nargs(o);
    if (!op->dst)
        return "no destination";
    for (unsigned a = 0; a < 4; a++)
        if ((a < n) != (op->args[a] != IR_NONE))
            return "argument count";
    if (o != IR_FCMP && ir_type_of(b, op->dst) != t)
        return "destination type";
    switch (o) {
    case IR_FTOI: case IR_FTOI_RTZ: case IR_ITOF:
        break;                                  /* the argument may have either type */
    case IR_FTOF:
        if (ir_type_of(b, op->args[0]) == t)
            return "argument of the same format";
        break;
    default:
        for (unsigned a = 0; a < n; a++)
            if (ir_type_of(b, op->args[a]) != t)
                return "argument type";
        break;
    }
    if (o == IR_FCMP && op->cond != IR_EQ && op->cond != IR_LT && op->cond != IR_LE)
        return "condition (eq, lt or le)";
    if (o == IR_FMA && !op->helper)
        return "fma needs a fallback helper";
    if (op->helper && (!op->helper->has_result || op->helper->nargs < 1 + n))
        return "fallback helper signature";
    return NULL;
}

const char *ir_validate(const struct ir_block *b)
{
    static __thread char msg[160];
#define BAD(...) do { snprintf(msg, sizeof(msg), __VA_ARGS__); return msg; } while (0)
    if (b->overflow)
        BAD("block overflowed");
    if (b->nops == 0 || !ir_is_terminator(b->ops[b->nops - 1].opc))
        BAD("block does not end with a terminator");
    for (unsigned i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        enum ir_opc o = op->opc;
        if (o >= IR_OPC_COUNT)
            BAD("op %u: bad opcode %u", i, o);
        if (ir_is_terminator(o) && i != b->nops - 1u)
            BAD("op %u: %s before the end of the block", i, ir_opc_name(o));
        for (unsigned a = 0; a < 4; a++)
            if (op->args[a] >= b->nvals)
                BAD("op %u (%s): arg %u out of range", i, ir_opc_name(o), a);
        if (op->dst >= b->nvals || (op->dst && b->vals[op->dst].kind == IR_KIND_CONST))
            BAD("op %u (%s): bad destination", i, ir_opc_name(o));
        enum ir_type t = (enum ir_type)op->type;
        enum ir_type src_t = o == IR_EXT_S || o == IR_EXT_U ? IR_I32 : o == IR_TRUNC ? IR_I64 : t;
        if (is_unop(o) || is_binop(o)) {
            if (!op->dst || ir_type_of(b, op->dst) != t)
                BAD("op %u (%s): destination type", i, ir_opc_name(o));
            if (!op->args[0] || ir_type_of(b, op->args[0]) != src_t)
                BAD("op %u (%s): arg 0 type", i, ir_opc_name(o));
            if (is_binop(o) && (!op->args[1] || ir_type_of(b, op->args[1]) != t))
                BAD("op %u (%s): arg 1 type", i, ir_opc_name(o));
        }
        if (o == IR_SETCOND || o == IR_SELECT || o == IR_BRCOND || o == IR_EXIT_IF) {
            if (op->cond >= IR_COND_COUNT)
                BAD("op %u (%s): bad condition", i, ir_opc_name(o));
            if (!op->args[0] || !op->args[1] || ir_type_of(b, op->args[0]) != t ||
                ir_type_of(b, op->args[1]) != t)
                BAD("op %u (%s): compared values must have the op type", i, ir_opc_name(o));
        }
        if ((o == IR_SETCOND || o == IR_SELECT) && (!op->dst || ir_type_of(b, op->dst) != t))
            BAD("op %u (%s): destination type", i, ir_opc_name(o));
        if (o == IR_SELECT && (!op->args[2] || !op->args[3] || ir_type_of(b, op->args[2]) != t ||
                               ir_type_of(b, op->args[3]) != t))
            BAD("op %u (select): value types", i);
        if (o == IR_LOAD && (!op->dst || ir_type_of(b, op->dst) != t || !op->args[0] ||
                             ir_type_of(b, op->args[0]) != IR_I64))
            BAD("op %u (load): operand types", i);
        if (o == IR_LOAD && t == IR_I32 && (op->memop & IR_MEM_SIZE_MASK) == IR_MEM_64)
            BAD("op %u (load): 64-bit load into i32", i);
        if (o == IR_STORE && (!op->args[0] || ir_type_of(b, op->args[0]) != IR_I64 || !op->args[1]))
            BAD("op %u (store): operand types", i);
        if (o == IR_LD_ENV && (!op->dst || ir_type_of(b, op->dst) != t))
            BAD("op %u (ld_env): destination type", i);
        if (o == IR_ST_ENV && (!op->args[0] || ir_type_of(b, op->args[0]) != t))
            BAD("op %u (st_env): value type", i);
        if (o == IR_CALL) {
            if (!op->helper)
                BAD("op %u (call): no helper", i);
            if (op->helper->has_result != (op->dst != IR_NONE))
                BAD("op %u (call %s): result use", i, op->helper->name);
            for (unsigned a = 0; a < 4; a++)
                if ((a < op->helper->nargs) != (op->args[a] != IR_NONE))
                    BAD("op %u (call %s): argument count", i, op->helper->name);
        }
        if (o == IR_GOTO_PTR && (!op->args[0] || ir_type_of(b, op->args[0]) != IR_I64))
            BAD("op %u (goto_ptr): target type", i);
        if (o == IR_FPFLAGS_GET && (!op->dst || ir_type_of(b, op->dst) != IR_I32 || op->args[0]))
            BAD("op %u (fpflags_get): operands", i);
        if (o == IR_FPFLAGS_SET && (op->dst || !op->args[0] || ir_type_of(b, op->args[0]) != IR_I32))
            BAD("op %u (fpflags_set): operands", i);
        if (ir_is_fp_op(o)) {
            const char *why = validate_fp(b, op);
            if (why)
                BAD("op %u (%s): %s", i, ir_opc_name(o), why);
        }
    }
    return NULL;
#undef BAD
}

/* ---- printing */

static void dump_val(const struct ir_block *b, ir_val v, FILE *out)
{
    const struct ir_value *x = &b->vals[v];
    switch (x->kind) {
    case IR_KIND_GLOBAL: fprintf(out, "%s", b->globals[x->global].name); break;
    case IR_KIND_TEMP:   fprintf(out, "t%u", v); break;
    case IR_KIND_CONST:  fprintf(out, "$%#" PRIx64, x->type == IR_I32 ? (uint64_t)(uint32_t)x->cval : (uint64_t)x->cval); break;
    default:             fprintf(out, "-"); break;
    }
}

void ir_dump(const struct ir_block *b, FILE *out)
{
    fprintf(out, "IR block %#" PRIx64 " (%u insns, %u ops)\n", b->pc, b->ninsns, b->nops);
    for (unsigned i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        if (op->opc == IR_NOP)
            continue;
        if (op->opc == IR_INSN_START) {
            fprintf(out, " ---- %#" PRIx64 "\n", (uint64_t)op->imm);
            continue;
        }
        fprintf(out, "  %s.%s", ir_opc_name(op->opc), op->type == IR_I32 ? "i32" : "i64");
        if (op->opc == IR_SETCOND || op->opc == IR_SELECT || op->opc == IR_BRCOND ||
            op->opc == IR_EXIT_IF || op->opc == IR_FCMP)
            fprintf(out, ".%s", ir_cond_name(op->cond));
        if (op->opc == IR_LOAD || op->opc == IR_STORE)
            fprintf(out, ".%s%u", op->memop & IR_MEM_SIGNED ? "s" : "u", 8u << (op->memop & IR_MEM_SIZE_MASK));
        if (op->opc == IR_CALL)
            fprintf(out, " %s", op->helper ? op->helper->name : "?");
        else if (op->helper)
            fprintf(out, " [fallback %s %#" PRIx64 "]", op->helper->name, (uint64_t)op->imm2);
        fputc(' ', out);
        if (op->dst) {
            dump_val(b, op->dst, out);
            fputs(" =", out);
        }
        for (unsigned a = 0; a < 4; a++)
            if (op->args[a]) {
                fputc(' ', out);
                dump_val(b, op->args[a], out);
            }
        if (op->opc == IR_LOAD || op->opc == IR_STORE || op->opc == IR_LD_ENV || op->opc == IR_ST_ENV ||
            op->opc == IR_GOTO_TB)
            fprintf(out, " %+" PRId64, op->imm);
        if (op->opc == IR_BRCOND || op->opc == IR_EXIT || op->opc == IR_EXIT_IF)
            fprintf(out, " %#" PRIx64 " %#" PRIx64, (uint64_t)op->imm, (uint64_t)op->imm2);
        if (ir_is_fp_op(op->opc) && op->opc != IR_FCMP)
            fprintf(out, " nan=%#" PRIx64, (uint64_t)op->imm);
        fputc('\n', out);
    }
}

/* ---- optimisation: constant propagation within the block for temps, folding pure ALU ops
 * whose inputs are all constant. Globals are never folded (they are live across blocks).
 * A temp is known constant from the op that assigns it a constant until its next assignment. */

void ir_optimize(struct ir_block *b)
{
    static __thread int64_t known[IR_MAX_VALS];
    static __thread uint8_t is_known[IR_MAX_VALS];
    memset(is_known, 0, b->nvals);
    for (unsigned i = 0; i < b->nops; i++) {
        struct ir_op *op = &b->ops[i];
        /* Replace temp operands known to be constant by constants. */
        for (unsigned a = 0; a < 4; a++) {
            ir_val v = op->args[a];
            if (v && b->vals[v].kind == IR_KIND_TEMP && is_known[v] && b->nvals < IR_MAX_VALS - 1)
                op->args[a] = ir_const(b, (enum ir_type)b->vals[v].type, known[v]);
        }
        ir_val d = op->dst;
        if (!d)
            continue;
        bool fold = false;
        uint64_t r = 0;
        enum ir_opc o = op->opc;
        if ((is_unop(o) || is_binop(o)) && ir_is_const(b, op->args[0]) &&
            (is_unop(o) || ir_is_const(b, op->args[1]))) {
            uint64_t x = (uint64_t)b->vals[op->args[0]].cval;
            uint64_t y = is_binop(o) ? (uint64_t)b->vals[op->args[1]].cval : 0;
            r = ir_eval_alu(o, (enum ir_type)op->type, x, y);
            fold = true;
        } else if (o == IR_SETCOND && ir_is_const(b, op->args[0]) && ir_is_const(b, op->args[1])) {
            r = ir_eval_cond(op->cond, (enum ir_type)op->type, (uint64_t)b->vals[op->args[0]].cval,
                             (uint64_t)b->vals[op->args[1]].cval);
            fold = true;
        }
        if (b->vals[d].kind == IR_KIND_TEMP) {
            is_known[d] = fold;
            if (fold)
                known[d] = ir_type_of(b, d) == IR_I32 ? (int32_t)r : (int64_t)r;
        }
        if (fold && b->nvals < IR_MAX_VALS - 1) {
            /* Keep the op as a move of the constant: a global destination still needs it. */
            op->opc = IR_MOV;
            op->type = ir_type_of(b, d);
            op->args[0] = ir_const(b, (enum ir_type)op->type, (int64_t)r);
            op->args[1] = op->args[2] = op->args[3] = IR_NONE;
        }
    }
    /* Dead temp elimination: a pure op writing a temp that is never read later is dropped. */
    static __thread uint8_t live[IR_MAX_VALS];
    memset(live, 0, b->nvals);
    for (int i = (int)b->nops - 1; i >= 0; i--) {
        struct ir_op *op = &b->ops[i];
        enum ir_opc o = op->opc;
        bool pure = is_unop(o) || is_binop(o) || o == IR_SETCOND || o == IR_SELECT || o == IR_LD_ENV;
        if (pure && op->dst && b->vals[op->dst].kind == IR_KIND_TEMP && !live[op->dst]) {
            op->opc = IR_NOP;
            op->dst = IR_NONE;
            memset(op->args, 0, sizeof(op->args));
            continue;
        }
        if (op->dst && b->vals[op->dst].kind == IR_KIND_TEMP)
            live[op->dst] = 0;
        for (unsigned a = 0; a < 4; a++)
            if (op->args[a])
                live[op->args[a]] = 1;
    }
}
