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

__all__ = ["PLACEHOLDER", "PrecompiledTranslations"]

PLACEHOLDER: Final = re.compile(r"%\((\w+)\)s|%%")
"""A ``%(name)s`` placeholder (the name in group 1) or an escaped ``%%``."""


class PrecompiledTranslations(InternationalizationExtension):
    """Jinja2's i18n extension, resolving singular messages at compile time.

    The environment's ``rejectkit_catalog`` attribute (set with
    ``Environment.extend``) holds the catalog to compile with. Without one,
    as when Babel extracts messages, it behaves exactly like
    ``jinja2.ext.i18n``; the msgids it sees are the same either way.
    """

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
