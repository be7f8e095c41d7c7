"""The template settings, the letter loader, and templates compiled ahead of time.

A wheel ships each built-in kind's `LETTER` template compiled to Python for
every locale, in ``rejectkit/_compiled/<tag>/``, beside a ``manifest.json``
that records the Jinja2 release and, for each template, a digest of the
source it was compiled from with the catalog and settings it was compiled
with. `CompiledLoader` hands out that code only while all of them match
what is installed; otherwise, as in an editable install (which ships no
compiled templates), the template compiles on first use, as it always did.

This module needs only the standard library and Jinja2: the wheel's build
hook (``hatch_build.py``) loads it by path before rejectkit is installed,
so the hook compiles with the very settings and loader rendering uses.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import os
import re
import types
from importlib.machinery import SourceFileLoader
from typing import TYPE_CHECKING, Any, Final, Protocol

import jinja2

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, MutableMapping
    from pathlib import Path
    from typing import TypeAlias

    from jinja2.ext import Extension

    _Source: TypeAlias = tuple[str, str | None, Callable[[], bool] | None]

COMPILED: Final = "_compiled"
"""The folder of the package that holds the compiled templates."""
MANIFEST: Final = "manifest.json"
FORMAT: Final = 1
"""Changes whenever what the manifest means changes."""

# The environment options that change what a template's msgids are. The
# extraction settings in babel.cfg must match them; a test checks it.
ENVIRONMENT_OPTIONS: Final = {
    "extensions": ("rejectkit._i18n._precompiled.PrecompiledTranslations",),
    "trim_blocks": False,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
    "newstyle_gettext": True,
    "trimmed": True,
}


def environment_options(
    extensions: Iterable[str | type[Extension]] | None = None,
) -> dict[str, Any]:
    """Return the keyword arguments every rejectkit environment is made with.

    Args:
        extensions: The extensions to use instead of the ones
            `ENVIRONMENT_OPTIONS` names (the build hook passes the classes
            it loaded by path).

    Returns:
        Arguments for `jinja2.Environment`.
    """
    options = ENVIRONMENT_OPTIONS
    return {
        "extensions": list(options["extensions"] if extensions is None else extensions),  # type: ignore[call-overload]
        "undefined": jinja2.StrictUndefined,
        # The templates write plain text; Message.html escapes every part
        # it builds from that text, so nothing is escaped twice.
        "autoescape": False,
        "trim_blocks": bool(options["trim_blocks"]),
        "lstrip_blocks": bool(options["lstrip_blocks"]),
        "keep_trailing_newline": bool(options["keep_trailing_newline"]),
        "auto_reload": False,
    }


def install_catalog(
    environment: jinja2.Environment, catalog: gettext.NullTranslations
) -> None:
    """Install *catalog* in an environment made with `environment_options`.

    Args:
        environment: The environment.
        catalog: The translations to compile and render with.
    """
    environment.policies["ext.i18n.trimmed"] = ENVIRONMENT_OPTIONS["trimmed"]
    # Singular {% trans %} blocks are translated once, when a template
    # compiles (see _precompiled); plural blocks use the installed catalog.
    environment.extend(rejectkit_catalog=catalog)
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        catalog, newstyle=bool(ENVIRONMENT_OPTIONS["newstyle_gettext"])
    )


# -- the letter: subject and body as one template, shipped includes inlined -------

LETTER: Final = "letter.txt"
"""The name, under a kind's folder, of its subject and body as one template.

``<kind>/letter.txt`` exists only where both ``<kind>/subject.txt`` and
``<kind>/body.txt`` are shipped (no caller template replaces either): the
two sources joined by `LETTER_SEPARATOR`, so one render writes both.
"""
LETTER_SEPARATOR: Final = "\x1e"
"""Between subject and body in a letter; caller text never holds a control."""

# A plain include of a template named by a string literal.
_INCLUDE: Final = re.compile(r'\{%-?\s*include\s+"([^"\\{}%]+)"\s*%\}')
_MAX_INLINE_DEPTH: Final = 8


class Overrides(Protocol):
    """Says whether a caller's loader replaces a shipped template."""

    def overrides(self, environment: jinja2.Environment, template: str) -> bool:
        """Whether a caller's loader has its own *template*."""


def _as_included(source: str) -> str:
    # What an included template writes: Jinja2 drops a single trailing
    # newline of a template's source (keep_trailing_newline is off).
    return source.removesuffix("\n")


class InliningLoader(jinja2.BaseLoader):
    """Shipped templates with the shipped templates they include written in.

    Each ``{% include "name" %}`` of a shipped template, naming a template
    that is shipped too (no overlay replaces it), is replaced by that
    template's source, so rendering it costs one template instead of two;
    what it writes is unchanged. A template a caller supplies, or one that
    includes a caller's template, is loaded exactly as given. The loader
    also serves `LETTER`.

    Args:
        loader: The environment's loader: overlays first, then shipped.
        shipped: The loaders of the shipped templates.
        overlays: The caller's loaders, which take precedence.
    """

    def __init__(
        self,
        loader: jinja2.BaseLoader,
        shipped: tuple[jinja2.BaseLoader, ...],
        overlays: Overrides | None,
    ) -> None:
        self._loader = loader
        self._shipped = shipped
        self._overlays = overlays

    def _shipped_source(
        self, environment: jinja2.Environment, name: str
    ) -> _Source | None:
        if self._overlays is not None and self._overlays.overrides(environment, name):
            return None
        for loader in self._shipped:
            try:
                return loader.get_source(environment, name)
            except jinja2.TemplateNotFound:
                continue
        return None

    def _inline(
        self, environment: jinja2.Environment, source: str, seen: tuple[str, ...]
    ) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in seen or len(seen) >= _MAX_INLINE_DEPTH:
                return match.group(0)
            found = self._shipped_source(environment, name)
            if found is None:
                return match.group(0)
            inner = self._inline(environment, found[0], (*seen, name))
            return _as_included(inner)

        return _INCLUDE.sub(replace, source)

    def get_source(self, environment: jinja2.Environment, template: str) -> _Source:
        """Return the source of *template*, shipped includes written in.

        Args:
            environment: The environment asking.
            template: The template name.

        Returns:
            Jinja2's source triple.

        Raises:
            TemplateNotFound: No loader has the template, or it is a
                `LETTER` whose parts are not both shipped.
        """
        folder, _, leaf = template.rpartition("/")
        if leaf == LETTER and folder:
            subject = self._shipped_source(environment, f"{folder}/subject.txt")
            body = self._shipped_source(environment, f"{folder}/body.txt")
            if subject is None or body is None:
                raise jinja2.TemplateNotFound(template)
            source = (
                _as_included(self._inline(environment, subject[0], ()))
                + LETTER_SEPARATOR
                + self._inline(environment, body[0], ())
            )
            return source, body[1], None
        found = self._shipped_source(environment, template)
        if found is None:
            return self._loader.get_source(environment, template)
        source, filename, uptodate = found
        return self._inline(environment, source, (template,)), filename, uptodate


# -- what a template reads -----------------------------------------------------


class NamedTemplate(jinja2.Template):
    """A template that knows which names its compiled code can look up.

    Attributes:
        names: A superset of the variables the template reads (see
            `names_read`), or ``None`` where it is not known; values a
            template cannot read need not be worked out for it.
    """

    names: frozenset[str] | None = None


def names_read(code: types.CodeType) -> frozenset[str]:
    """Return every name a compiled template's code could look up.

    A template looks its variables up by name, and the name stands in its
    compiled code as a constant or an attribute name; every such string
    that could be a variable is returned, in the module and every function
    in it. Other strings that look like names come too, so the result is a
    superset, never missing a variable the template reads.

    Args:
        code: The template module's code, as `jinja2.Environment.compile`
            returns it or as compiled ahead of time.

    Returns:
        The names.
    """
    found: set[str] = set()
    pending = [code]
    while pending:
        current = pending.pop()
        found.update(current.co_names)
        constants = list(current.co_consts)
        while constants:
            constant = constants.pop()
            if isinstance(constant, str):
                if constant.isidentifier():
                    found.add(constant)
            elif isinstance(constant, types.CodeType):
                pending.append(constant)
            elif isinstance(constant, tuple | frozenset):
                constants.extend(constant)
    return frozenset(found)


# -- compiled ahead of time -------------------------------------------------------


def jinja2_version() -> str | None:
    """Return the installed Jinja2 release, if Jinja2 says."""
    version = getattr(jinja2, "__version__", None)
    return version if isinstance(version, str) else None


class Catalog(gettext.GNUTranslations):
    """A compiled ``.mo`` catalog, read by the standard library.

    Attributes:
        files: The one file it was read from, as Babel's ``Translations``
            name theirs: errors and `catalog_digest` name and read it.
    """

    files: list[str]


def load_catalog(directory: str, tag: str, domain: str) -> gettext.NullTranslations:
    """Read the compiled catalog of *domain* for a locale, as gettext finds it.

    gettext's own search applies: ``en_GB`` is served by an ``en`` catalog
    when there is no ``en_GB`` one.

    Args:
        directory: The folder holding ``<tag>/LC_MESSAGES/<domain>.mo``.
        tag: The locale's tag, such as ``"de"``.
        domain: The gettext domain.

    Returns:
        A `Catalog`, or empty `gettext.NullTranslations` when there is none.
    """
    path = gettext.find(domain, directory, [tag])
    if path is None:
        return gettext.NullTranslations()
    with open(path, "rb") as stream:  # noqa: PTH123 - a path gettext gives
        catalog = Catalog(stream)
    catalog.files = [path]
    return catalog


def catalog_digest(catalog: gettext.NullTranslations) -> str | None:
    """Return a digest of the one compiled catalog file *catalog* was read from.

    Args:
        catalog: Translations from `load_catalog`.

    Returns:
        The SHA-256 of the file's bytes, or ``None`` when the catalog was
        not read from exactly one file (a pseudo-locale's, say) or the file
        cannot be read.
    """
    files = getattr(catalog, "files", None)
    if not isinstance(files, list) or len(files) != 1:
        return None
    try:
        with open(files[0], "rb") as compiled:  # noqa: PTH123 - a path gettext gave
            return hashlib.sha256(compiled.read()).hexdigest()
    except OSError:
        return None


def template_digest(source: str, catalog: str) -> str:
    """Return the digest that ties compiled code to what it was compiled from.

    Args:
        source: The template source the loader gives.
        catalog: `catalog_digest` of the catalog compiled with.

    Returns:
        The SHA-256 of the format, the settings, the catalog and the source.
    """
    settings = repr(sorted(ENVIRONMENT_OPTIONS.items()))
    digest = hashlib.sha256(f"{FORMAT}\0{settings}\0{catalog}\0".encode())
    digest.update(source.encode("utf-8"))
    return digest.hexdigest()


def _module_name(name: str) -> str:
    return f"tmpl_{hashlib.sha1(name.encode('utf-8')).hexdigest()}"  # noqa: S324 - a file name, as Jinja2's ModuleLoader names them


def write_compiled(
    environment: jinja2.Environment, names: Iterable[str], folder: Path
) -> list[Path]:
    """Compile templates to Python modules in *folder*, with their manifest.

    Args:
        environment: An environment made with `environment_options` and
            `install_catalog`, whose loader gives the sources.
        names: The templates to compile.
        folder: Where to write ``tmpl_<sha1 of the name>.py`` for each and
            the `MANIFEST`.

    Returns:
        The files written, the manifest last.

    Raises:
        ValueError: The environment's catalog has no `catalog_digest`, or
            Jinja2 does not say its version.
    """
    catalog = catalog_digest(environment.rejectkit_catalog)  # type: ignore[attr-defined]
    version = jinja2_version()
    if catalog is None or version is None:
        msg = "cannot tell the catalog or the Jinja2 release to compile against"
        raise ValueError(msg)
    assert environment.loader is not None  # noqa: S101 - the caller's contract
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    templates = {}
    for name in sorted(names):
        source, filename, _ = environment.loader.get_source(environment, name)
        code = environment.compile(source, name, filename, raw=True)
        module = _module_name(name)
        path = folder / f"{module}.py"
        path.write_text(code, encoding="utf-8")
        written.append(path)
        templates[name] = {"module": module, "digest": template_digest(source, catalog)}
    manifest = {"format": FORMAT, "jinja2": version, "templates": templates}
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    written.append(path)
    return written


def _read_manifest(folder: str) -> dict[str, tuple[str, str]]:
    # Template name -> its digest and module, or nothing where the folder's
    # code does not fit the installed Jinja2.
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as text:  # noqa: PTH118, PTH123
            manifest = json.load(text)
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return {}
    if manifest.get("jinja2") != jinja2_version() or jinja2_version() is None:
        return {}
    found = {}
    for name, entry in dict(manifest.get("templates", {})).items():
        if isinstance(entry, dict):
            found[name] = (str(entry.get("digest")), str(entry.get("module")))
    return found


class CompiledLoader(jinja2.BaseLoader):
    """Hand out code compiled ahead of time where it fits; compile the rest.

    A template's shipped code is used only when the manifest's Jinja2
    release is the installed one and its digest matches the source *loader*
    gives now with *catalog*; anything else compiles from that source, as
    Jinja2 always does. Each environment executes the code into a namespace
    of its own, as `jinja2.Template.from_code` does, so no module object is
    shared between environments.

    Args:
        loader: Where the sources come from.
        folder: The locale's folder of compiled templates, which may not
            exist.
        catalog: The catalog the environment renders with.
    """

    def __init__(
        self,
        loader: jinja2.BaseLoader,
        folder: str,
        catalog: gettext.NullTranslations,
    ) -> None:
        self._loader = loader
        self._folder = folder
        digest = catalog_digest(catalog)
        self._catalog = digest
        self._compiled = _read_manifest(folder) if digest is not None else {}

    @property
    def compiled(self) -> frozenset[str]:
        """The names of the templates shipped compiled for this locale."""
        return frozenset(self._compiled)

    def get_source(self, environment: jinja2.Environment, template: str) -> _Source:
        """Return the source of *template* from the wrapped loader.

        Args:
            environment: The environment asking.
            template: The template name.

        Returns:
            Jinja2's source triple.
        """
        return self._loader.get_source(environment, template)

    def _code(self, name: str, source: str) -> Any | None:  # noqa: ANN401 - a code object
        entry = self._compiled.get(name)
        if entry is None or self._catalog is None:
            return None
        digest, module = entry
        if digest != template_digest(source, self._catalog):
            return None
        path = os.path.join(self._folder, f"{module}.py")  # noqa: PTH118
        try:
            # Reads the bytecode an installer cached beside the module.
            return SourceFileLoader(module, path).get_code(module)
        except (OSError, ImportError, SyntaxError):
            return None

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,  # noqa: A002 - Jinja2's name
    ) -> jinja2.Template:
        """Load a template, from its compiled code where that fits.

        Args:
            environment: The environment asking.
            name: The template name.
            globals: The template's globals.

        Returns:
            The template.
        """
        source, filename, uptodate = self.get_source(environment, name)
        code = self._code(name, source)
        compiled = code is not None
        if code is None:
            code = environment.compile(source, name, filename)
        template = environment.template_class.from_code(
            environment, code, globals or {}, uptodate
        )
        if compiled:
            # Errors name the template's own file, as compiled on first use.
            template.filename = filename
        if isinstance(template, NamedTemplate):
            template.names = names_read(code)
        return template
