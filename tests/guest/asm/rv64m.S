/*
 * rv64m.S - the M extension: every multiply (low and the three high forms) and every
 * divide/remainder, 64-bit and W, including division by zero (quotient all ones, remainder
 * the dividend), signed overflow (MIN / -1), sign-extension of W results, and W forms
 * ignoring the upper source bits.
 */
#include "macros.h"

/* OP3 op, rs1value, rs2value, expected */
        .macro op3 op, x, y, want, line
        li a4, \x
        li a5, \y
        \op a0, a4, a5
        check_eq a0, \want, \line
        .endm
#define T(op, x, y, want) op3 op, x, y, want, __LINE__

TEST_START
        /* mul */
        T(mul, 3, -7, -21)
        T(mul, 0x7fffffffffffffff, 2, 0xfffffffffffffffe)
        T(mul, 0x8000000000000000, -1, 0x8000000000000000)
        T(mul, 0x100000000, 0x100000000, 0)
        T(mul, 0x123456789abcdef, 0xfedcba987654321, 0x22236d88fe5618cf)
        T(mul, -1, -1, 1)
        /* mulh: signed x signed, high 64 bits */
        T(mulh, -1, -1, 0)
        T(mulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000)
        T(mulh, -1, 1, -1)
        T(mulh, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff)
        T(mulh, 0x8000000000000000, 0x7fffffffffffffff, 0xc000000000000000)
        T(mulh, 0x100000000, 0x100000000, 1)
        T(mulh, -2, 3, -1)
        /* mulhu: unsigned x unsigned */
        T(mulhu, -1, -1, 0xfffffffffffffffe)
        T(mulhu, 0x8000000000000000, 2, 1)
        T(mulhu, 0x100000000, 0x100000000, 1)
        T(mulhu, 0x123456789abcdef, 0xfedcba987654321, 0x121fa00ad77d74)
        T(mulhu, 5, 7, 0)
        /* mulhsu: rs1 signed x rs2 unsigned */
        T(mulhsu, -1, 0xffffffffffffffff, 0xffffffffffffffff)
        T(mulhsu, 2, 0xffffffffffffffff, 1)
        T(mulhsu, -2, 3, -1)
        T(mulhsu, 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000)
        T(mulhsu, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7ffffffffffffffe)
        T(mulhsu, 0x8000000000000000, 0, 0)
        /* mulw: 32-bit product, sign-extended; upper source bits ignored */
        T(mulw, 0x7fffffff, 2, 0xfffffffffffffffe)
        T(mulw, 0x100000003, 0x100000005, 15)
        T(mulw, 0x10000, 0x10000, 0)
        T(mulw, 0x8000, 0x10000, 0xffffffff80000000)
        T(mulw, -1, -1, 1)
        T(mulw, 0xffffffff, 0x7fffffff, 0xffffffff80000001)

        /* div: truncates toward zero */
        T(div, -7, 2, -3)
        T(div, 7, -2, -3)
        T(div, -7, -2, 3)
        T(div, 7, 0, -1)
        T(div, -7, 0, -1)
        T(div, 0, 0, -1)
        T(div, 0x8000000000000000, -1, 0x8000000000000000)
        T(div, 0x8000000000000000, 1, 0x8000000000000000)
        T(div, 0x7fffffffffffffff, -1, 0x8000000000000001)
        /* divu */
        T(divu, 7, 0, 0xffffffffffffffff)
        T(divu, -1, 2, 0x7fffffffffffffff)
        T(divu, 0x8000000000000000, -1, 0)
        T(divu, -1, -1, 1)
        T(divu, 1000000007, 10, 100000000)
        /* rem: sign follows the dividend */
        T(rem, -7, 2, -1)
        T(rem, 7, -2, 1)
        T(rem, -7, -2, -1)
        T(rem, 7, 0, 7)
        T(rem, -7, 0, -7)
        T(rem, 0x8000000000000000, -1, 0)
        T(rem, 0x8000000000000000, 0, 0x8000000000000000)
        /* remu */
        T(remu, 7, 0, 7)
        T(remu, -1, 0, -1)
        T(remu, -1, 10, 5)              /* 18446744073709551615 % 10 */
        T(remu, 0x8000000000000000, -1, 0x8000000000000000)

        /* divw: operands are the low 32 bits, result sign-extended */
        T(divw, 0x80000000, -1, 0xffffffff80000000)
        T(divw, 7, 0, -1)
        T(divw, 0x100000006, 0x500000003, 2)
        T(divw, -7, 2, -3)
        T(divw, 0x00000000fffffff9, 2, -3)      /* low word is -7 */
        T(divw, 0x80000000, 1, 0xffffffff80000000)
        T(divw, 5, 0x100000000, -1)     /* low word of divisor is 0 */
        /* divuw */
        T(divuw, 0xffffffff, 1, 0xffffffffffffffff)
        T(divuw, 7, 0, 0xffffffffffffffff)
        T(divuw, 0x80000000, 2, 0x40000000)
        T(divuw, 0xffffffff00000010, 3, 5)
        T(divuw, 0xfffffffe, 1, 0xfffffffffffffffe)
        T(divuw, 0x80000000, -1, 0)
        /* remw */
        T(remw, 0x80000000, -1, 0)
        T(remw, 0x180000000, 0, 0xffffffff80000000)
        T(remw, -7, 2, -1)
        T(remw, 7, 0x1fffffffe, 1)
        T(remw, 0x12345678, 0, 0x12345678)
        /* remuw */
        T(remuw, 0x80000001, 0, 0xffffffff80000001)
        T(remuw, 0xffffffff, 0x10, 0xf)
        T(remuw, 0x1ffffffff, 0x100000003, 0)
        T(remuw, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe)
        T(remuw, 0xffffffff, 0x80000000, 0x7fffffff)

        /* x0 as an operand and as a destination */
        li a1, 12345
        mul a0, a1, zero
        CHECK_EQ(a0, 0)
        div a0, a1, zero
        CHECK_EQ(a0, -1)
        rem a0, a1, zero
        CHECK_EQ(a0, 12345)
        divu zero, a1, zero
        rem zero, a1, a1
        CHECK_EQ(zero, 0)
        /* rd == rs1 == rs2 */
        li a0, 0x80000001
        mul a0, a0, a0
        CHECK_EQ(a0, 0x4000000100000001)
        li a0, -9
        div a0, a0, a0
        CHECK_EQ(a0, 1)
        li a0, 0x80000000
        mulw a0, a0, a0
        CHECK_EQ(a0, 0)
PASS
