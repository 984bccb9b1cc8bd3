/* The gradient check of a lab (chapter 8, "When the check fails").  The
   Makefile tangles the library from the chapters with one chunk replaced
   by a lab's version (tests/labs/NAME.nw) and links it with this
   program; built from the unchanged chapters it is the control.  It
   checks nn_net_backprop against central differences on a few small
   networks that use every activation and loss whose code a lab can
   touch, prints for each the largest relative error and the largest
   one beyond round-off, and exits with status 0 if every component
   agrees and 1 if any does not.  The actor and the critic of chapter 20
   are checked the same way, against central differences of their own
   losses, so that a lab may replace their output errors too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "actor-critic.h"
#include "backprop.h"
#include "gradcheck.h"
#include "rng.h"

#define TOLERANCE 1e-6

static const struct {
    const char *what;
    int L, n[5];
    nn_activation A[5];
    nn_loss_kind k;
} nets[] = {
    { "sigmoid hidden, identity output, least squares", 3, { 0, 3, 4, 2 },
      { 0, 0, NN_ACT_SIGMOID, NN_ACT_IDENTITY }, NN_LOSS_SQUARED },
    { "tanh hidden, sigmoid output, least squares", 3, { 0, 3, 4, 2 },
      { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID }, NN_LOSS_SQUARED },
    { "tanh and sigmoid hidden, sigmoid output, cross-entropy", 4,
      { 0, 2, 3, 3, 1 }, { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID, NN_ACT_SIGMOID },
      NN_LOSS_BCE },
    { "sigmoid and tanh hidden, softmax cross-entropy", 4,
      { 0, 3, 4, 3, 3 }, { 0, 0, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_IDENTITY },
      NN_LOSS_SOFTMAX_CE },
};

/* A component agrees if its relative error is at most TOLERANCE, or if
   the absolute difference is below the round-off of a central
   difference, 1e-8 * max(1, |L|) (tests/test-gradcheck.c explains the
   floor).  The return value is the relative error beyond round-off: the
   relative error, or 0 under the floor. */
static double disagreement(double a, double n, double loss)
{
    return fabs(a - n) <= 1e-8 * fmax(1.0, fabs(loss)) ? 0.0
                                                       : nn_rel_error(a, n);
}

/* The loss of the actor (is_actor) or of the critic at state s. */
static double ac_loss(nn_net *N, int is_actor, const double s[], int a,
                      double adv, double target)
{
    double loss;
    nn_err err;
    int status = is_actor ? actor_loss(N, s, a, adv, &loss, &err)
                          : critic_loss(N, s, target, &loss, &err);
    if (status != 0) {
        fprintf(stderr, "lab-check: %s\n", err.msg);
        exit(2);
    }
    return loss;
}

/* actor_backprop or critic_backprop on a 4-5-3 or 4-5-1 tanh network
   against central differences; the largest disagreement. */
static double check_actor_critic(int is_actor)
{
    int n[] = { 0, 4, 5, is_actor ? 3 : 1 };
    nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_err err;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL) {
        fprintf(stderr, "lab-check: %s\n", err.msg);
        exit(2);
    }
    nn_rng r;
    nn_rng_seed(&r, 2040 + is_actor, 11);
    nn_net_init(N, &r);
    double s[4], worst = 0.0;
    for (int q = 0; q < 4; q++)
        s[q] = nn_rng_normal(&r);
    int a = 1;
    double adv = 1.3, target = critic_value(N, s) + 0.7;
    nn_net_zero_grad(N);
    double loss;
    int status = is_actor ? actor_backprop(N, s, a, adv, &loss, &err)
                          : critic_backprop(N, s, target, &loss, &err);
    if (status != 0) {
        fprintf(stderr, "lab-check: %s\n", err.msg);
        exit(2);
    }
    for (size_t p = 0; p < N->nw; p++) {
        double w = N->wflat[p];
        N->wflat[p] = w + NN_FD_STEP;
        double up = ac_loss(N, is_actor, s, a, adv, target);
        N->wflat[p] = w - NN_FD_STEP;
        double down = ac_loss(N, is_actor, s, a, adv, target);
        N->wflat[p] = w;
        double d = disagreement(N->dwflat[p], (up - down) / (2 * NN_FD_STEP),
                                loss);
        if (!(d <= worst))
            worst = d;
    }
    printf("the %s of chapter 20\n  beyond round-off %.1e\n",
           is_actor ? "actor" : "critic", worst);
    nn_net_free(N);
    return worst;
}

int main(void)
{
    double x[4], y[3], g[64], worst_all = 0.0;
    for (size_t t = 0; t < sizeof nets / sizeof nets[0]; t++) {
        nn_err err;
        nn_net *N = nn_net_create(nets[t].L, nets[t].n, nets[t].A, &err);
        if (N == NULL) {
            fprintf(stderr, "lab-check: %s\n", err.msg);
            return 2;
        }
        nn_rng r;
        nn_rng_seed(&r, 2026 + t, 11);
        nn_net_init(N, &r);
        /* biases away from 0, so that a lost bias term shows */
        for (int m = 1; m < N->L; m++)
            for (int i = 1; i <= N->n[m + 1]; i++)
                N->w[m][i][0] = 0.5 * nn_rng_normal(&r);
        for (int j = 0; j < N->n[1]; j++)
            x[j] = nn_rng_normal(&r);
        for (int i = 0; i < N->n[N->L]; i++)
            y[i] = nets[t].k == NN_LOSS_SQUARED ? nn_rng_normal(&r) : i == 0;
        double raw, worst = 0.0;
        if (nn_grad_check(N, x, y, nets[t].k, NN_FD_STEP, g, &raw, &err) != 0) {
            fprintf(stderr, "lab-check: %s\n", err.msg);
            return 2;
        }
        double loss = nn_sample_loss(N, x, y, nets[t].k);
        for (size_t p = 0; p < N->nw; p++) {
            double d = disagreement(N->dwflat[p], g[p], loss);
            if (!(d <= worst))
                worst = d;
        }
        printf("%s\n  largest relative error %.1e, beyond round-off "
               "%.1e\n", nets[t].what, raw, worst);
        if (!(worst <= worst_all))
            worst_all = worst;
        nn_net_free(N);
    }
    for (int is_actor = 0; is_actor <= 1; is_actor++) {
        double worst = check_actor_critic(is_actor);
        if (!(worst <= worst_all))
            worst_all = worst;
    }
    int ok = worst_all <= TOLERANCE;
    printf("%s: largest relative error beyond round-off %.1e "
           "(tolerance %.0e)\n",
           ok ? "the gradients agree" : "THE GRADIENTS DISAGREE",
           worst_all, TOLERANCE);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
