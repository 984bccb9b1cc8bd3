/* Tests of chapter 9 and of the chapter on optimisers: data sets,
   shuffling, the trainer and its step rules, and the measures of a
   network. */
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
    nn_train_options ok = { .loss = NN_LOSS_BCE, .rate = 0.1, .batch = 4 };
#define BCE .loss = NN_LOSS_BCE
    nn_train_options bad[] = {
        { .loss = NN_LOSS_SOFTMAX_CE, .rate = 0.1, .batch = 4 },
        { BCE, .rate = 0.0, .batch = 4 }, { BCE, .rate = -1.0, .batch = 4 },
        { BCE, .rate = NAN, .batch = 4 }, { BCE, .rate = 0.1, .batch = 0 },
        { BCE, .rate = 0.1, .batch = 4, .momentum = 1.0 },
        { BCE, .rate = 0.1, .batch = 4, .momentum = -0.5 },
        /* the step rules and weight decay (the chapter on optimisers) */
        { BCE, .rate = 0.1, .batch = 4, .step = (nn_step_rule)4 },
        { BCE, .rate = 0.1, .batch = 4, .step = (nn_step_rule)-1 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAM,
          .momentum = 0.9, .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAM,
          .beta1 = 1.0, .beta2 = 0.999, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAM,
          .beta1 = 0.9, .beta2 = 1.0, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAM,
          .beta1 = 0.9, .beta2 = -0.1, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAM,
          .beta1 = 0.9, .beta2 = 0.999, .epsilon = 0.0 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAM,
          .beta1 = 0.9, .beta2 = 0.999, .epsilon = INFINITY },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_RMSPROP,
          .beta1 = 0.9, .beta2 = 0.9, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAGRAD,
          .beta2 = 0.9, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .step = NN_STEP_ADAGRAD },
        { BCE, .rate = 0.1, .batch = 4, .epsilon = 1e-8 },
        { BCE, .rate = 0.1, .batch = 4, .decay = -0.1 },
        { BCE, .rate = 0.1, .batch = 4, .decay = NAN },
        { BCE, .rate = 0.1, .batch = 4, .decay = 10.0 },
        { BCE, .rate = 0.1, .batch = 4, .decay = 0.1, .decay_bias = 2 },
    };
#undef BCE
    /* the reason each is refused, a word of its message */
    const char *why[] = { "softmax cross-entropy needs an identity",
                          "a rate > 0, not 0", "a rate > 0, not -1",
                          "a rate > 0, not nan", "a batch >= 1, not 0",
                          "a momentum in [0, 1), not 1",
                          "a momentum in [0, 1), not -0.5",
                          "a step rule 0 .. 3, not 4",
                          "a step rule 0 .. 3, not -1",
                          "adam takes no momentum, not 0.9",
                          "adam needs a beta1 in [0, 1), not 1",
                          "adam needs a beta2 in [0, 1), not 1",
                          "adam needs a beta2 in [0, 1), not -0.1",
                          "adam needs an epsilon > 0, not 0",
                          "adam needs an epsilon > 0, not inf",
                          "rmsprop takes no beta1, not 0.9",
                          "adagrad takes no beta2, not 0.9",
                          "adagrad needs an epsilon > 0, not 0",
                          "sgd takes no epsilon, not 1e-08",
                          "a decay >= 0 with rate * decay < 1, not -0.1",
                          "a decay >= 0 with rate * decay < 1, not nan",
                          "a decay >= 0 with rate * decay < 1, not 10 at "
                          "rate 0.1",
                          "decay_bias is 0 or 1, not 2" };
    CHECK(sizeof bad / sizeof bad[0] == sizeof why / sizeof why[0]);
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
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.5, .batch = 100 };
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
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = eta, .batch = 4,
        .momentum = mu };
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
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.5, .batch = 4,
        .momentum = 0.9 };
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
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.5, .batch = 2,
        .momentum = 0.9 };
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

/* The step rules of the chapter on optimisers, each against the same step computed by
   hand on the tiny network of small_net: the gradient g of a batch of two
   samples, then three steps of each rule from the same weights.  A rule
   that read the sum instead of the average, forgot a square root, or
   skipped Adam's bias correction would be off by far more than 1e-12. */
static void batch_gradient(nn_net *N, const nn_dataset *D)
{
    nn_net_zero_grad(N);
    for (size_t s = 0; s < 2; s++)
        nn_net_backprop(N, D->x + 2 * s, D->y + s, NN_LOSS_BCE);
}

static void check_rule_by_hand(nn_train_options o)
{
    nn_dataset D;
    xor_data(&D);
    nn_net *a = small_net(), *b = small_net();
    size_t nw = a->nw, ns = nn_train_state_size(a, &o);
    CHECK(ns == (o.step == NN_STEP_ADAM ? 2 * nw + 1 : nw));
    double *v = calloc(ns, sizeof *v), G[64] = { 0 }, m[64] = { 0 },
           s2[64] = { 0 };
    CHECK(v != NULL && nw <= 64);
    CHECK(nn_train_check(a, 2, &o, NULL) == 0);
    for (int t = 1; t <= 3 && v != NULL; t++) {
        batch_gradient(a, &D);
        nn_train_step(a, &o, v);
        batch_gradient(b, &D);
        for (size_t p = 0; p < nw; p++) {
            double g = b->dwflat[p] / 2, w = b->wflat[p], eps = o.epsilon;
            switch (o.step) {
            case NN_STEP_SGD:
                w -= o.rate * g;
                break;
            case NN_STEP_ADAGRAD:
                G[p] += g * g;
                w -= o.rate * g / (sqrt(G[p]) + eps);
                break;
            case NN_STEP_RMSPROP:
                s2[p] = o.beta2 * s2[p] + (1 - o.beta2) * g * g;
                w -= o.rate * g / (sqrt(s2[p]) + eps);
                break;
            case NN_STEP_ADAM:
                m[p] = o.beta1 * m[p] + (1 - o.beta1) * g;
                s2[p] = o.beta2 * s2[p] + (1 - o.beta2) * g * g;
                w -= o.rate * (m[p] / (1 - pow(o.beta1, t)))
                     / (sqrt(s2[p] / (1 - pow(o.beta2, t))) + eps);
                break;
            }
            b->wflat[p] = w;
        }
        for (size_t p = 0; p < nw; p++)
            CHECK_NEAR(a->wflat[p], b->wflat[p], 1e-12);
    }
    if (o.step == NN_STEP_ADAM && v != NULL)
        CHECK(v[2 * nw] == 3.0);
    free(v);
    nn_net_free(a), nn_net_free(b), nn_data_free(&D);
}

void test_step_rules_match_steps_by_hand(void)
{
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.05, .batch = 2 };
    check_rule_by_hand(o);
    o.step = NN_STEP_ADAGRAD, o.epsilon = 1e-8;
    check_rule_by_hand(o);
    o.step = NN_STEP_RMSPROP, o.beta2 = 0.9;
    check_rule_by_hand(o);
    o.step = NN_STEP_ADAM, o.beta1 = 0.9, o.beta2 = 0.999;
    check_rule_by_hand(o);
}

/* Adam's first step is about the rate in every weight whose gradient is
   not tiny: the bias correction makes m/sqrt(s) = g/|g|.  Without it the
   first step would be (1 - beta1)/sqrt(1 - beta2) times the rate: 3.2
   with Adam's beta2 = 0.999 here (with 0.99 it would be exactly 1, and
   the test could not see the correction).  RMSProp's first step is
   1/sqrt(1 - beta2) = 10 times the rate, at beta2 = 0.99. */
void test_first_adaptive_steps_have_the_size_of_the_rate(void)
{
    nn_dataset D;
    xor_data(&D);
    const double eta = 1e-3;
    for (int rule = NN_STEP_RMSPROP; rule <= NN_STEP_ADAM; rule++) {
        nn_train_options o = { .loss = NN_LOSS_BCE, .rate = eta, .batch = 2,
                               .step = (nn_step_rule)rule,
                               .beta2 = rule == NN_STEP_ADAM ? 0.999 : 0.99,
                               .epsilon = 1e-12 };
        if (rule == NN_STEP_ADAM)
            o.beta1 = 0.9;
        nn_net *N = small_net();
        double w0[64], v[2 * 64 + 1] = { 0 };
        CHECK(N->nw <= 64);
        memcpy(w0, N->wflat, N->nw * sizeof w0[0]);
        batch_gradient(N, &D);
        nn_train_step(N, &o, v);
        double want = rule == NN_STEP_ADAM ? eta : eta / sqrt(1 - 0.99);
        for (size_t p = 0; p < N->nw; p++)
            if (fabs(N->dwflat[p]) > 1e-6)
                CHECK_NEAR(fabs(N->wflat[p] - w0[p]), want, 1e-9);
        nn_net_free(N);
    }
    nn_data_free(&D);
}

/* Weight decay shrinks every weight of a column j >= 1 by 1 - eta lambda
   before the step, and leaves column 0, the biases, exactly as the step
   alone leaves them; with decay_bias the biases shrink too. */
void test_decay_spares_column_0_unless_asked(void)
{
    nn_dataset D;
    xor_data(&D);
    const double eta = 0.1, lambda = 0.5;
    nn_net *plain = small_net(), *kept = small_net(), *all = small_net();
    /* biases not 0, so that decaying them shows */
    for (int k = 1; k < plain->L; k++)
        for (int i = 1; i <= plain->n[k + 1]; i++)
            plain->w[k][i][0] = kept->w[k][i][0] = all->w[k][i][0] =
                0.25 * i - 0.1 * k;
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = eta, .batch = 2 },
                     od = o, ob = o;
    od.decay = lambda;
    ob.decay = lambda, ob.decay_bias = 1;
    double v[64] = { 0 }, before[64];
    CHECK(plain->nw <= 64);
    memcpy(before, plain->wflat, plain->nw * sizeof before[0]);
    nn_net *nets[3] = { plain, kept, all };
    const nn_train_options *opts[3] = { &o, &od, &ob };
    for (int q = 0; q < 3; q++) {
        batch_gradient(nets[q], &D);
        nn_train_step(nets[q], opts[q], v);
    }
    for (int k = 1; k < plain->L; k++)
        for (int i = 1; i <= plain->n[k + 1]; i++)
            for (int j = 0; j <= plain->n[k]; j++) {
                double step = plain->w[k][i][j] - before[&plain->w[k][i][j]
                                                          - plain->wflat];
                double old = plain->w[k][i][j] - step;
                if (j == 0)
                    CHECK(kept->w[k][i][0] == plain->w[k][i][0]);
                else
                    CHECK_NEAR(kept->w[k][i][j],
                               (1 - eta * lambda) * old + step, 1e-14);
                CHECK_NEAR(all->w[k][i][j], (1 - eta * lambda) * old + step,
                           1e-14);
                if (j == 0)
                    CHECK(fabs(all->w[k][i][0] - plain->w[k][i][0]) > 1e-3);
            }
    nn_net_free(plain), nn_net_free(kept), nn_net_free(all);
    nn_data_free(&D);
}

/* With the defaults (no rule named, no decay) the trainer takes exactly
   the steps of chapter 9: the same bits as nn_net_descend. */
void test_default_options_step_as_before(void)
{
    nn_dataset D;
    xor_data(&D);
    nn_net *a = small_net(), *b = small_net();
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.5, .batch = 2 };
    double v[64] = { 0 };
    batch_gradient(a, &D);
    nn_train_step(a, &o, v);
    batch_gradient(b, &D);
    nn_net_descend(b, 0.5);
    CHECK(memcmp(a->wflat, b->wflat, a->nw * sizeof(double)) == 0);
    /* and no step at all when no sample was summed */
    nn_net_zero_grad(a);
    memcpy(b->wflat, a->wflat, a->nw * sizeof(double));
    o.step = NN_STEP_ADAM, o.beta1 = 0.9, o.beta2 = 0.999, o.epsilon = 1e-8;
    nn_train_step(a, &o, v);
    CHECK(memcmp(a->wflat, b->wflat, a->nw * sizeof(double)) == 0);
    nn_net_free(a), nn_net_free(b), nn_data_free(&D);
}

/* A trainer made with Adam keeps its state between epochs: two epochs
   of the trainer are two Adam steps by nn_train_step. */
void test_trainer_keeps_adam_state(void)
{
    nn_dataset D;
    xor_data(&D);
    nn_net *a = small_net(), *b = small_net();
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.01, .batch = 4,
                           .step = NN_STEP_ADAM, .beta1 = 0.9,
                           .beta2 = 0.999, .epsilon = 1e-8, .decay = 0.1 };
    nn_trainer *T = nn_trainer_create(a, 4, &o, NULL);
    CHECK(T != NULL);
    double v[2 * 64 + 1] = { 0 };
    for (int e = 0; e < 2 && T != NULL; e++) {
        CHECK(nn_train_epoch(T, &D, NULL, NULL, NULL) == 0);
        nn_net_zero_grad(b);
        for (size_t s = 0; s < 4; s++)
            nn_net_backprop(b, D.x + 2 * s, D.y + s, NN_LOSS_BCE);
        nn_train_step(b, &o, v);
    }
    CHECK(memcmp(a->wflat, b->wflat, a->nw * sizeof(double)) == 0);
    nn_trainer_free(T);
    nn_net_free(a), nn_net_free(b), nn_data_free(&D);
}

/* nn_train_set_rate takes a rate nn_train_check accepts and changes
   nothing else; a refused rate leaves the options as they were. */
void test_train_set_rate(void)
{
    nn_net *N = small_net();
    nn_err err;
    nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.1, .batch = 4,
                           .momentum = 0.5 };
    CHECK(nn_train_set_rate(N, 4, &o, 0.25, &err) == 0);
    CHECK(o.rate == 0.25 && o.batch == 4 && o.momentum == 0.5
          && o.loss == NN_LOSS_BCE);
    const double bad[] = { 0.0, -1.0, NAN };
    for (int q = 0; q < 3; q++) {
        err.msg[0] = '\0';
        CHECK(nn_train_set_rate(N, 4, &o, bad[q], &err) == -1);
        CHECK(strstr(err.msg, "rate > 0") != NULL);
        CHECK(o.rate == 0.25);
    }
    err.msg[0] = '\0';
    CHECK(nn_train_set_rate(N, 0, &o, 0.5, &err) == -1 && o.rate == 0.25);
    CHECK(strstr(err.msg, "0 samples") != NULL);
    nn_net_free(N);
}
