/*
 * syscall_basic.S - the ecall boundary: results in a0, every other register preserved,
 * errors as negative errno (EBADF, EFAULT for a bad guest pointer, ENOSYS for an unknown
 * number), write's byte count, brk growing and the new memory being usable.
 */
#include "macros.h"
#define SYS_getpid 172
#define SYS_brk    214

TEST_START
        /* write returns the byte count */
        li a0, 1
        lla a1, msg
        li a2, 6
        li a7, SYS_write
        ecall
        CHECK_EQ(a0, 6)
        /* a zero-length write */
        li a0, 1
        lla a1, msg
        li a2, 0
        li a7, SYS_write
        ecall
        CHECK_EQ(a0, 0)
        /* bad fd -> -EBADF */
        li a0, 987
        lla a1, msg
        li a2, 1
        li a7, SYS_write
        ecall
        CHECK_EQ(a0, -9)
        /* unmapped buffer -> -EFAULT, not a crash */
        li a0, 1
        li a1, 16
        li a2, 4
        li a7, SYS_write
        ecall
        CHECK_EQ(a0, -14)
        /* unknown syscall numbers -> -ENOSYS */
        li a7, 4000
        ecall
        CHECK_EQ(a0, -38)
        li a7, 0x7fffffff
        ecall
        CHECK_EQ(a0, -38)
        li a0, 0
        li a7, 999
        ecall
        CHECK_EQ(a0, -38)
        /* (number -1 is not tested: Linux leaves a0 unchanged for it, for ptrace) */

        /* every register but a0 survives an ecall */
        li ra, 0x1001
        li t0, 0x1005
        li t1, 0x1006
        li t2, 0x1007
        li s0, 0x1008
        li s1, 0x1009
        li a1, 0x100b
        li a2, 0x100c
        li a3, 0x100d
        li a4, 0x100e
        li a5, 0x100f
        li a6, 0x1010
        li s2, 0x1012
        li s3, 0x1013
        li s4, 0x1014
        li s5, 0x1015
        li s6, 0x1016
        li s7, 0x1017
        li s8, 0x1018
        li s9, 0x1019
        li s10, 0x101a
        li s11, 0x101b
        li t3, 0x101c
        li t4, 0x101d
        li t5, 0x101e
        mv gp, sp
        li a7, SYS_getpid
        ecall
        CHECK_LTU(zero, a0)             /* pid > 0 */
        CHECK_EQR(gp, sp)
        CHECK_EQ(a7, SYS_getpid)
        CHECK_EQ(ra, 0x1001)
        CHECK_EQ(t0, 0x1005)
        CHECK_EQ(t1, 0x1006)
        CHECK_EQ(t2, 0x1007)
        CHECK_EQ(s0, 0x1008)
        CHECK_EQ(s1, 0x1009)
        CHECK_EQ(a1, 0x100b)
        CHECK_EQ(a2, 0x100c)
        CHECK_EQ(a3, 0x100d)
        CHECK_EQ(a4, 0x100e)
        CHECK_EQ(a5, 0x100f)
        CHECK_EQ(a6, 0x1010)
        CHECK_EQ(s2, 0x1012)
        CHECK_EQ(s3, 0x1013)
        CHECK_EQ(s4, 0x1014)
        CHECK_EQ(s5, 0x1015)
        CHECK_EQ(s6, 0x1016)
        CHECK_EQ(s7, 0x1017)
        CHECK_EQ(s8, 0x1018)
        CHECK_EQ(s9, 0x1019)
        CHECK_EQ(s10, 0x101a)
        CHECK_EQ(s11, 0x101b)
        CHECK_EQ(t3, 0x101c)
        CHECK_EQ(t4, 0x101d)
        CHECK_EQ(t5, 0x101e)
        /* FP registers survive too */
        li a1, 0x4009000000000000
        fmv.d.x fs0, a1
        fmv.d.x ft11, a1
        li a7, SYS_getpid
        ecall
        fmv.x.d a0, fs0
        CHECK_EQ(a0, 0x4009000000000000)
        fmv.x.d a0, ft11
        CHECK_EQ(a0, 0x4009000000000000)

        /* brk: query, grow by 64 KiB, use the memory */
        li a0, 0
        li a7, SYS_brk
        ecall
        mv s0, a0
        CHECK_NZ(s0)
        li a1, 0x10000
        add a0, s0, a1
        mv s1, a0
        li a7, SYS_brk
        ecall
        CHECK_EQR(a0, s1)
        li a1, 0x5a5a5a5a5a5a5a5a
        sd a1, 0(s0)
        sd a1, -8(s1)
        ld a0, 0(s0)
        CHECK_EQ(a0, 0x5a5a5a5a5a5a5a5a)
        ld a0, -8(s1)
        CHECK_EQ(a0, 0x5a5a5a5a5a5a5a5a)
        /* and shrink back */
        mv a0, s0
        li a7, SYS_brk
        ecall
        CHECK_EQR(a0, s0)
PASS
        .section .rodata
msg:    .ascii "hello\n"
