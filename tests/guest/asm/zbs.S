/*
 * zbs.S - Zbs single-bit instructions: bclr/bset/binv/bext and immediate forms, at bit 0,
 * 31, 32 and 63, with register indices masked to 6 bits (64 -> 0, -1 -> 63).
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
        T(bset, 0, 63, 0x8000000000000000)
        T(bset, 0, 64, 1)
        T(bset, 0, -1, 0x8000000000000000)
        T(bset, 0, 31, 0x80000000)
        T(bset, 0, 32, 0x100000000)
        T(bset, 1, 0, 1)
        TI(bseti, 0, 63, 0x8000000000000000)
        TI(bseti, 0x10, 31, 0x80000010)
        TI(bseti, 0, 0, 1)
        T(bclr, -1, 63, 0x7fffffffffffffff)
        T(bclr, -1, 64, 0xfffffffffffffffe)
        T(bclr, -1, 31, 0xffffffff7fffffff)
        T(bclr, 0, 5, 0)
        TI(bclri, -1, 32, 0xfffffffeffffffff)
        TI(bclri, -1, 0, 0xfffffffffffffffe)
        TI(bclri, 0x8000000000000000, 63, 0)
        T(binv, 0, 63, 0x8000000000000000)
        T(binv, 0x8000000000000000, 63, 0)
        T(binv, 5, 66, 1)
        TI(binvi, 0, 32, 0x100000000)
        TI(binvi, -1, 0, -2)
        TI(binvi, 0x80000000, 31, 0)
        T(bext, 0x8000000000000000, 63, 1)
        T(bext, 0x8000000000000000, 62, 0)
        T(bext, 0x8000000000000001, 64, 1)
        T(bext, 0x100000000, 32, 1)
        T(bext, 0x100000000, 31, 0)
        TI(bexti, 0x80000000, 31, 1)
        TI(bexti, -1, 63, 1)
        TI(bexti, 0xfffffffffffffffe, 0, 0)
        /* rd == rs1 == rs2 */
        li a0, 3
        bset a0, a0, a0
        CHECK_EQ(a0, 0xb)
        li a0, 1
        bext a0, a0, a0
        CHECK_EQ(a0, 0)
PASS
