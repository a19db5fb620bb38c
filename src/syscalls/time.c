/*
 * time.c - clocks and sleeping. Clock ids (including the negative per-process/thread CPU
 * clock encodings) agree between guest and host and are passed through. struct timespec,
 * timeval and tms have the same layout on LP64 guests and x86_64, but each still goes
 * through a guest struct and copy_to_guest/copy_from_guest.
 */
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"

#define GUEST_TIMER_ABSTIME 1

int64_t put_guest_timespec(uint64_t ga, const struct timespec *ts)
{
    struct guest_timespec g = { ts->tv_sec, ts->tv_nsec };
    return copy_to_guest(ga, &g, sizeof(g));
}

int64_t get_guest_timespec(struct timespec *ts, uint64_t ga)
{
    struct guest_timespec g;
    if (copy_from_guest(&g, ga, sizeof(g)))
        return -EFAULT;
    ts->tv_sec = g.tv_sec;
    ts->tv_nsec = g.tv_nsec;
    return 0;
}

int64_t sys_clock_gettime(struct cpu *cpu, const uint64_t a[6])
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) < 0)
        return -errno;
    return put_guest_timespec(a[1], &ts);
}

int64_t sys_clock_getres(struct cpu *cpu, const uint64_t a[6])
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) < 0)
        return -errno;
    return a[1] ? put_guest_timespec(a[1], &ts) : 0;
}

int64_t sys_gettimeofday(struct cpu *cpu, const uint64_t a[6])
{
    struct timeval tv;
    struct timezone tz;
    if (syscall(__NR_gettimeofday, &tv, &tz) < 0)
        return -errno;
    if (a[0]) {
        struct guest_timeval g = { tv.tv_sec, tv.tv_usec };
        if (copy_to_guest(a[0], &g, sizeof(g)))
            return -EFAULT;
    }
    if (a[1]) {
        int32_t g[2] = { tz.tz_minuteswest, tz.tz_dsttime };
        if (copy_to_guest(a[1], g, sizeof(g)))
            return -EFAULT;
    }
    return 0;
}

int64_t sys_nanosleep(struct cpu *cpu, const uint64_t a[6])
{
    struct timespec req, rem;
    if (get_guest_timespec(&req, a[0]))
        return -EFAULT;
    if (syscall(__NR_nanosleep, &req, &rem) == 0)
        return 0;
    int err = errno;
    if (err == EINTR && a[1] && put_guest_timespec(a[1], &rem))
        return -EFAULT;
    return -err;
}

int64_t sys_clock_nanosleep(struct cpu *cpu, const uint64_t a[6])
{
    struct timespec req, rem;
    int flags = (int)a[1];
    if (get_guest_timespec(&req, a[2]))
        return -EFAULT;
    if (syscall(__NR_clock_nanosleep, (clockid_t)a[0], flags, &req, &rem) == 0)
        return 0;
    int err = errno;
    if (err == EINTR && a[3] && !(flags & GUEST_TIMER_ABSTIME) && put_guest_timespec(a[3], &rem))
        return -EFAULT;
    return -err;
}

int64_t sys_times(struct cpu *cpu, const uint64_t a[6])
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (a[0]) {
        struct guest_tms g = { t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime };
        if (copy_to_guest(a[0], &g, sizeof(g)))
            return -EFAULT;
    }
    return (int64_t)r;
}
