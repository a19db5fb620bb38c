/*
 * main.c - crossrun's command line: `crossrun [OPTIONS] PROGRAM [ARGS...]` runs a foreign
 * Linux program; the guest ISA comes from its ELF header. Options keep QEMU's names and
 * QEMU_* environment variables (the command line wins over the environment), so scripts
 * written for qemu-user work unchanged.
 *
 * Exit status: the guest's own (death by a signal is passed on as death by that signal);
 * 2 for a bad command line; 126 when the program cannot be run; 127 when it is not found.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "binfmt.h"
#include "common.h"
#include "log.h"
#include "loader/guest_mem.h"
#include "loader/loader.h"
#include "syscalls/syscall.h"
#include "targets/target.h"
#include "translate/exec.h"

#define CROSSRUN_VERSION "0.1.0"
#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1   /* linux/binfmts.h, Linux 5.12 */
#endif
#define CODE_CACHE_SIZE (256u << 20)

extern char **environ;

struct options {
    const char *sysroot;        /* -L / QEMU_LD_PREFIX */
    const char *argv0;          /* -0 / QEMU_ARGV0 */
    const char *cpu_model;      /* -cpu / QEMU_CPU */
    const char *log_items;      /* -d / QEMU_LOG */
    const char *log_filename;   /* -D / QEMU_LOG_FILENAME */
    bool strace;                /* -strace / QEMU_STRACE */
    char **env;                 /* guest environment being built */
    size_t nenv, cap_env;
};

static void usage(FILE *out)
{
    fprintf(out,
"usage: crossrun [OPTIONS] PROGRAM [ARGS...]\n"
"Runs a Linux program built for another CPU (riscv64) on this x86_64 host.\n"
"\n"
"Options (QEMU's names; the QEMU_* variable gives the same setting):\n"
"  -L PATH          guest sysroot for the dynamic linker and its libraries  QEMU_LD_PREFIX\n"
"  -E VAR=VALUE     set a variable in the guest environment                 QEMU_SET_ENV (comma-separated)\n"
"  -U VAR           remove a variable from the guest environment            QEMU_UNSET_ENV (comma-separated)\n"
"  -0 ARGV0         pass ARGV0 to the guest as argv[0]                      QEMU_ARGV0\n"
"  -cpu MODEL       guest CPU model (-cpu help lists them)                  QEMU_CPU\n"
"  -strace          log every system call and its result                    QEMU_STRACE\n"
"  -d ITEMS         debug log items, comma-separated (-d help lists them)   QEMU_LOG\n"
"  -D FILE          write the debug log to FILE instead of stderr           QEMU_LOG_FILENAME\n"
"  -perfmap         write /tmp/perf-PID.map so perf can name translated code\n"
"  --engine=E       jit (default: x86-64 translation) or interp (IR interpreter)  CROSSRUN_ENGINE\n"
"  -h, --help       show this help\n"
"  --version        show the version\n"
"\n"
"\n"
"crossrun binfmt install|uninstall|status registers crossrun with binfmt_misc, so that\n"
"foreign programs run directly (crossrun binfmt --help). Started that way, crossrun takes\n"
"no options from the command line: use the variables above.\n"
"\n"
"Exit status: the guest program's; 2 bad command line; 126 cannot execute; 127 not found.\n");
}

static NORETURN void bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "crossrun: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try 'crossrun --help')\n");
    exit(EXIT_STATUS_USAGE);
}

static void env_set(struct options *o, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        bad_usage("-E: '%s' is not VAR=VALUE", assignment);
    size_t klen = (size_t)(eq - assignment);
    for (size_t i = 0; i < o->nenv; i++)
        if (strncmp(o->env[i], assignment, klen) == 0 && o->env[i][klen] == '=') {
            o->env[i] = (char *)assignment;
            return;
        }
    if (o->nenv + 1 >= o->cap_env) {
        o->cap_env = o->cap_env ? o->cap_env * 2 : 64;
        o->env = realloc(o->env, o->cap_env * sizeof(*o->env));
        if (!o->env)
            fatal(EXIT_STATUS_INTERNAL, "out of memory");
    }
    o->env[o->nenv++] = (char *)assignment;
    o->env[o->nenv] = NULL;
}

static void env_unset(struct options *o, const char *name)
{
    size_t klen = strlen(name);
    for (size_t i = 0; i < o->nenv; i++)
        if (strncmp(o->env[i], name, klen) == 0 && o->env[i][klen] == '=') {
            memmove(&o->env[i], &o->env[i + 1], (o->nenv - i) * sizeof(*o->env));
            o->nenv--;
            return;
        }
}

/* Applies each item of a comma-separated list (QEMU_SET_ENV / QEMU_UNSET_ENV). */
static void env_list(struct options *o, const char *list, void (*fn)(struct options *, const char *))
{
    char *copy = strdup(list);
    for (char *save, *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save))
        fn(o, item);
}

static void set_engine(const char *name)
{
    if (strcmp(name, "jit") == 0)
        exec_engine = ENGINE_JIT;
    else if (strcmp(name, "interp") == 0)
        exec_engine = ENGINE_INTERP;
    else
        bad_usage("unknown engine '%s' (jit or interp)", name);
}

static void list_cpu_models(void)
{
    for (const struct target *const *t = targets; *t; t++) {
        printf("%s:", (*t)->name);
        for (const char *const *m = (*t)->cpu_models; m && *m; m++)
            printf(" %s", *m);
        printf("\n");
    }
}

/* The QEMU_* variables (and CROSSRUN_ENGINE): the same settings as the options. */
static void options_from_environment(struct options *o)
{
    const char *v;
    if ((v = getenv("QEMU_LD_PREFIX")) && *v) o->sysroot = v;
    if ((v = getenv("QEMU_ARGV0")) && *v) o->argv0 = v;
    if ((v = getenv("QEMU_CPU")) && *v) o->cpu_model = v;
    if ((v = getenv("QEMU_LOG")) && *v) o->log_items = v;
    if ((v = getenv("QEMU_LOG_FILENAME")) && *v) o->log_filename = v;
    if (getenv("QEMU_STRACE")) o->strace = true;
    if ((v = getenv("QEMU_SET_ENV")) && *v) env_list(o, v, env_set);
    if ((v = getenv("QEMU_UNSET_ENV")) && *v) env_list(o, v, env_unset);
    if ((v = getenv("CROSSRUN_ENGINE")) && *v) set_engine(v);
}

/* Parses options up to the program name; returns the index of PROGRAM in argv. */
static int parse_options(int argc, char **argv, struct options *o)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        /* QEMU accepts both -opt and --opt. */
        const char *name = a[1] == '-' ? a + 2 : a + 1;
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_arg = true;
        if (strcmp(name, "h") == 0 || strcmp(name, "help") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(name, "version") == 0) {
            printf("crossrun version " CROSSRUN_VERSION "\nguests:");
            for (const struct target *const *t = targets; *t; t++)
                printf(" %s", (*t)->name);
            printf("\n");
            exit(0);
        } else if (strcmp(name, "strace") == 0) {
            o->strace = true;
            takes_arg = false;
        } else if (strcmp(name, "perfmap") == 0) {
            log_mask |= LOG_PERFMAP;
            takes_arg = false;
        } else if (strncmp(name, "engine=", 7) == 0) {
            set_engine(name + 7);
            takes_arg = false;
        } else if (strcmp(name, "engine") == 0 || strcmp(name, "L") == 0 || strcmp(name, "E") == 0 ||
                   strcmp(name, "U") == 0 || strcmp(name, "0") == 0 || strcmp(name, "cpu") == 0 ||
                   strcmp(name, "d") == 0 || strcmp(name, "D") == 0) {
            if (!val)
                bad_usage("option '%s' needs an argument", a);
            if (strcmp(name, "engine") == 0) set_engine(val);
            else if (strcmp(name, "L") == 0) o->sysroot = val;
            else if (strcmp(name, "E") == 0) env_set(o, val);
            else if (strcmp(name, "U") == 0) env_unset(o, val);
            else if (strcmp(name, "0") == 0) o->argv0 = val;
            else if (strcmp(name, "cpu") == 0) o->cpu_model = val;
            else if (strcmp(name, "d") == 0) o->log_items = val;
            else o->log_filename = val;
        } else {
            bad_usage("unknown option '%s'", a);
        }
        i += takes_arg ? 2 : 1;
    }
    return i;
}

static void setup_logging(struct options *o)
{
    if (o->log_items) {
        const char *bad = NULL;
        if (!log_parse_items(o->log_items, &log_mask, &bad)) {
            if (!bad)
                exit(0); /* -d help */
            bad_usage("unknown -d item '%s' (-d help lists them)", bad);
        }
    }
    if (o->strace)
        log_mask |= LOG_STRACE;
    log_file = stderr;
    if (o->log_filename) {
        log_file = fopen(o->log_filename, "w");
        if (!log_file)
            fatal(EXIT_STATUS_USAGE, "-D %s: %s", o->log_filename, strerror(errno));
        setvbuf(log_file, NULL, _IOLBF, 0);
        syscall_reserve_fd(fileno(log_file));
    }
}

/* What a guest execve of a foreign program passes to the new crossrun (see syscall.h). */
static void record_reexec(const struct options *o)
{
    static char self[PATH_MAX];
    static char *args[16];
    unsigned n = 0;
    ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    struct stat by_path, running;
    /* In a chroot started through binfmt_misc (flag F) our own path is often not there, or
     * is another file: then a foreign execve goes to the host's execve, and binfmt_misc
     * starts crossrun again. */
    if (len > 0) {
        self[len] = 0;
        if (stat(self, &by_path) == 0 && stat("/proc/self/exe", &running) == 0 &&
            by_path.st_dev == running.st_dev && by_path.st_ino == running.st_ino)
            guest_process.crossrun_path = self;
    }
    /* Paths are made absolute: the guest may chdir before it execs. */
    if (o->sysroot) {
        args[n++] = "-L";
        args[n++] = realpath(o->sysroot, NULL);
        if (!args[n - 1])
            args[n - 1] = (char *)o->sysroot;
    }
    if (o->cpu_model) {
        args[n++] = "-cpu";
        args[n++] = (char *)o->cpu_model;
    }
    if (o->log_items) {
        args[n++] = "-d";
        args[n++] = (char *)o->log_items;
    }
    if (o->log_filename) {
        static char log_abs[PATH_MAX];
        args[n++] = "-D";
        if (o->log_filename[0] != '/' && getcwd(log_abs, sizeof(log_abs) - 1) &&
            strlen(log_abs) + strlen(o->log_filename) + 2 < sizeof(log_abs)) {
            strcat(log_abs, "/");
            strcat(log_abs, o->log_filename);
            args[n++] = log_abs;
        } else {
            args[n++] = (char *)o->log_filename;
        }
    }
    if (o->strace)
        args[n++] = "-strace";
    args[n++] = exec_engine == ENGINE_INTERP ? "--engine=interp" : "--engine=jit";
    args[n] = NULL;
    guest_process.crossrun_args = args;
}

/* Started by binfmt_misc with its P flag, the kernel runs { crossrun, path, argv0, args... }
 * and says so in AT_FLAGS: every argument after argv[0] is then the guest's, and options
 * come only from the environment. Without P it runs { crossrun, path, args... }, which
 * ordinary parsing handles (it stops at the path). */
static bool started_by_binfmt_with_argv0(int argc)
{
    return argc >= 2 && (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0);
}

/* binfmt_misc's O flag passes the program already open in AT_EXECFD; -1 otherwise. */
static int binfmt_exec_fd(void)
{
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    return errno == 0 && fd <= INT_MAX ? (int)fd : -1;
}

/* `crossrun binfmt ...` is the subcommand unless a file named binfmt is the program. */
static bool is_subcommand(int argc, char **argv, const char *name)
{
    struct stat st;
    return argc >= 2 && strcmp(argv[1], name) == 0 && !(stat(name, &st) == 0 && S_ISREG(st.st_mode));
}

static void at_exit_stats(void)
{
    if (log_enabled(LOG_STATS))
        dbt_print_stats();
    perfmap_flush();
    if (log_file)
        fflush(log_file);
}

/* Guest code in [addr, addr + len) was unmapped, replaced, zapped, lost PROT_EXEC or was
 * declared modified (riscv_flush_icache): drop the translations of that range only. */
static void invalidate_code(uint64_t addr, uint64_t len)
{
    uint64_t end = addr + len < addr ? UINT64_MAX : addr + len;
    dispatch_invalidate_range(addr, end);
}

int main(int argc, char **argv)
{
    struct options o = { 0 };
    /* A host core of crossrun holds the 256 GiB guest reservation and is of no use to the
     * guest's user: never write one (qemu-user does the same). */
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    for (char **e = environ; *e; e++)
        env_set(&o, *e);

    /* Environment first, so the command line overrides it. Not when the kernel made us
     * privileged (a setuid program through binfmt_misc's C flag): the user who set the
     * variables must not choose the log file or the libraries of a privileged crossrun. */
    if (!getauxval(AT_SECURE))
        options_from_environment(&o);

    int prog, guest_argc;
    char **guest_argv;
    if (started_by_binfmt_with_argv0(argc)) {
        prog = 1;
        guest_argv = &argv[2];
        guest_argc = argc - 2;
        o.argv0 = NULL;                 /* the kernel kept the real one */
    } else {
        if (is_subcommand(argc, argv, "binfmt"))
            return binfmt_main(argc - 1, argv + 1);
        if (argc >= 2 && strcmp(argv[1], "sysemu") == 0 && access(argv[1], F_OK) != 0)
            fatal(EXIT_STATUS_USAGE, "%s: not implemented yet in this version", argv[1]);
        prog = parse_options(argc, argv, &o);
        if (o.cpu_model && strcmp(o.cpu_model, "help") == 0) {
            list_cpu_models();
            return 0;
        }
        if (prog >= argc) {
            usage(stderr);
            return EXIT_STATUS_USAGE;
        }
        guest_argv = &argv[prog];
        guest_argc = argc - prog;
    }
    setup_logging(&o);
    const char *path = argv[prog];
    int exec_fd = binfmt_exec_fd();

    const struct target *t = elf_probe_fd(exec_fd, path);
    guest_mem_init();
    int err = code_cache_init(CODE_CACHE_SIZE);
    if (err < 0)
        fatal(EXIT_STATUS_INTERNAL, "cannot create the code cache: %s", strerror(-err));
    if (exec_engine == ENGINE_JIT) {
        x86_backend_init();
        code_cache_keep_prefix();
    }
    fault_init();

    struct cpu *cpu = calloc(1, t->cpu_size);
    struct jc_entry *jc = malloc(JC_SIZE * sizeof(*jc));
    if (!cpu || !jc)
        fatal(EXIT_STATUS_INTERNAL, "out of memory");
    cpu->target = t;
    cpu->jc = jc;
    for (unsigned i = 0; i < JC_SIZE; i++)
        jc[i].guest_pc = JC_EMPTY;
    if (!t->cpu_init(cpu, o.cpu_model ? o.cpu_model : ""))
        bad_usage("unknown CPU model '%s' (-cpu help lists them)", o.cpu_model);

    static char exe[PATH_MAX];
    if (!realpath(path, exe))
        snprintf(exe, sizeof(exe), "%s", path);
    guest_process.exe_path = exe;
    guest_process.sysroot = o.sysroot;
    record_reexec(&o);

    static struct load_info li;
    elf_load_fd(exec_fd, path, t, o.sysroot, &li);
    if (exec_fd >= 0)
        close(exec_fd);                 /* mapped now; the guest must not inherit it */
    if (o.argv0 && guest_argc > 0)
        guest_argv[0] = (char *)o.argv0;
    static char *empty_env[1];
    setup_stack(&li, t, cpu, guest_argc, guest_argv, o.env ? o.env : empty_env, path);
    t->set_entry(cpu, li.start_pc, li.sp);

    guest_code_flush = dispatch_request_flush;
    guest_code_invalidate = invalidate_code;
    atexit(at_exit_stats);
    dispatch_set_current(cpu);
    cpu_loop(cpu);
}
