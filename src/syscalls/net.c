/*
 * net.c - sockets: socket/socketpair, bind/listen/accept/connect, names, send/recv in all
 * their forms (sendmsg/recvmsg with control messages, sendmmsg/recvmmsg), socket options
 * and shutdown, for AF_UNIX, AF_INET, AF_INET6, AF_NETLINK and whatever else the host has;
 * and the socket ioctls (SIOCGIF*, SIOCGIFCONF...) ioctl.c hands over.
 *
 * Layouts: riscv64 and aarch64 are little-endian LP64 like x86_64, so sockaddrs, struct
 * cmsghdr and its payloads (SCM_RIGHTS fds, SCM_CREDENTIALS ucred, timestamps), netlink
 * messages, struct linger, struct timeval (SO_RCVTIMEO/SO_SNDTIMEO), struct ucred
 * (SO_PEERCRED) and the SOCK_*, MSG_*, SOL_*, SO_* values all agree. What differs is that
 * a guest struct msghdr holds guest pointers: it is rebuilt for the host with g2h'd
 * iovecs and host copies of the name and control buffers.
 *
 * Invariants: every sockaddr length is bounded by sizeof(struct sockaddr_storage) before
 * a copy; control buffers are bounded (GUEST_CMSG_MAX) and copied, and SCM_RIGHTS fds a
 * guest sends are checked against crossrun's reserved fds; socket options whose value
 * holds a pointer are translated (struct sock_fprog) or refused, never handed to the host
 * with a guest address in them; options of protocol levels not listed are refused with
 * ENOPROTOOPT. Every guest pointer is checked: a bad one gives EFAULT.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <asm/unistd.h>
#include <linux/filter.h>
#include "internal.h"

#define GUEST_SOCKADDR_MAX 128          /* sizeof(struct sockaddr_storage) everywhere */
#define GUEST_CMSG_MAX     (64 * 1024)  /* control data per message (Linux: optmem_max) */
#define GUEST_UIO_MAXIOV   1024
#define GUEST_MSG_WAITFORONE 0x10000
#define GUEST_MSG_OOB        0x1

/* Guest (asm-generic LP64) struct user_msghdr and struct mmsghdr. */
struct guest_msghdr {
    uint64_t msg_name;
    int32_t msg_namelen;
    uint32_t pad0;
    uint64_t msg_iov;
    uint64_t msg_iovlen;
    uint64_t msg_control;
    uint64_t msg_controllen;
    uint32_t msg_flags;
    uint32_t pad1;
};
struct guest_mmsghdr {
    struct guest_msghdr msg_hdr;
    uint32_t msg_len;
    uint32_t pad;
};
struct guest_sock_fprog {
    uint16_t len;
    uint16_t pad[3];
    uint64_t filter;                /* guest pointer to len struct sock_filter (8 bytes) */
};
_Static_assert(sizeof(struct guest_msghdr) == 56, "user_msghdr");
_Static_assert(offsetof(struct guest_msghdr, msg_controllen) == 40, "msg_controllen");
_Static_assert(sizeof(struct guest_mmsghdr) == 64, "mmsghdr");
_Static_assert(sizeof(struct guest_sock_fprog) == 16, "sock_fprog");
_Static_assert(sizeof(struct sock_filter) == 8, "sock_filter");
_Static_assert(sizeof(struct cmsghdr) == 16, "cmsghdr: same layout as the guest's");

/* ---- sockaddrs */

/* Copies a guest sockaddr the call reads. Returns 0, -EINVAL (length) or -EFAULT. */
static int64_t get_sockaddr(struct sockaddr_storage *ss, uint64_t ga, uint64_t len)
{
    if ((int32_t)len < 0 || len > GUEST_SOCKADDR_MAX)
        return -EINVAL;
    memset(ss, 0, sizeof(*ss));
    if (len && copy_from_guest(ss, ga, (size_t)len))
        return -EFAULT;
    return 0;
}

/* Reads the in/out length of a sockaddr the call writes (addr, *addrlen): *len is the
 * guest buffer size. Returns 0, -EINVAL (negative) or -EFAULT. A NULL addr means the
 * caller does not want it: *want is false and the length is not read. */
static int64_t get_sockaddr_len(uint64_t addr, uint64_t lenp, uint32_t *len, bool *want)
{
    *want = addr != 0;
    *len = 0;
    if (!addr)
        return 0;
    int32_t l;
    if (copy_from_guest(&l, lenp, sizeof(l)))
        return -EFAULT;
    if (l < 0)
        return -EINVAL;
    *len = (uint32_t)l;
    return 0;
}

/* Writes what the host returned (host_len bytes in ss) back: min(guest size, host_len)
 * bytes to addr and the full host_len to *lenp, like Linux's move_addr_to_user. */
static int64_t put_sockaddr(uint64_t addr, uint64_t lenp, uint32_t guest_len,
                            const struct sockaddr_storage *ss, socklen_t host_len)
{
    uint32_t n = host_len < guest_len ? host_len : guest_len;
    if (n > sizeof(*ss))
        n = sizeof(*ss);
    if (n && copy_to_guest(addr, ss, n))
        return -EFAULT;
    uint32_t full = host_len;
    return copy_to_guest(lenp, &full, sizeof(full)) ? -EFAULT : 0;
}

/* ---- creating and connecting */

int64_t sys_socket(struct cpu *cpu, const uint64_t a[6])
{
    /* SOCK_NONBLOCK/SOCK_CLOEXEC are the O_ bits, the same on every supported guest. */
    return host_result(socket((int)a[0], (int)a[1], (int)a[2]));
}

int64_t sys_socketpair(struct cpu *cpu, const uint64_t a[6])
{
    int fds[2];
    if (!guest_range_valid(a[3], sizeof(int32_t) * 2))
        return -EFAULT;
    if (socketpair((int)a[0], (int)a[1], (int)a[2], fds) < 0)
        return -errno;
    int32_t gfds[2] = { fds[0], fds[1] };
    if (copy_to_guest(a[3], gfds, sizeof(gfds))) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* bind and connect: (fd, addr, addrlen). */
static int64_t addr_call(long host_nr, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct sockaddr_storage ss;
    if (check_fd(fd))
        return -EBADF;
    int64_t r = get_sockaddr(&ss, a[1], a[2]);
    if (r)
        return r;
    return host_result(syscall(host_nr, fd, &ss, (socklen_t)a[2]));
}

int64_t sys_bind(struct cpu *cpu, const uint64_t a[6])
{
    return addr_call(__NR_bind, a);
}

int64_t sys_connect(struct cpu *cpu, const uint64_t a[6])
{
    return addr_call(__NR_connect, a);
}

int64_t sys_listen(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(listen(fd, (int)a[1]));
}

int64_t sys_shutdown(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    if (check_fd(fd))
        return -EBADF;
    return host_result(shutdown(fd, (int)a[1]));
}

/* accept4, getsockname, getpeername: (fd, addr, addrlen, ...) with an address written
 * back. host_nr takes (fd, addr, lenp[, flags]). */
static int64_t addr_out_call(long host_nr, const uint64_t a[6], bool with_flags)
{
    int fd = (int)a[0];
    struct sockaddr_storage ss;
    uint32_t glen;
    bool want;
    if (check_fd(fd))
        return -EBADF;
    int64_t r = get_sockaddr_len(a[1], a[2], &glen, &want);
    if (r)
        return r;
    socklen_t hlen = sizeof(ss);
    long res = with_flags ? syscall(host_nr, fd, want ? &ss : NULL, want ? &hlen : NULL, (int)a[3])
                          : syscall(host_nr, fd, want ? &ss : NULL, want ? &hlen : NULL);
    if (res < 0)
        return -errno;
    if (want && put_sockaddr(a[1], a[2], glen, &ss, hlen)) {
        if (host_nr == __NR_accept4)
            close((int)res);     /* the guest never learns of the connection: as if refused */
        return -EFAULT;
    }
    return res;
}

int64_t sys_accept(struct cpu *cpu, const uint64_t a[6])
{
    const uint64_t b[6] = { a[0], a[1], a[2], 0, 0, 0 };
    return addr_out_call(__NR_accept4, b, true);
}

int64_t sys_accept4(struct cpu *cpu, const uint64_t a[6])
{
    return addr_out_call(__NR_accept4, a, true);
}

int64_t sys_getsockname(struct cpu *cpu, const uint64_t a[6])
{
    return addr_out_call(__NR_getsockname, a, false);
}

int64_t sys_getpeername(struct cpu *cpu, const uint64_t a[6])
{
    return addr_out_call(__NR_getpeername, a, false);
}

/* ---- sendto, recvfrom */

int64_t sys_sendto(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct sockaddr_storage ss;
    if (check_fd(fd))
        return -EBADF;
    const void *buf = guest_buf(a[1], a[2]);
    if (!buf)
        return -EFAULT;
    if (a[4]) {
        int64_t r = get_sockaddr(&ss, a[4], a[5]);
        if (r)
            return r;
    }
    return host_result(syscall(__NR_sendto, fd, buf, (size_t)a[2], (int)a[3],
                               a[4] ? &ss : NULL, a[4] ? (socklen_t)a[5] : 0));
}

int64_t sys_recvfrom(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct sockaddr_storage ss;
    uint32_t glen;
    bool want;
    if (check_fd(fd))
        return -EBADF;
    void *buf = guest_buf(a[1], a[2]);
    if (!buf)
        return -EFAULT;
    int64_t r = get_sockaddr_len(a[4], a[5], &glen, &want);
    if (r)
        return r;
    socklen_t hlen = sizeof(ss);
    long n = syscall(__NR_recvfrom, fd, buf, (size_t)a[2], (int)a[3], want ? &ss : NULL,
                     want ? &hlen : NULL);
    if (n < 0)
        return -errno;
    /* A connected stream socket gives no address: the host says length 0, and so do we. */
    if (want && put_sockaddr(a[4], a[5], glen, &ss, hlen))
        return -EFAULT;
    return n;
}

/* ---- sendmsg, recvmsg and their vector forms */

/* Everything a host msghdr points at, for one guest message. */
struct host_msg {
    struct msghdr m;
    struct sockaddr_storage name;
    struct iovec iov[GUEST_UIO_MAXIOV];
    uint8_t control[GUEST_CMSG_MAX];
};

/* True if the control data holds an SCM_RIGHTS fd that crossrun reserves. The host
 * validates the rest (lengths, levels) itself. */
static bool control_names_reserved_fd(const uint8_t *buf, size_t len)
{
    size_t off = 0;
    while (len - off >= sizeof(struct cmsghdr)) {
        struct cmsghdr c;
        memcpy(&c, buf + off, sizeof(c));
        if (c.cmsg_len < sizeof(c) || c.cmsg_len > len - off)
            return false;
        if (c.cmsg_level == SOL_SOCKET && c.cmsg_type == SCM_RIGHTS) {
            size_t n = (c.cmsg_len - sizeof(c)) / sizeof(int);
            for (size_t i = 0; i < n; i++) {
                int fd;
                memcpy(&fd, buf + off + sizeof(c) + i * sizeof(int), sizeof(fd));
                if (fd_reserved(fd))
                    return true;
            }
        }
        size_t step = (c.cmsg_len + 7) & ~(size_t)7;    /* CMSG_ALIGN on LP64 */
        if (step > len - off)
            break;
        off += step;
    }
    return false;
}

/* Closes the fds an SCM_RIGHTS message delivered, when the guest cannot be told of them. */
static void close_received_fds(const uint8_t *buf, size_t len)
{
    size_t off = 0;
    while (len - off >= sizeof(struct cmsghdr)) {
        struct cmsghdr c;
        memcpy(&c, buf + off, sizeof(c));
        if (c.cmsg_len < sizeof(c) || c.cmsg_len > len - off)
            return;
        if (c.cmsg_level == SOL_SOCKET && c.cmsg_type == SCM_RIGHTS) {
            size_t n = (c.cmsg_len - sizeof(c)) / sizeof(int);
            for (size_t i = 0; i < n; i++) {
                int fd;
                memcpy(&fd, buf + off + sizeof(c) + i * sizeof(int), sizeof(fd));
                close(fd);
            }
        }
        size_t step = (c.cmsg_len + 7) & ~(size_t)7;
        if (step > len - off)
            return;
        off += step;
    }
}

/* Builds h from the guest msghdr g. sending: the name and control data are inputs. */
static int64_t msg_to_host(struct host_msg *h, const struct guest_msghdr *g, bool sending)
{
    memset(&h->m, 0, sizeof(h->m));
    if (g->msg_iovlen > GUEST_UIO_MAXIOV)
        return -EMSGSIZE;
    int64_t r = get_iovec(h->iov, g->msg_iov, (int)g->msg_iovlen);
    if (r)
        return r;
    h->m.msg_iov = h->iov;
    h->m.msg_iovlen = (size_t)g->msg_iovlen;

    if (g->msg_name) {
        if (sending) {
            r = get_sockaddr(&h->name, g->msg_name, (uint32_t)g->msg_namelen);
            if (r)
                return r;
            h->m.msg_namelen = (socklen_t)g->msg_namelen;
        } else {
            if (g->msg_namelen < 0)
                return -EINVAL;
            h->m.msg_namelen = sizeof(h->name);
        }
        h->m.msg_name = &h->name;
    }

    /* A receive with no control buffer gets none (Linux sets MSG_CTRUNC if it had some). */
    if (g->msg_controllen && (sending || g->msg_control)) {
        if (sending) {
            if (g->msg_controllen > GUEST_CMSG_MAX)
                return -ENOBUFS;
            if (copy_from_guest(h->control, g->msg_control, (size_t)g->msg_controllen))
                return -EFAULT;
            if (control_names_reserved_fd(h->control, (size_t)g->msg_controllen))
                return -EBADF;
            h->m.msg_controllen = (size_t)g->msg_controllen;
        } else {
            if (!guest_range_valid(g->msg_control, g->msg_controllen))
                return -EFAULT;
            h->m.msg_controllen = g->msg_controllen > GUEST_CMSG_MAX ? GUEST_CMSG_MAX
                                                                     : (size_t)g->msg_controllen;
        }
        h->m.msg_control = h->control;
    }
    return 0;
}

static int64_t send_one(int fd, uint64_t gmsg, int flags, struct host_msg *h)
{
    struct guest_msghdr g;
    if (copy_from_guest(&g, gmsg, sizeof(g)))
        return -EFAULT;
    int64_t r = msg_to_host(h, &g, true);
    if (r)
        return r;
    return host_result(sendmsg(fd, &h->m, flags));
}

/* Receives one message and writes msg_namelen, msg_controllen, msg_flags, the name and the
 * control data back into the guest msghdr at gmsg. */
static int64_t recv_one(int fd, uint64_t gmsg, int flags, struct host_msg *h)
{
    struct guest_msghdr g;
    if (copy_from_guest(&g, gmsg, sizeof(g)))
        return -EFAULT;
    int64_t r = msg_to_host(h, &g, false);
    if (r)
        return r;
    ssize_t n = recvmsg(fd, &h->m, flags);
    if (n < 0)
        return -errno;
    size_t clen = g.msg_control ? h->m.msg_controllen : 0;
    if (clen && copy_to_guest(g.msg_control, h->control, clen)) {
        close_received_fds(h->control, clen);
        return -EFAULT;
    }
    if (g.msg_name) {
        uint32_t want = (uint32_t)g.msg_namelen;
        uint32_t got = h->m.msg_namelen;
        uint32_t copy = got < want ? got : want;
        if (copy > sizeof(h->name))
            copy = sizeof(h->name);
        if (copy && copy_to_guest(g.msg_name, &h->name, copy))
            return -EFAULT;
        g.msg_namelen = (int32_t)got;
    }
    g.msg_controllen = clen;
    g.msg_flags = (uint32_t)h->m.msg_flags;
    if (copy_to_guest(gmsg + offsetof(struct guest_msghdr, msg_namelen), &g.msg_namelen, 4) ||
        copy_to_guest(gmsg + offsetof(struct guest_msghdr, msg_controllen), &g.msg_controllen, 8) ||
        copy_to_guest(gmsg + offsetof(struct guest_msghdr, msg_flags), &g.msg_flags, 4)) {
        close_received_fds(h->control, clen);
        return -EFAULT;
    }
    return n;
}

/* struct host_msg is ~80 KiB, too big for the stack: one per thread, allocated on first
 * use (a thread runs one syscall at a time). NULL if memory ran out. */
static __thread struct host_msg *msg_scratch;

static struct host_msg *scratch(void)
{
    if (!msg_scratch)
        msg_scratch = malloc(sizeof(*msg_scratch));
    return msg_scratch;
}

int64_t sys_sendmsg(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct host_msg *h = scratch();
    if (check_fd(fd))
        return -EBADF;
    return h ? send_one(fd, a[1], (int)a[2], h) : -ENOMEM;
}

int64_t sys_recvmsg(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    struct host_msg *h = scratch();
    if (check_fd(fd))
        return -EBADF;
    return h ? recv_one(fd, a[1], (int)a[2], h) : -ENOMEM;
}

/* sendmmsg: messages one by one; the count sent, or the first error if none was. */
int64_t sys_sendmmsg(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    unsigned vlen = (unsigned)a[2];
    int flags = (int)a[3];
    struct host_msg *h = scratch();
    if (check_fd(fd))
        return -EBADF;
    if (!h)
        return -ENOMEM;
    if (vlen > GUEST_UIO_MAXIOV)
        vlen = GUEST_UIO_MAXIOV;
    int64_t r = 0;
    unsigned done;
    for (done = 0; done < vlen; done++) {
        uint64_t entry = a[1] + (uint64_t)done * sizeof(struct guest_mmsghdr);
        r = send_one(fd, entry, flags, h);
        if (r < 0)
            break;
        uint32_t len = (uint32_t)r;
        if (copy_to_guest(entry + offsetof(struct guest_mmsghdr, msg_len), &len, 4)) {
            r = -EFAULT;
            break;
        }
        r = 0;
    }
    return done ? (int64_t)done : r;
}

static struct timespec ts_sub(struct timespec x, struct timespec y)
{
    struct timespec d = { x.tv_sec - y.tv_sec, x.tv_nsec - y.tv_nsec };
    if (d.tv_nsec < 0) {
        d.tv_nsec += 1000000000;
        d.tv_sec--;
    }
    return d;
}

/* recvmmsg as Linux does it: message by message; MSG_WAITFORONE makes every receive after
 * the first non-blocking; the timeout is checked after each message (it does not bound a
 * blocking receive) and what is left of it is written back. */
int64_t sys_recvmmsg(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    unsigned vlen = (unsigned)a[2];
    int flags = (int)a[3];
    struct timespec timeout = { 0, 0 }, end = { 0, 0 }, now;
    struct host_msg *h = scratch();
    if (check_fd(fd))
        return -EBADF;
    if (!h)
        return -ENOMEM;
    if (a[4]) {
        if (get_guest_timespec(&timeout, a[4]))
            return -EFAULT;
        if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= 1000000000)
            return -EINVAL;
        clock_gettime(CLOCK_MONOTONIC, &now);
        end.tv_sec = now.tv_sec + timeout.tv_sec;
        end.tv_nsec = now.tv_nsec + timeout.tv_nsec;
        if (end.tv_nsec >= 1000000000) {
            end.tv_nsec -= 1000000000;
            end.tv_sec++;
        }
    }
    if (vlen > GUEST_UIO_MAXIOV)
        vlen = GUEST_UIO_MAXIOV;
    int64_t err = 0;
    unsigned done = 0;
    while (done < vlen) {
        uint64_t entry = a[1] + (uint64_t)done * sizeof(struct guest_mmsghdr);
        err = recv_one(fd, entry, flags & ~GUEST_MSG_WAITFORONE, h);
        if (err < 0)
            break;
        uint32_t len = (uint32_t)err;
        err = 0;
        if (copy_to_guest(entry + offsetof(struct guest_mmsghdr, msg_len), &len, 4)) {
            err = -EFAULT;
            break;
        }
        done++;
        if (flags & GUEST_MSG_WAITFORONE)
            flags |= MSG_DONTWAIT;
        if (a[4]) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            timeout = ts_sub(end, now);
            if (timeout.tv_sec < 0) {
                timeout.tv_sec = timeout.tv_nsec = 0;
                break;
            }
            if (timeout.tv_sec == 0 && timeout.tv_nsec == 0)
                break;
        }
        if (h->m.msg_flags & GUEST_MSG_OOB)
            break;
    }
    if (done == 0)
        return err;
    if (a[4] && put_guest_timespec(a[4], &timeout))
        return -EFAULT;
    return done;
}

/* ---- socket options */

enum {
    GUEST_SOL_IP = 0, GUEST_SOL_SOCKET = 1, GUEST_SOL_TCP = 6, GUEST_SOL_UDP = 17,
    GUEST_SOL_IPV6 = 41, GUEST_SOL_ICMPV6 = 58, GUEST_SOL_RAW = 255, GUEST_SOL_PACKET = 263,
    GUEST_SOL_NETLINK = 270,
};
enum {
    GUEST_SO_ATTACH_FILTER = 26, GUEST_SO_ATTACH_REUSEPORT_CBPF = 51,
    GUEST_TCP_ZEROCOPY_RECEIVE = 35,
    GUEST_IPT_SO_SET_REPLACE = 64,     /* also IP6T_SO_SET_REPLACE: holds a counters pointer */
    GUEST_PACKET_FANOUT_DATA = 22,     /* a struct sock_fprog for PACKET_FANOUT_CBPF */
};

/* 0 if (level, name) is passed through with its value unchanged, 1 if the value is a
 * struct sock_fprog to translate, -ENOPROTOOPT if crossrun does not pass it. */
static int option_kind(int level, int name)
{
    switch (level) {
    case GUEST_SOL_SOCKET:
        return name == GUEST_SO_ATTACH_FILTER || name == GUEST_SO_ATTACH_REUSEPORT_CBPF;
    case GUEST_SOL_IP:
    case GUEST_SOL_IPV6:
        return name == GUEST_IPT_SO_SET_REPLACE ? -ENOPROTOOPT : 0;
    case GUEST_SOL_TCP:
        return name == GUEST_TCP_ZEROCOPY_RECEIVE ? -ENOPROTOOPT : 0;
    case GUEST_SOL_PACKET:
        return name == GUEST_PACKET_FANOUT_DATA ? -ENOPROTOOPT : 0;
    case GUEST_SOL_UDP:
    case GUEST_SOL_ICMPV6:
    case GUEST_SOL_RAW:
    case GUEST_SOL_NETLINK:
        return 0;
    default:
        return -ENOPROTOOPT;
    }
}

int64_t sys_setsockopt(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0], level = (int)a[1], name = (int)a[2];
    int32_t len = (int32_t)a[4];
    if (check_fd(fd))
        return -EBADF;
    if (len < 0)
        return -EINVAL;
    int kind = option_kind(level, name);
    if (kind < 0) {
        report_unimp_once("sockopt", ((uint64_t)(uint32_t)level << 32) | (uint32_t)name,
                          "unsupported socket option level %d name %d", level, name);
        return kind;
    }
    if (kind == 1) {
        struct guest_sock_fprog gp;
        if ((size_t)len < sizeof(gp))
            return -EINVAL;
        if (copy_from_guest(&gp, a[3], sizeof(gp)))
            return -EFAULT;
        void *filter = guest_buf(gp.filter, (uint64_t)gp.len * sizeof(struct sock_filter));
        if (!filter)
            return -EFAULT;
        struct sock_fprog hp = { .len = gp.len, .filter = filter };
        return host_result(setsockopt(fd, level, name, &hp, sizeof(hp)));
    }
    const void *val = guest_buf(a[3], (uint64_t)len);
    if (!val)
        return -EFAULT;
    return host_result(setsockopt(fd, level, name, val, (socklen_t)len));
}

int64_t sys_getsockopt(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0], level = (int)a[1], name = (int)a[2];
    int32_t len;
    if (check_fd(fd))
        return -EBADF;
    if (copy_from_guest(&len, a[4], sizeof(len)))
        return -EFAULT;
    if (len < 0)
        return -EINVAL;
    /* Reading SO_GET_FILTER (SO_ATTACH_FILTER's number) gives the program itself: no
     * pointer, so it passes like the plain options. */
    int kind = option_kind(level, name);
    if (kind < 0) {
        report_unimp_once("sockopt", ((uint64_t)(uint32_t)level << 32) | (uint32_t)name,
                          "unsupported socket option level %d name %d", level, name);
        return -ENOPROTOOPT;
    }
    void *val = guest_buf(a[3], (uint64_t)len);
    if (!val)
        return -EFAULT;
    socklen_t hlen = (socklen_t)len;
    if (getsockopt(fd, level, name, val, &hlen) < 0)
        return -errno;
    uint32_t out = hlen;
    return copy_to_guest(a[4], &out, sizeof(out)) ? -EFAULT : 0;
}

/* ---- socket ioctls (called by ioctl.c for requests it does not know) */

/* The sockios.h numbers are generic. struct ifreq is 40 bytes on LP64 guests and x86_64
 * (a 16-byte name and a 24-byte union of sockaddrs, ints, struct ifmap and a pointer that
 * only SIOCETHTOOL/SIOCDEVPRIVATE use, which are not passed); struct ifconf holds a
 * pointer and is translated. */
enum sock_ioctl_kind { SI_IFREQ_GET = 1, SI_IFREQ_SET, SI_INT_GET, SI_INT_SET, SI_TIME_GET,
                       SI_IFCONF };

struct guest_ifconf {
    int32_t ifc_len;
    uint32_t pad;
    uint64_t buf;                   /* guest pointer to ifc_len bytes of struct ifreq */
};
_Static_assert(sizeof(struct guest_ifconf) == 16, "ifconf");

#define GUEST_IFREQ_SIZE 40

static const struct { uint32_t req; enum sock_ioctl_kind kind; } socket_ioctls[] = {
    { 0x8901, SI_INT_SET },     /* FIOSETOWN */
    { 0x8902, SI_INT_SET },     /* SIOCSPGRP */
    { 0x8903, SI_INT_GET },     /* FIOGETOWN */
    { 0x8904, SI_INT_GET },     /* SIOCGPGRP */
    { 0x8905, SI_INT_GET },     /* SIOCATMARK */
    { 0x8906, SI_TIME_GET },    /* SIOCGSTAMP_OLD: struct timeval */
    { 0x8907, SI_TIME_GET },    /* SIOCGSTAMPNS_OLD: struct timespec */
    { 0x8910, SI_IFREQ_GET },   /* SIOCGIFNAME */
    { 0x8912, SI_IFCONF },      /* SIOCGIFCONF */
    { 0x8913, SI_IFREQ_GET },   /* SIOCGIFFLAGS */
    { 0x8914, SI_IFREQ_SET },   /* SIOCSIFFLAGS */
    { 0x8915, SI_IFREQ_GET },   /* SIOCGIFADDR */
    { 0x8916, SI_IFREQ_SET },   /* SIOCSIFADDR */
    { 0x8917, SI_IFREQ_GET },   /* SIOCGIFDSTADDR */
    { 0x8918, SI_IFREQ_SET },   /* SIOCSIFDSTADDR */
    { 0x8919, SI_IFREQ_GET },   /* SIOCGIFBRDADDR */
    { 0x891a, SI_IFREQ_SET },   /* SIOCSIFBRDADDR */
    { 0x891b, SI_IFREQ_GET },   /* SIOCGIFNETMASK */
    { 0x891c, SI_IFREQ_SET },   /* SIOCSIFNETMASK */
    { 0x891d, SI_IFREQ_GET },   /* SIOCGIFMETRIC */
    { 0x891e, SI_IFREQ_SET },   /* SIOCSIFMETRIC */
    { 0x8921, SI_IFREQ_GET },   /* SIOCGIFMTU */
    { 0x8922, SI_IFREQ_SET },   /* SIOCSIFMTU */
    { 0x8923, SI_IFREQ_SET },   /* SIOCSIFNAME */
    { 0x8924, SI_IFREQ_SET },   /* SIOCSIFHWADDR */
    { 0x8927, SI_IFREQ_GET },   /* SIOCGIFHWADDR */
    { 0x8933, SI_IFREQ_GET },   /* SIOCGIFINDEX */
    { 0x8942, SI_IFREQ_GET },   /* SIOCGIFTXQLEN */
    { 0x8943, SI_IFREQ_SET },   /* SIOCSIFTXQLEN */
    { 0x894b, SI_INT_GET },     /* SIOCOUTQNSD */
    { 0x8970, SI_IFREQ_GET },   /* SIOCGIFMAP */
    { 0x8971, SI_IFREQ_SET },   /* SIOCSIFMAP */
};

bool socket_ioctl(int fd, uint32_t req, uint64_t arg, int64_t *result)
{
    enum sock_ioctl_kind kind = 0;
    for (size_t i = 0; i < ARRAY_SIZE(socket_ioctls); i++)
        if (socket_ioctls[i].req == req)
            kind = socket_ioctls[i].kind;
    if (!kind)
        return false;
    /* Only sockets: a device driver may give these numbers another meaning. */
    struct stat st;
    if (fstat(fd, &st) < 0) {
        *result = -errno;
        return true;
    }
    if (!S_ISSOCK(st.st_mode)) {
        *result = -ENOTTY;
        return true;
    }
    switch (kind) {
    case SI_IFREQ_GET:
    case SI_IFREQ_SET: {
        uint8_t ifr[GUEST_IFREQ_SIZE];
        if (copy_from_guest(ifr, arg, sizeof(ifr))) {
            *result = -EFAULT;
            return true;
        }
        long r = syscall(__NR_ioctl, fd, (unsigned long)req, ifr);
        *result = r < 0 ? -errno : r;
        if (r >= 0 && kind == SI_IFREQ_GET && copy_to_guest(arg, ifr, sizeof(ifr)))
            *result = -EFAULT;
        return true;
    }
    case SI_INT_GET:
    case SI_INT_SET: {
        int32_t v = 0;
        if (kind == SI_INT_SET && copy_from_guest(&v, arg, sizeof(v))) {
            *result = -EFAULT;
            return true;
        }
        long r = syscall(__NR_ioctl, fd, (unsigned long)req, &v);
        *result = r < 0 ? -errno : r;
        if (r >= 0 && kind == SI_INT_GET && copy_to_guest(arg, &v, sizeof(v)))
            *result = -EFAULT;
        return true;
    }
    case SI_TIME_GET: {
        struct guest_timespec t;        /* timeval and timespec: two 64-bit fields */
        long r = syscall(__NR_ioctl, fd, (unsigned long)req, &t);
        *result = r < 0 ? -errno : r;
        if (r >= 0 && copy_to_guest(arg, &t, sizeof(t)))
            *result = -EFAULT;
        return true;
    }
    case SI_IFCONF: {
        struct guest_ifconf g;
        if (copy_from_guest(&g, arg, sizeof(g))) {
            *result = -EFAULT;
            return true;
        }
        struct ifconf h = { .ifc_len = g.ifc_len, .ifc_buf = NULL };
        if (g.buf) {
            if (g.ifc_len < 0 || !(h.ifc_buf = guest_buf(g.buf, (uint64_t)g.ifc_len))) {
                *result = -EFAULT;
                return true;
            }
        }
        long r = syscall(__NR_ioctl, fd, (unsigned long)req, &h);
        *result = r < 0 ? -errno : r;
        g.ifc_len = h.ifc_len;
        if (r >= 0 && copy_to_guest(arg, &g.ifc_len, sizeof(g.ifc_len)))
            *result = -EFAULT;
        return true;
    }
    }
    return false;
}
