/* Tests of chapter 12: the two-blob generator draws the distribution the
   text documents, the 2-2-2-1 classifier learns it, training is
   reproducible bit for bit, and a dead ReLU node gets exactly zero
   gradient on its incoming weights. */
#include <math.h>
#include <string.h>
#include "backprop.h"
#include "blobs.h"
#include "check.h"
#include "nets.h"
#include "train.h"

/* The network of the chapter with its weights from stream 122, as the
   program classifier draws them. */
static nn_net *classifier(long seed, nn_activation hidden)
{
    int n[] = { 0, 2, 2, 2, 1 };
    nn_activation A[] = { 0, 0, hidden, hidden, NN_ACT_SIGMOID };
    nn_net *N = test_net(4, n, A);
    if (N != NULL) {
        nn_rng init;
        nn_rng_seed(&init, (uint64_t)seed, 122);
        nn_net_init(N, &init);
    }
    return N;
}

static void train(nn_net *N, const nn_dataset *D, long seed, long epochs)
{
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.1, .batch = 10 };
    nn_err err;
    nn_trainer *T = nn_trainer_create(N, D->n, &o, &err);
    CHECK(T != NULL);
    if (T == NULL)
        return;
    nn_rng order;
    nn_rng_seed(&order, (uint64_t)seed, 123);
    for (long e = 0; e < epochs; e++)
        CHECK(nn_train_epoch(T, D, &order, NULL, NULL) == 0);
    nn_trainer_free(T);
}

/* Per class: the share of samples, and the mean and variance of each
   coordinate.  With n = 200000 samples, n/2 per class: the standard
   error of a class share is sqrt(1/4n) = 0.0011, of a mean sd/sqrt(n/2)
   <= 0.0032, of a variance sd^2 sqrt(2/(n/2)) <= 0.0045.  The
   tolerances are five standard errors, so a correct generator fails
   with probability below 1e-5 per check (the seed is fixed anyway),
   and a wrong mean or spread of 0.02 cannot pass. */
void test_blobs_distribution(void)
{
    const size_t n = 200000;
    nn_dataset D;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 7, 121);
    CHECK(blobs_draw(&D, n, &blobs_book, &r, &err) == 0);
    if (D.x == NULL)
        return;
    CHECK(D.d == 2 && D.m == 1 && D.n == n);
    double cnt[2] = { 0 }, sum[2][2] = { { 0 } }, sq[2][2] = { { 0 } };
    for (size_t s = 0; s < n; s++) {
        int c = (int)D.y[s];
        CHECK(D.y[s] == 0.0 || D.y[s] == 1.0);
        cnt[c]++;
        for (int a = 0; a < 2; a++) {
            sum[c][a] += D.x[2 * s + a];
            sq[c][a] += D.x[2 * s + a] * D.x[2 * s + a];
        }
    }
    CHECK_NEAR(cnt[1] / n, 0.5, 5 * sqrt(0.25 / n));
    for (int c = 0; c < 2; c++)
        for (int a = 0; a < 2; a++) {
            double mean = sum[c][a] / cnt[c];
            double var = sq[c][a] / cnt[c] - mean * mean;
            double sd = blobs_book.sd[c];
            CHECK_NEAR(mean, blobs_book.mean[c][a], 5 * sd / sqrt(cnt[c]));
            CHECK_NEAR(var, sd * sd, 5 * sd * sd * sqrt(2.0 / cnt[c]));
        }
    nn_data_free(&D);
}

/* The Bayes rule by hand: the centres belong to their own classes, and
   far from both centres the wide class 1 wins. */
void test_blobs_bayes(void)
{
    const double far[2] = { -30.0, 0.0 };
    CHECK(blobs_bayes(&blobs_book, blobs_book.mean[0]) == 0);
    CHECK(blobs_bayes(&blobs_book, blobs_book.mean[1]) == 1);
    CHECK(blobs_bayes(&blobs_book, far) == 1);
    CHECK_NEAR(blobs_log_odds(&blobs_book, blobs_book.mean[0]),
               -(2.0 * log(1.0 / 0.6) + 0.5 * (4.0 + 1.0)), 1e-12);
}

/* A reduced run: 100 epochs instead of the book's 200, same data and
   rate.  The Bayes rule gets about 0.94 of this distribution right and
   the book's run about 0.93; the floor 0.88 leaves room for the shorter
   training, and a classifier that had learnt nothing would be near 0.5. */
void test_classifier_learns(void)
{
    nn_dataset train_set, test_set;
    nn_err err;
    nn_rng data;
    nn_rng_seed(&data, 2026, 121);
    CHECK(blobs_draw(&train_set, 200, &blobs_book, &data, &err) == 0);
    CHECK(blobs_draw(&test_set, 1000, &blobs_book, &data, &err) == 0);
    nn_net *N = classifier(2026, NN_ACT_RELU);
    if (N == NULL || train_set.x == NULL || test_set.x == NULL)
        return;
    double before = NAN, after = NAN, acc_train = NAN, acc_test = NAN;
    CHECK(nn_mean_loss(N, &train_set, NN_LOSS_BCE, &before, NULL) == 0);
    train(N, &train_set, 2026, 100);
    CHECK(nn_mean_loss(N, &train_set, NN_LOSS_BCE, &after, NULL) == 0);
    CHECK(after < 0.5 * before);
    CHECK(nn_accuracy(N, &train_set, &acc_train, NULL) == 0);
    CHECK(acc_train >= 0.88);
    CHECK(nn_accuracy(N, &test_set, &acc_test, NULL) == 0);
    CHECK(acc_test >= 0.88);
    nn_net_free(N);
    nn_data_free(&train_set);
    nn_data_free(&test_set);
}

/* Same seed, same data, same weights after training, to the bit. */
void test_classifier_reproducible(void)
{
    nn_net *N[2];
    for (int t = 0; t < 2; t++) {
        nn_dataset D;
        nn_err err;
        nn_rng data;
        nn_rng_seed(&data, 99, 121);
        CHECK(blobs_draw(&D, 100, &blobs_book, &data, &err) == 0);
        N[t] = classifier(99, NN_ACT_RELU);
        if (N[t] != NULL && D.x != NULL)
            train(N[t], &D, 99, 20);
        nn_data_free(&D);
    }
    if (N[0] != NULL && N[1] != NULL) {
        CHECK(N[0]->nw == 15);
        CHECK(memcmp(N[0]->wflat, N[1]->wflat,
                     N[0]->nw * sizeof(double)) == 0);
    }
    nn_net_free(N[0]);
    nn_net_free(N[1]);
}

/* The claim of section "Dead ReLU nodes": push node 1 of the first
   hidden layer below zero on every sample; the gradient of its three
   incoming weights is exactly 0, training leaves them unchanged to the
   bit, and the node stays dead.  With LeakyReLU the same gradient is
   not zero. */
void test_classifier_dead_node(void)
{
    nn_dataset D;
    nn_err err;
    nn_rng data;
    nn_rng_seed(&data, 5, 121);
    CHECK(blobs_draw(&D, 200, &blobs_book, &data, &err) == 0);
    if (D.x == NULL)
        return;
    for (int leaky = 0; leaky < 2; leaky++) {
        nn_net *N = classifier(5, leaky ? NN_ACT_LEAKY_RELU : NN_ACT_RELU);
        if (N == NULL)
            break;
        double top = -HUGE_VAL;
        for (size_t s = 0; s < D.n; s++) {
            nn_net_forward(N, D.x + 2 * s);
            top = fmax(top, N->z[2][1]);
        }
        N->w[1][1][0] -= top + 1.0;
        nn_net_zero_grad(N);
        for (size_t s = 0; s < D.n; s++)
            nn_net_backprop(N, D.x + 2 * s, D.y + s, NN_LOSS_BCE);
        int zeros = 0;
        for (int j = 0; j <= 2; j++)
            zeros += N->dw[1][1][j] == 0.0;
        CHECK(zeros == (leaky ? 0 : 3));
        double saved[3];
        memcpy(saved, N->w[1][1], sizeof saved);
        train(N, &D, 5, 20);
        int same = memcmp(saved, N->w[1][1], sizeof saved) == 0;
        CHECK(same == !leaky);
        if (!leaky)
            for (size_t s = 0; s < D.n; s++) {
                nn_net_forward(N, D.x + 2 * s);
                CHECK(N->z[2][1] <= -1.0 + 1e-12);
            }
        nn_net_free(N);
    }
    nn_data_free(&D);
}

/* The expected Bayes accuracy: for two blobs of one spread sigma whose
   centres are d apart it is Phi(d / 2 sigma) (the boundary is the
   perpendicular bisector), in any direction; swapping the classes does
   not change it; and for the book's distribution it agrees with the
   share of 10^6 samples that the rule gets right, within five standard
   errors (sqrt(0.93 * 0.07 / 10^6) = 0.00026). */
void test_blobs_bayes_accuracy(void)
{
    const blobs across = { { { -1.0, 0.0 }, { 1.0, 0.0 } }, { 0.7, 0.7 } };
    const blobs diagonal = { { { 0.5, 0.5 }, { 1.5, 2.5 } }, { 1.2, 1.2 } };
    double d = sqrt(1.0 + 4.0);
    CHECK_NEAR(blobs_bayes_accuracy(&across),
               0.5 * erfc(-2.0 / (2 * 0.7) / sqrt(2.0)), 2e-5);
    CHECK_NEAR(blobs_bayes_accuracy(&diagonal),
               0.5 * erfc(-d / (2 * 1.2) / sqrt(2.0)), 2e-5);
    blobs swapped = { { { 1.0, 0.5 }, { -1.0, -0.5 } }, { 1.0, 0.6 } };
    double book = blobs_bayes_accuracy(&blobs_book);
    CHECK_NEAR(blobs_bayes_accuracy(&swapped), book, 1e-9);
    const size_t n = 1000000;
    nn_dataset D;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 11, 121);
    CHECK(blobs_draw(&D, n, &blobs_book, &r, &err) == 0);
    if (D.x == NULL)
        return;
    size_t right = 0;
    for (size_t s = 0; s < n; s++)
        right += blobs_bayes(&blobs_book, D.x + 2 * s) == (int)D.y[s];
    CHECK_NEAR((double)right / n, book, 5 * sqrt(0.93 * 0.07 / n));
    nn_data_free(&D);
}
