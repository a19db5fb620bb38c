/* exec_self - execve("/proc/self/exe") after chdir("/"), so only an absolute path to this
 * program would work: the second run prints what it was given and where it is. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc == 1) {
        if (chdir("/") < 0)
            return 1;
        printf("first run: chdir(\"/\") then execve(\"/proc/self/exe\")\n");
        fflush(stdout);
        char *args[] = { "renamed", "again", "with two words", NULL };
        char *env[] = { "STAGE=2", NULL };
        execve("/proc/self/exe", args, env);
        perror("execve");
        return 1;
    }
    char cwd[PATH_MAX], exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    const char *base = strrchr(exe, '/');
    printf("second run: argc=%d argv[0]=%s argv[1]=%s argv[2]=%s\n", argc, argv[0], argv[1],
           argc > 2 ? argv[2] : "-");
    const char *stage = getenv("STAGE");
    printf("cwd=%s exe ends with /exec_self: %s STAGE=%s\n",
           getcwd(cwd, sizeof(cwd)) ? cwd : "?",
           base && strcmp(base, "/exec_self") == 0 ? "yes" : "no", stage ? stage : "(unset)");
    return argc == 3 ? 0 : 1;
}
