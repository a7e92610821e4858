"""The video's network, already trained: 784-16-16-10 sigmoid neurons that read digits.

``pretrained.npz``, shipped inside the package in ``nnbook/data/``, holds its
13,002 weights and biases, learned from the 8,000 training digits by
``scripts/train_pretrained.py`` (quadratic cost, mini-batches of 10, learning
rate 1.0, 30 epochs, in float64). It gets about 93% of the
2,000 test digits right, digits it never saw while training.
"""

from __future__ import annotations

import functools

from .data import verified_file
from .network import Network

PRETRAINED_FILE = "pretrained.npz"
PRETRAINED_SHA256 = "8facacb9d53d673d8743afce18254e39c83105c5b8059eed9e8df60600d291bb"


@functools.lru_cache(maxsize=1)
def _shipped_network() -> Network:
    with verified_file(PRETRAINED_FILE, PRETRAINED_SHA256) as path:
        return Network.load(path)


def pretrained() -> Network:
    """A trained 784-16-16-10 sigmoid :class:`~nnbook.Network`.

    Each call returns a fresh copy, so you can change its weights freely and
    call ``pretrained()`` again to get the original back.

    >>> net = pretrained()
    >>> net
    Network(784-16-16-10, activation='sigmoid', 13,002 parameters)
    """
    return _shipped_network().copy()
