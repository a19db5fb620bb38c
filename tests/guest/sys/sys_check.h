/*
 * sys_check.h - the one checking macro of the tests/guest/sys programs. A failed check
 * prints "FAIL <line>: <condition> (errno <name>)" to stdout, so the golden output differs
 * and the run names the line; a passing one prints nothing. Output is otherwise only
 * deterministic facts: never addresses, ports, pids, fd numbers or timings.
 */
#ifndef SYS_CHECK_H
#define SYS_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int sys_failures;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            printf("FAIL %d: %s (errno %s)\n", __LINE__, #cond, strerrorname_np(errno) \
                   ? strerrorname_np(errno) : "0");                                   \
            sys_failures++;                                                           \
        }                                                                             \
    } while (0)

/* The last line of every program. */
#define CHECK_SUMMARY() printf("%s\n", sys_failures ? "some checks failed" : "all checks passed")

#endif
