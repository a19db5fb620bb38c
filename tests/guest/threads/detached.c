/* detached.c - 64 detached threads (created detached, and detached after creation) each
 * post a semaphore once done; the main thread waits for all 64 posts. Then 200 short
 * create/join rounds, so thread exit and clean-up run many times. */
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>

static sem_t done;
static atomic_int work;

static void *worker(void *arg)
{
    for (int i = 0; i < 1000; i++)
        atomic_fetch_add(&work, (int)(long)arg);
    sem_post(&done);
    return NULL;
}

static void *nothing(void *arg)
{
    return arg;
}

int main(void)
{
    sem_init(&done, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < 64; i++) {
        pthread_t t;
        if (i % 2) {
            if (pthread_create(&t, &attr, worker, (void *)1L) != 0)
                return 1;
        } else {
            if (pthread_create(&t, NULL, worker, (void *)1L) != 0)
                return 1;
            pthread_detach(t);
        }
    }
    for (int i = 0; i < 64; i++)
        sem_wait(&done);
    printf("64 detached threads done, work %d\n", atomic_load(&work));
    long sum = 0;
    for (long i = 0; i < 200; i++) {
        pthread_t t;
        void *r;
        pthread_create(&t, NULL, nothing, (void *)i);
        pthread_join(t, &r);
        sum += (long)r;
    }
    printf("200 create/join rounds, sum %ld\n", sum);
    return 0;
}
