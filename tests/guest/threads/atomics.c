/* atomics.c - C11 atomics across 16 threads: atomic_fetch_add on a counter (100000 each),
 * a compare-exchange spin lock guarding a plain counter, atomic_exchange hand-offs, and
 * 32-bit and 64-bit fetch_or/fetch_and/fetch_xor accumulating per-thread bits. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 16
#define NITER 100000

static atomic_long added;
static atomic_int spin;
static long guarded;
static _Atomic uint64_t bits64;
static _Atomic uint32_t bits32;
static atomic_int exchanged;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    for (int i = 0; i < NITER; i++)
        atomic_fetch_add(&added, 1);
    for (int i = 0; i < NITER / 10; i++) {
        int expected = 0;
        while (!atomic_compare_exchange_weak(&spin, &expected, 1))
            expected = 0;
        guarded++;
        atomic_store_explicit(&spin, 0, memory_order_release);
    }
    atomic_fetch_or(&bits64, (uint64_t)1 << (id * 4));
    atomic_fetch_or(&bits32, (uint32_t)1 << id);
    atomic_fetch_xor(&bits32, (uint32_t)1 << (id + 16));
    atomic_fetch_and(&bits64, ~((uint64_t)1 << 63));
    for (int i = 0; i < 1000; i++) {
        int old = atomic_exchange(&exchanged, id);
        (void)old;
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    printf("fetch_add %ld (expected %ld)\n", atomic_load(&added), (long)NTHREADS * NITER);
    printf("cas spinlock %ld (expected %ld)\n", guarded, (long)NTHREADS * (NITER / 10));
    printf("fetch_or 64 %#llx\n", (unsigned long long)atomic_load(&bits64));
    printf("fetch_or/xor 32 %#x\n", atomic_load(&bits32));
    int last = atomic_load(&exchanged);
    printf("exchange left a thread id: %s\n", last >= 0 && last < NTHREADS ? "yes" : "no");
    return 0;
}
