/* log.c - the -d debug log: item parsing and the output stream (stderr or -D FILE). */
#include <stdarg.h>
#include <string.h>
#include "log.h"

unsigned log_mask;
FILE *log_file;

static const struct { const char *name; unsigned bit; const char *help; } log_items[] = {
    { "in_asm",  LOG_IN_ASM,  "show guest instructions of each translated block" },
    { "op",      LOG_OP,      "show the IR of each translated block" },
    { "out_asm", LOG_OUT_ASM, "show the host code of each translated block" },
    { "exec",    LOG_EXEC,    "show each block as it is executed" },
    { "cpu",     LOG_CPU,     "show guest registers before each block (with exec)" },
    { "unimp",   LOG_UNIMP,   "report unimplemented syscalls and features" },
    { "strace",  LOG_STRACE,  "log every syscall (same as -strace)" },
    { "stats",   LOG_STATS,   "print translation statistics at exit" },
    { "guest_errors", LOG_GUEST_ERRORS, "report guest faults" },
    { "perfmap", LOG_PERFMAP, "write /tmp/perf-PID.map naming translated code for perf" },
};

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
}

bool log_parse_items(const char *items, unsigned *mask, const char **bad)
{
    static char badbuf[64];
    const char *p = items;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        if (n == 4 && strncmp(p, "help", 4) == 0) {
            for (size_t i = 0; i < ARRAY_SIZE(log_items); i++)
                printf("%-12s %s\n", log_items[i].name, log_items[i].help);
            *bad = NULL;
            return false;
        }
        for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
            if (strlen(log_items[i].name) == n && strncmp(p, log_items[i].name, n) == 0) {
                *mask |= log_items[i].bit;
                found = true;
            }
        }
        if (!found && n > 0) {
            snprintf(badbuf, sizeof(badbuf), "%.*s", (int)(n < 60 ? n : 60), p);
            *bad = badbuf;
            return false;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return true;
}
