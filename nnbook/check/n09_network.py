"""Self-checks for notebook n09_network (to be written)."""

__all__ = []
