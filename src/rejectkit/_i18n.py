"""Locale matching, translations and the per-locale template environments.

Each locale gets its own Jinja2 environment with its translations installed,
so two threads rendering different languages never share gettext state.
"""

from __future__ import annotations

import functools
import gettext
import re
from typing import Final

import babel
import jinja2
from babel.core import UnknownLocaleError

from rejectkit.exceptions import UnsupportedLocaleError

DEFAULT_LOCALE: Final = "en"
SUPPORTED_LOCALES: Final = ("en",)
"""The languages whose catalogs ship with rejectkit, default first."""

# A language subtag, then region/script/variant subtags, then an optional
# POSIX codeset and modifier as found in $LANG (de_DE.UTF-8, de_DE@euro).
_WELL_FORMED: Final = re.compile(
    r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*(?:\.[A-Za-z0-9-]{1,20})?(?:@[A-Za-z0-9]{1,20})?"
)
# Which shipped catalog serves a language that has several regions.
_ALIASES: Final = {"en": "en"}


def _supported_list() -> str:
    return ", ".join(SUPPORTED_LOCALES)


def parse_locale(value: object) -> babel.Locale:
    """Parse a locale given as a tag, a POSIX value or a `babel.Locale`.

    Args:
        value: ``"de"``, ``"de_DE"``, ``"de-AT"``, ``"de_DE.UTF-8"``,
            ``"C"``, ``"POSIX"`` or a `babel.Locale`.

    Returns:
        The parsed locale; ``C`` and ``POSIX`` mean English.

    Raises:
        UnsupportedLocaleError: *value* is not a well-formed locale known to
            CLDR. The value never reaches Babel's data loader unless it is
            well formed.
    """
    if isinstance(value, babel.Locale):
        return value
    if not isinstance(value, str) or not _WELL_FORMED.fullmatch(value):
        if value in {"C", "POSIX"}:
            return babel.Locale(DEFAULT_LOCALE)
        raise UnsupportedLocaleError(
            f"locale: {value!r} is not a locale tag; supported: {_supported_list()}"
        )
    tag = re.split(r"[.@]", value, maxsplit=1)[0]
    if tag in {"C", "POSIX"}:
        return babel.Locale(DEFAULT_LOCALE)
    try:
        return babel.Locale.parse(tag, sep="-" if "-" in tag else "_")
    except (UnknownLocaleError, ValueError) as exc:
        raise UnsupportedLocaleError(
            f"locale: {value!r} is not a known locale; supported: {_supported_list()}"
        ) from exc


def resolve_locale(
    value: object, *, strict: bool = False
) -> tuple[babel.Locale, babel.Locale]:
    """Match a requested locale against the languages rejectkit ships.

    A supported language in another region falls back to that language
    (``de_AT`` to ``de``); with *strict* unset, any other valid locale falls
    back to English.

    Args:
        value: The requested locale, as accepted by `parse_locale`.
        strict: Raise instead of falling back to English.

    Returns:
        The requested locale and the locale that will be used.

    Raises:
        UnsupportedLocaleError: *value* is not a locale, or it is not
            supported and *strict* is set.
    """
    requested = parse_locale(value)
    match = babel.negotiate_locale(
        [str(requested)], list(SUPPORTED_LOCALES), aliases=_ALIASES
    )
    if match is None:
        if strict:
            raise UnsupportedLocaleError(
                f"locale: {str(requested)!r} is not supported; "
                f"supported: {_supported_list()}"
            )
        match = DEFAULT_LOCALE
    return requested, _shipped(match)


@functools.cache
def _shipped(tag: str) -> babel.Locale:
    return babel.Locale.parse(tag)


def supported_locales() -> tuple[babel.Locale, ...]:
    """Return the locales rejectkit ships, default first."""
    return tuple(_shipped(tag) for tag in SUPPORTED_LOCALES)


@functools.cache
def translations(locale: babel.Locale) -> gettext.NullTranslations:
    """Return the message catalog for a shipped locale.

    Args:
        locale: A locale returned by `resolve_locale`.

    Returns:
        The translations; English, the source language, has none.
    """
    del locale
    return gettext.NullTranslations()


def template_loader() -> jinja2.BaseLoader:
    """Return the loader for the templates that ship with rejectkit."""
    return jinja2.PackageLoader("rejectkit", "templates")


@functools.cache
def environment(locale: babel.Locale) -> jinja2.Environment:
    """Return the template environment for one locale.

    Args:
        locale: A locale returned by `resolve_locale`.

    Returns:
        A strict environment with that locale's translations installed.
    """
    env = jinja2.Environment(
        loader=template_loader(),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations(locale), newstyle=True
    )
    return env
