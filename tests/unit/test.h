/*
 * test.h - a tiny unit-test harness. TEST(group, name) defines a test that registers
 * itself; CHECK and CHECK_EQ_U64 record failures without stopping the test. Define
 * TEST_MAIN before including this in exactly one file of a test binary to get main(),
 * which prints "PASS g.n" / "FAIL g.n: detail" per test and "N passed, N failed".
 */
#ifndef CROSSRUN_TEST_H
#define CROSSRUN_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct test_case {
    const char *group, *name;
    void (*fn)(void);
    struct test_case *next;
};
extern struct test_case *test_list;
extern int test_failed_checks;

#define TEST(g, n)                                                             \
    static void test_##g##_##n(void);                                          \
    static struct test_case test_case_##g##_##n = {#g, #n, test_##g##_##n, 0}; \
    __attribute__((constructor)) static void test_reg_##g##_##n(void)          \
    {                                                                          \
        struct test_case **p = &test_list;                                     \
        while (*p)                                                             \
            p = &(*p)->next;                                                   \
        *p = &test_case_##g##_##n;                                             \
    }                                                                          \
    static void test_##g##_##n(void)

#define CHECK(c)                                                               \
    do {                                                                       \
        if (!(c)) {                                                            \
            test_failed_checks++;                                              \
            printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c);      \
        }                                                                      \
    } while (0)

#define CHECK_EQ_U64(a, b)                                                     \
    do {                                                                       \
        uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                       \
        if (a_ != b_) {                                                        \
            test_failed_checks++;                                              \
            printf("  %s:%d: %s == %#" PRIx64 ", expected %s == %#" PRIx64 "\n", \
                   __FILE__, __LINE__, #a, a_, #b, b_);                        \
        }                                                                      \
    } while (0)

#ifdef TEST_MAIN
struct test_case *test_list;
int test_failed_checks;
int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (struct test_case *t = test_list; t; t = t->next) {
        if (argc > 1 && !strstr(t->name, argv[1]) && !strstr(t->group, argv[1]))
            continue;
        int before = test_failed_checks;
        t->fn();
        if (test_failed_checks == before) {
            printf("PASS %s.%s\n", t->group, t->name);
            passed++;
        } else {
            printf("FAIL %s.%s\n", t->group, t->name);
            failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
#endif

#endif
