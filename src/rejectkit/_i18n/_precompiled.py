"""Translate ``{% trans %}`` blocks once, when a template compiles.

Each locale has its own environment, so the translation of a block never
changes after the template is compiled. This extension looks it up then and
emits the translated text as constants with the placeholders as plain
variable output, so rendering costs what a hand-written template costs.
Plural blocks still choose their form when rendering, from the count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from jinja2 import nodes
from jinja2.ext import InternationalizationExtension

if TYPE_CHECKING:
    import gettext

    from jinja2.parser import Parser

__all__ = ["PLACEHOLDER", "PrecompiledTranslations", "placeholder_names"]

PLACEHOLDER: Final = re.compile(r"%\((\w+)\)s|%%")
"""A ``%(name)s`` placeholder (the name in group 1) or an escaped ``%%``."""


def placeholder_names(text: str) -> set[str]:
    """Return the names of the ``%(name)s`` placeholders in *text*."""
    return {m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1)}


class PrecompiledTranslations(InternationalizationExtension):
    """Jinja2's i18n extension, resolving singular messages at compile time.

    The environment's ``rejectkit_catalog`` attribute (set with
    ``Environment.extend``) holds the catalog to compile with. Without one,
    as when Babel extracts messages, it behaves exactly like
    ``jinja2.ext.i18n``; the msgids it sees are the same either way.

    A translation whose placeholders do not fit the template stops the
    template from compiling, with a syntax error at the block's line that
    names the catalog file, its language and the msgid: one that uses a
    name the template does not give (it could only fail later), and a
    singular one that leaves out a name the template gives.
    """

    def parse(self, parser: Parser) -> nodes.Node | list[nodes.Node]:
        """Parse a ``{% trans %}`` block, reporting a catalog that does not fit."""
        lineno = parser.stream.current.lineno
        try:
            return super().parse(parser)
        except _MismatchError as exc:
            parser.fail(str(exc), lineno)

    def _make_node(  # noqa: PLR0917 - Jinja2's signature
        self,
        singular: str,
        plural: str | None,
        context: str | None,
        variables: dict[str, nodes.Expr],
        plural_expr: nodes.Expr | None,
        vars_referenced: bool,  # noqa: FBT001
        num_called_num: bool,  # noqa: FBT001
    ) -> nodes.Output:
        catalog: gettext.NullTranslations | None = getattr(
            self.environment, "rejectkit_catalog", None
        )
        if catalog is not None:
            _check_translation(catalog, singular, plural, context, set(variables))
        if catalog is None or plural_expr is not None:
            return super()._make_node(
                singular,
                plural,
                context,
                variables,
                plural_expr,
                vars_referenced,
                num_called_num,
            )
        if context is None:
            translated = catalog.gettext(singular)
        else:
            translated = catalog.pgettext(context, singular)
        return nodes.Output(_pieces(translated, variables))


class _MismatchError(Exception):
    """A translation's placeholders do not fit its template; see parse()."""


def _holder(
    catalog: gettext.NullTranslations, key: object
) -> gettext.NullTranslations | None:
    # The catalog in the fallback chain whose file holds *key*.
    current: gettext.NullTranslations | None = catalog
    while current is not None:
        if key in getattr(current, "_catalog", {}):
            return current
        current = getattr(current, "_fallback", None)
    return None


def _check_translation(
    catalog: gettext.NullTranslations,
    singular: str,
    plural: str | None,
    context: str | None,
    given: set[str],
) -> None:
    key = singular if context is None else f"{context}\x04{singular}"
    holder = _holder(catalog, key if plural is None else (key, 0))
    if holder is None:
        return
    table = getattr(holder, "_catalog")  # noqa: B009 - GNUTranslations' own table
    if plural is None:
        found = {0: table[key]}
    else:
        found = {}
        while (key, len(found)) in table:
            found[len(found)] = table[key, len(found)]
    files = getattr(holder, "files", None) or ["a catalog"]
    language = holder.info().get("language", "?")
    where = f"{files[0]} ({language}): the translation of {singular!r}"
    for index, text in found.items():
        names = placeholder_names(text)
        form = "" if plural is None else f", plural form {index},"
        for unknown in sorted(names - given):
            msg = (
                f"{where}{form} uses %({unknown})s, which the template does not "
                f"give (it gives {', '.join(sorted(given)) or 'no values'})"
            )
            raise _MismatchError(msg)
        if plural is None:
            for dropped in sorted(placeholder_names(singular) - names):
                msg = f"{where} leaves out %({dropped})s, which the template gives"
                raise _MismatchError(msg)


def _pieces(text: str, variables: dict[str, nodes.Expr]) -> list[nodes.Expr]:
    # The same result as newstyle gettext's "translated % variables": each
    # %(name)s becomes the variable's output and %% a percent sign.
    pieces: list[nodes.Expr] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        literal = text[last : match.start()]
        if match.group() == "%%":
            literal += "%"
        if literal:
            pieces.append(nodes.TemplateData(literal))
        name = match.group(1)
        if name is not None:
            pieces.append(variables[name])
        last = match.end()
    if text[last:]:
        pieces.append(nodes.TemplateData(text[last:]))
    return pieces
