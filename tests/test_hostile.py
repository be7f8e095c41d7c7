"""Hostile input against every entry point and every output form.

Each value of the corpus in ``tests/hostile.py`` either renders safely or
raises the documented `RejectkitError` subclass; nothing else may happen.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import warnings
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rejectkit
from rejectkit import (
    Application,
    Interview,
    Mailbox,
    Message,
    PersonName,
    RejectkitError,
    UnsupportedLocaleError,
    ValidationError,
    cli,
    exceptions,
)
from rejectkit.testing import applications
from tests.hostile import (
    DATE_FIELDS,
    DATES,
    DOCUMENTS,
    EMAIL_FIELDS,
    EMAILS,
    FIELDS,
    LOCALES,
    REGRESSIONS,
    TEMPLATE_LOOKALIKES,
    TEXTS,
    Document,
    Email,
    Field,
    Text,
    base_document,
    set_path,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from email.message import EmailMessage
    from xml.etree.ElementTree import Element

    from rejectkit._serde import Format

ROOT = Path(__file__).parent.parent
DATE = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.UTC)
MESSAGE_ID = "<hostile@rejectkit.example>"
RENDER_LOCALES = ("en", "de", "ja")
FSI, PDI = "\u2068", "\u2069"


def test_the_corpus_is_large_enough() -> None:
    count = len(TEXTS) + len(EMAILS) + len(LOCALES) + len(DATES) + len(DOCUMENTS)
    assert count >= 50
    assert len(TEMPLATE_LOOKALIKES) >= 5
    for group in (TEXTS, EMAILS, LOCALES, DATES, DOCUMENTS):
        ids = [entry.id for entry in group]
        assert len(ids) == len(set(ids))


def _accepts(field: Field, text: Text) -> bool:
    return text.valid and len(text.value) <= field.max_length


def _document_with(
    path: str, value: object, base: str = "interviewed"
) -> dict[str, Any]:
    data = base_document(base)
    set_path(data, path, value)
    return data


def _problem_paths(error: ValidationError) -> list[str]:
    return [path for path, _ in error.problems]


# --- Outputs -----------------------------------------------------------------


def _parse_html(html: str) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(html)
    return tree


def _tags(tree: Element) -> list[str]:
    # The element structure, with the <bdi> that isolates caller text left out.
    return [str(e.tag) for e in tree.iter() if e.tag != "bdi"]


def _html_text(tree: Element) -> str:
    return "".join(tree.itertext())


def _expected_headers(message: Message) -> set[str]:
    names = {"from", "subject", "date", "message-id", "content-language"}
    names |= {"mime-version", "content-type"}
    if message.recipients:
        names.add("to")
    if message.in_reply_to:
        names |= {"in-reply-to", "references"}
    return names


def _check_email(message: Message, sender: Mailbox | None = None) -> EmailMessage:
    email = message.to_email(sender, date=DATE, message_id=MESSAGE_ID)
    raw = email.as_bytes()
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", raw) is None, "a bare CR or LF"
    head = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    parsed = BytesParser(policy=policy.default).parsebytes(head, headersonly=True)
    names = [name.lower() for name in parsed]
    assert sorted(names) == sorted(_expected_headers(message))
    assert str(parsed["subject"]).strip() == message.subject
    (sent_from,) = parsed["from"].addresses
    assert sent_from.display_name == (sender or message.sender).name
    if message.recipients:
        names_to = [a.display_name or None for a in parsed["to"].addresses]
        assert names_to == [r.name for r in message.recipients]
    return email


def _check_line_structure(text: str) -> None:
    # Isolates come in pairs and never span a line.
    for line in text.split("\n"):
        depth = 0
        for char in line:
            depth += {FSI: 1, PDI: -1}.get(char, 0)
            assert depth >= 0
        assert depth == 0


def _render(application: Application, locale: str) -> list[dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kit = rejectkit.compose(application, locale=locale)
    forms = []
    kit_dict = json.loads(json.dumps(kit.to_dict(), allow_nan=False))
    for index, message in enumerate(kit):
        tree = _parse_html(message.html)
        _check_line_structure(message.text)
        email = _check_email(message)
        assert kit_dict["messages"][index]["text"] == message.text
        forms.append(
            {
                "kind": message.kind,
                "text": message.text,
                "lines": message.text.count("\n"),
                "tags": _tags(tree),
                "html_text": _html_text(tree),
                "headers": sorted(name.lower() for name in email),
            }
        )
    return forms


@functools.cache
def _benign(field_path: str, base: str, locale: str) -> list[dict[str, Any]]:
    data = _document_with(field_path, "Benign", base)
    return _render(Application.from_dict(data), locale)


def _same_shape(hostile: list[dict[str, Any]], benign: list[dict[str, Any]]) -> None:
    assert [f["kind"] for f in hostile] == [f["kind"] for f in benign]
    for mine, theirs in zip(hostile, benign, strict=True):
        assert mine["lines"] == theirs["lines"], mine["kind"]
        assert mine["tags"] == theirs["tags"], mine["kind"]
        assert mine["headers"] == theirs["headers"], mine["kind"]


# --- Text fields -----------------------------------------------------------------


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t.id)
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.path)
def test_text_fields_accept_or_refuse_with_the_path(field: Field, text: Text) -> None:
    data = _document_with(field.path, text.value, field.base)
    # ASCII JSON: a lone surrogate is written as an escape, as JSON allows.
    document = json.dumps(data).encode("ascii")
    if _accepts(field, text):
        application = Application.from_dict(data)
        assert rejectkit.loads(document) == application
        assert Application.from_dict(application.to_dict()) == application
        return
    with pytest.raises(ValidationError) as from_dict:
        Application.from_dict(data)
    assert field.path in _problem_paths(from_dict.value)
    with pytest.raises(ValidationError) as loaded:
        rejectkit.loads(document)
    assert field.path in _problem_paths(loaded.value)


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t.id)
def test_models_accept_or_refuse_text_directly(text: Text) -> None:
    if text.valid and len(text.value) <= 100:
        assert PersonName(given=text.value, family="Lee").given == text.value
        return
    with pytest.raises(ValidationError) as caught:
        PersonName(given=text.value, family="Lee")
    assert _problem_paths(caught.value) == ["given"]


_ACCEPTED_CASES = [
    pytest.param(field, text, RENDER_LOCALES[i % 3], id=f"{field.path}-{text.id}")
    for i, (field, text) in enumerate(
        (f, t) for f in FIELDS for t in TEXTS if f.rendered and _accepts(f, t)
    )
]


@pytest.mark.parametrize(("field", "text", "locale"), _ACCEPTED_CASES)
def test_accepted_text_stays_in_its_place(
    field: Field, text: Text, locale: str
) -> None:
    application = Application.from_dict(
        _document_with(field.path, text.value, field.base)
    )
    forms = _render(application, locale)
    _same_shape(forms, _benign(field.path, field.base, locale))


@pytest.mark.parametrize(
    "text",
    [t for t in TEXTS if t.valid and len(t.value) <= 30],
    ids=lambda t: t.id,
)
def test_accepted_text_appears_verbatim_in_text_and_html(text: Text) -> None:
    application = Application.from_dict(_document_with("role.title", text.value))
    forms = _render(application, "en")
    without_isolates = [f["text"].replace(FSI, "").replace(PDI, "") for f in forms]
    assert any(text.value in t for t in without_isolates)
    # The HTML parser gives back exactly the text: nothing was markup.
    assert any(text.value in f["html_text"] for f in forms)


@pytest.mark.parametrize("text", TEMPLATE_LOOKALIKES, ids=lambda t: t.id)
def test_template_lookalikes_are_data(text: Text) -> None:
    data = _document_with("candidate.name.family", text.value)
    set_path(data, "role.company", text.value)
    message = rejectkit.generate("thank-hr", Application.from_dict(data))
    assert text.value in message.text
    assert text.value in _html_text(_parse_html(message.html))
    benign = rejectkit.generate(
        "thank-hr", Application.from_dict(_document_with("role.company", "Benign"))
    )
    assert "49" not in message.text.replace(text.value, "") or "49" in benign.text


# --- Emails -----------------------------------------------------------------------


@pytest.mark.parametrize("address", EMAILS, ids=lambda e: e.id)
@pytest.mark.parametrize("field", EMAIL_FIELDS)
def test_email_fields_accept_or_refuse(field: str, address: Email) -> None:
    data = _document_with(field, address.value)
    if address.ascii is None:
        with pytest.raises(ValidationError) as caught:
            Application.from_dict(data)
        assert field in _problem_paths(caught.value)
        with pytest.raises(ValidationError):
            Mailbox(email=address.value)
        return
    application = Application.from_dict(data)
    for message in rejectkit.compose(application):
        _check_email(message)


@pytest.mark.parametrize("address", [e for e in EMAILS if e.ascii], ids=lambda e: e.id)
def test_addresses_go_out_in_their_idna_2008_ascii_form(address: Email) -> None:
    data = _document_with("candidate.email", address.value)
    set_path(data, "hiring_manager.email", address.value)
    application = Application.from_dict(data)
    message = rejectkit.generate("thank-hiring-manager", application)
    assert message.sender.email == address.value
    email = _check_email(message)
    assert email["From"].addresses[0].addr_spec == address.ascii
    assert email["To"].addresses[0].addr_spec == address.ascii
    assert email["Message-ID"] == MESSAGE_ID


def test_idna_2008_is_not_the_standard_library_codec() -> None:
    # The reason for the idna dependency, kept as a test.
    assert "straße.de".encode("idna") == b"strasse.de"
    message = rejectkit.generate(
        "thank-hr",
        Application.from_dict(_document_with("candidate.email", "ana@straße.de")),
    )
    assert b"xn--strae-oqa.de" in message.to_email(date=DATE).as_bytes()
    assert b"strasse.de" not in message.to_email(date=DATE).as_bytes()


ENCODED_WORD_ATTACKS = (
    "=?utf-8?q?Eve=0D=0ABcc:_victim@example.com?=",
    "=?utf-8?b?RXZlDQpCY2M6IHZpY3RpbUBleGFtcGxlLmNvbQ==?=",
    "Ana =?iso-8859-1?q?=0ABcc:victim@example.com?=",
    "=?utf-8?q?=0D=0A=0D=0A<script>?=",
)


@pytest.mark.parametrize("attack", ENCODED_WORD_ATTACKS)
def test_encoded_words_never_reach_a_header(attack: str) -> None:
    # CVE-2024-6923: some 3.11 and 3.12 releases write a decoded CR LF raw,
    # so no value that can reach a header may hold an encoded word.
    for path in ("hiring_manager.name.family", "candidate.name.given", "role.title"):
        with pytest.raises(ValidationError) as caught:
            Application.from_dict(_document_with(path, attack))
        assert _problem_paths(caught.value) == [path]
    with pytest.raises(ValidationError, match="name"):
        Mailbox(email="ana@example.com", name=attack)
    with pytest.raises(ValidationError, match="subject"):
        attrs.evolve(MESSAGE, subject=attack)


def test_a_header_the_library_did_not_set_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Whatever the standard library writes, to_email never returns an email
    # whose headers differ from those it set. Here it adds a Bcc header, as
    # releases with CVE-2024-6923 can be made to.
    from email.message import EmailMessage  # noqa: PLC0415

    real = EmailMessage.as_bytes

    def with_bcc(self: EmailMessage, *args: Any, **kwargs: Any) -> bytes:
        return b"Bcc: eve@evil.example\r\n" + real(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "as_bytes", with_bcc)
    message = rejectkit.generate("thank-hr", rejectkit.sample_application())
    with pytest.raises(rejectkit.RenderError, match="bcc"):
        message.to_email(date=DATE, message_id=MESSAGE_ID)


def test_errors_of_the_email_package_become_render_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from email import utils  # noqa: PLC0415

    monkeypatch.setattr(utils, "format_datetime", lambda _: "x\r\ny")
    message = rejectkit.generate("thank-hr", rejectkit.sample_application())
    with pytest.raises(rejectkit.RenderError) as caught:
        message.to_email(date=DATE, message_id=MESSAGE_ID)
    assert isinstance(caught.value.__cause__, ValueError)


# --- Locales ----------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES, ids=lambda loc: loc.id)
def test_locales_are_matched_or_refused_before_babel_loads_data(
    locale: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel import localedata  # noqa: PLC0415

    loaded: list[str] = []
    real_load = localedata.load

    def spy(name: str, *args: Any, **kwargs: Any) -> Any:
        loaded.append(name)
        return real_load(name, *args, **kwargs)

    monkeypatch.setattr(localedata, "load", spy)
    application = rejectkit.sample_application()
    if locale.written is None:
        with pytest.raises(UnsupportedLocaleError):
            rejectkit.compose(application, locale=locale.value)
        with pytest.raises(UnsupportedLocaleError):
            rejectkit.plan(application, locale=locale.value)
        with pytest.raises(UnsupportedLocaleError):
            rejectkit.generate("thank-hr", application, locale=locale.value)
    else:
        kit = rejectkit.compose(application, locale=locale.value)
        assert {m.locale for m in kit} == {locale.written}
    known = {*localedata.locale_identifiers(), "root"}
    assert all(name in known for name in loaded), loaded


# --- Dates ------------------------------------------------------------------------


@pytest.mark.parametrize("date", DATES, ids=lambda d: d.id)
@pytest.mark.parametrize("field", DATE_FIELDS)
def test_dates_are_iso_8601_calendar_dates_only(field: str, date: Any) -> None:
    data = _document_with(field, date.value)
    # Valid dates keep their order: interviews up to the day of the notice.
    data["interviews"] = [data["interviews"][0]]
    set_path(data, "interviews[0].date", "2000-01-01")
    set_path(data, "outcome.told_on", "2099-12-31")
    set_path(data, field, date.value)
    if date.valid:
        Application.from_dict(data)
        return
    with pytest.raises(ValidationError) as caught:
        Application.from_dict(data)
    assert field in _problem_paths(caught.value)
    with pytest.raises(ValidationError):
        rejectkit.loads(json.dumps(data).encode())


def test_told_before_interviewed_names_both_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        Application.from_dict(_document_with("outcome.told_on", "2024-05-10"))
    message = str(caught.value)
    assert "outcome.told_on" in message
    assert "interviews[1].date" in message


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2024, 5, 2, 10, 0),  # noqa: DTZ001 - naive on purpose
        dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.UTC),
    ],
    ids=["naive", "aware"],
)
def test_datetimes_never_meet_dates_in_a_comparison(moment: dt.datetime) -> None:
    sample = rejectkit.sample_application()
    with pytest.raises(ValidationError, match="date"):
        Interview(date=moment)
    with pytest.raises(ValidationError, match="told_on"):
        attrs.evolve(sample.outcome, told_on=moment)
    data = sample.to_dict()
    data["outcome"]["told_on"] = moment  # type: ignore[typeddict-item]
    with pytest.raises(ValidationError, match=r"outcome\.told_on"):
        Application.from_dict(data)


def test_email_date_must_be_aware_and_is_never_compared() -> None:
    message = rejectkit.generate("thank-hr", rejectkit.sample_application())

    class NoOffset(dt.tzinfo):
        def utcoffset(self, _: dt.datetime | None) -> None:
            return None

        def dst(self, _: dt.datetime | None) -> None:
            return None

        def tzname(self, _: dt.datetime | None) -> None:
            return None

    for date in (
        dt.datetime(2024, 6, 1),  # noqa: DTZ001 - naive on purpose
        dt.datetime(2024, 6, 1, tzinfo=NoOffset()),
        dt.date(2024, 6, 1),
        "2024-06-01",
    ):
        with pytest.raises(ValidationError, match="date"):
            message.to_email(date=_any(date))


# --- Documents --------------------------------------------------------------------


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.id)
def test_documents_load_or_raise_validation_error(document: Document) -> None:
    if document.valid:
        application = rejectkit.loads(document.data, format=document.format)
        json.dumps(application.to_dict(), allow_nan=False)
        return
    with pytest.raises(ValidationError) as caught:
        rejectkit.loads(document.data, format=document.format)
    assert document.problem in str(caught.value)


@pytest.mark.parametrize(
    "document", [d for d in DOCUMENTS if len(d.data) < 500_000], ids=lambda d: d.id
)
def test_files_load_like_documents(document: Document, tmp_path: Path) -> None:
    path = tmp_path / f"application.{document.format}"
    data = document.data
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if document.valid:
        assert rejectkit.load(path) == rejectkit.loads(data, format=document.format)
        return
    with pytest.raises(ValidationError):
        rejectkit.load(path)


@pytest.mark.parametrize(
    "path", ["", "\x00.json", "missing.json", "dir.json", "bad.yaml"]
)
def test_unreadable_paths_are_a_load_error(path: str, tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(rejectkit.LoadError):
        rejectkit.load(tmp_path / path if path else path)


def _render_document(data: bytes) -> None:
    form: Format = "json" if data.lstrip()[:1] == b"{" else "toml"
    try:
        application = rejectkit.loads(data, format=form)
    except ValidationError:
        return
    for locale in RENDER_LOCALES:
        _render(application, locale)


@pytest.mark.parametrize(
    "seed",
    sorted((ROOT / "fuzz" / "seeds").iterdir()),
    ids=lambda p: p.name,
)
def test_fuzz_seeds_render(seed: Path) -> None:
    form: Format = "toml" if seed.suffix == ".toml" else "json"
    rejectkit.loads(seed.read_bytes(), format=form)
    _render_document(seed.read_bytes())


@pytest.mark.parametrize("document", REGRESSIONS, ids=range(len(REGRESSIONS)))
def test_documents_that_once_failed_are_handled(document: bytes) -> None:
    _render_document(document)


# --- Every entry point ------------------------------------------------------------

SAMPLE = rejectkit.sample_application()
MESSAGE = rejectkit.generate("thank-hr", SAMPLE)


def _any(value: object) -> Any:
    return value


BAD_CALLS: list[tuple[str, Callable[[], object], type[RejectkitError]]] = [
    ("from_dict-list", lambda: Application.from_dict(_any([])), ValidationError),
    (
        "from_dict-int-keys",
        lambda: Application.from_dict(_any({1: 2, "a": 3})),
        ValidationError,
    ),
    ("load-int", lambda: rejectkit.load(_any(5)), ValidationError),
    (
        "load-format",
        lambda: rejectkit.load("x.json", format=_any("xml")),
        ValidationError,
    ),
    ("loads-int", lambda: rejectkit.loads(_any(5)), ValidationError),
    (
        "loads-format",
        lambda: rejectkit.loads("{}", format=_any("yaml")),
        ValidationError,
    ),
    (
        "generate-unknown",
        lambda: rejectkit.generate("nope", SAMPLE),
        rejectkit.UnknownKindError,
    ),
    (
        "generate-kind-list",
        lambda: rejectkit.generate(_any([]), SAMPLE),
        rejectkit.UnknownKindError,
    ),
    (
        "generate-application",
        lambda: rejectkit.generate("thank-hr", _any({})),
        ValidationError,
    ),
    (
        "generate-option",
        lambda: rejectkit.generate("thank-hr", SAMPLE, x=1),  # type: ignore[call-arg]
        ValidationError,
    ),
    (
        "generate-topics",
        lambda: rejectkit.generate("feedback-request", SAMPLE, topics=5),  # type: ignore[arg-type]
        ValidationError,
    ),
    (
        "compose-kinds-int",
        lambda: rejectkit.compose(SAMPLE, kinds=_any(1)),
        ValidationError,
    ),
    (
        "compose-kinds-str",
        lambda: rejectkit.compose(SAMPLE, kinds="thank-hr"),  # type: ignore[arg-type]
        ValidationError,
    ),
    (
        "compose-kinds-nested",
        lambda: rejectkit.compose(SAMPLE, kinds=_any([["x"]])),
        ValidationError,
    ),
    (
        "compose-tone",
        lambda: rejectkit.compose(SAMPLE, tone=_any("loud")),
        ValidationError,
    ),
    (
        "compose-topics",
        lambda: rejectkit.compose(SAMPLE, topics=["fit", "fit"]),
        ValidationError,
    ),
    ("plan-application", lambda: rejectkit.plan(_any("x")), ValidationError),
    ("to_email-sender", lambda: MESSAGE.to_email(_any("a@b.example")), ValidationError),
    (
        "to_email-message-id",
        lambda: MESSAGE.to_email(message_id="<a@b>\r\nX: y"),
        ValidationError,
    ),
    (
        "by_kind",
        lambda: rejectkit.compose(SAMPLE).by_kind("x"),
        rejectkit.UnknownKindError,
    ),
    (
        "message-locale",
        lambda: attrs.evolve(MESSAGE, locale="../../etc"),
        ValidationError,
    ),
    (
        "message-requested",
        lambda: attrs.evolve(MESSAGE, requested_locale="x y"),
        ValidationError,
    ),
    (
        "message-greeting",
        lambda: attrs.evolve(MESSAGE, greeting=_any(5)),
        ValidationError,
    ),
    (
        "outcome-channel",
        lambda: attrs.evolve(SAMPLE.outcome, channel=_any("fax")),
        ValidationError,
    ),
]


@pytest.mark.parametrize(
    ("call", "error"),
    [pytest.param(call, error, id=name) for name, call, error in BAD_CALLS],
)
def test_bad_arguments_raise_the_documented_error(
    call: Callable[[], object], error: type[RejectkitError]
) -> None:
    with pytest.raises(error):
        call()


def test_the_allowed_values_are_listed() -> None:
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(SAMPLE.outcome, channel=_any("fax"))
    assert str(caught.value) == (
        "channel: 'fax' is not one of automated-email, personal-email, "
        "phone-call, in-person"
    )
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ValidationError) as loaded:
        Application.from_dict(_document_with("outcome.channel", "fax"))
    assert str(loaded.value).startswith("outcome.channel: 'fax' is not one of")


def test_errors_from_libraries_are_chained_not_raw() -> None:
    with pytest.raises(ValidationError) as caught:
        rejectkit.loads("{" * 10 + "x")
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)
    with pytest.raises(ValidationError) as toml:
        rejectkit.loads("= x", format="toml")
    assert type(toml.value.__cause__).__name__ == "TOMLDecodeError"
    with pytest.raises(ValidationError) as idna:
        Mailbox(email="ana@☃.example")
    assert type(idna.value.__cause__).__module__.startswith("idna")


# --- The command line -------------------------------------------------------------


def _cli_cases() -> Iterator[Any]:
    for text in TEXTS:
        if not text.valid and "\ud800" not in text.value and "\udc00" not in text.value:
            data = _document_with("candidate.name.given", text.value)
            yield pytest.param(json.dumps(data), [], id=f"text-{text.id}")
    refused_fields = [
        ("candidate.email", f"email-{e.id}", e.value) for e in EMAILS if not e.ascii
    ] + [("outcome.told_on", f"date-{d.id}", d.value) for d in DATES if not d.valid]
    for path, name, value in refused_fields:
        yield pytest.param(json.dumps(_document_with(path, value)), [], id=name)
    for document in DOCUMENTS:
        if not document.valid and document.format == "json":
            yield pytest.param(document.data, [], id=f"document-{document.id}")
    for locale in LOCALES:
        value = locale.value
        if locale.written is None and isinstance(value, str) and "\x00" not in value:
            yield pytest.param(
                json.dumps(base_document()),
                ["--locale", value],
                id=f"locale-{locale.id}",
            )


@pytest.mark.parametrize(("document", "options"), list(_cli_cases()))
def test_cli_exits_2_with_one_line(
    document: str | bytes,
    options: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "application.json"
    raw = (
        document.encode("utf-8", "surrogatepass")
        if isinstance(document, str)
        else document
    )
    path.write_bytes(raw)
    status = cli.main(["compose", str(path), *options])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith("rejectkit: error: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_cli_schema_prints_the_derived_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rejectkit._schema import json_schema  # noqa: PLC0415

    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


# --- Properties -------------------------------------------------------------------

_RENDERED_FIELDS = [f for f in FIELDS if f.rendered and f.base == "interviewed"]


@given(
    field=st.sampled_from(_RENDERED_FIELDS),
    value=st.text(max_size=40) | st.sampled_from([t.value for t in TEXTS]),
)
def test_arbitrary_text_never_escapes_its_place(field: Field, value: str) -> None:
    data = _document_with(field.path, value)
    try:
        application = Application.from_dict(data)
    except ValidationError as error:
        problems = _problem_paths(error)
    else:
        _same_shape(_render(application, "en"), _benign(field.path, field.base, "en"))
        return
    assert problems == [field.path]


@given(applications())
def test_documents_round_trip(application: Application) -> None:
    data = application.to_dict()
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    assert data["format"] == 1
    assert Application.from_dict(data) == application
    assert rejectkit.loads(text) == application


def _hostile_application() -> Application:
    data = base_document()
    accepted = [t for t in TEXTS if t.valid]
    for index, field in enumerate(FIELDS):
        fitting = [t for t in accepted if len(t.value) <= field.max_length]
        if field.base == "interviewed":
            set_path(data, field.path, fitting[index * 7 % len(fitting)].value)
    set_path(data, "candidate.email", "ana@straße.de")
    return Application.from_dict(data)


def _fingerprint(application: Application) -> str:
    digest = hashlib.sha256()
    for locale in rejectkit._i18n.SUPPORTED_LOCALES:
        for bundle in (False, True):
            kit = rejectkit.compose(application, locale=locale, bundle=bundle)
            digest.update(json.dumps(kit.to_dict(), sort_keys=True).encode())
            for message in kit:
                email = message.to_email(date=DATE, message_id=MESSAGE_ID)
                digest.update(email.as_bytes())
    return digest.hexdigest()


_FINGERPRINT_SCRIPT = """
import sys
sys.path[:0] = [{src!r}, {root!r}]
from tests.test_hostile import _fingerprint, _hostile_application
print(_fingerprint(_hostile_application()))
"""


def test_output_is_identical_across_hash_seeds() -> None:
    script = _FINGERPRINT_SCRIPT.format(src=str(ROOT / "src"), root=str(ROOT))
    prints = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        prints.add(done.stdout.strip())
    assert len(prints) == 1
    assert prints == {_fingerprint(_hostile_application())}


def test_eight_threads_render_exactly_the_serial_output() -> None:
    application = _hostile_application()
    jobs = [
        (locale, tone)
        for locale in rejectkit._i18n.SUPPORTED_LOCALES
        for tone in rejectkit.Tone
    ] * 2

    def render(job: tuple[str, rejectkit.Tone]) -> str:
        kit = rejectkit.compose(application, locale=job[0], tone=job[1])
        parts = [json.dumps(kit.to_dict(), sort_keys=True)]
        parts.extend(
            m.to_email(date=DATE, message_id=MESSAGE_ID).as_string() for m in kit
        )
        return "\n".join(parts)

    serial = [render(job) for job in jobs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(render, jobs))
    assert threaded == serial


# --- The error list ---------------------------------------------------------------


def test_every_error_is_in_the_error_list() -> None:
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    # Each entry is a definition term, "`Name` (also a `Base`)", and its text.
    entries = re.findall(r"^`(\w+)`(.*)\n:   ", page, flags=re.MULTILINE)
    terms = dict(entries)
    public = [
        name
        for name in exceptions.__all__
        if isinstance(getattr(exceptions, name), type)
        and issubclass(getattr(exceptions, name), Exception)
    ]
    assert sorted(name for name, _ in entries) == sorted(public)
    for name in public:
        cls = getattr(exceptions, name)
        bases = [
            b.__name__ for b in cls.__mro__[1:] if b not in {object, BaseException}
        ]
        for base in bases:
            if base not in {"Exception", "RejectkitError", "Warning"}:
                assert f"`{base}`" in terms[name], (name, base)
