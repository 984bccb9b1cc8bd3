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
   the critic's own functions of chapter 21. */
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

/* ------------------------------------------------------------------ */
/* The softmax and its cross-entropy on logits that overflow exp. */

enum { NCLASS = 3 };
static const double logit_cases[][NCLASS] = {
    { 0.5, -1.0, 2.0 }, { 1000.0, 999.0, -1000.0 },
    { -1000.0, -1001.0, -1003.0 }, { 800.0, -800.0, 0.0 },
};
enum { NCASES = sizeof logit_cases / sizeof logit_cases[0] };

/* A number as %.*g, a NaN as "NaN" whatever its sign bit. */
static const char *num(double v, int digits, char *buf, size_t size)
{
    if (isnan(v))
        snprintf(buf, size, "NaN");
    else
        snprintf(buf, size, "%.*g", digits, v);
    return buf;
}

static const char *logits_text(const double z[], char *buf, size_t size)
{
    snprintf(buf, size, "(%g, %g, %g)", z[1], z[2], z[3]);
    return buf;
}

/* log sum_m exp z[m] in long double, from the largest logit. */
static long double lse_ref(const double z[], int n)
{
    long double c = z[1], sum = 0;
    for (int m = 2; m <= n; m++)
        if (z[m] > c)
            c = z[m];
    for (int m = 1; m <= n; m++)
        sum += expl((long double)z[m] - c);
    return c + logl(sum);
}

int grade_stable_softmax(void)
{
    int ok = 1, n[] = { 0, 2, NCLASS };
    nn_activation A[] = { 0, 0, NN_ACT_IDENTITY };
    nn_net *N = make_net(2, n, A, 2030);
    const double targets[][NCLASS] = { { 0, 1, 0 }, { 0, 0, 1 },
                                       { 0.2, 0.3, 0.5 } };
    char zt[80], nb[40];
    printf("log-sum-exp, loss and output error on logits up to ±1000, "
           "against long-double formulas\n");
    for (int c = 0; c < NCASES; c++) {
        double z[NCLASS + 1];
        memcpy(z + 1, logit_cases[c], sizeof logit_cases[c]);
        logits_text(z, zt, sizeof zt);
        double lse = nn_log_sum_exp(z, NCLASS), want = (double)lse_ref(z, NCLASS);
        if (nn_rel_error(lse, want) <= VALUE_TOLERANCE)
            ok &= lab_check(1, "log-sum-exp of the logits %s right: %.10g", zt,
                            lse);
        else
            ok &= lab_check(0, "log-sum-exp of the logits %s wrong: %s "
                            "where it should be %.10g", zt,
                            num(lse, 10, nb, sizeof nb), want);
        /* the loss and the output error, with the logits in z^(L) */
        int bad_loss = 0, bad_delta = 0;
        double got_loss = 0.0, want_loss = 0.0, got_d = 0.0, want_d = 0.0;
        int bad_i = 0, bad_t = 0;
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            for (int i = 1; i <= NCLASS; i++)
                N->z[2][i] = N->l[2][i] = z[i];
            double loss = nn_loss_value(NN_LOSS_SOFTMAX_CE, N, targets[t]);
            long double lref = lse_ref(z, NCLASS);
            for (int i = 1; i <= NCLASS; i++)
                lref -= targets[t][i - 1] * (long double)z[i];
            if (!bad_loss && !(nn_rel_error(loss, (double)lref) <= VALUE_TOLERANCE
                               || fabs(loss - (double)lref) <= 1e-12)) {
                bad_loss = 1;
                bad_t = (int)t;
                got_loss = loss;
                want_loss = (double)lref;
            }
            double delta[NCLASS + 1];
            nn_loss_error(NN_LOSS_SOFTMAX_CE, N, targets[t], delta);
            for (int i = 1; i <= NCLASS; i++) {
                double p = (double)expl((long double)z[i] - lse_ref(z, NCLASS));
                double d = p - targets[t][i - 1];
                if (!bad_delta && !(fabs(delta[i] - d) <= 1e-12)) {
                    bad_delta = 1;
                    bad_i = i;
                    got_d = delta[i];
                    want_d = d;
                }
            }
        }
        const double *y = targets[bad_t];
        if (bad_loss)
            ok &= lab_check(0, "softmax cross-entropy of the logits %s, target "
                            "(%g, %g, %g): %s where it should be %.10g", zt,
                            y[0], y[1], y[2], num(got_loss, 10, nb, sizeof nb),
                            want_loss);
        else
            ok &= lab_check(1, "softmax cross-entropy of the logits %s, three "
                            "targets: right", zt);
        if (bad_delta)
            ok &= lab_check(0, "δ^(L) = p - Y of the logits %s: δ_%d = %s "
                            "where it should be %.10g", zt, bad_i,
                            num(got_d, 10, nb, sizeof nb), want_d);
        else
            ok &= lab_check(1, "δ^(L) = p - Y of the logits %s, three targets: "
                            "right", zt);
    }
    nn_net_free(N);
    printf("the gradients, against central differences\n");
    {
        int n2[] = { 0, 3, 4, 3 };
        nn_activation A2[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
        ok &= check_net("network 3-4-3, tanh hidden, softmax cross-entropy",
                        3, n2, A2, NN_LOSS_SOFTMAX_CE, 2031);
    }
    return lab_verdict(ok, "stable-softmax");
}

/* ------------------------------------------------------------------ */
/* The output error of each loss and output activation. */

static const struct {
    const char *what;
    nn_activation out;
    nn_loss_kind k;
} pairs[] = {
    { "least squares, identity output", NN_ACT_IDENTITY, NN_LOSS_SQUARED },
    { "least squares, sigmoid output", NN_ACT_SIGMOID, NN_LOSS_SQUARED },
    { "least squares, tanh output", NN_ACT_TANH, NN_LOSS_SQUARED },
    { "binary cross-entropy, sigmoid output", NN_ACT_SIGMOID, NN_LOSS_BCE },
    { "softmax cross-entropy, identity output", NN_ACT_IDENTITY,
      NN_LOSS_SOFTMAX_CE },
};

int grade_output_error(void)
{
    int ok = 1;
    printf("δ^(L)_i = ∂L/∂z^(L)_i against central differences in z^(L)_i\n");
    for (size_t t = 0; t < sizeof pairs / sizeof pairs[0]; t++) {
        int n[] = { 0, 2, 3 };
        nn_activation A[] = { 0, 0, pairs[t].out };
        nn_net *N = make_net(2, n, A, 2040 + t);
        nn_rng r;
        nn_rng_seed(&r, 2040 + t, 13);
        double y[3], delta[4], x[2] = { 0.3, -0.8 };
        for (int i = 0; i < 3; i++)
            y[i] = pairs[t].k == NN_LOSS_SQUARED ? nn_rng_normal(&r)
                 : pairs[t].k == NN_LOSS_BCE ? (i != 1) : (i == 1);
        nn_net_forward(N, x);
        for (int i = 1; i <= 3; i++)     /* outputs away from 0 */
            N->z[2][i] = 1.5 * nn_rng_normal(&r);
        for (int i = 1; i <= 3; i++)
            N->l[2][i] = nn_act(pairs[t].out, N->z[2][i]);
        double loss = nn_loss_value(pairs[t].k, N, y);
        nn_loss_error(pairs[t].k, N, y, delta);
        int bad[4] = { 0 }, nbad = 0;
        double worst = 0.0;
        for (int i = 1; i <= 3; i++) {
            double z = N->z[2][i], v[2];
            for (int s = 0; s < 2; s++) {
                N->z[2][i] = z + (s ? -NN_FD_STEP : NN_FD_STEP);
                N->l[2][i] = nn_act(pairs[t].out, N->z[2][i]);
                v[s] = nn_loss_value(pairs[t].k, N, y);
            }
            N->z[2][i] = z;
            N->l[2][i] = nn_act(pairs[t].out, z);
            double e = disagreement(delta[i], (v[0] - v[1]) / (2 * NN_FD_STEP),
                                    loss);
            if (!(e <= TOLERANCE)) {
                bad[i] = 1;
                nbad++;
            }
            if (!(e <= worst))
                worst = e;
        }
        char list[80];
        ok &= lab_check(nbad == 0, nbad == 0 ? "δ^(L) of %s right" :
                        "δ^(L) of %s wrong for %s (largest relative error "
                        "%.1e)", pairs[t].what,
                        index_list("i", bad, 1, 3, list, sizeof list), worst);
        nn_net_free(N);
    }
    printf("the gradients of whole networks, against central differences\n");
    for (size_t t = 0; t < sizeof pairs / sizeof pairs[0]; t++) {
        int n[] = { 0, 3, 4, 3 };
        nn_activation A[] = { 0, 0, NN_ACT_TANH, pairs[t].out };
        char what[120];
        snprintf(what, sizeof what, "network 3-4-3, tanh hidden, %s",
                 pairs[t].what);
        ok &= check_net(what, 3, n, A, pairs[t].k, 2050 + t);
    }
    return lab_verdict(ok, "output-error");
}

/* ------------------------------------------------------------------ */
/* The δ recurrence, on networks with two and three hidden layers. */

int grade_delta_recurrence(void)
{
    int ok = 1;
    printf("the gradients, against central differences\n");
    {
        int n[] = { 0, 3, 4, 5, 2 };
        nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID, NN_ACT_IDENTITY };
        ok &= check_net("network 3-4-5-2, tanh and sigmoid hidden, least "
                        "squares", 4, n, A, NN_LOSS_SQUARED, 2060);
    }
    {
        int n[] = { 0, 2, 5, 3, 4, 3 };
        nn_activation A[] = { 0, 0, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_TANH,
                              NN_ACT_IDENTITY };
        ok &= check_net("network 2-5-3-4-3, sigmoid and tanh hidden, softmax "
                        "cross-entropy", 5, n, A, NN_LOSS_SOFTMAX_CE, 2061);
    }
    return lab_verdict(ok, "delta-recurrence");
}

/* ------------------------------------------------------------------ */
/* The gradient with its bias column: one sample, a batch, and XOR. */

static const double xor_x[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
static const double xor_y[4][1] = { { 0 }, { 1 }, { 1 }, { 0 } };

/* Full-batch gradient descent on XOR; the average loss at the end. */
static double train_xor(int epochs, double eta)
{
    int n[] = { 0, 2, 4, 1 };
    nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID };
    nn_net *N = make_net(3, n, A, 2070);
    for (int m = 1; m < N->L; m++)       /* biases start at 0, as in the book */
        for (int i = 1; i <= n[m + 1]; i++)
            N->w[m][i][0] = 0.0;
    double loss = 0.0;
    for (int e = 0; e < epochs; e++) {
        nn_net_zero_grad(N);
        loss = 0.0;
        for (int s = 0; s < 4; s++)
            loss += nn_net_backprop(N, xor_x[s], xor_y[s], NN_LOSS_BCE) / 4;
        nn_net_descend(N, eta);
    }
    nn_net_free(N);
    return loss;
}

int grade_gradient_bias(void)
{
    int ok = 1;
    printf("the gradient of one sample, against central differences\n");
    {
        int n[] = { 0, 3, 4, 2 };
        nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
        ok &= check_net("network 3-4-2, tanh hidden, least squares", 3, n, A,
                        NN_LOSS_SQUARED, 2071);
    }
    {
        int n[] = { 0, 2, 3, 3, 1 };
        nn_activation A[] = { 0, 0, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_SIGMOID };
        ok &= check_net("network 2-3-3-1, sigmoid and tanh hidden, binary "
                        "cross-entropy", 4, n, A, NN_LOSS_BCE, 2072);
    }
    printf("a batch: dw after two samples is the sum of their gradients\n");
    {
        int n[] = { 0, 2, 3, 1 };
        nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
        nn_net *N = make_net(3, n, A, 2073);
        double x[2][2] = { { 0.4, -1.1 }, { -0.7, 0.9 } }, y[2][1] = { { 1.5 }, { -0.5 } };
        double *g[2];
        for (int s = 0; s < 2; s++) {
            g[s] = must_alloc(N->nw * sizeof *g[s]);
            nn_numeric_gradient(N, x[s], y[s], NN_LOSS_SQUARED, NN_FD_STEP, g[s]);
        }
        nn_net_zero_grad(N);
        for (int s = 0; s < 2; s++)
            nn_net_backprop(N, x[s], y[s], NN_LOSS_SQUARED);
        double worst = 0.0, worst_last = 0.0;
        for (size_t p = 0; p < N->nw; p++) {
            double e = disagreement(N->dwflat[p], g[0][p] + g[1][p], 1.0);
            if (!(e <= worst))
                worst = e;
            e = disagreement(N->dwflat[p], g[1][p], 1.0);
            if (!(e <= worst_last))
                worst_last = e;
        }
        if (worst <= TOLERANCE)
            ok &= lab_check(1, "dw after two samples is the sum of their "
                            "gradients");
        else if (worst_last <= TOLERANCE)
            ok &= lab_check(0, "dw after two samples is the second sample's "
                            "gradient alone: the gradient overwrites dw "
                            "(=) where it should add to it (+=)");
        else
            ok &= lab_check(0, "dw after two samples is not the sum of their "
                            "gradients (largest relative error %.1e)", worst);
        free(g[0]);
        free(g[1]);
        nn_net_free(N);
    }
    printf("learning: XOR, network 2-4-1, full-batch descent\n");
    {
        int epochs = 2000;
        double loss = train_xor(epochs, 2.0), limit = 0.05;
        ok &= lab_check(loss < limit, "the loss after %d steps is %.3g, %s %g",
                        epochs, loss, loss < limit ? "below" :
                        "where it should be below", limit);
    }
    return lab_verdict(ok, "gradient-bias");
}

/* ------------------------------------------------------------------ */
/* The actor's and the critic's output errors (chapter 21). */

int grade_actor_error(void)
{
    int ok = 1;
    double s[4] = { 0.3, -1.2, 0.8, 0.1 };
    printf("the actor, L = -Â log π_(a+1), against central differences\n");
    {
        const struct { int a; double adv; } cases[] = { { 1, 1.3 }, { 0, -0.7 },
                                                        { 2, 2.5 } };
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            int n[] = { 0, 4, 5, 3 };
            nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
            nn_net *N = make_net(3, n, A, 2080 + c);
            char what[120];
            snprintf(what, sizeof what, "actor 4-5-3, action a = %d, "
                     "advantage Â = %g", cases[c].a, cases[c].adv);
            problem P = { what, BY_ACTOR, N, s, NULL, 0, cases[c].a,
                          cases[c].adv, 0.0 };
            ok &= check_gradient(&P);
            /* the loss it returns, and the sum of the output error */
            double loss, want, sum = 0.0;
            nn_err err;
            nn_net_zero_grad(N);
            if (actor_backprop(N, s, cases[c].a, cases[c].adv, &loss, &err) != 0
                || actor_loss(N, s, cases[c].a, cases[c].adv, &want, &err) != 0)
                problem_fail(&err);
            ok &= lab_check(nn_rel_error(loss, want) <= 1e-12,
                            "the loss of actor_backprop, -Â log π_(a+1) = %.6g%s",
                            loss, nn_rel_error(loss, want) <= 1e-12 ? "" :
                            " where it should be that of actor_loss (log_pi "
                            "wrong)");
            actor_backprop(N, s, cases[c].a, cases[c].adv, NULL, &err);
            for (int i = 1; i <= 3; i++)
                sum += N->delta[3][i];
            ok &= lab_check(fabs(sum) <= 1e-12 * fabs(cases[c].adv) + 1e-15,
                            "the components of δ^(L) sum to %.3g%s", sum,
                            fabs(sum) <= 1e-12 * fabs(cases[c].adv) + 1e-15 ? ""
                            : " where they should sum to 0");
            nn_net_free(N);
        }
    }
    printf("the critic, L = (V(s) - y)^2 / 2, against central differences\n");
    {
        const double shift[] = { 0.7, -1.1 };
        for (int c = 0; c < 2; c++) {
            int n[] = { 0, 4, 5, 1 };
            nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
            nn_net *N = make_net(3, n, A, 2090 + c);
            double target = critic_value(N, s) + shift[c];
            char what[120];
            snprintf(what, sizeof what, "critic 4-5-1, target y = V(s) %+g",
                     shift[c]);
            problem P = { what, BY_CRITIC, N, s, NULL, 0, 0, 0.0, target };
            ok &= check_gradient(&P);
            double loss, want;
            nn_err err;
            nn_net_zero_grad(N);
            if (critic_backprop(N, s, target, &loss, &err) != 0
                || critic_loss(N, s, target, &want, &err) != 0)
                problem_fail(&err);
            double d = N->delta[3][1];
            if (fabs(d + shift[c]) <= 1e-12)
                ok &= lab_check(1, "δ^(L)_1 = V(s) - y = %g", d);
            else
                ok &= lab_check(0, "δ^(L)_1 = %g where it should be V(s) - y "
                                "= %g%s", d, -shift[c], fabs(d - shift[c]) <= 1e-12 ?
                                ": the sign is reversed" : "");
            ok &= lab_check(nn_rel_error(loss, want) <= 1e-12,
                            "the loss of critic_backprop, (V(s) - y)^2 / 2 = "
                            "%.6g%s", loss, nn_rel_error(loss, want) <= 1e-12 ?
                            "" : " where it should be that of critic_loss (v "
                            "wrong)");
            nn_net_free(N);
        }
    }
    printf("learning: one state, three actions, the third paying 1\n");
    {
        int n[] = { 0, 2, 4, 3 };
        nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
        nn_net *actor = make_net(3, n, A, 2095);
        nn_rng r;
        nn_rng_seed(&r, 2095, 14);
        double pi[4], state[2] = { 0.5, -0.3 };
        int steps = 300;
        nn_err err;
        for (int t = 0; t < steps; t++) {
            actor_policy(actor, state, pi);
            int a = sample_action(pi, 3, &r);
            /* the advantage against the expected reward, pi_3 */
            double adv = (a == 2) - pi[3];
            nn_net_zero_grad(actor);
            if (actor_backprop(actor, state, a, adv, NULL, &err) != 0)
                problem_fail(&err);
            nn_net_descend(actor, 0.5);
        }
        actor_policy(actor, state, pi);
        ok &= lab_check(pi[3] > 0.9, "the actor: after %d steps the paying "
                        "action has probability %.3f, %s 0.9", steps, pi[3],
                        pi[3] > 0.9 ? "above" : "where it should be above");
        nn_net_free(actor);
        int nc[] = { 0, 2, 4, 1 };
        nn_net *critic = make_net(3, nc, A, 2096);
        double target = 1.0;
        for (int t = 0; t < 200; t++) {
            nn_net_zero_grad(critic);
            if (critic_backprop(critic, state, target, NULL, &err) != 0)
                problem_fail(&err);
            nn_net_descend(critic, 0.1);
        }
        double v = critic_value(critic, state);
        char vb[40];
        ok &= lab_check(fabs(v - target) < 0.01, "the critic: after 200 steps "
                        "towards the target y = 1, V(s) = %s, %s",
                        num(v, 3, vb, sizeof vb),
                        fabs(v - target) < 0.01 ? "within 0.01 of it" :
                        "where it should be within 0.01 of it");
        nn_net_free(critic);
    }
    return lab_verdict(ok, "actor-error");
}
