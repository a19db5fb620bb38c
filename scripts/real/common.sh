# common.sh - shared settings for scripts/build-real-programs.sh and tests/real/run.sh: where the
# Debian source packages and build products live, and the program/variant names.
# Sourced, not run. Products: build/real/bin/<prog>.<native|static|dynamic>.
# Invariant: nothing here writes outside build/real/ except enable_deb_src (apt configuration).
REAL_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REAL_DIR=${REAL_BUILD_DIR:-$REAL_TOP/build/real}
REAL_BIN=$REAL_DIR/bin
REAL_SRC=$REAL_DIR/src
REAL_STAMP=$REAL_DIR/stamp
REAL_LOG=$REAL_DIR/log
REAL_SYSROOT=/usr/riscv64-linux-gnu
RV_CC=riscv64-linux-gnu-gcc
# program -> Debian source package
declare -A REAL_PKG=([lua]=lua5.4 [xz]=xz-utils [sqlite]=sqlite3 [busybox]=busybox)
REAL_ALL_PROGS=(lua xz sqlite busybox)
# riscv64 variants built per program (busybox is static only)
real_variants() {
    case $1 in
        busybox) echo static ;;
        *) echo static dynamic ;;
    esac
}
