/*
 * test_guest_mem.c - unit tests of the user-mode guest address space (src/loader/guest_mem.c):
 * mmap/munmap/mprotect/mremap/madvise/brk with Linux semantics, the VMA record, and the
 * checked copies. Each test uses its own guest address range so that they are independent.
 */
#define TEST_MAIN
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"
#include "loader/guest_mem.h"

#define PG GUEST_PAGE_SIZE
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (GPROT_READ | GPROT_WRITE)

static uint64_t invalidated_addr, invalidated_len;
static void record_invalidate(uint64_t a, uint64_t len)
{
    invalidated_addr = a;
    invalidated_len = len;
}

static void setup(void)
{
    guest_mem_init();
    guest_code_invalidate = record_invalidate;
}

static int64_t map_fixed(uint64_t a, uint64_t len, int prot)
{
    return guest_mmap(a, len, prot, ANON | MAP_FIXED, -1, 0);
}

/* Number of VMAs overlapping [a, end) and the first one. */
static int count_vmas(uint64_t a, uint64_t end, struct guest_vma *first)
{
    struct guest_vma v;
    int n = 0;
    for (uint64_t from = a; guest_vma_next(from, &v) && v.start < end; from = v.end) {
        if (n == 0 && first)
            *first = v;
        n++;
    }
    return n;
}

TEST(mmap, argument_errors)
{
    setup();
    CHECK_EQ_U64(guest_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
    CHECK_EQ_U64(guest_mmap(0, PG, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);      /* no type */
    CHECK_EQ_U64(guest_mmap(0, PG, 0x10, ANON, -1, 0), -EINVAL);             /* bad prot */
    CHECK_EQ_U64(guest_mmap(0x100000001, PG, RW, ANON | MAP_FIXED, -1, 0), -EINVAL);
    CHECK_EQ_U64(guest_mmap(0x1000, PG, RW, ANON | MAP_FIXED, -1, 0), -EPERM);
    CHECK_EQ_U64(guest_mmap(GUEST_SPACE - PG, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
    CHECK_EQ_U64(guest_mmap(GUEST_SPACE, PG, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
    CHECK_EQ_U64(guest_mmap(0, GUEST_SPACE + PG, RW, ANON, -1, 0), -ENOMEM);
    CHECK_EQ_U64(guest_mmap(0, PG, RW, MAP_PRIVATE, -1, 0), -EBADF);          /* file, bad fd */
    CHECK_EQ_U64(guest_mmap(0, PG, RW, ANON, -1, 123), -EINVAL);             /* unaligned off */
    CHECK_EQ_U64(guest_mmap(0, -1ULL, RW, ANON, -1, 0), -ENOMEM);
}

TEST(mmap, fixed_anonymous_is_zeroed_and_recorded)
{
    setup();
    uint64_t a = 0x1000000000;
    CHECK_EQ_U64(map_fixed(a, 3 * PG - 100, RW), a);     /* length rounds up */
    CHECK_EQ_U64(guest_page_prot(a), RW);
    CHECK_EQ_U64(guest_page_prot(a + 2 * PG), RW);
    CHECK_EQ_U64(guest_page_prot(a + 3 * PG), 0);
    uint8_t buf[64];
    memset(buf, 0xff, sizeof(buf));
    CHECK_EQ_U64(copy_from_guest(buf, a + 3 * PG - 64, 64), 0);
    CHECK(buf[0] == 0 && buf[63] == 0);
    struct guest_vma v;
    CHECK_EQ_U64(count_vmas(a, a + 3 * PG, &v), 1);
    CHECK_EQ_U64(v.start, a);
    CHECK_EQ_U64(v.end, a + 3 * PG);
    CHECK_EQ_U64(v.prot, RW);
    CHECK(v.flags & MAP_ANONYMOUS);
    /* guest writes really land in the host view */
    *(uint32_t *)g2h(a + 8) = 0x12345678;
    uint32_t x = 0;
    CHECK_EQ_U64(copy_from_guest(&x, a + 8, 4), 0);
    CHECK_EQ_U64(x, 0x12345678);
}

TEST(mmap, fixed_replaces_and_noreplace_refuses)
{
    setup();
    uint64_t a = 0x1010000000;
    CHECK_EQ_U64(map_fixed(a, 4 * PG, RW), a);
    *(uint8_t *)g2h(a + PG) = 7;
    CHECK_EQ_U64(guest_mmap(a + PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
    CHECK_EQ_U64(*(uint8_t *)g2h(a + PG), 7);
    CHECK_EQ_U64(map_fixed(a + PG, PG, GPROT_READ), a + PG);   /* replaces: fresh zero page */
    CHECK_EQ_U64(*(uint8_t *)g2h(a + PG), 0);
    CHECK_EQ_U64(guest_page_prot(a + PG), GPROT_READ);
    CHECK_EQ_U64(count_vmas(a, a + 4 * PG, NULL), 3);
    CHECK_EQ_U64(guest_mmap(a + 8 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), a + 8 * PG);
}

TEST(mmap, hint_used_when_free_else_searched)
{
    setup();
    uint64_t a = 0x1020000000;
    CHECK_EQ_U64(guest_mmap(a, 2 * PG, RW, ANON, -1, 0), a);
    int64_t b = guest_mmap(a, 2 * PG, RW, ANON, -1, 0);        /* hint taken: elsewhere */
    CHECK(b > 0 && (uint64_t)b != a);
    CHECK((uint64_t)b >= GUEST_MIN_ADDR && (uint64_t)b + 2 * PG <= GUEST_MMAP_TOP);
    int64_t c = guest_mmap(a + 4 * PG + 100, PG, RW, ANON, -1, 0);  /* unaligned: rounds up */
    CHECK_EQ_U64(c, a + 5 * PG);
    int64_t d = guest_mmap(0x100, PG, RW, ANON, -1, 0);       /* hint below min ignored */
    CHECK((uint64_t)d >= GUEST_MIN_ADDR);
    /* two non-fixed mappings never overlap, and the top-down search packs them */
    int64_t e = guest_mmap(0, 5 * PG, RW, ANON, -1, 0);
    int64_t f = guest_mmap(0, 5 * PG, RW, ANON, -1, 0);
    CHECK(e > 0 && f > 0);
    CHECK((uint64_t)f + 5 * PG <= (uint64_t)e || (uint64_t)e + 5 * PG <= (uint64_t)f);
}

TEST(mmap, adjacent_anonymous_mappings_merge)
{
    setup();
    uint64_t a = 0x1030000000;
    CHECK_EQ_U64(map_fixed(a, PG, RW), a);
    CHECK_EQ_U64(map_fixed(a + PG, PG, RW), a + PG);
    struct guest_vma v;
    CHECK_EQ_U64(count_vmas(a, a + 2 * PG, &v), 1);
    CHECK_EQ_U64(v.end, a + 2 * PG);
    CHECK_EQ_U64(map_fixed(a + 2 * PG, PG, GPROT_READ), a + 2 * PG);
    CHECK_EQ_U64(count_vmas(a, a + 3 * PG, NULL), 2);
}

TEST(mmap, file_mapping_private_and_shared)
{
    setup();
    char path[] = "/tmp/crossrun-test-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    unlink(path);
    char data[2 * 4096];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (char)(i * 7);
    CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
    uint64_t a = 0x1040000000;
    CHECK_EQ_U64(guest_mmap(a, PG, RW, MAP_PRIVATE | MAP_FIXED, fd, PG), a);
    CHECK_EQ_U64(*(uint8_t *)g2h(a + 5), (uint8_t)data[PG + 5]);
    *(uint8_t *)g2h(a + 5) = 0;                 /* private: the file is unchanged */
    char c;
    CHECK(pread(fd, &c, 1, PG + 5) == 1 && c == data[PG + 5]);
    struct guest_vma v;
    CHECK_EQ_U64(count_vmas(a, a + PG, &v), 1);
    CHECK_EQ_U64(v.offset, PG);
    CHECK(v.inode != 0);
    CHECK(!(v.flags & MAP_ANONYMOUS));

    uint64_t b = a + 16 * PG;
    CHECK_EQ_U64(guest_mmap(b, 2 * PG, RW, MAP_SHARED | MAP_FIXED, fd, 0), b);
    *(uint8_t *)g2h(b + 1) = 0x5a;              /* shared: the file sees it */
    CHECK(pread(fd, &c, 1, 1) == 1 && c == 0x5a);
    /* splitting a file mapping keeps the offsets right */
    CHECK_EQ_U64(guest_mprotect(b + PG, PG, GPROT_READ), 0);
    CHECK_EQ_U64(count_vmas(b, b + 2 * PG, &v), 2);
    CHECK(guest_vma_next(b + PG, &v) && v.offset == PG);
    close(fd);

    int ro = open("/proc/self/exe", O_RDONLY);
    CHECK_EQ_U64(guest_mmap(0, PG, RW, MAP_SHARED, ro, 0), -EACCES);
    CHECK(guest_mmap(0, PG, GPROT_READ, MAP_SHARED, ro, 0) > 0);
    close(ro);
    int dir = open("/tmp", O_RDONLY);
    CHECK_EQ_U64(guest_mmap(0, PG, GPROT_READ, MAP_PRIVATE, dir, 0), -ENODEV);
    close(dir);
}

TEST(mmap, shared_anonymous)
{
    setup();
    int64_t a = guest_mmap(0, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(a > 0);
    struct guest_vma v;
    CHECK(guest_vma_next((uint64_t)a, &v));
    CHECK(v.flags & MAP_SHARED);
    CHECK_EQ_U64(copy_to_guest((uint64_t)a, "x", 1), 0);
}

TEST(munmap, semantics)
{
    setup();
    uint64_t a = 0x1050000000;
    CHECK_EQ_U64(guest_munmap(a + 1, PG), -EINVAL);
    CHECK_EQ_U64(guest_munmap(a, 0), -EINVAL);
    CHECK_EQ_U64(guest_munmap(GUEST_SPACE - PG, 2 * PG), -EINVAL);
    CHECK_EQ_U64(guest_munmap(a, PG), 0);       /* nothing mapped: fine */
    CHECK_EQ_U64(map_fixed(a, 3 * PG, RW | GPROT_EXEC), a);
    invalidated_len = 0;
    CHECK_EQ_U64(guest_munmap(a + PG, PG), 0);  /* punch a hole */
    CHECK_EQ_U64(invalidated_addr, a + PG);
    CHECK_EQ_U64(invalidated_len, PG);
    CHECK_EQ_U64(guest_page_prot(a), RW | GPROT_EXEC);
    CHECK_EQ_U64(guest_page_prot(a + PG), 0);
    CHECK_EQ_U64(guest_page_prot(a + 2 * PG), RW | GPROT_EXEC);
    CHECK_EQ_U64(count_vmas(a, a + 3 * PG, NULL), 2);
    uint8_t b;
    CHECK_EQ_U64(copy_from_guest(&b, a + PG, 1), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(&b, a + 2 * PG, 1), 0);
    CHECK_EQ_U64(guest_munmap(a, 3 * PG), 0);
    CHECK_EQ_U64(count_vmas(a, a + 3 * PG, NULL), 0);
    /* a large unmap over mostly nothing */
    CHECK_EQ_U64(guest_munmap(0x2000000000, 0x1000000000), 0);
}

TEST(mprotect, semantics)
{
    setup();
    uint64_t a = 0x1060000000;
    CHECK_EQ_U64(map_fixed(a, 4 * PG, RW | GPROT_EXEC), a);
    CHECK_EQ_U64(guest_mprotect(a + 1, PG, GPROT_READ), -EINVAL);
    CHECK_EQ_U64(guest_mprotect(a, PG, 0x40), -EINVAL);
    CHECK_EQ_U64(guest_mprotect(a, 0, GPROT_READ), 0);
    invalidated_len = 0;
    CHECK_EQ_U64(guest_mprotect(a + PG, PG, GPROT_READ), 0);
    CHECK_EQ_U64(invalidated_len, PG);          /* lost EXEC */
    CHECK_EQ_U64(guest_page_prot(a + PG), GPROT_READ);
    CHECK_EQ_U64(count_vmas(a, a + 4 * PG, NULL), 3);
    CHECK_EQ_U64(copy_to_guest(a + PG, "x", 1), -EFAULT);
    CHECK_EQ_U64(copy_to_guest(a, "x", 1), 0);
    /* back to the same protection: the pieces merge again */
    CHECK_EQ_U64(guest_mprotect(a + PG, PG, RW | GPROT_EXEC), 0);
    CHECK_EQ_U64(count_vmas(a, a + 4 * PG, NULL), 1);
    /* a hole in the range: ENOMEM, the part before the hole is changed (as Linux does) */
    CHECK_EQ_U64(guest_munmap(a + 2 * PG, PG), 0);
    CHECK_EQ_U64(guest_mprotect(a, 4 * PG, GPROT_READ), -ENOMEM);
    CHECK_EQ_U64(guest_page_prot(a), GPROT_READ);
    CHECK_EQ_U64(guest_page_prot(a + 3 * PG), RW | GPROT_EXEC);
    CHECK_EQ_U64(guest_mprotect(a + 2 * PG, PG, GPROT_READ), -ENOMEM);
    CHECK_EQ_U64(guest_mprotect(GUEST_SPACE - PG, 2 * PG, GPROT_READ), -ENOMEM);
    /* PROT_NONE: mapped but inaccessible */
    CHECK_EQ_U64(guest_mprotect(a + 3 * PG, PG, 0), 0);
    uint8_t b;
    CHECK_EQ_U64(copy_from_guest(&b, a + 3 * PG, 1), -EFAULT);
    CHECK(guest_access_ok(a + 3 * PG, PG, 0));
    CHECK(!guest_access_ok(a + 2 * PG, PG, 0));
    /* write-only is readable, exec-only is not writable */
    CHECK_EQ_U64(guest_mprotect(a + 3 * PG, PG, GPROT_WRITE), 0);
    CHECK_EQ_U64(copy_from_guest(&b, a + 3 * PG, 1), 0);
    CHECK_EQ_U64(guest_mprotect(a + 3 * PG, PG, GPROT_EXEC), 0);
    CHECK_EQ_U64(guest_page_prot(a + 3 * PG), GPROT_EXEC);
    CHECK_EQ_U64(copy_to_guest(a + 3 * PG, "x", 1), -EFAULT);
    CHECK_EQ_U64(*(volatile uint8_t *)g2h(a + 3 * PG), 0);  /* the translator can read it */
}

TEST(mremap, shrink_grow_move)
{
    setup();
    uint64_t a = 0x1070000000;
    CHECK_EQ_U64(map_fixed(a, 4 * PG, RW), a);
    memset(g2h(a), 0x11, 4 * PG);
    /* shrink in place */
    CHECK_EQ_U64(guest_mremap(a, 4 * PG, 2 * PG, 0, 0), a);
    CHECK_EQ_U64(guest_page_prot(a + 2 * PG), 0);
    /* grow in place (the space after is free) */
    CHECK_EQ_U64(guest_mremap(a, 2 * PG, 3 * PG, 0, 0), a);
    CHECK_EQ_U64(*(uint8_t *)g2h(a + PG), 0x11);
    CHECK_EQ_U64(*(uint8_t *)g2h(a + 2 * PG), 0);          /* new pages are zero */
    CHECK_EQ_U64(count_vmas(a, a + 3 * PG, NULL), 1);
    /* blocked growth: ENOMEM without MAYMOVE, moved with it */
    CHECK_EQ_U64(map_fixed(a + 3 * PG, PG, GPROT_READ), a + 3 * PG);
    CHECK_EQ_U64(guest_mremap(a, 3 * PG, 6 * PG, 0, 0), -ENOMEM);
    int64_t b = guest_mremap(a, 3 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
    CHECK(b > 0 && (uint64_t)b != a);
    CHECK_EQ_U64(*(uint8_t *)g2h((uint64_t)b + PG), 0x11);
    CHECK_EQ_U64(*(uint8_t *)g2h((uint64_t)b + 5 * PG), 0);
    CHECK_EQ_U64(guest_page_prot((uint64_t)b + 5 * PG), RW);
    CHECK_EQ_U64(guest_page_prot(a), 0);                     /* old place is gone */
    uint8_t x;
    CHECK_EQ_U64(copy_from_guest(&x, a, 1), -EFAULT);
    CHECK_EQ_U64(guest_page_prot(a + 3 * PG), GPROT_READ);   /* the neighbour stays */
    /* MREMAP_FIXED onto a chosen (occupied) place */
    uint64_t c = 0x1071000000;
    CHECK_EQ_U64(map_fixed(c, PG, GPROT_READ), c);
    CHECK_EQ_U64(guest_mremap((uint64_t)b, 6 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, c), c);
    CHECK_EQ_U64(*(uint8_t *)g2h(c + PG), 0x11);
    CHECK_EQ_U64(guest_page_prot(c), RW);
    CHECK_EQ_U64(guest_page_prot((uint64_t)b), 0);
    /* errors */
    CHECK_EQ_U64(guest_mremap(c + 1, PG, PG, 0, 0), -EINVAL);
    CHECK_EQ_U64(guest_mremap(c, PG, 0, 0, 0), -EINVAL);
    CHECK_EQ_U64(guest_mremap(c, PG, 2 * PG, MREMAP_FIXED, c + 8 * PG), -EINVAL);
    CHECK_EQ_U64(guest_mremap(c, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, c - PG), -EINVAL);
    CHECK_EQ_U64(guest_mremap(c, PG, 2 * PG, 0x40, 0), -EINVAL);
    CHECK_EQ_U64(guest_mremap(0x1072000000, PG, 2 * PG, MREMAP_MAYMOVE, 0), -EFAULT);
    CHECK_EQ_U64(guest_mremap(c, 4 * PG, 8 * PG, MREMAP_MAYMOVE, 0), -EFAULT); /* spans a hole */
}

TEST(mremap, file_mapping_moves_with_offset)
{
    setup();
    char path[] = "/tmp/crossrun-test-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    char data[4 * 4096];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (char)(i / 4096 + 1);
    CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
    uint64_t a = 0x1080000000;
    CHECK_EQ_U64(guest_mmap(a, PG, GPROT_READ, MAP_SHARED | MAP_FIXED, fd, PG), a);
    CHECK_EQ_U64(map_fixed(a + PG, PG, GPROT_READ), a + PG);  /* block growth in place */
    int64_t b = guest_mremap(a, PG, 3 * PG, MREMAP_MAYMOVE, 0);
    CHECK(b > 0);
    CHECK_EQ_U64(*(uint8_t *)g2h((uint64_t)b), 2);
    CHECK_EQ_U64(*(uint8_t *)g2h((uint64_t)b + 2 * PG), 4);  /* grown from the file */
    struct guest_vma v;
    CHECK(guest_vma_next((uint64_t)b, &v) && v.offset == PG && v.end == (uint64_t)b + 3 * PG);
    close(fd);
}

TEST(madvise, dontneed_zeroes_and_errors)
{
    setup();
    uint64_t a = 0x1090000000;
    CHECK_EQ_U64(map_fixed(a, 2 * PG, RW), a);
    memset(g2h(a), 0x77, 2 * PG);
    CHECK_EQ_U64(guest_madvise(a, 2 * PG, MADV_DONTNEED), 0);
    CHECK_EQ_U64(*(uint8_t *)g2h(a), 0);
    CHECK_EQ_U64(*(uint8_t *)g2h(a + 2 * PG - 1), 0);
    CHECK_EQ_U64(guest_madvise(a, PG, 12345), -EINVAL);
    CHECK_EQ_U64(guest_madvise(a, PG, -1), -EINVAL);
    CHECK_EQ_U64(guest_madvise(a + 1, PG, MADV_NORMAL), -EINVAL);
    CHECK_EQ_U64(guest_madvise(a, 0, MADV_NORMAL), 0);
    CHECK_EQ_U64(guest_madvise(a, 3 * PG, MADV_WILLNEED), -ENOMEM);   /* past the end */
    CHECK_EQ_U64(guest_madvise(a, PG, MADV_DONTFORK), 0);
    CHECK_EQ_U64(guest_madvise(a, PG, MADV_SEQUENTIAL), 0);
    CHECK_EQ_U64(guest_madvise(a, PG, MADV_HWPOISON), -EPERM);
}

TEST(brk, grow_shrink_refuse)
{
    setup();
    uint64_t start = 0x10a0000000 + 123;
    guest_brk_init(start);
    uint64_t base = ALIGN_UP(start, PG);
    CHECK_EQ_U64(guest_brk(0), base);
    CHECK_EQ_U64(guest_brk(base - 1), base);                /* below start: refused */
    CHECK_EQ_U64(guest_brk(base + 100), base + 100);        /* exact value returned */
    CHECK_EQ_U64(guest_page_prot(base), RW);
    CHECK_EQ_U64(copy_to_guest(base + 50, "hi", 2), 0);
    CHECK_EQ_U64(guest_brk(base + 3 * PG + 1), base + 3 * PG + 1);
    CHECK_EQ_U64(guest_page_prot(base + 3 * PG), RW);
    struct guest_vma v;
    CHECK_EQ_U64(count_vmas(base, base + 4 * PG, &v), 1);
    CHECK(strcmp(v.name, "[heap]") == 0);
    CHECK_EQ_U64(v.end, base + 4 * PG);
    /* shrink: pages above are gone; grow again: fresh zeros */
    CHECK_EQ_U64(guest_brk(base + PG), base + PG);
    CHECK_EQ_U64(guest_page_prot(base + PG), 0);
    CHECK_EQ_U64(guest_brk(base + 2 * PG), base + 2 * PG);
    CHECK_EQ_U64(*(uint8_t *)g2h(base + PG), 0);
    /* a mapping in the way: brk stays */
    CHECK_EQ_U64(map_fixed(base + 4 * PG, PG, RW), base + 4 * PG);
    CHECK_EQ_U64(guest_brk(base + 8 * PG), base + 2 * PG);
    CHECK_EQ_U64(guest_brk(GUEST_SPACE + PG), base + 2 * PG);
    CHECK_EQ_U64(guest_brk(-1ULL), base + 2 * PG);
    /* Linux keeps a page between the break and the next mapping */
    CHECK_EQ_U64(guest_brk(base + 4 * PG), base + 2 * PG);
    CHECK_EQ_U64(guest_brk(base + 3 * PG), base + 3 * PG);
    CHECK_EQ_U64(guest_brk(base + 3 * PG + 1), base + 3 * PG);
}

TEST(copy, faults_are_efault)
{
    setup();
    uint64_t a = 0x10b0000000;
    CHECK_EQ_U64(map_fixed(a, 2 * PG, RW), a);
    char buf[32];
    CHECK_EQ_U64(copy_from_guest(buf, a + 2 * PG - 4, 8), -EFAULT);     /* runs off the end */
    CHECK_EQ_U64(copy_to_guest(a + 2 * PG - 4, buf, 8), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(buf, a + 2 * PG - 8, 8), 0);
    CHECK_EQ_U64(copy_from_guest(buf, 0, 8), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(buf, -1ULL, 8), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(buf, 0xfffffffffffff000ULL, 0x2000), -EFAULT); /* wraps */
    CHECK_EQ_U64(copy_to_guest(0xfffffffffffffff8ULL, buf, 16), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(buf, a, GUEST_SPACE), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(buf, GUEST_SPACE - 4, 8), -EFAULT);
    CHECK_EQ_U64(copy_from_guest(buf, 12345, 0), 0);                     /* nothing to copy */
    CHECK(!guest_access_ok(a, 3 * PG, GPROT_READ));
    CHECK(guest_access_ok(a, 2 * PG, GPROT_READ | GPROT_WRITE));
    CHECK(!guest_access_ok(a, 2 * PG, GPROT_EXEC));
    CHECK(!guest_access_ok(-1ULL, 2, GPROT_READ));
    CHECK_EQ_U64(guest_page_prot(-1ULL), 0);
    CHECK_EQ_U64(guest_page_prot(GUEST_SPACE), 0);
}

TEST(copy, strings)
{
    setup();
    uint64_t a = 0x10c0000000;
    CHECK_EQ_U64(map_fixed(a, 2 * PG, RW), a);
    char buf[16];
    CHECK_EQ_U64(copy_to_guest(a, "hello", 6), 0);
    CHECK_EQ_U64(copy_string_from_guest(buf, a, sizeof(buf)), 5);
    CHECK(strcmp(buf, "hello") == 0);
    CHECK_EQ_U64(copy_string_from_guest(buf, a, 5), -ENAMETOOLONG);
    CHECK_EQ_U64(copy_string_from_guest(buf, a, 6), 5);
    CHECK_EQ_U64(copy_string_from_guest(buf, a, 0), -ENAMETOOLONG);
    /* a string running into an unmapped page */
    memset(g2h(a + 2 * PG - 4), 'x', 4);
    CHECK_EQ_U64(copy_string_from_guest(buf, a + 2 * PG - 4, sizeof(buf)), -EFAULT);
    /* a string crossing two mappings */
    CHECK_EQ_U64(map_fixed(a + 2 * PG, PG, GPROT_READ), a + 2 * PG);
    CHECK_EQ_U64(copy_string_from_guest(buf, a + 2 * PG - 4, sizeof(buf)), 4);
    CHECK(strcmp(buf, "xxxx") == 0);
    CHECK_EQ_U64(copy_string_from_guest(buf, -2ULL, sizeof(buf)), -EFAULT);
    CHECK_EQ_U64(copy_string_from_guest(buf, 0x10, sizeof(buf)), -EFAULT);
}

TEST(vma, names_and_iteration)
{
    setup();
    uint64_t a = 0x10d0000000;
    CHECK_EQ_U64(map_fixed(a, PG, RW), a);
    CHECK_EQ_U64(map_fixed(a + 2 * PG, PG, GPROT_READ), a + 2 * PG);
    guest_vma_set_name(a, "[stack]");
    struct guest_vma v;
    CHECK(guest_vma_next(a, &v) && strcmp(v.name, "[stack]") == 0);
    CHECK(guest_vma_next(v.end, &v) && v.start == a + 2 * PG && v.name[0] == '\0');
    CHECK(!guest_vma_next(GUEST_SPACE, &v));
    /* iteration is in address order */
    uint64_t prev = 0;
    bool ordered = true;
    for (uint64_t from = 0; guest_vma_next(from, &v); from = v.end) {
        ordered &= v.start >= prev && v.end > v.start;
        prev = v.end;
    }
    CHECK(ordered);
}

TEST(mmap, non_fixed_fills_until_full)
{
    setup();
    /* Exhaust a small window with MAP_FIXED_NOREPLACE, then ask for more than is left. */
    int64_t big = guest_mmap(0, GUEST_SPACE, RW, ANON, -1, 0);
    CHECK_EQ_U64(big, -ENOMEM);
    int64_t huge = guest_mmap(0, 16ULL << 30, 0, ANON | MAP_NORESERVE, -1, 0);
    CHECK(huge > 0);
    CHECK_EQ_U64(guest_munmap((uint64_t)huge, 16ULL << 30), 0);
}

TEST(mmap, shared_write_on_append_fd)
{
    setup();
    char path[] = "/tmp/crossrun-test-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(ftruncate(fd, PG) == 0);
    int app = open(path, O_RDWR | O_APPEND);
    unlink(path);
    CHECK(app >= 0);
    uint64_t a = 0x10e0000000;
    CHECK_EQ_U64(guest_mmap(a, PG, RW, MAP_SHARED | MAP_FIXED, app, 0), a);
    *(uint8_t *)g2h(a + 3) = 0x42;
    char c;
    CHECK(pread(fd, &c, 1, 3) == 1 && c == 0x42);
    int ro = open("/proc/self/exe", O_RDONLY);
    CHECK_EQ_U64(guest_mmap(0, PG, RW, MAP_SHARED, ro, 0), -EACCES);
    close(ro);
    close(app);
    close(fd);
}

TEST(mem, page_mapped_counts_prot_none)
{
    setup();
    uint64_t a = 0x10f0000000;
    CHECK(!guest_page_mapped(a));
    CHECK_EQ_U64(map_fixed(a, 2 * PG, 0), a);
    CHECK(guest_page_mapped(a) && guest_page_mapped(a + 2 * PG - 1));
    CHECK(!guest_page_mapped(a + 2 * PG));
    CHECK_EQ_U64(guest_page_prot(a), 0);
    CHECK_EQ_U64(guest_mprotect(a, PG, RW), 0);
    CHECK_EQ_U64(guest_mprotect(a, PG, 0), 0);
    CHECK(guest_page_mapped(a));
    CHECK_EQ_U64(guest_munmap(a, 2 * PG), 0);
    CHECK(!guest_page_mapped(a) && !guest_page_mapped(a + PG));
    CHECK(!guest_page_mapped(GUEST_SPACE));
}

TEST(brk, stops_at_stack_guard_gap_of_growsdown)
{
    setup();
    uint64_t base = 0x1100000000;
    guest_brk_init(base);
    uint64_t g = base + 300 * PG;
    CHECK_EQ_U64(guest_mmap(g, PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, -1, 0), g);
    CHECK_EQ_U64(guest_brk(g - 256 * PG), base);                 /* inside the gap */
    CHECK_EQ_U64(guest_brk(g - 257 * PG), g - 257 * PG);
    CHECK_EQ_U64(guest_brk(base), base);
    CHECK_EQ_U64(guest_munmap(g, PG), 0);
}

TEST(growsdown, grows_on_fault_below)
{
    setup();
    uint64_t r = 0x1110000000, top = r + (2 << 20);
    CHECK_EQ_U64(map_fixed(r, PG, RW), r);                          /* the mapping below */
    uint64_t g = top - 4 * PG;
    CHECK_EQ_U64(guest_mmap(g, 4 * PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, -1, 0), g);
    memset(g2h(g), 0x21, 4 * PG);
    CHECK(!guest_mem_grow_down(g));                 /* inside the mapping: nothing to do */
    CHECK(guest_mem_grow_down(g - PG + 100));
    struct guest_vma v;
    CHECK_EQ_U64(count_vmas(g - PG, top, &v), 1);
    CHECK_EQ_U64(v.start, g - PG);
    CHECK_EQ_U64(guest_page_prot(g - PG), RW);
    CHECK(guest_page_mapped(g - PG));
    CHECK_EQ_U64(*(uint8_t *)g2h(g - PG + 100), 0);
    CHECK_EQ_U64(*(uint8_t *)g2h(g), 0x21);
    CHECK(guest_mem_grow_down(g - 11 * PG));
    CHECK_EQ_U64(count_vmas(g - 11 * PG, top, &v), 1);
    CHECK_EQ_U64(v.end - v.start, 15 * PG);
    /* not within the guard gap above the accessible mapping below */
    CHECK(!guest_mem_grow_down(r + PG + 128 * PG));
    CHECK(!guest_page_mapped(r + PG + 128 * PG));
    uint64_t past = r + PG + 272 * PG;
    CHECK(guest_mem_grow_down(past + 5));
    CHECK(guest_vma_next(past, &v) && v.start == past && v.end == top);
    /* an ordinary mapping does not grow; nor does anything below unmapped space */
    CHECK(!guest_mem_grow_down(r - 1));
    CHECK(!guest_mem_grow_down(GUEST_SPACE + PG));
    /* PROT_GROWSDOWN: from the start of the mapping; EINVAL on an ordinary one */
    CHECK_EQ_U64(guest_mprotect(top - PG, PG, GPROT_READ | PROT_GROWSDOWN), 0);
    CHECK_EQ_U64(guest_page_prot(past), GPROT_READ);
    CHECK_EQ_U64(guest_page_prot(g), GPROT_READ);
    CHECK_EQ_U64(guest_page_prot(top - PG), GPROT_READ);
    CHECK_EQ_U64(guest_mprotect(r, PG, GPROT_READ | PROT_GROWSDOWN), -EINVAL);
    CHECK_EQ_U64(guest_page_prot(r), RW);
    /* a non-fixed hint just below a grows-down mapping keeps clear of its gap */
    int64_t h = guest_mmap(past - PG, PG, RW, ANON, -1, 0);
    CHECK(h > 0 && (uint64_t)h != past - PG);
    CHECK_EQ_U64(guest_munmap(r, top - r), 0);
    CHECK_EQ_U64(guest_munmap((uint64_t)h, PG), 0);
}

TEST(madvise, dontfork_drops_mappings_in_child)
{
    setup();
    uint64_t a = 0x1120000000;
    CHECK_EQ_U64(map_fixed(a, 4 * PG, RW), a);
    memset(g2h(a), 7, 4 * PG);
    CHECK_EQ_U64(guest_madvise(a + PG, 2 * PG, MADV_DONTFORK), 0);
    CHECK_EQ_U64(count_vmas(a, a + 4 * PG, NULL), 3);
    CHECK_EQ_U64(guest_madvise(a + 2 * PG, PG, MADV_DOFORK), 0);
    CHECK_EQ_U64(count_vmas(a, a + 4 * PG, NULL), 3);            /* page 1 only now */
    CHECK_EQ_U64(guest_madvise(a + 3 * PG, 2 * PG, MADV_DONTFORK), -ENOMEM);   /* hole */
    pid_t pid = fork();
    if (pid == 0) {
        guest_mem_after_fork_child();
        bool ok = guest_page_mapped(a) && !guest_page_mapped(a + PG) &&
                  guest_page_mapped(a + 2 * PG) && !guest_page_mapped(a + 3 * PG) &&
                  *(uint8_t *)g2h(a) == 7 && *(uint8_t *)g2h(a + 2 * PG) == 7;
        /* the host range is still the PROT_NONE reservation, not a hole */
        ok &= mincore(g2h(a + PG), PG, (unsigned char[1]){0}) == 0;
        _exit(ok ? 0 : 1);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(guest_page_mapped(a + PG) && guest_page_mapped(a + 3 * PG));    /* parent unchanged */
    CHECK_EQ_U64(guest_madvise(a, 4 * PG, MADV_DOFORK), 0);
    CHECK_EQ_U64(count_vmas(a, a + 4 * PG, NULL), 1);
    CHECK_EQ_U64(guest_munmap(a, 4 * PG), 0);
}
