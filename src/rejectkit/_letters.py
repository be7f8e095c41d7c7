"""The letter frame: greeting, opening, closing and signature around a body.

`RenderContext` is what a generator receives. Its helpers write the frame
from the language's conventions, so a new kind gets a correct greeting and
closing in every language without writing them.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import types
import unicodedata
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs
import babel
import jinja2
from babel.dates import format_date
from babel.lists import format_list

from rejectkit import _i18n
from rejectkit._i18n import FULL_NAME, Addressee, Conventions, Phrase
from rejectkit._message import (
    FSI,
    PDI,
    Audience,
    Mailbox,
    Message,
    framed_message,
    trusted_mailbox,
)
from rejectkit._models import Application, Contact, Interview, PersonName, Tone
from rejectkit.exceptions import UnsupportedLocaleError, ValidationError

if TYPE_CHECKING:
    import gettext
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from collections.abc import Set as AbstractSet

__all__ = ["RenderContext"]

_EMAIL: Final = operator.attrgetter("email")
_INTERVIEWERS: Final = operator.attrgetter("interviewers")
_LAST_DAY: Final = dt.date.max.toordinal()
_TEAM: Final = Addressee.TEAM.value
"""The addressee of a letter to the hiring team, as a frame phrase's key."""
_READ_BY_FEW: Final = frozenset(
    {"team", "candidate", "manager", "interview_count", "highlight", "stage"}
)
"""Application values that only some templates read, worked out for those."""


def _right_to_left(text: str) -> bool:
    # No ASCII character is right to left; most caller text is ASCII.
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(c) in {"R", "AL"} for c in text)


@attrs.frozen(kw_only=True)
class RenderContext:
    """Everything a generator receives to write one message.

    Attributes:
        application: The application the message is about.
        locale: The tag of the locale the message is written in, e.g. ``"de"``.
        requested_locale: The tag the caller asked for, e.g. ``"de_AT"``.
        tone: The register to write in.
        overlays: Callers' template loaders, searched before the shipped
            templates (see the ``templates=`` argument of `rejectkit.compose`).
        recipient: The contact the message is addressed to instead of the
            kind's usual audience (the ``to=`` option), as `Audience.CONTACT`.
    """

    application: Application
    locale: str
    requested_locale: str
    tone: Tone
    overlays: tuple[jinja2.BaseLoader, ...] = ()
    recipient: Contact | None = None
    # Each audience's frame, worked out on the first message to it: the
    # messages of a kit that go to the same person share theirs. Keyed by
    # the audience's value, which hashes faster than the member.
    _frames: dict[str, _Frame] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    # The application's template values, worked out on first use: those
    # most templates read, and those in _READ_BY_FEW.
    _values: dict[str, object] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )
    _more_values: dict[str, object] | None = attrs.field(
        init=False, default=None, eq=False, repr=False
    )
    # What the context reads of its locale: looked up when it is made, as
    # every render needs it (a lazy attribute of a slotted class costs an
    # AttributeError on first use).
    _data: _LocaleData = attrs.field(init=False, eq=False, repr=False)
    # The last interview, which several parts of a message read.
    _last: Interview | None = attrs.field(init=False, eq=False, repr=False)

    @_data.default
    def _look_up_locale_data(self) -> _LocaleData:
        try:
            return _locale_data(self.locale, self.requested_locale)
        except (babel.UnknownLocaleError, ValueError) as exc:
            # Babel's own error would not say which argument was wrong.
            raise UnsupportedLocaleError(
                f"locale: {self.locale!r} is not a locale rejectkit can write "
                f"in; one of {', '.join(_i18n.SUPPORTED_LOCALES)}"
            ) from exc

    @_last.default
    def _find_last_interview(self) -> Interview | None:
        return self.application.last_interview

    def __getstate__(self) -> dict[str, object]:
        """Return the fields a copy is made from; the caches are left out."""
        return {f.name: getattr(self, f.name) for f in _INIT_FIELDS}

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore a pickled context, its caches worked out anew."""
        self.__init__(**state)  # type: ignore[misc]

    def addressed(self, audience: Audience) -> Audience:
        """Return who a message meant for *audience* is written to.

        Args:
            audience: The audience the kind writes to.

        Returns:
            `Audience.CONTACT` when the message has a `recipient`, else
            *audience*.

        Raises:
            ValidationError: A private note to the candidate was given a
                recipient, or a kind that writes to `Audience.CONTACT` was
                given none (both name the ``to`` option).
        """
        if self.recipient is None:
            if audience is Audience.CONTACT:
                raise ValidationError.single(
                    "to", "this kind writes to a contact you name; pass to="
                )
            return audience
        if audience is Audience.CANDIDATE:
            raise ValidationError.single(
                "to", "a private note to the candidate has no one to address"
            )
        return Audience.CONTACT

    @property
    def cldr(self) -> babel.Locale:
        """The Babel locale whose CLDR data formats dates and lists."""
        return self._data.cldr

    @property
    def conventions(self) -> Conventions:
        """The letter conventions of the message's language."""
        return self._data.conventions

    @property
    def environment(self) -> jinja2.Environment:
        """The locale's environment for rejectkit's templates and catalogs."""
        # Positional, as TemplateGenerator.environment passes them: the
        # cache keys keyword and positional arguments apart.
        domain = _i18n.DOMAIN
        return _i18n.environment(self.locale, domain, domain, self.overlays)

    @property
    def translations(self) -> gettext.NullTranslations:
        """The locale's message catalog."""
        return self._data.translations

    @property
    def warm(self) -> bool:
        """Whether the tone is warm."""
        return self.tone is Tone.WARM

    @property
    def application_values(self) -> Mapping[str, object]:
        """What every kind's templates see of the application, read-only.

        Worked out once per context, so the messages of one kit share it;
        `TemplateGenerator.variables` adds the audience to a copy. Caller
        text is isolated where its direction differs from the language's.
        """
        return types.MappingProxyType(self._template_values(None))

    def _template_values(self, names: AbstractSet[str] | None) -> dict[str, object]:
        # A new dict of the application's values for templates that read
        # *names* (None: any name): each message adds its own to it. The
        # values few templates read are worked out only for those that do.
        # Both parts are worked out once per context.
        values = self._values
        if values is None:
            values = self._work_out_application_values()
            object.__setattr__(self, "_values", values)
        if names is not None and names.isdisjoint(_READ_BY_FEW):
            return values.copy()
        more = self._more_values
        if more is None:
            more = self._work_out_more_values()
            object.__setattr__(self, "_more_values", more)
        return {**values, **more}

    def _work_out_application_values(self) -> dict[str, object]:
        application = self.application
        role = application.role
        last = self._last
        outcome = application.outcome
        isolate = self._data.isolate
        return {
            "company": isolate(role.company),
            "role": isolate(role.title),
            "interviewed": last is not None,
            "interview_date": self._data.format_date(last.date) if last else None,
            # _value_ is the plain attribute behind an enum's value.
            "decision": outcome.decision._value_,
            "channel": outcome.channel._value_,
            "warm": self.tone is Tone.WARM,
        }

    def _work_out_more_values(self) -> dict[str, object]:
        # The values in _READ_BY_FEW.
        application = self.application
        team = application.role.team
        last = self._last
        manager = application.hiring_manager
        data = self._data
        isolate = data.isolate
        full_name = data.full_name
        highlight = last.highlight if last else None
        return {
            "team": isolate(team) if team else None,
            "candidate": isolate(full_name(application.candidate.name)),
            "manager": isolate(full_name(manager.name)) if manager else None,
            "interview_count": _conversations_with(manager, application),
            "highlight": isolate(highlight) if highlight else None,
            "stage": application.stage_reached._value_,
        }

    @property
    def right_to_left(self) -> bool:
        """Whether the message's language is written right to left."""
        return self._data.right_to_left

    def translate(self, phrase: Phrase, **values: str) -> str:
        """Translate a phrase and fill in its ``%(name)s`` placeholders.

        Args:
            phrase: The msgid and its context.
            **values: The placeholder values, used as data only.

        Returns:
            The translated text.
        """
        text = _pgettext(self.translations, phrase.context, phrase.msgid)
        return text % values if values else text

    def isolate(self, value: str) -> str:
        """Isolate caller text whose direction differs from the message's.

        A right-to-left name in left-to-right text (or the reverse) is wrapped
        in FSI and PDI, so punctuation around it stays in place; the HTML form
        turns the pair into ``<bdi>``. Other text, and empty text, is returned
        unchanged.

        Args:
            value: Caller text.

        Returns:
            The text, isolated where needed.
        """
        return self._data.isolate(value)

    def format_date(self, date: dt.date) -> str:
        """Format a date in running text, as the locale writes it.

        Args:
            date: The date.

        Returns:
            The formatted date, e.g. "May 17, 2024" or "17. Mai 2024".
        """
        return self._data.format_date(date)

    def format_list(self, items: Iterable[str]) -> str:
        """Join items as the locale writes a list ("a, b, and c").

        Args:
            items: The items, in order.

        Returns:
            The joined list.
        """
        return format_list(list(items), locale=self.cldr)

    def full_name(self, name: PersonName, *, isolate: bool = True) -> str:
        """Write a full name in the language's order (family first in Japanese).

        Args:
            name: The name.
            isolate: Isolate a right-to-left name as a whole (see `isolate`);
                turn off for email headers.

        Returns:
            The name as written in running text and signatures.
        """
        full = self._data.full_name(name)
        return self.isolate(full) if isolate else full

    def isolate_within(self, text: str, values: Iterable[str]) -> str:
        """Isolate caller values inside text that was formatted with them.

        Adjacent values separated by a space (a given and a family name) are
        isolated together, so a right-to-left name keeps its own order.

        Args:
            text: The formatted text.
            values: The caller values it holds, in the order they appear in
                the source phrase.

        Returns:
            The text with each value that needs it isolated.
        """
        values = tuple(values)
        if not self._data.right_to_left and "".join(values).isascii():
            return text  # no ASCII character needs isolating in such text
        pending = [v for v in values if self.isolate(v) != v]
        if not pending:
            return text
        pairs = [f"{a} {b}" for a in pending for b in pending if a != b]
        for pair in pairs:
            if pair in text:
                return text.replace(pair, self.isolate(pair), 1)
        for value in pending:
            text = text.replace(value, self.isolate(value), 1)
        return text

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
        if audience is Audience.CONTACT:
            return self.recipient
        return None

    def greeting(self, audience: Audience) -> str | None:
        """Write the salutation for a message to *audience*.

        Args:
            audience: Who the message is written to.

        Returns:
            The greeting line, or ``None`` for a note to the candidate.
        """
        return self._frame_for(audience).greeting

    def _greeting_to(self, contact: Contact | None) -> str:
        data = self._data
        if contact is None:
            company = self.application.role.company
            text = data.greeting(self.tone._value_, _TEAM, titled=False)
            return self.isolate_within(text % {"company": company}, [company])
        title = contact.academic_title
        pattern = data.greeting(
            self.tone._value_,
            contact.form_of_address._value_,
            titled=title is not None,
        )
        values = data.name_values(contact.name, pattern)
        if title is not None:
            values["title"] = title
        text = pattern % values
        if text.isascii() and not data.right_to_left:
            return text  # nothing in it to isolate
        return self.isolate_within(text, values.values())

    def closing(self, audience: Audience) -> str | None:
        """Write the closing line for a message to *audience*.

        Args:
            audience: Who the message is written to.

        Returns:
            The closing, or ``None`` for a note to the candidate.
        """
        return self._frame_for(audience).closing

    def signature(self, audience: Audience) -> tuple[str, ...]:
        """Write the lines under the closing: name, phone and links.

        Args:
            audience: Who the message is written to.

        Returns:
            The signature lines; none for a note to the candidate.
        """
        return self._frame_for(audience).signature

    def recipients(self, audience: Audience) -> tuple[Mailbox, ...]:
        """Return where a message to *audience* goes, when known.

        Args:
            audience: Who the message is written to.

        Returns:
            The contact's mailbox; for the hiring team, the notice's address;
            for the candidate, their own; empty when the address is unknown.
        """
        return self._frame_for(audience).recipients

    def sender(self) -> Mailbox:
        """Return the candidate's mailbox, the sender of every message."""
        candidate = self.application.candidate
        name = self.full_name(candidate.name, isolate=False)
        return trusted_mailbox(candidate.email, name)

    def send_by(self, within_days: int | None) -> dt.date | None:
        """Return the latest day to send a message, counted from the notice.

        Args:
            within_days: Days after the candidate was told, or after the
                feedback came when its date is known; ``None`` for no date.
                A language that expects quicker replies shortens it; the
                language asked for decides, also when a kind is written in
                its default language instead.

        Returns:
            The date, or ``None``; `datetime.date.max` when the day would
            fall after the last day a date can hold.
        """
        if within_days is None:
            return None
        limit = self._data.reply_within_days
        if limit is not None and limit < within_days:
            within_days = limit
        start = self.application.outcome.told_on
        feedback = self.application.feedback
        if feedback is not None and feedback.on is not None:
            start = feedback.on
        day = start.toordinal() + within_days
        if day >= _LAST_DAY:
            return dt.date.max
        return dt.date.fromordinal(day)

    def message(
        self,
        *,
        kind: str,
        audience: Audience,
        subject: str,
        body: str,
        send_within_days: int | None,
        checked: bool = True,
    ) -> Message:
        """Put a body into the letter frame and return the finished message.

        The frame adds the greeting, the language's opening line, the
        closing and the signature, lowers the first word after the greeting
        where the language does, and threads replies to the notice.

        Args:
            kind: The kind id.
            audience: Who the message is written to.
            subject: The subject line.
            body: The paragraphs, separated by blank lines.
            send_within_days: See `send_by`.
            checked: Check the parts a template wrote (the subject and text);
                rejectkit turns it off only for its own kinds' templates.

        Returns:
            The message.

        Raises:
            ValidationError: See `addressed`.
        """
        return self._message(
            kind, self.addressed(audience), subject, body, send_within_days, checked
        )

    def _message(  # noqa: PLR0917 - message's arguments, positional
        self,
        kind: str,
        audience: Audience,
        subject: str,
        body: str,
        send_within_days: int | None,
        checked: bool,  # noqa: FBT001
    ) -> Message:
        # message() for an audience already addressed; positional, as a
        # call with many keywords costs several times one without.
        (
            greeting,
            closing,
            signature,
            recipients,
            sender,
            in_reply_to,
            references,
            opening,
            lowers_first_word,
        ) = self._frame_for(audience)
        if opening is not None:
            body = f"{opening}\n\n{body}"
        elif lowers_first_word and self._lowers_first_word(body):
            body = body[0].lower() + body[1:]
        return framed_message(
            kind,
            self.locale,
            self.requested_locale,
            audience,
            recipients,
            sender,
            subject,
            greeting,
            body,
            closing,
            signature,
            self.send_by(send_within_days),
            in_reply_to,
            references,
            checked,
        )

    def _frame_for(self, audience: Audience) -> _Frame:
        # Worked out once per audience and context.
        frame = self._frames.get(audience._value_)
        if frame is None:
            frame = self._frames[audience._value_] = self._frame(audience)
        return frame

    def _frame(self, audience: Audience) -> _Frame:
        # Everything of a message that depends on its audience, not its kind.
        application = self.application
        notice = application.outcome
        candidate = application.candidate
        data = self._data
        name = data.full_name(candidate.name)
        sender = trusted_mailbox(candidate.email, name)
        greeting = closing = opening = None
        signature: tuple[str, ...] = ()
        recipients: tuple[Mailbox, ...] = (sender,)
        lowers = False
        if audience is not Audience.CANDIDATE:
            contact = self.contact_for(audience)
            greeting = self._greeting_to(contact)
            if contact is None:
                closing = data.closing(self.tone._value_, _TEAM)
                notice_from = notice.notice_from
                recipients = (
                    (trusted_mailbox(notice_from, None),) if notice_from else ()
                )
            else:
                addressee = contact.form_of_address._value_
                closing = data.closing(self.tone._value_, addressee)
                email = contact.email
                recipients = (
                    (trusted_mailbox(email, data.full_name(contact.name)),)
                    if email is not None
                    else ()
                )
            isolated = data.isolate(name)
            phone = (candidate.phone,) if candidate.phone else ()
            signature = (isolated, *phone, *candidate.links)
            conventions = data.conventions
            if conventions.opening is not None:
                opening = self.translate(conventions.opening, name=isolated)
            else:
                lowers = conventions.lowercase_after_greeting and greeting.endswith(",")
        # A notice without a Message-ID of its own may still name its thread.
        thread = notice.reply_references
        threaded = bool(thread) and (
            audience is Audience.HIRING_TEAM
            or notice.notice_from in map(_EMAIL, recipients)
        )
        # tuple.__new__ as _Frame's own __new__ calls it, without that call.
        return tuple.__new__(
            _Frame,
            (
                greeting,
                closing,
                signature,
                recipients,
                sender,
                notice.notice_message_id if threaded else None,
                thread if threaded else (),
                opening,
                lowers,
            ),
        )

    def _lowers_first_word(self, body: str) -> bool:
        # The language lowers the word after "Name,", unless the language
        # keeps that word capitalized or it is caller text, such as a name.
        if not body[:1].isupper():
            return False
        space = body.find(" ")
        first_word = body if space < 0 else body[:space]
        return first_word not in self._data.conventions.keep_capitalized and (
            not self._starts_with_caller_text(body)
        )

    def _starts_with_caller_text(self, body: str) -> bool:
        # Whether body starts with a caller value a translation could put
        # first: the company, role, team, the candidate's or manager's names,
        # or the last interview's highlight.
        application = self.application
        role = application.role
        candidate = application.candidate.name
        if body.startswith(
            (role.company, role.title, candidate.given, candidate.family)
        ):
            return True
        team = role.team
        if team and body.startswith(team):
            return True
        manager = application.hiring_manager
        if manager is not None and body.startswith(
            (manager.name.given, manager.name.family)
        ):
            return True
        last = self._last
        highlight = last.highlight if last is not None else None
        if not highlight:
            return False
        return body.startswith(highlight)

    def caller_text(self) -> Iterator[str]:
        """Yield every piece of text in the application, as the caller gave it."""
        yield from caller_strings(self.application)


_INIT_FIELDS: Final = tuple(f for f in attrs.fields(RenderContext) if f.init)


class _Frame(NamedTuple):
    """The parts of a message that depend on its audience, not its kind."""

    greeting: str | None
    closing: str | None
    signature: tuple[str, ...]
    recipients: tuple[Mailbox, ...]
    sender: Mailbox
    in_reply_to: str | None
    references: tuple[str, ...]
    opening: str | None
    """The language's opening line, written before the body."""
    lowers_first_word: bool
    """Whether the word after the greeting is lowered (see `_lowers_first_word`)."""


_GIVEN: Final = "%(given)s"
_FAMILY: Final = "%(family)s"


def _family_first(pattern: str) -> bool:
    family = pattern.find(_FAMILY)
    given = pattern.find(_GIVEN)
    return 0 <= family < given


def _latin(text: str) -> bool:
    # Every letter is a Latin one (accents included); ASCII text is.
    return text.isascii() or all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN ") for c in text
    )


def _isolator(right_to_left: bool) -> Callable[[str], str]:  # noqa: FBT001
    # RenderContext.isolate for one direction; most caller text is ASCII,
    # which no right-to-left character is.
    if right_to_left:

        def isolate(value: str) -> str:
            if value.isascii():
                return f"{FSI}{value}{PDI}" if value else value
            return value if _right_to_left(value) else f"{FSI}{value}{PDI}"

    else:

        def isolate(value: str) -> str:
            if value.isascii() or not _right_to_left(value):
                return value
            return f"{FSI}{value}{PDI}"

    return isolate


class _LocaleData:
    """What a context reads of its locale, looked up once per pair of tags."""

    __slots__ = (
        "cldr",
        "conventions",
        "format_date",
        "frame_phrases",
        "full_name",
        "full_name_pattern",
        "isolate",
        "latin_names_given_first",
        "reply_within_days",
        "right_to_left",
        "translations",
    )

    def __init__(  # noqa: PLR0917 - private, built in one place
        self,
        cldr: babel.Locale,
        conventions: Conventions,
        translations: gettext.NullTranslations,
        right_to_left: bool,  # noqa: FBT001
        reply_within_days: int | None,
        full_name_pattern: str,
        format_date: Callable[[dt.date], str],
    ) -> None:
        self.cldr = cldr
        self.conventions = conventions
        self.translations = translations
        self.right_to_left = right_to_left
        self.isolate = _isolator(right_to_left)
        self.latin_names_given_first = conventions.latin_names_given_first
        self.reply_within_days = reply_within_days
        self.full_name_pattern = full_name_pattern
        self.format_date = format_date
        self.frame_phrases: dict[tuple[str, str, bool | None], str] = {}
        self.full_name = self._full_name_writer(full_name_pattern)

    def _full_name_writer(self, pattern: str) -> Callable[[PersonName], str]:
        # The pattern is fixed per locale: only where names in Latin letters
        # can trade places does writing one need more than the pattern, and
        # a pattern of the two names and plain text is written as an
        # f-string, several times faster than the % operator with a dict.
        if self.latin_names_given_first and _family_first(pattern):

            def full_name(name: PersonName) -> str:
                return pattern % self.name_values(name, pattern)

            return full_name
        given = pattern.find(_GIVEN)
        family = pattern.find(_FAMILY)
        if given < 0 or family < 0 or pattern.count("%") != 2:  # noqa: PLR2004 - one % for each name

            def full_name(name: PersonName) -> str:
                return pattern % {"given": name.given, "family": name.family}

        elif given < family:
            before, after = pattern[:given], pattern[family + len(_FAMILY) :]
            between = pattern[given + len(_GIVEN) : family]

            def full_name(name: PersonName) -> str:
                return f"{before}{name.given}{between}{name.family}{after}"

        else:
            before, after = pattern[:family], pattern[given + len(_GIVEN) :]
            between = pattern[family + len(_FAMILY) : given]

            def full_name(name: PersonName) -> str:
                return f"{before}{name.family}{between}{name.given}{after}"

        return full_name

    def name_values(self, name: PersonName, pattern: str) -> dict[str, str]:
        # The values of a pattern that writes a name. Where the language puts
        # its own family names first but a name in Latin letters keeps the
        # given name first (Japanese: "Jordan Lee様"), such a name's parts
        # trade places in a pattern that writes both, family name first.
        given, family = name.given, name.family
        if (
            self.latin_names_given_first
            and _family_first(pattern)
            and _latin(given)
            and _latin(family)
        ):
            given, family = family, given
        return {"given": given, "family": family}

    # The frame asks for a few phrases again and again, so they are keyed
    # by plain values: the tone's and the addressee's (a contact's form of
    # address has the value of its addressee), as an enum member hashes in
    # Python.

    def greeting(self, tone: str, addressee: str, *, titled: bool) -> str:
        key = (tone, addressee, titled)
        try:
            return self.frame_phrases[key]
        except KeyError:
            phrase = self.conventions.greeting(
                Tone(tone), Addressee(addressee), titled=titled
            )
            return self._remember(key, phrase)

    def closing(self, tone: str, addressee: str) -> str:
        key = (tone, addressee, None)
        try:
            return self.frame_phrases[key]
        except KeyError:
            phrase = self.conventions.closing(Tone(tone), Addressee(addressee))
            return self._remember(key, phrase)

    def _remember(self, key: tuple[str, str, bool | None], phrase: Phrase) -> str:
        text = self.translations.pgettext(phrase.context, phrase.msgid)
        self.frame_phrases[key] = text
        return text


@functools.lru_cache(maxsize=256)
def _locale_data(locale: str, requested_locale: str) -> _LocaleData:
    cldr = _i18n.cldr(locale)
    conventions = _i18n.conventions_for(locale)
    translations = _i18n.translations(locale)
    # How soon to reply is the recipient's custom: the language asked
    # for, even where a kind falls back to its default language.
    served = _i18n.match_locale(requested_locale)
    recipient = _i18n.conventions_for(served) if served else conventions
    date_format = conventions.date_format

    @functools.lru_cache(maxsize=4096)
    def written_date(date: dt.date) -> str:
        return format_date(date, format=date_format, locale=cldr)

    return _LocaleData(
        cldr,
        conventions,
        translations,
        _i18n.right_to_left(locale),
        recipient.reply_within_days,
        translations.pgettext(FULL_NAME.context, FULL_NAME.msgid),
        written_date,
    )


_i18n.clear_with_locales(_locale_data.cache_clear)


def _conversations_with(manager: Contact | None, application: Application) -> int:
    # Where interviewers are recorded, count the manager's own interviews.
    interviews = application.interviews
    recorded = list(filter(None, map(_INTERVIEWERS, interviews)))
    if manager is None or not recorded:
        return len(interviews)
    name = manager.name
    return max(1, sum(map(operator.contains, recorded, itertools.repeat(name))))


def caller_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from caller_strings(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from caller_strings(item)


@functools.lru_cache(maxsize=1024)
def _pgettext(catalog: gettext.NullTranslations, context: str, msgid: str) -> str:
    # Keyed by what repeats: a locale's catalog and the frame's phrases.
    return catalog.pgettext(context, msgid)
