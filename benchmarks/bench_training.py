"""How fast is nnbook's trainer? Timed side by side with the alternatives, in one process.

Run it with ``python3 run.py benchmark`` (which installs the optional
``benchmark`` extra, scikit-learn) or directly with
``.venv/bin/python benchmarks/bench_training.py``. PyTorch is timed when it is
installed (``pip install torch==2.13.0``) and skipped with a note otherwise.
``--help`` lists the options (training digits, epochs, threads).

Every contender trains the video's 784-16-16-10 sigmoid network on the same
4,000 training digits for the same number of epochs, at batch sizes 10 and 32:

- nnbook: ``nnbook.train`` as a learner calls it: the whole mini-batch as
  one matrix, 32-bit numbers (its default, as in PyTorch). Its epoch time
  includes what ``train`` does after every epoch: the cost and accuracy on
  all the training digits (the report shows how much that is).
- nnbook float64: the same with ``dtype="float64"``, numpy's usual 64-bit
  numbers (the shipped network was trained this way).
- per-sample loop: backpropagation one image at a time with column vectors,
  written here in the style of Nielsen's ``network.py``; the same cost,
  starting weights, shuffling and learning rate as nnbook, so it ends with
  the same accuracy.
- scikit-learn: ``MLPClassifier(hidden_layer_sizes=(16, 16),
  activation="logistic", solver="sgd", momentum=0, alpha=0)``, one
  ``partial_fit`` per epoch. Its output layer is a softmax with log-loss (it
  has no quadratic cost), so it gets its own learning rate.
- PyTorch (CPU): the usual loop, ``nn.Sequential`` of ``Linear`` and
  ``Sigmoid``, ``optim.SGD``, the quadratic cost, nnbook's starting weights
  and shuffling, in float32 (its default).

Each library gets one thread by default (``--threads``): the matrices are
small, and on a shared 2-core machine extra threads mostly wait for each other.

The whole comparison runs ``--rounds`` times (3), the contenders taking
turns. It prints each contender's fastest epoch, after a warm-up epoch, both in
wall-clock and in CPU seconds (the minimum is the fairest figure on a shared
machine: slower epochs were slowed by something else; CPU seconds leave out
time spent waiting for a core), the test accuracy after the last epoch and
the ratios; the ratio to the FLOP limit (the arithmetic an epoch needs,
divided by the measured speed of one large matrix product in the same number
type); the peak memory each contender allocates while it trains; and the
forward pass over all test images in the three ways of ``nnbook.timing``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import platform
import sys
import time
import tracemalloc
import warnings

import numpy as np

import nnbook
from nnbook import timing
from nnbook.training import _cost, _examples, _forward, train

SIZES = (784, 16, 16, 10)
SEED = 0
# Learning rates per batch size: each contender's best, on the test digits after 10 epochs
# on 4,000 training digits, of nnbook 0.5, 1, 2, 4 and scikit-learn 0.1, 0.3, 0.6, 1.
# nnbook, the per-sample loop and PyTorch compute the same cost, so they share a rate;
# scikit-learn's softmax and log-loss give gradients of another size, so it has its own.
RATES = {10: {"shared": 1.0, "scikit-learn": 0.6}, 32: {"shared": 2.0, "scikit-learn": 1.0}}


class EpochClock:
    """Wall-clock and CPU seconds of each epoch.

    The fastest epoch is the fairest figure on a shared machine: slower ones
    were slowed by something else. CPU seconds also leave out the time this
    process waited for a core, which helps when the machine is busy.
    """

    def __init__(self):
        self.wall, self.cpu = [], []
        self._mark = (time.perf_counter(), time.process_time())

    def start(self):
        self._mark = (time.perf_counter(), time.process_time())

    def stop(self):
        wall, cpu = self._mark
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        self.start()


def run_nnbook(x, y, test, epochs, batch_size, rate, dtype="float32"):
    network = nnbook.Network(SIZES, seed=SEED)
    clock = EpochClock()
    # nnbook.train calls progress after every epoch, its evaluation included. The first
    # epoch's time also holds train's input checks; the report drops every first epoch.
    train(network, x, y, epochs=epochs, batch_size=batch_size, learning_rate=rate,
          seed=SEED, progress=lambda history: clock.stop(), dtype=dtype)
    return clock, network.accuracy(*test)


def run_nnbook_float64(x, y, test, epochs, batch_size, rate):
    return run_nnbook(x, y, test, epochs, batch_size, rate, dtype="float64")


class PerSampleNetwork:
    """Backpropagation one image at a time, the way a first implementation does it.

    Activations are column vectors, shape (n, 1). For each image, a forward
    pass keeps every layer's activations; the backward pass turns the output
    error into one weight and bias gradient per layer; the mini-batch's
    gradients are added up, then the step is taken.
    """

    def __init__(self, network):
        self.weights = [W.copy() for W in network.weights]
        self.biases = [b.reshape(-1, 1).copy() for b in network.biases]

    def train_epoch(self, x, targets, order, batch_size, rate):
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            total_w = [np.zeros_like(W) for W in self.weights]
            total_b = [np.zeros_like(b) for b in self.biases]
            for i in batch:
                grads_w, grads_b = self.gradient(x[i].reshape(-1, 1), targets[i].reshape(-1, 1))
                for total, grad in zip(total_w + total_b, grads_w + grads_b):
                    total += grad
            step = rate / len(batch)
            for param, total in zip(self.weights + self.biases, total_w + total_b):
                param -= step * total

    def gradient(self, a, wanted):
        layers = [a]
        for W, b in zip(self.weights, self.biases):
            a = 1.0 / (1.0 + np.exp(-(W @ a + b)))
            layers.append(a)
        delta = 2.0 * (a - wanted) * a * (1.0 - a)  # ∂/∂z of the quadratic cost Σ (a - y)²
        grads_w, grads_b = [], []
        for layer in range(len(self.weights), 0, -1):
            grads_w.insert(0, delta @ layers[layer - 1].T)
            grads_b.insert(0, delta)
            if layer > 1:
                a_in = layers[layer - 1]
                delta = (self.weights[layer - 1].T @ delta) * a_in * (1.0 - a_in)
        return grads_w, grads_b

    def accuracy(self, images, labels):
        a = images.reshape(len(images), -1).T
        for W, b in zip(self.weights, self.biases):
            a = 1.0 / (1.0 + np.exp(-(W @ a + b)))
        return float(np.mean(np.argmax(a, axis=0) == labels))


def run_per_sample(x, y, test, epochs, batch_size, rate):
    x = x.reshape(len(x), -1)
    targets = np.eye(10)[y]
    network = PerSampleNetwork(nnbook.Network(SIZES, seed=SEED))
    rng = np.random.default_rng(SEED)  # the same shuffles as nnbook.train with this seed
    clock = EpochClock()
    with np.errstate(over="ignore"):
        for _ in range(epochs):
            clock.start()
            network.train_epoch(x, targets, rng.permutation(len(x)), batch_size, rate)
            clock.stop()
        return clock, network.accuracy(*test)


def run_sklearn(x, y, test, epochs, batch_size, rate):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(hidden_layer_sizes=(16, 16), activation="logistic", solver="sgd", momentum=0,
                          nesterovs_momentum=False, alpha=0, batch_size=batch_size, learning_rate="constant",
                          learning_rate_init=rate, shuffle=True, random_state=SEED)
    x = x.reshape(len(x), -1)
    clock = EpochClock()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(epochs):
            clock.start()
            model.partial_fit(x, y, classes=np.arange(10))  # one epoch
            clock.stop()
    test_x, test_y = test
    return clock, float(model.score(test_x.reshape(len(test_x), -1), test_y))


def run_torch(x, y, test, epochs, batch_size, rate):
    import torch

    start_network = nnbook.Network(SIZES, seed=SEED)
    layers = []
    for W, b in zip(start_network.weights, start_network.biases):
        linear = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=rate)
    images = torch.from_numpy(x.reshape(len(x), -1).astype(np.float32))
    targets = torch.from_numpy(np.eye(10, dtype=np.float32)[y])
    rng = np.random.default_rng(SEED)
    clock = EpochClock()
    for _ in range(epochs):
        clock.start()
        order = torch.from_numpy(rng.permutation(len(images)))
        for first in range(0, len(order), batch_size):
            batch = order[first:first + batch_size]
            loss = ((model(images[batch]) - targets[batch]) ** 2).sum(dim=1).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        clock.stop()
    test_x, test_y = test
    with torch.no_grad():
        outputs = model(torch.from_numpy(test_x.reshape(len(test_x), -1).astype(np.float32)))
    return clock, float(np.mean(outputs.argmax(dim=1).numpy() == test_y))


# --- the machine ------------------------------------------------------------------------------------


def gemm_peak(dtype, n=1024, repeats=5):
    """FLOP per second of numpy's matrix product on large square matrices of ``dtype``, the best of repeats."""
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)).astype(dtype), rng.random((n, n)).astype(dtype)
    a @ b  # warm up the BLAS threads
    best = min(_seconds(lambda: a @ b) for _ in range(repeats))
    return 2 * n**3 / best


def _seconds(work):
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def evaluation_seconds(x, y, dtype, repeats=5):
    """The evaluation nnbook.train does after each epoch (one forward pass over the training
    digits, the cost and the accuracy), timed alone with the same private helpers: fastest of repeats."""
    network = nnbook.Network(SIZES, seed=SEED)
    images, targets, labels = _examples(network, x, y, "images", "labels")
    images, targets = images.astype(dtype), targets.astype(dtype)
    network.weights = [W.astype(dtype) for W in network.weights]
    network.biases = [b.astype(dtype) for b in network.biases]

    def evaluate():
        layers, last_z = _forward(network.weights, network.biases, False, images)
        _cost(layers[-1], last_z, targets, "quadratic")
        np.mean(np.argmax(layers[-1], axis=1) == labels)

    return min(_seconds(evaluate) for _ in range(repeats))


def peak_memory(run, x, y, test, batch_size, rate):
    """The most memory Python and numpy held at once while ``run`` trained for one epoch, in bytes.

    Measured with tracemalloc, which sees every numpy array. The training
    images passed in already exist, so they do not count; copies of them do.
    """
    gc.collect()
    tracemalloc.start()
    try:
        run(x, y, test, 1, batch_size, rate)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def flop_per_sample(sizes=SIZES):
    """Multiply-adds count 2 FLOP: forward W a, the weight gradients, and the errors sent back to hidden layers."""
    weights = sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    back = sum(n_in * n_out for n_in, n_out in zip(sizes[1:-1], sizes[2:]))
    return 2 * weights + 2 * weights + 2 * back


def describe_machine():
    lines = [f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
             f"{os.cpu_count()} logical CPUs, load average {os.getloadavg()[0]:.2f} (1 min)"]
    model = _cpu_model()
    if model:
        lines.append(f"CPU: {model}")
    openblas = {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS_", "OMP_", "MKL_"))}
    lines.append(f"BLAS environment variables: {openblas or 'none set'}")
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        lines.append("threadpoolctl not installed: BLAS threads unknown")
    else:
        for pool in threadpool_info():
            where = pool["filepath"].split("site-packages/")[-1]
            lines.append(f"  {pool['internal_api']} {pool.get('version') or ''} {pool.get('architecture', '')} "
                         f"threads={pool['num_threads']}  ({where})")
    return lines


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


# --- the report -------------------------------------------------------------------------------------


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=4000, help="training digits (default 4000)")
    parser.add_argument("--epochs", type=int, default=10, help="epochs per contender (default 10)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times the whole comparison is repeated, keeping each contender's fastest epoch "
                             "(default 3)")
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS/OpenMP/PyTorch threads for every contender "
                             "(default 1; 0 leaves the libraries' defaults)")
    args = parser.parse_args(argv)
    contenders = {"nnbook": run_nnbook, "nnbook float64": run_nnbook_float64, "per-sample loop": run_per_sample,
                  "scikit-learn": run_sklearn, "PyTorch": run_torch}
    notes = []
    # Import the optional libraries before limiting threads, so that the limit reaches theirs too.
    try:
        import sklearn
        notes.append(f"scikit-learn {sklearn.__version__}")
    except ImportError:
        del contenders["scikit-learn"]
        notes.append("scikit-learn skipped: not installed (python3 run.py benchmark installs it)")
    try:
        import torch
        notes.append(f"PyTorch {torch.__version__} (float32)")
    except ImportError:
        del contenders["PyTorch"]
        notes.append("PyTorch skipped: not installed (pip install torch==2.13.0)")
    with thread_limit(args.threads):
        report(args, contenders, notes)
    return 0


@contextlib.contextmanager
def thread_limit(threads):
    """Give every library the same number of threads; the matrices here are too small to share out."""
    if threads <= 0:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        sys.exit("--threads needs threadpoolctl (installed with scikit-learn by python3 run.py benchmark); "
                 "without it, use --threads 0 and set OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 yourself")
    torch = sys.modules.get("torch")
    previous = torch.get_num_threads() if torch else None
    if torch:
        torch.set_num_threads(threads)
    try:
        with threadpool_limits(limits=threads):
            yield
    finally:
        if torch:
            torch.set_num_threads(previous)


def report(args, contenders, notes):
    images, labels = nnbook.load_digits("train")
    x, y = images[:args.images], labels[:args.images]
    test = nnbook.load_digits("test")
    threads = "the libraries' default threads" if args.threads <= 0 else f"{args.threads} thread per library"
    print(f"nnbook training benchmark, {threads}")
    print("\n".join(describe_machine()))
    print("; ".join(notes))
    flop = flop_per_sample()
    limits = {}
    for name, dtype in (("nnbook", "float32"), ("nnbook float64", "float64")):
        peak = gemm_peak(dtype)
        limits[name] = flop * len(x) / peak
        print(f"GEMM peak ({dtype} 1024x1024 matmul, same threads): {peak / 1e9:.1f} GFLOP/s; "
              f"{flop:,} FLOP per sample per epoch, so the {dtype} FLOP limit is "
              f"{limits[name] * 1e3:.2f} ms per epoch")
    print(f"{len(x):,} training digits, 784-16-16-10 sigmoid, {args.epochs} epochs each, {args.rounds} rounds; "
          f"accuracy on the {len(test[1]):,} test digits after the last epoch\n")

    for batch_size in (10, 32):
        rates = RATES.get(batch_size, RATES[10])
        results = {}
        # Rounds take turns, so a burst of load from elsewhere hits every contender alike.
        for _ in range(args.rounds):
            for name, run in contenders.items():
                rate = rates.get(name, rates["shared"])
                clock, accuracy = run(x, y, test, args.epochs, batch_size, rate)
                # The first epoch warms up (memory, caches, library set-up), so it does not count.
                warm = slice(1, None) if len(clock.wall) > 1 else slice(None)
                wall, cpu = min(clock.wall[warm]), min(clock.cpu[warm])
                if name in results:
                    wall, cpu = min(wall, results[name][0]), min(cpu, results[name][1])
                results[name] = (wall, cpu, accuracy, rate)
        wall0, cpu0, accuracy0, _ = results["nnbook"]
        print(f"batch size {batch_size}: fastest epoch, wall clock and CPU time")
        print(f"  {'':16} {'rate':>5} {'wall s':>8} {'CPU s':>8} {'accuracy':>9}   nnbook is (wall, CPU)")
        for name, (wall, cpu, accuracy, rate) in results.items():
            if name == "nnbook":
                ratio = ""
            else:
                ratio = (f"{wall / wall0:5.1f}x, {cpu / cpu0:5.1f}x faster; "
                         f"accuracy {100 * (accuracy - accuracy0):+.1f} points")
            print(f"  {name:16} {rate:5.1f} {wall:8.4f} {cpu:8.4f} {accuracy:9.1%}   {ratio}")
        if "nnbook float64" in results:
            wall64, cpu64, _, _ = results["nnbook float64"]
            others = ", ".join(f"{name} {wall / wall64:.1f}x ({cpu / cpu64:.1f}x CPU)" for name, (wall, cpu, _, _)
                               in results.items() if not name.startswith("nnbook"))
            print(f"  nnbook float64 is faster than: {others}")
        for name, dtype in (("nnbook", "float32"), ("nnbook float64", "float64")):
            if name in results:
                wall, limit = results[name][0], limits[name]
                print(f"  {name}'s fastest epoch takes {wall / limit:.1f}x its FLOP limit of {limit * 1e3:.2f} ms; "
                      f"{evaluation_seconds(x, y, dtype) * 1e3:.1f} ms of it is train's evaluation after the epoch")
        print()

    memory_report(contenders, x, y, test)

    network = nnbook.pretrained()
    test_images = test[0]
    seconds = timing.time_forward_passes(network, test_images, repeats=3)
    print(f"forward pass over all {len(test_images):,} test images (nnbook.timing, best of 3)")
    for name, value in seconds.items():
        print(f"  {name:12} {value * 1e3:9.2f} ms  {value / seconds['matrix']:7.1f}x the matrix way")



def memory_report(contenders, x, y, test, batch_size=10):
    """Peak memory of one training epoch per contender, against the per-sample loop's."""
    print(f"peak memory while training for one epoch at batch size {batch_size} (tracemalloc), "
          f"beyond the {x.nbytes / 1e6:.1f} MB of training images (float64) that already exist")
    peaks = {}
    for name, run in contenders.items():
        if name == "PyTorch":
            continue  # its tensors live in PyTorch's own allocator, which tracemalloc cannot see
        rate = RATES[batch_size].get(name, RATES[batch_size]["shared"])
        peaks[name] = peak_memory(run, x, y, test, batch_size, rate)
    baseline = peaks.get("per-sample loop")
    for name, peak in peaks.items():
        ratio = f"  {peak / baseline:6.1f}x the per-sample loop" if baseline else ""
        print(f"  {name:16} {peak / 1e6:8.2f} MB{ratio}")
    if "PyTorch" in contenders:
        print("  PyTorch          not measured: tracemalloc cannot see PyTorch's own allocator")
    print()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
