/*
 * interp.c - the IR interpreter: runs one IR block on a CPU state. It is the executable
 * specification of the IR (together with ir_eval_alu/ir_eval_cond in ir.c) and the
 * reference the x86-64 backend is tested against; --engine=interp runs guests with it.
 *
 * Invariants: temps live in a local array, zero-extended when I32; globals are read and
 * written directly in the CPU state, so the state is exact at every op. cpu->pc is updated
 * at each INSN_START, so a fault raised by a guest access (fault_raise or the SIGSEGV
 * handler jumping to the dispatcher's recovery point) reports the exact guest PC.
 * Floating-point ops are ir_eval_fp's (ir_fp.c); cpu->fp_env is exact at every op.
 */
#include <string.h>
#include "exec.h"
#include "ir.h"
#include "../loader/guest_mem.h"

typedef uint64_t (*helper_fn)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t);

static inline uint64_t type_mask(unsigned t) { return t == IR_I32 ? 0xffffffffull : ~0ull; }

static inline uint64_t get(const struct ir_block *b, struct cpu *cpu, const uint64_t *temps, ir_val v)
{
    const struct ir_value *x = &b->vals[v];
    switch (x->kind) {
    case IR_KIND_CONST:
        return (uint64_t)x->cval & type_mask(x->type);
    case IR_KIND_GLOBAL: {
        const struct ir_global *g = &b->globals[x->global];
        const uint8_t *p = (const uint8_t *)cpu + g->offset;
        if (g->type == IR_I32)
            return *(const uint32_t *)p;
        return *(const uint64_t *)p;
    }
    default:
        return temps[v];
    }
}

static inline void set(const struct ir_block *b, struct cpu *cpu, uint64_t *temps, ir_val v, uint64_t val)
{
    const struct ir_value *x = &b->vals[v];
    val &= type_mask(x->type);
    if (x->kind == IR_KIND_GLOBAL) {
        const struct ir_global *g = &b->globals[x->global];
        uint8_t *p = (uint8_t *)cpu + g->offset;
        if (g->type == IR_I32)
            *(uint32_t *)p = (uint32_t)val;
        else
            *(uint64_t *)p = val;
    } else {
        temps[v] = val;
    }
}

/* The fault address of an access at addr that leaves the guest space: its first byte
 * outside it (addr itself, or GUEST_SPACE for one that straddles the end), as a host fault
 * on a page-crossing access reports. */
static uint64_t first_bad_byte(uint64_t addr)
{
    return addr < GUEST_SPACE ? GUEST_SPACE : addr;
}

static uint64_t guest_load(uint64_t addr, unsigned memop)
{
    unsigned size = 1u << (memop & IR_MEM_SIZE_MASK);
    if (unlikely(!guest_range_valid(addr, size)))
        fault_raise(first_bad_byte(addr), EXC_SEGV_MAPERR);
    const void *p = g2h(addr);
    switch (memop) {
    case IR_MEM_8:                  return *(const uint8_t *)p;
    case IR_MEM_8 | IR_MEM_SIGNED:  return (uint64_t)(int64_t)*(const int8_t *)p;
    case IR_MEM_16: { uint16_t v; memcpy(&v, p, 2); return v; }
    case IR_MEM_16 | IR_MEM_SIGNED: { int16_t v; memcpy(&v, p, 2); return (uint64_t)(int64_t)v; }
    case IR_MEM_32: { uint32_t v; memcpy(&v, p, 4); return v; }
    case IR_MEM_32 | IR_MEM_SIGNED: { int32_t v; memcpy(&v, p, 4); return (uint64_t)(int64_t)v; }
    default:        { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

static void guest_store(uint64_t addr, unsigned memop, uint64_t val)
{
    unsigned size = 1u << (memop & IR_MEM_SIZE_MASK);
    if (unlikely(!guest_range_valid(addr, size)))
        fault_raise(first_bad_byte(addr), EXC_SEGV_MAPERR);
    memcpy(g2h(addr), &val, size); /* little-endian host and guests */
}

unsigned interp_run(struct cpu *cpu, const struct ir_block *b)
{
    uint64_t temps[IR_MAX_VALS];
    for (unsigned i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        enum ir_type t = (enum ir_type)op->type;
#define A(n) get(b, cpu, temps, op->args[n])
        switch ((enum ir_opc)op->opc) {
        case IR_NOP:
            break;
        case IR_INSN_START:
            cpu->pc = (uint64_t)op->imm;
            break;
        case IR_MOV: case IR_NEG: case IR_NOT: case IR_CLZ: case IR_CTZ: case IR_POPCNT:
        case IR_BSWAP: case IR_SEXT8: case IR_SEXT16: case IR_SEXT32: case IR_ZEXT8:
        case IR_ZEXT16: case IR_ZEXT32: case IR_EXT_S: case IR_EXT_U: case IR_TRUNC:
            set(b, cpu, temps, op->dst, ir_eval_alu(op->opc, t, A(0), 0));
            break;
        case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR: case IR_ANDN:
        case IR_ORN: case IR_XNOR: case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL:
        case IR_ROTR: case IR_MUL: case IR_MULHS: case IR_MULHU: case IR_MULHSU: case IR_DIVS:
        case IR_DIVU: case IR_REMS: case IR_REMU: case IR_MINS: case IR_MAXS: case IR_MINU:
        case IR_MAXU:
            set(b, cpu, temps, op->dst, ir_eval_alu(op->opc, t, A(0), A(1)));
            break;
        case IR_SETCOND:
            set(b, cpu, temps, op->dst, ir_eval_cond(op->cond, t, A(0), A(1)));
            break;
        case IR_SELECT:
            set(b, cpu, temps, op->dst, ir_eval_cond(op->cond, t, A(0), A(1)) ? A(2) : A(3));
            break;
        case IR_LOAD:
            set(b, cpu, temps, op->dst, guest_load(A(0) + (uint64_t)op->imm, op->memop));
            break;
        case IR_STORE:
            guest_store(A(0) + (uint64_t)op->imm, op->memop, A(1));
            break;
        case IR_LD_ENV: {
            const uint8_t *p = (const uint8_t *)cpu + op->imm;
            set(b, cpu, temps, op->dst, t == IR_I32 ? *(const uint32_t *)p : *(const uint64_t *)p);
            break;
        }
        case IR_ST_ENV: {
            uint8_t *p = (uint8_t *)cpu + op->imm;
            if (t == IR_I32)
                *(uint32_t *)p = (uint32_t)A(0);
            else
                *(uint64_t *)p = A(0);
            break;
        }
        case IR_CALL: {
            helper_fn fn = (helper_fn)op->helper->fn;
            uint64_t r = fn(cpu, A(0), A(1), A(2), A(3));
            if (op->dst)
                set(b, cpu, temps, op->dst, r);
            break;
        }
        case IR_FENCE:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: case IR_FMA:
        case IR_FCMP: case IR_FTOI: case IR_FTOI_RTZ: case IR_ITOF: case IR_FTOF:
            set(b, cpu, temps, op->dst,
                ir_eval_fp(cpu, b, op, A(0), op->args[1] ? A(1) : 0, op->args[2] ? A(2) : 0));
            break;
        case IR_FPFLAGS_GET:
            set(b, cpu, temps, op->dst, fp_env_of(cpu) & FP_ENV_FLAGS & ~(uint32_t)FP_ENV_DENORMAL);
            break;
        case IR_FPFLAGS_SET:
            cpu->fp_env = (fp_env_of(cpu) & ~(uint32_t)FP_ENV_FLAGS) | ((uint32_t)A(0) & FP_ENV_FLAGS);
            break;
        case IR_EXIT_IF:
            if (ir_eval_cond(op->cond, t, A(0), A(1))) {
                cpu->exit_arg = op->args[2] ? A(2) : 0;
                cpu->pc = (uint64_t)op->imm2;
                return (unsigned)op->imm;
            }
            break;
        case IR_GOTO_TB:
            cpu->pc = (uint64_t)op->imm;
            return EXIT_CHAIN;
        case IR_BRCOND:
            cpu->pc = (uint64_t)(ir_eval_cond(op->cond, t, A(0), A(1)) ? op->imm : op->imm2);
            return EXIT_CHAIN;
        case IR_GOTO_PTR:
            cpu->pc = A(0);
            return EXIT_INDIRECT;
        case IR_EXIT:
            cpu->exit_arg = op->args[0] ? A(0) : 0;
            cpu->pc = (uint64_t)op->imm2;
            return (unsigned)op->imm;
        case IR_OPC_COUNT:
            break;
        }
#undef A
    }
    panic("IR block at %#lx has no terminator", (unsigned long)b->pc);
}
