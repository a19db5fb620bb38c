/* code_stale.c - translations of guest code must go when its memory goes, whatever call
 * removes it (found in review: the range-invalidation callers):
 *   mremap(MREMAP_FIXED) shrinking a code mapping: the dropped tail's translations must go
 *     (new code mapped at the tail's old address runs, not the old translation);
 *   brk shrinking over a heap page made executable, then growing again: a fresh page;
 *   a fetch from a PROT_EXEC file mapping past the end of the file is SIGBUS (BUS_ADRERR),
 *     and crossrun must not hang (the read happens while translating).
 * New code arrives through new mappings, so no icache flush is needed (as on Linux). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096
typedef long (*fn)(void);

/* li a0, k; ret */
static void put_ret_k(void *at, int k)
{
    uint32_t *w = at;
    w[0] = (uint32_t)k << 20 | 10 << 7 | 0x13;
    w[1] = 0x00008067;
}

/* A file of one page holding "li a0, k; ret", unlinked; returns its descriptor. */
static int code_file(int k)
{
    char path[] = "/tmp/crossrun-code-stale-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); exit(1); }
    unlink(path);
    static uint32_t page[PG / 4];
    put_ret_k(page, k);
    if (write(fd, page, PG) != PG) { perror("write"); exit(1); }
    return fd;
}

static void mremap_tail(void)
{
    uint8_t *x = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *dest = mmap(NULL, 4 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (x == MAP_FAILED || dest == MAP_FAILED) { perror("mmap"); exit(1); }
    put_ret_k(x + PG, 1);
    if (mprotect(x, 2 * PG, PROT_READ | PROT_EXEC)) { perror("mprotect"); exit(1); }
    printf("mremap tail: before %ld\n", ((fn)(x + PG))());
    if (mremap(x, 2 * PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, dest + PG) == MAP_FAILED) {
        perror("mremap");
        exit(1);
    }
    int fd = code_file(2);
    if (mmap(x + PG, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        perror("mmap file");
        exit(1);
    }
    printf("mremap tail: after %ld (new code: 2)\n", ((fn)(x + PG))());
    close(fd);
}

static void brk_shrink(void)
{
    uintptr_t cur = (uintptr_t)sbrk(0);
    uint8_t *pg = (uint8_t *)((cur + 2 * PG - 1) & ~(uintptr_t)(PG - 1));
    if (brk(pg + PG)) { perror("brk"); exit(1); }
    put_ret_k(pg, 1);
    if (mprotect(pg, PG, PROT_READ | PROT_EXEC)) { perror("mprotect"); exit(1); }
    printf("brk: before %ld\n", ((fn)pg)());
    if (brk(pg) || brk(pg + PG)) { perror("brk again"); exit(1); }  /* a fresh zero page */
    put_ret_k(pg, 2);
    if (mprotect(pg, PG, PROT_READ | PROT_EXEC)) { perror("mprotect"); exit(1); }
    printf("brk: after %ld (new code: 2)\n", ((fn)pg)());
}

static sigjmp_buf bus_jb;
static volatile int bus_code;
static void on_bus(int sig, siginfo_t *si, void *ctx)
{
    (void)sig; (void)ctx;
    bus_code = si->si_code;
    siglongjmp(bus_jb, 1);
}

static void fetch_past_eof(void)
{
    int fd = code_file(3);
    uint8_t *p = mmap(NULL, 2 * PG, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) { perror("mmap file"); exit(1); }
    struct sigaction sa = { .sa_sigaction = on_bus, .sa_flags = SA_SIGINFO };
    sigaction(SIGBUS, &sa, NULL);
    printf("past EOF: page 0 returns %ld\n", ((fn)p)());
    fflush(stdout);
    if (sigsetjmp(bus_jb, 1) == 0)
        printf("past EOF: page 1 returned %ld (expected SIGBUS)\n", ((fn)(p + PG))());
    else
        printf("past EOF: SIGBUS, %s\n", bus_code == BUS_ADRERR ? "BUS_ADRERR" : "other code");
    close(fd);
}

int main(void)
{
    mremap_tail();
    brk_shrink();
    fetch_past_eof();
    return 0;
}
