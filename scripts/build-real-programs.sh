#!/usr/bin/env bash
# build-real-programs.sh - fetches real programs from Debian source packages with `apt-get source`
# and builds each three ways for tests/real/run.sh: natively for x86_64 (the reference whose output
# the riscv64 builds must reproduce byte for byte), and for riscv64 static and dynamic (dynamic
# against the glibc of the cross toolchain's sysroot /usr/riscv64-linux-gnu, run with -L).
#
# Usage: scripts/build-real-programs.sh [PROG...]     PROG: lua xz sqlite busybox (default: all)
# Products: build/real/bin/<prog>.<native|static|dynamic>; sources in build/real/src/, logs in
# build/real/log/, stamps in build/real/stamp/. A second run rebuilds nothing (a stamp per step,
# holding a hash of the step's recipe: a changed build function rebuilds that program);
# delete build/real/stamp/<prog>.* to force a rebuild.
# Prints "SKIP real.<prog>: reason" when a tool or the network is missing and goes on with the
# other programs; "BUILD real.<prog>.<variant>: N s" per step it ran; exit status 0 unless a
# build that was attempted failed (its log is named).
# Enabling deb-src in the apt sources (idempotent) and `apt-get update` need root; when the
# sources are already fetched neither is needed.
set -uo pipefail
source "$(dirname "$0")/real/common.sh"

mkdir -p "$REAL_BIN" "$REAL_SRC" "$REAL_STAMP" "$REAL_LOG"
JOBS=$(nproc 2>/dev/null || echo 2)
failed=0

skip() { echo "SKIP real.$1: $2"; }

# Adds deb-src wherever deb is configured, in deb822 .sources files and in one-line .list files.
# Idempotent: returns 0 and prints nothing when deb-src is already there.
enable_deb_src() {
    local changed=0 f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        if grep -Eq '^Types:([[:space:]]+deb)+[[:space:]]*$' "$f"; then
            sed -i -E 's/^Types:([[:space:]]+deb)+[[:space:]]*$/Types: deb deb-src/' "$f"
            changed=1
        fi
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        if grep -Eq '^deb[[:space:]]' "$f" && ! grep -Eq '^deb-src[[:space:]]' "$f"; then
            sed -i -E 's/^deb([[:space:]].*)$/deb\1\ndeb-src\1/' "$f"
            changed=1
        fi
    done
    if [ $changed = 1 ] || ! apt-cache showsrc lua5.4 >/dev/null 2>&1 \
            || [ -z "$(apt-cache showsrc lua5.4 2>/dev/null)" ]; then
        echo "build-real-programs: apt-get update (deb-src enabled)" >&2
        apt-get update -qq >/dev/null 2>&1 || return 1
    fi
    return 0
}

# fetch PROG: unpacks the Debian source package of PROG (Debian patches applied) under
# build/real/src/PROG/ and records the tree's path in stamp/PROG.fetched.
fetch() {
    local prog=$1 pkg=${REAL_PKG[$1]} dir
    [ -f "$REAL_STAMP/$prog.fetched" ] && [ -d "$(cat "$REAL_STAMP/$prog.fetched")" ] && return 0
    if ! command -v dpkg-source >/dev/null; then
        skip "$prog" "dpkg-source missing (install dpkg-dev)"; return 1
    fi
    if [ "$(id -u)" -ne 0 ] && [ -z "$(apt-cache showsrc "$pkg" 2>/dev/null)" ]; then
        skip "$prog" "deb-src not enabled and not root"; return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! enable_deb_src; then
        skip "$prog" "apt-get update failed (no network?)"; return 1
    fi
    rm -rf "${REAL_SRC:?}/$prog" && mkdir -p "$REAL_SRC/$prog"
    local t0=$SECONDS
    if ! (cd "$REAL_SRC/$prog" && apt-get source -qq "$pkg") >"$REAL_LOG/$prog.fetch.log" 2>&1; then
        skip "$prog" "apt-get source $pkg failed (see $REAL_LOG/$prog.fetch.log)"; return 1
    fi
    dir=$(find "$REAL_SRC/$prog" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
    if [ -z "$dir" ]; then
        skip "$prog" "apt-get source $pkg unpacked nothing"; return 1
    fi
    echo "$dir" >"$REAL_STAMP/$prog.fetched"
    echo "BUILD real.$prog.fetch: $((SECONDS - t0)) s ($(basename "$dir"))"
}

srcdir() { cat "$REAL_STAMP/$1.fetched"; }

# The compiler and link mode of a variant.
variant_cc() { [ "$1" = native ] && echo gcc || echo "$RV_CC"; }
variant_ldflags() { [ "$1" = static ] && echo -static || true; }
variant_host() { [ "$1" = native ] && echo x86_64-linux-gnu || echo riscv64-linux-gnu; }

# ---- Lua 5.4: compiled by hand from src/*.c (the upstream makefile's "linux" target, no readline).
build_lua() {
    local v=$1 src obj cc
    src=$(srcdir lua)/src
    obj=$REAL_DIR/lua/$v
    cc=$(variant_cc "$v")
    rm -rf "$obj" && mkdir -p "$obj" || return 1
    # Debian's module-path patch includes this generated header
    echo "#define DEB_HOST_MULTIARCH \"$(variant_host "$v")\"" >"$obj/lua5.4-deb-multiarch.h"
    local f objs=()
    for f in "$src"/*.c; do
        case $(basename "$f") in lua.c|luac.c) continue ;; esac
        objs+=("$obj/$(basename "${f%.c}").o")
    done
    # a tiny makefile so the compile runs on every core
    {
        echo "all: $obj/lua"
        echo "$obj/%.o: $src/%.c"
        echo "	$cc -std=gnu99 -O2 -Wall -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -I$obj -c -o \$@ \$<"
        echo "$obj/lua: ${objs[*]} $obj/lua.o"
        echo "	$cc $(variant_ldflags "$v") -o \$@ \$^ -lm -ldl"
    } >"$obj/Makefile"
    make -s -j"$JOBS" -f "$obj/Makefile" && cp "$obj/lua" "$REAL_BIN/lua.$v"
}

# ---- xz-utils: autotools; liblzma is linked in statically in every variant (--disable-shared),
# the dynamic variant links glibc dynamically.
build_xz() {
    local v=$1 src obj
    src=$(srcdir xz)
    obj=$REAL_DIR/xz/$v
    rm -rf "$obj" && mkdir -p "$obj" || return 1
    (cd "$obj" && "$src/configure" --host="$(variant_host "$v")" CC="$(variant_cc "$v")" \
        CFLAGS=-O2 \
        --disable-shared --enable-static --disable-nls --disable-doc --disable-scripts \
        --disable-lzmadec --disable-lzmainfo --disable-xzdec --disable-lzma-links) || return 1
    # libtool drops a plain -static when linking programs; -all-static is its word for it
    local ld=
    [ "$v" = static ] && ld=-all-static
    (cd "$obj" && make -j"$JOBS" LDFLAGS="$ld") || return 1
    cp "$obj/src/xz/xz" "$REAL_BIN/xz.$v"
}

# ---- SQLite: the amalgamation (sqlite3.c, shell.c) is generated once with native tools (tclsh),
# then compiled for each variant; no readline, no zlib, no extension loading.
build_sqlite_amalgamation() {
    local src obj=$REAL_DIR/sqlite/amalgamation
    [ -f "$REAL_STAMP/sqlite.amalgamation" ] && [ -f "$obj/sqlite3.c" ] && return 0
    local t0=$SECONDS
    src=$(srcdir sqlite)
    rm -rf "$obj" && mkdir -p "$obj" || return 1
    (cd "$obj" && "$src/configure" --disable-tcl --disable-readline --disable-editline \
        && make -j"$JOBS" sqlite3.c shell.c) >"$REAL_LOG/sqlite.amalgamation.log" 2>&1 || return 1
    touch "$REAL_STAMP/sqlite.amalgamation"
    echo "BUILD real.sqlite.amalgamation: $((SECONDS - t0)) s"
}

build_sqlite() {
    local v=$1 amal=$REAL_DIR/sqlite/amalgamation obj=$REAL_DIR/sqlite/$v cc
    cc=$(variant_cc "$v")
    rm -rf "$obj" && mkdir -p "$obj" || return 1
    # sqlite3.c is one 8 MB file: compile it and shell.c in parallel
    $cc -O2 -DSQLITE_THREADSAFE=1 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_MATH_FUNCTIONS \
        -DSQLITE_DQS=0 -I"$amal" -c -o "$obj/sqlite3.o" "$amal/sqlite3.c" &
    local pid=$!
    $cc -O2 -DSQLITE_THREADSAFE=1 -DSQLITE_OMIT_LOAD_EXTENSION -I"$amal" \
        -c -o "$obj/shell.o" "$amal/shell.c" || { wait $pid; return 1; }
    wait $pid || return 1
    $cc $(variant_ldflags "$v") -o "$obj/sqlite3" "$obj/shell.o" "$obj/sqlite3.o" -lm -lpthread \
        && cp "$obj/sqlite3" "$REAL_BIN/sqlite.$v"
}

# ---- busybox: defconfig, static for riscv64 (native: dynamic), minus applets whose build needs
# what a plain cross toolchain lacks.
build_busybox() {
    local v=$1 src obj cross=
    src=$(srcdir busybox)
    obj=$REAL_DIR/busybox/$v
    [ "$v" = native ] || cross=riscv64-linux-gnu-
    rm -rf "$obj" && mkdir -p "$obj" || return 1
    make -s -C "$src" O="$obj" CROSS_COMPILE="$cross" defconfig >/dev/null || return 1
    local cfg=$obj/.config
    set_cfg() { # set_cfg NAME y|n
        sed -i -e "/^CONFIG_$1=/d" -e "/^# CONFIG_$1 is not set/d" "$cfg"
        if [ "$2" = y ]; then echo "CONFIG_$1=y" >>"$cfg"; else echo "# CONFIG_$1 is not set" >>"$cfg"; fi
    }
    [ "$v" = static ] && set_cfg STATIC y
    # the shell runs applets as builtins or via /proc/self/exe, never the host's /bin tools
    set_cfg FEATURE_SH_STANDALONE y
    set_cfg FEATURE_PREFER_APPLETS y
    set_cfg TC n                # needs kernel headers' CBQ definitions
    set_cfg FEATURE_HAVE_RPC n
    set_cfg FEATURE_MOUNT_NFS n
    set_cfg FEATURE_INETD_RPC n
    set_cfg SELINUX n
    set_cfg PAM n
    yes "" | make -s -C "$src" O="$obj" CROSS_COMPILE="$cross" oldconfig >/dev/null 2>&1
    make -C "$obj" CROSS_COMPILE="$cross" -j"$JOBS" busybox || return 1
    cp "$obj/busybox" "$REAL_BIN/busybox.$v"
}

# Needed tools per program, beyond what scripts/install-deps.sh installs.
need_tools() {
    case $1 in
        sqlite) echo tclsh ;;
    esac
}

# check_needed FILE: every shared library a dynamic riscv64 FILE needs is in the sysroot
# (tests/real/run.sh runs it with -L $REAL_SYSROOT); prints the missing ones.
check_needed() {
    local lib missing=
    for lib in $(riscv64-linux-gnu-readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        [ -e "$REAL_SYSROOT/lib/$lib" ] || [ -e "$REAL_SYSROOT/usr/lib/$lib" ] || missing="$missing $lib"
    done
    echo "$missing"
}

# recipe PROG: a hash of the shell functions that build PROG, kept in its stamps, so that a
# changed recipe rebuilds (and an unchanged one never does).
recipe() {
    local fns="build_$1 variant_cc variant_ldflags variant_host"
    [ "$1" = sqlite ] && fns="$fns build_sqlite_amalgamation"
    # shellcheck disable=SC2086
    declare -f $fns | sha256sum | cut -c1-16
}

build_variant() {
    local prog=$1 v=$2 t0=$SECONDS log=$REAL_LOG/$1.$2.log
    [ -f "$REAL_STAMP/$prog.$v" ] && [ -x "$REAL_BIN/$prog.$v" ] \
        && [ "$(cat "$REAL_STAMP/$prog.$v")" = "$(recipe "$prog")" ] && return 0
    if "build_$prog" "$v" >"$log" 2>&1; then
        if [ "$v" = dynamic ] && [ -n "$(check_needed "$REAL_BIN/$prog.$v")" ]; then
            echo "FAIL real.$prog.$v.build: libraries not in $REAL_SYSROOT:$(check_needed "$REAL_BIN/$prog.$v")"
            rm -f "$REAL_BIN/$prog.$v"
            failed=1
            return
        fi
        recipe "$prog" >"$REAL_STAMP/$prog.$v"
        echo "BUILD real.$prog.$v: $((SECONDS - t0)) s"
    else
        echo "FAIL real.$prog.$v.build: see $log: $(grep -m1 -iE 'error|fatal' "$log" | head -c 200)"
        failed=1
    fi
}

progs=("$@")
[ ${#progs[@]} -eq 0 ] && progs=("${REAL_ALL_PROGS[@]}")
total0=$SECONDS
for prog in "${progs[@]}"; do
    if [ -z "${REAL_PKG[$prog]:-}" ]; then
        echo "build-real-programs: unknown program '$prog' (known: ${REAL_ALL_PROGS[*]})" >&2
        exit 2
    fi
    missing=
    for tool in make gcc "$RV_CC" $(need_tools "$prog"); do
        command -v "$tool" >/dev/null || missing="$missing $tool"
    done
    if [ -n "$missing" ]; then skip "$prog" "missing tools:$missing"; continue; fi
    fetch "$prog" || continue
    if [ "$prog" = sqlite ] && ! build_sqlite_amalgamation; then
        echo "FAIL real.sqlite.amalgamation: see $REAL_LOG/sqlite.amalgamation.log"
        failed=1; continue
    fi
    for v in native $(real_variants "$prog"); do
        build_variant "$prog" "$v"
    done
done
[ $((SECONDS - total0)) -gt 0 ] && echo "build-real-programs: $((SECONDS - total0)) s" >&2
exit $failed
