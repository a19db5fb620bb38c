#!/bin/sh
# make-rootfs-riscv64.sh - builds a small riscv64 root file system for foreign-architecture
# chroots: with crossrun registered in binfmt_misc (crossrun binfmt install), run
#     chroot DIR /bin/sh -c 'echo hello | tr a-z A-Z'
#
# Usage: scripts/make-rootfs-riscv64.sh DIR
#
# DIR gets: the cross toolchain's glibc (/usr/riscv64-linux-gnu/lib: the dynamic linker
# /lib/ld-linux-riscv64-lp64d.so.1 named by riscv64 programs' PT_INTERP, libc, libm,
# libresolv, libnss_*, libstdc++, libgcc_s ...) in /lib, a static riscv64 busybox in /bin with
# a symlink per applet (/bin/sh, /bin/ls, /usr/bin/awk ...), /etc/passwd, /etc/group, /tmp,
# and the mount points /proc, /dev, /sys. It never contains crossrun: the kernel starts
# crossrun from outside the chroot (binfmt_misc's F flag).
#
# busybox comes from, in order: $BUSYBOX (a riscv64 busybox binary); build/real/bin/
# busybox.static (scripts/build-real-programs.sh busybox); build/rootfs/busybox/busybox, built
# here once from Debian's source package (apt-get source busybox, deb-src enabled when root;
# a few minutes). Applet links are listed by running busybox --list-full under crossrun
# ($CROSSRUN, default ./crossrun of this tree; `make crossrun` first).
#
# A second run with the same inputs does nothing (DIR/.crossrun-rootfs records them); other
# inputs rebuild DIR. A DIR that is not empty and not made by this script is refused.
# Exit status: 0 done; 1 failed (the reason on stderr, a build log named).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
CROSSRUN=${CROSSRUN:-$top/crossrun}
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
STAMP_VERSION=1

die() { echo "make-rootfs-riscv64: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 DIR"
dir=$1
[ -x "$CROSSRUN" ] || die "$CROSSRUN not found: run 'make crossrun' (or set CROSSRUN)"
[ -f "$SYSROOT/lib/ld-linux-riscv64-lp64d.so.1" ] ||
    die "no riscv64 glibc in $SYSROOT/lib (install libc6-dev-riscv64-cross: scripts/install-deps.sh)"

# ---- busybox built here from Debian's source package (static, riscv64) ----
own=$top/build/rootfs/busybox
build_busybox() {
    mkdir -p "$own/src"
    log=$own/build.log
    if [ ! -f "$own/fetched" ] || [ ! -d "$(cat "$own/fetched")" ]; then
        command -v dpkg-source >/dev/null || die "dpkg-source missing (apt-get install dpkg-dev)"
        if [ -z "$(apt-cache showsrc busybox 2>/dev/null)" ]; then
            [ "$(id -u)" -eq 0 ] || die "deb-src is not enabled in apt's sources (needs root to enable)"
            enable_deb_src
        fi
        rm -rf "$own/src" && mkdir -p "$own/src"
        echo "make-rootfs-riscv64: apt-get source busybox" >&2
        (cd "$own/src" && apt-get source -qq busybox) >"$log" 2>&1 ||
            die "apt-get source busybox failed (see $log)"
        src=$(find "$own/src" -mindepth 1 -maxdepth 1 -type d -name 'busybox-*' | head -n 1)
        [ -n "$src" ] || die "apt-get source busybox unpacked nothing (see $log)"
        echo "$src" >"$own/fetched"
    fi
    src=$(cat "$own/fetched")
    obj=$own/obj
    rm -rf "$obj" && mkdir -p "$obj"
    echo "make-rootfs-riscv64: building busybox for riscv64 (log: $log)" >&2
    make -s -C "$src" O="$obj" CROSS_COMPILE=riscv64-linux-gnu- defconfig >>"$log" 2>&1 ||
        die "busybox defconfig failed (see $log)"
    # static; without the applets whose build needs what a plain cross toolchain lacks
    for opt in STATIC=y TC=n FEATURE_HAVE_RPC=n FEATURE_MOUNT_NFS=n FEATURE_INETD_RPC=n \
               SELINUX=n PAM=n; do
        name=${opt%=*} val=${opt#*=}
        sed -i -e "/^CONFIG_$name=/d" -e "/^# CONFIG_$name is not set/d" "$obj/.config"
        if [ "$val" = y ]; then echo "CONFIG_$name=y"; else echo "# CONFIG_$name is not set"; fi >>"$obj/.config"
    done
    yes "" | make -s -C "$src" O="$obj" CROSS_COMPILE=riscv64-linux-gnu- oldconfig >>"$log" 2>&1 || true
    make -C "$obj" CROSS_COMPILE=riscv64-linux-gnu- -j"$(nproc 2>/dev/null || echo 2)" busybox \
        >>"$log" 2>&1 || die "busybox build failed (see $log)"
    cp "$obj/busybox" "$own/busybox"
}

# Adds deb-src next to every deb source of apt (deb822 and one-line files), then updates.
enable_deb_src() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        sed -i -E 's/^Types:([[:space:]]+deb)+[[:space:]]*$/Types: deb deb-src/' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        if grep -Eq '^deb[[:space:]]' "$f" && ! grep -Eq '^deb-src[[:space:]]' "$f"; then
            sed -i -E 's/^deb([[:space:]].*)$/deb\1\ndeb-src\1/' "$f"
        fi
    done
    apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed (no network?)"
}

if [ -n "${BUSYBOX:-}" ]; then
    busybox=$BUSYBOX
elif [ -x "$top/build/real/bin/busybox.static" ]; then
    busybox=$top/build/real/bin/busybox.static
else
    [ -x "$own/busybox" ] || build_busybox
    busybox=$own/busybox
fi
[ -f "$busybox" ] || die "$busybox not found"
if ! head -c 20 "$busybox" | od -An -tx1 | tr -d ' \n' | grep -q '^7f454c460201.*f300$'; then
    die "$busybox is not a riscv64 ELF program"
fi

# ---- up to date? ----
inputs="v$STAMP_VERSION $(cksum <"$busybox") $(cksum <"$SYSROOT/lib/libc.so.6")"
if [ -f "$dir/.crossrun-rootfs" ] && [ "$(cat "$dir/.crossrun-rootfs")" = "$inputs" ]; then
    echo "make-rootfs-riscv64: $dir is up to date"
    exit 0
fi

# ---- the tree (only ever replacing one this script made) ----
if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && [ ! -f "$dir/.crossrun-rootfs" ]; then
    die "$dir exists and is not a root file system made by this script: give an empty or new directory"
fi
rm -rf "$dir"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
for d in bin sbin lib usr/bin usr/sbin usr/lib etc root home tmp var/tmp run proc dev sys; do
    mkdir -p "$dir/$d"
done
chmod 1777 "$dir/tmp" "$dir/var/tmp"
chmod 0700 "$dir/root"

# glibc and the toolchain's runtime libraries: shared objects only (libc.so and friends are
# linker scripts for building, and the sanitizer runtimes are big and not needed)
for f in "$SYSROOT"/lib/*.so*; do
    base=$(basename "$f")
    case $base in
        *san.so* | libhwasan* | libc_malloc_debug* | libmemusage* | libpcprofile*) continue ;;
    esac
    if [ -L "$f" ] || head -c 4 "$f" | grep -q 'ELF'; then
        cp -P "$f" "$dir/lib/"
    fi
done

# busybox and its applets
cp "$busybox" "$dir/bin/busybox"
chmod 0755 "$dir/bin/busybox"
"$CROSSRUN" "$busybox" --list-full >"$dir/.applets" ||
    die "$CROSSRUN $busybox --list-full failed"
while read -r applet; do
    case $applet in
        '' | */busybox | linuxrc) continue ;;
    esac
    mkdir -p "$dir/$(dirname "$applet")"
    # relative links (bin/sh -> ../bin/busybox) resolve inside and outside the chroot
    up=$(echo "$applet" | sed -e 's|[^/]*$||' -e 's|[^/]*/|../|g')
    [ -e "$dir/$applet" ] || [ -L "$dir/$applet" ] || ln -s "${up}bin/busybox" "$dir/$applet"
done <"$dir/.applets"
rm -f "$dir/.applets"
[ -e "$dir/bin/sh" ] || die "busybox has no sh applet"

# a minimal /etc
cat >"$dir/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$dir/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
echo "passwd: files
group: files
hosts: files dns" >"$dir/etc/nsswitch.conf"
echo "127.0.0.1 localhost" >"$dir/etc/hosts"
echo riscv64 >"$dir/etc/hostname"
echo 'export PATH=/bin:/sbin:/usr/bin:/usr/sbin' >"$dir/etc/profile"

if find "$dir" -name 'crossrun*' | grep -q .; then
    die "internal error: crossrun ended up in $dir"
fi
echo "$inputs" >"$dir/.crossrun-rootfs"
echo "make-rootfs-riscv64: $dir: riscv64 glibc and busybox ($busybox) with $(find "$dir" -type l -lname '*bin/busybox' | wc -l) applet links"
