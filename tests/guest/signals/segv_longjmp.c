/* segv_longjmp.c - siglongjmp out of a SIGSEGV handler after touching NULL (reads and
 * writes, si_addr and si_code checked), the mask restored by sigsetjmp(.., 1) each time; the
 * same from 4 threads at once, each with its own jump buffer; and a SIGBUS-free misaligned
 * access for contrast. */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static __thread sigjmp_buf env;
static __thread volatile uintptr_t fault_addr;
static __thread volatile int fault_code;
static atomic_int total;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    atomic_fetch_add(&total, 1);
    siglongjmp(env, 1);
}

static int touch(int write, uintptr_t addr)
{
    if (sigsetjmp(env, 1) == 0) {
        if (write)
            *(volatile int *)addr = 1;
        else
            (void)*(volatile int *)addr;
        return 0;
    }
    return 1;
}

static void *thread_faults(void *arg)
{
    int ok = 0;
    for (int i = 0; i < 100; i++) {
        uintptr_t addr = (uintptr_t)arg + (uintptr_t)(i * 8);
        ok += touch(i & 1, addr) && fault_addr == addr;
    }
    return (void *)(long)ok;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);

    int caught = 0, addr_ok = 0, code_ok = 0;
    for (int i = 0; i < 5; i++) {
        caught += touch(i & 1, 0);
        addr_ok += fault_addr == 0;
        code_ok += fault_code == SEGV_MAPERR;
    }
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("NULL accesses caught %d, si_addr 0 %d, SEGV_MAPERR %d, SIGSEGV blocked after %d\n",
           caught, addr_ok, code_ok, sigismember(&cur, SIGSEGV));

    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, thread_faults, (void *)(0x100 + i * 0x1000));
    long ok = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        ok += (long)r;
    }
    printf("threads: %ld of 400 faults caught at the right address, total %d\n", ok,
           atomic_load(&total));

    static char buf[16];
    volatile uint32_t *mis = (volatile uint32_t *)(buf + 1);
    *mis = 0x11223344;
    printf("misaligned access: %#x, no signal\n", *mis);
    return 0;
}
