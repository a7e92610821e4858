"""The shipped digits: shapes, ranges, the split, and checksum protection."""

import hashlib
import io
import pathlib
import zipfile

import numpy as np
import pytest

import nnbook
from nnbook import data


def test_split_sizes_types_and_ranges():
    train_images, train_labels = nnbook.load_digits("train")
    test_images, test_labels = nnbook.load_digits("test")
    assert train_images.shape == (8000, 28, 28) and test_images.shape == (2000, 28, 28)
    assert train_labels.shape == (8000,) and test_labels.shape == (2000,)
    for images in (train_images, test_images):
        assert images.dtype == np.float64 and images.min() == 0.0 and images.max() == 1.0
    for labels in (train_labels, test_labels):
        assert labels.dtype == np.int64
        assert set(np.unique(labels)) == set(range(10))


def test_split_is_stratified_and_disjoint():
    train_images, train_labels = nnbook.load_digits("train")
    test_images, test_labels = nnbook.load_digits("test")
    train_counts, test_counts = np.bincount(train_labels), np.bincount(test_labels)
    np.testing.assert_allclose(test_counts / (train_counts + test_counts), 0.2, atol=0.002)

    def as_bytes(images):
        return {np.rint(im * 255).astype(np.uint8).tobytes() for im in images}

    assert not as_bytes(train_images) & as_bytes(test_images)


def test_pixels_are_whole_bytes_over_255():
    images, _ = nnbook.load_digits("test")
    np.testing.assert_allclose(images * 255, np.rint(images * 255), atol=1e-9)


def test_each_call_returns_fresh_arrays():
    images, labels = nnbook.load_digits("test")
    images[0] = 0.5
    labels[0] = 99
    again, again_labels = nnbook.load_digits("test")
    assert again[0].max() != 0.5 or again[0].min() != 0.5
    assert again_labels[0] != 99


@pytest.mark.parametrize(("split", "error"), [("validation", ValueError), ("Train", ValueError), (1, TypeError)])
def test_unknown_split(split, error):
    with pytest.raises(error, match="split"):
        nnbook.load_digits(split)


def test_recorded_checksum_matches_the_file():
    content = data.data_file(data.DIGITS_FILE).read_bytes()
    assert hashlib.sha256(content).hexdigest() == data.DIGITS_SHA256


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """Point nnbook at a temporary copy of its data folder, never touching the real one."""
    (tmp_path / data.DIGITS_FILE).write_bytes(data.data_file(data.DIGITS_FILE).read_bytes())
    monkeypatch.setattr(data, "DATA_FILES", tmp_path)
    data._digit_arrays.cache_clear()
    yield tmp_path
    data._digit_arrays.cache_clear()


def test_missing_file_names_file_and_remedy(data_copy):
    (data_copy / data.DIGITS_FILE).unlink()
    remedy = r"digits\.npz is missing.*git checkout -- nnbook/data/digits\.npz.*pip install --force-reinstall"
    with pytest.raises(data.DataFileError, match=remedy):
        nnbook.load_digits()


def test_corrupt_file_names_checksums_and_remedy(data_copy):
    path = data_copy / data.DIGITS_FILE
    content = bytearray(path.read_bytes())
    content[1000] ^= 0xFF
    path.write_bytes(bytes(content))
    expected = rf"corrupt or changed: its SHA-256 is [0-9a-f]{{64}}, expected {data.DIGITS_SHA256}"
    with pytest.raises(data.DataFileError, match=expected):
        nnbook.load_digits("test")


def test_no_allow_pickle_true_anywhere_in_the_project():
    root = pathlib.Path(__file__).resolve().parent.parent
    offenders = [
        str(path.relative_to(root))
        for folder in ("nnbook", "scripts", "benchmarks")
        for path in (root / folder).rglob("*.py")
        if "allow_pickle=True" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_folder_in_place_of_the_file_is_named(data_copy):
    (data_copy / data.DIGITS_FILE).unlink()
    (data_copy / data.DIGITS_FILE).mkdir()
    with pytest.raises(data.DataFileError, match=r"digits\.npz is a folder, but nnbook expects a file there"):
        nnbook.load_digits()


def test_write_npz_rebuilds_the_shipped_digits_byte_for_byte(tmp_path):
    # scripts/build_digits.py writes digits.npz with write_npz; the same arrays must give the same bytes.
    shipped = data.data_file(data.DIGITS_FILE).read_bytes()
    with np.load(io.BytesIO(shipped), allow_pickle=False) as stored:
        arrays = {key: stored[key] for key in stored.files}
    path = data.write_npz(tmp_path / "digits.npz", arrays)
    assert path.read_bytes() == shipped
    assert [p.name for p in tmp_path.iterdir()] == ["digits.npz"], "no temporary file is left behind"


def test_npz_arrays_reads_back_what_npz_bytes_writes():
    arrays = {"a": np.arange(6).reshape(2, 3), "b": np.array("relu"), "c": np.linspace(0, 1, 4, dtype=np.float32)}
    back = data.npz_arrays(data.npz_bytes(arrays))
    assert list(back) == ["a", "b", "c"]
    for key, array in arrays.items():
        assert back[key].dtype == array.dtype and np.array_equal(back[key], array)


@pytest.mark.parametrize(("path", "error", "message"), [
    (None, TypeError, "path must be a file path"),
    ("", ValueError, "path is empty"),
    ("digits.zip", ValueError, r"path must end in \.npz, got 'digits\.zip'"),
])
def test_write_npz_checks_its_path(path, error, message):
    with pytest.raises(error, match=message):
        data.write_npz(path, {"a": np.zeros(2)})


def test_the_data_is_read_through_the_import_system_so_a_zipped_package_works_too(tmp_path, monkeypatch):
    # A wheel put on sys.path is imported straight from the zip; importlib.resources then hands out
    # zipfile.Path objects, not files on disk. The same must load, checked, from there.
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("nnbook/data/digits.npz", data.data_file(data.DIGITS_FILE).read_bytes())
    monkeypatch.setattr(data, "DATA_FILES", zipfile.Path(archive, "nnbook/data/"))
    data._digit_arrays.cache_clear()
    try:
        images, labels = nnbook.load_digits("test")
        assert images.shape == (2000, 28, 28) and labels.shape == (2000,)
        with pytest.raises(data.DataFileError, match=r"package\.zip/nnbook/data/pretrained\.npz is missing"):
            with data.verified_file("pretrained.npz", "0" * 64):
                pass
    finally:
        data._digit_arrays.cache_clear()


def test_the_data_errors_speak_dutch_after_set_language(tmp_path):
    nnbook.set_language("nl")
    try:
        with pytest.raises(ValueError, match="moet eindigen op .npz"):
            data.npz_path(tmp_path / "weights.txt")
        with pytest.raises(ValueError, match="het is leeg"):
            data.npz_arrays(b"")
        assert "git checkout -- nnbook/data/digits.npz" in data.restore_hint("digits.npz")
        assert data.restore_hint("digits.npz").startswith("Heb je de nnbook-repository gekloond?")
    finally:
        nnbook.set_language("en")
