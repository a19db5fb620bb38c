/* clock_loop.c - reads the clocks in a loop, for tests/e2e/vdso.sh and the vDSO benchmark:
 *     clock_loop [N]     N x clock_gettime(CLOCK_MONOTONIC), N/10 x gettimeofday and
 *                        clock_gettime(CLOCK_REALTIME), then one clock_gettime of
 *                        CLOCK_PROCESS_CPUTIME_ID (a clock the vDSO leaves to the syscall)
 * Prints "ok N" if the monotonic readings never went backwards. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    struct timespec ts, prev = { 0, 0 };
    struct timeval tv;
    int ok = 1;
    for (long i = 0; i < n; i++) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        if (ts.tv_sec < prev.tv_sec || (ts.tv_sec == prev.tv_sec && ts.tv_nsec < prev.tv_nsec))
            ok = 0;
        prev = ts;
    }
    for (long i = 0; i < n / 10; i++) {
        gettimeofday(&tv, NULL);
        clock_gettime(CLOCK_REALTIME, &ts);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    printf("%s %ld\n", ok ? "ok" : "backwards", n);
    return !ok;
}
