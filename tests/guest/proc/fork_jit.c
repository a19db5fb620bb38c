/* fork_jit - parent and child translate different code at the same time after fork, four
 * times: the child must not share the parent's code cache (regression: children ran blocks
 * the parent was still writing and patching, and crashed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static double work_a(int n)
{
    double s = 0;
    for (int i = 1; i < n; i++)
        s += sin(i) * cos(i);
    return s;
}

static long work_b(int n)
{
    int *v = malloc((size_t)n * sizeof(int));
    for (int i = 0; i < n; i++)
        v[i] = (int)((i * 7919L) % n);
    qsort(v, (size_t)n, sizeof(int), cmp);
    long s = 0;
    for (int i = 0; i < n; i++)
        s += v[i] * (long)i;
    free(v);
    return s;
}

int main(void)
{
    for (int round = 0; round < 4; round++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            char buf[64];
            snprintf(buf, sizeof(buf), "%.6f", work_a(40000 + round));
            long b = work_b(20000);
            printf("child %d: %s %ld\n", round, buf, b);
            exit(0);
        }
        long b = work_b(25000 + round);
        double a = work_a(30000);
        int status;
        waitpid(pid, &status, 0);
        printf("parent %d: %ld %.6f child status %#x\n", round, b, a, status);
    }
    return 0;
}
