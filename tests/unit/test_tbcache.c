/*
 * test_tbcache.c - the TB cache's range invalidation: the page index (TBs found by the
 * guest pages they cover, a TB spanning two pages found from either), the lists of incoming
 * chained jumps (an invalidated TB's predecessors exit to the dispatcher again, other chains
 * still run), hash chains kept valid when TBs leave them in the middle, and the scan used
 * for ranges with more pages than there are TBs. Blocks are real x86-64 translations of small
 * IR blocks, run with x86_enter.
 */
#define TEST_MAIN
#include <setjmp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "test.h"
#include "translate/exec.h"
#include "translate/ir.h"
#include "loader/guest_mem.h"

/* dispatch.c's statistics, which tbcache.c updates; this test does not link the dispatcher. */
__attribute__((weak)) struct dbt_stats dbt_stats;

struct tcpu {
    struct cpu base;
    uint64_t g[4];
};

static struct ir_global globals[4];
static struct ir_block *blk;
static struct jc_entry *jc;

static void setup(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    static const char *const names[4] = { "g0", "g1", "g2", "g3" };
    for (unsigned i = 0; i < 4; i++)
        globals[i] = (struct ir_global){
            .name = names[i], .offset = (uint32_t)(offsetof(struct tcpu, g) + 8 * i),
            .type = IR_I64,
        };
    guest_mem_init();
    if (code_cache_init(16u << 20) != 0)
        abort();
    x86_backend_init();
    code_cache_keep_prefix();
    fault_init();
    blk = ir_block_new();
    jc = calloc(JC_SIZE, sizeof(*jc));
    for (unsigned i = 0; i < JC_SIZE; i++)
        jc[i].guest_pc = JC_EMPTY;
}

#define G(i) ir_global(blk, (i))

static unsigned run(struct tcpu *c, const struct tb *tb)
{
    c->base.jc = jc;
    return x86_enter(&c->base, tb->code);
}

/* Translates blk as the block at its pc covering `size` guest bytes and inserts it. */
static struct tb *finish(uint32_t size)
{
    const char *bad = ir_validate(blk);
    if (bad) {
        printf("  bad test IR: %s\n", bad);
        abort();
    }
    struct tb *tb = tb_alloc();
    if (!tb)
        abort();
    tb->pc = blk->pc;
    if (x86_gen_tb(blk, tb) < 0)
        abort();
    tb->guest_size = size;
    tb_insert(tb);
    return tb;
}

/* g1 += 1; goto target */
static struct tb *block_goto(uint64_t pc, uint64_t target)
{
    ir_init(blk, globals, 4, pc);
    ir_insn_start(blk, pc);
    ir_binop(blk, IR_ADD, IR_I64, G(1), G(1), ir_const(blk, IR_I64, 1));
    ir_goto_tb(blk, target);
    return finish(8);
}

/* g2 = g1 * mul; exit EXIT_SYSCALL at pc + 4 */
static struct tb *block_marker(uint64_t pc, int64_t mul)
{
    ir_init(blk, globals, 4, pc);
    ir_insn_start(blk, pc);
    ir_binop(blk, IR_MUL, IR_I64, G(2), G(1), ir_const(blk, IR_I64, (uint64_t)mul));
    ir_exit(blk, EXIT_SYSCALL, pc + 4, G(1));
    return finish(8);
}

/* A block that only the TB cache sees (no host code, like --engine=interp's). */
static struct tb *block_bare(uint64_t pc, uint32_t size)
{
    struct tb *tb = tb_alloc();
    if (!tb)
        abort();
    tb->pc = pc;
    tb->guest_size = size;
    tb_insert(tb);
    return tb;
}

static const struct tb *dropped_list[64];
static unsigned ndropped;
static void note_dropped(const struct tb *tb, void *arg)
{
    (void)arg;
    if (ndropped < ARRAY_SIZE(dropped_list))
        dropped_list[ndropped] = tb;
    ndropped++;
}

TEST(tbcache, invalidation_unchains_predecessors_only)
{
    setup();
    tb_flush_all();
    struct tb *a = block_goto(0x10000, 0x10100);     /* A and E chain into page 0x10000 */
    struct tb *b = block_marker(0x10100, 2);
    struct tb *c = block_goto(0x20000, 0x10100);     /* another page, also into B */
    struct tb *d = block_marker(0x10200, 5);         /* B's page, after B */
    struct tb *e = block_goto(0x10300, 0x10200);
    tb_chain(a, 0, b);
    tb_chain(c, 0, b);
    tb_chain(e, 0, d);
    tb_chain(a, 0, b);                               /* twice (two threads): one edge */
    struct tcpu t = { 0 };
    CHECK_EQ_U64(run(&t, a), EXIT_SYSCALL);
    CHECK_EQ_U64(t.g[2], 2);
    CHECK_EQ_U64(run(&t, c), EXIT_SYSCALL);
    CHECK_EQ_U64(t.g[2], 4);

    /* one byte of B: B goes, nothing else */
    ndropped = 0;
    CHECK(tb_range_translated(0x10104, 0x10105));
    CHECK_EQ_U64(tb_invalidate_range(0x10104, 0x10105, note_dropped, NULL), 1);
    CHECK_EQ_U64(ndropped, 1);
    CHECK(dropped_list[0] == b);
    CHECK_EQ_U64(b->state, TB_INVALID);
    CHECK(!tb_range_translated(0x10100, 0x10108));
    CHECK(tb_lookup(0x10100) == NULL);
    CHECK(tb_lookup(0x10000) == a);
    CHECK(tb_lookup(0x20000) == c);
    CHECK(tb_lookup(0x10200) == d);
    CHECK(tb_lookup(0x10300) == e);
    CHECK(a->jmp_dest[0] == NULL);
    CHECK(c->jmp_dest[0] == NULL);
    CHECK_EQ_U64(b->jmp_in, 0);

    /* B's predecessors now exit to the dispatcher; E -> D still runs chained */
    t.g[1] = 10;
    CHECK_EQ_U64(run(&t, a), EXIT_CHAIN);
    CHECK_EQ_U64(t.base.pc, 0x10100);
    CHECK(t.base.exit_tb == a);
    CHECK_EQ_U64(t.base.exit_slot, 0);
    CHECK_EQ_U64(run(&t, c), EXIT_CHAIN);
    CHECK_EQ_U64(t.base.pc, 0x10100);
    CHECK(t.base.exit_tb == c);
    CHECK_EQ_U64(run(&t, e), EXIT_SYSCALL);
    CHECK_EQ_U64(t.g[2], 13 * 5);

    /* a new B: chaining to it works; the old one cannot be chained to again */
    struct tb *b2 = block_marker(0x10100, 3);
    CHECK(tb_lookup(0x10100) == b2);
    tb_chain(a, 0, b);
    CHECK(a->jmp_dest[0] == NULL);
    tb_chain(a, 0, b2);
    CHECK_EQ_U64(run(&t, a), EXIT_SYSCALL);
    CHECK_EQ_U64(t.g[2], 14 * 3);
    CHECK_EQ_U64(b2->jmp_in, (uintptr_t)a);          /* link (a, slot 0) */

    /* dropping a predecessor takes its edge out of the successor's list */
    ndropped = 0;
    CHECK_EQ_U64(tb_invalidate_range(0x10000, 0x10001, note_dropped, NULL), 1);
    CHECK(dropped_list[0] == a);
    CHECK_EQ_U64(b2->jmp_in, 0);
    CHECK(tb_lookup(0x10100) == b2);
    /* nothing there any more; an empty range drops nothing */
    CHECK_EQ_U64(tb_invalidate_range(0x10000, 0x10100, NULL, NULL), 0);
    CHECK_EQ_U64(tb_invalidate_range(0x10200, 0x10200, NULL, NULL), 0);
    CHECK(tb_lookup(0x10200) == d);
}

TEST(tbcache, self_loop_and_two_exits)
{
    setup();
    tb_flush_all();
    struct tb *m = block_marker(0x50100, 7);
    /* L: g1 -= 1; if (g1 != 0) goto L else goto M */
    ir_init(blk, globals, 4, 0x50000);
    ir_insn_start(blk, 0x50000);
    ir_binop(blk, IR_SUB, IR_I64, G(1), G(1), ir_const(blk, IR_I64, 1));
    ir_brcond(blk, IR_I64, IR_NE, G(1), ir_const(blk, IR_I64, 0), 0x50000, 0x50100);
    struct tb *l = finish(12);
    tb_chain(l, 0, l);
    tb_chain(l, 1, m);
    struct tcpu t = { 0 };
    t.g[1] = 5;
    CHECK_EQ_U64(run(&t, l), EXIT_SYSCALL);
    CHECK_EQ_U64(t.g[1], 0);
    CHECK_EQ_U64(t.g[2], 0);
    CHECK_EQ_U64(tb_invalidate_range(0x50008, 0x5000c, NULL, NULL), 1);
    CHECK_EQ_U64(m->jmp_in, 0);
    CHECK(l->jmp_dest[0] == NULL && l->jmp_dest[1] == NULL);
    CHECK(tb_lookup(0x50100) == m);
    /* its own loop jump was unchained too: one iteration, then back to the dispatcher */
    t.g[1] = 5;
    CHECK_EQ_U64(run(&t, l), EXIT_CHAIN);
    CHECK_EQ_U64(t.base.pc, 0x50000);
    CHECK_EQ_U64(t.g[1], 4);
}

TEST(tbcache, block_spanning_two_pages)
{
    setup();
    tb_flush_all();
    struct tb *span = block_bare(0x30ffc, 8);         /* last insn straddles into 0x31000 */
    struct tb *after = block_bare(0x31010, 4);
    struct tb *before = block_bare(0x30000, 4);
    CHECK(!tb_range_translated(0x30004, 0x30ffc));
    CHECK(tb_range_translated(0x31003, 0x31004));
    CHECK_EQ_U64(tb_invalidate_range(0x31000, 0x31004, NULL, NULL), 1);  /* from its 2nd page */
    CHECK(tb_lookup(0x30ffc) == NULL);
    CHECK(tb_lookup(0x31010) == after);
    CHECK(tb_lookup(0x30000) == before);
    CHECK_EQ_U64(span->state, TB_INVALID);
    /* its link in the first page's bucket is pruned on the way; nothing else goes */
    CHECK_EQ_U64(tb_invalidate_range(0x30004, 0x31010, NULL, NULL), 0);
    struct tb *span2 = block_bare(0x30ffc, 8);
    CHECK_EQ_U64(tb_invalidate_range(0x30ff0, 0x30ffd, NULL, NULL), 1);   /* from its 1st page */
    CHECK_EQ_U64(span2->state, TB_INVALID);
    CHECK_EQ_U64(tb_invalidate_range(0x30000, 0x32000, NULL, NULL), 2);
}

/* Many TBs, so hash chains are long: dropping some from the middle of chains keeps every
 * other one reachable; a huge range (more pages than TBs) takes the scan. */
TEST(tbcache, hash_chains_and_huge_ranges)
{
    setup();
    tb_flush_all();
    enum { N = 3 * 65536, BASE = 0x400000 };
    for (uint64_t i = 0; i < N; i++)
        block_bare(BASE + 4 * i, 4);
    /* drop every third TB, each by its own range */
    uint64_t dropped = 0;
    for (uint64_t i = 0; i < N; i += 3)
        dropped += tb_invalidate_range(BASE + 4 * i, BASE + 4 * i + 4, NULL, NULL);
    CHECK_EQ_U64(dropped, N / 3);
    unsigned wrong = 0;
    for (uint64_t i = 0; i < N; i++) {
        struct tb *tb = tb_lookup(BASE + 4 * i);
        bool want = i % 3 != 0;
        if ((tb != NULL) != want || (tb && tb->pc != BASE + 4 * i))
            wrong++;
    }
    CHECK_EQ_U64(wrong, 0);
    /* one page in the middle: 1024 slots, every third already gone */
    uint64_t in_page = 0;
    for (uint64_t i = 0x10000 / 4; i < 0x11000 / 4; i++)
        in_page += i % 3 != 0;
    CHECK_EQ_U64(tb_invalidate_range(BASE + 0x10000, BASE + 0x11000, NULL, NULL), in_page);
    CHECK(tb_lookup(BASE + 0x10ff8) == NULL);
    CHECK(tb_lookup(BASE + 0x11008) != NULL);
    /* 64 MiB from BASE + 0x20000: as many pages as the index has buckets, so the array is
     * scanned; the TBs below stay, and page walks then pass over the dropped ones */
    uint64_t above = 0;
    for (uint64_t i = 0x20000 / 4; i < N; i++)
        above += i % 3 != 0;
    CHECK_EQ_U64(tb_invalidate_range(BASE + 0x20000, BASE + 0x20000 + (64u << 20), NULL, NULL),
                 above);
    CHECK(tb_lookup(BASE + 0x1fffc) != NULL);      /* index 32767: kept */
    CHECK(tb_lookup(BASE + 0x20008) == NULL);      /* index 32770: dropped now */
    CHECK(!tb_range_translated(BASE + 0x20000, BASE + 0x21000));
    CHECK(tb_range_translated(BASE + 0x1f000, BASE + 0x20000));
    /* everything, by a range far larger than the TB count in pages */
    uint64_t left = N - N / 3 - in_page - above;
    CHECK(tb_range_translated(0, UINT64_MAX));
    CHECK_EQ_U64(tb_invalidate_range(0, UINT64_MAX, NULL, NULL), left);
    CHECK(!tb_range_translated(0, UINT64_MAX));
    CHECK(tb_lookup(BASE + 4) == NULL);
    /* a full flush after invalidations starts clean */
    tb_flush_all();
    struct tb *again = block_bare(BASE + 4, 4);
    CHECK(tb_lookup(BASE + 4) == again);
    CHECK_EQ_U64(tb_invalidate_range(BASE, BASE + 0x1000, NULL, NULL), 1);
}

/* A JIT rewriting one function over and over: each new version is dropped again; the page's
 * bucket does not keep the dead versions (the walk stays short) and lookups miss. */
TEST(tbcache, same_page_rewritten_many_times)
{
    setup();
    tb_flush_all();
    struct tb *neighbour = block_bare(0x60000, 16);
    for (unsigned i = 0; i < 20000; i++) {
        block_bare(0x60100, 8);
        if (tb_invalidate_range(0x60100, 0x60108, NULL, NULL) != 1) {
            CHECK(!"one TB dropped per round");
            break;
        }
    }
    CHECK(tb_lookup(0x60100) == NULL);
    CHECK(tb_lookup(0x60000) == neighbour);
    CHECK_EQ_U64(tb_invalidate_range(0x60000, 0x61000, NULL, NULL), 1);
}
