"""Self-checks for notebook 07: matrix notation, and the network as a function.

The core asks two: ``neuron_row`` (which part of W is one neuron: choose one
of three) and ``weight_matrix_shapes`` (fill in the shape of W(3)). The
*Going further* sections ask the three that need code: ``layer_function``,
``multiplications_per_image`` and ``network_on_batch``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import relu, sigmoid
from ..language import language, tr
from ._core import (
    NotAttempted,
    Wrong,
    call,
    exercise,
    expect_array,
    expect_choice,
    expect_number,
    matches,
    num,
    short,
)

NOTEBOOK = "07-matrices"
__all__ = ["neuron_row", "weight_matrix_shapes", "layer_function", "multiplications_per_image", "network_on_batch"]

VIDEO_SIZES = (784, 16, 16, 10)


def _layer_names() -> tuple[str, str, str, str]:
    """The four layers of the video's network, by name, in the current language."""
    return (tr("the input layer"), tr("hidden layer 1"), tr("hidden layer 2"), tr("the output layer"))


def _whole(value) -> str:
    """A whole number for a message: 12,960 in English, 12 960 in Dutch (and 2000 without a space)."""
    if language() == "nl" and float(value).is_integer() and abs(value) < 1e15:
        return f"{value:,.0f}".replace(",", " ") if abs(value) >= 10_000 else f"{value:.0f}"
    return num(value, thousands=True)


# Core exercise: which part of W is one neuron ---------------------------------

NEURON_ROW_CHOICES = ("A", "B", "C")
"""A: row 3 of W, W[3] (784 numbers); B: column 3 of W (16 numbers); C: the single number W[3, 3]."""


@exercise(solution='''
# Neuron 3 has one weight for every pixel: 784 weights.
# They are stacked as one row of W, so they are row 3, W[3].
my_choice = "A"
''')
def neuron_row(answer):
    """Which part of W holds all the weights of neuron 3: A (row 3), B (column 3) or C (W[3, 3])?"""
    choice = expect_choice(answer, NEURON_ROW_CHOICES, "my_choice")
    if choice == "B":
        raise Wrong(tr("column 3 is tempting, because 3 is the neuron's number. But column 3 holds the 16 weights "
                       "that pixel 3 sends, one to each neuron: one weight of every neuron, not all of neuron 3's."),
                    hint=tr("Neuron 3 has one weight for each of the 784 pixels. Which choice holds 784 numbers?"))
    if choice == "C":
        raise Wrong(tr("W[3, 3] is a single weight: the one from pixel 3 to neuron 3 (row 3, column 3). "
                       "Neuron 3 has many more weights than that."),
                    hint=tr("Neuron 3 has one weight for each of the 784 pixels. Which choice holds 784 numbers?"))
    return tr("row 3, W[3]: neuron 3's 784 weights, one for each pixel. "
              "Each row of W is one neuron; the row number comes first.")


# Exercise: the shapes of the three weight matrices ----------------------------

@exercise(solution='''
# One row per neuron of the layer the weights lead INTO,
# one column per neuron of the layer they come FROM.
my_shapes = [(16, 784), (16, 16), (10, 16)]
''')
def weight_matrix_shapes(answer):
    """The shapes of W(1), W(2) and W(3) in the 784-16-16-10 network, as (rows, columns)."""
    if not isinstance(answer, (list, tuple)):
        quotes = tr("Leave out the quotes. ") if isinstance(answer, str) else ""
        raise Wrong(tr("expected a list of three shapes, got {got}.", got=short(answer)),
                    hint=quotes + tr("Write it like [(16, 784), (rows, columns), (rows, columns)]."))
    if any(item is ... for item in answer):
        raise NotAttempted
    if (len(answer) == 4 and all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in answer[2:])
            and not any(isinstance(item, numbers.Integral) for item in answer[:2])):
        rows, columns = answer[2:]
        raise Wrong(tr("your list has 4 items: W(3)'s two numbers, {rows} and {columns}, stand on their own.",
                       rows=rows, columns=columns),
                    hint=tr("Keep a shape's two numbers together in round brackets: ({rows}, {columns}).",
                            rows=rows, columns=columns))
    if len(answer) != 3:
        hint = tr("Give one (rows, columns) pair for each of the three.")
        if len(answer) == 2:
            hint += tr(" Keep (16, 784) for W(1) at the start of the list.")
        raise Wrong(tr("your list has {count} shapes, but the network has three weight matrices: "
                       "input → hidden 1, hidden 1 → hidden 2 and hidden 2 → output.", count=len(answer)), hint=hint)
    for layer, (shape, n_in, n_out) in enumerate(zip(answer, VIDEO_SIZES[:-1], VIDEO_SIZES[1:]), start=1):
        _judge_shape(shape, layer, n_in, n_out)
    return tr("W(1) is 16×784, W(2) is 16×16 and W(3) is 10×16: "
              "one row per neuron, one column per neuron it listens to.")


def _judge_shape(shape, layer, n_in, n_out):
    names = _layer_names()
    name, source, target = f"W({layer})", names[layer - 1], names[layer]
    if isinstance(shape, np.ndarray) and shape.ndim == 1:
        shape = tuple(shape.tolist())
    if isinstance(shape, str):
        typed = repr(shape) if len(shape) <= 30 else short(shape)
        raise Wrong(tr("{name}: you typed {typed} in quotes, so it is text, not a shape.", name=name, typed=typed),
                    hint=tr("Leave out the quotes: a shape is two numbers in round brackets, (rows, columns)."))
    if isinstance(shape, numbers.Integral) and not isinstance(shape, bool):
        hint = (tr("{shape} is the number of weights in {name}, not its shape. ", shape=shape, name=name)
                if shape == n_in * n_out else "")
        raise Wrong(tr("{name}: a shape is two numbers, (rows, columns), got the single number {shape}.",
                       name=name, shape=shape),
                    hint=hint + tr("How many rows, and how many columns, does {name} have?", name=name))
    if not isinstance(shape, (tuple, list)) or not all(
            isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in shape):
        raise Wrong(tr("{name}: expected a pair of whole numbers such as (16, 784), got {got}.",
                       name=name, got=short(shape)))
    shape = tuple(int(n) for n in shape)
    if shape == (n_out, n_in):
        return
    if shape == (n_out,):
        raise Wrong(tr("{name}: ({n_out},) is the shape of the bias vector b({layer}), one number per neuron.",
                       name=name, n_out=n_out, layer=layer),
                    hint=tr("W({layer}) holds a whole row of weights for each of those {n_out} neurons.",
                            layer=layer, n_out=n_out))
    if len(shape) != 2:
        raise Wrong(tr("{name}: a matrix has two numbers in its shape, (rows, columns); you gave {shape}.",
                       name=name, shape=shape))
    if shape == (n_in, n_out):
        raise Wrong(tr("{name}: you gave {shape}, the right numbers the wrong way round.", name=name, shape=shape),
                    hint=tr("Each neuron of {target} owns one row of W, so there are {n_out} rows; "
                            "each row has one weight per neuron of {source}: {n_in} columns.",
                            target=target, n_out=n_out, source=source, n_in=n_in))
    raise Wrong(tr("{name}: {shape} is not right. {name} connects {source} ({n_in} neurons) "
                   "to {target} ({n_out} neurons).",
                   name=name, shape=shape, source=source, n_in=n_in, target=target, n_out=n_out),
                hint=tr("One row per neuron that receives; one column per neuron that sends."))


# Exercise: one layer ----------------------------------------------------------

@exercise(solution='''
def layer(W, b, a):
    """One layer: a weighted sum per neuron (a row of W times a), plus the bias, squished."""
    return nnbook.sigmoid(W @ a + b)
''')
def layer_function(answer):
    """Write layer(W, b, a) that returns σ(W a + b) for one image's activations a."""
    rng = np.random.default_rng(7)
    # A square W first: there, using W the wrong way round gives numbers, not an error.
    for n_out, n_in in ((4, 4), (3, 5), (16, 784)):
        W = rng.normal(0.0, 1.0, size=(n_out, n_in))
        b = rng.normal(0.0, 1.0, size=n_out)
        a = rng.uniform(0.0, 1.0, size=n_in)
        shown = tr("layer(W, b, a) with W of shape {shape}", shape=W.shape)
        result = _call_layer(answer, W, b, a, shown)
        result = expect_array(result, shown)
        expected = sigmoid(W @ a + b)
        if result.shape != expected.shape:
            _wrong_layer_shape(result.shape, W, a)
        if not matches(result, expected, shown):
            _diagnose_layer(result, W, b, a, shown)
    return tr("layer(W, b, a) gives σ(W a + b): a whole layer of neurons in one line.")


def _call_layer(answer, W, b, a, shown):
    copies = (W.copy(), b.copy(), a.copy())
    try:
        result = call(answer, *copies, name="layer")
    except Wrong as wrong:
        if "IndexError" in wrong.message:
            raise Wrong(wrong.message,
                        hint=tr("The check also tries layers that do not have 16 neurons (this W has {rows} rows). "
                                "Did you write 16 or 784 somewhere? Use len(b) or W.shape[0] instead, "
                                "or better: W @ a, which works for every size.", rows=W.shape[0])) from None
        raise
    if not (np.array_equal(copies[0], W) and np.array_equal(copies[1], b) and np.array_equal(copies[2], a)):
        raise Wrong(tr("{shown} changed W, b or a while computing.", shown=shown),
                    hint=tr("Compute a new array (for example z = W @ a + b) instead of changing the inputs in "
                            "place."))
    return result


def _wrong_layer_shape(shape, W, a):
    n_out = W.shape[0]
    if shape == ():
        raise Wrong(tr("your layer returned a single number, but a layer of {n_out} neurons gives {n_out} "
                       "activations.", n_out=n_out),
                    hint=tr("Is your return inside a for loop? Then it stops after the first neuron. "
                            "Or did you add everything up with sum()? W @ a already does one weighted sum per row."))
    if shape == W.shape:
        raise Wrong(tr("your layer returned an array of shape {shape}, the shape of W itself, instead of ({n_out},).",
                       shape=shape, n_out=n_out),
                    hint=tr("W * a multiplies element by element; W @ a is the matrix product: one weighted sum per "
                            "row."))
    raise Wrong(tr("with W of shape {W_shape} and a of shape {a_shape}, your layer returned shape {shape}; "
                   "expected ({n_out},), one activation per neuron.",
                   W_shape=W.shape, a_shape=a.shape, shape=shape, n_out=n_out),
                hint=tr("W @ a has one number per row of W."))


def _diagnose_layer(result, W, b, a, shown):
    z = W @ a + b
    suspects = [
        (W @ a, tr("you returned W a: the weighted sums, with no bias and no σ."),
         tr("Add b, then squish with the sigmoid: nnbook.sigmoid(W @ a + b).")),
        (z, tr("you returned W a + b, the weighted sums plus biases, without squishing them with σ."),
         tr("Pass W @ a + b through the sigmoid: nnbook.sigmoid(W @ a + b).")),
        (sigmoid(W @ a), tr("you forgot the bias: you returned σ(W a)."),
         tr("Add b before squishing: σ(W a + b).")),
        (sigmoid(W @ a) + b, tr("you added the bias after the sigmoid."),
         tr("The bias shifts the weighted sum, so it goes inside: σ(W a + b).")),
        (relu(z), tr("you used ReLU; this network's layers use the sigmoid."),
         tr("Use nnbook.sigmoid (ReLU gets its own notebook, next).")),
        (sigmoid(W @ a - b), tr("you subtracted the bias: σ(W a − b)."),
         tr("The bias is added: σ(W a + b). A negative bias already makes the sum smaller by itself.")),
        (sigmoid(np.sum(W * a) + b), tr("you added up all the products of all the neurons into one single sum, "
                                        "then added b."),
         tr("Each neuron needs its own weighted sum, one per row of W: W @ a gives exactly those.")),
    ]
    if W.shape[0] == W.shape[1]:
        suspects.append((sigmoid(W.T @ a + b), tr("you multiplied the wrong way round: a @ W (or W.T @ a) "
                                                  "pairs a with the columns of W, not with its rows."),
                         tr("Row j of W holds neuron j's weights, so W @ a gives neuron j's weighted sum at place j.")))
    for value, message, hint in suspects:
        if np.allclose(result, value, rtol=1e-9, atol=1e-12):
            raise Wrong(f"{shown}: {message}", hint=hint)
    raise Wrong(tr("{shown} gave numbers that differ from σ(W a + b).", shown=shown),
                hint=tr("Compare with nnbook.sigmoid(W @ a + b) on a small example you can check by hand."))


# Exercise: how many multiplications -------------------------------------------

@exercise(solution='''
# One multiplication for every weight: each weight multiplies one activation.
# The biases are added, not multiplied, so they do not count.
my_count = 784 * 16 + 16 * 16 + 16 * 10   # 12,960
''')
def multiplications_per_image(answer):
    """How many multiplications one pass through the 784-16-16-10 network needs for one image."""
    count = expect_number(answer, tr("your count"))
    layer_counts = [n_in * n_out for n_in, n_out in zip(VIDEO_SIZES[:-1], VIDEO_SIZES[1:])]
    weights = sum(layer_counts)
    if count == weights:
        return tr("12,960: one multiplication per weight. The 42 biases are only added.")
    known = {
        weights + 42: (tr("13,002 counts the 42 biases too, but a bias is added, not multiplied."),
                       tr("Count only the weights: each one multiplies one activation.")),
        784 * 16: (tr("12,544 is only the first layer (784 × 16)."),
                   tr("The other two layers multiply too: 16 × 16 and 16 × 10.")),
        784 + 16 + 16 + 10: (tr("826 is the number of neurons, not of multiplications."),
                             tr("Every connection between two neurons carries a weight, "
                                "and every weight is one multiplication.")),
        16 + 16 + 10: (tr("42 is the number of neurons that compute (or of biases), not of multiplications."),
                       tr("Each of these neurons multiplies every activation of the layer before by a weight.")),
        784 * 16 * 16 * 10: (tr("you multiplied all the layer sizes together."),
                             tr("Add the layers: 784 × 16 for the first, plus 16 × 16, plus 16 × 10.")),
        weights * 2000: (tr("that is the count for all 2,000 test images. The question asks for one image."),
                         tr("Divide by 2,000.")),
    }
    if count in known:
        message, hint = known[count]
        raise Wrong(message, hint=hint)
    names = ["W(1): 784 × 16", "W(2): 16 × 16", "W(3): 16 × 10"]
    for left_out, layer_count in enumerate(layer_counts):
        if count == weights - layer_count:
            raise Wrong(tr("{count} counts only two of the three layers: {missing} is missing.",
                           count=_whole(count), missing=names[left_out]),
                        hint=tr("Add up rows × columns of all three weight matrices."))
    raise Wrong(tr("{count} is not right.", count=_whole(count)),
                hint=tr("A layer with W of shape (rows, columns) does rows × columns multiplications. "
                        "Add that up over the three layers."))


# Exercise: the whole network on a batch ---------------------------------------

@exercise(solution='''
def network_on_batch(weights, biases, A):
    """Run a batch of images, one per row of A, through every layer."""
    for W, b in zip(weights, biases):
        A = nnbook.sigmoid(A @ W.T + b)   # (n, n_in) @ (n_in, n_out) -> (n, n_out)
    return A
''')
def network_on_batch(answer):
    """Write network_on_batch(weights, biases, A) for images in rows and any number of layers."""
    rng = np.random.default_rng(8)
    # Small networks of different depths first, then the video's own shape.
    for sizes in ((6, 4, 3, 2), (5, 3), (6, 4, 4, 3, 2), VIDEO_SIZES):
        weights = [rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in))
                   for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        biases = [rng.normal(0.0, 0.5, size=n_out) for n_out in sizes[1:]]
        A = rng.uniform(0.0, 1.0, size=(5, sizes[0]))
        shown = tr("a {sizes} network on 5 images", sizes="-".join(map(str, sizes)))
        result = _call_network(answer, weights, biases, A, shown)
        expected = _forward(weights, biases, A)
        if result.shape != expected.shape:
            _wrong_batch_shape(result.shape, expected.shape, sizes, shown)
        if not matches(result, expected, shown):
            _diagnose_network(result, weights, biases, A, shown)
    return tr("one function, any depth, a whole batch at once: "
              "the same thing nnbook.Network.forward does.")


def _forward(weights, biases, A, last=sigmoid, hidden=sigmoid, use_bias=True):
    for i, (W, b) in enumerate(zip(weights, biases)):
        f = last if i == len(weights) - 1 else hidden
        A = f(A @ W.T + (b if use_bias else 0.0))
    return A


def _call_network(answer, weights, biases, A, shown):
    copies = ([W.copy() for W in weights], [b.copy() for b in biases], A.copy())
    try:
        result = call(answer, *copies, name="network_on_batch", shown="weights, biases, A")
    except Wrong as wrong:
        if "matmul" in wrong.message:
            W = weights[0]
            raise Wrong(f"{shown}: {wrong.message}",
                        hint=tr("Here A has shape {A_shape}, one image per row, and the first W has shape {W_shape}, "
                                "one neuron per row. Write the shapes of your product next to each other: the inner "
                                "numbers must match. Which of A @ W, W @ A and A @ W.T fits? And each layer "
                                "starts from the one before: after the first layer, A has shape ({n}, {n_out}).",
                                A_shape=A.shape, W_shape=W.shape, n=A.shape[0], n_out=W.shape[0])) from None
        if "IndexError" in wrong.message:
            raise Wrong(f"{shown}: {wrong.message}",
                        hint=tr("Your function must work for any number of layers, not only three: "
                                "loop over them with `for W, b in zip(weights, biases):`.")) from None
        raise Wrong(f"{shown}: {wrong.message}", hint=wrong.hint) from None
    if not np.array_equal(copies[2], A):
        raise Wrong(tr("{shown}: your function changed the images A you passed in.", shown=shown),
                    hint=tr("Give each layer's result a new name, or write A = ..., which makes a new array."))
    if isinstance(result, (list, tuple)) and len(weights) > 1 and _every_layer(result, A, weights):
        raise Wrong(tr("{shown}: you returned a list of every layer's activations.", shown=shown),
                    hint=tr("Return only the last one: the output layer."))
    return expect_array(result, tr("the result for {shown}", shown=shown))


def _every_layer(result, A, weights) -> bool:
    """Whether ``result`` holds one batch of activations per layer (with or without the input layer A)."""
    layers = [A.shape] + [(len(A), len(W)) for W in weights]
    try:
        shapes = [np.shape(item) for item in result]
    except ValueError:  # an item mixes lists and numbers
        return False
    return shapes in (layers, layers[1:])


def _wrong_batch_shape(shape, expected, sizes, shown):
    n, n_out = expected
    if shape == (n_out, n):
        raise Wrong(tr("{shown}: your result has shape {shape}, one column per image; "
                       "expected {expected}, one row per image.", shown=shown, shape=shape, expected=expected),
                    hint=tr("Keep images in rows all the way: A @ W.T instead of W @ A.T."))
    if len(shape) == 2 and shape[0] == n and shape[1] in sizes[1:-1]:
        raise Wrong(tr("{shown}: your result has shape {shape}, the size of a hidden layer, "
                       "not of the output layer ({n_out} neurons).", shown=shown, shape=shape, n_out=n_out),
                    hint=tr("Is your return inside the for loop? Then it returns after the first layer. "
                            "Unindent it, so the loop runs over every layer first."))
    raise Wrong(tr("{shown}: your result has shape {shape}; expected {expected}: "
                   "one row per image, one column per output neuron.", shown=shown, shape=shape, expected=expected))


def _diagnose_network(result, weights, biases, A, shown):
    suspects = [
        (_forward(weights, biases, A, last=lambda z: z, hidden=lambda z: z),
         tr("you left out σ: your layers only compute A W.T + b."), tr("Squish every layer with nnbook.sigmoid.")),
        (_forward(weights, biases, A, last=lambda z: z),
         tr("the last layer is not squished by σ."), tr("Every layer, the output layer too, applies the sigmoid.")),
        (_forward(weights, biases, A, use_bias=False),
         tr("you forgot the biases."), tr("Each layer adds its b: σ(A @ W.T + b).")),
        (_forward(weights, biases, A, hidden=relu, last=relu),
         tr("you used ReLU; this exercise uses the sigmoid in every layer."), tr("Use nnbook.sigmoid.")),
        (_forward(weights, biases, A, hidden=relu),
         tr("you used ReLU in the hidden layers; this exercise uses the sigmoid in every layer."),
         tr("Use nnbook.sigmoid.")),
    ]
    for value, message, hint in suspects:
        if value.shape == result.shape and np.allclose(result, value, rtol=1e-9, atol=1e-12):
            raise Wrong(f"{shown}: {message}", hint=hint)
    raise Wrong(tr("{shown} gave numbers that differ from σ(… σ(A W(1)ᵀ + b(1)) …).", shown=shown),
                hint=tr("Check one layer at a time against nnbook.sigmoid(A @ W.T + b), "
                        "and make sure each layer starts from the previous layer's result."))
