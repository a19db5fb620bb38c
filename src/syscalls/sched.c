/*
 * sched.c - scheduling (sched_*, priorities, I/O priorities), credentials (set*id,
 * setgroups, capabilities), personality, the prctl options proc.c does not handle, and
 * host-identity calls (syslog, sethostname).
 *
 * Layouts: struct sched_param (one int), struct sched_attr, the capability header and data,
 * gid_t arrays and struct timespec agree between LP64 guests and x86_64, and the SCHED_*,
 * IOPRIO_*, PR_* values are generic. Each call is still made on host copies of its
 * structs, and every guest pointer is checked.
 *
 * Credentials are set with raw syscalls, which act on the calling host thread only: a
 * guest's glibc makes its own set*id call in each of its threads, and crossrun runs each
 * guest thread on a host thread of its own, so the guest gets Linux's semantics.
 *
 * personality: the guest's persona is recorded and reported back, never applied to the
 * host process (READ_IMPLIES_EXEC or ADDR_LIMIT_3GB would change crossrun's own
 * mappings); crossrun's guest layout is fixed, so ADDR_NO_RANDOMIZE is always true anyway.
 */
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <asm/unistd.h>
#include "internal.h"

/* ---- scheduling */

struct guest_sched_param {
    int32_t sched_priority;
};

int64_t sys_sched_setaffinity(struct cpu *cpu, const uint64_t a[6])
{
    const void *mask = guest_buf(a[2], a[1]);
    if (!mask)
        return -EFAULT;
    return host_result(syscall(__NR_sched_setaffinity, (pid_t)a[0], (size_t)a[1], mask));
}

int64_t sys_sched_getparam(struct cpu *cpu, const uint64_t a[6])
{
    struct sched_param p;
    if (!a[1] || (int)a[0] < 0)
        return -EINVAL;
    if (syscall(__NR_sched_getparam, (pid_t)a[0], &p) < 0)
        return -errno;
    struct guest_sched_param g = { p.sched_priority };
    return copy_to_guest(a[1], &g, sizeof(g)) ? -EFAULT : 0;
}

/* sched_setparam (pid, param) and sched_setscheduler (pid, policy, param). */
static int64_t set_sched(const uint64_t a[6], bool with_policy)
{
    uint64_t pa = with_policy ? a[2] : a[1];
    struct guest_sched_param g;
    if (!pa || (int)a[0] < 0)
        return -EINVAL;
    if (copy_from_guest(&g, pa, sizeof(g)))
        return -EFAULT;
    struct sched_param p = { .sched_priority = g.sched_priority };
    if (with_policy)
        return host_result(syscall(__NR_sched_setscheduler, (pid_t)a[0], (int)a[1], &p));
    return host_result(syscall(__NR_sched_setparam, (pid_t)a[0], &p));
}

int64_t sys_sched_setparam(struct cpu *cpu, const uint64_t a[6])
{
    return set_sched(a, false);
}

int64_t sys_sched_setscheduler(struct cpu *cpu, const uint64_t a[6])
{
    return set_sched(a, true);
}

int64_t sys_sched_getscheduler(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_sched_getscheduler, (pid_t)a[0]));
}

int64_t sys_sched_get_priority_max(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_sched_get_priority_max, (int)a[0]));
}

int64_t sys_sched_get_priority_min(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_sched_get_priority_min, (int)a[0]));
}

int64_t sys_sched_rr_get_interval(struct cpu *cpu, const uint64_t a[6])
{
    struct timespec ts;
    if (syscall(__NR_sched_rr_get_interval, (pid_t)a[0], &ts) < 0)
        return -errno;
    return put_guest_timespec(a[1], &ts);
}

#define SCHED_ATTR_SIZE_VER0 48
#define SCHED_ATTR_MAX       4096       /* Linux refuses sizes past a page */

/* sched_getattr(pid, attr, size, flags): Linux writes min(size, its size) bytes and zeroes
 * the rest of the guest's size, which a zeroed host buffer of the guest's size gives. */
int64_t sys_sched_getattr(struct cpu *cpu, const uint64_t a[6])
{
    uint8_t buf[SCHED_ATTR_MAX];
    uint32_t size = (uint32_t)a[2];
    if (!a[1] || (int)a[0] < 0 || size > SCHED_ATTR_MAX || size < SCHED_ATTR_SIZE_VER0 || a[3])
        return -EINVAL;
    memset(buf, 0, size);
    if (syscall(__NR_sched_getattr, (pid_t)a[0], buf, size, 0) < 0)
        return -errno;
    return copy_to_guest(a[1], buf, size) ? -EFAULT : 0;
}

int64_t sys_sched_setattr(struct cpu *cpu, const uint64_t a[6])
{
    uint8_t buf[SCHED_ATTR_MAX];
    uint32_t size;
    if (!a[1] || (int)a[0] < 0)
        return -EINVAL;
    if (copy_from_guest(&size, a[1], sizeof(size)))
        return -EFAULT;
    if (size == 0)
        size = SCHED_ATTR_SIZE_VER0;
    if (size > SCHED_ATTR_MAX) {
        /* Too big for any kernel: Linux answers E2BIG and writes the size it knows. */
        uint32_t known;
        memset(buf, 0, SCHED_ATTR_SIZE_VER0);
        if (syscall(__NR_sched_getattr, 0, buf, SCHED_ATTR_SIZE_VER0, 0) < 0)
            return -errno;
        memcpy(&known, buf, sizeof(known));
        return copy_to_guest(a[1], &known, sizeof(known)) ? -EFAULT : -E2BIG;
    }
    if (size < SCHED_ATTR_SIZE_VER0) {      /* the host answers E2BIG from the size alone */
        memset(buf, 0, SCHED_ATTR_SIZE_VER0);
        memcpy(buf, &size, sizeof(size));
    } else if (copy_from_guest(buf, a[1], size)) {
        return -EFAULT;
    }
    long r = syscall(__NR_sched_setattr, (pid_t)a[0], buf, (unsigned)a[2]);
    if (r < 0 && errno == E2BIG) {
        int err = errno;
        copy_to_guest(a[1], buf, sizeof(uint32_t));     /* the size Linux wrote back */
        return -err;
    }
    return host_result(r);
}

int64_t sys_setpriority(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setpriority, (int)a[0], (int)a[1], (int)a[2]));
}

int64_t sys_ioprio_get(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_ioprio_get, (int)a[0], (int)a[1]));
}

int64_t sys_ioprio_set(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}

/* ---- credentials (uid_t and gid_t are 32-bit; -1 means "unchanged" on both sides) */

int64_t sys_setuid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setuid, (uint32_t)a[0]));
}

int64_t sys_setgid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setgid, (uint32_t)a[0]));
}

int64_t sys_setreuid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setreuid, (uint32_t)a[0], (uint32_t)a[1]));
}

int64_t sys_setregid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setregid, (uint32_t)a[0], (uint32_t)a[1]));
}

int64_t sys_setresuid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setresuid, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]));
}

int64_t sys_setresgid(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_setresgid, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]));
}

/* setfsuid/setfsgid never fail: they return the previous value. */
int64_t sys_setfsuid(struct cpu *cpu, const uint64_t a[6])
{
    return syscall(__NR_setfsuid, (uint32_t)a[0]);
}

int64_t sys_setfsgid(struct cpu *cpu, const uint64_t a[6])
{
    return syscall(__NR_setfsgid, (uint32_t)a[0]);
}

#define GUEST_NGROUPS_MAX 65536

int64_t sys_setgroups(struct cpu *cpu, const uint64_t a[6])
{
    int size = (int)a[0];
    if (size < 0 || size > GUEST_NGROUPS_MAX)
        return -EINVAL;
    const uint32_t *list = guest_buf(a[1], (uint64_t)size * sizeof(uint32_t));
    if (!list)
        return -EFAULT;
    return host_result(syscall(__NR_setgroups, size, size ? list : NULL));
}

/* ---- capabilities: { u32 version; int pid } and 1 (v1) or 2 (v2, v3) { effective,
 * permitted, inheritable } u32 triples. */

#define CAP_V1 0x19980330
#define CAP_V2 0x20071026
#define CAP_V3 0x20080522

struct guest_cap_header {
    uint32_t version;
    int32_t pid;
};

static unsigned cap_words(uint32_t version)
{
    return version == CAP_V1 ? 1 : (version == CAP_V2 || version == CAP_V3) ? 2 : 0;
}

int64_t sys_capget(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_cap_header h;
    uint32_t data[6];
    if (copy_from_guest(&h, a[0], sizeof(h)))
        return -EFAULT;
    uint32_t asked = h.version;
    long r = syscall(__NR_capget, &h, a[1] ? data : NULL);
    int err = errno;
    if (h.version != asked && copy_to_guest(a[0], &h.version, sizeof(h.version)))
        return -EFAULT;     /* Linux tells an unknown version its own */
    if (r < 0)
        return -err;
    unsigned n = cap_words(h.version);
    if (a[1] && n && copy_to_guest(a[1], data, n * 3 * sizeof(uint32_t)))
        return -EFAULT;
    return r;
}

int64_t sys_capset(struct cpu *cpu, const uint64_t a[6])
{
    struct guest_cap_header h;
    uint32_t data[6] = { 0 };
    if (copy_from_guest(&h, a[0], sizeof(h)))
        return -EFAULT;
    unsigned n = cap_words(h.version);
    if (n == 0) {
        uint32_t mine = CAP_V3;
        return copy_to_guest(a[0], &mine, sizeof(mine)) ? -EFAULT : -EINVAL;
    }
    if (copy_from_guest(data, a[1], n * 3 * sizeof(uint32_t)))
        return -EFAULT;
    return host_result(syscall(__NR_capset, &h, data));
}

/* ---- personality */

#define GUEST_PER_QUERY 0xffffffffu
static uint32_t guest_personality;      /* PER_LINUX */

int64_t sys_personality(struct cpu *cpu, const uint64_t a[6])
{
    uint32_t old = guest_personality, want = (uint32_t)a[0];
    if (want != GUEST_PER_QUERY) {
        if ((want & 0xff) != 0)
            report_unimp_once("personality", want & 0xff,
                              "personality %#x recorded but not emulated", want);
        guest_personality = want;
    }
    return old;
}

/* ---- prctl options beyond proc.c's */

#define GUEST_PR_CAPBSET_DROP      24
#define GUEST_PR_GET_SECUREBITS    27
#define GUEST_PR_SET_SECUREBITS    28
#define GUEST_PR_TASK_PERF_DISABLE 31
#define GUEST_PR_TASK_PERF_ENABLE  32
#define GUEST_PR_MCE_KILL          33
#define GUEST_PR_MCE_KILL_GET      34
#define GUEST_PR_GET_TID_ADDRESS   40
#define GUEST_PR_CAP_AMBIENT       47
#define GUEST_PR_SET_IO_FLUSHER    57
#define GUEST_PR_GET_IO_FLUSHER    58
#define GUEST_PR_GET_AUXV          0x41555856
#define GUEST_PR_SET_PTRACER       0x59616d61
#define GUEST_PR_GET_TIMING        13
#define GUEST_PR_SET_TIMING        14

int64_t prctl_more(struct cpu *cpu, const uint64_t a[6])
{
    int option = (int)a[0];
    switch (option) {
    case GUEST_PR_CAPBSET_DROP:
    case GUEST_PR_GET_SECUREBITS:
    case GUEST_PR_SET_SECUREBITS:
    case GUEST_PR_TASK_PERF_DISABLE:
    case GUEST_PR_TASK_PERF_ENABLE:
    case GUEST_PR_MCE_KILL:
    case GUEST_PR_MCE_KILL_GET:
    case GUEST_PR_CAP_AMBIENT:
    case GUEST_PR_SET_IO_FLUSHER:
    case GUEST_PR_GET_IO_FLUSHER:
    case GUEST_PR_SET_PTRACER:
    case GUEST_PR_GET_TIMING:
    case GUEST_PR_SET_TIMING:
        return host_result(prctl(option, a[1], a[2], a[3], a[4]));
    case GUEST_PR_GET_TID_ADDRESS:
        return copy_to_guest(a[1], &guest_clear_child_tid, sizeof(uint64_t)) ? -EFAULT : 0;
    case GUEST_PR_GET_AUXV: {
        /* The guest's auxv, as Linux gives it: min(size, its length) bytes; its length. */
        if (a[3] || a[4])
            return -EINVAL;
        uint64_t len = guest_process.auxv_len, n = a[2] < len ? a[2] : len;
        uint8_t buf[256];
        for (uint64_t off = 0; off < n; off += sizeof(buf)) {
            size_t chunk = n - off < sizeof(buf) ? (size_t)(n - off) : sizeof(buf);
            if (copy_from_guest(buf, guest_process.auxv_addr + off, chunk) ||
                copy_to_guest(a[1] + off, buf, chunk))
                return -EFAULT;
        }
        return (int64_t)len;
    }
    default:
        /* Not forwarded: PR_SET_SECCOMP would filter crossrun's own host syscalls, PR_SET_MM
         * and arch options describe the host process, not the guest; PR_SET_MDWE would
         * forbid the code cache. Linux says EINVAL for options it does not have. */
        report_unimp_once("prctl", (uint64_t)(uint32_t)option, "unsupported prctl option %d",
                          option);
        return -EINVAL;
    }
}

/* ---- host identity */

/* syslog(type, buf, len): the read actions (2, 3, 4) fill buf; the others ignore it. The
 * host decides who may (dmesg_restrict, CAP_SYSLOG). */
int64_t sys_syslog(struct cpu *cpu, const uint64_t a[6])
{
    int type = (int)a[0], len = (int)a[2];
    void *buf = NULL;
    if ((type == 2 || type == 3 || type == 4) && len > 0) {
        buf = guest_buf(a[1], (uint64_t)len);
        if (!buf)
            return -EFAULT;
    }
    return host_result(syscall(__NR_syslog, type, buf, len));
}

#define GUEST_UTS_LEN 64

/* sethostname/setdomainname(name, len): the host checks the capability first, then the
 * length, then reads the name. */
static int64_t set_uts_name(long host_nr, const uint64_t a[6])
{
    int len = (int)a[1];
    char dummy[GUEST_UTS_LEN + 1] = { 0 };
    const void *name = dummy;
    if (len >= 0 && len <= GUEST_UTS_LEN) {
        name = guest_buf(a[0], (uint64_t)len);
        if (!name)
            return -EFAULT;
    }
    return host_result(syscall(host_nr, name, len));
}

int64_t sys_sethostname(struct cpu *cpu, const uint64_t a[6])
{
    return set_uts_name(__NR_sethostname, a);
}

int64_t sys_setdomainname(struct cpu *cpu, const uint64_t a[6])
{
    return set_uts_name(__NR_setdomainname, a);
}
