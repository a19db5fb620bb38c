#!/usr/bin/env bash
# run.sh - real programs from Debian source packages (Lua, xz, SQLite, busybox) under crossrun:
# each workload's output (stdout, stderr and exit status) under crossrun must equal the native
# x86_64 build's byte for byte.
# Usage: tests/real/run.sh [path/to/crossrun]   (default: ./crossrun at the repository root)
# Builds first with scripts/build-real-programs.sh (cached: a second build run does nothing).
# Environment:
#   REAL_ENGINES   engines to test (default "jit"; "jit interp" when FULL=1, as check-full sets)
#   REAL_PROGS     programs (default "lua xz sqlite busybox")
#   REAL_TIMEOUT   seconds per guest run (default 300; then SIGTERM, SIGKILL 5 s later)
#   REAL_NO_BUILD  set: use only what is already built
# Prints "PASS real.<workload>.<static|dynamic>.<engine>", "FAIL ...: reason" or
# "SKIP ...: reason" per case, then "N passed, N failed, N skipped"; exit status 1 if any failed.
# A workload is tests/real/<prog>/workload.sh's workload_<name> (a program may have several,
# listed in REAL_WORKLOADS[prog]); it runs the program only through `guest NAME ARGS...`.
# On a failure both transcripts stay in build/real/out/ and the reason names the first
# differing line and the first new stderr line.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
source "$top/scripts/real/common.sh"

CROSSRUN=${1:-$top/crossrun}
case $CROSSRUN in /*) ;; *) CROSSRUN=$(pwd)/$CROSSRUN ;; esac
if [ -n "${FULL:-}" ]; then ENGINES=${REAL_ENGINES:-jit interp}; else ENGINES=${REAL_ENGINES:-jit}; fi
PROGS=${REAL_PROGS:-${REAL_ALL_PROGS[*]}}
TIMEOUT=${REAL_TIMEOUT:-300}
OUT=$REAL_DIR/out
mkdir -p "$OUT"
export LC_ALL=C TZ=UTC
unset LANG LANGUAGE

npass=0 nfail=0 nskip=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }
skip() { echo "SKIP $1: $2"; nskip=$((nskip + 1)); }

# Build (cached). Its SKIP and FAIL lines are ours; its progress goes to stderr.
declare -A build_problem=()
if [ -z "${REAL_NO_BUILD:-}" ]; then
    # shellcheck disable=SC2086
    while IFS= read -r line; do
        case $line in
            "SKIP real."*|"FAIL real."*)
                name=${line#* real.}; prog=${name%%[.:]*}
                build_problem[$prog]="${build_problem[$prog]:-}${build_problem[$prog]:+; }${line#* }"
                case $line in "FAIL "*) echo "$line"; nfail=$((nfail + 1)) ;; esac ;;
            *) echo "$line" >&2 ;;
        esac
    done < <("$top/scripts/build-real-programs.sh" $PROGS 2>&1)
fi

# How a workload runs its program: guest NAME ARGS... runs the program under test with argv[0]
# NAME, in the current directory, stdin/stdout/stderr inherited. MODE, BIN, ENGINE set per case.
guest() {
    local name=$1
    shift
    case $MODE in
        native) timeout -k 5 "$TIMEOUT" bash -c 'exec -a "$0" "$@"' "$name" "$BIN" "$@" ;;
        static) timeout -k 5 "$TIMEOUT" "$CROSSRUN" --engine="$ENGINE" -0 "$name" "$BIN" "$@" ;;
        dynamic) timeout -k 5 "$TIMEOUT" "$CROSSRUN" --engine="$ENGINE" -L "$REAL_SYSROOT" -0 "$name" "$BIN" "$@" ;;
    esac
    local status=$?
    { [ $status = 124 ] || [ $status = 137 ]; } && echo "$name $*" >>"$OUT/timed-out"
    return $status
}

# transcript WORKLOAD FILE: runs workload_WORKLOAD in a fresh directory; FILE gets its stdout,
# then its stderr, then its exit status.
transcript() {
    local wl=$1 file=$2 work status
    work=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-real.XXXXXX") || return 1
    (cd "$work" && "workload_$wl" >"$file.stdout" 2>"$file.stderr" </dev/null)
    status=$?
    rm -rf "$work"
    { cat "$file.stdout"; echo "== stderr"; cat "$file.stderr"; echo "== exit status $status"; } >"$file"
    rm -f "$file.stdout" "$file.stderr"
    return $status
}

# first_difference A B: "line N: expected '...', got '...'", then the first line of B's stderr
# that A's stderr does not have (usually the guest's or crossrun's complaint).
first_difference() {
    local n extra
    n=$(cmp "$1" "$2" 2>/dev/null | sed -n 's/.* line \([0-9]*\)$/\1/p')
    [ -z "$n" ] && n=$(($(wc -l <"$1") + 1))
    printf "line %s: expected '%s', got '%s'" "$n" \
        "$(sed -n "${n}p" "$1" | head -c 150)" "$(sed -n "${n}p" "$2" | head -c 150)"
    extra=$(sed -n '/^== stderr$/,/^== exit status/p' "$2" | grep -Fxv -f <(sed -n '/^== stderr$/,$p' "$1") | head -n 1)
    [ -n "$extra" ] && printf "; new on stderr: '%s'" "$(echo "$extra" | head -c 200)"
}

if [ ! -x "$CROSSRUN" ]; then
    for prog in $PROGS; do for v in $(real_variants "$prog"); do for e in $ENGINES; do
        skip "real.$prog.$v.$e" "no crossrun at $CROSSRUN"
    done; done; done
    echo "$npass passed, $nfail failed, $nskip skipped"
    exit 0
fi

declare -A REAL_WORKLOADS=()
for prog in $PROGS; do
    # shellcheck disable=SC1090
    source "$top/tests/real/$prog/workload.sh"
    variants=$(real_variants "$prog")
    for wl in ${REAL_WORKLOADS[$prog]:-$prog}; do
        for e in $ENGINES; do
            if [ ! -x "$REAL_BIN/$prog.native" ]; then
                why=${build_problem[$prog]:-not built (run scripts/build-real-programs.sh)}
                for v in $variants; do skip "real.$wl.$v.$e" "$why"; done
                continue
            fi
            # The reference run, once per engine: a workload may scale itself down for the IR
            # interpreter (REAL_SCALE_ENGINE says which engine the guest runs will use).
            MODE=native BIN=$REAL_BIN/$prog.native ENGINE=none REAL_SCALE_ENGINE=$e
            ref=$OUT/$wl.native.$e
            t0=$SECONDS
            if ! transcript "$wl" "$ref"; then
                for v in $variants; do
                    fail "real.$wl.$v.$e" "the native reference run failed: $(tail -n 3 "$ref" | tr '\n' ' ')"
                done
                continue
            fi
            native_secs=$((SECONDS - t0))
            for v in $variants; do
                name=real.$wl.$v.$e
                if [ ! -x "$REAL_BIN/$prog.$v" ]; then
                    skip "$name" "${build_problem[$prog]:-$prog.$v not built}"
                    continue
                fi
                MODE=$v BIN=$REAL_BIN/$prog.$v ENGINE=$e
                rm -f "$OUT/timed-out"
                t0=$SECONDS
                transcript "$wl" "$OUT/$name"
                secs=$((SECONDS - t0))
                echo "real: $name took $secs s (native $native_secs s)" >&2
                if cmp -s "$ref" "$OUT/$name"; then
                    pass "$name"
                    rm -f "$OUT/$name"
                else
                    why=
                    [ -f "$OUT/timed-out" ] && why="a guest run timed out after $TIMEOUT s or was killed ($(head -n 1 "$OUT/timed-out")); "
                    fail "$name" "${why}output differs from native ($ref vs $OUT/$name), $(first_difference "$ref" "$OUT/$name")"
                fi
            done
        done
    done
done
echo "$npass passed, $nfail failed, $nskip skipped"
[ $nfail -eq 0 ]
