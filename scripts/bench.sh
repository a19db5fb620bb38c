#!/usr/bin/env bash
# bench.sh - `make bench`: how fast crossrun runs riscv64 programs, against native x86_64 and
# Debian's qemu-riscv64. Builds the suite (our kernels in bench/src, plus Lua, xz and SQLite from
# Debian source via scripts/build-real-programs.sh), runs every program natively, under qemu and
# under crossrun, interleaved round-robin, and prints a table of median wall times, ratios, peak
# RSS and their geometric means, then hello-world start-up times. bench/README.md says more.
#
# Usage: scripts/bench.sh [--quick] [PROGRAM...]
#   --quick            1 run each and smaller inputs, for iteration during optimisation work
#   PROGRAM...         only these rows (names as in the table), e.g. `scripts/bench.sh fft lua`
# Environment:
#   BENCH_RUNS=N       runs per program and engine (default 5; 1 with --quick)
#   BENCH_STATS=1      also run each program once under `crossrun -d stats` and show the numbers
#   BENCH_TIMEOUT=S    seconds before one run counts as hung (default 300)
#   BENCH_STARTUP_RUNS=N  hello-world runs per engine (default 20; 5 with --quick)
#   CROSSRUN=PATH      the crossrun to measure (default ./crossrun); QEMU=PATH likewise
#   BENCH_JSON=PATH    where the JSON goes (default bench/results.json)
# Products: build/bench/ (binaries, inputs, outputs of the last run of each engine, the text
# table in results.txt), and the JSON file.
# Invariant: a run whose stdout or exit status differs from the native run's marks its row
# WRONG; a WRONG row is left out of the geometric means (which say how many rows they cover),
# is never shown with a ratio, and makes the exit status 1; so does a row that could not be built
# (SKIP) or a wrong hello world. Exit 2 when the suite cannot be set up.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

quick=0
only=()
for arg in "$@"; do
    case $arg in
        --quick) quick=1 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench: unknown option '$arg' (try --help)" >&2; exit 2 ;;
        *) only+=("$arg") ;;
    esac
done

if [ $quick = 1 ]; then
    RUNS=${BENCH_RUNS:-1}; STARTUP_RUNS=${BENCH_STARTUP_RUNS:-5}
else
    RUNS=${BENCH_RUNS:-5}; STARTUP_RUNS=${BENCH_STARTUP_RUNS:-20}
fi
TIMEOUT=${BENCH_TIMEOUT:-300}
CROSSRUN=${CROSSRUN:-$top/crossrun}
case $CROSSRUN in /*) ;; *) CROSSRUN=$(pwd)/$CROSSRUN ;; esac
QEMU=${QEMU:-qemu-riscv64}
JSON=${BENCH_JSON:-$top/bench/results.json}
B=$top/build/bench
export LC_ALL=C TZ=UTC
unset LANG LANGUAGE

# The suite: name, what it exercises, size argument (full and --quick). Sizes are set so each
# program runs about 0.3-0.7 s natively on a 2-core EPYC guest and the whole run, builds
# included, stays under 15 minutes; the floating-point kernels are the shortest natively because
# both emulators are 15-30x slower on them than on integer code.
PROGRAMS=(sort hash interp recurse matmul nbody fft memcpy ptrchase lua xz sqlite)
declare -A KIND=([sort]=int [hash]=int [interp]=int [recurse]=int [matmul]=fp [nbody]=fp
    [fft]=fp [memcpy]=mem [ptrchase]=mem [lua]=calls [xz]=compress [sqlite]=sql)
declare -A SIZE_FULL=([sort]=2500000 [hash]=1400000 [interp]=130000 [recurse]=300 [matmul]=500
    [nbody]=5000 [fft]=50 [memcpy]=120 [ptrchase]=4 [lua]=700000 [xz]=1536 [sqlite]=100000)
declare -A SIZE_QUICK=([sort]=500000 [hash]=250000 [interp]=25000 [recurse]=50 [matmul]=250
    [nbody]=1000 [fft]=12 [memcpy]=30 [ptrchase]=1 [lua]=150000 [xz]=256 [sqlite]=20000)
OWN_KERNELS=(sort hash interp recurse matmul nbody fft memcpy ptrchase)

if [ ${#only[@]} -gt 0 ]; then
    for p in "${only[@]}"; do
        [ -n "${KIND[$p]:-}" ] || { echo "bench: unknown program '$p' (known: ${PROGRAMS[*]})" >&2; exit 2; }
    done
    PROGRAMS=("${only[@]}")
fi

t_start=$SECONDS
log() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- building

for tool in gcc riscv64-linux-gnu-gcc "$QEMU"; do
    command -v "$tool" >/dev/null || { log "$tool is missing (run scripts/install-deps.sh)"; exit 2; }
done
[ -x "$CROSSRUN" ] || { log "$CROSSRUN is missing (run make)"; exit 2; }
mkdir -p "$B/native" "$B/rv64" "$B/data" "$B/out" || exit 2

BENCH_CFLAGS=(-O2 -ffp-contract=off -Wall -Wextra -Werror)

# build_if_stale OUT CC SRC [FLAGS...]: compiles SRC when OUT is missing or older than SRC or
# bench_common.h.
build_if_stale() {
    local out=$1 cc=$2 src=$3
    shift 3
    if [ -x "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt bench/src/bench_common.h ]; then
        return 0
    fi
    "$cc" "${BENCH_CFLAGS[@]}" "$@" -o "$out" "$src" -lm || { log "building $out failed"; exit 2; }
}

build_if_stale "$B/benchrun" gcc bench/src/benchrun.c
build_if_stale "$B/gentext" gcc bench/src/gentext.c
for k in "${OWN_KERNELS[@]}" hello; do
    build_if_stale "$B/native/$k" gcc "bench/src/$k.c" -static
    build_if_stale "$B/rv64/$k" riscv64-linux-gnu-gcc "bench/src/$k.c" -static
done

# Lua, xz and SQLite: the other engineers' builder, cached by its stamps.
# shellcheck source=scripts/real/common.sh
source "$top/scripts/real/common.sh"
declare -A SKIP_REASON=()
want_real=()
for p in lua xz sqlite; do
    for q in "${PROGRAMS[@]}"; do [ "$p" = "$q" ] && want_real+=("$p"); done
done
if [ ${#want_real[@]} -gt 0 ]; then
    t0=$SECONDS
    scripts/build-real-programs.sh "${want_real[@]}" >"$B/build-real.log" 2>&1
    grep -E '^(SKIP|FAIL|BUILD)' "$B/build-real.log" | sed 's/^/bench: /' >&2
    [ $((SECONDS - t0)) -gt 2 ] && log "real programs built in $((SECONDS - t0)) s (log: $B/build-real.log)"
    for p in "${want_real[@]}"; do
        if [ ! -x "$REAL_BIN/$p.native" ] || [ ! -x "$REAL_BIN/$p.static" ]; then
            SKIP_REASON[$p]="not built (see $B/build-real.log)"
        fi
    done
fi

# ---------------------------------------------------------------- commands

size_of() { if [ $quick = 1 ]; then echo "${SIZE_QUICK[$1]:-}"; else echo "${SIZE_FULL[$1]:-}"; fi; }

# Inputs that depend on the size: the xz input text and the SQL script with its row count.
prepare_input() {
    local p=$1 n
    n=$(size_of "$p")
    case $p in
        xz)
            [ -s "$B/data/text-$n.txt" ] || "$B/gentext" "$n" >"$B/data/text-$n.txt" || exit 2
            echo "$B/data/text-$n.txt" ;;
        sqlite)
            sed "s/@ROWS@/$n/" bench/sql/workload.sql >"$B/data/workload-$n.sql" || exit 2
            echo "$B/data/workload-$n.sql" ;;
        *) echo /dev/null ;;
    esac
}

# program_argv PROG native|guest: the program and its arguments, one per line.
program_argv() {
    local p=$1 side=$2 n
    n=$(size_of "$p")
    local variant=static dir=rv64
    [ "$side" = native ] && variant=native dir=native
    case $p in
        lua) printf '%s\n' "$REAL_BIN/lua.$variant" "$top/bench/lua/calls.lua" "$n" ;;
        xz) printf '%s\n' "$REAL_BIN/xz.$variant" -T1 -6 -c ;;
        sqlite) printf '%s\n' "$REAL_BIN/sqlite.$variant" ;;
        hello) printf '%s\n' "$B/$dir/hello" ;;
        *) printf '%s\n' "$B/$dir/$p" "$n" ;;
    esac
}

# engine_argv PROG ENGINE [CROSSRUN OPTIONS...]: the whole command line, one word per line.
engine_argv() {
    local p=$1 engine=$2
    shift 2
    case $engine in
        native) program_argv "$p" native ;;
        qemu) echo "$QEMU"; program_argv "$p" guest ;;
        crossrun) echo "$CROSSRUN"; [ $# -gt 0 ] && printf '%s\n' "$@"; program_argv "$p" guest ;;
    esac
}

# run_once PROG ENGINE STDIN OUTFILE [CROSSRUN OPTIONS...]: sets WALL RSS STATUS.
run_once() {
    local p=$1 engine=$2 in=$3 out=$4
    shift 4
    local -a argv
    mapfile -t argv < <(engine_argv "$p" "$engine" "$@")
    local line
    line=$("$B/benchrun" -t "$TIMEOUT" -i "$in" -o "$out" -e "$out.err" -- "${argv[@]}")
    read -r WALL RSS STATUS CPU <<<"$line"
    if [ -z "$CPU" ]; then   # benchrun itself failed: count it as a run that could not start
        WALL=0 RSS=0 STATUS=127 CPU=0
    fi
}

# ---------------------------------------------------------------- measuring

ENGINES=(native qemu crossrun)
declare -A TIMES=() CPUS=() RSSMAX=() STATE=() REASON=()

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) print "nan"; else if (NR % 2) printf "%.6f\n", v[(NR + 1) / 2];
              else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# status_text STATUS: what a bad exit status means, for the reason column.
status_text() {
    case $1 in
        124) echo "timed out after $TIMEOUT s" ;;
        127) echo "could not start" ;;
        *) if [ "$1" -gt 128 ]; then echo "killed by signal $(($1 - 128))"; else echo "exit status $1"; fi ;;
    esac
}

for p in "${PROGRAMS[@]}"; do
    if [ -n "${SKIP_REASON[$p]:-}" ]; then
        log "$p: SKIP, ${SKIP_REASON[$p]}"
        continue
    fi
    in=$(prepare_input "$p")
    for e in "${ENGINES[@]}"; do TIMES[$p.$e]=""; CPUS[$p.$e]=""; RSSMAX[$p.$e]=0; STATE[$p.$e]=ok; done
    ref=$B/out/$p.native.ref
    ref_status=
    for ((r = 1; r <= RUNS; r++)); do
        progress="$p run $r/$RUNS:"
        for e in "${ENGINES[@]}"; do
            [ "${STATE[$p.$e]}" = ok ] && [ "${STATE[$p.native]}" = ok ] || continue
            out=$B/out/$p.$e.out
            [ "$e" = native ] && [ -z "$ref_status" ] && out=$ref
            run_once "$p" "$e" "$in" "$out"
            bad=
            if [ "$e" = native ] && [ -z "$ref_status" ]; then
                ref_status=$STATUS
                { [ "$STATUS" = 124 ] || [ "$STATUS" = 127 ] || [ "$STATUS" -gt 128 ]; } \
                    && bad="native run failed: $(status_text "$STATUS")"
            elif [ "$STATUS" != "$ref_status" ]; then
                bad="$(status_text "$STATUS") (native: $ref_status)"
            elif ! cmp -s "$out" "$ref"; then
                bad="stdout differs from native (see $out)"
            fi
            if [ -n "$bad" ]; then
                STATE[$p.$e]=WRONG
                REASON[$p.$e]=$bad
                progress+=" $e WRONG"
                continue
            fi
            TIMES[$p.$e]+="$WALL "
            CPUS[$p.$e]+="$CPU "
            [ "$RSS" -gt "${RSSMAX[$p.$e]}" ] && RSSMAX[$p.$e]=$RSS
            progress+=" $e $(printf '%.2f' "$WALL")s"
        done
        log "$progress"
        [ "${STATE[$p.native]}" = ok ] || break
    done
done

# ---------------------------------------------------------------- start-up

declare -A STARTUP=() STARTUP_STATE=()
for e in "${ENGINES[@]}"; do STARTUP[$e]=""; STARTUP_STATE[$e]=ok; done
run_once hello native /dev/null "$B/out/hello.ref"
for ((r = 1; r <= STARTUP_RUNS; r++)); do
    for e in "${ENGINES[@]}"; do
        [ "${STARTUP_STATE[$e]}" = ok ] || continue
        run_once hello "$e" /dev/null "$B/out/hello.$e.out"
        if [ "$STATUS" != 0 ] || ! cmp -s "$B/out/hello.$e.out" "$B/out/hello.ref"; then
            STARTUP_STATE[$e]=WRONG
            continue
        fi
        STARTUP[$e]+="$WALL "
    done
done

# ---------------------------------------------------------------- -d stats

declare -A STATS=()
STAT_KEYS=()
if [ "${BENCH_STATS:-0}" = 1 ]; then
    for p in "${PROGRAMS[@]}"; do
        [ -z "${SKIP_REASON[$p]:-}" ] || continue
        [ "${STATE[$p.native]}" = ok ] || continue
        in=$(prepare_input "$p")
        # -D: the log goes to a file of its own, as a guest may close its stderr (xz does)
        rm -f "$B/out/$p.stats.log"
        run_once "$p" crossrun "$in" "$B/out/$p.stats.out" -D "$B/out/$p.stats.log" -d stats
        line=$(grep -sm1 '^crossrun stats:' "$B/out/$p.stats.log" | sed 's/^crossrun stats: *//')
        if [ "$STATUS" != 0 ] || ! cmp -s "$B/out/$p.stats.out" "$B/out/$p.native.ref"; then
            STATS[$p]="error=WRONG output under -d stats"
            continue
        fi
        [ -n "$line" ] || { STATS[$p]="error=no stats line in $B/out/$p.stats.log"; continue; }
        # "blocks translated 949, ..., translation time 7.691 ms" -> key=value pairs
        pairs=$(echo "$line" | tr ',' '\n' | awk '{ sub(/^ +/, ""); n = NF; unit = "";
                if ($n !~ /^[-0-9.]+%?$/) { unit = "_" $n; n-- }
                key = ""; for (i = 1; i < n; i++) key = key (i > 1 ? "_" : "") $i;
                v = $n; sub(/%$/, "", v); if ($n ~ /%$/) unit = "_pct";
                if (key != "") print key unit "=" v }')
        STATS[$p]=$pairs
        while IFS='=' read -r k _; do
            case " ${STAT_KEYS[*]} " in *" $k "*) ;; *) STAT_KEYS+=("$k") ;; esac
        done <<<"$pairs"
    done
fi

# ---------------------------------------------------------------- the table

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "nan"; else printf "%.3f\n", a / b }'; }
geomean() { # values..., nan ignored; prints "value count"
    printf '%s\n' "$@" | awk '$1 != "nan" && $1 > 0 { s += log($1); n++ }
        END { if (n) printf "%.3f %d\n", exp(s / n), n; else print "nan 0" }'
}
fmt() { # value width [decimals]: "-" for nan
    if [ "$1" = nan ]; then printf "%${2}s" -; else printf "%${2}.${3:-3}f" "$1"; fi
}

declare -A MED=() MEDCPU=() RATIO_CN=() RATIO_CQ=() RATIO_QN=() RATIO_RSS=() ROWSTATE=()
g_cn=() g_cq=() g_qn=() g_rss=() g_cpu_cn=() g_cpu_cq=() g_cpu_qn=()
nwrong=0
nrows=0
for p in "${PROGRAMS[@]}"; do
    [ -z "${SKIP_REASON[$p]:-}" ] || continue
    nrows=$((nrows + 1))
    for e in "${ENGINES[@]}"; do
        # shellcheck disable=SC2086
        if [ "${STATE[$p.$e]}" = ok ]; then MED[$p.$e]=$(median ${TIMES[$p.$e]}); else MED[$p.$e]=nan; fi
    done
    for e in "${ENGINES[@]}"; do
        # shellcheck disable=SC2086
        if [ "${STATE[$p.$e]}" = ok ]; then MEDCPU[$p.$e]=$(median ${CPUS[$p.$e]}); else MEDCPU[$p.$e]=nan; fi
    done
    RATIO_CN[$p]=$(ratio "${MED[$p.crossrun]}" "${MED[$p.native]}")
    RATIO_CQ[$p]=$(ratio "${MED[$p.crossrun]}" "${MED[$p.qemu]}")
    RATIO_QN[$p]=$(ratio "${MED[$p.qemu]}" "${MED[$p.native]}")
    RATIO_RSS[$p]=nan
    [ "${STATE[$p.crossrun]}" = ok ] && [ "${STATE[$p.qemu]}" = ok ] \
        && RATIO_RSS[$p]=$(ratio "${RSSMAX[$p.crossrun]}" "${RSSMAX[$p.qemu]}")
    if [ "${STATE[$p.native]}" != ok ]; then
        ROWSTATE[$p]="BROKEN native: ${REASON[$p.native]}"
    elif [ "${STATE[$p.crossrun]}" != ok ]; then
        ROWSTATE[$p]="WRONG crossrun: ${REASON[$p.crossrun]}"
        nwrong=$((nwrong + 1))
    elif [ "${STATE[$p.qemu]}" != ok ]; then
        ROWSTATE[$p]="ok (qemu WRONG: ${REASON[$p.qemu]})"
    else
        ROWSTATE[$p]=ok
    fi
    if [ "${STATE[$p.crossrun]}" = ok ] && [ "${STATE[$p.native]}" = ok ]; then
        g_cn+=("${RATIO_CN[$p]}"); g_cq+=("${RATIO_CQ[$p]}"); g_rss+=("${RATIO_RSS[$p]}")
        g_cpu_cn+=("$(ratio "${MEDCPU[$p.crossrun]}" "${MEDCPU[$p.native]}")")
        g_cpu_cq+=("$(ratio "${MEDCPU[$p.crossrun]}" "${MEDCPU[$p.qemu]}")")
    fi
    if [ "${STATE[$p.native]}" = ok ]; then
        g_qn+=("${RATIO_QN[$p]}")
        g_cpu_qn+=("$(ratio "${MEDCPU[$p.qemu]}" "${MEDCPU[$p.native]}")")
    fi
done
read -r G_CN _ < <(geomean "${g_cn[@]}" nan)
read -r G_CQ N_CQ < <(geomean "${g_cq[@]}" nan)
read -r G_QN _ < <(geomean "${g_qn[@]}" nan)
read -r G_RSS _ < <(geomean "${g_rss[@]}" nan)
read -r G_CPU_CN _ < <(geomean "${g_cpu_cn[@]}" nan)
read -r G_CPU_CQ _ < <(geomean "${g_cpu_cq[@]}" nan)
read -r G_CPU_QN _ < <(geomean "${g_cpu_qn[@]}" nan)
declare -A STARTUP_MED=()
for e in "${ENGINES[@]}"; do
    # shellcheck disable=SC2086
    if [ -n "${STARTUP[$e]}" ]; then STARTUP_MED[$e]=$(median ${STARTUP[$e]}); else STARTUP_MED[$e]=nan; fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
[ -n "$cpu" ] || cpu=unknown
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
dirty=false
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && dirty=true
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
qemu_version=$("$QEMU" --version 2>/dev/null | head -n 1)
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
mode=full
[ $quick = 1 ] && mode=quick

rss_mib() { # PROG ENGINE: peak RSS in MiB, "-" when no run of it counted
    if [ "${STATE[$1.$2]}" = ok ]; then awk -v k="${RSSMAX[$1.$2]}" 'BEGIN { printf "%.1fM", k / 1024 }'; else echo -; fi
}

print_table() {
    echo "crossrun benchmark ($mode, $RUNS run(s) each, median wall seconds; $date_utc)"
    echo "commit ${commit:0:12}$([ $dirty = true ] && echo ' (uncommitted changes)'), $cpu, $(nproc) cores, load at start $loadavg"
    echo "qemu: $qemu_version"
    echo
    printf '%-9s %-8s %8s %8s %9s %8s %8s %8s %9s %9s %6s  %s\n' program kind native qemu crossrun \
        cr/nat cr/qemu qemu/nat 'RSS qemu' 'RSS cr' cr/q status
    local p
    for p in "${PROGRAMS[@]}"; do
        if [ -n "${SKIP_REASON[$p]:-}" ]; then
            printf '%-9s %-8s %s\n' "$p" "${KIND[$p]}" "SKIP: ${SKIP_REASON[$p]}"
            continue
        fi
        local cn=${RATIO_CN[$p]} cq=${RATIO_CQ[$p]} rr=${RATIO_RSS[$p]}
        # a WRONG row never shows a ratio
        [ "${STATE[$p.crossrun]}" = ok ] || { cn=nan; cq=nan; rr=nan; }
        printf '%-9s %-8s %8s %8s %9s %8s %8s %8s %9s %9s %6s  %s\n' "$p" "${KIND[$p]}" \
            "$(fmt "${MED[$p.native]}" 8)" "$(fmt "${MED[$p.qemu]}" 8)" "$(fmt "${MED[$p.crossrun]}" 9)" \
            "$(fmt "$cn" 8 2)" "$(fmt "$cq" 8 2)" "$(fmt "${RATIO_QN[$p]}" 8 2)" \
            "$(rss_mib "$p" qemu)" "$(rss_mib "$p" crossrun)" "$(fmt "$rr" 6 2)" \
            "${ROWSTATE[$p]}"
    done
    printf '%-9s %-8s %8s %8s %9s %8s %8s %8s %9s %9s %6s  %s\n' "geomean" "" "" "" "" \
        "$(fmt "$G_CN" 8 2)" "$(fmt "$G_CQ" 8 2)" "$(fmt "$G_QN" 8 2)" "" "" "$(fmt "$G_RSS" 6 2)" \
        "over $N_CQ of $nrows programs$([ $nwrong -gt 0 ] && echo ", $nwrong WRONG left out")"
    printf '%-18s %8s %8s %9s %8s %8s %8s  %s\n' "geomean of CPU s" "" "" "" \
        "$(fmt "$G_CPU_CN" 8 2)" "$(fmt "$G_CPU_CQ" 8 2)" "$(fmt "$G_CPU_QN" 8 2)" \
        "(user+sys medians: less disturbed when the machine is busy)"
    echo
    printf 'start-up (static hello world, median of %d): native %s ms, qemu %s ms, crossrun %s ms (crossrun/qemu %s)\n' \
        "$STARTUP_RUNS" "$(ms "${STARTUP_MED[native]}")" "$(ms "${STARTUP_MED[qemu]}")" \
        "$(ms "${STARTUP_MED[crossrun]}")" "$(fmt "$(ratio "${STARTUP_MED[crossrun]}" "${STARTUP_MED[qemu]}")" 1 2)"
    local e
    for e in "${ENGINES[@]}"; do
        [ "${STARTUP_STATE[$e]}" = ok ] || echo "start-up: $e WRONG (hello world's output or exit status differs)"
    done
    if [ "${BENCH_STATS:-0}" = 1 ]; then
        echo
        echo "crossrun -d stats (one more run each):"
        local k header
        header=$(printf '%-9s' program)
        # the table shows the keys stat_label names (all of them if it names none); JSON has all
        local shown=()
        for k in "${STAT_KEYS[@]}"; do [ "$(stat_label "$k")" != "$k" ] && shown+=("$k"); done
        [ ${#shown[@]} -gt 0 ] || shown=("${STAT_KEYS[@]}")
        for k in "${shown[@]}"; do header+=$(printf ' %*s' "$(stat_width "$k")" "$(stat_label "$k")"); done
        echo "$header"
        for p in "${PROGRAMS[@]}"; do
            [ -n "${STATS[$p]:-}" ] || continue
            local row
            row=$(printf '%-9s' "$p")
            case ${STATS[$p]} in error=*) echo "$row ${STATS[$p]#error=}"; continue ;; esac
            for k in "${shown[@]}"; do
                row+=$(printf ' %*s' "$(stat_width "$k")" "$(stat_value "$p" "$k")")
            done
            echo "$row"
        done
    fi
}
ms() { if [ "$1" = nan ]; then echo -; else awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; fi; }
stat_value() { local v; v=$(printf '%s\n' "${STATS[$1]}" | sed -n "s/^$2=//p" | head -n 1); echo "${v:--}"; }
# short column labels for the statistics the table shows; any other key keeps its own name
stat_label() {
    case $1 in
        blocks_translated) echo blocks ;;
        guest_insns_translated) echo insns ;;
        code_cache_bytes) echo cache_bytes ;;
        guest_insns_run) echo insns_run ;;
        entries_chained_pct) echo chained% ;;
        entries_jump_cache_pct) echo jcache% ;;
        entries_run_loop_pct) echo loop% ;;
        jump_cache_hit_rate_pct) echo jc_hit% ;;
        translation_time_ms) echo xlate_ms ;;
        syscall_time_ms) echo sys_ms ;;
        code_and_run_loop_time_ms) echo code_ms ;;
        *) echo "$1" ;;
    esac
}
stat_width() { local l; l=$(stat_label "$1"); local w=${#l}; [ "$w" -lt 8 ] && w=8; echo "$w"; }

mkdir -p "$(dirname "$JSON")"
print_table | tee "$B/results.txt"

# ---------------------------------------------------------------- JSON

json_str() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }
json_num() { if [ "$1" = nan ] || [ -z "$1" ]; then printf null; else printf '%s' "$1"; fi; }
json_list() { local out="" v; for v in "$@"; do out+="${out:+, }$v"; done; printf '[%s]' "$out"; }

{
    echo "{"
    echo "  \"date\": $(json_str "$date_utc"),"
    echo "  \"commit\": $(json_str "$commit"),"
    echo "  \"uncommitted_changes\": $dirty,"
    echo "  \"host_cpu\": $(json_str "$cpu"),"
    echo "  \"host_cores\": $(nproc),"
    echo "  \"load_average_at_start\": $(json_str "$loadavg"),"
    echo "  \"qemu\": $(json_str "$qemu_version"),"
    echo "  \"mode\": $(json_str "$mode"),"
    echo "  \"runs\": $RUNS,"
    echo "  \"timeout_s\": $TIMEOUT,"
    echo "  \"programs\": ["
    first=1
    for p in "${PROGRAMS[@]}"; do
        [ $first = 1 ] || echo ","
        first=0
        printf '    {"name": %s, "kind": %s, "size": %s' "$(json_str "$p")" "$(json_str "${KIND[$p]}")" "$(size_of "$p")"
        if [ -n "${SKIP_REASON[$p]:-}" ]; then
            printf ', "status": "SKIP", "reason": %s}' "$(json_str "${SKIP_REASON[$p]}")"
            continue
        fi
        st=ok
        [ "${STATE[$p.crossrun]}" = ok ] || st=WRONG
        [ "${STATE[$p.native]}" = ok ] || st=BROKEN
        printf ', "status": %s, "detail": %s' "$(json_str "$st")" "$(json_str "${ROWSTATE[$p]}")"
        for e in "${ENGINES[@]}"; do
            # shellcheck disable=SC2086
            printf ',\n      %s: {"state": %s, "median_s": %s, "median_cpu_s": %s, "times_s": %s, "cpu_times_s": %s, "peak_rss_kib": %s%s}' \
                "$(json_str "$e")" "$(json_str "${STATE[$p.$e]}")" "$(json_num "${MED[$p.$e]}")" \
                "$(if [ -n "${CPUS[$p.$e]}" ]; then median ${CPUS[$p.$e]}; else echo nan; fi | { read -r v; json_num "$v"; })" \
                "$(json_list ${TIMES[$p.$e]})" "$(json_list ${CPUS[$p.$e]})" "$(json_num "${RSSMAX[$p.$e]}")" \
                "$([ "${STATE[$p.$e]}" = ok ] || printf ', "reason": %s' "$(json_str "${REASON[$p.$e]}")")"
        done
        ok_cr=1
        [ "${STATE[$p.crossrun]}" = ok ] || ok_cr=0
        printf ',\n      "crossrun_over_native": %s, "crossrun_over_qemu": %s, "qemu_over_native": %s, "rss_crossrun_over_qemu": %s' \
            "$([ $ok_cr = 1 ] && json_num "${RATIO_CN[$p]}" || printf null)" \
            "$([ $ok_cr = 1 ] && json_num "${RATIO_CQ[$p]}" || printf null)" \
            "$(json_num "${RATIO_QN[$p]}")" "$([ $ok_cr = 1 ] && json_num "${RATIO_RSS[$p]}" || printf null)"
        if [ -n "${STATS[$p]:-}" ] && [ "${STATS[$p]#error=}" != "${STATS[$p]}" ]; then
            printf ',\n      "crossrun_stats_error": %s' "$(json_str "${STATS[$p]#error=}")"
        elif [ -n "${STATS[$p]:-}" ]; then
            kv=""
            while IFS='=' read -r k v; do kv+="${kv:+, }$(json_str "$k"): $(json_num "$v")"; done <<<"${STATS[$p]}"
            printf ',\n      "crossrun_stats": {%s}' "$kv"
        fi
        printf '}'
    done
    echo
    echo "  ],"
    echo "  \"geomean_cpu\": {\"crossrun_over_native\": $(json_num "$G_CPU_CN"), \"crossrun_over_qemu\": $(json_num "$G_CPU_CQ"), \"qemu_over_native\": $(json_num "$G_CPU_QN")},"
    echo "  \"geomean\": {\"crossrun_over_native\": $(json_num "$G_CN"), \"crossrun_over_qemu\": $(json_num "$G_CQ"), \"qemu_over_native\": $(json_num "$G_QN"), \"rss_crossrun_over_qemu\": $(json_num "$G_RSS"), \"programs_counted\": $N_CQ, \"programs\": $nrows, \"wrong\": $nwrong},"
    # shellcheck disable=SC2086
    printf '  "startup": {"runs": %s, "native_median_s": %s, "qemu_median_s": %s, "crossrun_median_s": %s, "native_times_s": %s, "qemu_times_s": %s, "crossrun_times_s": %s, "wrong": %s},\n' \
        "$STARTUP_RUNS" "$(json_num "${STARTUP_MED[native]}")" "$(json_num "${STARTUP_MED[qemu]}")" \
        "$(json_num "${STARTUP_MED[crossrun]}")" "$(json_list ${STARTUP[native]})" \
        "$(json_list ${STARTUP[qemu]})" "$(json_list ${STARTUP[crossrun]})" \
        "$(json_list $(for e in "${ENGINES[@]}"; do [ "${STARTUP_STATE[$e]}" = ok ] || echo "\"$e\""; done))"
    echo "  \"elapsed_s\": $((SECONDS - t_start))"
    echo "}"
} >"$JSON"

log "done in $((SECONDS - t_start)) s; table in $B/results.txt, JSON in ${JSON#"$top"/}"
[ $nwrong -eq 0 ] && [ "${STARTUP_STATE[crossrun]}" = ok ] && [ ${#SKIP_REASON[@]} -eq 0 ]
