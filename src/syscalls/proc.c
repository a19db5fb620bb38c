/*
 * proc.c - process-wide syscalls: ids, uname, limits, resource usage, thread bookkeeping
 * (set_tid_address, robust lists), futex, getrandom, prctl and exit.
 *
 * Guest threads are host threads (thread.c): exit ends one thread, exit_group the process;
 * futex calls are forwarded to the host futex on the guest word's host address; the
 * clear_child_tid and robust-list records are per thread.
 *
 * Limits the emulator depends on itself (RLIMIT_AS, RLIMIT_DATA, RLIMIT_STACK) are
 * virtual for the guest: recorded and reported back, never applied to the host process,
 * whose 256 GiB guest reservation and code cache must keep working.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <asm/unistd.h>
#include <linux/futex.h>
#include "internal.h"

__thread uint64_t guest_clear_child_tid;
__thread uint64_t guest_robust_list_head, guest_robust_list_len;

/* ---- ids */

int64_t sys_getpid(struct cpu *cpu, const uint64_t a[6]) { return getpid(); }
int64_t sys_getppid(struct cpu *cpu, const uint64_t a[6]) { return getppid(); }
int64_t sys_gettid(struct cpu *cpu, const uint64_t a[6]) { return gettid(); }
int64_t sys_getuid(struct cpu *cpu, const uint64_t a[6]) { return getuid(); }
int64_t sys_geteuid(struct cpu *cpu, const uint64_t a[6]) { return geteuid(); }
int64_t sys_getgid(struct cpu *cpu, const uint64_t a[6]) { return getgid(); }
int64_t sys_getegid(struct cpu *cpu, const uint64_t a[6]) { return getegid(); }
int64_t sys_setsid(struct cpu *cpu, const uint64_t a[6]) { return host_result(setsid()); }
int64_t sys_sched_yield(struct cpu *cpu, const uint64_t a[6]) { return sched_yield(), 0; }

static int64_t put_three_ids(const uint64_t a[6], uint32_t r, uint32_t e, uint32_t s)
{
    if (copy_to_guest(a[0], &r, 4) || copy_to_guest(a[1], &e, 4) || copy_to_guest(a[2], &s, 4))
        return -EFAULT;
    return 0;
}

int64_t sys_getresuid(struct cpu *cpu, const uint64_t a[6])
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0)
        return -errno;
    return put_three_ids(a, r, e, s);
}

int64_t sys_getresgid(struct cpu *cpu, const uint64_t a[6])
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0)
        return -errno;
    return put_three_ids(a, r, e, s);
}

/* gid_t is a 32-bit unsigned on both sides. */
int64_t sys_getgroups(struct cpu *cpu, const uint64_t a[6])
{
    int size = (int)a[0];
    if (size < 0)
        return -EINVAL;
    if (size == 0)
        return host_result(syscall(__NR_getgroups, 0, NULL));
    uint32_t *list = guest_buf(a[1], (uint64_t)size * 4);
    if (!list)
        return -EFAULT;
    return host_result(syscall(__NR_getgroups, size, list));
}

int64_t sys_getpgid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(getpgid((pid_t)a[0]));
}

int64_t sys_setpgid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(setpgid((pid_t)a[0], (pid_t)a[1]));
}

int64_t sys_getsid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(getsid((pid_t)a[0]));
}

int64_t sys_umask(struct cpu *cpu, const uint64_t a[6])
{
    return umask((mode_t)a[0] & 0777);
}

int64_t sys_getpriority(struct cpu *cpu, const uint64_t a[6])
{
    /* The raw call returns 20 - nice, which is what the guest's libc expects too. */
    return host_result(syscall(__NR_getpriority, (int)a[0], (int)a[1]));
}

int64_t sys_getcpu(struct cpu *cpu, const uint64_t a[6])
{
    unsigned c = 0, node = 0;
    if (syscall(__NR_getcpu, &c, &node, NULL) < 0)
        return -errno;
    if (a[0] && copy_to_guest(a[0], &c, sizeof(c)))
        return -EFAULT;
    if (a[1] && copy_to_guest(a[1], &node, sizeof(node)))
        return -EFAULT;
    return 0;
}

/* ---- system information */

/* The machine is the guest's (cpu->target->name); the rest is the host's. */
int64_t sys_uname(struct cpu *cpu, const uint64_t a[6])
{
    struct utsname u;
    struct guest_utsname g;
    if (uname(&u) < 0)
        return -errno;
    memset(&g, 0, sizeof(g));
    snprintf(g.sysname, sizeof(g.sysname), "%s", u.sysname);
    snprintf(g.nodename, sizeof(g.nodename), "%s", u.nodename);
    snprintf(g.release, sizeof(g.release), "%s", u.release);
    snprintf(g.version, sizeof(g.version), "%s", u.version);
    snprintf(g.machine, sizeof(g.machine), "%s",
             cpu && cpu->target && cpu->target->name ? cpu->target->name : u.machine);
    snprintf(g.domainname, sizeof(g.domainname), "%s", u.domainname);
    return copy_to_guest(a[0], &g, sizeof(g));
}

int64_t sys_sysinfo(struct cpu *cpu, const uint64_t a[6])
{
    struct sysinfo s;
    struct guest_sysinfo g;
    if (sysinfo(&s) < 0)
        return -errno;
    memset(&g, 0, sizeof(g));
    g.uptime = s.uptime;
    for (int i = 0; i < 3; i++)
        g.loads[i] = s.loads[i];
    g.totalram = s.totalram;
    g.freeram = s.freeram;
    g.sharedram = s.sharedram;
    g.bufferram = s.bufferram;
    g.totalswap = s.totalswap;
    g.freeswap = s.freeswap;
    g.procs = s.procs;
    g.totalhigh = s.totalhigh;
    g.freehigh = s.freehigh;
    g.mem_unit = s.mem_unit;
    return copy_to_guest(a[0], &g, sizeof(g));
}

int64_t put_guest_rusage(uint64_t ga, const struct rusage *ru)
{
    const struct rusage u = *ru;
    struct guest_rusage g;
    g.ru_utime = (struct guest_timeval){ u.ru_utime.tv_sec, u.ru_utime.tv_usec };
    g.ru_stime = (struct guest_timeval){ u.ru_stime.tv_sec, u.ru_stime.tv_usec };
    const long fields[14] = {
        u.ru_maxrss, u.ru_ixrss, u.ru_idrss, u.ru_isrss, u.ru_minflt, u.ru_majflt,
        u.ru_nswap, u.ru_inblock, u.ru_oublock, u.ru_msgsnd, u.ru_msgrcv, u.ru_nsignals,
        u.ru_nvcsw, u.ru_nivcsw,
    };
    for (int i = 0; i < 14; i++)
        g.fields[i] = fields[i];
    return copy_to_guest(ga, &g, sizeof(g));
}

int64_t sys_getrusage(struct cpu *cpu, const uint64_t a[6])
{
    struct rusage u;
    if (getrusage((int)a[0], &u) < 0)
        return -errno;
    return put_guest_rusage(a[1], &u);
}

int64_t sys_sched_getaffinity(struct cpu *cpu, const uint64_t a[6])
{
    uint8_t mask[1024];
    uint64_t len = a[1];
    if (len & 7)
        return -EINVAL;
    if (len > sizeof(mask))
        len = sizeof(mask);
    long r = syscall(__NR_sched_getaffinity, (pid_t)a[0], (size_t)len, mask);
    if (r < 0)
        return -errno;
    return copy_to_guest(a[2], mask, (size_t)r) ? -EFAULT : r;
}

/* ---- resource limits */

#define GUEST_RLIM_NLIMITS 16
enum { GUEST_RLIMIT_DATA = 2, GUEST_RLIMIT_STACK = 3, GUEST_RLIMIT_AS = 9 };

static struct guest_rlimit virtual_limits[GUEST_RLIM_NLIMITS];
static bool virtual_limit_set[GUEST_RLIM_NLIMITS];

static bool limit_is_virtual(unsigned res)
{
    return res == GUEST_RLIMIT_DATA || res == GUEST_RLIMIT_STACK || res == GUEST_RLIMIT_AS;
}

/* RLIMIT_* numbers and RLIM_INFINITY agree between asm-generic and x86_64. */
static int64_t do_prlimit(int pid, unsigned res, uint64_t new_ga, uint64_t old_ga)
{
    struct guest_rlimit newl = { 0, 0 }, oldl;
    if (res >= GUEST_RLIM_NLIMITS)
        return -EINVAL;
    if (new_ga) {
        if (copy_from_guest(&newl, new_ga, sizeof(newl)))
            return -EFAULT;
        if (newl.rlim_cur > newl.rlim_max)
            return -EINVAL;
    }
    bool self = pid == 0 || pid == getpid();
    if (!self || !limit_is_virtual(res)) {
        struct rlimit hn = { newl.rlim_cur, newl.rlim_max }, ho;
        if (!new_ga)
            hn = (struct rlimit){ 0, 0 };
        if (syscall(__NR_prlimit64, pid, res, new_ga ? &hn : NULL, old_ga ? &ho : NULL) < 0)
            return -errno;
        oldl = (struct guest_rlimit){ ho.rlim_cur, ho.rlim_max };
    } else {
        if (virtual_limit_set[res]) {
            oldl = virtual_limits[res];
        } else {
            struct rlimit h;
            if (getrlimit((int)res, &h) < 0)
                return -errno;
            oldl = (struct guest_rlimit){ h.rlim_cur, h.rlim_max };
        }
        if (new_ga) {
            if (newl.rlim_max > oldl.rlim_max && geteuid() != 0)
                return -EPERM;  /* raising the hard limit needs CAP_SYS_RESOURCE */
            virtual_limits[res] = newl;
            virtual_limit_set[res] = true;
        }
    }
    if (old_ga && copy_to_guest(old_ga, &oldl, sizeof(oldl)))
        return -EFAULT;
    return 0;
}

int64_t sys_prlimit64(struct cpu *cpu, const uint64_t a[6])
{
    return do_prlimit((int)a[0], (unsigned)a[1], a[2], a[3]);
}

int64_t sys_getrlimit(struct cpu *cpu, const uint64_t a[6])
{
    return do_prlimit(0, (unsigned)a[0], 0, a[1]);
}

int64_t sys_setrlimit(struct cpu *cpu, const uint64_t a[6])
{
    return do_prlimit(0, (unsigned)a[0], a[1], 0);
}

/* ---- threads (per-thread records) */

int64_t sys_set_tid_address(struct cpu *cpu, const uint64_t a[6])
{
    guest_clear_child_tid = a[0];
    return gettid();
}

#define GUEST_ROBUST_LIST_HEAD_SIZE 24   /* struct robust_list_head on LP64 */

int64_t sys_set_robust_list(struct cpu *cpu, const uint64_t a[6])
{
    if (a[1] != GUEST_ROBUST_LIST_HEAD_SIZE)
        return -EINVAL;
    guest_robust_list_head = a[0];
    guest_robust_list_len = a[1];
    return 0;
}

int64_t sys_get_robust_list(struct cpu *cpu, const uint64_t a[6])
{
    int pid = (int)a[0];
    if (pid != 0 && pid != gettid())
        return -EPERM;      /* another process's guest state is not ours to read */
    if (copy_to_guest(a[1], &guest_robust_list_head, 8) ||
        copy_to_guest(a[2], &guest_robust_list_len, 8))
        return -EFAULT;
    return 0;
}

/* ---- exit */

/* Flushes crossrun's stdio and runs its atexit handlers (-d stats...); status & 0xff is
 * what the parent sees, as on Linux. */
int64_t sys_exit_group(struct cpu *cpu, const uint64_t a[6])
{
    fflush(NULL);
    exit((int)(a[0] & 0xff));
}

/* One thread ends (thread.c); the process, when it was the last. */
int64_t sys_exit(struct cpu *cpu, const uint64_t a[6])
{
    thread_exit(cpu, (int)(a[0] & 0xff));
}

/* ---- futex */

int64_t sys_futex(struct cpu *cpu, const uint64_t a[6])
{
    uint64_t uaddr = a[0], uaddr2 = a[4];
    int op = (int)a[1];
    uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
    int cmd = op & FUTEX_CMD_MASK;
    struct timespec ts;

    if (uaddr & 3)
        return -EINVAL;
    if (!guest_range_valid(uaddr, 4))
        return -EFAULT;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        uint32_t cur;
        if (copy_from_guest(&cur, uaddr, sizeof(cur)))
            return -EFAULT;
        if (cur != val)
            return -EAGAIN;
        if (a[3] && get_guest_timespec(&ts, a[3]))
            return -EFAULT;
        /* The host checks the value again atomically and sleeps until woken or timed out;
         * safe_syscall: a guest signal arriving just before it cannot be slept through. */
        return safe_syscall(__NR_futex, (long)g2h(uaddr), op, val, (long)(a[3] ? &ts : NULL),
                            0, val3);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
        return host_result(syscall(__NR_futex, g2h(uaddr), op, val, NULL, NULL, val3));
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
        /* a[3] is val2, a count, not a pointer. */
        if ((uaddr2 & 3) || !guest_range_valid(uaddr2, 4))
            return (uaddr2 & 3) ? -EINVAL : -EFAULT;
        return host_result(syscall(__NR_futex, g2h(uaddr), op, val, (unsigned long)(uint32_t)a[3],
                                   g2h(uaddr2), val3));
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (a[3] && get_guest_timespec(&ts, a[3]))
            return -EFAULT;
        if (cmd == FUTEX_WAIT_REQUEUE_PI && ((uaddr2 & 3) || !guest_range_valid(uaddr2, 4)))
            return (uaddr2 & 3) ? -EINVAL : -EFAULT;
        return safe_syscall(__NR_futex, (long)g2h(uaddr), op, val, (long)(a[3] ? &ts : NULL),
                            (long)(cmd == FUTEX_WAIT_REQUEUE_PI ? g2h(uaddr2) : NULL), val3);
    default:
        report_unimp_once("futex", (uint64_t)cmd, "unsupported futex operation %d", cmd);
        return -ENOSYS;
    }
}

/* ---- odds and ends */

int64_t sys_getrandom(struct cpu *cpu, const uint64_t a[6])
{
    void *buf = guest_buf(a[0], a[1]);
    if (!buf)
        return -EFAULT;
    return host_result(syscall(__NR_getrandom, buf, (size_t)a[1], (unsigned)a[2]));
}

/* prctl options: the generic values (include/uapi/linux/prctl.h), the same on all archs. */
int64_t sys_prctl(struct cpu *cpu, const uint64_t a[6])
{
    int option = (int)a[0];
    switch (option) {
    case PR_SET_NAME: {
        char name[16];
        size_t n = 0;
        while (n < sizeof(name) - 1) {
            if (copy_from_guest(&name[n], a[1] + n, 1))
                return -EFAULT;
            if (name[n] == 0)
                break;
            n++;
        }
        name[n] = 0;
        return host_result(prctl(PR_SET_NAME, name, 0, 0, 0));
    }
    case PR_GET_NAME: {
        char name[16] = { 0 };
        if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0)
            return -errno;
        return copy_to_guest(a[1], name, sizeof(name));
    }
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER: {
        int v = 0;
        if (prctl(option, &v, 0, 0, 0) < 0)
            return -errno;
        return copy_to_guest(a[1], &v, sizeof(v));
    }
    case PR_SET_PDEATHSIG:      /* signal numbers agree */
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_SET_CHILD_SUBREAPER:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK:
    case PR_CAPBSET_READ:
    case PR_GET_SECCOMP:
    case PR_GET_THP_DISABLE:
    case PR_SET_THP_DISABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
        return host_result(prctl(option, a[1], a[2], a[3], a[4]));
    default:
        /* The rest (sched.c), which refuses PR_SET_SECCOMP, PR_SET_MM and arch options. */
        return prctl_more(cpu, a);
    }
}
