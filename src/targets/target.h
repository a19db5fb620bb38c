/*
 * target.h - what a guest ISA provides to the rest of crossrun, as a table of function
 * pointers chosen at run time from the ELF header (no #ifdef per guest). Registry:
 * targets[] in targets/registry.c, NULL-terminated.
 */
#ifndef CROSSRUN_TARGET_H
#define CROSSRUN_TARGET_H

#include <stdio.h>
#include "../common.h"
#include "../translate/exec.h"
#include "../translate/ir.h"

/* A signal frame to build (user mode): see setup_sigframe below. */
struct target_sigframe {
    uint64_t addr;                    /* guest address of the frame (sigframe_size bytes,
                                         16-aligned) */
    int sig;
    const uint8_t *info;              /* the guest siginfo_t, 128 bytes (the host's layout) */
    uint64_t handler;                 /* guest address the handler starts at */
    uint64_t retaddr;                 /* where the handler returns: the sigreturn trampoline */
    uint64_t mask;                    /* signal mask rt_sigreturn restores (uc_sigmask) */
    uint64_t ss_sp, ss_size;          /* uc_stack: the alternate stack at delivery */
    int32_t ss_flags;
};
/* What rt_sigreturn found in a frame besides the registers. */
struct target_sigreturn {
    uint64_t mask;
    uint64_t ss_sp, ss_size;
    int32_t ss_flags;
};

struct target {
    const char *name;                 /* "riscv64" */
    uint16_t elf_machine;             /* EM_RISCV */
    uint8_t elf_class;                /* ELFCLASS64 */
    size_t cpu_size;                  /* sizeof the target CPU struct (embeds struct cpu first) */
    const struct ir_global *globals;  /* guest registers the IR may cache */
    unsigned nglobals;
    /* Sets up a fresh CPU (registers zero, FP state default) for the named model ("" = default).
     * Returns false if the model name is unknown. */
    bool (*cpu_init)(struct cpu *cpu, const char *model);
    /* Sets entry PC and stack pointer for a new process. */
    void (*set_entry)(struct cpu *cpu, uint64_t pc, uint64_t sp);
    /* Translates guest code starting at b->pc into b (already ir_init'ed), stopping at a
     * branch, a guest page boundary, or max_insns. Fetch faults become an EXIT_EXCEPTION. */
    void (*translate)(struct ir_block *b, unsigned max_insns);
    /* Disassembles one instruction at pc from insn bytes (avail bytes readable); writes text
     * to buf and returns the instruction length, or 0 if avail is too short. */
    unsigned (*disas)(char *buf, size_t size, uint64_t pc, const uint8_t *insn, size_t avail);
    /* Handles EXIT_SYSCALL: reads number/arguments from registers, runs the syscall, writes
     * the result and advances the PC. */
    void (*syscall)(struct cpu *cpu);
    /* For clone: in the new process or thread, sets the stack pointer to newsp (unless it is
     * 0: the child keeps the parent's) and, if set_tls, the thread pointer to tls. The
     * syscall's result register is written afterwards by the syscall hook. */
    void (*set_clone_regs)(struct cpu *cpu, uint64_t newsp, uint64_t tls, bool set_tls);
    /* Writes the syscall result register (a new thread's clone returns 0 in it). */
    void (*set_syscall_result)(struct cpu *cpu, uint64_t value);
    /* The guest stack pointer (signal frames, sigaltstack). */
    uint64_t (*get_sp)(struct cpu *cpu);
    /* User-mode signal frames (targets/<isa>/signal.c). setup_sigframe writes the frame
     * (siginfo, ucontext with every register and the FP state) at f->addr and points the
     * registers at the handler: pc = handler, sp = frame, return address = f->retaddr,
     * arguments (sig, &info, &uc). False if guest memory could not be written (nothing is
     * changed then). restore_sigframe undoes it from the frame at sp for rt_sigreturn: false
     * for an unreadable or malformed frame (registers are then unspecified). */
    size_t sigframe_size;
    bool (*setup_sigframe)(struct cpu *cpu, const struct target_sigframe *f);
    bool (*restore_sigframe)(struct cpu *cpu, struct target_sigreturn *out);
    /* Code of the sigreturn trampoline (the vDSO page's: rt_sigreturn through a syscall). */
    const uint8_t *sigreturn_code;
    size_t sigreturn_code_size;
    /* The guest vDSO (user mode), or NULL: an ELF shared object built with the cross
     * toolchain with crossrun (targets/<isa>/vdso/, embedded by tools/bin2c), which
     * loader/vdso.c maps into every process and announces with AT_SYSINFO_EHDR. Signal
     * handlers return through its symbol vdso_sigreturn (then sigreturn_code is unused). */
    const uint8_t *vdso_image;
    const size_t *vdso_image_size;    /* a pointer: the size is known only where the bytes are */
    const char *vdso_sigreturn;
    /* Prints the guest registers (-d cpu and crash reports). */
    void (*dump_regs)(struct cpu *cpu, FILE *out);
    /* Names of -cpu models, NULL-terminated, for -cpu help. */
    const char *const *cpu_models;
    /* ELF auxv values */
    uint64_t (*hwcap)(struct cpu *cpu);
    const char *platform;             /* AT_PLATFORM string or NULL */
    uint64_t stack_align;             /* 16 */
};

extern const struct target *const targets[];
const struct target *target_by_elf_machine(uint16_t machine);
const struct target *target_by_name(const char *name);

#endif
