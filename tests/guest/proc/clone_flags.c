/* clone_flags - clone for processes beyond glibc's fork: a new stack (glibc's clone()),
 * CLONE_SETTLS, CLONE_PARENT_SETTID/CHILD_SETTID, CLONE_FILES (a shared descriptor
 * table), CLONE_PIDFD with waitid(P_PIDFD), exit signal 0 with __WALL, and the flag
 * combinations Linux rejects. Also builds for x86_64, where Linux itself is the oracle. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* clone straight to the kernel. riscv64 (and arm64) take (flags, newsp, parent_tid, tls,
 * child_tid); x86_64, for the native oracle run, (flags, newsp, parent_tid, child_tid, tls). */
static long raw_clone(unsigned long flags, void *newsp, int *ptid, unsigned long tls, int *ctid)
{
#ifdef __x86_64__
    return syscall(SYS_clone, flags, newsp, ptid, ctid, tls);
#else
    return syscall(SYS_clone, flags, newsp, ptid, tls, ctid);
#endif
}

/* Ends the process without libc (the child may have a foreign thread pointer). */
static void __attribute__((noreturn)) raw_exit(long code)
{
#ifdef __x86_64__
    __asm__ volatile("syscall" : : "a"((long)SYS_exit_group), "D"(code) : "rcx", "r11", "memory");
#else
    register long a0 __asm__("a0") = code;
    register long a7 __asm__("a7") = SYS_exit_group;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7) : "memory");
#endif
    __builtin_unreachable();
}

/* The thread pointer CLONE_SETTLS sets: tp on riscv64, the fs base on x86_64. */
static uintptr_t thread_pointer(void)
{
    uintptr_t tp;
#ifdef __x86_64__
    __asm__ volatile("syscall" : : "a"((long)SYS_arch_prctl), "D"(0x1003L /* ARCH_GET_FS */),
                     "S"(&tp) : "rcx", "r11", "memory");
#else
    __asm__ volatile("mv %0, tp" : "=r"(tp));
#endif
    return tp;
}

static int code_of(pid_t pid, int options)
{
    int status;
    if (waitpid(pid, &status, options) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile int marker = 1;

static int on_new_stack(void *arg)
{
    char here;
    uintptr_t p = (uintptr_t)&here;
    int on_it = p >= (uintptr_t)stack && p < (uintptr_t)stack + sizeof(stack);
    marker = 2;     /* the parent's copy must not change */
    raw_exit(on_it && arg == (void *)0x1234 ? 42 : 1);
}

static uintptr_t wanted_tp;
static int check_tls(void *arg)
{
    (void)arg;
    raw_exit(thread_pointer() == wanted_tp ? 43 : 1);
}

int main(void)
{
    pid_t pid;
    fflush(stdout);

    pid = clone(on_new_stack, stack + sizeof(stack), SIGCHLD, (void *)0x1234);
    printf("glibc clone() on a new stack: child code %d, parent's memory untouched: %s\n",
           code_of(pid, 0), marker == 1 ? "yes" : "no");

    wanted_tp = 0x123456780ul;
    fflush(stdout);
    pid = clone(check_tls, stack + sizeof(stack), SIGCHLD | CLONE_SETTLS, NULL, NULL,
                (void *)wanted_tp, NULL);
    printf("CLONE_SETTLS: child code %d\n", code_of(pid, 0));

    int ptid = 0, ctid = 0;
    fflush(stdout);
    pid = (pid_t)raw_clone(SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID, NULL, &ptid, 0,
                           &ctid);
    if (pid == 0)
        _exit(ctid == getpid() && ptid == 0 ? 44 : 1);
    printf("PARENT_SETTID/CHILD_SETTID: parent_tid is the pid: %s, child code %d\n",
           ptid == pid ? "yes" : "no", code_of(pid, 0));

    fflush(stdout);
    pid = (pid_t)raw_clone(SIGCHLD | CLONE_FILES, NULL, NULL, 0, NULL);
    if (pid == 0)
        _exit(open("/dev/null", O_RDONLY));
    int fd = code_of(pid, 0);
    printf("CLONE_FILES: the child's new fd is open in the parent: %s\n",
           fd > 2 && fcntl(fd, F_GETFD) >= 0 ? "yes" : "no");
    close(fd);

    int pidfd = -1;
    fflush(stdout);
    pid = (pid_t)raw_clone(SIGCHLD | CLONE_PIDFD, NULL, &pidfd, 0, NULL);
    if (pid == 0)
        _exit(45);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    int r = waitid(P_PIDFD, (id_t)pidfd, &si, WEXITED);
    printf("CLONE_PIDFD: pidfd valid: %s, waitid(P_PIDFD) r=%d pid %s status %d\n",
           pidfd >= 0 ? "yes" : "no", r, si.si_pid == pid ? "ok" : "WRONG", si.si_status);
    close(pidfd);

    fflush(stdout);
    pid = (pid_t)raw_clone(0, NULL, NULL, 0, NULL);
    if (pid == 0)
        _exit(46);
    errno = 0;
    int plain = waitpid(pid, NULL, WNOHANG);
    printf("exit signal 0: plain waitpid %d %s, with __WALL code %d\n", plain,
           strerrorname_np(errno), code_of(pid, __WALL));

    static const struct { unsigned long flags; const char *what; } bad[] = {
        { CLONE_THREAD | SIGCHLD, "CLONE_THREAD without CLONE_SIGHAND" },
        { CLONE_SIGHAND | SIGCHLD, "CLONE_SIGHAND without CLONE_VM" },
        { CLONE_NEWNS | CLONE_FS | SIGCHLD, "CLONE_NEWNS with CLONE_FS" },
        { CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, "CLONE_PIDFD with CLONE_DETACHED" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        errno = 0;
        long v = raw_clone(bad[i].flags, NULL, &pidfd, 0, NULL);
        if (v == 0)
            _exit(0);
        printf("%s: %ld %s\n", bad[i].what, v, strerrorname_np(errno));
    }
    return 0;
}
