/* stress.c - many things at once, for stress.sh (run 100 times per engine): 6 workers mix
 * mutex and atomic increments with thread churn (each creates and joins short-lived
 * helpers), a seventh thread keeps dropping every translation (riscv_flush_icache through
 * __builtin___clear_cache, and fence.i), and the main thread sends SIGUSR1 to the workers
 * while they run. The totals must be exact and every thread must finish. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NWORKERS 6
#define ROUNDS 1000
#define PER_ROUND 100

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long locked_total;
static atomic_long atomic_total, helper_total;
static atomic_int signals_seen, workers_done, flushes;
static __thread int my_signals;

static void on_usr1(int sig)
{
    (void)sig;
    my_signals++;
    atomic_fetch_add(&signals_seen, 1);
}

static void *helper(void *arg)
{
    atomic_fetch_add(&helper_total, (long)arg);
    return arg;
}

static void *worker(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < PER_ROUND; i++) {
            pthread_mutex_lock(&m);
            locked_total++;
            pthread_mutex_unlock(&m);
            atomic_fetch_add(&atomic_total, 1);
        }
        if (r % 20 == 0) {
            pthread_t h;
            void *ret;
            pthread_create(&h, NULL, helper, (void *)1L);
            pthread_join(h, &ret);
        }
    }
    atomic_fetch_add(&workers_done, 1);
    return NULL;
}

static char code_area[64];
static void *flusher(void *arg)
{
    (void)arg;
    while (atomic_load(&workers_done) < NWORKERS) {
        __builtin___clear_cache(code_area, code_area + sizeof code_area);
        __asm__ volatile("fence.i" ::: "memory");
        atomic_fetch_add(&flushes, 1);
        usleep(2000);
    }
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);

    pthread_t w[NWORKERS], f;
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&w[i], NULL, worker, NULL);
    pthread_create(&f, NULL, flusher, NULL);
    int sent = 0;
    while (atomic_load(&workers_done) < NWORKERS && sent < 300) {
        for (int i = 0; i < NWORKERS; i++)
            if (pthread_kill(w[i], SIGUSR1) == 0)
                sent++;
        usleep(1000);
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(w[i], NULL);
    pthread_join(f, NULL);
    long want = (long)NWORKERS * ROUNDS * PER_ROUND;
    printf("mutex total %s, atomic total %s, helpers %s, flushes %s, signals %s\n",
           locked_total == want ? "ok" : "WRONG",
           atomic_load(&atomic_total) == want ? "ok" : "WRONG",
           atomic_load(&helper_total) == NWORKERS * (ROUNDS / 20) ? "ok" : "WRONG",
           atomic_load(&flushes) > 0 ? "ok" : "none",
           sent == 0 || atomic_load(&signals_seen) > 0 ? "ok" : "lost");
    return 0;
}
