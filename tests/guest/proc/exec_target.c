/* exec_target - the program the exec tests start: prints what it was given (argv[0] by its
 * last path component, since the directory depends on the checkout), the number of
 * environment variables and CROSSRUN_TEST_VAR; "exit N" as arguments makes it exit with N. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    const char *base = argc > 0 && argv[0] ? strrchr(argv[0], '/') : NULL;
    printf("exec_target: argc=%d argv0=%s\n", argc,
           base ? base + 1 : argc > 0 && argv[0] ? argv[0] : "(none)");
    for (int i = 1; i < argc; i++)
        printf("  argv[%d]=\"%s\"\n", i, argv[i]);
    int envc = 0;
    for (char **e = environ; e && *e; e++)
        envc++;
    const char *v = getenv("CROSSRUN_TEST_VAR");
    printf("  envc=%d CROSSRUN_TEST_VAR=%s\n", envc, v ? v : "(unset)");
    fflush(stdout);
    if (argc == 3 && strcmp(argv[1], "exit") == 0)
        return atoi(argv[2]);
    return 0;
}
