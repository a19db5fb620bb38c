/*
 * test_syscalls_net.c - sockets, event fds, scheduling/credential calls and the extra file
 * calls of the syscall layer, driven through do_syscall with a stub riscv64-named target
 * and real guest memory. Struct conversions are checked byte by byte in guest memory
 * (struct epoll_event is 16 bytes there and 12 on the host); bad guest pointers must give
 * EFAULT. Network traffic stays on loopback and socketpairs.
 */
#define TEST_MAIN
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <time.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "test.h"
#include "syscalls/internal.h"

static const struct target stub_target = { .name = "riscv64" };
static struct cpu stub_cpu = { .target = &stub_target };

/* Guest errno values (asm-generic; the same numbers as x86_64 for these). */
#define G_EPERM       1
#define G_EBADF       9
#define G_EAGAIN      11
#define G_EFAULT      14
#define G_EINVAL      22
#define G_E2BIG       7
#define G_ERANGE      34
#define G_ENODATA     61
#define G_EMSGSIZE    90
#define G_ENOPROTOOPT 92
#define G_EOPNOTSUPP  95
#define G_EINPROGRESS 115
#define G_AT_FDCWD    (-100)

#define BAD_ADDR (1ULL << 40)          /* outside the guest space */

static int64_t sc(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4, uint64_t a5)
{
    return do_syscall(&stub_cpu, nr, a0, a1, a2, a3, a4, a5);
}
#define SC0(nr)                   sc(nr, 0, 0, 0, 0, 0, 0)
#define SC1(nr, a)                sc(nr, (uint64_t)(a), 0, 0, 0, 0, 0)
#define SC2(nr, a, b)             sc(nr, (uint64_t)(a), (uint64_t)(b), 0, 0, 0, 0)
#define SC3(nr, a, b, c)          sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), 0, 0, 0)
#define SC4(nr, a, b, c, d)       sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), (uint64_t)(d), 0, 0)
#define SC5(nr, a, b, c, d, e)    sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), (uint64_t)(d), (uint64_t)(e), 0)
#define SC6(nr, a, b, c, d, e, f) sc(nr, (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), (uint64_t)(d), (uint64_t)(e), (uint64_t)(f))

static uint64_t galloc(uint64_t size)
{
    guest_mem_init();
    int64_t a = guest_mmap(0, size, GPROT_READ | GPROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a < 0) {
        printf("guest_mmap failed: %lld\n", (long long)a);
        exit(1);
    }
    return (uint64_t)a;
}

static uint64_t gstr(const char *s)
{
    uint64_t g = galloc(4096);
    copy_to_guest(g, s, strlen(s) + 1);
    return g;
}

static int32_t peek32(uint64_t ga)
{
    int32_t v = 0;
    copy_from_guest(&v, ga, 4);
    return v;
}

static uint64_t peek64(uint64_t ga)
{
    uint64_t v = 0;
    copy_from_guest(&v, ga, 8);
    return v;
}

static void poke32(uint64_t ga, uint32_t v) { copy_to_guest(ga, &v, 4); }
static void poke64(uint64_t ga, uint64_t v) { copy_to_guest(ga, &v, 8); }

/* Guest layouts, written out as a riscv64 program sees them. */
struct g_msghdr {
    uint64_t name;
    uint32_t namelen, pad0;
    uint64_t iov, iovlen, control, controllen;
    uint32_t flags, pad1;
};
struct g_mmsghdr {
    struct g_msghdr hdr;
    uint32_t len, pad;
};
_Static_assert(sizeof(struct g_msghdr) == 56 && sizeof(struct g_mmsghdr) == 64, "layouts");

static void put_msghdr(uint64_t ga, uint64_t name, uint32_t namelen, uint64_t iov,
                       uint64_t iovlen, uint64_t control, uint64_t controllen)
{
    struct g_msghdr m = { name, namelen, 0, iov, iovlen, control, controllen, 0, 0 };
    copy_to_guest(ga, &m, sizeof(m));
}

static void put_iov(uint64_t ga, uint64_t base, uint64_t len)
{
    struct guest_iovec v = { base, len };
    copy_to_guest(ga, &v, sizeof(v));
}

static char tmpdir[64];
static const char *temp_dir(void)
{
    if (!tmpdir[0]) {
        strcpy(tmpdir, "/tmp/crossrun-test-net.XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(1);
        }
    }
    return tmpdir;
}

/* ---- sockets */

TEST(net, socketpair_scm_rights)
{
    uint64_t g = galloc(65536);
    CHECK_EQ_U64(SC4(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g), 0);
    int sv[2] = { peek32(g), peek32(g + 4) };
    CHECK(sv[0] >= 0 && sv[1] >= 0 && sv[0] != sv[1]);
    CHECK(fcntl(sv[0], F_GETFD) == FD_CLOEXEC);
    CHECK_EQ_U64(SC2(SYS_pipe2, g + 8, 0), 0);
    int pipefd[2] = { peek32(g + 8), peek32(g + 12) };

    /* sendmsg: two iovecs and an SCM_RIGHTS message carrying the pipe's read end */
    copy_to_guest(g + 0x100, "ping", 4);
    copy_to_guest(g + 0x200, "-pong", 5);
    put_iov(g + 0x300, g + 0x100, 4);
    put_iov(g + 0x310, g + 0x200, 5);
    uint8_t cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof(cbuf));
    struct cmsghdr *c = (struct cmsghdr *)cbuf;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(c), &pipefd[0], sizeof(int));
    copy_to_guest(g + 0x400, cbuf, sizeof(cbuf));
    put_msghdr(g + 0x500, 0, 0, g + 0x300, 2, g + 0x400, sizeof(cbuf));
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0x500, 0), 9);

    /* recvmsg into two guest buffers and a guest control buffer prefilled with 0xee */
    put_iov(g + 0x600, g + 0x700, 3);
    put_iov(g + 0x610, g + 0x800, 100);
    uint8_t fill[64];
    memset(fill, 0xee, sizeof(fill));
    copy_to_guest(g + 0x900, fill, sizeof(fill));
    put_msghdr(g + 0xa00, 0, 0, g + 0x600, 2, g + 0x900, sizeof(fill));
    CHECK_EQ_U64(SC3(SYS_recvmsg, sv[1], g + 0xa00, MSG_CMSG_CLOEXEC), 9);
    char a3[4] = { 0 }, rest[7] = { 0 };
    copy_from_guest(a3, g + 0x700, 3);
    copy_from_guest(rest, g + 0x800, 6);
    CHECK(strcmp(a3, "pin") == 0 && strcmp(rest, "g-pong") == 0);
    struct g_msghdr back;
    copy_from_guest(&back, g + 0xa00, sizeof(back));
    CHECK_EQ_U64(back.controllen, CMSG_SPACE(sizeof(int)));
    CHECK_EQ_U64(back.flags, MSG_CMSG_CLOEXEC);   /* Linux echoes it */
    /* the cmsghdr in guest memory: len 20 at 0, level 1 at 8, type 1 at 12, fd at 16 */
    CHECK_EQ_U64(peek64(g + 0x900), 20);
    CHECK_EQ_U64(peek32(g + 0x908), SOL_SOCKET);
    CHECK_EQ_U64(peek32(g + 0x90c), SCM_RIGHTS);
    int got = peek32(g + 0x910);
    CHECK(got >= 0 && got != pipefd[0]);
    CHECK(fcntl(got, F_GETFD) == FD_CLOEXEC);
    /* bytes past the control data are untouched */
    uint8_t after = 0;
    copy_from_guest(&after, g + 0x900 + CMSG_SPACE(sizeof(int)), 1);
    CHECK_EQ_U64(after, 0xee);
    /* the received fd is the pipe */
    CHECK(write(pipefd[1], "x", 1) == 1);
    char ch = 0;
    CHECK(read(got, &ch, 1) == 1 && ch == 'x');

    /* a reserved fd cannot be sent */
    int secret = dup(2);
    syscall_reserve_fd(secret);
    memcpy(CMSG_DATA(c), &secret, sizeof(int));
    copy_to_guest(g + 0x400, cbuf, sizeof(cbuf));
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0x500, 0), -G_EBADF);

    /* bounds: iovlen past UIO_MAXIOV, control past the cap, name longer than a sockaddr */
    put_msghdr(g + 0xb00, 0, 0, g + 0x300, 1025, 0, 0);
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0xb00, 0), -G_EMSGSIZE);
    put_msghdr(g + 0xb00, 0, 0, g + 0x300, 1, g + 0x400, 1 << 20);
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0xb00, 0), -105 /* ENOBUFS */);
    put_msghdr(g + 0xb00, g + 0x100, 200, g + 0x300, 1, 0, 0);
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0xb00, 0), -G_EINVAL);

    /* bad pointers: the msghdr, an iovec base, the control buffer */
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], BAD_ADDR, 0), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_recvmsg, sv[1], BAD_ADDR, 0), -G_EFAULT);
    put_iov(g + 0xc00, BAD_ADDR, 4);
    put_msghdr(g + 0xb00, 0, 0, g + 0xc00, 1, 0, 0);
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0xb00, 0), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_recvmsg, sv[1], g + 0xb00, 0), -G_EFAULT);
    put_msghdr(g + 0xb00, 0, 0, g + 0x300, 1, BAD_ADDR, 16);
    CHECK_EQ_U64(SC3(SYS_sendmsg, sv[0], g + 0xb00, 0), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, BAD_ADDR), -G_EFAULT);

    close(got);
    close(pipefd[0]);
    close(pipefd[1]);
    close(sv[0]);
    close(sv[1]);
}

TEST(net, udp_names_and_addresses)
{
    uint64_t g = galloc(8192);
    int s = (int)SC3(SYS_socket, AF_INET, SOCK_DGRAM, 0);
    CHECK(s >= 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    copy_to_guest(g, &sin, sizeof(sin));
    CHECK_EQ_U64(SC3(SYS_bind, s, g, 129), -G_EINVAL);          /* > sockaddr_storage */
    CHECK_EQ_U64(SC3(SYS_bind, s, g, (uint32_t)-1), -G_EINVAL);
    CHECK_EQ_U64(SC3(SYS_bind, s, BAD_ADDR, sizeof(sin)), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_bind, s, g, sizeof(sin)), 0);

    /* getsockname: full length back, and a truncated copy for a short buffer */
    poke32(g + 0x100, 128);
    CHECK_EQ_U64(SC3(SYS_getsockname, s, g + 0x200, g + 0x100), 0);
    CHECK_EQ_U64(peek32(g + 0x100), sizeof(sin));
    struct sockaddr_in me;
    copy_from_guest(&me, g + 0x200, sizeof(me));
    CHECK_EQ_U64(me.sin_family, AF_INET);
    CHECK(me.sin_port != 0);
    uint8_t fill[16];
    memset(fill, 0xcc, sizeof(fill));
    copy_to_guest(g + 0x300, fill, sizeof(fill));
    poke32(g + 0x100, 4);
    CHECK_EQ_U64(SC3(SYS_getsockname, s, g + 0x300, g + 0x100), 0);
    CHECK_EQ_U64(peek32(g + 0x100), sizeof(sin));
    uint8_t part[16];
    copy_from_guest(part, g + 0x300, 16);
    CHECK(memcmp(part, &me, 4) == 0 && part[4] == 0xcc);
    poke32(g + 0x100, (uint32_t)-1);
    CHECK_EQ_U64(SC3(SYS_getsockname, s, g + 0x300, g + 0x100), -G_EINVAL);
    CHECK_EQ_U64(SC3(SYS_getsockname, s, g + 0x300, BAD_ADDR), -G_EFAULT);

    /* sendto self, recvfrom with the sender's address */
    copy_to_guest(g + 0x400, &me, sizeof(me));
    copy_to_guest(g + 0x500, "datagram", 8);
    CHECK_EQ_U64(SC6(SYS_sendto, s, g + 0x500, 8, 0, g + 0x400, sizeof(me)), 8);
    CHECK_EQ_U64(SC6(SYS_sendto, s, BAD_ADDR, 8, 0, g + 0x400, sizeof(me)), -G_EFAULT);
    poke32(g + 0x100, 128);
    CHECK_EQ_U64(SC6(SYS_recvfrom, s, g + 0x600, 100, 0, g + 0x700, g + 0x100), 8);
    char text[9] = { 0 };
    copy_from_guest(text, g + 0x600, 8);
    CHECK(strcmp(text, "datagram") == 0);
    CHECK_EQ_U64(peek32(g + 0x100), sizeof(sin));
    struct sockaddr_in from;
    copy_from_guest(&from, g + 0x700, sizeof(from));
    CHECK(from.sin_port == me.sin_port && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    CHECK_EQ_U64(SC6(SYS_recvfrom, s, g + 0x600, 100, MSG_DONTWAIT, 0, 0), -G_EAGAIN);
    close(s);
}

TEST(net, tcp_loopback_accept)
{
    uint64_t g = galloc(8192);
    int ls = (int)SC3(SYS_socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(ls >= 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    copy_to_guest(g, &sin, sizeof(sin));
    CHECK_EQ_U64(SC3(SYS_bind, ls, g, sizeof(sin)), 0);
    CHECK_EQ_U64(SC2(SYS_listen, ls, 4), 0);
    poke32(g + 0x100, 16);
    CHECK_EQ_U64(SC3(SYS_getsockname, ls, g + 0x200, g + 0x100), 0);
    /* nothing to accept yet */
    CHECK_EQ_U64(SC4(SYS_accept4, ls, 0, 0, 0), -G_EAGAIN);

    int cs = (int)SC3(SYS_socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int64_t r = SC3(SYS_connect, cs, g + 0x200, 16);
    CHECK(r == 0 || r == -G_EINPROGRESS);
    poke32(g + 0x100, 16);
    int as = -1;
    for (int i = 0; i < 1000 && as < 0; i++) {
        as = (int)SC4(SYS_accept4, ls, g + 0x300, g + 0x100, SOCK_CLOEXEC);
        if (as < 0)
            usleep(1000);
    }
    CHECK(as >= 0);
    CHECK(fcntl(as, F_GETFD) == FD_CLOEXEC);
    CHECK_EQ_U64(peek32(g + 0x100), 16);
    /* the peer of the accepted socket is the client's address */
    poke32(g + 0x400, 16);
    CHECK_EQ_U64(SC3(SYS_getsockname, cs, g + 0x500, g + 0x400), 0);
    uint8_t peer[16], client[16];
    copy_from_guest(peer, g + 0x300, 16);
    copy_from_guest(client, g + 0x500, 16);
    CHECK(memcmp(peer, client, 16) == 0);
    poke32(g + 0x400, 16);
    CHECK_EQ_U64(SC3(SYS_getpeername, as, g + 0x600, g + 0x400), 0);

    /* data, and recvfrom on a connected stream: address length 0 */
    copy_to_guest(g + 0x700, "hello", 5);
    CHECK_EQ_U64(SC6(SYS_sendto, cs, g + 0x700, 5, 0, 0, 0), 5);
    poke32(g + 0x400, 16);
    r = -G_EAGAIN;
    for (int i = 0; i < 1000 && r == -G_EAGAIN; i++) {
        r = SC6(SYS_recvfrom, as, g + 0x800, 16, 0, g + 0x900, g + 0x400);
        if (r == -G_EAGAIN)
            usleep(1000);
    }
    CHECK_EQ_U64(r, 5);
    CHECK_EQ_U64(peek32(g + 0x400), 0);
    CHECK_EQ_U64(SC2(SYS_shutdown, cs, SHUT_WR), 0);
    close(as);
    close(cs);
    close(ls);
}

TEST(net, socket_options)
{
    uint64_t g = galloc(8192);
    int s = (int)SC3(SYS_socket, AF_INET, SOCK_STREAM, 0);
    CHECK(s >= 0);
    /* SO_RCVTIMEO: struct timeval, 16 bytes on both sides */
    poke64(g, 3);
    poke64(g + 8, 500000);
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, g, 16), 0);
    poke32(g + 0x100, 16);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_RCVTIMEO, g + 0x200, g + 0x100), 0);
    CHECK_EQ_U64(peek32(g + 0x100), 16);
    CHECK_EQ_U64(peek64(g + 0x200), 3);
    CHECK_EQ_U64(peek64(g + 0x208), 500000);
    /* SO_LINGER { int onoff; int linger } */
    poke32(g, 1);
    poke32(g + 4, 7);
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, SOL_SOCKET, SO_LINGER, g, 8), 0);
    poke32(g + 0x100, 8);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_LINGER, g + 0x200, g + 0x100), 0);
    CHECK_EQ_U64(peek32(g + 0x204), 7);
    /* SO_TYPE, TCP_NODELAY */
    poke32(g + 0x100, 4);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, g + 0x200, g + 0x100), 0);
    CHECK_EQ_U64(peek32(g + 0x200), SOCK_STREAM);
    poke32(g, 1);
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, 6 /* SOL_TCP */, 1 /* TCP_NODELAY */, g, 4), 0);
    /* a classic BPF filter: the program pointer is translated */
    struct sock_filter accept_all = BPF_STMT(BPF_RET | BPF_K, 0xffffffff);
    copy_to_guest(g + 0x300, &accept_all, sizeof(accept_all));
    uint8_t fprog[16] = { 0 };
    uint16_t one = 1;
    uint64_t prog = g + 0x300;
    memcpy(fprog, &one, 2);
    memcpy(fprog + 8, &prog, 8);
    copy_to_guest(g + 0x400, fprog, sizeof(fprog));
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, SOL_SOCKET, SO_ATTACH_FILTER, g + 0x400, 16), 0);
    /* SO_GET_FILTER (the same number) reads the program back: length in instructions */
    poke32(g + 0x100, 0);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_GET_FILTER, g + 0x500, g + 0x100), 0);
    CHECK_EQ_U64(peek32(g + 0x100), 1);
    uint64_t bad = BAD_ADDR;
    memcpy(fprog + 8, &bad, 8);
    copy_to_guest(g + 0x400, fprog, sizeof(fprog));
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, SOL_SOCKET, SO_ATTACH_FILTER, g + 0x400, 16), -G_EFAULT);
    /* errors: bad value/length pointers, negative length, unknown level */
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, SOL_SOCKET, SO_LINGER, BAD_ADDR, 8), -G_EFAULT);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, g + 0x200, BAD_ADDR), -G_EFAULT);
    poke32(g + 0x100, 4);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, BAD_ADDR, g + 0x100), -G_EFAULT);
    poke32(g + 0x100, (uint32_t)-1);
    CHECK_EQ_U64(SC5(SYS_getsockopt, s, SOL_SOCKET, SO_TYPE, g + 0x200, g + 0x100), -G_EINVAL);
    CHECK_EQ_U64(SC5(SYS_setsockopt, s, 12345, 1, g, 4), -G_ENOPROTOOPT);
    close(s);
}

TEST(net, sendmmsg_recvmmsg)
{
    uint64_t g = galloc(16384);
    CHECK_EQ_U64(SC4(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, g), 0);
    int sv[2] = { peek32(g), peek32(g + 4) };
    const char *words[3] = { "one", "three", "seven!!" };
    for (int i = 0; i < 3; i++) {
        copy_to_guest(g + 0x100 + 0x40 * i, words[i], strlen(words[i]));
        put_iov(g + 0x400 + 16 * i, g + 0x100 + 0x40 * i, strlen(words[i]));
        struct g_mmsghdr m = { { 0, 0, 0, g + 0x400 + 16 * i, 1, 0, 0, 0, 0 }, 0xdead, 0 };
        copy_to_guest(g + 0x800 + 64 * i, &m, sizeof(m));
    }
    CHECK_EQ_U64(SC4(SYS_sendmmsg, sv[0], g + 0x800, 3, 0), 3);
    for (int i = 0; i < 3; i++)
        CHECK_EQ_U64(peek32(g + 0x800 + 64 * i + 56), strlen(words[i]));

    for (int i = 0; i < 4; i++) {
        put_iov(g + 0x1000 + 16 * i, g + 0x2000 + 0x100 * i, 64);
        struct g_mmsghdr m = { { 0, 0, 0, g + 0x1000 + 16 * i, 1, 0, 0, 0, 0 }, 0, 0 };
        copy_to_guest(g + 0x1800 + 64 * i, &m, sizeof(m));
    }
    /* MSG_WAITFORONE: three waiting, four slots, returns the three */
    CHECK_EQ_U64(SC5(SYS_recvmmsg, sv[1], g + 0x1800, 4, 0x10000, 0), 3);
    for (int i = 0; i < 3; i++) {
        char w[16] = { 0 };
        copy_from_guest(w, g + 0x2000 + 0x100 * i, strlen(words[i]));
        CHECK(strcmp(w, words[i]) == 0);
        CHECK_EQ_U64(peek32(g + 0x1800 + 64 * i + 56), strlen(words[i]));
    }
    /* nothing left: the first receive's error */
    CHECK_EQ_U64(SC5(SYS_recvmmsg, sv[1], g + 0x1800, 4, MSG_DONTWAIT, 0), -G_EAGAIN);
    /* a timeout that is not a timespec */
    poke64(g + 0x3000, 0);
    poke64(g + 0x3008, 2000000000);
    CHECK_EQ_U64(SC5(SYS_recvmmsg, sv[1], g + 0x1800, 4, 0, g + 0x3000), -G_EINVAL);
    CHECK_EQ_U64(SC5(SYS_recvmmsg, sv[1], g + 0x1800, 4, 0, BAD_ADDR), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_sendmmsg, sv[0], BAD_ADDR, 2, 0), -G_EFAULT);
    close(sv[0]);
    close(sv[1]);
}

TEST(net, netlink_route_dump)
{
    uint64_t g = galloc(65536);
    int s = (int)SC3(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    CHECK(s >= 0);
    struct {
        struct nlmsghdr nh;
        struct ifinfomsg ifi;
    } req = {
        .nh = { .nlmsg_len = sizeof(req), .nlmsg_type = RTM_GETLINK,
                .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
        .ifi = { .ifi_family = AF_UNSPEC },
    };
    copy_to_guest(g, &req, sizeof(req));
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    copy_to_guest(g + 0x100, &kernel, sizeof(kernel));
    CHECK_EQ_U64(SC6(SYS_sendto, s, g, sizeof(req), 0, g + 0x100, sizeof(kernel)), sizeof(req));
    bool found_lo = false, done = false;
    for (int round = 0; round < 50 && !done; round++) {
        int64_t n = SC6(SYS_recvfrom, s, g + 0x1000, 32768, 0, 0, 0);
        CHECK(n > 0);
        if (n <= 0)
            break;
        static uint8_t buf[32768];
        copy_from_guest(buf, g + 0x1000, (size_t)n);
        for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (unsigned)n);
             nh = NLMSG_NEXT(nh, n)) {
            if (nh->nlmsg_type == NLMSG_DONE || nh->nlmsg_type == NLMSG_ERROR) {
                done = true;
                break;
            }
            struct ifinfomsg *ifi = NLMSG_DATA(nh);
            int len = (int)(nh->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi)));
            for (struct rtattr *ra = IFLA_RTA(ifi); RTA_OK(ra, len); ra = RTA_NEXT(ra, len))
                if (ra->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(ra), "lo") == 0)
                    found_lo = true;
        }
    }
    CHECK(done);
    CHECK(found_lo);
    close(s);
}

TEST(net, interface_ioctls)
{
    uint64_t g = galloc(16384);
    int s = (int)SC3(SYS_socket, AF_INET, SOCK_DGRAM, 0);
    CHECK(s >= 0);
    /* struct ifreq: 40 bytes, name first */
    uint8_t ifr[40] = { 0 };
    memcpy(ifr, "lo", 3);
    copy_to_guest(g, ifr, sizeof(ifr));
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x8933 /* SIOCGIFINDEX */, g), 0);
    CHECK(peek32(g + 16) >= 1);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x8913 /* SIOCGIFFLAGS */, g), 0);
    CHECK(peek32(g + 16) & 0x8 /* IFF_LOOPBACK */);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x8913, BAD_ADDR), -G_EFAULT);
    /* not a socket */
    CHECK_EQ_U64(SC2(SYS_pipe2, g + 0x100, 0), 0);
    CHECK_EQ_U64(SC3(SYS_ioctl, peek32(g + 0x100), 0x8913, g), -25 /* ENOTTY */);
    close(peek32(g + 0x100));
    close(peek32(g + 0x104));
    /* SIOCGIFCONF: { int len; pad; pointer } with the pointer translated */
    poke32(g + 0x200, 0);
    poke64(g + 0x208, 0);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x8912, g + 0x200), 0);
    int need = peek32(g + 0x200);
    CHECK(need >= 40 && need % 40 == 0);
    poke32(g + 0x200, 40 * 64);
    poke64(g + 0x208, g + 0x1000);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x8912, g + 0x200), 0);
    int got = peek32(g + 0x200);
    bool lo = false;
    for (int i = 0; i < got / 40; i++) {
        char name[17] = { 0 };
        copy_from_guest(name, g + 0x1000 + 40 * (uint64_t)i, 16);
        if (strcmp(name, "lo") == 0)
            lo = true;
    }
    CHECK(lo);
    poke64(g + 0x208, BAD_ADDR);
    CHECK_EQ_U64(SC3(SYS_ioctl, s, 0x8912, g + 0x200), -G_EFAULT);
    close(s);
}

TEST(net, recvmsg_without_control_buffer)
{
    uint64_t g = galloc(8192);
    CHECK_EQ_U64(SC4(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, g), 0);
    int sv[2] = { peek32(g), peek32(g + 4) };
    int p[2];
    CHECK(pipe(p) == 0);
    /* send an fd, receive with msg_control NULL but a length: no fd arrives, MSG_CTRUNC */
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    struct iovec iov = { "x", 1 };
    union { struct cmsghdr c; char b[CMSG_SPACE(sizeof(int))]; } u;
    memset(&u, 0, sizeof(u));
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.b;
    m.msg_controllen = sizeof(u.b);
    CMSG_FIRSTHDR(&m)->cmsg_len = CMSG_LEN(sizeof(int));
    CMSG_FIRSTHDR(&m)->cmsg_level = SOL_SOCKET;
    CMSG_FIRSTHDR(&m)->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(CMSG_FIRSTHDR(&m)), &p[0], sizeof(int));
    CHECK(sendmsg(sv[0], &m, 0) == 1);
    put_iov(g + 0x100, g + 0x200, 16);
    put_msghdr(g + 0x300, 0, 0, g + 0x100, 1, 0, 64);
    CHECK_EQ_U64(SC3(SYS_recvmsg, sv[1], g + 0x300, 0), 1);
    struct g_msghdr back;
    copy_from_guest(&back, g + 0x300, sizeof(back));
    CHECK_EQ_U64(back.controllen, 0);
    CHECK(back.flags & MSG_CTRUNC);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

/* ---- event fds */

TEST(event, epoll_layout)
{
    uint64_t g = galloc(8192);
    int ep = (int)SC1(SYS_epoll_create1, GO_CLOEXEC);
    CHECK(ep >= 0);
    CHECK(fcntl(ep, F_GETFD) == FD_CLOEXEC);
    CHECK_EQ_U64(SC2(SYS_pipe2, g, 0), 0);
    int p[2] = { peek32(g), peek32(g + 4) };
    int efd = (int)SC2(SYS_eventfd2, 3, 0);
    CHECK(efd >= 0);

    /* guest epoll_event: events at 0, 4 bytes of padding, data at 8 */
    poke32(g + 0x100, EPOLLIN);
    poke32(g + 0x104, 0x5a5a5a5a);       /* padding: ignored */
    poke64(g + 0x108, 0x1122334455667788ULL);
    CHECK_EQ_U64(SC4(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], g + 0x100), 0);
    poke32(g + 0x100, EPOLLIN | EPOLLOUT);
    poke64(g + 0x108, 0xa1b2c3d4e5f60718ULL);
    CHECK_EQ_U64(SC4(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, efd, g + 0x100), 0);
    CHECK_EQ_U64(SC4(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], BAD_ADDR), -G_EFAULT);
    CHECK(write(p[1], "!", 1) == 1);

    uint8_t fill[4 * 16];
    memset(fill, 0xaa, sizeof(fill));
    copy_to_guest(g + 0x200, fill, sizeof(fill));
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 4, 0, 0, 8), 2);
    uint8_t ev[4 * 16];
    copy_from_guest(ev, g + 0x200, sizeof(ev));
    bool seen_pipe = false, seen_efd = false;
    for (int i = 0; i < 2; i++) {
        uint8_t *e = ev + 16 * i;
        uint32_t events;
        uint64_t data;
        memcpy(&events, e, 4);
        memcpy(&data, e + 8, 8);
        CHECK(e[4] == 0 && e[5] == 0 && e[6] == 0 && e[7] == 0);     /* padding zeroed */
        if (data == 0x1122334455667788ULL) {
            seen_pipe = true;
            CHECK_EQ_U64(events, EPOLLIN);
        } else if (data == 0xa1b2c3d4e5f60718ULL) {
            seen_efd = true;
            CHECK_EQ_U64(events, EPOLLIN | EPOLLOUT);
        }
    }
    CHECK(seen_pipe && seen_efd);
    for (int i = 32; i < 64; i++)       /* slots 2 and 3: untouched */
        CHECK(ev[i] == 0xaa);

    /* maxevents bounds the count; epoll_pwait2 with a zero timespec */
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 1, 0, 0, 8), 1);
    poke64(g + 0x300, 0);
    poke64(g + 0x308, 0);
    int64_t r = SC6(SYS_epoll_pwait2, ep, g + 0x200, 4, g + 0x300, 0, 8);
    CHECK(r == 2 || r == -38 /* host without epoll_pwait2 */);
    /* a temporary mask */
    poke64(g + 0x310, 0);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 4, 0, g + 0x310, 8), 2);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 4, 0, g + 0x310, 4), -G_EINVAL);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 4, 0, BAD_ADDR, 8), -G_EFAULT);

    /* bounds and bad pointers */
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 0, 0, 0, 8), -G_EINVAL);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, -1, 0, 0, 8), -G_EINVAL);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, BAD_ADDR, 4, 0, 0, 8), -G_EFAULT);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, GUEST_SPACE - 32, 4, 0, 0, 8), -G_EFAULT);

    /* MOD and DEL (DEL ignores the event pointer) */
    poke32(g + 0x100, EPOLLOUT);
    poke64(g + 0x108, 42);
    CHECK_EQ_U64(SC4(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, p[0], g + 0x100), 0);
    CHECK_EQ_U64(SC4(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, efd, 0), 0);
    CHECK_EQ_U64(SC6(SYS_epoll_pwait, ep, g + 0x200, 4, 0, 0, 8), 0);
    close(ep);
    close(p[0]);
    close(p[1]);
    close(efd);
}

TEST(event, eventfd)
{
    uint64_t g = galloc(4096);
    int efd = (int)SC2(SYS_eventfd2, 5, GO_NONBLOCK | GO_CLOEXEC);
    CHECK(efd >= 0);
    CHECK_EQ_U64(SC3(SYS_read, efd, g, 8), 8);
    CHECK_EQ_U64(peek64(g), 5);
    CHECK_EQ_U64(SC3(SYS_read, efd, g, 8), -G_EAGAIN);
    poke64(g, 7);
    CHECK_EQ_U64(SC3(SYS_write, efd, g, 8), 8);
    CHECK_EQ_U64(SC3(SYS_write, efd, g, 8), 8);
    CHECK_EQ_U64(SC3(SYS_read, efd, g + 8, 8), 8);
    CHECK_EQ_U64(peek64(g + 8), 14);
    close(efd);
    /* EFD_SEMAPHORE: one at a time */
    efd = (int)SC2(SYS_eventfd2, 2, 1 | GO_NONBLOCK);
    CHECK_EQ_U64(SC3(SYS_read, efd, g, 8), 8);
    CHECK_EQ_U64(peek64(g), 1);
    CHECK_EQ_U64(SC3(SYS_read, efd, g, 8), 8);
    CHECK_EQ_U64(SC3(SYS_read, efd, g, 8), -G_EAGAIN);
    close(efd);
    CHECK_EQ_U64(SC2(SYS_eventfd2, 0, 0x40000000), -G_EINVAL);
}

TEST(event, timerfd_expires)
{
    uint64_t g = galloc(4096);
    int tfd = (int)SC2(SYS_timerfd_create, CLOCK_MONOTONIC, GO_CLOEXEC);
    CHECK(tfd >= 0);
    /* it_interval 0, it_value 20 ms */
    struct guest_timespec its[2] = { { 0, 0 }, { 0, 20000000 } };
    copy_to_guest(g, its, sizeof(its));
    uint8_t fill[32];
    memset(fill, 0x77, sizeof(fill));
    copy_to_guest(g + 0x100, fill, sizeof(fill));
    CHECK_EQ_U64(SC4(SYS_timerfd_settime, tfd, 0, g, g + 0x100), 0);
    CHECK_EQ_U64(peek64(g + 0x100), 0);      /* old value: disarmed, all zero */
    CHECK_EQ_U64(peek64(g + 0x118), 0);
    CHECK_EQ_U64(SC2(SYS_timerfd_gettime, tfd, g + 0x200), 0);
    int64_t left = (int64_t)peek64(g + 0x218);
    CHECK(peek64(g + 0x210) == 0 && left > 0 && left <= 20000000);
    /* a blocking read returns after expiry with the count 1 */
    CHECK_EQ_U64(SC3(SYS_read, tfd, g + 0x300, 8), 8);
    CHECK_EQ_U64(peek64(g + 0x300), 1);
    /* bad pointers */
    CHECK_EQ_U64(SC4(SYS_timerfd_settime, tfd, 0, BAD_ADDR, 0), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_timerfd_settime, tfd, 0, g, BAD_ADDR), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_timerfd_gettime, tfd, BAD_ADDR), -G_EFAULT);
    /* an invalid it_value */
    struct guest_timespec badts[2] = { { 0, 0 }, { 0, 1000000000 } };
    copy_to_guest(g, badts, sizeof(badts));
    CHECK_EQ_U64(SC4(SYS_timerfd_settime, tfd, 0, g, 0), -G_EINVAL);
    close(tfd);
}

TEST(event, signalfd_blocked_signal)
{
    uint64_t g = galloc(4096);
    uint64_t usr1 = 1ULL << (SIGUSR1 - 1);
    poke64(g, usr1);
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 0 /* SIG_BLOCK */, g, 0, 8), 0);
    int sfd = (int)SC4(SYS_signalfd4, -1, g, 8, GO_NONBLOCK);
    CHECK(sfd >= 0);
    CHECK_EQ_U64(SC4(SYS_signalfd4, -1, g, 4, 0), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_signalfd4, -1, BAD_ADDR, 8, 0), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_read, sfd, g + 0x100, 128), -G_EAGAIN);
    /* the guest sends itself SIGUSR1: it waits, the signalfd sees it, a read takes it */
    CHECK_EQ_U64(SC2(SYS_kill, getpid(), SIGUSR1), 0);
    CHECK_EQ_U64(SC2(SYS_rt_sigpending, g + 8, 8), 0);
    CHECK_EQ_U64(peek64(g + 8), usr1);
    struct guest_pollfd pfd = { sfd, POLLIN, 0 };
    copy_to_guest(g + 0x200, &pfd, sizeof(pfd));
    CHECK_EQ_U64(SC5(SYS_ppoll, g + 0x200, 1, 0, 0, 8), 1);
    CHECK_EQ_U64(SC3(SYS_read, sfd, g + 0x100, 128), 128);
    CHECK_EQ_U64(peek32(g + 0x100), SIGUSR1);              /* ssi_signo */
    CHECK_EQ_U64(peek32(g + 0x108), 0);                    /* ssi_code SI_USER */
    CHECK_EQ_U64(peek32(g + 0x10c), getpid());             /* ssi_pid */
    CHECK_EQ_U64(SC2(SYS_rt_sigpending, g + 8, 8), 0);
    CHECK_EQ_U64(peek64(g + 8), 0);
    /* unblocking with nothing pending: nothing happens */
    CHECK_EQ_U64(SC4(SYS_rt_sigprocmask, 1 /* SIG_UNBLOCK */, g, 0, 8), 0);
    close(sfd);
}

TEST(event, inotify)
{
    uint64_t g = galloc(8192);
    char dir[256], file[300];
    snprintf(dir, sizeof(dir), "%s/watched", temp_dir());
    CHECK(mkdir(dir, 0700) == 0);
    int ifd = (int)SC1(SYS_inotify_init1, GO_NONBLOCK);
    CHECK(ifd >= 0);
    int wd = (int)SC3(SYS_inotify_add_watch, ifd, gstr(dir), IN_CREATE | IN_DELETE);
    CHECK(wd >= 1);
    CHECK_EQ_U64(SC3(SYS_inotify_add_watch, ifd, BAD_ADDR, IN_CREATE), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_read, ifd, g, 4096), -G_EAGAIN);
    snprintf(file, sizeof(file), "%s/new-file", dir);
    int fd = open(file, O_CREAT | O_WRONLY, 0600);
    close(fd);
    int64_t n = SC3(SYS_read, ifd, g, 4096);
    CHECK(n >= 16 + 9);
    CHECK_EQ_U64(peek32(g), wd);
    CHECK_EQ_U64(peek32(g + 4), IN_CREATE);
    char name[16] = { 0 };
    copy_from_guest(name, g + 16, 9);
    CHECK(strcmp(name, "new-file") == 0);
    CHECK_EQ_U64(SC2(SYS_inotify_rm_watch, ifd, wd), 0);
    CHECK_EQ_U64(SC2(SYS_inotify_rm_watch, ifd, wd), -G_EINVAL);
    unlink(file);
    rmdir(dir);
    close(ifd);
}

TEST(event, pselect_ppoll_with_mask)
{
    uint64_t g = galloc(4096);
    CHECK_EQ_U64(SC2(SYS_pipe2, g, 0), 0);
    int p[2] = { peek32(g), peek32(g + 4) };
    CHECK(write(p[1], "z", 1) == 1);
    /* pselect6 with a sigmask argument { &mask, 8 } */
    uint64_t fds = 1ULL << p[0];
    poke64(g + 0x100, fds);
    poke64(g + 0x200, 0);                 /* timeout 0 */
    poke64(g + 0x208, 0);
    poke64(g + 0x300, 0);                 /* the mask */
    poke64(g + 0x310, g + 0x300);
    poke64(g + 0x318, 8);
    CHECK_EQ_U64(SC6(SYS_pselect6, p[0] + 1, g + 0x100, 0, 0, g + 0x200, g + 0x310), 1);
    CHECK_EQ_U64(peek64(g + 0x100), fds);
    poke64(g + 0x318, 4);
    CHECK_EQ_U64(SC6(SYS_pselect6, p[0] + 1, g + 0x100, 0, 0, g + 0x200, g + 0x310), -G_EINVAL);
    close(p[0]);
    close(p[1]);
}

/* ---- scheduling, credentials, personality, prctl */

TEST(sched, scheduling_calls)
{
    uint64_t g = galloc(8192);
    CHECK_EQ_U64(SC1(SYS_sched_getscheduler, 0), SCHED_OTHER);
    CHECK_EQ_U64(SC1(SYS_sched_get_priority_max, SCHED_FIFO), 99);
    CHECK_EQ_U64(SC1(SYS_sched_get_priority_min, SCHED_FIFO), 1);
    poke32(g, 0x55);
    CHECK_EQ_U64(SC2(SYS_sched_getparam, 0, g), 0);
    CHECK_EQ_U64(peek32(g), 0);
    CHECK_EQ_U64(SC2(SYS_sched_getparam, 0, BAD_ADDR), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_sched_getparam, -1, g), -G_EINVAL);
    poke32(g, 0);
    CHECK_EQ_U64(SC3(SYS_sched_setscheduler, 0, SCHED_OTHER, g), 0);
    CHECK_EQ_U64(SC3(SYS_sched_setscheduler, 0, SCHED_OTHER, BAD_ADDR), -G_EFAULT);
    CHECK_EQ_U64(SC2(SYS_sched_setparam, 0, g), 0);
    CHECK_EQ_U64(SC2(SYS_sched_rr_get_interval, 0, g + 0x100), 0);
    CHECK_EQ_U64(SC2(SYS_sched_rr_get_interval, 0, BAD_ADDR), -G_EFAULT);
    /* sched_getattr zero-fills past what the kernel knows */
    uint8_t fill[128];
    memset(fill, 0x33, sizeof(fill));
    copy_to_guest(g + 0x200, fill, sizeof(fill));
    CHECK_EQ_U64(SC4(SYS_sched_getattr, 0, g + 0x200, 128, 0), 0);
    uint32_t size = (uint32_t)peek32(g + 0x200);
    CHECK(size >= 48 && size <= 128);
    CHECK_EQ_U64(peek32(g + 0x204), SCHED_OTHER);
    CHECK_EQ_U64(peek64(g + 0x200 + 120), 0);
    CHECK_EQ_U64(SC4(SYS_sched_getattr, 0, g + 0x200, 8, 0), -G_EINVAL);
    CHECK_EQ_U64(SC4(SYS_sched_getattr, 0, BAD_ADDR, 48, 0), -G_EFAULT);
    /* affinity: what getaffinity says can be set back */
    int64_t n = SC3(SYS_sched_getaffinity, 0, 128, g + 0x400);
    CHECK(n > 0);
    CHECK_EQ_U64(SC3(SYS_sched_setaffinity, 0, n, g + 0x400), 0);
    CHECK_EQ_U64(SC3(SYS_sched_setaffinity, 0, 128, BAD_ADDR), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_setpriority, 0 /* PRIO_PROCESS */, 0, 0), 0);
    CHECK(SC2(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0) >= 0);
}

TEST(sched, credentials_and_caps)
{
    uint64_t g = galloc(4096);
    /* -1 everywhere: no change, allowed for anyone */
    CHECK_EQ_U64(SC3(SYS_setresuid, -1, -1, -1), 0);
    CHECK_EQ_U64(SC3(SYS_setresgid, -1, -1, -1), 0);
    CHECK_EQ_U64(SC2(SYS_setreuid, -1, -1), 0);
    CHECK_EQ_U64(SC1(SYS_setuid, getuid()), 0);
    CHECK_EQ_U64(SC1(SYS_setgid, getgid()), 0);
    CHECK_EQ_U64(SC1(SYS_setfsuid, -1), getuid());     /* query: the current fsuid */
    CHECK_EQ_U64(SC2(SYS_setgroups, -1, g), -G_EINVAL);
    CHECK_EQ_U64(SC2(SYS_setgroups, 70000, g), -G_EINVAL);
    if (getuid() != 0)
        CHECK_EQ_U64(SC2(SYS_setgroups, 1, BAD_ADDR), -G_EFAULT);

    /* capget: header { version, pid }, two data triples for v3 */
    poke32(g, 0x20080522);
    poke32(g + 4, 0);
    CHECK_EQ_U64(SC2(SYS_capget, g, g + 0x100), 0);
    struct __user_cap_header_struct { uint32_t v; int pid; } h = { 0x20080522, 0 };
    uint32_t data[6];
    CHECK(syscall(__NR_capget, &h, data) == 0);
    uint32_t gdata[6];
    copy_from_guest(gdata, g + 0x100, sizeof(gdata));
    CHECK(memcmp(data, gdata, sizeof(data)) == 0);
    /* an unknown version: Linux says its own, EINVAL (0 with no data pointer) */
    poke32(g, 0x12345);
    CHECK_EQ_U64(SC2(SYS_capget, g, g + 0x100), -G_EINVAL);
    CHECK_EQ_U64(peek32(g), 0x20080522);
    poke32(g, 0x12345);
    CHECK_EQ_U64(SC2(SYS_capget, g, 0), 0);
    CHECK_EQ_U64(SC2(SYS_capget, BAD_ADDR, g + 0x100), -G_EFAULT);
    /* capset to what we have: allowed */
    poke32(g, 0x20080522);
    CHECK_EQ_U64(SC2(SYS_capset, g, g + 0x100), 0);
    CHECK_EQ_U64(SC2(SYS_capset, g, BAD_ADDR), -G_EFAULT);
}

TEST(sched, personality_and_prctl)
{
    uint64_t g = galloc(4096);
    CHECK_EQ_U64(SC1(SYS_personality, 0xffffffff), 0);
    CHECK_EQ_U64(SC1(SYS_personality, 0x0040000 /* ADDR_NO_RANDOMIZE */), 0);
    CHECK_EQ_U64(SC1(SYS_personality, 0xffffffff), 0x0040000);
    CHECK_EQ_U64(SC1(SYS_personality, 0), 0x0040000);
    CHECK_EQ_U64(SC1(SYS_personality, 0xffffffff), 0);

    /* PR_GET_TID_ADDRESS gives the guest's clear_child_tid */
    CHECK_EQ_U64(SC1(SYS_set_tid_address, g + 0x40), getpid());
    CHECK_EQ_U64(SC2(SYS_prctl, 40, g), 0);
    CHECK_EQ_U64(peek64(g), g + 0x40);
    CHECK_EQ_U64(SC2(SYS_prctl, 40, BAD_ADDR), -G_EFAULT);
    /* never forwarded */
    CHECK_EQ_U64(SC3(SYS_prctl, 22 /* PR_SET_SECCOMP */, 2, g), -G_EINVAL);
    CHECK_EQ_U64(SC2(SYS_prctl, 35 /* PR_SET_MM */, 1), -G_EINVAL);
    /* forwarded */
    CHECK(SC1(SYS_prctl, 27 /* PR_GET_SECUREBITS */) >= 0);
    CHECK_EQ_U64(SC1(SYS_prctl, 3 /* PR_GET_DUMPABLE */), prctl(PR_GET_DUMPABLE));
    /* PR_GET_AUXV: the guest's auxv */
    uint64_t auxv[4] = { 6, 4096, 0, 0 };
    copy_to_guest(g + 0x100, auxv, sizeof(auxv));
    guest_process.auxv_addr = g + 0x100;
    guest_process.auxv_len = sizeof(auxv);
    CHECK_EQ_U64(SC5(SYS_prctl, 0x41555856, g + 0x200, 16, 0, 0), 32);
    CHECK_EQ_U64(peek64(g + 0x200), 6);
    CHECK_EQ_U64(peek64(g + 0x208), 4096);
    CHECK_EQ_U64(peek64(g + 0x210), 0);
    CHECK_EQ_U64(SC5(SYS_prctl, 0x41555856, g + 0x200, 16, 1, 0), -G_EINVAL);
    guest_process.auxv_addr = guest_process.auxv_len = 0;
    /* syslog: size of the buffer is allowed to ask, or refused by the host */
    int64_t r = SC3(SYS_syslog, 10 /* SIZE_BUFFER */, 0, 0);
    CHECK(r > 0 || r == -G_EPERM);
    CHECK_EQ_U64(SC3(SYS_syslog, 3, BAD_ADDR, 100), -G_EFAULT);
}

/* ---- the extra file calls */

TEST(files, memfd_copy_splice)
{
    uint64_t g = galloc(16384);
    int mfd = (int)SC2(SYS_memfd_create, gstr("crossrun-test"), 1 /* MFD_CLOEXEC */);
    CHECK(mfd >= 0);
    CHECK(fcntl(mfd, F_GETFD) == FD_CLOEXEC);
    char longname[300];
    memset(longname, 'n', sizeof(longname) - 1);
    longname[299] = 0;
    CHECK_EQ_U64(SC2(SYS_memfd_create, gstr(longname), 0), -G_EINVAL);
    CHECK_EQ_U64(SC2(SYS_memfd_create, BAD_ADDR, 0), -G_EFAULT);
    copy_to_guest(g, "0123456789abcdef", 16);
    CHECK_EQ_U64(SC3(SYS_write, mfd, g, 16), 16);

    /* copy_file_range between two files of one filesystem, with both offsets: they are
     * written back */
    char path[256], srcpath[256];
    snprintf(path, sizeof(path), "%s/copy-target", temp_dir());
    snprintf(srcpath, sizeof(srcpath), "%s/copy-source", temp_dir());
    int out = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    int src = open(srcpath, O_CREAT | O_RDWR | O_TRUNC, 0600);
    CHECK(out >= 0 && src >= 0);
    CHECK(write(src, "0123456789abcdef", 16) == 16);
    poke64(g + 0x100, 4);
    poke64(g + 0x108, 2);
    int64_t r = SC6(SYS_copy_file_range, src, g + 0x100, out, g + 0x108, 6, 0);
    CHECK_EQ_U64(r, 6);
    CHECK_EQ_U64(peek64(g + 0x100), 10);
    CHECK_EQ_U64(peek64(g + 0x108), 8);
    char back[9] = { 0 };
    CHECK(pread(out, back, 8, 0) == 8);
    CHECK(memcmp(back + 2, "456789", 6) == 0);
    CHECK_EQ_U64(SC6(SYS_copy_file_range, src, BAD_ADDR, out, 0, 6, 0), -G_EFAULT);
    close(src);
    unlink(srcpath);

    /* splice file -> pipe with an offset, tee pipe -> pipe, vmsplice guest memory -> pipe */
    CHECK_EQ_U64(SC2(SYS_pipe2, g + 0x200, 0), 0);
    int p[2] = { peek32(g + 0x200), peek32(g + 0x204) };
    CHECK_EQ_U64(SC2(SYS_pipe2, g + 0x208, 0), 0);
    int q[2] = { peek32(g + 0x208), peek32(g + 0x20c) };
    poke64(g + 0x300, 10);
    CHECK_EQ_U64(SC6(SYS_splice, mfd, g + 0x300, p[1], 0, 3, 0), 3);
    CHECK_EQ_U64(peek64(g + 0x300), 13);
    CHECK_EQ_U64(SC4(SYS_tee, p[0], q[1], 3, 0), 3);
    char t[4] = { 0 };
    CHECK(read(q[0], t, 3) == 3 && strcmp(t, "abc") == 0);
    memset(t, 0, sizeof(t));
    CHECK(read(p[0], t, 3) == 3 && strcmp(t, "abc") == 0);
    put_iov(g + 0x400, g + 4, 2);
    put_iov(g + 0x410, g + 12, 2);
    CHECK_EQ_U64(SC4(SYS_vmsplice, p[1], g + 0x400, 2, 0), 4);
    memset(t, 0, sizeof(t));
    CHECK(read(p[0], t, 4) == 4 && memcmp(t, "45cd", 4) == 0);
    CHECK_EQ_U64(SC4(SYS_vmsplice, p[1], g + 0x400, 2000, 0), -G_EINVAL);
    put_iov(g + 0x420, BAD_ADDR, 2);
    CHECK_EQ_U64(SC4(SYS_vmsplice, p[1], g + 0x420, 1, 0), -G_EFAULT);

    CHECK_EQ_U64(SC1(SYS_syncfs, out), 0);
    CHECK_EQ_U64(SC4(SYS_sync_file_range, out, 0, 0, 0), 0);
    CHECK_EQ_U64(SC3(SYS_readahead, out, 0, 8), 0);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
    close(out);
    close(mfd);
    unlink(path);
}

TEST(files, xattr_limits)
{
    uint64_t g = galloc(4096);
    char path[256];
    snprintf(path, sizeof(path), "%s/xattr-file", temp_dir());
    close(open(path, O_CREAT | O_WRONLY, 0600));
    uint64_t gp = gstr(path);
    uint64_t name = gstr("user.crossrun");
    /* a missing attribute: ENODATA where the filesystem has user xattrs, else ENOTSUP */
    int64_t r = SC4(SYS_getxattr, gp, name, g, 100);
    CHECK(r == -G_ENODATA || r == -G_EOPNOTSUPP);
    copy_to_guest(g, "value", 5);
    r = SC5(SYS_setxattr, gp, name, g, 5, 0);
    if (r == 0) {
        CHECK_EQ_U64(SC4(SYS_getxattr, gp, name, g + 0x100, 100), 5);
        CHECK_EQ_U64(SC4(SYS_getxattr, gp, name, 0, 0), 5);
        CHECK_EQ_U64(SC4(SYS_lgetxattr, gp, name, g + 0x100, 100), 5);
        int fd = open(path, O_RDONLY);
        CHECK_EQ_U64(SC4(SYS_fgetxattr, fd, name, g + 0x100, 100), 5);
        CHECK(SC3(SYS_flistxattr, fd, g + 0x200, 200) >= 14);
        CHECK_EQ_U64(SC2(SYS_fremovexattr, fd, name), 0);
        close(fd);
        CHECK_EQ_U64(SC2(SYS_removexattr, gp, name), -G_ENODATA);
    } else {
        CHECK(r == -G_EOPNOTSUPP);
    }
    CHECK(SC3(SYS_listxattr, gp, g + 0x200, 200) >= 0);
    /* Linux's limits, checked before any host call */
    char longname[300];
    memset(longname, 'x', sizeof(longname) - 1);
    longname[299] = 0;
    CHECK_EQ_U64(SC4(SYS_getxattr, gp, gstr(longname), g, 100), -G_ERANGE);
    CHECK_EQ_U64(SC4(SYS_getxattr, gp, gstr(""), g, 100), -G_ERANGE);
    CHECK_EQ_U64(SC5(SYS_setxattr, gp, name, g, 65537, 0), -G_E2BIG);
    CHECK_EQ_U64(SC5(SYS_setxattr, gp, name, BAD_ADDR, 5, 0), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_getxattr, gp, BAD_ADDR, g, 100), -G_EFAULT);
    CHECK_EQ_U64(SC4(SYS_getxattr, BAD_ADDR, name, g, 100), -G_EFAULT);
    CHECK_EQ_U64(SC3(SYS_listxattr, gp, BAD_ADDR, 100), -G_EFAULT);
    unlink(path);
}

TEST(files, mlock_family)
{
    uint64_t g = galloc(8192);
    CHECK_EQ_U64(SC3(SYS_mlock2, g, 4096, 1 /* MLOCK_ONFAULT */), 0);
    CHECK_EQ_U64(SC2(SYS_munlock, g, 4096), 0);
    CHECK_EQ_U64(SC3(SYS_mlock2, BAD_ADDR, 4096, 0), -12 /* ENOMEM */);
    CHECK_EQ_U64(SC1(SYS_mlockall, 0), -G_EINVAL);
    CHECK_EQ_U64(SC1(SYS_mlockall, 4 /* MCL_ONFAULT alone */), -G_EINVAL);
    CHECK_EQ_U64(SC1(SYS_mlockall, 8), -G_EINVAL);
    CHECK_EQ_U64(SC0(SYS_munlockall), 0);
}

TEST(files, zz_cleanup)
{
    if (tmpdir[0]) {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            printf("could not remove %s\n", tmpdir);
    }
}
