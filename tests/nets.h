/* Networks and samples for the tests: the few ways of making them that
   several test files need. */
#ifndef NETS_H
#define NETS_H

#include "loss.h"
#include "net.h"
#include "rng.h"

/* nn_net_create, recording a failed check (and returning NULL) if it fails. */
nn_net *test_net(int L, const int n[], const nn_activation A[]);

/* A network of one input and n outputs, all weights zero but the biases,
   so that its output pre-activations are whatever test_set_output puts
   in the biases (the device of chapter 4's program). */
nn_net *test_output_layer(int n, nn_activation a);
/* Set z[2][i] = z[i], i = 1 .. n, through the library's forward pass. */
void test_set_output(nn_net *N, const double z[]);

/* Targets y[0 .. n-1] of the kind loss k expects: one-hot for softmax
   cross-entropy, independent 0s and 1s for binary cross-entropy, standard
   normal numbers for least squares. */
void test_draw_targets(nn_rng *r, nn_loss_kind k, int n, double y[]);

#endif
