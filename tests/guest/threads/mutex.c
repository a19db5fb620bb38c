/* mutex.c - 16 threads each add 1 to a shared counter 100000 times under a pthread mutex;
 * also a recursive mutex and pthread_mutex_trylock from another thread. */
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 16
#define NITER 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < NITER; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *try_other(void *arg)
{
    return (void *)(long)pthread_mutex_trylock(arg);
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (int i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, adder, NULL) != 0)
            return 1;
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    printf("counter %ld (expected %ld)\n", counter, (long)NTHREADS * NITER);

    pthread_mutexattr_t attr;
    pthread_mutex_t rec;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&rec, &attr);
    int r1 = pthread_mutex_lock(&rec), r2 = pthread_mutex_lock(&rec);
    pthread_t o;
    void *busy;
    pthread_create(&o, NULL, try_other, &rec);
    pthread_join(o, &busy);
    pthread_mutex_unlock(&rec);
    pthread_mutex_unlock(&rec);
    void *free_now;
    pthread_create(&o, NULL, try_other, &rec);
    pthread_join(o, &free_now);
    printf("recursive lock %d %d, trylock while held: %s, after unlock: %ld\n", r1, r2,
           (long)busy == 16 /* EBUSY */ ? "EBUSY" : "other", (long)free_now);
    return 0;
}
