/*
 * ebreak.S - ebreak with no handler kills the process with SIGTRAP: the runner expects
 * exit status 133 (128 + 5) and only the output written before it.
 */
#include "macros.h"
TEST_START
        li a0, 1
        lla a1, msg
        li a2, 7
        li a7, SYS_write
        ecall
        ebreak
        FAIL_HERE()
PASS
        .section .rodata
msg:    .ascii "before\n"
