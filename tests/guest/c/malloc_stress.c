/*
 * malloc_stress.c - glibc malloc under churn: a pool of slots randomly malloc'd, calloc'd,
 * realloc'd (grow and shrink, contents preserved) and freed across sizes from 0 bytes to
 * 1 MiB (small bins, large bins, mmap'd chunks, brk growth and trimming), with
 * every block filled with a pattern derived from its slot and verified before it is
 * released. Also alignment guarantees, posix_memalign/aligned_alloc, and a final checksum.
 * Output is counts and checksums only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512

struct slot {
    unsigned char *p;
    size_t size;
    unsigned tag;
};

static uint64_t rng = 0x2545f4914f6cdd1dULL;
static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

static size_t pick_size(void)
{
    uint64_t r = next();
    switch (r % 16) {
    case 0: return 0;
    case 1: return 1 + (r >> 8) % 8;
    case 2: case 3: case 4: case 5: return 1 + (r >> 8) % 128;
    case 6: case 7: case 8: return 1 + (r >> 8) % 1024;
    case 9: case 10: return 1 + (r >> 8) % 16384;
    case 11: return 1 + (r >> 8) % 131072;
    case 12: return 100000 + (r >> 8) % 400000;         /* around the mmap threshold */
    case 13: return (r >> 8) % 3 == 0 ? 1u << 20 : 4096;
    default: return 24 + (r >> 8) % 40;
    }
}

static unsigned char pattern(unsigned tag, size_t i)
{
    return (unsigned char)(tag * 31 + i * 7 + (i >> 8));
}

static unsigned bad;

/* the bytes of a block that are filled and checked: all of the first 1 KiB, then one byte
 * in 509 (so page-sized and larger blocks stay cheap), then all of the last 64 bytes */
static size_t next_index(size_t i, size_t size)
{
    if (i < 1024 || i + 64 >= size)
        return i + 1;
    i += 509;
    return i + 64 < size ? i : size - 64;
}

static void fill(struct slot *s)
{
    for (size_t i = 0; i < s->size; i = next_index(i, s->size))
        s->p[i] = pattern(s->tag, i);
}

/* checks the bytes fill() wrote when the block had s->size bytes, below `upto` */
static void verify(const struct slot *s, size_t upto, const char *what)
{
    size_t n = upto < s->size ? upto : s->size;
    for (size_t i = 0; i < n; i = next_index(i, s->size))
        if (s->p[i] != pattern(s->tag, i)) {
            if (bad++ < 5)
                printf("corrupt %s: tag %u size %zu at %zu\n", what, s->tag, s->size, i);
            return;
        }
}

int main(void)
{
    static struct slot slots[SLOTS];
    unsigned n_malloc = 0, n_calloc = 0, n_realloc = 0, n_free = 0, misaligned = 0, null_results = 0;
    unsigned tag = 0;
    uint64_t bytes = 0;

    for (int iter = 0; iter < 12000; iter++) {
        struct slot *s = &slots[next() % SLOTS];
        unsigned op = (unsigned)(next() % 10);
        if (s->p == NULL && op < 8) {
            s->size = pick_size();
            s->tag = ++tag;
            if (op < 2) {
                s->p = calloc(1, s->size ? s->size : 1);
                n_calloc++;
                for (size_t i = 0; i < s->size; i = next_index(i, s->size))
                    if (s->p && s->p[i]) {
                        if (bad++ < 5)
                            printf("calloc not zeroed\n");
                        break;
                    }
            } else {
                s->p = malloc(s->size);
                n_malloc++;
            }
            if (!s->p) {
                null_results++;
                continue;
            }
            misaligned += ((uintptr_t)s->p & 15) != 0;
            fill(s);
            bytes += s->size;
        } else if (s->p && op < 7) {
            size_t old = s->size, nsize = pick_size();
            verify(s, old, "before realloc");
            unsigned char *np = realloc(s->p, nsize ? nsize : 1);
            n_realloc++;
            if (!np) {
                null_results++;
                continue;
            }
            s->p = np;
            misaligned += ((uintptr_t)np & 15) != 0;
            verify(s, nsize, "after realloc");   /* the common prefix survives */
            s->size = nsize;
            fill(s);
            bytes += nsize;
        } else if (s->p) {
            verify(s, s->size, "before free");
            free(s->p);
            s->p = NULL;
            n_free++;
        }
    }
    uint64_t sum = 0;
    unsigned live = 0;
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].p) {
            verify(&slots[i], slots[i].size, "final");
            for (size_t j = 0; j < slots[i].size; j = next_index(j, slots[i].size))
                sum = sum * 1000003 + slots[i].p[j];
            sum += slots[i].size;
            live++;
            free(slots[i].p);
        }
    printf("malloc %u calloc %u realloc %u free %u, live at end %u\n", n_malloc, n_calloc, n_realloc, n_free,
           live);
    printf("bytes requested %llu, misaligned %u, NULL results %u, corrupt %u\n", (unsigned long long)bytes,
           misaligned, null_results, bad);
    printf("final checksum %016llx\n", (unsigned long long)sum);

    /* aligned allocation */
    unsigned align_bad = 0;
    for (size_t align = 16; align <= 65536; align *= 4) {
        void *p = NULL;
        if (posix_memalign(&p, align, 100 + align) != 0 || ((uintptr_t)p & (align - 1)))
            align_bad++;
        memset(p, 0x5a, 100 + align);
        free(p);
        void *q = aligned_alloc(align, align * 2);
        if (!q || ((uintptr_t)q & (align - 1)))
            align_bad++;
        free(q);
    }
    void *bad_align = NULL;
    int rc = posix_memalign(&bad_align, 24, 64);        /* not a power of two: EINVAL */
    printf("aligned allocations: %u bad, posix_memalign(24) -> %d\n", align_bad, rc);

    /* a huge request fails cleanly */
    void *huge = malloc((size_t)1 << 62);
    printf("malloc(2^62) %s\n", huge ? "succeeded?!" : "returned NULL");
    free(huge);

    /* a linked list of many tiny nodes */
    struct node {
        struct node *next;
        unsigned v;
    } *head = NULL;
    for (unsigned i = 0; i < 100000; i++) {
        struct node *n = malloc(sizeof *n);
        n->v = i;
        n->next = head;
        head = n;
    }
    uint64_t lsum = 0;
    while (head) {
        struct node *n = head;
        lsum += n->v;
        head = n->next;
        free(n);
    }
    printf("list sum %llu\n", (unsigned long long)lsum);
    return bad != 0;
}
