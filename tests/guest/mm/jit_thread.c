/* jit_thread - JIT-generated code replaced by one thread while another runs it.
 * Part 1: for 40 rounds, a worker calls a generated function returning "round - 1" in a
 * loop; the main thread waits until the worker has called it, rewrites the one instruction
 * to return "round", and flushes (__builtin___clear_cache, a global flush on riscv64 Linux).
 * The worker must see the new value eventually (within 10 s) and never anything but the old
 * or the new one. A pthread barrier starts and ends each round, so the output is the same
 * on every run.
 * Part 2: the worker is inside a generated infinite loop (it counts in memory); the main
 * thread rewrites the loop's backward jump into a return and flushes; the worker must leave
 * the loop and return from the generated code. riscv64 only (qemu-riscv64 is the oracle). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include "mm_check.h"

#define ROUNDS 40
#define LIMIT_S 10

typedef long (*fn_t)(long);

enum { ZERO = 0, RA = 1, T1 = 6, A0 = 10 };

static uint32_t i_type(int imm, int rs1, int f3, int rd, int op)
{
    return (uint32_t)(imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | (uint32_t)f3 << 12 |
           (uint32_t)rd << 7 | (uint32_t)op;
}
static uint32_t addi(int rd, int rs1, int imm) { return i_type(imm, rs1, 0, rd, 0x13); }
static uint32_t ret(void) { return i_type(0, RA, 0, ZERO, 0x67); }
static uint32_t ld(int rd, int rs1, int off) { return i_type(off, rs1, 3, rd, 0x03); }
static uint32_t sd(int rs2, int rs1, int off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 5) & 0x7f) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 3 << 12 |
           (o & 0x1f) << 7 | 0x23;
}
/* jal x0, off (off within +-1 MiB, even) */
static uint32_t j(int off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 20) & 1) << 31 | ((o >> 1) & 0x3ff) << 21 | ((o >> 11) & 1) << 20 |
           ((o >> 12) & 0xff) << 12 | 0x6f;
}

static uint32_t *code;
static pthread_barrier_t round_start, round_end;
static atomic_long calls;
static long seen[ROUNDS + 1], strange[ROUNDS + 1];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *caller(void *arg)
{
    (void)arg;
    fn_t f = (fn_t)code;
    for (int r = 1; r <= ROUNDS; r++) {
        pthread_barrier_wait(&round_start);
        double deadline = now() + LIMIT_S;
        long v;
        for (;;) {
            v = f(0);
            atomic_fetch_add(&calls, 1);
            if (v == r)
                break;
            if (v != r - 1)
                strange[r]++;
            if ((atomic_load(&calls) & 1023) == 0 && now() > deadline)
                break;
        }
        seen[r] = v;
        pthread_barrier_wait(&round_end);
    }
    return NULL;
}

static atomic_int loop_left;

static void *looper(void *counter)
{
    ((fn_t)code)((long)counter);
    atomic_store(&loop_left, 1);
    return NULL;
}

int main(void)
{
    code = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0);
    CHECK(code != MAP_FAILED);
    code[0] = addi(A0, ZERO, 0);
    code[1] = ret();
    __builtin___clear_cache((char *)code, (char *)(code + 2));

    pthread_barrier_init(&round_start, NULL, 2);
    pthread_barrier_init(&round_end, NULL, 2);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, caller, NULL) == 0);
    for (int r = 1; r <= ROUNDS; r++) {
        pthread_barrier_wait(&round_start);
        /* let the worker run the old code for a while first */
        long target = atomic_load(&calls) + 100;
        double deadline = now() + LIMIT_S;
        while (atomic_load(&calls) < target && now() < deadline)
            sched_yield();
        __atomic_store_n(&code[0], addi(A0, ZERO, r), __ATOMIC_RELEASE);
        __builtin___clear_cache((char *)code, (char *)(code + 1));
        pthread_barrier_wait(&round_end);
    }
    CHECK(pthread_join(t, NULL) == 0);
    int saw_all = 1;
    long odd = 0;
    for (int r = 1; r <= ROUNDS; r++) {
        saw_all &= seen[r] == r;
        odd += strange[r];
        if (seen[r] != r)
            printf("  round %d: the worker still got %ld after %d s\n", r, seen[r], LIMIT_S);
    }
    printf("part 1: %d rounds, the worker saw each new value: %s; other values seen: %ld\n",
           ROUNDS, saw_all ? "yes" : "no", odd);

    /* part 2: loop: ld t1,0(a0); addi t1,t1,1; sd t1,0(a0); j loop */
    static volatile long counter;
    code[0] = ld(T1, A0, 0);
    code[1] = addi(T1, T1, 1);
    code[2] = sd(T1, A0, 0);
    code[3] = j(-12);
    __builtin___clear_cache((char *)code, (char *)(code + 4));
    CHECK(pthread_create(&t, NULL, looper, (void *)&counter) == 0);
    double deadline = now() + LIMIT_S;
    while (counter < 100000 && now() < deadline)
        sched_yield();
    int spinning = counter >= 100000 && !atomic_load(&loop_left);
    __atomic_store_n(&code[3], ret(), __ATOMIC_RELEASE);
    __builtin___clear_cache((char *)code, (char *)(code + 4));
    deadline = now() + LIMIT_S;
    while (!atomic_load(&loop_left) && now() < deadline)
        sched_yield();
    int left = atomic_load(&loop_left);
    printf("part 2: worker spinning in generated code %s; after the jump became a return and a "
           "flush it left the loop %s\n", spinning ? "yes" : "no", left ? "yes" : "no");
    fflush(stdout);
    if (!left)
        _exit(1);           /* the worker would spin for ever */
    CHECK(pthread_join(t, NULL) == 0);
    CHECK_SUMMARY();
    return 0;
}
