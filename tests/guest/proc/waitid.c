/* waitid - the siginfo_t waitid fills: CLD_EXITED, CLD_KILLED, CLD_STOPPED, CLD_CONTINUED,
 * WNOWAIT leaving the child waitable, WNOHANG on a running child, P_ALL, ECHILD, EINVAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *code_name(int code)
{
    switch (code) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    default: return "?";
    }
}

static void show(const char *what, int r, const siginfo_t *si, pid_t expect_pid)
{
    printf("%s: r=%d signo=%s code=%s status=%d pid %s uid %s\n", what, r,
           si->si_signo ? sigabbrev_np(si->si_signo) : "0", code_name(si->si_code),
           si->si_status, si->si_pid == expect_pid ? "ok" : "WRONG",
           si->si_uid == getuid() ? "ok" : "WRONG");
}

static pid_t spawn(int mode, int *hold)
{
    int fds[2];
    if (pipe(fds) < 0)
        exit(1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        if (mode == 1)
            _exit(5);
        if (mode == 2) {
            raise(SIGSTOP);
            /* continued: wait until the parent lets go */
        }
        if (read(fds[0], &c, 1) < 0)
            _exit(1);
        _exit(mode == 2 ? 6 : 0);
    }
    close(fds[0]);
    *hold = fds[1];
    return pid;
}

int main(void)
{
    siginfo_t si;
    int hold, r;

    pid_t pid = spawn(1, &hold);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT);
    show("exit 5, WNOWAIT", r, &si, pid);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_PID, (id_t)pid, &si, WEXITED);
    show("exit 5 again", r, &si, pid);
    close(hold);

    pid = spawn(0, &hold);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG);
    printf("WNOHANG on a running child: r=%d signo=%d pid=%d\n", r, si.si_signo, (int)si.si_pid);
    kill(pid, SIGKILL);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_ALL, 0, &si, WEXITED);
    show("SIGKILL, P_ALL", r, &si, pid);
    close(hold);

    pid = spawn(2, &hold);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_PID, (id_t)pid, &si, WSTOPPED);
    show("raise(SIGSTOP)", r, &si, pid);
    kill(pid, SIGCONT);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_PID, (id_t)pid, &si, WCONTINUED);
    show("SIGCONT", r, &si, pid);
    close(hold);
    memset(&si, 0x5a, sizeof(si));
    r = waitid(P_PGID, 0, &si, WEXITED);
    show("then exit 6, P_PGID", r, &si, pid);

    errno = 0;
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("no children: r=%d %s\n", r, strerrorname_np(errno));
    errno = 0;
    r = waitid(P_ALL, 0, &si, 0);
    printf("no WEXITED/WSTOPPED/WCONTINUED: r=%d %s\n", r, strerrorname_np(errno));
    return 0;
}
