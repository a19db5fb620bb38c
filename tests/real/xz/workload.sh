# workload.sh (xz) - sourced by tests/real/run.sh. An xz round trip on generated text: compress at
# levels 0, 6 and 6e, check (-t), list (-l), decompress, and compare; the compressed bytes must
# equal the native build's (xz is deterministic for one version and thread count), so their
# SHA-256 (taken on the host) is printed. Also: pipes, in-place file mode, a corrupted file,
# and (workload xz_threads) the multi-threaded encoder and decoder.
# Input size: 1 MiB (about 5 s under the jit; 4 MiB when FULL=1), 128 KiB for the IR
# interpreter (about 20 s); REAL_XZ_KB=N sets N KiB.
REAL_WORKLOADS[xz]="xz xz_threads"

# xz_input: path of the generated input (host awk, cached in build/real/data/).
xz_input() {
    local kb=1024
    [ -n "${FULL:-}" ] && kb=4096
    [ "${REAL_SCALE_ENGINE:-}" = interp ] && kb=128
    kb=${REAL_XZ_KB:-$kb}
    local f=$REAL_DIR/data/xz-input-$kb.txt
    if [ ! -s "$f" ]; then
        mkdir -p "$REAL_DIR/data"
        # lines of pseudo-random words and numbers (a 32-bit LCG: exact in awk's doubles),
        # about 58 bytes a line, cut to exactly kb KiB
        awk -v n=$((kb * 1024 / 50)) 'BEGIN {
            split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike " \
                  "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu", w, " ")
            r = 12345
            for (i = 1; i <= n; i++) {
                line = sprintf("%06d", i)
                for (j = 0; j < 6; j++) { r = (r * 69069 + 1) % 4294967296; line = line " " w[1 + int(r / 65536) % 26] }
                r = (r * 69069 + 1) % 4294967296
                printf "%s %d %.3f\n", line, r % 100000, (r % 1000000) / 977.0
            }
        }' >"$f.tmp" && head -c $((kb * 1024)) "$f.tmp" >"$f" && rm -f "$f.tmp"
    fi
    echo "$f"
}

sha() { sha256sum <"$1" | cut -d' ' -f1; }

workload_xz() {
    local input level s
    input=$(xz_input) || return 1
    cp "$input" input || return 1
    echo "input: $(wc -c <input) bytes, sha256 $(sha input)"
    for level in 0 6 6e; do
        guest xz -T1 -"$level" -k -c input >"input.$level.xz"
        echo "xz -$level: status $?, $(wc -c <"input.$level.xz") bytes, sha256 $(sha "input.$level.xz")"
        guest xz -t "input.$level.xz"
        echo "xz -t: status $?"
        guest xz -d -c "input.$level.xz" >"output.$level"
        s=$?
        if cmp -s input "output.$level"; then
            echo "xz -d: status $s, round trip identical"
        else
            echo "xz -d: status $s, round trip DIFFERS: $(wc -c <"output.$level") bytes, sha256 $(sha "output.$level")"
        fi
    done
    guest xz -l input.6.xz
    echo "xz -l: status $?"
    guest xz -lvv input.6e.xz | grep -v -e '^ *Name:' -e 'Memory needed'
    echo "xz -lvv: status $?"
    # through pipes: the guest reads stdin and writes stdout
    guest xz -T1 -3 <input | guest xz -d | cmp -s - input
    echo "pipe round trip: status $?"
    # in-place file mode: foo -> foo.xz (input removed), then back
    cp input foo
    guest xz -T1 -1 foo
    echo "xz foo: status $?, files: $(ls | grep '^foo' | tr '\n' ' ')"
    guest xz -d foo.xz
    echo "xz -d foo.xz: status $?, files: $(ls | grep '^foo' | tr '\n' ' '), same: $(cmp -s foo input && echo yes)"
    # integrity: a byte flipped in the middle of the compressed data must be detected
    cp input.6.xz bad.xz
    printf 'Z' | dd of=bad.xz bs=1 seek=$(($(wc -c <bad.xz) / 2)) conv=notrunc status=none
    guest xz -t bad.xz
    echo "xz -t bad.xz: status $?"
    guest xz -dc bad.xz >/dev/null
    echo "xz -dc bad.xz: status $?"
    # formats: .lzma (legacy) and raw
    guest xz -T1 --format=lzma -2 -c input >input.lzma
    echo "xz --format=lzma: status $?, sha256 $(sha input.lzma)"
    guest xz -d --format=lzma -c input.lzma | cmp -s - input
    echo "lzma round trip: status $?"
    guest xz --robot --version
}

# The threaded encoder and decoder (xz 5.4: -T2 splits the input into blocks; output is
# deterministic for a given thread count and block size).
workload_xz_threads() {
    local input
    input=$(xz_input) || return 1
    cp "$input" input || return 1
    guest xz -T2 --block-size=65536 -6 -c input >input.mt.xz
    echo "xz -T2: status $?, $(wc -c <input.mt.xz) bytes, sha256 $(sha input.mt.xz)"
    guest xz -T2 -d -c input.mt.xz | cmp -s - input
    echo "xz -T2 -d: status $?"
    guest xz -lvv input.mt.xz | grep -v -e '^ *Name:' -e 'Memory needed'
    echo "xz -lvv: status $?"
}
