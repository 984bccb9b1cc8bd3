/* The grader of the lab of chapter 15's header check, <<check the magic
   number in [[head]]>> and its inner <<check the number of dimensions
   against [[want]]>>.  It hands the loader crafted files in memory
   (nn_idx_parse, nn_image_set_parse), good ones and bad ones, one header
   a case: each bad one must be refused with a message that names the
   file, each good one read with its dimensions.  A check that lets a
   bad header through can make the loader read past its buffer for the
   header or divide by a zero count; the sanitizers of the lab's build
   stop it there, so every case runs in a child process of its own, and
   a crash is reported as that case's line, not as the end of the
   grading. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "grade.h"
#include "idx.h"

/* A case: one file (or a pair, images and labels), what it is, and
   what must happen to it. */
typedef enum { ONE_FILE, IMAGE_SET } case_kind;

typedef struct idx_case {
    case_kind kind;
    const char *name;               /* of the file, or of the images */
    const unsigned char *bytes;
    size_t len;
    const char *lbname;             /* IMAGE_SET: the labels */
    const unsigned char *lb;
    size_t lblen;
    const char *what;               /* what the file is */
    int good;                       /* must be read, else refused */
    int ndims;                      /* good ONE_FILE: the dimensions */
    size_t count, item;
    const char *fault;              /* IMAGE_SET: the file to be named */
    const char *word;               /* a word the message must hold */
    const char *rule;               /* the rule a wrong outcome breaks */
} idx_case;

/* What happened, sent back by the child through a pipe. */
typedef struct outcome {
    int status;                     /* 0 or -1 */
    char msg[sizeof(((nn_err *)0)->msg)];
    int ndims;
    size_t count, item;
    int data_right;
} outcome;

#define HEAD(t, n) 0, 0, (t), (n)
#define DIM(d) 0, 0, 0, (d)

static const unsigned char three[] = { HEAD(8, 3), DIM(2), DIM(2), DIM(3),
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
static const unsigned char one[] = { HEAD(8, 1), DIM(3), 7, 8, 9 };
static const unsigned char two[] = { HEAD(8, 2), DIM(2), DIM(3),
    0, 1, 2, 3, 4, 5 };
static const unsigned char four[] = { HEAD(8, 4), DIM(1), DIM(2), DIM(2),
    DIM(2), 0, 1, 2, 3, 4, 5, 6, 7 };
static const unsigned char labels2[] = { HEAD(8, 1), DIM(2), 0, 1 };
static const unsigned char page[] = "<!DOCTYPE html><html><body>moved"
                                    "</body></html>";
static const unsigned char swapped[] = { 3, 8, 0, 0, DIM(3), 7, 8, 9 };
static const unsigned char second[] = { 0, 1, 8, 1, DIM(3), 7, 8, 9 };
static const unsigned char floats[] = { HEAD(0x0D, 1), DIM(3),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
static const unsigned char signed1[] = { HEAD(0x09, 1), DIM(3), 7, 8, 9 };
static const unsigned char zero[] = { HEAD(8, 0), 7 };
static const unsigned char five[] = { HEAD(8, 5), DIM(1), DIM(1), DIM(1),
    DIM(1), DIM(1), 7 };
static const unsigned char many[] = { HEAD(8, 0xFF), DIM(1), DIM(1),
    DIM(1), DIM(1), DIM(1), DIM(1), DIM(1), DIM(1), 7 };
static const unsigned char huge[] = { HEAD(8, 1), 0x80, 0, 0, 0, 0, 1 };

#define B(a) a, sizeof a
#define PAGE page, sizeof page - 1

static const idx_case cases[] = {
    { ONE_FILE, "three.idx", B(three), 0, 0, 0,
      "a good file of 2 items of 2 x 3 bytes", 1, 3, 2, 6, 0, 0,
      "a magic number 00 00 08 03 is unsigned bytes in 3 dimensions" },
    { ONE_FILE, "one.idx", B(one), 0, 0, 0,
      "a good file of 3 labels", 1, 1, 3, 1, 0, 0,
      "a magic number 00 00 08 01 is unsigned bytes in 1 dimension" },
    { ONE_FILE, "two.idx", B(two), 0, 0, 0,
      "a good file of 2 items of 3 bytes", 1, 2, 2, 3, 0, 0,
      "the loader reads 1 to 4 dimensions" },
    { ONE_FILE, "four.idx", B(four), 0, 0, 0,
      "a good file of 1 item of 2 x 2 x 2 bytes", 1, 4, 1, 8, 0, 0,
      "the loader reads 1 to 4 dimensions" },
    { IMAGE_SET, "set-a.idx", B(three), "set-b.idx", B(labels2),
      "a good pair of 2 images of 2 x 3 pixels and 2 labels", 1, 0, 0, 0,
      0, 0, "images have 3 dimensions, labels 1" },
    { ONE_FILE, "page.idx", PAGE, 0, 0, 0,
      "a web page, magic 3c 21 44 4f (\"<!DO\")", 0, 0, 0, 0, 0, 0,
      "a magic number must start with two zero bytes" },
    { ONE_FILE, "swapped.idx", B(swapped), 0, 0, 0,
      "a magic number written backwards, 03 08 00 00", 0, 0, 0, 0, 0, 0,
      "a magic number must start with two zero bytes" },
    { ONE_FILE, "second.idx", B(second), 0, 0, 0,
      "magic 00 01 08 01, its second byte not zero", 0, 0, 0, 0, 0, 0,
      "a magic number must start with two zero bytes, both of them" },
    { ONE_FILE, "floats.idx", B(floats), 0, 0, 0,
      "a file of 32-bit floats, magic 00 00 0d 01", 0, 0, 0, 0, 0, 0,
      "the loader reads unsigned bytes, type 0x08, only" },
    { ONE_FILE, "signed.idx", B(signed1), 0, 0, 0,
      "a file of signed bytes, magic 00 00 09 01", 0, 0, 0, 0, 0, 0,
      "the loader reads unsigned bytes, type 0x08, only" },
    { ONE_FILE, "zero.idx", B(zero), 0, 0, 0,
      "a file of 0 dimensions, magic 00 00 08 00", 0, 0, 0, 0, 0, 0,
      "the number of dimensions, byte 3, must be 1 to 4" },
    { ONE_FILE, "five.idx", B(five), 0, 0, 0,
      "a file of 5 dimensions, magic 00 00 08 05", 0, 0, 0, 0, 0, 0,
      "the number of dimensions, byte 3, must be 1 to 4, checked before "
      "the dimensions are read into head" },
    { ONE_FILE, "many.idx", B(many), 0, 0, 0,
      "a file of 255 dimensions, magic 00 00 08 ff", 0, 0, 0, 0, 0, 0,
      "the number of dimensions, byte 3, must be 1 to 4, checked before "
      "the dimensions are read into head" },
    { IMAGE_SET, "set-a.idx", B(labels2), "set-b.idx", B(labels2),
      "a label file given as images (magic 00 00 08 01)", 0, 0, 0, 0,
      "set-a.idx", "image",
      "want is 3 for images and 1 for labels, and the number of "
      "dimensions must be want" },
    { IMAGE_SET, "set-a.idx", B(three), "set-b.idx", B(three),
      "an image file given as labels (magic 00 00 08 03)", 0, 0, 0, 0,
      "set-b.idx", "label",
      "want is 3 for images and 1 for labels, and the number of "
      "dimensions must be want" },
    { IMAGE_SET, "set-a.idx", B(huge), "set-b.idx", B(labels2),
      "a label file that claims 2^31 labels, given as images", 0, 0, 0,
      0, "set-a.idx", "image",
      "the kind is checked with the magic number, before the sizes" },
};
enum { NCASES = sizeof cases / sizeof cases[0] };

/* The child's part: read the case and describe what happened. */
static void try_case(const idx_case *c, outcome *o)
{
    nn_err err = { "" };
    memset(o, 0, sizeof *o);
    if (c->kind == ONE_FILE) {
        nn_idx_file f;
        o->status = nn_idx_parse(c->bytes, c->len, c->name, &f, &err);
        if (o->status == 0) {
            o->ndims = f.ndims, o->count = f.count, o->item = f.item;
            size_t header = 4 + 4 * (size_t)c->ndims;
            o->data_right = f.data != NULL && c->len >= header
                            && f.count * f.item == c->len - header
                            && memcmp(f.data, c->bytes + header,
                                      c->len - header) == 0;
            nn_idx_free(&f);
        }
    } else {
        nn_image_set S;
        o->status = nn_image_set_parse(c->bytes, c->len, c->name, c->lb,
                                       c->lblen, c->lbname, 2, &S, &err);
        if (o->status == 0) {
            o->data_right = S.n == 2 && S.rows == 2 && S.cols == 3;
            nn_image_set_free(&S);
        }
    }
    memcpy(o->msg, err.msg, sizeof o->msg);
    o->msg[sizeof o->msg - 1] = '\0';
}

/* Run the case in a child; 0 if it finished and sent its outcome, -1 if
   it crashed (a signal, or the sanitizers' exit status). */
static int run_case(const idx_case *c, outcome *o)
{
    int fd[2];
    fflush(stdout);
    if (pipe(fd) != 0) {
        perror("grade: pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("grade: fork");
        exit(2);
    }
    if (pid == 0) {
        close(fd[0]);
        try_case(c, o);
        ssize_t w = write(fd[1], o, sizeof *o);
        _exit(w == (ssize_t)sizeof *o ? 0 : 3);
    }
    close(fd[1]);
    size_t got = 0;
    ssize_t r;
    while (got < sizeof *o
           && (r = read(fd[0], (char *)o + got, sizeof *o - got)) > 0)
        got += (size_t)r;
    close(fd[0]);
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 && got == sizeof *o ? 0
                                                                     : -1;
}

static int contains(const char *s, const char *word)
{
    for (; *s; s++) {
        size_t k = 0;
        while (word[k] && (s[k] | 0x20) == (word[k] | 0x20))
            k++;
        if (word[k] == '\0')
            return 1;
    }
    return 0;
}

/* One line of the report for a case. */
static int grade_case(const idx_case *c)
{
    outcome o;
    const char *named = c->kind == IMAGE_SET && c->fault ? c->fault : c->name;
    if (run_case(c, &o) != 0)
        return lab_check(0, "crashed on %s, %s (see the sanitizer's report "
                         "above): %s", named, c->what, c->rule);
    if (c->good && o.status != 0)
        return lab_check(0, "refused %s, %s: \"%s\"; but %s", c->name,
                         c->what, o.msg, c->rule);
    if (c->good && c->kind == ONE_FILE
        && (o.ndims != c->ndims || o.count != c->count
            || o.item != c->item || !o.data_right))
        return lab_check(0, "read %s, %s, as %d dimensions, %zu items of "
                         "%zu bytes%s: f->ndims must be byte 3 of the magic "
                         "number", c->name, c->what, o.ndims, o.count,
                         o.item, o.data_right ? "" : ", the data wrong");
    if (c->good)
        return lab_check(o.data_right, "read %s, %s%s", c->name, c->what,
                         o.data_right ? "" : ", but its sizes wrong");
    if (o.status == 0)
        return lab_check(0, "accepted %s, %s: it must be refused: %s",
                         named, c->what, c->rule);
    if (!contains(o.msg, named) || strchr(o.msg, '\n') != NULL)
        return lab_check(0, "refused %s, %s, but the message \"%s\" does not "
                         "name the file %s on one line", named, c->what,
                         o.msg, named);
    if (c->word != NULL && !contains(o.msg, c->word))
        return lab_check(0, "refused %s, %s, with \"%s\", which does not "
                         "say it is the wrong kind of file: %s", named,
                         c->what, o.msg, c->rule);
    return lab_check(1, "refused %s, %s: \"%s\"", named, c->what, o.msg);
}

int grade_idx_header(void)
{
    int ok = 1;
    for (int t = 0; t < NCASES; t++)
        ok &= grade_case(&cases[t]);
    return lab_verdict(ok, "idx-header");
}
