"""Self-checks for notebook n07_matrices (to be written)."""

__all__ = []
