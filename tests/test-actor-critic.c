/* Tests of the actor and the critic of chapter 21: both gradients against
   central differences of their losses, the actor's output error as the
   scaled softmax error, the actor's gradient as the advantage times that
   of cross-entropy, the drawing of actions, the checks of shapes, and
   the refusal of an action or an advantage the actor cannot take. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "actor-critic.h"
#include "backprop.h"
#include "check.h"
#include "gradcheck.h"
#include "nets.h"

/* Compare dw with central differences of the loss: relative error at
   most 1e-7 for components of size 1e-2 or more, absolute difference at
   most 1e-8 below (where rounding, not the formula, decides). */
static double loss_at(nn_net *N, const double s[], int a, double adv,
                      double target, int is_actor)
{
    double loss = NAN;
    CHECK((is_actor ? actor_loss(N, s, a, adv, &loss, NULL)
                    : critic_loss(N, s, target, &loss, NULL)) == 0);
    return loss;
}

static void check_against_differences(nn_net *N, const double s[], int a,
                                      double adv, double target,
                                      int is_actor)
{
    for (size_t q = 0; q < N->nw; q++) {
        double w = N->wflat[q], up, down;
        N->wflat[q] = w + NN_FD_STEP;
        up = loss_at(N, s, a, adv, target, is_actor);
        N->wflat[q] = w - NN_FD_STEP;
        down = loss_at(N, s, a, adv, target, is_actor);
        N->wflat[q] = w;
        double g = N->dwflat[q], num = (up - down) / (2 * NN_FD_STEP);
        if (fmax(fabs(g), fabs(num)) >= 1e-2)
            CHECK(nn_rel_error(g, num) <= 1e-7);
        else
            CHECK(fabs(g - num) <= 1e-8);
    }
}

static void draw_state(nn_rng *r, double s[4])
{
    for (int q = 0; q < 4; q++)
        s[q] = nn_rng_normal(r);
}

void test_ac_actor_gradient_matches_differences(void)
{
    static const nn_activation hidden[] = {NN_ACT_TANH, NN_ACT_SIGMOID};
    nn_rng r;
    nn_rng_seed(&r, 41, 0);
    for (int h = 0; h < 2; h++) {
        int n[] = {0, 4, 8, 6, 3};
        nn_activation A[] = {0, 0, hidden[h], hidden[h], NN_ACT_IDENTITY};
        nn_net *N = test_net(4, n, A);
        if (N == NULL)
            return;
        for (int t = 0; t < 10; t++) {
            double s[4];
            nn_net_init(N, &r);
            draw_state(&r, s);
            int a = (int)nn_rng_below(&r, 3);
            double adv = 2.0 * nn_rng_normal(&r);
            nn_net_zero_grad(N);
            CHECK(actor_backprop(N, s, a, adv, NULL, NULL) == 0);
            check_against_differences(N, s, a, adv, 0.0, 1);
        }
        nn_net_free(N);
    }
}

void test_ac_critic_gradient_matches_differences(void)
{
    static const nn_activation hidden[] = {NN_ACT_TANH, NN_ACT_SIGMOID};
    nn_rng r;
    nn_rng_seed(&r, 42, 0);
    for (int h = 0; h < 2; h++) {
        int n[] = {0, 4, 32, 1};
        nn_activation A[] = {0, 0, hidden[h], NN_ACT_IDENTITY};
        nn_net *N = test_net(3, n, A);
        if (N == NULL)
            return;
        for (int t = 0; t < 10; t++) {
            double s[4];
            nn_net_init(N, &r);
            draw_state(&r, s);
            double target = critic_value(N, s) + 2.0 * nn_rng_normal(&r);
            nn_net_zero_grad(N);
            double loss = NAN, again = NAN;
            CHECK(critic_backprop(N, s, target, &loss, NULL) == 0);
            CHECK(critic_loss(N, s, target, &again, NULL) == 0);
            CHECK_NEAR(loss, again, 1e-14);
            check_against_differences(N, s, 0, 0.0, target, 0);
        }
        nn_net_free(N);
    }
}

/* delta[L] = adv (pi - e_{a+1}): it sums to zero, and its entry at the
   action taken has the sign opposite to the advantage. */
void test_ac_actor_delta_is_scaled_softmax_error(void)
{
    int n[] = {0, 4, 5, 3};
    nn_activation A[] = {0, 0, NN_ACT_TANH, NN_ACT_IDENTITY};
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 43, 0);
    nn_net_init(N, &r);
    double s[4], pi[4];
    draw_state(&r, s);
    actor_policy(N, s, pi);
    double adv = 1.7;
    nn_net_zero_grad(N);
    double loss = NAN, forward_only = NAN;
    CHECK(actor_backprop(N, s, 2, adv, &loss, NULL) == 0);
    CHECK_NEAR(loss, -adv * log(pi[3]), 1e-14);
    CHECK(actor_loss(N, s, 2, adv, &forward_only, NULL) == 0);
    CHECK_NEAR(forward_only, -adv * log(pi[3]), 1e-14);
    double sum = 0.0;
    for (int i = 1; i <= 3; i++) {
        CHECK_NEAR(N->delta[3][i], adv * (pi[i] - (i == 3)), 1e-15);
        sum += N->delta[3][i];
    }
    CHECK_NEAR(sum, 0.0, 1e-15);
    CHECK(N->delta[3][3] < 0);
    nn_net_free(N);
}

/* The actor's gradient is adv times the gradient of softmax cross-entropy
   with the action taken as the one-hot target. */
void test_ac_actor_is_advantage_times_cross_entropy(void)
{
    int n[] = {0, 4, 7, 2};
    nn_activation A[] = {0, 0, NN_ACT_TANH, NN_ACT_IDENTITY};
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 44, 0);
    nn_net_init(N, &r);
    double s[4], y[2] = {0.0, 1.0}, adv = -0.8;
    draw_state(&r, s);
    double *ce = malloc(N->nw * sizeof *ce);
    CHECK(ce != NULL);
    if (ce == NULL) {
        nn_net_free(N);
        return;
    }
    nn_net_zero_grad(N);
    nn_net_backprop(N, s, y, NN_LOSS_SOFTMAX_CE);
    memcpy(ce, N->dwflat, N->nw * sizeof *ce);
    nn_net_zero_grad(N);
    CHECK(actor_backprop(N, s, 1, adv, NULL, NULL) == 0);
    for (size_t q = 0; q < N->nw; q++)
        CHECK_NEAR(N->dwflat[q], adv * ce[q], 1e-14 * (1 + fabs(ce[q])));
    free(ce);
    nn_net_free(N);
}

/* Actions are drawn with the policy's probabilities: 100000 draws from
   pi = (0.2, 0.5, 0.3), each count within 5 standard errors. */
void test_ac_sample_action_frequencies(void)
{
    double pi[] = {0.0, 0.2, 0.5, 0.3};
    long count[3] = {0, 0, 0};
    nn_rng r;
    nn_rng_seed(&r, 45, 0);
    enum { DRAWS = 100000 };
    for (int t = 0; t < DRAWS; t++) {
        int a = sample_action(pi, 3, &r);
        CHECK(a >= 0 && a < 3);
        if (a >= 0 && a < 3)
            count[a]++;
    }
    for (int a = 0; a < 3; a++) {
        double p = pi[a + 1], se = sqrt(p * (1 - p) / DRAWS);
        CHECK(fabs((double)count[a] / DRAWS - p) < 5 * se);
    }
    /* a probability of 1 leaves no choice, even for u close to 1 */
    double certain[] = {0.0, 0.0, 1.0};
    for (int t = 0; t < 1000; t++)
        CHECK(sample_action(certain, 2, &r) == 1);
}

void test_ac_check_nets_rejects_shapes(void)
{
    int na[] = {0, 4, 5, 2}, nc[] = {0, 4, 5, 1}, n3[] = {0, 3, 5, 2};
    nn_activation A[] = {0, 0, NN_ACT_TANH, NN_ACT_IDENTITY};
    nn_activation As[] = {0, 0, NN_ACT_TANH, NN_ACT_SIGMOID};
    nn_net *actor = test_net(3, na, A), *critic = test_net(3, nc, A);
    nn_net *sig = test_net(3, na, As), *three = test_net(3, n3, A);
    nn_err err;
    if (actor && critic && sig && three) {
        CHECK(ac_check_nets(actor, critic, 4, 2, &err) == 0);
        CHECK(ac_check_nets(critic, critic, 4, 2, &err) == -1);
        CHECK(strstr(err.msg, "actor") != NULL);
        CHECK(ac_check_nets(actor, actor, 4, 2, &err) == -1);
        CHECK(strstr(err.msg, "critic") != NULL);
        CHECK(ac_check_nets(sig, critic, 4, 2, &err) == -1);
        CHECK(ac_check_nets(three, critic, 4, 2, &err) == -1);
        CHECK(ac_check_nets(actor, critic, 4, 1, &err) == -1);
    }
    nn_net_free(actor);
    nn_net_free(critic);
    nn_net_free(sig);
    nn_net_free(three);
}

/* Give dw a gradient being summed, and keep copies of the weights and of
   dw, so that a test can check that a refused call changed neither: the
   weights, then dw, in one block (NULL, and a failed check, if memory
   runs out). */
static double *keep_weights(nn_net *N)
{
    for (size_t q = 0; q < N->nw; q++)
        N->dwflat[q] = 0.25 * (double)q;
    double *kept = malloc(2 * N->nw * sizeof *kept);
    CHECK(kept != NULL);
    if (kept != NULL) {
        memcpy(kept, N->wflat, N->nw * sizeof *kept);
        memcpy(kept + N->nw, N->dwflat, N->nw * sizeof *kept);
    }
    return kept;
}

static int unchanged(const nn_net *N, const double *kept)
{
    return memcmp(kept, N->wflat, N->nw * sizeof *kept) == 0
           && memcmp(kept + N->nw, N->dwflat, N->nw * sizeof *kept) == 0;
}

/* An action outside 0 .. n[L]-1, or an advantage that is not finite, is
   refused by actor_backprop and actor_loss with a message, and leaves the
   weights, dw and the loss as they were. */
void test_ac_actor_refuses_bad_action_or_advantage(void)
{
    int n[] = {0, 4, 5, 3};
    nn_activation A[] = {0, 0, NN_ACT_TANH, NN_ACT_IDENTITY};
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 46, 0);
    nn_net_init(N, &r);
    double s[4];
    draw_state(&r, s);
    double *kept = keep_weights(N);
    if (kept != NULL) {
        static const struct { int a; double adv; const char *says; } bad[] = {
            {-1, 1.0, "action -1"}, {3, 1.0, "action 3"},
            {1000000, 1.0, "action 1000000"},
            {0, NAN, "not finite"}, {2, INFINITY, "not finite"},
            {1, -INFINITY, "not finite"},
        };
        for (size_t t = 0; t < sizeof bad / sizeof bad[0]; t++) {
            for (int f = 0; f < 2; f++) {
                nn_err err = {"unchanged"};
                double loss = 42.0;
                int status = f == 0
                    ? actor_backprop(N, s, bad[t].a, bad[t].adv, &loss, &err)
                    : actor_loss(N, s, bad[t].a, bad[t].adv, &loss, &err);
                CHECK(status == -1);
                CHECK(strstr(err.msg, bad[t].says) != NULL);
                CHECK(loss == 42.0);
                CHECK(unchanged(N, kept));
            }
            /* a NULL err is allowed: the refusal is the same */
            CHECK(actor_backprop(N, s, bad[t].a, bad[t].adv, NULL, NULL) == -1);
            CHECK(unchanged(N, kept));
        }
    }
    free(kept);
    nn_net_free(N);
}

/* A target that is not finite is refused by the critic's two functions,
   with a message, the loss, the weights and dw left as they were. */
void test_ac_critic_refuses_a_target_that_is_not_finite(void)
{
    int n[] = {0, 4, 5, 1};
    nn_activation A[] = {0, 0, NN_ACT_TANH, NN_ACT_IDENTITY};
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 47, 0);
    nn_net_init(N, &r);
    double s[4];
    draw_state(&r, s);
    double *kept = keep_weights(N);
    if (kept != NULL) {
        const double bad[] = { NAN, INFINITY, -INFINITY };
        for (size_t t = 0; t < sizeof bad / sizeof bad[0]; t++)
            for (int f = 0; f < 2; f++) {
                nn_err err = {"unchanged"};
                double loss = 42.0;
                int status = f == 0
                    ? critic_backprop(N, s, bad[t], &loss, &err)
                    : critic_loss(N, s, bad[t], &loss, &err);
                CHECK(status == -1);
                CHECK(strstr(err.msg, "not finite") != NULL);
                CHECK(loss == 42.0);
                CHECK(unchanged(N, kept));
            }
        CHECK(critic_backprop(N, s, NAN, NULL, NULL) == -1);
        CHECK(unchanged(N, kept));
    }
    free(kept);
    nn_net_free(N);
}
