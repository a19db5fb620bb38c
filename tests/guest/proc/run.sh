#!/bin/sh
# tests/guest/proc/run.sh - runs the process, exec and /proc guest tests under crossrun.
#
#   tests/guest/proc/run.sh [CROSSRUN]   (default ./crossrun; run from anywhere)
#   ENGINES="jit interp"                 engines to try; jit passes no flag, any other
#                                        engine E passes --engine=E
#
# Builds tests/guest/proc/NAME.c into build/guest/proc/NAME (proc.mk), then runs each case
# under each engine with a 30 s timeout, in a clean environment (env -i with PATH only, so
# environment counts are reproducible), and prints one line per case:
#   PASS guest.proc.<engine>.<name>
#   FAIL guest.proc.<engine>.<name>: <reason>
# Expected stdout is NAME.expected (required); NAME.args (arguments, split on blanks, no
# quoting) and NAME.status (exit status, default 0) are optional. exec_target is also the
# program the exec tests start, found next to them.
#
# One more line, guest.proc.reexec_without_binfmt: with no riscv64 binfmt_misc handler
# active, the host kernel cannot run a riscv64 ELF, so a passing exec_self proves crossrun
# ran the new program by re-executing itself. If such a handler is registered, the exec may
# have gone through it instead and the line is SKIP. Exit status 1 if any case failed.
#
# Dynamic variants: every program is also built dynamically linked (build/guest/proc/dyn/,
# where the exec tests find the dynamic exec_target) and run with -L $GUEST_SYSROOT (default
# /usr/riscv64-linux-gnu) under each engine in $DYN_ENGINES (default: $ENGINES), as
#   PASS guest.proc.<engine>.dyn.<name>
# against NAME.dynamic.expected if it exists, else NAME.expected; a NAME.dynamic.skip file
# skips the variant and holds the reason.
set -u

crossrun=${1:-./crossrun}
case $crossrun in
/*) ;;
*) crossrun=$(pwd)/$crossrun ;;
esac
engines=${ENGINES:-"jit interp"}
dyn_engines=${DYN_ENGINES:-$engines}
sysroot=${GUEST_SYSROOT:-/usr/riscv64-linux-gnu}
timeout_s=${GUEST_TIMEOUT:-30}
clean_env="env -i PATH=/usr/local/bin:/usr/bin:/bin"

cd "$(dirname "$0")/../../.." || exit 1
# shellcheck disable=SC3045  # dash and bash both have ulimit -c
ulimit -c 0 2>/dev/null

failed=0
fail() {        # fail NAME REASON
    echo "FAIL $1: $2"
    failed=1
}

if [ ! -x "$crossrun" ]; then
    fail guest.proc.setup "crossrun not found or not executable at $crossrun"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-proc.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

mkdir -p build/guest/proc
if ! make -j2 --no-print-directory -f tests/guest/proc/proc.mk all >build/guest/proc/build.log 2>&1; then
    fail guest.proc.build "building the tests failed (see build/guest/proc/build.log):"
    grep -v '^make' build/guest/proc/build.log | sed 's/^/    /' | head -20
fi

one_line() {    # one_line TEXT: one printable line of at most 100 characters
    printf '%s' "$1" | tr -d '\r' | tr '\n\t' '  ' | cut -c1-100
}

# run_case ENGINE NAME [ID [BIN [EXPECTED [FLAGS]]]]: runs BIN (build/guest/proc/NAME) with
# more crossrun options FLAGS, compares with EXPECTED (NAME.expected); prints the result line
run_case() {
    engine=$1 name=$2
    id=${3:-guest.proc.$engine.$name}
    bin=${4:-build/guest/proc/$name} base=tests/guest/proc/$name
    expected=${5:-$base.expected}
    extra=${6:-}
    if [ ! -x "$bin" ]; then
        fail "$id" "not built ($bin)"
        return 1
    fi
    want_status=0
    [ -f "$base.status" ] && want_status=$(tr -d ' \n' <"$base.status")
    args=
    [ -f "$base.args" ] && args=$(cat "$base.args")
    flag=
    [ "$engine" != jit ] && flag=--engine=$engine
    flag="$flag $extra"
    set -f
    # shellcheck disable=SC2086  # flag and args are split on purpose
    $clean_env timeout -k 5 "$timeout_s" "$crossrun" $flag "$bin" $args \
        </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
    set +f
    if [ "$status" -eq 124 ] || { [ "$status" -eq 137 ] && [ "$want_status" -ne 137 ]; }; then
        fail "$id" "timeout after ${timeout_s}s"
        return 1
    fi
    if [ "$status" -ne "$want_status" ]; then
        errline=$(grep -m1 . "$tmp/err" 2>/dev/null)
        reason="exit $status (expected $want_status)"
        [ -n "$errline" ] && reason="$reason; stderr: $(one_line "$errline")"
        fail "$id" "$reason"
        return 1
    fi
    if ! cmp -s "$expected" "$tmp/out"; then
        line=$(cmp "$expected" "$tmp/out" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
        if [ -z "$line" ]; then
            fail "$id" "stdout has $(wc -l <"$tmp/out") lines, expected $(wc -l <"$expected")"
            return 1
        fi
        got=$(sed -n "${line}p" "$tmp/out")
        want=$(sed -n "${line}p" "$expected")
        fail "$id" "stdout line $line: got '$(one_line "$got")' expected '$(one_line "$want")'"
        return 1
    fi
    echo "PASS $id"
}

for engine in $engines; do
    for src in tests/guest/proc/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        if [ ! -f "tests/guest/proc/$name.expected" ]; then
            fail "guest.proc.$engine.$name" "no tests/guest/proc/$name.expected"
            continue
        fi
        run_case "$engine" "$name"
    done
done

# the dynamically linked variants
if [ ! -e "$sysroot/lib/ld-linux-riscv64-lp64d.so.1" ]; then
    echo "SKIP guest.proc.dyn: no riscv64 dynamic linker in $sysroot/lib (set GUEST_SYSROOT)"
else
    for engine in $dyn_engines; do
        for src in tests/guest/proc/*.c; do
            [ -e "$src" ] || continue
            name=$(basename "$src" .c)
            base=tests/guest/proc/$name
            id=guest.proc.$engine.dyn.$name
            if [ -f "$base.dynamic.skip" ]; then
                echo "SKIP $id: $(one_line "$(cat "$base.dynamic.skip")")"
                continue
            fi
            expected=$base.expected
            [ -f "$base.dynamic.expected" ] && expected=$base.dynamic.expected
            if [ ! -f "$expected" ]; then
                fail "$id" "no $expected"
                continue
            fi
            run_case "$engine" "$name" "$id" "build/guest/proc/dyn/$name" "$expected" \
                "-L $sysroot"
        done
    done
fi

# A riscv64 binfmt_misc handler: an enabled entry whose magic has e_machine 0xf3 (EM_RISCV)
# at byte 18 of a 64-bit ELF header.
handler=
bm=/proc/sys/fs/binfmt_misc
if [ -d "$bm" ] && ! grep -qx disabled "$bm/status" 2>/dev/null; then
    for entry in "$bm"/*; do
        case $(basename "$entry") in register | status) continue ;; esac
        [ -f "$entry" ] || continue
        magic=$(sed -n 's/^magic //p' "$entry" 2>/dev/null)
        if grep -qx enabled "$entry" 2>/dev/null &&
            [ "$(printf '%s' "$magic" | cut -c1-10)" = 7f454c4602 ] &&
            [ "$(printf '%s' "$magic" | cut -c37-40)" = f300 ]; then
            handler=$entry
        fi
    done
fi
if [ -n "$handler" ]; then
    echo "SKIP guest.proc.reexec_without_binfmt: $handler is registered, a riscv64 execve may go through it"
else
    first_engine=${engines%% *}
    run_case "$first_engine" exec_self guest.proc.reexec_without_binfmt
fi
exit $failed
