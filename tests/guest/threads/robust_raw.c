/* robust_raw.c - the kernel's rules for a dying thread's robust futex list, with lists built
 * by hand (no glibc mutexes): for each futex word on the list (at entry + futex_offset) whose
 * owner tid is the dying thread, FUTEX_OWNER_DIED is set, FUTEX_WAITERS kept, the tid
 * cleared and one waiter woken when FUTEX_WAITERS was set; words of other owners stay; PI
 * entries (bit 0 of the pointer) are marked but not woken; list_op_pending is handled too
 * (with no owner: only a wake-up); a misaligned word, an unmapped entry or a read-only word
 * ends the walk; a circular list ends after ROBUST_LIST_LIMIT entries; a bad head is
 * ignored; a forked child's _exit walks its list (words in MAP_SHARED memory).
 * The golden output is the host kernel's (this program built for x86_64); qemu-riscv64
 * implements no robust lists. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct rlist {
    struct rlist *next;
};
struct rhead {
    struct rlist list;
    long futex_offset;
    struct rlist *pending;
};
struct lock {                   /* a list entry, then its futex word */
    struct rlist link;
    uint32_t word;
    uint32_t pad;
};
#define OFFSET ((long)offsetof(struct lock, word))
#define PI_BIT 1UL

static struct rlist *ptr(void *p, unsigned long bits)
{
    return (struct rlist *)((uintptr_t)p | bits);
}

static sem_t ready;

/* ---- one list with every kind of entry */
static struct lock L[6];
static struct rhead head1;

static void *dies_holding(void *arg)
{
    (void)arg;
    uint32_t tid = (uint32_t)gettid();
    L[0].word = tid;                                /* held */
    L[1].word = tid | FUTEX_WAITERS;                /* held, with a waiter */
    L[2].word = 12345;                              /* someone else's */
    L[3].word = tid | FUTEX_OWNER_DIED;             /* held after an earlier death */
    L[4].word = tid | FUTEX_WAITERS;                /* PI */
    L[5].word = FUTEX_WAITERS;                      /* pending op, no owner */
    head1.futex_offset = OFFSET;
    head1.list.next = &L[0].link;
    L[0].link.next = &L[1].link;
    L[1].link.next = &L[2].link;
    L[2].link.next = &L[3].link;
    L[3].link.next = ptr(&L[4].link, PI_BIT);
    L[4].link.next = &head1.list;
    head1.pending = &L[5].link;
    syscall(SYS_set_robust_list, &head1, sizeof(head1));
    sem_post(&ready);
    usleep(100 * 1000);         /* the main thread waits on L[1] meanwhile */
    return NULL;
}

static void every_kind(void)
{
    pthread_t t;
    sem_init(&ready, 0, 0);
    pthread_create(&t, NULL, dies_holding, NULL);
    sem_wait(&ready);
    struct timespec limit = { 5, 0 };
    uint32_t seen = L[1].word;
    long r = syscall(SYS_futex, &L[1].word, FUTEX_WAIT, seen, &limit, NULL, 0);
    const char *how = r == 0 ? "woken" : errno == EAGAIN ? "changed before the wait"
                                       : errno == ETIMEDOUT ? "timed out" : strerror(errno);
    pthread_join(t, NULL);
    printf("waiter on the word with FUTEX_WAITERS: %s\n", how);
    printf("held %#x, held+waiters %#x, other owner %s, owner died before %#x, PI %#x, "
           "pending %#x\n", L[0].word, L[1].word, L[2].word == 12345 ? "untouched" : "CHANGED",
           L[3].word, L[4].word, L[5].word);
}

/* ---- walks that end early */
static char buf[64] __attribute__((aligned(16)));
static struct lock A, B, C;
static struct rhead head2;

static void *misaligned(void *arg)
{
    (void)arg;
    uint32_t tid = (uint32_t)gettid();
    /* A -> (entry at buf+1: its word is misaligned) -> B: B is never reached */
    struct rlist *odd = (struct rlist *)(buf + 1);
    A.word = tid;
    B.word = tid;
    memcpy(buf + 1 + OFFSET, &tid, sizeof(tid));
    head2.futex_offset = OFFSET;
    head2.list.next = &A.link;
    A.link.next = odd;
    struct rlist *nb = &B.link;
    memcpy(odd, &nb, sizeof(nb));
    B.link.next = &head2.list;
    head2.pending = NULL;
    syscall(SYS_set_robust_list, &head2, sizeof(head2));
    return NULL;
}

static struct rhead head3;
static void *unmapped(void *arg)
{
    uint32_t tid = (uint32_t)gettid();
    A.word = tid;
    C.word = tid;
    head3.futex_offset = OFFSET;
    head3.list.next = &A.link;
    A.link.next = arg;          /* an unmapped page: the walk stops there */
    head3.pending = &C.link;    /* not reached either */
    syscall(SYS_set_robust_list, &head3, sizeof(head3));
    return NULL;
}

static struct rhead head4;
static struct lock *ro;
static void *read_only(void *arg)
{
    (void)arg;
    uint32_t tid = (uint32_t)gettid();
    ro->word = tid;
    ro->link.next = &B.link;
    B.word = tid;
    B.link.next = &head4.list;
    mprotect(ro, 4096, PROT_READ);
    head4.futex_offset = OFFSET;
    head4.list.next = &ro->link;
    syscall(SYS_set_robust_list, &head4, sizeof(head4));
    return NULL;
}

static struct rhead head5;
static void *circular(void *arg)
{
    (void)arg;
    A.word = (uint32_t)gettid();
    A.link.next = &A.link;
    head5.futex_offset = OFFSET;
    head5.list.next = &A.link;
    syscall(SYS_set_robust_list, &head5, sizeof(head5));
    return NULL;
}

static void *bad_head(void *arg)
{
    syscall(SYS_set_robust_list, arg, sizeof(struct rhead));
    return NULL;
}

static void run(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    pthread_create(&t, NULL, fn, arg);
    pthread_join(t, NULL);
}

static void early_ends(void)
{
    run(misaligned, NULL);
    uint32_t odd_word;
    memcpy(&odd_word, buf + 1 + OFFSET, sizeof(odd_word));
    printf("misaligned: first %#x, misaligned one %s, after it %s\n", A.word,
           odd_word & FUTEX_OWNER_DIED ? "CHANGED" : "untouched",
           B.word & FUTEX_OWNER_DIED ? "CHANGED" : "untouched");

    void *hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole, 4096);
    run(unmapped, hole);
    printf("unmapped entry: first %#x, pending after it %s\n", A.word,
           C.word & FUTEX_OWNER_DIED ? "CHANGED" : "untouched");

    ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    run(read_only, NULL);
    printf("read-only word: %s, after it %s\n", ro->word & FUTEX_OWNER_DIED ? "CHANGED" : "untouched",
           B.word & FUTEX_OWNER_DIED ? "CHANGED" : "untouched");

    run(circular, NULL);
    printf("circular list: ends, word %#x\n", A.word);

    run(bad_head, (void *)16);
    run(bad_head, hole);
    printf("bad heads: no harm\n");
}

/* ---- a process's exit */
static void child_exit(void)
{
    struct {
        struct rhead head;
        struct lock l;
    } *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid_t pid = fork();
    if (pid == 0) {
        sh->l.word = (uint32_t)gettid() | FUTEX_WAITERS;
        sh->head.futex_offset = OFFSET;
        sh->head.list.next = &sh->l.link;
        sh->l.link.next = &sh->head.list;
        syscall(SYS_set_robust_list, &sh->head, sizeof(sh->head));
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child's _exit: word %#x\n", sh->l.word);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    every_kind();
    early_ends();
    child_exit();
    return 0;
}
