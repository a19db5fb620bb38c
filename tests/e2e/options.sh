#!/bin/sh
# options.sh - end-to-end checks of crossrun's command line: QEMU-named options, QEMU_*
# variables, exit statuses, and the debug log. Usage: tests/e2e/options.sh ./crossrun
# Prints "PASS e2e.options.<case>" / "FAIL e2e.options.<case>: why" per case.
CROSSRUN=${1:-./crossrun}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/e2e
mkdir -p "$out"
prog=$out/showargs
if ! riscv64-linux-gnu-gcc -static -O2 -o "$prog" "$top/tests/e2e/progs/showargs.c" 2>"$out/cc.log"; then
    echo "FAIL e2e.options.build: riscv64-linux-gnu-gcc failed: $(head -1 "$out/cc.log")"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS e2e.options.$1"; }
fail() { echo "FAIL e2e.options.$1: $2"; }
# expect NAME STATUS PATTERN CMD...: runs CMD, checks the exit status and that stdout+stderr match PATTERN
expect() {
    name=$1 want=$2 pat=$3
    shift 3
    timeout 20 "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        fail "$name" "exit status $got, expected $want: $(head -c 200 "$tmp/out" | tr '\n' ' ')"
    elif [ -n "$pat" ] && ! grep -q -- "$pat" "$tmp/out"; then
        fail "$name" "output lacks '$pat': $(head -c 200 "$tmp/out" | tr '\n' ' ')"
    else
        pass "$name"
    fi
}
# expect_not NAME PATTERN CMD...: status 0 and output must not match PATTERN
expect_not() {
    name=$1 pat=$2
    shift 2
    timeout 20 "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" != 0 ]; then fail "$name" "exit status $got"
    elif grep -q -- "$pat" "$tmp/out"; then fail "$name" "output has '$pat'"
    else pass "$name"; fi
}

expect version 0 "crossrun version" "$CROSSRUN" --version
expect help 0 "QEMU_LD_PREFIX" "$CROSSRUN" --help
expect no_program 2 "usage" "$CROSSRUN"
expect bad_option 2 "unknown option '-bogus'" "$CROSSRUN" -bogus "$prog"
expect missing_arg 2 "needs an argument" "$CROSSRUN" -L
expect bad_log_item 2 "unknown -d item 'nonsense'" "$CROSSRUN" -d nonsense "$prog"
expect bad_engine 2 "unknown engine" "$CROSSRUN" --engine=fast "$prog"
expect cpu_help 0 "riscv64" "$CROSSRUN" -cpu help
expect bad_cpu 2 "unknown CPU model 'z80'" "$CROSSRUN" -cpu z80 "$prog"
expect args 0 "argv\[2\]=two words" "$CROSSRUN" "$prog" one "two words"
expect exit_status 42 "" "$CROSSRUN" "$prog" exit 42
expect set_env 0 "FOO=bar" "$CROSSRUN" -E FOO=bar "$prog"
expect set_env_twice 0 "FOO=second" "$CROSSRUN" -E FOO=first -E FOO=second "$prog"
expect qemu_set_env 0 "BAZ=2" env QEMU_SET_ENV=BAR=1,BAZ=2 "$CROSSRUN" "$prog"
expect_not unset_env "HOME=/" env HOME=/ "$CROSSRUN" -U HOME "$prog"
expect_not qemu_unset_env "HOME=/" env HOME=/ QEMU_UNSET_ENV=HOME "$CROSSRUN" "$prog"
expect argv0 0 "argv\[0\]=myname" "$CROSSRUN" -0 myname "$prog"
expect qemu_argv0 0 "argv\[0\]=fromenv" env QEMU_ARGV0=fromenv "$CROSSRUN" "$prog"
expect cmdline_wins 0 "argv\[0\]=cmdline" env QEMU_ARGV0=fromenv "$CROSSRUN" -0 cmdline "$prog"
expect strace 0 "write(1," "$CROSSRUN" -strace "$prog"
expect qemu_strace 0 "exit_group(" env QEMU_STRACE=1 "$CROSSRUN" "$prog"
expect interp_engine 0 "argv\[1\]=x" "$CROSSRUN" --engine=interp "$prog" x

# -d items into a -D file
rm -f "$tmp/log"
"$CROSSRUN" -d in_asm,op,out_asm -D "$tmp/log" "$prog" >/dev/null 2>&1
for item in "IN: 0x" "IR block" "OUT: \[size="; do
    if grep -q "$item" "$tmp/log" 2>/dev/null; then pass "log_file.$(echo "$item" | cut -c1-3 | tr -dc a-zA-Z)"
    else fail "log_file.$(echo "$item" | cut -c1-3 | tr -dc a-zA-Z)" "no '$item' in the -D log"; fi
done
QEMU_LOG=exec QEMU_LOG_FILENAME="$tmp/log2" "$CROSSRUN" "$prog" >/dev/null 2>&1
if grep -q "Trace: 0x" "$tmp/log2" 2>/dev/null; then pass qemu_log_exec; else fail qemu_log_exec "no Trace lines"; fi
expect stats 0 "blocks translated" "$CROSSRUN" -d stats "$prog"
# -d stats counts what ran: 200,000 indirect calls (and their returns) at least, nearly all
# found in the jump cache; the JIT and the interpreter run the same blocks, so their block
# and instruction counts agree exactly.
calls=$out/calls
if riscv64-linux-gnu-gcc -static -O2 -o "$calls" "$top/tests/e2e/progs/calls.c" 2>"$out/cc.log"; then
    stat_of() { sed -n "s/.*[:,] $2 \([0-9.]*\).*/\1/p" "$1"; }
    "$CROSSRUN" -d stats -D "$tmp/stats.jit" "$calls" >/dev/null 2>&1
    "$CROSSRUN" --engine=interp -d stats -D "$tmp/stats.interp" "$calls" >/dev/null 2>&1
    ind=$(stat_of "$tmp/stats.jit" "indirect jumps") hit=$(stat_of "$tmp/stats.jit" "jump cache hit rate")
    if [ -n "$ind" ] && [ "$ind" -ge 400000 ] && awk -v h="$hit" 'BEGIN { exit !(h >= 99) }'; then
        pass stats_indirect
    else fail stats_indirect "indirect jumps '$ind', hit rate '$hit'%: $(cat "$tmp/stats.jit")"; fi
    sum=$(for k in "entries chained" "entries jump cache" "entries run loop"; do stat_of "$tmp/stats.jit" "$k"; done |
          awk '{ s += $1 } END { print s }')
    if awk -v s="$sum" 'BEGIN { exit !(s > 99.5 && s < 100.5) }'; then pass stats_entries
    else fail stats_entries "block entry shares add up to '$sum'%"; fi
    for k in "blocks run" "guest insns run"; do
        j=$(stat_of "$tmp/stats.jit" "$k") i=$(stat_of "$tmp/stats.interp" "$k")
        if [ -n "$j" ] && [ "$j" = "$i" ] && [ "$j" -ge 600000 ]; then pass "stats_engines_agree.$(echo "$k" | tr ' ' _)"
        else fail "stats_engines_agree.$(echo "$k" | tr ' ' _)" "JIT '$j', interpreter '$i'"; fi
    done
else
    fail stats_build "riscv64-linux-gnu-gcc failed: $(head -1 "$out/cc.log")"
fi
expect unwritable_log 2 "-D /nonexistent/dir/log" "$CROSSRUN" -D /nonexistent/dir/log "$prog"
exit 0
