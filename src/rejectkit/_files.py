"""Read a caller's file whole, refusing one larger than a limit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rejectkit.exceptions import LoadError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["read_capped"]


def read_capped(file: Path, limit: int) -> bytes:
    """Return the bytes of *file*, reading at most one byte past *limit*.

    Args:
        file: The file to read.
        limit: The largest size accepted, in bytes.

    Returns:
        The file's bytes.

    Raises:
        LoadError: The file cannot be read, or is larger than *limit*; the
            message starts with the file's name.
    """
    try:
        with file.open("rb") as stream:
            raw = stream.read(limit + 1)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise LoadError(f"{file}: {reason}") from exc
    if len(raw) > limit:
        raise LoadError(f"{file}: larger than {limit} bytes")
    return raw
