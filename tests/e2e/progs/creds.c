/* creds.c - prints the real and effective user ids and AT_SECURE as the guest sees them:
 * "uid=N euid=N secure=N". tests/e2e/binfmt.sh runs it setuid through binfmt_misc's C flag. */
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(void)
{
    printf("uid=%d euid=%d secure=%lu\n", (int)getuid(), (int)geteuid(), getauxval(AT_SECURE));
    return 0;
}
