"""Self-checks for notebook n04_bias (to be written)."""

__all__ = []
