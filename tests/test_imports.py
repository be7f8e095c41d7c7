"""What importing rejectkit loads, and what waits until it is first used."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points, version

import pytest

import rejectkit

# Loaded only by the features that need them: loading documents (cattrs),
# user templates (the sandbox), TOML, and reading entry points or the
# version (importlib.metadata, which brings in the email package).
LAZY = (
    "cattrs",
    "tomllib",
    "rejectkit._serde",
    "rejectkit._sandbox",
    "rejectkit._email",
    "importlib.metadata",
    "email.message",
    "idna",
    "rejectkit._dicts",
)


def _loaded_by(code: str) -> set[str]:
    """Return the modules a fresh interpreter holds after *code*, start-up aside."""
    show = "\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    modules = []
    for script in ("pass", code):
        done = subprocess.run(
            [sys.executable, "-c", script + show],
            capture_output=True,
            text=True,
            check=True,
        )
        modules.append(set(done.stdout.split()))
    start_up, after = modules
    return after - start_up


def test_import_loads_nothing_a_render_does_not_need() -> None:
    loaded = _loaded_by("import rejectkit")
    assert "rejectkit.generators" in loaded
    assert not loaded & set(LAZY)


def test_a_first_render_loads_neither_cattrs_nor_the_sandbox() -> None:
    loaded = _loaded_by(
        "import rejectkit\n"
        "for message in rejectkit.compose(rejectkit.sample_application()):\n"
        "    message.text\n"
    )
    assert not loaded & {"cattrs", "tomllib", "rejectkit._serde", "rejectkit._sandbox"}
    # The sample's addresses are ASCII: no label needs IDNA.
    assert "idna" not in loaded
    # The entry points are read only where a package declares a generator.
    plugins = entry_points(group="rejectkit.generators")
    assert ("importlib.metadata" in loaded) is bool(plugins)


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("load", "rejectkit._serde"),
        ("MessageDict", "rejectkit._dicts"),
        ("loads", "rejectkit._serde"),
        ("from_template", "rejectkit._sandbox"),
        ("TemplateLimits", "rejectkit._sandbox"),
    ],
)
def test_names_loaded_on_first_use_are_the_real_ones(name: str, module: str) -> None:
    value = getattr(rejectkit, name)
    assert value is getattr(sys.modules[module], name)
    assert name in dir(rejectkit)
    assert name in rejectkit.__all__


def test_the_version_is_read_on_first_use() -> None:
    assert rejectkit.__version__ == version("rejectkit")


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'compose_all'"):
        _ = rejectkit.compose_all  # type: ignore[attr-defined]
