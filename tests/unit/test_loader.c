/*
 * test_loader.c - unit tests of the ELF loader (src/loader/elf_load.c, stack.c).
 *
 * ELF files are written byte by byte here: one small valid riscv64 program (two PT_LOAD
 * segments, optional PT_INTERP) that each case then corrupts one field of. Because a bad
 * file is fatal(), every case runs in a forked child whose exit status and stderr the parent
 * checks: one line, "crossrun: " first, naming the file and the reason. Successful loads run
 * in children too (each load builds a fresh address space); the child's own CHECK failures
 * become its exit status. If riscv64-linux-gnu-gcc is installed, real static and dynamic
 * programs are also built and loaded.
 */
#define TEST_MAIN
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"
#include "loader/guest_mem.h"
#include "loader/loader.h"
#include "syscalls/syscall.h"
#include "targets/target.h"

/* Stubs for what other parts of crossrun provide; the real ones win when linked. The stub
 * target has a one-page vDSO image (zeros) so that loads map one, as the real target does. */
static uint64_t stub_hwcap(struct cpu *cpu) { (void)cpu; return 0x1234; }
static const uint8_t stub_vdso[4096];
static const size_t stub_vdso_size = sizeof(stub_vdso);
static const struct target stub_riscv64 = {
    .name = "riscv64", .elf_machine = EM_RISCV, .elf_class = ELFCLASS64,
    .hwcap = stub_hwcap, .stack_align = 16,
    .vdso_image = stub_vdso, .vdso_image_size = &stub_vdso_size,
};
__attribute__((weak)) const struct target *target_by_elf_machine(uint16_t machine)
{
    return machine == EM_RISCV ? &stub_riscv64 : NULL;
}
__attribute__((weak)) struct guest_process guest_process;

#define PG 0x1000
#define CODE_OFF   0x180               /* "code" bytes, entry point */
#define INTERP_OFF 0x1c0               /* PT_INTERP string */
#define DATA_OFF   0x1000              /* data segment: 0x10 bytes of file data + bss */
#define FILE_SIZE  0x1100              /* 0x1010..0x1100 is junk that must not show in bss */

static char tmpdir[64];
static pid_t main_pid;           /* children (which exit through fatal) must not clean up */

/* A minimal valid ET_EXEC riscv64 program image. */
struct elf_buf {
    uint8_t b[FILE_SIZE];
    size_t size;
};

static Elf64_Ehdr *ehdr(struct elf_buf *e) { return (Elf64_Ehdr *)e->b; }
static Elf64_Phdr *phdr(struct elf_buf *e, int i) { return (Elf64_Phdr *)(e->b + 64) + i; }

static void elf_init(struct elf_buf *e, uint16_t type, uint64_t base, const char *interp)
{
    memset(e, 0, sizeof(*e));
    e->size = FILE_SIZE;
    Elf64_Ehdr *h = ehdr(e);
    memcpy(h->e_ident, ELFMAG, SELFMAG);
    h->e_ident[EI_CLASS] = ELFCLASS64;
    h->e_ident[EI_DATA] = ELFDATA2LSB;
    h->e_ident[EI_VERSION] = EV_CURRENT;
    h->e_type = type;
    h->e_machine = EM_RISCV;
    h->e_version = EV_CURRENT;
    h->e_entry = base + CODE_OFF;
    h->e_phoff = 64;
    h->e_ehsize = sizeof(Elf64_Ehdr);
    h->e_phentsize = sizeof(Elf64_Phdr);
    int n = 0;
    if (interp) {
        *phdr(e, n++) = (Elf64_Phdr){
            .p_type = PT_INTERP, .p_offset = INTERP_OFF, .p_vaddr = base + INTERP_OFF,
            .p_filesz = strlen(interp) + 1, .p_memsz = strlen(interp) + 1, .p_flags = PF_R,
            .p_align = 1,
        };
        strcpy((char *)e->b + INTERP_OFF, interp);
    }
    *phdr(e, n++) = (Elf64_Phdr){
        .p_type = PT_LOAD, .p_offset = 0, .p_vaddr = base, .p_filesz = 0x200,
        .p_memsz = 0x200, .p_flags = PF_R | PF_X, .p_align = PG,
    };
    *phdr(e, n++) = (Elf64_Phdr){
        .p_type = PT_LOAD, .p_offset = DATA_OFF, .p_vaddr = base + PG + DATA_OFF,
        .p_filesz = 0x10, .p_memsz = 0x2000, .p_flags = PF_R | PF_W, .p_align = PG,
    };
    h->e_phnum = (uint16_t)n;
    memcpy(e->b + CODE_OFF, "\x13\x00\x00\x00", 4);                 /* nop */
    memset(e->b + DATA_OFF, 0xd1, 0x10);
    memset(e->b + DATA_OFF + 0x10, 0xee, FILE_SIZE - DATA_OFF - 0x10);
}

static const char *write_file(const char *name, const void *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
        perror(path);
        exit(2);
    }
    close(fd);
    return path;
}

static const char *write_elf(const char *name, const struct elf_buf *e)
{
    return write_file(name, e->b, e->size);
}

/* What a child did: its exit status (or 256 + signal), what it wrote on stderr, and its
 * peak RSS. */
struct outcome {
    int status;
    char err[1024];
    long maxrss_kib;
};

static void run_child(struct outcome *o, void (*fn)(const void *), const void *arg)
{
    int p[2];
    memset(o, 0, sizeof(*o));
    if (pipe(p) < 0)
        abort();
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 2);
        close(p[0]);
        fn(arg);
        fflush(stdout);
        _exit(0);
    }
    close(p[1]);
    size_t n = 0;
    ssize_t r;
    while ((r = read(p[0], o->err + n, sizeof(o->err) - 1 - n)) > 0)
        n += (size_t)r;
    close(p[0]);
    int st;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    o->status = WIFEXITED(st) ? WEXITSTATUS(st) : 256 + WTERMSIG(st);
    o->maxrss_kib = ru.ru_maxrss;
}

static rlim_t child_data_limit;     /* when non-zero, child_load's RLIMIT_DATA */

/* Loads with an 8 MiB stack limit, so that the stack's place is known. */
static void child_load(const void *arg)
{
    const char *const *a = arg;            /* path, sysroot */
    struct rlimit rl = {8 << 20, 8 << 20};
    setrlimit(RLIMIT_STACK, &rl);
    if (child_data_limit) {
        struct rlimit data = {child_data_limit, child_data_limit};
        setrlimit(RLIMIT_DATA, &data);
    }
    struct load_info li;
    elf_load(a[0], elf_probe(a[0]), a[1], &li);
}

/* Runs elf_probe + elf_load on path in a child; checks the status and the one-line message. */
static void expect_fail_sysroot(const char *path, const char *sysroot, int status,
                                const char *why, int line)
{
    struct outcome o;
    const char *args[2] = {path, sysroot};
    run_child(&o, child_load, args);
    size_t len = strlen(o.err);
    bool one_line = len > 0 && o.err[len - 1] == '\n' && strchr(o.err, '\n') == o.err + len - 1;
    bool ok = o.status == status && one_line && strncmp(o.err, "crossrun: ", 10) == 0 &&
              strstr(o.err, path) && strstr(o.err, why);
    if (!ok) {
        test_failed_checks++;
        printf("  line %d: status %d (want %d), stderr \"%s\" (want \"%s\")\n", line, o.status,
               status, o.err, why);
    }
}
#define expect_fail(path, status, why) expect_fail_sysroot(path, NULL, status, why, __LINE__)

TEST(probe, not_found_and_not_files)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/no-such-file", tmpdir);
    expect_fail(path, 127, "No such file or directory");
    snprintf(path, sizeof(path), "%s/no-such-dir/x", tmpdir);
    expect_fail(path, 127, "No such file or directory");
    expect_fail(tmpdir, 126, "Is a directory");
    expect_fail("/dev/null", 126, "not a regular file");
    expect_fail(write_file("empty", "", 0), 126, "not an ELF file");
    expect_fail(write_file("text", "#!/bin/sh\necho hi\n", 18), 126, "not an ELF file");
    expect_fail(write_file("magic-only", "\x7f" "ELF", 4), 126, "malformed ELF");
    const char *path2 = write_file("noperm", "x", 1);
    chmod(path2, 0);
    if (geteuid() != 0)
        expect_fail(path2, 126, "Permission denied");
}

TEST(probe, class_machine_type)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    e.b[EI_CLASS] = ELFCLASS32;
    expect_fail(write_elf("class32", &e), 126, "unsupported ELF class/endianness");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    e.b[EI_DATA] = ELFDATA2MSB;
    expect_fail(write_elf("bigendian", &e), 126, "unsupported ELF class/endianness");
    elf_init(&e, ET_REL, 0x10000, NULL);
    expect_fail(write_elf("rel", &e), 126, "not an executable");
    elf_init(&e, ET_CORE, 0x10000, NULL);
    expect_fail(write_elf("core", &e), 126, "not an executable");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    ehdr(&e)->e_machine = EM_AARCH64;
    expect_fail(write_elf("aarch64", &e), 126, "guest aarch64 is not supported yet");
    ehdr(&e)->e_machine = EM_X86_64;
    expect_fail(write_elf("x86_64", &e), 126, "x86_64 ELF: run it natively");
    ehdr(&e)->e_machine = EM_MIPS;
    expect_fail(write_elf("mips", &e), 126, "unsupported machine 8 (mips)");
    ehdr(&e)->e_machine = 9999;
    expect_fail(write_elf("m9999", &e), 126, "unsupported machine 9999");
    /* the real x86-64 test binary itself */
    expect_fail("/proc/self/exe", 126, "run it natively");
}

TEST(probe, malformed_headers)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    e.size = 100;
    expect_fail(write_elf("trunc100", &e), 126, "malformed ELF: program headers past the end");
    e.size = 40;
    expect_fail(write_elf("trunc40", &e), 126, "malformed ELF: truncated ELF header");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    ehdr(&e)->e_phoff = 0x7fffffff;
    expect_fail(write_elf("phoff", &e), 126, "malformed ELF: program headers past the end");
    ehdr(&e)->e_phoff = UINT64_MAX - 8;
    expect_fail(write_elf("phoff-wrap", &e), 126, "malformed ELF");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    ehdr(&e)->e_phentsize = 32;
    expect_fail(write_elf("phentsize", &e), 126, "malformed ELF: program header size");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    ehdr(&e)->e_phnum = 0;
    expect_fail(write_elf("phnum0", &e), 126, "malformed ELF: no program headers");
    ehdr(&e)->e_phnum = 2000;
    expect_fail(write_elf("phnum2000", &e), 126, "malformed ELF: too many program headers");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    e.b[EI_VERSION] = 0xc6;
    expect_fail(write_elf("version", &e), 126, "malformed ELF: ELF version 198");
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    ehdr(&e)->e_phnum = PN_XNUM;         /* extended numbering, no section 0 to read */
    expect_fail(write_elf("phnum-xnum", &e), 126, "malformed ELF");
}

TEST(probe, malformed_segments)
{
    static const struct {
        const char *name, *why;
        int field;            /* which field of phdr 1 (the data segment) to corrupt */
        uint64_t value;
    } cases[] = {
        {"filesz", "file size larger than memory size", 1, 0x3000},
        {"offset", "file data past the end", 2, 0x100000},
        {"offset-wrap", "file data past the end", 2, UINT64_MAX - 0x7ff},
        {"align3", "not a power of two", 3, 3},
        {"congruence", "differ modulo the page size", 4, 0x11008},
        {"beyond", "beyond the 38-bit guest address space", 4, GUEST_SPACE - 0x1000},
        {"wrap", "beyond the 38-bit guest address space", 4, UINT64_MAX - 0xfff},
        {"overlap", "overlap or are not in order", 4, 0x10000},
        {"unsorted", "overlap or are not in order", 4, 0x1000},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct elf_buf e;
        elf_init(&e, ET_EXEC, 0x10000, NULL);
        Elf64_Phdr *ph = phdr(&e, 1);
        switch (cases[i].field) {
        case 1: ph->p_filesz = cases[i].value; break;
        case 2: ph->p_offset = cases[i].value; break;
        case 3: ph->p_align = cases[i].value; break;
        case 4: ph->p_vaddr = cases[i].value; break;
        }
        char name[64];
        snprintf(name, sizeof(name), "seg-%s", cases[i].name);
        expect_fail(write_elf(name, &e), 126, cases[i].why);
    }
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    phdr(&e, 0)->p_type = PT_NOTE;
    phdr(&e, 1)->p_type = PT_NOTE;
    expect_fail(write_elf("noload", &e), 126, "malformed ELF: no loadable segment");
    elf_init(&e, ET_DYN, 0, NULL);                 /* used to say "no room for 0 bytes" */
    for (int i = 0; i < 2; i++) {
        phdr(&e, i)->p_filesz = phdr(&e, i)->p_memsz = 0;
        phdr(&e, i)->p_vaddr = phdr(&e, i)->p_offset = DATA_OFF;
    }
    expect_fail(write_elf("allempty", &e), 126, "malformed ELF: every loadable segment is empty");
    elf_init(&e, ET_EXEC, 0x1000, NULL);
    expect_fail(write_elf("lowaddr", &e), 126, "below the lowest guest address");
    elf_init(&e, ET_EXEC, GUEST_STACK_TOP - 0x8000, NULL);
    expect_fail(write_elf("onstack", &e), 126, "overlaps the stack");
}

TEST(load, interpreter_errors)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, "/lib/ld-linux-riscv64-lp64d.so.1");
    const char *p = write_elf("needs-ld", &e);
    char path[256];
    snprintf(path, sizeof(path), "%s", p);
    expect_fail_sysroot(path, "/nonexistent-sysroot", 127,
                        "interpreter /lib/ld-linux-riscv64-lp64d.so.1 not found "
                        "(use -L DIR to give the guest sysroot)", __LINE__);
    elf_init(&e, ET_EXEC, 0x10000, "/proc/self/exe");   /* an x86-64 interpreter */
    expect_fail(write_elf("x86-interp", &e), 126, "is not a riscv64 ELF");
    elf_init(&e, ET_EXEC, 0x10000, "/lib/ld.so");
    e.b[INTERP_OFF + strlen("/lib/ld.so")] = 'x';         /* no NUL */
    expect_fail(write_elf("interp-nonul", &e), 126, "malformed ELF: PT_INTERP");
    elf_init(&e, ET_EXEC, 0x10000, "/lib/ld.so");
    phdr(&e, 0)->p_filesz = 1;
    expect_fail(write_elf("interp-size1", &e), 126, "malformed ELF: PT_INTERP");
    elf_init(&e, ET_EXEC, 0x10000, "/lib/ld.so");
    phdr(&e, 0)->p_offset = 0x100000;
    expect_fail(write_elf("interp-offset", &e), 126, "malformed ELF: PT_INTERP");
}

/* Regression: the interpreter's problems used to be reported under the interpreter's name
 * alone ("crossrun: /usr/riscv64-linux-gnu/: Is a directory"), not naming the program. */
TEST(load, interpreter_problems_name_the_program)
{
    struct elf_buf e, ld;
    char sysroot[128], dir[160];
    snprintf(sysroot, sizeof(sysroot), "%s/sysroot-odd", tmpdir);
    mkdir(sysroot, 0755);
    snprintf(dir, sizeof(dir), "%s/dir-ld.so", sysroot);
    mkdir(dir, 0755);
    elf_init(&e, ET_EXEC, 0x10000, "/dir-ld.so");
    char prog[256];
    snprintf(prog, sizeof(prog), "%s", write_elf("needs-dir-ld", &e));
    expect_fail_sysroot(prog, sysroot, 126, "interpreter ", __LINE__);
    expect_fail_sysroot(prog, sysroot, 126, "dir-ld.so: Is a directory", __LINE__);

    write_file("sysroot-odd/empty-ld.so", "", 0);
    elf_init(&e, ET_EXEC, 0x10000, "/empty-ld.so");
    snprintf(prog, sizeof(prog), "%s", write_elf("needs-empty-ld", &e));
    expect_fail_sysroot(prog, sysroot, 126, "empty-ld.so: not an ELF file", __LINE__);

    elf_init(&ld, ET_DYN, 0, NULL);
    ld.size = 100;                                       /* program headers cut off */
    write_elf("sysroot-odd/short-ld.so", &ld);
    elf_init(&e, ET_EXEC, 0x10000, "/short-ld.so");
    snprintf(prog, sizeof(prog), "%s", write_elf("needs-short-ld", &e));
    expect_fail_sysroot(prog, sysroot, 126,
                        "interpreter ", __LINE__);
    expect_fail_sysroot(prog, sysroot, 126,
                        "short-ld.so: malformed ELF: program headers past the end", __LINE__);

    elf_init(&ld, ET_DYN, 0, NULL);
    phdr(&ld, 1)->p_vaddr = 0;                           /* segments overlap */
    write_elf("sysroot-odd/unsorted-ld.so", &ld);
    elf_init(&e, ET_EXEC, 0x10000, "/unsorted-ld.so");
    snprintf(prog, sizeof(prog), "%s", write_elf("needs-unsorted-ld", &e));
    expect_fail_sysroot(prog, sysroot, 126, "unsorted-ld.so: malformed ELF: segment 1", __LINE__);
}

/* Loads (with at most 512 MiB of data, so that a regression cannot take the machine's
 * memory) and exits 0 if that worked. */
static void child_load_ok(const void *arg)
{
    const char *const *a = arg;            /* path, sysroot */
    struct rlimit rl = {512 << 20, 512 << 20};
    setrlimit(RLIMIT_DATA, &rl);
    struct load_info li;
    elf_load(a[0], elf_probe(a[0]), a[1], &li);
    fflush(stdout);
    _exit(li.start_pc != 0 && li.sp == 0 ? 0 : 3);
}

/* Regression (found by fuzzing): PT_INTERP can hold any byte but NUL; one with a newline
 * made the "not found" message two lines. */
TEST(load, interpreter_name_with_control_characters)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, "/no\nsuch\033[2J-ld.so");
    expect_fail(write_elf("interp-newline", &e), 127,
                "interpreter /no\\x0asuch\\x1b[2J-ld.so not found");
}

/* An interpreter's own PT_INTERP means nothing (Linux ignores it): a bad one used to make
 * crossrun refuse the interpreter. */
TEST(load, interpreter_pt_interp_ignored)
{
    struct elf_buf ld, e;
    elf_init(&ld, ET_DYN, 0, "/x");
    phdr(&ld, 0)->p_offset = 0x7fffffff;                 /* PT_INTERP outside the file */
    write_elf("ld-with-interp.so", &ld);
    elf_init(&e, ET_DYN, 0, "/ld-with-interp.so");
    char prog[256];
    snprintf(prog, sizeof(prog), "%s", write_elf("needs-ld-with-interp", &e));
    const char *args[2] = {prog, tmpdir};
    struct outcome o;
    run_child(&o, child_load_ok, args);
    CHECK_EQ_U64(o.status, 0);
    if (o.err[0])
        printf("  stderr: %s", o.err);
}

/* Regression (found by tests/e2e/fuzz_elf.sh): libelf's elf_begin on the file sized its
 * section table from section 0's sh_size when e_shnum is 0; in a 4 TiB sparse file claiming
 * 32M sections it allocated and initialised ~6 GiB, for more than 10 s (here: 4M sections
 * in 1 GiB, ~850 MiB). Garbage section headers also made libelf refuse programs that Linux
 * runs. Section headers are never read now: both load, in little memory. */
TEST(load, section_headers_never_read)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    Elf64_Shdr s0 = {.sh_size = 1u << 22};
    memcpy(e.b + 0x1080, &s0, sizeof(s0));
    ehdr(&e)->e_shoff = 0x1080;
    ehdr(&e)->e_shnum = 0;
    ehdr(&e)->e_shentsize = sizeof(Elf64_Shdr);
    char prog[256];
    snprintf(prog, sizeof(prog), "%s", write_elf("sparse-sections", &e));
    if (truncate(prog, 1LL << 30) != 0) {
        printf("  (cannot make a 1 GiB sparse file: skipped the sparse case)\n");
    } else {
        const char *args[2] = {prog, NULL};
        struct outcome o;
        run_child(&o, child_load_ok, args);
        CHECK_EQ_U64(o.status, 0);
        CHECK(o.maxrss_kib < 64 * 1024);
        if (o.err[0] || o.maxrss_kib >= 64 * 1024)
            printf("  stderr: %s, peak RSS %ld KiB\n", o.err, o.maxrss_kib);
        unlink(prog);
    }

    s0.sh_size = 0x9300a7030a26418dULL;                  /* more sections than the file holds */
    memcpy(e.b + 0x1080, &s0, sizeof(s0));
    snprintf(prog, sizeof(prog), "%s", write_elf("garbage-sections", &e));
    const char *args[2] = {prog, NULL};
    struct outcome o;
    run_child(&o, child_load_ok, args);
    CHECK_EQ_U64(o.status, 0);
    if (o.err[0])
        printf("  stderr: %s", o.err);
}

/* A program whose PROT_NONE segments take all the guest space but the stack. Regression
 * (found by fuzzing): the vDSO then had no room and crossrun said "cannot map the guest
 * vDSO" with the internal-error status 125 and no file name; an interpreter was mapped where
 * the stack was about to go, and the stack then "overlapped the program". */
static void elf_fill_guest_space(struct elf_buf *e, const char *interp)
{
    uint64_t stack_bottom = GUEST_STACK_TOP - (8 << 20);
    elf_init(e, ET_EXEC, 0x10000, interp);
    int n = ehdr(e)->e_phnum;
    Elf64_Phdr *data = phdr(e, n - 1);
    data->p_vaddr = 0x10000 + DATA_OFF;                  /* no page free after the code */
    data->p_flags = 0;
    data->p_memsz = stack_bottom - data->p_vaddr;
    *phdr(e, n) = (Elf64_Phdr){
        .p_type = PT_LOAD, .p_offset = 0, .p_vaddr = GUEST_STACK_TOP,
        .p_memsz = GUEST_SPACE - GUEST_STACK_TOP, .p_align = PG,
    };
    ehdr(e)->e_phnum = (uint16_t)(n + 1);
}

TEST(load, no_room_in_guest_space)
{
    struct elf_buf e;
    elf_fill_guest_space(&e, NULL);
    expect_fail(write_elf("fills-space", &e), 126, "no room left in guest memory for the vDSO");

    struct elf_buf ld;
    elf_init(&ld, ET_DYN, 0, NULL);
    write_elf("room-ld.so", &ld);
    elf_fill_guest_space(&e, "/room-ld.so");
    char prog[256];
    snprintf(prog, sizeof(prog), "%s", write_elf("fills-space-ld", &e));
    expect_fail_sysroot(prog, tmpdir, 126, "interpreter ", __LINE__);
    expect_fail_sysroot(prog, tmpdir, 126, "room-ld.so: no room for", __LINE__);

    /* Regression (found by fuzzing under RLIMIT_DATA): a 4 GiB bss used up the memory the
     * host allows, and the vDSO mapped after it failed with "cannot map the guest vDSO"
     * (status 125, no file named). Depending on the kernel the bss itself may fail instead:
     * either way one line naming the file, status 126. */
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    phdr(&e, 1)->p_memsz = 4ULL << 30;
    child_data_limit = 256 << 20;
    expect_fail(write_elf("huge-bss", &e), 126, "Cannot allocate memory");
    child_data_limit = 0;

    /* an ET_EXEC interpreter on the stack */
    elf_init(&ld, ET_EXEC, GUEST_STACK_TOP - 0x8000, NULL);
    write_elf("stack-ld.so", &ld);
    elf_init(&e, ET_EXEC, 0x10000, "/stack-ld.so");
    snprintf(prog, sizeof(prog), "%s", write_elf("needs-stack-ld", &e));
    expect_fail_sysroot(prog, tmpdir, 126, "stack-ld.so: the program overlaps the stack",
                        __LINE__);
}

/* ---- successful loads, checked inside the child */

static int failures_at_start;

static void child_check_static(const void *arg)
{
    const char *path = arg;
    failures_at_start = test_failed_checks;
    const struct target *t = elf_probe(path);
    CHECK(t && t->elf_machine == EM_RISCV);
    struct load_info li;
    elf_load(path, t, NULL, &li);
    CHECK_EQ_U64(li.entry, 0x10000 + CODE_OFF);
    CHECK_EQ_U64(li.start_pc, li.entry);
    CHECK_EQ_U64(li.load_bias, 0);
    CHECK_EQ_U64(li.phdr, 0x10040);
    CHECK_EQ_U64(li.phnum, 2);
    CHECK_EQ_U64(li.phent, 56);
    CHECK_EQ_U64(li.interp_base, 0);
    CHECK_EQ_U64(li.brk_start, 0x14000);
    CHECK_EQ_U64(li.stack_top, GUEST_STACK_TOP);
    CHECK(li.interp[0] == '\0');
    CHECK_EQ_U64(guest_page_prot(0x10000), GPROT_READ | GPROT_EXEC);
    CHECK_EQ_U64(guest_page_prot(0x12000), GPROT_READ | GPROT_WRITE);
    CHECK_EQ_U64(guest_page_prot(0x13000), GPROT_READ | GPROT_WRITE);
    CHECK_EQ_U64(guest_page_prot(0x14000), 0);
    uint8_t b[16];
    CHECK(copy_from_guest(b, 0x10000, 4) == 0 && memcmp(b, ELFMAG, 4) == 0);
    CHECK(copy_from_guest(b, 0x10000 + CODE_OFF, 4) == 0 && b[0] == 0x13);
    CHECK(copy_from_guest(b, 0x12000, 16) == 0 && b[0] == 0xd1 && b[15] == 0xd1);
    CHECK(copy_from_guest(b, 0x12010, 16) == 0 && b[0] == 0 && b[15] == 0);   /* bss zeroed */
    CHECK(copy_from_guest(b, 0x12ff0, 16) == 0 && b[0] == 0);
    CHECK_EQ_U64(guest_brk(0), 0x14000);
    CHECK_EQ_U64(guest_brk(0x15000), 0x15000);
    struct guest_vma v;
    CHECK(guest_vma_next(0x10000, &v) && strstr(v.name, "static-ok") && v.offset == 0);
    CHECK(guest_vma_next(GUEST_STACK_TOP - 1, &v) && strcmp(v.name, "[stack]") == 0);
    CHECK_EQ_U64(v.end, GUEST_STACK_TOP);
    CHECK_EQ_U64(v.prot, GPROT_READ | GPROT_WRITE);

    /* the initial stack */
    char *argv[] = {"prog", "one", "", NULL};
    char *envp[] = {"A=1", "PATH=/bin", NULL};
    setup_stack(&li, t, NULL, 3, argv, envp, "/path/to/prog");
    uint64_t sp = li.sp, w[64];
    CHECK_EQ_U64(sp % 16, 0);
    CHECK(sp < GUEST_STACK_TOP && sp > GUEST_STACK_TOP - 4096);
    memset(w, 0xff, sizeof(w));
    uint64_t avail = GUEST_STACK_TOP - sp < sizeof(w) ? GUEST_STACK_TOP - sp : sizeof(w);
    CHECK(copy_from_guest(w, sp, avail) == 0);
    CHECK_EQ_U64(w[0], 3);
    char s[64];
    CHECK(copy_string_from_guest(s, w[1], sizeof(s)) == 4 && strcmp(s, "prog") == 0);
    CHECK(copy_string_from_guest(s, w[2], sizeof(s)) == 3 && strcmp(s, "one") == 0);
    CHECK(copy_string_from_guest(s, w[3], sizeof(s)) == 0);
    CHECK_EQ_U64(w[4], 0);
    CHECK(copy_string_from_guest(s, w[5], sizeof(s)) == 3 && strcmp(s, "A=1") == 0);
    CHECK(copy_string_from_guest(s, w[6], sizeof(s)) == 9 && strcmp(s, "PATH=/bin") == 0);
    CHECK_EQ_U64(w[7], 0);
    CHECK_EQ_U64(guest_process.auxv_addr, sp + 8 * 8);
    CHECK_EQ_U64(guest_process.argv_start, w[1]);
    CHECK_EQ_U64(guest_process.argv_end, w[1] + 5 + 4 + 1);
    uint64_t seen[64] = {0};
    bool ended = false;
    unsigned i = 8;
    for (; i + 1 < ARRAY_SIZE(w); i += 2) {
        if (w[i] < 64)
            seen[w[i]] = w[i + 1];
        if (w[i] == AT_NULL) {
            ended = true;
            break;
        }
    }
    CHECK(ended);
    CHECK_EQ_U64(guest_process.auxv_len, (i - 8 + 2) * 8);
    CHECK_EQ_U64(seen[AT_PAGESZ], 4096);
    CHECK_EQ_U64(seen[AT_PHDR], 0x10040);
    CHECK_EQ_U64(seen[AT_PHENT], 56);
    CHECK_EQ_U64(seen[AT_PHNUM], 2);
    CHECK_EQ_U64(seen[AT_ENTRY], li.entry);
    CHECK_EQ_U64(seen[AT_BASE], 0);
    CHECK_EQ_U64(seen[AT_UID], getuid());
    CHECK_EQ_U64(seen[AT_EGID], getegid());
    CHECK(seen[AT_CLKTCK] > 0);
    CHECK(seen[AT_RANDOM] > sp && seen[AT_RANDOM] + 16 <= GUEST_STACK_TOP);
    CHECK(copy_string_from_guest(s, seen[AT_EXECFN], sizeof(s)) > 0 &&
          strcmp(s, "/path/to/prog") == 0);
    /* execfn is the string at the very top, under 8 zero bytes */
    CHECK_EQ_U64(seen[AT_EXECFN] + strlen("/path/to/prog") + 1 + 8, GUEST_STACK_TOP);
    fflush(stdout);
    _exit(test_failed_checks != failures_at_start);
}

TEST(load, static_exec_and_stack)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    ehdr(&e)->e_shoff = 0xffffffff;                  /* section headers are never needed */
    ehdr(&e)->e_shnum = 1000;
    struct outcome o;
    run_child(&o, child_check_static, write_elf("static-ok", &e));
    CHECK_EQ_U64(o.status, 0);
    if (o.err[0])
        printf("  stderr: %s", o.err);
}

static void child_check_pie_with_interp(const void *arg)
{
    const char *path = arg;
    failures_at_start = test_failed_checks;
    struct load_info li;
    elf_load(path, elf_probe(path), tmpdir, &li);
    CHECK_EQ_U64(li.load_bias, GUEST_ET_DYN_BASE);
    CHECK_EQ_U64(li.entry, GUEST_ET_DYN_BASE + CODE_OFF);
    CHECK_EQ_U64(li.phdr, GUEST_ET_DYN_BASE + 64);
    CHECK_EQ_U64(li.brk_start, GUEST_ET_DYN_BASE + 0x4000);
    CHECK(strcmp(li.interp, "/myld.so") == 0);
    CHECK(li.interp_base != 0 && li.interp_base % PG == 0);
    CHECK(li.interp_base + 0x4000 <= GUEST_MMAP_TOP);
    CHECK_EQ_U64(li.start_pc, li.interp_base + CODE_OFF);
    CHECK_EQ_U64(guest_page_prot(li.interp_base), GPROT_READ | GPROT_EXEC);
    CHECK_EQ_U64(guest_page_prot(GUEST_ET_DYN_BASE + 0x2000), GPROT_READ | GPROT_WRITE);
    uint8_t b[4];
    CHECK(copy_from_guest(b, li.interp_base + CODE_OFF, 4) == 0 && b[0] == 0x13);
    struct guest_vma v;
    CHECK(guest_vma_next(li.interp_base, &v) && strstr(v.name, "myld.so"));
    fflush(stdout);
    _exit(test_failed_checks != failures_at_start);
}

TEST(load, pie_with_interpreter_in_sysroot)
{
    struct elf_buf ld;
    elf_init(&ld, ET_DYN, 0, NULL);
    write_elf("myld.so", &ld);
    struct elf_buf e;
    elf_init(&e, ET_DYN, 0, "/myld.so");
    struct outcome o;
    run_child(&o, child_check_pie_with_interp, write_elf("pie-ok", &e));
    CHECK_EQ_U64(o.status, 0);
    if (o.err[0])
        printf("  stderr: %s", o.err);
}

static void child_too_long(const void *arg)
{
    const char *path = arg;
    struct rlimit rl = {8 << 20, 8 << 20};
    setrlimit(RLIMIT_STACK, &rl);
    struct load_info li;
    const struct target *t = elf_probe(path);
    elf_load(path, t, NULL, &li);
    static char *argv[41];
    for (int i = 0; i < 40; i++) {
        argv[i] = malloc(100000);
        memset(argv[i], 'a', 99999);
        argv[i][99999] = '\0';
    }
    char *envp[] = {NULL};
    setup_stack(&li, t, NULL, 40, argv, envp, path);
}

TEST(load, argument_list_too_long)
{
    struct elf_buf e;
    elf_init(&e, ET_EXEC, 0x10000, NULL);
    const char *path = write_elf("toolong", &e);
    struct outcome o;
    run_child(&o, child_too_long, path);
    CHECK_EQ_U64(o.status, 126);
    CHECK(strstr(o.err, "argument list too long") != NULL);
}

/* ---- real programs, when the cross compiler is there */

static bool build_guest(const char *out, const char *flags)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "printf 'int main(void){return 0;}\\n' | riscv64-linux-gnu-gcc %s -x c - -o %s/%s "
             "2>/dev/null",
             flags, tmpdir, out);
    return system(cmd) == 0;
}

static void child_check_real(const void *arg)
{
    const char *const *a = arg;
    failures_at_start = test_failed_checks;
    struct load_info li;
    const struct target *t = elf_probe(a[0]);
    elf_load(a[0], t, a[1], &li);
    char *argv[] = {"x", NULL}, *envp[] = {NULL};
    setup_stack(&li, t, NULL, 1, argv, envp, a[0]);
    CHECK(guest_page_prot(li.start_pc) & GPROT_EXEC);
    CHECK(guest_page_prot(li.entry) & GPROT_EXEC);
    CHECK(li.phdr != 0 && guest_access_ok(li.phdr, li.phnum * 56, GPROT_READ));
    if (a[1]) {
        CHECK(li.interp[0] == '/');
        CHECK(li.interp_base != 0);
    }
    fflush(stdout);
    _exit(test_failed_checks != failures_at_start);
}

TEST(load, real_riscv64_programs)
{
    if (system("command -v riscv64-linux-gnu-gcc >/dev/null 2>&1") != 0) {
        printf("  (riscv64-linux-gnu-gcc not installed: skipped)\n");
        return;
    }
    char path[256];
    struct outcome o;
    if (build_guest("real-static", "-static -O2")) {
        snprintf(path, sizeof(path), "%s/real-static", tmpdir);
        const char *args[2] = {path, NULL};
        run_child(&o, child_check_real, args);
        CHECK_EQ_U64(o.status, 0);
    }
    if (build_guest("real-dyn", "-O2") && access("/usr/riscv64-linux-gnu/lib", F_OK) == 0) {
        snprintf(path, sizeof(path), "%s/real-dyn", tmpdir);
        const char *args[2] = {path, "/usr/riscv64-linux-gnu"};
        run_child(&o, child_check_real, args);
        CHECK_EQ_U64(o.status, 0);
        if (o.err[0])
            printf("  stderr: %s", o.err);
    }
}

__attribute__((constructor(101))) static void make_tmpdir(void)
{
    main_pid = getpid();
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/crossrun-loader-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(2);
    }
}

__attribute__((destructor)) static void remove_tmpdir(void)
{
    if (getpid() != main_pid)
        return;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}
