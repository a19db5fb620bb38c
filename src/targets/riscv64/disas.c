/*
 * disas.c - the riscv64 disassembler for -d in_asm and the unit tests. It prints the
 * record the decode table produced (decode.c), so what is shown is exactly what the
 * translator sees: compressed instructions appear as the base instruction they expand to.
 *
 * Text follows GNU objdump: ABI register names, decimal offsets and I-immediates, hex
 * shift amounts and upper immediates, branch targets as bare hex addresses, ", rm" only
 * for a static rounding mode. Operands are separated by ", " rather than objdump's ",".
 * With aliases, the pseudo-instructions objdump prints are used (li, mv, ret, beqz, csrr,
 * frflags, fmv.d, ...). Reserved encodings print as ".4byte 0x..." / ".2byte 0x...".
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "decode.h"

const char *const rv_xreg_name[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
const char *const rv_freg_name[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3",
    "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11",
    "ft8", "ft9", "ft10", "ft11",
};

static const struct { uint16_t csr; const char *name; } csr_names[] = {
    { 0x001, "fflags" }, { 0x002, "frm" }, { 0x003, "fcsr" },
    { 0xc00, "cycle" }, { 0xc01, "time" }, { 0xc02, "instret" },
};

const char *rv_csr_name(unsigned csr)
{
    for (size_t i = 0; i < ARRAY_SIZE(csr_names); i++)
        if (csr_names[i].csr == csr)
            return csr_names[i].name;
    return NULL;
}

static const char *const rm_name[8] = { "rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn" };

/* A bounded string builder: output is truncated, never overrun. */
struct out {
    char *buf;
    size_t size, len;
};

PRINTF_LIKE(2, 3) static void put(struct out *o, const char *fmt, ...)
{
    if (o->len >= o->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len = o->len + (size_t)n < o->size ? o->len + (size_t)n : o->size - 1;
}

static const char *reg(unsigned rc, unsigned r)
{
    return rc == RV_RC_F ? rv_freg_name[r & 31] : rv_xreg_name[r & 31];
}

static void put_csr(struct out *o, unsigned csr)
{
    const char *n = rv_csr_name(csr);
    if (n)
        put(o, "%s", n);
    else
        put(o, "0x%x", csr);
}

static void put_fence_set(struct out *o, unsigned set)
{
    if (set == 0) {
        put(o, "0");
        return;
    }
    static const char letters[4] = { 'i', 'o', 'r', 'w' };
    for (unsigned b = 0; b < 4; b++)
        if (set & (8u >> b))
            put(o, "%c", letters[b]);
}

/* Whether the rounding mode is printed: objdump leaves out the default (dynamic) and, for
 * the conversions that are always exact, the field altogether. */
static bool show_rm(const struct rv_insn *in)
{
    if (in->rm == 7)
        return false;
    return in->op != RV_OP_FCVT_D_S && in->op != RV_OP_FCVT_D_W && in->op != RV_OP_FCVT_D_WU;
}

/* Pseudo-instructions. Returns true if one was printed. */
static bool put_alias(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    const char *rd = rv_xreg_name[in->rd], *rs1 = rv_xreg_name[in->rs1], *rs2 = rv_xreg_name[in->rs2];
    uint64_t target = pc + (uint64_t)in->imm;

    switch (in->op) {
    case RV_OP_ADDI:
        if (in->rd == 0 && in->rs1 == 0 && in->imm == 0)
            return put(o, "nop"), true;
        if (in->rs1 == 0)
            return put(o, "li %s, %" PRId64, rd, in->imm), true;
        if (in->imm == 0)
            return put(o, "mv %s, %s", rd, rs1), true;
        return false;
    case RV_OP_ADD:                     /* objdump says mv only for c.mv */
        if (in->rs1 == 0 && in->cname)
            return put(o, "mv %s, %s", rd, rs2), true;
        return false;
    case RV_OP_ADDIW:
        return in->imm == 0 ? (put(o, "sext.w %s, %s", rd, rs1), true) : false;
    case RV_OP_ANDI:
        return in->imm == 255 ? (put(o, "zext.b %s, %s", rd, rs1), true) : false;
    case RV_OP_ADD_UW:
        return in->rs2 == 0 ? (put(o, "zext.w %s, %s", rd, rs1), true) : false;
    case RV_OP_XORI:
        return in->imm == -1 ? (put(o, "not %s, %s", rd, rs1), true) : false;
    case RV_OP_SUB:
        return in->rs1 == 0 ? (put(o, "neg %s, %s", rd, rs2), true) : false;
    case RV_OP_SUBW:
        return in->rs1 == 0 ? (put(o, "negw %s, %s", rd, rs2), true) : false;
    case RV_OP_SLTIU:
        return in->imm == 1 ? (put(o, "seqz %s, %s", rd, rs1), true) : false;
    case RV_OP_SLTU:
        return in->rs1 == 0 ? (put(o, "snez %s, %s", rd, rs2), true) : false;
    case RV_OP_SLT:
        if (in->rs2 == 0)
            return put(o, "sltz %s, %s", rd, rs1), true;
        if (in->rs1 == 0)
            return put(o, "sgtz %s, %s", rd, rs2), true;
        return false;
    case RV_OP_BEQ: case RV_OP_BNE:
        if (in->rs2 != 0)
            return false;
        return put(o, "%s %s, %" PRIx64, in->op == RV_OP_BEQ ? "beqz" : "bnez", rs1, target), true;
    case RV_OP_BGE:
        if (in->rs1 == 0)
            return put(o, "blez %s, %" PRIx64, rs2, target), true;
        if (in->rs2 == 0)
            return put(o, "bgez %s, %" PRIx64, rs1, target), true;
        return false;
    case RV_OP_BLT:
        if (in->rs2 == 0)
            return put(o, "bltz %s, %" PRIx64, rs1, target), true;
        if (in->rs1 == 0)
            return put(o, "bgtz %s, %" PRIx64, rs2, target), true;
        return false;
    case RV_OP_JAL:
        if (in->rd == 0)
            return put(o, "j %" PRIx64, target), true;
        if (in->rd == 1)
            return put(o, "jal %" PRIx64, target), true;
        return false;
    case RV_OP_JALR:
        if (in->rd == 0 && in->rs1 == 1 && in->imm == 0)
            return put(o, "ret"), true;
        if (in->rd > 1)
            return false;
        if (in->imm == 0)
            return put(o, "%s %s", in->rd ? "jalr" : "jr", rs1), true;
        return put(o, "%s %" PRId64 "(%s)", in->rd ? "jalr" : "jr", in->imm, rs1), true;
    case RV_OP_FENCE:
        return in->imm == 0x0ff ? (put(o, "fence"), true) : false;
    case RV_OP_CSRRS: case RV_OP_CSRRW: case RV_OP_CSRRC: {
        static const char *const rd_short[4] = { NULL, "frflags", "frrm", "frcsr" };
        static const char *const wr_short[4] = { NULL, "fsflags", "fsrm", "fscsr" };
        const char *fp_rd = in->csr < 4 ? rd_short[in->csr] : NULL;
        const char *fp_wr = in->csr < 4 ? wr_short[in->csr] : NULL;
        if (in->op == RV_OP_CSRRS && in->rs1 == 0) {
            if (fp_rd)
                return put(o, "%s %s", fp_rd, rd), true;
            if (in->csr >= 0xc00 && in->csr <= 0xc02)
                return put(o, "rd%s %s", rv_csr_name(in->csr), rd), true;
            put(o, "csrr %s, ", rd);
            return put_csr(o, in->csr), true;
        }
        if (in->op == RV_OP_CSRRW && fp_wr) {
            if (in->rd == 0)
                return put(o, "%s %s", fp_wr, rs1), true;
            return put(o, "%s %s, %s", fp_wr, rd, rs1), true;
        }
        if (in->rd != 0)
            return false;
        put(o, "%s ", in->op == RV_OP_CSRRW ? "csrw" : in->op == RV_OP_CSRRS ? "csrs" : "csrc");
        put_csr(o, in->csr);
        return put(o, ", %s", rs1), true;
    }
    case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI:
        if (in->op == RV_OP_CSRRWI && (in->csr == 1 || in->csr == 2)) {
            const char *n = in->csr == 1 ? "fsflagsi" : "fsrmi";
            if (in->rd == 0)
                return put(o, "%s %" PRId64, n, in->imm), true;
            return put(o, "%s %s, %" PRId64, n, rd, in->imm), true;
        }
        if (in->rd != 0)
            return false;
        put(o, "%s ", in->op == RV_OP_CSRRWI ? "csrwi" : in->op == RV_OP_CSRRSI ? "csrsi" : "csrci");
        put_csr(o, in->csr);
        return put(o, ", %" PRId64, in->imm), true;
    case RV_OP_FSGNJ_S: case RV_OP_FSGNJN_S: case RV_OP_FSGNJX_S:
    case RV_OP_FSGNJ_D: case RV_OP_FSGNJN_D: case RV_OP_FSGNJX_D: {
        if (in->rs1 != in->rs2)
            return false;
        bool d = in->op >= RV_OP_FSGNJ_D;
        unsigned k = in->op - (d ? RV_OP_FSGNJ_D : RV_OP_FSGNJ_S);
        static const char *const n[3] = { "fmv", "fneg", "fabs" };
        return put(o, "%s.%c %s, %s", n[k], d ? 'd' : 's', rv_freg_name[in->rd], rv_freg_name[in->rs1]), true;
    }
    default:
        return false;
    }
}

const char *rv_disas_insn(const struct rv_insn *in, uint64_t pc, bool aliases, char *buf, size_t size)
{
    struct out o = { buf, size, 0 };
    if (size == 0)
        return buf;
    buf[0] = 0;
    if (in->op == RV_OP_ILLEGAL || in->op >= RV_OP_COUNT) {
        if (in->len == 2)
            put(&o, ".2byte 0x%x", in->raw & 0xffff);
        else
            put(&o, ".4byte 0x%x", in->raw);
        return buf;
    }
    if (aliases && put_alias(&o, in, pc))
        return buf;

    const struct rv_opdesc *d = &rv_opdesc[in->op];
    const struct rv_fmt_info *fi = &rv_fmt_info[d->fmt];
    const char *rd = reg(fi->rd, in->rd), *rs1 = reg(fi->rs1, in->rs1);
    const char *rs2 = reg(fi->rs2, in->rs2), *rs3 = reg(fi->rs3, in->rs3);
    uint64_t target = pc + (uint64_t)in->imm;

    put(&o, "%s", d->name);
    if ((d->fmt == RV_FMT_LR || d->fmt == RV_FMT_AMO) && (in->aq || in->rl))
        put(&o, ".%s%s", in->aq ? "aq" : "", in->rl ? "rl" : "");

    switch ((enum rv_fmt)d->fmt) {
    case RV_FMT_NONE:
        break;
    case RV_FMT_R: case RV_FMT_F_R: case RV_FMT_F_CMP: case RV_FMT_F_R_RM:
        put(&o, " %s, %s, %s", rd, rs1, rs2);
        break;
    case RV_FMT_R1: case RV_FMT_F_XF: case RV_FMT_F_FX: case RV_FMT_F_1_RM:
    case RV_FMT_F_XF_RM: case RV_FMT_F_FX_RM:
        put(&o, " %s, %s", rd, rs1);
        break;
    case RV_FMT_F_R4_RM:
        put(&o, " %s, %s, %s, %s", rd, rs1, rs2, rs3);
        break;
    case RV_FMT_I:
        put(&o, " %s, %s, %" PRId64, rd, rs1, in->imm);
        break;
    case RV_FMT_SHIFT:
        put(&o, " %s, %s, 0x%" PRIx64, rd, rs1, in->imm);
        break;
    case RV_FMT_U:
        put(&o, " %s, 0x%" PRIx64, rd, ((uint64_t)in->imm >> 12) & 0xfffff);
        break;
    case RV_FMT_J:
        put(&o, " %s, %" PRIx64, rd, target);
        break;
    case RV_FMT_B:
        put(&o, " %s, %s, %" PRIx64, rs1, rs2, target);
        break;
    case RV_FMT_LOAD: case RV_FMT_FLOAD:
        put(&o, " %s, %" PRId64 "(%s)", rd, in->imm, rs1);
        break;
    case RV_FMT_STORE: case RV_FMT_FSTORE:
        put(&o, " %s, %" PRId64 "(%s)", rs2, in->imm, rs1);
        break;
    case RV_FMT_FENCE: {
        unsigned fm = (unsigned)(in->imm >> 8) & 15, pred = (unsigned)(in->imm >> 4) & 15,
                 succ = (unsigned)in->imm & 15;
        if (fm == 8 && pred == 3 && succ == 3) {
            put(&o, ".tso");
            break;
        }
        put(&o, " ");
        put_fence_set(&o, pred);
        put(&o, ", ");
        put_fence_set(&o, succ);
        break;
    }
    case RV_FMT_CSR:
        put(&o, " %s, ", rd);
        put_csr(&o, in->csr);
        put(&o, ", %s", rs1);
        break;
    case RV_FMT_CSRI:
        put(&o, " %s, ", rd);
        put_csr(&o, in->csr);
        put(&o, ", %" PRId64, in->imm);
        break;
    case RV_FMT_LR:
        put(&o, " %s, (%s)", rd, rs1);
        break;
    case RV_FMT_AMO:
        put(&o, " %s, %s, (%s)", rd, rs2, rs1);
        break;
    case RV_FMT_COUNT:
        break;
    }
    if (fi->has_rm && show_rm(in))
        put(&o, ", %s", rm_name[in->rm & 7]);
    return buf;
}

unsigned rv_disas(char *buf, size_t size, uint64_t pc, const uint8_t *insn, size_t avail)
{
    if (avail < 2)
        return 0;
    uint16_t lo = (uint16_t)(insn[0] | insn[1] << 8);
    unsigned len = rv_insn_len(lo);
    if (avail < len)
        return 0;
    uint32_t raw = lo;
    if (len == 4)
        raw |= (uint32_t)(insn[2] | insn[3] << 8) << 16;
    struct rv_insn in;
    rv_decode(raw, &in);
    rv_disas_insn(&in, pc, true, buf, size);
    return len;
}
