"""How each language frames a letter: one table of structure and msgids.

The table says *which* phrase a language uses where (a greeting with or
without the name, an opening line, lower case after the greeting); the
catalogs say how each phrase is worded. A language that needs a phrase the
others do not use still gets it from the shared catalog, so every catalog
stays complete.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

import attrs

from rejectkit._i18n._locales import _PSEUDO
from rejectkit._models import FormOfAddress, Tone

__all__ = [
    "CONVENTIONS",
    "FULL_NAME",
    "SENTENCES",
    "Addressee",
    "Conventions",
    "Phrase",
    "conventions_for",
]


@attrs.frozen
class Phrase:
    """A msgid with its gettext context, as extracted into the catalogs.

    Attributes:
        context: The msgctxt, telling translators where the phrase stands.
        msgid: The English source text, with ``%(name)s`` placeholders.
    """

    context: str
    msgid: str


def P(context: str, msgid: str) -> Phrase:  # noqa: N802 - extraction keyword
    """Mark a phrase for extraction with its context.

    Args:
        context: The msgctxt.
        msgid: The English source text.

    Returns:
        The phrase.
    """
    return Phrase(context, msgid)


class Addressee(enum.Enum):
    """Whom a greeting or closing addresses."""

    TEAM = "team"
    NEUTRAL = "neutral"
    FEMININE = "feminine"
    MASCULINE = "masculine"

    @classmethod
    def of(cls, form: FormOfAddress) -> Addressee:
        """Return the addressee for a contact's form of address.

        Args:
            form: The contact's form of address.

        Returns:
            The matching addressee.
        """
        return _ADDRESSEE_OF[form]


_ADDRESSEE_OF: Final = {form: Addressee(form.value) for form in FormOfAddress}

GreetingKey = tuple[Tone, Addressee, bool]
"""Tone, addressee and whether an academic title is used."""
ClosingKey = tuple[Tone, Addressee]

_F, _W = Tone.FORMAL, Tone.WARM
_TEAM, _NEUTRAL = Addressee.TEAM, Addressee.NEUTRAL
_FEM, _MASC = Addressee.FEMININE, Addressee.MASCULINE

# Phrases only some languages use, named so the table below reads plainly.
# TRANSLATORS: used where the language greets a company without naming it.
SIR_OR_MADAM: Final = P(
    "greeting: formal, to the hiring team, without the company", "Dear Sir or Madam,"
)
MADAM: Final = P("greeting: formal, feminine, without the name", "Dear Madam,")
SIR: Final = P("greeting: formal, masculine, without the name", "Dear Sir,")
HELLO: Final = P("greeting: formal, neutral, without the name", "Hello,")
HELLO_FAMILY: Final = P("greeting: warm, by family name", "Hello %(family)s,")
OPENING: Final = P(
    "opening line after the greeting, for languages whose letters start "
    "with a set phrase (Japanese)",
    "I hope you are well. This is %(name)s.",
)
FULL_NAME: Final = P("a person's full name", "%(given)s %(family)s")
SENTENCES: Final = P(
    "two sentences in one paragraph (Japanese joins them without a space)",
    "%(first)s %(second)s",
)

_DEFAULT_GREETINGS: Final[Mapping[GreetingKey, Phrase]] = {
    (_F, _TEAM, False): P(
        "greeting: formal, to the hiring team", "Dear %(company)s hiring team,"
    ),
    (_F, _NEUTRAL, False): P("greeting: formal, neutral", "Dear %(given)s %(family)s,"),
    (_F, _FEM, False): P("greeting: formal, feminine", "Dear Ms. %(family)s,"),
    (_F, _MASC, False): P("greeting: formal, masculine", "Dear Mr. %(family)s,"),
    (_F, _NEUTRAL, True): P(
        "greeting: formal, neutral, with title", "Dear %(title)s %(family)s,"
    ),
    (_F, _FEM, True): P(
        "greeting: formal, feminine, with title", "Dear %(title)s %(family)s,"
    ),
    (_F, _MASC, True): P(
        "greeting: formal, masculine, with title", "Dear %(title)s %(family)s,"
    ),
    (_W, _TEAM, False): P(
        "greeting: warm, to the hiring team", "Hello %(company)s team,"
    ),
    (_W, _NEUTRAL, False): P("greeting: warm, neutral", "Dear %(given)s,"),
    (_W, _FEM, False): P("greeting: warm, feminine", "Dear %(given)s,"),
    (_W, _MASC, False): P("greeting: warm, masculine", "Dear %(given)s,"),
}

_DEFAULT_CLOSINGS: Final[Mapping[ClosingKey, Phrase]] = {
    (_F, _TEAM): P("closing: formal, after greeting the hiring team", "Kind regards,"),
    (_F, _NEUTRAL): P("closing: formal, neutral", "Kind regards,"),
    (_F, _FEM): P("closing: formal, feminine", "Kind regards,"),
    (_F, _MASC): P("closing: formal, masculine", "Kind regards,"),
    (_W, _TEAM): P("closing: warm", "Best wishes,"),
    (_W, _NEUTRAL): P("closing: warm", "Best wishes,"),
    (_W, _FEM): P("closing: warm", "Best wishes,"),
    (_W, _MASC): P("closing: warm", "Best wishes,"),
}


@attrs.frozen(kw_only=True)
class Conventions:
    """How one language frames a letter.

    Attributes:
        tag: The locale tag, such as ``"de"`` or ``"en_GB"``.
        greetings: The greeting phrase for each tone, addressee and use of
            an academic title.
        closings: The closing phrase for each tone and addressee (French
            and British closings follow the greeting).
        titles_in_greeting: Whether greetings use the contact's academic
            title.
        lowercase_after_greeting: Whether the first word after a greeting
            that ends in a comma is written in lower case.
        keep_capitalized: Words never lowered there (polite pronouns).
        latin_names_given_first: Whether a name written in Latin letters
            keeps its given name first where the language writes its own
            names family name first (Japanese: "Jordan Lee様", "山田 太郎様").
        opening: A set phrase that opens every letter after the greeting.
        uncustomary: Kinds that are not customary in the language, with the
            reason; `compose` leaves them out and `generate` warns.
        reply_within_days: The most days a reply may wait, where custom
            asks for a quick one.
        date_format: The Babel date format used in running text.
    """

    tag: str
    greetings: Mapping[GreetingKey, Phrase] = _DEFAULT_GREETINGS
    closings: Mapping[ClosingKey, Phrase] = _DEFAULT_CLOSINGS
    titles_in_greeting: bool = True
    lowercase_after_greeting: bool = False
    keep_capitalized: frozenset[str] = frozenset()
    latin_names_given_first: bool = False
    opening: Phrase | None = None
    uncustomary: Mapping[str, str] = attrs.field(factory=dict)
    reply_within_days: int | None = None
    date_format: str = "long"

    def greeting(self, tone: Tone, addressee: Addressee, *, titled: bool) -> Phrase:
        """Return the greeting phrase to use.

        Args:
            tone: The message's tone.
            addressee: Whom the greeting addresses.
            titled: Whether the contact has an academic title.

        Returns:
            The phrase.
        """
        titled = titled and self.titles_in_greeting and tone is Tone.FORMAL
        return self.greetings[tone, addressee, titled and addressee is not _TEAM]

    def closing(self, tone: Tone, addressee: Addressee) -> Phrase:
        """Return the closing phrase to use.

        Args:
            tone: The message's tone.
            addressee: Whom the greeting addressed.

        Returns:
            The phrase.
        """
        return self.closings[tone, addressee]


def _with(**greetings: Phrase) -> Mapping[GreetingKey, Phrase]:
    """Return the default greetings with some replaced, named as tone_addressee."""
    table = dict(_DEFAULT_GREETINGS)
    for name, phrase in greetings.items():
        tone, addressee, *titled = name.split("_")
        keys = [(Tone(tone), Addressee(addressee), bool(titled))]
        if not titled and tone == "formal" and addressee != "team":
            keys.append((Tone(tone), Addressee(addressee), True))
        for key in keys:
            table[key] = phrase
    return table


_GERMAN_POLITE: Final = frozenset(
    {"Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren", "Ihrer", "Ihres"}
)
_POLISH_POLITE: Final = frozenset(
    {"Pan", "Pani", "Pana", "Panu", "Panią", "Panem", "Państwo", "Państwa", "Państwu"}
)
_JAPANESE_NO_ASKING: Final = (
    "in Japan a candidate does not ask why they were turned down; "
    "a short thank-you sent within a day is what is customary"
)

CONVENTIONS: Final[Mapping[str, Conventions]] = {
    "en": Conventions(tag="en"),
    "en_GB": Conventions(tag="en_GB", greetings=_with(formal_team=SIR_OR_MADAM)),
    "de": Conventions(
        tag="de",
        greetings=_with(formal_team=SIR_OR_MADAM),
        lowercase_after_greeting=True,
        keep_capitalized=_GERMAN_POLITE,
    ),
    "fr": Conventions(
        tag="fr",
        greetings=_with(
            formal_team=SIR_OR_MADAM, formal_feminine=MADAM, formal_masculine=SIR
        ),
        titles_in_greeting=False,
    ),
    "es": Conventions(tag="es"),
    "it": Conventions(tag="it"),
    # "Geachte mevrouw Jansen,": the Dutch salutation leaves academic
    # titles to the address block.
    "nl": Conventions(
        tag="nl", greetings=_with(formal_team=SIR_OR_MADAM), titles_in_greeting=False
    ),
    "pt_BR": Conventions(tag="pt_BR"),
    "pl": Conventions(
        tag="pl",
        greetings=_with(
            formal_team=SIR_OR_MADAM,
            formal_neutral=HELLO,
            formal_feminine=MADAM,
            formal_masculine=SIR,
        ),
        titles_in_greeting=False,
        lowercase_after_greeting=True,
        keep_capitalized=_POLISH_POLITE,
    ),
    "sv": Conventions(
        tag="sv",
        greetings=_with(
            formal_feminine=_DEFAULT_GREETINGS[_F, _NEUTRAL, False],
            formal_masculine=_DEFAULT_GREETINGS[_F, _NEUTRAL, False],
        ),
        titles_in_greeting=False,
        lowercase_after_greeting=True,
    ),
    "ja": Conventions(
        tag="ja",
        greetings=_with(
            warm_neutral=HELLO_FAMILY,
            warm_feminine=HELLO_FAMILY,
            warm_masculine=HELLO_FAMILY,
        ),
        titles_in_greeting=False,
        latin_names_given_first=True,
        opening=OPENING,
        uncustomary={"feedback-request": _JAPANESE_NO_ASKING},
        reply_within_days=1,
    ),
}
"""The conventions of each shipped locale."""


def conventions_for(tag: str) -> Conventions:
    """Return the conventions of a shipped locale or a pseudo-locale.

    Args:
        tag: A tag returned by `resolve_locale`.

    Returns:
        The conventions; a pseudo-locale has those of its base locale.
    """
    found = CONVENTIONS.get(tag)
    if found is None:
        found = attrs.evolve(CONVENTIONS[_PSEUDO.get(tag, "en")], tag=tag)
    return found
