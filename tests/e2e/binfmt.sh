#!/bin/sh
# binfmt.sh - end-to-end checks of `crossrun binfmt install|uninstall|status` with the real
# kernel binfmt_misc: riscv64 programs run directly (./prog), argv[0] preserved or not per the
# P flag, options from the environment only, the O flag, the C flag with a setuid program (the
# environment ignored, AT_SECURE for the guest), a conflicting handler reported and
# refused (and disabled with --force), chroots that do not contain crossrun (a minimal one of
# test programs always; the busybox root file system of scripts/make-rootfs-riscv64.sh when
# busybox is already built, or FULL=1 to build it), uninstall leaving nothing behind.
#
# Usage: tests/e2e/binfmt.sh ./crossrun
# Prints "PASS e2e.binfmt.<case>" / "FAIL e2e.binfmt.<case>: why" / "SKIP ...". Needs root and
# binfmt_misc: otherwise one SKIP line after the checks that need neither. Every entry it
# registers has a test-unique name (crossrun-test-<pid>-...), and is removed by an EXIT trap
# even when a case fails or the run is interrupted; binfmt_misc is unmounted again if this
# test mounted it and nothing else is registered.
CROSSRUN=${1:-./crossrun}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $CROSSRUN in /*) ;; *) CROSSRUN=$(cd "$(dirname "$CROSSRUN")" && pwd)/$(basename "$CROSSRUN") ;; esac
out=$top/build/e2e/binfmt
BM=/proc/sys/fs/binfmt_misc
prefix=crossrun-test-$$-
dummy=crossrun-testdummy-$$-riscv64
mkdir -p "$out"
tmp=$(mktemp -d)
chmod 755 "$tmp"
was_mounted=1            # set once the lock below is held

pass() { echo "PASS e2e.binfmt.$1"; }
fail() { echo "FAIL e2e.binfmt.$1: $2"; }
skip() { echo "SKIP e2e.binfmt.$1: $2"; }
# flat FILE: the first 300 characters of FILE on one line, for messages
flat() { head -c 300 "$1" | tr '\n' ' '; }

cleanup() {
    for e in "$BM/$prefix"* "$BM/$dummy"; do
        [ -e "$e" ] && echo -1 >"$e" 2>/dev/null
    done
    if [ "$was_mounted" = 0 ] && [ -e "$BM/register" ] &&
        [ "$(ls "$BM" | grep -cvE '^(register|status)$')" = 0 ]; then
        umount "$BM" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- test programs ----
cc_rv() { # cc_rv OUT SRC [FLAGS...]
    o=$1 src=$2
    shift 2
    riscv64-linux-gnu-gcc -O2 "$@" -o "$o" "$src" 2>"$out/cc.log" && return 0
    fail build "riscv64-linux-gnu-gcc $src: $(head -1 "$out/cc.log")"
    exit 0
}
cc_rv "$out/showargs" "$top/tests/e2e/progs/showargs.c" -static
cc_rv "$out/showargs-dyn" "$top/tests/e2e/progs/showargs.c"
cc_rv "$out/spawn" "$top/tests/e2e/progs/spawn.c" -static
cc_rv "$out/creds" "$top/tests/e2e/progs/creds.c" -static
chmod 755 "$out" "$out/showargs" "$out/showargs-dyn" "$out/spawn" "$out/creds"

# ---- without root or binfmt_misc ----
"$CROSSRUN" binfmt install --dry-run --name-prefix "$prefix" >"$tmp/dry" 2>&1
st=$?
want=$(grep '^:' "$top/binfmt/riscv64.conf" | sed -e "s|^:crossrun-riscv64:|:${prefix}riscv64:|" \
    -e "s|:/usr/local/bin/crossrun:PF\$|:$(readlink -f "$CROSSRUN"):PF|")
if [ $st != 0 ]; then fail dry_run "exit status $st: $(flat "$tmp/dry")"
elif [ "$(cat "$tmp/dry")" != "$want" ]; then fail dry_run "got $(flat "$tmp/dry"), expected $want"
else pass dry_run; fi

"$CROSSRUN" binfmt install --flags PX >"$tmp/o" 2>&1
st=$?
if [ $st = 2 ] && grep -q "flags" "$tmp/o"; then pass bad_flags; else fail bad_flags "exit status $st: $(flat "$tmp/o")"; fi
"$CROSSRUN" binfmt frobnicate >"$tmp/o" 2>&1
st=$?
if [ $st = 2 ] && grep -q "unknown command" "$tmp/o"; then pass bad_command; else fail bad_command "exit status $st: $(flat "$tmp/o")"; fi
"$CROSSRUN" binfmt --help >"$tmp/o" 2>&1
if grep -q "SECURITY RISK" "$tmp/o" && grep -q "Exit status" "$tmp/o"; then pass help
else fail help "no C-flag warning or exit statuses: $(flat "$tmp/o")"; fi

if [ "$(id -u)" != 0 ]; then
    "$CROSSRUN" binfmt install --name-prefix "$prefix" >"$tmp/o" 2>&1
    st=$?
    if [ $st = 4 ] && [ "$(wc -l <"$tmp/o")" = 1 ]; then pass not_root
    else fail not_root "exit status $st (expected 4, one line): $(flat "$tmp/o")"; fi
    skip root "not root: binfmt_misc registration needs root; run make check as root for the rest"
    exit 0
fi

# One run at a time on a machine (several trees may run make check at once): another run's
# entry would look like a conflicting handler, and --force would disable it.
if command -v flock >/dev/null; then
    exec 9>"${TMPDIR:-/tmp}/crossrun-e2e-binfmt.lock"
    flock -w 300 9 || { skip binfmt_misc "another binfmt.sh run holds the lock"; exit 0; }
fi
[ -e "$BM/register" ] || was_mounted=0

# ---- binfmt_misc there (crossrun mounts it)? ----
"$CROSSRUN" binfmt status --name-prefix "$prefix" >"$tmp/status" 2>&1
st=$?
if [ $st -ge 4 ]; then
    skip binfmt_misc "binfmt_misc unavailable: $(flat "$tmp/status")"
    exit 0
fi
if grep -q "^riscv64: other handler" "$tmp/status"; then
    skip binfmt_misc "another riscv64 handler is registered here ($(grep -m1 '^riscv64: other handler' "$tmp/status")): not touching it"
    exit 0
fi
if ls "$BM" | grep -qi qemu; then
    echo "note: qemu entries registered here (not for riscv64): $(ls "$BM" | grep -i qemu | tr '\n' ' ')"
fi
if grep -q "^riscv64: not registered" "$tmp/status" && [ $st = 1 ]; then pass status_unregistered
else fail status_unregistered "exit status $st: $(flat "$tmp/status")"; fi

# ---- install ----
export CROSSRUN_BINFMT_D="$tmp/binfmt.d"
self=$(readlink -f "$CROSSRUN")
"$CROSSRUN" binfmt install --name-prefix "$prefix" --persistent >"$tmp/o" 2>&1
st=$?
conf=$CROSSRUN_BINFMT_D/${prefix}riscv64.conf
if [ $st != 0 ]; then fail install "exit status $st: $(flat "$tmp/o")"
elif [ "$(head -1 "$BM/${prefix}riscv64" 2>/dev/null)" != enabled ]; then fail install "no enabled entry ${prefix}riscv64"
elif ! grep -q "^flags: PF$" "$BM/${prefix}riscv64"; then fail install "flags: $(flat "$BM/${prefix}riscv64")"
elif ! grep -q "^interpreter $self\$" "$BM/${prefix}riscv64"; then fail install "interpreter: $(flat "$BM/${prefix}riscv64")"
elif ! grep -q "^:${prefix}riscv64:M::.*:$self:PF\$" "$conf" 2>/dev/null; then fail install "--persistent file $conf: $(flat "$conf" 2>&1)"
else pass install; fi

# expect NAME STATUS PATTERN CMD...: runs CMD (in $out), checks its exit status and that its
# output (stdout and stderr) matches the grep pattern PATTERN
expect() {
    name=$1 want=$2 pat=$3
    shift 3
    (cd "$out" && timeout 30 "$@") >"$tmp/out" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then fail "$name" "exit status $got, expected $want: $(flat "$tmp/out")"
    elif [ -n "$pat" ] && ! grep -q -- "$pat" "$tmp/out"; then fail "$name" "output lacks '$pat': $(flat "$tmp/out")"
    else pass "$name"; fi
}
# $with_argv0 NAME PROG ARGS...: runs PROG with argv[0] NAME (bash's exec -a, or perl)
with_argv0=$tmp/with_argv0
if command -v bash >/dev/null; then
    printf '#!%s\nn=$1; shift; exec -a "$n" "$@"\n' "$(command -v bash)" >"$with_argv0"
else
    printf '#!%s\n$n = shift; exec { $ARGV[0] } $n, @ARGV[1..$#ARGV] or exit 127;\n' \
        "$(command -v perl || echo /usr/bin/perl)" >"$with_argv0"
fi
chmod 755 "$with_argv0"

expect run_direct 0 "argv\[2\]=two words" ./showargs one "two words"
expect exit_status 42 "argv\[1\]=exit" ./showargs exit 42
expect argv0_preserved 0 "argv\[0\]=myname" "$with_argv0" myname ./showargs
expect options_not_parsed 0 "argv\[1\]=-strace" ./showargs -strace -L /nonexistent
expect dynamic_from_env 0 "argv\[1\]=dyn" env QEMU_LD_PREFIX=/usr/riscv64-linux-gnu ./showargs-dyn dyn
expect strace_from_env 0 "exit_group" env QEMU_STRACE=1 ./showargs
expect engine_from_env 0 "argv\[1\]=interp" env CROSSRUN_ENGINE=interp ./showargs interp
expect bad_engine_from_env 2 "unknown engine" env CROSSRUN_ENGINE=bogus ./showargs
expect foreign_child 3 "child: argv\[1\]=exit" ./spawn ./showargs exit 3

# ---- status ----
"$CROSSRUN" binfmt status --name-prefix "$prefix" >"$tmp/o" 2>&1
st=$?
if [ $st = 0 ] && grep -q "^riscv64: ${prefix}riscv64: enabled, flags PF, interpreter $self\$" "$tmp/o"; then pass status
else fail status "exit status $st: $(flat "$tmp/o")"; fi

# ---- a conflicting handler: same magic, /bin/false, no flags ----
line=$(sed -n "s|^:${prefix}riscv64:\(M::[^:]*:[^:]*\):.*|:$dummy:\1:/bin/false:|p" "$conf")
if ! printf '%s' "$line" >"$BM/register" 2>"$tmp/o"; then
    fail conflict_setup "cannot register $dummy: $(flat "$tmp/o")"
else
    "$CROSSRUN" binfmt status --name-prefix "$prefix" >"$tmp/o" 2>&1
    st=$?
    if [ $st = 1 ] && grep -q "^riscv64: other handler $dummy: enabled, flags (none), interpreter /bin/false" "$tmp/o"
    then pass status_conflict; else fail status_conflict "exit status $st: $(flat "$tmp/o")"; fi

    "$CROSSRUN" binfmt install --name-prefix "$prefix" >"$tmp/o" 2>&1
    st=$?
    if [ $st = 3 ] && grep -q "claimed by $dummy" "$tmp/o" && grep -q -- "--force" "$tmp/o" &&
        [ "$(head -1 "$BM/$dummy")" = enabled ]
    then pass install_refuses_conflict; else fail install_refuses_conflict "exit status $st: $(flat "$tmp/o")"; fi

    "$CROSSRUN" binfmt install --name-prefix "$prefix" --force >"$tmp/o" 2>&1
    st=$?
    if [ $st = 0 ] && [ "$(head -1 "$BM/$dummy")" = disabled ] && grep -q "disabled $dummy" "$tmp/o" &&
        [ "$(head -1 "$BM/${prefix}riscv64")" = enabled ]
    then pass install_force; else fail install_force "exit status $st, $dummy $(head -1 "$BM/$dummy"): $(flat "$tmp/o")"; fi
    expect run_after_force 0 "argv\[1\]=again" ./showargs again
fi

# ---- flags: without P (the kernel drops argv[0]), O (the program passed open) ----
if "$CROSSRUN" binfmt install --name-prefix "$prefix" --flags F >"$tmp/o" 2>&1 &&
    grep -q "^flags: F$" "$BM/${prefix}riscv64"; then
    (cd "$out" && "$with_argv0" myname ./showargs x) >"$tmp/out" 2>&1
    if grep -q "argv\[0\]=myname" "$tmp/out" || ! grep -q "argv\[0\]=.*showargs" "$tmp/out" ||
        ! grep -q "argv\[1\]=x" "$tmp/out"
    then fail no_p_flag "$(flat "$tmp/out")"; else pass no_p_flag; fi
else
    fail no_p_flag "install --flags F: $(flat "$tmp/o")"
fi
if "$CROSSRUN" binfmt install --name-prefix "$prefix" --flags FOP >"$tmp/o" 2>&1 &&
    grep -q "^flags: POF$" "$BM/${prefix}riscv64"; then
    cp "$out/showargs" "$tmp/xonly" && chmod 0711 "$tmp/xonly"
    if command -v setpriv >/dev/null; then
        # nobody can execute it but not read it: only the O flag's open file lets it run
        (cd "$tmp" && setpriv --reuid=65534 --regid=65534 --clear-groups ./xonly hidden) >"$tmp/out" 2>&1
        st=$?
        if [ $st = 0 ] && grep -q "argv\[1\]=hidden" "$tmp/out"; then pass o_flag_unreadable
        else fail o_flag_unreadable "exit status $st: $(flat "$tmp/out")"; fi
    else
        expect o_flag 0 "argv\[1\]=o" "$tmp/xonly" o
    fi
else
    fail o_flag "install --flags FOP: $(flat "$tmp/o")"
fi
# C: a setuid foreign program runs crossrun with its privileges; crossrun then ignores the
# QEMU_* variables (here: a log file the user chose) and the guest sees AT_SECURE
if command -v setpriv >/dev/null; then
    if "$CROSSRUN" binfmt install --name-prefix "$prefix" --flags FPC >"$tmp/o" 2>&1 &&
        grep -q "^flags: POCF$" "$BM/${prefix}riscv64" && grep -q "warning: flag C" "$tmp/o"; then
        cp "$out/creds" "$tmp/creds" && chmod 4755 "$tmp/creds"
        (cd "$tmp" && setpriv --reuid=65534 --regid=65534 --clear-groups \
            env QEMU_LOG=strace QEMU_LOG_FILENAME="$tmp/chosen.log" ./creds) >"$tmp/out" 2>&1
        if grep -q "^uid=65534 euid=65534 secure=0" "$tmp/out"; then
            skip c_flag_setuid "the setuid bit is ignored here (nosuid mount?)"
        elif grep -q "^uid=65534 euid=0 secure=1$" "$tmp/out" && [ ! -e "$tmp/chosen.log" ]; then
            pass c_flag_setuid
        else
            fail c_flag_setuid "$(flat "$tmp/out")$([ -e "$tmp/chosen.log" ] && echo ' (wrote the log file the user chose)')"
        fi
    else
        fail c_flag_setuid "install --flags FPC: $(flat "$tmp/o")"
    fi
fi
"$CROSSRUN" binfmt install --name-prefix "$prefix" >"$tmp/o" 2>&1 || fail reinstall "$(flat "$tmp/o")"

# ---- not root ----
if command -v setpriv >/dev/null; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$CROSSRUN" binfmt install --name-prefix "$prefix" >"$tmp/o" 2>&1
    st=$?
    if [ $st = 4 ] && [ "$(wc -l <"$tmp/o")" = 1 ] && grep -q "needs root" "$tmp/o"; then pass not_root
    else fail not_root "exit status $st (expected 4, one line): $(flat "$tmp/o")"; fi
    setpriv --reuid=65534 --regid=65534 --clear-groups "$CROSSRUN" binfmt status --name-prefix "$prefix" >"$tmp/o" 2>&1
    st=$?
    if grep -q "^riscv64: ${prefix}riscv64: enabled" "$tmp/o"; then pass status_not_root
    else fail status_not_root "exit status $st: $(flat "$tmp/o")"; fi
else
    skip not_root "no setpriv to drop root"
fi

# ---- a minimal chroot without crossrun: static and dynamic test programs, glibc ----
min=$tmp/minroot
mkdir -p "$min/bin" "$min/lib" "$min/tmp"
cp "$out/showargs" "$out/spawn" "$min/bin/" && cp "$out/showargs-dyn" "$min/bin/showargs-dyn"
cp /usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1 /usr/riscv64-linux-gnu/lib/libc.so.6 "$min/lib/"
timeout 30 chroot "$min" /bin/spawn /bin/showargs-dyn exit 5 >"$tmp/out" 2>&1
st=$?
if [ $st = 5 ] && grep -q "child: argv\[0\]=/bin/showargs-dyn" "$tmp/out" && grep -q "^exit 5" "$tmp/out" &&
    ! find "$min" -name 'crossrun*' | grep -q .
then pass chroot_minimal; else fail chroot_minimal "exit status $st: $(flat "$tmp/out")"; fi

# ---- the busybox root file system of scripts/make-rootfs-riscv64.sh ----
rootfs=$top/build/rootfs/riscv64
if [ "${FULL:-0}" = 1 ] || [ -x "$top/build/real/bin/busybox.static" ] ||
    [ -x "$top/build/rootfs/busybox/busybox" ] || [ -n "${BUSYBOX:-}" ]; then
    if CROSSRUN=$CROSSRUN "$top/scripts/make-rootfs-riscv64.sh" "$rootfs" >"$tmp/o" 2>&1; then
        root=$tmp/rootfs
        cp -a "$rootfs" "$root"
        cp "$out/showargs-dyn" "$root/bin/showargs"
        cat >"$tmp/expected" <<'EOF'
HELLO RISCV
/tmp
sub=3
x=4
script one
2
script=4
a b c
sorted: 1 2 3
riscv64
EOF
        # pipelines, subshells, command substitution, a script run directly (#! /bin/sh) that
        # runs another foreign program, busybox applets, a here-document through a pipeline
        timeout 60 chroot "$root" /bin/sh -c '
            echo hello world | tr a-z A-Z | sed s/WORLD/RISCV/
            (cd /tmp && pwd; exit 3); echo sub=$?
            x=$(echo abc | wc -c); echo x=$x
            printf "#!/bin/sh\necho script \$1\n/bin/showargs s | grep -c argv\nexit 4\n" >/tmp/t.sh
            chmod +x /tmp/t.sh; /tmp/t.sh one; echo script=$?
            echo a b c | (read x y z; echo $x $y $z)
            printf "3\n1\n2\n" | sort -n | { tr "\n" " "; echo; } | sed "s/^/sorted: /; s/ *$//"
            uname -m' >"$tmp/out" 2>&1
        st=$?
        if [ $st = 0 ] && cmp -s "$tmp/out" "$tmp/expected" && ! find "$root" -name 'crossrun*' | grep -q .
        then pass chroot_busybox
        else fail chroot_busybox "exit status $st: got $(flat "$tmp/out") expected $(flat "$tmp/expected")"; fi
    elif [ "${FULL:-0}" = 1 ] && ! grep -qE "apt-get|deb-src|dpkg-source" "$tmp/o"; then
        fail chroot_busybox "make-rootfs-riscv64.sh: $(tail -2 "$tmp/o" | tr '\n' ' ')"
    else
        skip chroot_busybox "make-rootfs-riscv64.sh failed: $(tail -1 "$tmp/o")"
    fi
else
    skip chroot_busybox "no riscv64 busybox built yet (FULL=1, scripts/build-real-programs.sh busybox or scripts/make-rootfs-riscv64.sh builds one)"
fi

# ---- uninstall ----
"$CROSSRUN" binfmt uninstall --name-prefix "$prefix" >"$tmp/o" 2>&1
st=$?
left=$(ls "$BM" | grep -F "$prefix")
if [ $st != 0 ]; then fail uninstall "exit status $st: $(flat "$tmp/o")"
elif [ -n "$left" ]; then fail uninstall "left behind: $left"
elif [ -e "$conf" ]; then fail uninstall "left $conf"
elif [ -e "$BM/$dummy" ] && [ "$(head -1 "$BM/$dummy")" != disabled ]; then fail uninstall "touched $dummy"
else pass uninstall; fi
[ -e "$BM/$dummy" ] && echo -1 >"$BM/$dummy"
# nothing handles riscv64 programs now: the kernel cannot run them
(cd "$out" && ./showargs) >"$tmp/out" 2>&1
st=$?
if [ $st = 0 ]; then fail unregistered_not_run "./showargs still ran"; else pass unregistered_not_run; fi
"$CROSSRUN" binfmt uninstall --name-prefix "$prefix" >"$tmp/o" 2>&1
st=$?
if [ $st = 0 ] && grep -q "nothing to remove" "$tmp/o"; then pass uninstall_again
else fail uninstall_again "exit status $st: $(flat "$tmp/o")"; fi
exit 0
