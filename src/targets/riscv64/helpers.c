/*
 * helpers.c - C helpers called from riscv64 translated code: LR/SC and AMOs, CSR access,
 * orc.b. The IR declarations of these calls (flags, argument counts) live next to their
 * translators in trans_atomic.c and translate.c.
 *
 * Atomics are full-sync helpers, so the guest state is exact while they run and a guest
 * fault can be raised from here with fault_raise(): misaligned -> EXC_BUS, unmapped ->
 * EXC_SEGV_MAPERR, mapped without the permission -> EXC_SEGV_ACCERR. The access itself is
 * a host __atomic builtin on g2h(addr), so it is atomic with respect to the other guest
 * threads (host threads) and to plain guest stores on x86.
 *
 * LR/SC: LR records (address, size, value loaded). SC succeeds iff the reservation is
 * for the same address and size and a host compare-and-swap from the recorded value to
 * the new one succeeds. ABA: if other threads change the word and change it back between
 * the LR and the SC, the SC still succeeds. That is indistinguishable from an execution
 * in which those writes happened before the LR, and it is what LR/SC loops (lock
 * acquire, atomic read-modify-write) rely on; it does not implement the ISA's guarantee
 * that *any* store to the reserved set fails the SC, which no correct program can observe
 * except by timing. Every SC clears the reservation, succeeded or not.
 *
 * CSRs: fflags/frm/fcsr live in struct rv64_cpu and cpu->fp_env (read and written through
 * rv64_fflags / rv64_set_fcsr, cpu.h: the helper is called with fp_env exact). time is CLOCK_MONOTONIC at the 10 MHz
 * timebase of Linux's riscv "virt" machine (ticks = ns / 100); cycle and instret both
 * return CLOCK_MONOTONIC in nanoseconds (a 1 GHz clock, one instruction per cycle): they
 * are monotonic and advance, which is all user code may assume of them.
 */
#include <time.h>
#include "../../loader/guest_mem.h"
#include "translate.h"

/* Faults unless [addr, addr+size) is naturally aligned, mapped and has all of prot. */
static void check_atomic_access(uint64_t addr, unsigned size, int prot)
{
    if (addr & (size - 1))
        fault_raise(addr, EXC_BUS);
    if (!guest_range_valid(addr, size))
        fault_raise(addr, EXC_SEGV_MAPERR);
    int have = guest_page_prot(addr);       /* aligned: one page */
    if (!guest_page_mapped(addr))
        fault_raise(addr, EXC_SEGV_MAPERR);
    if ((have & prot) != prot)
        fault_raise(addr, EXC_SEGV_ACCERR);
}

uint64_t rv_helper_lr(struct cpu *cpu, uint64_t size, uint64_t addr, uint64_t unused2, uint64_t unused3)
{
    struct rv64_cpu *rv = rv64(cpu);
    check_atomic_access(addr, (unsigned)size, GPROT_READ);
    uint64_t val, result;
    if (size == 4) {
        uint32_t v = __atomic_load_n((uint32_t *)g2h(addr), __ATOMIC_SEQ_CST);
        val = v;
        result = (uint64_t)(int64_t)(int32_t)v;
    } else {
        val = result = __atomic_load_n((uint64_t *)g2h(addr), __ATOMIC_SEQ_CST);
    }
    rv->res_addr = addr;
    rv->res_val = val;
    rv->res_size = (uint32_t)size;
    return result;
}

uint64_t rv_helper_sc(struct cpu *cpu, uint64_t size, uint64_t addr, uint64_t val, uint64_t unused3)
{
    struct rv64_cpu *rv = rv64(cpu);
    check_atomic_access(addr, (unsigned)size, GPROT_READ | GPROT_WRITE);
    bool reserved = rv->res_addr == addr && rv->res_size == size;
    uint64_t expected = rv->res_val;
    rv->res_addr = RV_NO_RESERVATION;
    if (!reserved)
        return 1;
    bool ok;
    if (size == 4) {
        uint32_t exp32 = (uint32_t)expected;
        ok = __atomic_compare_exchange_n((uint32_t *)g2h(addr), &exp32, (uint32_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        ok = __atomic_compare_exchange_n((uint64_t *)g2h(addr), &expected, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    return ok ? 0 : 1;
}

/* The new memory value of a min/max AMO (the others use fetch-and-op builtins). */
static uint64_t amo_minmax(enum rv_amo_op op, uint64_t old, uint64_t val, bool word)
{
    int64_t so = word ? (int32_t)old : (int64_t)old, sv = word ? (int32_t)val : (int64_t)val;
    uint64_t uo = word ? (uint32_t)old : old, uv = word ? (uint32_t)val : val;
    switch (op) {
    case RV_AMO_MIN:  return so < sv ? old : val;
    case RV_AMO_MAX:  return so > sv ? old : val;
    case RV_AMO_MINU: return uo < uv ? old : val;
    default:          return uo > uv ? old : val;   /* RV_AMO_MAXU */
    }
}

static uint32_t amo32(enum rv_amo_op op, uint32_t *p, uint32_t v)
{
    switch (op) {
    case RV_AMO_SWAP: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_ADD:  return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_XOR:  return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_AND:  return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_OR:   return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    default: {
        uint32_t old = __atomic_load_n(p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(p, &old, (uint32_t)amo_minmax(op, old, v, true), true,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            ;
        return old;
    }
    }
}

static uint64_t amo64(enum rv_amo_op op, uint64_t *p, uint64_t v)
{
    switch (op) {
    case RV_AMO_SWAP: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_ADD:  return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_XOR:  return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_AND:  return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case RV_AMO_OR:   return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    default: {
        uint64_t old = __atomic_load_n(p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(p, &old, amo_minmax(op, old, v, false), true,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            ;
        return old;
    }
    }
}

uint64_t rv_helper_amo(struct cpu *cpu, uint64_t op_size, uint64_t addr, uint64_t val, uint64_t unused3)
{
    enum rv_amo_op op = (enum rv_amo_op)(op_size & 0xff);
    unsigned size = (unsigned)(op_size >> 8);
    check_atomic_access(addr, size, GPROT_READ | GPROT_WRITE);
    if (size == 4)
        return (uint64_t)(int64_t)(int32_t)amo32(op, (uint32_t *)g2h(addr), (uint32_t)val);
    return amo64(op, (uint64_t *)g2h(addr), val);
}

static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t rv_helper_csr(struct cpu *cpu, uint64_t desc, uint64_t src, uint64_t unused2, uint64_t unused3)
{
    struct rv64_cpu *rv = rv64(cpu);
    unsigned csr = desc & 0xfff, kind = (desc >> 12) & 3;
    uint64_t old;

    switch (csr) {
    case RV_CSR_FFLAGS:  old = rv64_fflags(rv); break;
    case RV_CSR_FRM:     old = rv->frm & 7; break;
    case RV_CSR_FCSR:    old = (rv->frm & 7) << 5 | rv64_fflags(rv); break;
    case RV_CSR_TIME:    old = monotonic_ns() / 100; break;
    case RV_CSR_CYCLE:
    case RV_CSR_INSTRET: old = monotonic_ns(); break;
    default:             return 0;      /* unreachable: the translator rejects other CSRs */
    }
    if (!(desc & RV_CSR_DESC_WRITE))
        return old;
    uint64_t val = kind == RV_CSR_WRITE ? src : kind == RV_CSR_SET ? old | src : old & ~src;
    switch (csr) {
    case RV_CSR_FFLAGS: rv64_set_fcsr(rv, (uint32_t)val, rv->frm); break;
    case RV_CSR_FRM:    rv64_set_fcsr(rv, rv64_fflags(rv), (uint32_t)val); break;
    case RV_CSR_FCSR:   rv64_set_fcsr(rv, (uint32_t)val, (uint32_t)(val >> 5)); break;
    default:            break;          /* counters are read-only: rejected at translation */
    }
    return old;
}

uint64_t rv_helper_orc_b(struct cpu *cpu, uint64_t x, uint64_t unused1, uint64_t unused2, uint64_t unused3)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 64; i += 8)
        if ((x >> i) & 0xff)
            r |= 0xffull << i;
    return r;
}
