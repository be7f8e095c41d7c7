"""Compiled catalogs: sorted as GNU gettext needs, read back by real readers."""

from __future__ import annotations

import gettext
import io
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from hypothesis import given
from hypothesis import strategies as st

from rejectkit._i18n import SUPPORTED_LOCALES, locale_dir
from rejectkit._i18n._check import check_catalog, extract
from rejectkit._i18n._mofile import (
    compile_catalog,
    compile_po,
    compile_tree,
    mo_differences,
    plural_numbers,
)

ROOT = Path(__file__).parent.parent
LOCALE_DIR = ROOT / "src" / "rejectkit" / "locale"
EXAMPLE_LOCALE_DIR = (
    ROOT / "examples" / "rejectkit-referral" / "src" / "rejectkit_referral" / "locale"
)
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/rejectkit.po"))
EXAMPLE_PO_FILES = sorted(EXAMPLE_LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
IN_CI = os.environ.get("CI") == "true"
# The GNU tools' messages and their reading of the files, in any locale.
C_LOCALE = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8"}


def gnu_tool(name: str) -> str:
    """Return the path of a GNU gettext tool; CI must have it, elsewhere skip."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed; .ci/run installs Debian's gettext")
        pytest.skip(f"{name} (GNU gettext) is not installed")
    return path


def keys(mo: bytes) -> list[bytes]:
    """Return the keys of a little-endian .mo file, in the file's order."""
    _magic, _version, count, key_table, *_ = struct.unpack("<7I", mo[:28])
    found = []
    for index in range(count):
        length, offset = struct.unpack_from("<2I", mo, key_table + 8 * index)
        found.append(mo[offset : offset + length])
    return found


def catalog_with(entries: list[tuple[str | None, str, str]]) -> Catalog:
    catalog = Catalog(locale="de")
    for context, msgid, msgstr in entries:
        catalog.add(msgid, msgstr, context=context)
    return catalog


def test_keys_are_sorted_by_their_bytes_with_the_context_joined() -> None:
    # "é" sorts after "z" by its UTF-8 bytes; Babel sorts "b" first by msgid.
    catalog = catalog_with(
        [("z", "a", "A"), (None, "é", "E"), (None, "z", "Z"), ("a", "b", "B")]
    )
    mo = compile_catalog(catalog)
    expected = [b"", b"a\x04b", b"z", b"z\x04a", "é".encode()]
    assert keys(mo) == expected
    babel_order = io.BytesIO()
    write_mo(babel_order, catalog)
    assert keys(babel_order.getvalue()) != expected, "Babel's order is fixed?"


@given(
    st.lists(
        st.tuples(
            st.none() | st.text(st.characters(codec="utf-8"), min_size=1),
            st.text(st.characters(codec="utf-8"), min_size=1),
            st.text(st.characters(codec="utf-8"), min_size=1),
        ),
        max_size=20,
    )
)
def test_every_translation_reads_back_through_python_gettext(
    entries: list[tuple[str | None, str, str]],
) -> None:
    entries = [
        (context, msgid, msgstr)
        for context, msgid, msgstr in entries
        if "\x00" not in msgid + msgstr + (context or "")
        and "\x04" not in msgid + (context or "")
    ]
    catalog = catalog_with(entries)
    mo = compile_catalog(catalog)
    assert keys(mo) == sorted(keys(mo))
    assert mo_differences(mo, catalog) == []
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    for message in catalog:
        if message.id:
            assert isinstance(message.id, str)
            found = (
                translations.pgettext(message.context, message.id)
                if message.context is not None
                else translations.gettext(message.id)
            )
            assert found == message.string


def test_compiled_bytes_do_not_depend_on_the_babel_release(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    po_path = LOCALE_DIR / "de" / "LC_MESSAGES" / "rejectkit.po"
    today = compile_po(po_path)
    monkeypatch.setattr("babel.messages.catalog.VERSION", "99.0.0")
    assert compile_po(po_path) == today
    assert b"Generated-By" not in today


@pytest.mark.parametrize("babel_version", ["2.18.0", "2.19.0", "99.0.0"])
def test_freshness_check_ignores_the_babel_release_that_compiled(
    babel_version: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po_path = tmp_path / "de" / "LC_MESSAGES" / "rejectkit.po"
    po_path.parent.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "de" / "LC_MESSAGES" / "rejectkit.po", po_path)
    with po_path.open("rb") as stream:
        catalog = read_po(stream)
    # A catalog compiled elsewhere, by another release, in Babel's own order.
    monkeypatch.setattr("babel.messages.catalog.VERSION", babel_version)
    with po_path.with_suffix(".mo").open("wb") as stream:
        write_mo(stream, catalog)
    monkeypatch.undo()
    assert f"Babel {babel_version}".encode() in po_path.with_suffix(".mo").read_bytes()
    template = extract(ROOT, ROOT / "babel.cfg")
    assert check_catalog(po_path, template) == []

    # A translation that really changed is still found.
    message = catalog["Staying in touch – %(company)s"]
    assert message is not None
    message.string = "Bleiben wir in Kontakt"
    with po_path.open("wb") as stream:
        write_po(stream, catalog)
    problems = check_catalog(po_path, template)
    assert any("older than" in p and "Bleiben wir in Kontakt" in p for p in problems), (
        problems
    )


def test_a_missing_compiled_catalog_is_reported(tmp_path: Path) -> None:
    po_path = tmp_path / "fr" / "LC_MESSAGES" / "rejectkit.po"
    po_path.parent.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "fr" / "LC_MESSAGES" / "rejectkit.po", po_path)
    problems = check_catalog(po_path, extract(ROOT, ROOT / "babel.cfg"))
    assert problems == [
        f"{po_path.with_suffix('.mo')} is missing: compile rejectkit.po"
    ]


def test_compile_tree_writes_only_what_changed(tmp_path: Path) -> None:
    shutil.copytree(
        LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo")
    )
    written = compile_tree(tmp_path / "locale", "rejectkit")
    assert [p.parent.parent.name for p in written] == sorted(SUPPORTED_LOCALES)
    stamps = {p: p.stat().st_mtime_ns for p in written}
    assert compile_tree(tmp_path / "locale", "rejectkit") == written
    assert {p: p.stat().st_mtime_ns for p in written} == stamps


def test_the_installed_catalogs_are_the_compiled_po_files() -> None:
    installed = Path(locale_dir())
    for po_path in PO_FILES:
        mo_path = installed / po_path.relative_to(LOCALE_DIR).with_suffix(".mo")
        assert mo_path.read_bytes() == compile_po(po_path), mo_path


@pytest.mark.parametrize(
    "po_path", EXAMPLE_PO_FILES, ids=lambda p: p.parent.parent.name
)
def test_the_example_plugin_ships_catalogs_compiled_by_rejectkit(po_path: Path) -> None:
    assert po_path.with_suffix(".mo").read_bytes() == compile_po(po_path)


@pytest.mark.parametrize(
    ("tag", "shared"),
    [
        ("de", [False, True]),  # one; everything else
        ("fr", [True, True]),  # 0 and 1; the rest
        ("ja", [True]),  # a single form for every number
        ("pl", [False, True, True]),  # one; few; many
    ],
)
def test_plural_forms_know_which_serve_several_numbers(
    tag: str, shared: list[bool]
) -> None:
    with (LOCALE_DIR / tag / "LC_MESSAGES" / "rejectkit.po").open("rb") as stream:
        catalog = read_po(stream)
    numbers = plural_numbers(catalog.plural_expr, catalog.num_plurals)
    assert [len(n) > 1 for n in numbers] == shared
    assert sum(map(len, numbers)) == 1001


@pytest.mark.parametrize(
    "po_path", PO_FILES + EXAMPLE_PO_FILES, ids=lambda p: p.parent.parent.name
)
def test_gnu_msgunfmt_reads_back_every_translation(
    po_path: Path, tmp_path: Path
) -> None:
    msgunfmt = gnu_tool("msgunfmt")
    mo_path = tmp_path / "catalog.mo"
    mo_path.write_bytes(compile_po(po_path))
    result = subprocess.run(
        [msgunfmt, str(mo_path)], check=True, capture_output=True, env=C_LOCALE
    )
    with po_path.open("rb") as stream:
        source = read_po(stream)
    read_back = read_po(io.BytesIO(result.stdout))
    expected = {(m.id, m.context): m.string for m in source if m.id}
    found = {(m.id, m.context): m.string for m in read_back if m.id}
    assert found == expected


@pytest.mark.parametrize(
    "po_path", PO_FILES + EXAMPLE_PO_FILES, ids=lambda p: p.parent.parent.name
)
def test_gnu_msgfmt_checks_every_catalog(po_path: Path, tmp_path: Path) -> None:
    msgfmt = gnu_tool("msgfmt")
    result = subprocess.run(
        [msgfmt, "--check", "--output-file", str(tmp_path / "out.mo"), str(po_path)],
        check=False,
        capture_output=True,
        text=True,
        env=C_LOCALE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_i18nspector_finds_nothing_wrong(tmp_path: Path) -> None:
    i18nspector = shutil.which("i18nspector")
    if i18nspector is None:
        if IN_CI:
            pytest.fail("i18nspector is not installed; .ci/run installs it")
        pytest.skip("i18nspector (Debian) is not installed")
    files = []
    for po_path in PO_FILES + EXAMPLE_PO_FILES:
        files.append(po_path)
        mo_path = tmp_path / po_path.relative_to(ROOT).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        mo_path.write_bytes(compile_po(po_path))
        files.append(mo_path)
    files += [
        LOCALE_DIR / "rejectkit.pot",
        *EXAMPLE_LOCALE_DIR.glob("*.pot"),
        *EXAMPLE_LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"),
    ]
    result = subprocess.run(
        [i18nspector, *map(str, files)],
        check=True,
        capture_output=True,
        text=True,
        env=C_LOCALE,
    )
    reported = [
        line
        for line in result.stdout.splitlines()
        # I: and P: are information and pedantry; E: and W: are findings.
        if line.startswith(("E:", "W:"))
        # A team, not a person, keeps the catalogs: its address is a URL.
        and "invalid-last-translator" not in line
        # Babel writes a template without xgettext's placeholder Plural-Forms;
        # every catalog made from it has its real rule.
        and not (".pot:" in line and "no-plural-forms-header-field" in line)
    ]
    assert reported == []
