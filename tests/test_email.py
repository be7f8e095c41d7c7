"""`Message.to_email`: a standard email that parses back to the same message."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import subprocess
import sys
import textwrap
import unicodedata
from email.message import EmailMessage
from typing import Any

import attrs
import pytest

import rejectkit
from rejectkit import Application, Mailbox, Message, PersonName

SAMPLE = rejectkit.sample_application()
NOTICE_ID = "<decision-118@northwind.example>"
DATE = dt.datetime(2024, 5, 22, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
MESSAGE_ID = "<thank-hr-1@example.com>"

# Every header rejectkit writes; Content-Transfer-Encoding (and the
# MIME-Version the standard library repeats) appear on the parts only.
TOP_LEVEL_HEADERS = frozenset(
    {
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "content-language",
        "mime-version",
        "content-type",
    }
)
PART_HEADERS = frozenset({"content-type", "content-transfer-encoding", "mime-version"})

ENCODED_WORD_TRICK = "=?utf-8?q?x=0D=0ABcc:_evil@example.com?="
DASH = "\N{EN DASH}"


def parse(raw: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def build(message: Message, sender: Mailbox | None = None) -> EmailMessage:
    return message.to_email(sender, date=DATE, message_id=MESSAGE_ID)


def unix(text: str) -> str:
    return text.replace("\r\n", "\n")


def subject(parsed: EmailMessage) -> str:
    # A subject too long for the "Subject:" line may be folded in front of its
    # first word, which RFC 5322 allows; the parser of some Python versions
    # keeps that folding space (CPython gh-124452). rejectkit's own subjects
    # never start with white space, so dropping it loses nothing.
    value = parsed["Subject"]
    assert isinstance(value, str)
    return value.lstrip(" \t")


def body(parsed: EmailMessage, subtype: str) -> str:
    part = parsed.get_body((subtype,))
    assert part is not None
    assert part.get_content_type() == f"text/{subtype}"
    content = part.get_content()
    assert isinstance(content, str)
    return unix(content)


def addresses(parsed: EmailMessage, header: str) -> list[tuple[str, str]]:
    value = parsed[header]
    return [(a.display_name, a.addr_spec) for a in value.addresses]


def header_names(parsed: EmailMessage) -> tuple[set[str], set[str]]:
    top = {name.lower() for name in parsed.keys()}  # noqa: SIM118 - all headers, repeats too
    parts: set[str] = set()
    for part in parsed.walk():
        if part is not parsed:
            parts.update(name.lower() for name in part.keys())  # noqa: SIM118
    return top, parts


def with_hr(application: Application, **changes: Any) -> Application:
    assert application.hr_contact is not None
    return attrs.evolve(
        application, hr_contact=attrs.evolve(application.hr_contact, **changes)
    )


def everything() -> list[Message]:
    received = attrs.evolve(
        SAMPLE,
        feedback=rejectkit.Feedback(
            status=rejectkit.FeedbackStatus.RECEIVED,
            notes=(
                rejectkit.FeedbackNote(
                    topic=rejectkit.FeedbackTopic.FIT, note="they wanted a team lead"
                ),
            ),
        ),
    )
    return [
        *rejectkit.compose(SAMPLE),
        *rejectkit.compose(SAMPLE, bundle=True, tone="warm"),
        *rejectkit.compose(received),
    ]


MESSAGES = everything()


@pytest.mark.parametrize(
    "message", MESSAGES, ids=[f"{m.kind}-{i}" for i, m in enumerate(MESSAGES)]
)
def test_email_parses_back_to_the_message(message: Message) -> None:
    parsed = parse(build(message).as_bytes())

    assert parsed.get_content_type() == "multipart/alternative"
    assert subject(parsed) == message.subject
    assert addresses(parsed, "From") == [("Alex Morgan", "alex.morgan@example.com")]
    assert addresses(parsed, "To") == [
        (r.name or "", r.email) for r in message.recipients
    ]
    assert parsed["Date"].datetime == DATE
    assert parsed["Message-ID"] == MESSAGE_ID
    assert body(parsed, "plain") == message.text
    assert body(parsed, "html") == message.html
    for part in parsed.iter_parts():
        assert part.get_content_charset() == "utf-8"
    top, parts = header_names(parsed)
    assert top <= TOP_LEVEL_HEADERS
    assert parts <= PART_HEADERS
    assert not parsed.defects
    assert all(not part.defects for part in parsed.walk())


@pytest.mark.parametrize(
    ("requested", "written"), [("en-GB", "en-GB"), ("pt", "pt-BR"), ("ru_RU", "en")]
)
def test_content_language_is_the_language_written(requested: str, written: str) -> None:
    message = rejectkit.generate("thank-hr", SAMPLE, locale=requested)

    parsed = parse(build(message).as_bytes())

    assert parsed["Content-Language"] == written


def test_email_is_multipart_alternative_text_first() -> None:
    parsed = parse(build(rejectkit.generate("thank-hr", SAMPLE)).as_bytes())

    assert [p.get_content_type() for p in parsed.iter_parts()] == [
        "text/plain",
        "text/html",
    ]


def test_email_uses_smtp_line_endings() -> None:
    raw = build(rejectkit.generate("thank-hr", SAMPLE)).as_bytes()

    assert b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")


def test_sender_can_be_overridden() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)
    sender = Mailbox(email="alex@mail.example.org", name="Alex M.")

    parsed = parse(build(message, sender).as_bytes())

    assert addresses(parsed, "From") == [("Alex M.", "alex@mail.example.org")]


def test_sender_must_be_a_mailbox() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        message.to_email("alex@example.com")  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "sender"


def test_no_to_header_without_recipients() -> None:
    application = attrs.evolve(
        SAMPLE,
        hr_contact=None,
        hiring_manager=None,
        outcome=attrs.evolve(SAMPLE.outcome, notice_from=None, told_by=None),
    )
    message = rejectkit.generate("stay-in-touch", application)
    assert message.recipients == ()

    parsed = parse(build(message).as_bytes())

    assert parsed["To"] is None
    assert body(parsed, "plain") == message.text


def test_same_input_gives_byte_identical_output() -> None:
    message = rejectkit.generate("feedback-request", SAMPLE)
    again = rejectkit.generate("feedback-request", SAMPLE)

    first = build(message).as_bytes()

    assert build(message).as_bytes() == first
    assert build(again).as_bytes() == first
    assert message.to_email(date=DATE, message_id=MESSAGE_ID).as_string() == (
        first.decode("ascii")
    )


def test_different_message_ids_give_different_boundaries() -> None:
    message = rejectkit.generate("feedback-request", SAMPLE)

    one = message.to_email(date=DATE, message_id="<one@example.com>")
    two = message.to_email(date=DATE, message_id="<two@example.com>")

    assert one.get_boundary() != two.get_boundary()
    assert parse(one.as_bytes())["Message-ID"] == "<one@example.com>"


BUILD_IN_CHILD = textwrap.dedent(
    """
    import datetime as dt
    import sys

    import rejectkit

    date = dt.datetime(2024, 5, 22, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    for message in rejectkit.compose(rejectkit.sample_application(), bundle=True):
        raw = message.to_email(date=date, message_id="<thank-hr-1@example.com>")
        sys.stdout.buffer.write(raw.as_bytes())
        sys.stdout.buffer.write(b"\\x00")
    """
)


def test_output_is_identical_across_processes() -> None:
    expected = b"".join(
        build(m).as_bytes() + b"\x00" for m in rejectkit.compose(SAMPLE, bundle=True)
    )
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", BUILD_IN_CHILD],
            capture_output=True,
            check=True,
            env=env,
            timeout=120,
        )
        outputs.append(result.stdout)

    assert outputs[0] == expected
    assert outputs[1] == expected
    assert outputs[2] == expected


@pytest.mark.parametrize(
    ("given", "family"),
    [
        ("Zoë", "Łukasiewicz"),
        ("山田", "太郎"),
        ("Ngọc Anh", "Nguyễn"),
        ("Sergeï", "Ёлкин"),
        ("محمد", "الفاسي"),
    ],
)
def test_non_ascii_display_names_round_trip(given: str, family: str) -> None:
    name = PersonName(given=given, family=family)
    application = with_hr(SAMPLE, name=name)
    application = attrs.evolve(
        application, candidate=attrs.evolve(SAMPLE.candidate, name=name)
    )
    message = rejectkit.generate("thank-hr", application)
    full = f"{given} {family}"

    raw = build(message).as_bytes()
    parsed = parse(raw)

    assert raw.isascii()
    assert addresses(parsed, "To") == [(full, "jordan.lee@northwind.example")]
    assert addresses(parsed, "From") == [(full, "alex.morgan@example.com")]
    assert body(parsed, "plain") == message.text
    # A right-to-left name in English text is isolated as a whole.
    isolated = (
        f"\u2068{full}\u2069"
        if unicodedata.bidirectional(given[0]) in {"R", "AL"}
        else full
    )
    assert f"Dear {isolated}," in body(parsed, "plain")


@pytest.mark.parametrize(
    "title",
    ["Ingénieur·e logicielle", "データアナリスト", f"Analyst (m/w/d) {DASH} Zürich"],
)
def test_non_ascii_subject_round_trips(title: str) -> None:
    application = attrs.evolve(SAMPLE, role=attrs.evolve(SAMPLE.role, title=title))
    message = rejectkit.generate("feedback-request", application)

    parsed = parse(build(message).as_bytes())

    assert (
        subject(parsed)
        == message.subject
        == f"Feedback on my application {DASH} {title}"
    )


def _header_lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


@pytest.mark.parametrize("letter", ["T", "\u00e9"])
def test_the_longest_title_and_company_fit_in_every_subject(letter: str) -> None:
    role = attrs.evolve(SAMPLE.role, title=letter * 200, company=letter * 200)
    application = attrs.evolve(SAMPLE, role=role)

    kit = rejectkit.compose(application)

    assert max(len(m.subject) for m in kit) > 400
    for message in kit:
        raw = build(message).as_bytes()
        assert max(len(line) for line in _header_lines(raw)) <= 998
        assert subject(parse(raw)) == message.subject


@pytest.mark.parametrize(
    "text",
    [
        "S" * 998,
        "Re: " + "S" * 994,
        "S " * 498 + "S" * 2,
        "\u00e9" * 998,
        "\u05e9" * 500 + " " + "S" * 497,
    ],
    ids=["one-word", "long-last-word", "many-words", "latin", "hebrew-and-latin"],
)
def test_subjects_up_to_998_characters_fold_and_round_trip(text: str) -> None:
    assert len(text) == 998
    message = attrs.evolve(rejectkit.generate("thank-hr", SAMPLE), subject=text)

    raw = build(message).as_bytes()

    assert max(len(line) for line in _header_lines(raw)) <= 998
    assert subject(parse(raw)) == text


def test_a_subject_over_998_characters_is_refused() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)
    with pytest.raises(rejectkit.ValidationError) as caught:
        attrs.evolve(message, subject="S" * 999)
    assert caught.value.problems == (
        ("subject", "is 999 characters long, the limit is 998"),
    )


@pytest.mark.parametrize(
    "name",
    [
        "Lee, Jordan <evil@example.com>",
        'Jordan "JJ" Lee',
        "Jordan (HR) Lee; x@example.com",
        "Lee\\Jordan",
    ],
)
def test_specials_in_display_names_stay_one_address(name: str) -> None:
    message = attrs.evolve(
        rejectkit.generate("thank-hr", SAMPLE),
        recipients=(Mailbox(email="jordan.lee@northwind.example", name=name),),
    )

    parsed = parse(build(message).as_bytes())

    assert addresses(parsed, "To") == [(name, "jordan.lee@northwind.example")]


def test_in_reply_to_when_replying_to_the_notice_sender() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)
    assert message.recipients[0].email == SAMPLE.outcome.notice_from

    parsed = parse(build(message).as_bytes())

    assert parsed["In-Reply-To"] == NOTICE_ID
    assert parsed["References"] == NOTICE_ID


def test_references_carry_the_notices_whole_thread() -> None:
    earlier = ("<opening-7@northwind.example>", "<interview-3@northwind.example>")
    application = attrs.evolve(
        SAMPLE, outcome=attrs.evolve(SAMPLE.outcome, notice_references=earlier)
    )
    message = rejectkit.generate("thank-hr", application)
    assert message.references == (*earlier, NOTICE_ID)

    parsed = parse(build(message).as_bytes())

    assert parsed["In-Reply-To"] == NOTICE_ID
    assert str(parsed["References"]).split() == [*earlier, NOTICE_ID]


def test_a_long_thread_is_folded_and_read_back_whole() -> None:
    earlier = tuple(f"<step-{i:03}@northwind.example>" for i in range(60))
    application = attrs.evolve(
        SAMPLE, outcome=attrs.evolve(SAMPLE.outcome, notice_references=earlier)
    )
    raw = build(rejectkit.generate("thank-hr", application)).as_bytes()

    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    assert str(parse(raw)["References"]).split() == [*earlier, NOTICE_ID]


def test_references_must_end_with_the_message_answered() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)
    with pytest.raises(rejectkit.ValidationError) as caught:
        attrs.evolve(message, references=("<other@northwind.example>",))
    assert caught.value.problems[0][0] == "references"


def test_no_in_reply_to_for_someone_else() -> None:
    message = rejectkit.generate("thank-hiring-manager", SAMPLE)

    parsed = parse(build(message).as_bytes())

    assert parsed["In-Reply-To"] is None
    assert parsed["References"] is None


def test_no_in_reply_to_without_the_notice_message_id() -> None:
    application = attrs.evolve(
        SAMPLE, outcome=attrs.evolve(SAMPLE.outcome, notice_message_id=None)
    )

    parsed = parse(build(rejectkit.generate("thank-hr", application)).as_bytes())

    assert parsed["In-Reply-To"] is None
    assert parsed["References"] is None


def test_no_in_reply_to_when_hr_is_not_the_notice_sender() -> None:
    application = with_hr(SAMPLE, email="recruiting@northwind.example")

    parsed = parse(build(rejectkit.generate("thank-hr", application)).as_bytes())

    assert parsed["In-Reply-To"] is None


def test_in_reply_to_for_the_hiring_team_at_the_notice_address() -> None:
    application = attrs.evolve(
        SAMPLE,
        hr_contact=None,
        hiring_manager=None,
        outcome=attrs.evolve(
            SAMPLE.outcome,
            channel=rejectkit.Channel.AUTOMATED_EMAIL,
            told_by=None,
            notice_from="no-reply@northwind.example",
        ),
    )

    parsed = parse(build(rejectkit.generate("stay-in-touch", application)).as_bytes())

    assert addresses(parsed, "To") == [("", "no-reply@northwind.example")]
    assert parsed["In-Reply-To"] == NOTICE_ID
    assert parsed["References"] == NOTICE_ID


def test_date_defaults_to_now_and_message_id_is_generated() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)

    parsed = parse(message.to_email().as_bytes())

    after = dt.datetime.now(dt.UTC)
    assert before <= parsed["Date"].datetime <= after
    generated = parsed["Message-ID"]
    assert generated.startswith("<")
    assert generated.endswith("@example.com>")
    assert parse(message.to_email().as_bytes())["Message-ID"] != generated


@pytest.mark.parametrize(
    "date",
    [
        dt.datetime(2024, 5, 22, 9, 30),  # noqa: DTZ001 - naive on purpose
        dt.date(2024, 5, 22),
        "Wed, 22 May 2024 09:30:00 +0000",
        1716370200,
    ],
)
def test_date_must_be_aware(date: object) -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        message.to_email(date=date, message_id=MESSAGE_ID)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "date"


@pytest.mark.parametrize(
    "message_id",
    [
        "thank-hr-1@example.com",
        "<thank-hr-1>",
        "<a@b@example.com>",
        "<a b@example.com>",
        "<a@example.com>\r\nBcc: evil@example.com",
        "<a@example.com>\nBcc: evil@example.com",
        "<ä@example.com>",
        "",
        "<>",
        "<@>",
        "<abc@>",
        "<@example.com>",
    ],
)
def test_bad_message_id_is_rejected(message_id: str) -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        message.to_email(date=DATE, message_id=message_id)
    assert excinfo.value.problems[0][0] == "message_id"


LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85"]
LINE_BREAKS += ["\u2028", "\u2029"]


@pytest.mark.parametrize(
    "brk", LINE_BREAKS, ids=[f"U+{ord(b[-1]):04X}" for b in LINE_BREAKS]
)
def test_a_name_with_a_line_break_cannot_be_constructed(brk: str) -> None:
    injected = f"Jordan{brk}Bcc: evil@example.com"

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        PersonName(given=injected, family="Lee")
    assert excinfo.value.problems[0][0] == "given"
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        PersonName(given="Jordan", family=injected)
    assert excinfo.value.problems[0][0] == "family"
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        Mailbox(email="jordan.lee@northwind.example", name=injected)
    assert excinfo.value.problems[0][0] == "name"
    with pytest.raises(rejectkit.ValidationError):
        Mailbox(email=f"jordan.lee@northwind.example{brk}Bcc: evil@example.com")
    with pytest.raises(rejectkit.ValidationError):
        rejectkit.Role(title=injected, company="Northwind")
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        attrs.evolve(rejectkit.generate("thank-hr", SAMPLE), subject=injected)
    assert excinfo.value.problems[0][0] == "subject"


def assert_no_injection(parsed: EmailMessage, recipients: list[str]) -> None:
    top, parts = header_names(parsed)
    assert top <= TOP_LEVEL_HEADERS, top - TOP_LEVEL_HEADERS
    assert parts <= PART_HEADERS, parts - PART_HEADERS
    assert "bcc" not in top
    assert "cc" not in top
    to = parsed["To"]
    found = [] if to is None else [a.addr_spec for a in to.addresses]
    assert found == recipients
    assert [a.addr_spec for a in parsed["From"].addresses] == [
        "alex.morgan@example.com"
    ]


def test_encoded_word_in_a_recipient_name_is_refused() -> None:
    # Refused where the name is given, so no email can carry it.
    with pytest.raises(rejectkit.ValidationError, match="given: must not contain"):
        PersonName(given=ENCODED_WORD_TRICK, family="Lee")


def test_encoded_word_in_the_sender_name_is_refused() -> None:
    with pytest.raises(rejectkit.ValidationError, match="name: must not contain"):
        Mailbox(email="alex.morgan@example.com", name=ENCODED_WORD_TRICK)


def test_encoded_word_in_the_subject_is_refused() -> None:
    with pytest.raises(rejectkit.ValidationError, match="title: must not contain"):
        attrs.evolve(SAMPLE.role, title=ENCODED_WORD_TRICK)
    message = rejectkit.generate("thank-hr", SAMPLE)
    with pytest.raises(rejectkit.ValidationError, match="subject: must not contain"):
        attrs.evolve(message, subject=ENCODED_WORD_TRICK)


def test_plain_names_with_equals_and_question_marks_still_work() -> None:
    name = "Jordan =Lee? (x=1?)"
    message = attrs.evolve(
        rejectkit.generate("thank-hr", SAMPLE),
        recipients=(Mailbox(email="jordan.lee@northwind.example", name=name),),
    )

    parsed = parse(build(message).as_bytes())

    assert addresses(parsed, "To") == [(name, "jordan.lee@northwind.example")]
