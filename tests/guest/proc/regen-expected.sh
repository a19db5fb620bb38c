#!/bin/sh
# tests/guest/proc/regen-expected.sh - developer tool, never run by `make check`: runs each
# test under an oracle and writes tests/guest/proc/NAME.expected.new wherever the oracle's
# stdout differs from NAME.expected, for a person to review (and rename) - it never
# overwrites a golden file.
#   tests/guest/proc/regen-expected.sh [NAME...]
# Oracles: the exec tests (exec, exec_self, spawn, exec_target) start riscv64 programs from
# riscv64 programs, which qemu-riscv64 cannot do without a binfmt_misc handler, so they are
# built for the host (GUEST_CC=cc into build/guest/proc-native) and run natively: the Linux
# kernel itself is the oracle for argv/envp, #! parsing and errno. clone_flags also runs
# natively (qemu-riscv64 7.2 gets CLONE_PARENT_SETTID, CLONE_FILES and CLONE_PIDFD wrong).
# The others run under qemu-riscv64. Reviewed differences in procfs.expected, where qemu
# 7.2 is not the kernel (the native run of procfs agrees with the golden file there): qemu
# puts the stack above 2^38 (crossrun's guest space is Sv39-sized), has no riscv64
# /proc/cpuinfo, does not map stat of /proc/self/exe or /proc/thread-self/auxv, and serves
# its /proc files writable and openable with O_DIRECTORY.
set -u
cd "$(dirname "$0")/../../.." || exit 1
make -j2 --no-print-directory -f tests/guest/proc/proc.mk static >/dev/null || exit 1
make -j2 --no-print-directory -f tests/guest/proc/proc.mk static GUEST_CC=cc \
    OUT=build/guest/proc-native >/dev/null || exit 1
if [ $# -eq 0 ]; then
    for src in tests/guest/proc/*.c; do
        set -- "$@" "$(basename "$src" .c)"
    done
fi
# shellcheck disable=SC3045  # dash and bash both have ulimit -c
ulimit -c 0 2>/dev/null
for name in "$@"; do
    base=tests/guest/proc/$name
    case $name in
    exec | exec_self | spawn | exec_target | clone_flags) run="build/guest/proc-native/$name" ;;
    *) run="qemu-riscv64 build/guest/proc/$name" ;;
    esac
    args=
    [ -f "$base.args" ] && args=$(cat "$base.args")
    set -f
    # shellcheck disable=SC2086
    env -i PATH=/usr/local/bin:/usr/bin:/bin $run $args </dev/null >"$base.expected.new" 2>/dev/null
    status=$?
    set +f
    if [ -f "$base.expected" ] && cmp -s "$base.expected" "$base.expected.new"; then
        rm -f "$base.expected.new"
        echo "$name: same (exit $status)"
    else
        echo "$name: DIFFERS, see $base.expected.new (exit $status)"
    fi
done
