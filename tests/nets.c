#include "check.h"
#include "nets.h"

net *test_net(int L, const int n[], const activation A[])
{
    nn_err err;
    net *N = net_create(L, n, A, &err);
    if (N == NULL)
        check_fail(__FILE__, __LINE__, "net_create: %s", err.msg);
    return N;
}

net *test_output_layer(int n, activation a)
{
    int sizes[] = { 0, 1, n };
    activation A[] = { a, a, a };
    return test_net(2, sizes, A);
}

/* z = w[1][i][0] * 1 + w[1][i][1] * 0 is exactly the bias. */
void test_set_output(net *N, const double z[])
{
    const double x[1] = { 0.0 };
    for (int i = 1; i <= N->n[2]; i++)
        N->w[1][i][0] = z[i];
    net_forward(N, x);
}

void test_draw_targets(rng *r, loss_kind k, int n, double y[])
{
    int hot = (int)rng_below(r, (uint32_t)n);
    for (int i = 0; i < n; i++)
        y[i] = k == LOSS_SOFTMAX_CE ? (i == hot)
             : k == LOSS_BCE        ? (double)rng_below(r, 2)
                                    : rng_normal(r);
}
