#!/bin/sh
# bad_input.sh - crossrun must refuse bad programs and bad options with one line on stderr
# naming the thing and a documented exit status (127 not found, 126 cannot run, 2 usage),
# never a crash. Usage: tests/e2e/bad_input.sh ./crossrun
# Prints "PASS bad_input.<case>" or "FAIL bad_input.<case>: why" per case; exits 0 unless
# the script itself cannot run. Needs riscv64-linux-gnu-gcc for the ELF-based cases.
set -u

CROSSRUN=${1:?usage: $0 path/to/crossrun}
case $CROSSRUN in
    /*) ;;
    *) CROSSRUN=$(pwd)/$CROSSRUN ;;
esac
if [ ! -x "$CROSSRUN" ]; then
    echo "bad_input.sh: $CROSSRUN is not an executable" >&2
    exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/crossrun-bad-input.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

pass() { echo "PASS bad_input.$1"; }
fail() { echo "FAIL bad_input.$1: $2"; }

# check NAME WANT_STATUS MUST_CONTAIN [MUST_CONTAIN2] -- ARGS...
# Runs crossrun ARGS; wants exit status WANT_STATUS and exactly one stderr line starting
# "crossrun: " that contains each MUST_CONTAIN string.
check() {
    name=$1 want=$2 text1=$3 text2=$4
    shift 5
    "$CROSSRUN" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
    status=$?
    lines=$(wc -l <"$TMP/err" | tr -d ' ')
    first=$(head -n 1 "$TMP/err")
    if [ "$status" -ne "$want" ]; then
        fail "$name" "exit status $status, expected $want (stderr: $first)"
    elif [ "$lines" -ne 1 ]; then
        fail "$name" "stderr has $lines lines, expected 1 (first: $first)"
    else
        case $first in
            "crossrun: "*) ;;
            *) fail "$name" "stderr does not start with 'crossrun: ': $first"; return ;;
        esac
        case $first in
            *"$text1"*) ;;
            *) fail "$name" "stderr does not contain '$text1': $first"; return ;;
        esac
        case $first in
            *"$text2"*) pass "$name" ;;
            *) fail "$name" "stderr does not contain '$text2': $first" ;;
        esac
    fi
}

# Files that need no compiler.
check missing 127 "$TMP/no-such-file" "No such file or directory" -- "$TMP/no-such-file"
mkdir "$TMP/a-directory"
check directory 126 "$TMP/a-directory" "Is a directory" -- "$TMP/a-directory"
printf 'this is not a program\n' >"$TMP/text-file"
chmod +x "$TMP/text-file"
check text_file 126 "$TMP/text-file" "not an ELF file" -- "$TMP/text-file"
: >"$TMP/empty-file"
chmod +x "$TMP/empty-file"
check empty_file 126 "$TMP/empty-file" "not an ELF file" -- "$TMP/empty-file"
if [ -f /bin/true ]; then
    check x86_64_elf 126 /bin/true "run it natively" -- /bin/true
else
    fail x86_64_elf "/bin/true not found"
fi
check bad_option 2 "--no-such-option" "" -- --no-such-option

# Files made from a real riscv64 program.
ELF_CASES="truncated_elf corrupt_phoff aarch64_elf interp_directory interp_not_elf interp_malformed sparse_sections"
if ! command -v riscv64-linux-gnu-gcc >/dev/null 2>&1; then
    for c in $ELF_CASES; do fail "$c" "riscv64-linux-gnu-gcc not installed"; done
    exit 0
fi
printf 'int main(void) { return 0; }\n' >"$TMP/prog.c"
if ! riscv64-linux-gnu-gcc -static -O2 -o "$TMP/prog" "$TMP/prog.c" 2>"$TMP/cc-err"; then
    for c in $ELF_CASES; do fail "$c" "cannot build a riscv64 program: $(head -n 1 "$TMP/cc-err")"; done
    exit 0
fi

# patch FILE OFFSET OCTAL-BYTES: overwrites bytes in place.
patch() {
    # shellcheck disable=SC2059 # the "format" is the octal escapes of the bytes
    printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

dd if="$TMP/prog" of="$TMP/truncated" bs=100 count=1 2>/dev/null
chmod +x "$TMP/truncated"
check truncated_elf 126 "$TMP/truncated" "malformed ELF" -- "$TMP/truncated"

cp "$TMP/prog" "$TMP/bad-phoff"
patch "$TMP/bad-phoff" 32 '\000\000\000\100\000\000\000\000'     # e_phoff = 0x40000000
check corrupt_phoff 126 "$TMP/bad-phoff" "malformed ELF" -- "$TMP/bad-phoff"

cp "$TMP/prog" "$TMP/aarch64"
patch "$TMP/aarch64" 18 '\267\000'                                # e_machine = 183 (EM_AARCH64)
check aarch64_elf 126 "$TMP/aarch64" "not supported yet" -- "$TMP/aarch64"

# The interpreter's problems name the program too (regression: they named only the
# interpreter). A sysroot whose dynamic linker is a directory, a text file, a cut-off ELF.
LDSO=lib/ld-linux-riscv64-lp64d.so.1
if riscv64-linux-gnu-gcc -O2 -o "$TMP/dyn" "$TMP/prog.c" 2>"$TMP/cc-err"; then
    mkdir -p "$TMP/root-dir/$LDSO" "$TMP/root-text/lib" "$TMP/root-short/lib"
    printf 'not a program\n' >"$TMP/root-text/$LDSO"
    dd if="$TMP/prog" of="$TMP/root-short/$LDSO" bs=100 count=1 2>/dev/null
    check interp_directory 126 "$TMP/dyn" "interpreter $TMP/root-dir/$LDSO: Is a directory" \
        -- -L "$TMP/root-dir" "$TMP/dyn"
    check interp_not_elf 126 "$TMP/dyn" "interpreter $TMP/root-text/$LDSO: not an ELF file" \
        -- -L "$TMP/root-text" "$TMP/dyn"
    check interp_malformed 126 "$TMP/dyn" "interpreter $TMP/root-short/$LDSO: malformed ELF" \
        -- -L "$TMP/root-short" "$TMP/dyn"
else
    for c in interp_directory interp_not_elf interp_malformed; do
        fail "$c" "cannot build a dynamic riscv64 program: $(head -n 1 "$TMP/cc-err")"
    done
fi

# le64 FILE OFFSET VALUE: writes VALUE as 8 little-endian bytes.
le64() {
    v=$3 bytes= n=0
    while [ $n -lt 8 ]; do
        bytes="$bytes\\$(printf '%03o' $((v & 255)))"
        v=$((v >> 8)) n=$((n + 1))
    done
    patch "$1" "$2" "$bytes"
}
# Section headers are never read (regression, found by tests/e2e/fuzz_elf.sh: with e_shnum 0,
# libelf took the section count from section 0's sh_size and allocated ~200 bytes per
# section; 4M of them in a 1 GiB sparse file). The program must simply run, in 256 MiB.
cp "$TMP/prog" "$TMP/sparse"
size=$(wc -c <"$TMP/sparse" | tr -d ' ')
le64 "$TMP/sparse" 40 "$size"                                     # e_shoff: section 0 at the end
patch "$TMP/sparse" 58 '\100\000\000\000'                         # e_shentsize 64, e_shnum 0
head -c 64 /dev/zero >>"$TMP/sparse"
le64 "$TMP/sparse" $((size + 32)) $((1 << 22))                    # section 0 sh_size: 4M sections
if truncate -s 1G "$TMP/sparse" 2>/dev/null; then
    (ulimit -d 262144; timeout 20 "$CROSSRUN" "$TMP/sparse") </dev/null >"$TMP/out" 2>"$TMP/err"
    status=$?
    if [ "$status" -eq 0 ] && [ ! -s "$TMP/err" ]; then
        pass sparse_sections
    else
        fail sparse_sections "exit status $status, expected 0 (stderr: $(head -n 1 "$TMP/err"))"
    fi
else
    fail sparse_sections "cannot make a 1 GiB sparse file in $TMP"
fi

exit 0
