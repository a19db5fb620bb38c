/* cancel.c - pthread_cancel (glibc sends guest signal 32, SIGCANCEL) of a thread blocked in
 * read, of an asynchronously cancellable spinning thread and of a sleeping thread; and
 * setuid in a threaded program (glibc signals every thread with 33, SIGSETXID). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *blocker(void *arg)
{
    (void)arg;
    int fds[2];
    char c;
    if (pipe(fds) != 0)
        return NULL;
    for (;;)
        if (read(fds[0], &c, 1) < 0)
            return NULL;
}

static void *spinner(void *arg)
{
    (void)arg;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    for (;;)
        continue;
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    for (;;)
        sleep(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, blocker, NULL);
    usleep(50000);
    pthread_cancel(t);
    pthread_join(t, &r);
    printf("blocked read cancelled: %d\n", r == PTHREAD_CANCELED);
    pthread_create(&t, NULL, spinner, NULL);
    usleep(50000);
    pthread_cancel(t);
    pthread_join(t, &r);
    printf("async spinner cancelled: %d\n", r == PTHREAD_CANCELED);
    pthread_create(&t, NULL, sleeper, NULL);
    usleep(50000);
    printf("setuid in threads: %d\n", setuid(getuid()));
    pthread_cancel(t);
    pthread_join(t, &r);
    printf("sleeper cancelled: %d\n", r == PTHREAD_CANCELED);
    return 0;
}
