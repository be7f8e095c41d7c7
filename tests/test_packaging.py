"""The built distributions carry templates and compiled catalogs, and work.

The sdist is built first and the wheel is built from it, as installers do,
so a file that only exists in the checkout cannot hide a packaging gap. The
sdist carries the ``.po`` sources only; the wheel's build hook compiles them.
"""

from __future__ import annotations

import email
import json
import os
import site
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import rejectkit
from rejectkit._i18n import SUPPORTED_LOCALES
from rejectkit._i18n._compiled import LETTER, MANIFEST
from rejectkit._i18n._mofile import compile_po
from tests.test_readme import first_example, shown

ROOT = Path(__file__).parent.parent

SCRIPT = """
import sys, rejectkit
where = rejectkit.__file__
assert "site-packages" in where and "{venv}" in where, where
for locale in sys.argv[1:]:
    kit = rejectkit.compose(rejectkit.sample_application(), locale=locale)
    assert kit[0].locale == locale, (kit[0].locale, locale)
    print(locale, len(kit), kit[0].greeting)
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return out


def test_sdist_and_wheel_carry_templates_and_catalogs(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    with tarfile.open(sdist) as archive:
        sdist_names = archive.getnames()
    with zipfile.ZipFile(wheel) as archive:
        wheel_names = archive.namelist()
        compiled = {
            name: archive.read(name) for name in wheel_names if name.endswith(".mo")
        }
    # What every nox session needs, so nox runs from the unpacked sdist.
    for needed in (
        "babel.cfg",
        "hatch_build.py",
        "noxfile.py",
        "mkdocs.yml",
        ".gitignore",
        ".ci/run",
        "requirements/constraints.txt",
        "requirements/dev.in",
        "bench/bench.py",
        "fuzz/fuzz_documents.py",
        "fuzz/seeds/sample.json",
        "examples/rejectkit-referral/pyproject.toml",
        "examples/rejectkit-interviewer/pyproject.toml",
        "docs/index.md",
        "CONTRIBUTING.md",  # docs/contributing.md includes it
    ):
        assert any(n.endswith(f"/{needed}") for n in sdist_names), needed
    assert not [n for n in sdist_names if "/fuzz/corpus/" in n]
    assert not [n for n in sdist_names if n.endswith("rejectkit.mo")]
    assert len(compiled) == len(SUPPORTED_LOCALES)
    for locale in SUPPORTED_LOCALES:
        po_path = ROOT / f"src/rejectkit/locale/{locale}/LC_MESSAGES/rejectkit.po"
        mo_name = f"rejectkit/locale/{locale}/LC_MESSAGES/rejectkit.mo"
        assert compiled[mo_name] == compile_po(po_path), locale
        assert any(
            n.endswith(po_path.relative_to(ROOT).as_posix()) for n in sdist_names
        )
    assert "rejectkit/templates/_shared.txt" in wheel_names
    assert "rejectkit/templates/_shared/questions.txt" in wheel_names
    assert "rejectkit/templates/feedback-request/body.txt" in wheel_names
    assert "rejectkit/py.typed" in wheel_names
    # Each kind's letter, compiled for every locale, with its manifest.
    kinds = {p.parent.name for p in ROOT.glob("src/rejectkit/templates/*/body.txt")}
    for locale in SUPPORTED_LOCALES:
        manifest = f"rejectkit/_compiled/{locale}/{MANIFEST}"
        assert manifest in wheel_names, locale
        with zipfile.ZipFile(wheel) as archive:
            listed = json.loads(archive.read(manifest))["templates"]
        assert set(listed) == {f"{kind}/{LETTER}" for kind in kinds}
        for entry in listed.values():
            module = f"rejectkit/_compiled/{locale}/{entry['module']}.py"
            assert module in wheel_names


COMPILED_SCRIPT = """
import sys, rejectkit
from rejectkit._i18n import _catalogs, environment
def kits():
    return [
        rejectkit.compose(rejectkit.sample_application(), locale=locale, tone=tone)
        .to_dict()
        for locale in sys.argv[1:]
        for tone in rejectkit.Tone
    ]
compiled = kits()
for locale in sys.argv[1:]:
    for kind in rejectkit.kinds():
        code = environment(locale).letter(kind).root_render_func.__code__
        print(locale, kind, "/rejectkit/_compiled/" in code.co_filename)
# The build hook's compiled code writes what compiling here writes.
_catalogs.compiled_dir = lambda: "/nonexistent"
environment.cache_clear()
assert kits() == compiled
"""


def test_installed_wheel_renders_with_the_compiled_letters(
    installed: Path, tmp_path: Path
) -> None:
    locales = list(SUPPORTED_LOCALES)
    result = run_installed(installed, tmp_path, "-c", COMPILED_SCRIPT, *locales)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(locales) * len(rejectkit.kinds())
    assert all(line.endswith(" True") for line in lines), lines


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a new virtual environment that holds the wheel."""
    (wheel,) = dist.glob("*.whl")
    env_dir = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from this test environment: its site-packages go
    # on the new venv's path after the venv's own, which holds the wheel. A
    # .pth line adds a directory without running the .pth files inside it, so
    # an editable rejectkit installed here stays out of the way.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    Path(purelib, "test-deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    return python


def run_installed(
    python: Path, cwd: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(python), *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
    )


def test_installed_wheel_renders_every_language(
    installed: Path, tmp_path: Path
) -> None:
    script = SCRIPT.format(venv=installed.parent.parent)
    result = run_installed(installed, tmp_path, "-c", script, *SUPPORTED_LOCALES)
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(
        SUPPORTED_LOCALES
    )


def test_installed_wheel_runs_the_readme_example(
    installed: Path, tmp_path: Path
) -> None:
    example = first_example()
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    result = run_installed(installed, tmp_path, "example.py")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == shown(example)


def test_wheel_metadata_publishes_the_user_extras_and_the_project_urls(
    dist: Path,
) -> None:
    """The contributors' dependency groups stay out of the published metadata."""
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(name))
    assert sorted(metadata.get_all("Provides-Extra") or []) == ["notice", "testing"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert all(url.startswith("https://") for url in urls.values())
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Description-Content-Type"] == "text/markdown"
