"""Dicts, JSON and TOML in and out, through one strictly configured converter.

The converter never coerces: a number is not text, ``true`` is not
``"True"``, a string is not a list of characters, and unknown keys are
errors. All problems found in one document are reported together in a
single `ValidationError`, each with its path.

A document carries its format version as a top-level ``"format": 1``.
`to_dict` always writes it; on input it is optional (a document without it
is read as format 1), but any other value is refused, so a document
written for a later format is never misread.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    TypeAlias,
    TypeVar,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from rejectkit import _validation as v
from rejectkit._files import read_capped
from rejectkit._models import Application
from rejectkit.exceptions import LoadError, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

_T = TypeVar("_T")

MAX_DOCUMENT_BYTES: Final = 1_000_000
"""The largest document `load` and `loads` read, in bytes of UTF-8."""
FORMAT_VERSION: Final = 1
"""The document format this version writes and reads."""
MAX_SAFE_NUMBER: Final = 2**53
"""Numbers beyond this lose precision in JSON readers, so none is accepted."""
_MAX_NUMBER_TEXT: Final = 100

_JSON_TYPE_NAMES: Final = {
    bool: "boolean",
    int: "number",
    float: "number",
    str: "text",
    dict: "table",
    list: "list",
}


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    for kind, name in _JSON_TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


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
    return v.parse_date(value, "")


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
            path = _key_path(path, note.name)
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
        keys = sorted(exc.extra_fields, key=repr)
        return [(_key_path(path, key), "unknown key") for key in keys]
    if isinstance(exc, KeyError):
        return [(path, "is required")]
    if isinstance(exc, TypeError | AttributeError):
        return [(path, "expected a table of fields")]
    return [(path, str(exc))]


def _key_path(path: str, key: object) -> str:
    shown = key if isinstance(key, str) else repr(key)
    return f"{path}.{shown}" if path else shown


def _without_format(data: Mapping[Any, Any]) -> Mapping[Any, Any]:
    if "format" not in data:
        return data
    version = data["format"]
    if (
        isinstance(version, bool)
        or not isinstance(version, int | float)
        or version != FORMAT_VERSION
    ):
        raise ValidationError.single(
            "format",
            f"{version!r} is not a document format this version reads; "
            f"it reads format {FORMAT_VERSION}",
        )
    return {key: value for key, value in data.items() if key != "format"}


def structure(data: object, type_: type[_T]) -> _T:
    """Build a model from plain data, reporting every problem at once.

    Args:
        data: A mapping as produced by `unstructure`, or read from JSON or
            TOML. For an `Application`, an optional ``"format"`` key must be
            `FORMAT_VERSION`.
        type_: The attrs class to build.

    Returns:
        The model.

    Raises:
        ValidationError: Names the path of each bad field and the problem.
    """
    if not isinstance(data, Mapping):
        raise ValidationError.single(
            "", f"expected a table of fields, got {_type_name(data)}"
        )
    if issubclass(type_, Application):
        data = _without_format(data)
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
        A dict of strings, lists, dicts and ``None``; an `Application`'s
        starts with ``"format": 1``. It always passes
        ``json.dumps(..., allow_nan=False)``.
    """
    result: dict[str, Any] = converter().unstructure(instance)
    if isinstance(instance, Application):
        result = {"format": FORMAT_VERSION, **result}
    return result


class _Table(dict[str, Any]):
    """A parsed JSON object that remembers the keys it was given twice."""

    duplicates: tuple[str, ...] = ()


def _table(pairs: list[tuple[str, Any]]) -> _Table:
    table = _Table()
    duplicates = []
    for key, value in pairs:
        if key in table:
            duplicates.append(key)
        table[key] = value
    table.duplicates = tuple(duplicates)
    return table


def _reject_constant(name: str) -> object:
    raise ValidationError.single(
        "", f"not valid JSON: {name} is not a number JSON allows"
    )


def _number_text(text: str) -> None:
    if len(text) > _MAX_NUMBER_TEXT:
        raise ValidationError.single(
            "", f"the number {text[:20]}... is too large ({len(text)} characters)"
        )


def _parse_int(text: str) -> int:
    _number_text(text)
    return int(text)


def _parse_float(text: str) -> float:
    _number_text(text)
    return float(text)


def _depth(type_: object) -> int:
    if isinstance(type_, type) and attrs.has(type_):
        hints = get_type_hints(type_)
        return 1 + max((_depth(hints[f.name]) for f in attrs.fields(type_)), default=0)
    args = get_args(type_)
    if get_origin(type_) is tuple:
        return 1 + max((_depth(arg) for arg in args if arg is not Ellipsis), default=0)
    return max((_depth(arg) for arg in args), default=0)


@functools.cache
def max_depth() -> int:
    """Return how deeply tables and lists nest in the deepest document.

    Derived from the models' field types, so that a check before loading
    costs nothing like building the whole schema.

    Returns:
        The number of levels, the document itself being the first.
    """
    return _depth(Application)


def check_tree(data: object) -> None:
    """Check the shape of a parsed document before it is read as a model.

    Args:
        data: The parsed document.

    Raises:
        ValidationError: A key appears twice in one table, a number is not
            finite or beyond `MAX_SAFE_NUMBER`, or containers nest deeper
            than any field of the document (see `max_depth`).
    """
    limit = max_depth()
    problems: list[tuple[str, str]] = []
    stack: list[tuple[object, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, bool | str) or value is None:
            continue
        if isinstance(value, int | float):
            if not math.isfinite(value) or abs(value) > MAX_SAFE_NUMBER:
                problems.append((path, f"the number {value!r} is out of range"))
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= limit:
            problems.append(
                (path, f"nested deeper than the {limit} levels a document has")
            )
            continue
        if isinstance(value, dict):
            problems.extend(
                (_key_path(path, key), "duplicate key")
                for key in getattr(value, "duplicates", ())
            )
            stack.extend(
                (item, _key_path(path, key), depth + 1)
                for key, item in reversed(value.items())
            )
        else:
            stack.extend(
                (item, f"{path}[{index}]", depth + 1)
                for index, item in reversed(list(enumerate(value)))
            )
    if problems:
        raise ValidationError(problems)


def parse_json(text: str) -> object:
    """Parse a JSON document strictly.

    NaN, Infinity and numbers longer than a hundred characters are refused
    while parsing; keys given twice are recorded for `check_tree`.

    Args:
        text: The document.

    Returns:
        The parsed data.

    Raises:
        ValidationError: The document is not valid JSON.
    """
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
            object_pairs_hook=_table,
        )
    except json.JSONDecodeError as exc:
        raise ValidationError.single(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise ValidationError.single("", "not valid JSON: nested too deeply") from exc


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
        return tomllib.loads(text, parse_float=_parse_float)
    except ValidationError:
        raise
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.single("", f"not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise ValidationError.single("", "not valid TOML: nested too deeply") from exc
    except ValueError as exc:
        # int() refuses integers of more than 4300 digits.
        raise ValidationError.single(
            "", f"not valid TOML: a number is too large ({exc})"
        ) from exc


Format: TypeAlias = Literal["json", "toml"]
"""The document formats `load` and `loads` read."""
_FORMATS: Final = get_args(Format)


def _check_format(format: object) -> Format:  # noqa: A002
    if format in _FORMATS:
        return cast("Format", format)
    allowed = ", ".join(_FORMATS)
    raise ValidationError.single("format", f"{format!r} is not one of {allowed}")


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Application:  # noqa: A002
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
        ValidationError: *path* is not a path, *format* is not ``"json"``
            or ``"toml"``, or the document's content is invalid.
    """
    if not isinstance(path, str | os.PathLike):
        raise ValidationError.single(
            "path", f"expected a file path, got {type(path).__name__}"
        )
    file = Path(path)
    given: object = format
    if format is None:
        given = file.suffix.lower()[1:]
        if given not in _FORMATS:
            raise LoadError(f"{file}: expected a .json or .toml file")
    checked = _check_format(given)
    return loads(read_capped(file, MAX_DOCUMENT_BYTES), format=checked)


def loads(data: str | bytes, *, format: Format = "json") -> Application:  # noqa: A002
    """Read an application from the text of a JSON or TOML document.

    Args:
        data: The document.
        format: ``"json"`` or ``"toml"``.

    Returns:
        The application.

    Raises:
        ValidationError: The document is invalid, larger than
            `MAX_DOCUMENT_BYTES`, not UTF-8, or *format* is unknown.
    """
    checked = _check_format(format)
    if isinstance(data, bytes | bytearray):
        size = len(data)
    elif isinstance(data, str):
        # Counting characters first spares encoding a huge string.
        too_long = len(data) > MAX_DOCUMENT_BYTES
        size = len(data) if too_long else len(data.encode("utf-8", "surrogatepass"))
    else:
        raise ValidationError.single(
            "", f"expected the document as str or bytes, got {type(data).__name__}"
        )
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError.single(
            "", f"the document is larger than {MAX_DOCUMENT_BYTES} bytes"
        )
    if isinstance(data, str):
        text = data
    else:
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError.single(
                "", f"not valid UTF-8 at byte {exc.start}"
            ) from exc
    parsed = parse_json(text) if checked == "json" else parse_toml(text)
    check_tree(parsed)
    return structure(parsed, Application)
