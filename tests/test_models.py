"""Constructing models: what is accepted exactly as given, and what is refused."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rejectkit
from rejectkit import (
    Application,
    Candidate,
    Channel,
    Contact,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackSource,
    FeedbackStatus,
    FeedbackTopic,
    FormOfAddress,
    Interview,
    Outcome,
    PersonName,
    Role,
    Stage,
    ValidationError,
    _validation,
)
from tests.situations import SAMPLE, SITUATIONS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

T = TypeVar("T")

TOLD_ON: Final = dt.date(2024, 5, 21)
ANA: Final = PersonName(given="Ana", family="Lima")

# The smallest valid arguments of each model; tests override one field.
BASE: Final[Mapping[Callable[..., object], Mapping[str, object]]] = {
    PersonName: {"given": "Ana", "family": "Lima"},
    Contact: {"name": ANA},
    Candidate: {"name": ANA, "email": "ana@example.com"},
    Role: {"title": "Data Analyst", "company": "Northwind"},
    Interview: {"date": dt.date(2024, 5, 2)},
    Outcome: {
        "decision": Decision.REJECTED,
        "told_on": TOLD_ON,
        "channel": Channel.PERSONAL_EMAIL,
    },
    FeedbackNote: {"topic": FeedbackTopic.FIT, "note": "more Kafka"},
    Feedback: {"status": FeedbackStatus.DECLINED},
}


def build(model: Callable[..., T], **overrides: object) -> T:
    """Build *model* from its base arguments with *overrides* applied."""
    return model(**{**BASE[model], **overrides})


def application(**overrides: object) -> Application:
    arguments: dict[str, Any] = {
        "candidate": build(Candidate),
        "role": build(Role),
        "outcome": build(Outcome),
    }
    return Application(**{**arguments, **overrides})


def refused(model: Callable[..., object], **overrides: object) -> ValidationError:
    """Build *model* with *overrides*, which must be refused; return the error."""
    with pytest.raises(ValidationError) as info:
        build(model, **overrides)
    return info.value


# (model, field, longest accepted length) of every single-line text field.
TEXT_FIELDS: Final = [
    (PersonName, "given", 100),
    (PersonName, "family", 100),
    (Contact, "job_title", 200),
    (Contact, "academic_title", 30),
    (Candidate, "phone", 40),
    (Role, "title", 200),
    (Role, "company", 200),
    (Role, "team", 200),
    (Role, "location", 200),
    (Role, "requisition_id", 64),
    (Interview, "highlight", 1000),
    (FeedbackNote, "note", 1000),
]
TEXT_IDS: Final = [f"{model.__name__}.{field}" for model, field, _ in TEXT_FIELDS]

# Fields that hold an email address.
EMAIL_FIELDS: Final = [
    (Contact, "email"),
    (Candidate, "email"),
    (Outcome, "notice_from"),
]
EMAIL_IDS: Final = [f"{model.__name__}.{field}" for model, field in EMAIL_FIELDS]

# Values no single-line field accepts: empty, blank, padded, multi-line,
# control characters, lone surrogates and bidi controls.
HOSTILE: Final = [
    "",
    "   ",
    "\u00a0",
    "\u3000",
    "\u200b",
    "a\nb",
    "a\rb",
    "a\x0bb",
    "a\x0cb",
    "a\x1cb",
    "a\x85b",
    "a\u2028b",
    "a\u2029b",
    "a\x00b",
    "a\x1bb",
    "a\x07b",
    "\ud800",
    "a\u202eb",
    "a\u2066b",
    " leading",
    "trailing ",
]

# Characters that render as nothing: a value cannot start or end with one.
INVISIBLE: Final = [
    "\u00ad",  # SOFT HYPHEN
    "\u061c",  # ARABIC LETTER MARK
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u2061",  # FUNCTION APPLICATION
    "\u2062",  # INVISIBLE TIMES
    "\u2063",  # INVISIBLE SEPARATOR
    "\u2064",  # INVISIBLE PLUS
]

# Text in any script, and text that looks like markup or format syntax,
# is data: accepted and kept exactly, without normalisation.
EXOTIC: Final = [
    "\u0645\u0631\u064a\u0645 \u0627\u0644\u0639\u0644\u064a",  # Arabic
    "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df",  # Hebrew
    "\U0001f469\u200d\U0001f4bb",  # woman technologist (ZWJ sequence)
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "Jose\u0301 Zoe\u0308",  # decomposed accents, not NFC
    "\u0301",  # a lone combining accent
    "Nguy\u1ec5n",
    "\u674e \u7530\u4e2d",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "{0.__class__}",
    "%(x)s",
    "<b>&amp;</b>",
    "a  b",
    "a\u200bb",  # zero-width space inside a word is allowed
    "None",
]


def test_validation_error_is_a_value_error() -> None:
    error = refused(PersonName, given="")
    assert isinstance(error, ValueError)
    assert isinstance(error, rejectkit.RejectkitError)
    assert error.problems == (("given", "must not be empty or blank"),)
    assert str(error) == "given: must not be empty or blank"


@pytest.mark.parametrize("value", HOSTILE, ids=ascii)
@pytest.mark.parametrize(("model", "field", "limit"), TEXT_FIELDS, ids=TEXT_IDS)
def test_hostile_text_is_refused_naming_the_field(
    model: Callable[..., object], field: str, limit: int, value: str
) -> None:
    del limit
    error = refused(model, **{field: value})
    assert [path for path, _ in error.problems] == [field]
    assert str(error).startswith(f"{field}: ")


@pytest.mark.parametrize("value", HOSTILE, ids=ascii)
@pytest.mark.parametrize(("model", "field"), EMAIL_FIELDS, ids=EMAIL_IDS)
def test_hostile_text_is_refused_as_an_email(
    model: Callable[..., object], field: str, value: str
) -> None:
    error = refused(model, **{field: value})
    assert [path for path, _ in error.problems] == [field]


@pytest.mark.parametrize("value", HOSTILE, ids=ascii)
def test_hostile_text_is_refused_as_a_link_or_message_id(value: str) -> None:
    error = refused(Candidate, links=(value,))
    assert [path for path, _ in error.problems] == ["links[0]"]
    error = refused(Outcome, notice_message_id=value)
    assert [path for path, _ in error.problems] == ["notice_message_id"]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("a\nb", "must be a single line, found U+000A"),
        ("a\u2028b", "must be a single line, found U+2028 LINE SEPARATOR"),
        ("a\x1bb", "must not hold control character U+001B"),
        ("a\u202eb", "must not hold bidi control U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("a\ud800b", "must not hold a lone surrogate U+D800"),
        (" a", "must not start with white space or U+0020 SPACE"),
        ("a\u200b", "must not end with white space or U+200B ZERO WIDTH SPACE"),
        ("\u3000", "must not be empty or blank"),
    ],
    ids=ascii,
)
def test_the_problem_names_the_offending_character(value: str, problem: str) -> None:
    assert refused(Role, company=value).problems == (("company", problem),)


@pytest.mark.parametrize("char", INVISIBLE, ids=ascii)
def test_invisible_characters_cannot_start_or_end_a_value(char: str) -> None:
    name = unicodedata.name(char)
    assert refused(PersonName, given=char + "Ana").problems == (
        ("given", f"must not start with white space or U+{ord(char):04X} {name}"),
    )
    assert refused(PersonName, given="Ana" + char).problems == (
        ("given", f"must not end with white space or U+{ord(char):04X} {name}"),
    )
    assert build(PersonName, given=f"A{char}na").given == f"A{char}na"


@pytest.mark.parametrize("value", [*INVISIBLE, "".join(INVISIBLE), "\u200e \u200f"])
def test_a_value_of_invisible_characters_only_is_blank(value: str) -> None:
    assert refused(PersonName, given=value).problems == (
        ("given", "must not be empty or blank"),
    )


def test_an_emoji_tag_sequence_may_end_but_not_start_a_value() -> None:
    # The flag of England ends with U+E007F CANCEL TAG, a format character.
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert build(Role, team=f"Team {england}").team == f"Team {england}"
    assert refused(Role, team="\U000e0067Team").problems == (
        ("team", "must not start with white space or U+E0067 TAG LATIN SMALL LETTER G"),
    )
    assert refused(Role, team="\U000e007f").problems == (
        ("team", "must not be empty or blank"),
    )


@pytest.mark.parametrize("value", EXOTIC, ids=ascii)
@pytest.mark.parametrize(("model", "field", "limit"), TEXT_FIELDS, ids=TEXT_IDS)
def test_exotic_text_is_kept_exactly(
    model: Callable[..., object], field: str, limit: int, value: str
) -> None:
    assert len(value) <= limit
    instance = build(model, **{field: value})
    assert getattr(instance, field) == value
    assert getattr(instance, field).encode("utf-8") == value.encode("utf-8")


@pytest.mark.parametrize(("model", "field", "limit"), TEXT_FIELDS, ids=TEXT_IDS)
def test_text_up_to_the_limit_is_accepted(
    model: Callable[..., object], field: str, limit: int
) -> None:
    value = "\u00e9" * limit
    assert getattr(build(model, **{field: value}), field) == value
    error = refused(model, **{field: value + "x"})
    assert error.problems == (
        (field, f"is {limit + 1} characters long, the limit is {limit}"),
    )


@pytest.mark.parametrize(("model", "field", "limit"), TEXT_FIELDS, ids=TEXT_IDS)
@pytest.mark.parametrize(
    ("value", "type_name"), [(42, "int"), (b"Ana", "bytes"), (["Ana"], "list")]
)
def test_text_must_be_a_string(
    model: Callable[..., object], field: str, limit: int, value: object, type_name: str
) -> None:
    del limit
    error = refused(model, **{field: value})
    assert error.problems == ((field, f"expected text, got {type_name}"),)


@pytest.mark.parametrize(("model", "field"), [(PersonName, "given"), (Role, "title")])
def test_required_text_cannot_be_none(model: Callable[..., object], field: str) -> None:
    assert refused(model, **{field: None}).problems == (
        (field, "expected text, got NoneType"),
    )


def test_optional_fields_have_empty_defaults() -> None:
    contact = build(Contact)
    assert (contact.email, contact.job_title, contact.academic_title) == (None,) * 3
    assert contact.form_of_address is FormOfAddress.NEUTRAL
    candidate = build(Candidate)
    assert (candidate.phone, candidate.links) == (None, ())
    role = build(Role)
    assert (role.team, role.location, role.requisition_id) == (None,) * 3
    interview = build(Interview)
    assert interview.stage is Stage.INTERVIEW
    assert (interview.interviewers, interview.highlight) == ((), None)
    outcome = build(Outcome)
    assert (outcome.told_by, outcome.notice_from, outcome.notice_message_id) == (
        (None,) * 3
    )
    feedback = build(Feedback)
    assert (feedback.notes, feedback.given_by, feedback.on) == (
        (),
        FeedbackSource.HR,
        None,
    )
    app = application()
    assert (app.hiring_manager, app.hr_contact, app.interviews, app.feedback) == (
        None,
        None,
        (),
        None,
    )


def _instances(value: object) -> Iterator[object]:
    """Yield every model instance inside *value*, itself included."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from _instances(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _instances(item)


MODELS: Final = [
    model
    for model in (
        getattr(rejectkit._models, name) for name in rejectkit._models.__all__
    )
    if attrs.has(model)
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_models_are_frozen_and_keyword_only(model: type) -> None:
    # The sample and an application with feedback notes hold every model.
    with_notes, _ = SITUATIONS["feedback-received"]
    instance = next(
        found
        for application in (SAMPLE, with_notes)
        for found in _instances(application)
        if type(found) is model
    )
    fields = attrs.fields(model)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, fields[0].name, getattr(instance, fields[0].name))
    with pytest.raises(TypeError):
        model(*(getattr(instance, field.name) for field in fields))


# Email addresses --------------------------------------------------------------

LONGEST_DOMAIN: Final = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 60])  # 252
BAD_EMAILS: Final = [
    "ana.example.com",
    "ana@@example.com",
    "ana@lima@example.com",
    "ana,lima@example.com",
    "ana@example.com,bea@example.com",
    "ana@example.com;bea@example.com",
    "<ana@example.com>",
    "Ana Lima <ana@example.com>",
    "ana lima@example.com",
    "ana@example .com",
    "ana@example.com\r\n",
    "ana@example.com\r\nBcc: eve@example.com",
    "ana@example.com\nBcc: eve@example.com",
    "an\u00e1@example.com",
    "ana@example\u3002com",
    "ana@ex\ufe0fample.com",
    '"ana"@example.com',
    "ana(work)@example.com",
    "ana@[192.0.2.1]",
    "a@" + LONGEST_DOMAIN + "e",  # 255 characters
    "a" * 65 + "@example.com",
    "@example.com",
    "ana@",
    "ana@localhost",
    ".ana@example.com",
    "ana.@example.com",
    "an..a@example.com",
    "ana@-example.com",
    "ana@example-.com",
    "ana@exam_ple.com",
    "ana@example..com",
    "ana@example.com.",
    "a@" + "b" * 64 + ".com",
    "ana@example.123",
    "ana@192.0.2.1",
    "ana@ab--cd.example",
    "ana@1.xn--4dbc.example",
    "ana@mail.test",
    "ana@mail.TEST",
    "ana@\uff54\uff45\uff53\uff54.\uff54\uff45\uff53\uff54",
    "ana@in-addr.arpa",
    "ana@nowhere.invalid",
    "ana@printer.local",
    "ana@a.localhost",
    "ana@expyuzz4wqqyqhjn.onion",
]
GOOD_EMAILS: Final = [
    "a@b.co",
    "ana.lima@example.com",
    "o'brien+jobs@mail.example.co.uk",
    "ana@xn--bcher-kva.example",
    "ana@b\u00fccher.example",
    "a" * 64 + "@example.com",
    "a@" + LONGEST_DOMAIN,  # 254 characters
    "ana@123.example",
    "ana@1und1.de",
    "ana@B\u00dcCHER.example",
    "ana@\uff45xample.com",
    "ana@xn--4dbc.example",
    "ana@mail.example.org",
]


@pytest.mark.parametrize("value", BAD_EMAILS, ids=ascii)
@pytest.mark.parametrize(("model", "field"), EMAIL_FIELDS, ids=EMAIL_IDS)
def test_bad_emails_are_refused(
    model: Callable[..., object], field: str, value: str
) -> None:
    error = refused(model, **{field: value})
    assert [path for path, _ in error.problems] == [field]
    assert str(error).startswith(f"{field}: ")


@pytest.mark.parametrize("value", GOOD_EMAILS)
@pytest.mark.parametrize(("model", "field"), EMAIL_FIELDS, ids=EMAIL_IDS)
def test_plain_emails_are_accepted_as_given(
    model: Callable[..., object], field: str, value: str
) -> None:
    assert getattr(build(model, **{field: value}), field) == value


def test_email_problems_say_what_is_wrong() -> None:
    assert refused(Candidate, email="a" * 65 + "@example.com").problems == (
        ("email", "the part before @ is longer than 64 characters"),
    )
    assert refused(Candidate, email="an\u00e1@example.com").problems == (
        ("email", "the part before @ must be ASCII; rejectkit does not send SMTPUTF8"),
    )
    assert refused(Candidate, email="<ana@example.com>").problems == (
        ("email", "must be one plain address, found '<', '>'"),
    )
    assert refused(Candidate, email="a@" + LONGEST_DOMAIN + "e").problems == (
        ("email", "is 255 characters long, the limit is 254"),
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        pytest.param(
            "ana@example.123",
            (
                "'example.123' is not a valid domain: its last label, '123', "
                "must end in a letter, as every top-level domain does"
            ),
            id="numeric-tld",
        ),
        pytest.param(
            "ana@ab--cd.example",
            (
                "'ab--cd.example' is not a valid domain: 'ab--cd' has '--' as "
                "its third and fourth characters, which only an xn-- label may "
                "have"
            ),
            id="r-ldh-label",
        ),
        pytest.param(
            "ana@mail.Test",
            "'mail.Test' cannot receive mail: .test is a special-use domain (RFC 6761)",
            id="special-use",
        ),
        pytest.param(
            "ana@example\u3002com",
            (
                "'example\u3002com' is not a valid domain: 'example\u3002com' "
                "holds U+3002 IDEOGRAPHIC FULL STOP, which IDNA maps to a dot; "
                "separate the labels with '.'"
            ),
            id="ideographic-dot",
        ),
    ],
)
def test_domain_problems_say_what_is_wrong(value: str, problem: str) -> None:
    assert refused(Candidate, email=value).problems == (("email", problem),)


def test_a_bidi_domain_problem_names_the_label_and_the_rule() -> None:
    ((field, problem),) = refused(Candidate, email="ana@1.xn--4dbc.example").problems
    # The parenthesis holds the idna package's own words.
    assert field == "email"
    assert problem.startswith(
        "'1.xn--4dbc.example' is not a valid international domain: '1' "
        "breaks the IDNA 2008 bidi rule, which applies to every label of a "
        "domain with a right-to-left label ("
    )


def test_a_domain_in_another_script_goes_out_in_its_mapped_ascii_form() -> None:
    assert _validation.ascii_email("ana@B\u00dcCHER.example", "email") == (
        "ana@xn--bcher-kva.example"
    )
    assert _validation.ascii_email("ana@\uff45xample.COM", "email") == (
        "ana@example.COM"
    )


def test_candidate_email_is_required() -> None:
    with pytest.raises(TypeError):
        Candidate(name=ANA)  # type: ignore[call-arg]
    assert refused(Candidate, email=None).problems == (
        ("email", "expected text, got NoneType"),
    )


# Links and Message-IDs ---------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "example.com",
        "www.example.com/ana",
        "//example.com/ana",
        "ftp://example.com/cv.pdf",
        "mailto:ana@example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "https:///path",
        "http://exa mple.com",
        "https://b\u00fccher.example",
        "http://[::1",
        "http://[abc]/",
        "http://a.com:bad",
        "http://a.com:99999",
        "http://a.com:65536/cv",
        "http://[::1]:70000",
    ],
    ids=ascii,
)
def test_invalid_links_are_refused(link: str) -> None:
    error = refused(Candidate, links=("https://ana.example", link))
    assert [path for path, _ in error.problems] == ["links[1]"]


@pytest.mark.parametrize(
    "link", ["http://[::1", "http://[abc]/", "http://a.com:bad", "http://a.com:99999"]
)
def test_a_link_urllib_cannot_read_is_refused_naming_the_field(link: str) -> None:
    # The rest of the problem is urllib's own message.
    [(path, problem)] = refused(Candidate, links=(link,)).problems
    assert path == "links[0]"
    assert problem.startswith(f"{link!r} is not a URL: ")


@given(
    st.from_regex(rejectkit._validation._URL_PATTERN, fullmatch=True)
    | st.text(alphabet="htps:/[]:0123456789abcdef.-@?#", max_size=40)
)
def test_a_host_name_url_is_checked_without_the_ipv6_pattern(text: str) -> None:
    # Compiled lazily, the IPv6 alternative is only tried where a "[" is.
    full = re.match(rejectkit._validation._URL_PATTERN, text) is not None
    named = rejectkit._validation._NAME_URL.match(text) is not None
    assert full == (named or ("[" in text and full))


def test_a_link_may_give_a_port_up_to_65535() -> None:
    links = ("https://ana.example:8443/cv", "http://[::1]:65535", "http://a.com:080")
    assert build(Candidate, links=links).links == links


def test_links_must_be_a_tuple_of_at_most_five() -> None:
    links = tuple(f"https://ana.example/{i}" for i in range(5))
    assert build(Candidate, links=links).links == links
    assert refused(Candidate, links=(*links, "https://ana.example/6")).problems == (
        ("links", "has 6 items, the limit is 5"),
    )
    assert refused(Candidate, links=list(links)).problems == (
        ("links", "expected a tuple, got list"),
    )
    assert refused(Candidate, links="https://ana.example").problems == (
        ("links", "expected a tuple, got str"),
    )
    assert [p for p, _ in refused(Candidate, links=(42,)).problems] == ["links[0]"]


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "abc@mail.example.com",
        "<abc>",
        "<>",
        "<abc@mail.example.com",
        "abc@mail.example.com>",
        "<abc@mail.example.com>x",
        "<<abc@mail.example.com>>",
        "<a@b@mail.example.com>",
        "<a b@mail.example.com>",
        '<"a"@mail.example.com>',
        "<a,b@mail.example.com>",
        "<\u00e9@mail.example.com>",
        "<@mail.example.com>",
        "<abc@>",
        "<@>",
    ],
    ids=ascii,
)
def test_invalid_notice_message_ids_are_refused(value: str) -> None:
    error = refused(Outcome, notice_message_id=value)
    assert [path for path, _ in error.problems] == ["notice_message_id"]


def test_a_message_id_is_kept_as_given() -> None:
    outcome = build(Outcome, notice_message_id="<decision-118.x$y@mail.example.com>")
    assert outcome.notice_message_id == "<decision-118.x$y@mail.example.com>"


def test_notice_references_thread_a_reply_under_the_notice() -> None:
    outcome = build(
        Outcome,
        notice_message_id="<n3@mail.example.com>",
        notice_references=("<n1@mail.example.com>", "<n2@mail.example.com>"),
    )
    assert outcome.reply_references == (
        "<n1@mail.example.com>",
        "<n2@mail.example.com>",
        "<n3@mail.example.com>",
    )
    assert build(Outcome).reply_references == ()


@pytest.mark.parametrize("value", ["n1@mail.example.com", "<n1@>", "<=?x?@a.b>"])
def test_each_notice_reference_must_be_a_message_id(value: str) -> None:
    error = refused(
        Outcome,
        notice_message_id="<n3@mail.example.com>",
        notice_references=("<n1@mail.example.com>", value),
    )
    assert [path for path, _ in error.problems] == ["notice_references[1]"]


def test_notice_references_thread_a_reply_without_the_notice_message_id() -> None:
    # RFC 5322, 3.6.4: a parent without a Message-ID passes on its own
    # References, and the reply has no In-Reply-To.
    outcome = build(Outcome, notice_references=("<n1@mail.example.com>",))
    assert outcome.reply_references == ("<n1@mail.example.com>",)


# Dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "field"),
    [(Interview, "date"), (Outcome, "told_on"), (Feedback, "on")],
)
@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        (dt.datetime(2024, 5, 2, 10, 30), "datetime"),  # noqa: DTZ001 - naive on purpose
        (dt.datetime(2024, 5, 2, tzinfo=dt.UTC), "datetime"),
        ("2024-05-02", "str"),
        (20240502, "int"),
    ],
)
def test_dates_must_be_dates_without_a_time(
    model: Callable[..., object], field: str, value: object, type_name: str
) -> None:
    assert refused(model, **{field: value}).problems == (
        (field, f"expected a date (without time), got {type_name}"),
    )


def test_required_dates_cannot_be_none() -> None:
    assert [p for p, _ in refused(Interview, date=None).problems] == ["date"]
    assert [p for p, _ in refused(Outcome, told_on=None).problems] == ["told_on"]
    assert build(Feedback, on=None).on is None


def test_told_on_cannot_come_before_an_interview() -> None:
    interviews = (
        build(Interview, date=dt.date(2024, 5, 2)),
        build(Interview, date=TOLD_ON),
        build(Interview, date=dt.date(2024, 5, 22)),
    )
    with pytest.raises(ValidationError) as info:
        application(interviews=interviews)
    assert info.value.problems == (
        ("outcome.told_on", "2024-05-21 is before interviews[2].date 2024-05-22"),
    )
    assert "outcome.told_on" in str(info.value)
    assert "interviews[2].date" in str(info.value)


def test_an_interview_on_the_day_of_the_notice_is_fine() -> None:
    app = application(interviews=(build(Interview, date=TOLD_ON),))
    assert app.last_interview == build(Interview, date=TOLD_ON)


def test_feedback_cannot_come_before_the_notice() -> None:
    early = build(Feedback, on=TOLD_ON - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as info:
        application(feedback=early)
    assert info.value.problems == (
        ("feedback.on", "2024-05-20 is before outcome.told_on 2024-05-21"),
    )
    assert application(feedback=build(Feedback, on=TOLD_ON)).feedback is not None


# Enums, nested models and collections -------------------------------------------


def test_interviews_cannot_be_at_the_application_stage() -> None:
    error = refused(Interview, stage=Stage.APPLICATION)
    assert error.problems == (
        (
            "stage",
            "'application' is not one of phone-screen, interview, final-round",
        ),
    )
    for stage in (Stage.PHONE_SCREEN, Stage.INTERVIEW, Stage.FINAL_ROUND):
        assert build(Interview, stage=stage).stage is stage


@pytest.mark.parametrize(
    ("model", "field", "value", "problem"),
    [
        (
            Outcome,
            "decision",
            "rejected",
            "'rejected' is not one of rejected, position-filled, on-hold, cancelled",
        ),
        (
            Outcome,
            "channel",
            "fax",
            (
                "'fax' is not one of automated-email, personal-email, phone-call, "
                "in-person"
            ),
        ),
        (
            Contact,
            "form_of_address",
            "neutral",
            "'neutral' is not one of neutral, feminine, masculine",
        ),
        (
            Interview,
            "stage",
            "interview",
            "'interview' is not one of phone-screen, interview, final-round",
        ),
        (
            FeedbackNote,
            "topic",
            None,
            "None is not one of qualifications, experience, fit",
        ),
        (Feedback, "status", "received", "'received' is not one of declined, received"),
        # A member of another enumeration is shown by its value, like text.
        (
            Feedback,
            "given_by",
            FeedbackStatus.RECEIVED,
            "'received' is not one of hr, hiring-manager",
        ),
    ],
)
def test_enum_fields_take_members_only(
    model: Callable[..., object], field: str, value: object, problem: str
) -> None:
    assert refused(model, **{field: value}).problems == ((field, problem),)


def test_feedback_received_needs_notes() -> None:
    assert refused(Feedback, status=FeedbackStatus.RECEIVED).problems == (
        ("notes", "received feedback needs at least one note"),
    )
    note = build(FeedbackNote)
    received = build(Feedback, status=FeedbackStatus.RECEIVED, notes=(note,))
    assert received.notes == (note,)
    assert received.given_by is FeedbackSource.HR


def test_feedback_declined_cannot_carry_notes() -> None:
    assert refused(Feedback, notes=(build(FeedbackNote),)).problems == (
        ("notes", "declined feedback cannot carry notes"),
    )


def test_feedback_notes_are_a_tuple_of_notes() -> None:
    note = build(FeedbackNote)
    status = FeedbackStatus.RECEIVED
    assert refused(Feedback, status=status, notes=[note]).problems == (
        ("notes", "expected a tuple, got list"),
    )
    assert refused(Feedback, status=status, notes=(note, "fit")).problems == (
        ("notes[1]", "unexpected str"),
    )
    assert refused(Feedback, status=status, notes=(note,) * 11).problems == (
        ("notes", "has 11 items, the limit is 10"),
    )


def test_interviewers_are_person_names() -> None:
    assert build(Interview, interviewers=(ANA,)).interviewers == (ANA,)
    assert refused(Interview, interviewers=("Ana Lima",)).problems == (
        ("interviewers[0]", "unexpected str"),
    )
    assert refused(Interview, interviewers=(ANA,) * 21).problems == (
        ("interviewers", "has 21 items, the limit is 20"),
    )


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("candidate", {"name": "Ana"}, "expected Candidate, got dict"),
        ("role", None, "expected Role, got NoneType"),
        ("outcome", "rejected", "expected Outcome, got str"),
        ("hiring_manager", ANA, "expected Contact, got PersonName"),
        ("hr_contact", "hr@example.com", "expected Contact, got str"),
        ("feedback", FeedbackStatus.DECLINED, "expected Feedback, got FeedbackStatus"),
        ("interviews", [], "expected a tuple, got list"),
        ("interviews", (dt.date(2024, 5, 2),), "unexpected date"),
    ],
)
def test_application_fields_check_their_types(
    field: str, value: object, problem: str
) -> None:
    with pytest.raises(ValidationError) as info:
        application(**{field: value})
    path = "interviews[0]" if problem == "unexpected date" else field
    assert info.value.problems == ((path, problem),)


def test_contact_name_must_be_a_person_name() -> None:
    assert refused(Contact, name="Ana Lima").problems == (
        ("name", "expected PersonName, got str"),
    )
    assert refused(Outcome, told_by=ANA).problems == (
        ("told_by", "expected Contact, got PersonName"),
    )


def test_a_full_application_keeps_every_value() -> None:
    manager = build(
        Contact,
        name=PersonName(given="\u05e9\u05e8\u05d4", family="\u05db\u05d4\u05df"),
        email="sarah@example.com",
        job_title="{{ 7*7 }}",
        form_of_address=FormOfAddress.FEMININE,
        academic_title="Dr.",
    )
    interviews = (
        build(Interview, date=dt.date(2024, 5, 14), stage=Stage.FINAL_ROUND),
        build(Interview, date=dt.date(2024, 5, 2), stage=Stage.PHONE_SCREEN),
    )
    app = application(hiring_manager=manager, interviews=interviews)
    assert app.hiring_manager == manager
    assert app.interviews == interviews
    assert app.last_interview == interviews[0]
    assert app.stage_reached is Stage.FINAL_ROUND
    assert application().stage_reached is Stage.APPLICATION
    assert application().last_interview is None
