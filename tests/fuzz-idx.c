/* A libFuzzer target for the IDX loader of chapter 14; `make fuzz` builds
   it with clang -fsanitize=fuzzer,address,undefined and runs it.  It is
   not part of `make test`.

   Each input is written to a file and read three ways:
   1. as given, with idx_read: plain IDX files, and (when the input starts
      1f 8b) broken gzip streams;
   2. compressed with zlib's gzwrite, with idx_read: random bytes almost
      never decode, so without this copy the mutations would rarely reach
      the header checks behind decompression;
   3. cut in two at a point the first byte chooses, the halves written as
      an image file and a label file, with image_set_load.
   Any crash, sanitizer report or leak stops the fuzzer.  The files are in
   /tmp under names with the process id, so parallel jobs do not meet,
   and are removed at exit. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include "idx.h"

static char raw[64], packed[64], images[64], labels[64];

static int write_plain(const char *path, const uint8_t *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t put = fwrite(b, 1, n, f);
    return fclose(f) == 0 && put == n ? 0 : -1;
}

static int write_gzip(const char *path, const uint8_t *b, size_t n)
{
    gzFile g = gzopen(path, "wb");
    if (g == NULL)
        return -1;
    int put = n == 0 ? 0 : gzwrite(g, b, (unsigned)n);
    return gzclose(g) == Z_OK && put == (int)n ? 0 : -1;
}

/* Read a file; a success must be consistent with what the header says. */
static void read_one(const char *path)
{
    idx_file f;
    nn_err err;
    if (idx_read(path, &f, &err) == 0) {
        if (f.data == NULL || f.count != f.dims[0] || f.ndims < 1
            || f.ndims > 4)
            abort();
        volatile unsigned sum = 0;       /* touch every byte */
        for (size_t j = 0; j < f.count * f.item; j++)
            sum += f.data[j];
    } else if (f.data != NULL || err.msg[0] == '\0') {
        abort();
    }
    idx_free(&f);
    idx_free(&f);
}

static void remove_files(void)
{
    remove(raw), remove(packed), remove(images), remove(labels);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (raw[0] == '\0') {
        atexit(remove_files);
        long pid = (long)getpid();
        snprintf(raw, sizeof raw, "/tmp/fuzz-idx-%ld.raw", pid);
        snprintf(packed, sizeof packed, "/tmp/fuzz-idx-%ld.gz", pid);
        snprintf(images, sizeof images, "/tmp/fuzz-idx-%ld.images", pid);
        snprintf(labels, sizeof labels, "/tmp/fuzz-idx-%ld.labels", pid);
    }
    if (write_plain(raw, data, size) == 0)
        read_one(raw);
    if (write_gzip(packed, data, size) == 0)
        read_one(packed);
    if (size >= 1) {
        size_t cut = 1 + (size - 1) * data[0] / 256;
        image_set S;
        nn_err err;
        if (write_plain(images, data + 1, cut - 1) == 0
            && write_plain(labels, data + cut, size - cut) == 0) {
            if (image_set_load(images, labels, 10, &S, &err) == 0) {
                double *x = malloc((size_t)S.rows * S.cols * sizeof *x);
                for (size_t s = 0; x != NULL && s < S.n; s++) {
                    if (S.labels[s] >= 10)
                        abort();
                    image_x(&S, s, x);
                }
                free(x);
            }
            image_set_free(&S);
        }
    }
    return 0;
}
