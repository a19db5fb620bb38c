/*
 * tbcache.c - the translation-block cache: TBs keyed by guest PC in a hash table, stored
 * in one array in the order their code was generated, so the TB holding a host PC is found
 * by binary search (the fault handler needs it).
 *
 * Invariants: TBs are only added under tb_lock (held by the translator), lookups may run
 * concurrently (hash heads are published with release stores); a flush drops every TB and
 * resets the code cache to the backend's permanent prefix, and bumps tb_flush_count so
 * anyone holding a TB pointer across a translation can tell it went stale.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "exec.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define TB_MAX       (1u << 18)

static struct tb *tb_hash[TB_HASH_SIZE];
static struct tb *tb_array;     /* TB_MAX entries, in code order */
static uint32_t tb_count;
pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
uint64_t tb_flush_count;

static inline uint32_t tb_hash_pc(uint64_t pc)
{
    return (uint32_t)((pc >> 1) * 0x9E3779B97F4A7C15ull >> (64 - TB_HASH_BITS));
}

struct tb *tb_lookup(uint64_t pc)
{
    for (struct tb *tb = __atomic_load_n(&tb_hash[tb_hash_pc(pc)], __ATOMIC_ACQUIRE); tb; tb = tb->hash_next)
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

void tb_insert(struct tb *tb)
{
    uint32_t h = tb_hash_pc(tb->pc);
    tb->hash_next = tb_hash[h];
    __atomic_store_n(&tb_hash[h], tb, __ATOMIC_RELEASE);
}

void tb_flush_all(void)
{
    for (uint32_t i = 0; i < tb_count; i++) {
        ir_block_free(tb_array[i].ir);
        free(tb_array[i].memops);
    }
    tb_count = 0;
    memset(tb_hash, 0, sizeof(tb_hash));
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
