#!/bin/sh
# tests/guest/threads/regen-expected.sh - developer tool, never run by `make check`: runs the
# thread and signal tests under qemu-riscv64 (the oracle) and writes NAME.expected.new
# wherever its stdout differs from NAME.expected, for a person to review and rename. It
# never overwrites a golden file.
#   tests/guest/threads/regen-expected.sh [threads|signals ...]
# Reviewed differences, where Debian 12's QEMU (7.2) is wrong and the golden file follows
# Linux (checked by building the generic part of the test for the host and running it on
# the host kernel, whose signal code is the same for every architecture):
#   signals/siginfo   "sa_mask:" line: QEMU runs a signal raised inside a handler whose
#                     sa_mask blocks it at once (nested); Linux defers it until the handler
#                     returns: "order 100 120, max depth 1".
#   signals/altstack  "SS_AUTODISARM:" line: QEMU does not implement SS_AUTODISARM; Linux
#                     reports the stack disabled inside the handler: "disabled inside 1".
#   signals/rtqueue, signals/posix_timers, threads/robust, threads/robust_raw: golden files
#                     from the host kernel (each program built for x86_64), not QEMU 7.2,
#                     which delivers unblocked signals highest number first, remaps timer
#                     ids and walks no robust futex list (each test's header says more).
set -u
cd "$(dirname "$0")/../../.." || exit 1
[ $# -eq 0 ] && set -- threads signals
ulimit -c 0 2>/dev/null
for suite in "$@"; do
    make -j2 --no-print-directory -f tests/guest/threads/threads.mk SUITE="$suite" static \
        >/dev/null || exit 1
    for src in tests/guest/"$suite"/*.c; do
        name=$(basename "$src" .c)
        base=tests/guest/$suite/$name
        timeout 60 qemu-riscv64 "build/guest/$suite/$name" </dev/null >"$base.expected.new" \
            2>/dev/null
        status=$?
        if [ -f "$base.expected" ] && cmp -s "$base.expected" "$base.expected.new"; then
            rm -f "$base.expected.new"
            echo "$suite/$name: same (exit $status)"
        else
            echo "$suite/$name: DIFFERS, see $base.expected.new (exit $status)"
        fi
    done
done
