/* barrier.c - 8 threads go through 200 phases of a pthread barrier; in each phase every
 * thread writes its slot, and after the barrier each checks the others' slots. Exactly one
 * thread per phase gets PTHREAD_BARRIER_SERIAL_THREAD. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NTHREADS 8
#define PHASES 200

static pthread_barrier_t bar;
static int slots[NTHREADS];
static atomic_int errors, serials;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    for (int phase = 1; phase <= PHASES; phase++) {
        slots[id] = phase;
        int r = pthread_barrier_wait(&bar);
        if (r == PTHREAD_BARRIER_SERIAL_THREAD)
            atomic_fetch_add(&serials, 1);
        else if (r != 0)
            atomic_fetch_add(&errors, 1);
        for (int j = 0; j < NTHREADS; j++)
            if (slots[j] != phase)
                atomic_fetch_add(&errors, 1);
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&bar, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&bar);
    printf("%d phases, errors %d, serial threads %d\n", PHASES, atomic_load(&errors),
           atomic_load(&serials));
    return 0;
}
