/*
 * macros.h - the harness shared by the freestanding riscv64 guest tests (tests/guest/asm/*.S).
 *
 * A test is   #include "macros.h"  TEST_START  <instructions and CHECKs>  PASS
 * It is linked with -nostdlib -static -Wl,--no-relax (gp is never set up, so no gp-relative
 * relaxation) and runs from _start with only the kernel-provided sp.
 *
 * Each CHECK_* macro is one check: on failure it writes
 *     FAIL tests/guest/asm/<file>.S:<line>: got 0x<actual> expected 0x<expected>
 * to stderr with the write syscall and exits with status 1. PASS writes "ok\n" to stdout
 * and exits with status 0; it also emits the failure routine and the harness data, so it
 * must appear exactly once, at the end of the test.
 *
 * Register contract: the checks clobber t5 (x30) and t6 (x31) when they pass, and a1..a4
 * only on the failure path (which never returns). The LI_S/LI_D helpers clobber t5. Tests
 * keep values under check in other registers. The failure routine prints the line in
 * decimal without using the M extension and is written in uncompressed RV64I only, so a
 * broken M or C implementation still yields a readable message.
 */
#ifndef GUEST_ASM_MACROS_H
#define GUEST_ASM_MACROS_H

#define SYS_write       64
#define SYS_exit        93
#define SYS_exit_group  94
#define SYS_munmap      215
#define SYS_mmap        222
#define SYS_mprotect    226

#define PROT_READ       1
#define PROT_WRITE      2
#define PROT_EXEC       4
#define MAP_PRIVATE     0x02
#define MAP_ANONYMOUS   0x20

/* fflags bits and rounding modes (frm values) */
#define FF_NV 0x10
#define FF_DZ 0x08
#define FF_OF 0x04
#define FF_UF 0x02
#define FF_NX 0x01
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4

/* ---- checks (cpp wrappers add the line number) ---- */

/* reg == 64-bit constant */
#define CHECK_EQ(reg, val)      check_eq reg, val, __LINE__
/* reg1 == reg2 (neither may be t6) */
#define CHECK_EQR(r1, r2)       check_eqr r1, r2, __LINE__
/* reg1 <= reg2, unsigned */
#define CHECK_LEU(r1, r2)       check_leu r1, r2, __LINE__
/* reg1 < reg2, unsigned */
#define CHECK_LTU(r1, r2)       check_ltu r1, r2, __LINE__
/* reg != 0 */
#define CHECK_NZ(reg)           check_nz reg, __LINE__
/* all 64 bits of an FP register */
#define CHECK_D(freg, bits)     check_d freg, bits, __LINE__
/* a single in an FP register: the 32 bits and a proper NaN-box (upper 32 bits all ones) */
#define CHECK_S(freg, bits)     check_s freg, bits, __LINE__
/* fflags == val; then clears fflags */
#define CHECK_FLAGS(val)        check_flags val, __LINE__
/* unconditional failure (for "must not get here" paths) */
#define FAIL_HERE()             fail_here __LINE__
/* branch `op a, b` must be taken / must not be taken, with a and b loaded from constants */
#define CHECK_BR_TAKEN(op, a, b)    check_br_taken op, a, b, __LINE__
#define CHECK_BR_NOT(op, a, b)      check_br_not op, a, b, __LINE__

/* ---- value loaders ---- */
#define LI_D(freg, bits)        li t5, bits ; fmv.d.x freg, t5
#define LI_S(freg, bits)        li t5, bits ; fmv.w.x freg, t5
/* clear fflags and set frm */
#define SET_RM(rm)              csrwi frm, rm ; csrwi fflags, 0
#define CLEAR_FLAGS()           csrwi fflags, 0

#define TEST_START                                                              \
        .section .rodata ;                                                      \
__test_file: .asciz __FILE__ ;                                                  \
        .text ;                                                                 \
        .option push ; .option norvc ;                                          \
        .globl _start ;                                                         \
_start:                                                                         \
        csrwi fflags, 0 ; csrwi frm, 0 ;                                        \
        .option pop

#define PASS                                                                    \
        li a0, 1 ; lla a1, __ok_msg ; li a2, 3 ; li a7, SYS_write ; ecall ;      \
        li a0, 0 ; li a7, SYS_exit ; ecall ;                                    \
        emit_fail_routine

        .macro check_eq reg, val, line
        li t6, \val
        beq \reg, t6, .Lcheck_ok\@
        mv a2, \reg
        mv a3, t6
        li a1, \line
        j __fail
.Lcheck_ok\@:
        .endm

        .macro check_eqr r1, r2, line
        beq \r1, \r2, .Lcheck_ok\@
        mv a3, \r2
        mv a2, \r1
        li a1, \line
        j __fail
.Lcheck_ok\@:
        .endm

        .macro check_leu r1, r2, line
        bgeu \r2, \r1, .Lcheck_ok\@
        mv a3, \r2
        mv a2, \r1
        li a1, \line
        j __fail
.Lcheck_ok\@:
        .endm

        .macro check_ltu r1, r2, line
        bltu \r1, \r2, .Lcheck_ok\@
        mv a3, \r2
        mv a2, \r1
        li a1, \line
        j __fail
.Lcheck_ok\@:
        .endm

        .macro check_nz reg, line
        bnez \reg, .Lcheck_ok\@
        li a1, \line
        j __fail_here
.Lcheck_ok\@:
        .endm

        .macro check_d freg, bits, line
        fmv.x.d t5, \freg
        check_eq t5, \bits, \line
        .endm

        .macro check_s freg, bits, line
        fmv.x.d t5, \freg
        check_eq t5, (0xffffffff00000000 | ((\bits) & 0xffffffff)), \line
        .endm

        .macro check_flags val, line
        csrrw t5, fflags, x0
        check_eq t5, \val, \line
        .endm

        .macro fail_here line
        li a1, \line
        j __fail_here
        .endm

        .macro check_br_taken op, a, b, line
        li a4, \a
        li a5, \b
        \op a4, a5, .Lcheck_ok\@
        li a1, \line
        j __fail_here
.Lcheck_ok\@:
        .endm

        .macro check_br_not op, a, b, line
        li a4, \a
        li a5, \b
        \op a4, a5, .Lcheck_bad\@
        j .Lcheck_ok\@
.Lcheck_bad\@:
        li a1, \line
        j __fail_here
.Lcheck_ok\@:
        .endm

/* appends the NUL-terminated string at \label to the buffer cursor s0 */
        .macro emit_str label
        lla t0, \label
.Lemit\@:
        lbu t1, 0(t0)
        beqz t1, .Lemit_done\@
        sb t1, 0(s0)
        addi t0, t0, 1
        addi s0, s0, 1
        j .Lemit\@
.Lemit_done\@:
        .endm

/* appends \reg as 16 hex digits to the buffer cursor s0 */
        .macro emit_hex reg
        li t2, 60
        lla t3, __hex_digits
.Lhex\@:
        srl t1, \reg, t2
        andi t1, t1, 15
        add t1, t1, t3
        lbu t1, 0(t1)
        sb t1, 0(s0)
        addi s0, s0, 1
        addi t2, t2, -4
        bgez t2, .Lhex\@
        .endm

/*
 * __fail: a1 = line, a2 = actual, a3 = expected.  __fail_here: a1 = line, no values.
 * Formats the message in a stack buffer, writes it to fd 2 and exits with status 1.
 */
        .macro emit_fail_routine
        .option push
        .option norvc
__fail_here:
        li a4, 0
        j __fail_common
__fail:
        li a4, 1
__fail_common:
        andi sp, sp, -16
        addi sp, sp, -256
        mv s0, sp
        emit_str __fail_prefix
        emit_str __test_file
        li t1, 58               /* ':' */
        sb t1, 0(s0)
        addi s0, s0, 1
        /* the line number in decimal, by repeated subtraction of powers of ten */
        lla t0, __pow10
        li t2, 0                /* a digit has been written */
1:      ld t1, 0(t0)
        beqz t1, 5f
        li t3, 0
2:      bltu a1, t1, 3f
        sub a1, a1, t1
        addi t3, t3, 1
        j 2b
3:      bnez t3, 4f
        bnez t2, 4f
        li t4, 1
        bne t1, t4, 6f
4:      addi t3, t3, 48         /* '0' */
        sb t3, 0(s0)
        addi s0, s0, 1
        li t2, 1
6:      addi t0, t0, 8
        j 1b
5:      beqz a4, 7f
        emit_str __fail_got
        emit_hex a2
        emit_str __fail_expected
        emit_hex a3
7:      li t1, 10               /* '\n' */
        sb t1, 0(s0)
        addi s0, s0, 1
        li a0, 2
        mv a1, sp
        sub a2, s0, sp
        li a7, SYS_write
        ecall
        li a0, 1
        li a7, SYS_exit
        ecall
        .option pop
        .section .rodata
        .balign 8
__pow10:        .dword 1000000, 100000, 10000, 1000, 100, 10, 1, 0
__hex_digits:   .ascii "0123456789abcdef"
__fail_prefix:  .asciz "FAIL "
__fail_got:     .asciz ": got 0x"
__fail_expected: .asciz " expected 0x"
__ok_msg:       .ascii "ok\n"
        .text
        .endm

#endif
