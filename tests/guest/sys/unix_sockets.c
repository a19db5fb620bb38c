/*
 * unix_sockets.c - AF_UNIX within one process: a non-blocking socketpair ping-pong driven by
 * epoll, SOCK_SEQPACKET message boundaries, SCM_RIGHTS passing a pipe fd, SCM_CREDENTIALS,
 * SO_PEERCRED, a named socket and an abstract one (bind/listen/connect/accept), shutdown
 * and EPIPE with MSG_NOSIGNAL.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "sys_check.h"

static void ping_pong(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) == 0);
    CHECK((fcntl(sv[0], F_GETFL) & O_NONBLOCK) && fcntl(sv[1], F_GETFD) == FD_CLOEXEC);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0);
    for (int i = 0; i < 2; i++) {
        struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0xabcd0000u + i };
        CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[i], &ev) == 0);
    }
    char buf[64];
    CHECK(read(sv[1], buf, sizeof(buf)) == -1 && errno == EAGAIN);
    int rounds = 0;
    for (int i = 0; i < 5; i++) {
        for (int side = 0; side < 2; side++) {
            char msg[32];
            int len = snprintf(msg, sizeof(msg), "%s %d", side ? "pong" : "ping", i);
            CHECK(write(sv[side], msg, (size_t)len) == len);
            struct epoll_event got[4];
            memset(got, 0, sizeof(got));
            int n = epoll_wait(ep, got, 4, 1000);
            CHECK(n == 1);
            CHECK(got[0].events == EPOLLIN && got[0].data.u64 == 0xabcd0000u + (unsigned)!side);
            ssize_t r = read(sv[!side], buf, sizeof(buf));
            CHECK(r == len && memcmp(buf, msg, (size_t)len) == 0);
            rounds++;
        }
    }
    printf("stream ping-pong: %d messages through epoll\n", rounds);
    /* shutdown: the peer reads end of file, and sees EPOLLRDHUP */
    struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.u64 = 7 };
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, sv[1], &ev) == 0);
    CHECK(shutdown(sv[0], SHUT_WR) == 0);
    struct epoll_event got;
    CHECK(epoll_wait(ep, &got, 1, 1000) == 1 && got.data.u64 == 7 && (got.events & EPOLLRDHUP));
    CHECK(read(sv[1], buf, sizeof(buf)) == 0);
    printf("shutdown: end of file and EPOLLRDHUP\n");
    /* writing to a closed peer: EPIPE, no SIGPIPE with MSG_NOSIGNAL */
    close(sv[0]);
    CHECK(send(sv[1], "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE);
    printf("send to a closed peer: %s\n", strerrorname_np(errno));
    close(sv[1]);
    close(ep);
}

static void seqpacket(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
    CHECK(send(sv[0], "first", 5, 0) == 5);
    CHECK(send(sv[0], "second message", 14, 0) == 14);
    char buf[64];
    CHECK(recv(sv[1], buf, sizeof(buf), 0) == 5);
    /* a short buffer truncates one message: MSG_TRUNC in msg_flags */
    struct iovec iov = { buf, 6 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    ssize_t n = recvmsg(sv[1], &m, 0);
    CHECK(n == 6 && (m.msg_flags & MSG_TRUNC));
    printf("seqpacket: boundaries kept, truncated read of %zd bytes sets MSG_TRUNC\n", n);
    close(sv[0]);
    close(sv[1]);
}

static void pass_fd(void)
{
    int sv[2], p[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    CHECK(pipe(p) == 0);
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(2 * sizeof(int))];
    } ctl;
    memset(&ctl, 0, sizeof(ctl));
    struct iovec iov = { "fds", 3 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                        .msg_controllen = CMSG_SPACE(2 * sizeof(int)) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    memcpy(CMSG_DATA(c), p, 2 * sizeof(int));
    CHECK(sendmsg(sv[0], &m, 0) == 3);
    close(p[0]);
    close(p[1]);

    char data[8] = { 0 };
    union {
        struct cmsghdr align;
        char buf[256];
    } rctl;
    memset(&rctl, 0, sizeof(rctl));
    struct iovec riov = { data, sizeof(data) };
    struct msghdr r = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rctl.buf,
                        .msg_controllen = sizeof(rctl.buf) };
    CHECK(recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC) == 3);
    struct cmsghdr *rc = CMSG_FIRSTHDR(&r);
    CHECK(rc && rc->cmsg_level == SOL_SOCKET && rc->cmsg_type == SCM_RIGHTS);
    CHECK(rc && rc->cmsg_len == CMSG_LEN(2 * sizeof(int)));
    CHECK(r.msg_controllen == CMSG_SPACE(2 * sizeof(int)));
    int fds[2] = { -1, -1 };
    if (rc)
        memcpy(fds, CMSG_DATA(rc), sizeof(fds));
    CHECK(fcntl(fds[0], F_GETFD) == FD_CLOEXEC);
    CHECK(write(fds[1], "through", 7) == 7);
    char back[8] = { 0 };
    CHECK(read(fds[0], back, 7) == 7);
    printf("SCM_RIGHTS: %d fds received, pipe carries \"%s\"\n", rc ? 2 : 0, back);
    close(fds[0]);
    close(fds[1]);

    /* credentials: SO_PASSCRED makes the kernel attach the sender's */
    int on = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0);
    struct ucred uc = { getpid(), getuid(), getgid() };
    memset(&ctl, 0, sizeof(ctl));
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(struct ucred))];
    } cctl;
    memset(&cctl, 0, sizeof(cctl));
    m.msg_control = cctl.buf;
    m.msg_controllen = sizeof(cctl.buf);
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(uc));
    memcpy(CMSG_DATA(c), &uc, sizeof(uc));
    CHECK(sendmsg(sv[0], &m, 0) == 3);
    r.msg_controllen = sizeof(rctl.buf);
    CHECK(recvmsg(sv[1], &r, 0) == 3);
    rc = CMSG_FIRSTHDR(&r);
    CHECK(rc && rc->cmsg_type == SCM_CREDENTIALS);
    struct ucred got = { 0, 0, 0 };
    if (rc)
        memcpy(&got, CMSG_DATA(rc), sizeof(got));
    printf("SCM_CREDENTIALS: pid %s, uid %s, gid %s\n", got.pid == getpid() ? "matches" : "differs",
           got.uid == getuid() ? "matches" : "differs", got.gid == getgid() ? "matches" : "differs");
    close(sv[0]);
    close(sv[1]);
}

/* A listening socket at addr (len bytes), a client connected to it, the accepted end. */
static void named(const char *what, const struct sockaddr_un *addr, socklen_t len)
{
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(bind(ls, (const struct sockaddr *)addr, len) == 0);
    CHECK(listen(ls, 2) == 0);
    int cs = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(connect(cs, (const struct sockaddr *)addr, len) == 0);
    struct sockaddr_un peer;
    socklen_t plen = sizeof(peer);
    int as = accept4(ls, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
    CHECK(as >= 0);
    CHECK(plen == sizeof(sa_family_t));           /* an unbound client has no name */
    struct sockaddr_un me;
    socklen_t mlen = sizeof(me);
    CHECK(getsockname(ls, (struct sockaddr *)&me, &mlen) == 0);
    CHECK(mlen == len && memcmp(&me, addr, len) == 0);
    mlen = sizeof(me);
    CHECK(getpeername(cs, (struct sockaddr *)&me, &mlen) == 0);
    CHECK(mlen == len && memcmp(&me, addr, len) == 0);
    struct ucred cred;
    socklen_t clen = sizeof(cred);
    CHECK(getsockopt(as, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0);
    CHECK(clen == sizeof(cred) && cred.pid == getpid() && cred.uid == getuid());
    CHECK(write(cs, "hello", 5) == 5);
    char buf[8] = { 0 };
    CHECK(read(as, buf, sizeof(buf)) == 5);
    printf("%s socket: accepted, names agree, peer credentials are ours, \"%s\"\n", what, buf);
    close(as);
    close(cs);
    close(ls);
}

int main(void)
{
    ping_pong();
    seqpacket();
    pass_fd();

    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/crossrun-sys-%d.sock", (int)getpid());
    unlink(addr.sun_path);
    named("named", &addr, (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
                                      strlen(addr.sun_path) + 1));
    CHECK(unlink(addr.sun_path) == 0);

    struct sockaddr_un abs = { .sun_family = AF_UNIX };
    int n = snprintf(abs.sun_path + 1, sizeof(abs.sun_path) - 1, "crossrun-sys-%d", (int)getpid());
    named("abstract", &abs, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n));
    CHECK_SUMMARY();
    return sys_failures != 0;
}
