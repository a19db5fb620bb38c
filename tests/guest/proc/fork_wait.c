/* fork_wait - fork and wait4: exit codes, death by a signal (sent by the parent, raised by
 * the child itself, abort), WNOHANG, reaping several children with -1, ECHILD, rusage,
 * copy-on-write memory and the child's view of its ids. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_counter = 10;

static void show(const char *what, int status)
{
    if (WIFEXITED(status))
        printf("%s: exited with %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s: killed by signal %d (%s)\n", what, WTERMSIG(status),
               sigabbrev_np(WTERMSIG(status)));
    else
        printf("%s: status %#x\n", what, status);
}

static pid_t child(void (*body)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        body(arg);
        _exit(0);
    }
    return pid;
}

static void exit_with(void *arg) { _exit((int)(long)arg); }
static void raise_term(void *arg) { (void)arg; raise(SIGTERM); _exit(99); }
static void do_abort(void *arg) { (void)arg; abort(); }
static void block_on_pipe(void *arg)
{
    int *fds = arg;
    char c;
    close(fds[1]);
    if (read(fds[0], &c, 1) < 0)
        _exit(98);
    _exit(97);                  /* EOF: should not happen, the parent kills us first */
}
static void check_ids(void *arg)
{
    pid_t parent = (pid_t)(long)arg;
    printf("child: getppid() is the parent: %s\n", getppid() == parent ? "yes" : "no");
    printf("child: gettid() == getpid(): %s\n",
           (pid_t)syscall(SYS_gettid) == getpid() ? "yes" : "no");
    shared_counter = 99;
    printf("child: counter set to %d\n", shared_counter);
    fflush(stdout);
    exit(0);                    /* exit(), not _exit(): stdio is flushed once, here */
}

int main(void)
{
    int status;
    pid_t pid;

    pid = child(exit_with, (void *)3L);
    if (waitpid(pid, &status, 0) != pid)
        perror("waitpid");
    show("exit(3)", status);

    pid = child(exit_with, (void *)0L);
    waitpid(pid, &status, 0);
    show("exit(0)", status);

    pid = child(exit_with, (void *)300L);
    waitpid(pid, &status, 0);
    show("exit(300)", status);

    int fds[2];
    if (pipe(fds) < 0)
        return 1;
    pid = child(block_on_pipe, fds);
    close(fds[0]);
    pid_t r = waitpid(pid, &status, WNOHANG);
    printf("WNOHANG on a running child returns %d\n", (int)r);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    show("SIGKILL from the parent", status);
    close(fds[1]);

    pid = child(raise_term, NULL);
    waitpid(pid, &status, 0);
    show("raise(SIGTERM)", status);

    pid = child(do_abort, NULL);
    waitpid(pid, &status, 0);
    show("abort()", status);

    pid = child(check_ids, (void *)(long)getpid());
    struct rusage ru;
    memset(&ru, 0x55, sizeof(ru));
    if (wait4(pid, &status, 0, &ru) != pid)
        perror("wait4");
    show("child with ids", status);
    printf("rusage sane: %s\n", ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
           ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000 && ru.ru_maxrss > 0 &&
           ru.ru_nswap == 0 ? "yes" : "no");
    printf("parent: counter still %d\n", shared_counter);

    /* Three children, reaped in any order with -1. */
    int seen = 0;
    for (long i = 1; i <= 3; i++)
        child(exit_with, (void *)(i * 10));
    for (int i = 0; i < 3; i++) {
        if (wait(&status) < 0)
            perror("wait");
        if (WIFEXITED(status))
            seen |= 1 << (WEXITSTATUS(status) / 10);
    }
    printf("reaped three children with codes 10, 20, 30: %s\n", seen == 0xe ? "yes" : "no");

    errno = 0;
    r = waitpid(-1, &status, 0);
    printf("waitpid with no children: %d %s\n", (int)r, strerrorname_np(errno));
    errno = 0;
    r = wait4(-1, NULL, 0x12345678, NULL);
    printf("wait4 with bad options: %d %s\n", (int)r, strerrorname_np(errno));
    return 0;
}
