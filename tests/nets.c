#include <math.h>
#include <string.h>
#include "backprop.h"
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

int test_random_data(nn_rng *r, const nn_net *N, nn_loss_kind k, size_t n,
                     nn_dataset *D)
{
    if (nn_data_create(D, n, N->n[1], N->n[N->L], NULL) != 0)
        return -1;
    for (size_t p = 0; p < D->n * (size_t)D->d; p++)
        D->x[p] = nn_rng_normal(r);
    for (size_t s = 0; s < D->n; s++)
        test_draw_targets(r, k, D->m, D->y + s * (size_t)D->m);
    return 0;
}

void test_gradient_sum(nn_net *N, const double X[], const double Y[], int b,
                       nn_loss_kind k, double g[], double a[], double *loss,
                       double *scale,
                       void (*each)(const nn_net *N, double a[], void *ctx),
                       void *ctx)
{
    const size_t d = (size_t)N->n[1], m = (size_t)N->n[N->L];
    *loss = *scale = 0.0;
    memset(g, 0, N->nw * sizeof *g);
    memset(a, 0, N->nw * sizeof *a);
    for (int s = 0; s < b; s++) {
        nn_net_zero_grad(N);
        double ls = nn_net_backprop(N, X + (size_t)s * d, Y + (size_t)s * m, k);
        *loss += ls, *scale += fabs(ls);
        for (size_t p = 0; p < N->nw; p++)
            g[p] += N->dwflat[p], a[p] += fabs(N->dwflat[p]);
        if (each != NULL)
            each(N, a, ctx);
    }
}

int test_far(double reltol, double x, double want, double scale)
{
    return !(fabs(x - want) <= reltol * (scale + fabs(want)) + 1e-300);
}
