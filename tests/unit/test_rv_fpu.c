/*
 * test_rv_fpu.c - unit tests of the riscv64 F/D helper rv_fpu (src/targets/riscv64/fpu.c).
 *
 * The vector tables hold hand-picked inputs for every op: each rounding mode on values that
 * round differently (RMM ties included), every flag, quiet/signalling NaNs, improperly boxed
 * singles, signed zeros, infinities, subnormals, the saturation edges of every conversion.
 * The expected results and flags were produced by qemu-riscv64 7.2 executing the same
 * instructions (frm set with fsrm, rm = dyn, fflags read back) and are hard-coded, so this
 * test needs no qemu. Every vector runs four ways and must match exactly each time: rm in
 * the instruction or rm = DYN taken from cpu->frm, on the host path and on the software path
 * (rv_fpu_set_host_fp(false)). A seeded random test then compares the two paths on many
 * more inputs. The vector tables live in rv_fpu_vectors.h: test_rv_fp_inline.c runs them
 * again as translated instructions.
 */
#define TEST_MAIN
#include "test.h"
#include "rv_fpu_vectors.h"
#include "targets/riscv64/fpu.h"

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

static void run_vectors(const struct fpu_vector *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int lo = v[i].rm == ALL ? RNE : v[i].rm, hi = v[i].rm == ALL ? RMM : v[i].rm;
        for (int rm = lo; rm <= hi; rm++) {
            uint64_t want = v[i].want[rm - lo].r;
            uint32_t want_flags = v[i].want[rm - lo].flags;
            for (int way = 0; way < 4; way++) {
                bool soft = way & 2, dyn = way & 1;
                uint32_t flags;
                rv_fpu_set_host_fp(!soft);
                /* A static rm must win over a different frm. */
                uint64_t r = run_op(v[i].op, dyn ? RV_RM_DYN : (unsigned)rm,
                                    dyn ? (unsigned)rm : (unsigned)(rm + 1) % 5,
                                    v[i].a, v[i].b, v[i].c, &flags);
                rv_fpu_set_host_fp(true);
                if (r != want || flags != want_flags) {
                    test_failed_checks++;
                    printf("  %s %s%s%s a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64
                           ": got %#" PRIx64 " flags %#x, want %#" PRIx64 " flags %#x\n",
                           rv_fpop_name(v[i].op), rm_names[rm], dyn ? " (dyn)" : "",
                           soft ? " (soft)" : "", v[i].a, v[i].b, v[i].c, r, flags, want,
                           want_flags);
                }
            }
        }
    }
}

#define RUN_VECTORS(table) run_vectors(table, ARRAY_SIZE(table))

TEST(rv_fpu, add_sub) { RUN_VECTORS(add_sub_vectors); }
TEST(rv_fpu, mul_div) { RUN_VECTORS(mul_div_vectors); }
TEST(rv_fpu, sqrt) { RUN_VECTORS(sqrt_vectors); }
TEST(rv_fpu, fused_multiply_add) { RUN_VECTORS(fma_vectors); }
TEST(rv_fpu, min_max) { RUN_VECTORS(min_max_vectors); }
TEST(rv_fpu, compare) { RUN_VECTORS(compare_vectors); }
TEST(rv_fpu, sign_inject) { RUN_VECTORS(sign_inject_vectors); }
TEST(rv_fpu, classify) { RUN_VECTORS(classify_vectors); }
TEST(rv_fpu, float_to_int) { RUN_VECTORS(to_int_vectors); }
TEST(rv_fpu, int_to_float) { RUN_VECTORS(from_int_vectors); }
TEST(rv_fpu, single_double_conversion) { RUN_VECTORS(s_d_vectors); }
TEST(rv_fpu, moves) { RUN_VECTORS(moves_vectors); }
TEST(rv_fpu, nan_boxing) { RUN_VECTORS(boxing_vectors); }

TEST(rv_fpu, dynamic_rm_reads_frm)
{
    uint32_t flags;
    /* 1 + 2^-24 is a tie: RNE keeps 1, RUP and RMM go up. */
    CHECK_EQ_U64(run_op(RV_FADD_S, RV_RM_DYN, RUP, S(0x3f800000), S(0x33800000), 0, &flags),
                 S(0x3f800001));
    CHECK_EQ_U64(run_op(RV_FADD_S, RV_RM_DYN, RMM, S(0x3f800000), S(0x33800000), 0, &flags),
                 S(0x3f800001));
    CHECK_EQ_U64(run_op(RV_FADD_S, RV_RM_DYN, RNE, S(0x3f800000), S(0x33800000), 0, &flags),
                 S(0x3f800000));
    CHECK_EQ_U64(flags, NX);
}

TEST(rv_fpu, invalid_rm_acts_as_rne)
{
    /* The front end rejects these; the helper must still give a sane result. */
    for (unsigned rm = 5; rm <= 7; rm++) {
        uint32_t flags;
        uint64_t r = run_op(RV_FADD_D, rm, rm, 0x3ff0000000000000, 0x3ca8000000000000, 0, &flags);
        CHECK_EQ_U64(r, 0x3ff0000000000001);
        CHECK_EQ_U64(flags, NX);
        r = run_op(RV_FADD_S, rm, 99, S(0x3f800000), S(0x33800000), 0, &flags);
        CHECK_EQ_U64(r, S(0x3f800000));
    }
}

TEST(rv_fpu, flags_accrue)
{
    struct rv64_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    cpu.fflags = NV;
    rv_fpu(&cpu.base, RV_FDIV_D, 0x3ff0000000000000, 0x4008000000000000, 0);   /* 1/3: NX */
    CHECK_EQ_U64(cpu.fflags, NV | NX);
    rv_fpu(&cpu.base, RV_FADD_D, 0x3ff0000000000000, 0x3ff0000000000000, 0);   /* exact */
    CHECK_EQ_U64(cpu.fflags, NV | NX);
    rv_fpu(&cpu.base, RV_FDIV_S, S(0x3f800000), S(0), 0);                      /* 1/0: DZ */
    CHECK_EQ_U64(cpu.fflags, NV | DZ | NX);
}

TEST(rv_fpu, unknown_op_returns_zero)
{
    struct rv64_cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    CHECK_EQ_U64(rv_fpu(&cpu.base, RV_FPOP_COUNT, 1, 2, 3), 0);
    CHECK_EQ_U64(rv_fpu(&cpu.base, 0xff | 7 << 8, 1, 2, 3), 0);
    CHECK_EQ_U64(cpu.fflags, 0);
}

TEST(rv_fpu, op_names)
{
    CHECK(strcmp(rv_fpop_name(RV_FADD_S), "fadd.s") == 0);
    CHECK(strcmp(rv_fpop_name(RV_FNMADD_D), "fnmadd.d") == 0);
    CHECK(strcmp(rv_fpop_name(RV_FCVT_LU_S), "fcvt.lu.s") == 0);
    CHECK(strcmp(rv_fpop_name(RV_FMV_D_X), "fmv.d.x") == 0);
    CHECK(strcmp(rv_fpop_name(RV_FPOP_COUNT), "f?") == 0);
    for (int i = 0; i < RV_FPOP_COUNT; i++)
        for (int j = i + 1; j < RV_FPOP_COUNT; j++)
            CHECK(strcmp(rv_fpop_name(i), rv_fpop_name(j)) != 0);
}

static uint32_t read_mxcsr(void)
{
    uint32_t mx;
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    return mx;
}

TEST(rv_fpu, host_rounding_untouched)
{
    uint32_t before = read_mxcsr() & ~0x3fu;
    uint32_t flags;
    for (unsigned rm = RNE; rm <= RMM; rm++) {
        run_op(RV_FDIV_D, rm, 0, 0x3ff0000000000000, 0x4008000000000000, 0, &flags);
        run_op(RV_FMADD_S, rm, 0, S(0x3f800001), S(0x3f800001), S(0xbf800000), &flags);
        run_op(RV_FCVT_S_D, rm, 0, 0x3fb999999999999a, 0, 0, &flags);
        run_op(RV_FSQRT_D, rm, 0, 0x4000000000000000, 0, 0, &flags);
    }
    CHECK_EQ_U64(read_mxcsr() & ~0x3fu, before);
    volatile double one = 1.0, tiny = 0x1p-60;
    CHECK(one + tiny == 1.0);            /* still round to nearest */
    CHECK(-one - tiny == -1.0);
}

TEST(rv_fpu, host_and_software_paths_agree)
{
    int mismatches = 0;
    for (int i = 0; i < 300000; i++) {
        enum rv_fpop op = rng() % RV_FPOP_COUNT;
        unsigned rm = rng() % 5;
        bool dbl = is_double_op(op);
        uint64_t a = random_operand(dbl), b = random_operand(dbl), c = random_operand(dbl);
        if (rng() % 4 == 0)              /* operands of nearby magnitude: cancellation */
            b = (b & ~(dbl ? 0x7ff0000000000000ull : 0x7f800000ull)) |
                (a & (dbl ? 0x7ff0000000000000ull : 0x7f800000ull));
        if (op >= RV_FCVT_S_W && op <= RV_FCVT_D_LU)
            a = rng() >> (rng() % 64) ^ -(rng() & 1);
        uint32_t host_flags, soft_flags;
        uint64_t host = run_op(op, rm, 0, a, b, c, &host_flags);
        rv_fpu_set_host_fp(false);
        uint64_t soft = run_op(op, rm, 0, a, b, c, &soft_flags);
        rv_fpu_set_host_fp(true);
        if (host != soft || host_flags != soft_flags) {
            if (mismatches++ < 10)
                printf("  %s %s a=%#" PRIx64 " b=%#" PRIx64 " c=%#" PRIx64 ": host %#" PRIx64
                       "/%#x soft %#" PRIx64 "/%#x\n", rv_fpop_name(op), rm_names[rm], a, b, c,
                       host, host_flags, soft, soft_flags);
        }
    }
    CHECK_EQ_U64(mismatches, 0);
}
