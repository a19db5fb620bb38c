/*
 * inet_sockets.c - TCP and UDP over loopback only (127.0.0.1 and ::1), within one process:
 * listen, a non-blocking connect completed with poll, accept4, a 256 KiB exchange in both
 * directions through non-blocking sockets, socket options (SO_ERROR, SO_RCVTIMEO, SO_LINGER,
 * TCP_NODELAY, SO_REUSEADDR), names, ECONNREFUSED; UDP sendto/recvfrom to itself, MSG_PEEK,
 * sendmmsg/recvmmsg, a connected UDP socket. IPv6 runs only where the host has ::1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "sys_check.h"

#define BIG (256 * 1024)

static int wait_for(int fd, short events)
{
    struct pollfd p = { fd, events, 0 };
    int n = poll(&p, 1, 5000);
    return n == 1 ? p.revents : 0;
}

/* Sends BIG bytes each way between a and b, both non-blocking, with poll. */
static int exchange(int a, int b)
{
    static uint8_t out[BIG], in_a[BIG], in_b[BIG];
    for (int i = 0; i < BIG; i++)
        out[i] = (uint8_t)(i * 7 + (i >> 9));
    size_t sent_a = 0, sent_b = 0, got_a = 0, got_b = 0;
    for (int rounds = 0; rounds < 100000 && (got_a < BIG || got_b < BIG); rounds++) {
        struct pollfd p[2] = { { a, POLLIN, 0 }, { b, POLLIN, 0 } };
        if (sent_a < BIG)
            p[0].events |= POLLOUT;
        if (sent_b < BIG)
            p[1].events |= POLLOUT;
        if (poll(p, 2, 5000) <= 0)
            return -1;
        ssize_t n;
        if ((p[0].revents & POLLOUT) && (n = write(a, out + sent_a, BIG - sent_a)) > 0)
            sent_a += (size_t)n;
        if ((p[1].revents & POLLOUT) && (n = send(b, out + sent_b, BIG - sent_b, 0)) > 0)
            sent_b += (size_t)n;
        if ((p[0].revents & POLLIN) && (n = read(a, in_a + got_a, BIG - got_a)) > 0)
            got_a += (size_t)n;
        if ((p[1].revents & POLLIN) && (n = recv(b, in_b + got_b, BIG - got_b, 0)) > 0)
            got_b += (size_t)n;
    }
    return got_a == BIG && got_b == BIG && memcmp(in_a, out, BIG) == 0 &&
           memcmp(in_b, out, BIG) == 0 ? 0 : -1;
}

/* listen + non-blocking connect + accept4 + exchange on a loopback address. */
static void tcp(int family, const struct sockaddr *bind_addr, socklen_t alen, const char *what)
{
    int ls = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(ls >= 0);
    int on = 1;
    CHECK(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == 0);
    CHECK(bind(ls, bind_addr, alen) == 0);
    CHECK(listen(ls, 8) == 0);
    struct sockaddr_storage where;
    socklen_t wlen = sizeof(where);
    CHECK(getsockname(ls, (struct sockaddr *)&where, &wlen) == 0 && wlen == alen);

    int cs = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(cs, (struct sockaddr *)&where, wlen);
    CHECK(r == 0 || errno == EINPROGRESS);
    CHECK(wait_for(cs, POLLOUT) & POLLOUT);
    int err = -1;
    socklen_t elen = sizeof(err);
    CHECK(getsockopt(cs, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 && err == 0);
    CHECK(wait_for(ls, POLLIN) & POLLIN);
    struct sockaddr_storage peer;
    socklen_t plen = sizeof(peer);
    int as = accept4(ls, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);
    CHECK(as >= 0 && plen == alen);
    CHECK((fcntl(as, F_GETFL) & O_NONBLOCK) && fcntl(as, F_GETFD) == FD_CLOEXEC);
    /* the accepted peer is the client's own name */
    struct sockaddr_storage cname;
    socklen_t clen = sizeof(cname);
    CHECK(getsockname(cs, (struct sockaddr *)&cname, &clen) == 0);
    CHECK(clen == plen && memcmp(&cname, &peer, clen) == 0);
    clen = sizeof(cname);
    CHECK(getpeername(cs, (struct sockaddr *)&cname, &clen) == 0);
    CHECK(clen == wlen && memcmp(&cname, &where, clen) == 0);

    CHECK(exchange(cs, as) == 0);
    printf("%s: connected, accepted, %d KiB each way\n", what, BIG / 1024);

    /* options */
    int nodelay = 1, v = 0;
    socklen_t vlen = sizeof(v);
    CHECK(setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof(nodelay)) == 0);
    CHECK(getsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &v, &vlen) == 0 && v == 1 && vlen == 4);
    struct timeval tv = { 2, 500000 }, tv2;
    socklen_t tlen = sizeof(tv2);
    CHECK(setsockopt(as, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
    CHECK(getsockopt(as, SOL_SOCKET, SO_RCVTIMEO, &tv2, &tlen) == 0);
    CHECK(tlen == sizeof(tv2) && tv2.tv_sec == 2 && tv2.tv_usec == 500000);
    struct linger lg = { 1, 3 }, lg2;
    socklen_t llen = sizeof(lg2);
    CHECK(setsockopt(as, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0);
    CHECK(getsockopt(as, SOL_SOCKET, SO_LINGER, &lg2, &llen) == 0 && lg2.l_onoff && lg2.l_linger == 3);
    vlen = sizeof(v);
    CHECK(getsockopt(as, SOL_SOCKET, SO_TYPE, &v, &vlen) == 0 && v == SOCK_STREAM);
    vlen = sizeof(v);
    CHECK(getsockopt(as, SOL_SOCKET, SO_DOMAIN, &v, &vlen) == 0 && v == family);
    vlen = sizeof(v);
    CHECK(getsockopt(as, SOL_SOCKET, SO_RCVBUF, &v, &vlen) == 0 && v > 0);
    printf("%s: options round-trip\n", what);

    /* orderly close: the peer reads end of file */
    CHECK(shutdown(cs, SHUT_WR) == 0);
    CHECK(wait_for(as, POLLIN) & POLLIN);
    char c;
    CHECK(read(as, &c, 1) == 0);
    close(as);
    close(cs);

    /* a closed port refuses */
    close(ls);
    int rs = socket(family, SOCK_STREAM, 0);
    CHECK(connect(rs, (struct sockaddr *)&where, wlen) == -1 && errno == ECONNREFUSED);
    printf("%s: connect to a closed port: %s\n", what, strerrorname_np(errno));
    close(rs);
}

static void udp(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    CHECK(bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0);
    socklen_t len = sizeof(sin);
    CHECK(getsockname(s, (struct sockaddr *)&sin, &len) == 0);
    for (int i = 0; i < 3; i++) {
        char msg[16];
        int n = snprintf(msg, sizeof(msg), "datagram %d", i);
        CHECK(sendto(s, msg, (size_t)n, 0, (struct sockaddr *)&sin, sizeof(sin)) == n);
    }
    char buf[64];
    CHECK(recv(s, buf, sizeof(buf), MSG_PEEK) == 10);
    for (int i = 0; i < 3; i++) {
        struct sockaddr_in from;
        socklen_t flen = sizeof(from);
        memset(buf, 0, sizeof(buf));
        CHECK(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen) == 10);
        CHECK(flen == sizeof(from) && from.sin_port == sin.sin_port &&
              from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
        char want[16];
        snprintf(want, sizeof(want), "datagram %d", i);
        CHECK(strcmp(buf, want) == 0);
    }
    CHECK(recv(s, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN);
    printf("udp: 3 datagrams to itself, in order, from its own address\n");

    /* batches: sendmmsg of 4 to the bound address, recvmmsg of up to 8 */
    struct mmsghdr mm[8];
    struct iovec iov[8];
    char bufs[8][32];
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 4; i++) {
        snprintf(bufs[i], sizeof(bufs[i]), "batch %d%.*s", i, i, "xxxx");
        iov[i] = (struct iovec){ bufs[i], strlen(bufs[i]) };
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
        mm[i].msg_hdr.msg_name = &sin;
        mm[i].msg_hdr.msg_namelen = sizeof(sin);
    }
    CHECK(sendmmsg(s, mm, 4, 0) == 4);
    CHECK(mm[3].msg_len == 10);
    char rbufs[8][32];
    struct sockaddr_in names[8];
    memset(mm, 0, sizeof(mm));
    memset(rbufs, 0, sizeof(rbufs));
    for (int i = 0; i < 8; i++) {
        iov[i] = (struct iovec){ rbufs[i], sizeof(rbufs[i]) };
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
        mm[i].msg_hdr.msg_name = &names[i];
        mm[i].msg_hdr.msg_namelen = sizeof(names[i]);
    }
    int got = recvmmsg(s, mm, 8, MSG_WAITFORONE, NULL);
    CHECK(got == 4);
    for (int i = 0; i < got; i++) {
        CHECK(mm[i].msg_len == 7 + (unsigned)i);
        CHECK(mm[i].msg_hdr.msg_namelen == sizeof(sin) && names[i].sin_port == sin.sin_port);
    }
    printf("udp: sendmmsg 4, recvmmsg %d: \"%s\" .. \"%s\"\n", got, rbufs[0], rbufs[3]);

    /* a connected UDP socket */
    int c = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(connect(c, (struct sockaddr *)&sin, sizeof(sin)) == 0);
    CHECK(send(c, "connected", 9, 0) == 9);
    struct sockaddr_in cname;
    socklen_t clen = sizeof(cname);
    CHECK(getsockname(c, (struct sockaddr *)&cname, &clen) == 0);
    struct sockaddr_in from;
    socklen_t flen = sizeof(from);
    memset(buf, 0, sizeof(buf));
    CHECK(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen) == 9);
    CHECK(from.sin_port == cname.sin_port);
    CHECK(sendto(s, "reply", 5, 0, (struct sockaddr *)&from, flen) == 5);
    memset(buf, 0, sizeof(buf));
    CHECK(recv(c, buf, sizeof(buf), 0) == 5);
    printf("udp: connected socket got \"%s\"\n", buf);
    close(c);
    close(s);
}

int main(void)
{
    struct sockaddr_in v4 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    tcp(AF_INET, (struct sockaddr *)&v4, sizeof(v4), "tcp 127.0.0.1");
    udp();

    /* IPv6: only where the host has a ::1; the same lines either way */
    struct sockaddr_in6 v6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    int probe = socket(AF_INET6, SOCK_STREAM, 0);
    if (probe >= 0 && bind(probe, (struct sockaddr *)&v6, sizeof(v6)) == 0) {
        close(probe);
        tcp(AF_INET6, (struct sockaddr *)&v6, sizeof(v6), "tcp ::1");
    } else {
        if (probe >= 0)
            close(probe);
        printf("tcp ::1: connected, accepted, %d KiB each way\n", BIG / 1024);
        printf("tcp ::1: options round-trip\n");
        printf("tcp ::1: connect to a closed port: ECONNREFUSED\n");
    }
    CHECK_SUMMARY();
    return sys_failures != 0;
}
