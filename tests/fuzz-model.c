/* A libFuzzer target for the model reader of chapter 18; `make fuzz`
   builds it with clang -fsanitize=fuzzer,address,undefined and runs it.
   It is not part of `make test`.

   Each input is parsed in memory twice: as given, and with its last four
   bytes replaced by the CRC-32 of the others, as if a writer had sealed
   it, since a random mutation almost never leaves the CRC right and the
   weights behind it would otherwise be out of reach.  A model that loads
   must be a network of the header's sizes with finite weights. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "model.h"

static void parse_one(const uint8_t *b, size_t n)
{
    nn_err err;
    err.msg[0] = '\0';
    nn_net *N = nn_model_parse(b, n, "input", &err);
    if (N == NULL) {
        if (err.msg[0] == '\0')
            abort();
        return;
    }
    if (N->L < 2 || 16 + 8 * (uint64_t)N->L + 8 * (uint64_t)N->nw != n)
        abort();
    for (size_t q = 0; q < N->nw; q++)
        if (!isfinite(N->wflat[q]))
            abort();
    nn_net_free(N);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_one(data, size);
    if (size < 16)
        return 0;
    uint8_t *b = malloc(size);
    if (b == NULL)
        return 0;
    memcpy(b, data, size);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), b, (uInt)(size - 4));
    for (int t = 0; t < 4; t++)
        b[size - 4 + t] = (uint8_t)(crc >> 8 * t);
    parse_one(b, size);
    free(b);
    return 0;
}
