/* Tests of chapter 9: data sets, shuffling, the trainer and the measures
   of a network. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "nets.h"
#include "train.h"

void test_data_create_rejects(void)
{
    nn_dataset D;
    nn_err err = { "" };
    CHECK(nn_data_create(&D, 0, 2, 1, &err) == -1 && err.msg[0] != '\0');
    CHECK(nn_data_create(&D, 5, 0, 1, &err) == -1);
    CHECK(nn_data_create(&D, 5, 2, 0, &err) == -1);
    CHECK(nn_data_create(&D, (size_t)-1, 2, 1, &err) == -1);
    CHECK(nn_data_create(&D, 3, 2, 1, &err) == 0);
    CHECK(D.n == 3 && D.y == D.x + 6 && D.x[5] == 0.0 && D.y[2] == 0.0);
    nn_data_free(&D);
    nn_data_free(&D);              /* freeing twice is allowed */
    CHECK(D.x == NULL && D.n == 0);
}

/* Each of the 3! = 6 orders of three elements must be equally likely.
   With 60000 shuffles each count is binomial(60000, 1/6): mean 10000,
   standard deviation 91; 5 standard deviations is 456. */
void test_shuffle_is_uniform(void)
{
    nn_rng r;
    nn_rng_seed(&r, 9, 9);
    long count[6] = { 0 };
    for (int t = 0; t < 60000; t++) {
        size_t o[3] = { 0, 1, 2 };
        nn_shuffle(&r, o, 3);
        CHECK(o[0] + o[1] + o[2] == 3 && o[0] != o[1] && o[1] != o[2]
              && o[0] != o[2]);
        count[o[0] * 2 + (o[1] > o[2])]++;
    }
    for (int p = 0; p < 6; p++)
        CHECK(labs(count[p] - 10000) < 456);
}

/* The shuffle is the Fisher-Yates of the text: for t = n-1 down to 1,
   swap element t with one drawn from 0..t.  Nothing, or one element, is
   left alone without a draw (and n - 1 must not wrap around for n = 0). */
void test_shuffle_is_the_texts(void)
{
    nn_rng r, ref;
    nn_rng_seed(&r, 4, 4);
    nn_rng_seed(&ref, 4, 4);
    size_t o[10], want[10];
    for (size_t s = 0; s < 10; s++)
        o[s] = want[s] = s;
    nn_shuffle(&r, o, 10);
    for (size_t t = 9; t >= 1; t--) {
        size_t u = nn_rng_below(&ref, (uint32_t)(t + 1)), tmp = want[t];
        want[t] = want[u];
        want[u] = tmp;
    }
    CHECK(memcmp(o, want, sizeof o) == 0);
    nn_shuffle(&r, NULL, 0);
    size_t one[1] = { 7 };
    nn_shuffle(&r, one, 1);
    CHECK(one[0] == 7);
    CHECK(nn_rng_below(&r, 1000000) == nn_rng_below(&ref, 1000000));
}

static nn_net *small_net(void)
{
    const int n[] = { 0, 2, 3, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_SIGMOID };
    nn_net *N = test_net(3, n, A);
    nn_rng r;
    nn_rng_seed(&r, 3, 3);
    nn_net_init(N, &r);
    return N;
}

void test_trainer_rejects_bad_options(void)
{
    nn_net *N = small_net();
    nn_err err;
    nn_train_options ok = { NN_LOSS_BCE, 0.1, 4, 0.0 };
    nn_train_options bad[] = {
        { NN_LOSS_SOFTMAX_CE, 0.1, 4, 0.0 },   /* sigmoid output: no */
        { NN_LOSS_BCE, 0.0, 4, 0.0 }, { NN_LOSS_BCE, -1.0, 4, 0.0 },
        { NN_LOSS_BCE, NAN, 4, 0.0 }, { NN_LOSS_BCE, 0.1, 0, 0.0 },
        { NN_LOSS_BCE, 0.1, 4, 1.0 }, { NN_LOSS_BCE, 0.1, 4, -0.5 },
    };
    /* the reason each is refused, a word of its message */
    const char *why[] = { "softmax cross-entropy needs an identity",
                          "a rate > 0, not 0", "a rate > 0, not -1",
                          "a rate > 0, not nan", "a batch >= 1, not 0",
                          "a momentum in [0, 1), not 1",
                          "a momentum in [0, 1), not -0.5" };
    for (size_t q = 0; q < sizeof bad / sizeof bad[0]; q++) {
        err.msg[0] = '\0';
        CHECK(nn_trainer_create(N, 4, &bad[q], &err) == NULL);
        if (strstr(err.msg, why[q]) == NULL)
            check_fail(__FILE__, __LINE__, "option set %zu: message \"%s\", "
                       "wanted \"%s\"", q, err.msg, why[q]);
    }
    err.msg[0] = '\0';
    CHECK(nn_trainer_create(N, 0, &ok, &err) == NULL);
    CHECK(strstr(err.msg, "cannot train on 0 samples") != NULL);
    nn_trainer *T = nn_trainer_create(N, 4, &ok, &err);
    CHECK(T != NULL);
    nn_trainer_free(T);
    nn_net_free(N);
}

static void xor_data(nn_dataset *D)
{
    static const double x[8] = { 0, 0, 0, 1, 1, 0, 1, 1 };
    static const double y[4] = { 0, 1, 1, 0 };
    CHECK(nn_data_create(D, 4, 2, 1, NULL) == 0);
    memcpy(D->x, x, sizeof x);
    memcpy(D->y, y, sizeof y);
}

/* A full-batch epoch in order is one nn_net_descend on the sum of the four
   gradients: the same operations in the same order, so the same bits. */
void test_epoch_full_batch_is_one_step(void)
{
    nn_dataset D;
    xor_data(&D);
    nn_net *a = small_net(), *b = small_net();
    nn_train_options o = { NN_LOSS_BCE, 0.5, 100, 0.0 };
    nn_trainer *T = nn_trainer_create(a, 4, &o, NULL);
    double loss = NAN, sum = 0.0;
    CHECK(nn_train_epoch(T, &D, NULL, &loss, NULL) == 0);
    nn_net_zero_grad(b);
    for (size_t s = 0; s < 4; s++)
        sum += nn_net_backprop(b, D.x + 2 * s, D.y + s, NN_LOSS_BCE);
    nn_net_descend(b, 0.5);
    CHECK(memcmp(a->wflat, b->wflat, a->nw * sizeof(double)) == 0);
    CHECK(loss == sum / 4);
    nn_trainer_free(T);
    nn_net_free(a), nn_net_free(b), nn_data_free(&D);
}

/* Two epochs with momentum mu, batch = all: the second step is
   mu * v1 - eta * g2 with v1 = -eta * g1. */
void test_epoch_momentum(void)
{
    nn_dataset D;
    xor_data(&D);
    nn_net *a = small_net(), *b = small_net();
    double eta = 0.3, mu = 0.9;
    nn_train_options o = { NN_LOSS_BCE, eta, 4, mu };
    nn_trainer *T = nn_trainer_create(a, 4, &o, NULL);
    CHECK(nn_train_epoch(T, &D, NULL, NULL, NULL) == 0);
    CHECK(nn_train_epoch(T, &D, NULL, NULL, NULL) == 0);
    double v[64] = { 0 };
    CHECK(b->nw <= 64);
    for (int e = 0; e < 2; e++) {
        nn_net_zero_grad(b);
        for (size_t s = 0; s < 4; s++)
            nn_net_backprop(b, D.x + 2 * s, D.y + s, NN_LOSS_BCE);
        for (size_t p = 0; p < b->nw; p++) {
            v[p] = mu * v[p] - eta / 4 * b->dwflat[p];
            b->wflat[p] += v[p];
        }
    }
    /* the same formula evaluated in the same order: equal to round-off
       of one operation per weight at most */
    for (size_t p = 0; p < a->nw; p++)
        CHECK_NEAR(a->wflat[p], b->wflat[p], 1e-15);
    nn_trainer_free(T);
    nn_net_free(a), nn_net_free(b), nn_data_free(&D);
}

void test_training_lowers_loss_and_accuracy_counts(void)
{
    nn_dataset D;
    xor_data(&D);
    nn_net *N = small_net();
    nn_train_options o = { NN_LOSS_BCE, 0.5, 4, 0.9 };
    nn_trainer *T = nn_trainer_create(N, 4, &o, NULL);
    nn_rng r;
    nn_rng_seed(&r, 1, 1);
    double before = NAN, after = NAN, acc = NAN;
    CHECK(nn_mean_loss(N, &D, NN_LOSS_BCE, &before, NULL) == 0);
    for (int e = 0; e < 500; e++)
        CHECK(nn_train_epoch(T, &D, &r, NULL, NULL) == 0);
    CHECK(nn_mean_loss(N, &D, NN_LOSS_BCE, &after, NULL) == 0);
    CHECK(after < 0.1 * before);
    CHECK(nn_accuracy(N, &D, &acc, NULL) == 0 && acc == 1.0);
    /* flip every target: every prediction is now wrong */
    for (size_t s = 0; s < 4; s++)
        D.y[s] = 1.0 - D.y[s];
    CHECK(nn_accuracy(N, &D, &acc, NULL) == 0 && acc == 0.0);
    nn_trainer_free(T);
    nn_net_free(N), nn_data_free(&D);
}

/* A data set the trainer was not made for is refused with the reason,
   before anything changes: more or fewer samples than the trainer's n
   (more would be read past the trainer's order, fewer past the data),
   and inputs or targets of another width than the network's. */
void test_train_epoch_rejects_a_data_set_that_does_not_fit(void)
{
    nn_net *N = small_net();
    nn_train_options o = { NN_LOSS_BCE, 0.5, 2, 0.9 };
    nn_trainer *T = nn_trainer_create(N, 4, &o, NULL);
    nn_dataset bad[4];
    const char *why[4] = { "a trainer for 4 samples cannot train on 3",
                           "a trainer for 4 samples cannot train on 5",
                           "3 inputs and 1 targets does not fit a 2-input",
                           "2 inputs and 2 targets does not fit a 2-input, "
                           "1-output" };
    CHECK(nn_data_create(&bad[0], 3, 2, 1, NULL) == 0);
    CHECK(nn_data_create(&bad[1], 5, 2, 1, NULL) == 0);
    CHECK(nn_data_create(&bad[2], 4, 3, 1, NULL) == 0);
    CHECK(nn_data_create(&bad[3], 4, 2, 2, NULL) == 0);
    double *w0 = malloc(N->nw * sizeof *w0);
    CHECK(T != NULL && w0 != NULL);
    if (T != NULL && w0 != NULL) {
        memcpy(w0, N->wflat, N->nw * sizeof *w0);
        for (int q = 0; q < 4; q++) {
            nn_err err = { "" };
            double loss = 42.0;
            CHECK(nn_train_epoch(T, &bad[q], NULL, &loss, &err) == -1);
            if (strstr(err.msg, why[q]) == NULL)
                check_fail(__FILE__, __LINE__, "data set %d: message "
                           "\"%s\", wanted \"%s\"", q, err.msg, why[q]);
            CHECK(loss == 42.0);
            CHECK(memcmp(w0, N->wflat, N->nw * sizeof *w0) == 0);
            CHECK(nn_data_fits(N, &bad[q], NULL) == (q < 2 ? 0 : -1));
        }
    }
    for (int q = 0; q < 4; q++)
        nn_data_free(&bad[q]);
    free(w0);
    nn_trainer_free(T);
    nn_net_free(N);
}

/* nn_mean_loss and accuracy refuse, with the reason and nothing stored, a
   data set whose widths are not the network's (they would read its rows
   with the network's widths, past the end of the data or of the output
   layer), an empty data set (0/0), and a loss that does not suit the
   output layer or is of no known kind (NaN). */
void test_measures_reject_a_data_set_that_does_not_fit(void)
{
    nn_net *N = small_net();   /* 2 inputs, 1 sigmoid output */
    nn_dataset bad[4], empty = { 0, 2, 1, NULL, NULL };
    CHECK(nn_data_create(&bad[0], 4, 1, 1, NULL) == 0);
    CHECK(nn_data_create(&bad[1], 4, 3, 1, NULL) == 0);
    CHECK(nn_data_create(&bad[2], 4, 2, 2, NULL) == 0);
    CHECK(nn_data_create(&bad[3], 1, 2, 50, NULL) == 0);
    const char *fits = "does not fit a 2-input, 1-output network";
    for (int q = 0; q < 5; q++) {
        const nn_dataset *D = q < 4 ? &bad[q] : &empty;
        const char *why = q < 4 ? fits : "empty data set";
        nn_err err = { "" };
        double loss = 42.0, acc = 42.0;
        CHECK(nn_mean_loss(N, D, NN_LOSS_BCE, &loss, &err) == -1);
        if (strstr(err.msg, why) == NULL)
            check_fail(__FILE__, __LINE__, "mean_loss, data set %d: "
                       "message \"%s\", wanted \"%s\"", q, err.msg, why);
        err.msg[0] = '\0';
        CHECK(nn_accuracy(N, D, &acc, &err) == -1);
        if (strstr(err.msg, why) == NULL)
            check_fail(__FILE__, __LINE__, "accuracy, data set %d: "
                       "message \"%s\", wanted \"%s\"", q, err.msg, why);
        CHECK(loss == 42.0 && acc == 42.0);
    }
    nn_dataset D;
    xor_data(&D);
    nn_err err = { "" };
    double loss = 42.0;
    CHECK(nn_mean_loss(N, &D, (nn_loss_kind)99, &loss, &err) == -1);
    CHECK(strstr(err.msg, "no such loss") != NULL);
    CHECK(nn_mean_loss(N, &D, NN_LOSS_SOFTMAX_CE, &loss, &err) == -1);
    CHECK(strstr(err.msg, "identity output") != NULL);
    CHECK(loss == 42.0);
    CHECK(nn_mean_loss(N, &D, NN_LOSS_BCE, &loss, NULL) == 0 && isfinite(loss));
    for (int q = 0; q < 4; q++)
        nn_data_free(&bad[q]);
    nn_data_free(&D);
    nn_net_free(N);
}
