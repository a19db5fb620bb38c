#!/bin/sh
# tests/guest/threads/run.sh - runs the guest thread tests (or, as SUITE=signals or SUITE=mm,
# the signal or memory tests: tests/guest/signals/run.sh and tests/guest/mm/run.sh call this)
# under crossrun.
#
#   tests/guest/threads/run.sh [CROSSRUN]   (default ./crossrun; run from anywhere)
#   ENGINES="jit interp"                    engines to try; jit passes no flag, any other
#                                           engine E passes --engine=E
#
# Builds tests/guest/$SUITE/NAME.c into build/guest/$SUITE/NAME (with the suite's own
# tests/guest/$SUITE/$SUITE.mk if there is one, else threads.mk), then runs each
# case under each engine with a 60 s timeout and prints one line per case:
#   PASS guest.<suite>.<engine>.<name>
#   FAIL guest.<suite>.<engine>.<name>: <reason>
# Expected stdout is NAME.expected (required); NAME.status (exit status, default 0; a guest
# killed by signal N is 128+N) and NAME.flags (more crossrun options, split on blanks) are
# optional. Exit status 1 if any case failed.
#
# Dynamic variants: every program is also built dynamically linked (build/guest/$SUITE/dyn/)
# and run with -L $GUEST_SYSROOT (default /usr/riscv64-linux-gnu) under each engine in
# $DYN_ENGINES (default: $ENGINES), as
#   PASS guest.<suite>.<engine>.dyn.<name>
# against NAME.dynamic.expected if it exists, else NAME.expected; a NAME.dynamic.skip file
# skips the variant and holds the reason.
set -u

suite=${SUITE:-threads}
crossrun=${1:-./crossrun}
case $crossrun in
/*) ;;
*) crossrun=$(pwd)/$crossrun ;;
esac
engines=${ENGINES:-"jit interp"}
dyn_engines=${DYN_ENGINES:-$engines}
sysroot=${GUEST_SYSROOT:-/usr/riscv64-linux-gnu}
timeout_s=${GUEST_TIMEOUT:-60}

cd "$(dirname "$0")/../../.." || exit 1
# shellcheck disable=SC3045
ulimit -c 0 2>/dev/null

failed=0
fail() {        # fail NAME REASON
    echo "FAIL $1: $2"
    failed=1
}

if [ ! -x "$crossrun" ]; then
    fail "guest.$suite.setup" "crossrun not found or not executable at $crossrun"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-$suite.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

mkdir -p "build/guest/$suite"
makefile=tests/guest/$suite/$suite.mk
[ -f "$makefile" ] || makefile=tests/guest/threads/threads.mk
if ! make -j2 --no-print-directory -f "$makefile" SUITE="$suite" all \
    >"build/guest/$suite/build.log" 2>&1; then
    fail "guest.$suite.build" "building the tests failed (see build/guest/$suite/build.log):"
    grep -v '^make' "build/guest/$suite/build.log" | sed 's/^/    /' | head -20
fi

one_line() {    # one_line TEXT: one printable line of at most 100 characters
    printf '%s' "$1" | tr -d '\r' | tr '\n\t' '  ' | cut -c1-100
}

# run_case ENGINE NAME [ID BIN EXPECTED FLAGS]: runs BIN (build/guest/$suite/NAME) with more
# crossrun options FLAGS, compares with EXPECTED (NAME.expected); prints the result line
run_case() {
    engine=$1 name=$2
    id=${3:-guest.$suite.$engine.$name}
    bin=${4:-build/guest/$suite/$name} base=tests/guest/$suite/$name
    expected=${5:-$base.expected}
    extra=${6:-}
    if [ ! -x "$bin" ]; then
        fail "$id" "not built ($bin)"
        return
    fi
    if [ ! -f "$expected" ]; then
        fail "$id" "no $expected"
        return
    fi
    want_status=0
    [ -f "$base.status" ] && want_status=$(tr -d ' \n' <"$base.status")
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    [ -f "$base.flags" ] && flag="$flag $(cat "$base.flags")"
    flag="$flag $extra"
    # shellcheck disable=SC2086  # flag is split on purpose
    timeout -k 5 "$timeout_s" "$crossrun" $flag "$bin" </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 124 ] || { [ "$status" -eq 137 ] && [ "$want_status" -ne 137 ]; }; then
        fail "$id" "timeout after ${timeout_s}s"
        return
    fi
    if [ "$status" -ne "$want_status" ]; then
        errline=$(grep -m1 . "$tmp/err" 2>/dev/null)
        reason="exit $status (expected $want_status)"
        [ -n "$errline" ] && reason="$reason; stderr: $(one_line "$errline")"
        fail "$id" "$reason"
        return
    fi
    if ! cmp -s "$expected" "$tmp/out"; then
        line=$(cmp "$expected" "$tmp/out" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
        if [ -z "$line" ]; then
            fail "$id" "stdout has $(wc -l <"$tmp/out") lines, expected $(wc -l <"$expected")"
            return
        fi
        got=$(sed -n "${line}p" "$tmp/out")
        want=$(sed -n "${line}p" "$expected")
        fail "$id" "stdout line $line: got '$(one_line "$got")' expected '$(one_line "$want")'"
        return
    fi
    echo "PASS $id"
}

for engine in $engines; do
    for src in tests/guest/"$suite"/*.c; do
        [ -e "$src" ] || continue
        run_case "$engine" "$(basename "$src" .c)"
    done
done

# the dynamically linked variants
if [ ! -e "$sysroot/lib/ld-linux-riscv64-lp64d.so.1" ]; then
    echo "SKIP guest.$suite.dyn: no riscv64 dynamic linker in $sysroot/lib (set GUEST_SYSROOT)"
    exit $failed
fi
for engine in $dyn_engines; do
    for src in tests/guest/"$suite"/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        base=tests/guest/$suite/$name
        id=guest.$suite.$engine.dyn.$name
        if [ -f "$base.dynamic.skip" ]; then
            echo "SKIP $id: $(one_line "$(cat "$base.dynamic.skip")")"
            continue
        fi
        expected=$base.expected
        [ -f "$base.dynamic.expected" ] && expected=$base.dynamic.expected
        run_case "$engine" "$name" "$id" "build/guest/$suite/dyn/$name" "$expected" \
            "-L $sysroot"
    done
done
exit $failed
