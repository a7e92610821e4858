"""The self-checks of notebook 10, the exit ticket: right answers pass, each typical mistake gets its own feedback."""

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import nnbook
from checks import fails, not_attempted, passes, run_solution
from nnbook import check
from nnbook.check import n10_exit_ticket as n10

QUESTIONS = [f"exit_{n}" for n in range(1, 9)]
CHOICE_QUESTIONS = {"exit_1": "B", "exit_4": "A", "exit_6": "C", "exit_8": "B"}
NUMBER_QUESTIONS = {"exit_2": 160, "exit_3": 0.2, "exit_5": 0.5, "exit_7": 0}


def test_the_exit_ticket_has_eight_questions_in_order_half_choices_half_numbers():
    assert n10.__all__ == QUESTIONS
    assert list(check.exercises())[-8:] == QUESTIONS
    assert set(CHOICE_QUESTIONS) | set(NUMBER_QUESTIONS) == set(QUESTIONS)
    assert n10.NOTEBOOK == "10-exit-ticket"


@pytest.mark.parametrize("name", QUESTIONS)
def test_the_worked_solution_passes_and_says_the_answer_with_its_reasoning(name):
    exercise = check.exercises()[name]
    code = exercise.solution().code
    scope = run_solution(exercise)
    passes(exercise(scope[f"answer_{name[-1]}"]))
    assert code.startswith(f"answer_{name[-1]} = ")
    comments = [line for line in code.splitlines() if line.startswith("#")]
    assert 1 <= len(comments) <= 2, code


@pytest.mark.parametrize("name", QUESTIONS)
def test_the_stub_is_not_attempted_and_says_how_to_answer(name):
    feedback = not_attempted(check.exercises()[name](...))
    wanted = '"A", "B" or "C" (in quotes)' if name in CHOICE_QUESTIONS else "a number, or a calculation"
    assert wanted in feedback.message and "run this cell again" in feedback.message


@pytest.mark.parametrize("name, letter", CHOICE_QUESTIONS.items())
def test_each_choice_question_takes_its_letter_in_any_case(name, letter):
    for answer in (letter, letter.lower(), f" {letter} "):
        passes(check.exercises()[name](answer))


@pytest.mark.parametrize("name, letter", CHOICE_QUESTIONS.items())
def test_each_wrong_choice_gets_its_own_reply_and_a_hint_to_a_notebook(name, letter):
    exercise = check.exercises()[name]
    wrong = [exercise(other) for other in "ABC" if other != letter]
    for feedback in wrong:
        fails(feedback, "Notebook 0")
    assert wrong[0].message != wrong[1].message


@pytest.mark.parametrize("name", CHOICE_QUESTIONS)
@pytest.mark.parametrize("answer", ["D", "AB", "", 1, None, ["A"], True, np.array("A")])
def test_a_choice_question_asks_for_one_letter_and_names_its_variable(name, answer):
    fails(check.exercises()[name](answer), '"A", "B" or "C"', f'answer_{name[-1]} = "A"')


@pytest.mark.parametrize("name, right", NUMBER_QUESTIONS.items())
def test_a_number_question_takes_every_kind_of_number(name, right):
    exercise = check.exercises()[name]
    for answer in (right, float(right), np.float64(right), Fraction(right).limit_denominator(10), Decimal(str(right))):
        passes(exercise(answer))


@pytest.mark.parametrize("name", NUMBER_QUESTIONS)
@pytest.mark.parametrize("answer, phrases", [
    ("7", ["text", "quotes"]),
    (None, ["number"]),
    (float("nan"), ["finite"]),
    ([1, 2, 3, 4], ["number"]),
    ("seven", ["text"]),
])
def test_a_number_question_explains_answers_that_are_not_one_number(name, answer, phrases):
    fails(check.exercises()[name](answer), *phrases)


@pytest.mark.parametrize("name, text", [("exit_2", "16 * 10"), ("exit_3", "2*0.5 + -1*0.8"),
                                        ("exit_5", "1 / (1 + 1)"), ("exit_7", "max(0, -2)")])
def test_a_calculation_in_quotes_is_named_as_text_python_does_not_work_out(name, text):
    fails(check.exercises()[name](text), "does not work out what is inside quotes", f"answer_{name[-1]} = {text}")


def test_a_bool_is_not_a_number():
    for name in NUMBER_QUESTIONS:
        fails(check.exercises()[name](False))


# Question 1 -------------------------------------------------------------------------

@pytest.mark.parametrize("answer, phrases", [
    ("A", ["not a chance or a certainty", "grey value", "Notebook 01, 'A picture is a grid of numbers'"]),
    ("C", ["place in the list", "28 × row + column", "Notebook 01, 'From a grid to a list'"]),
])
def test_q1_names_the_misconception_of_each_wrong_choice(answer, phrases):
    fails(check.exit_1(answer), *phrases)


# Question 2 -------------------------------------------------------------------------

@pytest.mark.parametrize("answer, phrase", [
    (26, "16 + 10 counts the neurons"),
    (10, "leave ONE neuron of hidden layer 2"),
    (16, "into ONE output neuron"),
    (256, "into hidden layer 2"),
    (12_544, "into hidden layer 1"),
    (784 * 10, "straight from the pixels"),
    (12_960, "lines of the whole network"),
    (13_002, "weights and biases"),
    (826, "number of neurons"),
    (170, "biases"),
    (320, "twice"),
    (161, "161 is not the number of lines"),
    (160.5, "lines are counted in whole numbers"),
    (Fraction(321, 2), "lines are counted in whole numbers"),
])
def test_q2_explains_each_typical_count(answer, phrase):
    fails(check.exit_2(answer), phrase)


def test_q2_counts_the_network_it_names():
    inputs, hidden_1, hidden_2, outputs = n10.LAYERS
    assert n10.LAYERS == nnbook.Network().sizes
    assert run_solution(check.exit_2)["answer_2"] == hidden_2 * outputs
    parameters = sum(a * b for a, b in zip(n10.LAYERS[:-1], n10.LAYERS[1:])) + sum(n10.LAYERS[1:])
    assert parameters == 13_002 and sum(n10.LAYERS) == 826


def test_q2_reads_a_thousands_comma():
    fails(check.exit_2((12, 544)), "Python read it as 2 separate numbers")


def test_q2_says_what_is_wrong_with_a_negative_or_huge_count():
    fails(check.exit_2(-160), "cannot be below 0")
    fails(check.exit_2(10**5000), "far more lines than the whole network has: 12,960")
    fails(check.exit_2(Fraction(10**400, 3)))
    fails(check.exit_2(float("inf")), "finite")


# Question 3 -------------------------------------------------------------------------

def test_q3_sum_is_the_one_the_solution_and_the_praise_name():
    assert sum(w * a for w, a in zip(n10.WEIGHTS, n10.ACTIVATIONS)) == pytest.approx(0.2)
    assert nnbook.weighted_sum(list(n10.WEIGHTS), list(n10.ACTIVATIONS)) == pytest.approx(0.2)
    assert n10.ACTIVATIONS[-1] == 0.0  # the black pixel the praise speaks of


@pytest.mark.parametrize("answer, phrase", [
    (5.3, "all six numbers"),
    (4.0, "weights added up"),
    (1.3, "activations added up"),
    (1.8, "every weight were positive"),
    (3.2, "3 × 0.0 as 3"),
    (5.2, "(sum of the weights) × (sum of the activations)"),
    (-0.2, "the sign is wrong"),
    (-0.8, "first product"),
    (1.0, "second product"),
    (0.92, "-0.08"),
    (0, "not a whole number"),
    ([1.0, -0.8, 0.0], "three numbers"),
    (np.array([1.0, -0.8, 0.0]), "three numbers"),
    ((0, 2), "Python writes decimals with a point: 0.2"),
    (0.3, "0.3 is not it"),
    (0.2000001, "right to about 7 digits"),
])
def test_q3_explains_each_typical_slip(answer, phrase):
    fails(check.exit_3(answer), phrase)


def test_q3_each_known_slip_is_a_different_number():
    """No two slips give the same sum, so each answer is told its own slip."""
    messages = {str(check.exit_3(value)) for value in (5.3, 4.0, 1.3, 1.8, 3.2, 5.2, -0.2, -0.8, 1.0, 0.92)}
    assert len(messages) == 10


# Question 4 -------------------------------------------------------------------------

@pytest.mark.parametrize("answer, phrases", [
    ("B", ["bias as the threshold itself", "sign flipped", "Notebook 04, 'From threshold to bias'"]),
    ("C", ["added once to the whole weighted sum", "Notebook 04"]),
])
def test_q4_names_the_misconception_of_each_wrong_choice(answer, phrases):
    fails(check.exit_4(answer), *phrases)


# Question 5 -------------------------------------------------------------------------

def test_q5_is_sigma_of_zero():
    assert n10.SIGMOID_SUM + n10.SIGMOID_BIAS == 0
    assert float(nnbook.sigmoid(n10.SIGMOID_SUM + n10.SIGMOID_BIAS)) == 0.5


@pytest.mark.parametrize("answer, phrase", [
    (0, "the number that goes into σ"),
    (1, "e⁰ as 0"),
    (2, "the bottom of the fraction"),
    (0.98, "σ(4), the weighted sum alone"),
    (float(nnbook.sigmoid(4.0)), "σ(4)"),
    (0.9997, "σ(8)"),
    (0.02, "σ(-4), the bias alone"),
    (8, "8 is 4 - (-4)"),
    (-1, "always between 0 and 1"),
    (0.3, "0.3 is not it"),
    (0.5000001, "right to about 7 digits"),
])
def test_q5_explains_each_typical_slip(answer, phrase):
    fails(check.exit_5(answer), phrase)


# Question 6 -------------------------------------------------------------------------

@pytest.mark.parametrize("answer, phrases", [
    ("A", ["activations are not stored", "worked out again for every picture", "Notebook 06"]),
    ("B", ["the picture itself", "cannot change what it is shown", "Notebook 06"]),
])
def test_q6_names_the_misconception_of_each_wrong_choice(answer, phrases):
    fails(check.exit_6(answer), *phrases)


def test_q6_praise_counts_the_parameters_of_the_video_network():
    text = str(check.exit_6("C"))
    assert "13,002" in text and f"{nnbook.Network().n_parameters:,}" == "13,002"


# Question 7 -------------------------------------------------------------------------

def test_q7_z_is_below_zero_so_relu_gives_zero():
    z = n10.RELU_SUM + n10.RELU_BIAS
    assert z == -2 and float(nnbook.relu(z)) == 0.0
    assert f"{float(nnbook.sigmoid(z)):.2f}" == "0.12"  # the praise's σ(-2) ≈ 0.12


@pytest.mark.parametrize("answer, phrase", [
    (-2, "before ReLU"),
    (2, "without its minus sign"),
    (10, "10 is 4 - (-6)"),
    (4, "the bias is missing"),
    (0.12, "σ(-2), the sigmoid"),
    (float(nnbook.sigmoid(-2.0)), "σ(-2)"),
    (5, "5 is not it"),
    (1e-9, "is not it"),
])
def test_q7_explains_each_typical_slip(answer, phrase):
    fails(check.exit_7(answer), phrase)


def test_q7_accepts_minus_zero():
    passes(check.exit_7(-0.0))
    passes(check.exit_7(max(0, n10.RELU_SUM + n10.RELU_BIAS)))


# Question 8 -------------------------------------------------------------------------

def test_q8_outputs_have_one_brightest_and_do_not_add_up_to_one():
    outputs = np.array(n10.OUTPUTS)
    assert outputs.shape == (10,) and np.all((0 <= outputs) & (outputs <= 1))
    assert np.sum(outputs == outputs.max()) == 1 and int(np.argmax(outputs)) == 3
    assert not math.isclose(outputs.sum(), 1.0, abs_tol=0.1)


@pytest.mark.parametrize("answer, phrases", [
    ("A", ["always answers", "no \"I don't know\" output", "Notebook 09, Exercise 1"]),
    ("C", ["activations, not chances", f"add up to {sum(n10.OUTPUTS):.2f}, not 1", "not a 64% chance",
           "Notebook 09, 'Activations, not chances'"]),
])
def test_q8_names_the_misconception_of_each_wrong_choice(answer, phrases):
    fails(check.exit_8(answer), *phrases)


def test_q8_praise_names_the_brightest_output():
    assert "the network says 3" in str(passes(check.exit_8("B")))


@pytest.fixture
def dutch():
    nnbook.set_language("nl")
    yield
    nnbook.set_language("en")


def test_the_feedback_speaks_dutch_after_set_language(dutch):
    text = str(check.exit_2(16 + 10))
    assert "telt de neuronen aan beide kanten" in text and "Opdracht 1" in text, text
    assert "is ongeveer σ(4), alleen de gewogen som" in str(check.exit_5(0.98))
    assert str(passes(check.exit_8("B"))).startswith("✓ exit_8: uitvoer 3 is het hoogst (0.64)")
    assert "tussen aanhalingstekens" in str(not_attempted(check.exit_1(...)))
    assert "# Een neuron van de invoerlaag" in repr(check.exit_1.solution())
