"""The rules every generator meets, as a check plugin authors can run.

`rejectkit.testing` re-exports `check_generator` and the `isolated_registry`
fixture; this module needs neither Hypothesis nor pytest to import.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from typing import TYPE_CHECKING, Any

from rejectkit import _i18n
from rejectkit._compose import generate
from rejectkit._letters import caller_strings
from rejectkit._message import FSI, PDI, Audience
from rejectkit._models import Tone
from rejectkit._registry import registry
from rejectkit._sample import sample_application

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from rejectkit._message import Message
    from rejectkit._models import Application
    from rejectkit.generators import MessageGenerator

__all__ = ["check_generator"]

LEFTOVERS = ("{{", "}}", "{%", "%}", "%(", "None", "  ", "\n\n\n")
"""Text that never appears in a message once caller values are masked out."""
_WORD = re.compile(r"\w+")
# A shorter paragraph ("Kind regards,") may read the same in two languages.
_MIN_WORDS = 3


def check_generator(
    generator: type[MessageGenerator] | str,
    applications: Iterable[Application] | None = None,
    *,
    locales: Iterable[str] | None = None,
    options: Mapping[str, object] | None = None,
) -> list[Message]:
    """Render a generator everywhere it claims to work and check the rules.

    The rules are those every built-in kind meets: it renders in each locale
    it declares and in both tones, `Message.locale` says which locale was
    written, the role title and (outside private notes) the candidate's
    name in the signature appear verbatim, no template syntax, ``None``,
    doubled space or stray blank line is left once caller values are masked
    out, the same input gives the same bytes twice, and in a language other
    than its `MessageGenerator.default_locale`'s no paragraph of three words
    or more reads exactly as it does there (an untranslated catalog entry,
    or a catalog that is missing).

    Args:
        generator: A registered kind id, or a generator class (registered for
            the duration of the check if it is not registered yet).
        applications: The applications to render; the sample application by
            default. Applications the kind does not apply to are skipped.
        locales: The locales to check; by default those the generator
            declares, or every shipped locale.
        options: The kind's options for every render, as `generate` takes
            them (``to=`` included, for a kind that writes to a contact).

    Returns:
        Every message rendered, for further checks of your own.

    Raises:
        AssertionError: A rule is broken; the message says which and where.
    """
    with _registered(generator) as kind:
        instance = registry.get(kind)
        chosen = tuple(locales or instance.locales or _i18n.SUPPORTED_LOCALES)
        given: dict[str, Any] = dict(options or {})
        cases = list(applications or [sample_application()])
        rendered: list[Message] = []
        for application in cases:
            if not instance.applies_to(application):
                continue
            for tone in Tone:
                messages = [
                    _check_one(kind, application, locale, tone, given)
                    for locale in chosen
                ]
                _check_translated(
                    kind, instance, application, messages, tone=tone, options=given
                )
                rendered.extend(messages)
        if not rendered:
            msg = f"{kind}: no application given applies to this kind"
            raise AssertionError(msg)
        return rendered


@contextlib.contextmanager
def _registered(generator: type[MessageGenerator] | str) -> Iterator[str]:
    if isinstance(generator, str):
        yield generator
        return
    kind = generator.kind
    if kind in registry.kinds() and type(registry.get(kind)) is generator:
        yield kind
        return
    with registry.isolated():
        registry.register(generator, replace=True)
        yield kind


def _check_one(
    kind: str,
    application: Application,
    locale: str,
    tone: Tone,
    options: dict[str, Any],
) -> Message:
    where = f"{kind} in {locale}, {tone.value}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first, second = (
            generate(
                kind,
                application,
                locale=locale,
                tone=tone,
                allow_uncustomary=True,
                **options,
            )
            for _ in range(2)
        )
    _expect(first.locale == locale, where, f"was written in {first.locale!r}")
    _expect(first.to_dict() == second.to_dict(), where, "differs between two renders")
    text = f"{first.subject}\n{first.text}"
    names = [application.role.title]
    if first.audience is not Audience.CANDIDATE:
        names += [application.candidate.name.given, application.candidate.name.family]
    for name in names:
        _expect(name in text, where, f"lacks {name!r}")
    masked = _masked(text, application)
    for leftover in LEFTOVERS:
        _expect(leftover not in masked, where, f"holds {leftover!r}")
    lines = first.text.split("\n")
    _expect(all(line == line.rstrip() for line in lines), where, "has trailing spaces")
    return first


def _masked(text: str, application: Application) -> str:
    for value in sorted(caller_strings(application), key=len, reverse=True):
        text = text.replace(value, "\x00")
    return text.replace(FSI, "").replace(PDI, "")


def _check_translated(
    kind: str,
    generator: MessageGenerator,
    application: Application,
    messages: list[Message],
    *,
    tone: Tone,
    options: dict[str, Any],
) -> None:
    source = generator.default_locale
    others = [m for m in messages if _i18n.language(m.locale) != _i18n.language(source)]
    if not others:
        return
    # The default language's message, rendered once: already in *messages*
    # when the default locale was checked too.
    original = next((m for m in messages if m.locale == source), None) or generate(
        kind, application, locale=source, tone=tone, allow_uncustomary=True, **options
    )
    # Case aside: some languages lower the first word after the greeting.
    paragraphs = {
        p.casefold()
        for p in _masked(original.body, application).split("\n\n")
        if len(_WORD.findall(p.replace("\x00", " "))) >= _MIN_WORDS
    }
    for message in others:
        body = _masked(message.body, application)
        for paragraph in body.split("\n\n"):
            _expect(
                paragraph.casefold() not in paragraphs,
                f"{kind} in {message.locale}, {tone.value}",
                f"{paragraph!r} reads as it does in {source!r}: not translated",
            )


def _expect(condition: bool, where: str, problem: str) -> None:  # noqa: FBT001
    if not condition:
        msg = f"{where}: {problem}"
        raise AssertionError(msg)
