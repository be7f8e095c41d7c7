"""The generator registry: custom kinds, replacement, failures and plugins."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import jinja2
import pytest

import rejectkit
from rejectkit import (
    Application,
    Audience,
    Message,
    MessageGenerator,
    RenderContext,
    TemplateGenerator,
)
from rejectkit.generators import ThankHr

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SAMPLE = rejectkit.sample_application()
BUILTIN_KINDS = (
    "thank-hiring-manager",
    "thank-hr",
    "feedback-request",
    "stay-in-touch",
    "hr-follow-up",
    "reply-feedback-declined",
    "reply-feedback-received",
    "next-steps",
)
GROUP = "rejectkit.generators"

TEMPLATES = {
    "referral-ask/subject.txt": (
        "{% trans %}A small request: {{ company }}{% endtrans %}"
    ),
    "referral-ask/body.txt": textwrap.dedent(
        """\
        {% trans %}Could you introduce me to a team at {{ company }}?{% endtrans %}
        {% if interviewed %}
        {% trans %}I enjoyed talking about the {{ role }} role.{% endtrans %}
        {% endif %}
        """
    ),
}


class ReferralAsk(TemplateGenerator):
    """A custom template kind with its own templates, asking HR for a referral."""

    kind = "referral-ask"
    send_within_days = 10

    def audience(self, application: Application) -> Audience:
        del application
        return Audience.HR

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        if application.hr_contact is None:
            return ("hr_contact", "referral-ask needs an HR contact")
        return None

    def environment(self, context: RenderContext) -> jinja2.Environment:
        del context
        env = jinja2.Environment(
            loader=jinja2.DictLoader(TEMPLATES),
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # noqa: S701 - plain text, never HTML
        )
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        return env


class CoffeeNote(MessageGenerator):
    """A custom kind written in code, using the render context's helpers."""

    kind = "coffee-note"
    options: ClassVar[frozenset[str]] = frozenset({"place"})

    def render(self, context: RenderContext, **options: Any) -> Message:
        audience = Audience.HIRING_MANAGER
        place = options.get("place", "a café near your office")
        company = context.application.role.company
        return Message(
            kind=self.kind,
            locale=str(context.locale),
            requested_locale=str(context.requested_locale),
            audience=audience,
            recipients=context.recipients(audience),
            sender=context.sender(),
            subject=f"Coffee at {company}?",
            greeting=context.greeting(audience),
            body=f"Could we meet for coffee at {place}?",
            closing=context.closing(audience),
            signature=context.signature(audience),
        )


class Exploding(MessageGenerator):
    kind = "exploding"

    def render(self, context: RenderContext, **options: Any) -> Message:
        del context, options
        msg = "the template engine caught fire"
        raise RuntimeError(msg)


class RefusesPolitely(MessageGenerator):
    kind = "refuses-politely"

    def render(self, context: RenderContext, **options: Any) -> Message:
        del context, options
        raise rejectkit.ValidationError.single("role.team", "needs a team")


class ReturnsText(MessageGenerator):
    kind = "returns-text"

    def render(self, context: RenderContext, **options: Any) -> Message:
        del context, options
        return "Dear hiring team, ..."  # type: ignore[return-value]


class LoudThankHr(ThankHr):
    """Replaces the built-in thank-hr with a subject of its own."""

    def render(self, context: RenderContext, **options: Any) -> Message:
        message = super().render(context, **options)
        return Message(
            kind=message.kind,
            locale=message.locale,
            requested_locale=message.requested_locale,
            audience=message.audience,
            recipients=message.recipients,
            sender=message.sender,
            subject="THANK YOU",
            greeting=message.greeting,
            body=message.body,
            closing=message.closing,
            signature=message.signature,
            send_by=message.send_by,
            in_reply_to=message.in_reply_to,
            references=message.references,
        )


def test_builtin_kinds_come_first_in_order() -> None:
    assert rejectkit.kinds()[: len(BUILTIN_KINDS)] == BUILTIN_KINDS
    assert rejectkit.registry.kinds() == rejectkit.kinds()


def test_custom_template_kind_is_listed_and_renders(
    isolated_registry: rejectkit.Registry,
) -> None:
    assert rejectkit.register(ReferralAsk) is ReferralAsk

    assert "referral-ask" in rejectkit.kinds()
    assert "referral-ask" in isolated_registry
    assert rejectkit.kinds()[: len(BUILTIN_KINDS)] == BUILTIN_KINDS
    message = rejectkit.generate("referral-ask", SAMPLE)
    assert message.kind == "referral-ask"
    assert message.audience is Audience.HR
    assert message.subject == "A small request: Northwind Logistics"
    assert message.greeting == "Dear Jordan Lee,"
    assert message.body == (
        "Could you introduce me to a team at Northwind Logistics?\n\n"
        "I enjoyed talking about the Senior Data Analyst role."
    )
    assert message.closing == "Kind regards,"
    assert message.signature[0] == "Alex Morgan"
    assert [r.email for r in message.recipients] == ["jordan.lee@northwind.example"]
    assert message.send_by is not None
    assert (message.send_by - SAMPLE.outcome.told_on).days == 10
    assert "<p>Could you introduce me" in message.html


def test_custom_kind_needs_are_checked(isolated_registry: rejectkit.Registry) -> None:
    isolated_registry.register(ReferralAsk)

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("referral-ask", attrs.evolve(SAMPLE, hr_contact=None))
    assert excinfo.value.problems[0][0] == "hr_contact"


def test_custom_code_kind_renders_with_options(
    isolated_registry: rejectkit.Registry,
) -> None:
    del isolated_registry

    @rejectkit.register
    class Registered(CoffeeNote):
        pass

    assert "coffee-note" in rejectkit.kinds()
    # A plugin kind's options are not in KindOptions: pass them as a table.
    options: dict[str, Any] = {"place": "the harbour kiosk"}
    message = rejectkit.generate("coffee-note", SAMPLE, **options)
    assert isinstance(rejectkit.registry.get("coffee-note"), Registered)
    assert message.body == "Could we meet for coffee at the harbour kiosk?"
    assert message.greeting == "Dear Dr. Raman,"
    assert message.text.startswith("Dear Dr. Raman,\n\nCould we meet")
    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("coffee-note", SAMPLE, venue="x")  # type: ignore[call-arg]
    assert excinfo.value.problems[0][0] == "venue"


def test_custom_kind_joins_compose_only_when_asked(
    isolated_registry: rejectkit.Registry,
) -> None:
    del isolated_registry
    rejectkit.register(ReferralAsk)
    planned = rejectkit.plan(SAMPLE)

    default = rejectkit.compose(SAMPLE)
    asked = rejectkit.compose(SAMPLE, kinds=[*planned, "referral-ask"])
    first = rejectkit.compose(SAMPLE, kinds=["referral-ask", "thank-hr"])

    assert "referral-ask" not in default.kinds
    assert default.kinds == planned
    assert asked.kinds == (*planned, "referral-ask")
    assert asked.by_kind("referral-ask") == rejectkit.generate("referral-ask", SAMPLE)
    assert first.kinds == ("referral-ask", "thank-hr")


def test_plan_follows_the_registry(isolated_registry: rejectkit.Registry) -> None:
    before = rejectkit.plan(SAMPLE)
    assert "stay-in-touch" in before

    isolated_registry.unregister("stay-in-touch")
    planned = rejectkit.plan(SAMPLE)
    assert planned == tuple(k for k in before if k != "stay-in-touch")
    assert rejectkit.compose(SAMPLE).kinds == planned
    # Bundling needs two notes to HR, and hr-follow-up to be registered.
    assert rejectkit.plan(SAMPLE, bundle=True) == (
        "thank-hiring-manager",
        "hr-follow-up",
    )
    isolated_registry.unregister("hr-follow-up")
    assert rejectkit.plan(SAMPLE, bundle=True) == planned


def test_a_replacement_says_when_it_belongs(
    isolated_registry: rejectkit.Registry,
) -> None:
    class QuietThankHr(ThankHr):
        def planned(self, application: Application) -> bool:
            del application
            return False

    isolated_registry.register(QuietThankHr, replace=True)
    assert "thank-hr" not in rejectkit.plan(SAMPLE)
    assert "thank-hr" not in rejectkit.compose(SAMPLE).kinds


def test_a_custom_kind_that_says_when_joins_the_plan(
    isolated_registry: rejectkit.Registry,
) -> None:
    class PlannedReferralAsk(ReferralAsk):
        bundled_into = "hr-follow-up"

        def planned(self, application: Application) -> bool:
            return self.applies_to(application)

    before = rejectkit.plan(SAMPLE)
    isolated_registry.register(PlannedReferralAsk)
    assert rejectkit.plan(SAMPLE) == (*before, "referral-ask")
    assert rejectkit.compose(SAMPLE).kinds == (*before, "referral-ask")
    # It is one of the notes hr-follow-up stands in for.
    assert rejectkit.plan(SAMPLE, bundle=True) == (
        "thank-hiring-manager",
        "hr-follow-up",
    )
    nobody = attrs.evolve(SAMPLE, hr_contact=None)
    assert "referral-ask" not in rejectkit.plan(nobody)


def test_registrations_end_with_the_isolated_block() -> None:
    before = rejectkit.kinds()
    with rejectkit.registry.isolated() as registry:
        assert registry is rejectkit.registry
        rejectkit.register(ReferralAsk)
        rejectkit.register(CoffeeNote)
        rejectkit.register(replace=True)(LoudThankHr)
        assert {"referral-ask", "coffee-note"} <= set(rejectkit.kinds())
        assert rejectkit.generate("thank-hr", SAMPLE).subject == "THANK YOU"

    assert rejectkit.kinds() == before
    assert "referral-ask" not in rejectkit.kinds()
    assert "coffee-note" not in rejectkit.kinds()
    assert type(rejectkit.registry.get("thank-hr")) is ThankHr
    assert rejectkit.generate("thank-hr", SAMPLE).subject != "THANK YOU"
    with pytest.raises(rejectkit.UnknownKindError):
        rejectkit.generate("referral-ask", SAMPLE)


def register_then_fail() -> None:
    with rejectkit.registry.isolated():
        rejectkit.register(ReferralAsk)
        assert "referral-ask" in rejectkit.kinds()
        msg = "something went wrong after registering"
        raise RuntimeError(msg)


def test_isolated_block_undoes_registrations_even_on_error() -> None:
    with pytest.raises(RuntimeError, match="after registering"):
        register_then_fail()

    assert "referral-ask" not in rejectkit.kinds()


CUSTOM_KINDS = frozenset(
    {
        "referral-ask",
        "coffee-note",
        "exploding",
        "refuses-politely",
        "returns-text",
        "fake-kind",
    }
)


def test_no_custom_kind_leaks_between_tests() -> None:
    assert not CUSTOM_KINDS & set(rejectkit.kinds())
    assert type(rejectkit.registry.get("thank-hr")) is ThankHr


@pytest.mark.parametrize("kind", BUILTIN_KINDS)
def test_builtin_kind_cannot_be_taken_by_accident(
    isolated_registry: rejectkit.Registry, kind: str
) -> None:
    del isolated_registry
    taker = type("Taker", (LoudThankHr,), {"kind": kind})
    original = type(rejectkit.registry.get(kind))

    with pytest.raises(rejectkit.DuplicateKindError) as excinfo:
        rejectkit.register(taker)

    assert isinstance(excinfo.value, ValueError)
    assert repr(kind) in str(excinfo.value)
    assert original.__qualname__ in str(excinfo.value)
    assert "replace=True" in str(excinfo.value)
    assert type(rejectkit.registry.get(kind)) is original


def test_registering_the_same_custom_kind_twice_is_a_duplicate(
    isolated_registry: rejectkit.Registry,
) -> None:
    rejectkit.register(ReferralAsk)

    with pytest.raises(rejectkit.DuplicateKindError, match="ReferralAsk"):
        isolated_registry.register(ReferralAsk)


def test_replace_true_replaces_a_builtin(
    isolated_registry: rejectkit.Registry,
) -> None:
    before = rejectkit.generate("thank-hr", SAMPLE)
    kinds = rejectkit.kinds()

    assert rejectkit.register(LoudThankHr, replace=True) is LoudThankHr

    after = rejectkit.generate("thank-hr", SAMPLE)
    assert isinstance(isolated_registry.get("thank-hr"), LoudThankHr)
    assert after.subject == "THANK YOU"
    assert after.body == before.body
    assert rejectkit.compose(SAMPLE).by_kind("thank-hr").subject == "THANK YOU"
    assert rejectkit.kinds() == kinds


def test_replace_works_as_a_decorator_argument(
    isolated_registry: rejectkit.Registry,
) -> None:
    del isolated_registry

    @rejectkit.register(replace=True)
    class Quiet(LoudThankHr):
        pass

    assert isinstance(rejectkit.registry.get("thank-hr"), Quiet)


@pytest.mark.parametrize(
    "thing",
    [
        "thank-hr",
        ReferralAsk(),
        int,
        type("NoKind", (MessageGenerator,), {"render": CoffeeNote.render}),
        type("EmptyKind", (CoffeeNote,), {"kind": ""}),
    ],
)
def test_register_rejects_what_is_not_a_generator_class(thing: Any) -> None:
    before = rejectkit.kinds()

    with rejectkit.registry.isolated():
        with pytest.raises(TypeError):
            rejectkit.register(thing)
        # Checked before isolated() puts the tables back.
        assert rejectkit.kinds() == before


def test_render_failure_names_the_kind_and_class(
    isolated_registry: rejectkit.Registry,
) -> None:
    isolated_registry.register(Exploding)

    with pytest.raises(rejectkit.RenderError) as excinfo:
        rejectkit.generate("exploding", SAMPLE)

    text = str(excinfo.value)
    assert text.startswith("exploding: ")
    assert f"{Exploding.__module__}.{Exploding.__qualname__}" in text
    assert "the template engine caught fire" in text
    assert isinstance(excinfo.value.__cause__, RuntimeError)
    with pytest.raises(rejectkit.RenderError, match="exploding"):
        rejectkit.compose(SAMPLE, kinds=["thank-hr", "exploding"])


def test_rejectkit_errors_from_render_pass_through(
    isolated_registry: rejectkit.Registry,
) -> None:
    isolated_registry.register(RefusesPolitely)

    with pytest.raises(rejectkit.ValidationError) as excinfo:
        rejectkit.generate("refuses-politely", SAMPLE)
    assert excinfo.value.problems == (("role.team", "needs a team"),)


def test_render_returning_a_non_message_is_an_error(
    isolated_registry: rejectkit.Registry,
) -> None:
    isolated_registry.register(ReturnsText)

    with pytest.raises(rejectkit.RenderError) as excinfo:
        rejectkit.generate("returns-text", SAMPLE)

    text = str(excinfo.value)
    assert text.startswith("returns-text: ")
    assert ReturnsText.__qualname__ in text
    assert "str" in text
    assert "not a Message" in text


def test_unregister(isolated_registry: rejectkit.Registry) -> None:
    isolated_registry.register(ReferralAsk)

    isolated_registry.unregister("referral-ask")

    assert "referral-ask" not in rejectkit.kinds()
    with pytest.raises(rejectkit.UnknownKindError):
        isolated_registry.unregister("referral-ask")


# Entry-point discovery, with a plugin module written to a temporary folder.

PLUGIN_SOURCE = textwrap.dedent(
    """
    import rejectkit


    class Cls(rejectkit.MessageGenerator):
        kind = "fake-kind"

        def render(self, context, **options):
            audience = rejectkit.Audience.HR
            return rejectkit.Message(
                kind=self.kind,
                locale=str(context.locale),
                requested_locale=str(context.requested_locale),
                audience=audience,
                recipients=context.recipients(audience),
                sender=context.sender(),
                subject="From a plugin",
                greeting=context.greeting(audience),
                body="Written by a plugin.",
                closing=context.closing(audience),
                signature=context.signature(audience),
            )


    class WrongKind(Cls):
        kind = "some-other-kind"


    NOT_A_CLASS = 42
    """
)


class Plugin:
    """A plugin module on ``sys.path`` and the entry points that name it."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.entry_points: list[importlib.metadata.EntryPoint] = []

    def declare(self, name: str, value: str) -> None:
        self.entry_points.append(
            importlib.metadata.EntryPoint(name=name, value=value, group=GROUP)
        )

    def imported(self) -> bool:
        return self.module in sys.modules


@pytest.fixture
def plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Plugin]:
    slug = "".join(c if c.isalnum() else "_" for c in request.node.name)
    module = f"rejectkit_fake_plugin_{slug}"
    (tmp_path / f"{module}.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = Plugin(module)
    # The default registry reads the real entry points on first use; make
    # sure that has happened before the fake ones are put in place.
    rejectkit.registry.kinds()

    def entry_points(**params: Any) -> importlib.metadata.EntryPoints:
        selected = [
            ep for ep in found.entry_points if ep.group == params.get("group", GROUP)
        ]
        return importlib.metadata.EntryPoints(selected)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    yield found
    sys.modules.pop(module, None)


def test_plugin_module_is_imported_only_when_its_kind_is_asked_for(
    plugin: Plugin,
) -> None:
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry()

    assert registry.kinds() == (*BUILTIN_KINDS, "fake-kind")
    assert "fake-kind" in registry
    assert not plugin.imported()

    generator = registry.get("fake-kind")

    assert plugin.imported()
    assert type(generator).__module__ == plugin.module
    assert type(generator).__qualname__ == "Cls"
    assert registry.get("fake-kind") is generator
    assert registry.kinds() == (*BUILTIN_KINDS, "fake-kind")


def test_plugin_kind_renders(plugin: Plugin) -> None:
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry()
    context = RenderContext(
        application=SAMPLE,
        locale="en",
        requested_locale="en",
        tone=rejectkit.Tone.FORMAL,
    )

    message = registry.get("fake-kind").render(context)

    assert message.kind == "fake-kind"
    assert message.text.startswith("Dear Jordan Lee,\n\nWritten by a plugin.\n\n")


def test_builtin_kinds_do_not_import_plugins(plugin: Plugin) -> None:
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry()

    for kind in BUILTIN_KINDS:
        registry.get(kind)

    assert not plugin.imported()


def test_discovery_can_be_turned_off(plugin: Plugin) -> None:
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry(discover=False)

    assert registry.kinds() == BUILTIN_KINDS
    with pytest.raises(rejectkit.UnknownKindError):
        registry.get("fake-kind")
    assert not plugin.imported()


def test_plugin_that_fails_to_import_names_its_entry_point(plugin: Plugin) -> None:
    plugin.declare("broken-kind", "rejectkit_no_such_module_anywhere:Cls")
    registry = rejectkit.Registry()

    assert "broken-kind" in registry.kinds()

    with pytest.raises(rejectkit.GeneratorLoadError) as excinfo:
        registry.get("broken-kind")

    text = str(excinfo.value)
    assert isinstance(excinfo.value, ImportError)
    assert "'broken-kind'" in text
    assert "rejectkit_no_such_module_anywhere:Cls" in text
    assert isinstance(excinfo.value.__cause__, ImportError)


@pytest.mark.parametrize(
    ("name", "attribute", "problem"),
    [
        ("fake-kind", "Missing", "failed to import"),
        ("fake-kind", "NOT_A_CLASS", "not a MessageGenerator subclass"),
        ("fake-kind", "WrongKind", "does not match"),
        ("other-name", "Cls", "does not match"),
    ],
)
def test_plugin_that_loads_the_wrong_thing_names_its_entry_point(
    plugin: Plugin, name: str, attribute: str, problem: str
) -> None:
    value = f"{plugin.module}:{attribute}"
    plugin.declare(name, value)
    registry = rejectkit.Registry()

    with pytest.raises(rejectkit.GeneratorLoadError) as excinfo:
        registry.get(name)

    text = str(excinfo.value)
    assert repr(name) in text
    assert value in text
    assert problem in text


def test_a_broken_plugin_does_not_break_other_kinds(plugin: Plugin) -> None:
    plugin.declare("broken-kind", "rejectkit_no_such_module_anywhere:Cls")
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry()

    with pytest.raises(rejectkit.GeneratorLoadError):
        registry.get("broken-kind")

    assert registry.get("fake-kind").kind == "fake-kind"
    assert registry.get("thank-hr").kind == "thank-hr"
    kinds = registry.kinds()
    assert kinds[: len(BUILTIN_KINDS)] == BUILTIN_KINDS
    assert sorted(kinds[len(BUILTIN_KINDS) :]) == ["broken-kind", "fake-kind"]


def test_registering_over_a_plugin_kind_needs_replace(plugin: Plugin) -> None:
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry()
    local = type("LocalFake", (CoffeeNote,), {"kind": "fake-kind"})

    with pytest.raises(rejectkit.DuplicateKindError) as excinfo:
        registry.register(local)
    assert "entry point 'fake-kind'" in str(excinfo.value)

    registry.register(local, replace=True)
    assert type(registry.get("fake-kind")) is local
    assert not plugin.imported()


def test_a_separate_registry_leaves_the_default_one_alone(plugin: Plugin) -> None:
    plugin.declare("fake-kind", f"{plugin.module}:Cls")
    registry = rejectkit.Registry()

    registry.register(ReferralAsk)

    assert "referral-ask" in registry.kinds()
    assert "referral-ask" not in rejectkit.kinds()


# -- an installed plugin, seen from a fresh interpreter ------------------------

INSTALLED = """
import sys
import rejectkit
kinds = rejectkit.kinds()
print("fake-kind" in kinds, "importlib.metadata" in sys.modules)
"""


def _installed_plugin(where: Path, entry_points: str) -> None:
    """Write a plugin module and the dist-info an installer would write."""
    module = "rejectkit_installed_fake_plugin"
    (where / f"{module}.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    info = where / "rejectkit_installed_fake_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: rejectkit-installed-fake-plugin\nVersion: 1.0\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(
        entry_points.format(module=module), encoding="utf-8"
    )


def _fresh(where: Path) -> list[str]:
    environ = {**os.environ, "PYTHONPATH": str(where)}
    done = subprocess.run(
        [sys.executable, "-c", INSTALLED],
        capture_output=True,
        text=True,
        check=True,
        env=environ,
    )
    return done.stdout.split()


def test_an_installed_plugin_is_found_by_a_fresh_interpreter(tmp_path: Path) -> None:
    _installed_plugin(tmp_path, f"[{GROUP}]\nfake-kind = {{module}}:Cls\n")
    assert _fresh(tmp_path) == ["True", "True"]


def test_without_a_plugin_the_entry_points_are_not_read(tmp_path: Path) -> None:
    # Another group in the same file: the package declares no generator.
    _installed_plugin(tmp_path, "[console_scripts]\nfake = {module}:main\n")
    if importlib.metadata.entry_points(group=GROUP):
        pytest.skip("a package installed here declares a generator")
    assert _fresh(tmp_path) == ["False", "False"]


@pytest.mark.parametrize("locale", ["zz_ZZ", "", "not a tag"])
def test_a_context_in_an_unknown_locale_names_the_field(locale: str) -> None:
    with pytest.raises(rejectkit.UnsupportedLocaleError, match=r"^locale: "):
        RenderContext(
            application=SAMPLE,
            locale=locale,
            requested_locale="en",
            tone=rejectkit.Tone.FORMAL,
        )
