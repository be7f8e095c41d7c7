"""Checks shared by the models: single-line text, email addresses, dates, URLs.

Each check either returns nothing or raises `ValidationError` naming the
field. None of them changes a value: text is accepted exactly as given or
rejected.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import urlsplit

from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

    import attrs

MAX_NAME_LENGTH: Final = 100
"""Longest accepted person name part, in code points."""
MAX_TEXT_LENGTH: Final = 200
"""Longest accepted title, company, team or other short single-line text."""
MAX_NOTE_LENGTH: Final = 1000
"""Longest accepted free-text note (an interview highlight or feedback note)."""
MAX_EMAIL_LENGTH: Final = 254
"""Longest email address RFC 5321 lets through a forward path."""
MAX_URL_LENGTH: Final = 2000
"""Longest accepted link in a signature."""

# Characters that render as nothing, so a value made only of them (or
# beginning or ending with them) would look empty or padded in a letter.
_INVISIBLE: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
# Explicit bidi embeddings, overrides and isolates reorder the text around
# them; rejectkit adds its own isolation where a name needs it.
_BIDI_CONTROLS: Final = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Everything str.splitlines() treats as a line boundary.
_LINE_BREAKS: Final = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

_Value = TypeVar("_Value")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else code


def _blank(char: str) -> bool:
    return char.isspace() or char in _INVISIBLE


def check_line(value: object, field: str, *, max_length: int) -> str:
    """Check one line of human text and return it unchanged.

    Args:
        value: The value to check.
        field: The field's name, used in the error.
        max_length: The longest accepted length, in code points.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not a string, is empty or blank, starts
            or ends with white space, holds a line break, a control, a bidi
            control or a lone surrogate, or is too long.
    """
    if not isinstance(value, str):
        raise ValidationError.single(
            field, f"expected text, got {type(value).__name__}"
        )
    if not value or all(_blank(c) for c in value):
        raise ValidationError.single(field, "must not be empty or blank")
    if _blank(value[0]) or _blank(value[-1]):
        raise ValidationError.single(field, "must not start or end with white space")
    for char in value:
        if char in _LINE_BREAKS:
            raise ValidationError.single(
                field, f"must be a single line, found {_describe(char)}"
            )
        if char in _BIDI_CONTROLS:
            raise ValidationError.single(
                field, f"must not hold bidi control {_describe(char)}"
            )
        category = unicodedata.category(char)
        if category == "Cc":
            raise ValidationError.single(
                field, f"must not hold control character {_describe(char)}"
            )
        if category == "Cs":
            raise ValidationError.single(
                field, f"must not hold a lone surrogate {_describe(char)}"
            )
    if len(value) > max_length:
        raise ValidationError.single(
            field,
            f"is {len(value)} characters long, the limit is {max_length}",
        )
    return value


def line(max_length: int) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator for a required single line of text.

    Args:
        max_length: The longest accepted length, in code points.

    Returns:
        The validator.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        check_line(value, attribute.name, max_length=max_length)

    return validate


def optional(
    validator: Callable[[Any, attrs.Attribute[Any], Any], None],
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Wrap *validator* so that ``None`` is accepted too.

    Args:
        validator: The validator for present values.

    Returns:
        The wrapped validator.
    """

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return validate


_EMAIL_FORBIDDEN: Final = frozenset(' "(),:;<>[\\]')


def check_email(value: object, field: str) -> str:
    """Check a single plain email address and return it unchanged.

    Only the plain ``local@domain`` form is accepted, in ASCII: no display
    name, no comments, no quoted local part, no second address. A domain in
    another script must be given in its ASCII (``xn--``) form.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not one plain address.
    """
    text = check_line(value, field, max_length=MAX_EMAIL_LENGTH)
    if not text.isascii():
        raise ValidationError.single(
            field,
            "must be ASCII; give an international domain in its xn-- form",
        )
    bad = sorted(set(text) & _EMAIL_FORBIDDEN)
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        raise ValidationError.single(field, f"must be one plain address, found {shown}")
    local, at, domain = text.rpartition("@")
    if not at or not local or "@" in local:
        raise ValidationError.single(
            field, f"{text!r} is not an address of the form name@domain"
        )
    if len(local) > 64:  # noqa: PLR2004 - RFC 5321 section 4.5.3.1.1
        raise ValidationError.single(
            field, "the part before @ is longer than 64 characters"
        )
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise ValidationError.single(
            field, f"{text!r} has a misplaced dot before the @"
        )
    labels = domain.split(".")
    if len(labels) < 2 or not all(_domain_label(label) for label in labels):  # noqa: PLR2004
        raise ValidationError.single(field, f"{domain!r} is not a valid domain")
    return text


def _domain_label(label: str) -> bool:
    return (
        0 < len(label) <= 63  # noqa: PLR2004 - RFC 1035
        and label[0] != "-"
        and label[-1] != "-"
        and all(c.isalnum() or c == "-" for c in label)
    )


def email(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: *value* is one plain email address.

    Raises:
        ValidationError: See `check_email`.
    """
    check_email(value, attribute.name)


def check_url(value: object, field: str) -> str:
    """Check an absolute http or https URL and return it unchanged.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not text, not a URL, or not http(s).
    """
    text = check_line(value, field, max_length=MAX_URL_LENGTH)
    if not text.isascii() or any(c.isspace() for c in text):
        raise ValidationError.single(
            field, f"{text!r} is not a URL (spaces or non-ASCII)"
        )
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError.single(field, f"{text!r} is not an http(s) URL")
    return text


def calendar_date(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Attrs validator: *value* is a `datetime.date` and not a `datetime`.

    Raises:
        ValidationError: *value* is a datetime or not a date at all.
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError.single(
            attribute.name,
            f"expected a date (without time), got {type(value).__name__}",
        )


def member_of(
    enum_type: type[enum.Enum],
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator that accepts members of *enum_type* only.

    Args:
        enum_type: The enumeration.

    Returns:
        The validator.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, enum_type):
            allowed = ", ".join(str(m.value) for m in enum_type)
            raise ValidationError.single(
                attribute.name, f"{value!r} is not one of {allowed}"
            )

    return validate


def tuple_of(
    item_type: type[_Value] | tuple[type, ...],
    *,
    max_items: int,
    check: Callable[[Any, str], object] | None = None,
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator for a tuple whose items share one type.

    Args:
        item_type: The type (or types) every item must have.
        max_items: The most items accepted.
        check: An optional check run on each item with its path.

    Returns:
        The validator.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        name = attribute.name
        if not isinstance(value, tuple):
            raise ValidationError.single(
                name, f"expected a tuple, got {type(value).__name__}"
            )
        if len(value) > max_items:
            raise ValidationError.single(
                name, f"has {len(value)} items, the limit is {max_items}"
            )
        for index, item in enumerate(value):
            path = f"{name}[{index}]"
            if not isinstance(item, item_type):
                raise ValidationError.single(path, f"unexpected {type(item).__name__}")
            if check is not None:
                check(item, path)

    return validate


def instance_of(
    kind: type[object],
) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """Return an attrs validator that checks the value's type.

    Args:
        kind: The expected type.

    Returns:
        The validator.
    """

    def validate(
        _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if not isinstance(value, kind):
            raise ValidationError.single(
                attribute.name,
                f"expected {kind.__name__}, got {type(value).__name__}",
            )

    return validate


def check_message_id(value: object, field: str) -> str:
    """Check a Message-ID of the form ``<id@host>`` and return it unchanged.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not a Message-ID.
    """
    text = check_line(value, field, max_length=MAX_TEXT_LENGTH)
    inner = text[1:-1]
    if (
        not (text.startswith("<") and text.endswith(">"))
        or inner.count("@") != 1
        or not inner.isascii()
        or any(c.isspace() or c in '<>"(),;:[]\\' for c in inner)
    ):
        raise ValidationError.single(
            field, f"{text!r} is not a Message-ID like <id@host>"
        )
    return text


def message_id(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Attrs validator: *value* is a Message-ID such as ``<id@host>``.

    Raises:
        ValidationError: See `check_message_id`.
    """
    check_message_id(value, attribute.name)
