"""A pseudo-locale: English with every catalog string accented and padded.

Rendering in it shows at a glance which words came from the catalogs and
which bypassed them: anything still plain ASCII is either caller data, Babel
output (dates, list words) or a bug.
"""

from __future__ import annotations

import gettext
from typing import Final

from rejectkit._i18n._catalogs import set_pseudo_translations, translations
from rejectkit._i18n._locales import (
    DEFAULT_LOCALE,
    register_pseudo_locale,
    unregister_pseudo_locale,
)
from rejectkit._i18n._precompiled import PLACEHOLDER

PSEUDO_LOCALE: Final = "en_XA"
"""The tag of the pseudo-locale (CLDR's own tag for pseudo-accents)."""

_ACCENTED: Final = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)


def pseudo(text: str) -> str:
    """Accent every letter outside placeholders and pad the text by a third.

    Args:
        text: A catalog string.

    Returns:
        The pseudo-translated string, placeholders untouched.
    """
    pieces = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        pieces.append(text[last : match.start()].translate(_ACCENTED))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(_ACCENTED))
    padding = "·" * max(1, len(text) // 3)
    return f"⟦{''.join(pieces)}{padding}⟧"


class PseudoTranslations(gettext.NullTranslations):
    """Translations that transform exactly the strings the English catalog has."""

    def __init__(self, source: gettext.NullTranslations) -> None:
        super().__init__()
        self._source = source
        self._known: frozenset[object] = frozenset(getattr(source, "_catalog", {}))

    def _has(self, key: object) -> bool:
        return key in self._known

    # What the source lacks goes to the fallback (rejectkit's pseudo
    # catalog, for a plugin), as gettext does.

    def gettext(self, message: str) -> str:
        if self._has(message):
            return pseudo(self._source.gettext(message))
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if self._has((msgid1, 0)):
            return pseudo(self._source.ngettext(msgid1, msgid2, n))
        return super().ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        if self._has(f"{context}\x04{message}"):
            return pseudo(self._source.pgettext(context, message))
        return super().pgettext(context, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        if self._has((f"{context}\x04{msgid1}", 0)):
            return pseudo(self._source.npgettext(context, msgid1, msgid2, n))
        return super().npgettext(context, msgid1, msgid2, n)


def install_pseudo_locale(tag: str = PSEUDO_LOCALE) -> str:
    """Register the pseudo-locale so `generate` and `compose` accept it.

    Args:
        tag: Its tag.

    Returns:
        The tag.
    """
    register_pseudo_locale(tag, DEFAULT_LOCALE)
    set_pseudo_translations(
        tag, PseudoTranslations(translations(DEFAULT_LOCALE)), PseudoTranslations
    )
    return tag


def uninstall_pseudo_locale(tag: str = PSEUDO_LOCALE) -> None:
    """Remove the pseudo-locale again.

    Args:
        tag: Its tag.
    """
    unregister_pseudo_locale(tag)
    set_pseudo_translations(tag, None)
