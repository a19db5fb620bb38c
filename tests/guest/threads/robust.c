/* robust.c - robust mutexes (PTHREAD_MUTEX_ROBUST), which need the kernel to walk a dying
 * thread's robust futex list:
 *  - a thread locks one and exits: the next lock returns EOWNERDEAD, pthread_mutex_consistent
 *    makes it usable again;
 *  - the same while the main thread is already waiting for it (the waiter is woken);
 *  - unlocked without pthread_mutex_consistent it becomes ENOTRECOVERABLE;
 *  - process-shared, in MAP_SHARED memory: a forked child locks it and _exits (with the
 *    parent waiting, and not); a child whose other thread holds it calls _exit (exit_group
 *    walks every thread's list);
 *  - get_robust_list returns what set_robust_list set.
 * qemu-riscv64 implements no robust lists (set_robust_list is ENOSYS there, and these cases
 * hang): the golden output is the host kernel's (this program built for x86_64). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err_name(int e)
{
    switch (e) {
    case 0: return "0";
    case EOWNERDEAD: return "EOWNERDEAD";
    case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
    case EBUSY: return "EBUSY";
    default: return strerror(e);
    }
}

static void init_robust(pthread_mutex_t *m, int pshared)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (pshared)
        pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(m, &a);
    pthread_mutexattr_destroy(&a);
}

static pthread_mutex_t m1;
static sem_t locked;

static void *lock_and_exit(void *arg)
{
    pthread_mutex_t *m = arg;
    pthread_mutex_lock(m);
    sem_post(&locked);
    usleep(50 * 1000);      /* long enough for the main thread to start waiting, if it does */
    return NULL;            /* exits holding it */
}

static void thread_dies(void)
{
    init_robust(&m1, 0);
    pthread_t t;
    pthread_create(&t, NULL, lock_and_exit, &m1);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&m1);
    printf("thread died holding it: lock %s", err_name(r));
    printf(", consistent %s", err_name(pthread_mutex_consistent(&m1)));
    printf(", unlock %s", err_name(pthread_mutex_unlock(&m1)));
    printf(", lock again %s\n", err_name(pthread_mutex_lock(&m1)));
    pthread_mutex_unlock(&m1);
    pthread_mutex_destroy(&m1);

    /* the main thread waits while the owner dies */
    init_robust(&m1, 0);
    sem_init(&locked, 0, 0);
    pthread_create(&t, NULL, lock_and_exit, &m1);
    sem_wait(&locked);
    r = pthread_mutex_lock(&m1);
    printf("waiting when it died: lock %s", err_name(r));
    printf(", consistent %s\n", err_name(pthread_mutex_consistent(&m1)));
    pthread_mutex_unlock(&m1);
    pthread_join(t, NULL);
    pthread_mutex_destroy(&m1);

    /* not made consistent: unrecoverable */
    init_robust(&m1, 0);
    sem_init(&locked, 0, 0);
    pthread_create(&t, NULL, lock_and_exit, &m1);
    pthread_join(t, NULL);
    r = pthread_mutex_lock(&m1);
    printf("not made consistent: lock %s", err_name(r));
    pthread_mutex_unlock(&m1);
    printf(", next lock %s\n", err_name(pthread_mutex_lock(&m1)));
}

static pthread_mutex_t *shared_mutex(void)
{
    pthread_mutex_t *m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE,
                              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    init_robust(m, 1);
    return m;
}

static void reap(pid_t pid)
{
    int st;
    waitpid(pid, &st, 0);
}

static void *child_holder(void *arg)
{
    pthread_mutex_lock(arg);
    sem_post(&locked);
    pause();                /* killed by the process's _exit */
    return NULL;
}

static void process_dies(void)
{
    /* the child locks, exits; the parent locks afterwards */
    pthread_mutex_t *m = shared_mutex();
    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(m);
        _exit(0);
    }
    reap(pid);
    int r = pthread_mutex_lock(m);
    printf("child process died holding it: lock %s", err_name(r));
    printf(", consistent %s\n", err_name(pthread_mutex_consistent(m)));
    pthread_mutex_unlock(m);

    /* the parent is waiting when the child dies */
    int pfd[2];
    if (pipe(pfd) != 0)
        return;
    pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(m);
        char c = 1;
        if (write(pfd[1], &c, 1) != 1)
            _exit(1);
        usleep(50 * 1000);
        _exit(0);
    }
    char c;
    if (read(pfd[0], &c, 1) != 1)
        printf("pipe read failed\n");
    r = pthread_mutex_lock(m);
    printf("parent waiting when the child died: lock %s\n", err_name(r));
    pthread_mutex_consistent(m);
    pthread_mutex_unlock(m);
    reap(pid);

    /* another thread of the child holds it when the child calls _exit */
    pid = fork();
    if (pid == 0) {
        pthread_t t;
        sem_init(&locked, 0, 0);
        pthread_create(&t, NULL, child_holder, m);
        sem_wait(&locked);
        _exit(0);
    }
    reap(pid);
    r = pthread_mutex_lock(m);
    printf("child's other thread held it at _exit: lock %s\n", err_name(r));
    pthread_mutex_consistent(m);
    pthread_mutex_unlock(m);
}

struct robust_head {
    void *next;
    long futex_offset;
    void *pending;
};

static void *get_set(void *arg)
{
    (void)arg;
    struct robust_head mine = { &mine, 0, NULL }, *head = NULL;
    size_t len = 0;
    void *glibc_head = NULL;
    syscall(SYS_get_robust_list, 0, &glibc_head, &len);
    printf("get_robust_list: glibc registered one %s, len %zu", glibc_head ? "yes" : "no", len);
    long r = syscall(SYS_set_robust_list, &mine, sizeof(mine));
    syscall(SYS_get_robust_list, 0, &head, &len);
    printf(", after set %ld: ours %s, len %zu", r, head == &mine ? "yes" : "no", len);
    r = syscall(SYS_set_robust_list, &mine, sizeof(mine) + 1);
    printf(", bad len %s\n", r == -1 && errno == EINVAL ? "EINVAL" : "accepted");
    syscall(SYS_set_robust_list, glibc_head, sizeof(mine));
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sem_init(&locked, 0, 0);
    thread_dies();
    process_dies();
    pthread_t t;
    pthread_create(&t, NULL, get_set, NULL);
    pthread_join(t, NULL);
    return 0;
}
