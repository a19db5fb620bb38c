/* registry.c - the NULL-terminated list of guest ISAs crossrun can run. */
#include <string.h>
#include "target.h"

extern const struct target target_riscv64;

const struct target *const targets[] = {
    &target_riscv64,
    NULL,
};

const struct target *target_by_elf_machine(uint16_t machine)
{
    for (const struct target *const *t = targets; *t; t++)
        if ((*t)->elf_machine == machine)
            return *t;
    return NULL;
}

const struct target *target_by_name(const char *name)
{
    for (const struct target *const *t = targets; *t; t++)
        if (strcmp((*t)->name, name) == 0)
            return *t;
    return NULL;
}
