/*
 * binfmt.c - `crossrun binfmt install|uninstall|status`: registers crossrun with the kernel's
 * binfmt_misc (/proc/sys/fs/binfmt_misc, mounted here when it is not), so that the kernel
 * starts crossrun for every foreign ELF program: `./prog`, shells, chroots, containers.
 *
 * One entry per guest, named <prefix><arch> ("crossrun-riscv64"), type M: it matches the
 * ELF header's identification bytes, e_type (ET_EXEC or ET_DYN) and e_machine. The
 * interpreter is crossrun's own file (/proc/self/exe). Default flags PF: F makes the kernel
 * open crossrun at registration, so it runs inside chroots and containers that do not
 * contain it (crossrun is one static binary, so it needs nothing from them); P keeps the
 * program's argv[0] (main.c reads AT_FLAGS). O (the program passed open, AT_EXECFD) is
 * allowed; C only when asked for, with its risk stated in the help.
 *
 * Invariants: crossrun only ever removes or replaces entries with its own names, and only
 * ever removes /etc/binfmt.d files that carry the marker it writes. Another handler that
 * claims the same programs (qemu-riscv64 from binfmt-support, say) is found by matching
 * its magic and mask against typical headers of that guest's programs, not by comparing
 * strings; install refuses while one is enabled, unless --force, which disables it (writes
 * 0: it stays listed and can be enabled again) and says how to undo that.
 *
 * The table of magic/mask bytes here is the source of truth; binfmt/<arch>.conf are the
 * same lines in systemd-binfmt form (tests/unit/test_binfmt.c checks they agree).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "binfmt.h"
#include "targets/target.h"

#define BINFMT_DIR       "/proc/sys/fs/binfmt_misc"
#define BINFMT_D_DIR     "/etc/binfmt.d"           /* systemd-binfmt; CROSSRUN_BINFMT_D overrides */
#define DEFAULT_PREFIX   "crossrun-"
#define DEFAULT_FLAGS    "PF"                     /* kernel order: P O C F */
#define MAX_PREFIX       200
#define CONF_MARKER      "# Written by `crossrun binfmt install --persistent`"
#define SAMPLE_SIZE      64                        /* an ELF64 header */
#define ENTRY_TEXT_MAX   (PATH_MAX + 1024)

/* The ELF identification every 64-bit little-endian guest shares: magic, ELFCLASS64,
 * ELFDATA2LSB, EV_CURRENT; the OS ABI byte (7) is ignored (SYSV and GNU/Linux both occur);
 * ABI version and padding must be 0. e_type's low byte is masked with 0xfe so that 2
 * (ET_EXEC) and 3 (ET_DYN: PIE programs) both match. */
#define ELF64LE_MAGIC(machine)                                                   \
    { 0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,       \
      0x00, 0x00, 0x00, 0x00, 0x02, 0x00, (machine) & 0xff, (machine) >> 8 }
#define ELF64LE_MASK                                                             \
    { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff,    \
      0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff }

const struct binfmt_guest binfmt_guests[] = {
    { .arch = "riscv64", .elf_machine = 243 /* EM_RISCV */, .elf_flags = 0x5 /* RVC, lp64d */,
      .magic = ELF64LE_MAGIC(243), .mask = ELF64LE_MASK },
    { .arch = "aarch64", .elf_machine = 183 /* EM_AARCH64 */, .elf_flags = 0,
      .magic = ELF64LE_MAGIC(183), .mask = ELF64LE_MASK },
};
const size_t binfmt_nguests = ARRAY_SIZE(binfmt_guests);

struct binfmt_options {
    const char *command;                /* install, uninstall, status */
    bool want[ARRAY_SIZE(binfmt_guests)];
    bool arch_given;
    char flags[8];
    const char *prefix;
    bool persistent, force, dry_run;
};

/* ---- parsing and formatting (no system calls; unit-tested) ---- */

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes hex (up to the end of the line) into out; returns the byte count, or -1. */
static int parse_hex(const char *s, uint8_t *out, size_t max)
{
    size_t n = 0;
    while (*s && *s != '\n') {
        int hi = hex_digit(s[0]), lo = hi >= 0 ? hex_digit(s[1]) : -1;
        if (lo < 0 || n >= max)
            return -1;
        out[n++] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    return (int)n;
}

/* Copies the rest of the line at s into out (size bytes, truncating). */
static void copy_line(char *out, size_t size, const char *s)
{
    size_t n = strcspn(s, "\n");
    if (n >= size)
        n = size - 1;
    memcpy(out, s, n);
    out[n] = 0;
}

bool binfmt_parse_entry(const char *text, struct binfmt_entry *e)
{
    char name[sizeof(e->name)];
    memcpy(name, e->name, sizeof(name));        /* the caller may have set it */
    memset(e, 0, sizeof(*e));
    memcpy(e->name, name, sizeof(name));
    if (strncmp(text, "enabled\n", 8) == 0)
        e->enabled = true;
    else if (strncmp(text, "disabled\n", 9) != 0)
        return false;
    bool have_match = false;
    int magic_len = -1, mask_len = -1;
    for (const char *l = text; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, "interpreter ", 12) == 0) {
            copy_line(e->interpreter, sizeof(e->interpreter), l + 12);
        } else if (strncmp(l, "flags: ", 7) == 0) {
            copy_line(e->flags, sizeof(e->flags), l + 7);
        } else if (strncmp(l, "offset ", 7) == 0) {
            e->offset = (unsigned)strtoul(l + 7, NULL, 10);
        } else if (strncmp(l, "magic ", 6) == 0) {
            magic_len = parse_hex(l + 6, e->magic, sizeof(e->magic));
            e->by_magic = have_match = true;
        } else if (strncmp(l, "mask ", 5) == 0) {
            mask_len = parse_hex(l + 5, e->mask, sizeof(e->mask));
            e->has_mask = true;
        } else if (strncmp(l, "extension ", 10) == 0) {
            have_match = true;
        }
    }
    if (!have_match)
        return false;
    /* A magic too long to hold (or a mask of another length) cannot be matched here:
     * size stays 0 and binfmt_entry_claims says no. */
    if (e->by_magic && magic_len > 0 && (!e->has_mask || mask_len == magic_len))
        e->size = (size_t)magic_len;
    return true;
}

/* A typical ELF64 header of a guest program of type e_type. */
static void sample_header(const struct binfmt_guest *g, uint16_t e_type, uint8_t h[SAMPLE_SIZE])
{
    memset(h, 0, SAMPLE_SIZE);
    memcpy(h, "\x7f" "ELF\x02\x01\x01", 7);
    h[16] = (uint8_t)e_type;
    h[18] = (uint8_t)g->elf_machine;
    h[19] = (uint8_t)(g->elf_machine >> 8);
    h[20] = 1;                                  /* e_version */
    h[32] = 64;                                 /* e_phoff */
    memcpy(&h[48], &g->elf_flags, 4);           /* e_flags (x86 is little-endian too) */
    h[52] = 64;                                 /* e_ehsize */
    h[54] = 56;                                 /* e_phentsize */
}

bool binfmt_entry_claims(const struct binfmt_entry *e, const struct binfmt_guest *g)
{
    if (!e->by_magic || e->size == 0 || e->offset > SAMPLE_SIZE || e->size > SAMPLE_SIZE - e->offset)
        return false;
    static const uint16_t types[] = { 2 /* ET_EXEC */, 3 /* ET_DYN */ };
    for (size_t t = 0; t < ARRAY_SIZE(types); t++) {
        uint8_t h[SAMPLE_SIZE];
        sample_header(g, types[t], h);
        size_t i;
        for (i = 0; i < e->size; i++) {
            uint8_t m = e->has_mask ? e->mask[i] : 0xff;
            if ((h[e->offset + i] & m) != (e->magic[i] & m))
                break;
        }
        if (i == e->size)
            return true;
    }
    return false;
}

bool binfmt_normalise_flags(const char *in, char out[8])
{
    static const char order[] = "POCF";
    bool seen[4] = { false };
    for (const char *c = in; *c; c++) {
        const char *p = strchr(order, *c);
        if (!p || seen[p - order])
            return false;
        seen[p - order] = true;
    }
    seen[1] |= seen[2];                         /* the kernel: C implies O */
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        if (seen[i])
            out[n++] = order[i];
    out[n] = 0;
    return true;
}

static size_t escape_bytes(char *out, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 4 * i, "\\x%02x", b[i]);
    return 4 * n;
}

int binfmt_format_line(char *buf, size_t size, const char *name, const struct binfmt_guest *g,
                       const char *interpreter, const char *flags)
{
    if (strpbrk(interpreter, ":\n") || strpbrk(name, ":/\n"))
        return -1;
    char magic[4 * BINFMT_MAGIC_SIZE + 1], mask[4 * BINFMT_MAGIC_SIZE + 1];
    magic[escape_bytes(magic, g->magic, BINFMT_MAGIC_SIZE)] = 0;
    mask[escape_bytes(mask, g->mask, BINFMT_MAGIC_SIZE)] = 0;
    int n = snprintf(buf, size, ":%s:M::%s:%s:%s:%s", name, magic, mask, interpreter, flags);
    return n < 0 || (size_t)n >= size ? -1 : n;
}

/* ---- the system side ---- */

static PRINTF_LIKE(1, 2) void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("crossrun binfmt: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static bool guest_supported(const struct binfmt_guest *g)
{
    return target_by_name(g->arch) != NULL;
}

static void entry_name(char *out, size_t size, const char *prefix, const struct binfmt_guest *g)
{
    snprintf(out, size, "%s%s", prefix, g->arch);
}

/* Reads a small file into buf (NUL-terminated); false on error (errno set). */
static bool read_text(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, buf + n, size - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    buf[n] = 0;
    close(fd);
    return true;
}

/* Writes text to a binfmt_misc control file in one write(), as the kernel wants; returns 0
 * or an errno value. */
static int write_control(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    size_t len = strlen(text);
    ssize_t r = write(fd, text, len);
    int err = r < 0 ? errno : (size_t)r != len ? EIO : 0;
    close(fd);
    return err;
}

/* Makes sure binfmt_misc is mounted at BINFMT_DIR, mounting it when allowed. Returns 0 or
 * the exit status to give up with (after saying why in one line). */
static int binfmt_misc_ready(bool may_mount)
{
    if (access(BINFMT_DIR "/register", F_OK) == 0)
        return 0;
    if (!may_mount || geteuid() != 0) {
        say("binfmt_misc is not mounted at " BINFMT_DIR " and mounting it needs root");
        return BINFMT_EXIT_NOT_ROOT;
    }
    if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL) < 0) {
        int err = errno;
        if (err == EPERM || err == EACCES) {
            say("cannot mount binfmt_misc at " BINFMT_DIR ": %s (a container without "
                "CAP_SYS_ADMIN?)", strerror(err));
            return BINFMT_EXIT_NOT_ROOT;
        }
        if (err == ENOENT)
            say("no " BINFMT_DIR ": /proc is not mounted, or the kernel has no binfmt_misc");
        else if (err == ENODEV)
            say("this kernel has no binfmt_misc (CONFIG_BINFMT_MISC)");
        else
            say("cannot mount binfmt_misc at " BINFMT_DIR ": %s", strerror(err));
        return BINFMT_EXIT_UNAVAILABLE;
    }
    if (access(BINFMT_DIR "/register", F_OK) != 0) {
        say("mounted binfmt_misc at " BINFMT_DIR " but it has no register file");
        return BINFMT_EXIT_UNAVAILABLE;
    }
    return 0;
}

/* Every entry in binfmt_misc (sorted by name); *count set. NULL with *count 0 if none. */
static struct binfmt_entry *read_entries(size_t *count)
{
    *count = 0;
    DIR *d = opendir(BINFMT_DIR);
    if (!d)
        return NULL;
    struct binfmt_entry *v = NULL;
    size_t cap = 0;
    char *text = malloc(ENTRY_TEXT_MAX);
    struct dirent *de;
    while (text && (de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' || strcmp(n, "register") == 0 || strcmp(n, "status") == 0 ||
            strlen(n) >= sizeof(v->name))
            continue;
        char path[sizeof(BINFMT_DIR) + sizeof(v->name) + 1];
        snprintf(path, sizeof(path), BINFMT_DIR "/%s", n);
        if (!read_text(path, text, ENTRY_TEXT_MAX))
            continue;
        if (*count == cap) {
            cap = cap ? cap * 2 : 8;
            struct binfmt_entry *nv = realloc(v, cap * sizeof(*v));
            if (!nv)
                break;
            v = nv;
        }
        struct binfmt_entry *e = &v[*count];
        snprintf(e->name, sizeof(e->name), "%s", n);
        if (binfmt_parse_entry(text, e))
            (*count)++;
    }
    free(text);
    closedir(d);
    for (size_t i = 1; i < *count; i++)         /* insertion sort: a handful of entries */
        for (size_t j = i; j > 0 && strcmp(v[j - 1].name, v[j].name) > 0; j--) {
            struct binfmt_entry t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v;
}

static const struct binfmt_entry *find_entry(const struct binfmt_entry *v, size_t n,
                                             const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

/* crossrun's own file, for the interpreter field; NULL (after saying why) if unusable. */
static const char *self_path(void)
{
    static char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        say("cannot find crossrun's own file: /proc/self/exe: %s", strerror(errno));
        return NULL;
    }
    self[n] = 0;
    if (n > 10 && strcmp(self + n - 10, " (deleted)") == 0) {
        say("crossrun's own file %s was replaced or deleted since it started; run the new one",
            self);
        return NULL;
    }
    if (strpbrk(self, ":\n")) {
        say("crossrun's path %s contains ':', which binfmt_misc cannot register; "
            "install it elsewhere", self);
        return NULL;
    }
    return self;
}

/* The kernel reports P in AT_FLAGS since Linux 5.12; before that crossrun cannot tell
 * whether argv[0] was kept. */
static bool kernel_reports_argv0(void)
{
    struct utsname u;
    unsigned major = 0, minor = 0;
    if (uname(&u) != 0 || sscanf(u.release, "%u.%u", &major, &minor) != 2)
        return true;
    return major > 5 || (major == 5 && minor >= 12);
}

static const char *binfmt_d_dir(void)
{
    const char *d = getenv("CROSSRUN_BINFMT_D");
    return d && *d ? d : BINFMT_D_DIR;
}

static void conf_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s.conf", binfmt_d_dir(), name);
}

/* Writes the --persistent file for one entry (atomically); 0 or an errno value. */
static int write_conf(const char *name, const char *line)
{
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    conf_path(path, sizeof(path), name);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    if (mkdir(binfmt_d_dir(), 0755) < 0 && errno != EEXIST)
        return errno;
    FILE *f = fopen(tmp, "w");
    if (!f)
        return errno;
    fprintf(f, CONF_MARKER "; `crossrun binfmt uninstall` removes it.\n"
               "# systemd-binfmt reads it at boot (binfmt.d(5)).\n%s\n", line);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        return err;
    }
    return 0;
}

/* Removes our --persistent file for name if there is one that we wrote. True if removed. */
static bool remove_conf(const char *name)
{
    char path[PATH_MAX], head[256];
    conf_path(path, sizeof(path), name);
    if (!read_text(path, head, sizeof(head)) || strncmp(head, CONF_MARKER, strlen(CONF_MARKER)) != 0)
        return false;
    if (unlink(path) != 0) {
        say("cannot remove %s: %s", path, strerror(errno));
        return false;
    }
    printf("removed %s\n", path);
    return true;
}

/* How to get another handler out of the way, for messages. */
static void print_other_handler_advice(FILE *out, const struct binfmt_entry *e)
{
    fprintf(out, "  to hand these programs to crossrun: `crossrun binfmt install --force` "
                 "disables it, or disable it yourself: `update-binfmts --disable %s` "
                 "(binfmt-support) or `echo 0 > " BINFMT_DIR "/%s`\n", e->name, e->name);
}

static void describe_entry(FILE *out, const struct binfmt_entry *e)
{
    fprintf(out, "%s, flags %s, interpreter %s", e->enabled ? "enabled" : "disabled",
            e->flags[0] ? e->flags : "(none)", e->interpreter);
}

/* ---- the commands ---- */

static int cmd_install(const struct binfmt_options *o)
{
    char flags[8];
    memcpy(flags, o->flags, sizeof(flags));
    if (strchr(flags, 'C'))
        say("warning: flag C: credentials come from each program, so a setuid foreign "
            "program runs crossrun with its privileges (see crossrun binfmt --help)");
    if (strchr(flags, 'P') && !kernel_reports_argv0()) {
        say("warning: this kernel (before 5.12) does not tell a preserved argv[0] apart: "
            "registering without P");
        char *p = strchr(flags, 'P');
        memmove(p, p + 1, strlen(p));
    }
    if (strchr(flags, 'F') && getauxval(AT_BASE) != 0)
        say("warning: this crossrun is dynamically linked: chroots and containers without "
            "its libraries cannot run it");
    const char *interp = self_path();
    if (!interp)
        return BINFMT_EXIT_FAILED;

    char lines[ARRAY_SIZE(binfmt_guests)][PATH_MAX + 512];
    char names[ARRAY_SIZE(binfmt_guests)][MAX_PREFIX + 32];
    for (size_t i = 0; i < binfmt_nguests; i++) {
        if (!o->want[i])
            continue;
        entry_name(names[i], sizeof(names[i]), o->prefix, &binfmt_guests[i]);
        if (binfmt_format_line(lines[i], sizeof(lines[i]), names[i], &binfmt_guests[i], interp,
                               flags) < 0) {
            say("cannot form the registration line for %s", names[i]);
            return BINFMT_EXIT_FAILED;
        }
        if (o->dry_run)
            printf("%s\n", lines[i]);
    }
    if (o->dry_run)
        return BINFMT_EXIT_OK;
    if (geteuid() != 0) {
        say("install needs root (it writes " BINFMT_DIR "/register)");
        return BINFMT_EXIT_NOT_ROOT;
    }
    int st = binfmt_misc_ready(true);
    if (st)
        return st;

    /* Other handlers first: refuse before changing anything. */
    size_t n;
    struct binfmt_entry *v = read_entries(&n);
    bool conflict = false;
    for (size_t i = 0; i < binfmt_nguests; i++)
        for (size_t k = 0; o->want[i] && k < n; k++) {
            const struct binfmt_entry *e = &v[k];
            if (strcmp(e->name, names[i]) == 0 || !e->enabled ||
                !binfmt_entry_claims(e, &binfmt_guests[i]))
                continue;
            if (o->force) {
                char path[PATH_MAX];
                snprintf(path, sizeof(path), BINFMT_DIR "/%s", e->name);
                int err = write_control(path, "0");
                if (err) {
                    say("cannot disable %s: %s", e->name, strerror(err));
                    free(v);
                    return err == EPERM || err == EACCES ? BINFMT_EXIT_NOT_ROOT : BINFMT_EXIT_FAILED;
                }
                printf("disabled %s (it claimed %s programs; `echo 1 > %s` enables it again)\n",
                       e->name, binfmt_guests[i].arch, path);
                continue;
            }
            fprintf(stderr, "crossrun binfmt: %s programs are already claimed by %s (",
                    binfmt_guests[i].arch, e->name);
            describe_entry(stderr, e);
            fprintf(stderr, "): not registering\n");
            print_other_handler_advice(stderr, e);
            conflict = true;
        }
    if (conflict) {
        free(v);
        return BINFMT_EXIT_CONFLICT;
    }

    int status = BINFMT_EXIT_OK;
    for (size_t i = 0; i < binfmt_nguests; i++) {
        if (!o->want[i])
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof(path), BINFMT_DIR "/%s", names[i]);
        if (find_entry(v, n, names[i])) {                /* ours: replace it */
            int err = write_control(path, "-1");
            if (err && err != ENOENT) {
                say("cannot remove the old %s: %s", names[i], strerror(err));
                status = BINFMT_EXIT_FAILED;
                continue;
            }
        }
        int err = write_control(BINFMT_DIR "/register", lines[i]);
        if (err) {
            if (err == EPERM || err == EACCES) {
                say("registering %s: %s", names[i], strerror(err));
                free(v);
                return BINFMT_EXIT_NOT_ROOT;
            }
            say("the kernel refused %s: %s%s", names[i], strerror(err),
                err == EINVAL ? " (unsupported flag or malformed line?)" : "");
            status = BINFMT_EXIT_FAILED;
            continue;
        }
        printf("registered %s: flags %s, interpreter %s\n", names[i], flags[0] ? flags : "(none)",
               interp);
        if (o->persistent) {
            char conf[PATH_MAX];
            conf_path(conf, sizeof(conf), names[i]);
            err = write_conf(names[i], lines[i]);
            if (err) {
                say("cannot write %s: %s", conf, strerror(err));
                status = BINFMT_EXIT_FAILED;
            } else {
                printf("wrote %s\n", conf);
            }
        }
    }
    free(v);
    return status;
}

static int cmd_uninstall(const struct binfmt_options *o)
{
    if (geteuid() != 0) {
        say("uninstall needs root (it writes to " BINFMT_DIR ")");
        return BINFMT_EXIT_NOT_ROOT;
    }
    int st = binfmt_misc_ready(true);
    if (st)
        return st;
    size_t n;
    struct binfmt_entry *v = read_entries(&n);
    int status = BINFMT_EXIT_OK;
    bool removed = false;
    for (size_t i = 0; i < binfmt_nguests; i++) {
        if (!o->want[i])
            continue;
        char name[MAX_PREFIX + 32], path[PATH_MAX];
        entry_name(name, sizeof(name), o->prefix, &binfmt_guests[i]);
        snprintf(path, sizeof(path), BINFMT_DIR "/%s", name);
        if (find_entry(v, n, name)) {
            int err = write_control(path, "-1");
            if (err && err != ENOENT) {
                say("cannot remove %s: %s", name, strerror(err));
                status = BINFMT_EXIT_FAILED;
            } else {
                printf("removed %s\n", name);
                removed = true;
            }
        }
        if (remove_conf(name))
            removed = true;
        for (size_t k = 0; k < n; k++)
            if (strcmp(v[k].name, name) != 0 && !v[k].enabled &&
                binfmt_entry_claims(&v[k], &binfmt_guests[i]))
                printf("note: %s (%s programs) stays disabled; `echo 1 > " BINFMT_DIR "/%s` "
                       "enables it again\n", v[k].name, binfmt_guests[i].arch, v[k].name);
    }
    if (!removed && status == BINFMT_EXIT_OK)
        printf("nothing to remove: no entry named %s<arch> is registered\n", o->prefix);
    free(v);
    return status;
}

static int cmd_status(const struct binfmt_options *o)
{
    int st = binfmt_misc_ready(geteuid() == 0);
    if (st)
        return st;
    char global[64] = "";
    read_text(BINFMT_DIR "/status", global, sizeof(global));
    global[strcspn(global, "\n")] = 0;
    printf("binfmt_misc: " BINFMT_DIR " (%s)\n", global[0] ? global : "unknown");
    int status = strcmp(global, "enabled") == 0 ? BINFMT_EXIT_OK : BINFMT_EXIT_FAILED;
    size_t n;
    struct binfmt_entry *v = read_entries(&n);
    for (size_t i = 0; i < binfmt_nguests; i++) {
        const struct binfmt_guest *g = &binfmt_guests[i];
        if (!o->want[i])
            continue;
        char name[MAX_PREFIX + 32];
        entry_name(name, sizeof(name), o->prefix, g);
        const struct binfmt_entry *own = find_entry(v, n, name);
        if (own) {
            printf("%s: %s: ", g->arch, name);
            describe_entry(stdout, own);
            printf("\n");
            if (!own->enabled)
                status = BINFMT_EXIT_FAILED;
        } else if (!guest_supported(g)) {
            printf("%s: not supported by this crossrun yet\n", g->arch);
            if (o->arch_given)
                status = BINFMT_EXIT_FAILED;
        } else {
            printf("%s: not registered (`crossrun binfmt install` registers it as %s)\n",
                   g->arch, name);
            status = BINFMT_EXIT_FAILED;
        }
        for (size_t k = 0; k < n; k++) {
            if (&v[k] == own || !binfmt_entry_claims(&v[k], g))
                continue;
            printf("%s: other handler %s: ", g->arch, v[k].name);
            describe_entry(stdout, &v[k]);
            printf("\n");
            if (v[k].enabled) {
                status = BINFMT_EXIT_FAILED;    /* crossrun may not be the one that runs */
                printf("  it claims %s programs too (the kernel uses whichever was registered "
                       "last)\n", g->arch);
                print_other_handler_advice(stdout, &v[k]);
            }
        }
    }
    free(v);
    return status;
}

static void binfmt_usage(FILE *out)
{
    fprintf(out,
"usage: crossrun binfmt install [--arch LIST] [--flags FLAGS] [--persistent] [--name-prefix P]\n"
"                               [--force] [--dry-run]\n"
"       crossrun binfmt uninstall [--arch LIST] [--name-prefix P]\n"
"       crossrun binfmt status [--arch LIST] [--name-prefix P]\n"
"\n"
"Registers crossrun with the kernel's binfmt_misc (" BINFMT_DIR ", mounted if it\n"
"is not), so that foreign programs run directly: ./prog, in scripts, chroots and containers.\n"
"One entry per guest, named P<arch> (crossrun-riscv64), matching that guest's ELF programs.\n"
"\n"
"  --arch LIST        guests, comma-separated, or all (default: every guest this crossrun runs:");
    for (const struct target *const *t = targets; *t; t++)
        fprintf(out, " %s", (*t)->name);
    fprintf(out, ")\n"
"  --flags FLAGS      binfmt_misc flags, default PF:\n"
"                       F  the kernel opens crossrun now: it then works in chroots and\n"
"                          containers that do not contain it\n"
"                       P  programs keep their own argv[0]\n"
"                       O  the kernel passes the program already open: programs that are\n"
"                          executable but not readable run too\n"
"                       C  SECURITY RISK, never a default: credentials are computed from each\n"
"                          program instead of crossrun, so a setuid or setgid foreign program\n"
"                          runs crossrun itself with those privileges; any flaw in crossrun\n"
"                          then becomes a privilege escalation for every user who can run\n"
"                          such a program (crossrun then ignores its QEMU_* variables and\n"
"                          tells the guest AT_SECURE, but that is no proof). Implies O.\n"
"  --persistent       also write " BINFMT_D_DIR "/P<arch>.conf (systemd-binfmt registers it at\n"
"                     boot; CROSSRUN_BINFMT_D names another directory); uninstall removes it\n"
"  --name-prefix P    name entries P<arch> (default " DEFAULT_PREFIX ")\n"
"  --force            disable (echo 0 >) other enabled handlers of the same programs, such as\n"
"                     qemu-riscv64 from binfmt-support, instead of refusing to register\n"
"  --dry-run          print the registration lines instead of writing them (no root needed)\n"
"\n"
"uninstall removes only crossrun's own entries (P<arch>) and the files --persistent wrote.\n"
"status shows, per guest, crossrun's entry (flags, interpreter) and any other handler that\n"
"claims the same programs; it needs no root when binfmt_misc is mounted.\n"
"\n"
"Programs started by binfmt_misc take no crossrun options from their command line (every\n"
"argument is theirs); set options in the environment: QEMU_LD_PREFIX, QEMU_CPU, QEMU_LOG,\n"
"QEMU_LOG_FILENAME, QEMU_STRACE, QEMU_SET_ENV, QEMU_UNSET_ENV, CROSSRUN_ENGINE.\n"
"\n"
"Exit status: 0 done (status: crossrun registered and enabled for every guest asked, and no\n"
"other enabled handler); 1 failed (status: not so); 2 bad command line; 3 another enabled\n"
"handler claims the programs (install without --force); 4 not root, or not permitted;\n"
"5 no binfmt_misc (not in the kernel, or cannot be mounted).\n");
}

static int bad_binfmt_usage(const char *what, const char *arg)
{
    fprintf(stderr, "crossrun binfmt: %s '%s' (try 'crossrun binfmt --help')\n", what, arg);
    return BINFMT_EXIT_USAGE;
}

/* Parses a --arch list into o->want; returns 0 or an exit status. */
static int parse_arch_list(struct binfmt_options *o, const char *list)
{
    memset(o->want, 0, sizeof(o->want));
    o->arch_given = true;
    char *copy = strdup(list ? list : "");
    int r = 0;
    for (char *save, *a = strtok_r(copy, ",", &save); a && !r; a = strtok_r(NULL, ",", &save)) {
        bool found = false;
        for (size_t i = 0; i < binfmt_nguests; i++) {
            if (strcmp(a, "all") == 0 ? (strcmp(o->command, "install") != 0 ||
                                         guest_supported(&binfmt_guests[i]))
                                      : strcmp(a, binfmt_guests[i].arch) == 0) {
                o->want[i] = found = true;
                if (strcmp(a, "all") != 0 && strcmp(o->command, "install") == 0 &&
                    !guest_supported(&binfmt_guests[i])) {
                    fprintf(stderr, "crossrun binfmt: this crossrun cannot run %s programs yet\n", a);
                    r = BINFMT_EXIT_USAGE;
                }
            }
        }
        if (!found && !r)
            r = bad_binfmt_usage("unknown guest", a);
    }
    free(copy);
    return r;
}

static bool valid_prefix(const char *p)
{
    if (strlen(p) > MAX_PREFIX)
        return false;
    for (; *p; p++)
        if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') && !(*p >= '0' && *p <= '9') &&
            !strchr("-_.+", *p))
            return false;
    return true;
}

int binfmt_main(int argc, char **argv)
{
    struct binfmt_options o = { .prefix = DEFAULT_PREFIX, .flags = DEFAULT_FLAGS };
    if (argc < 2) {
        binfmt_usage(stderr);
        return BINFMT_EXIT_USAGE;
    }
    o.command = argv[1];
    if (strcmp(o.command, "-h") == 0 || strcmp(o.command, "--help") == 0 ||
        strcmp(o.command, "help") == 0) {
        binfmt_usage(stdout);
        return BINFMT_EXIT_OK;
    }
    if (strcmp(o.command, "install") != 0 && strcmp(o.command, "uninstall") != 0 &&
        strcmp(o.command, "status") != 0)
        return bad_binfmt_usage("unknown command", o.command);
    bool install = strcmp(o.command, "install") == 0;
    for (size_t i = 0; i < binfmt_nguests; i++)
        o.want[i] = !install || guest_supported(&binfmt_guests[i]);

    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        const char *val = eq ? eq + 1 : i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_value = false;
#define IS(opt) (len == strlen(opt) && strncmp(a, opt, len) == 0)
        if (IS("-h") || IS("--help")) {
            binfmt_usage(stdout);
            return BINFMT_EXIT_OK;
        } else if (IS("--arch") || IS("--name-prefix") || (install && IS("--flags"))) {
            if (!val)
                return bad_binfmt_usage("option needs a value:", a);
            takes_value = true;
            int r = 0;
            if (IS("--arch"))
                r = parse_arch_list(&o, val);
            else if (IS("--name-prefix") && !valid_prefix(val))
                r = bad_binfmt_usage("--name-prefix: use letters, digits and -_.+, not", val);
            else if (IS("--name-prefix"))
                o.prefix = val;
            else if (!binfmt_normalise_flags(val, o.flags))
                r = bad_binfmt_usage("--flags: use the letters P, O, C, F once each, not", val);
            if (r)
                return r;
        } else if (install && !eq && IS("--persistent")) {
            o.persistent = true;
        } else if (install && !eq && IS("--force")) {
            o.force = true;
        } else if (install && !eq && IS("--dry-run")) {
            o.dry_run = true;
        } else {
            return bad_binfmt_usage("unknown option", a);
        }
#undef IS
        if (takes_value && !eq)
            i++;
    }
    bool any = false;
    for (size_t i = 0; i < binfmt_nguests; i++)
        any |= o.want[i];
    if (!any)
        return bad_binfmt_usage("no guest selected by --arch", "");

    fflush(stdout);
    int r = install ? cmd_install(&o)
            : strcmp(o.command, "uninstall") == 0 ? cmd_uninstall(&o)
                                                  : cmd_status(&o);
    fflush(stdout);
    return r;
}
