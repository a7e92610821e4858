"""Self-checks for notebook n02_layers (to be written)."""

__all__ = []
