"""Every development task, run the same way locally and in CI: ``nox``."""

from __future__ import annotations

import nox

PYTHONS = ["3.11", "3.12", "3.13"]
LINT_PYTHON = PYTHONS[0]

nox.options.sessions = ["tests", "lint", "typecheck"]
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
