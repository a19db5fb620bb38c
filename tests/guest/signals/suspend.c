/* suspend.c - waiting for signals: sigsuspend returns EINTR after the handler of a signal
 * another thread sends, with the old mask back afterwards; sigtimedwait takes a blocked
 * pending signal without running its handler (si_code SI_USER), one sent by another thread
 * to this one (tgkill; Linux 6.x reports SI_USER there, so either code is accepted), and
 * times out with EAGAIN; sigpending shows blocked signals; pause() returns after a handler. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static void on_sig(int sig)
{
    handled = sig;
}

static pid_t main_tid;
static void *sender(void *arg)
{
    usleep(30000);
    syscall(SYS_tgkill, getpid(), main_tid, (int)(long)arg);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    main_tid = gettid();

    sigset_t block, empty, cur;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGUSR2);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);

    pthread_t t;
    pthread_create(&t, NULL, sender, (void *)(long)SIGUSR1);
    errno = 0;
    int r = sigsuspend(&empty);
    pthread_join(t, NULL);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("sigsuspend: %d errno %s, handler %d, USR1 blocked again %d\n", r,
           errno == EINTR ? "EINTR" : "other", handled, sigismember(&cur, SIGUSR1));

    handled = 0;
    kill(getpid(), SIGUSR2);
    sigset_t pend;
    sigpending(&pend);
    printf("sigpending: USR2 %d USR1 %d\n", sigismember(&pend, SIGUSR2),
           sigismember(&pend, SIGUSR1));
    siginfo_t si;
    struct timespec tmo = { 1, 0 };
    r = sigtimedwait(&block, &si, &tmo);
    printf("sigtimedwait: %d, code %s, pid ok %d, handler ran %d\n", r,
           si.si_code == SI_USER ? "SI_USER" : "other", si.si_pid == getpid(), handled);

    pthread_create(&t, NULL, sender, (void *)(long)SIGUSR2);
    r = sigwaitinfo(&block, &si);
    pthread_join(t, NULL);
    printf("sigwaitinfo from a thread: %d, code %s\n", r,
           si.si_code == SI_TKILL || si.si_code == SI_USER ? "ok" : "other");

    struct timespec shortwait = { 0, 50000000 };
    errno = 0;
    r = sigtimedwait(&block, &si, &shortwait);
    printf("sigtimedwait timeout: %d errno %s\n", r, errno == EAGAIN ? "EAGAIN" : "other");

    handled = 0;
    alarm(1);
    r = pause();
    printf("pause: %d, handler %d\n", r, handled);
    return 0;
}
