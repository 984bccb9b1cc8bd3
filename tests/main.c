/* The test runner: runs every test in the table, prints one line per
   test, and ends with the line "N passed, N failed". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int check_failures;

void check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "  %s:%d: check failed: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    check_failures++;
}

void check_near(const char *file, int line, const char *what, double a,
                double b, double tol)
{
    if (!(fabs(a - b) <= tol))
        check_fail(file, line, "%s = %.17g, expected %.17g (tolerance %g)",
                   what, a, b, tol);
}

#define TEST(name) void name(void);
#include "tests.def"
#undef TEST

static const struct {
    const char *name;
    void (*run)(void);
} tests[] = {
#define TEST(name) { #name, name },
#include "tests.def"
#undef TEST
};

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
        if (argc > 1 && strstr(tests[t].name, argv[1]) == NULL)
            continue;
        check_failures = 0;
        tests[t].run();
        printf("%s %s\n", check_failures == 0 ? "pass" : "FAIL",
               tests[t].name);
        fflush(stdout);
        if (check_failures == 0)
            passed++;
        else
            failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
