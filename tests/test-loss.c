/* Tests of the loss module of chapter 4: the output-error theorem for the
   three matched pairs and its failure for a mismatched one, losses and
   errors that stay finite and right at extreme pre-activations, the
   log-sum-exp and the softmax, and the checks and names. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "check.h"
#include "nets.h"
#include "loss.h"
#include "net.h"
#include "rng.h"

/* The kinds of target a draw can have. */
enum target { NORMAL, BINARY, UNIT, ONE_HOT, SIMPLEX };

enum { NOUT = 3, DRAWS = 300 };

/* One draw: NOUT pre-activations from N(0, 4) and a target of the kind. */
static void draw(nn_rng *r, enum target t, double z[], double y[])
{
    int hot = (int)nn_rng_below(r, NOUT);
    double sum = 0.0;
    for (int i = 1; i <= NOUT; i++) {
        z[i] = 2.0 * nn_rng_normal(r);
        switch (t) {
        case NORMAL:  y[i - 1] = nn_rng_normal(r); break;
        case BINARY:  y[i - 1] = (double)nn_rng_below(r, 2); break;
        case UNIT:    y[i - 1] = nn_rng_uniform(r); break;
        case ONE_HOT: y[i - 1] = i - 1 == hot; break;
        case SIMPLEX: y[i - 1] = 0.05 + nn_rng_uniform(r); break;
        }
        sum += y[i - 1];
    }
    if (t == SIMPLEX)
        for (int i = 0; i < NOUT; i++)
            y[i] /= sum;   /* sums to 1 up to a rounding or two */
}

/* dLoss/dz[i] by a central difference, and the accuracy it has. */
static double numeric_error(nn_loss_kind k, nn_net *N, double z[],
                            const double y[], int i, double *tol)
{
    const double h = 1e-5;
    double zi = z[i], up_z = zi + h, down_z = zi - h;
    z[i] = up_z;
    test_set_output(N, z);
    double up = nn_loss_value(k, N, y);
    z[i] = down_z;
    test_set_output(N, z);
    double down = nn_loss_value(k, N, y);
    z[i] = zi;
    test_set_output(N, z);
    double size = 1.0 + fabs(nn_loss_value(k, N, y));
    for (int m = 1; m <= N->n[2]; m++)
        size += fabs(z[m]) * (1.0 + fabs(y[m - 1]));
    /* Round-off: each loss is a sum of terms of total size <= size, with
       a few roundings each (16 eps * size), divided by 2h; truncation:
       h^2/6 * |d^3 Loss/dz^3|, and that third derivative is <= 1 for
       every pair here (<= 1/8 for BCE, <= 0.1 for log-sum-exp, 0 for
       identity with least squares, < 0.2 for sigmoid with least squares
       and targets in [0, 1]). */
    *tol = 16 * DBL_EPSILON * size / (2 * h) + h * h / 6;
    return (up - down) / (up_z - down_z);
}

/* The prediction p[1..n], computed here: the output layer for an
   element-wise activation, exp(z_i) / sum exp(z_m) written out for the
   softmax (the draws' |z| < 20 cannot overflow). */
static void prediction(nn_loss_kind k, const nn_net *N, double p[])
{
    int n = N->n[2];
    if (k == NN_LOSS_SOFTMAX_CE) {
        double sum = 0.0;
        for (int m = 1; m <= n; m++)
            sum += exp(N->z[2][m]);
        for (int i = 1; i <= n; i++)
            p[i] = exp(N->z[2][i]) / sum;
    } else {
        for (int i = 1; i <= n; i++)
            p[i] = N->l[2][i];
    }
}

/* Check nn_loss_error against the central difference on DRAWS draws and,
   if shortcut, against p - Y to round-off.  Returns the largest
   |delta - (p - Y)| seen and counts the draws where it exceeds 1e-3. */
static double check_pair(nn_loss_kind k, nn_activation a, enum target t,
                         int shortcut, uint64_t seed, int *big)
{
    nn_net *N = test_output_layer(NOUT, a);
    if (N == NULL)
        return NAN;
    nn_rng r;
    nn_rng_seed(&r, seed, 4);
    double worst = 0.0;
    *big = 0;
    for (int d = 0; d < DRAWS; d++) {
        double z[NOUT + 1], y[NOUT], delta[NOUT + 1], p[NOUT + 1];
        double zmax = 0.0, draw_worst = 0.0;
        draw(&r, t, z, y);
        test_set_output(N, z);
        nn_loss_error(k, N, y, delta);
        prediction(k, N, p);
        for (int i = 1; i <= NOUT; i++)
            zmax = fmax(zmax, fabs(z[i]));
        for (int i = 1; i <= NOUT; i++) {
            double tol, numeric = numeric_error(k, N, z, y, i, &tol);
            CHECK_NEAR(delta[i], numeric, tol);
            double diff = fabs(delta[i] - (p[i] - y[i - 1]));
            draw_worst = fmax(draw_worst, diff);
            if (shortcut) {
                /* Element-wise: l - Y is one rounding, as in the library.
                   Softmax: exp(z_i - lse) has relative error about
                   eps (|lse| + |z_i| + 3) <= eps (3 zmax + 5), ours
                   (n + 2) eps; p <= 1. */
                double tol_s = k == NN_LOSS_SOFTMAX_CE
                             ? DBL_EPSILON * (3 * zmax + 10)
                             : DBL_EPSILON * (fabs(p[i]) + fabs(y[i - 1]));
                CHECK_NEAR(delta[i], p[i] - y[i - 1], tol_s);
            }
        }
        worst = fmax(worst, draw_worst);
        *big += draw_worst > 1e-3;
    }
    nn_net_free(N);
    return worst;
}

/* Theorem (a): identity output, least squares, any real targets. */
void test_loss_theorem_identity_squared(void)
{
    int big;
    check_pair(NN_LOSS_SQUARED, NN_ACT_IDENTITY, NORMAL, 1, 1, &big);
}

/* Theorem (b): sigmoid output, binary cross-entropy, targets 0 and 1 and
   probabilities in between. */
void test_loss_theorem_sigmoid_bce(void)
{
    int big;
    check_pair(NN_LOSS_BCE, NN_ACT_SIGMOID, BINARY, 1, 2, &big);
    check_pair(NN_LOSS_BCE, NN_ACT_SIGMOID, UNIT, 1, 3, &big);
}

/* Theorem (c): softmax and cross-entropy with one-hot targets and with
   general targets that sum to 1. */
void test_loss_theorem_softmax_ce(void)
{
    int big;
    check_pair(NN_LOSS_SOFTMAX_CE, NN_ACT_IDENTITY, ONE_HOT, 1, 4, &big);
    check_pair(NN_LOSS_SOFTMAX_CE, NN_ACT_IDENTITY, SIMPLEX, 1, 5, &big);
}

/* The mismatched pair: nn_loss_error is still the derivative of nn_loss_value,
   but it is (p - Y) sigma'(z), not p - Y.  Their difference is
   (p - Y)(1 - sigma') >= 3/4 |p - Y|, far above round-off on most draws. */
void test_loss_mismatch_sigmoid_squared(void)
{
    int big;
    double worst = check_pair(NN_LOSS_SQUARED, NN_ACT_SIGMOID, BINARY, 0, 6, &big);
    CHECK(worst > 0.5);
    CHECK(big > DRAWS / 2);
    worst = check_pair(NN_LOSS_SQUARED, NN_ACT_SIGMOID, UNIT, 0, 7, &big);
    CHECK(worst > 0.1);
    CHECK(big > DRAWS / 2);

    /* By hand at z = 0, Y = 1: (1/2 - 1) * 1/4 = -1/8, not -1/2; exact
       because sigma(0) = 1/2 and sigma'(0) = 1/4 are. */
    nn_net *N = test_output_layer(1, NN_ACT_SIGMOID);
    if (N == NULL)
        return;
    const double z[2] = { 0.0, 0.0 }, y[1] = { 1.0 };
    double delta[2];
    test_set_output(N, z);
    nn_loss_error(NN_LOSS_SQUARED, N, y, delta);
    CHECK(delta[1] == -0.125);
    CHECK(nn_loss_value(NN_LOSS_SQUARED, N, y) == 0.125);
    nn_net_free(N);
}

/* Binary cross-entropy of one output at pre-activation z, target Y,
   and its output error. */
static double bce(nn_net *N, double z, double Y, double *delta)
{
    const double zz[2] = { 0.0, z }, y[1] = { Y };
    double d[2];
    test_set_output(N, zz);
    nn_loss_error(NN_LOSS_BCE, N, y, d);
    *delta = d[1];
    return nn_loss_value(NN_LOSS_BCE, N, y);
}

/* Extreme pre-activations and the targets 0 and 1 exactly: finite losses
   with the right value, errors exactly p - Y in {-1, 0, 1}.  The true
   values e^-1000 and smaller are below every double, so "0" means at most
   1e-300 here. */
void test_loss_bce_extremes(void)
{
    static const struct { double z, Y, loss, error; } c[] = {
        {  1000, 1, 0, 0 },       {  1000, 0, 1000, 1 },
        { -1000, 1, 1000, -1 },   { -1000, 0, 0, 0 },
        {  1e300, 1, 0, 0 },      {  1e300, 0, 1e300, 1 },
        { -1e300, 1, 1e300, -1 }, { -1e300, 0, 0, 0 },
        {  1e300, 0.5, 5e299, 0.5 }, { -1e300, 0.5, 5e299, -0.5 },
        {  800, 0, 800, 1 },      { -800, 1, 800, -1 },
        {  40, 0, 40, 1 },        { -40, 1, 40, -1 },
    };
    nn_net *N = test_output_layer(1, NN_ACT_SIGMOID);
    if (N == NULL)
        return;
    for (size_t t = 0; t < sizeof c / sizeof c[0]; t++) {
        double delta, loss = bce(N, c[t].z, c[t].Y, &delta);
        CHECK(isfinite(loss) && isfinite(delta));
        /* The loss within 2 roundings of its size (max(z,0) - Y z can be
           one rounding off, the log1p term is below eps of it). */
        CHECK_NEAR(loss, c[t].loss, fmax(2 * DBL_EPSILON * c[t].loss, 1e-300));
        /* sigma(+-40) is within 4.3e-18 of 1 or 0. */
        CHECK_NEAR(delta, c[t].error, 1e-17);
    }
    /* Where the answer is right, the loss is log(1 + e^-|z|), which the
       literal formula rounds to 0: e^-40 (1 - e^-40 / 2), to 4 ulps. */
    double delta, tiny = exp(-40.0);
    CHECK_NEAR(bce(N, 40, 1, &delta), tiny, 4 * DBL_EPSILON * tiny);
    CHECK_NEAR(bce(N, -40, 0, &delta), tiny, 4 * DBL_EPSILON * tiny);
    CHECK_NEAR(delta, tiny, 4 * DBL_EPSILON * tiny);   /* sigma(-40) */
    /* z = 0: log 2 for any target, to 2 ulps. */
    CHECK_NEAR(bce(N, 0, 1, &delta), log(2.0), 2 * DBL_EPSILON);
    CHECK(delta == -0.5);
    CHECK_NEAR(bce(N, 0, 0.25, &delta), log(2.0), 2 * DBL_EPSILON);
    CHECK(delta == 0.25);
    nn_net_free(N);
}

/* Softmax cross-entropy of three logits, with the output error in d. */
static double softmax_ce(nn_net *N, const double z[], const double y[],
                         double d[])
{
    test_set_output(N, z);
    nn_loss_error(NN_LOSS_SOFTMAX_CE, N, y, d);
    return nn_loss_value(NN_LOSS_SOFTMAX_CE, N, y);
}

/* Logits 1000, 0, -1000 (and +-1e300) overflow e^z: the log-sum-exp keeps
   the loss finite and exact (lse is 1000 + log(1 + e^-1000 + e^-2000),
   which rounds to 1000), and the softmax is (1, 0, 0). */
void test_loss_softmax_ce_extremes(void)
{
    nn_net *N = test_output_layer(3, NN_ACT_IDENTITY);
    if (N == NULL)
        return;
    const double z[4] = { 0, 1000, 0, -1000 };
    const double e1[3] = { 1, 0, 0 }, e2[3] = { 0, 1, 0 }, e3[3] = { 0, 0, 1 };
    const double mix[3] = { 0.25, 0.5, 0.25 };
    double d[4];
    /* Every number below is a sum of exact products of small integers and
       1000, so it is exact; 1e-300 stands for e^-1000 and smaller. */
    CHECK(softmax_ce(N, z, e1, d) == 0.0);
    for (int i = 1; i <= 3; i++)
        CHECK_NEAR(d[i], 0.0, 1e-300);
    CHECK(softmax_ce(N, z, e2, d) == 1000.0);
    CHECK(softmax_ce(N, z, e3, d) == 2000.0);
    CHECK(d[1] == 1.0 && fabs(d[2]) <= 1e-300 && d[3] == -1.0);
    CHECK(softmax_ce(N, z, mix, d) == 1000.0);
    CHECK(d[1] == 0.75 && fabs(d[2] + 0.5) <= 1e-300 && d[3] == -0.25);

    const double big[4] = { 0, 1e300, 0, -1e300 };
    CHECK(softmax_ce(N, big, e1, d) == 0.0);
    CHECK(softmax_ce(N, big, e3, d) == 2e300);
    CHECK(d[1] == 1.0 && d[2] == 0.0 && d[3] == -1.0);

    /* Equal logits: log 3 and p = 1/3 whatever their size (the naive
       formulas give inf - inf or 0 / 0).  lse = +-1000 + log 3 is rounded
       to an ulp of 1000 (1.1e-13), and that error passes into the loss
       and, relatively, into p: 2 * 1000 eps. */
    const double same[4] = { 0, 1000, 1000, 1000 };
    const double low[4] = { 0, -1000, -1000, -1000 };
    CHECK_NEAR(softmax_ce(N, same, e2, d), log(3.0), 2 * 1000 * DBL_EPSILON);
    CHECK_NEAR(d[1], 1.0 / 3, 2 * 1000 * DBL_EPSILON);
    CHECK_NEAR(softmax_ce(N, low, e2, d), log(3.0), 2 * 1000 * DBL_EPSILON);
    CHECK_NEAR(d[2], 1.0 / 3 - 1, 2 * 1000 * DBL_EPSILON);
    nn_net_free(N);
}

/* Least squares at extreme pre-activations: finite wherever the output
   is, and the factor A'(z) vanishing in a saturated activation. */
void test_loss_squared_extremes(void)
{
    const double y[1] = { 0.5 };
    const double zs[] = { 1000, -1000, 1e300, -1e300 };
    const nn_activation bounded[] = { NN_ACT_SIGMOID, NN_ACT_TANH };
    for (int q = 0; q < 2; q++) {
        nn_net *N = test_output_layer(1, bounded[q]);
        if (N == NULL)
            return;
        for (int t = 0; t < 4; t++) {
            const double z[2] = { 0, zs[t] };
            double d[2];
            test_set_output(N, z);
            nn_loss_error(NN_LOSS_SQUARED, N, y, d);
            double loss = nn_loss_value(NN_LOSS_SQUARED, N, y);
            CHECK(isfinite(loss) && isfinite(d[1]));
            /* l is exactly 0, 1 or -1, so the loss is exact. */
            double l = N->l[2][1];
            CHECK(loss == 0.5 * (l - 0.5) * (l - 0.5));
            /* A'(z) <= 4 e^-|z|, below every double. */
            CHECK(d[1] == 0.0);
        }
        nn_net_free(N);
    }
    nn_net *N = test_output_layer(1, NN_ACT_IDENTITY);
    if (N == NULL)
        return;
    const double z[2] = { 0, -1000 };
    double d[2];
    test_set_output(N, z);
    nn_loss_error(NN_LOSS_SQUARED, N, y, d);
    /* 1000.5^2 / 2 = 500500.125 and 1000.5 are exact in double. */
    CHECK(nn_loss_value(NN_LOSS_SQUARED, N, y) == 500500.125);
    CHECK(d[1] == -1000.5);
    nn_net_free(N);
}

void test_loss_log_sum_exp_values(void)
{
    double z[4] = { NAN, 1000, 1000, 0 };   /* z[0] is not read */
    /* 1000 + log 2 is one rounding to an ulp of 1000 (1.1e-13). */
    CHECK_NEAR(nn_log_sum_exp(z, 2), 1000 + log(2.0), 1000 * DBL_EPSILON);
    z[1] = z[2] = -1000;
    CHECK_NEAR(nn_log_sum_exp(z, 2), -1000 + log(2.0), 1000 * DBL_EPSILON);
    z[1] = 5.5;
    CHECK(nn_log_sum_exp(z, 1) == 5.5);   /* c + log(1), exactly */
    z[1] = 1e300, z[2] = 0;
    CHECK(nn_log_sum_exp(z, 2) == 1e300);
    /* The largest logit anywhere, not only first: 1000 + log(1 + e^-1000)
       rounds to 1000, and 0 + log(e^0 + e^1000) would overflow. */
    z[1] = 0, z[2] = 1000, z[3] = -1000;
    CHECK(nn_log_sum_exp(z, 3) == 1000);
    z[1] = -1000, z[2] = 0, z[3] = 1000;
    CHECK(nn_log_sum_exp(z, 3) == 1000);
    z[1] = 1, z[2] = 2, z[3] = 3;
    double ref = log(exp(1.0) + exp(2.0) + exp(3.0));
    /* A few roundings of numbers below 4. */
    CHECK_NEAR(nn_log_sum_exp(z, 3), ref, 8 * DBL_EPSILON * ref);
    /* nn_log_sum_exp(z + c) = nn_log_sum_exp(z) + c: the sums c + ... are each
       rounded to an ulp of 1e4 (1.8e-12). */
    double zc[4] = { NAN, 1 + 1e4, 2 + 1e4, 3 + 1e4 };
    CHECK_NEAR(nn_log_sum_exp(zc, 3), ref + 1e4, 2 * 1e4 * DBL_EPSILON);
}

void test_loss_softmax_values(void)
{
    double p[5];
    /* Known cases; the arrays are 1-based: z[0] is not read, p[0] not
       written. */
    double z[5] = { NAN, 0, 0, 0, 0 };
    p[0] = 42.0;
    nn_softmax(z, 2, p);
    CHECK(p[0] == 42.0);
    /* exp(-log 2), with log 2 rounded: within 2 ulps of 1/2. */
    CHECK_NEAR(p[1], 0.5, DBL_EPSILON);
    CHECK_NEAR(p[2], 0.5, DBL_EPSILON);
    nn_softmax(z, 1, p);
    CHECK(p[1] == 1.0);   /* exp(0) */
    z[1] = 1, z[2] = 2, z[3] = 3;
    double s = exp(1.0) + exp(2.0) + exp(3.0);
    nn_softmax(z, 3, p);
    for (int i = 1; i <= 3; i++)   /* relative error eps (|lse| + 6) */
        CHECK_NEAR(p[i], exp(z[i]) / s, 10 * DBL_EPSILON * p[i]);
    z[1] = 1000, z[2] = 0, z[3] = -1000;
    nn_softmax(z, 3, p);
    CHECK(p[1] == 1.0 && p[2] == 0.0 && p[3] == 0.0);   /* e^-1000 -> 0 */
    z[1] = -1000, z[2] = 0, z[3] = 1000;
    nn_softmax(z, 3, p);
    CHECK(p[1] == 0.0 && p[2] == 0.0 && p[3] == 1.0);
    z[1] = z[2] = z[3] = z[4] = -1000;   /* e^z underflows, p does not */
    nn_softmax(z, 4, p);
    for (int i = 1; i <= 4; i++)   /* exp(-log 4): 2 ulps, times 1000 */
        CHECK_NEAR(p[i], 0.25, 1000 * DBL_EPSILON);
    CHECK(p[0] == 42.0);
}

/* On random logits: the softmax sums to 1 and does not change when a
   constant is added to every logit, even a constant e^c overflows or
   underflows with. */
void test_loss_softmax_sum_and_shift(void)
{
    enum { NMAX = 10 };
    static const double shifts[] = { 1e4, -1e4, 700.0 };
    nn_rng r;
    nn_rng_seed(&r, 8, 4);
    for (int t = 0; t < 200; t++) {
        int n = 1 + (int)nn_rng_below(&r, NMAX);
        double z[NMAX + 1], zc[NMAX + 1], p[NMAX + 1], pc[NMAX + 1];
        double zmax = 0.0, sum = 0.0;
        for (int i = 1; i <= n; i++) {
            /* multiples of 1/64 in (-20, 20): z + c is exact below */
            z[i] = round(64 * 5 * nn_rng_normal(&r)) / 64;
            z[i] = fmax(-20, fmin(20, z[i]));
            zmax = fmax(zmax, fabs(z[i]));
        }
        nn_softmax(z, n, p);
        for (int i = 1; i <= n; i++) {
            CHECK(p[i] >= 0.0 && p[i] <= 1.0);
            sum += p[i];
        }
        /* Each p_i is exp(z_i - lse) with lse off by eps (zmax + log n)
           and the subtraction off by eps (2 zmax + log n); the n-term sum
           adds n eps. */
        CHECK_NEAR(sum, 1.0, DBL_EPSILON * (4 * zmax + 3 * n + 8));
        for (size_t q = 0; q < sizeof shifts / sizeof shifts[0]; q++) {
            double c = shifts[q];
            for (int i = 1; i <= n; i++)
                zc[i] = z[i] + c;
            nn_softmax(zc, n, pc);
            /* lse(z + c) = (max z + c) + log sum, rounded to an ulp of
               c: a relative error eps (|c| + 4 zmax + 10) in each p. */
            for (int i = 1; i <= n; i++)
                CHECK_NEAR(pc[i], p[i],
                           DBL_EPSILON * (fabs(c) + 4 * zmax + 10) * p[i]);
        }
    }
}

/* Output networks with every activation, for nn_loss_check. */
void test_loss_check_pairs(void)
{
    for (int a = 0; a < NN_ACT_COUNT; a++) {
        nn_net *N = test_output_layer(2, (nn_activation)a);
        if (N == NULL)
            return;
        nn_err err;
        const char *name = nn_act_name((nn_activation)a);

        CHECK(nn_loss_check(NN_LOSS_SQUARED, N, &err) == 0);

        strcpy(err.msg, "");
        int bce = nn_loss_check(NN_LOSS_BCE, N, &err);
        if (a == NN_ACT_SIGMOID) {
            CHECK(bce == 0);
        } else {
            CHECK(bce == -1);
            CHECK(strstr(err.msg, "cross-entropy") != NULL);
            CHECK(strstr(err.msg, "sigmoid") != NULL);
            CHECK(strstr(err.msg, name) != NULL);
            CHECK(nn_loss_check(NN_LOSS_BCE, N, NULL) == -1);   /* no message */
        }

        strcpy(err.msg, "");
        int sce = nn_loss_check(NN_LOSS_SOFTMAX_CE, N, &err);
        if (a == NN_ACT_IDENTITY) {
            CHECK(sce == 0);
        } else {
            CHECK(sce == -1);
            CHECK(strstr(err.msg, "softmax") != NULL);
            CHECK(strstr(err.msg, "identity") != NULL);
            CHECK(strstr(err.msg, name) != NULL);
            CHECK(nn_loss_check(NN_LOSS_SOFTMAX_CE, N, NULL) == -1);
        }

        strcpy(err.msg, "");
        CHECK(nn_loss_check(NN_LOSS_COUNT, N, &err) == -1);
        CHECK(strstr(err.msg, "loss") != NULL);
        CHECK(nn_loss_check((nn_loss_kind)-1, N, &err) == -1);
        nn_net_free(N);
    }

    /* Not a loss: a NaN value and NaN errors, not a guess. */
    nn_net *N = test_output_layer(2, NN_ACT_IDENTITY);
    if (N == NULL)
        return;
    const double y[2] = { 0, 1 };
    double d[3] = { 0, 0, 0 };
    CHECK(isnan(nn_loss_value(NN_LOSS_COUNT, N, y)));
    nn_loss_error(NN_LOSS_COUNT, N, y, d);
    CHECK(isnan(d[1]) && isnan(d[2]));
    nn_net_free(N);
}

void test_loss_names(void)
{
    static const char *const names[NN_LOSS_COUNT] = {
        "squared", "bce", "softmax-ce"
    };
    for (int k = 0; k < NN_LOSS_COUNT; k++) {
        nn_loss_kind q = NN_LOSS_COUNT;
        CHECK(strcmp(nn_loss_name((nn_loss_kind)k), names[k]) == 0);
        CHECK(nn_loss_parse(nn_loss_name((nn_loss_kind)k), &q) == 0);
        CHECK(q == (nn_loss_kind)k);
    }
    CHECK(strcmp(nn_loss_name(NN_LOSS_COUNT), "(invalid)") == 0);
    CHECK(strcmp(nn_loss_name((nn_loss_kind)-1), "(invalid)") == 0);
    static const char *const bad[] = {
        "", "Squared", "BCE", "bce ", " bce", "softmax", "softmax-ce-",
        "softmax_ce", "cross-entropy", "(invalid)", "sigmoid"
    };
    for (size_t t = 0; t < sizeof bad / sizeof bad[0]; t++) {
        nn_loss_kind q = NN_LOSS_BCE;
        CHECK(nn_loss_parse(bad[t], &q) == -1);
    }
}
