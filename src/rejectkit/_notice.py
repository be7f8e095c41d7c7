"""Read a rejection email into an `Outcome`: `read_notice` and `Notice`.

The mail is parsed by the standard library's ``email`` package with
``email.policy.default``, which decodes encoded words, unfolds headers and
parses addresses and dates. Nothing from the mail is executed or rendered:
an HTML body is only read for its text, to tell its language.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import html.parser
import os
import re
from email import policy
from email.errors import MessageDefect, MessageError, UndecodableBytesDefect
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, Final

import attrs

from rejectkit import _i18n
from rejectkit import _validation as v
from rejectkit._files import read_capped
from rejectkit._models import (
    Application,
    Candidate,
    Channel,
    Contact,
    Decision,
    Outcome,
    PersonName,
    Role,
)
from rejectkit.exceptions import (
    MissingExtraError,
    RejectkitError,
    ValidationError,
)

__all__ = ["ATS_DOMAINS", "MAX_NOTICE_BYTES", "Confidence", "Notice", "read_notice"]

MAX_NOTICE_BYTES: Final = 10_000_000
"""The largest email `read_notice` reads, in bytes."""

ATS_DOMAINS: Final = frozenset(
    {
        "ashbyhq.com",
        "greenhouse-mail.io",
        "greenhouse.io",
        "hire.lever.co",
        "icims.com",
        "lever.co",
        "myworkday.com",
        "personio.com",
        "personio.de",
        "smartrecruiters.com",
        "successfactors.com",
        "successfactors.eu",
        "teamtailor-mail.com",
        "workablemail.com",
    }
)
"""Domains applicant-tracking systems send from; mail from them (or a
subdomain) is taken as automated."""

# Local parts that say nobody reads replies.
_NO_REPLY: Final = re.compile(
    r"(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|notifications?)"
    r"(?:[-_+.].*)?",
    re.IGNORECASE,
)
_BULK_PRECEDENCE: Final = frozenset({"bulk", "auto_reply", "list", "junk"})
# Lowercase words that begin a family name: "Jan van der Berg".
_PARTICLES: Final = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du",
    "la", "le", "ten", "ter", "zu",
})  # fmt: skip
_MESSAGE_ID_TOKEN: Final = re.compile(r"<[^<>]*>")
# How much of the body is read to tell its language.
_SAMPLE_CHARS: Final = 5000
# py3langid's probability above which a language counts as likely.
_LIKELY_LANGUAGE: Final = 0.9
_GUESSED_LANGUAGE: Final = 0.5
_SINGLE_HEADERS: Final = (
    "From",
    "Reply-To",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Subject",
    "Content-Language",
    "Auto-Submitted",
    "Precedence",
)


class Confidence(enum.Enum):
    """How sure `read_notice` is of one field it filled in."""

    CERTAIN = "certain"
    """Read from a header that says exactly this."""
    LIKELY = "likely"
    """Inferred from strong signs, such as an applicant-tracking domain."""
    GUESSED = "guessed"
    """A default or a weak sign: check it before relying on it."""


_optional_confidence = attrs.field(
    default=None, validator=v.optional(v.member_of(Confidence))
)


@attrs.frozen(kw_only=True)
class NoticeConfidence:
    """How sure `read_notice` is of each field; ``None`` where it found nothing.

    Attributes:
        decision: Always guessed: a notice is taken to be a rejection.
        told_on: Certain from ``Date`` in the candidate's time zone; likely
            in the sender's; guessed when the mail has no usable ``Date``.
        channel: How sure the automated or personal call is.
        told_by: How sure the sender's name and its split into given and
            family name are.
        notice_from: The address to reply to.
        message_id: The notice's ``Message-ID``.
        locale: The language: certain from ``Content-Language``, likely or
            guessed from detection.
    """

    decision: Confidence = attrs.field(validator=v.member_of(Confidence))
    told_on: Confidence = attrs.field(validator=v.member_of(Confidence))
    channel: Confidence = attrs.field(validator=v.member_of(Confidence))
    told_by: Confidence | None = _optional_confidence
    notice_from: Confidence | None = _optional_confidence
    message_id: Confidence | None = _optional_confidence
    locale: Confidence | None = _optional_confidence


@attrs.frozen(kw_only=True)
class Notice:
    """What `read_notice` found in a rejection email.

    Attributes:
        outcome: The outcome, ready for an `Application`; its
            ``notice_message_id``, ``notice_references`` and ``notice_from``
            make replies thread.
        contact: The person who sent the notice, when the mail names one;
            their form of address is always neutral.
        message_id: The notice's ``Message-ID``.
        references: The notice's ``References``, oldest first.
        subject: The decoded subject, as plain text.
        locale: The shipped locale the notice is written in, such as
            ``"pt_BR"``, so replies can be written in it.
        confidence: How sure each field is.
        problems: ``(header, problem)`` for each header that was present but
            left out because it could not be used, such as a malformed
            ``Message-ID``.
    """

    outcome: Outcome = attrs.field(validator=v.instance_of(Outcome))
    contact: Contact | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Contact))
    )
    message_id: str | None = attrs.field(
        default=None, validator=v.optional(v.message_id)
    )
    references: tuple[str, ...] = attrs.field(
        default=(),
        validator=v.tuple_of(str, max_items=v.MAX_REFERENCES, item=v.message_id),
    )
    subject: str | None = attrs.field(default=None)
    locale: str | None = attrs.field(default=None)
    confidence: NoticeConfidence = attrs.field(
        validator=v.instance_of(NoticeConfidence)
    )
    problems: tuple[tuple[str, str], ...] = ()

    @property
    def reply_references(self) -> tuple[str, ...]:
        """The ``References`` of a reply: the notice's, then its ``Message-ID``."""
        if self.message_id is None:
            return self.references
        return (*self.references, self.message_id)

    def application(self, *, candidate: Candidate, role: Role) -> Application:
        """Return the application this notice ends, with the sender as HR contact.

        Args:
            candidate: Who applied.
            role: What they applied for.

        Returns:
            The application; pass it to `compose`, with ``locale=``
            `locale`, to answer in the notice's language.

        Raises:
            ValidationError: *candidate* or *role* is invalid.
        """
        return Application(
            candidate=candidate,
            role=role,
            outcome=self.outcome,
            hr_contact=self.contact,
        )

    def skeleton(self) -> dict[str, Any]:
        """Return an application document for a user to complete.

        The candidate and role hold empty strings, which `load` rejects
        until they are filled in; everything else is what the notice said.

        Returns:
            JSON-ready plain data in the shape `Application.from_dict` reads.
        """
        from rejectkit._serde import FORMAT_VERSION, unstructure  # noqa: PLC0415

        document: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "candidate": {"name": {"given": "", "family": ""}, "email": ""},
            "role": {"title": "", "company": ""},
            "outcome": _without_none(unstructure(self.outcome)),
        }
        if self.contact is not None:
            document["hr_contact"] = _without_none(unstructure(self.contact))
        return document


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    # TOML has no null; an absent key means the same to the loader.
    return {
        key: _without_none(value) if isinstance(value, dict) else value
        for key, value in data.items()
        if value is not None
    }


def read_notice(
    source: bytes | str | os.PathLike[str] | EmailMessage,
    *,
    timezone: dt.tzinfo | None = None,
    detect_language: bool = True,
    fallback_date: dt.date | None = None,
) -> Notice:
    """Read a rejection email into the outcome it announces.

    Args:
        source: The raw email as bytes, the path of an ``.eml`` file, or a
            parsed `email.message.EmailMessage`.
        timezone: The candidate's time zone, such as
            ``zoneinfo.ZoneInfo("Europe/Berlin")``: the day they were told
            is the ``Date`` header's day there. By default, the sender's.
        detect_language: Tell the language from the text when the mail
            has no usable ``Content-Language``; this needs the ``notice``
            extra (``pip install 'rejectkit[notice]'``).
        fallback_date: The day to use when the mail has no usable ``Date``
            (default: today, in *timezone*), marked as guessed.

    Returns:
        The notice: its outcome, sender, threading headers and language,
        each with how sure it is.

    Raises:
        ValidationError: The mail is larger than `MAX_NOTICE_BYTES`, or a
            header is repeated, malformed or holds text rejectkit cannot
            carry (control characters, bidi overrides, ``=?``); the error
            names the header.
        LoadError: *source* is a path that cannot be read.
        MissingExtraError: The language must be detected and the
            ``notice`` extra is not installed.
    """
    if timezone is not None and not isinstance(timezone, dt.tzinfo):
        raise ValidationError.single(
            "timezone", f"expected a tzinfo, got {type(timezone).__name__}"
        )
    email = _parse(_raw(source))
    try:
        return _Reader(email, timezone, fallback_date).read(
            detect_language=detect_language
        )
    except RejectkitError:
        raise
    except (ValueError, TypeError, LookupError, AttributeError, MessageError) as exc:
        # The standard library's header parsers raise on some hostile input
        # instead of recording a defect; which header is known only here.
        raise ValidationError.single(
            "email", f"the standard library could not read the mail: {exc}"
        ) from exc


def _raw(source: object) -> bytes:
    if isinstance(source, EmailMessage):
        try:
            return source.as_bytes(policy=policy.default)
        except (ValueError, TypeError, LookupError, MessageError) as exc:
            raise ValidationError.single(
                "source", f"the message cannot be written as bytes: {exc}"
            ) from exc
    if isinstance(source, bytes | bytearray | memoryview):
        raw = bytes(source)
        if len(raw) > MAX_NOTICE_BYTES:
            raise ValidationError.single(
                "source", f"the email is larger than {MAX_NOTICE_BYTES} bytes"
            )
        return raw
    if isinstance(source, str | os.PathLike):
        return read_capped(Path(source), MAX_NOTICE_BYTES)
    raise ValidationError.single(
        "source",
        f"expected bytes, a path or an EmailMessage, got {type(source).__name__}",
    )


def _parse(raw: bytes) -> EmailMessage:
    try:
        email = BytesParser(policy=policy.default).parsebytes(raw)
    except (ValueError, TypeError, LookupError, MessageError) as exc:
        raise ValidationError.single(
            "source", f"not an email the standard library can parse: {exc}"
        ) from exc
    assert isinstance(email, EmailMessage)  # noqa: S101 - policy.default makes one
    if not email.keys():
        raise ValidationError.single("source", "not an email: it has no headers")
    return email


class _Reader:
    """One reading of one email, collecting problems as it goes."""

    def __init__(
        self,
        email: EmailMessage,
        timezone: dt.tzinfo | None,
        fallback_date: dt.date | None,
    ) -> None:
        self.email = email
        self.timezone = timezone
        self.fallback_date = fallback_date
        self.problems: list[tuple[str, str]] = []

    def header(self, name: str) -> Any:  # noqa: ANN401 - the stdlib's header classes
        values = self.email.get_all(name) or []
        if len(values) > 1 and name in _SINGLE_HEADERS:
            raise ValidationError.single(name, f"appears {len(values)} times")
        if not values:
            return None
        value = values[0]
        text = str(value)
        # A decoded encoded word may hold what a raw header cannot.
        if any(c in text for c in "\r\n\x00"):
            raise ValidationError.single(name, "holds a line break or NUL")
        return value

    def text_header(self, name: str) -> str | None:
        value = self.header(name)
        if value is None:
            return None
        text = " ".join(str(value).split())
        return text or None

    def read(self, *, detect_language: bool) -> Notice:
        sender, reply_to = self.mailbox("From"), self.mailbox("Reply-To")
        channel, channel_confidence = self.channel(sender)
        told_on, date_confidence = self.told_on()
        contact, contact_confidence = self.contact(reply_to, sender)
        notice_from = next(
            (
                address
                for address in (reply_to, sender)
                if address is not None and not _no_reply(address.username)
            ),
            None,
        )
        message_id = self.message_id()
        references = self.references()
        locale, locale_confidence = self.locale(detect_language=detect_language)
        subject = self.subject()
        outcome = Outcome(
            decision=Decision.REJECTED,
            told_on=told_on,
            channel=channel,
            told_by=contact if channel is Channel.PERSONAL_EMAIL else None,
            notice_from=notice_from.addr_spec if notice_from else None,
            notice_message_id=message_id,
            notice_references=references or self.replied_to(),
        )
        return Notice(
            outcome=outcome,
            contact=contact,
            message_id=message_id,
            references=references,
            subject=subject,
            locale=locale,
            confidence=NoticeConfidence(
                decision=Confidence.GUESSED,
                told_on=date_confidence,
                channel=channel_confidence,
                told_by=contact_confidence if outcome.told_by else None,
                notice_from=Confidence.CERTAIN if notice_from else None,
                message_id=Confidence.CERTAIN if message_id else None,
                locale=locale_confidence,
            ),
            problems=tuple(self.problems),
        )

    # --- the sender ------------------------------------------------------

    def mailbox(self, name: str) -> Address | None:
        try:
            return self._mailbox(name)
        except (
            ValueError,
            TypeError,
            LookupError,
            AttributeError,
            MessageError,
        ) as exc:
            if isinstance(exc, RejectkitError):
                raise
            raise ValidationError.single(name, f"unreadable: {exc}") from exc

    def _mailbox(self, name: str) -> Address | None:
        header = self.header(name)
        if header is None:
            return None
        raw_utf8 = bool(header.defects) and all(
            isinstance(defect, UndecodableBytesDefect) for defect in header.defects
        )
        if header.defects and not raw_utf8:
            raise ValidationError.single(name, f"malformed: {header.defects[0]}")
        addresses = header.addresses
        if len(addresses) != 1:
            raise ValidationError.single(
                name, f"names {len(addresses)} addresses, expected one"
            )
        address: Address = addresses[0]
        if raw_utf8:
            address = _from_raw_utf8(name, address, header.defects[0])
        if address.display_name:
            v.check_line(address.display_name, name, max_length=v.MAX_TEXT_LENGTH)
        try:
            v.check_email(address.addr_spec, name)
        except ValidationError as error:
            self.problems.extend(error.problems)
            return None
        return address

    def contact(
        self, reply_to: Address | None, sender: Address | None
    ) -> tuple[Contact | None, Confidence | None]:
        for address in (reply_to, sender):
            if address is None or not address.display_name:
                continue
            name, confidence = _person_name(address.display_name)
            if name is None:
                continue
            email = None if _no_reply(address.username) else address.addr_spec
            return Contact(name=name, email=email), confidence
        return None, None

    def channel(self, sender: Address | None) -> tuple[Channel, Confidence]:
        auto = self.text_header("Auto-Submitted")
        if auto is not None and auto.split(";", 1)[0].strip().lower() != "no":
            return Channel.AUTOMATED_EMAIL, Confidence.CERTAIN
        precedence = (self.text_header("Precedence") or "").lower()
        if precedence in _BULK_PRECEDENCE or self.header("List-Unsubscribe"):
            return Channel.AUTOMATED_EMAIL, Confidence.LIKELY
        if sender is not None and (
            _no_reply(sender.username) or _ats_domain(sender.domain)
        ):
            return Channel.AUTOMATED_EMAIL, Confidence.LIKELY
        if sender is not None and len(sender.display_name.split()) > 1:
            return Channel.PERSONAL_EMAIL, Confidence.LIKELY
        return Channel.PERSONAL_EMAIL, Confidence.GUESSED

    # --- the date and the thread -----------------------------------------

    def told_on(self) -> tuple[dt.date, Confidence]:
        header = self.header("Date")
        sent = getattr(header, "datetime", None) if header is not None else None
        if header is not None and sent is None:
            self.problems.append(("Date", f"{str(header)!r} is not a date"))
        if isinstance(sent, dt.datetime):
            if sent.utcoffset() is None:
                sent = sent.replace(tzinfo=dt.UTC)  # "-0000": UTC, zone unknown
            if self.timezone is not None:
                return sent.astimezone(self.timezone).date(), Confidence.CERTAIN
            return sent.date(), Confidence.LIKELY
        if self.fallback_date is not None:
            if not isinstance(self.fallback_date, dt.date):
                raise ValidationError.single(
                    "fallback_date",
                    f"expected a date, got {type(self.fallback_date).__name__}",
                )
            return self.fallback_date, Confidence.GUESSED
        return dt.datetime.now(self.timezone or dt.UTC).date(), Confidence.GUESSED

    def message_id(self) -> str | None:
        text = self.text_header("Message-ID")
        if text is None:
            return None
        try:
            return v.check_message_id(text, "Message-ID")
        except ValidationError as error:
            self.problems.extend(error.problems)
            return None

    def references(self) -> tuple[str, ...]:
        text = self.text_header("References")
        if text is None:
            return ()
        found = []
        for token in _MESSAGE_ID_TOKEN.findall(text):
            try:
                found.append(v.check_message_id(token, "References"))
            except ValidationError as error:
                self.problems.extend(error.problems)
        if _MESSAGE_ID_TOKEN.sub("", text).strip():
            self.problems.append(("References", "text outside <...> left out"))
        return tuple(found)

    def replied_to(self) -> tuple[str, ...]:
        # Without References, a single Message-ID in In-Reply-To is the
        # thread a reply continues (RFC 5322, section 3.6.4); more than one
        # parent, or anything unreadable, gives none.
        text = self.text_header("In-Reply-To")
        if text is None:
            return ()
        tokens = _MESSAGE_ID_TOKEN.findall(text)
        if len(tokens) != 1 or _MESSAGE_ID_TOKEN.sub("", text).strip():
            return ()
        try:
            return (v.check_message_id(tokens[0], "In-Reply-To"),)
        except ValidationError:
            return ()

    def subject(self) -> str | None:
        text = self.text_header("Subject")
        if text is None:
            return None
        try:
            return v.check_line(text, "Subject", max_length=v.MAX_NOTE_LENGTH)
        except ValidationError as error:
            self.problems.extend(error.problems)
            return None

    # --- the language ----------------------------------------------------

    def locale(self, *, detect_language: bool) -> tuple[str | None, Confidence | None]:
        declared = self.text_header("Content-Language") or _body_language(self.email)
        if declared is not None:
            first = declared.split(",", 1)[0].strip()
            try:
                tag = _i18n.match_locale(_i18n.parse_locale(first))
            except RejectkitError:
                tag = None
            if tag is not None:
                return tag, Confidence.CERTAIN
            self.problems.append(
                ("Content-Language", f"{first!r} is not a language rejectkit writes")
            )
        if not detect_language:
            return None, None
        sample = " ".join(
            filter(None, [self.text_header("Subject"), _body(self.email)])
        )
        return _detect(sample[:_SAMPLE_CHARS])


def _from_raw_utf8(name: str, address: Address, defect: MessageDefect) -> Address:
    """Decode an address whose header holds raw UTF-8 (RFC 6532).

    The standard library reads raw 8-bit header bytes as surrogate escapes
    and records an `UndecodableBytesDefect`; the bytes are accepted when
    they are valid UTF-8, and the header is refused as malformed otherwise.
    """
    try:
        parts = [
            part.encode("utf-8", "surrogateescape").decode("utf-8")
            for part in (address.display_name, address.username, address.domain)
        ]
    except UnicodeError as exc:
        raise ValidationError.single(name, f"malformed: {defect}") from exc
    return Address(display_name=parts[0], username=parts[1], domain=parts[2])


def _no_reply(local_part: str) -> bool:
    return _NO_REPLY.fullmatch(local_part) is not None


def _ats_domain(domain: str) -> bool:
    labels = domain.lower().rstrip(".").split(".")
    return any(".".join(labels[i:]) in ATS_DOMAINS for i in range(len(labels)))


def _is_cjk(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" for c in text)


def _person_name(display: str) -> tuple[PersonName | None, Confidence]:
    """Split a display name into given and family name, or find none."""
    family, comma, given = display.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        parts = (given.strip(), family.strip())
        confidence = Confidence.LIKELY
    else:
        words = display.split()
        if len(words) < 2:  # noqa: PLR2004
            return None, Confidence.GUESSED
        if _is_cjk(display):
            # Written family name first, as Japanese names are.
            parts = (" ".join(words[1:]), words[0])
        else:
            start = next(
                (i for i, w in enumerate(words[1:-1], 1) if w in _PARTICLES),
                len(words) - 1,
            )
            parts = (" ".join(words[:start]), " ".join(words[start:]))
        confidence = Confidence.LIKELY if len(words) == 2 else Confidence.GUESSED  # noqa: PLR2004
    try:
        return PersonName(given=parts[0], family=parts[1]), confidence
    except ValidationError:
        return None, Confidence.GUESSED


def _body_language(email: EmailMessage) -> str | None:
    part = _body_part(email)
    if part is None or part is email:
        return None
    value = part.get("Content-Language")
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _body_part(email: EmailMessage) -> EmailMessage | None:
    part = email.get_body(preferencelist=("plain", "html"))
    return part if isinstance(part, EmailMessage) else None


def _body(email: EmailMessage) -> str | None:
    part = _body_part(email)
    if part is None:
        return None
    try:
        content = part.get_content()
    except (LookupError, ValueError, TypeError, MessageError):
        return None
    if not isinstance(content, str):
        return None
    if part.get_content_subtype() == "html":
        return _html_text(content)
    return content


class _TextOfHtml(html.parser.HTMLParser):
    """Collects an HTML body's text, never its scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        del attrs
        if tag in {"script", "style", "head", "title"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head", "title"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def _html_text(markup: str) -> str:
    reader = _TextOfHtml()
    reader.feed(markup[: _SAMPLE_CHARS * 4])
    reader.close()
    return " ".join(" ".join(reader.chunks).split())


@functools.cache
def _identifier() -> Any:  # noqa: ANN401 - py3langid is untyped
    try:
        from py3langid.langid import (  # type: ignore[import-untyped]  # noqa: PLC0415 - an optional extra
            MODEL_FILE,
            LanguageIdentifier,
        )
    except ImportError as exc:
        raise MissingExtraError(
            "language: the notice has no Content-Language, and telling its "
            "language needs the notice extra: pip install 'rejectkit[notice]' "
            "(or pass detect_language=False)"
        ) from exc
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(_detectable()))
    return identifier


@functools.cache
def _detectable() -> dict[str, str]:
    # Detected language -> the shipped locale that writes it.
    languages = {_i18n.language(tag) for tag in _i18n.SUPPORTED_LOCALES}
    return {
        language: _i18n.match_locale(language) or language for language in languages
    }


def _detect(sample: str) -> tuple[str | None, Confidence | None]:
    if not any(c.isalpha() for c in sample):
        return None, None
    language, probability = _identifier().classify(sample)
    if probability >= _LIKELY_LANGUAGE:
        return _detectable()[language], Confidence.LIKELY
    if probability >= _GUESSED_LANGUAGE:
        return _detectable()[language], Confidence.GUESSED
    return None, None
