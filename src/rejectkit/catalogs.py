"""Extract, check and compile a package's gettext catalogs as rejectkit does.

A plugin package that ships its own templates and catalogs uses the same
three steps rejectkit uses on its own:

- `extract_templates` is a Babel extraction method that reads templates
  with the settings rendering uses, so the msgids Babel extracts are the
  ones rendering looks up. Name it in ``babel.cfg``::

      [rejectkit.catalogs.extract_templates: src/my_plugin/templates/**.txt]

- `check_catalogs` finds what Babel lets through: a translation that drops
  or invents a ``%(name)s`` placeholder, a plural form serving several
  numbers without ``%(count)s``, untranslated and fuzzy entries, a stale
  ``.pot`` and compiled files whose messages differ from their source
  (``rejectkit catalogs check DIR`` on the command line).
- `compile_catalogs` writes each ``.mo`` beside its ``.po``, with the keys
  in the order GNU gettext searches (``rejectkit catalogs compile DIR``).
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Final

from jinja2.ext import babel_extract

from rejectkit._i18n._check import catalog_domain, check_catalogs
from rejectkit._i18n._compiled import ENVIRONMENT_OPTIONS
from rejectkit._i18n._mofile import compile_tree

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping
    from pathlib import Path

__all__ = ["check_catalogs", "compile_catalogs", "extract_templates"]

_EXTRACTION_OPTIONS: Final = {
    name: ",".join(value) if isinstance(value, tuple) else str(value).lower()
    for name, value in ENVIRONMENT_OPTIONS.items()
} | {"silent": "false"}


def extract_templates(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, object],
) -> Iterator[tuple[int, str, str | tuple[str | None, ...] | None, list[str]]]:
    """Extract the messages of a template as rendering will look them up.

    A Babel extraction method: Jinja2's own, with rejectkit's template
    settings (trimmed ``{% trans %}`` blocks, new-style gettext, the block
    whitespace rules) in place of any given in ``babel.cfg``, so the two
    cannot drift apart. A syntax error is raised, not skipped.

    Args:
        fileobj: The template file, opened in binary mode.
        keywords: The gettext function names to look for.
        comment_tags: The prefixes of comments meant for translators.
        options: The options from ``babel.cfg`` (``encoding``, say).

    Yields:
        ``(lineno, funcname, message, comments)``, as Babel expects.
    """
    merged = {**{k: str(v) for k, v in options.items()}, **_EXTRACTION_OPTIONS}
    yield from babel_extract(fileobj, keywords, comment_tags, merged)  # type: ignore[arg-type]


def compile_catalogs(locale_dir: Path, domain: str | None = None) -> list[Path]:
    """Compile every ``<tag>/LC_MESSAGES/<domain>.po`` into the ``.mo`` beside it.

    The keys are written in the byte order GNU gettext searches (``pybabel
    compile`` writes another), and the same ``.po`` always gives the same
    bytes, whatever Babel release reads it. A ``.mo`` that already holds
    them is left untouched.

    Args:
        locale_dir: The package's ``locale`` directory.
        domain: The gettext domain; by default the only one there.

    Returns:
        The ``.mo`` files, in the order of their locale folders.

    Raises:
        ValidationError: No catalog of *domain* is there, or several
            domains are and none was chosen.
    """
    return compile_tree(locale_dir, catalog_domain(locale_dir, domain))
