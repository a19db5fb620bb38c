/*
 * hello.c - the `make demo` program: greets with its arguments and does a little
 * computation (primes, a Fibonacci number, a floating-point sum) so the demo exercises
 * argv, integer and FP code, and buffered stdout.
 */
#include <stdio.h>
#include <stdint.h>

static int is_prime(unsigned n)
{
    if (n < 2)
        return 0;
    for (unsigned d = 2; d * d <= n; d++)
        if (n % d == 0)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    printf("Hello from riscv64!");
    for (int i = 1; i < argc; i++)
        printf(" argv[%d]=%s", i, argv[i]);
    printf("\n");

    unsigned count = 0, last = 0;
    for (unsigned n = 0; n < 10000; n++)
        if (is_prime(n)) {
            count++;
            last = n;
        }
    printf("There are %u primes below 10000; the largest is %u.\n", count, last);

    uint64_t a = 0, b = 1;
    for (int i = 0; i < 90; i++) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    printf("fib(90) = %llu\n", (unsigned long long)a);

    double sum = 0;
    for (int k = 1; k <= 1000; k++)
        sum += 1.0 / ((double)k * k);
    printf("sum 1/k^2 for k<=1000 = %.12f (pi^2/6 = 1.644934066848)\n", sum);
    return 0;
}
