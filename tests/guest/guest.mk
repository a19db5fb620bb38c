# tests/guest/guest.mk - builds the riscv64 guest test programs (run from the repo root):
#   make -f tests/guest/guest.mk [all|asm|c|build/guest/c/NAME|build/guest/asm/NAME]
# tests/guest/asm/NAME.S -> build/guest/asm/NAME   freestanding, -nostdlib, RV64G+Zba/Zbb/Zbs
#                                                  (compressed code only where a test asks for
#                                                  it with .option rvc; Zicond via .insn)
# tests/guest/c/NAME.c   -> build/guest/c/NAME     static glibc, -O2
# tests/guest/c/NAME.cc  -> build/guest/c/NAME     static libstdc++, -O2
# and each C/C++ program also dynamically linked:
#                        -> build/guest/c/dyn/NAME (run with crossrun -L /usr/riscv64-linux-gnu)
# The cross compilers come from Debian's gcc-riscv64-linux-gnu / g++-riscv64-linux-gnu.
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

GUEST_CC      ?= riscv64-linux-gnu-gcc
GUEST_CXX     ?= riscv64-linux-gnu-g++
# binutils 2.40 knows zba/zbb/zbs but not zicond (zicond.S uses .insn encodings)
GUEST_ASFLAGS := -nostdlib -static -march=rv64g_zba_zbb_zbs -mabi=lp64d -Wl,--no-relax \
                 -Itests/guest/asm
GUEST_CFLAGS  := -static -O2 -g0 -Wall -Wextra -Werror -frounding-math
GUEST_CXXFLAGS := -static -O2 -g0 -Wall -Wextra -Werror -frounding-math
DYN_CFLAGS    := $(filter-out -static,$(GUEST_CFLAGS))
DYN_CXXFLAGS  := $(filter-out -static,$(GUEST_CXXFLAGS))

ASM_SRCS := $(sort $(wildcard tests/guest/asm/*.S))
C_SRCS   := $(sort $(wildcard tests/guest/c/*.c))
CXX_SRCS := $(sort $(wildcard tests/guest/c/*.cc))
ASM_BINS := $(ASM_SRCS:tests/guest/asm/%.S=build/guest/asm/%)
C_BINS   := $(C_SRCS:tests/guest/c/%.c=build/guest/c/%) $(CXX_SRCS:tests/guest/c/%.cc=build/guest/c/%)
DYN_BINS := $(C_SRCS:tests/guest/c/%.c=build/guest/c/dyn/%) \
            $(CXX_SRCS:tests/guest/c/%.cc=build/guest/c/dyn/%)

all: asm c dyn
asm: $(ASM_BINS)
c: $(C_BINS)
dyn: $(DYN_BINS)

build/guest/asm/%: tests/guest/asm/%.S $(wildcard tests/guest/asm/*.h)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ASFLAGS) -o $@ $<

build/guest/c/%: tests/guest/c/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $< -lm

build/guest/c/%: tests/guest/c/%.cc
	@mkdir -p $(dir $@)
	$(GUEST_CXX) $(GUEST_CXXFLAGS) -o $@ $< -lm

build/guest/c/dyn/%: tests/guest/c/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(DYN_CFLAGS) -o $@ $< -lm

build/guest/c/dyn/%: tests/guest/c/%.cc
	@mkdir -p $(dir $@)
	$(GUEST_CXX) $(DYN_CXXFLAGS) -o $@ $< -lm

.PHONY: all asm c dyn
