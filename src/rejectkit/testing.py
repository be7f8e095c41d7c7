"""Testing helpers: Hypothesis strategies, a conformance check and fixtures.

Plugin authors can use them to check that a generator writes a sensible
message for every application rejectkit accepts, not just the sample one:

    from hypothesis import given

    import rejectkit
    from rejectkit.testing import applications


    @given(applications())
    def test_my_kind_renders(app: rejectkit.Application) -> None:
        if rejectkit.registry.get("my-kind").applies_to(app):
            rejectkit.generate("my-kind", app)

Every strategy produces only values that pass rejectkit's validation, and
together they cover every situation the models allow: missing and present
contacts, zero to three interviews, every decision, channel and form of
address, feedback that is absent, declined or received, and text in any
script, including text that looks like template or format syntax.

`check_generator` runs a generator through the rules every built-in kind
meets; `isolated_registry` is a pytest fixture that undoes registrations;
`pseudo_locale` shows text that bypassed the catalogs.

This module needs Hypothesis and pytest, which the ``testing`` extra
installs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import string
from typing import TYPE_CHECKING, Final, TypeVar

import attrs
import pytest
from hypothesis import strategies as st

from rejectkit._conformance import check_generator
from rejectkit._i18n import (
    PSEUDO_LOCALE,
    install_pseudo_locale,
    uninstall_pseudo_locale,
)
from rejectkit._models import (
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
)
from rejectkit._registry import Registry, registry

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "PSEUDO_LOCALE",
    "applications",
    "candidates",
    "check_generator",
    "contacts",
    "feedback",
    "interviews",
    "isolated_registry",
    "outcomes",
    "person_names",
    "pseudo_locale",
    "roles",
    "single_line_text",
]

_T = TypeVar("_T")

_NAME_LENGTH: Final = 100
_TEXT_LENGTH: Final = 200
_NOTE_LENGTH: Final = 1000

# The rules of rejectkit's single-line text, restated here so that the
# strategies are an independent check of the validators.
_LINE_BREAKS: Final = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI_CONTROLS: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff\u180e"

_FILLERS: Final = "\u115f\u1160\u3164\uffa0"


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE  # noqa: PLR2004


# Any character a value may hold somewhere in its middle.
_INNER_CHAR: Final = st.characters(
    exclude_categories=("Cc", "Cs"),
    exclude_characters=_LINE_BREAKS + _BIDI_CONTROLS,
).filter(lambda char: not _noncharacter(char))
# Any character a value may start or end with: no white space, nothing
# that renders as nothing (format characters such as SOFT HYPHEN, fillers).
_EDGE_CHAR: Final = st.characters(
    exclude_categories=("Cc", "Cs", "Cf", "Zs", "Zl", "Zp"),
    exclude_characters=_LINE_BREAKS + _BIDI_CONTROLS + _INVISIBLE + _FILLERS,
).filter(lambda char: not char.isspace() and not _noncharacter(char))

# Real names and text that has broken template engines, string formatting
# and HTML output before. Each is valid single-line text.
_SPECIMENS: Final = (
    "Ana",
    "O'Brien",
    "Zoë",
    "Zoe\u0308",  # e + combining diaeresis
    "Jose\u0301",  # e + combining acute accent
    "Nguyễn Thị Minh Khai",
    "Ørsted & Søn",
    "Łukasz",
    "\u0645\u0631\u064a\u0645",  # Maryam, in Arabic
    "\u0634\u0631\u0643\u0629 \u0627\u0644\u0646\u0648\u0631",  # Arabic words
    "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df",  # Sarah Cohen, in Hebrew
    "\u05d3\u05e0\u05d9\u05d0\u05dc",  # Daniel, in Hebrew
    "\u674e",  # Li
    "\u7530\u4e2d \u592a\u90ce",
    "\u0915\u094d\u0937\u093f\u0924\u093f\u091c",  # Kshitij, in Devanagari
    "\U0001f469\u200d\U0001f4bb",  # woman technologist, a ZWJ sequence
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "\U0001d518\U0001d52b\U0001d526",  # astral plane letters
    "\u0301",  # a lone combining accent
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "{# comment #}",
    "{0.__class__}",
    "{candidate}",
    "%(given)s",
    "%s %d %%",
    "${HOME}",
    "<script>alert('x')</script>",
    'Say "hi" & <b>bye</b>',
    "None",
    "null",
    "a  b",
    "- not a list",
    "Dr.",
    "Prof. Dr. h.c.",
    "x" * _TEXT_LENGTH,
)


def single_line_text(*, max_size: int = _TEXT_LENGTH) -> st.SearchStrategy[str]:
    """Generate valid single-line text: any value rejectkit accepts as a line.

    The text is never empty, holds no line break, control character, bidi
    control, lone surrogate, noncharacter or ``=?``, and neither starts nor
    ends with white space or a zero-width character. Otherwise anything
    goes: every script, emoji sequences, combining marks, repeated inner
    spaces, and text that looks like Jinja, ``str.format`` or ``%``
    formatting syntax.

    Args:
        max_size: The longest text to generate, in code points; at least 1.

    Returns:
        A strategy for `str`.

    Raises:
        ValueError: *max_size* is less than 1.
    """
    if max_size < 1:
        raise ValueError(f"max_size must be at least 1, got {max_size}")
    return _single_line_text(max_size)


@functools.cache
def _single_line_text(max_size: int) -> st.SearchStrategy[str]:
    choices: list[st.SearchStrategy[str]] = [
        st.sampled_from([s for s in _SPECIMENS if len(s) <= max_size]),
        _EDGE_CHAR,
    ]
    if max_size >= 2:  # noqa: PLR2004 - one character at each end
        choices.append(_framed(st.text(_INNER_CHAR, max_size=max_size - 2)))
        # Values at the limit find places where several long values add up.
        choices.append(
            _framed(st.text(_INNER_CHAR, min_size=max_size - 2, max_size=max_size - 2))
        )
        word_size = min(12, max_size)
        words = (max_size + 1) // (word_size + 1)
        choices.append(
            st.lists(
                st.text(_EDGE_CHAR, min_size=1, max_size=word_size),
                min_size=1,
                max_size=max(words, 1),
            ).map(" ".join)
        )
    # "=?" starts an encoded word in an email header, so no line holds it.
    return st.one_of(choices).filter(lambda text: "=?" not in text)


def _framed(middle: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda first, inner, last: first + inner + last,
        _EDGE_CHAR,
        middle,
        _EDGE_CHAR,
    )


def _optional(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


_ATOM_CHARS: Final = string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~"
_LABEL_CHARS: Final = string.ascii_lowercase + string.digits


def _atoms(max_size: int) -> st.SearchStrategy[str]:
    # Dot-separated runs of atom characters: no leading, trailing or
    # doubled dot.
    return st.lists(
        st.text(_ATOM_CHARS, min_size=1, max_size=max_size),
        min_size=1,
        max_size=3,
    ).map(".".join)


_LABEL: Final = st.one_of(
    st.text(_LABEL_CHARS, min_size=1, max_size=20),
    # "--" as the third and fourth characters is kept for xn-- labels.
    st.builds(
        lambda first, middle, last: first + middle + last,
        st.sampled_from(_LABEL_CHARS),
        st.text(_LABEL_CHARS + "-", max_size=18),
        st.sampled_from(_LABEL_CHARS),
    ).filter(lambda label: label[2:4] != "--"),
    st.sampled_from(["example", "xn--bcher-kva", "mail", "a", "co"]),
)
_DOMAIN: Final = st.lists(_LABEL, min_size=1, max_size=3).flatmap(
    lambda labels: st.sampled_from(["com", "example", "org", "de", "xn--p1ai"]).map(
        lambda tld: ".".join([*labels, tld])
    )
)
# The local part is at most 3 * 20 + 2 = 62 characters, within the 64
# that RFC 5321 allows.
# "=?" would start an encoded word, which no address or Message-ID holds.
_EMAIL: Final = st.builds(
    lambda local, domain: f"{local}@{domain}", _atoms(20), _DOMAIN
).filter(lambda address: "=?" not in address)
_URL: Final = st.builds(
    lambda scheme, domain, path: f"{scheme}://{domain}{path}",
    st.sampled_from(["http", "https"]),
    _DOMAIN,
    st.one_of(
        st.just(""),
        st.lists(
            st.text(string.ascii_letters + string.digits + "-._~%", max_size=12),
            max_size=4,
        ).map(lambda parts: "/" + "/".join(parts)),
    ),
)
_MESSAGE_ID: Final = st.builds(
    lambda left, right: f"<{left}@{right}>",
    _atoms(16),
    _DOMAIN,
).filter(lambda message_id: "=?" not in message_id)


def person_names() -> st.SearchStrategy[PersonName]:
    """Generate person names in any script, up to the length limit.

    Returns:
        A strategy for `PersonName`.
    """
    return _person_names()


@functools.cache
def _person_names() -> st.SearchStrategy[PersonName]:
    return st.builds(
        PersonName,
        given=single_line_text(max_size=_NAME_LENGTH),
        family=single_line_text(max_size=_NAME_LENGTH),
    )


def contacts() -> st.SearchStrategy[Contact]:
    """Generate contacts with and without email, job title and academic title.

    Returns:
        A strategy for `Contact`, covering every `FormOfAddress`.
    """
    return _contacts()


@functools.cache
def _contacts() -> st.SearchStrategy[Contact]:
    return st.builds(
        Contact,
        name=person_names(),
        email=_optional(_EMAIL),
        job_title=_optional(single_line_text(max_size=_TEXT_LENGTH)),
        form_of_address=st.sampled_from(FormOfAddress),
        academic_title=_optional(single_line_text(max_size=30)),
    )


def candidates() -> st.SearchStrategy[Candidate]:
    """Generate candidates with an ASCII email and optional phone and links.

    Returns:
        A strategy for `Candidate` with zero to five http(s) links.
    """
    return _candidates()


@functools.cache
def _candidates() -> st.SearchStrategy[Candidate]:
    return st.builds(
        Candidate,
        name=person_names(),
        email=_EMAIL,
        phone=_optional(single_line_text(max_size=40)),
        links=st.lists(_URL, max_size=5).map(tuple),
    )


def roles() -> st.SearchStrategy[Role]:
    """Generate roles, with and without team, location and requisition id.

    Returns:
        A strategy for `Role`.
    """
    return _roles()


@functools.cache
def _roles() -> st.SearchStrategy[Role]:
    return st.builds(
        Role,
        title=single_line_text(max_size=_TEXT_LENGTH),
        company=single_line_text(max_size=_TEXT_LENGTH),
        team=_optional(single_line_text(max_size=_TEXT_LENGTH)),
        location=_optional(single_line_text(max_size=_TEXT_LENGTH)),
        requisition_id=_optional(single_line_text(max_size=64)),
    )


_InterviewParts = tuple[Stage, tuple[PersonName, ...], str | None]


@functools.cache
def _interview_parts() -> st.SearchStrategy[_InterviewParts]:
    # Everything about an interview but its date, which depends on the
    # outcome it comes before.
    return st.tuples(
        st.sampled_from([s for s in Stage if s is not Stage.APPLICATION]),
        st.lists(person_names(), max_size=3).map(tuple),
        _optional(single_line_text(max_size=_NOTE_LENGTH)),
    )


def interviews(
    *, min_date: dt.date = dt.date.min, max_date: dt.date = dt.date.max
) -> st.SearchStrategy[Interview]:
    """Generate interviews of every stage a conversation can have.

    Args:
        min_date: The earliest interview date.
        max_date: The latest interview date.

    Returns:
        A strategy for `Interview` with up to three interviewers and an
        optional highlight.
    """
    return st.builds(
        _interview,
        st.dates(min_value=min_date, max_value=max_date),
        _interview_parts(),
    )


def _interview(date: dt.date, parts: _InterviewParts) -> Interview:
    stage, interviewers, highlight = parts
    return Interview(
        date=date, stage=stage, interviewers=interviewers, highlight=highlight
    )


def outcomes(
    *, min_date: dt.date = dt.date.min, max_date: dt.date = dt.date.max
) -> st.SearchStrategy[Outcome]:
    """Generate outcomes of every decision and channel.

    Args:
        min_date: The earliest day the candidate was told.
        max_date: The latest day the candidate was told.

    Returns:
        A strategy for `Outcome`, with or without ``told_by``,
        ``notice_from``, ``notice_message_id`` and ``notice_references``.
    """
    return _outcomes(min_date, max_date)


@functools.lru_cache(maxsize=16)
def _outcomes(min_date: dt.date, max_date: dt.date) -> st.SearchStrategy[Outcome]:
    return st.builds(
        Outcome,
        decision=st.sampled_from(Decision),
        told_on=st.dates(min_value=min_date, max_value=max_date),
        channel=st.sampled_from(Channel),
        told_by=_optional(contacts()),
        notice_from=_optional(_EMAIL),
        notice_message_id=_optional(_MESSAGE_ID),
        notice_references=st.lists(_MESSAGE_ID, max_size=3).map(tuple),
    )


@functools.cache
def _undated_feedback() -> st.SearchStrategy[Feedback]:
    source = st.sampled_from(FeedbackSource)
    declined = st.builds(
        Feedback,
        status=st.just(FeedbackStatus.DECLINED),
        given_by=source,
    )
    note = st.builds(
        FeedbackNote,
        topic=st.sampled_from(FeedbackTopic),
        note=single_line_text(max_size=_NOTE_LENGTH),
    )
    received = st.builds(
        Feedback,
        status=st.just(FeedbackStatus.RECEIVED),
        notes=st.lists(note, min_size=1, max_size=4).map(tuple),
        given_by=source,
    )
    return declined | received


def feedback(
    *, min_date: dt.date = dt.date.min, max_date: dt.date = dt.date.max
) -> st.SearchStrategy[Feedback]:
    """Generate declined feedback and received feedback with one to four notes.

    Args:
        min_date: The earliest day the answer came.
        max_date: The latest day the answer came.

    Returns:
        A strategy for `Feedback` from either source, with or without a
        date.
    """
    return st.builds(
        _dated,
        _undated_feedback(),
        _optional(st.dates(min_value=min_date, max_value=max_date)),
    )


def _dated(answer: Feedback, on: dt.date | None) -> Feedback:
    return attrs.evolve(answer, on=on)


@functools.cache
def _optional_contacts() -> st.SearchStrategy[Contact | None]:
    return _optional(contacts())


@st.composite
def _applications(draw: st.DrawFn) -> Application:
    outcome = draw(outcomes())
    told_on = outcome.told_on
    hiring_manager = draw(_optional_contacts())
    hr_contact = draw(_optional_contacts())
    # Whoever told the candidate is often one of the contacts, and the
    # notice often came from a contact's address: both change the wording
    # and the threading.
    people = [c for c in (hiring_manager, hr_contact) if c is not None]
    if people:
        told_by = draw(_optional(st.sampled_from(people)))
        if told_by is not None:
            notice_from = outcome.notice_from
            if told_by.email is not None and draw(st.booleans()):
                notice_from = told_by.email
            outcome = attrs.evolve(outcome, told_by=told_by, notice_from=notice_from)
    # Interviews come on or before the notice, and feedback on or after it:
    # often the same day, usually within weeks, sometimes years apart.
    before = _days_apart((told_on - dt.date.min).days)
    after = _days_apart((dt.date.max - told_on).days)
    answer = draw(_optional(_undated_feedback()))
    if answer is not None and draw(st.booleans()):
        answer = attrs.evolve(answer, on=told_on + dt.timedelta(days=draw(after)))
    return Application(
        candidate=draw(candidates()),
        role=draw(roles()),
        outcome=outcome,
        hiring_manager=hiring_manager,
        hr_contact=hr_contact,
        interviews=tuple(
            _interview(told_on - dt.timedelta(days=draw(before)), parts)
            for parts in draw(st.lists(_interview_parts(), max_size=3))
        ),
        feedback=answer,
    )


def _days_apart(limit: int) -> st.SearchStrategy[int]:
    return st.one_of(
        st.just(0),
        st.integers(min_value=0, max_value=min(limit, 60)),
        st.integers(min_value=0, max_value=limit),
    )


def applications() -> st.SearchStrategy[Application]:
    """Generate valid applications covering every situation rejectkit models.

    With and without hiring manager and HR contact (who may also be the one
    who told the candidate), zero to three interviews dated no later than
    the outcome, every decision and channel, and feedback that is absent,
    declined or received, dated no earlier than the outcome.

    Returns:
        A strategy for `Application`.
    """
    return _applications()


# ---------------------------------------------------------------------------
# Helpers for plugin authors: a conformance check, an isolated registry and
# the pseudo-locale. Nothing here is registered as a pytest plugin; import
# what a test suite uses (``from rejectkit.testing import isolated_registry``
# in a conftest.py makes the fixture available).


@pytest.fixture
def isolated_registry() -> Iterator[Registry]:
    """Give a test the default registry and undo its registrations afterwards.

    Yields:
        `rejectkit.registry`, restored when the test ends.
    """
    with registry.isolated() as isolated:
        yield isolated


@contextlib.contextmanager
def pseudo_locale(tag: str = PSEUDO_LOCALE) -> Iterator[str]:
    """Make the pseudo-locale available inside a ``with`` block.

    In the pseudo-locale every string from rejectkit's catalogs comes out
    accented and padded (``⟦Ðéáŕ ...··⟧``), so text that bypassed the
    catalogs stands out in plain ASCII.

    Args:
        tag: The tag to register, ``en_XA`` by default (CLDR's own tag for
            pseudo-accents).

    Yields:
        The tag, to pass as ``locale=``.
    """
    install_pseudo_locale(tag)
    try:
        yield tag
    finally:
        uninstall_pseudo_locale(tag)
