/* Tests of the PCG32 generator of chapter 1: the published reference
   outputs, reproducibility, and the distributions of nn_rng_uniform,
   nn_rng_normal and nn_rng_below.  Every sample comes from a fixed seed, so a
   test gives the same verdict on every run.  The statistical tolerances
   are five standard errors: a correct generator lands outside one with
   probability below 1e-6, a biased one of the size tested lands outside
   it with certainty. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "check.h"
#include "rng.h"

enum { SAMPLES = 1000000 };

/* The output of O'Neill's pcg32-demo for seed 42, stream 54. */
void test_rng_reference_outputs(void)
{
    static const uint32_t expected[] = {
        0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
        0x83d2f293u, 0xbfa4784bu, 0xcbed606eu
    };
    nn_rng r;
    nn_rng_seed(&r, 42, 54);
    for (size_t t = 0; t < sizeof expected / sizeof expected[0]; t++) {
        uint32_t x = nn_rng_u32(&r);
        if (x != expected[t])
            check_fail(__FILE__, __LINE__, "output %zu is 0x%08lx, not "
                       "0x%08lx", t + 1, (unsigned long)x,
                       (unsigned long)expected[t]);
    }
}

/* nn_rng_uniform takes the top 27 bits of one output and the top 26 of the
   next, in that order; the same bits on every machine. */
void test_rng_uniform_bits(void)
{
    uint64_t k = (uint64_t)(0xa15c02b7u >> 5) << 26 | (0x7b47f409u >> 6);
    nn_rng r;
    nn_rng_seed(&r, 42, 54);
    /* Exact: a 53-bit integer and a division by 2^53 are both exact. */
    CHECK(nn_rng_uniform(&r) == (double)k / 9007199254740992.0);
    CHECK(nn_rng_u32(&r) == 0xba1d3330u);   /* it used exactly two outputs */
}

void test_rng_same_seed_same_sequence(void)
{
    nn_rng a, b;
    nn_rng_seed(&a, 2026, 7);
    nn_rng_seed(&b, 2026, 7);
    int same = 0;
    for (int t = 0; t < 1000; t++)
        same += nn_rng_u32(&a) == nn_rng_u32(&b);
    CHECK(same == 1000);
}

/* How many of the first 1000 outputs of two generators coincide. */
static int coincidences(uint64_t seed1, uint64_t stream1, uint64_t seed2,
                        uint64_t stream2)
{
    nn_rng a, b;
    nn_rng_seed(&a, seed1, stream1);
    nn_rng_seed(&b, seed2, stream2);
    int same = 0;
    for (int t = 0; t < 1000; t++)
        same += nn_rng_u32(&a) == nn_rng_u32(&b);
    return same;
}

/* Unrelated 32-bit outputs coincide with probability 2^-32 each, so
   among 1000 pairs we expect none; a few would already be suspicious. */
void test_rng_streams_and_seeds_differ(void)
{
    CHECK(coincidences(42, 54, 42, 55) < 3);    /* neighbouring streams */
    CHECK(coincidences(42, 54, 43, 54) < 3);    /* neighbouring seeds */
    CHECK(coincidences(0, 0, 0, 1) < 3);
    CHECK(coincidences(0, 0, 1, 0) < 3);
}

/* Every value is k / 2^53 with k an integer below 2^53; its mean and
   variance are 1/2 and 1/12, and its lowest bit is as often 1 as 0. */
void test_rng_uniform_distribution(void)
{
    nn_rng r;
    nn_rng_seed(&r, 1, 1);
    double sum = 0.0, sumsq = 0.0;
    long outside = 0, fractional = 0, odd = 0;
    for (long t = 0; t < SAMPLES; t++) {
        double u = nn_rng_uniform(&r), scaled = u * 9007199254740992.0;
        if (!(u >= 0.0 && u < 1.0)) {   /* and scaled would not fit k */
            outside++;
            continue;
        }
        uint64_t k = (uint64_t)scaled;
        fractional += (double)k != scaled;
        odd += k & 1;
        sum += u, sumsq += u * u;
    }
    double mean = sum / SAMPLES, var = sumsq / SAMPLES - mean * mean;
    CHECK(outside == 0);
    CHECK(fractional == 0);
    /* 5 standard errors of a sample mean: sigma^2 = 1/12. */
    CHECK_NEAR(mean, 0.5, 5 * sqrt(1.0 / 12 / SAMPLES));
    /* 5 s.e. of a sample variance: Var (u - 1/2)^2 = 1/80 - 1/144 = 1/180. */
    CHECK_NEAR(var, 1.0 / 12, 5 * sqrt(1.0 / 180 / SAMPLES));
    /* 5 s.e. of a fraction p = 1/2: sqrt(p (1 - p) / N). */
    CHECK_NEAR((double)odd / SAMPLES, 0.5, 5 * sqrt(0.25 / SAMPLES));
}

void test_rng_normal_distribution(void)
{
    const double p = 0.04999579029644087;   /* P(|x| > 1.96), x ~ N(0,1) */
    nn_rng r;
    nn_rng_seed(&r, 2, 1);
    double sum = 0.0, sumsq = 0.0;
    long tail = 0, finite = 0;
    for (long t = 0; t < SAMPLES; t++) {
        double x = nn_rng_normal(&r);
        finite += isfinite(x) != 0;
        tail += fabs(x) > 1.96;
        sum += x, sumsq += x * x;
    }
    double mean = sum / SAMPLES, var = sumsq / SAMPLES - mean * mean;
    CHECK(finite == SAMPLES);
    /* 5 standard errors of a sample mean, sigma = 1. */
    CHECK_NEAR(mean, 0.0, 5 / sqrt(SAMPLES));
    /* 5 s.e. of a normal sample variance: sqrt(2 / N). */
    CHECK_NEAR(var, 1.0, 5 * sqrt(2.0 / SAMPLES));
    /* 5 s.e. of a fraction: sqrt(p (1 - p) / N). */
    CHECK_NEAR((double)tail / SAMPLES, p, 5 * sqrt(p * (1 - p) / SAMPLES));
}

void test_rng_below_range(void)
{
    static const uint32_t ns[] = {
        1, 2, 3, 6, 7, 1000, 0x80000000u, 0x80000001u, 0xfffffffeu,
        0xffffffffu
    };
    nn_rng r;
    nn_rng_seed(&r, 3, 1);
    for (size_t m = 0; m < sizeof ns / sizeof ns[0]; m++) {
        long outside = 0;
        for (int t = 0; t < 20000; t++)
            outside += nn_rng_below(&r, ns[m]) >= ns[m];
        if (outside != 0)
            check_fail(__FILE__, __LINE__, "rng_below(%lu) gave %ld values "
                       ">= n", (unsigned long)ns[m], outside);
    }
    int zeros = 0;
    for (int t = 0; t < 1000; t++)
        zeros += nn_rng_below(&r, 1) == 0;
    CHECK(zeros == 1000);
}

/* Draw N values below n and check each count against N/n. */
static void check_below_counts(uint32_t n, long N)
{
    long count[16] = { 0 };
    nn_rng r;
    nn_rng_seed(&r, 4, n);
    for (long t = 0; t < N; t++)
        count[nn_rng_below(&r, n)]++;
    double p = 1.0 / n;
    for (uint32_t v = 0; v < n; v++)
        /* 5 s.e. of a binomial count: sqrt(N p (1 - p)). */
        CHECK_NEAR((double)count[v], N * p, 5 * sqrt(N * p * (1 - p)));
}

void test_rng_below_uniform_small_n(void)
{
    check_below_counts(6, 600000);
    check_below_counts(7, 700000);
}

/* For n = 3 * 2^30 the plain remainder x % n would give values below
   2^30 with probability 1/2 instead of 1/3: only rejecting the 2^32 mod n
   smallest outputs makes the result uniform. */
void test_rng_below_uniform_large_n(void)
{
    const uint32_t n = 0xc0000000u;
    const long N = 30000;
    nn_rng r;
    nn_rng_seed(&r, 5, 1);
    long low = 0;
    for (long t = 0; t < N; t++)
        low += nn_rng_below(&r, n) < 0x40000000u;
    double p = 1.0 / 3;
    /* 5 s.e. of a fraction; 1/2 is 36 s.e. away. */
    CHECK_NEAR((double)low / N, p, 5 * sqrt(p * (1 - p) / N));
}
