/*
 * sigill.S - an illegal instruction with no handler kills the process with SIGILL:
 * the runner expects exit status 132 (128 + 4) and only the output written before it.
 * The all-zero halfword is the ISA's designated illegal encoding.
 */
#include "macros.h"
TEST_START
        li a0, 1
        lla a1, msg
        li a2, 7
        li a7, SYS_write
        ecall
        .word 0
        FAIL_HERE()
PASS
        .section .rodata
msg:    .ascii "before\n"
