#!/bin/sh
# tests/guest/run.sh - runs the riscv64 guest test programs under crossrun.
#
#   tests/guest/run.sh [CROSSRUN]        (default ./crossrun; run from anywhere)
#   ENGINES="jit interp"                 engines to try; jit passes no flag, any other
#                                        engine E passes --engine=E
#
# Builds everything with `make -k -j2 -f tests/guest/guest.mk all`, then runs each case under
# each engine with a 20 s timeout and prints one line per case:
#   PASS guest.<engine>.<name>
#   FAIL guest.<engine>.<name>: <reason>
# Cases: tests/guest/asm/NAME.S (expected stdout "ok" unless NAME.expected exists) and
# tests/guest/c/NAME.{c,cc} (expected stdout NAME.expected, required). Optional files next to
# the source: NAME.status (expected exit status, default 0; a guest killed by signal N is
# 128+N), NAME.args (command-line arguments, split on blanks), NAME.stdin (fed to stdin;
# otherwise stdin is /dev/null). Exit status 1 if any case failed.
#
# Dynamic variants: each C/C++ program is also built dynamically linked (build/guest/c/dyn/)
# and run with -L $GUEST_SYSROOT (default /usr/riscv64-linux-gnu, the cross toolchain's
# riscv64 glibc/libstdc++) under each engine in $DYN_ENGINES (default: $ENGINES), as
#   PASS guest.c.<engine>.dyn.<name>
# with the same golden files, or NAME.dynamic.expected where the output legitimately differs
# when dynamically linked; a NAME.dynamic.skip file skips the variant and holds the reason.
set -u

crossrun=${1:-./crossrun}
case $crossrun in
/*) ;;
*) crossrun=$(pwd)/$crossrun ;;
esac
engines=${ENGINES:-"jit interp"}
dyn_engines=${DYN_ENGINES:-$engines}
sysroot=${GUEST_SYSROOT:-/usr/riscv64-linux-gnu}
timeout_s=${GUEST_TIMEOUT:-20}

cd "$(dirname "$0")/../.." || exit 1
# a guest killed by a signal must not leave core files (dash and bash both know -c)
# shellcheck disable=SC3045
ulimit -c 0 2>/dev/null

failed=0
fail() {        # fail NAME REASON
    echo "FAIL $1: $2"
    failed=1
}

if [ ! -x "$crossrun" ]; then
    fail guest.setup "crossrun not found or not executable at $crossrun"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-guest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

mkdir -p build/guest
if ! make -k -j2 --no-print-directory -f tests/guest/guest.mk all >build/guest/build.log 2>&1; then
    fail guest.build "building guest programs failed (see build/guest/build.log):"
    sed 's/^/    /' build/guest/build.log | grep -v '^    make' | head -20
fi

# one_line TEXT: TEXT shortened to one printable line of at most 160 characters
one_line() {
    printf "%s" "$1" | tr -d "\r" | tr "\n\t" "  " | cut -c1-160
}

# run_case ENGINE NAME BINARY SRCBASE DEFAULT_EXPECTED [ID [EXPECTED [FLAGS]]]
# ID defaults to guest.ENGINE.NAME, EXPECTED to SRCBASE.expected; FLAGS are more crossrun
# options (split on blanks).
run_case() {
    engine=$1 name=$2 bin=$3 base=$4
    id=${6:-guest.$engine.$name}
    expected_file=${7:-$base.expected}
    extra=${8:-}
    if [ ! -x "$bin" ]; then
        fail "$id" "not built ($bin)"
        return
    fi
    if [ -f "$expected_file" ]; then
        expected=$expected_file
    elif [ -n "$5" ]; then
        expected=$tmp/default.expected
        printf '%s\n' "$5" >"$expected"
    else
        fail "$id" "no $expected_file"
        return
    fi
    want_status=0
    [ -f "$base.status" ] && want_status=$(tr -d ' \n' <"$base.status")
    args=
    [ -f "$base.args" ] && args=$(cat "$base.args")
    stdin=/dev/null
    [ -f "$base.stdin" ] && stdin=$base.stdin
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    flag="$flag $extra"

    set -f
    # shellcheck disable=SC2086  # flag and args are split on purpose
    timeout -k 5 "$timeout_s" "$crossrun" $flag "$bin" $args <"$stdin" >"$tmp/out" 2>"$tmp/err"
    status=$?
    set +f

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
        if [ -z "$line" ]; then     # one file is a prefix of the other
            exp_n=$(wc -l <"$expected")
            out_n=$(wc -l <"$tmp/out")
            fail "$id" "stdout has $out_n lines, expected $exp_n"
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
    for src in tests/guest/asm/*.S; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .S)
        run_case "$engine" "$name" "build/guest/asm/$name" "tests/guest/asm/$name" ok
    done
    for src in tests/guest/c/*.c tests/guest/c/*.cc; do
        [ -e "$src" ] || continue
        name=$(basename "$src")
        name=${name%.*}
        run_case "$engine" "$name" "build/guest/c/$name" "tests/guest/c/$name" ""
    done
done

# the dynamically linked variants of the C/C++ programs
if [ ! -e "$sysroot/lib/ld-linux-riscv64-lp64d.so.1" ]; then
    echo "SKIP guest.c.dyn: no riscv64 dynamic linker in $sysroot/lib (set GUEST_SYSROOT)"
    exit $failed
fi
for engine in $dyn_engines; do
    for src in tests/guest/c/*.c tests/guest/c/*.cc; do
        [ -e "$src" ] || continue
        name=$(basename "$src")
        name=${name%.*}
        base=tests/guest/c/$name
        id=guest.c.$engine.dyn.$name
        if [ -f "$base.dynamic.skip" ]; then
            echo "SKIP $id: $(one_line "$(cat "$base.dynamic.skip")")"
            continue
        fi
        expected=$base.expected
        [ -f "$base.dynamic.expected" ] && expected=$base.dynamic.expected
        run_case "$engine" "$name" "build/guest/c/dyn/$name" "$base" "" "$id" "$expected" \
            "-L $sysroot"
    done
done
exit $failed
