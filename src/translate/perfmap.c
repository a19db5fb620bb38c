/*
 * perfmap.c - /tmp/perf-PID.map for `perf report` on translated code (-d perfmap or
 * -perfmap): one line per translation block, "HOSTADDR SIZE guest:PC", so profiles name the
 * guest code that was hot. Lines are appended as blocks are generated; a flush leaves stale
 * lines for reused addresses, which perf resolves to the latest entry.
 */
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>
#include "exec.h"
#include "../log.h"

static FILE *perfmap;

void perfmap_add(const struct tb *tb)
{
    if (!tb->code)
        return;
    if (!perfmap) {
        char path[64];
        snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
        perfmap = fopen(path, "w");
        if (!perfmap) {
            log_mask &= ~LOG_PERFMAP;
            return;
        }
        setvbuf(perfmap, NULL, _IOFBF, 1 << 16);
    }
    fprintf(perfmap, "%" PRIxPTR " %x guest:%#" PRIx64 "\n", (uintptr_t)tb->code, tb->code_size, tb->pc);
}

void perfmap_flush(void)
{
    if (perfmap)
        fflush(perfmap);
}
