/*
 * elf_load.c - checking a guest ELF file (elf_probe) and mapping it, its PT_INTERP
 * interpreter, brk and the initial stack mapping into guest memory (elf_load), with libelf.
 *
 * Every check of the program happens before anything is mapped, and every problem is one
 * fatal line naming the file (and the interpreter, for the interpreter's problems): 127 when
 * it does not exist, else 126 (not ELF, wrong class or machine, malformed, no room in the
 * guest space). Nothing read from the file is trusted: offsets and sizes are checked against
 * the file size and the guest space with overflow-safe arithmetic, and what is read from it
 * is bounded (the program header table by Linux's 64 KiB limit, PT_INTERP by PATH_MAX;
 * section headers are never read), so a malformed file cannot crash the loader or make it
 * use much memory. tests/e2e/fuzz_elf.sh checks this with mutated programs.
 *
 * Placement (no randomisation): the stack first, below GUEST_STACK_TOP (ET_EXEC segments
 * must stay off it); ET_EXEC at its own addresses; a PIE main program at GUEST_ET_DYN_BASE
 * (aligned up to its largest p_align), or wherever there is room if that is taken; the
 * interpreter wherever a non-fixed mmap puts it (top-down below GUEST_MMAP_TOP); brk just
 * above the main program; then the target's vDSO (vdso.c), top-down like the interpreter.
 *
 * elf_load calls guest_mem_init itself (it is idempotent). It fills struct load_info; it
 * does not touch the CPU (main sets the entry PC and sp with target->set_entry).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guest_mem.h"
#include "loader.h"
#include "vdso.h"
#include "../targets/target.h"

#define PAGE            GUEST_PAGE_SIZE
#define MAX_PHDR_BYTES  65536U         /* Linux refuses larger program header tables */
#define MAX_LOAD_ALIGN  (1ULL << 30)   /* p_align above this is not honoured when placing */
#define MIN_STACK_SIZE  (128ULL << 10)
#define DEFAULT_STACK   (8ULL << 20)   /* when RLIMIT_STACK cannot be read */

/* One ELF file being checked or loaded. */
struct elf_image {
    const char *path;          /* for messages */
    int fd;
    uint64_t file_size;
    GElf_Ehdr eh;              /* as libelf read it, but for e_phoff and the section fields */
    uint64_t phoff;            /* the file's e_phoff */
    GElf_Phdr *ph;
    size_t phnum;
    uint64_t lo, hi;           /* page-aligned span of the PT_LOAD segments (before bias) */
    uint64_t align;            /* largest honoured PT_LOAD p_align, at least a page */
    int interp_index;          /* PT_INTERP program header, -1 if none */
};

static NORETURN PRINTF_LIKE(2, 3) void malformed(const char *path, const char *fmt, ...)
{
    char why[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    fatal(EXIT_STATUS_CANNOT_RUN, "%s: malformed ELF: %s", path, why);
}

static NORETURN void open_failed(const char *path, int err)
{
    fatal(err == ENOENT || err == ENOTDIR ? EXIT_STATUS_NOT_FOUND : EXIT_STATUS_CANNOT_RUN,
          "%s: %s", path, strerror(err));
}

static const char *machine_name(unsigned m)
{
    static const char *const names[] = {
        [EM_386] = "i386",      [EM_68K] = "m68k",       [EM_MIPS] = "mips",
        [EM_PARISC] = "parisc", [EM_SPARC] = "sparc",    [EM_PPC] = "ppc",
        [EM_PPC64] = "ppc64",   [EM_S390] = "s390x",     [EM_ARM] = "arm",
        [EM_SH] = "sh4",        [EM_SPARCV9] = "sparc64", [EM_IA_64] = "ia64",
        [EM_ALPHA] = "alpha",   [EM_LOONGARCH] = "loongarch64",
    };
    return m < ARRAY_SIZE(names) && names[m] ? names[m] : NULL;
}

static bool read_exact(int fd, void *buf, size_t n, uint64_t off)
{
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t r = pread(fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return true;
}

/* Opens open_path (or, when open_fd >= 0, a close-on-exec duplicate of that already open
 * file) and reads its ELF header and program headers: fatal, with name in the message,
 * unless it is a 64-bit little-endian ELF executable or shared object whose program header
 * table lies in the file. Does not look at the machine or the segments yet.
 *
 * libelf parses a copy of just the ELF header and the program header table, read by us
 * after checking their bounds, with the section header fields cleared: crossrun never needs
 * sections, Linux ignores them, and libelf's elf_begin on the file itself sizes its section
 * table from them (a section 0 claiming millions of sections in a huge sparse file made it
 * allocate gigabytes) and refuses files whose section headers are garbage. */
static void image_open_fd(const char *name, const char *open_path, int open_fd,
                          struct elf_image *img)
{
    const char *path = name;
    memset(img, 0, sizeof(*img));
    img->path = name;
    img->fd = -1;
    img->interp_index = -1;
    struct stat st;
    if (open_fd >= 0 ? fstat(open_fd, &st) < 0 : stat(open_path, &st) < 0)
        open_failed(path, errno);
    if (S_ISDIR(st.st_mode))
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: Is a directory", path);
    if (!S_ISREG(st.st_mode))
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: not a regular file", path);
    int fd = open_fd >= 0 ? fcntl(open_fd, F_DUPFD_CLOEXEC, 0)
                          : open(open_path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        open_failed(path, errno);
    img->fd = fd;
    if (fstat(fd, &st) < 0)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))            /* replaced since the stat above */
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: not a regular file", path);
    img->file_size = (uint64_t)st.st_size;

    unsigned char ident[EI_NIDENT];
    if (img->file_size < SELFMAG || !read_exact(fd, ident, SELFMAG, 0) ||
        memcmp(ident, ELFMAG, SELFMAG) != 0)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: not an ELF file", path);
    if (img->file_size < EI_NIDENT || !read_exact(fd, ident, EI_NIDENT, 0))
        malformed(path, "truncated ELF header");
    if (ident[EI_CLASS] != ELFCLASS64 || ident[EI_DATA] != ELFDATA2LSB)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: unsupported ELF class/endianness (%s, %s)", path,
              ident[EI_CLASS] == ELFCLASS32   ? "32-bit"
              : ident[EI_CLASS] == ELFCLASS64 ? "64-bit"
                                              : "unknown class",
              ident[EI_DATA] == ELFDATA2LSB   ? "little-endian"
              : ident[EI_DATA] == ELFDATA2MSB ? "big-endian"
                                              : "unknown byte order");
    if (ident[EI_VERSION] != EV_CURRENT)
        malformed(path, "ELF version %u", ident[EI_VERSION]);

    /* The raw header (a little-endian host reads the little-endian file as is), for the
     * bounds of the program header table. */
    Elf64_Ehdr raw;
    if (img->file_size < sizeof(raw) || !read_exact(fd, &raw, sizeof(raw), 0))
        malformed(path, "truncated ELF header");
    if (raw.e_type != ET_EXEC && raw.e_type != ET_DYN)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: not an executable (ELF type %u)", path, raw.e_type);
    if (raw.e_phnum == 0)
        malformed(path, "no program headers");
    if (raw.e_phentsize != sizeof(Elf64_Phdr))
        malformed(path, "program header size %u, expected %zu", raw.e_phentsize,
                  sizeof(Elf64_Phdr));
    /* This also refuses PN_XNUM (the count kept in section 0), as Linux does: so many
     * program headers cannot fit in the table size Linux accepts. */
    size_t phnum = raw.e_phnum;
    if (phnum > MAX_PHDR_BYTES / sizeof(Elf64_Phdr))
        malformed(path, "too many program headers (%zu)", phnum);
    uint64_t table = phnum * sizeof(Elf64_Phdr);
    if (raw.e_phoff > img->file_size || table > img->file_size - raw.e_phoff)
        malformed(path, "program headers past the end of the file");

    /* What libelf sees: the header, then the table right after it, and no sections. */
    size_t image_size = sizeof(Elf64_Ehdr) + table;
    char *image = malloc(image_size);
    if (!image)
        fatal(EXIT_STATUS_INTERNAL, "out of memory");
    if (!read_exact(fd, image + sizeof(Elf64_Ehdr), table, raw.e_phoff))
        malformed(path, "cannot read the program headers");
    img->phoff = raw.e_phoff;
    raw.e_phoff = sizeof(Elf64_Ehdr);
    raw.e_shoff = 0;
    raw.e_shnum = 0;
    raw.e_shstrndx = SHN_UNDEF;
    memcpy(image, &raw, sizeof(raw));

    static bool libelf_ready;
    if (!libelf_ready) {
        if (elf_version(EV_CURRENT) == EV_NONE)
            fatal(EXIT_STATUS_INTERNAL, "libelf is too old: %s", elf_errmsg(-1));
        libelf_ready = true;
    }
    Elf *e = elf_memory(image, image_size);
    if (!e || elf_kind(e) != ELF_K_ELF)
        malformed(path, "libelf cannot read it (%s)", elf_errmsg(-1));
    if (!gelf_getehdr(e, &img->eh))
        malformed(path, "%s", elf_errmsg(-1));
    img->ph = calloc(phnum, sizeof(*img->ph));
    if (!img->ph)
        fatal(EXIT_STATUS_INTERNAL, "out of memory");
    for (size_t i = 0; i < phnum; i++)
        if (!gelf_getphdr(e, (int)i, &img->ph[i]))
            malformed(path, "program header %zu: %s", i, elf_errmsg(-1));
    img->phnum = phnum;
    elf_end(e);
    free(image);
}

static void image_open(const char *name, const char *open_path, struct elf_image *img)
{
    image_open_fd(name, open_path, -1, img);
}

/* Checks the machine and returns the guest's target (fatal for anything we cannot run). */
static const struct target *image_target(const struct elf_image *img)
{
    unsigned m = img->eh.e_machine;
    const struct target *t = target_by_elf_machine((uint16_t)m);
    if (t)
        return t;
    if (m == EM_AARCH64)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: guest aarch64 is not supported yet", img->path);
    if (m == EM_X86_64)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: x86_64 ELF: run it natively", img->path);
    const char *name = machine_name(m);
    if (name)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: unsupported machine %u (%s)", img->path, m, name);
    fatal(EXIT_STATUS_CANNOT_RUN, "%s: unsupported machine %u", img->path, m);
}

/* Checks every program header against the file and the guest space; computes lo/hi/align.
 * Only a main program's PT_INTERP counts: an interpreter's is ignored, as in Linux. */
static void image_check_segments(struct elf_image *img, bool main_program)
{
    const char *path = img->path;
    uint64_t prev_end = 0, lo = UINT64_MAX, hi = 0, align = PAGE;
    unsigned nload = 0;
    for (size_t i = 0; i < img->phnum; i++) {
        const GElf_Phdr *ph = &img->ph[i];
        if (ph->p_type == PT_INTERP && main_program && img->interp_index < 0) {
            if (ph->p_filesz < 2 || ph->p_filesz > sizeof(((struct load_info *)0)->interp))
                malformed(path, "PT_INTERP size %#lx is not a path", (unsigned long)ph->p_filesz);
            if (ph->p_offset > img->file_size || ph->p_filesz > img->file_size - ph->p_offset)
                malformed(path, "PT_INTERP past the end of the file");
            img->interp_index = (int)i;
        }
        if (ph->p_type != PT_LOAD)
            continue;
        if (ph->p_filesz > ph->p_memsz)
            malformed(path, "segment %zu: file size larger than memory size", i);
        if (ph->p_offset > img->file_size || ph->p_filesz > img->file_size - ph->p_offset)
            malformed(path, "segment %zu: file data past the end of the file", i);
        if (ph->p_align & (ph->p_align - 1))
            malformed(path, "segment %zu: alignment %#lx is not a power of two", i,
                      (unsigned long)ph->p_align);
        if ((ph->p_vaddr - ph->p_offset) & (PAGE - 1))
            malformed(path, "segment %zu: address and file offset differ modulo the page size",
                      i);
        if (!guest_range_valid(ph->p_vaddr, ph->p_memsz))
            malformed(path, "segment %zu: addresses beyond the %d-bit guest address space", i,
                      GUEST_ADDR_BITS);
        if (nload > 0 && ph->p_vaddr < prev_end)
            malformed(path, "segment %zu: loadable segments overlap or are not in order", i);
        prev_end = ph->p_vaddr + ph->p_memsz;
        nload++;
        if (ph->p_vaddr < lo)
            lo = ph->p_vaddr;
        if (prev_end > hi)
            hi = prev_end;
        if (ph->p_align > align && ph->p_align <= MAX_LOAD_ALIGN)
            align = ph->p_align;
    }
    if (nload == 0)
        malformed(path, "no loadable segment");
    img->lo = ALIGN_DOWN(lo, PAGE);
    img->hi = ALIGN_UP(hi, PAGE);
    img->align = align;
    if (img->hi == img->lo)
        malformed(path, "every loadable segment is empty");
    if (img->eh.e_type == ET_EXEC && img->lo < GUEST_MIN_ADDR)
        malformed(path, "segment at %#lx, below the lowest guest address %#llx",
                  (unsigned long)lo, GUEST_MIN_ADDR);
    if (img->eh.e_type == ET_DYN && img->hi - img->lo > GUEST_SPACE / 4)
        malformed(path, "loadable segments span %#lx bytes", (unsigned long)(img->hi - img->lo));
}

static void image_close(struct elf_image *img)
{
    if (img->fd >= 0)
        close(img->fd);
    img->fd = -1;
    free(img->ph);
    img->ph = NULL;
}

const struct target *elf_probe(const char *path)
{
    return elf_probe_fd(-1, path);
}

const struct target *elf_probe_fd(int fd, const char *path)
{
    struct elf_image img;
    image_open_fd(path, path, fd, &img);
    const struct target *t = image_target(&img);
    image_check_segments(&img, true);
    image_close(&img);
    return t;
}

static int segment_prot(uint32_t pflags)
{
    return (pflags & PF_R ? GPROT_READ : 0) | (pflags & PF_W ? GPROT_WRITE : 0) |
           (pflags & PF_X ? GPROT_EXEC : 0);
}

static NORETURN void map_failed(const struct elf_image *img, size_t i, int64_t err)
{
    fatal(EXIT_STATUS_CANNOT_RUN, "%s: cannot map segment %zu: %s", img->path, i,
          strerror((int)-err));
}

/* Maps PT_LOAD segment i at its address plus bias: the file part as a private file mapping,
 * the rest of the last file page zeroed when the segment has bss, the remaining bss as
 * anonymous pages. A segment sharing its first page with the previous one replaces that
 * page, as in Linux. */
static void map_segment(const struct elf_image *img, size_t i, uint64_t bias)
{
    const GElf_Phdr *ph = &img->ph[i];
    int prot = segment_prot(ph->p_flags);
    uint64_t v = ph->p_vaddr + bias;
    uint64_t start = ALIGN_DOWN(v, PAGE);
    uint64_t file_end = v + ph->p_filesz, file_top = ALIGN_UP(file_end, PAGE);
    uint64_t mem_top = ALIGN_UP(v + ph->p_memsz, PAGE);
    uint64_t anon_start = start;
    if (ph->p_filesz > 0) {
        bool zero_tail = ph->p_memsz > ph->p_filesz && file_end != file_top;
        int map_prot = zero_tail ? prot | GPROT_READ | GPROT_WRITE : prot;
        int64_t r = guest_mmap(start, file_top - start, map_prot, MAP_PRIVATE | MAP_FIXED,
                               img->fd, ALIGN_DOWN(ph->p_offset, PAGE));
        if (r < 0)
            map_failed(img, i, r);
        if (zero_tail) {
            memset(g2h(file_end), 0, file_top - file_end);
            if (map_prot != prot && (r = guest_mprotect(start, file_top - start, prot)) < 0)
                map_failed(img, i, r);
        }
        anon_start = file_top;
    }
    if (mem_top > anon_start) {
        int64_t r = guest_mmap(anon_start, mem_top - anon_start, prot,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0)
            map_failed(img, i, r);
    }
}

/* Maps every PT_LOAD segment of img and returns the load bias. */
static uint64_t image_map(const struct elf_image *img, bool main_program)
{
    uint64_t bias = 0;
    if (img->eh.e_type == ET_DYN) {
        /* Find room for the whole span (aligned), then give it back and map into it. */
        uint64_t span = img->hi - img->lo, align = img->align;
        uint64_t base = 0;
        int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
        if (main_program) {
            uint64_t want = ALIGN_UP(GUEST_ET_DYN_BASE, align);
            int64_t r = guest_mmap(want, span, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
            if (r >= 0) {
                base = (uint64_t)r;
                guest_munmap(base, span);
            }
        }
        if (!base) {
            int64_t r = guest_mmap(0, span + align - PAGE, PROT_NONE, flags, -1, 0);
            if (r < 0)
                fatal(EXIT_STATUS_CANNOT_RUN, "%s: no room for %#lx bytes in guest memory",
                      img->path, (unsigned long)span);
            guest_munmap((uint64_t)r, span + align - PAGE);
            base = ALIGN_UP((uint64_t)r, align);
        }
        bias = base - img->lo;
    }
    for (size_t i = 0; i < img->phnum; i++)
        if (img->ph[i].p_type == PT_LOAD && img->ph[i].p_memsz > 0)
            map_segment(img, i, bias);
    return bias;
}

/* AT_PHDR: from PT_PHDR, else the loaded segment whose file data holds the table (0 if
 * none does, like Linux). */
static uint64_t image_phdr_addr(const struct elf_image *img, uint64_t bias)
{
    uint64_t off = img->phoff, size = img->phnum * sizeof(Elf64_Phdr);
    for (size_t i = 0; i < img->phnum; i++)
        if (img->ph[i].p_type == PT_PHDR)
            return img->ph[i].p_vaddr + bias;
    for (size_t i = 0; i < img->phnum; i++) {
        const GElf_Phdr *ph = &img->ph[i];
        if (ph->p_type == PT_LOAD && ph->p_offset <= off &&
            off - ph->p_offset <= ph->p_filesz && size <= ph->p_filesz - (off - ph->p_offset))
            return ph->p_vaddr + (off - ph->p_offset) + bias;
    }
    return 0;
}

/* s for a one-line message: control characters (a PT_INTERP string can hold any byte but
 * NUL, newlines included) become \xNN. out has room for 4 bytes per byte of s, plus one. */
static const char *printable(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s && n + 5 <= size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(out + n, size - n, "\\x%02x", c);
        else
            out[n++] = (char)c;
    }
    out[n] = '\0';
    return out;
}

/* Where the interpreter named in the program is: under sysroot first, else as is. */
static void resolve_interp(const char *prog, const char *interp, const char *sysroot, char *out,
                           size_t size)
{
    struct stat st;
    if (sysroot && *sysroot) {
        int n = snprintf(out, size, "%s%s%s", sysroot, interp[0] == '/' ? "" : "/", interp);
        if (n > 0 && (size_t)n < size && stat(out, &st) == 0)
            return;
    }
    if (strlen(interp) < size && stat(interp, &st) == 0) {
        strcpy(out, interp);
        return;
    }
    static char shown[4 * 4096 + 1];
    fatal(EXIT_STATUS_NOT_FOUND,
          "%s: interpreter %s not found (use -L DIR to give the guest sysroot)", prog,
          printable(interp, shown, sizeof(shown)));
}

static uint64_t stack_size(void)
{
    struct rlimit rl;
    uint64_t size = DEFAULT_STACK;
    if (getrlimit(RLIMIT_STACK, &rl) == 0)
        size = rl.rlim_cur == RLIM_INFINITY ? GUEST_STACK_MAX : (uint64_t)rl.rlim_cur;
    if (size < MIN_STACK_SIZE)
        size = MIN_STACK_SIZE;
    if (size > GUEST_STACK_MAX)
        size = GUEST_STACK_MAX;
    return ALIGN_UP(size, PAGE);
}

void elf_load(const char *path, const struct target *t, const char *sysroot, struct load_info *li)
{
    elf_load_fd(-1, path, t, sysroot, li);
}

/* ET_EXEC segments are mapped where they say: they must stay off the stack mapping,
 * which is made first (as in Linux, where the stack exists before the ELF is mapped). */
static void check_off_stack(const struct elf_image *img, uint64_t stack_bottom)
{
    if (img->eh.e_type != ET_EXEC)
        return;
    for (size_t i = 0; i < img->phnum; i++) {
        const GElf_Phdr *ph = &img->ph[i];
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
            continue;
        /* checked by image_check_segments: no overflow */
        uint64_t start = ALIGN_DOWN(ph->p_vaddr, PAGE);
        uint64_t end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE);
        if (start < GUEST_STACK_TOP && end > stack_bottom)
            fatal(EXIT_STATUS_CANNOT_RUN, "%s: the program overlaps the stack at %#lx",
                  img->path, (unsigned long)stack_bottom);
    }
}

void elf_load_fd(int fd, const char *path, const struct target *t, const char *sysroot,
                 struct load_info *li)
{
    guest_mem_init();
    memset(li, 0, sizeof(*li));

    struct elf_image prog;
    image_open_fd(path, path, fd, &prog);
    if (image_target(&prog) != t)
        fatal(EXIT_STATUS_CANNOT_RUN, "%s: not a %s program", path, t->name);
    image_check_segments(&prog, true);
    if (prog.interp_index >= 0) {
        const GElf_Phdr *ph = &prog.ph[prog.interp_index];
        if (!read_exact(prog.fd, li->interp, ph->p_filesz, ph->p_offset))
            malformed(path, "cannot read PT_INTERP");
        if (li->interp[ph->p_filesz - 1] != '\0' || li->interp[0] == '\0')
            malformed(path, "PT_INTERP is not a NUL-terminated path");
    }
    uint64_t size = stack_size();
    check_off_stack(&prog, GUEST_STACK_TOP - size);

    /* The stack first, so that nothing placed by a non-fixed mmap (a PIE that does not fit
     * at GUEST_ET_DYN_BASE, the interpreter, the vDSO) can take its place. */
    li->stack_top = GUEST_STACK_TOP;
    int64_t r = guest_mmap(GUEST_STACK_TOP - size, size, GPROT_READ | GPROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE |
                               MAP_STACK,
                           -1, 0);
    if (r < 0)
        fatal(EXIT_STATUS_INTERNAL, "cannot map the guest stack: %s", strerror((int)-r));
    guest_vma_set_name((uint64_t)r, "[stack]");

    uint64_t bias = image_map(&prog, true);
    li->load_bias = bias;
    li->entry = prog.eh.e_entry + bias;
    li->phdr = image_phdr_addr(&prog, bias);
    li->phnum = prog.phnum;
    li->phent = sizeof(Elf64_Phdr);
    li->brk_start = prog.hi + bias;
    guest_brk_init(li->brk_start);
    li->start_pc = li->entry;

    if (li->interp[0]) {
        char where[4096];
        resolve_interp(path, li->interp, sysroot, where, sizeof(where));
        /* Its problems are the program's: messages name both. */
        static char shown[4 * sizeof(where) + 1];
        char *name;
        if (asprintf(&name, "%s: interpreter %s", path,
                     printable(where, shown, sizeof(shown))) < 0)
            fatal(EXIT_STATUS_INTERNAL, "out of memory");
        struct elf_image in;
        image_open(name, where, &in);
        if (in.eh.e_machine != prog.eh.e_machine)
            fatal(EXIT_STATUS_CANNOT_RUN, "%s is not a %s ELF (machine %u)", name, t->name,
                  in.eh.e_machine);
        image_check_segments(&in, false);
        check_off_stack(&in, GUEST_STACK_TOP - size);
        uint64_t in_bias = image_map(&in, false);
        li->interp_base = in_bias;
        li->start_pc = in.eh.e_entry + in_bias;
        image_close(&in);
        free(name);
    }

    /* Last, as Linux maps its vDSO after the ELF. A program whose segments take the whole
     * guest space leaves it no room, or one whose huge bss took the memory the host allows
     * (RLIMIT_DATA, strict overcommit) no memory: the program cannot be run. Tried first with
     * the mapping vdso_map makes, which would only say "cannot map the guest vDSO". */
    if (t->vdso_image) {
        uint64_t len = ALIGN_UP((uint64_t)*t->vdso_image_size, PAGE);
        int64_t room = guest_mmap(0, len, GPROT_READ | GPROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (room < 0) {
            /* No address range free, or no memory for one? PROT_NONE costs no memory. */
            if (guest_mmap(0, len, 0, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) < 0)
                fatal(EXIT_STATUS_CANNOT_RUN, "%s: no room left in guest memory for the vDSO",
                      path);
            fatal(EXIT_STATUS_CANNOT_RUN, "%s: cannot map the vDSO after the program: %s",
                  path, strerror((int)-room));
        }
        guest_munmap((uint64_t)room, len);
    }
    li->vdso_base = vdso_map(t);
    image_close(&prog);
}
