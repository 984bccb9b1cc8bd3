/* Tests of forward propagation and of the initial weights (chapter 3). */
#include <float.h>
#include <math.h>
#include "check.h"
#include "nets.h"
#include "net.h"

/* A network of L layers of the given widths and activations, or NULL
   (with a failed check) if it cannot be made. */
static double sigma(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

/* The 2-2-1 network: a sigmoid hidden layer and an identity output,
   weights chosen by hand with the biases in column 0, worked through
   equations (eq:preactivation) and (eq:activation) term by term. */
void test_forward_hand_worked(void)
{
    const int n[] = { 0, 2, 2, 1 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_SIGMOID,
                             NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    double **w1 = N->w[1], **w2 = N->w[2];
    w1[1][0] = 0.1,  w1[1][1] = 0.2, w1[1][2] = -0.3;
    w1[2][0] = -0.4, w1[2][1] = 0.5, w1[2][2] = 0.6;
    w2[1][0] = 0.7,  w2[1][1] = -0.8, w2[1][2] = 0.9;
    const double x[] = { 0.5, -1.0 };
    const double *y = nn_net_forward(N, x);

    /* z = sum_{j=0}^{n} w_ij l_j with l_0 = 1 */
    double z21 = 0.1 * 1 + 0.2 * 0.5 + -0.3 * -1.0;     /*  0.5  */
    double z22 = -0.4 * 1 + 0.5 * 0.5 + 0.6 * -1.0;     /* -0.75 */
    double l21 = sigma(z21), l22 = sigma(z22);
    double z31 = 0.7 * 1 + -0.8 * l21 + 0.9 * l22;
    /* 1e-15 relative (4.5 ulps) everywhere below: the library may order
       the sums and write the sigmoid differently, each a rounding or two. */
    CHECK_NEAR(N->z[2][1], z21, 1e-15 * fabs(z21));
    CHECK_NEAR(N->z[2][2], z22, 1e-15 * fabs(z22));
    CHECK_NEAR(N->l[2][1], l21, 1e-15 * l21);
    CHECK_NEAR(N->l[2][2], l22, 1e-15 * l22);
    CHECK_NEAR(y[1], z31, 1e-15 * fabs(z31));
    /* The same output to 40 digits, computed outside the program from the
       decimal weights, checks the arithmetic above. */
    CHECK_NEAR(y[1], 0.49077170578066267245, 1e-15 * 0.49077170578066267245);
    CHECK(y == N->l[3]);
    nn_net_free(N);
}

/* An all-identity network is the affine map x -> (W2 W1) x + (W2 b1 + b2),
   chapter 3's exercise.  The numbers are small multiples of 1/4, so every
   product and sum is exact in double and the two results agree exactly,
   whatever the order of the sums. */
void test_forward_identity_is_affine(void)
{
    const double W1[4][3] = { { 1, -2, 0.5 }, { 0.25, 3, -1 },
                              { -1.5, 0, 2 }, { 2, 1, -0.75 } };
    const double b1[4] = { 0.5, -1, 0.25, 0 };
    const double W2[2][4] = { { 1, -1, 0.5, 2 }, { -0.25, 0.5, 1.5, -2 } };
    const double b2[2] = { 1, -0.5 };
    const double x[3] = { 2, -1, 0.5 };
    const int n[] = { 0, 3, 4, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_IDENTITY,
                             NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    for (int i = 1; i <= 4; i++) {
        N->w[1][i][0] = b1[i - 1];
        for (int j = 1; j <= 3; j++)
            N->w[1][i][j] = W1[i - 1][j - 1];
    }
    for (int i = 1; i <= 2; i++) {
        N->w[2][i][0] = b2[i - 1];
        for (int j = 1; j <= 4; j++)
            N->w[2][i][j] = W2[i - 1][j - 1];
    }
    const double *y = nn_net_forward(N, x);
    for (int i = 0; i < 2; i++) {
        double c = b2[i], y_i = 0.0;
        for (int m = 0; m < 4; m++)
            c += W2[i][m] * b1[m];
        for (int j = 0; j < 3; j++) {
            double M_ij = 0.0;
            for (int m = 0; m < 4; m++)
                M_ij += W2[i][m] * W1[m][j];
            y_i += M_ij * x[j];
        }
        CHECK(y[i + 1] == y_i + c);
    }
    nn_net_free(N);
}

/* After a forward pass, z[k][i] is the weighted sum of the stored layer
   k-1 and l[k][i] is A[k] of it, for every layer and every activation. */
void test_forward_stores_layers(void)
{
    const int n[] = { 0, 4, 6, 5, 3, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_TANH, NN_ACT_RELU,
                             NN_ACT_LEAKY_RELU, NN_ACT_SIGMOID };
    const double x[] = { 0.3, -1.2, 2.0, -0.7 };
    nn_net *N = test_net(5, n, A);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 11, 1);
    nn_net_init(N, &r);
    for (size_t p = 0; p < N->nw; p++)   /* nonzero biases too */
        N->wflat[p] += 0.1 * nn_rng_normal(&r);
    nn_net_forward(N, x);
    for (int j = 1; j <= n[1]; j++)
        CHECK(N->l[1][j] == x[j - 1]);
    for (int k = 2; k <= N->L; k++)
        for (int i = 1; i <= n[k]; i++) {
            double z = 0.0, size = 0.0;
            for (int j = 0; j <= n[k - 1]; j++) {
                z += N->w[k - 1][i][j] * N->l[k - 1][j];
                size += fabs(N->w[k - 1][i][j] * N->l[k - 1][j]);
            }
            /* The rounding bound of a sum of n + 1 products, should the
               compiler fuse the library's multiply-adds and not ours. */
            CHECK_NEAR(N->z[k][i], z, (n[k - 1] + 1) * DBL_EPSILON * size);
            CHECK(N->l[k][i] == nn_act(A[k], N->z[k][i]));
        }
    nn_net_free(N);
}

/* The weights of w[k], bias column excluded, should be a sample of
   N(0, g2 / n[k]). */
static void check_init_scale(const nn_net *N, int k, double g2)
{
    double sum = 0.0, sumsq = 0.0;
    long m = 0;
    for (int i = 1; i <= N->n[k + 1]; i++)
        for (int j = 1; j <= N->n[k]; j++) {
            sum += N->w[k][i][j], sumsq += N->w[k][i][j] * N->w[k][i][j];
            m++;
        }
    double sd = sqrt(g2 / N->n[k]);
    double mean = sum / m, std = sqrt(sumsq / m - mean * mean);
    /* 5 standard errors of a sample mean: sd / sqrt(m). */
    CHECK_NEAR(mean, 0.0, 5 * sd / sqrt(m));
    /* 5 s.e. of a normal sample standard deviation: sd / sqrt(2 m). */
    CHECK_NEAR(std, sd, 5 * sd / sqrt(2.0 * m));
}

/* Widths that differ from layer to layer and activations that change the
   gain, which belongs to the layer a matrix reads: w[k] has g2 = 2 when
   layer k (k >= 2) is ReLU or LeakyReLU.  Scaling by the fan-out n[k+1],
   or taking the gain from A[k+1], the layer w[k] feeds, is off by 15% or
   more, against a tolerance of 1%. */
void test_init_scale(void)
{
    const int n[] = { 0, 400, 400, 300, 200, 100 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_RELU, NN_ACT_TANH,
                             NN_ACT_LEAKY_RELU, NN_ACT_SIGMOID };
    nn_net *N = test_net(5, n, A);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 5, 2);
    nn_net_init(N, &r);
    check_init_scale(N, 1, 1.0);   /* from the input, into ReLU */
    check_init_scale(N, 2, 2.0);   /* from ReLU, into tanh */
    check_init_scale(N, 3, 1.0);   /* from tanh, into LeakyReLU */
    check_init_scale(N, 4, 2.0);   /* from LeakyReLU, into sigmoid */
    nn_net_free(N);
}

void test_init_zero_biases(void)
{
    const int n[] = { 0, 3, 4, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_RELU,
                             NN_ACT_SIGMOID };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    for (size_t p = 0; p < N->nw; p++)   /* what a previous use left */
        N->wflat[p] = 1.0;
    nn_rng r;
    nn_rng_seed(&r, 6, 1);
    nn_net_init(N, &r);
    for (int k = 1; k < N->L; k++)
        for (int i = 1; i <= n[k + 1]; i++) {
            CHECK(N->w[k][i][0] == 0.0);
            for (int j = 1; j <= n[k]; j++)
                CHECK(N->w[k][i][j] != 1.0);
        }
    nn_net_free(N);
}

/* The weights are drawn in the order of wflat: s * nn_rng_normal for every
   weight but the biases.  Compared exactly: the same operations on the
   same numbers give the same bits. */
void test_init_draw_order(void)
{
    const int n[] = { 0, 3, 4, 2 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_RELU,
                             NN_ACT_SIGMOID };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    nn_rng r, twin;
    nn_rng_seed(&r, 8, 3);
    twin = r;
    nn_net_init(N, &r);
    const double *w = N->wflat;
    for (int k = 1; k < N->L; k++) {
        double s = sqrt((k >= 2 && A[k] == NN_ACT_RELU ? 2.0 : 1.0) / n[k]);
        for (int i = 1; i <= n[k + 1]; i++)
            for (int j = 0; j <= n[k]; j++, w++)
                CHECK(*w == (j == 0 ? 0.0 : s * nn_rng_normal(&twin)));
    }
    CHECK(r.state == twin.state);   /* and no draws besides */
    nn_net_free(N);
}

/* Fill a network's weights from a generator seeded with seed. */
static void init_with_seed(nn_net *N, uint64_t seed)
{
    nn_rng r;
    nn_rng_seed(&r, seed, 1);
    nn_net_init(N, &r);
}

void test_init_reproducible(void)
{
    const int n[] = { 0, 5, 7, 3 };
    const nn_activation A[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_TANH,
                             NN_ACT_IDENTITY };
    nn_net *a = test_net(3, n, A), *b = test_net(3, n, A);
    if (a != NULL && b != NULL) {
        size_t same = 0, biases = 7 + 3;
        init_with_seed(a, 99);
        init_with_seed(b, 99);
        for (size_t p = 0; p < a->nw; p++)
            same += a->wflat[p] == b->wflat[p];
        CHECK(same == a->nw);
        init_with_seed(b, 100);
        same = 0;
        for (size_t p = 0; p < a->nw; p++)
            same += a->wflat[p] == b->wflat[p];
        CHECK(same == biases);   /* only the zero biases agree */
    }
    nn_net_free(a);
    nn_net_free(b);
}
