/*
 * ir.h - the typed intermediate representation shared by every guest front end, the IR
 * interpreter (the executable specification) and the x86-64 backend. IR.md beside this
 * file gives the semantics of each op; this header is the API.
 *
 * A block is a linear list of ops with no internal labels, ending in exactly one
 * terminator (GOTO_TB, BRCOND, GOTO_PTR, EXIT). Values are numbered: value 0 is "none",
 * values 1..nglobals are the target's guest registers (backed by fields of the CPU state),
 * and the rest are block-local temporaries or constants. Temporaries may be assigned more
 * than once. Every value has a type, I32 or I64; an op's type is the width it computes in.
 *
 * Invariants a front end must keep: every temp is written before it is read; each guest
 * instruction starts with INSN_START(pc); an instruction performs at most one guest memory
 * access and writes guest registers only after it (so a fault leaves registers as they were).
 */
#ifndef CROSSRUN_IR_H
#define CROSSRUN_IR_H

#include <stdio.h>
#include "../common.h"

struct cpu;

typedef uint16_t ir_val;            /* index into ir_block.vals; 0 = none */
#define IR_NONE ((ir_val)0)

enum ir_type { IR_I32 = 0, IR_I64 = 1 };

enum ir_kind { IR_KIND_NONE, IR_KIND_GLOBAL, IR_KIND_TEMP, IR_KIND_CONST };

enum ir_cond {                       /* comparisons of args[0] with args[1] */
    IR_EQ, IR_NE,
    IR_LT, IR_GE, IR_LE, IR_GT,      /* signed */
    IR_LTU, IR_GEU, IR_LEU, IR_GTU,  /* unsigned */
    IR_COND_COUNT
};

enum ir_opc {
    IR_NOP,
    IR_INSN_START,  /* imm = guest PC of the instruction whose ops follow */
    /* d = op(a)            */
    IR_MOV, IR_NEG, IR_NOT,
    IR_CLZ, IR_CTZ, IR_POPCNT,  /* clz/ctz of 0 is the width */
    IR_BSWAP,
    IR_SEXT8, IR_SEXT16, IR_SEXT32, IR_ZEXT8, IR_ZEXT16, IR_ZEXT32, /* within op type */
    IR_EXT_S,       /* d:i64 = sign-extend(a:i32) */
    IR_EXT_U,       /* d:i64 = zero-extend(a:i32) */
    IR_TRUNC,       /* d:i32 = low 32 bits of a:i64 */
    /* d = op(a, b)         */
    IR_ADD, IR_SUB, IR_AND, IR_OR, IR_XOR, IR_ANDN, IR_ORN, IR_XNOR,
    IR_SHL, IR_SHR, IR_SAR, IR_ROTL, IR_ROTR, /* count taken modulo the width */
    IR_MUL, IR_MULHS, IR_MULHU, IR_MULHSU,    /* MULHSU: a signed, b unsigned */
    IR_DIVS, IR_DIVU, IR_REMS, IR_REMU,       /* x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 */
    IR_MINS, IR_MAXS, IR_MINU, IR_MAXU,
    IR_SETCOND,     /* d = (a cond b) ? 1 : 0 */
    IR_SELECT,      /* d = (a cond b) ? args[2] : args[3] */
    /* guest memory: address = args[0] + imm (64-bit guest address) */
    IR_LOAD,        /* d = mem[addr], size and sign from memop */
    IR_STORE,       /* mem[addr] = low bytes of args[1] */
    /* CPU state outside the globals: address = cpu + imm */
    IR_LD_ENV,      /* d = *(type *)(cpu + imm) (I32 or I64) */
    IR_ST_ENV,      /* *(type *)(cpu + imm) = args[0] */
    IR_CALL,        /* d = helper(cpu, args[0..nargs-1]); d may be IR_NONE */
    IR_FENCE,       /* full memory barrier between guest accesses */
    IR_EXIT_IF,     /* side exit, not a terminator: if (a cond b) leave to the dispatcher with
                       reason imm, cpu->pc = imm2, cpu->exit_arg = args[2] (or 0) */
    /* floating point (IR.md "Floating point"): an f32 is held in an I32 value, an f64 in an
     * I64 value (raw IEEE bits); the format of a float operand is its value's type.
     * Rounding per the dynamic mode in cpu->fp_env, exception flags accrued there. A NaN
     * result is replaced by imm. With a helper, the op has a fallback: when
     * cpu->fp_fallback is set (or the host cannot do the op), d = helper(cpu, imm2, a, b, c). */
    IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, /* d = a op b, all of the op type */
    IR_FSQRT,       /* d = sqrt(a) */
    IR_FMA,         /* d = a * b + args[2] rounded once (needs a helper: the no-FMA fallback) */
    IR_FCMP,        /* d (either type) = (a cond b) ? 1 : 0 for cond EQ (quiet), LT, LE
                       (signalling); a and b of the op type; unordered is false */
    IR_FTOI,        /* d (integer of the op type) = float a rounded per fp_env; saturating;
                       NaN gives imm */
    IR_FTOI_RTZ,    /* the same rounded toward zero, whatever fp_env says */
    IR_ITOF,        /* d (float of the op type) = signed integer a (I32 or I64), rounded */
    IR_FTOF,        /* d (float of the op type) = float a of the other format, rounded */
    IR_FPFLAGS_GET, /* d:i32 = the accrued flags of cpu->fp_env but the denormal one
                       (fp_env & 0x3d) */
    IR_FPFLAGS_SET, /* the accrued flags of cpu->fp_env = a:i32 & 0x3f (rounding unchanged) */
    /* terminators */
    IR_GOTO_TB,     /* continue at guest PC imm (chainable exit 0) */
    IR_BRCOND,      /* if (a cond b) continue at imm (exit 0) else at imm2 (exit 1) */
    IR_GOTO_PTR,    /* continue at guest PC in args[0] (indirect) */
    IR_EXIT,        /* leave to the dispatcher: reason imm (enum exit_reason), cpu->pc = imm2,
                       cpu->exit_arg = args[0] if given (else 0) */
    IR_OPC_COUNT
};

enum ir_memop {
    IR_MEM_8 = 0, IR_MEM_16 = 1, IR_MEM_32 = 2, IR_MEM_64 = 3, /* log2 of size */
    IR_MEM_SIZE_MASK = 3,
    IR_MEM_SIGNED = 4,              /* loads: sign-extend to op type */
};

enum ir_helper_flags {
    /* The helper neither reads nor writes IR globals (guest registers) and cannot fault
     * or exit: the backend may keep globals cached in host registers across the call. */
    IR_HELPER_NO_GLOBALS = 1u << 0,
    /* The helper has no side effects at all and its result depends only on its args. */
    IR_HELPER_PURE       = 1u << 1,
    /* The helper neither reads nor writes cpu->fp_env and leaves the host's FP control and
     * status register as it found it: engines need not make the FP environment exact in
     * the CPU state around the call (a full-sync helper still gets it exact, as it may
     * fault). Without this flag, cpu->fp_env is exact during the call and what the helper
     * leaves there is the guest's FP environment after it. */
    IR_HELPER_NO_FPENV   = 1u << 2,
};
/* A helper without IR_HELPER_NO_GLOBALS gets all globals written back to the CPU state
 * and cpu->pc set to the current instruction's PC before the call, and globals reloaded
 * after it. Such helpers may touch guest memory (a fault there is precise) and may
 * modify any CPU state. */

struct ir_helper {
    const char *name;
    void *fn;              /* uint64_t fn(struct cpu *, uint64_t a0, ... a3) */
    uint8_t nargs;         /* 0..4 value args after the cpu pointer */
    uint8_t flags;         /* enum ir_helper_flags */
    bool has_result;       /* result type is the op type */
};

struct ir_global {
    const char *name;      /* e.g. "a0" */
    uint32_t offset;       /* byte offset of the backing field from the cpu pointer */
    uint8_t type;          /* enum ir_type */
    /* 0, or how hot the register is (1 = the most used): a hint to the backend, which may
     * keep the hottest ones in host registers across blocks (pinned). No semantic effect. */
    uint8_t pin_rank;
};

struct ir_value {
    uint8_t kind;          /* enum ir_kind */
    uint8_t type;          /* enum ir_type */
    uint16_t global;       /* index into globals, for IR_KIND_GLOBAL */
    int64_t cval;          /* value, for IR_KIND_CONST (I32 constants kept sign-extended) */
};

struct ir_op {
    uint8_t opc;           /* enum ir_opc */
    uint8_t type;          /* enum ir_type */
    uint8_t cond;          /* enum ir_cond, for SETCOND/SELECT/BRCOND */
    uint8_t memop;         /* enum ir_memop, for LOAD/STORE */
    ir_val dst;
    ir_val args[4];
    int64_t imm, imm2;
    const struct ir_helper *helper; /* for CALL */
};

#define IR_MAX_OPS  2048
#define IR_MAX_VALS 4096

struct ir_block {
    uint64_t pc;                    /* guest PC of the first instruction */
    uint32_t guest_size;            /* bytes of guest code covered */
    uint32_t ninsns;                /* guest instructions covered */
    const struct ir_global *globals;
    uint16_t nglobals;
    uint16_t nvals;                 /* values used, including 0 and the globals */
    uint16_t nops;
    bool overflow;                  /* ran out of ops or values: translate fewer insns */
    struct ir_value *vals;          /* IR_MAX_VALS entries (fewer in a compact copy) */
    struct ir_op *ops;              /* IR_MAX_OPS entries (fewer in a compact copy) */
};

/* A block with full capacity, for building (free with ir_block_free). */
struct ir_block *ir_block_new(void);
/* A read-only copy sized to what b uses (for the interpreter's TBs). */
struct ir_block *ir_block_clone(const struct ir_block *b);
void ir_block_free(struct ir_block *b);
/* Starts an empty block whose values 1..nglobals are the given globals. */
void ir_init(struct ir_block *b, const struct ir_global *globals, unsigned nglobals, uint64_t pc);
static inline ir_val ir_global(const struct ir_block *b, unsigned index) { (void)b; return (ir_val)(1 + index); }
ir_val ir_temp(struct ir_block *b, enum ir_type t);
ir_val ir_const(struct ir_block *b, enum ir_type t, int64_t v);
static inline enum ir_type ir_type_of(const struct ir_block *b, ir_val v) { return (enum ir_type)b->vals[v].type; }
static inline bool ir_is_const(const struct ir_block *b, ir_val v) { return b->vals[v].kind == IR_KIND_CONST; }

/* Appends an op and returns it (a scratch op if the block is full: check b->overflow). */
struct ir_op *ir_emit(struct ir_block *b, enum ir_opc opc, enum ir_type t);

/* Builders: each appends one op. Unary/binary ops write d, which must have type t. */
void ir_insn_start(struct ir_block *b, uint64_t pc);
void ir_unop(struct ir_block *b, enum ir_opc opc, enum ir_type t, ir_val d, ir_val a);
void ir_binop(struct ir_block *b, enum ir_opc opc, enum ir_type t, ir_val d, ir_val a, ir_val c);
void ir_mov(struct ir_block *b, enum ir_type t, ir_val d, ir_val a);
void ir_movi(struct ir_block *b, enum ir_type t, ir_val d, int64_t v);
void ir_setcond(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val d, ir_val x, ir_val y);
void ir_select(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val d, ir_val x, ir_val y,
               ir_val if_true, ir_val if_false);
void ir_load(struct ir_block *b, enum ir_type t, unsigned memop, ir_val d, ir_val addr, int64_t off);
void ir_store(struct ir_block *b, unsigned memop, ir_val addr, int64_t off, ir_val v);
void ir_ld_env(struct ir_block *b, enum ir_type t, ir_val d, uint32_t offset);
void ir_st_env(struct ir_block *b, enum ir_type t, uint32_t offset, ir_val v);
void ir_call(struct ir_block *b, const struct ir_helper *h, enum ir_type t, ir_val d,
             ir_val a0, ir_val a1, ir_val a2, ir_val a3);
void ir_fence(struct ir_block *b);
void ir_goto_tb(struct ir_block *b, uint64_t pc);
void ir_brcond(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val x, ir_val y,
               uint64_t taken_pc, uint64_t fallthrough_pc);
void ir_goto_ptr(struct ir_block *b, ir_val target);
void ir_exit(struct ir_block *b, unsigned reason, uint64_t pc, ir_val arg);
void ir_exit_if(struct ir_block *b, enum ir_type t, enum ir_cond c, ir_val x, ir_val y,
                unsigned reason, uint64_t pc, ir_val arg);
/* A floating-point op d = opc(a, x, c) (unused arguments IR_NONE) whose NaN result is nan;
 * returns the op so the caller can add the condition (FCMP) and a fallback (helper, imm2). */
struct ir_op *ir_fpop(struct ir_block *b, enum ir_opc opc, enum ir_type t, ir_val d, ir_val a,
                      ir_val x, ir_val c, int64_t nan);

bool ir_is_terminator(enum ir_opc opc);
const char *ir_opc_name(enum ir_opc opc);
const char *ir_cond_name(enum ir_cond c);
/* Evaluates a comparison exactly as the IR defines it (used by interpreter and folding). */
bool ir_eval_cond(enum ir_cond c, enum ir_type t, uint64_t x, uint64_t y);
/* Evaluates a pure unary/binary op (MOV..MAXU); x, y are zero-extended for I32 and the
 * result is zero-extended for I32. The single definition of arithmetic semantics. */
uint64_t ir_eval_alu(enum ir_opc opc, enum ir_type t, uint64_t x, uint64_t y);
/* Checks types and structure; returns NULL or a message naming the first bad op. */
const char *ir_validate(const struct ir_block *b);
/* Prints the block for -d op. */
void ir_dump(const struct ir_block *b, FILE *out);
/* Constant folding and dead-temp removal; keeps semantics exactly. */
void ir_optimize(struct ir_block *b);

/* ---- floating point (ir_fp.c) */
static inline bool ir_is_fp_op(enum ir_opc o) { return o >= IR_FADD && o <= IR_FTOF; }
/* Evaluates a floating-point op exactly as IR.md defines it, with fp_env and fp_fallback
 * taken from (and the flags accrued into) cpu->fp_env; a, b, c are the argument values
 * (zero-extended when I32); the result is zero-extended when I32. The interpreter's
 * definition of these ops. */
uint64_t ir_eval_fp(struct cpu *cpu, const struct ir_block *b, const struct ir_op *op,
                    uint64_t a, uint64_t x, uint64_t c);
/* The host has FMA3 (the interpreter's test; the backend has x86_have_fma, which tests may
 * clear). */
bool ir_fp_host_fma(void);
/* Used by both engines after a fused multiply-add whose result is NaN: raises invalid in
 * cpu->fp_env if a * b is 0 * infinity (IEEE leaves the case of a quiet NaN addend to the
 * implementation; the IR, like RISC-V, signals it). is_f32: the operands are f32 bits. */
uint64_t ir_fp_fma_nan_fixup(struct cpu *cpu, uint64_t is_f32, uint64_t a, uint64_t x, uint64_t unused);

#endif
