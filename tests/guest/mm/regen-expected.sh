#!/bin/sh
# tests/guest/mm/regen-expected.sh - developer tool, never run by `make check`: runs each mm
# test under its oracle and writes tests/guest/mm/NAME.expected.new (or
# NAME.dynamic.expected.new) wherever the oracle's stdout differs from the golden file, for a
# person to review and rename. It never overwrites a golden file.
#   tests/guest/mm/regen-expected.sh [NAME...]
#
# Oracles. The generic programs (everything but jit, jit_thread and maps_exe) are built for
# the host too (mm.mk GUEST_CC=cc OUT=build/guest/mm-native) and run natively: the Linux
# memory-management code they exercise (mm/mmap.c, mremap, madvise, brk, stack growth, page
# faults) is the same for x86_64 and riscv64. They are also run under qemu-riscv64 and the
# lines where it disagrees are counted, for information: Debian 12's QEMU (7.2) is wrong
# about MAP_FIXED_NOREPLACE (it replaces), mprotect of length 0 (ENOMEM), mremap to length 0
# (ENOMEM), madvise (ignores a hole, unknown advice, MADV_DONTFORK and MADV_WIPEONFORK), brk
# (keeps pages above a lowered break, no guard page below the next mapping), MAP_GROWSDOWN
# (no growth, no PROT_GROWSDOWN) and the [heap] line of /proc/self/maps.
# jit, jit_thread, jit_rewrite and maps_exe (static, and its dynamic build with -L) run under
# qemu-riscv64.
#
# Reviewed differences where neither oracle is riscv64 Linux, fixed up below:
#   mmap_basic "unaligned hint": x86_64 Linux rounds a hint address down to a page
#       (arch/x86/kernel/sys_x86_64.c); riscv64 uses the generic allocator, which rounds it
#       up (mm/mmap.c generic_get_unmapped_area_topdown: PAGE_ALIGN): "next page up".
#   jit "riscv_flush_icache with unknown flags": QEMU 7.2 ignores the flags; Linux returns
#       EINVAL for any flag but SYS_RISCV_FLUSH_ICACHE_LOCAL (arch/riscv/kernel/sys_riscv.c).
set -u
cd "$(dirname "$0")/../../.." || exit 1
sysroot=${GUEST_SYSROOT:-/usr/riscv64-linux-gnu}
make -j2 --no-print-directory -f tests/guest/mm/mm.mk all >/dev/null || exit 1
make -j2 --no-print-directory -f tests/guest/mm/mm.mk static GUEST_CC=cc \
    OUT=build/guest/mm-native >/dev/null || exit 1
if [ $# -eq 0 ]; then
    for src in tests/guest/mm/*.c; do
        set -- "$@" "$(basename "$src" .c)"
    done
fi
# shellcheck disable=SC3045  # dash and bash both have ulimit -c
ulimit -c 0 2>/dev/null
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-mm-regen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# update GOLDEN OUTPUT STATUS: GOLDEN.new if OUTPUT differs from GOLDEN
update() {
    if [ -f "$1" ] && cmp -s "$1" "$2"; then
        echo "$1: same (exit $3)"
    else
        cp "$2" "$1.new"
        echo "$1: DIFFERS, see $1.new (exit $3)"
    fi
}

for name in "$@"; do
    base=tests/guest/mm/$name
    case $name in
    code_stale)
        # riscv64 machine code, so no host build; QEMU 7.2 aborts on its brk case (assertion
        # in cpu_exec): the golden file is crossrun's output, reviewed by hand against Linux
        # semantics (new mappings and a regrown heap hold the new code; a fetch past the end
        # of a file mapping is SIGBUS/BUS_ADRERR).
        echo "code_stale: no oracle, golden file reviewed by hand"
        ;;
    jit | jit_thread | jit_rewrite | maps_exe)
        timeout 60 qemu-riscv64 "build/guest/mm/$name" </dev/null >"$tmp/out" 2>/dev/null
        status=$?
        if [ "$name" = jit ]; then
            sed 's/^\(  riscv_flush_icache with unknown flags:\) ok$/\1 EINVAL/' "$tmp/out" \
                >"$tmp/fixed" && mv "$tmp/fixed" "$tmp/out"
        fi
        update "$base.expected" "$tmp/out" "$status"
        if [ "$name" = maps_exe ]; then
            timeout 60 qemu-riscv64 -L "$sysroot" "build/guest/mm/dyn/$name" </dev/null \
                >"$tmp/out" 2>/dev/null
            update "$base.dynamic.expected" "$tmp/out" "$?"
        fi
        ;;
    *)
        timeout 60 "build/guest/mm-native/$name" </dev/null >"$tmp/out" 2>/dev/null
        status=$?
        if [ "$name" = mmap_basic ]; then
            sed 's/^\(unaligned hint: placed at the\) page below$/\1 next page up/' "$tmp/out" \
                >"$tmp/fixed" && mv "$tmp/fixed" "$tmp/out"
        fi
        update "$base.expected" "$tmp/out" "$status"
        timeout 60 qemu-riscv64 "build/guest/mm/$name" </dev/null >"$tmp/qemu" 2>/dev/null
        n=$(diff "$tmp/out" "$tmp/qemu" | grep -c '^>')
        [ "$n" -gt 0 ] && echo "  (qemu-riscv64 disagrees on $n lines: see the notes above)"
        ;;
    esac
done
