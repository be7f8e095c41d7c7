"""read_notice: a corpus of rejection emails, hostile mail, threading."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import zoneinfo
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rejectkit
from rejectkit import Confidence, ValidationError, read_notice
from rejectkit.cli import main

NOTICES = Path(__file__).parent / "notices"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (NOTICES / "expected.toml").read_text(encoding="utf-8")
)
FALLBACK = dt.date(2024, 6, 1)


def _none(value: object) -> object:
    return None if value == "none" else value


def test_corpus_is_large_enough() -> None:
    assert len(EXPECTED) >= 30
    assert {p.stem for p in NOTICES.glob("*.eml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(name: str) -> None:  # noqa: C901 - one check per expected field
    want = EXPECTED[name]
    notice = read_notice(NOTICES / f"{name}.eml", fallback_date=FALLBACK)
    outcome = notice.outcome
    assert outcome.decision is rejectkit.Decision.REJECTED
    assert notice.locale == want["locale"]
    if "channel" in want:
        assert outcome.channel.value == want["channel"]
    if "told_on" in want:
        assert outcome.told_on.isoformat() == want["told_on"]
    if "told_on_confidence" in want:
        assert notice.confidence.told_on.value == want["told_on_confidence"]
    if "message_id" in want:
        assert notice.message_id == _none(want["message_id"])
        assert outcome.notice_message_id == _none(want["message_id"])
    if "notice_from" in want:
        assert outcome.notice_from == _none(want["notice_from"])
    if "told_by" in want:
        told_by = _none(want["told_by"])
        if told_by is None:
            assert outcome.told_by is None
        else:
            assert outcome.told_by is not None
            name_ = outcome.told_by.name
            assert [name_.given, name_.family] == told_by
            assert outcome.told_by.form_of_address is rejectkit.FormOfAddress.NEUTRAL
    if "contact" in want:
        assert notice.contact is not None
        assert [notice.contact.name.given, notice.contact.name.family] == want[
            "contact"
        ]
    if "references" in want:
        assert list(notice.references) == want["references"]
    if "problem" in want:
        assert want["problem"] in {header for header, _ in notice.problems}
    if "locale_confidence" in want:
        assert notice.confidence.locale is not None
        assert notice.confidence.locale.value == want["locale_confidence"]


def test_the_candidates_timezone_decides_the_day() -> None:
    raw = (NOTICES / "personal-en.eml").read_bytes()  # 16:40 +0200
    tokyo = read_notice(raw, timezone=zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert tokyo.outcome.told_on == dt.date(2024, 5, 17)
    assert tokyo.confidence.told_on is Confidence.CERTAIN
    honolulu = read_notice(raw, timezone=zoneinfo.ZoneInfo("Pacific/Honolulu"))
    assert honolulu.outcome.told_on == dt.date(2024, 5, 17)
    late = raw.replace(b"16:40:00 +0200", b"23:40:00 +0000")
    assert read_notice(
        late, timezone=zoneinfo.ZoneInfo("Asia/Tokyo")
    ).outcome.told_on == dt.date(2024, 5, 18)


def test_an_email_message_is_read_too() -> None:
    raw = (NOTICES / "personal-de.eml").read_bytes()
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    assert read_notice(parsed) == read_notice(raw)


@pytest.mark.parametrize(
    ("raw", "header"),
    [
        (b"From: a@b.example\r\nFrom: c@d.example\r\n\r\nx", "From"),
        (b"From: =?utf-8?q?Eve=0D=0ABcc=3A_x?= <eve@b.example>\r\n\r\nx", "From"),
        (b"From: =?utf-8?q?=E2=80=AEevE?= <eve@b.example>\r\n\r\nx", "From"),
        (
            b"From: a@b.example\r\nMessage-ID: <a@b>\r\nMessage-ID: <c@d>\r\n\r\nx",
            "Message-ID",
        ),
    ],
)
def test_hostile_headers_are_named(raw: bytes, header: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_notice(raw, detect_language=False)
    assert caught.value.problems[0][0] == header


@pytest.mark.parametrize(
    "display",
    [
        b"\xff\xfe Bad",  # not UTF-8
        b"\xe5\xb1\xb1\xe7\x94",  # UTF-8 cut short
        b"Eve \xe2\x80\xae Evil",  # valid UTF-8, but a bidi override
        b"Eve\xc2\x85Evil",  # valid UTF-8, but NEXT LINE
    ],
    ids=["not-utf8", "truncated", "bidi", "nel"],
)
def test_raw_8bit_names_are_refused_unless_clean_utf8(display: bytes) -> None:
    raw = b"From: " + display + b" <eve@b.example>\r\n\r\nx"
    with pytest.raises(ValidationError) as caught:
        read_notice(raw, detect_language=False)
    assert caught.value.problems[0][0] == "From"


def test_raw_utf8_names_are_read_in_reply_to_too() -> None:
    raw = "Reply-To: Zoë Weiß <zoe@beispiel.example>\r\n".encode()
    raw += b"From: no-reply@beispiel.example\r\n\r\nDanke."
    notice = read_notice(raw, detect_language=False)
    assert notice.outcome.notice_from == "zoe@beispiel.example"
    assert notice.contact is not None
    assert (notice.contact.name.given, notice.contact.name.family) == ("Zoë", "Weiß")


def test_not_an_email() -> None:
    with pytest.raises(ValidationError, match="source"):
        read_notice(b"")
    with pytest.raises(ValidationError, match="source"):
        read_notice(42)  # type: ignore[arg-type]


_HEADER_NAMES = st.sampled_from(
    ["From", "Reply-To", "Date", "Message-ID", "References", "Subject",
     "Content-Language", "Auto-Submitted", "Precedence", "List-Unsubscribe",
     "Content-Type", "Content-Transfer-Encoding"]
)  # fmt: skip
_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["=?utf-8?q?=0D=0A?=", "<a@b.example>", "Anna <a@b.example>", '"x" <>',
         "Mon, 32 May 2024 25:00:00 +9999", "text/html; charset=bogus",
         "multipart/mixed; boundary=x", "base64", "=?x?b?###?=", "<<>>"]
    ),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    headers=st.lists(st.tuples(_HEADER_NAMES, _VALUES), max_size=8),
    body=st.binary(max_size=200),
)
def test_generated_mail_raises_only_rejectkit_errors(
    headers: list[tuple[str, str]], body: bytes
) -> None:
    raw = (
        b"".join(
            f"{name}: {value}\r\n".encode("utf-8", "surrogatepass")
            for name, value in headers
        )
        + b"\r\n"
        + body
    )
    try:
        notice = read_notice(raw, fallback_date=FALLBACK)
    except rejectkit.RejectkitError:
        return
    assert isinstance(notice.outcome, rejectkit.Outcome)


def test_a_reply_threads_under_the_notice_in_its_language() -> None:
    notice = read_notice(NOTICES / "personal-fr.eml")
    assert notice.locale == "fr"
    sample = rejectkit.sample_application()
    application = notice.application(candidate=sample.candidate, role=sample.role)
    kit = rejectkit.compose(application, locale=notice.locale)
    threaded = [m for m in kit if m.in_reply_to == notice.message_id]
    assert threaded
    email = threaded[0].to_email(date=dt.datetime(2024, 5, 20, tzinfo=dt.UTC))
    assert email["In-Reply-To"] == notice.message_id
    assert notice.message_id is not None
    assert notice.message_id in str(email["References"])
    assert str(email["Content-Language"]) == "fr"


@pytest.mark.parametrize("name", ["thread-pl", "folded-headers", "personal-de"])
def test_a_composed_reply_threads_under_the_whole_chain(name: str) -> None:
    notice = read_notice(NOTICES / f"{name}.eml")
    assert notice.message_id is not None
    assert notice.locale is not None
    chain = [*EXPECTED[name].get("references", []), notice.message_id]
    assert list(notice.outcome.reply_references) == chain
    sample = rejectkit.sample_application()
    application = notice.application(candidate=sample.candidate, role=sample.role)
    # The application survives being saved and loaded again.
    application = rejectkit.loads(json.dumps(application.to_dict()))
    kit = rejectkit.compose(application, locale=notice.locale)
    reply = next(m for m in kit if m.in_reply_to == notice.message_id)
    email = reply.to_email(
        date=dt.datetime(2024, 5, 20, tzinfo=dt.UTC),
        message_id="<reply-1@example.com>",
    )

    parsed = BytesParser(policy=policy.default).parsebytes(email.as_bytes())

    assert parsed["In-Reply-To"] == notice.message_id
    assert str(parsed["References"]).split() == chain
    assert str(parsed["Content-Language"]) == notice.locale
    assert reply.locale == notice.locale


def test_a_notice_without_a_usable_message_id_still_names_its_thread() -> None:
    # RFC 5322, 3.6.4: the reply carries the notice's References and, with
    # no Message-ID to answer, no In-Reply-To.
    raw = (NOTICES / "folded-headers.eml").read_bytes()
    notice = read_notice(raw.replace(b"<fold1@esempio.example>", b"fold1"))
    chain = ("<r1@esempio.example>", "<r2@esempio.example>")
    assert notice.references == chain
    assert notice.outcome.notice_message_id is None
    assert notice.outcome.reply_references == chain
    assert notice.locale is not None
    sample = rejectkit.sample_application()
    application = notice.application(candidate=sample.candidate, role=sample.role)
    kit = rejectkit.compose(application, locale=notice.locale)
    replies = [m for m in kit if m.references]
    assert replies
    for reply in replies:
        assert reply.references == chain
        assert reply.in_reply_to is None
        email = reply.to_email(
            date=dt.datetime(2024, 5, 20, tzinfo=dt.UTC),
            message_id="<reply-2@example.com>",
        )
        parsed = BytesParser(policy=policy.default).parsebytes(email.as_bytes())
        assert parsed["In-Reply-To"] is None
        assert str(parsed["References"]).split() == list(chain)


@pytest.mark.parametrize(
    ("in_reply_to", "thread"),
    [
        (b"<application-7@example.com>", ("<application-7@example.com>",)),
        # Two parents, or text that is not one Message-ID, name no thread.
        (b"<a@example.com> <b@example.com>", ()),
        (b"your message of May 2", ()),
    ],
)
def test_in_reply_to_names_the_thread_when_there_are_no_references(
    in_reply_to: bytes, thread: tuple[str, ...]
) -> None:
    raw = (NOTICES / "personal-fr.eml").read_bytes()
    assert b"References:" not in raw
    raw = raw.replace(
        b"Message-ID:", b"In-Reply-To: " + in_reply_to + b"\r\nMessage-ID:", 1
    )
    notice = read_notice(raw)
    assert notice.references == ()
    assert notice.outcome.notice_references == thread
    assert notice.outcome.reply_references == (*thread, "<p-fr@exemple.example>")


def test_skeleton_loads_once_completed() -> None:
    notice = read_notice(NOTICES / "personal-sv.eml")
    document = notice.skeleton()
    document["candidate"] = {
        "name": {"given": "Ada", "family": "Lee"},
        "email": "ada@example.com",
    }
    document["role"] = {"title": "Engineer", "company": "Exempel AB"}
    application = rejectkit.Application.from_dict(document)
    assert application.outcome == notice.outcome


def test_cli_writes_a_skeleton(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read-notice", str(NOTICES / "personal-de.eml")]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["outcome"]["notice_message_id"] == "<p-de@beispiel.example>"
    assert (
        main(["read-notice", str(NOTICES / "personal-de.eml"), "--format", "toml"]) == 0
    )
    assert (
        tomllib.loads(capsys.readouterr().out)["outcome"]["channel"] == "personal-email"
    )


def test_cli_names_the_file_on_bad_mail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.eml"
    bad.write_bytes(b"From: a@b.example\r\nFrom: c@d.example\r\n\r\nx")
    assert main(["read-notice", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bad.eml" in err
    assert "From" in err
