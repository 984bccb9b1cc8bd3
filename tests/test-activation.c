/* Tests of the activation functions of chapter 3: their values, their
   derivatives against finite differences, their behaviour far from zero,
   and their names. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "activation.h"
#include "check.h"

/* Values whose decimals were computed to 40 digits outside the program.
   Tolerance 4e-16 for values in (0, 1): a few ulps (1.1e-16 each), for
   the rounding of exp or tanh and of one or two divisions. */
void test_act_values(void)
{
    CHECK(nn_act(NN_ACT_SIGMOID, 0.0) == 0.5);
    CHECK_NEAR(nn_act(NN_ACT_SIGMOID, 2.0), 0.88079707797788244406, 4e-16);
    CHECK_NEAR(nn_act(NN_ACT_SIGMOID, -2.0), 0.11920292202211755594, 4e-16);
    CHECK_NEAR(nn_act(NN_ACT_TANH, 0.5), 0.46211715726000975850, 4e-16);
    CHECK(nn_act(NN_ACT_TANH, 0.0) == 0.0);
    CHECK(nn_act(NN_ACT_IDENTITY, -1.5) == -1.5);
    CHECK(nn_act(NN_ACT_RELU, 3.0) == 3.0);
    CHECK(nn_act(NN_ACT_RELU, -2.0) == 0.0);
    CHECK(nn_act(NN_ACT_RELU, 0.0) == 0.0);
    CHECK(nn_act(NN_ACT_LEAKY_RELU, 3.0) == 3.0);
    CHECK(nn_act(NN_ACT_LEAKY_RELU, -2.0) == -2.0 * NN_ACT_LEAK);
    CHECK(NN_ACT_LEAK == 0.01);
}

/* At z = 0 ReLU and LeakyReLU have no derivative; the book documents the
   left derivative there. */
void test_act_prime_values(void)
{
    CHECK(nn_act_prime(NN_ACT_SIGMOID, 0.0) == 0.25);
    /* A few ulps of a value near 0.1 (ulp 1.4e-17 each). */
    CHECK_NEAR(nn_act_prime(NN_ACT_SIGMOID, 2.0), 0.10499358540350651735, 1e-16);
    CHECK(nn_act_prime(NN_ACT_TANH, 0.0) == 1.0);
    /* A few ulps of a value in (0.5, 1) (ulp 1.1e-16 each). */
    CHECK_NEAR(nn_act_prime(NN_ACT_TANH, 0.5), 0.78644773296592741015, 4e-16);
    CHECK(nn_act_prime(NN_ACT_IDENTITY, -3.0) == 1.0);
    CHECK(nn_act_prime(NN_ACT_RELU, 3.0) == 1.0);
    CHECK(nn_act_prime(NN_ACT_RELU, -2.0) == 0.0);
    CHECK(nn_act_prime(NN_ACT_RELU, 0.0) == 0.0);
    CHECK(nn_act_prime(NN_ACT_LEAKY_RELU, 3.0) == 1.0);
    CHECK(nn_act_prime(NN_ACT_LEAKY_RELU, -2.0) == NN_ACT_LEAK);
    CHECK(nn_act_prime(NN_ACT_LEAKY_RELU, 0.0) == NN_ACT_LEAK);
}

/* The central difference (A(z+h) - A(z-h)) / 2h, for z at least 0.05
   away from ReLU's kink, so that z - h and z + h lie on one side of it. */
static double central_difference(nn_activation a, double z)
{
    const double h = 1e-5;
    double zp = z + h, zm = z - h;
    /* zp - zm is exact (Sterbenz: zp and zm are within a factor 2), so
       the quotient divides by the step actually taken. */
    return (nn_act(a, zp) - nn_act(a, zm)) / (zp - zm);
}

void test_act_prime_matches_finite_difference(void)
{
    for (int k = 0; k < NN_ACT_COUNT; k++)
        for (int t = 0; t <= 120; t++) {
            nn_activation a = (nn_activation)k;
            double z = -6.05 + 0.1 * t, d = nn_act_prime(a, z);
            double fd = central_difference(a, z);
            /* Truncation h^2 |A'''| / 6 <= 4e-11 (|tanh'''| <= 2) plus
               rounding 2 eps max|A| / 2h <= 1.4e-10 for |z| <= 6. */
            if (!(fabs(fd - d) <= 1e-9))
                check_fail(__FILE__, __LINE__, "%s'(%g) = %.17g, but the "
                           "central difference is %.17g", nn_act_name(a), z, d,
                           fd);
        }
}

/* Far from zero every function and derivative is a finite number, and
   every derivative is >= 0 (all five functions are nondecreasing). */
void test_act_extremes_finite(void)
{
    static const double zs[] = { 1000.0, -1000.0, 1e300, -1e300, DBL_MAX,
                                 -DBL_MAX };
    for (int a = 0; a < NN_ACT_COUNT; a++)
        for (size_t t = 0; t < sizeof zs / sizeof zs[0]; t++) {
            double v = nn_act((nn_activation)a, zs[t]);
            double d = nn_act_prime((nn_activation)a, zs[t]);
            if (!isfinite(v) || !isfinite(d) || !(d >= 0.0))
                check_fail(__FILE__, __LINE__, "%s(%g) = %g, derivative %g",
                           nn_act_name((nn_activation)a), zs[t], v, d);
        }
}

/* The book's claim: sigma(+-1000) is exactly 1 and 0, and computing it
   raises no overflow (the naive 1 / (1 + exp(1000)) would). */
void test_act_sigmoid_saturates(void)
{
    CHECK(nn_act(NN_ACT_SIGMOID, 1000.0) == 1.0);
    CHECK(nn_act(NN_ACT_SIGMOID, -1000.0) == 0.0);
    CHECK(nn_act(NN_ACT_SIGMOID, -DBL_MAX) == 0.0);
#ifdef FE_OVERFLOW
    feclearexcept(FE_OVERFLOW);
    double s = nn_act(NN_ACT_SIGMOID, -1000.0) + nn_act_prime(NN_ACT_SIGMOID, -1000.0);
    CHECK(s == 0.0);
    CHECK(!fetestexcept(FE_OVERFLOW));
#endif
}

/* sigma' = e^-|z| / (1 + e^-|z|)^2 keeps its relative accuracy in the
   tails, where sigma (1 - sigma) would give 0 for |z| > 37. */
void test_act_sigmoid_prime_tails(void)
{
    static const struct { double z, want; } tails[] = {
        { 40.0, 4.248354255291589e-18 },
        { 100.0, 3.720075976020836e-44 },
        { 700.0, 9.85967654375977e-305 },
    };
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        double z = tails[t].z, want = tails[t].want;
        /* Relative 4 eps: exp is within an ulp, (1 + e)^2 rounds to 1. */
        CHECK_NEAR(nn_act_prime(NN_ACT_SIGMOID, z), want, 4 * DBL_EPSILON * want);
        CHECK(nn_act_prime(NN_ACT_SIGMOID, -z) == nn_act_prime(NN_ACT_SIGMOID, z));
    }
}

/* tanh'(z) = sech^2 z, about 4 e^{-2|z|}: not 0 where tanh rounds to 1.
   The wanted values are sech^2 z computed to 30 digits. */
void test_act_tanh_prime_tails(void)
{
    static const struct { double z, want; } tails[] = {
        { 20.0, 1.6993417021166356e-17 },
        { 40.0, 7.2194055513816607e-35 },
        { 100.0, 5.5355861069469501e-87 },
        { 300.0, 1.0601586212017243e-260 },
    };
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        double z = tails[t].z, want = tails[t].want;
        /* Relative 8 eps: exp(-2z) within an ulp, magnified by at most the
           factor 2 of the exponent's rounding, and three more roundings. */
        CHECK_NEAR(nn_act_prime(NN_ACT_TANH, z), want, 8 * DBL_EPSILON * want);
        CHECK(nn_act_prime(NN_ACT_TANH, -z) == nn_act_prime(NN_ACT_TANH, z));
    }
}

void test_act_sigmoid_symmetry(void)
{
    for (int t = 0; t <= 400; t++) {
        double z = -20.0 + 0.1 * t;
        /* Round-off: each side is within an ulp or two of a number <= 1. */
        CHECK_NEAR(nn_act(NN_ACT_SIGMOID, -z), 1.0 - nn_act(NN_ACT_SIGMOID, z),
                   2 * DBL_EPSILON);
    }
}

void test_act_names(void)
{
    static const char *const names[NN_ACT_COUNT] = {
        "identity", "sigmoid", "tanh", "relu", "leaky-relu"
    };
    for (int a = 0; a < NN_ACT_COUNT; a++) {
        nn_activation b = (nn_activation)((a + 1) % NN_ACT_COUNT);
        CHECK(strcmp(nn_act_name((nn_activation)a), names[a]) == 0);
        CHECK(nn_act_parse(nn_act_name((nn_activation)a), &b) == 0);
        CHECK(b == (nn_activation)a);
    }
}

void test_act_parse_rejects(void)
{
    static const char *const bad[] = {
        "Sigmoid", "", "softmax", "sigmoid ", " relu", "leaky_relu",
        "(invalid)"
    };
    for (size_t t = 0; t < sizeof bad / sizeof bad[0]; t++) {
        nn_activation a;
        if (nn_act_parse(bad[t], &a) != -1)
            check_fail(__FILE__, __LINE__, "act_parse accepted '%s'", bad[t]);
    }
}

void test_act_valid(void)
{
    for (int a = 0; a < NN_ACT_COUNT; a++)
        CHECK(nn_act_valid((nn_activation)a));
    CHECK(!nn_act_valid(NN_ACT_COUNT));
    CHECK(!nn_act_valid((nn_activation)99));
    CHECK(nn_act_name(NN_ACT_COUNT) != NULL);
}
