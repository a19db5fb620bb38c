/*
 * binfmt.h - `crossrun binfmt install|uninstall|status` (binfmt.c): registering crossrun
 * with the kernel's binfmt_misc so that foreign programs run without naming crossrun.
 *
 * The parsing and matching helpers below are exposed for tests/unit/test_binfmt.c; the rest
 * of crossrun only calls binfmt_main.
 */
#ifndef CROSSRUN_BINFMT_H
#define CROSSRUN_BINFMT_H

#include <limits.h>
#include "common.h"

/* Exit statuses of `crossrun binfmt ...` (documented in its --help and the README). */
enum {
    BINFMT_EXIT_OK          = 0,  /* done; status: registered and enabled for every guest asked,
                                     and no other enabled handler claims its programs */
    BINFMT_EXIT_FAILED      = 1,  /* a write failed; status: not so */
    BINFMT_EXIT_USAGE       = 2,  /* bad command line (EXIT_STATUS_USAGE) */
    BINFMT_EXIT_CONFLICT    = 3,  /* install: another enabled handler claims the programs */
    BINFMT_EXIT_NOT_ROOT    = 4,  /* not root, or not permitted (a container without the right) */
    BINFMT_EXIT_UNAVAILABLE = 5,  /* no binfmt_misc: not in the kernel, or cannot be mounted */
};

#define BINFMT_MAGIC_SIZE 20      /* e_ident, e_type and e_machine of an ELF header */
#define BINFMT_MAX_MATCH  128     /* longest offset+magic we read back from an entry */

/* A guest crossrun can register for: the ELF header bytes that identify its programs. */
struct binfmt_guest {
    const char *arch;                          /* "riscv64": also the target's name */
    uint16_t elf_machine;                      /* EM_RISCV */
    uint32_t elf_flags;                        /* a typical e_flags, for conflict checks */
    uint8_t magic[BINFMT_MAGIC_SIZE];
    uint8_t mask[BINFMT_MAGIC_SIZE];
};
extern const struct binfmt_guest binfmt_guests[];
extern const size_t binfmt_nguests;

/* One /proc/sys/fs/binfmt_misc/<name> entry as the kernel shows it. */
struct binfmt_entry {
    char name[256];
    bool enabled;
    bool by_magic;                             /* false: matched by file name extension */
    char interpreter[PATH_MAX];
    char flags[8];                             /* kernel order: P O C F */
    unsigned offset;
    size_t size;                               /* bytes of magic (and of mask, if any) */
    bool has_mask;
    uint8_t magic[BINFMT_MAX_MATCH], mask[BINFMT_MAX_MATCH];
};

/* Runs `crossrun binfmt ARGS...`; argv[0] is "binfmt". Returns the exit status. */
int binfmt_main(int argc, char **argv);

/* Parses the text of an entry file; false if it is not in the kernel's format. */
bool binfmt_parse_entry(const char *text, struct binfmt_entry *e);
/* True if entry e (enabled or not) would take programs of guest g. */
bool binfmt_entry_claims(const struct binfmt_entry *e, const struct binfmt_guest *g);
/* Checks a --flags value (letters P, O, C, F, any order, each at most once) and writes it in
 * the kernel's order; false (out untouched) if a letter is unknown or repeated. */
bool binfmt_normalise_flags(const char *in, char out[8]);
/* Writes the registration line ":name:M::magic:mask:interpreter:flags" (magic and mask as
 * \xHH escapes, no newline). Returns its length, or -1 if it does not fit or the
 * interpreter contains ':' or a newline. */
int binfmt_format_line(char *buf, size_t size, const char *name, const struct binfmt_guest *g,
                       const char *interpreter, const char *flags);

#endif
