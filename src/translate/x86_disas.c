/*
 * x86_disas.c - host code disassembly for -d out_asm, with capstone (which Debian's
 * capstone 4 supports for x86-64 but not for RISC-V guests). One line per instruction:
 * "  0x<address>:  <mnemonic> <operands>". The capstone handle is opened on first use and
 * kept; translation is serialised by tb_lock, so no further locking is needed.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include "exec.h"

void x86_disas(FILE *out, const uint8_t *code, size_t size)
{
    static csh handle;
    static bool opened, failed;
    if (!opened && !failed) {
        if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) == CS_ERR_OK) {
            opened = true;
            cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON);  /* keep going over odd bytes */
        } else {
            failed = true;
        }
    }
    if (!opened) {
        fprintf(out, "  (capstone unavailable: %zu bytes at %p)\n", size, (const void *)code);
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(handle, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "  0x%016" PRIx64 ":  %s%s%s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str[0] ? " " : "", insn[i].op_str);
    if (n)
        cs_free(insn, n);
}
