/* fuzz_seed.c - a seed program of tests/e2e/fuzz_elf.sh, built static and dynamic with glibc:
 * small, quick, touches its data, bss and TLS, and prints one line. */
#include <stdio.h>

static __thread int tls_counter = 3;
static int bss_table[1000];
int data_value = 42;

int main(int argc, char **argv)
{
    for (int i = 0; i < 1000; i++)
        bss_table[i] = i * data_value;
    tls_counter += argc;
    printf("fuzz seed %d %d %s\n", tls_counter, bss_table[999], argv[0] ? "ok" : "no argv0");
    return 0;
}
