/*
 * signal.h - the riscv64 signal frame hooks of struct target (signal.c).
 */
#ifndef CROSSRUN_RV64_SIGNAL_H
#define CROSSRUN_RV64_SIGNAL_H

#include "../target.h"

#define RV64_SIGFRAME_SIZE 1088        /* sizeof(struct rt_sigframe) */
#define RV64_SIGRETURN_CODE_SIZE 8

bool rv64_setup_sigframe(struct cpu *cpu, const struct target_sigframe *f);
bool rv64_restore_sigframe(struct cpu *cpu, struct target_sigreturn *out);
extern const uint8_t rv64_sigreturn_code[RV64_SIGRETURN_CODE_SIZE];

#endif
