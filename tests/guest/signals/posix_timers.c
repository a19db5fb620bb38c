/* posix_timers.c - timer_create and friends:
 *  - SIGEV_SIGNAL on CLOCK_MONOTONIC/REALTIME/BOOTTIME: the signal's siginfo has SI_TIMER,
 *    the timer's id and sigev_value; a NULL sigevent means SIGALRM with the id as value;
 *  - a periodic timer whose signal stays blocked queues it once, counting the expiries in
 *    si_overrun, which timer_getoverrun then returns; a handler sees every expiry counted;
 *  - SIGEV_THREAD_ID: the signal goes to (and is handled by) the named thread;
 *  - SIGEV_NONE: nothing is sent, timer_gettime counts down;
 *  - CPU-time clocks (process and thread) expire while the program computes;
 *  - SIGEV_THREAD (glibc: a helper thread on top of SIGEV_THREAD_ID) runs the function;
 *  - errors: bad clock, bad sigev_notify, a tid of no thread here, a deleted timer.
 * Output holds no times: only whether each thing happened. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *yesno(int c) { return c ? "yes" : "no"; }

static void arm(timer_t t, long first_ns, long period_ns)
{
    struct itimerspec its = { { 0, period_ns }, { first_ns / 1000000000, first_ns % 1000000000 } };
    if (timer_settime(t, 0, &its, NULL) != 0)
        printf("timer_settime: %s\n", strerror(errno));
}

static void block(int sig, int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(how, &set, NULL);
}

static siginfo_t wait_one(int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    struct timespec limit = { 5, 0 };
    if (sigtimedwait(&set, &si, &limit) != sig)
        printf("sigtimedwait(%d): %s\n", sig, strerror(errno));
    return si;
}

static void signal_clocks(void)
{
    static const struct { clockid_t id; const char *name; } clocks[] = {
        { CLOCK_MONOTONIC, "MONOTONIC" }, { CLOCK_REALTIME, "REALTIME" },
        { CLOCK_BOOTTIME, "BOOTTIME" },
    };
    block(SIGRTMIN, SIG_BLOCK);
    for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        struct sigevent ev;
        memset(&ev, 0, sizeof ev);
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = SIGRTMIN;
        ev.sigev_value.sival_int = 42 + (int)i;
        timer_t t;
        if (timer_create(clocks[i].id, &ev, &t) != 0) {
            printf("%s: timer_create: %s\n", clocks[i].name, strerror(errno));
            continue;
        }
        arm(t, 10 * 1000000, 0);
        siginfo_t si = wait_one(SIGRTMIN);
        printf("%s: SI_TIMER %s, value %d, timerid matches %s, overrun %d\n", clocks[i].name,
               yesno(si.si_code == SI_TIMER), si.si_value.sival_int,
               yesno(si.si_timerid == (int)(intptr_t)t), si.si_overrun);
        timer_delete(t);
    }
    block(SIGRTMIN, SIG_UNBLOCK);

    /* NULL sigevent (the raw call: glibc passes its own): SIGALRM, sival_int = the id */
    block(SIGALRM, SIG_BLOCK);
    int kid;
    if (syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &kid) == 0) {
        struct itimerspec its = { { 0, 0 }, { 0, 5 * 1000000 } };
        syscall(SYS_timer_settime, kid, 0, &its, NULL);
        siginfo_t si = wait_one(SIGALRM);
        printf("default sigevent: SIGALRM %s, value is the id %s\n",
               yesno(si.si_signo == SIGALRM && si.si_code == SI_TIMER),
               yesno(si.si_value.sival_int == kid && si.si_timerid == kid));
        syscall(SYS_timer_delete, kid);
    }
    block(SIGALRM, SIG_UNBLOCK);
}

static void overruns(void)
{
    block(SIGRTMIN + 1, SIG_BLOCK);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 1;
    timer_t t;
    timer_create(CLOCK_MONOTONIC, &ev, &t);
    arm(t, 2 * 1000000, 2 * 1000000);
    usleep(100 * 1000);         /* about 50 expiries, one signal */
    siginfo_t si = wait_one(SIGRTMIN + 1);
    int over = timer_getoverrun(t);
    printf("blocked periodic: one signal with overrun >= 10 %s, timer_getoverrun agrees %s\n",
           yesno(si.si_overrun >= 10), yesno(over == si.si_overrun));
    timer_delete(t);
    block(SIGRTMIN + 1, SIG_UNBLOCK);
}

static atomic_int expiries, handled, handler_tid;
static void on_tick(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    if (si->si_code == SI_TIMER)
        atomic_fetch_add(&expiries, 1 + si->si_overrun);
    atomic_fetch_add(&handled, 1);
    atomic_store(&handler_tid, gettid());
}

static void install(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_tick;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static long ms_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static void handler_counts(void)
{
    install(SIGRTMIN + 2);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 2;
    timer_t t;
    timer_create(CLOCK_MONOTONIC, &ev, &t);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    arm(t, 1000000, 1000000);
    while (ms_since(&t0) < 60)
        usleep(1000);
    /* the handler saw some expiries; a signal still pending holds the rest */
    block(SIGRTMIN + 2, SIG_BLOCK);
    long ms = ms_since(&t0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    struct timespec zero = { 0, 0 };
    siginfo_t si;
    while (sigtimedwait(&set, &si, &zero) == SIGRTMIN + 2)
        atomic_fetch_add(&expiries, 1 + si.si_overrun);
    timer_delete(t);
    block(SIGRTMIN + 2, SIG_UNBLOCK);
    int n = atomic_load(&expiries);
    /* every expiry is a signal or counted in one's overrun: one per ms elapsed */
    printf("handler: signals %s, expiries counted %s\n", yesno(atomic_load(&handled) > 0),
           yesno(n >= ms / 2 && n <= ms + 5));
    if (!(n >= ms / 2 && n <= ms + 5))
        fprintf(stderr, "expiries %d in %ld ms\n", n, ms);
}

/* ---- SIGEV_THREAD_ID */
static atomic_int target_tid, target_done;
static void *target(void *arg)
{
    (void)arg;
    atomic_store(&target_tid, gettid());
    while (!atomic_load(&target_done))
        usleep(1000);
    return NULL;
}

static void thread_id(void)
{
    install(SIGRTMIN + 3);
    pthread_t th;
    pthread_create(&th, NULL, target, NULL);
    while (!atomic_load(&target_tid))
        usleep(1000);
    atomic_store(&handled, 0);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = SIGRTMIN + 3;
    ev._sigev_un._tid = atomic_load(&target_tid);
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0) {
        printf("SIGEV_THREAD_ID: timer_create: %s\n", strerror(errno));
        return;
    }
    arm(t, 5 * 1000000, 5 * 1000000);
    while (atomic_load(&handled) < 3)
        usleep(1000);
    timer_delete(t);
    printf("SIGEV_THREAD_ID: handled by that thread %s\n",
           yesno(atomic_load(&handler_tid) == atomic_load(&target_tid)));
    atomic_store(&target_done, 1);
    pthread_join(th, NULL);
}

static void sigev_none(void)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_NONE;
    timer_t t;
    timer_create(CLOCK_MONOTONIC, &ev, &t);
    arm(t, 500 * 1000000L, 0);
    usleep(20 * 1000);
    struct itimerspec cur;
    timer_gettime(t, &cur);
    long left = cur.it_value.tv_sec * 1000 + cur.it_value.tv_nsec / 1000000;
    printf("SIGEV_NONE: counting down %s, interval 0 %s\n", yesno(left > 0 && left < 490),
           yesno(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0));
    timer_delete(t);
}

static volatile sig_atomic_t cpu_fired;
static void on_cpu(int sig) { (void)sig; cpu_fired = 1; }

static void cpu_clocks(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_cpu;
    sigaction(SIGRTMIN + 4, &sa, NULL);
    static const struct { clockid_t id; const char *name; } clocks[] = {
        { CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME" }, { CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME" },
    };
    for (unsigned i = 0; i < 2; i++) {
        struct sigevent ev;
        memset(&ev, 0, sizeof ev);
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = SIGRTMIN + 4;
        timer_t t;
        if (timer_create(clocks[i].id, &ev, &t) != 0) {
            printf("%s: timer_create: %s\n", clocks[i].name, strerror(errno));
            continue;
        }
        cpu_fired = 0;
        arm(t, 20 * 1000000, 0);
        struct timespec start, now;
        clock_gettime(CLOCK_MONOTONIC, &start);
        volatile unsigned long spin = 0;
        do {
            for (int k = 0; k < 100000; k++)
                spin++;
            clock_gettime(CLOCK_MONOTONIC, &now);
        } while (!cpu_fired && now.tv_sec - start.tv_sec < 10);
        printf("%s: fired while computing %s\n", clocks[i].name, yesno(cpu_fired));
        timer_delete(t);
    }
}

/* ---- SIGEV_THREAD */
static sem_t thread_ran;
static atomic_int thread_value, thread_not_main;
static pid_t main_tid;
static void notify(union sigval v)
{
    atomic_store(&thread_value, v.sival_int);
    atomic_store(&thread_not_main, gettid() != main_tid);
    sem_post(&thread_ran);
}

static void sigev_thread(void)
{
    sem_init(&thread_ran, 0, 0);
    main_tid = gettid();
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = notify;
    ev.sigev_value.sival_int = 77;
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0) {
        printf("SIGEV_THREAD: timer_create: %s\n", strerror(errno));
        return;
    }
    arm(t, 10 * 1000000, 0);
    struct timespec limit;
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += 10;
    int r;
    while ((r = sem_timedwait(&thread_ran, &limit)) != 0 && errno == EINTR)
        continue;
    printf("SIGEV_THREAD: ran %s, value %d, on another thread %s\n", yesno(r == 0),
           atomic_load(&thread_value), yesno(atomic_load(&thread_not_main)));
    /* twice more with a periodic timer */
    arm(t, 5 * 1000000, 5 * 1000000);
    int twice = sem_timedwait(&thread_ran, &limit) == 0 && sem_timedwait(&thread_ran, &limit) == 0;
    timer_delete(t);
    printf("SIGEV_THREAD periodic: ran again %s\n", yesno(twice));
}

static void errors(void)
{
    struct sigevent ev;
    timer_t t;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN;
    errno = 0;
    printf("bad clock: %s\n", timer_create(1234, &ev, &t) == -1 ? strerror(errno) : "created");
    ev.sigev_notify = 99;
    printf("bad notify: %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t) == -1 ? strerror(errno)
                                                                          : "created");
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = 65;
    printf("bad signal: %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t) == -1 ? strerror(errno)
                                                                          : "created");
    ev.sigev_signo = SIGRTMIN;
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev._sigev_un._tid = 1;      /* init: not a thread of this process */
    printf("foreign tid: %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t) == -1 ? strerror(errno)
                                                                          : "created");
    int kid;
    ev.sigev_notify = SIGEV_SIGNAL;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &kid);
    syscall(SYS_timer_delete, kid);
    struct itimerspec its = { { 0, 0 }, { 1, 0 } };
    printf("deleted timer: settime %s, delete %s, getoverrun %s\n",
           syscall(SYS_timer_settime, kid, 0, &its, NULL) == -1 ? strerror(errno) : "ok",
           syscall(SYS_timer_delete, kid) == -1 ? strerror(errno) : "ok",
           syscall(SYS_timer_getoverrun, kid) == -1 ? strerror(errno) : "ok");
    printf("bad pointer: %s\n", syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)16, &kid) == -1
                                    ? strerror(errno) : "created");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal_clocks();
    overruns();
    handler_counts();
    thread_id();
    sigev_none();
    cpu_clocks();
    sigev_thread();
    errors();
    return 0;
}
