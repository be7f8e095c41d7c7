"""The two base classes a generator is built on."""

from __future__ import annotations

import abc
import functools
from collections.abc import KeysView, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar, Final

import jinja2

from rejectkit import _i18n
from rejectkit._message import FSI, PDI, Audience
from rejectkit._models import Application, Contact, FeedbackTopic
from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    from rejectkit._letters import RenderContext
    from rejectkit._message import Message

__all__ = ["MessageGenerator", "TemplateGenerator"]

TRUSTED_GENERATORS: Final[set[type[MessageGenerator]]] = set()
"""The built-in generator classes, whose own templates write valid parts.

Their templates see only validated model values and rejectkit's catalogs,
so what they write is not checked a second time; a subclass, a plugin or
a caller's template is checked as before.
"""


class MessageGenerator(abc.ABC):
    """Writes one kind of message.

    Subclass it, set `kind`, implement `render`, and register the class with
    `rejectkit.register`. Generators are created once and reused, so keep no
    per-message state on them.

    Attributes:
        kind: The stable id of the kind, such as ``"thank-hr"``.
        options: The names of the keyword options `render` accepts.
        locales: The locale tags the kind's text exists in; ``None`` means
            every locale rejectkit ships. A tag of a language covers its
            regions: with ``"en"``, an ``en_GB`` reader gets the British
            frame around the English text. Asked for a language it lacks,
            the whole message (frame included) is written in
            `default_locale`, and `Message.locale` says so.
        default_locale: The locale used outside `locales`.
        replace: Whether a generator found through an entry point may take
            over a kind that is already registered (a built-in, say).
        bundled_into: The kind that stands in for this one, and for the
            others that name the same kind, when ``compose(bundle=True)``
            would send more than one of them (the built-in notes to HR name
            ``"hr-follow-up"``); ``None`` to always send this kind alone.
    """

    kind: ClassVar[str]
    options: ClassVar[frozenset[str]] = frozenset()
    locales: ClassVar[tuple[str, ...] | None] = None
    default_locale: ClassVar[str] = "en"
    replace: ClassVar[bool] = False
    bundled_into: ClassVar[str | None] = None

    def planned(self, application: Application) -> bool:
        """Whether `rejectkit.compose` writes this kind unasked.

        `rejectkit.plan` asks every registered generator, in registry order,
        so a kind that is replaced or unregistered changes the plan too. The
        default is ``False``: a new kind joins a kit only when named in
        ``kinds=``, until it says when it belongs there. A subclass of a
        built-in kind inherits the built-in's answer; override this to
        change it.

        Args:
            application: The application.

        Returns:
            Whether the kind belongs in the kit for *application*.
        """
        del application
        return False

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """Say why this kind cannot be written for *application*, if it cannot.

        Args:
            application: The application.

        Returns:
            ``None`` when the kind applies, else the field that is missing or
            unsuitable and the reason.
        """
        del application
        return None

    def recipient(self, application: Application, **options: object) -> Contact | None:
        """Name the contact a message of this kind is addressed to, if any.

        A kind that writes to someone the application does not name (a
        referrer, an interviewer other than the manager) returns them here,
        from its options, and writes to `Audience.CONTACT`. The caller's
        ``to=`` option, which every kind takes, comes first.

        Args:
            application: The application.
            **options: The kind's options, already checked against
                `options`.

        Returns:
            The contact, or ``None`` to write to the kind's usual audience.
        """
        del application, options
        return None

    def applies_to(self, application: Application) -> bool:
        """Whether this kind can be written for *application*.

        Args:
            application: The application.

        Returns:
            ``True`` when `unmet_need` finds nothing.
        """
        return self.unmet_need(application) is None

    @abc.abstractmethod
    def render(self, context: RenderContext, **options: object) -> Message:
        """Write the message.

        Args:
            context: The application, locale, tone and helpers.
            **options: Kind-specific options, already checked against
                `options`.

        Returns:
            The finished message.
        """


class TemplateGenerator(MessageGenerator):
    """A generator whose subject and body come from Jinja2 templates.

    The templates are ``<kind>/subject.txt`` and ``<kind>/body.txt`` in the
    locale's environment. The body holds only the paragraphs, one per
    non-empty line (a run of lines starting with ``"- "`` is a list); the
    greeting, closing and signature come from the shared letter frame, so a
    new kind gets them right in every language without writing them.

    Attributes:
        send_within_days: How many days after the candidate was told (or the
            feedback came) the message should go out; ``None`` for no date.
        template_package: The package whose ``templates/`` folder holds
            ``<kind>/subject.txt`` and ``<kind>/body.txt``; rejectkit's own
            templates (and their shared paragraphs) are searched after it.
        gettext_domain: The domain of the package's catalogs in its
            ``locale/<tag>/LC_MESSAGES/<domain>.mo``; strings it lacks are
            looked up in rejectkit's catalog.
        templates: The subject and body written inline, as
            ``{"subject": "...", "body": "..."}``, instead of files in
            `template_package`; handy for small kinds.
    """

    send_within_days: ClassVar[int | None] = 2
    template_package: ClassVar[str] = "rejectkit"
    gettext_domain: ClassVar[str] = "rejectkit"
    templates: ClassVar[Mapping[str, str] | None] = None

    @abc.abstractmethod
    def audience(self, application: Application) -> Audience:
        """Say who the message is written to.

        Args:
            application: The application.

        Returns:
            The audience; it decides greeting, recipients and frame. A
            message given a recipient (``to=``) is written to
            `Audience.CONTACT` instead.
        """

    def environment(self, context: RenderContext) -> jinja2.Environment:
        """Return the environment the templates are loaded from.

        Args:
            context: The render context.

        Returns:
            The locale's environment with this generator's templates and
            catalog, the caller's overrides searched first.

        Raises:
            GeneratorLoadError: The generator has catalogs of its own
                (`gettext_domain`) but none for the locale, which is not
                `default_locale`'s language (whose text the msgids are).
        """
        locale = context.locale
        own_catalog = self.gettext_domain == _i18n.DOMAIN
        source = self.default_locale
        if not own_catalog and _i18n.language(locale) != _i18n.language(source):
            _i18n.require_catalog(locale, self.template_package, self.gettext_domain)
        overlays = context.overlays
        if self.templates is not None:
            overlays = (*overlays, _inline_loader(type(self)))
        return _i18n.environment(
            context.locale, self.template_package, self.gettext_domain, overlays
        )

    def variables(self, context: RenderContext, **options: object) -> dict[str, Any]:
        """Return the values the templates see.

        Caller text is isolated where its direction differs from the
        language's (see `RenderContext.isolate`). Override to add
        kind-specific values; call the base method first.

        Args:
            context: The render context.
            **options: The kind's options.

        Returns:
            The template variables.
        """
        audience = context.addressed(self.audience(context.application))
        return self._letter_values(context, audience, None, options)

    def _letter_values(
        self,
        context: RenderContext,
        audience: Audience,
        names: AbstractSet[str] | None,
        options: Mapping[str, object],
    ) -> dict[str, Any]:
        # The values of `variables` for a message to *audience* (as
        # addressed), for a template that reads *names* only (None: any).
        # The built-in kinds add theirs here, and render asks for just what
        # their own letter reads; `variables` asks for all.
        del options
        values = context._template_values(names)  # noqa: SLF001 - the same package's
        values["audience"] = audience._value_
        values["to_team"] = audience is Audience.HIRING_TEAM
        return values

    def render(self, context: RenderContext, **options: object) -> Message:
        """Render the templates inside the letter frame.

        Args:
            context: The render context.
            **options: The kind's options.

        Returns:
            The message.
        """
        env = self.environment(context)
        letter = _i18n.letter_template(env, self.kind)
        trusted = type(self) in TRUSTED_GENERATORS
        audience = context.addressed(self.audience(context.application))
        if letter is None:
            values = self.variables(context, **options)
            subject = env.get_template(f"{self.kind}/subject.txt").render(values)
            body = env.get_template(f"{self.kind}/body.txt").render(values)
        else:
            if trusted:
                # A built-in kind's own letter: only what it can read.
                names = _i18n.names_read_by(letter)
                values = self._letter_values(context, audience, names, options)
            else:
                values = self.variables(context, **options)
            # Subject and body as one template: one render writes both.
            subject, _, body = letter.render(values).partition(_i18n.LETTER_SEPARATOR)
        # context.message, without keywords: the audience is addressed.
        return context._message(  # noqa: SLF001 - the same package's
            self.kind,
            audience,
            # A subject is a header line: it keeps the caller's text as given,
            # without the isolation marks the body uses around it.
            subject.strip().replace(FSI, "").replace(PDI, ""),
            _paragraphs(body),
            self.send_within_days,
            not trusted or bool(context.overlays),
        )


def covers(generator: MessageGenerator, tag: str) -> bool:
    """Whether a generator's text exists in a locale (see `locales`).

    A locale is covered when `MessageGenerator.locales` names it or its
    language: a kind written in ``"en"`` serves ``en_GB`` readers in their
    own letter frame, its text from the English catalog.

    Args:
        generator: The generator.
        tag: A tag returned by `resolve_locale`.

    Returns:
        Whether to write the message in *tag*.
    """
    locales = generator.locales
    return locales is None or tag in locales or _i18n.language(tag) in locales


def unordered(value: object) -> bool:
    """Whether *value* is a collection whose order can change between runs.

    A set of strings or enum members iterates in an order that depends on
    the process's hash seed; a message built from one would not be the same
    bytes every time. A dict's keys keep their order and are not refused.

    Args:
        value: What a caller passed as a list of choices.

    Returns:
        Whether it is a set (or another `collections.abc.Set`).
    """
    return isinstance(value, AbstractSet) and not isinstance(value, KeysView)


@functools.cache
def _inline_loader(cls: type[TemplateGenerator]) -> jinja2.BaseLoader:
    # One loader per class, so the environment built with it is reused.
    written = cls.templates or {}
    return jinja2.DictLoader(
        {f"{cls.kind}/{part}.txt": source for part, source in written.items()}
    )


def _paragraphs(rendered: str) -> str:
    # In a body template every non-empty line is a paragraph and a run of
    # lines starting with "- " is a list; tag-only lines leave empty ones.
    # Caller data never holds a line break, so only template layout goes.
    lines = list(filter(None, map(str.strip, rendered.split("\n"))))
    if "- " not in rendered:
        return "\n\n".join(lines)
    parts: list[str] = []
    in_list = False
    for line in lines:
        item = line.startswith("- ")
        if parts:
            parts.append("\n" if item and in_list else "\n\n")
        parts.append(line)
        in_list = item
    return "".join(parts)


_TOPICS: Final = {t.value: t for t in FeedbackTopic}
_ALLOWED_TOPICS: Final = ", ".join(_TOPICS)


def parse_topics(value: object) -> tuple[FeedbackTopic, ...]:
    """Check the ``topics`` option: feedback topics, in the caller's order.

    Args:
        value: A sequence of `FeedbackTopic` members or their string values.

    Returns:
        The topics as a tuple.

    Raises:
        ValidationError: *value* is empty, is a set (which has no order),
            repeats a topic, or holds something that is not a topic.
    """
    if type(value) is tuple:
        # Callers pass the same few tuples again and again.
        try:
            return _parse_topic_tuple(value)
        except TypeError:  # an item that cannot be hashed; checked below
            pass
    return _parse_topics(value)


@functools.lru_cache(maxsize=64)
def _parse_topic_tuple(value: tuple[object, ...]) -> tuple[FeedbackTopic, ...]:
    return _parse_topics(value)


def _parse_topics(value: object) -> tuple[FeedbackTopic, ...]:
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        raise ValidationError.single(
            "topics", f"expected a sequence of topics ({_ALLOWED_TOPICS})"
        )
    if unordered(value):
        raise ValidationError.single(
            "topics",
            f"a {type(value).__name__} has no order, and the questions are asked "
            "in the order given; pass a list or tuple",
        )
    topics: list[FeedbackTopic] = []
    for index, item in enumerate(value):
        if isinstance(item, FeedbackTopic):
            topic = item
        elif isinstance(item, str) and item in _TOPICS:
            topic = _TOPICS[item]
        else:
            raise ValidationError.single(
                f"topics[{index}]", f"{item!r} is not one of {_ALLOWED_TOPICS}"
            )
        if topic in topics:
            raise ValidationError.single(
                f"topics[{index}]", f"{topic.value!r} is listed twice"
            )
        topics.append(topic)
    if not topics:
        raise ValidationError.single("topics", "must name at least one topic")
    return tuple(topics)
