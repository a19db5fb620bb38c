#!/bin/sh
# tests/run-all.sh - the `make check` driver.
#
#   tests/run-all.sh [CROSSRUN]          (default ./crossrun; FULL=1 adds the long suites)
#
# Runs, in order: every unit-test binary build/tests/unit/*, the end-to-end scripts
# tests/e2e/*.sh (bad_input.sh first), tests/guest/run.sh and tests/diff/run.sh (each suite
# that exists), passing CROSSRUN to the scripts. Every suite prints "PASS name" / "FAIL name: why" / "SKIP name: why" lines; they are
# shown as they come, the FAIL lines are repeated at the end, and the last line is exactly
#   N passed, N failed            (plus ", N skipped" when something was skipped)
# A suite that exits non-zero without printing a FAIL line, or a unit binary that prints
# nothing, counts as one failure of its own. Exit status 1 if anything failed.
set -u

cd "$(dirname "$0")/.." || exit 1
crossrun=${1:-./crossrun}
suite_timeout=${SUITE_TIMEOUT:-900}
export FULL="${FULL:-0}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
: >"$tmp/results"

# run_suite NAME COMMAND...: runs COMMAND with a time limit, streams its output, collects
# its result lines into $tmp/results
run_suite() {
    name=$1
    shift
    echo "== $name"
    { timeout -k 10 "$suite_timeout" "$@" 2>&1; echo $? >"$tmp/status"; } | tee "$tmp/out"
    status=$(cat "$tmp/status")
    grep -E '^(PASS|FAIL|SKIP) ' "$tmp/out" >>"$tmp/results"
    if [ "$status" -eq 124 ]; then
        echo "FAIL $name: suite timed out after ${suite_timeout}s" | tee -a "$tmp/results"
    elif [ "$status" -ne 0 ] && ! grep -q '^FAIL ' "$tmp/out"; then
        echo "FAIL $name: exited with status $status without reporting a failure" | tee -a "$tmp/results"
    elif ! grep -qE '^(PASS|FAIL|SKIP) ' "$tmp/out"; then
        echo "FAIL $name: reported no results" | tee -a "$tmp/results"
    fi
}

# 1. unit tests (built by `make unit`)
for bin in build/tests/unit/*; do
    if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then continue; fi
    case $bin in *.d | *.o) continue ;; esac
    run_suite "unit.$(basename "$bin")" "$bin"
done

# run_script SCRIPT: a suite script, run through its #! line when executable
run_script() {
    if [ -x "$1" ]; then
        run_suite "$1" "$1" "$crossrun"
    else
        run_suite "$1" sh "$1" "$crossrun"
    fi
}

# The busybox chroot case of tests/e2e/binfmt.sh needs a riscv64 busybox: build the real
# programs first (cached after the first run; a failure shows up as SKIP lines later).
scripts/build-real-programs.sh busybox >"$tmp/build-real.log" 2>&1 || true

# 2. end-to-end command-line behaviour (every tests/e2e/*.sh; fuzz_elf.sh fuzzes the ELF loader, 20x longer with FULL=1)
[ -f tests/e2e/bad_input.sh ] && run_script tests/e2e/bad_input.sh
for script in tests/e2e/*.sh; do
    [ -f "$script" ] && [ "$script" != tests/e2e/bad_input.sh ] && run_script "$script"
done
# 3. guest programs (tests/guest/run.sh and each family's tests/guest/*/run.sh),
# 4. differential runs against an oracle
for script in tests/guest/run.sh tests/guest/*/run.sh tests/diff/run.sh tests/real/run.sh; do
    [ -f "$script" ] && run_script "$script"
done

# 5. the thread stress test: 100 runs on the JIT here, on both engines with FULL=1
if [ "$FULL" = 1 ]; then
    run_script tests/guest/threads/stress.sh
else
    (ENGINES=jit; export ENGINES; run_script tests/guest/threads/stress.sh)
fi

# 6. long suites, only with FULL=1 (none yet: any tests/*/full.sh is picked up)
if [ "$FULL" = 1 ]; then
    for script in tests/*/full.sh; do
        [ -f "$script" ] && run_script "$script"
    done
fi

passed=$(grep -c '^PASS ' "$tmp/results")
failed=$(grep -c '^FAIL ' "$tmp/results")
skipped=$(grep -c '^SKIP ' "$tmp/results")
if [ "$failed" -gt 0 ]; then
    echo
    echo "Failures:"
    grep '^FAIL ' "$tmp/results"
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
