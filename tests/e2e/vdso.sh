#!/bin/sh
# vdso.sh - end-to-end checks of the guest vDSO (src/loader/vdso.c): glibc's clock_gettime and
# gettimeofday make no system call for the common clocks, in static and dynamic riscv64
# programs and with both engines (counted with -strace), a clock the vDSO does not serve still
# reaches the syscall, -d in_asm names the service instruction, and the same instruction
# outside the vDSO is illegal. Usage: tests/e2e/vdso.sh ./crossrun
# Prints "PASS e2e.vdso.<case>" / "FAIL e2e.vdso.<case>: why" / "SKIP e2e.vdso.<case>: why".
CROSSRUN=${1:-./crossrun}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/e2e
sysroot=/usr/riscv64-linux-gnu
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS e2e.vdso.$1"; }
fail() { echo "FAIL e2e.vdso.$1: $2"; }
CC=riscv64-linux-gnu-gcc
if ! $CC -static -O2 -o "$out/clock_loop_static" "$top/tests/e2e/progs/clock_loop.c" 2>"$out/cc.log" ||
    ! $CC -nostdlib -static -o "$out/vdso_insn" "$top/tests/e2e/progs/vdso_insn.S" 2>>"$out/cc.log"; then
    fail build "$CC failed: $(head -1 "$out/cc.log")"
    exit 0
fi
dynamic=
if $CC -O2 -o "$out/clock_loop_dynamic" "$top/tests/e2e/progs/clock_loop.c" 2>"$out/cc.log" &&
    [ -d "$sysroot" ]; then
    dynamic=$out/clock_loop_dynamic
fi

# no_syscall NAME CROSSRUN-ARGS...: 200000 readings under -strace make no clock syscall but
# the one CLOCK_PROCESS_CPUTIME_ID read, which must reach the kernel
no_syscall() {
    name=$1
    shift
    timeout 60 "$CROSSRUN" -strace "$@" 200000 >"$tmp/out" 2>"$tmp/err"
    status=$?
    n=$(grep -cE '(clock_gettime|gettimeofday)\(' "$tmp/err")
    cpu=$(grep -c 'clock_gettime(CLOCK_PROCESS_CPUTIME_ID' "$tmp/err")
    if [ "$status" != 0 ] || [ "$(cat "$tmp/out")" != "ok 200000" ]; then
        fail "$name" "exit status $status, output '$(head -c 100 "$tmp/out")', $(grep -v '^[0-9]' "$tmp/err" | head -1)"
    elif [ "$n" != 1 ] || [ "$cpu" != 1 ]; then
        fail "$name" "$n clock syscalls for 220000 clock reads (expected only the CPU-time one)"
    else
        pass "$name"
    fi
}
no_syscall static "$out/clock_loop_static"
no_syscall static_interp --engine=interp "$out/clock_loop_static"
if [ -n "$dynamic" ]; then
    no_syscall dynamic -L "$sysroot" "$dynamic"
    no_syscall dynamic_interp --engine=interp -L "$sysroot" "$dynamic"
else
    echo "SKIP e2e.vdso.dynamic: no dynamic riscv64 build or no $sysroot"
fi

# the translator's disassembly shows the service instruction inside [vdso]
"$CROSSRUN" -d in_asm -D "$tmp/log" "$out/clock_loop_static" 10 >/dev/null 2>&1
if grep -q 'crossrun.clock_gettime t0, a0, a1' "$tmp/log"; then pass in_asm
else fail in_asm "no 'crossrun.clock_gettime t0, a0, a1' in the -d in_asm log"; fi

# outside the vDSO the service instruction is illegal: SIGILL (128 + 4)
for engine in jit interp; do
    timeout 20 "$CROSSRUN" --engine=$engine "$out/vdso_insn" >"$tmp/out" 2>&1
    status=$?
    if [ "$status" = 132 ]; then pass "outside_is_illegal_$engine"
    else fail "outside_is_illegal_$engine" "exit status $status, expected 132 (SIGILL): $(head -c 160 "$tmp/out")"; fi
done
exit 0
