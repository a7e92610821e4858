"""The numbers behind notebook 07's figures, and its functions against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
claims is checked here, with the notebook's own code where it defines some.
"""

import ast
import contextlib
import io
import re

import numpy as np
import pytest

import nnbook
from nnbook import timing
from nnbook.check import n07_matrices
from notebook_code import code_cells, defined_in_notebook, load_notebook, numbers_in_text

BIAS = -5.0  # the notebook's bias for its 16 hand-made neurons


@pytest.fixture(scope="module")
def square_neuron():
    return defined_in_notebook("07", "square_neuron")


@pytest.fixture(scope="module")
def W(square_neuron):
    return np.array([square_neuron(k) for k in range(16)])


@pytest.fixture(scope="module")
def flat_test_digits(test_digits):
    """The test digits with each image flattened to 784 pixels, as the notebook's matrices take them."""
    images, labels = test_digits
    return images.reshape(len(images), 784), labels


def test_the_16_squares_tile_the_middle_of_the_image_without_overlap(W):
    assert W.shape == (16, 784)
    assert set(np.unique(W)) == {0.0, 1.0}
    assert (W.sum(axis=1) == 25).all()  # 5 × 5 pixels each
    coverage = W.sum(axis=0).reshape(28, 28)
    assert (coverage[4:24, 4:24] == 1).all()  # every pixel of the middle 20 × 20 exactly once
    assert coverage.sum() == 400


def test_neuron_k_sits_at_row_k_div_4_and_column_k_mod_4(W):
    for k in range(16):
        rows, cols = np.nonzero(W[k].reshape(28, 28))
        assert (rows.min(), cols.min()) == (4 + 5 * (k // 4), 4 + 5 * (k % 4))


def test_neighbouring_rows_are_the_same_dashes_5_pixels_apart(W):
    # "The rows just above and below belong to the neighbouring squares, 5 pixels further left or right."
    np.testing.assert_array_equal(np.roll(W[5], -5), W[4])
    np.testing.assert_array_equal(np.roll(W[5], 5), W[6])
    # "5 short blue dashes, 28 places apart"
    columns = np.flatnonzero(W[5])
    starts = columns[::5]
    assert len(columns) == 25 and np.all(np.diff(starts) == 28)
    # "Each short dash is one row of the square: 5 neighbouring pixels in the flattened list"
    (dash,) = numbers_in_text("07", r"Each short dash is one row of the square: (\d+) neighbouring pixels")
    dashes = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1)
    assert [len(d) for d in dashes] == [dash] * 5 and dash == timing.SQUARE
    assert all(np.all(np.diff(d) == 1) for d in dashes)


def test_a_weighted_sum_is_the_ink_in_that_square(W, flat_test_digits):
    images, _ = flat_test_digits
    blocks = images.reshape(-1, 28, 28)[:, 4:24, 4:24].reshape(-1, 4, 5, 4, 5).sum(axis=(2, 4))
    np.testing.assert_allclose(images @ W.T, blocks.reshape(-1, 16), rtol=1e-12)


def test_matrix_product_equals_16_weighted_sums_for_every_test_image(W, flat_test_digits):
    images, _ = flat_test_digits
    b = np.full(16, BIAS)
    for a0 in images[::200]:
        one_by_one = np.array([nnbook.sigmoid(nnbook.weighted_sum(W[k], a0, b[k])) for k in range(16)])
        np.testing.assert_allclose(nnbook.sigmoid(W @ a0 + b), one_by_one, rtol=1e-12)
    A1 = nnbook.sigmoid(images @ W.T + b)
    np.testing.assert_allclose(A1[7], nnbook.sigmoid(W @ images[7] + b), rtol=1e-12)


def test_the_small_batch_example_gives_one_row_per_image():
    W_small = defined_in_notebook("07", "W_small")
    a_small = defined_in_notebook("07", "a_small")
    A_small = defined_in_notebook("07", "A_small", {"W_small": W_small})
    assert W_small.shape == (2, 3) and W_small.T.shape == (3, 2)
    np.testing.assert_array_equal(A_small[0], a_small)  # "the first is a_small from before"
    result = A_small @ W_small.T
    np.testing.assert_allclose(result[0], [0.25, 2.0])  # "the [0.25 2.] you checked by hand"
    for row, image in zip(result, A_small):
        np.testing.assert_allclose(row, W_small @ image)


def bright(W, image):
    """Which of the 16 neurons are on (above 0.5), as a 4 × 4 grid."""
    return (nnbook.sigmoid(W @ image + BIAS) > 0.5).reshape(4, 4)


def first_of(labels, digit):
    return int(np.flatnonzero(labels == digit)[0])


def test_what_the_text_says_about_the_ten_examples(W, flat_test_digits):
    images, labels = flat_test_digits
    zero = bright(W, images[first_of(labels, 0)])
    assert zero.sum() >= 10 and not zero[2, 1:3].any()  # "most squares, with dark ones in its middle"
    one = bright(W, images[first_of(labels, 1)])
    assert one[:, 1:3].sum() == one.sum() >= 3  # a line down the middle two columns
    eight = bright(W, images[first_of(labels, 8)])
    nine = bright(W, images[first_of(labels, 9)])
    assert (eight != nine).sum() <= 2  # "almost the same"


def test_the_three_timed_forward_passes_give_the_same_outputs(flat_test_digits):
    images, _ = flat_test_digits
    network = nnbook.Network(sizes=(784, 16, 16, 10), seed=0)
    some = images[:50]
    matrix = timing.forward_matrix(network, some)
    np.testing.assert_allclose(timing.forward_per_neuron(network, some), matrix, rtol=1e-12)
    np.testing.assert_allclose(timing.forward_per_sample(network, some), matrix, rtol=1e-12)
    assert set(timing.time_forward_passes(network, some[:5], repeats=1)) == {"per neuron", "per sample", "matrix"}


def test_the_weight_matrices_drawn_to_scale_hold_12960_weights(pretrained_net):
    # "12,544 of the network's 12,960 weights sit between the pixels and the first hidden layer"
    first, total = numbers_in_text("07", r"([\d,]+) of the network's ([\d,]+) weights sit between the pixels")
    sizes = [W.size for W in pretrained_net.weights]
    assert sizes == [12_544, 256, 160] == [W.size for W in nnbook.Network(seed=0).weights]
    assert (sizes[0], sum(sizes)) == (first, total)
    (parameters,) = numbers_in_text("07", r"with all its ([\d,]+) parameters")
    assert pretrained_net.n_parameters == parameters


@pytest.mark.parametrize("sizes, seed", [((784, 16, 16, 10), 0), ((784, 16, 16, 10), 5), ((784, 30, 10), 1),
                                         ((784, 8, 8, 8, 8, 10), 2)])
def test_the_notebooks_network_function_agrees_with_network_forward(sizes, seed, flat_test_digits):
    network_function = defined_in_notebook("07", "network_function", {"nnbook": nnbook})
    network = nnbook.Network(sizes=sizes, seed=seed)
    images, _ = flat_test_digits
    for a in images[:20]:
        np.testing.assert_allclose(network_function(a, network.weights, network.biases), network.forward(a),
                                   rtol=1e-12)


def test_the_network_function_is_four_lines():
    cell = next(source for source in code_cells("07") if source.startswith("def network_function("))
    assert len(cell.strip().splitlines()) == 4


# The core --------------------------------------------------------------------------------------

def cell_defining(name):
    """The source of the first code cell that assigns ``name`` (the extensions' setup cell assigns the core's again)."""
    return [source for source in code_cells("07") if f"\n{name} = " in f"\n{source}"][0]


def run_cell(source, **names):
    """Run one cell of the notebook with ``names`` from earlier cells; return its names and what it printed."""
    scope = {"np": np, "nnbook": nnbook, **names}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(source, "<notebook 07>", "exec"), scope)
    return scope, printed.getvalue()


@pytest.fixture(scope="module")
def core_layer(test_digits):
    """The names the core's layer cell defines (a0, b, a1), and what it printed."""
    images, _ = test_digits
    return run_cell(cell_defining("a1"), test_images=images, W=timing.square_neurons())


def test_the_notebooks_square_neuron_is_the_twin_of_timings(square_neuron, W):
    for k in range(16):
        np.testing.assert_array_equal(square_neuron(k), timing.square_neuron(k))
    np.testing.assert_array_equal(W, timing.square_neurons())


def test_the_core_layer_is_the_first_test_image_with_bias_minus_5(core_layer, test_digits):
    images, labels = test_digits
    scope, _ = core_layer
    (digit,) = numbers_in_text("07", r"a0 is the first test image, a (\d),")
    assert labels[0] == digit
    np.testing.assert_array_equal(scope["a0"], images[0].reshape(784))
    (bias,) = numbers_in_text("07", r"every bias is -(\d+)")
    np.testing.assert_array_equal(scope["b"], np.full(16, -bias))
    assert timing.SQUARE_BIAS == -bias


def test_neuron_3_on_its_own_is_place_3_of_the_layer(core_layer):
    scope, printed = core_layer
    W, a0, b, a1 = timing.square_neurons(), scope["a0"], scope["b"], scope["a1"]
    alone = nnbook.sigmoid(np.sum(W[3] * a0) + b[3])
    assert alone == pytest.approx(a1[3], rel=1e-12)
    assert 0.1 < a1[3] < 0.9  # a value in between, so the two printed numbers say something
    assert f"neuron 3 on its own: {round(alone, 2)} - in a(1): {round(a1[3], 2)}" in printed


def test_the_network_as_three_lines_gives_networks_forward(core_layer, pretrained_net):
    scope, _ = core_layer
    source = cell_defining("outputs")
    assert source.count("@") == 3  # one matrix product per layer, no loop
    network_scope, _ = run_cell(source, a0=scope["a0"])
    np.testing.assert_allclose(network_scope["outputs"], pretrained_net.forward(scope["a0"]), rtol=1e-12)
    # "for this 6 the largest is output 6" (the core asks "Which output is largest?")
    digit, output = numbers_in_text("07", r"for this (\d) the largest is output (\d)")
    assert np.argmax(network_scope["outputs"]) == output == digit


def test_the_shape_exercise_gives_the_real_shapes_of_w1_and_w2(pretrained_net):
    numbers = numbers_in_text("07", r"W\(1\) is \((\d+), (\d+)\), W\(2\) is \((\d+), (\d+)\)")
    assert [pretrained_net.weights[0].shape, pretrained_net.weights[1].shape] == [numbers[:2], numbers[2:]]
    stub = cell_defining("my_shapes")
    assert "[(16, 784), (16, 16), ...]" in stub


def test_the_neuron_3_choices_in_the_text_are_the_ones_the_judge_explains():
    text = " ".join(markdown for markdown in _markdown_core())
    assert "**A**: row 3, `W[3]`: 784 numbers" in text
    assert "**B**: column 3: 16 numbers" in text
    assert "**C**: the single number `W[3, 3]`" in text
    assert n07_matrices.NEURON_ROW_CHOICES == ("A", "B", "C")
    W = timing.square_neurons()
    assert W[3].shape == (784,) and W[:, 3].shape == (16,) and np.ndim(W[3, 3]) == 0


def _cells():
    return load_notebook("07")["cells"]


def _is_extension(cell):
    return "extension" in cell.get("metadata", {}).get("tags", [])


def _markdown_core():
    return ["".join(c["source"]) for c in _cells() if c["cell_type"] == "markdown" and not _is_extension(c)]


def test_the_core_teaches_the_matrix_product_in_words_before_its_first_use():
    assert load_notebook("07")["metadata"]["nnbook"]["core_teaches"] == ["MatMult"]
    core = [cell for cell in _cells() if not _is_extension(cell) and cell.get("id") != "colab-install"]
    first_use = next(i for i, cell in enumerate(core) if cell["cell_type"] == "code"
                     and any(isinstance(node, ast.MatMult) for node in ast.walk(ast.parse("".join(cell["source"])))))
    explained = [i for i, cell in enumerate(core) if cell["cell_type"] == "markdown"
                 and "`@` is **matrix times vector**" in "".join(cell["source"])]
    assert explained and explained[0] < first_use
    vector = "(a *vector* is an array of numbers in one row, such as the image a0 below)"
    assert vector in "".join(core[explained[0]]["source"])


# The extensions ----------------------------------------------------------------------------------

def _sections():
    """The core's code, and each Going further section's code, as lists of sources."""
    core, sections = [], []
    for cell in _cells():
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## Going further"):
            sections.append((source.splitlines()[0], []))
        elif cell["cell_type"] == "code" and cell.get("id") != "colab-install":
            (sections[-1][1] if sections else core).append(source)
    return core, sections


def test_there_are_six_going_further_sections():
    # That each stands on its own after the setup cell: test_core_path.py.
    assert len(_sections()[1]) == 6


def test_the_extensions_setup_remakes_the_cores_layer(test_digits):
    cells = _cells()
    first = next(i for i, cell in enumerate(cells) if _is_extension(cell))
    setup = cells[first + 1]
    images, _ = test_digits
    core, _ = run_cell(cell_defining("a1"), test_images=images, W=timing.square_neurons())
    scope, printed = run_cell("".join(setup["source"]))
    assert printed == ""
    for name in ("W", "a0", "b", "a1"):
        np.testing.assert_array_equal(scope[name], core[name])


def test_the_grid_position_text_and_code_use_floor_division_and_remainder_as_explained(square_neuron):
    # "6 // 4 is 1 and 6 % 4 is 2, because 6 = 1 × 4 + 2. So square 6 is in row 1, column 2."
    number, divisor, row, remainder = numbers_in_text("07", r"(\d+) // (\d+) is (\d+) and \1 % \2 is (\d+)")
    assert (number // divisor, number % divisor) == (row, remainder)
    square, square_row, square_col = numbers_in_text("07", r"So square (\d+) is in row (\d+), column (\d+)")
    rows, cols = np.nonzero(square_neuron(int(square)).reshape(28, 28))
    assert (rows.min(), cols.min()) == (4 + 5 * square_row, 4 + 5 * square_col)
    source = next(s for s in code_cells("07") if s.startswith("def square_neuron("))
    assert "k // 4" in source and "k % 4" in source and "divmod" not in source


def test_the_speed_text_names_the_network_the_code_makes():
    text = " ".join(" ".join(md.split()) for md in _markdown_extensions())
    call = "nnbook.Network(sizes=(784, 16, 16, 10), seed=0)"
    assert f"`{call}`" in text
    [cell] = [source for source in code_cells("07") if "time_forward_passes" in source]
    assert f"untrained = {call}" in cell and "repeats=3" in cell
    (runs,) = numbers_in_text("07", r"The cell runs each way (\d+) times")
    assert runs == 3
    assert "a few seconds" not in text


def test_the_core_widget_steps_the_trained_network_through_the_cores_6(test_digits):
    from nnbook.widgets import ForwardPassStepper

    cells = [cell for cell in _cells() if not _is_extension(cell)]
    [widget] = [cell for cell in cells if "ForwardPassStepper(" in "".join(cell["source"])]
    assert "nbval-ignore-output" in widget["metadata"]["tags"]
    assert "".join(widget["source"]).startswith("ForwardPassStepper(nnbook.pretrained(), digit=0)")
    assert not any("layer_explorer" in "".join(cell["source"]) for cell in _cells())
    stepper = ForwardPassStepper(nnbook.pretrained(), digit=0)
    (digit,) = numbers_in_text("07", r"The trained network reads the same (\d), step by step")
    assert stepper.label == test_digits[1][0] == digit
    np.testing.assert_array_equal(stepper.image, test_digits[0][0])
    # "Then jump to the outputs": the stepper has a jump to that layer
    stepper.jump_to_layer(3)
    assert stepper.state.caption


def _markdown_extensions():
    return ["".join(c["source"]) for c in _cells() if c["cell_type"] == "markdown" and _is_extension(c)]


def test_extension_exercises_share_the_courses_naming_scheme():
    headings = [line for md in _markdown_extensions() for line in md.splitlines() if line.startswith("### Exercise")]
    assert len(headings) == 3
    for heading in headings:
        assert re.fullmatch(r"### Exercise: .+ \((easy|medium|challenge, optional)\)", heading), heading
    core = [line for md in _markdown_core() for line in md.splitlines() if line.startswith("### ")]
    assert [line.split(":")[0] for line in core if "Exercise" in line] == ["### Exercise 1", "### Exercise 2"]
    assert "Your turn" not in " ".join(_markdown_core())
