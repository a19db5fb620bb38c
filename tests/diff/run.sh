#!/bin/sh
# Differential test: random riscv64 programs (tests/diff/gen.c) run under Debian's qemu-riscv64
# as the oracle and under crossrun with each engine; every x/f register, fcsr and the 72 KiB
# scratch area must match byte for byte.
#
#   tests/diff/run.sh ./crossrun [N_PROGRAMS] [N_INSNS]   default 200 x 300 (FULL=1: 2000 x 300)
#   tests/diff/run.sh ./crossrun --seed S [N_INSNS]        one seed, verbose, and for each engine
#                                                          that differs, the first differing item
#   tests/diff/run.sh --self-test [N_PROGRAMS] [N_INSNS]   qemu against itself (harness check)
#
# Environment: FULL=1 (2000 programs), DIFF_SEED0 (first seed, default 1), DIFF_ENGINES (default
# "jit interp"), DIFF_JOBS (parallel workers, default nproc), DIFF_TIMEOUT (seconds per run, 10).
# Output: one line per engine, "PASS diff.jit (200 programs, 60000 insns)" or
# "FAIL diff.jit: N mismatches, first: seed S reg a0 crossrun=... qemu=...", or
# "SKIP diff: ..." when a tool is missing. Failing programs are kept in build/diff/fail/.
# Exit status 1 if any engine failed.
#
# Zicond: Debian 12's qemu 7.2 has no Zicond, so the oracle binary is assembled with
# `gen --oracle`, which encodes czero.eqz/czero.nez as XVentanaCondOps vt.maskc/vt.maskcn (same
# semantics, same length, so every address and auipc value is identical) and qemu runs with
# -cpu rv64,xventanacondops=true. crossrun runs the binary with the real czero encodings.
set -u

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
root=$(cd "$(dirname "$0")/../.." && pwd)
bindir=$root/build/diff
CROSS_CC=${CROSS_CC:-riscv64-linux-gnu-gcc}
MARCH=rv64gc_zba_zbb_zbs
QEMU_CMD="qemu-riscv64 -cpu rv64,xventanacondops=true"
export CROSS_CC MARCH QEMU_CMD bindir

assemble() { # src.S out
	$CROSS_CC -nostdlib -static -Wl,--no-relax -march=$MARCH -o "$2" "$1"
}

# run_engine ENGINE DIR OUT: runs the program of DIR under ENGINE, stdout to OUT, stderr to
# OUT.err; prints nothing, returns the exit status.
run_engine() {
	case $1 in
	oracle | selftest) timeout "${DIFF_TIMEOUT:-10}" $QEMU_CMD "$2/oracle" >"$3" 2>"$3.err" ;;
	jit) timeout "${DIFF_TIMEOUT:-10}" "$CROSSRUN" "$2/prog" >"$3" 2>"$3.err" ;;
	interp) timeout "${DIFF_TIMEOUT:-10}" "$CROSSRUN" --engine=interp "$2/prog" >"$3" 2>"$3.err" ;;
	*) return 99 ;;
	esac
}

engine_label() {
	case $1 in selftest) echo qemu2 ;; *) echo crossrun ;; esac
}

# build_prog SEED NINSNS DIR [--items K]: generates and assembles prog (crossrun encoding) and
# oracle (qemu encoding) in DIR.
build_prog() {
	local seed=$1 n=$2 d=$3
	shift 3
	"$bindir/gen" "$@" "$seed" "$n" >"$d/prog.S" &&
		"$bindir/gen" --oracle "$@" "$seed" "$n" >"$d/oracle.S" &&
		assemble "$d/prog.S" "$d/prog" && assemble "$d/oracle.S" "$d/oracle"
}

# check_engine ENGINE DIR: compares ENGINE's dump with the oracle's (DIR/oracle.bin). Prints
# nothing and returns 0 on a match; else prints one line describing the first difference.
check_engine() {
	local e=$1 d=$2 st why out
	run_engine "$e" "$d" "$d/$e.bin"
	st=$?
	if [ $st -ne 0 ]; then
		why=$(head -c 200 "$d/$e.bin.err" | head -n 1)
		[ $st -eq 124 ] && why="timeout after ${DIFF_TIMEOUT:-10}s"
		echo "$(engine_label "$e") exit status $st${why:+ ($why)}"
		return 1
	fi
	out=$("$bindir/dumpcmp" --max 1 --actual-name "$(engine_label "$e")" "$d/oracle.bin" "$d/$e.bin")
	[ $? -eq 0 ] && return 0
	echo "$out" | head -n 1
	return 1
}

# Worker: runs the seeds given as arguments; result per seed and engine in $WORK/r/SEED.ENGINE
# ("ok" or the first difference), instruction count in $WORK/r/SEED.insns.
worker() {
	for seed in "$@"; do
		d=$WORK/$seed
		mkdir -p "$d"
		if ! build_prog "$seed" "$NINSNS" "$d" 2>"$d/build.err"; then
			for e in $ENGINES; do
				echo "harness: generation/assembly failed: $(head -n 1 "$d/build.err")" >"$WORK/r/$seed.$e"
			done
			cp "$d/prog.S" "$FAILDIR/seed-$seed.S" 2>/dev/null
			continue
		fi
		sed -n 's/^# insns: //p' "$d/prog.S" >"$WORK/r/$seed.insns"
		if ! run_engine oracle "$d" "$d/oracle.bin"; then
			for e in $ENGINES; do
				echo "harness: oracle failed: $(head -n 1 "$d/oracle.bin.err")" >"$WORK/r/$seed.$e"
			done
			cp "$d/oracle.S" "$FAILDIR/seed-$seed.oracle.S"
			continue
		fi
		bad=0
		for e in $ENGINES; do
			if res=$(check_engine "$e" "$d"); then
				echo ok >"$WORK/r/$seed.$e"
			else
				echo "$res" >"$WORK/r/$seed.$e"
				bad=1
			fi
		done
		if [ $bad -eq 1 ]; then
			cp "$d/prog.S" "$FAILDIR/seed-$seed.S"
			cp "$d/oracle.S" "$FAILDIR/seed-$seed.oracle.S"
		fi
		rm -rf "$d"
	done
}

build_tools() {
	mkdir -p "$bindir"
	for t in gen dumpcmp; do
		if [ ! -x "$bindir/$t" ] || [ "$root/tests/diff/$t.c" -nt "$bindir/$t" ] ||
			[ "$root/tests/diff/dump_layout.h" -nt "$bindir/$t" ]; then
			${CC:-gcc} -std=gnu11 -O2 -Wall -Wextra -Werror -o "$bindir/$t" "$root/tests/diff/$t.c" ||
				return 1
		fi
	done
}

# items_of DIR: number of items in DIR/prog.S
items_of() {
	sed -n 's/^# items: //p' "$1/prog.S"
}

# differs ENGINE SEED NINSNS K: 0 if the K-item prefix of the program differs under ENGINE.
differs() {
	local dd=$WORK/reduce
	rm -rf "$dd"
	mkdir -p "$dd"
	build_prog "$2" "$3" "$dd" --items "$4" || return 2
	run_engine oracle "$dd" "$dd/oracle.bin" || return 2
	check_engine "$1" "$dd" >/dev/null && return 1
	return 0
}

# Verbose single-seed mode with reduction to the first differing item.
one_seed() {
	seed=$1
	d=$WORK
	mkdir -p "$d"
	build_prog "$seed" "$NINSNS" "$d" || {
		echo "FAIL diff: seed $seed: generation or assembly failed"
		return 1
	}
	echo "seed $seed: $(sed -n 's/^# insns: //p' "$d/prog.S") insns, $(items_of "$d") items; program: $d/prog.S (oracle: $d/oracle.S)"
	if ! run_engine oracle "$d" "$d/oracle.bin"; then
		echo "FAIL diff: oracle failed on seed $seed: $(head -n 3 "$d/oracle.bin.err")"
		return 1
	fi
	status=0
	for e in $ENGINES; do
		if res=$(check_engine "$e" "$d"); then
			echo "PASS diff.$e seed $seed"
			continue
		fi
		status=1
		echo "FAIL diff.$e seed $seed: $res"
		if [ -s "$d/$e.bin" ]; then
			"$bindir/dumpcmp" --max 40 --actual-name "$(engine_label "$e")" "$d/oracle.bin" "$d/$e.bin"
		fi
		[ -s "$d/$e.bin.err" ] && { echo "stderr:"; head -n 10 "$d/$e.bin.err"; }
		# bisect on the item prefix: lo matches, hi differs
		lo=0 hi=$(items_of "$d")
		if differs "$e" "$seed" "$NINSNS" 0; then
			echo "  differs even with no random items: prologue/epilogue (register init, fscsr, dump, write, exit_group)"
			continue
		fi
		while [ $((hi - lo)) -gt 1 ]; do
			mid=$(((lo + hi) / 2))
			if differs "$e" "$seed" "$NINSNS" $mid; then hi=$mid; else lo=$mid; fi
		done
		echo "  first differing item: $hi (prefix of $lo items matches, $hi items differ)"
		echo "  --- item $hi (crossrun encoding) ---"
		awk -v k="$hi" '$0 == "# item " k {p = 1; next} /^# item |^# end items/ {if (p) exit} p' "$d/prog.S" | sed 's/^/  | /'
		differs "$e" "$seed" "$NINSNS" "$lo"
		mkdir -p "$d/before"
		cp "$WORK/reduce/oracle.bin" "$d/before/state.bin"
		differs "$e" "$seed" "$NINSNS" "$hi"
		echo "  --- state before item $hi (oracle) ---"
		"$bindir/dumpcmp" --print "$d/before/state.bin" | sed 's/^/  /'
		echo "  --- differences after item $hi ---"
		"$bindir/dumpcmp" --max 40 --actual-name "$(engine_label "$e")" "$WORK/reduce/oracle.bin" "$WORK/reduce/$e.bin" | sed 's/^/  /'
		[ -s "$WORK/reduce/$e.bin.err" ] && head -n 5 "$WORK/reduce/$e.bin.err" | sed 's/^/  stderr: /'
		echo "  reproduce: $bindir/gen --items $hi $seed $NINSNS > p.S (program kept in $d)"
	done
	return $status
}

# ---- internal entry for parallel workers ----
if [ "${1:-}" = "--worker" ]; then
	shift
	worker "$@"
	exit 0
fi

# ---- command line ----
SELFTEST=0
if [ "${1:-}" = "--self-test" ]; then
	SELFTEST=1
	CROSSRUN=qemu-riscv64
	shift
elif [ $# -ge 1 ]; then
	CROSSRUN=$1
	shift
else
	echo "usage: $0 ./crossrun [N_PROGRAMS] [N_INSNS] | ./crossrun --seed S [N_INSNS] | --self-test [N] [M]" >&2
	exit 2
fi
case $CROSSRUN in */*) CROSSRUN=$(cd "$(dirname "$CROSSRUN")" && pwd)/$(basename "$CROSSRUN") ;; esac

if [ $SELFTEST -eq 1 ]; then
	ENGINES=selftest
else
	ENGINES=${DIFF_ENGINES:-jit interp}
fi

if ! command -v qemu-riscv64 >/dev/null 2>&1; then
	echo "SKIP diff: qemu-riscv64 not installed"
	exit 0
fi
if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
	echo "SKIP diff: $CROSS_CC not installed"
	exit 0
fi
if ! build_tools; then
	for e in $ENGINES; do echo "FAIL diff.$e: cannot build the generator"; done
	exit 1
fi
if [ $SELFTEST -eq 0 ] && [ ! -x "$CROSSRUN" ]; then
	for e in $ENGINES; do echo "FAIL diff.$e: $CROSSRUN not found or not executable"; done
	exit 1
fi

WORK=$bindir/work.$$
FAILDIR=$bindir/fail
export CROSSRUN ENGINES WORK FAILDIR
trap 'rm -rf "$WORK"' EXIT INT TERM

if [ "${1:-}" = "--seed" ]; then
	[ $# -ge 2 ] || { echo "usage: $0 ./crossrun --seed S [N_INSNS]" >&2; exit 2; }
	NINSNS=${3:-300}
	WORK=$bindir/seed-$2
	rm -rf "$WORK"
	mkdir -p "$WORK" "$FAILDIR"
	trap - EXIT INT TERM
	one_seed "$2"
	exit $?
fi

if [ "${FULL:-0}" = 1 ]; then NPROG=${1:-2000}; else NPROG=${1:-200}; fi
NINSNS=${2:-300}
SEED0=${DIFF_SEED0:-1}
JOBS=${DIFF_JOBS:-$(nproc 2>/dev/null || echo 2)}
export NINSNS
rm -rf "$FAILDIR"
mkdir -p "$WORK/r" "$FAILDIR"

seq "$SEED0" $((SEED0 + NPROG - 1)) | xargs -P "$JOBS" -n 10 sh "$script" --worker

total_insns=0
for f in "$WORK"/r/*.insns; do
	[ -f "$f" ] && total_insns=$((total_insns + $(cat "$f")))
done
rc=0
for e in $ENGINES; do
	nbad=0 first=
	for seed in $(seq "$SEED0" $((SEED0 + NPROG - 1))); do
		r=$(cat "$WORK/r/$seed.$e" 2>/dev/null || echo "harness: no result")
		[ "$r" = ok ] && continue
		nbad=$((nbad + 1))
		[ -z "$first" ] && first="seed $seed $r"
	done
	if [ $nbad -eq 0 ]; then
		echo "PASS diff.$e ($NPROG programs, $total_insns insns)"
	else
		echo "FAIL diff.$e: $nbad mismatches, first: $first"
		rc=1
	fi
done
if [ $rc -ne 0 ]; then
	echo "diff: failing programs in $FAILDIR; reproduce one with: tests/diff/run.sh $CROSSRUN --seed S"
fi
exit $rc
