/* Tests of the agent of chapter 22: a short training run learns, the
   same seed gives the same episodes, the bar of 475 is watched right,
   episodes without learning leave the networks alone, and bad options
   are refused. */
#include <string.h>
#include "agent.h"
#include "check.h"

static const ac_options book = { .hidden = 32, .act = NN_ACT_TANH,
                                 .actor_rate = 0.005, .critic_rate = 0.01,
                                 .discount = 0.99, .cap_is_failure = 0 };

/* The mean length of the first 20 episodes is that of a poor policy;
   after 250 episodes of learning the last 20 average 150 or more. */
void test_agent_short_run_learns(void)
{
    nn_rng r;
    nn_rng_seed(&r, 3, 0);
    nn_err err;
    agent *g = agent_create(&book, &r, &err);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    double first = 0.0, last = 0.0;
    for (int e = 1; e <= 250; e++) {
        int length = agent_episode(g, &r, 1, NULL);
        if (e <= 20)
            first += length / 20.0;
        if (e > 230)
            last += length / 20.0;
    }
    CHECK(first < 60.0);
    CHECK(last >= 150.0);
    if (!(first < 60.0 && last >= 150.0))
        fprintf(stderr, "  first 20: %.1f, last 20: %.1f\n", first, last);
    agent_free(g);
}

/* Two agents of the same seed run the same episodes and end with the
   same weights, bit for bit. */
void test_agent_same_seed_same_episodes(void)
{
    nn_rng r1, r2;
    nn_rng_seed(&r1, 11, 0);
    nn_rng_seed(&r2, 11, 0);
    nn_err err;
    agent *a = agent_create(&book, &r1, &err);
    agent *b = agent_create(&book, &r2, &err);
    CHECK(a != NULL && b != NULL);
    if (a != NULL && b != NULL) {
        for (int e = 0; e < 40; e++)
            CHECK(agent_episode(a, &r1, 1, NULL)
                  == agent_episode(b, &r2, 1, NULL));
        CHECK(memcmp(a->actor->wflat, b->actor->wflat,
                     a->actor->nw * sizeof(double)) == 0);
        CHECK(memcmp(a->critic->wflat, b->critic->wflat,
                     a->critic->nw * sizeof(double)) == 0);
    }
    agent_free(a);
    agent_free(b);
}

/* Without learning an episode changes no weight; its trace starts at a
   start state, follows the physics, and ends where the episode ended. */
void test_agent_episode_without_learning(void)
{
    nn_rng r;
    nn_rng_seed(&r, 12, 0);
    nn_err err;
    agent *g = agent_create(&book, &r, &err);
    CHECK(g != NULL);
    if (g == NULL)
        return;
    double before = g->actor->wflat[5], critic = g->critic->wflat[7];
    static cartpole trace[CP_MAX_STEPS + 1];
    int length = agent_episode(g, &r, 0, trace);
    CHECK(length >= 1 && length <= CP_MAX_STEPS);
    CHECK(g->actor->wflat[5] == before && g->critic->wflat[7] == critic);
    CHECK(fabs(trace[0].x) <= 0.05 && fabs(trace[0].theta) <= 0.05);
    for (int t = 0; t < length; t++)
        CHECK(!cartpole_failed(&trace[t]));
    CHECK(length == CP_MAX_STEPS || cartpole_failed(&trace[length]));
    agent_free(g);
}

/* The bar: 99 episodes of 500 are not enough; the 100th makes it; an
   average of exactly 475 counts, one step less does not. */
void test_agent_solved_watch(void)
{
    solved_watch w = {{0}, 0, 0};
    for (int e = 0; e < 99; e++)
        CHECK(!solved_add(&w, 500));
    CHECK(solved_add(&w, 500));
    solved_watch x = {{0}, 0, 0};
    for (int e = 0; e < 100; e++)
        solved_add(&x, e < 50 ? 450 : 500);   /* mean 475 */
    CHECK(x.sum == 47500);
    solved_watch y = {{0}, 0, 0};
    int last = 0;
    for (int e = 0; e < 100; e++)
        last = solved_add(&y, e == 0 ? 449 : (e < 50 ? 450 : 500));
    CHECK(!last);
    CHECK(solved_add(&y, 500));    /* the 449 leaves the window */
    /* the ring forgets: 100 short episodes after 100 long ones */
    for (int e = 0; e < 100; e++)
        last = solved_add(&y, 10);
    CHECK(!last && y.sum == 1000);
}

void test_agent_rejects_options(void)
{
    nn_rng r;
    nn_rng_seed(&r, 13, 0);
    nn_err err;
    ac_options o = book;
    o.hidden = 0;
    CHECK(agent_create(&o, &r, &err) == NULL);
    o = book;
    o.actor_rate = 0.0;
    CHECK(agent_create(&o, &r, &err) == NULL);
    o = book;
    o.critic_rate = NAN;
    CHECK(agent_create(&o, &r, &err) == NULL);
    o = book;
    o.discount = 1.0;
    CHECK(agent_create(&o, &r, &err) == NULL);
    CHECK(strstr(err.msg, "discount") != NULL);
    o = book;
    o.act = NN_ACT_COUNT;
    CHECK(agent_create(&o, &r, &err) == NULL);
    agent_free(NULL);
}
