"""A shared corpus of hostile input, used by every test that looks for trouble.

Each entry says what it is and whether rejectkit accepts it. The verdicts
are written down here, not computed with rejectkit's own checks, so the
tests that use them are an independent account of the rules.
"""

from __future__ import annotations

import json
from typing import Final

import attrs

import rejectkit
from rejectkit._serde import Format


@attrs.frozen
class Text:
    """A value for a single-line text field.

    Attributes:
        id: A short name for test ids.
        value: The text.
        valid: Whether a field long enough to hold it accepts it.
    """

    id: str
    value: str
    valid: bool


# Values that must be accepted and rendered exactly as given.
_ACCEPTED: Final = (
    Text("plain", "Ana", valid=True),
    Text("apostrophe", "O'Brien", valid=True),
    Text("combining", "Jose\u0301 Zoe\u0308", valid=True),
    Text(
        "arabic", "\u0645\u0631\u064a\u0645 \u0627\u0644\u0646\u0648\u0631", valid=True
    ),
    Text("hebrew", "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df", valid=True),
    Text("mixed-direction", "Dana \u05db\u05d4\u05df (QA)", valid=True),
    Text("emoji-zwj", "\U0001f469\u200d\U0001f4bb Dev", valid=True),
    Text(
        "flag-tags",
        "Team \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        valid=True,
    ),
    Text("inner-zero-width", "Zero\u200bWidth", valid=True),
    Text("inner-soft-hyphen", "Soft\u00adhyphen", valid=True),
    Text("inner-nbsp", "Jean\u00a0Luc", valid=True),
    Text("astral", "\U0001d518\U0001d52b\U0001d526", valid=True),
    Text("private-use", "\ue000 logo", valid=True),
    Text("html-script", "<script>alert('x')</script>", valid=True),
    Text("html-attribute", '"><img src=x onerror=alert(1)>', valid=True),
    Text("html-entity", "&amp; &lt;b&gt; &#x3C;", valid=True),
    Text("html-comment", "<!-- x --> ]]> <![CDATA[", valid=True),
    Text("header-lookalike", "Bcc: victim@example.com", valid=True),
    Text("jinja-expression", "{{ 7*7 }}", valid=True),
    Text("jinja-statement", "{% if true %}x{% endif %}", valid=True),
    Text("jinja-comment", "{# gone #}", valid=True),
    Text("jinja-attribute", "{{ ''.__class__.__mro__ }}", valid=True),
    Text("format-field", "{0.__class__}", valid=True),
    Text("format-name", "{candidate}", valid=True),
    Text("percent-mapping", "%(given)s", valid=True),
    Text("percent-positional", "%s %d %%", valid=True),
    Text("shell", "${HOME} $(id) `id`", valid=True),
    Text("path", "../../etc/passwd", valid=True),
    Text("list-marker", "- not a list", valid=True),
    Text("null-word", "None", valid=True),
    Text("long-name", "x" * 100, valid=True),
)

# Values that must be refused with a ValidationError naming the field.
_REFUSED: Final = (
    Text("empty", "", valid=False),
    Text("space-only", "   ", valid=False),
    Text("nbsp-only", "\u00a0", valid=False),
    Text("ideographic-space-only", "\u3000", valid=False),
    Text("zero-width-only", "\u200b\u200c", valid=False),
    Text("leading-space", " Ana", valid=False),
    Text("trailing-tab", "Ana\t", valid=False),
    Text("leading-soft-hyphen", "\u00adAna", valid=False),
    Text("trailing-word-joiner", "Ana\u2060", valid=False),
    Text("leading-bom", "\ufeffAna", valid=False),
    Text("leading-left-to-right-mark", "\u200eAna", valid=False),
    Text("trailing-right-to-left-mark", "\u05e9\u05e8\u05d4\u200f", valid=False),
    Text("trailing-arabic-letter-mark", "\u0645\u0631\u064a\u0645\u061c", valid=False),
    Text("invisible-operators-only", "\u2061\u2062\u2063\u2064", valid=False),
    Text("leading-tag", "\U000e0067Ana", valid=False),
    Text("cancel-tag-only", "\U000e007f", valid=False),
    Text("hangul-filler", "\u3164", valid=False),
    Text("nul", "Ana\x00", valid=False),
    Text("escape", "Ana\x1b[31m", valid=False),
    Text("bell", "Ana\x07", valid=False),
    Text("delete", "Ana\x7f", valid=False),
    Text("c1-control", "Ana\x9b", valid=False),
    Text("lf", "Ana\nBcc: victim@example.com", valid=False),
    Text("cr", "Ana\rBcc: victim@example.com", valid=False),
    Text("crlf", "Ana\r\nBcc: victim@example.com", valid=False),
    Text("vertical-tab", "Ana\vB", valid=False),
    Text("form-feed", "Ana\fB", valid=False),
    Text("file-separator", "Ana\x1cB", valid=False),
    Text("group-separator", "Ana\x1dB", valid=False),
    Text("record-separator", "Ana\x1eB", valid=False),
    Text("next-line", "Ana\x85B", valid=False),
    Text("line-separator", "Ana\u2028B", valid=False),
    Text("paragraph-separator", "Ana\u2029B", valid=False),
    Text("lone-high-surrogate", "Ana\ud800", valid=False),
    Text("lone-low-surrogate", "\udc00Ana", valid=False),
    Text("rlo", "Ana\u202etxt.exe", valid=False),
    Text("lre", "Ana\u202aB", valid=False),
    Text("pdf", "Ana\u202cB", valid=False),
    Text("lri", "Ana\u2066B", valid=False),
    Text("fsi", "Ana\u2068B", valid=False),
    Text("pdi", "Ana\u2069B", valid=False),
    Text("noncharacter", "Ana\ufdd0", valid=False),
    Text("noncharacter-ffff", "Ana\uffff", valid=False),
    Text("encoded-word", "Mr =?utf-8?q?x?=", valid=False),
    Text("encoded-crlf", "=?utf-8?q?x=0D=0ABcc:_victim@example.com?=\r\n", valid=False),
    Text("too-long", "x" * 1001, valid=False),
)

TEXTS: Final = (*_ACCEPTED, *_REFUSED)
"""Values for single-line text fields."""

TEMPLATE_LOOKALIKES: Final = tuple(
    t for t in _ACCEPTED if t.id.startswith(("jinja", "format", "percent"))
)
"""Text that looks like template or format syntax; it is data."""


@attrs.frozen
class Field:
    """A free-text field of the document.

    Attributes:
        path: Its path, as errors name it.
        max_length: The documented limit.
        base: The situation whose kit renders the field.
        rendered: Whether the field's text appears in the messages.
    """

    path: str
    max_length: int
    base: str = "interviewed"
    rendered: bool = True


FIELDS: Final = (
    Field("candidate.name.given", 100),
    Field("candidate.name.family", 100),
    Field("candidate.phone", 40),
    Field("role.title", 200),
    Field("role.company", 200),
    Field("role.team", 200),
    Field("role.location", 200, rendered=False),
    Field("role.requisition_id", 64, rendered=False),
    Field("hiring_manager.name.given", 100),
    Field("hiring_manager.name.family", 100),
    Field("hiring_manager.job_title", 200, rendered=False),
    Field("hiring_manager.academic_title", 30),
    Field("hr_contact.name.given", 100),
    Field("hr_contact.name.family", 100),
    Field("outcome.told_by.name.given", 100, rendered=False),
    Field("interviews[1].highlight", 1000),
    Field("interviews[0].interviewers[0].given", 100, rendered=False),
    Field("feedback.notes[0].note", 1000, base="feedback"),
)
"""The free-text fields, each with the situation that renders it."""


@attrs.frozen
class Email:
    """A value for an email address field.

    Attributes:
        id: A short name for test ids.
        value: The address.
        ascii: Its ASCII form in headers, or ``None`` when it is refused.
    """

    id: str
    value: str
    ascii: str | None


EMAILS: Final = (
    Email("plain", "ana@example.com", "ana@example.com"),
    Email("plus-tag", "ana+jobs@example.com", "ana+jobs@example.com"),
    Email("idn-eszett", "ana@straße.de", "ana@xn--strae-oqa.de"),
    Email("idn-cyrillic", "ana@пример.рф", "ana@xn--e1afmkfd.xn--p1ai"),
    Email("a-label", "ana@xn--bcher-kva.example", "ana@xn--bcher-kva.example"),
    Email("bad-a-label", "ana@xn--zz.example", None),
    Email("idn-uppercase", "ana@Straße.de", "ana@xn--strae-oqa.de"),
    Email("idn-fullwidth", "ana@\uff45xample.com", "ana@example.com"),
    Email("idn-symbol", "ana@☃.example", None),
    Email("ideographic-dot", "ana@example。com", None),
    Email("two-addresses", "ana@example.com, eve@evil.example", None),
    Email("display-name", "Ana <ana@example.com>", None),
    Email("angle-brackets", "<ana@example.com>", None),
    Email("crlf-bcc", "ana@example.com\r\nBcc: eve@evil.example", None),
    Email("lf", "ana@example.com\nX: y", None),
    Email("encoded-word-local", "=?utf-8?q?=0D=0ABcc:_eve?=@example.com", None),
    Email("quoted-local", '"ana smith"@example.com', None),
    Email("comment", "ana(comment)@example.com", None),
    Email("no-at", "ana.example.com", None),
    Email("two-ats", "ana@eve@example.com", None),
    Email("no-dot-domain", "ana@localhost", None),
    Email("trailing-dot", "ana@example.com.", None),
    Email("double-dot-local", "ana..b@example.com", None),
    Email("leading-dot-local", ".ana@example.com", None),
    Email("hyphen-label", "ana@-example.com", None),
    Email("underscore-label", "ana@ex_ample.com", None),
    Email("ip-literal", "ana@[127.0.0.1]", None),
    Email("non-ascii-local", "anä@example.com", None),
    Email("numeric-tld", "ana@192.0.2.1", None),
    Email("r-ldh-label", "ana@ab--cd.example", None),
    Email("bidi-mixed", "ana@1.xn--4dbc.example", None),
    Email("special-use", "ana@mail.test", None),
    Email("onion", "ana@expyuzz4wqqyqhjn.onion", None),
    Email("long-local", "a" * 65 + "@example.com", None),
    Email("long-label", "ana@" + "a" * 64 + ".com", None),
    Email("long-address", "ana@" + ".".join(["a" * 60] * 5) + ".com", None),
    Email("empty", "", None),
)
"""Values for email fields: accepted ones with their ASCII form."""

EMAIL_FIELDS: Final = (
    "candidate.email",
    "hiring_manager.email",
    "hr_contact.email",
    "outcome.notice_from",
)


@attrs.frozen
class Locale:
    """A value passed as the locale of `compose` or `generate`.

    Attributes:
        id: A short name for test ids.
        value: The value.
        written: The locale the kit is written in, or ``None`` when refused.
    """

    id: str
    value: object
    written: str | None


LOCALES: Final = (
    Locale("english", "en", "en"),
    Locale("posix", "de_DE.UTF-8", "de"),
    Locale("bcp47", "pt-BR", "pt_BR"),
    Locale("region-fallback", "de_AT", "de"),
    Locale("c", "C", "en"),
    Locale("unsupported-falls-back", "ar", "en"),
    Locale("unknown-region", "xx_YY", None),
    Locale("traversal", "../../../../etc/passwd", None),
    Locale("traversal-tag", "en/../../x", None),
    Locale("absolute-path", "/etc/passwd", None),
    Locale("nul", "en\x00", None),
    Locale("newline", "en\nde", None),
    Locale("empty", "", None),
    Locale("space", " en", None),
    Locale("template", "{{ 7*7 }}", None),
    Locale("too-long-subtag", "en_ABCDEFGHIJ", None),
    Locale("number", 7, None),
    Locale("none", None, None),
    Locale("list", ["en"], None),
    Locale("bytes", b"en", None),
)
"""Values for the locale argument."""


@attrs.frozen
class Date:
    """A value for a date field of a document.

    Attributes:
        id: A short name for test ids.
        value: The value, as text or as an object.
        valid: Whether a date field accepts it.
    """

    id: str
    value: object
    valid: bool


DATES: Final = (
    Date("iso", "2024-05-02", valid=True),
    Date("leap-day", "2024-02-29", valid=True),
    Date("basic-form", "20240502", valid=False),
    Date("week-date", "2024-W18-4", valid=False),
    Date("ordinal-date", "2024-123", valid=False),
    Date("no-padding", "2024-5-2", valid=False),
    Date("us-order", "05/02/2024", valid=False),
    Date("impossible-day", "2023-02-29", valid=False),
    Date("month-13", "2024-13-01", valid=False),
    Date("year-zero", "0000-01-01", valid=False),
    Date("with-time", "2024-05-02T10:00:00", valid=False),
    Date("with-zone", "2024-05-02Z", valid=False),
    Date("trailing-newline", "2024-05-02\n", valid=False),
    Date("fullwidth-digits", "\uff12\uff10\uff12\uff14-05-02", valid=False),
    Date("arabic-indic-digits", "\u0662\u0660\u0662\u0664-05-02", valid=False),
    Date("number", 20240502, valid=False),
    Date("bool", True, valid=False),
    Date("empty", "", valid=False),
)
"""Values for date fields in documents."""

DATE_FIELDS: Final = ("outcome.told_on", "interviews[0].date")


def base_document(situation: str = "interviewed") -> dict[str, object]:
    """Return a document in which every free-text field is present.

    Args:
        situation: ``"interviewed"`` (the sample, with a highlight) or
            ``"feedback"`` (feedback received, so the reply is written).

    Returns:
        A fresh dict, as `Application.to_dict` writes it.
    """
    data: dict[str, object] = json.loads(
        json.dumps(rejectkit.sample_application().to_dict())
    )
    set_path(data, "role.location", "Chicago")
    if situation == "feedback":
        data["feedback"] = {
            "status": "received",
            "notes": [{"topic": "experience", "note": "more Kafka would help"}],
            "given_by": "hiring-manager",
            "on": "2024-05-28",
        }
    return data


def set_path(data: dict[str, object], path: str, value: object) -> None:
    """Set the field at *path* (``a.b[1].c``) in a document.

    Args:
        data: The document, changed in place.
        path: The field's path.
        value: The new value.
    """
    steps: list[str | int] = []
    for part in path.split("."):
        name, *indexes = part.replace("]", "").split("[")
        steps.append(name)
        steps.extend(int(i) for i in indexes)
    target: object = data
    for step in steps[:-1]:
        target = target[step]  # type: ignore[index]
    target[steps[-1]] = value  # type: ignore[index]


@attrs.frozen
class Document:
    """A raw document for `rejectkit.loads`.

    Attributes:
        id: A short name for test ids.
        data: The document's text or bytes.
        format: ``"json"`` or ``"toml"``.
        valid: Whether it loads.
        problem: Text the error must contain, for a refused document.
        schema_valid: For a refused JSON document that JSON Schema cannot
            tell from a valid one (see ``LOADER_ONLY_RULES``), ``True``.
    """

    id: str
    data: str | bytes
    format: Format = "json"
    valid: bool = False
    problem: str = ""
    schema_valid: bool = False


def _json(change: dict[str, object] | None = None, **top: object) -> str:
    data = base_document()
    for path, value in (change or {}).items():
        set_path(data, path, value)
    data.update(top)
    return json.dumps(data, ensure_ascii=False)


_SAMPLE_JSON: Final = _json()
_TOML: Final = """format = 1
[candidate]
name = { given = "Ana", family = "Lima" }
email = "ana@example.com"
[role]
title = "Analyst"
company = "Acme"
[outcome]
decision = "rejected"
told_on = 2024-05-21
channel = "phone-call"
"""


def _deep(levels: int) -> str:
    return _SAMPLE_JSON[:-1] + ', "x": ' + "[" * levels + "]" * levels + "}"


DOCUMENTS: Final = (
    Document("sample", _SAMPLE_JSON, valid=True),
    Document(
        "without-format",
        _json(format=None).replace('"format": null, ', ""),
        valid=True,
    ),
    Document("format-float", _json(format=1.0), valid=True),
    Document("format-2", _json(format=2), problem="format: 2"),
    Document("format-true", _json(format=True), problem="format: True"),
    Document("format-text", _json(format="1"), problem="format: '1'"),
    Document("toml", _TOML, format="toml", valid=True),
    Document("empty", "", problem="not valid JSON"),
    Document("null", "null", problem="expected a table of fields"),
    Document("list", "[]", problem="expected a table of fields"),
    Document("string", '"x"', problem="expected a table of fields"),
    Document("trailing-comma", '{"format": 1,}', problem="not valid JSON"),
    Document("nan", _SAMPLE_JSON[:-1] + ', "x": NaN}', problem="NaN"),
    Document("infinity", _SAMPLE_JSON[:-1] + ', "x": Infinity}', problem="Infinity"),
    Document("minus-infinity", _SAMPLE_JSON[:-1] + ', "x": -Infinity}'),
    Document("overflow", _SAMPLE_JSON[:-1] + ', "x": 1e999}', problem="out of range"),
    Document(
        "huge-int", _SAMPLE_JSON[:-1] + f', "x": {"9" * 5000}}}', problem="too large"
    ),
    Document(
        "unsafe-int",
        _SAMPLE_JSON[:-1] + ', "x": 9007199254740993}',
        problem="x: the number",
    ),
    Document(
        "duplicate-top",
        _SAMPLE_JSON[:-1] + ', "role": {"title": "A", "company": "B"}}',
        problem="role: duplicate key",
    ),
    Document(
        "duplicate-nested",
        _SAMPLE_JSON.replace('"given": "Alex"', '"given": "Alex", "given": "Eve"'),
        problem="candidate.name.given: duplicate key",
    ),
    Document("deep-list", _deep(100), problem="nested deeper"),
    Document("deep-bomb", "[" * 200_000 + "]" * 200_000, problem="nested"),
    Document(
        "deep-toml", "x = " + "[" * 5000 + "]" * 5000, format="toml", problem="nested"
    ),
    Document("oversized", " " * 1_000_001 + "{}", problem="larger than"),
    Document(
        "oversized-multibyte",
        "{" + '"x": "' + "\u00e9" * 600_000 + '"}',
        problem="larger than",
    ),
    Document("bom", "\ufeff" + _SAMPLE_JSON, problem="BOM"),
    Document("utf-16", _SAMPLE_JSON.encode("utf-16"), problem="UTF-8"),
    Document(
        "latin-1",
        _SAMPLE_JSON.replace("Alex", "Zoë").encode("latin-1"),
        problem="UTF-8",
    ),
    Document("unknown-top-key", _json(extra=1), problem="extra: unknown key"),
    Document(
        "unknown-nested-key",
        _json({"candidate.name.middle": "Q"}),
        problem="candidate.name.middle: unknown key",
    ),
    Document(
        "bool-as-text",
        _json({"role.title": True}),
        problem="role.title: expected text, got boolean",
    ),
    Document(
        "number-as-text",
        _json({"role.title": 7}),
        problem="role.title: expected text, got number",
    ),
    Document(
        "text-as-list",
        _json({"candidate.links": "https://a.example"}),
        problem="candidate.links: expected a list",
    ),
    Document(
        "table-as-text", _json({"role": "Analyst"}), problem="role: expected a table"
    ),
    Document(
        "enum-unknown",
        _json({"outcome.channel": "fax"}),
        problem=(
            "outcome.channel: 'fax' is not one of automated-email, "
            "personal-email, phone-call, in-person"
        ),
    ),
    Document(
        "enum-case", _json({"outcome.decision": "Rejected"}), problem="outcome.decision"
    ),
    Document(
        "interview-stage-application",
        _json({"interviews[0].stage": "application"}),
        problem="interviews[0].stage: 'application' is not one of phone-screen",
    ),
    Document(
        "missing-required",
        _json(role=None).replace('"role": null, ', ""),
        problem="role: is required",
    ),
    Document("null-required", _json(role=None), problem="role"),
    Document(
        "too-many-links",
        _json({"candidate.links": ["https://a.example"] * 6}),
        problem="candidate.links: has 6 items",
    ),
    Document(
        "javascript-link",
        _json({"candidate.links": ["javascript:alert(1)"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "link-with-space",
        _json({"candidate.links": ["https://a.example/x y"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "bad-ipv6-link",
        _json({"candidate.links": ["https://[::1"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "link-bracketed-host-not-an-address",
        _json({"candidate.links": ["http://[abc]/"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "link-bracketed-ipv4",
        _json({"candidate.links": ["http://[192.0.2.1]/"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "link-ipv6-zone",
        _json({"candidate.links": ["http://[fe80::1%25eth0]/"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "link-ipv6-mapped-ipv4",
        _json({"candidate.links": ["https://[::ffff:192.0.2.1]:8443/cv"]}),
        valid=True,
    ),
    Document(
        "link-port-not-a-number",
        _json({"candidate.links": ["http://a.com:bad"]}),
        problem="candidate.links[0]",
    ),
    Document(
        "link-port-out-of-range",
        _json({"candidate.links": ["https://a.example:65536/cv"]}),
        problem="candidate.links[0]: 'https://a.example:65536/cv' is not a URL",
    ),
    Document(
        "link-port-zero-padded",
        _json({"candidate.links": ["https://a.example:00065535/cv"]}),
        valid=True,
    ),
    Document(
        "message-id-encoded-word",
        _json(
            {"outcome.notice_message_id": "<=?utf-8?q?=0D=0ABcc=3A_x?=@example.com>"}
        ),
        problem="outcome.notice_message_id",
    ),
    Document(
        "message-id-without-id",
        _json({"outcome.notice_message_id": "<@example.com>"}),
        problem="outcome.notice_message_id",
    ),
    Document(
        "message-id-without-host",
        _json({"outcome.notice_message_id": "<decision-118@>"}),
        problem="outcome.notice_message_id",
    ),
    Document(
        "message-id-no-brackets",
        _json({"outcome.notice_message_id": "id@example.com"}),
        problem="outcome.notice_message_id",
    ),
    Document(
        "references-chain",
        _json({"outcome.notice_references": ["<a@example.com>", "<b@example.com>"]}),
        valid=True,
    ),
    Document(
        "references-item-not-a-message-id",
        _json({"outcome.notice_references": ["<a@example.com>", "b@example.com"]}),
        problem="outcome.notice_references[1]",
    ),
    Document(
        "references-encoded-word",
        _json({"outcome.notice_references": ["<=?utf-8?q?=0D=0A?=@example.com>"]}),
        problem="outcome.notice_references[0]",
    ),
    Document(
        "references-not-a-list",
        _json({"outcome.notice_references": "<a@example.com>"}),
        problem="outcome.notice_references",
    ),
    Document(
        "told-before-interviewed",
        _json({"outcome.told_on": "2024-05-01"}),
        problem="outcome.told_on: 2024-05-01 is before interviews[0].date",
        schema_valid=True,
    ),
    Document(
        "feedback-before-told",
        _json(feedback={"status": "declined", "on": "2024-01-01"}),
        problem="feedback.on: 2024-01-01 is before outcome.told_on",
        schema_valid=True,
    ),
    Document(
        "received-without-notes",
        _json(feedback={"status": "received"}),
        problem="feedback.notes: received feedback needs at least one note",
    ),
    Document(
        "declined-with-notes",
        _json(
            feedback={"status": "declined", "notes": [{"topic": "fit", "note": "x"}]}
        ),
        problem="feedback.notes: declined feedback cannot carry notes",
    ),
    Document("idn-email", _json({"candidate.email": "ana@straße.de"}), valid=True),
    Document("idn-uppercase", _json({"candidate.email": "ana@Straße.de"}), valid=True),
    Document(
        "idn-invalid",
        _json({"candidate.email": "ana@☃.example"}),
        problem="candidate.email",
        schema_valid=True,
    ),
    Document(
        "idn-bidi-invalid",
        _json({"candidate.email": "ana@1.xn--4dbc.example"}),
        problem="candidate.email",
        schema_valid=True,
    ),
    Document(
        "a-label-invalid",
        _json({"candidate.email": "ana@xn--zz.example"}),
        problem="candidate.email",
        schema_valid=True,
    ),
    Document(
        "toml-datetime",
        _TOML.replace("2024-05-21", "2024-05-21T10:00:00"),
        format="toml",
        problem="outcome.told_on",
    ),
    Document(
        "toml-local-time",
        _TOML.replace("2024-05-21", "10:00:00"),
        format="toml",
        problem="outcome.told_on",
    ),
    Document("toml-inf", _TOML + "x = inf\n", format="toml", problem="out of range"),
    Document("toml-nan", _TOML + "x = nan\n", format="toml", problem="nan"),
    Document(
        "toml-huge-int",
        _TOML + f"x = {'9' * 5000}\n",
        format="toml",
        problem="too large",
    ),
    Document(
        "toml-int64-edge",
        _TOML + "x = 9223372036854775807\n",
        format="toml",
        problem="out of range",
    ),
    Document(
        "toml-duplicate-table",
        _TOML + "[role]\ntitle = 'B'\n",
        format="toml",
        problem="not valid TOML",
    ),
    Document(
        "toml-format-2",
        _TOML.replace("format = 1", "format = 2"),
        format="toml",
        problem="format: 2",
    ),
    Document(
        "toml-crlf-in-string",
        _TOML.replace('"Ana"', '"Ana\\r\\nBcc: x"'),
        format="toml",
        problem="candidate.name.given",
    ),
    Document(
        "nul-byte",
        _SAMPLE_JSON.replace('"Alex"', '"Al\\u0000ex"'),
        problem="candidate.name.given: must not hold control character",
    ),
    Document(
        "escaped-surrogate",
        _SAMPLE_JSON.replace('"Alex"', '"Al\\ud800ex"'),
        problem="candidate.name.given: must not hold a lone surrogate",
    ),
    Document(
        "escaped-rlo",
        _SAMPLE_JSON.replace('"Alex"', '"Al\\u202eex"'),
        problem="candidate.name.given: must not hold bidi control",
    ),
)
"""Raw documents, refused unless marked valid."""


def _regression(path: str, value: object) -> bytes:
    return _json({path: value}).encode("utf-8")


REGRESSIONS: Final[tuple[bytes, ...]] = (
    # A right-to-left role: the subject's FSI/PDI isolates were refused.
    _regression(
        "role.title", "\u0645\u062d\u0644\u0644 \u0628\u064a\u0627\u0646\u0627\u062a"
    ),
    # A folded subject lost the space between two encoded words.
    _regression("role.title", "Dana \u05db\u05d4\u05df (QA)"),
    # ValueError from int() and RecursionError from json escaped.
    _SAMPLE_JSON[:-1].encode() + b', "x": ' + b"9" * 5000 + b"}",
    b"[" * 100_000 + b"]" * 100_000,
)
"""Documents that once made rejectkit fail, replayed by the tests.

Add any input the fuzzer finds (``fuzz/crashes/``) here.
"""
