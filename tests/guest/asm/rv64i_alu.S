/*
 * rv64i_alu.S - RV64I integer computation: lui/auipc, every register-immediate and
 * register-register op and every W form, with sign-extension, masking of shift amounts,
 * wrap-around, x0 as a destination, and all 31 registers holding distinct values.
 */
#include "macros.h"
TEST_START
        /* lui: the 20-bit immediate lands in bits 31..12 and is sign-extended from bit 31 */
        lui a0, 0x12345
        CHECK_EQ(a0, 0x12345000)
        lui a0, 0x80000
        CHECK_EQ(a0, 0xffffffff80000000)
        lui a0, 0xfffff
        CHECK_EQ(a0, 0xfffffffffffff000)
        lui a0, 0x7ffff
        CHECK_EQ(a0, 0x7ffff000)
        lui a0, 0
        CHECK_EQ(a0, 0)

        /* auipc: pc + sign-extended immediate << 12 */
.Lauipc0:
        auipc a0, 0
        lla a1, .Lauipc0
        CHECK_EQR(a0, a1)
.Lauipc1:
        auipc a0, 0xfffff               /* pc - 4096 */
        lla a1, .Lauipc1
        li a2, -4096
        add a1, a1, a2
        CHECK_EQR(a0, a1)
.Lauipc2:
        auipc a0, 0x80000               /* pc - 2^31: a negative address on RV64 */
        lla a1, .Lauipc2
        li a2, 0xffffffff80000000
        add a1, a1, a2
        CHECK_EQR(a0, a1)
.Lauipc3:
        auipc a0, 0x7ffff
        lla a1, .Lauipc3
        li a2, 0x7ffff000
        add a1, a1, a2
        CHECK_EQR(a0, a1)

        /* addi */
        li a1, 0
        addi a0, a1, -1
        CHECK_EQ(a0, -1)
        addi a0, a1, 2047
        CHECK_EQ(a0, 2047)
        addi a0, a1, -2048
        CHECK_EQ(a0, -2048)
        li a1, 0x7fffffffffffffff
        addi a0, a1, 1
        CHECK_EQ(a0, 0x8000000000000000)
        li a1, 0x00000000ffffffff
        addi a0, a1, 1
        CHECK_EQ(a0, 0x0000000100000000)

        /* slti / sltiu */
        li a1, -1
        slti a0, a1, 0
        CHECK_EQ(a0, 1)
        li a1, 0
        slti a0, a1, -1
        CHECK_EQ(a0, 0)
        li a1, 0x8000000000000000
        slti a0, a1, -2048
        CHECK_EQ(a0, 1)
        li a1, -2048
        slti a0, a1, -2048
        CHECK_EQ(a0, 0)
        li a1, 5
        sltiu a0, a1, -1                /* compares with 0xffff...ffff */
        CHECK_EQ(a0, 1)
        li a1, -1
        sltiu a0, a1, -1
        CHECK_EQ(a0, 0)
        li a1, 0
        sltiu a0, a1, 1                 /* seqz */
        CHECK_EQ(a0, 1)
        li a1, 7
        seqz a0, a1
        CHECK_EQ(a0, 0)
        li a1, 2047
        sltiu a0, a1, 2047
        CHECK_EQ(a0, 0)

        /* xori / ori / andi (immediates sign-extended) */
        li a1, 0x0123456789abcdef
        xori a0, a1, -1
        CHECK_EQ(a0, 0xfedcba9876543210)
        xori a0, a1, 0x7ff
        CHECK_EQ(a0, 0x0123456789abca10)
        ori a0, a1, -2048
        CHECK_EQ(a0, 0xfffffffffffffdef)
        ori a0, a1, 0x010
        CHECK_EQ(a0, 0x0123456789abcdff)
        andi a0, a1, -16
        CHECK_EQ(a0, 0x0123456789abcde0)
        andi a0, a1, 0x7ff
        CHECK_EQ(a0, 0x5ef)
        li a1, 0x8000000000000fff
        andi a0, a1, -2048
        CHECK_EQ(a0, 0x8000000000000800)

        /* slli / srli / srai */
        li a1, 0x8000000000000001
        slli a0, a1, 0
        CHECK_EQ(a0, 0x8000000000000001)
        slli a0, a1, 1
        CHECK_EQ(a0, 2)
        slli a0, a1, 63
        CHECK_EQ(a0, 0x8000000000000000)
        li a1, 1
        slli a0, a1, 32
        CHECK_EQ(a0, 0x100000000)
        li a1, 0x8000000000000000
        srli a0, a1, 63
        CHECK_EQ(a0, 1)
        srli a0, a1, 32
        CHECK_EQ(a0, 0x80000000)
        srai a0, a1, 63
        CHECK_EQ(a0, -1)
        srai a0, a1, 1
        CHECK_EQ(a0, 0xc000000000000000)
        srai a0, a1, 0
        CHECK_EQ(a0, 0x8000000000000000)
        li a1, 0x7fffffffffffffff
        srai a0, a1, 62
        CHECK_EQ(a0, 1)

        /* add / sub */
        li a1, 0x7fffffffffffffff
        li a2, 1
        add a0, a1, a2
        CHECK_EQ(a0, 0x8000000000000000)
        li a1, -1
        li a2, -1
        add a0, a1, a2
        CHECK_EQ(a0, -2)
        li a1, 0
        li a2, 1
        sub a0, a1, a2
        CHECK_EQ(a0, -1)
        li a1, 0x8000000000000000
        sub a0, a1, a2
        CHECK_EQ(a0, 0x7fffffffffffffff)
        li a1, 0x123456789
        sub a0, a1, a1
        CHECK_EQ(a0, 0)
        neg a0, a1
        CHECK_EQ(a0, -0x123456789)

        /* sll / srl / sra: only the low 6 bits of rs2 count */
        li a1, 0x00000000000000f1
        li a2, 64
        sll a0, a1, a2
        CHECK_EQ(a0, 0xf1)
        li a2, 65
        sll a0, a1, a2
        CHECK_EQ(a0, 0x1e2)
        li a2, 63
        sll a0, a1, a2
        CHECK_EQ(a0, 0x8000000000000000)
        li a2, -1                       /* 63 */
        sll a0, a1, a2
        CHECK_EQ(a0, 0x8000000000000000)
        li a1, 0x8000000000000000
        li a2, 63
        srl a0, a1, a2
        CHECK_EQ(a0, 1)
        li a2, 64
        srl a0, a1, a2
        CHECK_EQ(a0, 0x8000000000000000)
        li a2, 0xffffffffffffff84      /* 4 */
        srl a0, a1, a2
        CHECK_EQ(a0, 0x0800000000000000)
        li a2, 63
        sra a0, a1, a2
        CHECK_EQ(a0, -1)
        li a2, 64
        sra a0, a1, a2
        CHECK_EQ(a0, 0x8000000000000000)
        li a2, 4
        sra a0, a1, a2
        CHECK_EQ(a0, 0xf800000000000000)
        li a1, 0x4000000000000000
        li a2, 62
        sra a0, a1, a2
        CHECK_EQ(a0, 1)

        /* slt / sltu */
        li a1, -1
        li a2, 1
        slt a0, a1, a2
        CHECK_EQ(a0, 1)
        sltu a0, a1, a2
        CHECK_EQ(a0, 0)
        slt a0, a2, a1
        CHECK_EQ(a0, 0)
        sltu a0, a2, a1
        CHECK_EQ(a0, 1)
        slt a0, a1, a1
        CHECK_EQ(a0, 0)
        li a1, 0x8000000000000000
        li a2, 0x7fffffffffffffff
        slt a0, a1, a2
        CHECK_EQ(a0, 1)
        sltu a0, a1, a2
        CHECK_EQ(a0, 0)
        li a1, 5
        snez a0, a1                     /* sltu rd, x0, rs */
        CHECK_EQ(a0, 1)
        sltu a0, zero, zero
        CHECK_EQ(a0, 0)

        /* xor / or / and */
        li a1, 0xff00ff00ff00ff00
        li a2, 0x0ff00ff00ff00ff0
        xor a0, a1, a2
        CHECK_EQ(a0, 0xf0f0f0f0f0f0f0f0)
        or a0, a1, a2
        CHECK_EQ(a0, 0xfff0fff0fff0fff0)
        and a0, a1, a2
        CHECK_EQ(a0, 0x0f000f000f000f00)
        not a0, a1
        CHECK_EQ(a0, 0x00ff00ff00ff00ff)

        /* addiw: 32-bit result, sign-extended; upper source bits ignored */
        li a1, 0x0000000080000000
        addiw a0, a1, 0                 /* sext.w */
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0x7fffffff
        addiw a0, a1, 1
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0x1234567800000001
        addiw a0, a1, 1
        CHECK_EQ(a0, 2)
        li a1, 0
        addiw a0, a1, -1
        CHECK_EQ(a0, -1)
        li a1, 0xffffffff7fffffff
        addiw a0, a1, 0
        CHECK_EQ(a0, 0x7fffffff)
        li a1, 0x80000000
        addiw a0, a1, -1
        CHECK_EQ(a0, 0x7fffffff)

        /* slliw / srliw / sraiw */
        li a1, 1
        slliw a0, a1, 31
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0xffffffff7fffffff
        slliw a0, a1, 0
        CHECK_EQ(a0, 0x7fffffff)
        li a1, 0x00000001c0000000
        slliw a0, a1, 1
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0xffffffff80000000
        srliw a0, a1, 31
        CHECK_EQ(a0, 1)
        li a1, 0x0000000080000000
        srliw a0, a1, 0                 /* shift by 0 still sign-extends bit 31 */
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, -1
        srliw a0, a1, 1
        CHECK_EQ(a0, 0x7fffffff)
        li a1, 0x80000000
        sraiw a0, a1, 31
        CHECK_EQ(a0, -1)
        sraiw a0, a1, 0
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0x7fffffff00000000
        sraiw a0, a1, 4
        CHECK_EQ(a0, 0)
        li a1, 0x00000000f0000000
        sraiw a0, a1, 4
        CHECK_EQ(a0, 0xffffffffff000000)

        /* addw / subw */
        li a1, 0x7fffffff
        li a2, 1
        addw a0, a1, a2
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0x12345678ffffffff
        li a2, 0x9abcdef000000001
        addw a0, a1, a2
        CHECK_EQ(a0, 0)
        li a1, 0
        li a2, 0x80000000
        subw a0, a1, a2
        CHECK_EQ(a0, 0xffffffff80000000)
        li a1, 0x100000000
        li a2, 1
        subw a0, a1, a2
        CHECK_EQ(a0, -1)
        li a1, 0x80000000
        li a2, 1
        subw a0, a1, a2
        CHECK_EQ(a0, 0x7fffffff)
        li a1, 5
        negw a0, a1
        CHECK_EQ(a0, -5)

        /* sllw / srlw / sraw: low 5 bits of rs2 count */
        li a1, 1
        li a2, 31
        sllw a0, a1, a2
        CHECK_EQ(a0, 0xffffffff80000000)
        li a2, 32                       /* masked to 0: sext of the low word */
        li a1, 0x00000000fffffffe
        sllw a0, a1, a2
        CHECK_EQ(a0, -2)
        li a1, 1
        li a2, 33
        sllw a0, a1, a2
        CHECK_EQ(a0, 2)
        li a2, 0xffffffffffffffe1      /* 1 */
        sllw a0, a1, a2
        CHECK_EQ(a0, 2)
        li a1, 0xffffffff80000000
        li a2, 31
        srlw a0, a1, a2
        CHECK_EQ(a0, 1)
        li a2, 32
        srlw a0, a1, a2
        CHECK_EQ(a0, 0xffffffff80000000)
        li a2, 1
        srlw a0, a1, a2
        CHECK_EQ(a0, 0x40000000)
        li a1, 0x12345678fffffff0
        li a2, 4
        srlw a0, a1, a2
        CHECK_EQ(a0, 0x0fffffff)
        li a1, 0x0000000080000000
        li a2, 31
        sraw a0, a1, a2
        CHECK_EQ(a0, -1)
        li a2, 32
        sraw a0, a1, a2
        CHECK_EQ(a0, 0xffffffff80000000)
        li a2, 4
        sraw a0, a1, a2
        CHECK_EQ(a0, 0xfffffffff8000000)
        li a1, 0xffffffff70000000
        sraw a0, a1, a2
        CHECK_EQ(a0, 0x07000000)

        /* x0 as a destination: writes are discarded; these are also HINT encodings */
        li a1, 123
        li a2, 456
        add zero, a1, a2
        CHECK_EQ(zero, 0)
        addi zero, zero, 5
        CHECK_EQ(zero, 0)
        lui zero, 0x12345
        CHECK_EQ(zero, 0)
        auipc zero, 1
        slli zero, a1, 3
        sub zero, a1, a2
        addiw zero, a1, 1
        sllw zero, a1, a2
        add a0, zero, zero
        CHECK_EQ(a0, 0)
        addi a0, zero, 77
        CHECK_EQ(a0, 77)
        mv a0, zero
        CHECK_EQ(a0, 0)

        /* rd == rs1 == rs2 */
        li a0, 21
        add a0, a0, a0
        CHECK_EQ(a0, 42)
        sub a0, a0, a0
        CHECK_EQ(a0, 0)

        /* all 31 registers hold independent values (sp is saved in memory meanwhile) */
        lla t0, saved_sp
        sd sp, 0(t0)
        li x1, 0x0101010101010101
        li x2, 0x0202020202020202
        li x3, 0x0303030303030303
        li x4, 0x0404040404040404
        li x5, 0x0505050505050505
        li x6, 0x0606060606060606
        li x7, 0x0707070707070707
        li x8, 0x0808080808080808
        li x9, 0x0909090909090909
        li x10, 0x0a0a0a0a0a0a0a0a
        li x11, 0x0b0b0b0b0b0b0b0b
        li x12, 0x0c0c0c0c0c0c0c0c
        li x13, 0x0d0d0d0d0d0d0d0d
        li x14, 0x0e0e0e0e0e0e0e0e
        li x15, 0x0f0f0f0f0f0f0f0f
        li x16, 0x1010101010101010
        li x17, 0x1111111111111111
        li x18, 0x1212121212121212
        li x19, 0x1313131313131313
        li x20, 0x1414141414141414
        li x21, 0x1515151515151515
        li x22, 0x1616161616161616
        li x23, 0x1717171717171717
        li x24, 0x1818181818181818
        li x25, 0x1919191919191919
        li x26, 0x1a1a1a1a1a1a1a1a
        li x27, 0x1b1b1b1b1b1b1b1b
        li x28, 0x1c1c1c1c1c1c1c1c
        li x29, 0x1d1d1d1d1d1d1d1d
        li x30, 0x1e1e1e1e1e1e1e1e
        li x31, 0x1f1f1f1f1f1f1f1f
        /* x30/x31 are the harness scratch registers: fold them into x29 first */
        xor x29, x29, x30
        xor x29, x29, x31               /* 0x1d ^ 0x1e ^ 0x1f = 0x1c */
        CHECK_EQ(x29, 0x1c1c1c1c1c1c1c1c)
        CHECK_EQ(x28, 0x1c1c1c1c1c1c1c1c)
        CHECK_EQ(x27, 0x1b1b1b1b1b1b1b1b)
        CHECK_EQ(x26, 0x1a1a1a1a1a1a1a1a)
        CHECK_EQ(x25, 0x1919191919191919)
        CHECK_EQ(x24, 0x1818181818181818)
        CHECK_EQ(x23, 0x1717171717171717)
        CHECK_EQ(x22, 0x1616161616161616)
        CHECK_EQ(x21, 0x1515151515151515)
        CHECK_EQ(x20, 0x1414141414141414)
        CHECK_EQ(x19, 0x1313131313131313)
        CHECK_EQ(x18, 0x1212121212121212)
        CHECK_EQ(x17, 0x1111111111111111)
        CHECK_EQ(x16, 0x1010101010101010)
        CHECK_EQ(x15, 0x0f0f0f0f0f0f0f0f)
        CHECK_EQ(x14, 0x0e0e0e0e0e0e0e0e)
        CHECK_EQ(x13, 0x0d0d0d0d0d0d0d0d)
        CHECK_EQ(x12, 0x0c0c0c0c0c0c0c0c)
        CHECK_EQ(x11, 0x0b0b0b0b0b0b0b0b)
        CHECK_EQ(x10, 0x0a0a0a0a0a0a0a0a)
        CHECK_EQ(x9, 0x0909090909090909)
        CHECK_EQ(x8, 0x0808080808080808)
        CHECK_EQ(x7, 0x0707070707070707)
        CHECK_EQ(x6, 0x0606060606060606)
        CHECK_EQ(x5, 0x0505050505050505)
        CHECK_EQ(x4, 0x0404040404040404)
        CHECK_EQ(x3, 0x0303030303030303)
        li a0, 0x0202020202020202       /* sp: compare before restoring it */
        sub a0, x2, a0
        lla t0, saved_sp
        ld sp, 0(t0)
        CHECK_EQ(a0, 0)
        CHECK_EQ(x1, 0x0101010101010101)
PASS

        .data
        .balign 8
saved_sp: .dword 0
