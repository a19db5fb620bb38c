/*
 * exec.h - the execution model shared by the dispatcher, the IR interpreter and the
 * x86-64 backend: the generic CPU state header, why translated code returns (enum
 * exit_reason), translation blocks, the per-thread indirect-jump cache, the code cache
 * and the backend's entry points.
 *
 * Every target's CPU state struct embeds struct cpu as its first member, so a struct cpu *
 * is also a pointer to the target state and IR globals are byte offsets from it.
 */
#ifndef CROSSRUN_EXEC_H
#define CROSSRUN_EXEC_H

#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include "../common.h"
#include "ir.h"

struct target;
struct tb;

enum exit_reason {
    EXIT_CHAIN = 1,   /* a direct exit not yet chained: cpu->pc is the target; cpu->exit_tb and
                         cpu->exit_slot name the jump the dispatcher may patch */
    EXIT_INDIRECT,    /* an indirect jump missed the jump cache: cpu->pc is the target */
    EXIT_SYSCALL,     /* cpu->pc is the PC of the syscall instruction */
    EXIT_EXCEPTION,   /* guest exception at cpu->pc: cause in cpu->exit_arg (enum guest_exc),
                         faulting address in cpu->fault_addr */
    EXIT_FLUSH,       /* the guest asked to flush translations (fence.i): continue at cpu->pc */
    EXIT_INTERRUPT,   /* cpu->interrupt_request was set: continue at cpu->pc after handling */
};

enum guest_exc {
    EXC_ILLEGAL = 1,      /* illegal or unsupported instruction: SIGILL */
    EXC_BREAKPOINT,       /* ebreak / brk: SIGTRAP */
    EXC_SEGV_MAPERR,      /* access to an unmapped guest address: SIGSEGV */
    EXC_SEGV_ACCERR,      /* access forbidden by protection: SIGSEGV */
    EXC_FETCH_MAPERR,     /* instruction fetch from unmapped or non-executable memory */
    EXC_BUS,              /* misaligned atomic etc: SIGBUS, BUS_ADRALN */
    EXC_BUS_ADRERR,       /* access to a file mapping past the end of the file: SIGBUS, BUS_ADRERR */
};

/* What one CPU ran, counted only under -d stats except indirect_misses, which the run loop
 * counts always (it is off the fast path). Translated code counts with plain adds on its own
 * CPU, so no count is shared between threads. */
struct exec_counts {
    uint64_t tbs;                   /* block executions, however entered */
    uint64_t insns;                 /* guest instructions in them (whole blocks) */
    uint64_t indirect;              /* indirect jumps taken by translated code */
    uint64_t indirect_misses;       /* ... of which missed the jump cache (run loop) */
    uint64_t dispatched;            /* blocks entered from the run loop */
    uint64_t syscalls;
    uint64_t syscall_ns;            /* time in syscall handlers */
};

struct jc_entry {           /* one slot of the indirect-jump cache */
    uint64_t guest_pc;      /* JC_EMPTY when free */
    const uint8_t *host;    /* host code of the TB for guest_pc */
};
#define JC_BITS  12
#define JC_SIZE  (1u << JC_BITS)
#define JC_EMPTY (~(uint64_t)0)
/* The hash translated code and C both use: guest PCs are at least 2-byte aligned. */
static inline uint32_t jc_hash(uint64_t pc) { return (uint32_t)(pc >> 1) & (JC_SIZE - 1); }

struct cpu {
    uint64_t pc;                    /* guest PC of the next instruction to run */
    uint64_t exit_arg;              /* see enum exit_reason */
    uint64_t fault_addr;            /* guest address of the last faulting access */
    struct tb *exit_tb;             /* EXIT_CHAIN: the TB that exited ... */
    uint32_t exit_slot;             /* ... and which of its chainable exits (0 or 1) */
    volatile uint32_t interrupt_request; /* non-zero: leave translated code at the next block */
    struct jc_entry *jc;            /* this thread's indirect-jump cache, JC_SIZE entries */
    const struct target *target;
    struct exec_counts counts;      /* what this CPU ran: see struct exec_counts */
    /* The guest's FP environment for the IR's floating-point ops (IR.md "Floating point"):
     * rounding mode and accrued flags in the layout of the x86 MXCSR (FP_ENV_*). While
     * translated code runs, the host MXCSR holds it and this copy is stale; it is exact
     * whenever C code runs (dispatcher, helpers, syscalls). 0 reads as FP_ENV_DEFAULT. */
    uint32_t fp_env;
    /* Non-zero: the guest's dynamic rounding mode is one fp_env cannot express (RISC-V
     * RMM): FP ops that carry a fallback helper must call it instead. */
    uint8_t fp_fallback;
};

/* fp_env layout (the x86 MXCSR's, with every exception masked and no FTZ/DAZ). */
enum {
    FP_ENV_INVALID   = 1u << 0,     /* accrued flags: sticky until the target clears them */
    FP_ENV_DENORMAL  = 1u << 1,     /* a denormal operand was seen: unspecified, ignore it */
    FP_ENV_DIVZERO   = 1u << 2,
    FP_ENV_OVERFLOW  = 1u << 3,
    FP_ENV_UNDERFLOW = 1u << 4,     /* tiny after rounding and inexact */
    FP_ENV_INEXACT   = 1u << 5,
    FP_ENV_FLAGS     = 0x3fu,
    FP_ENV_MASKS     = 0x1f80u,     /* all six exceptions masked: always set */
    FP_ENV_RC_SHIFT  = 13,          /* rounding control, 2 bits: */
    FP_ENV_RC_MASK   = 3u << 13,
    FP_ENV_RC_NEAREST = 0,          /* to nearest, ties to even */
    FP_ENV_RC_DOWN    = 1,          /* toward -infinity */
    FP_ENV_RC_UP      = 2,          /* toward +infinity */
    FP_ENV_RC_ZERO    = 3,          /* toward zero */
    FP_ENV_DEFAULT   = FP_ENV_MASKS,
};
/* fp_env with a zero (never initialised) image read as the default. */
static inline uint32_t fp_env_of(const struct cpu *cpu)
{
    return cpu->fp_env ? cpu->fp_env : FP_ENV_DEFAULT;
}

/* A translation block: the host code (or IR, for the interpreter) of one guest block. */
struct tb_memop {                   /* a host instruction that accesses guest memory */
    uint32_t host_off;              /* offset of that instruction in the TB's code */
    uint32_t stub_off;              /* offset of its cold fault stub */
};

struct tb {
    uint64_t pc;                    /* guest PC of the first instruction */
    uint32_t guest_size;            /* bytes of guest code */
    uint32_t ninsns;
    const uint8_t *code;            /* host code (executable view), NULL for the interpreter */
    uint32_t code_size;
    uint32_t jmp_off[2];            /* offset of the rel32 of each chainable exit, or TB_NO_JMP */
    uint32_t jmp_stub[2];           /* offset of the exit stub an unchained exit jumps to */
    uint64_t jmp_pc[2];             /* guest target of each chainable exit */
    struct tb_memop *memops;        /* sorted by host_off */
    uint32_t nmemops;
    struct ir_block *ir;            /* kept for --engine=interp, NULL otherwise */
    struct tb *hash_next;           /* TB hash chain */
    /* Range invalidation (tbcache.c), all under tb_lock. A "link" names one (TB, index)
     * pair as the TB's address with the index (0 or 1) in bit 0; 0 ends a list. */
    uintptr_t page_next[2];         /* page index: next link in the bucket of this TB's first
                                       (0) and, if it spans two guest pages, last (1) page */
    struct tb *jmp_dest[2];         /* the TB chainable exit i is patched to, or NULL */
    uintptr_t jmp_in_next[2];       /* next link in jmp_dest[i]'s list of incoming jumps */
    uintptr_t jmp_in;               /* first link of the chained exits that enter this TB */
    uint8_t state;                  /* enum tb_state */
};
#define TB_NO_JMP UINT32_MAX

enum tb_state {
    TB_NEW = 0,                     /* allocated, not (yet) in the lookup hash */
    TB_LIVE,                        /* in the lookup hash and the page index */
    TB_INVALID,                     /* dropped by tb_invalidate_range: never entered again;
                                       its memory stays until the next full flush */
};

/* ---- code cache (codecache.c): one memfd mapped twice, W^X: never writable and
 * executable through the same address. */
int  code_cache_init(size_t size);
/* Reserves n bytes; returns the writable view and sets *exec to the executable view of the
 * same bytes, or NULL when the cache is full (the caller flushes and retries). */
uint8_t *code_cache_alloc(size_t n, const uint8_t **exec);
/* Gives back the unused tail of the last allocation. */
void code_cache_shrink_last(size_t used);
void code_cache_reset(void);
/* Marks everything allocated so far (the backend's shared prologue and stubs) as permanent:
 * a flush resets the cache to this point, not to zero. */
void code_cache_keep_prefix(void);
void code_cache_reset_to_prefix(void);
bool code_cache_contains(uintptr_t host_pc);
/* Writable alias of an executable address. */
uint8_t *code_cache_rw(const uint8_t *exec);
size_t code_cache_used(void);
/* In a forked child: replaces the (shared) memfd behind both views with a private one at the
 * same addresses holding only the permanent prefix; every TB must then be dropped
 * (dispatch_request_flush). 0 or -errno. */
int code_cache_unshare(void);

/* ---- TB cache (tbcache.c) */
struct tb *tb_lookup(uint64_t pc);
struct tb *tb_alloc(void);
void tb_insert(struct tb *tb);
void tb_flush_all(void);               /* drops every TB and resets the code cache */
struct tb *tb_find_by_host_pc(uintptr_t host_pc);
/* Patches chainable exit `slot` of `from` to enter `to` and records the edge in to's list of
 * incoming jumps, so invalidating `to` unchains it. No-op if either TB was invalidated.
 * Under tb_lock. */
void tb_chain(struct tb *from, unsigned slot, struct tb *to);
/* True if a live TB holds guest bytes in [start, end). Under tb_lock. */
bool tb_range_translated(uint64_t start, uint64_t end);
/* Makes every live TB whose guest bytes [pc, pc + guest_size) overlap [start, end)
 * unreachable: out of the lookup hash and the page index, every chained jump into it
 * unchained; calls dropped(tb, arg) for each (the caller clears jump caches) and returns
 * how many. Under tb_lock, with no thread running translated code (exclusive section). */
unsigned tb_invalidate_range(uint64_t start, uint64_t end,
                             void (*dropped)(const struct tb *tb, void *arg), void *arg);

/* ---- x86-64 backend (backend_x86.c) */
/* Emits the shared prologue/epilogue and exit stubs; called once after code_cache_init. */
void x86_backend_init(void);
/* Generates host code for ir into the code cache and fills tb->code, code_size, jmp_off,
 * jmp_stub, jmp_pc, memops. Returns 0, or -1 if the code cache is full. */
int x86_gen_tb(const struct ir_block *ir, struct tb *tb);
/* Points chainable exit `slot` of tb at host code `target` (atomic 4-byte write). */
void x86_patch_jump(struct tb *tb, unsigned slot, const uint8_t *target);
/* Runs translated code from `code` until it exits; returns the enum exit_reason. */
unsigned x86_enter(struct cpu *cpu, const uint8_t *code);
/* Called by the SIGSEGV handler for a fault at host_pc inside tb's code: if host_pc is a
 * guest memory access, stores guest_addr in cpu->fault_addr, redirects the context to that
 * access's fault stub (which writes back guest registers, sets the exact guest PC and
 * exits with EXIT_EXCEPTION) and returns true. */
bool x86_fault_redirect(ucontext_t *uc, struct tb *tb, uintptr_t host_pc, uint64_t guest_addr,
                        enum guest_exc cause);
/* Disassembles host code with capstone for -d out_asm. */
void x86_disas(FILE *out, const uint8_t *code, size_t size);

/* ---- IR interpreter (interp.c): the reference semantics. Runs one block and returns
 * the exit reason; chainable exits return EXIT_CHAIN with cpu->pc set. */
unsigned interp_run(struct cpu *cpu, const struct ir_block *b);

/* ---- fault recovery for C code that touches guest memory (fault.c).
 * C code (the interpreter, helpers, syscall copies) brackets guest accesses with a recovery
 * point; the SIGSEGV handler jumps back to it with the fault's guest address and cause. */
struct fault_recover {
    sigjmp_buf jb;
    uint64_t addr;                  /* guest address that faulted */
    enum guest_exc cause;
};
extern __thread struct fault_recover *fault_recover_point;

/* A guest page whose code could not be read while translating, although its protection
 * allows execution (a file mapping past the end of its file: SIGBUS; a page another thread
 * unmapped meanwhile): the dispatcher catches the fault, records the page here and
 * translates again; front ends treat the page as unfetchable and raise `cause` (a fetch
 * fault, or EXC_BUS_ADRERR) when the guest reaches it. Per thread; `valid` is cleared when
 * a translation starts. */
struct fetch_fault {
    bool valid;
    uint64_t page;                  /* guest address of the page (GUEST_PAGE_SIZE aligned) */
    enum guest_exc cause;           /* EXC_FETCH_MAPERR or EXC_BUS_ADRERR */
};
extern __thread struct fetch_fault translate_fetch_fault;
/* Raises a guest fault from C code (a helper, the interpreter): jumps to the innermost
 * recovery point. The dispatcher keeps one around all guest execution, so a helper called
 * from translated code may use it: such helpers are full-sync (no IR_HELPER_NO_GLOBALS), so
 * the CPU state is exact when they run. */
NORETURN void fault_raise(uint64_t guest_addr, enum guest_exc cause);
/* Installs the SIGSEGV/SIGBUS handler (and this thread's alternate signal stack). */
void fault_init(void);
/* Gives a new guest thread its alternate signal stack; fault_thread_exit frees it. */
void fault_thread_init(void);
void fault_thread_exit(void);
/* SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP that were sent (kill, tgkill: si_code <= 0) rather
 * than caused by a fault are passed here (set by the signal layer; NULL: ignored). */
extern void (*fault_forward_signal)(int sig, siginfo_t *si, void *ctx);

/* ---- dispatcher (dispatch.c) */
enum engine { ENGINE_JIT, ENGINE_INTERP };
extern enum engine exec_engine;
/* Runs the guest on this thread until it exits the process (never returns). */
NORETURN void cpu_loop(struct cpu *cpu);
/* Translates (or finds) the TB for pc. */
struct tb *tb_get(struct cpu *cpu, uint64_t pc);

/* Drops every translation (self-modifying code, riscv_flush_icache); safe from a syscall.
 * With several guest threads it is an exclusive section: every other thread leaves
 * translated code (interrupt_request) and waits until the flush is over. */
void dispatch_request_flush(void);
/* Drops the translations of guest bytes in [start, end) only (riscv_flush_icache with a range,
 * munmap, mprotect without PROT_EXEC); safe from a syscall. An exclusive section like
 * dispatch_request_flush, skipped when no translation overlaps the range. */
void dispatch_invalidate_range(uint64_t start, uint64_t end);
/* Tells the dispatcher which CPU runs on this thread. */
void dispatch_set_current(struct cpu *cpu);
/* The CPU of the guest thread on this host thread, NULL if none (async-signal-safe). */
struct cpu *dispatch_current(void);
/* A guest thread ends (thread.c): its CPU leaves the set the exclusive section waits for. */
void dispatch_thread_exit(struct cpu *cpu);
/* Names a TB's host code in /tmp/perf-PID.map (-d perfmap); perfmap_flush at exit. */
void perfmap_add(const struct tb *tb);
void perfmap_flush(void);
/* Prints dbt_stats to the log (-d stats). */
void dbt_print_stats(void);

struct dbt_stats {                  /* translation side, updated under tb_lock */
    uint64_t blocks_translated, insns_translated;
    uint64_t chain_patches, flushes;
    uint64_t translate_ns;
    uint64_t invalidations;         /* range invalidations asked for */
    uint64_t tbs_invalidated;       /* TBs they dropped */
};
extern struct dbt_stats dbt_stats;

#endif
