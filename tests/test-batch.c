/* Tests of the batched passes (chapter 16): nn_net_backprop_batch against b
   calls of nn_net_backprop, nn_net_forward_batch against nn_net_forward, and the
   workspace's refusals. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "backprop.h"
#include "batch.h"
#include "check.h"
#include "nets.h"
#include "rng.h"

enum { MAXL = 5, MAXW = 9, MAXB = 19 };

/* Round-off allowance: the two ways add the same terms, perhaps in
   another order or with fused multiply-adds.  A sum of at most MAXB
   terms then differs by about MAXB * 2^-53 of the sum of the terms'
   magnitudes, some 2e-15, far below RELTOL. */
#define RELTOL 1e-12

/* A random network of L layers of widths 1 .. MAXW: hidden activation a,
   output activation out; every weight drawn, the biases too. */
static nn_net *random_net(nn_rng *r, int L, nn_activation a, nn_activation out)
{
    int n[MAXL + 1];
    nn_activation A[MAXL + 1];
    for (int k = 1; k <= L; k++) {
        n[k] = 1 + (int)nn_rng_below(r, MAXW);
        A[k] = a;
    }
    A[L] = out;
    nn_net *N = test_net(L, n, A);
    if (N != NULL)
        for (size_t p = 0; p < N->nw; p++)
            N->wflat[p] = nn_rng_normal(r);
    return N;
}

/* One network, one loss, every b from 1 to B: the batch's gradient, loss
   and count, then a second batch that must add to the first. */
static void check_batches(nn_rng *r, nn_net *N, nn_loss_kind k, int B)
{
    nn_err err;
    nn_batch_work *W = nn_batch_create(N, B, &err);
    if (W == NULL) {
        check_fail(__FILE__, __LINE__, "batch_create: %s", err.msg);
        return;
    }
    int d = N->n[1], m = N->n[N->L];
    double X[MAXB * MAXW], Y[MAXB * MAXW];
    double *g = malloc(4 * N->nw * sizeof *g), *a = g + N->nw;
    double *twice = a + N->nw, *once = twice + N->nw;
    if (g == NULL) {
        check_fail(__FILE__, __LINE__, "out of memory");
        nn_batch_free(W);
        return;
    }
    for (int b = 1; b <= B; b++) {
        for (int s = 0; s < b; s++) {
            for (int j = 0; j < d; j++)
                X[s * d + j] = nn_rng_normal(r);
            test_draw_targets(r, k, m, Y + s * m);
        }
        double loss, scale;
        test_gradient_sum(N, X, Y, b, k, g, a, &loss, &scale, NULL, NULL);
        nn_net_zero_grad(N);
        double lb = NAN, lb2 = NAN;
        CHECK(nn_net_backprop_batch(N, W, X, Y, b, k, &lb, NULL) == 0);
        memcpy(once, N->dwflat, N->nw * sizeof *once);
        long nsum = N->nsum;
        CHECK(nn_net_backprop_batch(N, W, X, Y, b, k, &lb2, NULL) == 0);
        memcpy(twice, N->dwflat, N->nw * sizeof *twice);
        int bad = 0;
        for (size_t p = 0; p < N->nw; p++) {
            bad += test_far(RELTOL, once[p], g[p], a[p]);
            bad += test_far(RELTOL, twice[p], 2 * g[p], 2 * a[p]);
        }
        if (bad)
            check_fail(__FILE__, __LINE__, "%d gradient entries differ "
                       "(L %d, loss %s, b %d of %d)", bad, N->L,
                       nn_loss_name(k), b, B);
        CHECK(!test_far(RELTOL, lb, loss, scale) && lb2 == lb);
        CHECK(nsum == b && N->nsum == 2 * b);
    }
    free(g);
    nn_batch_free(W);
}

/* Networks of 1 .. 4 weight matrices, every hidden activation, each with
   the pairings nn_loss_check allows: least squares after any output, binary
   cross-entropy after a sigmoid, softmax cross-entropy after identity. */
void test_batch_matches_per_sample(void)
{
    nn_rng r;
    nn_rng_seed(&r, 15, 1);
    for (int rep = 0; rep < 3; rep++)
        for (int L = 2; L <= MAXL; L++)
            for (int a = 0; a < NN_ACT_COUNT; a++)
                for (int q = 0; q < 2 + NN_ACT_COUNT; q++) {
                    nn_activation out = q < NN_ACT_COUNT ? (nn_activation)q
                                   : q == NN_ACT_COUNT ? NN_ACT_SIGMOID
                                                    : NN_ACT_IDENTITY;
                    nn_loss_kind k = q < NN_ACT_COUNT ? NN_LOSS_SQUARED
                                : q == NN_ACT_COUNT ? NN_LOSS_BCE
                                                 : NN_LOSS_SOFTMAX_CE;
                    nn_net *N = random_net(&r, L, (nn_activation)a, out);
                    if (N == NULL)
                        return;
                    int B = 1 + (int)nn_rng_below(&r, MAXB);
                    check_batches(&r, N, k, B);
                    nn_net_free(N);
                }
}

/* nn_net_forward_batch gives nn_net_forward's outputs, sample by sample.  The
   scale is the sum of the magnitudes of the output's terms: every
   activation has |A'| <= 1, so it does not enlarge an error of z. */
void test_batch_forward_matches(void)
{
    nn_rng r;
    nn_rng_seed(&r, 15, 2);
    for (int rep = 0; rep < 40; rep++) {
        int L = 2 + (int)nn_rng_below(&r, MAXL - 1);
        nn_activation a = (nn_activation)nn_rng_below(&r, NN_ACT_COUNT);
        nn_activation out = (nn_activation)nn_rng_below(&r, NN_ACT_COUNT);
        nn_net *N = random_net(&r, L, a, out);
        if (N == NULL)
            return;
        int B = 1 + (int)nn_rng_below(&r, MAXB);
        int b = 1 + (int)nn_rng_below(&r, (uint32_t)B);
        int d = N->n[1], m = N->n[L];
        nn_batch_work *W = nn_batch_create(N, B, NULL);
        double X[MAXB * MAXW], P[MAXB * MAXW];
        for (int p = 0; p < b * d; p++)
            X[p] = nn_rng_normal(&r);
        CHECK(W != NULL);
        if (W != NULL)
            CHECK(nn_net_forward_batch(N, W, X, b, P, NULL) == 0);
        for (int s = 0; s < b && W != NULL; s++) {
            const double *y = nn_net_forward(N, X + s * d);
            for (int i = 1; i <= m; i++) {
                double scale = 0.0;
                for (int j = 0; j <= N->n[L - 1]; j++)
                    scale += fabs(N->w[L - 1][i][j] * N->l[L - 1][j]);
                CHECK(!test_far(RELTOL, P[s * m + i - 1], y[i], scale));
            }
        }
        nn_batch_free(W);
        nn_net_free(N);
    }
}

/* A batch of no sample is refused; so is one the memory cannot hold, with
   a message that says so (the runner's ASan lets malloc return NULL). */
void test_batch_create_rejects(void)
{
    const int n[] = { 0, 1, 100000, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_RELU, NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    nn_err err = { "" };
    CHECK(nn_batch_create(N, 0, &err) == NULL && strstr(err.msg, "0") != NULL);
    CHECK(nn_batch_create(N, -3, NULL) == NULL);
    strcpy(err.msg, "");
    nn_batch_work *W = nn_batch_create(N, INT_MAX, &err);
    CHECK(W == NULL && strstr(err.msg, "out of memory") != NULL);
    nn_batch_free(W);
    nn_batch_free(NULL);
    nn_net_free(N);
}

/* A batch size outside 1 .. B, a workspace of another network (of
   another width in any layer, even with as many weights), or a loss
   that does not fit the output layer is refused with -1 and a message
   that says why, leaving the gradient, the count, the loss and the
   outputs alone. */
static void expect_refusal(nn_net *N, nn_batch_work *W, int b, nn_loss_kind k,
                           const char *why, int line)
{
    double X[16] = { 0 }, Y[16] = { 0 }, P[16], loss = 42.0;
    for (int i = 0; i < 16; i++)
        P[i] = 42.0;
    nn_err err = { "" };
    nn_net_zero_grad(N);
    int r = nn_net_backprop_batch(N, W, X, Y, b, k, &loss, &err);
    if (r != -1 || strstr(err.msg, why) == NULL)
        check_fail(__FILE__, line, "backprop: %d \"%s\", wanted \"%s\"",
                   r, err.msg, why);
    if (N->nsum != 0 || loss != 42.0)
        check_fail(__FILE__, line, "a refused batch changed something");
    for (size_t p = 0; p < N->nw; p++)
        if (N->dwflat[p] != 0.0)
            check_fail(__FILE__, line, "a refused batch changed dw");
    if (k != NN_LOSS_SQUARED)          /* nn_loss_check: backprop only */
        return;
    err.msg[0] = '\0';
    r = nn_net_forward_batch(N, W, X, b, P, &err);
    if (r != -1 || strstr(err.msg, why) == NULL)
        check_fail(__FILE__, line, "forward: %d \"%s\", wanted \"%s\"",
                   r, err.msg, why);
    for (int i = 0; i < 16; i++)
        if (P[i] != 42.0)
            check_fail(__FILE__, line, "a refused batch wrote P");
}

void test_batch_rejects_misuse(void)
{
    const int n[] = { 0, 2, 3, 1 }, n2[] = { 0, 2, 4, 1 };
    const int n3[] = { 0, 1, 1, 5 }, n4[] = { 0, 2, 2, 2 }; /* both 12 */
    const int n5[] = { 0, 2, 3, 1, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY, NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A), *N2 = test_net(3, n2, A);
    nn_net *N3 = test_net(3, n3, A), *N4 = test_net(3, n4, A);
    nn_net *N5 = test_net(4, n5, A);
    nn_batch_work *W = N == NULL ? NULL : nn_batch_create(N, 4, NULL);
    nn_batch_work *W3 = N3 == NULL ? NULL : nn_batch_create(N3, 2, NULL);
    if (N == NULL || N2 == NULL || N3 == NULL || N4 == NULL || N5 == NULL
        || W == NULL || W3 == NULL) {
        check_fail(__FILE__, __LINE__, "setup failed");
    } else {
        CHECK(N3->nw == N4->nw);
        expect_refusal(N, W, 0, NN_LOSS_SQUARED, "1 to 4", __LINE__);
        expect_refusal(N, W, 5, NN_LOSS_SQUARED, "1 to 4", __LINE__);
        expect_refusal(N2, W, 1, NN_LOSS_SQUARED, "layer 2", __LINE__);
        expect_refusal(N4, W3, 1, NN_LOSS_SQUARED, "layer 1", __LINE__);
        expect_refusal(N5, W, 1, NN_LOSS_SQUARED, "layers", __LINE__);
        expect_refusal(N, W, 1, NN_LOSS_BCE, "sigmoid", __LINE__);
        double X[8] = { 0 }, Y[4] = { 0 }, loss = NAN;
        CHECK(nn_net_backprop_batch(N, W, X, Y, 4, NN_LOSS_SQUARED, &loss,
                                 NULL) == 0);
        CHECK(N->nsum == 4 && loss == loss);
    }
    nn_batch_free(W);
    nn_batch_free(W3);
    nn_net_free(N);
    nn_net_free(N2);
    nn_net_free(N3);
    nn_net_free(N4);
    nn_net_free(N5);
}

/* Epochs of the trainer of chapter 9 (way 0) or of the batched trainer
   (way 1) from weights w0, shuffled with a fixed seed, unless shuffled
   is 0; the rate is halved after every epoch (with a new trainer of
   chapter 9, whose velocity then restarts: only for mu = 0).  The
   weights end in N, the losses in loss[e]. */
static void train_way(int way, nn_net *N, const nn_dataset *D, const double w0[],
                      nn_train_options o, int epochs, int shuffled,
                      double loss[])
{
    nn_err err;
    nn_trainer *T = way == 0 ? nn_trainer_create(N, D->n, &o, &err) : NULL;
    nn_batch_trainer *BT = way == 1 ? nn_batch_trainer_create(N, D->n, &o, &err)
                                 : NULL;
    if (T == NULL && BT == NULL) {
        check_fail(__FILE__, __LINE__, "setup failed: %s", err.msg);
        return;
    }
    nn_batch_source src = nn_data_source(D);
    nn_rng order;
    nn_rng_seed(&order, 7, 7);
    memcpy(N->wflat, w0, N->nw * sizeof *w0);
    for (int e = 0; e < epochs; e++) {
        nn_rng *r = shuffled ? &order : NULL;
        CHECK((way == 0 ? nn_train_epoch(T, D, r, &loss[e], &err)
                        : nn_batch_train_epoch(BT, &src, r, &loss[e], &err))
              == 0);
        o.rate /= 2;
        if (way == 1)
            CHECK(nn_batch_trainer_rate(BT, o.rate, &err) == 0);
        else if (!shuffled && o.momentum == 0.0) {
            nn_trainer_free(T);
            T = nn_trainer_create(N, D->n, &o, &err);
        }
    }
    nn_trainer_free(T);
    nn_batch_trainer_free(BT);
}

/* The two ways from the same weights must end with the same weights to
   RELTOL of the largest and with the same losses. */
static void compare_options(nn_rng *r, int L, nn_activation a,
                            nn_activation out, nn_train_options o, int epochs,
                            int shuffled)
{
    nn_loss_kind k = o.loss;
    nn_net *N = random_net(r, L, a, out);
    nn_dataset D = { 0 };
    double *w0 = N == NULL ? NULL : malloc(2 * N->nw * sizeof *w0);
    if (w0 == NULL || test_random_data(r, N, k, 23, &D) != 0) {
        check_fail(__FILE__, __LINE__, "setup failed");
        free(w0), nn_net_free(N);
        return;
    }
    double *w1 = w0 + N->nw, loss[2][3], big = 0.0, diff = 0.0;
    for (size_t p = 0; p < N->nw; p++)     /* tame enough not to diverge */
        w0[p] = 0.3 * N->wflat[p];
    train_way(0, N, &D, w0, o, epochs, shuffled, loss[0]);
    memcpy(w1, N->wflat, N->nw * sizeof *w1);
    train_way(1, N, &D, w0, o, epochs, shuffled, loss[1]);
    for (size_t p = 0; p < N->nw; p++)
        big = fmax(big, fabs(w1[p]));
    for (size_t p = 0; p < N->nw; p++)
        if (!(fabs(w1[p] - N->wflat[p]) <= diff))
            diff = isfinite(w1[p]) ? fabs(w1[p] - N->wflat[p]) : INFINITY;
    if (!(diff <= RELTOL * big))
        check_fail(__FILE__, __LINE__, "L %d, batch %zu, mu %g, rule %d: "
                   "the weights differ by %g of %g", L, o.batch, o.momentum,
                   (int)o.step, diff, big);
    for (int e = 0; e < epochs; e++)
        if (test_far(RELTOL, loss[1][e], loss[0][e], fabs(loss[0][e])))
            check_fail(__FILE__, __LINE__, "epoch %d: loss %.17g, wanted "
                       "%.17g", e, loss[1][e], loss[0][e]);
    free(w0), nn_data_free(&D), nn_net_free(N);
}

static void compare_trainers(nn_rng *r, int L, nn_activation a, nn_activation out,
                             nn_loss_kind k, size_t batch, double mu,
                             int epochs, int shuffled)
{
    nn_train_options o = { .loss = k, .rate = 0.005, .batch = batch,
        .momentum = mu };
    compare_options(r, L, a, out, o, epochs, shuffled);
}

/* Shuffled epochs at one rate, with and without momentum, batches of 1
   to more than the 23 samples; and unshuffled ones whose rate changes
   between epochs. */
void test_batch_trainer_matches_trainer(void)
{
    nn_rng r;
    nn_rng_seed(&r, 15, 2);
    const size_t batches[] = { 1, 5, 8, 23, 40 };
    for (int L = 2; L <= MAXL; L++)
        for (int q = 0; q < 5; q++) {
            nn_activation a = (nn_activation)(q % NN_ACT_COUNT);
            compare_trainers(&r, L, a, NN_ACT_IDENTITY, NN_LOSS_SOFTMAX_CE,
                             batches[q], 0.9, 1, 1);
            compare_trainers(&r, L, a, NN_ACT_SIGMOID, NN_LOSS_BCE, batches[q],
                             0.0, 1, 1);
            compare_trainers(&r, L, a, NN_ACT_TANH, NN_LOSS_SQUARED, batches[q],
                             0.5, 1, 1);
            compare_trainers(&r, L, a, NN_ACT_IDENTITY, NN_LOSS_SQUARED,
                             batches[q], 0.0, 3, 0);
        }
}

/* The batched trainer refuses what the trainer refuses, a rate that is
   not positive, and a source of another size or shape, leaving the
   weights alone. */
void test_batch_trainer_rejects(void)
{
    const int n[] = { 0, 2, 3, 2 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    nn_dataset D = { 0 }, E = { 0 };
    nn_rng r;
    nn_rng_seed(&r, 15, 3);
    if (N == NULL || test_random_data(&r, N, NN_LOSS_SQUARED, 10, &D) != 0
        || nn_data_create(&E, 10, 3, 2, NULL) != 0) {
        check_fail(__FILE__, __LINE__, "setup failed");
        nn_data_free(&D), nn_net_free(N);
        return;
    }
    nn_err err = { "" };
    nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = 0.1,
        .batch = 4 }, bad = o;
    bad.rate = 0.0;
    CHECK(nn_batch_trainer_create(N, 10, &bad, &err) == NULL
          && strstr(err.msg, "rate") != NULL);
    bad = o, bad.loss = NN_LOSS_BCE;
    CHECK(nn_batch_trainer_create(N, 10, &bad, &err) == NULL
          && strstr(err.msg, "sigmoid") != NULL);
    nn_batch_trainer *T = nn_batch_trainer_create(N, 10, &o, &err);
    if (T == NULL) {
        check_fail(__FILE__, __LINE__, "batch_trainer_create: %s", err.msg);
    } else {
        double w[17], loss = 42.0;
        CHECK(N->nw == 17);
        memcpy(w, N->wflat, sizeof w);
        CHECK(nn_batch_trainer_rate(T, -1.0, &err) == -1
              && strstr(err.msg, "rate") != NULL);
        nn_batch_source wrong = nn_data_source(&D);
        wrong.n = 9;
        CHECK(nn_batch_train_epoch(T, &wrong, NULL, &loss, &err) == -1
              && strstr(err.msg, "10 samples") != NULL);
        wrong = nn_data_source(&E);
        CHECK(nn_batch_train_epoch(T, &wrong, NULL, &loss, &err) == -1
              && strstr(err.msg, "3 inputs") != NULL);
        CHECK(memcmp(N->wflat, w, sizeof w) == 0 && loss == 42.0);
        nn_batch_source src = nn_data_source(&D);
        CHECK(nn_batch_train_epoch(T, &src, NULL, &loss, &err) == 0);
        CHECK(memcmp(N->wflat, w, sizeof w) != 0 && isfinite(loss));
    }
    nn_batch_trainer_free(T);
    nn_batch_trainer_free(NULL);
    nn_data_free(&D), nn_data_free(&E), nn_net_free(N);
}

/* The batched trainer keeps the state of every step rule as the trainer
   does (Adam's two means and its count): a shuffled epoch of AdaGrad,
   RMSProp and Adam, with weight decay, ends with the same weights both
   ways.  And a new rate must keep rate * decay below 1. */
void test_batch_trainer_takes_every_rule(void)
{
    nn_rng r;
    nn_rng_seed(&r, 15, 4);
    const nn_train_options rules[3] = {
        { .loss = NN_LOSS_SQUARED, .rate = 0.005, .batch = 5,
          .step = NN_STEP_ADAGRAD, .epsilon = 1e-8, .decay = 0.1 },
        { .loss = NN_LOSS_SQUARED, .rate = 0.005, .batch = 5,
          .step = NN_STEP_RMSPROP, .beta2 = 0.9, .epsilon = 1e-8 },
        { .loss = NN_LOSS_SQUARED, .rate = 0.005, .batch = 5,
          .step = NN_STEP_ADAM, .beta1 = 0.9, .beta2 = 0.999,
          .epsilon = 1e-8, .decay = 0.1, .decay_bias = 1 } };
    for (int L = 2; L <= MAXL; L++)
        for (int q = 0; q < 3; q++)
            compare_options(&r, L, NN_ACT_TANH, NN_ACT_IDENTITY, rules[q], 1,
                            1);
    const int n[] = { 0, 2, 3, 2 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    nn_train_options o = rules[2];
    o.decay = 0.5;
    nn_err err = { "" };
    nn_batch_trainer *T = N == NULL ? NULL
                                    : nn_batch_trainer_create(N, 10, &o, &err);
    CHECK(T != NULL);
    if (T != NULL) {
        CHECK(nn_batch_trainer_rate(T, 2.0, &err) == -1
              && strstr(err.msg, "rate * decay < 1") != NULL);
        CHECK(nn_batch_trainer_rate(T, 1.0, &err) == 0);
    }
    nn_batch_trainer_free(T);
    nn_net_free(N);
}
