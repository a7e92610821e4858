"""Self-checks for notebook n08_relu (to be written)."""

__all__ = []
