/*
 * dispatch.c - the run loop: find or translate the TB for the guest PC, run it (host code
 * or the IR interpreter), and act on why it returned (enum exit_reason). Direct exits are
 * chained by patching the exiting TB's jump; indirect-jump misses fill the per-thread jump
 * cache that translated code probes inline.
 *
 * Invariants: translation happens under tb_lock; a TB pointer is only used for chaining if
 * no flush happened since it was obtained (tb_flush_count); every C access to guest memory
 * during guest execution is covered by this loop's fault recovery point.
 */
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "exec.h"
#include "../log.h"
#include "../loader/guest_mem.h"
#include "../targets/target.h"

enum engine exec_engine = ENGINE_JIT;
struct dbt_stats dbt_stats;
extern pthread_mutex_t tb_lock;
extern uint64_t tb_flush_count;

#define MAX_BLOCK_INSNS 256

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void log_block(const struct target *t, const struct ir_block *b)
{
    if (log_enabled(LOG_IN_ASM)) {
        log_printf("IN: %#" PRIx64 "\n", b->pc);
        for (uint64_t pc = b->pc; pc < b->pc + b->guest_size;) {
            char text[128];
            uint64_t avail = GUEST_PAGE_SIZE - (pc & (GUEST_PAGE_SIZE - 1));
            if (avail < 4 && (guest_page_prot(pc + avail) & GPROT_EXEC))
                avail = 4;
            unsigned n = t->disas(text, sizeof(text), pc, g2h(pc), avail < 4 ? avail : 4);
            if (n == 0)
                break;
            log_printf("0x%016" PRIx64 ":  %s\n", pc, text);
            pc += n;
        }
        log_printf("\n");
    }
    if (log_enabled(LOG_OP)) {
        ir_dump(b, log_file ? log_file : stderr);
        log_printf("\n");
    }
}

static struct tb *translate(struct cpu *cpu, uint64_t pc)
{
    static __thread struct ir_block *b;
    const struct target *t = cpu->target;
    uint64_t t0 = log_enabled(LOG_STATS) ? now_ns() : 0;
    if (!b)
        b = ir_block_new();
    unsigned max = MAX_BLOCK_INSNS;
    for (;;) {
        ir_init(b, t->globals, t->nglobals, pc);
        t->translate(b, max);
        if (!b->overflow)
            break;
        if (max == 1)
            panic("one guest instruction at %#" PRIx64 " overflows an IR block", pc);
        max = b->ninsns > 1 ? b->ninsns / 2 : max / 2;
    }
    const char *bad = ir_validate(b);
    if (bad)
        panic("front end produced bad IR for %#" PRIx64 ": %s", pc, bad);
    ir_optimize(b);
    log_block(t, b);

    struct tb *tb = tb_alloc();
    if (!tb) {
        tb_flush_all();
        tb = tb_alloc();
    }
    tb->pc = pc;
    tb->guest_size = b->guest_size;
    tb->ninsns = b->ninsns;
    if (exec_engine == ENGINE_INTERP) {
        tb->ir = ir_block_clone(b);
    } else if (x86_gen_tb(b, tb) < 0) {
        tb_flush_all();
        tb = tb_alloc();
        tb->pc = pc;
        tb->guest_size = b->guest_size;
        tb->ninsns = b->ninsns;
        if (x86_gen_tb(b, tb) < 0)
            fatal(EXIT_STATUS_INTERNAL, "code cache too small for the block at %#" PRIx64, pc);
    }
    if (tb->code && log_enabled(LOG_OUT_ASM)) {
        log_printf("OUT: [size=%u]\n", tb->code_size);
        x86_disas(log_file ? log_file : stderr, tb->code, tb->code_size);
        log_printf("\n");
    }
    /* A block that is only a fetch fault (guest_size 0) is not cached: the page may become
     * executable later, and gaining PROT_EXEC invalidates nothing. */
    if (b->guest_size)
        tb_insert(tb);
    dbt_stats.blocks_translated++;
    dbt_stats.insns_translated += b->ninsns;
    if (t0)
        dbt_stats.translate_ns += now_ns() - t0;
    return tb;
}

struct tb *tb_get(struct cpu *cpu, uint64_t pc)
{
    struct tb *tb = tb_lookup(pc);
    if (likely(tb))
        return tb;
    pthread_mutex_lock(&tb_lock);
    tb = tb_lookup(pc);
    if (!tb)
        tb = translate(cpu, pc);
    pthread_mutex_unlock(&tb_lock);
    return tb;
}

static void jc_clear(struct cpu *cpu)
{
    for (unsigned i = 0; i < JC_SIZE; i++)
        cpu->jc[i].guest_pc = JC_EMPTY;
}

static void flush_translations(struct cpu *cpu)
{
    pthread_mutex_lock(&tb_lock);
    tb_flush_all();
    pthread_mutex_unlock(&tb_lock);
    jc_clear(cpu);
}

static const struct { int sig; const char *name; } exc_signals[] = {
    [EXC_ILLEGAL]      = { SIGILL,  "SIGILL (illegal instruction)" },
    [EXC_BREAKPOINT]   = { SIGTRAP, "SIGTRAP (breakpoint)" },
    [EXC_SEGV_MAPERR]  = { SIGSEGV, "SIGSEGV (address not mapped)" },
    [EXC_SEGV_ACCERR]  = { SIGSEGV, "SIGSEGV (invalid permissions)" },
    [EXC_FETCH_MAPERR] = { SIGSEGV, "SIGSEGV (instruction fetch)" },
    [EXC_BUS]          = { SIGBUS,  "SIGBUS (bus error)" },
};

/* A guest exception with no guest handler: the guest dies of the matching signal, and so
 * does crossrun, so the parent sees the same status as on hardware. (Delivery to guest
 * handlers comes with signal support.) */
static NORETURN void guest_exception(struct cpu *cpu, enum guest_exc cause)
{
    int sig = SIGSEGV;
    const char *name = "SIGSEGV";
    if (cause < ARRAY_SIZE(exc_signals) && exc_signals[cause].sig) {
        sig = exc_signals[cause].sig;
        name = exc_signals[cause].name;
    }
    fflush(stdout);
    if (sig == SIGSEGV || sig == SIGBUS)
        warn("guest %s killed by %s at pc %#" PRIx64 ", address %#" PRIx64, cpu->target->name,
             name, cpu->pc, cpu->fault_addr);
    else
        warn("guest %s killed by %s at pc %#" PRIx64, cpu->target->name, name, cpu->pc);
    if (log_enabled(LOG_CPU) || log_enabled(LOG_GUEST_ERRORS))
        cpu->target->dump_regs(cpu, log_file ? log_file : stderr);
    fflush(NULL);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);   /* the emulator's core is of no use to the guest */
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

void cpu_loop(struct cpu *cpu)
{
    struct fault_recover rec;
    fault_recover_point = &rec;
    if (sigsetjmp(rec.jb, 0)) {
        /* A C access to guest memory faulted; the CPU state is exact (see fault.c). */
        fault_recover_point = &rec;
        cpu->fault_addr = rec.addr;
        guest_exception(cpu, rec.cause);
    }
    bool no_chain = log_enabled(LOG_EXEC) || log_enabled(LOG_CPU);
    struct tb *tb = tb_get(cpu, cpu->pc);
    for (;;) {
        if (unlikely(log_enabled(LOG_EXEC)))
            log_printf("Trace: %#" PRIx64 " [%u insns]\n", tb->pc, tb->ninsns);
        if (unlikely(log_enabled(LOG_CPU)))
            cpu->target->dump_regs(cpu, log_file ? log_file : stderr);
        unsigned reason = tb->code ? x86_enter(cpu, tb->code) : interp_run(cpu, tb->ir);
        switch ((enum exit_reason)reason) {
        case EXIT_CHAIN: {
            struct tb *from = cpu->exit_tb;
            unsigned slot = cpu->exit_slot;
            uint64_t gen = tb_flush_count;
            tb = tb_get(cpu, cpu->pc);
            if (tb->code && !no_chain && gen == tb_flush_count && from) {
                pthread_mutex_lock(&tb_lock);
                if (gen == tb_flush_count)
                    x86_patch_jump(from, slot, tb->code);
                pthread_mutex_unlock(&tb_lock);
                dbt_stats.chain_patches++;
            }
            continue;
        }
        case EXIT_INDIRECT:
            dbt_stats.indirect_misses++;
            tb = tb_get(cpu, cpu->pc);
            if (tb->code && !no_chain) {
                struct jc_entry *e = &cpu->jc[jc_hash(cpu->pc)];
                e->host = tb->code;
                e->guest_pc = cpu->pc;
            }
            continue;
        case EXIT_SYSCALL:
            dbt_stats.syscalls++;
            cpu->target->syscall(cpu);
            break;
        case EXIT_EXCEPTION:
            guest_exception(cpu, (enum guest_exc)cpu->exit_arg);
        case EXIT_FLUSH:
            flush_translations(cpu);
            break;
        case EXIT_INTERRUPT:
            cpu->interrupt_request = 0;
            break;
        default:
            panic("translated code returned unknown exit reason %u", reason);
        }
        tb = tb_get(cpu, cpu->pc);
    }
}

/* Called when guest code is modified through the syscall layer (riscv_flush_icache) or
 * unmapped: the simple, always-correct policy is a full flush at the next block boundary. */
static __thread struct cpu *current_cpu;
void dispatch_set_current(struct cpu *cpu) { current_cpu = cpu; }
void dispatch_request_flush(void)
{
    if (current_cpu) {
        pthread_mutex_lock(&tb_lock);
        tb_flush_all();
        pthread_mutex_unlock(&tb_lock);
        jc_clear(current_cpu);
    }
}

void dbt_print_stats(void)
{
    log_printf("crossrun stats: blocks translated %" PRIu64 ", guest insns translated %" PRIu64
               ", code cache bytes %zu, chain patches %" PRIu64 ", indirect misses %" PRIu64
               ", syscalls %" PRIu64 ", flushes %" PRIu64 ", translation time %.3f ms\n",
               dbt_stats.blocks_translated, dbt_stats.insns_translated, code_cache_used(),
               dbt_stats.chain_patches, dbt_stats.indirect_misses, dbt_stats.syscalls,
               dbt_stats.flushes, dbt_stats.translate_ns / 1e6);
}
