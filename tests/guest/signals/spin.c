/* spin.c - signals reach threads that make no syscalls: a thread spinning on a flag its own
 * SIGUSR1 handler sets (pthread_kill), the main thread spinning until a thread's
 * pthread_kill lands, and a process-directed signal (kill) while several threads spin. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static __thread volatile sig_atomic_t flag;
static atomic_int handled, running;
static pthread_t main_thread;

static void on_usr1(int sig)
{
    (void)sig;
    flag = 1;
    atomic_fetch_add(&handled, 1);
}

static void *spinner(void *arg)
{
    (void)arg;
    atomic_fetch_add(&running, 1);
    unsigned long n = 0;
    while (!flag)
        n++;
    return (void *)(n > 0 ? 1L : 0L);
}

static void *poke_main(void *arg)
{
    (void)arg;
    usleep(20000);
    pthread_kill(main_thread, SIGUSR1);
    return NULL;
}

static volatile sig_atomic_t stop_all;
static void on_term(int sig)
{
    (void)sig;
    stop_all = 1;
}

static void *spin_until_stop(void *arg)
{
    (void)arg;
    atomic_fetch_add(&running, 1);
    while (!stop_all)
        continue;
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);

    pthread_t t;
    void *r;
    pthread_create(&t, NULL, spinner, NULL);
    while (atomic_load(&running) < 1)
        usleep(1000);
    usleep(20000);
    pthread_kill(t, SIGUSR1);
    pthread_join(t, &r);
    printf("spinning thread woke by its handler: %ld, handled %d\n", (long)r,
           atomic_load(&handled));

    main_thread = pthread_self();
    pthread_create(&t, NULL, poke_main, NULL);
    unsigned long n = 0;
    while (!flag)
        n++;
    pthread_join(t, NULL);
    printf("spinning main thread woke: %d, handled %d\n", n > 0, atomic_load(&handled));

    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    atomic_store(&running, 0);
    pthread_t s[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&s[i], NULL, spin_until_stop, NULL);
    while (atomic_load(&running) < 3)
        usleep(1000);
    kill(getpid(), SIGTERM);
    while (!stop_all)
        continue;
    for (int i = 0; i < 3; i++)
        pthread_join(s[i], NULL);
    printf("process signal stopped 3 spinning threads\n");
    return 0;
}
