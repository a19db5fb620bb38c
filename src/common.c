/* common.c - fatal(), panic() and warn(): the one place crossrun's own messages are printed. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "common.h"

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "crossrun: %s", prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void fatal(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    exit(status);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("internal error: ", fmt, ap);
    va_end(ap);
    abort();
}

void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}
