/*
 * event.c - event notification fds: epoll, eventfd, timerfd, signalfd and inotify.
 * (poll and select are fs.c's ppoll and pselect6.)
 *
 * Layouts: struct epoll_event is the one that differs. x86_64 packs it into 12 bytes
 * ({ u32 events; u64 data } with no padding) while riscv64 and aarch64 use the natural
 * 16-byte layout ({ u32 events; u32 pad; u64 data }): every event is converted, both ways,
 * through a host array of at most EPOLL_BATCH entries (a wait returns at most that many
 * events, which Linux allows: maxevents is an upper bound). struct itimerspec, struct
 * signalfd_siginfo (128 bytes), struct inotify_event and the eventfd counter are the same
 * everywhere, and the EPOLL*, EFD_*, TFD_*, SFD_*, IN_* values are the O_* bits or
 * generic constants that agree, so flags pass through and the host validates them.
 *
 * Signal masks: a guest sigset is 8 bytes, bit N-1 for signal N, and guest signal numbers
 * are the host's. signalfd4 gives the host the guest's mask; the guest's blocked signals
 * are held blocked on the host too (signal.c), so the host signalfd sees them.
 * epoll_pwait's temporary mask is applied to those held signals for the wait.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <asm/unistd.h>
#include "internal.h"

#define GUEST_EPOLL_CTL_DEL 2
#define EPOLL_BATCH 1024                /* host events fetched per wait */

struct guest_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};
struct guest_itimerspec {
    struct guest_timespec it_interval, it_value;
};
_Static_assert(sizeof(struct guest_epoll_event) == 16, "riscv64/aarch64 epoll_event");
_Static_assert(sizeof(struct epoll_event) == 12, "x86_64 packs epoll_event");
_Static_assert(sizeof(struct guest_itimerspec) == 32, "itimerspec");

/* ---- epoll */

int64_t sys_epoll_create1(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_epoll_create1, (int)a[0]));   /* EPOLL_CLOEXEC = O_CLOEXEC */
}

int64_t sys_epoll_ctl(struct cpu *cpu, const uint64_t a[6])
{
    int epfd = (int)a[0], op = (int)a[1], fd = (int)a[2];
    struct epoll_event ev;
    memset(&ev, 0, sizeof(ev));
    if (check_fd(epfd) || check_fd(fd))
        return -EBADF;
    if (op != GUEST_EPOLL_CTL_DEL) {    /* Linux reads the event for every other op */
        struct guest_epoll_event g;
        if (copy_from_guest(&g, a[3], sizeof(g)))
            return -EFAULT;
        ev.events = g.events;
        ev.data.u64 = g.data;
    }
    return host_result(syscall(__NR_epoll_ctl, epfd, op, fd, &ev));
}

/* Reads the optional guest sigset argument of a *pwait call into the host mask to wait
 * with. *use is false if there is none. 0, -EINVAL (size) or -EFAULT. */
static int64_t get_wait_mask(uint64_t ga, uint64_t size, uint64_t *host_mask, bool *use)
{
    *use = ga != 0;
    if (!ga)
        return 0;
    uint64_t guest_mask;
    if (size != sizeof(guest_mask))
        return -EINVAL;
    if (copy_from_guest(&guest_mask, ga, sizeof(guest_mask)))
        return -EFAULT;
    *host_mask = host_wait_mask(guest_mask);
    return 0;
}

/* epoll_pwait (timeout in ms) and epoll_pwait2 (timeout a timespec, or NULL). */
static int64_t epoll_wait_common(const uint64_t a[6], bool timespec_timeout)
{
    int epfd = (int)a[0];
    int maxevents = (int)a[2];
    struct epoll_event ev[EPOLL_BATCH];
    struct timespec ts;
    uint64_t mask;
    bool use_mask;

    if (maxevents <= 0 || (uint64_t)maxevents > INT_MAX / sizeof(struct guest_epoll_event))
        return -EINVAL;
    if (!guest_range_valid(a[1], (uint64_t)maxevents * sizeof(struct guest_epoll_event)))
        return -EFAULT;
    if (check_fd(epfd))
        return -EBADF;
    if (timespec_timeout && a[3] && get_guest_timespec(&ts, a[3]))
        return -EFAULT;
    int64_t r = get_wait_mask(a[4], a[5], &mask, &use_mask);
    if (r)
        return r;
    int n = maxevents < EPOLL_BATCH ? maxevents : EPOLL_BATCH;
    long got;
    if (timespec_timeout)
        got = syscall(__NR_epoll_pwait2, epfd, ev, n, a[3] ? &ts : NULL,
                      use_mask ? &mask : NULL, sizeof(mask));
    else
        got = syscall(__NR_epoll_pwait, epfd, ev, n, (int)a[3], use_mask ? &mask : NULL,
                      sizeof(mask));
    if (got < 0)
        return -errno;
    for (long i = 0; i < got; i++) {
        struct guest_epoll_event g = { .events = ev[i].events, .pad = 0, .data = ev[i].data.u64 };
        if (copy_to_guest(a[1] + (uint64_t)i * sizeof(g), &g, sizeof(g)))
            return -EFAULT;     /* the events are lost, as with Linux's own EFAULT here */
    }
    return got;
}

int64_t sys_epoll_pwait(struct cpu *cpu, const uint64_t a[6])
{
    return epoll_wait_common(a, false);
}

int64_t sys_epoll_pwait2(struct cpu *cpu, const uint64_t a[6])
{
    return epoll_wait_common(a, true);
}

/* ---- eventfd, timerfd */

int64_t sys_eventfd2(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_eventfd2, (unsigned)a[0], (int)a[1]));
}

int64_t sys_timerfd_create(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_timerfd_create, (int)a[0], (int)a[1]));
}

static int64_t get_itimerspec(struct itimerspec *its, uint64_t ga)
{
    if (get_guest_timespec(&its->it_interval, ga) ||
        get_guest_timespec(&its->it_value, ga + sizeof(struct guest_timespec)))
        return -EFAULT;
    return 0;
}

static int64_t put_itimerspec(uint64_t ga, const struct itimerspec *its)
{
    struct guest_itimerspec g = {
        { its->it_interval.tv_sec, its->it_interval.tv_nsec },
        { its->it_value.tv_sec, its->it_value.tv_nsec },
    };
    return copy_to_guest(ga, &g, sizeof(g)) ? -EFAULT : 0;
}

int64_t sys_timerfd_settime(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct itimerspec nv, ov;
    if (check_fd(fd))
        return -EBADF;
    if (get_itimerspec(&nv, a[2]))
        return -EFAULT;
    if (a[3] && !guest_range_valid(a[3], sizeof(struct guest_itimerspec)))
        return -EFAULT;
    if (syscall(__NR_timerfd_settime, fd, (int)a[1], &nv, a[3] ? &ov : NULL) < 0)
        return -errno;
    return a[3] ? put_itimerspec(a[3], &ov) : 0;
}

int64_t sys_timerfd_gettime(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct itimerspec cur;
    if (check_fd(fd))
        return -EBADF;
    if (syscall(__NR_timerfd_gettime, fd, &cur) < 0)
        return -errno;
    return put_itimerspec(a[1], &cur);
}

/* ---- signalfd */

int64_t sys_signalfd4(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    uint64_t mask;
    if (fd != -1 && check_fd(fd))
        return -EBADF;
    if (a[2] != sizeof(mask))
        return -EINVAL;
    if (copy_from_guest(&mask, a[1], sizeof(mask)))
        return -EFAULT;
    return host_result(syscall(__NR_signalfd4, fd, &mask, sizeof(mask), (int)a[3]));
}

/* ---- inotify */

int64_t sys_inotify_init1(struct cpu *cpu, const uint64_t a[6])
{
    return host_result(syscall(__NR_inotify_init1, (int)a[0]));
}

int64_t sys_inotify_add_watch(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct guest_path p;
    if (check_fd(fd))
        return -EBADF;
    int64_t r = get_guest_path(&p, a[1], true, false);
    if (r)
        return r;
    return host_result(syscall(__NR_inotify_add_watch, fd, p.host, (uint32_t)a[2]));
}

int64_t sys_inotify_rm_watch(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(syscall(__NR_inotify_rm_watch, fd, (int)a[1]));
}
