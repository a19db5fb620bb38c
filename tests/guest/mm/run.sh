#!/bin/sh
# tests/guest/mm/run.sh - runs the guest memory-management tests (mmap family, faults, brk,
# file mappings, /proc/self/maps, guest JITs) under crossrun: the same driver as
# tests/guest/threads/run.sh (see there; it builds with tests/guest/mm/mm.mk), with lines
# "PASS guest.mm.<engine>.<name>" and, for the dynamically linked builds,
# "PASS guest.mm.<engine>.dyn.<name>".
# Then jit_rewrite runs again under -d stats, static and dynamic, under each engine: a guest
# JIT that flushes exactly the bytes it rewrote must cost no full flush ("flushes 0" in the
# stats line), only range invalidations, and drop about one TB per rewrite (B's, not its
# callers'):
#   PASS guest.mm.<engine>.stats.jit_rewrite / guest.mm.<engine>.dyn.stats.jit_rewrite
#   tests/guest/mm/run.sh [CROSSRUN]          ENGINES="jit interp" DYN_ENGINES=$ENGINES
set -u

here=$(cd "$(dirname "$0")" && pwd)
crossrun=${1:-./crossrun}
case $crossrun in
/*) ;;
*) crossrun=$(pwd)/$crossrun ;;
esac
SUITE=mm sh "$here/../threads/run.sh" "$crossrun"
failed=$?

cd "$here/../../.." || exit 1
[ -x "$crossrun" ] || exit 1           # the driver said so already
engines=${ENGINES:-"jit interp"}
dyn_engines=${DYN_ENGINES:-$engines}
sysroot=${GUEST_SYSROOT:-/usr/riscv64-linux-gnu}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-mm-stats.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# stats_case ID ENGINE BIN [CROSSRUN OPTIONS...]
stats_case() {
    id=$1 engine=$2 bin=$3
    shift 3
    if [ ! -x "$bin" ]; then
        echo "FAIL $id: not built ($bin)"
        failed=1
        return
    fi
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    # shellcheck disable=SC2086  # flag is split on purpose
    timeout -k 5 60 "$crossrun" $flag -d stats -D "$tmp/log" "$@" "$bin" </dev/null \
        >"$tmp/out" 2>"$tmp/err"
    status=$?
    stats=$(grep -m1 '^crossrun stats:' "$tmp/log" 2>/dev/null)
    flushes=$(printf '%s\n' "$stats" | sed -n 's/.*[:,] flushes \([0-9]*\),.*/\1/p')
    tbs=$(printf '%s\n' "$stats" | sed -n 's/.*, tbs invalidated \([0-9]*\),.*/\1/p')
    if [ "$status" -ne 0 ]; then
        echo "FAIL $id: exit $status"
    elif ! cmp -s tests/guest/mm/jit_rewrite.expected "$tmp/out"; then
        echo "FAIL $id: stdout differs from tests/guest/mm/jit_rewrite.expected"
    elif [ -z "$flushes" ] || [ -z "$tbs" ]; then
        echo "FAIL $id: no flushes / tbs invalidated in the -d stats line"
    elif [ "$flushes" -ne 0 ]; then
        echo "FAIL $id: $flushes full flushes (expected 0: every flush names a range)"
    elif [ "$tbs" -lt 50000 ] || [ "$tbs" -gt 50500 ]; then
        # one TB (B's) per rewrite: fewer means stale code ran, many more that the callers
        # were dropped too
        echo "FAIL $id: $tbs TBs invalidated for 50000 rewrites of one block"
    else
        echo "PASS $id"
        return
    fi
    failed=1
}

for engine in $engines; do
    stats_case "guest.mm.$engine.stats.jit_rewrite" "$engine" build/guest/mm/jit_rewrite
done
if [ -e "$sysroot/lib/ld-linux-riscv64-lp64d.so.1" ]; then
    for engine in $dyn_engines; do
        stats_case "guest.mm.$engine.dyn.stats.jit_rewrite" "$engine" \
            build/guest/mm/dyn/jit_rewrite -L "$sysroot"
    done
fi
exit $failed
