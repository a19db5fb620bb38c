/* jit_rewrite - a guest JIT that rewrites one small function B thousands of times while
 * the generated code that calls it stays hot, flushing exactly B's bytes each time, as
 * V8, the JVM and .NET do when they patch code. crossrun must drop only B's translations
 * (tests/guest/mm/run.sh also runs this under -d stats and requires "flushes 0").
 *   - Generated callers in page 0: A_near calls B_near (in page 0 too: invalidation is
 *     indexed by page, correctness must not depend on it) with a direct jal (a chained
 *     jump once translated); A_far calls B_far (page 2) with a direct jal; A_ptr calls the
 *     B it is given through a register (jalr: the jump cache). Each A loops N_CALLS times
 *     and returns the sum, so its loop is hot and stays translated.
 *   - 20,000 rewrites of each B with a different constant (lui+addiw+ret), each followed by
 *     a flush of exactly B's 12 bytes: __builtin___clear_cache, __riscv_flush_icache and
 *     the riscv_flush_icache system call (with SYS_RISCV_FLUSH_ICACHE_LOCAL) in turn; after
 *     each, the direct caller, the pointer caller and a call from C must return the new
 *     value.
 *   - Two threads: the main thread rewrites both Bs and flushes (globally); a runner thread
 *     waits for the new generation (acquire), runs them through their callers and from C,
 *     checks, and acknowledges (release) before the next rewrite: the code is never run
 *     while it is being written, as on hardware. The runner spins in translated code
 *     meanwhile, so every invalidation has to stop it.
 * riscv64 only: the code is encoded here, and qemu-riscv64 is the oracle. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/cachectl.h>
#include <sys/syscall.h>
#include "mm_check.h"

#ifndef __NR_riscv_flush_icache
#define __NR_riscv_flush_icache 259
#endif
#define FLUSH_ICACHE_LOCAL 1

#define REWRITES 20000
#define THREAD_ROUNDS 5000
#define N_CALLS 4
#define B_BYTES 12                      /* lui, addiw, ret */

typedef long (*b_fn)(void);
typedef long (*a_fn)(long n);
typedef long (*a_ptr_fn)(long n, b_fn b);

/* ---- a tiny riscv64 assembler */

enum { ZERO = 0, RA = 1, SP = 2, S0 = 8, S1 = 9, A0 = 10, A1 = 11, S2 = 18 };

static uint32_t i_type(int imm, int rs1, int f3, int rd, int op)
{
    return (uint32_t)(imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | (uint32_t)f3 << 12 |
           (uint32_t)rd << 7 | (uint32_t)op;
}
static uint32_t addi(int rd, int rs1, int imm) { return i_type(imm, rs1, 0, rd, 0x13); }
static uint32_t addiw(int rd, int rs1, int imm) { return i_type(imm, rs1, 0, rd, 0x1b); }
static uint32_t ld(int rd, int rs1, int off) { return i_type(off, rs1, 3, rd, 0x03); }
static uint32_t jalr(int rd, int rs1, int off) { return i_type(off, rs1, 0, rd, 0x67); }
static uint32_t ret(void) { return jalr(ZERO, RA, 0); }
static uint32_t lui(int rd, uint32_t imm20) { return imm20 << 12 | (uint32_t)rd << 7 | 0x37; }
static uint32_t add(int rd, int rs1, int rs2)
{
    return (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x33;
}
static uint32_t sd(int rs2, int rs1, int off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 5) & 0x7f) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 3 << 12 |
           (o & 0x1f) << 7 | 0x23;
}
/* bne rs1, rs2, off (within +-4 KiB) */
static uint32_t bne(int rs1, int rs2, int off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | (uint32_t)rs2 << 20 |
           (uint32_t)rs1 << 15 | 1 << 12 | ((o >> 1) & 0xf) << 8 | ((o >> 11) & 1) << 7 | 0x63;
}
/* jal rd, off (within +-1 MiB) */
static uint32_t jal(int rd, int off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 20) & 1) << 31 | ((o >> 1) & 0x3ff) << 21 | ((o >> 11) & 1) << 20 |
           ((o >> 12) & 0xff) << 12 | (uint32_t)rd << 7 | 0x6f;
}

/* B: long b(void) { return value; } as lui+addiw+ret whatever the value (B_BYTES). */
static void emit_b(uint32_t *code, int32_t value)
{
    int32_t lo = (int32_t)((uint32_t)value << 20) >> 20;            /* sign-extended low 12 */
    uint32_t hi = ((uint32_t)value - (uint32_t)lo) >> 12;
    code[0] = lui(A0, hi & 0xfffff);
    code[1] = addiw(A0, A0, lo);
    code[2] = ret();
}

/* A: long a(long n) { long s = 0; do s += b(); while (--n); return s; } calling b with a
 * direct jal. */
static void emit_a_direct(uint32_t *code, const uint32_t *b)
{
    int at = 0;
    code[at++] = addi(SP, SP, -32);
    code[at++] = sd(RA, SP, 0);
    code[at++] = sd(S0, SP, 8);
    code[at++] = sd(S1, SP, 16);
    code[at++] = addi(S0, A0, 0);
    code[at++] = addi(S1, ZERO, 0);
    int loop = at;
    code[at] = jal(RA, (int)((b - (code + at)) * 4));
    at++;
    code[at++] = add(S1, S1, A0);
    code[at++] = addi(S0, S0, -1);
    code[at] = bne(S0, ZERO, (loop - at) * 4);
    at++;
    code[at++] = addi(A0, S1, 0);
    code[at++] = ld(RA, SP, 0);
    code[at++] = ld(S0, SP, 8);
    code[at++] = ld(S1, SP, 16);
    code[at++] = addi(SP, SP, 32);
    code[at++] = ret();
}

/* A_ptr: long a(long n, long (*b)(void)): the same loop calling b through a register. */
static void emit_a_ptr(uint32_t *code)
{
    int at = 0;
    code[at++] = addi(SP, SP, -32);
    code[at++] = sd(RA, SP, 0);
    code[at++] = sd(S0, SP, 8);
    code[at++] = sd(S1, SP, 16);
    code[at++] = sd(S2, SP, 24);
    code[at++] = addi(S0, A0, 0);
    code[at++] = addi(S1, ZERO, 0);
    code[at++] = addi(S2, A1, 0);
    int loop = at;
    code[at++] = jalr(RA, S2, 0);
    code[at++] = add(S1, S1, A0);
    code[at++] = addi(S0, S0, -1);
    code[at] = bne(S0, ZERO, (loop - at) * 4);
    at++;
    code[at++] = addi(A0, S1, 0);
    code[at++] = ld(RA, SP, 0);
    code[at++] = ld(S0, SP, 8);
    code[at++] = ld(S1, SP, 16);
    code[at++] = ld(S2, SP, 24);
    code[at++] = addi(SP, SP, 32);
    code[at++] = ret();
}

/* ---- the code region: three RWX pages */

static uint32_t *region;
#define WORD(page, off) (region + ((page) * PAGE + (off)) / 4)
static uint32_t *a_near, *a_far, *a_ptr, *b_near, *b_far;

static void generate(void)
{
    region = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(region != MAP_FAILED);
    a_near = WORD(0, 0x000);
    a_ptr = WORD(0, 0x100);
    a_far = WORD(0, 0x200);
    b_near = WORD(0, 0x840);            /* A_near's page */
    b_far = WORD(2, 0x040);             /* two pages away */
    emit_b(b_near, 1);
    emit_b(b_far, 2);
    emit_a_direct(a_near, b_near);
    emit_a_direct(a_far, b_far);
    emit_a_ptr(a_ptr);
    __builtin___clear_cache((char *)region, (char *)region + 3 * PAGE);
}

static int32_t value_of(unsigned round, unsigned which)
{
    return (int32_t)(0x9E3779B1u * (round + 1) + 0x85EBCA77u * which);
}

/* Flushes exactly B's bytes, one of three ways (all name the range). */
static void flush_b(uint32_t *b, unsigned how)
{
    char *start = (char *)b, *end = start + B_BYTES;
    switch (how % 3) {
    case 0:
        __builtin___clear_cache(start, end);
        break;
    case 1:
        CHECK(__riscv_flush_icache(start, end, 0) == 0);
        break;
    default:
        CHECK(syscall(__NR_riscv_flush_icache, start, end, FLUSH_ICACHE_LOCAL) == 0);
        break;
    }
}

/* Runs B through its direct caller, the pointer caller and from C; counts right answers. */
struct tally {
    unsigned direct, ptr, c;
    unsigned wrong;                     /* rounds with a wrong answer (the first few shown) */
};
static void check_b(uint32_t *a, uint32_t *b, int32_t value, struct tally *t, unsigned round,
                    const char *what)
{
    long want = (long)value * N_CALLS;
    long direct = ((a_fn)(void *)a)(N_CALLS);
    long ptr = ((a_ptr_fn)(void *)a_ptr)(N_CALLS, (b_fn)(void *)b);
    long c = ((b_fn)(void *)b)();
    t->direct += direct == want;
    t->ptr += ptr == want;
    t->c += c == value;
    if ((direct != want || ptr != want || c != value) && t->wrong++ < 3)
        printf("%s round %u: want %d, direct caller %ld, pointer caller %ld, from C %ld\n",
               what, round, value, direct / N_CALLS, ptr / N_CALLS, c);
}

static void rewrite_alone(uint32_t *a, uint32_t *b, unsigned which, const char *what)
{
    struct tally t = { 0 };
    for (unsigned i = 0; i < REWRITES; i++) {
        int32_t v = value_of(i, which);
        emit_b(b, v);
        flush_b(b, i);
        check_b(a, b, v, &t, i, what);
    }
    printf("%s: %u rewrites, each flushed exactly; right through the direct caller %u, "
           "the pointer caller %u, from C %u\n", what, REWRITES, t.direct, t.ptr, t.c);
    CHECK(t.direct == REWRITES && t.ptr == REWRITES && t.c == REWRITES);
}

/* ---- two threads */

static atomic_uint generation, acknowledged;
static struct tally runner_near, runner_far;

static void wait_for(atomic_uint *what, unsigned value)
{
    for (unsigned spins = 0; atomic_load_explicit(what, memory_order_acquire) != value; spins++)
        if (spins > 200)
            sched_yield();
}

static void *runner(void *arg)
{
    (void)arg;
    for (unsigned i = 1; i <= THREAD_ROUNDS; i++) {
        wait_for(&generation, i);
        check_b(a_near, b_near, value_of(i, 3), &runner_near, i, "runner, B in its caller's page");
        check_b(a_far, b_far, value_of(i, 4), &runner_far, i, "runner, B in another page");
        atomic_store_explicit(&acknowledged, i, memory_order_release);
    }
    return NULL;
}

static void two_threads(void)
{
    pthread_t t;
    CHECK(pthread_create(&t, NULL, runner, NULL) == 0);
    for (unsigned i = 1; i <= THREAD_ROUNDS; i++) {
        wait_for(&acknowledged, i - 1);
        emit_b(b_near, value_of(i, 3));
        emit_b(b_far, value_of(i, 4));
        flush_b(b_near, i & 1);         /* global flushes: the runner is another thread */
        flush_b(b_far, (i + 1) & 1);
        atomic_store_explicit(&generation, i, memory_order_release);
    }
    CHECK(pthread_join(t, NULL) == 0);
    printf("two threads: %u rounds of rewrite, flush, run in the other thread; right "
           "(direct, pointer, C): B in its caller's page %u %u %u, B in another page %u %u %u\n",
           THREAD_ROUNDS, runner_near.direct, runner_near.ptr, runner_near.c, runner_far.direct,
           runner_far.ptr, runner_far.c);
    CHECK(runner_near.direct == THREAD_ROUNDS && runner_near.ptr == THREAD_ROUNDS &&
          runner_near.c == THREAD_ROUNDS && runner_far.direct == THREAD_ROUNDS &&
          runner_far.ptr == THREAD_ROUNDS && runner_far.c == THREAD_ROUNDS);
}

int main(void)
{
    generate();
    struct tally first = { 0 };
    check_b(a_near, b_near, 1, &first, 0, "first run");
    check_b(a_far, b_far, 2, &first, 0, "first run");
    printf("generated callers and functions run: %s\n", first.direct + first.ptr + first.c == 6
           ? "right" : "wrong");
    rewrite_alone(a_far, b_far, 1, "B in another page than its callers");
    rewrite_alone(a_near, b_near, 2, "B in its caller's page");
    two_threads();
    CHECK(munmap(region, 3 * PAGE) == 0);
    CHECK_SUMMARY();
    return 0;
}
