/* procfs - the /proc files that describe the guest, not the emulator: /proc/self/exe,
 * maps, auxv, cmdline (and their /proc/<pid>/ and /proc/thread-self/ spellings) and
 * /proc/cpuinfo; read, lseek, pread and fstat on them. Run with arguments "alpha" "beta gamma". */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads a whole file into a malloc'ed NUL-terminated buffer; *len gets its size. */
static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
        ssize_t r = read(fd, buf + n, cap - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = 0;
    *len = n;
    return buf;
}

static const char *yes(int c) { return c ? "yes" : "no"; }

int main(int argc, char **argv)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    const char *base = strrchr(exe, '/');
    printf("readlink /proc/self/exe is absolute and ends with /procfs: %s\n",
           yes(exe[0] == '/' && base && strcmp(base, "/procfs") == 0));
    char other[PATH_MAX], path[64];
    snprintf(path, sizeof(path), "/proc/%d/exe", (int)getpid());
    n = readlink(path, other, sizeof(other) - 1);
    other[n > 0 ? n : 0] = 0;
    printf("/proc/<pid>/exe is the same: %s\n", yes(strcmp(exe, other) == 0));
    struct stat st_exe, st_self;
    printf("stat /proc/self/exe is the program: %s\n",
           yes(stat("/proc/self/exe", &st_exe) == 0 && stat(exe, &st_self) == 0 &&
               st_exe.st_ino == st_self.st_ino && st_exe.st_dev == st_self.st_dev));

    /* maps */
    size_t len;
    char *maps = slurp("/proc/self/maps", &len);
    if (!maps)
        return 1;
    int lines = 0, stack = 0, program = 0, exec_program = 0, bad_format = 0, high = 0, emu = 0;
    uint64_t prev_end = 0;
    int ordered = 1;
    for (char *line = strtok(maps, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long long start, end, off, inode;
        unsigned maj, min;
        char perms[8];
        int name_at = 0;
        lines++;
        if (sscanf(line, "%llx-%llx %4s %llx %x:%x %llu %n", &start, &end, perms, &off, &maj,
                   &min, &inode, &name_at) < 7 || strlen(perms) != 4 || start >= end) {
            bad_format++;
            continue;
        }
        const char *name = line + name_at;
        if (*name && name_at != 73)
            bad_format++;           /* names start in column 74, like the kernel's */
        if (start < prev_end)
            ordered = 0;
        prev_end = end;
        if (end > (1ULL << 38))
            high++;
        if (strstr(line, "crossrun"))
            emu++;
        if (strcmp(name, "[stack]") == 0 && perms[0] == 'r' && perms[1] == 'w') {
            uint64_t sp = (uint64_t)(uintptr_t)&line;
            stack += sp >= start && sp < end;
        }
        if (strcmp(name, exe) == 0) {
            program++;
            exec_program += perms[2] == 'x';
        }
    }
    printf("maps: has lines: %s, well formed: %s, in order: %s\n", yes(lines > 3),
           yes(bad_format == 0), yes(ordered));
    printf("maps: a [stack] line holding the stack pointer: %s\n", yes(stack == 1));
    printf("maps: the program is mapped, with an executable part: %s\n",
           yes(program >= 1 && exec_program >= 1));
    printf("maps: no address at or above 2^38: %s; no line naming crossrun: %s\n", yes(!high),
           yes(!emu));
    free(maps);

    /* auxv */
    char *auxv = slurp("/proc/self/auxv", &len);
    if (!auxv)
        return 1;
    int pagesz = 0, entry = 0, null_last = 0;
    for (size_t i = 0; i + 16 <= len; i += 16) {
        uint64_t type, val;
        memcpy(&type, auxv + i, 8);
        memcpy(&val, auxv + i + 8, 8);
        if (type == AT_PAGESZ)
            pagesz = val == 4096;
        if (type == AT_ENTRY)
            entry = val == getauxval(AT_ENTRY) && val != 0;
        if (type == AT_NULL)
            null_last = i + 16 == len;
    }
    printf("auxv: whole entries: %s, AT_PAGESZ=4096: %s, AT_ENTRY matches getauxval: %s, "
           "ends with AT_NULL: %s\n", yes(len % 16 == 0), yes(pagesz), yes(entry), yes(null_last));
    size_t len2;
    char *auxv2 = slurp("/proc/thread-self/auxv", &len2);
    printf("auxv: /proc/thread-self/auxv is the same: %s\n",
           yes(auxv2 && len2 == len && memcmp(auxv, auxv2, len) == 0));
    free(auxv);
    free(auxv2);

    /* cmdline */
    char *cmd = slurp("/proc/self/cmdline", &len);
    size_t want = 0;
    int same = cmd != NULL;
    for (int i = 0; i < argc && same; i++) {
        size_t l = strlen(argv[i]) + 1;
        same = want + l <= len && memcmp(cmd + want, argv[i], l) == 0;
        want += l;
    }
    printf("cmdline: %d arguments, equal to argv: %s\n", argc, yes(same && want == len));
    for (int i = 1; i < argc; i++)
        printf("  argv[%d]=%s\n", i, argv[i]);
    snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)getpid());
    char *cmd2 = slurp(path, &len2);
    printf("cmdline: /proc/<pid>/cmdline is the same: %s\n",
           yes(cmd2 && len2 == len && memcmp(cmd, cmd2, len) == 0));
    free(cmd);
    free(cmd2);

    /* cpuinfo */
    char *cpu = slurp("/proc/cpuinfo", &len);
    if (!cpu)
        return 1;
    int processors = 0, isa_rv64 = 0, sv39 = 0;
    for (char *line = strtok(cpu, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "processor\t:", 11) == 0)
            processors++;
        if (strncmp(line, "isa\t\t: rv64", 11) == 0 && strstr(line, "imafdc"))
            isa_rv64++;
        if (strcmp(line, "mmu\t\t: sv39") == 0)
            sv39++;
    }
    printf("cpuinfo: processors >= 1: %s, each with isa rv64imafdc...: %s, mmu sv39: %s\n",
           yes(processors >= 1), yes(isa_rv64 == processors), yes(sv39 == processors));
    free(cpu);

    /* the descriptor behaves like a file */
    int fd = open("/proc/self/maps", O_RDONLY);
    char a[64] = { 0 }, b[64] = { 0 }, c[64] = { 0 };
    struct stat st;
    int ok_read = read(fd, a, 40) == 40;
    int ok_seek = lseek(fd, 0, SEEK_SET) == 0 && read(fd, b, 40) == 40;
    int ok_pread = pread(fd, c, 30, 10) == 30;
    printf("maps fd: read %s, lseek+read again %s, pread %s, fstat regular file %s, "
           "not writable %s\n", yes(ok_read), yes(ok_seek && memcmp(a, b, 40) == 0),
           yes(ok_pread && memcmp(c, a + 10, 30) == 0),
           yes(fstat(fd, &st) == 0 && S_ISREG(st.st_mode)), yes(write(fd, "x", 1) < 0));
    close(fd);
    printf("stat and access on /proc/self/maps: %s\n",
           yes(stat("/proc/self/maps", &st) == 0 && S_ISREG(st.st_mode) &&
               access("/proc/self/maps", R_OK) == 0));
    printf("O_DIRECTORY on /proc/self/maps fails: %s\n",
           yes(open("/proc/self/maps", O_RDONLY | O_DIRECTORY) < 0));
    return 0;
}
