/* The grader's main program: grade NAME runs the lab NAME's checks. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "grade.h"

static const lab labs[] = {
    { "tanh-derivative", "the derivative of tanh", grade_tanh_derivative },
    { "stable-softmax", "softmax and its cross-entropy, safe from overflow",
      grade_stable_softmax },
    { "output-error", "the output error of each loss", grade_output_error },
    { "delta-recurrence", "the error signals of a hidden layer",
      grade_delta_recurrence },
    { "gradient-bias", "the gradient of a weight matrix, bias column "
      "included", grade_gradient_bias },
    { "actor-error", "the output error of the actor", grade_actor_error },
    { "momentum", "a step with momentum", grade_momentum },
    { "adam", "an Adam step", grade_adam },
    { "batched-product", "the batched forward product, fast",
      grade_batched_product },
    { "idx-header", "the check of an IDX file's header", grade_idx_header },
};
enum { NLABS = sizeof labs / sizeof labs[0] };

int lab_check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(ok ? "  ok     " : "  WRONG  ", stdout);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    return ok != 0;
}

int lab_verdict(int ok, const char *name)
{
    printf("%s: lab %s\n", ok ? "PASS" : "FAIL", name);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 2)
        for (int i = 0; i < NLABS; i++)
            if (strcmp(argv[1], labs[i].name) == 0) {
                printf("lab %s: %s\n", labs[i].name, labs[i].writes);
                return labs[i].grade();
            }
    fprintf(stderr, "usage: grade LAB\nthe labs:\n");
    for (int i = 0; i < NLABS; i++)
        fprintf(stderr, "  %-18s %s\n", labs[i].name, labs[i].writes);
    return 2;
}
