"""What a generator returns: a `Message`, and a `Kit` of them.

A message keeps its parts (greeting, body, closing, signature) and builds
its text, HTML and email forms from them on first use.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import TYPE_CHECKING, Any, Final, overload

import attrs
from markupsafe import Markup, escape

from rejectkit import _validation as v
from rejectkit._i18n import (
    SUPPORTED_LOCALES,
    match_locale,
    parse_locale,
    right_to_left,
)
from rejectkit._models import Application
from rejectkit.exceptions import (
    RejectkitError,
    UnknownKindError,
    UnsupportedLocaleError,
    ValidationError,
)

if TYPE_CHECKING:
    import zoneinfo
    from collections.abc import Iterator
    from email.message import EmailMessage

    from rejectkit._dicts import FailureDict, KitDict, MailboxDict, MessageDict

__all__ = ["FSI", "PDI", "Audience", "Failure", "Kit", "Mailbox", "Message"]

FSI: Final = "\u2068"
"""FIRST STRONG ISOLATE: opens an isolated run of caller text."""
PDI: Final = "\u2069"
"""POP DIRECTIONAL ISOLATE: closes it."""
MAX_SUBJECT_LENGTH: Final = 998
"""Longest subject, in code points: the line limit of RFC 5322.

A subject holds a title and a company of up to 200 characters each, and
their translation; rejectkit folds it into shorter lines of the email.
"""


class Audience(enum.Enum):
    """Who a message is written to."""

    HIRING_MANAGER = "hiring-manager"
    HR = "hr"
    HIRING_TEAM = "hiring-team"
    """Nobody by name: the team behind the notice's address."""
    CANDIDATE = "candidate"
    """A private note the candidate writes to themself."""
    CONTACT = "contact"
    """Someone the message names: a referrer, an interviewer other than the
    manager; the contact comes from the ``to=`` option of `rejectkit.generate`
    (every kind takes it) or from `MessageGenerator.recipient`."""


@attrs.frozen(kw_only=True)
class Mailbox:
    """An email address with an optional display name.

    Attributes:
        email: The plain address, ``name@domain``.
        name: The display name, such as ``"Alex Morgan"``.
    """

    email: str = attrs.field(validator=v.email)
    name: str | None = attrs.field(
        default=None, validator=v.optional(v.line(2 * v.MAX_NAME_LENGTH + 40))
    )

    def to_dict(self) -> MailboxDict:
        """Return the mailbox as a JSON-ready dict."""
        return {"name": self.name, "email": self.email}


def shown_mailbox(mailbox: Mailbox) -> str:
    """Write a mailbox as a mail program shows it: the name, then the address.

    Args:
        mailbox: The mailbox.

    Returns:
        ``"Name <address>"``, or the address alone when there is no name.
    """
    if mailbox.name:
        return f"{mailbox.name} <{mailbox.email}>"
    return mailbox.email


def trusted_mailbox(email: str, name: str | None) -> Mailbox:
    """Build a mailbox from values that a validated model already holds.

    Args:
        email: An address from a validated model.
        name: A display name made from validated names.

    Returns:
        The mailbox, without checking the values a second time.
    """
    mailbox = object.__new__(Mailbox)
    _OBJECT_SETATTR(mailbox, "email", email)
    _OBJECT_SETATTR(mailbox, "name", name)
    return mailbox


def _subject(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Like the text, a subject isolates right-to-left caller text with
    # FSI ... PDI; every other bidi control is refused.
    if isinstance(value, str) and (FSI in value or PDI in value):
        depth = 0
        for char in value:
            depth += {FSI: 1, PDI: -1}.get(char, 0)
            if depth not in {0, 1}:
                break
        if depth != 0:
            raise ValidationError.single(
                attribute.name, "holds unbalanced FSI and PDI isolates"
            )
        value = value.replace(FSI, "").replace(PDI, "")
    v.check_line(value, attribute.name, max_length=MAX_SUBJECT_LENGTH)


def _written_locale(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    # Only a shipped locale's tag reaches Babel's data loader from here.
    text = v.check_line(value, attribute.name, max_length=32)
    if match_locale(text) != text:
        raise ValidationError.single(
            attribute.name,
            f"{text!r} is not a locale rejectkit writes in; "
            f"one of {', '.join(SUPPORTED_LOCALES)}",
        )


def _requested_locale(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    text = v.check_line(value, attribute.name, max_length=32)
    try:
        canonical = parse_locale(text)
    except UnsupportedLocaleError as exc:
        raise ValidationError.single(attribute.name, str(exc)) from exc
    if canonical != text:
        raise ValidationError.single(
            attribute.name, f"{text!r} is not a canonical locale tag like {canonical!r}"
        )


def _lines(text: str) -> list[str]:
    return text.split("\n")


@attrs.frozen(kw_only=True)
class Message:
    """One message, ready to show, send or serialise.

    The text form is the greeting, the body, the closing and the signature,
    separated by blank lines. In the body, paragraphs are separated by blank
    lines and a paragraph whose lines all start with ``"- "`` is a list.

    Attributes:
        kind: The kind id, such as ``"thank-hr"``.
        locale: The locale the message is written in.
        requested_locale: The locale that was asked for.
        audience: Who the message is written to.
        recipients: Where to send it; empty when the address is unknown and
            the caller fills it in.
        sender: The candidate's mailbox.
        subject: The subject line.
        greeting: The salutation line, or ``None`` for a note with none.
        body: The paragraphs between greeting and closing.
        closing: The closing line, or ``None``.
        signature: The lines under the closing: name, phone, links.
        send_by: The suggested latest day to send it, counted from the day
            the candidate was told (or the day feedback came). ``None`` when
            there is no day to keep: for ``next-steps``, the candidate's
            private note (`Audience.CANDIDATE`), which is never sent; for a
            message from `rejectkit.from_template`; and for a kind whose
            `TemplateGenerator.send_within_days` is ``None``. `Kit.schedule`
            makes no reminder for such a message.
        in_reply_to: The Message-ID this message answers, to keep the thread.
        references: The thread's Message-IDs, oldest first, ending with
            ``in_reply_to`` when there is one: the ``References`` header of
            the email. Empty when the message answers nothing, or when
            ``in_reply_to`` alone is the thread. A reply to a notice that
            had no Message-ID of its own has ``references`` but no
            ``in_reply_to`` (RFC 5322, section 3.6.4).
    """

    kind: str = attrs.field(validator=v.line(64))
    locale: str = attrs.field(validator=_written_locale)
    requested_locale: str = attrs.field(validator=_requested_locale)
    audience: Audience = attrs.field(validator=v.member_of(Audience))
    recipients: tuple[Mailbox, ...] = attrs.field(
        default=(), validator=v.tuple_of(Mailbox, max_items=10)
    )
    sender: Mailbox = attrs.field(validator=v.instance_of(Mailbox))
    subject: str = attrs.field(validator=_subject)
    greeting: str | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(str))
    )
    body: str = attrs.field(validator=v.instance_of(str))
    closing: str | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(str))
    )
    signature: tuple[str, ...] = attrs.field(
        default=(), validator=v.tuple_of(str, max_items=20)
    )
    send_by: dt.date | None = attrs.field(
        default=None, validator=v.optional(v.calendar_date)
    )
    in_reply_to: str | None = attrs.field(
        default=None, validator=v.optional(v.message_id)
    )
    references: tuple[str, ...] = attrs.field(
        default=(),
        validator=v.tuple_of(str, max_items=v.MAX_REFERENCES + 1, item=v.message_id),
    )

    def __attrs_post_init__(self) -> None:
        answered = self.in_reply_to
        if self.references and answered is not None and self.references[-1] != answered:
            raise ValidationError.single(
                "references", "must end with in_reply_to, the message answered"
            )

    @functools.cached_property
    def text(self) -> str:
        """The plain-text form, ending with a single newline."""
        return _text(self.greeting, self.body, self.closing, self.signature)

    @functools.cached_property
    def html(self) -> str:
        """A complete HTML document, every value escaped, ``lang`` and ``dir`` set."""
        direction = "rtl" if right_to_left(self.locale) else "ltr"
        blocks: list[str] = []
        if self.greeting:
            blocks.append(f"<p>{escape(self.greeting)}</p>")
        blocks.extend(_html_block(p) for p in self.body.split("\n\n"))
        sign_off: list[Markup] = [escape(x) for x in (self.closing,) if x]
        sign_off.extend(_html_signature_line(line) for line in self.signature)
        if sign_off:
            blocks.append(f"<p>{_BR.join(sign_off)}</p>")
        lang = escape(self.locale.replace("_", "-"))
        # Text isolates caller text with FSI...PDI; HTML says it with <bdi>.
        body = "\n".join(blocks).replace(FSI, "<bdi>").replace(PDI, "</bdi>")
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{lang}" dir="{direction}">\n'
            '<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(self.subject)}</title>\n"
            f"</head>\n<body>\n{body}\n</body>\n</html>\n"
        )

    def to_email(
        self,
        sender: Mailbox | None = None,
        *,
        date: dt.datetime | None = None,
        message_id: str | None = None,
    ) -> EmailMessage:
        """Build a standard-library email with plain-text and HTML parts.

        Args:
            sender: The From mailbox; the candidate's by default.
            date: The Date header, a timezone-aware datetime; now by default.
            message_id: The Message-ID header, such as ``"<id@host>"``;
                generated by default. Give both *date* and *message_id* for
                byte-identical output.

        Returns:
            A ``multipart/alternative`` `email.message.EmailMessage` encoded
            as UTF-8 with SMTP line endings.

        Raises:
            ValidationError: *date* is naive, *message_id* is malformed, or
                a name or the subject holds ``=?``, which mail programs would
                decode as an encoded word.
        """
        from rejectkit._email import build_email  # noqa: PLC0415 - loads email lazily

        return build_email(
            self, sender or self.sender, date=date, message_id=message_id
        )

    def to_dict(self) -> MessageDict:
        """Return the message as a JSON-ready dict, text and HTML included."""
        return {
            "kind": self.kind,
            "locale": self.locale,
            "requested_locale": self.requested_locale,
            "audience": self.audience.value,
            "recipients": [r.to_dict() for r in self.recipients],
            "sender": self.sender.to_dict(),
            "subject": self.subject,
            "text": self.text,
            "html": self.html,
            "send_by": self.send_by.isoformat() if self.send_by else None,
            "in_reply_to": self.in_reply_to,
            "references": list(self.references),
        }


def framed_message(  # noqa: PLR0917 - one per Message field
    kind: str,
    locale: str,
    requested_locale: str,
    audience: Audience,
    recipients: tuple[Mailbox, ...],
    sender: Mailbox,
    subject: str,
    greeting: str | None,
    body: str,
    closing: str | None,
    signature: tuple[str, ...],
    send_by: dt.date | None,
    in_reply_to: str | None,
    references: tuple[str, ...],
    checked: bool = True,  # noqa: FBT001, FBT002
) -> Message:
    """Build a message whose frame came from a validated application.

    `RenderContext.message` calls this. The recipients, sender, signature,
    dates and Message-ID it passes were built from a validated application,
    so only what a template or generator wrote (the kind, the locales, the
    subject and the text parts) is checked again; the rest is taken as is.
    The text is written at once, as nearly every message is read as text.

    The arguments are positional, in this order: a call with many keywords
    costs several times one without, and every message makes this call.

    Args:
        kind: The kind id (each argument is the `Message` field of its name).
        locale: The locale written in.
        requested_locale: The locale asked for.
        audience: Who the message is written to.
        recipients: Where it goes.
        sender: The candidate's mailbox.
        subject: The subject line.
        greeting: The salutation, or ``None``.
        body: The paragraphs.
        closing: The closing line, or ``None``.
        signature: The lines under the closing.
        send_by: The latest day to send it, or ``None``.
        in_reply_to: The Message-ID answered, or ``None``.
        references: The thread's Message-IDs.
        checked: Whether to check the parts a template or generator wrote;
            off only for rejectkit's own kinds, whose templates see nothing
            but validated values.

    Returns:
        The message.

    Raises:
        ValidationError: A checked part is invalid.
    """
    if checked:
        fields = attrs.fields(Message)
        written = {
            "kind": kind,
            "locale": locale,
            "requested_locale": requested_locale,
            "audience": audience,
            "subject": subject,
            "greeting": greeting,
            "body": body,
            "closing": closing,
        }
        for name, value in written.items():
            attribute = getattr(fields, name)
            if attribute.validator is not None:
                attribute.validator(None, attribute, value)
    # Each field straight into its slot, as attrs' own __init__ does; and
    # the text into the slot attrs keeps for that cached property.
    message = object.__new__(Message)
    put = _OBJECT_SETATTR.__get__(message)
    put("kind", kind)
    put("locale", locale)
    put("requested_locale", requested_locale)
    put("audience", audience)
    put("recipients", recipients)
    put("sender", sender)
    put("subject", subject)
    put("greeting", greeting)
    put("body", body)
    put("closing", closing)
    put("signature", signature)
    put("send_by", send_by)
    put("in_reply_to", in_reply_to)
    put("references", references)
    put("text", _text(greeting, body, closing, signature))
    return message


_OBJECT_SETATTR: Final = object.__setattr__


def _text(
    greeting: str | None, body: str, closing: str | None, signature: tuple[str, ...]
) -> str:
    # Message.text: greeting, body and sign-off, the empty ones left out,
    # separated by blank lines.
    lines = signature if closing is None else (closing, *signature)
    sign_off = "\n".join(lines)
    if greeting and body and sign_off:
        # Nearly every message has all three: one f-string, one copy.
        return f"{greeting}\n\n{body}\n\n{sign_off}\n"
    return "\n\n".join(filter(None, (greeting, body, sign_off))) + "\n"


_BR = Markup("<br>\n")


def _html_block(paragraph: str) -> str:
    lines = _lines(paragraph)
    if all(line.startswith("- ") for line in lines):
        items = "\n".join(f"<li>{escape(line[2:])}</li>" for line in lines)
        return f"<ul>\n{items}\n</ul>"
    return f"<p>{_BR.join(escape(line) for line in lines)}</p>"


def _html_signature_line(line: str) -> Markup:
    if line.startswith(("https://", "http://")) and " " not in line:
        return Markup('<a href="{0}">{0}</a>').format(line)
    return escape(line)


@attrs.frozen(kw_only=True)
class Failure:
    """A kind that `compose` could not write, with the reason.

    Attributes:
        kind: The kind id.
        error: The error the kind raised.
    """

    kind: str
    error: RejectkitError = attrs.field(eq=False)

    def to_dict(self) -> FailureDict:
        """Return the failure as a JSON-ready dict."""
        return {
            "kind": self.kind,
            "error": type(self.error).__name__,
            "message": str(self.error),
        }


@attrs.frozen(kw_only=True)
class Kit:
    """The messages for one situation, in the order they should be sent.

    A kit iterates over its messages, has a length, and can be indexed by
    position.

    Attributes:
        messages: The messages, in order.
        failures: The kinds that could not be written, when `compose` was
            called with ``strict=False``; empty otherwise.
        application: The application `compose` wrote the kit for, or
            ``None`` for a kit put together by hand; `schedule` names its
            to-dos after it.
    """

    messages: tuple[Message, ...] = attrs.field(
        validator=v.tuple_of(Message, max_items=100)
    )
    failures: tuple[Failure, ...] = attrs.field(
        default=(), validator=v.tuple_of(Failure, max_items=100)
    )
    application: Application | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Application))
    )

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    @overload
    def __getitem__(self, index: int) -> Message: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Message, ...]: ...
    def __getitem__(self, index: int | slice) -> Message | tuple[Message, ...]:
        return self.messages[index]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kind ids of the messages, in order."""
        return tuple(m.kind for m in self.messages)

    def by_kind(self, kind: str) -> Message:
        """Return the message of one kind.

        Args:
            kind: A kind id in this kit.

        Returns:
            The message.

        Raises:
            UnknownKindError: The kit holds no message of that kind.
        """
        for message in self.messages:
            if message.kind == kind:
                return message
        raise UnknownKindError(
            f"kind: this kit has no {kind!r}; it has {', '.join(self.kinds) or 'none'}"
        )

    def to_dict(self) -> KitDict:
        """Return the kit as a JSON-ready dict."""
        return {
            "messages": [m.to_dict() for m in self.messages],
            "failures": [f.to_dict() for f in self.failures],
        }

    def schedule(
        self,
        *,
        tz: str | zoneinfo.ZoneInfo = "UTC",
        at: dt.time = dt.time(9),
        alarm_before: dt.timedelta = dt.timedelta(days=1),
    ) -> bytes:
        """Return reminders to send each message, as an iCalendar (.ics) file.

        One VTODO per message with a ``send_by`` day, due at ``at`` in ``tz``
        with an alarm ``alarm_before`` then; the same kit gives the same bytes.
        The message without a ``send_by`` (the private ``next-steps`` note)
        gets no to-do.

        Each UID is a hash of who applied for what and when they were told
        (the candidate's address, the role's company, title and
        requisition id, and ``outcome.told_on``) and the message's kind:
        a kit composed again for the same application, in another language
        or tone, or after feedback came, gives the same to-dos the same
        UIDs, so a calendar updates them instead of adding copies. DTSTAMP,
        which RFC 5545 requires, is midnight UTC of the day the application
        last changed (``feedback.on`` when it is later than
        ``outcome.told_on``), never the time the file is written, so the
        same kit always gives the same bytes. A kit put together by hand,
        without `application`, hashes each message for its UID and stamps
        it with the earliest send-by day.

        Args:
            tz: An IANA time zone name, such as ``"Europe/Berlin"``, or a
                `zoneinfo.ZoneInfo`.
            at: The time of day each to-do is due.
            alarm_before: How long before the due time the alarm goes off.

        Returns:
            The ``.ics`` file's bytes.

        Raises:
            ValidationError: ``tz`` is not a known time zone, ``at`` carries a
                time zone, or ``alarm_before`` is negative.
        """
        from rejectkit._schedule import schedule  # noqa: PLC0415

        return schedule(self, tz=tz, at=at, alarm_before=alarm_before)
