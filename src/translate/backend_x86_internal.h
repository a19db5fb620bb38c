/*
 * backend_x86_internal.h - state shared by the x86-64 backend's files: the per-block code
 * generation context (struct gen), the register allocator (backend_x86.c) and the op
 * emitters (backend_x86_ops.c). Not used outside src/translate/backend_x86*.c.
 * The conventions (pinned registers, frame layout, I32 representation) are documented at the
 * top of backend_x86.c.
 */
#ifndef CROSSRUN_BACKEND_X86_INTERNAL_H
#define CROSSRUN_BACKEND_X86_INTERNAL_H

#include "exec.h"
#include "ir.h"
#include "x86_emit.h"

enum {
    R_CPU   = X86_RBP,      /* struct cpu *, pinned for the whole time in translated code */
    R_GBASE = X86_R15,      /* guest_base, pinned */
    R_TMP   = X86_R11,      /* scratch inside one emitted sequence, never holds a value */
};

#define RBIT(r)        (1u << (r))
#define REGS_ALLOC     (0xffffu & ~(RBIT(X86_RSP) | RBIT(R_CPU) | RBIT(R_GBASE) | RBIT(R_TMP)))
#define REGS_CALLER    (RBIT(X86_RAX) | RBIT(X86_RCX) | RBIT(X86_RDX) | RBIT(X86_RSI) | \
                        RBIT(X86_RDI) | RBIT(X86_R8) | RBIT(X86_R9) | RBIT(X86_R10))
#define REGS_CALLEE    (REGS_ALLOC & ~REGS_CALLER)   /* rbx r12 r13 r14 */
#define N_ALLOC_REGS   12

#define NO_USE         0xffffu   /* "no further use in this block" */
#define FRAME_SLOTS    IR_MAX_VALS /* one 8-byte spill slot per value can never run out */

struct vloc {                     /* where a value currently is */
    int8_t reg;                   /* host register, or -1 */
    bool dirty;                   /* global: the register is newer than the CPU state */
    bool in_slot;                 /* temp: its spill slot holds the current value */
    int16_t slot;                 /* temp: spill slot, or -1 */
    uint16_t next_use;            /* index of the next op that reads it, or NO_USE */
    bool addr_ok;                 /* checked as a guest-access base since its last write:
                                     within GUEST_GUARD / 2 of the guest space */
    bool known;                   /* last written with a constant (kval, zero-extended) */
    uint64_t kval;
};

enum stub_kind {
    STUB_MEM, STUB_EXIT_IF, STUB_INTERRUPT,
    STUB_FP_CALL,       /* cold call of a C function that preserves every register but rd */
    STUB_FP_VALUE,      /* rd = value (a NaN result replaced by the canonical NaN) */
    STUB_FP_SATURATE,   /* float-to-int gave MIN: NaN -> value, positive -> MAX */
};

struct stub_dirty { uint16_t global; int8_t reg; };

/* Where an FP op's operand is, for the op itself and for its cold stubs. */
enum fp_loc_kind { LOC_IMM, LOC_REG, LOC_ENV, LOC_SLOT };
struct fp_loc {
    uint8_t kind;                 /* enum fp_loc_kind */
    bool is64;                    /* an I64 value (else I32, held zero-extended) */
    int8_t reg;                   /* LOC_REG */
    int32_t disp;                 /* LOC_ENV: cpu offset; LOC_SLOT: rsp offset in the body */
    uint64_t imm;                 /* LOC_IMM */
};

struct stub_fp {                  /* STUB_FP_*: the FP op's out-of-line part */
    uint32_t back;                /* offset in the block to jump back to */
    int8_t rd;                    /* register receiving the result */
    bool rd32;                    /* an I32 result: zero-extend it */
    bool result_is_value;         /* FP_CALL: rd = value instead of the function's result */
    bool f32;                     /* FP_SATURATE: the input (in xmm0) is an f32 */
    bool dst64;                   /* FP_SATURATE: a 64-bit integer result */
    const void *fn;               /* FP_CALL */
    uint64_t value;
    struct fp_loc args[4];        /* FP_CALL: the arguments after the cpu pointer (unused:
                                     zero-initialised, i.e. LOC_IMM 0) */
};

struct stub {                     /* cold code emitted after the block body */
    uint8_t kind;                 /* enum stub_kind */
    uint8_t ndirty;
    int8_t addr_reg;              /* MEM: register holding the checked guest address */
    int8_t base_reg;              /* MEM: the base failed its check (the access is at
                                     base_reg + disp, resuming at `resume` if valid), or -1 */
    uint8_t size_log2;            /* MEM with base_reg: the access's size */
    int32_t disp;
    uint32_t resume;
    int8_t arg_reg;               /* EXIT_IF: register holding exit_arg, or -1 */
    bool arg_is_imm;
    uint32_t fixup;               /* rel32 to bind to this stub (range check / exit_if / irq) */
    uint32_t memop;               /* MEM: index into gen.memops, or UINT32_MAX */
    uint64_t pc;                  /* guest PC the stub reports */
    uint64_t reason;              /* EXIT_IF: exit reason */
    uint64_t arg_imm;
    struct stub_dirty dirty[N_ALLOC_REGS]; /* dirty globals in registers at the jump */
    struct stub_fp fp;
};

/* Globals kept in host registers across blocks (see backend_x86.c "Pinned globals"): one
 * set per table of globals, with its own entry and exit code. */
#define MAX_PINS 8
struct pin_set {
    const struct ir_global *globals;  /* the table the set is for */
    unsigned nglobals;
    unsigned npins;
    int8_t reg[MAX_PINS];         /* host register of pin k */
    uint16_t global[MAX_PINS];    /* index of the global it holds */
    uint16_t mask;                /* RBIT of every pinned register */
    int8_t *reg_of;               /* per global: its host register, or -1 */
    uintptr_t prologue;           /* x86_enter's code: loads the pins, jumps to the TB */
    uintptr_t epilogue;           /* every exit's: stores the pins, returns eax */
};

struct gen {
    const struct ir_block *ir;
    struct tb *tb;
    const struct pin_set *pins;   /* this block's pinned globals (npins may be 0) */
    struct x86_buf buf;
    struct vloc *v;               /* per value */
    uint16_t (*arg_next)[4];      /* per op: next use of each argument after the op */
    uint16_t *dst_next;           /* per op: next use of the destination after the op */
    uint16_t reg_val[16];         /* value owning each host register; 0 = free */
    uint16_t locked;              /* registers the current op is using */
    unsigned op;                  /* index of the op being generated */
    uint64_t cur_pc;              /* guest PC of the current instruction */
    uint8_t *slot_used;           /* FRAME_SLOTS bytes */
    struct stub *stubs;
    unsigned nstubs, max_stubs;
    struct tb_memop *memops;
    unsigned nmemops;
};

/* Shared code emitted by x86_backend_init. */
extern uintptr_t x86_host_mxcsr;      /* address of the emulator's own MXCSR value */
extern uintptr_t x86_guest_limit[4];  /* address of GUEST_SPACE - (1 << size) for each size */

/* ---- register allocator (backend_x86.c) */
const struct ir_op *cur_op(struct gen *g);
bool is_const(struct gen *g, ir_val v);
bool is_global(struct gen *g, ir_val v);
/* A global held in its pinned host register for the whole block (v[].reg never changes;
 * never dirty: the exit code stores it). */
bool is_pinned(struct gen *g, ir_val v);
uint64_t const_val(struct gen *g, ir_val v);        /* zero-extended for I32 */
/* A register (in `allowed`) holding v for the current op; locks it. A constant gets a
 * scratch register that nothing owns. */
int use_reg(struct gen *g, ir_val v, uint16_t allowed);
/* A free register for the current op (spilling if needed); locked. */
int pick_reg(struct gen *g, uint16_t allowed);
/* Empties register r (moving or spilling what it holds) and locks it as a scratch. Call
 * before use_reg for the op's inputs. */
void reserve_reg(struct gen *g, int r);
/* True if the register holding argument k may be overwritten by this op's result. */
bool can_clobber(struct gen *g, unsigned k);
/* A register for the result that starts as a copy of argument k (held in rk). */
int out_from(struct gen *g, unsigned k, int rk);
/* A register for the result with no initial content. */
int out_reg(struct gen *g);
/* Makes r the home of the op's destination. */
void def_val(struct gen *g, ir_val d, int r);
/* Copies v into register r without changing where v lives (r must be free/reserved). */
void load_into(struct gen *g, ir_val v, int r);
void writeback_all(struct gen *g);
void writeback_range(struct gen *g, uint32_t off, uint32_t size, bool drop);
void drop_globals(struct gen *g);
/* Nothing is known about the values of globals any more (a helper may have changed them). */
void forget_globals_facts(struct gen *g);
/* v is a constant or a value last written with one: *c = its value (zero-extended). */
bool known_const(struct gen *g, ir_val v, uint64_t *c);
/* Stores / loads the pinned registers in mask to / from their globals in the CPU state. */
void store_pins(struct gen *g, uint16_t mask);
void load_pins(struct gen *g, uint16_t mask);
/* Pinned registers in mask stop / start holding their globals (around a helper call that
 * clobbers them: meanwhile the CPU state holds the value and load_into reads it there). */
void unmap_pins(struct gen *g, uint16_t mask);
void remap_pins(struct gen *g, uint16_t mask);
/* Moves everything out of the registers in mask (locking them); for a full-sync call,
 * globals there are simply dropped (they were written back). */
void evacuate(struct gen *g, uint16_t mask, bool drop_globals_there);
struct stub *new_stub(struct gen *g, enum stub_kind kind);
void snapshot_dirty(struct gen *g, struct stub *s);
void store_env_imm64(struct gen *g, uint32_t off, uint64_t v);
void jmp_epilogue(struct gen *g, unsigned reason);

/* ---- op emitters (backend_x86_ops.c; floating point in backend_x86_fp.c) */
void gen_op(struct gen *g, const struct ir_op *op);
void gen_fp(struct gen *g, const struct ir_op *op);
void emit_fp_stub(struct gen *g, struct stub *s);
/* Stubs and code bytes an FP op may need beyond the generic estimate. */
#define FP_OP_STUBS 2
#define FP_OP_BYTES 256

#endif
