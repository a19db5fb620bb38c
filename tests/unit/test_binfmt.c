/* test_binfmt.c - unit tests of binfmt.c's pure parts: reading the kernel's entry files,
 * deciding whether an entry claims a guest's programs (conflict detection), flag checking,
 * the registration line, and that binfmt/<arch>.conf agree with the table in binfmt.c.
 * Run from the top of the tree (make check does), which has binfmt/. */
#define TEST_MAIN
#include <stdlib.h>
#include "test.h"
#include "binfmt.h"

static const struct binfmt_guest *guest(const char *arch)
{
    for (size_t i = 0; i < binfmt_nguests; i++)
        if (strcmp(binfmt_guests[i].arch, arch) == 0)
            return &binfmt_guests[i];
    return NULL;
}

/* What /proc/sys/fs/binfmt_misc/qemu-riscv64 shows after binfmt-support registers qemu. */
static const char qemu_riscv64[] =
    "enabled\n"
    "interpreter /usr/libexec/qemu-binfmt/riscv64-binfmt-P\n"
    "flags: POCF\n"
    "offset 0\n"
    "magic 7f454c460201010000000000000000000200f300\n"
    "mask ffffffffffffff00fffffffffffffffffeffffff\n";

TEST(binfmt, parse_qemu_entry)
{
    struct binfmt_entry e = { .name = "qemu-riscv64" };
    CHECK(binfmt_parse_entry(qemu_riscv64, &e));
    CHECK(strcmp(e.name, "qemu-riscv64") == 0);
    CHECK(e.enabled);
    CHECK(e.by_magic);
    CHECK(strcmp(e.interpreter, "/usr/libexec/qemu-binfmt/riscv64-binfmt-P") == 0);
    CHECK(strcmp(e.flags, "POCF") == 0);
    CHECK_EQ_U64(e.offset, 0);
    CHECK_EQ_U64(e.size, 20);
    CHECK(e.has_mask);
    CHECK_EQ_U64(e.magic[18], 0xf3);
    CHECK_EQ_U64(e.mask[16], 0xfe);
}

TEST(binfmt, parse_disabled_and_extension)
{
    struct binfmt_entry e = { 0 };
    CHECK(binfmt_parse_entry("disabled\ninterpreter /usr/bin/wine\nflags: \nextension .exe\n", &e));
    CHECK(!e.enabled);
    CHECK(!e.by_magic);
    CHECK(strcmp(e.flags, "") == 0);
    for (size_t i = 0; i < binfmt_nguests; i++)
        CHECK(!binfmt_entry_claims(&e, &binfmt_guests[i]));
    CHECK(!binfmt_parse_entry("", &e));
    CHECK(!binfmt_parse_entry("garbage\n", &e));
    CHECK(!binfmt_parse_entry("enabled\ninterpreter /x\n", &e));  /* no magic, no extension */
}

TEST(binfmt, qemu_claims_riscv64_only)
{
    struct binfmt_entry e = { 0 };
    CHECK(binfmt_parse_entry(qemu_riscv64, &e));
    CHECK(binfmt_entry_claims(&e, guest("riscv64")));
    CHECK(!binfmt_entry_claims(&e, guest("aarch64")));
}

TEST(binfmt, exact_magic_without_mask_claims)
{
    /* An ET_EXEC-only handler with no mask and the GNU/Linux OS ABI left at 0. */
    struct binfmt_entry e = { 0 };
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\n"
                             "magic 7f454c460201010000000000000000000200f300\n", &e));
    CHECK(!e.has_mask);
    CHECK(binfmt_entry_claims(&e, guest("riscv64")));
    /* Only the ELF magic at offset 0: claims every ELF, riscv64 included. */
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\nmagic 7f454c46\n", &e));
    CHECK(binfmt_entry_claims(&e, guest("riscv64")));
    /* x86-64 programs (e_machine 62): not ours. */
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\n"
                             "magic 7f454c460201010000000000000000000200"
                             "3e00\n", &e));
    CHECK(!binfmt_entry_claims(&e, guest("riscv64")));
    /* A 32-bit riscv handler (ELFCLASS32) does not claim riscv64 programs. */
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\n"
                             "magic 7f454c460101010000000000000000000200f300\n"
                             "mask ffffffffffffff00fffffffffffffffffeffffff\n", &e));
    CHECK(!binfmt_entry_claims(&e, guest("riscv64")));
}

TEST(binfmt, offset_and_odd_magic)
{
    struct binfmt_entry e = { 0 };
    /* e_machine alone at offset 18 */
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: F\noffset 18\nmagic f300\n", &e));
    CHECK_EQ_U64(e.offset, 18);
    CHECK(binfmt_entry_claims(&e, guest("riscv64")));
    /* beyond a 64-byte header: cannot tell, so not a conflict */
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: F\noffset 200\nmagic f300\n", &e));
    CHECK(!binfmt_entry_claims(&e, guest("riscv64")));
    /* malformed hex, or a mask of another length: never claims, never crashes */
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\nmagic 7f45zz\n", &e));
    CHECK(!binfmt_entry_claims(&e, guest("riscv64")));
    CHECK(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\nmagic 7f454c46\nmask ff\n", &e));
    CHECK(!binfmt_entry_claims(&e, guest("riscv64")));
}

TEST(binfmt, own_magic_claims_own_guest)
{
    for (size_t i = 0; i < binfmt_nguests; i++) {
        const struct binfmt_guest *g = &binfmt_guests[i];
        char text[512] = "enabled\ninterpreter /c\nflags: PF\noffset 0\nmagic ";
        for (size_t k = 0; k < BINFMT_MAGIC_SIZE; k++)
            sprintf(text + strlen(text), "%02x", g->magic[k]);
        strcat(text, "\nmask ");
        for (size_t k = 0; k < BINFMT_MAGIC_SIZE; k++)
            sprintf(text + strlen(text), "%02x", g->mask[k]);
        strcat(text, "\n");
        struct binfmt_entry e = { 0 };
        CHECK(binfmt_parse_entry(text, &e));
        for (size_t j = 0; j < binfmt_nguests; j++)
            CHECK(binfmt_entry_claims(&e, &binfmt_guests[j]) == (i == j));
        for (size_t k = 0; k < BINFMT_MAGIC_SIZE; k++)
            CHECK_EQ_U64(g->magic[k] & g->mask[k], g->magic[k]);
    }
}

TEST(binfmt, flags)
{
    char out[8] = "x";
    CHECK(binfmt_normalise_flags("FP", out) && strcmp(out, "PF") == 0);
    CHECK(binfmt_normalise_flags("CFOP", out) && strcmp(out, "POCF") == 0);
    CHECK(binfmt_normalise_flags("", out) && strcmp(out, "") == 0);
    CHECK(binfmt_normalise_flags("CF", out) && strcmp(out, "OCF") == 0);   /* C implies O */
    strcpy(out, "keep");
    CHECK(!binfmt_normalise_flags("PP", out));
    CHECK(!binfmt_normalise_flags("X", out));
    CHECK(!binfmt_normalise_flags("p", out));
    CHECK(strcmp(out, "keep") == 0);
}

TEST(binfmt, registration_line)
{
    char buf[1024];
    const struct binfmt_guest *g = guest("riscv64");
    int n = binfmt_format_line(buf, sizeof(buf), "crossrun-riscv64", g, "/usr/bin/crossrun", "PF");
    CHECK(n > 0 && (size_t)n == strlen(buf));
    CHECK(strncmp(buf, ":crossrun-riscv64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00", 37) == 0);
    CHECK(strstr(buf, "\\x02\\x00\\xf3\\x00:\\xff") != NULL);
    CHECK(strstr(buf, "\\xfe\\xff\\xff\\xff:/usr/bin/crossrun:PF") != NULL);
    CHECK(binfmt_format_line(buf, sizeof(buf), "x", g, "/opt/a:b/crossrun", "F") < 0);
    CHECK(binfmt_format_line(buf, sizeof(buf), "a/b", g, "/crossrun", "F") < 0);
    CHECK(binfmt_format_line(buf, 20, "x", g, "/crossrun", "F") < 0);
}

/* binfmt/<arch>.conf: its one registration line is what crossrun registers itself. */
TEST(binfmt, conf_files_match_table)
{
    for (size_t i = 0; i < binfmt_nguests; i++) {
        const struct binfmt_guest *g = &binfmt_guests[i];
        char path[64], name[64], want[1024], line[1024] = "";
        snprintf(path, sizeof(path), "binfmt/%s.conf", g->arch);
        snprintf(name, sizeof(name), "crossrun-%s", g->arch);
        FILE *f = fopen(path, "r");
        CHECK(f != NULL);
        if (!f) {
            printf("  cannot open %s (run from the top of the tree)\n", path);
            continue;
        }
        char buf[1024];
        int lines = 0;
        while (fgets(buf, sizeof(buf), f))
            if (buf[0] == ':') {
                buf[strcspn(buf, "\n")] = 0;
                strcpy(line, buf);
                lines++;
            }
        fclose(f);
        CHECK(lines == 1);
        CHECK(binfmt_format_line(want, sizeof(want), name, g, "/usr/local/bin/crossrun", "PF") > 0);
        CHECK(strcmp(line, want) == 0);
        if (strcmp(line, want) != 0)
            printf("  %s has\n  %s\n  expected\n  %s\n", path, line, want);
    }
}
