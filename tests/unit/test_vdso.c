/*
 * test_vdso.c - the guest vDSO (src/loader/vdso.c and the riscv64 image built from
 * src/targets/riscv64/vdso/): the image has what glibc 2.36's vDSO lookup needs (one PT_LOAD
 * at 0, PT_DYNAMIC, hash tables, symbols with version LINUX_4.15, no relocations), its
 * functions start with the service instructions the decoder knows, its sigreturn is the code
 * libgcc's unwinder recognises; mapping it names "[vdso]"; the services write guest memory or
 * ask for the syscall fallback; and the translator turns a service instruction into the
 * helper call only inside "[vdso]".
 */
#define TEST_MAIN
#include <elf.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include "test.h"
#include "loader/guest_mem.h"
#include "loader/vdso.h"
#include "targets/riscv64/cpu.h"
#include "targets/riscv64/decode.h"
#include "targets/riscv64/signal.h"
#include "targets/target.h"
#include "translate/exec.h"
#include "translate/ir.h"

extern const struct target target_riscv64;

#define IMAGE (target_riscv64.vdso_image)
#define IMAGE_SIZE (*target_riscv64.vdso_image_size)

static const char *const exported[] = {
    "__vdso_rt_sigreturn", "__vdso_gettimeofday", "__vdso_clock_gettime",
    "__vdso_clock_getres", "__vdso_getcpu", "__vdso_flush_icache",
};

/* The SysV ELF hash (what vd_hash holds and glibc compares). */
static uint32_t elf_hash(const char *s)
{
    uint32_t h = 0;
    for (; *s; s++) {
        h = (h << 4) + (uint8_t)*s;
        uint32_t g = h & 0xf0000000u;
        if (g)
            h ^= g >> 24;
        h &= ~g;
    }
    return h;
}

static const void *at(uint64_t off, size_t n)
{
    if (off > IMAGE_SIZE || n > IMAGE_SIZE - off) {
        printf("  image offset %#llx + %zu out of range\n", (unsigned long long)off, n);
        test_failed_checks++;
        static uint8_t zero[64];
        return zero;
    }
    return IMAGE + off;
}

TEST(vdso, image_is_what_glibc_looks_for)
{
    CHECK(IMAGE != NULL && IMAGE_SIZE > sizeof(Elf64_Ehdr) && IMAGE_SIZE < 16384);
    const Elf64_Ehdr *eh = at(0, sizeof(*eh));
    CHECK(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0);
    CHECK_EQ_U64(eh->e_ident[EI_CLASS], ELFCLASS64);
    CHECK_EQ_U64(eh->e_ident[EI_DATA], ELFDATA2LSB);
    CHECK_EQ_U64(eh->e_type, ET_DYN);
    CHECK_EQ_U64(eh->e_machine, EM_RISCV);
    CHECK_EQ_U64(eh->e_phentsize, sizeof(Elf64_Phdr));

    unsigned nload = 0;
    const Elf64_Phdr *dyn_ph = NULL;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = at(eh->e_phoff + i * sizeof(Elf64_Phdr), sizeof(Elf64_Phdr));
        CHECK(ph->p_type != PT_TLS && ph->p_type != PT_INTERP);
        if (ph->p_type == PT_LOAD) {
            nload++;
            CHECK_EQ_U64(ph->p_offset, 0);
            CHECK_EQ_U64(ph->p_vaddr, 0);
            CHECK_EQ_U64(ph->p_flags, PF_R | PF_X);
            CHECK(ph->p_filesz == ph->p_memsz && ph->p_filesz <= IMAGE_SIZE);
        }
        if (ph->p_type == PT_DYNAMIC)
            dyn_ph = ph;
    }
    CHECK_EQ_U64(nload, 1);
    CHECK(dyn_ph != NULL);
    if (!dyn_ph)
        return;

    /* The dynamic section (addresses equal file offsets: one segment at 0). */
    uint64_t d[DT_NUM] = { 0 }, versym = 0, verdef = 0, verdefnum = 0, gnu_hash = 0;
    bool textrel = false;
    for (uint64_t off = dyn_ph->p_offset;; off += sizeof(Elf64_Dyn)) {
        const Elf64_Dyn *e = at(off, sizeof(*e));
        if (e->d_tag == DT_NULL || off >= dyn_ph->p_offset + dyn_ph->p_filesz)
            break;
        if (e->d_tag >= 0 && e->d_tag < DT_NUM)
            d[e->d_tag] = e->d_un.d_val ? e->d_un.d_val : 1;   /* 1: present with value 0 */
        if (e->d_tag == DT_VERSYM)
            versym = e->d_un.d_ptr;
        if (e->d_tag == DT_VERDEF)
            verdef = e->d_un.d_ptr;
        if (e->d_tag == DT_VERDEFNUM)
            verdefnum = e->d_un.d_val;
        if (e->d_tag == DT_GNU_HASH)
            gnu_hash = e->d_un.d_ptr;
        if (e->d_tag == DT_TEXTREL || (e->d_tag == DT_FLAGS && (e->d_un.d_val & DF_TEXTREL)))
            textrel = true;
    }
    CHECK(d[DT_HASH] > 1 && gnu_hash != 0 && d[DT_SYMTAB] > 1 && d[DT_STRTAB] > 1);
    CHECK(versym != 0 && verdef != 0 && verdefnum == 2);
    CHECK(!textrel && d[DT_REL] == 0 && d[DT_JMPREL] == 0);
    CHECK(d[DT_RELASZ] <= 1);                               /* none, or an empty table */
    CHECK(d[DT_SONAME] != 0);
    const char *strtab = at(d[DT_STRTAB], 1);
    if (d[DT_SONAME])
        CHECK(strcmp(strtab + (d[DT_SONAME] == 1 ? 0 : d[DT_SONAME]), "linux-vdso.so.1") == 0);

    /* Version definitions: 1 = the soname (base), 2 = LINUX_4.15 with its ELF hash. */
    unsigned linux_index = 0;
    uint64_t off = verdef;
    for (uint64_t i = 0; i < verdefnum; i++) {
        const Elf64_Verdef *vd = at(off, sizeof(*vd));
        const Elf64_Verdaux *aux = at(off + vd->vd_aux, sizeof(*aux));
        const char *name = strtab + aux->vda_name;
        if (strcmp(name, "LINUX_4.15") == 0) {
            linux_index = vd->vd_ndx;
            CHECK_EQ_U64(vd->vd_hash, elf_hash("LINUX_4.15"));
            CHECK_EQ_U64(vd->vd_hash, 182943605);           /* glibc's VDSO_HASH for riscv */
        }
        off += vd->vd_next;
    }
    CHECK(linux_index >= 2);

    /* Every exported function has that version, and lies in the segment. */
    uint64_t nsyms = ((const uint32_t *)at(d[DT_HASH], 8))[1];   /* nchain */
    unsigned found = 0;
    for (uint64_t i = 1; i < nsyms; i++) {
        const Elf64_Sym *s = at(d[DT_SYMTAB] + i * sizeof(Elf64_Sym), sizeof(Elf64_Sym));
        const uint16_t *vs = at(versym + i * 2, 2);
        for (size_t k = 0; k < ARRAY_SIZE(exported); k++) {
            if (strcmp(strtab + s->st_name, exported[k]) != 0)
                continue;
            found++;
            CHECK_EQ_U64(*vs & 0x7fff, linux_index);
            CHECK_EQ_U64(ELF64_ST_TYPE(s->st_info), STT_FUNC);
            CHECK_EQ_U64(ELF64_ST_BIND(s->st_info), STB_GLOBAL);
            CHECK(s->st_shndx != SHN_UNDEF && s->st_value > 0 && s->st_value < IMAGE_SIZE);
        }
    }
    CHECK_EQ_U64(found, ARRAY_SIZE(exported));
}

TEST(vdso, symbol_lookup)
{
    uint64_t v = 0;
    for (size_t k = 0; k < ARRAY_SIZE(exported); k++) {
        CHECK(vdso_image_symbol(IMAGE, IMAGE_SIZE, exported[k], &v));
        CHECK(v > 0 && v < IMAGE_SIZE);
    }
    CHECK(!vdso_image_symbol(IMAGE, IMAGE_SIZE, "__vdso_time", &v));
    CHECK(!vdso_image_symbol(IMAGE, IMAGE_SIZE, "__vdso_clock_get", &v));   /* a prefix */
    /* no crash on any prefix of the image, nor on garbage section headers */
    for (size_t n = 0; n < IMAGE_SIZE; n += 7)
        (void)vdso_image_symbol(IMAGE, n, "__vdso_getcpu", &v);
    uint8_t *junk = malloc(IMAGE_SIZE);
    memcpy(junk, IMAGE, IMAGE_SIZE);
    for (size_t i = 0x28; i < 0x40; i++)            /* e_shoff .. e_shnum */
        junk[i] = 0xff;
    CHECK(!vdso_image_symbol(junk, IMAGE_SIZE, "__vdso_getcpu", &v));
    free(junk);
}

TEST(vdso, sigreturn_is_what_unwinders_recognise)
{
    uint64_t v = 0;
    CHECK(vdso_image_symbol(IMAGE, IMAGE_SIZE, target_riscv64.vdso_sigreturn, &v));
    CHECK(v + RV64_SIGRETURN_CODE_SIZE <= IMAGE_SIZE);
    CHECK(memcmp(IMAGE + v, rv64_sigreturn_code, RV64_SIGRETURN_CODE_SIZE) == 0);
}

/* Each served function starts with its service instruction, t0 <- service(a0, a1). */
TEST(vdso, functions_start_with_their_service)
{
    static const struct { const char *name; unsigned op; const char *text; } served[] = {
        { "__vdso_clock_gettime", RV_OP_VDSO_CLOCK_GETTIME, "crossrun.clock_gettime t0, a0, a1" },
        { "__vdso_gettimeofday", RV_OP_VDSO_GETTIMEOFDAY, "crossrun.gettimeofday t0, a0, a1" },
        { "__vdso_clock_getres", RV_OP_VDSO_CLOCK_GETRES, "crossrun.clock_getres t0, a0, a1" },
        { "__vdso_getcpu", RV_OP_VDSO_GETCPU, "crossrun.getcpu t0, a0, a1" },
    };
    for (size_t k = 0; k < ARRAY_SIZE(served); k++) {
        uint64_t v = 0;
        CHECK(vdso_image_symbol(IMAGE, IMAGE_SIZE, served[k].name, &v));
        uint32_t w;
        memcpy(&w, IMAGE + v, 4);
        struct rv_insn in;
        rv_decode(w, &in);
        CHECK_EQ_U64(in.op, served[k].op);
        CHECK_EQ_U64(in.rd, 5);
        CHECK_EQ_U64(in.rs1, 10);
        CHECK_EQ_U64(in.rs2, 11);
        char text[64];
        rv_disas_insn(&in, v, true, text, sizeof(text));
        if (strcmp(text, served[k].text) != 0) {
            printf("  %s: \"%s\"\n", served[k].name, text);
            test_failed_checks++;
        }
    }
    struct rv_insn in;
    rv_decode(0x0000000b, &in);                     /* funct7 0: no service */
    CHECK_EQ_U64(in.op, RV_OP_ILLEGAL);
    rv_decode(0x0a00000b, &in);                     /* funct7 5: none yet */
    CHECK_EQ_U64(in.op, RV_OP_ILLEGAL);
}

/* ---- in a guest address space */

#define DATA  0x200000ull       /* RW page */
#define RO    0x201000ull       /* read-only page */
#define CODE  0x210000ull       /* RX page outside the vDSO */

static uint64_t vdso_base;

static void setup_guest(void)
{
    if (vdso_base)
        return;
    guest_mem_init();
    int fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    if (guest_mmap(DATA, 0x1000, PROT_READ | PROT_WRITE, fl, -1, 0) != (int64_t)DATA ||
        guest_mmap(RO, 0x1000, PROT_READ, fl, -1, 0) != (int64_t)RO ||
        guest_mmap(CODE, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC, fl, -1, 0) != (int64_t)CODE) {
        printf("cannot map the test guest pages\n");
        exit(1);
    }
    vdso_base = vdso_map(&target_riscv64);
}

TEST(vdso, mapping)
{
    setup_guest();
    CHECK(vdso_base != 0 && vdso_base % GUEST_PAGE_SIZE == 0);
    CHECK_EQ_U64(guest_vdso.base, vdso_base);
    CHECK_EQ_U64(guest_vdso.size, ALIGN_UP(IMAGE_SIZE, GUEST_PAGE_SIZE));
    struct guest_vma v;
    CHECK(guest_vma_next(vdso_base, &v));
    CHECK_EQ_U64(v.start, vdso_base);
    CHECK_EQ_U64(v.end, vdso_base + guest_vdso.size);
    CHECK_EQ_U64(v.prot, GPROT_READ | GPROT_EXEC);
    CHECK(strcmp(v.name, "[vdso]") == 0);
    CHECK(memcmp(g2h(vdso_base), IMAGE, IMAGE_SIZE) == 0);
    uint64_t sr = 0;
    CHECK(vdso_image_symbol(IMAGE, IMAGE_SIZE, "__vdso_rt_sigreturn", &sr));
    CHECK_EQ_U64(guest_vdso.sigreturn, vdso_base + sr);

    CHECK(vdso_contains(vdso_base));
    CHECK(vdso_contains(vdso_base + guest_vdso.size - 1));
    CHECK(!vdso_contains(vdso_base + guest_vdso.size));
    CHECK(!vdso_contains(vdso_base - 1));
    CHECK(!vdso_contains(CODE));
    CHECK(!vdso_contains(0));
}

static int64_t ts_ns(uint64_t ga)
{
    int64_t g[2];
    memcpy(g, g2h(ga), sizeof(g));
    return g[0] * 1000000000 + g[1];
}

TEST(vdso, services)
{
    setup_guest();
    struct timespec before, after;
    memset(g2h(DATA), 0xaa, 64);
    clock_gettime(CLOCK_MONOTONIC, &before);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, CLOCK_MONOTONIC, DATA, 0), 0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    int64_t got = ts_ns(DATA);
    CHECK(got >= before.tv_sec * 1000000000 + before.tv_nsec);
    CHECK(got <= after.tv_sec * 1000000000 + after.tv_nsec);
    /* the clock id is the low 32 bits, as the kernel reads an int */
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, 0xffffffff00000001ull, DATA, 0), 0);
    static const clockid_t served[] = {
        CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
        CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_TAI,
    };
    for (size_t i = 0; i < ARRAY_SIZE(served); i++) {
        CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, (uint64_t)served[i], DATA, 0), 0);
        CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETRES, (uint64_t)served[i], DATA + 16, 0), 0);
        CHECK(ts_ns(DATA + 16) > 0);
    }
    /* what the syscall must do: CPU-time, unknown and negative (per-pid) clocks, bad pointers */
    static const int64_t fallback_clocks[] = { CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID, 12345, -6 };
    for (size_t i = 0; i < ARRAY_SIZE(fallback_clocks); i++) {
        CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, (uint64_t)fallback_clocks[i], DATA, 0), VDSO_FALLBACK);
        CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETRES, (uint64_t)fallback_clocks[i], DATA, 0), VDSO_FALLBACK);
    }
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, CLOCK_MONOTONIC, 0, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, CLOCK_MONOTONIC, RO, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, CLOCK_MONOTONIC, DATA + 0xff8, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, CLOCK_MONOTONIC, GUEST_SPACE - 8, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETTIME, CLOCK_MONOTONIC, ~0ull, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETRES, CLOCK_MONOTONIC, 0, 0), 0);   /* NULL res */
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_CLOCK_GETRES, CLOCK_MONOTONIC, RO, 0), VDSO_FALLBACK);

    /* gettimeofday: microseconds of CLOCK_REALTIME; a timezone only through the syscall */
    clock_gettime(CLOCK_REALTIME, &before);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETTIMEOFDAY, DATA + 32, 0, 0), 0);
    clock_gettime(CLOCK_REALTIME, &after);
    int64_t tv[2];
    memcpy(tv, g2h(DATA + 32), sizeof(tv));
    CHECK(tv[1] >= 0 && tv[1] < 1000000);
    CHECK(tv[0] * 1000000 + tv[1] >= before.tv_sec * 1000000 + before.tv_nsec / 1000);
    CHECK(tv[0] * 1000000 + tv[1] <= after.tv_sec * 1000000 + after.tv_nsec / 1000);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETTIMEOFDAY, 0, 0, 0), 0);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETTIMEOFDAY, DATA + 32, DATA + 48, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETTIMEOFDAY, RO, 0, 0), VDSO_FALLBACK);

    /* getcpu: either pointer may be NULL */
    memset(g2h(DATA + 64), 0xff, 8);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETCPU, DATA + 64, DATA + 68, 0), 0);
    uint32_t cpu_node[2];
    memcpy(cpu_node, g2h(DATA + 64), 8);
    CHECK(cpu_node[0] < 65536 && cpu_node[1] < 65536);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETCPU, 0, 0, 0), 0);
    CHECK_EQ_U64(vdso_service(NULL, VDSO_SVC_GETCPU, RO, 0, 0), VDSO_FALLBACK);

    CHECK_EQ_U64(vdso_service(NULL, 0, CLOCK_MONOTONIC, DATA, 0), VDSO_FALLBACK);
    CHECK_EQ_U64(vdso_service(NULL, 99, CLOCK_MONOTONIC, DATA, 0), VDSO_FALLBACK);
}

static struct ir_block *translate_at(uint64_t pc)
{
    static struct ir_block *b;
    if (!b)
        b = ir_block_new();
    ir_init(b, target_riscv64.globals, target_riscv64.nglobals, pc);
    target_riscv64.translate(b, 1);
    const char *bad = ir_validate(b);
    if (bad) {
        printf("  bad IR at %#llx: %s\n", (unsigned long long)pc, bad);
        test_failed_checks++;
    }
    return b;
}

static const struct ir_op *find_call(const struct ir_block *b)
{
    for (unsigned i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_CALL)
            return &b->ops[i];
    return NULL;
}

TEST(vdso, translated_only_inside_the_vdso)
{
    setup_guest();
    uint64_t v = 0;
    CHECK(vdso_image_symbol(IMAGE, IMAGE_SIZE, "__vdso_clock_gettime", &v));
    uint64_t pc = vdso_base + v;

    /* inside: one full-sync helper call whose result goes to t0 */
    struct ir_block *b = translate_at(pc);
    CHECK_EQ_U64(b->ninsns, 1);
    const struct ir_op *call = find_call(b);
    CHECK(call != NULL);
    if (call) {
        CHECK(call->helper->fn == (void *)vdso_service);
        CHECK_EQ_U64(call->helper->nargs, 3);
        CHECK((call->helper->flags & IR_HELPER_NO_GLOBALS) == 0);
        CHECK(call->helper->has_result);
    }

    /* ...and it runs: t0 = 0 and the timespec written */
    struct rv64_cpu *cpu = calloc(1, target_riscv64.cpu_size);
    cpu->base.target = &target_riscv64;
    CHECK(target_riscv64.cpu_init(&cpu->base, ""));
    target_riscv64.set_entry(&cpu->base, pc, DATA + 0x800);
    cpu->x[5] = 0x5555;
    cpu->x[10] = CLOCK_MONOTONIC;
    cpu->x[11] = DATA + 128;
    memset(g2h(DATA + 128), 0, 16);
    unsigned r = interp_run(&cpu->base, b);
    CHECK(r == EXIT_CHAIN || r == EXIT_INDIRECT);
    CHECK_EQ_U64(cpu->x[5], 0);
    CHECK_EQ_U64(cpu->x[10], CLOCK_MONOTONIC);
    CHECK(ts_ns(DATA + 128) > 0);
    /* a bad pointer: t0 != 0 and nothing else changed */
    target_riscv64.set_entry(&cpu->base, pc, DATA + 0x800);
    cpu->x[11] = RO;
    interp_run(&cpu->base, b);
    CHECK_EQ_U64(cpu->x[5], VDSO_FALLBACK);
    CHECK_EQ_U64(cpu->x[11], RO);
    free(cpu);

    /* outside: the same word is an illegal instruction */
    uint32_t w;
    memcpy(&w, IMAGE + v, 4);
    memcpy(g2h(CODE), &w, 4);
    b = translate_at(CODE);
    CHECK(find_call(b) == NULL);
    const struct ir_op *last = &b->ops[b->nops - 1];
    CHECK_EQ_U64(last->opc, IR_EXIT);
    CHECK_EQ_U64(last->imm, EXIT_EXCEPTION);
}
