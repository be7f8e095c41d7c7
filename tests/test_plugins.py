"""Extending rejectkit: template overrides, subclasses, plugin failures, conformance."""

from __future__ import annotations

import datetime as dt
import inspect
import warnings
from typing import TYPE_CHECKING, Any, ClassVar

import jinja2
import pytest

import rejectkit
import rejectkit.catalogs
import rejectkit.cli
import rejectkit.testing
from rejectkit import Application, Audience, RenderContext
from rejectkit._conformance import check_generator
from rejectkit._i18n import SUPPORTED_LOCALES
from rejectkit.generators import FeedbackRequest, TemplateGenerator, ThankHr
from tests.situations import SAMPLE, SITUATIONS
from tests.test_registry import plugin  # noqa: F401 - the fixture

if TYPE_CHECKING:
    from pathlib import Path

    from tests.test_registry import Plugin

ALL_KINDS_APP, _ = SITUATIONS["interviewed"]
ALL_KINDS_PLAN = (
    "thank-hiring-manager",
    "thank-hr",
    "feedback-request",
    "stay-in-touch",
)


def _everything(
    templates: Path | None = None,
) -> dict[tuple[str, str], rejectkit.MessageDict]:
    rendered = {}
    for locale in SUPPORTED_LOCALES:
        for kind in rejectkit.kinds():
            if kind in {
                "reply-feedback-declined",
                "reply-feedback-received",
                "next-steps",
            }:
                continue
            message = rejectkit.generate(
                kind, SAMPLE, locale=locale, templates=templates, allow_uncustomary=True
            )
            rendered[locale, kind] = message.to_dict()
    return rendered


def test_a_directory_override_changes_one_kind_in_one_language(tmp_path: Path) -> None:
    # A team's own German subject for thank-hr, written directly in German.
    override = tmp_path / "de" / "thank-hr" / "subject.txt"
    override.parent.mkdir(parents=True)
    override.write_text("Herzlichen Dank – {{ role }}", encoding="utf-8")
    before = _everything()
    after = _everything(templates=tmp_path)
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {("de", "thank-hr")}
    assert after["de", "thank-hr"]["subject"] == "Herzlichen Dank – Senior Data Analyst"
    assert after["de", "thank-hr"]["text"] == before["de", "thank-hr"]["text"]


def test_override_for_every_language_and_specific_folders_win(tmp_path: Path) -> None:
    (tmp_path / "stay-in-touch").mkdir()
    (tmp_path / "stay-in-touch" / "subject.txt").write_text(
        "Everywhere", encoding="utf-8"
    )
    (tmp_path / "en_GB" / "stay-in-touch").mkdir(parents=True)
    (tmp_path / "en_GB" / "stay-in-touch" / "subject.txt").write_text(
        "Only in Britain", encoding="utf-8"
    )
    subject = {
        locale: rejectkit.generate(
            "stay-in-touch", SAMPLE, locale=locale, templates=[tmp_path]
        ).subject
        for locale in ("en", "en_GB", "fr")
    }
    assert subject == {
        "en": "Everywhere",
        "en_GB": "Only in Britain",
        "fr": "Everywhere",
    }


def test_one_shared_paragraph_can_be_overridden_in_every_kind_that_says_it(
    tmp_path: Path,
) -> None:
    override = tmp_path / "fr" / "_shared" / "best-wishes.txt"
    override.parent.mkdir(parents=True)
    override.write_text("Bonne continuation à toute l’équipe.", encoding="utf-8")
    before = _everything()
    after = _everything(templates=tmp_path)
    changed = {key for key in before if before[key] != after[key]}
    # The kinds that end with the best wishes, in French only.
    assert changed == {
        ("fr", kind)
        for kind in ("thank-hiring-manager", "stay-in-touch", "hr-follow-up")
    }
    for key in changed:
        assert "Bonne continuation à toute l’équipe." in after[key]["text"]


def test_a_jinja2_loader_can_override_a_body() -> None:
    loader = jinja2.DictLoader({"stay-in-touch/body.txt": "Short and sweet."})
    message = rejectkit.generate("stay-in-touch", SAMPLE, templates=loader)
    assert message.body == "Short and sweet."
    assert message.greeting == "Dear Jordan Lee,"
    assert rejectkit.generate("stay-in-touch", SAMPLE).body != "Short and sweet."


def test_a_broken_override_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    override = tmp_path / "de" / "stay-in-touch" / "body.txt"
    override.parent.mkdir(parents=True)
    override.write_text("Erste Zeile.\nZweite {{ nobody }}.\n", encoding="utf-8")
    with pytest.raises(rejectkit.RenderError) as caught:
        rejectkit.generate("stay-in-touch", SAMPLE, locale="de", templates=tmp_path)
    assert f"at {override}, line 2: UndefinedError" in str(caught.value)
    assert isinstance(caught.value.__cause__, jinja2.UndefinedError)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("{% if %}", "TemplateSyntaxError"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% include 'missing.txt' %}", "TemplateNotFound"),
    ],
)
def test_a_loader_override_is_named_by_its_template_name(
    source: str, problem: str
) -> None:
    loader = jinja2.DictLoader({"thank-hr/subject.txt": f"Thanks\n{source}"})
    with pytest.raises(
        rejectkit.RenderError, match=rf"at <thank-hr/subject.txt>, line 2: {problem}"
    ):
        rejectkit.generate("thank-hr", SAMPLE, templates=loader)


def test_templates_must_be_directories_or_loaders(tmp_path: Path) -> None:
    with pytest.raises(
        rejectkit.ValidationError, match=r"templates: .* is not a directory"
    ):
        rejectkit.compose(SAMPLE, templates=tmp_path / "missing")
    with pytest.raises(rejectkit.ValidationError, match=r"templates\[1\]: expected"):
        rejectkit.compose(SAMPLE, templates=[tmp_path, 42])  # type: ignore[list-item]


class WarmerThankHr(ThankHr):
    """The built-in thanks to HR, sent the same day."""

    send_within_days = 0


def test_a_subclass_replaces_a_built_in(isolated_registry: rejectkit.Registry) -> None:
    with pytest.raises(rejectkit.DuplicateKindError, match="replace=True"):
        isolated_registry.register(WarmerThankHr)
    isolated_registry.register(WarmerThankHr, replace=True)
    message = rejectkit.generate("thank-hr", SAMPLE)
    assert message.send_by == SAMPLE.outcome.told_on
    assert "built-in" not in isolated_registry.origin("thank-hr")


class EnglishAndGermanOnly(TemplateGenerator):
    """A kind whose text exists in two languages only."""

    kind = "two-languages"
    locales: ClassVar[tuple[str, ...] | None] = ("en", "de")

    def audience(self, application: Application) -> Audience:
        del application
        return Audience.HR

    templates: ClassVar[dict[str, str] | None] = {
        "subject": "{% trans %}Hello{% endtrans %}",
        "body": "{% trans %}Thank you.{% endtrans %}",
    }


@pytest.mark.parametrize(
    ("requested", "written"),
    [("en", "en"), ("de_CH", "de"), ("ja", "en"), ("fr", "en")],
)
def test_outside_its_languages_a_kind_falls_back_whole(
    isolated_registry: rejectkit.Registry, requested: str, written: str
) -> None:
    isolated_registry.register(EnglishAndGermanOnly)
    message = rejectkit.generate("two-languages", SAMPLE, locale=requested)
    assert (message.locale, message.requested_locale) == (
        written,
        rejectkit._i18n.parse_locale(requested),
    )
    english = rejectkit.generate("thank-hr", SAMPLE, locale=written)
    assert (message.greeting, message.closing) == (english.greeting, english.closing)


@pytest.mark.parametrize(("requested", "days"), [("ja", 1), ("fr", 2), ("de", 2)])
def test_a_kind_written_in_its_default_language_keeps_the_asked_for_timing(
    isolated_registry: rejectkit.Registry, requested: str, days: int
) -> None:
    # Japanese custom asks for a reply within a day, whatever the language
    # the kind's text exists in.
    isolated_registry.register(EnglishAndGermanOnly)
    message = rejectkit.generate("two-languages", SAMPLE, locale=requested)
    assert message.send_by == SAMPLE.outcome.told_on + dt.timedelta(days=days)


class Exploding(TemplateGenerator):
    """Fails while rendering."""

    kind = "exploding"

    def audience(self, application: Application) -> Audience:
        del application
        return Audience.HR

    def render(self, context: RenderContext, **options: object) -> rejectkit.Message:
        del context, options
        msg = "boom"
        raise RuntimeError(msg)


def test_compose_not_strict_keeps_what_rendered(
    isolated_registry: rejectkit.Registry,
) -> None:
    isolated_registry.register(Exploding)
    kinds = ["thank-hr", "exploding", "no-such-kind", "stay-in-touch"]
    with pytest.raises(rejectkit.RenderError, match=r"exploding: .*Exploding failed"):
        rejectkit.compose(SAMPLE, kinds=kinds)
    kit = rejectkit.compose(SAMPLE, kinds=kinds, strict=False)
    assert kit.kinds == ("thank-hr", "stay-in-touch")
    assert [(f.kind, type(f.error)) for f in kit.failures] == [
        ("exploding", rejectkit.RenderError),
        ("no-such-kind", rejectkit.UnknownKindError),
    ]
    assert kit.to_dict()["failures"][0]["error"] == "RenderError"


PLUGIN_RENDERS = """
import rejectkit
from rejectkit.generators import ThankHr


class Failing(ThankHr):
    kind = "failing-kind"

    def render(self, context, **options):
        raise ValueError("no template today")


class Replacing(ThankHr):
    replace = True
    send_within_days = 0


class Intruding(ThankHr):
    send_within_days = 0
"""


def test_a_broken_plugin_is_named_and_the_rest_still_render(
    plugin: Plugin,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "more_plugins.py").write_text(PLUGIN_RENDERS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin.declare("missing-module", "no_such_module_anywhere:Cls")
    plugin.declare("failing-kind", "more_plugins:Failing")
    plugin.declare("twice", f"{plugin.module}:Cls")
    plugin.declare("twice", "more_plugins:Failing")
    registry = rejectkit.Registry()
    monkeypatch.setattr(rejectkit._compose, "registry", registry)

    with pytest.warns(rejectkit.PluginWarning, match="'twice' is declared by more"):
        kinds = registry.kinds()
    assert {"missing-module", "failing-kind", "twice"} <= set(kinds)
    with pytest.raises(rejectkit.GeneratorLoadError, match="'missing-module'"):
        registry.get("missing-module")
    with pytest.raises(rejectkit.DuplicateKindError, match="more_plugins:Failing"):
        registry.get("twice")
    with pytest.raises(rejectkit.RenderError, match="entry point 'failing-kind'"):
        rejectkit.generate("failing-kind", SAMPLE)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = registry.load_all()
    assert "missing-module" not in loaded
    assert "thank-hr" in loaded
    assert any("missing-module" in str(w.message) for w in caught)

    kit = rejectkit.compose(
        SAMPLE, kinds=["missing-module", "thank-hr", "failing-kind"], strict=False
    )
    assert kit.kinds == ("thank-hr",)
    assert [f.kind for f in kit.failures] == ["missing-module", "failing-kind"]

    # plan() asks every generator; the broken ones are named and left out.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        planned = rejectkit.plan(SAMPLE)
    # Failing subclasses ThankHr, so it is planned where ThankHr is.
    assert planned == (*ALL_KINDS_PLAN, "failing-kind")
    told = [str(w.message) for w in caught if w.category is rejectkit.PluginWarning]
    assert any("'missing-module'" in t and "plan() leaves" in t for t in told)
    assert any("'twice'" in t for t in told)


def test_a_broken_replacement_of_a_built_in_is_reported_by_compose(
    plugin: Plugin,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plugin.declare("thank-hr", "no_such_module_anywhere:Cls")
    registry = rejectkit.Registry()
    monkeypatch.setattr(rejectkit._compose, "registry", registry)
    # The kind stays in the plan, so its failure is not lost.
    assert rejectkit.plan(SAMPLE) == ALL_KINDS_PLAN
    with pytest.raises(rejectkit.GeneratorLoadError, match="'thank-hr'"):
        rejectkit.compose(SAMPLE)
    kit = rejectkit.compose(SAMPLE, strict=False)
    assert [f.kind for f in kit.failures] == ["thank-hr"]


def test_a_plugin_replaces_a_built_in_only_when_it_asks(
    plugin: Plugin,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "more_plugins.py").write_text(PLUGIN_RENDERS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin.declare("thank-hr", "more_plugins:Intruding")
    registry = rejectkit.Registry()
    monkeypatch.setattr(rejectkit._compose, "registry", registry)
    with pytest.warns(rejectkit.PluginWarning) as caught:
        kept = registry.get("thank-hr")
    assert type(kept) is ThankHr
    (warning,) = caught
    message = str(warning.message)
    # Both packages are named: the plugin's and rejectkit's.
    assert "entry point 'thank-hr' = 'more_plugins:Intruding' from" in message
    assert "rejectkit's built-in ThankHr keeps writing it" in message
    assert "replace = True" in message
    assert registry.shadowed("thank-hr") == message
    assert registry.shadowed("stay-in-touch") is None

    # What plan() picks still works, and the CLI's view of the kinds too.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kit = rejectkit.compose(SAMPLE)
        assert registry.get("thank-hr") is kept
        assert registry.load_all() == registry.kinds()
    assert "thank-hr" in kit.kinds
    # Naming the kind explicitly could mean either generator: it raises.
    with pytest.raises(rejectkit.DuplicateKindError, match="Intruding"):
        rejectkit.generate("thank-hr", SAMPLE)
    with pytest.raises(rejectkit.DuplicateKindError, match="Intruding"):
        rejectkit.compose(SAMPLE, kinds=["thank-hr"])

    plugin.entry_points.clear()
    plugin.declare("thank-hr", "more_plugins:Replacing")
    registry = rejectkit.Registry()
    assert type(registry.get("thank-hr")).__name__ == "Replacing"
    assert "more_plugins:Replacing" in registry.origin("thank-hr")


@pytest.mark.parametrize("kind", list(rejectkit.kinds()))
def test_every_built_in_meets_the_conformance_check(kind: str) -> None:
    applications = [application for application, _ in SITUATIONS.values()]
    messages = check_generator(kind, applications)
    assert {m.locale for m in messages} == set(SUPPORTED_LOCALES)


class Sloppy(TemplateGenerator):
    """Leaves template syntax in its output."""

    kind = "sloppy"
    locales: ClassVar[tuple[str, ...] | None] = ("en",)

    def audience(self, application: Application) -> Audience:
        del application
        return Audience.HR

    templates: ClassVar[dict[str, str] | None] = {
        "subject": "About {{ role }}",
        "body": "Hello {{ '{{' }} name }}  there.",
    }


def test_the_conformance_check_catches_leftover_syntax() -> None:
    with pytest.raises(AssertionError, match=r"sloppy in en, formal: holds '\{\{'"):
        check_generator(Sloppy)
    assert "sloppy" not in rejectkit.kinds()


def test_every_public_name_is_documented_and_typed() -> None:
    for name in rejectkit.__all__:
        if name == "__version__":
            continue
        value = getattr(rejectkit, name)
        if inspect.ismodule(value):
            assert value.__doc__, name
            continue
        assert inspect.getdoc(value), f"{name} has no docstring"
        if inspect.isfunction(value):
            _check_annotations(name, value)
        elif inspect.isclass(value):
            for attribute, member in vars(value).items():
                if attribute.startswith("_") or not inspect.isfunction(member):
                    continue
                assert inspect.getdoc(member), f"{name}.{attribute} has no docstring"
                _check_annotations(f"{name}.{attribute}", member)


def _check_annotations(name: str, function: Any) -> None:
    signature = inspect.signature(function)
    assert signature.return_annotation is not inspect.Signature.empty, name
    for parameter in signature.parameters.values():
        if parameter.name in {"self", "cls"}:
            continue
        assert parameter.annotation is not inspect.Parameter.empty, (
            f"{name}({parameter.name}) has no annotation"
        )


# -- a plugin's own catalogs ---------------------------------------------------

PLUGIN_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgid "A question about %(company)s"
msgstr "{subject}"

#, python-format
msgid "Now that the %(role)s role is filled: is another team at %(company)s hiring?"
msgstr "{body}"
"""


def catalog_package(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    *,
    compiled: bool = True,
    body: str = (
        "Die Stelle als %(role)s ist vergeben: Sucht ein anderes Team bei "
        "%(company)s jemanden?"
    ),
) -> type[TemplateGenerator]:
    """Write a plugin package with English msgids and a German catalog."""
    package = tmp_path / name
    (package / "templates" / "ask").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "templates" / "ask" / "subject.txt").write_text(
        "{% trans %}A question about {{ company }}{% endtrans %}", encoding="utf-8"
    )
    (package / "templates" / "ask" / "body.txt").write_text(
        "{% trans %}Now that the {{ role }} role is filled: is another team at "
        "{{ company }} hiring?{% endtrans %}\n",
        encoding="utf-8",
    )
    messages = package / "locale" / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = messages / f"{name}.po"
    po.write_text(
        PLUGIN_PO.format(subject="Eine Frage zu %(company)s", body=body),
        encoding="utf-8",
    )
    if compiled:
        assert rejectkit.cli.main(["catalogs", "compile", str(package / "locale")]) == 0
    monkeypatch.syspath_prepend(str(tmp_path))

    class Ask(TemplateGenerator):
        kind = "ask"
        locales = ("en", "de")
        template_package = name
        gettext_domain = name

        def audience(self, application: Application) -> Audience:
            del application
            return Audience.HR

    return Ask


def test_a_declared_locale_without_its_compiled_catalog_is_an_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
) -> None:
    ask = catalog_package(tmp_path, monkeypatch, "uncompiled_plugin", compiled=False)
    isolated_registry.register(ask)
    english = rejectkit.generate("ask", SAMPLE, locale="en")
    assert english.body == (
        "Now that the Senior Data Analyst role is filled: is another team at "
        "Northwind Logistics hiring?"
    )
    with pytest.raises(rejectkit.GeneratorLoadError) as caught:
        rejectkit.generate("ask", SAMPLE, locale="de")
    message = str(caught.value)
    assert "package 'uncompiled_plugin' declares locale 'de'" in message
    assert "a .po file but no compiled .mo for domain 'uncompiled_plugin'" in message
    assert "rejectkit catalogs compile" in message
    kit = rejectkit.compose(SAMPLE, locale="de", kinds=["ask"], strict=False)
    assert [f.kind for f in kit.failures] == ["ask"]
    with pytest.raises(rejectkit.GeneratorLoadError):
        check_generator(ask)


def test_the_conformance_check_fails_an_untranslated_kind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
) -> None:
    del isolated_registry
    ask = catalog_package(tmp_path, monkeypatch, "untranslated_plugin", body="")
    with pytest.raises(AssertionError, match=r"ask in de, formal: .* not translated"):
        check_generator(ask)


def test_a_plugin_catalog_is_used_and_checked(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
) -> None:
    ask = catalog_package(tmp_path, monkeypatch, "translated_plugin")
    messages = check_generator(ask)
    assert {m.locale for m in messages} == {"en", "de"}
    isolated_registry.register(ask)
    german = rejectkit.generate("ask", SAMPLE, locale="de")
    assert german.subject == "Eine Frage zu Northwind Logistics"
    assert german.greeting == "Guten Tag Jordan Lee,"
    assert german.body.startswith("die Stelle als Senior Data Analyst ist vergeben")


def test_a_region_of_a_declared_language_keeps_its_own_frame(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
) -> None:
    ask = catalog_package(tmp_path, monkeypatch, "regional_plugin")
    isolated_registry.register(ask)
    british = rejectkit.generate("ask", SAMPLE, locale="en-GB")
    american = rejectkit.generate("ask", SAMPLE, locale="en")
    assert (british.locale, british.requested_locale) == ("en_GB", "en_GB")
    assert british.body == american.body
    assert british.closing == "Yours sincerely,"
    assert american.closing == "Kind regards,"
    # A language it does not declare still gets all of it in English.
    japanese = rejectkit.generate("ask", SAMPLE, locale="ja")
    assert (japanese.locale, japanese.closing) == ("en", "Kind regards,")


def test_the_pseudo_locale_covers_a_plugin_catalog(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
) -> None:
    ask = catalog_package(tmp_path, monkeypatch, "pseudo_plugin")
    english = tmp_path / "pseudo_plugin" / "locale" / "en" / "LC_MESSAGES"
    english.mkdir(parents=True)
    (english / "pseudo_plugin.po").write_text(
        PLUGIN_PO.replace("Language: de", "Language: en").format(
            subject="A question about %(company)s",
            body=(
                "Now that the %(role)s role is filled: is another team at "
                "%(company)s hiring?"
            ),
        ),
        encoding="utf-8",
    )
    assert rejectkit.cli.main(["catalogs", "compile", str(english.parent.parent)]) == 0
    isolated_registry.register(ask)
    with rejectkit.testing.pseudo_locale() as tag:
        message = rejectkit.generate("ask", SAMPLE, locale=tag)
    assert message.subject.startswith("⟦Á ǫúéšţíóñ áƀóúţ Northwind Logistics")
    assert message.body.startswith("⟦Ñóŵ ţĥáţ ţĥé Senior Data Analyst ŕóĺé")
    # The frame still comes from rejectkit's own pseudo-translated catalog.
    assert message.closing is not None
    assert message.closing.startswith("⟦")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            "Die Stelle als %(role)s ist vergeben: Sucht %(compnay)s jemanden?",
            (
                "uses %(compnay)s, which the template does not give "
                "(it gives company, role)"
            ),
        ),
        (
            "Die Stelle ist vergeben: Sucht ein Team bei %(company)s jemanden?",
            "leaves out %(role)s, which the template gives",
        ),
    ],
    ids=["unknown", "dropped"],
)
def test_a_placeholder_error_names_catalog_locale_msgid_and_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
    body: str,
    problem: str,
) -> None:
    name = f"placeholder_plugin_{problem.split(maxsplit=1)[0]}"
    ask = catalog_package(tmp_path, monkeypatch, name, body=body)
    isolated_registry.register(ask)
    assert rejectkit.generate("ask", SAMPLE, locale="en").locale == "en"
    with pytest.raises(rejectkit.RenderError) as caught:
        rejectkit.generate("ask", SAMPLE, locale="de")
    message = str(caught.value)
    mo = tmp_path / name / "locale" / "de" / "LC_MESSAGES" / f"{name}.mo"
    assert f"{mo} (de): the translation of 'Now that the %(role)s role" in message
    assert problem in message
    body_template = tmp_path / name / "templates" / "ask" / "body.txt"
    assert f"at {body_template}, line 1" in message
    assert "KeyError" not in message
    # The project's own checker says the same before anything renders.
    locale = tmp_path / name / "locale"
    (locale / f"{name}.pot").write_text(
        PLUGIN_PO.format(subject="", body=""), encoding="utf-8"
    )
    problems = rejectkit.catalogs.check_catalogs(locale)
    assert any("placeholders" in p and "Now that the" in p for p in problems)


def test_an_override_of_a_shared_paragraph_reaches_every_kind_that_uses_it() -> None:
    # The shipped bodies include their shared paragraphs; an override of
    # one of those is used, not the shipped text written into the body.
    loader = jinja2.DictLoader({"_shared/questions.txt": "What would you change?"})
    message = rejectkit.generate("feedback-request", SAMPLE, templates=loader)
    assert "What would you change?" in message.body
    shipped = rejectkit.generate("feedback-request", SAMPLE)
    assert "What would you change?" not in shipped.body
    assert shipped.subject == message.subject


def test_an_overridden_subject_keeps_the_shipped_body() -> None:
    loader = jinja2.DictLoader({"thank-hr/subject.txt": "Thank you, {{ company }}"})
    message = rejectkit.generate("thank-hr", SAMPLE, templates=loader)
    shipped = rejectkit.generate("thank-hr", SAMPLE)
    assert message.subject == f"Thank you, {SAMPLE.role.company}"
    assert message.body == shipped.body


class LeakyFeedbackRequest(FeedbackRequest):
    """Puts a line break into the subject through its variables."""

    def variables(self, context: RenderContext, **options: object) -> dict[str, Any]:
        values = super().variables(context, **options)
        values["role"] = "Engineer\nBcc: someone@example.com"
        return values


def test_a_subclass_of_a_built_in_has_its_output_checked(
    isolated_registry: rejectkit.Registry,
) -> None:
    # Only the built-in classes' own output goes unchecked: a subclass may
    # write anything into its variables.
    isolated_registry.register(LeakyFeedbackRequest, replace=True)
    with pytest.raises(rejectkit.ValidationError, match="subject"):
        rejectkit.generate("feedback-request", SAMPLE)
