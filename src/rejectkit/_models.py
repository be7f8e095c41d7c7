"""The typed core: what happened in one job application.

Every model is frozen, slotted and keyword-only, and validates on
construction: an instance that exists is valid. Collections are tuples.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from rejectkit import _validation as v
from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rejectkit._dicts import ApplicationDict

__all__ = [
    "Application",
    "Candidate",
    "Channel",
    "Contact",
    "Decision",
    "Feedback",
    "FeedbackNote",
    "FeedbackSource",
    "FeedbackStatus",
    "FeedbackTopic",
    "FormOfAddress",
    "Interview",
    "Outcome",
    "PersonName",
    "Role",
    "Stage",
    "Tone",
]


class FormOfAddress(enum.Enum):
    """How a contact wishes to be addressed.

    ``NEUTRAL`` is the default and uses the full name without a gendered
    title; rejectkit never infers a gender from a name.
    """

    NEUTRAL = "neutral"
    FEMININE = "feminine"
    MASCULINE = "masculine"


class Stage(enum.Enum):
    """How far an application got, or which kind of conversation took place."""

    APPLICATION = "application"
    PHONE_SCREEN = "phone-screen"
    INTERVIEW = "interview"
    FINAL_ROUND = "final-round"


_STAGES: Final = tuple(Stage)
# Each stage's place in that order, by value: an enum member hashes in Python.
_STAGE_RANK: Final = {stage.value: rank for rank, stage in enumerate(_STAGES)}
_BY_DATE: Final = operator.attrgetter("date")
_STAGE_VALUE: Final = operator.attrgetter("stage._value_")


class Decision(enum.Enum):
    """What the company decided."""

    REJECTED = "rejected"
    POSITION_FILLED = "position-filled"
    ON_HOLD = "on-hold"
    CANCELLED = "cancelled"


class Channel(enum.Enum):
    """How the candidate was told."""

    AUTOMATED_EMAIL = "automated-email"
    PERSONAL_EMAIL = "personal-email"
    PHONE_CALL = "phone-call"
    IN_PERSON = "in-person"


class FeedbackTopic(enum.Enum):
    """The three questions a candidate may ask after a rejection."""

    QUALIFICATIONS = "qualifications"
    """Were some qualifications not strong enough?"""
    EXPERIENCE = "experience"
    """Was more experience needed in one part of the work?"""
    FIT = "fit"
    """Was it a matter of fit with the team or the company?"""


class FeedbackStatus(enum.Enum):
    """Whether the company gave reasons when asked."""

    DECLINED = "declined"
    RECEIVED = "received"


class FeedbackSource(enum.Enum):
    """Who answered the feedback request."""

    HR = "hr"
    HIRING_MANAGER = "hiring-manager"


class Tone(enum.Enum):
    """The register of a message.

    ``FORMAL`` (the default) greets by title and family name where the
    language does; ``WARM`` uses given names and a friendlier closing.
    """

    FORMAL = "formal"
    WARM = "warm"


@attrs.frozen(kw_only=True)
class PersonName:
    """A person's name, kept in its parts so each language can order it.

    Attributes:
        given: The given (first) name, exactly as the person writes it.
        family: The family name, exactly as the person writes it.
    """

    given: str = attrs.field(validator=v.line(v.MAX_NAME_LENGTH))
    family: str = attrs.field(validator=v.line(v.MAX_NAME_LENGTH))


_name = attrs.field(validator=v.instance_of(PersonName))


@attrs.frozen(kw_only=True)
class Contact:
    """Someone at the company: the hiring manager, HR, an interviewer.

    Attributes:
        name: The contact's name.
        email: Their address, or ``None`` when unknown.
        job_title: Their job title, such as ``"Engineering Manager"``.
        form_of_address: How to address them; neutral unless they said.
        academic_title: A title used in greetings, such as ``"Dr."``.
    """

    name: PersonName = _name
    email: str | None = attrs.field(default=None, validator=v.optional(v.email))
    job_title: str | None = attrs.field(
        default=None, validator=v.optional(v.line(v.MAX_TEXT_LENGTH))
    )
    form_of_address: FormOfAddress = attrs.field(
        default=FormOfAddress.NEUTRAL, validator=v.member_of(FormOfAddress)
    )
    academic_title: str | None = attrs.field(
        default=None, validator=v.optional(v.line(30))
    )


@attrs.frozen(kw_only=True)
class Candidate:
    """The person who applied, and who signs every message.

    Attributes:
        name: The candidate's name.
        email: The candidate's address; messages are sent from it.
        phone: A phone number for the signature.
        links: http(s) links for the signature, such as a portfolio.
    """

    name: PersonName = _name
    email: str = attrs.field(validator=v.email)
    phone: str | None = attrs.field(default=None, validator=v.optional(v.line(40)))
    links: tuple[str, ...] = attrs.field(
        default=(),
        validator=v.tuple_of(str, max_items=5, item=v.url),
    )


@attrs.frozen(kw_only=True)
class Role:
    """The position applied for.

    Attributes:
        title: The job title as advertised.
        company: The company's name.
        team: The team or department.
        location: Where the role is based.
        requisition_id: The company's reference for the opening.
    """

    title: str = attrs.field(validator=v.line(v.MAX_TEXT_LENGTH))
    company: str = attrs.field(validator=v.line(v.MAX_TEXT_LENGTH))
    team: str | None = attrs.field(
        default=None, validator=v.optional(v.line(v.MAX_TEXT_LENGTH))
    )
    location: str | None = attrs.field(
        default=None, validator=v.optional(v.line(v.MAX_TEXT_LENGTH))
    )
    requisition_id: str | None = attrs.field(
        default=None, validator=v.optional(v.line(64))
    )


@attrs.frozen(kw_only=True)
class Interview:
    """One conversation with the company.

    Attributes:
        date: The day it took place.
        stage: Which round it was (not ``Stage.APPLICATION``).
        interviewers: Who the candidate spoke with.
        highlight: One thing discussed that a thank-you can mention, written
            to follow "our conversation about", e.g. ``"the new billing
            service"``.
    """

    date: dt.date = attrs.field(validator=v.calendar_date)
    stage: Stage = attrs.field(
        default=Stage.INTERVIEW,
        validator=v.member_of(Stage, exclude=[Stage.APPLICATION]),
    )
    interviewers: tuple[PersonName, ...] = attrs.field(
        default=(), validator=v.tuple_of(PersonName, max_items=20)
    )
    highlight: str | None = attrs.field(
        default=None, validator=v.optional(v.line(v.MAX_NOTE_LENGTH))
    )


@attrs.frozen(kw_only=True)
class Outcome:
    """How the application ended.

    Attributes:
        decision: What the company decided.
        told_on: The day the candidate was told; suggested send dates are
            counted from it.
        channel: How the candidate was told.
        told_by: Who told them, when a person did.
        notice_from: The address the notice came from, to reply to it.
        notice_message_id: The notice's Message-ID, so replies stay in its
            thread, e.g. ``"<abc123@mail.example.com>"``.
        notice_references: The thread the notice continues, oldest first:
            its own ``References``, or the one Message-ID in its
            ``In-Reply-To`` when it has no ``References``. A reply's
            ``References`` are these followed by ``notice_message_id``, when
            known (RFC 5322, section 3.6.4).
    """

    decision: Decision = attrs.field(validator=v.member_of(Decision))
    told_on: dt.date = attrs.field(validator=v.calendar_date)
    channel: Channel = attrs.field(validator=v.member_of(Channel))
    told_by: Contact | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Contact))
    )
    notice_from: str | None = attrs.field(default=None, validator=v.optional(v.email))
    notice_message_id: str | None = attrs.field(
        default=None, validator=v.optional(v.message_id)
    )
    notice_references: tuple[str, ...] = attrs.field(
        default=(),
        validator=v.tuple_of(str, max_items=v.MAX_REFERENCES, item=v.message_id),
    )

    @property
    def reply_references(self) -> tuple[str, ...]:
        """The ``References`` of a reply to the notice, oldest first.

        `notice_references` followed by the notice's Message-ID when it is
        known; empty when neither is.
        """
        if self.notice_message_id is None:
            return self.notice_references
        return (*self.notice_references, self.notice_message_id)


@attrs.frozen(kw_only=True)
class FeedbackNote:
    """What the company said about one topic.

    Attributes:
        topic: The question it answers.
        note: The substance, in the candidate's words, written to follow
            "you mentioned", e.g. ``"more hands-on experience with Kafka
            would have helped"``.
    """

    topic: FeedbackTopic = attrs.field(validator=v.member_of(FeedbackTopic))
    note: str = attrs.field(validator=v.line(v.MAX_NOTE_LENGTH))


@attrs.frozen(kw_only=True)
class Feedback:
    """The answer to a feedback request.

    Attributes:
        status: Declined (no reasons given) or received.
        notes: What was said, one note per point; required when received,
            empty when declined.
        given_by: Who answered; their contact is addressed in the reply.
        on: The day the answer came, if later than the notice; the reply's
            suggested send date counts from it.
    """

    status: FeedbackStatus = attrs.field(validator=v.member_of(FeedbackStatus))
    notes: tuple[FeedbackNote, ...] = attrs.field(
        default=(), validator=v.tuple_of(FeedbackNote, max_items=10)
    )
    given_by: FeedbackSource = attrs.field(
        default=FeedbackSource.HR, validator=v.member_of(FeedbackSource)
    )
    on: dt.date | None = attrs.field(
        default=None, validator=v.optional(v.calendar_date)
    )

    def __attrs_post_init__(self) -> None:
        if self.status is FeedbackStatus.RECEIVED and not self.notes:
            raise ValidationError.single(
                "notes", "received feedback needs at least one note"
            )
        if self.status is FeedbackStatus.DECLINED and self.notes:
            raise ValidationError.single(
                "notes", "declined feedback cannot carry notes"
            )


@attrs.frozen(kw_only=True)
class Application:
    """Everything rejectkit knows about one application that was turned down.

    Attributes:
        candidate: Who applied.
        role: What they applied for.
        outcome: How it ended.
        hiring_manager: The manager who would have hired them.
        hr_contact: The HR or recruiting contact.
        interviews: The conversations that took place, in any order.
        feedback: The answer to a feedback request, once there is one.
    """

    candidate: Candidate = attrs.field(validator=v.instance_of(Candidate))
    role: Role = attrs.field(validator=v.instance_of(Role))
    outcome: Outcome = attrs.field(validator=v.instance_of(Outcome))
    hiring_manager: Contact | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Contact))
    )
    hr_contact: Contact | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Contact))
    )
    interviews: tuple[Interview, ...] = attrs.field(
        default=(), validator=v.tuple_of(Interview, max_items=30)
    )
    feedback: Feedback | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Feedback))
    )

    def __attrs_post_init__(self) -> None:
        for index, interview in enumerate(self.interviews):
            if interview.date > self.outcome.told_on:
                raise ValidationError.single(
                    "outcome.told_on",
                    f"{self.outcome.told_on.isoformat()} is before "
                    f"interviews[{index}].date {interview.date.isoformat()}",
                )
        feedback_on = self.feedback.on if self.feedback else None
        if feedback_on is not None and feedback_on < self.outcome.told_on:
            raise ValidationError.single(
                "feedback.on",
                f"{feedback_on.isoformat()} is before outcome.told_on "
                f"{self.outcome.told_on.isoformat()}",
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Application:
        """Build an application from plain data, as read from JSON or TOML.

        Dates may be ISO strings or `datetime.date` objects; enums are given
        by their string values. Unknown keys and wrong types are errors.

        Args:
            data: A dict shaped like the output of `to_dict`.

        Returns:
            The application.

        Raises:
            ValidationError: Names the path of every bad field, e.g.
                ``interviews[1].date: not an ISO date: '01/02/2024'``.
        """
        from rejectkit._serde import structure  # noqa: PLC0415 - loads cattrs lazily

        return structure(data, cls)

    def to_dict(self) -> ApplicationDict:
        """Return the application as JSON-ready plain data.

        ``Application.from_dict(app.to_dict()) == app`` always holds.

        Returns:
            A dict of strings, lists, dicts and ``None``, every field present.
        """
        from rejectkit._serde import unstructure  # noqa: PLC0415 - loads cattrs lazily

        return cast("ApplicationDict", unstructure(self))

    @property
    def last_interview(self) -> Interview | None:
        """The most recent interview, or ``None`` before any took place."""
        if not self.interviews:
            return None
        return max(self.interviews, key=_BY_DATE)

    @property
    def stage_reached(self) -> Stage:
        """The furthest stage the candidate reached."""
        if not self.interviews:
            return Stage.APPLICATION
        stages = map(_STAGE_VALUE, self.interviews)
        return _STAGES[max(map(_STAGE_RANK.__getitem__, stages))]
