/* jit - a guest that generates riscv64 machine code at run time, as JIT compilers do:
 * - an RWX mapping: a function returning a constant, flushed with __builtin___clear_cache
 *   (glibc's __riscv_flush_icache: the vDSO or the riscv_flush_icache system call), run,
 *   overwritten with a longer sequence returning another constant, flushed, run again;
 * - a loop (a backward branch, so hot and chained once translated) whose body is patched
 *   one instruction at a time, flushed with fence.i, with the riscv_flush_icache system call
 *   (global and SYS_RISCV_FLUSH_ICACHE_LOCAL) and with __builtin___clear_cache;
 * - code that straddles two pages, patched only in the second page;
 * - W^X: a RW mapping written, mprotect-ed to RX, run; back to RW, rewritten, RX, run; the
 *   same without any cache flush (issue 3 requires crossrun to drop translations when a page
 *   loses PROT_EXEC; hardware would need the fence.i);
 * - code that ran and whose page then lost PROT_EXEC faults (SIGSEGV/ACCERR) instead of
 *   running stale translations;
 * - a page munmap-ed and mapped again at the same address with other code: anonymous
 *   memory written afresh (no flush: munmap must drop translations), and file mappings
 *   of two files in turn, as dlclose/dlopen do (no flush needed on hardware either).
 * riscv64 only: the code is encoded here, and qemu-riscv64 is the oracle. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include "mm_check.h"

#ifndef __NR_riscv_flush_icache
#define __NR_riscv_flush_icache 259
#endif
#define FLUSH_ICACHE_LOCAL 1

typedef long (*fn_t)(long);

/* ---- a tiny riscv64 assembler: emit into a uint32_t array, return the next index */

enum { ZERO = 0, RA = 1, T0 = 5, T1 = 6, A0 = 10 };

static uint32_t i_type(int imm, int rs1, int f3, int rd, int op)
{
    return (uint32_t)(imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | (uint32_t)f3 << 12 |
           (uint32_t)rd << 7 | (uint32_t)op;
}
static uint32_t addi(int rd, int rs1, int imm) { return i_type(imm, rs1, 0, rd, 0x13); }
static uint32_t addiw(int rd, int rs1, int imm) { return i_type(imm, rs1, 0, rd, 0x1b); }
static uint32_t lui(int rd, uint32_t imm20) { return imm20 << 12 | (uint32_t)rd << 7 | 0x37; }
static uint32_t ret(void) { return i_type(0, RA, 0, ZERO, 0x67); }   /* jalr x0, 0(ra) */
/* bne rs1, rs2, off (off a multiple of 2 within +-4 KiB) */
static uint32_t bne(int rs1, int rs2, int off)
{
    uint32_t o = (uint32_t)off;
    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | (uint32_t)rs2 << 20 |
           (uint32_t)rs1 << 15 | 1 << 12 | ((o >> 1) & 0xf) << 8 | ((o >> 11) & 1) << 7 | 0x63;
}

/* a0 = value (any int32): lui+addiw, or a single addi when it fits */
static int emit_li_a0(uint32_t *code, int at, int32_t value)
{
    if (value >= -2048 && value < 2048) {
        code[at++] = addi(A0, ZERO, value);
        return at;
    }
    int32_t lo = (int32_t)((uint32_t)value << 20) >> 20;            /* sign-extended low 12 */
    uint32_t hi = ((uint32_t)value - (uint32_t)lo) >> 12;
    code[at++] = lui(A0, hi & 0xfffff);
    code[at++] = addiw(A0, A0, lo);
    return at;
}

/* long f(long ignored) { return value; } */
static int emit_const(uint32_t *code, int32_t value)
{
    int at = emit_li_a0(code, 0, value);
    code[at++] = ret();
    return at;
}

/* long f(long n) { long s = 0; do s += step; while (--n); return s; }  - the addi that adds
 * step is word LOOP_STEP_WORD */
#define LOOP_STEP_WORD 2
static int emit_loop(uint32_t *code, int step)
{
    int at = 0;
    code[at++] = addi(T0, A0, 0);           /* t0 = n */
    code[at++] = addi(A0, ZERO, 0);         /* a0 = 0 */
    code[at++] = addi(A0, A0, step);        /* loop: a0 += step */
    code[at++] = addi(T0, T0, -1);          /*       t0-- */
    code[at++] = bne(T0, ZERO, -8);         /*       if (t0) goto loop */
    code[at++] = ret();
    return at;
}

static void flush(void *start, size_t len)
{
    __builtin___clear_cache((char *)start, (char *)start + len);
}

static void fence_i(void)
{
    __asm__ volatile("fence.i" ::: "memory");
}

static long flush_syscall(void *start, size_t len, long flags)
{
    return syscall(__NR_riscv_flush_icache, start, (char *)start + len, flags);
}

/* Calls f(arg) with SIGSEGV caught: the result, or -1 with *fault set to the fault text. */
static long call_caught(fn_t f, long arg, const char **fault)
{
    static char text[80];
    *fault = NULL;
    if (sigsetjmp(probe_env, 1) == 0)
        return f(arg);
    snprintf(text, sizeof(text), "%s%s", signal_text(probe_sig, probe_code),
             probe_addr == (uintptr_t)f ? "" : " (si_addr wrong)");
    *fault = text;
    return -1;
}

static void rwx(void)
{
    uint32_t *code = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(code != MAP_FAILED);
    fn_t f = (fn_t)code;
    int n = emit_const(code, 42);
    flush(code, n * 4);
    long first = f(0);
    long again = f(0);
    printf("RWX page, constant function: %ld, called again %ld\n", first, again);
    n = emit_const(code, 0x12345);
    flush(code, n * 4);
    printf("  rewritten as lui+addiw, __builtin___clear_cache: %ld\n", f(0));
    for (int v = 1; v <= 20; v++) {
        emit_const(code, v * 100);
        flush(code, 8);
        CHECK(f(0) == v * 100);
    }
    printf("  rewritten and run 20 more times: last %ld\n", f(0));

    n = emit_loop(code, 3);
    flush(code, n * 4);
    long hot = 0;
    for (int i = 0; i < 100; i++)
        hot += f(1000);
    printf("loop, step 3, 1000 iterations: %ld (100 calls: %ld)\n", f(1000), hot);
    code[LOOP_STEP_WORD] = addi(A0, A0, 7);
    fence_i();
    printf("  step patched to 7, fence.i: %ld\n", f(1000));
    code[LOOP_STEP_WORD] = addi(A0, A0, -5);
    printf("  step patched to -5, riscv_flush_icache(0): %s, ", call_result(
           (int)flush_syscall(code, PAGE, 0)));
    printf("%ld\n", f(1000));
    code[LOOP_STEP_WORD] = addi(A0, A0, 11);
    printf("  step patched to 11, riscv_flush_icache(LOCAL): %s, ",
           call_result((int)flush_syscall(code, PAGE, FLUSH_ICACHE_LOCAL)));
    printf("%ld\n", f(1000));
    code[LOOP_STEP_WORD] = addi(A0, A0, 13);
    flush(code + LOOP_STEP_WORD, 4);
    printf("  step patched to 13, __builtin___clear_cache of that word: %ld\n", f(1000));
    printf("  riscv_flush_icache with unknown flags: %s\n",
           call_result((int)flush_syscall(code, PAGE, 2)));
    CHECK(munmap(code, PAGE) == 0);
}

/* A function whose first instructions end one page and whose rest starts the next. */
static void straddling(void)
{
    char *two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(two != MAP_FAILED);
    uint32_t *code = (uint32_t *)(two + PAGE - 8);  /* 2 words in page 0, the rest in page 1 */
    code[0] = addi(A0, ZERO, 1);
    code[1] = addi(A0, A0, 2);
    code[2] = addi(A0, A0, 4);                      /* first word of page 1 */
    code[3] = ret();
    flush(code, 16);
    fn_t f = (fn_t)code;
    long before = f(0);
    code[2] = addi(A0, A0, 40);
    flush(two + PAGE, 8);
    printf("code across a page boundary: %ld, second page patched and flushed: %ld\n", before,
           f(0));
    CHECK(munmap(two, 2 * PAGE) == 0);
}

static void w_xor_x(int with_flush)
{
    uint32_t *code = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(code != MAP_FAILED);
    fn_t f = (fn_t)code;
    int n = emit_loop(code, 5);
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_EXEC) == 0);
    if (with_flush)
        flush(code, n * 4);
    long first = f(100);
    first += f(100) - f(100);
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_WRITE) == 0);
    n = emit_const(code, -77);
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_EXEC) == 0);
    if (with_flush)
        flush(code, n * 4);
    long second = f(100);
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_WRITE) == 0);
    code[LOOP_STEP_WORD] = addi(A0, A0, 1);
    n = emit_loop(code, 9);
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_EXEC) == 0);
    if (with_flush)
        flush(code, n * 4);
    printf("W^X (RW, write, RX, run)%s: %ld, then %ld, then %ld\n",
           with_flush ? " with __builtin___clear_cache" : " without a flush", first, second,
           f(100));
    CHECK(munmap(code, PAGE) == 0);
}

static void exec_revoked(void)
{
    uint32_t *code = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(code != MAP_FAILED);
    emit_const(code, 5);
    flush(code, 8);
    const char *fault;
    long warm = 0;
    for (int i = 0; i < 50; i++)
        warm += call_caught((fn_t)code, 0, &fault);
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_WRITE) == 0);
    long r = call_caught((fn_t)code, 0, &fault);
    printf("code run 50 times (sum %ld), then PROT_EXEC removed: %s\n", warm,
           fault ? fault : r == 5 ? "ran the old code" : "ran something");
    CHECK(mprotect(code, PAGE, PROT_READ | PROT_EXEC) == 0);
    r = call_caught((fn_t)code, 0, &fault);
    printf("  PROT_EXEC given back: %s %ld\n", fault ? fault : "ran", r);
    CHECK(munmap(code, PAGE) == 0);
    r = call_caught((fn_t)code, 0, &fault);
    printf("  after munmap: %s\n", fault ? fault : "ran");
}

/* Writes a page holding emit_const(value) to path. */
static void write_code_file(const char *path, int32_t value)
{
    uint32_t page[PAGE / 4];
    memset(page, 0, sizeof(page));
    emit_const(page, value);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && write(fd, page, PAGE) == (ssize_t)PAGE && close(fd) == 0);
}

static void remap(void)
{
    uint32_t *code = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(code != MAP_FAILED);
    fn_t f = (fn_t)code;
    int n = emit_loop(code, 2);
    flush(code, n * 4);
    long before = f(10) + f(10) - f(10);
    CHECK(munmap(code, PAGE) == 0);
    uint32_t *again = mmap(code, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(again == code);
    emit_loop(again, 3);
    printf("anonymous code page munmap-ed and mapped again (no flush): %ld, then %ld\n",
           before, f(10));
    CHECK(munmap(code, PAGE) == 0);

    char dir[] = "/tmp/crossrun-mm-jit.XXXXXX", a[64], b[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(a, sizeof(a), "%s/a.bin", dir);
    snprintf(b, sizeof(b), "%s/b.bin", dir);
    write_code_file(a, 111);
    write_code_file(b, 222);
    int fa = open(a, O_RDONLY), fb = open(b, O_RDONLY);
    CHECK(fa >= 0 && fb >= 0);
    void *at = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fa, 0);
    CHECK(at != MAP_FAILED);
    long ra = ((fn_t)at)(0) + ((fn_t)at)(0) - ((fn_t)at)(0);
    CHECK(munmap(at, PAGE) == 0);
    void *bt = mmap(at, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fb, 0);
    CHECK(bt == at);
    long rb = ((fn_t)bt)(0);
    void *ct = mmap(at, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fa, 0);
    CHECK(ct == at);
    printf("file code a.bin, munmap, b.bin at the same address, a.bin over it (MAP_FIXED): "
           "%ld %ld %ld\n", ra, rb, ((fn_t)ct)(0));
    CHECK(munmap(ct, PAGE) == 0);
    close(fa);
    close(fb);
    unlink(a);
    unlink(b);
    rmdir(dir);
}

int main(void)
{
    probe_init();
    rwx();
    straddling();
    w_xor_x(1);
    w_xor_x(0);
    exec_revoked();
    remap();
    CHECK_SUMMARY();
    return 0;
}
