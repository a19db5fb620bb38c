/* fuzz_tiny.c - a freestanding seed program of tests/e2e/fuzz_elf.sh (no libc, no
 * relocations), built both as a static ET_EXEC and as a static PIE: every byte of it is a
 * header or code the loader maps. Writes one line and exits 0. */
static const char message[] = "fuzz tiny ok\n";
static char bss[8192];

static long sys3(long n, long a, long b, long c)
{
    register long a7 __asm__("a7") = n;
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2) : "memory");
    return a0;
}

void _start(void)
{
    for (unsigned i = 0; i < sizeof(bss); i += 512)
        bss[i] = (char)i;
    __asm__ volatile("" : : "r"(bss) : "memory");      /* keep the bss */
    sys3(64 /* write */, 1, (long)message, sizeof(message) - 1);
    sys3(93 /* exit */, 0, 0, 0);
    for (;;)
        ;
}
