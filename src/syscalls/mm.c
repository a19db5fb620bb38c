/*
 * mm.c - memory syscalls. The guest address space itself is guest_mem.c's: these handlers
 * check what only the syscall layer knows (reserved fds, the guest ABI) and pass the rest
 * to the guest_mmap family, whose results are already guest addresses or -errno. Calls that
 * act on host memory (msync, mlock) get a range check and g2h like every other pointer.
 */
#include <sys/mman.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"

#define GUEST_MAP_ANONYMOUS 0x20
#define GUEST_RISCV_FLUSH_ICACHE_LOCAL 1

static void no_code_flush(void)
{
}
void (*guest_code_flush)(void) = no_code_flush;

int64_t sys_brk(struct cpu *cpu, const uint64_t a[6])
{
    return (int64_t)guest_brk(a[0]);
}

int64_t sys_mmap(struct cpu *cpu, const uint64_t a[6])
{
    int flags = (int)a[3], fd = (int)a[4];
    if (!(flags & GUEST_MAP_ANONYMOUS) && check_fd(fd))
        return -EBADF;
    return guest_mmap(a[0], a[1], (int)a[2], flags, fd, a[5]);
}

int64_t sys_munmap(struct cpu *cpu, const uint64_t a[6])
{
    return guest_munmap(a[0], a[1]);
}

int64_t sys_mprotect(struct cpu *cpu, const uint64_t a[6])
{
    return guest_mprotect(a[0], a[1], (int)a[2]);
}

int64_t sys_mremap(struct cpu *cpu, const uint64_t a[6])
{
    return guest_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

int64_t sys_madvise(struct cpu *cpu, const uint64_t a[6])
{
    return guest_madvise(a[0], a[1], (int)a[2]);
}

/* MS_* values agree between asm-generic and x86_64. */
int64_t sys_msync(struct cpu *cpu, const uint64_t a[6])
{
    void *p = guest_buf(a[0], a[1]);
    if (!p)
        return -ENOMEM;     /* what Linux says for a range outside the address space */
    return host_result(msync(p, a[1], (int)a[2]));
}

int64_t sys_mlock(struct cpu *cpu, const uint64_t a[6])
{
    void *p = guest_buf(a[0], a[1]);
    if (!p)
        return -ENOMEM;
    return host_result(mlock(p, a[1]));
}

int64_t sys_munlock(struct cpu *cpu, const uint64_t a[6])
{
    void *p = guest_buf(a[0], a[1]);
    if (!p)
        return -ENOMEM;
    return host_result(munlock(p, a[1]));
}

/* riscv_flush_icache(start, end, flags): drops the translations of [start, end) only.
 *
 * Why the range is trusted although Linux ignores it: the syscall is defined over the range
 * (the kernel's uapi asm/syscalls.h: "defined to flush the instruction cache over an address
 * range ... We don't currently do anything with the address range, that's just in there for
 * forwards compatibility"; man 3 __riscv_flush_icache: "The range of addresses over which
 * ordering is enforced is specified by start and end"), so a program that flushes less than
 * it modified is already wrong by the interface, and would break on any kernel that starts
 * using the range. The callers that matter pass the exact modified range: gcc's
 * __builtin___clear_cache(b, e) calls glibc's __riscv_flush_icache(b, e, 0), which makes
 * this syscall with the same range (our vDSO has no flush_icache), and V8's riscv port
 * (CpuFeatures::FlushICache) makes it with the range it wrote. Dropping every translation
 * for each of the thousands of flushes a JIT makes would retranslate the whole program
 * each time.
 * An empty or inverted range (start >= end, such as 0, 0), which names nothing to order,
 * and a range covering the whole guest space keep the full flush: a caller passing those
 * can only mean "everything", which is what Linux does. SYS_RISCV_FLUSH_ICACHE_LOCAL
 * changes nothing here: translations are shared by every thread. */
int64_t sys_riscv_flush_icache(struct cpu *cpu, const uint64_t a[6])
{
    if (!guest_abi(cpu)->riscv_syscalls)
        return -ENOSYS;
    if (a[2] & ~(uint64_t)GUEST_RISCV_FLUSH_ICACHE_LOCAL)
        return -EINVAL;
    uint64_t start = a[0], end = a[1];
    if (start >= end || (start == 0 && end >= GUEST_SPACE))
        guest_code_flush();
    else
        guest_code_invalidate(start, end - start);
    return 0;
}

/* mlock2(addr, len, flags): MLOCK_ONFAULT is the generic 1; the host validates flags. */
int64_t sys_mlock2(struct cpu *cpu, const uint64_t a[6])
{
    void *p = guest_buf(a[0], a[1]);
    if (!p)
        return -ENOMEM;
    return host_result(syscall(__NR_mlock2, p, (size_t)a[1], (unsigned)a[2]));
}

#define GUEST_MCL_CURRENT 1
#define GUEST_MCL_FUTURE  2
#define GUEST_MCL_ONFAULT 4

/* mlockall locks the guest's mappings, not crossrun's whole address space (whose guest
 * reservation alone is far past any RLIMIT_MEMLOCK). MCL_FUTURE is accepted but not
 * applied to later guest mappings. */
int64_t sys_mlockall(struct cpu *cpu, const uint64_t a[6])
{
    uint64_t flags = a[0];
    if (!flags || (flags & ~(uint64_t)(GUEST_MCL_CURRENT | GUEST_MCL_FUTURE | GUEST_MCL_ONFAULT)) ||
        flags == GUEST_MCL_ONFAULT)
        return -EINVAL;
    if (flags & GUEST_MCL_FUTURE)
        report_unimp_once("mlockall", GUEST_MCL_FUTURE,
                          "mlockall(MCL_FUTURE): later guest mappings are not locked");
    if (!(flags & GUEST_MCL_CURRENT))
        return 0;
    unsigned lock_flags = (flags & GUEST_MCL_ONFAULT) ? 1 /* MLOCK_ONFAULT */ : 0;
    struct guest_vma v;
    for (uint64_t at = 0; guest_vma_next(at, &v); at = v.end) {
        if (v.prot == 0)
            continue;       /* PROT_NONE guard pages: Linux skips what it cannot populate */
        if (syscall(__NR_mlock2, g2h(v.start), (size_t)(v.end - v.start), lock_flags) < 0)
            return -errno;
    }
    return 0;
}

int64_t sys_munlockall(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(munlockall());    /* crossrun locks nothing of its own */
}
