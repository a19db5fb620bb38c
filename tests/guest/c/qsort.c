/*
 * qsort.c - qsort and bsearch from glibc on ints (random, sorted, reversed, all equal,
 * with extremes), strings, and structs with multi-key comparators; results are verified
 * for order and permutation, and printed as checksums plus a few elements.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 12345;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);           /* no overflow with INT_MIN/INT_MAX */
}

static int cmp_int_desc(const void *a, const void *b)
{
    return cmp_int(b, a);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct person {
    char name[16];
    int age;
    double score;
    unsigned id;
};

static int cmp_person(const void *a, const void *b)
{
    const struct person *p = a, *q = b;
    if (p->age != q->age)
        return p->age < q->age ? -1 : 1;
    if (p->score != q->score)
        return p->score > q->score ? -1 : 1;        /* higher score first */
    int c = strcmp(p->name, q->name);
    if (c)
        return c;
    return (p->id > q->id) - (p->id < q->id);
}

static uint64_t sum_hash(const int *v, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++)
        h += (uint64_t)(uint32_t)v[i] * 0x9e3779b97f4a7c15ULL;
    return h;
}

static void sort_ints(const char *what, int *v, size_t n)
{
    uint64_t before = sum_hash(v, n);
    qsort(v, n, sizeof v[0], cmp_int);
    int sorted = 1;
    for (size_t i = 1; i < n; i++)
        sorted &= v[i - 1] <= v[i];
    uint64_t pos = 0;
    for (size_t i = 0; i < n; i++)
        pos = pos * 31 + (uint32_t)v[i];
    printf("%-10s n=%-6zu sorted=%d permutation=%d first=%d last=%d hash=%016llx\n", what, n, sorted,
           before == sum_hash(v, n), n ? v[0] : 0, n ? v[n - 1] : 0, (unsigned long long)pos);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    enum { N = 20000 };
    int *v = malloc(N * sizeof *v);

    for (size_t i = 0; i < N; i++)
        v[i] = (int)next();
    v[5] = INT_MIN;
    v[6] = INT_MAX;
    sort_ints("random", v, N);
    sort_ints("sorted", v, N);
    qsort(v, N, sizeof v[0], cmp_int_desc);
    sort_ints("reversed", v, N);
    for (size_t i = 0; i < N; i++)
        v[i] = 7;
    sort_ints("equal", v, N);
    for (size_t i = 0; i < N; i++)
        v[i] = (int)(next() % 10);
    sort_ints("few keys", v, N);
    sort_ints("empty", v, 0);
    v[0] = 3;
    sort_ints("one", v, 1);
    for (size_t n = 2; n < 40; n += 7) {
        for (size_t i = 0; i < n; i++)
            v[i] = (int)(next() % 100) - 50;
        char name[16];
        snprintf(name, sizeof name, "small%zu", n);
        sort_ints(name, v, n);
    }

    /* bsearch in the sorted array */
    for (size_t i = 0; i < N; i++)
        v[i] = (int)(i * 3);
    int found = 0, missing = 0;
    for (int key = -5; key < 3 * N + 5; key++) {
        int *p = bsearch(&key, v, N, sizeof v[0], cmp_int);
        if (p)
            found += (*p == key && (p - v) * 3 == key);
        else
            missing++;
    }
    printf("bsearch: found %d missing %d\n", found, missing);
    free(v);

    /* strings */
    static const char *words[] = { "pear", "apple", "fig", "banana", "Apple", "cherry", "apple",
        "date", "", "zucchini", "apricot", "Banana", "grape", "kiwi", "lemon", "lime", "mango",
        "a", "ab", "abc", "b" };
    enum { NW = sizeof(words) / sizeof(words[0]) };
    const char *w[NW];
    memcpy(w, words, sizeof words);
    qsort(w, NW, sizeof w[0], cmp_str);
    printf("words:");
    for (size_t i = 0; i < NW; i++)
        printf(" '%s'", w[i]);
    printf("\n");
    /* many generated strings */
    enum { NS = 3000 };
    char (*strs)[12] = malloc(NS * sizeof *strs);
    const char **sp = malloc(NS * sizeof *sp);
    for (size_t i = 0; i < NS; i++) {
        unsigned len = 1 + next() % 10;
        for (unsigned j = 0; j < len; j++)
            strs[i][j] = (char)('a' + next() % 4);
        strs[i][len] = 0;
        sp[i] = strs[i];
    }
    qsort(sp, NS, sizeof sp[0], cmp_str);
    int ok = 1;
    uint64_t h = 0;
    for (size_t i = 0; i < NS; i++) {
        if (i)
            ok &= strcmp(sp[i - 1], sp[i]) <= 0;
        for (const char *c = sp[i]; *c; c++)
            h = h * 131 + (unsigned char)*c;
        h = h * 131 + ' ';
    }
    printf("strings: sorted=%d first=%s last=%s hash=%016llx\n", ok, sp[0], sp[NS - 1], (unsigned long long)h);
    free(sp);
    free(strs);

    /* structs with a multi-key comparator */
    enum { NP = 500 };
    struct person *people = malloc(NP * sizeof *people);
    static const char *names[] = { "ada", "bob", "cyd", "dee", "eve", "fay", "gus" };
    for (unsigned i = 0; i < NP; i++) {
        snprintf(people[i].name, sizeof people[i].name, "%s%u", names[next() % 7], next() % 3);
        people[i].age = 18 + (int)(next() % 5);
        people[i].score = (double)(next() % 4) * 0.5;
        people[i].id = i;
    }
    qsort(people, NP, sizeof people[0], cmp_person);
    ok = 1;
    for (unsigned i = 1; i < NP; i++)
        ok &= cmp_person(&people[i - 1], &people[i]) < 0;
    printf("structs: strictly ordered=%d\n", ok);
    for (unsigned i = 0; i < NP; i += 71)
        printf("  [%3u] %-6s age %d score %.1f id %u\n", i, people[i].name, people[i].age, people[i].score,
               people[i].id);
    free(people);
    return 0;
}
