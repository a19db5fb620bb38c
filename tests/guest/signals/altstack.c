/* altstack.c - sigaltstack: an SA_ONSTACK handler runs on the alternate stack and sees
 * SS_ONSTACK (and cannot change the stack: EPERM), a handler without SA_ONSTACK does not;
 * SS_AUTODISARM disarms it inside the handler and re-arms it at return; and a thread that
 * overflows its own small stack recovers through its own alternate stack. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static char altstack[65536];
static volatile uintptr_t where;
static volatile int inside_flags, inside_eperm;

static int on_alt(uintptr_t p, const char *base, size_t size)
{
    return p >= (uintptr_t)base && p < (uintptr_t)base + size;
}

static void handler(int sig)
{
    volatile char here;
    (void)sig;
    where = (uintptr_t)&here;
    stack_t cur;
    sigaltstack(NULL, &cur);
    inside_flags = cur.ss_flags;
    stack_t again = { .ss_sp = altstack, .ss_size = sizeof altstack };
    inside_eperm = sigaltstack(&again, NULL) != 0 && errno == EPERM;
}

static void install(int sig, int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* ---- overflow in a thread */
static __thread sigjmp_buf overflow_env;
static void on_overflow(int sig)
{
    (void)sig;
    siglongjmp(overflow_env, 1);
}

static volatile int depth_limit = 1 << 30;   /* never reached: the stack runs out first */
static int recurse(volatile char *prev, int depth)
{
    volatile char big[512];
    big[0] = prev ? prev[0] + 1 : 0;
    if (depth >= depth_limit)
        return big[0];
    return recurse(big, depth + 1) + big[1];
}

static void *overflow_thread(void *arg)
{
    (void)arg;
    static char tstack[32768];
    stack_t ss = { .ss_sp = tstack, .ss_size = sizeof tstack };
    sigaltstack(&ss, NULL);
    if (sigsetjmp(overflow_env, 1) == 0) {
        recurse(NULL, 0);
        return (void *)0L;
    }
    return (void *)1L;
}

int main(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 }, old;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &old);
    printf("outside: flags %d, size ok %d\n", old.ss_flags, old.ss_size == sizeof altstack);

    install(SIGUSR1, SA_ONSTACK);
    raise(SIGUSR1);
    printf("SA_ONSTACK: on alternate stack %d, SS_ONSTACK inside %d, EPERM inside %d\n",
           on_alt(where, altstack, sizeof altstack), (inside_flags & SS_ONSTACK) != 0,
           inside_eperm);
    install(SIGUSR2, 0);
    raise(SIGUSR2);
    printf("no SA_ONSTACK: on alternate stack %d\n", on_alt(where, altstack, sizeof altstack));

    ss.ss_flags = SS_AUTODISARM;
    sigaltstack(&ss, NULL);
    raise(SIGUSR1);
    sigaltstack(NULL, &old);
    printf("SS_AUTODISARM: on alternate stack %d, disabled inside %d, after: flags %#x\n",
           on_alt(where, altstack, sizeof altstack), (inside_flags & SS_DISABLE) != 0,
           (unsigned)old.ss_flags);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_overflow;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 65536);
    pthread_t t;
    void *r;
    pthread_create(&t, &attr, overflow_thread, NULL);
    pthread_join(t, &r);
    printf("thread stack overflow recovered on its alternate stack: %ld\n", (long)r);
    return 0;
}
