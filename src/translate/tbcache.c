/*
 * tbcache.c - the translation-block cache: TBs keyed by guest PC in a hash table, stored
 * in one array in the order their code was generated, so the TB holding a host PC is found
 * by binary search (the fault handler needs it); a page index and per-TB lists of incoming
 * chained jumps, so the translations of one guest range can be dropped without a full flush.
 *
 * Invariants: TBs are only added, chained and invalidated under tb_lock; lookups run
 * without it (hash heads and hash_next links are published with release stores). A TB is
 * TB_NEW until tb_insert makes it TB_LIVE (in the hash and the page index), and TB_INVALID
 * once tb_invalidate_range dropped it. A full flush drops every TB and resets the code cache
 * to the backend's permanent prefix, and bumps tb_flush_count so anyone holding a TB pointer
 * across a translation can tell it went stale.
 *
 * Range invalidation (guest JITs that patch code and call riscv_flush_icache, munmap and
 * mprotect of code): every live TB whose guest bytes overlap the range leaves the lookup
 * hash, and every chained jump into it is unchained (back to its exit stub), so nothing
 * reaches it again; the caller clears jump-cache entries naming it. It runs in the
 * dispatcher's exclusive section, so no thread is inside translated code meanwhile. An
 * invalidated TB is unlinked from its hash chain but keeps its own hash_next, so a reader
 * standing on it would still walk a valid chain; its memory (the struct, its host code, its
 * IR and memops) is neither freed nor reused until the next full flush, which happens only
 * when the code cache or the TB array fills up: invalidation reclaims no code bytes.
 *
 * The page index: a hash of guest page numbers whose buckets chain (TB, n) links through
 * tb->page_next[n]: link 0 for the page of a TB's first byte, link 1 for the page of its
 * last byte when that differs (blocks stop at a page end, but their last instruction may
 * straddle it, so a TB spans at most two pages). Invalidated TBs are unlinked from the
 * bucket being walked at once and from the other page's bucket when that one is next walked.
 *
 * Incoming jumps: each TB has at most two chainable exits; tb_chain records exit (from, i)
 * in the target's list (to->jmp_in, threaded through from->jmp_in_next[i]), so the lists
 * together hold at most two links per TB and need no allocation.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "exec.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define TB_MAX       (1u << 18)
#define TB_PAGE_SHIFT     12                        /* guest pages of the index: 4 KiB */
#define TB_PAGE_HASH_BITS 14
#define TB_PAGE_BUCKETS   (1u << TB_PAGE_HASH_BITS) /* buckets of the page index */

static struct tb *tb_hash[TB_HASH_SIZE];
static uintptr_t tb_page_bucket[TB_PAGE_BUCKETS];
static struct tb *tb_array;     /* TB_MAX entries, in code order */
static uint32_t tb_count;
static uint32_t tb_live;        /* TBs in TB_LIVE state */
pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
uint64_t tb_flush_count;

static inline uint32_t tb_hash_pc(uint64_t pc)
{
    return (uint32_t)((pc >> 1) * 0x9E3779B97F4A7C15ull >> (64 - TB_HASH_BITS));
}

static inline uint32_t tb_hash_page(uint64_t page)
{
    return (uint32_t)(page * 0x9E3779B97F4A7C15ull >> (64 - TB_PAGE_HASH_BITS));
}

/* ---- links: a TB with an index 0 or 1 in bit 0 */

static inline uintptr_t link_of(struct tb *tb, unsigned n) { return (uintptr_t)tb | n; }
static inline struct tb *link_tb(uintptr_t l) { return (struct tb *)(l & ~(uintptr_t)1); }
static inline unsigned link_n(uintptr_t l) { return (unsigned)(l & 1); }

/* The guest page of a TB's first (n = 0) or last (n = 1) byte. */
static inline uint64_t tb_page(const struct tb *tb, unsigned n)
{
    return (n ? tb->pc + tb->guest_size - 1 : tb->pc) >> TB_PAGE_SHIFT;
}

static inline bool tb_overlaps(const struct tb *tb, uint64_t start, uint64_t end)
{
    return tb->pc < end && start < tb->pc + tb->guest_size;
}

struct tb *tb_lookup(uint64_t pc)
{
    for (struct tb *tb = __atomic_load_n(&tb_hash[tb_hash_pc(pc)], __ATOMIC_ACQUIRE); tb;
         tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE))
        if (tb->pc == pc)
            return tb;
    return NULL;
}

/* Returns a zeroed TB, or NULL when the array is full (the caller flushes). */
struct tb *tb_alloc(void)
{
    if (!tb_array) {
        tb_array = calloc(TB_MAX, sizeof(*tb_array));
        if (!tb_array)
            fatal(EXIT_STATUS_INTERNAL, "out of memory for the translation-block table");
    }
    if (tb_count >= TB_MAX)
        return NULL;
    struct tb *tb = &tb_array[tb_count++];
    memset(tb, 0, sizeof(*tb));
    tb->jmp_off[0] = tb->jmp_off[1] = TB_NO_JMP;
    return tb;
}

static void page_index_add(struct tb *tb)
{
    /* Blocks are at most a few hundred instructions, far less than a page. */
    if (tb_page(tb, 1) - tb_page(tb, 0) > 1)
        panic("TB %#lx of %u guest bytes spans more than two pages", (unsigned long)tb->pc,
              tb->guest_size);
    unsigned pages = tb_page(tb, 1) != tb_page(tb, 0) ? 2 : 1;
    for (unsigned n = 0; n < pages; n++) {
        uintptr_t *bucket = &tb_page_bucket[tb_hash_page(tb_page(tb, n))];
        tb->page_next[n] = *bucket;
        *bucket = link_of(tb, n);
    }
}

void tb_insert(struct tb *tb)
{
    uint32_t h = tb_hash_pc(tb->pc);
    tb->hash_next = tb_hash[h];
    __atomic_store_n(&tb_hash[h], tb, __ATOMIC_RELEASE);
    if (tb->guest_size)
        page_index_add(tb);
    tb->state = TB_LIVE;
    tb_live++;
}

void tb_flush_all(void)
{
    for (uint32_t i = 0; i < tb_count; i++) {
        ir_block_free(tb_array[i].ir);
        free(tb_array[i].memops);
    }
    tb_count = 0;
    tb_live = 0;
    memset(tb_hash, 0, sizeof(tb_hash));
    memset(tb_page_bucket, 0, sizeof(tb_page_bucket));
    code_cache_reset_to_prefix();
    tb_flush_count++;
    dbt_stats.flushes++;
}

struct tb *tb_find_by_host_pc(uintptr_t host_pc)
{
    uint32_t lo = 0, hi = tb_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        struct tb *tb = &tb_array[mid];
        uintptr_t start = (uintptr_t)tb->code;
        if (host_pc < start)
            hi = mid;
        else if (host_pc >= start + tb->code_size)
            lo = mid + 1;
        else
            return tb;
    }
    return NULL;
}

/* ---- chained jumps */

/* Removes link (from, slot) from to's list of incoming jumps. */
static void jmp_in_remove(struct tb *to, struct tb *from, unsigned slot)
{
    uintptr_t want = link_of(from, slot);
    for (uintptr_t *p = &to->jmp_in; *p; p = &link_tb(*p)->jmp_in_next[link_n(*p)]) {
        if (*p == want) {
            *p = from->jmp_in_next[slot];
            from->jmp_in_next[slot] = 0;
            return;
        }
    }
}

void tb_chain(struct tb *from, unsigned slot, struct tb *to)
{
    if (slot > 1 || !from->code || !to->code || from->state == TB_INVALID ||
        to->state == TB_INVALID)
        return;
    if (from->jmp_dest[slot] == to)
        return;                     /* another thread chained this exit first */
    if (from->jmp_dest[slot])
        jmp_in_remove(from->jmp_dest[slot], from, slot);
    x86_patch_jump(from, slot, to->code);
    dbt_stats.chain_patches++;
    from->jmp_dest[slot] = to;
    from->jmp_in_next[slot] = to->jmp_in;
    to->jmp_in = link_of(from, slot);
}

/* ---- range invalidation */

/* Takes a live TB out of the hash, unchains every jump into it, then calls dropped. */
static void tb_drop(struct tb *tb, void (*dropped)(const struct tb *tb, void *arg), void *arg)
{
    tb->state = TB_INVALID;
    tb_live--;
    /* Out of the hash chain; tb->hash_next stays, so a chain walked through tb goes on. */
    for (struct tb **p = &tb_hash[tb_hash_pc(tb->pc)]; *p; p = &(*p)->hash_next) {
        if (*p == tb) {
            __atomic_store_n(p, tb->hash_next, __ATOMIC_RELEASE);
            break;
        }
    }
    /* Every chained jump into tb goes back to its exit stub. */
    for (uintptr_t l = tb->jmp_in, next; l; l = next) {
        struct tb *from = link_tb(l);
        unsigned slot = link_n(l);
        next = from->jmp_in_next[slot];
        x86_patch_jump(from, slot, NULL);
        from->jmp_dest[slot] = NULL;
        from->jmp_in_next[slot] = 0;
    }
    tb->jmp_in = 0;
    /* Its own chained exits no longer matter (nothing enters tb), but their links must
     * leave the targets' lists, which would otherwise keep growing. */
    for (unsigned slot = 0; slot < 2; slot++) {
        if (tb->jmp_dest[slot]) {
            jmp_in_remove(tb->jmp_dest[slot], tb, slot);
            tb->jmp_dest[slot] = NULL;
        }
    }
    if (dropped)
        dropped(tb, arg);
}

/* Walks the page index for [start, end), or the whole TB array when that is cheaper: when
 * the range has more pages than the array has TBs, or at least as many as the index has
 * buckets (walking them would visit every link anyway). For each live TB overlapping the
 * range: with drop false, returns 1 at the first; with drop true, drops it, calls dropped
 * and counts it. */
static unsigned walk_range(uint64_t start, uint64_t end, bool drop,
                           void (*dropped)(const struct tb *tb, void *arg), void *arg)
{
    if (end <= start || tb_live == 0)
        return 0;
    unsigned found = 0;
    uint64_t first = start >> TB_PAGE_SHIFT, last = (end - 1) >> TB_PAGE_SHIFT;
    if (last - first >= tb_count || last - first >= TB_PAGE_BUCKETS) {
        for (uint32_t i = 0; i < tb_count; i++) {
            struct tb *tb = &tb_array[i];
            if (tb->state != TB_LIVE || !tb->guest_size || !tb_overlaps(tb, start, end))
                continue;
            if (!drop)
                return 1;
            tb_drop(tb, dropped, arg);
            found++;
        }
        return found;       /* dropped TBs leave the page buckets when those are walked */
    }
    for (uint64_t page = first;; page++) {
        uintptr_t *p = &tb_page_bucket[tb_hash_page(page)];
        while (*p) {
            struct tb *tb = link_tb(*p);
            unsigned n = link_n(*p);
            if (tb->state == TB_INVALID) {
                *p = tb->page_next[n];          /* dropped earlier: unlink it now */
                continue;
            }
            if (tb_page(tb, n) == page && tb_overlaps(tb, start, end)) {
                if (!drop)
                    return 1;
                *p = tb->page_next[n];
                tb_drop(tb, dropped, arg);
                found++;
                continue;
            }
            p = &tb->page_next[n];
        }
        if (page == last)
            break;
    }
    return found;
}

bool tb_range_translated(uint64_t start, uint64_t end)
{
    return walk_range(start, end, false, NULL, NULL) != 0;
}

unsigned tb_invalidate_range(uint64_t start, uint64_t end,
                             void (*dropped)(const struct tb *tb, void *arg), void *arg)
{
    unsigned n = walk_range(start, end, true, dropped, arg);
    dbt_stats.tbs_invalidated += n;
    return n;
}
