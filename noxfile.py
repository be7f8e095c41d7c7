"""Every development task, run the same way locally and in CI: ``nox``."""

from __future__ import annotations

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
LINT_PYTHON = PYTHONS[0]
LOCALE_DIR = "src/rejectkit/locale"
POT = f"{LOCALE_DIR}/rejectkit.pot"

nox.options.sessions = ["tests", "lint", "typecheck", "bench_smoke"]
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
    session.install("-e", ".[tests]", "mypy", "nox")
    session.run("mypy", "--strict")


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
