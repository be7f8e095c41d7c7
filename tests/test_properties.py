"""Properties that hold for every valid application, checked with Hypothesis."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Final, cast

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from markupsafe import escape

import rejectkit
from rejectkit import (
    Application,
    Audience,
    Channel,
    Contact,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackSource,
    FeedbackStatus,
    FeedbackTopic,
    FormOfAddress,
    Message,
    Tone,
)
from rejectkit._validation import check_line
from rejectkit.testing import applications, single_line_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# When a property fails, Hypothesis's pytest plugin imports libcst to write a
# patch, and with some mypy_extensions versions that import warns; under
# filterwarnings=error the warning would abort the whole session instead of
# reporting the failure.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)

MASK: Final = "XVALX"
# What template output must never hold once caller values are masked out.
ARTEFACTS: Final = ("{{", "{%", "}}", "None", "  ", "\n\n\n", " ,", " .", "()")

# Kinds whose wording names the company whoever they are addressed to.
# A message to the hiring team names it in the greeting as well.
NAMES_COMPANY: Final = frozenset(
    {
        "thank-hiring-manager",
        "thank-hr",
        "stay-in-touch",
        "hr-follow-up",
        "reply-feedback-declined",
        "next-steps",
    }
)


def _with_feedback(app: Application, feedback: Feedback) -> Application:
    return attrs.evolve(app, feedback=feedback)


def _latest_possible() -> Application:
    """The sample application, told on the last day a date can hold."""
    app = rejectkit.sample_application()
    return attrs.evolve(app, outcome=attrs.evolve(app.outcome, told_on=dt.date.max))


def _longest_role() -> Application:
    """The sample application with a title and company at their length limit."""
    app = rejectkit.sample_application()
    role = attrs.evolve(app.role, title="T" * 200, company="C" * 200)
    return _with_feedback(
        attrs.evolve(app, role=role),
        Feedback(
            status=FeedbackStatus.RECEIVED,
            notes=(FeedbackNote(topic=FeedbackTopic.FIT, note="N" * 1000),),
        ),
    )


def _template_lookalikes() -> Application:
    """Every caller value looks like template or format syntax."""
    app = rejectkit.sample_application()
    name = rejectkit.PersonName(given="{{ 7*7 }}", family="%(family)s")
    manager = Contact(name=name, form_of_address=FormOfAddress.MASCULINE)
    return attrs.evolve(
        app,
        candidate=attrs.evolve(app.candidate, name=name, phone="{0.__class__}"),
        role=attrs.evolve(app.role, title="{% raw %}", company="<b>&amp;</b>"),
        hiring_manager=manager,
        hr_contact=Contact(name=name, academic_title="%s"),
        outcome=attrs.evolve(app.outcome, told_by=manager),
    )


# Hand-picked applications at the edges of what the models accept.
EDGE_CASES: Final = {
    "told-on-the-last-day": _latest_possible(),
    "longest-title-company-and-note": _longest_role(),
    "template-lookalikes": _template_lookalikes(),
}


def rendered(app: Application) -> Iterator[tuple[str, Tone, Message]]:
    """Render every kind that applies to *app*, in both tones."""
    for kind in rejectkit.kinds():
        if not rejectkit.registry.get(kind).applies_to(app):
            continue
        for tone in Tone:
            yield kind, tone, rejectkit.generate(kind, app, tone=tone)


def caller_values(value: object) -> Iterator[str]:
    """Every string the caller supplied inside a model."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from caller_values(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from caller_values(getattr(value, field.name))


def mask(text: str, values: Iterator[str]) -> str:
    """Replace every caller value in *text*, longest first, in one pass."""
    ordered = sorted(set(values), key=len, reverse=True)
    if not ordered:
        return text
    pattern = re.compile("|".join(re.escape(v) for v in ordered))
    return pattern.sub(MASK, text)


def greeting_names(app: Application, message: Message, tone: Tone) -> list[str]:
    """The parts of the addressed contact's name the greeting must hold."""
    contact: Contact | None
    if message.audience is Audience.HIRING_MANAGER:
        contact = app.hiring_manager
    elif message.audience is Audience.HR:
        contact = app.hr_contact
    else:
        return []
    assert contact is not None, message.audience
    name = contact.name
    if tone is Tone.WARM:
        return [name.given]
    if contact.academic_title is not None:
        return [contact.academic_title, name.family]
    if contact.form_of_address is FormOfAddress.NEUTRAL:
        return [name.given, name.family]
    return [name.family]


def names_company(app: Application, kind: str, message: Message) -> bool:
    """Whether the message must name the company."""
    if message.audience is Audience.HIRING_TEAM or kind in NAMES_COMPANY:
        return True
    return kind == "feedback-request" and not app.interviews


def check_round_trip(app: Application) -> None:
    """(a) to_dict and from_dict are inverses, also through strict JSON."""
    data = app.to_dict()
    assert Application.from_dict(data) == app
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    assert rejectkit.loads(text, format="json") == app


def check_renders(app: Application) -> None:
    """(b) Every applicable kind renders in both tones."""
    applicable = [
        k for k in rejectkit.kinds() if rejectkit.registry.get(k).applies_to(app)
    ]
    messages = list(rendered(app))
    assert [kind for kind, _, _ in messages] == [k for k in applicable for _ in Tone]
    for kind, tone, message in messages:
        assert message.kind == kind
        assert message.text.endswith("\n")
        assert message.html.startswith("<!DOCTYPE html>")
        by_value = rejectkit.generate(kind, app, tone=tone.value)
        assert by_value.text == message.text
    assert set(rejectkit.plan(app)) <= set(applicable)


def check_names(app: Application) -> None:
    """(c) The names a message uses appear verbatim in text, escaped in HTML."""
    candidate = app.candidate.name
    for kind, tone, message in rendered(app):
        expected: list[str] = []
        if kind != "next-steps":
            expected += [candidate.given, candidate.family]
            signature = "\n".join(message.signature)
            assert candidate.given in signature
            assert candidate.family in signature
        if names_company(app, kind, message):
            expected.append(app.role.company)
        greeted = greeting_names(app, message, tone)
        for value in greeted:
            assert message.greeting is not None
            assert value in message.greeting, (kind, tone, value)
        for value in expected + greeted:
            assert value in message.text, (kind, tone, value)
            assert str(escape(value)) in message.html, (kind, tone, value)


def check_no_artefacts(app: Application) -> None:
    """(d) Outside caller values, no template syntax, None or broken spacing."""
    for kind, tone, message in rendered(app):
        for part in (message.subject, message.text):
            masked = mask(part, caller_values(app))
            for artefact in ARTEFACTS:
                assert artefact not in masked, (kind, tone, artefact, masked)
            for line in masked.split("\n"):
                assert line == line.rstrip(), (kind, tone, line)


def check_deterministic(app: Application) -> None:
    """(e) The same input renders the same output."""
    for kind, tone, message in rendered(app):
        again = rejectkit.generate(kind, app, tone=tone)
        assert again == message
        assert again.text == message.text
        assert again.html == message.html
        assert again.to_dict() == message.to_dict()


CHECKS: Final = (
    check_round_trip,
    check_renders,
    check_names,
    check_no_artefacts,
    check_deterministic,
)


@given(applications())
def test_to_dict_round_trips(app: Application) -> None:
    check_round_trip(app)


@given(applications())
def test_every_applicable_kind_renders_in_both_tones(app: Application) -> None:
    check_renders(app)


@given(applications())
def test_names_appear_verbatim_and_escaped(app: Application) -> None:
    check_names(app)


@given(applications())
def test_no_template_artefacts_outside_caller_values(app: Application) -> None:
    check_no_artefacts(app)


@given(applications())
def test_rendering_is_deterministic(app: Application) -> None:
    check_deterministic(app)


@pytest.mark.parametrize("app", EDGE_CASES.values(), ids=EDGE_CASES.keys())
@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_edge_cases_have_every_property(
    check: Callable[[Application], None], app: Application
) -> None:
    check(app)


# The strategies themselves -------------------------------------------------------


SITUATIONS: Final[dict[str, Callable[[Application], bool]]] = {
    "no contacts": lambda a: a.hiring_manager is None and a.hr_contact is None,
    "both contacts": lambda a: None not in (a.hiring_manager, a.hr_contact),
    "no interviews": lambda a: not a.interviews,
    "three interviews": lambda a: len(a.interviews) == 3,
    "interview on the notice day": lambda a: any(
        i.date == a.outcome.told_on for i in a.interviews
    ),
    "no feedback": lambda a: a.feedback is None,
    "feedback declined": lambda a: (
        a.feedback is not None and a.feedback.status is FeedbackStatus.DECLINED
    ),
    "feedback received": lambda a: (
        a.feedback is not None and a.feedback.status is FeedbackStatus.RECEIVED
    ),
    "feedback from the manager": lambda a: (
        a.feedback is not None and a.feedback.given_by is FeedbackSource.HIRING_MANAGER
    ),
    "feedback dated": lambda a: a.feedback is not None and a.feedback.on is not None,
    "told by the HR contact": lambda a: (
        a.hr_contact is not None and a.outcome.told_by == a.hr_contact
    ),
    "notice from the HR contact": lambda a: (
        a.hr_contact is not None
        and a.hr_contact.email is not None
        and a.outcome.notice_from == a.hr_contact.email
    ),
    "threaded notice": lambda a: a.outcome.notice_message_id is not None,
    "academic title": lambda a: (
        a.hr_contact is not None and a.hr_contact.academic_title is not None
    ),
}


def situations_of(app: Application) -> set[str]:
    """The names of the situations *app* is in."""
    found = {name for name, holds in SITUATIONS.items() if holds(app)}
    found.add(f"decision {app.outcome.decision.value}")
    found.add(f"channel {app.outcome.channel.value}")
    for contact in (app.hiring_manager, app.hr_contact, app.outcome.told_by):
        if contact is not None:
            found.add(f"form of address {contact.form_of_address.value}")
    return found


def test_applications_cover_every_situation() -> None:
    seen: set[str] = set()

    @settings(
        max_examples=150,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.generate],
    )
    @given(applications())
    def collect(app: Application) -> None:
        seen.update(situations_of(app))

    collect()
    expected = {
        *SITUATIONS,
        *(f"decision {d.value}" for d in Decision),
        *(f"channel {c.value}" for c in Channel),
        *(f"form of address {f.value}" for f in FormOfAddress),
    }
    assert sorted(expected - seen) == []


@given(
    st.integers(min_value=1, max_value=1000).flatmap(
        lambda size: st.tuples(st.just(size), single_line_text(max_size=size))
    )
)
def test_single_line_text_is_always_valid(sized: tuple[int, str]) -> None:
    size, value = sized
    assert check_line(value, "value", max_length=size) == value


def test_single_line_text_needs_room_for_one_character() -> None:
    with pytest.raises(ValueError, match="max_size"):
        single_line_text(max_size=0)
