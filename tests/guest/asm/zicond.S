/*
 * zicond.S - Zicond: czero.eqz rd, rs1, rs2 (rd = rs2 == 0 ? 0 : rs1) and czero.nez
 * (rd = rs2 != 0 ? 0 : rs1), on all 64 bits of rs2, with aliasing and x0 operands, and the
 * conditional-select idiom built from them. binutils 2.40 lacks the mnemonics, so they are
 * written as .insn encodings (OP, funct7 0000111, funct3 101 / 111).
 * Note: Debian 12's qemu-riscv64 (7.2) does not implement Zicond; this test follows the
 * ratified Zicond 1.0 specification.
 */
#include "macros.h"

#ifdef ZICOND_EMULATE
/* only for validating this test's expectations on an emulator without Zicond
 * (uses t3/t4 as scratch) */
#define CZERO_EQZ(rd, rs1, rs2) snez t3, rs2 ; neg t3, t3 ; and rd, rs1, t3
#define CZERO_NEZ(rd, rs1, rs2) seqz t3, rs2 ; neg t3, t3 ; and rd, rs1, t3
#else
#define CZERO_EQZ(rd, rs1, rs2) .insn r 0x33, 5, 7, rd, rs1, rs2
#define CZERO_NEZ(rd, rs1, rs2) .insn r 0x33, 7, 7, rd, rs1, rs2
#endif

        .macro t_eqz x, c, want, line
        li a4, \x
        li a5, \c
        CZERO_EQZ(a0, a4, a5)
        check_eq a0, \want, \line
        .endm
        .macro t_nez x, c, want, line
        li a4, \x
        li a5, \c
        CZERO_NEZ(a0, a4, a5)
        check_eq a0, \want, \line
        .endm
#define EQZ(x, c, want) t_eqz x, c, want, __LINE__
#define NEZ(x, c, want) t_nez x, c, want, __LINE__

TEST_START
        EQZ(0x123456789abcdef0, 0, 0)
        EQZ(0x123456789abcdef0, 1, 0x123456789abcdef0)
        EQZ(0x123456789abcdef0, -1, 0x123456789abcdef0)
        EQZ(0x123456789abcdef0, 0x8000000000000000, 0x123456789abcdef0)  /* upper bits count */
        EQZ(0x123456789abcdef0, 0x100000000, 0x123456789abcdef0)
        EQZ(-1, 0, 0)
        NEZ(0x123456789abcdef0, 0, 0x123456789abcdef0)
        NEZ(0x123456789abcdef0, 1, 0)
        NEZ(0x123456789abcdef0, 0x8000000000000000, 0)
        NEZ(0x123456789abcdef0, 0x100000000, 0)
        NEZ(-1, 0, -1)
        /* aliasing: rd == rs1, rd == rs2, rs1 == rs2 */
        li a0, 7
        li a1, 0
        CZERO_EQZ(a0, a0, a1)
        CHECK_EQ(a0, 0)
        li a0, 7
        li a1, 3
        CZERO_NEZ(a1, a0, a1)
        CHECK_EQ(a1, 0)
        li a1, 0
        CZERO_NEZ(a1, a0, a1)
        CHECK_EQ(a1, 7)
        li a2, 9
        CZERO_EQZ(a3, a2, a2)
        CHECK_EQ(a3, 9)
        CZERO_NEZ(a3, a2, a2)
        CHECK_EQ(a3, 0)
        /* x0 operands */
        li a2, 9
        CZERO_EQZ(a3, a2, zero)
        CHECK_EQ(a3, 0)
        CZERO_NEZ(a3, a2, zero)
        CHECK_EQ(a3, 9)
        CZERO_NEZ(a3, zero, zero)
        CHECK_EQ(a3, 0)
        CZERO_EQZ(zero, a2, a2)
        CHECK_EQ(zero, 0)
        /* select: a0 = c ? x : y  ==  czero.eqz(x, c) | czero.nez(y, c) */
        li s0, 111
        li s1, 222
        li s2, 5
        CZERO_EQZ(a4, s0, s2)
        CZERO_NEZ(a5, s1, s2)
        or a0, a4, a5
        CHECK_EQ(a0, 111)
        li s2, 0
        CZERO_EQZ(a4, s0, s2)
        CZERO_NEZ(a5, s1, s2)
        or a0, a4, a5
        CHECK_EQ(a0, 222)
PASS
