# crossrun - GNU make. `make` builds ./crossrun (one static binary); `make check` installs
# what is missing, builds and runs every test; `make demo` builds and runs a bundled guest
# program; `make bench` measures speed against qemu-user and native.
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -fno-strict-aliasing \
           -D_GNU_SOURCE -MMD -MP -Isrc
LDFLAGS += -static
LDLIBS  := -lelf -lz -lzstd -lcapstone -lseccomp -lm -lpthread

SRCS    := $(shell find src -name '*.c' | sort)
OBJS    := $(SRCS:%.c=build/%.o)
# Generated sources (see "The guest vDSO" below) are compiled and linked like the others.
GEN_OBJS := build/gen/riscv64_vdso.o
OBJS    += $(GEN_OBJS)
LIBOBJS := $(filter-out build/src/main.o,$(OBJS))
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/tests/unit/%)

all: crossrun

crossrun: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The guest vDSO: a small riscv64 shared object (src/targets/riscv64/vdso/: vdso.S linked by
# vdso.lds) built with the cross compiler that scripts/install-deps.sh installs, turned into a
# C array by the host tool tools/bin2c and linked into crossrun; src/loader/vdso.c maps it
# into every riscv64 guest as "[vdso]".
GUEST_CC_RISCV64 ?= riscv64-linux-gnu-gcc
VDSO_RISCV64_FLAGS := -march=rv64g -mabi=lp64d -nostdlib -shared -fPIC \
           -Wl,-T,src/targets/riscv64/vdso/vdso.lds -Wl,--hash-style=both \
           -Wl,-soname=linux-vdso.so.1 -Wl,--build-id=none -Wl,--strip-all -Wl,--no-undefined

build/vdso/riscv64/vdso.so: src/targets/riscv64/vdso/vdso.S src/targets/riscv64/vdso/vdso.lds
	@mkdir -p $(dir $@)
	$(GUEST_CC_RISCV64) $(VDSO_RISCV64_FLAGS) -o $@ $<

build/tools/bin2c: tools/bin2c.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

build/gen/riscv64_vdso.c: build/vdso/riscv64/vdso.so build/tools/bin2c
	@mkdir -p $(dir $@)
	build/tools/bin2c $< $@ rv64_vdso_image

build/gen/%.o: build/gen/%.c
	$(CC) $(CFLAGS) -c -o $@ $<

# Unit tests link against an archive, so a test only pulls in the objects it needs.
build/libcrossrun.a: $(LIBOBJS)
	rm -f $@
	ar rcs $@ $^

build/tests/unit/%: tests/unit/%.c tests/unit/test.h build/libcrossrun.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< build/libcrossrun.a $(LDLIBS)

unit: $(UNIT_BINS)

deps:
	@scripts/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all unit
	@tests/run-all.sh

check-full: deps
	@$(MAKE) --no-print-directory all unit
	@FULL=1 tests/run-all.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -f tests/guest/guest.mk build/guest/c/hello
	./crossrun build/guest/c/hello world

bench: deps
	@$(MAKE) --no-print-directory all
	@scripts/bench.sh

clean:
	rm -rf build crossrun

.PHONY: all unit deps check check-full demo bench clean
-include $(OBJS:.o=.d) $(UNIT_BINS:=.d)
