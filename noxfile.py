"""Every development task, run the same way locally and in CI: ``nox``."""

from __future__ import annotations

import platform
import sys

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
LINT_PYTHON = PYTHONS[0]
LOCALE_DIR = "src/rejectkit/locale"
POT = f"{LOCALE_DIR}/rejectkit.pot"

nox.options.sessions = [
    "tests",
    "lint",
    "typecheck",
    "plugins",
    "docs",
    "bench_smoke",
    "fuzz_smoke",
]
nox.options.reuse_existing_virtualenvs = True
# A missing interpreter is a failure, not a skip, wherever nox runs.
nox.options.error_on_missing_interpreters = True


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    session.install("-e", ".[tests]")
    session.run("pytest", *session.posargs)


@nox.session(python=LINT_PYTHON)
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=LINT_PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check the package, the tests and this file with mypy --strict."""
    session.install(
        "-e", ".[tests]", "mypy", "nox", "types-html5lib", "types-jsonschema"
    )
    session.run("mypy", "--strict")


@nox.session(python=LINT_PYTHON)
def plugins(session: nox.Session) -> None:
    """Install the example plugin beside rejectkit and run its tests.

    The plugin lives in its own environment, so the main test session and its
    golden files never see it.
    """
    session.install(".[testing]", "./examples/rejectkit-referral")
    session.run("pytest", "examples/rejectkit-referral/tests", *session.posargs)


@nox.session(python=LINT_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site strictly, then run its examples and checks."""
    session.install("-e", ".[docs]")
    # mkdocs-material announces MkDocs 2 on every build; the docs extra pins 1.x.
    session.env["NO_MKDOCS_2_WARNING"] = "1"
    session.run("mkdocs", "build", "--strict", *session.posargs)
    session.run("pytest", "tests/test_docs.py")


@nox.session(python=LINT_PYTHON)
def i18n(session: nox.Session) -> None:
    """Extract messages, update and compile every catalog, then check them."""
    session.install("-e", ".")
    session.run(
        "pybabel", "extract", "--mapping-file", "babel.cfg",
        "--keyword", "P:1c,2", "--ignore-dirs", ".* __pycache__",
        "--add-comments", "TRANSLATORS:", "--strip-comment-tags",
        "--no-location", "--sort-output", "--width", "76",
        "--project", "rejectkit", "--copyright-holder", "The rejectkit maintainers",
        "--output-file", POT, ".",
    )  # fmt: skip
    session.run(
        "pybabel", "update", "--input-file", POT, "--output-dir", LOCALE_DIR,
        "--domain", "rejectkit", "--no-fuzzy-matching", "--ignore-obsolete",
        "--width", "76",
    )  # fmt: skip
    session.run("python", "-m", "rejectkit._i18n._check", "--fill-source")
    # Compiled by rejectkit's own step: pybabel compile rejects a correct
    # single-plural-form catalog (python-babel/babel#570).
    session.run("python", "-m", "rejectkit._i18n._check", "--compile")
    session.run("python", "-m", "rejectkit._i18n._check")


@nox.session(python=LINT_PYTHON)
def bench(session: nox.Session) -> None:
    """Run the full benchmark (many minutes) and write docs/benchmarks.md."""
    session.install(".")
    session.run("python", "bench/bench.py", "--write", "docs/benchmarks.md")


@nox.session(python=LINT_PYTHON)
def bench_smoke(session: nox.Session) -> None:
    """Run every benchmark figure on small inputs, in seconds; write nothing."""
    session.install(".")
    session.run("python", "bench/bench.py", "--smoke")


FUZZ_PYTHON = PYTHONS[0]


def _fuzz(session: nox.Session, seconds: str, *libfuzzer_args: str) -> None:
    # atheris ships wheels for Linux x86_64 only; elsewhere it would need a
    # libFuzzer build of clang.
    if sys.platform != "linux" or platform.machine() != "x86_64":
        session.skip("atheris has wheels for Linux x86_64 only; not fuzzing here")
    session.install(".", "atheris>=3")
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
