#!/usr/bin/env python3
"""The epoch of chapter 17's benchmark in NumPy or PyTorch.

Fashion-MNIST's 60,000 training images, a 784-128-10 network (ReLU,
softmax with cross-entropy), plain gradient descent at rate 0.01 in
batches of 32 (the step is the rate times the mean gradient), the images in their own order; float32.  Only the
training loop is timed.  Prints "LIB THREADS SECONDS", the median of
REPEATS epochs, or "LIB THREADS absent" if LIB cannot be imported.

usage: bench-python.py numpy|torch THREADS DATA-DIRECTORY [REPEATS]
The threads of NumPy's BLAS are set by OPENBLAS_NUM_THREADS, which the
caller (tools/bench-python.sh) sets before Python starts.
"""
import gzip
import statistics
import sys
import time


def read_idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return data[4 + 4 * dims:], shape


def numpy_epoch(np, x, y, w1, b1, w2, b2, batch, rate):
    for first in range(0, len(x), batch):
        xb, yb = x[first:first + batch], y[first:first + batch]
        z1 = xb @ w1.T + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2.T + b2
        z2 -= z2.max(axis=1, keepdims=True)
        p = np.exp(z2)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(len(yb)), yb] -= 1          # the output error
        d1 = (p @ w2) * (z1 > 0)                # the recurrence
        step = np.float32(rate / len(yb))       # the rate over the batch
        w2 -= step * (p.T @ a1)
        b2 -= step * p.sum(axis=0)
        w1 -= step * (d1.T @ xb)
        b1 -= step * d1.sum(axis=0)


def main():
    lib, threads, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    try:
        np = __import__("numpy")
        torch = __import__("torch") if lib == "torch" else None
    except ImportError:
        print(lib, threads, "absent")
        return
    pixels, shape = read_idx(directory + "/train-images-idx3-ubyte.gz")
    labels, _ = read_idx(directory + "/train-labels-idx1-ubyte.gz")
    x = np.frombuffer(pixels, np.uint8).reshape(shape[0], -1).astype(np.float32) / 255
    y = np.frombuffer(labels, np.uint8).astype(np.int64)
    rng = np.random.default_rng(2026)
    batch, rate = 32, 0.01
    seconds = []
    for _ in range(repeats):
        w1 = (rng.standard_normal((128, 784)) * np.sqrt(2 / 784)).astype(np.float32)
        w2 = (rng.standard_normal((10, 128)) * np.sqrt(1 / 128)).astype(np.float32)
        b1, b2 = np.zeros(128, np.float32), np.zeros(10, np.float32)
        if torch is None:
            start = time.perf_counter()
            numpy_epoch(np, x, y, w1, b1, w2, b2, batch, rate)
        else:
            torch.set_num_threads(threads)
            net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(),
                                      torch.nn.Linear(128, 10))
            with torch.no_grad():
                net[0].weight.copy_(torch.from_numpy(w1))
                net[2].weight.copy_(torch.from_numpy(w2))
                net[0].bias.zero_(), net[2].bias.zero_()
            # the loss is summed over the batch, so that the step is
            # rate times the summed gradient, as in the C trainers
            loss = torch.nn.CrossEntropyLoss(reduction="sum")
            step = torch.optim.SGD(net.parameters(), lr=rate / batch)
            tx, ty = torch.from_numpy(x), torch.from_numpy(y)
            start = time.perf_counter()
            for first in range(0, len(x), batch):
                step.zero_grad()
                loss(net(tx[first:first + batch]), ty[first:first + batch]).backward()
                step.step()
        seconds.append(time.perf_counter() - start)
    print(lib, threads, "%.3f" % statistics.median(seconds))


if __name__ == "__main__":
    main()
