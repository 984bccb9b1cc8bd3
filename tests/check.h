/* A minimal test harness.  Each test is a function registered in
   tests/main.c; CHECK records a failure with its file and line and lets
   the test go on, so that one run reports every broken assertion. */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdio.h>

extern int check_failures;   /* failures in the current test */

#define CHECK(cond) \
    ((cond) ? (void)0 : check_fail(__FILE__, __LINE__, "%s", #cond))

/* |a - b| <= tol, printing both values when it fails. */
#define CHECK_NEAR(a, b, tol) \
    check_near(__FILE__, __LINE__, #a, (a), (b), (tol))

void check_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void check_near(const char *file, int line, const char *what, double a,
                double b, double tol);

#endif
