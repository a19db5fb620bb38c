/*
 * vdso.S - the riscv64 guest vDSO's code (linked by vdso.lds into build/vdso/riscv64/vdso.so,
 * embedded into crossrun and mapped into every guest as "[vdso]"; see src/loader/vdso.c).
 *
 * It exports what riscv64 Linux's vDSO exports, under version LINUX_4.15, so glibc finds
 * the same functions it looks for on real hardware. The time functions do not make a
 * system call for the clocks Linux's vDSO serves itself: they execute a crossrun service
 * instruction in the custom-0 opcode space,
 *
 *     crossrun.<service> rd, rs1, rs2    .insn r 0x0b, 0, SERVICE, rd, rs1, rs2
 *
 * which crossrun's translator turns into a host call only when it lies inside the
 * "[vdso]" mapping (anywhere else it is an illegal instruction). It reads its arguments
 * from rs1 and rs2, writes the results to guest memory and sets rd to 0 when it did the
 * whole job, or to non-zero when the call must go to the kernel instead (an unsupported
 * clock, a bad pointer): then the function makes the system call itself, as Linux's vDSO
 * falls back, so errors come back exactly as the syscall gives them (-errno in a0).
 * rd is t0, so a0/a1 still hold the arguments for that fallback.
 *
 * SERVICE numbers are enum vdso_service in src/loader/vdso.h. getcpu's third argument
 * (the unused cache pointer) is ignored, as Linux does.
 *
 * __vdso_rt_sigreturn must be exactly "li a7, 139; ecall" with no unwind info: the signal
 * frame's return address points at it, and libgcc's riscv64 Linux unwinder recognises a
 * signal frame by those two instruction words. __vdso_flush_icache is the system call,
 * as in Linux. No code here uses the C extension (assembled for rv64g).
 */

#define SYS_clock_gettime       113
#define SYS_clock_getres        114
#define SYS_rt_sigreturn        139
#define SYS_getcpu              168
#define SYS_gettimeofday        169
#define SYS_riscv_flush_icache  259

#define SVC_CLOCK_GETTIME  1
#define SVC_GETTIMEOFDAY   2
#define SVC_CLOCK_GETRES   3
#define SVC_GETCPU         4

/* crossrun.<service> t0, a0, a1 */
#define CROSSRUN_SERVICE(svc) .insn r 0x0b, 0, svc, t0, a0, a1

#define FUNCTION(name)          \
    .globl name;                \
    .type name, @function;      \
    .balign 16;                 \
name:

#define END(name) .size name, . - name

/* A function served by a crossrun service, else by system call nr. */
#define SERVED(name, svc, nr)   \
FUNCTION(name)                  \
    CROSSRUN_SERVICE(svc);      \
    bnez t0, 1f;                \
    li a0, 0;                   \
    ret;                        \
1:  li a7, nr;                  \
    ecall;                      \
    ret;                        \
END(name)

    .text
SERVED(__vdso_clock_gettime, SVC_CLOCK_GETTIME, SYS_clock_gettime)
SERVED(__vdso_gettimeofday, SVC_GETTIMEOFDAY, SYS_gettimeofday)
SERVED(__vdso_clock_getres, SVC_CLOCK_GETRES, SYS_clock_getres)
SERVED(__vdso_getcpu, SVC_GETCPU, SYS_getcpu)

FUNCTION(__vdso_flush_icache)
    li a7, SYS_riscv_flush_icache
    ecall
    ret
END(__vdso_flush_icache)

FUNCTION(__vdso_rt_sigreturn)
    li a7, SYS_rt_sigreturn
    ecall
END(__vdso_rt_sigreturn)
