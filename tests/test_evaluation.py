"""nnbook.evaluation: accuracy, mistakes and the confusion table, as numbers, text and pictures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from nnbook import evaluation
from nnbook.figures import HIGHLIGHT

LABELS = np.array([7, 7, 1, 4, 4, 4, 0, 9])
SAID = np.array([7, 1, 1, 9, 9, 4, 0, 4])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_accuracy_is_the_share_of_matches():
    assert evaluation.accuracy(SAID, LABELS) == 4 / 8
    assert evaluation.accuracy([3], [3]) == 1.0
    assert evaluation.accuracy([5], [3]) == 0.0


def test_mistakes_are_the_positions_that_differ_in_order():
    np.testing.assert_array_equal(evaluation.mistakes(LABELS, SAID), [1, 3, 4, 7])


def test_confusion_table_counts_every_written_said_pair():
    table = evaluation.confusion_table(LABELS, SAID)
    assert table.shape == (10, 10) and table.dtype == np.int64
    expected = np.zeros((10, 10), dtype=int)
    for written, said in zip(LABELS, SAID):
        expected[written, said] += 1
    np.testing.assert_array_equal(table, expected)
    assert table[4, 9] == 2 and table[9, 4] == 1
    assert table.sum() == len(LABELS) and np.trace(table) == 4


def test_confusion_table_rows_add_up_to_each_digits_count():
    rng = np.random.default_rng(0)
    labels, said = rng.integers(0, 10, 500), rng.integers(0, 10, 500)
    table = evaluation.confusion_table(labels, said)
    np.testing.assert_array_equal(table.sum(axis=1), np.bincount(labels, minlength=10))
    np.testing.assert_array_equal(table.sum(axis=0), np.bincount(said, minlength=10))
    assert np.trace(table) == np.sum(labels == said)


def test_most_confused_orders_by_count_then_digits_and_skips_the_diagonal():
    table = evaluation.confusion_table(LABELS, SAID)
    assert evaluation.most_confused(table) == [(4, 9, 2), (7, 1, 1), (9, 4, 1)]
    assert evaluation.most_confused(table, count=1) == [(4, 9, 2)]
    assert evaluation.most_confused(table, count=50) == [(4, 9, 2), (7, 1, 1), (9, 4, 1)]
    assert evaluation.most_confused(np.diag(np.arange(10))) == []


def test_format_table_brackets_the_diagonal_and_dots_the_empty_mistakes():
    text = evaluation.format_table(evaluation.confusion_table(LABELS, SAID))
    lines = text.splitlines()
    assert len(lines) == 13
    assert "the network said" in lines[0] and lines[0].startswith("written")
    assert lines[1].split("│")[1].split() == [str(d) for d in range(10)]
    row4 = lines[3 + 4].split("│")[1]
    assert row4.split() == ["·"] * 4 + ["[", "1]"] + ["·"] * 4 + ["2"]
    assert "[  1]" in row4
    assert all(line == line.rstrip() for line in lines)
    for row in range(10):
        assert lines[3 + row].split("│")[0].strip() == str(row)


def test_format_table_widens_for_big_counts():
    table = np.diag([12345] + [1] * 9)
    line = evaluation.format_table(table).splitlines()[3]
    assert "[12345]" in line


def test_show_confusion_colours_mistakes_only_and_writes_every_count():
    table = evaluation.confusion_table(LABELS, SAID)
    fig = evaluation.show_confusion(table, title="t")
    ax = fig.axes[0]
    picture = ax.images[0]
    shown = np.asarray(picture.get_array())
    np.testing.assert_array_equal(np.diag(shown), np.zeros(10))
    assert shown[4, 9] == 2 and shown[7, 1] == 1
    assert picture.get_clim() == (0, 2)
    assert to_rgba(picture.get_cmap()(1.0)) == to_rgba(HIGHLIGHT)
    assert to_rgba(picture.get_cmap()(0.0)) == to_rgba("white")
    texts = {(t.get_position(), t.get_text()) for t in ax.texts}
    assert ((9, 4), "2") in texts and ((1, 7), "1") in texts
    assert len(ax.texts) == 10 + np.count_nonzero(table - np.diag(np.diag(table)))
    diagonal = [t.get_text() for t in ax.texts if t.get_position()[0] == t.get_position()[1]]
    assert diagonal == [str(table[d, d]) for d in range(10)]
    assert ax.get_ylabel() == "the digit written" and ax.get_xlabel() == "the digit the network said"
    assert ax.get_title() == "t"


def test_show_mistakes_titles_each_image_written_and_said():
    rng = np.random.default_rng(1)
    images = rng.random((3, 28, 28))
    fig = evaluation.show_mistakes(images, [4, 7, 9], [9, 1, 4], ncols=2)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 3 and len(fig.axes) == 4
    np.testing.assert_array_equal(shown[1].images[0].get_array(), images[1])
    assert shown[1].images[0].get_clim() == (0.0, 1.0)
    titles = [(ax.get_title("center"), ax.get_title("right")) for ax in shown]
    assert titles == [("4 → ", "9"), ("7 → ", "1"), ("9 → ", "4")]
    assert to_rgba(shown[0].title.get_color()) != to_rgba(HIGHLIGHT)
    assert to_rgba(shown[0]._right_title.get_color()) == to_rgba(HIGHLIGHT)


@pytest.mark.parametrize("call, error, message", [
    (lambda: evaluation.accuracy([1], [1, 2]), ValueError, "2 labels and 1 predictions"),
    (lambda: evaluation.accuracy([1, 2], [1.5, 2.0]), ValueError,
     r"labels must hold whole numbers 0-9; labels\[0\] is 1.5"),
    (lambda: evaluation.accuracy([True, False], [1, 2]), TypeError, "predictions must hold whole numbers"),
    (lambda: evaluation.accuracy([1, 2], [1, 10]), ValueError, r"labels must hold the digits 0-9; labels\[1\] is 10"),
    (lambda: evaluation.accuracy([1, 2], [-1, 2]), ValueError, "digits 0-9"),
    (lambda: evaluation.accuracy([], []), ValueError, "labels must not be empty"),
    (lambda: evaluation.accuracy([[1, 2]], [[1, 2]]), ValueError, r"flat.*shape \(1, 2\)"),
    (lambda: evaluation.accuracy([7], 7), TypeError, "single number 7"),
    (lambda: evaluation.accuracy([1, 7], "17"), TypeError, "labels must be a list or 1-D array of whole numbers 0-9"),
    (lambda: evaluation.confusion_table(None, [1]), TypeError, "labels must be a list or 1-D array"),
    (lambda: evaluation.mistakes([1, 2, 3], [1, 2]), ValueError, "one entry per image"),
    (lambda: evaluation.format_table(np.ones((9, 10))), ValueError, r"10×10.*\(9, 10\)"),
    (lambda: evaluation.format_table(np.full((10, 10), -1)), ValueError, "whole numbers of 0 or more"),
    (lambda: evaluation.format_table(np.full((10, 10), 0.5)), ValueError, "whole numbers of 0 or more"),
    (lambda: evaluation.format_table(np.full((10, 10), np.nan)), ValueError, "whole numbers of 0 or more"),
    (lambda: evaluation.format_table("table"), TypeError, "10×10 array of counts"),
    (lambda: evaluation.show_confusion(np.ones((10, 10), dtype=bool)), TypeError, "10×10 array of counts"),
    (lambda: evaluation.most_confused(np.ones((10, 10), dtype=int), count=0), ValueError, "count must be positive"),
    (lambda: evaluation.most_confused(np.ones((10, 10), dtype=int), count=1.5), TypeError,
     "count must be a whole number"),
    (lambda: evaluation.show_mistakes(np.zeros((2, 28, 28)), [1, 2, 3], [3, 2, 1]), ValueError, "3 images"),
    (lambda: evaluation.show_mistakes(np.zeros((1, 28, 28)) + 2, [1], [3]), ValueError, r"grey values in \[0, 1\]"),
    (lambda: evaluation.show_mistakes(np.zeros((1, 28, 28)), [1], [3], ncols=0), ValueError, "ncols must be positive"),
])
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_inputs_are_not_changed():
    labels, said = LABELS.copy(), SAID.copy()
    evaluation.confusion_table(labels, said)
    evaluation.mistakes(labels, said)
    np.testing.assert_array_equal(labels, LABELS)
    np.testing.assert_array_equal(said, SAID)


def test_whole_numbers_stored_as_floats_count_as_digits():
    # The same rule as nnbook.train: 3.0 is the digit 3; 2.5 is an error (see above).
    assert evaluation.accuracy([1, 2, 3], [1.0, 2.0, 7.0]) == evaluation.accuracy([1, 2, 3], [1, 2, 7])


def test_accuracy_takes_the_labels_last_like_network_accuracy():
    assert evaluation.accuracy(predictions=[1, 2, 3], labels=[1, 2, 7]) == 2 / 3
    with pytest.raises(ValueError, match=r"labels must hold the digits 0-9; labels\[0\] is 12"):
        evaluation.accuracy([1], [12])


@pytest.mark.parametrize("value", [1e30, 2.0**63, 2.0**53])
def test_format_table_refuses_counts_too_large_to_be_counts(value):
    with pytest.raises(ValueError, match="far too many"):
        evaluation.format_table(np.full((10, 10), value))


def test_show_mistakes_checks_images_like_every_other_function():
    with pytest.raises(TypeError, match="images must be a number or an array of numbers"):
        evaluation.show_mistakes("abc", [1], [2])
    with pytest.raises(ValueError, match=r"images must hold grey values in \[0, 1\].*divide 0-255 bytes by 255"):
        evaluation.show_mistakes(np.full((1, 28, 28), 255.0), [1], [2])


def test_show_first_mistakes_draws_only_the_first_mistakes_in_order():
    rng = np.random.default_rng(2)
    images = rng.random((8, 784))
    fig = evaluation.show_first_mistakes(images, LABELS, SAID, count=3)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 3  # mistakes at positions 1, 3, 4 (and 7, left out)
    for ax, position in zip(shown, [1, 3, 4]):
        np.testing.assert_array_equal(ax.images[0].get_array(), images[position].reshape(28, 28))
        assert (ax.get_title("center"), ax.get_title("right")) == (f"{LABELS[position]} → ", f"{SAID[position]}")
    assert fig._suptitle.get_text() == "the first 3 mistakes: written → what the network said"


def test_show_first_mistakes_shows_all_when_there_are_fewer_than_asked():
    fig = evaluation.show_first_mistakes(np.zeros((8, 28, 28)), LABELS, SAID, title="t")
    assert len([ax for ax in fig.axes if ax.images]) == 4
    assert fig._suptitle.get_text() == "t"


@pytest.mark.parametrize("call, error, message", [
    (lambda: evaluation.show_first_mistakes(np.zeros((3, 28, 28)), [1, 2, 3], [1, 2, 3]), ValueError,
     "no mistake to show"),
    (lambda: evaluation.show_first_mistakes(np.zeros((2, 28, 28)), [1, 2, 3], [3, 2, 1]), ValueError,
     r"3 images.*\(2, 28, 28\)"),
    (lambda: evaluation.show_first_mistakes(np.zeros((3, 28, 28)), [1, 2, 3], [3, 2, 1], count=0), ValueError,
     "count must be positive"),
    (lambda: evaluation.show_first_mistakes(np.zeros((3, 28, 28)), [1, 2, 3], [3, 2]), ValueError,
     "one entry per image"),
    (lambda: evaluation.show_first_mistakes(np.full((3, 28, 28), 255.0), [1, 2, 3], [3, 2, 1]), ValueError,
     r"grey values in \[0, 1\]"),
])
def test_show_first_mistakes_refuses_bad_input_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_show_answers_titles_each_digit_with_what_was_said_wrong_ones_orange(test_digits, pretrained_net):
    images, labels = test_digits
    said = pretrained_net.predict(images)
    fig = evaluation.show_answers(images, labels, said, count=40)
    assert len(fig.axes) == 40
    for i, ax in enumerate(fig.axes):
        title = ax.title
        assert title.get_text() == f"says {said[i]}"
        wrong = said[i] != labels[i]
        assert (to_rgba(title.get_color()) == to_rgba(HIGHLIGHT)) == wrong
        assert (title.get_fontweight() == "bold") == wrong
        np.testing.assert_array_equal(ax.images[0].get_array(), images[i])
    assert any(said[:40] != labels[:40])
    assert len(evaluation.show_answers(images[:3], labels[:3], said[:3]).axes) == 3  # fewer images than asked
    with pytest.raises(ValueError, match="one entry per image each"):
        evaluation.show_answers(images, labels, said[:5])


def test_show_answer_puts_the_digit_beside_the_networks_ten_outputs(test_digits, pretrained_net):
    images, labels = test_digits
    fig = evaluation.show_answer(pretrained_net, images[0], labels[0])
    digit_ax, bars_ax = fig.axes
    assert digit_ax.get_title() == f"a {labels[0]}"
    np.testing.assert_allclose([bar.get_height() for bar in bars_ax.patches], pretrained_net.forward(images[0]))
    assert evaluation.show_answer(pretrained_net, images[0], title="mine").axes[0].get_title() == "mine"
    with pytest.raises(TypeError, match="network must be an nnbook.Network"):
        evaluation.show_answer("network", images[0])
    with pytest.raises(ValueError, match="image must be one image, got 2"):
        evaluation.show_answer(pretrained_net, images[:2])


def test_mistake_explorer_slides_through_the_mistakes(test_digits, pretrained_net):
    images, labels = test_digits
    wrong = evaluation.mistakes(labels, pretrained_net.predict(images))
    explorer = evaluation.mistake_explorer(pretrained_net, images, labels, wrong)
    slider = explorer.children[0]
    assert (slider.value, slider.min, slider.max, slider.description) == (0, 0, len(wrong) - 1, "mistake no.")
    plt.close("all")
    slider.value = 3
    i = int(wrong[3])
    titles = [fig.axes[0].get_title() for fig in map(plt.figure, plt.get_fignums())]
    assert f"test digit {i}: a {labels[i]}" in titles
    with pytest.raises(ValueError, match="positions from 0 to 1999"):
        evaluation.mistake_explorer(pretrained_net, images, labels, [5000])
    with pytest.raises(ValueError, match="non-empty list of positions"):
        evaluation.mistake_explorer(pretrained_net, images, labels, [])


def test_show_learning_curve_draws_training_grey_and_test_orange_from_80_percent(test_digits, train_digits):
    import nnbook
    from nnbook.figures import NEUTRAL

    images, labels = train_digits
    net = nnbook.Network(seed=0)
    history = nnbook.train(net, images[:1000], labels[:1000], epochs=2, batch_size=10, learning_rate=1.0, seed=0,
                           test=test_digits, progress=False)
    ax = evaluation.show_learning_curve(history).axes[0]
    train_line, test_line = ax.lines
    np.testing.assert_array_equal(train_line.get_ydata(), history.train_accuracy)
    np.testing.assert_array_equal(test_line.get_ydata(), history.test_accuracy)
    assert to_rgba(train_line.get_color()) == to_rgba(NEUTRAL) and to_rgba(test_line.get_color()) == to_rgba(HIGHLIGHT)
    low = min(0.8, min(history.test_accuracy), min(history.train_accuracy))
    assert ax.get_ylim() == (low, 1.0)  # nothing cut off
    untested = nnbook.train(nnbook.Network(seed=0), images[:100], labels[:100], epochs=1, batch_size=10,
                            learning_rate=1.0, seed=0, progress=False)
    with pytest.raises(ValueError, match="trained with test="):
        evaluation.show_learning_curve(untested)
    with pytest.raises(TypeError, match="what nnbook.train returned"):
        evaluation.show_learning_curve([0.9, 0.95])


def test_the_table_and_figures_speak_dutch_after_set_language():
    import nnbook
    nnbook.set_language("nl")
    try:
        lines = evaluation.format_table(evaluation.confusion_table(LABELS, SAID)).splitlines()
        assert lines[0].startswith("geschreven │") and "het netwerk zei" in lines[0]
        assert len({line.index("│") if "│" in line else line.index("┼") for line in lines}) == 1, "columns line up"
        ax = evaluation.show_confusion(evaluation.confusion_table(LABELS, SAID)).axes[0]
        assert ax.get_ylabel() == "het geschreven cijfer"
    finally:
        nnbook.set_language("en")
        plt.close("all")
