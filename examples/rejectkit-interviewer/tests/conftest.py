"""Use rejectkit's isolated registry fixture in these tests."""

from rejectkit.testing import isolated_registry

__all__ = ["isolated_registry"]
