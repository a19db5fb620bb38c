/*
 * errno.c - the one place a host errno becomes a guest errno. Guest values are the
 * asm-generic ones (include/uapi/asm-generic/errno-base.h, errno.h), written out here; the
 * table is indexed by the host's constant, so a host whose numbering differed would still
 * translate correctly. On x86_64 every entry happens to be the identity.
 */
#include <errno.h>
#include "internal.h"

struct errno_entry {
    int guest;              /* asm-generic value; 0 = not a known errno */
    const char *name;
};

static const struct errno_entry errno_table[] = {
    [EPERM]            = {   1, "EPERM" },
    [ENOENT]           = {   2, "ENOENT" },
    [ESRCH]            = {   3, "ESRCH" },
    [EINTR]            = {   4, "EINTR" },
    [EIO]              = {   5, "EIO" },
    [ENXIO]            = {   6, "ENXIO" },
    [E2BIG]            = {   7, "E2BIG" },
    [ENOEXEC]          = {   8, "ENOEXEC" },
    [EBADF]            = {   9, "EBADF" },
    [ECHILD]           = {  10, "ECHILD" },
    [EAGAIN]           = {  11, "EAGAIN" },
    [ENOMEM]           = {  12, "ENOMEM" },
    [EACCES]           = {  13, "EACCES" },
    [EFAULT]           = {  14, "EFAULT" },
    [ENOTBLK]          = {  15, "ENOTBLK" },
    [EBUSY]            = {  16, "EBUSY" },
    [EEXIST]           = {  17, "EEXIST" },
    [EXDEV]            = {  18, "EXDEV" },
    [ENODEV]           = {  19, "ENODEV" },
    [ENOTDIR]          = {  20, "ENOTDIR" },
    [EISDIR]           = {  21, "EISDIR" },
    [EINVAL]           = {  22, "EINVAL" },
    [ENFILE]           = {  23, "ENFILE" },
    [EMFILE]           = {  24, "EMFILE" },
    [ENOTTY]           = {  25, "ENOTTY" },
    [ETXTBSY]          = {  26, "ETXTBSY" },
    [EFBIG]            = {  27, "EFBIG" },
    [ENOSPC]           = {  28, "ENOSPC" },
    [ESPIPE]           = {  29, "ESPIPE" },
    [EROFS]            = {  30, "EROFS" },
    [EMLINK]           = {  31, "EMLINK" },
    [EPIPE]            = {  32, "EPIPE" },
    [EDOM]             = {  33, "EDOM" },
    [ERANGE]           = {  34, "ERANGE" },
    [EDEADLK]          = {  35, "EDEADLK" },
    [ENAMETOOLONG]     = {  36, "ENAMETOOLONG" },
    [ENOLCK]           = {  37, "ENOLCK" },
    [ENOSYS]           = {  38, "ENOSYS" },
    [ENOTEMPTY]        = {  39, "ENOTEMPTY" },
    [ELOOP]            = {  40, "ELOOP" },
    [ENOMSG]           = {  42, "ENOMSG" },
    [EIDRM]            = {  43, "EIDRM" },
    [ECHRNG]           = {  44, "ECHRNG" },
    [EL2NSYNC]         = {  45, "EL2NSYNC" },
    [EL3HLT]           = {  46, "EL3HLT" },
    [EL3RST]           = {  47, "EL3RST" },
    [ELNRNG]           = {  48, "ELNRNG" },
    [EUNATCH]          = {  49, "EUNATCH" },
    [ENOCSI]           = {  50, "ENOCSI" },
    [EL2HLT]           = {  51, "EL2HLT" },
    [EBADE]            = {  52, "EBADE" },
    [EBADR]            = {  53, "EBADR" },
    [EXFULL]           = {  54, "EXFULL" },
    [ENOANO]           = {  55, "ENOANO" },
    [EBADRQC]          = {  56, "EBADRQC" },
    [EBADSLT]          = {  57, "EBADSLT" },
    [EBFONT]           = {  59, "EBFONT" },
    [ENOSTR]           = {  60, "ENOSTR" },
    [ENODATA]          = {  61, "ENODATA" },
    [ETIME]            = {  62, "ETIME" },
    [ENOSR]            = {  63, "ENOSR" },
    [ENONET]           = {  64, "ENONET" },
    [ENOPKG]           = {  65, "ENOPKG" },
    [EREMOTE]          = {  66, "EREMOTE" },
    [ENOLINK]          = {  67, "ENOLINK" },
    [EADV]             = {  68, "EADV" },
    [ESRMNT]           = {  69, "ESRMNT" },
    [ECOMM]            = {  70, "ECOMM" },
    [EPROTO]           = {  71, "EPROTO" },
    [EMULTIHOP]        = {  72, "EMULTIHOP" },
    [EDOTDOT]          = {  73, "EDOTDOT" },
    [EBADMSG]          = {  74, "EBADMSG" },
    [EOVERFLOW]        = {  75, "EOVERFLOW" },
    [ENOTUNIQ]         = {  76, "ENOTUNIQ" },
    [EBADFD]           = {  77, "EBADFD" },
    [EREMCHG]          = {  78, "EREMCHG" },
    [ELIBACC]          = {  79, "ELIBACC" },
    [ELIBBAD]          = {  80, "ELIBBAD" },
    [ELIBSCN]          = {  81, "ELIBSCN" },
    [ELIBMAX]          = {  82, "ELIBMAX" },
    [ELIBEXEC]         = {  83, "ELIBEXEC" },
    [EILSEQ]           = {  84, "EILSEQ" },
    [ERESTART]         = {  85, "ERESTART" },
    [ESTRPIPE]         = {  86, "ESTRPIPE" },
    [EUSERS]           = {  87, "EUSERS" },
    [ENOTSOCK]         = {  88, "ENOTSOCK" },
    [EDESTADDRREQ]     = {  89, "EDESTADDRREQ" },
    [EMSGSIZE]         = {  90, "EMSGSIZE" },
    [EPROTOTYPE]       = {  91, "EPROTOTYPE" },
    [ENOPROTOOPT]      = {  92, "ENOPROTOOPT" },
    [EPROTONOSUPPORT]  = {  93, "EPROTONOSUPPORT" },
    [ESOCKTNOSUPPORT]  = {  94, "ESOCKTNOSUPPORT" },
    [EOPNOTSUPP]       = {  95, "EOPNOTSUPP" },
    [EPFNOSUPPORT]     = {  96, "EPFNOSUPPORT" },
    [EAFNOSUPPORT]     = {  97, "EAFNOSUPPORT" },
    [EADDRINUSE]       = {  98, "EADDRINUSE" },
    [EADDRNOTAVAIL]    = {  99, "EADDRNOTAVAIL" },
    [ENETDOWN]         = { 100, "ENETDOWN" },
    [ENETUNREACH]      = { 101, "ENETUNREACH" },
    [ENETRESET]        = { 102, "ENETRESET" },
    [ECONNABORTED]     = { 103, "ECONNABORTED" },
    [ECONNRESET]       = { 104, "ECONNRESET" },
    [ENOBUFS]          = { 105, "ENOBUFS" },
    [EISCONN]          = { 106, "EISCONN" },
    [ENOTCONN]         = { 107, "ENOTCONN" },
    [ESHUTDOWN]        = { 108, "ESHUTDOWN" },
    [ETOOMANYREFS]     = { 109, "ETOOMANYREFS" },
    [ETIMEDOUT]        = { 110, "ETIMEDOUT" },
    [ECONNREFUSED]     = { 111, "ECONNREFUSED" },
    [EHOSTDOWN]        = { 112, "EHOSTDOWN" },
    [EHOSTUNREACH]     = { 113, "EHOSTUNREACH" },
    [EALREADY]         = { 114, "EALREADY" },
    [EINPROGRESS]      = { 115, "EINPROGRESS" },
    [ESTALE]           = { 116, "ESTALE" },
    [EUCLEAN]          = { 117, "EUCLEAN" },
    [ENOTNAM]          = { 118, "ENOTNAM" },
    [ENAVAIL]          = { 119, "ENAVAIL" },
    [EISNAM]           = { 120, "EISNAM" },
    [EREMOTEIO]        = { 121, "EREMOTEIO" },
    [EDQUOT]           = { 122, "EDQUOT" },
    [ENOMEDIUM]        = { 123, "ENOMEDIUM" },
    [EMEDIUMTYPE]      = { 124, "EMEDIUMTYPE" },
    [ECANCELED]        = { 125, "ECANCELED" },
    [ENOKEY]           = { 126, "ENOKEY" },
    [EKEYEXPIRED]      = { 127, "EKEYEXPIRED" },
    [EKEYREVOKED]      = { 128, "EKEYREVOKED" },
    [EKEYREJECTED]     = { 129, "EKEYREJECTED" },
    [EOWNERDEAD]       = { 130, "EOWNERDEAD" },
    [ENOTRECOVERABLE]  = { 131, "ENOTRECOVERABLE" },
    [ERFKILL]          = { 132, "ERFKILL" },
    [EHWPOISON]        = { 133, "EHWPOISON" },
};
_Static_assert(ARRAY_SIZE(errno_table) == 134, "asm-generic errnos run from 1 to 133");

int guest_errno(int host_errno)
{
    if (host_errno > 0 && (size_t)host_errno < ARRAY_SIZE(errno_table) &&
        errno_table[host_errno].guest)
        return errno_table[host_errno].guest;
    return errno_table[EINVAL].guest;   /* no host errno is outside the table; be safe */
}

int host_errno_of_guest(int guest_err)
{
    for (size_t i = 0; i < ARRAY_SIZE(errno_table); i++)
        if (errno_table[i].guest == guest_err)
            return (int)i;
    return 0;
}

const char *guest_errno_name(int guest_err)
{
    int h = host_errno_of_guest(guest_err);
    return h ? errno_table[h].name : "E?";
}
