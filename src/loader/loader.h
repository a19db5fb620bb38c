/*
 * loader.h - loading a guest ELF program (libelf) into the guest address space and building
 * its initial stack (argv, envp, auxv) as the Linux kernel does for that guest.
 *
 * Errors in the file are the user's to fix: each is one line naming the file and the reason,
 * exit status EXIT_STATUS_NOT_FOUND (127) if it does not exist, else
 * EXIT_STATUS_CANNOT_RUN (126). A malformed file can never crash the loader.
 */
#ifndef CROSSRUN_LOADER_H
#define CROSSRUN_LOADER_H

#include "../common.h"

struct target;
struct cpu;

struct load_info {
    uint64_t entry;        /* program entry (after load bias) */
    uint64_t start_pc;     /* where the guest starts: the interpreter's entry if dynamic */
    uint64_t load_bias;    /* 0 for ET_EXEC */
    uint64_t phdr;         /* guest address of the program headers (AT_PHDR) */
    uint64_t phnum, phent;
    uint64_t interp_base;  /* AT_BASE: load address of the interpreter, 0 if none */
    uint64_t brk_start;    /* end of the highest loadable segment, page-aligned */
    uint64_t stack_top;    /* end of the stack mapping (one past its highest byte) */
    uint64_t sp;           /* initial stack pointer, after setup_stack */
    uint64_t vdso_base;    /* AT_SYSINFO_EHDR: the guest vDSO (loader/vdso.c), 0 if none */
    char interp[4096];     /* PT_INTERP path as in the file ("" if static) */
};

/* Opens path, checks it is an ELF for a supported guest and returns that guest's target.
 * Fatal (126/127) with a clear message otherwise, including "guest aarch64 is not supported
 * yet" for a known but unsupported ISA. */
const struct target *elf_probe(const char *path);
/* Maps the program (and its PT_INTERP interpreter, found under sysroot first when sysroot is
 * non-NULL) into guest memory, sets up brk, the stack mapping and the target's vDSO. Fatal
 * on errors. */
void elf_load(const char *path, const struct target *t, const char *sysroot, struct load_info *li);
/* The same for a program the caller already has open as fd (binfmt_misc's O flag passes
 * one in AT_EXECFD, for programs that are executable but not readable); path names it in
 * messages. The loader works on a duplicate: fd stays open and stays the caller's. fd < 0
 * means "open path", as elf_probe/elf_load do. */
const struct target *elf_probe_fd(int fd, const char *path);
void elf_load_fd(int fd, const char *path, const struct target *t, const char *sysroot,
                 struct load_info *li);
/* Builds argv/envp/auxv on the guest stack; sets li->sp. execfn is AT_EXECFN. Does not set
 * CPU registers: the caller does t->set_entry(cpu, li->start_pc, li->sp). */
void setup_stack(struct load_info *li, const struct target *t, struct cpu *cpu, int argc,
                 char *const argv[], char *const envp[], const char *execfn);

#endif
