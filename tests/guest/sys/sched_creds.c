/*
 * sched_creds.c - scheduling, credential and process-attribute calls whose answers do not
 * depend on the machine: sched_* policy/param/affinity/rr interval/priority ranges,
 * get/setpriority, personality, prctl (name, pdeathsig, dumpable, no_new_privs), capget,
 * no-op set*id calls, getgroups, getrusage, times and sysinfo sanity.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <unistd.h>
#include <linux/capability.h>
#include "sys_check.h"

int main(void)
{
    /* scheduling */
    CHECK(sched_getscheduler(0) == SCHED_OTHER);
    struct sched_param sp = { 99 };
    CHECK(sched_getparam(0, &sp) == 0 && sp.sched_priority == 0);
    CHECK(sched_setscheduler(0, SCHED_OTHER, &sp) == 0);
    CHECK(sched_setparam(0, &sp) == 0);
    printf("sched: policy OTHER, priority 0; FIFO %d..%d, RR %d..%d, OTHER %d..%d\n",
           sched_get_priority_min(SCHED_FIFO), sched_get_priority_max(SCHED_FIFO),
           sched_get_priority_min(SCHED_RR), sched_get_priority_max(SCHED_RR),
           sched_get_priority_min(SCHED_OTHER), sched_get_priority_max(SCHED_OTHER));
    CHECK(sched_get_priority_max(12345) == -1 && errno == EINVAL);
    cpu_set_t set;
    CPU_ZERO(&set);
    CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
    int ncpu = CPU_COUNT(&set);
    CHECK(sched_setaffinity(0, sizeof(set), &set) == 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    for (int i = 0; i < CPU_SETSIZE; i++) {
        if (CPU_ISSET(i, &set)) {
            CPU_SET(i, &one);
            break;
        }
    }
    CHECK(sched_setaffinity(0, sizeof(one), &one) == 0);
    CPU_ZERO(&set);
    CHECK(sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) == 1);
    printf("affinity: %s cpu(s) usable, pinned to one\n", ncpu >= 1 ? "1 or more" : "no");
    struct timespec rr;
    CHECK(sched_rr_get_interval(0, &rr) == 0 && rr.tv_sec >= 0);
    CHECK(sched_yield() == 0);

    /* nice: raising it is always allowed */
    errno = 0;
    int nice0 = getpriority(PRIO_PROCESS, 0);
    CHECK(errno == 0);
    CHECK(setpriority(PRIO_PROCESS, 0, nice0 < 19 ? nice0 + 1 : 19) == 0);
    int nice1 = getpriority(PRIO_PROCESS, 0);
    printf("nice: %s\n", nice1 == (nice0 < 19 ? nice0 + 1 : 19) ? "raised by one" : "unchanged");

    /* personality: Linux, and a flag that is recorded */
    int pers = personality(0xffffffff);
    printf("personality: %s\n", pers == PER_LINUX ? "PER_LINUX" : "other");
    CHECK(personality(PER_LINUX | ADDR_NO_RANDOMIZE) == pers);
    CHECK(personality(0xffffffff) == (PER_LINUX | ADDR_NO_RANDOMIZE));
    CHECK(personality(PER_LINUX) == (PER_LINUX | ADDR_NO_RANDOMIZE));

    /* prctl */
    char name[16] = { 0 };
    CHECK(prctl(PR_SET_NAME, "sys-test-thread-name", 0, 0, 0) == 0);
    CHECK(prctl(PR_GET_NAME, name, 0, 0, 0) == 0);
    printf("prctl: name \"%s\"", name);
    CHECK(prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) == 0);
    int sig = 0;
    CHECK(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) == 0);
    CHECK(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0) == 0);
    printf(", pdeathsig %s", sig == SIGUSR1 ? "SIGUSR1" : "other");
    CHECK(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0);
    printf(", dumpable %d", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);
    printf(", no_new_privs %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    CHECK(prctl(0x7fff1234, 0, 0, 0, 0) == -1 && errno == EINVAL);

    /* capabilities: v3 has two words; effective is within permitted */
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0xff, sizeof(data));
    CHECK(syscall(SYS_capget, &hdr, data) == 0);
    CHECK((data[0].effective & ~data[0].permitted) == 0);
    CHECK((data[1].effective & ~data[1].permitted) == 0);
    hdr.version = 0x1234;
    CHECK(syscall(SYS_capget, &hdr, data) == -1 && errno == EINVAL);
    printf("capget: effective within permitted; unknown version answered with %#x\n", hdr.version);
    hdr.version = _LINUX_CAPABILITY_VERSION_3;
    CHECK(syscall(SYS_capget, &hdr, data) == 0);
    CHECK(syscall(SYS_capset, &hdr, data) == 0);

    /* credentials: calls that change nothing succeed for anyone */
    uid_t r, e, s;
    CHECK(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid());
    CHECK(setresuid(-1, -1, -1) == 0 && setresgid(-1, -1, -1) == 0);
    CHECK(setreuid(-1, -1) == 0 && setregid(-1, -1) == 0);
    CHECK(setuid(getuid()) == 0 && setgid(getgid()) == 0);
    CHECK(syscall(SYS_setfsuid, -1) == (long)geteuid());
    int ng = getgroups(0, NULL);
    gid_t groups[256];
    CHECK(ng >= 0 && ng <= 256 && getgroups(ng, groups) == ng);
    printf("credentials: no-op set*id calls succeed\n");

    /* resource usage */
    struct rusage ru;
    CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss > 0);
    CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0);
    CHECK(getrusage(12345, &ru) == -1 && errno == EINVAL);
    struct tms t;
    CHECK(times(&t) != (clock_t)-1);
    struct sysinfo si;
    CHECK(sysinfo(&si) == 0 && si.totalram > 0 && si.mem_unit >= 1 && si.procs > 0);
    printf("getrusage, times, sysinfo: sane\n");
    CHECK_SUMMARY();
    return sys_failures != 0;
}
