/* interp.c - integer benchmark: a small bytecode interpreter. A stack machine with locals, calls
 * and a switch-dispatched loop (one indirect jump per bytecode) runs two programs assembled
 * here: a Collatz step count over 1..N and a recursive Fibonacci through CALL/RET.
 * Size: N, the Collatz range (default 300,000); fib's argument grows with log2(N). */
#include "bench_common.h"

enum op { OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV2,
          OP_AND1, OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET, OP_ARG, OP_INC };

struct vm_program { int64_t code[256]; int len; };

static void emit(struct vm_program *p, int64_t word) { p->code[p->len++] = word; }
static int here(const struct vm_program *p) { return p->len; }
static void patch(struct vm_program *p, int at, int target) { p->code[at] = target; }

#define STACK_WORDS 65536
#define FRAMES 4096

/* Runs code from pc 0. Locals are 8 global slots; OP_ARG reads the current frame's argument.
 * Returns the value on top of the stack at OP_HALT. */
static int64_t vm_run(const int64_t *code)
{
    static int64_t stack[STACK_WORDS];
    static struct { int ret_pc; int64_t arg; } frames[FRAMES];
    int64_t locals[8] = { 0 };
    int sp = 0, fp = 0, pc = 0;
    for (;;) {
        int64_t op = code[pc++];
        switch (op) {
        case OP_HALT: return sp > 0 ? stack[sp - 1] : 0;
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_POP: sp--; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_LOAD: stack[sp++] = locals[code[pc++] & 7]; break;
        case OP_STORE: locals[code[pc++] & 7] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_DIV2: stack[sp - 1] >>= 1; break;
        case OP_AND1: stack[sp - 1] &= 1; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case OP_JMP: pc = (int)code[pc]; break;
        case OP_JZ: pc = stack[--sp] == 0 ? (int)code[pc] : pc + 1; break;
        case OP_JNZ: pc = stack[--sp] != 0 ? (int)code[pc] : pc + 1; break;
        case OP_CALL: /* CALL target: pops the argument */
            frames[++fp].ret_pc = pc + 1;
            frames[fp].arg = stack[--sp];
            pc = (int)code[pc];
            break;
        case OP_RET: pc = frames[fp--].ret_pc; break;
        case OP_ARG: stack[sp++] = frames[fp].arg; break;
        case OP_INC: locals[code[pc] & 7]++; pc++; break;
        default:
            fprintf(stderr, "bad opcode %lld at %d\n", (long long)op, pc - 1);
            exit(1);
        }
        if (sp < 0 || sp >= STACK_WORDS - 1 || fp < 0 || fp >= FRAMES - 1) {
            fprintf(stderr, "vm stack out of range\n");
            exit(1);
        }
    }
}

/* total = sum over i in [1, n] of the Collatz step count of i. locals: 0 i, 1 x, 2 total */
static void assemble_collatz(struct vm_program *p, int64_t n)
{
    emit(p, OP_PUSH); emit(p, 1); emit(p, OP_STORE); emit(p, 0);
    int outer = here(p);
    emit(p, OP_LOAD); emit(p, 0); emit(p, OP_PUSH); emit(p, n + 1); emit(p, OP_LT);
    emit(p, OP_JZ); int exit_at = here(p); emit(p, 0);
    emit(p, OP_LOAD); emit(p, 0); emit(p, OP_STORE); emit(p, 1);
    int inner = here(p);
    emit(p, OP_LOAD); emit(p, 1); emit(p, OP_PUSH); emit(p, 1); emit(p, OP_EQ);
    emit(p, OP_JNZ); int next_at = here(p); emit(p, 0);
    emit(p, OP_INC); emit(p, 2);
    emit(p, OP_LOAD); emit(p, 1); emit(p, OP_AND1);
    emit(p, OP_JZ); int even_at = here(p); emit(p, 0);
    emit(p, OP_LOAD); emit(p, 1); emit(p, OP_PUSH); emit(p, 3); emit(p, OP_MUL);
    emit(p, OP_PUSH); emit(p, 1); emit(p, OP_ADD); emit(p, OP_STORE); emit(p, 1);
    emit(p, OP_JMP); emit(p, inner);
    patch(p, even_at, here(p));
    emit(p, OP_LOAD); emit(p, 1); emit(p, OP_DIV2); emit(p, OP_STORE); emit(p, 1);
    emit(p, OP_JMP); emit(p, inner);
    patch(p, next_at, here(p));
    emit(p, OP_INC); emit(p, 0);
    emit(p, OP_JMP); emit(p, outer);
    patch(p, exit_at, here(p));
    emit(p, OP_LOAD); emit(p, 2); emit(p, OP_HALT);
}

/* fib(arg) = arg < 2 ? arg : fib(arg-1) + fib(arg-2), through CALL/RET */
static void assemble_fib(struct vm_program *p, int64_t n)
{
    emit(p, OP_PUSH); emit(p, n); emit(p, OP_CALL); int call_at = here(p); emit(p, 0);
    emit(p, OP_HALT);
    int fib = here(p);
    patch(p, call_at, fib);
    emit(p, OP_ARG); emit(p, OP_PUSH); emit(p, 2); emit(p, OP_LT);
    emit(p, OP_JZ); int rec_at = here(p); emit(p, 0);
    emit(p, OP_ARG); emit(p, OP_RET);
    patch(p, rec_at, here(p));
    emit(p, OP_ARG); emit(p, OP_PUSH); emit(p, 1); emit(p, OP_SUB);
    emit(p, OP_CALL); emit(p, fib);
    emit(p, OP_ARG); emit(p, OP_PUSH); emit(p, 2); emit(p, OP_SUB);
    emit(p, OP_CALL); emit(p, fib);
    emit(p, OP_ADD); emit(p, OP_RET);
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 300000);
    int fib_n = 12;
    for (long m = n; m > 1; m /= 2)
        fib_n++;
    if (fib_n > 34)
        fib_n = 34;
    struct vm_program collatz = { .len = 0 }, fib = { .len = 0 };
    assemble_collatz(&collatz, n);
    assemble_fib(&fib, fib_n);
    int64_t steps = vm_run(collatz.code);
    int64_t f = vm_run(fib.code);
    printf("interp n=%ld: collatz steps %lld fib(%d) %lld\n", n, (long long)steps, fib_n, (long long)f);
    return 0;
}
