/* showargs.c - prints its argv and selected environment variables, exits with argv[1] if numeric. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    const char *names[] = { "FOO", "BAR", "BAZ", "HOME" };
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const char *v = getenv(names[i]);
        printf("%s=%s\n", names[i], v ? v : "(unset)");
    }
    if (argc > 1 && strcmp(argv[1], "exit") == 0 && argc > 2)
        return atoi(argv[2]);
    return 0;
}
