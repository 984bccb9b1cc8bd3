/* Tests of the backward pass and the update of chapter 7: zeroing and
   summing the gradient, the step of gradient descent, the bias gradient
   and the constant nodes, and learning XOR. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"
#include "check.h"
#include "nets.h"
#include "loss.h"
#include "net.h"
#include "rng.h"

/* Weights from nn_net_init, plus nonzero biases and a little noise, so
   that no weight is special. */
static void randomize(nn_net *N, nn_rng *r)
{
    nn_net_init(N, r);
    for (size_t p = 0; p < N->nw; p++)
        N->wflat[p] += 0.3 * nn_rng_normal(r);
}

static void fill_normal(double v[], int n, nn_rng *r)
{
    for (int i = 0; i < n; i++)
        v[i] = nn_rng_normal(r);
}

/* A copy of the gradient, or NULL after a failed check. */
static double *copy_of(const double *v, size_t n)
{
    double *c = malloc(n * sizeof *c);
    if (c == NULL)
        check_fail(__FILE__, __LINE__, "out of memory");
    else
        memcpy(c, v, n * sizeof *c);
    return c;
}

/* The 3-5-4-2 network used by most tests: every hidden activation with a
   derivative that is not constant, and an output for the loss. */
static nn_net *make_345(nn_activation out)
{
    const int n[] = { 0, 3, 5, 4, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_TANH,
                             NN_ACT_SIGMOID, out };
    return test_net(4, n, A);
}

/* The three losses with the output activation each goes with. */
static const struct { nn_loss_kind k; nn_activation out; } pairs[] = {
    { NN_LOSS_SQUARED, NN_ACT_TANH },
    { NN_LOSS_BCE, NN_ACT_SIGMOID },
    { NN_LOSS_SOFTMAX_CE, NN_ACT_IDENTITY },
};
enum { NPAIRS = sizeof pairs / sizeof pairs[0] };

/* A target for the loss: normal numbers, 0s and 1s, or a one-hot. */
static void draw_target(nn_loss_kind k, nn_rng *r, double y[2])
{
    if (k == NN_LOSS_SQUARED) {
        fill_normal(y, 2, r);
    } else if (k == NN_LOSS_BCE) {
        y[0] = (double)nn_rng_below(r, 2), y[1] = (double)nn_rng_below(r, 2);
    } else {
        y[0] = (double)nn_rng_below(r, 2), y[1] = 1.0 - y[0];
    }
}

void test_backprop_zero_grad(void)
{
    nn_net *N = make_345(NN_ACT_TANH);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 1, 7);
    randomize(N, &r);
    double *w = copy_of(N->wflat, N->nw);
    for (size_t p = 0; p < N->nw; p++)
        N->dwflat[p] = 1.5 + (double)p;
    N->nsum = 5;
    nn_net_zero_grad(N);
    for (size_t p = 0; p < N->nw; p++)
        CHECK(N->dwflat[p] == 0.0);
    for (int k = 1; k < N->L; k++)   /* the same numbers, as matrices */
        for (int i = 1; i <= N->n[k + 1]; i++)
            for (int j = 0; j <= N->n[k]; j++)
                CHECK(N->dw[k][i][j] == 0.0);
    CHECK(N->nsum == 0);
    if (w != NULL)   /* the weights are not touched */
        CHECK(memcmp(w, N->wflat, N->nw * sizeof *w) == 0);

    /* And after a real backward pass. */
    double x[3], y[2];
    fill_normal(x, 3, &r);
    fill_normal(y, 2, &r);
    nn_net_backprop(N, x, y, NN_LOSS_SQUARED);
    nn_net_backprop(N, x, y, NN_LOSS_SQUARED);
    CHECK(N->nsum == 2);
    nn_net_zero_grad(N);
    for (size_t p = 0; p < N->nw; p++)
        CHECK(N->dwflat[p] == 0.0);
    CHECK(N->nsum == 0);
    free(w);
    nn_net_free(N);
}

/* Two samples without zeroing in between sum their gradients: dw is
   ga + gb, nsum 2.  For every loss. */
void test_backprop_accumulates(void)
{
    nn_rng r;
    nn_rng_seed(&r, 2, 7);
    for (int q = 0; q < NPAIRS; q++) {
        nn_loss_kind k = pairs[q].k;
        nn_net *N = make_345(pairs[q].out);
        if (N == NULL)
            return;
        randomize(N, &r);
        double xa[3], xb[3], ya[2], yb[2];
        fill_normal(xa, 3, &r);
        fill_normal(xb, 3, &r);
        draw_target(k, &r, ya);
        draw_target(k, &r, yb);

        nn_net_zero_grad(N);
        double la = nn_net_backprop(N, xa, ya, k);
        CHECK(la == nn_loss_value(k, N, ya));   /* it returns the loss */
        CHECK(N->nsum == 1);
        double *ga = copy_of(N->dwflat, N->nw);
        nn_net_zero_grad(N);
        double lb = nn_net_backprop(N, xb, yb, k);
        CHECK(lb == nn_loss_value(k, N, yb));
        double *gb = copy_of(N->dwflat, N->nw);

        nn_net_zero_grad(N);
        CHECK(nn_net_backprop(N, xa, ya, k) == la);
        CHECK(nn_net_backprop(N, xb, yb, k) == lb);
        CHECK(N->nsum == 2);
        if (ga != NULL && gb != NULL) {
            size_t nonzero = 0;
            for (size_t p = 0; p < N->nw; p++) {
                /* The library adds gb to ga: one rounding, or none if it
                   fuses the multiply-add; ours is one rounding. */
                CHECK_NEAR(N->dwflat[p], ga[p] + gb[p],
                           DBL_EPSILON * (fabs(ga[p]) + fabs(gb[p])));
                nonzero += ga[p] != 0.0 && gb[p] != 0.0;
            }
            CHECK(nonzero == N->nw);   /* no weight escapes the test */
        }
        /* A new sum starts from nothing: a alone again gives ga. */
        nn_net_zero_grad(N);
        nn_net_backprop(N, xa, ya, k);
        if (ga != NULL)
            CHECK(memcmp(ga, N->dwflat, N->nw * sizeof *ga) == 0);
        free(ga);
        free(gb);
        nn_net_free(N);
    }
}

/* w changes by -eta dw / nsum, and not at all when nsum is 0. */
void test_backprop_descend(void)
{
    nn_net *N = make_345(NN_ACT_SIGMOID);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 3, 7);
    randomize(N, &r);
    for (size_t p = 0; p < N->nw; p++)
        N->dwflat[p] = nn_rng_normal(&r);
    double *w0 = copy_of(N->wflat, N->nw);
    double *g = copy_of(N->dwflat, N->nw);
    if (w0 == NULL || g == NULL) {
        free(w0), free(g), nn_net_free(N);
        return;
    }

    /* nsum = 0: nothing happens, not a division by zero. */
    N->nsum = 0;
    nn_net_descend(N, 0.3);
    CHECK(memcmp(w0, N->wflat, N->nw * sizeof *w0) == 0);
    CHECK(memcmp(g, N->dwflat, N->nw * sizeof *g) == 0);
    CHECK(N->nsum == 0);

    const long nsums[] = { 1, 4 };
    const double etas[] = { 0.1, 0.3 };
    for (int t = 0; t < 2; t++) {
        memcpy(N->wflat, w0, N->nw * sizeof *w0);
        memcpy(N->dwflat, g, N->nw * sizeof *g);
        N->nsum = nsums[t];
        nn_net_descend(N, etas[t]);
        for (size_t p = 0; p < N->nw; p++) {
            double change = -etas[t] * g[p] / (double)nsums[t];
            /* The new weight is rounded once (twice with the step's own
               rounding), and so is our difference of it from w0. */
            CHECK_NEAR(N->wflat[p] - w0[p], change,
                       2 * DBL_EPSILON * (fabs(w0[p]) + fabs(change)));
        }
    }
    free(w0);
    free(g);
    nn_net_free(N);
}

/* After one sample: dw[k][i][j] = delta[k+1][i] l[k][j] for every weight
   matrix, and the bias gradient dw[k][i][0] is delta[k+1][i] itself.
   Exact: each is one product (by l = 1 for the bias) added to 0. */
void test_backprop_bias_gradient(void)
{
    nn_rng r;
    nn_rng_seed(&r, 4, 7);
    for (int q = 0; q < NPAIRS; q++) {
        nn_loss_kind k = pairs[q].k;
        nn_net *N = make_345(pairs[q].out);
        if (N == NULL)
            return;
        randomize(N, &r);
        double x[3], y[2], d[3];
        fill_normal(x, 3, &r);
        draw_target(k, &r, y);
        nn_net_zero_grad(N);
        nn_net_backprop(N, x, y, k);
        for (int m = 1; m < N->L; m++)
            for (int i = 1; i <= N->n[m + 1]; i++) {
                CHECK(N->delta[m + 1][i] != 0.0);   /* a real test */
                CHECK(N->dw[m][i][0] == N->delta[m + 1][i]);
                for (int j = 1; j <= N->n[m]; j++)
                    CHECK(N->dw[m][i][j] == N->delta[m + 1][i] * N->l[m][j]);
            }
        /* delta[L] is the loss's output error. */
        nn_loss_error(k, N, y, d);
        for (int i = 1; i <= 2; i++)
            CHECK(N->delta[N->L][i] == d[i]);
        nn_net_free(N);
    }
}

/* The constant node has no error signal and keeps its value: delta[k][0]
   is NaN (as nn_net_create leaves it) and l[k][0] is 1, in every layer,
   after backward passes.  Hidden ReLU and LeakyReLU layers too: their
   A'(NaN) is a number, so a recurrence that ran over j = 0 would write
   one there (with tanh or sigmoid it would write NaN again). */
void test_backprop_constant_nodes(void)
{
    const int n[] = { 0, 3, 5, 4, 2 };
    nn_rng r;
    nn_rng_seed(&r, 5, 7);
    for (int q = 0; q < 2 * NPAIRS; q++) {
        nn_loss_kind k = pairs[q % NPAIRS].k;
        const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY,
                                 q < NPAIRS ? NN_ACT_TANH : NN_ACT_RELU,
                                 q < NPAIRS ? NN_ACT_SIGMOID : NN_ACT_LEAKY_RELU,
                                 pairs[q % NPAIRS].out };
        nn_net *N = test_net(4, n, A);
        if (N == NULL)
            return;
        randomize(N, &r);
        nn_net_zero_grad(N);
        for (int s = 0; s < 3; s++) {
            double x[3], y[2];
            fill_normal(x, 3, &r);
            draw_target(k, &r, y);
            nn_net_backprop(N, x, y, k);
        }
        nn_net_descend(N, 0.1);
        for (int m = 1; m <= N->L; m++)
            CHECK(N->l[m][0] == 1.0);
        for (int m = 2; m <= N->L; m++)
            CHECK(isnan(N->delta[m][0]));
        nn_net_free(N);
    }
}

static const double xor_x[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
static const double xor_y[4][1] = { { 0 }, { 1 }, { 1 }, { 0 } };

/* Train the XOR network of chapter 7 (2-3-1, tanh and sigmoid, BCE, the
   four samples as one batch, rate 0.5) from the seed of its program.
   Returns the first step after which the average loss is below 0.05, or
   -1; leaves the trained network in *out. */
static long train_xor(nn_net **out, long steps)
{
    const int n[] = { 0, 2, 3, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID };
    nn_net *N = test_net(3, n, A);
    *out = N;
    if (N == NULL)
        return -1;
    CHECK(nn_loss_check(NN_LOSS_BCE, N, NULL) == 0);
    nn_rng r;
    nn_rng_seed(&r, 2026, 5);
    nn_net_init(N, &r);
    long reached = -1;
    double first = 0.0, last = 0.0;
    for (long t = 0; t < steps; t++) {
        nn_net_zero_grad(N);
        double loss = 0.0;
        for (int s = 0; s < 4; s++)
            loss += nn_net_backprop(N, xor_x[s], xor_y[s], NN_LOSS_BCE);
        nn_net_descend(N, 0.5);
        last = loss / 4;
        if (t == 0)
            first = last;
        if (reached < 0 && last < 0.05)
            reached = t;
    }
    CHECK(first > 0.5);   /* it starts near log 2, knowing nothing */
    CHECK(last < first);
    return reached;
}

void test_backprop_learns_xor(void)
{
    nn_net *a, *b;
    long ra = train_xor(&a, 3000), rb = train_xor(&b, 3000);
    CHECK(ra >= 0 && ra < 3000);
    CHECK(rb == ra);
    if (a != NULL && b != NULL) {
        /* The same seed, the same operations: the same bits. */
        CHECK(memcmp(a->wflat, b->wflat, a->nw * sizeof *a->wflat) == 0);
        /* Average BCE < 0.05 means each sample's p is within
           1 - e^-0.2 = 0.18 of its target, on the right side of 1/2. */
        for (int s = 0; s < 4; s++) {
            double p = nn_net_forward(a, xor_x[s])[1];
            CHECK(xor_y[s][0] == 1.0 ? p > 0.5 : p < 0.5);
        }
    }
    nn_net_free(a);
    nn_net_free(b);
}

/* One small step on one sample lowers its loss, by about eta |g|^2 (the
   first-order term of the loss along -eta g): for every loss. */
void test_backprop_step_lowers_loss(void)
{
    nn_rng r;
    nn_rng_seed(&r, 6, 7);
    const double eta = 1e-3;
    for (int q = 0; q < NPAIRS; q++) {
        nn_loss_kind k = pairs[q].k;
        nn_net *N = make_345(pairs[q].out);
        if (N == NULL)
            return;
        for (int t = 0; t < 5; t++) {
            randomize(N, &r);
            double x[3], y[2];
            fill_normal(x, 3, &r);
            draw_target(k, &r, y);
            nn_net_zero_grad(N);
            double before = nn_net_backprop(N, x, y, k), g2 = 0.0;
            for (size_t p = 0; p < N->nw; p++)
                g2 += N->dwflat[p] * N->dwflat[p];
            nn_net_descend(N, eta);
            nn_net_forward(N, x);
            double after = nn_loss_value(k, N, y);
            CHECK(after < before);
            /* The second-order term is eta^2/2 g'Hg, at most eta |H| / 2
               of the first; |H| is a few units for this small network
               with weights of order 1, so 1e-3 * |H| is well below the
               20% allowed. */
            CHECK_NEAR(before - after, eta * g2, 0.2 * eta * g2);
        }
        nn_net_free(N);
    }
}

/* The gradient is the gradient: every dw[k][i][j] against a central
   difference of the loss in w[k][i][j], for every loss, on networks with
   smooth activations (no kink for the difference to straddle). */
void test_backprop_matches_finite_differences(void)
{
    const int n[] = { 0, 3, 5, 4, 2 };
    const double h = 1e-5;
    nn_rng r;
    nn_rng_seed(&r, 9, 7);
    for (int q = 0; q < 2 * NPAIRS; q++) {
        nn_loss_kind k = pairs[q % NPAIRS].k;
        const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY,
                                 q < NPAIRS ? NN_ACT_TANH : NN_ACT_SIGMOID,
                                 q < NPAIRS ? NN_ACT_SIGMOID : NN_ACT_TANH,
                                 pairs[q % NPAIRS].out };
        nn_net *N = test_net(4, n, A);
        if (N == NULL)
            return;
        randomize(N, &r);
        double x[3], y[2];
        fill_normal(x, 3, &r);
        draw_target(k, &r, y);
        nn_net_zero_grad(N);
        double loss = nn_net_backprop(N, x, y, k);
        for (size_t p = 0; p < N->nw; p++) {
            double wp = N->wflat[p], up_w = wp + h, down_w = wp - h;
            N->wflat[p] = up_w;
            nn_net_forward(N, x);
            double up = nn_loss_value(k, N, y);
            N->wflat[p] = down_w;
            nn_net_forward(N, x);
            double down = nn_loss_value(k, N, y);
            N->wflat[p] = wp;
            double numeric = (up - down) / (up_w - down_w);
            /* Round-off: the loss, after three layers of sums of order-1
               terms, is good to about 64 eps (1 + |loss|), divided by
               2h: 7e-10 (1 + |loss|).  Truncation: h^2/6 times a third
               derivative that is of order 1 here: 2e-11.  Tolerance ten
               times their sum; a wrong delta is off by 1e-3 or more. */
            CHECK_NEAR(N->dwflat[p], numeric,
                       10 * (64 * DBL_EPSILON * (1 + fabs(loss)) / (2 * h)
                             + h * h / 6));
        }
        nn_net_free(N);
    }
}
