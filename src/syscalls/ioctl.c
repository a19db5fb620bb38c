/*
 * ioctl.c - the ioctls a terminal program needs, forwarded one by one: only requests whose
 * argument layout is known are passed to the host; any other request is -ENOTTY (what
 * Linux says for a request the file does not understand) and is reported once.
 *
 * Guest request numbers and struct termios are asm-generic (include/uapi/asm-generic/
 * ioctls.h, termbits.h); x86_64 uses the same headers, so the numbers agree, but every
 * struct still goes through an explicit guest copy and a host copy.
 */
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <asm/unistd.h>
#include "internal.h"

/* Guest (asm-generic) request numbers. */
enum {
    GT_TCGETS = 0x5401, GT_TCSETS = 0x5402, GT_TCSETSW = 0x5403, GT_TCSETSF = 0x5404,
    GT_TCSBRK = 0x5409, GT_TCXONC = 0x540A, GT_TCFLSH = 0x540B, GT_TIOCEXCL = 0x540C,
    GT_TIOCNXCL = 0x540D, GT_TIOCSCTTY = 0x540E, GT_TIOCGPGRP = 0x540F, GT_TIOCSPGRP = 0x5410,
    GT_TIOCOUTQ = 0x5411, GT_TIOCGWINSZ = 0x5413, GT_TIOCSWINSZ = 0x5414, GT_FIONREAD = 0x541B,
    GT_FIONBIO = 0x5421, GT_TIOCNOTTY = 0x5422, GT_TIOCGSID = 0x5429,
    GT_TIOCGPTN = 0x80045430, GT_TIOCSPTLCK = 0x40045431,
    GT_FIONCLEX = 0x5450, GT_FIOCLEX = 0x5451,
};

/* The x86_64 kernel's struct termios (what TCGETS uses; glibc's struct termios is
 * different: it has 32 c_cc and speed fields). */
struct host_ktermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
};
_Static_assert(sizeof(struct host_ktermios) == 36, "x86_64 kernel struct termios");

static int64_t ioctl_tcgets(int fd, uint64_t ga)
{
    struct host_ktermios h;
    struct guest_termios g;
    if (syscall(__NR_ioctl, fd, TCGETS, &h) < 0)
        return -errno;
    memset(&g, 0, sizeof(g));
    g.c_iflag = h.c_iflag;      /* flag bits agree (asm-generic termbits on both sides) */
    g.c_oflag = h.c_oflag;
    g.c_cflag = h.c_cflag;
    g.c_lflag = h.c_lflag;
    g.c_line = h.c_line;
    memcpy(g.c_cc, h.c_cc, sizeof(g.c_cc));     /* same NCCS and V* indices */
    return copy_to_guest(ga, &g, sizeof(g));
}

static int64_t ioctl_tcsets(int fd, unsigned long host_req, uint64_t ga)
{
    struct host_ktermios h;
    struct guest_termios g;
    if (copy_from_guest(&g, ga, sizeof(g)))
        return -EFAULT;
    h.c_iflag = g.c_iflag;
    h.c_oflag = g.c_oflag;
    h.c_cflag = g.c_cflag;
    h.c_lflag = g.c_lflag;
    h.c_line = g.c_line;
    memcpy(h.c_cc, g.c_cc, sizeof(h.c_cc));
    return host_result(syscall(__NR_ioctl, fd, host_req, &h));
}

static int64_t ioctl_get_winsize(int fd, uint64_t ga)
{
    struct winsize h;
    if (syscall(__NR_ioctl, fd, TIOCGWINSZ, &h) < 0)
        return -errno;
    struct guest_winsize g = { h.ws_row, h.ws_col, h.ws_xpixel, h.ws_ypixel };
    return copy_to_guest(ga, &g, sizeof(g));
}

static int64_t ioctl_set_winsize(int fd, uint64_t ga)
{
    struct guest_winsize g;
    if (copy_from_guest(&g, ga, sizeof(g)))
        return -EFAULT;
    struct winsize h = { g.ws_row, g.ws_col, g.ws_xpixel, g.ws_ypixel };
    return host_result(syscall(__NR_ioctl, fd, TIOCSWINSZ, &h));
}

/* Requests whose argument is a pointer to one int the kernel writes. */
static int64_t ioctl_get_int(int fd, unsigned long host_req, uint64_t ga)
{
    int32_t v = 0;
    if (syscall(__NR_ioctl, fd, host_req, &v) < 0)
        return -errno;
    return copy_to_guest(ga, &v, sizeof(v));
}

/* ... and a pointer to one int the kernel reads. */
static int64_t ioctl_set_int(int fd, unsigned long host_req, uint64_t ga)
{
    int32_t v;
    if (copy_from_guest(&v, ga, sizeof(v)))
        return -EFAULT;
    return host_result(syscall(__NR_ioctl, fd, host_req, &v));
}

int64_t sys_ioctl(struct cpu *cpu, const uint64_t a[6])
{
    int fd = (int)a[0];
    uint32_t req = (uint32_t)a[1];      /* the kernel's cmd is an unsigned int */
    uint64_t arg = a[2];
    if (check_fd(fd))
        return -EBADF;
    switch (req) {
    case GT_TCGETS:     return ioctl_tcgets(fd, arg);
    case GT_TCSETS:     return ioctl_tcsets(fd, TCSETS, arg);
    case GT_TCSETSW:    return ioctl_tcsets(fd, TCSETSW, arg);
    case GT_TCSETSF:    return ioctl_tcsets(fd, TCSETSF, arg);
    case GT_TIOCGWINSZ: return ioctl_get_winsize(fd, arg);
    case GT_TIOCSWINSZ: return ioctl_set_winsize(fd, arg);
    case GT_FIONREAD:   return ioctl_get_int(fd, FIONREAD, arg);
    case GT_TIOCOUTQ:   return ioctl_get_int(fd, TIOCOUTQ, arg);
    case GT_TIOCGPGRP:  return ioctl_get_int(fd, TIOCGPGRP, arg);   /* pid_t is int */
    case GT_TIOCGSID:   return ioctl_get_int(fd, TIOCGSID, arg);
    case GT_TIOCGPTN:   return ioctl_get_int(fd, TIOCGPTN, arg);
    case GT_TIOCSPGRP:  return ioctl_set_int(fd, TIOCSPGRP, arg);
    case GT_FIONBIO:    return ioctl_set_int(fd, FIONBIO, arg);
    case GT_TIOCSPTLCK: return ioctl_set_int(fd, TIOCSPTLCK, arg);
    /* Requests with an integer argument or none. */
    case GT_TCSBRK:     return host_result(syscall(__NR_ioctl, fd, TCSBRK, (int)arg));
    case GT_TCXONC:     return host_result(syscall(__NR_ioctl, fd, TCXONC, (int)arg));
    case GT_TCFLSH:     return host_result(syscall(__NR_ioctl, fd, TCFLSH, (int)arg));
    case GT_TIOCSCTTY:  return host_result(syscall(__NR_ioctl, fd, TIOCSCTTY, (int)arg));
    case GT_TIOCEXCL:   return host_result(syscall(__NR_ioctl, fd, TIOCEXCL));
    case GT_TIOCNXCL:   return host_result(syscall(__NR_ioctl, fd, TIOCNXCL));
    case GT_TIOCNOTTY:  return host_result(syscall(__NR_ioctl, fd, TIOCNOTTY));
    case GT_FIOCLEX:    return host_result(syscall(__NR_ioctl, fd, FIOCLEX));
    case GT_FIONCLEX:   return host_result(syscall(__NR_ioctl, fd, FIONCLEX));
    default: {
        int64_t r;
        if (socket_ioctl(fd, req, arg, &r))     /* net.c: SIOC* on sockets */
            return r;
        report_unimp_once("ioctl", req, "unsupported ioctl %#x on fd %d", req, fd);
        return -ENOTTY;
    }
    }
}
