"""The ``rejectkit`` command: compose messages from a JSON or TOML file.

Bad input ends the command with exit status 2 and a single line on standard
error naming the field and the problem.

``rejectkit compose --jsonl`` streams instead: it reads one application per
line and writes one JSON object per line, in input order, holding one line in
memory at a time. A bad line does not stop the batch: its place in the output
holds ``{"line": N, "error": ..., "problems": [...]}``, standard error gets
one line naming the line number and the field, and the command goes on with
the next line and exits with status 2 at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, NoReturn, TextIO

from rejectkit import _i18n
from rejectkit._compose import _kind_list, compose
from rejectkit._message import shown_mailbox
from rejectkit._models import FeedbackTopic, Tone
from rejectkit._registry import registry
from rejectkit._sample import sample_application
from rejectkit._serde import (
    MAX_DOCUMENT_BYTES,
    check_tree,
    load,
    loads,
    parse_json,
)
from rejectkit.exceptions import (
    LoadError,
    PluginWarning,
    RejectkitError,
    ValidationError,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from rejectkit._message import Kit, Message
    from rejectkit._models import Application
    from rejectkit._serde import Format

__all__ = ["main"]

EXIT_USAGE = 2
_SUFFIX = {"text": "txt", "html": "html", "json": "json", "eml": "eml"}
# ics is one file for the whole kit, not one per message.
FORMATS = (*_SUFFIX, "ics")


class _UsageError(Exception):
    """Raised instead of argparse's exit, so main() can print one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser (also used to document the CLI).

    Returns:
        The parser for the ``rejectkit`` command.
    """
    parser = _Parser(
        prog="rejectkit",
        description="Write the messages a candidate sends after being turned down.",
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the version and exit",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_render_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "-l",
            "--locale",
            help="language to write in, e.g. en or en-GB "
            "(default: from LC_ALL, LC_MESSAGES or LANG, else en)",
        )
        sub.add_argument(
            "-t",
            "--tone",
            choices=[t.value for t in Tone],
            default=Tone.FORMAL.value,
            help="formal (default) or warm",
        )
        sub.add_argument(
            "-f",
            "--format",
            choices=FORMATS,
            help="output form (default: text)",
        )
        sub.add_argument(
            "-o",
            "--out",
            type=Path,
            metavar="PATH",
            help="write files instead of printing: one per message into the "
            "directory PATH, or, with --format ics, the one .ics file PATH",
        )
        sub.add_argument(
            "--tz",
            metavar="ZONE",
            help="with --format ics: the time zone of the to-dos, such as "
            "Europe/Berlin (default: UTC)",
        )
        sub.add_argument(
            "--date",
            type=_aware_datetime,
            metavar="DATETIME",
            help="the Date of each .eml, as ISO 8601 with a time zone, such as "
            "2024-05-21T09:00:00+02:00 (default: now)",
        )
        sub.add_argument(
            "--message-id",
            metavar="ID",
            help="the Message-ID of the one .eml written, such as "
            "<thanks-1@example.com> (default: a new one); with --date, the "
            "same input gives the same bytes",
        )

    demo = commands.add_parser(
        "demo",
        help="print the kit for a built-in sample application",
        description="Print the kit for a built-in sample application.",
    )
    add_render_options(demo)

    comp = commands.add_parser(
        "compose",
        help="compose the messages for an application file",
        description="Compose the messages for the application in FILE.",
    )
    comp.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="a .json or .toml application, or - to read JSON from standard "
        "input; with --jsonl, a JSON Lines file, standard input by default",
    )
    comp.add_argument(
        "--jsonl",
        action="store_true",
        help="read one JSON application per line and write each kit as one "
        "JSON object per line; a bad line is reported and the rest still run",
    )
    comp.add_argument(
        "--input-format",
        choices=("json", "toml"),
        help="format of FILE (default: from its suffix; JSON for -)",
    )
    comp.add_argument(
        "-k",
        "--kind",
        action="append",
        dest="kinds",
        metavar="KIND",
        help="write only this kind (repeat for several, in order)",
    )
    comp.add_argument(
        "--topic",
        action="append",
        dest="topics",
        choices=[t.value for t in FeedbackTopic],
        help="feedback topic to ask about (repeat; default: all three)",
    )
    comp.add_argument(
        "--bundle",
        action="store_true",
        help="send HR one combined email instead of separate notes",
    )
    comp.add_argument(
        "--option",
        action="append",
        dest="options",
        type=_kind_option,
        metavar="KIND.NAME=VALUE",
        help="an option for one kind, such as feedback-request.topics='[\"fit\"]' "
        'or thank-hiring-manager.to=\'{"name": {...}, "email": ...}\'; '
        "VALUE is read as JSON when it is JSON, else as text (repeat for several)",
    )
    add_render_options(comp)

    kinds = commands.add_parser(
        "kinds",
        help="list the message kinds",
        description="List the message kinds, built-ins first.",
    )
    locales = commands.add_parser(
        "locales",
        help="list the supported languages",
        description="List the supported languages with their native names.",
    )
    for listing in (kinds, locales):
        listing.add_argument(
            "-f",
            "--format",
            choices=("text", "json"),
            default="text",
            help="text (default), or a JSON list for other programs",
        )
    notice = commands.add_parser(
        "read-notice",
        help="write an application skeleton from a rejection email",
        description="Read the rejection email in FILE (.eml) and write an "
        "application document holding its outcome and sender, with the "
        "candidate and role left for you to fill in.",
    )
    notice.add_argument("file", metavar="FILE", help="the rejection email (.eml)")
    notice.add_argument(
        "-f",
        "--format",
        choices=("json", "toml"),
        default="json",
        help="json (default) or toml",
    )
    notice.add_argument(
        "--timezone",
        metavar="ZONE",
        help="your time zone, such as Europe/Berlin: the day you were told "
        "is the Date header's day there (default: the sender's)",
    )
    commands.add_parser(
        "schema",
        help="print the JSON Schema of an application file",
        description="Print the JSON Schema (draft 2020-12) of the application "
        "documents that compose reads, derived from the models.",
    )

    catalogs = commands.add_parser(
        "catalogs",
        help="work with a plugin package's gettext catalogs",
        description="Work with the gettext catalogs of a package that ships "
        "its own templates.",
    )
    catalog_commands = catalogs.add_subparsers(
        dest="catalogs_command", required=True, metavar="COMMAND"
    )
    compile_catalogs = catalog_commands.add_parser(
        "compile",
        help="compile every .po file into the .mo file beside it",
        description="Compile every DIR/<tag>/LC_MESSAGES/<domain>.po into the "
        ".mo file beside it, as rejectkit compiles its own: keys in the byte "
        "order GNU gettext searches (pybabel compile writes another), and "
        "the same bytes for the same .po file. Prints each file it wrote.",
    )
    check_catalogs = catalog_commands.add_parser(
        "check",
        help="check every catalog for what Babel lets through",
        description="Check the catalogs below DIR against DIR/<domain>.pot "
        "(or, with --mapping, against the messages the sources hold): a "
        "translation that drops or invents a %(name)s placeholder, an "
        "untranslated or fuzzy entry, a stale .pot, a .mo whose messages "
        "differ from its .po. Prints one line per problem and exits with "
        "status 1 if there is any.",
    )
    for sub in (compile_catalogs, check_catalogs):
        sub.add_argument(
            "directory",
            metavar="DIR",
            type=Path,
            help="the package's locale directory",
        )
        sub.add_argument(
            "--domain",
            help="the gettext domain (default: the only one DIR holds)",
        )
    check_catalogs.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="a babel.cfg to extract the sources' messages with, paths "
        "relative to its folder (default: trust DIR/<domain>.pot)",
    )
    return parser


class _VersionAction(argparse.Action):
    """``--version``: read the installed version only when asked for it."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:  # noqa: A002 - argparse's name
        super().__init__(option_strings, dest, nargs=0, default=None, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> NoReturn:
        from importlib import metadata  # noqa: PLC0415 - only --version needs it

        del namespace, values, option_string
        sys.stdout.write(f"rejectkit {metadata.version('rejectkit')}\n")
        parser.exit()


def _aware_datetime(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"expected an ISO 8601 date and time, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value.utcoffset() is None:
        msg = f"{text!r} needs a time zone, such as {text}+00:00"
        raise argparse.ArgumentTypeError(msg)
    return value


def _kind_option(text: str) -> tuple[str, str, object]:
    target, equals, value = text.partition("=")
    kind, dot, name = target.partition(".")
    if not (equals and dot and kind and name.isidentifier()):
        msg = f"expected KIND.NAME=VALUE, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        parsed = parse_json(value)
    except ValidationError:
        return kind, name, value  # not JSON: the text itself
    try:
        check_tree(parsed)
    except ValidationError as error:
        msg = f"{target}: {error}"
        raise argparse.ArgumentTypeError(msg) from None
    return kind, name, parsed


def _options(given: list[tuple[str, str, object]] | None) -> dict[str, Any] | None:
    if not given:
        return None
    options: dict[str, dict[str, object]] = {}
    for kind, name, value in given:
        if name in options.setdefault(kind, {}):
            raise _UsageError(f"argument --option: {kind}.{name} is given twice")
        options[kind][name] = value
    return options


def _catalogs(args: argparse.Namespace, stdout: TextIO) -> int:
    from rejectkit import catalogs  # noqa: PLC0415 - only this command needs it

    if args.catalogs_command == "compile":
        written = catalogs.compile_catalogs(args.directory, args.domain)
        stdout.writelines(f"{path}\n" for path in written)
        return 0
    problems = catalogs.check_catalogs(
        args.directory, args.domain, mapping=args.mapping
    )
    stdout.writelines(f"{problem}\n" for problem in problems)
    return 1 if problems else 0


def _environment_locale() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            try:
                _i18n.parse_locale(value)
            except RejectkitError:
                continue
            return value
    return _i18n.DEFAULT_LOCALE


def _read_application(file: str, input_format: Format | None) -> Application:
    try:
        if file == "-":
            data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            return loads(data, format=input_format or "json")
        return load(file, format=input_format)
    except ValidationError as exc:
        # Say which file: the problem names the field, line or column in it.
        where = "standard input" if file == "-" else file
        raise _UsageError(f"{where}: {exc}") from exc


def _describe(message: Message, index: int, total: int) -> str:
    to = ", ".join(shown_mailbox(r) for r in message.recipients)
    lines = [f"# {index}/{total} {message.kind}"]
    lines.append(f"To: {to or '(fill in the address)'}")
    if message.send_by:
        lines.append(f"Send by: {message.send_by.isoformat()}")
    lines.append(f"Subject: {message.subject}")
    return "\n".join(lines)


def _render_one(
    message: Message, output_format: str, headers: dict[str, Any]
) -> str | bytes:
    if output_format == "text":
        return message.text
    if output_format == "html":
        return message.html
    if output_format == "json":
        return json.dumps(message.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return message.to_email(**headers).as_bytes()


def _headers(kit: Kit, args: argparse.Namespace, output_format: str) -> dict[str, Any]:
    if (args.date or args.message_id) and output_format != "eml":
        raise _UsageError("--date and --message-id set headers of --format eml")
    pick = "; pick one with --kind" if args.command == "compose" else ""
    if args.message_id and len(kit) != 1:
        raise _UsageError(
            f"--message-id names one message, and the kit has {len(kit)}{pick}"
        )
    if output_format == "eml" and args.out is None and len(kit) != 1:
        raise _UsageError(
            "--format eml writes one file per message: pass --out DIR"
            + (" or a single --kind" if pick else "")
        )
    return {"date": args.date, "message_id": args.message_id}


def _write_files(
    kit: Kit, out: Path, output_format: str, headers: dict[str, Any], stdout: TextIO
) -> None:
    if out.exists() and not out.is_dir():
        raise _UsageError(f"--out {out}: is a file, not a directory")
    out.mkdir(parents=True, exist_ok=True)
    for index, message in enumerate(kit, 1):
        target = out / f"{index:02d}-{message.kind}.{_SUFFIX[output_format]}"
        rendered = _render_one(message, output_format, headers)
        if isinstance(rendered, bytes):
            target.write_bytes(rendered)
        else:
            target.write_text(rendered, encoding="utf-8")
        stdout.write(f"{target}\n")


def _write_schedule(
    kit: Kit, args: argparse.Namespace, output_format: str, stdout: TextIO
) -> None:
    if output_format != "ics":
        raise _UsageError("--tz sets the time zone of --format ics")
    if args.date or args.message_id:
        raise _UsageError("--date and --message-id set headers of --format eml")
    try:
        ics = kit.schedule(tz=args.tz or "UTC")
    except ValidationError as exc:
        raise _UsageError(f"--tz {args.tz}: not a known time zone") from exc
    if args.out is None:
        stdout.flush()
        sys.stdout.buffer.write(ics)
        return
    if args.out.is_dir():
        raise _UsageError(
            f"--out {args.out}: is a directory; --format ics writes one file, "
            "so name it, such as --out reminders.ics"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(ics)
    stdout.write(f"{args.out}\n")


def _write_kit(
    kit: Kit, args: argparse.Namespace, output_format: str, stdout: TextIO
) -> None:
    if output_format == "ics" or args.tz is not None:
        _write_schedule(kit, args, output_format, stdout)
        return
    headers = _headers(kit, args, output_format)
    if args.out is not None:
        _write_files(kit, args.out, output_format, headers, stdout)
    elif output_format == "json":
        stdout.write(json.dumps(kit.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif output_format == "eml":
        stdout.flush()
        sys.stdout.buffer.write(kit[0].to_email(**headers).as_bytes())
    else:
        total = len(kit)
        for index, message in enumerate(kit, 1):
            if index > 1:
                stdout.write("\n")
            if output_format == "text":
                stdout.write(_describe(message, index, total) + "\n\n")
            rendered = _render_one(message, output_format, headers)
            stdout.write(rendered if isinstance(rendered, str) else rendered.decode())


def _input_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Yield each line without its newline, or ``None`` for one too long to read."""
    limit = MAX_DOCUMENT_BYTES
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line.removesuffix(b"\n")


def _error_record(number: int, exc: RejectkitError) -> dict[str, Any]:
    problems = exc.problems if isinstance(exc, ValidationError) else ()
    return {
        "line": number,
        "error": " ".join(str(exc).split()),
        "problems": [{"field": path, "problem": text} for path, text in problems],
    }


def _jsonl_locale(args: argparse.Namespace) -> str:
    """Check the options once, before any line is read; return the locale."""
    if args.input_format == "toml":
        raise _UsageError("--jsonl reads JSON; --input-format toml does not apply")
    if args.format not in {None, "json"}:
        raise _UsageError(
            f"--jsonl writes JSON Lines; --format {args.format} does not apply"
        )
    if args.out is not None:
        raise _UsageError("--jsonl writes to standard output; --out does not apply")
    locale: str = args.locale or _environment_locale()
    _i18n.resolve_locale(locale)
    if args.kinds is not None:
        for kind in _kind_list(args.kinds):
            registry.get(kind)
    return locale


def _compose_line(
    args: argparse.Namespace, locale: str, number: int, line: bytes | None
) -> dict[str, Any]:
    if line is None:
        raise ValidationError.single(
            "", f"the line is longer than {MAX_DOCUMENT_BYTES} bytes"
        )
    kit = compose(
        loads(line, format="json"),
        locale=locale,
        tone=args.tone,
        bundle=args.bundle,
        kinds=args.kinds,
        topics=args.topics,
        options=_options(args.options),
    )
    return {"line": number, **kit.to_dict()}


def _compose_lines(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write one JSON line per input line; return how many lines were bad."""
    locale = _jsonl_locale(args)
    failures = 0
    with contextlib.ExitStack() as stack:
        stream: BinaryIO = sys.stdin.buffer
        if args.file not in {None, "-"}:
            try:
                stream = stack.enter_context(Path(args.file).open("rb"))
            except OSError as exc:
                raise LoadError(f"{args.file}: {exc.strerror or exc}") from exc
        for number, line in enumerate(_input_lines(stream), 1):
            try:
                record = _compose_line(args, locale, number, line)
            except RejectkitError as exc:
                failures += 1
                record = _error_record(number, exc)
                sys.stderr.write(
                    f"rejectkit: error: line {number}: {record['error']}\n"
                )
            stdout.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            stdout.write("\n")
    return failures


def _listing(
    rows: list[tuple[str, str]], names: tuple[str, str], *, width: int, as_json: bool
) -> str:
    # Two columns: padded text for people, or a list of objects for programs.
    if as_json:
        objects = [dict(zip(names, row, strict=True)) for row in rows]
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{a:<{width}}{b}".rstrip() + "\n" for a, b in rows)


def _kinds(args: argparse.Namespace, stdout: TextIO) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        loaded = registry.load_all()
    for warning in caught:
        sys.stderr.write(f"rejectkit: warning: {warning.message}\n")
    rows = []
    for kind in loaded:
        doc = (type(registry.get(kind)).__doc__ or "").strip().splitlines()
        rows.append((kind, doc[0] if doc else ""))
    listing = _listing(
        rows, ("kind", "summary"), width=26, as_json=args.format == "json"
    )
    stdout.write(listing)
    return 0


def _locales(args: argparse.Namespace, stdout: TextIO) -> int:
    rows = [
        (str(locale), locale.get_display_name(locale) or "")
        for locale in _i18n.supported_locales()
    ]
    stdout.write(
        _listing(rows, ("tag", "name"), width=8, as_json=args.format == "json")
    )
    return 0


def _schema(args: argparse.Namespace, stdout: TextIO) -> int:
    from rejectkit._schema import json_schema  # noqa: PLC0415

    del args
    stdout.write(json.dumps(json_schema(), indent=2) + "\n")
    return 0


def _compose(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.command == "compose" and args.jsonl:
        return EXIT_USAGE if _compose_lines(args, stdout) else 0
    if args.command == "demo":
        application = sample_application()
        kinds = None
        topics = None
        bundle = False
        options = None
    else:
        if args.file is None:
            raise _UsageError("the following arguments are required: FILE")
        application = _read_application(args.file, args.input_format)
        kinds = args.kinds
        topics = args.topics
        bundle = args.bundle
        options = _options(args.options)
    kit = compose(
        application,
        locale=_environment_locale() if args.locale is None else args.locale,
        tone=args.tone,
        bundle=bundle,
        kinds=kinds,
        topics=topics,
        options=options,
    )
    _write_kit(kit, args, args.format or "text", stdout)
    return 0


def _read_notice(args: argparse.Namespace, stdout: TextIO) -> int:
    import zoneinfo  # noqa: PLC0415 - only this command needs these

    from rejectkit._notice import read_notice  # noqa: PLC0415

    timezone = None
    if args.timezone is not None:
        try:
            timezone = zoneinfo.ZoneInfo(args.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise _UsageError(
                f"argument --timezone: {args.timezone!r} is not a time zone"
            ) from exc
    try:
        notice = read_notice(args.file, timezone=timezone)
    except ValidationError as exc:
        raise _UsageError(f"{args.file}: {exc}") from exc
    document = notice.skeleton()
    if args.format == "json":
        stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        try:
            import tomlkit  # noqa: PLC0415 - the notice extra
        except ImportError as exc:
            raise _UsageError(
                "--format toml needs the notice extra: pip install 'rejectkit[notice]'"
            ) from exc
        stdout.write(tomlkit.dumps(document))
    for header, problem in notice.problems:
        sys.stderr.write(f"rejectkit: warning: {args.file}: {header}: {problem}\n")
    return 0


_COMMANDS: Final = {
    "kinds": _kinds,
    "locales": _locales,
    "schema": _schema,
    "catalogs": _catalogs,
    "demo": _compose,
    "compose": _compose,
    "read-notice": _read_notice,
}


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    return _COMMANDS[args.command](args, stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``rejectkit`` command.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` by
            default.

    Returns:
        The exit status: 0 on success, 1 when a file cannot be written (or
        ``catalogs check`` finds a problem), 2 for bad input or usage.
    """
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if not given:
        # A bare call: say how to start, as git and pip do.
        sys.stderr.write(
            parser.format_usage() + "rejectkit: error: name a COMMAND\n"
            "Try 'rejectkit demo' for a sample kit, or 'rejectkit --help' for "
            "every command.\n"
        )
        return EXIT_USAGE
    try:
        try:
            args = parser.parse_args(given)
        except SystemExit as exit_:  # --help and --version
            return int(exit_.code or 0)
        status = _run(args, sys.stdout)
    except (_UsageError, RejectkitError) as exc:
        message = " ".join(str(exc).split())
        sys.stderr.write(f"rejectkit: error: {message}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (``rejectkit demo | head``); that is not an error.
        sys.stderr.close()
        return 0
    except OSError as exc:
        sys.stderr.write(f"rejectkit: error: {exc}\n")
        return 1
    return status
