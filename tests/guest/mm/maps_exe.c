/* maps_exe - the program's own lines in /proc/self/maps: the permissions of the lines naming
 * the executable and whether each file offset is 0 or above the previous line's (exact
 * offsets would change with every glibc update of a static build), then the sorted
 * basenames of the other files mapped (shared libraries). A static and a dynamic build legitimately
 * differ here (layout, RELRO, ld.so and libc), so this test has maps_exe.dynamic.expected. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include "mm_check.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

int main(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    CHECK(n > 0);
    exe[n > 0 ? n : 0] = '\0';
    FILE *f = fopen("/proc/self/maps", "r");
    CHECK(f != NULL);
    if (!f)
        return 1;
    char line[PATH_MAX + 128], others[16][256];
    int nothers = 0;
    unsigned long last_off = 0;
    printf("lines of the executable:\n");
    while (fgets(line, sizeof(line), f)) {
        unsigned long off;
        char perms[5];
        int pos = 0;
        if (sscanf(line, "%*x-%*x %4s %lx %*s %*s%n", perms, &off, &pos) < 2)
            continue;
        char *name = line + pos;
        while (*name == ' ')
            name++;
        name[strcspn(name, "\n")] = '\0';
        if (strcmp(name, exe) == 0) {
            printf("  %s offset %s\n", perms, off == 0 ? "0" : off > last_off ? "higher" : "lower");
            last_off = off;
            continue;
        }
        if (name[0] != '/')
            continue;
        const char *base = strrchr(name, '/') + 1;
        int seen = 0;
        for (int i = 0; i < nothers; i++)
            seen |= strcmp(others[i], base) == 0;
        if (!seen && nothers < 16)
            snprintf(others[nothers++], sizeof(others[0]), "%s", base);
    }
    fclose(f);
    qsort(others, (size_t)nothers, sizeof(others[0]), compare_names);
    printf("other files mapped:");
    for (int i = 0; i < nothers; i++)
        printf(" %s", others[i]);
    printf("%s\n", nothers ? "" : " none");
    CHECK_SUMMARY();
    return 0;
}
