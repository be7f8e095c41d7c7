# ruff: noqa: INP001
"""A griffe extension that lists public bases only.

A class built on a private helper (``class FeedbackRequest(_AsksForFeedback)``)
would show "Bases: `_AsksForFeedback`", a name the reference does not
document. This extension puts the private base's own bases in its place,
until every base it lists is public.
"""

from __future__ import annotations

import griffe


def _name(base: str | griffe.Expr) -> str:
    return base if isinstance(base, str) else str(base)


def _public_bases(cls: griffe.Class) -> list[str | griffe.Expr]:
    bases: list[str | griffe.Expr] = []
    for base in cls.bases:
        name = _name(base).rsplit(".", 1)[-1]
        private = cls.parent.members.get(name) if cls.parent else None
        if name.startswith("_") and isinstance(private, griffe.Class):
            bases.extend(b for b in _public_bases(private) if b not in bases)
        else:
            bases.append(base)
    return bases


def _walk(obj: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if isinstance(obj, griffe.Class):
        obj.bases = _public_bases(obj)
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, griffe.Module | griffe.Class):
            _walk(member, seen)


class PublicBases(griffe.Extension):
    """Replace each private base of a class with that base's public bases."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: object) -> None:
        """Walk the loaded package once it is complete.

        Args:
            pkg: The loaded package.
            **kwargs: Other hook arguments, unused.
        """
        del kwargs
        _walk(pkg, set())
