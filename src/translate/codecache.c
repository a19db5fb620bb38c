/*
 * codecache.c - the code cache: one shared anonymous memory object mapped twice, a
 * read+execute view that translated code runs from and a read+write view the backend writes
 * through. No address is ever writable and executable at once (W^X), and no mprotect
 * flipping is needed to patch jumps. The second view is made with mremap(old_size = 0),
 * which duplicates a shared mapping, so no file descriptor for the cache ever exists that
 * the guest could reach; and perf treats the views as anonymous memory, so its
 * /tmp/perf-PID.map (-perfmap) names translated code.
 *
 * The executable view is placed near crossrun's own text when the host allows, so translated
 * code may reach helpers with rel32 calls (the backend checks the distance for each call).
 * Allocation is a bump pointer; reset happens only on a full flush.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "exec.h"

static uint8_t *cc_exec;     /* executable view */
static uint8_t *cc_rw;       /* writable view of the same bytes */
static size_t cc_size, cc_used, cc_last_start;

/* Maps a fresh shared anonymous object of `size` bytes twice: *rw writable, *x executable
 * (at x_hint if given, MAP_FIXED when `fixed`). Returns 0 or -errno. */
static int map_views(size_t size, void *x_hint, bool fixed, uint8_t **x, uint8_t **rw)
{
    uint8_t *w = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        return -errno;
    int flags = MREMAP_MAYMOVE | (fixed ? MREMAP_FIXED : 0);
    uint8_t *e = fixed ? mremap(w, 0, size, flags, x_hint) : mremap(w, 0, size, flags);
    if (e == MAP_FAILED || mprotect(e, size, PROT_READ | PROT_EXEC) < 0) {
        int err = errno;
        if (e != MAP_FAILED && !fixed)
            munmap(e, size);
        munmap(w, size);
        return -err;
    }
    *x = e;
    *rw = w;
    return 0;
}

int code_cache_init(size_t size)
{
    /* Try 1 GiB past our text first, so rel32 calls to helpers usually reach. */
    void *hint = (void *)ALIGN_UP((uintptr_t)&code_cache_init + (1ull << 30), 1ull << 21);
    uint8_t *x, *w;
    void *probe = mmap(hint, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    bool near = probe == hint;
    int err = map_views(size, near ? hint : NULL, near, &x, &w);
    if (err < 0) {
        if (probe != MAP_FAILED)
            munmap(probe, size);
        return err;
    }
    if (probe != MAP_FAILED && !near)
        munmap(probe, size);
    cc_exec = x;
    cc_rw = w;
    cc_size = size;
    cc_used = 0;
    return 0;
}

uint8_t *code_cache_alloc(size_t n, const uint8_t **exec)
{
    size_t start = ALIGN_UP(cc_used, 16);
    if (start > cc_size || n > cc_size - start)
        return NULL;
    cc_last_start = start;
    cc_used = start + n;
    *exec = cc_exec + start;
    return cc_rw + start;
}

void code_cache_shrink_last(size_t used)
{
    if (cc_last_start + used <= cc_used)
        cc_used = cc_last_start + used;
}

void code_cache_reset(void) { cc_used = 0; }
/* Keeps what was allocated before `used` (the prologue/epilogue emitted at init). */
static size_t cc_reserved;
void code_cache_keep_prefix(void) { cc_reserved = cc_used; }
bool code_cache_contains(uintptr_t p) { return p >= (uintptr_t)cc_exec && p < (uintptr_t)cc_exec + cc_size; }
uint8_t *code_cache_rw(const uint8_t *exec) { return cc_rw + (exec - cc_exec); }
size_t code_cache_used(void) { return cc_used; }
void code_cache_reset_to_prefix(void) { cc_used = cc_reserved; }

/* In the child of a fork: the two views are shared mappings of one object, so parent and
 * child would write translations into the same bytes. Gives this process its own object at
 * the same addresses, holding only the permanent prefix: the parent keeps running and may be
 * writing and patching everything after it, so nothing else can be copied consistently.
 * Every TB is invalid afterwards: the caller drops them all (dispatch_request_flush) before
 * any translated code runs again. Returns 0 or -errno (then the child must not run on). */
int code_cache_unshare(void)
{
    if (!cc_exec)
        return 0;
    uint8_t *x, *w;
    int err = map_views(cc_size, NULL, false, &x, &w);
    if (err < 0)
        return err;
    memcpy(w, cc_rw, cc_reserved);
    /* Move both new views over the old ones: mremap with MREMAP_FIXED replaces them. */
    if (mremap(w, cc_size, cc_size, MREMAP_MAYMOVE | MREMAP_FIXED, cc_rw) == MAP_FAILED ||
        mremap(x, cc_size, cc_size, MREMAP_MAYMOVE | MREMAP_FIXED, cc_exec) == MAP_FAILED)
        return -errno;
    cc_used = cc_reserved;
    return 0;
}
