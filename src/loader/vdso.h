/*
 * vdso.h - the guest vDSO in user mode: a small ELF shared object per target, built with the
 * cross toolchain when crossrun is built (src/targets/<isa>/vdso/), embedded in crossrun
 * (tools/bin2c), mapped into every guest process at start-up as "[vdso]" and announced
 * with AT_SYSINFO_EHDR, exactly as Linux does. Its time functions run without a system call:
 * they execute crossrun service instructions, which the translator turns into a call of
 * vdso_service() only inside the "[vdso]" mapping.
 */
#ifndef CROSSRUN_VDSO_H
#define CROSSRUN_VDSO_H

#include "../common.h"

struct target;
struct cpu;

/* What a service instruction asks for (its number is part of the instruction encoding and
 * of the vDSO code: src/targets/riscv64/vdso/vdso.S uses the same values). */
enum vdso_service {
    VDSO_SVC_CLOCK_GETTIME = 1,   /* (clockid, struct timespec *) */
    VDSO_SVC_GETTIMEOFDAY  = 2,   /* (struct timeval *, struct timezone *) */
    VDSO_SVC_CLOCK_GETRES  = 3,   /* (clockid, struct timespec *) */
    VDSO_SVC_GETCPU        = 4,   /* (unsigned *cpu, unsigned *node) */
};
/* vdso_service's result: 0 when it did the whole call (the function returns 0), else this:
 * the vDSO function must make the system call instead (unsupported clock, bad pointer). */
#define VDSO_FALLBACK 1

/* The vDSO of this process (0s when the target has none). Set once at start-up. */
struct guest_vdso {
    uint64_t base;        /* guest address of the image (AT_SYSINFO_EHDR) */
    uint64_t size;        /* bytes mapped (page-aligned) */
    uint64_t sigreturn;   /* guest address of the target's sigreturn trampoline symbol */
};
extern struct guest_vdso guest_vdso;

/* Maps t's vDSO image into guest memory (anywhere a non-fixed mmap puts it, read + execute,
 * named "[vdso]"), fills guest_vdso and returns the base; 0 if t has no vDSO. Fatal if guest
 * memory has no room; a malformed built-in image is an emulator bug (panic). */
uint64_t vdso_map(const struct target *t);

/* True if guest address pc lies in the "[vdso]" mapping (where service instructions are
 * legal). Takes the guest memory lock: for translation time, not for hot paths. */
bool vdso_contains(uint64_t pc);

/* Finds the dynamic symbol name in an ELF64 little-endian shared object held in memory and
 * sets *value to its st_value (the address relative to the load address). False if there is
 * no such defined symbol or the image is malformed; never reads outside [image, image+size). */
bool vdso_image_symbol(const uint8_t *image, size_t size, const char *name, uint64_t *value);

/* The host side of a service instruction, as an IR helper (full-sync: guest state exact,
 * guest memory written with copy_to_guest). service is enum vdso_service; arg0/arg1 are
 * the instruction's two source registers. Returns 0 or VDSO_FALLBACK (see above). */
uint64_t vdso_service(struct cpu *cpu, uint64_t service, uint64_t arg0, uint64_t arg1,
                      uint64_t unused);

#endif
