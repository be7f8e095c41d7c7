"""Message catalogs and the per-locale template environments.

Each locale gets its own Jinja2 environment with its own translations
installed, so threads rendering different languages never share gettext
state. Both are built on first use and cached per locale tag. A template
compiles once per language, on first use, with its singular translations
written into the compiled code (see `_precompiled`), so compiled code is
never shared between languages; the wheel ships rejectkit's own letters
compiled that way for each language (see `_compiled`).
"""

from __future__ import annotations

import functools
import gettext
import os
from typing import TYPE_CHECKING, Any, Final

import jinja2

from rejectkit._i18n._compiled import (
    COMPILED,
    LETTER,
    Catalog,
    CompiledLoader,
    InliningLoader,
    NamedTemplate,
    environment_options,
    install_catalog,
    load_catalog,
)
from rejectkit._i18n._conventions import SENTENCES
from rejectkit._i18n._locales import _PSEUDO, clear_dependent_caches, language
from rejectkit.exceptions import GeneratorLoadError, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable, MutableMapping

DOMAIN: Final = "rejectkit"
"""The gettext domain of rejectkit's own catalogs."""

# rejectkit's own folder, found as importlib.resources would find it for a
# package installed as files, without the cost of importing it (nor pathlib:
# a first render needs neither).
_PACKAGE: Final = os.path.dirname(os.path.dirname(__file__))  # noqa: PTH120

# Translations for registered pseudo-locales, built by rejectkit.testing,
# and how to wrap a plugin's English catalog the same way.
_PSEUDO_TRANSLATIONS: dict[str, gettext.NullTranslations] = {}
_PSEUDO_WRAPPERS: dict[
    str, Callable[[gettext.NullTranslations], gettext.NullTranslations]
] = {}


def locale_dir(package: str = DOMAIN) -> str:
    """Return the directory that holds a package's compiled catalogs.

    Args:
        package: The package whose ``locale/`` folder to use.

    Returns:
        The path of ``<package>/locale``, which holds
        ``<tag>/LC_MESSAGES/<domain>.mo``.
    """
    if package == DOMAIN:
        return os.path.join(_PACKAGE, "locale")  # noqa: PTH118
    from importlib import resources  # noqa: PLC0415 - only plugins need it

    return str(resources.files(package) / "locale")


@functools.lru_cache(maxsize=128)
def translations(
    tag: str, package: str = DOMAIN, domain: str = DOMAIN
) -> gettext.NullTranslations:
    """Return a message catalog for a locale.

    rejectkit's own catalogs are required; a plugin's catalog (another
    *package* and *domain*) falls back to rejectkit's for the same locale, so
    its templates may use rejectkit's shared paragraphs (`require_catalog`
    says whether the plugin's own exists). In a pseudo-locale, a plugin's
    English catalog is pseudo-translated as rejectkit's is.

    Args:
        tag: A tag returned by `resolve_locale`.
        package: The package that ships the catalog.
        domain: The gettext domain.

    Returns:
        The compiled catalog.

    Raises:
        FileNotFoundError: rejectkit's own compiled catalog is missing (a
            packaging error, never a silent fallback to English).
    """
    own = (package, domain) == (DOMAIN, DOMAIN)
    if tag in _PSEUDO:
        if own:
            return _PSEUDO_TRANSLATIONS[tag]
        english = load_catalog(locale_dir(package), _PSEUDO[tag], domain)
        wrapped = _PSEUDO_WRAPPERS[tag](english)
        wrapped.add_fallback(translations(tag))
        return wrapped
    loaded = load_catalog(locale_dir(package), tag, domain)
    if own:
        if not isinstance(loaded, Catalog):
            msg = (
                f"no compiled {domain} catalog for {tag!r} in {locale_dir(package)}:"
                " installing rejectkit compiles the .po files (an editable"
                " install compiles them in the source tree)"
            )
            raise FileNotFoundError(msg)
        return loaded
    loaded.add_fallback(translations(tag))
    return loaded


@functools.lru_cache(maxsize=128)
def require_catalog(tag: str, package: str, domain: str) -> None:
    """Check that a package ships a compiled catalog for a locale.

    Without one, a plugin's text would silently stay in the language of its
    msgids inside another language's frame. gettext's own search applies:
    ``en_GB`` is served by an ``en`` catalog.

    Args:
        tag: A tag returned by `resolve_locale`.
        package: The package whose ``locale/`` folder holds the catalogs.
        domain: The gettext domain.

    Raises:
        GeneratorLoadError: No ``<domain>.mo`` for *tag* or its language.
    """
    if tag in _PSEUDO:
        return
    where = locale_dir(package)
    if gettext.find(domain, where, [tag]) is not None:
        return
    from pathlib import Path  # noqa: PLC0415 - only the error needs it

    folder = Path(where, tag, "LC_MESSAGES")
    found = (
        "a .po file but no compiled .mo"
        if (folder / f"{domain}.po").is_file()
        else "no catalog"
    )
    msg = (
        f"package {package!r} declares locale {tag!r} but ships {found} for "
        f"domain {domain!r} in {folder}; compile it with "
        f"`rejectkit catalogs compile {where}`"
    )
    raise GeneratorLoadError(msg)


def set_pseudo_translations(
    tag: str,
    catalog: gettext.NullTranslations | None,
    wrap: Callable[[gettext.NullTranslations], gettext.NullTranslations] | None = None,
) -> None:
    """Install (or with ``None`` remove) the catalog of a pseudo-locale.

    Args:
        tag: The pseudo-locale's tag.
        catalog: Its translations.
        wrap: Turns a plugin's English catalog into its pseudo-translation.
    """
    if catalog is None or wrap is None:
        _PSEUDO_TRANSLATIONS.pop(tag, None)
        _PSEUDO_WRAPPERS.pop(tag, None)
    else:
        _PSEUDO_TRANSLATIONS[tag] = catalog
        _PSEUDO_WRAPPERS[tag] = wrap
    translations.cache_clear()
    require_catalog.cache_clear()
    environment.cache_clear()
    clear_dependent_caches()


def template_loader(package: str = DOMAIN) -> jinja2.BaseLoader:
    """Return the loader for the templates a package ships in ``templates/``.

    Args:
        package: The package.

    Returns:
        The loader.
    """
    return jinja2.PackageLoader(package, "templates")


class OverlayLoader(jinja2.BaseLoader):
    """Search callers' templates, most specific locale first, before the rest.

    For the locale ``en_GB`` and the name ``thank-hr/body.txt``, each overlay
    is asked for ``en_GB/thank-hr/body.txt``, ``en/thank-hr/body.txt`` and
    ``thank-hr/body.txt``, in that order; then the fallback loaders are asked
    for the plain name.

    Args:
        overlays: Callers' loaders, searched first, in order.
        tag: The locale tag whose folders are searched.
        fallback: The loaders of the shipped templates.
    """

    def __init__(
        self,
        overlays: tuple[jinja2.BaseLoader, ...],
        tag: str,
        fallback: tuple[jinja2.BaseLoader, ...],
    ) -> None:
        self._overlays = overlays
        self._prefixes = tuple(dict.fromkeys((f"{tag}/", f"{language(tag)}/", "")))
        self._fallback = fallback

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the first source found for *template*.

        Args:
            environment: The environment asking.
            template: The template name.

        Returns:
            Jinja2's source triple.

        Raises:
            TemplateNotFound: No loader has the template.
        """
        found = self._overlay_source(environment, template)
        if found is not None:
            return found
        for loader in self._fallback:
            try:
                return loader.get_source(environment, template)
            except jinja2.TemplateNotFound:
                continue
        raise jinja2.TemplateNotFound(template)

    def overrides(self, environment: jinja2.Environment, template: str) -> bool:
        """Whether a caller's loader has its own *template*.

        Args:
            environment: The environment asking.
            template: The template name.

        Returns:
            ``True`` when an overlay supplies the template.
        """
        return self._overlay_source(environment, template) is not None

    def _overlay_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None] | None:
        for overlay in self._overlays:
            for prefix in self._prefixes:
                try:
                    source, filename, uptodate = overlay.get_source(
                        environment, prefix + template
                    )
                except jinja2.TemplateNotFound:
                    continue
                # A loader without files (a DictLoader, say) gives no file
                # name; the template's own name then says where errors are.
                return source, filename or f"<{prefix}{template}>", uptodate
        return None


class _Environment(jinja2.Environment):
    """An environment tuned for templates that never change once loaded.

    Jinja2 chains a template's globals to the environment's, so that later
    changes show; every render then flattens the chain again. rejectkit sets
    an environment's globals before its first template loads and never
    after, so a plain copy says the same and spares each render that work.
    For the same reason (``auto_reload`` is off), a template once loaded is
    handed out again from a plain dict, without Jinja2's locked cache.
    """

    template_class = NamedTemplate

    def __init__(self, **options: Any) -> None:  # noqa: ANN401 - Jinja2's options
        """Create the environment; *options* are Jinja2's."""
        super().__init__(**options)
        self._loaded: dict[str, jinja2.Template] = {}
        self._letters: dict[str, jinja2.Template | None] = {}

    def letter(self, kind: str) -> jinja2.Template | None:
        """Return a kind's `LETTER` template, or ``None`` where it has none.

        Args:
            kind: The kind id, the folder of its templates.

        Returns:
            The subject and body as one template, loaded once; ``None``
            when a caller's template replaces either part.
        """
        letters = {} if self.overlayed else self._letters
        try:
            return letters[kind]
        except KeyError:
            pass
        letter: jinja2.Template | None
        try:
            letter = self.get_template(f"{kind}/{LETTER}")
        except jinja2.TemplateNotFound:
            letter = None
        letters[kind] = letter
        return letter

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,  # noqa: A002 - Jinja2's name
    ) -> jinja2.Template:
        """Load a template by name, or return the one loaded before.

        Args:
            name: The template's name.
            parent: The name of the template asking, for relative names.
            globals: Extra globals for the template's first load.

        Returns:
            The template.
        """
        # An overlay shares this environment's attributes but not its
        # settings, so it loads through Jinja2 as usual.
        if globals is not None or not isinstance(name, str) or self.overlayed:
            return super().get_template(name, parent, globals)
        if parent is not None:
            name = self.join_path(name, parent)
        loaded = self._loaded.get(name)
        if loaded is None:
            loaded = self._loaded[name] = super().get_template(name)
        return loaded

    def make_globals(
        self, d: MutableMapping[str, Any] | None
    ) -> MutableMapping[str, Any]:
        """Return the globals of a template: the environment's, then *d*'s.

        Args:
            d: The template's own globals, if any.

        Returns:
            A plain dict.
        """
        return {**self.globals, **(d or {})}


def letter_template(
    environment: jinja2.Environment, kind: str
) -> jinja2.Template | None:
    """Return a kind's subject and body as one template, where it has one.

    Args:
        environment: An environment from `environment`.
        kind: The kind id.

    Returns:
        The `LETTER` template, or ``None`` when the environment is not one
        of rejectkit's or a caller's template replaces a part.
    """
    if isinstance(environment, _Environment):
        return environment.letter(kind)
    return None


def names_read_by(template: jinja2.Template) -> frozenset[str] | None:
    """Return the names a template can read, where its loader worked them out.

    Args:
        template: A template, such as `letter_template` returns.

    Returns:
        A superset of the variables it reads (see `names_read`), or
        ``None`` when they are not known.
    """
    return template.names if isinstance(template, NamedTemplate) else None


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
    env = _Environment(loader=loader, **environment_options())
    install_catalog(env, catalog)
    join = catalog.pgettext(SENTENCES.context, SENTENCES.msgid)

    def sentences(first: str, second: str) -> str:
        """Join two sentences of one paragraph as the language does."""
        return join % {"first": first, "second": second}

    env.globals["sentences"] = sentences
    return env


@functools.lru_cache(maxsize=128)
def environment(
    tag: str,
    package: str = DOMAIN,
    domain: str = DOMAIN,
    overlays: tuple[jinja2.BaseLoader, ...] = (),
) -> jinja2.Environment:
    """Return the template environment of one locale, built once and cached.

    Args:
        tag: A tag returned by `resolve_locale`.
        package: The package whose ``templates/`` hold the kind's templates;
            rejectkit's own templates are always searched after it.
        domain: The gettext domain of that package's catalogs.
        overlays: Callers' loaders searched before everything else (see
            `OverlayLoader`).

    Returns:
        A strict environment with the locale's translations installed.
    """
    shipped: tuple[jinja2.BaseLoader, ...] = (template_loader(),)
    if package != DOMAIN:
        shipped = (template_loader(package), *shipped)
    loader: jinja2.BaseLoader = jinja2.ChoiceLoader(list(shipped))
    overlay = None
    if overlays:
        loader = overlay = OverlayLoader(overlays, tag, shipped)
    own = (package, domain) == (DOMAIN, DOMAIN)
    # The letter frame asks for translations(tag): the same call here shares
    # its cache entry, where the defaults spelt out would load the file again.
    catalog = translations(tag) if own else translations(tag, package, domain)
    inlining: jinja2.BaseLoader = InliningLoader(loader, shipped, overlay)
    if own and not overlays:
        # Only rejectkit's own templates in its own catalogs ship compiled;
        # a caller's templates, or a plugin's, always compile here.
        folder = os.path.join(compiled_dir(), tag)  # noqa: PTH118
        inlining = CompiledLoader(inlining, folder, catalog)
    return new_environment(inlining, catalog)


def compiled_dir() -> str:
    """Return the folder of the templates the wheel ships compiled.

    Returns:
        ``rejectkit/_compiled``, which holds a folder per locale; an
        editable install has none, and compiles each template on first use.
    """
    return os.path.join(_PACKAGE, COMPILED)  # noqa: PTH118


@functools.lru_cache(maxsize=64)
def _directory_loader(path: str) -> jinja2.BaseLoader:
    return jinja2.FileSystemLoader(path)


def overlay_loaders(templates: object) -> tuple[jinja2.BaseLoader, ...]:
    """Turn a ``templates=`` argument into the loaders searched first.

    Args:
        templates: ``None``, a directory, a Jinja2 loader, or a list of them.

    Returns:
        The loaders, in search order; the same directory always gives the
        same loader object, so environments are reused.

    Raises:
        ValidationError: An entry is not a directory or a loader.
    """
    if templates is None:
        return ()
    entries = list(templates) if isinstance(templates, list | tuple) else [templates]
    loaders: list[jinja2.BaseLoader] = []
    for index, entry in enumerate(entries):
        field = "templates" if len(entries) == 1 else f"templates[{index}]"
        if isinstance(entry, jinja2.BaseLoader):
            loaders.append(entry)
        elif isinstance(entry, str | os.PathLike):
            from pathlib import Path  # noqa: PLC0415 - only directories need it

            path = Path(entry)
            if not path.is_dir():
                raise ValidationError.single(field, f"{str(path)!r} is not a directory")
            loaders.append(_directory_loader(str(path.resolve())))
        else:
            raise ValidationError.single(
                field,
                f"expected a directory or a jinja2 loader, got {type(entry).__name__}",
            )
    return tuple(loaders)
