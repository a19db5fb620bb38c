/*
 * c_ebreak.S - the compressed c.ebreak also raises SIGTRAP: exit status 133.
 */
#include "macros.h"
TEST_START
        li a0, 1
        lla a1, msg
        li a2, 7
        li a7, SYS_write
        ecall
        .option push
        .option rvc
        c.ebreak
        .option pop
        FAIL_HERE()
PASS
        .section .rodata
msg:    .ascii "before\n"
