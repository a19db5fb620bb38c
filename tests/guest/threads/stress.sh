#!/bin/sh
# tests/guest/threads/stress.sh - runs the multi-threaded stress program (stress.c: mutex and
# atomic counting, thread churn, translation flushes from another thread, signals to busy
# threads) RUNS times (default 100) under each engine and prints one line per engine:
#   PASS guest.threads.stress.<engine>: RUNS runs
#   FAIL guest.threads.stress.<engine>: run N: <hang, crash or wrong result>
#
#   tests/guest/threads/stress.sh [CROSSRUN]   ENGINES="jit interp" RUNS=100
set -u

crossrun=${1:-./crossrun}
case $crossrun in
/*) ;;
*) crossrun=$(pwd)/$crossrun ;;
esac
engines=${ENGINES:-"jit interp"}
runs=${RUNS:-100}

cd "$(dirname "$0")/../../.." || exit 1
# shellcheck disable=SC3045
ulimit -c 0 2>/dev/null
if [ ! -x "$crossrun" ]; then
    echo "FAIL guest.threads.stress.setup: crossrun not found or not executable at $crossrun"
    exit 1
fi
if ! make --no-print-directory -f tests/guest/threads/threads.mk SUITE=threads \
    build/guest/threads/stress >/dev/null 2>&1; then
    echo "FAIL guest.threads.stress.build: cannot build build/guest/threads/stress"
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-stress.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

failed=0
for engine in $engines; do
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    i=1
    bad=
    while [ "$i" -le "$runs" ]; do
        # shellcheck disable=SC2086
        timeout -k 5 60 "$crossrun" $flag build/guest/threads/stress </dev/null \
            >"$tmp/out" 2>"$tmp/err"
        status=$?
        if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
            bad="run $i: hang (timeout after 60s)"
        elif [ "$status" -ne 0 ]; then
            bad="run $i: exit $status; $(head -c 100 "$tmp/err" | tr '\n' ' ')"
        elif ! cmp -s tests/guest/threads/stress.expected "$tmp/out"; then
            bad="run $i: wrong result: $(head -c 100 "$tmp/out" | tr '\n' ' ')"
        fi
        [ -n "$bad" ] && break
        i=$((i + 1))
    done
    if [ -n "$bad" ]; then
        echo "FAIL guest.threads.stress.$engine: $bad"
        failed=1
    else
        echo "PASS guest.threads.stress.$engine: $runs runs"
    fi
done
exit $failed
