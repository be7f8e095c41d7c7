"""Named situations built from the sample application, shared by tests."""

from __future__ import annotations

import datetime as dt

import attrs

import rejectkit
from rejectkit import (
    Channel,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackSource,
    FeedbackStatus,
    FeedbackTopic,
)

SAMPLE = rejectkit.sample_application()


def _situations() -> dict[str, tuple[rejectkit.Application, bool]]:
    """Return each situation's application and whether to bundle HR notes."""
    outcome = SAMPLE.outcome
    automated = attrs.evolve(
        SAMPLE,
        hiring_manager=None,
        hr_contact=None,
        outcome=attrs.evolve(
            outcome,
            channel=Channel.AUTOMATED_EMAIL,
            told_by=None,
            notice_from="careers@northwind.example",
            notice_message_id="<auto-5521@northwind.example>",
        ),
    )
    application_only = attrs.evolve(
        SAMPLE,
        hiring_manager=None,
        interviews=(),
        outcome=attrs.evolve(outcome, decision=Decision.REJECTED),
    )
    received = attrs.evolve(
        SAMPLE,
        feedback=Feedback(
            status=FeedbackStatus.RECEIVED,
            notes=(
                FeedbackNote(
                    topic=FeedbackTopic.EXPERIENCE,
                    note="more hands-on work with streaming data would have helped",
                ),
                FeedbackNote(
                    topic=FeedbackTopic.FIT,
                    note="the team wanted someone who had led a dashboard migration",
                ),
            ),
            on=dt.date(2024, 5, 28),
        ),
    )
    declined = attrs.evolve(
        SAMPLE,
        feedback=Feedback(
            status=FeedbackStatus.DECLINED,
            given_by=FeedbackSource.HR,
            on=dt.date(2024, 5, 27),
        ),
    )
    on_hold = attrs.evolve(
        SAMPLE,
        outcome=attrs.evolve(
            outcome, decision=Decision.ON_HOLD, channel=Channel.PHONE_CALL
        ),
    )
    return {
        "interviewed": (SAMPLE, False),
        "interviewed-bundled": (SAMPLE, True),
        "application-only": (application_only, False),
        "automated-notice": (automated, False),
        "feedback-declined": (declined, False),
        "feedback-received": (received, False),
        "on-hold-bundled": (on_hold, True),
    }


SITUATIONS = _situations()
