/*
 * zba.S - Zba address generation: add.uw, sh1add/sh2add/sh3add and their .uw forms,
 * slli.uw (shift amounts up to 63) and the zext.w alias; .uw forms use only the low 32
 * bits of rs1, zero-extended.
 */
#include "macros.h"
        .macro op3 op, x, y, want, line
        li a4, \x
        li a5, \y
        \op a0, a4, a5
        check_eq a0, \want, \line
        .endm
        .macro opi op, x, imm, want, line
        li a4, \x
        \op a0, a4, \imm
        check_eq a0, \want, \line
        .endm
#define T(op, x, y, want)       op3 op, x, y, want, __LINE__
#define TI(op, x, imm, want)    opi op, x, imm, want, __LINE__

TEST_START
        T(add.uw, 0xffffffff80000000, 1, 0x80000001)
        T(add.uw, 0x12345678ffffffff, 0x100000000, 0x1ffffffff)
        T(add.uw, 5, -6, -1)
        T(sh1add, 3, 10, 16)
        T(sh1add, 0x8000000000000001, 0, 2)
        T(sh1add, -1, 0, -2)
        T(sh2add, 3, 10, 22)
        T(sh2add, 0x4000000000000001, 1, 5)
        T(sh2add, -1, 4, 0)
        T(sh3add, 3, 10, 34)
        T(sh3add, 0x2000000000000001, 0, 8)
        T(sh3add, 0xffffffffffffffff, 0x1000, 0xff8)
        T(sh1add.uw, 0xffffffff80000000, 1, 0x100000001)
        T(sh1add.uw, 0x1234567800000003, 1, 7)
        T(sh2add.uw, 0xffffffffffffffff, 0, 0x3fffffffc)
        T(sh2add.uw, 0x100000001, -4, 0)
        T(sh3add.uw, 0xffffffff80000000, 8, 0x400000008)
        T(sh3add.uw, 0x8000000000000002, 1, 17)
        TI(slli.uw, 0xffffffff80000001, 0, 0x80000001)
        TI(slli.uw, 0xffffffff80000001, 1, 0x100000002)
        TI(slli.uw, 0xffffffff80000001, 32, 0x8000000100000000)
        TI(slli.uw, 0xffffffff80000001, 63, 0x8000000000000000)
        TI(slli.uw, 0x123456789abcdef0, 4, 0x9abcdef00)
        li a4, 0xfedcba9876543210
        zext.w a0, a4
        CHECK_EQ(a0, 0x76543210)
        li a4, 0xffffffff
        zext.w a0, a4
        CHECK_EQ(a0, 0xffffffff)
        /* rd == rs1 == rs2 */
        li a0, 0xffffffff00000003
        sh2add.uw a0, a0, a0
        CHECK_EQ(a0, 0xffffffff0000000f)
        /* x0 as an operand and as a destination */
        li a4, 9
        sh3add a0, zero, a4
        CHECK_EQ(a0, 9)
        sh1add zero, a4, a4
        CHECK_EQ(zero, 0)
PASS
