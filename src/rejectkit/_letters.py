"""The letter frame: greetings, closings, signatures and each language's rules.

The conventions table holds structure and gettext msgids; the wording of
each language lives in its catalog. A new kind gets a correct frame from
here without writing a greeting or closing of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs
import babel
from babel.dates import format_date
from babel.lists import format_list

from rejectkit import _i18n
from rejectkit._message import Audience, Mailbox
from rejectkit._models import Application, Contact, FormOfAddress, PersonName, Tone

if TYPE_CHECKING:
    import datetime as dt
    import gettext

    import jinja2

__all__ = ["Conventions", "RenderContext"]


def N_(msgid: str) -> str:  # noqa: N802 - the conventional gettext marker
    """Mark *msgid* for extraction without translating it yet."""
    return msgid


@attrs.frozen(kw_only=True)
class Conventions:
    """How one language frames a letter.

    Attributes:
        language: The language code, such as ``"en"``.
        date_format: The Babel date format used in running text.
        greetings: Formal greeting msgids by form of address.
        titled_greeting: The formal greeting msgid used with an academic
            title, such as "Dear Dr. Schmidt,".
        warm_greeting: The greeting msgid for the warm tone.
        team_greetings: The greeting msgid for the hiring team, by tone.
        closings: The closing msgid by tone.
    """

    language: str
    date_format: str = "long"
    greetings: Mapping[FormOfAddress, str] = attrs.field(
        factory=lambda: {
            FormOfAddress.NEUTRAL: N_("Dear %(given)s %(family)s,"),
            FormOfAddress.FEMININE: N_("Dear Ms. %(family)s,"),
            FormOfAddress.MASCULINE: N_("Dear Mr. %(family)s,"),
        }
    )
    titled_greeting: str = N_("Dear %(title)s %(family)s,")
    warm_greeting: str = N_("Dear %(given)s,")
    team_greetings: Mapping[Tone, str] = attrs.field(
        factory=lambda: {
            Tone.FORMAL: N_("Dear %(company)s hiring team,"),
            Tone.WARM: N_("Hello %(company)s team,"),
        }
    )
    closings: Mapping[Tone, str] = attrs.field(
        factory=lambda: {
            Tone.FORMAL: N_("Kind regards,"),
            Tone.WARM: N_("Best wishes,"),
        }
    )


CONVENTIONS: Final[Mapping[str, Conventions]] = {"en": Conventions(language="en")}
"""The conventions of each shipped language."""

FULL_NAME: Final = N_("%(given)s %(family)s")
"""How a full name is written; a language may reorder it in its catalog."""


@attrs.frozen(kw_only=True)
class RenderContext:
    """Everything a generator receives to write one message.

    Attributes:
        application: The application the message is about.
        locale: The locale the message is written in.
        requested_locale: The locale the caller asked for.
        tone: The register to write in.
    """

    application: Application
    locale: babel.Locale
    requested_locale: babel.Locale
    tone: Tone

    @property
    def conventions(self) -> Conventions:
        """The letter conventions of the message's language."""
        return CONVENTIONS[self.locale.language]

    @property
    def environment(self) -> jinja2.Environment:
        """The locale's template environment, translations installed."""
        return _i18n.environment(self.locale)

    @property
    def translations(self) -> gettext.NullTranslations:
        """The locale's message catalog."""
        return _i18n.translations(self.locale)

    @property
    def warm(self) -> bool:
        """Whether the tone is warm."""
        return self.tone is Tone.WARM

    def gettext(self, msgid: str, **values: str) -> str:
        """Translate *msgid* and fill in its ``%(name)s`` placeholders.

        Args:
            msgid: The message id, as marked for extraction.
            **values: The placeholder values, used as data only.

        Returns:
            The translated text.
        """
        text = self.translations.gettext(msgid)
        return text % values if values else text

    def format_date(self, date: dt.date) -> str:
        """Format a date in running text, as the locale writes it.

        Args:
            date: The date.

        Returns:
            The formatted date, e.g. "May 17, 2024".
        """
        return _format_date(date, self.conventions.date_format, self.locale)

    def format_list(self, items: Iterable[str]) -> str:
        """Join items as the locale writes a list ("a, b, and c").

        Args:
            items: The items, in order.

        Returns:
            The joined list.
        """
        return format_list(list(items), locale=self.locale)

    def full_name(self, name: PersonName) -> str:
        """Write a full name in the language's order.

        Args:
            name: The name.

        Returns:
            The name as written in running text and signatures.
        """
        return self.gettext(FULL_NAME, given=name.given, family=name.family)

    def contact_for(self, audience: Audience) -> Contact | None:
        """Return the contact a message to *audience* is addressed to.

        Args:
            audience: Who the message is written to.

        Returns:
            The contact, or ``None`` for the hiring team and the candidate.
        """
        if audience is Audience.HIRING_MANAGER:
            return self.application.hiring_manager
        if audience is Audience.HR:
            return self.application.hr_contact
        return None

    def greeting(self, audience: Audience) -> str | None:
        """Write the salutation for a message to *audience*.

        Args:
            audience: Who the message is written to.

        Returns:
            The greeting line, or ``None`` for a note to the candidate.
        """
        if audience is Audience.CANDIDATE:
            return None
        conventions = self.conventions
        contact = self.contact_for(audience)
        if contact is None:
            return self.gettext(
                conventions.team_greetings[self.tone],
                company=self.application.role.company,
            )
        name = contact.name
        if self.warm:
            return self.gettext(
                conventions.warm_greeting, given=name.given, family=name.family
            )
        if contact.academic_title:
            return self.gettext(
                conventions.titled_greeting,
                title=contact.academic_title,
                family=name.family,
            )
        return self.gettext(
            conventions.greetings[contact.form_of_address],
            given=name.given,
            family=name.family,
        )

    def closing(self, audience: Audience) -> str | None:
        """Write the closing line for a message to *audience*.

        Args:
            audience: Who the message is written to.

        Returns:
            The closing, or ``None`` for a note to the candidate.
        """
        if audience is Audience.CANDIDATE:
            return None
        return self.gettext(self.conventions.closings[self.tone])

    def signature(self, audience: Audience) -> tuple[str, ...]:
        """Write the lines under the closing: name, phone and links.

        Args:
            audience: Who the message is written to.

        Returns:
            The signature lines; none for a note to the candidate.
        """
        if audience is Audience.CANDIDATE:
            return ()
        candidate = self.application.candidate
        lines = [self.full_name(candidate.name)]
        if candidate.phone:
            lines.append(candidate.phone)
        lines.extend(candidate.links)
        return tuple(lines)

    def recipients(self, audience: Audience) -> tuple[Mailbox, ...]:
        """Return where a message to *audience* goes, when known.

        Args:
            audience: Who the message is written to.

        Returns:
            The contact's mailbox; for the hiring team, the notice's address;
            for the candidate, their own; empty when the address is unknown.
        """
        application = self.application
        if audience is Audience.CANDIDATE:
            candidate = application.candidate
            return (
                Mailbox(email=candidate.email, name=self.full_name(candidate.name)),
            )
        contact = self.contact_for(audience)
        if contact is None:
            notice_from = application.outcome.notice_from
            return (Mailbox(email=notice_from),) if notice_from else ()
        if contact.email is None:
            return ()
        return (Mailbox(email=contact.email, name=self.full_name(contact.name)),)

    def sender(self) -> Mailbox:
        """Return the candidate's mailbox, the sender of every message."""
        candidate = self.application.candidate
        return Mailbox(email=candidate.email, name=self.full_name(candidate.name))


@functools.lru_cache(maxsize=4096)
def _format_date(date: dt.date, format: str, locale: babel.Locale) -> str:  # noqa: A002
    return format_date(date, format=format, locale=locale)
