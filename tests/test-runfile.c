/* Tests of the all-or-nothing output files of appendix A.  The files are
   written in the current directory under names that start with
   "test-runfile-", each removed before the test (a crashed earlier run
   may have left it) and after.  The temporaries' names are those the
   runfile chose, rf.tmp.  symlink, mkfifo and friends are POSIX. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "files.h"
#include "harness.h"
#include "nnerr.h"
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

/* Remove a test file and a temporary (NULL for none). */
static void clean(const char *path, const char *part)
{
    remove(path);
    if (part != NULL)
        remove(part);
}

/* A copy of rf's temporary name, to look for it after it is gone. */
static char *tmp_name(const nn_runfile *rf)
{
    static char name[4200];
    snprintf(name, sizeof name, "%s", rf->tmp != NULL ? rf->tmp : "");
    return name;
}

void test_runfile_writes_macros(void)
{
    const char *path = "test-runfile-macros.tex";
    char buf[256];
    nn_runfile rf;
    nn_err err;
    clean(path, NULL);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    const char *part = tmp_name(&rf);
    run_macro(&rf, "rng.seed", "%d", 42);
    run_macro(&rf, "forward.out1", "%.4f", 0.21714);
    run_macro(&rf, "rng.first", "0x%08x", 0xa15c02b7u);
    /* While it is written, the file exists only under its temporary name. */
    CHECK(!test_exists(path));
    CHECK(test_exists(part));
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(path, buf, sizeof buf),
                 "\\setrun{rng.seed}{42}\n"
                 "\\setrun{forward.out1}{0.2171}\n"
                 "\\setrun{rng.first}{0xa15c02b7}\n") == 0);
    CHECK(!test_exists(part));
    clean(path, NULL);
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
    char buf[256];
    nn_runfile rf;
    nn_err err;
    clean(path, NULL);
    write_text(path, "old contents\n");
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    const char *part = tmp_name(&rf);
    run_macro(&rf, "k", "%s", "new");
    CHECK(strcmp(contents(path, buf, sizeof buf), "old contents\n") == 0);
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(path, buf, sizeof buf), "\\setrun{k}{new}\n") == 0);
    CHECK(!test_exists(part));
    clean(path, NULL);
}

void test_runfile_abort_keeps_old_file(void)
{
    const char *path = "test-runfile-abort.tex";
    char buf[256];
    nn_runfile rf;
    nn_err err;
    clean(path, NULL);
    write_text(path, "old contents\n");
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    const char *part = tmp_name(&rf);
    run_macro(&rf, "k", "%d", 1);
    nn_runfile_abort(&rf);
    CHECK(strcmp(contents(path, buf, sizeof buf), "old contents\n") == 0);
    CHECK(!test_exists(part));
    clean(path, NULL);
}

void test_runfile_abort_leaves_no_file(void)
{
    const char *path = "test-runfile-nothing.tex";
    nn_runfile rf;
    nn_err err;
    clean(path, NULL);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    const char *part = tmp_name(&rf);
    run_macro(&rf, "k", "%d", 1);
    nn_runfile_abort(&rf);
    CHECK(!test_exists(path));
    CHECK(!test_exists(part));
    clean(path, NULL);
}

/* The book promises that the names are copied: the caller's string may
   change between open and close. */
void test_runfile_copies_the_name(void)
{
    char name[] = "test-runfile-name1.tex";
    nn_runfile rf;
    nn_err err;
    clean("test-runfile-name1.tex", NULL);
    clean("test-runfile-name2.tex", NULL);
    CHECK(nn_runfile_open(&rf, name, &err) == 0);
    name[17] = '2';
    run_macro(&rf, "k", "%d", 1);
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(test_exists("test-runfile-name1.tex"));
    CHECK(!test_exists("test-runfile-name2.tex"));
    clean("test-runfile-name1.tex", NULL);
    clean("test-runfile-name2.tex", NULL);
}

void test_runfile_open_fails_in_missing_directory(void)
{
    const char *path = "test-runfile-no-such-directory/out.tex";
    nn_runfile rf;
    nn_err err = { "" };
    CHECK(nn_runfile_open(&rf, path, &err) == -1);
    CHECK(strstr(err.msg, path) != NULL);
}

/* Closing or aborting a runfile twice, or aborting one that failed to
   open, must neither free its names twice nor remove anybody's file. */
void test_runfile_finishing_twice_is_safe(void)
{
    const char *path = "test-runfile-twice.tex";
    nn_runfile rf;
    nn_err err;
    clean(path, NULL);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(nn_runfile_close(&rf, &err) == -1);
    nn_runfile_abort(&rf);
    CHECK(test_exists(path));            /* the finished file stays */
    CHECK(nn_runfile_open(&rf, "no-such-dir-for-runfile/x.tex", &err) == -1);
    nn_runfile_abort(&rf);
    clean(path, NULL);
}

/* The temporary is a new file beside the target, with a short name of
   its own: "dir/part-XXXXXX", never "path.part". */
void test_runfile_temporary_is_beside_the_target(void)
{
    const char *dir = "test-runfile-dir";
    const char *path = "test-runfile-dir/out.tex";
    nn_runfile rf;
    nn_err err;
    clean(path, NULL);
    rmdir(dir);
    CHECK(mkdir(dir, 0700) == 0);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    CHECK(rf.tmp != NULL && strncmp(rf.tmp, "test-runfile-dir/part-", 22) == 0
          && strlen(rf.tmp) == 22 + 6);
    CHECK(test_exists(rf.tmp));
    CHECK(nn_runfile_close(&rf, &err) == 0 && test_exists(path));
    clean(path, NULL);
    CHECK(rmdir(dir) == 0);       /* fails if a temporary is left */
}

/* A target name of 255 bytes, the longest a file system allows, can be
   written: the temporary's name does not grow with it. */
void test_runfile_writes_a_name_of_255_bytes(void)
{
    char path[256];
    memset(path, 'x', 255);
    memcpy(path, "test-runfile-", 13);
    path[255] = '\0';
    nn_runfile rf;
    nn_err err = { "" };
    clean(path, NULL);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    if (rf.f != NULL)
        fputs("x\n", rf.f);
    CHECK(rf.f != NULL && nn_runfile_close(&rf, &err) == 0);
    CHECK(test_exists(path));
    clean(path, NULL);
}

/* Symbolic links planted by someone else are never followed: one at the
   name the old code used for its temporary, path.part, and one at the
   target itself.  The file they point to stays byte for byte. */
void test_runfile_leaves_planted_symlinks_alone(void)
{
    const char *victim = "test-runfile-victim";
    const char *path = "test-runfile-sym.tex";
    const char *part = "test-runfile-sym.tex.part";
    char buf[256];
    nn_runfile rf;
    nn_err err = { "" };
    clean(path, part);
    write_text(victim, "precious\n");
    CHECK(symlink(victim, part) == 0);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    run_macro(&rf, "k", "%d", 1);
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(victim, buf, sizeof buf), "precious\n") == 0);
    struct stat st;
    CHECK(lstat(part, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode));
    clean(path, part);
    /* a link at the target is refused, with the reason */
    CHECK(symlink(victim, path) == 0);
    CHECK(nn_runfile_open(&rf, path, &err) == -1);
    CHECK(strstr(err.msg, path) && strstr(err.msg, "symbolic link"));
    CHECK(lstat(path, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(strcmp(contents(victim, buf, sizeof buf), "precious\n") == 0);
    clean(path, NULL);
    remove(victim);
}

/* A target that is not a regular file is refused, saying what it is; an
   empty name too.  "-" is standard output for text, refused for binary. */
void test_runfile_refuses_what_is_not_a_regular_file(void)
{
    const char *dir = "test-runfile-a-dir";
    const char *fifo = "test-runfile-fifo";
    nn_runfile rf;
    nn_err err = { "" };
    rmdir(dir), remove(fifo);
    CHECK(mkdir(dir, 0700) == 0);
    CHECK(nn_runfile_open(&rf, dir, &err) == -1 && strstr(err.msg, "directory"));
    CHECK(nn_runfile_open(&rf, "test-runfile-a-dir/", &err) == -1
          && strstr(err.msg, "directory"));
    CHECK(rmdir(dir) == 0);
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(nn_runfile_open(&rf, fifo, &err) == -1 && strstr(err.msg, "FIFO"));
    remove(fifo);
    /* a device: were it accepted, abort removes only the temporary */
    struct stat st;
    if (stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode)) {
        int status = nn_runfile_open(&rf, "/dev/null", &err);
        CHECK(status == -1 && strstr(err.msg, "device"));
        if (status == 0)
            nn_runfile_abort(&rf);
    }
    CHECK(nn_runfile_open(&rf, "", &err) == -1 && strstr(err.msg, "empty"));
    CHECK(nn_runfile_open_binary(&rf, "-", &err) == -1
          && strstr(err.msg, "standard output"));
    CHECK(nn_runfile_open(&rf, "-", &err) == 0 && rf.f == stdout
          && rf.tmp == NULL);
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(!test_exists("-"));
}

/* A full disk, simulated by a stream on /dev/full: the close fails with
   the system's reason, removes the temporary and keeps the old file. */
void test_runfile_full_disk_keeps_old_file(void)
{
    const char *path = "test-runfile-full.tex";
    char buf[256];
    nn_runfile rf;
    nn_err err = { "" };
    if (!test_exists("/dev/full"))
        return;
    clean(path, NULL);
    write_text(path, "old contents\n");
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    if (rf.f == NULL)
        return;
    char *part = tmp_name(&rf);
    FILE *full = fopen("/dev/full", "w");
    CHECK(full != NULL);
    if (full == NULL) {
        nn_runfile_abort(&rf);
        return;
    }
    fclose(rf.f);
    rf.f = full;        /* the stream now leads to a disk with no room */
    for (int q = 0; q < 10000; q++)
        run_macro(&rf, "k", "%d", q);
    CHECK(nn_runfile_close(&rf, &err) == -1);
    CHECK(strstr(err.msg, path) && strstr(err.msg, strerror(ENOSPC)));
    CHECK(strcmp(contents(path, buf, sizeof buf), "old contents\n") == 0);
    CHECK(!test_exists(part));
    clean(path, NULL);
}

/* A rename that fails says why: here the target became a directory
   after the file was opened. */
void test_runfile_rename_failure_gives_the_reason(void)
{
    const char *path = "test-runfile-late-dir";
    nn_runfile rf;
    nn_err err = { "" };
    rmdir(path), remove(path);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    char *part = tmp_name(&rf);
    CHECK(mkdir(path, 0700) == 0);
    CHECK(nn_runfile_close(&rf, &err) == -1);
    CHECK(strstr(err.msg, path) && strstr(err.msg, strerror(EISDIR)));
    CHECK(!test_exists(part));
    CHECK(rmdir(path) == 0);
}

/* A message too long for nn_err keeps its start and its end, where the
   reason is, also with a path of 4000 bytes. */
void test_nn_err_keeps_the_reason_of_a_long_message(void)
{
    static char path[4001];
    memset(path, 'd', 4000);
    memcpy(path, "start/", 6);
    memcpy(path + 3994, "/x.tex", 6);
    nn_err err;
    CHECK(nn_fail(&err, "%s: cannot write: %s", path,
                  "No space left on device") == -1);
    size_t n = strlen(err.msg);
    CHECK(n == sizeof err.msg - 1);
    CHECK(strncmp(err.msg, "start/", 6) == 0 && strstr(err.msg, "..."));
    CHECK(strcmp(err.msg + n - 38,
                 "x.tex: cannot write: No space left on device" + 6) == 0);
    CHECK(nn_fail(&err, "%s", "short") == -1 && strcmp(err.msg, "short") == 0);
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
    nn_runfile rf;
    nn_err err;
    clean(path, part);
    CHECK(nn_runfile_open(&rf, path, &err) == 0);
    CHECK(run_claim(&rf, "descent.order", 1, "the larger rate ends higher",
                    "%.2f against %.2f", 0.5, 0.25) == 1);
    CHECK(run_claim(&rf, "zeros.still", 0, "the loss is still falling",
                    "%d blocks", 3) == 0);
    CHECK(run_claim(&rf, "x.nonzero", 7, "any non-zero holds", "%s", "") == 1);
    CHECK(nn_runfile_close(&rf, &err) == 0);
    CHECK(strcmp(contents(path, buf, sizeof buf),
                 "\\setclaim{descent.order}{1}{the larger rate ends higher}"
                 "{0.50 against 0.25}\n"
                 "\\setclaim{zeros.still}{0}{the loss is still falling}"
                 "{3 blocks}\n"
                 "\\setclaim{x.nonzero}{1}{any non-zero holds}{}\n") == 0);
    clean(path, part);
}
