"""Which generator writes which kind: the registry and its plugin discovery.

Built-in generators are registered on first use of the registry. Other
packages declare theirs in the entry-point group ``rejectkit.generators``,
named by kind id; the names are read once, on first use, and a plugin's
module is imported only when its kind is asked for. Where no installed
package mentions the group at all, the entry points are not read.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import os
import sys
import threading
import warnings
from typing import TYPE_CHECKING, ClassVar, Final, TypeVar, overload

from rejectkit.exceptions import (
    DuplicateKindError,
    GeneratorLoadError,
    PluginWarning,
    RejectkitError,
    UnknownKindError,
)
from rejectkit.generators._builtin import BUILTIN_GENERATORS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from importlib import metadata

    from rejectkit.generators import MessageGenerator

__all__ = ["ENTRY_POINT_GROUP", "Registry", "kinds", "register", "registry"]

ENTRY_POINT_GROUP: Final = "rejectkit.generators"

_G = TypeVar("_G", bound="type[MessageGenerator]")


_INFO_SUFFIXES: Final = (".dist-info", ".egg-info")
_GROUP_BYTES: Final = ENTRY_POINT_GROUP.encode()


def _may_declare_plugins() -> bool:
    """Say whether an installed package may declare a generator entry point.

    ``importlib.metadata`` imports the email package to read distribution
    metadata, which costs more than the rest of a first render. This looks
    where it looks, the ``*.dist-info`` and ``*.egg-info`` folders on
    `sys.path`, for an ``entry_points.txt`` that so much as mentions the
    group; only a ``False`` is relied on, and everything it cannot see
    (a zip file on the path, another finder of distributions, a module
    that already imported ``importlib.metadata``) counts as ``True``.

    Returns:
        ``False`` only when no package can declare one.
    """
    if "importlib.metadata" in sys.modules:
        return True
    path_finder = importlib.machinery.PathFinder
    if any(
        finder is not path_finder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return True
    return any(_mentions_group(os.fspath(entry) or ".") for entry in sys.path)


# With os rather than pathlib: the standard library's folder on the path
# holds hundreds of entries, and a Path object for each costs more than the
# few lines of os calls.
def _mentions_group(root: str) -> bool:
    try:
        children = os.listdir(root)  # noqa: PTH208
    except OSError:
        return os.path.isfile(root)  # noqa: PTH113 - a zip archive, perhaps
    egg = root.lower().endswith(".egg")
    for child in children:
        low = child.lower()
        if low.endswith(_INFO_SUFFIXES) or (egg and low == "egg-info"):
            declared = os.path.join(root, child, "entry_points.txt")  # noqa: PTH118
            try:
                with open(declared, "rb") as text:  # noqa: PTH123
                    if _GROUP_BYTES in text.read():
                        return True
            except OSError:
                continue
    return False


def _describe(entry_point: metadata.EntryPoint) -> str:
    dist = entry_point.dist.name if entry_point.dist else "an unknown package"
    return f"entry point {entry_point.name!r} = {entry_point.value!r} from {dist}"


class Registry:
    """Maps kind ids to generator classes.

    Most code uses the module-level `registry` through `register`,
    `rejectkit.kinds` and `rejectkit.generate`; a separate instance is useful
    for isolated tests.

    Args:
        discover: Read the ``rejectkit.generators`` entry points on first use.
    """

    # Everything register() and the entry points write, by attribute name.
    _TABLES: ClassVar = (
        "_classes",
        "_origins",
        "_instances",
        "_entry_points",
        "_conflicts",
        "_shadowed",
    )

    def __init__(self, *, discover: bool = True) -> None:
        self._discover = discover
        self._lock = threading.RLock()
        self._classes: dict[str, type[MessageGenerator]] = {}
        self._origins: dict[str, str] = {}
        self._instances: dict[str, MessageGenerator] = {}
        self._entry_points: dict[str, metadata.EntryPoint] = {}
        self._conflicts: dict[str, tuple[metadata.EntryPoint, ...]] = {}
        # Kinds a plugin declares without replace = True: the kept generator
        # writes them, and naming one explicitly raises this message.
        self._shadowed: dict[str, str] = {}
        self._ready = False

    def _ensure_ready(self) -> None:
        if not self._ready:
            with self._lock:
                self._load_builtins()

    def _load_builtins(self) -> None:
        if self._ready:
            return
        for cls in BUILTIN_GENERATORS:
            self._classes[cls.kind] = cls
            self._origins[cls.kind] = f"rejectkit's built-in {cls.__qualname__}"
        if self._discover and _may_declare_plugins():
            found: dict[str, list[metadata.EntryPoint]] = {}
            # Read on first use, not at import: importlib.metadata brings
            # in the email package to parse distribution metadata.
            from importlib import metadata  # noqa: PLC0415

            for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
                same = found.setdefault(entry_point.name, [])
                if all(e.value != entry_point.value for e in same):
                    same.append(entry_point)
            for name, entry_points in found.items():
                if len(entry_points) > 1:
                    self._conflicts[name] = tuple(entry_points)
                else:
                    self._entry_points[name] = entry_points[0]
                    self._origins.setdefault(name, _describe(entry_points[0]))
        self._ready = True

    def register(self, cls: _G, *, replace: bool = False) -> _G:
        """Register a generator class under its `kind`.

        Args:
            cls: A `MessageGenerator` subclass with a ``kind`` id.
            replace: Allow replacing the generator of an existing kind.

        Returns:
            *cls*, so this can be used as a decorator.

        Raises:
            DuplicateKindError: The kind is taken and *replace* is not set.
            TypeError: *cls* is not a generator class with a kind id.
        """
        from rejectkit.generators import MessageGenerator  # noqa: PLC0415

        candidate: object = cls
        if not (
            isinstance(candidate, type) and issubclass(candidate, MessageGenerator)
        ):
            msg = f"register() takes a MessageGenerator subclass, got {cls!r}"
            raise TypeError(msg)
        kind = getattr(cls, "kind", None)
        if not isinstance(kind, str) or not kind:
            msg = f"{cls.__qualname__} needs a 'kind' class attribute (a string)"
            raise TypeError(msg)
        self._ensure_ready()
        with self._lock:
            taken = kind in self._classes or kind in self._entry_points
            if taken and not replace:
                raise DuplicateKindError(
                    f"kind {kind!r} is already registered by {self._origins[kind]}; "
                    "pass replace=True to override it"
                )
            self._entry_points.pop(kind, None)
            self._conflicts.pop(kind, None)
            self._shadowed.pop(kind, None)
            self._instances.pop(kind, None)
            self._classes[kind] = cls
            self._origins[kind] = f"{cls.__module__}.{cls.__qualname__}"
        return cls

    def unregister(self, kind: str) -> None:
        """Remove a kind.

        Args:
            kind: The kind id.

        Raises:
            UnknownKindError: No generator is registered for *kind*.
        """
        self._ensure_ready()
        with self._lock:
            if kind not in self.kinds():
                raise self._unknown(kind)
            for name in self._TABLES:
                getattr(self, name).pop(kind, None)

    def kinds(self) -> tuple[str, ...]:
        """Return every kind id: built-ins and registered kinds, then plugins.

        Plugins are listed by their entry-point names without importing them.

        Warns:
            PluginWarning: Two installed packages declare the same kind.
        """
        self._ensure_ready()
        with self._lock:
            for kind, entry_points in self._conflicts.items():
                warnings.warn(
                    PluginWarning(_conflict_message(kind, entry_points)), stacklevel=2
                )
            extra = sorted(
                k
                for k in (*self._entry_points, *self._conflicts)
                if k not in self._classes
            )
            return (*self._classes, *extra)

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str) and kind in self.kinds()

    def origin(self, kind: str) -> str:
        """Describe where a kind's generator comes from, for error messages.

        Args:
            kind: The kind id.

        Returns:
            For example ``"rejectkit's built-in ThankHr"``,
            ``"myapp.kinds.ReferralAsk"`` or ``"entry point 'referral-ask' =
            'pkg:Cls' from pkg"``.
        """
        return self._origins.get(kind, repr(kind))

    def get(self, kind: str) -> MessageGenerator:
        """Return the generator for *kind*, importing its plugin if needed.

        Args:
            kind: The kind id.

        Returns:
            The generator instance, created once and reused.

        Raises:
            UnknownKindError: No generator is registered for *kind*.
            GeneratorLoadError: The plugin for *kind* could not be loaded.
            DuplicateKindError: Two plugins declare *kind*.

        Warns:
            PluginWarning: A plugin declares a kind that is already
                registered (a built-in, say) without ``replace = True``; the
                registered generator is kept and returned, and `shadowed`
                says why.
        """
        if not isinstance(kind, str):
            raise self._unknown(kind)
        if not self._ready:
            self._ensure_ready()
        instance = self._instances.get(kind)
        if instance is not None:
            return instance
        with self._lock:
            if kind in self._conflicts:
                raise DuplicateKindError(_conflict_message(kind, self._conflicts[kind]))
            entry_point = self._entry_points.get(kind)
            if entry_point is not None:
                loaded = self._load(entry_point)
                del self._entry_points[kind]
                if kind in self._classes and not loaded.replace:
                    self._shadow(kind, entry_point)
                else:
                    self._classes[kind] = loaded
                    self._origins[kind] = _describe(entry_point)
            cls = self._classes.get(kind)
            if cls is None:
                raise self._unknown(kind)
            instance = self._instances[kind] = cls()
            return instance

    def _shadow(self, kind: str, entry_point: metadata.EntryPoint) -> None:
        message = (
            f"{_describe(entry_point)} declares kind {kind!r}, which "
            f"{self._origins[kind]} already writes; {self._origins[kind]} keeps "
            "writing it. Set 'replace = True' on the plugin's class to override it"
        )
        self._shadowed[kind] = message
        warnings.warn(PluginWarning(message), stacklevel=3)

    def shadowed(self, kind: str) -> str | None:
        """Say which plugin declares *kind* without being allowed to replace it.

        Such a plugin leaves the registered generator working, so a kit
        `rejectkit.compose` plans still has the kind. Naming the kind
        explicitly (`rejectkit.generate`, ``compose(kinds=...)``) raises
        `DuplicateKindError` with this text, because the caller may have
        meant the plugin's version.

        Args:
            kind: The kind id.

        Returns:
            The description of the collision, or ``None`` if there is none
            (or the plugin has not been imported yet; `get` imports it).
        """
        return self._shadowed.get(kind)

    def load_all(self) -> tuple[str, ...]:
        """Import every plugin, warning about each one that fails.

        Returns:
            The kinds whose generators loaded.

        Warns:
            PluginWarning: Names each plugin that failed, and why.
        """
        loaded = []
        for kind in self.kinds():
            try:
                self.get(kind)
            except RejectkitError as error:
                warnings.warn(PluginWarning(str(error)), stacklevel=2)
            else:
                loaded.append(kind)
        return tuple(loaded)

    def _load(self, entry_point: metadata.EntryPoint) -> type[MessageGenerator]:
        from rejectkit.generators import MessageGenerator  # noqa: PLC0415

        where = _describe(entry_point)
        try:
            loaded = entry_point.load()
        except Exception as exc:
            raise GeneratorLoadError(f"{where} failed to import: {exc!r}") from exc
        if not (isinstance(loaded, type) and issubclass(loaded, MessageGenerator)):
            raise GeneratorLoadError(f"{where} is not a MessageGenerator subclass")
        if getattr(loaded, "kind", None) != entry_point.name:
            raise GeneratorLoadError(
                f"{where} has kind {getattr(loaded, 'kind', None)!r}, "
                "which does not match the entry point's name"
            )
        return loaded

    def _unknown(self, kind: object) -> UnknownKindError:
        known = ", ".join(self.kinds())
        return UnknownKindError(f"kind: {kind!r} is not one of {known}")

    @contextlib.contextmanager
    def isolated(self) -> Iterator[Registry]:
        """Undo every registration made inside the ``with`` block.

        Yields:
            This registry.
        """
        self._ensure_ready()
        with self._lock:
            saved = {name: dict(getattr(self, name)) for name in self._TABLES}
        try:
            yield self
        finally:
            with self._lock:
                for name, table in saved.items():
                    setattr(self, name, table)


def _conflict_message(kind: str, entry_points: tuple[metadata.EntryPoint, ...]) -> str:
    where = "; ".join(_describe(e) for e in entry_points)
    return f"kind {kind!r} is declared by more than one plugin: {where}"


registry: Final = Registry()
"""The registry that `rejectkit.generate` and `rejectkit.compose` use."""


@overload
def register(cls: _G, *, replace: bool = False) -> _G: ...
@overload
def register(*, replace: bool = False) -> Callable[[_G], _G]: ...
def register(
    cls: _G | None = None, *, replace: bool = False
) -> _G | Callable[[_G], _G]:
    """Register a generator class with the default registry.

    Use it bare or with arguments:

        @rejectkit.register
        class ReferralAsk(rejectkit.TemplateGenerator): ...

        @rejectkit.register(replace=True)
        class MyThankHr(rejectkit.generators.ThankHr): ...

    Args:
        cls: The generator class, when used bare.
        replace: Allow replacing the generator of an existing kind.

    Returns:
        *cls*, or a decorator that registers its argument.

    Raises:
        DuplicateKindError: The kind is taken and *replace* is not set.
    """
    if cls is None:
        return lambda inner: registry.register(inner, replace=replace)
    return registry.register(cls, replace=replace)


def kinds() -> tuple[str, ...]:
    """Return every kind id that can be generated: built-ins first, then plugins."""
    return registry.kinds()
