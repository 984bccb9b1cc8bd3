/* The grader of the lab of chapter 16's batched forward product,
   <<the batched forward product>> and its inner <<sum row [[i]] of
   [[w[k]]] times columns [[s]] to [[s+7]]>>.  The reader's product runs
   inside nn_net_forward_batch; the grader compares its outputs with
   nn_net_forward, one sample at a time, which the lab does not touch.
   With one weight matrix and a linear output the outputs are
   z^(2) = w^(1) L^(1) itself, so a wrong entry names its row i and its
   sample s; a matrix with only a bias column, and one with none, tell
   the column j = 0 from the columns j >= 1.  A deeper network and
   several batch sizes check the layers k >= 2 and the padding of a last
   block of fewer than eight samples.  Last, the speed: the batched
   forward pass must beat the per-sample one by a clear margin, both
   timed in this run, median of several repeats, one after the other so
   that a busy machine slows both. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "grade.h"
#include "batch.h"
#include "net.h"

enum { MAXB = 64 };

static void die(const char *msg)
{
    fprintf(stderr, "grade: %s\n", msg);
    exit(2);
}

static nn_net *make_net(int L, const int n[], nn_activation hidden,
                        uint64_t seed)
{
    nn_activation A[8];
    nn_err err;
    for (int k = 0; k <= L; k++)
        A[k] = k < L ? hidden : NN_ACT_IDENTITY;
    nn_net *N = nn_net_create(L, n, A, &err);
    if (N == NULL)
        die(err.msg);
    nn_rng r;
    nn_rng_seed(&r, seed, 15);
    nn_net_init(N, &r);
    for (int k = 1; k < L; k++)           /* biases that are not zero */
        for (int i = 1; i <= n[k + 1]; i++)
            N->w[k][i][0] = 0.5 * nn_rng_normal(&r);
    return N;
}

static double *inputs(int b, int d, uint64_t seed)
{
    double *X = malloc((size_t)b * (size_t)d * sizeof *X);
    if (X == NULL)
        die("out of memory");
    nn_rng r;
    nn_rng_seed(&r, seed, 16);
    for (size_t t = 0; t < (size_t)b * (size_t)d; t++)
        X[t] = nn_rng_normal(&r);
    return X;
}

/* "1..3, 5, 7..12": the indices lo .. hi with bad[] set. */
static void ranges(const int bad[], int lo, int hi, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (int a = lo; a <= hi; a++) {
        if (!bad[a])
            continue;
        int e = a;
        while (e + 1 <= hi && bad[e + 1])
            e++;
        const char *sep = used ? ", " : "";
        if (used < len && e == a)
            used += (size_t)snprintf(out + used, len - used, "%s%d", sep, a);
        else if (used < len)
            used += (size_t)snprintf(out + used, len - used, "%s%d%s%d",
                                     sep, a, e == a + 1 ? ", " : "..", e);
        a = e;
    }
}

/* The batched outputs of b samples against nn_net_forward: the largest
   difference relative to the largest output, and which rows i of the
   output and which samples s differ by more than 1e-12 of it.  An
   output that is not a number counts as wrong. */
typedef struct compared {
    double worst;
    int bad_rows[64], bad_samples[MAXB];
    int rows_wrong, samples_wrong;
} compared;

static void compare(nn_net *N, nn_batch_work *W, const double X[], int b,
                    compared *c)
{
    const int L = N->L, n = N->n[L], d = N->n[1];
    double *P = malloc((size_t)b * (size_t)n * sizeof *P);
    double *R = malloc((size_t)b * (size_t)n * sizeof *R);
    nn_err err;
    if (P == NULL || R == NULL)
        die("out of memory");
    for (size_t t = 0; t < (size_t)b * (size_t)n; t++)
        P[t] = NAN;
    if (nn_net_forward_batch(N, W, X, b, P, &err) != 0)
        die(err.msg);
    double scale = 0.0;
    for (int s = 0; s < b; s++) {
        const double *y = nn_net_forward(N, X + (size_t)s * (size_t)d);
        for (int i = 1; i <= n; i++) {
            R[(size_t)s * (size_t)n + (size_t)i - 1] = y[i];
            scale = fmax(scale, fabs(y[i]));
        }
    }
    memset(c, 0, sizeof *c);
    for (int s = 0; s < b; s++)
        for (int i = 1; i <= n; i++) {
            size_t t = (size_t)s * (size_t)n + (size_t)i - 1;
            double e = fabs(P[t] - R[t]) / scale;
            if (!(e <= 1e-12)) {
                c->rows_wrong += !c->bad_rows[i];
                c->samples_wrong += !c->bad_samples[s];
                c->bad_rows[i] = c->bad_samples[s] = 1;
            }
            if (!(e <= c->worst))
                c->worst = isfinite(e) ? e : INFINITY;
        }
    free(P);
    free(R);
}

/* One line of the report for a comparison. */
static int report(const compared *c, int n, int b, const char *what)
{
    if (c->rows_wrong == 0)
        return lab_check(1, "%s: equal to nn_net_forward, %d sample%s "
                         "(largest difference %.1e of the largest output)",
                         what, b, b == 1 ? "" : "s", c->worst);
    char rows[200], samples[200];
    ranges(c->bad_rows, 1, n, rows, sizeof rows);
    ranges(c->bad_samples, 0, b - 1, samples, sizeof samples);
    return lab_check(0, "%s: wrong in rows i = %s (of 1..%d), for samples "
                     "s = %s (of 0..%d) (largest difference %.1e of the "
                     "largest output)", what, rows, n, samples, b - 1,
                     c->worst);
}

/* The checks of the values: 1 if all are right. */
static int check_values(void)
{
    int ok = 1;
    nn_err err;
    compared c;

    /* One product, z^(2) = w^(1) L^(1), 13 samples: a full block of
       eight and a block of five padded to eight. */
    const int n1[] = { 0, 6, 5 };
    nn_net *N = make_net(2, n1, NN_ACT_IDENTITY, 1);
    nn_batch_work *W = nn_batch_create(N, MAXB, &err);
    if (W == NULL)
        die(err.msg);
    double *X = inputs(MAXB, n1[1], 2);
    compare(N, W, X, 13, &c);
    ok &= report(&c, n1[2], 13, "z^(2) = w^(1) L^(1) (6 inputs, 5 rows)");

    /* The bias column alone, then the columns j >= 1 alone. */
    static double keep[5 + 1][6 + 1];
    for (int i = 1; i <= n1[2]; i++)
        for (int j = 0; j <= n1[1]; j++)
            keep[i][j] = N->w[1][i][j];
    for (int i = 1; i <= n1[2]; i++)
        for (int j = 1; j <= n1[1]; j++)
            N->w[1][i][j] = 0.0;
    compare(N, W, X, 13, &c);
    int bias = lab_check(c.rows_wrong == 0, "w^(1) with only its bias "
                         "column j = 0 (times the row of ones, l_0 = 1): %s",
                         c.rows_wrong == 0 ? "right" : "wrong");
    for (int i = 1; i <= n1[2]; i++) {
        N->w[1][i][0] = 0.0;
        for (int j = 1; j <= n1[1]; j++)
            N->w[1][i][j] = keep[i][j];
    }
    compare(N, W, X, 13, &c);
    int columns = lab_check(c.rows_wrong == 0, "w^(1) with only its columns "
                            "j ≥ 1 (biases 0): %s",
                            c.rows_wrong == 0 ? "right" : "wrong");
    if (!bias && columns)
        lab_check(0, "the bias column j = 0 is left out or wrong; the "
                  "columns j ≥ 1 are right");
    ok &= bias && columns;
    nn_batch_free(W);
    nn_net_free(N);
    free(X);

    /* Four layers of other widths, tanh between, batches of 1, 8, 13
       and 64: the layers k = 2, 3 and the padding. */
    const int n2[] = { 0, 3, 9, 11, 4 };
    N = make_net(4, n2, NN_ACT_TANH, 3);
    W = nn_batch_create(N, MAXB, &err);
    if (W == NULL)
        die(err.msg);
    X = inputs(MAXB, n2[1], 4);
    const int sizes[] = { 1, 8, 13, 64 };
    for (int t = 0; t < 4; t++) {
        char what[100];
        snprintf(what, sizeof what, "4 layers (3, 9, 11, 4), tanh, a batch "
                 "of %d", sizes[t]);
        compare(N, W, X, sizes[t], &c);
        ok &= report(&c, n2[4], sizes[t], what);
    }
    nn_batch_free(W);
    nn_net_free(N);
    free(X);
    return ok;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The speed: S samples through a network of the size of chapter 19's,
   one at a time with nn_net_forward and in batches of MAXB with
   nn_net_forward_batch, the two alternating batch by batch so that a
   change in the machine's load slows both alike; REPEATS times, and the
   median of the ratios.  The sanitizers of the lab's build check every
   load, which costs the per-sample pass (two loads a multiply-add) more
   than the book's (nine loads for eight): the book's chunk is about 1.7
   to 2.1 times as fast here, the starting file's about 0.7 times. */
enum { S = 128, REPEATS = 7 };
#define NEEDED 1.2      /* the batched pass must be this many times as fast */

static int check_speed(void)
{
    const int n[] = { 0, 784, 128, 10 };
    nn_err err;
    nn_net *N = make_net(3, n, NN_ACT_RELU, 5);
    nn_batch_work *W = nn_batch_create(N, MAXB, &err);
    double *X = inputs(S, n[1], 6);
    double *P = malloc((size_t)MAXB * (size_t)n[3] * sizeof *P);
    if (W == NULL || P == NULL)
        die(W == NULL ? err.msg : "out of memory");
    double ratio[REPEATS], single = 0.0, batched = 0.0, sink = 0.0;
    for (int r = 0; r < REPEATS; r++) {
        double ts = 0.0, tb = 0.0;
        for (int first = 0; first < S; first += MAXB) {
            const double *x = X + (size_t)first * (size_t)n[1];
            double t0 = nn_wall_seconds();
            for (int s = 0; s < MAXB; s++)
                sink += nn_net_forward(N, x + (size_t)s * (size_t)n[1])[1];
            double t1 = nn_wall_seconds();
            if (nn_net_forward_batch(N, W, x, MAXB, P, &err) != 0)
                die(err.msg);
            double t2 = nn_wall_seconds();
            ts += t1 - t0, tb += t2 - t1;
            sink += P[0];
        }
        ratio[r] = ts / tb;
        single += ts, batched += tb;
    }
    qsort(ratio, REPEATS, sizeof ratio[0], compare_doubles);
    double median = ratio[REPEATS / 2];
    nn_batch_free(W);
    nn_net_free(N);
    free(X);
    free(P);
    int ok = median >= NEEDED && isfinite(sink);
    return lab_check(ok, "speed, %d samples through 784-128-10, %d times: "
                     "one at a time %.3f s, in batches of %d %.3f s in all; "
                     "the median ratio %.2f%s", S, REPEATS, single, MAXB,
                     batched, median,
                     ok ? " (at least 1.2 needed)"
                     : ", less than 1.2: the batched product is not faster "
                       "than one sample at a time by a clear margin");
}

int grade_batched_product(void)
{
    int ok = check_values();
    if (ok)
        ok = check_speed();
    else
        lab_check(0, "speed: not measured, the values are wrong");
    return lab_verdict(ok, "batched-product");
}
