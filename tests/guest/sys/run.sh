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
set -u

cd "$(dirname "$0")/../../.." || exit 1

if [ "${1:-}" = --regen ]; then
    oracle=${ORACLE:-qemu-riscv64}
    make -j2 --no-print-directory -f tests/guest/sys/sys.mk all || exit 1
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
timeout_s=${GUEST_TIMEOUT:-20}
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

for engine in $engines; do
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    for src in tests/guest/sys/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        id=guest.sys.$engine.$name
        bin=build/guest/sys/$name
        expected=tests/guest/sys/$name.expected
        if [ ! -x "$bin" ]; then
            fail "$id" "not built ($bin)"
            continue
        fi
        if [ ! -f "$expected" ]; then
            fail "$id" "no $expected"
            continue
        fi
        # shellcheck disable=SC2086  # flag is empty or one word
        timeout -k 5 "$timeout_s" "$crossrun" $flag "$bin" </dev/null >"$tmp/out" 2>"$tmp/err"
        status=$?
        if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
            fail "$id" "timeout after ${timeout_s}s"
            continue
        fi
        if ! cmp -s "$expected" "$tmp/out"; then
            line=$(cmp "$expected" "$tmp/out" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
            if [ -z "$line" ]; then
                fail "$id" "stdout has $(wc -l <"$tmp/out") lines, expected $(wc -l <"$expected")"
            else
                fail "$id" "stdout line $line: got '$(one_line "$(sed -n "${line}p" "$tmp/out")")' expected '$(one_line "$(sed -n "${line}p" "$expected")")'"
            fi
            continue
        fi
        if [ "$status" -ne 0 ]; then
            errline=$(grep -m1 . "$tmp/err" 2>/dev/null)
            reason="exit $status"
            [ -n "$errline" ] && reason="$reason; stderr: $(one_line "$errline")"
            fail "$id" "$reason"
            continue
        fi
        echo "PASS $id"
    done
done
exit $failed
