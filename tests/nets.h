/* Networks and samples for the tests: the few ways of making them that
   several test files need. */
#ifndef NETS_H
#define NETS_H

#include "data.h"
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

/* A data set of n samples for network N and loss k: normal inputs,
   targets of test_draw_targets.  0, or -1 if memory is short. */
int test_random_data(nn_rng *r, const nn_net *N, nn_loss_kind k, size_t n,
                     nn_dataset *D);

/* The reference for a batch of b samples: the sum g of the per-sample
   gradients of chapter 7, the sum a of their absolute values (the scale
   of the round-off), the summed loss and the sum of the losses'
   magnitudes.  If each is not NULL, it is called after every sample
   with N as nn_net_backprop left it. */
void test_gradient_sum(nn_net *N, const double X[], const double Y[], int b,
                       nn_loss_kind k, double g[], double a[], double *loss,
                       double *scale,
                       void (*each)(const nn_net *N, double a[], void *ctx),
                       void *ctx);

/* Whether x is NOT within reltol of the scale of its reference want:
   |x - want| > reltol (scale + |want|). */
int test_far(double reltol, double x, double want, double scale);

#endif
