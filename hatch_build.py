"""Compile the gettext catalogs while hatchling builds a wheel.

The ``.mo`` files are never committed: each wheel compiles them from the
``.po`` files it ships beside, with rejectkit's own compiler (sorted keys,
no tool-version header), so a wheel can never carry a stale catalog. An
editable install compiles them beside their ``.po`` files, where the source
tree is imported from; ``git`` ignores them there.
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


def _load_compiler(root: Path) -> ModuleType:
    # rejectkit itself is not importable yet: load the one module by path.
    path = root / "src" / PACKAGE / "_i18n" / "_mofile.py"
    spec = importlib.util.spec_from_file_location(f"_{PACKAGE}_mofile", path)
    if spec is None or spec.loader is None:
        msg = f"cannot load the catalog compiler from {path}"
        raise RuntimeError(msg)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Put a freshly compiled ``.mo`` beside every ``.po`` in the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the catalogs and add them to the wheel.

        Args:
            version: ``standard`` or ``editable``.
            build_data: Hatchling's build data, extended with the files.
        """
        root = Path(self.root)
        locale_dir = root / "src" / PACKAGE / "locale"
        compiler = _load_compiler(root)
        if version == "editable":
            compiler.compile_tree(locale_dir, PACKAGE)
            return
        self._out = Path(tempfile.mkdtemp(prefix=f"{PACKAGE}-catalogs-"))
        for mo_path in compiler.compile_tree(locale_dir, PACKAGE, self._out):
            inside = mo_path.relative_to(self._out).as_posix()
            build_data["force_include"][str(mo_path)] = f"{PACKAGE}/locale/{inside}"

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
