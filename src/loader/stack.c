/*
 * stack.c - the initial guest stack of a new process, laid out as Linux does for a 64-bit
 * guest. From the top of the stack mapping down:
 *
 *   8 zero bytes, the AT_EXECFN string, the argv strings then the envp strings (argv[0]
 *   lowest, all in order), [pad to 16], the AT_PLATFORM string if the target has one,
 *   16 AT_RANDOM bytes, [pad so that sp ends up aligned], then at sp:
 *   argc, argv[0..argc-1], NULL, envp[0..], NULL, auxv (type, value) pairs ending AT_NULL.
 *
 * sp is aligned to the target's stack_align (at least 16). The strings and pointers together
 * may use at most a quarter of the stack mapping (Linux's ARG_MAX rule), each string at most
 * 128 KiB (MAX_ARG_STRLEN); beyond that crossrun stops with "argument list too long".
 *
 * setup_stack records guest_process.auxv_addr/auxv_len and argv_start/argv_end for
 * /proc/self/auxv and /proc/self/cmdline. It sets li->sp but not the CPU registers: main
 * calls target->set_entry(cpu, li->start_pc, li->sp).
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include "guest_mem.h"
#include "loader.h"
#include "../syscalls/syscall.h"
#include "../targets/target.h"

#define MAX_ARG_STRLEN (32 * 4096)  /* Linux's limit on one argument or environment string */
#define MAX_AUXV       24           /* pairs, including AT_NULL */

/* Writes to the guest stack that setup_stack itself mapped: failure is an emulator bug. */
static void put(uint64_t ga, const void *p, size_t n)
{
    if (copy_to_guest(ga, p, n) != 0)
        panic("initial stack write at %#lx failed", (unsigned long)ga);
}

static void put_u64(uint64_t ga, uint64_t v)
{
    put(ga, &v, sizeof(v));
}

static void random_bytes(uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got < n) {
        /* No getrandom (old kernel, seccomp): still give the guest varying bytes. */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)getpid();
        for (size_t i = got; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            buf[i] = (uint8_t)x;
        }
    }
}

static NORETURN void too_long(const char *execfn)
{
    fatal(EXIT_STATUS_CANNOT_RUN, "%s: argument list too long", execfn);
}

void setup_stack(struct load_info *li, const struct target *t, struct cpu *cpu, int argc,
                 char *const argv[], char *const envp[], const char *execfn)
{
    struct guest_vma stack;
    if (!guest_vma_next(li->stack_top - 1, &stack) || stack.start >= li->stack_top)
        panic("setup_stack: no stack mapping below %#lx", (unsigned long)li->stack_top);
    uint64_t limit = (li->stack_top - stack.start) / 4;

    size_t envc = 0;
    while (envp && envp[envc])
        envc++;
    /* Sizes, checked against the limit before anything is written. */
    uint64_t args_size = 0, env_size = 0;
    uint64_t execfn_size = strlen(execfn) + 1;
    if (execfn_size > MAX_ARG_STRLEN)
        too_long(execfn);
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1;
        if (n > MAX_ARG_STRLEN)
            too_long(execfn);
        args_size += n;
    }
    for (size_t i = 0; i < envc; i++) {
        size_t n = strlen(envp[i]) + 1;
        if (n > MAX_ARG_STRLEN)
            too_long(execfn);
        env_size += n;
    }
    uint64_t pointers = ((uint64_t)argc + envc + 3 + 2 * MAX_AUXV) * 8;
    if (args_size + env_size + execfn_size + pointers + 256 > limit)
        too_long(execfn);

    /* Strings, from the top down. */
    uint64_t p = li->stack_top - 8;
    put_u64(p, 0);
    p -= execfn_size;
    uint64_t execfn_addr = p;
    put(p, execfn, execfn_size);
    p -= args_size + env_size;
    uint64_t argv_strings = p, envp_strings = p + args_size;
    guest_process.argv_start = argv_strings;
    guest_process.argv_end = argv_strings + args_size;
    p = ALIGN_DOWN(p, 16);

    uint64_t platform_addr = 0;
    if (t->platform) {
        size_t n = strlen(t->platform) + 1;
        p -= n;
        platform_addr = p;
        put(p, t->platform, n);
    }
    uint8_t rnd[16];
    random_bytes(rnd, sizeof(rnd));
    p -= sizeof(rnd);
    uint64_t random_addr = p;
    put(p, rnd, sizeof(rnd));

    /* The auxiliary vector, in the order Linux writes it. */
    uint64_t auxv[MAX_AUXV][2];
    unsigned n = 0;
#define AUX(type, val) (auxv[n][0] = (type), auxv[n][1] = (uint64_t)(val), n++)
    if (li->vdso_base)                  /* riscv64 Linux's ARCH_DLINFO comes first */
        AUX(AT_SYSINFO_EHDR, li->vdso_base);
    AUX(AT_HWCAP, t->hwcap && cpu ? t->hwcap(cpu) : 0);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    long clk = sysconf(_SC_CLK_TCK);
    AUX(AT_CLKTCK, clk > 0 ? clk : 100);
    AUX(AT_PHDR, li->phdr);
    AUX(AT_PHENT, li->phent);
    AUX(AT_PHNUM, li->phnum);
    AUX(AT_BASE, li->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, li->entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    /* Set when the kernel gave crossrun privileges (a setuid program started through
     * binfmt_misc's C flag): the guest's dynamic linker must then ignore LD_PRELOAD etc. */
    AUX(AT_SECURE, getauxval(AT_SECURE) ? 1 : 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_EXECFN, execfn_addr);
    if (platform_addr)
        AUX(AT_PLATFORM, platform_addr);
    AUX(AT_NULL, 0);
#undef AUX
    _Static_assert(MAX_AUXV >= 19, "auxv array too small");

    uint64_t align = t->stack_align > 16 ? t->stack_align : 16;
    uint64_t words = 1 + (uint64_t)argc + 1 + envc + 1 + 2 * (uint64_t)n;
    uint64_t sp = ALIGN_DOWN(p - words * 8, align);

    /* argc, argv, envp, auxv at sp, and the strings they point to. */
    uint64_t w = sp;
    put_u64(w, (uint64_t)argc);
    w += 8;
    uint64_t s = argv_strings;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        put(s, argv[i], len);
        put_u64(w, s);
        w += 8;
        s += len;
    }
    put_u64(w, 0);
    w += 8;
    s = envp_strings;
    for (size_t i = 0; i < envc; i++) {
        size_t len = strlen(envp[i]) + 1;
        put(s, envp[i], len);
        put_u64(w, s);
        w += 8;
        s += len;
    }
    put_u64(w, 0);
    w += 8;
    put(w, auxv, n * sizeof(auxv[0]));
    guest_process.auxv_addr = w;
    guest_process.auxv_len = n * sizeof(auxv[0]);
    li->sp = sp;
}
