/* Tests of the cart-pole of chapter 20: two steps against the fractions
   worked by hand in the text, a step from a leaning, swinging state
   against values computed with bc, the failure limits, the start states
   and the scaling of the observation. */
#include <math.h>
#include "cartpole.h"
#include "check.h"
#include "rng.h"

/* Section "One step by hand": from rest, push right twice. */
void test_cartpole_two_steps_by_hand(void)
{
    cartpole c = {0.0, 0.0, 0.0, 0.0};
    cartpole_step(&c, CP_RIGHT);
    CHECK_NEAR(c.x, 0.0, 0.0);
    CHECK_NEAR(c.theta, 0.0, 0.0);
    CHECK_NEAR(c.x_dot, 8.0 / 41.0, 1e-15);
    CHECK_NEAR(c.theta_dot, -12.0 / 41.0, 1e-15);
    cartpole_step(&c, CP_RIGHT);
    CHECK_NEAR(c.x, 4.0 / 1025.0, 1e-15);
    CHECK_NEAR(c.theta, -6.0 / 1025.0, 1e-15);
    CHECK_NEAR(c.x_dot, 16.0 / 41.0, 1e-15);
    CHECK_NEAR(c.theta_dot, -24.0 / 41.0, 1e-15);
}

/* Pushing left is the mirror image of pushing right. */
void test_cartpole_left_mirrors_right(void)
{
    cartpole r = {0.1, 0.2, 0.03, -0.4}, l = {-0.1, -0.2, -0.03, 0.4};
    for (int t = 0; t < 50; t++) {
        cartpole_step(&r, CP_RIGHT);
        cartpole_step(&l, CP_LEFT);
        CHECK_NEAR(l.x, -r.x, 1e-12);
        CHECK_NEAR(l.x_dot, -r.x_dot, 1e-12);
        CHECK_NEAR(l.theta, -r.theta, 1e-12);
        CHECK_NEAR(l.theta_dot, -r.theta_dot, 1e-12);
    }
}

/* The terms with sin(theta) and theta_dot^2, which vanish in the text's
   example: from x = 0.1, x_dot = -0.2, theta = 0.05, theta_dot = 0.3,
   pushed left.  Values from bc -l with scale=30, evaluating equations
   (18.1) and (18.2) and the Euler step. */
void test_cartpole_leaning_step_against_bc(void)
{
    cartpole c = {0.1, -0.2, 0.05, 0.3};
    cartpole_step(&c, CP_LEFT);
    CHECK_NEAR(c.x, 0.096, 1e-15);
    CHECK_NEAR(c.x_dot, -0.395797654643962582755567410275, 1e-14);
    CHECK_NEAR(c.theta, 0.056, 1e-15);
    CHECK_NEAR(c.theta_dot, 0.608023313606151381212590740289, 1e-14);
}

/* Failure is strictly beyond 2.4 m or 12 degrees. */
void test_cartpole_failure_limits(void)
{
    double deg12 = 12.0 * acos(-1.0) / 180.0;
    cartpole c = {2.4, 0.0, 0.0, 0.0};
    CHECK(!cartpole_failed(&c));
    c.x = nextafter(2.4, 3.0);
    CHECK(cartpole_failed(&c));
    c.x = -nextafter(2.4, 3.0);
    CHECK(cartpole_failed(&c));
    c.x = 0.0;
    c.theta = deg12;
    CHECK(!cartpole_failed(&c));
    c.theta = -nextafter(deg12, 1.0);
    CHECK(cartpole_failed(&c));
    CHECK_NEAR(CP_THETA_LIMIT, deg12, 1e-16);
}

/* Start states lie in [-0.05, 0.05), differ, and repeat with the seed. */
void test_cartpole_reset_range_and_seed(void)
{
    nn_rng r1, r2;
    nn_rng_seed(&r1, 9, 0);
    nn_rng_seed(&r2, 9, 0);
    double lo = 1.0, hi = -1.0;
    cartpole prev = {0, 0, 0, 0};
    for (int e = 0; e < 10000; e++) {
        cartpole a, b;
        cartpole_reset(&a, &r1);
        cartpole_reset(&b, &r2);
        CHECK(a.x == b.x && a.x_dot == b.x_dot && a.theta == b.theta
              && a.theta_dot == b.theta_dot);
        double v[4] = {a.x, a.x_dot, a.theta, a.theta_dot};
        for (int q = 0; q < 4; q++) {
            lo = fmin(lo, v[q]);
            hi = fmax(hi, v[q]);
        }
        CHECK(a.x != prev.x);
        prev = a;
    }
    CHECK(lo >= -0.05 && lo < -0.0499);
    CHECK(hi < 0.05 && hi > 0.0499);
}

/* The observation divides by the limits and by 2 for the velocities. */
void test_cartpole_observe_scaling(void)
{
    cartpole c = {2.4, -1.0, -CP_THETA_LIMIT, 3.0};
    double s[CP_OBSERVED];
    cartpole_observe(&c, s);
    CHECK_NEAR(s[0], 1.0, 1e-15);
    CHECK_NEAR(s[1], -0.5, 1e-15);
    CHECK_NEAR(s[2], -1.0, 1e-15);
    CHECK_NEAR(s[3], 1.5, 1e-15);
}
