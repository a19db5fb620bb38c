/* Random riscv64 program generator for the differential test (tests/diff/run.sh).
 *
 * From a seed it writes one freestanding assembly file to stdout. The program:
 *   1. fills the 72 KiB scratch area with a seed-derived xorshift pattern;
 *   2. loads every x register (except sp, s10 and s11), every f register and fcsr with values drawn
 *      from edge pools (0, -1, INT64_MIN, 0x80000000, NaN/inf/subnormal/±0 bit patterns, properly
 *      and improperly NaN-boxed singles, ...) or random bits;
 *   3. runs random "items" (an item is one instruction or a small unit such as address setup +
 *      load, a forward branch over a few instructions, a bounded loop, a call/return, LR/SC);
 *      after each item its destination registers are stored to a result log through s10;
 *   4. stores x0..x31, f0..f31, fcsr and a magic word to the register page and writes register
 *      page + scratch + log to stdout (layout in dump_layout.h), then exit_group(0).
 *
 * Invariants the generator keeps so that any two correct emulators produce identical dumps:
 *   - s11 (scratch base + 2048), sp (scratch base + 8192) and s10 (log pointer) are never written
 *     by random code (c.addi16sp pairs restore sp at once; only top-level log code moves s10);
 *     every memory access is s11 + masked value + imm12, sp + imm12, or a computed address that
 *     provably lies inside the scratch area; AMOs and LR/SC are naturally aligned.
 *   - no ecall except the final dump, no illegal encodings, frm only ever holds 0..4, no reads
 *     of counters/timers, no loops that are not bounded by a counter the body cannot write.
 *   - the file is assembled with .option norelax so layout (and so auipc/jal results) does not
 *     depend on linker relaxation; programs are static non-PIE, loaded at fixed addresses.
 *   - RNG use is prefix-stable: the first K items are identical whatever the item/insn limit,
 *     so `--items K` yields exact prefixes (run.sh --seed uses this to find the first item
 *     whose execution makes the engines differ).
 *
 * Usage: gen [--oracle] [--items K] SEED NINSNS > prog.S
 *   NINSNS: stop after the item that brings the instruction count to NINSNS.
 *   --oracle: the build for Debian 12's qemu 7.2, which lacks Zicond and has a ctzw bug: encode
 *     czero.eqz/czero.nez as XVentanaCondOps vt.maskc/vt.maskcn (same semantics, same size; run
 *     qemu with -cpu rv64,xventanacondops=true) and ctzw as slli/ctz/addi (see emit_ctzw).
 *     Both builds have identical layouts, so PC-dependent values agree.
 *   The last line is "# insns: N" (number of instructions in the random part).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump_layout.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- deterministic RNG (xoshiro256**, seeded by splitmix64) ---- */

static uint64_t rng_state[4];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rnd(void)
{
	uint64_t *s = rng_state;
	uint64_t result = rotl64(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl64(s[3], 45);
	return result;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static int64_t range(int64_t lo, int64_t hi) /* inclusive */
{
	return lo + (int64_t)below((uint64_t)(hi - lo + 1));
}

static int chance(unsigned pct)
{
	return below(100) < pct;
}

#define PICK(arr) ((arr)[below(ARRAY_SIZE(arr))])

/* ---- output ---- */

static long insn_count;
static int oracle_mode;
static unsigned label_counter;

static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* One instruction (or assembler pseudo such as li) of the random body. */
static void ins(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ins(const char *fmt, ...)
{
	va_list ap;
	putchar('\t');
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	insn_count++;
}

static unsigned new_label(void)
{
	return ++label_counter;
}

/* ---- registers ---- */

static const char *const xname[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
	"a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
	"t5", "t6",
};
static const char *const fname[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
	"fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
	"fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

#define REG_SP   2
#define REG_S10  26
#define REG_S11  27
/* Registers random code may never write. Nested units add their live registers to this mask. */
#define RESERVED_MASK ((1u << REG_SP) | (1u << REG_S10) | (1u << REG_S11))
static uint32_t forbid_mask = RESERVED_MASK;

static int writable(int r)
{
	return r != 0 && !(forbid_mask & (1u << r));
}

/* A destination x register; x0 now and then (writes to x0 must be dropped). */
static int xdst(void)
{
	if (chance(3))
		return 0;
	for (;;) {
		int r = (int)below(32);
		if (writable(r))
			return r;
	}
}

/* A destination in x8..x15 (compressible), falling back to any. */
static int xdst_c(void)
{
	for (int tries = 0; tries < 16; tries++) {
		int r = 8 + (int)below(8);
		if (writable(r))
			return r;
	}
	return xdst();
}

/* A destination that is never x0 (address temporaries, loop counters, link registers). */
static int xdst_nz(void)
{
	int r;
	do
		r = xdst();
	while (r == 0);
	return r;
}

static int xsrc(void)
{
	if (chance(5))
		return 0;
	return (int)below(32);
}

static int xsrc_c(void)
{
	return 8 + (int)below(8);
}

static int fsel(void)
{
	return (int)below(32);
}

static int fsel_c(void)
{
	return 8 + (int)below(8);
}

/* ---- result log ----
 * A value written by one instruction is usually overwritten long before the final dump, which
 * would hide most wrong results. So after each item its destination registers (and, for FP
 * items, now and then fflags) are stored to a log area through s10, at offsets the generator
 * knows statically; the log is part of the dump. s10 only moves forward at top level, never in
 * a loop body, so the log stays in bounds. Items record their destinations with rx/rf (and
 * rxp/rfp for FP operations, whose flags are worth logging). */

#define MAX_REC 4
static int rec_x[MAX_REC], rec_f[MAX_REC], n_rec_x, n_rec_f, rec_fp;
static long log_off, log_total; /* offset from s10; bytes s10 has advanced */

static int rx(int r)
{
	for (int i = 0; i < n_rec_x; i++)
		if (rec_x[i] == r)
			return r;
	if (n_rec_x < MAX_REC && r != 0)
		rec_x[n_rec_x++] = r;
	return r;
}

static int rf(int r)
{
	for (int i = 0; i < n_rec_f; i++)
		if (rec_f[i] == r)
			return r;
	if (n_rec_f < MAX_REC)
		rec_f[n_rec_f++] = r;
	return r;
}

static int rxp(int r)
{
	rec_fp = 1;
	return rx(r);
}

static int rfp(int r)
{
	rec_fp = 1;
	return rf(r);
}

static void log_results(void)
{
	long counted = insn_count; /* log code is not counted as test instructions */
	/* leave room for a nested body's logs before the next top-level s10 bump */
	int room = log_total + log_off + 512 <= DUMP_LOG;
	for (int i = 0; room && i < n_rec_x; i++) {
		ins("sd %s, %ld(s10)\t# log %ld", xname[rec_x[i]], log_off, (log_total + log_off) / 8);
		log_off += 8;
	}
	for (int i = 0; room && i < n_rec_f; i++) {
		ins("fsd %s, %ld(s10)\t# log %ld", fname[rec_f[i]], log_off, (log_total + log_off) / 8);
		log_off += 8;
	}
	if (room && rec_fp && chance(40)) {
		int t = xdst_nz();
		/* read the accumulated flags, sometimes clearing them so each op's flags show */
		if (chance(50))
			ins("frflags %s", xname[t]);
		else
			ins("fsflags %s, zero", xname[t]);
		ins("sd %s, %ld(s10)\t# log %ld (fflags)", xname[t], log_off, (log_total + log_off) / 8);
		log_off += 8;
	}
	n_rec_x = n_rec_f = rec_fp = 0;
	insn_count = counted;
}

/* Top level only: move s10 on before the 12-bit displacement runs out. */
static void log_bump(void)
{
	if (log_off > 1800) {
		ins("addi s10, s10, %ld", log_off);
		insn_count--;
		log_total += log_off;
		log_off = 0;
	}
}


/* ---- value pools ---- */

static const uint64_t x_edges[] = {
	0, 1, 2, 3, 0xffffffffffffffffull, 0xfffffffffffffffeull, 0x7fffffffffffffffull,
	0x8000000000000000ull, 0x8000000000000001ull, 0x80000000ull, 0x7fffffffull, 0xffffffffull,
	0xffffffff80000000ull, 0xffffffff7fffffffull, 0x100000000ull, 0x00000000ffff8000ull, 63, 64,
	31, 32, 0x8000, 0xffff, 0x7fff, 0x80, 0xff, 0x7f, 0x0101010101010101ull,
	0x8080808080808080ull, 0x00ff00ff00ff00ffull, 0xff00000000000000ull, 0xfffffffffffff800ull,
	0x7ff, 0x800, 0x1234567887654321ull,
};

static uint64_t xvalue(void)
{
	switch (below(8)) {
	case 0: case 1: case 2:
		return PICK(x_edges);
	case 3:
		return (uint64_t)range(-20, 20);
	case 4:
		return (uint64_t)(int64_t)(int32_t)rnd();
	case 5:
		return (uint32_t)rnd();
	default:
		return rnd();
	}
}

static const uint64_t d_edges[] = {
	0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
	0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull, 0x7ff4000000000000ull,
	0xfff4000000000123ull, 0x7ffc000000000123ull, 0x0000000000000001ull, 0x8000000000000001ull,
	0x000fffffffffffffull, 0x800fffffffffffffull, 0x0010000000000000ull, 0x0008000000000000ull,
	0x7fefffffffffffffull, 0xffefffffffffffffull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
	0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull,
	0xc004000000000000ull, 0x400c000000000000ull, 0x41dfffffffc00000ull, 0x41dfffffffe00000ull,
	0x41e0000000000000ull, 0xc1e0000000000000ull, 0xc1e0000000200000ull, 0xc1e0000000100000ull,
	0x41efffffffe00000ull, 0x41efffffffffffffull, 0x41f0000000000000ull, 0x43e0000000000000ull,
	0xc3e0000000000000ull, 0x43dfffffffffffffull, 0xc3e0000000000001ull, 0x43f0000000000000ull,
	0x43efffffffffffffull, 0x3ff0000000000001ull, 0x3fefffffffffffffull, 0x4330000000000000ull,
	0x4330000000000001ull, 0x3ca0000000000000ull, 0x36a0000000000000ull, 0x47efffffe0000000ull,
	0x47effffff0000000ull, 0x3810000000000000ull, 0x380fffffffffffffull, 0x3690000000000000ull,
};

static const uint32_t s_edges[] = {
	0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001,
	0x7fa00000, 0xffa00123, 0x7fc00123, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff,
	0x00800000, 0x00400000, 0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000, 0x3f000000,
	0xbf000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x40600000, 0x4effffff, 0x4f000000,
	0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0x5f000000, 0xdf000000, 0x5effffff,
	0xdf000001, 0x5f800000, 0x5f7fffff, 0x3f800001, 0x3f7fffff, 0x4b000000, 0x4b000001,
	0x33800000, 0x0c000000, 0x72800000,
};

static uint32_t single_value(void)
{
	if (chance(50))
		return PICK(s_edges);
	/* random sign, clustered exponent, random or structured mantissa */
	uint32_t sign = (uint32_t)below(2) << 31;
	static const uint32_t exps[] = { 0, 1, 2, 0x7e, 0x7f, 0x80, 0x9d, 0x9e, 0xbe, 0xbf, 0xfd, 0xfe, 0xff };
	uint32_t exp = chance(60) ? PICK(exps) : (uint32_t)below(256);
	static const uint32_t mants[] = { 0, 1, 0x7fffff, 0x400000, 0x3fffff, 0x000100 };
	uint32_t mant = chance(40) ? PICK(mants) : (uint32_t)(rnd() & 0x7fffff);
	return sign | exp << 23 | mant;
}

static uint64_t double_value(void)
{
	if (chance(45))
		return PICK(d_edges);
	uint64_t sign = below(2) << 63;
	static const uint64_t exps[] = { 0, 1, 2, 0x3fe, 0x3ff, 0x400, 0x41d, 0x41e, 0x41f, 0x43d,
					 0x43e, 0x43f, 0x7fe, 0x7ff, 0x380, 0x36a, 0x47f };
	uint64_t exp = chance(60) ? PICK(exps) : below(2048);
	static const uint64_t mants[] = { 0, 1, 0xfffffffffffffull, 0x8000000000000ull,
					  0x7ffffffffffffull, 0xfffffe0000000ull, 0x10000000ull };
	uint64_t mant = chance(40) ? PICK(mants) : (rnd() & 0xfffffffffffffull);
	return sign | exp << 52 | mant;
}

/* A 64-bit f-register pattern: boxed singles, improperly boxed singles, doubles, raw bits. */
static uint64_t fvalue(void)
{
	unsigned k = (unsigned)below(100);
	if (k < 40)
		return 0xffffffff00000000ull | single_value();
	if (k < 47) {
		static const uint64_t bad_upper[] = { 0, 0x7fffffff, 0xfffffffe, 0x80000000, 0xffff };
		uint64_t upper = chance(50) ? PICK(bad_upper) : (rnd() >> 32);
		if (upper == 0xffffffffull)
			upper = 0;
		return upper << 32 | single_value();
	}
	if (k < 93)
		return double_value();
	return rnd();
}

static const char *const rm_names[] = { "rne", "rtz", "rdn", "rup", "rmm" };

/* Static rounding-mode suffix (", rtz") or "" for dynamic (frm). */
static const char *rm_suffix(void)
{
	static char buf[8];
	if (chance(40))
		return "";
	snprintf(buf, sizeof(buf), ", %s", PICK(rm_names));
	return buf;
}

static void emit_li(int rd, uint64_t v)
{
	ins("li %s, %" PRId64, xname[rd], (int64_t)v);
}

/* ---- integer items ---- */

static void item_alu_r(void)
{
	static const char *const ops[] = {
		"add", "sub", "sll", "srl", "sra", "slt", "sltu", "xor", "or", "and",
		"addw", "subw", "sllw", "srlw", "sraw",
	};
	const char *op = PICK(ops);
	if (chance(35)) {
		/* rd == rs1 in x8..x15: compressible forms (c.add/c.sub/c.and/c.addw/...) */
		int rd = rx(xdst_c());
		ins("%s %s, %s, %s", op, xname[rd], xname[rd], xname[chance(70) ? xsrc_c() : xsrc()]);
		return;
	}
	ins("%s %s, %s, %s", op, xname[rx(xdst())], xname[xsrc()], xname[xsrc()]);
}

static int64_t imm12(void)
{
	static const int64_t edges[] = { 0, 1, -1, 2047, -2048, 2046, -2047, 31, -32, 32, 0x7ff, 0x400 };
	if (chance(35))
		return PICK(edges);
	if (chance(40))
		return range(-32, 31);
	return range(-2048, 2047);
}

static void item_alu_i(void)
{
	static const char *const ops[] = { "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw" };
	static const char *const sh64[] = { "slli", "srli", "srai" };
	static const char *const sh32[] = { "slliw", "srliw", "sraiw" };
	int rd = rx(chance(35) ? xdst_c() : xdst());
	int rs = chance(40) ? rd : xsrc();
	switch (below(4)) {
	case 0: case 1:
		ins("%s %s, %s, %" PRId64, PICK(ops), xname[rd], xname[rs], imm12());
		break;
	case 2: {
		static const int edges[] = { 0, 1, 31, 32, 63 };
		ins("%s %s, %s, %d", PICK(sh64), xname[rd], xname[rs],
		    chance(40) ? PICK(edges) : (int)below(64));
		break;
	}
	default: {
		static const int edges[] = { 0, 1, 31 };
		ins("%s %s, %s, %d", PICK(sh32), xname[rd], xname[rs],
		    chance(40) ? PICK(edges) : (int)below(32));
		break;
	}
	}
}

static uint32_t imm20(void)
{
	static const uint32_t edges[] = { 0, 1, 0x80000, 0x7ffff, 0xfffff, 0xfffe0, 31, 0x12345 };
	if (chance(40))
		return PICK(edges);
	if (chance(30))
		return (uint32_t)range(1, 31); /* c.lui range */
	return (uint32_t)below(1u << 20);
}

static void item_upper(void)
{
	int rd = rx(chance(70) ? xdst_nz() : xdst());
	ins("%s %s, 0x%x", chance(60) ? "lui" : "auipc", xname[rd], imm20());
}

static void item_li(void)
{
	ins("li %s, %" PRId64, xname[rx(xdst())], (int64_t)xvalue());
}

static void item_misc_small(void)
{
	switch (below(6)) {
	case 5: {
		static const char *const fences[] = { "fence", "fence rw, rw", "fence.tso", "fence r, w",
						      ".insn i 0x0f, 0, x0, x0, 0x010\t# pause" };
		ins("%s", PICK(fences));
		break;
	}
	case 0:
		ins("nop");
		break;
	case 1:
		ins("mv %s, %s", xname[rx(xdst())], xname[xsrc()]);
		break;
	case 2: {
		int rd = rx(xdst_nz());
		ins("li %s, %d", xname[rd], (int)range(-32, 31)); /* c.li */
		break;
	}
	case 3:
		ins("addi %s, sp, %d", xname[rx(xdst_c())], (int)(4 * range(1, 255))); /* c.addi4spn */
		break;
	default: {
		int rd = rx(xdst());
		static const char *const ps[] = { "neg", "negw", "not", "seqz", "snez", "sltz", "sgtz",
						   "sext.w" };
		ins("%s %s, %s", PICK(ps), xname[rd], xname[xsrc()]);
		break;
	}
	}
}

/* M extension, with operands biased towards 0, -1 and the minimum integers. */
static void item_muldiv(void)
{
	static const char *const ops[] = {
		"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
		"mulw", "divw", "divuw", "remw", "remuw",
	};
	static const uint64_t special[] = {
		0, 0xffffffffffffffffull, 0x8000000000000000ull, 0xffffffff80000000ull, 0x80000000ull,
		1, 0x7fffffffffffffffull, 0x7fffffffull, 0xffffffffull, 0x100000000ull, 2,
	};
	int rs1 = xsrc(), rs2 = xsrc();
	if (chance(30) && writable(rs1))
		emit_li(rs1, PICK(special));
	if (chance(35) && writable(rs2))
		emit_li(rs2, PICK(special));
	int rd = chance(20) ? rs1 : xdst();
	if (rd != 0 && !writable(rd))
		rd = xdst();
	rx(rd);
	ins("%s %s, %s, %s", PICK(ops), xname[rd], xname[rs1], xname[rs2]);
}

/* ctzw. Debian 12's qemu 7.2 gets ctzw wrong when the low 32 bits are zero and the high bits
 * are not (it returns the 64-bit trailing-zero count, e.g. 63 for 0x8000000000000000; the spec
 * says 32). The oracle build computes ctzw(x) = ctz(x << 32) - 32, exact for every x, in 12
 * bytes; the crossrun build pads ctzw with two 4-byte nops so every address stays identical. */
static void emit_ctzw(int rd, int rs)
{
	emit("\t.option push\n\t.option norvc");
	if (oracle_mode) {
		ins("slli %s, %s, 32\t# oracle for ctzw (qemu 7.2 bug)", xname[rd], xname[rs]);
		ins("ctz %s, %s", xname[rd], xname[rd]);
		ins("addi %s, %s, -32", xname[rd], xname[rd]);
	} else {
		ins("ctzw %s, %s", xname[rd], xname[rs]);
		ins("nop");
		ins("nop");
	}
	emit("\t.option pop");
}

static void item_bitmanip(void)
{
	static const char *const r_ops[] = {
		"add.uw", "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw",
		"andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "rolw", "ror", "rorw",
		"bclr", "bext", "binv", "bset",
	};
	static const char *const u_ops[] = {
		"clz", "clzw", "ctz", "ctzw", "cpop", "cpopw", "sext.b", "sext.h", "zext.h", "orc.b",
		"rev8", "zext.w",
	};
	static const char *const i64_ops[] = { "slli.uw", "rori", "bclri", "bexti", "binvi", "bseti" };
	int rd = rx(xdst());
	switch (below(5)) {
	case 0: case 1:
		ins("%s %s, %s, %s", PICK(r_ops), xname[rd], xname[xsrc()], xname[xsrc()]);
		break;
	case 2: {
		int rs = xsrc();
		if (chance(25) && writable(rs)) {
			static const uint64_t v[] = { 0, 1, 0x8000000000000000ull, 0xffffffffffffffffull,
						      0x80000000ull, 0x100000000ull, 0xffff0000ull };
			emit_li(rs, PICK(v));
		}
		const char *op = PICK(u_ops);
		if (!strcmp(op, "ctzw"))
			emit_ctzw(rd, rs);
		else
			ins("%s %s, %s", op, xname[rd], xname[rs]);
		break;
	}
	case 3:
		ins("%s %s, %s, %d", PICK(i64_ops), xname[rd], xname[xsrc()],
		    chance(30) ? (int)PICK(((int[]){ 0, 31, 32, 63 })) : (int)below(64));
		break;
	default:
		ins("roriw %s, %s, %d", xname[rd], xname[xsrc()], (int)below(32));
		break;
	}
}

/* Zicond: czero.eqz (funct3 5) / czero.nez (funct3 7), OP opcode, funct7 0000111. The oracle
 * build uses vt.maskc (funct3 6) / vt.maskcn (funct3 7) on custom-3: identical semantics. */
static void item_zicond(void)
{
	int rd = rx(xdst()), rs1 = xsrc(), rs2 = xsrc();
	int nez = (int)below(2);
	if (chance(30) && writable(rs2))
		emit_li(rs2, chance(50) ? 0 : xvalue());
	if (oracle_mode)
		ins(".insn r 0x7b, %d, 0, %s, %s, %s\t# vt.maskc%s (oracle for czero.%s)", nez ? 7 : 6,
		    xname[rd], xname[rs1], xname[rs2], nez ? "n" : "", nez ? "nez" : "eqz");
	else
		ins(".insn r 0x33, %d, 7, %s, %s, %s\t# czero.%s", nez ? 7 : 5, xname[rd],
		    xname[rs1], xname[rs2], nez ? "nez" : "eqz");
}

/* ---- memory ---- */

/* Emits code leaving a scratch address in a register and returns that register; *imm receives
 * the displacement to use. size is the access size; aligned forces natural alignment;
 * allow_imm = 0 requires displacement 0 (AMO, LR/SC). compress prefers x8..x15 bases and small
 * scaled displacements so the assembler picks c.lw/c.ld/c.sw/c.sd/c.fld/c.fsd. */
static int emit_address(int size, int aligned, int allow_imm, int *imm)
{
	*imm = 0;
	unsigned mode = (unsigned)below(100);
	if (allow_imm && mode < 15) {
		/* sp-relative: c.lwsp/c.ldsp/c.swsp/c.sdsp when scaled and small */
		if (chance(75))
			*imm = size * (int)below(64); /* c.ldsp: 0..504, c.lwsp: 0..252 */
		else
			*imm = (int)range(-2048, 2047 - 8);
		if (aligned)
			*imm &= -size;
		return REG_SP;
	}
	if (!allow_imm && mode < 5)
		return REG_SP; /* sp is 16-aligned */
	int compress = allow_imm && chance(45);
	int t = compress ? xdst_c() : xdst_nz();
	if (t == 0)
		t = xdst_nz();
	if (mode < 25) {
		/* a fixed offset that may straddle a page boundary inside the scratch area */
		int64_t page = 4096 * range(1, 16);
		int64_t addr = page - (int64_t)below((uint64_t)size > 1 ? (uint64_t)size : 1) - DUMP_S11_BIAS;
		if (aligned)
			addr &= -(int64_t)size;
		if (allow_imm && chance(50))
			*imm = (int)range(-64, 64);
		ins("li %s, %" PRId64, xname[t], addr - *imm);
		ins("add %s, %s, s11", xname[t], xname[t]);
		return t;
	}
	int rs = xsrc();
	static const int widths[] = { 3, 6, 8, 10, 11, 12, 16 };
	int k = PICK(widths);
	if (k <= 11 && chance(60)) {
		int64_t mask = (1 << k) - 1;
		if (aligned)
			mask &= -(int64_t)size;
		ins("andi %s, %s, %" PRId64, xname[t], xname[rs], mask);
	} else {
		if (k == 16 && chance(40))
			ins("zext.h %s, %s", xname[t], xname[rs]);
		else {
			ins("slli %s, %s, %d", xname[t], xname[rs], 64 - k);
			ins("srli %s, %s, %d", xname[t], xname[t], 64 - k);
		}
		if (aligned && size > 1)
			ins("andi %s, %s, %d", xname[t], xname[t], -size);
	}
	ins("add %s, %s, s11", xname[t], xname[t]);
	if (allow_imm) {
		if (compress)
			*imm = size * (int)below(32);
		else if (chance(50))
			*imm = (int)range(-2048, 2047 - 8);
		else
			*imm = (int)range(-40, 40);
		if (aligned)
			*imm &= -size;
	}
	return t;
}

static const int load_sizes[] = { 1, 2, 4, 8, 1, 2, 4 };

static void item_load(void)
{
	static const char *const names[] = { "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu" };
	int which = (int)below(ARRAY_SIZE(names));
	int size = load_sizes[which];
	int imm;
	int base = emit_address(size, chance(65), 1, &imm);
	int rd = (base >= 8 && base <= 15 && chance(50)) ? xdst_c() : xdst();
	if (chance(15) && writable(base))
		rd = base; /* load overwriting its own base register */
	rx(rd);
	ins("%s %s, %d(%s)", names[which], xname[rd], imm, xname[base]);
}

static void item_store(void)
{
	static const char *const names[] = { "sb", "sh", "sw", "sd" };
	int which = (int)below(4);
	int size = 1 << which;
	int imm;
	int base = emit_address(size, chance(65), 1, &imm);
	int rs = chance(40) ? xsrc_c() : xsrc();
	ins("%s %s, %d(%s)", names[which], xname[rs], imm, xname[base]);
}

static void item_fload_store(void)
{
	int dbl = (int)below(2);
	int size = dbl ? 8 : 4;
	int imm;
	int base = emit_address(size, chance(70), 1, &imm);
	int f = (base >= 8 && base <= 15 && chance(50)) ? fsel_c() : fsel();
	if (chance(50))
		ins("%s %s, %d(%s)", dbl ? "fld" : "flw", fname[rf(f)], imm, xname[base]);
	else
		ins("%s %s, %d(%s)", dbl ? "fsd" : "fsw", fname[f], imm, xname[base]);
}

static const char *const ordering[] = { "", ".aq", ".rl", ".aqrl" };

static void item_amo(void)
{
	static const char *const ops[] = { "amoswap", "amoadd", "amoxor", "amoand", "amoor",
					   "amomin", "amomax", "amominu", "amomaxu" };
	int dbl = (int)below(2);
	int imm;
	int base = emit_address(dbl ? 8 : 4, 1, 0, &imm);
	ins("%s.%s%s %s, %s, (%s)", PICK(ops), dbl ? "d" : "w", PICK(ordering), xname[rx(xdst())],
	    xname[xsrc()], xname[base]);
}

static void gen_simple_item(void);

/* LR/SC: same address (succeeds), a different address (must fail), or SC with no reservation
 * (must fail: every SC clears the reservation, and each LR here is followed by its SC). */
static void item_lrsc(void)
{
	int dbl = (int)below(2);
	const char *sz = dbl ? "d" : "w";
	int imm;
	int base = emit_address(dbl ? 8 : 4, 1, 0, &imm);
	unsigned kind = (unsigned)below(10);
	uint32_t saved = forbid_mask;
	if (base != REG_SP)
		forbid_mask |= 1u << base;
	if (kind < 8) {
		ins("lr.%s%s %s, (%s)", sz, PICK(ordering), xname[rx(xdst())], xname[base]);
		int n = (int)below(3);
		for (int i = 0; i < n; i++)
			item_alu_r(); /* register-only work inside the LR/SC window */
	}
	int sc_base = base;
	if (kind == 7) {
		sc_base = xdst_nz();
		ins("addi %s, %s, %d", xname[sc_base], xname[base], (int)(64 * range(1, 31)));
	}
	ins("sc.%s%s %s, %s, (%s)", sz, PICK(ordering), xname[rx(xdst())], xname[xsrc()], xname[sc_base]);
	forbid_mask = saved;
}

/* ---- floating point ---- */

static void item_fp_arith(void)
{
	static const char *const ops[] = { "fadd", "fsub", "fmul", "fdiv" };
	const char *p = chance(50) ? "s" : "d";
	int rd = rfp(chance(30) ? fsel_c() : fsel());
	ins("%s.%s %s, %s, %s%s", PICK(ops), p, fname[rd], fname[fsel()], fname[fsel()], rm_suffix());
}

static void item_fp_fma(void)
{
	static const char *const ops[] = { "fmadd", "fmsub", "fnmadd", "fnmsub" };
	const char *p = chance(50) ? "s" : "d";
	ins("%s.%s %s, %s, %s, %s%s", PICK(ops), p, fname[rfp(fsel())], fname[fsel()], fname[fsel()],
	    fname[fsel()], rm_suffix());
}

static void item_fp_sqrt(void)
{
	const char *p = chance(50) ? "s" : "d";
	ins("fsqrt.%s %s, %s%s", p, fname[rfp(fsel())], fname[fsel()], rm_suffix());
}

static void item_fp_minmax_sgnj(void)
{
	static const char *const ops[] = { "fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx" };
	const char *p = chance(50) ? "s" : "d";
	int rs1 = fsel();
	ins("%s.%s %s, %s, %s", PICK(ops), p, fname[rfp(fsel())], fname[rs1], fname[chance(15) ? rs1 : fsel()]);
}

static void item_fp_cmp_class(void)
{
	const char *p = chance(50) ? "s" : "d";
	if (chance(25)) {
		ins("fclass.%s %s, %s", p, xname[rx(xdst())], fname[fsel()]);
		return;
	}
	static const char *const ops[] = { "feq", "flt", "fle" };
	int rs1 = fsel();
	ins("%s.%s %s, %s, %s", PICK(ops), p, xname[rxp(xdst())], fname[rs1], fname[chance(15) ? rs1 : fsel()]);
}

static void item_fp_cvt(void)
{
	static const char *const ints[] = { "w", "wu", "l", "lu" };
	const char *p = chance(50) ? "s" : "d";
	const char *i = PICK(ints);
	switch (below(5)) {
	case 0: case 1:
		ins("fcvt.%s.%s %s, %s%s", i, p, xname[rxp(xdst())], fname[fsel()], rm_suffix());
		break;
	case 2: {
		int rs = xsrc();
		if (chance(30) && writable(rs))
			emit_li(rs, xvalue());
		/* fcvt.d.w/d.wu are exact: binutils refuses a rounding mode there */
		int exact = p[0] == 'd' && i[0] == 'w';
		ins("fcvt.%s.%s %s, %s%s", p, i, fname[rfp(fsel())], xname[rs], exact ? "" : rm_suffix());
		break;
	}
	case 3:
		if (chance(50))
			ins("fcvt.s.d %s, %s%s", fname[rfp(fsel())], fname[fsel()], rm_suffix());
		else
			ins("fcvt.d.s %s, %s", fname[rfp(fsel())], fname[fsel()]);
		break;
	default: {
		/* exact widening conversions with an explicit static rm: legal encodings binutils
		 * 2.40 will not write, so use .insn. funct7 0x69 = fcvt.d.{w,wu}, 0x21 = fcvt.d.s */
		int rm = (int)below(5);
		if (chance(60))
			ins(".insn r 0x53, %d, 0x69, %s, %s, %s\t# fcvt.d.%s rm=%s", rm, fname[rfp(fsel())],
			    xname[xsrc()], chance(50) ? "x0" : "x1", "w/wu", rm_names[rm]);
		else
			ins(".insn r 0x53, %d, 0x21, %s, %s, x0\t# fcvt.d.s rm=%s", rm, fname[rfp(fsel())],
			    fname[fsel()], rm_names[rm]);
		break;
	}
	}
}

static void item_fp_move(void)
{
	switch (below(4)) {
	case 0:
		ins("fmv.x.w %s, %s", xname[rx(xdst())], fname[fsel()]);
		break;
	case 1:
		ins("fmv.x.d %s, %s", xname[rx(xdst())], fname[fsel()]);
		break;
	case 2:
		ins("fmv.w.x %s, %s", fname[rf(fsel())], xname[xsrc()]);
		break;
	default:
		ins("fmv.d.x %s, %s", fname[rf(fsel())], xname[xsrc()]);
		break;
	}
}

/* Re-seed an f register with an edge pattern so edge values survive long programs. */
static void item_fp_inject(void)
{
	int t = xdst_nz();
	uint64_t v = fvalue();
	emit_li(t, v);
	if (chance(30) && (v >> 32) == 0xffffffffull)
		ins("fmv.w.x %s, %s", fname[rf(fsel())], xname[t]);
	else
		ins("fmv.d.x %s, %s", fname[rf(fsel())], xname[t]);
}

/* fcsr/frm/fflags accesses; frm is only ever given 0..4 (5..7 would make dynamic-rm ops trap). */
static void item_fcsr(void)
{
	switch (below(10)) {
	case 0:
		ins("fsrmi %s, %d", xname[rx(xdst())], (int)below(5));
		break;
	case 1:
		ins("fsflagsi %s, %d", xname[rx(xdst())], (int)below(32));
		break;
	case 2:
		ins("frflags %s", xname[rx(xdst())]);
		break;
	case 3:
		ins("frcsr %s", xname[rx(xdst())]);
		break;
	case 4:
		ins("frrm %s", xname[rx(xdst())]);
		break;
	case 5:
		ins("fsflags %s, %s", xname[rx(xdst())], xname[xsrc()]);
		break;
	case 6: {
		int t = xdst_nz();
		ins("andi %s, %s, 0x7f", xname[t], xname[xsrc()]); /* frm 0..3, any flags */
		ins("fscsr %s, %s", xname[rx(xdst())], xname[t]);
		break;
	}
	case 7: {
		int t = xdst_nz();
		ins("andi %s, %s, 3", xname[t], xname[xsrc()]);
		ins("fsrm %s, %s", xname[rx(xdst())], xname[t]);
		break;
	}
	case 8:
		/* clearing bits keeps frm valid; setting bits only in fflags */
		ins("csrrc %s, %s, %s", xname[rx(xdst())], chance(50) ? "fcsr" : "frm", xname[xsrc()]);
		break;
	default:
		ins("csrrsi %s, fcsr, %d", xname[rx(xdst())], (int)below(32));
		break;
	}
}

/* ---- control flow ---- */

static void gen_body(int n)
{
	for (int i = 0; i < n; i++)
		gen_simple_item();
}

static void item_branch(void)
{
	static const char *const conds[] = { "beq", "bne", "blt", "bge", "bltu", "bgeu",
					     "bgt", "ble", "bgtu", "bleu" };
	unsigned l = new_label();
	switch (below(4)) {
	case 0: {
		int rs = chance(60) ? xsrc_c() : xsrc();
		ins("%s %s, .Lb%u", chance(50) ? "beqz" : "bnez", xname[rs], l); /* c.beqz/c.bnez */
		break;
	}
	case 1:
		if (chance(30))
			ins("j .Lb%u", l); /* c.j */
		else {
			int rs = xsrc();
			ins("%s %s, %s, .Lb%u", PICK(conds), xname[rs], xname[rs], l); /* rs1 == rs2 */
		}
		break;
	default:
		ins("%s %s, %s, .Lb%u", PICK(conds), xname[xsrc()], xname[xsrc()], l);
		break;
	}
	gen_body((int)range(1, 4));
	emit(".Lb%u:", l);
}

static void item_loop(void)
{
	unsigned l = new_label();
	int cnt = xdst_nz();
	uint32_t saved = forbid_mask;
	forbid_mask |= 1u << cnt;
	ins("li %s, %d", xname[cnt], chance(20) ? (int)range(20, 200) : (int)range(1, 5)); /* hot loops too */
	emit(".Ll%u:", l);
	gen_body((int)range(1, 6));
	ins("addi %s, %s, -1", xname[cnt], xname[cnt]);
	if (chance(50))
		ins("bnez %s, .Ll%u", xname[cnt], l);
	else
		ins("blt zero, %s, .Ll%u", xname[cnt], l);
	forbid_mask = saved;
}

static void item_call(void)
{
	unsigned l = new_label();
	int link = chance(60) ? 1 : xdst_nz();
	uint32_t saved = forbid_mask;
	forbid_mask |= 1u << link;
	ins("jal %s, .Lf%u", xname[link], l);
	ins("j .La%u", l);
	emit(".Lf%u:", l);
	gen_body((int)range(1, 4));
	if (chance(50))
		ins("jr %s", xname[link]); /* c.jr */
	else
		ins("jalr %s, 0(%s)", xname[xdst()], xname[link]);
	emit(".La%u:", l);
	forbid_mask = saved;
}

/* Indirect jump forward over a few instructions; link register may equal the target register,
 * and the target may carry bit 0 set (jalr clears it). */
static void item_jalr(void)
{
	unsigned l = new_label();
	int t = xdst_nz();
	int bias = (int)PICK(((int[]){ 0, 0, 1, -12, 8, 2047, -2048 }));
	ins("lla %s, .Lj%u%+d", xname[t], l, -bias + (chance(20) ? 1 : 0));
	int rd = chance(25) ? t : (chance(50) ? 1 : xdst());
	if (bias == 0 && rd == 1 && chance(60))
		ins("jalr %s", xname[t]); /* c.jalr */
	else if (bias == 0 && rd == 0 && chance(60))
		ins("jr %s", xname[t]); /* c.jr */
	else
		ins("jalr %s, %d(%s)", xname[rd], bias, xname[t]);
	gen_body((int)range(1, 3));
	emit(".Lj%u:", l);
}

/* c.addi16sp pair: sp changes and is restored before anything else runs. */
static void item_sp_adjust(void)
{
	int d = 16 * (int)range(-32, 31);
	if (d == 0)
		d = 16;
	ins("addi sp, sp, %d", d);
	ins("addi sp, sp, %d", -d);
}

/* A 4-byte instruction straddling a code page boundary, reached by a jump. */
static void item_page_cross(void)
{
	unsigned l = new_label();
	ins("j .Lp%u", l);
	emit("\t.option push\n\t.option norvc\n\t.balign 4096\n\t.skip 4094");
	emit(".Lp%u:", l);
	item_alu_r();
	emit("\t.option pop");
}

/* ---- item selection ---- */

struct weighted {
	unsigned weight;
	void (*fn)(void);
};

static const struct weighted simple_items[] = {
	{ 14, item_alu_r }, { 12, item_alu_i }, { 3, item_upper }, { 3, item_li },
	{ 3, item_misc_small }, { 8, item_muldiv }, { 8, item_bitmanip }, { 2, item_zicond },
	{ 7, item_load }, { 6, item_store }, { 4, item_fload_store }, { 3, item_amo },
	{ 6, item_fp_arith }, { 3, item_fp_fma }, { 2, item_fp_sqrt }, { 3, item_fp_minmax_sgnj },
	{ 3, item_fp_cmp_class }, { 6, item_fp_cvt }, { 3, item_fp_move }, { 3, item_fp_inject },
	{ 2, item_fcsr },
};

static const struct weighted top_items[] = {
	{ 130, gen_simple_item }, { 2, item_lrsc }, { 5, item_branch }, { 1, item_loop },
	{ 1, item_call }, { 1, item_jalr }, { 1, item_sp_adjust },
};

static void pick_weighted(const struct weighted *w, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i].weight;
	unsigned r = (unsigned)below(total);
	for (size_t i = 0; i < n; i++) {
		if (r < w[i].weight) {
			w[i].fn();
			return;
		}
		r -= w[i].weight;
	}
}

static void gen_simple_item(void)
{
	pick_weighted(simple_items, ARRAY_SIZE(simple_items));
	log_results();
}

/* ---- program skeleton ---- */

static void emit_prologue(uint64_t seed, const uint64_t xinit[32], const uint64_t finit[32],
			  uint64_t fcsr, uint64_t fill_state)
{
	emit("# crossrun differential test program, seed %" PRIu64 "%s", seed,
	     oracle_mode ? " (oracle encoding)" : "");
	emit("\t.option norelax");
	emit("\t.section .bss");
	emit("\t.balign 4096");
	emit("diff_dump:\t.skip %d", DUMP_REGPAGE);
	emit("diff_scratch:\t.skip %d", DUMP_SCRATCH);
	emit("diff_log:\t.skip %d", DUMP_LOG);
	emit("\t.section .data");
	emit("\t.balign 8");
	emit("diff_init:");
	for (int i = 0; i < 32; i++)
		emit("\t.dword 0x%016" PRIx64 "\t# %s", xinit[i], xname[i]);
	for (int i = 0; i < 32; i++)
		emit("\t.dword 0x%016" PRIx64 "\t# %s", finit[i], fname[i]);
	emit("\t.dword 0x%016" PRIx64 "\t# fcsr", fcsr);
	emit("\t.text");
	emit("\t.globl _start");
	emit("_start:");
	emit("\t.option push\n\t.option norvc");
	/* fill the scratch area with xorshift64 */
	emit("\tlla t0, diff_scratch");
	emit("\tli t1, %d", DUMP_SCRATCH / 8);
	emit("\tli t2, %" PRId64, (int64_t)fill_state);
	emit("1:\tslli t3, t2, 13\n\txor t2, t2, t3\n\tsrli t3, t2, 7\n\txor t2, t2, t3");
	emit("\tslli t3, t2, 17\n\txor t2, t2, t3");
	emit("\tsd t2, 0(t0)\n\taddi t0, t0, 8\n\taddi t1, t1, -1\n\tbnez t1, 1b");
	/* registers from the table */
	emit("\tlla s11, diff_init");
	emit("\tld t0, %d(s11)\n\tfscsr t0", 64 * 8);
	for (int i = 0; i < 32; i++)
		emit("\tfld %s, %d(s11)", fname[i], 256 + 8 * i);
	for (int i = 1; i < 32; i++)
		if (i != REG_SP && i != REG_S11)
			emit("\tld %s, %d(s11)", xname[i], 8 * i);
	emit("\tlla sp, diff_scratch+%d", DUMP_SP_BIAS);
	emit("\tlla s10, diff_log");
	emit("\tlla s11, diff_scratch+%d", DUMP_S11_BIAS);
	emit("\t.option pop");
	emit("# begin random code");
}

static void emit_epilogue(void)
{
	emit("# end items");
	emit("\t.option norvc");
	/* s11 -> register page: scratch + 2048 - 4096 - 2048 */
	emit("\taddi s11, s11, -2048\n\taddi s11, s11, -2048\n\taddi s11, s11, -2048");
	for (int i = 0; i < 32; i++)
		emit("\tsd %s, %d(s11)", xname[i], DUMP_X_OFF + 8 * i);
	/* x27 (s11) is stored with its dump-time value; store its random-code value instead */
	emit("\tlla t0, diff_scratch+%d", DUMP_S11_BIAS);
	emit("\tsd t0, %d(s11)", DUMP_X_OFF + 8 * REG_S11);
	for (int i = 0; i < 32; i++)
		emit("\tfsd %s, %d(s11)", fname[i], DUMP_F_OFF + 8 * i);
	emit("\tfrcsr t0\n\tsd t0, %d(s11)", DUMP_FCSR_OFF);
	emit("\tli t0, %" PRId64 "\n\tsd t0, %d(s11)", (int64_t)DUMP_MAGIC, DUMP_MAGIC_OFF);
	emit("\tmv a1, s11\n\tli a2, %d", DUMP_TOTAL);
	emit("2:\tli a0, 1\n\tli a7, 64\n\tecall");
	emit("\tblez a0, 3f\n\tadd a1, a1, a0\n\tsub a2, a2, a0\n\tbnez a2, 2b");
	emit("\tli a0, 0\n\tli a7, 94\n\tecall");
	emit("3:\tli a0, 1\n\tli a7, 94\n\tecall");
}

static void usage(void)
{
	fprintf(stderr, "usage: gen [--oracle] [--items K] SEED NINSNS > prog.S\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long max_items = -1;
	int argi = 1;
	while (argi < argc && argv[argi][0] == '-' && argv[argi][1] == '-') {
		if (!strcmp(argv[argi], "--oracle"))
			oracle_mode = 1;
		else if (!strcmp(argv[argi], "--items") && argi + 1 < argc)
			max_items = strtol(argv[++argi], NULL, 0);
		else
			usage();
		argi++;
	}
	if (argc - argi != 2)
		usage();
	uint64_t seed = strtoull(argv[argi], NULL, 0);
	long ninsns = strtol(argv[argi + 1], NULL, 0);

	uint64_t sm = seed;
	for (int i = 0; i < 4; i++)
		rng_state[i] = splitmix64(&sm);

	uint64_t xinit[32], finit[32];
	for (int i = 0; i < 32; i++)
		xinit[i] = xvalue();
	xinit[0] = xinit[REG_SP] = xinit[REG_S11] = 0;
	for (int i = 0; i < 32; i++)
		finit[i] = fvalue();
	uint64_t fcsr = below(5) << 5 | below(32);
	uint64_t fill = rnd() | 1;

	emit_prologue(seed, xinit, finit, fcsr, fill);
	long items = 0;
	int page_crossed = 0;
	while (insn_count < ninsns && (max_items < 0 || items < max_items)) {
		items++;
		emit("# item %ld", items);
		if (chance(4))
			emit(chance(50) ? "\t.option norvc" : "\t.option rvc");
		if (!page_crossed && chance(1)) {
			page_crossed = 1;
			item_page_cross();
		} else {
			pick_weighted(top_items, ARRAY_SIZE(top_items));
		}
		log_results();
		log_bump();
	}
	long body_insns = insn_count;
	emit_epilogue();
	emit("# items: %ld", items);
	emit("# insns: %ld", body_insns);
	return 0;
}
