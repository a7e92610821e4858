"""The full MNIST data set: 60,000 training and 10,000 test digits, fetched on first use.

The course itself runs on the 10,000 digits shipped in ``nnbook/data/``
(:func:`nnbook.load_digits`). When you want all of MNIST, call
:func:`load_mnist`. The first call downloads four files (11.6 MB in all),
checks each one against the SHA-256 fingerprint written below, and keeps them
in a cache folder on your computer; later calls read the cache and need no
network.

MNIST is stored in the *IDX* format: a tiny header that says what kind of
numbers follow and the shape of the array, then the numbers themselves,
most significant byte first ("big-endian"). :func:`read_idx` reads it in a
dozen lines, so you can see there is no magic involved.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import http.client
import math
import os
import pathlib
import struct
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Mapping, Sequence

import numpy as np

from ._validate import choice, describe
from .language import tr, whole

__all__ = [
    "FILES",
    "MIRRORS",
    "DownloadError",
    "IdxError",
    "RemoteFile",
    "default_cache_dir",
    "load_mnist",
    "read_idx",
]


@dataclasses.dataclass(frozen=True)
class RemoteFile:
    """A file to download: its name, its SHA-256 fingerprint and its size in bytes."""

    name: str
    sha256: str
    size: int | None = None


# SHA-256 and sizes of the four official files, as pinned by TensorFlow Datasets
# (tensorflow/datasets, tensorflow_datasets/url_checksums/mnist.txt) and,
# independently, by torchvision-ruby (ankane/torchvision-ruby,
# lib/torchvision/datasets/mnist.rb). The sizes also match the ones LeCun's
# MNIST page lists.
FILES: dict[str, tuple[RemoteFile, RemoteFile]] = {
    "train": (
        RemoteFile("train-images-idx3-ubyte.gz",
                   "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9_912_422),
        RemoteFile("train-labels-idx1-ubyte.gz",
                   "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28_881),
    ),
    "test": (
        RemoteFile("t10k-images-idx3-ubyte.gz",
                   "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1_648_877),
        RemoteFile("t10k-labels-idx1-ubyte.gz",
                   "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4_542),
    ),
}
"""Which two files (images, labels) make up each split."""

MIRRORS: tuple[str, ...] = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",  # the copy TensorFlow uses
    "https://ossci-datasets.s3.amazonaws.com/mnist/",  # the copy PyTorch uses
)
"""Web folders holding the four files, tried in order. Assign to change them."""

TIMEOUT = 30.0
"""Seconds to wait for a mirror to answer (its status line and headers, all together) before giving up on it."""

MIN_RATE = 10_000
"""Bytes per second a download must average once it has run for :data:`TIMEOUT` seconds.

A mirror that answers every read in time but sends only a trickle would
otherwise never finish: at 2 bytes a second, the 9.9 MB training images
take two months. 10 kB a second (80 kbit/s) is slower than any connection
that can download MNIST at all.
"""

_CHUNK = 64 * 1024
_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


class DownloadError(OSError):
    """A file could not be downloaded intact from any mirror."""


class IdxError(ValueError):
    """A file is not a well-formed IDX file."""


def default_cache_dir() -> pathlib.Path:
    """The folder where MNIST is kept: ``$XDG_CACHE_HOME/nnbook/mnist``.

    Without ``XDG_CACHE_HOME`` (or with a relative one, which the XDG rules say
    to ignore) it is ``~/.cache/nnbook/mnist``; on Windows,
    ``%LOCALAPPDATA%\\nnbook\\mnist``. Never the current working directory.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.environ.get("LOCALAPPDATA", "") if sys.platform == "win32" else ""
    if not os.path.isabs(base):
        base = pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "nnbook" / "mnist"


def load_mnist(split="train", cache_dir=None, *, mirrors=None, progress=True, files=None):
    """Return ``(images, labels)`` for all of MNIST's ``"train"`` or ``"test"`` split.

    Just like :func:`nnbook.load_digits`: ``images`` has shape (n, 28, 28) and
    holds grey values from 0.0 (black) to 1.0 (white); ``labels`` has shape
    (n,) and holds the digit 0-9 in each image. There are 60,000 training
    and 10,000 test images (the training images take 376 MB as float64).

    The files are downloaded on first use and kept in ``cache_dir``
    (default: :func:`default_cache_dir`). A file is only ever saved after its
    SHA-256 matches, so the cache never holds a partial or damaged download;
    a damaged file found in the cache is downloaded again.

    Keyword arguments:

    * ``mirrors``: web folders to try in order (default :data:`MIRRORS`).
    * ``progress``: ``True`` prints a progress line on stderr, ``False`` is
      quiet, or give a function ``progress(name, received, total)`` (``total``
      is ``None`` when unknown).
    * ``files``: which files make each split, with their SHA-256 and size,
      shaped like :data:`FILES` (the default). Tests use it to serve files of
      their own. Each name must be a bare file name, without folders.

    A mirror that does not answer for :data:`TIMEOUT` seconds, or that sends
    less than :data:`MIN_RATE` bytes a second on average, is given up and
    the next one is tried. A cache folder that cannot be created or written
    gives an ``OSError`` that names it.
    """
    choice(split, "split", tuple(FILES))
    cache = _cache_dir_argument(cache_dir)
    mirrors = _mirrors_argument(MIRRORS if mirrors is None else mirrors)
    if not (isinstance(progress, bool) or callable(progress)):
        raise TypeError(tr("progress must be True, False or a function, got {got}", got=describe(progress)))
    image_file, label_file = _files_argument(FILES if files is None else files, split)

    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cache_error(cache, error) from error
    images = read_idx(_fetch(image_file, cache, mirrors, progress))
    labels = read_idx(_fetch(label_file, cache, mirrors, progress))
    if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.ndim != 1 or len(labels) != len(images):
        raise IdxError(tr(
            "{images_file} and {labels_file} do not fit together: expected images shaped (n, 28, 28) and n labels, "
            "got shapes {images} and {labels}", images_file=image_file.name, labels_file=label_file.name,
            images=images.shape, labels=labels.shape))
    return images.astype(np.float64) / 255.0, labels.astype(np.int64)


def read_idx(path) -> np.ndarray:
    """Read an IDX file, gzipped or not, into a NumPy array.

    The header is four bytes, then one 4-byte size per dimension::

        00 00         two zero bytes
        08            what the numbers are: 08 unsigned byte, 09 signed byte,
                      0B 2-byte int, 0C 4-byte int, 0D float32, 0E float64
        03            how many dimensions: 3 for images (count, rows, columns)
        00 00 EA 60   60,000 images  (big-endian: most significant byte first)
        00 00 00 1C   28 rows
        00 00 00 1C   28 columns

    and then the numbers, row after row. Raises :class:`IdxError` for a file
    that does not start like this, or that is shorter or longer than its
    header promises.
    """
    path = pathlib.Path(path)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # every gzip file starts with these two bytes
        try:
            data = gzip.decompress(data)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise IdxError(tr("{path} is a damaged gzip file ({error}); delete it and download it again", path=path,
                              error=error)) from error
    return _parse_idx(data, str(path))


def _parse_idx(data: bytes, source: str) -> np.ndarray:
    if len(data) < 4 or data[:2] != b"\x00\x00" or data[2] not in _IDX_TYPES:
        raise IdxError(tr(
            "{source} is not an IDX file: it starts with {start}, but the magic number of an IDX file is two zero "
            "bytes, a type code (08, 09, 0b, 0c, 0d or 0e) and the number of dimensions (MNIST images start "
            "00 00 08 03, labels 00 00 08 01)", source=source, start=data[:4].hex(" ") or tr("nothing")))
    dtype, ndim = np.dtype(_IDX_TYPES[data[2]]), data[3]
    start = 4 + 4 * ndim
    if len(data) < start:
        raise IdxError(tr("{source} is truncated: its header needs {start} bytes for {ndim} dimensions, got {size}",
                          source=source, start=start, ndim=ndim, size=len(data)))
    shape = struct.unpack(f">{ndim}I", data[4:start])
    needed = start + math.prod(shape) * dtype.itemsize
    if len(data) != needed:
        values = dict(source=source, shape=shape, itemsize=dtype.itemsize, needed=whole(needed), size=whole(len(data)))
        if len(data) < needed:
            raise IdxError(tr("{source} is truncated: its header promises an array of shape {shape} ({itemsize}-byte "
                              "numbers), which makes {needed} bytes with the header, but it has {size}", **values))
        raise IdxError(tr("{source} has extra bytes at the end: its header promises an array of shape {shape} "
                          "({itemsize}-byte numbers), which makes {needed} bytes with the header, but it has {size}",
                          **values))
    return np.frombuffer(data, dtype, offset=start).reshape(shape).astype(dtype.newbyteorder("="))


def _fetch(file: RemoteFile, cache: pathlib.Path, mirrors, progress) -> pathlib.Path:
    """Return the path of ``file`` in the cache, downloading it first if needed."""
    path = cache / file.name  # file.name is a bare name (see _files_argument), so path is inside cache
    if path.exists() and not path.is_file():
        raise OSError(tr("{path} is in the way: the MNIST cache needs a file there, not a folder. Move or delete it, "
                         "or pass cache_dir=... with another folder", path=path))
    if path.is_file():
        try:
            digest = _sha256(path)
            if digest == file.sha256:
                return path
            if progress is True:
                print(tr("{path} is damaged (SHA-256 {digest}); downloading it again", path=path, digest=digest),
                      file=sys.stderr)
            path.unlink()
        except OSError as error:
            raise _cache_error(cache, error) from error
    failures = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + file.name
        try:
            _download(url, path, file, progress)
            return path
        except _Failure as failure:
            failures.append(f"  {url}: {failure}")
    expected = (tr("{size} bytes with SHA-256 {sha256}", size=whole(file.size), sha256=file.sha256) if file.size
                else f"SHA-256 {file.sha256}")
    raise DownloadError(tr(
        "could not download {name} (expected {expected}):\n{failures}\nNo partial file was left in {cache}. Check "
        "your network connection and try again. If it keeps failing, delete the folder {cache} and retry, or pass "
        "mirrors=[...] with another copy of MNIST.", name=file.name, expected=expected, failures="\n".join(failures),
        cache=cache))


class _Failure(Exception):
    """One mirror failed for one file; the message says why."""


def _download(url: str, path: pathlib.Path, file: RemoteFile, progress) -> None:
    """Download ``url`` to ``path`` through a temporary file, renamed only when the SHA-256 matches."""
    show = _ProgressLine() if progress is True else progress or None
    try:
        part = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{file.name}.", suffix=".part", delete=False)
    except OSError as error:
        raise _cache_error(path.parent, error) from error
    received, digest = 0, hashlib.sha256()
    try:
        with part, _open(url) as response:
            length = response.headers.get("Content-Length", "")
            total = int(length) if length.isdigit() else file.size
            start = time.monotonic()
            # read1 returns whatever has arrived, so a slow mirror is noticed between its bytes.
            while chunk := response.read1(_CHUNK):
                elapsed = time.monotonic() - start
                if elapsed > TIMEOUT and received < MIN_RATE * elapsed:
                    raise _Failure(tr(
                        "too slow: {received} bytes in {elapsed:.1f} seconds, below the minimum average of {rate} "
                        "bytes per second (nnbook.mnist.MIN_RATE)", received=whole(received), elapsed=elapsed,
                        rate=whole(MIN_RATE)))
                part.write(chunk)
                digest.update(chunk)
                received += len(chunk)
                if file.size is not None and received > file.size:
                    raise _Failure(tr("the file is larger than the {size} bytes expected", size=whole(file.size)))
                if show:
                    show(file.name, received, total)
        if total is not None and received < total:
            raise _Failure(tr("the download was cut off after {received} of {total} bytes", received=whole(received),
                              total=whole(total)))
        if file.size is not None and received != file.size:
            raise _Failure(tr("received {received} bytes, expected {size}", received=whole(received),
                              size=whole(file.size)))
        if digest.hexdigest() != file.sha256:
            raise _Failure(tr("the file's SHA-256 is {digest}, expected {sha256} (the mirror sent a different or "
                              "damaged file)", digest=digest.hexdigest(), sha256=file.sha256))
        os.replace(part.name, path)
    except urllib.error.HTTPError as error:
        raise _Failure(tr("HTTP error {code} ({reason})", code=error.code, reason=error.reason)) from error
    except urllib.error.URLError as error:
        raise _Failure(tr("could not connect ({reason})", reason=error.reason)) from error
    except TimeoutError as error:
        raise _Failure(tr("no answer within {seconds:g} seconds", seconds=TIMEOUT)) from error
    except (OSError, http.client.HTTPException) as error:
        raise _Failure(tr("the download failed after {received} bytes ({error})", received=whole(received),
                          error=error)) from error
    finally:
        pathlib.Path(part.name).unlink(missing_ok=True)  # gone already if it was renamed into place
        if isinstance(show, _ProgressLine):
            show.end()


def _open(url: str):
    """``urllib.request.urlopen(url)``, with TIMEOUT for the whole answer rather than for each read.

    urlopen's own timeout holds for each read from the socket, so a mirror
    that sends one header line every few seconds would hold it for ever. It
    runs in a helper thread here, and if the answer is not complete in time
    the caller gives up; the helper then closes whatever it gets afterwards.
    """
    lock, finished, outcome = threading.Lock(), threading.Event(), []

    def open_it():
        try:
            response = urllib.request.urlopen(url, timeout=TIMEOUT)
        except BaseException as error:  # raised again in the caller's thread
            response = error
        with lock:
            if outcome:  # the caller gave up already
                if not isinstance(response, BaseException):
                    response.close()
            else:
                outcome.append(response)
            finished.set()

    threading.Thread(target=open_it, name="nnbook.mnist.download", daemon=True).start()
    finished.wait(TIMEOUT)
    with lock:
        if not finished.is_set():
            outcome.append(None)
            raise TimeoutError(f"no complete answer within {TIMEOUT:g} seconds")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


class _ProgressLine:
    """A one-line progress report on stderr, rewritten in place with a carriage return."""

    def __init__(self):
        self.shown = None

    def __call__(self, name, received, total):
        scale, unit = (1e6, "MB") if (total or received) >= 1e6 else (1e3, "kB")
        if total:
            text = tr("{name}: {received:.1f} of {total:.1f} {unit} ({percent}%)", name=name,
                      received=received / scale, total=total / scale, unit=unit, percent=100 * received // total)
        else:
            text = f"{name}: {received / scale:.1f} {unit}"
        if text != self.shown:
            print("\r" + text, end="", file=sys.stderr, flush=True)
            self.shown = text

    def end(self):
        if self.shown is not None:
            print(file=sys.stderr, flush=True)


def _sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _cache_error(cache: pathlib.Path, error: OSError) -> OSError:
    return OSError(tr("cannot use {cache} as the MNIST cache ({reason}); pass cache_dir=... with a folder you can "
                      "write to, or set the environment variable XDG_CACHE_HOME", cache=cache,
                      reason=error.strerror or error))


def _cache_dir_argument(cache_dir) -> pathlib.Path:
    if cache_dir is None:
        return default_cache_dir()
    if not isinstance(cache_dir, (str, os.PathLike)):
        raise TypeError(tr("cache_dir must be a folder path (str or pathlib.Path) or None, got {got}",
                           got=describe(cache_dir)))
    if os.fspath(cache_dir) == "":
        raise ValueError(tr("cache_dir is empty; give a folder path, or None for the default cache folder "
                            "(an empty path would mean the current working directory)"))
    return pathlib.Path(cache_dir).expanduser()


def _mirrors_argument(mirrors) -> tuple[str, ...]:
    if isinstance(mirrors, str) or not isinstance(mirrors, Sequence) or not all(isinstance(m, str) for m in mirrors):
        raise TypeError(tr("mirrors must be a list of web folder addresses (strings), got {got}; for a single "
                           "mirror write mirrors=[url]", got=describe(mirrors)))
    if not mirrors:
        raise ValueError(tr("mirrors is empty; give at least one web folder address to download from"))
    return tuple(mirrors)


def _files_argument(files, split: str) -> tuple[RemoteFile, RemoteFile]:
    pair = files.get(split) if isinstance(files, Mapping) else None
    if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(f, RemoteFile) for f in pair)):
        raise TypeError(tr("files must map each split to a pair (images, labels) of nnbook.mnist.RemoteFile, like "
                           "nnbook.mnist.FILES; for split {split!r} got {got}", split=split, got=describe(pair)))
    for i, file in enumerate(pair):
        # The name becomes a path in the cache, and a folder in it could point outside. A Windows path
        # knows both / and \\ and drive letters, so checking with one catches them all, on every system.
        name = file.name
        if not isinstance(name, str) or name in ("", ".", "..") or pathlib.PureWindowsPath(name).name != name:
            raise ValueError(tr("files[{split!r}][{i}].name must be a bare file name such as "
                                "'train-images-idx3-ubyte.gz', without folders, got {name!r}; the file is kept in "
                                "cache_dir under that name", split=split, i=i, name=name))
    return tuple(pair)
