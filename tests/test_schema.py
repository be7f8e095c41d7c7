"""The JSON Schema of `rejectkit schema` against the loader.

The schema is derived from the models; these tests check that it and the
loader accept and reject the same documents across the hostile corpus,
apart from the rules listed in ``LOADER_ONLY_RULES``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rejectkit
from rejectkit import _models, _validation
from rejectkit._schema import DIALECT, LOADER_ONLY_RULES, json_schema
from rejectkit._serde import max_depth
from rejectkit.testing import applications
from tests.hostile import (
    DATE_FIELDS,
    DATES,
    DOCUMENTS,
    EMAIL_FIELDS,
    EMAILS,
    FIELDS,
    TEXTS,
    Document,
    base_document,
    set_path,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

# Addresses whose domains only IDNA 2008 tells apart (see LOADER_ONLY_RULES).
IDNA_ONLY = {"bad-a-label", "idn-symbol", "bidi-mixed"}


def _schema_accepts(data: object) -> bool:
    return VALIDATOR.is_valid(data)


def _loader_accepts(data: dict[str, Any]) -> bool:
    try:
        rejectkit.loads(json.dumps(data))
    except rejectkit.ValidationError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    assert schema["$schema"] == DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_model_field_is_in_the_schema() -> None:
    schema = json_schema()
    defs = schema["$defs"]
    models = [getattr(_models, name) for name in _models.__all__]
    models = [cls for cls in models if attrs.has(cls)]
    assert {cls.__name__ for cls in models} == {"Application", *defs}
    for cls in models:
        node = schema if cls is rejectkit.Application else defs[cls.__name__]
        fields = attrs.fields(cls)
        described = set(node["properties"]) - {"format"}
        assert described == {f.name for f in fields}
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        assert node["required"] == required
        assert node["additionalProperties"] is False


def test_a_copy_is_returned() -> None:
    schema = json_schema()
    schema["properties"].clear()
    assert json_schema()["properties"]


def _schema_depth(node: dict[str, Any], defs: dict[str, Any]) -> int:
    if "$ref" in node:
        return _schema_depth(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node:
        return max(_schema_depth(n, defs) for n in node["anyOf"])
    if node.get("type") == "object":
        inner = [_schema_depth(p, defs) for p in node["properties"].values()]
        return 1 + max(inner, default=0)
    if node.get("type") == "array":
        return 1 + _schema_depth(node["items"], defs)
    return 0


def test_the_nesting_limit_is_the_schemas_depth() -> None:
    schema = json_schema()
    assert max_depth() == _schema_depth(schema, schema["$defs"]) == 5


# --- The differential test ---------------------------------------------------------


def _parsed(document: Document) -> object | None:
    """Return the document's data, or None when it is not strict JSON data."""
    from rejectkit._serde import check_tree, parse_json  # noqa: PLC0415

    raw = document.data
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if len(text.encode("utf-8", "surrogatepass")) > 1_000_000:
            return None
        data = parse_json(text)
        check_tree(data)
    except (UnicodeDecodeError, rejectkit.ValidationError):
        return None
    return data


@pytest.mark.parametrize(
    "document",
    [d for d in DOCUMENTS if d.format == "json"],
    ids=lambda d: d.id,
)
def test_schema_and_loader_agree_on_documents(document: Document) -> None:
    data = _parsed(document)
    if data is None:
        # Not JSON data at all (bad syntax or encoding, duplicate keys, NaN,
        # nesting or size beyond the limits): nothing for a schema to see.
        assert not document.valid
        return
    assert _schema_accepts(data) == (document.valid or document.schema_valid)


def _field_documents() -> Iterator[Any]:
    for field in FIELDS:
        for text in TEXTS:
            yield pytest.param(field.path, text.value, id=f"{field.path}-{text.id}")
    for path in EMAIL_FIELDS:
        for address in EMAILS:
            if address.id not in IDNA_ONLY:
                yield pytest.param(path, address.value, id=f"{path}-{address.id}")
    for path in DATE_FIELDS:
        for date in DATES:
            yield pytest.param(path, date.value, id=f"{path}-{date.id}")


@pytest.mark.parametrize(("path", "value"), list(_field_documents()))
def test_schema_and_loader_agree_on_every_field_value(path: str, value: object) -> None:
    data = base_document()
    data["interviews"] = [data["interviews"][0]]  # type: ignore[index]
    set_path(data, "interviews[0].date", "2000-01-01")
    set_path(data, "outcome.told_on", "2099-12-31")
    if path.startswith("interviews[1]"):
        path = path.replace("interviews[1]", "interviews[0]")
    if path.startswith("feedback"):
        data["feedback"] = base_document("feedback")["feedback"]
        set_path(data, "feedback.on", None)
    set_path(data, path, value)
    assert _schema_accepts(data) == _loader_accepts(data)


@pytest.mark.parametrize(
    "address", [e for e in EMAILS if e.id in IDNA_ONLY], ids=lambda e: e.id
)
def test_only_idna_2008_rules_are_beyond_the_schema(address: Any) -> None:
    data = base_document()
    set_path(data, "candidate.email", address.value)
    assert _schema_accepts(data)
    assert not _loader_accepts(data)
    assert any("IDNA 2008" in rule for rule in LOADER_ONLY_RULES)


def _email_validator_corpus() -> Iterator[Any]:
    path = Path(__file__).parent / "data" / "email_validator_corpus.json"
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    for test, addresses in cases.items():
        for index, address in enumerate(addresses):
            yield pytest.param(address, id=f"{test}[{index}]")


@pytest.mark.parametrize("address", list(_email_validator_corpus()))
def test_schema_and_loader_agree_on_email_validators_addresses(address: str) -> None:
    data = base_document()
    set_path(data, "candidate.email", address)
    loader = _loader_accepts(data)
    assert _schema_accepts(data) == loader or (
        # Only a label in another script or an xn-- label can meet a rule
        # in LOADER_ONLY_RULES.
        not loader and re.search(r"[^\x00-\x7f]|xn--", address.rpartition("@")[2])
    )


@given(applications())
def test_every_valid_document_passes_the_schema(
    application: rejectkit.Application,
) -> None:
    assert VALIDATOR.is_valid(application.to_dict())


@given(
    field=st.sampled_from(FIELDS),
    value=st.text(max_size=30) | st.sampled_from([t.value for t in TEXTS]),
)
def test_schema_and_loader_agree_on_arbitrary_text(field: Any, value: str) -> None:
    data = base_document(field.base)
    set_path(data, field.path, value)
    assert _schema_accepts(data) == _loader_accepts(data)


@given(address=st.ip_addresses(v=6), exploded=st.booleans())
def test_schema_and_loader_accept_every_ipv6_link(
    address: Any, *, exploded: bool
) -> None:
    host = address.exploded if exploded else address.compressed
    data = base_document()
    set_path(data, "candidate.links", [f"https://[{host}]:8443/cv"])
    assert _schema_accepts(data)
    assert _loader_accepts(data)


@pytest.mark.parametrize(
    ("version", "accepted"),
    [(1, True), (1.0, True), (True, False), ("1", False), (2, False), (None, False)],
)
def test_schema_and_loader_agree_on_the_format(version: object, accepted: bool) -> None:
    data = base_document()
    data["format"] = version
    assert _schema_accepts(data) is accepted
    assert _loader_accepts(data) is accepted


# --- The text pattern --------------------------------------------------------------


def _check_line(value: str) -> bool:
    try:
        _validation.check_line(value, "x", max_length=10)
    except rejectkit.ValidationError:
        return False
    return True


def test_the_line_pattern_is_check_line_for_every_character() -> None:
    pattern = re.compile(_validation.line_pattern())
    # Every character of the BMP, and the astral ones the rules single out.
    astral = [
        c
        for c in range(0x10000, sys.maxunicode + 1)
        if c & 0xFFFE == 0xFFFE or 0xE0000 <= c <= 0xE0FFF or 0x1D173 <= c <= 0x1D17A
    ]
    for code in [*range(0x10000), *astral, 0x1F600, 0x110BD, 0x13430]:
        char = chr(code)
        for value in (char, f"a{char}b", f"{char}a", f"a{char}"):
            assert bool(pattern.search(value)) == _check_line(value), (
                f"U+{code:04X} in {value!r}"
            )


def test_schema_and_loader_accept_references_without_a_message_id() -> None:
    # A notice may name its thread without a Message-ID of its own.
    data = base_document()
    set_path(data, "outcome.notice_message_id", None)
    set_path(data, "outcome.notice_references", ["<a@hiring.example>"])
    assert _schema_accepts(data)
    assert _loader_accepts(data)
