/* Tests of the gradient checks of chapter 8, and through them of the
   backward pass of chapter 7: central differences and the complex step
   against nn_net_backprop on random networks of every shape, activation
   and loss the library offers. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "backprop.h"
#include "check.h"
#include "nets.h"
#include "gradcheck.h"
#include "rng.h"

/* The largest network drawn below: 5 layers of width at most 7, so at
   most 4 * 7 * 8 = 224 weights. */
enum { MAX_LAYERS = 5, MAX_WIDTH = 7, MAX_WEIGHTS = 224 };

static const struct {
    nn_activation out;
    nn_loss_kind k;
} pairs[] = {
    { NN_ACT_IDENTITY, NN_LOSS_SQUARED }, { NN_ACT_SIGMOID, NN_LOSS_SQUARED },
    { NN_ACT_SIGMOID, NN_LOSS_BCE }, { NN_ACT_IDENTITY, NN_LOSS_SOFTMAX_CE },
};
enum { PAIRS = sizeof pairs / sizeof pairs[0] };

/* A random network of L layers, widths 1 .. 7, hidden activation a,
   output and loss of pair q; NULL (with a failed check) if it cannot be
   made.  Softmax cross-entropy gets at least two classes. */
static nn_net *random_net(int L, nn_activation a, int q, nn_rng *r)
{
    int n[MAX_LAYERS + 1] = { 0 };
    nn_activation A[MAX_LAYERS + 1] = { 0 };
    for (int k = 1; k <= L; k++) {
        n[k] = 1 + (int)nn_rng_below(r, MAX_WIDTH);
        A[k] = k < L ? a : pairs[q].out;
    }
    if (pairs[q].k == NN_LOSS_SOFTMAX_CE && n[L] == 1)
        n[L] = 2;
    return test_net(L, n, A);
}

/* Weights by the library's initialisation, biases from N(0, 1/4) (so
   that the forward pass uses them), a standard normal input and a
   target fit for the loss. */
static void draw(nn_net *N, nn_loss_kind k, nn_rng *r, double x[], double y[])
{
    nn_net_init(N, r);
    for (int m = 1; m < N->L; m++)
        for (int i = 1; i <= N->n[m + 1]; i++)
            N->w[m][i][0] = 0.5 * nn_rng_normal(r);
    for (int j = 0; j < N->n[1]; j++)
        x[j] = nn_rng_normal(r);
    test_draw_targets(r, k, N->n[N->L], y);
}

/* Draw until no ReLU or LeakyReLU pre-activation lies within KINK_MARGIN
   = 1000 h of its kink.  A step h of one weight moves a pre-activation
   by h times its derivative in that weight, which in these networks
   (inputs and weights of order one, at most 5 layers of 7) stays far
   below 1000: the step cannot cross a kink, and central differences see
   one linear piece.  Smooth networks take the first draw. */
static void draw_away_from_kinks(nn_net *N, nn_loss_kind k, nn_rng *r, double x[],
                                 double y[])
{
    for (int tries = 0; tries < 1000; tries++) {
        draw(N, k, r, x, y);
        nn_net_forward(N, x);
        if (nn_kink_distance(N) >= NN_KINK_MARGIN)
            return;
    }
    check_fail(__FILE__, __LINE__, "no draw away from the kinks");
}

/* Central differences agree with backpropagation if, for every
   component, the relative error is at most 1e-7, or the absolute
   difference is at most 1e-8 * max(1, |L|).
   Why the floor: the difference of two losses carries their round-off,
   a few times eps |L| with eps = 2.2e-16 (more when the loss adds
   terms larger than itself: a log-sum-exp, squares), and dividing by
   2h = 2e-5 leaves an absolute error of 1e-11 |L| or more in every
   component, whatever its size; truncation adds h^2 |L'''| / 6, about
   2e-11 |L'''|.  A component of 1e-5 is thus known only to about 1e-6
   relatively, although nothing is wrong.  Over this file's networks the
   largest |a - n| / max(1, |L|) is about 3e-10; the floor leaves a
   factor of 30 above that, and lies a thousand times below the
   components of order 1e-5 .. 1 that a bug changes. */
static double fd_disagreement(const nn_net *N, const double g[], double loss)
{
    double floor = 1e-8 * fmax(1.0, fabs(loss)), worst = 0.0;
    for (size_t p = 0; p < N->nw; p++) {
        double a = N->dwflat[p], r = nn_rel_error(a, g[p]);
        if (fabs(a - g[p]) <= floor)
            r = 0.0;
        if (!(r <= worst))
            worst = r;
    }
    return worst;
}

/* The complex step has no cancellation: it and backpropagation are each
   accurate to round-off relative to the terms they add up.  A component
   that is itself the result of cancellation in backpropagation's sums
   (sum_i w_ij delta_i) can be far smaller than those terms, and its
   relative error correspondingly larger in both computations.  So a
   difference of 1e-15 * max_p |a_p|, a few ulps of the gradient's
   largest component, counts as agreement.  (Without it the largest
   relative error over this file's networks is about 2e-13.) */
static double cs_disagreement(const nn_net *N, const double g[])
{
    double scale = 0.0, worst = 0.0;
    for (size_t p = 0; p < N->nw; p++)
        scale = fmax(scale, fabs(N->dwflat[p]));
    for (size_t p = 0; p < N->nw; p++) {
        double a = N->dwflat[p], r = nn_rel_error(a, g[p]);
        if (fabs(a - g[p]) <= 1e-15 * scale)
            r = 0.0;
        if (!(r <= worst))
            worst = r;
    }
    return worst;
}

/* The main test: 1 to 4 weight matrices (L = 2 .. 5), random widths
   1 .. 7, each of the five activations in the hidden layers, each of the
   four pairs of output and loss, and several seeds.  Every component,
   the biases of column 0 included, must agree to 1e-7 (with the floor
   above); the smooth networks are also checked by the complex step, to
   1e-12. */
void test_gradcheck_random_networks(void)
{
    double x[MAX_WIDTH], y[MAX_WIDTH], g[MAX_WEIGHTS], cs[MAX_WEIGHTS];
    double worst_fd = 0.0, worst_cs = 0.0;
    nn_err err;
    for (int L = 2; L <= MAX_LAYERS; L++)
        for (int a = 0; a < NN_ACT_COUNT; a++)
            for (int q = 0; q < PAIRS; q++)
                for (int seed = 1; seed <= 4; seed++) {
                    if (L == 2 && a > 0)   /* no hidden layer */
                        continue;
                    nn_rng r;
                    nn_rng_seed(&r, (uint64_t)(1000 * L + 100 * a + 10 * q
                                            + seed), 8);
                    nn_net *N = random_net(L, (nn_activation)a, q, &r);
                    if (N == NULL)
                        return;
                    nn_loss_kind k = pairs[q].k;
                    draw_away_from_kinks(N, k, &r, x, y);
                    double r1;
                    CHECK(nn_grad_check(N, x, y, k, NN_FD_STEP, g, &r1, &err)
                          == 0);
                    double loss = nn_sample_loss(N, x, y, k);
                    double e = fd_disagreement(N, g, loss);
                    if (!(e <= 1e-7))
                        check_fail(__FILE__, __LINE__, "L %d %s, %s %s, "
                                   "seed %d: relative error %.2e", L,
                                   nn_act_name((nn_activation)a),
                                   nn_act_name(pairs[q].out),
                                   nn_loss_name(k), seed, e);
                    worst_fd = fmax(worst_fd, e);
                    if (a != NN_ACT_RELU && a != NN_ACT_LEAKY_RELU) {
                        CHECK(nn_complex_step_gradient(N, x, y, k, NN_CS_STEP,
                                                    cs, &err) == 0);
                        double c = cs_disagreement(N, cs);
                        if (!(c <= 1e-12))
                            check_fail(__FILE__, __LINE__, "L %d %s, %s "
                                       "%s, seed %d: complex step %.2e",
                                       L, nn_act_name((nn_activation)a),
                                       nn_act_name(pairs[q].out),
                                       nn_loss_name(k), seed, c);
                        worst_cs = fmax(worst_cs, c);
                    }
                    nn_net_free(N);
                }
    CHECK(worst_fd <= 1e-7);
    CHECK(worst_cs <= 1e-12);
}

/* Mixed hidden activations: each hidden layer its own, so that the
   recurrence meets every pair of neighbouring activations. */
void test_gradcheck_mixed_activations(void)
{
    double x[MAX_WIDTH], y[MAX_WIDTH], g[MAX_WEIGHTS];
    nn_err err;
    for (int seed = 1; seed <= 40; seed++) {
        nn_rng r;
        nn_rng_seed(&r, (uint64_t)seed, 9);
        int q = (int)nn_rng_below(&r, PAIRS);
        nn_net *N = random_net(MAX_LAYERS, NN_ACT_IDENTITY, q, &r);
        if (N == NULL)
            return;
        for (int k = 2; k < N->L; k++)
            N->A[k] = (nn_activation)nn_rng_below(&r, NN_ACT_COUNT);
        nn_loss_kind k = pairs[q].k;
        draw_away_from_kinks(N, k, &r, x, y);
        double r1;
        CHECK(nn_grad_check(N, x, y, k, NN_FD_STEP, g, &r1, &err) == 0);
        double e = fd_disagreement(N, g, nn_sample_loss(N, x, y, k));
        if (!(e <= 1e-7))
            check_fail(__FILE__, __LINE__, "seed %d: relative error "
                       "%.2e", seed, e);
        nn_net_free(N);
    }
}

/* nn_rel_error: 0 for equal numbers and for two zeros, 1 when one is zero,
   2 for opposite numbers, the same at every scale, symmetric. */
void test_rel_error(void)
{
    CHECK(nn_rel_error(0.0, 0.0) == 0.0);
    CHECK(nn_rel_error(-0.0, 0.0) == 0.0);
    CHECK(nn_rel_error(3.5, 3.5) == 0.0);
    CHECK(nn_rel_error(0.0, 1e-300) == 1.0);
    CHECK(nn_rel_error(2.0, 0.0) == 1.0);
    CHECK(nn_rel_error(1.0, -1.0) == 2.0);
    CHECK(nn_rel_error(1.0, 2.0) == 0.5);
    CHECK(nn_rel_error(2.0, 1.0) == 0.5);
    CHECK(nn_rel_error(1e-200, 2e-200) == 0.5);
    CHECK(nn_rel_error(1e200, 2e200) == 0.5);
}

/* A NaN or an infinity on either side is +INFINITY, never a pass, even
   against an exact zero, where max(|a|, |n|) alone would be 0 (fmax
   drops the NaN) and the quotient would be skipped; and an infinity
   survives an fmax that keeps the largest error. */
void test_rel_error_never_passes_a_non_finite_number(void)
{
    const double bad[] = { NAN, -NAN, INFINITY, -INFINITY };
    const double other[] = { 0.0, -0.0, 1.0, -1e-300, NAN, INFINITY };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 6; j++) {
            CHECK(nn_rel_error(bad[i], other[j]) == INFINITY);
            CHECK(nn_rel_error(other[j], bad[i]) == INFINITY);
        }
    CHECK(fmax(0.0, nn_rel_error(NAN, 0.0)) == INFINITY);
}

/* A network with a NaN weight gives a NaN gradient; nn_grad_check must
   report it as an infinite error, not skip it. */
void test_grad_check_reports_nan(void)
{
    const int n[] = { 0, 2, 3, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_err err;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 1, 10);
    nn_net_init(N, &r);
    N->w[1][2][1] = NAN;
    const double x[] = { 0.5, -0.5 }, y[] = { 1.0 };
    double g[16], worst = 0.0;
    CHECK(nn_grad_check(N, x, y, NN_LOSS_SQUARED, NN_FD_STEP, g, &worst, &err)
          == 0);
    CHECK(worst == INFINITY);
    nn_net_free(N);
}

/* nn_numeric_gradient puts every weight back bit for bit, and leaves the
   network as a forward pass on x leaves it. */
void test_numeric_gradient_restores_weights(void)
{
    const int n[] = { 0, 3, 4, 2 };
    const nn_activation A[] = { 0, 0, NN_ACT_SIGMOID, NN_ACT_SIGMOID };
    nn_err err;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 2, 10);
    double before[64], x[3], y[2], g[64], z[3];
    draw(N, NN_LOSS_BCE, &r, x, y);
    memcpy(before, N->wflat, N->nw * sizeof *before);
    nn_net_forward(N, x);
    for (int i = 1; i <= 2; i++)
        z[i] = N->z[3][i];
    nn_numeric_gradient(N, x, y, NN_LOSS_BCE, NN_FD_STEP, g);
    CHECK(memcmp(before, N->wflat, N->nw * sizeof *before) == 0);
    for (int i = 1; i <= 2; i++)
        CHECK(N->z[3][i] == z[i]);
    nn_net_free(N);
}

/* On a network without hidden layer and with an identity output, the
   squared loss is a quadratic in each weight: L''' = 0, so a central
   difference has no truncation error, and even a large step gives the
   derivative to round-off.  The derivative of (w x + b - Y)^2 / 2 is
   known in closed form. */
void test_numeric_gradient_of_a_quadratic(void)
{
    const int n[] = { 0, 2, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_IDENTITY };
    nn_err err;
    nn_net *N = nn_net_create(2, n, A, &err);
    if (N == NULL)
        return;
    double **w = N->w[1];
    w[1][0] = 0.25, w[1][1] = -1.5, w[1][2] = 0.75;
    const double x[] = { 2.0, -1.0 }, y[] = { 0.5 };
    double g[3];
    nn_numeric_gradient(N, x, y, NN_LOSS_SQUARED, 0.5, g);
    double e = 0.25 + -1.5 * 2.0 + 0.75 * -1.0 - 0.5;   /* -4.0 */
    /* a few ulps of values of order 8 */
    CHECK_NEAR(g[0], e * 1.0, 1e-14);
    CHECK_NEAR(g[1], e * 2.0, 1e-14);
    CHECK_NEAR(g[2], e * -1.0, 1e-14);
    nn_net_free(N);
}

/* The complex step refuses the rectifiers, anywhere, and a loss the
   output layer does not allow, with a message; it accepts the rest. */
void test_complex_step_refuses(void)
{
    const int n[] = { 0, 2, 2, 2 };
    nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    const double x[] = { 0.1, 0.2 }, y[] = { 1.0, 0.0 };
    double g[32];
    nn_err err;
    for (int a = 0; a < NN_ACT_COUNT; a++)
        for (int where = 2; where <= 3; where++) {
            A[2] = where == 2 ? (nn_activation)a : NN_ACT_TANH;
            A[3] = where == 3 ? (nn_activation)a : NN_ACT_IDENTITY;
            nn_net *N = nn_net_create(3, n, A, &err);
            if (N == NULL)
                return;
            err.msg[0] = '\0';
            int status = nn_complex_step_gradient(N, x, y, NN_LOSS_SQUARED,
                                               NN_CS_STEP, g, &err);
            if (a == NN_ACT_RELU || a == NN_ACT_LEAKY_RELU) {
                CHECK(status == -1);
                CHECK(strstr(err.msg, nn_act_name((nn_activation)a)) != NULL);
            } else {
                CHECK(status == 0);
            }
            nn_net_free(N);
        }
    A[2] = NN_ACT_TANH, A[3] = NN_ACT_TANH;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL)
        return;
    CHECK(nn_complex_step_gradient(N, x, y, NN_LOSS_BCE, NN_CS_STEP, g, &err)
          == -1);
    CHECK(strstr(err.msg, "sigmoid") != NULL);
    double worst;
    CHECK(nn_grad_check(N, x, y, NN_LOSS_SOFTMAX_CE, NN_FD_STEP, g, &worst, &err)
          == -1);
    nn_net_free(N);
}

/* The complex losses are the real ones: on the real axis (h = 0 gives
   no imaginary part), and far from it: the complex step stays finite and
   accurate for outputs of +-800, where exp overflows if taken
   literally. */
void test_complex_step_extreme_outputs(void)
{
    const int n[] = { 0, 1, 3 };
    nn_activation A[] = { 0, 0, NN_ACT_IDENTITY };
    double g[6], cs[6], worst;
    const double x[] = { 1.0 };
    nn_err err;
    for (int q = 0; q < PAIRS; q++) {
        A[2] = pairs[q].out;
        nn_net *N = nn_net_create(2, n, A, &err);
        if (N == NULL)
            return;
        const double y[] = { 1.0, 0.0, 0.0 };
        N->w[1][1][0] = 800.0, N->w[1][2][0] = -800.0;
        N->w[1][3][0] = 0.5;
        CHECK(nn_grad_check(N, x, y, pairs[q].k, NN_FD_STEP, g, &worst, &err)
              == 0);
        CHECK(nn_complex_step_gradient(N, x, y, pairs[q].k, NN_CS_STEP, cs,
                                    &err) == 0);
        for (size_t p = 0; p < N->nw; p++) {
            CHECK(isfinite(cs[p]));
            /* round-off of the loss's own terms, of order 800 */
            CHECK_NEAR(cs[p], N->dwflat[p], 1e-13 * 800.0);
        }
        nn_net_free(N);
    }
}

/* nn_kink_distance: infinity without rectifiers, else the smallest |z| of
   a ReLU or LeakyReLU layer, the output layer included. */
void test_kink_distance(void)
{
    const int n[] = { 0, 1, 2, 2 };
    nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_err err;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL)
        return;
    const double x[] = { 1.0 };
    N->w[1][1][0] = 0.3, N->w[1][2][0] = -0.2;
    N->w[2][1][0] = -0.05, N->w[2][2][0] = 0.7;
    nn_net_forward(N, x);
    CHECK(nn_kink_distance(N) == INFINITY);
    N->A[2] = NN_ACT_RELU;
    nn_net_forward(N, x);
    CHECK(nn_kink_distance(N) == 0.2);
    N->A[3] = NN_ACT_LEAKY_RELU;
    nn_net_forward(N, x);
    CHECK(nn_kink_distance(N) == 0.05);
    nn_net_free(N);
}
