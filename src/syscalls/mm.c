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

/* riscv_flush_icache(start, end, flags): the range is ignored (as by Linux); every
 * translation is dropped, which is always correct. */
int64_t sys_riscv_flush_icache(struct cpu *cpu, const uint64_t a[6])
{
    if (!guest_abi(cpu)->riscv_syscalls)
        return -ENOSYS;
    if (a[2] & ~(uint64_t)GUEST_RISCV_FLUSH_ICACHE_LOCAL)
        return -EINVAL;
    guest_code_flush();
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
