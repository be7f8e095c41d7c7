"""Every development task, run the same way locally and in CI: ``nox``."""

from __future__ import annotations

import json
import platform
import re
import shutil
import sys
from pathlib import Path

import nox
from nox.project import dependency_groups, load_toml

PYTHONS = ["3.11", "3.12", "3.13"]
LINT_PYTHON = PYTHONS[0]
LOCALE_DIR = "src/rejectkit/locale"
POT = f"{LOCALE_DIR}/rejectkit.pot"
ROOT = Path(__file__).parent
PYPROJECT = load_toml(ROOT / "pyproject.toml")
PROJECT = PYPROJECT["project"]
# Every version any session installs, for every Python in PYTHONS; `nox -s
# lock` writes it, `nox -s latest` runs the tests without it.
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"

nox.options.sessions = [
    "tests",
    "lint",
    "typecheck",
    "typing",
    "plugins",
    "docs",
    "sdist",
    "bench_smoke",
    "fuzz_smoke",
]
nox.options.reuse_existing_virtualenvs = True
# A missing interpreter is a failure, not a skip, wherever nox runs.
nox.options.error_on_missing_interpreters = True


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement.lower())


def _pins() -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for line in CONSTRAINTS.read_text("utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split(";")[0].split("==")
            pins.setdefault(_name(name.strip()), set()).add(version.strip())
    return pins


def install(session: nox.Session, *args: str) -> None:
    """Install with every version the constraints file pins, and only those."""
    session.install("--constraint", str(CONSTRAINTS), *args)
    frozen = session.run(
        "python", "-m", "pip", "freeze", "--all", silent=True, log=False
    )  # fmt: skip
    pins = _pins()
    unpinned = []
    for line in str(frozen).splitlines():
        if "==" not in line or line.startswith(("#", "-e ")):
            continue  # rejectkit itself, or a local plugin
        name, version = line.split("==")
        if _name(name) in {"pip", "setuptools", "wheel"}:
            continue  # the virtual environment's own
        if version not in pins.get(_name(name), set()):
            unpinned.append(f"{name} {version}")
    if unpinned:
        session.error(
            f"not pinned in {CONSTRAINTS.name}: {', '.join(unpinned)}; add it to "
            "requirements/dev.in and run `nox -s lock`, or recreate this "
            "session's environment (`nox -s NAME --no-reuse-existing-virtualenvs`)"
        )


def install_project(
    session: nox.Session,
    *args: str,
    extras: str = "",
    group: str = "",
    editable: bool = False,
) -> None:
    """Install rejectkit with *extras*, the dependency *group* and *args*.

    The group's requirements are read from pyproject.toml here rather than
    left to ``pip install --group``, which the pip of an older virtual
    environment lacks. rejectkit is built without build isolation: the
    wheel's build hook compiles the catalogs with Babel, so the build backend
    and Babel come from the constraints file too, not from whatever an
    isolated build environment would fetch that day; so does Jinja2, with
    which the hook compiles the templates.
    """
    install(
        session, "hatchling", "babel", "jinja2", *(["editables"] if editable else [])
    )
    target = f".[{extras}]" if extras else "."
    mode = ("--editable",) if editable else ()
    requirements = dependency_groups(PYPROJECT, group) if group else ()
    install(session, "--no-build-isolation", *mode, target, *requirements, *args)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite, except the docs site tests (``nox -s docs``)."""
    install_project(session, extras="testing", group="tests", editable=True)
    session.run("pytest", "-m", "not site", *session.posargs)


@nox.session(python=PYTHONS)
def latest(session: nox.Session) -> None:
    """Run the tests against the newest release of every dependency.

    Not part of a plain ``nox`` run: it shows on purpose, when someone asks,
    what the next ``nox -s lock -- --upgrade`` would bring.
    """
    upgrade = ("--upgrade", "--upgrade-strategy", "eager")
    session.install(*upgrade, "hatchling", "babel", "editables")
    session.install(
        *upgrade, "--no-build-isolation", "--editable", ".[testing]",
        *dependency_groups(PYPROJECT, "tests"),
    )  # fmt: skip
    session.run("python", "-m", "pip", "list")
    session.run("pytest", "-m", "not site", *session.posargs)


@nox.session(python=LINT_PYTHON)
def lock(session: nox.Session) -> None:
    """Pin every session's tools and dependencies in the constraints file.

    It pins the project's dependencies and extras, its dependency groups and
    requirements/dev.in. ``nox -s lock`` keeps the current pins and adds what
    is new; ``nox -s lock -- --upgrade`` moves everything to the newest
    releases.
    """
    install(session, "uv")
    groups = [f"--group=pyproject.toml:{g}" for g in PYPROJECT["dependency-groups"]]
    session.run(
        "uv", "pip", "compile", "--universal", "--python-version", PYTHONS[0],
        "--all-extras", "--quiet", "--custom-compile-command", "nox -s lock",
        "--output-file", CONSTRAINTS.relative_to(ROOT).as_posix(),
        "pyproject.toml", *groups, "requirements/dev.in", *session.posargs,
    )  # fmt: skip


@nox.session(python=LINT_PYTHON)
def sdist(session: nox.Session) -> None:
    """Build the sdist, unpack it, and run ``nox -l`` and the tests from it.

    What a packager does with the sdist: every session the noxfile defines
    must find what it needs there.
    """
    install(session, "build", "nox", "hatchling", "babel", "jinja2")
    work = Path(session.create_tmp()) / "sdist"
    shutil.rmtree(work, ignore_errors=True)
    session.run(
        "python", "-m", "build", "--sdist", "--no-isolation",
        "--outdir", str(work), ".",
    )  # fmt: skip
    (archive,) = work.glob("*.tar.gz")
    shutil.unpack_archive(archive, work)
    (unpacked,) = (p for p in work.iterdir() if p.is_dir())
    session.chdir(unpacked)
    session.run("nox", "--list")
    session.run("nox", "--session", f"tests-{session.python}", *session.posargs)


@nox.session(python=LINT_PYTHON)
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    install(session, "ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=LINT_PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check the package, the tests and this file with mypy --strict."""
    install_project(
        session, "mypy", "nox", "selenium", "types-html5lib", "types-jsonschema",
        extras="testing", group="tests", editable=True,
    )  # fmt: skip
    session.run("mypy", "--strict")


@nox.session(name="typing", python=LINT_PYTHON)
def public_types(session: nox.Session) -> None:
    """Check the public types with pyright: complete, and precise where it counts.

    ``pyright --verifytypes`` must find every public name fully typed and
    documented (a completeness score of 100%), and pyright in strict mode
    must agree with mypy on tests/typecheck: its `typing.assert_type` lines
    hold and each misuse there is still a type error.
    """
    install_project(session, group="typing")
    session.run("pyright")  # strict on tests/typecheck; see [tool.pyright]
    report = session.run(
        "pyright", "--verifytypes", "rejectkit", "--ignoreexternal", "--outputjson",
        silent=True, stderr=None, success_codes=[0, 1],
    )  # fmt: skip
    completeness = json.loads(str(report))["typeCompleteness"]
    score = completeness["completenessScore"]
    session.log(f"type completeness of rejectkit's public API: {score:.1%}")
    if score < 1:
        problems = [
            f"{symbol['name']}: {diagnostic['message']}"
            for symbol in completeness["symbols"]
            for diagnostic in symbol["diagnostics"]
            if diagnostic["severity"] == "error"
        ]
        session.error(
            f"the public API is {score:.1%} typed, not 100%:\n" + "\n".join(problems)
        )


@nox.session(python=LINT_PYTHON)
def plugins(session: nox.Session) -> None:
    """Install the example plugins beside rejectkit and run their tests.

    They live in their own environment, so the main test session and its
    golden files never see them; installed together, each also shows that
    it leaves the other alone.
    """
    examples = ("examples/rejectkit-referral", "examples/rejectkit-interviewer")
    install_project(session, *(f"./{e}" for e in examples), extras="testing")
    for example in examples:
        session.run("pytest", f"{example}/tests", *session.posargs)


@nox.session(python=LINT_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site strictly, then run its examples and checks."""
    install_project(session, extras="testing", group="docs", editable=True)
    # mkdocs-material announces MkDocs 2 on every build; the docs group pins 1.x.
    session.env["NO_MKDOCS_2_WARNING"] = "1"
    session.run("mkdocs", "build", "--strict", *session.posargs)
    session.run("pytest", "tests/test_docs.py")  # the examples and the site


@nox.session(python=LINT_PYTHON)
def i18n(session: nox.Session) -> None:
    """Extract messages, update and compile every catalog, then check them."""
    install_project(session, editable=True)
    session.run(
        "pybabel", "extract", "--mapping-file", "babel.cfg",
        "--keyword", "P:1c,2", "--ignore-dirs", ".* __pycache__",
        "--add-comments", "TRANSLATORS:", "--strip-comment-tags",
        "--no-location", "--sort-output", "--width", "76",
        "--project", "rejectkit", "--version", PROJECT["version"],
        "--copyright-holder", "The rejectkit maintainers",
        "--msgid-bugs-address", "https://github.com/rejectkit/rejectkit/issues",
        "--output-file", POT, ".",
    )  # fmt: skip
    session.run(
        "pybabel", "update", "--input-file", POT, "--output-dir", LOCALE_DIR,
        "--domain", "rejectkit", "--no-fuzzy-matching", "--ignore-obsolete",
        "--width", "76",
    )  # fmt: skip
    session.run("python", "-m", "rejectkit._i18n._check", "--fill-source")
    session.run("python", "-m", "rejectkit._i18n._check", "--headers")
    # Not pybabel compile: Babel writes keys in an order GNU gettext cannot
    # search. The wheel's build hook uses the same compiler.
    session.run("python", "-m", "rejectkit._i18n._check", "--compile")
    session.run("python", "-m", "rejectkit._i18n._check")


@nox.session(python=LINT_PYTHON)
def bench(session: nox.Session) -> None:
    """Run the full benchmark (many minutes) and write docs/benchmarks.md."""
    install_project(session)
    session.run("python", "bench/bench.py", "--write", "docs/benchmarks.md")


@nox.session(python=LINT_PYTHON)
def bench_smoke(session: nox.Session) -> None:
    """Run every benchmark figure on small inputs, in seconds; write nothing."""
    install_project(session)
    session.run("python", "bench/bench.py", "--smoke")


FUZZ_PYTHON = PYTHONS[0]


def _fuzz(session: nox.Session, seconds: str, *libfuzzer_args: str) -> None:
    # atheris ships wheels for Linux x86_64 only; elsewhere it would need a
    # libFuzzer build of clang.
    if sys.platform != "linux" or platform.machine() != "x86_64":
        session.skip("atheris has wheels for Linux x86_64 only; not fuzzing here")
    install_project(session, "atheris")
    session.chdir("fuzz")
    session.run(
        "python", "fuzz_documents.py", f"-max_total_time={seconds}",
        "-print_final_stats=1", *libfuzzer_args,
    )  # fmt: skip


@nox.session(python=FUZZ_PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz loading, composing and rendering: ``nox -s fuzz -- SECONDS [ARGS]``."""
    seconds, *rest = session.posargs or ["60"]
    _fuzz(session, seconds, *rest)


@nox.session(python=FUZZ_PYTHON)
def fuzz_smoke(session: nox.Session) -> None:
    """Fuzz for a few seconds from the seeds, as CI does."""
    _fuzz(session, "10")
