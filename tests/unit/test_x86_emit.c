/*
 * test_x86_emit.c - checks the x86-64 encoder against capstone: each emitted instruction
 * must disassemble to exactly the expected text and consume exactly the emitted bytes.
 * Register/register and memory forms are checked exhaustively over all 16 registers, so
 * every REX/ModRM/SIB quirk (rsp/r12 bases, rbp/r13 bases, byte registers 4..7) is covered.
 */
#define TEST_MAIN
#include <capstone/capstone.h>
#include <stdarg.h>
#include <stdlib.h>
#include "test.h"
#include "translate/x86_emit.h"

static const char *const r64[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                     "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
static const char *const r32[16] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                     "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
static const char *const r16[16] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                     "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w" };
static const char *const r8n[16] = { "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                     "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b" };
static const char *const ccn[16] = { "o", "no", "b", "ae", "e", "ne", "be", "a",
                                     "s", "ns", "p", "np", "l", "ge", "le", "g" };

static csh cs;
static uint8_t code[256];
static struct x86_buf buf;
static unsigned checked;

#define BUF_EXEC 0x10000000u   /* pretend the code runs here (for relative targets) */

static void start(void)
{
    if (!cs) {
        if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
            abort();
    }
    x86_buf_init(&buf, code, (const uint8_t *)(uintptr_t)BUF_EXEC, sizeof(code));
}

/* Disassembles the buffer as one instruction and compares with the expected text. */
PRINTF_LIKE(1, 2) static void expect(const char *fmt, ...)
{
    char want[160], got[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(want, sizeof(want), fmt, ap);
    va_end(ap);
    size_t n = x86_off(&buf);
    cs_insn *insn;
    size_t count = cs_disasm(cs, code, n, BUF_EXEC, 0, &insn);
    checked++;
    if (count == 0) {
        snprintf(got, sizeof(got), "(undecodable)");
    } else {
        if (insn[0].op_str[0])
            snprintf(got, sizeof(got), "%s %s", insn[0].mnemonic, insn[0].op_str);
        else
            snprintf(got, sizeof(got), "%s", insn[0].mnemonic);
        if (count != 1 || insn[0].size != n)
            snprintf(got + strlen(got), sizeof(got) - strlen(got), " (+%zu more insns, size %u of %zu)",
                     count - 1, insn[0].size, n);
        cs_free(insn, count);
    }
    if (buf.overflow || strcmp(want, got) != 0) {
        test_failed_checks++;
        printf("  want \"%s\", got \"%s\" [", want, got);
        for (size_t i = 0; i < n; i++)
            printf("%s%02x", i ? " " : "", code[i]);
        printf("]\n");
    }
    start();
}

static const char *hex(int64_t v, char *s)
{
    uint64_t a = v < 0 ? -(uint64_t)v : (uint64_t)v;
    if (a > 9)
        sprintf(s, "0x%" PRIx64, a);
    else
        sprintf(s, "%" PRIu64, a);
    return s;
}

/* Capstone's text for [base + index + disp]. */
static const char *mem(const char *size, int base, int index, int32_t disp)
{
    static char s[96];
    char h[32];
    int n = sprintf(s, "%s ptr [%s", size, r64[base]);
    if (index >= 0)
        n += sprintf(s + n, " + %s", r64[index]);
    if (disp)
        n += sprintf(s + n, " %c %s", disp < 0 ? '-' : '+', hex(disp, h));
    sprintf(s + n, "]");
    return s;
}

static const char *const alu_names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };

TEST(x86_emit, alu_reg_reg_all_registers)
{
    start();
    for (int w = 0; w < 2; w++)
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s++) {
                const char *const *rn = w ? r64 : r32;
                for (int op = 0; op < 8; op++) {
                    x86_alu_rr(&buf, (enum x86_alu)op, w, d, s);
                    expect("%s %s, %s", alu_names[op], rn[d], rn[s]);
                }
                x86_mov_rr(&buf, w, d, s);
                expect("mov %s, %s", rn[d], rn[s]);
                x86_test_rr(&buf, w, d, s);
                expect("test %s, %s", rn[d], rn[s]);
                x86_modrm_rr(&buf, OPC_IMUL_GvEv | (w ? P_REXW : 0), d, s);
                expect("imul %s, %s", rn[d], rn[s]);
                x86_cmov(&buf, X86_CC_L, w, d, s);
                expect("cmovl %s, %s", rn[d], rn[s]);
            }
}

TEST(x86_emit, alu_reg_imm)
{
    start();
    static const int32_t imms[] = { 0, 1, -1, 127, -128, 128, -129, 0x7fffffff, INT32_MIN, 0x1234 };
    char h[32];
    for (int d = 0; d < 16; d++)
        for (unsigned k = 0; k < ARRAY_SIZE(imms); k++) {
            for (int op = 0; op < 8; op++) {
                x86_alu_ri(&buf, (enum x86_alu)op, true, d, imms[k]);
                /* capstone prints the immediate of and/or/xor as unsigned hex of the
                 * operand width, and that of the arithmetic ops as a signed number */
                bool logical = op == X86_AND || op == X86_OR || op == X86_XOR;
                if (imms[k] < 0 && logical)
                    expect("%s %s, 0x%" PRIx64, alu_names[op], r64[d], (uint64_t)(int64_t)imms[k]);
                else
                    expect("%s %s, %s%s", alu_names[op], r64[d], imms[k] < 0 ? "-" : "", hex(imms[k], h));
                x86_alu_ri(&buf, (enum x86_alu)op, false, d, imms[k]);
                /* ... except a 32-bit op's imm32 form, which it shows unsigned */
                if (imms[k] < 0 && (logical || imms[k] < -128))
                    expect("%s %s, 0x%x", alu_names[op], r32[d], (uint32_t)imms[k]);
                else
                    expect("%s %s, %s%s", alu_names[op], r32[d], imms[k] < 0 ? "-" : "", hex(imms[k], h));
            }
        }
    /* the imm8 form is used whenever the value fits */
    x86_alu_ri(&buf, X86_ADD, true, X86_RAX, -128);
    CHECK_EQ_U64(x86_off(&buf), 4);
    start();
    x86_alu_ri(&buf, X86_ADD, true, X86_RAX, 128);
    CHECK_EQ_U64(x86_off(&buf), 7);
    start();
}

TEST(x86_emit, movi_picks_shortest_form)
{
    static const struct { uint64_t v; unsigned len_low, len_high; } cases[] = {
        { 0, 5, 6 }, { 1, 5, 6 }, { 0xffffffffull, 5, 6 }, { 0x80000000ull, 5, 6 },
        { ~0ull, 7, 7 }, { 0xffffffff80000000ull, 7, 7 }, { 0x100000000ull, 10, 10 },
        { 0x8000000000000000ull, 10, 10 }, { 0x123456789abcdef0ull, 10, 10 },
    };
    char h[32];
    start();
    for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
        for (int d = 0; d < 16; d++) {
            uint64_t v = cases[i].v;
            x86_movi(&buf, d, v);
            CHECK_EQ_U64(x86_off(&buf), d < 8 ? cases[i].len_low : cases[i].len_high);
            if (v <= 0xffffffffull)
                expect("mov %s, %s", r32[d], hex((int64_t)v, h));
            else if ((int64_t)v == (int32_t)v)
                expect("mov %s, -%s", r64[d], hex((int64_t)v, h));
            else
                expect("movabs %s, 0x%" PRIx64, r64[d], v);
        }
}

TEST(x86_emit, memory_operands_all_bases_and_indexes)
{
    static const int32_t disps[] = { 0, 8, -8, 127, -128, 128, -129, 0x12345, -0x12345 };
    start();
    for (int base = 0; base < 16; base++)
        for (int index = -1; index < 16; index++) {
            if (index == X86_RSP)
                continue;
            for (unsigned k = 0; k < ARRAY_SIZE(disps); k++) {
                int32_t d = disps[k];
                x86_load(&buf, OPC_MOV_GvEv | P_REXW, X86_RAX, base, index, d);
                expect("mov rax, %s", mem("qword", base, index, d));
                x86_load(&buf, OPC_MOV_GvEv, X86_R9, base, index, d);
                expect("mov r9d, %s", mem("dword", base, index, d));
                x86_store(&buf, 8, X86_R10, base, index, d);
                expect("mov %s, r10", mem("qword", base, index, d));
                x86_store(&buf, 2, X86_RSI, base, index, d);
                expect("mov %s, si", mem("word", base, index, d));
                x86_lea(&buf, true, X86_R11, base, index, d);
                expect("lea r11, %s", mem("", base, index, d) + 5); /* no size for lea */
            }
        }
}

TEST(x86_emit, loads_and_stores_of_each_size)
{
    start();
    for (int r = 0; r < 16; r++) {
        x86_load(&buf, OPC_MOVZBL, r, X86_R15, X86_RBX, 0);
        expect("movzx %s, %s", r32[r], mem("byte", X86_R15, X86_RBX, 0));
        x86_load(&buf, OPC_MOVSBL | P_REXW, r, X86_R15, X86_RBX, 0);
        expect("movsx %s, %s", r64[r], mem("byte", X86_R15, X86_RBX, 0));
        x86_load(&buf, OPC_MOVZWL, r, X86_R15, X86_R12, 0);
        expect("movzx %s, %s", r32[r], mem("word", X86_R15, X86_R12, 0));
        x86_load(&buf, OPC_MOVSWL, r, X86_R15, X86_R13, 0);
        expect("movsx %s, %s", r32[r], mem("word", X86_R15, X86_R13, 0));
        x86_load(&buf, OPC_MOVSLQ, r, X86_R15, X86_RBP, 0);
        expect("movsxd %s, %s", r64[r], mem("dword", X86_R15, X86_RBP, 0));
        x86_store(&buf, 1, r, X86_R15, X86_RAX, 0);
        expect("mov %s, %s", mem("byte", X86_R15, X86_RAX, 0), r8n[r]);
        x86_store(&buf, 4, r, X86_RBP, X86_NOREG, 0x48);
        expect("mov %s, %s", mem("dword", X86_RBP, -1, 0x48), r32[r]);
        /* movzx/movsx from byte and word registers */
        for (int s = 0; s < 16; s++) {
            x86_modrm_rr(&buf, OPC_MOVZBL | P_BYTE_RM, r, s);
            expect("movzx %s, %s", r32[r], r8n[s]);
            x86_modrm_rr(&buf, OPC_MOVSBL | P_BYTE_RM | P_REXW, r, s);
            expect("movsx %s, %s", r64[r], r8n[s]);
            x86_modrm_rr(&buf, OPC_MOVZWL, r, s);
            expect("movzx %s, %s", r32[r], r16[s]);
            x86_modrm_rr(&buf, OPC_MOVSWL | P_REXW, r, s);
            expect("movsx %s, %s", r64[r], r16[s]);
            x86_modrm_rr(&buf, OPC_MOVSLQ, r, s);
            expect("movsxd %s, %s", r64[r], r32[s]);
        }
    }
    x86_store_imm(&buf, 1, -1, X86_R15, X86_RAX, 0);
    expect("mov %s, 0xff", mem("byte", X86_R15, X86_RAX, 0));
    x86_store_imm(&buf, 2, 0x1234, X86_R15, X86_RAX, 4);
    expect("mov %s, 0x1234", mem("word", X86_R15, X86_RAX, 4));
    x86_store_imm(&buf, 4, -2, X86_RBP, X86_NOREG, 8);
    expect("mov %s, 0xfffffffe", mem("dword", X86_RBP, -1, 8));
    x86_store_imm(&buf, 8, -2, X86_RBP, X86_NOREG, 0x100);
    expect("mov %s, -2", mem("qword", X86_RBP, -1, 0x100));
    x86_alu_mi(&buf, X86_CMP, false, X86_RBP, 0x2c, 0);
    expect("cmp %s, 0", mem("dword", X86_RBP, -1, 0x2c));
}

TEST(x86_emit, byte_registers_setcc)
{
    start();
    for (int r = 0; r < 16; r++)
        for (int cc = 0; cc < 16; cc++) {
            x86_setcc(&buf, (enum x86_cond)cc, r);
            expect("set%s %s", ccn[cc], r8n[r]);
        }
}

TEST(x86_emit, shifts_and_unary)
{
    static const char *const sh[8] = { "rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar" };
    static const char *const g3[8] = { "test", "?", "not", "neg", "mul", "imul", "div", "idiv" };
    static const unsigned counts[] = { 1, 2, 31, 63 };
    start();
    for (int r = 0; r < 16; r++)
        for (int w = 0; w < 2; w++) {
            const char *const *rn = w ? r64 : r32;
            for (int op = 0; op < 8; op++) {
                if (op == 2 || op == 3 || op == 6)
                    continue;
                for (unsigned k = 0; k < ARRAY_SIZE(counts); k++) {
                    x86_shift_ri(&buf, (enum x86_shift)op, w, r, counts[k]);
                    char h[16];
                    expect("%s %s, %s", sh[op], rn[r], hex(counts[k], h));
                }
                x86_shift_rcl(&buf, (enum x86_shift)op, w, r);
                expect("%s %s, cl", sh[op], rn[r]);
            }
            for (int op = 2; op < 8; op++) {
                x86_grp3(&buf, (enum x86_grp3)op, w, r);
                expect("%s %s", g3[op], rn[r]);
            }
            x86_bswap(&buf, w, r);
            expect("bswap %s", rn[r]);
            x86_imul_rri(&buf, w, r, 15 - r, 3);
            expect("imul %s, %s, 3", rn[r], rn[15 - r]);
            x86_imul_rri(&buf, w, r, 15 - r, 1000);
            expect("imul %s, %s, 0x3e8", rn[r], rn[15 - r]);
            x86_modrm_rr(&buf, OPC_LZCNT | (w ? P_REXW : 0), r, 15 - r);
            expect("lzcnt %s, %s", rn[r], rn[15 - r]);
            x86_modrm_rr(&buf, OPC_TZCNT | (w ? P_REXW : 0), r, 15 - r);
            expect("tzcnt %s, %s", rn[r], rn[15 - r]);
            x86_modrm_rr(&buf, OPC_POPCNT | (w ? P_REXW : 0), r, 15 - r);
            expect("popcnt %s, %s", rn[r], rn[15 - r]);
            x86_modrm_rr(&buf, OPC_BSR | (w ? P_REXW : 0), r, 15 - r);
            expect("bsr %s, %s", rn[r], rn[15 - r]);
            x86_modrm_rr(&buf, OPC_BSF | (w ? P_REXW : 0), r, 15 - r);
            expect("bsf %s, %s", rn[r], rn[15 - r]);
        }
    x86_opc(&buf, OPC_CQO, 0, 0, 0);
    expect("cqo");
    x86_opc(&buf, OPC_CDQ, 0, 0, 0);
    expect("cdq");
}

TEST(x86_emit, vex_bmi)
{
    start();
    for (int r = 0; r < 16; r++)
        for (int v = 0; v < 16; v += 3)
            for (int w = 0; w < 2; w++) {
                const char *const *rn = w ? r64 : r32;
                int m = (r + 5) & 15;
                unsigned W = w ? P_REXW : 0;
                x86_vex_rr(&buf, OPC_ANDN | W, r, v, m);
                expect("andn %s, %s, %s", rn[r], rn[v], rn[m]);
                x86_vex_rr(&buf, OPC_SHLX | W, r, v, m);
                expect("shlx %s, %s, %s", rn[r], rn[m], rn[v]);
                x86_vex_rr(&buf, OPC_SHRX | W, r, v, m);
                expect("shrx %s, %s, %s", rn[r], rn[m], rn[v]);
                x86_vex_rr(&buf, OPC_SARX | W, r, v, m);
                expect("sarx %s, %s, %s", rn[r], rn[m], rn[v]);
                x86_vex_rr(&buf, OPC_RORX | W, r, 0, m);
                x86_byte(&buf, 7);
                expect("rorx %s, %s, 7", rn[r], rn[m]);
            }
}

/* SSE scalar floating point, FMA3 and MXCSR access (the backend's FP ops), with every
 * general register and xmm0..xmm15 on each side. */
TEST(x86_emit, sse_scalar_fma_mxcsr)
{
    static const struct { unsigned opc; const char *name; } xx[] = {
        { OPC_ADDSD, "addsd" }, { OPC_SUBSD, "subsd" }, { OPC_MULSD, "mulsd" },
        { OPC_DIVSD, "divsd" }, { OPC_SQRTSD, "sqrtsd" }, { OPC_ADDSS, "addss" },
        { OPC_SUBSS, "subss" }, { OPC_MULSS, "mulss" }, { OPC_DIVSS, "divss" },
        { OPC_SQRTSS, "sqrtss" }, { OPC_UCOMISD, "ucomisd" }, { OPC_UCOMISS, "ucomiss" },
        { OPC_CVTSD2SS, "cvtsd2ss" }, { OPC_CVTSS2SD, "cvtss2sd" }, { OPC_XORPS, "xorps" },
        { OPC_MOVQ_VqWq, "movq" },
    };
    start();
    for (int r = 0; r < 16; r++) {
        int m = (r + 7) & 15;
        for (unsigned i = 0; i < ARRAY_SIZE(xx); i++) {
            x86_modrm_rr(&buf, xx[i].opc, r, m);
            expect("%s xmm%d, xmm%d", xx[i].name, r, m);
        }
        x86_modrm_rr(&buf, OPC_CMPSD, r, m);
        x86_byte(&buf, 1);
        expect("cmpltsd xmm%d, xmm%d", r, m);
        x86_modrm_rr(&buf, OPC_CMPSS, r, m);
        x86_byte(&buf, 2);
        expect("cmpless xmm%d, xmm%d", r, m);
        x86_modrm_rr(&buf, OPC_MOVD_VyEy | P_REXW, r, m);
        expect("movq xmm%d, %s", r, r64[m]);
        x86_modrm_rr(&buf, OPC_MOVD_VyEy, r, m);
        expect("movd xmm%d, %s", r, r32[m]);
        x86_modrm_rr(&buf, OPC_MOVD_EyVy | P_REXW, r, m);
        expect("movq %s, xmm%d", r64[m], r);
        x86_modrm_rr(&buf, OPC_MOVD_EyVy, r, m);
        expect("movd %s, xmm%d", r32[m], r);
        x86_modrm_rr(&buf, OPC_CVTSI2SD | P_REXW, r, m);
        expect("cvtsi2sd xmm%d, %s", r, r64[m]);
        x86_modrm_rr(&buf, OPC_CVTSI2SS, r, m);
        expect("cvtsi2ss xmm%d, %s", r, r32[m]);
        x86_modrm_rr(&buf, OPC_CVTTSD2SI | P_REXW, r, m);
        expect("cvttsd2si %s, xmm%d", r64[r], m);
        x86_modrm_rr(&buf, OPC_CVTSD2SI, r, m);
        expect("cvtsd2si %s, xmm%d", r32[r], m);
        x86_modrm_rr(&buf, OPC_CVTTSS2SI, r, m);
        expect("cvttss2si %s, xmm%d", r32[r], m);
        x86_modrm_rr(&buf, OPC_CVTSS2SI | P_REXW, r, m);
        expect("cvtss2si %s, xmm%d", r64[r], m);
        x86_modrm_rr(&buf, OPC_MOVMSKPD, r, m);
        expect("movmskpd %s, xmm%d", r32[r], m);
        x86_vex_rr(&buf, OPC_VFMADD231SD, r, (r + 3) & 15, m);
        expect("vfmadd231sd xmm%d, xmm%d, xmm%d", r, (r + 3) & 15, m);
        x86_vex_rr(&buf, OPC_VFMADD231SS, r, (r + 3) & 15, m);
        expect("vfmadd231ss xmm%d, xmm%d, xmm%d", r, (r + 3) & 15, m);
        x86_modrm_mem(&buf, OPC_MOVQ_VqWq, r, m, X86_NOREG, 0, 0x48);
        expect("movq xmm%d, %s", r, mem("qword", m, -1, 0x48));
        x86_modrm_mem(&buf, OPC_MOVD_VyEy, r, m, X86_NOREG, 0, -8);
        expect("movd xmm%d, %s", r, mem("dword", m, -1, -8));
        x86_ldmxcsr(&buf, r, 0x40);
        expect("ldmxcsr %s", mem("dword", r, -1, 0x40));
        x86_stmxcsr(&buf, r, 0);
        expect("stmxcsr %s", mem("dword", r, -1, 0));
    }
}

TEST(x86_emit, control_flow_and_misc)
{
    char h[32];
    start();
    for (int r = 0; r < 16; r++) {
        x86_push(&buf, r);
        expect("push %s", r64[r]);
        x86_pop(&buf, r);
        expect("pop %s", r64[r]);
    }
    x86_ret(&buf);
    expect("ret");
    x86_mfence(&buf);
    expect("mfence");
    x86_jmp_abs(&buf, BUF_EXEC + 0x1000);
    expect("jmp 0x%x", BUF_EXEC + 0x1000);
    x86_call_abs(&buf, BUF_EXEC - 0x100);
    expect("call 0x%x", BUF_EXEC - 0x100);
    /* out of rel32 reach: through rax */
    x86_call_abs(&buf, 0x7f0000001234ull);
    CHECK_EQ_U64(x86_off(&buf), 12);
    start();
    for (int cc = 0; cc < 16; cc++) {
        uint32_t d = x86_jcc_fwd32(&buf, (enum x86_cond)cc);
        x86_bind_rel32_at(&buf, d, 0x40);
        expect("j%s %s", ccn[cc], hex(BUF_EXEC + 0x40, h));
        d = x86_jcc_fwd8(&buf, (enum x86_cond)cc);
        x86_bind_rel8(&buf, d);
        expect("j%s %s", ccn[cc], hex(BUF_EXEC + 2, h));
    }
    /* RIP-relative: cmp rax, [rip + X] with and without a trailing immediate */
    x86_modrm_rip(&buf, OPC_CMP_GvEv | P_REXW, X86_R11, BUF_EXEC + 0x80, 0);
    expect("cmp r11, qword ptr [rip + 0x79]");
    x86_modrm_rip(&buf, OPC_ARITH_EvIb | P_REXW, X86_CMP, BUF_EXEC + 0x80, 1);
    x86_byte(&buf, 5);
    expect("cmp qword ptr [rip + 0x78], 5");
    x86_modrm_rr(&buf, OPC_GRP5, 4, X86_R11);
    expect("jmp r11");
    x86_modrm_mem(&buf, OPC_GRP5, 4, X86_R11, X86_NOREG, 0, 8);
    expect("jmp qword ptr [r11 + 8]");
    for (unsigned n = 1; n <= 8; n++) {
        x86_nops(&buf, n);
        size_t got = x86_off(&buf);
        cs_insn *insn;
        size_t count = cs_disasm(cs, code, got, 0, 0, &insn);
        CHECK_EQ_U64(got, n);
        CHECK_EQ_U64(count, 1);
        if (count)
            CHECK(strcmp(insn[0].mnemonic, "nop") == 0);
        cs_free(insn, count);
        start();
    }
}

TEST(x86_emit, overflow_is_reported)
{
    uint8_t small[12] = { 0 };
    struct x86_buf b;
    x86_buf_init(&b, small, small, sizeof(small));
    x86_movi(&b, X86_RAX, 0x123456789ull);
    CHECK(!b.overflow);
    x86_movi(&b, X86_RAX, 0x123456789ull);
    CHECK(b.overflow);
    printf("  (%u instructions checked against capstone)\n", checked);
}
