#!/bin/sh
# tests/guest/signals/run.sh - runs the guest signal tests under crossrun: the same driver
# as tests/guest/threads/run.sh (see there), with lines "PASS guest.signals.<engine>.<name>".
#   tests/guest/signals/run.sh [CROSSRUN]     ENGINES="jit interp"
SUITE=signals exec sh "$(dirname "$0")/../threads/run.sh" "$@"
