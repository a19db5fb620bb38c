/* exec - execve and execveat of every kind of program: another riscv64 program (argv and
 * envp passed through exactly, exit code back to the parent), "#!" scripts run by a host
 * shell, by /bin/echo with an argument, by a riscv64 interpreter, nested, looping; a host
 * program; execveat relative to a directory fd and fexecve; and the kernel's errors. Runs in
 * a temporary directory it makes and removes, and finds exec_target next to itself. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char target[PATH_MAX];          /* absolute path of exec_target */
static volatile uintptr_t bad_address = 16;
static char tmpdir[] = "/tmp/crossrun-proc-exec.XXXXXX";

static void show_status(int status)
{
    if (WIFEXITED(status))
        printf("-> exited with %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("-> killed by signal %d\n", WTERMSIG(status));
}

/* Runs execve(path, argv, envp) in a child and reports how the child ended. */
static void run(const char *what, const char *path, char *const argv[], char *const envp[])
{
    printf("== %s\n", what);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(path, argv, envp);
        printf("execve failed: %s\n", strerrorname_np(errno));
        fflush(stdout);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        exit(1);
    }
    show_status(status);
}

/* execve that must fail, in this process. */
static void fails(const char *what, const char *path, char *const argv[], char *const envp[])
{
    errno = 0;
    int r = execve(path, argv, envp);
    printf("== %s: %d %s\n", what, r, strerrorname_np(errno));
}

static void put_file(const char *name, const char *text, mode_t mode)
{
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) < 0) {
        perror(name);
        exit(1);
    }
    chmod(name, mode);
}

static const char *const files[] = {
    "script.sh", "echo-arg", "foreign", "nested", "loop", "plain.txt", "garbage",
    "no-interp", "empty-interp", "long-name", "crlf", "s1", "s2", "s3", "s4", "s5", "s6",
};

int main(void)
{
    char self[PATH_MAX - 64];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return 1;
    self[n] = 0;
    *strrchr(self, '/') = 0;
    snprintf(target, sizeof(target), "%s/exec_target", self);
    if (!mkdtemp(tmpdir) || chdir(tmpdir) < 0)
        return 1;

    char *env2[] = { "CROSSRUN_TEST_VAR=42", "OTHER=x y", NULL };
    char *env0[] = { NULL };

    char *a1[] = { "exec_target", "hello world", "", "last", NULL };
    run("riscv64 program, argv and envp", target, a1, env2);
    char *a2[] = { "exec_target", "exit", "7", NULL };
    run("riscv64 program, exit code", target, a2, env0);
    char *a3[] = { "/bin/echo", "native", "echo", NULL };
    run("host program", "/bin/echo", a3, env2);

    char text[PATH_MAX + 64];
    put_file("script.sh",
             "#!/bin/sh\necho \"sh: $# args: $1 / $2, CROSSRUN_TEST_VAR=$CROSSRUN_TEST_VAR\"\n"
             "exit 3\n", 0755);
    char *a4[] = { "script.sh", "first", "second arg", NULL };
    run("#!/bin/sh script", "./script.sh", a4, env2);
    put_file("echo-arg", "#!  /bin/echo   one argument, with  spaces  \t \nnot read\n", 0755);
    char *a5[] = { "ignored-argv0", "x", NULL };
    run("#!/bin/echo with an argument", "./echo-arg", a5, env0);
    snprintf(text, sizeof(text), "#!%s from-the-line\n", target);
    put_file("foreign", text, 0755);
    char *a6[] = { "foreign", "x", NULL };
    run("script with a riscv64 interpreter", "./foreign", a6, env2);
    put_file("nested", "#!./foreign\n", 0755);
    char *a7[] = { "nested", "y", NULL };
    run("script whose interpreter is a script", "./nested", a7, env0);
    put_file("crlf", "#!/bin/echo crlf\r\n", 0755);
    char *a8[] = { "crlf", NULL };
    run("#! line ending in CR LF (the CR is part of the argument)", "./crlf", a8, env0);

    char *a9[] = { "exec_target", "by", "execveat", NULL };
    *strrchr(target, '/') = 0;
    int dirfd = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    strcat(target, "/exec_target");
    printf("== execveat relative to a directory fd\n");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        syscall(SYS_execveat, dirfd, "exec_target", a9, env0, 0);
        printf("execveat failed: %s\n", strerrorname_np(errno));
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    show_status(status);
    char *a10[] = { "exec_target", "by", "fexecve", NULL };
    int fd = open(target, O_RDONLY | O_CLOEXEC);
    printf("== fexecve\n");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        fexecve(fd, a10, env0);
        printf("fexecve failed: %s\n", strerrorname_np(errno));
        _exit(127);
    }
    waitpid(pid, &status, 0);
    show_status(status);

    char *anon[] = { "x", NULL };
    /* Linux follows five #! interpreters in a row and gives ELOOP at the sixth. */
    put_file("s1", "#!/bin/echo chain:\n", 0755);
    for (int i = 2; i <= 6; i++) {
        char name[8];
        snprintf(name, sizeof(name), "s%d", i);
        snprintf(text, sizeof(text), "#!./s%d\n", i - 1);
        put_file(name, text, 0755);
    }
    char *a11[] = { "s5", "end", NULL };
    run("five scripts, each the interpreter of the next", "./s5", a11, env0);
    fails("six scripts in a row", "./s6", anon, env0);

    put_file("loop", "#!./loop\n", 0755);
    put_file("plain.txt", "#!/bin/sh\necho not executable\n", 0644);
    put_file("garbage", "this is not a program\n", 0755);
    put_file("no-interp", "#!/nonexistent/interpreter\n", 0755);
    put_file("empty-interp", "#!   \n", 0755);
    memset(text, 0, sizeof(text));
    memcpy(text, "#!/", 3);
    memset(text + 3, 'a', 300);
    put_file("long-name", text, 0755);
    fails("missing file", "/nonexistent/program", anon, env0);
    fails("empty path", "", anon, env0);
    fails("a directory", ".", anon, env0);
    fails("a file without execute permission", "./plain.txt", anon, env0);
    fails("a file that is no program", "./garbage", anon, env0);
    fails("a script whose interpreter is missing", "./no-interp", anon, env0);
    fails("a #! line naming nothing", "./empty-interp", anon, env0);
    fails("a #! line longer than 256 bytes", "./long-name", anon, env0);
    fails("a script that is its own interpreter", "./loop", anon, env0);
    fails("a path through a file", "./garbage/x", anon, env0);
    fails("a bad argv pointer", target, (char **)bad_address, env0);
    char *badarg[] = { "x", (char *)bad_address, NULL };
    fails("a bad argv string", target, badarg, env0);
    fails("a bad envp pointer", target, anon, (char **)bad_address);
    char *huge = malloc(200000);
    memset(huge, 'h', 199999);
    huge[199999] = 0;
    char *bigarg[] = { "x", huge, NULL };
    fails("an argument longer than 128 KiB", target, bigarg, env0);
    huge[120000] = 0;
    char *many[64];
    for (int i = 0; i < 63; i++)
        many[i] = huge;
    many[63] = NULL;
    fails("arguments adding up to more than 6 MiB", target, many, env0);

    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        unlink(files[i]);
    if (chdir("/") < 0 || rmdir(tmpdir) < 0)
        perror("cleanup");
    return 0;
}
