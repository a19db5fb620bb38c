/*
 * guest_mem.c - the user-mode guest address space: one PROT_NONE reservation of GUEST_SPACE
 * bytes at guest_base (plus never-mapped guards of GUEST_GUARD bytes on both sides), the record of guest mappings (VMAs), and the guest mmap family, brk
 * and the checked copy functions on top of them.
 *
 * Invariants:
 * - The sorted VMA array is the truth about guest mappings. Every host page of the
 *   reservation either belongs to a VMA and is mapped with host_prot() of its guest prot, or
 *   belongs to no VMA and is a PROT_NONE anonymous NORESERVE page. Every change to the host
 *   side and the matching change to the records happen under mem_lock held for writing, so
 *   readers (copy_*, guest_access_ok, guest_vma_next) see them agree and never fault.
 * - Host pages are never executable. Guest PROT_EXEC is only recorded; a page with any guest
 *   access is host-readable (the translator reads code from it), write implies read.
 * - Guest munmap and every failed host remap put a PROT_NONE reservation back at once:
 *   the reservation never has a hole a host allocation could fall into (see host_move for
 *   the one case that needs care).
 * - A change that can remove guest code (mmap over it, munmap, mprotect, mremap, madvise
 *   zaps, brk) and the invalidation of its translations happen under map_change_lock, taken
 *   before mem_lock: another thread cannot map new code at the freed addresses and jump to it
 *   while the old translations are still there. Translated code never takes it (syscalls
 *   are outside the running region), so the invalidation's exclusive section can wait for
 *   every running thread without deadlock.
 * - prot_table holds one byte per guest page (prot | PT_MAPPED) for guest_page_prot, which
 *   the translator calls per block: it is read without the lock (byte stores are atomic).
 *
 * Addresses are never randomised; the layout constants are in guest_mem.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guest_mem.h"

#define PAGE       GUEST_PAGE_SIZE
#define PAGE_SHIFT 12
#define PT_MAPPED  0x80   /* prot_table: the page belongs to a VMA */
#define GPROT_ALL  (GPROT_READ | GPROT_WRITE | GPROT_EXEC)
#define STACK_GUARD_GAP (256 * PAGE)   /* Linux's default stack_guard_gap */
/* guest_vma.flags bit (not a MAP_* flag we keep): MADV_DONTFORK was given for the range. */
#define VMA_DONTFORK 0x40000000

/* Linux MAP_* values that are not in every libc header. */
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif
#ifndef MAP_UNINITIALIZED
#define MAP_UNINITIALIZED 0x4000000
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#define MAP_TYPE_MASK 0x0f
#define MAP_HUGE_SIZE_MASK (0x3fULL << 26)
/* Flags MAP_SHARED_VALIDATE accepts (others give EOPNOTSUPP, as in Linux). */
#define MAP_KNOWN_FLAGS (MAP_TYPE_MASK | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN |       \
                         MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE |      \
                         MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB |            \
                         MAP_SYNC | MAP_FIXED_NOREPLACE | MAP_UNINITIALIZED |               \
                         (int)MAP_HUGE_SIZE_MASK)

uint8_t *guest_base;
static uint8_t *prot_table;            /* GUEST_SPACE >> PAGE_SHIFT bytes, NORESERVE */

static void invalidate_nothing(uint64_t a, uint64_t len) { (void)a; (void)len; }
void (*guest_code_invalidate)(uint64_t a, uint64_t len) = invalidate_nothing;

static pthread_rwlock_t mem_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t map_change_lock = PTHREAD_MUTEX_INITIALIZER;

/* A fork while another thread changes the mappings must not leave the child's lock held:
 * the child (one thread) starts with it free. Not taken in a prepare handler: the
 * dispatcher's prepare handler holds tb_lock, which an invalidation under this lock needs. */
static void map_change_child(void) { pthread_mutex_init(&map_change_lock, NULL); }
__attribute__((constructor)) static void map_change_atfork(void)
{
    pthread_atfork(NULL, NULL, map_change_child);
}
static struct guest_vma *vmas;         /* sorted by start, non-overlapping */
static size_t nvmas, vmas_cap;
static uint64_t shared_anon_ids;       /* inode numbers for MAP_SHARED|MAP_ANONYMOUS objects */
static uint64_t brk_start, brk_cur;    /* brk_cur is what the guest asked for (unaligned) */

void guest_mem_init(void)
{
    if (guest_base)
        return;
    void *p = mmap(NULL, GUEST_SPACE + 2 * GUEST_GUARD, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        fatal(EXIT_STATUS_INTERNAL,
              "cannot reserve %llu GiB of address space for the guest: %s "
              "(is the virtual memory limit, ulimit -v, too low?)",
              GUEST_SPACE >> 30, strerror(errno));
    void *t = mmap(NULL, GUEST_SPACE >> PAGE_SHIFT, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (t == MAP_FAILED)
        fatal(EXIT_STATUS_INTERNAL, "cannot allocate the guest page table: %s", strerror(errno));
    guest_base = (uint8_t *)p + GUEST_GUARD;
    prot_table = t;
}

/* ---- the VMA records (callers hold mem_lock) */

/* Offsets are meaningful for file mappings and shared anonymous objects. */
static bool tracks_offset(const struct guest_vma *v)
{
    return !(v->flags & MAP_ANONYMOUS) || (v->flags & MAP_SHARED);
}

/* Index of the first VMA that ends above a (nvmas if none). */
static size_t vma_index(uint64_t a)
{
    size_t lo = 0, hi = nvmas;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (vmas[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static struct guest_vma *vma_containing(uint64_t a)
{
    size_t i = vma_index(a);
    return i < nvmas && vmas[i].start <= a ? &vmas[i] : NULL;
}

static bool range_free(uint64_t start, uint64_t end)
{
    size_t i = vma_index(start);
    return i == nvmas || vmas[i].start >= end;
}

static void vma_insert_at(size_t i, const struct guest_vma *v)
{
    if (nvmas == vmas_cap) {
        size_t cap = vmas_cap ? vmas_cap * 2 : 64;
        struct guest_vma *n = realloc(vmas, cap * sizeof(*n));
        if (!n)
            fatal(EXIT_STATUS_INTERNAL, "out of memory for guest mappings");
        vmas = n;
        vmas_cap = cap;
    }
    memmove(&vmas[i + 1], &vmas[i], (nvmas - i) * sizeof(*vmas));
    vmas[i] = *v;
    nvmas++;
}

static void vma_delete(size_t i, size_t count)
{
    if (count == 0)
        return;
    memmove(&vmas[i], &vmas[i + count], (nvmas - i - count) * sizeof(*vmas));
    nvmas -= count;
}

static void prot_table_set(uint64_t start, uint64_t end, uint8_t val)
{
    uint8_t *p = prot_table + (start >> PAGE_SHIFT);
    size_t n = (end - start) >> PAGE_SHIFT;
    if (val == 0 && n >= 4 * PAGE) {
        /* Give whole table pages back instead of writing zeros over them. */
        uint8_t *lo = (uint8_t *)ALIGN_UP((uintptr_t)p, PAGE);
        uint8_t *hi = (uint8_t *)ALIGN_DOWN((uintptr_t)(p + n), PAGE);
        memset(p, 0, lo - p);
        madvise(lo, hi - lo, MADV_DONTNEED);
        memset(hi, 0, p + n - hi);
        return;
    }
    memset(p, val, n);
}

/* Splits the VMA that strictly contains a, if any, at a. */
static void vma_split(uint64_t a)
{
    size_t i = vma_index(a);
    if (i == nvmas || vmas[i].start >= a)
        return;
    struct guest_vma upper = vmas[i];
    upper.start = a;
    if (tracks_offset(&upper))
        upper.offset += a - vmas[i].start;
    vmas[i].end = a;
    vma_insert_at(i + 1, &upper);
}

static bool vma_mergeable(const struct guest_vma *a, const struct guest_vma *b)
{
    return a->end == b->start && a->prot == b->prot && a->flags == b->flags &&
           a->dev == b->dev && a->inode == b->inode && strcmp(a->name, b->name) == 0 &&
           (!tracks_offset(a) || a->offset + (a->end - a->start) == b->offset);
}

/* Merges compatible neighbours among the VMAs touching [start, end]. */
static void vma_merge_range(uint64_t start, uint64_t end)
{
    size_t i = vma_index(start > 0 ? start - 1 : 0);
    while (i + 1 < nvmas && vmas[i].start <= end) {
        if (vma_mergeable(&vmas[i], &vmas[i + 1])) {
            vmas[i].end = vmas[i + 1].end;
            vma_delete(i + 1, 1);
        } else {
            i++;
        }
    }
}

/* Drops the records of [start, end). Returns the union of the removed prots, with
 * PT_MAPPED set if anything was there. Does not touch the host side. */
static int vma_remove_range(uint64_t start, uint64_t end)
{
    vma_split(start);
    vma_split(end);
    size_t i = vma_index(start), j = i;
    int had = 0;
    for (; j < nvmas && vmas[j].start < end; j++) {
        had |= vmas[j].prot | PT_MAPPED;
        prot_table_set(vmas[j].start, vmas[j].end, 0);
    }
    vma_delete(i, j - i);
    return had;
}

/* Records v, whose range must be free. */
static void vma_add(const struct guest_vma *v)
{
    vma_insert_at(vma_index(v->start), v);
    prot_table_set(v->start, v->end, (uint8_t)(v->prot | PT_MAPPED));
    vma_merge_range(v->start, v->end);
}

/* ---- the host side (callers hold mem_lock for writing) */

static int host_prot(int gprot)
{
    if (!(gprot & GPROT_ALL))
        return PROT_NONE;
    return PROT_READ | (gprot & GPROT_WRITE ? PROT_WRITE : 0);
}

/* Puts the PROT_NONE reservation back over [start, start+len). Failing here would leave a
 * hole in the reservation, so it is an emulator error. */
static void host_reserve(uint64_t start, uint64_t len)
{
    if (mmap(g2h(start), len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
             -1, 0) == MAP_FAILED)
        panic("cannot restore the guest reservation at %#" PRIx64 "+%#" PRIx64 ": %s", start,
              len, strerror(errno));
}

/* Moves a mapping of olen bytes from temporary host address tmp back to guest old. */
static void host_put_back(void *tmp, uint64_t tmp_len, uint64_t old, uint64_t olen)
{
    if (mremap(tmp, tmp_len, olen, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(old)) == MAP_FAILED)
        panic("cannot move guest pages back to %#" PRIx64 ": %s", old, strerror(errno));
}

/* Moves the host pages of guest [old, old+olen) to [dest, dest+nlen), growing the mapping
 * with its own kind of pages when nlen > olen; afterwards [old, old+olen) minus the
 * destination is PROT_NONE reserved. Returns 0 or -errno with nothing changed.
 *
 * The pages first go to a temporary host place outside the reservation (mremap cannot move
 * a range onto itself or grow it into the reservation). With MREMAP_DONTUNMAP the old range
 * stays mapped meanwhile, so the reservation never has a hole; where the kernel refuses it,
 * a hole exists between the move and host_reserve (two system calls), which only another
 * emulator thread's own mmap could hit. */
static int host_move(uint64_t old, uint64_t olen, uint64_t nlen, uint64_t dest)
{
    uint8_t *tmp = mmap(NULL, nlen, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (tmp == MAP_FAILED)
        return -ENOMEM;
    if (mremap(g2h(old), olen, olen, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, tmp) ==
        MAP_FAILED) {
        if (mremap(g2h(old), olen, olen, MREMAP_MAYMOVE | MREMAP_FIXED, tmp) == MAP_FAILED) {
            int err = errno;
            munmap(tmp, nlen);
            return -err;
        }
        host_reserve(old, olen);
    }
    if (nlen != olen) {
        munmap(tmp + olen, nlen - olen);        /* room to grow in place, usually */
        uint8_t *grown = mremap(tmp, olen, nlen, MREMAP_MAYMOVE);
        if (grown == MAP_FAILED) {
            int err = errno;
            host_put_back(tmp, olen, old, olen);
            return -err;
        }
        tmp = grown;
    }
    if (mremap(tmp, nlen, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dest)) == MAP_FAILED) {
        int err = errno;
        host_put_back(tmp, nlen, old, olen);
        if (nlen > olen)
            munmap(tmp + olen, nlen - olen);
        return -err;
    }
    if (dest != old)
        host_reserve(old, olen);   /* replaces what MREMAP_DONTUNMAP left behind */
    return 0;
}

/* Highest free, page-aligned range of len bytes inside [low, high), or 0 if none. */
static uint64_t find_free_topdown(uint64_t len, uint64_t low, uint64_t high)
{
    uint64_t top = high;
    for (size_t i = nvmas; i-- > 0;) {
        const struct guest_vma *v = &vmas[i];
        if (v->start >= top)
            continue;
        if (v->end < top) {
            uint64_t gap_lo = v->end > low ? v->end : low;
            if (top >= gap_lo && top - gap_lo >= len)
                return top - len;
        }
        top = v->start;
        if (top < low || top - low < len)
            return 0;
    }
    return top >= low && top - low >= len ? top - len : 0;
}

/* True if end reaches into the stack guard gap below the next mapping at or above end-1,
 * when that mapping grows down (Linux's vm_start_gap). */
static bool in_stack_gap_below(uint64_t end)
{
    size_t i = vma_index(end - 1);
    if (i == nvmas || !(vmas[i].flags & MAP_GROWSDOWN))
        return false;
    return vmas[i].start < STACK_GUARD_GAP || end > vmas[i].start - STACK_GUARD_GAP;
}

/* Where a non-fixed mapping of len bytes goes: below GUEST_MMAP_TOP first, then anywhere. */
static uint64_t find_free(uint64_t len)
{
    uint64_t a = find_free_topdown(len, GUEST_MIN_ADDR, GUEST_MMAP_TOP);
    if (!a)
        a = find_free_topdown(len, GUEST_MIN_ADDR, GUEST_SPACE);
    return a;
}

static void name_from_fd(char *name, size_t size, int fd)
{
    char link[64];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, name, size - 1);
    name[n > 0 ? n : 0] = '\0';
}

/* ---- the guest mmap family */

static int64_t mmap_change(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    bool shared;
    switch (flags & MAP_TYPE_MASK) {
    case MAP_PRIVATE:
        shared = false;
        break;
    case MAP_SHARED:
        shared = true;
        break;
    case MAP_SHARED_VALIDATE:
        if ((flags & ~MAP_KNOWN_FLAGS) || (flags & MAP_SYNC))
            return -EOPNOTSUPP;
        shared = true;
        break;
    default:
        return -EINVAL;
    }
    if (off & (PAGE - 1))
        return -EINVAL;
    if (prot & ~GPROT_ALL)
        return -EINVAL;
    if (len == 0)
        return -EINVAL;
    if (len > GUEST_SPACE)
        return -ENOMEM;
    len = ALIGN_UP(len, PAGE);
    bool anon = flags & MAP_ANONYMOUS;
    if (!anon && off + len < off)
        return -EOVERFLOW;
    bool noreplace = flags & MAP_FIXED_NOREPLACE;
    bool fixed = noreplace || (flags & MAP_FIXED);
    if (fixed) {
        if (addr & (PAGE - 1))
            return -EINVAL;
        if (addr < GUEST_MIN_ADDR)
            return -EPERM;
        if (!guest_range_valid(addr, len))
            return -ENOMEM;
    }

    struct guest_vma v = {
        .prot = prot,
        .flags = (shared ? MAP_SHARED : MAP_PRIVATE) | (anon ? MAP_ANONYMOUS : 0) |
                 (flags & MAP_GROWSDOWN),
    };
    if (!anon) {
        struct stat st;
        if (fstat(fd, &st) < 0)
            return -EBADF;
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0)
            return -EBADF;
        if ((fl & O_ACCMODE) == O_WRONLY)
            return -EACCES;
        /* O_APPEND does not matter (Linux refuses only append-only inodes, which the
         * host's mmap below does for us). */
        if (shared && (prot & GPROT_WRITE) && (fl & O_ACCMODE) != O_RDWR)
            return -EACCES;
        if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
            return -ENODEV;
        v.offset = off;
        v.dev = st.st_dev;
        v.inode = st.st_ino;
        name_from_fd(v.name, sizeof(v.name), fd);
    }

    pthread_rwlock_wrlock(&mem_lock);
    if (anon && shared) {
        v.inode = ++shared_anon_ids;
        strcpy(v.name, "/dev/zero (deleted)");
    }
    uint64_t a = addr;
    if (fixed) {
        if (noreplace && !range_free(a, a + len)) {
            pthread_rwlock_unlock(&mem_lock);
            return -EEXIST;
        }
    } else {
        /* Linux: a hint below mmap_min_addr is raised to it, then rounded up to a page. */
        a = addr && addr < GUEST_MIN_ADDR ? GUEST_MIN_ADDR : ALIGN_UP(addr, PAGE);
        if (!(a >= GUEST_MIN_ADDR && guest_range_valid(a, len) && range_free(a, a + len) &&
              !in_stack_gap_below(a + len)))
            a = find_free(len);
        if (!a) {
            pthread_rwlock_unlock(&mem_lock);
            return -ENOMEM;
        }
    }
    int host_flags = MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE) | (flags & MAP_NORESERVE) |
                     (anon ? MAP_ANONYMOUS : 0);
    void *p = mmap(g2h(a), len, host_prot(prot), host_flags, anon ? -1 : fd, anon ? 0 : off);
    int err = p == MAP_FAILED ? errno : 0;
    if (err)
        host_reserve(a, len);      /* the old pages may already be gone: Linux says so too */
    int had = vma_remove_range(a, a + len);
    if (!err) {
        v.start = a;
        v.end = a + len;
        vma_add(&v);
    }
    pthread_rwlock_unlock(&mem_lock);
    if (had & GPROT_EXEC)
        guest_code_invalidate(a, len);
    return err ? -err : (int64_t)a;
}

int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    pthread_mutex_lock(&map_change_lock);
    int64_t r = mmap_change(addr, len, prot, flags, fd, off);
    pthread_mutex_unlock(&map_change_lock);
    return r;
}

static int munmap_change(uint64_t addr, uint64_t len)
{
    if ((addr & (PAGE - 1)) || len == 0 || len > GUEST_SPACE)
        return -EINVAL;
    len = ALIGN_UP(len, PAGE);
    if (!guest_range_valid(addr, len))
        return -EINVAL;
    pthread_rwlock_wrlock(&mem_lock);
    int had = 0;
    if (!range_free(addr, addr + len)) {
        host_reserve(addr, len);
        had = vma_remove_range(addr, addr + len);
    }
    pthread_rwlock_unlock(&mem_lock);
    if (had & GPROT_EXEC)
        guest_code_invalidate(addr, len);
    return 0;
}

int guest_munmap(uint64_t addr, uint64_t len)
{
    pthread_mutex_lock(&map_change_lock);
    int r = munmap_change(addr, len);
    pthread_mutex_unlock(&map_change_lock);
    return r;
}

static int mprotect_change(uint64_t addr, uint64_t len, int prot)
{
    if (prot & ~(GPROT_ALL | PROT_GROWSDOWN | PROT_GROWSUP))
        return -EINVAL;
    if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
        return -EINVAL;
    bool growsdown = prot & PROT_GROWSDOWN;
    if (prot & PROT_GROWSUP)
        return -EINVAL;        /* no VM_GROWSUP mapping exists on our guests */
    prot &= GPROT_ALL;
    if (addr & (PAGE - 1))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (len > GUEST_SPACE)
        return -ENOMEM;
    len = ALIGN_UP(len, PAGE);
    if (!guest_range_valid(addr, len))
        return -ENOMEM;
    uint64_t end = addr + len, cur = addr;
    int err = 0, lost = 0;
    pthread_rwlock_wrlock(&mem_lock);
    if (growsdown) {
        /* Linux: the change extends down to the start of the mapping holding addr, which
         * must be a grows-down one. */
        size_t i = vma_index(addr);
        if (i == nvmas || vmas[i].start >= end) {
            pthread_rwlock_unlock(&mem_lock);
            return -ENOMEM;
        }
        if (!(vmas[i].flags & MAP_GROWSDOWN)) {
            pthread_rwlock_unlock(&mem_lock);
            return -EINVAL;
        }
        addr = cur = vmas[i].start;
    }
    /* Like Linux: pieces before a hole keep their new protection. */
    while (cur < end) {
        const struct guest_vma *v = vma_containing(cur);
        if (!v) {
            err = -ENOMEM;
            break;
        }
        uint64_t piece_end = v->end < end ? v->end : end;
        if (v->prot != prot) {
            if (mprotect(g2h(cur), piece_end - cur, host_prot(prot)) < 0) {
                err = -errno;
                break;
            }
            lost |= v->prot & ~prot;
            vma_split(cur);
            vma_split(piece_end);
            struct guest_vma *piece = vma_containing(cur);
            piece->prot = prot;
            prot_table_set(cur, piece_end, (uint8_t)(prot | PT_MAPPED));
            vma_merge_range(cur, piece_end);
        }
        cur = piece_end;
    }
    pthread_rwlock_unlock(&mem_lock);
    if (lost & GPROT_EXEC)
        guest_code_invalidate(addr, cur - addr);
    return err;
}

int guest_mprotect(uint64_t addr, uint64_t len, int prot)
{
    pthread_mutex_lock(&map_change_lock);
    int r = mprotect_change(addr, len, prot);
    pthread_mutex_unlock(&map_change_lock);
    return r;
}

static int64_t mremap_change(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
                     uint64_t new_addr)
{
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if (flags & MREMAP_DONTUNMAP)
        return -EINVAL;        /* not supported (rarely used; documented) */
    if (old_addr & (PAGE - 1))
        return -EINVAL;
    if (old_len > GUEST_SPACE || new_len > GUEST_SPACE)
        return -ENOMEM;
    old_len = ALIGN_UP(old_len, PAGE);
    new_len = ALIGN_UP(new_len, PAGE);
    if (new_len == 0)
        return -EINVAL;
    /* old_len 0 duplicates a shared mapping in Linux; not supported here. */
    if (old_len == 0)
        return -EINVAL;
    if (!guest_range_valid(old_addr, old_len))
        return -EFAULT;
    bool fixed = flags & MREMAP_FIXED;
    if (fixed) {
        if (new_addr & (PAGE - 1))
            return -EINVAL;
        if (!guest_range_valid(new_addr, new_len) || new_addr < GUEST_MIN_ADDR)
            return -EINVAL;
        if (new_addr < old_addr + old_len && old_addr < new_addr + new_len)
            return -EINVAL;
    }

    int64_t ret;
    int had = 0, had_dest = 0;
    const uint64_t orig_len = old_len;      /* the whole source loses its translations */
    pthread_rwlock_wrlock(&mem_lock);
    if (!fixed && new_len <= old_len) {
        /* Shrinking (or same size) stays in place: unmap the tail. */
        if (new_len < old_len && !range_free(old_addr + new_len, old_addr + old_len)) {
            host_reserve(old_addr + new_len, old_len - new_len);
            had = vma_remove_range(old_addr + new_len, old_addr + old_len);
        }
        ret = (int64_t)old_addr;
        goto out;
    }
    const struct guest_vma *v = vma_containing(old_addr);
    if (!v || old_addr + old_len > v->end) {
        ret = -EFAULT;
        goto out;
    }
    struct guest_vma moved = *v;
    if (tracks_offset(&moved))
        moved.offset += old_addr - v->start;
    uint64_t dest;
    if (fixed) {
        dest = new_addr;
        if (!range_free(dest, dest + new_len)) {
            host_reserve(dest, new_len);
            had_dest = vma_remove_range(dest, dest + new_len);
        }
        if (new_len < old_len) {
            host_reserve(old_addr + new_len, old_len - new_len);
            had = vma_remove_range(old_addr + new_len, old_addr + old_len);
            old_len = new_len;
        }
    } else if (guest_range_valid(old_addr, new_len) &&
               range_free(old_addr + old_len, old_addr + new_len)) {
        dest = old_addr;       /* grow in place */
    } else if (flags & MREMAP_MAYMOVE) {
        dest = find_free(new_len);
        if (!dest) {
            ret = -ENOMEM;
            goto out;
        }
    } else {
        ret = -ENOMEM;
        goto out;
    }
    int err = host_move(old_addr, old_len, new_len, dest);
    if (err) {
        ret = err;
        goto out;
    }
    had |= vma_remove_range(old_addr, old_addr + old_len);
    moved.start = dest;
    moved.end = dest + new_len;
    vma_add(&moved);
    ret = (int64_t)dest;
out:
    pthread_rwlock_unlock(&mem_lock);
    if (had & GPROT_EXEC)
        guest_code_invalidate(old_addr, orig_len);
    if (had_dest & GPROT_EXEC)
        guest_code_invalidate(new_addr, new_len);
    return ret;
}

int64_t guest_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
                     uint64_t new_addr)
{
    pthread_mutex_lock(&map_change_lock);
    int64_t r = mremap_change(old_addr, old_len, new_len, flags, new_addr);
    pthread_mutex_unlock(&map_change_lock);
    return r;
}

/* How guest_madvise treats each advice Linux knows. */
enum { ADV_FORWARD = 1, ADV_IGNORE, ADV_PERM, ADV_ZAPS, ADV_FORK };
static const uint8_t madvise_action[] = {
    [MADV_NORMAL] = ADV_FORWARD,      [MADV_RANDOM] = ADV_FORWARD,
    [MADV_SEQUENTIAL] = ADV_FORWARD,  [MADV_WILLNEED] = ADV_FORWARD,
    [MADV_DONTNEED] = ADV_ZAPS,       [8 /* MADV_FREE */] = ADV_ZAPS,
    [MADV_REMOVE] = ADV_ZAPS,
    /* Recorded only (guest_mem_after_fork_child acts on it): forwarding it would leave a
     * hole in the child's reservation that the host could reuse. */
    [MADV_DONTFORK] = ADV_FORK,       [MADV_DOFORK] = ADV_FORK,
    [MADV_MERGEABLE] = ADV_FORWARD,   [MADV_UNMERGEABLE] = ADV_FORWARD,
    [MADV_HUGEPAGE] = ADV_FORWARD,    [MADV_NOHUGEPAGE] = ADV_FORWARD,
    [MADV_DONTDUMP] = ADV_FORWARD,    [MADV_DODUMP] = ADV_FORWARD,
    [18 /* MADV_WIPEONFORK */] = ADV_FORWARD, [19 /* MADV_KEEPONFORK */] = ADV_FORWARD,
    [20 /* MADV_COLD */] = ADV_FORWARD,       [21 /* MADV_PAGEOUT */] = ADV_FORWARD,
    [22 /* MADV_POPULATE_READ */] = ADV_IGNORE, [23 /* MADV_POPULATE_WRITE */] = ADV_IGNORE,
    [24 /* MADV_DONTNEED_LOCKED */] = ADV_ZAPS, [25 /* MADV_COLLAPSE */] = ADV_IGNORE,
    [100 /* MADV_HWPOISON */] = ADV_PERM,     [101 /* MADV_SOFT_OFFLINE */] = ADV_PERM,
};

/* MADV_DONTFORK / MADV_DOFORK on [addr, addr+len): sets or clears VMA_DONTFORK on the
 * mapped parts; a hole gives ENOMEM after the rest is done, as for every advice. */
static int madvise_fork(uint64_t addr, uint64_t len, bool dontfork)
{
    uint64_t end = addr + len, cur = addr;
    int err = 0;
    pthread_rwlock_wrlock(&mem_lock);
    while (cur < end) {
        size_t i = vma_index(cur);
        if (i == nvmas || vmas[i].start >= end) {
            err = -ENOMEM;
            break;
        }
        if (vmas[i].start > cur) {
            err = -ENOMEM;
            cur = vmas[i].start;
        }
        uint64_t piece_end = vmas[i].end < end ? vmas[i].end : end;
        if (!(vmas[i].flags & VMA_DONTFORK) != !dontfork) {
            vma_split(cur);
            vma_split(piece_end);
            struct guest_vma *piece = vma_containing(cur);
            piece->flags = dontfork ? piece->flags | VMA_DONTFORK : piece->flags & ~VMA_DONTFORK;
            vma_merge_range(cur, piece_end);
        }
        cur = piece_end;
    }
    pthread_rwlock_unlock(&mem_lock);
    return err;
}

void guest_mem_after_fork_child(void)
{
    int had = 0;
    pthread_rwlock_wrlock(&mem_lock);
    for (size_t i = 0; i < nvmas;) {
        if (!(vmas[i].flags & VMA_DONTFORK)) {
            i++;
            continue;
        }
        uint64_t start = vmas[i].start, end = vmas[i].end;
        had |= vmas[i].prot;
        host_reserve(start, end - start);
        prot_table_set(start, end, 0);
        vma_delete(i, 1);
    }
    pthread_rwlock_unlock(&mem_lock);
    if (had & GPROT_EXEC)
        guest_code_invalidate(0, GUEST_SPACE);
}

static int madvise_change(uint64_t addr, uint64_t len, int advice)
{
    if (advice < 0 || (size_t)advice >= ARRAY_SIZE(madvise_action) || !madvise_action[advice])
        return -EINVAL;
    if (addr & (PAGE - 1))
        return -EINVAL;
    if (len > GUEST_SPACE)
        return -EINVAL;
    len = ALIGN_UP(len, PAGE);
    if (len == 0)
        return 0;
    if (madvise_action[advice] == ADV_PERM)
        return -EPERM;
    if (!guest_range_valid(addr, len))
        return -ENOMEM;
    if (madvise_action[advice] == ADV_FORK)
        return madvise_fork(addr, len, advice == MADV_DONTFORK);
    uint64_t end = addr + len, cur = addr;
    int err = 0, zapped = 0;
    pthread_rwlock_rdlock(&mem_lock);
    /* Like Linux: advice is applied to the mapped parts, a hole gives ENOMEM at the end. */
    while (cur < end) {
        size_t i = vma_index(cur);
        if (i == nvmas || vmas[i].start >= end) {
            err = -ENOMEM;
            break;
        }
        if (vmas[i].start > cur) {
            err = -ENOMEM;
            cur = vmas[i].start;
        }
        uint64_t piece_end = vmas[i].end < end ? vmas[i].end : end;
        if (madvise_action[advice] != ADV_IGNORE) {
            if (madvise(g2h(cur), piece_end - cur, advice) < 0 && !err)
                err = -errno;
            if (madvise_action[advice] == ADV_ZAPS)
                zapped |= vmas[i].prot;
        }
        cur = piece_end;
    }
    pthread_rwlock_unlock(&mem_lock);
    if (zapped & GPROT_EXEC)
        guest_code_invalidate(addr, len);
    return err;
}

int guest_madvise(uint64_t addr, uint64_t len, int advice)
{
    pthread_mutex_lock(&map_change_lock);
    int r = madvise_change(addr, len, advice);
    pthread_mutex_unlock(&map_change_lock);
    return r;
}

/* ---- growing a MAP_GROWSDOWN mapping */

bool guest_mem_grow_down(uint64_t fault_addr)
{
    if (fault_addr >= GUEST_SPACE)
        return false;
    uint64_t a = ALIGN_DOWN(fault_addr, PAGE);
    if (a < GUEST_MIN_ADDR)
        return false;
    struct rlimit lim;
    uint64_t max_size = getrlimit(RLIMIT_STACK, &lim) == 0 ? lim.rlim_cur : GUEST_STACK_MAX;
    bool grown = false;
    pthread_rwlock_wrlock(&mem_lock);
    /* Linux: the mapping is the first one above the address; it must grow down, and the
     * address must not come within the guard gap of an accessible, non-grows-down mapping
     * below; the grown size must stay within RLIMIT_STACK. */
    size_t i = vma_index(a);
    if (i == nvmas || vmas[i].start <= a || !(vmas[i].flags & MAP_GROWSDOWN))
        goto out;
    struct guest_vma *v = &vmas[i];
    if (tracks_offset(v))
        goto out;          /* file or shared grows-down mappings are not grown here */
    if (v->end - a > max_size)
        goto out;
    if (i > 0) {
        const struct guest_vma *prev = &vmas[i - 1];
        if (!(prev->flags & MAP_GROWSDOWN) && (prev->prot & GPROT_ALL) &&
            a - prev->end < STACK_GUARD_GAP)
            goto out;
    }
    uint64_t old_start = v->start;
    if (mmap(g2h(a), old_start - a, host_prot(v->prot), MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0) == MAP_FAILED) {
        host_reserve(a, old_start - a);
        goto out;
    }
    v->start = a;
    prot_table_set(a, old_start, (uint8_t)(v->prot | PT_MAPPED));
    grown = true;
out:
    pthread_rwlock_unlock(&mem_lock);
    return grown;
}

/* ---- brk */

void guest_brk_init(uint64_t start)
{
    pthread_rwlock_wrlock(&mem_lock);
    brk_start = brk_cur = ALIGN_UP(start, PAGE);
    pthread_rwlock_unlock(&mem_lock);
}

static uint64_t brk_change(uint64_t new_brk)
{
    pthread_rwlock_wrlock(&mem_lock);
    uint64_t ret = brk_cur;
    int had = 0;
    uint64_t old_top = 0, new_top = 0;
    if (new_brk < brk_start || new_brk > GUEST_SPACE)
        goto out;
    old_top = ALIGN_UP(brk_cur, PAGE);
    new_top = ALIGN_UP(new_brk, PAGE);
    if (new_top < old_top) {
        host_reserve(new_top, old_top - new_top);
        had = vma_remove_range(new_top, old_top);   /* heap pages made executable hold code */
    } else if (new_top > old_top) {
        /* Linux (mm/mmap.c, brk): the new break must stay a page below the next mapping
         * (below its stack guard gap if it grows down). */
        if (!range_free(old_top, new_top + PAGE) || in_stack_gap_below(new_top + PAGE))
            goto out;
        if (mmap(g2h(old_top), new_top - old_top, PROT_READ | PROT_WRITE,
                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
            host_reserve(old_top, new_top - old_top);
            goto out;
        }
        struct guest_vma heap = {
            .start = old_top, .end = new_top, .prot = GPROT_READ | GPROT_WRITE,
            .flags = MAP_PRIVATE | MAP_ANONYMOUS, .name = "[heap]",
        };
        vma_add(&heap);
    }
    brk_cur = ret = new_brk;
out:
    pthread_rwlock_unlock(&mem_lock);
    if (had & GPROT_EXEC)
        guest_code_invalidate(new_top, old_top - new_top);
    return ret;
}

uint64_t guest_brk(uint64_t new_brk)
{
    pthread_mutex_lock(&map_change_lock);
    uint64_t r = brk_change(new_brk);
    pthread_mutex_unlock(&map_change_lock);
    return r;
}

/* ---- checked access for C code */

/* What the guest can do with a page: write implies read on every guest ISA we run. */
static int effective_prot(int prot)
{
    return prot & GPROT_WRITE ? prot | GPROT_READ : prot;
}

static bool access_ok_locked(uint64_t a, uint64_t len, int prot)
{
    if (!guest_range_valid(a, len))
        return false;
    uint64_t end = a + len, cur = a;
    for (size_t i = vma_index(a); cur < end; i++) {
        if (i >= nvmas || vmas[i].start > cur)
            return false;
        if ((effective_prot(vmas[i].prot) & prot) != prot)
            return false;
        cur = vmas[i].end;
    }
    return true;
}

bool guest_access_ok(uint64_t a, uint64_t len, int prot)
{
    pthread_rwlock_rdlock(&mem_lock);
    bool ok = access_ok_locked(a, len, prot);
    pthread_rwlock_unlock(&mem_lock);
    return ok;
}

int copy_from_guest(void *dst, uint64_t src, size_t n)
{
    if (n == 0)
        return 0;
    int ret = -EFAULT;
    pthread_rwlock_rdlock(&mem_lock);
    if (access_ok_locked(src, n, GPROT_READ)) {
        memcpy(dst, g2h(src), n);
        ret = 0;
    }
    pthread_rwlock_unlock(&mem_lock);
    return ret;
}

int copy_to_guest(uint64_t dst, const void *src, size_t n)
{
    if (n == 0)
        return 0;
    int ret = -EFAULT;
    pthread_rwlock_rdlock(&mem_lock);
    if (access_ok_locked(dst, n, GPROT_WRITE)) {
        memmove(g2h(dst), src, n);
        ret = 0;
    }
    pthread_rwlock_unlock(&mem_lock);
    return ret;
}

long copy_string_from_guest(char *dst, uint64_t src, size_t max)
{
    if (max == 0)
        return -ENAMETOOLONG;
    long ret;
    size_t n = 0;
    uint64_t a = src;
    pthread_rwlock_rdlock(&mem_lock);
    for (;;) {
        const struct guest_vma *v = a < GUEST_SPACE ? vma_containing(a) : NULL;
        if (!v || !(effective_prot(v->prot) & GPROT_READ)) {
            ret = -EFAULT;
            break;
        }
        uint64_t chunk = v->end - a;
        if (chunk > max - n)
            chunk = max - n;
        const char *p = g2h(a);
        const char *nul = memchr(p, '\0', chunk);
        if (nul) {
            size_t k = (size_t)(nul - p);
            memcpy(dst + n, p, k + 1);
            ret = (long)(n + k);
            break;
        }
        memcpy(dst + n, p, chunk);
        n += chunk;
        a += chunk;
        if (n == max) {
            ret = -ENAMETOOLONG;
            break;
        }
    }
    pthread_rwlock_unlock(&mem_lock);
    return ret;
}

int guest_page_prot(uint64_t a)
{
    if (a >= GUEST_SPACE || !prot_table)
        return 0;
    return __atomic_load_n(&prot_table[a >> PAGE_SHIFT], __ATOMIC_RELAXED) & GPROT_ALL;
}

bool guest_page_mapped(uint64_t a)
{
    if (a >= GUEST_SPACE || !prot_table)
        return false;
    return __atomic_load_n(&prot_table[a >> PAGE_SHIFT], __ATOMIC_RELAXED) & PT_MAPPED;
}

/* ---- iteration and naming */

bool guest_vma_next(uint64_t from, struct guest_vma *out)
{
    pthread_rwlock_rdlock(&mem_lock);
    size_t i = vma_index(from);
    bool found = i < nvmas;
    if (found)
        *out = vmas[i];
    pthread_rwlock_unlock(&mem_lock);
    return found;
}

void guest_vma_set_name(uint64_t start, const char *name)
{
    pthread_rwlock_wrlock(&mem_lock);
    size_t i = vma_index(start);
    if (i < nvmas && vmas[i].start == start) {
        snprintf(vmas[i].name, sizeof(vmas[i].name), "%s", name);
        vma_merge_range(vmas[i].start, vmas[i].end);
    }
    pthread_rwlock_unlock(&mem_lock);
}
