"""Checks shared by the models: single-line text, email addresses, dates, URLs.

Each check either returns nothing or raises `ValidationError` naming the
field. None of them changes a value: text is accepted exactly as given or
rejected.

Every validator here is a `Check`: besides checking a value it describes
the values it accepts as JSON Schema, which is how `rejectkit schema`
derives the document's schema from the models instead of restating it.
The patterns in those schemas are written to mean the same in Python's
``re`` and in ECMA-262 with the ``u`` flag.
"""

from __future__ import annotations

import abc
import datetime as dt
import enum
import functools
import re
import sys
import unicodedata
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    import attrs

    Ref = Callable[[type], dict[str, Any]]
    """Returns the JSON Schema reference for a model class."""

MAX_NAME_LENGTH: Final = 100
"""Longest accepted person name part, in code points."""
MAX_TEXT_LENGTH: Final = 200
"""Longest accepted title, company, team or other short single-line text."""
MAX_NOTE_LENGTH: Final = 1000
"""Longest accepted free-text note (an interview highlight or feedback note)."""
MAX_EMAIL_LENGTH: Final = 254
"""Longest email address RFC 5321 lets through a forward path, in ASCII form."""
MAX_LOCAL_PART_LENGTH: Final = 64
"""Longest part before the ``@`` (RFC 5321 section 4.5.3.1.1)."""
MAX_DOMAIN_LENGTH: Final = 253
"""Longest domain in ASCII form, without a trailing dot (RFC 1035)."""
MAX_LABEL_LENGTH: Final = 63
"""Longest domain label in ASCII form (RFC 1035)."""
MAX_URL_LENGTH: Final = 2000
"""Longest accepted link in a signature."""
MAX_MESSAGE_ID_LENGTH: Final = 200
"""Longest accepted Message-ID, angle brackets included."""
MAX_REFERENCES: Final = 1000
"""Most Message-IDs accepted in a thread's ``References``."""

# Explicit bidi embeddings, overrides and isolates reorder the text around
# them; rejectkit adds its own isolation where a name needs it.
_BIDI_CONTROLS: Final = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Everything str.splitlines() treats as a line boundary.
_LINE_BREAKS: Final = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Letters that render as nothing; a value must not start or end with one.
_FILLERS: Final = frozenset("\u115f\u1160\u3164\uffa0")
# Tag characters end an emoji tag sequence (the flag of Scotland), so a
# value may end with them, but never start with one.
_TAGS: Final = range(0xE0020, 0xE0080)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else code


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE  # noqa: PLR2004


def _forbidden(char: str) -> str | None:
    """Say why *char* may not appear anywhere in a line, or return ``None``."""
    if char in _LINE_BREAKS:
        return f"must be a single line, found {_describe(char)}"
    if char in _BIDI_CONTROLS:
        return f"must not hold bidi control {_describe(char)}"
    category = unicodedata.category(char)
    if category == "Cc":
        return f"must not hold control character {_describe(char)}"
    if category == "Cs":
        return f"must not hold a lone surrogate {_describe(char)}"
    if _noncharacter(ord(char)):
        return f"must not hold noncharacter {_describe(char)}"
    return None


# Every character `_forbidden` refuses, as one class, so a line is scanned in
# C: C0 and C1 controls (all line breaks but two are among them), the other
# line breaks, bidi controls, surrogates and the noncharacters of each plane.
_FORBIDDEN_CHAR: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(17))
    + "]"
)


def _invisible(char: str) -> bool:
    # White space and characters that render as nothing (format characters
    # such as SOFT HYPHEN or ZERO WIDTH SPACE, Hangul fillers).
    if char.isascii():
        return char.isspace()
    return (
        char.isspace()
        or char in _FILLERS
        or (unicodedata.category(char) == "Cf" and ord(char) not in _TAGS)
    )


def _bad_start(char: str) -> bool:
    return _invisible(char) or ord(char) in _TAGS


def check_line(value: object, field: str, *, max_length: int) -> str:
    """Check one line of human text and return it unchanged.

    Accepted: any printable Unicode text in any script, with combining
    marks, emoji sequences and inner spaces, exactly as given.

    Args:
        value: The value to check.
        field: The field's name, used in the error.
        max_length: The longest accepted length, in code points.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not a string; is empty or blank
            (including no-break, ideographic and zero-width spaces); starts
            or ends with white space or an invisible character such as
            U+00AD SOFT HYPHEN; holds a line break, a control character, a
            bidi embedding, override or isolate, a lone surrogate, a
            noncharacter or ``=?`` (an encoded word to mail programs); or is
            longer than *max_length*. Text is never cut to fit.
    """
    if not isinstance(value, str):
        raise ValidationError.single(
            field, f"expected text, got {type(value).__name__}"
        )
    # A value whose first character shows is not blank: skip the scan.
    if not value or (_bad_start(value[0]) and all(_bad_start(c) for c in value)):
        raise ValidationError.single(field, "must not be empty or blank")
    found = _FORBIDDEN_CHAR.search(value)
    problem = _forbidden(found.group()) if found else None
    if problem is not None:
        raise ValidationError.single(field, problem)
    if "=?" in value:
        # A name or title can end up in an email header, where mail
        # programs decode "=?charset?q?...?=" as an encoded word.
        raise ValidationError.single(
            field,
            "must not contain '=?', which mail programs decode as an encoded word",
        )
    if _bad_start(value[0]):
        raise ValidationError.single(
            field, f"must not start with white space or {_describe(value[0])}"
        )
    if _invisible(value[-1]):
        raise ValidationError.single(
            field, f"must not end with white space or {_describe(value[-1])}"
        )
    if len(value) > max_length:
        raise ValidationError.single(
            field,
            f"is {len(value)} characters long, the limit is {max_length}",
        )
    return value


# --- JSON Schema patterns --------------------------------------------------

# End of input. Python's "$" also matches before a final newline, so the
# patterns use a lookahead that means the same in both regex dialects.
END: Final = r"(?![\s\S])"


def _class_item(start: int, stop: int) -> str:
    def one(code: int) -> str:
        # Astral characters are written literally: "\U..." is Python only
        # and "\u{...}" is ECMA-262 only.
        return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)  # noqa: PLR2004

    return one(start) if start == stop else f"{one(start)}-{one(stop)}"


def _char_class(codes: list[int]) -> str:
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "[" + "".join(_class_item(a, b) for a, b in ranges) + "]"


# Categories none of whose characters is forbidden, invisible or white
# space, apart from _SPECIAL and noncharacters; they let line_pattern pass
# over most code points quickly.
_ORDINARY: Final = frozenset(
    {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc"}
    | {"Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Co", "Cn"}
)
_SPECIAL: Final = _FILLERS | _BIDI_CONTROLS | _LINE_BREAKS


@functools.cache
def line_pattern() -> str:
    """Return the JSON Schema pattern of one line of text, as `check_line` sees it.

    The character classes are computed from the same predicates that
    `check_line` uses, with this Python's Unicode database.

    Returns:
        A regular expression for ``re.search`` and ECMA-262 (``u`` flag).
    """
    forbidden: list[int] = []
    start: list[int] = []
    end: list[int] = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if (
            unicodedata.category(char) in _ORDINARY
            and char not in _SPECIAL
            and not _noncharacter(code)
        ):
            continue
        if _forbidden(char) is not None:
            forbidden.append(code)
        if _bad_start(char):
            start.append(code)
        if _invisible(char):
            end.append(code)
    return (
        f"^(?!{_char_class(start)})(?![\\s\\S]*(?:=\\?|{_char_class(forbidden)}))"
        f"(?![\\s\\S]*{_char_class(end)}{END})[\\s\\S]"
    )


# --- Validators ------------------------------------------------------------


class Check(abc.ABC):
    """An attrs validator that also describes what it accepts as JSON Schema."""

    def __call__(
        self, _instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        """Validate *value* as the attribute's value.

        Raises:
            ValidationError: The value is invalid; the path is the
                attribute's name.
        """
        self.check(value, attribute.name)

    @abc.abstractmethod
    def check(self, value: object, path: str) -> None:
        """Check *value*, found at *path*.

        Args:
            value: The value.
            path: Where it was found, for the error.

        Raises:
            ValidationError: The value is invalid.
        """

    @abc.abstractmethod
    def json_schema(self, ref: Ref) -> dict[str, Any]:
        """Describe the accepted values as JSON Schema.

        Args:
            ref: Returns the schema reference of a model class.

        Returns:
            The schema.
        """


def _text_schema(max_length: int, *patterns: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "string",
        "minLength": 1,
        "maxLength": max_length,
    }
    all_patterns = [line_pattern(), *patterns]
    if len(all_patterns) == 1:
        schema["pattern"] = all_patterns[0]
    else:
        schema["allOf"] = [{"pattern": p} for p in all_patterns]
    return schema


class _Line(Check):
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def check(self, value: object, path: str) -> None:
        check_line(value, path, max_length=self.max_length)

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        del ref
        return _text_schema(self.max_length)


def line(max_length: int) -> Check:
    """Return an attrs validator for a required single line of text.

    Args:
        max_length: The longest accepted length, in code points.

    Returns:
        The validator; see `check_line`.
    """
    return _Line(max_length)


class _Optional(Check):
    def __init__(self, inner: Check) -> None:
        self.inner = inner

    def check(self, value: object, path: str) -> None:
        if value is not None:
            self.inner.check(value, path)

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        return {"anyOf": [self.inner.json_schema(ref), {"type": "null"}]}


def optional(validator: Check) -> Check:
    """Wrap *validator* so that ``None`` is accepted too.

    Args:
        validator: The validator for present values.

    Returns:
        The wrapped validator.
    """
    return _Optional(validator)


# RFC 5322 atext: the characters of an unquoted local part.
_ATEXT: Final = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~-"
_ATEXT_CHAR: Final = re.compile(f"[{_ATEXT}]")
_LOCAL_PART: Final = re.compile(f"[{_ATEXT}]+(?:\\.[{_ATEXT}]+)*")
_LDH_LABEL: Final = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")

SPECIAL_USE_DOMAINS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "arpa": "RFC 3172, infrastructure",
        "invalid": "RFC 6761",
        "local": "RFC 6762, multicast DNS",
        "localhost": "RFC 6761",
        "onion": "RFC 7686, Tor",
        "test": "RFC 6761",
    }
)
"""Top-level domains no address can receive mail at, with where they are reserved.

A domain under one of them is refused: such an address is never globally
deliverable. ``example`` is not among them; ``example.com`` is the domain
for examples.
"""

# The bidi classes that make a domain a "bidi domain name" (RFC 5893
# section 1.4), in which the Bidi Rule applies to every label.
_RIGHT_TO_LEFT: Final = frozenset({"R", "AL", "AN"})


def _ascii_case_free(word: str) -> str:
    # ECMA-262 has no inline flag for case, so each letter is a class.
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


# A domain label as the schema sees it: letters, digits and hyphens, or any
# other text that is not a dot, an @, white space or an ASCII special; the
# loader then checks non-ASCII and xn-- labels with IDNA 2008. An ASCII
# label has no "--" in its third and fourth characters unless it starts
# with xn, and the last label ends in a letter.
_LABEL_CHAR: Final = (
    r"[^\u0000-\u002c\u002e\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007f]"
)
_NON_ASCII_LABEL: Final = f"{_LABEL_CHAR}*[^\\u0000-\\u007f]{_LABEL_CHAR}*"
_NOT_R_LDH: Final = r"(?!(?![Xx][Nn])[A-Za-z0-9-]{2}--)"
_SCHEMA_LABEL: Final = (
    f"(?:{_NOT_R_LDH}[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?"
    f"|{_NON_ASCII_LABEL})"
)
_SCHEMA_LAST_LABEL: Final = (
    f"(?:{_NOT_R_LDH}(?:[A-Za-z0-9][A-Za-z0-9-]{{0,61}})?[A-Za-z]|{_NON_ASCII_LABEL})"
)
_SCHEMA_NOT_SPECIAL_USE: Final = (
    r"(?![\s\S]*\.(?:"
    + "|".join(_ascii_case_free(name) for name in SPECIAL_USE_DOMAINS)
    + f"){END})"
)
_EMAIL_PATTERN: Final = (
    f"^(?![^@]*=\\?)(?=[^@]{{1,{MAX_LOCAL_PART_LENGTH}}}@)"
    f"[{_ATEXT}]+(?:\\.[{_ATEXT}]+)*@{_SCHEMA_NOT_SPECIAL_USE}"
    f"(?:{_SCHEMA_LABEL}\\.)+{_SCHEMA_LAST_LABEL}{END}"
)


def _map_label(label: str, field: str, domain: str) -> str:
    """Map a label that is not ASCII as UTS 46 does before IDNA 2008 applies.

    Upper case becomes lower case and fullwidth letters, digits and hyphens
    become ASCII ones, as browsers map what users type; the result is in
    NFC. A character the mapping would drop or turn into a dot
    is refused rather than changed silently.
    """
    import idna  # noqa: PLC0415 - only for labels that need it

    try:
        mapped = idna.uts46_remap(label, std3_rules=True)
    except idna.IDNAError as exc:
        raise ValidationError.single(
            field,
            f"{domain!r} is not a valid international domain: {label!r} "
            f"breaks the IDNA 2008 rules ({exc})",
        ) from exc
    for char in label:
        if char.isascii():
            continue
        alone = idna.uts46_remap(char, std3_rules=True)
        if not alone:
            raise ValidationError.single(
                field,
                f"{domain!r} is not a valid international domain: {label!r} "
                f"holds {_describe(char)}, which IDNA mapping drops",
            )
        if "." in alone:
            raise ValidationError.single(
                field,
                f"{domain!r} is not a valid domain: {label!r} holds "
                f"{_describe(char)}, which IDNA maps to a dot; separate the "
                "labels with '.'",
            )
    return mapped


def _label_forms(label: str, field: str, domain: str) -> tuple[str, str]:
    """Check one domain label; return its ASCII form and its Unicode form."""
    mapped = label if label.isascii() else _map_label(label, field, domain)
    if mapped.isascii():
        if not _LDH_LABEL.fullmatch(mapped):
            raise ValidationError.single(
                field,
                f"{domain!r} is not a valid domain: {label!r} is not a label "
                "of letters, digits and inner hyphens",
            )
        ascii_form = unicode_form = mapped
        if mapped[2:4] == "--":
            # RFC 5890 section 2.3.1 reserves such labels for ACE prefixes;
            # xn-- is the only one in use.
            if mapped[:2].lower() != "xn":
                raise ValidationError.single(
                    field,
                    f"{domain!r} is not a valid domain: {label!r} has '--' as "
                    "its third and fourth characters, which only an xn-- label "
                    "may have",
                )
            import idna  # noqa: PLC0415 - only for labels that need it

            try:
                unicode_form = idna.ulabel(mapped)
            except idna.IDNAError as exc:
                raise ValidationError.single(
                    field,
                    f"{domain!r} is not a valid domain: {label!r} is not an "
                    f"IDNA 2008 A-label ({exc})",
                ) from exc
    else:
        import idna  # noqa: PLC0415 - only for labels that need it

        try:
            ascii_form = idna.alabel(mapped).decode("ascii")
        except idna.IDNAError as exc:
            raise ValidationError.single(
                field,
                f"{domain!r} is not a valid international domain: {label!r} "
                f"breaks the IDNA 2008 rules ({exc})",
            ) from exc
        unicode_form = mapped
    if len(ascii_form) > MAX_LABEL_LENGTH:
        raise ValidationError.single(
            field,
            f"{domain!r} is not a valid domain: a label is longer than "
            f"{MAX_LABEL_LENGTH} characters",
        )
    return ascii_form, unicode_form


def _check_bidi_domain(
    labels: list[str], unicode_labels: list[str], field: str, domain: str
) -> None:
    # Once one label is written right to left, every label must keep the
    # Bidi Rule, or 1.xn--4dbc.com and xn--4dbc.1.com would be shown alike.
    if not any(
        unicodedata.bidirectional(char) in _RIGHT_TO_LEFT
        for label in unicode_labels
        for char in label
    ):
        return
    import idna  # noqa: PLC0415 - only for a domain with a right-to-left label

    for label, unicode_label in zip(labels, unicode_labels, strict=True):
        try:
            idna.check_bidi(unicode_label, check_ltr=True)
        except idna.IDNAError as exc:
            raise ValidationError.single(
                field,
                f"{domain!r} is not a valid international domain: {label!r} "
                "breaks the IDNA 2008 bidi rule, which applies to every label "
                f"of a domain with a right-to-left label ({exc})",
            ) from exc


def _check_top_level(label: str, ascii_label: str, field: str, domain: str) -> None:
    if not ascii_label[-1].isalpha():
        shown = repr(label)
        if ascii_label != label:
            shown += f" ({ascii_label!r} in ASCII)"
        raise ValidationError.single(
            field,
            f"{domain!r} is not a valid domain: its last label, {shown}, "
            "must end in a letter, as every top-level domain does",
        )
    name = ascii_label.lower()
    if name in SPECIAL_USE_DOMAINS:
        raise ValidationError.single(
            field,
            f"{domain!r} cannot receive mail: .{name} is a special-use domain "
            f"({SPECIAL_USE_DOMAINS[name]})",
        )


def ascii_email(value: object, field: str) -> str:
    """Check a single plain email address and return its ASCII form.

    The form is ``local@domain``: no display name, no comments, no quoted
    local part, no second address. The local part is ASCII (dot-atom text)
    and never holds ``=?``, which mail programs would decode as an encoded
    word. The domain may be written in any script: each label that is not
    ASCII is mapped as UTS 46 maps it (upper case to lower case, fullwidth
    forms to ASCII) and converted to its ``xn--`` A-label with IDNA 2008
    rules (the ``idna`` package), never with the standard library's IDNA
    2003 codec, which turns ``straße.de`` into a different domain,
    ``strasse.de``. ``xn--`` labels must be valid A-labels, and no other
    label has ``--`` as its third and fourth characters. In a domain with a
    right-to-left label every label keeps the Bidi Rule (RFC 5893). The
    last label ends in a letter and is not a special-use domain (see
    `SPECIAL_USE_DOMAINS`). Length limits follow RFC 5321 and apply to the
    ASCII form.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        The address with its domain in ASCII, e.g. ``anna@xn--strae-oqa.de``
        for ``anna@straße.de`` or ``anna@Straße.de``; an ASCII address is
        returned unchanged.

    Raises:
        ValidationError: *value* is not one plain address, or its domain
            cannot receive mail.
    """
    text = check_line(value, field, max_length=MAX_EMAIL_LENGTH)
    local, at, domain = text.rpartition("@")
    if not at or not local:
        raise ValidationError.single(
            field, f"{text!r} is not an address of the form name@domain"
        )
    _check_local_part(local, domain, text, field)
    ascii_domain = _ascii_domain(domain, field)
    address = f"{local}@{ascii_domain}"
    if len(address) > MAX_EMAIL_LENGTH:
        raise ValidationError.single(
            field,
            f"is {len(address)} characters long in ASCII form, "
            f"the limit is {MAX_EMAIL_LENGTH}",
        )
    return address


def _check_local_part(local: str, domain: str, text: str, field: str) -> None:
    if not local.isascii():
        raise ValidationError.single(
            field, "the part before @ must be ASCII; rejectkit does not send SMTPUTF8"
        )
    if not _LOCAL_PART.fullmatch(local):
        # Name the specials on both sides: in "Ana <ana@example.com>" the
        # closing '>' is in the domain.
        bad = sorted(
            {
                c
                for c in local + domain
                if c.isascii() and not _ATEXT_CHAR.fullmatch(c) and c != "."
            }
        )
        if bad:
            shown = ", ".join(repr(c) for c in bad)
            raise ValidationError.single(
                field, f"must be one plain address, found {shown}"
            )
        raise ValidationError.single(
            field, f"{text!r} has a misplaced dot before the @"
        )
    if len(local) > MAX_LOCAL_PART_LENGTH:
        raise ValidationError.single(
            field,
            f"the part before @ is longer than {MAX_LOCAL_PART_LENGTH} characters",
        )
    if "=?" in local:
        raise ValidationError.single(
            field,
            "must not contain '=?', which mail programs decode as an encoded word",
        )


def _ascii_domain(domain: str, field: str) -> str:
    labels = domain.split(".")
    if len(labels) < 2:  # noqa: PLR2004
        if not domain.isascii():
            # Name a dot in another script, such as U+3002 in example。com.
            _map_label(domain, field, domain)
        raise ValidationError.single(
            field, f"{domain!r} is not a valid domain: it needs at least one dot"
        )
    forms = [_label_forms(label, field, domain) for label in labels]
    ascii_labels = [ascii_form for ascii_form, _ in forms]
    _check_bidi_domain(labels, [unicode for _, unicode in forms], field, domain)
    ascii_domain = ".".join(ascii_labels)
    if len(ascii_domain) > MAX_DOMAIN_LENGTH:
        raise ValidationError.single(
            field, f"the domain is longer than {MAX_DOMAIN_LENGTH} characters"
        )
    _check_top_level(labels[-1], ascii_labels[-1], field, domain)
    return ascii_domain


def check_email(value: object, field: str) -> str:
    """Check a single plain email address and return it unchanged.

    See `ascii_email` for the rules.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not one plain address.
    """
    ascii_email(value, field)
    assert isinstance(value, str)  # noqa: S101 - ascii_email checked it
    return value


class _Email(Check):
    def check(self, value: object, path: str) -> None:
        check_email(value, path)

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        del ref
        return _text_schema(MAX_EMAIL_LENGTH, _EMAIL_PATTERN)


email: Final[Check] = _Email()
"""Attrs validator: one plain email address; see `ascii_email`."""

# A port is empty or a number up to 65535, leading zeros allowed, as
# urllib.parse reads it.
_PORT: Final = (
    r"(?:0*(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}"
    r"|[1-5][0-9]{4}|[0-9]{1,4}))?"
)


def _ipv6_pattern() -> str:
    # RFC 3986's IPv6address, the only address a bracketed host may hold;
    # the standard library's ipaddress reads each of these forms.
    h16 = "[0-9A-Fa-f]{1,4}"
    octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    ls32 = rf"(?:{h16}:{h16}|{octet}(?:\.{octet}){{3}})"

    def before(most: int) -> str:
        # Up to most + 1 groups of h16 ahead of "::", or none.
        return f"(?:(?:{h16}:){{0,{most}}}{h16})?" if most >= 0 else ""

    forms = [
        f"(?:{h16}:){{6}}{ls32}",
        f"::(?:{h16}:){{5}}{ls32}",
        f"{before(0)}::(?:{h16}:){{4}}{ls32}",
        f"{before(1)}::(?:{h16}:){{3}}{ls32}",
        f"{before(2)}::(?:{h16}:){{2}}{ls32}",
        f"{before(3)}::{h16}:{ls32}",
        f"{before(4)}::{ls32}",
        f"{before(5)}::{h16}",
        f"{before(6)}::",
    ]
    return "(?:" + "|".join(forms) + ")"


def _url_pattern(host: str) -> str:
    return (
        r"^[Hh][Tt][Tt][Pp][Ss]?://(?:[!$&-.0-9;=A-Z_a-z~:]*@)?"
        rf"(?:{host})(?::{_PORT})?(?:[/?#][!-~]*)?{END}"
    )


_NAME_HOST: Final = "[!$&-.0-9;=A-Z_a-z~]+"
_URL_PATTERN: Final = _url_pattern(rf"{_NAME_HOST}|\[{_ipv6_pattern()}\]")
# The same pattern with a host name only: the IPv6 alternative is costly to
# compile, and only a URL with a "[" can need it.
_NAME_URL: Final = re.compile(_url_pattern(_NAME_HOST))


@functools.cache
def _url() -> re.Pattern[str]:
    return re.compile(_URL_PATTERN)


def check_url(value: object, field: str) -> str:
    """Check an absolute http or https URL and return it unchanged.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not text, not a URL, or not http(s); its
            host is not a name or an IPv6 address in brackets (RFC 3986's
            IPv6address: no zone, no IPv4 address); or its port is not a
            number up to 65535.
    """
    text = check_line(value, field, max_length=MAX_URL_LENGTH)
    if not text.isascii() or any(c.isspace() for c in text):
        raise ValidationError.single(
            field, f"{text!r} is not a URL (spaces or non-ASCII)"
        )
    try:
        parts = urlsplit(text)
        hostname = parts.hostname
        parts.port  # noqa: B018 - reading the port checks it
    except ValueError as exc:
        raise ValidationError.single(field, f"{text!r} is not a URL: {exc}") from exc
    matches = _NAME_URL.match(text) or ("[" in text and _url().match(text))
    if not matches or not hostname:
        raise ValidationError.single(field, f"{text!r} is not an http(s) URL")
    return text


class _Url(Check):
    def check(self, value: object, path: str) -> None:
        check_url(value, path)

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        del ref
        return _text_schema(MAX_URL_LENGTH, _URL_PATTERN)


url: Final[Check] = _Url()
"""Attrs validator: an absolute http(s) URL; see `check_url`."""

DATE_PATTERN: Final = f"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}{END}"
"""The only form a date may take in text: ISO 8601 ``YYYY-MM-DD``."""
_DATE: Final = re.compile(DATE_PATTERN)


def parse_date(value: str, field: str) -> dt.date:
    """Read a date written as ISO 8601 ``YYYY-MM-DD``, and nothing else.

    Week dates, ordinal dates and the basic form (``20240517``) are refused
    even where `datetime.date.fromisoformat` would take them.

    Args:
        value: The text.
        field: The field's path, used in the error.

    Returns:
        The date.

    Raises:
        ValidationError: *value* is not such a date, or no such day exists.
    """
    if not _DATE.match(value):
        raise ValidationError.single(
            field, f"not an ISO date such as '2024-05-17': {value!r}"
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError.single(
            field, f"not a day of the calendar: {value!r} ({exc})"
        ) from exc


class _CalendarDate(Check):
    def check(self, value: object, path: str) -> None:
        # A datetime is a date too, but comparing one with a date raises
        # TypeError, and an aware one with a naive one as well.
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ValidationError.single(
                path,
                f"expected a date (without time), got {type(value).__name__}",
            )

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        del ref
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}


calendar_date: Final[Check] = _CalendarDate()
"""Attrs validator: a `datetime.date` that is not a `datetime.datetime`."""


class _MemberOf(Check):
    def __init__(
        self, enum_type: type[enum.Enum], exclude: Iterable[enum.Enum]
    ) -> None:
        self.enum_type = enum_type
        excluded = set(exclude)
        self.members = tuple(m for m in enum_type if m not in excluded)

    def check(self, value: object, path: str) -> None:
        if value not in self.members or not isinstance(value, self.enum_type):
            allowed = ", ".join(str(m.value) for m in self.members)
            shown = value.value if isinstance(value, enum.Enum) else value
            raise ValidationError.single(path, f"{shown!r} is not one of {allowed}")

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        del ref
        return {"type": "string", "enum": [m.value for m in self.members]}


def member_of(
    enum_type: type[enum.Enum], *, exclude: Iterable[enum.Enum] = ()
) -> Check:
    """Return an attrs validator that accepts members of *enum_type* only.

    Args:
        enum_type: The enumeration.
        exclude: Members that are not accepted either.

    Returns:
        The validator; its error lists the accepted values.
    """
    return _MemberOf(enum_type, exclude)


class _TupleOf(Check):
    def __init__(
        self,
        item_type: type | tuple[type, ...],
        max_items: int,
        item: Check | None,
    ) -> None:
        self.item_type = item_type
        self.max_items = max_items
        self.item = item

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, tuple):
            raise ValidationError.single(
                path, f"expected a tuple, got {type(value).__name__}"
            )
        if len(value) > self.max_items:
            raise ValidationError.single(
                path, f"has {len(value)} items, the limit is {self.max_items}"
            )
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if not isinstance(item, self.item_type):
                raise ValidationError.single(
                    item_path, f"unexpected {type(item).__name__}"
                )
            if self.item is not None:
                self.item.check(item, item_path)

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        if self.item is not None:
            items = self.item.json_schema(ref)
        elif isinstance(self.item_type, type) and self.item_type is not str:
            items = ref(self.item_type)
        else:
            items = {"type": "string"}
        return {"type": "array", "maxItems": self.max_items, "items": items}


def tuple_of(
    item_type: type | tuple[type, ...],
    *,
    max_items: int,
    item: Check | None = None,
) -> Check:
    """Return an attrs validator for a tuple whose items share one type.

    Args:
        item_type: The type (or types) every item must have.
        max_items: The most items accepted.
        item: An optional validator run on each item with its path, such
            as `url`; it also describes the items in the schema.

    Returns:
        The validator.
    """
    return _TupleOf(item_type, max_items, item)


class _InstanceOf(Check):
    def __init__(self, kind: type) -> None:
        self.kind = kind

    def check(self, value: object, path: str) -> None:
        if not isinstance(value, self.kind):
            raise ValidationError.single(
                path,
                f"expected {self.kind.__name__}, got {type(value).__name__}",
            )

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        if self.kind is str:
            return {"type": "string"}
        return ref(self.kind)


def instance_of(kind: type) -> Check:
    """Return an attrs validator that checks the value's type.

    Args:
        kind: The expected type.

    Returns:
        The validator.
    """
    return _InstanceOf(kind)


_MESSAGE_ID_TEXT: Final = r"[!#-'*+\-./0-9=?A-Z^-~]+"
_MESSAGE_ID_PATTERN: Final = (
    f"^(?![\\s\\S]*=\\?)<{_MESSAGE_ID_TEXT}@{_MESSAGE_ID_TEXT}>{END}"
)
_MESSAGE_ID: Final = re.compile(_MESSAGE_ID_PATTERN)


def check_message_id(value: object, field: str) -> str:
    """Check a Message-ID of the form ``<id@host>`` and return it unchanged.

    Both sides of the ``@`` are printable ASCII without white space, angle
    brackets, quotes or other specials, and ``=?`` (an encoded word to mail
    programs) appears nowhere.

    Args:
        value: The value to check.
        field: The field's name, used in the error.

    Returns:
        *value*, unchanged.

    Raises:
        ValidationError: *value* is not a Message-ID.
    """
    text = check_line(value, field, max_length=MAX_MESSAGE_ID_LENGTH)
    if not _MESSAGE_ID.match(text):
        raise ValidationError.single(
            field, f"{text!r} is not a Message-ID like <id@host>"
        )
    return text


class _MessageId(Check):
    def check(self, value: object, path: str) -> None:
        check_message_id(value, path)

    def json_schema(self, ref: Ref) -> dict[str, Any]:
        del ref
        return _text_schema(MAX_MESSAGE_ID_LENGTH, _MESSAGE_ID_PATTERN)


message_id: Final[Check] = _MessageId()
"""Attrs validator: a Message-ID such as ``<id@host>``; see `check_message_id`."""
