/*
 * event_fds.c - eventfd (counter, semaphore, non-blocking), timerfd (one-shot and periodic
 * expiry, gettime, TFD_TIMER_ABSTIME), signalfd (signals blocked and sent to ourselves are
 * read as struct signalfd_siginfo, and consumed), and epoll over all of them, including
 * more ready fds than maxevents, EPOLLONESHOT and EPOLLET.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include "sys_check.h"

static void eventfds(void)
{
    int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(fd >= 0);
    uint64_t v = 0;
    CHECK(read(fd, &v, 8) == 8 && v == 5);
    CHECK(read(fd, &v, 8) == -1 && errno == EAGAIN);
    v = 10;
    CHECK(write(fd, &v, 8) == 8);
    CHECK(eventfd_write(fd, 32) == 0);
    eventfd_t got = 0;
    CHECK(eventfd_read(fd, &got) == 0 && got == 42);
    CHECK(read(fd, &v, 4) == -1 && errno == EINVAL);      /* shorter than 8 bytes */
    close(fd);
    fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    int reads = 0;
    while (read(fd, &v, 8) == 8 && v == 1)
        reads++;
    CHECK(errno == EAGAIN);
    printf("eventfd: counter 5, 10+32=42, semaphore gave %d reads of 1\n", reads);
    close(fd);
}

static void timerfds(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    CHECK(fd >= 0);
    struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000 * 1000 } }, old;
    memset(&old, 0x55, sizeof(old));
    CHECK(timerfd_settime(fd, 0, &its, &old) == 0);
    CHECK(old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0 && old.it_interval.tv_nsec == 0);
    struct itimerspec cur;
    CHECK(timerfd_gettime(fd, &cur) == 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
          cur.it_value.tv_nsec <= 20 * 1000 * 1000);
    uint64_t n = 0;
    CHECK(read(fd, &n, 8) == 8);         /* blocks until it expires */
    printf("timerfd one-shot: expired %llu time(s)\n", (unsigned long long)n);
    CHECK(timerfd_gettime(fd, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

    /* periodic, 5 ms: after 40 ms there are several expirations */
    struct itimerspec per = { { 0, 5 * 1000 * 1000 }, { 0, 5 * 1000 * 1000 } };
    CHECK(timerfd_settime(fd, 0, &per, NULL) == 0);
    struct timespec nap = { 0, 40 * 1000 * 1000 };
    nanosleep(&nap, NULL);
    CHECK(read(fd, &n, 8) == 8);
    printf("timerfd periodic: %s expirations after 40 ms\n", n >= 3 ? "3 or more" : "too few");

    /* absolute time in the past: fires at once */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec abs = { { 0, 0 }, { now.tv_sec - 1, now.tv_nsec } };
    CHECK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL) == 0);
    CHECK(read(fd, &n, 8) == 8 && n == 1);
    /* invalid values */
    struct itimerspec bad = { { 0, 0 }, { 0, 1000 * 1000 * 1000 } };
    CHECK(timerfd_settime(fd, 0, &bad, NULL) == -1 && errno == EINVAL);
    CHECK(timerfd_create(CLOCK_MONOTONIC, 0x12345) == -1 && errno == EINVAL);
    printf("timerfd: absolute deadline in the past fires once; bad values: EINVAL\n");
    close(fd);
}

static void signalfds(void)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    CHECK(sigprocmask(SIG_BLOCK, &mask, NULL) == 0);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    CHECK(fd >= 0);
    struct signalfd_siginfo si;
    CHECK(read(fd, &si, sizeof(si)) == -1 && errno == EAGAIN);

    CHECK(kill(getpid(), SIGUSR2) == 0);
    CHECK(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1) == 0);
    sigset_t pend;
    CHECK(sigpending(&pend) == 0);
    printf("signalfd: pending before read: USR1 %d USR2 %d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2));
    /* both come out, lowest number first; kill() gives SI_USER, tgkill SI_TKILL */
    for (int i = 0; i < 2; i++) {
        memset(&si, 0, sizeof(si));
        CHECK(read(fd, &si, sizeof(si)) == sizeof(si));
        CHECK(si.ssi_pid == (uint32_t)getpid() && si.ssi_uid == getuid());
        printf("signalfd: read %s, code %s\n", si.ssi_signo == SIGUSR1 ? "SIGUSR1" :
               si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "another signal",
               si.ssi_code == SI_USER ? "SI_USER" : si.ssi_code == SI_TKILL ? "SI_TKILL" : "other");
    }
    CHECK(read(fd, &si, sizeof(si)) == -1 && errno == EAGAIN);
    CHECK(sigpending(&pend) == 0);
    printf("signalfd: pending after reads: USR1 %d USR2 %d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGUSR2));
    /* a changed mask on the same fd */
    sigdelset(&mask, SIGUSR1);
    CHECK(signalfd(fd, &mask, 0) == fd);
    CHECK(raise(SIGUSR1) == 0);
    CHECK(read(fd, &si, sizeof(si)) == -1 && errno == EAGAIN);  /* USR1 no longer watched */
    CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) == 1);
    /* ignoring a pending signal discards it, so unblocking is then harmless */
    CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
    CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) == 0);
    CHECK(signal(SIGUSR1, SIG_DFL) != SIG_ERR);
    CHECK(sigprocmask(SIG_UNBLOCK, &mask, NULL) == 0);
    sigaddset(&mask, SIGUSR1);
    CHECK(sigprocmask(SIG_UNBLOCK, &mask, NULL) == 0);
    printf("signalfd: narrowed mask leaves SIGUSR1 pending; SIG_IGN discards it\n");
    close(fd);
}

static void epolls(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0);
    /* 100 eventfds, all readable: waits of 64 return 64, then 36 (level-triggered: the same
     * ones again unless drained, so each batch is drained) */
    int fds[100];
    for (int i = 0; i < 100; i++) {
        fds[i] = eventfd(1, EFD_NONBLOCK);
        struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1000000000ULL + (uint64_t)i };
        CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) == 0);
    }
    struct epoll_event evs[64];
    int total = 0, batches = 0, bad = 0;
    uint8_t seen[100] = { 0 };
    for (;;) {
        int n = epoll_wait(ep, evs, 64, 0);
        if (n <= 0)
            break;
        batches++;
        for (int i = 0; i < n; i++) {
            uint64_t idx = evs[i].data.u64 - 0x1000000000ULL;
            if (idx >= 100 || evs[i].events != EPOLLIN || seen[idx]) {
                bad++;
                continue;
            }
            seen[idx] = 1;
            uint64_t v;
            CHECK(read(fds[idx], &v, 8) == 8);
            total++;
        }
    }
    CHECK(bad == 0);
    printf("epoll: 100 ready eventfds came out in %d batches of at most 64, %d distinct\n",
           batches, total);
    for (int i = 0; i < 100; i++)
        close(fds[i]);

    /* EPOLLONESHOT: reported once until re-armed; EPOLLET: once per new event */
    int a = eventfd(0, EFD_NONBLOCK), b = eventfd(0, EFD_NONBLOCK);
    struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 1 };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev) == 0);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.u64 = 2 };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev) == 0);
    CHECK(eventfd_write(a, 1) == 0 && eventfd_write(b, 1) == 0);
    int n1 = epoll_wait(ep, evs, 8, 0);
    int n2 = epoll_wait(ep, evs, 8, 0);
    CHECK(eventfd_write(b, 1) == 0);
    int n3 = epoll_wait(ep, evs, 8, 0);
    CHECK(n3 == 1 && evs[0].data.u64 == 2);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 1 };
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, a, &ev) == 0);
    int n4 = epoll_wait(ep, evs, 8, 0);
    CHECK(n4 == 1 && evs[0].data.u64 == 1);
    printf("epoll: oneshot+edge %d, again %d, new edge %d, re-armed %d\n", n1, n2, n3, n4);
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev) == -1 && errno == EEXIST);
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, a, NULL) == 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, a, NULL) == -1 && errno == ENOENT);
    CHECK(epoll_wait(ep, evs, 0, 0) == -1 && errno == EINVAL);
    close(a);
    close(b);

    /* one epoll over a timerfd and a signalfd: the tags come back as set */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    CHECK(sigprocmask(SIG_BLOCK, &mask, NULL) == 0);
    int sfd = signalfd(-1, &mask, SFD_NONBLOCK);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 0x5151515151515151ULL };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev) == 0);
    ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 0x7171717171717171ULL };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev) == 0);
    struct itimerspec its = { { 0, 0 }, { 0, 1000 * 1000 } };
    CHECK(timerfd_settime(tfd, 0, &its, NULL) == 0);
    CHECK(kill(getpid(), SIGUSR2) == 0);
    int got_sig = 0, got_timer = 0;
    for (int tries = 0; tries < 100 && !(got_sig && got_timer); tries++) {
        int n = epoll_wait(ep, evs, 8, 100);
        for (int i = 0; i < n; i++) {
            if (evs[i].data.u64 == 0x5151515151515151ULL && evs[i].events == EPOLLIN) {
                struct signalfd_siginfo si;
                CHECK(read(sfd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo == SIGUSR2);
                got_sig = 1;
            } else if (evs[i].data.u64 == 0x7171717171717171ULL && evs[i].events == EPOLLIN) {
                uint64_t v;
                CHECK(read(tfd, &v, 8) == 8 && v == 1);
                got_timer = 1;
            } else {
                CHECK(!"unexpected epoll event");
            }
        }
    }
    printf("epoll: signalfd %s, timerfd %s\n", got_sig ? "ready" : "silent",
           got_timer ? "ready" : "silent");
    CHECK(sigprocmask(SIG_UNBLOCK, &mask, NULL) == 0);
    close(sfd);
    close(tfd);
    close(ep);
}

int main(void)
{
    eventfds();
    timerfds();
    signalfds();
    epolls();
    CHECK_SUMMARY();
    return sys_failures != 0;
}
