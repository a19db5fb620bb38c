/* test_ir.c - the IR's arithmetic definition, validation, the optimiser, and the interpreter. */
#define TEST_MAIN
#include "test.h"
#include "translate/exec.h"
#include "translate/ir.h"
#include "loader/guest_mem.h"

/* A CPU state with two I64 globals and one I32 global. */
struct test_cpu {
    struct cpu base;
    uint64_t r[2];
    uint32_t w;
};
static const struct ir_global globals[] = {
    { .name = "r0", .offset = offsetof(struct test_cpu, r[0]), .type = IR_I64 },
    { .name = "r1", .offset = offsetof(struct test_cpu, r[1]), .type = IR_I64 },
    { .name = "w", .offset = offsetof(struct test_cpu, w), .type = IR_I32 },
};

TEST(ir_eval, division_edges)
{
    CHECK_EQ_U64(ir_eval_alu(IR_DIVS, IR_I64, 7, 0), ~0ull);
    CHECK_EQ_U64(ir_eval_alu(IR_DIVU, IR_I32, 7, 0), 0xffffffffu);
    CHECK_EQ_U64(ir_eval_alu(IR_REMS, IR_I64, 7, 0), 7);
    CHECK_EQ_U64(ir_eval_alu(IR_DIVS, IR_I64, 1ull << 63, ~0ull), 1ull << 63);
    CHECK_EQ_U64(ir_eval_alu(IR_REMS, IR_I64, 1ull << 63, ~0ull), 0);
    CHECK_EQ_U64(ir_eval_alu(IR_DIVS, IR_I32, 0x80000000u, 0xffffffffu), 0x80000000u);
    CHECK_EQ_U64(ir_eval_alu(IR_REMS, IR_I32, 0x80000000u, 0xffffffffu), 0);
    CHECK_EQ_U64(ir_eval_alu(IR_DIVS, IR_I64, (uint64_t)-7, 2), (uint64_t)-3);
    CHECK_EQ_U64(ir_eval_alu(IR_REMS, IR_I64, (uint64_t)-7, 2), (uint64_t)-1);
}

TEST(ir_eval, shifts_and_bits)
{
    CHECK_EQ_U64(ir_eval_alu(IR_SHL, IR_I64, 1, 64), 1);
    CHECK_EQ_U64(ir_eval_alu(IR_SHL, IR_I64, 1, 63), 1ull << 63);
    CHECK_EQ_U64(ir_eval_alu(IR_SHL, IR_I32, 1, 32), 1);
    CHECK_EQ_U64(ir_eval_alu(IR_SAR, IR_I32, 0x80000000u, 31), 0xffffffffu);
    CHECK_EQ_U64(ir_eval_alu(IR_ROTR, IR_I32, 1, 1), 0x80000000u);
    CHECK_EQ_U64(ir_eval_alu(IR_ROTL, IR_I64, 1ull << 63, 1), 1);
    CHECK_EQ_U64(ir_eval_alu(IR_CLZ, IR_I32, 0, 0), 32);
    CHECK_EQ_U64(ir_eval_alu(IR_CLZ, IR_I64, 1, 0), 63);
    CHECK_EQ_U64(ir_eval_alu(IR_CTZ, IR_I64, 0, 0), 64);
    CHECK_EQ_U64(ir_eval_alu(IR_POPCNT, IR_I32, 0xff00ff00u, 0), 16);
    CHECK_EQ_U64(ir_eval_alu(IR_BSWAP, IR_I32, 0x11223344u, 0), 0x44332211u);
    CHECK_EQ_U64(ir_eval_alu(IR_SEXT8, IR_I32, 0x80, 0), 0xffffff80u);
    CHECK_EQ_U64(ir_eval_alu(IR_EXT_S, IR_I64, 0x80000000u, 0), 0xffffffff80000000ull);
    CHECK_EQ_U64(ir_eval_alu(IR_MULHSU, IR_I64, ~0ull, ~0ull), ~0ull);
    CHECK_EQ_U64(ir_eval_alu(IR_MULHU, IR_I64, ~0ull, ~0ull), ~0ull - 1);
    CHECK_EQ_U64(ir_eval_alu(IR_MULHS, IR_I32, 0x80000000u, 0x80000000u), 0x40000000u);
    CHECK_EQ_U64(ir_eval_alu(IR_MULHSU, IR_I32, 0xffffffffu, 0xffffffffu), 0xffffffffu);
}

TEST(ir_eval, conditions)
{
    CHECK(ir_eval_cond(IR_LT, IR_I32, 0xffffffffu, 0));
    CHECK(!ir_eval_cond(IR_LTU, IR_I32, 0xffffffffu, 0));
    CHECK(ir_eval_cond(IR_EQ, IR_I32, 0x100000000ull, 0)); /* upper half ignored */
    CHECK(ir_eval_cond(IR_GEU, IR_I64, ~0ull, 1));
    CHECK(ir_eval_cond(IR_LE, IR_I64, 5, 5));
    CHECK(!ir_eval_cond(IR_GT, IR_I64, 1ull << 63, 0));
}

TEST(ir_validate, catches_type_errors)
{
    struct ir_block *b = ir_block_new();
    ir_init(b, globals, 3, 0x1000);
    ir_binop(b, IR_ADD, IR_I64, ir_global(b, 0), ir_global(b, 1), ir_global(b, 2)); /* i32 arg */
    ir_goto_tb(b, 0x1004);
    CHECK(ir_validate(b) != NULL);
    ir_init(b, globals, 3, 0x1000);
    ir_binop(b, IR_ADD, IR_I64, ir_global(b, 0), ir_global(b, 1), ir_const(b, IR_I64, 1));
    CHECK(ir_validate(b) != NULL); /* no terminator */
    ir_goto_tb(b, 0x1004);
    CHECK(ir_validate(b) == NULL);
    ir_block_free(b);
}

static unsigned run(struct ir_block *b, struct test_cpu *c)
{
    CHECK(ir_validate(b) == NULL);
    return interp_run(&c->base, b);
}

TEST(interp, alu_globals_and_exit)
{
    struct ir_block *b = ir_block_new();
    struct test_cpu c = { .r = { 40, 2 }, .w = 7 };
    ir_init(b, globals, 3, 0x1000);
    ir_insn_start(b, 0x1000);
    ir_val t = ir_temp(b, IR_I32);
    ir_unop(b, IR_TRUNC, IR_I32, t, ir_global(b, 0));
    ir_binop(b, IR_ADD, IR_I32, ir_global(b, 2), ir_global(b, 2), t);      /* w = 47 */
    ir_binop(b, IR_MUL, IR_I64, ir_global(b, 0), ir_global(b, 0), ir_global(b, 1)); /* 80 */
    ir_brcond(b, IR_I64, IR_GTU, ir_global(b, 0), ir_const(b, IR_I64, 79), 0x2000, 0x1004);
    CHECK_EQ_U64(run(b, &c), EXIT_CHAIN);
    CHECK_EQ_U64(c.base.pc, 0x2000);
    CHECK_EQ_U64(c.w, 47);
    CHECK_EQ_U64(c.r[0], 80);
    ir_block_free(b);
}

TEST(interp, exit_if_and_select)
{
    struct ir_block *b = ir_block_new();
    struct test_cpu c = { .r = { 5, 0 } };
    ir_init(b, globals, 3, 0x1000);
    ir_insn_start(b, 0x1000);
    ir_select(b, IR_I64, IR_LT, ir_global(b, 1), ir_global(b, 0), ir_const(b, IR_I64, 10),
              ir_const(b, IR_I64, 111), ir_const(b, IR_I64, 222));
    ir_exit_if(b, IR_I64, IR_EQ, ir_global(b, 1), ir_const(b, IR_I64, 111), EXIT_EXCEPTION, 0x1000,
               ir_const(b, IR_I64, EXC_ILLEGAL));
    ir_goto_tb(b, 0x1004);
    CHECK_EQ_U64(run(b, &c), EXIT_EXCEPTION);
    CHECK_EQ_U64(c.base.exit_arg, EXC_ILLEGAL);
    CHECK_EQ_U64(c.r[1], 111);
    ir_block_free(b);
}

TEST(optimize, folds_constants_and_keeps_global_writes)
{
    struct ir_block *b = ir_block_new();
    struct test_cpu c = { .r = { 1, 2 } };
    ir_init(b, globals, 3, 0x1000);
    ir_val t1 = ir_temp(b, IR_I64), t2 = ir_temp(b, IR_I64), dead = ir_temp(b, IR_I64);
    ir_movi(b, IR_I64, t1, 6);
    ir_binop(b, IR_MUL, IR_I64, t2, t1, ir_const(b, IR_I64, 7));
    ir_binop(b, IR_ADD, IR_I64, dead, ir_global(b, 0), t2);
    ir_binop(b, IR_DIVS, IR_I64, ir_global(b, 1), t2, ir_const(b, IR_I64, 0));
    ir_goto_tb(b, 0x1004);
    ir_optimize(b);
    CHECK(ir_validate(b) == NULL);
    CHECK_EQ_U64(b->ops[2].opc, IR_NOP); /* dead add removed */
    CHECK_EQ_U64(b->ops[3].opc, IR_MOV); /* folded division still writes the global */
    run(b, &c);
    CHECK_EQ_U64(c.r[1], ~0ull);
    CHECK_EQ_U64(c.r[0], 1);
    ir_block_free(b);
}

