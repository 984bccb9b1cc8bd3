/* Tests of chapter 13: the clustered-data generator draws what the text
   specifies (centres at distinct vertices, balanced classes, cluster
   means and covariances, redundant features), the 4-6-4-3-1 network
   classifies its ten samples right after training, and training is
   reproducible bit for bit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "clusters-data.h"
#include "nets.h"
#include "train.h"

static const clusters_spec book = { 2, 2, 2, 1.0 };

/* Centres at distinct vertices of {-rho, rho}^d_i, cluster k of class
   k mod 2, classes balanced exactly, every sample of its cluster's class
   and its redundant features B x_inf up to round-off. */
void test_clusters_structure(void)
{
    const clusters_spec c = { 3, 2, 4, 1.5 };
    enum { n = 1001 };
    static int cl[n];
    clusters_model M;
    nn_dataset D;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 3, 131);
    CHECK(clusters_draw(&D, n, &c, &r, &M, cl, &err) == 0);
    if (D.x == NULL)
        return;
    CHECK(D.d == 5 && D.m == 1 && M.K == 8);
    for (int k = 0; k < M.K; k++) {
        for (int a = 0; a < 3; a++)
            CHECK(fabs(M.centre[k][a]) == 1.5);
        for (int q = 0; q < k; q++)
            CHECK(memcmp(M.centre[k], M.centre[q], 3 * sizeof(double)));
    }
    size_t ones = 0, size[8] = { 0 };
    for (size_t s = 0; s < D.n; s++) {
        const double *x = D.x + s * 5;
        CHECK(D.y[s] == cl[s] % 2);
        ones += D.y[s] == 1.0;
        size[cl[s]]++;
        for (int q = 0; q < 2; q++)
            CHECK_NEAR(x[3 + q], M.redund[q][0] * x[0]
                       + M.redund[q][1] * x[1] + M.redund[q][2] * x[2],
                       1e-12);
    }
    CHECK(ones == n / 2);                  /* 1001 samples: 501 and 500 */
    for (int k = 0; k < 8; k++)
        CHECK(size[k] == n / 8 + (k < n % 8));
    nn_data_free(&D);
}

/* Per cluster, the informative features have mean mu_k and covariance
   A_k A_k^T.  With 40000 samples per cluster and entries of A_k in
   [-1, 1), a variance is at most d_i = 2: the standard error of a mean
   is at most sqrt(2/40000) = 0.007 and of a covariance entry at most
   about sqrt(2 * 2^2 / 40000) = 0.014.  Tolerances of 0.04 and 0.07
   are five of those. */
void test_clusters_moments(void)
{
    enum { n = 160000 };
    int *cl = malloc(n * sizeof *cl);
    clusters_model M;
    nn_dataset D;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 11, 131);
    CHECK(cl != NULL);
    CHECK(cl != NULL && clusters_draw(&D, n, &book, &r, &M, cl, &err) == 0);
    if (cl == NULL || D.x == NULL) {
        free(cl);
        return;
    }
    for (int k = 0; k < M.K; k++) {
        double cnt = 0, m[2] = { 0 }, c2[2][2] = { { 0 } };
        for (size_t s = 0; s < D.n; s++)
            if (cl[s] == k) {
                const double *x = D.x + s * 4;
                cnt++;
                for (int a = 0; a < 2; a++) {
                    m[a] += x[a];
                    for (int b = 0; b < 2; b++)
                        c2[a][b] += x[a] * x[b];
                }
            }
        for (int a = 0; a < 2; a++) {
            m[a] /= cnt;
            CHECK_NEAR(m[a], M.centre[k][a], 0.04);
        }
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++) {
                double want = 0.0;
                for (int e = 0; e < 2; e++)
                    want += M.mix[k][a][e] * M.mix[k][b][e];
                CHECK_NEAR(c2[a][b] / cnt - m[a] * m[b], want, 0.07);
            }
    }
    free(cl);
    nn_data_free(&D);
}

void test_clusters_rejects(void)
{
    const clusters_spec bad[] = { { 0, 2, 1, 1.0 }, { 9, 0, 1, 1.0 },
                                  { 2, -1, 1, 1.0 }, { 2, 9, 1, 1.0 },
                                  { 2, 2, 3, 1.0 }, { 2, 2, 0, 1.0 },
                                  { 2, 2, 1, 0.0 }, { 2, 2, 1, NAN } };
    for (size_t t = 0; t < sizeof bad / sizeof bad[0]; t++) {
        nn_dataset D;
        nn_err err;
        nn_rng r;
        nn_rng_seed(&r, 1, 131);
        CHECK(clusters_draw(&D, 10, &bad[t], &r, NULL, NULL, &err) == -1);
    }
    nn_dataset D;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 1, 131);
    CHECK(clusters_draw(&D, 0, &book, &r, NULL, NULL, &err) == -1);
}

/* The ten samples of the chapter's table, trained as the program
   clusters trains them by default (seed 2026: data stream 131, weights
   stream 132; 1000 full-batch steps at rate 0.5), then trained again:
   every sample on the side of 1/2 of its class, and the same weights to
   the bit both times. */
void test_clusters_ten_samples(void)
{
    static const int n[] = { 0, 4, 6, 4, 3, 1 };
    static const nn_activation A[] = { 0, 0, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_RELU,
                                     NN_ACT_SIGMOID };
    nn_net *N[2] = { NULL, NULL };
    for (int t = 0; t < 2; t++) {
        nn_dataset D;
        nn_err err;
        nn_rng data, init;
        nn_rng_seed(&data, 2026, 131);
        CHECK(clusters_draw(&D, 10, &book, &data, NULL, NULL, &err) == 0);
        N[t] = test_net(5, n, A);
        if (N[t] == NULL || D.x == NULL)
            break;
        nn_rng_seed(&init, 2026, 132);
        nn_net_init(N[t], &init);
        nn_train_options o = { .loss = NN_LOSS_BCE, .rate = 0.5,
            .batch = 10 };
        nn_trainer *T = nn_trainer_create(N[t], 10, &o, &err);
        CHECK(T != NULL);
        for (int e = 0; T != NULL && e < 1000; e++)
            CHECK(nn_train_epoch(T, &D, NULL, NULL, NULL) == 0);
        nn_trainer_free(T);
        for (size_t s = 0; s < D.n; s++) {
            double p = nn_net_forward(N[t], D.x + 4 * s)[1];
            CHECK((p >= 0.5) == (D.y[s] == 1.0));
        }
        double acc = NAN;
        CHECK(nn_accuracy(N[t], &D, &acc, NULL) == 0 && acc == 1.0);
        nn_data_free(&D);
    }
    if (N[0] != NULL && N[1] != NULL)
        CHECK(memcmp(N[0]->wflat, N[1]->wflat,
                     N[0]->nw * sizeof(double)) == 0);
    nn_net_free(N[0]);
    nn_net_free(N[1]);
}

/* The log-odds of the Bayes rule against the densities written out for
   d_i = 2: covariance S = A A^T, its inverse and determinant by the
   2 x 2 formulas, and the log of the average of each class's two
   Gaussians.  The rule's class is the sign. */
void test_clusters_log_odds(void)
{
    clusters_model M;
    nn_dataset D;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 5, 131);
    CHECK(clusters_draw(&D, 50, &book, &r, &M, NULL, &err) == 0);
    if (D.x == NULL)
        return;
    CHECK(M.informative == 2 && M.redundant == 2);
    for (size_t s = 0; s < D.n; s++) {
        const double *x = D.x + 4 * s;
        double p[2] = { 0.0, 0.0 };
        for (int k = 0; k < M.K; k++) {
            double S[2][2];
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                    S[a][b] = M.mix[k][a][0] * M.mix[k][b][0]
                              + M.mix[k][a][1] * M.mix[k][b][1];
            double det = S[0][0] * S[1][1] - S[0][1] * S[1][0];
            double u = x[0] - M.centre[k][0], v = x[1] - M.centre[k][1];
            double q = (S[1][1] * u * u - 2 * S[0][1] * u * v
                        + S[0][0] * v * v) / det;
            p[k % 2] += exp(-q / 2) / (2 * acos(-1.0) * sqrt(det)) / 2;
        }
        double t = clusters_log_odds(&M, x);
        CHECK_NEAR(t, log(p[1]) - log(p[0]), 1e-9 * (1 + fabs(t)));
        CHECK(clusters_bayes(&M, x) == (p[1] > p[0]));
    }
    nn_data_free(&D);
}

/* clusters_sample draws from the model it is given: per cluster the
   mean of 20000 samples is the centre within 0.04 (five standard
   errors), the classes are those of the clusters, and the Bayes rule's
   share right on them is its expectation, the mean of the larger
   posterior, within 0.01 (about four standard errors of 80000 samples).
   A model that clusters_draw did not make is refused. */
void test_clusters_sample(void)
{
    enum { n = 80000 };
    static int cl[n];
    clusters_model M;
    nn_dataset D, E;
    nn_err err;
    nn_rng r;
    nn_rng_seed(&r, 8, 131);
    CHECK(clusters_draw(&D, 10, &book, &r, &M, NULL, &err) == 0);
    CHECK(clusters_sample(&E, n, &M, &r, cl, &err) == 0);
    if (D.x == NULL || E.x == NULL)
        return;
    double right = 0.0, expect = 0.0, mean[4][2] = { { 0 } }, cnt[4] = { 0 };
    for (size_t s = 0; s < E.n; s++) {
        const double *x = E.x + 4 * s;
        double t = clusters_log_odds(&M, x);
        CHECK(E.y[s] == cl[s] % 2);
        right += clusters_bayes(&M, x) == (int)E.y[s];
        expect += 1.0 / (1.0 + exp(-fabs(t)));
        cnt[cl[s]]++;
        mean[cl[s]][0] += x[0], mean[cl[s]][1] += x[1];
    }
    for (int k = 0; k < 4; k++)
        for (int a = 0; a < 2; a++)
            CHECK_NEAR(mean[k][a] / cnt[k], M.centre[k][a], 0.04);
    CHECK_NEAR(right / n, expect / n, 0.01);
    clusters_model bad = M;
    bad.K = 0;
    CHECK(clusters_sample(&E, 10, &bad, &r, NULL, &err) == -1);
    CHECK(clusters_sample(&E, 0, &M, &r, NULL, &err) == -1);
    nn_data_free(&D);
    nn_data_free(&E);
}
