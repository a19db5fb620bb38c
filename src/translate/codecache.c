/*
 * codecache.c - the code cache: one memfd mapped twice, a read+execute view that translated
 * code runs from and a read+write view the backend writes through. No address is ever
 * writable and executable at once (W^X), and no mprotect flipping is needed to patch jumps.
 * The memfd is closed once mapped, so the guest can never reach it through a descriptor.
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

int code_cache_init(size_t size)
{
    int fd = memfd_create("crossrun-code-cache", MFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (ftruncate(fd, (off_t)size) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    /* Hint: 1 GiB past our text, so rel32 calls to helpers usually reach. */
    void *hint = (void *)ALIGN_UP((uintptr_t)&code_cache_init + (1ull << 30), 1ull << 21);
    void *x = mmap(hint, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    void *w = x == MAP_FAILED ? MAP_FAILED : mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int e = errno;
    close(fd);
    if (x == MAP_FAILED || w == MAP_FAILED) {
        if (x != MAP_FAILED)
            munmap(x, size);
        return -e;
    }
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

/* In the child of a fork: the two views are MAP_SHARED mappings of one memfd, so parent and
 * child would write translations into the same bytes. Gives this process its own memfd at
 * the same addresses, holding only the permanent prefix: the parent keeps running and may be
 * writing and patching everything after it, so nothing else can be copied consistently.
 * Every TB is invalid afterwards: the caller drops them all (dispatch_request_flush) before
 * any translated code runs again. Returns 0 or -errno (then the child must not run on). */
int code_cache_unshare(void)
{
    if (!cc_exec)
        return 0;
    int fd = memfd_create("crossrun-code-cache", MFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    size_t done = 0;
    int err = ftruncate(fd, (off_t)cc_size) < 0 ? errno : 0;
    while (!err && done < cc_reserved) {
        ssize_t n = pwrite(fd, cc_rw + done, cc_reserved - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            err = n < 0 ? errno : EIO;
        else
            done += (size_t)n;
    }
    if (!err && (mmap(cc_exec, cc_size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) ==
                     MAP_FAILED ||
                 mmap(cc_rw, cc_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) ==
                     MAP_FAILED))
        err = errno;
    close(fd);
    if (!err)
        cc_used = cc_reserved;
    return -err;
}
