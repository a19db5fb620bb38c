/*
 * common.h - small definitions shared by every part of crossrun: fixed-width types,
 * ARRAY_SIZE, branch hints, and the two ways of stopping: fatal() for a bad input the
 * user must fix (one line naming the thing and the reason, documented exit status) and
 * panic() for an emulator bug (never reachable from guest-controlled input).
 */
#ifndef CROSSRUN_COMMON_H
#define CROSSRUN_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x)     __builtin_expect(!!(x), 1)
#define unlikely(x)   __builtin_expect(!!(x), 0)
#define ALIGN_UP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define UNUSED __attribute__((unused))
#define NORETURN __attribute__((noreturn))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* Exit statuses of crossrun itself (the guest's own status is passed through otherwise). */
enum {
    EXIT_STATUS_USAGE      = 2,   /* bad command line */
    EXIT_STATUS_INTERNAL   = 125, /* emulator error not caused by the guest program */
    EXIT_STATUS_CANNOT_RUN = 126, /* file exists but cannot be executed (not ELF, wrong arch, malformed) */
    EXIT_STATUS_NOT_FOUND  = 127, /* file not found */
};

/* Prints "crossrun: <message>" on stderr and exits with status. */
NORETURN PRINTF_LIKE(2, 3) void fatal(int status, const char *fmt, ...);
/* Prints "crossrun: internal error: <message>" and aborts: only for emulator bugs. */
NORETURN PRINTF_LIKE(1, 2) void panic(const char *fmt, ...);
/* Prints "crossrun: <message>" on stderr and continues. */
PRINTF_LIKE(1, 2) void warn(const char *fmt, ...);

#endif
