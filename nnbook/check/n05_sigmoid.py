"""Self-checks for notebook n05_sigmoid (to be written)."""

__all__ = []
