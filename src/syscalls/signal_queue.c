/*
 * signal_queue.c - the guest signals crossrun has taken from the host and not yet delivered:
 * one queue per guest thread (thread-directed signals) and one for the process, with
 * Linux's rules. A standard signal (1..31) is pending at most once per queue: a second
 * instance while one waits is dropped (the first siginfo stays, as Linux's legacy_queue).
 * A real-time signal (32..64) queues every instance with its own siginfo, in order of
 * arrival. Taking picks the lowest pending number (the synchronous fault signals first,
 * as the kernel's next_signal); the caller looks at the thread's queue before the process's.
 * A POSIX timer has at most one signal queued: a later expiry while it waits adds to its
 * si_overrun instead (the kernel keeps one preallocated sigqueue per timer).
 *
 * Memory is bounded: real-time instances live in one fixed pool of SIGQ_POOL entries shared
 * by every queue; when it is empty a new instance is dropped (never an allocation, never a
 * crash). signal.c keeps the pool from filling in practice: below SIGQ_LOW_WATER free entries
 * it leaves further instances pending in the host kernel (which bounds them with
 * RLIMIT_SIGPENDING), and sigqueue answers EAGAIN once the pool holds RLIMIT_SIGPENDING.
 *
 * Locking: every function but sigq_pending and sigq_pool_free must be called with every
 * host signal blocked on the calling thread (record_signal runs so; the others block them
 * around the call): queues are changed under one spinlock, which a signal handler of the
 * same thread could otherwise try to take again. A thread's queue lives in its TLS; other
 * threads reach it only through thread.c's registry (while the thread is registered).
 */
#include <sched.h>
#include <string.h>
#include "internal.h"

#define SIGQ_POOL 4096u                 /* real-time instances queued at once, all queues */
#define SIGQ_RT_COUNT (GUEST_NSIG - GUEST_SIGRTMIN + 1)

/* siginfo_t fields the queue looks at (generic LP64 layout, the host's too) */
#define SI_CODE_OFFSET    8
#define SI_TIMERID_OFFSET 16
#define SI_OVERRUN_OFFSET 20
#define GUEST_SI_TIMER    (-2)

/* Linux's SYNCHRONOUS_MASK: SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS */
#define SYNCHRONOUS_SIGNALS ((1ULL << 10) | (1ULL << 6) | (1ULL << 3) | (1ULL << 4) | \
                             (1ULL << 7) | (1ULL << 30))

struct sigq_entry {
    uint32_t next;                      /* pool index of the next instance, 0: none */
    uint8_t info[GUEST_SIGINFO_SIZE];
};

struct sigq {
    uint64_t pending;                   /* bit sig-1: an instance is queued (atomic) */
    uint8_t std_info[GUEST_SIGRTMIN][GUEST_SIGINFO_SIZE]; /* [sig] for 1..31 */
    uint32_t rt_head[SIGQ_RT_COUNT], rt_tail[SIGQ_RT_COUNT]; /* [sig - 32], 0: empty */
};

struct sigq proc_sigq;
static __thread struct sigq thread_sigq;

/* The pool: entry 0 is never used (0 means "none"). Entries never used yet are taken from
 * pool_bump, freed ones go to pool_free_list. */
static struct sigq_entry sigq_pool[SIGQ_POOL + 1];
static uint32_t pool_free_list, pool_bump = 1, pool_used;
static int pool_lock;

static void lock(void)
{
    for (unsigned spins = 0; __atomic_exchange_n(&pool_lock, 1, __ATOMIC_ACQUIRE); spins++) {
        if (spins > 1000)
            sched_yield();
        else
            __builtin_ia32_pause();
    }
}

static void unlock(void)
{
    __atomic_store_n(&pool_lock, 0, __ATOMIC_RELEASE);
}

static uint32_t entry_alloc(void)
{
    uint32_t e = pool_free_list;
    if (e)
        pool_free_list = sigq_pool[e].next;
    else if (pool_bump <= SIGQ_POOL)
        e = pool_bump++;
    else
        return 0;
    sigq_pool[e].next = 0;
    __atomic_store_n(&pool_used, pool_used + 1, __ATOMIC_RELAXED);
    return e;
}

static void entry_free(uint32_t e)
{
    sigq_pool[e].next = pool_free_list;
    pool_free_list = e;
    __atomic_store_n(&pool_used, pool_used - 1, __ATOMIC_RELAXED);
}

static int32_t info_int(const uint8_t *info, size_t off)
{
    int32_t v;
    memcpy(&v, info + off, sizeof(v));
    return v;
}

static bool is_timer_info(const uint8_t *info, int32_t *timerid)
{
    if (info_int(info, SI_CODE_OFFSET) != GUEST_SI_TIMER)
        return false;
    *timerid = info_int(info, SI_TIMERID_OFFSET);
    return true;
}

/* One more expiry of a timer whose signal is still queued: Linux counts it in si_overrun
 * (saturating at INT_MAX). */
static void add_overrun(uint8_t *queued, const uint8_t *info)
{
    int64_t more = info_int(info, SI_OVERRUN_OFFSET);
    int64_t sum = (int64_t)info_int(queued, SI_OVERRUN_OFFSET) + 1 + (more > 0 ? more : 0);
    int32_t v = sum > INT32_MAX ? INT32_MAX : (int32_t)sum;
    memcpy(queued + SI_OVERRUN_OFFSET, &v, sizeof(v));
}

struct sigq *sigq_this_thread(void)
{
    return &thread_sigq;
}

uint64_t sigq_pending(const struct sigq *q)
{
    return __atomic_load_n(&q->pending, __ATOMIC_SEQ_CST);
}

unsigned sigq_pool_free(void)
{
    return SIGQ_POOL - __atomic_load_n(&pool_used, __ATOMIC_RELAXED);
}

unsigned sigq_pool_used(void)
{
    return __atomic_load_n(&pool_used, __ATOMIC_RELAXED);
}

int sigq_next_signal(uint64_t set)
{
    if (!set)
        return 0;
    if (set & SYNCHRONOUS_SIGNALS)
        set &= SYNCHRONOUS_SIGNALS;
    return __builtin_ctzll(set) + 1;
}

bool sigq_add(struct sigq *q, int sig, const uint8_t *info)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return false;
    uint64_t bit = GUEST_SIGBIT(sig);
    int32_t timer, other;
    bool timer_signal = is_timer_info(info, &timer);
    bool added = true;
    lock();
    if (sig < GUEST_SIGRTMIN) {
        if (!(q->pending & bit)) {
            memcpy(q->std_info[sig], info, GUEST_SIGINFO_SIZE);
            __atomic_or_fetch(&q->pending, bit, __ATOMIC_SEQ_CST);
        } else if (timer_signal && is_timer_info(q->std_info[sig], &other) && other == timer) {
            add_overrun(q->std_info[sig], info);
        } else {
            added = false;          /* coalesced with the instance already pending */
        }
        unlock();
        return added;
    }
    unsigned i = (unsigned)(sig - GUEST_SIGRTMIN);
    if (timer_signal) {
        for (uint32_t e = q->rt_head[i]; e; e = sigq_pool[e].next) {
            if (is_timer_info(sigq_pool[e].info, &other) && other == timer) {
                add_overrun(sigq_pool[e].info, info);
                unlock();
                return true;
            }
        }
    }
    uint32_t e = entry_alloc();
    if (e) {
        memcpy(sigq_pool[e].info, info, GUEST_SIGINFO_SIZE);
        if (q->rt_tail[i])
            sigq_pool[q->rt_tail[i]].next = e;
        else
            q->rt_head[i] = e;
        q->rt_tail[i] = e;
        __atomic_or_fetch(&q->pending, bit, __ATOMIC_SEQ_CST);
    } else {
        added = false;              /* the pool is full: dropped */
    }
    unlock();
    return added;
}

/* Unlinks the real-time entry e (after prev, or the head) from q's list i. */
static void rt_unlink(struct sigq *q, unsigned i, uint32_t prev, uint32_t e)
{
    uint32_t next = sigq_pool[e].next;
    if (prev)
        sigq_pool[prev].next = next;
    else
        q->rt_head[i] = next;
    if (q->rt_tail[i] == e)
        q->rt_tail[i] = prev;
    if (!q->rt_head[i])
        __atomic_and_fetch(&q->pending, ~GUEST_SIGBIT((int)i + GUEST_SIGRTMIN), __ATOMIC_SEQ_CST);
    entry_free(e);
}

int sigq_take(struct sigq *q, uint64_t allowed, uint8_t *info)
{
    lock();
    int sig = sigq_next_signal(q->pending & allowed);
    if (sig && sig < GUEST_SIGRTMIN) {
        memcpy(info, q->std_info[sig], GUEST_SIGINFO_SIZE);
        __atomic_and_fetch(&q->pending, ~GUEST_SIGBIT(sig), __ATOMIC_SEQ_CST);
    } else if (sig) {
        unsigned i = (unsigned)(sig - GUEST_SIGRTMIN);
        uint32_t e = q->rt_head[i];
        if (e) {
            memcpy(info, sigq_pool[e].info, GUEST_SIGINFO_SIZE);
            rt_unlink(q, i, 0, e);
        } else {                    /* cannot happen: the bit says there is one */
            __atomic_and_fetch(&q->pending, ~GUEST_SIGBIT(sig), __ATOMIC_SEQ_CST);
            sig = 0;
        }
    }
    unlock();
    return sig;
}

void sigq_discard(struct sigq *q, uint64_t sigs)
{
    lock();
    for (int sig = GUEST_SIGRTMIN; sig <= GUEST_NSIG; sig++) {
        if (!(sigs & q->pending & GUEST_SIGBIT(sig)))
            continue;
        unsigned i = (unsigned)(sig - GUEST_SIGRTMIN);
        while (q->rt_head[i])
            rt_unlink(q, i, 0, q->rt_head[i]);
    }
    __atomic_and_fetch(&q->pending, ~sigs, __ATOMIC_SEQ_CST);
    unlock();
}

void sigq_remove_timer(struct sigq *q, int32_t timerid)
{
    int32_t id;
    lock();
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        if (!(q->pending & GUEST_SIGBIT(sig)))
            continue;
        if (sig < GUEST_SIGRTMIN) {
            if (is_timer_info(q->std_info[sig], &id) && id == timerid)
                __atomic_and_fetch(&q->pending, ~GUEST_SIGBIT(sig), __ATOMIC_SEQ_CST);
            continue;
        }
        unsigned i = (unsigned)(sig - GUEST_SIGRTMIN);
        uint32_t prev = 0;
        for (uint32_t e = q->rt_head[i]; e;) {
            uint32_t next = sigq_pool[e].next;
            if (is_timer_info(sigq_pool[e].info, &id) && id == timerid) {
                rt_unlink(q, i, prev, e);
                break;              /* at most one per timer */
            }
            prev = e;
            e = next;
        }
    }
    unlock();
}

void sigq_fork_child(void)
{
    /* One thread now, and nothing pending (Linux): the other threads' entries are gone. */
    pool_lock = 0;
    pool_free_list = 0;
    pool_bump = 1;
    pool_used = 0;
    memset(&proc_sigq, 0, sizeof(proc_sigq));
    memset(&thread_sigq, 0, sizeof(thread_sigq));
}
