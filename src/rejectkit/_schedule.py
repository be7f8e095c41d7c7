"""The kit as an iCalendar file: one to-do per message, due on its send-by day."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zoneinfo
from typing import TYPE_CHECKING

import icalendar

from rejectkit import _i18n
from rejectkit._i18n import P
from rejectkit._message import shown_mailbox
from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    import gettext

    from rejectkit._i18n import Phrase
    from rejectkit._message import Kit, Message
    from rejectkit._models import Application

PRODID = "-//rejectkit//rejectkit//EN"
UID_DOMAIN = "rejectkit.invalid"

# TRANSLATORS: The title of a to-do in the candidate's calendar or task
# list: send the email whose subject follows. Keep it short, as a task
# list shows it.
SEND = P("reminder title, before the email's subject", "Send: %(subject)s")
# TRANSLATORS: The line of a to-do's notes that says whom the email goes to,
# as in an email's "To" header; the addresses follow.
TO = P("reminder notes, before the email's recipients", "To: %(recipients)s")


def _zone(tz: str | zoneinfo.ZoneInfo) -> zoneinfo.ZoneInfo:
    if isinstance(tz, zoneinfo.ZoneInfo):
        return tz
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError.single("tz", f"unknown time zone {tz!r}") from exc


def _text(catalog: gettext.NullTranslations, phrase: Phrase) -> str:
    return catalog.pgettext(phrase.context, phrase.msgid)


def _digest(*parts: object) -> str:
    # JSON keeps the parts apart and is the same under every hash seed.
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _identity(application: Application) -> tuple[str | None, ...]:
    """Who applied for what, and when they were told: what stays put.

    Everything else (the contacts, the interviews, the feedback) may be
    added or corrected later without it becoming another application.
    """
    role = application.role
    return (
        application.candidate.email,
        role.company,
        role.title,
        role.requisition_id,
        application.outcome.told_on.isoformat(),
    )


def _uids(kit: Kit, dated: list[Message]) -> list[str]:
    application = kit.application
    identity = None if application is None else _identity(application)
    seen: dict[str, int] = {}
    uids = []
    for message in dated:
        # Without the application, the message itself is what a to-do is for.
        key = message.kind if identity else _digest(message.to_dict())
        # compose writes each kind once; a kit built by hand may repeat one.
        repeat = seen[key] = seen.get(key, -1) + 1
        uids.append(f"{_digest(identity, key, repeat)}@{UID_DOMAIN}")
    return uids


def _stamp(kit: Kit, dated: list[Message]) -> dt.datetime:
    application = kit.application
    if application is None:
        day = min(m.send_by for m in dated if m.send_by is not None)
    else:
        feedback_on = application.feedback.on if application.feedback else None
        day = max(application.outcome.told_on, feedback_on or dt.date.min)
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def schedule_calendar(
    kit: Kit,
    *,
    tz: str | zoneinfo.ZoneInfo = "UTC",
    at: dt.time = dt.time(9),
    alarm_before: dt.timedelta = dt.timedelta(days=1),
) -> icalendar.Calendar:
    """Return the kit's reminders as an `icalendar.Calendar`.

    Each message with a ``send_by`` day becomes one VTODO, due at ``at`` on
    that day in ``tz``, with a display alarm ``alarm_before`` the due time.
    Messages without a ``send_by`` (the private next-steps note) get no
    to-do: they are not sent to anyone.

    The output is deterministic; see `Kit.schedule` for how each UID and
    the DTSTAMP are made.

    Args:
        kit: The messages to schedule.
        tz: An IANA time zone name, such as ``"Europe/Berlin"``, or a
            `zoneinfo.ZoneInfo`; a VTIMEZONE is included unless it is UTC.
        at: The time of day each to-do is due.
        alarm_before: How long before the due time the alarm goes off;
            zero or positive.

    Returns:
        The calendar.

    Raises:
        ValidationError: ``tz`` is not a known time zone, ``at`` carries a
            time zone, or ``alarm_before`` is negative.
    """
    zone = _zone(tz)
    if at.tzinfo is not None:
        raise ValidationError.single(
            "at", "give a time of day without a time zone; use tz"
        )
    if alarm_before < dt.timedelta(0):
        raise ValidationError.single("alarm_before", "must not be negative")
    dated = [m for m in kit if m.send_by is not None]
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if not dated:
        return calendar
    stamp = _stamp(kit, dated)
    for message, uid in zip(dated, _uids(kit, dated), strict=True):
        assert message.send_by is not None  # noqa: S101 - filtered above
        due = dt.datetime.combine(message.send_by, at, tzinfo=zone)
        # The to-do's text is in the message's language, and says so.
        catalog = _i18n.translations(message.locale)
        language = {"LANGUAGE": message.locale.replace("_", "-")}
        title = _text(catalog, SEND) % {"subject": message.subject}
        # Each recipient is a CONTACT, the person the to-do is about. An
        # ATTENDEE would be someone the to-do is assigned to, and a calendar
        # program may offer to send them an invitation.
        contacts = [shown_mailbox(r) for r in message.recipients]
        notes = [message.subject]
        if contacts:
            to = _text(catalog, TO) % {"recipients": ", ".join(contacts)}
            notes.append(to)
        todo = icalendar.Todo()
        todo.add("uid", uid)
        todo.add("dtstamp", stamp)
        todo.add("summary", title, parameters=language)
        todo.add("description", "\n".join(notes), parameters=language)
        todo.add("due", due)
        for contact in contacts:
            todo.add("contact", contact)
        todo.add("categories", [message.kind])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", title, parameters=language)
        alarm.add("trigger", -alarm_before, parameters={"RELATED": "END"})
        todo.add_component(alarm)
        calendar.add_component(todo)
    if zone.key != "UTC":
        calendar.add_missing_timezones()
    return calendar


def schedule(
    kit: Kit,
    *,
    tz: str | zoneinfo.ZoneInfo = "UTC",
    at: dt.time = dt.time(9),
    alarm_before: dt.timedelta = dt.timedelta(days=1),
) -> bytes:
    """Return the kit's reminders as iCalendar bytes (RFC 5545).

    See `schedule_calendar` for what the calendar holds.

    Args:
        kit: The messages to schedule.
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
    calendar = schedule_calendar(kit, tz=tz, at=at, alarm_before=alarm_before)
    written: bytes = calendar.to_ical()
    return written
