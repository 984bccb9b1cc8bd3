/* Tests of chapter 10: the zeros task draws what the text says, the
   2-4-4-3 LeakyReLU network learns to output zeros one fresh sample at
   a time, train_fresh is a draw and an epoch, and a run is reproducible
   bit for bit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "nets.h"
#include "toy-tasks.h"

/* The network of the chapter, with its weights from stream 101. */
static nn_net *zeros_net(long seed)
{
    const int n[] = { 0, 2, 4, 4, 3 };
    const nn_activation A[] = { NN_ACT_LEAKY_RELU, NN_ACT_LEAKY_RELU,
                             NN_ACT_LEAKY_RELU, NN_ACT_LEAKY_RELU,
                             NN_ACT_LEAKY_RELU };
    nn_net *N = test_net(4, n, A);
    if (N != NULL) {
        nn_rng init;
        nn_rng_seed(&init, (uint64_t)seed, 101);
        nn_net_init(N, &init);
    }
    return N;
}

/* The accumulated loss of N over E, as the program measures it. */
static double summed_loss(nn_net *N, const nn_dataset *E)
{
    double loss = NAN;
    CHECK(nn_mean_loss(N, E, NN_LOSS_SQUARED, &loss, NULL) == 0);
    return loss * (double)E->n;
}

/* Train N as zeros does: blocks of 100 fresh samples from stream 102,
   batches of one, rate eta. */
static void train_zeros(nn_net *N, double eta, long samples, long seed)
{
    nn_dataset B;
    nn_err err;
    CHECK(nn_data_create(&B, 100, 2, 3, &err) == 0);
    nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = eta,
        .batch = 1 };
    nn_trainer *T = nn_trainer_create(N, B.n, &o, &err);
    CHECK(T != NULL);
    if (T != NULL && B.x != NULL) {
        nn_rng data;
        nn_rng_seed(&data, (uint64_t)seed, 102);
        for (long b = 0; b < samples / 100; b++)
            CHECK(train_fresh(T, &B, zeros_draw, &data, NULL, NULL) == 0);
    }
    nn_trainer_free(T);
    nn_data_free(&B);
}

/* Inputs standard normal, targets exactly 0, for any d and m.  With
   N = 3 * 10^5 values the sample mean has standard error 1/sqrt(N) =
   0.0018 and the sample variance sqrt(2/N) = 0.0026; tolerances of
   about six standard errors fail a correct generator with probability
   below 10^-8 (and the seed is fixed anyway). */
void test_zeros_draw_distribution(void)
{
    nn_dataset D;
    nn_err err;
    CHECK(nn_data_create(&D, 100000, 3, 2, &err) == 0);
    if (D.x == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 7, 102);
    zeros_draw(&D, &r);
    size_t nx = D.n * 3;
    double sum = 0.0, sumsq = 0.0;
    for (size_t p = 0; p < nx; p++)
        sum += D.x[p], sumsq += D.x[p] * D.x[p];
    double mean = sum / nx, var = sumsq / nx - mean * mean;
    CHECK_NEAR(mean, 0.0, 0.011);
    CHECK_NEAR(var, 1.0, 0.016);
    int zero = 1;
    for (size_t p = 0; p < D.n * 2; p++)
        zero &= D.y[p] == 0.0;
    CHECK(zero);
    nn_data_free(&D);
}

/* train_fresh is exactly zeros_draw followed by an epoch in order. */
void test_train_fresh_is_draw_and_epoch(void)
{
    nn_net *A = zeros_net(5), *B = zeros_net(5);
    nn_dataset D1, D2;
    nn_err err;
    CHECK(nn_data_create(&D1, 50, 2, 3, &err) == 0);
    CHECK(nn_data_create(&D2, 50, 2, 3, &err) == 0);
    nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = 0.01,
        .batch = 1 };
    nn_trainer *T1 = A ? nn_trainer_create(A, 50, &o, &err) : NULL;
    nn_trainer *T2 = B ? nn_trainer_create(B, 50, &o, &err) : NULL;
    CHECK(T1 != NULL && T2 != NULL);
    if (T1 != NULL && T2 != NULL && D1.x != NULL && D2.x != NULL) {
        nn_rng r1, r2;
        nn_rng_seed(&r1, 9, 102);
        nn_rng_seed(&r2, 9, 102);
        double l1 = NAN, l2 = NAN;
        CHECK(train_fresh(T1, &D1, zeros_draw, &r1, &l1, NULL) == 0);
        zeros_draw(&D2, &r2);
        CHECK(nn_train_epoch(T2, &D2, NULL, &l2, NULL) == 0);
        CHECK(l1 == l2);
        CHECK(memcmp(A->wflat, B->wflat, A->nw * sizeof(double)) == 0);
        CHECK(memcmp(D1.x, D2.x, 100 * sizeof(double)) == 0);
    }
    nn_trainer_free(T1), nn_trainer_free(T2);
    nn_data_free(&D1), nn_data_free(&D2);
    nn_net_free(A), nn_net_free(B);
}

/* The demo of the chapter on 10^4 samples (a few milliseconds): the
   loss summed over 100 evaluation samples falls by more than 100 times,
   for the build's seed and two others. */
void test_zeros_learns(void)
{
    const long seeds[] = { 2026, 1, 2 };
    for (int t = 0; t < 3; t++) {
        nn_net *N = zeros_net(seeds[t]);
        nn_dataset E;
        nn_err err;
        CHECK(nn_data_create(&E, 100, 2, 3, &err) == 0);
        if (N == NULL || E.x == NULL) {
            nn_net_free(N);
            nn_data_free(&E);
            return;
        }
        nn_rng er;
        nn_rng_seed(&er, (uint64_t)seeds[t], 103);
        zeros_draw(&E, &er);
        double before = summed_loss(N, &E);
        train_zeros(N, 0.01, 10000, seeds[t]);
        double after = summed_loss(N, &E);
        if (!(after * 100 < before))
            check_fail(__FILE__, __LINE__, "seed %ld: loss %g -> %g",
                       seeds[t], before, after);
        nn_net_free(N);
        nn_data_free(&E);
    }
}

/* Same seed, same weights, to the last bit. */
void test_zeros_reproducible(void)
{
    nn_net *A = zeros_net(2026), *B = zeros_net(2026);
    if (A == NULL || B == NULL) {
        nn_net_free(A), nn_net_free(B);
        return;
    }
    train_zeros(A, 0.01, 2000, 2026);
    train_zeros(B, 0.01, 2000, 2026);
    CHECK(memcmp(A->wflat, B->wflat, A->nw * sizeof(double)) == 0);
    nn_net_free(A), nn_net_free(B);
}
