"""Which locale a caller asked for, and which shipped locale serves it.

Locales are handled as tags (``"de"``, ``"en_GB"``, ``"pt_BR"``). A tag is
checked for shape before Babel sees it, so a value such as ``../../etc``
never reaches Babel's data loader or the filesystem.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final

import babel
from babel import localedata
from babel.core import UnknownLocaleError

from rejectkit.exceptions import UnsupportedLocaleError

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_LOCALE: Final = "en"
SUPPORTED_LOCALES: Final = (
    "en",
    "en_GB",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pt_BR",
    "pl",
    "sv",
    "ja",
)
"""The locales whose catalogs ship with rejectkit, default first."""

# A language subtag, then script/region/variant subtags, then an optional
# POSIX codeset and modifier as found in $LANG (de_DE.UTF-8, de_DE@euro).
_WELL_FORMED: Final = re.compile(
    r"(?P<tag>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3})"
    r"(?:\.[A-Za-z0-9-]{1,20})?(?:@[A-Za-z0-9]{1,20})?"
)
_SHIPPED_BY_LOWER: Final = {tag.lower(): tag for tag in SUPPORTED_LOCALES}
# Languages shipped in one region only serve every region of that language.
_ALIASES: Final = {"pt": "pt_BR"}

# Pseudo-locales registered for testing: tag -> the CLDR locale behind it.
_PSEUDO: dict[str, str] = {}


def _supported_list() -> str:
    return ", ".join(SUPPORTED_LOCALES)


def _available() -> tuple[str, ...]:
    return (*SUPPORTED_LOCALES, *_PSEUDO)


def language(tag: str) -> str:
    """Return the language part of a tag: ``"en"`` for ``"en_GB"``."""
    return tag.split("_", 1)[0]


def register_pseudo_locale(tag: str, base: str = DEFAULT_LOCALE) -> None:
    """Let *tag* be parsed as a locale that writes with *base*'s CLDR data.

    Used for a pseudo-locale in tests; see `rejectkit.testing`.

    Args:
        tag: A tag CLDR does not know, such as ``"en_XA"``.
        base: The shipped locale whose dates and lists it uses.
    """
    _PSEUDO[tag] = base
    _clear_caches()


def unregister_pseudo_locale(tag: str) -> None:
    """Undo `register_pseudo_locale`.

    Args:
        tag: The pseudo-locale's tag.
    """
    _PSEUDO.pop(tag, None)
    _clear_caches()


_DEPENDENT_CACHES: list[Callable[[], None]] = []


def clear_with_locales(cache_clear: Callable[[], None]) -> None:
    """Have *cache_clear* called whenever a pseudo-locale or its catalog changes.

    Args:
        cache_clear: Clears a cache built from locale data.
    """
    _DEPENDENT_CACHES.append(cache_clear)


def clear_dependent_caches() -> None:
    """Clear the caches registered with `clear_with_locales`."""
    for cache_clear in _DEPENDENT_CACHES:
        cache_clear()


def _clear_caches() -> None:
    for cached in (cldr, right_to_left, _resolve_tag, _parse_tag, match_locale):
        cached.cache_clear()
    clear_dependent_caches()


def parse_locale(value: object) -> str:
    """Parse a locale given as a tag, a POSIX value or a `babel.Locale`.

    Args:
        value: ``"de"``, ``"de_DE"``, ``"de-AT"``, ``"de_DE.UTF-8"``,
            ``"C"``, ``"POSIX"`` or a `babel.Locale`.

    Returns:
        The canonical tag, such as ``"de_AT"``; ``C`` and ``POSIX`` are
        ``"en"``.

    Raises:
        UnsupportedLocaleError: *value* is not a well-formed locale known to
            CLDR (nor a registered pseudo-locale).
    """
    if isinstance(value, babel.Locale):
        return str(value)
    if isinstance(value, str):
        return _parse_tag(value)
    raise UnsupportedLocaleError(
        f"locale: {value!r} is not a locale tag; supported: {_supported_list()}"
    )


@functools.lru_cache(maxsize=256)
def _parse_tag(value: str) -> str:
    # Callers pass the same few tags again and again; a tag that fails
    # raises, and is not kept.
    if value.split(".", maxsplit=1)[0] in {"C", "POSIX"}:
        return DEFAULT_LOCALE
    match = _WELL_FORMED.fullmatch(value)
    if match is None:
        raise UnsupportedLocaleError(
            f"locale: {value!r} is not a locale tag; supported: {_supported_list()}"
        )
    canonical = match["tag"].replace("-", "_").lower()
    for pseudo in _PSEUDO:
        if canonical == pseudo.lower():
            return pseudo
    # Only identifiers CLDR ships are handed to Babel, so caller text never
    # becomes a path in Babel's data loader. The shipped locales are among
    # them, which spares listing Babel's data folder for the usual tags.
    known = _SHIPPED_BY_LOWER.get(canonical) or _known_identifiers().get(canonical)
    if known is None:
        raise UnsupportedLocaleError(
            f"locale: {value!r} is not a known locale; supported: {_supported_list()}"
        )
    try:
        return str(babel.Locale.parse(known))
    except (UnknownLocaleError, ValueError) as exc:  # pragma: no cover - CLDR data
        raise UnsupportedLocaleError(
            f"locale: {value!r} is not a known locale; supported: {_supported_list()}"
        ) from exc


@functools.cache
def _known_identifiers() -> dict[str, str]:
    return {ident.lower(): ident for ident in localedata.locale_identifiers()}


@functools.lru_cache(maxsize=256)
def match_locale(tag: str) -> str | None:
    """Return the shipped locale that serves *tag*, or ``None``.

    An exact match wins; otherwise the language decides (``de_AT`` to
    ``de``, ``en_AU`` to ``en``, ``pt`` and ``pt_PT`` to ``pt_BR``).

    Args:
        tag: A canonical tag from `parse_locale`.

    Returns:
        A shipped (or registered pseudo-) locale tag, or ``None``.
    """
    available = list(_available())
    language = tag.split("_", maxsplit=1)[0]
    return babel.negotiate_locale([tag, language], available, aliases=_ALIASES)


def resolve_locale(value: object, *, strict: bool = False) -> tuple[str, str]:
    """Match a requested locale against the locales rejectkit ships.

    Args:
        value: The requested locale, as accepted by `parse_locale`.
        strict: Raise instead of falling back to English.

    Returns:
        The requested tag and the tag that will be used.

    Raises:
        UnsupportedLocaleError: *value* is not a locale, or it is not
            supported and *strict* is set.
    """
    if isinstance(value, str):
        return _resolve_tag(value, strict)
    return _resolve(value, strict=strict)


@functools.lru_cache(maxsize=256)
def _resolve_tag(value: str, strict: bool) -> tuple[str, str]:  # noqa: FBT001
    # Callers pass the same few locale strings again and again; positional,
    # as the cache keys keyword arguments more slowly.
    return _resolve(value, strict=strict)


def _resolve(value: object, *, strict: bool) -> tuple[str, str]:
    requested = parse_locale(value)
    used = match_locale(requested)
    if used is None:
        if strict:
            raise UnsupportedLocaleError(
                f"locale: {requested!r} is not supported; "
                f"supported: {_supported_list()}"
            )
        used = DEFAULT_LOCALE
    return requested, used


@functools.cache
def cldr(tag: str) -> babel.Locale:
    """Return the Babel locale whose CLDR data a shipped locale writes with.

    Args:
        tag: A shipped or pseudo-locale tag.

    Returns:
        The Babel locale.
    """
    return babel.Locale.parse(_PSEUDO.get(tag, tag))


@functools.cache
def right_to_left(tag: str) -> bool:
    """Say whether a shipped or pseudo-locale is written right to left.

    Args:
        tag: A shipped or pseudo-locale tag.

    Returns:
        Whether CLDR gives the locale a right-to-left character order.
    """
    return bool(cldr(tag).character_order == "right-to-left")


def supported_locales() -> tuple[babel.Locale, ...]:
    """Return the locales rejectkit ships, default first."""
    return tuple(cldr(tag) for tag in SUPPORTED_LOCALES)
