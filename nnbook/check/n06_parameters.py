"""Self-checks for notebook n06_parameters (to be written)."""

__all__ = []
