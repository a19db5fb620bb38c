/*
 * test_backend.c - the x86-64 backend against the IR's definition.
 *
 * Directed tests: every ALU op on every pair of edge values (0, 1, -1, MIN, MAX, shift
 * counts 31/32/63/64, ...) in register/register, register/constant, constant/register and
 * same-value forms, compared with ir_eval_alu / ir_eval_cond; guest memory accesses of each
 * size and their faults (unmapped, read-only, past the guest space, straddling its end);
 * chaining and unchaining, the inline jump cache, the interrupt check, helper calls.
 *
 * Differential test: thousands of random blocks (random ops on i32/i64 globals, temps and
 * edge constants, loads/stores into a guest buffer, ld_env/st_env, helper calls, side
 * exits, all four terminators) run with interp_run and with x86_gen_tb + x86_enter on
 * copies of the same state; the exit reason, pc, exit_arg, fault address, every global,
 * the env area and the guest memory must agree. It runs again with lzcnt/tzcnt/BMI/popcnt
 * disabled to cover the fallback sequences.
 *
 * Floating point: every FP op on every pair of special values (zeros, subnormals, normals
 * near the integer limits, infinities, quiet and signalling NaNs of both signs) in each
 * rounding mode, JIT against interpreter, results and accrued flags (captured after each op
 * by a helper, which also checks that helpers see the FP environment exact); random blocks
 * also mix in FP ops (with and without fallback helpers, fp_fallback set now and then, random
 * rounding mode and flags in fp_env), and run again with FMA3 disabled.
 *
 * Pinned globals: the globals come in three tables that differ only in their pin_rank
 * hints, so each gets its own pin set: PINNED (eight pins, callee- and caller-saved host
 * registers, i32 and i64 globals, the buffer base among them, and globals the helpers read
 * and write), FEW (four pins) and NONE. The directed tests use PINNED; the random blocks
 * run with each. Random programs (a few random blocks branching to each other, chained and
 * through the jump cache, with a pinned step counter bounding the run) check that pinned
 * globals survive block-to-block transfers that never leave translated code.
 */
#define TEST_MAIN
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "test.h"
#include "translate/exec.h"
#include "translate/ir.h"
#include "translate/x86_emit.h"
#include "loader/guest_mem.h"

/* dispatch.c's statistics, which tbcache.c updates; this test does not link the dispatcher. */
__attribute__((weak)) struct dbt_stats dbt_stats;

#define NG64  12
#define NG32  4
#define NGLOB (NG64 + NG32)
#define STEPS NGLOB                 /* global index of the step counter of random programs */
#define NGLOB_ALL (NGLOB + 1)

struct tcpu {
    struct cpu base;
    uint64_t g64[NG64];
    uint32_t g32[NG32];
    uint64_t env[8];
    uint64_t steps;                 /* random programs: blocks left to run */
};

/* FP environment bits the engines must agree on (the denormal flag is unspecified). */
#define FP_ENV_COMPARED (~(uint32_t)FP_ENV_DENORMAL)
static uint32_t forced_fp_env;      /* non-zero: cpu_init uses it instead of a random one */

enum { TABLE_PINNED, TABLE_FEW, TABLE_NONE, NTABLES };
static const char *const table_names[NTABLES] = { "pinned", "few pins", "no pins" };
/* pin_rank per global index, per table (0: not a pin) */
static const uint8_t table_ranks[NTABLES][NGLOB_ALL] = {
    /* g0 (buffer base) g1 w0 g4 (callee-saved); g3 w1 g2 steps (caller-saved); g6 (too many) */
    [TABLE_PINNED] = { [0] = 1, [1] = 2, [NG64 + 0] = 3, [4] = 4, [3] = 5, [NG64 + 1] = 6,
                       [2] = 7, [STEPS] = 8, [6] = 9 },
    [TABLE_FEW] = { [5] = 1, [NG64 + 2] = 2, [1] = 3, [STEPS] = 4 },
    [TABLE_NONE] = { 0 },
};
static struct ir_global global_tables[NTABLES][NGLOB_ALL];
static const struct ir_global *globals = global_tables[TABLE_PINNED]; /* blocks are built with it */
static char global_names[NGLOB_ALL][8];

#define GBUF     0x100000ull        /* guest buffer: RW_SIZE read-write, then RO_SIZE read-only, */
#define RW_SIZE  0x4000ull          /* then an unmapped page */
#define RO_SIZE  0x1000ull
#define MEM_SIZE (RW_SIZE + RO_SIZE)

static struct ir_block *blk;
static struct jc_entry *jc;
static uint8_t mem_init[MEM_SIZE], mem_interp[MEM_SIZE];
static uint8_t top_init[GUEST_PAGE_SIZE], top_interp[GUEST_PAGE_SIZE];  /* last guest page */
#define TOP_PAGE (GUEST_SPACE - GUEST_PAGE_SIZE)

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

static const uint64_t edges[] = {
    0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x100000000ull,
    0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, 0xfffffffffffffffeull, 0xffffffffffffffffull, 0xfedcba9876543210ull,
};
#define NEDGES ARRAY_SIZE(edges)

static uint64_t rnd_value(void)
{
    switch (rn(4)) {
    case 0: case 1: return edges[rn(NEDGES)];
    case 2: return rnd() >> rn(64);
    default: return rnd();
    }
}

/* ---- setup */

/* BACKEND_SEED=n picks another random sequence, BACKEND_SCALE=n runs n times more blocks. */
static unsigned scale = 1;

static void setup(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    if (getenv("BACKEND_SEED"))
        rng_state ^= strtoull(getenv("BACKEND_SEED"), NULL, 0) * 0x9e3779b97f4a7c15ull;
    if (getenv("BACKEND_SCALE"))
        scale = (unsigned)strtoul(getenv("BACKEND_SCALE"), NULL, 0);
    for (unsigned i = 0; i < NGLOB; i++) {
        bool is64 = i < NG64;
        snprintf(global_names[i], sizeof(global_names[i]), is64 ? "g%u" : "w%u", is64 ? i : i - NG64);
        for (unsigned t = 0; t < NTABLES; t++)
            global_tables[t][i] = (struct ir_global){
                .name = global_names[i],
                .offset = (uint32_t)(is64 ? offsetof(struct tcpu, g64[i]) : offsetof(struct tcpu, g32[i - NG64])),
                .type = is64 ? IR_I64 : IR_I32,
                .pin_rank = table_ranks[t][i],
            };
    }
    snprintf(global_names[STEPS], sizeof(global_names[STEPS]), "steps");
    for (unsigned t = 0; t < NTABLES; t++)
        global_tables[t][STEPS] = (struct ir_global){
            .name = global_names[STEPS], .offset = (uint32_t)offsetof(struct tcpu, steps),
            .type = IR_I64, .pin_rank = table_ranks[t][STEPS],
        };
    guest_mem_init();
    if (guest_mmap(GBUF, MEM_SIZE, GPROT_READ | GPROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)GBUF)
        abort();
    /* the last page of the guest space, so accesses ending exactly at its end succeed */
    if (guest_mmap(GUEST_SPACE - GUEST_PAGE_SIZE, GUEST_PAGE_SIZE, GPROT_READ | GPROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (int64_t)(GUEST_SPACE - GUEST_PAGE_SIZE))
        abort();
    if (code_cache_init(64u << 20) != 0)
        abort();
    x86_backend_init();
    code_cache_keep_prefix();
    fault_init();
    blk = ir_block_new();
    jc = calloc(JC_SIZE, sizeof(*jc));
    for (unsigned i = 0; i < JC_SIZE; i++)
        jc[i].guest_pc = JC_EMPTY;
}

static void fill_memory(void)
{
    guest_mprotect(GBUF + RW_SIZE, RO_SIZE, GPROT_READ | GPROT_WRITE);
    for (uint64_t i = 0; i < MEM_SIZE; i += 8) {
        uint64_t v = rnd_value();
        memcpy(g2h(GBUF + i), &v, 8);
    }
    guest_mprotect(GBUF + RW_SIZE, RO_SIZE, GPROT_READ);
    memcpy(mem_init, g2h(GBUF), MEM_SIZE);
    for (uint64_t i = 0; i < GUEST_PAGE_SIZE; i += 8) {
        uint64_t v = rnd_value();
        memcpy(top_init + i, &v, 8);
    }
}

static void restore_memory(void)
{
    memcpy(g2h(GBUF), mem_init, RW_SIZE);
    memcpy(g2h(TOP_PAGE), top_init, GUEST_PAGE_SIZE);
}

static void cpu_init(struct tcpu *c)
{
    memset(c, 0, sizeof(*c));
    c->base.jc = jc;
    c->g64[0] = GBUF;                           /* g0 is the buffer base; never written */
    for (unsigned i = 1; i < NG64; i++)
        c->g64[i] = rnd_value();
    for (unsigned i = 0; i < NG32; i++)
        c->g32[i] = (uint32_t)rnd_value();
    for (unsigned i = 0; i < 8; i++)
        c->env[i] = rnd_value();
    static const uint64_t fp_bits[] = {
        0x3ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull, 0x0000000000000001ull,
        0xffffffff3f800000ull, 0x7fc000007f800001ull, 0x41e0000000000000ull, 0xc3e0000000000000ull,
    };
    for (unsigned i = 8; i < NG64; i++)                 /* some floats among the globals */
        if (rn(2))
            c->g64[i] = rn(2) ? fp_bits[rn(ARRAY_SIZE(fp_bits))] : rnd() >> rn(3);
    c->base.fp_env = forced_fp_env ? forced_fp_env
                   : FP_ENV_DEFAULT | rn(4) << FP_ENV_RC_SHIFT | (rn(4) ? 0 : (uint32_t)rnd() & 0x3d);
    c->base.fp_fallback = !forced_fp_env && rn(8) == 0;
}

/* ---- running */

static unsigned run_interp(struct tcpu *c, const struct ir_block *b)
{
    struct fault_recover rec;
    fault_recover_point = &rec;
    if (sigsetjmp(rec.jb, 0)) {
        fault_recover_point = NULL;
        c->base.fault_addr = rec.addr;
        c->base.exit_arg = rec.cause;
        return EXIT_EXCEPTION;
    }
    unsigned r = interp_run(&c->base, b);
    fault_recover_point = NULL;
    return r;
}

static unsigned run_jit(struct tcpu *c, const uint8_t *code)
{
    struct fault_recover rec;
    fault_recover_point = &rec;       /* full-sync helpers may raise guest faults */
    if (sigsetjmp(rec.jb, 0)) {
        fault_recover_point = NULL;
        c->base.fault_addr = rec.addr;
        c->base.exit_arg = rec.cause;
        return EXIT_EXCEPTION;
    }
    unsigned r = x86_enter(&c->base, code);
    fault_recover_point = NULL;
    return r;
}

static struct tb *translate(struct ir_block *b)
{
    const char *bad = ir_validate(b);
    if (bad) {
        printf("  bad test IR: %s\n", bad);
        ir_dump(b, stdout);
        abort();
    }
    struct tb *tb = tb_alloc();
    if (!tb) {
        tb_flush_all();
        tb = tb_alloc();
    }
    tb->pc = b->pc;
    if (x86_gen_tb(b, tb) < 0) {
        tb_flush_all();
        tb = tb_alloc();
        tb->pc = b->pc;
        if (x86_gen_tb(b, tb) < 0)
            abort();
    }
    return tb;
}

static void blk_start(uint64_t pc)
{
    ir_init(blk, globals, NGLOB_ALL, pc);
    ir_insn_start(blk, pc);
}

static ir_val G(unsigned i) { return ir_global(blk, i); }               /* g0..g11 */
static ir_val W32(unsigned i) { return ir_global(blk, NG64 + i); }      /* w0..w3 */

/* ---- helpers called from the IR */

static uint64_t h_pure(struct cpu *c, uint64_t a, uint64_t b, uint64_t x, uint64_t y)
{
    (void)c;
    return a * 3 + (b ^ 0x1234) - (x << 7) + (y >> 3);
}
static uint64_t h_env(struct cpu *c, uint64_t a, uint64_t b, uint64_t x, uint64_t y)
{
    (void)x; (void)y;
    ((struct tcpu *)c)->env[7] += a ^ (b << 1);
    return 0;
}
static uint64_t h_full(struct cpu *c, uint64_t a, uint64_t b, uint64_t x, uint64_t y)
{
    (void)b; (void)x; (void)y;
    struct tcpu *t = (struct tcpu *)c;
    t->g64[1] += a;
    t->g32[0] ^= (uint32_t)t->g64[2];
    t->env[6] = c->pc;
    return t->g64[3] + 1;
}
static uint64_t h_fault(struct cpu *c, uint64_t a, uint64_t b, uint64_t x, uint64_t y)
{
    (void)b; (void)x; (void)y;
    if ((a & 15) == 0)
        fault_raise(a, EXC_SEGV_ACCERR);
    ((struct tcpu *)c)->g64[4] ^= a;
    return 0;
}
static uint64_t h_i32(struct cpu *c, uint64_t a, uint64_t b, uint64_t x, uint64_t y)
{
    (void)c; (void)x; (void)y;
    return (a + b) | 0xabcd000000000000ull;   /* upper half must be dropped for an i32 result */
}

/* The FP fallback of the random blocks: any deterministic function, and it changes fp_env
 * (which it must see exact, and whose change must stick). */
static uint64_t h_fp_fallback(struct cpu *c, uint64_t imm2, uint64_t a, uint64_t b, uint64_t x)
{
    c->fp_env = fp_env_of(c) | FP_ENV_OVERFLOW;
    return (a * 0x9e3779b97f4a7c15ull) ^ (b << 3) ^ (x >> 2) ^ imm2;
}
/* The fallback of fma: the exact operation (imm2 = 1 for f64), so that a JIT without FMA3
 * (which always calls it) and the interpreter (which uses the host's) agree. */
static uint64_t h_fma_exact(struct cpu *c, uint64_t imm2, uint64_t a, uint64_t b, uint64_t x)
{
    struct ir_op op = { .opc = IR_FMA, .type = imm2 ? IR_I64 : IR_I32,
                        .imm = imm2 ? 0x7ff8000000000000ll : 0x7fc00000 };
    return ir_eval_fp(c, NULL, &op, a, b, x);
}
static const struct ir_helper fp_fallback_helper = { "fp_fallback", (void *)h_fp_fallback, 4, IR_HELPER_NO_GLOBALS, true };
static const struct ir_helper fma_helper = { "fma_exact", (void *)h_fma_exact, 4, IR_HELPER_NO_GLOBALS, true };

static const struct ir_helper helpers[] = {
    { "pure", (void *)h_pure, 4, IR_HELPER_NO_GLOBALS | IR_HELPER_PURE, true },
    { "env", (void *)h_env, 2, IR_HELPER_NO_GLOBALS, false },
    { "full", (void *)h_full, 1, 0, true },
    { "fault", (void *)h_fault, 1, 0, false },
    { "i32", (void *)h_i32, 2, IR_HELPER_NO_GLOBALS | IR_HELPER_PURE, true },
};
static const uint8_t helper_type[] = { IR_I64, IR_I64, IR_I64, IR_I64, IR_I32 };

static bool diff_block(const struct ir_block *b);

/* ---- directed: ALU edge cases */

static const uint8_t binops[] = {
    IR_ADD, IR_SUB, IR_AND, IR_OR, IR_XOR, IR_ANDN, IR_ORN, IR_XNOR, IR_SHL, IR_SHR, IR_SAR,
    IR_ROTL, IR_ROTR, IR_MUL, IR_MULHS, IR_MULHU, IR_MULHSU, IR_DIVS, IR_DIVU, IR_REMS,
    IR_REMU, IR_MINS, IR_MAXS, IR_MINU, IR_MAXU,
};
static const uint8_t unops[] = {
    IR_MOV, IR_NEG, IR_NOT, IR_CLZ, IR_CTZ, IR_POPCNT, IR_BSWAP, IR_SEXT8, IR_SEXT16,
    IR_SEXT32, IR_ZEXT8, IR_ZEXT16, IR_ZEXT32,
};

static unsigned directed_checked;

/* Edge values live in guest memory at GBUF (8 bytes each); results go to GBUF + 0x1000. */
static void put_edges(void)
{
    for (unsigned i = 0; i < NEDGES; i++)
        memcpy(g2h(GBUF + 8 * i), &edges[i], 8);
}

static ir_val load_edge(enum ir_type t, unsigned i)
{
    ir_val v = ir_temp(blk, t);
    ir_load(blk, t, t == IR_I64 ? IR_MEM_64 : IR_MEM_32, v, G(0), 8 * i);
    return v;
}

/* variant 0: reg op reg, 1: reg op const, 2: const op reg, 3: const op const,
 * 4: global = global op reg (in place) */
static void check_binop(uint8_t opc, enum ir_type t, unsigned variant)
{
    uint64_t m = t == IR_I32 ? 0xffffffffull : ~0ull;
    for (unsigned ia0 = 0; ia0 < NEDGES; ia0 += 10) {
        blk_start(0x1000);
        unsigned n = 0;
        for (unsigned ia = ia0; ia < ia0 + 10 && ia < NEDGES; ia++)
            for (unsigned ib = 0; ib < NEDGES; ib++, n++) {
                ir_val a, b, d = ir_temp(blk, t);
                switch (variant) {
                case 0: a = load_edge(t, ia); b = load_edge(t, ib); break;
                case 1: a = load_edge(t, ia); b = ir_const(blk, t, (int64_t)edges[ib]); break;
                case 2: a = ir_const(blk, t, (int64_t)edges[ia]); b = load_edge(t, ib); break;
                case 3: a = ir_const(blk, t, (int64_t)edges[ia]); b = ir_const(blk, t, (int64_t)edges[ib]); break;
                default:
                    a = t == IR_I64 ? G(5) : W32(1);
                    ir_load(blk, t, t == IR_I64 ? IR_MEM_64 : IR_MEM_32, a, G(0), 8 * ia);
                    b = load_edge(t, ib);
                    d = a;
                    break;
                }
                ir_binop(blk, (enum ir_opc)opc, t, d, a, b);
                ir_store(blk, t == IR_I64 ? IR_MEM_64 : IR_MEM_32, G(0), 0x1000 + 8 * n, d);
            }
        ir_exit(blk, EXIT_SYSCALL, 0x2000, IR_NONE);
        struct tb *tb = translate(blk);
        struct tcpu c;
        cpu_init(&c);
        unsigned r = run_jit(&c, tb->code);
        CHECK_EQ_U64(r, EXIT_SYSCALL);
        n = 0;
        for (unsigned ia = ia0; ia < ia0 + 10 && ia < NEDGES; ia++)
            for (unsigned ib = 0; ib < NEDGES; ib++, n++) {
                uint64_t want = ir_eval_alu((enum ir_opc)opc, t, edges[ia] & m, edges[ib] & m);
                uint64_t got = 0;
                memcpy(&got, g2h(GBUF + 0x1000 + 8 * n), t == IR_I64 ? 8 : 4);
                directed_checked++;
                if (got != want) {
                    test_failed_checks++;
                    if (test_failed_checks < 20)
                        printf("  %s.%s variant %u: %#lx, %#lx -> %#lx, want %#lx\n",
                               ir_opc_name((enum ir_opc)opc), t == IR_I64 ? "i64" : "i32", variant,
                               (unsigned long)(edges[ia] & m), (unsigned long)(edges[ib] & m),
                               (unsigned long)got, (unsigned long)want);
                }
            }
    }
}

TEST(backend, binops_on_edge_values)
{
    setup();
    put_edges();
    for (unsigned k = 0; k < ARRAY_SIZE(binops); k++)
        for (int t = 0; t < 2; t++)
            for (unsigned v = 0; v < 5; v++)
                check_binop(binops[k], (enum ir_type)t, v);
    printf("  (%u results checked)\n", directed_checked);
}

TEST(backend, binops_without_bmi_lzcnt_popcnt)
{
    setup();
    put_edges();
    bool saved[4] = { x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt };
    x86_have_lzcnt = x86_have_bmi1 = x86_have_bmi2 = x86_have_popcnt = false;
    for (unsigned k = 0; k < ARRAY_SIZE(binops); k++)
        for (int t = 0; t < 2; t++)
            check_binop(binops[k], (enum ir_type)t, 0);
    x86_have_lzcnt = saved[0];
    x86_have_bmi1 = saved[1];
    x86_have_bmi2 = saved[2];
    x86_have_popcnt = saved[3];
}

static void check_unops(void)
{
    for (unsigned k = 0; k < ARRAY_SIZE(unops) + 3; k++)
        for (int t = 0; t < 2; t++)
            for (unsigned variant = 0; variant < 2; variant++) {
                uint8_t opc = k < ARRAY_SIZE(unops) ? unops[k] : (uint8_t)(IR_EXT_S + (k - ARRAY_SIZE(unops)));
                bool conv = opc == IR_EXT_S || opc == IR_EXT_U || opc == IR_TRUNC;
                enum ir_type dt = conv ? (opc == IR_TRUNC ? IR_I32 : IR_I64) : (enum ir_type)t;
                enum ir_type st = conv ? (opc == IR_TRUNC ? IR_I64 : IR_I32) : (enum ir_type)t;
                if (conv && t == 1)
                    continue;
                blk_start(0x1000);
                for (unsigned i = 0; i < NEDGES; i++) {
                    ir_val a = variant ? ir_const(blk, st, (int64_t)edges[i]) : load_edge(st, i);
                    ir_val d = ir_temp(blk, dt);
                    ir_unop(blk, (enum ir_opc)opc, dt, d, a);
                    ir_store(blk, IR_MEM_64, G(0), 0x1000 + 8 * i, d);
                }
                ir_exit(blk, EXIT_SYSCALL, 0x2000, IR_NONE);
                struct tb *tb = translate(blk);
                struct tcpu c;
                cpu_init(&c);
                CHECK_EQ_U64(run_jit(&c, tb->code), EXIT_SYSCALL);
                uint64_t sm = st == IR_I32 ? 0xffffffffull : ~0ull;
                for (unsigned i = 0; i < NEDGES; i++) {
                    uint64_t want = ir_eval_alu((enum ir_opc)opc, dt, edges[i] & sm, 0);
                    if (opc == IR_EXT_S || opc == IR_EXT_U || opc == IR_TRUNC)
                        want = ir_eval_alu((enum ir_opc)opc, st, edges[i] & sm, 0);
                    uint64_t got;
                    memcpy(&got, g2h(GBUF + 0x1000 + 8 * i), 8);
                    directed_checked++;
                    if (got != want) {
                        test_failed_checks++;
                        if (test_failed_checks < 20)
                            printf("  %s.%s variant %u: %#lx -> %#lx, want %#lx\n",
                                   ir_opc_name((enum ir_opc)opc), dt == IR_I64 ? "i64" : "i32", variant,
                                   (unsigned long)(edges[i] & sm), (unsigned long)got, (unsigned long)want);
                    }
                }
            }
}

TEST(backend, unops_on_edge_values)
{
    setup();
    put_edges();
    check_unops();
    bool saved[4] = { x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt };
    x86_have_lzcnt = x86_have_bmi1 = x86_have_bmi2 = x86_have_popcnt = false;
    check_unops();
    x86_have_lzcnt = saved[0];
    x86_have_bmi1 = saved[1];
    x86_have_bmi2 = saved[2];
    x86_have_popcnt = saved[3];
}

TEST(backend, setcond_select_brcond_all_conditions)
{
    setup();
    put_edges();
    for (int t = 0; t < 2; t++)
        for (unsigned c = 0; c < IR_COND_COUNT; c++)
            for (unsigned variant = 0; variant < 3; variant++) {
                uint64_t m = t ? ~0ull : 0xffffffffull;
                for (unsigned ia0 = 0; ia0 < NEDGES; ia0 += 10) {
                    blk_start(0x1000);
                    unsigned n = 0;
                    for (unsigned ia = ia0; ia < ia0 + 10 && ia < NEDGES; ia++)
                        for (unsigned ib = 0; ib < NEDGES; ib++, n++) {
                            ir_val a = load_edge((enum ir_type)t, ia);
                            ir_val b = variant == 0 ? load_edge((enum ir_type)t, ib)
                                                    : ir_const(blk, (enum ir_type)t, (int64_t)edges[ib]);
                            if (variant == 2) {      /* constant on the left */
                                ir_val x = a;
                                a = b;
                                b = x;
                            }
                            ir_val s = ir_temp(blk, (enum ir_type)t), x = ir_temp(blk, (enum ir_type)t);
                            ir_setcond(blk, (enum ir_type)t, (enum ir_cond)c, s, a, b);
                            ir_select(blk, (enum ir_type)t, (enum ir_cond)c, x, a, b,
                                      ir_const(blk, (enum ir_type)t, 0x1111), a);
                            ir_store(blk, IR_MEM_64, G(0), 0x1000 + 16 * n, s);
                            ir_store(blk, IR_MEM_64, G(0), 0x1008 + 16 * n, x);
                        }
                    ir_exit(blk, EXIT_SYSCALL, 0x2000, IR_NONE);
                    struct tb *tb = translate(blk);
                    struct tcpu cpu;
                    cpu_init(&cpu);
                    CHECK_EQ_U64(run_jit(&cpu, tb->code), EXIT_SYSCALL);
                    n = 0;
                    for (unsigned ia = ia0; ia < ia0 + 10 && ia < NEDGES; ia++)
                        for (unsigned ib = 0; ib < NEDGES; ib++, n++) {
                            uint64_t x = edges[ia] & m, y = edges[ib] & m;
                            if (variant == 2) {
                                uint64_t z = x;
                                x = y;
                                y = z;
                            }
                            bool want = ir_eval_cond((enum ir_cond)c, (enum ir_type)t, x, y);
                            uint64_t got_s, got_x;
                            memcpy(&got_s, g2h(GBUF + 0x1000 + 16 * n), 8);
                            memcpy(&got_x, g2h(GBUF + 0x1008 + 16 * n), 8);
                            directed_checked += 2;
                            if (got_s != want || got_x != (want ? 0x1111 : x)) {
                                test_failed_checks++;
                                if (test_failed_checks < 20)
                                    printf("  %s.%s v%u %#lx ? %#lx: setcond %lu select %#lx\n",
                                           ir_cond_name((enum ir_cond)c), t ? "i64" : "i32", variant,
                                           (unsigned long)x, (unsigned long)y, (unsigned long)got_s,
                                           (unsigned long)got_x);
                            }
                        }
                }
                /* brcond on a few pairs: the chained exit taken tells the result */
                for (unsigned k = 0; k < 40; k++) {
                    uint64_t x = edges[rn(NEDGES)] & m, y = edges[rn(NEDGES)] & m;
                    blk_start(0x3000);
                    ir_val a = ir_temp(blk, (enum ir_type)t);
                    ir_mov(blk, (enum ir_type)t, a, ir_const(blk, (enum ir_type)t, (int64_t)x));
                    ir_val b = variant ? ir_const(blk, (enum ir_type)t, (int64_t)y) : ir_temp(blk, (enum ir_type)t);
                    if (!variant)
                        ir_mov(blk, (enum ir_type)t, b, ir_const(blk, (enum ir_type)t, (int64_t)y));
                    ir_brcond(blk, (enum ir_type)t, (enum ir_cond)c, a, b, 0x4000, 0x5000);
                    struct tb *tb = translate(blk);
                    struct tcpu cpu;
                    cpu_init(&cpu);
                    CHECK_EQ_U64(run_jit(&cpu, tb->code), EXIT_CHAIN);
                    bool want = ir_eval_cond((enum ir_cond)c, (enum ir_type)t, x, y);
                    CHECK_EQ_U64(cpu.base.pc, want ? 0x4000 : 0x5000);
                    CHECK_EQ_U64(cpu.base.exit_slot, want ? 0 : 1);
                    CHECK(cpu.base.exit_tb == tb);
                    directed_checked++;
                }
            }
}

/* ---- directed: guest memory */

struct mem_case {
    uint64_t addr;          /* guest address of the access */
    unsigned memop;
    bool store;
    unsigned want_reason;
    enum guest_exc want_cause;
    uint64_t want_fault;    /* expected cpu->fault_addr */
};

/* A block that dirties globals, then does one access in its second instruction: a fault
 * must report that instruction's PC with the first instruction's writes in the CPU state. */
static void check_mem_case(const struct mem_case *mc, bool const_addr)
{
    blk_start(0x1000);
    ir_mov(blk, IR_I64, G(1), ir_const(blk, IR_I64, 0x1111));
    ir_mov(blk, IR_I32, W32(0), ir_const(blk, IR_I32, 0x2222));
    ir_val t = ir_temp(blk, IR_I64);
    ir_binop(blk, IR_ADD, IR_I64, t, G(3), G(3));
    ir_insn_start(blk, 0x1004);
    ir_val addr = const_addr ? ir_const(blk, IR_I64, (int64_t)mc->addr) : G(2);
    int64_t off = const_addr ? 0 : 16;
    if (mc->store)
        ir_store(blk, mc->memop, addr, off, t);
    else
        ir_load(blk, IR_I64, mc->memop, G(4), addr, off);
    ir_mov(blk, IR_I64, G(5), t);
    ir_exit(blk, EXIT_SYSCALL, 0x1008, IR_NONE);
    struct tb *tb = translate(blk);
    struct tcpu c;
    cpu_init(&c);
    c.g64[2] = mc->addr - 16;
    c.g64[3] = 0x40;
    uint64_t g4 = c.g64[4], g5 = c.g64[5];
    restore_memory();
    unsigned r = run_jit(&c, tb->code);
    CHECK_EQ_U64(r, mc->want_reason);
    CHECK_EQ_U64(c.g64[1], 0x1111);
    CHECK_EQ_U64(c.g32[0], 0x2222);
    if (mc->want_reason == EXIT_EXCEPTION) {
        CHECK_EQ_U64(c.base.pc, 0x1004);
        CHECK_EQ_U64(c.base.exit_arg, mc->want_cause);
        CHECK_EQ_U64(c.base.fault_addr, mc->want_fault);
        CHECK_EQ_U64(c.g64[4], g4);          /* the faulting instruction wrote nothing */
        CHECK_EQ_U64(c.g64[5], g5);
        CHECK(memcmp(g2h(GBUF), mem_init, MEM_SIZE) == 0);   /* not even part of a store */
    } else {
        CHECK_EQ_U64(c.base.pc, 0x1008);
        CHECK_EQ_U64(c.g64[5], 0x80);
        if (mc->store) {
            uint64_t v = 0;
            memcpy(&v, g2h(mc->addr), 1u << (mc->memop & 3));
            CHECK_EQ_U64(v, 0x80);
        } else {
            uint64_t v = 0;
            unsigned size = 1u << (mc->memop & 3);
            memcpy(&v, g2h(mc->addr), size);
            if ((mc->memop & IR_MEM_SIGNED) && size < 8 && (v >> (8 * size - 1)) & 1)
                v |= ~0ull << (8 * size);
            CHECK_EQ_U64(c.g64[4], v);
        }
    }
    restore_memory();
    directed_checked++;
}

TEST(backend, guest_memory_accesses_and_faults)
{
    setup();
    fill_memory();
    /* the last guest page is mapped: accesses ending at GUEST_SPACE work, one byte more
     * fails the range check */
    const uint64_t top = GUEST_SPACE;
    const struct mem_case cases[] = {
        { GBUF, IR_MEM_8, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 1, IR_MEM_8 | IR_MEM_SIGNED, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 3, IR_MEM_16, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 5, IR_MEM_16 | IR_MEM_SIGNED, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 7, IR_MEM_32, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 9, IR_MEM_32 | IR_MEM_SIGNED, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 11, IR_MEM_64, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + RW_SIZE, IR_MEM_64, false, EXIT_SYSCALL, 0, 0 },          /* read-only page */
        { GBUF + MEM_SIZE - 8, IR_MEM_64, false, EXIT_SYSCALL, 0, 0 },
        { GBUF + 13, IR_MEM_8, true, EXIT_SYSCALL, 0, 0 },
        { GBUF + 15, IR_MEM_16, true, EXIT_SYSCALL, 0, 0 },
        { GBUF + 17, IR_MEM_32, true, EXIT_SYSCALL, 0, 0 },
        { GBUF + RW_SIZE - 8, IR_MEM_64, true, EXIT_SYSCALL, 0, 0 },
        { GBUF + MEM_SIZE, IR_MEM_8, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, GBUF + MEM_SIZE },
        { GBUF + MEM_SIZE - 4, IR_MEM_64, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, GBUF + MEM_SIZE },
        { GBUF + RW_SIZE, IR_MEM_8, true, EXIT_EXCEPTION, EXC_SEGV_ACCERR, GBUF + RW_SIZE },
        { GBUF + RW_SIZE - 2, IR_MEM_32, true, EXIT_EXCEPTION, EXC_SEGV_ACCERR, GBUF + RW_SIZE },
        { 0, IR_MEM_32, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, 0 },
        { top - 1, IR_MEM_8, false, EXIT_SYSCALL, 0, 0 },
        { top - 8, IR_MEM_64, true, EXIT_SYSCALL, 0, 0 },
        { top - 2, IR_MEM_16, false, EXIT_SYSCALL, 0, 0 },
        { top - 4, IR_MEM_32 | IR_MEM_SIGNED, false, EXIT_SYSCALL, 0, 0 },
        { top - 8, IR_MEM_64, false, EXIT_SYSCALL, 0, 0 },
        { top, IR_MEM_8, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, top },
        /* straddling the end: the first byte outside is reported */
        { top - 1, IR_MEM_16, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, top },
        { top - 3, IR_MEM_32, true, EXIT_EXCEPTION, EXC_SEGV_MAPERR, top },
        { top - 7, IR_MEM_64, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, top },
        { top - 1, IR_MEM_64, true, EXIT_EXCEPTION, EXC_SEGV_MAPERR, top },
        { 1ull << 63, IR_MEM_8, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, 1ull << 63 },
        { ~0ull, IR_MEM_8, true, EXIT_EXCEPTION, EXC_SEGV_MAPERR, ~0ull },
        { ~0ull - 3, IR_MEM_64, false, EXIT_EXCEPTION, EXC_SEGV_MAPERR, ~0ull - 3 },
    };
    for (unsigned t = 0; t < NTABLES; t++) {
        globals = global_tables[t];
        for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
            for (int k = 0; k < 2; k++) {
                unsigned before = (unsigned)test_failed_checks;
                check_mem_case(&cases[i], k);
                if ((unsigned)test_failed_checks != before)
                    printf("  (case %u, %s address, %s)\n", i, k ? "constant" : "register",
                           table_names[t]);
            }
    }
    globals = global_tables[TABLE_PINNED];
}

/* ---- directed: exits */

static struct tb *block_inc_goto(uint64_t pc, uint64_t target)
{
    blk_start(pc);
    ir_binop(blk, IR_ADD, IR_I64, G(1), G(1), ir_const(blk, IR_I64, 1));
    ir_goto_tb(blk, target);
    return translate(blk);
}

static struct tb *block_exit_marker(uint64_t pc)
{
    blk_start(pc);
    ir_binop(blk, IR_MUL, IR_I64, G(2), G(1), ir_const(blk, IR_I64, 2));
    ir_exit(blk, EXIT_SYSCALL, pc + 4, G(1));
    return translate(blk);
}

/* Accesses at base + displacement where only the base is checked: a base outside the
 * guest space whose sum is inside (the check's stub resumes the access), sums in the
 * guards below 0 and above the end, straddles, and a second access off the same base that
 * is not checked again; the base computed (a register) or moved in as a constant (the
 * backend then knows the address). The interpreter is the reference. */
TEST(backend, base_displacement_accesses_near_the_ends)
{
    setup();
    fill_memory();
    const uint64_t top = GUEST_SPACE;
    static const struct { uint64_t base; int64_t imm1; unsigned memop1; int64_t imm2; unsigned memop2; } cases[] = {
        { top + 8, -16, IR_MEM_64, -9, IR_MEM_8 },      /* resumed, then valid unchecked */
        { top + 8, -16, IR_MEM_64, 0, IR_MEM_8 },       /* resumed, then a guard fault */
        { top + 100, -200, IR_MEM_32, -120, IR_MEM_16 },
        { 8, -16, IR_MEM_64, 0, IR_MEM_8 },             /* lower guard */
        { 4, -8, IR_MEM_64, 0, IR_MEM_8 },              /* straddles 0 */
        { GBUF, -8, IR_MEM_64, 0, IR_MEM_8 },           /* unmapped guest page */
        { GBUF, 8, IR_MEM_64, -1, IR_MEM_16 },          /* valid, then straddles into unmapped */
        { top - 8, 8, IR_MEM_8, 0, IR_MEM_8 },          /* upper guard */
        { top - 4, 0, IR_MEM_64, 0, IR_MEM_8 },         /* straddles the end */
        { top - 4, 0, IR_MEM_32, 2, IR_MEM_32 },        /* valid, then straddles the end */
        { top - 16, 8, IR_MEM_64, 12, IR_MEM_32 | IR_MEM_SIGNED },
        { 1ull << 63, 0, IR_MEM_8, 0, IR_MEM_8 },       /* far outside: the stub's check fails */
        { 0 - 8ull, 16, IR_MEM_64, 24, IR_MEM_8 },      /* base wraps: sum 8, unmapped page 0 */
    };
    for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
        for (unsigned kind = 0; kind < 8; kind++) {  /* load/store of the first, second access */
            blk_start(0x1000);
            if (kind & 4)
                ir_movi(blk, IR_I64, G(2), (int64_t)cases[i].base);
            else                                     /* g0 is GBUF */
                ir_binop(blk, IR_ADD, IR_I64, G(2), G(0), ir_const(blk, IR_I64, (int64_t)(cases[i].base - GBUF)));
            ir_mov(blk, IR_I64, G(1), ir_const(blk, IR_I64, 0x1111));
            ir_insn_start(blk, 0x1004);
            if (kind & 1)
                ir_store(blk, cases[i].memop1 & 3, G(2), cases[i].imm1, G(3));
            else
                ir_load(blk, IR_I64, cases[i].memop1, G(4), G(2), cases[i].imm1);
            ir_insn_start(blk, 0x1008);
            if (kind & 2)
                ir_store(blk, cases[i].memop2 & 3, G(2), cases[i].imm2, G(5));
            else
                ir_load(blk, IR_I64, cases[i].memop2, G(6), G(2), cases[i].imm2);
            ir_exit(blk, EXIT_SYSCALL, 0x100c, IR_NONE);
            for (unsigned t = 0; t < NTABLES; t++) {
                globals = global_tables[t];
                blk->globals = globals;
                if (!diff_block(blk))
                    printf("  (case %u, kind %u, %s)\n", i, kind, table_names[t]);
            }
            globals = global_tables[TABLE_PINNED];
        }
}

TEST(backend, chaining_unchaining_and_interrupts)
{
    setup();
    struct tb *a = block_inc_goto(0x1000, 0x2000);
    struct tb *b = block_exit_marker(0x2000);
    CHECK_EQ_U64(a->jmp_pc[0], 0x2000);
    CHECK_EQ_U64(a->jmp_off[1], TB_NO_JMP);
    CHECK_EQ_U64(((uintptr_t)a->code + a->jmp_off[0]) & 3, 0);
    struct tcpu c;
    cpu_init(&c);
    c.g64[1] = 10;
    CHECK_EQ_U64(run_jit(&c, a->code), EXIT_CHAIN);
    CHECK_EQ_U64(c.base.pc, 0x2000);
    CHECK(c.base.exit_tb == a);
    CHECK_EQ_U64(c.base.exit_slot, 0);
    CHECK_EQ_U64(c.g64[1], 11);

    x86_patch_jump(a, 0, b->code);
    CHECK_EQ_U64(run_jit(&c, a->code), EXIT_SYSCALL);
    CHECK_EQ_U64(c.g64[1], 12);
    CHECK_EQ_U64(c.g64[2], 24);
    CHECK_EQ_U64(c.base.pc, 0x2004);
    CHECK_EQ_U64(c.base.exit_arg, 12);

    /* a pending interrupt stops the chained successor at its start */
    c.base.interrupt_request = 1;
    CHECK_EQ_U64(run_jit(&c, a->code), EXIT_INTERRUPT);
    CHECK_EQ_U64(c.base.pc, 0x1000);
    CHECK_EQ_U64(c.g64[1], 12);
    c.base.interrupt_request = 0;

    x86_patch_jump(a, 0, NULL);
    CHECK_EQ_U64(run_jit(&c, a->code), EXIT_CHAIN);
    CHECK_EQ_U64(c.g64[1], 13);

    /* brcond: both exits chain independently */
    blk_start(0x3000);
    ir_brcond(blk, IR_I64, IR_EQ, G(3), ir_const(blk, IR_I64, 0), 0x2000, 0x4000);
    struct tb *br = translate(blk);
    CHECK_EQ_U64(((uintptr_t)br->code + br->jmp_off[0]) & 3, 0);
    CHECK_EQ_U64(((uintptr_t)br->code + br->jmp_off[1]) & 3, 0);
    c.g64[3] = 5;
    CHECK_EQ_U64(run_jit(&c, br->code), EXIT_CHAIN);
    CHECK_EQ_U64(c.base.pc, 0x4000);
    CHECK_EQ_U64(c.base.exit_slot, 1);
    x86_patch_jump(br, 1, b->code);
    CHECK_EQ_U64(run_jit(&c, br->code), EXIT_SYSCALL);
    CHECK_EQ_U64(c.base.pc, 0x2004);
    c.g64[3] = 0;
    CHECK_EQ_U64(run_jit(&c, br->code), EXIT_CHAIN);
    CHECK_EQ_U64(c.base.pc, 0x2000);
    CHECK_EQ_U64(c.base.exit_slot, 0);
}

/* Sets the interrupt request when its argument is 0, as a signal arriving meanwhile would. */
static uint64_t h_request_irq(struct cpu *c, uint64_t a, uint64_t b, uint64_t x, uint64_t y)
{
    (void)b; (void)x; (void)y;
    if (a == 0)
        c->interrupt_request = 1;
    return 0;
}
static const struct ir_helper irq_helper = { "request_irq", (void *)h_request_irq, 1, IR_HELPER_NO_GLOBALS, false };

/* A chained jump to a higher PC skips the target's interrupt check, one to the same or a
 * lower PC does not: a loop of chained blocks stops at its head once a request is set. */
TEST(backend, interrupt_checks_on_backward_chained_jumps)
{
    setup();
    struct tb *marker = block_exit_marker(0x9000);
    /* loop at 0x5000: g1 -= 1; request when g1 reaches 0; back to 0x5000 while g1 != -5 */
    blk_start(0x5000);
    ir_binop(blk, IR_SUB, IR_I64, G(1), G(1), ir_const(blk, IR_I64, 1));
    ir_call(blk, &irq_helper, IR_I64, IR_NONE, G(1), 0, 0, 0);
    ir_brcond(blk, IR_I64, IR_NE, G(1), ir_const(blk, IR_I64, -5), 0x5000, 0x9000);
    struct tb *loop = translate(blk);
    x86_patch_jump(loop, 0, loop->code);
    x86_patch_jump(loop, 1, marker->code);
    struct tcpu c;
    cpu_init(&c);
    c.g64[1] = 3;
    CHECK_EQ_U64(run_jit(&c, loop->code), EXIT_INTERRUPT);
    CHECK_EQ_U64(c.base.pc, 0x5000);
    CHECK_EQ_U64(c.g64[1], 0);                 /* stopped right after the request */
    c.base.interrupt_request = 0;
    CHECK_EQ_U64(run_jit(&c, loop->code), EXIT_SYSCALL);
    CHECK_EQ_U64(c.g64[1], (uint64_t)-5);
    CHECK_EQ_U64(c.base.pc, 0x9004);

    /* forward: 0x4000 requests, then its chained successor at 0x9000 still runs */
    blk_start(0x4000);
    ir_call(blk, &irq_helper, IR_I64, IR_NONE, ir_const(blk, IR_I64, 0), 0, 0, 0);
    ir_goto_tb(blk, 0x9000);
    struct tb *fwd = translate(blk);
    x86_patch_jump(fwd, 0, marker->code);
    cpu_init(&c);
    CHECK_EQ_U64(run_jit(&c, fwd->code), EXIT_SYSCALL);
    CHECK_EQ_U64(c.base.pc, 0x9004);
    CHECK_EQ_U64(c.base.interrupt_request, 1);
    c.base.interrupt_request = 0;
}

TEST(backend, goto_ptr_probes_the_jump_cache)
{
    setup();
    struct tb *b = block_exit_marker(0x2000);
    blk_start(0x1000);
    ir_binop(blk, IR_ADD, IR_I64, G(1), G(1), ir_const(blk, IR_I64, 1));
    ir_goto_ptr(blk, G(4));
    struct tb *p = translate(blk);
    struct tcpu c;
    cpu_init(&c);
    c.g64[1] = 7;
    c.g64[4] = 0x2000;
    CHECK_EQ_U64(run_jit(&c, p->code), EXIT_INDIRECT);   /* empty cache: miss */
    CHECK_EQ_U64(c.base.pc, 0x2000);
    CHECK_EQ_U64(c.g64[1], 8);
    jc[jc_hash(0x2000)] = (struct jc_entry){ .guest_pc = 0x2000, .host = b->code };
    CHECK_EQ_U64(run_jit(&c, p->code), EXIT_SYSCALL);    /* hit: ran b */
    CHECK_EQ_U64(c.g64[2], 18);
    c.g64[4] = 0x2000 + 2 * JC_SIZE;                      /* same slot, other pc: miss */
    CHECK_EQ_U64(run_jit(&c, p->code), EXIT_INDIRECT);
    CHECK_EQ_U64(c.base.pc, 0x2000 + 2 * JC_SIZE);
    c.g64[4] = JC_EMPTY;                                  /* must not match an empty slot */
    CHECK_EQ_U64(run_jit(&c, p->code), EXIT_INDIRECT);
    CHECK_EQ_U64(c.base.pc, JC_EMPTY);
    jc[jc_hash(0x2000)].guest_pc = JC_EMPTY;
}

TEST(backend, helper_calls_see_exact_state)
{
    setup();
    blk_start(0x1000);
    ir_mov(blk, IR_I64, G(3), ir_const(blk, IR_I64, 77));     /* dirty in a register */
    ir_mov(blk, IR_I64, G(1), ir_const(blk, IR_I64, 5));
    ir_val live[20];
    for (unsigned i = 0; i < 20; i++) {                         /* live across the calls */
        live[i] = ir_temp(blk, IR_I64);
        ir_binop(blk, IR_MUL, IR_I64, live[i], G(6), ir_const(blk, IR_I64, i + 1));
    }
    ir_insn_start(blk, 0x1008);
    ir_call(blk, &helpers[2], IR_I64, G(6), G(5), 0, 0, 0);      /* full: g1 += g5, returns g3+1 */
    ir_val r = ir_temp(blk, IR_I64);
    ir_call(blk, &helpers[0], IR_I64, r, live[0], live[1], live[2], live[3]);
    ir_val r32 = ir_temp(blk, IR_I32);
    ir_call(blk, &helpers[4], IR_I32, r32, live[4], live[5], 0, 0);
    ir_val sum = ir_temp(blk, IR_I64);
    ir_mov(blk, IR_I64, sum, r);
    for (unsigned i = 0; i < 20; i++)
        ir_binop(blk, IR_XOR, IR_I64, sum, sum, live[19 - i]);
    ir_val e = ir_temp(blk, IR_I64);
    ir_unop(blk, IR_EXT_U, IR_I64, e, r32);
    ir_binop(blk, IR_ADD, IR_I64, G(7), sum, e);
    ir_exit(blk, EXIT_SYSCALL, 0x100c, IR_NONE);
    struct tb *tb = translate(blk);
    struct tcpu c;
    cpu_init(&c);
    c.g64[5] = 1000;
    c.g64[6] = 3;
    uint64_t want = h_pure(NULL, 3, 6, 9, 12);
    for (unsigned i = 0; i < 20; i++)
        want ^= 3 * (i + 1);
    want += (uint32_t)h_i32(NULL, 15, 18, 0, 0);
    CHECK_EQ_U64(run_jit(&c, tb->code), EXIT_SYSCALL);
    CHECK_EQ_U64(c.env[6], 0x1008);           /* cpu->pc was the calling instruction's */
    CHECK_EQ_U64(c.g64[1], 1005);             /* the helper saw g1 = 5 written back */
    CHECK_EQ_U64(c.g64[6], 78);               /* ... and g3 = 77 */
    CHECK_EQ_U64(c.g64[7], want);
    CHECK(diff_block(blk));
}

/* ---- directed: floating point */

static const uint64_t fp_edges64[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x0000000000000001ull, 0x800fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000001ull,
    0x7ff0000000000001ull, 0xfff4000000000000ull, 0x3fe0000000000000ull, 0x400c000000000000ull,
    0x41dfffffffc00000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull, 0xc1e0000000200000ull,
    0x43e0000000000000ull, 0xc3e0000000000000ull, 0x3ca0000000000001ull, 0x4340000000000001ull,
    0x3fd5555555555555ull, 0xc00921fb54442d18ull,
};
static const uint32_t fp_edges32[] = {
    0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x00000001u, 0x807fffffu, 0x00800000u,
    0x7f7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00001u, 0x7f800001u, 0xffa00000u,
    0x3f000000u, 0x40600000u, 0x4effffffu, 0x4f000000u, 0xcf000000u, 0xcf000001u, 0x5f000000u,
    0xdf000000u, 0x33800001u, 0x4b800001u, 0x3eaaaaabu, 0xc0490fdbu,
};
_Static_assert(ARRAY_SIZE(fp_edges64) == ARRAY_SIZE(fp_edges32), "as many f32 as f64 edges");
#define NFP ARRAY_SIZE(fp_edges64)
#define FP_EDGES 0x400          /* f64 edges at GBUF + 0x400, f32 at GBUF + 0x600 */
#define FP_FLAGS 0x3000         /* the flags after op n at GBUF + 0x3000 + 4n */

/* Stores the flags accrued so far (the denormal flag masked) to guest memory and clears
 * them: the memory comparison then covers the flags of every op. */
static uint64_t h_take_flags(struct cpu *c, uint64_t n, uint64_t unused1, uint64_t unused2, uint64_t unused3)
{
    uint32_t f = fp_env_of(c) & FP_ENV_FLAGS & ~(uint32_t)FP_ENV_DENORMAL;
    memcpy(g2h(GBUF + FP_FLAGS + 4 * n), &f, 4);
    c->fp_env = fp_env_of(c) & ~(uint32_t)FP_ENV_FLAGS;
    return 0;
}
static const struct ir_helper take_flags_helper = { "take_flags", (void *)h_take_flags, 1, IR_HELPER_NO_GLOBALS, false };

static void put_fp_edges(void)
{
    fill_memory();
    for (unsigned i = 0; i < NFP; i++) {
        memcpy(mem_init + FP_EDGES + 8 * i, &fp_edges64[i], 8);
        memcpy(mem_init + FP_EDGES + 0x200 + 8 * i, &fp_edges32[i], 4);
    }
    memcpy(g2h(GBUF), mem_init, RW_SIZE);
}

static ir_val load_fp_edge(enum ir_type t, unsigned i)
{
    ir_val v = ir_temp(blk, t);
    ir_load(blk, t, t == IR_I64 ? IR_MEM_64 : IR_MEM_32, v, G(0),
            FP_EDGES + (t == IR_I64 ? 0 : 0x200) + 8 * i);
    return v;
}

static unsigned fp_directed_blocks;

/* All pairs of edges (rows ia0.. of 5) through one op: JIT and interpreter must agree on
 * every result and on the flags after every op. */
static void check_fp_rows(uint8_t opc, enum ir_type t, enum ir_type at, uint8_t cond, unsigned ia0)
{
    blk_start(0x1000);
    unsigned n = 0;
    bool unary = opc == IR_FSQRT || opc == IR_FTOI || opc == IR_FTOI_RTZ || opc == IR_ITOF || opc == IR_FTOF;
    for (unsigned ia = ia0; ia < ia0 + 5 && ia < NFP; ia++)
        for (unsigned ib = 0; ib < (unary ? 1 : NFP); ib++, n++) {
            ir_val a = opc == IR_ITOF ? load_edge(at, ia % NEDGES) : load_fp_edge(at, ia);
            ir_val b = unary ? IR_NONE : load_fp_edge(t, ib);
            ir_val c = opc == IR_FMA ? load_fp_edge(t, (ia * 7 + ib) % NFP) : IR_NONE;
            enum ir_type dt = opc == IR_FCMP && (ib & 1) ? IR_I32 : t;
            ir_val d = ir_temp(blk, dt);
            int64_t nan = opc == IR_FTOI || opc == IR_FTOI_RTZ ? 0x5a5a5a5a
                        : t == IR_I64 ? 0x7ff8000000000000ll : 0x7fc00000;
            struct ir_op *op = ir_fpop(blk, (enum ir_opc)opc, t, d, a, b, c, nan);
            op->cond = cond;
            if (opc == IR_FMA) {
                op->helper = &fma_helper;
                op->imm2 = t == IR_I64;
            }
            ir_store(blk, IR_MEM_64, G(0), 0x1000 + 8 * n, d);
            ir_call(blk, &take_flags_helper, IR_I64, IR_NONE, ir_const(blk, IR_I64, n), 0, 0, 0);
        }
    ir_exit(blk, EXIT_SYSCALL, 0x2000, IR_NONE);
    fp_directed_blocks++;
    diff_block(blk);
}

TEST(backend, fp_ops_on_edge_values_in_every_rounding_mode)
{
    setup();
    put_fp_edges();
    static const uint8_t ops[] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FMA, IR_FCMP,
                                   IR_FTOI, IR_FTOI_RTZ, IR_ITOF, IR_FTOF };
    for (unsigned rc = 0; rc < 4; rc++) {
        forced_fp_env = FP_ENV_DEFAULT | rc << FP_ENV_RC_SHIFT;
        for (unsigned k = 0; k < ARRAY_SIZE(ops); k++)
            for (int t = 0; t < 2; t++)
                for (int at = 0; at < 2; at++) {
                    uint8_t o = ops[k];
                    bool two_types = o == IR_FTOI || o == IR_FTOI_RTZ || o == IR_ITOF;
                    if (!two_types && at != (o == IR_FTOF ? !t : t))
                        continue;
                    for (unsigned cond = 0; cond < (o == IR_FCMP ? 3u : 1u); cond++)
                        for (unsigned ia0 = 0; ia0 < NFP; ia0 += 5)
                            check_fp_rows(o, (enum ir_type)t, (enum ir_type)at,
                                          cond == 0 ? IR_EQ : cond == 1 ? IR_LT : IR_LE, ia0);
                }
    }
    forced_fp_env = 0;
    printf("  (%u blocks)\n", fp_directed_blocks);
}

TEST(backend, fp_ops_without_fma3)
{
    setup();
    put_fp_edges();
    bool saved = x86_have_fma;
    x86_have_fma = false;                  /* the backend calls the fallback for every fma */
    for (unsigned rc = 0; rc < 4; rc++) {
        forced_fp_env = FP_ENV_DEFAULT | rc << FP_ENV_RC_SHIFT;
        for (int t = 0; t < 2; t++)
            for (unsigned ia0 = 0; ia0 < NFP; ia0 += 5)
                check_fp_rows(IR_FMA, (enum ir_type)t, (enum ir_type)t, IR_EQ, ia0);
    }
    forced_fp_env = 0;
    x86_have_fma = saved;
}

/* The IR's definition on a few values whose answer is known (RISC-V's, from the ISA). */
TEST(backend, fp_semantics_spot_checks)
{
    struct cpu c = { .fp_env = FP_ENV_DEFAULT };
    struct ir_block *b = ir_block_new();
    ir_init(b, globals, NGLOB_ALL, 0);
    ir_val d64 = ir_temp(b, IR_I64), d32 = ir_temp(b, IR_I32), s64 = ir_temp(b, IR_I64), s32 = ir_temp(b, IR_I32);
    struct ir_op op = { .opc = IR_FTOI_RTZ, .type = IR_I32, .dst = d32, .args = { s64 }, .imm = 0x7fffffff };
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x41f0000000000000ull /* 2^32 */, 0, 0), 0x7fffffff);
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT | FP_ENV_INVALID);
    c.fp_env = 0;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0xfff8000000000000ull, 0, 0), 0x7fffffff);   /* NaN: imm */
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0xc1e0000000000000ull, 0, 0), 0x80000000);   /* -2^31 */
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0xbfe0000000000000ull, 0, 0), 0);            /* -0.5 */
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT | FP_ENV_INVALID | FP_ENV_INEXACT);
    op = (struct ir_op){ .opc = IR_FTOI, .type = IR_I64, .dst = d64, .args = { s32 }, .imm = 7 };
    c.fp_env = FP_ENV_DEFAULT | FP_ENV_RC_UP << FP_ENV_RC_SHIFT;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x3fc00000 /* 1.5f */, 0, 0), 2);
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x5f000000 /* 2^63 */, 0, 0), 0x7fffffffffffffffull);
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x7f800001 /* sNaN */, 0, 0), 7);
    op = (struct ir_op){ .opc = IR_FADD, .type = IR_I64, .dst = d64, .args = { s64, s64 }, .imm = 0x7ff8000000000000ll };
    c.fp_env = FP_ENV_DEFAULT;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0), 0x7ff8000000000000ull);
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT | FP_ENV_INVALID);
    c.fp_env = FP_ENV_DEFAULT;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0xfff8000000001234ull, 0x3ff0000000000000ull, 0), 0x7ff8000000000000ull);
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT);                       /* a quiet NaN raises nothing */
    op = (struct ir_op){ .opc = IR_FMA, .type = IR_I32, .dst = d32, .args = { s32, s32, s32 }, .imm = 0x7fc00000 };
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0, 0x7f800000, 0x7fc00000), 0x7fc00000);   /* 0*inf + qNaN */
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT | FP_ENV_INVALID);
    op = (struct ir_op){ .opc = IR_FCMP, .type = IR_I64, .cond = IR_EQ, .dst = d32, .args = { s64, s64 } };
    c.fp_env = FP_ENV_DEFAULT;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x7ff8000000000000ull, 0x7ff8000000000000ull, 0), 0);
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT);                       /* quiet compare */
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0, 0x8000000000000000ull, 0), 1);   /* +0 == -0 */
    op.cond = IR_LE;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x7ff8000000000000ull, 0, 0), 0);
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT | FP_ENV_INVALID);      /* signalling compare */
    op = (struct ir_op){ .opc = IR_ITOF, .type = IR_I32, .dst = d32, .args = { s64 } };
    c.fp_env = FP_ENV_DEFAULT | FP_ENV_RC_ZERO << FP_ENV_RC_SHIFT;
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 0x7fffffffffffffffull, 0, 0), 0x5effffff);
    CHECK_EQ_U64(c.fp_env, FP_ENV_DEFAULT | FP_ENV_RC_ZERO << FP_ENV_RC_SHIFT | FP_ENV_INEXACT);
    c.fp_fallback = 1;                                            /* no helper: ignored */
    CHECK_EQ_U64(ir_eval_fp(&c, b, &op, 3, 0, 0), 0x40400000);
    ir_block_free(b);
}

/* ---- the differential runner */


static unsigned diff_blocks, diff_by_reason[8], diff_failures;

static const char *reason_name(unsigned r)
{
    static const char *const n[] = { "?", "chain", "indirect", "syscall", "exception", "flush", "interrupt" };
    return r < ARRAY_SIZE(n) ? n[r] : "?";
}

/* Runs b with the interpreter and with the backend from the same state; true if they agree. */
static bool diff_block(const struct ir_block *b)
{
    struct tcpu ci, cj;
    cpu_init(&ci);
    cj = ci;
    restore_memory();
    unsigned ri = run_interp(&ci, b);
    memcpy(mem_interp, g2h(GBUF), MEM_SIZE);
    memcpy(top_interp, g2h(TOP_PAGE), GUEST_PAGE_SIZE);
    restore_memory();
    struct tb *tb = translate((struct ir_block *)b);
    unsigned rj = run_jit(&cj, tb->code);
    diff_blocks++;
    diff_by_reason[ri & 7]++;

    char why[200] = "";
    if (ri != rj)
        snprintf(why, sizeof(why), "exit reason %s vs %s", reason_name(ri), reason_name(rj));
    else if (ci.base.pc != cj.base.pc)
        snprintf(why, sizeof(why), "pc %#lx vs %#lx", (unsigned long)ci.base.pc, (unsigned long)cj.base.pc);
    else if (ci.base.exit_arg != cj.base.exit_arg)
        snprintf(why, sizeof(why), "exit_arg %#lx vs %#lx", (unsigned long)ci.base.exit_arg, (unsigned long)cj.base.exit_arg);
    else if (ci.base.fault_addr != cj.base.fault_addr)
        snprintf(why, sizeof(why), "fault_addr %#lx vs %#lx", (unsigned long)ci.base.fault_addr, (unsigned long)cj.base.fault_addr);
    else if (rj == EXIT_CHAIN && (cj.base.exit_tb != tb || cj.base.exit_slot > 1 ||
                                  tb->jmp_pc[cj.base.exit_slot] != cj.base.pc))
        snprintf(why, sizeof(why), "chain exit: tb %p slot %u", (void *)cj.base.exit_tb, cj.base.exit_slot);
    else if (memcmp(mem_interp, g2h(GBUF), MEM_SIZE) != 0) {
        unsigned i = 0;
        while (mem_interp[i] == ((uint8_t *)g2h(GBUF))[i])
            i++;
        snprintf(why, sizeof(why), "guest memory differs at %#lx", (unsigned long)(GBUF + i));
    } else if (memcmp(top_interp, g2h(TOP_PAGE), GUEST_PAGE_SIZE) != 0) {
        snprintf(why, sizeof(why), "the last guest page differs");
    } else {
        for (unsigned i = 0; i < NG64 && !why[0]; i++)
            if (ci.g64[i] != cj.g64[i])
                snprintf(why, sizeof(why), "g%u %#lx vs %#lx", i, (unsigned long)ci.g64[i], (unsigned long)cj.g64[i]);
        for (unsigned i = 0; i < NG32 && !why[0]; i++)
            if (ci.g32[i] != cj.g32[i])
                snprintf(why, sizeof(why), "w%u %#x vs %#x", i, ci.g32[i], cj.g32[i]);
        for (unsigned i = 0; i < 8 && !why[0]; i++)
            if (ci.env[i] != cj.env[i])
                snprintf(why, sizeof(why), "env[%u] %#lx vs %#lx", i, (unsigned long)ci.env[i], (unsigned long)cj.env[i]);
        if (!why[0] && ci.steps != cj.steps)
            snprintf(why, sizeof(why), "steps %lu vs %lu", (unsigned long)ci.steps, (unsigned long)cj.steps);
        if (!why[0] && (fp_env_of(&ci.base) & FP_ENV_COMPARED) != (fp_env_of(&cj.base) & FP_ENV_COMPARED))
            snprintf(why, sizeof(why), "fp_env %#x vs %#x", fp_env_of(&ci.base), fp_env_of(&cj.base));
    }
    restore_memory();
    if (!why[0])
        return true;
    test_failed_checks++;
    if (++diff_failures <= 3) {
        printf("  interpreter and backend disagree (interp first): %s\n", why);
        ir_dump(b, stdout);
        x86_disas(stdout, tb->code, tb->code_size);
    }
    return false;
}

/* ---- random blocks */

#define NTEMPS 8

struct rgen {
    ir_val temps[2][NTEMPS];
    bool defined[2][NTEMPS];
    uint64_t pc;
};

static enum ir_type rtype(void) { return rn(2) ? IR_I64 : IR_I32; }

static ir_val r_global(enum ir_type t, bool writable)
{
    return t == IR_I64 ? G(writable ? 1 + rn(NG64 - 1) : rn(NG64)) : W32(rn(NG32));
}

static ir_val r_src(struct rgen *r, enum ir_type t)
{
    unsigned k = rn(10);
    if (k < 3)
        return r_global(t, false);
    if (k < 7) {
        unsigned start = rn(NTEMPS);
        for (unsigned i = 0; i < NTEMPS; i++)
            if (r->defined[t][(start + i) % NTEMPS])
                return r->temps[t][(start + i) % NTEMPS];
        return r_global(t, false);
    }
    return ir_const(blk, t, (int64_t)rnd_value());
}

static ir_val r_dst(struct rgen *r, enum ir_type t)
{
    if (rn(3) == 0)
        return r_global(t, true);
    unsigned i = rn(NTEMPS);
    r->defined[t][i] = true;
    return r->temps[t][i];
}

static ir_val r_shift_count(struct rgen *r, enum ir_type t)
{
    static const int64_t counts[] = { 0, 1, 7, 31, 32, 33, 63, 64, 65, -1 };
    return rn(2) ? ir_const(blk, t, counts[rn(ARRAY_SIZE(counts))]) : r_src(r, t);
}

/* Address operand and offset for a guest access: mostly inside the buffer, sometimes at
 * its edges, in the read-only page, unmapped, or far outside the guest space. */
static void r_address(struct rgen *r, ir_val *addr, int64_t *off)
{
    unsigned k = rn(1000);
    if (k < 800) {                      /* base + offset inside the read-write part */
        *addr = G(0);
        *off = (int64_t)rn(RW_SIZE - 8);
    } else if (k < 850) {               /* a constant address inside it */
        *addr = ir_const(blk, IR_I64, (int64_t)(GBUF + rn(RW_SIZE - 8)));
        *off = 0;
    } else if (k < 950) {               /* a computed pointer, small offset */
        ir_val t = r_dst(r, IR_I64);
        ir_binop(blk, IR_ADD, IR_I64, t, G(0), ir_const(blk, IR_I64, (int64_t)rn(RW_SIZE - 72)));
        *addr = t;
        *off = (int64_t)rn(64);
    } else if (k < 970) {               /* the edges: read-only page, unmapped page */
        *addr = rn(2) ? G(0) : ir_const(blk, IR_I64, (int64_t)GBUF);
        *off = (int64_t)rn(MEM_SIZE + 32) - 16;
    } else if (k < 980) {               /* the end of the guest space */
        *addr = ir_const(blk, IR_I64, (int64_t)(GUEST_SPACE - rn(16)));
        *off = 0;
    } else if (k < 985) {               /* base + huge offset: the end of the space, or wrap */
        *addr = G(0);
        *off = (int64_t)(GUEST_SPACE - GBUF - rn(16)) * (rn(2) ? 1 : -1);
    } else if (k < 992) {               /* a base near either end, small offset: the guards */
        static const uint64_t ends[] = { 0, GUEST_SPACE, 0 - 64ull, GUEST_SPACE - 64 };
        ir_val t = r_dst(r, IR_I64);
        ir_movi(blk, IR_I64, t, (int64_t)(ends[rn(ARRAY_SIZE(ends))] + rn(128)));
        *addr = t;
        *off = (int64_t)rn(256) - 128;
    } else {                            /* anything */
        *addr = r_src(r, IR_I64);
        *off = (int64_t)rn(64) - 32;
    }
}

static const uint64_t fp_consts[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0x0000000000000001ull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull, 0x43e0000000000000ull,
    0xc1e0000000200000ull, 0x3fe0000000000000ull, 0x7fefffffffffffffull,
    0x3f800000, 0x80000000, 0x7f800000, 0x7fc00000, 0x7f800001, 0x00000001, 0x4f000000,
    0xdf000000, 0x3fc00000, 0x7f7fffff, 0x4b800001,
};

static ir_val r_fp_src(struct rgen *r, enum ir_type t)
{
    if (rn(3) == 0)
        return ir_const(blk, t, (int64_t)fp_consts[rn(ARRAY_SIZE(fp_consts))]);
    return r_src(r, t);
}

static void r_fp_op(struct rgen *r)
{
    static const uint8_t ops[] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FMA, IR_FCMP,
                                   IR_FTOI, IR_FTOI_RTZ, IR_ITOF, IR_FTOF };
    if (rn(12) == 0) {                     /* the accrued flags, read or replaced */
        if (rn(2))
            ir_emit(blk, IR_FPFLAGS_GET, IR_I32)->dst = r_dst(r, IR_I32);
        else
            ir_emit(blk, IR_FPFLAGS_SET, IR_I32)->args[0] = r_src(r, IR_I32);
        return;
    }
    uint8_t o = ops[rn(ARRAY_SIZE(ops))];
    enum ir_type t = rtype();
    ir_val a, b = IR_NONE, c = IR_NONE;
    int64_t canon = t == IR_I64 ? 0x7ff8000000000000ll : 0x7fc00000;
    int64_t nan = rn(4) ? canon : (int64_t)rnd_value();
    switch (o) {
    case IR_FTOI: case IR_FTOI_RTZ: a = r_fp_src(r, rtype()); break;
    case IR_ITOF: a = r_src(r, rtype()); break;
    case IR_FTOF: a = r_fp_src(r, t == IR_I64 ? IR_I32 : IR_I64); break;
    default:
        a = r_fp_src(r, t);
        if (o != IR_FSQRT)
            b = rn(8) == 0 ? a : r_fp_src(r, t);
        if (o == IR_FMA)
            c = r_fp_src(r, t);
        break;
    }
    ir_val d = r_dst(r, o == IR_FCMP ? rtype() : t);
    if (o == IR_FMA)
        nan = canon;
    struct ir_op *op = ir_fpop(blk, (enum ir_opc)o, t, d, a, b, c, nan);
    if (o == IR_FCMP) {
        static const uint8_t conds[] = { IR_EQ, IR_LT, IR_LE };
        op->cond = conds[rn(3)];
    } else if (o == IR_FMA) {
        op->helper = &fma_helper;
        op->imm2 = t == IR_I64;
    } else if (rn(2)) {
        op->helper = &fp_fallback_helper;
        op->imm2 = (int64_t)rnd_value();
    }
}

static void r_op(struct rgen *r)
{
    if (rn(8) == 0) {
        r_fp_op(r);
        return;
    }
    unsigned k = rn(100);
    enum ir_type t = rtype();
    if (k < 35) {
        uint8_t opc = binops[rn(ARRAY_SIZE(binops))];
        ir_val a = r_src(r, t);
        ir_val b = opc >= IR_SHL && opc <= IR_ROTR ? r_shift_count(r, t)
                 : rn(8) == 0 ? a : r_src(r, t);
        ir_val d = rn(8) == 0 && !ir_is_const(blk, a) && blk->vals[a].global != 0 ? a : r_dst(r, t);
        ir_binop(blk, (enum ir_opc)opc, t, d, a, b);
    } else if (k < 48) {
        unsigned i = rn(ARRAY_SIZE(unops) + 3);
        if (i < ARRAY_SIZE(unops)) {
            ir_val a = r_src(r, t);
            ir_unop(blk, (enum ir_opc)unops[i], t, r_dst(r, t), a);
        } else if (i == ARRAY_SIZE(unops)) {
            ir_val a = r_src(r, IR_I32);
            ir_unop(blk, IR_EXT_S, IR_I64, r_dst(r, IR_I64), a);
        } else if (i == ARRAY_SIZE(unops) + 1) {
            ir_val a = r_src(r, IR_I32);
            ir_unop(blk, IR_EXT_U, IR_I64, r_dst(r, IR_I64), a);
        } else {
            ir_val a = r_src(r, IR_I64);
            ir_unop(blk, IR_TRUNC, IR_I32, r_dst(r, IR_I32), a);
        }
    } else if (k < 54) {
        ir_val a = r_src(r, t), b = r_src(r, t);
        ir_setcond(blk, t, (enum ir_cond)rn(IR_COND_COUNT), r_dst(r, t), a, b);
    } else if (k < 60) {
        ir_val a = r_src(r, t), b = r_src(r, t), x = r_src(r, t), y = rn(4) ? r_src(r, t) : a;
        ir_select(blk, t, (enum ir_cond)rn(IR_COND_COUNT), r_dst(r, t), a, b, x, y);
    } else if (k < 70) {
        ir_val addr;
        int64_t off;
        r_address(r, &addr, &off);
        unsigned memop = rn(t == IR_I64 ? 4 : 3) | (rn(2) ? IR_MEM_SIGNED : 0);
        ir_load(blk, t, memop, r_dst(r, t), addr, off);
    } else if (k < 78) {
        ir_val addr;
        int64_t off;
        r_address(r, &addr, &off);
        unsigned memop = rn(4), size = 1u << memop;
        /* A store straddling a protection boundary faults on x86 without writing anything,
         * while the interpreter's memcpy may write the accessible part first: the guest
         * state after such a fault is not compared here (test_backend's directed test
         * checks the backend writes nothing). */
        uint64_t base = addr == G(0) ? GBUF : ir_is_const(blk, addr) ? (uint64_t)blk->vals[addr].cval : 0;
        if (base) {
            static const uint64_t bounds[] = { GBUF, GBUF + RW_SIZE, GBUF + MEM_SIZE };
            uint64_t a = base + (uint64_t)off;
            for (unsigned i = 0; i < ARRAY_SIZE(bounds); i++)
                if (a < bounds[i] && a + size > bounds[i])
                    off += (int64_t)(bounds[i] - a);
        }
        ir_val v = r_src(r, t);
        ir_store(blk, memop, addr, off, v);
    } else if (k < 83) {
        uint32_t off;
        if (rn(10) == 0)        /* an access aliasing a global's backing field */
            off = t == IR_I64 ? (uint32_t)offsetof(struct tcpu, g64[1 + rn(NG64 - 1)])
                              : (uint32_t)offsetof(struct tcpu, g64[1]) + 4 * rn(2 * NG64 + NG32 - 2);
        else
            off = (uint32_t)offsetof(struct tcpu, env) + (t == IR_I64 ? 8 * rn(8) : 4 * rn(16));
        if (rn(2))
            ir_ld_env(blk, t, r_dst(r, t), off);
        else
            ir_st_env(blk, t, off, r_src(r, t));
    } else if (k < 89) {
        unsigned h = rn(ARRAY_SIZE(helpers));
        ir_val a[4] = { 0 };
        for (unsigned i = 0; i < helpers[h].nargs; i++)
            a[i] = r_src(r, IR_I64);
        ir_val d = helpers[h].has_result ? r_dst(r, (enum ir_type)helper_type[h]) : IR_NONE;
        ir_call(blk, &helpers[h], (enum ir_type)helper_type[h], d, a[0], a[1], a[2], a[3]);
    } else if (k < 90) {
        ir_fence(blk);
    } else if (k < 93) {
        ir_val a = r_src(r, t), b = r_src(r, t);
        ir_val arg = rn(3) == 0 ? IR_NONE : r_src(r, IR_I64);
        ir_exit_if(blk, t, (enum ir_cond)rn(IR_COND_COUNT), a, b, EXIT_SYSCALL + rn(3), 0x8000 + 4 * rn(100), arg);
    } else {
        r->pc += 4;
        ir_insn_start(blk, r->pc);
    }
}

static void r_block(unsigned nops)
{
    struct rgen r;
    memset(&r, 0, sizeof(r));
    r.pc = 0x10000 + 4 * rn(1000);
    blk_start(r.pc);
    for (int t = 0; t < 2; t++)
        for (unsigned i = 0; i < NTEMPS; i++)
            r.temps[t][i] = ir_temp(blk, (enum ir_type)t);
    for (unsigned i = 0; i < nops; i++)
        r_op(&r);
    enum ir_type t = rtype();
    switch (rn(4)) {
    case 0:
        ir_goto_tb(blk, 0x20000 + 4 * rn(100));
        break;
    case 1: {
        ir_val a = r_src(&r, t), b = r_src(&r, t);
        ir_brcond(blk, t, (enum ir_cond)rn(IR_COND_COUNT), a, b, 0x30000, 0x30004);
        break;
    }
    case 2:
        ir_goto_ptr(blk, r_src(&r, IR_I64));
        break;
    default:
        ir_exit(blk, EXIT_SYSCALL + rn(3), r.pc, rn(2) ? r_src(&r, IR_I64) : IR_NONE);
        break;
    }
}

static void random_blocks(unsigned count, unsigned max_ops, bool optimize)
{
    for (unsigned i = 0; i < count * scale && diff_failures < 3; i++) {
        if (i % 64 == 0)
            fill_memory();
        r_block(1 + rn(max_ops));
        if (optimize)
            ir_optimize(blk);
        diff_block(blk);
    }
}

TEST(backend, differential_random_blocks)
{
    setup();
    unsigned before = diff_blocks;
    for (unsigned t = 0; t < NTABLES; t++) {
        globals = global_tables[t];
        random_blocks(30000, 40, false);
        random_blocks(5000, 250, false);
        random_blocks(10000, 60, true);
    }
    globals = global_tables[TABLE_PINNED];
    printf("  (%u random blocks: %u chain, %u indirect, %u syscall, %u exception, %u flush)\n",
           diff_blocks - before, diff_by_reason[EXIT_CHAIN], diff_by_reason[EXIT_INDIRECT],
           diff_by_reason[EXIT_SYSCALL], diff_by_reason[EXIT_EXCEPTION], diff_by_reason[EXIT_FLUSH]);
}

TEST(backend, differential_random_blocks_baseline_x86)
{
    setup();
    bool saved[5] = { x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2, x86_have_popcnt, x86_have_fma };
    x86_have_lzcnt = x86_have_bmi1 = x86_have_bmi2 = x86_have_popcnt = x86_have_fma = false;
    unsigned before = diff_blocks;
    for (unsigned t = 0; t < NTABLES; t++) {
        globals = global_tables[t];
        random_blocks(10000, 60, false);
    }
    globals = global_tables[TABLE_PINNED];
    printf("  (%u random blocks without lzcnt/bmi/popcnt/fma)\n", diff_blocks - before);
    x86_have_lzcnt = saved[0];
    x86_have_bmi1 = saved[1];
    x86_have_bmi2 = saved[2];
    x86_have_popcnt = saved[3];
    x86_have_fma = saved[4];
}

/* ---- random programs: blocks that branch to each other */

#define PROG_BLOCKS 4
static uint64_t prog_pc(unsigned j) { return 0x40000 + 0x100 * j; }

static int prog_index(uint64_t pc)
{
    for (unsigned j = 0; j < PROG_BLOCKS; j++)
        if (prog_pc(j) == pc)
            return (int)j;
    return -1;
}

/* A target for a branch: mostly a block of the program, now and then outside it. */
static uint64_t r_prog_target(void)
{
    return rn(8) ? prog_pc(rn(PROG_BLOCKS)) : 0x20000 + 4 * rn(100);
}

/* Block j: counts a step (leaving when none is left), random ops, then a branch. */
static void r_prog_block(unsigned j, unsigned nops)
{
    struct rgen r;
    memset(&r, 0, sizeof(r));
    r.pc = prog_pc(j);
    blk_start(r.pc);
    for (int t = 0; t < 2; t++)
        for (unsigned i = 0; i < NTEMPS; i++)
            r.temps[t][i] = ir_temp(blk, (enum ir_type)t);
    ir_val steps = ir_global(blk, STEPS);
    ir_binop(blk, IR_SUB, IR_I64, steps, steps, ir_const(blk, IR_I64, 1));
    ir_exit_if(blk, IR_I64, IR_EQ, steps, ir_const(blk, IR_I64, 0), EXIT_SYSCALL, r.pc, IR_NONE);
    for (unsigned i = 0; i < nops; i++)
        r_op(&r);
    enum ir_type t = rtype();
    switch (rn(5)) {
    case 0:
        ir_goto_tb(blk, r_prog_target());
        break;
    case 1: {
        ir_val a = r_src(&r, t), b = r_src(&r, t);
        ir_brcond(blk, t, (enum ir_cond)rn(IR_COND_COUNT), a, b, r_prog_target(), r_prog_target());
        break;
    }
    case 2: {                           /* computed: a select between two targets */
        ir_val a = r_src(&r, IR_I64), b = r_src(&r, IR_I64);
        ir_val d = r_dst(&r, IR_I64);
        ir_select(blk, IR_I64, (enum ir_cond)rn(IR_COND_COUNT), d, a, b,
                  ir_const(blk, IR_I64, (int64_t)r_prog_target()),
                  ir_const(blk, IR_I64, (int64_t)r_prog_target()));
        ir_goto_ptr(blk, d);
        break;
    }
    case 3: {                           /* through a global (often a pinned one) */
        ir_val g = r_global(IR_I64, true);
        ir_movi(blk, IR_I64, g, (int64_t)r_prog_target());
        ir_goto_ptr(blk, g);
        break;
    }
    default:
        ir_exit(blk, EXIT_SYSCALL + rn(3), r.pc, rn(2) ? r_src(&r, IR_I64) : IR_NONE);
        break;
    }
}

/* The interpreter runs a program block by block, the way the dispatcher would. */
static unsigned run_prog_interp(struct tcpu *c, struct ir_block **prog)
{
    int j = 0;
    for (;;) {
        unsigned r = run_interp(c, prog[j]);
        if (r != EXIT_CHAIN && r != EXIT_INDIRECT)
            return r;
        j = prog_index(c->base.pc);
        if (j < 0)
            return r;
    }
}

static unsigned prog_runs, prog_blocks_run, prog_failures;

/* One random program under both engines; the JIT's blocks are all chained to each other
 * and in the jump cache, so it only comes back at an exit the interpreter also stops at. */
static void diff_program(unsigned max_ops)
{
    struct ir_block *prog[PROG_BLOCKS];
    struct tb *tbs[PROG_BLOCKS];
    for (unsigned j = 0; j < PROG_BLOCKS; j++) {
        r_prog_block(j, rn(max_ops + 1));
        prog[j] = ir_block_clone(blk);
    }
    for (unsigned j = 0; j < PROG_BLOCKS; j++)
        tbs[j] = translate(prog[j]);
    for (unsigned j = 0; j < PROG_BLOCKS; j++) {
        for (unsigned slot = 0; slot < 2; slot++) {
            int k = tbs[j]->jmp_off[slot] == TB_NO_JMP ? -1 : prog_index(tbs[j]->jmp_pc[slot]);
            if (k >= 0)
                x86_patch_jump(tbs[j], slot, tbs[k]->code);
        }
        jc[jc_hash(prog_pc(j))] = (struct jc_entry){ .guest_pc = prog_pc(j), .host = tbs[j]->code };
    }

    struct tcpu ci, cj;
    cpu_init(&ci);
    ci.steps = 1 + rn(40);
    uint64_t steps0 = ci.steps;
    cj = ci;
    restore_memory();
    unsigned ri = run_prog_interp(&ci, prog);
    memcpy(mem_interp, g2h(GBUF), MEM_SIZE);
    memcpy(top_interp, g2h(TOP_PAGE), GUEST_PAGE_SIZE);
    restore_memory();
    unsigned rj = run_jit(&cj, tbs[0]->code);
    prog_runs++;
    prog_blocks_run += (unsigned)(steps0 - ci.steps);

    char why[200] = "";
    if (ri != rj)
        snprintf(why, sizeof(why), "exit reason %s vs %s", reason_name(ri), reason_name(rj));
    else if (ci.base.pc != cj.base.pc)
        snprintf(why, sizeof(why), "pc %#lx vs %#lx", (unsigned long)ci.base.pc, (unsigned long)cj.base.pc);
    else if (ci.base.exit_arg != cj.base.exit_arg)
        snprintf(why, sizeof(why), "exit_arg %#lx vs %#lx", (unsigned long)ci.base.exit_arg, (unsigned long)cj.base.exit_arg);
    else if (ri == EXIT_EXCEPTION && ci.base.fault_addr != cj.base.fault_addr)
        snprintf(why, sizeof(why), "fault_addr %#lx vs %#lx", (unsigned long)ci.base.fault_addr, (unsigned long)cj.base.fault_addr);
    else if (memcmp(mem_interp, g2h(GBUF), MEM_SIZE) != 0)
        snprintf(why, sizeof(why), "guest memory differs");
    else if (memcmp(top_interp, g2h(TOP_PAGE), GUEST_PAGE_SIZE) != 0)
        snprintf(why, sizeof(why), "the last guest page differs");
    else if (ci.steps != cj.steps)
        snprintf(why, sizeof(why), "steps %lu vs %lu", (unsigned long)ci.steps, (unsigned long)cj.steps);
    else {
        for (unsigned i = 0; i < NG64 && !why[0]; i++)
            if (ci.g64[i] != cj.g64[i])
                snprintf(why, sizeof(why), "g%u %#lx vs %#lx", i, (unsigned long)ci.g64[i], (unsigned long)cj.g64[i]);
        for (unsigned i = 0; i < NG32 && !why[0]; i++)
            if (ci.g32[i] != cj.g32[i])
                snprintf(why, sizeof(why), "w%u %#x vs %#x", i, ci.g32[i], cj.g32[i]);
        for (unsigned i = 0; i < 8 && !why[0]; i++)
            if (ci.env[i] != cj.env[i])
                snprintf(why, sizeof(why), "env[%u] %#lx vs %#lx", i, (unsigned long)ci.env[i], (unsigned long)cj.env[i]);
        if (!why[0] && (fp_env_of(&ci.base) & FP_ENV_COMPARED) != (fp_env_of(&cj.base) & FP_ENV_COMPARED))
            snprintf(why, sizeof(why), "fp_env %#x vs %#x", fp_env_of(&ci.base), fp_env_of(&cj.base));
    }
    restore_memory();
    for (unsigned j = 0; j < PROG_BLOCKS; j++)
        jc[jc_hash(prog_pc(j))].guest_pc = JC_EMPTY;
    if (why[0]) {
        test_failed_checks++;
        if (++prog_failures <= 2) {
            printf("  program: interpreter and backend disagree (interp first): %s\n", why);
            for (unsigned j = 0; j < PROG_BLOCKS; j++) {
                ir_dump(prog[j], stdout);
                x86_disas(stdout, tbs[j]->code, tbs[j]->code_size);
            }
        }
    }
    for (unsigned j = 0; j < PROG_BLOCKS; j++)
        ir_block_free(prog[j]);
}

TEST(backend, differential_random_programs)
{
    setup();
    for (unsigned t = 0; t < NTABLES; t++) {
        globals = global_tables[t];
        for (unsigned i = 0; i < 3000 * scale && prog_failures < 2; i++) {
            if (i % 500 == 0)
                tb_flush_all();         /* no flush while a program's TBs are in use */
            if (i % 64 == 0)
                fill_memory();
            diff_program(i % 4 == 0 ? 60 : 12);
        }
    }
    globals = global_tables[TABLE_PINNED];
    tb_flush_all();
    printf("  (%u random programs of %u blocks, %u blocks run)\n", prog_runs, PROG_BLOCKS,
           prog_blocks_run);
}
