#!/bin/sh
# tests/guest/mm/run.sh - runs the guest memory-management tests (mmap family, faults, brk,
# file mappings, /proc/self/maps, a guest JIT) under crossrun: the same driver as
# tests/guest/threads/run.sh (see there; it builds with tests/guest/mm/mm.mk), with lines
# "PASS guest.mm.<engine>.<name>" and, for the dynamically linked builds,
# "PASS guest.mm.<engine>.dyn.<name>".
#   tests/guest/mm/run.sh [CROSSRUN]          ENGINES="jit interp" DYN_ENGINES=$ENGINES
SUITE=mm exec sh "$(dirname "$0")/../threads/run.sh" "$@"
