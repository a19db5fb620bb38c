/*
 * vdso_time.c - the guest vDSO (src/loader/vdso.c, src/targets/riscv64/vdso/): it is
 * announced in the auxv and mapped once as "[vdso]", glibc's clock_gettime, gettimeofday,
 * clock_getres, getcpu and __riscv_flush_icache work through it (the common clocks without a
 * system call, the rest through its syscall fallback, errors included), times agree with each
 * other and are monotonic, it works from several threads, and signal handlers return through
 * its __vdso_rt_sigreturn. tests/e2e/vdso.sh checks, with -strace, that no system call is made
 * for the common clocks, in static and dynamic programs.
 *
 * The golden output is crossrun's (Linux on riscv64 hardware prints the same, except that
 * its vDSO does not catch a bad pointer: "bad pointer" would be a crash there); Debian 12's
 * qemu-riscv64 has no riscv64 vDSO, so it fails the first lines.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/cachectl.h>
#include <sys/time.h>
#include <time.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    if (!ok)
        failures++;
}

static int64_t ns(const struct timespec *ts)
{
    return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static int valid(const struct timespec *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000;
}

/* Counts the lines of /proc/self/maps that name the vDSO. */
static int vdso_mappings(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[512];
    int n = 0;
    while (fgets(line, sizeof(line), f))
        n += strstr(line, "[vdso]") != NULL;
    fclose(f);
    return n;
}

static void test_auxv(void)
{
    unsigned long base = getauxval(AT_SYSINFO_EHDR);
    check(base != 0, "AT_SYSINFO_EHDR is set");
    if (!base)
        return;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    check(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_type == ET_DYN &&
              eh->e_machine == EM_RISCV,
          "it points at a riscv64 ELF shared object");
    check(vdso_mappings() == 1, "one [vdso] mapping");
}

static void test_clocks(void)
{
    static const struct { clockid_t id; const char *name; } clocks[] = {
        { CLOCK_REALTIME, "CLOCK_REALTIME" },
        { CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
        { CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" },
        { CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE" },
        { CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE" },
        { CLOCK_BOOTTIME, "CLOCK_BOOTTIME" },
        { CLOCK_TAI, "CLOCK_TAI" },
        { CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID" },   /* syscall fallback */
        { CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID" },     /* syscall fallback */
    };
    for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
        struct timespec a = { -1, -1 }, b = { -1, -1 }, res = { -1, -1 };
        int ra = clock_gettime(clocks[i].id, &a);
        int rb = clock_gettime(clocks[i].id, &b);
        int rr = clock_getres(clocks[i].id, &res);
        char what[96];
        snprintf(what, sizeof(what), "%s: gettime, later >= earlier, getres", clocks[i].name);
        check(ra == 0 && rb == 0 && valid(&a) && valid(&b) && ns(&b) >= ns(&a) && rr == 0 &&
                  res.tv_sec == 0 && res.tv_nsec > 0,
              what);
    }
    struct timespec ts;
    errno = 0;
    check(clock_gettime((clockid_t)12345, &ts) == -1 && errno == EINVAL,
          "unknown clock: EINVAL");
    errno = 0;
    check(clock_getres((clockid_t)12345, &ts) == -1 && errno == EINVAL,
          "clock_getres of an unknown clock: EINVAL");
    check(clock_getres(CLOCK_MONOTONIC, NULL) == 0, "clock_getres with a NULL result");
    errno = 0;
    check(clock_gettime(CLOCK_MONOTONIC, (struct timespec *)16) == -1 && errno == EFAULT,
          "bad pointer: EFAULT");
}

static void test_agreement(void)
{
    int ok = 1;
    for (int i = 0; i < 1000 && ok; i++) {
        struct timespec before, after;
        struct timeval tv;
        clock_gettime(CLOCK_REALTIME, &before);
        ok = gettimeofday(&tv, NULL) == 0;
        clock_gettime(CLOCK_REALTIME, &after);
        int64_t us = (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
        ok = ok && tv.tv_usec >= 0 && tv.tv_usec < 1000000 && us >= ns(&before) / 1000 &&
             us <= ns(&after) / 1000;
        /* time() is gettimeofday's seconds */
        time_t t = time(NULL);
        ok = ok && t >= before.tv_sec && t <= after.tv_sec + 1;
    }
    check(ok, "gettimeofday and time lie between two CLOCK_REALTIME readings");

    struct timeval tv;
    struct timezone tz = { -1, -1 };
    check(gettimeofday(&tv, &tz) == 0, "gettimeofday with a timezone");

    struct timespec mono, boot;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    clock_gettime(CLOCK_BOOTTIME, &boot);
    check(ns(&boot) >= ns(&mono), "CLOCK_BOOTTIME >= CLOCK_MONOTONIC");
}

/* 1,000,000 readings never go backwards (and, under -strace, make no system call). */
static void test_monotonic_loop(void)
{
    struct timespec prev, cur;
    clock_gettime(CLOCK_MONOTONIC, &prev);
    int64_t first = ns(&prev);
    int ok = 1;
    for (int i = 0; i < 1000000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &cur);
        if (ns(&cur) < ns(&prev))
            ok = 0;
        prev = cur;
    }
    check(ok && ns(&prev) > first, "1000000 CLOCK_MONOTONIC readings, never backwards");
}

static void *thread_loop(void *arg)
{
    struct timespec prev, cur;
    clock_gettime(CLOCK_MONOTONIC, &prev);
    intptr_t ok = 1;
    for (int i = 0; i < 100000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &cur);
        if (ns(&cur) < ns(&prev))
            ok = 0;
        prev = cur;
        if (i % 1000 == 0 && sched_getcpu() < 0)
            ok = 0;
    }
    (void)arg;
    return (void *)ok;
}

static void test_threads(void)
{
    pthread_t th[4];
    int ok = 1;
    for (int i = 0; i < 4; i++)
        ok &= pthread_create(&th[i], NULL, thread_loop, NULL) == 0;
    for (int i = 0; i < 4; i++) {
        void *r = NULL;
        ok &= pthread_join(th[i], &r) == 0 && r == (void *)1;
    }
    check(ok, "4 threads reading CLOCK_MONOTONIC");
}

static void test_getcpu_and_icache(void)
{
    unsigned cpu = ~0u, node = ~0u;
    check(getcpu(&cpu, &node) == 0 && cpu != ~0u && node != ~0u && sched_getcpu() >= 0,
          "getcpu and sched_getcpu");
    check(__riscv_flush_icache(NULL, NULL, 0) == 0, "__riscv_flush_icache");
}

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    handled = sig;
}

static void test_sigreturn(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    volatile int before = 42;
    raise(SIGUSR1);
    check(handled == SIGUSR1 && before == 42, "a handler returns through the vDSO");
    check(vdso_mappings() == 1, "still one [vdso] mapping after a signal");
}

int main(void)
{
    test_auxv();
    test_clocks();
    test_agreement();
    test_monotonic_loop();
    test_threads();
    test_getcpu_and_icache();
    test_sigreturn();
    printf("%s\n", failures ? "FAILED" : "done");
    return failures != 0;
}
