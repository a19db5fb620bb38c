/* hash.c - integer benchmark: hashing. An open-addressing table (linear probing) of 64-bit keys
 * with a multiply-xorshift mixer, filled, probed with present and absent keys, and thinned by
 * deletion (backward-shift, no tombstones); then FNV-1a over generated strings counted in a
 * chained table of string keys. Prints counts and checksums.
 * Size: number of keys (default 1,000,000). */
#include "bench_common.h"
#include <string.h>

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 29;
    x *= 0xC4CEB9FE1A85EC53ULL;
    x ^= x >> 32;
    return x;
}

struct slot { uint64_t key, value; };   /* key 0 marks an empty slot */

struct table { struct slot *slots; uint64_t mask; long used; };

static void table_put(struct table *t, uint64_t key, uint64_t value)
{
    uint64_t i = mix64(key) & t->mask;
    while (t->slots[i].key != 0 && t->slots[i].key != key)
        i = (i + 1) & t->mask;
    if (t->slots[i].key == 0)
        t->used++;
    t->slots[i].key = key;
    t->slots[i].value = value;
}

static struct slot *table_find(struct table *t, uint64_t key)
{
    uint64_t i = mix64(key) & t->mask;
    while (t->slots[i].key != 0) {
        if (t->slots[i].key == key)
            return &t->slots[i];
        i = (i + 1) & t->mask;
    }
    return NULL;
}

static void table_delete(struct table *t, uint64_t key)
{
    struct slot *s = table_find(t, key);
    if (!s)
        return;
    uint64_t hole = (uint64_t)(s - t->slots), i = hole;
    t->used--;
    for (;;) {
        i = (i + 1) & t->mask;
        if (t->slots[i].key == 0)
            break;
        uint64_t home = mix64(t->slots[i].key) & t->mask;
        /* move slot i into the hole unless its home lies cyclically in (hole, i] */
        if (((i - home) & t->mask) >= ((i - hole) & t->mask)) {
            t->slots[hole] = t->slots[i];
            hole = i;
        }
    }
    t->slots[hole].key = 0;
}

static uint32_t fnv1a(const unsigned char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= s[i];
        h *= 16777619u;
    }
    return h;
}

struct word { struct word *next; uint32_t hash, count; unsigned char len; unsigned char text[23]; };

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 1000000);
    uint64_t cap = 1;
    while (cap < (uint64_t)n * 2)
        cap *= 2;
    struct table t = { calloc(cap, sizeof(struct slot)), cap - 1, 0 };
    if (!t.slots)
        return 1;

    uint64_t seed = 12345;
    for (long i = 0; i < n; i++) {
        uint64_t k = (rng_next(&seed) % ((uint64_t)n * 4)) + 1;
        table_put(&t, k, (uint64_t)i);
    }
    uint64_t found = 0, value_sum = 0;
    for (long i = 1; i <= n * 2; i++) {
        struct slot *s = table_find(&t, (uint64_t)i * 2);
        if (s) {
            found++;
            value_sum += s->value;
        }
    }
    for (long i = 1; i <= n; i += 3)
        table_delete(&t, (uint64_t)i);
    uint64_t after = 0;
    for (long i = 1; i <= n * 4; i++)
        after += table_find(&t, (uint64_t)i) != NULL;

    /* strings: words of 3..20 letters from a small alphabet, so many repeat */
    long nwords = n / 2, nbuckets = 1 << 16, distinct = 0;
    struct word **buckets = calloc((size_t)nbuckets, sizeof *buckets);
    struct word *pool = bench_alloc((size_t)nwords * sizeof *pool);
    uint32_t hash_xor = 0;
    uint64_t max_count = 0;
    for (long i = 0; i < nwords; i++) {
        unsigned char text[23];
        uint64_t r = rng_next(&seed);
        size_t len = 3 + (size_t)(r % 4);
        r >>= 8;
        for (size_t j = 0; j < len; j++) {
            text[j] = (unsigned char)('a' + r % 6);
            r /= 6;
        }
        uint32_t h = fnv1a(text, len);
        hash_xor ^= h;
        struct word **b = &buckets[h & (uint32_t)(nbuckets - 1)], *w;
        for (w = *b; w; w = w->next)
            if (w->hash == h && w->len == len && memcmp(w->text, text, len) == 0)
                break;
        if (!w) {
            w = &pool[distinct++];
            w->hash = h;
            w->len = (unsigned char)len;
            memcpy(w->text, text, len);
            w->count = 0;
            w->next = *b;
            *b = w;
        }
        if (++w->count > max_count)
            max_count = w->count;
    }
    printf("hash n=%ld: used %ld found %llu sum %llu after-delete %llu words %ld distinct %ld max %llu fnv %08x\n",
           n, t.used, (unsigned long long)found, (unsigned long long)value_sum,
           (unsigned long long)after, nwords, distinct, (unsigned long long)max_count, hash_xor);
    return 0;
}
