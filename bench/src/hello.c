/* hello.c - the start-up benchmark: a static hello world, so its time is the emulator's start-up
 * (loading, first translations, exit), not the program's work. */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
