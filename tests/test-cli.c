/* Tests of the command-line parsers of appendix A.  A value that is not
   exactly a number in range must be rejected, never read as a default or
   as the part of it that looks like a number, and the message must name
   the option, so that the user knows which word to fix. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "cli.h"

/* Does parse_long fail on text, with a message naming the option? */
static int long_rejected(const char *text, long min, long max)
{
    long v;
    nn_err err = { "" };
    return parse_long("--count", text, min, max, &v, &err) == -1
           && strstr(err.msg, "--count") != NULL;
}

/* Does parse_long accept text as the value want? */
static int long_accepted(const char *text, long min, long max, long want)
{
    long v = !want;     /* anything but want */
    nn_err err;
    return parse_long("--count", text, min, max, &v, &err) == 0 && v == want;
}

void test_parse_long_accepts(void)
{
    char text[64];
    CHECK(long_accepted("0", 0, 10, 0));
    CHECK(long_accepted("42", 0, 100, 42));
    CHECK(long_accepted("-7", -10, 10, -7));
    CHECK(long_accepted("10", 0, 10, 10));     /* the bounds are included */
    CHECK(long_accepted("-3", -3, 3, -3));
    snprintf(text, sizeof text, "%ld", LONG_MAX);
    CHECK(long_accepted(text, 0, LONG_MAX, LONG_MAX));
    snprintf(text, sizeof text, "%ld", LONG_MIN);
    CHECK(long_accepted(text, LONG_MIN, 0, LONG_MIN));
}

void test_parse_long_rejects(void)
{
    CHECK(long_rejected("", 0, 100));
    CHECK(long_rejected("12x", 0, 100));
    CHECK(long_rejected("12 ", 0, 100));
    CHECK(long_rejected(" 12", 0, 100));
    CHECK(long_rejected("\t12", 0, 100));
    CHECK(long_rejected("-", 0, 100));
    CHECK(long_rejected("1.5", 0, 100));
    CHECK(long_rejected("0x10", 0, 100));
    CHECK(long_rejected("11", 0, 10));
    CHECK(long_rejected("-1", 0, 10));
    /* More digits than any long holds: strtol reports ERANGE. */
    CHECK(long_rejected("99999999999999999999999999", LONG_MIN, LONG_MAX));
    CHECK(long_rejected("-99999999999999999999999999", LONG_MIN, LONG_MAX));
}

static int double_rejected(const char *text, double min, double max)
{
    double v;
    nn_err err = { "" };
    return parse_double("--rate", text, min, max, &v, &err) == -1
           && strstr(err.msg, "--rate") != NULL;
}

/* Exact comparison: every wanted value below is the double strtod gives
   for the same text. */
static int double_accepted(const char *text, double min, double max,
                           double want)
{
    double v = want + 1;     /* anything but want */
    nn_err err;
    return parse_double("--rate", text, min, max, &v, &err) == 0 && v == want;
}

void test_parse_double_accepts(void)
{
    CHECK(double_accepted("0.25", 0, 1, 0.25));
    CHECK(double_accepted("-1e-3", -1, 1, -1e-3));
    CHECK(double_accepted("1e3", 0, 1e6, 1e3));
    CHECK(double_accepted("7", 0, 10, 7.0));
    CHECK(double_accepted("0", 0, 1, 0.0));   /* the bounds are included */
    CHECK(double_accepted("1", 0, 1, 1.0));
    /* A number too small for a normal double is still the nearest double
       (a denormal, or zero), though strtod flags it with ERANGE. */
    CHECK(double_accepted("4e-320", 0, 1, 4e-320));
    CHECK(double_accepted("1e-400", 0, 1, 0.0));
}

void test_parse_double_rejects(void)
{
    CHECK(double_rejected("", -1e9, 1e9));
    CHECK(double_rejected("12x", -1e9, 1e9));
    CHECK(double_rejected("12 ", -1e9, 1e9));
    CHECK(double_rejected(" 12", -1e9, 1e9));
    CHECK(double_rejected(".", -1e9, 1e9));
    CHECK(double_rejected("1e999", -1e308, 1e308));
    CHECK(double_rejected("-1e999", -1e308, 1e308));
    CHECK(double_rejected("nan", -1e308, 1e308));
    CHECK(double_rejected("inf", -1e308, 1e308));
    CHECK(double_rejected("-inf", -1e308, 1e308));
    CHECK(double_rejected("infinity", -1e308, 1e308));
    CHECK(double_rejected("1.5", 0, 1));
    CHECK(double_rejected("-0.1", 0, 1));
}

/* Does parse_sizes fail on text, with a message naming the option?
   n has exactly max + 1 elements, so that AddressSanitizer sees any
   write past the last layer it may hold. */
static int sizes_rejected(const char *text)
{
    enum { MAX = 3 };
    int n[MAX + 1], L;
    nn_err err = { "" };
    return parse_sizes("--sizes", text, n, MAX, &L, &err) == -1
           && strstr(err.msg, "--sizes") != NULL;
}

void test_parse_sizes_accepts(void)
{
    int n[5] = { -1, -1, -1, -1, -1 }, L = 0;
    nn_err err;
    CHECK(parse_sizes("--sizes", "784,100,10", n, 4, &L, &err) == 0);
    CHECK(L == 3);
    CHECK(n[1] == 784 && n[2] == 100 && n[3] == 10);
    CHECK(n[0] == -1 && n[4] == -1);   /* nothing outside n[1..L] */

    /* One layer, the widest layer, and exactly max layers are all valid. */
    CHECK(parse_sizes("--sizes", "5", n, 4, &L, &err) == 0 && L == 1
          && n[1] == 5);
    CHECK(parse_sizes("--sizes", "1000000,1", n, 4, &L, &err) == 0 && L == 2
          && n[1] == 1000000 && n[2] == 1);
    CHECK(parse_sizes("--sizes", "1,2,3,4", n, 4, &L, &err) == 0 && L == 4
          && n[4] == 4);
}

void test_parse_sizes_rejects(void)
{
    CHECK(sizes_rejected(""));
    CHECK(sizes_rejected("3,0,2"));
    CHECK(sizes_rejected("3,-2"));
    CHECK(sizes_rejected("5,"));
    CHECK(sizes_rejected(",5"));
    CHECK(sizes_rejected("5,,3"));
    CHECK(sizes_rejected("a,b"));
    CHECK(sizes_rejected("5x"));
    CHECK(sizes_rejected("5, 3"));
    CHECK(sizes_rejected(" 5"));
    CHECK(sizes_rejected("1.5,2"));
    CHECK(sizes_rejected("1,2,3,4"));      /* more layers than max = 3 */
    CHECK(sizes_rejected("1000001"));
    CHECK(sizes_rejected("2,99999999999999999999"));
}

/* The bounds in a range message are the bounds checked: 0.9999999 is
   not printed as 1, which would read "1 is out of range [0, 1]". */
void test_parse_double_prints_exact_bounds(void)
{
    double v;
    nn_err err = { "" };
    CHECK(parse_double("--discount", "1", 0, 0.9999999, &v, &err) == -1);
    CHECK(strstr(err.msg, "[0, 0.9999999]") != NULL);
    CHECK(parse_double("--rate", "0", 1e-9, 10.0, &v, &err) == -1);
    CHECK(strstr(err.msg, "[1e-09, 10]") != NULL);
}
