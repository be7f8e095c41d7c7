# ruff: noqa: INP001
"""Pages the documentation generates from the library at build time.

MkDocs runs this module as a hook (see ``hooks:`` in mkdocs.yml). It adds
the gallery, the kinds-and-languages tables and the CLI reference as
in-memory pages, all written by rejectkit itself, so none of them can drift
from the code. ``pages()`` returns them for the tests as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import warnings
from typing import TYPE_CHECKING, Any

import attrs

import rejectkit
from rejectkit import cli
from rejectkit._i18n import conventions_for
from rejectkit.generators._builtin import BUILTIN_GENERATORS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

GALLERY = "gallery"
# The class of an empty block just before the gallery's language tabs, which
# docs/css/extra.css wraps onto more lines. (Markdown inside an HTML block
# would take the email cards in the tabs for the block's own HTML.)
LANGUAGE_TABS = "rk-languages"
REMINDERS_PAGE = f"{GALLERY}/reminders.md"
# The time zone the gallery's reminders are due in: UTC needs no VTIMEZONE,
# which would fill most of the page.
REMINDERS_TZ = "UTC"
CLI_PAGE = "reference/cli.md"
KINDS_PAGE = "reference/kinds-and-languages.md"
# The terminal width the CLI's help is formatted for, so it reads the same
# whatever terminal builds the docs.
HELP_COLUMNS = "80"
# The day feedback comes back in the gallery's feedback situations.
FEEDBACK_ON = dt.date(2024, 5, 27)


def _language(tag: str) -> str:
    """Name a shipped locale briefly, in English: "German", "English (GB)"."""
    locale = rejectkit.supported_locales()[_tags().index(tag)]
    name = locale.get_language_name("en") or tag
    return f"{name} ({locale.territory})" if locale.territory else name


def _tags() -> list[str]:
    return [str(locale) for locale in rejectkit.supported_locales()]


def builtin_kinds() -> list[str]:
    """Return the ids of the kinds that ship with rejectkit, in kit order."""
    return [cls.kind for cls in BUILTIN_GENERATORS]


def _first_line(obj: object) -> str:
    doc = (type(obj).__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""


# --- the sample situations ---------------------------------------------------


def declined_application() -> rejectkit.Application:
    """Return the sample application after HR declined to give reasons."""
    sample = rejectkit.sample_application()
    return attrs.evolve(
        sample,
        feedback=rejectkit.Feedback(
            status=rejectkit.FeedbackStatus.DECLINED, on=FEEDBACK_ON
        ),
    )


def received_application() -> rejectkit.Application:
    """Return the sample application after HR answered with two points."""
    sample = rejectkit.sample_application()
    topic = rejectkit.FeedbackTopic
    return attrs.evolve(
        sample,
        feedback=rejectkit.Feedback(
            status=rejectkit.FeedbackStatus.RECEIVED,
            on=FEEDBACK_ON,
            notes=(
                rejectkit.FeedbackNote(
                    topic=topic.EXPERIENCE,
                    note="more hands-on experience with route optimisation "
                    "would have helped",
                ),
                rejectkit.FeedbackNote(
                    topic=topic.QUALIFICATIONS,
                    note="a stronger grounding in forecasting methods",
                ),
            ),
        ),
    )


def application_for(kind: str) -> rejectkit.Application:
    """Return the sample situation a kind is written for.

    Args:
        kind: A kind id.

    Returns:
        The sample application, with the feedback the kind answers.
    """
    for application in (
        rejectkit.sample_application(),
        declined_application(),
        received_application(),
    ):
        if rejectkit.registry.get(kind).applies_to(application):
            return application
    msg = f"no sample situation fits {kind!r}"
    raise LookupError(msg)


# --- the gallery -------------------------------------------------------------


def _mailbox(mailbox: rejectkit.Mailbox) -> str:
    if mailbox.name:
        return f"{mailbox.name} <{mailbox.email}>"
    return mailbox.email


def _body_html(message: rejectkit.Message) -> str:
    document = message.html
    start = document.index("<body>\n") + len("<body>\n")
    return document[start : document.rindex("\n</body>")]


def render_message(message: rejectkit.Message) -> str:
    """Show a message as an email card: its headers, then its HTML body.

    Args:
        message: The message.

    Returns:
        An HTML fragment.
    """
    headers = [("To", ", ".join(_mailbox(r) for r in message.recipients) or "—")]
    headers.append(("Subject", message.subject))
    if message.send_by is not None:
        headers.append(("Send by", message.send_by.isoformat()))
    rows = "".join(
        f"<dt>{name}</dt><dd>{html.escape(value)}</dd>" for name, value in headers
    )
    lang = html.escape(message.locale.replace("_", "-"))
    direction = 'dir="rtl"' if 'dir="rtl"' in message.html else 'dir="ltr"'
    return (
        f'<div class="rk-mail" lang="{lang}" {direction}>\n'
        f'<dl class="rk-headers">{rows}</dl>\n'
        f'<div class="rk-body">\n{_body_html(message)}\n</div>\n</div>'
    )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def _tone_name(tone: rejectkit.Tone) -> str:
    return tone.value.capitalize()


def gallery_message(kind: str, tag: str, tone: rejectkit.Tone) -> rejectkit.Message:
    """Write the message the gallery shows for a kind, language and tone.

    Args:
        kind: A kind id.
        tag: A shipped locale's tag.
        tone: The tone.

    Returns:
        The message, written for the sample situation the kind answers.
    """
    uncustomary = conventions_for(tag).uncustomary.get(kind)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return rejectkit.generate(
            kind,
            application_for(kind),
            locale=tag,
            tone=tone,
            allow_uncustomary=uncustomary is not None,
        )


def gallery_page(kind: str) -> str:
    """Write the gallery page of one kind: a tab per language, one per tone.

    The language tabs wrap onto more lines rather than scroll, so every
    language stays in view; inside each, a tab per tone.

    Args:
        kind: A kind id.

    Returns:
        The page's Markdown.
    """
    generator = rejectkit.registry.get(kind)
    application = application_for(kind)
    situation = {
        None: "the sample application",
        rejectkit.FeedbackStatus.DECLINED: "the sample application after HR "
        "declined to give reasons",
        rejectkit.FeedbackStatus.RECEIVED: "the sample application after HR "
        "gave feedback on two points",
    }[application.feedback.status if application.feedback else None]
    tones = " and ".join(f"{tone.value}" for tone in rejectkit.Tone)
    lines = [
        f"# `{kind}`",
        "",
        (
            f"{_first_line(generator)} Written by "
            f"[`{type(generator).__name__}`][rejectkit.generators.{type(generator).__name__}]"
            f" for {situation}, in every language, in the {tones} tones. "
            "Choosing a tone shows it in every language."
        ),
        "",
        f'<div class="{LANGUAGE_TABS}"></div>',
        "",
    ]
    for tag in _tags():
        uncustomary = conventions_for(tag).uncustomary.get(kind)
        lines.append(f'=== "{_language(tag)}"')
        lines.append("")
        if uncustomary is not None:
            lines.append(
                _indent(
                    '!!! warning "Not customary in this language"\n\n'
                    f"    {uncustomary[:1].upper()}{uncustomary[1:]}. "
                    "`compose` leaves this kind out of the kit, and `generate` "
                    "writes it only with a `CultureWarning` unless "
                    "`allow_uncustomary=True` is passed."
                )
            )
            lines.append("")
        for tone in rejectkit.Tone:
            message = gallery_message(kind, tag, tone)
            lines.append(_indent(f'=== "{_tone_name(tone)}"'))
            lines.append("")
            lines.append(_indent(_indent(render_message(message))))
            lines.append("")
    return "\n".join(lines)


def gallery_index() -> str:
    """Write the gallery's front page.

    Returns:
        The page's Markdown.
    """
    rows = [
        f"| [`{kind}`]({kind}.md) | {_first_line(rejectkit.registry.get(kind))} |"
        for kind in builtin_kinds()
    ]
    languages = ", ".join(_language(tag) for tag in _tags())
    return "\n".join(
        [
            "# Gallery",
            "",
            (
                "Every kind rejectkit ships, written for the built-in sample "
                "application in every language it supports, in both tones, "
                "formal and warm. These pages are "
                "generated by rejectkit itself each time the documentation is "
                "built, so they show exactly what the library writes."
            ),
            "",
            "| kind | what it is |",
            "| --- | --- |",
            *rows,
            "",
            f"Languages: {languages}.",
            "",
            (
                "[Reminders (.ics)](reminders.md) shows the sample kit's "
                "reminders as the iCalendar file `Kit.schedule` writes."
            ),
            "",
            '!!! note "Caller text stays as written"',
            "",
            (
                "    The interview highlight and the feedback notes come from the "
                "application and are used as the caller wrote them, so they appear "
                "in English in every language here. A German application would "
                "carry German notes."
            ),
            "",
            (
                "The replies to feedback use the sample application with feedback "
                f"added on {FEEDBACK_ON.isoformat()}: declined for "
                "`reply-feedback-declined`, and two points received for "
                "`reply-feedback-received` and `next-steps`."
            ),
            "",
        ]
    )


def reminders_ics(tag: str) -> str:
    """Return the sample kit's reminders in one language, as the .ics text.

    Args:
        tag: A shipped locale's tag.

    Returns:
        What `Kit.schedule` writes, with its CR LF line ends as newlines.
    """
    kit = rejectkit.compose(rejectkit.sample_application(), locale=tag)
    return kit.schedule(tz=REMINDERS_TZ).decode("utf-8").replace("\r\n", "\n")


def reminders_page() -> str:
    """Write the gallery page of the sample kit's reminders, a tab per language.

    Returns:
        The page's Markdown.
    """
    lines = [
        "# Reminders (.ics)",
        "",
        (
            "The reminders [`Kit.schedule`][rejectkit.Kit.schedule] writes for "
            "the kit `compose` plans for the sample application: one to-do per "
            "message, due at 09:00 on its send-by day, with an alarm a day "
            f'before, from `kit.schedule(tz="{REMINDERS_TZ}")` or `rejectkit '
            f"demo --locale LANG --format ics --tz {REMINDERS_TZ}`. In another "
            "time zone the to-dos are due in it and the file carries its "
            "VTIMEZONE. These files are generated by rejectkit each time the "
            "documentation is built."
        ),
        "",
        (
            "A kind's to-do has the same UID in every language: it comes "
            "from the application and the kind, not from the text. "
            "[From the rejection email to the follow-ups]"
            "(../how-to/schedule.md) goes from the notice to such a file."
        ),
        "",
        f'<div class="{LANGUAGE_TABS}"></div>',
        "",
    ]
    for tag in _tags():
        lines.append(f'=== "{_language(tag)}"')
        lines.append("")
        lines.append(_indent(f"```text\n{reminders_ics(tag)}```"))
        lines.append("")
    return "\n".join(lines)


# --- kinds and languages -----------------------------------------------------


def kinds_and_languages_page() -> str:
    """Write the tables of every kind and every language, from the registry.

    Returns:
        The page's Markdown.
    """
    lines = [
        "# Kinds and languages",
        "",
        (
            "Both tables are generated from the registry and the shipped "
            "conventions when the documentation is built."
        ),
        "",
        "## Kinds",
        "",
        "| kind | what it is | send within | options |",
        "| --- | --- | --- | --- |",
    ]
    for kind in rejectkit.kinds():
        generator = rejectkit.registry.get(kind)
        cls = type(generator)
        days = getattr(generator, "send_within_days", None)
        within = "—" if days is None else f"{days} day{'s' if days != 1 else ''}"
        options = ", ".join(f"`{o}`" for o in sorted(generator.options)) or "—"
        shown = f"[`{kind}`](../{GALLERY}/{kind}.md)"
        if kind not in builtin_kinds():
            shown = f"`{kind}`"
        lines.append(
            f"| {shown} | {_first_line(generator)} "
            f"Written by [`{cls.__name__}`][{cls.__module__}.{cls.__qualname__}]. "
            f"| {within} | {options} |"
        )
    sample = rejectkit.sample_application()
    lines += [
        "",
        (
            "`send within` counts from the day the candidate was told, or from "
            "the day feedback came. A language that expects quicker replies "
            "shortens it (see the languages below)."
        ),
        "",
        "## Languages",
        "",
        (
            "Greeting and closing are those of a formal message to the sample "
            "application's hiring manager."
        ),
        "",
        "| tag | language | greeting | closing | differs in |",
        "| --- | --- | --- | --- | --- |",
    ]
    for locale in rejectkit.supported_locales():
        tag = str(locale)
        conventions = conventions_for(tag)
        message = rejectkit.generate("thank-hiring-manager", sample, locale=tag)
        notes = [f"`{kind}` is not customary" for kind in conventions.uncustomary]
        if conventions.reply_within_days is not None:
            days = conventions.reply_within_days
            notes.append(f"replies within {days} day{'s' if days != 1 else ''}")
        lines.append(
            f"| `{tag}` | {locale.get_display_name('en')}<br>"
            f"*{locale.get_display_name(locale)}* | {message.greeting} "
            f"| {message.closing} | {'; '.join(notes) or '—'} |"
        )
    lines.append("")
    return "\n".join(lines)


# --- the command line --------------------------------------------------------


def _subcommands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:  # noqa: SLF001 - argparse has no public list
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                yield f"{prefix}{name}", sub
                yield from _subcommands(sub, f"{prefix}{name} ")


def _argument_row(action: argparse.Action) -> str | None:
    if isinstance(action, argparse._HelpAction):  # noqa: SLF001
        return None
    if action.option_strings:
        name = ", ".join(f"`{o}`" for o in action.option_strings)
        if action.nargs != 0:
            name += f" `{action.metavar or action.dest.upper()}`"
    else:
        name = f"`{action.metavar or action.dest}`"
    choices = ", ".join(f"`{c}`" for c in action.choices) if action.choices else ""
    default = action.default
    shown = "" if default in (None, False) else f"`{default}`"
    if isinstance(action, argparse._AppendAction):  # noqa: SLF001
        name += " (repeatable)"
    return f"| {name} | {choices} | {shown} | {action.help or ''} |"


def _help(parser: argparse.ArgumentParser) -> str:
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    try:
        return parser.format_help().rstrip()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def cli_page() -> str:
    """Write the CLI reference from the parser the command itself uses.

    Returns:
        The page's Markdown.
    """
    parser = cli.build_parser()
    lines = [
        "# Command line",
        "",
        (
            f"{parser.description} The command is installed as `rejectkit` and "
            "also runs as `python -m rejectkit`. This page is generated from "
            "the command's own parser."
        ),
        "",
        "```text",
        _help(parser),
        "```",
        "",
        (
            "Bad input or usage ends the command with exit status 2 and one line "
            "on standard error, `rejectkit: error: ...`, naming the field and the "
            "problem. A file that cannot be written ends it with status 1."
        ),
        "",
    ]
    for name, sub in _subcommands(parser):
        rows = [row for a in sub._actions if (row := _argument_row(a))]  # noqa: SLF001
        lines += [f"## `rejectkit {name}`", "", sub.description or "", ""]
        lines += ["```text", _help(sub), "```", ""]
        if rows:
            lines += [
                "| argument | choices | default | meaning |",
                "| --- | --- | --- | --- |",
                *rows,
                "",
            ]
    return "\n".join(lines)


# --- MkDocs hooks ------------------------------------------------------------


def pages() -> dict[str, str]:
    """Return every generated page, by its path under docs/.

    Returns:
        The pages' Markdown, keyed by path.
    """
    generated = {f"{GALLERY}/index.md": gallery_index()}
    for kind in builtin_kinds():
        generated[f"{GALLERY}/{kind}.md"] = gallery_page(kind)
    generated[REMINDERS_PAGE] = reminders_page()
    generated[KINDS_PAGE] = kinds_and_languages_page()
    generated[CLI_PAGE] = cli_page()
    return generated


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List one gallery page per registered kind in the navigation.

    Args:
        config: The MkDocs configuration.

    Returns:
        The configuration with the gallery section filled in.
    """
    for item in config.nav or []:
        if isinstance(item, dict) and "Gallery" in item:
            gallery: list[Any] = [f"{GALLERY}/index.md"]
            gallery += [{kind: f"{GALLERY}/{kind}.md"} for kind in builtin_kinds()]
            gallery.append({"Reminders (.ics)": REMINDERS_PAGE})
            item["Gallery"] = gallery
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages to the site.

    Args:
        files: The files MkDocs found in docs/.
        config: The MkDocs configuration.

    Returns:
        The files, generated pages included.
    """
    from mkdocs.structure.files import File  # noqa: PLC0415 - only under MkDocs

    for path, content in pages().items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files
