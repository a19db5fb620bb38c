/* faults - memory faults become signals with Linux's si_code and the exact si_addr: a hole
 * punched by munmap (SEGV_MAPERR), a write to a page made read-only by mprotect and a read of
 * a PROT_NONE page (SEGV_ACCERR), a jump into a mapped page without PROT_EXEC (ACCERR) and
 * into an unmapped one (MAPERR), a file mapping past the end of its file (SIGBUS/BUS_ADRERR,
 * also after ftruncate shrinks a mapped file). A handler that skips the faulting instruction
 * through ucontext's pc instead of jumping away finds the pc exact and the destination
 * register of a faulting load unchanged. System calls given such buffers return EFAULT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <ucontext.h>
#include "mm_check.h"

static char tmpdir[] = "/tmp/crossrun-mm-faults.XXXXXX";
static char path[64];

/* Jumps to code at target (which would return at once if it ran): the fault text. */
static const char *probe_exec(void *target)
{
    static char text[80];
    if (sigsetjmp(probe_env, 1) == 0) {
        ((void (*)(void))target)();
        return "ran";
    }
    snprintf(text, sizeof(text), "%s%s", signal_text(probe_sig, probe_code),
             probe_addr == (uintptr_t)target ? "" : " (si_addr wrong)");
    return text;
}

/* A return instruction, for pages that must not run. */
static void put_return(void *p)
{
#if defined(__riscv)
    static const unsigned char ret[] = { 0x67, 0x80, 0x00, 0x00 };   /* jalr x0, 0(ra) */
#else
    static const unsigned char ret[] = { 0xc3 };                     /* ret */
#endif
    memcpy(p, ret, sizeof(ret));
}

static void segv_cases(void)
{
    char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 1, 3 * PAGE);
    CHECK(munmap(p + PAGE, PAGE) == 0);
    printf("read in a munmap hole: %s\n", probe(p + PAGE + 123, 0));
    printf("write in a munmap hole: %s\n", probe(p + 2 * PAGE - 1, 1));
    printf("the pages around the hole: %s %s\n", probe(p + PAGE - 1, 1), probe(p + 2 * PAGE, 1));

    CHECK(mprotect(p, PAGE, PROT_READ) == 0);
    printf("write to a read-only page: %s, read it: %s, byte kept %d\n", probe(p + 77, 1),
           probe(p + 77, 0), p[77]);
    CHECK(mprotect(p, PAGE, PROT_NONE) == 0);
    printf("PROT_NONE page: read %s, write %s\n", probe(p + 5, 0), probe(p + 6, 1));
    CHECK(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0);
    printf("back to read-write: write %s, old contents %d\n", probe(p + 8, 1), p[9]);

    put_return(p);
    printf("jump into a page without PROT_EXEC: %s\n", probe_exec(p));
    printf("jump into a munmap hole: %s\n", probe_exec(p + PAGE));
    CHECK(munmap(p, 3 * PAGE) == 0);
    printf("jump into an unmapped page: %s\n", probe_exec(p + PAGE));
}

static void sigbus_cases(void)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    CHECK(write(fd, "0123456789", 10) == 10);
    char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    printf("file of 10 bytes, mapped 3 pages: byte 5 '%c', byte 100 is %d, first page %s\n",
           p[5], p[100], probe(p + PAGE - 1, 1));
    printf("second page (past the end of the file): read %s, write %s\n",
           probe(p + PAGE + 8, 0), probe(p + 2 * PAGE + 9, 1));
    CHECK(ftruncate(fd, 2 * PAGE) == 0);
    printf("after ftruncate to 2 pages: second page %s, third page %s\n", probe(p + PAGE + 8, 0),
           probe(p + 2 * PAGE, 0));
    CHECK(ftruncate(fd, 0) == 0);
    printf("after ftruncate to 0: first page %s\n", probe(p + 3, 0));
    CHECK(munmap(p, 3 * PAGE) == 0);
    CHECK(close(fd) == 0);
}

/* ---- resuming after a fault through ucontext */

static volatile uintptr_t handler_pc;

static void skip_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
#if defined(__riscv)
    unsigned long *pc = &uc->uc_mcontext.__gregs[REG_PC];
    unsigned long len = 4;          /* the instructions below are assembled without RVC */
#else
    greg_t *pc = &uc->uc_mcontext.gregs[REG_RIP];
    greg_t len = 3;                 /* movb $0x5a,(%rdi) and mov (%rdi),%rax: 3 bytes each */
#endif
    handler_pc = (uintptr_t)*pc;
    *pc += len;
}

/* Stores to p; returns 2 if the instruction after the store ran. insn gets its address. */
static long store_then_continue(char *p, uintptr_t *insn)
{
    long after;
#if defined(__riscv)
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "lla %1, 1f\n\tli %0, 1\n"
                     "1:\tsb %0, 0(%2)\n\tli %0, 2\n\t.option pop"
                     : "=&r"(after), "=&r"(*insn) : "r"(p) : "memory");
#else
    __asm__ volatile("lea 1f(%%rip), %1\n\tmov $1, %0\n"
                     "1:\tmovb $0x5a, (%%rdi)\n\tmov $2, %0"
                     : "=&r"(after), "=&r"(*insn) : "D"(p) : "memory");
#endif
    return after;
}

/* Loads 8 bytes from p into a register holding 77 first; returns that register. */
static long load_into_77(char *p, uintptr_t *insn)
{
    long reg;
#if defined(__riscv)
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "lla %1, 1f\n\tli %0, 77\n"
                     "1:\tld %0, 0(%2)\n\t.option pop"
                     : "=&r"(reg), "=&r"(*insn) : "r"(p) : "memory");
#else
    __asm__ volatile("lea 1f(%%rip), %1\n\tmov $77, %%rax\n"
                     "1:\tmov (%%rdi), %%rax"
                     : "=&a"(reg), "=&r"(*insn) : "D"(p) : "memory");
#endif
    return reg;
}

static void resume_cases(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = skip_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGSEGV, &sa, &old) == 0);

    char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    uintptr_t insn = 0;
    long after = store_then_continue(p + 16, &insn);
    printf("store to a read-only page, handler skips it: pc exact %s, next instruction ran %s, "
           "memory unchanged %s\n", handler_pc == insn ? "yes" : "no", after == 2 ? "yes" : "no",
           p[16] == 0 ? "yes" : "no");
    CHECK(munmap(p, PAGE) == 0);
    long reg = load_into_77(p + 8, &insn);
    printf("load from an unmapped page, handler skips it: pc exact %s, register kept %ld\n",
           handler_pc == insn ? "yes" : "no", reg);
    CHECK(sigaction(SIGSEGV, &old, NULL) == 0);
}

static void efault_cases(void)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    CHECK(write(fd, "abcdefgh", 8) == 8);
    char *p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(mprotect(p + PAGE, PAGE, PROT_NONE) == 0);
    char *gone = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(gone != MAP_FAILED && munmap(gone, PAGE) == 0);

    printf("pread into a read-only page: %s\n", call_result((int)pread(fd, p, 8, 0)));
    printf("pread into an unmapped page: %s\n", call_result((int)pread(fd, gone, 8, 0)));
    printf("write from a PROT_NONE page: %s\n", call_result((int)write(fd, p + PAGE, 8)));
    printf("write from an unmapped page: %s\n", call_result((int)write(fd, gone, 8)));
    printf("write from a readable page: %s\n", call_result((int)pwrite(fd, p, 8, 0)));
    printf("open with an unmapped path: %s\n", call_result(open(gone, O_RDONLY)));
    CHECK(munmap(p, 2 * PAGE) == 0);
    CHECK(close(fd) == 0);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof(path), "%s/file", tmpdir);
    probe_init();
    segv_cases();
    sigbus_cases();
    resume_cases();
    efault_cases();
    unlink(path);
    rmdir(tmpdir);
    CHECK_SUMMARY();
    return 0;
}
