/*
 * test_rv_fp_inline.c - riscv64 F/D as translated instructions: the front end's inline IR
 * floating-point ops (and its rv_fpu calls) on the x86-64 backend and on the IR interpreter,
 * against the qemu-derived vectors of rv_fpu_vectors.h and against rv_fpu's software path.
 *
 * Each operation is one instruction (rd = f10/x10, rs1 = f11/x11, rs2 = f12, rs3 = f13)
 * followed by c.ebreak, translated once per instruction word and run from a fresh CPU state
 * with the dynamic rounding mode in frm (and so in the FP environment); fflags are read as
 * the guest reads them (rv64_fflags). Each vector runs with the rm in the instruction and
 * with rm = dyn (frm then differs from any static rm, which must win), on both engines; RMM
 * with rm = dyn goes through the inline ops' fallback. Then a seeded random comparison with
 * the software path, and the fflags/fcsr accesses that translate inline.
 */
#define TEST_MAIN
#include <stdlib.h>
#include <sys/mman.h>
#include "test.h"
#include "loader/guest_mem.h"
#include "rv_fpu_vectors.h"
#include "targets/riscv64/fpu.h"
#include "targets/riscv64/translate.h"
#include "targets/target.h"
#include "translate/exec.h"
#include "translate/x86_emit.h"

/* dispatch.c's statistics, which other objects update; defined here if it is not linked. */
__attribute__((weak)) struct dbt_stats dbt_stats;
extern const struct target target_riscv64;

/* rv_fpu itself, for the software path */
static uint64_t run_op(enum rv_fpop op, unsigned rm, unsigned frm, uint64_t a, uint64_t b,
                       uint64_t c, uint32_t *flags)
{
    struct rv64_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    cpu.frm = frm;
    uint64_t r = rv_fpu(&cpu.base, op | rm << 8, a, b, c);
    *flags = cpu.fflags;
    return r;
}

#define XCODE 0x40000ull                 /* one 8-byte slot per distinct instruction word */
#define XSLOTS 1024

struct translated {
    uint32_t word;
    struct ir_block *ir;                 /* for the interpreter */
    struct tb tb;                        /* host code */
};
static struct translated xlated[XSLOTS];
static unsigned nxlated;

static void translated_setup(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    guest_mem_init();
    if (guest_mmap(XCODE, 8 * XSLOTS, GPROT_READ | GPROT_WRITE | GPROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)XCODE ||
        code_cache_init(32u << 20) != 0) {
        printf("cannot set up guest memory and the code cache\n");
        exit(1);
    }
    x86_backend_init();
    code_cache_keep_prefix();
}

/* The instruction computing op with rd = f10/x10, rs1 = f11/x11, rs2 = f12, rs3 = f13,
 * or 0 if op is not an instruction of its own. */
static uint32_t encode(enum rv_fpop fpop, unsigned rm, const struct rv_fmt_info **fmt)
{
    static const struct { uint8_t fpop; uint16_t op; } moves[] = {   /* no rv_fpop of their own */
        { RV_FMV_X_W, RV_OP_FMV_X_W }, { RV_FMV_W_X, RV_OP_FMV_W_X },
        { RV_FMV_X_D, RV_OP_FMV_X_D }, { RV_FMV_D_X, RV_OP_FMV_D_X },
    };
    for (unsigned op = 1; op < RV_OP_COUNT; op++) {
        bool is_move = false;
        for (unsigned i = 0; i < ARRAY_SIZE(moves); i++)
            is_move |= moves[i].fpop == fpop && moves[i].op == op;
        if (rv_fp_op_of(op) != (int)fpop && !is_move)
            continue;
        const struct rv_fmt_info *fi = &rv_fmt_info[rv_opdesc[op].fmt];
        *fmt = fi;
        return rv_opdesc[op].match | 10u << 7 | (fi->has_rm ? rm << 12 : 0) | 11u << 15 |
               (fi->rs2 ? 12u << 20 : 0) | (fi->rs3 ? 13u << 27 : 0);
    }
    return 0;
}

static struct translated *translated_code(uint32_t word)
{
    for (unsigned i = 0; i < nxlated; i++)
        if (xlated[i].word == word)
            return &xlated[i];
    if (nxlated == XSLOTS)
        abort();
    struct translated *x = &xlated[nxlated];
    uint64_t pc = XCODE + 8 * nxlated++;
    uint16_t code[3] = { (uint16_t)word, (uint16_t)(word >> 16), 0x9002 /* c.ebreak */ };
    memcpy(g2h(pc), code, sizeof(code));
    static struct ir_block *b;
    if (!b)
        b = ir_block_new();
    ir_init(b, target_riscv64.globals, target_riscv64.nglobals, pc);
    target_riscv64.translate(b, 8);
    const char *bad = ir_validate(b);
    if (bad) {
        printf("  bad IR for %#x: %s\n", word, bad);
        ir_dump(b, stdout);
        abort();
    }
    x->word = word;
    x->ir = ir_block_clone(b);
    x->tb.pc = pc;
    if (x86_gen_tb(b, &x->tb) != 0)
        abort();
    return x;
}

/* Runs the instruction for op (rm in it; frm the dynamic mode) translated, with the JIT or
 * the interpreter; *flags = fflags as the guest reads them. false if op has no instruction. */
static bool run_translated(enum rv_fpop op, unsigned rm, unsigned frm, uint64_t a, uint64_t b,
                           uint64_t c, bool jit, uint64_t *result, uint32_t *flags)
{
    translated_setup();
    const struct rv_fmt_info *fi;
    uint32_t word = encode(op, rm, &fi);
    if (!word)
        return false;
    struct translated *x = translated_code(word);
    static struct rv64_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    cpu.base.target = &target_riscv64;
    target_riscv64.cpu_init(&cpu.base, "");
    rv64_set_fcsr(&cpu, 0, frm);
    if (fi->rs1 == RV_RC_F)
        cpu.f[11] = a;
    else
        cpu.x[11] = a;
    cpu.f[12] = b;
    cpu.f[13] = c;
    cpu.f[10] = cpu.x[10] = 0x5555;
    cpu.base.pc = x->tb.pc;
    unsigned r = jit ? x86_enter(&cpu.base, x->tb.code) : interp_run(&cpu.base, x->ir);
    if (r != EXIT_EXCEPTION || cpu.base.exit_arg != EXC_BREAKPOINT) {
        printf("  %s: the translated instruction %#x exited with %u/%lu\n", rv_fpop_name(op),
               word, r, (unsigned long)cpu.base.exit_arg);
        test_failed_checks++;
    }
    *result = fi->rd == RV_RC_F ? cpu.f[10] : cpu.x[10];
    *flags = rv64_fflags(&cpu);
    return true;
}

/* The vectors again, as translated instructions: rm static or dynamic, JIT or interpreter. */
static void run_vectors_translated(const struct fpu_vector *v, size_t n)
{
    unsigned runs = 0;
    for (size_t i = 0; i < n; i++) {
        int lo = v[i].rm == ALL ? RNE : v[i].rm, hi = v[i].rm == ALL ? RMM : v[i].rm;
        for (int rm = lo; rm <= hi; rm++) {
            uint64_t want = v[i].want[rm - lo].r;
            uint32_t want_flags = v[i].want[rm - lo].flags;
            for (int way = 0; way < 4; way++) {
                bool jit = way & 2, dyn = way & 1;
                uint64_t r;
                uint32_t flags;
                if (!run_translated(v[i].op, dyn ? RV_RM_DYN : (unsigned)rm,
                                    dyn ? (unsigned)rm : (unsigned)(rm + 1) % 5,
                                    v[i].a, v[i].b, v[i].c, jit, &r, &flags))
                    break;
                runs++;
                if (r != want || flags != want_flags) {
                    test_failed_checks++;
                    printf("  translated %s %s%s (%s) a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64
                           ": got %#" PRIx64 " flags %#x, want %#" PRIx64 " flags %#x\n",
                           rv_fpop_name(v[i].op), rm_names[rm], dyn ? " (dyn)" : "",
                           jit ? "jit" : "interp", v[i].a, v[i].b, v[i].c, r, flags, want,
                           want_flags);
                }
            }
        }
    }
    printf("  (%u runs)\n", runs);
}

#define VECTOR_TEST(name) \
    TEST(rv_fp_inline, name##_vectors) { run_vectors_translated(name##_vectors, ARRAY_SIZE(name##_vectors)); }
RV_FPU_VECTOR_TABLES(VECTOR_TEST)
#undef VECTOR_TEST

/* Translated instructions (inline IR ops or rv_fpu calls, JIT and interpreter, rm static or
 * dynamic, RMM through the fallback) against the software path. */
TEST(rv_fp_inline, translated_and_software_paths_agree)
{
    int mismatches = 0;
    unsigned runs = 0;
    for (int i = 0; i < 200000; i++) {
        enum rv_fpop op = rng() % RV_FPOP_COUNT;
        unsigned rm = rng() % 5;
        bool dbl = is_double_op(op), dyn = rng() & 1, jit = rng() & 1;
        uint64_t a = random_operand(dbl), b = random_operand(dbl), c = random_operand(dbl);
        if (rng() % 4 == 0)
            b = (b & ~(dbl ? 0x7ff0000000000000ull : 0x7f800000ull)) |
                (a & (dbl ? 0x7ff0000000000000ull : 0x7f800000ull));
        if (op >= RV_FCVT_S_W && op <= RV_FCVT_D_LU)
            a = rng() >> (rng() % 64) ^ -(rng() & 1);
        uint32_t soft_flags, flags;
        uint64_t r;
        rv_fpu_set_host_fp(false);
        uint64_t soft = run_op(op, rm, 0, a, b, c, &soft_flags);
        rv_fpu_set_host_fp(true);
        if (!run_translated(op, dyn ? RV_RM_DYN : rm, dyn ? rm : (rm + 3) % 5, a, b, c, jit, &r, &flags))
            continue;
        runs++;
        if (r != soft || flags != soft_flags) {
            if (mismatches++ < 10)
                printf("  %s %s%s (%s) a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64 ": translated %#"
                       PRIx64 "/%#x soft %#" PRIx64 "/%#x\n", rv_fpop_name(op), rm_names[rm],
                       dyn ? " (dyn)" : "", jit ? "jit" : "interp", a, b, c, r, flags, soft,
                       soft_flags);
        }
    }
    printf("  (%u translated runs)\n", runs);
    CHECK_EQ_U64(mismatches, 0);
}

/* frflags/fsflags/frcsr translate inline: they see and replace what inline ops and rv_fpu
 * accrued, on both engines. */
TEST(rv_fp_inline, fflags_and_fcsr_accesses)
{
    translated_setup();
    static const uint32_t code[] = {
        0x02c5f553,     /* fadd.d fa0, fa1, fa2 (dyn): 1 + 2^-60, inexact (inline) */
        0x00102573,     /* frflags a0 */
        0x0005a5d3,     /* fadd.s fa1, fa1, ft0, rne: NaN-boxing check in rv_fpu: fa1 is a
                           double, so this is NaN + 0 = canonical NaN, no flag */
        0x00159073,     /* fsflags a1 (= NV | OF) */
        0x00102673,     /* frflags a2 */
        0x1ac5f6d3,     /* fdiv.d fa3, fa1, fa2 (dyn), a NaN: nothing new */
        0x00302773,     /* frcsr a4 */
        0x00101073,     /* fsflags zero */
        0x003027f3,     /* frcsr a5 */
    };
    uint64_t pc = XCODE + 8 * (XSLOTS - 16);   /* away from the one-instruction slots */
    for (unsigned i = 0; i < ARRAY_SIZE(code); i++)
        memcpy(g2h(pc + 4 * i), &code[i], 4);
    memcpy(g2h(pc + 4 * ARRAY_SIZE(code)), &(uint16_t){ 0x9002 }, 2);
    struct ir_block *b = ir_block_new();
    ir_init(b, target_riscv64.globals, target_riscv64.nglobals, pc);
    target_riscv64.translate(b, 32);
    CHECK(ir_validate(b) == NULL);
    struct tb tb = { .pc = pc };
    CHECK_EQ_U64(x86_gen_tb(b, &tb), 0);
    for (int jit = 0; jit < 2; jit++) {
        struct rv64_cpu cpu;
        memset(&cpu, 0, sizeof cpu);
        target_riscv64.cpu_init(&cpu.base, "");
        rv64_set_fcsr(&cpu, 0, RUP);
        cpu.f[11] = 0x3ff0000000000000ull;
        cpu.f[12] = 0x3c30000000000000ull;
        cpu.x[11] = NV | OF;
        unsigned r = jit ? x86_enter(&cpu.base, tb.code) : interp_run(&cpu.base, b);
        CHECK_EQ_U64(r, EXIT_EXCEPTION);
        CHECK_EQ_U64(cpu.base.exit_arg, EXC_BREAKPOINT);
        CHECK_EQ_U64(cpu.f[10], 0x3ff0000000000001ull);          /* rounded up */
        CHECK_EQ_U64(cpu.x[10], NX);
        CHECK_EQ_U64(cpu.x[12], NV | OF);
        CHECK_EQ_U64(cpu.x[14], RUP << 5 | NV | OF);
        CHECK_EQ_U64(cpu.x[15], RUP << 5);
        CHECK_EQ_U64(rv64_fflags(&cpu), 0);
    }
    ir_block_free(b);
}

/* Flags accrue across instructions and blocks: inline ops into the FP environment, rv_fpu
 * into fflags; fflags reads and writes see and clear both. */
TEST(rv_fp_inline, flags_accrue_and_clear)
{
    uint64_t r;
    uint32_t flags;
    /* 1/3 inline: NX; then an exact op leaves it (same CPU state is not kept between runs,
     * so check within one run via the CSR helper below) */
    CHECK(run_translated(RV_FDIV_D, RV_RM_DYN, RNE, 0x3ff0000000000000, 0x4008000000000000, 0,
                         true, &r, &flags));
    CHECK_EQ_U64(flags, NX);
    struct rv64_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    rv64_set_fcsr(&cpu, NV, RDN);
    CHECK_EQ_U64(cpu.base.fp_env, 0x1f80u | 1u << 13);
    CHECK_EQ_U64(cpu.base.fp_fallback, 0);
    cpu.base.fp_env |= 0x20 | 0x02;              /* inexact, and denormal (ignored) */
    CHECK_EQ_U64(rv64_fflags(&cpu), NV | NX);
    CHECK_EQ_U64(cpu.base.fp_env, 0x1f80u | 1u << 13);
    CHECK_EQ_U64(rv_helper_csr(&cpu.base, RV_CSR_FCSR, 0, 0, 0), RDN << 5 | NV | NX);
    cpu.base.fp_env |= 0x04;                     /* divide by zero */
    CHECK_EQ_U64(rv_helper_csr(&cpu.base, RV_CSR_FRM | RV_CSR_WRITE << 12 | RV_CSR_DESC_WRITE,
                               RMM, 0, 0), RDN);
    CHECK_EQ_U64(cpu.fflags, NV | NX | DZ);
    CHECK_EQ_U64(cpu.base.fp_fallback, 1);
    CHECK_EQ_U64(rv_helper_csr(&cpu.base, RV_CSR_FFLAGS | RV_CSR_CLEAR << 12 | RV_CSR_DESC_WRITE,
                               NX, 0, 0), NV | NX | DZ);
    CHECK_EQ_U64(cpu.fflags, NV | DZ);
    cpu.base.fp_env |= 0x08;                     /* overflow */
    CHECK_EQ_U64(rv_helper_csr(&cpu.base, RV_CSR_FCSR | RV_CSR_WRITE << 12 | RV_CSR_DESC_WRITE,
                               RTZ << 5, 0, 0), RMM << 5 | NV | DZ | OF);
    CHECK_EQ_U64(cpu.fflags, 0);
    CHECK_EQ_U64(cpu.base.fp_env, 0x1f80u | 3u << 13);
    CHECK_EQ_U64(cpu.base.fp_fallback, 0);
}
