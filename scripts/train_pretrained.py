"""Train the network that ``nnbook.pretrained()`` returns and write ``nnbook/data/pretrained.npz``.

The video's network, 784-16-16-10 with sigmoid neurons, trained on the 8,000
training digits only, with the video series' quadratic cost and plain
mini-batch gradient descent. The 2,000 test digits are used only to report
the accuracy at the end.

Usage (from the repository root)::

    .venv/bin/python scripts/train_pretrained.py

It takes a few seconds, prints one line per epoch, the test accuracy and the
SHA-256 of the file it writes; ``nnbook.pretrained.PRETRAINED_SHA256`` must
match. Everything is seeded and ``Network.save`` writes no timestamps, so
running it again on the same machine writes the same bytes. (On another
processor or another numpy/OpenBLAS build, matrix products may round
differently in the last bit, and the weights may then differ slightly.)
"""

from __future__ import annotations

import argparse
import hashlib
import pathlib
import sys
import time

import nnbook
from nnbook.pretrained import PRETRAINED_FILE
from nnbook.training import train

SIZES = (784, 16, 16, 10)
NETWORK_SEED = 0  # the random starting weights
SHUFFLE_SEED = 0  # the order of the mini-batches
EPOCHS = 30
BATCH_SIZE = 10
LEARNING_RATE = 1.0
COST = "quadratic"
# The shipped weights were trained with 64-bit numbers, before train's default
# became float32; naming the type keeps them reproducible.
DTYPE = "float64"
# Written into the source tree (nnbook/data/), where it is committed, not into an installed copy.
PACKAGE_DATA = pathlib.Path(__file__).resolve().parent.parent / "nnbook" / "data"


def trained_network() -> tuple[nnbook.Network, nnbook.training.History]:
    images, labels = nnbook.load_digits("train")
    network = nnbook.Network(SIZES, activation="sigmoid", seed=NETWORK_SEED)
    history = train(network, images, labels, epochs=EPOCHS, batch_size=BATCH_SIZE,
                    learning_rate=LEARNING_RATE, seed=SHUFFLE_SEED, cost=COST, dtype=DTYPE, progress=True)
    return network, history


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=pathlib.Path, default=PACKAGE_DATA / PRETRAINED_FILE)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    network, history = trained_network()
    seconds = time.perf_counter() - start
    test_images, test_labels = nnbook.load_digits("test")
    path = network.save(args.output)
    print(f"trained {network} for {EPOCHS} epochs in {seconds:.1f} s")
    print(f"training accuracy {history.train_accuracy[-1]:.2%}, "
          f"test accuracy {network.accuracy(test_images, test_labels):.2%}")
    print(f"wrote {path.name}, SHA-256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
