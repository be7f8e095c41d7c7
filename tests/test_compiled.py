"""Templates compiled ahead of time: used where they fit, never where they do not."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

import jinja2
import jinja2.meta
import pytest

import rejectkit
from rejectkit._i18n import SUPPORTED_LOCALES, _catalogs, _compiled
from rejectkit._i18n._compiled import LETTER, MANIFEST, CompiledLoader
from tests.situations import SAMPLE, SITUATIONS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

LETTERS = sorted(
    f"{kind}/{LETTER}"
    for kind in rejectkit.kinds()
    if _catalogs.letter_template(_catalogs.environment("en"), kind) is not None
)


def _kits() -> list[rejectkit.KitDict]:
    kits = []
    for application, _ in SITUATIONS.values():
        for locale in SUPPORTED_LOCALES:
            for tone in rejectkit.Tone:
                kit = rejectkit.compose(application, locale=locale, tone=tone)
                kits.append(kit.to_dict())
    return kits


def _code_file(locale: str, name: str) -> str:
    letter = _catalogs.environment(locale).get_template(name)
    return letter.root_render_func.__code__.co_filename


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Compile every letter of every locale into *tmp_path*, and use them."""
    for locale in SUPPORTED_LOCALES:
        _compiled.write_compiled(
            _catalogs.environment(locale), LETTERS, tmp_path / locale
        )
    monkeypatch.setattr(_catalogs, "compiled_dir", lambda: str(tmp_path))
    _catalogs.environment.cache_clear()
    yield tmp_path
    _catalogs.environment.cache_clear()


def test_an_editable_install_compiles_on_first_use() -> None:
    # The checkout holds no compiled templates; nothing pretends it does.
    loader = _catalogs.environment("en").loader
    assert isinstance(loader, CompiledLoader)
    assert loader.compiled == frozenset()


def test_compiled_letters_write_what_compiling_on_first_use_writes(
    compiled: Path,
) -> None:
    with_compiled = _kits()
    for locale in SUPPORTED_LOCALES:
        for name in LETTERS:
            assert _code_file(locale, name).startswith(str(compiled)), (locale, name)
    _catalogs.environment.cache_clear()
    for locale in SUPPORTED_LOCALES:
        # Compiled from source again, as without the folder.
        (compiled / locale / MANIFEST).unlink()
    assert not _code_file("en", LETTERS[0]).startswith(str(compiled))
    assert with_compiled == _kits()


def _rewrite_manifest(folder: Path, change: str) -> None:
    path = folder / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if change == "jinja2":
        manifest["jinja2"] = "0.0"
    else:
        for entry in manifest["templates"].values():
            entry["digest"] = "0" * 64
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("change", ["jinja2", "digest"])
def test_code_for_another_jinja2_or_source_is_not_used(
    compiled: Path, change: str
) -> None:
    _rewrite_manifest(compiled / "de", change)
    expected = rejectkit.compose(SAMPLE, locale="de").to_dict()
    for name in LETTERS:
        assert not _code_file("de", name).startswith(str(compiled)), name
        assert _code_file("fr", name).startswith(str(compiled)), name
    _catalogs.environment.cache_clear()
    assert rejectkit.compose(SAMPLE, locale="de").to_dict() == expected


def test_a_changed_catalog_is_not_compiled_against(
    compiled: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The same templates compiled with another catalog do not fit this one.
    other = tmp_path_factory.mktemp("other")
    _compiled.write_compiled(_catalogs.environment("fr"), LETTERS, other)
    for path in other.iterdir():
        path.replace(compiled / "de" / path.name)
    _catalogs.environment.cache_clear()
    assert not _code_file("de", LETTERS[0]).startswith(str(compiled))
    assert rejectkit.compose(SAMPLE, locale="de")[0].locale == "de"


def test_callers_templates_bypass_the_compiled_code(
    compiled: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    del compiled
    overlay = tmp_path_factory.mktemp("overlay")
    (overlay / "thank-hr").mkdir()
    (overlay / "thank-hr" / "subject.txt").write_text("Mine", encoding="utf-8")
    message = rejectkit.generate("thank-hr", SAMPLE, templates=overlay)
    assert message.subject == "Mine"
    loader = jinja2.DictLoader({"stay-in-touch/body.txt": "Short."})
    assert rejectkit.generate("stay-in-touch", SAMPLE, templates=loader).body == (
        "Short."
    )
    assert "Mine" not in rejectkit.generate("thank-hr", SAMPLE).subject


def test_an_error_in_compiled_code_names_the_template_file(
    compiled: Path,
) -> None:
    del compiled
    letter = _catalogs.environment("en").get_template(LETTERS[0])
    assert letter.filename is not None
    assert letter.filename.endswith("/body.txt")
    with pytest.raises(jinja2.UndefinedError) as caught:
        letter.render({})
    position = rejectkit._compose._template_position(caught.value)
    assert position is not None
    assert position[0] == letter.filename


def _read_names(locale: str, name: str) -> tuple[set[str], frozenset[str] | None]:
    # What the template's source reads, by Jinja2's own analysis, and what
    # its loaded code says it can read.
    environment = _catalogs.environment(locale)
    assert environment.loader is not None
    source, _, _ = environment.loader.get_source(environment, name)
    reads = jinja2.meta.find_undeclared_variables(environment.parse(source))
    return reads, _catalogs.names_read_by(environment.get_template(name))


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_a_letter_compiled_on_first_use_knows_every_name_it_reads(locale: str) -> None:
    for name in LETTERS:
        reads, known = _read_names(locale, name)
        assert known is not None, name
        assert reads <= known, (name, reads - known)


def test_a_letter_compiled_ahead_knows_every_name_it_reads(compiled: Path) -> None:
    for locale in SUPPORTED_LOCALES:
        for name in LETTERS:
            assert _code_file(locale, name).startswith(str(compiled)), (locale, name)
            reads, known = _read_names(locale, name)
            assert known is not None, name
            assert reads <= known, (locale, name, reads - known)


_CONSTRUCTS: Final = {
    "{{ plain }}": {"plain"},
    "{% if flag %}{{ then }}{% else %}{{ else_ }}{% endif %}": {
        "flag",
        "then",
        "else_",
    },
    "{% for item in items %}{{ item }}{{ loop.index }}{{ inside }}{% endfor %}": {
        "items",
        "inside",
    },
    "{% macro m() %}{{ in_macro }}{% endmacro %}{{ m() }}": {"in_macro"},
    "{% set x %}{{ in_set }}{% endset %}{{ x }}": {"in_set"},
    "{{ value | default(fallback) }}": {"value", "fallback"},
    "{{ obj.attribute }}{{ table['key'] }}": {"obj", "table"},
    "{% trans count=n %}{{ count }} thing{% pluralize %}{{ count }} things"
    "{% endtrans %}": {"n"},
}


@pytest.mark.parametrize(("source", "read"), _CONSTRUCTS.items())
def test_names_read_misses_no_variable(source: str, read: set[str]) -> None:
    environment = _catalogs.environment("en")
    code = environment.compile(source)
    assert jinja2.meta.find_undeclared_variables(environment.parse(source)) == read
    assert read <= _compiled.names_read(code)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_a_kind_gives_its_letter_the_values_variables_gives(
    locale: str, situation: str
) -> None:
    # A built-in kind works out only the values its own letter reads; each
    # of them is the value variables() gives every template.
    application, _ = SITUATIONS[situation]
    context = rejectkit._compose._context(
        application, locale, rejectkit.Tone.FORMAL, strict_locale=False, templates=None
    )
    planned = {*rejectkit.plan(application), *rejectkit.plan(application, bundle=True)}
    for kind in sorted(planned):
        generator = rejectkit._registry.registry.get(kind)
        assert isinstance(generator, rejectkit.TemplateGenerator)
        letter = _catalogs.letter_template(generator.environment(context), kind)
        assert letter is not None
        reads, known = _read_names(context.locale, f"{kind}/{LETTER}")
        audience = context.addressed(generator.audience(application))
        given = generator._letter_values(context, audience, known, {})
        every = generator.variables(context)
        # What a letter reads but no kind gives, it sets itself.
        provided = reads & every.keys()
        assert {name: given.get(name, "missing") for name in provided} == {
            name: every[name] for name in provided
        }, kind
