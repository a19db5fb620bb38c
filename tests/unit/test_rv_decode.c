/*
 * test_rv_decode.c - the riscv64 front end: decode table, disassembler, compressed
 * expansion, reserved encodings, and translation (IR validity and, run with the IR
 * interpreter, the semantics of the instructions' translations).
 *
 * The encodings and texts below were produced once with GNU binutils 2.40
 * (riscv64-linux-gnu-as -march=rv64gc_zba_zbb_zbs, objdump -d [-M no-aliases]), with
 * objdump's "," turned into ", " and its "<symbol>" and "# comment" suffixes dropped.
 * Zicond rows are hand-encoded (binutils 2.40 predates it).
 */
#define TEST_MAIN
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "test.h"
#include "loader/guest_mem.h"
#include "targets/riscv64/cpu.h"
#include "targets/riscv64/decode.h"
#include "targets/riscv64/translate.h"
#include "targets/target.h"
#include "translate/exec.h"

extern const struct target target_riscv64;

struct objdump_row {
    uint64_t pc;
    uint32_t word;
    const char *text;
};

/* objdump -M no-aliases */
static const struct objdump_row canonical_rows[] = {
    { 0x0, 0x005f85b3, "add a1, t6, t0" }, { 0x4, 0x002a86b3, "add a3, s5, sp" },
    { 0x8, 0x412d81b3, "sub gp, s11, s2" }, { 0xc, 0x41360233, "sub tp, a2, s3" },
    { 0x10, 0x011f1133, "sll sp, t5, a7" }, { 0x14, 0x003113b3, "sll t2, sp, gp" },
    { 0x18, 0x00372733, "slt a4, a4, gp" }, { 0x1c, 0x0121a433, "slt s0, gp, s2" },
    { 0x20, 0x01b13733, "sltu a4, sp, s11" }, { 0x24, 0x01f239b3, "sltu s3, tp, t6" },
    { 0x28, 0x015ac433, "xor s0, s5, s5" }, { 0x2c, 0x002fc9b3, "xor s3, t6, sp" },
    { 0x30, 0x00d9d9b3, "srl s3, s3, a3" }, { 0x34, 0x00245133, "srl sp, s0, sp" },
    { 0x38, 0x405e5933, "sra s2, t3, t0" }, { 0x3c, 0x40575533, "sra a0, a4, t0" },
    { 0x40, 0x01326933, "or s2, tp, s3" }, { 0x44, 0x01b96533, "or a0, s2, s11" },
    { 0x48, 0x00437b33, "and s6, t1, tp" }, { 0x4c, 0x0159f9b3, "and s3, s3, s5" },
    { 0x50, 0x004603bb, "addw t2, a2, tp" }, { 0x54, 0x003b893b, "addw s2, s7, gp" },
    { 0x58, 0x414109bb, "subw s3, sp, s4" }, { 0x5c, 0x416803bb, "subw t2, a6, s6" },
    { 0x60, 0x0197193b, "sllw s2, a4, s9" }, { 0x64, 0x013795bb, "sllw a1, a5, s3" },
    { 0x68, 0x00c7df3b, "srlw t5, a5, a2" }, { 0x6c, 0x01a4553b, "srlw a0, s0, s10" },
    { 0x70, 0x419bd33b, "sraw t1, s7, s9" }, { 0x74, 0x4131d43b, "sraw s0, gp, s3" },
    { 0x78, 0x03088533, "mul a0, a7, a6" }, { 0x7c, 0x03858eb3, "mul t4, a1, s8" },
    { 0x80, 0x034517b3, "mulh a5, a0, s4" }, { 0x84, 0x031211b3, "mulh gp, tp, a7" },
    { 0x88, 0x03932733, "mulhsu a4, t1, s9" }, { 0x8c, 0x03e2a5b3, "mulhsu a1, t0, t5" },
    { 0x90, 0x02273833, "mulhu a6, a4, sp" }, { 0x94, 0x023b3fb3, "mulhu t6, s6, gp" },
    { 0x98, 0x03394cb3, "div s9, s2, s3" }, { 0x9c, 0x03becd33, "div s10, t4, s11" },
    { 0xa0, 0x0375d5b3, "divu a1, a1, s7" }, { 0xa4, 0x030a5633, "divu a2, s4, a6" },
    { 0xa8, 0x02fd69b3, "rem s3, s10, a5" }, { 0xac, 0x023de1b3, "rem gp, s11, gp" },
    { 0xb0, 0x0304ffb3, "remu t6, s1, a6" }, { 0xb4, 0x023b7bb3, "remu s7, s6, gp" },
    { 0xb8, 0x037c013b, "mulw sp, s8, s7" }, { 0xbc, 0x033a853b, "mulw a0, s5, s3" },
    { 0xc0, 0x02fdcb3b, "divw s6, s11, a5" }, { 0xc4, 0x02dbc53b, "divw a0, s7, a3" },
    { 0xc8, 0x02cb5ebb, "divuw t4, s6, a2" }, { 0xcc, 0x02ffd0bb, "divuw ra, t6, a5" },
    { 0xd0, 0x0343663b, "remw a2, t1, s4" }, { 0xd4, 0x0228623b, "remw tp, a6, sp" },
    { 0xd8, 0x02acf3bb, "remuw t2, s9, a0" }, { 0xdc, 0x028c72bb, "remuw t0, s8, s0" },
    { 0xe0, 0x21e6a6b3, "sh1add a3, a3, t5" }, { 0xe4, 0x20382e33, "sh1add t3, a6, gp" },
    { 0xe8, 0x20d7c333, "sh2add t1, a5, a3" }, { 0xec, 0x21d4c933, "sh2add s2, s1, t4" },
    { 0xf0, 0x20ede2b3, "sh3add t0, s11, a4" }, { 0xf4, 0x20996e33, "sh3add t3, s2, s1" },
    { 0xf8, 0x08c70bbb, "add.uw s7, a4, a2" }, { 0xfc, 0x08de8b3b, "add.uw s6, t4, a3" },
    { 0x100, 0x20542fbb, "sh1add.uw t6, s0, t0" }, { 0x104, 0x205321bb, "sh1add.uw gp, t1, t0" },
    { 0x108, 0x208b443b, "sh2add.uw s0, s6, s0" }, { 0x10c, 0x21b840bb, "sh2add.uw ra, a6, s11" },
    { 0x110, 0x209369bb, "sh3add.uw s3, t1, s1" }, { 0x114, 0x2050e53b, "sh3add.uw a0, ra, t0" },
    { 0x118, 0x40c97733, "andn a4, s2, a2" }, { 0x11c, 0x40b9fa33, "andn s4, s3, a1" },
    { 0x120, 0x4172efb3, "orn t6, t0, s7" }, { 0x124, 0x41f8ee33, "orn t3, a7, t6" },
    { 0x128, 0x416aca33, "xnor s4, s5, s6" }, { 0x12c, 0x40f14c33, "xnor s8, sp, a5" },
    { 0x130, 0x0b9e6eb3, "max t4, t3, s9" }, { 0x134, 0x0b6e6fb3, "max t6, t3, s6" },
    { 0x138, 0x0ad97d33, "maxu s10, s2, a3" }, { 0x13c, 0x0ad6f6b3, "maxu a3, a3, a3" },
    { 0x140, 0x0b584233, "min tp, a6, s5" }, { 0x144, 0x0a7146b3, "min a3, sp, t2" },
    { 0x148, 0x0af3d1b3, "minu gp, t2, a5" }, { 0x14c, 0x0ab25333, "minu t1, tp, a1" },
    { 0x150, 0x60411a33, "rol s4, sp, tp" }, { 0x154, 0x605990b3, "rol ra, s3, t0" },
    { 0x158, 0x61f25933, "ror s2, tp, t6" }, { 0x15c, 0x601a5633, "ror a2, s4, ra" },
    { 0x160, 0x607e11bb, "rolw gp, t3, t2" }, { 0x164, 0x60569a3b, "rolw s4, a3, t0" },
    { 0x168, 0x61f4dabb, "rorw s5, s1, t6" }, { 0x16c, 0x60ca563b, "rorw a2, s4, a2" },
    { 0x170, 0x48421833, "bclr a6, tp, tp" }, { 0x174, 0x48f81e33, "bclr t3, a6, a5" },
    { 0x178, 0x48a85833, "bext a6, a6, a0" }, { 0x17c, 0x4842d1b3, "bext gp, t0, tp" },
    { 0x180, 0x69859c33, "binv s8, a1, s8" }, { 0x184, 0x69b814b3, "binv s1, a6, s11" },
    { 0x188, 0x29131bb3, "bset s7, t1, a7" }, { 0x18c, 0x29f390b3, "bset ra, t2, t6" },
    { 0x190, 0x393b8293, "addi t0, s7, 915" }, { 0x194, 0x800f0913, "addi s2, t5, -2048" },
    { 0x198, 0x7ffc8093, "addi ra, s9, 2047" }, { 0x19c, 0x189e2a93, "slti s5, t3, 393" },
    { 0x1a0, 0x800ba193, "slti gp, s7, -2048" }, { 0x1a4, 0x7ff4ae13, "slti t3, s1, 2047" },
    { 0x1a8, 0x3bc33f13, "sltiu t5, t1, 956" }, { 0x1ac, 0x800cb613, "sltiu a2, s9, -2048" },
    { 0x1b0, 0x7ff93413, "sltiu s0, s2, 2047" }, { 0x1b4, 0x28c44a93, "xori s5, s0, 652" },
    { 0x1b8, 0x800d4a13, "xori s4, s10, -2048" }, { 0x1bc, 0x7ffccd13, "xori s10, s9, 2047" },
    { 0x1c0, 0xe3e46d13, "ori s10, s0, -450" }, { 0x1c4, 0x8006ed93, "ori s11, a3, -2048" },
    { 0x1c8, 0x7ffd6c13, "ori s8, s10, 2047" }, { 0x1cc, 0xf418f393, "andi t2, a7, -191" },
    { 0x1d0, 0x80067813, "andi a6, a2, -2048" }, { 0x1d4, 0x7ff0fc13, "andi s8, ra, 2047" },
    { 0x1d8, 0x8e448d1b, "addiw s10, s1, -1820" }, { 0x1dc, 0x8004881b, "addiw a6, s1, -2048" },
    { 0x1e0, 0x7ffb839b, "addiw t2, s7, 2047" }, { 0x1e4, 0x00061f93, "slli t6, a2, 0x0" },
    { 0x1e8, 0x03fd1793, "slli a5, s10, 0x3f" }, { 0x1ec, 0x027c1f13, "slli t5, s8, 0x27" },
    { 0x1f0, 0x00065f93, "srli t6, a2, 0x0" }, { 0x1f4, 0x03f45193, "srli gp, s0, 0x3f" },
    { 0x1f8, 0x01745213, "srli tp, s0, 0x17" }, { 0x1fc, 0x4005d393, "srai t2, a1, 0x0" },
    { 0x200, 0x43f85393, "srai t2, a6, 0x3f" }, { 0x204, 0x41feda13, "srai s4, t4, 0x1f" },
    { 0x208, 0x6000dd93, "rori s11, ra, 0x0" }, { 0x20c, 0x63ff5813, "rori a6, t5, 0x3f" },
    { 0x210, 0x62865a93, "rori s5, a2, 0x28" }, { 0x214, 0x08019a9b, "slli.uw s5, gp, 0x0" },
    { 0x218, 0x0bfb1d9b, "slli.uw s11, s6, 0x3f" }, { 0x21c, 0x0b4f121b, "slli.uw tp, t5, 0x34" },
    { 0x220, 0x480b9d13, "bclri s10, s7, 0x0" }, { 0x224, 0x4bf39c93, "bclri s9, t2, 0x3f" },
    { 0x228, 0x499e9813, "bclri a6, t4, 0x19" }, { 0x22c, 0x480d5713, "bexti a4, s10, 0x0" },
    { 0x230, 0x4bf5da93, "bexti s5, a1, 0x3f" }, { 0x234, 0x48cd5193, "bexti gp, s10, 0xc" },
    { 0x238, 0x68069c13, "binvi s8, a3, 0x0" }, { 0x23c, 0x6bf69793, "binvi a5, a3, 0x3f" },
    { 0x240, 0x6bdf9c13, "binvi s8, t6, 0x3d" }, { 0x244, 0x28031c13, "bseti s8, t1, 0x0" },
    { 0x248, 0x2bf29313, "bseti t1, t0, 0x3f" }, { 0x24c, 0x28629093, "bseti ra, t0, 0x6" },
    { 0x250, 0x00079e9b, "slliw t4, a5, 0x0" }, { 0x254, 0x01fa9d1b, "slliw s10, s5, 0x1f" },
    { 0x258, 0x013a129b, "slliw t0, s4, 0x13" }, { 0x25c, 0x00085a1b, "srliw s4, a6, 0x0" },
    { 0x260, 0x01ff5b1b, "srliw s6, t5, 0x1f" }, { 0x264, 0x01b2d61b, "srliw a2, t0, 0x1b" },
    { 0x268, 0x4002d91b, "sraiw s2, t0, 0x0" }, { 0x26c, 0x41f0d09b, "sraiw ra, ra, 0x1f" },
    { 0x270, 0x412c5d1b, "sraiw s10, s8, 0x12" }, { 0x274, 0x6008d21b, "roriw tp, a7, 0x0" },
    { 0x278, 0x61ff5c1b, "roriw s8, t5, 0x1f" }, { 0x27c, 0x6157529b, "roriw t0, a4, 0x15" },
    { 0x280, 0x60039e13, "clz t3, t2" }, { 0x284, 0x601e1d93, "ctz s11, t3" },
    { 0x288, 0x60209393, "cpop t2, ra" }, { 0x28c, 0x6003949b, "clzw s1, t2" },
    { 0x290, 0x6018951b, "ctzw a0, a7" }, { 0x294, 0x602c941b, "cpopw s0, s9" },
    { 0x298, 0x60459993, "sext.b s3, a1" }, { 0x29c, 0x60591493, "sext.h s1, s2" },
    { 0x2a0, 0x080dc73b, "zext.h a4, s11" }, { 0x2a4, 0x28715293, "orc.b t0, sp" },
    { 0x2a8, 0x6b8c5f13, "rev8 t5, s8" }, { 0x2ac, 0x35278e83, "lb t4, 850(a5)" },
    { 0x2b0, 0x80098b03, "lb s6, -2048(s3)" }, { 0x2b4, 0x7ffe8d83, "lb s11, 2047(t4)" },
    { 0x2b8, 0x575f1d83, "lh s11, 1397(t5)" }, { 0x2bc, 0x80089e83, "lh t4, -2048(a7)" },
    { 0x2c0, 0x7ff91283, "lh t0, 2047(s2)" }, { 0x2c4, 0xcdb8a883, "lw a7, -805(a7)" },
    { 0x2c8, 0x800e2083, "lw ra, -2048(t3)" }, { 0x2cc, 0x7ffca783, "lw a5, 2047(s9)" },
    { 0x2d0, 0xddc0ba03, "ld s4, -548(ra)" }, { 0x2d4, 0x800d3c83, "ld s9, -2048(s10)" },
    { 0x2d8, 0x7ff33283, "ld t0, 2047(t1)" }, { 0x2dc, 0xc87a4803, "lbu a6, -889(s4)" },
    { 0x2e0, 0x80024c03, "lbu s8, -2048(tp)" }, { 0x2e4, 0x7ff14903, "lbu s2, 2047(sp)" },
    { 0x2e8, 0x26e8db03, "lhu s6, 622(a7)" }, { 0x2ec, 0x80095883, "lhu a7, -2048(s2)" },
    { 0x2f0, 0x7ffd5803, "lhu a6, 2047(s10)" }, { 0x2f4, 0xb6596e83, "lwu t4, -1179(s2)" },
    { 0x2f8, 0x80046103, "lwu sp, -2048(s0)" }, { 0x2fc, 0x7ff4e383, "lwu t2, 2047(s1)" },
    { 0x300, 0x95920ce7, "jalr s9, -1703(tp)" }, { 0x304, 0x800788e7, "jalr a7, -2048(a5)" },
    { 0x308, 0x7ff08967, "jalr s2, 2047(ra)" }, { 0x30c, 0xa0f583a3, "sb a5, -1529(a1)" },
    { 0x310, 0x81488023, "sb s4, -2048(a7)" }, { 0x314, 0x7f488fa3, "sb s4, 2047(a7)" },
    { 0x318, 0xe77490a3, "sh s7, -415(s1)" }, { 0x31c, 0x80f89023, "sh a5, -2048(a7)" },
    { 0x320, 0x7f2d1fa3, "sh s2, 2047(s10)" }, { 0x324, 0x751fa623, "sw a7, 1868(t6)" },
    { 0x328, 0x808ba023, "sw s0, -2048(s7)" }, { 0x32c, 0x7f1eafa3, "sw a7, 2047(t4)" },
    { 0x330, 0x05e93723, "sd t5, 78(s2)" }, { 0x334, 0x81dfb023, "sd t4, -2048(t6)" },
    { 0x338, 0x7e7dbfa3, "sd t2, 2047(s11)" }, { 0x33c, 0x000002b7, "lui t0, 0x0" },
    { 0x340, 0xfffff737, "lui a4, 0xfffff" }, { 0x344, 0x80000237, "lui tp, 0x80000" },
    { 0x348, 0x729146b7, "lui a3, 0x72914" }, { 0x34c, 0x00000597, "auipc a1, 0x0" },
    { 0x350, 0xfffff197, "auipc gp, 0xfffff" }, { 0x354, 0x80000b17, "auipc s6, 0x80000" },
    { 0x358, 0x712eb417, "auipc s0, 0x712eb" }, { 0x35c, 0x00370063, "beq a4, gp, 35c" },
    { 0x360, 0x3f638063, "beq t2, s6, 740" }, { 0x364, 0xffa51ce3, "bne a0, s10, 35c" },
    { 0x368, 0x3dd21c63, "bne tp, t4, 740" }, { 0x36c, 0xfe5cc8e3, "blt s9, t0, 35c" },
    { 0x370, 0x3d7fc863, "blt t6, s7, 740" }, { 0x374, 0xff6ad4e3, "bge s5, s6, 35c" },
    { 0x378, 0x3c565463, "bge a2, t0, 740" }, { 0x37c, 0xffd4e0e3, "bltu s1, t4, 35c" },
    { 0x380, 0x3df2e063, "bltu t0, t6, 740" }, { 0x384, 0xfc87fce3, "bgeu a5, s0, 35c" },
    { 0x388, 0x3bfc7c63, "bgeu s8, t6, 740" }, { 0x38c, 0xfd1ff26f, "jal tp, 35c" },
    { 0x390, 0x3b0006ef, "jal a3, 740" }, { 0x394, 0x0330000f, "fence rw, rw" },
    { 0x398, 0x0220000f, "fence r, r" }, { 0x39c, 0x0110000f, "fence w, w" },
    { 0x3a0, 0x0ff0000f, "fence iorw, iorw" }, { 0x3a4, 0x0840000f, "fence i, o" },
    { 0x3a8, 0x8330000f, "fence.tso" }, { 0x3ac, 0x0000100f, "fence.i" },
    { 0x3b0, 0x00000073, "ecall" }, { 0x3b4, 0x00100073, "ebreak" },
    { 0x3b8, 0x00181ef3, "csrrw t4, fflags, a6" }, { 0x3bc, 0x002b1373, "csrrw t1, frm, s6" },
    { 0x3c0, 0x00341df3, "csrrw s11, fcsr, s0" }, { 0x3c4, 0xc00b9373, "csrrw t1, cycle, s7" },
    { 0x3c8, 0xc0189773, "csrrw a4, time, a7" }, { 0x3cc, 0xc02596f3, "csrrw a3, instret, a1" },
    { 0x3d0, 0x0013a773, "csrrs a4, fflags, t2" }, { 0x3d4, 0x0025a673, "csrrs a2, frm, a1" },
    { 0x3d8, 0x003c21f3, "csrrs gp, fcsr, s8" }, { 0x3dc, 0xc000a673, "csrrs a2, cycle, ra" },
    { 0x3e0, 0xc01925f3, "csrrs a1, time, s2" }, { 0x3e4, 0xc027a7f3, "csrrs a5, instret, a5" },
    { 0x3e8, 0x0010bbf3, "csrrc s7, fflags, ra" }, { 0x3ec, 0x0025b6f3, "csrrc a3, frm, a1" },
    { 0x3f0, 0x003a38f3, "csrrc a7, fcsr, s4" }, { 0x3f4, 0xc008b573, "csrrc a0, cycle, a7" },
    { 0x3f8, 0xc011bff3, "csrrc t6, time, gp" }, { 0x3fc, 0xc02f3273, "csrrc tp, instret, t5" },
    { 0x400, 0x00175d73, "csrrwi s10, fflags, 14" }, { 0x404, 0x00235ef3, "csrrwi t4, frm, 6" },
    { 0x408, 0x003851f3, "csrrwi gp, fcsr, 16" }, { 0x40c, 0x001164f3, "csrrsi s1, fflags, 2" },
    { 0x410, 0x0025eef3, "csrrsi t4, frm, 11" }, { 0x414, 0x003464f3, "csrrsi s1, fcsr, 8" },
    { 0x418, 0x001dfdf3, "csrrci s11, fflags, 27" }, { 0x41c, 0x00287e73, "csrrci t3, frm, 16" },
    { 0x420, 0x0034f6f3, "csrrci a3, fcsr, 9" }, { 0x424, 0x100f292f, "lr.w s2, (t5)" },
    { 0x428, 0x1409a8af, "lr.w.aq a7, (s3)" }, { 0x42c, 0x160ba82f, "lr.w.aqrl a6, (s7)" },
    { 0x430, 0x1834a5af, "sc.w a1, gp, (s1)" }, { 0x434, 0x1daba12f, "sc.w.aq sp, s10, (s7)" },
    { 0x438, 0x1aeea32f, "sc.w.rl t1, a4, (t4)" }, { 0x43c, 0x1e9fa1af, "sc.w.aqrl gp, s1, (t6)" },
    { 0x440, 0x0951a0af, "amoswap.w ra, s5, (gp)" },
    { 0x444, 0x0c91ad2f, "amoswap.w.aq s10, s1, (gp)" },
    { 0x448, 0x0bc42a2f, "amoswap.w.rl s4, t3, (s0)" },
    { 0x44c, 0x0e9e21af, "amoswap.w.aqrl gp, s1, (t3)" },
    { 0x450, 0x00f0a22f, "amoadd.w tp, a5, (ra)" },
    { 0x454, 0x052725af, "amoadd.w.aq a1, s2, (a4)" },
    { 0x458, 0x03e4af2f, "amoadd.w.rl t5, t5, (s1)" },
    { 0x45c, 0x06512a2f, "amoadd.w.aqrl s4, t0, (sp)" },
    { 0x460, 0x217428af, "amoxor.w a7, s7, (s0)" },
    { 0x464, 0x24432faf, "amoxor.w.aq t6, tp, (t1)" },
    { 0x468, 0x222324af, "amoxor.w.rl s1, sp, (t1)" },
    { 0x46c, 0x27e523af, "amoxor.w.aqrl t2, t5, (a0)" },
    { 0x470, 0x60a8aaaf, "amoand.w s5, a0, (a7)" },
    { 0x474, 0x64752caf, "amoand.w.aq s9, t2, (a0)" },
    { 0x478, 0x631b27af, "amoand.w.rl a5, a7, (s6)" },
    { 0x47c, 0x6696232f, "amoand.w.aqrl t1, s1, (a2)" },
    { 0x480, 0x4014ad2f, "amoor.w s10, ra, (s1)" },
    { 0x484, 0x4410a12f, "amoor.w.aq sp, ra, (ra)" },
    { 0x488, 0x43192c2f, "amoor.w.rl s8, a7, (s2)" },
    { 0x48c, 0x471823af, "amoor.w.aqrl t2, a7, (a6)" },
    { 0x490, 0x81e7a42f, "amomin.w s0, t5, (a5)" },
    { 0x494, 0x856da22f, "amomin.w.aq tp, s6, (s11)" },
    { 0x498, 0x82eb2aaf, "amomin.w.rl s5, a4, (s6)" },
    { 0x49c, 0x872da82f, "amomin.w.aqrl a6, s2, (s11)" },
    { 0x4a0, 0xa0d8aeaf, "amomax.w t4, a3, (a7)" },
    { 0x4a4, 0xa573a52f, "amomax.w.aq a0, s7, (t2)" },
    { 0x4a8, 0xa2b3a42f, "amomax.w.rl s0, a1, (t2)" },
    { 0x4ac, 0xa7dbadaf, "amomax.w.aqrl s11, t4, (s7)" },
    { 0x4b0, 0xc152ac2f, "amominu.w s8, s5, (t0)" },
    { 0x4b4, 0xc4c126af, "amominu.w.aq a3, a2, (sp)" },
    { 0x4b8, 0xc250adaf, "amominu.w.rl s11, t0, (ra)" },
    { 0x4bc, 0xc75c21af, "amominu.w.aqrl gp, s5, (s8)" },
    { 0x4c0, 0xe0972eaf, "amomaxu.w t4, s1, (a4)" },
    { 0x4c4, 0xe421a32f, "amomaxu.w.aq t1, sp, (gp)" },
    { 0x4c8, 0xe3b6ab2f, "amomaxu.w.rl s6, s11, (a3)" },
    { 0x4cc, 0xe71b2e2f, "amomaxu.w.aqrl t3, a7, (s6)" }, { 0x4d0, 0x100a352f, "lr.d a0, (s4)" },
    { 0x4d4, 0x140bb42f, "lr.d.aq s0, (s7)" }, { 0x4d8, 0x1601352f, "lr.d.aqrl a0, (sp)" },
    { 0x4dc, 0x186337af, "sc.d a5, t1, (t1)" }, { 0x4e0, 0x1cf0b4af, "sc.d.aq s1, a5, (ra)" },
    { 0x4e4, 0x1acfb4af, "sc.d.rl s1, a2, (t6)" }, { 0x4e8, 0x1f25b5af, "sc.d.aqrl a1, s2, (a1)" },
    { 0x4ec, 0x082fb42f, "amoswap.d s0, sp, (t6)" },
    { 0x4f0, 0x0ca3beaf, "amoswap.d.aq t4, a0, (t2)" },
    { 0x4f4, 0x0a60b62f, "amoswap.d.rl a2, t1, (ra)" },
    { 0x4f8, 0x0ed1b5af, "amoswap.d.aqrl a1, a3, (gp)" },
    { 0x4fc, 0x0098b82f, "amoadd.d a6, s1, (a7)" },
    { 0x500, 0x04743aaf, "amoadd.d.aq s5, t2, (s0)" },
    { 0x504, 0x0390b8af, "amoadd.d.rl a7, s9, (ra)" },
    { 0x508, 0x069db1af, "amoadd.d.aqrl gp, s1, (s11)" },
    { 0x50c, 0x2056b1af, "amoxor.d gp, t0, (a3)" },
    { 0x510, 0x2426b9af, "amoxor.d.aq s3, sp, (a3)" },
    { 0x514, 0x22a530af, "amoxor.d.rl ra, a0, (a0)" },
    { 0x518, 0x2681baaf, "amoxor.d.aqrl s5, s0, (gp)" },
    { 0x51c, 0x61f8b9af, "amoand.d s3, t6, (a7)" },
    { 0x520, 0x6592be2f, "amoand.d.aq t3, s9, (t0)" },
    { 0x524, 0x63dbbb2f, "amoand.d.rl s6, t4, (s7)" },
    { 0x528, 0x67da3d2f, "amoand.d.aqrl s10, t4, (s4)" },
    { 0x52c, 0x4195b6af, "amoor.d a3, s9, (a1)" }, { 0x530, 0x4502bc2f, "amoor.d.aq s8, a6, (t0)" },
    { 0x534, 0x438a352f, "amoor.d.rl a0, s8, (s4)" },
    { 0x538, 0x46513aaf, "amoor.d.aqrl s5, t0, (sp)" },
    { 0x53c, 0x81bbbdaf, "amomin.d s11, s11, (s7)" },
    { 0x540, 0x851abeaf, "amomin.d.aq t4, a7, (s5)" },
    { 0x544, 0x838bb72f, "amomin.d.rl a4, s8, (s7)" },
    { 0x548, 0x8712bd2f, "amomin.d.aqrl s10, a7, (t0)" },
    { 0x54c, 0xa11cbf2f, "amomax.d t5, a7, (s9)" },
    { 0x550, 0xa53db8af, "amomax.d.aq a7, s3, (s11)" },
    { 0x554, 0xa3a0bdaf, "amomax.d.rl s11, s10, (ra)" },
    { 0x558, 0xa769bdaf, "amomax.d.aqrl s11, s6, (s3)" },
    { 0x55c, 0xc1dbbd2f, "amominu.d s10, t4, (s7)" },
    { 0x560, 0xc5fbbb2f, "amominu.d.aq s6, t6, (s7)" },
    { 0x564, 0xc281baaf, "amominu.d.rl s5, s0, (gp)" },
    { 0x568, 0xc622b0af, "amominu.d.aqrl ra, sp, (t0)" },
    { 0x56c, 0xe0cfbaaf, "amomaxu.d s5, a2, (t6)" },
    { 0x570, 0xe4ddb22f, "amomaxu.d.aq tp, a3, (s11)" },
    { 0x574, 0xe32137af, "amomaxu.d.rl a5, s2, (sp)" },
    { 0x578, 0xe61abaaf, "amomaxu.d.aqrl s5, ra, (s5)" },
    { 0x57c, 0x7a84a787, "flw fa5, 1960(s1)" }, { 0x580, 0x680d2fa7, "fsw ft0, 1695(s10)" },
    { 0x584, 0xf042f243, "fmadd.s ft4, ft5, ft4, ft10" },
    { 0x588, 0x79020843, "fmadd.s fa6, ft4, fa6, fa5, rne" },
    { 0x58c, 0xf9d746c3, "fmadd.s fa3, fa4, ft9, ft11, rmm" },
    { 0x590, 0x91e27c47, "fmsub.s fs8, ft4, ft10, fs2" },
    { 0x594, 0x48460147, "fmsub.s ft2, fa2, ft4, fs1, rne" },
    { 0x598, 0x41384ac7, "fmsub.s fs5, fa6, fs3, fs0, rmm" },
    { 0x59c, 0xf83f704b, "fnmsub.s ft0, ft10, ft3, ft11" },
    { 0x5a0, 0xf8d308cb, "fnmsub.s fa7, ft6, fa3, ft11, rne" },
    { 0x5a4, 0xe9d9494b, "fnmsub.s fs2, fs2, ft9, ft9, rmm" },
    { 0x5a8, 0x98c3fecf, "fnmadd.s ft9, ft7, fa2, fs3" },
    { 0x5ac, 0x901f02cf, "fnmadd.s ft5, ft10, ft1, fs2, rne" },
    { 0x5b0, 0x89c24ecf, "fnmadd.s ft9, ft4, ft8, fa7, rmm" },
    { 0x5b4, 0x00d6fc53, "fadd.s fs8, fa3, fa3" },
    { 0x5b8, 0x00929253, "fadd.s ft4, ft5, fs1, rtz" },
    { 0x5bc, 0x008bb853, "fadd.s fa6, fs7, fs0, rup" },
    { 0x5c0, 0x0973f8d3, "fsub.s fa7, ft7, fs7" },
    { 0x5c4, 0x09ff9753, "fsub.s fa4, ft11, ft11, rtz" },
    { 0x5c8, 0x08a0bcd3, "fsub.s fs9, ft1, fa0, rup" },
    { 0x5cc, 0x11cff053, "fmul.s ft0, ft11, ft8" },
    { 0x5d0, 0x10999cd3, "fmul.s fs9, fs3, fs1, rtz" },
    { 0x5d4, 0x118b3d53, "fmul.s fs10, fs6, fs8, rup" },
    { 0x5d8, 0x1953fa53, "fdiv.s fs4, ft7, fs5" },
    { 0x5dc, 0x195a1053, "fdiv.s ft0, fs4, fs5, rtz" },
    { 0x5e0, 0x18c3bcd3, "fdiv.s fs9, ft7, fa2, rup" }, { 0x5e4, 0x58097053, "fsqrt.s ft0, fs2" },
    { 0x5e8, 0x580ba853, "fsqrt.s fa6, fs7, rdn" }, { 0x5ec, 0x218c8253, "fsgnj.s ft4, fs9, fs8" },
    { 0x5f0, 0x21bb9253, "fsgnjn.s ft4, fs7, fs11" },
    { 0x5f4, 0x2111a8d3, "fsgnjx.s fa7, ft3, fa7" }, { 0x5f8, 0x29218353, "fmin.s ft6, ft3, fs2" },
    { 0x5fc, 0x291794d3, "fmax.s fs1, fa5, fa7" }, { 0x600, 0xa0ca2753, "feq.s a4, fs4, fa2" },
    { 0x604, 0xa1bb9cd3, "flt.s s9, fs7, fs11" }, { 0x608, 0xa1908ed3, "fle.s t4, ft1, fs9" },
    { 0x60c, 0xe0069f53, "fclass.s t5, fa3" }, { 0x610, 0xc002fc53, "fcvt.w.s s8, ft5" },
    { 0x614, 0xd00f71d3, "fcvt.s.w ft3, t5" }, { 0x618, 0xc00d1c53, "fcvt.w.s s8, fs10, rtz" },
    { 0x61c, 0xd00a1e53, "fcvt.s.w ft8, s4, rtz" }, { 0x620, 0xc0147cd3, "fcvt.wu.s s9, fs0" },
    { 0x624, 0xd0187953, "fcvt.s.wu fs2, a6" }, { 0x628, 0xc0141153, "fcvt.wu.s sp, fs0, rtz" },
    { 0x62c, 0xd0181553, "fcvt.s.wu fa0, a6, rtz" }, { 0x630, 0xc02af753, "fcvt.l.s a4, fs5" },
    { 0x634, 0xd0257953, "fcvt.s.l fs2, a0" }, { 0x638, 0xc02814d3, "fcvt.l.s s1, fa6, rtz" },
    { 0x63c, 0xd02a9cd3, "fcvt.s.l fs9, s5, rtz" }, { 0x640, 0xc039f453, "fcvt.lu.s s0, fs3" },
    { 0x644, 0xd0397f53, "fcvt.s.lu ft10, s2" }, { 0x648, 0xc03c9b53, "fcvt.lu.s s6, fs9, rtz" },
    { 0x64c, 0xd03313d3, "fcvt.s.lu ft7, t1, rtz" }, { 0x650, 0xa673b507, "fld fa0, -1433(t2)" },
    { 0x654, 0xf1f7b527, "fsd ft11, -246(a5)" },
    { 0x658, 0x43be7ac3, "fmadd.d fs5, ft8, fs11, fs0" },
    { 0x65c, 0x5a578643, "fmadd.d fa2, fa5, ft5, fa1, rne" },
    { 0x660, 0x7b42cac3, "fmadd.d fs5, ft5, fs4, fa5, rmm" },
    { 0x664, 0x0ac87bc7, "fmsub.d fs7, fa6, fa2, ft1" },
    { 0x668, 0x6bac0d47, "fmsub.d fs10, fs8, fs10, fa3, rne" },
    { 0x66c, 0x1b58cc47, "fmsub.d fs8, fa7, fs5, ft3, rmm" },
    { 0x670, 0x4378ffcb, "fnmsub.d ft11, fa7, fs7, fs0" },
    { 0x674, 0x7b1286cb, "fnmsub.d fa3, ft5, fa7, fa5, rne" },
    { 0x678, 0xdbcccc4b, "fnmsub.d fs8, fs9, ft8, fs11, rmm" },
    { 0x67c, 0x1280f9cf, "fnmadd.d fs3, ft1, fs0, ft2" },
    { 0x680, 0x03ff0dcf, "fnmadd.d fs11, ft10, ft11, ft0, rne" },
    { 0x684, 0xe3dcc24f, "fnmadd.d ft4, fs9, ft9, ft8, rmm" },
    { 0x688, 0x02e377d3, "fadd.d fa5, ft6, fa4" },
    { 0x68c, 0x026494d3, "fadd.d fs1, fs1, ft6, rtz" },
    { 0x690, 0x0222bed3, "fadd.d ft9, ft5, ft2, rup" },
    { 0x694, 0x0ae47053, "fsub.d ft0, fs0, fa4" },
    { 0x698, 0x0a899153, "fsub.d ft2, fs3, fs0, rtz" },
    { 0x69c, 0x0a7db853, "fsub.d fa6, fs11, ft7, rup" },
    { 0x6a0, 0x13327353, "fmul.d ft6, ft4, fs3" },
    { 0x6a4, 0x130c1653, "fmul.d fa2, fs8, fa6, rtz" },
    { 0x6a8, 0x12003753, "fmul.d fa4, ft0, ft0, rup" },
    { 0x6ac, 0x1b1ef9d3, "fdiv.d fs3, ft9, fa7" },
    { 0x6b0, 0x1be79a53, "fdiv.d fs4, fa5, ft10, rtz" },
    { 0x6b4, 0x1a17b7d3, "fdiv.d fa5, fa5, ft1, rup" }, { 0x6b8, 0x5a09fd53, "fsqrt.d fs10, fs3" },
    { 0x6bc, 0x5a00a1d3, "fsqrt.d ft3, ft1, rdn" },
    { 0x6c0, 0x23af8653, "fsgnj.d fa2, ft11, fs10" },
    { 0x6c4, 0x22e812d3, "fsgnjn.d ft5, fa6, fa4" },
    { 0x6c8, 0x22ebadd3, "fsgnjx.d fs11, fs7, fa4" },
    { 0x6cc, 0x2b510fd3, "fmin.d ft11, ft2, fs5" }, { 0x6d0, 0x2b9b9d53, "fmax.d fs10, fs7, fs9" },
    { 0x6d4, 0xa32023d3, "feq.d t2, ft0, fs2" }, { 0x6d8, 0xa2d21c53, "flt.d s8, ft4, fa3" },
    { 0x6dc, 0xa3360853, "fle.d a6, fa2, fs3" }, { 0x6e0, 0xe2061cd3, "fclass.d s9, fa2" },
    { 0x6e4, 0xc20ef453, "fcvt.w.d s0, ft9" }, { 0x6e8, 0xd2048753, "fcvt.d.w fa4, s1" },
    { 0x6ec, 0xc2091cd3, "fcvt.w.d s9, fs2, rtz" }, { 0x6f0, 0xd20f8353, "fcvt.d.w ft6, t6" },
    { 0x6f4, 0xc21ffa53, "fcvt.wu.d s4, ft11" }, { 0x6f8, 0xd21e85d3, "fcvt.d.wu fa1, t4" },
    { 0x6fc, 0xc21f9453, "fcvt.wu.d s0, ft11, rtz" }, { 0x700, 0xd21f0d53, "fcvt.d.wu fs10, t5" },
    { 0x704, 0xc221fb53, "fcvt.l.d s6, ft3" }, { 0x708, 0xd22f74d3, "fcvt.d.l fs1, t5" },
    { 0x70c, 0xc22196d3, "fcvt.l.d a3, ft3, rtz" }, { 0x710, 0xd22096d3, "fcvt.d.l fa3, ra, rtz" },
    { 0x714, 0xc234fa53, "fcvt.lu.d s4, fs1" }, { 0x718, 0xd2317d53, "fcvt.d.lu fs10, sp" },
    { 0x71c, 0xc2319bd3, "fcvt.lu.d s7, ft3, rtz" },
    { 0x720, 0xd23695d3, "fcvt.d.lu fa1, a3, rtz" }, { 0x724, 0x401a7e53, "fcvt.s.d ft8, fs4" },
    { 0x728, 0x401293d3, "fcvt.s.d ft7, ft5, rtz" }, { 0x72c, 0x420a8553, "fcvt.d.s fa0, fs5" },
    { 0x730, 0xe00583d3, "fmv.x.w t2, fa1" }, { 0x734, 0xf0010ed3, "fmv.w.x ft9, sp" },
    { 0x738, 0xe20c0553, "fmv.x.d a0, fs8" }, { 0x73c, 0xf2058bd3, "fmv.d.x fs7, a1" },
    /* Zicond (hand-encoded) */
    { 0x0, 0x0ec5d533, "czero.eqz a0, a1, a2" },
    { 0x0, 0x0ec5f533, "czero.nez a0, a1, a2" },
    { 0x0, 0x0fff5fb3, "czero.eqz t6, t5, t6" },
};

/* objdump default (aliases), at pc 0x1000 onwards */
static const struct objdump_row alias_rows[] = {
    { 0x1000, 0x00000013, "nop" },
    { 0x1004, 0xffb00513, "li a0, -5" },
    { 0x1008, 0x00058513, "mv a0, a1" },
    { 0x100c, 0x0005851b, "sext.w a0, a1" },
    { 0x1010, 0x0ff5f513, "zext.b a0, a1" },
    { 0x1014, 0x0805853b, "zext.w a0, a1" },
    { 0x1018, 0xfff5c513, "not a0, a1" },
    { 0x101c, 0x40b00533, "neg a0, a1" },
    { 0x1020, 0x40b0053b, "negw a0, a1" },
    { 0x1024, 0x0015b513, "seqz a0, a1" },
    { 0x1028, 0x00b03533, "snez a0, a1" },
    { 0x102c, 0x0005a533, "sltz a0, a1" },
    { 0x1030, 0x00b02533, "sgtz a0, a1" },
    { 0x1034, 0x00050863, "beqz a0, 1044" },
    { 0x1038, 0xfe0498e3, "bnez s1, 1028" },
    { 0x103c, 0x00b05463, "blez a1, 1044" },
    { 0x1040, 0x0005d463, "bgez a1, 1048" },
    { 0x1044, 0x0005c463, "bltz a1, 104c" },
    { 0x1048, 0x00b04463, "bgtz a1, 1050" },
    { 0x104c, 0x0400006f, "j 108c" },
    { 0x1050, 0xfc1ff0ef, "jal 1010" },
    { 0x1054, 0x00008067, "ret" },
    { 0x1058, 0x00050067, "jr a0" },
    { 0x105c, 0x00850067, "jr 8(a0)" },
    { 0x1060, 0x000500e7, "jalr a0" },
    { 0x1064, 0x008500e7, "jalr 8(a0)" },
    { 0x1068, 0x00b00533, "add a0, zero, a1" },
    { 0x106c, 0x0ff0000f, "fence" },
    { 0x1070, 0x0330000f, "fence rw, rw" },
    { 0x1074, 0x8330000f, "fence.tso" },
    { 0x1078, 0x00102573, "frflags a0" },
    { 0x107c, 0x00202573, "frrm a0" },
    { 0x1080, 0x00302573, "frcsr a0" },
    { 0x1084, 0xc0002573, "rdcycle a0" },
    { 0x1088, 0xc0102573, "rdtime a0" },
    { 0x108c, 0xc0202573, "rdinstret a0" },
    { 0x1090, 0x00159073, "fsflags a1" },
    { 0x1094, 0x00259073, "fsrm a1" },
    { 0x1098, 0x00359073, "fscsr a1" },
    { 0x109c, 0x00159573, "fsflags a0, a1" },
    { 0x10a0, 0x00259573, "fsrm a0, a1" },
    { 0x10a4, 0x00359573, "fscsr a0, a1" },
    { 0x10a8, 0x0015a073, "csrs fflags, a1" },
    { 0x10ac, 0x0025b073, "csrc frm, a1" },
    { 0x10b0, 0x0021d573, "fsrmi a0, 3" },
    { 0x10b4, 0x0011d573, "fsflagsi a0, 3" },
    { 0x10b8, 0x20b58553, "fmv.s fa0, fa1" },
    { 0x10bc, 0x20b59553, "fneg.s fa0, fa1" },
    { 0x10c0, 0x20b5a553, "fabs.s fa0, fa1" },
    { 0x10c4, 0x22b58553, "fmv.d fa0, fa1" },
    { 0x10c8, 0x22b59553, "fneg.d fa0, fa1" },
    { 0x10cc, 0x22b5a553, "fabs.d fa0, fa1" },
    { 0x10d0, 0x22c58553, "fsgnj.d fa0, fa1, fa2" },
    { 0x10d4, 0x12345537, "lui a0, 0x12345" },
    { 0x10d8, 0x00813503, "ld a0, 8(sp)" },
    { 0x10dc, 0x02c59553, "fadd.d fa0, fa1, fa2, rtz" },
    { 0x10e0, 0x6ac5f543, "fmadd.d fa0, fa1, fa2, fa3" },
};

/* compressed word, the base instruction binutils expands it to, the compressed source */
static const struct { uint16_t c; uint32_t base; const char *src; } compressed_rows[] = {
    { 0x0808, 0x01010513, "c.addi4spn a0, sp, 16" },
    { 0x1fe4, 0x3fc10493, "c.addi4spn s1, sp, 1020" },
    { 0x005c, 0x00410793, "c.addi4spn a5, sp, 4" },
    { 0x2588, 0x0085b507, "c.fld fa0, 8(a1)" },
    { 0x3fe4, 0x0f87b487, "c.fld fs1, 248(a5)" },
    { 0x41c8, 0x0045a503, "c.lw a0, 4(a1)" },
    { 0x5fe0, 0x07c7a403, "c.lw s0, 124(a5)" },
    { 0x7cf0, 0x0f84b603, "c.ld a2, 248(s1)" },
    { 0x6314, 0x00073683, "c.ld a3, 0(a4)" },
    { 0xa45c, 0x08f43427, "c.fsd fa5, 136(s0)" },
    { 0xc1a8, 0x04a5a023, "c.sw a0, 64(a1)" },
    { 0xdcfc, 0x06f4ae23, "c.sw a5, 124(s1)" },
    { 0xfef0, 0x0ec6bc23, "c.sd a2, 248(a3)" },
    { 0x0001, 0x00000013, "c.nop" },
    { 0x1501, 0xfe050513, "c.addi a0, -32" },
    { 0x0ffd, 0x01ff8f93, "c.addi t6, 31" },
    { 0x2501, 0x0005051b, "c.addiw a0, 0" },
    { 0x3dfd, 0xfffd8d9b, "c.addiw s11, -1" },
    { 0x557d, 0xfff00513, "c.li a0, -1" },
    { 0x40fd, 0x01f00093, "c.li ra, 31" },
    { 0x7101, 0xe0010113, "c.addi16sp sp, -512" },
    { 0x617d, 0x1f010113, "c.addi16sp sp, 496" },
    { 0x6141, 0x01010113, "c.addi16sp sp, 16" },
    { 0x7501, 0xfffe0537, "c.lui a0, 0xfffe0" },
    { 0x6d85, 0x00001db7, "c.lui s11, 1" },
    { 0x62fd, 0x0001f2b7, "c.lui t0, 31" },
    { 0x907d, 0x03f45413, "c.srli s0, 63" },
    { 0x8385, 0x0017d793, "c.srli a5, 1" },
    { 0x9701, 0x42075713, "c.srai a4, 32" },
    { 0x9b01, 0xfe077713, "c.andi a4, -32" },
    { 0x88bd, 0x00f4f493, "c.andi s1, 15" },
    { 0x8c1d, 0x40f40433, "c.sub s0, a5" },
    { 0x8d2d, 0x00b54533, "c.xor a0, a1" },
    { 0x8e45, 0x00966633, "c.or a2, s1" },
    { 0x8ef9, 0x00e6f6b3, "c.and a3, a4" },
    { 0x9f81, 0x408787bb, "c.subw a5, s0" },
    { 0x9ca9, 0x00a484bb, "c.addw s1, a0" },
    { 0xaffd, 0x7fe0006f, "c.j .+2046" },
    { 0xb001, 0x801ff06f, "c.j .-2048" },
    { 0xa021, 0x0080006f, "c.j .+8" },
    { 0xcd7d, 0x0e050f63, "c.beqz a0, .+254" },
    { 0xd081, 0xf00480e3, "c.beqz s1, .-256" },
    { 0xe385, 0x02079063, "c.bnez a5, .+32" },
    { 0xfc7d, 0xfe041fe3, "c.bnez s0, .-2" },
    { 0x157e, 0x03f51513, "c.slli a0, 63" },
    { 0x0f86, 0x001f9f93, "c.slli t6, 1" },
    { 0x357e, 0x1f813507, "c.fldsp fa0, 504(sp)" },
    { 0x2022, 0x00813007, "c.fldsp ft0, 8(sp)" },
    { 0x557e, 0x0fc12503, "c.lwsp a0, 252(sp)" },
    { 0x4092, 0x00412083, "c.lwsp ra, 4(sp)" },
    { 0x757e, 0x1f813503, "c.ldsp a0, 504(sp)" },
    { 0x6da2, 0x00813d83, "c.ldsp s11, 8(sp)" },
    { 0x8082, 0x00008067, "c.jr ra" },
    { 0x8f82, 0x000f8067, "c.jr t6" },
    { 0x9502, 0x000500e7, "c.jalr a0" },
    { 0x852e, 0x00b00533, "c.mv a0, a1" },
    { 0x8f86, 0x00100fb3, "c.mv t6, ra" },
    { 0x952e, 0x00b50533, "c.add a0, a1" },
    { 0x917e, 0x01f10133, "c.add sp, t6" },
    { 0x9002, 0x00100073, "c.ebreak" },
    { 0xbfaa, 0x1ea13c27, "c.fsdsp fa0, 504(sp)" },
    { 0xa06e, 0x01b13027, "c.fsdsp fs11, 0(sp)" },
    { 0xdfaa, 0x0ea12e23, "c.swsp a0, 252(sp)" },
    { 0xc07e, 0x01f12023, "c.swsp t6, 0(sp)" },
    { 0xffaa, 0x1ea13c23, "c.sdsp a0, 504(sp)" },
    { 0xe406, 0x00113423, "c.sdsp ra, 8(sp)" },
};

/* ---------------------------------------------------------------- decode table */

TEST(rv_decode, table_entries_are_disjoint)
{
    for (unsigned i = 1; i < RV_OP_COUNT; i++) {
        const struct rv_opdesc *a = &rv_opdesc[i];
        CHECK(a->name != NULL);
        if ((a->match & ~a->mask) != 0)
            printf("  %s: match has bits outside its mask\n", a->name), test_failed_checks++;
        for (unsigned j = i + 1; j < RV_OP_COUNT; j++) {
            const struct rv_opdesc *b = &rv_opdesc[j];
            if (((a->match ^ b->match) & a->mask & b->mask) == 0) {
                printf("  %s and %s match the same words\n", a->name, b->name);
                test_failed_checks++;
            }
        }
    }
}

TEST(rv_decode, every_op_has_one_translator)
{
    for (unsigned op = 1; op < RV_OP_COUNT; op++) {
        if (!rv_trans_lookup(op)) {
            printf("  %s has no translator\n", rv_opdesc[op].name);
            test_failed_checks++;
        }
        if (rv_fp_helper_op(op) == -2) {
            printf("  %s goes to rv_fpu without an rv_fpop\n", rv_opdesc[op].name);
            test_failed_checks++;
        }
    }
    CHECK(rv_trans_lookup(RV_OP_ILLEGAL) == NULL);
    CHECK(rv_trans_lookup(RV_OP_COUNT) == NULL);
}

TEST(rv_decode, fields_of_known_words)
{
    struct rv_insn in;
    rv_decode(0x01010513, &in);                 /* addi a0, sp, 16 */
    CHECK_EQ_U64(in.op, RV_OP_ADDI);
    CHECK_EQ_U64(in.rd, 10);
    CHECK_EQ_U64(in.rs1, 2);
    CHECK_EQ_U64(in.imm, 16);
    CHECK_EQ_U64(in.len, 4);
    CHECK(in.cname == NULL);
    rv_decode(0x80000537, &in);                 /* lui a0, 0x80000: sign-extended */
    CHECK_EQ_U64(in.imm, 0xffffffff80000000ull);
    rv_decode(0x1ac5b52f, &in);                 /* sc.d.rl a0, a2, (a1) */
    CHECK_EQ_U64(in.op, RV_OP_SC_D);
    CHECK_EQ_U64(in.aq, 0);
    CHECK_EQ_U64(in.rl, 1);
    CHECK_EQ_U64(in.rs1, 11);
    CHECK_EQ_U64(in.rs2, 12);
    rv_decode(0x6ac5f543, &in);                 /* fmadd.d fa0, fa1, fa2, fa3 (dyn) */
    CHECK_EQ_U64(in.op, RV_OP_FMADD_D);
    CHECK_EQ_U64(in.rs3, 13);
    CHECK_EQ_U64(in.rm, 7);
    rv_decode(0x0032d573, &in);                 /* csrrwi a0, fcsr, 5 */
    CHECK_EQ_U64(in.op, RV_OP_CSRRWI);
    CHECK_EQ_U64(in.csr, 3);
    CHECK_EQ_U64(in.imm, 5);
    CHECK_EQ_U64(in.rs1, 0);
    rv_decode(0xfe05dee3, &in);                 /* bgez a1, -4 */
    CHECK_EQ_U64(in.imm, (uint64_t)-4);
    CHECK_EQ_U64(in.rs2, 0);
    CHECK_EQ_U64(in.rd, 0);
}

/* Encodings the ISA reserves (or that crossrun does not implement) decode as illegal. */
TEST(rv_decode, reserved_encodings_are_illegal)
{
    static const uint32_t illegal[] = {
        0x0000,             /* all-zero parcel (c.addi4spn with imm 0) */
        0x0004,             /* c.addi4spn s1', 0 */
        0x8000, 0x9000,     /* quadrant 0, funct3 100 (reserved) */
        0x2001,             /* c.addiw with rd = 0 */
        0x6101,             /* c.addi16sp with imm 0 */
        0x6501,             /* c.lui a0, 0 */
        0x4002,             /* c.lwsp with rd = 0 */
        0x6002,             /* c.ldsp with rd = 0 */
        0x8002,             /* c.jr with rs1 = 0 */
        0x9c41, 0x9c61,     /* reserved CA forms */
        0xffffffffu,        /* 48-bit+ encoding space */
        0x0000007f,         /* likewise */
        0x0000000b,         /* custom-0 */
        0x00c5d553,         /* fadd.s with rm = 5 */
        0x00c5e553,         /* fadd.s with rm = 6 */
        0x6ac5d543,         /* fmadd.d with rm = 5 */
        0xc005e553,         /* fcvt.w.s with rm = 6 */
        0x0205951b,         /* slliw with shamt bit 5 set */
        0x0205d51b,         /* srliw with shamt bit 5 set */
        0x4205d51b,         /* sraiw with shamt bit 5 set */
        0x30200073,         /* mret */
        0x10500073,         /* wfi (user mode) */
        0x10200073,         /* sret */
        0x00200073,         /* uret */
        0x0015a573 & 0xffff8fff, /* SYSTEM funct3 0, not ecall/ebreak */
        0x1015a52f,         /* lr.w with rs2 != 0 */
        0x0005852f,         /* AMO with funct3 000 */
        0xc045f553,         /* fcvt with rs2 = 4 */
        0x0005f503,         /* load funct3 7 */
        0x00a5c023,         /* store funct3 4 */
        0x00b52063,         /* branch funct3 2 */
        0x000510e7,         /* jalr funct3 1 */
        0x04b50533,         /* OP with funct7 0x02 */
        0x0ec5c533,         /* funct7 0x07 funct3 4: not Zicond */
        0x60a59513,         /* clz-space with rs2 = 10 */
        0x0015c53b & 0xfe0fffff, /* OP-32 funct3 4 funct7 0 */
    };
    for (size_t i = 0; i < ARRAY_SIZE(illegal); i++) {
        struct rv_insn in;
        rv_decode(illegal[i], &in);
        if (in.op != RV_OP_ILLEGAL) {
            printf("  %#x decodes as %s\n", illegal[i], rv_opdesc[in.op].name);
            test_failed_checks++;
        }
        CHECK_EQ_U64(in.len, (illegal[i] & 3) == 3 ? 4 : 2);
    }
}

/* Encodings that look odd but are legal: HINTs execute as no-ops, ignored fields. */
TEST(rv_decode, hints_and_ignored_fields_are_legal)
{
    static const struct { uint32_t w; unsigned op; } legal[] = {
        { 0x0001, RV_OP_ADDI },     /* c.nop */
        { 0x0015, RV_OP_ADDI },     /* c.addi zero, 5 (HINT) */
        { 0x0501, RV_OP_ADDI },     /* c.addi a0, 0 (HINT) */
        { 0x4001, RV_OP_ADDI },     /* c.li zero, 0 (HINT) */
        { 0x6005, RV_OP_LUI },      /* c.lui zero, 1 (HINT) */
        { 0x0002, RV_OP_SLLI },     /* c.slli zero, 0 (HINT) */
        { 0x8002 | 0x2c, RV_OP_ADD }, /* c.mv zero, a1 (HINT) */
        { 0x9005, RV_OP_SRLI },     /* c.srli s0, 33 */
        { 0x0ff5050f, RV_OP_FENCE },/* fence with rs1/rd set (ignored) */
        { 0xfff5150f, RV_OP_FENCE_I }, /* fence.i with imm/rs1/rd set (ignored) */
        { 0x42059553, RV_OP_FCVT_D_S }, /* fcvt.d.s with rm = rtz (binutils 2.40 rejects it) */
        { 0x0100000f, RV_OP_FENCE },/* pause (fence w, 0) */
    };
    for (size_t i = 0; i < ARRAY_SIZE(legal); i++) {
        struct rv_insn in;
        rv_decode(legal[i].w, &in);
        if (in.op != legal[i].op) {
            printf("  %#x decodes as %s, expected %s\n", legal[i].w, rv_opdesc[in.op].name,
                   rv_opdesc[legal[i].op].name);
            test_failed_checks++;
        }
    }
}

/* ---------------------------------------------------------------- disassembler */

static void check_text(uint32_t word, uint64_t pc, bool aliases, const char *expect)
{
    struct rv_insn in;
    char buf[96];
    rv_decode(word, &in);
    rv_disas_insn(&in, pc, aliases, buf, sizeof(buf));
    if (strcmp(buf, expect) != 0) {
        printf("  %08x at %#" PRIx64 ": \"%s\", objdump says \"%s\"\n", word, pc, buf, expect);
        test_failed_checks++;
    }
}

TEST(rv_disas, matches_objdump_without_aliases)
{
    for (size_t i = 0; i < ARRAY_SIZE(canonical_rows); i++) {
        struct rv_insn in;
        rv_decode(canonical_rows[i].word, &in);
        CHECK(in.op != RV_OP_ILLEGAL);
        CHECK_EQ_U64(in.len, 4);
        check_text(canonical_rows[i].word, canonical_rows[i].pc, false, canonical_rows[i].text);
    }
    printf("  %zu encodings\n", ARRAY_SIZE(canonical_rows));
}

TEST(rv_disas, matches_objdump_aliases)
{
    for (size_t i = 0; i < ARRAY_SIZE(alias_rows); i++)
        check_text(alias_rows[i].word, alias_rows[i].pc, true, alias_rows[i].text);
}

TEST(rv_disas, compressed_prints_as_objdump_does)
{
    check_text(0x0808, 0, true, "addi a0, sp, 16"); /* objdump 2.40 says "add", a binutils quirk */
    check_text(0x4515, 0, true, "li a0, 5");
    check_text(0x0001, 0, true, "nop");
    check_text(0x8082, 0, true, "ret");
    check_text(0x852e, 0, true, "mv a0, a1");
    check_text(0x952e, 0, true, "add a0, a0, a1");
    check_text(0x9002, 0, true, "ebreak");
    check_text(0x2522, 0, true, "fld fa0, 8(sp)");
    check_text(0xd935, 0xb8, true, "beqz a0, 2c");
    check_text(0x0000, 0, true, ".2byte 0x0");
    check_text(0x00c5d553, 0, true, ".4byte 0xc5d553");
}

TEST(rv_disas, hook_reads_only_what_is_available)
{
    char buf[64];
    const uint8_t addi[4] = { 0x13, 0x05, 0x01, 0x01 };   /* addi a0, sp, 16 */
    const uint8_t cli[2] = { 0x15, 0x45 };                /* c.li a0, 5 */
    CHECK_EQ_U64(rv_disas(buf, sizeof(buf), 0, addi, 4), 4);
    CHECK(strcmp(buf, "addi a0, sp, 16") == 0);
    CHECK_EQ_U64(rv_disas(buf, sizeof(buf), 0, addi, 3), 0);
    CHECK_EQ_U64(rv_disas(buf, sizeof(buf), 0, cli, 2), 2);
    CHECK(strcmp(buf, "li a0, 5") == 0);
    CHECK_EQ_U64(rv_disas(buf, sizeof(buf), 0, cli, 1), 0);
    CHECK_EQ_U64(rv_disas(buf, 4, 0, addi, 4), 4);        /* truncated, terminated */
    CHECK(strlen(buf) == 3);
}

/* ---------------------------------------------------------------- compressed */

TEST(rv_decode, compressed_expands_to_base)
{
    for (size_t i = 0; i < ARRAY_SIZE(compressed_rows); i++) {
        struct rv_insn c, b;
        rv_decode(compressed_rows[i].c, &c);
        rv_decode(compressed_rows[i].base, &b);
        const char *src = compressed_rows[i].src;
        bool same = c.op == b.op && c.rd == b.rd && c.rs1 == b.rs1 && c.rs2 == b.rs2 &&
                    c.rs3 == b.rs3 && c.imm == b.imm && c.rm == b.rm && c.csr == b.csr;
        if (!same || c.op == RV_OP_ILLEGAL) {
            printf("  %s (%04x): op %s rd %u rs1 %u rs2 %u imm %" PRId64 "; expected %s rd %u rs1 %u rs2 %u imm %" PRId64 "\n",
                   src, compressed_rows[i].c, rv_opdesc[c.op].name, c.rd, c.rs1, c.rs2, c.imm,
                   rv_opdesc[b.op].name, b.rd, b.rs1, b.rs2, b.imm);
            test_failed_checks++;
        }
        CHECK_EQ_U64(c.len, 2);
        size_t n = strcspn(src, " ");
        bool name_ok = c.cname && (strncmp(c.cname, src, n) == 0 || strcmp(src, "c.nop") == 0);
        if (!name_ok) {
            printf("  %s: cname %s\n", src, c.cname ? c.cname : "(null)");
            test_failed_checks++;
        }
        char tc[96], tb[96];
        rv_disas_insn(&c, 0x1000, false, tc, sizeof(tc));
        rv_disas_insn(&b, 0x1000, false, tb, sizeof(tb));
        if (strcmp(tc, tb) != 0) {
            printf("  %s: \"%s\" vs \"%s\"\n", src, tc, tb);
            test_failed_checks++;
        }
    }
}

/* Every 16-bit parcel decodes without trouble, and a legal one matches the length. */
TEST(rv_decode, all_parcels)
{
    unsigned legal = 0;
    for (uint32_t w = 0; w < 0x10000; w++) {
        if ((w & 3) == 3)
            continue;
        struct rv_insn in;
        rv_decode(w, &in);
        CHECK_EQ_U64(in.len, 2);
        if (in.op != RV_OP_ILLEGAL) {
            legal++;
            CHECK(in.rd < 32 && in.rs1 < 32 && in.rs2 < 32);
        }
    }
    CHECK(legal > 40000 && legal < 49152);
}

/* ---------------------------------------------------------------- translation */

/* Guest layout for these tests: code RWX at CODE..CODE+0x3000 (CODE+0x3000 unmapped),
 * data RW at DATA, a read-only page at RODATA. */
#define CODE   0x100000ull
#define DATA   0x104000ull
#define RODATA 0x105000ull

static void setup_guest(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    guest_mem_init();
    int fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    if (guest_mmap(CODE, 0x3000, PROT_READ | PROT_WRITE | PROT_EXEC, fl, -1, 0) != (int64_t)CODE ||
        guest_mmap(DATA, 0x1000, PROT_READ | PROT_WRITE, fl, -1, 0) != (int64_t)DATA ||
        guest_mmap(RODATA, 0x1000, PROT_READ, fl, -1, 0) != (int64_t)RODATA) {
        printf("cannot map the test guest pages\n");
        exit(1);
    }
}

/* Copies 16-bit parcels to guest address at, followed by a c.ebreak if there is room;
 * returns the address after them (where run() stops). */
static uint64_t put_code(uint64_t at, const uint16_t *parcels, size_t n)
{
    setup_guest();
    memcpy(g2h(at), parcels, n * 2);
    uint64_t end = at + n * 2;
    if (end + 2 <= CODE + 0x3000)
        memcpy(g2h(end), &(uint16_t){ 0x9002 }, 2);
    return end;
}

static struct rv64_cpu *new_cpu(void)
{
    setup_guest();
    struct rv64_cpu *c = calloc(1, target_riscv64.cpu_size);
    c->base.target = &target_riscv64;
    CHECK(target_riscv64.cpu_init(&c->base, ""));
    target_riscv64.set_entry(&c->base, CODE, DATA + 0x800);
    memset(g2h(DATA), 0, 0x1000);
    return c;
}

static struct ir_block *translate_at(uint64_t pc, unsigned max)
{
    static struct ir_block *b;
    if (!b)
        b = ir_block_new();
    ir_init(b, target_riscv64.globals, target_riscv64.nglobals, pc);
    target_riscv64.translate(b, max);
    const char *bad = ir_validate(b);
    if (bad) {
        printf("  bad IR for the block at %#" PRIx64 ": %s\n", pc, bad);
        ir_dump(b, stdout);
        test_failed_checks++;
    }
    return b;
}

static unsigned count_ops(const struct ir_block *b, enum ir_opc opc)
{
    unsigned n = 0;
    for (unsigned i = 0; i < b->nops; i++)
        n += b->ops[i].opc == opc;
    return n;
}

static const struct ir_op *last_op(const struct ir_block *b) { return &b->ops[b->nops - 1]; }

#define RUN_DONE  0          /* control reached the stop address */
#define RUN_FAULT 100        /* + cause: a helper raised a guest fault */

/* Runs with the IR interpreter until the PC reaches stop (or the ebreak put_code left
 * there is hit), or an exit that is not a block chain happens (its enum exit_reason is
 * returned). */
static unsigned run(struct rv64_cpu *cpu, uint64_t stop)
{
    static struct fault_recover rec;
    fault_recover_point = &rec;
    if (sigsetjmp(rec.jb, 0)) {
        fault_recover_point = NULL;
        cpu->base.fault_addr = rec.addr;
        return RUN_FAULT + rec.cause;
    }
    for (int i = 0; i < 10000; i++) {
        if (cpu->base.pc == stop) {
            fault_recover_point = NULL;
            return RUN_DONE;
        }
        struct ir_block *b = translate_at(cpu->base.pc, 64);
        unsigned r = interp_run(&cpu->base, b);
        if (r == EXIT_EXCEPTION && cpu->base.exit_arg == EXC_BREAKPOINT && cpu->base.pc == stop)
            continue;
        if (r != EXIT_CHAIN && r != EXIT_INDIRECT) {
            fault_recover_point = NULL;
            return r;
        }
    }
    fault_recover_point = NULL;
    return 999;
}

/* One instruction with a1, a2 as inputs and a0 as output, encoded from the table. */
static uint64_t exec1(uint32_t word, uint64_t a1, uint64_t a2)
{
    struct rv64_cpu *cpu = new_cpu();
    uint16_t code[2] = { (uint16_t)word, (uint16_t)(word >> 16) };
    uint64_t end = put_code(CODE, code, 2);
    cpu->x[11] = a1;
    cpu->x[12] = a2;
    cpu->x[10] = 0x5555;
    unsigned r = run(cpu, end);
    if (r != RUN_DONE) {
        printf("  %08x: run ended with %u\n", word, r);
        test_failed_checks++;
    }
    CHECK_EQ_U64(cpu->x[0], 0);
    CHECK_EQ_U64(cpu->x[11], a1);
    uint64_t a0 = cpu->x[10];
    free(cpu);
    return a0;
}

static uint32_t enc_r(unsigned op) { return rv_opdesc[op].match | 10u << 7 | 11u << 15 | 12u << 20; }
static uint32_t enc_i(unsigned op, int32_t imm) { return rv_opdesc[op].match | 10u << 7 | 11u << 15 | ((uint32_t)imm & 0xfff) << 20; }

#define MIN64 0x8000000000000000ull
#define M1    0xffffffffffffffffull

TEST(rv_exec, register_ops)
{
    static const struct { unsigned op; uint64_t a, b, want; } cases[] = {
        { RV_OP_ADD, 1, 2, 3 }, { RV_OP_SUB, 1, 2, M1 }, { RV_OP_SLL, 1, 65, 2 },
        { RV_OP_SLT, M1, 1, 1 }, { RV_OP_SLTU, M1, 1, 0 }, { RV_OP_XOR, 0xf0, 0xff, 0x0f },
        { RV_OP_SRL, MIN64, 63, 1 }, { RV_OP_SRA, MIN64, 63, M1 }, { RV_OP_OR, 0xf0, 0x0f, 0xff },
        { RV_OP_AND, 0xf0, 0x3c, 0x30 },
        { RV_OP_ADDW, 0x7fffffff, 1, 0xffffffff80000000ull }, { RV_OP_SUBW, 0, 1, M1 },
        { RV_OP_SLLW, 1, 33, 2 }, { RV_OP_SRLW, 0xffffffff80000000ull, 4, 0x08000000 },
        { RV_OP_SRAW, 0x80000000, 4, 0xfffffffff8000000ull }, { RV_OP_SRAW, 0x80000000, 36, 0xfffffffff8000000ull },
        { RV_OP_MUL, 3, (uint64_t)-2, (uint64_t)-6 }, { RV_OP_MULH, M1, M1, 0 },
        { RV_OP_MULH, MIN64, MIN64, 0x4000000000000000ull }, { RV_OP_MULHU, M1, M1, 0xfffffffffffffffeull },
        { RV_OP_MULHSU, M1, M1, M1 }, { RV_OP_MULHSU, 2, MIN64, 1 },
        { RV_OP_DIV, 7, (uint64_t)-2, (uint64_t)-3 }, { RV_OP_DIV, 7, 0, M1 }, { RV_OP_DIV, MIN64, M1, MIN64 },
        { RV_OP_DIVU, 7, 0, M1 }, { RV_OP_REM, (uint64_t)-7, 2, M1 }, { RV_OP_REM, MIN64, M1, 0 },
        { RV_OP_REM, 5, 0, 5 }, { RV_OP_REMU, 7, 3, 1 },
        { RV_OP_MULW, 0x10000, 0x10000, 0 }, { RV_OP_MULW, 0x7fffffff, 2, 0xfffffffffffffffeull },
        { RV_OP_DIVW, 0x80000000, M1, 0xffffffff80000000ull }, { RV_OP_DIVUW, 0xffffffff, 2, 0x7fffffff },
        { RV_OP_DIVUW, 0xfffffffe, 1, 0xfffffffffffffffeull }, { RV_OP_DIVW, 5, 0x100000000ull, M1 },
        { RV_OP_REMW, 5, 0, 5 }, { RV_OP_REMW, 0xffffffff80000000ull, M1, 0 }, { RV_OP_REMUW, 0x100000005ull, 0, 5 },
        { RV_OP_SH1ADD, 3, 10, 16 }, { RV_OP_SH2ADD, 3, 10, 22 }, { RV_OP_SH3ADD, 3, 10, 34 },
        { RV_OP_ADD_UW, M1, 1, 0x100000000ull }, { RV_OP_SH1ADD_UW, 0x8000000080000000ull, 1, 0x100000001ull },
        { RV_OP_SH2ADD_UW, 0xffffffff00000001ull, 0, 4 }, { RV_OP_SH3ADD_UW, 0xffffffff00000001ull, 0, 8 },
        { RV_OP_ANDN, 0xff, 0x0f, 0xf0 }, { RV_OP_ORN, 0, 0xffffffffffffff00ull, 0xff },
        { RV_OP_XNOR, 0xff, 0x0f, ~0xf0ull },
        { RV_OP_MAX, M1, 1, 1 }, { RV_OP_MAXU, M1, 1, M1 }, { RV_OP_MIN, M1, 1, M1 }, { RV_OP_MINU, M1, 1, 1 },
        { RV_OP_ROL, 0x8000000000000001ull, 1, 3 }, { RV_OP_ROR, 1, 1, MIN64 }, { RV_OP_ROL, 1, 64, 1 },
        { RV_OP_ROLW, 0x80000001, 1, 3 }, { RV_OP_RORW, 1, 1, 0xffffffff80000000ull },
        { RV_OP_ROLW, 0x80000000, 32, 0xffffffff80000000ull },
        { RV_OP_BCLR, M1, 63, 0x7fffffffffffffffull }, { RV_OP_BSET, 0, 67, 8 }, { RV_OP_BINV, 8, 3, 0 },
        { RV_OP_BEXT, 0x10, 4, 1 }, { RV_OP_BEXT, 0x10, 68, 1 }, { RV_OP_BEXT, 0x10, 3, 0 },
        { RV_OP_CZERO_EQZ, 5, 0, 0 }, { RV_OP_CZERO_EQZ, 5, 1, 5 },
        { RV_OP_CZERO_NEZ, 5, 0, 5 }, { RV_OP_CZERO_NEZ, 5, 7, 0 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        uint64_t got = exec1(enc_r(cases[i].op), cases[i].a, cases[i].b);
        if (got != cases[i].want) {
            printf("  %s(%#" PRIx64 ", %#" PRIx64 ") = %#" PRIx64 ", want %#" PRIx64 "\n",
                   rv_opdesc[cases[i].op].name, cases[i].a, cases[i].b, got, cases[i].want);
            test_failed_checks++;
        }
    }
}

TEST(rv_exec, immediate_and_unary_ops)
{
    static const struct { unsigned op; uint64_t a; int32_t imm; uint64_t want; } cases[] = {
        { RV_OP_ADDI, 1, -1, 0 }, { RV_OP_SLTI, (uint64_t)-5, -4, 1 }, { RV_OP_SLTIU, 1, -1, 1 },
        { RV_OP_XORI, 0xff, -1, ~0xffull }, { RV_OP_ORI, 0x100, 0x0ff, 0x1ff }, { RV_OP_ANDI, 0xfff, -16, 0xff0 },
        { RV_OP_SLLI, 1, 63, MIN64 }, { RV_OP_SRLI, MIN64, 63, 1 }, { RV_OP_SRAI, MIN64, 63, M1 },
        { RV_OP_SRAI, MIN64, 1, 0xc000000000000000ull },
        { RV_OP_ADDIW, 0x7fffffff, 1, 0xffffffff80000000ull }, { RV_OP_SLLIW, 1, 31, 0xffffffff80000000ull },
        { RV_OP_SRLIW, 0xffffffff80000000ull, 31, 1 }, { RV_OP_SRLIW, 0x80000000, 0, 0xffffffff80000000ull },
        { RV_OP_SRAIW, 0x80000000, 31, M1 },
        { RV_OP_SLLI_UW, 0xffffffff80000001ull, 1, 0x100000002ull },
        { RV_OP_RORI, 1, 1, MIN64 }, { RV_OP_RORIW, 1, 1, 0xffffffff80000000ull },
        { RV_OP_BCLRI, M1, 0, (uint64_t)-2 }, { RV_OP_BSETI, 0, 63, MIN64 }, { RV_OP_BINVI, 1, 0, 0 },
        { RV_OP_BEXTI, MIN64, 63, 1 },
        /* unary: imm 0, the fixed rs2 field is part of match */
        { RV_OP_CLZ, 1, 0, 63 }, { RV_OP_CLZ, 0, 0, 64 }, { RV_OP_CTZ, 0, 0, 64 }, { RV_OP_CTZ, 8, 0, 3 },
        { RV_OP_CPOP, M1, 0, 64 }, { RV_OP_CLZW, 1, 0, 31 }, { RV_OP_CLZW, 0xffffffff00000000ull, 0, 32 },
        { RV_OP_CTZW, 0x100000000ull, 0, 32 }, { RV_OP_CPOPW, 0xffffffff00000001ull, 0, 1 },
        { RV_OP_SEXT_B, 0x80, 0, 0xffffffffffffff80ull }, { RV_OP_SEXT_H, 0x8000, 0, 0xffffffffffff8000ull },
        { RV_OP_ZEXT_H, M1, 0, 0xffff },
        { RV_OP_ORC_B, 0x0100ff0000000001ull, 0, 0xff00ff00000000ffull },
        { RV_OP_REV8, 0x0102030405060708ull, 0, 0x0807060504030201ull },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        uint64_t got = exec1(enc_i(cases[i].op, cases[i].imm), cases[i].a, 0);
        if (got != cases[i].want) {
            printf("  %s(%#" PRIx64 ", %d) = %#" PRIx64 ", want %#" PRIx64 "\n",
                   rv_opdesc[cases[i].op].name, cases[i].a, cases[i].imm, got, cases[i].want);
            test_failed_checks++;
        }
    }
}

TEST(rv_exec, writes_to_x0_are_dropped)
{
    CHECK_EQ_U64(exec1(rv_opdesc[RV_OP_ADD].match | 11u << 15 | 12u << 20, 5, 6), 0x5555);
    CHECK_EQ_U64(exec1(rv_opdesc[RV_OP_LUI].match | 0x12345000u, 0, 0), 0x5555);
}

TEST(rv_exec, loop_call_and_return)
{
    static const uint16_t code[] = {
        0x4501,         /*   0: li a0,0 */
        0x45a9,         /*   2: li a1,10 */
        0x050d,         /*   4: addi a0,a0,3 */
        0x15fd,         /*   6: addi a1,a1,-1 */
        0xfdf5,         /*   8: bnez a1,4 */
        0x00ef, 0x0060, /*   a: jal 10 <f> */
        0xa019,         /*   e: j 14 <end> */
        0x0506,         /*  10: slli a0,a0,0x1 */
        0x8082,         /*  12: ret */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, code, ARRAY_SIZE(code));
    CHECK_EQ_U64(run(cpu, end), RUN_DONE);
    CHECK_EQ_U64(cpu->x[10], 60);
    CHECK_EQ_U64(cpu->x[1], CODE + 0xe);
    struct ir_block *b = translate_at(CODE, 64);
    CHECK_EQ_U64(b->ninsns, 5);                 /* up to and including bnez */
    CHECK_EQ_U64(b->guest_size, 10);
    CHECK_EQ_U64(last_op(b)->opc, IR_BRCOND);
    CHECK_EQ_U64(last_op(b)->imm, CODE + 4);
    CHECK_EQ_U64(last_op(b)->imm2, CODE + 0xa);
    free(cpu);
}

TEST(rv_exec, jalr_computes_target_before_writing_rd)
{
    static const uint16_t code[] = {
        0x0597, 0x0000, /*   0: auipc a1,0x0 */
        0x85e7, 0x0115, /*   4: jalr a1,17(a1) */
        0x0513, 0x0010, /*   8: li a0,1 */
        0x0513, 0x0020, /*   c: li a0,2 */
    };
    struct rv64_cpu *cpu = new_cpu();
    put_code(CODE, code, ARRAY_SIZE(code));
    CHECK_EQ_U64(run(cpu, CODE + 0x10), RUN_DONE);
    CHECK_EQ_U64(cpu->x[11], CODE + 8);
    CHECK_EQ_U64(cpu->x[10], 0);
    free(cpu);
}

TEST(rv_exec, loads_and_stores)
{
    static const uint16_t code[] = {
        0x45b7, 0x0010, /*   0: lui a1,0x104 */
        0x5679,         /*   4: li a2,-2 */
        0xe190,         /*   6: sd a2,0(a1) */
        0x8683, 0x0005, /*   8: lb a3,0(a1) */
        0xc703, 0x0005, /*   c: lbu a4,0(a1) */
        0xd783, 0x0065, /*  10: lhu a5,6(a1) */
        0xe803, 0x0045, /*  14: lwu a6,4(a1) */
        0xa883, 0x0045, /*  18: lw a7,4(a1) */
        0xa223, 0x0005, /*  1c: sw zero,4(a1) */
        0xb283, 0x0005, /*  20: ld t0,0(a1) */
        0x9423, 0x00c5, /*  24: sh a2,8(a1) */
        0x9303, 0x0085, /*  28: lh t1,8(a1) */
        0x8113, 0x1005, /*  2c: addi sp,a1,256 */
        0xe432,         /*  30: c.sdsp a2,8(sp) */
        0x63a2,         /*  32: c.ldsp t2,8(sp) */
        0xa003, 0x0005, /*  34: lw zero,0(a1) */
        0x8033, 0x00c5, /*  38: add zero,a1,a2 */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, code, ARRAY_SIZE(code));
    CHECK_EQ_U64(run(cpu, end), RUN_DONE);
    CHECK_EQ_U64(cpu->x[13], (uint64_t)-2);
    CHECK_EQ_U64(cpu->x[14], 0xfe);
    CHECK_EQ_U64(cpu->x[15], 0xffff);
    CHECK_EQ_U64(cpu->x[16], 0xffffffff);
    CHECK_EQ_U64(cpu->x[17], M1);
    CHECK_EQ_U64(cpu->x[5], 0xfffffffe);
    CHECK_EQ_U64(cpu->x[6], (uint64_t)-2);
    CHECK_EQ_U64(cpu->x[2], DATA + 256);
    CHECK_EQ_U64(cpu->x[7], (uint64_t)-2);
    CHECK_EQ_U64(cpu->x[0], 0);
    free(cpu);
}

TEST(rv_exec, float_moves_loads_stores_and_helper)
{
    static const uint16_t code[] = {
        0x45b7, 0x0010, /*   0: lui a1,0x104 */
        0x0637, 0x3f80, /*   4: lui a2,0x3f800 */
        0xc190,         /*   8: sw a2,0(a1) */
        0xa507, 0x0005, /*   a: flw fa0,0(a1) */
        0x06d3, 0xe005, /*   e: fmv.x.w a3,fa0 */
        0x0753, 0xe205, /*  12: fmv.x.d a4,fa0 */
        0x05d3, 0xf006, /*  16: fmv.w.x fa1,a2 */
        0x57fd,         /*  1a: li a5,-1 */
        0x8653, 0xf207, /*  1c: fmv.d.x fa2,a5 */
        0x06d3, 0x22a6, /*  20: fsgnj.d fa3,fa2,fa0 */
        0x1753, 0x22a6, /*  24: fsgnjn.d fa4,fa2,fa0 */
        0x27d3, 0x22d7, /*  28: fsgnjx.d fa5,fa4,fa3 */
        0xa598,         /*  2c: fsd fa4,8(a1) */
        0xb803, 0x0085, /*  2e: ld a6,8(a1) */
        0xa827, 0x00a5, /*  32: fsw fa0,16(a1) */
        0xe883, 0x0105, /*  36: lwu a7,16(a1) */
        0x7853, 0x00b5, /*  3a: fadd.s fa6,fa0,fa1 */
        0xb887, 0x0085, /*  3e: fld fa7,8(a1) */
        0x8453, 0x2318, /*  42: fmv.d fs0,fa7 */
        0x94d3, 0x2318, /*  46: fneg.d fs1,fa7 */
        0xa953, 0x2294, /*  4a: fabs.d fs2,fs1 */
        0x72d3, 0xc008, /*  4e: fcvt.w.s t0,fa6 */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, code, ARRAY_SIZE(code));
    CHECK_EQ_U64(run(cpu, end), RUN_DONE);
    CHECK_EQ_U64(cpu->f[10], 0xffffffff3f800000ull);
    CHECK_EQ_U64(cpu->x[13], 0x3f800000);
    CHECK_EQ_U64(cpu->x[14], 0xffffffff3f800000ull);
    CHECK_EQ_U64(cpu->f[11], 0xffffffff3f800000ull);
    CHECK_EQ_U64(cpu->f[12], M1);
    CHECK_EQ_U64(cpu->f[13], M1);
    CHECK_EQ_U64(cpu->f[14], 0x7fffffffffffffffull);
    CHECK_EQ_U64(cpu->f[15], M1);
    CHECK_EQ_U64(cpu->x[16], 0x7fffffffffffffffull);
    CHECK_EQ_U64(cpu->x[17], 0x3f800000);
    CHECK_EQ_U64(cpu->f[16], 0xffffffff40000000ull);   /* 1.0f + 1.0f, through rv_fpu */
    CHECK_EQ_U64(cpu->f[8], 0x7fffffffffffffffull);
    CHECK_EQ_U64(cpu->f[9], M1);
    CHECK_EQ_U64(cpu->f[18], 0x7fffffffffffffffull);
    CHECK_EQ_U64(cpu->x[5], 2);
    free(cpu);
}

TEST(rv_exec, atomics)
{
    static const uint16_t code[] = {
        0x45b7, 0x0010, /*   0: lui a1,0x104 */
        0x4615,         /*   4: li a2,5 */
        0xc190,         /*   6: sw a2,0(a1) */
        0x56e1,         /*   8: li a3,-8 */
        0xa72f, 0x00d5, /*   a: amoadd.w a4,a3,(a1) */
        0x419c,         /*   e: lw a5,0(a1) */
        0xa82f, 0xe0c5, /*  10: amomaxu.w a6,a2,(a1) */
        0xa8af, 0x84c5, /*  14: amomin.w.aq a7,a2,(a1) */
        0x8313, 0x0085, /*  18: addi t1,a1,8 */
        0x3023, 0x0003, /*  1c: sd zero,0(t1) */
        0x32af, 0x1003, /*  20: lr.d t0,(t1) */
        0x0393, 0x02a0, /*  24: li t2,42 */
        0x3e2f, 0x1a73, /*  28: sc.d.rl t3,t2,(t1) */
        0x3eaf, 0x1873, /*  2c: sc.d t4,t2,(t1) */
        0x3f03, 0x0003, /*  30: ld t5,0(t1) */
        0x3faf, 0x0e03, /*  34: amoswap.d.aqrl t6,zero,(t1) */
        0xa42f, 0x1005, /*  38: lr.w s0,(a1) */
        0xa4af, 0x18c5, /*  3c: sc.w s1,a2,(a1) */
        0xa903, 0x0005, /*  40: lw s2,0(a1) */
        0x39af, 0x40c3, /*  44: amoor.d s3,a2,(t1) */
        0x3a2f, 0x6003, /*  48: amoand.d s4,zero,(t1) */
        0xaaaf, 0x20d5, /*  4c: amoxor.w s5,a3,(a1) */
        0x3b2f, 0xe0d3, /*  50: amomaxu.d s6,a3,(t1) */
        0x3baf, 0xc0c3, /*  54: amominu.d s7,a2,(t1) */
        0xac2f, 0xa0d5, /*  58: amomax.w s8,a3,(a1) */
        0x3c83, 0x0003, /*  5c: ld s9,0(t1) */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, code, ARRAY_SIZE(code));
    CHECK_EQ_U64(run(cpu, end), RUN_DONE);
    CHECK_EQ_U64(cpu->x[14], 5);
    CHECK_EQ_U64(cpu->x[15], (uint64_t)-3);
    CHECK_EQ_U64(cpu->x[16], (uint64_t)-3);
    CHECK_EQ_U64(cpu->x[17], (uint64_t)-3);
    CHECK_EQ_U64(cpu->x[5], 0);
    CHECK_EQ_U64(cpu->x[28], 0);                /* sc.d after lr.d succeeds */
    CHECK_EQ_U64(cpu->x[29], 1);                /* a second sc.d has no reservation */
    CHECK_EQ_U64(cpu->x[30], 42);
    CHECK_EQ_U64(cpu->x[31], 42);
    CHECK_EQ_U64(cpu->x[8], (uint64_t)-3);
    CHECK_EQ_U64(cpu->x[9], 0);
    CHECK_EQ_U64(cpu->x[18], 5);
    CHECK_EQ_U64(cpu->x[19], 0);
    CHECK_EQ_U64(cpu->x[20], 5);
    CHECK_EQ_U64(cpu->x[21], 5);
    CHECK_EQ_U64(cpu->x[22], 0);
    CHECK_EQ_U64(cpu->x[23], (uint64_t)-8);
    CHECK_EQ_U64(cpu->x[24], (uint64_t)-3);
    CHECK_EQ_U64(cpu->x[25], 5);
    CHECK_EQ_U64(cpu->res_addr, RV_NO_RESERVATION);
    free(cpu);
}

TEST(rv_exec, atomic_faults)
{
    static const uint16_t misaligned[] = {
        0x45b7, 0x0010, /*   0: lui a1,0x104 */
        0x0589,         /*   4: addi a1,a1,2 */
        0xa02f, 0x00c5, /*   6: amoadd.w zero,a2,(a1) */
    };
    static const uint16_t read_only[] = {
        0x55b7, 0x0010, /*   0: lui a1,0x105 */
        0xa52f, 0x1005, /*   4: lr.w a0,(a1) */
        0xa62f, 0x18a5, /*   8: sc.w a2,a0,(a1) */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, misaligned, ARRAY_SIZE(misaligned));
    CHECK_EQ_U64(run(cpu, end), RUN_FAULT + EXC_BUS);
    CHECK_EQ_U64(cpu->base.fault_addr, DATA + 2);
    CHECK_EQ_U64(cpu->base.pc, CODE + 6);
    free(cpu);

    cpu = new_cpu();
    end = put_code(CODE, read_only, ARRAY_SIZE(read_only));
    cpu->x[10] = 77;
    CHECK_EQ_U64(run(cpu, end), RUN_FAULT + EXC_SEGV_ACCERR);
    CHECK_EQ_U64(cpu->base.fault_addr, RODATA);
    CHECK_EQ_U64(cpu->base.pc, CODE + 8);
    CHECK_EQ_U64(cpu->x[10], 0);                /* lr.w of a read-only page works */
    CHECK_EQ_U64(cpu->x[12], 0);                /* sc.w faulted before writing rd */
    free(cpu);
}

TEST(rv_exec, csrs)
{
    static const uint16_t code[] = {
        0x5073, 0x0021, /*   0: fsrmi 2 */
        0x2573, 0x0020, /*   4: frrm a0 */
        0xd5f3, 0x001f, /*   8: fsflagsi a1,31 */
        0x2673, 0x0030, /*   c: frcsr a2 */
        0xf6f3, 0x0010, /*  10: csrrci a3,fflags,1 */
        0x2773, 0x0010, /*  14: frflags a4 */
        0x27f3, 0xc010, /*  18: rdtime a5 */
        0x2873, 0xc000, /*  1c: rdcycle a6 */
        0x28f3, 0xc020, /*  20: rdinstret a7 */
        0x22f3, 0x0030, /*  24: frcsr t0 */
        0x1373, 0x0030, /*  28: fscsr t1,zero */
        0x23f3, 0x0030, /*  2c: frcsr t2 */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, code, ARRAY_SIZE(code));
    CHECK_EQ_U64(run(cpu, end), RUN_DONE);
    CHECK_EQ_U64(cpu->x[10], 2);
    CHECK_EQ_U64(cpu->x[11], 0);
    CHECK_EQ_U64(cpu->x[12], 0x5f);
    CHECK_EQ_U64(cpu->x[13], 0x1f);
    CHECK_EQ_U64(cpu->x[14], 0x1e);
    CHECK(cpu->x[15] != 0 && cpu->x[16] != 0 && cpu->x[17] != 0);
    CHECK_EQ_U64(cpu->x[5], 0x5e);
    CHECK_EQ_U64(cpu->x[6], 0x5e);
    CHECK_EQ_U64(cpu->x[7], 0);
    CHECK_EQ_U64(cpu->frm, 0);
    CHECK_EQ_U64(cpu->fflags, 0);
    free(cpu);
}

TEST(rv_exec, dynamic_rounding_mode_is_checked)
{
    static const uint16_t code[] = {
        0xf553, 0x02c5, /*   0: fadd.d fa0,fa1,fa2 */
        0xf553, 0x12c5, /*   4: fmul.d fa0,fa1,fa2 */
        0xd073, 0x0022, /*   8: fsrmi 5 */
        0x9553, 0x02c5, /*   c: fadd.d fa0,fa1,fa2,rtz */
        0xf553, 0x02c5, /*  10: fadd.d fa0,fa1,fa2 */
    };
    struct rv64_cpu *cpu = new_cpu();
    uint64_t end = put_code(CODE, code, ARRAY_SIZE(code));
    struct ir_block *b = translate_at(CODE, 64);
    CHECK_EQ_U64(b->ninsns, 6);                 /* and put_code's ebreak */
    CHECK_EQ_U64(count_ops(b, IR_EXIT_IF), 2);  /* once, and again after the frm write */
    CHECK_EQ_U64(run(cpu, end), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_ILLEGAL);
    CHECK_EQ_U64(cpu->base.pc, CODE + 0x10);
    CHECK_EQ_U64(cpu->frm, 5);
    free(cpu);
}

TEST(rv_exec, system_instructions)
{
    static const uint16_t code[] = {
        0x0073, 0x0000, /*   0: ecall */
        0x0073, 0x0010, /*   4: ebreak */
        0x100f, 0x0000, /*   8: fence.i */
        0x1073, 0xc005, /*   c: csrw cycle,a0 */
        0x2573, 0x7c00, /*  10: csrr a0,0x7c0 */
        0x2573, 0xc000, /*  14: rdcycle a0 */
        0x000f, 0x0330, /*  18: fence rw,rw */
        0x000f, 0x0230, /*  1c: fence r,rw */
        0x000f, 0x8330, /*  20: fence.tso */
        0x9002,         /*  24: c.ebreak */
    };
    struct rv64_cpu *cpu = new_cpu();
    put_code(CODE, code, ARRAY_SIZE(code));
    static const struct { uint64_t pc; unsigned reason, exc; uint64_t next_pc; } expect[] = {
        { 0x00, EXIT_SYSCALL, 0, 0x00 },
        { 0x04, EXIT_EXCEPTION, EXC_BREAKPOINT, 0x04 },
        { 0x08, EXIT_FLUSH, 0, 0x0c },
        { 0x0c, EXIT_EXCEPTION, EXC_ILLEGAL, 0x0c },    /* counters are read-only */
        { 0x10, EXIT_EXCEPTION, EXC_ILLEGAL, 0x10 },    /* unknown CSR */
        { 0x14, EXIT_EXCEPTION, EXC_BREAKPOINT, 0x24 }, /* rdcycle and fences run */
        { 0x24, EXIT_EXCEPTION, EXC_BREAKPOINT, 0x24 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(expect); i++) {
        cpu->base.pc = CODE + expect[i].pc;
        cpu->base.exit_arg = 0;
        CHECK_EQ_U64(run(cpu, 0), expect[i].reason);
        CHECK_EQ_U64(cpu->base.pc, CODE + expect[i].next_pc);
        CHECK_EQ_U64(cpu->base.exit_arg, expect[i].exc);
    }
    struct ir_block *b = translate_at(CODE + 0x18, 64);
    CHECK_EQ_U64(count_ops(b, IR_FENCE), 1);    /* only fence rw,rw needs a host barrier */
    free(cpu);
}

TEST(rv_translate, block_limits)
{
    /* max_insns */
    uint16_t addis[64];
    for (unsigned i = 0; i < 64; i += 2)
        addis[i] = 0x0513, addis[i + 1] = 0x0015;   /* addi a0, a0, 1 */
    put_code(CODE, addis, 64);
    struct ir_block *b = translate_at(CODE, 10);
    CHECK_EQ_U64(b->ninsns, 10);
    CHECK_EQ_U64(b->guest_size, 40);
    CHECK_EQ_U64(last_op(b)->opc, IR_GOTO_TB);
    CHECK_EQ_U64(last_op(b)->imm, CODE + 40);
    CHECK_EQ_U64(count_ops(b, IR_INSN_START), 10);

    /* a block stops at the page end */
    put_code(CODE + 0x1000 - 8, addis, 4);
    b = translate_at(CODE + 0x1000 - 8, 64);
    CHECK_EQ_U64(b->ninsns, 2);
    CHECK_EQ_U64(last_op(b)->imm, CODE + 0x1000);

    /* an instruction straddling into an executable page ends its block */
    static const uint16_t straddle[] = { 0x0001, 0x0001, 0x0513, 0x0015 };
    put_code(CODE + 0x1000 - 6, straddle, 4);
    b = translate_at(CODE + 0x1000 - 6, 64);
    CHECK_EQ_U64(b->ninsns, 3);
    CHECK_EQ_U64(b->guest_size, 8);
    CHECK_EQ_U64(last_op(b)->opc, IR_GOTO_TB);
    CHECK_EQ_U64(last_op(b)->imm, CODE + 0x1002);

    /* a page full of 2-byte instructions does not overflow the IR block */
    uint16_t cadd[2048];
    for (unsigned i = 0; i < 2048; i++)
        cadd[i] = 0x0505;                          /* c.addi a0, 1 */
    put_code(CODE + 0x1000, cadd, 2048);
    b = translate_at(CODE + 0x1000, 100000);
    CHECK(b->ninsns > 100 && b->ninsns < 2048);
    CHECK_EQ_U64(last_op(b)->opc, IR_GOTO_TB);
    CHECK_EQ_U64(last_op(b)->imm, CODE + 0x1000 + 2 * b->ninsns);
    struct rv64_cpu *cpu = new_cpu();
    cpu->base.pc = CODE + 0x1000;
    CHECK_EQ_U64(run(cpu, CODE + 0x2000), RUN_DONE);
    CHECK_EQ_U64(cpu->x[10], 2048);
    free(cpu);
}

TEST(rv_translate, fetch_faults)
{
    struct rv64_cpu *cpu = new_cpu();
    /* unmapped page */
    cpu->base.pc = CODE + 0x3000;
    struct ir_block *b = translate_at(cpu->base.pc, 64);
    CHECK_EQ_U64(b->guest_size, 0);
    CHECK_EQ_U64(run(cpu, 0), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_FETCH_MAPERR);
    CHECK_EQ_U64(cpu->base.fault_addr, CODE + 0x3000);
    CHECK_EQ_U64(cpu->base.pc, CODE + 0x3000);

    /* mapped but not executable */
    cpu->base.pc = DATA;
    CHECK_EQ_U64(run(cpu, 0), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_FETCH_MAPERR);
    CHECK_EQ_U64(cpu->base.fault_addr, DATA);

    /* outside the guest address space */
    cpu->base.pc = 0xfffffffffffff000ull;
    CHECK_EQ_U64(run(cpu, 0), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_FETCH_MAPERR);

    /* odd PC */
    cpu->base.pc = CODE + 1;
    CHECK_EQ_U64(run(cpu, 0), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_BUS);

    /* a 4-byte instruction straddling into an unmapped page: the block before it ends
     * there, and the instruction itself faults on its second half */
    static const uint16_t tail[] = { 0x0505, 0x0505, 0x0513 };  /* c.addi, c.addi, addi.lo */
    put_code(CODE + 0x3000 - 6, tail, 3);
    b = translate_at(CODE + 0x3000 - 6, 64);
    CHECK_EQ_U64(b->ninsns, 2);
    CHECK_EQ_U64(last_op(b)->opc, IR_GOTO_TB);
    CHECK_EQ_U64(last_op(b)->imm, CODE + 0x3000 - 2);
    cpu->base.pc = CODE + 0x3000 - 6;
    cpu->x[10] = 0;
    CHECK_EQ_U64(run(cpu, 0), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->x[10], 2);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_FETCH_MAPERR);
    CHECK_EQ_U64(cpu->base.pc, CODE + 0x3000 - 2);
    CHECK_EQ_U64(cpu->base.fault_addr, CODE + 0x3000);
    free(cpu);
}

TEST(rv_translate, illegal_instructions)
{
    static const uint16_t first[] = { 0x0000, 0x0505 };
    static const uint16_t later[] = { 0x0505, 0x0505, 0x0000, 0x0505 };
    put_code(CODE, first, 2);
    struct ir_block *b = translate_at(CODE, 64);
    CHECK_EQ_U64(b->ninsns, 1);
    CHECK_EQ_U64(b->guest_size, 2);
    CHECK_EQ_U64(last_op(b)->opc, IR_EXIT);
    CHECK_EQ_U64(count_ops(b, IR_INSN_START), 1);

    put_code(CODE, later, 4);
    b = translate_at(CODE, 64);
    CHECK_EQ_U64(b->ninsns, 3);
    CHECK_EQ_U64(last_op(b)->opc, IR_EXIT);
    struct rv64_cpu *cpu = new_cpu();
    CHECK_EQ_U64(run(cpu, 0), EXIT_EXCEPTION);
    CHECK_EQ_U64(cpu->base.exit_arg, EXC_ILLEGAL);
    CHECK_EQ_U64(cpu->base.pc, CODE + 4);
    CHECK_EQ_U64(cpu->x[10], 2);
    free(cpu);
}

/* Every op, with assorted registers, translates to valid IR on its own. */
TEST(rv_translate, every_op_gives_valid_ir)
{
    for (unsigned op = 1; op < RV_OP_COUNT; op++) {
        for (unsigned k = 0; k < 4; k++) {
            uint32_t regs = k == 0 ? 0 : k == 1 ? (1u << 7 | 2u << 15 | 3u << 20 | 4u << 27)
                          : k == 2 ? (31u << 7 | 30u << 15 | 29u << 20 | 28u << 27)
                          : (10u << 7 | 10u << 15 | 10u << 20 | 10u << 27);
            uint32_t w = rv_opdesc[op].match | (regs & ~rv_opdesc[op].mask);
            struct rv_insn in;
            rv_decode(w, &in);
            if (in.op != op)                    /* e.g. rm 5/6 from the register bits */
                continue;
            uint16_t code[2] = { (uint16_t)w, (uint16_t)(w >> 16) };
            put_code(CODE, code, 2);
            struct ir_block *b = translate_at(CODE, 1);
            CHECK(b->ninsns == 1);
        }
    }
}

TEST(rv_target, hooks)
{
    CHECK_EQ_U64(target_riscv64.elf_machine, 243);
    CHECK_EQ_U64(target_riscv64.nglobals, RV_NGLOBALS);
    CHECK(strcmp(target_riscv64.globals[RV_GLOBAL_X(10)].name, "a0") == 0);
    CHECK(strcmp(target_riscv64.globals[RV_GLOBAL_F(10)].name, "fa0") == 0);
    CHECK(strcmp(target_riscv64.globals[RV_GLOBAL_F(31)].name, "ft11") == 0);
    CHECK_EQ_U64(target_riscv64.hwcap(NULL), 0x112d);
    struct rv64_cpu *cpu = calloc(1, target_riscv64.cpu_size);
    CHECK(target_riscv64.cpu_init(&cpu->base, "rv64"));
    CHECK(target_riscv64.cpu_init(&cpu->base, "any"));
    CHECK(!target_riscv64.cpu_init(&cpu->base, "cortex-a53"));
    CHECK(target_riscv64.cpu_init(&cpu->base, ""));
    CHECK_EQ_U64(cpu->res_addr, RV_NO_RESERVATION);
    target_riscv64.set_entry(&cpu->base, 0x10078, 0x7ffff000);
    CHECK_EQ_U64(cpu->base.pc, 0x10078);
    CHECK_EQ_U64(cpu->x[2], 0x7ffff000);
    CHECK_EQ_U64(cpu->x[10], 0);
    free(cpu);
}

/* Random words: decoding, printing and translating never misbehave and give valid IR. */
TEST(rv_translate, random_words)
{
    uint64_t s = 0x9e3779b97f4a7c15ull;
    char buf[96];
    for (unsigned i = 0; i < 20000; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        uint32_t w = (uint32_t)s;
        struct rv_insn in;
        rv_decode(w, &in);
        rv_disas_insn(&in, CODE, i & 1, buf, sizeof(buf));
        CHECK(buf[0] != 0);
        uint16_t code[2] = { (uint16_t)w, (uint16_t)(w >> 16) };
        put_code(CODE, code, 2);
        struct ir_block *b = translate_at(CODE, 1);
        CHECK(b->ninsns == 1);
    }
}
