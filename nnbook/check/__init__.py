"""Self-checks for the course's exercises.

Each exercise is an object you call with your answer::

    from nnbook import check
    check.pixel_count(my_answer)      # ✓, or what is wrong and a hint
    check.pixel_count.solution()      # a worked solution

An untouched exercise reports "not attempted yet"; nothing you pass can
crash it. The exercises of each notebook live in their own module below.
"""

from ._core import Exercise, Feedback, NotAttempted, Solution, Wrong
from .n01_pixels import *  # noqa: F401,F403
from .n02_layers import *  # noqa: F401,F403
from .n03_weighted_sums import *  # noqa: F401,F403
from .n04_bias import *  # noqa: F401,F403
from .n05_sigmoid import *  # noqa: F401,F403
from .n06_parameters import *  # noqa: F401,F403
from .n07_matrices import *  # noqa: F401,F403
from .n08_relu import *  # noqa: F401,F403
from .n09_network import *  # noqa: F401,F403


def exercises() -> dict[str, Exercise]:
    """Every exercise in the course, by name."""
    return {name: value for name, value in globals().items() if isinstance(value, Exercise)}
