#!/bin/sh
# tests/guest/regen-expected.sh - developer tool, never run by `make check`: (re)writes the
# golden stdout tests/guest/c/NAME.expected of C/C++ guest programs by running them under an
# oracle emulator (default qemu-riscv64) with their NAME.args / NAME.stdin, and reports the
# exit status next to NAME.status. Review every changed .expected file before committing it.
#   tests/guest/regen-expected.sh [NAME...]        ORACLE=qemu-riscv64 by default
set -u
cd "$(dirname "$0")/../.." || exit 1
oracle=${ORACLE:-qemu-riscv64}
make -j2 --no-print-directory -f tests/guest/guest.mk c || exit 1
if [ $# -eq 0 ]; then
    set --
    for src in tests/guest/c/*.c tests/guest/c/*.cc; do
        [ -e "$src" ] || continue
        name=$(basename "$src")
        set -- "$@" "${name%.*}"
    done
fi
# shellcheck disable=SC3045
ulimit -c 0 2>/dev/null
for name in "$@"; do
    base=tests/guest/c/$name
    args=
    [ -f "$base.args" ] && args=$(cat "$base.args")
    stdin=/dev/null
    [ -f "$base.stdin" ] && stdin=$base.stdin
    set -f
    # shellcheck disable=SC2086
    "$oracle" "build/guest/c/$name" $args <"$stdin" >"$base.expected.new" 2>/dev/null
    status=$?
    set +f
    want=0
    [ -f "$base.status" ] && want=$(tr -d ' \n' <"$base.status")
    if [ -f "$base.expected" ] && cmp -s "$base.expected" "$base.expected.new"; then
        echo "$name: unchanged (exit $status, expected $want)"
        rm -f "$base.expected.new"
    else
        mv "$base.expected.new" "$base.expected"
        echo "$name: WROTE $base.expected (exit $status, expected $want)"
    fi
done
