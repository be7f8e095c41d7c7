"""The JSON Schema of an application document, derived from the models.

Nothing here restates a rule: each property's schema comes from the
validator of the attrs field behind it (see `rejectkit._validation.Check`),
each description from the model's docstring, and the required keys from
the fields without a default. Only rules that tie two fields together are
added by hand, in `_CROSS_FIELD`; the one rule JSON Schema cannot express
(dates that must follow each other) is in `LOADER_ONLY_RULES`.
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from rejectkit import _validation as v
from rejectkit._models import Application, Feedback, FeedbackStatus
from rejectkit._serde import FORMAT_VERSION, MAX_DOCUMENT_BYTES, converter

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["DIALECT", "LOADER_ONLY_RULES", "json_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the schema."""

LOADER_ONLY_RULES: Final = (
    "interviews[].date is on or before outcome.told_on",
    "feedback.on is on or after outcome.told_on",
    (
        "a domain in another script follows IDNA 2008 once mapped as UTS 46 "
        "maps it (upper case to lower case, fullwidth forms to ASCII), and an "
        f"address is at most {v.MAX_EMAIL_LENGTH} characters once its domain "
        "is in ASCII"
    ),
    "a domain label starting with xn-- is a valid IDNA 2008 A-label",
    (
        "in a domain with a right-to-left label, every label keeps the "
        "IDNA 2008 bidi rule (RFC 5893)"
    ),
    (
        "a label in another script keeps the rules of ASCII labels once "
        "mapped: no '--' as its third and fourth characters unless it starts "
        "with xn, and a last label that ends in a letter and is not a "
        "special-use domain"
    ),
)
"""Rules the loader applies that JSON Schema cannot express."""


def _statuses(*members: FeedbackStatus) -> dict[str, Any]:
    return {"properties": {"status": {"enum": [m.value for m in members]}}}


# Rules between fields of one model, as enforced by its __attrs_post_init__.
_CROSS_FIELD: Final[dict[type, list[dict[str, Any]]]] = {
    Feedback: [
        {
            "if": _statuses(FeedbackStatus.RECEIVED),
            "then": {"required": ["notes"], "properties": {"notes": {"minItems": 1}}},
        },
        {
            "if": _statuses(FeedbackStatus.DECLINED),
            "then": {"properties": {"notes": {"maxItems": 0}}},
        },
    ],
}

_ATTRIBUTE: Final = re.compile(r"^    (\w+): (.*)$")


def _docs(cls: type) -> tuple[str, dict[str, str]]:
    """Return a class's summary line and its documented attributes."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    summary = doc.split("\n", 1)[0]
    attributes: dict[str, str] = {}
    current: str | None = None
    in_section = False
    for line in doc.splitlines():
        if line == "Attributes:":
            in_section = True
            continue
        if not in_section:
            continue
        match = _ATTRIBUTE.match(line)
        if match:
            current = match[1]
            attributes[current] = match[2]
        elif line.startswith("        ") and current is not None:
            attributes[current] += " " + line.strip()
        elif line.strip():
            break
    return summary, attributes


def _object_schema(cls: type, ref: Callable[[type], dict[str, Any]]) -> dict[str, Any]:
    summary, described = _docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        validator = field.validator
        if not isinstance(validator, v.Check):
            msg = f"{cls.__name__}.{field.name} has no validator that describes it"
            raise TypeError(msg)
        schema: dict[str, Any] = {}
        if field.name in described:
            schema["description"] = described[field.name]
        schema.update(validator.json_schema(ref))
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            schema["default"] = converter().unstructure(field.default)
        properties[field.name] = schema
    result: dict[str, Any] = {
        "description": summary,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if cls in _CROSS_FIELD:
        result["allOf"] = _CROSS_FIELD[cls]
    return result


@functools.cache
def _schema() -> dict[str, Any]:
    defs: dict[str, dict[str, Any]] = {}

    def ref(cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object_schema(cls, ref)
        return {"$ref": f"#/$defs/{name}"}

    root = _object_schema(Application, ref)
    root["properties"] = {
        "format": {
            "description": "The document format; a document without it is "
            f"read as format {FORMAT_VERSION}.",
            "const": FORMAT_VERSION,
        },
        **root["properties"],
    }
    rules = "; ".join(LOADER_ONLY_RULES)
    return {
        "$schema": DIALECT,
        "title": "rejectkit application",
        **root,
        "description": f"{root['description']} Documents are UTF-8, at most "
        f"{MAX_DOCUMENT_BYTES} bytes, without duplicate keys. Also checked "
        f"when loading: {rules}.",
        "$defs": dict(sorted(defs.items())),
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of an application document.

    The schema is derived from the models: what `rejectkit.load`,
    `rejectkit.loads` and `Application.from_dict` accept, the schema
    accepts, and the other way round, except for the rules in
    `LOADER_ONLY_RULES`, which only the loader can check. Its patterns use
    this Python's Unicode database.

    Returns:
        A new dict, safe to change.
    """
    copied: dict[str, Any] = _copy(_schema())
    return copied


def _copy(value: Any) -> Any:  # noqa: ANN401 - JSON data
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
