"""The errors rejectkit raises.

Every error derives from `RejectkitError`. Where a built-in exception already
means the same thing, the error derives from it too, so existing ``except
ValueError`` or ``except LookupError`` clauses keep working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "CultureWarning",
    "DuplicateKindError",
    "GeneratorLoadError",
    "LoadError",
    "MissingExtraError",
    "PluginWarning",
    "RejectkitError",
    "RenderError",
    "TemplateError",
    "TemplateSecurityError",
    "UnknownKindError",
    "UnsupportedLocaleError",
    "ValidationError",
]


class RejectkitError(Exception):
    """Base class of every error raised by rejectkit."""


class ValidationError(RejectkitError, ValueError):
    """Input data is invalid; `problems` names each bad field and what is wrong.

    Attributes:
        problems: ``(path, problem)`` pairs, one per bad field, in the order
            they were found. A path is dotted with list indexes in brackets,
            for example ``interviews[1].date``.
    """

    problems: tuple[tuple[str, str], ...]

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "; ".join(
                f"{path}: {problem}" if path else problem
                for path, problem in self.problems
            )
        )

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its problems, so it crosses process boundaries intact.
        return (type(self), (self.problems,), self.__dict__)

    @classmethod
    def single(cls, path: str, problem: str) -> ValidationError:
        """Build an error about one field.

        Args:
            path: The field's path, such as ``candidate.email``.
            problem: What is wrong with it, in a short phrase.

        Returns:
            The error, ready to raise.
        """
        return cls([(path, problem)])

    def within(self, prefix: str) -> ValidationError:
        """Return the same error with every path placed below *prefix*.

        Args:
            prefix: The path of the object that holds the bad fields.

        Returns:
            A new error whose paths start with *prefix*.
        """
        joined = []
        for path, problem in self.problems:
            if not path:
                joined.append((prefix, problem))
            elif path.startswith("["):
                joined.append((prefix + path, problem))
            else:
                joined.append((f"{prefix}.{path}" if prefix else path, problem))
        return ValidationError(joined)


class LoadError(RejectkitError, OSError):
    """A file could not be read, or its format is not JSON or TOML."""


class MissingExtraError(RejectkitError, ImportError):
    """A feature needs an optional extra that is not installed; the message names it."""


class UnknownKindError(RejectkitError, LookupError):
    """No generator is registered for the requested message kind."""


class DuplicateKindError(RejectkitError, ValueError):
    """A generator was registered for a kind that already has one."""


class GeneratorLoadError(RejectkitError, ImportError):
    """A plugin's generator could not be imported from its entry point."""


class UnsupportedLocaleError(RejectkitError, ValueError):
    """The requested locale is not a locale rejectkit can write in."""


class RenderError(RejectkitError):
    """A generator failed while writing a message."""


class TemplateError(RejectkitError, ValueError):
    """A user's template could not be rendered; the message says where and why.

    Attributes:
        template: Which template failed, ``"body"`` or ``"subject"``.
        line: The template line the problem is on, when it is known.
    """

    template: str | None
    line: int | None

    def __init__(
        self, message: str, *, template: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.template = template
        self.line = line


class TemplateSecurityError(TemplateError):
    """A user's template reached for something outside its documented context."""


class CultureWarning(UserWarning):
    """A message kind is not customary in the language it is written in.

    `compose` leaves such kinds out; `generate` writes them but warns, unless
    called with ``allow_uncustomary=True``.
    """


class PluginWarning(UserWarning):
    """A plugin could not be loaded or conflicts with another; the rest work."""
