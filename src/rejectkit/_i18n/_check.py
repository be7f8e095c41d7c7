"""Catalog checks that Babel itself does not make, and catalog upkeep.

Babel compiles a translation that drops ``%(company)s``, and a stale
template silently falls back to English. `check_catalogs` finds both, plus
untranslated and fuzzy entries and compiled files whose messages differ
from their source.

Run ``python -m rejectkit._i18n._check --fill-source`` after ``pybabel
update`` to copy the English source text into the English catalog,
``--headers`` to give every catalog the template's project header fields,
``--compile`` to write the ``.mo`` files beside the ``.po`` files (an
editable install does the same), and no option to check everything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from rejectkit._i18n._mofile import (
    compile_tree,
    message_strings,
    mo_differences,
    plural_numbers,
)
from rejectkit._i18n._precompiled import placeholder_names
from rejectkit.exceptions import ValidationError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from babel.messages.catalog import Message

KEYWORDS: Final = {**DEFAULT_KEYWORDS, "P": ((1, "c"), 2)}
"""The extraction keywords: Babel's defaults plus ``P(context, msgid)``."""
SOURCE_LOCALE: Final = "en"
MAINTAINERS: Final = "The rejectkit maintainers"
"""Who answers for the catalogs, named in their headers."""
_PLURAL_COUNT: Final = "count"


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def extract(root: Path, mapping: Path) -> Catalog:
    """Extract every message from the sources, as ``pybabel extract`` would.

    Args:
        root: The project directory the mapping's patterns are relative to.
        mapping: The ``babel.cfg`` file.

    Returns:
        A catalog of the extracted messages.
    """
    with mapping.open(encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(stream)  # type: ignore[no-untyped-call]
    catalog = Catalog()
    for _file, lineno, message, comments, context in extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
        directory_filter=lambda path: not Path(path).name.startswith((".", "__")),
    ):
        catalog.add(
            message, None, [(_file, lineno)], auto_comments=comments, context=context
        )
    return catalog


def _placeholder_problems(message: Message, shared: list[bool]) -> Iterator[str]:
    # shared[i]: plural form i serves more than one number.
    if isinstance(message.id, str):
        expected = placeholder_names(message.id)
        for text in message_strings(message):
            if not text:
                continue
            found = placeholder_names(text)
            if found != expected:
                yield f"placeholders {sorted(found)} != {sorted(expected)}"
        return
    union = set().union(*(placeholder_names(part) for part in message.id))
    for index, text in enumerate(message_strings(message)):
        if not text:
            continue
        found = placeholder_names(text)
        # A form that serves one number only may leave it out ("one
        # conversation"), as GNU msgfmt allows; any other form keeps it.
        optional = set() if shared[index] else {_PLURAL_COUNT}
        if not (union - optional <= found <= union):
            serves = "several numbers" if shared[index] else "one number"
            yield (
                f"plural form {index} (serves {serves}): placeholders "
                f"{sorted(found)} != {sorted(union)}"
            )


def check_catalog(po_path: Path, template: Catalog) -> list[str]:
    """Check one catalog against the template.

    Args:
        po_path: The ``.po`` file; its ``.mo`` sits beside it.
        template: The extracted (or ``.pot``) messages.

    Returns:
        One line per problem, empty when the catalog is in order.
    """
    with po_path.open("rb") as stream:
        catalog = read_po(stream)
    where = str(po_path)
    shared = [
        len(numbers) > 1
        for numbers in plural_numbers(catalog.plural_expr, catalog.num_plurals)
    ]
    problems = []
    wanted = {_key(m) for m in template if m.id}
    present = {_key(m) for m in catalog if m.id}
    problems += [f"{where}: missing {k!r}" for k in sorted(wanted - present, key=str)]
    problems += [f"{where}: obsolete {k!r}" for k in sorted(present - wanted, key=str)]
    for message in catalog:
        if not message.id:
            continue
        strings = message_strings(message)
        label = f"{where}: {_key(message)!r}"
        if not all(strings):
            problems.append(f"{label} is untranslated")
        if message.fuzzy:
            problems.append(f"{label} is fuzzy")
        problems += [f"{label}: {p}" for p in _placeholder_problems(message, shared)]
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.is_file():
        problems.append(f"{mo_path} is missing: compile {po_path.name}")
    else:
        problems += [
            f"{mo_path} is older than {po_path.name}: {difference}"
            for difference in mo_differences(mo_path.read_bytes(), catalog)
        ]
    return problems


def catalog_domain(locale_dir: Path, domain: str | None = None) -> str:
    """Return the gettext domain of the catalogs below a directory.

    Args:
        locale_dir: The directory with one ``<tag>/LC_MESSAGES`` per locale.
        domain: The domain to use; by default the only one found.

    Returns:
        The domain.

    Raises:
        ValidationError: No catalog of *domain* is there, or several
            domains are and none was chosen.
    """
    found = sorted({p.stem for p in locale_dir.glob("*/LC_MESSAGES/*.po")})
    if domain is not None:
        if domain not in found:
            raise ValidationError.single(
                "domain", f"{locale_dir} holds no <tag>/LC_MESSAGES/{domain}.po"
            )
        return domain
    if not found:
        raise ValidationError.single(
            "locale_dir", f"{locale_dir} holds no <tag>/LC_MESSAGES/<domain>.po"
        )
    if len(found) > 1:
        raise ValidationError.single(
            "domain", f"{locale_dir} holds domains {', '.join(found)}; choose one"
        )
    return found[0]


def check_catalogs(
    locale_dir: Path, domain: str | None = None, *, mapping: Path | None = None
) -> list[str]:
    """Check the template and every catalog of *domain*.

    Args:
        locale_dir: The directory with ``<domain>.pot`` and the catalogs.
        domain: The gettext domain; by default the only one there.
        mapping: A ``babel.cfg`` to extract the messages from the sources
            with (paths relative to its folder), so a stale ``.pot`` is
            found too; without it, the ``.pot`` is the reference.

    Returns:
        One line per problem, empty when all is in order.

    Raises:
        ValidationError: See `catalog_domain`.
    """
    domain = catalog_domain(locale_dir, domain)
    pot_path = locale_dir / f"{domain}.pot"
    if not pot_path.is_file():
        if mapping is None:
            return [f"{pot_path} is missing: extract the messages first"]
        template = Catalog()
    else:
        with pot_path.open("rb") as stream:
            template = read_po(stream)
    problems = []
    if mapping is not None:
        extracted = extract(mapping.parent, mapping)
        fresh = {_key(m) for m in extracted if m.id}
        stored = {_key(m) for m in template if m.id}
        problems += [
            f"{pot_path} is stale: {key!r} is no longer in the sources"
            for key in sorted(stored - fresh, key=str)
        ] + [
            f"{pot_path} is stale: {key!r} is new in the sources"
            for key in sorted(fresh - stored, key=str)
        ]
        template = extracted
    for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
        problems += check_catalog(po_path, template)
    return problems


def fill_source(po_path: Path) -> None:
    """Make every entry of the source-language catalog its own msgid.

    Args:
        po_path: The English ``.po`` file.
    """
    with po_path.open("rb") as stream:
        catalog = read_po(stream, locale=SOURCE_LOCALE)
    for message in catalog:
        if message.id:
            msgid = message.id
            message.string = msgid if isinstance(msgid, str) else tuple(msgid)
            message.flags.discard("fuzzy")
    with po_path.open("wb") as stream:
        write_po(stream, catalog, width=76, sort_output=True)


def set_headers(locale_dir: Path, domain: str) -> None:
    """Give every catalog the template's project fields and real team names.

    ``pybabel update`` keeps each catalog's header as ``pybabel init`` wrote
    it, with placeholders such as ``FULL NAME <EMAIL@ADDRESS>`` that
    ``msgfmt --check`` and ``i18nspector`` report.

    Args:
        locale_dir: The directory with ``<domain>.pot`` and the catalogs.
        domain: The gettext domain.
    """
    with (locale_dir / f"{domain}.pot").open("rb") as stream:
        template = read_po(stream)
    contact = template.msgid_bugs_address
    for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
        with po_path.open("rb") as stream:
            catalog = read_po(stream)
        catalog.project = template.project
        catalog.version = template.version
        catalog.msgid_bugs_address = contact
        assert catalog.locale is not None  # noqa: S101 - read_po sets it from Language
        catalog.language_team = f"{catalog.locale.english_name} <{contact}>"
        catalog.last_translator = f"{MAINTAINERS} <{contact}>"
        catalog.header_comment = catalog.header_comment.replace(
            "FIRST AUTHOR <EMAIL@ADDRESS>", MAINTAINERS
        )
        with po_path.open("wb") as stream:
            write_po(stream, catalog, width=76, sort_output=True)


def compile_catalogs(locale_dir: Path, domain: str) -> None:
    """Compile every ``.po`` of *domain* to the ``.mo`` beside it.

    Not ``pybabel compile``: Babel writes keys in an order GNU gettext
    cannot search (see `rejectkit._i18n._mofile`).

    Args:
        locale_dir: The directory with the catalogs.
        domain: The gettext domain.
    """
    compile_tree(locale_dir, domain)


def main(argv: Iterable[str] | None = None) -> int:
    """Check the catalogs, or fill the English one; see the module docstring.

    Args:
        argv: Command-line arguments.

    Returns:
        0 when the catalogs are in order, 1 otherwise.
    """
    parser = argparse.ArgumentParser(prog="python -m rejectkit._i18n._check")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--fill-source", action="store_true")
    parser.add_argument("--headers", action="store_true")
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    locale_dir = args.root / "src" / "rejectkit" / "locale"
    if args.fill_source:
        fill_source(locale_dir / SOURCE_LOCALE / "LC_MESSAGES" / "rejectkit.po")
        return 0
    if args.headers:
        set_headers(locale_dir, "rejectkit")
        return 0
    if args.compile:
        compile_catalogs(locale_dir, "rejectkit")
        return 0
    problems = check_catalogs(locale_dir, "rejectkit", mapping=args.root / "babel.cfg")
    for problem in problems:
        sys.stderr.write(problem + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
