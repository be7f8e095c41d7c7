# ruff: noqa: INP001
"""A griffe extension that gives attrs classes the constructor attrs writes.

griffe reads source code, and an attrs class has no ``__init__`` in its
source: attrs writes one at import time. This extension imports each attrs
class, reads its fields with `attrs.fields`, and adds the ``__init__`` attrs
generated (names, kinds and defaults from attrs, types from the source), so
the API reference shows each model's real signature.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
import griffe

_ATTRS_DECORATORS = frozenset(
    f"{module}.{name}"
    for module in ("attrs", "attr")
    for name in ("define", "frozen", "mutable", "s", "attrs", "dataclass")
)


def _is_attrs_class(cls: griffe.Class) -> bool:
    for decorator in cls.decorators:
        value = decorator.value
        if isinstance(value, griffe.ExprCall):
            value = value.function
        path = value.canonical_path if isinstance(value, griffe.Expr) else str(value)
        if path in _ATTRS_DECORATORS:
            return True
    return False


def _default(field: attrs.Attribute[Any]) -> str | None:
    default: object = field.default
    if default is attrs.NOTHING:
        return None
    factory = getattr(default, "factory", None)
    if factory is not None:
        return f"{getattr(factory, '__qualname__', repr(factory))}()"
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def _constructor(cls: griffe.Class, runtime: type) -> griffe.Function:
    parameters = [
        griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)
    ]
    for field in attrs.fields(runtime):
        if not field.init:
            continue
        member = cls.members.get(field.name)
        annotation = member.annotation if isinstance(member, griffe.Attribute) else None
        parameters.append(
            griffe.Parameter(
                field.alias or field.name,
                annotation=annotation,
                kind=(
                    griffe.ParameterKind.keyword_only
                    if field.kw_only
                    else griffe.ParameterKind.positional_or_keyword
                ),
                default=_default(field),
            )
        )
    return griffe.Function(
        "__init__",
        lineno=cls.lineno,
        endlineno=cls.lineno,
        parent=cls,
        parameters=griffe.Parameters(*parameters),
        returns="None",
    )


def _walk(obj: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if (
        isinstance(obj, griffe.Class)
        and "__init__" not in obj.members
        and _is_attrs_class(obj)
    ):
        runtime = griffe.dynamic_import(obj.path)
        if attrs.has(runtime):
            obj.set_member("__init__", _constructor(obj, runtime))
            obj.labels.add("attrs")
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, griffe.Module | griffe.Class):
            _walk(member, seen)


class AttrsConstructors(griffe.Extension):
    """Add the generated ``__init__`` to every attrs class of a package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: object) -> None:
        """Walk the loaded package once it is complete.

        Args:
            pkg: The loaded package.
            **kwargs: Other hook arguments, unused.
        """
        del kwargs
        _walk(pkg, set())
