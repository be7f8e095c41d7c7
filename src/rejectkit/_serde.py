"""Dicts, JSON and TOML in and out, through one strictly configured converter.

The converter never coerces: a number is not text, ``true`` is not
``"True"``, a string is not a list of characters, and unknown keys are
errors. All problems found in one document are reported together in a
single `ValidationError`, each with its path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, get_args

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from rejectkit._models import Application
from rejectkit.exceptions import LoadError, ValidationError

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    import attrs

_T = TypeVar("_T")

MAX_DOCUMENT_BYTES: Final = 1_000_000
"""The largest file `load` reads."""


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _structure_str(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise ValidationError.single("", f"expected text, got {_type_name(value)}")
    return value


def _structure_date(value: object, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValidationError.single(
            "", f"expected a date without a time, got {value.isoformat()!r}"
        )
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValidationError.single(
            "", f"expected an ISO date such as '2024-05-17', got {_type_name(value)}"
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError.single("", f"not an ISO date: {value!r}") from None


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    allowed = [member.value for member in type_]
    if isinstance(value, str) and value in allowed:
        return type_(value)
    raise ValidationError.single("", f"{value!r} is not one of {', '.join(allowed)}")


def _is_homogeneous_tuple(type_: object) -> bool:
    args = get_args(type_)
    return getattr(type_, "__origin__", None) is tuple and (
        len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004
    )


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda member: member.value,
    )

    def tuple_hook_factory(
        type_: type[tuple[object, ...]], conv: cattrs.Converter
    ) -> Callable[[object, type], tuple[object, ...]]:
        # cattrs would happily turn "abc" into ("a", "b", "c").
        items = homogenous_tuple_structure_factory(type_, conv)

        def structure_tuple(value: object, _type: type) -> tuple[object, ...]:
            if not isinstance(value, list | tuple):
                raise ValidationError.single(
                    "", f"expected a list, got {_type_name(value)}"
                )
            return items(value, type_)  # type: ignore[no-any-return]

        return structure_tuple

    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook_factory)
    return converter


@functools.cache
def converter() -> cattrs.Converter:
    """Return the converter shared by every load and dump."""
    return _make_converter()


def _walk(exc: BaseException, path: str) -> list[tuple[str, str]]:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            path = f"{path}.{note.name}" if path else note.name
            break
        if isinstance(note, IterableValidationNote):
            path = f"{path}[{note.index}]"
            break
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[tuple[str, str]] = []
        for sub in exc.exceptions:
            found.extend(_walk(sub, path))
        return found
    if isinstance(exc, ValidationError):
        return list(exc.within(path).problems)
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            (f"{path}.{key}" if path else key, "unknown key")
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, KeyError):
        return [(path, "is required")]
    if isinstance(exc, TypeError | AttributeError):
        return [(path, "expected a table of fields")]
    return [(path, str(exc))]


def structure(data: object, type_: type[_T]) -> _T:
    """Build a model from plain data, reporting every problem at once.

    Args:
        data: A dict as produced by `unstructure`, or read from JSON or TOML.
        type_: The attrs class to build.

    Returns:
        The model.

    Raises:
        ValidationError: Names the path of each bad field and the problem.
    """
    if not isinstance(data, dict):
        raise ValidationError.single(
            "", f"expected a table of fields, got {_type_name(data)}"
        )
    try:
        return converter().structure(data, type_)
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(_walk(exc, "")) from exc


def unstructure(instance: attrs.AttrsInstance) -> dict[str, Any]:
    """Turn a model into JSON-ready plain data.

    Args:
        instance: Any rejectkit model.

    Returns:
        A dict of strings, lists, dicts and ``None``.
    """
    result: dict[str, Any] = converter().unstructure(instance)
    return result


def _reject_constant(name: str) -> object:
    raise ValidationError.single("", f"{name} is not a valid JSON number here")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValidationError.single(key, "duplicate key")
        result[key] = value
    return result


def parse_json(text: str | bytes) -> object:
    """Parse a JSON document strictly: no NaN or Infinity, no duplicate keys.

    Args:
        text: The document.

    Returns:
        The parsed data.

    Raises:
        ValidationError: The document is not valid JSON.
    """
    try:
        return json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys
        )
    except json.JSONDecodeError as exc:
        raise ValidationError.single(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError.single("", "not valid UTF-8") from exc


def parse_toml(text: str) -> object:
    """Parse a TOML document.

    Args:
        text: The document.

    Returns:
        The parsed data.

    Raises:
        ValidationError: The document is not valid TOML.
    """
    import tomllib  # noqa: PLC0415 - only loading needs it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.single("", f"not valid TOML: {exc}") from exc


def load(path: str | os.PathLike[str], *, format: str | None = None) -> Application:  # noqa: A002
    """Read an application from a JSON or TOML file.

    The format follows the file's suffix, ``.json`` or ``.toml``, unless
    *format* says otherwise. JSON dates are ISO strings (``"2024-05-17"``);
    TOML may use its native dates.

    Args:
        path: The file to read.
        format: ``"json"`` or ``"toml"``, overriding the suffix.

    Returns:
        The application.

    Raises:
        LoadError: The file cannot be read, is too large, or has another
            suffix.
        ValidationError: The document's content is invalid.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if format is None:
        if suffix not in {".json", ".toml"}:
            raise LoadError(f"{file}: expected a .json or .toml file")
        format = suffix[1:]  # noqa: A001
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise LoadError(f"{file}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise LoadError(f"{file}: larger than {MAX_DOCUMENT_BYTES} bytes")
    return loads(raw, format=format)


def loads(data: str | bytes, *, format: str = "json") -> Application:  # noqa: A002
    """Read an application from the text of a JSON or TOML document.

    Args:
        data: The document.
        format: ``"json"`` or ``"toml"``.

    Returns:
        The application.

    Raises:
        ValidationError: The document is invalid, or *format* is unknown.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError.single(
            "", f"the document is larger than {MAX_DOCUMENT_BYTES} bytes"
        )
    if format == "json":
        parsed = parse_json(data)
    elif format == "toml":
        try:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
        except UnicodeDecodeError as exc:
            raise ValidationError.single("", "not valid UTF-8") from exc
        parsed = parse_toml(text)
    else:
        raise ValidationError.single("format", f"{format!r} is not one of json, toml")
    return structure(parsed, Application)
