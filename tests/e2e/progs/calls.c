/* calls.c - a loop of indirect calls, for the -d stats checks in options.sh: 200,000
 * iterations, each an indirect call and return, so the counts have known lower bounds. */
#include <stdio.h>

static unsigned long add1(unsigned long x) { return x + 1; }
static unsigned long add3(unsigned long x) { return x + 3; }

int main(void)
{
    unsigned long (*volatile fn[2])(unsigned long) = { add1, add3 };
    unsigned long acc = 0;
    for (unsigned i = 0; i < 200000; i++)
        acc = fn[i & 1](acc);
    printf("%lu\n", acc);
    return acc == 400000 ? 0 : 1;
}
