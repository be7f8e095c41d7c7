"""The message kinds that ship with rejectkit."""

from __future__ import annotations

import functools
import operator
from typing import TYPE_CHECKING, Any, ClassVar, Final

from babel.lists import format_list

from rejectkit import _i18n
from rejectkit._i18n import P
from rejectkit._message import Audience
from rejectkit._models import (
    Application,
    Channel,
    Decision,
    FeedbackSource,
    FeedbackStatus,
    FeedbackTopic,
)
from rejectkit.generators._base import (
    TRUSTED_GENERATORS,
    TemplateGenerator,
    parse_topics,
)

if TYPE_CHECKING:
    import gettext
    from collections.abc import Mapping
    from collections.abc import Set as AbstractSet

    from rejectkit._letters import RenderContext

__all__ = [
    "FeedbackRequest",
    "HrFollowUp",
    "NextSteps",
    "ReplyFeedbackDeclined",
    "ReplyFeedbackReceived",
    "StayInTouch",
    "ThankHiringManager",
    "ThankHr",
]

# The topic nouns as they stand in "your view of my ..."; a language whose
# nouns change with their place in a sentence translates them in context.
TOPIC_NOUNS: Final = {
    FeedbackTopic.QUALIFICATIONS: P("topic in 'your view of my ...'", "qualifications"),
    FeedbackTopic.EXPERIENCE: P("topic in 'your view of my ...'", "experience"),
    FeedbackTopic.FIT: P("topic in 'your view of my ...'", "fit"),
}

SOMEONE_CHOSEN: Final = frozenset({Decision.REJECTED, Decision.POSITION_FILLED})
"""Decisions where someone else was chosen, so the choice can be asked about."""


_SOMEONE_CHOSEN_VALUES: Final = frozenset(d.value for d in SOMEONE_CHOSEN)
_EVERY_TOPIC: Final = tuple(FeedbackTopic)


_VALUE: Final = operator.attrgetter("_value_")


@functools.lru_cache(maxsize=256)
def _topic_list(
    catalog: gettext.NullTranslations, tag: str, topics: tuple[str, ...]
) -> str:
    # Keyed by what repeats, as values that hash fast: the locale's catalog,
    # its tag and the chosen topics' values.
    nouns = [TOPIC_NOUNS[FeedbackTopic(t)] for t in topics]
    words = [catalog.pgettext(noun.context, noun.msgid) for noun in nouns]
    return format_list(words, locale=_i18n.cldr(tag))


_i18n.clear_with_locales(_topic_list.cache_clear)


def _before_feedback(application: Application) -> bool:
    # The thanks, the request and the wish to stay in touch come before any
    # answer to a feedback request; the replies come after one.
    return application.feedback is None


def _hr_or_team(application: Application) -> Audience:
    return Audience.HR if application.hr_contact else Audience.HIRING_TEAM


def _told_personally(context: RenderContext, audience: Audience) -> bool:
    outcome = context.application.outcome
    if outcome.channel is Channel.AUTOMATED_EMAIL:
        return False
    contact = context.contact_for(audience)
    told_by = outcome.told_by
    # The same object, as a notice read by read_notice gives, is the same
    # person without comparing every field.
    return contact is not None and (
        told_by is None or told_by is contact or told_by == contact
    )


class ThankHiringManager(TemplateGenerator):
    """Thanks the hiring manager for the time they gave the candidate."""

    kind: ClassVar[str] = "thank-hiring-manager"
    send_within_days: ClassVar[int | None] = 1

    def audience(self, application: Application) -> Audience:
        """Write to the hiring manager."""
        del application
        return Audience.HIRING_MANAGER

    def planned(self, application: Application) -> bool:
        """Plan it before any feedback, when a manager and an interview are known."""
        return _before_feedback(application) and self.applies_to(application)

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """Need a hiring manager and at least one interview."""
        if application.hiring_manager is None:
            return ("hiring_manager", f"{self.kind} needs a hiring manager")
        if not application.interviews:
            return ("interviews", f"{self.kind} needs at least one interview")
        return None


class ThankHr(TemplateGenerator):
    """Thanks the HR contact for the opportunity, separately from the manager.

    Its templates also see ``told_personally``: whether HR itself told the
    candidate.
    """

    kind: ClassVar[str] = "thank-hr"
    send_within_days: ClassVar[int | None] = 1
    bundled_into: ClassVar[str | None] = "hr-follow-up"

    def audience(self, application: Application) -> Audience:
        """Write to the HR contact."""
        del application
        return Audience.HR

    def planned(self, application: Application) -> bool:
        """Plan it before any feedback, after an interview, when HR is known."""
        return (
            _before_feedback(application)
            and bool(application.interviews)
            and self.applies_to(application)
        )

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """Need an HR contact."""
        if application.hr_contact is None:
            return ("hr_contact", f"{self.kind} needs an HR contact")
        return None

    def _letter_values(
        self,
        context: RenderContext,
        audience: Audience,
        names: AbstractSet[str] | None,
        options: Mapping[str, object],
    ) -> dict[str, Any]:
        # told_personally: whether HR itself told the candidate.
        values = super()._letter_values(context, audience, names, options)
        values["told_personally"] = _told_personally(context, Audience.HR)
        return values


class _AsksForFeedback(TemplateGenerator):
    """Shared by the kinds that can ask the feedback questions."""

    options: ClassVar[frozenset[str]] = frozenset({"topics"})

    def audience(self, application: Application) -> Audience:
        """Write to HR, or to the hiring team when no HR contact is known."""
        return _hr_or_team(application)

    def _letter_values(
        self,
        context: RenderContext,
        audience: Audience,
        names: AbstractSet[str] | None,
        options: Mapping[str, object],
    ) -> dict[str, Any]:
        # The topics to ask about, and whether to ask at all.
        values = super()._letter_values(context, audience, names, options)
        topics = parse_topics(options.get("topics", _EVERY_TOPIC))
        # Plain values as the key: an enum member hashes in Python.
        chosen = tuple(map(_VALUE, topics))
        values["topics"] = list(chosen)
        values["topic_list"] = _topic_list(context.translations, context.locale, chosen)
        if names is None or "ask_feedback" in names:
            values["ask_feedback"] = (
                context.application.outcome.decision._value_ in _SOMEONE_CHOSEN_VALUES
                and FeedbackRequest.kind not in context.conventions.uncustomary
            )
        if names is None or "told_personally" in names:
            values["told_personally"] = _told_personally(
                context, self.audience(context.application)
            )
        return values


class FeedbackRequest(_AsksForFeedback):
    """Asks HR which of the three topics decided it: qualifications, experience, fit.

    Its templates also see the ``topics`` asked about (their values, in
    order), their ``topic_list`` as the language joins them,
    ``ask_feedback`` (whether to ask at all) and ``told_personally``.

    Options:
        topics: The `FeedbackTopic` members to ask about, in order; all three
            by default.
    """

    kind: ClassVar[str] = "feedback-request"
    send_within_days: ClassVar[int | None] = 3
    bundled_into: ClassVar[str | None] = "hr-follow-up"

    def planned(self, application: Application) -> bool:
        """Plan it before any feedback, after an interview or when HR is known."""
        return (
            _before_feedback(application)
            and bool(application.interviews or application.hr_contact)
            and self.applies_to(application)
        )

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """Need a decision that chose someone else: rejected or position-filled."""
        if application.outcome.decision not in SOMEONE_CHOSEN:
            return (
                "outcome.decision",
                (
                    f"{self.kind} fits only when someone else was chosen "
                    "(rejected, position-filled)"
                ),
            )
        return None


class StayInTouch(TemplateGenerator):
    """Says the candidate would like to stay in touch and still likes the company."""

    kind: ClassVar[str] = "stay-in-touch"
    send_within_days: ClassVar[int | None] = 7
    bundled_into: ClassVar[str | None] = "hr-follow-up"

    def planned(self, application: Application) -> bool:
        """Plan it whenever no feedback has come yet."""
        return _before_feedback(application)

    def audience(self, application: Application) -> Audience:
        """Write to HR, or to the hiring team when no HR contact is known."""
        return _hr_or_team(application)


class HrFollowUp(_AsksForFeedback):
    """One email to HR: thanks, the feedback questions, and staying in touch.

    The questions are left out when nobody else was chosen (the role is on
    hold or cancelled).

    Its templates also see the ``topics`` asked about (their values, in
    order), their ``topic_list`` as the language joins them,
    ``ask_feedback`` (whether to ask at all) and ``told_personally``.

    Options:
        topics: The `FeedbackTopic` members to ask about, in order; all three
            by default.
    """

    kind: ClassVar[str] = "hr-follow-up"
    send_within_days: ClassVar[int | None] = 2


class _RepliesToFeedback(TemplateGenerator):
    """Shared by the replies to an answered feedback request."""

    status: ClassVar[FeedbackStatus]
    send_within_days: ClassVar[int | None] = 1

    def audience(self, application: Application) -> Audience:
        """Write to whoever gave the feedback: the manager, HR or the team."""
        feedback = application.feedback
        if feedback is not None and feedback.given_by is FeedbackSource.HIRING_MANAGER:
            if application.hiring_manager is not None:
                return Audience.HIRING_MANAGER
            return Audience.HIRING_TEAM
        return _hr_or_team(application)

    def planned(self, application: Application) -> bool:
        """Plan it whenever feedback of the kind's status has come."""
        return self.applies_to(application)

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """Need feedback whose status is the kind's."""
        feedback = application.feedback
        if feedback is None or feedback.status is not self.status:
            return (
                "feedback",
                f"{self.kind} needs feedback that was {self.status.value}",
            )
        return None

    def _letter_values(
        self,
        context: RenderContext,
        audience: Audience,
        names: AbstractSet[str] | None,
        options: Mapping[str, object],
    ) -> dict[str, Any]:
        # The feedback notes, each note's text isolated.
        values = super()._letter_values(context, audience, names, options)
        feedback = context.application.feedback
        values["notes"] = [
            {"topic": n.topic._value_, "note": context.isolate(n.note)}
            for n in (feedback.notes if feedback else ())
        ]
        return values


class ReplyFeedbackDeclined(_RepliesToFeedback):
    """Thanks whoever declined to give reasons, and keeps the door open.

    Its templates also see the feedback ``notes``, each a ``topic`` and its
    ``note``, the note's text isolated.
    """

    kind: ClassVar[str] = "reply-feedback-declined"
    status: ClassVar[FeedbackStatus] = FeedbackStatus.DECLINED


class ReplyFeedbackReceived(_RepliesToFeedback):
    """Thanks whoever gave feedback, echoing each point back.

    Its templates also see the feedback ``notes``, each a ``topic`` and its
    ``note``, the note's text isolated.
    """

    kind: ClassVar[str] = "reply-feedback-received"
    status: ClassVar[FeedbackStatus] = FeedbackStatus.RECEIVED


class NextSteps(_RepliesToFeedback):
    """A private note to the candidate: one action per feedback point.

    Its templates also see the feedback ``notes``, each a ``topic`` and its
    ``note``, the note's text isolated.
    """

    kind: ClassVar[str] = "next-steps"
    status: ClassVar[FeedbackStatus] = FeedbackStatus.RECEIVED
    send_within_days: ClassVar[int | None] = None

    def audience(self, application: Application) -> Audience:
        """Write to the candidate: the note is private and never sent."""
        del application
        return Audience.CANDIDATE


BUILTIN_GENERATORS: Final = (
    ThankHiringManager,
    ThankHr,
    FeedbackRequest,
    StayInTouch,
    HrFollowUp,
    ReplyFeedbackDeclined,
    ReplyFeedbackReceived,
    NextSteps,
)
"""The built-in generator classes, in the order a kit lists them."""

TRUSTED_GENERATORS.update(BUILTIN_GENERATORS)
