/* Tests of chapter 17: the book's blocked GEMM and the OpenBLAS path
   against a reference product, in float and double, on every edge of the
   blocks; the book's GEMM on one thread and on two, bit for bit; the GEMM
   trainer's gradient against b calls of nn_net_backprop, its epochs
   against nn_batch_train_epoch, and its refusals; nn_image_source. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "activation.h"
#include "backprop.h"
#include "batch.h"
#include "check.h"
#include "gemm-train.h"
#include "gemm.h"
#include "nets.h"
#include "rng.h"

/* ---------------------------------------------------------------- GEMM */

/* The three implementations of each precision. */
enum { IMPLS = 3 };
static const char *const impl_names[IMPLS] = { "index loops", "book",
                                               "OpenBLAS" };
static nn_dgemm_fn *const dgemms[IMPLS] = { nn_dgemm_loops, nn_dgemm,
                                            nn_dgemm_blas };
static nn_sgemm_fn *const sgemms[IMPLS] = { nn_sgemm_loops, nn_sgemm,
                                            nn_sgemm_blas };

/* What a call must leave in the columns of C beyond n. */
#define SENTINEL 777.25

/* One product C <- alpha op(A) op(B) + beta C as the call sees it.  The
   numbers are kept in double; for a float product they are numbers a
   float holds exactly, so the reference is that of the float call's own
   operands.  A and B have NaN between the end of a stored row and the
   next (a read outside op(A), op(B) poisons C); C0 is C before the call:
   NaN if beta is 0 (which must not matter), else drawn, and SENTINEL
   beyond column n. */
struct product {
    nn_trans ta, tb;
    int m, n, k, lda, ldb, ldc, single;
    double alpha, beta;
    size_t na, nb, nc;          /* stored numbers of A, B, C */
    double *A, *B, *C0;
    double *ref, *scale;        /* m x n: the product, and its size */
};

static const char *trans_name(nn_trans t)
{
    return t == NN_PLAIN ? "N" : "T";
}

static double draw(nn_rng *r, int single)
{
    double x = nn_rng_normal(r);
    return single ? (double)(float)x : x;
}

/* A stored matrix of rows x cols numbers, ld apart: drawn, NaN between. */
static double *stored(nn_rng *r, int rows, int cols, int ld, size_t *count,
                      int single)
{
    *count = (size_t)rows * (size_t)ld;
    double *X = malloc((*count > 0 ? *count : 1) * sizeof *X);
    if (X == NULL)
        return NULL;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < ld; j++)
            X[(size_t)i * ld + j] = j < cols ? draw(r, single) : NAN;
    return X;
}

static double entry(const double X[], nn_trans t, int ld, int r, int c)
{
    return t == NN_PLAIN ? X[(size_t)r * ld + c] : X[(size_t)c * ld + r];
}

static void product_free(struct product *p)
{
    free(p->A), free(p->B), free(p->C0), free(p->ref), free(p->scale);
    p->A = p->B = p->C0 = p->ref = p->scale = NULL;
}

/* Draw the operands of a product with leading dimensions extra numbers
   longer than the stored rows (at least 1, as BLAS wants), and compute
   its reference in double with the entries' magnitudes: the scale of
   entry (i, j) is |alpha| sum_p |op(A)_ip| |op(B)_pj| + |beta c_ij|.
   For a float product alpha and beta are rounded to float first, as
   the call will have them. */
static int product_make(nn_rng *r, struct product *p, nn_trans ta,
                        nn_trans tb, int m, int n, int k, const int extra[3],
                        double alpha, double beta, int single)
{
    int ra = ta == NN_PLAIN ? m : k, ca = ta == NN_PLAIN ? k : m;
    int rb = tb == NN_PLAIN ? k : n, cb = tb == NN_PLAIN ? n : k;
    if (single)
        alpha = (float)alpha, beta = (float)beta;
    *p = (struct product){ ta, tb, m, n, k, 0, 0, 0, single, alpha, beta,
                           0, 0, 0, NULL, NULL, NULL, NULL, NULL };
    p->lda = ca + extra[0] > 1 ? ca + extra[0] : 1;
    p->ldb = cb + extra[1] > 1 ? cb + extra[1] : 1;
    p->ldc = n + extra[2] > 1 ? n + extra[2] : 1;
    p->A = stored(r, ra, ca, p->lda, &p->na, single);
    p->B = stored(r, rb, cb, p->ldb, &p->nb, single);
    p->nc = (size_t)m * (size_t)p->ldc;
    size_t mn = (size_t)m * (size_t)n;
    p->C0 = malloc((p->nc > 0 ? p->nc : 1) * sizeof *p->C0);
    p->ref = malloc((mn > 0 ? mn : 1) * sizeof *p->ref);
    p->scale = malloc((mn > 0 ? mn : 1) * sizeof *p->scale);
    double *opb = malloc(((size_t)k * (size_t)n + 1) * sizeof *opb);
    if (p->A == NULL || p->B == NULL || p->C0 == NULL || p->ref == NULL
        || p->scale == NULL || opb == NULL) {
        product_free(p), free(opb);
        check_fail(__FILE__, __LINE__, "out of memory for a product");
        return -1;
    }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < p->ldc; j++)
            p->C0[(size_t)i * p->ldc + j] = j >= n ? SENTINEL
                                         : beta == 0 ? NAN : draw(r, single);
    for (size_t q = 0; q < mn; q++)
        p->ref[q] = p->scale[q] = 0.0;
    for (int q = 0; q < k; q++)         /* op(B), k x n, then i-p-j */
        for (int j = 0; j < n; j++)
            opb[(size_t)q * n + j] = entry(p->B, tb, p->ldb, q, j);
    for (int i = 0; i < m; i++) {
        double *c = p->ref + (size_t)i * n, *s = p->scale + (size_t)i * n;
        for (int q = 0; q < k; q++) {
            const double a = entry(p->A, ta, p->lda, i, q);
            const double *b = opb + (size_t)q * n;
            for (int j = 0; j < n; j++) {
                c[j] += a * b[j];
                s[j] += fabs(a * b[j]);
            }
        }
        for (int j = 0; j < n; j++) {
            double c0 = p->C0[(size_t)i * p->ldc + j];
            c[j] = beta == 0 ? alpha * c[j] : alpha * c[j] + beta * c0;
            s[j] = fabs(alpha) * s[j] + (beta == 0 ? 0 : fabs(beta * c0));
        }
    }
    free(opb);
    return 0;
}

/* Call implementation f of the product's precision; the C it leaves,
   in double, goes to out (nc numbers).  0, or -1 if memory is short. */
static int product_call(const struct product *p, int f, double out[])
{
    if (!p->single) {
        memcpy(out, p->C0, p->nc * sizeof *out);
        dgemms[f](p->ta, p->tb, p->m, p->n, p->k, p->alpha, p->A, p->lda,
                  p->B, p->ldb, p->beta, out, p->ldc);
        return 0;
    }
    float *fa = malloc((p->na + p->nb + p->nc + 1) * sizeof *fa);
    if (fa == NULL) {
        check_fail(__FILE__, __LINE__, "out of memory for a float product");
        return -1;
    }
    float *fb = fa + p->na, *fc = fb + p->nb;
    for (size_t q = 0; q < p->na; q++)
        fa[q] = (float)p->A[q];
    for (size_t q = 0; q < p->nb; q++)
        fb[q] = (float)p->B[q];
    for (size_t q = 0; q < p->nc; q++)
        fc[q] = (float)p->C0[q];
    sgemms[f](p->ta, p->tb, p->m, p->n, p->k, (float)p->alpha, fa, p->lda,
              fb, p->ldb, (float)p->beta, fc, p->ldc);
    for (size_t q = 0; q < p->nc; q++)
        out[q] = fc[q];
    free(fa);
    return 0;
}

/* The bound on |computed - exact| for an entry of the given scale.

   Double: 1e-12 of the scale.  Each entry sums k products and beta c in
   some order, with or without fused multiply-adds; every term then passes
   through at most k + 2 roundings (its product, the additions, alpha,
   the addition of beta c or of the block before), so the error is at
   most gamma_{k+2} (Higham, section 3.1) of the scale, about 3e-14 for
   the largest k here; the reference's own error is as small.

   Float: the same gamma_{k+2} with u = 2^-24, the unit round-off of a
   float, times the scale; the reference is exact to a double's
   round-off, some 2^29 times smaller, which the bound has room for. */
static double bound(const struct product *p, double scale)
{
    if (!p->single)
        return 1e-12 * scale;
    const double u = ldexp(1.0, -24), ku = (p->k + 2) * u;
    return ku / (1 - ku) * scale * (1 + 1e-6);
}

/* The faults reported so far by the current test: the first few are
   enough to see what is wrong. */
static int reported;

/* Compare out with the reference, and the columns beyond n with the
   sentinel; report the first fault, if fewer than 8 have been reported.
   Returns the number of faults. */
static int product_check(const struct product *p, const double out[],
                         const char *what, int line)
{
    int bad = 0;
    for (int i = 0; i < p->m; i++)
        for (int j = 0; j < p->ldc; j++) {
            double x = out[(size_t)i * p->ldc + j];
            size_t q = (size_t)i * p->n + j;
            int wrong = j >= p->n ? x != SENTINEL
                      : !(fabs(x - p->ref[q]) <= bound(p, p->scale[q]));
            if (wrong && bad++ == 0 && reported++ < 8)
                check_fail(__FILE__, line, "%s %s %s%s m %d n %d k %d, "
                           "lda %d ldb %d ldc %d, alpha %g beta %g: C[%d][%d]"
                           " = %.17g, expected %.17g (bound %.3g)", what,
                           p->single ? "float" : "double",
                           trans_name(p->ta), trans_name(p->tb), p->m, p->n,
                           p->k, p->lda, p->ldb, p->ldc, p->alpha, p->beta,
                           i, j, x, j >= p->n ? SENTINEL : p->ref[q],
                           j >= p->n ? 0.0 : bound(p, p->scale[q]));
        }
    return bad;
}

/* Every implementation on one product, both transposes of each operand;
   the book's GEMM on the threads set now.  Returns the faults. */
static int check_every_path(nn_rng *r, int m, int n, int k, double alpha,
                            double beta, int single)
{
    static const int extras[4] = { 0, 1, 3, 8 };
    int bad = 0;
    for (int t = 0; t < 4; t++) {
        int extra[3];
        for (int q = 0; q < 3; q++)
            extra[q] = extras[nn_rng_below(r, 4)];
        struct product p;
        if (product_make(r, &p, (nn_trans)(t >> 1), (nn_trans)(t & 1), m, n,
                         k, extra, alpha, beta, single) != 0)
            return bad + 1;
        double *out = malloc((p.nc > 0 ? p.nc : 1) * sizeof *out);
        for (int f = 0; f < IMPLS && out != NULL; f++)
            if (product_call(&p, f, out) == 0)
                bad += product_check(&p, out, impl_names[f], __LINE__);
        if (out == NULL)
            check_fail(__FILE__, __LINE__, "out of memory"), bad++;
        free(out), product_free(&p);
    }
    return bad;
}

/* The six pairs of alpha and beta, taken in turn. */
static const double alphas[6] = { 1, -0.5, 1, -0.5, 1, -0.5 };
static const double betas[6] = { 0, 1, 0.7, 0, 1, 0.7 };

/* Every m, n, k of the sizes below: none, one, around the micro-kernel's
   MR = 6 and NR = 16 (float) or 8 (double), past MC = 96 and past 128,
   where the product stops reading its operands in place and packs
   them (130 x 130 x 130 is packed, every other one is skinny). */
static void gemm_sizes(int single)
{
    static const int sizes[] = { 0, 1, 5, 6, 7, 15, 16, 17, 33, 97, 130 };
    enum { S = sizeof sizes / sizeof sizes[0] };
    nn_rng r;
    nn_rng_seed(&r, 17, (uint64_t)single);
    reported = 0;
    int before = nn_gemm_threads(1), bad = 0, turn = 0;
    for (int a = 0; a < S; a++)
        for (int b = 0; b < S; b++)
            for (int c = 0; c < S; c++, turn++)
                bad += check_every_path(&r, sizes[a], sizes[b], sizes[c],
                                        alphas[turn % 6], betas[turn % 6],
                                        single);
    if (bad > 0)
        check_fail(__FILE__, __LINE__, "%d entries wrong in all", bad);
    nn_gemm_threads(before);
}

void test_gemm_double_every_edge(void)
{
    gemm_sizes(0);
}

void test_gemm_float_every_edge(void)
{
    gemm_sizes(1);
}

/* Products past the larger blocks, KC = 256, MC = 96 and NC = 2048, read
   in place (skinny) and packed, each with one of the six pairs of alpha
   and beta. */
static const int large[][3] = {
    { 97, 2053, 33 },       /* skinny: past NC and MC */
    { 7, 2100, 300 },       /* skinny: past NC and KC */
    { 101, 60, 600 },       /* skinny: past MC, twice past KC */
    { 130, 2049, 128 },     /* packed: past NC and MC */
    { 193, 130, 520 },      /* packed: twice past MC and KC */
    { 128, 128, 257 } };    /* packed, just past KC */

static void gemm_large(int single)
{
    nn_rng r;
    nn_rng_seed(&r, 17, 2 + (uint64_t)single);
    reported = 0;
    int before = nn_gemm_threads(1), bad = 0;
    for (size_t s = 0; s < sizeof large / sizeof large[0]; s++)
        bad += check_every_path(&r, large[s][0], large[s][1], large[s][2],
                                alphas[s % 6], betas[s % 6], single);
    if (bad > 0)
        check_fail(__FILE__, __LINE__, "%d entries wrong in all", bad);
    nn_gemm_threads(before);
}

void test_gemm_double_large_blocks(void)
{
    gemm_large(0);
}

void test_gemm_float_large_blocks(void)
{
    gemm_large(1);
}

/* nn_gemm_threads clamps to 1 .. 64 and returns the number before. */
void test_gemm_threads_setting(void)
{
    int before = nn_gemm_threads(0);
    CHECK(before >= 1 && before <= 64);
    CHECK(nn_gemm_threads(5) == 1);
    CHECK(nn_gemm_threads(1000) == 5);
    CHECK(nn_gemm_threads(-7) == 64);
    CHECK(nn_gemm_threads(before) == 1);
    CHECK(nn_gemm_processors() >= 1);
}

/* The book's GEMM gives the same bits on one thread and on two: C is cut
   into rows (m >= n) or columns (m < n) and each entry summed by one
   thread in the same order.  The products are large enough (10^5
   multiply-adds) to be shared; some cut at a multiple of MR or NR that
   leaves a ragged part, some read in place and some pack.  Each result
   also matches the reference. */
void test_gemm_threads_same_bits(void)
{
    static const int shapes[][3] = {
        { 97, 33, 130 }, { 301, 7, 64 }, { 130, 130, 130 }, { 200, 150, 300 },
        { 33, 97, 130 }, { 6, 1000, 20 }, { 17, 2100, 40 }, { 140, 303, 129 },
        { 1000, 1, 101 }, { 1, 1000, 101 } };
    nn_rng r;
    nn_rng_seed(&r, 17, 4);
    reported = 0;
    int before = nn_gemm_threads(1), turn = 0;
    for (int single = 0; single <= 1; single++)
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
            for (int t = 0; t < 4; t++, turn++) {
                const int extra[3] = { t, 2 * t, 1 };
                struct product p;
                if (product_make(&r, &p, (nn_trans)(t >> 1), (nn_trans)(t & 1),
                                 shapes[s][0], shapes[s][1], shapes[s][2],
                                 extra, alphas[turn % 6], betas[turn % 6],
                                 single) != 0)
                    return;
                CHECK((double)p.m * p.n * p.k >= 1e5);
                double *one = malloc(2 * p.nc * sizeof *one), *two = one + p.nc;
                if (one == NULL) {
                    check_fail(__FILE__, __LINE__, "out of memory");
                    product_free(&p);
                    return;
                }
                nn_gemm_threads(1);
                product_call(&p, 1, one);
                nn_gemm_threads(2);
                product_call(&p, 1, two);
                if (memcmp(one, two, p.nc * sizeof *one) != 0)
                    check_fail(__FILE__, __LINE__, "%s %s%s %d x %d x %d: "
                               "two threads give other bits than one",
                               single ? "float" : "double", trans_name(p.ta),
                               trans_name(p.tb), p.m, p.n, p.k);
                product_check(&p, two, "book, 2 threads", __LINE__);
                free(one), product_free(&p);
            }
    nn_gemm_threads(before);
}

/* ------------------------------------------------------ the trainer */

/* The OpenBLAS path, as gemm-bench makes it. */
static const nn_gemm_path path_blas = { "OpenBLAS", nn_sgemm_blas,
                                        nn_dgemm_blas };
static const nn_gemm_path *const paths[3] = { &nn_path_loops, &nn_path_book,
                                              &path_blas };

/* As tests/test-batch.c: the two ways add the same terms in another
   order, a few hundred of them at most, some 1e-14 of the terms'
   magnitudes. */
#define RELTOL 1e-12

/* A network of widths n[1 .. L]: hidden activation a, output out; every
   weight, the biases too, normal with variance 2 / (n[k] + 1), so that
   the layers neither vanish nor blow up. */
static nn_net *scaled_net(nn_rng *r, int L, const int n[], nn_activation a,
                          nn_activation out)
{
    nn_activation A[8];
    for (int k = 0; k <= L; k++)
        A[k] = k == L ? out : a;
    nn_net *N = test_net(L, n, A);
    for (int k = 1; N != NULL && k < L; k++)
        for (int i = 1; i <= n[k + 1]; i++)
            for (int j = 0; j <= n[k]; j++)
                N->w[k][i][j] = nn_rng_normal(r) * sqrt(2.0 / (n[k] + 1));
    return N;
}

/* Add to a the magnitudes of the sample nn_net_backprop has just taken:
   for each weight, |delta_i^(k+1)| |l_j^(k)| with the error signals of
   the recurrence run on magnitudes, |A'(z_j)| sum_i |w_ij| |delta_i|.
   Where the recurrence's sum cancels, a gradient entry is much smaller
   than the terms whose round-off it carries; this is their size.
   bar holds sum_k (n[k] + 1) numbers. */
static void add_magnitudes(const nn_net *N, double a[], void *work)
{
    double *bar = work;
    const int L = N->L;
    double *next = bar, *here = bar;        /* layer k + 1, layer k */
    for (int i = 1; i <= N->n[L]; i++)
        next[i] = fabs(N->delta[L][i]);
    for (int k = L - 1; k >= 1; k--) {
        here = next + N->n[k + 1] + 1;
        for (int j = 1; j <= N->n[k]; j++) {
            double sum = 0.0;
            for (int i = 1; i <= N->n[k + 1]; i++)
                sum += fabs(N->w[k][i][j]) * next[i];
            here[j] = k >= 2 ? fabs(nn_act_prime(N->A[k], N->z[k][j])) * sum
                             : 0.0;
        }
        for (int i = 1; i <= N->n[k + 1]; i++)
            for (int j = 0; j <= N->n[k]; j++)
                a[&N->dw[k][i][j] - N->dwflat] += next[i] * fabs(N->l[k][j]);
        next = here;
    }
}

/* The reference of test_gradient_sum for b samples: the sum g of the
   per-sample gradients of chapter 7, the summed loss and the sum of the
   losses' magnitudes; and in a the scale of each entry's round-off: the
   sum of its magnitudes, the entries' own and those of add_magnitudes,
   plus the largest such sum of its matrix.  The last term is for the
   forward pass: where a sum of z cancels, l_j carries the round-off of
   terms much larger than itself, and so does every gradient entry
   delta_i l_j of its column; the matrix's largest entry bounds it. */
static void reference(nn_net *N, const double X[], const double Y[], int b,
                      nn_loss_kind k, double g[], double a[], double *loss,
                      double *scale)
{
    size_t nodes = 0;
    for (int q = 1; q <= N->L; q++)
        nodes += (size_t)N->n[q] + 1;
    double *bar = malloc(nodes * sizeof *bar);
    if (bar == NULL) {
        check_fail(__FILE__, __LINE__, "out of memory");
        return;
    }
    test_gradient_sum(N, X, Y, b, k, g, a, loss, scale, add_magnitudes, bar);
    free(bar);
    for (int q = 1; q < N->L; q++) {    /* the largest of each matrix */
        size_t first = (size_t)(&N->dw[q][1][0] - N->dwflat);
        size_t count = (size_t)N->n[q + 1] * (size_t)(N->n[q] + 1);
        double top = 0.0;
        for (size_t p = first; p < first + count; p++)
            top = fmax(top, a[p]);
        for (size_t p = first; p < first + count; p++)
            a[p] += top;
    }
}

/* The loss a network's output layer takes, as nn_loss_check allows:
   q = 0 squared after out, 1 BCE after a sigmoid, 2 softmax-ce after
   identity. */
static nn_activation output_of(int q, nn_activation out)
{
    return q == 1 ? NN_ACT_SIGMOID : q == 2 ? NN_ACT_IDENTITY : out;
}

static nn_loss_kind loss_of(int q)
{
    return q == 1 ? NN_LOSS_BCE : q == 2 ? NN_LOSS_SOFTMAX_CE
                                          : NN_LOSS_SQUARED;
}

/* One network: for each path and precision a trainer of batches of B
   (on n > B samples), and batches of 1, of fewer than B and of B.  The
   gradient of a batch, added to N->dw twice, must be the reference and
   twice it; nsum b and 2 b; the loss the reference's.  Double: RELTOL
   entry by entry.  Float: within 1e-4 of the largest entry, the
   chapter's bound, and the loss within 1e-4 of the sum of the losses'
   magnitudes and b (an error of z of some 1e-5 changes a loss by as much
   relative to its size, or absolutely where the loss is near 0). */
static void check_gradients(nn_rng *r, nn_net *N, nn_loss_kind k, int B)
{
    const int d = N->n[1], m = N->n[N->L];
    const size_t nw = N->nw;
    double *X = malloc(((size_t)B * (size_t)(d + m) + 4 * nw) * sizeof *X);
    if (X == NULL) {
        check_fail(__FILE__, __LINE__, "out of memory");
        return;
    }
    double *Y = X + (size_t)B * d, *g = Y + (size_t)B * m, *a = g + nw;
    double *once = a + nw, *twice = once + nw;
    const int bs[3] = { 1, B > 2 ? B / 2 + 1 : 1, B };
    for (int q = 0; q < 3; q++) {
        const int b = bs[q];
        for (int s = 0; s < b; s++) {
            for (int j = 0; j < d; j++)
                X[(size_t)s * d + j] = nn_rng_normal(r);
            test_draw_targets(r, k, m, Y + (size_t)s * m);
        }
        double loss, scale, top = 0.0;
        reference(N, X, Y, b, k, g, a, &loss, &scale);
        for (size_t p = 0; p < nw; p++)
            top = fmax(top, fabs(g[p]));
        for (int path = 0; path < 3; path++)
            for (int prec = NN_DOUBLE; prec <= NN_FLOAT; prec++) {
                nn_err err = { "" };
                nn_train_options o = { .loss = k, .rate = 0.1,
                                       .batch = (size_t)B };
                nn_gemm_trainer *T = nn_gemm_trainer_create(
                    N, (size_t)B + 3, &o, *paths[path], (nn_precision)prec,
                    &err);
                if (T == NULL) {
                    check_fail(__FILE__, __LINE__, "trainer: %s", err.msg);
                    continue;
                }
                double l1 = NAN, l2 = NAN;
                nn_net_zero_grad(N);
                CHECK(nn_gemm_backprop(T, X, Y, b, &l1, &err) == 0);
                CHECK(N->nsum == b);
                memcpy(once, N->dwflat, nw * sizeof *once);
                CHECK(nn_gemm_backprop(T, X, Y, b, &l2, &err) == 0);
                CHECK(N->nsum == 2 * b);
                memcpy(twice, N->dwflat, nw * sizeof *twice);
                int bad = 0;
                double worst = 0.0;
                for (size_t p = 0; p < nw; p++) {
                    double e = fabs(once[p] - g[p]);
                    double e2 = fabs(twice[p] - 2 * g[p]) / 2;
                    if (!(e <= worst) || !(e2 <= worst))  /* NaN too */
                        worst = isnan(e + e2) ? INFINITY : fmax(e, e2);
                    if (prec == NN_DOUBLE)
                        bad += test_far(RELTOL, once[p], g[p], a[p])
                             + test_far(RELTOL, twice[p], 2 * g[p], 2 * a[p]);
                }
                if (prec == NN_FLOAT && !(worst <= 1e-4 * top))
                    bad++;
                if (bad > 0)
                    check_fail(__FILE__, __LINE__, "%s %s, L %d (%d-...-%d),"
                               " %s, b %d of %d: %d entries differ, largest "
                               "%g of %g", paths[path]->name,
                               prec == NN_FLOAT ? "float" : "double", N->L,
                               d, m, nn_loss_name(k), b, B, bad, worst, top);
                if (prec == NN_DOUBLE)
                    CHECK(!test_far(RELTOL, l1, loss, scale) && l2 == l1);
                else
                    CHECK(fabs(l1 - loss) <= 1e-4 * (scale + b) && l2 == l1);
                nn_gemm_trainer_free(T);
            }
    }
    free(X);
}

/* Networks of 2 to 4 layers: chosen ones with widths past the kernel's
   NR (16) and past 128, and one whose products of a batch of 130 are all
   packed; random ones of widths 1 .. 40.  Each hidden activation, and
   each output with the losses nn_loss_check allows. */
void test_gemm_backprop_matches_per_sample(void)
{
    static const struct { int L, n[5], B; } chosen[] = {
        { 2, { 0, 5, 3 }, 4 },
        { 2, { 0, 40, 1 }, 17 },
        { 2, { 0, 1, 40 }, 9 },
        { 3, { 0, 17, 33, 4 }, 16 },
        { 3, { 0, 140, 20, 10 }, 32 },
        { 3, { 0, 3, 130, 2 }, 7 },
        { 4, { 0, 30, 17, 129, 6 }, 33 },
        { 4, { 0, 2, 40, 40, 3 }, 1 },
        { 4, { 0, 130, 131, 129, 7 }, 130 } };
    nn_rng r;
    nn_rng_seed(&r, 17, 5);
    int turn = 0;
    for (size_t c = 0; c < sizeof chosen / sizeof chosen[0]; c++)
        for (int q = 0; q < 3; q++, turn++) {
            nn_activation a = (nn_activation)(turn % NN_ACT_COUNT);
            nn_activation out = output_of(q, (nn_activation)((turn + 2)
                                                             % NN_ACT_COUNT));
            nn_net *N = scaled_net(&r, chosen[c].L, chosen[c].n, a, out);
            if (N == NULL)
                return;
            check_gradients(&r, N, loss_of(q), chosen[c].B);
            nn_net_free(N);
        }
    for (int rep = 0; rep < 12; rep++)
        for (int q = 0; q < 3; q++) {
            int L = 2 + (int)nn_rng_below(&r, 3), n[5] = { 0 };
            for (int k = 1; k <= L; k++)
                n[k] = 1 + (int)nn_rng_below(&r, 40);
            nn_activation a = (nn_activation)nn_rng_below(&r, NN_ACT_COUNT);
            nn_activation out = output_of(q, (nn_activation)nn_rng_below(
                                                 &r, NN_ACT_COUNT));
            nn_net *N = scaled_net(&r, L, n, a, out);
            if (N == NULL)
                return;
            check_gradients(&r, N, loss_of(q), 1 + (int)nn_rng_below(&r, 40));
            nn_net_free(N);
        }
}

static double largest_difference(const double a[], const double b[],
                                 size_t n, double *top)
{
    double diff = 0.0;
    *top = 0.0;
    for (size_t p = 0; p < n; p++) {
        *top = fmax(*top, fabs(a[p]));
        if (!(fabs(a[p] - b[p]) <= diff))
            diff = isfinite(a[p] - b[p]) ? fabs(a[p] - b[p]) : INFINITY;
    }
    return diff;
}

/* Epochs of nn_batch_train_epoch on N and of nn_gemm_train_epoch in
   double on a copy of N, from the same weights, on the same data with
   the same options; shuffled with the same seed unless shuffled is 0.
   The rate is halved after every epoch through each trainer's rate
   function; if nudge, the weights of both networks are scaled by 0.9
   between epochs, which the GEMM trainer must take up as it starts the
   next.  The weights after each epoch agree to RELTOL of the largest,
   the losses to RELTOL. */
static void compare_epochs(nn_rng *r, int L, const int n[], nn_activation a,
                           int q, size_t samples, size_t batch, double mu,
                           int shuffled, int nudge, const nn_gemm_path *path)
{
    nn_loss_kind k = loss_of(q);
    nn_net *N = scaled_net(r, L, n, a, output_of(q, a));
    nn_net *M = N == NULL ? NULL : test_net(L, n, N->A);
    nn_dataset D = { 0 };
    if (M == NULL || test_random_data(r, N, k, samples, &D) != 0) {
        check_fail(__FILE__, __LINE__, "setup failed");
        nn_net_free(N), nn_net_free(M);
        return;
    }
    memcpy(M->wflat, N->wflat, N->nw * sizeof *N->wflat);
    nn_train_options o = { .loss = k, .rate = 0.01, .batch = batch,
                           .momentum = mu };
    nn_err err = { "" };
    nn_batch_trainer *BT = nn_batch_trainer_create(N, samples, &o, &err);
    nn_gemm_trainer *GT = nn_gemm_trainer_create(M, samples, &o, *path,
                                                 NN_DOUBLE, &err);
    CHECK(BT != NULL && GT != NULL);
    nn_batch_source src = nn_data_source(&D);
    nn_rng order1, order2;
    nn_rng_seed(&order1, 7, 7), nn_rng_seed(&order2, 7, 7);
    for (int e = 0; e < 3 && BT != NULL && GT != NULL; e++) {
        double l1 = NAN, l2 = NAN, top;
        CHECK(nn_batch_train_epoch(BT, &src, shuffled ? &order1 : NULL, &l1,
                                   &err) == 0);
        CHECK(nn_gemm_train_epoch(GT, &src, shuffled ? &order2 : NULL, &l2,
                                  &err) == 0);
        double diff = largest_difference(N->wflat, M->wflat, N->nw, &top);
        if (!(diff <= RELTOL * top) || !(top > 0 && top < 1e6)
            || test_far(RELTOL, l2, l1, fabs(l1)))
            check_fail(__FILE__, __LINE__, "%s, L %d, %s, batch %zu of %zu, "
                       "mu %g, %s%s, epoch %d: the weights differ by %g of "
                       "%g, loss %.17g, wanted %.17g", path->name, L,
                       nn_loss_name(k), batch, samples, mu,
                       shuffled ? "shuffled" : "in order",
                       nudge ? ", nudged" : "", e, diff, top, l2, l1);
        o.rate /= 2;
        CHECK(nn_batch_trainer_rate(BT, o.rate, &err) == 0);
        CHECK(nn_gemm_trainer_rate(GT, o.rate, &err) == 0);
        for (size_t p = 0; nudge && p < N->nw; p++)
            N->wflat[p] *= 0.9, M->wflat[p] *= 0.9;
    }
    nn_batch_trainer_free(BT), nn_gemm_trainer_free(GT);
    nn_data_free(&D), nn_net_free(N), nn_net_free(M);
}

/* Batches of 1, of a divisor of the samples, of a size that leaves a
   ragged last batch, of all of them and of more; momentum 0 and 0.9; in
   order and shuffled; every path; a nudge between epochs. */
void test_gemm_trainer_matches_batched(void)
{
    static const struct { int L, n[5]; } nets[] = {
        { 2, { 0, 4, 3 } },
        { 3, { 0, 5, 19, 3 } },
        { 3, { 0, 20, 7, 1 } },
        { 4, { 0, 3, 17, 9, 4 } },
        { 3, { 0, 33, 130, 5 } } };
    static const size_t batches[] = { 1, 6, 7, 24, 40 };
    nn_rng r;
    nn_rng_seed(&r, 17, 6);
    int turn = 0;
    for (size_t c = 0; c < sizeof nets / sizeof nets[0]; c++)
        for (size_t b = 0; b < sizeof batches / sizeof batches[0]; b++)
            for (int v = 0; v < 4; v++, turn++)
                compare_epochs(&r, nets[c].L, nets[c].n,
                               (nn_activation)(turn % NN_ACT_COUNT), turn % 3,
                               24, batches[b], v & 1 ? 0.9 : 0.0, v >> 1,
                               turn % 5 == 0, paths[turn % 3]);
}

/* A float epoch of a network whose products are shared by the threads
   (the forward product by rows, the gradient's by columns) gives the
   same weights, bit for bit, on one thread and on two; and the network
   ends with the trainer's float weights. */
void test_gemm_trainer_threads_same_bits(void)
{
    const int n[] = { 0, 200, 150, 10 };
    nn_rng r;
    nn_rng_seed(&r, 17, 7);
    nn_net *N = scaled_net(&r, 3, n, NN_ACT_RELU, NN_ACT_IDENTITY);
    nn_dataset D = { 0 };
    double *w[3] = { NULL, NULL, NULL };
    if (N == NULL || test_random_data(&r, N, NN_LOSS_SOFTMAX_CE, 96, &D) != 0
        || (w[0] = malloc(3 * N->nw * sizeof *w[0])) == NULL) {
        check_fail(__FILE__, __LINE__, "setup failed");
        nn_data_free(&D), nn_net_free(N);
        return;
    }
    w[1] = w[0] + N->nw, w[2] = w[1] + N->nw;
    memcpy(w[0], N->wflat, N->nw * sizeof *w[0]);
    int before = nn_gemm_threads(1);
    nn_batch_source src = nn_data_source(&D);
    nn_train_options o = { .loss = NN_LOSS_SOFTMAX_CE, .rate = 0.05,
                           .batch = 32, .momentum = 0.9 };
    for (int t = 1; t <= 2; t++) {
        nn_gemm_threads(t);
        memcpy(N->wflat, w[0], N->nw * sizeof *w[0]);
        nn_err err;
        nn_gemm_trainer *T = nn_gemm_trainer_create(N, D.n, &o, nn_path_book,
                                                    NN_FLOAT, &err);
        nn_rng order;
        nn_rng_seed(&order, 3, 3);
        CHECK(T != NULL);
        for (int e = 0; e < 2 && T != NULL; e++)
            CHECK(nn_gemm_train_epoch(T, &src, &order, NULL, &err) == 0);
        nn_gemm_trainer_free(T);
        memcpy(w[t], N->wflat, N->nw * sizeof *w[t]);
    }
    nn_gemm_threads(before);
    CHECK(memcmp(w[1], w[2], N->nw * sizeof *w[1]) == 0);
    CHECK(memcmp(w[0], w[1], N->nw * sizeof *w[1]) != 0);
    int not_float = 0;
    for (size_t p = 0; p < N->nw; p++)
        not_float += (double)(float)w[2][p] != w[2][p];
    CHECK(not_float == 0);
    free(w[0]), nn_data_free(&D), nn_net_free(N);
}

/* The trainer takes gradient descent only, with or without momentum, and
   no weight decay; it refuses what nn_train_check and nn_loss_check
   refuse; each refusal says why. */
void test_gemm_trainer_refuses_options(void)
{
    const int n[] = { 0, 2, 3, 2 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    const nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = 0.1,
                                 .batch = 4 };
    struct { nn_train_options o; const char *why; } bad[8];
    for (int q = 0; q < 8; q++)
        bad[q].o = o;
    bad[0].o.step = NN_STEP_ADAM, bad[0].o.beta1 = 0.9;
    bad[0].o.beta2 = 0.999, bad[0].o.epsilon = 1e-8;
    bad[0].why = "gradient descent";
    bad[1].o.step = NN_STEP_ADAGRAD, bad[1].o.epsilon = 1e-8;
    bad[1].why = "gradient descent";
    bad[2].o.decay = 0.1, bad[2].why = "weight decay";
    bad[3].o.rate = 0.0, bad[3].why = "rate";
    bad[4].o.momentum = 1.0, bad[4].why = "momentum";
    bad[5].o.batch = 0, bad[5].why = "batch";
    bad[6].o.loss = NN_LOSS_BCE, bad[6].why = "sigmoid";
    bad[7].o.step = (nn_step_rule)9, bad[7].why = "step rule";
    for (int q = 0; q < 8; q++)
        for (int p = NN_DOUBLE; p <= NN_FLOAT; p++) {
            nn_err err = { "" };
            nn_gemm_trainer *T = nn_gemm_trainer_create(
                N, 10, &bad[q].o, nn_path_book, (nn_precision)p, &err);
            if (T != NULL || strstr(err.msg, bad[q].why) == NULL)
                check_fail(__FILE__, __LINE__, "options %d: \"%s\", wanted "
                           "a refusal saying \"%s\"", q, err.msg, bad[q].why);
            nn_gemm_trainer_free(T);
        }
    nn_err err = { "" };
    CHECK(nn_gemm_trainer_create(N, 0, &o, nn_path_book, NN_DOUBLE, &err)
          == NULL && strstr(err.msg, "0 samples") != NULL);
    nn_gemm_trainer_free(NULL);
    nn_net_free(N);
}

/* A batch outside 1 .. B, B the options' batch or the samples if fewer,
   is refused, leaving the gradient, the count and the loss alone. */
void test_gemm_backprop_refuses_batch_sizes(void)
{
    const int n[] = { 0, 2, 3, 2 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_net *N = test_net(3, n, A);
    if (N == NULL)
        return;
    double X[2 * 7] = { 0 }, Y[2 * 7] = { 0 };
    const struct { size_t batch, samples; int B; } cases[] = {
        { 4, 10, 4 }, { 8, 5, 5 }, { 1, 3, 1 } };
    for (size_t c = 0; c < 3; c++)
        for (int p = NN_DOUBLE; p <= NN_FLOAT; p++) {
            nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = 0.1,
                                   .batch = cases[c].batch };
            nn_err err = { "" };
            nn_gemm_trainer *T = nn_gemm_trainer_create(
                N, cases[c].samples, &o, nn_path_book, (nn_precision)p, &err);
            if (T == NULL) {
                check_fail(__FILE__, __LINE__, "trainer: %s", err.msg);
                continue;
            }
            char why[32];
            snprintf(why, sizeof why, "1 to %d", cases[c].B);
            const int wrong[3] = { 0, -1, cases[c].B + 1 };
            for (int q = 0; q < 3; q++) {
                double loss = 42.0;
                nn_net_zero_grad(N);
                err.msg[0] = '\0';
                CHECK(nn_gemm_backprop(T, X, Y, wrong[q], &loss, &err) == -1);
                CHECK(strstr(err.msg, why) != NULL);
                CHECK(N->nsum == 0 && loss == 42.0);
                for (size_t w = 0; w < N->nw; w++)
                    CHECK(N->dwflat[w] == 0.0);
            }
            double loss = NAN;
            CHECK(nn_gemm_backprop(T, X, Y, cases[c].B, &loss, &err) == 0);
            CHECK(N->nsum == cases[c].B && isfinite(loss));
            nn_gemm_trainer_free(T);
        }
    nn_net_free(N);
}

/* A source of other n, d or m is refused, with nothing changed: the
   weights, the loss, the generator of the order; a rate that is not
   positive is refused and the old one kept: the next epoch is the
   batched trainer's at the old rate. */
void test_gemm_train_epoch_refuses_sources(void)
{
    const int n[] = { 0, 2, 3, 2 };
    const nn_activation A[] = { 0, 0, NN_ACT_TANH, NN_ACT_IDENTITY };
    nn_rng r;
    nn_rng_seed(&r, 17, 8);
    nn_net *N = scaled_net(&r, 3, n, NN_ACT_TANH, NN_ACT_IDENTITY);
    nn_net *M = test_net(3, n, A);
    nn_dataset D = { 0 }, E = { 0 }, F = { 0 };
    if (N == NULL || M == NULL
        || test_random_data(&r, N, NN_LOSS_SQUARED, 10, &D) != 0
        || nn_data_create(&E, 10, 3, 2, NULL) != 0
        || nn_data_create(&F, 10, 2, 1, NULL) != 0) {
        check_fail(__FILE__, __LINE__, "setup failed");
        nn_data_free(&D), nn_data_free(&E), nn_net_free(N), nn_net_free(M);
        return;
    }
    memcpy(M->wflat, N->wflat, N->nw * sizeof *N->wflat);
    nn_train_options o = { .loss = NN_LOSS_SQUARED, .rate = 0.1,
                           .batch = 4, .momentum = 0.5 };
    nn_err err = { "" };
    nn_gemm_trainer *T = nn_gemm_trainer_create(N, 10, &o, nn_path_book,
                                                NN_DOUBLE, &err);
    nn_batch_trainer *BT = nn_batch_trainer_create(M, 10, &o, &err);
    if (T == NULL || BT == NULL) {
        check_fail(__FILE__, __LINE__, "trainers: %s", err.msg);
    } else {
        double w[17], loss = 42.0;
        CHECK(N->nw == 17);
        memcpy(w, N->wflat, sizeof w);
        nn_rng order, kept;
        nn_rng_seed(&order, 5, 5);
        kept = order;
        nn_batch_source wrong = nn_data_source(&D);
        wrong.n = 9;
        CHECK(nn_gemm_train_epoch(T, &wrong, &order, &loss, &err) == -1
              && strstr(err.msg, "10 samples") != NULL);
        wrong = nn_data_source(&E);
        CHECK(nn_gemm_train_epoch(T, &wrong, &order, &loss, &err) == -1
              && strstr(err.msg, "3 inputs") != NULL);
        wrong = nn_data_source(&F);
        CHECK(nn_gemm_train_epoch(T, &wrong, &order, &loss, &err) == -1
              && strstr(err.msg, "1 targets") != NULL);
        CHECK(memcmp(N->wflat, w, sizeof w) == 0 && loss == 42.0);
        CHECK(memcmp(&order, &kept, sizeof order) == 0);
        CHECK(nn_gemm_trainer_rate(T, 0.0, &err) == -1
              && strstr(err.msg, "rate") != NULL);
        CHECK(nn_gemm_trainer_rate(T, -1.0, &err) == -1);
        nn_batch_source src = nn_data_source(&D);
        double l1 = NAN, l2 = NAN, top;
        nn_rng again = kept;
        CHECK(nn_gemm_train_epoch(T, &src, &order, &l1, &err) == 0);
        CHECK(nn_batch_train_epoch(BT, &src, &again, &l2, &err) == 0);
        CHECK(memcmp(N->wflat, w, sizeof w) != 0);
        double diff = largest_difference(N->wflat, M->wflat, N->nw, &top);
        CHECK(diff <= RELTOL * top && !test_far(RELTOL, l1, l2, fabs(l2)));
    }
    nn_gemm_trainer_free(T), nn_batch_trainer_free(BT);
    nn_data_free(&D), nn_data_free(&E), nn_data_free(&F);
    nn_net_free(N), nn_net_free(M);
}

/* nn_image_source: the set's count and shapes; fill writes the chosen
   images' pixels as p / 255 and their labels as one-hot rows. */
void test_image_source_fills(void)
{
    unsigned char pixels[3 * 6] = { 0, 255, 1, 128, 254, 7,
                                    9, 8, 7, 6, 5, 4,
                                    255, 0, 51, 102, 153, 204 };
    unsigned char labels[3] = { 2, 0, 3 };
    nn_image_set S = { 3, 2, 3, 4, pixels, labels };
    nn_batch_source src = nn_image_source(&S);
    CHECK(src.n == 3 && src.d == 6 && src.m == 4 && src.data == &S);
    const size_t which[3] = { 2, 0, 2 };
    double X[3 * 6], Y[3 * 4];
    for (int q = 0; q < 3 * 6; q++)
        X[q] = NAN;
    for (int q = 0; q < 3 * 4; q++)
        Y[q] = NAN;
    src.fill(src.data, which, 3, X, Y);
    for (int t = 0; t < 3; t++) {
        for (int j = 0; j < 6; j++)
            CHECK(X[t * 6 + j] == pixels[which[t] * 6 + j] / 255.0);
        for (int i = 0; i < 4; i++)
            CHECK(Y[t * 4 + i] == (i == labels[which[t]] ? 1.0 : 0.0));
    }
    CHECK(X[0] == 1.0 && X[1] == 0.0 && X[6 + 1] == 1.0);
}
