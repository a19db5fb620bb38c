/* vdso_insn.S - a crossrun vDSO service instruction outside the vDSO: it must be an illegal
 * instruction (the guest dies of SIGILL, exit status 132), not a clock read. */
    .globl _start
_start:
    li a0, 1                        /* CLOCK_MONOTONIC */
    mv a1, sp
    .insn r 0x0b, 0, 1, t0, a0, a1  /* crossrun.clock_gettime t0, a0, a1 */
    li a0, 0
    li a7, 93                       /* exit(0): reached only if the instruction ran */
    ecall
