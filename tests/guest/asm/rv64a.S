/*
 * rv64a.S - the A extension: lr/sc (.w and .d) success and failure paths, every AMO in
 * .w and .d forms (old value returned, .w results sign-extended, neighbouring memory left
 * alone), signed vs unsigned min/max, .w operands using only the low 32 bits, rd == rs2,
 * rd == rs1, rd == x0, and the aq/rl encodings.
 */
#include "macros.h"

/* AMO op, initial memory, operand, expected rd, expected memory afterwards (.w: 32-bit
 * memory checked with lwu and the following guard word checked to be untouched) */
        .macro amo_w op, mem, opnd, want_rd, want_mem, line
        lla a6, word_area
        li a4, \mem
        sw a4, 0(a6)
        li a4, 0x5a5a5a5a
        sw a4, 4(a6)
        sw a4, -4(a6)
        li a5, \opnd
        \op a0, a5, (a6)
        check_eq a0, \want_rd, \line
        lwu a0, 0(a6)
        check_eq a0, (\want_mem) & 0xffffffff, \line
        lwu a0, 4(a6)
        check_eq a0, 0x5a5a5a5a, \line
        lwu a0, -4(a6)
        check_eq a0, 0x5a5a5a5a, \line
        .endm
        .macro amo_d op, mem, opnd, want_rd, want_mem, line
        lla a6, dword_area
        li a4, \mem
        sd a4, 0(a6)
        li a5, \opnd
        \op a0, a5, (a6)
        check_eq a0, \want_rd, \line
        ld a0, 0(a6)
        check_eq a0, \want_mem, \line
        .endm
#define AMOW(op, mem, opnd, rd, after) amo_w op, mem, opnd, rd, after, __LINE__
#define AMOD(op, mem, opnd, rd, after) amo_d op, mem, opnd, rd, after, __LINE__

TEST_START
        /* amoswap */
        AMOW(amoswap.w, 0x80000000, 0x12345678, 0xffffffff80000000, 0x12345678)
        AMOW(amoswap.w, 0x7fffffff, 0xffffffff00000001, 0x7fffffff, 1)
        AMOD(amoswap.d, 0x8000000000000000, 0x0123456789abcdef, 0x8000000000000000, 0x0123456789abcdef)
        /* amoadd */
        AMOW(amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
        AMOW(amoadd.w, 0xffffffff, 1, -1, 0)            /* no carry into the guard word */
        AMOW(amoadd.w, 0x10, 0x7fffffff00000005, 0x10, 0x15)
        AMOD(amoadd.d, 0xffffffffffffffff, 2, -1, 1)
        AMOD(amoadd.d, 0x00000000ffffffff, 1, 0xffffffff, 0x100000000)
        /* amoxor / amoand / amoor */
        AMOW(amoxor.w, 0xffff0000, 0x0ff00ff0, 0xffffffffffff0000, 0xf00f0ff0)
        AMOD(amoxor.d, 0xffff0000ffff0000, 0x0ff00ff00ff00ff0, 0xffff0000ffff0000, 0xf00f0ff0f00f0ff0)
        AMOW(amoand.w, 0xf0f0f0f0, 0xff00ff00, 0xfffffffff0f0f0f0, 0xf000f000)
        AMOD(amoand.d, 0xf0f0f0f0f0f0f0f0, 0x00ff00ff00ff00ff, 0xf0f0f0f0f0f0f0f0, 0x00f000f000f000f0)
        AMOW(amoor.w, 0x80000000, 0x00000001, 0xffffffff80000000, 0x80000001)
        AMOD(amoor.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000001)
        /* amomin / amomax: signed */
        AMOW(amomin.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
        AMOW(amomin.w, 1, 0x80000000, 1, 0x80000000)
        AMOW(amomin.w, 1, 0x00000000ffffffff, 1, 0xffffffff)   /* operand's low word is -1 */
        AMOW(amomax.w, 0x80000000, 1, 0xffffffff80000000, 1)
        AMOW(amomax.w, 0xfffffffe, 0x00000000ffffffff, -2, 0xffffffff)
        AMOW(amomax.w, 5, 0x100000000, 5, 5)                    /* operand's low word is 0 */
        AMOD(amomin.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
        AMOD(amomin.d, 1, -1, 1, -1)
        AMOD(amomax.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
        AMOD(amomax.d, -5, -3, -5, -3)
        /* amominu / amomaxu: unsigned */
        AMOW(amominu.w, 0x80000000, 1, 0xffffffff80000000, 1)
        AMOW(amominu.w, 1, 0x80000000, 1, 1)
        AMOW(amominu.w, 0xffffffff, 0x1fffffffe, -1, 0xfffffffe)
        AMOW(amomaxu.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
        AMOW(amomaxu.w, 1, 0x80000000, 1, 0x80000000)
        AMOW(amomaxu.w, 0x7fffffff, 0xffffffff00000000, 0x7fffffff, 0x7fffffff)
        AMOD(amominu.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
        AMOD(amominu.d, -1, -2, -1, -2)
        AMOD(amomaxu.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
        AMOD(amomaxu.d, 1, -1, 1, -1)
        /* aq/rl encodings behave the same */
        AMOW(amoadd.w.aq, 1, 2, 1, 3)
        AMOW(amoadd.w.rl, 1, 2, 1, 3)
        AMOW(amoadd.w.aqrl, 1, 2, 1, 3)
        AMOD(amoswap.d.aq, 7, 8, 7, 8)
        AMOD(amoor.d.rl, 1, 2, 1, 3)
        AMOD(amomaxu.d.aqrl, 1, 2, 1, 2)
        AMOW(amomin.w.aqrl, 3, -4, 3, -4)

        /* rd == x0: memory still updated */
        lla a6, dword_area
        li a4, 40
        sd a4, 0(a6)
        li a5, 2
        amoadd.d zero, a5, (a6)
        ld a0, 0(a6)
        CHECK_EQ(a0, 42)
        CHECK_EQ(zero, 0)
        /* rd == rs2: the old value replaces the operand after the operand is used */
        li a5, 0x1111
        amoswap.d a5, a5, (a6)
        CHECK_EQ(a5, 42)
        ld a0, 0(a6)
        CHECK_EQ(a0, 0x1111)
        li a5, 1
        amoadd.w a5, a5, (a6)
        CHECK_EQ(a5, 0x1111)
        lwu a0, 0(a6)
        CHECK_EQ(a0, 0x1112)
        /* rd == rs1: the address is used before rd is written */
        mv a7, a6
        li a5, 0x10
        amoor.d a7, a5, (a7)
        CHECK_EQ(a7, 0x1112)
        ld a0, 0(a6)
        CHECK_EQ(a0, 0x1112 | 0x10)

        /* lr.w sign-extends; sc.w succeeds with 0 after a matching lr.w */
        lla a6, word_area
        li a4, 0x80000001
        sw a4, 0(a6)
        lr.w a0, (a6)
        CHECK_EQ(a0, 0xffffffff80000001)
        li a5, 0x7654321
        sc.w a1, a5, (a6)
        CHECK_EQ(a1, 0)
        lw a0, 0(a6)
        CHECK_EQ(a0, 0x7654321)
        /* a second sc.w without a new lr.w fails and leaves memory alone */
        li a5, 0x1234
        sc.w a1, a5, (a6)
        CHECK_NZ(a1)
        lw a0, 0(a6)
        CHECK_EQ(a0, 0x7654321)
        /* sc.w to an address outside the reservation (another page) fails */
        lr.w a0, (a6)
        lla a7, far_word
        sw zero, 0(a7)
        li a5, 99
        sc.w a1, a5, (a7)
        CHECK_NZ(a1)
        lw a0, 0(a7)
        CHECK_EQ(a0, 0)
        /* ... and that failed sc also cleared the reservation */
        sc.w a1, a5, (a6)
        CHECK_NZ(a1)
        lw a0, 0(a6)
        CHECK_EQ(a0, 0x7654321)
        /* lr.d / sc.d */
        lla a6, dword_area
        li a4, 0x8000000000000002
        sd a4, 0(a6)
        lr.d a0, (a6)
        CHECK_EQ(a0, 0x8000000000000002)
        li a5, 0x0fedcba987654321
        sc.d a1, a5, (a6)
        CHECK_EQ(a1, 0)
        ld a0, 0(a6)
        CHECK_EQ(a0, 0x0fedcba987654321)
        sc.d a1, a4, (a6)
        CHECK_NZ(a1)
        ld a0, 0(a6)
        CHECK_EQ(a0, 0x0fedcba987654321)
        /* aq/rl forms of lr/sc */
        lr.d.aq a0, (a6)
        li a5, 5
        sc.d.rl a1, a5, (a6)
        CHECK_EQ(a1, 0)
        lr.w.aqrl a0, (a6)
        CHECK_EQ(a0, 5)
        li a5, 6
        sc.w.aqrl a1, a5, (a6)
        CHECK_EQ(a1, 0)
        ld a0, 0(a6)
        CHECK_EQ(a0, 6)
        /* sc.w writes only 32 bits */
        li a4, -1
        sd a4, 0(a6)
        lr.w a0, (a6)
        CHECK_EQ(a0, -1)
        sc.w a1, zero, (a6)
        CHECK_EQ(a1, 0)
        ld a0, 0(a6)
        CHECK_EQ(a0, 0xffffffff00000000)

        /* a classic lr/sc retry loop: atomic increment 1000 times */
        sd zero, 0(a6)
        li s1, 1000
1:      lr.d a0, (a6)
        addi a0, a0, 3
        sc.d a1, a0, (a6)
        bnez a1, 1b
        addi s1, s1, -1
        bnez s1, 1b
        ld a0, 0(a6)
        CHECK_EQ(a0, 3000)
        /* a compare-and-swap built from lr.w/sc.w: expected value matches, then not */
        li a4, 77
        sw a4, 0(a6)
        li a2, 77                       /* expected */
        li a3, 88                       /* new */
2:      lr.w a0, (a6)
        bne a0, a2, 3f
        sc.w a1, a3, (a6)
        bnez a1, 2b
3:      lw a0, 0(a6)
        CHECK_EQ(a0, 88)
        li a2, 77
        li a3, 99
4:      lr.w a0, (a6)
        bne a0, a2, 5f
        sc.w a1, a3, (a6)
        bnez a1, 4b
5:      lw a0, 0(a6)
        CHECK_EQ(a0, 88)
PASS

        .data
        .balign 16
        .word 0
word_area:
        .word 0, 0, 0
        .balign 8
dword_area:
        .dword 0, 0
        .balign 4096
        .skip 4096
far_word:
        .word 0
