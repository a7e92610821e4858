"""Tests for nnbook.load_mnist against a local HTTP server: no internet, no real cache.

The server on 127.0.0.1 serves gzipped IDX files written here from the shipped
sample (nnbook.load_digits), so a download can be checked pixel for pixel.
Each test passes its own file table, because the real SHA-256 constants only
match the real MNIST files.
"""

import functools
import gzip
import hashlib
import http.server
import re
import struct
import threading
import time

import numpy as np
import pytest

import nnbook
from nnbook import mnist
from nnbook.mnist import DownloadError, IdxError, RemoteFile

OFFICIAL_MIRRORS = mnist.MIRRORS  # read before any test replaces it
MAX_REQUESTS = 20  # far more than any test needs; a runaway retry loop gets 503s
NAMES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


# --- IDX files written from the sample -------------------------------------------------

def idx_bytes(array, type_code=0x08):
    """An IDX file: 00 00, the type code, the number of dimensions, the sizes, the data."""
    array = np.asarray(array)
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def gz(data):
    return gzip.compress(data, compresslevel=1, mtime=0)  # fast; the level does not matter here


@functools.cache
def sample_payloads():
    """The four files' gzipped bytes, built from nnbook.load_digits."""
    payloads = {}
    for split, (image_name, label_name) in NAMES.items():
        images, labels = nnbook.load_digits(split)
        payloads[image_name] = gz(idx_bytes(np.round(images * 255).astype(np.uint8)))
        payloads[label_name] = gz(idx_bytes(labels.astype(np.uint8)))
    return payloads


def table_for(payloads):
    """A file table like mnist.FILES whose checksums and sizes match ``payloads``."""
    def remote(name):
        return RemoteFile(name, hashlib.sha256(payloads[name]).hexdigest(), len(payloads[name]))
    return {split: (remote(images), remote(labels)) for split, (images, labels) in NAMES.items()}


# --- the local server --------------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    timeout = 10  # seconds a request may take on the server side

    def do_GET(self):
        server = self.server
        server.requests.append(self.path)
        if len(server.requests) > MAX_REQUESTS:
            self.send_error(503)
            return
        behaviour, body = server.routes.get(self.path, ("missing", b""))
        if behaviour == "missing":
            self.send_error(404)
            return
        if behaviour == "hang":
            server.release.wait(10)
            return
        if behaviour == "drip headers":  # a header line every 50 ms: every read is answered in time, never all
            self.send_response(200)
            for i in range(200):
                if server.release.is_set():
                    return
                try:
                    self.send_header(f"X-Slow-{i}", "x")
                    self.flush_headers()
                except OSError:  # the client gave up and hung up
                    return
                time.sleep(0.05)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if behaviour == "cut":  # promise the whole file, send half, hang up
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif behaviour == "drip":  # one byte every 20 ms: every read is answered in time, the file never ends
            for i in range(len(body)):
                if server.release.is_set():
                    return
                try:
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                except OSError:  # the client gave up and hung up
                    return
                time.sleep(0.02)
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.routes, httpd.requests, httpd.release = {}, [], threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def serve(server, payloads, folder="mnist", behaviour="ok", only=None):
    """Serve ``payloads`` under /folder/ and return that folder's URL."""
    for name, body in payloads.items():
        server.routes[f"/{folder}/{name}"] = (behaviour if only in (None, name) else "ok", body)
    return f"http://127.0.0.1:{server.server_address[1]}/{folder}/"


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """Never the real home cache, never the internet."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(mnist, "MIRRORS", ("http://127.0.0.1:9/unused/",))
    monkeypatch.setattr(mnist, "TIMEOUT", 5.0)


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "cache"


def files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- a download that works ---------------------------------------------------------------

def test_round_trip_then_cache(server, cache):
    payloads = sample_payloads()
    url = serve(server, payloads)
    for split in ("train", "test"):
        images, labels = nnbook.load_mnist(split, cache, mirrors=[url], progress=False, files=table_for(payloads))
        sample_images, sample_labels = nnbook.load_digits(split)
        assert images.dtype == np.float64 and images.shape == sample_images.shape
        assert labels.dtype == np.int64 and labels.shape == sample_labels.shape
        np.testing.assert_array_equal(images, sample_images)
        np.testing.assert_array_equal(labels, sample_labels)
    assert sorted(server.requests) == sorted(f"/mnist/{name}" for name in payloads)
    assert files_in(cache) == sorted(payloads)

    again, _ = nnbook.load_mnist("test", str(cache), mirrors=[url], progress=False, files=table_for(payloads))
    np.testing.assert_array_equal(again, nnbook.load_digits("test")[0])
    assert len(server.requests) == 4, "the second call must read the cache, not the network"


def test_mirrors_are_tried_in_order(server, cache):
    payloads = sample_payloads()
    good = serve(server, payloads)
    missing = f"http://127.0.0.1:{server.server_address[1]}/nowhere/"
    images, _ = nnbook.load_mnist("test", cache, mirrors=[missing, good], progress=False, files=table_for(payloads))
    assert len(images) == 2000
    assert server.requests == [
        "/nowhere/t10k-images-idx3-ubyte.gz", "/mnist/t10k-images-idx3-ubyte.gz",
        "/nowhere/t10k-labels-idx1-ubyte.gz", "/mnist/t10k-labels-idx1-ubyte.gz",
    ]


def test_mirrors_attribute_is_the_default(server, cache, monkeypatch):
    payloads = sample_payloads()
    monkeypatch.setattr(mnist, "MIRRORS", (serve(server, payloads),))
    _, labels = nnbook.load_mnist("test", cache, progress=False, files=table_for(payloads))
    np.testing.assert_array_equal(labels, nnbook.load_digits("test")[1])


def test_damaged_file_in_cache_is_downloaded_again(server, cache, capsys):
    payloads = sample_payloads()
    url = serve(server, payloads)
    cache.mkdir()
    (cache / "t10k-images-idx3-ubyte.gz").write_bytes(b"not mnist")
    images, _ = nnbook.load_mnist("test", cache, mirrors=[url], progress=True, files=table_for(payloads))
    np.testing.assert_array_equal(images, nnbook.load_digits("test")[0])
    assert (cache / "t10k-images-idx3-ubyte.gz").read_bytes() == payloads["t10k-images-idx3-ubyte.gz"]
    assert "t10k-images-idx3-ubyte.gz is damaged" in capsys.readouterr().err


# --- downloads that fail leave nothing behind ------------------------------------------

def test_corrupted_download_is_rejected(server, cache):
    payloads = dict(sample_payloads())
    table = table_for(payloads)
    name = "t10k-images-idx3-ubyte.gz"
    damaged = bytearray(payloads[name])
    damaged[1000] ^= 0xFF
    payloads[name] = bytes(damaged)
    url = serve(server, payloads)
    with pytest.raises(DownloadError) as caught:
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table)
    message = str(caught.value)
    expected_sha = table["test"][0].sha256
    assert name in message and url + name in message
    assert f"expected {expected_sha}" in message
    assert f"SHA-256 is {hashlib.sha256(payloads[name]).hexdigest()}" in message
    assert "try again" in message and f"delete the folder {cache}" in message
    assert files_in(cache) == []


def test_download_cut_off_half_way(server, cache):
    payloads = sample_payloads()
    name = "t10k-images-idx3-ubyte.gz"
    size = len(payloads[name])
    url = serve(server, payloads, behaviour="cut", only=name)
    with pytest.raises(DownloadError) as caught:
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(payloads))
    message = str(caught.value)
    assert f"could not download {name}" in message
    assert f"cut off after {size // 2:,} of {size:,} bytes" in message
    assert f"No partial file was left in {cache}" in message
    assert files_in(cache) == []


def test_cut_off_label_file_keeps_only_the_verified_image_file(server, cache):
    payloads = sample_payloads()
    url = serve(server, payloads, behaviour="cut", only="t10k-labels-idx1-ubyte.gz")
    with pytest.raises(DownloadError, match="t10k-labels-idx1-ubyte.gz"):
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(payloads))
    assert files_in(cache) == ["t10k-images-idx3-ubyte.gz"]
    assert mnist._sha256(cache / "t10k-images-idx3-ubyte.gz") == table_for(payloads)["test"][0].sha256


def test_http_404_names_every_mirror(server, cache):
    port = server.server_address[1]
    mirrors = [f"http://127.0.0.1:{port}/a/", f"http://127.0.0.1:{port}/b"]
    with pytest.raises(DownloadError) as caught:
        nnbook.load_mnist("train", cache, mirrors=mirrors, progress=False, files=table_for(sample_payloads()))
    message = str(caught.value)
    for mirror in (f"http://127.0.0.1:{port}/a/", f"http://127.0.0.1:{port}/b/"):
        assert f"{mirror}train-images-idx3-ubyte.gz: HTTP error 404 (Not Found)" in message
    assert "Check your network connection" in message
    assert files_in(cache) == []
    assert len(server.requests) == 2


def test_server_that_never_answers_times_out(server, cache, monkeypatch):
    monkeypatch.setattr(mnist, "TIMEOUT", 0.3)
    url = serve(server, sample_payloads(), behaviour="hang")
    with pytest.raises(DownloadError, match=r"no answer within 0\.3 seconds"):
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(sample_payloads()))
    assert files_in(cache) == []


def test_nothing_listening(cache):
    with pytest.raises(DownloadError, match="could not connect"):
        nnbook.load_mnist("test", cache, progress=False, files=table_for(sample_payloads()))
    assert files_in(cache) == []


# --- files that arrive intact but are not good IDX -------------------------------------

def test_served_file_with_bad_magic_number(server, cache):
    payloads = dict(sample_payloads())
    name = "t10k-images-idx3-ubyte.gz"
    payloads[name] = gz(b"\x00\x01" + gzip.decompress(payloads[name])[2:])
    url = serve(server, payloads)
    with pytest.raises(IdxError, match=r"t10k-images-idx3-ubyte\.gz is not an IDX file: it starts with 00 01 08 03"):
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(payloads))


def test_images_and_labels_that_do_not_fit_together(server, cache):
    payloads = dict(sample_payloads())
    payloads["t10k-labels-idx1-ubyte.gz"] = payloads["train-labels-idx1-ubyte.gz"]
    url = serve(server, payloads)
    with pytest.raises(IdxError, match=r"do not fit together.*\(2000, 28, 28\) and \(8000,\)"):
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(payloads))


def write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("array", [
    np.arange(24, dtype=np.uint8).reshape(2, 3, 4),
    np.array([-300, 0, 12345], dtype=np.int16),
    np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3),
    np.array([1.5, -2.25], dtype=np.float64),
])
def test_read_idx_round_trip(tmp_path, array):
    code = {"uint8": 0x08, "int16": 0x0B, "float32": 0x0D, "float64": 0x0E}[array.dtype.name]
    for data in (idx_bytes(array, code), gz(idx_bytes(array, code))):
        result = mnist.read_idx(write(tmp_path / "x.idx", data))
        assert result.dtype == array.dtype and result.dtype.isnative
        np.testing.assert_array_equal(result, array)


def test_read_idx_errors(tmp_path):
    good = idx_bytes(np.zeros((10, 28, 28), np.uint8))
    cases = {
        b"": "is not an IDX file: it starts with nothing",
        b"PK\x03\x04" + good[4:]: "is not an IDX file: it starts with 50 4b 03 04",
        b"\x00\x00\x07\x03" + good[4:]: "magic number",  # 07 is no IDX type
        good[:10]: "is truncated: its header needs 16 bytes for 3 dimensions, got 10",
        good[:-784]: re.escape("is truncated: its header promises an array of shape (10, 28, 28)"),
        good + b"\x00": "has extra bytes at the end",
    }
    for data, message in cases.items():
        path = write(tmp_path / "bad.idx", data)
        with pytest.raises(IdxError, match=message) as caught:
            mnist.read_idx(path)
        assert str(path) in str(caught.value)
    damaged_gzip = gz(good)[:-20]
    with pytest.raises(IdxError, match="damaged gzip file"):
        mnist.read_idx(write(tmp_path / "bad.gz", damaged_gzip))


# --- progress --------------------------------------------------------------------------

def test_progress_line_when_asked_and_silence_when_quiet(server, tmp_path, capsys):
    payloads = sample_payloads()
    url = serve(server, payloads)
    nnbook.load_mnist("test", tmp_path / "loud", mirrors=[url], progress=True, files=table_for(payloads))
    err = capsys.readouterr().err
    for name in NAMES["test"]:
        assert f"\r{name}: " in err
    assert "(100%)\n" in err
    nnbook.load_mnist("test", tmp_path / "quiet", mirrors=[url], progress=False, files=table_for(payloads))
    assert capsys.readouterr() == ("", "")


def test_progress_callback(server, cache, capsys):
    payloads = sample_payloads()
    url = serve(server, payloads)
    calls = []
    nnbook.load_mnist("test", cache, mirrors=[url], progress=lambda *a: calls.append(a), files=table_for(payloads))
    assert capsys.readouterr() == ("", "")
    for name in NAMES["test"]:
        mine = [(received, total) for n, received, total in calls if n == name]
        received = [r for r, _ in mine]
        assert received == sorted(received) and mine[-1] == (len(payloads[name]), len(payloads[name]))


# --- arguments, defaults and the official table ---------------------------------------

def test_bad_arguments(cache):
    with pytest.raises(ValueError, match=r"unknown split 'validation'; expected one of 'train', 'test'"):
        nnbook.load_mnist("validation", cache)
    with pytest.raises(TypeError, match="split must be one of"):
        nnbook.load_mnist(0, cache)
    with pytest.raises(TypeError, match="cache_dir must be a folder path"):
        nnbook.load_mnist("test", 42)
    with pytest.raises(TypeError, match=r"mirrors=\[url\]"):
        nnbook.load_mnist("test", cache, mirrors="http://127.0.0.1:9/")
    with pytest.raises(ValueError, match="mirrors is empty"):
        nnbook.load_mnist("test", cache, mirrors=[])
    with pytest.raises(TypeError, match="progress must be True, False or a function"):
        nnbook.load_mnist("test", cache, progress="yes")
    with pytest.raises(TypeError, match="files must map each split"):
        nnbook.load_mnist("test", cache, files={"train": mnist.FILES["train"]})
    assert not cache.exists(), "bad arguments are caught before anything is created"


def test_default_cache_dir_is_per_user(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert mnist.default_cache_dir() == tmp_path / "xdg" / "nnbook" / "mnist"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG rules say: ignore it
    monkeypatch.chdir(tmp_path)
    assert mnist.default_cache_dir() == tmp_path / "home" / ".cache" / "nnbook" / "mnist"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert mnist.default_cache_dir() == tmp_path / "home" / ".cache" / "nnbook" / "mnist"


def test_default_cache_dir_is_used(server, monkeypatch, tmp_path):
    payloads = sample_payloads()
    nnbook.load_mnist("test", mirrors=[serve(server, payloads)], progress=False, files=table_for(payloads))
    assert files_in(tmp_path / "xdg" / "nnbook" / "mnist") == sorted(NAMES["test"])


def test_official_table():
    """The four official files: names, 64-digit SHA-256s and sizes that add up to 11,594,722 bytes."""
    assert {split: tuple(f.name for f in pair) for split, pair in mnist.FILES.items()} == NAMES
    files = [f for pair in mnist.FILES.values() for f in pair]
    assert all(re.fullmatch("[0-9a-f]{64}", f.sha256) for f in files)
    assert len({f.sha256 for f in files}) == 4
    assert sum(f.size for f in files) == 11_594_722
    assert all(mirror.startswith("https://") and mirror.endswith("/") for mirror in OFFICIAL_MIRRORS)


# --- hardening: names, slow mirrors, cache folders --------------------------------------

@pytest.mark.parametrize("name", ["../notes.txt", "sub/../../notes.txt", "/tmp/notes.txt", "..", ".", "",
                                  "folder/train.gz", "folder\\train.gz", "C:notes.txt"])
def test_file_names_must_be_bare_names(cache, tmp_path, name):
    notes = tmp_path / "notes.txt"
    notes.write_text("a teacher's file")
    files = {"test": (RemoteFile(name, "0" * 64, 10), RemoteFile("labels.gz", "0" * 64, 10))}
    with pytest.raises(ValueError, match=r"files\['test'\]\[0\]\.name must be a bare file name"):
        nnbook.load_mnist("test", cache, mirrors=["http://127.0.0.1:9/"], progress=False, files=files)
    assert notes.read_text() == "a teacher's file"
    assert not cache.exists()


def test_a_damaged_file_outside_the_cache_is_never_deleted(cache, tmp_path):
    # The reviewer's reproducer: before, the "damaged" notes.txt was unlinked.
    notes = tmp_path / "notes.txt"
    notes.write_text("a teacher's file")
    files = {"test": (RemoteFile("../notes.txt", "0" * 64, 10), RemoteFile("labels.gz", "0" * 64, 10))}
    with pytest.raises(ValueError):
        nnbook.load_mnist("test", cache, mirrors=["http://127.0.0.1:9/"], progress=False, files=files)
    assert notes.exists()


def test_a_mirror_that_trickles_is_given_up(server, cache, monkeypatch):
    monkeypatch.setattr(mnist, "TIMEOUT", 0.3)
    monkeypatch.setattr(mnist, "MIN_RATE", 1_000)  # the drip sends 50 bytes a second
    payloads = sample_payloads()
    url = serve(server, payloads, behaviour="drip", only="t10k-images-idx3-ubyte.gz")
    with pytest.raises(DownloadError) as caught:
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(payloads))
    message = str(caught.value)
    assert "t10k-images-idx3-ubyte.gz: too slow:" in message
    assert "below the minimum average of 1,000 bytes per second (nnbook.mnist.MIN_RATE)" in message
    assert files_in(cache) == []


def test_a_mirror_that_trickles_its_headers_is_given_up(server, cache, monkeypatch):
    monkeypatch.setattr(mnist, "TIMEOUT", 0.5)
    payloads = sample_payloads()
    url = serve(server, payloads, behaviour="drip headers", only="t10k-images-idx3-ubyte.gz")
    start = time.monotonic()
    with pytest.raises(DownloadError) as caught:
        nnbook.load_mnist("test", cache, mirrors=[url], progress=False, files=table_for(payloads))
    assert time.monotonic() - start < 5  # the drip would go on for 10 s
    assert "t10k-images-idx3-ubyte.gz: no answer within 0.5 seconds" in str(caught.value)
    assert files_in(cache) == []


def test_a_cache_dir_that_is_a_file(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    for cache_dir in (afile, afile / "mnist"):
        with pytest.raises(OSError, match=rf"cannot use {re.escape(str(cache_dir))} as the MNIST cache .*"
                                          r"pass cache_dir=\.\.\. .*XDG_CACHE_HOME"):
            nnbook.load_mnist("test", cache_dir, progress=False, files=table_for(sample_payloads()))
    assert afile.read_text() == "not a folder"


def test_a_home_folder_that_cannot_hold_the_cache(monkeypatch, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the home folder should be")
    monkeypatch.setenv("HOME", str(blocked))
    monkeypatch.delenv("XDG_CACHE_HOME")
    with pytest.raises(OSError, match=r"as the MNIST cache .*pass cache_dir=\.\.\. .*or set the environment variable "
                                      "XDG_CACHE_HOME"):
        nnbook.load_mnist("test", progress=False, files=table_for(sample_payloads()))


def test_a_cache_that_cannot_be_written(server, cache, monkeypatch):
    # Running as root, a read-only folder is still writable, so the refusal is simulated where it happens.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))
    monkeypatch.setattr(mnist.tempfile, "NamedTemporaryFile", refuse)
    payloads = sample_payloads()
    with pytest.raises(OSError, match=rf"cannot use {re.escape(str(cache))} as the MNIST cache \(Permission denied\)"):
        nnbook.load_mnist("test", cache, mirrors=[serve(server, payloads)], progress=False, files=table_for(payloads))
    assert server.requests == [], "no download is started when there is nowhere to put it"


def test_a_folder_in_the_way_of_a_cached_file(server, cache):
    (cache / "t10k-images-idx3-ubyte.gz").mkdir(parents=True)
    payloads = sample_payloads()
    with pytest.raises(OSError) as caught:
        nnbook.load_mnist("test", cache, mirrors=[serve(server, payloads)], progress=False, files=table_for(payloads))
    message = str(caught.value)
    assert "t10k-images-idx3-ubyte.gz is in the way" in message and "not a folder" in message
    assert "network connection" not in message and not isinstance(caught.value, DownloadError)
    assert (cache / "t10k-images-idx3-ubyte.gz").is_dir(), "the folder is the user's: it stays"


def test_an_empty_cache_dir_is_refused(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="cache_dir is empty"):
        nnbook.load_mnist("test", "", progress=False)
    assert files_in(tmp_path) == []


def test_a_cached_file_that_cannot_be_read(cache, monkeypatch):
    cache.mkdir()
    (cache / "t10k-images-idx3-ubyte.gz").write_bytes(b"cached")

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(mnist, "_sha256", refuse)  # as root every file is readable, so simulate the refusal
    with pytest.raises(OSError, match=rf"cannot use {re.escape(str(cache))} as the MNIST cache \(Permission denied\)"):
        nnbook.load_mnist("test", cache, progress=False, files=table_for(sample_payloads()))
    assert (cache / "t10k-images-idx3-ubyte.gz").read_bytes() == b"cached"


# --- in Dutch ----------------------------------------------------------------------------

def test_the_messages_a_learner_meets_speak_dutch_after_set_language(server, cache, tmp_path, capsys):
    port = server.server_address[1]
    payloads = sample_payloads()
    nnbook.set_language("nl")
    try:
        with pytest.raises(DownloadError) as caught:
            nnbook.load_mnist("train", cache, mirrors=[f"http://127.0.0.1:{port}/a/"], progress=False,
                              files=table_for(payloads))
        message = str(caught.value)
        assert message.startswith("kon train-images-idx3-ubyte.gz niet downloaden (verwacht: ")
        assert "train-images-idx3-ubyte.gz: HTTP-fout 404 (Not Found)" in message
        assert "Controleer je internetverbinding" in message
        with pytest.raises(ValueError, match="mirrors is leeg; geef minstens één adres"):
            nnbook.load_mnist("test", cache, mirrors=[])
        nnbook.load_mnist("test", tmp_path / "loud", mirrors=[serve(server, payloads)], progress=True,
                          files=table_for(payloads))
        assert re.search(r"\rt10k-labels-idx1-ubyte\.gz: [0-9.]+ van [0-9.]+ kB \(100%\)\n", capsys.readouterr().err)
    finally:
        nnbook.set_language("en")
