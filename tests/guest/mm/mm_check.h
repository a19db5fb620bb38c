/*
 * mm_check.h - shared helpers of the tests/guest/mm programs.
 *
 * CHECK(cond) prints "FAIL <line>: <condition> (errno <name>)" to stdout when cond is false,
 * so the golden output differs and the run names the line; a passing check prints nothing.
 * probe(p, write) touches one byte at p with a SIGSEGV/SIGBUS handler installed and says
 * what happened as text: "ok", "SIGSEGV/MAPERR", "SIGSEGV/ACCERR", "SIGBUS/ADRERR", ...,
 * with " (si_addr wrong)" appended when the signal did not report p itself.
 * Output is otherwise only deterministic facts: never absolute addresses, pids or timings.
 * The same sources build for the host (regen-expected.sh uses that as an oracle), so
 * nothing here is riscv64-specific.
 */
#ifndef MM_CHECK_H
#define MM_CHECK_H

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096UL

static int mm_failures;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            printf("FAIL %d: %s (errno %s)\n", __LINE__, #cond,                          \
                   strerrorname_np(errno) ? strerrorname_np(errno) : "0");               \
            mm_failures++;                                                               \
        }                                                                                \
    } while (0)

/* The last line of every program. */
#define CHECK_SUMMARY() printf("%s\n", mm_failures ? "some checks failed" : "all checks passed")

/* errno as its name, for lines like "mremap without MAYMOVE: ENOMEM". */
static inline const char *err_name(int e)
{
    const char *n = strerrorname_np(e);
    return n ? n : "0";
}

/* The result of a mmap-family call: "ok" or the errno name. */
static inline const char *map_result(void *p)
{
    return p == MAP_FAILED ? err_name(errno) : "ok";
}
static inline const char *call_result(int r)
{
    return r < 0 ? err_name(errno) : "ok";
}

static sigjmp_buf probe_env;
static volatile int probe_sig, probe_code;
static volatile uintptr_t probe_addr;

static void probe_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    probe_sig = sig;
    probe_code = si->si_code;
    probe_addr = (uintptr_t)si->si_addr;
    siglongjmp(probe_env, 1);
}

/* Installs probe_handler for SIGSEGV and SIGBUS (once is enough). */
static inline void probe_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = probe_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

static inline const char *signal_text(int sig, int code)
{
    if (sig == SIGSEGV && code == SEGV_MAPERR)
        return "SIGSEGV/MAPERR";
    if (sig == SIGSEGV && code == SEGV_ACCERR)
        return "SIGSEGV/ACCERR";
    if (sig == SIGBUS && code == BUS_ADRERR)
        return "SIGBUS/ADRERR";
    if (sig == SIGBUS && code == BUS_ADRALN)
        return "SIGBUS/ADRALN";
    static char buf[48];
    snprintf(buf, sizeof(buf), "signal %d code %d", sig, code);
    return buf;
}

/* Reads (write 0) or writes (write 1, the byte value 0x5a) the byte at p. The text lives
 * in one of 8 rotating buffers, so several probes can be arguments of one printf (whose
 * argument order is unspecified: never mix probes with calls that change mappings there). */
static inline const char *probe(volatile char *p, int write)
{
    static char texts[8][80];
    static unsigned next;
    char *text = texts[next++ % 8];
    if (sigsetjmp(probe_env, 1) == 0) {
        if (write)
            *p = 0x5a;
        else
            (void)*p;
        return "ok";
    }
    snprintf(text, sizeof(texts[0]), "%s%s", signal_text(probe_sig, probe_code),
             probe_addr == (uintptr_t)p ? "" : " (si_addr wrong)");
    return text;
}

/* True if all n bytes at p are c. */
static inline int all_bytes(const void *p, int c, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != (unsigned char)c)
            return 0;
    return 1;
}

/* The /proc/self/maps line whose range holds a: fills start, end, perms ("rw-p") and name
 * (the path column, "" for none; size at least 256), returns 1; 0 if no line holds a. */
static inline int maps_find(uintptr_t a, uintptr_t *start, uintptr_t *end, char perms[5],
                            char *name)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return 0;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof(line), f)) {
        unsigned long s, e;
        int pos = 0;
        if (sscanf(line, "%lx-%lx %4s %*s %*s %*s%n", &s, &e, perms, &pos) < 3)
            continue;
        if (a < s || a >= e)
            continue;
        const char *n = line + pos;
        while (*n == ' ')
            n++;
        snprintf(name, 256, "%s", n);
        name[strcspn(name, "\n")] = '\0';
        *start = s;
        *end = e;
        found = 1;
    }
    fclose(f);
    return found;
}

/* A free, page-aligned range of len bytes: reserved with PROT_NONE and given back, so that
 * MAP_FIXED at the result replaces nothing of the program's (single-threaded callers). */
static inline char *free_range(size_t len)
{
    char *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    munmap(p, len);
    return p;
}

#endif
