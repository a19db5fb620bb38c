#!/bin/sh
# tests/guest/sys/run.sh - runs the syscall guest programs (sockets, event fds, polling,
# inotify, scheduling and credentials, extra file calls) under crossrun.
#
#   tests/guest/sys/run.sh [CROSSRUN]       (default ./crossrun; run from anywhere)
#   ENGINES="jit interp"                    engines to try; jit passes no flag, any other
#                                           engine E passes --engine=E
#   tests/guest/sys/run.sh --regen          developer tool: rewrites every NAME.expected by
#                                           running the programs under ORACLE (default
#                                           qemu-riscv64); review the changes before committing
#
# Builds with `make -f tests/guest/sys/sys.mk`, then runs each tests/guest/sys/NAME.c under
# each engine with a 20 s timeout and prints one line per case:
#   PASS guest.sys.<engine>.<name>
#   FAIL guest.sys.<engine>.<name>: <reason>
# A case passes when it exits 0 and its stdout equals NAME.expected. The programs use only
# loopback addresses, socketpairs and temporary files. Exit status 1 if any case failed.
#
# Dynamic variants: every program is also built dynamically linked (build/guest/sys/dyn/) and
# run with -L $GUEST_SYSROOT (default /usr/riscv64-linux-gnu) under each engine in
# $DYN_ENGINES (default: $ENGINES), as
#   PASS guest.sys.<engine>.dyn.<name>
# against NAME.dynamic.expected if it exists, else NAME.expected; a NAME.dynamic.skip file
# skips the variant and holds the reason.
set -u

cd "$(dirname "$0")/../../.." || exit 1

if [ "${1:-}" = --regen ]; then
    oracle=${ORACLE:-qemu-riscv64}
    make -j2 --no-print-directory -f tests/guest/sys/sys.mk static || exit 1
    for src in tests/guest/sys/*.c; do
        name=$(basename "$src" .c)
        "$oracle" "build/guest/sys/$name" </dev/null >"tests/guest/sys/$name.expected" 2>/dev/null
        echo "$name: exit $?, wrote tests/guest/sys/$name.expected"
    done
    exit 0
fi

crossrun=${1:-./crossrun}
case $crossrun in
/*) ;;
*) crossrun=$(pwd)/$crossrun ;;
esac
engines=${ENGINES:-"jit interp"}
dyn_engines=${DYN_ENGINES:-$engines}
sysroot=${GUEST_SYSROOT:-/usr/riscv64-linux-gnu}
timeout_s=${GUEST_TIMEOUT:-20}
# shellcheck disable=SC3045  # dash and bash both have ulimit -c
ulimit -c 0 2>/dev/null

failed=0
fail() {        # fail NAME REASON
    echo "FAIL $1: $2"
    failed=1
}

if [ ! -x "$crossrun" ]; then
    fail guest.sys.setup "crossrun not found or not executable at $crossrun"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-guest-sys.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

mkdir -p build/guest/sys
if ! make -j2 --no-print-directory -f tests/guest/sys/sys.mk all >build/guest/sys/build.log 2>&1; then
    fail guest.sys.build "building guest programs failed (see build/guest/sys/build.log):"
    grep -v '^make' build/guest/sys/build.log | head -20 | sed 's/^/    /'
fi

one_line() {    # TEXT as one printable line of at most 100 characters
    printf '%s' "$1" | tr -d '\r' | tr '\n\t' '  ' | cut -c1-100
}

# run_case ENGINE NAME ID BIN EXPECTED [FLAGS]: runs BIN with more crossrun options FLAGS,
# compares its stdout with EXPECTED; prints the result line
run_case() {
    engine=$1 name=$2 id=$3 bin=$4 expected=$5 extra=${6:-}
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    if [ ! -x "$bin" ]; then
        fail "$id" "not built ($bin)"
        return
    fi
    if [ ! -f "$expected" ]; then
        fail "$id" "no $expected"
        return
    fi
    # shellcheck disable=SC2086  # flag and extra are split on purpose
    timeout -k 5 "$timeout_s" "$crossrun" $flag $extra "$bin" </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        fail "$id" "timeout after ${timeout_s}s"
        return
    fi
    if ! cmp -s "$expected" "$tmp/out"; then
        line=$(cmp "$expected" "$tmp/out" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
        if [ -z "$line" ]; then
            fail "$id" "stdout has $(wc -l <"$tmp/out") lines, expected $(wc -l <"$expected")"
        else
            fail "$id" "stdout line $line: got '$(one_line "$(sed -n "${line}p" "$tmp/out")")' expected '$(one_line "$(sed -n "${line}p" "$expected")")'"
        fi
        return
    fi
    if [ "$status" -ne 0 ]; then
        errline=$(grep -m1 . "$tmp/err" 2>/dev/null)
        reason="exit $status"
        [ -n "$errline" ] && reason="$reason; stderr: $(one_line "$errline")"
        fail "$id" "$reason"
        return
    fi
    echo "PASS $id"
}

for engine in $engines; do
    for src in tests/guest/sys/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        run_case "$engine" "$name" "guest.sys.$engine.$name" "build/guest/sys/$name" \
            "tests/guest/sys/$name.expected"
    done
done

# the dynamically linked variants
if [ ! -e "$sysroot/lib/ld-linux-riscv64-lp64d.so.1" ]; then
    echo "SKIP guest.sys.dyn: no riscv64 dynamic linker in $sysroot/lib (set GUEST_SYSROOT)"
    exit $failed
fi
for engine in $dyn_engines; do
    for src in tests/guest/sys/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        base=tests/guest/sys/$name
        id=guest.sys.$engine.dyn.$name
        if [ -f "$base.dynamic.skip" ]; then
            echo "SKIP $id: $(one_line "$(cat "$base.dynamic.skip")")"
            continue
        fi
        expected=$base.expected
        [ -f "$base.dynamic.expected" ] && expected=$base.dynamic.expected
        run_case "$engine" "$name" "$id" "build/guest/sys/dyn/$name" "$expected" "-L $sysroot"
    done
done
exit $failed
