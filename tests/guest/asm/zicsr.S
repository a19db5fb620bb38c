/*
 * zicsr.S - Zicsr and the user counters: cycle, time and instret are readable through
 * every read-only form (csrrs/csrrc with x0, csrrsi/csrrci with 0, the rd* pseudos), never
 * go backwards, and advance; the six CSR instructions on the user-writable fflags/frm/fcsr
 * (rd = x0 skips the read side, rs1 = x0 / uimm = 0 skips the write side).
 */
#include "macros.h"

/* the counter must advance within a bounded spin; reg is read through `readop` */
        .macro advances csr, line
        csrr s0, \csr
        li s2, 20000000
.Lspin\@:
        csrr s1, \csr
        bne s1, s0, .Ladv\@
        addi s2, s2, -1
        bnez s2, .Lspin\@
        li a1, \line
        j __fail_here
.Ladv\@:
        check_leu s0, s1, \line
        .endm
#define ADVANCES(csr) advances csr, __LINE__

TEST_START
        /* readable in every read-only form, and monotonic across them */
        rdcycle s0
        csrr s1, cycle
        CHECK_LEU(s0, s1)
        csrrs s2, cycle, zero
        CHECK_LEU(s1, s2)
        csrrc s3, cycle, zero
        CHECK_LEU(s2, s3)
        csrrsi s4, cycle, 0
        CHECK_LEU(s3, s4)
        csrrci s5, cycle, 0
        CHECK_LEU(s4, s5)
        rdtime s0
        csrr s1, time
        CHECK_LEU(s0, s1)
        csrrs s2, time, zero
        CHECK_LEU(s1, s2)
        csrrci s3, time, 0
        CHECK_LEU(s2, s3)
        rdinstret s0
        csrr s1, instret
        CHECK_LEU(s0, s1)
        csrrsi s2, instret, 0
        CHECK_LEU(s1, s2)
        csrrc s3, instret, zero
        CHECK_LEU(s2, s3)
        /* a thousand readings in a loop never go backwards */
        li s6, 1000
        rdcycle s0
        rdtime s1
        rdinstret s2
1:      rdcycle s3
        CHECK_LEU(s0, s3)
        mv s0, s3
        rdtime s4
        CHECK_LEU(s1, s4)
        mv s1, s4
        rdinstret s5
        CHECK_LEU(s2, s5)
        mv s2, s5
        addi s6, s6, -1
        bnez s6, 1b
        /* and they advance */
        ADVANCES(cycle)
        ADVANCES(time)
        ADVANCES(instret)
        /* the counter read can target x0 (no effect) */
        rdcycle zero
        csrr zero, time
        CHECK_EQ(zero, 0)

        /* the six CSR instructions on fflags */
        csrwi fflags, 0
        li a1, 0x5
        csrrw a0, fflags, a1
        CHECK_EQ(a0, 0)
        csrrs a0, fflags, zero          /* read only */
        CHECK_EQ(a0, 0x5)
        li a1, 0x12
        csrrs a0, fflags, a1
        CHECK_EQ(a0, 0x5)
        csrr a0, fflags
        CHECK_EQ(a0, 0x17)
        li a1, 0x03
        csrrc a0, fflags, a1
        CHECK_EQ(a0, 0x17)
        csrr a0, fflags
        CHECK_EQ(a0, 0x14)
        csrrc a0, fflags, zero          /* read only */
        CHECK_EQ(a0, 0x14)
        csrrwi a0, fflags, 0x09
        CHECK_EQ(a0, 0x14)
        csrrsi a0, fflags, 0x02
        CHECK_EQ(a0, 0x09)
        csrrci a0, fflags, 0x08
        CHECK_EQ(a0, 0x0b)
        csrrsi a0, fflags, 0            /* read only */
        CHECK_EQ(a0, 0x03)
        csrrci a0, fflags, 0
        CHECK_EQ(a0, 0x03)
        /* rd = x0: the write still happens */
        li a1, 0x1f
        csrrw zero, fflags, a1
        csrr a0, fflags
        CHECK_EQ(a0, 0x1f)
        csrrci zero, fflags, 0x10
        csrr a0, fflags
        CHECK_EQ(a0, 0x0f)
        csrrs zero, fflags, a1
        csrr a0, fflags
        CHECK_EQ(a0, 0x1f)
        csrrwi zero, fflags, 0
        csrr a0, fflags
        CHECK_EQ(a0, 0)
        /* rd == rs1: the old value is read before the new one is written */
        li a0, 0x3
        csrrw a0, frm, a0
        CHECK_EQ(a0, 0)
        csrrw a0, frm, a0
        CHECK_EQ(a0, 3)
        csrr a0, frm
        CHECK_EQ(a0, 0)
        /* fcsr is frm:fflags */
        csrwi frm, 4
        csrwi fflags, 0x11
        csrr a0, fcsr
        CHECK_EQ(a0, (4 << 5) | 0x11)
        csrrci a0, fcsr, 0x1f
        CHECK_EQ(a0, (4 << 5) | 0x11)
        csrr a0, frm
        CHECK_EQ(a0, 4)
        csrr a0, fflags
        CHECK_EQ(a0, 0)
        csrwi fcsr, 0
        csrr a0, fcsr
        CHECK_EQ(a0, 0)
PASS
