/* restart.c - blocking syscalls interrupted by a signal with a handler: with SA_RESTART a
 * read from a pipe continues and returns the data written later by a child, and waitpid
 * continues too; without SA_RESTART read returns EINTR; nanosleep returns EINTR with the
 * time left even with SA_RESTART. The timer signal is SIGALRM from setitimer. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms;
static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void set_handler(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void arm(long ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

/* a child that writes "hello" into fd after ms milliseconds */
static pid_t writer(int fd, long ms)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
        nanosleep(&ts, NULL);
        if (write(fd, "hello", 5) != 5)
            _exit(1);
        _exit(0);
    }
    return pid;
}

int main(void)
{
    int p[2];
    char buf[16];
    setvbuf(stdout, NULL, _IOLBF, 0);

    set_handler(SA_RESTART);
    if (pipe(p) != 0)
        return 1;
    pid_t child = writer(p[1], 600);
    alarms = 0;
    arm(200);
    ssize_t n = read(p[0], buf, sizeof buf);
    printf("SA_RESTART read: returned %zd '%.*s', handler ran %d\n", n, n > 0 ? (int)n : 0,
           buf, alarms);
    int status;
    waitpid(child, &status, 0);
    child = fork();
    if (child == 0) {
        struct timespec ts = { 0, 400000000 };
        nanosleep(&ts, NULL);
        _exit(7);
    }
    alarms = 0;
    arm(100);
    pid_t w = waitpid(child, &status, 0);
    printf("SA_RESTART waitpid: %s, exit %d, handler ran %d\n", w == child ? "child" : "error",
           WIFEXITED(status) ? WEXITSTATUS(status) : -1, alarms);

    set_handler(0);
    alarms = 0;
    arm(200);
    errno = 0;
    n = read(p[0], buf, sizeof buf);
    printf("no SA_RESTART read: returned %zd errno %s, handler ran %d\n", n,
           errno == EINTR ? "EINTR" : "other", alarms);

    set_handler(SA_RESTART);
    alarms = 0;
    arm(100);
    struct timespec req = { 5, 0 }, rem = { 0, 0 };
    errno = 0;
    int r = nanosleep(&req, &rem);
    printf("nanosleep: returned %d errno %s, time left %s, handler ran %d\n", r,
           errno == EINTR ? "EINTR" : "other",
           rem.tv_sec >= 3 && rem.tv_sec <= 5 ? "about 5s" : "wrong", alarms);
    return 0;
}
