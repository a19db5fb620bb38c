# tests/guest/proc/proc.mk - builds the process/exec//proc guest tests (run from the repo root):
#   make -f tests/guest/proc/proc.mk [all]
# tests/guest/proc/NAME.c -> build/guest/proc/NAME   static glibc, -O2, riscv64
#                         -> build/guest/proc/dyn/NAME   the same, dynamically linked (run with
#                                                        crossrun -L /usr/riscv64-linux-gnu)
# With GUEST_CC=cc and OUT=build/guest/proc-native the same sources build for the host, the
# oracle regen-expected.sh uses for the exec tests (see there).
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

GUEST_CC     ?= riscv64-linux-gnu-gcc
OUT          ?= build/guest/proc
GUEST_CFLAGS := -static -O2 -g0 -Wall -Wextra -Werror

SRCS := $(sort $(wildcard tests/guest/proc/*.c))
BINS := $(SRCS:tests/guest/proc/%.c=$(OUT)/%)
DYN_BINS := $(SRCS:tests/guest/proc/%.c=$(OUT)/dyn/%)

all: static dyn
static: $(BINS)
dyn: $(DYN_BINS)

$(OUT)/%: tests/guest/proc/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $< -lm

$(OUT)/dyn/%: tests/guest/proc/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(filter-out -static,$(GUEST_CFLAGS)) -o $@ $< -lm

.PHONY: all static dyn
