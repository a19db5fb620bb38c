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
 * not possible and is refused with EINVAL. Robust futex lists are recorded but not walked at
 * exit. A fork in a threaded guest keeps only the forking thread (atfork handler below; the
 * dispatcher resets its own state itself).
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

/* A child made by fork has one thread; one made by a raw clone ran no atfork handler. */
static void check_process(void)
{
    pid_t pid = getpid();
    if (__atomic_load_n(&live_threads_pid, __ATOMIC_ACQUIRE) != pid) {
        __atomic_store_n(&live_threads, 1, __ATOMIC_SEQ_CST);
        __atomic_store_n(&live_threads_pid, pid, __ATOMIC_RELEASE);
    }
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
    st->tid = tid;
    sem_post(&st->started);         /* st lives on the creator's stack: not used after this */
    signal_thread_start();
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
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);      /* the new thread inherits this */
    check_process();
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    pthread_t th;
    int err = pthread_create(&th, &attr, thread_main, &st);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
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
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0) {
        uint64_t a[6] = { (uint64_t)status };
        sys_exit_group(cpu, a);         /* the last thread: the process ends */
    }
    /* Nothing more may be delivered to this thread; process signals go to the others. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
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
    signal_fork_child();
}

__attribute__((constructor)) static void thread_init(void)
{
    pthread_atfork(NULL, NULL, thread_atfork_child);
}
