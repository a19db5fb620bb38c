/*
 * rv64i_mem.S - RV64I loads and stores: sign/zero extension of every load width, partial
 * stores leaving neighbouring bytes alone, the full 12-bit signed offset range, loads into
 * x0 (the access still happens, the value is dropped), and misaligned loads/stores of every
 * width including ones that straddle a page boundary (Linux user space allows them).
 */
#include "macros.h"
TEST_START
        lla s0, pattern
        /* byte 0..7 = 87 86 85 84 83 82 81 80, byte 8..15 = 7f 7e 7d 7c 7b 7a 79 78 */
        lb a0, 0(s0)
        CHECK_EQ(a0, 0xffffffffffffff87)
        lbu a0, 0(s0)
        CHECK_EQ(a0, 0x87)
        lb a0, 8(s0)
        CHECK_EQ(a0, 0x78)
        lbu a0, 15(s0)
        CHECK_EQ(a0, 0x7f)
        lh a0, 0(s0)
        CHECK_EQ(a0, 0xffffffffffff8687)
        lhu a0, 0(s0)
        CHECK_EQ(a0, 0x8687)
        lh a0, 8(s0)
        CHECK_EQ(a0, 0x7978)
        lhu a0, 14(s0)
        CHECK_EQ(a0, 0x7f7e)
        lw a0, 0(s0)
        CHECK_EQ(a0, 0xffffffff84858687)
        lwu a0, 0(s0)
        CHECK_EQ(a0, 0x84858687)
        lw a0, 4(s0)
        CHECK_EQ(a0, 0xffffffff80818283)
        lw a0, 8(s0)
        CHECK_EQ(a0, 0x7b7a7978)
        lwu a0, 12(s0)
        CHECK_EQ(a0, 0x7f7e7d7c)
        ld a0, 0(s0)
        CHECK_EQ(a0, 0x8081828384858687)
        ld a0, 8(s0)
        CHECK_EQ(a0, 0x7f7e7d7c7b7a7978)
        /* negative offsets */
        addi s1, s0, 16
        lb a0, -16(s1)
        CHECK_EQ(a0, 0xffffffffffffff87)
        lhu a0, -2(s1)
        CHECK_EQ(a0, 0x7f7e)
        ld a0, -8(s1)
        CHECK_EQ(a0, 0x7f7e7d7c7b7a7978)

        /* the offset extremes: +2047 and -2048 from the middle of a 4 KiB buffer */
        lla s1, bigbuf + 2048
        li a1, 0x1122334455667788
        sd a1, -2048(s1)
        ld a0, -2048(s1)
        CHECK_EQ(a0, 0x1122334455667788)
        lla a2, bigbuf
        ld a0, 0(a2)
        CHECK_EQ(a0, 0x1122334455667788)
        li a1, 0xa5
        sb a1, 2047(s1)
        lbu a0, 2047(s1)
        CHECK_EQ(a0, 0xa5)
        li a3, 4095
        add a3, a2, a3
        lbu a0, 0(a3)
        CHECK_EQ(a0, 0xa5)

        /* partial stores: only the addressed bytes change */
        lla s1, scratch
        li a1, -1
        sd a1, 0(s1)
        sd a1, 8(s1)
        li a1, 0x1234567890abcdef
        sb a1, 1(s1)
        ld a0, 0(s1)
        CHECK_EQ(a0, 0xffffffffffffefff)
        sh a1, 4(s1)
        ld a0, 0(s1)
        CHECK_EQ(a0, 0xffffcdefffffefff)
        sw a1, 8(s1)
        ld a0, 8(s1)
        CHECK_EQ(a0, 0xffffffff90abcdef)
        sd a1, 0(s1)
        ld a0, 0(s1)
        CHECK_EQ(a0, 0x1234567890abcdef)
        ld a0, 8(s1)
        CHECK_EQ(a0, 0xffffffff90abcdef)
        sd zero, 8(s1)                  /* storing x0 stores zero */
        ld a0, 8(s1)
        CHECK_EQ(a0, 0)
        sb zero, 0(s1)
        lbu a0, 0(s1)
        CHECK_EQ(a0, 0)
        /* a store then a load through a different base register (aliasing) */
        li a1, 0x55
        addi a2, s1, 3
        sb a1, 0(a2)
        lbu a0, 3(s1)
        CHECK_EQ(a0, 0x55)
        /* base register == data register */
        mv a0, s1
        sd a0, 0(a0)
        ld a1, 0(s1)
        CHECK_EQR(a1, s1)
        mv a0, s1
        ld a0, 0(a0)                    /* rd == rs1 */
        CHECK_EQR(a0, s1)

        /* loads into x0 perform the access and drop the value */
        lw zero, 0(s0)
        ld zero, 8(s0)
        lbu zero, 1(s0)
        CHECK_EQ(zero, 0)

        /* misaligned loads of every width and offset */
        lh a0, 1(s0)
        CHECK_EQ(a0, 0xffffffffffff8586)
        lhu a0, 1(s0)
        CHECK_EQ(a0, 0x8586)
        lhu a0, 7(s0)
        CHECK_EQ(a0, 0x7880)
        lw a0, 1(s0)
        CHECK_EQ(a0, 0xffffffff83848586)
        lw a0, 2(s0)
        CHECK_EQ(a0, 0xffffffff82838485)
        lwu a0, 3(s0)
        CHECK_EQ(a0, 0x81828384)
        lw a0, 6(s0)
        CHECK_EQ(a0, 0x79788081)
        lw a0, 9(s0)
        CHECK_EQ(a0, 0x7c7b7a79)
        ld a0, 1(s0)
        CHECK_EQ(a0, 0x7880818283848586)
        ld a0, 3(s0)
        CHECK_EQ(a0, 0x7a79788081828384)
        ld a0, 4(s0)
        CHECK_EQ(a0, 0x7b7a797880818283)
        ld a0, 7(s0)
        CHECK_EQ(a0, 0x7e7d7c7b7a797880)

        /* misaligned stores */
        lla s1, scratch
        sd zero, 0(s1)
        sd zero, 8(s1)
        li a1, 0x1122334455667788
        sh a1, 1(s1)
        ld a0, 0(s1)
        CHECK_EQ(a0, 0x0000000000778800)
        sw a1, 3(s1)
        ld a0, 0(s1)
        CHECK_EQ(a0, 0x0055667788778800)
        sd a1, 5(s1)
        ld a0, 0(s1)
        CHECK_EQ(a0, 0x6677887788778800)
        ld a0, 8(s1)
        CHECK_EQ(a0, 0x0000001122334455)

        /* misaligned accesses straddling a page boundary (pages at `pages`) */
        lla s1, pages + 4096
        li a1, 0x0807060504030201
        sd a1, -3(s1)                   /* bytes 01 02 03 | 04 05 06 07 08 */
        ld a0, -3(s1)
        CHECK_EQ(a0, 0x0807060504030201)
        lbu a0, -1(s1)
        CHECK_EQ(a0, 0x03)
        lbu a0, 0(s1)
        CHECK_EQ(a0, 0x04)
        lw a0, -2(s1)
        CHECK_EQ(a0, 0x05040302)
        lh a0, -1(s1)
        CHECK_EQ(a0, 0x0403)
        li a1, 0xfedc
        sh a1, -1(s1)
        lhu a0, -1(s1)
        CHECK_EQ(a0, 0xfedc)
        ld a0, -3(s1)
        CHECK_EQ(a0, 0x08070605fedc0201)
        li a1, 0x89abcdef
        sw a1, -1(s1)
        lwu a0, -1(s1)
        CHECK_EQ(a0, 0x89abcdef)
        lw a0, -1(s1)
        CHECK_EQ(a0, 0xffffffff89abcdef)
        ld a0, -7(s1)
        CHECK_EQ(a0, 0xcdef020100000000)
PASS

        .data
        .balign 16
pattern:
        .byte 0x87, 0x86, 0x85, 0x84, 0x83, 0x82, 0x81, 0x80
        .byte 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f
scratch:
        .dword 0, 0, 0, 0
        .bss
        .balign 4096
bigbuf: .skip 4096
pages:  .skip 8192
