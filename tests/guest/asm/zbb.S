/*
 * zbb.S - Zbb basic bit manipulation: andn/orn/xnor, clz/ctz/cpop and their W forms
 * (including zero inputs and upper bits ignored), signed/unsigned min/max, sext.b/sext.h/
 * zext.h, rol/ror/rori and the W rotates (sign-extended 32-bit results), orc.b and rev8.
 */
#include "macros.h"
        .macro op3 op, x, y, want, line
        li a4, \x
        li a5, \y
        \op a0, a4, a5
        check_eq a0, \want, \line
        .endm
        .macro op1 op, x, want, line
        li a4, \x
        \op a0, a4
        check_eq a0, \want, \line
        .endm
        .macro opi op, x, imm, want, line
        li a4, \x
        \op a0, a4, \imm
        check_eq a0, \want, \line
        .endm
#define T(op, x, y, want)       op3 op, x, y, want, __LINE__
#define T1(op, x, want)         op1 op, x, want, __LINE__
#define TI(op, x, imm, want)    opi op, x, imm, want, __LINE__

TEST_START
        /* logic with negate */
        T(andn, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf000f000f000f000)
        T(orn, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff0fff0fff0fff0f)
        T(xnor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f0f0f0f0f0f0f0f)
        T(andn, -1, 0, -1)
        T(orn, 0, -1, 0)
        T(xnor, 5, 5, -1)
        /* counts */
        T1(clz, 0, 64)
        T1(clz, 1, 63)
        T1(clz, -1, 0)
        T1(clz, 0x0000000100000000, 31)
        T1(clz, 0x00ff000000000000, 8)
        T1(clzw, 0, 32)
        T1(clzw, 0xffffffff00000000, 32)
        T1(clzw, 1, 31)
        T1(clzw, 0x80000000, 0)
        T1(clzw, 0x0000000000010000, 15)
        T1(ctz, 0, 64)
        T1(ctz, 0x8000000000000000, 63)
        T1(ctz, 1, 0)
        T1(ctz, 0x0000001000000000, 36)
        T1(ctzw, 0, 32)
        T1(ctzw, 0x100000000, 32)
        T1(ctzw, 0x80000000, 31)
        T1(ctzw, 0xffffffff00000100, 8)
        T1(cpop, -1, 64)
        T1(cpop, 0, 0)
        T1(cpop, 0x8000000000000001, 2)
        T1(cpop, 0x0123456789abcdef, 32)
        T1(cpopw, 0xffffffff00000001, 1)
        T1(cpopw, -1, 32)
        T1(cpopw, 0x00000000f0f0f0f0, 16)
        T1(cpopw, 0xffffffff00000000, 0)
        /* min / max */
        T(max, -1, 1, 1)
        T(min, -1, 1, -1)
        T(maxu, -1, 1, -1)
        T(minu, -1, 1, 1)
        T(max, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff)
        T(min, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        T(maxu, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        T(minu, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff)
        T(max, 3, 3, 3)
        T(minu, 0, -1, 0)
        /* sign/zero extension */
        T1(sext.b, 0x80, 0xffffffffffffff80)
        T1(sext.b, 0x7f, 0x7f)
        T1(sext.b, 0x12345678abcdef01, 1)
        T1(sext.h, 0x8000, 0xffffffffffff8000)
        T1(sext.h, 0x12347fff, 0x7fff)
        T1(zext.h, 0xffffffffffff8000, 0x8000)
        T1(zext.h, 0x12345678, 0x5678)
        /* rotates */
        T(rol, 0x8000000000000001, 1, 3)
        T(rol, 0x0123456789abcdef, 64, 0x0123456789abcdef)
        T(rol, 0x0123456789abcdef, 4, 0x123456789abcdef0)
        T(rol, 0x0123456789abcdef, 68, 0x123456789abcdef0)
        T(ror, 1, 1, 0x8000000000000000)
        T(ror, 0x0123456789abcdef, 4, 0xf0123456789abcde)
        T(ror, 0x0123456789abcdef, 0, 0x0123456789abcdef)
        T(ror, 0x0123456789abcdef, -4, 0x123456789abcdef0)    /* 60 */
        TI(rori, 0x0123456789abcdef, 63, 0x02468acf13579bde)
        TI(rori, 0x0123456789abcdef, 32, 0x89abcdef01234567)
        TI(rori, 0x0123456789abcdef, 0, 0x0123456789abcdef)
        T(rolw, 0x80000001, 1, 3)
        T(rolw, 0x40000000, 1, 0xffffffff80000000)
        T(rolw, 0xffffffff12345678, 8, 0x34567812)
        T(rolw, 0x12345678, 32, 0x12345678)
        T(rolw, 0x87654321, 36, 0x76543218)
        T(rorw, 1, 1, 0xffffffff80000000)
        T(rorw, 0x12345678, 8, 0x78123456)
        T(rorw, 0x0000000080000000, 0, 0xffffffff80000000)
        T(rorw, 0xabcdef0012345678, 33, 0x091a2b3c)
        TI(roriw, 1, 31, 2)
        TI(roriw, 0x0000000080000000, 0, 0xffffffff80000000)
        TI(roriw, 0x12345678, 4, 0xffffffff81234567)
        TI(roriw, 0xffffffff00000001, 1, 0xffffffff80000000)
        /* orc.b / rev8 */
        T1(orc.b, 0x0001000000ff0010, 0x00ff000000ff00ff)
        T1(orc.b, 0, 0)
        T1(orc.b, 0x8040201008040201, -1)
        T1(rev8, 0x0102030405060708, 0x0807060504030201)
        T1(rev8, 0xff00000000000000, 0xff)
        /* rd == rs1 == rs2 and x0 */
        li a0, 0x0f
        andn a0, a0, a0
        CHECK_EQ(a0, 0)
        li a0, 0x0f
        xnor a0, a0, a0
        CHECK_EQ(a0, -1)
        clz a0, zero
        CHECK_EQ(a0, 64)
        cpop zero, a0
        CHECK_EQ(zero, 0)
PASS
