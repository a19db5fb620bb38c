/*
 * rv64i_control.S - RV64I control transfer and the rest of the base set: every branch
 * taken and not taken on signed/unsigned edges, forward and backward; jal/jalr link values,
 * jalr clearing bit 0 of the target, jalr with rd == rs1, negative offsets; branches and
 * jumps that cross guest pages; fence, fence.tso, pause and other HINTs as no-ops.
 */
#include "macros.h"
TEST_START
        /* beq / bne */
        CHECK_BR_TAKEN(beq, 5, 5)
        CHECK_BR_NOT(beq, 5, 6)
        CHECK_BR_TAKEN(beq, 0x8000000000000000, 0x8000000000000000)
        CHECK_BR_NOT(beq, 0x100000000, 0)       /* differ only in the upper word */
        CHECK_BR_TAKEN(bne, 0x100000000, 0)
        CHECK_BR_NOT(bne, -1, -1)
        /* blt / bge: signed */
        CHECK_BR_TAKEN(blt, -1, 1)
        CHECK_BR_NOT(blt, 1, -1)
        CHECK_BR_NOT(blt, 3, 3)
        CHECK_BR_TAKEN(blt, 0x8000000000000000, 0x7fffffffffffffff)
        CHECK_BR_TAKEN(bge, 1, -1)
        CHECK_BR_TAKEN(bge, 3, 3)
        CHECK_BR_NOT(bge, -1, 1)
        CHECK_BR_NOT(bge, 0x8000000000000000, 0x7fffffffffffffff)
        CHECK_BR_TAKEN(blt, 0xffffffff, 0x100000000)  /* no 32-bit truncation */
        /* bltu / bgeu: unsigned */
        CHECK_BR_TAKEN(bltu, 1, -1)
        CHECK_BR_NOT(bltu, -1, 1)
        CHECK_BR_NOT(bltu, 7, 7)
        CHECK_BR_TAKEN(bltu, 0x7fffffffffffffff, 0x8000000000000000)
        CHECK_BR_TAKEN(bgeu, -1, 1)
        CHECK_BR_TAKEN(bgeu, 7, 7)
        CHECK_BR_TAKEN(bgeu, 0, 0)
        CHECK_BR_NOT(bgeu, 1, -1)
        CHECK_BR_NOT(bgeu, 0xffffffff, 0x100000000)
        /* pseudo-forms with x0 */
        li a4, -5
        bltz a4, 1f
        FAIL_HERE()
1:      bgtz a4, 2f
        j 3f
2:      FAIL_HERE()
3:      blez zero, 4f
        FAIL_HERE()
4:      bgez zero, 5f
        FAIL_HERE()
5:
        /* backward branch: a loop summing 1..100 */
        li a0, 0
        li a1, 100
1:      add a0, a0, a1
        addi a1, a1, -1
        bnez a1, 1b
        CHECK_EQ(a0, 5050)
        /* nested loops with a backward bltu and a backward bge */
        li a0, 0
        li a1, 0
1:      li a2, 0
2:      add a0, a0, a2
        addi a2, a2, 1
        li a3, 10
        bltu a2, a3, 2b
        addi a1, a1, 1
        li a3, 7
        bge a3, a1, 1b
        CHECK_EQ(a0, 360)               /* 8 * (0 + ... + 9) */

        /* jal: link = address of the next instruction */
        jal ra, .Lfunc1
.Lafter_jal:
        lla a1, .Lafter_jal
        CHECK_EQR(a0, a1)               /* the function copied ra into a0 */
        jal t0, .Lfunc2                 /* alternate link register */
.Lafter_jal2:
        lla a1, .Lafter_jal2
        CHECK_EQR(a0, a1)
        /* jal backwards */
        j .Lback_target_done
.Lback_target:
        li a0, 99
        j .Lback_done
.Lback_target_done:
        li a0, 0
        j .Lback_target
.Lback_done:
        CHECK_EQ(a0, 99)

        /* jalr with zero, positive and negative offsets */
        lla a1, .Lfunc1
        jalr ra, 0(a1)
.Lafter_jalr0:
        lla a2, .Lafter_jalr0
        CHECK_EQR(a0, a2)
        lla a1, .Lfunc1 - 8
        jalr ra, 8(a1)
.Lafter_jalr1:
        lla a2, .Lafter_jalr1
        CHECK_EQR(a0, a2)
        lla a1, .Lfunc1 + 12
        jalr ra, -12(a1)
.Lafter_jalr2:
        lla a2, .Lafter_jalr2
        CHECK_EQR(a0, a2)
        /* bit 0 of the target is cleared: from the register and from the offset */
        lla a1, .Lfunc1
        addi a1, a1, 1
        jalr ra, 0(a1)
.Lafter_jalr3:
        lla a2, .Lafter_jalr3
        CHECK_EQR(a0, a2)
        lla a1, .Lfunc1
        jalr ra, 1(a1)
.Lafter_jalr4:
        lla a2, .Lafter_jalr4
        CHECK_EQR(a0, a2)
        /* rd == rs1: the target is computed from the old value */
        lla s1, .Lfunc3
        jalr s1, 0(s1)
.Lafter_jalr5:
        lla a2, .Lafter_jalr5
        CHECK_EQR(a0, a2)               /* .Lfunc3 copies s1 into a0 */
        CHECK_EQR(s1, a2)
        /* jalr x0 (jr) and a computed jump table */
        li s2, 0
        li s3, 0
.Ljt_loop:
        lla a1, .Ljump_table
        slli a2, s2, 3
        add a1, a1, a2
        ld a1, 0(a1)
        jr a1
.Ljt0:  addi s3, s3, 1
        j .Ljt_next
.Ljt1:  addi s3, s3, 10
        j .Ljt_next
.Ljt2:  addi s3, s3, 100
.Ljt_next:
        addi s2, s2, 1
        li a1, 3
        bltu s2, a1, .Ljt_loop
        CHECK_EQ(s3, 111)
        /* recursion through the stack: fib(15) = 610 */
        li a0, 15
        call .Lfib
        CHECK_EQ(a0, 610)

        /* control transfer across guest pages (translation blocks never cross a page) */
        li a0, 0
        j .Lfar_fwd
.Lfar_back:
        addi a0, a0, 2
        j .Lfar_done
        .balign 4096
        .skip 8192                      /* two pages of zeros (illegal if ever executed) */
.Lfar_fwd:
        addi a0, a0, 1
        li a1, 1
        bnez a1, .Lfar_back_br          /* a conditional branch to the next page */
        FAIL_HERE()
        .skip 4000
.Lfar_back_br:
        j .Lfar_back
.Lfar_done:
        CHECK_EQ(a0, 3)
        /* falling through a page boundary in straight-line code */
        li a0, 0
        j .Lstraddle
        .balign 4096
        .skip 4096 - 16
.Lstraddle:
        addi a0, a0, 1
        addi a0, a0, 1
        addi a0, a0, 1
        addi a0, a0, 1
        addi a0, a0, 1                  /* first instruction of the next page */
        addi a0, a0, 1
        CHECK_EQ(a0, 6)

        /* memory ordering instructions and HINTs execute as no-ops */
        li a0, 5
        fence
        fence rw, rw
        fence iorw, iorw
        fence r, w
        fence.tso
        .insn i 0x0f, 0, x0, x0, 0x010  /* pause (fence w, 0) */
        nop
        addi zero, zero, 1              /* HINT */
        slti zero, a0, 3                /* HINT */
        or zero, a0, a0                 /* HINT */
        CHECK_EQ(a0, 5)
        j .Ldone

.Lfunc1:
        mv a0, ra
        ret
.Lfunc2:
        mv a0, t0
        jr t0
.Lfunc3:
        mv a0, s1
        jr s1
.Lfib:                                  /* a0 = fib(a0), recursive */
        li a1, 2
        bltu a0, a1, 1f
        addi sp, sp, -32
        sd ra, 0(sp)
        sd a0, 8(sp)
        addi a0, a0, -1
        call .Lfib
        sd a0, 16(sp)
        ld a0, 8(sp)
        addi a0, a0, -2
        call .Lfib
        ld a1, 16(sp)
        add a0, a0, a1
        ld ra, 0(sp)
        addi sp, sp, 32
1:      ret
.Ldone:
PASS
        .section .rodata
        .balign 8
.Ljump_table:
        .dword .Ljt0, .Ljt1, .Ljt2
