/*
 * segv.S - a load from an unmapped address with no handler kills the process with
 * SIGSEGV: exit status 139 (128 + 11). The load targets x0, which must still fault.
 */
#include "macros.h"
TEST_START
        li a0, 1
        lla a1, msg
        li a2, 7
        li a7, SYS_write
        ecall
        li a1, 8
        ld zero, 0(a1)
        FAIL_HERE()
PASS
        .section .rodata
msg:    .ascii "before\n"
