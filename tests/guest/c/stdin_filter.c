/*
 * stdin_filter.c - reads all of stdin (stdin_filter.stdin) through stdio in odd-sized
 * fread chunks and with getline, like a small text filter: counts lines/words/bytes, the
 * longest line, sums the numbers it finds, reverses a few lines, and prints the distinct
 * words sorted with their counts. Checks end of file is seen and read() after EOF gives 0.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct word {
    char *text;
    int count;
};

static int cmp_word(const void *a, const void *b)
{
    return strcmp(((const struct word *)a)->text, ((const struct word *)b)->text);
}

int main(void)
{
    /* slurp in chunks of 777 bytes */
    size_t cap = 1024, len = 0;
    char *data = malloc(cap);
    for (;;) {
        if (len + 777 + 1 > cap) {
            cap *= 2;
            data = realloc(data, cap);
        }
        size_t n = fread(data + len, 1, 777, stdin);
        len += n;
        if (n < 777)
            break;
    }
    data[len] = 0;
    printf("eof=%d error=%d bytes=%zu\n", feof(stdin), ferror(stdin), len);
    char extra;
    printf("read after eof returns %zd\n", read(0, &extra, 1));

    /* process line by line through a memory stream and getline */
    FILE *mem = fmemopen(data, len, "r");
    char *line = NULL;
    size_t linecap = 0;
    ssize_t got;
    unsigned lines = 0, words = 0;
    size_t longest = 0;
    unsigned longest_at = 0;
    long long number_sum = 0;
    uint32_t hash = 2166136261u;
    struct word *dict = NULL;
    size_t ndict = 0, dictcap = 0;
    while ((got = getline(&line, &linecap, mem)) >= 0) {
        lines++;
        size_t l = (size_t)got;
        if (l && line[l - 1] == '\n')
            line[--l] = 0;
        if (l > longest) {
            longest = l;
            longest_at = lines;
        }
        for (size_t i = 0; i < l; i++)
            hash = (hash ^ (unsigned char)line[i]) * 16777619u;
        if (lines <= 3 || lines % 10 == 0) {
            char *rev = malloc(l + 1);
            for (size_t i = 0; i < l; i++)
                rev[i] = line[l - 1 - i];
            rev[l] = 0;
            printf("line %u reversed: %.60s\n", lines, rev);
            free(rev);
        }
        char *p = line;
        while (*p) {
            while (*p && !isalnum((unsigned char)*p) && *p != '-')
                p++;
            if (!*p)
                break;
            char *start = p;
            while (*p && (isalnum((unsigned char)*p) || *p == '-'))
                p++;
            size_t wl = (size_t)(p - start);
            char *endp;
            long v = strtol(start, &endp, 10);
            if (endp == p && wl < 18) {
                number_sum += v;
                continue;
            }
            words++;
            for (size_t i = 0; i < wl; i++)
                start[i] = (char)tolower((unsigned char)start[i]);
            size_t k;
            for (k = 0; k < ndict; k++)
                if (strlen(dict[k].text) == wl && memcmp(dict[k].text, start, wl) == 0)
                    break;
            if (k == ndict) {
                if (ndict == dictcap) {
                    dictcap = dictcap ? dictcap * 2 : 64;
                    dict = realloc(dict, dictcap * sizeof *dict);
                }
                dict[ndict].text = strndup(start, wl);
                dict[ndict].count = 0;
                ndict++;
            }
            dict[k].count++;
        }
    }
    free(line);
    fclose(mem);
    printf("lines=%u words=%u distinct=%zu longest=%zu (line %u) numbers sum=%lld hash=%08x\n", lines, words,
           ndict, longest, longest_at, number_sum, hash);
    qsort(dict, ndict, sizeof *dict, cmp_word);
    for (size_t k = 0; k < ndict; k++) {
        if (dict[k].count > 1)
            printf("%s:%d ", dict[k].text, dict[k].count);
        free(dict[k].text);
    }
    printf("\n");
    free(dict);
    free(data);
    return 0;
}
