/* benchrun.c - the stopwatch of scripts/bench.sh (a host tool, built natively into build/bench/).
 *
 *   benchrun [-i STDIN] [-o STDOUT] [-e STDERR] [-t TIMEOUT_S] -- PROGRAM [ARGS...]
 *
 * Runs PROGRAM once with its standard streams redirected (default /dev/null) in a process group
 * of its own, and prints one line on its own stdout:
 *
 *   <wall seconds> <peak RSS KiB> <status> <CPU seconds>
 *
 * wall: CLOCK_MONOTONIC from just before fork to wait4's return. peak RSS: ru_maxrss of the
 * child as wait4 reports it (the largest of the child and the descendants it waited for).
 * status: the exit code, 128+N for death by signal N, 124 when TIMEOUT_S passed (the whole
 * group is then killed with SIGKILL), 127 when PROGRAM could not be started. CPU: user + system
 * time of the child (less disturbed than wall time when other work shares the machine).
 * benchrun's own exit status is 0 unless its command line or a system call of its own failed. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: benchrun [-i STDIN] [-o STDOUT] [-e STDERR] [-t TIMEOUT_S] -- PROGRAM [ARGS...]\n");
    exit(2);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* In the child: opens path onto fd or dies with 127. */
static void redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0) {
        fprintf(stderr, "benchrun: %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    if (f != fd) {
        dup2(f, fd);
        close(f);
    }
}

int main(int argc, char **argv)
{
    const char *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
    double timeout = 0;
    int opt;
    while ((opt = getopt(argc, argv, "+i:o:e:t:")) != -1) {
        switch (opt) {
        case 'i': in = optarg; break;
        case 'o': out = optarg; break;
        case 'e': err = optarg; break;
        case 't': timeout = strtod(optarg, NULL); break;
        default: usage();
        }
    }
    if (optind >= argc)
        usage();
    char **cmd = argv + optind;

    /* SIGCHLD stays blocked so sigtimedwait can wait for it with a deadline. */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);

    double t0 = now_seconds();
    pid_t pid = fork();
    if (pid < 0) {
        perror("benchrun: fork");
        return 1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        sigprocmask(SIG_UNBLOCK, &chld, NULL);
        redirect(in, 0, O_RDONLY);
        redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
        redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
        execvp(cmd[0], cmd);
        fprintf(stderr, "benchrun: %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid); /* also from here, so the kill below cannot race the child's own call */

    int status = 0, timed_out = 0;
    struct rusage ru;
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, &ru);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            perror("benchrun: wait4");
            return 1;
        }
        if (timeout > 0) {
            double left = timeout - (now_seconds() - t0);
            if (left <= 0) {
                timed_out = 1;
                kill(-pid, SIGKILL);
                kill(pid, SIGKILL);
                wait4(pid, &status, 0, &ru);
                break;
            }
            struct timespec ts = { (time_t)left, (long)((left - (double)(time_t)left) * 1e9) };
            sigtimedwait(&chld, NULL, &ts);
        } else {
            sigwaitinfo(&chld, NULL);
        }
    }
    double wall = now_seconds() - t0;

    int code;
    if (timed_out)
        code = 124;
    else if (WIFEXITED(status))
        code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        code = 128 + WTERMSIG(status);
    else
        code = 255;
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    printf("%.6f %ld %d %.6f\n", wall, ru.ru_maxrss, code, cpu);
    return 0;
}
