/*
 * elfmutate.c - the deterministic ELF mutator of tests/e2e/fuzz_elf.sh (a host tool, built
 * with the host gcc; no Python needed).
 *
 *   elfmutate [-i INTERP]... IN SEED OUT     writes a mutated copy of IN to OUT
 *   elfmutate --set-interp PATH IN OUT       writes IN with its PT_INTERP naming PATH
 *
 * The same IN and SEED always give the same OUT (a splitmix64 stream seeded with SEED; no
 * clock, no pid). The mutations aim at what a loader reads: fields of the ELF header and the
 * program headers set to values at the edges (0, 1, page boundaries, the 38-bit guest space
 * and past it, wrap-around of 64-bit sums, the file's own size), bit flips and random bytes in
 * the headers, PT_INTERP strings (unterminated, huge, outside the file, naming a directory, a
 * FIFO, the output itself, each -i INTERP given), overlapping and unsorted PT_LOADs, odd
 * PT_GNU_STACK/PT_TLS/PT_DYNAMIC/PT_PHDR, extended program header numbering (PN_XNUM),
 * section header garbage, truncation, and huge sparse files. 1 to 3 of them per output.
 *
 * It prints one line on stdout naming what it did ("ph[3].p_vaddr=0x3ffffff000; truncate=77"),
 * which the fuzz script keeps next to a failing file. A file too short for an ELF header
 * only gets the byte-level mutations. Exit status 0, or 2 for a bad command line or I/O error.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define GUEST_SPACE   (1ULL << 38)      /* crossrun's riscv64 user address space */
#define PAGE          0x1000ULL
#define MAX_INTERPS   32

/* ---- the random stream */

static uint64_t rng_state;

static uint64_t rnd(void)                 /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t below(uint64_t n)         /* uniform enough in [0, n), n > 0 */
{
    return n ? rnd() % n : 0;
}

static bool chance(unsigned percent)
{
    return below(100) < percent;
}

/* ---- the file being mutated */

static uint8_t *buf;
static size_t size, cap;
static uint64_t sparse_size;          /* when non-zero, OUT is extended (sparse) to this size */
static uint64_t far_offset;           /* and, when far_len > 0, far_data is written there */
static uint8_t far_data[4096];
static size_t far_len;
static const char *out_path;
static const char *interps[MAX_INTERPS];
static unsigned ninterps;

/* What the original headers said: targeted mutations find the program headers here even
 * after e_phoff or e_phnum were changed. */
static bool have_ehdr;
static uint64_t ph_off;
static unsigned ph_num;               /* how many entries lie wholly inside the buffer */

static char desc[4096];

static void say(const char *fmt, ...)
{
    size_t n = strlen(desc);
    if (n + 3 >= sizeof(desc))
        return;
    if (n)
        strcpy(desc + n, "; "), n += 2;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(desc + n, sizeof(desc) - n, fmt, ap);
    va_end(ap);
}

static void reserve(size_t n)
{
    if (n <= cap)
        return;
    size_t c = cap ? cap : 4096;
    while (c < n)
        c *= 2;
    buf = realloc(buf, c);
    if (!buf) {
        fprintf(stderr, "elfmutate: out of memory\n");
        exit(2);
    }
    memset(buf + cap, 0, c - cap);
    cap = c;
}

/* Appends n bytes at the end of the file; returns their offset. */
static uint64_t append(const void *p, size_t n)
{
    reserve(size + n);
    memcpy(buf + size, p, n);
    size += n;
    return size - n;
}

static uint64_t get(uint64_t off, unsigned width)
{
    uint64_t v = 0;
    if (off <= size && width <= size - off)
        memcpy(&v, buf + off, width);          /* little-endian host and file */
    return v;
}

static void put(uint64_t off, unsigned width, uint64_t v)
{
    if (off <= size && width <= size - off)
        memcpy(buf + off, &v, width);
}

static Elf64_Ehdr *eh(void) { return (Elf64_Ehdr *)buf; }
static uint64_t ph_at(unsigned i) { return ph_off + (uint64_t)i * sizeof(Elf64_Phdr); }

static void read_input(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "elfmutate: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    uint8_t chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        append(chunk, n);
    fclose(f);
    have_ehdr = size >= sizeof(Elf64_Ehdr) && memcmp(buf, ELFMAG, SELFMAG) == 0;
    if (have_ehdr && eh()->e_phentsize == sizeof(Elf64_Phdr) && eh()->e_phoff < size) {
        ph_off = eh()->e_phoff;
        uint64_t fit = (size - ph_off) / sizeof(Elf64_Phdr);
        ph_num = eh()->e_phnum < fit ? eh()->e_phnum : (unsigned)fit;
    }
}

static void write_output(void)
{
    int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0 || (size && write(fd, buf, size) != (ssize_t)size)) {
        fprintf(stderr, "elfmutate: %s: %s\n", out_path, strerror(errno));
        exit(2);
    }
    if (sparse_size > size) {
        /* The largest the file system takes, halving from what was asked. */
        uint64_t s = sparse_size;
        while (s > size && ftruncate(fd, (off_t)s) != 0)
            s /= 2;
        if (far_len && far_offset + far_len <= s &&
            pwrite(fd, far_data, far_len, (off_t)far_offset) != (ssize_t)far_len) {
            fprintf(stderr, "elfmutate: %s: %s\n", out_path, strerror(errno));
            exit(2);
        }
    }
    fchmod(fd, 0755);
    close(fd);
}

/* ---- interesting values */

/* An address: near 0, the guest's lowest page, the top of the 38-bit space and past it,
 * where crossrun places things, the old value nudged, or random. */
static uint64_t pick_addr(uint64_t old)
{
    static const uint64_t fixed[] = {
        0, 1, 0xfff, 0x1000, 0x8000, 0xffff, 0x10000, 0x10001, 0x7fffffff, 0xffffffff,
        0x100000000ULL, 0x2aaaaaa000ULL, 0x3f00000000ULL, GUEST_SPACE - 0x20000,
        GUEST_SPACE - 0x10000, GUEST_SPACE - 0x1000, GUEST_SPACE - 1, GUEST_SPACE,
        GUEST_SPACE + 0x1000, 1ULL << 39, 1ULL << 47, 1ULL << 48, 1ULL << 63,
        UINT64_MAX - 0xfff, UINT64_MAX - 0x10, UINT64_MAX,
    };
    switch (below(6)) {
    case 0: case 1: return fixed[below(ARRAY_SIZE(fixed))];
    case 2: return old + (below(2) ? 1 : -1) * (below(2) ? below(16) : PAGE * (1 + below(4)));
    case 3: return old ^ (1ULL << below(64));
    case 4: return below(GUEST_SPACE);
    default: return rnd();
    }
}

/* A size; vaddr (when known) lets it land exactly on or just past the top, or wrap. */
static uint64_t pick_size(uint64_t old, uint64_t vaddr)
{
    static const uint64_t fixed[] = {
        0, 1, 2, 0xfff, 0x1000, 0x1001, 0x10000, 1ULL << 31, 1ULL << 32, GUEST_SPACE / 4,
        GUEST_SPACE / 4 + 0x1000, GUEST_SPACE - 0x1000, GUEST_SPACE, 1ULL << 63,
        UINT64_MAX - 0xfff, UINT64_MAX,
    };
    switch (below(7)) {
    case 0: case 1: return fixed[below(ARRAY_SIZE(fixed))];
    case 2: return old + (below(2) ? 1 : -1) * (below(2) ? below(16) : PAGE * (1 + below(4)));
    case 3: return old * 2 + below(2);
    case 4: return (vaddr < GUEST_SPACE ? GUEST_SPACE - vaddr : 0) + below(3) * 0x800;
    case 5: return -vaddr + below(3) * 0x800;        /* vaddr + size wraps around to ~0 */
    default: return below(2) ? rnd() : below(size + 0x10000);
    }
}

/* A file offset: inside, at and past the end, huge, nudged. */
static uint64_t pick_offset(uint64_t old)
{
    switch (below(8)) {
    case 0: return 0;
    case 1: return size;
    case 2: return size - 1;
    case 3: return size + 1 + below(PAGE);
    case 4: return old + (below(2) ? 1 : -1) * (below(2) ? below(16) : PAGE);
    case 5: return below(2) ? UINT64_MAX - below(64) : (1ULL << 63) - below(64);
    case 6: return below(size + 1);
    default: return rnd();
    }
}

static uint64_t pick_align(void)
{
    static const uint64_t fixed[] = {
        0, 1, 2, 3, 8, 0x800, 0x1000, 0x1001, 0x10000, 0x200000, 1ULL << 30, 1ULL << 31,
        1ULL << 38, 1ULL << 40, 1ULL << 63, UINT64_MAX,
    };
    return below(5) ? fixed[below(ARRAY_SIZE(fixed))] : rnd();
}

static uint32_t pick_type(void)
{
    static const uint32_t fixed[] = {
        PT_NULL, PT_LOAD, PT_LOAD, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_INTERP, PT_NOTE,
        PT_SHLIB, PT_PHDR, PT_TLS, PT_GNU_EH_FRAME, PT_GNU_STACK, PT_GNU_RELRO,
        0x6474e553 /* PT_GNU_PROPERTY */, 0x70000003 /* PT_RISCV_ATTRIBUTES */, PT_LOPROC,
        PT_HIOS, 0xffffffff,
    };
    return below(6) ? fixed[below(ARRAY_SIZE(fixed))] : (uint32_t)rnd();
}

/* ---- mutations of the ELF header */

static void mutate_ehdr_field(void)
{
    Elf64_Ehdr *h = eh();
    uint64_t phend = h->e_phoff + (uint64_t)h->e_phnum * sizeof(Elf64_Phdr);
    switch (below(14)) {
    case 0: {
        static const uint16_t t[] = {ET_NONE, ET_REL, ET_EXEC, ET_DYN, ET_CORE, 0xfe00, 0xffff};
        h->e_type = t[below(ARRAY_SIZE(t))];
        say("e_type=%u", h->e_type);
        break;
    }
    case 1: case 2:
        h->e_entry = pick_addr(h->e_entry);
        say("e_entry=%#llx", (unsigned long long)h->e_entry);
        break;
    case 3: case 4: {
        static const uint64_t o[] = {0, 1, 8, 63, 64, 65, 0x1000, UINT64_MAX, UINT64_MAX - 55,
                                     1ULL << 63, 0xffffffff};
        switch (below(4)) {
        case 0: h->e_phoff = o[below(ARRAY_SIZE(o))]; break;
        case 1: h->e_phoff = size - (uint64_t)h->e_phnum * sizeof(Elf64_Phdr) + below(3); break;
        case 2: h->e_phoff = pick_offset(h->e_phoff); break;
        default: h->e_phoff = h->e_phoff + below(2 * sizeof(Elf64_Phdr)) - sizeof(Elf64_Phdr); break;
        }
        say("e_phoff=%#llx", (unsigned long long)h->e_phoff);
        break;
    }
    case 5: case 6: {
        static const uint16_t n[] = {0, 1, 2, 1170, 1171, 4096, PN_XNUM - 1, PN_XNUM};
        switch (below(3)) {
        case 0: h->e_phnum = n[below(ARRAY_SIZE(n))]; break;
        case 1: h->e_phnum = (uint16_t)(h->e_phnum + below(5) - 2); break;
        default: h->e_phnum = (uint16_t)rnd(); break;
        }
        say("e_phnum=%u", h->e_phnum);
        break;
    }
    case 7: {
        static const uint16_t n[] = {0, 1, 32, 55, 57, 64, 0xffff};
        h->e_phentsize = n[below(ARRAY_SIZE(n))];
        say("e_phentsize=%u", h->e_phentsize);
        break;
    }
    case 8:
        h->e_ehsize = (uint16_t)(below(2) ? rnd() : below(128));
        say("e_ehsize=%u", h->e_ehsize);
        break;
    case 9:
        h->e_flags = (uint32_t)rnd();
        say("e_flags=%#x", h->e_flags);
        break;
    case 10:
        h->e_version = below(2) ? 0 : (uint32_t)rnd();
        say("e_version=%u", h->e_version);
        break;
    case 11: {
        static const uint16_t m[] = {0, EM_386, EM_X86_64, EM_AARCH64, EM_ARM, 0xffff};
        h->e_machine = below(2) ? m[below(ARRAY_SIZE(m))] : (uint16_t)rnd();
        say("e_machine=%u", h->e_machine);
        break;
    }
    case 12: {
        unsigned i = (unsigned)below(EI_NIDENT);
        h->e_ident[i] = (uint8_t)(below(2) ? rnd() : below(4));
        say("e_ident[%u]=%u", i, h->e_ident[i]);
        break;
    }
    default:
        /* the program header table moved to the end of the file, or overlapping itself */
        if (phend <= size && h->e_phoff < size) {
            uint64_t n = phend - h->e_phoff;
            uint8_t *copy = malloc(n ? n : 1);
            memcpy(copy, buf + h->e_phoff, n);
            uint64_t at = append(copy, n);
            free(copy);
            h = eh();
            h->e_phoff = at;
            say("e_phoff=%#llx (table moved to the end)", (unsigned long long)at);
        }
        break;
    }
}

/* ---- mutations of one program header */

static void mutate_phdr_field(unsigned i)
{
    uint64_t p = ph_at(i);
    uint64_t vaddr = get(p + offsetof(Elf64_Phdr, p_vaddr), 8);
    switch (below(10)) {
    case 0:
        put(p + offsetof(Elf64_Phdr, p_type), 4, pick_type());
        say("ph[%u].p_type=%#llx", i, (unsigned long long)get(p, 4));
        break;
    case 1: {
        uint32_t f = below(2) ? (uint32_t)below(8) : (uint32_t)rnd();
        put(p + offsetof(Elf64_Phdr, p_flags), 4, f);
        say("ph[%u].p_flags=%#x", i, f);
        break;
    }
    case 2: {
        uint64_t v = pick_offset(get(p + offsetof(Elf64_Phdr, p_offset), 8));
        put(p + offsetof(Elf64_Phdr, p_offset), 8, v);
        say("ph[%u].p_offset=%#llx", i, (unsigned long long)v);
        break;
    }
    case 3: case 4: {
        uint64_t v = pick_addr(vaddr);
        if (chance(50))     /* keep vaddr == offset modulo the page, so the check passes */
            v = (v & ~(PAGE - 1)) | (vaddr & (PAGE - 1));
        put(p + offsetof(Elf64_Phdr, p_vaddr), 8, v);
        say("ph[%u].p_vaddr=%#llx", i, (unsigned long long)v);
        break;
    }
    case 5: {
        uint64_t v = pick_addr(get(p + offsetof(Elf64_Phdr, p_paddr), 8));
        put(p + offsetof(Elf64_Phdr, p_paddr), 8, v);
        say("ph[%u].p_paddr=%#llx", i, (unsigned long long)v);
        break;
    }
    case 6: {
        uint64_t v = pick_size(get(p + offsetof(Elf64_Phdr, p_filesz), 8), vaddr);
        put(p + offsetof(Elf64_Phdr, p_filesz), 8, v);
        say("ph[%u].p_filesz=%#llx", i, (unsigned long long)v);
        break;
    }
    case 7: case 8: {
        uint64_t v = pick_size(get(p + offsetof(Elf64_Phdr, p_memsz), 8), vaddr);
        put(p + offsetof(Elf64_Phdr, p_memsz), 8, v);
        say("ph[%u].p_memsz=%#llx", i, (unsigned long long)v);
        break;
    }
    default: {
        uint64_t v = pick_align();
        put(p + offsetof(Elf64_Phdr, p_align), 8, v);
        say("ph[%u].p_align=%#llx", i, (unsigned long long)v);
        break;
    }
    }
}

static int find_phdr(uint32_t type, unsigned nth)
{
    for (unsigned i = 0; i < ph_num; i++)
        if (get(ph_at(i), 4) == type && nth-- == 0)
            return (int)i;
    return -1;
}

static unsigned count_phdr(uint32_t type)
{
    unsigned n = 0;
    for (unsigned i = 0; i < ph_num; i++)
        n += get(ph_at(i), 4) == type;
    return n;
}

/* ---- PT_INTERP */

/* The PT_INTERP header, making one out of a header the loader does not need if there is none. */
static int interp_phdr(void)
{
    int i = find_phdr(PT_INTERP, 0);
    if (i >= 0)
        return i;
    static const uint32_t spare[] = {PT_NOTE, PT_GNU_STACK, 0x70000003, PT_GNU_RELRO,
                                     0x6474e553, PT_GNU_EH_FRAME, PT_NULL, PT_PHDR};
    for (unsigned k = 0; k < ARRAY_SIZE(spare); k++)
        if ((i = find_phdr(spare[k], 0)) >= 0)
            break;
    if (i < 0)
        return -1;
    put(ph_at((unsigned)i), 4, PT_INTERP);
    return i;
}

/* Points program header i at a new NUL-terminated copy of s at the end of the file. */
static void set_interp_string(int i, const char *s, size_t len)
{
    uint64_t p = ph_at((unsigned)i);
    uint64_t off = append(s, len);
    append("", 1);
    put(p + offsetof(Elf64_Phdr, p_offset), 8, off);
    put(p + offsetof(Elf64_Phdr, p_filesz), 8, len + 1);
    put(p + offsetof(Elf64_Phdr, p_memsz), 8, len + 1);
}

static void mutate_interp(void)
{
    int i = interp_phdr();
    if (i < 0)
        return;
    uint64_t p = ph_at((unsigned)i);
    uint64_t off = get(p + offsetof(Elf64_Phdr, p_offset), 8);
    uint64_t len = get(p + offsetof(Elf64_Phdr, p_filesz), 8);
    switch (below(12)) {
    case 0:                                   /* unterminated */
        if (len > 0 && off < size && len <= size - off) {
            buf[off + len - 1] = 'x';
            say("PT_INTERP unterminated");
        }
        break;
    case 1: {                                 /* runs to the end of the file, no NUL */
        static const char tail[] = "/lib/ld-no-nul";
        off = append(tail, sizeof(tail) - 1);
        put(p + offsetof(Elf64_Phdr, p_offset), 8, off);
        put(p + offsetof(Elf64_Phdr, p_filesz), 8, sizeof(tail) - 1 + below(2));
        say("PT_INTERP at the end of the file, no NUL");
        break;
    }
    case 2: {                                 /* sizes */
        static const uint64_t n[] = {0, 1, 2, 4095, 4096, 4097, 1 << 20, UINT64_MAX,
                                     UINT64_MAX - 1};
        uint64_t v = below(2) ? n[below(ARRAY_SIZE(n))] : rnd();
        put(p + offsetof(Elf64_Phdr, p_filesz), 8, v);
        say("PT_INTERP p_filesz=%#llx", (unsigned long long)v);
        break;
    }
    case 3: {                                 /* outside the file */
        uint64_t v = pick_offset(off);
        put(p + offsetof(Elf64_Phdr, p_offset), 8, v);
        say("PT_INTERP p_offset=%#llx", (unsigned long long)v);
        break;
    }
    case 4: {                                 /* a huge path */
        size_t n = below(2) ? 4095 - below(3) : 4096 + below(8192);
        char *s = malloc(n);
        for (size_t k = 0; k < n; k++)
            s[k] = k % 2 ? 'a' : '/';
        set_interp_string(i, s, n);
        free(s);
        say("PT_INTERP a %zu-byte path", n);
        break;
    }
    case 5:                                   /* itself */
        set_interp_string(i, out_path, strlen(out_path));
        say("PT_INTERP=%s (itself)", out_path);
        break;
    case 6: {                                 /* a second PT_INTERP */
        int j = (int)below(ph_num);
        if (j != i) {
            put(ph_at((unsigned)j), 4, PT_INTERP);
            put(ph_at((unsigned)j) + offsetof(Elf64_Phdr, p_offset), 8, below(size));
            put(ph_at((unsigned)j) + offsetof(Elf64_Phdr, p_filesz), 8, below(64));
            say("ph[%d] a second PT_INTERP", j);
        }
        break;
    }
    case 7: {                                 /* fixed odd strings */
        static const char *const s[] = {"", "/", ".", "..", "ld.so", "/dev/zero", "/dev/null",
                                        "/proc/self/exe", "/etc/passwd", "/nonexistent/ld.so",
                                        "/proc/self/fd/0", "/tmp", "//", "/lib/"};
        const char *v = s[below(ARRAY_SIZE(s))];
        set_interp_string(i, v, strlen(v));
        say("PT_INTERP=\"%s\"", v);
        break;
    }
    default:                                  /* one of the -i paths */
        if (ninterps) {
            const char *v = interps[below(ninterps)];
            set_interp_string(i, v, strlen(v));
            say("PT_INTERP=%s", v);
        }
        break;
    }
}

/* ---- the layout of PT_LOAD segments */

static void swap_phdrs(unsigned a, unsigned b)
{
    Elf64_Phdr x, y;
    memcpy(&x, buf + ph_at(a), sizeof(x));
    memcpy(&y, buf + ph_at(b), sizeof(y));
    memcpy(buf + ph_at(a), &y, sizeof(y));
    memcpy(buf + ph_at(b), &x, sizeof(x));
}

static void mutate_loads(void)
{
    unsigned nload = count_phdr(PT_LOAD);
    if (nload == 0)
        return;
    int a = find_phdr(PT_LOAD, (unsigned)below(nload));
    int b = find_phdr(PT_LOAD, (unsigned)below(nload));
    uint64_t pa = ph_at((unsigned)a), pb = ph_at((unsigned)b);
    uint64_t va = get(pa + offsetof(Elf64_Phdr, p_vaddr), 8);
    uint64_t off = get(pa + offsetof(Elf64_Phdr, p_offset), 8);
    uint64_t fsz = get(pa + offsetof(Elf64_Phdr, p_filesz), 8);
    uint64_t msz = get(pa + offsetof(Elf64_Phdr, p_memsz), 8);
    switch (below(10)) {
    case 0:
        if (a != b) {
            swap_phdrs((unsigned)a, (unsigned)b);
            say("ph[%d] and ph[%d] swapped (unsorted)", a, b);
        }
        break;
    case 1:                               /* b becomes a copy of a: exact overlap */
        if (a != b) {
            memcpy(buf + pb, buf + pa, sizeof(Elf64_Phdr));
            say("ph[%d] = ph[%d] (overlap)", b, a);
        }
        break;
    case 2: {                             /* b starts inside a */
        uint64_t v = va + (msz ? below(msz) : 0);
        put(pb + offsetof(Elf64_Phdr, p_vaddr), 8, v);
        say("ph[%d].p_vaddr=%#llx inside ph[%d]", b, (unsigned long long)v, a);
        break;
    }
    case 3: {                             /* file size larger than memory size */
        uint64_t v = msz + 1 + below(2 * PAGE);
        put(pa + offsetof(Elf64_Phdr, p_filesz), 8, v);
        say("ph[%d].p_filesz=%#llx > p_memsz", a, (unsigned long long)v);
        break;
    }
    case 4: {                             /* near 0 */
        uint64_t v = (below(0x11) * PAGE) | (off & (PAGE - 1));
        put(pa + offsetof(Elf64_Phdr, p_vaddr), 8, v);
        say("ph[%d].p_vaddr=%#llx (near 0)", a, (unsigned long long)v);
        break;
    }
    case 5: {                             /* at the top of the guest space */
        uint64_t v = ((GUEST_SPACE - (1 + below(0x20)) * PAGE) & ~(PAGE - 1)) | (off & (PAGE - 1));
        put(pa + offsetof(Elf64_Phdr, p_vaddr), 8, v);
        if (chance(50)) {
            uint64_t m = GUEST_SPACE - v + below(3) * 0x800 - 0x800;
            put(pa + offsetof(Elf64_Phdr, p_memsz), 8, m);
            if (fsz > m)
                put(pa + offsetof(Elf64_Phdr, p_filesz), 8, m);
        }
        say("ph[%d].p_vaddr=%#llx (top of the guest space)", a, (unsigned long long)v);
        break;
    }
    case 6: {                             /* beyond it */
        uint64_t v = ((GUEST_SPACE << below(26)) + below(4) * PAGE) | (off & (PAGE - 1));
        put(pa + offsetof(Elf64_Phdr, p_vaddr), 8, v);
        say("ph[%d].p_vaddr=%#llx (beyond the guest space)", a, (unsigned long long)v);
        break;
    }
    case 7: {                             /* vaddr + memsz wraps */
        uint64_t m = -va + below(0x3000);
        put(pa + offsetof(Elf64_Phdr, p_memsz), 8, m);
        if (chance(30))
            put(pa + offsetof(Elf64_Phdr, p_filesz), 8, m);
        say("ph[%d].p_memsz=%#llx (wraps)", a, (unsigned long long)m);
        break;
    }
    case 8: {                             /* a big bss, or every PT_LOAD empty */
        if (chance(50)) {
            uint64_t m = msz + (1ULL << (20 + below(18)));
            put(pa + offsetof(Elf64_Phdr, p_memsz), 8, m);
            say("ph[%d].p_memsz=%#llx (big bss)", a, (unsigned long long)m);
        } else {
            for (unsigned i = 0; i < ph_num; i++)
                if (get(ph_at(i), 4) == PT_LOAD) {
                    put(ph_at(i) + offsetof(Elf64_Phdr, p_filesz), 8, 0);
                    put(ph_at(i) + offsetof(Elf64_Phdr, p_memsz), 8, 0);
                }
            say("every PT_LOAD empty");
        }
        break;
    }
    default: {                            /* a new PT_LOAD in place of another header */
        int j = (int)below(ph_num);
        uint64_t pj = ph_at((unsigned)j);
        Elf64_Phdr n = {
            .p_type = PT_LOAD, .p_flags = (uint32_t)below(8), .p_offset = pick_offset(off),
            .p_vaddr = pick_addr(va), .p_filesz = pick_size(fsz, va), .p_align = PAGE,
        };
        n.p_memsz = chance(50) ? n.p_filesz : pick_size(msz, n.p_vaddr);
        memcpy(buf + pj, &n, sizeof(n));
        say("ph[%d] a new PT_LOAD off %#llx vaddr %#llx filesz %#llx memsz %#llx", j,
            (unsigned long long)n.p_offset, (unsigned long long)n.p_vaddr,
            (unsigned long long)n.p_filesz, (unsigned long long)n.p_memsz);
        break;
    }
    }
}

/* ---- PT_GNU_STACK, PT_TLS, PT_DYNAMIC, PT_PHDR */

static void mutate_special(void)
{
    static const uint32_t types[] = {PT_GNU_STACK, PT_TLS, PT_DYNAMIC, PT_PHDR, PT_GNU_RELRO,
                                     PT_NOTE, 0x70000003};
    uint32_t type = types[below(ARRAY_SIZE(types))];
    int i = find_phdr(type, 0);
    if (i < 0) {                          /* make one out of something */
        i = (int)below(ph_num);
        if (get(ph_at((unsigned)i), 4) == PT_LOAD && chance(70))
            return;
        put(ph_at((unsigned)i), 4, type);
    }
    uint64_t p = ph_at((unsigned)i);
    for (unsigned k = 1 + (unsigned)below(3); k > 0; k--)
        mutate_phdr_field((unsigned)i);
    if (chance(20) && type == PT_GNU_STACK)
        put(p + offsetof(Elf64_Phdr, p_flags), 4, PF_R | PF_W | PF_X);
    say("(ph[%d] is type %#x)", i, type);
}

/* ---- extended numbering: e_phnum = PN_XNUM, the count in section 0's sh_info */

static void mutate_xnum(void)
{
    Elf64_Shdr s0 = {0};
    static const uint32_t n[] = {0, 1, 7, 1170, 1171, 65535, 65536, 0x7fffffff, 0xffffffff};
    s0.sh_info = below(2) ? n[below(ARRAY_SIZE(n))] : (uint32_t)(ph_num + below(3) - 1);
    s0.sh_size = below(2) ? 0 : rnd();
    uint64_t at = append(&s0, sizeof(s0));
    Elf64_Ehdr *h = eh();
    h->e_phnum = PN_XNUM;
    h->e_shoff = chance(80) ? at : pick_offset(at);
    h->e_shentsize = sizeof(Elf64_Shdr);
    h->e_shnum = below(2) ? 0 : (uint16_t)below(4);
    say("PN_XNUM, section 0 sh_info=%u sh_size=%#llx e_shoff=%#llx e_shnum=%u", s0.sh_info,
        (unsigned long long)s0.sh_size, (unsigned long long)h->e_shoff, h->e_shnum);
}

/* ---- section headers (crossrun does not need them; libelf may read them) */

static void mutate_sections(void)
{
    Elf64_Ehdr *h = eh();
    switch (below(7)) {
    case 0:
        h->e_shoff = pick_offset(h->e_shoff);
        say("e_shoff=%#llx", (unsigned long long)h->e_shoff);
        break;
    case 1:
        h->e_shnum = (uint16_t)(below(2) ? rnd() : below(4));
        say("e_shnum=%u", h->e_shnum);
        break;
    case 2:
        h->e_shentsize = (uint16_t)(below(2) ? rnd() : below(128));
        say("e_shentsize=%u", h->e_shentsize);
        break;
    case 3:
        h->e_shstrndx = (uint16_t)(below(2) ? rnd() : SHN_XINDEX);
        say("e_shstrndx=%u", h->e_shstrndx);
        break;
    case 4: {                             /* random bytes over the section header table */
        uint64_t shend = h->e_shoff + (uint64_t)h->e_shnum * sizeof(Elf64_Shdr);
        if (h->e_shoff < size && shend <= size && shend > h->e_shoff) {
            unsigned k = 1 + (unsigned)below(64);
            for (unsigned j = 0; j < k; j++)
                buf[h->e_shoff + below(shend - h->e_shoff)] = (uint8_t)rnd();
            say("%u random bytes in the section headers", k);
        }
        break;
    }
    case 5: {                             /* e_shnum = 0: the count is section 0's sh_size */
        Elf64_Shdr s0 = {0};
        s0.sh_size = below(2) ? rnd() : (1ULL << (16 + below(30)));
        s0.sh_link = (uint32_t)(below(2) ? rnd() : 0);
        uint64_t at = append(&s0, sizeof(s0));
        h = eh();
        h->e_shoff = at;
        h->e_shnum = 0;
        h->e_shentsize = sizeof(Elf64_Shdr);
        say("e_shnum=0, section 0 sh_size=%#llx", (unsigned long long)s0.sh_size);
        break;
    }
    default:                              /* no section headers at all (sstrip) */
        h->e_shoff = 0;
        h->e_shnum = 0;
        h->e_shstrndx = 0;
        say("no section headers");
        break;
    }
}

/* ---- huge sparse files */

static void mutate_sparse(void)
{
    sparse_size = 1ULL << (32 + below(12));           /* 4 GiB .. 8 TiB */
    Elf64_Ehdr *h = eh();
    switch (below(4)) {
    case 0:
        say("sparse size %#llx", (unsigned long long)sparse_size);
        break;
    case 1: {                              /* the program headers at the far end */
        uint64_t n = (uint64_t)ph_num * sizeof(Elf64_Phdr);
        if (n && n <= sizeof(far_data)) {
            memcpy(far_data, buf + ph_off, n);
            far_len = n;
            far_offset = sparse_size - n - below(2) * PAGE;
            h->e_phoff = far_offset;
            say("sparse size %#llx, program headers at %#llx", (unsigned long long)sparse_size,
                (unsigned long long)far_offset);
        }
        break;
    }
    case 2: {                              /* a PT_LOAD whose file data is gigabytes of holes */
        int i = find_phdr(PT_LOAD, (unsigned)below(count_phdr(PT_LOAD) ? count_phdr(PT_LOAD) : 1));
        if (i >= 0) {
            uint64_t p = ph_at((unsigned)i);
            uint64_t v = get(p + offsetof(Elf64_Phdr, p_vaddr), 8);
            uint64_t o = (sparse_size / 2) | (v & (PAGE - 1));
            uint64_t n = below(2) ? sparse_size / 4 : sparse_size - o;
            put(p + offsetof(Elf64_Phdr, p_offset), 8, o);
            put(p + offsetof(Elf64_Phdr, p_filesz), 8, n);
            put(p + offsetof(Elf64_Phdr, p_memsz), 8, n + below(2) * PAGE);
            say("sparse size %#llx, ph[%d] file data %#llx bytes at %#llx",
                (unsigned long long)sparse_size, i, (unsigned long long)n, (unsigned long long)o);
        }
        break;
    }
    default: {                              /* section count from a huge section 0 */
        Elf64_Shdr s0 = {0};
        s0.sh_size = sparse_size / sizeof(Elf64_Shdr) - below(4);
        uint64_t at = append(&s0, sizeof(s0));
        h = eh();
        h->e_shoff = at;
        h->e_shnum = 0;
        h->e_shentsize = sizeof(Elf64_Shdr);
        say("sparse size %#llx, e_shnum=0, section 0 sh_size=%#llx",
            (unsigned long long)sparse_size, (unsigned long long)s0.sh_size);
        break;
    }
    }
}

/* ---- byte level */

static void flip_bits(uint64_t lo, uint64_t hi, bool randomise)
{
    if (hi > size)
        hi = size;
    if (hi <= lo)
        return;
    unsigned n = 1 + (unsigned)below(8);
    for (unsigned k = 0; k < n; k++) {
        uint64_t at = lo + below(hi - lo);
        if (randomise)
            buf[at] = (uint8_t)rnd();
        else
            buf[at] ^= (uint8_t)(1u << below(8));
    }
    say("%u %s in [%#llx, %#llx)", n, randomise ? "random bytes" : "bit flips",
        (unsigned long long)lo, (unsigned long long)hi);
}

static void truncate_file(void)
{
    uint64_t phend = ph_off + (uint64_t)ph_num * sizeof(Elf64_Phdr);
    uint64_t n;
    switch (below(5)) {
    case 0: n = below(65); break;
    case 1: n = phend > 0 ? below(phend + 1) : 0; break;
    case 2: n = phend + below(PAGE); break;
    case 3: {                              /* inside a PT_LOAD's file data */
        int i = find_phdr(PT_LOAD, (unsigned)below(count_phdr(PT_LOAD) + 1));
        uint64_t o = i < 0 ? 0 : get(ph_at((unsigned)i) + offsetof(Elf64_Phdr, p_offset), 8);
        uint64_t f = i < 0 ? 0 : get(ph_at((unsigned)i) + offsetof(Elf64_Phdr, p_filesz), 8);
        n = o + (f ? below(f) : 0);
        break;
    }
    default: n = below(size + 1); break;
    }
    if (n < size) {
        size = n;
        say("truncate=%llu", (unsigned long long)n);
    }
}

/* ---- driver */

static void mutate_once(void)
{
    uint64_t phend = ph_off + (uint64_t)ph_num * sizeof(Elf64_Phdr);
    unsigned w = (unsigned)below(100);
    if (!have_ehdr || w < 6) {
        flip_bits(0, phend > 64 ? phend : 64, below(3) == 0);
    } else if (w < 20) {
        mutate_ehdr_field();
    } else if (w < 42) {
        if (ph_num)
            mutate_phdr_field((unsigned)below(ph_num));
    } else if (w < 54) {
        if (ph_num)
            mutate_interp();
    } else if (w < 66) {
        if (ph_num)
            mutate_loads();
    } else if (w < 73) {
        if (ph_num)
            mutate_special();
    } else if (w < 79) {
        truncate_file();
    } else if (w < 85) {
        mutate_sections();
    } else if (w < 88) {
        mutate_sparse();
    } else if (w < 90) {
        mutate_xnum();
    } else if (w < 94) {
        flip_bits(0, size, below(2));        /* anywhere: code and data too */
    } else {
        flip_bits(0, phend > 64 ? phend : 64, true);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: elfmutate [-i INTERP]... IN SEED OUT\n"
                    "       elfmutate --set-interp PATH IN OUT\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int a = 1;
    if (argc == 5 && strcmp(argv[1], "--set-interp") == 0) {
        out_path = argv[4];
        read_input(argv[3]);
        int i = have_ehdr ? interp_phdr() : -1;
        if (i < 0) {
            fprintf(stderr, "elfmutate: %s: no program header to use as PT_INTERP\n", argv[3]);
            return 2;
        }
        set_interp_string(i, argv[2], strlen(argv[2]));
        write_output();
        printf("PT_INTERP=%s\n", argv[2]);
        return 0;
    }
    while (a + 1 < argc && strcmp(argv[a], "-i") == 0) {
        if (ninterps < MAX_INTERPS)
            interps[ninterps++] = argv[a + 1];
        a += 2;
    }
    if (argc - a != 3)
        usage();
    char *end;
    errno = 0;
    uint64_t seed = strtoull(argv[a + 1], &end, 0);
    if (errno || *end || end == argv[a + 1])
        usage();
    rng_state = seed * 0x2545f4914f6cdd1dULL + 0x1234567;
    out_path = argv[a + 2];
    read_input(argv[a]);
    unsigned n = 1 + (unsigned)below(3);
    for (unsigned k = 0; k < n; k++)
        mutate_once();
    if (!desc[0])
        say("no change");
    write_output();
    printf("%s\n", desc);
    return 0;
}
