/*
 * zifencei.S - fence.i and self-modifying code: write an instruction into an RWX mmap,
 * fence.i, call it; overwrite it, fence.i, call again and see the new code; the same with
 * a W^X-style RW mapping later mprotect-ed to RX; code patched in a longer function and a
 * loop re-patched many times. Without the fence.i the result would be unspecified.
 */
#include "macros.h"

#define INSN_LI_A0(n)   (0x00000513 | ((n) << 20))     /* addi a0, x0, n */
#define INSN_RET        0x00008067                     /* jalr x0, 0(ra) */
#define INSN_ADDI_A0(n) (0x00050513 | ((n) << 20))     /* addi a0, a0, n */

TEST_START
        /* s0 = mmap(NULL, 8192, RWX, PRIVATE|ANON, -1, 0) */
        li a0, 0
        li a1, 8192
        li a2, PROT_READ | PROT_WRITE | PROT_EXEC
        li a3, MAP_PRIVATE | MAP_ANONYMOUS
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        mv s0, a0
        li a1, -4096
        CHECK_LTU(s0, a1)               /* not an error code */

        li a1, INSN_LI_A0(1)
        sw a1, 0(s0)
        li a1, INSN_RET
        sw a1, 4(s0)
        fence.i
        jalr s0
        CHECK_EQ(a0, 1)
        jalr s0                         /* again, now possibly cached */
        CHECK_EQ(a0, 1)
        li a1, INSN_LI_A0(2)
        sw a1, 0(s0)
        fence.i
        jalr s0
        CHECK_EQ(a0, 2)

        /* patch the middle of a longer function: a0 = 0; a0 += 10; a0 += 20; a0 += 30 */
        li a1, INSN_LI_A0(0)
        sw a1, 0(s0)
        li a1, INSN_ADDI_A0(10)
        sw a1, 4(s0)
        li a1, INSN_ADDI_A0(20)
        sw a1, 8(s0)
        li a1, INSN_ADDI_A0(30)
        sw a1, 12(s0)
        li a1, INSN_RET
        sw a1, 16(s0)
        fence.i
        jalr s0
        CHECK_EQ(a0, 60)
        li a1, INSN_ADDI_A0(200)
        sw a1, 8(s0)
        fence.i
        jalr s0
        CHECK_EQ(a0, 240)
        /* a halfword store that changes the immediate's low bits only */
        li a1, INSN_ADDI_A0(1)
        sh a1, 12(s0)                   /* low half of addi: opcode/rd/funct3/rs1 unchanged */
        srli a1, a1, 16
        sh a1, 14(s0)
        fence.i
        jalr s0
        CHECK_EQ(a0, 211)

        /* re-patch in a loop: the i-th version returns i */
        li s1, 0
1:      slli a1, s1, 20
        li a2, 0x00000513
        or a1, a1, a2
        sw a1, 0(s0)
        li a1, INSN_RET
        sw a1, 4(s0)
        fence.i
        jalr s0
        CHECK_EQR(a0, s1)
        addi s1, s1, 1
        li a1, 200
        bltu s1, a1, 1b

        /* code on the second page of the mapping */
        li a1, INSN_LI_A0(7)
        li a2, 4096
        add s2, s0, a2
        sw a1, 0(s2)
        li a1, INSN_RET
        sw a1, 4(s2)
        fence.i
        jalr s2
        CHECK_EQ(a0, 7)

        /* W^X style: map RW, write, mprotect RX, fence.i, run; then RW, rewrite, RX, run */
        li a0, 0
        li a1, 4096
        li a2, PROT_READ | PROT_WRITE
        li a3, MAP_PRIVATE | MAP_ANONYMOUS
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        mv s3, a0
        li a1, -4096
        CHECK_LTU(s3, a1)
        li a1, INSN_LI_A0(33)
        sw a1, 0(s3)
        li a1, INSN_RET
        sw a1, 4(s3)
        mv a0, s3
        li a1, 4096
        li a2, PROT_READ | PROT_EXEC
        li a7, SYS_mprotect
        ecall
        CHECK_EQ(a0, 0)
        fence.i
        jalr s3
        CHECK_EQ(a0, 33)
        mv a0, s3
        li a1, 4096
        li a2, PROT_READ | PROT_WRITE
        li a7, SYS_mprotect
        ecall
        CHECK_EQ(a0, 0)
        li a1, INSN_LI_A0(44)
        sw a1, 0(s3)
        mv a0, s3
        li a1, 4096
        li a2, PROT_READ | PROT_EXEC
        li a7, SYS_mprotect
        ecall
        CHECK_EQ(a0, 0)
        fence.i
        jalr s3
        CHECK_EQ(a0, 44)

        /* unmap and map again at the same address with new code */
        mv a0, s3
        li a1, 4096
        li a7, SYS_munmap
        ecall
        CHECK_EQ(a0, 0)
        mv a0, s3
        li a1, 4096
        li a2, PROT_READ | PROT_WRITE | PROT_EXEC
        li a3, MAP_PRIVATE | MAP_ANONYMOUS | 0x10       /* MAP_FIXED */
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        CHECK_EQR(a0, s3)
        li a1, INSN_LI_A0(55)
        sw a1, 0(s3)
        li a1, INSN_RET
        sw a1, 4(s3)
        fence.i
        jalr s3
        CHECK_EQ(a0, 55)
PASS
