#!/bin/sh
# fuzz_elf.sh - no ELF file can crash crossrun. Usage: tests/e2e/fuzz_elf.sh ./crossrun
#
# Builds the mutator tests/e2e/progs/elfmutate.c and the stopwatch bench/src/benchrun.c with
# the host gcc, and seed programs with riscv64-linux-gnu-gcc: fuzz_seed.c with glibc, static
# and dynamic (run with -L /usr/riscv64-linux-gnu), and the freestanding fuzz_tiny.c as a
# static ET_EXEC and a static PIE. Then runs N mutated copies (mutation i is the same file
# every time), each under a 10 s time limit with its peak RSS measured, on JOBS workers; one
# in five runs the dynamic seed with a mutated copy of the dynamic linker as its PT_INTERP.
# Each outcome is classified. What a mutated file may do:
#
#   load_error     exit 126/127 and exactly one stderr line "crossrun: ..." naming the file
#   guest_exit     the guest ran and exited (any status, its own output, no crossrun line)
#   guest_signal   the guest ran and died of a signal: crossrun's "guest ... killed by" line,
#                  or silently when the guest sent itself the signal (abort, raise): a rerun
#                  under -strace then shows the guest's system calls
#   guest_loop     still running at the time limit, but running guest code (a rerun under
#                  -d in_asm shows translated blocks): a mutated entry point or exit call
#                  can leave a program spinning, as it would on hardware
# and what it must never do:
#   host_crash     crossrun dies of a signal with no guest death report and no guest ran
#   internal_error "internal error"/"panic" on stderr
#   hang           the time limit passes before any guest code runs
#   memory         refusing the file took more than RSS_LIMIT_KB (default 128 MiB) of RSS
#   bad_message    a crossrun error that is not one line naming the file, or a crossrun
#                  line next to a guest exit
#   bad_status     a crossrun error with a status other than the documented 126/127
#
# Prints one line per category, "PASS fuzz_elf.<category>: counts" or "FAIL fuzz_elf.<category>:
# count: files", and keeps each failing file under build/e2e/fuzz-fail/ with its stderr and a
# .txt giving the mutation and how to recreate it. Defaults: N=1500 mutations (about 15 s
# on 2 cores); FULL=1 runs 20 times as many; N=, JOBS=, FIRST= (first mutation seed) override.
#
# Mutated programs run arbitrary code: each runs in a scratch directory, in a process group
# of its own, with its files capped by RLIMIT_FSIZE and its private writable memory by
# RLIMIT_DATA (DATA_LIMIT_KB, default 1 GiB: a guest asking for more gets ENOMEM, as under
# a memory limit; ulimit -v cannot be used with crossrun's 256 GiB reservation).
set -u

CROSSRUN=${1:?usage: $0 path/to/crossrun}
case $CROSSRUN in
    /*) ;;
    *) CROSSRUN=$(pwd)/$CROSSRUN ;;
esac
top=$(cd "$(dirname "$0")/../.." && pwd)
faildir=$top/build/e2e/fuzz-fail
sysroot=${SYSROOT:-/usr/riscv64-linux-gnu}
ldso=$sysroot/lib/ld-linux-riscv64-lp64d.so.1
N=${N:-1500}
[ "${FULL:-0}" = 1 ] && N=$((N * 20))
JOBS=${JOBS:-2}
FIRST=${FIRST:-1}
RSS_LIMIT_KB=${RSS_LIMIT_KB:-131072}
DATA_LIMIT_KB=${DATA_LIMIT_KB:-1048576}
TIME_LIMIT=10

pass() { echo "PASS fuzz_elf.$1: $2"; }
fail() { echo "FAIL fuzz_elf.$1: $2"; }

# A scratch directory of this run's own (another `make check` may be fuzzing at the same
# time), holding a copy of crossrun (a rebuild during the run must not change the binary).
mkdir -p "$top/build/e2e"
work=$(mktemp -d "$top/build/e2e/fuzz.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' HUP INT PIPE TERM
rm -rf "$faildir"
mkdir -p "$work/bin" "$work/seeds"
if ! cp "$CROSSRUN" "$work/bin/crossrun"; then
    fail build "cannot copy $CROSSRUN"
    exit 0
fi
CROSSRUN=$work/bin/crossrun

# ---- tools and seeds
if ! gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$work/bin/elfmutate" \
        "$top/tests/e2e/progs/elfmutate.c" 2>"$work/cc.log" ||
    ! gcc -std=gnu11 -O2 -o "$work/bin/benchrun" "$top/bench/src/benchrun.c" 2>>"$work/cc.log"; then
    fail build "host gcc failed: $(head -n 1 "$work/cc.log")"
    exit 0
fi
CC=riscv64-linux-gnu-gcc
TINY_FLAGS="-O2 -nostdlib -ffreestanding -fno-stack-protector"
if ! $CC -O2 -static -o "$work/seeds/static" "$top/tests/e2e/progs/fuzz_seed.c" 2>"$work/cc.log" ||
    ! $CC $TINY_FLAGS -static -o "$work/seeds/tiny_static" "$top/tests/e2e/progs/fuzz_tiny.c" 2>>"$work/cc.log" ||
    ! $CC $TINY_FLAGS -static-pie -fPIE -Wl,--no-dynamic-linker -o "$work/seeds/tiny_pie" \
        "$top/tests/e2e/progs/fuzz_tiny.c" 2>>"$work/cc.log"; then
    fail build "$CC failed: $(head -n 1 "$work/cc.log")"
    exit 0
fi
kinds="static tiny_static tiny_pie"
if [ -f "$ldso" ] && $CC -O2 -o "$work/seeds/dynamic" "$top/tests/e2e/progs/fuzz_seed.c" 2>"$work/cc.log"; then
    kinds="static dynamic tiny_static tiny_pie dynamic_ld"
else
    echo "SKIP fuzz_elf.dynamic: no dynamic riscv64 build or no $ldso"
fi
# Every unmutated seed must run, or the mutations say nothing.
for k in $kinds; do
    [ "$k" = dynamic_ld ] && continue
    out=$("$CROSSRUN" -L "$sysroot" "$work/seeds/$k" 2>&1)
    case $out in
        "fuzz "*" ok") ;;
        *) fail seeds "the unmutated $k seed does not run: $(echo "$out" | head -n 1)"; exit 0 ;;
    esac
done

# Odd things for PT_INTERP to name (elfmutate -i), in a directory that stays, so that a kept
# failing file still finds them.
odd=$top/build/e2e/fuzz-odd
mkdir -p "$odd/a-directory" "$odd/seeds"
[ -p "$odd/a-fifo" ] || mkfifo "$odd/a-fifo" 2>/dev/null || :
: >"$odd/empty"
printf '#!/bin/sh\necho not an elf\n' >"$odd/script"
ln -sf loop-b "$odd/loop-a"
ln -sf loop-a "$odd/loop-b"
cp "$work/seeds/static" "$work/seeds/tiny_static" "$work/seeds/tiny_pie" "$work/bin/benchrun" \
    "$odd/seeds/"
set -- -i "$odd/a-directory" -i "$odd/a-fifo" -i "$odd/empty" \
    -i "$odd/script" -i "$odd/loop-a" -i "$odd/a-directory/" \
    -i "$ldso" -i /lib/ld-linux-riscv64-lp64d.so.1 -i "$sysroot/lib/libc.so.6" \
    -i "$odd/seeds/static" -i "$odd/seeds/tiny_static" -i "$odd/seeds/tiny_pie" \
    -i "$odd/seeds/benchrun" -i "$odd/no-such-file"

# ---- one worker: mutations FIRST+w, FIRST+w+JOBS, ... below FIRST+N
# run_one DIR NAME OPTIONS... -> "status rss" of crossrun OPTIONS NAME, stderr in DIR/err
run_one() {
    dir=$1 prog=$2 limit=$3
    shift 3
    (
        cd "$dir" || exit 1
        ulimit -f 20000 2>/dev/null
        ulimit -d "$DATA_LIMIT_KB" 2>/dev/null
        "$work/bin/benchrun" -t "$limit" -o /dev/null -e "$dir/err" -- "$CROSSRUN" "$@" "$prog"
    ) | { read -r _wall rss status _cpu; echo "${status:-255} ${rss:-0}"; }
}

# classify DIR PROG STATUS RSS KIND: prints the category
classify() {
    dir=$1 prog=$2 status=$3 rss=$4 kind=$5
    opts="-L $sysroot"
    if [ "$status" -eq 124 ]; then
        # Did guest code run? A guest looping forever is the guest's business.
        run_one "$dir" "$prog" 3 $opts -d in_asm -D "$dir/log" >/dev/null
        if [ -s "$dir/log" ] && grep -q . "$dir/log"; then echo guest_loop; else echo hang; fi
        return
    fi
    if grep -qiE 'internal error|panic' "$dir/err"; then echo internal_error; return; fi
    first=$(head -n 1 "$dir/err")
    lines=$(wc -l <"$dir/err" | tr -d ' ')
    if [ "$status" -gt 128 ]; then
        if grep -q '^crossrun: guest [a-z0-9_]* killed by SIG' "$dir/err"; then
            echo guest_signal
            return
        fi
        # No report: a signal the guest sent itself (abort, raise) kills crossrun quietly,
        # as it would kill the guest. Then the guest had made system calls: crossrun had
        # loaded it and was running it (-strace logs a call once it returns, so the fatal
        # kill/tgkill itself is not seen).
        run_one "$dir" "$prog" "$TIME_LIMIT" $opts -strace -D "$dir/log" >/dev/null
        if grep -qE '^[0-9]+ [a-z_0-9]+\(' "$dir/log" 2>/dev/null; then echo guest_signal; else echo host_crash; fi
        return
    fi
    case $first in
        "crossrun: guest "*) ;;
        "crossrun: "*)
            case $status in
                126 | 127) ;;
                *) echo bad_status; return ;;
            esac
            if [ "$lines" -ne 1 ]; then echo bad_message; return; fi
            case $first in
                *"$prog"*) ;;
                *) echo bad_message; return ;;
            esac
            # Refusing a file takes little memory (a guest that ran may use what it likes).
            if [ "$rss" -gt "$RSS_LIMIT_KB" ]; then echo memory; else echo load_error; fi
            return
            ;;
    esac
    if grep -q '^crossrun: ' "$dir/err"; then echo bad_message; else echo guest_exit; fi
}

worker() {
    w=$1
    shift
    dir=$work/w$w
    mkdir -p "$dir"
    results=$work/results.$w
    : >"$results"
    i=$((FIRST + w))
    last=$((FIRST + N))
    nkinds=$(echo $kinds | wc -w)
    while [ "$i" -lt "$last" ]; do
        kind=$(echo $kinds | cut -d' ' -f$((i % nkinds + 1)))
        prog=$dir/case-$i
        rm -f "$dir/log" "$dir/err" "$dir/ld.so"
        if [ "$kind" = dynamic_ld ]; then
            # the dynamic linker mutated; the program names it (crossrun's -L does not apply)
            desc="ld.so: $("$work/bin/elfmutate" "$@" "$ldso" "$i" "$dir/ld.so")"
            "$work/bin/elfmutate" --set-interp "$dir/ld.so" "$work/seeds/dynamic" "$prog" >/dev/null
        else
            desc=$("$work/bin/elfmutate" "$@" "$work/seeds/$kind" "$i" "$prog")
        fi
        r=$(run_one "$dir" "$prog" "$TIME_LIMIT" -L "$sysroot")
        status=${r% *} rss=${r#* }
        cat=$(classify "$dir" "$prog" "$status" "$rss" "$kind")
        echo "$cat|$i|$kind|$status|$desc|$(head -n 1 "$dir/err" | cut -c 1-200 | tr -c '[:print:]' '?')" >>"$results"
        case $cat in
            load_error | guest_exit | guest_signal | guest_loop) ;;
            *)
                keep=$faildir/case-$i-$kind
                mkdir -p "$faildir"
                cp "$work/bin/elfmutate" "$faildir/" 2>/dev/null
                [ -f "$work/seeds/dynamic" ] && cp "$work/seeds/dynamic" "$faildir/seed-dynamic"
                cp --sparse=always "$prog" "$keep.elf" 2>/dev/null || cp "$prog" "$keep.elf"
                cp "$dir/err" "$keep.stderr" 2>/dev/null
                {
                    echo "category: $cat, status $status, peak RSS ${rss} KiB"
                    echo "mutation $i of seed program $kind: $desc"
                    echo "stderr: $(head -c 300 "$dir/err")"
                    if [ "$kind" = dynamic_ld ]; then
                        cp --sparse=always "$dir/ld.so" "$keep.ld.so"
                        echo "run: $faildir/elfmutate --set-interp $keep.ld.so" \
                            "$faildir/seed-dynamic $keep.elf && crossrun $keep.elf"
                    else
                        echo "run: crossrun -L $sysroot $keep.elf"
                    fi
                    [ "$kind" = dynamic ] && seed=$faildir/seed-dynamic || seed=$odd/seeds/$kind
                    [ "$kind" = dynamic_ld ] && seed=$ldso
                    echo "recreate: $faildir/elfmutate $* $seed $i OUT"
                } >"$keep.txt"
                ;;
        esac
        rm -f "$prog" "$dir/ld.so"
        i=$((i + JOBS))
    done
}

start=$(date +%s)
w=0
while [ "$w" -lt "$JOBS" ]; do
    worker "$w" "$@" &
    w=$((w + 1))
done
wait
elapsed=$(($(date +%s) - start))

cat "$work"/results.* >"$work/results"
cp "$work/results" "$top/build/e2e/fuzz-results.txt"   # category|seed|kind|status|mutation|stderr
total=$(wc -l <"$work/results" | tr -d ' ')
count() { grep -ac "^$1|" "$work/results"; }
if [ "$total" -ne "$N" ]; then
    fail run "$total results for $N mutations (a worker died?)"
fi
for c in load_error guest_exit guest_signal guest_loop; do
    pass "$c" "$(count "$c") of $total mutations ($elapsed s, $JOBS jobs, seeds $FIRST..$((FIRST + N - 1)))"
done
for c in host_crash internal_error hang memory bad_message bad_status; do
    n=$(count "$c")
    if [ "$n" -eq 0 ]; then
        pass "$c" "none in $total mutations"
    else
        files=$(grep -a "^$c|" "$work/results" | head -n 5 | awk -F'|' -v d="$faildir" \
            '{ printf "%s%s/case-%s-%s.elf (%s)", sep, d, $2, $3, $5; sep = "; " }')
        fail "$c" "$n of $total mutations: $files"
    fi
done
exit 0
