/*
 * rvc.S - the C extension on RV64: every compressed instruction (c.jal is RV32-only; its
 * encoding is c.addiw on RV64; c.ebreak traps and is covered elsewhere), with the
 * immediates at their extremes and signs, c.jalr's link of pc+2, compressed HINT encodings
 * that must be no-ops, 32-bit instructions at 2-mod-4 addresses, and a 32-bit instruction
 * that straddles a page boundary.
 */
#include "macros.h"
TEST_START
        .option rvc
        mv s11, sp                      /* restore point for sp */
        addi sp, sp, -1024
        andi sp, sp, -16

        /* c.addi4spn: rd' = sp + nzuimm (multiple of 4, up to 1020) */
        c.addi4spn a0, sp, 4
        addi a1, sp, 4
        CHECK_EQR(a0, a1)
        c.addi4spn s1, sp, 1020
        addi a1, sp, 1020
        CHECK_EQR(s1, a1)

        /* c.li / c.addi / c.addiw / c.nop */
        c.li a0, -32
        CHECK_EQ(a0, -32)
        c.li a5, 31
        CHECK_EQ(a5, 31)
        c.li s0, 0
        CHECK_EQ(s0, 0)
        c.li t0, 1                      /* any register, not just x8..x15 */
        CHECK_EQ(t0, 1)
        c.addi a0, 31
        CHECK_EQ(a0, -1)
        c.addi a0, -32
        CHECK_EQ(a0, -33)
        li ra, 0x7fffffffffffffff
        c.addi ra, 1
        CHECK_EQ(ra, 0x8000000000000000)
        li a2, 0x7fffffff
        c.addiw a2, 1
        CHECK_EQ(a2, 0xffffffff80000000)
        li a2, 0x1234567880000000
        c.addiw a2, 0                   /* sext.w */
        CHECK_EQ(a2, 0xffffffff80000000)
        li a2, 0
        c.addiw a2, -32
        CHECK_EQ(a2, -32)
        li a2, 7
        c.nop
        CHECK_EQ(a2, 7)

        /* c.lui: nzimm[17:12] sign-extended from bit 17 */
        c.lui a0, 1
        CHECK_EQ(a0, 0x1000)
        c.lui a0, 0x1f
        CHECK_EQ(a0, 0x1f000)
        c.lui a0, 0xfffff
        CHECK_EQ(a0, 0xfffffffffffff000)
        c.lui t1, 0xfffe0
        CHECK_EQ(t1, 0xfffffffffffe0000)

        /* c.addi16sp: sp += nzimm (multiple of 16, -512..496) */
        mv s0, sp
        c.addi16sp sp, -512
        sub a0, s0, sp
        CHECK_EQ(a0, 512)
        c.addi16sp sp, 496
        sub a0, s0, sp
        CHECK_EQ(a0, 16)
        c.addi16sp sp, 16
        CHECK_EQR(sp, s0)

        /* c.slli / c.srli / c.srai / c.andi */
        li a0, 1
        c.slli a0, 63
        CHECK_EQ(a0, 0x8000000000000000)
        li t2, 3
        c.slli t2, 1
        CHECK_EQ(t2, 6)
        li a0, 0x8000000000000000
        c.srli a0, 63
        CHECK_EQ(a0, 1)
        li a0, 0xffffffff00000000
        c.srli a0, 32
        CHECK_EQ(a0, 0xffffffff)
        li a0, 0x8000000000000000
        c.srai a0, 63
        CHECK_EQ(a0, -1)
        li a0, 0x8000000000000000
        c.srai a0, 1
        CHECK_EQ(a0, 0xc000000000000000)
        li a0, 0x00000000ffffffff
        c.srai a0, 4
        CHECK_EQ(a0, 0x0fffffff)
        li a0, 0x123456789abcdef0
        c.andi a0, -32
        CHECK_EQ(a0, 0x123456789abcdee0)
        li a0, 0x123456789abcdeff
        c.andi a0, 31
        CHECK_EQ(a0, 0x1f)
        li a0, 0x123456789abcdeff
        c.andi a0, -1
        CHECK_EQ(a0, 0x123456789abcdeff)
        li a0, 0x123456789abcdeff
        c.andi a0, 0
        CHECK_EQ(a0, 0)

        /* c.mv / c.add (any registers) */
        li t3, 0xabcdef
        c.mv t4, t3
        CHECK_EQ(t4, 0xabcdef)
        c.add t4, t3
        CHECK_EQ(t4, 0x1579bde)
        li a0, 0x7fffffffffffffff
        li a1, 1
        c.add a0, a1
        CHECK_EQ(a0, 0x8000000000000000)

        /* c.sub / c.xor / c.or / c.and / c.subw / c.addw (x8..x15) */
        li a0, 5
        li a1, 7
        c.sub a0, a1
        CHECK_EQ(a0, -2)
        li a0, 0xff00ff00ff00ff00
        li a1, 0x0ff00ff00ff00ff0
        c.xor a0, a1
        CHECK_EQ(a0, 0xf0f0f0f0f0f0f0f0)
        li a0, 0xff00ff00ff00ff00
        c.or a0, a1
        CHECK_EQ(a0, 0xfff0fff0fff0fff0)
        li a0, 0xff00ff00ff00ff00
        c.and a0, a1
        CHECK_EQ(a0, 0x0f000f000f000f00)
        li s0, 0
        li s1, 0x80000000
        c.subw s0, s1
        CHECK_EQ(s0, 0xffffffff80000000)
        li a4, 0x123456787fffffff
        li a5, 1
        c.addw a4, a5
        CHECK_EQ(a4, 0xffffffff80000000)
        li a4, 0xffffffff00000005
        li a5, 0x0000000100000003
        c.subw a4, a5
        CHECK_EQ(a4, 2)

        /* c.lw / c.ld / c.sw / c.sd (x8..x15 base and data) */
        lla s0, cdata
        c.lw a0, 0(s0)                  /* 0x80000001: sign-extended */
        CHECK_EQ(a0, 0xffffffff80000001)
        c.lw a0, 4(s0)
        CHECK_EQ(a0, 0x7ffffffe)
        c.ld a1, 8(s0)
        CHECK_EQ(a1, 0x8877665544332211)
        c.lw a2, 124(s0)                /* the largest c.lw offset */
        CHECK_EQ(a2, 0x5555aaaa)
        c.ld a3, 248(s0)                /* the largest c.ld offset */
        CHECK_EQ(a3, 0x0123456789abcdef)
        li a4, 0xfedcba9876543210
        c.sw a4, 16(s0)
        c.sd a4, 24(s0)
        ld a0, 16(s0)
        CHECK_EQ(a0, 0x76543210)        /* only 32 bits written over zeros */
        ld a0, 24(s0)
        CHECK_EQ(a0, 0xfedcba9876543210)
        c.sw a4, 120(s0)
        lwu a0, 120(s0)
        CHECK_EQ(a0, 0x76543210)
        c.sd a4, 240(s0)
        ld a0, 240(s0)
        CHECK_EQ(a0, 0xfedcba9876543210)

        /* c.fld / c.fsd */
        c.fld fa0, 32(s0)
        CHECK_D(fa0, 0x400921fb54442d18)
        c.fsd fa0, 40(s0)
        ld a0, 40(s0)
        CHECK_EQ(a0, 0x400921fb54442d18)
        c.fld fs1, 248(s0)
        CHECK_D(fs1, 0x0123456789abcdef)

        /* stack-pointer-relative: c.lwsp / c.ldsp / c.fldsp / c.swsp / c.sdsp / c.fsdsp */
        li t0, 0xffffffff80000002
        sd t0, 0(sp)
        li t0, 0x1122334455667788
        sd t0, 504(sp)
        sw t0, 252(sp)
        c.lwsp a0, 0(sp)
        CHECK_EQ(a0, 0xffffffff80000002)
        c.lwsp t1, 252(sp)
        CHECK_EQ(t1, 0x55667788)
        c.ldsp ra, 504(sp)
        CHECK_EQ(ra, 0x1122334455667788)
        c.fldsp ft1, 504(sp)
        CHECK_D(ft1, 0x1122334455667788)
        li t2, 0xa1b2c3d4e5f60718
        c.swsp t2, 8(sp)
        lwu a0, 8(sp)
        CHECK_EQ(a0, 0xe5f60718)
        c.swsp t2, 252(sp)
        lwu a0, 252(sp)
        CHECK_EQ(a0, 0xe5f60718)
        c.sdsp t2, 496(sp)
        ld a0, 496(sp)
        CHECK_EQ(a0, 0xa1b2c3d4e5f60718)
        fmv.d.x ft2, t2
        c.fsdsp ft2, 16(sp)
        ld a0, 16(sp)
        CHECK_EQ(a0, 0xa1b2c3d4e5f60718)
        c.fsdsp ft2, 504(sp)
        ld a0, 504(sp)
        CHECK_EQ(a0, 0xa1b2c3d4e5f60718)

        /* c.j forward and backward */
        li a0, 0
        c.j 2f
1:      addi a0, a0, 10
        c.j 3f
2:      addi a0, a0, 1
        c.j 1b
3:      CHECK_EQ(a0, 11)
        /* c.beqz / c.bnez, taken and not taken, forward and backward */
        li a1, 5
        li a0, 0
4:      c.addi a0, 2
        c.addi a1, -1
        c.bnez a1, 4b
        CHECK_EQ(a0, 10)
        li a1, 0
        c.bnez a1, 5f
        c.beqz a1, 6f
5:      FAIL_HERE()
6:      li a1, 0x100000000              /* upper bits count */
        c.beqz a1, 5b
        c.bnez a1, 7f
        FAIL_HERE()
7:
        /* c.jr / c.jalr: the link is the address after the 2-byte c.jalr */
        lla a1, .Lcfunc
        c.jalr a1
.Lcret:
        lla a2, .Lcret
        CHECK_EQR(a0, a2)
        lla t0, .Lcret2
        c.jr t0
        FAIL_HERE()
.Lcret2:
        lla t1, .Lcfunc2
        c.jalr t1
        CHECK_EQ(a0, 77)

        /* compressed HINTs execute as no-ops */
        li a0, 9
        .hword 0x4015                   /* c.li x0, 5 */
        .hword 0x802a                   /* c.mv x0, a0 */
        .hword 0x902a                   /* c.add x0, a0 */
        .hword 0x0005                   /* c.nop 1 */
        .hword 0x0501                   /* c.addi a0, 0 */
        CHECK_EQ(a0, 9)
        CHECK_EQ(zero, 0)

        /* 32-bit instructions at addresses that are 2 mod 4 */
        .balign 4
        c.nop
        .option push
        .option norvc
        li a0, 0
        addi a0, a0, 3
        addi a0, a0, 4
        .option pop
        CHECK_EQ(a0, 7)

        /* a 32-bit instruction straddling a page boundary, reached by a jump and by
         * falling through from the previous page */
        li a0, 0
        j .Lstraddle
        .balign 4096
        .skip 4096 - 10
.Lstraddle:
        c.addi a0, 1                    /* page end - 10 */
        .option push
        .option norvc
        addi a0, a0, 1                  /* page end - 8 */
        .option pop
        c.addi a0, 1                    /* page end - 4 */
        .option push
        .option norvc
        addi a0, a0, 0x10               /* straddles */
        .option pop
        c.addi a0, 1
        CHECK_EQ(a0, 0x14)
        li a0, 0
        lla t0, .Lstraddle2
        jr t0
        .balign 4096
        .skip 4096 - 2
.Lstraddle2:
        .option push
        .option norvc
        addi a0, a0, 0x20               /* the target itself straddles */
        .option pop
        CHECK_EQ(a0, 0x20)

        mv sp, s11
        j .Ldone
.Lcfunc:
        c.mv a0, ra
        c.jr ra
.Lcfunc2:
        c.li a0, 31
        c.addi a0, 31
        c.addi a0, 15
        c.jr ra
.Ldone:
PASS

        .data
        .balign 8
cdata:
        .word 0x80000001, 0x7ffffffe
        .dword 0x8877665544332211
        .dword 0, 0
        .dword 0x400921fb54442d18, 0
        .skip 120 - 48
        .word 0x0, 0x5555aaaa
        .skip 248 - 128
        .dword 0x0123456789abcdef
