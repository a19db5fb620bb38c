/* rtqueue.c - real-time signals queue, standard ones coalesce (Linux's rules):
 *  - blocked process-directed instances (sigqueue) of two RT numbers and a standard one are
 *    delivered on unblock lowest number first, each RT instance once with its own value, in
 *    order of arrival; the standard one once, with the first value;
 *  - the same taken with sigtimedwait, and read from a signalfd;
 *  - thread-directed instances (pthread_sigqueue, pthread_kill) to a thread that blocks
 *    them are queued for that thread and handled there, in order;
 *  - 6000 instances of one number queued while blocked are all delivered, in order;
 *  - with RLIMIT_SIGPENDING low, sigqueue fails with EAGAIN and what it queued arrives.
 * The golden output is the host kernel's (the same program built for x86_64: signal queueing
 * is generic code); Debian 12's qemu-riscv64 (7.2) delivers the unblocked signals highest
 * number first ("unblock:" and "thread:" lines). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#define MAXLOG 64
static char logbuf[MAXLOG][24];
static atomic_int nlog;
static atomic_int handler_tid;

static void on_sig(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    int i = atomic_fetch_add(&nlog, 1);
    const char *name = sig == SIGUSR1 ? "USR1" : sig == SIGRTMIN ? "RTMIN" : "RTMIN+1";
    if (i < MAXLOG)
        snprintf(logbuf[i], sizeof logbuf[i], "%s:%d", name,
                 si->si_code == SI_QUEUE ? si->si_value.sival_int : -si->si_code);
    atomic_store(&handler_tid, gettid());
}

static void print_log(const char *what)
{
    printf("%s:", what);
    int n = atomic_load(&nlog);
    for (int i = 0; i < n && i < MAXLOG; i++)
        printf(" %s", logbuf[i]);
    printf("\n");
    atomic_store(&nlog, 0);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);        /* one handler at a time: the order is the delivery order */
    sigaction(sig, &sa, NULL);
}

static void queue(int sig, int value)
{
    union sigval v = { .sival_int = value };
    if (sigqueue(getpid(), sig, v) != 0)
        printf("sigqueue(%d, %d): %s\n", sig, value, strerror(errno));
}

static sigset_t three(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    return set;
}

static void send_mix(void)
{
    queue(SIGRTMIN + 1, 1);
    queue(SIGRTMIN, 10);
    queue(SIGUSR1, 20);
    queue(SIGRTMIN + 1, 2);
    queue(SIGRTMIN, 11);
    queue(SIGUSR1, 21);
    queue(SIGRTMIN + 1, 3);
    queue(SIGRTMIN, 12);
}

static void delivery_order(void)
{
    sigset_t set = three(), pend;
    sigprocmask(SIG_BLOCK, &set, NULL);
    send_mix();
    sigpending(&pend);
    printf("pending: USR1 %d RTMIN %d RTMIN+1 %d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGRTMIN + 1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    print_log("unblock");
    sigpending(&pend);
    printf("pending after: %d\n", sigismember(&pend, SIGRTMIN));
}

static void timedwait_order(void)
{
    sigset_t set = three();
    sigprocmask(SIG_BLOCK, &set, NULL);
    send_mix();
    struct timespec zero = { 0, 0 };
    siginfo_t si;
    int sig;
    printf("sigtimedwait:");
    while ((sig = sigtimedwait(&set, &si, &zero)) > 0)
        printf(" %d:%d", sig - (sig >= SIGRTMIN ? SIGRTMIN : 0), si.si_value.sival_int);
    printf(" (then %s)\n", errno == EAGAIN ? "EAGAIN" : strerror(errno));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void signalfd_order(void)
{
    sigset_t set = three();
    sigprocmask(SIG_BLOCK, &set, NULL);
    int fd = signalfd(-1, &set, SFD_NONBLOCK);
    send_mix();
    struct signalfd_siginfo fi;
    printf("signalfd:");
    while (read(fd, &fi, sizeof fi) == sizeof fi)
        printf(" %d:%d", (int)fi.ssi_signo - ((int)fi.ssi_signo >= SIGRTMIN ? SIGRTMIN : 0),
               fi.ssi_int);
    printf("\n");
    close(fd);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* ---- thread-directed */
static atomic_int target_tid, target_ready, target_go;
static void *target(void *arg)
{
    (void)arg;
    sigset_t set = three();
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    atomic_store(&target_tid, gettid());
    atomic_store(&target_ready, 1);
    while (!atomic_load(&target_go))
        usleep(1000);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return NULL;
}

static void thread_directed(void)
{
    pthread_t t;
    sigset_t set = three();
    pthread_sigmask(SIG_BLOCK, &set, NULL);     /* the main thread may not take them */
    pthread_create(&t, NULL, target, NULL);
    while (!atomic_load(&target_ready))
        usleep(1000);
    for (int i = 0; i < 3; i++) {
        union sigval v = { .sival_int = 30 + i };
        pthread_sigqueue(t, SIGRTMIN, v);
        v.sival_int = 40 + i;
        pthread_sigqueue(t, SIGRTMIN + 1, v);
    }
    pthread_kill(t, SIGUSR1);
    pthread_kill(t, SIGUSR1);
    sigset_t pend;
    sigpending(&pend);      /* the thread's pending signals are not the main thread's */
    printf("main sees pending: %d\n", sigismember(&pend, SIGRTMIN));
    atomic_store(&target_go, 1);
    pthread_join(t, NULL);
    printf("handled by the target: %s\n", atomic_load(&handler_tid) == atomic_load(&target_tid)
                                              ? "yes" : "no");
    print_log("thread");
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* ---- many instances */
#define MANY 6000
static atomic_int many_count, many_bad;
static void on_many(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    int n = atomic_fetch_add(&many_count, 1);
    if (si->si_value.sival_int != n)
        atomic_store(&many_bad, 1);
}

static void many(void)
{
    install(SIGRTMIN + 2, on_many);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int queued = 0;
    for (int i = 0; i < MANY; i++) {
        union sigval v = { .sival_int = i };
        if (sigqueue(getpid(), SIGRTMIN + 2, v) == 0)
            queued++;
        else
            break;
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("many: queued %s, delivered all %s, in order %s\n", queued == MANY ? "all" : "fewer",
           atomic_load(&many_count) == queued ? "yes" : "no", atomic_load(&many_bad) ? "no" : "yes");
}

/* ---- RLIMIT_SIGPENDING */
static void limit(void)
{
    struct rlimit old, low = { 8, 8 };
    getrlimit(RLIMIT_SIGPENDING, &old);
    atomic_store(&many_count, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    setrlimit(RLIMIT_SIGPENDING, &low);
    int queued = 0, err = 0;
    for (int i = 0; i < 100; i++) {
        union sigval v = { .sival_int = i };
        if (sigqueue(getpid(), SIGRTMIN + 2, v) != 0) {
            err = errno;
            break;
        }
        queued++;
    }
    setrlimit(RLIMIT_SIGPENDING, &old);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("limit: %s, at most 8 queued %s, all delivered %s\n",
           err == EAGAIN ? "EAGAIN" : strerror(err), queued <= 8 ? "yes" : "no",
           atomic_load(&many_count) == queued ? "yes" : "no");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    install(SIGUSR1, on_sig);
    install(SIGRTMIN, on_sig);
    install(SIGRTMIN + 1, on_sig);
    delivery_order();
    timedwait_order();
    signalfd_order();
    thread_directed();
    many();
    limit();
    return 0;
}
