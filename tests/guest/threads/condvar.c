/* condvar.c - a bounded queue with two condition variables: 4 producers put 20000 numbers
 * each, 4 consumers take them; the sum and count must match. Then pthread_cond_timedwait
 * timing out, and pthread_cond_broadcast waking every waiter. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define NPROD 4
#define NCONS 4
#define PER_PRODUCER 20000
#define QSIZE 16

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long queue[QSIZE];
static int head, tail, count, producers_left = NPROD;
static long sum_taken, n_taken;

static void *producer(void *arg)
{
    long base = (long)arg * PER_PRODUCER;
    for (long i = 1; i <= PER_PRODUCER; i++) {
        pthread_mutex_lock(&m);
        while (count == QSIZE)
            pthread_cond_wait(&not_full, &m);
        queue[tail] = base + i;
        tail = (tail + 1) % QSIZE;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&m);
    }
    pthread_mutex_lock(&m);
    producers_left--;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&m);
        while (count == 0 && producers_left > 0)
            pthread_cond_wait(&not_empty, &m);
        if (count == 0) {
            pthread_mutex_unlock(&m);
            return NULL;
        }
        long v = queue[head];
        head = (head + 1) % QSIZE;
        count--;
        sum_taken += v;
        n_taken++;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&m);
    }
}

static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int waiting, released;
static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    waiting++;
    while (!released)
        pthread_cond_wait(&go, &m);
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void)
{
    pthread_t p[NPROD], c[NCONS];
    for (long i = 0; i < NPROD; i++)
        pthread_create(&p[i], NULL, producer, (void *)i);
    for (long i = 0; i < NCONS; i++)
        pthread_create(&c[i], NULL, consumer, NULL);
    for (int i = 0; i < NPROD; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < NCONS; i++)
        pthread_join(c[i], NULL);
    long n = (long)NPROD * PER_PRODUCER;
    printf("taken %ld items, sum %ld (expected %ld)\n", n_taken, sum_taken, n * (n + 1) / 2);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&m);
    int r = pthread_cond_timedwait(&go, &m, &ts);
    pthread_mutex_unlock(&m);
    printf("timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "unexpected");

    pthread_t w[6];
    for (int i = 0; i < 6; i++)
        pthread_create(&w[i], NULL, waiter, NULL);
    for (;;) {
        pthread_mutex_lock(&m);
        int all = waiting == 6;
        if (all) {
            released = 1;
            pthread_cond_broadcast(&go);
        }
        pthread_mutex_unlock(&m);
        if (all)
            break;
        struct timespec nap = { 0, 1000000 };
        nanosleep(&nap, NULL);
    }
    for (int i = 0; i < 6; i++)
        pthread_join(w[i], NULL);
    printf("broadcast woke all 6 waiters\n");
    return 0;
}
