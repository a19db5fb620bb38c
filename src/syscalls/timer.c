/*
 * timer.c - POSIX per-process timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete, carried by host timers of the same clock.
 *
 * A guest timer is a host timer and its id is the host's (the kernel's timer_t is an int,
 * and the guest's siginfo si_timerid must be the id timer_create returned). The guest's
 * struct sigevent (generic LP64: sigev_value, sigev_signo, sigev_notify, then a 48-byte
 * union whose first int is the SIGEV_THREAD_ID tid) is the host's layout, and guest signal
 * numbers and tids are the host's, so the host timer sends exactly the guest's signal:
 * SIGEV_SIGNAL to the process, SIGEV_THREAD_ID to the host thread that runs that guest
 * thread (which must be a guest thread of this process), SIGEV_NONE nothing. The siginfo
 * (SI_TIMER, si_timerid, si_overrun, si_value) is the host kernel's, and signal.c records
 * it like any other; glibc's SIGEV_THREAD is SIGEV_THREAD_ID to its helper thread, so it
 * works as well. struct itimerspec is the same on both sides. Clock ids go to the host as
 * they are (REALTIME, MONOTONIC, BOOTTIME, the CPU-time clocks, the *_ALARM ones: the host
 * says what it supports).
 *
 * The table of guest timers: which ids the guest may use (crossrun's own host timers, if it
 * ever has any, stay out of reach), which ones signal one thread (record_signal must queue
 * their signals for that thread: timer_is_thread_directed, lock-free), and the overrun of the
 * last signal the guest received (timer_getoverrun), which counts the expiries signal.c folds
 * into a signal still queued. A timer's queued signal goes when the timer is deleted or set
 * again (as Linux since 6.14 drops a signal of an older arming). At most GUEST_TIMER_MAX
 * timers: more is EAGAIN, as Linux when it runs out.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"

#define GUEST_TIMER_MAX 1024

#define GSIGEV_SIGNAL    0
#define GSIGEV_NONE      1
#define GSIGEV_THREAD    2
#define GSIGEV_THREAD_ID 4
#define GSI_TIMER        (-2)

struct guest_sigevent {
    uint64_t sigev_value;
    int32_t sigev_signo;
    int32_t sigev_notify;
    int32_t sigev_un[12];       /* [0]: the SIGEV_THREAD_ID tid */
};
struct guest_itimerspec {
    struct guest_timespec it_interval, it_value;
};
_Static_assert(sizeof(struct guest_sigevent) == 64, "generic struct sigevent");
_Static_assert(sizeof(struct guest_sigevent) == sizeof(struct sigevent), "host sigevent");
_Static_assert(sizeof(struct guest_itimerspec) == sizeof(struct itimerspec), "itimerspec");

enum slot_state { SLOT_FREE = 0, SLOT_BUSY, SLOT_PROCESS, SLOT_THREAD };

struct timer_slot {
    int32_t id;                 /* host (and guest) timer id */
    int32_t state;              /* enum slot_state, atomic */
    int32_t overrun_last;       /* si_overrun of the last signal delivered, -1: none yet */
};

static struct timer_slot timers[GUEST_TIMER_MAX];
static pthread_mutex_t timers_lock = PTHREAD_MUTEX_INITIALIZER;

static struct timer_slot *find_timer(int32_t id)
{
    for (unsigned i = 0; i < GUEST_TIMER_MAX; i++) {
        int32_t st = __atomic_load_n(&timers[i].state, __ATOMIC_ACQUIRE);
        if ((st == SLOT_PROCESS || st == SLOT_THREAD) &&
            __atomic_load_n(&timers[i].id, __ATOMIC_RELAXED) == id)
            return &timers[i];
    }
    return NULL;
}

bool timer_is_thread_directed(int32_t timerid)
{
    struct timer_slot *t = find_timer(timerid);
    return t && __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == SLOT_THREAD;
}

void timer_signal_delivered(const uint8_t *info)
{
    int32_t code, id, overrun;
    memcpy(&code, info + 8, sizeof(code));
    if (code != GSI_TIMER)
        return;
    memcpy(&id, info + 16, sizeof(id));
    memcpy(&overrun, info + 20, sizeof(overrun));
    struct timer_slot *t = find_timer(id);
    if (t)
        __atomic_store_n(&t->overrun_last, overrun, __ATOMIC_RELAXED);
}

void timer_fork_child(void)
{
    memset(timers, 0, sizeof(timers));
    pthread_mutex_init(&timers_lock, NULL);
}

/* ---- dropping a timer's queued signal */

static void remove_from_thread(struct guest_thread *t, void *arg)
{
    sigq_remove_timer(t->sigq, *(int32_t *)arg);
}

static void drop_queued_signal(int32_t id)
{
    uint64_t all = ~0ULL, old;
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all, &old, sizeof(all));
    sigq_remove_timer(&proc_sigq, id);
    guest_threads_for_each(remove_from_thread, &id);
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &old, NULL, sizeof(old));
}

/* ---- the syscalls */

int64_t sys_timer_create(struct cpu *cpu, const uint64_t a[6])
{
    int clock = (int)a[0];
    struct guest_sigevent sev;
    bool thread = false;
    /* a dynamic clock named by an fd (FD_TO_CLOCKID): not one of crossrun's */
    if (clock < 0 && (clock & 7) == 3 && check_fd(~(clock >> 3)))
        return -EINVAL;
    if (a[1]) {
        if (copy_from_guest(&sev, a[1], sizeof(sev)))
            return -EFAULT;
        switch (sev.sigev_notify) {
        case GSIGEV_SIGNAL | GSIGEV_THREAD_ID:
            if (!guest_thread_exists(sev.sigev_un[0]))
                return -EINVAL;     /* Linux: not a thread of this process */
            thread = true;
            break;
        case GSIGEV_SIGNAL: case GSIGEV_NONE: case GSIGEV_THREAD:
            break;
        default:
            return -EINVAL;
        }
        if (sev.sigev_notify != GSIGEV_NONE &&
            (sev.sigev_signo <= 0 || sev.sigev_signo > GUEST_NSIG))
            return -EINVAL;
    }

    pthread_mutex_lock(&timers_lock);
    struct timer_slot *slot = NULL;
    for (unsigned i = 0; i < GUEST_TIMER_MAX && !slot; i++)
        if (timers[i].state == SLOT_FREE)
            slot = &timers[i];
    if (slot)
        __atomic_store_n(&slot->state, SLOT_BUSY, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&timers_lock);
    if (!slot)
        return -EAGAIN;

    int32_t id = 0;
    int64_t r = host_result(syscall(__NR_timer_create, clock, a[1] ? (void *)&sev : NULL, &id));
    if (r == 0 && copy_to_guest(a[2], &id, sizeof(id))) {
        syscall(__NR_timer_delete, id);     /* Linux gives the timer back on EFAULT too */
        r = -EFAULT;
    }
    if (r) {
        __atomic_store_n(&slot->state, SLOT_FREE, __ATOMIC_RELEASE);
        return r;
    }
    __atomic_store_n(&slot->id, id, __ATOMIC_RELAXED);
    __atomic_store_n(&slot->overrun_last, -1, __ATOMIC_RELAXED);
    __atomic_store_n(&slot->state, thread ? SLOT_THREAD : SLOT_PROCESS, __ATOMIC_RELEASE);
    return 0;
}

int64_t sys_timer_settime(struct cpu *cpu, const uint64_t a[6])
{
    int32_t id = (int32_t)a[0];
    struct itimerspec nv, ov;
    if (!find_timer(id))
        return -EINVAL;
    if (!a[2])
        return -EINVAL;
    if (copy_from_guest(&nv, a[2], sizeof(nv)))
        return -EFAULT;
    int64_t r = host_result(syscall(__NR_timer_settime, id, (int)a[1], &nv, a[3] ? &ov : NULL));
    if (r)
        return r;
    drop_queued_signal(id);         /* a signal of the previous arming */
    if (a[3] && copy_to_guest(a[3], &ov, sizeof(ov)))
        return -EFAULT;
    return 0;
}

int64_t sys_timer_gettime(struct cpu *cpu, const uint64_t a[6])
{
    int32_t id = (int32_t)a[0];
    struct itimerspec cur;
    if (!find_timer(id))
        return -EINVAL;
    int64_t r = host_result(syscall(__NR_timer_gettime, id, &cur));
    if (r)
        return r;
    return copy_to_guest(a[1], &cur, sizeof(cur)) ? -EFAULT : 0;
}

int64_t sys_timer_getoverrun(struct cpu *cpu, const uint64_t a[6])
{
    int32_t id = (int32_t)a[0];
    struct timer_slot *t = find_timer(id);
    if (!t)
        return -EINVAL;
    int32_t ours = __atomic_load_n(&t->overrun_last, __ATOMIC_RELAXED);
    if (ours >= 0)
        return ours;
    return host_result(syscall(__NR_timer_getoverrun, id));
}

int64_t sys_timer_delete(struct cpu *cpu, const uint64_t a[6])
{
    int32_t id = (int32_t)a[0];
    pthread_mutex_lock(&timers_lock);
    struct timer_slot *t = find_timer(id);
    int64_t r = t ? host_result(syscall(__NR_timer_delete, id)) : -EINVAL;
    if (r == 0)
        __atomic_store_n(&t->state, SLOT_FREE, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&timers_lock);
    if (r == 0)
        drop_queued_signal(id);
    return r;
}
