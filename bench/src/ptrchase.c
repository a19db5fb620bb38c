/* ptrchase.c - memory-bound benchmark: pointer chasing. Nodes of one cache line each are linked
 * into a single cycle in a random order (Sattolo's shuffle), so every step is a dependent load
 * that misses the caches. Prints the sum of the payloads met and where the walk ended.
 * Size: the number of steps in millions (default 10) over 1 Mi nodes (64 MiB). */
#include "bench_common.h"

#define NODES (1u << 20)

struct node { struct node *next; uint64_t payload; uint64_t pad[6]; };

int main(int argc, char **argv)
{
    long millions = bench_size(argc, argv, 10);
    struct node *nodes = bench_alloc(NODES * sizeof(struct node));
    uint32_t *order = bench_alloc(NODES * sizeof(uint32_t));
    for (uint32_t i = 0; i < NODES; i++)
        order[i] = i;
    uint64_t seed = 11;
    for (uint32_t i = NODES - 1; i > 0; i--) {          /* Sattolo: one cycle through all */
        uint32_t j = (uint32_t)(rng_next(&seed) % i);
        uint32_t t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (uint32_t i = 0; i < NODES; i++) {
        nodes[order[i]].next = &nodes[order[(i + 1) % NODES]];
        nodes[i].payload = (uint64_t)i * 2654435761u;
    }
    struct node *p = &nodes[order[0]];
    uint64_t sum = 0;
    for (long s = 0; s < millions * 1000000; s++) {
        sum += p->payload;
        p = p->next;
    }
    printf("ptrchase nodes=%u steps=%ldM: sum %llu at node %ld\n", NODES, millions,
           (unsigned long long)sum, (long)(p - nodes));
    return 0;
}
