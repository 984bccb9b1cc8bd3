/* Tests of the network structure of chapter 2: nn_net_create rejects every
   description that is not a network, with a message, and lays out a valid
   one exactly as the notation says. */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "check.h"
#include "net.h"

/* AddressSanitizer aborts on an allocation larger than it supports
   unless told to return NULL, as malloc does; test_net_huge needs the
   malloc behaviour.  (It still prints one "failed to allocate" warning.) */
#if defined(__SANITIZE_ADDRESS__)
#define TESTS_USE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TESTS_USE_ASAN 1
#endif
#endif
#ifdef TESTS_USE_ASAN
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}
#endif

/* Widths and activations for up to NET_MAX_LAYERS + 1 layers: all valid,
   so that each test breaks exactly one thing. */
static int n[NN_NET_MAX_LAYERS + 2];
static nn_activation A[NN_NET_MAX_LAYERS + 2];

static void valid_description(int width, nn_activation a)
{
    for (int k = 0; k < NN_NET_MAX_LAYERS + 2; k++)
        n[k] = width, A[k] = a;
}

/* Does nn_net_create reject the description with a message containing
   word?  The message is cleared first, so it must come from this call. */
static int rejected(int L, const char *word)
{
    nn_err err = { "" };
    nn_net *N = nn_net_create(L, n, A, &err);
    if (N != NULL) {
        nn_net_free(N);
        return 0;
    }
    return err.msg[0] != '\0' && strstr(err.msg, word) != NULL;
}

void test_net_rejects_layer_counts(void)
{
    valid_description(3, NN_ACT_SIGMOID);
    CHECK(rejected(1, "layers"));
    CHECK(rejected(0, "layers"));
    CHECK(rejected(-1, "layers"));
    CHECK(rejected(NN_NET_MAX_LAYERS + 1, "layers"));
    CHECK(nn_net_create(1, n, A, NULL) == NULL);   /* err may be NULL */
}

void test_net_rejects_widths(void)
{
    static const int bad[] = { 0, -1, -1000, NN_NET_MAX_WIDTH + 1 };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
        for (int k = 1; k <= 3; k++) {   /* input, hidden, output */
            valid_description(3, NN_ACT_SIGMOID);
            n[k] = bad[b];
            if (!rejected(3, "width"))
                check_fail(__FILE__, __LINE__, "width %d of layer %d was "
                           "not rejected with a message", bad[b], k);
        }
}

void test_net_rejects_activations(void)
{
    static const nn_activation bad[] = { NN_ACT_COUNT, (nn_activation)99 };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
        for (int k = 2; k <= 3; k++) {   /* hidden, output */
            valid_description(3, NN_ACT_TANH);
            A[k] = bad[b];
            if (!rejected(3, "activation"))
                check_fail(__FILE__, __LINE__, "activation %d of layer %d "
                           "was not rejected with a message", (int)bad[b], k);
        }
}

/* n[0], A[0] and A[1] are documented as not read: nonsense there is fine. */
void test_net_ignores_unused_entries(void)
{
    valid_description(2, NN_ACT_RELU);
    n[0] = -5;
    A[0] = A[1] = (nn_activation)99;
    nn_net *N = nn_net_create(3, n, A, NULL);
    CHECK(N != NULL);
    nn_net_free(N);
}

/* The limits themselves are valid. */
void test_net_accepts_limits(void)
{
    valid_description(1, NN_ACT_IDENTITY);
    nn_net *N = nn_net_create(NN_NET_MAX_LAYERS, n, A, NULL);
    CHECK(N != NULL);
    if (N != NULL)
        CHECK(N->nw == 2 * (size_t)(NN_NET_MAX_LAYERS - 1));
    nn_net_free(N);

    n[1] = NN_NET_MAX_WIDTH;
    N = nn_net_create(2, n, A, NULL);
    CHECK(N != NULL);
    if (N != NULL)
        CHECK(N->nw == (size_t)NN_NET_MAX_WIDTH + 1);
    nn_net_free(N);
}

/* The largest description the limits allow needs some 8e15 bytes, more
   than any 64-bit address space in use; malloc must refuse it and
   nn_net_create must say so.  (A merely huge network, say three layers of a
   million nodes, could be granted by an overcommitting kernel and only
   fail when its zeroed weights are touched.)  Should it succeed anyway,
   it is freed. */
void test_net_huge(void)
{
    valid_description(NN_NET_MAX_WIDTH, NN_ACT_SIGMOID);
    nn_err err = { "" };
    nn_net *N = nn_net_create(NN_NET_MAX_LAYERS, n, A, &err);
    if (N == NULL)
        CHECK(strstr(err.msg, "out of memory") != NULL);
    nn_net_free(N);
}

/* net.h promises that nn_net_free(NULL) does nothing.  Doing nothing has
   no result to compare, so this test asserts only what can be seen: the
   call returns, and the memory it must not touch is untouched (under
   AddressSanitizer a free of a bad pointer would be reported).  It fails
   by crashing, and that is the failure it exists to catch. */
void test_net_free_null(void)
{
    const int n[] = { 0, 2, 1 };
    const nn_activation A[] = { 0, 0, NN_ACT_SIGMOID };
    nn_net *N = nn_net_create(2, n, A, NULL);
    CHECK(N != NULL);
    if (N == NULL)
        return;
    N->wflat[0] = 0.25;
    nn_net_free(NULL);
    CHECK(N->wflat[0] == 0.25 && N->L == 2 && N->n[1] == 2);
    nn_net_free(N);
}

/* Formula (eq:nweights), and the network of chapter 3 counted by hand:
   100 * 785 + 50 * 101 + 10 * 51 + 5 * 11 = 84115. */
void test_net_counts_weights(void)
{
    const int sizes[] = { 0, 784, 100, 50, 10, 5 };
    valid_description(1, NN_ACT_SIGMOID);
    nn_net *N = nn_net_create(5, sizes, A, NULL);
    CHECK(N != NULL);
    if (N != NULL)
        CHECK(N->nw == 84115);
    nn_net_free(N);
}

/* Check one network against chapter 2's layout: sizes, weight count,
   null row 0, rows one after another in wflat, zero weights, constant
   nodes equal to 1, NaN pre-activations for them. */
static void check_layout(const nn_net *N, int L, const int sizes[],
                         const nn_activation acts[])
{
    size_t offset = 0;
    CHECK(N->L == L);
    for (int k = 1; k <= L; k++)
        CHECK(N->n[k] == sizes[k]);
    for (int k = 2; k <= L; k++)
        CHECK(N->A[k] == acts[k]);
    for (int k = 1; k < L; k++) {
        CHECK(N->w[k][0] == NULL);
        for (int i = 1; i <= sizes[k + 1]; i++) {
            CHECK(&N->w[k][i][0] == N->wflat + offset);
            offset += (size_t)sizes[k] + 1;
        }
    }
    CHECK(N->nw == offset);
    for (size_t p = 0; p < N->nw; p++)
        CHECK(N->wflat[p] == 0.0);
    for (int k = 1; k <= L; k++)
        CHECK(N->l[k][0] == 1.0);
    for (int k = 2; k <= L; k++)
        CHECK(isnan(N->z[k][0]));
}

/* Many small shapes, so that the sanitizers see every region of the
   block written for many different paddings. */
void test_net_layout(void)
{
    nn_rng r;
    nn_rng_seed(&r, 1, 1);
    for (int L = 2; L <= 9; L++)
        for (int t = 0; t < 10; t++) {
            int sizes[10];
            nn_activation acts[10];
            for (int k = 0; k <= L; k++) {
                sizes[k] = 1 + (int)nn_rng_below(&r, 7);
                acts[k] = (nn_activation)nn_rng_below(&r, NN_ACT_COUNT);
            }
            nn_net *N = nn_net_create(L, sizes, acts, NULL);
            CHECK(N != NULL);
            if (N != NULL)
                check_layout(N, L, sizes, acts);
            nn_net_free(N);
        }
}

/* nn_net_create copies the description: the caller may reuse its arrays. */
void test_net_copies_description(void)
{
    int sizes[] = { 0, 3, 4, 2 };
    nn_activation acts[] = { NN_ACT_IDENTITY, NN_ACT_IDENTITY, NN_ACT_TANH, NN_ACT_SIGMOID };
    nn_net *N = nn_net_create(3, sizes, acts, NULL);
    CHECK(N != NULL);
    if (N == NULL)
        return;
    sizes[2] = 7;
    acts[2] = NN_ACT_RELU;
    CHECK(N->n[2] == 4);
    CHECK(N->A[2] == NN_ACT_TANH);
    nn_net_free(N);
}

/* A forward pass leaves the constant nodes alone. */
void test_net_constant_nodes_after_forward(void)
{
    const int sizes[] = { 0, 3, 5, 4, 2 };
    valid_description(1, NN_ACT_SIGMOID);
    nn_net *N = nn_net_create(4, sizes, A, NULL);
    CHECK(N != NULL);
    if (N == NULL)
        return;
    nn_rng r;
    nn_rng_seed(&r, 3, 1);
    nn_net_init(N, &r);
    const double x[] = { 0.5, -2.0, 1.0 };
    nn_net_forward(N, x);
    for (int k = 1; k <= N->L; k++)
        CHECK(N->l[k][0] == 1.0);
    for (int k = 2; k <= N->L; k++)
        CHECK(isnan(N->z[k][0]));
    nn_net_free(N);
}
