/* Layout of the state dump that every generated differential-test program writes to stdout.
 * Shared by gen.c (which emits the assembly that writes it) and dumpcmp.c (which compares two
 * dumps). The dump is one contiguous .bss range written with write(2):
 *
 *   [0, 4096)            register page: x0..x31, f0..f31 (raw 64-bit, NaN-boxing visible),
 *                        fcsr, a magic word proving the program reached its end; rest zero
 *   [4096, 4096+SCRATCH) the scratch data area that random loads, stores and AMOs touch
 *   [.., ..+LOG)         the result log: each item's destination registers, stored via s10
 *
 * Invariant: random loads/stores/AMOs only address [SCRATCH start, SCRATCH end); only the
 * generated log stores write the log; so the register page holds exactly what the dump stored. */
#ifndef DIFF_DUMP_LAYOUT_H
#define DIFF_DUMP_LAYOUT_H

#define DUMP_X_OFF        0            /* x0..x31, 8 bytes each */
#define DUMP_F_OFF        256          /* f0..f31, 8 bytes each */
#define DUMP_FCSR_OFF     512          /* fcsr zero-extended to 8 bytes */
#define DUMP_MAGIC_OFF    520          /* DUMP_MAGIC once the dump code ran */
#define DUMP_REGPAGE      4096         /* size of the register page */
#define DUMP_SCRATCH      73728        /* 72 KiB scratch area, page aligned */
#define DUMP_LOG          65536        /* result log written through s10, see gen.c */
#define DUMP_TOTAL        (DUMP_REGPAGE + DUMP_SCRATCH + DUMP_LOG)
#define DUMP_MAGIC        0x21504d5544464944ull /* "DIFDUMP!" little-endian */

/* The generated code keeps s11 = scratch + S11_BIAS and sp = scratch + SP_BIAS. Random accesses
 * use s11 + [0, 65535] + imm12 or sp + imm12, which stay inside the scratch area. */
#define DUMP_S11_BIAS     2048
#define DUMP_SP_BIAS      8192

#endif
