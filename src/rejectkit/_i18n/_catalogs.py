"""Message catalogs and the per-locale template environments.

Each locale gets its own Jinja2 environment with its own translations
installed, so threads rendering different languages never share gettext
state. Both are built on first use and cached per locale tag. The
environments share the compiled code of rejectkit's templates, so each
template is compiled once per process rather than once per language.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Final

import jinja2
from babel.support import Translations

from rejectkit._i18n._conventions import SENTENCES
from rejectkit._i18n._locales import _PSEUDO

if TYPE_CHECKING:
    import gettext
    from types import CodeType

    from jinja2.bccache import Bucket

DOMAIN: Final = "rejectkit"
"""The gettext domain of rejectkit's own catalogs."""

# The environment options that change what a template's msgids are. The
# extraction settings in babel.cfg must match them; a test checks it.
ENVIRONMENT_OPTIONS: Final = {
    "extensions": ("jinja2.ext.i18n",),
    "trim_blocks": False,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
    "newstyle_gettext": True,
    "trimmed": True,
}

# Translations for registered pseudo-locales, built by rejectkit.testing.
_PSEUDO_TRANSLATIONS: dict[str, gettext.NullTranslations] = {}


def locale_dir() -> str:
    """Return the directory that holds ``<tag>/LC_MESSAGES/rejectkit.mo``."""
    return str(resources.files("rejectkit") / "locale")


@functools.cache
def translations(tag: str) -> gettext.NullTranslations:
    """Return the message catalog of a shipped locale.

    Args:
        tag: A tag returned by `resolve_locale`.

    Returns:
        The compiled catalog. A shipped locale always has one; a missing
        file is a packaging error and raises instead of falling back.

    Raises:
        FileNotFoundError: The compiled catalog is missing.
    """
    if tag in _PSEUDO:
        return _PSEUDO_TRANSLATIONS[tag]
    loaded = Translations.load(locale_dir(), [tag], domain=DOMAIN)
    if not isinstance(loaded, Translations):
        msg = f"no compiled {DOMAIN} catalog for {tag!r} in {locale_dir()}"
        raise FileNotFoundError(msg)
    return loaded


def set_pseudo_translations(tag: str, catalog: gettext.NullTranslations | None) -> None:
    """Install (or with ``None`` remove) the catalog of a pseudo-locale.

    Args:
        tag: The pseudo-locale's tag.
        catalog: Its translations.
    """
    if catalog is None:
        _PSEUDO_TRANSLATIONS.pop(tag, None)
    else:
        _PSEUDO_TRANSLATIONS[tag] = catalog
    translations.cache_clear()
    environment.cache_clear()


class _SharedCode(jinja2.BytecodeCache):
    """Compiled template code, shared by the environments of every locale.

    The built-in environments differ only in their translations and globals,
    which a template looks up when it renders, so code compiled for one
    language runs unchanged in all of them. Entries are keyed by template and
    source checksum, and there are at most *limit* of them.
    """

    def __init__(self, limit: int) -> None:
        self._code: dict[tuple[str, str], CodeType] = {}
        self._limit = limit

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None and len(self._code) < self._limit:
            self._code[bucket.key, bucket.checksum] = bucket.code

    def clear(self) -> None:
        self._code.clear()


_SHARED_CODE: Final = _SharedCode(limit=256)


def template_loader() -> jinja2.BaseLoader:
    """Return the loader for the templates that ship with rejectkit."""
    return jinja2.PackageLoader("rejectkit", "templates")


def new_environment(
    loader: jinja2.BaseLoader, catalog: gettext.NullTranslations
) -> jinja2.Environment:
    """Create a strict template environment with *catalog* installed.

    Args:
        loader: Where the templates come from.
        catalog: The translations to render with.

    Returns:
        The environment, configured as `ENVIRONMENT_OPTIONS` says.
    """
    options = ENVIRONMENT_OPTIONS
    env = jinja2.Environment(
        loader=loader,
        extensions=list(options["extensions"]),  # type: ignore[call-overload]
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=bool(options["trim_blocks"]),
        lstrip_blocks=bool(options["lstrip_blocks"]),
        keep_trailing_newline=bool(options["keep_trailing_newline"]),
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = options["trimmed"]
    env.install_gettext_translations(  # type: ignore[attr-defined]
        catalog, newstyle=bool(options["newstyle_gettext"])
    )
    join = catalog.pgettext(SENTENCES.context, SENTENCES.msgid)

    def sentences(first: str, second: str) -> str:
        """Join two sentences of one paragraph as the language does."""
        return join % {"first": first, "second": second}

    env.globals["sentences"] = sentences
    return env


@functools.lru_cache(maxsize=64)
def environment(tag: str) -> jinja2.Environment:
    """Return the template environment of one locale.

    Args:
        tag: A tag returned by `resolve_locale`.

    Returns:
        A strict environment with that locale's translations installed.
    """
    env = new_environment(template_loader(), translations(tag))
    env.bytecode_cache = _SHARED_CODE
    return env
