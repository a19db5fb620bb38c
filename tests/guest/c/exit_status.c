/*
 * exit_status.c - process start and exit: argc/argv (and argv[argc] == NULL), the auxiliary
 * vector's page size, atexit handlers running in reverse order with stdio still usable,
 * buffered stdout flushed by exit(), and a non-zero exit status (3, see exit_status.status).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static void first_registered(void)
{
    printf("atexit: first registered, runs last\n");
}

static void second_registered(void)
{
    printf("atexit: second registered, runs first\n");
}

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    printf("envp is %s\n", envp != NULL ? "present" : "missing");
    printf("AT_PAGESZ=%lu AT_RANDOM %s\n", getauxval(AT_PAGESZ), getauxval(AT_RANDOM) ? "set" : "missing");
    atexit(first_registered);
    atexit(second_registered);
    /* stays in the stdio buffer (stdout is a file or pipe) until exit() flushes it */
    printf("exiting with status 3\n");
    exit(3);
}
