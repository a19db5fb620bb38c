/*
 * dispatch.c - the run loop: find or translate the TB for the guest PC, run it (host code
 * or the IR interpreter), and act on why it returned (enum exit_reason). Direct exits are
 * chained by patching the exiting TB's jump; indirect-jump misses fill the per-thread jump
 * cache that translated code probes inline. Guest signals are delivered here, at block
 * boundaries: after every syscall and on EXIT_INTERRUPT (signal_deliver_pending), and
 * guest faults go to the guest's handler when it has one (signal_deliver_fault).
 *
 * Threads: each guest thread runs cpu_loop on its own CPU. TB lookups are lock-free (hash
 * heads published with release stores); translation and chaining patches happen under
 * tb_lock. A full flush (fence.i, a full code cache, a forked child) must not free code
 * another thread is running, and a range invalidation (riscv_flush_icache with a range,
 * munmap/mprotect of code: dispatch_invalidate_range) must not unchain jumps or clear jump
 * caches under a running thread, so both are an exclusive section:
 * each thread is "running" from before it looks up a TB until it leaves translated code for
 * a syscall, an exception, a flush or an interrupt (exec_start/exec_end, a flag and a fence
 * on the fast path). The flusher sets excl_pending, sets interrupt_request on every running
 * CPU (translated code checks it at each TB entry, the interpreter path before each block),
 * waits until none is running, flushes and clears every jump cache (or, for a range,
 * drops the overlapping TBs and clears only their jump-cache entries) and lets them go;
 * threads in syscalls count as outside and wait in exec_start until the flush is over.
 *
 * Invariants: translation happens under tb_lock; a TB pointer is only used for chaining if
 * no flush happened since it was obtained (tb_flush_count) and it was not invalidated
 * meanwhile (tb_chain checks; a TB is only invalidated while no thread is running, and its
 * memory stays until the next full flush); every C access to guest memory
 * during guest execution is covered by this loop's fault recovery point. In a forked child
 * only the forking thread exists: the atfork handlers (and a pid check, for children made
 * by a raw clone) reset the thread set and the locks.
 */
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "exec.h"
#include "../log.h"
#include "../loader/guest_mem.h"
#include "../syscalls/syscall.h"
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

/* Translates the block at pc and inserts it; NULL when the TB table or the code cache is
 * full (the caller flushes, outside tb_lock, and retries). Called with tb_lock held. */
static __thread struct ir_block *scratch_block;    /* this thread's translation scratch */
__thread struct fetch_fault translate_fetch_fault;

/* Runs the front end with a recovery point of its own: a fault reading guest code must not
 * leave through cpu_loop's recovery point with tb_lock held. Returns false after a fault,
 * with translate_fetch_fault naming the page. */
static bool front_end(const struct target *t, struct ir_block *b, unsigned max)
{
    struct fault_recover rec, *outer = fault_recover_point;
    if (sigsetjmp(rec.jb, 0)) {     /* the handler uses SA_NODEFER: no mask to restore */
        fault_recover_point = outer;
        translate_fetch_fault = (struct fetch_fault){
            .valid = true, .page = rec.addr & ~(uint64_t)(GUEST_PAGE_SIZE - 1),
            .cause = rec.cause == EXC_BUS_ADRERR ? EXC_BUS_ADRERR : EXC_FETCH_MAPERR,
        };
        return false;
    }
    fault_recover_point = &rec;
    t->translate(b, max);
    fault_recover_point = outer;
    return true;
}

static struct tb *translate(struct cpu *cpu, uint64_t pc)
{
    const struct target *t = cpu->target;
    uint64_t t0 = log_enabled(LOG_STATS) ? now_ns() : 0;
    if (!scratch_block)
        scratch_block = ir_block_new();
    struct ir_block *b = scratch_block;
    unsigned max = MAX_BLOCK_INSNS;
    translate_fetch_fault.valid = false;
    for (unsigned faults = 0;;) {
        ir_init(b, t->globals, t->nglobals, pc);
        if (!front_end(t, b, max)) {
            /* The recorded page is unfetchable now. A block reads at most two pages, so
             * this settles in two tries; should pages keep vanishing under us, the block's
             * own page counts as gone and the block is one fetch fault (no read at all). */
            if (++faults > 2)
                translate_fetch_fault.page = pc & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
            continue;
        }
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
    if (!tb)
        return NULL;
    tb->pc = pc;
    tb->guest_size = b->guest_size;
    tb->ninsns = b->ninsns;
    if (exec_engine == ENGINE_INTERP)
        tb->ir = ir_block_clone(b);
    else if (x86_gen_tb(b, tb) < 0)
        return NULL;
    if (log_enabled(LOG_PERFMAP))
        perfmap_add(tb);
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

/* ---- the exclusive section */

struct vcpu {                       /* one guest thread, as the exclusive section sees it */
    struct cpu *cpu;
    int running;                    /* 1 inside the running region (atomic) */
    struct vcpu *next;
};

static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_cond = PTHREAD_COND_INITIALIZER;
static struct vcpu *vcpus;          /* every guest thread, under excl_lock */
static int excl_pending;            /* a flush is waiting or running (atomic) */
static pid_t excl_pid;              /* the process vcpus describes */
static __thread struct vcpu *self;
static __thread struct cpu *current_cpu;

void dispatch_set_current(struct cpu *cpu) { current_cpu = cpu; }
struct cpu *dispatch_current(void) { return current_cpu; }

static void exec_start(void)
{
    struct vcpu *v = self;
    __atomic_store_n(&v->running, 1, __ATOMIC_SEQ_CST);
    if (likely(!__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)))
        return;
    /* A flush is on: step back out and wait for it to end. */
    pthread_mutex_lock(&excl_lock);
    __atomic_store_n(&v->running, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&excl_cond);
    while (__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST))
        pthread_cond_wait(&excl_cond, &excl_lock);
    __atomic_store_n(&v->running, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&excl_lock);
}

static void exec_end(void)
{
    struct vcpu *v = self;
    __atomic_store_n(&v->running, 0, __ATOMIC_SEQ_CST);
    if (unlikely(__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST))) {
        pthread_mutex_lock(&excl_lock);
        pthread_cond_broadcast(&excl_cond);
        pthread_mutex_unlock(&excl_lock);
    }
}

/* This process has only this thread (a forked child): forget the others and any lock or
 * flush they held at the fork. */
static void excl_reset_child(void)
{
    pthread_mutex_init(&excl_lock, NULL);
    pthread_cond_init(&excl_cond, NULL);
    pthread_mutex_init(&tb_lock, NULL);
    excl_pending = 0;
    vcpus = self;               /* the others' records are leaked: their threads are gone */
    if (self) {
        self->next = NULL;
        self->running = 0;
    }
    excl_pid = getpid();
}

static void excl_atfork_prepare(void)
{
    pthread_mutex_lock(&excl_lock);
    while (excl_pending)
        pthread_cond_wait(&excl_cond, &excl_lock);
    pthread_mutex_lock(&tb_lock);       /* no translation or patch half done */
}

static void excl_atfork_parent(void)
{
    pthread_mutex_unlock(&tb_lock);
    pthread_mutex_unlock(&excl_lock);
}

static uint64_t start_ns;           /* when the first guest thread started (-d stats) */
static struct exec_counts exited_counts;    /* of guest threads that ended, under excl_lock */

static void excl_init_once(void)
{
    start_ns = now_ns();
    excl_pid = getpid();
    pthread_atfork(excl_atfork_prepare, excl_atfork_parent, excl_reset_child);
}

/* Every other guest thread out of translated code until end_exclusive; the caller is
 * outside the running region. */
static void start_exclusive(void)
{
    if (excl_pid != getpid())
        excl_reset_child();     /* a child made by a raw clone: no atfork handler ran */
    pthread_mutex_lock(&excl_lock);
    while (excl_pending)
        pthread_cond_wait(&excl_cond, &excl_lock);
    __atomic_store_n(&excl_pending, 1, __ATOMIC_SEQ_CST);
    for (;;) {
        bool busy = false;
        for (struct vcpu *v = vcpus; v; v = v->next) {
            if (v != self && __atomic_load_n(&v->running, __ATOMIC_SEQ_CST)) {
                v->cpu->interrupt_request = 1;
                busy = true;
            }
        }
        if (!busy)
            break;
        pthread_cond_wait(&excl_cond, &excl_lock);
    }
    pthread_mutex_unlock(&excl_lock);
}

static void end_exclusive(void)
{
    pthread_mutex_lock(&excl_lock);
    __atomic_store_n(&excl_pending, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&excl_cond);
    pthread_mutex_unlock(&excl_lock);
}

static void jc_clear(struct cpu *cpu)
{
    for (unsigned i = 0; i < JC_SIZE; i++)
        cpu->jc[i].guest_pc = JC_EMPTY;
}

/* Drops every translation; the caller is outside the running region. */
static void flush_translations(void)
{
    start_exclusive();
    pthread_mutex_lock(&tb_lock);
    tb_flush_all();
    pthread_mutex_unlock(&tb_lock);
    pthread_mutex_lock(&excl_lock);
    for (struct vcpu *v = vcpus; v; v = v->next)
        jc_clear(v->cpu);
    if (current_cpu && !self)
        jc_clear(current_cpu);  /* a CPU not running yet (start-up) */
    pthread_mutex_unlock(&excl_lock);
    end_exclusive();
}

static void vcpu_register(struct cpu *cpu)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, excl_init_once);
    struct vcpu *v = calloc(1, sizeof(*v));
    if (!v)
        fatal(EXIT_STATUS_INTERNAL, "out of memory for a guest thread");
    v->cpu = cpu;
    current_cpu = cpu;
    if (excl_pid != getpid())
        excl_reset_child();
    pthread_mutex_lock(&excl_lock);
    v->next = vcpus;
    vcpus = v;
    self = v;
    pthread_mutex_unlock(&excl_lock);
}

void dispatch_thread_exit(struct cpu *cpu)
{
    struct vcpu *v = self;
    if (!v)
        return;
    pthread_mutex_lock(&excl_lock);
    for (struct vcpu **p = &vcpus; *p; p = &(*p)->next) {
        if (*p == v) {
            *p = v->next;
            break;
        }
    }
    const uint64_t *from = (const uint64_t *)&cpu->counts;
    uint64_t *to = (uint64_t *)&exited_counts;
    for (size_t i = 0; i < sizeof(exited_counts) / sizeof(uint64_t); i++)
        to[i] += from[i];
    pthread_cond_broadcast(&excl_cond);
    pthread_mutex_unlock(&excl_lock);
    free(v);
    self = NULL;
    ir_block_free(scratch_block);
    scratch_block = NULL;
}

/* A full flush: fence.i, a forked child, riscv_flush_icache without a usable range. */
void dispatch_request_flush(void)
{
    if (current_cpu)
        flush_translations();
}

/* tb_invalidate_range's callback: every CPU's jump-cache entry for the dropped TB goes.
 * Called with excl_lock and tb_lock held, inside the exclusive section. */
static void jc_drop_tb(const struct tb *tb, void *arg)
{
    (void)arg;
    uint32_t h = jc_hash(tb->pc);
    for (struct vcpu *v = vcpus; v; v = v->next)
        if (v->cpu->jc && v->cpu->jc[h].guest_pc == tb->pc)
            v->cpu->jc[h].guest_pc = JC_EMPTY;
    if (current_cpu && !self && current_cpu->jc && current_cpu->jc[h].guest_pc == tb->pc)
        current_cpu->jc[h].guest_pc = JC_EMPTY;     /* a CPU not running yet (start-up) */
}

/* Drops only the translations of [start, end). When none overlaps the range (code just
 * written and not yet run: the common case for a JIT), no thread is stopped: translation
 * happens under tb_lock, so a block translated after this check reads the new bytes. */
void dispatch_invalidate_range(uint64_t start, uint64_t end)
{
    if (!current_cpu || end <= start)
        return;
    pthread_mutex_lock(&tb_lock);
    dbt_stats.invalidations++;
    bool translated = tb_range_translated(start, end);
    pthread_mutex_unlock(&tb_lock);
    if (!translated)
        return;
    start_exclusive();
    pthread_mutex_lock(&excl_lock);     /* for the vcpus list; excl_lock before tb_lock */
    pthread_mutex_lock(&tb_lock);
    tb_invalidate_range(start, end, jc_drop_tb, NULL);
    pthread_mutex_unlock(&tb_lock);
    pthread_mutex_unlock(&excl_lock);
    end_exclusive();
}

/* ---- finding TBs */

struct tb *tb_get(struct cpu *cpu, uint64_t pc)
{
    struct tb *tb = tb_lookup(pc);
    if (likely(tb))
        return tb;
    for (unsigned attempt = 0;; attempt++) {
        pthread_mutex_lock(&tb_lock);
        tb = tb_lookup(pc);
        if (!tb)
            tb = translate(cpu, pc);
        pthread_mutex_unlock(&tb_lock);
        if (tb)
            return tb;
        if (attempt > 0)
            fatal(EXIT_STATUS_INTERNAL, "code cache too small for the block at %#" PRIx64, pc);
        /* Full: flush, which needs this thread out of the running region meanwhile. */
        bool running = self && self->running;
        if (running)
            exec_end();
        flush_translations();
        if (running)
            exec_start();
    }
}

/* ---- guest faults */

static const struct {
    int sig, code;              /* guest signal and si_code */
    bool at_pc;                 /* si_addr is the PC (else cpu->fault_addr) */
    const char *name;
} exc_signals[] = {
    [EXC_ILLEGAL]      = { SIGILL,  1 /* ILL_ILLOPC */,  true,  "SIGILL (illegal instruction)" },
    [EXC_BREAKPOINT]   = { SIGTRAP, 1 /* TRAP_BRKPT */,  true,  "SIGTRAP (breakpoint)" },
    [EXC_SEGV_MAPERR]  = { SIGSEGV, 1 /* SEGV_MAPERR */, false, "SIGSEGV (address not mapped)" },
    [EXC_SEGV_ACCERR]  = { SIGSEGV, 2 /* SEGV_ACCERR */, false, "SIGSEGV (invalid permissions)" },
    [EXC_FETCH_MAPERR] = { SIGSEGV, 1 /* SEGV_MAPERR */, false, "SIGSEGV (instruction fetch)" },
    [EXC_BUS]          = { SIGBUS,  1 /* BUS_ADRALN */,  false, "SIGBUS (bus error)" },
    [EXC_BUS_ADRERR]   = { SIGBUS,  2 /* BUS_ADRERR */,  false, "SIGBUS (bus error)" },
};

/* A guest exception: the guest's handler runs next if it has one that may run now;
 * otherwise the guest dies of the matching signal, and so does crossrun, so the parent sees
 * the same status as on hardware. */
static void guest_exception(struct cpu *cpu, enum guest_exc cause)
{
    int sig = SIGSEGV, code = 1;
    bool at_pc = false;
    const char *name = "SIGSEGV";
    if (cause < ARRAY_SIZE(exc_signals) && exc_signals[cause].sig) {
        sig = exc_signals[cause].sig;
        code = exc_signals[cause].code;
        at_pc = exc_signals[cause].at_pc;
        name = exc_signals[cause].name;
    }
    uint64_t addr = at_pc ? cpu->pc : cpu->fault_addr;
    if (cause == EXC_FETCH_MAPERR && guest_page_mapped(addr))
        code = 2;               /* mapped but not executable: SEGV_ACCERR */
    /* Below a MAP_GROWSDOWN mapping the mapping grows, and the instruction runs again
     * (cpu->pc is still the faulting one and the state is as before it). */
    if (cause == EXC_SEGV_MAPERR && guest_mem_grow_down(cpu->fault_addr))
        return;
    if (signal_deliver_fault(cpu, sig, code, addr))
        return;
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
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

/* ---- the run loop */

/* Runs blocks, chaining them, until one exits for a reason the caller handles outside the
 * running region (syscall, exception, flush, interrupt). */
static unsigned run_blocks(struct cpu *cpu, bool no_chain)
{
    struct tb *tb = tb_get(cpu, cpu->pc);
    for (;;) {
        if (unlikely(cpu->interrupt_request))
            return EXIT_INTERRUPT;          /* cpu->pc is tb->pc: nothing of it ran */
        if (unlikely(log_enabled(LOG_EXEC)))
            log_printf("Trace: %#" PRIx64 " [%u insns]\n", tb->pc, tb->ninsns);
        if (unlikely(log_enabled(LOG_CPU)))
            cpu->target->dump_regs(cpu, log_file ? log_file : stderr);
        if (unlikely(log_enabled(LOG_STATS))) {
            cpu->counts.dispatched++;
            if (!tb->code) {            /* the interpreter: translated code counts itself */
                cpu->counts.tbs++;
                cpu->counts.insns += tb->ninsns;
            }
        }
        unsigned reason = tb->code ? x86_enter(cpu, tb->code) : interp_run(cpu, tb->ir);
        switch ((enum exit_reason)reason) {
        case EXIT_CHAIN: {
            struct tb *from = cpu->exit_tb;
            unsigned slot = cpu->exit_slot;
            uint64_t gen = tb_flush_count;
            tb = tb_get(cpu, cpu->pc);
            /* A fetch-fault block (guest_size 0) is never chained to or cached: the page
             * may become executable later, and gaining PROT_EXEC invalidates nothing. */
            if (tb->code && tb->guest_size && !no_chain && gen == tb_flush_count && from) {
                pthread_mutex_lock(&tb_lock);
                if (gen == tb_flush_count)
                    tb_chain(from, slot, tb);   /* recorded, so invalidating tb unchains it */
                pthread_mutex_unlock(&tb_lock);
            }
            continue;
        }
        case EXIT_INDIRECT:
            cpu->counts.indirect_misses++;
            if (!tb->code)
                cpu->counts.indirect++;     /* the interpreter: no inline count */
            tb = tb_get(cpu, cpu->pc);
            if (tb->code && tb->guest_size && !no_chain) {
                struct jc_entry *e = &cpu->jc[jc_hash(cpu->pc)];
                e->host = tb->code;
                e->guest_pc = cpu->pc;
            }
            continue;
        case EXIT_SYSCALL:
        case EXIT_EXCEPTION:
        case EXIT_FLUSH:
        case EXIT_INTERRUPT:
            return reason;
        default:
            panic("translated code returned unknown exit reason %u", reason);
        }
    }
}

void cpu_loop(struct cpu *cpu)
{
    struct fault_recover rec;
    vcpu_register(cpu);
    fault_recover_point = &rec;
    if (sigsetjmp(rec.jb, 0)) {
        /* A C access to guest memory faulted; the CPU state is exact (see fault.c). */
        fault_recover_point = &rec;
        if (self->running)
            exec_end();
        cpu->fault_addr = rec.addr;
        guest_exception(cpu, rec.cause);
        signal_deliver_pending(cpu);
    }
    bool no_chain = log_enabled(LOG_EXEC) || log_enabled(LOG_CPU);
    for (;;) {
        exec_start();
        unsigned reason = run_blocks(cpu, no_chain);
        exec_end();
        switch ((enum exit_reason)reason) {
        case EXIT_SYSCALL:
            if (unlikely(log_enabled(LOG_STATS))) {
                uint64_t t0 = now_ns();
                cpu->counts.syscalls++;
                cpu->target->syscall(cpu);
                cpu->counts.syscall_ns += now_ns() - t0;
            } else {
                cpu->target->syscall(cpu);
            }
            break;
        case EXIT_EXCEPTION:
            guest_exception(cpu, (enum guest_exc)cpu->exit_arg);
            break;
        case EXIT_FLUSH:
            flush_translations();
            break;
        case EXIT_INTERRUPT:
        default:
            /* Cleared before looking for signals, so none recorded from here on is lost. */
            cpu->interrupt_request = 0;
            break;
        }
        signal_deliver_pending(cpu);
    }
}

static double pct(uint64_t part, uint64_t whole) { return whole ? 100.0 * part / whole : 0; }

/* One line of "name value[ unit]" pairs (scripts/bench.sh turns them into JSON keys). Counts
 * of other threads still running are read without stopping them: close enough at exit. The
 * time split adds up for one thread; with several, translation and syscall times are sums
 * over threads. */
void dbt_print_stats(void)
{
    struct exec_counts c = exited_counts;
    for (struct vcpu *v = vcpus; v; v = v->next) {
        const uint64_t *from = (const uint64_t *)&v->cpu->counts;
        uint64_t *to = (uint64_t *)&c;
        for (size_t i = 0; i < sizeof(c) / sizeof(uint64_t); i++)
            to[i] += __atomic_load_n(&from[i], __ATOMIC_RELAXED);
    }
    uint64_t jc_hits = c.indirect - c.indirect_misses;
    /* Every block entry is through the run loop, a jump-cache hit or a chained jump. */
    uint64_t chained = c.tbs - c.dispatched - jc_hits;
    if (c.tbs < c.dispatched + jc_hits)
        chained = 0;    /* a thread's counts read mid-update */
    uint64_t wall = start_ns ? now_ns() - start_ns : 0;
    uint64_t code_ns = wall - dbt_stats.translate_ns - c.syscall_ns;
    if (wall < dbt_stats.translate_ns + c.syscall_ns)
        code_ns = 0;
    log_printf("crossrun stats: blocks translated %" PRIu64 ", guest insns translated %" PRIu64
               ", code cache bytes %zu, flushes %" PRIu64 ", invalidations %" PRIu64
               ", tbs invalidated %" PRIu64 ", chain patches %" PRIu64
               ", blocks run %" PRIu64 ", guest insns run %" PRIu64
               ", entries chained %.1f%%, entries jump cache %.1f%%, entries run loop %.1f%%"
               ", indirect jumps %" PRIu64 ", jump cache hit rate %.1f%%, syscalls %" PRIu64
               ", wall time %.3f ms, translation time %.3f ms, syscall time %.3f ms"
               ", code and run loop time %.3f ms\n",
               dbt_stats.blocks_translated, dbt_stats.insns_translated, code_cache_used(),
               dbt_stats.flushes, dbt_stats.invalidations, dbt_stats.tbs_invalidated,
               dbt_stats.chain_patches, c.tbs, c.insns,
               pct(chained, c.tbs), pct(jc_hits, c.tbs), pct(c.dispatched, c.tbs),
               c.indirect, pct(jc_hits, c.indirect), c.syscalls, wall / 1e6,
               dbt_stats.translate_ns / 1e6, c.syscall_ns / 1e6, code_ns / 1e6);
}
