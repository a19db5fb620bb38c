# tests/guest/sys/sys.mk - builds the syscall guest programs (run from the repo root):
#   make -f tests/guest/sys/sys.mk [all|build/guest/sys/NAME]
# tests/guest/sys/NAME.c -> build/guest/sys/NAME   static glibc, -O2, riscv64
#                        -> build/guest/sys/dyn/NAME   the same, dynamically linked (run with
#                                                      crossrun -L /usr/riscv64-linux-gnu)
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

GUEST_CC     ?= riscv64-linux-gnu-gcc
GUEST_CFLAGS := -static -O2 -g0 -Wall -Wextra -Werror -Itests/guest/sys

SRCS := $(sort $(wildcard tests/guest/sys/*.c))
BINS := $(SRCS:tests/guest/sys/%.c=build/guest/sys/%)
DYN_BINS := $(SRCS:tests/guest/sys/%.c=build/guest/sys/dyn/%)

all: static dyn
static: $(BINS)
dyn: $(DYN_BINS)

build/guest/sys/%: tests/guest/sys/%.c tests/guest/sys/sys_check.h
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $<

build/guest/sys/dyn/%: tests/guest/sys/%.c tests/guest/sys/sys_check.h
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(filter-out -static,$(GUEST_CFLAGS)) -o $@ $<

.PHONY: all static dyn
