"""Turn a `Message` into a standard-library `EmailMessage`.

Kept apart from `_message` so that the ``email`` package loads only when an
email is actually built.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import policy, utils
from email.headerregistry import Address
from email.message import EmailMessage
from typing import TYPE_CHECKING

from rejectkit import _validation as v
from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    from rejectkit._message import Mailbox, Message


def _address(mailbox: Mailbox) -> Address:
    local, _, domain = mailbox.email.rpartition("@")
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
        ValidationError: *date* is naive or not a datetime, or *message_id*
            is malformed.
    """
    from rejectkit._message import Mailbox  # noqa: PLC0415

    if not isinstance(sender, Mailbox):
        raise ValidationError.single(
            "sender", f"expected a Mailbox, got {type(sender).__name__}"
        )
    if date is None:
        date = dt.datetime.now(dt.UTC)
    elif not isinstance(date, dt.datetime):
        raise ValidationError.single(
            "date", f"expected a datetime, got {type(date).__name__}"
        )
    elif date.tzinfo is None or date.utcoffset() is None:
        raise ValidationError.single("date", "must be timezone-aware")
    if message_id is None:
        message_id = utils.make_msgid(
            idstring="rejectkit", domain=sender.email.rpartition("@")[2]
        )
    else:
        v.check_message_id(message_id, "message_id")

    _refuse_encoded_words("sender.name", sender.name)
    for index, recipient in enumerate(message.recipients):
        _refuse_encoded_words(f"recipients[{index}].name", recipient.name)
    _refuse_encoded_words("subject", message.subject)

    email = EmailMessage(policy=policy.SMTP)
    email["From"] = _address(sender)
    if message.recipients:
        email["To"] = [_address(r) for r in message.recipients]
    email["Subject"] = message.subject
    email["Date"] = utils.format_datetime(date)
    email["Message-ID"] = message_id
    if message.in_reply_to:
        email["In-Reply-To"] = message.in_reply_to
        email["References"] = message.in_reply_to
    email.set_content(message.text, charset="utf-8")
    email.add_alternative(message.html, subtype="html", charset="utf-8")
    # set_content() drops Content-* headers, so this one comes after it.
    email["Content-Language"] = message.locale.replace("_", "-")
    email.set_boundary(_boundary(message_id, message.text, message.html))
    return email
