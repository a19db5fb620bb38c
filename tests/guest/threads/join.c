/* join.c - pthread_join return values (return and pthread_exit, pointers and integers),
 * joining in reverse order, a thread that creates and joins its own threads, and
 * pthread_exit from main while other threads finish the work (exit status 0). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *ret_value(void *arg)
{
    return (void *)((long)arg * 3 + 1);
}

static void *exit_value(void *arg)
{
    long *p = malloc(sizeof(long));
    *p = (long)arg * 1000;
    pthread_exit(p);
}

static void *nested(void *arg)
{
    long depth = (long)arg;
    if (depth == 0)
        return (void *)1L;
    pthread_t a, b;
    void *ra, *rb;
    pthread_create(&a, NULL, nested, (void *)(depth - 1));
    pthread_create(&b, NULL, nested, (void *)(depth - 1));
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    return (void *)((long)ra + (long)rb);
}

static void *last_words(void *arg)
{
    (void)arg;
    usleep(20000);
    printf("last thread finishing after main's pthread_exit\n");
    fflush(stdout);
    return NULL;
}

int main(void)
{
    pthread_t t[10];
    for (long i = 0; i < 10; i++)
        pthread_create(&t[i], NULL, i % 2 ? exit_value : ret_value, (void *)i);
    for (int i = 9; i >= 0; i--) {
        void *r;
        pthread_join(t[i], &r);
        if (i % 2) {
            printf("thread %d pthread_exit %ld\n", i, *(long *)r);
            free(r);
        } else {
            printf("thread %d returned %ld\n", i, (long)r);
        }
    }
    pthread_t n;
    void *leaves;
    pthread_create(&n, NULL, nested, (void *)4L);
    pthread_join(n, &leaves);
    printf("nested threads: %ld leaves\n", (long)leaves);
    pthread_t l;
    pthread_create(&l, NULL, last_words, NULL);
    printf("main calls pthread_exit\n");
    fflush(stdout);
    pthread_exit(NULL);
}
