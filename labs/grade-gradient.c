/* The graders of the six gradient labs: the derivatives of the
   activations, the stable softmax, the output error, the δ recurrence,
   the gradient with its bias column and the actor's output error.

   Each checks the library that make lab built with the reader's chunks
   against numbers it computes on its own: long-double formulas for
   values, central differences for derivatives.  A gradient is reported
   the way chapters 5 and 7 write it: δ^(k)_j = ∂L/∂z^(k)_j layer by
   layer (the central difference of the bias w^(k-1)_j0, since l_0 = 1
   makes the two equal), and ∂L/∂w^(k) with the bias column j = 0 apart
   from the columns j ≥ 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actor-critic.h"
#include "backprop.h"
#include "gradcheck.h"
#include "loss.h"
#include "net.h"
#include "rng.h"
#include "grade.h"

/* A derivative agrees with its central difference if the relative error
   is at most TOLERANCE, or if the two differ by less than the round-off
   of a central difference, 1e-8 max(1, |L|) (tests/test-gradcheck.c
   explains the floor). */
#define TOLERANCE 1e-6
/* A value agrees with the long-double reference to this relative error:
   the book's formulas are good to a few units in the last place. */
#define VALUE_TOLERANCE 1e-9

static double disagreement(double a, double n, double loss)
{
    return fabs(a - n) <= 1e-8 * fmax(1.0, fabs(loss)) ? 0.0
                                                       : nn_rel_error(a, n);
}

static void *must_alloc(size_t n)
{
    void *p = calloc(n, 1);
    if (p == NULL) {
        fprintf(stderr, "grade: out of memory\n");
        exit(2);
    }
    return p;
}

/* "j = 1..3, 5": the indices lo..hi with bad[i] set, in ranges. */
static const char *index_list(const char *name, const int bad[], int lo,
                              int hi, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "%s = ", name);
    int first = 1;
    for (int i = lo; i <= hi && used < size; i++) {
        if (!bad[i])
            continue;
        int e = i;
        while (e < hi && bad[e + 1])
            e++;
        used += (size_t)snprintf(buf + used, size - used,
                                 e > i ? "%s%d..%d" : "%s%d",
                                 first ? "" : ", ", i, e);
        first = 0;
        i = e;
    }
    return buf;
}

/* A small network of L layers, weights drawn with the seed and biases
   set away from 0, so that a lost bias term shows. */
static nn_net *make_net(int L, const int n[], const nn_activation A[],
                        unsigned long seed)
{
    nn_err err;
    nn_net *N = nn_net_create(L, n, A, &err);
    if (N == NULL) {
        fprintf(stderr, "grade: %s\n", err.msg);
        exit(2);
    }
    nn_rng r;
    nn_rng_seed(&r, seed, 11);
    nn_net_init(N, &r);
    for (int m = 1; m < L; m++)
        for (int i = 1; i <= n[m + 1]; i++)
            N->w[m][i][0] = 0.5 * nn_rng_normal(&r);
    return N;
}

static size_t flat(const nn_net *N, int m, int i, int j)
{
    return (size_t)(&N->w[m][i][j] - N->wflat);
}

/* ------------------------------------------------------------------ */
/* A gradient to check: a network and a sample, and how to get the loss
   and its gradient: nn_net_backprop with loss kind k, or the actor's or
   the critic's own functions of chapter 19. */
typedef enum { BY_LOSS, BY_ACTOR, BY_CRITIC } problem_kind;

typedef struct problem {
    const char *what;          /* the network, in words */
    problem_kind kind;
    nn_net *N;
    const double *x, *y;       /* input and targets (BY_LOSS) */
    nn_loss_kind k;
    int a;                     /* the action (BY_ACTOR) */
    double adv;                /* its advantage (BY_ACTOR) */
    double target;             /* the critic's target (BY_CRITIC) */
} problem;

static void problem_fail(const nn_err *err)
{
    fprintf(stderr, "grade: %s\n", err->msg);
    exit(2);
}

/* The loss at the current weights, by a forward pass. */
static double problem_loss(problem *P)
{
    double loss = 0.0;
    nn_err err;
    switch (P->kind) {
    case BY_LOSS:
        return nn_sample_loss(P->N, P->x, P->y, P->k);
    case BY_ACTOR:
        if (actor_loss(P->N, P->x, P->a, P->adv, &loss, &err) != 0)
            problem_fail(&err);
        return loss;
    case BY_CRITIC:
        if (critic_loss(P->N, P->x, P->target, &loss, &err) != 0)
            problem_fail(&err);
        return loss;
    }
    return NAN;
}

/* One backward pass, its gradient added to dw; the loss it returns. */
static double problem_backprop(problem *P)
{
    double loss = 0.0;
    nn_err err;
    switch (P->kind) {
    case BY_LOSS:
        return nn_net_backprop(P->N, P->x, P->y, P->k);
    case BY_ACTOR:
        if (actor_backprop(P->N, P->x, P->a, P->adv, &loss, &err) != 0)
            problem_fail(&err);
        return loss;
    case BY_CRITIC:
        if (critic_backprop(P->N, P->x, P->target, &loss, &err) != 0)
            problem_fail(&err);
        return loss;
    }
    return NAN;
}

/* Central differences of the loss in every weight, into g. */
static void numeric_gradient(problem *P, double g[])
{
    nn_net *N = P->N;
    for (size_t p = 0; p < N->nw; p++) {
        double w = N->wflat[p];
        N->wflat[p] = w + NN_FD_STEP;
        double up = problem_loss(P);
        N->wflat[p] = w - NN_FD_STEP;
        double down = problem_loss(P);
        N->wflat[p] = w;
        g[p] = (up - down) / (2 * NN_FD_STEP);
    }
    problem_loss(P);       /* leave the forward pass of the weights */
}

/* The gradient of one sample by backpropagation, in dw and delta. */
typedef struct gradient {
    double loss;
    double *dw;                /* like wflat */
    double **delta;            /* delta[k][j], k = 2..L, j = 1..n[k] */
    double *g;                 /* central differences, like wflat */
} gradient;

static void gradient_take(problem *P, gradient *G)
{
    nn_net *N = P->N;
    G->dw = must_alloc(N->nw * sizeof *G->dw);
    G->g = must_alloc(N->nw * sizeof *G->g);
    G->delta = must_alloc((size_t)(N->L + 1) * sizeof *G->delta);
    nn_net_zero_grad(N);
    G->loss = problem_backprop(P);
    memcpy(G->dw, N->dwflat, N->nw * sizeof *G->dw);
    for (int k = 2; k <= N->L; k++) {
        G->delta[k] = must_alloc((size_t)(N->n[k] + 1) * sizeof **G->delta);
        memcpy(G->delta[k], N->delta[k], (size_t)(N->n[k] + 1) * sizeof **G->delta);
    }
    numeric_gradient(P, G->g);
}

static void gradient_free(const nn_net *N, gradient *G)
{
    for (int k = 2; k <= N->L; k++)
        free(G->delta[k]);
    free(G->delta);
    free(G->dw);
    free(G->g);
}

/* δ^(k) against the central differences of the biases w^(k-1)_j0: one
   line; 1 if right. */
static int check_delta(const problem *P, const gradient *G, int k)
{
    const nn_net *N = P->N;
    int *bad = must_alloc((size_t)(N->n[k] + 1) * sizeof *bad), nbad = 0;
    double worst = 0.0;
    for (int j = 1; j <= N->n[k]; j++) {
        double d = disagreement(G->delta[k][j], G->g[flat(N, k - 1, j, 0)],
                                G->loss);
        if (!(d <= TOLERANCE)) {
            bad[j] = 1;
            nbad++;
        }
        if (!(d <= worst))
            worst = d;
    }
    char list[200];
    int ok = lab_check(nbad == 0, nbad == 0 ? "δ^(%d) right" :
                       "δ^(%d) wrong for %s (largest relative error %.1e)",
                       k, index_list("j", bad, 1, N->n[k], list, sizeof list),
                       worst);
    free(bad);
    return ok;
}

/* ∂L/∂w^(m): the bias column and the columns j ≥ 1, in one line. */
static int check_weights(const problem *P, const gradient *G, int m)
{
    const nn_net *N = P->N;
    double worst[2] = { 0.0, 0.0 };
    for (int i = 1; i <= N->n[m + 1]; i++)
        for (int j = 0; j <= N->n[m]; j++) {
            size_t p = flat(N, m, i, j);
            double d = disagreement(G->dw[p], G->g[p], G->loss);
            if (!(d <= worst[j > 0]))
                worst[j > 0] = d;
        }
    int ok0 = worst[0] <= TOLERANCE, ok1 = worst[1] <= TOLERANCE;
    char b[80], c[80];
    snprintf(b, sizeof b, ok0 ? "right" : "wrong (largest relative error %.1e)",
             worst[0]);
    snprintf(c, sizeof c, ok1 ? "right" : "wrong (largest relative error %.1e)",
             worst[1]);
    return lab_check(ok0 && ok1, "∂L/∂w^(%d): bias column (j = 0) %s, "
                     "columns j ≥ 1 %s", m, b, c);
}

/* The whole report of one problem: its name, then δ^(k) for k = L down
   to 2 and ∂L/∂w^(k) for k = L-1 down to 1.  1 if everything is right. */
static int check_gradient(problem *P)
{
    nn_net *N = P->N;
    gradient G;
    printf("%s\n", P->what);
    gradient_take(P, &G);
    int ok = 1;
    for (int k = N->L; k >= 2; k--)
        ok &= check_delta(P, &G, k);
    for (int m = N->L - 1; m >= 1; m--)
        ok &= check_weights(P, &G, m);
    gradient_free(N, &G);
    return ok;
}

/* A network and a random sample for loss k; the report of its gradient. */
static int check_net(const char *what, int L, const int n[],
                     const nn_activation A[], nn_loss_kind k,
                     unsigned long seed)
{
    nn_net *N = make_net(L, n, A, seed);
    nn_rng r;
    nn_rng_seed(&r, seed, 12);
    double x[8], y[8];
    for (int j = 0; j < n[1]; j++)
        x[j] = nn_rng_normal(&r);
    for (int i = 0; i < n[L]; i++)
        y[i] = k == NN_LOSS_SQUARED ? nn_rng_normal(&r) : i == 1;
    problem P = { what, BY_LOSS, N, x, y, k, 0, 0.0, 0.0 };
    int ok = check_gradient(&P);
    nn_net_free(N);
    return ok;
}

/* ------------------------------------------------------------------ */
/* Values of a function of z on the points 0, ±0.25, ±0.5, ... ±40,
   nearest 0 first, against a long-double reference. */
static int check_values(const char *name, double (*f)(double),
                        long double (*ref)(long double))
{
    int npoints = 0, nbad = 0;
    double first = 0.0, worst_z = 0.0, worst = 0.0, got = 0.0, want = 0.0;
    for (int q = 0; q <= 160; q++)
        for (int s = 1; s >= (q == 0 ? 1 : -1); s -= 2) {
            double z = s * 0.25 * q, v = f(z), r = (double)ref(z);
            double e = nn_rel_error(v, r);
            npoints++;
            if (e <= VALUE_TOLERANCE)
                continue;
            if (nbad++ == 0)
                first = z;
            if (!(e <= worst) || nbad == 1) {
                worst = e;
                worst_z = z;
                got = v;
                want = r;
            }
        }
    if (nbad == 0)
        return lab_check(1, "%s right at the %d points z = -40, -39.75, ..., 40",
                         name, npoints);
    return lab_check(0, "%s wrong at %d of %d points in [-40, 40], the nearest "
                     "to 0 at z = %g; at z = %g: %.2g where it should be %.2g "
                     "(relative error %.2g)", name, nbad, npoints, first,
                     worst_z, got, want, worst);
}

static double tanh_lib(double z) { return nn_act(NN_ACT_TANH, z); }
static double tanh_prime_lib(double z) { return nn_act_prime(NN_ACT_TANH, z); }
static double sigmoid_prime_lib(double z)
{
    return nn_act_prime(NN_ACT_SIGMOID, z);
}
static long double tanh_ref(long double z) { return tanhl(z); }
static long double tanh_prime_ref(long double z)
{
    long double e = expl(-2 * fabsl(z));
    return 4 * e / ((1 + e) * (1 + e));
}
static long double sigmoid_prime_ref(long double z)
{
    long double e = expl(-fabsl(z));
    return e / ((1 + e) * (1 + e));
}

int grade_tanh_derivative(void)
{
    int ok = 1;
    printf("the values, against long-double formulas (relative error at "
           "most %.0e)\n", VALUE_TOLERANCE);
    ok &= check_values("tanh(z)", tanh_lib, tanh_ref);
    ok &= check_values("tanh'(z)", tanh_prime_lib, tanh_prime_ref);
    ok &= check_values("σ'(z)", sigmoid_prime_lib, sigmoid_prime_ref);
    printf("the gradients, against central differences\n");
    {
        int n[] = { 0, 3, 4, 2 };
        nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID };
        ok &= check_net("network 3-4-2, tanh hidden, sigmoid output, least "
                        "squares", 3, n, A, NN_LOSS_SQUARED, 2026);
    }
    {
        int n[] = { 0, 2, 3, 3, 1 };
        nn_activation A[] = { 0, 0, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_SIGMOID };
        ok &= check_net("network 2-3-3-1, sigmoid and tanh hidden, binary "
                        "cross-entropy", 4, n, A, NN_LOSS_BCE, 2027);
    }
    return lab_verdict(ok, "tanh-derivative");
}

/* stub graders of the other labs come below */
int grade_stable_softmax(void) { return lab_verdict(0, "x"); }
int grade_output_error(void) { return lab_verdict(0, "x"); }
int grade_delta_recurrence(void) { return lab_verdict(0, "x"); }
int grade_gradient_bias(void) { return lab_verdict(0, "x"); }
int grade_actor_error(void) { return lab_verdict(0, "x"); }
