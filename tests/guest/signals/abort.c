/* abort.c - abort() from a thread kills the whole program with SIGABRT (status 128+6), even
 * with a SIGABRT handler that returns. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void on_abrt(int sig)
{
    (void)sig;
    static const char msg[] = "SIGABRT handler ran\n";
    if (write(1, msg, sizeof msg - 1) < 0)
        _exit(2);
}

static void *aborter(void *arg)
{
    (void)arg;
    abort();
}

int main(void)
{
    signal(SIGABRT, on_abrt);
    printf("aborting from a thread\n");
    fflush(stdout);
    pthread_t t;
    pthread_create(&t, NULL, aborter, NULL);
    pthread_join(t, NULL);
    printf("still alive\n");
    return 0;
}
