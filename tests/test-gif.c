/* Tests of the GIF writer of chapter 21.  A GIF decoder of their own,
   written from the GIF89a specification and strict where decoders are
   usually lenient, reads back every file and the tests compare each
   frame's pixels with those written; other tests check the bytes of the
   header, and that every error gives a message naming the file and
   leaves no file behind and an older file at the path as it was.  The
   files are written in the current directory under names starting with
   "test-gif-", and removed.  mkdir and symlink are POSIX. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "files.h"
#include "gif.h"
#include "rng.h"

/* ---------------------------------------------------------------- files */

/* Does the file hold exactly these bytes? */
static int holds(const char *path, const void *b, size_t len)
{
    size_t n;
    unsigned char *have = test_slurp(path, &n);
    int same = have != NULL && n == len && memcmp(have, b, len) == 0;
    free(have);
    return same;
}

/* ---------------------------------------------------------------- a decoder */

enum { MAX_FRAMES = 64, NO_CODE = 4096 };

typedef struct decoded {
    int width, height;
    int table_size;                  /* entries of the global colour table */
    unsigned char table[3 * 256];
    int loop;                        /* the NETSCAPE loop count, -1 if none */
    int nframes;
    int delay[MAX_FRAMES];           /* -1 for a frame without control */
    int disposal_flags[MAX_FRAMES];  /* the control extension's flags */
    int min_code_size[MAX_FRAMES];
    int clears[MAX_FRAMES];          /* clear codes in the frame's codes */
    unsigned char *pixels;           /* nframes frames of width*height */
} decoded;

static char decode_error[200];

static int bad(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(decode_error, sizeof decode_error, fmt, ap);
    va_end(ap);
    return -1;
}

typedef struct reader {
    const unsigned char *b;
    size_t len, at;
} reader;

static int need(const reader *r, size_t n)
{
    return r->len - r->at >= n;
}

static unsigned u8(reader *r)
{
    return r->b[r->at++];
}

static unsigned u16(reader *r)
{
    unsigned v = r->b[r->at] | (unsigned)r->b[r->at + 1] << 8;
    r->at += 2;
    return v;
}

/* The LZW codes of one image, data[0 .. len-1], into out[0 .. n-1], with
   the rules of the GIF89a specification, appendix F: codes of m+1 bits
   after a clear code, one more bit as soon as the next code to assign
   reaches 2^bits, up to 12.  Strict: the codes must start with a clear
   code and end with the end code, followed by fewer than 8 zero bits,
   and give exactly n pixels, each a colour of the table. */
static int lzw_decode(const unsigned char *data, size_t len, int m,
                      int ncolors, unsigned char *out, size_t n,
                      int *clears)
{
    static uint16_t prefix[4096], length[4096];
    static unsigned char suffix[4096], first[4096];
    const unsigned clear = 1u << m, end = clear + 1;
    for (unsigned c = 0; c < clear; c++)
        prefix[c] = NO_CODE, length[c] = 1,
        suffix[c] = first[c] = (unsigned char)c;
    int size = m + 1;
    unsigned next = clear + 2, prev = NO_CODE;
    size_t bit = 0, pos = 0, ncodes = 0;
    *clears = 0;
    for (;;) {
        if (bit + (size_t)size > 8 * len)
            return bad("the codes end at bit %zu without an end code", bit);
        unsigned code = 0;
        for (int t = 0; t < size; t++, bit++)
            code |= (unsigned)(data[bit / 8] >> bit % 8 & 1) << t;
        if (ncodes++ == 0 && code != clear)
            return bad("the first code is %u, not the clear code", code);
        if (code == clear) {
            size = m + 1, next = clear + 2, prev = NO_CODE;
            (*clears)++;
            continue;
        }
        if (code == end)
            break;
        if (code > next || code == clear + 1 || (prev == NO_CODE && code >= clear))
            return bad("code %u when the next code to assign is %u "
                       "(code %zu)", code, next, ncodes);
        if (code < clear && code >= (unsigned)ncolors)
            return bad("code %u is not a colour of the table", code);
        /* the string's first pixel; for code == next, prev's */
        unsigned char k = first[code < next ? code : prev];
        if (prev != NO_CODE && next < 4096) {
            prefix[next] = (uint16_t)prev, suffix[next] = k;
            first[next] = first[prev];
            length[next] = (uint16_t)(length[prev] + 1);
            next++;
            if (next == 1u << size && size < 12)
                size++;
        }
        if (length[code] > n - pos)
            return bad("more pixels than the frame has");
        unsigned c = code;
        for (size_t t = length[code]; t-- > 0; c = prefix[c])
            out[pos + t] = suffix[c];
        pos += length[code];
        prev = code;
    }
    if (pos != n)
        return bad("%zu pixels, not %zu", pos, n);
    if (8 * len - bit >= 8)
        return bad("%zu bits after the end code", 8 * len - bit);
    for (; bit < 8 * len; bit++)
        if (data[bit / 8] >> bit % 8 & 1)
            return bad("a padding bit after the end code is 1");
    return 0;
}

/* The image data's sub-blocks, joined, into data (len bytes of room). */
static int read_sub_blocks(reader *r, unsigned char *data, size_t *dlen)
{
    *dlen = 0;
    for (;;) {
        if (!need(r, 1))
            return bad("image data without a terminator");
        unsigned n = u8(r);
        if (n == 0)
            return 0;
        if (!need(r, n))
            return bad("a sub-block of %u bytes runs past the end", n);
        memcpy(data + *dlen, r->b + r->at, n);
        *dlen += n, r->at += n;
    }
}

static int read_extension(reader *r, decoded *d, int *control)
{
    static const unsigned char loop_head[] = { 0x0b, 'N', 'E', 'T', 'S',
        'C', 'A', 'P', 'E', '2', '.', '0', 3, 1 };
    if (!need(r, 1))
        return bad("an extension without a label");
    unsigned label = u8(r);
    if (label == 0xff) {
        if (!need(r, sizeof loop_head + 3)
            || memcmp(r->b + r->at, loop_head, sizeof loop_head) != 0)
            return bad("an application extension that is not NETSCAPE2.0");
        if (d->nframes > 0 || d->loop != -1)
            return bad("a loop extension after an image, or two");
        r->at += sizeof loop_head;
        d->loop = (int)u16(r);
        return u8(r) == 0 ? 0 : bad("a loop extension without terminator");
    }
    if (label == 0xf9) {
        if (!need(r, 6) || u8(r) != 4)
            return bad("a graphic control extension not of 4 bytes");
        if (*control != -1 || d->nframes == MAX_FRAMES)
            return bad("two graphic control extensions for one image");
        d->disposal_flags[d->nframes] = (int)u8(r);
        *control = (int)u16(r);
        u8(r);
        return u8(r) == 0 ? 0 : bad("a control extension without terminator");
    }
    return bad("an extension 0x%02x", label);
}

static int read_image(reader *r, decoded *d, int *control)
{
    if (!need(r, 10))
        return bad("a truncated image descriptor");
    unsigned left = u16(r), top = u16(r), w = u16(r), h = u16(r);
    unsigned flags = u8(r), m = u8(r);
    if (left != 0 || top != 0 || (int)w != d->width || (int)h != d->height
        || flags != 0)
        return bad("an image of %u x %u at %u, %u, flags 0x%02x", w, h,
                   left, top, flags);
    if (m < 2 || m > 8 || d->nframes == MAX_FRAMES)
        return bad("minimum code size %u, or too many frames", m);
    size_t n = (size_t)w * h, dlen;
    unsigned char *data = malloc(r->len);
    unsigned char *more = realloc(d->pixels, (size_t)(d->nframes + 1) * n);
    if (data == NULL || more == NULL) {
        free(data);
        if (more != NULL)
            d->pixels = more;
        return bad("out of memory");
    }
    d->pixels = more;
    int status = read_sub_blocks(r, data, &dlen);
    if (status == 0)
        status = lzw_decode(data, dlen, (int)m, d->table_size,
                            d->pixels + d->nframes * n, n,
                            &d->clears[d->nframes]);
    free(data);
    d->min_code_size[d->nframes] = (int)m;
    d->delay[d->nframes++] = *control;
    *control = -1;
    return status;
}

/* Decode the GIF b[0 .. len-1] into d, whose pixels the caller frees
   (also after a failure); -1, with the reason in decode_error, if it is
   not a GIF as chapter 21 writes them. */
static int decode(const unsigned char *b, size_t len, decoded *d)
{
    memset(d, 0, sizeof *d);
    d->loop = -1;
    reader r = { b, len, 0 };
    if (!need(&r, 13) || memcmp(b, "GIF89a", 6) != 0)
        return bad("not a GIF89a");
    r.at = 6;
    d->width = (int)u16(&r), d->height = (int)u16(&r);
    unsigned flags = u8(&r), background = u8(&r), aspect = u8(&r);
    if ((flags & 0xf8) != 0xf0 || background != 0 || aspect != 0)
        return bad("screen flags 0x%02x, background %u, aspect %u", flags,
                   background, aspect);
    d->table_size = 2 << (flags & 7);
    if (!need(&r, 3 * (size_t)d->table_size))
        return bad("a truncated colour table");
    memcpy(d->table, b + r.at, 3 * (size_t)d->table_size);
    r.at += 3 * (size_t)d->table_size;
    int control = -1;
    for (;;) {
        if (!need(&r, 1))
            return bad("no trailer");
        unsigned kind = u8(&r);
        int status = kind == 0x3b ? 0
                   : kind == 0x21 ? read_extension(&r, d, &control)
                   : kind == 0x2c ? read_image(&r, d, &control)
                   : bad("a block 0x%02x at byte %zu", kind, r.at - 1);
        if (status != 0)
            return -1;
        if (kind == 0x3b)
            break;
    }
    if (r.at != len)
        return bad("%zu bytes after the trailer", len - r.at);
    return d->nframes > 0 && control == -1 ? 0 : bad("no image, or a "
                                                     "control extension without one");
}

/* Decode the file at path into d; a failed check if it does not decode. */
static int decode_file(const char *path, decoded *d)
{
    size_t len;
    unsigned char *b = test_slurp(path, &len);
    int status = b != NULL ? decode(b, len, d) : bad("cannot read %s", path);
    if (b == NULL)
        memset(d, 0, sizeof *d);
    if (status != 0)
        check_fail(__FILE__, __LINE__, "%s does not decode: %s", path,
                   decode_error);
    free(b);
    return status;
}

/* ---------------------------------------------------------------- writing */

/* A palette of n colours, all different. */
static void make_palette(uint32_t *palette, int n)
{
    for (int c = 0; c < n; c++)
        palette[c] = ((uint32_t)c * 0x010203u ^ 0x808080u) & 0xffffff;
}

/* Write nframes frames of w x h pixels, pixels[f * w * h ...], with n
   colours and the given delay; 0 if every call succeeded. */
static int write_gif(const char *path, int w, int h, int n, int delay,
                     const unsigned char *pixels, int nframes)
{
    uint32_t palette[256];
    make_palette(palette, n);
    nn_err err = { "" };
    gif *g = gif_create(path, w, h, palette, n, delay, &err);
    if (g == NULL) {
        check_fail(__FILE__, __LINE__, "gif_create: %s", err.msg);
        return -1;
    }
    for (int f = 0; f < nframes; f++)
        if (gif_frame(g, pixels + (size_t)f * w * h, &err) != 0) {
            check_fail(__FILE__, __LINE__, "gif_frame: %s", err.msg);
            gif_abort(g);
            return -1;
        }
    if (gif_close(g, &err) != 0) {
        check_fail(__FILE__, __LINE__, "gif_close: %s", err.msg);
        return -1;
    }
    return 0;
}

/* Write the frames, decode the file, and compare: the sizes, the number
   of frames, the palette, the delays and every pixel.  The decoded GIF
   is left in d, for more checks; its pixels are freed. */
static int round_trip(const char *path, int w, int h, int n, int delay,
                      const unsigned char *pixels, int nframes, decoded *d)
{
    memset(d, 0, sizeof *d);
    if (write_gif(path, w, h, n, delay, pixels, nframes) != 0
        || decode_file(path, d) != 0) {
        free(d->pixels);
        d->pixels = NULL;
        remove(path);
        return 0;
    }
    uint32_t palette[256];
    make_palette(palette, n);
    int ok = d->width == w && d->height == h && d->nframes == nframes
             && d->loop == 0;
    for (int c = 0; c < d->table_size; c++) {
        uint32_t rgb = c < n ? palette[c] : 0;
        ok &= d->table[3 * c] == (rgb >> 16)
              && d->table[3 * c + 1] == (rgb >> 8 & 0xff)
              && d->table[3 * c + 2] == (rgb & 0xff);
    }
    for (int f = 0; ok && f < nframes; f++)
        ok = d->delay[f] == delay && d->disposal_flags[f] == 4;
    ok = ok && memcmp(d->pixels, pixels, (size_t)nframes * w * h) == 0;
    if (!ok)
        check_fail(__FILE__, __LINE__, "%s: %d x %d, %d colours, %d "
                   "frames: not read back as written", path, w, h, n,
                   nframes);
    free(d->pixels);
    d->pixels = NULL;
    remove(path);
    CHECK(!test_exists(path));
    return ok;
}

static unsigned char *noise(rng *r, size_t count, int n)
{
    unsigned char *p = malloc(count);
    CHECK(p != NULL);
    for (size_t i = 0; p != NULL && i < count; i++)
        p[i] = (unsigned char)rng_below(r, (uint32_t)n);
    return p;
}

/* Is the function's message one line that names the file? */
static int names(const nn_err *err, const char *path)
{
    int ok = strstr(err->msg, path) != NULL && strchr(err->msg, '\n') == NULL;
    if (!ok)
        fprintf(stderr, "  message was: %s\n", err->msg);
    return ok;
}

/* ---------------------------------------------------------------- tests */

/* The six pixels of Table 21.2, byte for byte. */
static const unsigned char known[62] = {
    'G', 'I', 'F', '8', '9', 'a',
    6, 0, 1, 0, 0xf0, 0, 0,                   /* screen 6 x 1, 2 colours */
    0, 0, 0, 0xff, 0xff, 0xff,                /* black, white */
    0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.',
    '0', 3, 1, 0, 0, 0,                       /* loop forever */
    0x21, 0xf9, 4, 4, 2, 0, 0, 0,             /* delay 2 */
    0x2c, 0, 0, 0, 0, 6, 0, 1, 0, 0,          /* the image descriptor */
    2, 2, 0x84, 0x5f, 0,                      /* codes 4 0 6 7 5 */
    0x3b
};

void test_gif_known_bytes(void)
{
    const char *path = "test-gif-known.gif";
    const uint32_t palette[] = { 0x000000, 0xffffff };
    const unsigned char pixels[6] = { 0 };
    nn_err err;
    gif *g = gif_create(path, 6, 1, palette, 2, 2, &err);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    CHECK(gif_frame(g, pixels, &err) == 0);
    CHECK(gif_close(g, &err) == 0);
    CHECK(holds(path, known, sizeof known));
    decoded d;
    if (decode_file(path, &d) == 0)
        CHECK(d.nframes == 1 && d.clears[0] == 1
              && memcmp(d.pixels, pixels, 6) == 0);
    free(d.pixels);
    remove(path);
}

void test_gif_one_pixel(void)
{
    const int ncolors[] = { 2, 3, 4, 5, 16, 17, 128, 255, 256 };
    decoded d;
    for (size_t t = 0; t < sizeof ncolors / sizeof ncolors[0]; t++)
        for (int c = 0; c < ncolors[t]; c += ncolors[t] - 1) {
            unsigned char p = (unsigned char)c;
            CHECK(round_trip("test-gif-one.gif", 1, 1, ncolors[t], 2, &p, 1,
                             &d));
            int b = 1;
            while (1 << b < ncolors[t])
                b++;
            CHECK(d.table_size == 1 << b);
            CHECK(d.min_code_size[0] == (b < 2 ? 2 : b));
        }
}

/* Random pixels, many of them: the table of 4096 codes fills several
   times in each frame, so that the codes grow to 12 bits and the clear
   code is written and read. */
void test_gif_noise_fills_the_table(void)
{
    const int ncolors[] = { 2, 4, 16, 256 };
    const int w = 500, h = 400;
    rng r;
    rng_seed(&r, 21, 1);
    for (size_t t = 0; t < 4; t++) {
        unsigned char *p = noise(&r, 2 * (size_t)w * h, ncolors[t]);
        if (p == NULL)
            return;
        decoded d;
        CHECK(round_trip("test-gif-noise.gif", w, h, ncolors[t], 3, p, 2,
                         &d));
        CHECK(d.clears[0] >= 4 && d.clears[1] >= 4);
        free(p);
    }
}

/* One colour: strings of 1, 2, 3, ... pixels, the longest there are. */
void test_gif_flat_frames(void)
{
    const int w = 300, h = 150;
    unsigned char *p = malloc((size_t)w * h * 2);
    if (p == NULL)
        return;
    memset(p, 3, (size_t)w * h);
    memset(p + (size_t)w * h, 0, (size_t)w * h);
    decoded d;
    CHECK(round_trip("test-gif-flat.gif", w, h, 4, 2, p, 2, &d));
    /* 45000 pixels in codes of at most 9 bits: fewer than 600 bytes */
    const char *path = "test-gif-flat.gif";
    size_t len;
    if (write_gif(path, w, h, 4, 2, p, 1) == 0) {
        unsigned char *b = test_slurp(path, &len);
        CHECK(b != NULL && len < 600);
        free(b);
    }
    remove(path);
    /* and a frame of one colour that fills the table */
    const int big = 3000;
    unsigned char *q = malloc((size_t)big * big);
    if (q != NULL) {
        memset(q, 1, (size_t)big * big);
        CHECK(round_trip(path, big, big, 2, 2, q, 1, &d));
        CHECK(d.clears[0] >= 2);
        free(q);
    }
    free(p);
}

/* Rows of every length: the end code meets every bit position and every
   growth of the codes, which a mistake in the growth rule shows. */
void test_gif_every_length(void)
{
    const int n = 600;
    unsigned char *p = malloc(n);
    rng r;
    rng_seed(&r, 21, 2);
    if (p == NULL)
        return;
    int failed = 0;
    decoded d;
    for (int len = 1; len <= n && failed < 5; len++) {
        memset(p, 1, (size_t)len);
        failed += !round_trip("test-gif-row.gif", len, 1, 2, 2, p, 1, &d);
        for (int i = 0; i < len; i++)
            p[i] = (unsigned char)rng_below(&r, 2);
        failed += !round_trip("test-gif-row.gif", len, 1, 2, 2, p, 1, &d);
        for (int i = 0; i < len; i++)
            p[i] = (unsigned char)rng_below(&r, 5);
        failed += !round_trip("test-gif-row.gif", 1, len, 5, 2, p, 1, &d);
    }
    CHECK(failed == 0);
    free(p);
}

/* The extremes of the screen: 65535 pixels wide, 65535 high. */
void test_gif_largest_sides(void)
{
    rng r;
    rng_seed(&r, 21, 3);
    unsigned char *p = noise(&r, 65535, 3);
    if (p == NULL)
        return;
    decoded d;
    CHECK(round_trip("test-gif-wide.gif", 65535, 1, 3, 65535, p, 1, &d));
    CHECK(round_trip("test-gif-tall.gif", 1, 65535, 3, 0, p, 1, &d));
    free(p);
}

/* A sequence of frames like an episode's: a box and a bar that move. */
void test_gif_several_frames(void)
{
    const int w = 300, h = 150, nframes = 40;
    unsigned char *p = malloc((size_t)w * h * nframes);
    if (p == NULL)
        return;
    for (int f = 0; f < nframes; f++) {
        unsigned char *frame = p + (size_t)f * w * h;
        int x0 = 20 + 5 * f, top = 40 + f;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int in_box = x >= x0 && x < x0 + 40 && y >= 100 && y < 120;
                int lean = (100 - y) * (f - 20) / 40;
                int in_bar = y >= top && y < 100
                             && abs(x - x0 - 20 - lean) <= 2;
                frame[y * w + x] = (unsigned char)(y >= 120 ? 1 : in_box ? 2
                                                 : in_bar ? 3 : 0);
            }
    }
    decoded d;
    CHECK(round_trip("test-gif-frames.gif", w, h, 4, 2, p, nframes, &d));
    free(p);
}

/* The fields of Table 21.1 byte by byte, for a palette of 5 colours. */
void test_gif_header_fields(void)
{
    const char *path = "test-gif-fields.gif";
    const uint32_t palette[5] = { 0x123456, 0xabcdef, 0xff0000, 0x00ff00,
                                  0x0000ff };
    const unsigned char pixels[6] = { 0, 1, 2, 3, 4, 0 };
    nn_err err;
    gif *g = gif_create(path, 3, 2, palette, 5, 0x1234, &err);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    CHECK(gif_frame(g, pixels, &err) == 0 && gif_close(g, &err) == 0);
    size_t len;
    unsigned char *b = test_slurp(path, &len);
    CHECK(b != NULL && len > 13 + 24 + 19 + 8 + 10 + 3);
    if (b != NULL && len > 13 + 24 + 19 + 8 + 10 + 3) {
        const unsigned char screen[13] = { 'G', 'I', 'F', '8', '9', 'a',
                                           3, 0, 2, 0, 0xf2, 0, 0 };
        const unsigned char table[24] = { 0x12, 0x34, 0x56, 0xab, 0xcd,
            0xef, 0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff };
        const unsigned char loop[19] = { 0x21, 0xff, 0x0b, 'N', 'E', 'T',
            'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0, 0 };
        const unsigned char frame[19] = { 0x21, 0xf9, 4, 4, 0x34, 0x12, 0,
            0, 0x2c, 0, 0, 0, 0, 3, 0, 2, 0, 0, 3 };
        CHECK(memcmp(b, screen, 13) == 0);
        CHECK(memcmp(b + 13, table, 24) == 0);
        CHECK(memcmp(b + 37, loop, 19) == 0);
        CHECK(memcmp(b + 56, frame, 19) == 0);
        CHECK(b[len - 2] == 0 && b[len - 1] == 0x3b);
    }
    free(b);
    decoded d;
    if (decode_file(path, &d) == 0)
        CHECK(d.loop == 0 && d.delay[0] == 0x1234 && d.table_size == 8
              && memcmp(d.pixels, pixels, 6) == 0);
    free(d.pixels);
    remove(path);
}

void test_gif_rejects_bad_arguments(void)
{
    const char *path = "test-gif-bad.gif";
    uint32_t palette[257];
    make_palette(palette, 257);
    struct { int w, h, n, delay; const char *word; } bad_args[] = {
        { 0, 10, 4, 2, "0 x 10" }, { 10, 0, 4, 2, "10 x 0" },
        { -1, 10, 4, 2, "-1 x 10" }, { 65536, 1, 4, 2, "65536 x 1" },
        { 1, 65536, 4, 2, "1 x 65536" }, { 10, 10, 1, 2, "1 colours" },
        { 10, 10, 0, 2, "0 colours" }, { 10, 10, 257, 2, "257 colours" },
        { 10, 10, -4, 2, "-4 colours" }, { 10, 10, 4, -1, "delay -1" },
        { 10, 10, 4, 65536, "delay 65536" },
    };
    remove(path);
    for (size_t t = 0; t < sizeof bad_args / sizeof bad_args[0]; t++) {
        nn_err err = { "" };
        gif *g = gif_create(path, bad_args[t].w, bad_args[t].h, palette,
                            bad_args[t].n, bad_args[t].delay, &err);
        CHECK(g == NULL);
        gif_abort(g);
        CHECK(names(&err, path) && strstr(err.msg, bad_args[t].word));
        CHECK(gif_create(path, bad_args[t].w, bad_args[t].h, palette,
                         bad_args[t].n, bad_args[t].delay, NULL) == NULL);
    }
    nn_err err = { "" };
    CHECK(gif_create(path, 10, 10, NULL, 4, 2, &err) == NULL);
    CHECK(names(&err, path) && strstr(err.msg, "no palette"));
    palette[2] = 0x1000000;
    CHECK(gif_create(path, 10, 10, palette, 4, 2, &err) == NULL);
    CHECK(names(&err, path) && strstr(err.msg, "colour 2 is 0x1000000"));
    CHECK(gif_create(NULL, 10, 10, palette, 2, 2, &err) == NULL);
    CHECK(!test_exists(path));
}

/* A pixel outside the palette: the frame is refused, nothing of it is
   written, and the GIF goes on. */
void test_gif_rejects_bad_pixels(void)
{
    const char *path = "test-gif-pixel.gif";
    uint32_t palette[4];
    make_palette(palette, 4);
    unsigned char p[12] = { 0, 1, 2, 3, 3, 2, 1, 0, 0, 0, 1, 1 };
    nn_err err = { "" };
    gif *g = gif_create(path, 4, 3, palette, 4, 2, &err);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    p[9] = 4;
    CHECK(gif_frame(g, p, &err) == -1);
    CHECK(names(&err, path) && strstr(err.msg, "row 2, column 1 is colour 4"));
    p[9] = 255;
    CHECK(gif_frame(g, p, NULL) == -1);
    CHECK(gif_frame(g, NULL, &err) == -1 && names(&err, path));
    p[9] = 0;
    CHECK(gif_frame(g, p, &err) == 0);
    CHECK(gif_close(g, &err) == 0);
    decoded d;
    if (decode_file(path, &d) == 0)
        CHECK(d.nframes == 1 && memcmp(d.pixels, p, 12) == 0);
    free(d.pixels);
    remove(path);
}

void test_gif_null_is_an_error(void)
{
    nn_err err = { "" };
    unsigned char p = 0;
    CHECK(gif_frame(NULL, &p, &err) == -1 && strstr(err.msg, "no GIF"));
    CHECK(gif_close(NULL, &err) == -1 && strstr(err.msg, "no GIF"));
    CHECK(gif_close(NULL, NULL) == -1);
    gif_abort(NULL);
}

void test_gif_unwritable_path(void)
{
    const char *path = "test-gif-no-such-dir/a.gif";
    uint32_t palette[2] = { 0, 0xffffff };
    nn_err err = { "" };
    CHECK(gif_create(path, 10, 10, palette, 2, 2, &err) == NULL);
    CHECK(names(&err, path));
    CHECK(!test_exists(path));
    CHECK(gif_create(path, 10, 10, palette, 2, 2, NULL) == NULL);
}

/* A GIF written over an old file replaces it; one abandoned, or one
   whose writing fails, leaves it byte for byte. */
void test_gif_keeps_or_replaces_an_old_file(void)
{
    const char *path = "test-gif-old.gif";
    const char *part = "test-gif-old.gif.part";
    const char old[] = "an older file, not even a GIF\n";
    uint32_t palette[4];
    make_palette(palette, 4);
    rng r;
    rng_seed(&r, 21, 4);
    unsigned char *p = noise(&r, 300 * 150, 4);
    if (p == NULL)
        return;
    remove(part);
    test_spit(path, old, sizeof old);
    nn_err err = { "" };
    /* abandoned after two frames */
    gif *g = gif_create(path, 300, 150, palette, 4, 2, &err);
    CHECK(g != NULL);
    if (g != NULL) {
        CHECK(gif_frame(g, p, &err) == 0 && gif_frame(g, p, &err) == 0);
        gif_abort(g);
    }
    CHECK(holds(path, old, sizeof old) && !test_exists(part));
    /* closed without a frame */
    g = gif_create(path, 300, 150, palette, 4, 2, &err);
    CHECK(g != NULL && gif_close(g, &err) == -1);
    CHECK(names(&err, path) && strstr(err.msg, "no frame"));
    CHECK(holds(path, old, sizeof old) && !test_exists(part));
    /* a symbolic link planted at the name of the old fixed temporary is
       not followed: the file it points to keeps its bytes */
    const char *victim = "test-gif-victim";
    test_spit(victim, "precious", 8);
    CHECK(symlink(victim, part) == 0);
    g = gif_create(path, 300, 150, palette, 4, 2, &err);
    CHECK(g != NULL);
    if (g != NULL)
        gif_abort(g);
    CHECK(holds(victim, "precious", 8) && holds(path, old, sizeof old));
    remove(part), remove(victim);
    /* a disk that is full: a GIF written to a stream on /dev/full fails
       with the system's reason */
    FILE *full = fopen("/dev/full", "wb");
    if (full != NULL) {
        g = gif_start(full, path, 300, 150, palette, 4, 2, &err);
        CHECK(g != NULL);
        if (g != NULL) {
            for (int f = 0; f < 3; f++)
                gif_frame(g, p, &err);
            CHECK(gif_close(g, &err) == -1);
            CHECK(names(&err, path) && strstr(err.msg, strerror(ENOSPC)));
        }
        fclose(full);
        CHECK(holds(path, old, sizeof old));
    }
    /* and one that succeeds replaces the old file */
    decoded d;
    CHECK(round_trip(path, 300, 150, 4, 2, p, 1, &d));
    free(p);
}
