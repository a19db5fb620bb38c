/*
 * inotify_watch.c - inotify on a fresh temporary directory: create, write, close, rename
 * (a cookie pairing IN_MOVED_FROM with IN_MOVED_TO), delete, then removing the watch
 * (IN_IGNORED). Events are printed in the order read, with the names they carry.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sys_check.h"

static const struct { uint32_t bit; const char *name; } names[] = {
    { IN_ACCESS, "ACCESS" }, { IN_MODIFY, "MODIFY" }, { IN_ATTRIB, "ATTRIB" },
    { IN_CLOSE_WRITE, "CLOSE_WRITE" }, { IN_CLOSE_NOWRITE, "CLOSE_NOWRITE" },
    { IN_OPEN, "OPEN" }, { IN_MOVED_FROM, "MOVED_FROM" }, { IN_MOVED_TO, "MOVED_TO" },
    { IN_CREATE, "CREATE" }, { IN_DELETE, "DELETE" }, { IN_DELETE_SELF, "DELETE_SELF" },
    { IN_IGNORED, "IGNORED" }, { IN_ISDIR, "ISDIR" },
};

static uint32_t move_cookie;

/* Reads and prints every queued event; returns how many. */
static int drain(int fd, int wd)
{
    static char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    int count = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0) {
            CHECK(errno == EAGAIN);
            return count;
        }
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)p;
            CHECK(ev->wd == wd);
            printf("  event");
            for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (ev->mask & names[i].bit)
                    printf(" %s", names[i].name);
            printf(" \"%s\"", ev->len ? ev->name : "");
            if (ev->mask & IN_MOVED_FROM)
                move_cookie = ev->cookie;
            if (ev->mask & IN_MOVED_TO)
                printf(" cookie %s", ev->cookie && ev->cookie == move_cookie ? "pairs" : "differs");
            printf("\n");
            p += sizeof(struct inotify_event) + ev->len;
            count++;
        }
    }
}

int main(void)
{
    char dir[] = "/tmp/crossrun-inotify.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    CHECK(fd >= 0);
    int wd = inotify_add_watch(fd, dir, IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
                                            IN_MOVED_TO | IN_DELETE);
    CHECK(wd >= 1);
    char a[PATH_MAX], b[PATH_MAX], sub[PATH_MAX];
    snprintf(a, sizeof(a), "%s/first", dir);
    snprintf(b, sizeof(b), "%s/second", dir);
    snprintf(sub, sizeof(sub), "%s/subdir", dir);

    int f = open(a, O_CREAT | O_WRONLY, 0600);
    CHECK(write(f, "data", 4) == 4);
    close(f);
    struct pollfd p = { fd, POLLIN, 0 };
    CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLIN));
    printf("create, write, close:\n");
    drain(fd, wd);
    CHECK(rename(a, b) == 0);
    CHECK(mkdir(sub, 0700) == 0);
    printf("rename, mkdir:\n");
    drain(fd, wd);
    CHECK(unlink(b) == 0);
    CHECK(rmdir(sub) == 0);
    printf("unlink, rmdir:\n");
    drain(fd, wd);
    CHECK(inotify_rm_watch(fd, wd) == 0);
    printf("rm_watch:\n");
    drain(fd, wd);
    CHECK(inotify_rm_watch(fd, wd) == -1 && errno == EINVAL);
    CHECK(inotify_add_watch(fd, "/nonexistent/crossrun", IN_CREATE) == -1 && errno == ENOENT);
    close(fd);
    CHECK(rmdir(dir) == 0);
    CHECK_SUMMARY();
    return sys_failures != 0;
}
