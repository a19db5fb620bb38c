/* spawn.c - runs argv[1] with arguments argv[2...] in a child (fork + execv), reads the
 * child's standard output through a pipe and prints each line as "child: <line>", then
 * "exit N", and exits with the child's status N. tests/e2e/binfmt.sh uses it as a foreign
 * program that starts another foreign program inside a chroot without crossrun. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int fds[2];
    if (argc < 2 || pipe(fds) != 0) {
        fprintf(stderr, "usage: spawn PROGRAM [ARGS...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execv(argv[1], &argv[1]);
        perror(argv[1]);
        _exit(127);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    char line[512];
    while (in && fgets(line, sizeof(line), in))
        printf("child: %s", line);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        printf("child did not exit normally\n");
        return 2;
    }
    printf("exit %d\n", WEXITSTATUS(status));
    return WEXITSTATUS(status);
}
