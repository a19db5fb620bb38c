/*
 * signal.c - the riscv64 Linux signal frame (user mode): what the kernel's setup_rt_frame
 * writes on the guest stack before a handler runs, and what rt_sigreturn reads back.
 *
 * Layout (arch/riscv: struct rt_sigframe { siginfo_t info; struct ucontext uc; }), checked
 * against glibc's ucontext_t for riscv64 (sizeof 960, uc_mcontext at 176):
 *     0  siginfo_t info                      128 bytes
 *   128  uc_flags (0), uc_link (0)           8 + 8
 *   144  uc_stack { ss_sp, ss_flags, ss_size } 24
 *   168  uc_sigmask (8) + padding to 128 bytes (the kernel's __unused, glibc's sigset_t)
 *   304  uc_mcontext (aligned 16): sc_regs = pc, x1..x31 (32 x u64)
 *   560  sc_fpregs: f0..f31 (u64 each), fcsr (u32) at +256, the rest of the Q-sized union
 *        (528 bytes) zero; +516 is the "reserved" word rt_sigreturn requires to be zero and
 *        +520 the END context header (magic 0, size 0) of kernels with vector support.
 *  1088  end (16-aligned)
 * The handler is entered with a0 = sig, a1 = &info, a2 = &uc, sp = frame, ra = the
 * trampoline (riscv64 glibc has no SA_RESTORER: Linux returns through the vDSO's
 * __vdso_rt_sigreturn, which is this code in crossrun's vDSO too: targets/riscv64/vdso/).
 */
#include <stddef.h>
#include <string.h>
#include "../../loader/guest_mem.h"
#include "../target.h"
#include "cpu.h"
#include "signal.h"

#define FRAME_INFO        0
#define FRAME_UC          128
#define UC_FLAGS          (FRAME_UC + 0)
#define UC_LINK           (FRAME_UC + 8)
#define UC_STACK          (FRAME_UC + 16)
#define UC_SIGMASK        (FRAME_UC + 40)
#define UC_MCONTEXT       (FRAME_UC + 176)
#define MC_REGS           UC_MCONTEXT                /* pc, x1..x31 */
#define MC_FP             (UC_MCONTEXT + 256)        /* f0..f31 */
#define MC_FCSR           (MC_FP + 256)
#define MC_FP_RESERVED    (MC_FP + 516)
#define RV_SIGFRAME_SIZE  (MC_FP + 528)
_Static_assert(RV_SIGFRAME_SIZE == RV64_SIGFRAME_SIZE && RV_SIGFRAME_SIZE % 16 == 0,
               "riscv64 rt_sigframe");

static inline void put64(uint8_t *f, size_t off, uint64_t v) { memcpy(f + off, &v, 8); }
static inline void put32(uint8_t *f, size_t off, uint32_t v) { memcpy(f + off, &v, 4); }

static inline uint64_t get64(const uint8_t *f, size_t off)
{
    uint64_t v;
    memcpy(&v, f + off, 8);
    return v;
}

static inline uint32_t get32(const uint8_t *f, size_t off)
{
    uint32_t v;
    memcpy(&v, f + off, 4);
    return v;
}

bool rv64_setup_sigframe(struct cpu *cpu, const struct target_sigframe *sf)
{
    struct rv64_cpu *rv = rv64(cpu);
    uint8_t f[RV_SIGFRAME_SIZE];
    memset(f, 0, sizeof(f));
    memcpy(f + FRAME_INFO, sf->info, 128);
    put64(f, UC_FLAGS, 0);
    put64(f, UC_LINK, 0);
    put64(f, UC_STACK, sf->ss_sp);
    put32(f, UC_STACK + 8, (uint32_t)sf->ss_flags);
    put64(f, UC_STACK + 16, sf->ss_size);
    put64(f, UC_SIGMASK, sf->mask);
    put64(f, MC_REGS, cpu->pc);
    for (unsigned i = 1; i < 32; i++)
        put64(f, MC_REGS + 8 * i, rv->x[i]);
    for (unsigned i = 0; i < 32; i++)
        put64(f, MC_FP + 8 * i, rv->f[i]);
    put32(f, MC_FCSR, (rv->frm & 7) << 5 | rv64_fflags(rv));
    if (copy_to_guest(sf->addr, f, sizeof(f)))
        return false;
    rv->x[1] = sf->retaddr;
    rv->x[2] = sf->addr;
    rv->x[10] = (uint64_t)sf->sig;
    rv->x[11] = sf->addr + FRAME_INFO;
    rv->x[12] = sf->addr + FRAME_UC;
    cpu->pc = sf->handler;
    rv->res_addr = RV_NO_RESERVATION;   /* a trap clears the LR reservation */
    return true;
}

bool rv64_restore_sigframe(struct cpu *cpu, struct target_sigreturn *out)
{
    struct rv64_cpu *rv = rv64(cpu);
    uint8_t f[RV_SIGFRAME_SIZE];
    if (copy_from_guest(f, rv->x[2], sizeof(f)))
        return false;
    if (get32(f, MC_FP_RESERVED) != 0)
        return false;       /* Linux: reserved space must be zero */
    out->mask = get64(f, UC_SIGMASK);
    out->ss_sp = get64(f, UC_STACK);
    out->ss_flags = (int32_t)get32(f, UC_STACK + 8);
    out->ss_size = get64(f, UC_STACK + 16);
    cpu->pc = get64(f, MC_REGS);
    for (unsigned i = 1; i < 32; i++)
        rv->x[i] = get64(f, MC_REGS + 8 * i);
    for (unsigned i = 0; i < 32; i++)
        rv->f[i] = get64(f, MC_FP + 8 * i);
    uint32_t fcsr = get32(f, MC_FCSR);
    rv64_set_fcsr(rv, fcsr & 0x1f, (fcsr >> 5) & 7);   /* and the inline FP environment */
    rv->res_addr = RV_NO_RESERVATION;
    return true;
}

/* li a7, 139 (addi a7, zero, 139); ecall */
const uint8_t rv64_sigreturn_code[RV64_SIGRETURN_CODE_SIZE] = {
    0x93, 0x08, 0xb0, 0x08,     /* 0x08b00893 */
    0x73, 0x00, 0x00, 0x00,     /* 0x00000073 */
};
