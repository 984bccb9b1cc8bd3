/* A libFuzzer target for the IDX loader of chapter 15; `make fuzz` builds
   it with clang -fsanitize=fuzzer,address,undefined and runs it.  It is
   not part of `make test`.

   Each input is parsed in memory, three ways:
   1. as given, with nn_idx_parse: plain IDX files, and (when the input starts
      1f 8b) broken gzip streams;
   2. compressed with zlib's deflate as a gzip file of two members, cut
      where the first byte chooses, with nn_idx_parse: random bytes almost
      never decode, so without this copy the mutations would rarely reach
      the header checks behind decompression;
   3. cut in two at the same point, the halves an image file and a label
      file, with nn_image_set_parse.
   Any crash, sanitizer report or leak stops the fuzzer.  Nothing touches
   a file, so it runs at thousands of inputs a second. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "idx.h"

/* Parse a buffer; a success must be consistent with what the header
   says, a failure must leave nothing and say why. */
static void parse_one(const uint8_t *b, size_t n)
{
    nn_idx_file f;
    nn_err err;
    if (nn_idx_parse(b, n, "input", &f, &err) == 0) {
        if (f.data == NULL || f.count != f.dims[0] || f.ndims < 1
            || f.ndims > 4)
            abort();
        volatile unsigned sum = 0;       /* touch every byte */
        for (size_t j = 0; j < f.count * f.item; j++)
            sum += f.data[j];
    } else if (f.data != NULL || err.msg[0] == '\0') {
        abort();
    }
    nn_idx_free(&f);
    nn_idx_free(&f);
}

/* Append b[0 .. n) to z as one gzip member; returns the new length.
   One deflate state serves every call (setting one up costs more than
   compressing a small input), reset for each member. */
static size_t deflate_member(const uint8_t *b, size_t n, uint8_t *z,
                             size_t used, size_t cap)
{
    static z_stream s;
    static int ready;
    if (!ready && deflateInit2(&s, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
                               Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    ready = 1;
    if (deflateReset(&s) != Z_OK)
        abort();
    s.next_in = (Bytef *)(uintptr_t)b, s.avail_in = (uInt)n;
    s.next_out = z + used, s.avail_out = (uInt)(cap - used);
    if (deflate(&s, Z_FINISH) != Z_STREAM_END)
        abort();
    return used + (size_t)s.total_out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cut = size == 0 ? 0 : 1 + (size - 1) * data[0] / 256;
    parse_one(data, size);

    size_t cap = 2 * (size + 64) + 64;
    uint8_t *z = malloc(cap);
    if (z == NULL)
        return 0;
    size_t zn = deflate_member(data, cut, z, 0, cap);
    zn = deflate_member(data + cut, size - cut, z, zn, cap);
    parse_one(z, zn);
    free(z);

    if (size >= 1) {
        nn_image_set S;
        nn_err err;
        if (nn_image_set_parse(data + 1, cut - 1, "images", data + cut,
                            size - cut, "labels", 10, &S, &err) == 0) {
            double *x = malloc((size_t)S.rows * S.cols * sizeof *x);
            for (size_t s = 0; x != NULL && s < S.n; s++) {
                if (S.labels[s] >= 10)
                    abort();
                nn_image_x(&S, s, x);
            }
            free(x);
        }
        nn_image_set_free(&S);
    }
    return 0;
}
