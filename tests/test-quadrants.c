/* Tests of chapter 11: the quadrants task draws what the text says
   (uniform on [-2,2]^2, one-hot targets by the sign of x1 x2, balanced
   classes), a wider network learns it to at least 95% held-out
   accuracy, and training is reproducible bit for bit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "nets.h"
#include "toy-tasks.h"

void test_quadrants_class(void)
{
    CHECK(quadrants_class(1.0, 1.0) == 0);
    CHECK(quadrants_class(-1.5, -0.25) == 0);
    CHECK(quadrants_class(1.0, -1.0) == 1);
    CHECK(quadrants_class(-2.0, 0.5) == 1);
    CHECK(quadrants_class(0.0, 1.0) == 1);      /* the axes: class 1 */
    CHECK(quadrants_class(-1.0, 0.0) == 1);
}

/* With N = 10^5 points: each coordinate, uniform on [-2, 2], has mean 0
   and variance 4/3, so the sample mean has standard error
   sqrt(4/3 / N) = 0.0037; the sample variance has standard error
   sqrt((E x^4 - (E x^2)^2) / N) = sqrt((16/5 - 16/9) / N) = 0.0038;
   the sample mean of x1 x2 (independence) sqrt(16/9 / N) = 0.0042; the
   share of class 0, sqrt(1/4 / N) = 0.0016.  The tolerances are five to
   six standard errors. */
void test_quadrants_draw_distribution(void)
{
    enum { N = 100000 };
    nn_dataset D;
    nn_err err;
    CHECK(nn_data_create(&D, N, 2, 2, &err) == 0);
    if (D.x == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 11, 112);
    quadrants_draw(&D, &r);
    double sum[2] = { 0, 0 }, sumsq[2] = { 0, 0 }, cross = 0.0;
    long class0 = 0, bad = 0;
    for (size_t s = 0; s < D.n; s++) {
        const double *x = D.x + 2 * s, *y = D.y + 2 * s;
        for (int a = 0; a < 2; a++) {
            sum[a] += x[a], sumsq[a] += x[a] * x[a];
            bad += !(x[a] >= -2.0 && x[a] < 2.0);
        }
        cross += x[0] * x[1];
        int c = quadrants_class(x[0], x[1]);
        bad += !(y[c] == 1.0 && y[1 - c] == 0.0);
        class0 += c == 0;
    }
    CHECK(bad == 0);
    for (int a = 0; a < 2; a++) {
        double mean = sum[a] / N;
        CHECK_NEAR(mean, 0.0, 0.02);
        CHECK_NEAR(sumsq[a] / N - mean * mean, 4.0 / 3.0, 0.02);
    }
    CHECK_NEAR(cross / N, 0.0, 0.025);
    CHECK_NEAR((double)class0 / N, 0.5, 0.008);
    nn_data_free(&D);
}

/* A 2-h-2 LeakyReLU network, weights from stream 111. */
static nn_net *quadrants_net(int h, long seed)
{
    const int n[] = { 0, 2, h, 2 };
    const nn_activation A[] = { NN_ACT_LEAKY_RELU, NN_ACT_LEAKY_RELU,
                             NN_ACT_LEAKY_RELU, NN_ACT_LEAKY_RELU };
    nn_net *N = test_net(3, n, A);
    if (N != NULL) {
        nn_rng init;
        nn_rng_seed(&init, (uint64_t)seed, 111);
        nn_net_init(N, &init);
    }
    return N;
}

/* Least squares, batches of one, samples fresh from stream 112. */
static void train_quadrants(nn_net *N, double eta, size_t samples, long seed)
{
    nn_dataset D;
    nn_err err;
    CHECK(nn_data_create(&D, samples, 2, 2, &err) == 0);
    nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = eta,
        .batch = 1 };
    nn_trainer *T = nn_trainer_create(N, samples, &o, &err);
    CHECK(T != NULL);
    if (T != NULL && D.x != NULL) {
        nn_rng data;
        nn_rng_seed(&data, (uint64_t)seed, 112);
        CHECK(train_fresh(T, &D, quadrants_draw, &data, NULL, NULL) == 0);
    }
    nn_trainer_free(T);
    nn_data_free(&D);
}

/* The recipe of the chapter's table, on half the samples: a 2-8-2
   network with rate 0.01 classifies at least 95% of 1000 held-out
   points right, for the build's seed and another; untrained, it is
   nowhere near that. */
void test_quadrants_learns(void)
{
    const long seeds[] = { 2026, 3 };
    for (int t = 0; t < 2; t++) {
        nn_net *N = quadrants_net(8, seeds[t]);
        nn_dataset H;
        nn_err err;
        CHECK(nn_data_create(&H, 1000, 2, 2, &err) == 0);
        if (N == NULL || H.x == NULL) {
            nn_net_free(N);
            nn_data_free(&H);
            return;
        }
        nn_rng hr;
        nn_rng_seed(&hr, (uint64_t)seeds[t], 113);
        quadrants_draw(&H, &hr);
        double before = NAN, after = NAN;
        CHECK(nn_accuracy(N, &H, &before, NULL) == 0);
        train_quadrants(N, 0.01, 50000, seeds[t]);
        CHECK(nn_accuracy(N, &H, &after, NULL) == 0);
        CHECK(before < 0.9);
        if (!(after >= 0.95))
            check_fail(__FILE__, __LINE__, "seed %ld: accuracy %.3f",
                       seeds[t], after);
        nn_net_free(N);
        nn_data_free(&H);
    }
}

/* Same seed, same weights to the last bit; another seed, others. */
void test_quadrants_reproducible(void)
{
    nn_net *A = quadrants_net(3, 2026), *B = quadrants_net(3, 2026);
    nn_net *C = quadrants_net(3, 2027);
    if (A != NULL && B != NULL && C != NULL) {
        train_quadrants(A, 0.05, 5000, 2026);
        train_quadrants(B, 0.05, 5000, 2026);
        train_quadrants(C, 0.05, 5000, 2027);
        CHECK(memcmp(A->wflat, B->wflat, A->nw * sizeof(double)) == 0);
        CHECK(memcmp(A->wflat, C->wflat, A->nw * sizeof(double)) != 0);
    }
    nn_net_free(A), nn_net_free(B), nn_net_free(C);
}

/* Wilson's interval against values computed by hand from its formula
   (81 of 263, the textbook example; 9924 of 10000 as in the chapter),
   its ends at k = 0 and k = n (not a single point, and within [0, 1]),
   its symmetry under k -> n - k, and NaN for impossible counts. */
void test_wilson_interval(void)
{
    double lo, hi, lo2, hi2;
    wilson_interval(81, 263, 1.96, &lo, &hi);
    CHECK_NEAR(lo, 0.2552876131, 1e-9);
    CHECK_NEAR(hi, 0.3662106841, 1e-9);
    wilson_interval(9924, 10000, 1.96, &lo, &hi);
    CHECK_NEAR(lo, 0.9904985839, 1e-9);
    CHECK_NEAR(hi, 0.9939232406, 1e-9);
    wilson_interval(10, 10, 1.96, &lo, &hi);
    CHECK_NEAR(lo, 0.7224598312, 1e-9);
    CHECK(hi == 1.0);
    wilson_interval(0, 10, 1.96, &lo, &hi);
    CHECK(lo == 0.0);
    CHECK_NEAR(hi, 0.2775401688, 1e-9);
    wilson_interval(3, 17, 1.96, &lo, &hi);
    wilson_interval(14, 17, 1.96, &lo2, &hi2);
    CHECK_NEAR(lo, 1.0 - hi2, 1e-12);
    CHECK_NEAR(hi, 1.0 - lo2, 1e-12);
    CHECK(lo < 3.0 / 17 && 3.0 / 17 < hi);
    wilson_interval(11, 10, 1.96, &lo, &hi);
    CHECK(isnan(lo) && isnan(hi));
    wilson_interval(0, 0, 1.96, &lo, &hi);
    CHECK(isnan(lo) && isnan(hi));
    wilson_interval(-1, 10, 1.96, &lo, &hi);
    CHECK(isnan(lo) && isnan(hi));
}
