/* spawn - the libc calls that start programs through clone(CLONE_VM|CLONE_VFORK) with a new
 * stack (posix_spawn, system, popen) or plain vfork: a host shell, a host program and a
 * riscv64 program, with their exit codes and output. */
#define _GNU_SOURCE
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void show(const char *what, int status)
{
    if (WIFEXITED(status))
        printf("%s: exited with %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s: killed by signal %d\n", what, WTERMSIG(status));
}

int main(void)
{
    char target[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", target, sizeof(target) - 32);
    if (n <= 0)
        return 1;
    target[n] = 0;
    strcpy(strrchr(target, '/'), "/exec_target");
    setenv("CROSSRUN_TEST_VAR", "from-spawn", 1);
    fflush(stdout);

    show("system(\"echo ...\")", system("echo system: hello from the shell"));
    show("system(\"exit 3\")", system("exit 3"));
    fflush(stdout);

    pid_t pid;
    int status;
    char *a1[] = { "exec_target", "spawned", NULL };
    int r = posix_spawn(&pid, target, NULL, NULL, a1, environ);
    waitpid(pid, &status, 0);
    printf("posix_spawn riscv64 program: returned %d\n", r);
    show("posix_spawn riscv64 program", status);
    fflush(stdout);

    char *a2[] = { "echo", "posix_spawnp:", "found", "echo", "on", "PATH", NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 5, "/dev/null", 0, 0);
    r = posix_spawnp(&pid, "echo", &fa, NULL, a2, environ);
    waitpid(pid, &status, 0);
    printf("posix_spawnp host program: returned %d\n", r);
    show("posix_spawnp host program", status);
    posix_spawn_file_actions_destroy(&fa);

    FILE *p = popen("echo popen line; exit 4", "r");
    char line[128] = "";
    if (!p || !fgets(line, sizeof(line), p))
        return 1;
    printf("popen read: %s", line);
    show("pclose", pclose(p));

    fflush(stdout);
    pid = vfork();
    if (pid == 0)
        _exit(9);
    waitpid(pid, &status, 0);
    show("vfork then _exit(9)", status);
    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        char *a3[] = { "exec_target", "after", "vfork", NULL };
        execve(target, a3, environ);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    show("vfork then execve", status);
    return 0;
}
