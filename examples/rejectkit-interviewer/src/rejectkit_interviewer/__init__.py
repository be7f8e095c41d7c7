"""An example rejectkit plugin: thank an interviewer who was not the manager."""

from __future__ import annotations

from typing import Any, ClassVar

from rejectkit import Application, Audience, RenderContext, ValidationError
from rejectkit.generators import TemplateGenerator

__all__ = ["ThankInterviewer"]

MAX_TOPIC_LENGTH = 200

SUBJECT = "Thank you for your time – {{ role }}"  # noqa: RUF001 - a real dash
BODY = """\
{% if warm %}
Thanks for being part of my interview for the {{ role }} role at {{ company }}.
{% if topic %}
I really enjoyed hearing how you think about {{ topic }}.
{% endif %}
It didn't work out this time, but I came away from our conversation with a lot to think about, and I hope our paths cross again.
{% else %}
Thank you for taking part in my interview for the {{ role }} position at {{ company }}.
{% if topic %}
I appreciated hearing your perspective on {{ topic }}.
{% endif %}
Although I was not selected, I learned a great deal from our conversation, and I hope our paths cross again.
{% endif %}
"""  # noqa: E501 - one line per paragraph


class ThankInterviewer(TemplateGenerator):
    """Thanks an interviewer who was not the hiring manager for their time.

    Options:
        to: The interviewer, a `rejectkit.Contact` or a table of its fields;
            required, because the application does not name them.
        topic: Something the two of you talked about, as a noun phrase
            ("the forecasting pipeline"); one line of text.
    """

    kind = "thank-interviewer"
    locales: ClassVar[tuple[str, ...] | None] = ("en",)
    options: ClassVar[frozenset[str]] = frozenset({"topic"})
    send_within_days = 1
    templates: ClassVar = {"subject": SUBJECT, "body": BODY}

    def audience(self, application: Application) -> Audience:
        """Write to the contact the caller names with ``to=``."""
        del application
        return Audience.CONTACT

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """A thank-you for an interview needs an interview."""
        if not application.interviews:
            return ("interviews", f"{self.kind} needs at least one interview")
        return None

    def variables(self, context: RenderContext, **options: object) -> dict[str, Any]:
        """Add the topic, checked and isolated like every caller value."""
        values = super().variables(context, **options)
        topic = options.get("topic")
        if topic is not None:
            _check_topic(topic)
            values["topic"] = context.isolate(str(topic))
        else:
            values["topic"] = None
        return values


def _check_topic(topic: object) -> None:
    if not isinstance(topic, str):
        raise ValidationError.single(
            "topic", f"expected a line of text, got {type(topic).__name__}"
        )
    if not topic.strip() or topic != topic.strip():
        raise ValidationError.single(
            "topic", "must not be blank or start or end with white space"
        )
    if len(topic) > MAX_TOPIC_LENGTH or not topic.isprintable():
        raise ValidationError.single(
            "topic",
            f"must be one line of at most {MAX_TOPIC_LENGTH} printable characters",
        )
