"""The text, HTML and dict forms of a `Message`, and the `Kit` container."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rejectkit
from rejectkit import (
    Application,
    Audience,
    Channel,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackSource,
    FeedbackStatus,
    FeedbackTopic,
    Kit,
    Mailbox,
    Message,
    PersonName,
    Tone,
)

SAMPLE = rejectkit.sample_application()

EVIL_TITLE = '<script>alert(1)</script> & "Co"'
EVIL_COMPANY = "Smith & <b>Sons</b> 'Ltd'"
EVIL_HIGHLIGHT = 'the "<i>dashboards</i>" & <img src=x onerror=alert(2)>'
EVIL_NOTE = "more <em>Kafka</em> & less </p><p>guessing"
EVIL_LINK = 'https://alex.example/p?a=1&b="x"&c=<y>'
EVIL_GIVEN = "Jo<rdan>"
EVIL_FAMILY = "O'Lee & Co"

VOID_TAGS = frozenset({"meta", "br"})
ALLOWED_TAGS = frozenset(
    {"html", "head", "meta", "title", "body", "p", "br", "ul", "li", "a"}
)


class Document(HTMLParser):
    """Records the structure of an HTML document and checks its nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype: str | None = None
        self.tags: list[str] = []
        self.attributes: dict[str, list[dict[str, str | None]]] = {}
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.items: list[str] = []
        self._item: list[str] | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.setdefault(tag, []).append(dict(attrs))
        if tag == "li":
            self._item = []
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            self.errors.append(f"end tag for void element {tag}")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack}")
        else:
            self.stack.pop()
        if tag == "li" and self._item is not None:
            self.items.append("".join(self._item))
            self._item = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._item is not None:
            self._item.append(data)

    def handle_comment(self, data: str) -> None:
        self.errors.append(f"comment {data!r}")

    def handle_pi(self, data: str) -> None:
        self.errors.append(f"processing instruction {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.errors.append(f"unknown declaration {data!r}")


def parse(html: str) -> Document:
    document = Document()
    document.feed(html)
    document.close()
    return document


def with_feedback(status: FeedbackStatus) -> Application:
    notes = (
        (
            FeedbackNote(
                topic=FeedbackTopic.EXPERIENCE,
                note="more hands-on work with streaming data would have helped",
            ),
            FeedbackNote(topic=FeedbackTopic.FIT, note="they wanted a team lead"),
        )
        if status is FeedbackStatus.RECEIVED
        else ()
    )
    return attrs.evolve(
        SAMPLE,
        feedback=Feedback(
            status=status, notes=notes, given_by=FeedbackSource.HR, on=None
        ),
    )


def automated() -> Application:
    return attrs.evolve(
        SAMPLE,
        hr_contact=None,
        hiring_manager=None,
        outcome=attrs.evolve(
            SAMPLE.outcome,
            channel=Channel.AUTOMATED_EMAIL,
            told_by=None,
            notice_from="careers@northwind.example",
        ),
    )


def all_messages() -> list[Message]:
    """Every kind, in both tones, from a handful of situations."""
    applications = [
        SAMPLE,
        attrs.evolve(
            SAMPLE,
            interviews=(),
            outcome=attrs.evolve(SAMPLE.outcome, decision=Decision.ON_HOLD),
        ),
        automated(),
        with_feedback(FeedbackStatus.DECLINED),
        with_feedback(FeedbackStatus.RECEIVED),
    ]
    messages: list[Message] = []
    for application in applications:
        for tone in Tone:
            for bundle in (False, True):
                messages.extend(
                    rejectkit.compose(application, tone=tone, bundle=bundle)
                )
    return messages


MESSAGES = all_messages()
MESSAGE_IDS = [f"{m.kind}-{i}" for i, m in enumerate(MESSAGES)]


def test_every_kind_is_covered() -> None:
    assert {m.kind for m in MESSAGES} == set(rejectkit.kinds())


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_text_ends_with_exactly_one_newline(message: Message) -> None:
    assert message.text.endswith("\n")
    assert not message.text.endswith("\n\n")
    assert message.text == message.text.rstrip() + "\n"


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_text_paragraphs_are_separated_by_one_blank_line(message: Message) -> None:
    text = message.text
    assert "\n\n\n" not in text
    assert "\r" not in text
    assert not text.startswith("\n")
    paragraphs = text[:-1].split("\n\n")
    assert len(paragraphs) >= 2
    for paragraph in paragraphs:
        assert paragraph
        for line in paragraph.split("\n"):
            assert line
            assert line == line.strip()


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_text_is_greeting_body_closing_signature(message: Message) -> None:
    expected = []
    if message.greeting is not None:
        expected.append(message.greeting)
    expected.append(message.body)
    sign_off = [line for line in (message.closing, *message.signature) if line]
    if sign_off:
        expected.append("\n".join(sign_off))

    assert message.text == "\n\n".join(expected) + "\n"


def test_text_of_the_sample_thank_you() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE)

    assert message.text == (
        "Dear Jordan Lee,\n"
        "\n"
        "Thank you for guiding me through the selection process for the Senior"
        " Data Analyst position at Northwind Logistics. I appreciated your"
        " personal message about the outcome.\n"
        "\n"
        "The process was well organized, and everyone I met made me feel"
        " welcome. I am grateful for the opportunity and wish you all the best.\n"
        "\n"
        "Kind regards,\n"
        "Alex Morgan\n"
        "+1 555 0142\n"
        "https://alexmorgan.example/portfolio\n"
    )


def test_note_to_self_has_no_frame() -> None:
    message = rejectkit.compose(with_feedback(FeedbackStatus.RECEIVED)).by_kind(
        "next-steps"
    )

    assert message.audience is Audience.CANDIDATE
    assert message.text.startswith("What Northwind Logistics said")
    assert message.text == message.body + "\n"
    assert "Kind regards" not in message.text
    assert "Alex Morgan" not in message.text
    assert "<p>Kind regards" not in message.html


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_html_is_a_complete_well_formed_document(message: Message) -> None:
    html = message.html
    document = parse(html)

    assert html.startswith("<!DOCTYPE html>\n")
    assert html.endswith("</html>\n")
    assert document.doctype == "DOCTYPE html"
    assert document.errors == []
    assert document.stack == []
    assert document.tags[:4] == ["html", "head", "meta", "title"]
    assert document.attributes["html"] == [{"lang": "en", "dir": "ltr"}]
    assert document.attributes["meta"] == [{"charset": "utf-8"}]
    assert set(document.tags) <= ALLOWED_TAGS
    assert document.tags.count("body") == 1
    assert message.subject in document.text


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_html_holds_the_same_words_as_the_text(message: Message) -> None:
    body_text = " ".join("".join(parse(message.html).text).split())
    for line in message.text.splitlines():
        words = line.removeprefix("- ")
        if words:
            assert " ".join(words.split()) in body_text


def test_html_lists_the_questions() -> None:
    message = rejectkit.generate("feedback-request", SAMPLE)
    document = parse(message.html)
    questions = [
        line[2:] for line in message.text.splitlines() if line.startswith("- ")
    ]

    assert len(questions) == 3
    assert document.tags.count("ul") == 1
    assert document.items == questions
    assert "<ul>\n<li>" in message.html
    assert "- Were" not in message.html


def test_html_lang_is_the_language_written_not_the_one_asked_for() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE, locale="ru_RU.UTF-8")

    assert message.locale == "en"
    assert message.requested_locale == "ru_RU"
    assert parse(message.html).attributes["html"] == [{"lang": "en", "dir": "ltr"}]


def hostile_application() -> Application:
    assert SAMPLE.hr_contact is not None
    hr = attrs.evolve(
        SAMPLE.hr_contact, name=PersonName(given=EVIL_GIVEN, family=EVIL_FAMILY)
    )
    last = attrs.evolve(SAMPLE.interviews[-1], highlight=EVIL_HIGHLIGHT)
    return attrs.evolve(
        SAMPLE,
        role=attrs.evolve(SAMPLE.role, title=EVIL_TITLE, company=EVIL_COMPANY),
        hr_contact=hr,
        interviews=(SAMPLE.interviews[0], last),
        candidate=attrs.evolve(SAMPLE.candidate, links=(EVIL_LINK,)),
    )


def hostile_messages() -> list[Message]:
    application = hostile_application()
    received = attrs.evolve(
        application,
        feedback=Feedback(
            status=FeedbackStatus.RECEIVED,
            notes=(FeedbackNote(topic=FeedbackTopic.QUALIFICATIONS, note=EVIL_NOTE),),
        ),
    )
    return [
        *rejectkit.compose(application),
        *rejectkit.compose(application, tone="warm", bundle=True),
        *rejectkit.compose(received),
        *rejectkit.compose(automated_with(application)),
    ]


def automated_with(application: Application) -> Application:
    return attrs.evolve(
        application,
        hr_contact=None,
        hiring_manager=None,
        outcome=attrs.evolve(
            application.outcome, channel=Channel.AUTOMATED_EMAIL, told_by=None
        ),
    )


HOSTILE = hostile_messages()


@pytest.mark.parametrize(
    "message", HOSTILE, ids=[f"{m.kind}-{i}" for i, m in enumerate(HOSTILE)]
)
def test_html_escapes_every_caller_value(message: Message) -> None:
    html = message.html
    document = parse(html)

    assert document.errors == []
    assert document.stack == []
    assert set(document.tags) <= ALLOWED_TAGS
    for raw in ("<script", "<b>", "<i>", "<img", "<em>", "<rdan>", "</p><p>"):
        assert raw not in html
    text = "".join(document.text)
    present = [
        value
        for value in (EVIL_TITLE, EVIL_COMPANY, EVIL_HIGHLIGHT, EVIL_NOTE, EVIL_FAMILY)
        if value in message.text or value in message.subject
    ]
    assert present
    for value in present:
        assert value in text
    assert document.tags.count("title") == 1
    assert message.subject in text


def test_hostile_values_reach_the_text_unchanged() -> None:
    kit = rejectkit.compose(hostile_application())
    manager_note = kit.by_kind("thank-hiring-manager")
    hr_note = kit.by_kind("thank-hr")

    assert EVIL_TITLE in hr_note.text
    assert EVIL_COMPANY in hr_note.text
    assert EVIL_HIGHLIGHT in manager_note.text
    assert hr_note.greeting == f"Dear {EVIL_GIVEN} {EVIL_FAMILY},"
    assert EVIL_TITLE in hr_note.subject


def test_signature_link_is_escaped_in_text_and_attribute() -> None:
    message = rejectkit.generate("thank-hr", hostile_application())
    document = parse(message.html)

    assert message.signature[-1] == EVIL_LINK
    assert document.attributes["a"] == [{"href": EVIL_LINK}]
    assert EVIL_LINK in "".join(document.text)
    assert 'href="https://alex.example/p?a=1&amp;b=&#34;x&#34;&amp;c=&lt;y&gt;"' in (
        message.html
    )


def test_escaping_in_a_hand_built_message() -> None:
    message = Message(
        kind="custom",
        locale="en",
        requested_locale="en",
        audience=Audience.HR,
        sender=Mailbox(email="a@example.com", name="A"),
        subject="<b>bold</b> & more",
        greeting="Dear <you>,",
        body="First & <second>\n\n- one <li>\n- two & three\n\nlast",
        closing="Bye <now>",
        signature=("A & B", "https://x.example/?q=<1>"),
    )
    document = parse(message.html)

    assert document.errors == []
    assert document.items == ["one <li>", "two & three"]
    assert document.tags.count("li") == 2
    assert "<b>" not in message.html
    assert "<you>" not in message.html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in message.html
    assert message.text == (
        "Dear <you>,\n\nFirst & <second>\n\n- one <li>\n- two & three\n\nlast\n\n"
        "Bye <now>\nA & B\nhttps://x.example/?q=<1>\n"
    )


def test_a_paragraph_mixing_list_and_plain_lines_is_no_list() -> None:
    message = Message(
        kind="custom",
        locale="en",
        requested_locale="en",
        audience=Audience.CANDIDATE,
        sender=Mailbox(email="a@example.com"),
        subject="Notes",
        body="- one\nnot a list item",
    )
    document = parse(message.html)

    assert "ul" not in document.tags
    assert document.tags.count("br") == 1
    assert message.text == "- one\nnot a list item\n"


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_to_dict_is_json_ready_and_complete(message: Message) -> None:
    data = message.to_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == message.kind
    assert data["locale"] == message.locale == "en"
    assert data["requested_locale"] == "en"
    assert data["audience"] == message.audience.value
    assert data["recipients"] == [
        {"name": r.name, "email": r.email} for r in message.recipients
    ]
    assert data["sender"] == {"name": "Alex Morgan", "email": SAMPLE.candidate.email}
    assert data["subject"] == message.subject
    assert data["text"] == message.text
    assert data["html"] == message.html
    expected_send_by = message.send_by.isoformat() if message.send_by else None
    assert data["send_by"] == expected_send_by
    assert data["in_reply_to"] == message.in_reply_to


def test_to_dict_of_the_sample_thank_you() -> None:
    data = rejectkit.generate("thank-hr", SAMPLE).to_dict()

    assert data["recipients"] == [
        {"name": "Jordan Lee", "email": "jordan.lee@northwind.example"}
    ]
    assert data["send_by"] == "2024-05-22"
    assert data["in_reply_to"] == "<decision-118@northwind.example>"
    assert data["audience"] == "hr"
    assert dt.date.fromisoformat(data["send_by"]) == SAMPLE.outcome.told_on + (
        dt.timedelta(days=1)
    )


def test_to_dict_of_a_note_to_self_has_no_send_by() -> None:
    kit = rejectkit.compose(with_feedback(FeedbackStatus.RECEIVED))
    data = kit.by_kind("next-steps").to_dict()

    assert data["send_by"] is None
    assert data["audience"] == "candidate"
    assert data["recipients"] == [
        {"name": "Alex Morgan", "email": "alex.morgan@example.com"}
    ]


@pytest.fixture
def kit() -> Kit:
    return rejectkit.compose(SAMPLE)


def test_kit_iterates_in_sending_order(kit: Kit) -> None:
    kinds = ["thank-hiring-manager", "thank-hr", "feedback-request", "stay-in-touch"]

    assert [m.kind for m in kit] == kinds
    assert list(kit) == list(kit.messages)
    # Each pass is a fresh iterator: a second one sees every message again.
    assert list(kit) == list(kit.messages)
    assert kit.kinds == tuple(kinds)


def test_kit_length_and_indexing(kit: Kit) -> None:
    assert len(kit) == 4
    assert kit[0].kind == "thank-hiring-manager"
    assert kit[-1].kind == "stay-in-touch"
    assert kit[1:3] == kit.messages[1:3]
    assert [m.kind for m in kit[1:3]] == ["thank-hr", "feedback-request"]
    with pytest.raises(IndexError):
        kit[4]


def test_kit_by_kind(kit: Kit) -> None:
    for index, kind in enumerate(kit.kinds):
        assert kit.by_kind(kind) is kit[index]


@pytest.mark.parametrize("kind", ["hr-follow-up", "next-steps", "nonsense", ""])
def test_kit_by_kind_unknown(kit: Kit, kind: str) -> None:
    with pytest.raises(rejectkit.UnknownKindError) as excinfo:
        kit.by_kind(kind)

    assert isinstance(excinfo.value, LookupError)
    assert repr(kind) in str(excinfo.value)
    for present in kit.kinds:
        assert present in str(excinfo.value)


def test_empty_kit() -> None:
    empty = Kit(messages=())

    assert len(empty) == 0
    assert list(empty) == []
    assert empty.kinds == ()
    assert empty.to_dict() == {"messages": [], "failures": []}
    with pytest.raises(rejectkit.UnknownKindError, match="none"):
        empty.by_kind("thank-hr")


def test_kit_to_dict(kit: Kit) -> None:
    data = kit.to_dict()

    assert json.loads(json.dumps(data)) == data
    expected: rejectkit.KitDict = {
        "messages": [m.to_dict() for m in kit],
        "failures": [],
    }
    assert data == expected
    assert [m["kind"] for m in data["messages"]] == list(kit.kinds)


def test_kit_holds_only_messages() -> None:
    with pytest.raises(rejectkit.ValidationError):
        Kit(messages=("not a message",))  # type: ignore[arg-type]
    with pytest.raises(rejectkit.ValidationError):
        Kit(messages=list(rejectkit.compose(SAMPLE)))  # type: ignore[arg-type]


@pytest.mark.parametrize("message", MESSAGES, ids=MESSAGE_IDS)
def test_rendered_text_is_the_text_the_fields_make(message: Message) -> None:
    # A render writes each message's text as it is made; a Message built
    # from the same fields works it out on first use. Both must agree.
    fields = {f.name: getattr(message, f.name) for f in attrs.fields(Message)}
    rebuilt = Message(**fields)

    assert rebuilt.text == message.text
    assert rebuilt == message


_PART = st.text(st.sampled_from("ab \n"), max_size=3)


@given(
    greeting=st.none() | _PART,
    body=_PART,
    closing=st.none() | _PART,
    signature=st.lists(_PART, max_size=3).map(tuple),
)
def test_text_joins_the_parts_that_are_not_empty(
    greeting: str | None, body: str, closing: str | None, signature: tuple[str, ...]
) -> None:
    # Greeting, body and sign-off, each left out when empty, a blank line
    # between them and one newline at the end, whichever parts there are.
    lines = signature if closing is None else (closing, *signature)
    parts = [part for part in (greeting, body, "\n".join(lines)) if part]
    assert rejectkit._message._text(greeting, body, closing, signature) == (
        "\n\n".join(parts) + "\n"
    )
