# tests/guest/threads/threads.mk - builds the thread and signal guest tests (run from the
# repo root):
#   make -f tests/guest/threads/threads.mk SUITE=threads|signals [all]
# tests/guest/$(SUITE)/NAME.c -> build/guest/$(SUITE)/NAME   static glibc, -O2, -pthread
#                             -> build/guest/$(SUITE)/dyn/NAME   the same, dynamically linked
#                                (run with crossrun -L /usr/riscv64-linux-gnu)
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

GUEST_CC     ?= riscv64-linux-gnu-gcc
SUITE        ?= threads
OUT          ?= build/guest/$(SUITE)
GUEST_CFLAGS := -static -O2 -g0 -Wall -Wextra -Werror -pthread

SRCS := $(sort $(wildcard tests/guest/$(SUITE)/*.c))
BINS := $(SRCS:tests/guest/$(SUITE)/%.c=$(OUT)/%)
DYN_BINS := $(SRCS:tests/guest/$(SUITE)/%.c=$(OUT)/dyn/%)

all: static dyn
static: $(BINS)
dyn: $(DYN_BINS)

$(OUT)/%: tests/guest/$(SUITE)/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $<

$(OUT)/dyn/%: tests/guest/$(SUITE)/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(filter-out -static,$(GUEST_CFLAGS)) -o $@ $<

.PHONY: all static dyn
