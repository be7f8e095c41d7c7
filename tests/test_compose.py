"""`plan`, `compose` and `generate`: which messages a situation gets, and how."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs
import pytest

import rejectkit
from rejectkit import (
    Application,
    Audience,
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
    Mailbox,
    Message,
    Outcome,
    PersonName,
    Role,
    Stage,
    Tone,
)
from rejectkit._message import MAX_SUBJECT_LENGTH
from tests.situations import SITUATIONS as NAMED_SITUATIONS

if TYPE_CHECKING:
    from collections.abc import Sequence

# Far from any day the suite runs on, so a date counted from today can never
# pass for one counted from the notice.
TOLD_ON = dt.date(2031, 3, 3)
FEEDBACK_ON = dt.date(2031, 3, 17)
NOTICE_FROM = "careers@northwind.example"
NOTICE_ID = "<notice-7731@northwind.example>"
CANDIDATE_EMAIL = "alex.morgan@example.com"
HR_EMAIL = "jordan.lee@northwind.example"
MANAGER_EMAIL = "priya.raman@northwind.example"

HR = Contact(
    name=PersonName(given="Jordan", family="Lee"),
    email=HR_EMAIL,
    job_title="Talent Acquisition Partner",
)
MANAGER = Contact(
    name=PersonName(given="Priya", family="Raman"),
    email=MANAGER_EMAIL,
    form_of_address=FormOfAddress.FEMININE,
)

QUESTIONS = {
    FeedbackTopic.QUALIFICATIONS: (
        "- Were any of my qualifications weaker than the role called for?"
    ),
    FeedbackTopic.EXPERIENCE: (
        "- Would deeper experience in a specific part of the work have changed "
        "the outcome?"
    ),
    FeedbackTopic.FIT: "- Did the decision come down to fit with the team?",
}
GENDERED_TITLES = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Sir|Madam)\b\.?")


def make_application(
    *,
    interviewed: bool = True,
    hr: bool = True,
    manager: bool = True,
    decision: Decision = Decision.REJECTED,
    channel: Channel = Channel.PERSONAL_EMAIL,
    notice_from: str | None = NOTICE_FROM,
    feedback: Feedback | None = None,
) -> Application:
    interviews = (
        (
            Interview(date=dt.date(2031, 2, 10), stage=Stage.PHONE_SCREEN),
            Interview(
                date=dt.date(2031, 2, 24),
                stage=Stage.FINAL_ROUND,
                highlight="the plan to merge the regional delivery dashboards",
            ),
        )
        if interviewed
        else ()
    )
    return Application(
        candidate=Candidate(
            name=PersonName(given="Alex", family="Morgan"), email=CANDIDATE_EMAIL
        ),
        role=Role(title="Senior Data Analyst", company="Northwind Logistics"),
        hiring_manager=MANAGER if manager else None,
        hr_contact=HR if hr else None,
        interviews=interviews,
        outcome=Outcome(
            decision=decision,
            told_on=TOLD_ON,
            channel=channel,
            notice_from=notice_from,
            notice_message_id=NOTICE_ID,
        ),
        feedback=feedback,
    )


def declined(by: FeedbackSource) -> Feedback:
    return Feedback(status=FeedbackStatus.DECLINED, given_by=by, on=FEEDBACK_ON)


def received(by: FeedbackSource) -> Feedback:
    return Feedback(
        status=FeedbackStatus.RECEIVED,
        notes=(
            FeedbackNote(
                topic=FeedbackTopic.EXPERIENCE,
                note="more hands-on work with streaming data would have helped",
            ),
        ),
        given_by=by,
        on=FEEDBACK_ON,
    )


def emails(message: Message) -> tuple[str, ...]:
    return tuple(r.email for r in message.recipients)


def bullet_lines(message: Message) -> list[str]:
    return [line for line in message.text.splitlines() if line.startswith("- ")]


# Each row: the application, whether to bundle, and the expected messages as
# (kind, audience, recipient addresses), in sending order.
Expected = tuple[tuple[str, Audience, tuple[str, ...]], ...]
TO_HR = (HR_EMAIL,)
TO_MANAGER = (MANAGER_EMAIL,)
TO_NOTICE = (NOTICE_FROM,)
TO_SELF = (CANDIDATE_EMAIL,)

SITUATIONS: list[tuple[str, Application, bool, Expected]] = [
    (
        "application-only-no-hr",
        make_application(interviewed=False, hr=False, manager=False),
        False,
        (("stay-in-touch", Audience.HIRING_TEAM, TO_NOTICE),),
    ),
    (
        "application-only-with-hr",
        make_application(interviewed=False, manager=False),
        False,
        (
            ("feedback-request", Audience.HR, TO_HR),
            ("stay-in-touch", Audience.HR, TO_HR),
        ),
    ),
    (
        "application-only-manager-known-but-never-met",
        make_application(interviewed=False),
        False,
        (
            ("feedback-request", Audience.HR, TO_HR),
            ("stay-in-touch", Audience.HR, TO_HR),
        ),
    ),
    (
        "application-only-on-hold-with-hr",
        make_application(interviewed=False, decision=Decision.ON_HOLD),
        False,
        (("stay-in-touch", Audience.HR, TO_HR),),
    ),
    (
        "interviewed-both-contacts",
        make_application(),
        False,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("thank-hr", Audience.HR, TO_HR),
            ("feedback-request", Audience.HR, TO_HR),
            ("stay-in-touch", Audience.HR, TO_HR),
        ),
    ),
    (
        "interviewed-both-contacts-position-filled",
        make_application(decision=Decision.POSITION_FILLED),
        False,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("thank-hr", Audience.HR, TO_HR),
            ("feedback-request", Audience.HR, TO_HR),
            ("stay-in-touch", Audience.HR, TO_HR),
        ),
    ),
    (
        "interviewed-both-contacts-bundled",
        make_application(),
        True,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("hr-follow-up", Audience.HR, TO_HR),
        ),
    ),
    (
        "automated-notice-no-contacts",
        make_application(hr=False, manager=False, channel=Channel.AUTOMATED_EMAIL),
        False,
        (
            ("feedback-request", Audience.HIRING_TEAM, TO_NOTICE),
            ("stay-in-touch", Audience.HIRING_TEAM, TO_NOTICE),
        ),
    ),
    (
        "automated-notice-no-contacts-no-address",
        make_application(
            hr=False,
            manager=False,
            channel=Channel.AUTOMATED_EMAIL,
            notice_from=None,
        ),
        False,
        (
            ("feedback-request", Audience.HIRING_TEAM, ()),
            ("stay-in-touch", Audience.HIRING_TEAM, ()),
        ),
    ),
    (
        "feedback-declined-by-hr",
        make_application(feedback=declined(FeedbackSource.HR)),
        False,
        (("reply-feedback-declined", Audience.HR, TO_HR),),
    ),
    (
        "feedback-declined-by-manager",
        make_application(feedback=declined(FeedbackSource.HIRING_MANAGER)),
        False,
        (("reply-feedback-declined", Audience.HIRING_MANAGER, TO_MANAGER),),
    ),
    (
        "feedback-declined-bundle-changes-nothing",
        make_application(feedback=declined(FeedbackSource.HR)),
        True,
        (("reply-feedback-declined", Audience.HR, TO_HR),),
    ),
    (
        "feedback-received-from-hr",
        make_application(feedback=received(FeedbackSource.HR)),
        False,
        (
            ("reply-feedback-received", Audience.HR, TO_HR),
            ("next-steps", Audience.CANDIDATE, TO_SELF),
        ),
    ),
    (
        "feedback-received-from-manager",
        make_application(feedback=received(FeedbackSource.HIRING_MANAGER)),
        False,
        (
            ("reply-feedback-received", Audience.HIRING_MANAGER, TO_MANAGER),
            ("next-steps", Audience.CANDIDATE, TO_SELF),
        ),
    ),
    (
        "on-hold",
        make_application(decision=Decision.ON_HOLD),
        False,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("thank-hr", Audience.HR, TO_HR),
            ("stay-in-touch", Audience.HR, TO_HR),
        ),
    ),
    (
        "on-hold-bundled",
        make_application(decision=Decision.ON_HOLD),
        True,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("hr-follow-up", Audience.HR, TO_HR),
        ),
    ),
    (
        "cancelled",
        make_application(decision=Decision.CANCELLED),
        False,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("thank-hr", Audience.HR, TO_HR),
            ("stay-in-touch", Audience.HR, TO_HR),
        ),
    ),
    (
        "cancelled-bundled",
        make_application(decision=Decision.CANCELLED),
        True,
        (
            ("thank-hiring-manager", Audience.HIRING_MANAGER, TO_MANAGER),
            ("hr-follow-up", Audience.HR, TO_HR),
        ),
    ),
    (
        "cancelled-automated-notice",
        make_application(
            hr=False,
            manager=False,
            decision=Decision.CANCELLED,
            channel=Channel.AUTOMATED_EMAIL,
        ),
        False,
        (("stay-in-touch", Audience.HIRING_TEAM, TO_NOTICE),),
    ),
]


@pytest.mark.parametrize(
    ("application", "bundle", "expected"),
    [pytest.param(app, bundle, exp, id=name) for name, app, bundle, exp in SITUATIONS],
)
def test_situation_table(
    application: Application, bundle: bool, expected: Expected
) -> None:
    kit = rejectkit.compose(application, bundle=bundle)

    assert [(m.kind, m.audience, emails(m)) for m in kit] == list(expected)
    assert rejectkit.plan(application, bundle=bundle) == kit.kinds
    for message in kit:
        if NOTICE_FROM in emails(message):
            assert message.in_reply_to == NOTICE_ID
        elif message.recipients:
            assert message.in_reply_to is None
        if message.audience is Audience.CANDIDATE:
            assert message.recipients == (
                Mailbox(email=CANDIDATE_EMAIL, name="Alex Morgan"),
            )
            assert message.greeting is None
            assert message.closing is None
            assert message.signature == ()
        else:
            assert message.greeting is not None
            assert message.greeting.startswith(("Dear ", "Hello "))
            assert message.closing == "Kind regards,"
            assert message.signature == ("Alex Morgan",)


def test_greetings_follow_the_audience() -> None:
    kit = rejectkit.compose(make_application())

    assert kit.by_kind("thank-hiring-manager").greeting == "Dear Ms. Raman,"
    for kind in ("thank-hr", "feedback-request", "stay-in-touch"):
        assert kit.by_kind(kind).greeting == "Dear Jordan Lee,"


def test_automated_notice_is_answered_as_the_hiring_team() -> None:
    application = make_application(
        hr=False, manager=False, channel=Channel.AUTOMATED_EMAIL
    )
    kit = rejectkit.compose(application)

    assert kit.kinds == ("feedback-request", "stay-in-touch")
    for message in kit:
        assert message.greeting == "Dear Northwind Logistics hiring team,"
        assert message.recipients == (Mailbox(email=NOTICE_FROM),)
        assert message.in_reply_to == NOTICE_ID
        assert message.text.startswith("Dear Northwind Logistics hiring team,\n\n")


def test_automated_notice_without_an_address_has_no_recipients() -> None:
    application = make_application(
        hr=False, manager=False, channel=Channel.AUTOMATED_EMAIL, notice_from=None
    )
    kit = rejectkit.compose(application)

    assert kit.kinds == ("feedback-request", "stay-in-touch")
    for message in kit:
        assert message.recipients == ()
        assert message.greeting == "Dear Northwind Logistics hiring team,"


def test_messages_to_a_contact_other_than_the_notice_sender_are_not_threaded() -> None:
    kit = rejectkit.compose(make_application())

    assert NOTICE_FROM not in (HR_EMAIL, MANAGER_EMAIL)
    assert all(m.in_reply_to is None for m in kit)


def test_messages_to_the_notice_sender_are_threaded() -> None:
    hr = attrs.evolve(HR, email=NOTICE_FROM)
    kit = rejectkit.compose(attrs.evolve(make_application(), hr_contact=hr))

    threaded = {m.kind: m.in_reply_to for m in kit}
    assert threaded == {
        "thank-hiring-manager": None,
        "thank-hr": NOTICE_ID,
        "feedback-request": NOTICE_ID,
        "stay-in-touch": NOTICE_ID,
    }


@pytest.mark.parametrize("decision", [Decision.ON_HOLD, Decision.CANCELLED])
@pytest.mark.parametrize(
    ("interviewed", "hr", "manager"),
    [
        (True, True, True),
        (True, False, False),
        (False, True, False),
        (False, False, False),
    ],
)
@pytest.mark.parametrize("bundle", [False, True])
def test_nobody_chosen_never_asks_for_feedback(
    decision: Decision, interviewed: bool, hr: bool, manager: bool, bundle: bool
) -> None:
    application = make_application(
        interviewed=interviewed, hr=hr, manager=manager, decision=decision
    )

    kit = rejectkit.compose(application, bundle=bundle)

    assert "feedback-request" not in kit.kinds
    assert "feedback-request" not in rejectkit.plan(application, bundle=bundle)
    for message in kit:
        assert bullet_lines(message) == []
        assert "feedback" not in message.subject.lower()
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("feedback-request", application)
    assert excinfo.value.problems[0][0] == "outcome.decision"


@pytest.mark.parametrize("decision", [Decision.ON_HOLD, Decision.CANCELLED])
def test_bundle_without_someone_chosen_leaves_the_questions_out(
    decision: Decision,
) -> None:
    application = make_application(decision=decision)

    follow_up = rejectkit.compose(application, bundle=True).by_kind("hr-follow-up")

    assert bullet_lines(follow_up) == []
    assert "view of my" not in follow_up.text
    assert "feedback" not in follow_up.text.lower()
    assert "stay in touch" in follow_up.text


def test_bundle_with_someone_chosen_asks_the_questions() -> None:
    follow_up = rejectkit.compose(make_application(), bundle=True).by_kind(
        "hr-follow-up"
    )

    assert bullet_lines(follow_up) == list(QUESTIONS.values())
    assert "stay in touch" in follow_up.text


@pytest.mark.parametrize(
    "kinds",
    [
        ("stay-in-touch", "thank-hiring-manager"),
        ("hr-follow-up",),
        ("thank-hr", "hr-follow-up", "feedback-request", "thank-hiring-manager"),
        (),
    ],
)
def test_kinds_renders_exactly_those_in_that_order(kinds: tuple[str, ...]) -> None:
    kit = rejectkit.compose(make_application(), kinds=kinds)

    assert kit.kinds == kinds
    assert [m.kind for m in kit] == list(kinds)


def test_kinds_accepts_any_iterable() -> None:
    kit = rejectkit.compose(
        make_application(), kinds=(k for k in ["thank-hr", "stay-in-touch"])
    )

    assert kit.kinds == ("thank-hr", "stay-in-touch")


def test_kinds_listed_twice_is_rejected() -> None:
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(
            make_application(), kinds=["thank-hr", "stay-in-touch", "thank-hr"]
        )
    assert excinfo.value.problems[0][0] == "kinds[2]"


def test_kinds_as_one_string_is_rejected() -> None:
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(make_application(), kinds="thank-hr")  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "kinds"


@pytest.mark.parametrize(
    "kinds",
    [{"thank-hr", "stay-in-touch"}, frozenset({"thank-hr"})],
    ids=["set", "frozenset"],
)
def test_kinds_as_a_set_is_rejected(kinds: object) -> None:
    # A set's order depends on the hash seed, and the kit keeps the order.
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(make_application(), kinds=kinds)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "kinds"
    assert "no order" in str(excinfo.value)


def test_kinds_from_dict_keys_keep_their_order() -> None:
    chosen = {"stay-in-touch": 1, "thank-hr": 2}
    kit = rejectkit.compose(make_application(), kinds=chosen.keys())  # type: ignore[arg-type]

    assert kit.kinds == ("stay-in-touch", "thank-hr")


def test_topics_as_a_set_say_why() -> None:
    with pytest.raises(rejectkit.ValidationError, match="no order"):
        rejectkit.generate(
            "feedback-request",
            make_application(),
            topics={"fit"},  # type: ignore[arg-type]
        )


def test_unknown_kind_lists_the_known_kinds() -> None:
    with pytest.raises(rejectkit.UnknownKindError) as excinfo:
        rejectkit.generate("thank-the-ceo", make_application())

    assert isinstance(excinfo.value, LookupError)
    assert isinstance(excinfo.value, rejectkit.RejectkitError)
    message = str(excinfo.value)
    assert "thank-the-ceo" in message
    for kind in rejectkit.kinds():
        assert kind in message


def test_unknown_kind_in_compose_kinds() -> None:
    with pytest.raises(rejectkit.UnknownKindError, match="thank-the-ceo"):
        rejectkit.compose(make_application(), kinds=["thank-hr", "thank-the-ceo"])


@pytest.mark.parametrize(
    ("kind", "application", "field"),
    [
        ("thank-hiring-manager", make_application(manager=False), "hiring_manager"),
        ("thank-hiring-manager", make_application(interviewed=False), "interviews"),
        ("thank-hr", make_application(hr=False), "hr_contact"),
        (
            "feedback-request",
            make_application(decision=Decision.ON_HOLD),
            "outcome.decision",
        ),
        ("reply-feedback-declined", make_application(), "feedback"),
        (
            "reply-feedback-declined",
            make_application(feedback=received(FeedbackSource.HR)),
            "feedback",
        ),
        (
            "reply-feedback-received",
            make_application(feedback=declined(FeedbackSource.HR)),
            "feedback",
        ),
        ("next-steps", make_application(), "feedback"),
    ],
)
def test_unmet_need_names_the_field(
    kind: str, application: Application, field: str
) -> None:
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate(kind, application)
    assert excinfo.value.problems[0][0] == field
    assert str(excinfo.value).startswith(f"{field}: ")

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(application, kinds=[kind])
    assert excinfo.value.problems[0][0] == field


@pytest.mark.parametrize(
    "topics",
    [
        [FeedbackTopic.FIT, FeedbackTopic.QUALIFICATIONS],
        ["fit", "qualifications"],
        ("experience",),
        ["experience", FeedbackTopic.FIT, "qualifications"],
    ],
)
def test_topics_order_and_limit_the_questions(
    topics: Sequence[FeedbackTopic | Literal["qualifications", "experience", "fit"]],
) -> None:
    expected = [QUESTIONS[FeedbackTopic(t)] for t in topics]
    application = make_application()

    generated = rejectkit.generate("feedback-request", application, topics=topics)
    composed = rejectkit.compose(application, topics=topics).by_kind("feedback-request")
    bundled = rejectkit.compose(application, topics=topics, bundle=True).by_kind(
        "hr-follow-up"
    )

    assert bullet_lines(generated) == expected
    assert bullet_lines(composed) == expected
    assert bullet_lines(bundled) == expected


def test_topics_default_to_all_three_in_order() -> None:
    message = rejectkit.generate("feedback-request", make_application())

    assert bullet_lines(message) == list(QUESTIONS.values())
    assert "your view of my qualifications, experience, and fit:" in message.text


def test_topics_are_named_in_the_lead_in() -> None:
    message = rejectkit.generate(
        "feedback-request", make_application(), topics=["fit", "experience"]
    )

    assert "your view of my fit and experience:" in message.text


def test_topics_do_not_reach_kinds_that_do_not_ask() -> None:
    kit = rejectkit.compose(make_application(), topics=["fit"])

    assert kit.kinds == rejectkit.compose(make_application()).kinds
    assert bullet_lines(kit.by_kind("thank-hr")) == []
    assert bullet_lines(kit.by_kind("stay-in-touch")) == []


INVALID_TOPICS: list[tuple[object, str]] = [
    (["feelings"], "topics[0]"),
    (["fit", "Fit"], "topics[1]"),
    (["fit", FeedbackTopic.FIT], "topics[1]"),
    ([FeedbackTopic.EXPERIENCE, "experience"], "topics[1]"),
    ([], "topics"),
    ("fit", "topics"),
    (b"fit", "topics"),
    ({"fit": True}, "topics"),
    (3, "topics"),
    ([None], "topics[0]"),
    ([FeedbackTopic.FIT, 1], "topics[1]"),
    # A set's order depends on the hash seed: the questions would move.
    ({"fit", "experience"}, "topics"),
    (frozenset({FeedbackTopic.FIT}), "topics"),
]


@pytest.mark.parametrize(("topics", "path"), INVALID_TOPICS)
def test_invalid_topics_are_rejected(topics: object, path: str) -> None:
    application = make_application()

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("feedback-request", application, topics=topics)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == path

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(application, topics=topics)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == path


@pytest.mark.parametrize(
    ("topics", "path"), [(["feelings"], "topics[0]"), ("fit", "topics")]
)
def test_compose_rejects_invalid_topics_even_when_no_kind_asks(
    topics: object, path: str
) -> None:
    application = make_application(feedback=received(FeedbackSource.HR))

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(application, topics=topics)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == path


def test_unknown_option_is_rejected() -> None:
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("feedback-request", make_application(), topic=["fit"])  # type: ignore[call-arg]
    assert excinfo.value.problems[0][0] == "topic"
    assert "'feedback-request'" in str(excinfo.value)
    assert "topics" in str(excinfo.value)


def test_option_of_another_kind_is_rejected() -> None:
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("stay-in-touch", make_application(), topics=["fit"])
    assert excinfo.value.problems[0] == (
        "topics",
        "is not an option of 'stay-in-touch'; it takes to",
    )


@pytest.mark.parametrize(
    ("tone", "greeting", "closing"),
    [
        (Tone.FORMAL, "Dear Jordan Lee,", "Kind regards,"),
        ("formal", "Dear Jordan Lee,", "Kind regards,"),
        (Tone.WARM, "Dear Jordan,", "Best wishes,"),
        ("warm", "Dear Jordan,", "Best wishes,"),
    ],
)
def test_tone_accepts_members_and_values(
    tone: Tone | Literal["formal", "warm"], greeting: str, closing: str
) -> None:
    message = rejectkit.generate("thank-hr", make_application(), tone=tone)
    kit = rejectkit.compose(make_application(), tone=tone)

    assert message.greeting == greeting
    assert message.closing == closing
    assert kit.by_kind("thank-hr") == message


def test_warm_tone_greets_the_hiring_team_informally() -> None:
    application = make_application(
        hr=False, manager=False, channel=Channel.AUTOMATED_EMAIL
    )

    message = rejectkit.generate("stay-in-touch", application, tone="warm")

    assert message.greeting == "Hello Northwind Logistics team,"


@pytest.mark.parametrize("tone", ["WARM", "Formal", "casual", "", None, 1, ["warm"]])
def test_bad_tone_is_rejected(tone: object) -> None:
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("thank-hr", make_application(), tone=tone)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "tone"
    assert "formal, warm" in str(excinfo.value)

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(make_application(), tone=tone)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "tone"


def test_not_an_application_is_rejected() -> None:
    application = make_application().to_dict()

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.compose(application)  # type: ignore[arg-type]
    assert excinfo.value.problems[0][0] == "application"
    with pytest.raises(rejectkit.ValidationError):
        rejectkit.generate("thank-hr", application)  # type: ignore[arg-type]
    with pytest.raises(rejectkit.ValidationError):
        rejectkit.plan(application)  # type: ignore[arg-type]


def days_after(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("kind", "application", "send_by"),
    [
        ("thank-hiring-manager", make_application(), days_after(TOLD_ON, 1)),
        ("thank-hr", make_application(), days_after(TOLD_ON, 1)),
        ("feedback-request", make_application(), days_after(TOLD_ON, 3)),
        ("stay-in-touch", make_application(), days_after(TOLD_ON, 7)),
        ("hr-follow-up", make_application(), days_after(TOLD_ON, 2)),
        (
            "reply-feedback-declined",
            make_application(feedback=declined(FeedbackSource.HR)),
            days_after(FEEDBACK_ON, 1),
        ),
        (
            "reply-feedback-received",
            make_application(feedback=received(FeedbackSource.HR)),
            days_after(FEEDBACK_ON, 1),
        ),
        (
            "reply-feedback-declined",
            make_application(
                feedback=attrs.evolve(declined(FeedbackSource.HR), on=None)
            ),
            days_after(TOLD_ON, 1),
        ),
        (
            "reply-feedback-received",
            make_application(
                feedback=attrs.evolve(received(FeedbackSource.HR), on=None)
            ),
            days_after(TOLD_ON, 1),
        ),
        ("next-steps", make_application(feedback=received(FeedbackSource.HR)), None),
    ],
)
def test_send_by_counts_from_the_notice_or_the_feedback(
    kind: str, application: Application, send_by: dt.date | None
) -> None:
    assert rejectkit.generate(kind, application).send_by == send_by


@pytest.mark.parametrize(
    "told_on", [dt.date(2019, 1, 31), dt.date(2024, 2, 28), dt.date(2099, 12, 30)]
)
def test_send_by_never_depends_on_today(told_on: dt.date) -> None:
    application = make_application(interviewed=False)
    application = attrs.evolve(
        application, outcome=attrs.evolve(application.outcome, told_on=told_on)
    )

    kit = rejectkit.compose(application, kinds=["thank-hr", "stay-in-touch"])

    assert [m.send_by for m in kit] == [
        days_after(told_on, 1),
        days_after(told_on, 7),
    ]


@pytest.mark.parametrize("days_left", [0, 1, 6, 7])
def test_send_by_stops_at_the_last_day_a_date_can_hold(days_left: int) -> None:
    told_on = dt.date.max - dt.timedelta(days=days_left)
    application = make_application(interviewed=False)
    application = attrs.evolve(
        application, outcome=attrs.evolve(application.outcome, told_on=told_on)
    )

    kit = rejectkit.compose(application, kinds=["thank-hr", "stay-in-touch"])

    assert [m.send_by for m in kit] == [
        told_on + dt.timedelta(days=min(days_left, 1)),
        told_on + dt.timedelta(days=min(days_left, 7)),
    ]


def test_send_by_after_late_feedback_is_the_last_day_a_date_can_hold() -> None:
    application = make_application(
        feedback=attrs.evolve(declined(FeedbackSource.HR), on=dt.date.max)
    )
    message = rejectkit.generate("reply-feedback-declined", application)
    assert message.send_by == dt.date.max


CONTACT_VARIANTS = [
    pytest.param(form, title, email, id=f"{form.value}-{title}-{email}")
    for form, title, email in itertools.product(
        FormOfAddress, [None, "Dr."], [None, "contact@northwind.example"]
    )
]


@pytest.mark.parametrize(("form", "title", "email"), CONTACT_VARIANTS)
@pytest.mark.parametrize("tone", list(Tone))
def test_greeting_never_shows_none_or_guesses_a_gender(
    form: FormOfAddress, title: str | None, email: str | None, tone: Tone
) -> None:
    contact = Contact(
        name=PersonName(given="Sam", family="Okafor"),
        email=email,
        form_of_address=form,
        academic_title=title,
    )
    application = attrs.evolve(
        make_application(), hr_contact=contact, hiring_manager=contact
    )
    kinds = ["thank-hiring-manager", "thank-hr", "feedback-request", "stay-in-touch"]

    for message in rejectkit.compose(application, tone=tone, kinds=kinds):
        greeting = message.greeting
        assert greeting is not None
        assert "None" not in greeting
        assert "None" not in message.text
        assert "Okafor" in greeting or "Sam" in greeting
        assert greeting.endswith(",")
        if form is FormOfAddress.NEUTRAL:
            assert GENDERED_TITLES.search(greeting) is None
        if email is None:
            assert message.recipients == ()


@pytest.mark.parametrize(
    ("form", "title", "tone", "greeting"),
    [
        (FormOfAddress.NEUTRAL, None, Tone.FORMAL, "Dear Sam Okafor,"),
        (FormOfAddress.FEMININE, None, Tone.FORMAL, "Dear Ms. Okafor,"),
        (FormOfAddress.MASCULINE, None, Tone.FORMAL, "Dear Mr. Okafor,"),
        (FormOfAddress.NEUTRAL, "Dr.", Tone.FORMAL, "Dear Dr. Okafor,"),
        (FormOfAddress.FEMININE, "Prof.", Tone.FORMAL, "Dear Prof. Okafor,"),
        (FormOfAddress.NEUTRAL, None, Tone.WARM, "Dear Sam,"),
        (FormOfAddress.MASCULINE, "Dr.", Tone.WARM, "Dear Sam,"),
    ],
)
def test_greeting_forms(
    form: FormOfAddress, title: str | None, tone: Tone, greeting: str
) -> None:
    contact = Contact(
        name=PersonName(given="Sam", family="Okafor"),
        form_of_address=form,
        academic_title=title,
    )
    application = attrs.evolve(make_application(), hr_contact=contact)

    assert rejectkit.generate("thank-hr", application, tone=tone).greeting == greeting


def test_compose_is_generate_for_each_planned_kind() -> None:
    application = make_application()

    kit = rejectkit.compose(application, tone="warm")

    assert list(kit) == [
        rejectkit.generate(kind, application, tone="warm") for kind in kit.kinds
    ]


SAMPLE = rejectkit.sample_application()


@pytest.mark.parametrize("bundle", [False, True])
def test_the_longest_title_and_company_fit_in_a_subject(*, bundle: bool) -> None:
    role = attrs.evolve(SAMPLE.role, title="T" * 200, company="C" * 200)
    kit = rejectkit.compose(attrs.evolve(SAMPLE, role=role), bundle=bundle)
    assert kit.messages
    for message in kit:
        # Every subject names the role or the company, whole.
        assert role.title in message.subject or role.company in message.subject
        assert len(message.subject) <= MAX_SUBJECT_LENGTH


# -- addressing any contact, and options per kind ------------------------------

INTERVIEWER = rejectkit.Contact(
    name=rejectkit.PersonName(given="Sam", family="Patel"),
    email="sam.patel@northwind.example",
    form_of_address=rejectkit.FormOfAddress.MASCULINE,
)


@pytest.mark.parametrize(
    ("locale", "greeting"),
    [("en", "Dear Mr. Patel,"), ("de", "Sehr geehrter Herr Patel,")],
)
def test_to_addresses_any_contact(locale: str, greeting: str) -> None:
    usual = rejectkit.generate("thank-hiring-manager", SAMPLE, locale=locale)
    message = rejectkit.generate(
        "thank-hiring-manager", SAMPLE, locale=locale, to=INTERVIEWER
    )
    assert message.audience is rejectkit.Audience.CONTACT
    assert message.greeting == greeting
    assert [r.email for r in message.recipients] == ["sam.patel@northwind.example"]
    # German lowers the first word after a comma greeting either way.
    assert message.body == usual.body
    assert message.to_dict()["audience"] == "contact"


def test_to_takes_a_table_of_contact_fields_and_names_bad_ones() -> None:
    given = {"name": {"given": "Sam", "family": "Patel"}, "email": "sam@x.example"}
    message = rejectkit.generate("thank-hr", SAMPLE, to=given)
    assert message.greeting == "Dear Sam Patel,"
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.generate("thank-hr", SAMPLE, to={**given, "email": "not mail"})
    assert caught.value.problems[0][0] == "to.email"
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.generate("thank-hr", SAMPLE, to="Sam Patel")  # type: ignore[arg-type]
    assert caught.value.problems[0] == (
        "to",
        "expected a Contact or a table of its fields, got str",
    )


def test_a_private_note_has_no_one_to_address() -> None:
    received, _ = NAMED_SITUATIONS["feedback-received"]
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.generate("next-steps", received, to=INTERVIEWER)
    assert caught.value.problems[0] == (
        "to",
        "a private note to the candidate has no one to address",
    )


def test_a_user_template_cannot_write_to_an_unnamed_contact() -> None:
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.from_template("Thanks.", SAMPLE, audience="contact")
    assert caught.value.problems[0][0] == "audience"


def test_compose_passes_options_to_each_kind() -> None:
    kit = rejectkit.compose(
        SAMPLE,
        topics=["qualifications"],
        options={
            "feedback-request": {"topics": ["fit"]},
            "thank-hiring-manager": {"to": INTERVIEWER},
        },
    )
    assert kit.by_kind("thank-hiring-manager").greeting == "Dear Mr. Patel,"
    assert kit.by_kind("feedback-request") == rejectkit.generate(
        "feedback-request", SAMPLE, topics=["fit"]
    )
    # Kinds without options of their own are written as usual.
    assert kit.by_kind("thank-hr") == rejectkit.generate("thank-hr", SAMPLE)


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (
            {"next-steps": {"to": INTERVIEWER}},
            (
                "options.next-steps",
                (
                    "is not a kind this kit writes (it writes thank-hiring-manager, "
                    "thank-hr, feedback-request, stay-in-touch)"
                ),
            ),
        ),
        (
            ["topics"],
            ("options", "expected a table of kinds and their options, got list"),
        ),
        (
            {"thank-hr": ["to"]},
            ("options.thank-hr", "expected a table of option names and values"),
        ),
        (
            {"thank-hr": {"topics": ["fit"]}},
            ("topics", "is not an option of 'thank-hr'; it takes to"),
        ),
    ],
)
def test_options_that_cannot_apply_are_refused(
    options: object, problem: tuple[str, str]
) -> None:
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.compose(SAMPLE, options=options)  # type: ignore[arg-type]
    assert caught.value.problems[0] == problem


class ThankReferrer(rejectkit.TemplateGenerator):
    """Thanks the person who referred the candidate."""

    kind = "thank-referrer"
    options = frozenset({"referrer"})
    templates: ClassVar = {
        "subject": "Thank you for the referral",
        "body": "Thank you for putting me forward for the {{ role }} role.",
    }

    def audience(self, application: rejectkit.Application) -> rejectkit.Audience:
        del application
        return rejectkit.Audience.CONTACT

    def recipient(
        self, application: rejectkit.Application, **options: object
    ) -> rejectkit.Contact | None:
        del application
        referrer = options.get("referrer")
        return referrer if isinstance(referrer, rejectkit.Contact) else None


def test_a_generator_names_its_own_recipient(
    isolated_registry: rejectkit.Registry,
) -> None:
    isolated_registry.register(ThankReferrer)
    # A plugin kind's options are not in KindOptions: pass them as a table.
    options: dict[str, Any] = {"referrer": INTERVIEWER}
    message = rejectkit.generate("thank-referrer", SAMPLE, **options)
    assert message.audience is rejectkit.Audience.CONTACT
    assert message.greeting == "Dear Mr. Patel,"
    assert (
        message.body
        == "Thank you for putting me forward for the Senior Data Analyst role."
    )
    # The caller's to= comes first.
    other = attrs.evolve(INTERVIEWER, email="other@northwind.example")
    readdressed = rejectkit.generate("thank-referrer", SAMPLE, to=other, **options)
    assert [r.email for r in readdressed.recipients] == ["other@northwind.example"]
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.generate("thank-referrer", SAMPLE)
    assert caught.value.problems[0] == (
        "to",
        "this kind writes to a contact you name; pass to=",
    )


def test_only_the_private_next_steps_note_has_no_send_by() -> None:
    undated = set()
    for application, _ in NAMED_SITUATIONS.values():
        for message in rejectkit.compose(application):
            if message.send_by is None:
                undated.add((message.kind, message.audience))
    assert undated == {("next-steps", rejectkit.Audience.CANDIDATE)}
