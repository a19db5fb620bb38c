/*
 * poll_select.c - poll, ppoll, select and pselect on pipes: nothing ready (timeout 0 and a
 * short timeout), readable after a write, writable, POLLHUP after the writer closes,
 * POLLNVAL for a closed fd, EBADF from select, the remaining timeout select writes back,
 * and a signal mask argument.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "sys_check.h"

int main(void)
{
    int p[2];
    CHECK(pipe2(p, O_CLOEXEC) == 0);
    struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    CHECK(poll(fds, 1, 0) == 0 && fds[0].revents == 0);
    CHECK(poll(fds, 1, 20) == 0);
    int n = poll(fds, 2, 0);
    printf("poll empty pipe: %d ready, read end %#x, write end %#x\n", n, fds[0].revents,
           fds[1].revents);
    CHECK(write(p[1], "abc", 3) == 3);
    n = poll(fds, 2, 1000);
    printf("poll after write: %d ready, read end %#x, write end %#x\n", n, fds[0].revents,
           fds[1].revents);

    /* ppoll with a timespec and an empty signal mask */
    sigset_t none;
    sigemptyset(&none);
    struct timespec ts = { 0, 1000 * 1000 };
    CHECK(ppoll(fds, 1, &ts, &none) == 1 && fds[0].revents == POLLIN);

    /* select: the read set keeps only ready fds; the timeout is written back */
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    struct timeval tv = { 1, 0 };
    n = select(p[1] + 1, &rd, &wr, NULL, &tv);
    printf("select: %d ready, read %d, write %d, time left %s\n", n, FD_ISSET(p[0], &rd),
           FD_ISSET(p[1], &wr), tv.tv_sec == 0 && tv.tv_usec > 900000 ? "most" : "other");
    char buf[8];
    CHECK(read(p[0], buf, sizeof(buf)) == 3);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv = (struct timeval){ 0, 20000 };
    n = select(p[0] + 1, &rd, NULL, NULL, &tv);
    printf("select drained pipe: %d ready, time left %ld.%06ld\n", n, (long)tv.tv_sec,
           (long)tv.tv_usec);

    /* pselect with a mask, nothing ready, zero timeout */
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    struct timespec zero = { 0, 0 };
    CHECK(pselect(p[0] + 1, &rd, NULL, NULL, &zero, &none) == 0 && !FD_ISSET(p[0], &rd));

    /* the writer goes away: POLLHUP (and readable end of file) */
    close(p[1]);
    fds[0].revents = 0;
    n = poll(fds, 1, 1000);
    printf("poll after close of writer: %d ready, revents %#x\n", n, fds[0].revents);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv = (struct timeval){ 1, 0 };
    CHECK(select(p[0] + 1, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &rd));
    CHECK(read(p[0], buf, sizeof(buf)) == 0);

    /* a closed fd: POLLNVAL from poll, EBADF from select; negative fds are skipped */
    close(p[0]);
    struct pollfd gone[2] = { { p[0], POLLIN, 0 }, { -1, POLLIN, 0x7f } };
    n = poll(gone, 2, 0);
    printf("poll closed fd: %d ready, revents %#x, negative fd revents %#x\n", n, gone[0].revents,
           gone[1].revents);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv = (struct timeval){ 0, 0 };
    CHECK(select(p[0] + 1, &rd, NULL, NULL, &tv) == -1 && errno == EBADF);
    printf("select closed fd: %s\n", strerrorname_np(errno));
    CHECK(poll(NULL, 0, 10) == 0);
    CHECK_SUMMARY();
    return sys_failures != 0;
}
