/* Tests of the all-or-nothing output files of chapter 1.  Standard C has
   no temporary directories, so the files are written in the current
   directory under names that start with "test-runfile-", each removed
   before the test (a crashed earlier run may have left it) and after. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "files.h"
#include "runfile.h"

/* The contents of a file as a string in buf, or "" if it cannot be read. */
static const char *contents(const char *path, char *buf, size_t size)
{
    size_t len = 0;
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        len = fread(buf, 1, size - 1, f);
        fclose(f);
    }
    buf[len] = '\0';
    return buf;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f != NULL) {
        fputs(text, f);
        CHECK(fclose(f) == 0);
    }
}

/* Remove a test file and its temporary. */
static void clean(const char *path, const char *part)
{
    remove(path);
    remove(part);
}

void test_runfile_writes_macros(void)
{
    const char *path = "test-runfile-macros.tex";
    const char *part = "test-runfile-macros.tex.part";
    char buf[256];
    runfile rf;
    nn_err err;
    clean(path, part);
    CHECK(runfile_open(&rf, path, &err) == 0);
    run_macro(&rf, "rng.seed", "%d", 42);
    run_macro(&rf, "forward.out1", "%.4f", 0.21714);
    run_macro(&rf, "rng.first", "0x%08x", 0xa15c02b7u);
    /* While it is written, the file exists only under its temporary name. */
    CHECK(!test_exists(path));
    CHECK(test_exists(part));
    CHECK(runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(path, buf, sizeof buf),
                 "\\setrun{rng.seed}{42}\n"
                 "\\setrun{forward.out1}{0.2171}\n"
                 "\\setrun{rng.first}{0xa15c02b7}\n") == 0);
    CHECK(!test_exists(part));
    clean(path, part);
}

/* tex_scientific writes what a math formula can take: plain numbers
   between 0.01 and 10^4, never printf's exponent form such as 1e+02,
   which %.2g gives from 99.5 on. */
void test_tex_scientific_formats(void)
{
    static const struct { double v; const char *s; } cases[] = {
        { 0.0, "0" },          { 0.012345, "0.012" },  { 3.14159, "3.1" },
        { 9.97, "10" },        { 99.4, "99" },         { 99.5, "100" },
        { 99.7, "100" },       { -99.9, "-100" },      { 123.4, "123" },
        { 9999.4, "9999" },    { 3.1e-11, "3.1\\cdot10^{-11}" },
        { 1.2e10, "1.2\\cdot10^{10}" }, { 0.00999, "1.0\\cdot10^{-2}" },
    };
    char buf[64];
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        tex_scientific(buf, sizeof buf, cases[t].v);
        if (strcmp(buf, cases[t].s) != 0)
            check_fail(__FILE__, __LINE__, "tex_scientific(%g) gave '%s', "
                       "not '%s'", cases[t].v, buf, cases[t].s);
        CHECK(strchr(buf, 'e') == NULL);
    }
}

void test_runfile_close_replaces_old_file(void)
{
    const char *path = "test-runfile-replace.tex";
    const char *part = "test-runfile-replace.tex.part";
    char buf[256];
    runfile rf;
    nn_err err;
    clean(path, part);
    write_text(path, "old contents\n");
    CHECK(runfile_open(&rf, path, &err) == 0);
    run_macro(&rf, "k", "%s", "new");
    CHECK(strcmp(contents(path, buf, sizeof buf), "old contents\n") == 0);
    CHECK(runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(path, buf, sizeof buf), "\\setrun{k}{new}\n") == 0);
    CHECK(!test_exists(part));
    clean(path, part);
}

void test_runfile_abort_keeps_old_file(void)
{
    const char *path = "test-runfile-abort.tex";
    const char *part = "test-runfile-abort.tex.part";
    char buf[256];
    runfile rf;
    nn_err err;
    clean(path, part);
    write_text(path, "old contents\n");
    CHECK(runfile_open(&rf, path, &err) == 0);
    run_macro(&rf, "k", "%d", 1);
    runfile_abort(&rf);
    CHECK(strcmp(contents(path, buf, sizeof buf), "old contents\n") == 0);
    CHECK(!test_exists(part));
    clean(path, part);
}

void test_runfile_abort_leaves_no_file(void)
{
    const char *path = "test-runfile-nothing.tex";
    const char *part = "test-runfile-nothing.tex.part";
    runfile rf;
    nn_err err;
    clean(path, part);
    CHECK(runfile_open(&rf, path, &err) == 0);
    run_macro(&rf, "k", "%d", 1);
    runfile_abort(&rf);
    CHECK(!test_exists(path));
    CHECK(!test_exists(part));
    clean(path, part);
}

/* The book promises that the names are copied: the caller's string may
   change between open and close. */
void test_runfile_copies_the_name(void)
{
    char name[] = "test-runfile-name1.tex";
    runfile rf;
    nn_err err;
    clean("test-runfile-name1.tex", "test-runfile-name1.tex.part");
    clean("test-runfile-name2.tex", "test-runfile-name2.tex.part");
    CHECK(runfile_open(&rf, name, &err) == 0);
    name[17] = '2';
    run_macro(&rf, "k", "%d", 1);
    CHECK(runfile_close(&rf, &err) == 0);
    CHECK(test_exists("test-runfile-name1.tex"));
    CHECK(!test_exists("test-runfile-name2.tex"));
    clean("test-runfile-name1.tex", "test-runfile-name1.tex.part");
    clean("test-runfile-name2.tex", "test-runfile-name2.tex.part");
}

void test_runfile_open_fails_in_missing_directory(void)
{
    const char *path = "test-runfile-no-such-directory/out.tex";
    runfile rf;
    nn_err err = { "" };
    CHECK(runfile_open(&rf, path, &err) == -1);
    CHECK(strstr(err.msg, path) != NULL);
}

/* Closing or aborting a runfile twice, or aborting one that failed to
   open, must neither free its names twice nor remove anybody's file. */
void test_runfile_finishing_twice_is_safe(void)
{
    const char *path = "test-runfile-twice.tex";
    const char *part = "test-runfile-twice.tex.part";
    runfile rf;
    nn_err err;
    clean(path, part);
    CHECK(runfile_open(&rf, path, &err) == 0);
    CHECK(runfile_close(&rf, &err) == 0);
    CHECK(runfile_close(&rf, &err) == -1);
    runfile_abort(&rf);
    CHECK(test_exists(path));            /* the finished file stays */
    CHECK(runfile_open(&rf, "no-such-dir-for-runfile/x.tex", &err) == -1);
    runfile_abort(&rf);
    clean(path, part);
}

/* Five digits and more get a thin space between groups of three; the
   sign is not a digit; a short buffer is cut, never overrun. */
void test_tex_grouped(void)
{
    char buf[40];
    CHECK(strcmp(tex_grouped(buf, sizeof buf, 0), "0") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, 6400), "6400") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, -9999), "-9999") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, 60000), "60\\,000") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, -10000), "-10\\,000") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, 101770), "101\\,770") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, 1234567),
                 "1\\,234\\,567") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, -123456789),
                 "-123\\,456\\,789") == 0);
    CHECK(strcmp(tex_grouped(buf, sizeof buf, LLONG_MIN),
                 "-9\\,223\\,372\\,036\\,854\\,775\\,808") == 0);
    char small[5] = "xxxx";
    CHECK(strcmp(tex_grouped(small, sizeof small, 60000), "60\\,") == 0);
}

/* run_claim writes one line the build's check can read, with the
   evidence formatted, and says whether the claim holds. */
void test_runfile_writes_claims(void)
{
    const char *path = "test-runfile-claims.tex";
    const char *part = "test-runfile-claims.tex.part";
    char buf[512];
    runfile rf;
    nn_err err;
    clean(path, part);
    CHECK(runfile_open(&rf, path, &err) == 0);
    CHECK(run_claim(&rf, "descent.order", 1, "the larger rate ends higher",
                    "%.2f against %.2f", 0.5, 0.25) == 1);
    CHECK(run_claim(&rf, "zeros.still", 0, "the loss is still falling",
                    "%d blocks", 3) == 0);
    CHECK(run_claim(&rf, "x.nonzero", 7, "any non-zero holds", "%s", "") == 1);
    CHECK(runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(path, buf, sizeof buf),
                 "\\setclaim{descent.order}{1}{the larger rate ends higher}"
                 "{0.50 against 0.25}\n"
                 "\\setclaim{zeros.still}{0}{the loss is still falling}"
                 "{3 blocks}\n"
                 "\\setclaim{x.nonzero}{1}{any non-zero holds}{}\n") == 0);
    clean(path, part);
}
