/* The grader of the labs.  make lab NAME=lab FILE=answer.nw tangles the
   library from the chapters with the chunks of answer.nw in place of the
   book's (tools/replace-chunk.awk), links it with these files and runs
   grade lab.  Each lab's grader prints what it checked in the book's
   terms and ends with lab_verdict; the exit status is 0 only if every
   check passed. */
#ifndef GRADE_H
#define GRADE_H

#include <stdio.h>

/* One lab: its name (labs/NAME.nw), what the reader writes, and its
   grader, which returns 0 if every check passed and 1 if not. */
typedef struct lab {
    const char *name;
    const char *writes;
    int (*grade)(void);
} lab;

/* The graders, one a lab (labs/grade-*.c). */
int grade_tanh_derivative(void);     /* grade-gradient.c */
int grade_stable_softmax(void);
int grade_output_error(void);
int grade_delta_recurrence(void);
int grade_gradient_bias(void);
int grade_actor_error(void);
int grade_momentum(void);            /* grade-steps.c */
int grade_adam(void);
int grade_batched_product(void);     /* grade-batch.c */
int grade_idx_header(void);          /* grade-idx.c */

/* A line of the report: "  ok    what" or "  WRONG what", what formatted
   like printf; returns ok != 0. */
int lab_check(int ok, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The last line of every report, "PASS: ..." or "FAIL: ..."; the exit
   status, 0 if ok. */
int lab_verdict(int ok, const char *name);

#endif
