/*
 * netlink_route.c - NETLINK_ROUTE from a guest: an RTM_GETLINK dump that must list "lo"
 * (up, loopback, a non-zero MTU) and an RTM_GETADDR dump that must list 127.0.0.1 on it.
 * The messages pass through crossrun unchanged (little-endian LP64 on both sides); the
 * dump parsing here is what glibc's getifaddrs and busybox ip do. Then the same facts
 * through the interface ioctls ifconfig uses (SIOCGIFCONF holds a pointer; struct ifreq is
 * 40 bytes on both sides).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "sys_check.h"

static uint8_t buf[65536];

/* Sends a dump request of type for family; calls fn on each answer until NLMSG_DONE.
 * Returns the number of messages seen, or -1. */
static int dump(int s, int type, int family, void (*fn)(struct nlmsghdr *))
{
    struct {
        struct nlmsghdr nh;
        struct rtgenmsg g;
    } req = {
        .nh = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg)), .nlmsg_type = (uint16_t)type,
                .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = (uint32_t)type },
        .g = { .rtgen_family = (unsigned char)family },
    };
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    if (sendto(s, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
        return -1;
    int count = 0;
    for (;;) {
        struct sockaddr_nl from;
        struct iovec iov = { buf, sizeof(buf) };
        struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov,
                            .msg_iovlen = 1 };
        ssize_t n = recvmsg(s, &m, 0);
        if (n <= 0 || m.msg_namelen != sizeof(from) || from.nl_pid != 0)
            return -1;
        for (struct nlmsghdr *nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
             nh = NLMSG_NEXT(nh, n)) {
            if (nh->nlmsg_seq != (uint32_t)type)
                return -1;
            if (nh->nlmsg_type == NLMSG_DONE)
                return count;
            if (nh->nlmsg_type == NLMSG_ERROR)
                return -1;
            fn(nh);
            count++;
        }
    }
}

static int lo_index, lo_up, lo_loopback, lo_mtu_ok, lo_has_127;

static void on_link(struct nlmsghdr *nh)
{
    struct ifinfomsg *ifi = NLMSG_DATA(nh);
    int len = (int)IFLA_PAYLOAD(nh);
    const char *name = NULL;
    unsigned mtu = 0;
    for (struct rtattr *ra = IFLA_RTA(ifi); RTA_OK(ra, len); ra = RTA_NEXT(ra, len)) {
        if (ra->rta_type == IFLA_IFNAME)
            name = RTA_DATA(ra);
        if (ra->rta_type == IFLA_MTU)
            memcpy(&mtu, RTA_DATA(ra), sizeof(mtu));
    }
    if (name && strcmp(name, "lo") == 0) {
        lo_index = ifi->ifi_index;
        lo_up = (ifi->ifi_flags & IFF_UP) != 0;
        lo_loopback = (ifi->ifi_flags & IFF_LOOPBACK) != 0;
        lo_mtu_ok = mtu > 0;
    }
}

static void on_addr(struct nlmsghdr *nh)
{
    struct ifaddrmsg *ifa = NLMSG_DATA(nh);
    int len = (int)IFA_PAYLOAD(nh);
    for (struct rtattr *ra = IFA_RTA(ifa); RTA_OK(ra, len); ra = RTA_NEXT(ra, len)) {
        if (ra->rta_type == IFA_LOCAL || ra->rta_type == IFA_ADDRESS) {
            struct in_addr a;
            memcpy(&a, RTA_DATA(ra), sizeof(a));
            if (a.s_addr == htonl(INADDR_LOOPBACK) && (int)ifa->ifa_index == lo_index &&
                ifa->ifa_prefixlen == 8)
                lo_has_127 = 1;
        }
    }
}

int main(void)
{
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    CHECK(s >= 0);
    struct sockaddr_nl me = { .nl_family = AF_NETLINK };
    CHECK(bind(s, (struct sockaddr *)&me, sizeof(me)) == 0);
    socklen_t len = sizeof(me);
    CHECK(getsockname(s, (struct sockaddr *)&me, &len) == 0 && len == sizeof(me));
    CHECK(me.nl_family == AF_NETLINK && me.nl_pid != 0);
    int bufsize = 1 << 16;
    CHECK(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof(bufsize)) == 0);

    int links = dump(s, RTM_GETLINK, AF_UNSPEC, on_link);
    CHECK(links >= 1);
    printf("RTM_GETLINK: lo %s, up %s, loopback %s, mtu %s\n", lo_index > 0 ? "found" : "missing",
           lo_up ? "yes" : "no", lo_loopback ? "yes" : "no", lo_mtu_ok ? "set" : "zero");
    CHECK((int)if_nametoindex("lo") == lo_index);

    int addrs = dump(s, RTM_GETADDR, AF_INET, on_addr);
    CHECK(addrs >= 1);
    printf("RTM_GETADDR: 127.0.0.1/8 on lo %s\n", lo_has_127 ? "found" : "missing");
    close(s);

    /* the ioctl view */
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    strcpy(ifr.ifr_name, "lo");
    CHECK(ioctl(fd, SIOCGIFINDEX, &ifr) == 0 && ifr.ifr_ifindex == lo_index);
    CHECK(ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_LOOPBACK));
    CHECK(ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0);
    CHECK(ioctl(fd, SIOCGIFADDR, &ifr) == 0);
    struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
    CHECK(sin->sin_family == AF_INET && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    CHECK(ioctl(fd, SIOCGIFNETMASK, &ifr) == 0 && sin->sin_addr.s_addr == htonl(0xff000000));
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_ifindex = lo_index;
    CHECK(ioctl(fd, SIOCGIFNAME, &ifr) == 0 && strcmp(ifr.ifr_name, "lo") == 0);
    struct ifconf ifc = { .ifc_len = 0, .ifc_buf = NULL };
    CHECK(ioctl(fd, SIOCGIFCONF, &ifc) == 0 && ifc.ifc_len >= (int)sizeof(struct ifreq));
    struct ifreq reqs[64];
    ifc.ifc_len = sizeof(reqs);
    ifc.ifc_req = reqs;
    CHECK(ioctl(fd, SIOCGIFCONF, &ifc) == 0 && ifc.ifc_len % (int)sizeof(struct ifreq) == 0);
    int lo_listed = 0;
    for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
        if (strcmp(reqs[i].ifr_name, "lo") == 0 &&
            ((struct sockaddr_in *)&reqs[i].ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            lo_listed = 1;
    printf("ioctls: SIOCGIFINDEX/FLAGS/MTU/ADDR/NETMASK/NAME agree, SIOCGIFCONF lists lo %s\n",
           lo_listed ? "with 127.0.0.1" : "without its address");
    strcpy(ifr.ifr_name, "lo");
    CHECK(ioctl(1, SIOCGIFFLAGS, &ifr) == -1 && errno == ENOTTY);      /* not a socket */
    close(fd);
    CHECK_SUMMARY();
    return sys_failures != 0;
}
