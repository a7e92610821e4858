"""Self-checks for notebook n03_weighted_sums (to be written)."""

__all__ = []
