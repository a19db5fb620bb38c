/* Compares two state dumps written by differential-test programs (layout in dump_layout.h) and
 * names every difference: "reg a0", "freg fa1", "fcsr" (with frm/fflags), "magic" (program did
 * not reach its dump), "mem scratch+0x1a38" (8-byte little-endian words), "log slot N" (the Nth
 * result an item logged; gen.c marks each with a "# log N" comment), "size".
 *
 *   dumpcmp [--max N] [--expect-name A] [--actual-name B] EXPECTED ACTUAL
 *       prints up to N (default 20) differences as "<what> B=<actual> A=<expected>" and the total;
 *       exit 0 if identical, 1 if different, 2 on a usage or I/O error.
 *   dumpcmp --print DUMP
 *       prints all registers and fcsr of one dump (used for reproduction reports).
 *   dumpcmp --get NAME DUMP
 *       prints one register value (ABI or xN/fN name, or "fcsr") as 0x%016llx.
 * Invariant: every byte of both files is compared; nothing is masked or skipped. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump_layout.h"

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

struct dump {
	unsigned char *bytes;
	size_t size;
};

static int load_dump(const char *path, struct dump *d)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "dumpcmp: cannot open %s\n", path);
		return -1;
	}
	size_t cap = DUMP_TOTAL + 4096;
	d->bytes = calloc(1, cap);
	d->size = 0;
	if (!d->bytes) {
		fclose(f);
		return -1;
	}
	for (;;) {
		if (d->size == cap) {
			cap *= 2;
			unsigned char *n = realloc(d->bytes, cap);
			if (!n) {
				fclose(f);
				return -1;
			}
			d->bytes = n;
		}
		size_t got = fread(d->bytes + d->size, 1, cap - d->size, f);
		if (got == 0)
			break;
		d->size += got;
	}
	fclose(f);
	return 0;
}

/* 8-byte little-endian word at off, zero past the end of the data. */
static uint64_t word_at(const struct dump *d, size_t off)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | (off + (size_t)i < d->size ? d->bytes[off + (size_t)i] : 0);
	return v;
}

/* Human name of the 8-byte word at off. */
static void word_name(size_t off, char *buf, size_t len)
{
	if (off < DUMP_F_OFF)
		snprintf(buf, len, "reg %s", xname[(off - DUMP_X_OFF) / 8]);
	else if (off < DUMP_FCSR_OFF)
		snprintf(buf, len, "freg %s", fname[(off - DUMP_F_OFF) / 8]);
	else if (off == DUMP_FCSR_OFF)
		snprintf(buf, len, "fcsr");
	else if (off == DUMP_MAGIC_OFF)
		snprintf(buf, len, "magic(program did not reach its dump?)");
	else if (off < DUMP_REGPAGE)
		snprintf(buf, len, "regpage+0x%zx", off);
	else if (off < DUMP_REGPAGE + DUMP_SCRATCH)
		snprintf(buf, len, "mem scratch+0x%zx", off - DUMP_REGPAGE);
	else if (off < DUMP_TOTAL)
		snprintf(buf, len, "log slot %zu", (off - DUMP_REGPAGE - DUMP_SCRATCH) / 8);
	else
		snprintf(buf, len, "past-end+0x%zx", off - DUMP_TOTAL);
}

static int compare(const char *exp_path, const char *act_path, const char *exp_name,
		   const char *act_name, long max_report)
{
	struct dump e, a;
	if (load_dump(exp_path, &e) || load_dump(act_path, &a))
		return 2;
	long diffs = 0;
	if (e.size != a.size) {
		printf("size %s=%zu %s=%zu (expected %d)\n", act_name, a.size, exp_name, e.size,
		       DUMP_TOTAL);
		diffs++;
	}
	size_t n = e.size > a.size ? e.size : a.size;
	for (size_t off = 0; off < n; off += 8) {
		uint64_t ve = word_at(&e, off), va = word_at(&a, off);
		if (ve == va)
			continue;
		if (++diffs <= max_report) {
			char what[64];
			word_name(off, what, sizeof(what));
			printf("%s %s=0x%016" PRIx64 " %s=0x%016" PRIx64, what, act_name, va, exp_name, ve);
			if (off == DUMP_FCSR_OFF)
				printf(" (frm %" PRIu64 "/%" PRIu64 ", fflags 0x%02" PRIx64 "/0x%02" PRIx64 ")",
				       va >> 5 & 7, ve >> 5 & 7, va & 31, ve & 31);
			putchar('\n');
		}
	}
	if (diffs > max_report)
		printf("... %ld differences in all\n", diffs);
	free(e.bytes);
	free(a.bytes);
	return diffs ? 1 : 0;
}

static int print_dump(const char *path)
{
	struct dump d;
	if (load_dump(path, &d))
		return 2;
	for (int i = 0; i < 32; i++)
		printf("%-4s 0x%016" PRIx64 "%s", xname[i], word_at(&d, DUMP_X_OFF + 8u * i),
		       i % 4 == 3 ? "\n" : "  ");
	for (int i = 0; i < 32; i++)
		printf("%-4s 0x%016" PRIx64 "%s", fname[i], word_at(&d, DUMP_F_OFF + 8u * i),
		       i % 4 == 3 ? "\n" : "  ");
	uint64_t fcsr = word_at(&d, DUMP_FCSR_OFF);
	printf("fcsr 0x%02" PRIx64 " (frm %" PRIu64 ", fflags 0x%02" PRIx64 ")  magic %s  size %zu\n",
	       fcsr, fcsr >> 5 & 7, fcsr & 31, word_at(&d, DUMP_MAGIC_OFF) == DUMP_MAGIC ? "ok" : "MISSING",
	       d.size);
	free(d.bytes);
	return 0;
}

static int get_reg(const char *name, const char *path)
{
	long off = -1;
	for (int i = 0; i < 32; i++) {
		char alt[8];
		snprintf(alt, sizeof(alt), "x%d", i);
		if (!strcmp(name, xname[i]) || !strcmp(name, alt))
			off = DUMP_X_OFF + 8 * i;
		snprintf(alt, sizeof(alt), "f%d", i);
		if (!strcmp(name, fname[i]) || !strcmp(name, alt))
			off = DUMP_F_OFF + 8 * i;
	}
	if (!strcmp(name, "fp"))
		off = DUMP_X_OFF + 8 * 8;
	if (!strcmp(name, "fcsr"))
		off = DUMP_FCSR_OFF;
	if (off < 0) {
		fprintf(stderr, "dumpcmp: unknown register %s\n", name);
		return 2;
	}
	struct dump d;
	if (load_dump(path, &d))
		return 2;
	printf("0x%016" PRIx64 "\n", word_at(&d, (size_t)off));
	free(d.bytes);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: dumpcmp [--max N] [--expect-name A] [--actual-name B] EXPECTED ACTUAL\n"
			"       dumpcmp --print DUMP\n"
			"       dumpcmp --get REG DUMP\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *exp_name = "qemu", *act_name = "crossrun";
	long max_report = 20;
	int i = 1;
	if (argc == 3 && !strcmp(argv[1], "--print"))
		return print_dump(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--get"))
		return get_reg(argv[2], argv[3]);
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--max"))
			max_report = strtol(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--expect-name"))
			exp_name = argv[++i];
		else if (!strcmp(argv[i], "--actual-name"))
			act_name = argv[++i];
		else
			usage();
	}
	if (argc - i != 2)
		usage();
	return compare(argv[i], argv[i + 1], exp_name, act_name, max_report);
}
