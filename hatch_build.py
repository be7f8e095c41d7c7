"""Compile the gettext catalogs and the templates while hatchling builds a wheel.

The ``.mo`` files are never committed: each wheel compiles them from the
``.po`` files it ships beside, with rejectkit's own compiler (sorted keys,
no tool-version header), so a wheel can never carry a stale catalog. An
editable install compiles them beside their ``.po`` files, where the source
tree is imported from; ``git`` ignores them there.

A wheel also ships each built-in kind's letter template compiled by Jinja2
for every locale, in ``rejectkit/_compiled/<tag>/``, so a first render does
not compile them (see ``rejectkit/_i18n/_compiled.py``). An editable
install ships none: there each template compiles on first use.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

if TYPE_CHECKING:
    from types import ModuleType

PACKAGE = "rejectkit"


def _load(root: Path, name: str) -> ModuleType:
    # rejectkit itself is not importable yet: load its module by path. Each
    # module loaded here imports only the standard library, Babel and Jinja2.
    path = root / "src" / PACKAGE / "_i18n" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_{PACKAGE}{name}", path)
    if spec is None or spec.loader is None:
        msg = f"cannot load {path}"
        raise RuntimeError(msg)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compile_templates(root: Path, locale_dir: Path, out: Path) -> list[Path]:
    """Compile every kind's letter for each catalog compiled in *locale_dir*."""
    import jinja2  # noqa: PLC0415 - only a wheel's build needs it

    compiled = _load(root, "_compiled")
    extension = _load(root, "_precompiled").PrecompiledTranslations
    templates = root / "src" / PACKAGE / "templates"
    names = [
        f"{subject.parent.name}/{compiled.LETTER}"
        for subject in sorted(templates.glob("*/subject.txt"))
        if (subject.parent / "body.txt").is_file()
    ]
    files = jinja2.FileSystemLoader(templates)
    loader = compiled.InliningLoader(jinja2.ChoiceLoader([files]), (files,), None)
    written: list[Path] = []
    for folder in sorted(path for path in locale_dir.iterdir() if path.is_dir()):
        tag = folder.name
        catalog = compiled.load_catalog(str(locale_dir), tag, PACKAGE)
        environment = jinja2.Environment(  # noqa: S701 - plain text, as at run time
            loader=loader, **compiled.environment_options([extension])
        )
        compiled.install_catalog(environment, catalog)
        written += compiled.write_compiled(environment, names, out / tag)
    return written


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Put a freshly compiled ``.mo`` beside every ``.po``, and the templates."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogs and the templates, and add them to the wheel.

        Args:
            version: ``standard`` or ``editable``.
            build_data: Hatchling's build data, extended with the files.
        """
        root = Path(self.root)
        locale_dir = root / "src" / PACKAGE / "locale"
        compiler = _load(root, "_mofile")
        if version == "editable":
            compiler.compile_tree(locale_dir, PACKAGE)
            return
        self._out = Path(tempfile.mkdtemp(prefix=f"{PACKAGE}-catalogs-"))
        catalogs = self._out / "locale"
        for mo_path in compiler.compile_tree(locale_dir, PACKAGE, catalogs):
            inside = mo_path.relative_to(catalogs).as_posix()
            build_data["force_include"][str(mo_path)] = f"{PACKAGE}/locale/{inside}"
        templates = self._out / "_compiled"
        for path in _compile_templates(root, catalogs, templates):
            inside = path.relative_to(templates).as_posix()
            build_data["force_include"][str(path)] = f"{PACKAGE}/_compiled/{inside}"

    def finalize(
        self, version: str, build_data: dict[str, Any], artifact_path: str
    ) -> None:
        """Remove the compiled files once the wheel holds them.

        Args:
            version: ``standard`` or ``editable``.
            build_data: Hatchling's build data.
            artifact_path: The wheel just written.
        """
        del version, build_data, artifact_path
        out: Path | None = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
