/*
 * test_rv_signal.c - the riscv64 signal frame (targets/riscv64/signal.c) and the signal
 * layer around it: the frame's layout at the offsets glibc's ucontext_t uses (uc_mcontext at
 * 176, fcsr after f31), registers set for the handler, a round trip through rt_sigreturn, a
 * malformed frame refused, and the syscall-result convention of the target hook
 * (SYSCALL_RESTART rewinds to the ecall, SYSCALL_NO_RESULT writes nothing).
 */
#define TEST_MAIN
#include <string.h>
#include <sys/mman.h>
#include "test.h"
#include "loader/guest_mem.h"
#include "syscalls/syscall.h"
#include "targets/target.h"
#include "targets/riscv64/cpu.h"

extern const struct target target_riscv64;

static uint64_t galloc(uint64_t size)
{
    guest_mem_init();
    int64_t a = guest_mmap(0, size, GPROT_READ | GPROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return a < 0 ? 0 : (uint64_t)a;
}

static void fill_cpu(struct rv64_cpu *rv)
{
    memset(rv, 0, sizeof(*rv));
    rv->base.target = &target_riscv64;
    rv->base.pc = 0x10000;
    for (unsigned i = 1; i < 32; i++)
        rv->x[i] = 0x1000 + i;
    for (unsigned i = 0; i < 32; i++)
        rv->f[i] = 0xffffffff00000000ull | i;
    rv->frm = 3;
    rv->fflags = 0x11;
}

static uint64_t get64(uint64_t ga)
{
    uint64_t v = 0;
    copy_from_guest(&v, ga, 8);
    return v;
}

TEST(rv_signal, frame_layout)
{
    const struct target *t = &target_riscv64;
    CHECK_EQ_U64(t->sigframe_size, 1088);
    uint64_t area = galloc(65536);
    CHECK(area != 0);
    struct rv64_cpu rv;
    fill_cpu(&rv);
    uint8_t info[128];
    memset(info, 0, sizeof(info));
    info[0] = 10;                                   /* si_signo */
    uint64_t frame = area + 8192;
    struct target_sigframe f = {
        .addr = frame, .sig = 10, .info = info, .handler = 0x20000, .retaddr = 0x30000,
        .mask = 0x800, .ss_sp = 0x5000, .ss_size = 0x4000, .ss_flags = 2,
    };
    CHECK(t->setup_sigframe(&rv.base, &f));
    CHECK_EQ_U64(get64(frame) & 0xffffffff, 10);   /* info.si_signo */
    uint64_t uc = frame + 128;
    CHECK_EQ_U64(get64(uc + 0), 0);                 /* uc_flags */
    CHECK_EQ_U64(get64(uc + 16), 0x5000);           /* uc_stack.ss_sp */
    CHECK_EQ_U64(get64(uc + 24) & 0xffffffff, 2);   /* uc_stack.ss_flags */
    CHECK_EQ_U64(get64(uc + 32), 0x4000);           /* uc_stack.ss_size */
    CHECK_EQ_U64(get64(uc + 40), 0x800);            /* uc_sigmask */
    CHECK_EQ_U64(get64(uc + 176), 0x10000);         /* sc_regs.pc */
    CHECK_EQ_U64(get64(uc + 176 + 8 * 10), 0x1000 + 10);    /* a0 */
    CHECK_EQ_U64(get64(uc + 176 + 8 * 31), 0x1000 + 31);    /* t6 */
    CHECK_EQ_U64(get64(uc + 176 + 256 + 8 * 31), 0xffffffff00000000ull | 31);  /* f31 */
    CHECK_EQ_U64(get64(uc + 176 + 512) & 0xffffffff, 3 << 5 | 0x11);         /* fcsr */
    /* the handler's registers */
    CHECK_EQ_U64(rv.base.pc, 0x20000);
    CHECK_EQ_U64(rv.x[1], 0x30000);
    CHECK_EQ_U64(rv.x[2], frame);
    CHECK_EQ_U64(rv.x[10], 10);
    CHECK_EQ_U64(rv.x[11], frame);
    CHECK_EQ_U64(rv.x[12], frame + 128);

    /* rt_sigreturn with sp at the frame gets everything back */
    rv.x[5] = 0xdead;
    rv.f[3] = 0;
    rv.frm = 0;
    struct target_sigreturn r;
    CHECK(t->restore_sigframe(&rv.base, &r));
    CHECK_EQ_U64(rv.base.pc, 0x10000);
    CHECK_EQ_U64(rv.x[5], 0x1000 + 5);
    CHECK_EQ_U64(rv.x[2], 0x1000 + 2);
    CHECK_EQ_U64(rv.f[3], 0xffffffff00000000ull | 3);
    CHECK_EQ_U64(rv.frm, 3);
    CHECK_EQ_U64(rv.fflags, 0x11);
    CHECK_EQ_U64(r.mask, 0x800);
    CHECK_EQ_U64(r.ss_sp, 0x5000);
    CHECK_EQ_U64(r.ss_size, 0x4000);
    CHECK_EQ_U64((uint64_t)r.ss_flags, 2);
}

TEST(rv_signal, bad_frames)
{
    const struct target *t = &target_riscv64;
    struct rv64_cpu rv;
    fill_cpu(&rv);
    uint8_t info[128] = { 0 };
    struct target_sigframe f = {
        .addr = 0x100, .sig = 10, .info = info, .handler = 1, .retaddr = 2,
    };
    CHECK(!t->setup_sigframe(&rv.base, &f));         /* unmapped: nothing changes */
    CHECK_EQ_U64(rv.base.pc, 0x10000);
    CHECK_EQ_U64(rv.x[2], 0x1000 + 2);
    struct target_sigreturn r;
    rv.x[2] = 0x100;
    CHECK(!t->restore_sigframe(&rv.base, &r));
    /* the reserved word of the FP area must be zero */
    uint64_t area = galloc(8192);
    f.addr = area + 4096;
    fill_cpu(&rv);
    CHECK(t->setup_sigframe(&rv.base, &f));
    uint32_t one = 1;
    copy_to_guest(area + 4096 + 128 + 176 + 256 + 516, &one, 4);
    CHECK(!t->restore_sigframe(&rv.base, &r));
}

TEST(rv_signal, trampoline_code)
{
    const struct target *t = &target_riscv64;
    CHECK_EQ_U64(t->sigreturn_code_size, 8);
    uint32_t insn[2];
    memcpy(insn, t->sigreturn_code, 8);
    CHECK_EQ_U64(insn[0], 0x08b00893);      /* li a7, 139 (rt_sigreturn) */
    CHECK_EQ_U64(insn[1], 0x00000073);      /* ecall */
}

/* The hook's side of the result convention, with a syscall number no table entry has. */
TEST(rv_signal, syscall_hook_results)
{
    struct rv64_cpu rv;
    fill_cpu(&rv);
    rv.x[17] = 4321;                        /* unknown: -ENOSYS in a0, pc + 4 */
    rv.x[10] = 7;
    target_riscv64.syscall(&rv.base);
    CHECK_EQ_U64(rv.base.pc, 0x10004);
    CHECK_EQ_U64(rv.x[10], (uint64_t)-38);
    CHECK(SYSCALL_RESTART < -4095 && SYSCALL_NO_RESULT < -4095);
    CHECK(SYSCALL_RESTART != SYSCALL_NO_RESULT);
}
