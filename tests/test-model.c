/* Tests of the model files of chapter 18: a save and a load reproduce a
   network bit for bit, the bytes are those the format prescribes, every
   damaged or mismatched file is rejected with a message naming it, and a
   save that fails leaves the old file as it was.  The files are written
   in the current directory under names starting with "test-model-", and
   removed.  mkdir and symlink are POSIX, for the failing saves. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "check.h"
#include "files.h"
#include "model.h"
#include "nets.h"
#include "runfile.h"

/* ---------------------------------------------------------------- files */

/* Does the file hold exactly these bytes? */
static int holds(const char *path, const unsigned char *b, size_t len)
{
    size_t n;
    unsigned char *have = test_slurp(path, &n);
    int same = have != NULL && n == len && memcmp(have, b, len) == 0;
    free(have);
    return same;
}

/* Store the CRC-32 of b[0 .. len-5] in its last four bytes, so that a
   test's change to a field is seen by the check of that field. */
static void seal(unsigned char *b, size_t len)
{
    uLong crc = crc32(crc32(0L, Z_NULL, 0), b, (uInt)(len - 4));
    for (int t = 0; t < 4; t++)
        b[len - 4 + t] = (unsigned char)(crc >> 8 * t);
}

static void put32(unsigned char *b, uint32_t v)
{
    for (int t = 0; t < 4; t++)
        b[t] = (unsigned char)(v >> 8 * t);
}

/* ---------------------------------------------------------------- nets */

static nn_net *random_net(nn_rng *r)
{
    int n[6];
    nn_activation A[6];
    int L = 2 + (int)nn_rng_below(r, 4);
    for (int k = 1; k <= L; k++) {
        n[k] = 1 + (int)nn_rng_below(r, 8);
        A[k] = (nn_activation)nn_rng_below(r, NN_ACT_COUNT);
    }
    nn_net *N = test_net(L, n, A);
    if (N != NULL)
        for (size_t q = 0; q < N->nw; q++)
            N->wflat[q] = (nn_rng_uniform(r) - 0.5)
                        * ldexp(1.0, (int)nn_rng_below(r, 200) - 100);
    return N;
}

/* The small network whose file the damage tests damage: 2, 3, 1. */
static nn_net *small_net(void)
{
    int n[] = { 0, 2, 3, 1 };
    nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_TANH, NN_ACT_SIGMOID };
    nn_net *N = test_net(3, n, A);
    if (N != NULL)
        for (size_t q = 0; q < N->nw; q++)
            N->wflat[q] = 0.25 * (double)q - 1.0;
    return N;
}

/* Same sizes, same activations, the same weights bit for bit. */
static int same_net(const nn_net *a, const nn_net *b)
{
    if (a->L != b->L || a->nw != b->nw)
        return 0;
    for (int k = 1; k <= a->L; k++)
        if (a->n[k] != b->n[k] || (k >= 2 && a->A[k] != b->A[k]))
            return 0;
    return memcmp(a->wflat, b->wflat, a->nw * sizeof(double)) == 0;
}

static int save(const nn_net *N, const char *path)
{
    nn_err err;
    int status = nn_model_save(N, path, &err);
    if (status != 0)
        check_fail(__FILE__, __LINE__, "model_save: %s", err.msg);
    return status;
}

/* Does nn_model_load reject the file with one line that names it and
   contains word?  If it is a regular file, nn_model_parse must reject its
   bytes with the same message. */
static int rejected(const char *path, const char *word)
{
    nn_err err = { "" };
    nn_net *N = nn_model_load(path, &err);
    if (N != NULL) {
        nn_net_free(N);
        return 0;
    }
    int ok = strstr(err.msg, path) != NULL && strstr(err.msg, word) != NULL
             && strchr(err.msg, '\n') == NULL;
    if (!ok)
        fprintf(stderr, "  message was: %s\n", err.msg);
    struct stat st;
    size_t len;
    unsigned char *b = stat(path, &st) == 0 && S_ISREG(st.st_mode)
                       && st.st_size < (1 << 20) ? test_slurp(path, &len)
                                                 : NULL;
    if (b != NULL) {
        nn_err merr = { "" };
        N = nn_model_parse(b, len, path, &merr);
        if (N != NULL || strcmp(merr.msg, err.msg) != 0) {
            fprintf(stderr, "  model_parse said: %s\n", merr.msg);
            ok = 0;
        }
        nn_net_free(N);
        free(b);
    }
    return ok;
}

/* ---------------------------------------------------------------- tests */

/* model.c asserts at compile time that a double has 64 bits and 53 of
   mantissa; this checks the bit patterns the file format copies. */
void test_model_host_double_is_binary64(void)
{
    const double x[] = { 1.0, -2.0, 0.5, -0x1.23456789abcdep-3 };
    const uint64_t bits[] = { UINT64_C(0x3ff0000000000000),
                              UINT64_C(0xc000000000000000),
                              UINT64_C(0x3fe0000000000000),
                              UINT64_C(0xbfc23456789abcde) };
    for (int t = 0; t < 4; t++) {
        uint64_t u;
        memcpy(&u, &x[t], sizeof u);
        CHECK(u == bits[t]);
    }
}

void test_model_round_trip(void)
{
    const char *path = "test-model-round.bin";
    nn_rng r;
    nn_rng_seed(&r, 16, 1);
    for (int t = 0; t < 20; t++) {
        nn_net *N = random_net(&r);
        if (N == NULL)
            return;
        nn_err err;
        nn_net *M = save(N, path) == 0 ? nn_model_load(path, &err) : NULL;
        CHECK(M != NULL);
        if (M != NULL) {
            CHECK(same_net(N, M));
            /* and it computes the same outputs */
            double x[8];
            for (int j = 0; j < N->n[1]; j++)
                x[j] = nn_rng_normal(&r);
            const double *a = nn_net_forward(N, x), *b = nn_net_forward(M, x);
            CHECK(memcmp(a + 1, b + 1, N->n[N->L] * sizeof(double)) == 0);
        }
        nn_net_free(N), nn_net_free(M);
    }
    remove(path);
}

void test_model_round_trip_awkward_weights(void)
{
    const char *path = "test-model-awkward.bin";
    const double w[] = { -0.0, 0.0, DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN,
                         DBL_MAX, -DBL_MAX, 1.0 / 3.0, -0x1.fffffffffffffp-1,
                         3.141592653589793, 1e300, -1e-300, 0.1 };
    nn_net *N = small_net();   /* 13 weights */
    if (N == NULL)
        return;
    CHECK(N->nw == sizeof w / sizeof w[0]);
    memcpy(N->wflat, w, sizeof w);
    nn_err err;
    nn_net *M = save(N, path) == 0 ? nn_model_load(path, &err) : NULL;
    CHECK(M != NULL);
    if (M != NULL) {
        CHECK(same_net(N, M));
        CHECK(signbit(M->wflat[0]) && !signbit(M->wflat[1]));
    }
    nn_net_free(N), nn_net_free(M);
    remove(path);
}

/* The smallest model, byte for byte as Table 16.1 prescribes. */
static const unsigned char known[48] = {
    'B', 'P', 'N', 'N', 'M', 'D', 'L', 0,     /* magic */
    1, 0, 0, 0,                               /* version 1 */
    2, 0, 0, 0,                               /* L = 2 */
    1, 0, 0, 0, 1, 0, 0, 0,                   /* n[1] = n[2] = 1 */
    1, 0, 0, 0,                               /* A[2]: 1, sigmoid */
    0, 0, 0, 0, 0, 0, 0xe0, 0x3f,             /* w[1][1][0] = 0.5 */
    0, 0, 0, 0, 0, 0, 0, 0xc0,                /* w[1][1][1] = -2 */
    0x0e, 0x98, 0xa3, 0x8a                    /* CRC-32 0x8aa3980e */
};

void test_model_known_bytes(void)
{
    const char *path = "test-model-known.bin";
    int n[] = { 0, 1, 1 };
    nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_SIGMOID };
    nn_net *N = test_net(2, n, A);
    if (N == NULL)
        return;
    N->w[1][1][0] = 0.5, N->w[1][1][1] = -2.0;
    if (save(N, path) == 0)
        CHECK(holds(path, known, sizeof known));
    /* and the bytes written by hand load as that network */
    test_spit(path, known, sizeof known);
    nn_err err;
    nn_net *M = nn_model_load(path, &err);
    CHECK(M != NULL && same_net(N, M));
    nn_net_free(N), nn_net_free(M);
    remove(path);
}

void test_model_activation_codes(void)
{
    /* The codes of Table 16.2, whatever the order of the enumeration. */
    const nn_activation a[] = { NN_ACT_IDENTITY, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_RELU,
                             NN_ACT_LEAKY_RELU };
    const char *path = "test-model-codes.bin";
    unsigned char b[sizeof known];
    for (uint32_t c = 0; c < 5; c++) {
        memcpy(b, known, sizeof b);
        put32(b + 24, c);
        seal(b, sizeof b);
        test_spit(path, b, sizeof b);
        nn_err err;
        nn_net *M = nn_model_load(path, &err);
        CHECK(M != NULL && M->A[2] == a[c]);
        nn_net_free(M);
    }
    remove(path);
}

/* The bytes of the small network's file, malloc'd. */
static unsigned char *small_file(size_t *len)
{
    const char *path = "test-model-small.bin";
    nn_net *N = small_net();
    unsigned char *b = N != NULL && save(N, path) == 0 ? test_slurp(path, len)
                                                        : NULL;
    nn_net_free(N);
    remove(path);
    CHECK(b != NULL && *len == 16 + 8 * 3 + 8 * 13);
    return b;
}

void test_model_rejects_every_flipped_byte(void)
{
    const char *path = "test-model-flip.bin";
    const unsigned char masks[] = { 0x01, 0x80, 0xff, 0x5a };
    size_t len;
    unsigned char *b = small_file(&len);
    if (b == NULL)
        return;
    int missed = 0;
    for (size_t p = 0; p < len; p++)
        for (int m = 0; m < 4; m++) {
            b[p] ^= masks[m];
            test_spit(path, b, len);
            if (!rejected(path, path))
                missed++, fprintf(stderr, "  byte %zu ^ 0x%02x accepted\n",
                                  p, masks[m]);
            b[p] ^= masks[m];
        }
    CHECK(missed == 0);
    free(b);
    remove(path);
}

void test_model_rejects_every_truncation(void)
{
    const char *path = "test-model-cut.bin";
    size_t len;
    unsigned char *b = small_file(&len);
    if (b == NULL)
        return;
    int missed = 0;
    for (size_t cut = 0; cut < len; cut++) {
        test_spit(path, b, cut);
        if (!rejected(path, "truncated"))
            missed++, fprintf(stderr, "  %zu bytes accepted\n", cut);
    }
    CHECK(missed == 0);
    /* one byte too many, whether the CRC covers it or not */
    unsigned char *longer = malloc(len + 1);
    if (longer != NULL) {
        memcpy(longer, b, len - 4);
        longer[len - 4] = 0;
        seal(longer, len + 1);
        test_spit(path, longer, len + 1);
        CHECK(rejected(path, "header describes"));
        memcpy(longer, b, len);
        longer[len] = 0;
        test_spit(path, longer, len + 1);
        CHECK(rejected(path, "header describes"));
        free(longer);
    }
    free(b);
    remove(path);
}

void test_model_rejects_wrong_magic_and_version(void)
{
    const char *path = "test-model-magic.bin";
    unsigned char b[sizeof known];
    memcpy(b, known, sizeof b);
    b[0] = 'b';
    seal(b, sizeof b);
    test_spit(path, b, sizeof b);
    CHECK(rejected(path, "not a model"));
    test_spit(path, (const unsigned char *)"a text file\n", 12);
    CHECK(rejected(path, "not a model"));
    test_spit(path, known, 5);                   /* the start of the magic */
    CHECK(rejected(path, "truncated"));

    memcpy(b, known, sizeof b);
    put32(b + 8, 2);
    seal(b, sizeof b);
    test_spit(path, b, sizeof b);
    CHECK(rejected(path, "version 2"));
    put32(b + 8, 0);
    test_spit(path, b, sizeof b);                /* not even sealed */
    CHECK(rejected(path, "version 0"));
    remove(path);
}

void test_model_rejects_bad_fields_with_a_valid_crc(void)
{
    const char *path = "test-model-fields.bin";
    unsigned char b[sizeof known];
    struct { size_t at; uint32_t v; const char *word; } bad[] = {
        { 12, 1, "1 layers" },
        { 12, 3, "layer 3 has activation code" },
        { 12, 1001, "1001 layers" },
        { 12, 0xffffffffu, "layers" },
        { 16, 0, "width 0" },
        { 20, 1000001, "width 1000001" },
        { 24, 5, "activation code 5" },
        { 24, 0x80000000u, "activation code" },
    };
    for (size_t t = 0; t < sizeof bad / sizeof bad[0]; t++) {
        memcpy(b, known, sizeof b);
        put32(b + bad[t].at, bad[t].v);
        seal(b, sizeof b);
        test_spit(path, b, sizeof b);
        CHECK(rejected(path, bad[t].word));
    }
    /* a weight that is not finite, sealed as if written that way */
    const unsigned char nan[8] = { 0, 0, 0, 0, 0, 0, 0xf8, 0x7f };
    const unsigned char inf[8] = { 0, 0, 0, 0, 0, 0, 0xf0, 0xff };
    memcpy(b, known, sizeof b);
    memcpy(b + 36, nan, 8);
    seal(b, sizeof b);
    test_spit(path, b, sizeof b);
    CHECK(rejected(path, "weight 1 is nan"));
    memcpy(b + 28, inf, 8);
    seal(b, sizeof b);
    test_spit(path, b, sizeof b);
    CHECK(rejected(path, "weight 0 is -inf"));
    remove(path);
}

/* A header that claims a huge network in a file of a few dozen bytes is
   rejected by its size, before nn_net_create is asked for the memory (whose
   failure would say "out of memory"). */
void test_model_rejects_huge_header(void)
{
    const char *path = "test-model-huge.bin";
    unsigned char b[12 + 8 * 3 + 4];
    memcpy(b, known, 12);
    put32(b + 12, 3);
    for (int k = 1; k <= 3; k++)
        put32(b + 12 + 4 * k, 1000000);
    put32(b + 28, 0), put32(b + 32, 0);
    seal(b, sizeof b);
    test_spit(path, b, sizeof b);
    CHECK(rejected(path, "header describes"));

    /* the most layers allowed, in a file far too short for their widths */
    put32(b + 12, 1000);
    seal(b, sizeof b);
    test_spit(path, b, sizeof b);
    CHECK(rejected(path, "too short for 1000 layers"));
    remove(path);
}

void test_model_load_missing_and_unreadable(void)
{
    CHECK(rejected("test-model-no-such-file.bin", "cannot open"));
    CHECK(nn_model_load("test-model-no-such-file.bin", NULL) == NULL);
    const char *dir = "test-model-a-directory";
    rmdir(dir);
    CHECK(mkdir(dir, 0700) == 0);
    CHECK(rejected(dir, dir));
    rmdir(dir);
}

/* A FIFO is refused at once, not read (which would wait for a writer
   for ever: the alarm ends the test run if it does); so is a directory. */
void test_model_rejects_what_is_not_a_regular_file(void)
{
    const char *fifo = "test-model-fifo", *dir = "test-model-dir";
    remove(fifo), rmdir(dir);
    CHECK(mkfifo(fifo, 0600) == 0 && mkdir(dir, 0700) == 0);
    alarm(20);
    CHECK(rejected(fifo, "not a regular file (a FIFO)"));
    CHECK(rejected(dir, "not a regular file (a directory)"));
    alarm(0);
    remove(fifo), rmdir(dir);
}

/* A sparse file of 4 GiB that begins like a model is refused from its
   header, in well under a second, not after reading 4 GiB; so is one
   whose header describes a network of a few hundred bytes. */
void test_model_rejects_a_huge_file_at_once(void)
{
    const char *path = "test-model-4g.bin";
    unsigned char b[sizeof known];
    for (int t = 0; t < 2; t++) {
        memcpy(b, known, sizeof b);
        test_spit(path, b, t == 0 ? 12 : sizeof b);
        if (truncate(path, (off_t)4 << 30) != 0) {
            printf("note: no sparse file of 4 GiB here; not tested\n");
            remove(path);
            return;
        }
        struct timespec t0, t1;
        nn_err err = { "" };
        timespec_get(&t0, TIME_UTC);
        nn_net *N = nn_model_load(path, &err);
        timespec_get(&t1, TIME_UTC);
        CHECK(N == NULL && strstr(err.msg, path) != NULL
              && strstr(err.msg, t == 0 ? "0 layers" : "header describes"));
        nn_net_free(N);
        double dt = (double)(t1.tv_sec - t0.tv_sec)
                    + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
        if (dt >= 1.0)
            check_fail(__FILE__, __LINE__, "took %.1f s", dt);
    }
    remove(path);
}

void test_model_save_to_unwritable_path(void)
{
    const char *path = "test-model-no-such-dir/model.bin";
    nn_net *N = small_net();
    if (N == NULL)
        return;
    nn_err err = { "" };
    CHECK(nn_model_save(N, path, &err) == -1);
    CHECK(strstr(err.msg, path) != NULL);
    CHECK(!test_exists(path));
    CHECK(nn_model_save(N, path, NULL) == -1);
    nn_net_free(N);
}

void test_model_save_replaces_atomically(void)
{
    const char *path = "test-model-replace.bin";
    const char *part = "test-model-replace.bin.part";
    nn_rng r;
    nn_rng_seed(&r, 16, 2);
    nn_net *a = random_net(&r), *b = random_net(&r);
    if (a == NULL || b == NULL) {
        nn_net_free(a), nn_net_free(b);
        return;
    }
    remove(path), remove(part);
    size_t len;
    unsigned char *old = NULL;
    if (save(a, path) == 0 && save(b, path) == 0) {
        nn_err err;
        nn_net *M = nn_model_load(path, &err);
        CHECK(M != NULL && same_net(b, M));
        nn_net_free(M);
        old = test_slurp(path, &len);
    }
    CHECK(!test_exists(part));
    if (old == NULL) {
        nn_net_free(a), nn_net_free(b);
        return;
    }
    nn_err err = { "" };
    /* a weight that is not finite: refused before any file is made */
    double keep = a->wflat[0];
    a->wflat[0] = NAN;
    CHECK(nn_model_save(a, path, &err) == -1 && strstr(err.msg, "finite"));
    a->wflat[0] = keep;
    CHECK(holds(path, old, len) && !test_exists(part));
    /* a symbolic link planted at the name of the old fixed temporary is
       not followed: the file it points to keeps its bytes */
    const char *victim = "test-model-victim";
    test_spit(victim, "precious", 8);
    CHECK(symlink(victim, part) == 0);
    CHECK(nn_model_save(a, path, &err) == 0);
    unsigned char *v = NULL;
    size_t vlen = 0;
    CHECK((v = test_slurp(victim, &vlen)) != NULL && vlen == 8
          && memcmp(v, "precious", 8) == 0);
    free(v);
    remove(part), remove(victim);
    CHECK(save(b, path) == 0 && holds(path, old, len));
    /* a disk that is full: the model goes through a runfile whose stream
       leads to /dev/full, which takes no byte; the close fails with the
       system's reason and the old file stays */
    FILE *full = fopen("/dev/full", "wb");
    nn_runfile rf;
    if (full != NULL && nn_runfile_open_binary(&rf, path, &err) == 0) {
        fclose(rf.f);
        rf.f = full;
        CHECK(nn_model_write(a, rf.f, path, &err) == 0);
        CHECK(nn_runfile_close(&rf, &err) == -1
              && strstr(err.msg, strerror(ENOSPC)) && strstr(err.msg, path));
        CHECK(holds(path, old, len));
    } else if (full != NULL) {
        fclose(full);
    }
    free(old);
    nn_net_free(a), nn_net_free(b);
    remove(path);
}
