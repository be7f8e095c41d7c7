"""Compile gettext catalogs to ``.mo`` files as GNU gettext reads them.

GNU gettext looks messages up by binary search, so a ``.mo`` file must list
its keys sorted by their bytes, where a key is the msgid, or the context,
the byte 0x04 and the msgid when there is a context. Babel's ``write_mo``
sorts by msgid instead (the bug polib fixed as its issue 78): Python's
`gettext` reads every entry and never notices; GNU gettext's lookups and
``i18nspector`` do.

The header entry is written from the ``.po`` file's own header fields, with
no ``Generated-By`` line, so the compiled bytes depend only on the ``.po``
file, never on the Babel release that parsed it.

This module needs only the standard library and Babel: the wheel's build
hook (``hatch_build.py``) loads it by path before rejectkit is installed.
"""

from __future__ import annotations

import gettext
import io
import struct
from typing import TYPE_CHECKING, Final

from babel.messages.pofile import read_po

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from babel.messages.catalog import Catalog, Message

__all__ = [
    "compile_catalog",
    "compile_po",
    "compile_tree",
    "message_strings",
    "mo_differences",
    "plural_numbers",
]

_MAGIC: Final = 0x950412DE
_HEADER: Final = struct.Struct("<7I")
_CONTEXT_SEPARATOR: Final = "\x04"
# Written by Babel from its own version on every read: not part of a catalog.
_TOOL_FIELDS: Final = frozenset({"generated-by"})
# Enough numbers to meet every plural form of every CLDR rule, including
# the ones that only start above a hundred (Polish 112, Welsh 1000000 aside).
_SAMPLE_NUMBERS: Final = (*range(1000), 1_000_000)


def message_strings(message: Message) -> tuple[str, ...]:
    """Return a catalog message's translations: one, or one per plural form."""
    string = message.string
    if isinstance(string, str):
        return (string,)
    return tuple(string or ())


def _translated(message: Message) -> bool:
    strings = message_strings(message)
    return bool(strings) and all(strings) and not message.fuzzy


def _key(message: Message) -> str:
    msgid = message.id if isinstance(message.id, str) else "\0".join(message.id)
    if message.context:
        return message.context + _CONTEXT_SEPARATOR + msgid
    return msgid


def _header(catalog: Catalog) -> str:
    return "".join(
        f"{name}: {value}\n"
        for name, value in catalog.mime_headers
        if name.lower() not in _TOOL_FIELDS
    )


def compile_catalog(catalog: Catalog) -> bytes:
    """Return the ``.mo`` bytes of a catalog, keys sorted as GNU gettext needs.

    Untranslated and fuzzy entries are left out, as ``msgfmt`` leaves them
    out, so lookups fall back to the msgid.

    Args:
        catalog: A catalog read with Babel's ``read_po``.

    Returns:
        The compiled catalog, in little-endian byte order without a hash
        table (GNU gettext then searches the sorted keys).
    """
    charset = catalog.charset
    entries = {"": _header(catalog)}
    for message in catalog:
        if message.id and _translated(message):
            entries[_key(message)] = "\0".join(message_strings(message))
    encoded = sorted((k.encode(charset), v.encode(charset)) for k, v in entries.items())
    count = len(encoded)
    keys_table = _HEADER.size
    values_table = keys_table + 8 * count
    data_start = values_table + 8 * count
    key_index: list[int] = []
    value_index: list[int] = []
    data = io.BytesIO()
    for column, table in ((0, key_index), (1, value_index)):
        for pair in encoded:
            table.extend((len(pair[column]), data_start + data.tell()))
            data.write(pair[column] + b"\0")
    header = _HEADER.pack(_MAGIC, 0, count, keys_table, values_table, 0, data_start)
    offsets = struct.pack(f"<{4 * count}I", *key_index, *value_index)
    return header + offsets + data.getvalue()


def compile_po(po_path: Path) -> bytes:
    """Read a ``.po`` file and return its compiled ``.mo`` bytes.

    Args:
        po_path: The catalog source.

    Returns:
        The output of `compile_catalog`.
    """
    with po_path.open("rb") as stream:
        return compile_catalog(read_po(stream))


def compile_tree(
    locale_dir: Path, domain: str, out_dir: Path | None = None
) -> list[Path]:
    """Compile every ``<tag>/LC_MESSAGES/<domain>.po`` below a directory.

    A ``.mo`` file that already holds the same bytes is left untouched.

    Args:
        locale_dir: The directory holding one folder per locale.
        domain: The gettext domain.
        out_dir: Where to write the same tree of ``.mo`` files; by default
            each beside its ``.po``.

    Returns:
        The ``.mo`` files, in the order of their ``.po`` files' paths.
    """
    written = []
    for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
        mo_path = po_path.with_suffix(".mo")
        if out_dir is not None:
            mo_path = out_dir / mo_path.relative_to(locale_dir)
        compiled = compile_po(po_path)
        if not mo_path.is_file() or mo_path.read_bytes() != compiled:
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            mo_path.write_bytes(compiled)
        written.append(mo_path)
    return written


def plural_numbers(plural_expr: str, forms: int) -> list[list[int]]:
    """Group sample numbers by the plural form a catalog's rule gives them.

    Args:
        plural_expr: The C expression of the ``Plural-Forms`` header.
        forms: Its ``nplurals``.

    Returns:
        For each form index, the sample numbers (up to 1000, and a million)
        that select it, in ascending order.
    """
    rule: Callable[[int], int] = gettext.c2py(plural_expr)
    numbers: list[list[int]] = [[] for _ in range(forms)]
    for number in _SAMPLE_NUMBERS:
        index = rule(number)
        if 0 <= index < forms:
            numbers[index].append(number)
    return numbers


def _lookups(catalog: Catalog) -> Iterator[tuple[Message, int | None, str]]:
    # (message, number or None, the text a reader of the .mo must return)
    samples = plural_numbers(catalog.plural_expr, catalog.num_plurals)
    for message in catalog:
        if not message.id or not _translated(message):
            continue
        strings = message_strings(message)
        if isinstance(message.id, str):
            yield message, None, strings[0]
            continue
        for index, numbers in enumerate(samples):
            if numbers and index < len(strings):
                yield message, numbers[0], strings[index]


def mo_differences(mo: bytes, catalog: Catalog) -> list[str]:
    """Read compiled bytes back with Python's `gettext` and compare them.

    Only what a reader of the catalog sees is compared: every translation,
    looked up with each plural form's first number, and the plural rule.
    Header fields a tool writes about itself (``Generated-By``) are not.

    Args:
        mo: The ``.mo`` file's bytes.
        catalog: The ``.po`` catalog they should have been compiled from.

    Returns:
        One line per difference, empty when the two agree.
    """
    try:
        compiled = gettext.GNUTranslations(io.BytesIO(mo))
    except (OSError, UnicodeDecodeError, ValueError, struct.error) as error:
        return [f"not a readable .mo file: {error}"]
    problems = []
    info = compiled.info()
    if info.get("plural-forms") != catalog.plural_forms:
        problems.append(
            f"Plural-Forms is {info.get('plural-forms')!r}, "
            f"not {catalog.plural_forms!r}"
        )
    for message, number, expected in _lookups(catalog):
        context = message.context
        if number is None:
            assert isinstance(message.id, str)  # noqa: S101 - narrowed by _lookups
            found = (
                compiled.pgettext(context, message.id)
                if context
                else compiled.gettext(message.id)
            )
        else:
            singular, plural = message.id[0], message.id[1]
            found = (
                compiled.npgettext(context, singular, plural, number)
                if context
                else compiled.ngettext(singular, plural, number)
            )
        if found != expected:
            where = f"{_key(message)!r}" + ("" if number is None else f" (n={number})")
            problems.append(f"{where} reads {found!r}, not {expected!r}")
    return problems
