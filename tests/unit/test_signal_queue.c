/*
 * test_signal_queue.c - the pending-signal queues of src/syscalls/signal_queue.c: standard
 * signals coalesce (the first siginfo stays), real-time ones queue in order of arrival,
 * taking picks the synchronous signals, then the lowest number; a POSIX timer's signal is
 * queued once (later expiries add to si_overrun); the pool is bounded (a full pool drops,
 * never grows) and every entry comes back.
 */
#define TEST_MAIN
#include "test.h"
#include "syscalls/internal.h"

#define SI_QUEUE_CODE (-1)
#define SI_TIMER_CODE (-2)

static void make_info(uint8_t *info, int sig, int code, int32_t a, int32_t b)
{
    memset(info, 0, GUEST_SIGINFO_SIZE);
    int32_t head[3] = { sig, 0, code };
    memcpy(info, head, sizeof(head));
    memcpy(info + 16, &a, 4);       /* si_pid or si_timerid */
    memcpy(info + 20, &b, 4);       /* si_uid or si_overrun */
    memcpy(info + 24, &a, 4);       /* si_value */
}

static int32_t field(const uint8_t *info, size_t off)
{
    int32_t v;
    memcpy(&v, info + off, 4);
    return v;
}

static int add(struct sigq *q, int sig, int code, int32_t a, int32_t b)
{
    uint8_t info[GUEST_SIGINFO_SIZE];
    make_info(info, sig, code, a, b);
    return sigq_add(q, sig, info);
}

TEST(sigq, standard_coalesce_first_wins)
{
    struct sigq *q = sigq_this_thread();
    uint8_t info[GUEST_SIGINFO_SIZE];
    CHECK(add(q, 10, SI_QUEUE_CODE, 1, 0));
    CHECK(!add(q, 10, SI_QUEUE_CODE, 2, 0));
    CHECK_EQ_U64(sigq_pending(q), GUEST_SIGBIT(10));
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 10);
    CHECK_EQ_U64(field(info, 24), 1);
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 0);
    CHECK_EQ_U64(sigq_pending(q), 0);
}

TEST(sigq, realtime_order)
{
    struct sigq *q = &proc_sigq;
    uint8_t info[GUEST_SIGINFO_SIZE];
    add(q, 35, SI_QUEUE_CODE, 1, 0);
    add(q, 34, SI_QUEUE_CODE, 10, 0);
    add(q, 35, SI_QUEUE_CODE, 2, 0);
    add(q, 2, SI_QUEUE_CODE, 20, 0);
    add(q, 34, SI_QUEUE_CODE, 11, 0);
    add(q, 11, SI_QUEUE_CODE, 30, 0);    /* SIGSEGV: synchronous, first */
    static const int want[][2] = { { 11, 30 }, { 2, 20 }, { 34, 10 }, { 34, 11 },
                                   { 35, 1 }, { 35, 2 } };
    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int sig = sigq_take(q, ~0ULL, info);
        CHECK_EQ_U64(sig, want[i][0]);
        CHECK_EQ_U64(field(info, 24), want[i][1]);
    }
    CHECK_EQ_U64(sigq_pending(q), 0);
    CHECK_EQ_U64(sigq_pool_used(), 0);
}

TEST(sigq, allowed_mask)
{
    struct sigq *q = &proc_sigq;
    uint8_t info[GUEST_SIGINFO_SIZE];
    add(q, 34, SI_QUEUE_CODE, 1, 0);
    add(q, 40, SI_QUEUE_CODE, 2, 0);
    CHECK_EQ_U64(sigq_take(q, GUEST_SIGBIT(40), info), 40);
    CHECK_EQ_U64(sigq_take(q, GUEST_SIGBIT(40), info), 0);
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 34);
}

TEST(sigq, timer_signal_queued_once)
{
    struct sigq *q = &proc_sigq;
    uint8_t info[GUEST_SIGINFO_SIZE];
    add(q, 40, SI_TIMER_CODE, 7, 0);    /* timer 7 */
    add(q, 40, SI_TIMER_CODE, 7, 3);    /* timer 7 again, 3 overruns of its own */
    add(q, 40, SI_TIMER_CODE, 8, 0);    /* another timer */
    add(q, 14, SI_TIMER_CODE, 9, 0);    /* standard signal from timer 9 */
    add(q, 14, SI_TIMER_CODE, 9, 0);
    CHECK_EQ_U64(sigq_pool_used(), 2);
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 14);
    CHECK_EQ_U64(field(info, 20), 1);
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 40);
    CHECK_EQ_U64(field(info, 16), 7);
    CHECK_EQ_U64(field(info, 20), 4);   /* 1 + 3 */
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 40);
    CHECK_EQ_U64(field(info, 16), 8);
    CHECK_EQ_U64(field(info, 20), 0);
}

TEST(sigq, remove_timer_and_discard)
{
    struct sigq *q = &proc_sigq;
    uint8_t info[GUEST_SIGINFO_SIZE];
    add(q, 40, SI_QUEUE_CODE, 1, 0);
    add(q, 40, SI_TIMER_CODE, 7, 0);
    add(q, 40, SI_QUEUE_CODE, 2, 0);
    add(q, 14, SI_TIMER_CODE, 7, 0);
    sigq_remove_timer(q, 7);
    CHECK_EQ_U64(sigq_pending(q), GUEST_SIGBIT(40));
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 40);
    CHECK_EQ_U64(field(info, 24), 1);
    CHECK_EQ_U64(sigq_take(q, ~0ULL, info), 40);
    CHECK_EQ_U64(field(info, 24), 2);
    add(q, 41, SI_QUEUE_CODE, 1, 0);
    add(q, 41, SI_QUEUE_CODE, 2, 0);
    add(q, 5, SI_QUEUE_CODE, 3, 0);
    sigq_discard(q, GUEST_SIGBIT(41) | GUEST_SIGBIT(5));
    CHECK_EQ_U64(sigq_pending(q), 0);
    CHECK_EQ_U64(sigq_pool_used(), 0);
}

TEST(sigq, pool_is_bounded)
{
    struct sigq *q = &proc_sigq;
    uint8_t info[GUEST_SIGINFO_SIZE];
    unsigned added = 0, total = sigq_pool_free();
    for (unsigned i = 0; i < total + 100; i++)
        added += add(q, 50, SI_QUEUE_CODE, (int32_t)i, 0);
    CHECK_EQ_U64(added, total);
    CHECK_EQ_U64(sigq_pool_free(), 0);
    CHECK(!add(sigq_this_thread(), 51, SI_QUEUE_CODE, 0, 0));  /* shared by every queue */
    CHECK(add(sigq_this_thread(), 3, SI_QUEUE_CODE, 0, 0));    /* standard: no pool entry */
    unsigned in_order = 0;
    for (unsigned i = 0; i < total; i++)
        in_order += sigq_take(q, ~0ULL, info) == 50 && field(info, 24) == (int32_t)i;
    CHECK_EQ_U64(in_order, total);
    CHECK_EQ_U64(sigq_pool_used(), 0);
    CHECK_EQ_U64(sigq_take(sigq_this_thread(), ~0ULL, info), 3);
}

TEST(sigq, fork_child_empties)
{
    add(&proc_sigq, 40, SI_QUEUE_CODE, 1, 0);
    add(sigq_this_thread(), 41, SI_QUEUE_CODE, 1, 0);
    sigq_fork_child();
    CHECK_EQ_U64(sigq_pending(&proc_sigq), 0);
    CHECK_EQ_U64(sigq_pending(sigq_this_thread()), 0);
    CHECK_EQ_U64(sigq_pool_used(), 0);
    CHECK(add(&proc_sigq, 40, SI_QUEUE_CODE, 1, 0));
    sigq_discard(&proc_sigq, ~0ULL);
}

TEST(sigq, next_signal)
{
    CHECK_EQ_U64(sigq_next_signal(0), 0);
    CHECK_EQ_U64(sigq_next_signal(GUEST_SIGBIT(2) | GUEST_SIGBIT(40)), 2);
    CHECK_EQ_U64(sigq_next_signal(GUEST_SIGBIT(2) | GUEST_SIGBIT(31)), 31);  /* SIGSYS */
    CHECK_EQ_U64(sigq_next_signal(GUEST_SIGBIT(64)), 64);
}
