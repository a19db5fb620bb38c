/* tls.c - __thread variables: each thread sees its own copy with the initial value, a
 * thread's writes stay its own, addresses differ, and pthread keys with destructors run at
 * thread exit. Also gettid differs per thread while getpid is shared. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define NTHREADS 8

static __thread int tvar = 42;
static __thread char tbuf[64] = "initial";
static pthread_key_t key;
static int destructed;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

struct result {
    int initial, final;
    char buf[64];
    uintptr_t addr;
    pid_t tid, pid;
};
static struct result res[NTHREADS];

static void destructor(void *v)
{
    pthread_mutex_lock(&m);
    destructed += (int)(intptr_t)v;
    pthread_mutex_unlock(&m);
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    struct result *r = &res[id];
    r->initial = tvar;
    for (int i = 0; i < 1000; i++)
        tvar += id;
    snprintf(tbuf, sizeof tbuf, "thread %d", id);
    pthread_setspecific(key, (void *)(intptr_t)(id + 1));
    r->final = tvar;
    snprintf(r->buf, sizeof r->buf, "%s", tbuf);
    r->addr = (uintptr_t)&tvar;
    r->tid = gettid();
    r->pid = getpid();
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    pthread_key_create(&key, destructor);
    tvar = 7;
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    int distinct_addr = 1, distinct_tid = 1, same_pid = 1;
    for (int i = 0; i < NTHREADS; i++) {
        printf("thread %d: initial %d final %d buf '%s'\n", i, res[i].initial, res[i].final,
               res[i].buf);
        if (res[i].pid != getpid())
            same_pid = 0;
        if (res[i].tid == getpid())
            distinct_tid = 0;
        for (int j = 0; j < i; j++) {
            if (res[i].addr == res[j].addr)
                distinct_addr = 0;
            if (res[i].tid == res[j].tid)
                distinct_tid = 0;
        }
    }
    printf("main: tvar %d buf '%s'\n", tvar, tbuf);
    printf("distinct addresses %d, distinct tids %d, same pid %d, destructors sum %d\n",
           distinct_addr, distinct_tid, same_pid, destructed);
    return 0;
}
