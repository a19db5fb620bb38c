/* masks.c - per-thread signal masks: with SIGUSR1 blocked in every thread but one, a
 * process-directed kill is handled by that thread; a mask change in a thread does not touch
 * the main thread's; a thread starts with its creator's mask; a signal blocked everywhere
 * stays pending until the main thread unblocks it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static atomic_int handler_tid, ready, done;

static void on_usr1(int sig)
{
    (void)sig;
    atomic_store(&handler_tid, gettid());
}

static atomic_int receiver_tid;
static void *receiver(void *arg)
{
    (void)arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    atomic_store(&receiver_tid, gettid());
    atomic_store(&ready, 1);
    while (!atomic_load(&done))
        usleep(1000);
    return NULL;
}

static void *inherits(void *arg)
{
    (void)arg;
    sigset_t cur;
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    int had = sigismember(&cur, SIGUSR1);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    return (void *)(long)had;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);

    sigset_t set, cur;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    pthread_t t, u;
    void *had;
    pthread_create(&u, NULL, inherits, NULL);
    pthread_join(u, &had);
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    printf("new thread inherited USR1 blocked %ld; its USR2 block leaked to main %d\n",
           (long)had, sigismember(&cur, SIGUSR2));

    pthread_create(&t, NULL, receiver, NULL);
    while (!atomic_load(&ready))
        usleep(1000);
    kill(getpid(), SIGUSR1);
    while (!atomic_load(&handler_tid))
        usleep(1000);
    printf("kill handled by the one thread not blocking it: %d\n",
           atomic_load(&handler_tid) == atomic_load(&receiver_tid));
    atomic_store(&done, 1);
    pthread_join(t, NULL);

    atomic_store(&handler_tid, 0);
    kill(getpid(), SIGUSR1);
    usleep(20000);
    printf("blocked everywhere: handled %d\n", atomic_load(&handler_tid) != 0);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock in main: handled by main %d\n", atomic_load(&handler_tid) == gettid());
    return 0;
}
