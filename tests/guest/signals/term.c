/* term.c - raise(SIGTERM) with the default action ends the program with that signal
 * (status 128+15), after flushing nothing more. */
#include <signal.h>
#include <stdio.h>

int main(void)
{
    printf("raising SIGTERM\n");
    fflush(stdout);
    raise(SIGTERM);
    printf("still alive\n");
    return 0;
}
