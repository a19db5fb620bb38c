/* futex_race.c - a signal sent just as a thread is about to block must still run its handler:
 * 10000 times, a thread announces it is about to sem_wait (a futex wait) and the main thread
 * at once pthread_kills it; the only sem_post comes from that thread's own SIGUSR1 handler.
 * If the signal landed between the emulator's last check and the host futex wait, and the
 * wait did not notice it, the thread would sleep forever (the test would time out). Run
 * with -strace (futex_race.flags), whose formatting before each call widens that window. */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define ROUNDS 10000

static sem_t sem;
static atomic_int about_to_wait, done;

static void on_usr1(int sig)
{
    (void)sig;
    sem_post(&sem);         /* async-signal-safe */
}

static void *waiter(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        atomic_store(&about_to_wait, 1);
        for (volatile int d = 0; d < (i * 37) % 3000; d++)  /* sweep where the signal lands */
            continue;
        while (sem_wait(&sem) != 0)
            continue;       /* EINTR: the handler ran; wait again */
        atomic_fetch_add(&done, 1);
    }
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sem_init(&sem, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    for (int i = 0; i < ROUNDS; i++) {
        while (!atomic_exchange(&about_to_wait, 0))
            continue;
        pthread_kill(t, SIGUSR1);
        while (atomic_load(&done) <= i)
            continue;
    }
    pthread_join(t, NULL);
    printf("%d rounds, every wait woken by its own handler\n", atomic_load(&done));
    return 0;
}
