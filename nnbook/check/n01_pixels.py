"""Self-checks for notebook n01_pixels (to be written)."""

__all__ = []
