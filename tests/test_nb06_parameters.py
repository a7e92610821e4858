"""The numbers behind notebook 06's figures and sentences, and its cost functions against nnbook's.

nbval compares the notebook's text, never its pictures, so what each figure
and each sentence claims is checked here, with the same nnbook functions the
notebook calls.
"""

import numpy as np
import pytest

import nnbook
from nnbook import by_hand, detectors
from nnbook.training import average_cost as nnbook_average_cost
from notebook_code import defined_in_notebook, numbers_in_text, printed_text


def notebook_cost_functions():
    cost = defined_in_notebook("06", "cost")
    average_cost = defined_in_notebook("06", "average_cost")
    return cost, average_cost


# Counting ------------------------------------------------------------------------

def test_the_video_network_has_13002_parameters_layer_by_layer():
    network = nnbook.Network(sizes=(784, 16, 16, 10))
    assert [W.size for W in network.weights] == [784 * 16, 16 * 16, 16 * 10] == [12_544, 256, 160]
    assert [b.size for b in network.biases] == [16, 16, 10]
    assert sum(W.size for W in network.weights) == 12_960
    assert sum(b.size for b in network.biases) == 42
    assert network.n_parameters == 13_002


def test_the_stored_notebook_prints_13002():
    printed = "".join(printed_text("06"))
    assert "12,960 + 42 = 13,002" in printed
    assert "network.n_parameters says 13,002" in printed


def test_the_bar_chart_title_96_percent():
    network = nnbook.Network()
    assert f"{network.weights[0].size / network.n_parameters:.0%}" == "96%"


# Why every connection needs its own weight ----------------------------------------------

def test_a_shared_weight_cannot_tell_a_7_from_its_shuffled_pixels(test_digits):
    images, labels = test_digits
    seven = images[labels == 7][0]
    shuffled = np.random.default_rng(0).permutation(seven.ravel()).reshape(28, 28)
    shared = np.ones((28, 28))
    assert np.sum(shared * seven) == pytest.approx(np.sum(shared * shuffled), abs=1e-9)
    detector = detectors.example_weights()
    assert np.sum(detector * seven) > 10 > np.sum(detector * shuffled) + 4


# The hand-set network ------------------------------------------------------------------

def test_the_table_of_parts_supports_the_text():
    images, labels = by_hand.test_digits()
    hidden = by_hand.network(np.zeros((3, 3)), np.zeros(3)).activations(images)[1]
    on = {digit: np.mean(hidden[labels == digit] > 0.5, axis=0) for digit in by_hand.DIGITS}
    left, middle, top = 0, 1, 2
    assert on[0][left] > 0.5 and on[1][left] < 0.05 and on[7][left] < 0.1        # a 0 curves down on the left
    assert on[1][middle] > 0.8 and on[0][middle] < 0.05 and on[7][middle] < 0.1  # a 1 stands in the middle
    assert on[7][top] > 0.9 and on[1][top] < 0.2                                 # a 7 has its bar on top
    assert on[0][top] > 0.8                                                      # ...and so do most 0s: the key


def test_the_tiny_network_counts():
    net = by_hand.network(np.eye(3), np.zeros(3))
    assert sum(W.size for W in net.weights) == 784 * 3 + 3 * 3 == 2_361
    assert sum(b.size for b in net.biases) == 6
    assert net.weights[0].size + net.biases[0].size == 2_352 + 3


def test_the_first_try_wins_bronze_and_reads_most_0s_as_7():
    score = by_hand.score(by_hand.network(np.eye(3), np.zeros(3)))
    assert score.medal == "bronze"
    assert score.table[0, 2] > score.table[0].sum() / 2           # most 0s read as 7
    assert score.per_digit[1] > 0.95 and score.per_digit[7] > 0.95  # the 1s and 7s come out fine


def test_the_trained_network_is_far_past_gold(pretrained_net, test_digits):
    images, labels = by_hand.test_digits()
    outputs = pretrained_net.forward(images)[:, list(by_hand.DIGITS)]
    choice = np.array(by_hand.DIGITS)[np.argmax(outputs, axis=1)]
    gold = dict(by_hand.MEDALS)["gold"]
    assert np.mean(choice == labels) > gold + 0.1
    assert 0.9 < pretrained_net.accuracy(*test_digits) < np.mean(choice == labels)


def test_a_search_found_about_92_percent_within_the_sliders():
    """Exercise 4: "A computer search found settings of these 12 numbers that read about 92%." """
    weights = [[0.6, -9.7, -0.6], [-9.3, 1.4, -6.3], [-4.0, -4.4, 6.7]]   # found by a seeded random search
    biases = [5.1, 5.1, -2.0]
    limit = by_hand.Playground.LIMIT
    assert np.all(np.abs(weights) <= limit) and np.all(np.abs(biases) <= limit)   # the sliders reach it
    [stated] = numbers_in_text("06", r"found settings of these 12 numbers that read about (\d+)%")
    assert f"{by_hand.score(by_hand.network(weights, biases)).accuracy:.0%}" == f"{stated:.0f}%"


def test_blind_guessing_always_says_1():
    _, labels = by_hand.test_digits()
    counts = {digit: int(np.sum(labels == digit)) for digit in by_hand.DIGITS}
    assert max(counts, key=counts.get) == 1
    assert counts[1] / len(labels) < dict(by_hand.MEDALS)["bronze"]


# The cost ------------------------------------------------------------------------------

def test_the_notebooks_cost_agrees_with_nnbook(train_digits, pretrained_net):
    cost, average_cost = notebook_cost_functions()
    images, labels = train_digits
    for network in (nnbook.Network(seed=0), pretrained_net):
        for i in range(5):
            assert cost(network.forward(images[i]), labels[i]) == pytest.approx(
                nnbook_average_cost(network, images[i:i + 1], labels[i:i + 1]), rel=1e-12)
        assert average_cost(network, images, labels) == pytest.approx(
            nnbook_average_cost(network, images, labels), rel=1e-12)


def test_the_worked_example_untrained_is_unsure_trained_is_sure(pretrained_net, test_digits):
    cost, _ = notebook_cost_functions()
    images, labels = test_digits
    seven = images[labels == 7][0]
    untrained = nnbook.Network(sizes=(784, 16, 16, 10)).forward(seven)
    assert np.all((untrained > 0.2) & (untrained < 0.8))   # "unsure about everything"
    assert cost(untrained, 7) > 2
    assert pretrained_net.predict(seven) == 7 and cost(pretrained_net.forward(seven), 7) < 0.01
    assert nnbook.Network(sizes=(784, 16, 16, 10)).predict(seven) == 8   # "the untrained one says 8"


# The valley and the walk downhill ----------------------------------------------------------

@pytest.fixture(scope="module")
def valley(train_digits, pretrained_net):
    _, average_cost = notebook_cost_functions()
    images, labels = train_digits
    images, labels = images[:2000], labels[:2000]
    probe = pretrained_net.copy()

    def cost_at(value):
        probe.weights[2][7, 15] = value
        return average_cost(probe, images, labels)

    knob = np.linspace(-10, 20, 61)
    return cost_at, knob, np.array([cost_at(v) for v in knob]), pretrained_net.weights[2][7, 15]


def test_the_trained_value_sits_at_the_bottom_of_the_valley(valley):
    cost_at, knob, costs, trained_value = valley
    assert cost_at(trained_value) <= costs.min() + 1e-4
    assert costs[0] > 4 * costs.min() and costs[-1] > 4 * costs.min()   # the walls on both sides
    assert abs(knob[np.argmin(costs)] - trained_value) < 2


def test_the_walk_goes_downhill_with_steps_that_shrink_on_the_floor(valley):
    cost_at, _, costs, trained_value = valley

    def slope(value, nudge=0.01):
        return (cost_at(value + nudge) - cost_at(value - nudge)) / (2 * nudge)

    path = [-3.0]
    for _ in range(10):
        path.append(path[-1] - 100 * slope(path[-1]))
    path_costs = np.array([cost_at(v) for v in path])
    steps = np.diff(path)
    assert np.all(np.diff(path_costs) < 0)                # every step goes down
    assert np.all(steps > 0) and path[-1] < trained_value  # always towards the trained value, never past it
    assert steps[:3].min() > 5 * steps[-3:].max()          # long jumps first, short shuffles at the end
    assert path_costs[-1] < path_costs[0] / 3

    # "A slope of -0.0147 means: turn the knob up a little, say by 0.1, and the cost goes down by about
    # 0.1 × 0.0147 = 0.00147. [...] from -3.00 to -1.53."
    [stated_slope] = numbers_in_text("06", r"A slope of (-?\d+\.\d+) means")
    [first_step] = numbers_in_text("06", r"from -3\.00 to (-?\d+\.\d+)")
    assert f"{slope(-3.0):.4f}" == f"{stated_slope:.4f}" and f"{path[1]:.2f}" == f"{first_step:.2f}"
    assert cost_at(-3.0) - cost_at(-2.9) == pytest.approx(0.1 * -stated_slope, rel=0.1)
    # "After 10 steps the weight is at 3.79, where the cost is almost as low as at the trained value 4.93."
    last, trained = numbers_in_text(
        "06", r"After 10 steps the weight is at (-?\d+\.\d+), .*? the trained value (-?\d+\.\d+)")
    assert f"{path[-1]:.2f}" == f"{last:.2f}" and f"{trained_value:.2f}" == f"{trained:.2f}"
    assert path_costs[-1] - cost_at(trained_value) < 0.001
