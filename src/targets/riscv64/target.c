/*
 * target.c - the riscv64 guest as a struct target: CPU state set-up, the IR globals
 * (x1..x31 and f0..f31 with their ABI names), the translator and disassembler hooks, the
 * Linux syscall convention (number in a7, arguments a0..a5, result in a0, ecall PC + 4),
 * the signal frame hooks (signal.c), the vDSO image (vdso/) and the auxv facts.
 */
#include <elf.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>
#include "../../syscalls/syscall.h"
#include "../target.h"
#include "decode.h"
#include "signal.h"
#include "translate.h"

/* XP: an integer register with its pin_rank, the order of how often guest code reads and
 * writes them (counted with the IR interpreter over the benchmark suite: sort, hash, interp,
 * recurse, Lua, SQLite, xz); the backend keeps the first few in host registers across blocks. */
#define XP(i, n, rank) [RV_GLOBAL_X(i)] = { .name = n, .offset = offsetof(struct rv64_cpu, x[i]), \
                                            .type = IR_I64, .pin_rank = rank }
#define XG(i, n) XP(i, n, 0)
#define FG(i, n) [RV_GLOBAL_F(i)] = { .name = n, .offset = offsetof(struct rv64_cpu, f[i]), .type = IR_I64 }

static const struct ir_global rv64_globals[RV_NGLOBALS] = {
    XP(1, "ra", 12), XP(2, "sp", 4), XG(3, "gp"), XG(4, "tp"), XG(5, "t0"), XG(6, "t1"),
    XG(7, "t2"), XP(8, "s0", 8), XP(9, "s1", 9), XP(10, "a0", 3), XP(11, "a1", 7),
    XP(12, "a2", 6), XP(13, "a3", 5), XP(14, "a4", 2), XP(15, "a5", 1), XP(16, "a6", 10),
    XG(17, "a7"), XP(18, "s2", 11), XG(19, "s3"),
    XG(20, "s4"), XG(21, "s5"), XG(22, "s6"), XG(23, "s7"), XG(24, "s8"), XG(25, "s9"),
    XG(26, "s10"), XG(27, "s11"), XG(28, "t3"), XG(29, "t4"), XG(30, "t5"), XG(31, "t6"),
    FG(0, "ft0"), FG(1, "ft1"), FG(2, "ft2"), FG(3, "ft3"), FG(4, "ft4"), FG(5, "ft5"),
    FG(6, "ft6"), FG(7, "ft7"), FG(8, "fs0"), FG(9, "fs1"), FG(10, "fa0"), FG(11, "fa1"),
    FG(12, "fa2"), FG(13, "fa3"), FG(14, "fa4"), FG(15, "fa5"), FG(16, "fa6"), FG(17, "fa7"),
    FG(18, "fs2"), FG(19, "fs3"), FG(20, "fs4"), FG(21, "fs5"), FG(22, "fs6"), FG(23, "fs7"),
    FG(24, "fs8"), FG(25, "fs9"), FG(26, "fs10"), FG(27, "fs11"), FG(28, "ft8"), FG(29, "ft9"),
    FG(30, "ft10"), FG(31, "ft11"),
};
#undef XG
#undef XP
#undef FG
_Static_assert(ARRAY_SIZE(rv64_globals) == RV_NGLOBALS, "one IR global per x1..x31, f0..f31");

/* -cpu models: all the same RV64GC + Zba/Zbb/Zbs/Zicond CPU */
static const char *const rv64_models[] = { "rv64", "any", NULL };

static bool rv64_cpu_init(struct cpu *cpu, const char *model)
{
    bool known = model == NULL || model[0] == 0;
    for (const char *const *m = rv64_models; *m && !known; m++)
        known = strcmp(*m, model) == 0;
    if (!known)
        return false;
    struct rv64_cpu *rv = rv64(cpu);
    memset(rv->x, 0, sizeof(rv->x));
    memset(rv->f, 0, sizeof(rv->f));
    rv64_set_fcsr(rv, 0, RV_RM_RNE);        /* also the FP environment of inline FP code */
    rv->res_addr = RV_NO_RESERVATION;
    rv->res_val = 0;
    rv->res_size = 0;
    return true;
}

/* Linux starts a process with every register but sp zero; glibc's _start takes a0 as the
 * rtld_fini pointer (0: none). */
static void rv64_set_entry(struct cpu *cpu, uint64_t pc, uint64_t sp)
{
    struct rv64_cpu *rv = rv64(cpu);
    cpu->pc = pc;
    rv->x[2] = sp;
    rv->x[10] = 0;
}

/* The PC is advanced before the call, so state copied or saved by the syscall (clone's
 * child, a signal frame) resumes after the ecall. SYSCALL_RESTART puts it back on the ecall
 * with a0..a7 untouched; SYSCALL_NO_RESULT (rt_sigreturn) leaves every register alone. */
static void rv64_syscall(struct cpu *cpu)
{
    struct rv64_cpu *rv = rv64(cpu);
    cpu->pc += 4;
    int64_t r = do_syscall(cpu, rv->x[17], rv->x[10], rv->x[11], rv->x[12], rv->x[13],
                           rv->x[14], rv->x[15]);
    if (r == SYSCALL_RESTART)
        cpu->pc -= 4;
    else if (r != SYSCALL_NO_RESULT)
        rv->x[10] = (uint64_t)r;
}

static void rv64_set_syscall_result(struct cpu *cpu, uint64_t value)
{
    rv64(cpu)->x[10] = value;
}

static uint64_t rv64_get_sp(struct cpu *cpu)
{
    return rv64(cpu)->x[2];
}

/* clone's child: sp is x2, the thread pointer (TLS) is tp = x4. */
static void rv64_set_clone_regs(struct cpu *cpu, uint64_t newsp, uint64_t tls, bool set_tls)
{
    struct rv64_cpu *rv = rv64(cpu);
    if (newsp)
        rv->x[2] = newsp;
    if (set_tls)
        rv->x[4] = tls;
}

static void rv64_dump_regs(struct cpu *cpu, FILE *out)
{
    struct rv64_cpu *rv = rv64(cpu);
    fprintf(out, "pc       %016" PRIx64 "\n", cpu->pc);
    for (unsigned i = 0; i < 32; i++)
        fprintf(out, "x%-2u/%-4s %016" PRIx64 "%s", i, rv_xreg_name[i], rv->x[i],
                i % 4 == 3 ? "\n" : " ");
    for (unsigned i = 0; i < 32; i++)
        fprintf(out, "f%-2u/%-4s %016" PRIx64 "%s", i, rv_freg_name[i], rv->f[i],
                i % 4 == 3 ? "\n" : " ");
    uint32_t fflags = rv64_fflags(rv);
    fprintf(out, "fcsr     %08x (frm %u, fflags %#x)\n", (rv->frm & 7) << 5 | fflags, rv->frm,
            fflags);
}

/* AT_HWCAP as Linux riscv reports it: bit (letter - 'a') for each single-letter extension. */
static uint64_t rv64_hwcap(struct cpu *cpu)
{
    static const char letters[] = "imafdc";
    uint64_t caps = 0;
    for (const char *l = letters; *l; l++)
        caps |= 1ull << (*l - 'a');
    return caps;
}

/* The vDSO image: src/targets/riscv64/vdso/ built with the cross toolchain, turned into
 * build/gen/riscv64_vdso.c by tools/bin2c (see the Makefile). */
extern const uint8_t rv64_vdso_image[];
extern const size_t rv64_vdso_image_size;

const struct target target_riscv64 = {
    .name = "riscv64",
    .elf_machine = EM_RISCV,
    .elf_class = ELFCLASS64,
    .cpu_size = sizeof(struct rv64_cpu),
    .globals = rv64_globals,
    .nglobals = RV_NGLOBALS,
    .cpu_init = rv64_cpu_init,
    .set_entry = rv64_set_entry,
    .translate = rv_translate,
    .disas = rv_disas,
    .syscall = rv64_syscall,
    .set_clone_regs = rv64_set_clone_regs,
    .set_syscall_result = rv64_set_syscall_result,
    .get_sp = rv64_get_sp,
    .sigframe_size = RV64_SIGFRAME_SIZE,
    .setup_sigframe = rv64_setup_sigframe,
    .restore_sigframe = rv64_restore_sigframe,
    .sigreturn_code = rv64_sigreturn_code,
    .sigreturn_code_size = RV64_SIGRETURN_CODE_SIZE,
    .vdso_image = rv64_vdso_image,
    .vdso_image_size = &rv64_vdso_image_size,
    .vdso_sigreturn = "__vdso_rt_sigreturn",
    .dump_regs = rv64_dump_regs,
    .cpu_models = rv64_models,
    .hwcap = rv64_hwcap,
    .platform = NULL,
    .stack_align = 16,
};
