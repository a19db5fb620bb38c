/*
 * thread.c - guest threads: clone with CLONE_VM|CLONE_THREAD (glibc's pthread_create) makes
 * a host pthread that runs cpu_loop on a copy of the creating thread's CPU, and the exit
 * syscall ends one thread. The guest tid is the host tid.
 *
 * Creation: the new thread starts with every host signal blocked, records its tid where
 * CLONE_PARENT_SETTID/CLONE_CHILD_SETTID ask, takes the creator's signal mask (no alternate
 * stack, nothing pending: Linux's rules for a thread) and only then posts the semaphore clone
 * waits on, so clone returns the tid with both tid words already written. Its first guest
 * instruction is the one after the ecall, with a0 = 0, sp = newsp and, with CLONE_SETTLS,
 * the thread pointer = tls (the target's set_clone_regs/set_syscall_result).
 *
 * Exit: CLONE_CHILD_CLEARTID's word is zeroed and woken (FUTEX_WAKE, not private, as Linux
 * does: pthread_join waits on it), the CPU leaves the dispatcher's set and is freed, and the
 * host thread ends. The last thread to exit ends the process with its status.
 *
 * Everything a thread shares (fds, cwd, memory, dispositions) is shared by host threads
 * anyway; CLONE_THREAD without CLONE_FILES/CLONE_FS (private fd table or cwd per thread) is
 * not possible and is refused with EINVAL. A fork in a threaded guest keeps only the forking
 * thread (atfork handler below; the dispatcher resets its own state itself).
 *
 * The registry: every live guest thread of this process (tid, where its robust-list record
 * and its queue of thread-directed signals are) is on one list, so exit_group and a fatal
 * signal can walk every thread's robust list, SIG_IGN can drop what other threads have
 * queued, and timer_create can check a SIGEV_THREAD_ID tid. A record lives in its thread's
 * TLS and is unlinked (under threads_lock) before the thread ends.
 *
 * Robust futex lists (set_robust_list; proc.c records them): when a thread ends (exit, the
 * last thread's exit, exit_group for every thread, a fatal signal's default action) its
 * list is walked as Linux's exit_robust_list does: struct robust_list_head { list.next,
 * futex_offset, list_op_pending } (LP64: 24 bytes), at most ROBUST_LIST_LIMIT entries, bit 0
 * of a pointer marking a PI futex, every guest read checked (a fault ends the walk). For each
 * futex word the dying tid owns: FUTEX_OWNER_DIED is set, FUTEX_WAITERS kept, the tid bits
 * cleared, and one waiter woken if FUTEX_WAITERS was set (PI futexes: the host kernel wakes
 * their waiters when the host thread ends); a pending operation on a word with no owner only
 * wakes one waiter. execve walks them too (process.c calls robust_list_exit_all just before
 * the host execve). A process the host kernel kills itself (SIGKILL, a signal whose guest
 * disposition is SIG_DFL, see signal.c) walks nothing: the host only knows crossrun's own
 * robust list.
 */
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <asm/unistd.h>
#include <linux/futex.h>
#include "internal.h"

/* clone flags (include/uapi/linux/sched.h) */
#define TCLONE_VM             0x00000100u
#define TCLONE_FS             0x00000200u
#define TCLONE_FILES          0x00000400u
#define TCLONE_SIGHAND        0x00000800u
#define TCLONE_THREAD         0x00010000u
#define TCLONE_SYSVSEM        0x00040000u
#define TCLONE_SETTLS         0x00080000u
#define TCLONE_PARENT_SETTID  0x00100000u
#define TCLONE_CHILD_CLEARTID 0x00200000u
#define TCLONE_DETACHED       0x00400000u
#define TCLONE_CHILD_SETTID   0x01000000u
#define TCLONE_IO             0x80000000u
#define TCLONE_CSIGNAL        0x000000ffu     /* ignored for threads, as by Linux */

#define THREAD_NEEDS   (TCLONE_VM | TCLONE_FS | TCLONE_FILES | TCLONE_SIGHAND | TCLONE_THREAD)
#define THREAD_ALLOWED (THREAD_NEEDS | TCLONE_SYSVSEM | TCLONE_SETTLS | TCLONE_PARENT_SETTID | \
                        TCLONE_CHILD_CLEARTID | TCLONE_DETACHED | TCLONE_CHILD_SETTID |       \
                        TCLONE_IO | TCLONE_CSIGNAL)

static int live_threads = 1;        /* guest threads of this process, atomically updated */
static pid_t live_threads_pid;      /* the process live_threads counts (0: not checked yet) */

/* ---- the registry of live guest threads */

static __thread struct guest_thread this_thread;
static struct guest_thread *threads;    /* under threads_lock */
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;

static void register_this_thread(void)
{
    this_thread.tid = (int32_t)gettid();
    this_thread.robust_head = &guest_robust_list_head;
    this_thread.sigq = sigq_this_thread();
    pthread_mutex_lock(&threads_lock);
    this_thread.next = threads;
    threads = &this_thread;
    pthread_mutex_unlock(&threads_lock);
}

static void unregister_this_thread(void)
{
    pthread_mutex_lock(&threads_lock);
    for (struct guest_thread **p = &threads; *p; p = &(*p)->next) {
        if (*p == &this_thread) {
            *p = this_thread.next;
            break;
        }
    }
    pthread_mutex_unlock(&threads_lock);
}

/* The calling thread is the only one (a new process): its registry holds just it. */
static void reset_registry(void)
{
    pthread_mutex_init(&threads_lock, NULL);
    this_thread.tid = (int32_t)gettid();
    this_thread.robust_head = &guest_robust_list_head;
    this_thread.sigq = sigq_this_thread();
    this_thread.next = NULL;
    threads = &this_thread;
}

/* A child made by fork has one thread; one made by a raw clone ran no atfork handler. */
static void check_process(void)
{
    pid_t pid = getpid();
    if (__atomic_load_n(&live_threads_pid, __ATOMIC_ACQUIRE) != pid) {
        __atomic_store_n(&live_threads, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&live_threads_pid, __ATOMIC_ACQUIRE) != 0)
            reset_registry();       /* not the process that started: a raw clone's child */
        __atomic_store_n(&live_threads_pid, pid, __ATOMIC_RELEASE);
    }
}

void guest_threads_for_each(void (*fn)(struct guest_thread *t, void *arg), void *arg)
{
    check_process();
    pthread_mutex_lock(&threads_lock);
    for (struct guest_thread *t = threads; t; t = t->next)
        fn(t, arg);
    pthread_mutex_unlock(&threads_lock);
}

bool guest_thread_exists(int32_t tid)
{
    bool found = false;
    check_process();
    pthread_mutex_lock(&threads_lock);
    for (struct guest_thread *t = threads; t && !found; t = t->next)
        found = t->tid == tid;
    pthread_mutex_unlock(&threads_lock);
    return found;
}

/* ---- robust futex lists (Linux's exit_robust_list and handle_futex_death rules) */

#define ROBUST_LIST_LIMIT     2048          /* entries walked at most (Linux's limit) */
#define GFUTEX_WAITERS        0x80000000u
#define GFUTEX_OWNER_DIED     0x40000000u
#define GFUTEX_TID_MASK       0x3fffffffu
#define ROBUST_CMPXCHG_TRIES  1000          /* the word keeps changing: give up on it */

static bool read_guest_u64(uint64_t ga, uint64_t *v)
{
    return copy_from_guest(v, ga, sizeof(*v)) == 0;
}

/* Compare-and-swap of the guest word at ga (4-aligned): 1 if it held old and now holds new,
 * 0 if it held something else (in *old), -1 if it is not writable guest memory. The access
 * check and the swap are not atomic with munmap: a fault in between is recovered. */
static int guest_cmpxchg32(uint64_t ga, uint32_t *old, uint32_t new)
{
    if (!guest_access_ok(ga, 4, GPROT_READ | GPROT_WRITE))
        return -1;
    struct fault_recover rec, *outer = fault_recover_point;
    if (sigsetjmp(rec.jb, 1)) {
        fault_recover_point = outer;
        return -1;
    }
    fault_recover_point = &rec;
    bool done = __atomic_compare_exchange_n((uint32_t *)g2h(ga), old, new, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    fault_recover_point = outer;
    return done ? 1 : 0;
}

static void futex_wake_one(uint64_t ga)
{
    syscall(__NR_futex, g2h(ga), FUTEX_WAKE, 1, NULL, NULL, 0);     /* shared, as Linux */
}

/* The futex word at ga when thread tid dies: false ends the walk (a fault, misalignment). */
static bool futex_owner_died(uint64_t ga, int32_t tid, bool pi, bool pending_op)
{
    uint32_t val;
    if ((ga & 3) || copy_from_guest(&val, ga, sizeof(val)))
        return false;
    for (unsigned tries = 0; tries < ROBUST_CMPXCHG_TRIES; tries++) {
        uint32_t owner = val & GFUTEX_TID_MASK;
        /* An unlock or a wake-up cut short with the word already free: the state is
         * consistent, a waiter only needs waking (setting OWNER_DIED would corrupt it). */
        if (pending_op && !pi && owner == 0) {
            futex_wake_one(ga);
            return true;
        }
        if (owner != (uint32_t)tid)
            return true;
        uint32_t expect = val;
        int r = guest_cmpxchg32(ga, &expect, (val & GFUTEX_WAITERS) | GFUTEX_OWNER_DIED);
        if (r < 0)
            return false;
        if (r == 0) {
            val = expect;           /* changed under us: look again */
            continue;
        }
        if (!pi && (val & GFUTEX_WAITERS))
            futex_wake_one(ga);
        return true;
    }
    return true;
}

/* Walks the robust list at head of the dying thread tid. */
static void robust_list_walk(uint64_t head, int32_t tid)
{
    uint64_t entry, futex_offset, pending;
    if (!head || !read_guest_u64(head, &entry) || !read_guest_u64(head + 8, &futex_offset) ||
        !read_guest_u64(head + 16, &pending))
        return;
    bool pi = entry & 1, pending_pi = pending & 1;
    entry &= ~1ULL;
    pending &= ~1ULL;
    for (unsigned limit = ROBUST_LIST_LIMIT; entry != head;) {
        uint64_t next = 0;
        bool have_next = read_guest_u64(entry, &next);      /* before the word changes */
        /* the pending lock may be on the list already: handled once, below */
        if (entry != pending && !futex_owner_died(entry + futex_offset, tid, pi, false))
            return;
        if (!have_next)
            return;
        pi = next & 1;
        entry = next & ~1ULL;
        if (--limit == 0)
            break;
    }
    if (pending)
        futex_owner_died(pending + futex_offset, tid, pending_pi, true);
}

/* The calling thread's list, once. */
static void robust_list_exit_this_thread(void)
{
    uint64_t head = guest_robust_list_head;
    guest_robust_list_head = 0;
    robust_list_walk(head, (int32_t)gettid());
}

static void walk_one(struct guest_thread *t, void *arg)
{
    uint64_t head = __atomic_exchange_n(t->robust_head, 0, __ATOMIC_SEQ_CST);
    robust_list_walk(head, t->tid);
}

void robust_list_exit_all(void)
{
    guest_threads_for_each(walk_one, NULL);
}

/* exit_group as the table calls it: every thread's robust list, then proc.c's exit_group. */
int64_t sys_exit_group_robust(struct cpu *cpu, const uint64_t a[6])
{
    robust_list_exit_all();
    return sys_exit_group(cpu, a);
}

struct thread_start {
    struct cpu *cpu;
    uint32_t flags;
    uint64_t ptid, ctid, sigmask;
    sem_t started;
    int32_t tid;
};

static void *thread_main(void *arg)
{
    struct thread_start *st = arg;
    struct cpu *cpu = st->cpu;
    int32_t tid = (int32_t)gettid();
    fault_thread_init();
    signal_thread_init(st->sigmask);
    guest_clear_child_tid = (st->flags & TCLONE_CHILD_CLEARTID) ? st->ctid : 0;
    guest_robust_list_head = guest_robust_list_len = 0;
    /* The kernel ignores faults on these writes. */
    if (st->flags & TCLONE_CHILD_SETTID)
        (void)copy_to_guest(st->ctid, &tid, sizeof(tid));
    if (st->flags & TCLONE_PARENT_SETTID)
        (void)copy_to_guest(st->ptid, &tid, sizeof(tid));
    dispatch_set_current(cpu);
    register_this_thread();         /* before clone returns: timer_create may name it */
    /* The guest's mask on the host before clone returns: host glibc started this thread
     * with signal 32 open, and a SIGEV_THREAD_ID timer may name it as soon as the guest
     * knows its tid. A signal taken from here on waits for cpu_loop's first delivery. */
    signal_thread_start();
    st->tid = tid;
    sem_post(&st->started);         /* st lives on the creator's stack: not used after this */
    cpu_loop(cpu);
}

int64_t clone_thread(struct cpu *cpu, uint64_t flags, uint64_t newsp, uint64_t ptid,
                     uint64_t tls, uint64_t ctid)
{
    const struct target *t = cpu->target;
    uint32_t f = (uint32_t)flags;
    if ((f & THREAD_NEEDS) != THREAD_NEEDS || (f & ~THREAD_ALLOWED)) {
        report_unimp_once("clone", f, "clone of a thread with flags %#x is not supported", f);
        return -EINVAL;
    }
    if (!t->set_clone_regs || !t->set_syscall_result)
        return -ENOSYS;

    struct cpu *child = malloc(t->cpu_size);
    struct jc_entry *jc = malloc(JC_SIZE * sizeof(*jc));
    if (!child || !jc) {
        free(child);
        free(jc);
        return -EAGAIN;
    }
    memcpy(child, cpu, t->cpu_size);
    for (unsigned i = 0; i < JC_SIZE; i++)
        jc[i].guest_pc = JC_EMPTY;
    child->jc = jc;
    child->interrupt_request = 0;
    child->exit_tb = NULL;
    memset(&child->counts, 0, sizeof(child->counts));
    t->set_clone_regs(child, newsp, tls, (f & TCLONE_SETTLS) != 0);
    t->set_syscall_result(child, 0);

    struct thread_start st = {
        .cpu = child, .flags = f, .ptid = ptid, .ctid = ctid, .sigmask = guest_sigmask,
    };
    if (sem_init(&st.started, 0, 0) != 0) {
        free(child);
        free(jc);
        return -EAGAIN;
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The new thread inherits this. Raw syscalls: glibc's pthread_sigmask would leave 32
     * and 33 open, and the guest may hold 32 blocked (signal.c's HOST_HELD). */
    uint64_t all = ~0ULL, old;
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all, &old, sizeof(all));
    check_process();
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    pthread_t th;
    int err = pthread_create(&th, &attr, thread_main, &st);
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &old, NULL, sizeof(old));
    pthread_attr_destroy(&attr);
    if (err) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
        sem_destroy(&st.started);
        free(child);
        free(jc);
        return -EAGAIN;
    }
    static bool first_done;
    if (!__atomic_exchange_n(&first_done, true, __ATOMIC_SEQ_CST))
        signal_host_threads_started();
    while (sem_wait(&st.started) != 0)
        continue;       /* EINTR: a signal was recorded for the guest; keep waiting */
    sem_destroy(&st.started);
    return st.tid;
}

void thread_exit(struct cpu *cpu, int status)
{
    check_process();
    /* Nothing more may be delivered to this thread; process signals go to the others. The
     * robust-list walk may fault on guest memory: SIGSEGV and SIGBUS stay open meanwhile. */
    uint64_t all = ~0ULL, all_but_faults = ~(GUEST_SIGBIT(SIGSEGV) | GUEST_SIGBIT(SIGBUS));
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all_but_faults, NULL, sizeof(uint64_t));
    robust_list_exit_this_thread();     /* Linux: before clear_child_tid */
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0) {
        uint64_t a[6] = { (uint64_t)status };
        sys_exit_group_robust(cpu, a);  /* the last thread: the process ends */
    }
    unregister_this_thread();
    syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all, NULL, sizeof(uint64_t));
    signal_thread_exit();               /* its queued thread-directed signals go */
    if (guest_clear_child_tid) {
        uint32_t zero = 0;
        if (copy_to_guest(guest_clear_child_tid, &zero, sizeof(zero)) == 0)
            syscall(__NR_futex, g2h(guest_clear_child_tid), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    dispatch_thread_exit(cpu);
    dispatch_set_current(NULL);
    fault_thread_exit();
    free(cpu->jc);
    free(cpu);
    pthread_exit(NULL);
}

/* A forked child has one thread: the one that forked. */
static void thread_atfork_child(void)
{
    live_threads = 1;
    live_threads_pid = getpid();
    reset_registry();
    signal_fork_child();
    timer_fork_child();
}

__attribute__((constructor)) static void thread_init(void)
{
    register_this_thread();         /* the main thread runs the guest's first thread */
    live_threads_pid = getpid();
    pthread_atfork(NULL, NULL, thread_atfork_child);
}
