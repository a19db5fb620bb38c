/* fork_pipe - parent and children talking through pipes: a request/answer exchange, a
 * two-child pipeline, descriptors inherited across fork (O_CLOEXEC ones too: fork keeps
 * them), and EOF once every writer is gone. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) {
            perror("write");
            _exit(2);
        }
        p += w;
        n -= (size_t)w;
    }
}

static size_t read_all(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0) {
            perror("read");
            _exit(2);
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return got;
}

static int wait_code(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
    /* 1. The child squares the numbers it reads and writes them back. */
    int to_child[2], from_child[2];
    if (pipe(to_child) < 0 || pipe2(from_child, O_CLOEXEC) < 0)
        return 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(to_child[1]);
        close(from_child[0]);
        long v, n = 0;
        while (read_all(to_child[0], &v, sizeof(v)) == sizeof(v)) {
            v *= v;
            write_all(from_child[1], &v, sizeof(v));
            n++;
        }
        printf("child: squared %ld numbers, then saw EOF\n", n);
        exit(7);
    }
    close(to_child[0]);
    close(from_child[1]);
    long sum = 0;
    for (long i = 1; i <= 100; i++) {
        long v = i, sq;
        write_all(to_child[1], &v, sizeof(v));
        if (read_all(from_child[0], &sq, sizeof(sq)) != sizeof(sq)) {
            printf("short answer\n");
            return 1;
        }
        sum += sq;
    }
    close(to_child[1]);
    char extra;
    printf("after EOF the child's end gives %zu more bytes\n", read_all(from_child[0], &extra, 1));
    printf("child exit code %d\n", wait_code(pid));
    printf("sum of squares 1..100 = %ld\n", sum);

    /* 2. A pipeline: producer | upcase, the parent reads the end. */
    int p1[2], p2[2];
    if (pipe(p1) < 0 || pipe(p2) < 0)
        return 1;
    fflush(stdout);
    pid_t producer = fork();
    if (producer == 0) {
        close(p1[0]);
        close(p2[0]);
        close(p2[1]);
        const char *text = "through two processes and two pipes\n";
        for (int i = 0; i < 3; i++)
            write_all(p1[1], text, strlen(text));
        _exit(0);
    }
    pid_t upcase = fork();
    if (upcase == 0) {
        close(p1[1]);
        close(p2[0]);
        char buf[256];
        ssize_t n;
        while ((n = read(p1[0], buf, sizeof(buf))) > 0) {
            for (ssize_t i = 0; i < n; i++)
                if (buf[i] >= 'a' && buf[i] <= 'z')
                    buf[i] = (char)(buf[i] - 'a' + 'A');
            write_all(p2[1], buf, (size_t)n);
        }
        _exit(0);
    }
    close(p1[0]);
    close(p1[1]);
    close(p2[1]);
    char out[512];
    size_t n = read_all(p2[0], out, sizeof(out) - 1);
    out[n] = 0;
    printf("pipeline output (%zu bytes):\n%s", n, out);
    printf("producer %d, upcase %d\n", wait_code(producer), wait_code(upcase));

    /* 3. A file offset is shared between parent and child after fork. */
    FILE *tmp = tmpfile();
    if (!tmp)
        return 1;
    int fd = fileno(tmp);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        write_all(fd, "child-", 6);
        _exit(0);
    }
    wait_code(pid);
    write_all(fd, "parent", 6);
    char both[16] = { 0 };
    if (pread(fd, both, 12, 0) != 12)
        return 1;
    printf("shared offset: %s\n", both);
    return 0;
}
