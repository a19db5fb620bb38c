/* maps - /proc/self/maps follows the program's mappings. Inside a 16-page PROT_NONE
 * reservation the test maps anonymous private and shared pages, private and shared file
 * pages at an offset, an executable page and a hole, and prints every maps line within the
 * reservation with addresses relative to it; then again after mprotect splits a line and
 * merges it back, after munmap, and after mremap moves a file mapping (its offset goes
 * along). Finally: the [stack] and [heap] lines exist and the stack line holds a local
 * variable. Only relative addresses and file basenames are printed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "mm_check.h"

#define RES_PAGES 16

static char *res;

/* Prints the maps lines that overlap [res, res + 16 pages), relative to res. */
static void show(const char *when)
{
    printf("%s:\n", when);
    FILE *f = fopen("/proc/self/maps", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[512];
    uintptr_t lo = (uintptr_t)res, hi = lo + RES_PAGES * PAGE;
    while (fgets(line, sizeof(line), f)) {
        unsigned long s, e, off, inode;
        char perms[5], dev[16];
        int pos = 0;
        if (sscanf(line, "%lx-%lx %4s %lx %15s %lu%n", &s, &e, perms, &off, dev, &inode, &pos) < 6)
            continue;
        if (e <= lo || s >= hi)
            continue;
        char *name = line + pos;
        while (*name == ' ')
            name++;
        name[strcspn(name, "\n")] = '\0';
        const char *base = strrchr(name, '/');
        /* a file keeps its basename; anonymous shared memory is "/dev/zero (deleted)" */
        base = name[0] == '/' && strncmp(name, "/dev/zero", 9) != 0 ? base + 1 : name;
        if (s < lo)         /* merged with a neighbour: show only the part inside */
            s = lo;
        if (e > hi)
            e = hi;
        printf("  pages %2lu-%2lu %s offset %#lx inode %s %s\n", (s - lo) / PAGE,
               (e - lo) / PAGE - 1, perms, off, inode ? "set" : "0", base[0] ? base : "-");
    }
    fclose(f);
}

/* Whether a maps line is named exactly name; its perms go to perms. */
static int named_line(const char *name, uintptr_t holds, char perms[5], int *holds_it)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return 0;
    char line[512];
    int found = 0;
    *holds_it = 0;
    while (fgets(line, sizeof(line), f)) {
        unsigned long s, e;
        char p[5];
        line[strcspn(line, "\n")] = '\0';
        size_t n = strlen(line), k = strlen(name);
        if (sscanf(line, "%lx-%lx %4s", &s, &e, p) != 3 || n < k || strcmp(line + n - k, name))
            continue;
        found = 1;
        memcpy(perms, p, 5);
        *holds_it |= holds >= s && holds < e;
    }
    fclose(f);
    return found;
}

int main(void)
{
    char dir[] = "/tmp/crossrun-mm-maps.XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/mapsfile", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && ftruncate(fd, 4 * PAGE) == 0);

    res = mmap(NULL, RES_PAGES * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
               -1, 0);
    CHECK(res != MAP_FAILED);
    int anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    CHECK(mmap(res, 2 * PAGE, PROT_READ | PROT_WRITE, anon, -1, 0) == res);
    CHECK(mmap(res + 2 * PAGE, PAGE, PROT_READ, anon, -1, 0) == res + 2 * PAGE);
    CHECK(mmap(res + 4 * PAGE, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, PAGE) ==
          res + 4 * PAGE);
    CHECK(mmap(res + 6 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) ==
          res + 6 * PAGE);
    CHECK(mmap(res + 7 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
               MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == res + 7 * PAGE);
    CHECK(mmap(res + 9 * PAGE, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, anon, -1, 0) ==
          res + 9 * PAGE);
    CHECK(munmap(res + 10 * PAGE, 2 * PAGE) == 0);
    show("the reservation after mapping into it");

    CHECK(mprotect(res + PAGE, PAGE, PROT_READ) == 0);
    show("after mprotect(page 1, PROT_READ)");
    CHECK(mprotect(res + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0);
    show("after mprotect(page 1, PROT_READ|PROT_WRITE)");
    CHECK(mprotect(res + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE) == 0);
    show("after mprotect(page 2, PROT_READ|PROT_WRITE)");

    CHECK(munmap(res + 5 * PAGE, 3 * PAGE) == 0);
    show("after munmap of pages 5-7");
    CHECK(mremap(res + 4 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, res + 12 * PAGE) ==
          res + 12 * PAGE);
    show("after mremap of page 4 to pages 12-13");

    char perms[5] = "", heap_perms[5] = "";
    int holds = 0, heap_holds = 0;
    int local = 0;
    int stack = named_line("[stack]", (uintptr_t)&local, perms, &holds);
    printf("[stack] line: %s, %s, holds a local variable %s\n", stack ? "yes" : "no", perms,
           holds ? "yes" : "no");
    char *m = malloc(1000);
    CHECK(m != NULL);
    int heap = named_line("[heap]", (uintptr_t)sbrk(0) - 1, heap_perms, &heap_holds);
    printf("[heap] line: %s, %s, holds the byte below the break %s\n", heap ? "yes" : "no",
           heap_perms, heap_holds ? "yes" : "no");
    free(m);

    close(fd);
    unlink(path);
    rmdir(dir);
    CHECK(munmap(res, RES_PAGES * PAGE) == 0);
    CHECK_SUMMARY();
    return 0;
}
