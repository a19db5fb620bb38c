/*
 * guest_mem.h - the guest address space in user mode. The whole guest space is one
 * reservation of GUEST_SPACE bytes of host address space (PROT_NONE until mapped);
 * guest address g lives at host address guest_base + g. Guest mappings are only ever made
 * inside it with MAP_FIXED, and guest munmap puts PROT_NONE back rather than unmapping, so
 * no guest address, mapping or syscall can reach emulator memory or the code cache.
 * Host pages are never executable: guest PROT_EXEC is tracked here in the page table only.
 *
 * GUEST_ADDR_BITS = 38 is the Sv39 user space, what riscv64 Linux hardware gives a process.
 */
#ifndef CROSSRUN_GUEST_MEM_H
#define CROSSRUN_GUEST_MEM_H

#include <sys/types.h>
#include "../common.h"

#define GUEST_ADDR_BITS 38
#define GUEST_SPACE     (1ULL << GUEST_ADDR_BITS)
#define GUEST_PAGE_SIZE 4096ULL
#define GUEST_MIN_ADDR  0x10000ULL   /* like vm.mmap_min_addr: the guest cannot map below */

/* Fixed layout of a user-mode guest (no address randomisation, so runs are reproducible):
 *   [GUEST_STACK_TOP - stack size, GUEST_STACK_TOP)  the initial stack ("[stack]")
 *   below GUEST_MMAP_TOP                              non-fixed mmap, searched top-down
 *   GUEST_ET_DYN_BASE                                 PIE / static-PIE programs (Linux riscv64's
 *                                                     ELF_ET_DYN_BASE: 2/3 of the Sv39 space)
 *   the program's addresses (ET_EXEC) and the heap just above it (brk).
 * The 4 GiB between GUEST_MMAP_TOP and the stack is the stack gap (stack sizes are capped at
 * GUEST_STACK_MAX); the top 64 KiB stay unmapped as a guard. */
#define GUEST_STACK_TOP   (GUEST_SPACE - 0x10000ULL)  /* one past the stack's highest byte */
#define GUEST_STACK_MAX   (1ULL << 30)                /* cap on RLIMIT_STACK for the stack mapping */
#define GUEST_MMAP_TOP    0x3f00000000ULL             /* top-down mmap search starts here */
#define GUEST_ET_DYN_BASE 0x2aaaaaa000ULL             /* load address of a PIE main program */

enum { GPROT_READ = 1, GPROT_WRITE = 2, GPROT_EXEC = 4 }; /* same values as PROT_* */

extern uint8_t *guest_base;

/* Reserves the guest space; exits with a clear message if the host refuses. */
void guest_mem_init(void);
static inline void *g2h(uint64_t ga) { return guest_base + ga; }
static inline uint64_t h2g(const void *p) { return (uint64_t)((const uint8_t *)p - guest_base); }
static inline bool guest_range_valid(uint64_t a, uint64_t len)
{
    return a < GUEST_SPACE && len <= GUEST_SPACE - a;
}
/* True if host address p lies inside the guest reservation. */
static inline bool host_in_guest(uintptr_t p)
{
    return p >= (uintptr_t)guest_base && p - (uintptr_t)guest_base < GUEST_SPACE;
}
/* The reservation extends GUEST_GUARD bytes below guest address 0 and above GUEST_SPACE,
 * never mapped: translated code may access base + displacement with a base it checked to
 * be in [0, GUEST_SPACE) and |displacement| < GUEST_GUARD / 2 without checking the sum, as
 * an out-of-range sum faults in a guard (the guest address is then the wrapped difference). */
#define GUEST_GUARD (64 * 1024ULL)
static inline bool host_in_guest_or_guard(uintptr_t p)
{
    return p - ((uintptr_t)guest_base - GUEST_GUARD) < GUEST_SPACE + 2 * GUEST_GUARD;
}

/* Safe accessors for C code: never crash on unmapped or protected guest memory.
 * Return 0 or -EFAULT (guest errno value, negative). */
int copy_from_guest(void *dst, uint64_t src, size_t n);
int copy_to_guest(uint64_t dst, const void *src, size_t n);
/* Copies a NUL-terminated guest string of at most max bytes (including NUL) into dst.
 * Returns its length, -EFAULT, or -ENAMETOOLONG. */
long copy_string_from_guest(char *dst, uint64_t src, size_t max);
/* True if every page of [a, a+len) is mapped in the guest with all of prot. */
bool guest_access_ok(uint64_t a, uint64_t len, int prot);
/* Guest protection of the page holding a (0 if unmapped). */
int guest_page_prot(uint64_t a);
/* True if the page holding a belongs to a guest mapping, even one with PROT_NONE
 * (lock-free, like guest_page_prot: for telling SEGV_ACCERR from SEGV_MAPERR). */
bool guest_page_mapped(uint64_t a);
/* If a faulting access at fault_addr lies just below a MAP_GROWSDOWN mapping and the mapping
 * may grow to cover it (Linux's rules: no other mapping within the stack guard gap, stack
 * size limit), grows the mapping down to fault_addr's page and returns true: the access can
 * be retried. Otherwise false and nothing changes. */
bool guest_mem_grow_down(uint64_t fault_addr);
/* In a forked child: drops the mappings the parent marked MADV_DONTFORK (their pages become
 * the PROT_NONE reservation again). Call once, single-threaded, right after fork. */
void guest_mem_after_fork_child(void);

/* Guest mmap family with Linux semantics; return guest address / 0 or -errno. flags are
 * Linux MAP_* values (identical on riscv64/aarch64/x86_64 for those we accept). */
int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
int guest_munmap(uint64_t addr, uint64_t len);
int guest_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t guest_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr);
int guest_madvise(uint64_t addr, uint64_t len, int advice);
/* brk: guest_brk_init at load time with the end of the data segment; guest_brk(0) queries. */
void guest_brk_init(uint64_t start);
uint64_t guest_brk(uint64_t new_brk);

/* Called when guest code pages lose PROT_EXEC or are unmapped/replaced: the translations
 * of [a, a+len) must be dropped (set by the dispatcher; default no-op). */
extern void (*guest_code_invalidate)(uint64_t a, uint64_t len);

/* Iterates guest mappings in address order, for /proc/self/maps. */
struct guest_vma {
    uint64_t start, end;
    int prot;
    int flags;             /* MAP_PRIVATE/MAP_SHARED/MAP_ANONYMOUS... */
    uint64_t offset;
    char name[64];         /* file path or "[stack]", "[heap]", "" */
    uint64_t dev, inode;   /* of a file mapping (st_dev, st_ino), 0 for anonymous */
};
bool guest_vma_next(uint64_t from, struct guest_vma *out);
/* Names a mapping after creation ("[stack]", a file path). */
void guest_vma_set_name(uint64_t start, const char *name);

#endif
