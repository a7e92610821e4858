"""Self-checks for notebook 00's Python warm-ups: just the Python and numpy the course's core uses."""

from __future__ import annotations

__all__: list[str] = []
