#include "check.h"
#include "nets.h"

nn_net *test_net(int L, const int n[], const nn_activation A[])
{
    nn_err err;
    nn_net *N = nn_net_create(L, n, A, &err);
    if (N == NULL)
        check_fail(__FILE__, __LINE__, "net_create: %s", err.msg);
    return N;
}

nn_net *test_output_layer(int n, nn_activation a)
{
    int sizes[] = { 0, 1, n };
    nn_activation A[] = { a, a, a };
    return test_net(2, sizes, A);
}

/* z = w[1][i][0] * 1 + w[1][i][1] * 0 is exactly the bias. */
void test_set_output(nn_net *N, const double z[])
{
    const double x[1] = { 0.0 };
    for (int i = 1; i <= N->n[2]; i++)
        N->w[1][i][0] = z[i];
    nn_net_forward(N, x);
}

void test_draw_targets(nn_rng *r, nn_loss_kind k, int n, double y[])
{
    int hot = (int)nn_rng_below(r, (uint32_t)n);
    for (int i = 0; i < n; i++)
        y[i] = k == NN_LOSS_SOFTMAX_CE ? (i == hot)
             : k == NN_LOSS_BCE        ? (double)nn_rng_below(r, 2)
                                    : nn_rng_normal(r);
}
