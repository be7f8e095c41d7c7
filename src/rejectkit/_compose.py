"""`generate` one message, or `compose` the kit that fits a situation."""

from __future__ import annotations

import enum
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    TypedDict,
    TypeVar,
    Unpack,
)

import attrs
import jinja2

from rejectkit import _i18n
from rejectkit._letters import RenderContext
from rejectkit._message import Failure, Kit, Message
from rejectkit._models import Application, Contact, FeedbackTopic, Tone
from rejectkit._registry import registry
from rejectkit.exceptions import (
    CultureWarning,
    DuplicateKindError,
    PluginWarning,
    RejectkitError,
    RenderError,
    ValidationError,
)
from rejectkit.generators._base import covers, parse_topics, unordered
from rejectkit.generators._builtin import BUILTIN_GENERATORS

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    import babel

    from rejectkit.generators import MessageGenerator

__all__ = ["KindOptions", "compose", "generate", "plan"]


class KindOptions(TypedDict, total=False):
    """The options `generate` takes for the built-in kinds, as keywords.

    A type checker flags an option that is not here, such as a misspelt
    ``topicz=``. The options of a kind from a plugin are not here either:
    pass them from a ``dict[str, Any]``, as in ``generate(kind, app,
    **options)``, or in the ``options=`` table of `compose`; rejectkit
    checks them at run time either way.

    Attributes:
        topics: The `FeedbackTopic` members (or their values) to ask about,
            in order, for ``feedback-request`` and ``hr-follow-up``; a set,
            which has no order, is refused.
        to: The `Contact` (or a table of its fields) to address the message
            to instead of the kind's usual audience; every kind takes it.
    """

    topics: Sequence[FeedbackTopic | Literal["qualifications", "experience", "fit"]]
    to: Contact | Mapping[str, object]


_E = TypeVar("_E", bound=enum.Enum)
_BUILTIN_BY_KIND: Final = {cls.kind: cls for cls in BUILTIN_GENERATORS}


def _check_application(application: object) -> Application:
    if not isinstance(application, Application):
        raise ValidationError.single(
            "application",
            f"expected an Application, got {type(application).__name__}",
        )
    return application


def _member(enum_type: type[_E], value: object, field: str) -> _E:
    # A member of enum_type, or its value as a string.
    if isinstance(value, enum_type):
        return value
    for member in enum_type:
        if isinstance(value, str) and value == member.value:
            return member
    allowed = ", ".join(str(m.value) for m in enum_type)
    raise ValidationError.single(field, f"{value!r} is not one of {allowed}")


def _check_tone(tone: object) -> Tone:
    return _member(Tone, tone, "tone")


def plan(
    application: Application,
    *,
    bundle: bool = False,
    locale: str | babel.Locale = _i18n.DEFAULT_LOCALE,
) -> tuple[str, ...]:
    """Return the kinds `compose` writes for *application*, in sending order.

    | situation | kinds |
    | --- | --- |
    | feedback received | reply-feedback-received, next-steps |
    | feedback declined | reply-feedback-declined |
    | interviewed, manager known | thank-hiring-manager first |
    | interviewed, HR known | thank-hr |
    | someone else chosen, HR known or interviewed | feedback-request |
    | always, before any feedback | stay-in-touch |

    The table is what the built-in generators say: `plan` asks every
    registered generator whether it belongs (`MessageGenerator.planned`),
    in registry order, so a replaced or unregistered kind changes the plan,
    and a kind of your own joins it once its generator says when. With
    *bundle*, the notes to HR (or the hiring team) become one
    ``hr-follow-up`` whenever there would be more than one (see
    `MessageGenerator.bundled_into`). Kinds that are not customary in the
    locale's culture are left out.

    Args:
        application: The application.
        bundle: Send HR one combined email instead of separate notes.
        locale: The locale the kit will be written in.

    Returns:
        The kind ids.

    Raises:
        ValidationError: *application* is not an `Application`.
        UnsupportedLocaleError: *locale* is not a locale.

    Warns:
        PluginWarning: A plugin could not be loaded to ask it; its kind is
            left out of the plan (a built-in kind it replaces stays in, so
            `compose` reports the failure).
    """
    application = _check_application(application)
    uncustomary = _i18n.conventions_for(_i18n.resolve_locale(locale)[1]).uncustomary
    chosen = [
        (kind, generator.bundled_into)
        for kind in registry.kinds()
        if (generator := _asked_for_plan(kind)) is not None
        and generator.planned(application)
    ]
    kinds = [kind for kind, _ in chosen]
    if bundle:
        groups: dict[str, list[str]] = {}
        for kind, into in chosen:
            if into is not None:
                groups.setdefault(into, []).append(kind)
        for into, members in groups.items():
            if len(members) > 1 and into in registry:
                kinds[kinds.index(members[0])] = into
                kinds = [kind for kind in kinds if kind not in members]
    return tuple(kind for kind in kinds if kind not in uncustomary)


def _asked_for_plan(kind: str) -> MessageGenerator | None:
    try:
        return registry.get(kind)
    except RejectkitError as error:
        builtin = _BUILTIN_BY_KIND.get(kind)
        if builtin is not None:
            # A plugin that replaces a built-in failed: plan the kind as the
            # built-in would, so compose raises (or records) the failure.
            return builtin()
        warnings.warn(
            PluginWarning(f"{error}; plan() leaves {kind!r} out"), stacklevel=3
        )
        return None


def generate(
    kind: str,
    application: Application,
    *,
    locale: str | babel.Locale = _i18n.DEFAULT_LOCALE,
    tone: Tone | Literal["formal", "warm"] = Tone.FORMAL,
    strict_locale: bool = False,
    allow_uncustomary: bool = False,
    templates: (
        str
        | os.PathLike[str]
        | jinja2.BaseLoader
        | list[str | os.PathLike[str] | jinja2.BaseLoader]
        | tuple[str | os.PathLike[str] | jinja2.BaseLoader, ...]
        | None
    ) = None,
    **options: Unpack[KindOptions],
) -> Message:
    """Write one message of *kind*.

    Args:
        kind: A kind id from `kinds`, such as ``"feedback-request"``.
        application: What happened.
        locale: A locale tag (``"en"``, ``"en-GB"``, ``"de_DE.UTF-8"``) or a
            `babel.Locale`; unsupported languages fall back to English.
        tone: `Tone.FORMAL` (the default) or `Tone.WARM`, or their values.
        strict_locale: Raise instead of falling back to English.
        allow_uncustomary: Write a kind that is not customary in the
            locale's culture without a `CultureWarning`.
        templates: Your own templates, searched before the shipped ones: a
            directory, a `jinja2.BaseLoader`, or a list or tuple of them. In a
            directory, ``de/thank-hr/body.txt`` replaces the German body of
            ``thank-hr`` only and ``thank-hr/body.txt`` every language's.
        **options: Options of the kind (see `KindOptions`), such as
            ``topics=`` for ``feedback-request``. Every kind also takes
            ``to=``, a `Contact` (or a table of its fields) to address the
            message to instead of its usual audience, as `Audience.CONTACT`:
            a thank-you to an interviewer who was not the manager, say.

    Returns:
        The message.

    Raises:
        UnknownKindError: No generator writes *kind*.
        DuplicateKindError: A plugin declares *kind* without being allowed
            to replace the generator that writes it (see `Registry.shadowed`).
        ValidationError: The application does not fit the kind, or an option
            is unknown or invalid.
        UnsupportedLocaleError: *locale* is not a locale (or, with
            *strict_locale*, not a supported one).
        RenderError: The generator failed.

    Warns:
        CultureWarning: *kind* is not customary in the locale's culture and
            *allow_uncustomary* is not set.
    """
    application = _check_application(application)
    context = _context(
        application, locale, tone, strict_locale=strict_locale, templates=templates
    )
    if not allow_uncustomary:
        _warn_if_uncustomary(kind, context)
    return _render(kind, context, options)


def compose(
    application: Application,
    *,
    locale: str | babel.Locale = _i18n.DEFAULT_LOCALE,
    tone: Tone | Literal["formal", "warm"] = Tone.FORMAL,
    bundle: bool = False,
    kinds: list[str] | tuple[str, ...] | Iterator[str] | None = None,
    topics: Sequence[FeedbackTopic | Literal["qualifications", "experience", "fit"]]
    | None = None,
    strict_locale: bool = False,
    allow_uncustomary: bool = False,
    templates: (
        str
        | os.PathLike[str]
        | jinja2.BaseLoader
        | list[str | os.PathLike[str] | jinja2.BaseLoader]
        | tuple[str | os.PathLike[str] | jinja2.BaseLoader, ...]
        | None
    ) = None,
    strict: bool = True,
    options: Mapping[str, Mapping[str, object]] | None = None,
) -> Kit:
    """Write every message that fits the situation, in sending order.

    Args:
        application: What happened.
        locale: A locale tag (``"en"``, ``"en-GB"``, ``"de_DE.UTF-8"``) or a
            `babel.Locale`; unsupported languages fall back to English.
        tone: `Tone.FORMAL` (the default) or `Tone.WARM`, or their values.
        bundle: Send HR one combined ``hr-follow-up`` instead of separate
            notes.
        kinds: Write exactly these kinds (a list, tuple or iterator of kind
            ids; not a set, which has no order), in this order, instead of
            the ones `plan` picks. A kind of
            your own joins a planned kit only when its generator's
            `MessageGenerator.planned` says so (a subclass of a built-in
            inherits the built-in's); a kind that is not customary in the
            locale warns as in `generate`.
        topics: The feedback topics to ask about, in order, for the kinds
            that ask (a list or tuple, not a set); all three by default.
        strict_locale: Raise instead of falling back to English.
        allow_uncustomary: Write a kind in *kinds* that is not customary in
            the locale's culture without a `CultureWarning`. The kits `plan`
            picks leave such kinds out either way.
        templates: Your own templates, searched before the shipped ones: a
            directory, a `jinja2.BaseLoader`, or a list or tuple of them. In a
            directory, ``de/thank-hr/body.txt`` replaces the German body of
            ``thank-hr`` only and ``thank-hr/body.txt`` every language's.
        strict: Raise the first error a kind meets. With ``strict=False``
            the kit holds every kind that rendered, and `Kit.failures` names
            each kind that did not and why; nothing is dropped silently.
        options: Options per kind, as `generate` takes them:
            ``{"feedback-request": {"topics": ["fit"]}, "thank-hiring-manager":
            {"to": interviewer}}``. Each key must be a kind the kit writes;
            a kind's ``topics`` here wins over *topics*.

    Returns:
        The kit.

    Raises:
        UnknownKindError: A kind in *kinds* is not registered.
        DuplicateKindError: A kind in *kinds* is declared by a plugin that
            may not replace it; a kind `plan` picks is written by the kept
            generator, with a `PluginWarning`.
        GeneratorLoadError: A plugin's generator could not be imported.
        ValidationError: The application does not fit a kind in *kinds*, or
            *topics* or *options* is invalid (an option for a kind the kit
            does not write, too).
        UnsupportedLocaleError: *locale* is not a locale (or, with
            *strict_locale*, not a supported one).
        RenderError: A generator failed.
    """
    application = _check_application(application)
    if topics is not None:
        topics = parse_topics(topics)
    context = _context(
        application, locale, tone, strict_locale=strict_locale, templates=templates
    )
    if kinds is None:
        chosen = plan(application, bundle=bundle, locale=context.locale)
    else:
        chosen = _kind_list(kinds)
        if not allow_uncustomary:
            for kind in chosen:
                _warn_if_uncustomary(kind, context)
    per_kind = _kind_options(options, chosen)
    messages = []
    failures = []
    for kind in chosen:
        try:
            generator = registry.get(kind)
            given: dict[str, Any] = {}
            if topics is not None and "topics" in generator.options:
                given["topics"] = topics
            given.update(per_kind.get(kind, {}))
            messages.append(_render(kind, context, given, named=kinds is not None))
        except RejectkitError as error:
            if strict:
                raise
            failures.append(Failure(kind=kind, error=error))
    return Kit(
        messages=tuple(messages), failures=tuple(failures), application=application
    )


def _kind_options(
    options: object, chosen: tuple[str, ...]
) -> dict[str, dict[str, object]]:
    if options is None:
        return {}
    if not isinstance(options, Mapping):
        raise ValidationError.single(
            "options",
            "expected a table of kinds and their options, "
            f"got {type(options).__name__}",
        )
    per_kind: dict[str, dict[str, object]] = {}
    for kind, given in options.items():
        if kind not in chosen:
            writes = ", ".join(chosen) or "nothing"
            raise ValidationError.single(
                f"options.{kind}", f"is not a kind this kit writes (it writes {writes})"
            )
        if not isinstance(given, Mapping) or not all(isinstance(k, str) for k in given):
            raise ValidationError.single(
                f"options.{kind}", "expected a table of option names and values"
            )
        per_kind[kind] = dict(given)
    return per_kind


def _kind_list(kinds: Iterable[str]) -> tuple[str, ...]:
    if isinstance(kinds, str):
        raise ValidationError.single(
            "kinds", "expected a list of kind ids, got one string"
        )
    if unordered(kinds):
        raise ValidationError.single(
            "kinds",
            f"a {type(kinds).__name__} has no order, and the kit keeps the order "
            "given; pass a list or tuple",
        )
    try:
        chosen = tuple(kinds)
    except TypeError as exc:
        raise ValidationError.single(
            "kinds", f"expected a list of kind ids, got {type(kinds).__name__}"
        ) from exc
    for index, kind in enumerate(chosen):
        if not isinstance(kind, str):
            raise ValidationError.single(
                f"kinds[{index}]", f"expected a kind id, got {type(kind).__name__}"
            )
        if chosen.index(kind) != index:
            raise ValidationError.single(f"kinds[{index}]", f"{kind!r} is listed twice")
    return chosen


def _warn_if_uncustomary(kind: object, context: RenderContext) -> None:
    if not isinstance(kind, str):
        return  # _render reports it as an unknown kind
    reason = context.conventions.uncustomary.get(kind)
    if reason is not None:
        warnings.warn(
            CultureWarning(
                f"{kind!r} is not customary in {context.locale!r}: {reason}; "
                "pass allow_uncustomary=True to write it without this warning"
            ),
            stacklevel=3,
        )


def _context(
    application: Application,
    locale: object,
    tone: object,
    *,
    strict_locale: bool,
    templates: object,
) -> RenderContext:
    requested, used = _i18n.resolve_locale(locale, strict=strict_locale)
    return RenderContext(
        application=application,
        locale=used,
        requested_locale=requested,
        tone=_check_tone(tone),
        overlays=_i18n.overlay_loaders(templates),
    )


def _contact(value: object) -> Contact:
    if isinstance(value, Contact):
        return value
    if isinstance(value, Mapping):
        from rejectkit._serde import structure  # noqa: PLC0415 - loads cattrs lazily

        try:
            return structure(value, Contact)
        except ValidationError as error:
            raise error.within("to") from None
    raise ValidationError.single(
        "to", f"expected a Contact or a table of its fields, got {type(value).__name__}"
    )


def _template_position(exc: BaseException) -> tuple[str, int] | None:
    """Return the template file and line *exc* came from, if a template's."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or "<template>", exc.lineno
    # Jinja2 rewrites a render's traceback so that template code shows as
    # frames of the template's file; the innermost one is where it failed.
    position = None
    frame = exc.__traceback__
    while frame is not None:
        if "__jinja_exception__" in frame.tb_frame.f_globals:
            position = frame.tb_frame.f_code.co_filename, frame.tb_lineno
        frame = frame.tb_next
    return position


def _render(
    kind: str,
    context: RenderContext,
    options: Mapping[str, object],
    *,
    named: bool = True,
) -> Message:
    generator = registry.get(kind)
    shadowed = registry.shadowed(kind)
    if named and shadowed is not None:
        # The caller may have meant the plugin's version: say so, do not guess.
        raise DuplicateKindError(shadowed)
    if not covers(generator, context.locale):
        # The kind's text does not exist in this language: write all of it,
        # frame included, in the generator's own default language.
        context = attrs.evolve(context, locale=generator.default_locale)
    options = dict(options)
    to = options.pop("to", None)
    if not options.keys() <= generator.options:
        unknown = sorted(set(options) - generator.options)
        takes = ", ".join(["to", *sorted(generator.options)])
        raise ValidationError.single(
            unknown[0], f"is not an option of {kind!r}; it takes {takes}"
        )
    need = generator.unmet_need(context.application)
    if need is not None:
        raise ValidationError.single(*need)
    recipient = (
        generator.recipient(context.application, **options)
        if to is None
        else _contact(to)
    )
    if recipient is not None:
        context = attrs.evolve(context, recipient=recipient)
    try:
        message: object = generator.render(context, **options)
    except RejectkitError:
        raise
    except Exception as exc:
        position = _template_position(exc)
        where = f" at {position[0]}, line {position[1]}" if position else ""
        raise RenderError(
            f"{kind}: {registry.origin(kind)} failed{where}: {exc!r}"
        ) from exc
    if not isinstance(message, Message):
        raise RenderError(
            f"{kind}: {registry.origin(kind)} returned "
            f"{type(message).__name__}, not a Message"
        )
    return message
