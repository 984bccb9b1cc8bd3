/* Tests of the matrix form of the backward pass (chapter 6): the helpers
   by hand, and mf_gradient against the index loops of nn_net_backprop. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"
#include "check.h"
#include "nets.h"
#include "loss.h"
#include "matrix-form.h"
#include "net.h"
#include "rng.h"

/* The helpers on a 2 x (2+1) matrix of small integers, where every
   product and sum is exact, so the results are compared with ==.
   Rows 1..2, columns 0..2:  [ 1 | 2 3 ]
                             [ 4 | 5 6 ]                              */
void test_views_helpers_by_hand(void)
{
    double a[6] = { 1, 2, 3, 4, 5, 6 };
    mf_matrix M = { 2, 2, a };
    CHECK(*mf_entry(&M, 1, 0) == 1 && *mf_entry(&M, 1, 2) == 3);
    CHECK(*mf_entry(&M, 2, 0) == 4 && *mf_entry(&M, 2, 2) == 6);

    /* W^T v without column 0: (2*7 + 5*(-1), 3*7 + 6*(-1)) = (9, 15) */
    double v[3] = { NAN, 7, -1 }, out[3] = { 42, 0, 0 };
    mf_tmatvec(&M, v, out);
    CHECK(out[1] == 9 && out[2] == 15);
    CHECK(out[0] == 42);            /* element 0 is not touched */

    double h[3] = { 42, 0, 0 };
    mf_hadamard(2, out, v, h);
    CHECK(h[1] == 63 && h[2] == -15 && h[0] == 42);

    /* u l~^T with l~_0 = 1: column 0 is u itself */
    double u[3] = { NAN, 2, -3 }, lt[3] = { 1, 0.5, 4 }, gbuf[6];
    mf_matrix G = { 2, 2, gbuf };
    mf_outer(u, lt, &G);
    const double want[6] = { 2, 1, 8, -3, -1.5, -12 };
    for (int q = 0; q < 6; q++)
        CHECK(gbuf[q] == want[q]);

    /* diag(A'(z)) of a ReLU layer whose pre-activations are -1 and 2 */
    const int n[] = { 0, 1, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_RELU };
    nn_net *N = nn_net_create(2, n, A, NULL);
    if (N == NULL) {
        check_fail(__FILE__, __LINE__, "net_create failed");
        return;
    }
    N->z[2][1] = -1, N->z[2][2] = 2;
    double d[3] = { 42, NAN, NAN };
    mf_jacobian_diagonal(N, 2, d);
    CHECK(d[1] == 0 && d[2] == 1 && d[0] == 42);
    nn_net_free(N);
}

/* ------------------------------------------------------------------ */

/* A random network of L layers, widths 1 .. 7, hidden activation a,
   output activation out; every weight, biases included, is drawn, so
   that no column is zero by construction. */
static nn_net *random_net(nn_rng *r, int L, nn_activation a, nn_activation out)
{
    int n[6];
    nn_activation A[6];
    for (int k = 1; k <= L; k++) {
        n[k] = 1 + (int)nn_rng_below(r, 7);
        A[k] = a;
    }
    A[L] = out;
    nn_net *N = test_net(L, n, A);
    if (N == NULL)
        return NULL;
    for (size_t p = 0; p < N->nw; p++)
        N->wflat[p] = nn_rng_normal(r);
    return N;
}

/* Input normal; target as the loss expects it (as chapter 4 draws). */
static void draw_sample(nn_rng *r, const nn_net *N, nn_loss_kind k, double x[],
                        double y[])
{
    for (int j = 0; j < N->n[1]; j++)
        x[j] = 2.0 * nn_rng_normal(r);
    test_draw_targets(r, k, N->n[N->L], y);
}

/* The size of each gradient component as a sum of absolute values: the
   recurrence and the outer product with |w|, |A'| and |delta^(L)|.  For
   any order in which the sums are added, floating-point theory bounds
   the error of a computed component by (number of roundings) * u times
   this size, u = 2^-53; it is the scale for components that cancel to
   (nearly) zero, where a relative error means nothing. */
static void gradient_size(const nn_net *N, const double deltaL[], double s[])
{
    double up[8], down[8];
    for (int i = 1; i <= N->n[N->L]; i++)
        up[i] = fabs(deltaL[i]);
    for (int k = N->L - 1; k >= 1; k--) {
        for (int i = 1; i <= N->n[k + 1]; i++)
            for (int j = 0; j <= N->n[k]; j++)
                s[&N->dw[k][i][j] - N->dwflat] = up[i] * fabs(N->l[k][j]);
        if (k == 1)
            break;          /* the input layer has no error signal */
        for (int j = 1; j <= N->n[k]; j++) {
            double t = 0.0;
            for (int i = 1; i <= N->n[k + 1]; i++)
                t += fabs(N->w[k][i][j]) * up[i];
            down[j] = fabs(nn_act_prime(N->A[k], N->z[k][j])) * t;
        }
        for (int j = 1; j <= N->n[k]; j++)
            up[j] = down[j];
    }
}

/* Compare nn_net_backprop and mf_gradient on one network and sample.
   Component by component:
       |a - b| <= 1e-12 max(|a|, |b|) + 1e-14 size.
   The relative term: both routines compute each component from the same
   forward pass with at most 4 matrices of width <= 7, so each goes
   through at most 4 * (7 + 2) = 36 roundings; two routines that added
   in different orders could differ by 2 * 36 u = 8e-15 of the size, and
   when no sum cancels the size is within a small factor of |a|.  1e-12
   leaves a margin of 100 and still catches any slip in the formulas,
   which is of the order of the gradient.  The absolute floor covers the
   components that cancel: exactly zero (a ReLU that is off makes a whole
   row 0 in both) or tiny (a sum of terms of opposite signs), where the
   bound on the error is 8e-15 times the size, not times the result. */
static int agree(nn_net *N, const double x[], const double y[], nn_loss_kind k)
{
    double g[400], s[400], deltaL[8];
    nn_err err;
    nn_net_zero_grad(N);
    nn_net_backprop(N, x, y, k);
    nn_loss_error(k, N, y, deltaL);
    if (mf_gradient(N, deltaL, g, &err) != 0) {
        check_fail(__FILE__, __LINE__, "mf_gradient: %s", err.msg);
        return 0;
    }
    gradient_size(N, deltaL, s);
    int ok = 1;
    for (size_t p = 0; p < N->nw; p++) {
        double a = N->dwflat[p], b = g[p];
        double tol = 1e-12 * fmax(fabs(a), fabs(b)) + 1e-14 * s[p];
        if (!(fabs(a - b) <= tol)) {
            check_fail(__FILE__, __LINE__, "weight %zu of %zu: index %.17g,"
                       " matrix %.17g", p, N->nw, a, b);
            ok = 0;
        }
    }
    return ok;
}

static const struct { nn_loss_kind k; nn_activation out; } pairs[] = {
    { NN_LOSS_SQUARED, NN_ACT_IDENTITY }, { NN_LOSS_SQUARED, NN_ACT_SIGMOID },
    { NN_LOSS_BCE, NN_ACT_SIGMOID }, { NN_LOSS_SOFTMAX_CE, NN_ACT_IDENTITY },
};

/* 1 to 4 weight matrices, every hidden activation, every pair of output
   and loss, 5 seeds: 400 networks of at most 4 * 7 * 8 = 224 weights. */
void test_views_agree_on_random_networks(void)
{
    double x[8], y[8];
    int failed = 0;
    for (int seed = 1; seed <= 5; seed++)
        for (int L = 2; L <= 5; L++)
            for (int a = 0; a < NN_ACT_COUNT; a++)
                for (int q = 0; q < 4; q++) {
                    nn_rng r;
                    nn_rng_seed(&r, (uint64_t)seed,
                             (uint64_t)(100 * L + 10 * a + q));
                    nn_net *N = random_net(&r, L, (nn_activation)a, pairs[q].out);
                    if (N == NULL)
                        return;
                    CHECK(nn_loss_check(pairs[q].k, N, NULL) == 0);
                    draw_sample(&r, N, pairs[q].k, x, y);
                    if (!agree(N, x, y, pairs[q].k) && !failed++)
                        check_fail(__FILE__, __LINE__, "first failure: seed"
                                   " %d, L %d, activation %d, pair %d",
                                   seed, L, a, q);
                    nn_net_free(N);
                }
}

/* The bias column of the gradient is the error signal of the receiving
   layer, as nn_net_backprop left it in N->delta. */
void test_views_bias_column_is_delta(void)
{
    nn_rng r;
    nn_rng_seed(&r, 7, 6);
    nn_net *N = random_net(&r, 4, NN_ACT_TANH, NN_ACT_SIGMOID);
    if (N == NULL)
        return;
    double x[8], y[8], g[400], deltaL[8];
    draw_sample(&r, N, NN_LOSS_BCE, x, y);
    nn_net_zero_grad(N);
    nn_net_backprop(N, x, y, NN_LOSS_BCE);
    nn_loss_error(NN_LOSS_BCE, N, y, deltaL);
    CHECK(mf_gradient(N, deltaL, g, NULL) == 0);
    for (int k = 1; k < N->L; k++)
        for (int i = 1; i <= N->n[k + 1]; i++) {
            size_t p = (size_t)(&N->w[k][i][0] - N->wflat);
            /* tolerance as in agree(): equal up to rounding */
            CHECK_NEAR(g[p], N->delta[k + 1][i],
                       1e-12 * fabs(N->delta[k + 1][i]) + 1e-300);
        }
    nn_net_free(N);
}

/* mf_gradient reads the network and writes only g. */
void test_views_leaves_network_unchanged(void)
{
    nn_rng r;
    nn_rng_seed(&r, 11, 6);
    nn_net *N = random_net(&r, 3, NN_ACT_LEAKY_RELU, NN_ACT_IDENTITY);
    if (N == NULL)
        return;
    double x[8], y[8], g[400], deltaL[8];
    draw_sample(&r, N, NN_LOSS_SOFTMAX_CE, x, y);
    nn_net_zero_grad(N);
    nn_net_backprop(N, x, y, NN_LOSS_SOFTMAX_CE);
    nn_loss_error(NN_LOSS_SOFTMAX_CE, N, y, deltaL);
    size_t bytes = N->nw * sizeof(double);
    double *w = malloc(bytes), *dw = malloc(bytes);
    if (w == NULL || dw == NULL) {
        check_fail(__FILE__, __LINE__, "out of memory");
        free(w), free(dw), nn_net_free(N);
        return;
    }
    memcpy(w, N->wflat, bytes);
    memcpy(dw, N->dwflat, bytes);
    double l2 = N->l[2][1], z2 = N->z[2][1];
    CHECK(mf_gradient(N, deltaL, g, NULL) == 0);
    CHECK(memcmp(w, N->wflat, bytes) == 0);
    CHECK(memcmp(dw, N->dwflat, bytes) == 0);
    CHECK(N->l[2][1] == l2 && N->z[2][1] == z2);
    free(w), free(dw);
    nn_net_free(N);
}
