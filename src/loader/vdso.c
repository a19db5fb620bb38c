/*
 * vdso.c - the guest vDSO (user mode): mapping the target's built-in image into a new
 * process, finding symbols in it, and the host side of its service instructions.
 *
 * The image (targets/<isa>/vdso/, linked by its vdso.lds) is one read+execute PT_LOAD
 * segment at file offset 0 and address 0 with no relocations, so loading it is copying its
 * bytes to a page-aligned guest address: the guest's dynamic linker finds its symbols and
 * version tables there, relative to that base. It is mapped after the program, the
 * interpreter and the stack, wherever a non-fixed mmap puts it (top-down), as Linux maps its
 * vDSO after the ELF; the mapping is named "[vdso]". Signal handlers return through the
 * target's sigreturn symbol in it (guest_vdso.sigreturn, used by syscalls/signal.c).
 *
 * Services: the vDSO's clock_gettime, gettimeofday, clock_getres and getcpu execute a
 * service instruction (legal only inside "[vdso]": vdso_contains), which calls vdso_service
 * as a full-sync IR helper. It serves what Linux's vDSO serves without entering the kernel
 * (the real-time, monotonic, raw, coarse, boot-time and TAI clocks) from the host's own
 * vDSO-backed calls, writes the guest's structs (put_guest) and returns 0. Anything else
 * (CPU-time and dynamic clocks, a pointer to memory that is not writable, a timezone request)
 * returns VDSO_FALLBACK and the guest code makes the real system call, so results and errors
 * are exactly the syscall layer's. Guest struct layouts: timespec and timeval are two
 * 64-bit words and getcpu's results 32-bit unsigneds on every 64-bit Linux guest.
 */
#include <elf.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "guest_mem.h"
#include "vdso.h"
#include "../targets/target.h"

struct guest_vdso guest_vdso;

/* ---- the image */

static bool read_at(const uint8_t *image, size_t size, uint64_t off, void *dst, size_t n)
{
    if (off > size || n > size - off)
        return false;
    memcpy(dst, image + off, n);
    return true;
}

bool vdso_image_symbol(const uint8_t *image, size_t size, const char *name, uint64_t *value)
{
    Elf64_Ehdr eh;
    if (!read_at(image, size, 0, &eh, sizeof(eh)) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
        eh.e_shentsize != sizeof(Elf64_Shdr))
        return false;
    size_t name_len = strlen(name);
    for (unsigned i = 0; i < eh.e_shnum; i++) {
        Elf64_Shdr sym_sh, str_sh;
        if (!read_at(image, size, eh.e_shoff + (uint64_t)i * sizeof(sym_sh), &sym_sh, sizeof(sym_sh)))
            return false;
        if (sym_sh.sh_type != SHT_DYNSYM)
            continue;
        if (sym_sh.sh_link >= eh.e_shnum ||
            !read_at(image, size, eh.e_shoff + (uint64_t)sym_sh.sh_link * sizeof(str_sh), &str_sh,
                     sizeof(str_sh)) ||
            str_sh.sh_offset > size || str_sh.sh_size > size - str_sh.sh_offset)
            return false;
        uint64_t count = sym_sh.sh_size / sizeof(Elf64_Sym);
        for (uint64_t k = 1; k < count; k++) {
            Elf64_Sym s;
            if (!read_at(image, size, sym_sh.sh_offset + k * sizeof(s), &s, sizeof(s)))
                return false;
            if (s.st_shndx == SHN_UNDEF || s.st_name >= str_sh.sh_size ||
                str_sh.sh_size - s.st_name <= name_len)
                continue;
            const char *sname = (const char *)image + str_sh.sh_offset + s.st_name;
            if (memcmp(sname, name, name_len + 1) == 0) {
                *value = s.st_value;
                return true;
            }
        }
    }
    return false;
}

uint64_t vdso_map(const struct target *t)
{
    if (!t->vdso_image)
        return 0;
    const uint8_t *image = t->vdso_image;
    size_t size = *t->vdso_image_size;
    uint64_t sigreturn = 0;
    if (t->vdso_sigreturn && !vdso_image_symbol(image, size, t->vdso_sigreturn, &sigreturn))
        panic("%s vDSO: no symbol %s", t->name, t->vdso_sigreturn);
    if (sigreturn >= size)
        panic("%s vDSO: %s outside the image", t->name, t->vdso_sigreturn);

    uint64_t len = ALIGN_UP((uint64_t)size, GUEST_PAGE_SIZE);
    int64_t a = guest_mmap(0, len, GPROT_READ | GPROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a < 0)
        fatal(EXIT_STATUS_INTERNAL, "cannot map the guest vDSO: %s", strerror((int)-a));
    uint64_t base = (uint64_t)a;
    if (copy_to_guest(base, image, size) != 0 ||
        guest_mprotect(base, len, GPROT_READ | GPROT_EXEC) != 0)
        panic("cannot fill the guest vDSO at %#llx", (unsigned long long)base);
    guest_vma_set_name(base, "[vdso]");
    guest_vdso = (struct guest_vdso){
        .base = base, .size = len, .sigreturn = t->vdso_sigreturn ? base + sigreturn : 0,
    };
    return base;
}

bool vdso_contains(uint64_t pc)
{
    struct guest_vma v;
    return guest_vma_next(pc, &v) && v.start <= pc && strcmp(v.name, "[vdso]") == 0;
}

/* ---- services */

/* The clocks Linux's generic vDSO reads without entering the kernel. */
static bool vdso_clock(clockid_t clk)
{
    switch (clk) {
    case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
    case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
    case CLOCK_TAI:
        return true;
    default:
        return false;
    }
}

/* Stores n bytes (at most a page) at guest address ga as the vDSO's own store would: false,
 * having written nothing, unless every page they touch is writable. This runs on every
 * clock read, so it checks the lock-free page table rather than taking the guest memory lock
 * as copy_to_guest does (as the atomics' helpers do). If another thread unmaps or protects
 * the page between the check and the store, the store faults and the dispatcher's recovery
 * point turns that into a SIGSEGV at the service instruction, with the state exact (a
 * full-sync helper): what Linux gives when its vDSO's store faults. */
static bool put_guest(uint64_t ga, const void *src, size_t n)
{
    if (!guest_range_valid(ga, n) || !(guest_page_prot(ga) & GPROT_WRITE) ||
        !(guest_page_prot(ga + n - 1) & GPROT_WRITE))
        return false;
    memcpy(g2h(ga), src, n);
    return true;
}

static uint64_t put_timespec(uint64_t ga, const struct timespec *ts)
{
    int64_t g[2] = { ts->tv_sec, ts->tv_nsec };
    return put_guest(ga, g, sizeof(g)) ? 0 : VDSO_FALLBACK;
}

static uint64_t svc_clock_gettime(clockid_t clk, uint64_t ts_addr)
{
    struct timespec ts;
    if (!vdso_clock(clk) || clock_gettime(clk, &ts) != 0)
        return VDSO_FALLBACK;
    return put_timespec(ts_addr, &ts);
}

static uint64_t svc_clock_getres(clockid_t clk, uint64_t res_addr)
{
    struct timespec res;
    if (!vdso_clock(clk) || clock_getres(clk, &res) != 0)
        return VDSO_FALLBACK;
    return res_addr ? put_timespec(res_addr, &res) : 0;
}

/* The timezone is the kernel's (settimeofday's): only the syscall reports it. */
static uint64_t svc_gettimeofday(uint64_t tv_addr, uint64_t tz_addr)
{
    if (tz_addr)
        return VDSO_FALLBACK;
    if (!tv_addr)
        return 0;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return VDSO_FALLBACK;
    int64_t g[2] = { ts.tv_sec, ts.tv_nsec / 1000 };
    return put_guest(tv_addr, g, sizeof(g)) ? 0 : VDSO_FALLBACK;
}

static uint64_t svc_getcpu(uint64_t cpu_addr, uint64_t node_addr)
{
    unsigned cpu, node;
    if (getcpu(&cpu, &node) != 0)
        return VDSO_FALLBACK;
    if ((cpu_addr && !put_guest(cpu_addr, &cpu, sizeof(cpu))) ||
        (node_addr && !put_guest(node_addr, &node, sizeof(node))))
        return VDSO_FALLBACK;
    return 0;
}

uint64_t vdso_service(struct cpu *cpu, uint64_t service, uint64_t arg0, uint64_t arg1,
                      uint64_t unused)
{
    (void)cpu;
    (void)unused;
    switch (service) {
    case VDSO_SVC_CLOCK_GETTIME:
        return svc_clock_gettime((clockid_t)arg0, arg1);   /* the kernel reads an int */
    case VDSO_SVC_GETTIMEOFDAY:
        return svc_gettimeofday(arg0, arg1);
    case VDSO_SVC_CLOCK_GETRES:
        return svc_clock_getres((clockid_t)arg0, arg1);
    case VDSO_SVC_GETCPU:
        return svc_getcpu(arg0, arg1);
    default:
        return VDSO_FALLBACK;
    }
}
