"""The self-check machinery: nothing a learner passes can crash it."""

import importlib
import pkgutil

import numpy as np
import pytest

from nnbook import check
from nnbook.check import _core
from nnbook.check._core import Exercise, Wrong, call, exercise, expect_array, expect_number


@exercise(solution="def double(x):\n    return 2 * x\n", registry={})
def double(answer):
    """Write double(x)."""
    result = expect_number(call(answer, 3), "double(3)")
    if result == 3:
        raise Wrong("double(3) gave 3, the input itself.", hint="Multiply by 2.")
    if result != 6:
        raise Wrong(f"double(3) gave {result:g}, expected 6.")
    return "double works."


def test_a_right_answer_passes():
    feedback = double(lambda x: 2 * x)
    assert feedback.passed and bool(feedback)
    assert str(feedback) == "✓ double: double works."


def test_the_untouched_stub_is_not_attempted():
    def stub(x):
        return ...

    for answer in (..., stub, lambda x: (_ for _ in ()).throw(NotImplementedError())):
        feedback = double(answer)
        assert feedback.status == _core.NOT_ATTEMPTED and not feedback
        assert str(feedback).startswith("○ double: not attempted yet.")


def test_a_specific_wrong_answer_gets_its_message_and_hint():
    feedback = double(lambda x: x)
    assert feedback.status == _core.FAIL
    assert str(feedback) == "✗ double: double(3) gave 3, the input itself.\n  Hint: Multiply by 2."


def test_answers_that_raise_return_none_or_are_not_functions():
    assert "raised ZeroDivisionError: division by zero" in str(double(lambda x: x / 0))
    assert "returned None" in str(double(lambda x: None)) and "forget the `return` line" in str(double(lambda x: None))
    assert "expected a function, got int" in str(double(6))
    assert "should be one number, got the text '6' (a str, because it is in quotes)" in str(double(lambda x: "6"))
    assert "not a finite number" in str(double(lambda x: float("nan")))


def test_two_answers_instead_of_one_get_a_friendly_message():
    feedback = double(lambda x: 2 * x, 5)
    assert feedback.status == _core.FAIL
    assert "takes one answer, but you gave it 2" in str(feedback)
    assert "check.double((part1, part2))" in str(feedback)


def test_a_bug_in_checking_becomes_feedback_not_a_traceback():
    @exercise(solution="", registry={})
    def fragile(answer):
        return answer["key"]

    feedback = fragile(3)
    assert feedback.status == _core.FAIL and "TypeError" in str(feedback)


def test_solution_is_shown_as_code_and_passes():
    solution = double.solution()
    assert repr(solution).startswith("# A worked solution for double:\ndef double(x):")
    scope = {}
    exec(solution.code, scope)
    assert double(scope["double"]).passed


def test_expect_array_checks_shape_and_values():
    assert expect_array([1, 2], "x", shape=(2,)).tolist() == [1.0, 2.0]
    for value, message in (([1, 2, 3], "should have shape (2,)"), ([1, np.inf], "contains NaN or infinity"), (["a", "b"], "array of numbers")):
        try:
            expect_array(value, "x", shape=(2,))
        except Wrong as wrong:
            assert message in wrong.message
        else:
            raise AssertionError(f"{value!r} was accepted")


def test_numbers_written_as_text_get_a_specific_hint():
    for text, hint in (("6", "Leave out the quotes"), ("1,4", "with a dot: 1.4"), ("six", "with digits"),
                       ("12,960", "the thousands comma: 12960")):
        try:
            expect_number(text, "your answer")
        except Wrong as wrong:
            assert hint in wrong.hint, (text, wrong.hint)
        else:
            raise AssertionError(f"{text!r} was accepted")


def test_printing_instead_of_returning_is_named(capsys):
    def prints(x):
        print(2 * x)

    feedback = double(prints)
    assert "printed its answer but returned None" in str(feedback)
    assert "return hands it back" in str(feedback)
    assert capsys.readouterr().out == "6\n", "the learner's own print still shows"


def test_hints_name_the_real_exercise():
    assert "check.double(my_function), not check.double(my_function())" in str(double(6))


LESSONS = sorted(module.name for module in pkgutil.iter_modules(check.__path__) if not module.name.startswith("_"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_of_a_lesson_is_registered_once_and_reachable_as_check_name(lesson):
    module = importlib.import_module(f"nnbook.check.{lesson}")
    mine = {name for name, value in vars(module).items() if isinstance(value, Exercise)}
    assert mine and mine == set(module.__all__)
    for name in mine:
        assert check.exercises()[name] is getattr(module, name) is getattr(check, name)
        assert name in dir(check) and name in check.__all__
    from_elsewhere = {name for other in LESSONS if other != lesson
                      for name in importlib.import_module(f"nnbook.check.{other}").__all__}
    assert not mine & from_elsewhere


def test_the_registry_holds_exactly_the_lessons_exercises_in_notebook_order():
    names = list(check.exercises())
    assert len(names) == len(set(names)) == 31
    assert names[:3] == ["pixel_index", "pixel_position", "digit_rule"] and names[-1] == "favourite_image"


def test_two_exercises_with_one_name_are_refused_with_a_clear_error():
    registry = {}

    def first(answer):
        return "first"

    def second(answer):
        return "second"

    exercise(solution="", name="twice", registry=registry)(first)
    with pytest.raises(ValueError, match=r"two exercises are named 'twice'.*first and .*second.*another name"):
        exercise(solution="", name="twice", registry=registry)(second)
    assert registry["twice"].judge is first


def test_defining_the_same_judge_again_replaces_it_as_a_module_reload_does():
    registry = {}

    def judge(answer):
        return "old"

    exercise(solution="", registry=registry)(judge)
    exercise(solution="", registry=registry)(judge)
    assert list(registry) == ["judge"]
