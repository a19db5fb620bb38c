/*
 * ir_fp.c - the IR's floating-point ops (IR.md "Floating point"), as the interpreter runs
 * them: the executable definition the x86-64 backend is tested against.
 *
 * Each op runs the same host SSE instruction the backend emits, inside one inline-asm block
 * that saves the emulator's MXCSR, loads the guest's FP environment (cpu->fp_env, which has
 * the MXCSR layout), runs the instruction, stores the environment back (with whatever flags
 * the instruction raised) and restores the emulator's MXCSR. The fix-ups where x86 differs
 * from the IR's definition are written here in C and emitted by the backend as the same
 * checks: a NaN result becomes op->imm; an out-of-range or NaN float-to-integer conversion
 * saturates (x86 gives the "integer indefinite" MIN); a fused multiply-add of 0 * infinity
 * plus a quiet NaN raises invalid (x86 does not).
 *
 * Invariant: nothing here reads or changes the emulator's own MXCSR beyond one op; the
 * denormal-operand flag (bit 1 of fp_env) is left to the hardware and is unspecified.
 */
#include <string.h>
#include "exec.h"
#include "ir.h"

typedef uint64_t (*fallback_fn)(struct cpu *, uint64_t, uint64_t, uint64_t, uint64_t);

#define F32_SIGN 0x80000000ull
#define F64_SIGN 0x8000000000000000ull
#define F32_INF  0x7f800000ull
#define F64_INF  0x7ff0000000000000ull

bool ir_fp_host_fma(void)
{
    static int have = -1;               /* benign race: every thread computes the same */
    if (have < 0) {
        __builtin_cpu_init();
        have = __builtin_cpu_supports("fma") ? 1 : 0;
    }
    return have;
}

static inline bool is_nan_bits(bool f32, uint64_t v)
{
    return f32 ? (v & ~F32_SIGN & 0xffffffffull) > F32_INF : (v & ~F64_SIGN) > F64_INF;
}

static inline double d_of(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static inline float s_of(uint64_t v) { float f; uint32_t w = (uint32_t)v; memcpy(&f, &w, 4); return f; }
static inline uint64_t bits_d(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static inline uint64_t bits_s(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }

uint64_t ir_fp_fma_nan_fixup(struct cpu *cpu, uint64_t is_f32, uint64_t a, uint64_t x, uint64_t unused)
{
    (void)unused;
    uint64_t mag = is_f32 ? ~F32_SIGN & 0xffffffffull : ~F64_SIGN, inf = is_f32 ? F32_INF : F64_INF;
    uint64_t ma = a & mag, mx = x & mag;
    if ((ma == 0 && mx == inf) || (ma == inf && mx == 0))
        cpu->fp_env = fp_env_of(cpu) | FP_ENV_INVALID;
    return 0;
}

/* One instruction between "save host MXCSR, load env" and "store env, restore host". */
#define FP_PROLOGUE "stmxcsr %[host]\n\tldmxcsr %[env]\n\t"
#define FP_EPILOGUE "\n\tstmxcsr %[env]\n\tldmxcsr %[host]"
#define FP_ENV_OPERANDS [env] "+m"(env), [host] "+m"(host)

/* a = a op y in the given scalar format: binary arithmetic, square root (of y), compare. */
#define FP_BINARY(type, insn)                                                            \
    __asm__ volatile(FP_PROLOGUE insn " %[y], %[a]" FP_EPILOGUE                         \
                     : [a] "+x"(type##_a), FP_ENV_OPERANDS : [y] "x"(type##_y))

static uint64_t arith(enum ir_opc o, bool f32, uint64_t a, uint64_t y, uint64_t z, uint32_t *envp)
{
    uint32_t env = *envp, host = 0;
    uint64_t r = 0;
    if (f32) {
        float s_a = s_of(a), s_y = s_of(y), s_z = s_of(z);
        switch (o) {
        case IR_FADD:  FP_BINARY(s, "addss"); break;
        case IR_FSUB:  FP_BINARY(s, "subss"); break;
        case IR_FMUL:  FP_BINARY(s, "mulss"); break;
        case IR_FDIV:  FP_BINARY(s, "divss"); break;
        case IR_FSQRT: s_y = s_a; FP_BINARY(s, "sqrtss"); break;
        case IR_FMA:
            __asm__ volatile(FP_PROLOGUE "vfmadd231ss %[y], %[a], %[z]" FP_EPILOGUE
                             : [z] "+x"(s_z), FP_ENV_OPERANDS : [a] "x"(s_a), [y] "x"(s_y));
            s_a = s_z;
            break;
        default: break;
        }
        r = bits_s(s_a);
    } else {
        double d_a = d_of(a), d_y = d_of(y), d_z = d_of(z);
        switch (o) {
        case IR_FADD:  FP_BINARY(d, "addsd"); break;
        case IR_FSUB:  FP_BINARY(d, "subsd"); break;
        case IR_FMUL:  FP_BINARY(d, "mulsd"); break;
        case IR_FDIV:  FP_BINARY(d, "divsd"); break;
        case IR_FSQRT: d_y = d_a; FP_BINARY(d, "sqrtsd"); break;
        case IR_FMA:
            __asm__ volatile(FP_PROLOGUE "vfmadd231sd %[y], %[a], %[z]" FP_EPILOGUE
                             : [z] "+x"(d_z), FP_ENV_OPERANDS : [a] "x"(d_a), [y] "x"(d_y));
            d_a = d_z;
            break;
        default: break;
        }
        r = bits_d(d_a);
    }
    *envp = env;
    return r;
}

/* 1 if a cond y (cmpsd/cmpss predicates 0 EQ_OQ, 1 LT_OS, 2 LE_OS), else 0. */
static uint64_t compare(enum ir_cond c, bool f32, uint64_t a, uint64_t y, uint32_t *envp)
{
    uint32_t env = *envp, host = 0;
    uint64_t r;
    if (f32) {
        float s_a = s_of(a), s_y = s_of(y);
        switch (c) {
        case IR_EQ: FP_BINARY(s, "cmpss $0,"); break;
        case IR_LT: FP_BINARY(s, "cmpss $1,"); break;
        default:    FP_BINARY(s, "cmpss $2,"); break;
        }
        r = bits_s(s_a) & 1;
    } else {
        double d_a = d_of(a), d_y = d_of(y);
        switch (c) {
        case IR_EQ: FP_BINARY(d, "cmpsd $0,"); break;
        case IR_LT: FP_BINARY(d, "cmpsd $1,"); break;
        default:    FP_BINARY(d, "cmpsd $2,"); break;
        }
        r = bits_d(d_a) & 1;
    }
    *envp = env;
    return r;
}

/* Float (f32 when src32) to integer (64-bit when dst64), as cvt(t)sd2si / cvt(t)ss2si. */
static uint64_t to_int(bool src32, bool dst64, bool trunc, uint64_t a, uint32_t *envp)
{
    uint32_t env = *envp, host = 0;
    int64_t r64 = 0;
    int32_t r32 = 0;
    float s = s_of(a);
    double d = d_of(a);
#define CVT(insn, out, in) \
    __asm__ volatile(FP_PROLOGUE insn " %[x], %[r]" FP_EPILOGUE : [r] "=r"(out), FP_ENV_OPERANDS : [x] "x"(in))
    if (src32 && dst64)        { if (trunc) CVT("cvttss2si", r64, s); else CVT("cvtss2si", r64, s); }
    else if (src32)            { if (trunc) CVT("cvttss2si", r32, s); else CVT("cvtss2si", r32, s); }
    else if (dst64)            { if (trunc) CVT("cvttsd2si", r64, d); else CVT("cvtsd2si", r64, d); }
    else                       { if (trunc) CVT("cvttsd2si", r32, d); else CVT("cvtsd2si", r32, d); }
#undef CVT
    *envp = env;
    return dst64 ? (uint64_t)r64 : (uint32_t)r32;
}

/* Signed integer (64-bit when src64) to float (f32 when dst32). */
static uint64_t from_int(bool src64, bool dst32, uint64_t a, uint32_t *envp)
{
    uint32_t env = *envp, host = 0;
    int64_t i64 = (int64_t)a;
    int32_t i32 = (int32_t)a;
    float s = 0;
    double d = 0;
    if (dst32 && src64)
        __asm__ volatile(FP_PROLOGUE "cvtsi2ssq %[i], %[r]" FP_EPILOGUE : [r] "+x"(s), FP_ENV_OPERANDS : [i] "r"(i64));
    else if (dst32)
        __asm__ volatile(FP_PROLOGUE "cvtsi2ssl %[i], %[r]" FP_EPILOGUE : [r] "+x"(s), FP_ENV_OPERANDS : [i] "r"(i32));
    else if (src64)
        __asm__ volatile(FP_PROLOGUE "cvtsi2sdq %[i], %[r]" FP_EPILOGUE : [r] "+x"(d), FP_ENV_OPERANDS : [i] "r"(i64));
    else
        __asm__ volatile(FP_PROLOGUE "cvtsi2sdl %[i], %[r]" FP_EPILOGUE : [r] "+x"(d), FP_ENV_OPERANDS : [i] "r"(i32));
    *envp = env;
    return dst32 ? bits_s(s) : bits_d(d);
}

/* Between formats: f64 -> f32 when dst32, else f32 -> f64. */
static uint64_t convert(bool dst32, uint64_t a, uint32_t *envp)
{
    uint32_t env = *envp, host = 0;
    uint64_t r;
    if (dst32) {
        double d = d_of(a);
        float s;
        __asm__ volatile(FP_PROLOGUE "cvtsd2ss %[x], %[r]" FP_EPILOGUE : [r] "=x"(s), FP_ENV_OPERANDS : [x] "x"(d));
        r = bits_s(s);
    } else {
        float s = s_of(a);
        double d;
        __asm__ volatile(FP_PROLOGUE "cvtss2sd %[x], %[r]" FP_EPILOGUE : [r] "=x"(d), FP_ENV_OPERANDS : [x] "x"(s));
        r = bits_d(d);
    }
    *envp = env;
    return r;
}

uint64_t ir_eval_fp(struct cpu *cpu, const struct ir_block *b, const struct ir_op *op,
                    uint64_t a, uint64_t x, uint64_t c)
{
    enum ir_opc o = (enum ir_opc)op->opc;
    enum ir_type t = (enum ir_type)op->type;
    uint64_t tmask = t == IR_I32 ? 0xffffffffull : ~0ull;
    if (op->helper && (cpu->fp_fallback || (o == IR_FMA && !ir_fp_host_fma()))) {
        fallback_fn fn = (fallback_fn)op->helper->fn;
        uint64_t dmask = ir_type_of(b, op->dst) == IR_I32 ? 0xffffffffull : ~0ull;
        return fn(cpu, (uint64_t)op->imm2, a, x, c) & dmask;
    }
    bool f32 = t == IR_I32;
    uint32_t env = fp_env_of(cpu);
    uint64_t r;
    switch (o) {
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT: case IR_FMA:
        r = arith(o, f32, a, x, c, &env);
        cpu->fp_env = env;
        if (is_nan_bits(f32, r)) {
            if (o == IR_FMA)
                ir_fp_fma_nan_fixup(cpu, f32, a, x, 0);
            r = (uint64_t)op->imm & tmask;
        }
        return r;
    case IR_FCMP:
        r = compare((enum ir_cond)op->cond, f32, a, x, &env);
        cpu->fp_env = env;
        return r;
    case IR_FTOI: case IR_FTOI_RTZ: {
        bool src32 = ir_type_of(b, op->args[0]) == IR_I32;
        r = to_int(src32, t == IR_I64, o == IR_FTOI_RTZ, a, &env);
        cpu->fp_env = env;
        uint64_t min = t == IR_I64 ? F64_SIGN : F32_SIGN;
        if (r == min) {                 /* x86's "integer indefinite": saturate */
            if (is_nan_bits(src32, a))
                r = (uint64_t)op->imm & tmask;
            else if (!(a & (src32 ? F32_SIGN : F64_SIGN)))
                r = min - 1;            /* positive and too large: MAX */
        }
        return r;
    }
    case IR_ITOF:
        r = from_int(ir_type_of(b, op->args[0]) == IR_I64, f32, a, &env);
        cpu->fp_env = env;
        return r;
    case IR_FTOF:
        r = convert(f32, a, &env);
        cpu->fp_env = env;
        return is_nan_bits(f32, r) ? (uint64_t)op->imm & tmask : r;
    default:
        return 0;
    }
}
