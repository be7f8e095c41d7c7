"""Generators write messages: the base classes and the built-in kinds.

Write a new kind by subclassing `TemplateGenerator` (templates plus the
shared letter frame) or `MessageGenerator` (full control), then register it
with `rejectkit.register`.
"""

from rejectkit.generators._base import MessageGenerator, TemplateGenerator
from rejectkit.generators._builtin import (
    FeedbackRequest,
    HrFollowUp,
    NextSteps,
    ReplyFeedbackDeclined,
    ReplyFeedbackReceived,
    StayInTouch,
    ThankHiringManager,
    ThankHr,
)

__all__ = [
    "FeedbackRequest",
    "HrFollowUp",
    "MessageGenerator",
    "NextSteps",
    "ReplyFeedbackDeclined",
    "ReplyFeedbackReceived",
    "StayInTouch",
    "TemplateGenerator",
    "ThankHiringManager",
    "ThankHr",
]
