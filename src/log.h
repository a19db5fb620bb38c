/*
 * log.h - the -d ITEMS / QEMU_LOG debug log and -strace. Items are bits of log_mask;
 * output goes to log_file (stderr unless -D FILE / QEMU_LOG_FILENAME).
 */
#ifndef CROSSRUN_LOG_H
#define CROSSRUN_LOG_H

#include <stdio.h>
#include "common.h"

enum log_item {
    LOG_IN_ASM  = 1u << 0, /* guest instructions of each translated block */
    LOG_OP      = 1u << 1, /* IR of each translated block */
    LOG_OUT_ASM = 1u << 2, /* host code of each translated block */
    LOG_EXEC    = 1u << 3, /* each block executed */
    LOG_UNIMP   = 1u << 4, /* unimplemented syscalls and features */
    LOG_STRACE  = 1u << 5, /* every syscall with decoded arguments and result */
    LOG_CPU     = 1u << 6, /* guest registers before each block (with exec) */
    LOG_STATS   = 1u << 7, /* DBT statistics at exit */
    LOG_GUEST_ERRORS = 1u << 8, /* guest faults reported as they happen */
    LOG_PERFMAP = 1u << 9, /* write /tmp/perf-PID.map for perf (not a log item as such) */
};

extern unsigned log_mask;
extern FILE *log_file;

static inline bool log_enabled(unsigned item) { return (log_mask & item) != 0; }
PRINTF_LIKE(1, 2) void log_printf(const char *fmt, ...);
/* Parses "in_asm,op,..."; returns false and names the bad item in *bad on error. */
bool log_parse_items(const char *items, unsigned *mask, const char **bad);

#endif
