/* Tests of the IDX loader of chapter 15.  Each test writes its small IDX
   files in the current directory (the runner runs in a scratch
   directory), under names that start with "test-idx-", plain or
   compressed with zlib's gz functions, and removes them at the end.
   Every broken file must be rejected with one line naming the file, by
   nn_idx_read and, given the file's bytes in memory, by nn_idx_parse alike.
   mkfifo, mkdir and alarm are POSIX, for the inputs that are not
   regular files. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "check.h"
#include "files.h"
#include "idx.h"
#include "rng.h"

enum { MAXBYTES = 4096 };

/* Write n bytes to path, gzip-compressed if gz. */
static void write_file(const char *path, int gz, const unsigned char *b,
                       size_t n)
{
    if (gz) {
        gzFile g = gzopen(path, "wb");
        CHECK(g != NULL);
        if (g == NULL)
            return;
        CHECK(n == 0 || gzwrite(g, b, (unsigned)n) == (int)n);
        CHECK(gzclose(g) == Z_OK);
    } else {
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL);
        if (f == NULL)
            return;
        CHECK(fwrite(b, 1, n, f) == n);
        CHECK(fclose(f) == 0);
    }
}

/* The bytes of a file, at most MAXBYTES; returns how many. */
static size_t read_file(const char *path, unsigned char *b)
{
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f != NULL) {
        n = fread(b, 1, MAXBYTES, f);
        fclose(f);
    }
    return n;
}

static void put_be(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24), b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8), b[3] = (unsigned char)v;
}

/* An IDX file in b: magic 0x0000 type ndims, the dimensions, then the
   data bytes 0, 1, 2, ... (mod 256), or fill bytes of value fill if
   fill >= 0; extra adds bytes beyond the claim (or removes, if < 0).
   Returns the length. */
static size_t make_idx(unsigned char *b, int type, int ndims,
                       const uint32_t dims[], long extra, int fill)
{
    size_t n = 4, data = 1;
    b[0] = 0, b[1] = 0, b[2] = (unsigned char)type;
    b[3] = (unsigned char)ndims;
    for (int k = 0; k < ndims; k++) {
        put_be(b + n, dims[k]);
        n += 4;
        data *= dims[k];
    }
    data = (size_t)((long)data + extra);
    for (size_t j = 0; j < data && n < MAXBYTES; j++)
        b[n++] = (unsigned char)(fill >= 0 ? fill : (int)(j % 256));
    return n;
}

static void write_idx(const char *path, int gz, int type, int ndims,
                      const uint32_t dims[], long extra)
{
    unsigned char b[MAXBYTES];
    write_file(path, gz, b, make_idx(b, type, ndims, dims, extra, -1));
}

/* Check a failure: status -1, nothing allocated, a one-line message
   that names the file and contains words. */
#define CHECK_FAILURE(status, err, path, words, data) \
    check_failure(__FILE__, __LINE__, status, err, path, words, data)
static void check_failure(const char *file, int line, int status,
                          const nn_err *err, const char *path,
                          const char *words, const void *data)
{
    if (status != -1)
        check_fail(file, line, "%s: status %d, expected -1", path, status);
    if (data != NULL)
        check_fail(file, line, "%s: data left allocated", path);
    if (strstr(err->msg, path) == NULL || strstr(err->msg, words) == NULL
        || strchr(err->msg, '\n') != NULL)
        check_fail(file, line, "message '%s' should name %s and say '%s'",
                   err->msg, path, words);
}

#define REJECTS(path, words) rejects(__FILE__, __LINE__, path, words)
static void rejects(const char *file, int line, const char *path,
                    const char *words)
{
    nn_idx_file f;
    nn_err err = { "" }, merr = { "" };
    int status = nn_idx_read(path, &f, &err);
    check_failure(file, line, status, &err, path, words, f.data);
    if (status == 0)
        nn_idx_free(&f);
    /* the same bytes in memory, the same verdict and message */
    size_t n;
    unsigned char *b = test_slurp(path, &n);
    if (b != NULL) {
        status = nn_idx_parse(b, n, path, &f, &merr);
        check_failure(file, line, status, &merr, path, words, f.data);
        if (status == 0)
            nn_idx_free(&f);
        if (strcmp(err.msg, merr.msg) != 0)
            check_fail(file, line, "idx_parse says '%s', idx_read '%s'",
                       merr.msg, err.msg);
        free(b);
    }
    remove(path);
}

static const uint32_t images_322[] = { 3, 2, 2 };

void test_idx_reads_plain_and_gzip(void)
{
    for (int gz = 0; gz <= 1; gz++) {
        const char *path = gz ? "test-idx-ok.gz" : "test-idx-ok";
        nn_idx_file f;
        nn_err err = { "" };
        write_idx(path, gz, 0x08, 3, images_322, 0);
        CHECK(nn_idx_read(path, &f, &err) == 0);
        if (err.msg[0] != '\0')
            fprintf(stderr, "  %s\n", err.msg);
        CHECK(f.ndims == 3 && f.dims[0] == 3 && f.dims[1] == 2
              && f.dims[2] == 2);
        CHECK(f.count == 3 && f.item == 4 && f.data != NULL);
        for (size_t j = 0; f.data != NULL && j < 12; j++)
            CHECK(f.data[j] == j);
        nn_idx_free(&f);
        CHECK(f.data == NULL && f.count == 0);
        nn_idx_free(&f);
        size_t n;
        unsigned char *b = test_slurp(path, &n);
        CHECK(b != NULL && nn_idx_parse(b, n, path, &f, &err) == 0);
        CHECK(f.ndims == 3 && f.count == 3 && f.item == 4);
        for (size_t j = 0; f.data != NULL && j < 12; j++)
            CHECK(f.data[j] == j);
        nn_idx_free(&f);
        free(b);
        remove(path);
    }
}

void test_idx_reads_four_dims_and_labels(void)
{
    const uint32_t d4[] = { 2, 1, 3, 2 }, d1[] = { 5 };
    nn_idx_file f;
    nn_err err;
    write_idx("test-idx-4d", 0, 0x08, 4, d4, 0);
    CHECK(nn_idx_read("test-idx-4d", &f, &err) == 0);
    CHECK(f.ndims == 4 && f.count == 2 && f.item == 6);
    nn_idx_free(&f);
    write_idx("test-idx-1d.gz", 1, 0x08, 1, d1, 0);
    CHECK(nn_idx_read("test-idx-1d.gz", &f, &err) == 0);
    CHECK(f.ndims == 1 && f.count == 5 && f.item == 1);
    CHECK(f.data != NULL && f.data[4] == 4);
    nn_idx_free(&f);
    remove("test-idx-4d"), remove("test-idx-1d.gz");
}

void test_idx_rejects_missing_file(void)
{
    nn_idx_file f;
    nn_err err;
    int status = nn_idx_read("test-idx-no-such-file", &f, &err);
    CHECK_FAILURE(status, &err, "test-idx-no-such-file", "cannot open",
                  f.data);
    nn_idx_free(&f);
}

void test_idx_rejects_magic(void)
{
    unsigned char b[MAXBYTES];
    for (int gz = 0; gz <= 1; gz++) {
        const char *p = gz ? "test-idx-magic.gz" : "test-idx-magic";
        size_t n = make_idx(b, 0x08, 3, images_322, 0, -1);
        b[1] = 0x08;
        write_file(p, gz, b, n);
        REJECTS(p, "not an IDX file");
        write_file(p, gz, (const unsigned char *)"<html>", 6);
        REJECTS(p, "not an IDX file");
        write_idx(p, gz, 0x0D, 3, images_322, 0);
        REJECTS(p, "32-bit floats (IDX type 0x0d)");
        write_idx(p, gz, 0x42, 3, images_322, 0);
        REJECTS(p, "unknown type");
        write_idx(p, gz, 0x08, 0, images_322, 0);
        REJECTS(p, "0 dimensions");
        const uint32_t d5[] = { 1, 1, 1, 1, 1 };
        write_idx(p, gz, 0x08, 5, d5, 0);
        REJECTS(p, "5 dimensions");
    }
}

void test_idx_rejects_truncated_header(void)
{
    unsigned char b[MAXBYTES];
    make_idx(b, 0x08, 3, images_322, 0, -1);
    for (int gz = 0; gz <= 1; gz++) {
        const char *p = gz ? "test-idx-head.gz" : "test-idx-head";
        write_file(p, gz, b, 0);
        REJECTS(p, "truncated");
        write_file(p, gz, b, 3);
        REJECTS(p, "truncated: the file ends after 3 of the 4 bytes of "
                   "its magic number");
        write_file(p, gz, b, 15);
        REJECTS(p, "11 of the 12 bytes of its dimensions");
    }
}

void test_idx_rejects_truncated_and_long_data(void)
{
    for (int gz = 0; gz <= 1; gz++) {
        const char *p = gz ? "test-idx-len.gz" : "test-idx-len";
        write_idx(p, gz, 0x08, 3, images_322, -1);
        REJECTS(p, gz ? "truncated: the file ends after 11 of the 12 bytes "
                        "of its data"
                      : "truncated: the header claims 12 bytes of data, "
                        "11 follow");
        write_idx(p, gz, 0x08, 3, images_322, +1);
        REJECTS(p, gz ? "more data than the header claims"
                      : "trailing data: the header claims 12 bytes of "
                        "data, 13");
    }
}

void test_idx_rejects_zero_dimensions(void)
{
    const uint32_t none[] = { 0, 28, 28 }, flat[] = { 3, 28, 0 };
    for (int gz = 0; gz <= 1; gz++) {
        const char *p = gz ? "test-idx-zero.gz" : "test-idx-zero";
        write_idx(p, gz, 0x08, 3, none, 0);
        REJECTS(p, "zero items");
        write_idx(p, gz, 0x08, 3, flat, 0);
        REJECTS(p, "dimension 3 is zero");
        write_idx(p, gz, 0x08, 1, none, 0);
        REJECTS(p, "zero items");
    }
}

/* A header that claims 2^31 images of 28 x 28 in a file of a few dozen
   bytes; four dimensions whose product overflows 64 bits. */
void test_idx_rejects_huge_claims(void)
{
    const uint32_t huge[] = { 0x80000000u, 28, 28 };
    const uint32_t wide[] = { 0xffffffffu, 0xffffffffu, 0xffffffffu, 2 };
    unsigned char b[MAXBYTES];
    size_t n = make_idx(b, 0x08, 3, huge, 0, -1);
    CHECK(n == MAXBYTES);
    write_file("test-idx-huge", 0, b, 40);
    REJECTS("test-idx-huge", "the header claims 1683627180032 bytes");
    write_file("test-idx-huge.gz", 1, b, 40);
    REJECTS("test-idx-huge.gz", "the header claims 1683627180032 bytes of "
                                "data, more than");
    n = make_idx(b, 0x08, 4, wide, 0, -1);
    write_file("test-idx-wide", 0, b, 40);
    REJECTS("test-idx-wide", "more than 2^64");
}

/* A gzip file whose claim agrees with its trailer modulo 2^32: 65537
   images of 256 x 256 claimed, one there.  Only the bound from deflate's
   largest ratio stops it before the allocation of 4 GiB. */
void test_idx_rejects_claim_matching_isize(void)
{
    static unsigned char b[16 + 65536];
    const uint32_t one[] = { 1, 256, 256 };
    make_idx(b, 0x08, 3, one, 0, 0);
    put_be(b + 4, 65537);
    write_file("test-idx-isize.gz", 1, b, sizeof b);
    REJECTS("test-idx-isize.gz", "bytes of gzip can hold");
}

/* Compress b[0 .. n) into the file p, and read the compressed bytes
   back into z; returns their number. */
static size_t gz_bytes(const char *p, const unsigned char *b, size_t n,
                       unsigned char *z)
{
    write_file(p, 1, b, n);
    return read_file(p, z);
}

/* Forge the ISIZE of a gzip file of zn bytes in z. */
static void set_isize(unsigned char *z, size_t zn, uint32_t v)
{
    for (int t = 0; t < 4; t++)
        z[zn - 4 + t] = (unsigned char)(v >> 8 * t);
}

/* Broken gzip files: cut short; forged trailers that agree with a header
   claiming more or less than the stream holds; bytes after the stream;
   a flipped bit. */
void test_idx_rejects_broken_gzip(void)
{
    static unsigned char b[MAXBYTES], z[MAXBYTES];
    const char *p = "test-idx-broken.gz";
    const uint32_t four[] = { 4, 16, 16 };
    nn_rng r;
    nn_rng_seed(&r, 14, 1);
    size_t n = make_idx(b, 0x08, 3, four, 0, -1);
    for (size_t j = 16; j < n; j++)     /* incompressible */
        b[j] = (unsigned char)nn_rng_u32(&r);
    size_t zn = gz_bytes(p, b, n, z);
    CHECK(zn > n && zn + 8 <= MAXBYTES);

    write_file(p, 0, z, zn / 2);
    REJECTS(p, "truncated: the file ends inside its gzip stream");
    set_isize(z, zn / 2, (uint32_t)n);
    write_file(p, 0, z, zn / 2);    /* cut, with a trailer that agrees */
    REJECTS(p, "truncated: the file ends inside its gzip stream");
    write_file(p, 0, z, 17);
    REJECTS(p, "too short for a gzip file");

    b[7] = 5;                       /* claims 5 images, holds 4 */
    zn = gz_bytes(p, b, n, z);
    set_isize(z, zn, 16 + 5 * 256);
    write_file(p, 0, z, zn);
    REJECTS(p, "corrupt gzip data: incorrect length check");
    b[7] = 3;                       /* claims 3 images, holds 4 */
    zn = gz_bytes(p, b, n, z);
    set_isize(z, zn, 16 + 3 * 256);
    write_file(p, 0, z, zn);
    REJECTS(p, "");
    b[7] = 4;

    zn = gz_bytes(p, b, n, z);
    memcpy(z + zn, "junk", 4);
    memcpy(z + zn + 4, z + zn - 4, 4);  /* the true ISIZE after the junk */
    write_file(p, 0, z, zn + 8);
    REJECTS(p, "bytes after the end of the gzip stream");
    z[zn / 2] ^= 0x10;
    write_file(p, 0, z, zn);
    REJECTS(p, "corrupt gzip data");
}

/* A set of 3 images of 2 x 2 and their labels, written as given. */
static void write_set(const char *images, const char *labels, int gz,
                      uint32_t nlabels, int last_label)
{
    unsigned char b[64];
    const uint32_t d[] = { nlabels };
    write_idx(images, gz, 0x08, 3, images_322, 0);
    size_t n = make_idx(b, 0x08, 1, d, 0, 1);
    b[n - 1] = (unsigned char)last_label;
    write_file(labels, gz, b, n);
}

void test_image_set_loads(void)
{
    for (int gz = 0; gz <= 1; gz++) {
        const char *im = gz ? "test-idx-im.gz" : "test-idx-im";
        const char *lb = gz ? "test-idx-lb.gz" : "test-idx-lb";
        nn_image_set S;
        nn_err err = { "" };
        double x[4];
        write_set(im, lb, gz, 3, 9);
        CHECK(nn_image_set_load(im, lb, 10, &S, &err) == 0);
        CHECK(S.n == 3 && S.rows == 2 && S.cols == 2 && S.classes == 10);
        CHECK(S.labels != NULL && S.labels[0] == 1 && S.labels[2] == 9);
        nn_image_x(&S, 2, x);
        for (int j = 0; j < 4; j++)
            CHECK(x[j] == (8 + j) / 255.0);
        CHECK(S.pixels != NULL && S.pixels[11] == 11);
        nn_image_set_free(&S);
        CHECK(S.pixels == NULL && S.labels == NULL && S.n == 0);
        nn_image_set_free(&S);
        remove(im), remove(lb);
    }
}

#define SET_REJECTED(im, lb, classes, path, words) \
    set_rejected(__FILE__, __LINE__, im, lb, classes, path, words)
static void set_rejected(const char *file, int line, const char *im,
                         const char *lb, int classes, const char *path,
                         const char *words)
{
    nn_image_set S;
    nn_err err = { "" };
    int status = nn_image_set_load(im, lb, classes, &S, &err);
    check_failure(file, line, status, &err, path, words, S.pixels);
    if (S.labels != NULL)
        check_fail(file, line, "labels left allocated");
    if (status == 0)
        nn_image_set_free(&S);
    /* both files there: the same from memory */
    size_t ni, nl;
    unsigned char *bi = test_slurp(im, &ni), *bl = test_slurp(lb, &nl);
    if (bi != NULL && bl != NULL) {
        nn_err merr = { "" };
        status = nn_image_set_parse(bi, ni, im, bl, nl, lb, classes, &S, &merr);
        check_failure(file, line, status, &merr, path, words, S.pixels);
        if (S.labels != NULL)
            check_fail(file, line, "labels left allocated");
        if (status == 0)
            nn_image_set_free(&S);
        if (strcmp(err.msg, merr.msg) != 0)
            check_fail(file, line, "image_set_parse says '%s', "
                       "image_set_load '%s'", merr.msg, err.msg);
    }
    free(bi), free(bl);
}

void test_image_set_rejects(void)
{
    const char *im = "test-idx-set-im", *lb = "test-idx-set-lb.gz";
    write_set(im, lb, 1, 3, 10);
    SET_REJECTED(im, lb, 10, lb, "label 10 of item 2 is not a class 0 to 9");
    remove(im), remove(lb);
    SET_REJECTED(im, lb, 11, im, "cannot open");
    write_set(im, lb, 1, 3, 9);
    SET_REJECTED(im, lb, 0, lb, "cannot have 0 classes");
    SET_REJECTED(im, lb, 257, lb, "cannot have 257 classes");
    SET_REJECTED(lb, im, 10, lb, "not an image file: magic 0x00000801");
    SET_REJECTED(im, im, 10, im, "not a label file: magic 0x00000803");
    write_set(im, lb, 1, 4, 9);
    SET_REJECTED(im, lb, 10, im, "holds 3 images but test-idx-set-lb.gz "
                                 "holds 4 labels");
    const uint32_t three[] = { 3 };
    write_idx(lb, 0, 0x08, 1, three, -1);
    SET_REJECTED(im, lb, 10, lb, "truncated");
    remove(im), remove(lb);
    SET_REJECTED(im, lb, 10, im, "cannot open");
}

/* A file of the wrong kind in a set is reported as such, whatever its
   sizes claim: a label file with a huge count given as images, an image
   file with a huge size given as labels, images of four dimensions. */
void test_image_set_checks_the_magic_before_the_size(void)
{
    const char *im = "test-idx-kind-im", *lb = "test-idx-kind-lb";
    const uint32_t many[] = { 0x7fffffffu }, d4[] = { 3, 2, 2, 0x10000 };
    const uint32_t huge[] = { 0x7fffffffu, 28, 28 };
    unsigned char b[MAXBYTES];
    write_set(im, lb, 0, 3, 9);
    make_idx(b, 0x08, 1, many, 0, 0);
    write_file(im, 0, b, 40);
    SET_REJECTED(im, lb, 10, im, "not an image file: magic 0x00000801");
    write_file(im, 1, b, 40);
    SET_REJECTED(im, lb, 10, im, "not an image file: magic 0x00000801");
    make_idx(b, 0x08, 4, d4, 0, 0);
    write_file(im, 0, b, 40);
    SET_REJECTED(im, lb, 10, im, "not an image file: magic 0x00000804");
    write_set(im, lb, 0, 3, 9);
    make_idx(b, 0x08, 3, huge, 0, 0);
    write_file(lb, 0, b, 40);
    SET_REJECTED(im, lb, 10, lb, "not a label file: magic 0x00000803");
    remove(im), remove(lb);
}

/* The compressed bytes of b[0 .. n), written to p and read back. */
static size_t compressed(const char *p, const unsigned char *b, size_t n,
                         unsigned char *z)
{
    write_file(p, 1, b, n);
    return read_file(p, z);
}

/* A download cut short, at any point after the gzip header: the message
   says truncated, whatever the last bytes happen to be. */
void test_idx_gzip_cut_short_says_truncated(void)
{
    static unsigned char b[MAXBYTES], z[MAXBYTES];
    const char *p = "test-idx-cut.gz";
    const uint32_t four[] = { 4, 16, 16 };
    nn_rng r;
    nn_rng_seed(&r, 14, 2);
    size_t n = make_idx(b, 0x08, 3, four, 0, -1);
    for (size_t j = 16; j < n; j++)
        b[j] = (unsigned char)(nn_rng_u32(&r) % 7);   /* compresses a bit */
    size_t zn = compressed(p, b, n, z);
    CHECK(zn > 100 && zn < MAXBYTES);
    for (size_t cut = 18; cut < zn; cut += 1 + cut / 8) {
        write_file(p, 0, z, cut);
        REJECTS(p, "truncated");
    }
}

/* Bytes after the stream: zero bytes, counted and named as zeros; other
   bytes counted. */
void test_idx_gzip_trailing_bytes(void)
{
    static unsigned char b[MAXBYTES], z[MAXBYTES];
    const char *p = "test-idx-tail.gz";
    size_t n = make_idx(b, 0x08, 3, images_322, 0, -1);
    size_t zn = compressed(p, b, n, z);
    z[zn] = 0, z[zn + 1] = 0;
    write_file(p, 0, z, zn + 2);
    REJECTS(p, "2 zero bytes after the end of the gzip stream");
    memcpy(z + zn, "\0junk", 5);
    write_file(p, 0, z, zn + 5);
    REJECTS(p, "5 bytes after the end of the gzip stream");
    /* the first byte of gzip's magic, but not the second: no member */
    memcpy(z + zn, "\x1f\x00\x00", 3);
    write_file(p, 0, z, zn + 3);
    REJECTS(p, "3 bytes after the end of the gzip stream");
    z[zn] = 0x1f;
    write_file(p, 0, z, zn + 1);
    REJECTS(p, "1 byte after the end of the gzip stream");
}

/* A gzip file of several members reads as zcat reads it: the members'
   data one after the other.  Cut after each byte of the data in turn,
   and with an empty member at the end. */
void test_idx_gzip_members(void)
{
    static unsigned char b[MAXBYTES], z[MAXBYTES];
    const char *p = "test-idx-members.gz";
    size_t n = make_idx(b, 0x08, 3, images_322, 0, -1);
    for (size_t cut = 0; cut <= n; cut++) {
        size_t zn = compressed(p, b, cut, z);
        zn += compressed(p, b + cut, n - cut, z + zn);
        if (cut == n)
            zn += compressed(p, b, 0, z + zn);      /* an empty member */
        write_file(p, 0, z, zn);
        nn_idx_file f;
        nn_err err = { "" };
        CHECK(nn_idx_read(p, &f, &err) == 0);
        if (err.msg[0] != '\0')
            fprintf(stderr, "  cut %zu: %s\n", cut, err.msg);
        CHECK(f.count == 3 && f.item == 4 && f.data != NULL
              && memcmp(f.data, b + 16, 12) == 0);
        nn_idx_free(&f);
        CHECK(nn_idx_parse(z, zn, p, &f, &err) == 0 && f.data != NULL
              && memcmp(f.data, b + 16, 12) == 0);
        nn_idx_free(&f);
    }
    /* a second member with a broken header, and one cut short */
    size_t zn = compressed(p, b, 10, z);
    size_t z2 = compressed(p, b + 10, n - 10, z + zn);
    z[zn + 2] = 9;
    write_file(p, 0, z, zn + z2);
    REJECTS(p, "corrupt gzip data");
    z[zn + 2] = 8;
    write_file(p, 0, z, zn + z2 - 3);
    REJECTS(p, "truncated");
}

/* A FIFO is refused at once, not read (which would wait for a writer for
   ever: the alarm ends the test run if it does); so is a directory. */
void test_idx_rejects_what_is_not_a_regular_file(void)
{
    const char *fifo = "test-idx-fifo", *dir = "test-idx-dir";
    nn_idx_file f;
    nn_image_set S;
    nn_err err = { "" };
    remove(fifo), rmdir(dir);
    CHECK(mkfifo(fifo, 0600) == 0 && mkdir(dir, 0700) == 0);
    alarm(20);
    int status = nn_idx_read(fifo, &f, &err);
    CHECK_FAILURE(status, &err, fifo, "not a regular file (a FIFO)", f.data);
    status = nn_idx_read(dir, &f, &err);
    CHECK_FAILURE(status, &err, dir, "not a regular file (a directory)",
                  f.data);
    write_set("test-idx-fifo-lb", "test-idx-fifo-lb", 0, 3, 9);
    status = nn_image_set_load(fifo, "test-idx-fifo-lb", 10, &S, &err);
    CHECK_FAILURE(status, &err, fifo, "not a regular file", S.pixels);
    alarm(0);
    remove(fifo), rmdir(dir), remove("test-idx-fifo-lb");
}

/* The test set of Fashion-MNIST, as the Debian package installs it. */
void test_idx_fashion_mnist(void)
{
    const char *dir = "/usr/share/datasets/fashion-mnist/";
    char im[256], lb[256];
    snprintf(im, sizeof im, "%st10k-images-idx3-ubyte.gz", dir);
    snprintf(lb, sizeof lb, "%st10k-labels-idx1-ubyte.gz", dir);
    FILE *f = fopen(im, "rb");
    if (f == NULL) {            /* make installs it: missing is a failure */
        check_fail(__FILE__, __LINE__, "%s is not installed (the package "
                   "dataset-fashion-mnist)", im);
        return;
    }
    fclose(f);
    nn_image_set S;
    nn_err err = { "" };
    size_t per_class[10] = { 0 };
    CHECK(nn_image_set_load(im, lb, 10, &S, &err) == 0);
    if (err.msg[0] != '\0')
        fprintf(stderr, "  %s\n", err.msg);
    CHECK(S.n == 10000 && S.rows == 28 && S.cols == 28);
    for (size_t s = 0; s < S.n; s++)
        per_class[S.labels[s]]++;
    for (int c = 0; c < 10; c++)
        CHECK(per_class[c] == 1000);
    nn_image_set_free(&S);
}

/* Chapter 23's shards: a part of the images and labels is the same as
   the same items of the whole set, plain or gzip, and a part that is not
   in the files, or files whose counts differ, are refused. */
void test_image_set_loads_parts(void)
{
    static const size_t parts[][2] = { { 0, 1 }, { 1, 2 }, { 2, 1 }, { 0, 3 } };
    for (int gz = 0; gz <= 1; gz++) {
        const char *im = gz ? "test-idx-pim.gz" : "test-idx-pim";
        const char *lb = gz ? "test-idx-plb.gz" : "test-idx-plb";
        nn_image_set S, P;
        nn_err err = { "" };
        write_set(im, lb, gz, 3, 9);
        CHECK(nn_image_set_load(im, lb, 10, &S, &err) == 0);
        for (size_t q = 0; q < sizeof parts / sizeof parts[0]; q++) {
            size_t first = parts[q][0], count = parts[q][1];
            CHECK(nn_image_set_load_part(im, lb, 10, first, count, &P, &err) == 0);
            CHECK(P.n == count && P.rows == 2 && P.cols == 2);
            CHECK(memcmp(P.pixels, S.pixels + first * 4, count * 4) == 0);
            CHECK(memcmp(P.labels, S.labels + first, count) == 0);
            nn_image_set_free(&P);
        }
        nn_image_set_free(&S);
        CHECK(nn_image_set_load_part(im, lb, 10, 3, 1, &P, &err) == -1);
        CHECK(strstr(err.msg, im) != NULL && strstr(err.msg, "holds 3 items") != NULL);
        CHECK(P.pixels == NULL && P.labels == NULL);
        CHECK(nn_image_set_load_part(im, lb, 10, 2, 2, &P, &err) == -1);
        CHECK(nn_image_set_load_part(im, lb, 10, 0, 0, &P, &err) == -1);
        write_set(im, lb, gz, 4, 9);
        CHECK(nn_image_set_load_part(im, lb, 10, 0, 1, &P, &err) == -1);
        CHECK(strstr(err.msg, "holds 3 images but") != NULL);
        remove(im), remove(lb);
    }
}

/* The names of a data set's files: with .gz where the compressed images
   are, without where they are not, and a refusal where a name does not
   fit. */
void test_image_set_names(void)
{
    char im[64], lb[64];
    nn_err err = { "" };
    CHECK(nn_image_set_names(".", "test-names", im, lb, sizeof im, &err) == 0);
    CHECK(strcmp(im, "./test-names-images-idx3-ubyte") == 0);
    CHECK(strcmp(lb, "./test-names-labels-idx1-ubyte") == 0);
    write_file("test-names-images-idx3-ubyte.gz", 1, (const unsigned char *)"x", 1);
    CHECK(nn_image_set_names(".", "test-names", im, lb, sizeof im, &err) == 0);
    CHECK(strcmp(im, "./test-names-images-idx3-ubyte.gz") == 0);
    CHECK(strcmp(lb, "./test-names-labels-idx1-ubyte.gz") == 0);
    remove("test-names-images-idx3-ubyte.gz");
    CHECK(nn_image_set_names("a-directory-whose-name-is-long", "test-names",
                             im, lb, 40, &err) == -1);
    CHECK(strstr(err.msg, "a-directory-whose-name-is-long: the directory's "
                          "name is too long") != NULL);
}
