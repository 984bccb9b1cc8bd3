/* The graders of the labs of the step rules: the step with momentum of
   chapter 9, <<take a step with momentum>>, and Adam's step of chapter
   14, <<take an Adam step>>.  Both run nn_train_step, which holds the
   reader's chunk, on a small network with a fixed sequence of summed
   gradients, and compare the weights after every step with the rule of
   the book worked out here from its equations.  When they differ, the
   grader works out the same steps with the usual mistakes, one at a
   time, and names the mistake whose steps the reader's match.  Last,
   the rule trains a network on XOR: a step can be right and the
   training still fail (a velocity that is never reset, say), and the
   other way round. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "backprop.h"
#include "data.h"
#include "net.h"
#include "train.h"

enum { STEPS = 5, MAXW = 64 };

/* The network of the step checks: widths 2, 3, 2, so w^(1) is 3 x 3
   and w^(2) is 2 x 4, bias columns included: 17 weights. */
static nn_net *step_net(void)
{
    const int n[] = { 0, 2, 3, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY,
                                NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_err err;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL) {
        fprintf(stderr, "grade: %s\n", err.msg);
        exit(2);
    }
    for (size_t p = 0; p < N->nw; p++)
        N->wflat[p] = 0.5 * sin(1.0 + 3.0 * (double)p);
    return N;
}

/* The summed gradient of step t (1 .. STEPS) for weight p: of either
   sign, of sizes from about 0.01 to 1 times the batch, and different
   at every step, so that a state that is not carried over shows. */
static double gradient(int t, size_t p, int B)
{
    double u = sin(0.7 * (double)(t * 31 + 1) + 1.3 * (double)p);
    return (double)B * u * (0.01 + fabs(cos(2.1 * (double)p + t)));
}

/* "w^(k)_ij" of the flat index p, found by the address. */
static void place(const nn_net *N, size_t p, int *k, int *i, int *j)
{
    for (*k = 1; *k < N->L; (*k)++)
        for (*i = 1; *i <= N->n[*k + 1]; (*i)++)
            for (*j = 0; *j <= N->n[*k]; (*j)++)
                if (&N->w[*k][*i][*j] == N->wflat + p)
                    return;
    *k = *i = *j = 0;
}

/* How far the reader's step from prev to got is from the step from
   prev to want, relative to the size of the right step.  NaN and
   infinities count as infinitely far. */
static double step_error(double prev, double got, double want)
{
    if (!isfinite(got))
        return INFINITY;
    return got == want ? 0.0 : fabs(got - want) / fabs(want - prev);
}

/* A step is right if it is within TOL of the book's, relative to its
   size: round-off is about 1e-16, a mistake about 1e-3 or more. */
#define TOL (1e-9)

/* One line of the report for step t: right, or which weights are wrong,
   layer by layer, the bias column j = 0 apart from the columns j >= 1.
   Returns 1 if every weight is right. */
static int report_step(const nn_net *N, const char *what, int t,
                       const double prev[], const double got[],
                       const double want[])
{
    double worst = 0.0;
    int kbad[8][2] = { { 0 } };
    for (size_t p = 0; p < N->nw; p++) {
        double e = step_error(prev[p], got[p], want[p]);
        if (!(e <= TOL)) {
            int k, i, j;
            place(N, p, &k, &i, &j);
            kbad[k][j > 0] = 1;
        }
        if (!(e <= worst))
            worst = e;
    }
    if (worst <= TOL)
        return lab_check(1, "%sstep %d: all %zu weights right (largest "
                         "relative error %.1e)", what, t, N->nw, worst);
    char line[512] = "every weight of every w^(k) wrong";
    size_t used = 0;
    int all = 1;
    for (int k = 1; k < N->L; k++)
        all &= kbad[k][0] && kbad[k][1];
    for (int k = 1; k < N->L && !all; k++)
        used += (size_t)snprintf(line + used, sizeof line - used,
                                 "%sw^(%d): bias column (j = 0) %s, "
                                 "columns j ≥ 1 %s", k > 1 ? "; " : "", k,
                                 kbad[k][0] ? "wrong" : "right",
                                 kbad[k][1] ? "wrong" : "right");
    return lab_check(0, "%sstep %d wrong: %s (largest relative error "
                     "%.1e)", what, t, line, worst);
}

/* The state of a rule, worked out here: a velocity or Adam's means and
   step count. */
typedef struct ref_state {
    double v[MAXW], m[MAXW], s[MAXW];
    double t;
} ref_state;

/* ------------------------------------------------------------------ */
/* Momentum: v <- mu v - eta g, w <- w + v, g the average gradient of
   the batch, the sum in dw divided by nsum = B (eq. momentum). */

enum {
    MO_BOOK, MO_NOT_CARRIED, MO_UPHILL, MO_NO_AVERAGE, MO_NO_MU,
    MO_OLD_VELOCITY, MO_MEAN, MO_COUNT
};

static const char *const mo_diagnosis[MO_COUNT] = {
    "",
    "the velocity was not carried over from one step to the next: "
    "every step is plain gradient descent, v = −η g (v[p] must keep "
    "μ v − η g for the next step)",
    "the steps go uphill: v = μ v + η g, the sign of the gradient "
    "reversed",
    "the gradient was not averaged: the sum in dw was not divided by "
    "the batch's B = nsum samples, so the steps are B times too long",
    "the velocity is not multiplied by μ: v = v − η g keeps every "
    "past step in full",
    "the weights moved by the old velocity: w ← w + v came before "
    "v ← μ v − η g, so step 1 does not move them",
    "the new gradient is weighted by 1 − μ: v = μ v − (1 − μ) η g is a "
    "running mean, not the book's velocity",
};

static void momentum_ref(int variant, double mu, double eta, int B,
                         ref_state *st, double w[], const double G[],
                         size_t nw)
{
    for (size_t p = 0; p < nw; p++) {
        double g = G[p] / (double)B, v = st->v[p];
        switch (variant) {
        case MO_BOOK:         v = mu * v - eta * g; break;
        case MO_NOT_CARRIED:  v = -eta * g; break;
        case MO_UPHILL:       v = mu * v + eta * g; break;
        case MO_NO_AVERAGE:   v = mu * v - eta * G[p]; break;
        case MO_NO_MU:        v = v - eta * g; break;
        case MO_OLD_VELOCITY: w[p] += v, v = mu * v - eta * g; break;
        case MO_MEAN:         v = mu * v - (1.0 - mu) * eta * g; break;
        }
        st->v[p] = v;
        if (variant != MO_OLD_VELOCITY)
            w[p] += v;
    }
}

/* Adam: the means m and s of g and g^2 (eq. adam-means), corrected by
   1 - beta^t, and w <- w - eta mhat / (sqrt(shat) + epsilon) (eq. adam). */

enum {
    AD_BOOK, AD_NO_CORRECTION, AD_NO_CORRECTION_M, AD_NO_CORRECTION_S,
    AD_T_NOT_CARRIED, AD_NOT_CARRIED, AD_UPHILL, AD_NO_AVERAGE,
    AD_EPS_INSIDE, AD_BETAS_SWAPPED, AD_PLAIN, AD_COUNT
};

static const char *const ad_diagnosis[AD_COUNT] = {
    "",
    "the bias correction is missing: m and s were not divided by "
    "1 − β1^t and 1 − β2^t",
    "m̂ is not corrected: m was not divided by 1 − β1^t; "
    "ŝ is",
    "ŝ is not corrected: s was not divided by 1 − β2^t; "
    "m̂ is",
    "the step count t was not carried over: every step is corrected "
    "with t = 1 (the count after the arrays, v[2 nw], must grow by 1 a "
    "step)",
    "the means m and s were not carried over from one step to the "
    "next: every step starts them from 0",
    "the steps go uphill: w ← w + η m̂ / (√ŝ + ε), the sign reversed",
    "the gradient was not averaged: the sum in dw was not divided by "
    "the batch's B = nsum samples",
    "ε is added under the root, √(ŝ + ε), not to it, √ŝ + ε",
    "β1 and β2 are swapped: m decays with β2 and s with β1",
    "the step is plain gradient descent, w ← w − η g: Adam's means are "
    "not used",
};

typedef struct adam_opts {
    double eta, beta1, beta2, epsilon;
    int B;
} adam_opts;

static void adam_ref(int variant, const adam_opts *a, ref_state *st,
                     double w[], const double G[], size_t nw)
{
    double b1 = a->beta1, b2 = a->beta2;
    if (variant == AD_BETAS_SWAPPED)
        b1 = a->beta2, b2 = a->beta1;
    st->t += 1.0;
    double t = variant == AD_T_NOT_CARRIED ? 1.0 : st->t;
    double c1 = 1.0 - pow(b1, t), c2 = 1.0 - pow(b2, t);
    if (variant == AD_NO_CORRECTION || variant == AD_NO_CORRECTION_M)
        c1 = 1.0;
    if (variant == AD_NO_CORRECTION || variant == AD_NO_CORRECTION_S)
        c2 = 1.0;
    for (size_t p = 0; p < nw; p++) {
        double g = variant == AD_NO_AVERAGE ? G[p] : G[p] / (double)a->B;
        if (variant == AD_PLAIN) {
            w[p] -= a->eta * g;
            continue;
        }
        double m0 = variant == AD_NOT_CARRIED ? 0.0 : st->m[p];
        double s0 = variant == AD_NOT_CARRIED ? 0.0 : st->s[p];
        st->m[p] = b1 * m0 + (1.0 - b1) * g;
        st->s[p] = b2 * s0 + (1.0 - b2) * g * g;
        double mh = st->m[p] / c1, sh = st->s[p] / c2;
        double den = variant == AD_EPS_INSIDE ? sqrt(sh + a->epsilon)
                                              : sqrt(sh) + a->epsilon;
        w[p] += (variant == AD_UPHILL ? 1.0 : -1.0) * a->eta * mh / den;
    }
}

/* ------------------------------------------------------------------ */
/* The weights after each of the STEPS steps: the reader's, through
   nn_train_step, and each variant's. */

typedef struct trail {
    double w[STEPS + 1][MAXW];
} trail;

static void run_reader(nn_net *N, const nn_train_options *o, int B,
                       trail *got)
{
    double *v = calloc(nn_train_state_size(N, o), sizeof(double));
    if (v == NULL) {
        fprintf(stderr, "grade: out of memory\n");
        exit(2);
    }
    memcpy(got->w[0], N->wflat, N->nw * sizeof(double));
    for (int t = 1; t <= STEPS; t++) {
        for (size_t p = 0; p < N->nw; p++)
            N->dwflat[p] = gradient(t, p, B);
        N->nsum = B;
        nn_train_step(N, o, v);
        memcpy(got->w[t], N->wflat, N->nw * sizeof(double));
    }
    memcpy(N->wflat, got->w[0], N->nw * sizeof(double));
    free(v);
}

static void run_ref(const nn_net *N, int variant, const nn_train_options *o,
                    int B, trail *want)
{
    static ref_state st;
    double G[MAXW];
    memset(&st, 0, sizeof st);
    memcpy(want->w[0], N->wflat, N->nw * sizeof(double));
    for (int t = 1; t <= STEPS; t++) {
        memcpy(want->w[t], want->w[t - 1], N->nw * sizeof(double));
        for (size_t p = 0; p < N->nw; p++)
            G[p] = gradient(t, p, B);
        if (o->step == NN_STEP_ADAM) {
            adam_opts a = { o->rate, o->beta1, o->beta2, o->epsilon, B };
            adam_ref(variant, &a, &st, want->w[t], G, N->nw);
        } else
            momentum_ref(variant, o->momentum, o->rate, B, &st, want->w[t],
                         G, N->nw);
    }
}

/* Do the reader's weights follow the trail want at every step? */
static int follows(const nn_net *N, const trail *got, const trail *want)
{
    for (int t = 1; t <= STEPS; t++)
        for (size_t p = 0; p < N->nw; p++)
            if (!(step_error(want->w[t - 1][p], got->w[t][p],
                             want->w[t][p]) <= TOL))
                return 0;
    return 1;
}

/* The checks of one setting of the options: a line a step, for the
   first setting; one line for the others.  Then, if a step was wrong,
   the mistake whose steps the reader's match.  Returns 1 if right. */
static int check_setting(nn_net *N, const nn_train_options *o, int B,
                         const char *what, int each,
                         const char *const diagnosis[], int nvariants)
{
    static trail got, want;
    if (each)
        printf("  %d steps of a fixed gradient, %s:\n", STEPS, what);
    run_reader(N, o, B, &got);
    run_ref(N, 0, o, B, &want);
    int ok = 1;
    for (int t = 1; t <= STEPS && ok; t++) {
        for (size_t p = 0; p < N->nw; p++)
            if (!(step_error(want.w[t - 1][p], got.w[t][p], want.w[t][p])
                  <= TOL))
                ok = 0;
        if (each || !ok)
            report_step(N, each ? "" : what, t, want.w[t - 1], got.w[t],
                        want.w[t]);
    }
    if (ok && !each)
        lab_check(1, "%sall %d steps right", what, STEPS);
    if (ok)
        return 1;
    for (int variant = 1; variant < nvariants; variant++) {
        static trail other;
        run_ref(N, variant, o, B, &other);
        if (follows(N, &got, &other)) {
            lab_check(0, "%s", diagnosis[variant]);
            return 0;
        }
    }
    lab_check(0, "the steps match none of the usual mistakes: compare "
              "the chunk with the book's equations line by line");
    return 0;
}

/* ------------------------------------------------------------------ */
/* It learns: XOR with a 2-4-1 network, tanh then sigmoid, cross-entropy,
   the four samples in one batch, a fixed seed; the loss after the
   epochs must fall below the bound. */

static int learns_xor(const nn_train_options *o, int epochs, double bound)
{
    const int n[] = { 0, 2, 4, 1 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY,
                                NN_ACT_TANH, NN_ACT_SIGMOID };
    static const double x[4][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    static const double y[4] = { 0, 1, 1, 0 };
    nn_err err;
    nn_rng r;
    nn_dataset D;
    nn_net *N = nn_net_create(3, n, A, &err);
    if (N == NULL || nn_data_create(&D, 4, 2, 1, &err) != 0) {
        fprintf(stderr, "grade: %s\n", err.msg);
        exit(2);
    }
    for (int s = 0; s < 4; s++)
        D.x[2 * s] = x[s][0], D.x[2 * s + 1] = x[s][1], D.y[s] = y[s];
    nn_rng_seed(&r, 14, 9);
    nn_net_init(N, &r);
    nn_trainer *T = nn_trainer_create(N, 4, o, &err);
    if (T == NULL) {
        fprintf(stderr, "grade: %s\n", err.msg);
        exit(2);
    }
    double loss = NAN;
    for (int e = 0; e < epochs; e++)
        if (nn_train_epoch(T, &D, NULL, NULL, &err) != 0) {
            fprintf(stderr, "grade: %s\n", err.msg);
            exit(2);
        }
    if (nn_mean_loss(N, &D, o->loss, &loss, &err) != 0) {
        fprintf(stderr, "grade: %s\n", err.msg);
        exit(2);
    }
    nn_trainer_free(T);
    nn_data_free(&D);
    nn_net_free(N);
    return lab_check(loss < bound, "it learns XOR (2-4-1, one batch, %d "
                     "epochs): loss %.3g, %s %.2g", epochs, loss,
                     loss < bound ? "below" : "NOT below", bound);
}

int grade_momentum(void)
{
    nn_net *N = step_net();
    nn_train_options o = { 0 };
    o.loss = NN_LOSS_SQUARED, o.step = NN_STEP_SGD, o.batch = 4;
    o.rate = 0.1, o.momentum = 0.9;
    int ok = check_setting(N, &o, 4, "μ = 0.9, η = 0.1, B = 4", 1,
                           mo_diagnosis, MO_COUNT);
    o.rate = 0.03, o.momentum = 0.5;
    if (ok)
        ok &= check_setting(N, &o, 3, "with μ = 0.5, η = 0.03, B = 3, ", 0,
                            mo_diagnosis, MO_COUNT);
    nn_net_free(N);
    o.loss = NN_LOSS_BCE, o.rate = 0.5, o.momentum = 0.9;
    ok &= learns_xor(&o, 300, 0.05);
    return lab_verdict(ok, "momentum");
}

int grade_adam(void)
{
    nn_net *N = step_net();
    nn_train_options o = { 0 };
    o.loss = NN_LOSS_SQUARED, o.step = NN_STEP_ADAM, o.batch = 4;
    o.rate = 0.01, o.beta1 = 0.9, o.beta2 = 0.99, o.epsilon = 1e-3;
    int ok = check_setting(N, &o, 4, "β1 = 0.9, β2 = 0.99, ε = 1e-3, "
                           "η = 0.01, B = 4", 1, ad_diagnosis, AD_COUNT);
    o.rate = 0.002, o.beta1 = 0.8, o.beta2 = 0.95, o.epsilon = 1e-8;
    if (ok)
        ok &= check_setting(N, &o, 3, "with β1 = 0.8, β2 = 0.95, "
                            "ε = 1e-8, η = 0.002, B = 3, ", 0, ad_diagnosis, AD_COUNT);
    nn_net_free(N);
    o.loss = NN_LOSS_BCE, o.rate = 0.05, o.beta1 = 0.9, o.beta2 = 0.999;
    o.epsilon = 1e-8;
    ok &= learns_xor(&o, 300, 0.05);
    return lab_verdict(ok, "adam");
}
