/*
 * backend_x86.c - the x86-64 backend: turns an IR block into host code in the code cache.
 * This file has the entry/exit machinery, the per-block driver, the liveness pass, the
 * register allocator and the cold stubs; backend_x86_ops.c emits each IR op.
 *
 * Host register conventions inside translated code:
 *   rbp  the struct cpu * (pinned; callee-saved, so it survives helper calls)
 *   r15  guest_base (pinned; a guest access is one instruction: [r15 + address])
 *   r11  scratch within one emitted sequence (address sums, big constants); never a value
 *   rsp  16-byte aligned at all times inside a TB (the frame is fixed; no push/pop), so a
 *        helper call needs no realignment; spill slot k is [rsp + 8k]. The frame has one
 *        slot per possible IR value (IR_MAX_VALS * 8 = 32 KiB), so spilling can never run
 *        out; x86_enter therefore needs that much stack on the calling thread.
 *   the other 12 registers hold pinned globals (below) or are allocated to globals and temps.
 * x86_enter (the prologue) saves the callee-saved registers, reserves the spill frame, loads
 * rbp/r15 and the pinned globals and jumps to the TB; every exit jumps to the epilogue with
 * eax = the enum exit_reason.
 *
 * Pinned globals: the hottest guest registers (the target ranks them with ir_global.pin_rank)
 * live in fixed host registers for the whole time translated code runs: rbx r12 r13 r14 for
 * the first four (callee-saved, so they survive helper calls), then rsi rdi r8 r9. Each table
 * of globals gets a pin set with its own prologue and epilogue (emitted on first use into
 * space reserved at init, so flushes keep them); each TB's code is preceded by a header
 * naming the prologue it expects, which x86_enter uses. The prologue loads the pins from the
 * CPU state and the epilogue stores them back, so every way out of translated code (exits,
 * EXIT_IF and fault stubs, chain and jump-cache misses, the interrupt check) leaves the state
 * exact, while chained jumps and jump-cache hits keep them in registers. Inside a block a
 * pinned global's home is its register: it is never spilled, never dirty (the epilogue
 * stores it), never overwritten as a dead argument, and an op writing it writes that
 * register. Around a helper call: a full-sync helper gets all pins stored before and reloaded
 * after; any other call gets the caller-saved pins stored and reloaded (meanwhile they are
 * read from the CPU state). LD_ENV / ST_ENV overlapping a pinned global store it first /
 * reload it after.
 *
 * The guest's FP environment lives in the host MXCSR while translated code runs (IR.md
 * "Floating point"): the prologue loads it from cpu->fp_env, the epilogue stores it back
 * and puts back the emulator's own MXCSR; around a helper call it is stored before and
 * reloaded after (see gen_call), so C code always sees it exact in the CPU state. The xmm
 * registers hold no values between ops: every FP op may use any of them as scratch.
 *
 * Register allocation is local to a block. A liveness pass (backwards) records for each op
 * argument when the value is next read. Walking forwards, a global is loaded into a host
 * register at its first use and stays there; writes make it dirty; dirty globals are written
 * back at every way out of the block: terminators, EXIT_IF stubs, memory-fault stubs (each
 * stub writes back exactly the globals dirty at its instruction), and before helpers
 * without IR_HELPER_NO_GLOBALS (after which all cached globals are dropped). Temps get a
 * register at their definition and give it back after their last use. When no register is
 * free, the value whose next use is farthest is spilled (a clean global costs nothing; a
 * dirty global is written back; a temp goes to its spill slot).
 *
 * Guest accesses are one instruction, [r15 + base + disp], after a check that the base value
 * is inside the guest space, done once per value and block (vloc.addr_ok): the guards
 * around the guest space (guest_mem.h) catch what a small displacement adds. A base that
 * fails goes to the access's stub, which checks the whole address and resumes the access
 * if that is valid. A large displacement or constant address gets the exact check.
 *
 * An I32 value is always kept zero-extended in its 64-bit register (32-bit x86 operations
 * do that for free), the same representation the interpreter uses.
 *
 * Chainable exits have their rel32 4-byte aligned, so x86_patch_jump is one atomic store:
 * GOTO_TB and BRCOND's fall-through are `jmp rel32`, BRCOND's taken exit is the `jcc rel32`
 * itself. Unchained, each jumps to its own exit stub (tb->jmp_stub: for a jmp, the stub right
 * after it); x86_patch_jump(tb, slot, NULL) points it back there.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include "backend_x86_internal.h"
#include "../loader/guest_mem.h"
#include "../log.h"

uintptr_t x86_guest_limit[4];
uintptr_t x86_host_mxcsr;

#define FRAME_BYTES (FRAME_SLOTS * 8 + 8)  /* + 8: six pushes and the return address leave
                                              rsp at 8 mod 16 */
_Static_assert(FRAME_BYTES % 16 == 8, "rsp must be 16-byte aligned inside translated code");
_Static_assert(sizeof(struct jc_entry) == 16, "the inline jump-cache probe scales by 16");

static const int callee_saved_pushes[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };

/* ---- pinned globals
 * Host registers for pins, hottest first: the callee-saved ones survive helper calls. */
static const int8_t pin_regs[MAX_PINS] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_RSI, X86_RDI, X86_R8, X86_R9,
};
#define MAX_PIN_SETS   4      /* tables of globals with pins; more get none */
#define PIN_CODE_BYTES 256    /* prologue + epilogue of one set */
static struct pin_set no_pins;                  /* npins 0: the plain entry and exit */
static struct pin_set pin_sets[MAX_PIN_SETS];
static unsigned npin_sets;                      /* published with a release store */
static uintptr_t pin_code_area;                 /* MAX_PIN_SETS * PIN_CODE_BYTES, permanent */
static pthread_mutex_t pin_lock = PTHREAD_MUTEX_INITIALIZER;

/* Emits the entry and exit code of set ps.
 * unsigned enter(struct cpu *cpu [rdi], const uint8_t *code [rsi]): saves the callee-saved
 * registers, reserves the frame, loads rbp, r15, the guest's MXCSR and the pins, and jumps
 * to code. The exit: eax already holds the exit reason; stores the pins and undoes the rest. */
static void emit_entry_exit(struct x86_buf *b, struct pin_set *ps)
{
    while (x86_exec_pc(b) & 15)
        x86_byte(b, 0xcc);
    ps->prologue = x86_exec_pc(b);
    for (unsigned i = 0; i < ARRAY_SIZE(callee_saved_pushes); i++)
        x86_push(b, callee_saved_pushes[i]);
    x86_modrm_rr(b, OPC_ARITH_EvIz | P_REXW, X86_SUB, X86_RSP);
    x86_u32(b, FRAME_BYTES);
    x86_mov_rr(b, true, R_CPU, X86_RDI);
    x86_mov_rr(b, true, R_TMP, X86_RSI);            /* rsi may be a pin */
    x86_movi(b, R_GBASE, (uintptr_t)&guest_base);
    x86_load(b, OPC_MOV_GvEv | P_REXW, R_GBASE, R_GBASE, X86_NOREG, 0);
    x86_ldmxcsr(b, R_CPU, offsetof(struct cpu, fp_env));  /* the guest's FP environment */
    for (unsigned k = 0; k < ps->npins; k++) {
        const struct ir_global *gl = &ps->globals[ps->global[k]];
        x86_load(b, OPC_MOV_GvEv | (gl->type == IR_I64 ? P_REXW : 0), ps->reg[k], R_CPU,
                 X86_NOREG, (int32_t)gl->offset);
    }
    x86_modrm_rr(b, OPC_GRP5, 4, R_TMP);              /* jmp r11 */

    while (x86_exec_pc(b) & 15)
        x86_byte(b, 0xcc);
    ps->epilogue = x86_exec_pc(b);
    for (unsigned k = 0; k < ps->npins; k++) {
        const struct ir_global *gl = &ps->globals[ps->global[k]];
        x86_store(b, gl->type == IR_I64 ? 8 : 4, ps->reg[k], R_CPU, X86_NOREG, (int32_t)gl->offset);
    }
    x86_stmxcsr(b, R_CPU, offsetof(struct cpu, fp_env));
    x86_modrm_rip(b, OPC_LDMXCSR_GRP, 2, x86_host_mxcsr, 0);
    x86_modrm_rr(b, OPC_ARITH_EvIz | P_REXW, X86_ADD, X86_RSP);
    x86_u32(b, FRAME_BYTES);
    for (int i = ARRAY_SIZE(callee_saved_pushes) - 1; i >= 0; i--)
        x86_pop(b, callee_saved_pushes[i]);
    x86_ret(b);
}

/* The pin set for a table of globals: its pin_rank > 0 globals, lowest rank first, up to
 * MAX_PINS of them. Created on first use (under pin_lock) in space reserved at init, so
 * its code survives flushes. */
static const struct pin_set *pin_set_for(const struct ir_global *globals, unsigned nglobals)
{
    unsigned n = __atomic_load_n(&npin_sets, __ATOMIC_ACQUIRE);
    for (unsigned i = 0; i < n; i++)
        if (pin_sets[i].globals == globals && pin_sets[i].nglobals == nglobals)
            return &pin_sets[i];
    pthread_mutex_lock(&pin_lock);
    const struct pin_set *found = &no_pins;
    for (unsigned i = 0; i < npin_sets; i++)
        if (pin_sets[i].globals == globals && pin_sets[i].nglobals == nglobals)
            found = &pin_sets[i];
    if (found == &no_pins && npin_sets < MAX_PIN_SETS) {
        struct pin_set *ps = &pin_sets[npin_sets];
        memset(ps, 0, sizeof(*ps));
        ps->globals = globals;
        ps->nglobals = nglobals;
        ps->reg_of = malloc(nglobals ? nglobals : 1);
        if (!ps->reg_of)
            fatal(EXIT_STATUS_INTERNAL, "out of memory in the backend");
        memset(ps->reg_of, -1, nglobals);
        for (unsigned rank = 1; rank < 256 && ps->npins < MAX_PINS; rank++)
            for (unsigned i = 0; i < nglobals && ps->npins < MAX_PINS; i++)
                if (globals[i].pin_rank == rank) {
                    int8_t r = pin_regs[ps->npins];
                    ps->reg[ps->npins] = r;
                    ps->global[ps->npins] = (uint16_t)i;
                    ps->reg_of[i] = r;
                    ps->mask |= (uint16_t)RBIT(r);
                    ps->npins++;
                }
        if (ps->npins) {
            uintptr_t exec = pin_code_area + npin_sets * PIN_CODE_BYTES;
            struct x86_buf b;
            x86_buf_init(&b, code_cache_rw((const uint8_t *)exec), (const uint8_t *)exec,
                         PIN_CODE_BYTES);
            emit_entry_exit(&b, ps);
            if (b.overflow)
                panic("backend: pinned entry and exit do not fit");
            found = ps;
            __atomic_store_n(&npin_sets, npin_sets + 1, __ATOMIC_RELEASE);
        } else {
            free(ps->reg_of);
        }
    }
    pthread_mutex_unlock(&pin_lock);
    return found;
}

void x86_backend_init(void)
{
    x86_detect_features();
    const uint8_t *exec;
    size_t size = 256 + MAX_PIN_SETS * PIN_CODE_BYTES;
    uint8_t *rw = code_cache_alloc(size, &exec);
    if (!rw)
        fatal(EXIT_STATUS_INTERNAL, "code cache too small for the backend's prologue");
    struct x86_buf b;
    x86_buf_init(&b, rw, exec, size);

    /* Range-check limits: an access of 2^k bytes at a is valid iff a <= GUEST_SPACE - 2^k. */
    for (unsigned k = 0; k < 4; k++) {
        x86_guest_limit[k] = x86_exec_pc(&b);
        x86_u64(&b, GUEST_SPACE - (1ull << k));
    }
    /* The emulator's MXCSR (its control bits; flags clear), put back at every exit. */
    uint32_t mxcsr;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    x86_host_mxcsr = x86_exec_pc(&b);
    x86_u32(&b, mxcsr & ~(uint32_t)FP_ENV_FLAGS);
    x86_u32(&b, 0);

    emit_entry_exit(&b, &no_pins);
    while (x86_exec_pc(&b) & 15)
        x86_byte(&b, 0xcc);
    pin_code_area = x86_exec_pc(&b);
    for (unsigned i = 0; i < MAX_PIN_SETS * PIN_CODE_BYTES; i++)
        x86_byte(&b, 0xcc);
    if (b.overflow)
        panic("backend prologue does not fit");
    code_cache_shrink_last(x86_off(&b));
}

/* Each TB's code is preceded by TB_HEADER bytes holding the address of the prologue of its
 * pin set (the pins it expects in registers). */
#define TB_HEADER 16

unsigned x86_enter(struct cpu *cpu, const uint8_t *code)
{
    if (unlikely(!cpu->fp_env))
        cpu->fp_env = FP_ENV_DEFAULT;   /* a CPU state nobody initialised: see exec.h */
    uintptr_t prologue;
    memcpy(&prologue, code - TB_HEADER, sizeof(prologue));
    unsigned (*enter)(struct cpu *, const uint8_t *) =
        (unsigned (*)(struct cpu *, const uint8_t *))prologue;
    return enter(cpu, code);
}

/* Every TB starts with its interrupt check, cmp dword [rbp + disp8], 0 (4 bytes) and a
 * jne rel32 (6). A chained jump to a TB at a higher guest PC enters after it: any cycle of
 * chained TBs still contains a jump to an equal or lower PC, which checks, and a chain of
 * forward jumps is finite, so a set interrupt_request is seen soon. */
#define IRQ_CHECK_BYTES 10u

void x86_patch_jump(struct tb *tb, unsigned slot, const uint8_t *target)
{
    if (slot > 1 || tb->jmp_off[slot] == TB_NO_JMP)
        panic("x86_patch_jump: TB %#lx has no chainable exit %u", (unsigned long)tb->pc, slot);
    if (target && tb->jmp_pc[slot] > tb->pc)
        target += IRQ_CHECK_BYTES;
    const uint8_t *disp = tb->code + tb->jmp_off[slot];
    /* NULL unchains: back to the exit's stub, which returns EXIT_CHAIN to the run loop. */
    if (!target)
        target = tb->code + tb->jmp_stub[slot];
    int64_t rel = (int64_t)(target - (disp + 4));
    if (rel != (int32_t)rel)
        panic("x86_patch_jump: target out of rel32 reach");
    uint32_t *p = (uint32_t *)(void *)code_cache_rw(disp);   /* 4-byte aligned by construction */
    __atomic_store_n(p, (uint32_t)(int32_t)rel, __ATOMIC_RELEASE);
}

bool x86_fault_redirect(ucontext_t *uc, struct tb *tb, uintptr_t host_pc, uint64_t guest_addr,
                        enum guest_exc cause)
{
    if (!tb->code || host_pc < (uintptr_t)tb->code)
        return false;
    uintptr_t off = host_pc - (uintptr_t)tb->code;
    uint32_t lo = 0, hi = tb->nmemops;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tb->memops[mid].host_off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= tb->nmemops || tb->memops[lo].host_off != off)
        return false;
    struct cpu *cpu = (struct cpu *)(uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    cpu->fault_addr = guest_addr;
    cpu->exit_arg = cause;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)(tb->code + tb->memops[lo].stub_off);
    return true;
}

/* ---- values */

const struct ir_op *cur_op(struct gen *g) { return &g->ir->ops[g->op]; }
bool is_const(struct gen *g, ir_val v) { return g->ir->vals[v].kind == IR_KIND_CONST; }
bool is_global(struct gen *g, ir_val v) { return g->ir->vals[v].kind == IR_KIND_GLOBAL; }
static bool is_temp(struct gen *g, ir_val v) { return g->ir->vals[v].kind == IR_KIND_TEMP; }
bool is_pinned(struct gen *g, ir_val v)
{
    return is_global(g, v) && g->pins->npins && g->pins->reg_of[g->ir->vals[v].global] >= 0;
}

uint64_t const_val(struct gen *g, ir_val v)
{
    const struct ir_value *x = &g->ir->vals[v];
    return x->type == IR_I32 ? (uint32_t)x->cval : (uint64_t)x->cval;
}

static const struct ir_global *global_of(struct gen *g, ir_val v)
{
    return &g->ir->globals[g->ir->vals[v].global];
}

/* ---- register allocator */

static void emit_global_load(struct gen *g, int r, ir_val v)
{
    const struct ir_global *gl = global_of(g, v);
    x86_load(&g->buf, OPC_MOV_GvEv | (gl->type == IR_I64 ? P_REXW : 0), r, R_CPU, X86_NOREG,
             (int32_t)gl->offset);
}

static void emit_global_store(struct gen *g, int r, unsigned global)
{
    const struct ir_global *gl = &g->ir->globals[global];
    x86_store(&g->buf, gl->type == IR_I64 ? 8 : 4, r, R_CPU, X86_NOREG, (int32_t)gl->offset);
}

static int32_t slot_disp(int slot) { return slot * 8; }

static int slot_alloc(struct gen *g)
{
    for (int i = 0; i < FRAME_SLOTS; i++)
        if (!g->slot_used[i]) {
            g->slot_used[i] = 1;
            return i;
        }
    panic("backend: out of spill slots");   /* cannot happen: one slot per value */
}

static void temp_release(struct gen *g, ir_val v)
{
    struct vloc *l = &g->v[v];
    if (l->reg >= 0 && g->reg_val[l->reg] == v)
        g->reg_val[l->reg] = 0;
    l->reg = -1;
    if (l->slot >= 0)
        g->slot_used[l->slot] = 0;
    l->slot = -1;
    l->in_slot = false;
}

/* Frees register r, saving what it holds if that is still needed. */
static void spill(struct gen *g, int r)
{
    ir_val v = g->reg_val[r];
    if (!v)
        return;
    struct vloc *l = &g->v[v];
    if (is_global(g, v)) {
        if (l->dirty)
            emit_global_store(g, r, g->ir->vals[v].global);
        l->dirty = false;
    } else if (l->next_use != NO_USE && !l->in_slot) {
        if (l->slot < 0)
            l->slot = (int16_t)slot_alloc(g);
        x86_store(&g->buf, 8, r, X86_RSP, X86_NOREG, slot_disp(l->slot));
        l->in_slot = true;
    }
    l->reg = -1;
    g->reg_val[r] = 0;
}

static uint16_t occupied(struct gen *g)
{
    uint16_t m = 0;
    for (int r = 0; r < 16; r++)
        if (g->reg_val[r])
            m |= (uint16_t)RBIT(r);
    return m;
}

/* Preference among free registers: callee-saved first (values there survive helper
 * calls), rax/rcx/rdx last (division, wide multiplication and shifts want them). */
static const int8_t alloc_order[N_ALLOC_REGS] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10,
    X86_RCX, X86_RDX, X86_RAX,
};

static bool needs_store(struct gen *g, ir_val v)
{
    const struct vloc *l = &g->v[v];
    return is_global(g, v) ? l->dirty : (l->next_use != NO_USE && !l->in_slot);
}

int pick_reg(struct gen *g, uint16_t allowed)
{
    uint16_t cand = allowed & REGS_ALLOC & ~g->locked & ~g->pins->mask;
    uint16_t free_regs = cand & ~occupied(g);
    int best = -1;
    if (free_regs) {
        for (int i = 0; i < N_ALLOC_REGS; i++)
            if (free_regs & RBIT(alloc_order[i])) {
                best = alloc_order[i];
                break;
            }
    } else {
        /* Spill the value needed farthest in the future; on ties, one that costs no store. */
        unsigned best_key = 0;
        for (int r = 0; r < 16; r++) {
            if (!(cand & RBIT(r)))
                continue;
            ir_val v = g->reg_val[r];
            unsigned key = (unsigned)g->v[v].next_use * 2 + !needs_store(g, v) + 1;
            if (key > best_key) {
                best_key = key;
                best = r;
            }
        }
        if (best < 0)
            panic("backend: no register available for op %u", g->op);
        spill(g, best);
    }
    g->locked |= (uint16_t)RBIT(best);
    return best;
}

void load_into(struct gen *g, ir_val v, int r)
{
    const struct vloc *l = &g->v[v];
    if (is_const(g, v))
        x86_movi(&g->buf, r, const_val(g, v));
    else if (l->reg >= 0) {
        if (l->reg != r)
            x86_mov_rr(&g->buf, true, r, l->reg);
    } else if (is_global(g, v))
        emit_global_load(g, r, v);
    else if (l->in_slot)
        x86_load(&g->buf, OPC_MOV_GvEv | P_REXW, r, X86_RSP, X86_NOREG, slot_disp(l->slot));
    else
        x86_movi(&g->buf, r, 0);   /* a temp read before any write (a front-end bug) */
}

int use_reg(struct gen *g, ir_val v, uint16_t allowed)
{
    struct vloc *l = &g->v[v];
    if (is_const(g, v)) {
        int r = pick_reg(g, allowed);
        x86_movi(&g->buf, r, const_val(g, v));
        return r;
    }
    if (l->reg >= 0) {
        int old = l->reg;
        if (allowed & RBIT(old)) {
            g->locked |= (uint16_t)RBIT(old);
            return old;
        }
        int r = pick_reg(g, allowed);
        x86_mov_rr(&g->buf, true, r, old);
        if (!(g->locked & RBIT(old)) && !is_pinned(g, v)) {  /* move the home; else r is a copy */
            g->reg_val[old] = 0;
            g->reg_val[r] = v;
            l->reg = (int8_t)r;
        }
        return r;
    }
    int r = pick_reg(g, allowed);
    load_into(g, v, r);
    g->reg_val[r] = v;
    l->reg = (int8_t)r;
    return r;
}

/* Moves the value in r to another free register, or spills it. */
static void relocate(struct gen *g, int r)
{
    ir_val v = g->reg_val[r];
    if (!v)
        return;
    struct vloc *l = &g->v[v];
    bool needed = l->next_use != NO_USE || (is_global(g, v) && l->dirty);
    uint16_t free_regs = REGS_ALLOC & ~g->locked & ~occupied(g) & ~(uint16_t)RBIT(r);
    if (needed && free_regs) {
        int to = -1;
        for (int i = 0; i < N_ALLOC_REGS; i++)
            if (free_regs & RBIT(alloc_order[i])) {
                to = alloc_order[i];
                break;
            }
        x86_mov_rr(&g->buf, true, to, r);
        g->reg_val[to] = v;
        g->reg_val[r] = 0;
        l->reg = (int8_t)to;
        return;
    }
    spill(g, r);
}

void reserve_reg(struct gen *g, int r)
{
    if (g->locked & RBIT(r))
        panic("backend: register %d reserved twice in op %u", r, g->op);
    g->locked |= (uint16_t)RBIT(r);
    relocate(g, r);
}

void evacuate(struct gen *g, uint16_t mask, bool drop_globals_there)
{
    g->locked |= mask;
    for (int r = 0; r < 16; r++) {
        if (!(mask & RBIT(r)) || !g->reg_val[r])
            continue;
        ir_val v = g->reg_val[r];
        if (drop_globals_there && is_global(g, v) && !g->v[v].dirty) {
            g->v[v].reg = -1;
            g->reg_val[r] = 0;
        } else {
            relocate(g, r);
        }
    }
}

bool can_clobber(struct gen *g, unsigned k)
{
    const struct ir_op *op = cur_op(g);
    ir_val a = op->args[k];
    if (is_const(g, a) || a == op->dst)
        return true;
    if (is_pinned(g, a))
        return false;
    if (g->arg_next[g->op][k] != NO_USE)
        return false;
    if (is_global(g, a))
        return !g->v[a].dirty;
    /* A temp used again by a later argument of this same op is still "used". */
    return true;
}

int out_reg(struct gen *g)
{
    ir_val d = cur_op(g)->dst;
    int r = g->v[d].reg;
    if (r >= 0 && !(g->locked & RBIT(r))) {   /* d's old value is dead: reuse its register */
        g->locked |= (uint16_t)RBIT(r);
        return r;
    }
    return pick_reg(g, REGS_ALLOC);
}

int out_from(struct gen *g, unsigned k, int rk)
{
    if (can_clobber(g, k))
        return rk;
    int r = out_reg(g);
    x86_mov_rr(&g->buf, true, r, rk);
    return r;
}

void def_val(struct gen *g, ir_val d, int r)
{
    struct vloc *l = &g->v[d];
    l->addr_ok = l->known = false;
    if (is_pinned(g, d)) {
        if (r != l->reg) {
            /* r holds the result (in place of an argument the op could overwrite) */
            x86_mov_rr(&g->buf, true, l->reg, r);
            ir_val old = g->reg_val[r];
            if (old && old != d)
                g->v[old].reg = -1;
            g->reg_val[r] = 0;
        }
        return;
    }
    if (l->reg >= 0 && l->reg != r && g->reg_val[l->reg] == d)
        g->reg_val[l->reg] = 0;
    ir_val old = g->reg_val[r];
    if (old && old != d) {
        /* r held an argument this op was allowed to overwrite (see can_clobber). */
        if (is_global(g, old) && g->v[old].dirty)
            panic("backend: op %u overwrote dirty global %u", g->op, old);
        g->v[old].reg = -1;
    }
    g->reg_val[r] = d;
    l->reg = (int8_t)r;
    if (is_global(g, d)) {
        l->dirty = true;
    } else {
        l->in_slot = false;
    }
}

void writeback_all(struct gen *g)
{
    for (int r = 0; r < 16; r++) {
        ir_val v = g->reg_val[r];
        if (v && is_global(g, v) && g->v[v].dirty) {
            emit_global_store(g, r, g->ir->vals[v].global);
            g->v[v].dirty = false;
        }
    }
}

/* Before an access to the CPU state at [off, off+size): globals overlapping it are written
 * back, and with `drop` also forgotten (the access is a store that replaces them). */
void writeback_range(struct gen *g, uint32_t off, uint32_t size, bool drop)
{
    for (int r = 0; r < 16; r++) {
        ir_val v = g->reg_val[r];
        if (!v || !is_global(g, v))
            continue;
        const struct ir_global *gl = global_of(g, v);
        uint32_t gsize = gl->type == IR_I64 ? 8 : 4;
        if (gl->offset >= off + size || off >= gl->offset + gsize)
            continue;
        if (is_pinned(g, v)) {
            emit_global_store(g, r, g->ir->vals[v].global);
            continue;
        }
        if (g->v[v].dirty)
            emit_global_store(g, r, g->ir->vals[v].global);
        g->v[v].dirty = false;
        if (drop) {
            g->v[v].reg = -1;
            g->reg_val[r] = 0;
        }
    }
}

void drop_globals(struct gen *g)
{
    for (int r = 0; r < 16; r++) {
        ir_val v = g->reg_val[r];
        if (v && is_global(g, v) && !is_pinned(g, v)) {
            if (g->v[v].dirty)
                panic("backend: dropping dirty global %u", v);
            g->v[v].reg = -1;
            g->reg_val[r] = 0;
        }
    }
}

void forget_globals_facts(struct gen *g)
{
    for (unsigned i = 0; i < g->ir->nglobals; i++)
        g->v[1 + i].addr_ok = g->v[1 + i].known = false;
}

bool known_const(struct gen *g, ir_val v, uint64_t *c)
{
    if (is_const(g, v)) {
        *c = const_val(g, v);
        return true;
    }
    *c = g->v[v].kval;
    return g->v[v].known;
}

void store_pins(struct gen *g, uint16_t mask)
{
    const struct pin_set *ps = g->pins;
    for (unsigned k = 0; k < ps->npins; k++)
        if (mask & RBIT(ps->reg[k]))
            emit_global_store(g, ps->reg[k], ps->global[k]);
}

void load_pins(struct gen *g, uint16_t mask)
{
    const struct pin_set *ps = g->pins;
    for (unsigned k = 0; k < ps->npins; k++)
        if (mask & RBIT(ps->reg[k]))
            emit_global_load(g, ps->reg[k], (ir_val)(1 + ps->global[k]));
}

void unmap_pins(struct gen *g, uint16_t mask)
{
    const struct pin_set *ps = g->pins;
    for (unsigned k = 0; k < ps->npins; k++)
        if (mask & RBIT(ps->reg[k])) {
            g->v[1 + ps->global[k]].reg = -1;
            g->reg_val[ps->reg[k]] = 0;
        }
}

void remap_pins(struct gen *g, uint16_t mask)
{
    const struct pin_set *ps = g->pins;
    for (unsigned k = 0; k < ps->npins; k++)
        if (mask & RBIT(ps->reg[k])) {
            ir_val v = (ir_val)(1 + ps->global[k]);
            g->v[v].reg = ps->reg[k];
            g->v[v].dirty = false;
            g->reg_val[ps->reg[k]] = v;
        }
}

/* After an op: arguments whose last use it was give back their registers, and next-use
 * information moves past the op. */
static void finish_op(struct gen *g)
{
    const struct ir_op *op = cur_op(g);
    for (unsigned k = 0; k < 4; k++) {
        ir_val a = op->args[k];
        if (!a || is_const(g, a))
            continue;
        g->v[a].next_use = g->arg_next[g->op][k];
        if (is_temp(g, a) && g->v[a].next_use == NO_USE && a != op->dst)
            temp_release(g, a);
    }
    ir_val d = op->dst;
    if (d) {
        g->v[d].next_use = g->dst_next[g->op];
        if (is_temp(g, d) && g->v[d].next_use == NO_USE)
            temp_release(g, d);
    }
    g->locked = 0;
}

/* ---- stubs and exits */

struct stub *new_stub(struct gen *g, enum stub_kind kind)
{
    if (g->nstubs >= g->max_stubs)
        panic("backend: stub table overflow");
    struct stub *s = &g->stubs[g->nstubs++];
    memset(s, 0, sizeof(*s));
    s->kind = (uint8_t)kind;
    s->addr_reg = s->arg_reg = s->base_reg = -1;
    s->memop = UINT32_MAX;
    s->fixup = UINT32_MAX;
    s->pc = g->cur_pc;
    return s;
}

void snapshot_dirty(struct gen *g, struct stub *s)
{
    s->ndirty = 0;
    for (int r = 0; r < 16; r++) {
        ir_val v = g->reg_val[r];
        if (v && is_global(g, v) && g->v[v].dirty) {
            s->dirty[s->ndirty].global = g->ir->vals[v].global;
            s->dirty[s->ndirty].reg = (int8_t)r;
            s->ndirty++;
        }
    }
}

void store_env_imm64(struct gen *g, uint32_t off, uint64_t v)
{
    if ((int64_t)v == (int32_t)v) {
        x86_store_imm(&g->buf, 8, (int32_t)v, R_CPU, X86_NOREG, (int32_t)off);
    } else {
        x86_movi(&g->buf, R_TMP, v);
        x86_store(&g->buf, 8, R_TMP, R_CPU, X86_NOREG, (int32_t)off);
    }
}

void jmp_epilogue(struct gen *g, unsigned reason)
{
    x86_movi(&g->buf, X86_RAX, reason);
    x86_jmp_abs(&g->buf, g->pins->epilogue);
}

static void emit_stub(struct gen *g, struct stub *s)
{
    struct x86_buf *b = &g->buf;
    if (s->fixup != UINT32_MAX)
        x86_bind_rel32(b, s->fixup);
    switch ((enum stub_kind)s->kind) {
    case STUB_INTERRUPT:
        store_env_imm64(g, offsetof(struct cpu, pc), s->pc);
        jmp_epilogue(g, EXIT_INTERRUPT);
        return;
    case STUB_MEM:
        if (s->fixup != UINT32_MAX) {          /* the address failed the range check */
            int ra = s->addr_reg;
            if (s->base_reg >= 0) {
                /* Only the base was checked: the access itself may still be valid. */
                x86_lea(b, true, R_TMP, s->base_reg, X86_NOREG, s->disp);
                x86_modrm_rip(b, OPC_CMP_GvEv | P_REXW, R_TMP, x86_guest_limit[s->size_log2], 0);
                uint32_t valid = x86_jcc_fwd32(b, X86_CC_BE);
                x86_bind_rel32_at(b, valid, s->resume);
                ra = R_TMP;
            }
            /* fault_addr: the first byte outside the guest space (IR.md) */
            x86_store(b, 8, ra, R_CPU, X86_NOREG, offsetof(struct cpu, fault_addr));
            x86_modrm_rip(b, OPC_CMP_GvEv | P_REXW, ra, x86_guest_limit[0], 0);
            uint32_t outside = x86_jcc_fwd8(b, X86_CC_A);
            x86_movi(b, R_TMP, GUEST_SPACE);
            x86_store(b, 8, R_TMP, R_CPU, X86_NOREG, offsetof(struct cpu, fault_addr));
            x86_bind_rel8(b, outside);
            x86_store_imm(b, 8, EXC_SEGV_MAPERR, R_CPU, X86_NOREG, offsetof(struct cpu, exit_arg));
        }
        if (s->memop != UINT32_MAX)            /* host faults enter here (x86_fault_redirect) */
            g->memops[s->memop].stub_off = x86_off(b);
        for (unsigned i = 0; i < s->ndirty; i++)
            emit_global_store(g, s->dirty[i].reg, s->dirty[i].global);
        store_env_imm64(g, offsetof(struct cpu, pc), s->pc);
        jmp_epilogue(g, EXIT_EXCEPTION);
        return;
    case STUB_EXIT_IF:
        for (unsigned i = 0; i < s->ndirty; i++)
            emit_global_store(g, s->dirty[i].reg, s->dirty[i].global);
        if (s->arg_reg >= 0)
            x86_store(b, 8, s->arg_reg, R_CPU, X86_NOREG, offsetof(struct cpu, exit_arg));
        else
            store_env_imm64(g, offsetof(struct cpu, exit_arg), s->arg_is_imm ? s->arg_imm : 0);
        store_env_imm64(g, offsetof(struct cpu, pc), s->pc);
        jmp_epilogue(g, (unsigned)s->reason);
        return;
    case STUB_FP_CALL:
    case STUB_FP_VALUE:
    case STUB_FP_SATURATE:
        emit_fp_stub(g, s);
        return;
    }
}

/* ---- the driver */

static void liveness(struct gen *g)
{
    const struct ir_block *ir = g->ir;
    uint16_t *next = malloc(ir->nvals * sizeof(*next));
    if (!next)
        fatal(EXIT_STATUS_INTERNAL, "out of memory in the backend");
    for (unsigned v = 0; v < ir->nvals; v++)
        next[v] = NO_USE;
    for (int i = (int)ir->nops - 1; i >= 0; i--) {
        const struct ir_op *op = &ir->ops[i];
        ir_val d = op->dst;
        g->dst_next[i] = d ? next[d] : NO_USE;
        for (unsigned k = 0; k < 4; k++) {
            ir_val a = op->args[k];
            /* An argument that is also the destination: its old value dies here. */
            g->arg_next[i][k] = !a ? NO_USE : a == d ? g->dst_next[i] : next[a];
        }
        if (d)
            next[d] = NO_USE;
        for (unsigned k = 0; k < 4; k++)
            if (op->args[k])
                next[op->args[k]] = (uint16_t)i;
    }
    for (unsigned v = 0; v < ir->nvals; v++)
        g->v[v] = (struct vloc){ .reg = -1, .slot = -1, .next_use = next[v] };
    free(next);
}

static void gen_block(struct gen *g)
{
    const struct ir_block *ir = g->ir;
    memset(g->reg_val, 0, sizeof(g->reg_val));
    memset(g->slot_used, 0, FRAME_SLOTS);
    g->locked = 0;
    g->nstubs = g->nmemops = 0;
    g->cur_pc = ir->pc;
    g->tb->jmp_off[0] = g->tb->jmp_off[1] = TB_NO_JMP;
    g->tb->jmp_pc[0] = g->tb->jmp_pc[1] = 0;
    liveness(g);
    remap_pins(g, g->pins->mask);

    /* Asynchronous events get in at block starts: cmp dword [cpu + irq], 0; jne stub
     * (IRQ_CHECK_BYTES, which forward chained jumps skip: see x86_patch_jump) */
    uint32_t start = x86_off(&g->buf);
    x86_alu_mi(&g->buf, X86_CMP, false, R_CPU, offsetof(struct cpu, interrupt_request), 0);
    struct stub *irq = new_stub(g, STUB_INTERRUPT);
    irq->fixup = x86_jcc_fwd32(&g->buf, X86_CC_NE);
    if (x86_off(&g->buf) - start != IRQ_CHECK_BYTES && !g->buf.overflow)
        panic("backend: the interrupt check is not %u bytes", IRQ_CHECK_BYTES);
    if (log_enabled(LOG_STATS)) {       /* every entry, however made, passes here */
        x86_alu_mi(&g->buf, X86_ADD, true, R_CPU, offsetof(struct cpu, counts.tbs), 1);
        x86_alu_mi(&g->buf, X86_ADD, true, R_CPU, offsetof(struct cpu, counts.insns),
                   (int32_t)ir->ninsns);
    }

    for (g->op = 0; g->op < ir->nops; g->op++) {
        const struct ir_op *op = &ir->ops[g->op];
        g->locked = 0;
        gen_op(g, op);
        finish_op(g);
        if (ir_is_terminator(op->opc))
            break;
    }
    for (unsigned i = 0; i < g->nstubs; i++)
        emit_stub(g, &g->stubs[i]);
}

int x86_gen_tb(const struct ir_block *ir, struct tb *tb)
{
    if (ir->nops == 0 || !ir_is_terminator(ir->ops[ir->nops - 1].opc))
        panic("x86_gen_tb: block at %#lx has no terminator", (unsigned long)ir->pc);
    struct gen g = { .ir = ir, .tb = tb, .pins = pin_set_for(ir->globals, ir->nglobals) };
    unsigned nstubs = 1, nfp = 0;
    for (unsigned i = 0; i < ir->nops; i++) {
        uint8_t o = ir->ops[i].opc;
        nstubs += o == IR_LOAD || o == IR_STORE || o == IR_EXIT_IF;
        nfp += ir_is_fp_op(o);
    }
    nstubs += nfp * FP_OP_STUBS;
    g.max_stubs = nstubs;
    g.v = malloc(ir->nvals * sizeof(*g.v));
    g.arg_next = malloc(ir->nops * sizeof(*g.arg_next));
    g.dst_next = malloc(ir->nops * sizeof(*g.dst_next));
    g.slot_used = malloc(FRAME_SLOTS);
    g.stubs = malloc(nstubs * sizeof(*g.stubs));
    g.memops = malloc(nstubs * sizeof(*g.memops));
    if (!g.v || !g.arg_next || !g.dst_next || !g.slot_used || !g.stubs || !g.memops)
        fatal(EXIT_STATUS_INTERNAL, "out of memory in the backend");

    int ret = 0;
    size_t size = 256 + (size_t)ir->nops * 32 + (size_t)nstubs * 64 + (size_t)nfp * FP_OP_BYTES;
    for (;;) {
        const uint8_t *exec;
        uint8_t *rw = code_cache_alloc(TB_HEADER + size, &exec);
        if (!rw) {
            ret = -1;
            break;
        }
        memset(rw, 0xcc, TB_HEADER);
        memcpy(rw, &g.pins->prologue, sizeof(g.pins->prologue));
        x86_buf_init(&g.buf, rw + TB_HEADER, exec + TB_HEADER, size);
        gen_block(&g);
        if (!g.buf.overflow) {
            code_cache_shrink_last(TB_HEADER + x86_off(&g.buf));
            tb->code = exec + TB_HEADER;
            tb->code_size = x86_off(&g.buf);
            break;
        }
        code_cache_shrink_last(0);
        size *= 2;
    }
    if (ret == 0) {
        tb->nmemops = g.nmemops;
        tb->memops = NULL;
        if (g.nmemops) {
            tb->memops = realloc(g.memops, g.nmemops * sizeof(*g.memops));
            if (!tb->memops)
                fatal(EXIT_STATUS_INTERNAL, "out of memory in the backend");
            g.memops = NULL;
        }
    }
    free(g.v);
    free(g.arg_next);
    free(g.dst_next);
    free(g.slot_used);
    free(g.stubs);
    free(g.memops);
    return ret;
}
