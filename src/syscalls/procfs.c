/*
 * procfs.c - the /proc files whose host version would describe crossrun instead of the
 * guest: /proc/self/maps, /proc/self/auxv, /proc/self/cmdline (also spelt /proc/thread-self/
 * and /proc/<own pid>/) and /proc/cpuinfo for a riscv64 guest.
 *
 * An open builds the whole text, writes it into a memfd and gives the guest a read-only
 * descriptor of it (reopened through /proc/self/fd, at the lowest free number as open
 * would), so read, pread, lseek, fstat and mmap all work as on a file; the text is a
 * snapshot taken at open, as the kernel's seq_file takes it at the first read.
 * /proc/self/exe is mapped with every other guest path (fs.c: map_guest_path, readlinkat),
 * and its exec by process.c. Every other /proc path goes to the host, and so do stat and
 * access on these paths: the host has the same files, with the same types and modes.
 *
 * Invariants: no emulator mapping, address or path reaches the guest through these files
 * (maps lists guest_vma_next() only, in guest addresses < 2^38); the guest's own memory is
 * read only through copy_from_guest, so a guest that unmapped its stack gets -EFAULT.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "internal.h"

/* ---- a growing text buffer */

struct text {
    char *p;
    size_t len, cap;
    bool failed;            /* out of memory: the open fails with ENOMEM */
};

static void text_reserve(struct text *t, size_t more)
{
    if (t->failed || t->len + more <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + more)
        cap *= 2;
    char *p = realloc(t->p, cap);
    if (!p) {
        t->failed = true;
        return;
    }
    t->p = p;
    t->cap = cap;
}

static void text_add(struct text *t, const void *data, size_t n)
{
    text_reserve(t, n);
    if (t->failed)
        return;
    memcpy(t->p + t->len, data, n);
    t->len += n;
}

static void PRINTF_LIKE(2, 3) text_printf(struct text *t, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n < 0)
        t->failed = true;
    else
        text_add(t, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* ---- the files */

/* fs/proc/task_mmu.c's format: "start-end perms offset major:minor inode", the name (if
 * any) after padding the line to 73 columns. */
static int64_t gen_maps(struct cpu *cpu, struct text *t)
{
    struct guest_vma v;
    for (uint64_t from = 0; guest_vma_next(from, &v); from = v.end) {
        bool private_anon = (v.flags & MAP_ANONYMOUS) && !(v.flags & MAP_SHARED);
        size_t line_start = t->len;
        text_printf(t, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                    (unsigned long long)v.start, (unsigned long long)v.end,
                    (v.prot & GPROT_READ) ? 'r' : '-', (v.prot & GPROT_WRITE) ? 'w' : '-',
                    (v.prot & GPROT_EXEC) ? 'x' : '-', (v.flags & MAP_SHARED) ? 's' : 'p',
                    private_anon ? 0ULL : (unsigned long long)v.offset,
                    major((dev_t)v.dev), minor((dev_t)v.dev), (unsigned long long)v.inode);
        if (v.name[0]) {
            static const char spaces[72] = { [0 ... 71] = ' ' };
            size_t width = t->len - line_start;
            if (width < sizeof(spaces))
                text_add(t, spaces, sizeof(spaces) - width);
            text_printf(t, " %s", v.name);
        }
        text_add(t, "\n", 1);
    }
    return 0;
}

/* Copies guest bytes [start, end) (the saved auxv, the argument strings). */
static int64_t gen_guest_bytes(struct text *t, uint64_t start, uint64_t end)
{
    if (end <= start)
        return 0;
    text_reserve(t, end - start);
    if (t->failed)
        return -ENOMEM;
    if (copy_from_guest(t->p + t->len, start, end - start))
        return -EFAULT;
    t->len += end - start;
    return 0;
}

static int64_t gen_auxv(struct cpu *cpu, struct text *t)
{
    return gen_guest_bytes(t, guest_process.auxv_addr,
                           guest_process.auxv_addr + guest_process.auxv_len);
}

static int64_t gen_cmdline(struct cpu *cpu, struct text *t)
{
    return gen_guest_bytes(t, guest_process.argv_start, guest_process.argv_end);
}

/* arch/riscv/kernel/cpu.c (Linux 6.x) for each online CPU: the extensions crossrun
 * implements in the kernel's order (single letters, then Z* by category, alphabetically);
 * Sv39 because the guest space is 38 bits. No "uarch" line: Linux prints one only when the
 * device tree names a CPU model, which an emulated "virt"-like machine does not. */
#define RV64_ISA_STRING "rv64imafdc_zicntr_zicond_zicsr_zifencei_zba_zbb_zbs"

static int64_t gen_cpuinfo_riscv64(struct cpu *cpu, struct text *t)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpu < 1)
        ncpu = 1;
    for (long i = 0; i < ncpu; i++) {
        text_printf(t, "processor\t: %ld\n", i);
        text_printf(t, "hart\t\t: %ld\n", i);
        text_printf(t, "isa\t\t: %s\n", RV64_ISA_STRING);
        text_printf(t, "mmu\t\t: sv39\n");
        text_printf(t, "mvendorid\t: 0x0\n");
        text_printf(t, "marchid\t\t: 0x0\n");
        text_printf(t, "mimpid\t\t: 0x0\n");
        text_printf(t, "hart isa\t: %s\n", RV64_ISA_STRING);
        text_printf(t, "\n");
    }
    return 0;
}

struct procfs_file {
    const char *name;           /* after /proc/self/ (per_process) or /proc/ */
    bool per_process;
    const char *target;         /* only for this guest, or NULL for every guest */
    int64_t (*generate)(struct cpu *cpu, struct text *t);
};

static const struct procfs_file procfs_files[] = {
    { .name = "maps", .per_process = true, .generate = gen_maps },
    { .name = "auxv", .per_process = true, .generate = gen_auxv },
    { .name = "cmdline", .per_process = true, .generate = gen_cmdline },
    { .name = "cpuinfo", .per_process = false, .target = "riscv64",
      .generate = gen_cpuinfo_riscv64 },
};

/* The part of path after "/proc/self/", "/proc/thread-self/" or "/proc/<own pid>/", or
 * NULL if path does not name this process's directory. */
static const char *own_proc_entry(const char *path)
{
    if (strncmp(path, "/proc/", 6) != 0)
        return NULL;
    const char *rest = path + 6;
    if (strncmp(rest, "self/", 5) == 0)
        return rest + 5;
    if (strncmp(rest, "thread-self/", 12) == 0)
        return rest + 12;
    char *end;
    long pid = strtol(rest, &end, 10);
    if (end != rest && *end == '/' && rest[0] != '0' && pid == (long)getpid())
        return end + 1;
    return NULL;
}

static const struct procfs_file *procfs_lookup(const struct cpu *cpu, const char *path)
{
    const char *entry = own_proc_entry(path);
    const char *target = cpu && cpu->target ? cpu->target->name : NULL;
    for (size_t i = 0; i < ARRAY_SIZE(procfs_files); i++) {
        const struct procfs_file *f = &procfs_files[i];
        bool match = f->per_process ? entry && strcmp(entry, f->name) == 0
                                    : strncmp(path, "/proc/", 6) == 0 &&
                                          strcmp(path + 6, f->name) == 0;
        if (match && (!f->target || (target && strcmp(f->target, target) == 0)))
            return f;
    }
    return NULL;
}

/* A read-only descriptor of a memfd holding text, at the lowest free fd number. */
static int64_t open_text(const char *name, const struct text *t, int host_flags)
{
    int mfd = memfd_create(name, MFD_CLOEXEC);
    if (mfd < 0)
        return -errno;
    for (size_t done = 0; done < t->len;) {
        ssize_t n = write(mfd, t->p + done, t->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(mfd);
            return -e;
        }
        done += (size_t)n;
    }
    char self[64];
    snprintf(self, sizeof(self), "/proc/self/fd/%d", mfd);
    int ro = open(self, O_RDONLY | O_CLOEXEC | (host_flags & O_NONBLOCK));
    int e = errno;
    close(mfd);
    if (ro < 0)
        return -e;
    int fd = fcntl(ro, (host_flags & O_CLOEXEC) ? F_DUPFD_CLOEXEC : F_DUPFD, 0);
    e = errno;
    close(ro);
    return fd < 0 ? -e : fd;
}

bool procfs_open(struct cpu *cpu, const char *path, int host_flags, int64_t *result)
{
    const struct procfs_file *f = procfs_lookup(cpu, path);
    if (!f)
        return false;
    if ((host_flags & O_CREAT) && (host_flags & O_EXCL))
        *result = -EEXIST;
    else if (host_flags & O_DIRECTORY)
        *result = -ENOTDIR;
    else if ((host_flags & O_ACCMODE) != O_RDONLY || (host_flags & O_TRUNC))
        *result = -EACCES;          /* these files are 0444 */
    else {
        struct text t = { 0 };
        int64_t r = f->generate(cpu, &t);
        if (!r && t.failed)
            r = -ENOMEM;
        *result = r ? r : open_text(f->name, &t, host_flags);
        free(t.p);
    }
    return true;
}
