"""The self-checks of notebook 07: right answers pass, each typical mistake gets its own feedback."""

import numpy as np
import pytest

import nnbook
from checks import fails, passes, run_solution
from nnbook import check

# neuron_row (core) -------------------------------------------------------------

@pytest.mark.parametrize("answer", ["A", "a", " A ", "a\n"])
def test_neuron_row_accepts_row_3_in_any_case(answer):
    feedback = passes(check.neuron_row(answer))
    assert "784 weights" in feedback.message and "row" in feedback.message


@pytest.mark.parametrize("answer, phrases", [
    ("B", ["column 3 is tempting", "16 weights that pixel 3 sends", "784 numbers"]),
    ("c", ["single weight", "from pixel 3 to neuron 3", "784 numbers"]),
])
def test_neuron_row_explains_each_wrong_choice(answer, phrases):
    fails(check.neuron_row(answer), *phrases)


def test_neuron_row_wrong_choices_get_different_explanations():
    assert check.neuron_row("B").message != check.neuron_row("C").message


@pytest.mark.parametrize("junk", ["D", "row 3", 3, "W[3]", None, ["A"], ""])
def test_neuron_row_says_how_to_answer_when_the_answer_is_not_a_letter(junk):
    feedback = fails(check.neuron_row(junk), 'one of "A", "B" or "C"')
    assert 'my_choice = "A"' in feedback.hint


def test_neuron_row_stub_is_not_attempted_and_solution_passes():
    assert check.neuron_row(...).status == "not attempted yet"
    passes(check.neuron_row(run_solution(check.neuron_row)["my_choice"]))


# weight_matrix_shapes ---------------------------------------------------------

def test_shapes_accepts_the_three_shapes_as_tuples_or_lists():
    passes(check.weight_matrix_shapes([(16, 784), (16, 16), (10, 16)]))
    passes(check.weight_matrix_shapes(([16, 784], [16, 16], [10, 16])))
    passes(check.weight_matrix_shapes([W.shape for W in nnbook.Network().weights]))
    passes(check.weight_matrix_shapes([np.array([16, 784]), (16, 16), (10, 16)]))


@pytest.mark.parametrize("stub", [..., [(16, 784), ..., ...], [(16, 784), (16, 16), ...]])
def test_shapes_stub_is_not_attempted(stub):
    assert check.weight_matrix_shapes(stub).status == "not attempted yet"


@pytest.mark.parametrize("answer, phrases", [
    ([(16, 784), (16, 16), (16, 10)], ["W(3)", "wrong way round", "10 rows"]),
    ([(784, 16), (16, 16), (10, 16)], ["W(1)", "wrong way round", "16 rows"]),
    ([(16, 784), (16, 16), (10,)], ["W(3)", "bias vector"]),
    ([(16, 784), (16, 16), 160], ["W(3)", "single number 160", "number of weights"]),
    ([(16, 784), (16, 16), (10, 16, 1)], ["W(3)", "two numbers"]),
    ([(16, 784), (16, 10), (10, 16)], ["W(2)", "hidden layer 1 (16 neurons)"]),
    ([(16, 784), (16, 16)], ["2 shapes", "three weight matrices"]),
    ([(16, 16), (10, 16)], ["2 shapes", "Keep (16, 784) for W(1)"]),
    ([(16, 784), (16, 16), (10, 16), (10, 10)], ["4 shapes"]),
    ([(16, 784), (16, 16), 10, 16], ["4 items", "10 and 16", "round brackets: (10, 16)"]),
    ([(16, 784), (16, 16), 16, 10], ["4 items", "16 and 10", "round brackets: (16, 10)"]),
    ([(16, 784), (16, 16), "10x16"], ["W(3)", "'10x16' in quotes", "Leave out the quotes"]),
    ([(16, 784), (16, 16), "(10, 16)"], ["W(3)", "'(10, 16)' in quotes", "text", "Leave out the quotes"]),
    ([(16, 784), "(16, 16)", (10, 16)], ["W(2)", "Leave out the quotes"]),
    ("[(16, 784), (16, 16), (10, 16)]", ["list of three shapes", "Leave out the quotes"]),
    ([(16, 784), (16, 16), (10.0, 16.0)], ["W(3)", "pair of whole numbers"]),
    ("16x784, 16x16, 10x16", ["list of three shapes"]),
    (13002, ["list of three shapes"]),
])
def test_shapes_explains_each_typical_mistake(answer, phrases):
    fails(check.weight_matrix_shapes(answer), *phrases)


def test_shapes_solution_passes_its_own_check():
    passes(check.weight_matrix_shapes(run_solution(check.weight_matrix_shapes)["my_shapes"]))


# layer_function ----------------------------------------------------------------

def test_layer_accepts_a_matrix_product_and_a_loop_of_weighted_sums():
    passes(check.layer_function(lambda W, b, a: nnbook.sigmoid(W @ a + b)))
    passes(check.layer_function(
        lambda W, b, a: np.array([nnbook.sigmoid(nnbook.weighted_sum(row, a, bias)) for row, bias in zip(W, b)])))
    passes(check.layer_function(lambda W, b, a: 1 / (1 + np.exp(-(np.dot(W, a) + b)))))


def test_layer_stub_is_not_attempted():
    def layer(W, b, a):
        return ...  # your code here

    assert check.layer_function(layer).status == "not attempted yet"
    assert check.layer_function(...).status == "not attempted yet"


@pytest.mark.parametrize("layer, phrases", [
    (lambda W, b, a: W @ a, ["no bias and no σ"]),
    (lambda W, b, a: W @ a + b, ["without squishing"]),
    (lambda W, b, a: nnbook.sigmoid(W @ a), ["forgot the bias"]),
    (lambda W, b, a: nnbook.sigmoid(W @ a) + b, ["after the sigmoid"]),
    (lambda W, b, a: nnbook.relu(W @ a + b), ["ReLU"]),
    (lambda W, b, a: nnbook.sigmoid(a @ W + b), ["wrong way round", "W.T"]),
    (lambda W, b, a: nnbook.sigmoid(W * a + b), ["shape of W itself", "W * a"]),
    (lambda W, b, a: float(np.sum(nnbook.sigmoid(W @ a + b))), ["single number"]),
    (lambda W, b, a: nnbook.sigmoid(W @ a + b)[:1], ["expected (4,)"]),
    (lambda W, b, a: nnbook.sigmoid(W @ a + b) + 1e-3, ["differ from σ(W a + b)"]),
    (lambda W, b, a: nnbook.sigmoid(W @ a - b), ["subtracted the bias"]),
    (lambda W, b, a: nnbook.sigmoid(np.sum(W * a) + b), ["one single sum", "one per row of W"]),
    (lambda W, b, a: nnbook.sigmoid(W.T @ a + b), ["wrong way round"]),
])
def test_layer_explains_each_typical_mistake(layer, phrases):
    fails(check.layer_function(layer), *phrases)


def test_layer_explains_shapes_that_do_not_fit():
    def right_only_when_square(W, b, a):
        if W.shape[0] == W.shape[1]:
            return nnbook.sigmoid(W @ a + b)
        return nnbook.sigmoid(a @ W + b)  # (5,) @ (3, 5): the inner numbers 5 and 3 differ

    feedback = fails(check.layer_function(right_only_when_square), "(3, 5)", "raised ValueError")
    assert "inner numbers must match" in feedback.hint


def test_layer_explains_a_return_inside_the_loop_over_neurons():
    def return_in_loop(W, b, a):
        for k in range(len(b)):
            return nnbook.sigmoid(nnbook.weighted_sum(W[k], a, b[k]))

    feedback = fails(check.layer_function(return_in_loop), "single number")
    assert "return inside a for loop" in feedback.hint


def test_layer_explains_a_hard_coded_layer_size():
    def sixteen_neurons(W, b, a):
        return nnbook.sigmoid(np.array([W[k] @ a + b[k] for k in range(16)]))

    feedback = fails(check.layer_function(sixteen_neurons), "IndexError")
    assert "do not have 16 neurons" in feedback.hint and "W.shape[0]" in feedback.hint


def test_layer_points_to_nnbook_sigmoid_when_sigmoid_is_not_defined():
    def undefined_sigmoid(W, b, a):
        return sigmoid(W @ a + b)  # noqa: F821 - the learner's mistake

    feedback = fails(check.layer_function(undefined_sigmoid), "NameError")
    assert "nnbook.sigmoid" in feedback.hint


def test_layer_survives_none_raising_and_in_place_changes():
    fails(check.layer_function(lambda W, b, a: None), "returned None")
    fails(check.layer_function(lambda W, b, a: 1 / 0), "ZeroDivisionError")
    fails(check.layer_function(lambda W, b, a: "sigmoid"), "array of numbers")
    fails(check.layer_function(nnbook.sigmoid), "raised TypeError")
    fails(check.layer_function(42), "expected a function")

    def in_place(W, b, a):
        a += 1.0
        return nnbook.sigmoid(W @ (a - 1.0) + b)

    fails(check.layer_function(in_place), "changed W, b or a")


def test_layer_solution_passes_its_own_check():
    passes(check.layer_function(run_solution(check.layer_function)["layer"]))


# multiplications_per_image -------------------------------------------------------

def test_multiplications_accepts_12960():
    passes(check.multiplications_per_image(12_960))
    passes(check.multiplications_per_image(np.int64(12_960)))
    passes(check.multiplications_per_image(12960.0))


@pytest.mark.parametrize("count, phrase", [
    (13_002, "bias is added"),
    (12_544, "only the first layer"),
    (826, "number of neurons"),
    (42, "number of neurons that compute"),
    (2_007_040, "multiplied all the layer sizes"),
    (25_920_000, "all 2,000 test images"),
    (12_961, "12,961 is not right"),
    (784 * 16 + 16 * 16, "W(3): 16 × 10 is missing"),
    (784 * 16 + 16 * 10, "W(2): 16 × 16 is missing"),
    (16 * 16 + 16 * 10, "W(1): 784 × 16 is missing"),
])
def test_multiplications_explains_each_typical_mistake(count, phrase):
    fails(check.multiplications_per_image(count), phrase)


def test_multiplications_explains_a_thousands_comma():
    # Typed without quotes, 12,960 is the pair (12, 960); with quotes, it is text.
    feedback = fails(check.multiplications_per_image((12, 960)), "2 separate numbers", "comma separates")
    assert "12960" in feedback.hint and "12_960" in feedback.hint
    feedback = fails(check.multiplications_per_image("12,960"), "the text '12,960'")
    assert "thousands comma: 12960" in feedback.hint
    # A pair that cannot come from a thousands comma is just not one number.
    fails(check.multiplications_per_image((784, 16)), "one number")


def test_multiplications_rejects_non_numbers_and_not_attempted():
    fails(check.multiplications_per_image("12960"), "one number")
    fails(check.multiplications_per_image([784, 16]), "one number")
    fails(check.multiplications_per_image(float("nan")), "not a finite number")
    assert check.multiplications_per_image(...).status == "not attempted yet"


def test_multiplications_solution_passes_its_own_check():
    passes(check.multiplications_per_image(run_solution(check.multiplications_per_image)["my_count"]))


# network_on_batch ------------------------------------------------------------------

def run_rows(weights, biases, A):
    for W, b in zip(weights, biases):
        A = nnbook.sigmoid(A @ W.T + b)
    return A


def test_network_accepts_rows_columns_and_per_image_versions():
    passes(check.network_on_batch(run_rows))

    def columns(weights, biases, A):
        A = A.T
        for W, b in zip(weights, biases):
            A = nnbook.sigmoid(W @ A + b[:, None])
        return A.T

    def per_image(weights, biases, A):
        outputs = []
        for a in A:
            for W, b in zip(weights, biases):
                a = nnbook.sigmoid(W @ a + b)
            outputs.append(a)
        return np.array(outputs)

    passes(check.network_on_batch(columns))
    passes(check.network_on_batch(per_image))


def test_network_agrees_with_nnbook_network_forward():
    net = nnbook.Network(seed=3)
    images, _ = nnbook.load_digits("test")
    A = images[:20].reshape(20, 784)
    np.testing.assert_allclose(run_rows(net.weights, net.biases, A), net.forward(A), rtol=1e-12)


def test_network_stub_is_not_attempted():
    def network_on_batch(weights, biases, A):
        return ...  # your code here

    assert check.network_on_batch(network_on_batch).status == "not attempted yet"


def return_inside_loop(weights, biases, A):
    for W, b in zip(weights, biases):
        A = nnbook.sigmoid(A @ W.T + b)
        return A


def three_layers_only(weights, biases, A):
    A = nnbook.sigmoid(A @ weights[0].T + biases[0])
    A = nnbook.sigmoid(A @ weights[1].T + biases[1])
    return nnbook.sigmoid(A @ weights[2].T + biases[2])


def relu_everywhere(weights, biases, A):
    for W, b in zip(weights, biases):
        A = nnbook.relu(A @ W.T + b)
    return A


def no_sigmoid_on_output(weights, biases, A):
    for W, b in zip(weights[:-1], biases[:-1]):
        A = nnbook.sigmoid(A @ W.T + b)
    return A @ weights[-1].T + biases[-1]


def no_sigmoid(weights, biases, A):
    for W, b in zip(weights, biases):
        A = A @ W.T + b
    return A


def no_bias(weights, biases, A):
    for W in weights:
        A = nnbook.sigmoid(A @ W.T)
    return A


def columns_out(weights, biases, A):
    return run_rows(weights, biases, A).T


def every_layer(weights, biases, A):
    layers = [A]
    for W, b in zip(weights, biases):
        layers.append(nnbook.sigmoid(layers[-1] @ W.T + b))
    return layers


def in_place(weights, biases, A):
    out = run_rows(weights, biases, A)
    A *= 0.0
    return out


@pytest.mark.parametrize("answer, phrases", [
    (return_inside_loop, ["size of a hidden layer", "return inside the for loop"]),
    (three_layers_only, ["5-3 network", "IndexError", "any number of layers"]),
    (relu_everywhere, ["ReLU"]),
    (no_sigmoid_on_output, ["last layer is not squished"]),
    (no_sigmoid, ["left out σ"]),
    (no_bias, ["forgot the biases"]),
    (columns_out, ["one column per image", "A @ W.T"]),
    (every_layer, ["list of every layer"]),
    (in_place, ["changed the images"]),
    (lambda weights, biases, A: nnbook.sigmoid(weights[0] @ A + biases[0]), ["raised ValueError", "inner numbers"]),
    (lambda weights, biases, A: every_layer(weights, biases, A)[1:], ["list of every layer"]),
    (lambda weights, biases, A: run_rows(weights, biases, A) * 0.5, ["differ from"]),
])
def test_network_explains_each_typical_mistake(answer, phrases):
    fails(check.network_on_batch(answer), *phrases)


def test_network_names_the_shapes_when_numpy_refuses():
    def w_at_a(weights, biases, A):
        for W, b in zip(weights, biases):
            A = nnbook.sigmoid(W @ A + b)
        return A

    feedback = fails(check.network_on_batch(w_at_a), "6-4-3-2 network", "raised ValueError")
    assert "A has shape (5, 6)" in feedback.hint and "first W has shape (4, 6)" in feedback.hint
    assert "Which of A @ W, W @ A and A @ W.T fits?" in feedback.hint
    assert "after the first layer, A has shape (5, 4)" in feedback.hint


def test_network_survives_bad_answers():
    fails(check.network_on_batch(lambda weights, biases, A: None), "returned None")
    fails(check.network_on_batch(lambda weights, biases, A: {}), "array of numbers")
    fails(check.network_on_batch(run_rows(*[[np.eye(2)]] * 2, np.ones((1, 2)))), "expected a function")


def test_network_solution_passes_its_own_check():
    passes(check.network_on_batch(run_solution(check.network_on_batch)["network_on_batch"]))


def per_image_list(weights, biases, A):
    """Correct, one image at a time, returned as a plain list of rows."""
    rows = []
    for a in A:
        for W, b in zip(weights, biases):
            a = nnbook.sigmoid(W @ a + b)
        rows.append(a)
    return rows


@pytest.mark.parametrize("answer", [
    per_image_list,
    lambda weights, biases, A: run_rows(weights, biases, A).tolist(),
    lambda weights, biases, A: tuple(run_rows(weights, biases, A)),
])
def test_network_accepts_the_right_rows_as_a_list_even_when_there_are_as_many_as_layers(answer):
    """With 4 weight matrices and 5 images, 5 rows once looked like 'every layer's activations'."""
    passes(check.network_on_batch(answer))


def test_network_says_every_layer_only_for_one_batch_per_layer():
    feedback = fails(check.network_on_batch(lambda weights, biases, A: [run_rows(weights, biases, A)] * 4))
    assert "every layer" not in feedback.message and "shape (4, 5, 2)" in feedback.message
    feedback = fails(check.network_on_batch(lambda weights, biases, A: [np.zeros(2)] * len(A) + [5]))
    assert "every layer" not in feedback.message and "mixes lists and numbers" in feedback.message


def test_the_feedback_of_notebook_07_is_dutch_when_the_language_is_dutch():
    import nnbook
    nnbook.set_language("nl")
    try:
        feedback = str(check.weight_matrix_shapes([(16, 784), (16, 16), (16, 10)]))
        assert "de goede getallen in de verkeerde volgorde" in feedback and "de uitvoerlaag" in feedback, feedback
        assert "12 960: één vermenigvuldiging per gewicht" in str(check.multiplications_per_image(12960))
        assert "22 960 is niet goed." in str(check.multiplications_per_image(22960))
        assert "Welk deel van W" in repr(check.neuron_row)
        assert "# Eén rij per neuron" in check.weight_matrix_shapes.solution().code
    finally:
        nnbook.set_language("en")
