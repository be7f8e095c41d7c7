"""Turn a `Message` into a standard-library `EmailMessage`.

Kept apart from `_message` so that the ``email`` package loads only when an
email is actually built.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from email import policy, utils
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from typing import TYPE_CHECKING

from rejectkit import _validation as v
from rejectkit.exceptions import RenderError, ValidationError

if TYPE_CHECKING:
    from email.policy import Policy

    from rejectkit._message import Mailbox, Message


def _address(mailbox: Mailbox, field: str) -> Address:
    # The domain goes out in its IDNA 2008 ASCII form: left to itself the
    # standard library would encode it with IDNA 2003, another domain.
    local, _, domain = v.ascii_email(mailbox.email, f"{field}.email").rpartition("@")
    return Address(display_name=mailbox.name or "", username=local, domain=domain)


def _refuse_encoded_words(field: str, value: str | None) -> None:
    # The standard library decodes "=?charset?q?...?=" in a header value it
    # is given, and some releases then write a decoded CR LF out raw
    # (CVE-2024-6923), which would let text add a header. No name or
    # subject needs that sequence, so it is refused rather than trusted.
    if value is not None and "=?" in value:
        raise ValidationError.single(
            field,
            "must not contain '=?', which mail programs decode as an encoded word",
        )


def _headers_as_set(email: EmailMessage, expected: dict[str, object]) -> None:
    """Read the written headers back and compare them with what was set.

    Validated input cannot make the standard library write another header,
    but whether it does depends on the Python release (CVE-2024-6923), so
    the result is checked here instead of trusted.

    Raises:
        RenderError: A header is missing, added or different.
    """
    head = email.as_bytes().split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    parsed = BytesParser(policy=policy.default).parsebytes(head, headersonly=True)
    written = {name.lower() for name in parsed}
    if written != set(expected) or len(parsed) != len(expected):
        extra = ", ".join(sorted(written ^ set(expected))) or "a repeated header"
        raise RenderError(f"email: the written headers differ from those set: {extra}")
    for name, value in expected.items():
        header = parsed[name]
        # Folding may leave white space before a value; set values have none.
        found: object = str(header).strip()
        if isinstance(value, tuple):
            found = _mailboxes(*header.addresses)
        if found != value:
            raise RenderError(f"email: the {name} header was not written as set")


class _Subject(str):
    """A Subject header that rejectkit encodes and folds itself.

    The standard library's folding can drop the space between two encoded
    words (a Latin given name and a Hebrew family name come back joined),
    so an ASCII subject is folded before a space and any other is written
    as base64 encoded words, every character, spaces included, inside
    them; decoders join adjacent encoded words. An ASCII subject with a
    word too long for the 998 characters RFC 5322 allows on a line is
    written as encoded words too.
    """

    name = "Subject"
    __slots__ = ()

    def fold(self, *, policy: Policy) -> str:
        """Return the header line or lines, ending with *policy*'s line end."""
        linesep = policy.linesep
        if self.isascii():
            # Folding before a space keeps every character: unfolding
            # removes only the line break.
            lines = [f"{self.name}:"]
            for word in self.split(" "):
                full = len(lines[-1]) + 1 + len(word) > _LINE_LENGTH
                if full and lines[-1] != f"{self.name}:":
                    lines.append("")
                lines[-1] += " " + word
            if all(len(line) <= _MAX_LINE_LENGTH for line in lines):
                return linesep.join(lines) + linesep
        words: list[str] = []
        chunk = ""
        for char in self:
            if len((chunk + char).encode("utf-8")) > _WORD_BYTES:
                words.append(chunk)
                chunk = ""
            chunk += char
        words.append(chunk)
        encoded = [
            f"=?utf-8?b?{base64.b64encode(w.encode('utf-8')).decode('ascii')}?="
            for w in words
        ]
        return f"{self.name}: " + f"{linesep} ".join(encoded) + linesep


_LINE_LENGTH = 78
_MAX_LINE_LENGTH = 998
# 45 bytes make 60 characters of base64, so "=?utf-8?b?...?=" fits in 75.
_WORD_BYTES = 45


def _boundary(*parts: str) -> str:
    # The standard library picks a random boundary; deriving it from the
    # content keeps the output byte-identical for the same input.
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return f"=_rejectkit_{digest[:32]}"


def build_email(
    message: Message,
    sender: Mailbox,
    *,
    date: dt.datetime | None,
    message_id: str | None,
) -> EmailMessage:
    """Build the email for *message*; see `Message.to_email`.

    Args:
        message: The message.
        sender: The From mailbox.
        date: The Date header, timezone-aware, or ``None`` for now.
        message_id: The Message-ID, or ``None`` to generate one.

    Returns:
        The email.

    Raises:
        ValidationError: *date* is naive or not a datetime, *message_id* is
            malformed, or a name or the subject holds ``=?``.
        RenderError: The standard library wrote headers other than those
            set; see `_headers_as_set`.
    """
    from rejectkit._message import Mailbox  # noqa: PLC0415

    if not isinstance(sender, Mailbox):
        raise ValidationError.single(
            "sender", f"expected a Mailbox, got {type(sender).__name__}"
        )
    date = _check_date(date)
    from_address = _address(sender, "sender")
    if message_id is None:
        message_id = utils.make_msgid(idstring="rejectkit", domain=from_address.domain)
    else:
        v.check_message_id(message_id, "message_id")
    _refuse_encoded_words("sender.name", sender.name)
    for index, recipient in enumerate(message.recipients):
        _refuse_encoded_words(f"recipients[{index}].name", recipient.name)
    _refuse_encoded_words("subject", message.subject)
    to = [_address(r, f"recipients[{i}]") for i, r in enumerate(message.recipients)]
    try:
        return _assemble(message, from_address, to, date=date, message_id=message_id)
    except (ValueError, TypeError, LookupError, MessageError) as exc:
        raise RenderError(
            f"email: the standard library refused the message: {exc}"
        ) from exc


def _assemble(
    message: Message,
    from_address: Address,
    to: list[Address],
    *,
    date: dt.datetime,
    message_id: str,
) -> EmailMessage:
    boundary = _boundary(message_id, message.text, message.html)
    email = EmailMessage(policy=policy.SMTP)
    # Each header set, and the value it must read back as.
    expected: dict[str, object] = {}

    def put(name: str, value: object, reads_as: object) -> None:
        email[name] = value
        expected[name.lower()] = reads_as

    put("From", from_address, _mailboxes(from_address))
    if to:
        put("To", to, _mailboxes(*to))
    put("Subject", _Subject(message.subject), message.subject)
    put("Date", utils.format_datetime(date), utils.format_datetime(date))
    put("Message-ID", message_id, message_id)
    if message.in_reply_to:
        put("In-Reply-To", message.in_reply_to, message.in_reply_to)
    thread = message.references or (
        (message.in_reply_to,) if message.in_reply_to else ()
    )
    if thread:
        references = " ".join(thread)
        put("References", references, references)
    email.set_content(message.text, charset="utf-8")
    email.add_alternative(message.html, subtype="html", charset="utf-8")
    # set_content() drops Content-* headers, so this one comes after it.
    language = message.locale.replace("_", "-")
    put("Content-Language", language, language)
    email.set_boundary(boundary)
    expected["mime-version"] = "1.0"
    expected["content-type"] = f'multipart/alternative; boundary="{boundary}"'
    _headers_as_set(email, expected)
    return email


def _check_date(date: object) -> dt.datetime:
    if date is None:
        return dt.datetime.now(dt.UTC)
    if not isinstance(date, dt.datetime):
        raise ValidationError.single(
            "date", f"expected a datetime, got {type(date).__name__}"
        )
    if date.tzinfo is None or date.utcoffset() is None:
        raise ValidationError.single("date", "must be timezone-aware")
    return date


def _mailboxes(*addresses: Address) -> tuple[tuple[str, str], ...]:
    return tuple((a.display_name, a.addr_spec) for a in addresses)
