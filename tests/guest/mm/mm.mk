# tests/guest/mm/mm.mk - builds the memory-management guest tests (run from the repo root):
#   make -f tests/guest/mm/mm.mk [all|static|dynamic]
# tests/guest/mm/NAME.c -> build/guest/mm/NAME       static glibc, -O2, -pthread, riscv64
#                       -> build/guest/mm/dyn/NAME   the same, dynamically linked (run with
#                                                    crossrun -L /usr/riscv64-linux-gnu)
# With GUEST_CC=cc OUT=build/guest/mm-native the same sources build for the host: the oracle
# regen-expected.sh uses where qemu-riscv64 7.2 is wrong (jit*.c and code_stale.c hold
# riscv64 machine code and are only built for riscv64).
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

GUEST_CC     ?= riscv64-linux-gnu-gcc
OUT          ?= build/guest/mm
GUEST_CFLAGS := -O2 -g0 -Wall -Wextra -Werror -pthread

SRCS := $(sort $(wildcard tests/guest/mm/*.c))
ifneq ($(GUEST_CC),riscv64-linux-gnu-gcc)
SRCS := $(filter-out tests/guest/mm/jit%.c tests/guest/mm/code_stale.c,$(SRCS))
endif
BINS     := $(SRCS:tests/guest/mm/%.c=$(OUT)/%)
DYN_BINS := $(SRCS:tests/guest/mm/%.c=$(OUT)/dyn/%)

all: static dynamic
static: $(BINS)
dynamic: $(DYN_BINS)

$(OUT)/%: tests/guest/mm/%.c tests/guest/mm/mm_check.h
	@mkdir -p $(dir $@)
	$(GUEST_CC) -static $(GUEST_CFLAGS) -o $@ $<

$(OUT)/dyn/%: tests/guest/mm/%.c tests/guest/mm/mm_check.h
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $<

.PHONY: all static dynamic
