/*
 * setjmp.c - non-local jumps: setjmp/longjmp returning values (0 becomes 1), from deep
 * recursion, across frames holding callee-saved registers (volatile locals keep their
 * values, FP callee-saved registers are restored), nested jmp_bufs, sigsetjmp/siglongjmp
 * with and without the signal mask, and a tiny exception mechanism built on them.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static jmp_buf top;
static int depth_reached;

static void recurse(int depth, int limit)
{
    volatile char pad[64];
    memset((char *)pad, depth, sizeof pad);
    depth_reached = depth;
    if (depth == limit)
        longjmp(top, depth);
    if (depth > 100000)
        return;
    recurse(depth + 1, limit);
    pad[0]++;
}

static jmp_buf *handler;
static void throw_error(int code)
{
    longjmp(*handler, code);
}

static int parse_digit(char c)
{
    if (c < '0' || c > '9')
        throw_error(100 + c);
    return c - '0';
}

static int parse_number(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n = n * 10 + parse_digit(*s);
    return n;
}

static double fp_work(double x)
{
    /* keeps values live in FP callee-saved registers across the longjmp */
    double a = x * 1.5, b = x + 0.25, c = x / 3.0;
    if (setjmp(top) == 0) {
        recurse(0, 5);
    }
    return a + b + c;
}

int main(int argc, char **argv)
{
    (void)argv;
    volatile int counter = 0;
    volatile long big = 0x123456789abcdefL;
    int r = setjmp(top);
    counter++;
    printf("setjmp returned %d, counter %d\n", r, counter);
    if (r == 0)
        longjmp(top, 42);
    if (r == 42)
        longjmp(top, 0);            /* longjmp with 0 makes setjmp return 1 */
    printf("big preserved: %lx\n", big);

    for (volatile int limit = 1; limit <= 1000; limit *= 10) {
        r = setjmp(top);
        if (r == 0)
            recurse(0, limit);
        printf("unwound from depth %d (returned %d)\n", depth_reached, r);
    }

    printf("fp_work: %.6f\n", fp_work(argc + 1.0));

    static const char *inputs[] = { "12345", "12x45", "", "9876543", "-1" };
    for (volatile unsigned i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        jmp_buf buf;
        handler = &buf;
        int code = setjmp(buf);
        if (code == 0)
            printf("parse(\"%s\") = %d\n", inputs[i], parse_number(inputs[i]));
        else
            printf("parse(\"%s\") threw %d\n", inputs[i], code);
    }

    /* nested handlers: the inner one catches, the outer one is still valid afterwards */
    jmp_buf outer, inner;
    volatile int stage = 0;
    if ((r = setjmp(outer)) == 0) {
        stage = 1;
        if ((r = setjmp(inner)) == 0) {
            stage = 2;
            longjmp(inner, 7);
        }
        printf("inner caught %d at stage %d\n", r, stage);
        stage = 3;
        longjmp(outer, 8);
    }
    printf("outer caught %d at stage %d\n", r, stage);

    /* sigsetjmp/siglongjmp: with savemask=1 the mask is restored, with 0 it is not */
    sigjmp_buf sj;
    sigset_t set, cur;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (sigsetjmp(sj, 1) == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        siglongjmp(sj, 1);
    }
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("savemask=1: SIGUSR1 blocked after siglongjmp: %d\n", sigismember(&cur, SIGUSR1));
    if (sigsetjmp(sj, 0) == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        siglongjmp(sj, 1);
    }
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("savemask=0: SIGUSR1 blocked after siglongjmp: %d\n", sigismember(&cur, SIGUSR1));
    return 0;
}
