"""Templates written by end users: injection fails, caps hold, real templates render."""

from __future__ import annotations

import os
import re
import subprocess
import time
import tracemalloc
from pathlib import Path

import attrs
import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rejectkit
from rejectkit import (
    Audience,
    RenderContext,
    TemplateError,
    TemplateLimits,
    TemplateSecurityError,
    Tone,
    from_template,
)
from rejectkit._message import FSI, PDI
from rejectkit._sandbox import _values
from rejectkit.testing import applications, single_line_text

SAMPLE = rejectkit.sample_application()
MARKER = "MARKER"  # replaced by a path the payload would create if it ran

# Server-side template injection payloads published for Jinja2, and the
# probes around them: walking from a value to Python internals, calling
# methods, format strings, printing internals and loading templates. The
# MARKER payloads would create a file through os.system, os.popen,
# subprocess or open.
PAYLOADS = [
    pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}", id="mro-subclasses"),
    pytest.param("{{ ''.__class__.__base__.__subclasses__() }}", id="base"),
    pytest.param("{{ ().__class__.__bases__[0].__subclasses__() }}", id="bases"),
    pytest.param("{{ role.__class__ }}", id="context-class"),
    pytest.param("{{ role.title.__class__.__mro__ }}", id="value-mro"),
    pytest.param(
        "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
        id="cycler-globals-popen",
    ),
    pytest.param(
        "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
        id="joiner-globals-system",
    ),
    pytest.param(
        "{{ namespace.__init__.__globals__.os.system('touch MARKER') }}",
        id="namespace-globals-system",
    ),
    pytest.param(
        "{{ lipsum.__globals__['os'].system('touch MARKER') }}", id="lipsum-globals"
    ),
    pytest.param(
        "{{ range.__globals__['__builtins__']['__import__']('os')"
        ".system('touch MARKER') }}",
        id="range-globals-import",
    ),
    pytest.param(
        "{{ self.__init__.__globals__.__builtins__.open('MARKER', 'w') }}",
        id="self-builtins-open",
    ),
    pytest.param(
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os"
        ".system('touch MARKER') }}",
        id="self-context",
    ),
    pytest.param(
        "{% for c in [].__class__.__base__.__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}"
        "{{ c()._module.__builtins__['__import__']('os').system('touch MARKER') }}"
        "{% endif %}{% endfor %}",
        id="catch-warnings-import",
    ),
    pytest.param(
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if 'Popen' in c.__name__ %}{{ c(['touch', 'MARKER']) }}{% endif %}"
        "{% endfor %}",
        id="subclasses-popen",
    ),
    pytest.param("{{ ''|attr('__class__')|attr('__mro__') }}", id="attr-filter"),
    pytest.param(
        "{{ request|attr('application')|attr('\\x5f\\x5fglobals\\x5f\\x5f') }}",
        id="attr-filter-escaped",
    ),
    pytest.param("{{ role|attr('_' ~ '_class__') }}", id="attr-filter-built-name"),
    pytest.param("{{ role['__class__'] }}", id="subscript"),
    pytest.param("{{ role['_' ~ '_class__'] }}", id="subscript-built-name"),
    pytest.param(
        "{{ [role, role]|sort(attribute='_' ~ '_class__') }}", id="sort-attribute"
    ),
    pytest.param(
        "{{ [role]|join(',', attribute='_' ~ '_class__') }}", id="join-attribute"
    ),
    pytest.param("{{ '{0.__class__.__mro__}'.format(role) }}", id="str-format"),
    pytest.param(
        "{{ '{x.__init__.__globals__}'.format_map({'x': role}) }}",
        id="str-format-map",
    ),
    pytest.param("{{ '%s' % role }}", id="percent-format"),
    pytest.param("{{ '%999999999s' % 'x' }}", id="percent-width"),
    pytest.param("{{ role.items() }}", id="dict-method"),
    pytest.param("{{ role.title.upper() }}", id="str-method"),
    pytest.param("{% set x = [1] %}{{ x.append(2) }}", id="list-method"),
    pytest.param(
        "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
        id="loop-globals",
    ),
    pytest.param(
        "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}", id="macro-func"
    ),
    pytest.param("{{ range }}", id="print-function"),
    pytest.param("{{ self }}", id="print-template-reference"),
    pytest.param("{% include 'MARKER' %}", id="include"),
    pytest.param("{% import 'MARKER' as x %}", id="import"),
    pytest.param("{% from 'MARKER' import x %}", id="from-import"),
    pytest.param("{% extends 'MARKER' %}", id="extends"),
    pytest.param("{% if false %}{{ ''.__class__ }}{% endif %}", id="dead-branch"),
]


@attrs.define
class Tripwire:
    """Records every attempt to run a command, and where a payload would write."""

    marker: Path
    calls: list[str] = attrs.field(factory=list)

    def fired(self) -> bool:
        return bool(self.calls) or self.marker.exists()


@pytest.fixture
def tripwire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tripwire:
    """Replace the ways a payload could run a command with recorders."""
    wire = Tripwire(marker=tmp_path / "pwned")

    def record(name: str) -> object:
        def recorder(*args: object, **kwargs: object) -> None:
            wire.calls.append(f"{name}{args!r}{kwargs!r}")

        return recorder

    monkeypatch.setattr(os, "system", record("os.system"))
    monkeypatch.setattr(os, "popen", record("os.popen"))
    monkeypatch.setattr(subprocess, "Popen", record("subprocess.Popen"))
    return wire


def armed(payload: str, wire: Tripwire) -> str:
    return payload.replace(MARKER, str(wire.marker))


# -- injection -----------------------------------------------------------------


def test_there_are_at_least_twenty_payloads() -> None:
    assert len(PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payload_is_refused_and_never_runs(
    payload: str, tripwire: Tripwire
) -> None:
    with pytest.raises(TemplateSecurityError) as caught:
        from_template(armed(payload, tripwire), SAMPLE)
    assert caught.value.template == "body"
    assert caught.value.line == 1
    assert not tripwire.fired()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payload_is_refused_in_the_subject(
    payload: str, tripwire: Tripwire
) -> None:
    with pytest.raises(TemplateSecurityError, match=r"^subject, line 1: "):
        from_template("Thanks.", SAMPLE, subject=armed(payload, tripwire))
    assert not tripwire.fired()


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ joiner.__init__.__globals__.os.popen('touch MARKER') }}",
        "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    ],
)
def test_the_payloads_are_live_outside_the_sandbox(
    payload: str, tripwire: Tripwire
) -> None:
    # The same text in a plain Environment reaches os: the tripwire fires.
    jinja2.Environment(autoescape=True).from_string(armed(payload, tripwire)).render()
    assert tripwire.fired()


def test_a_refused_payload_names_the_line_it_is_on() -> None:
    template = "Thank you.\n\nAll the best,\n{{ role.__class__ }}\n"
    with pytest.raises(TemplateSecurityError) as caught:
        from_template(template, SAMPLE)
    assert caught.value.line == 4
    assert str(caught.value).startswith("body, line 4: '__class__' is not available")


def test_a_name_built_at_run_time_is_refused_on_its_line() -> None:
    template = "Hello\n{% set name = '_' ~ '_class__' %}\n{{ role[name] }}"
    with pytest.raises(TemplateSecurityError) as caught:
        from_template(template, SAMPLE)
    assert caught.value.line == 3


def test_security_errors_are_template_errors_and_value_errors() -> None:
    assert issubclass(TemplateSecurityError, TemplateError)
    assert issubclass(TemplateError, rejectkit.RejectkitError)
    assert issubclass(TemplateError, ValueError)


@pytest.mark.parametrize(
    "template", ["{{ cycler }}", "{{ namespace() }}", "{{ config.items() }}"]
)
def test_jinja_globals_are_not_there(template: str) -> None:
    with pytest.raises(TemplateError, match=r"is undefined") as caught:
        from_template(template, SAMPLE)
    assert not isinstance(caught.value, TemplateSecurityError)


@pytest.mark.parametrize(
    ("template", "missing"),
    [
        ("{{ 'a'|format('b') }}", "No filter named 'format'"),
        ("{{ 'a'|safe }}", "No filter named 'safe'"),
        ("{{ role|map('upper') }}", "No filter named 'map'"),
        ("{{ role is callable }}", "No test named 'callable'"),
        ("{{ role is lower }}", "No test named 'lower'"),
    ],
)
def test_filters_and_tests_come_from_an_allowlist(template: str, missing: str) -> None:
    with pytest.raises(TemplateError, match=re.escape(missing)):
        from_template(template, SAMPLE)


# -- ordinary templates ---------------------------------------------------------

BODY = """\
{% if warm %}Thanks{% else %}Thank you{% endif %} for letting me know about \
the {{ role.title }} role.
{% if interviewed %}

I enjoyed our conversation on {{ interview_date }} about {{ highlight }}.
{% endif %}
Things I will work on:
{% for topic in ['SQL', 'dashboards'] %}
- {{ topic|upper }}
{% endfor %}
"""


def frame(locale: str, tone: Tone = Tone.FORMAL) -> RenderContext:
    return RenderContext(
        application=SAMPLE, locale=locale, requested_locale=locale, tone=tone
    )


def test_an_ordinary_template_renders_inside_the_letter_frame() -> None:
    message = from_template(BODY, SAMPLE, subject="Thank you – {{ role.company }}")
    assert message.text == (
        "Dear Jordan Lee,\n"
        "\n"
        "Thank you for letting me know about the Senior Data Analyst role.\n"
        "\n"
        "I enjoyed our conversation on May 14, 2024 about the plan to merge "
        "the regional delivery dashboards.\n"
        "\n"
        "Things I will work on:\n"
        "\n"
        "- SQL\n"
        "- DASHBOARDS\n"
        "\n"
        "Kind regards,\n"
        "Alex Morgan\n"
        "+1 555 0142\n"
        "https://alexmorgan.example/portfolio\n"
    )
    assert message.subject == "Thank you – Northwind Logistics"
    assert message.kind == "custom"
    assert message.audience is Audience.HR
    assert message.send_by is None


@pytest.mark.parametrize(
    ("locale", "body", "paragraphs"),
    [
        (
            "en",
            "Thank you, {{ hr_contact.given }}.\nWe spoke on {{ interview_date }}.",
            "Thank you, Jordan.\n\nWe spoke on May 14, 2024.",
        ),
        (
            "de",
            (
                "Vielen Dank für die Nachricht zur Stelle {{ role.title }}.\n"
                "Wir sprachen am {{ interview_date }}."
            ),
            (
                "Vielen Dank für die Nachricht zur Stelle Senior Data Analyst.\n\n"
                "Wir sprachen am 14. Mai 2024."
            ),
        ),
        (
            "ja",
            (
                "{{ role.title }}の件、ご連絡ありがとうございました。\n"
                "{{ interview_date }}の面接では大変お世話になりました。"
            ),
            (
                "Senior Data Analystの件、ご連絡ありがとうございました。\n\n"
                "2024年5月14日の面接では大変お世話になりました。"
            ),
        ),
    ],
)
@pytest.mark.parametrize("tone", list(Tone))
def test_the_frame_writes_greeting_opening_and_closing(
    locale: str, body: str, paragraphs: str, tone: Tone
) -> None:
    message = from_template(body, SAMPLE, locale=locale, tone=tone)
    expected = frame(locale, tone).message(
        kind="custom",
        audience=Audience.HR,
        subject=SAMPLE.role.title,
        body=paragraphs,
        send_within_days=None,
    )
    assert message == expected
    assert message.greeting is not None
    assert message.closing is not None


def test_the_frame_follows_each_language() -> None:
    german = from_template("Vielen Dank für alles.", SAMPLE, locale="de")
    assert german.greeting == "Guten Tag Jordan Lee,"
    assert german.body == "vielen Dank für alles."
    assert german.closing == "Mit freundlichen Grüßen"
    japanese = from_template("ありがとうございました。", SAMPLE, locale="ja")
    assert japanese.greeting == "Jordan Lee様"
    assert japanese.body.startswith("お世話になっております。Alex Morganです。\n\n")
    assert japanese.closing == "何卒よろしくお願い申し上げます。"


def test_lines_become_paragraphs_and_dash_runs_become_lists() -> None:
    template = (
        "  First paragraph.  \n"
        "{% if true %}\n"
        "Second paragraph.\n"
        "{% endif %}\n"
        "\n"
        "- one\n"
        "{% for x in ['two', 'three'] %}\n"
        "- {{ x }}\n"
        "{% endfor %}\n"
        "Last."
    )
    message = from_template(template, SAMPLE)
    assert message.body == (
        "First paragraph.\n\nSecond paragraph.\n\n- one\n- two\n- three\n\nLast."
    )


def test_every_documented_value_renders() -> None:
    template = """\
{{ candidate.given }}|{{ candidate.family }}|{{ candidate.full_name }}
{{ role.title }}|{{ role.company }}|{{ role.team }}|{{ role.location }}
{{ hiring_manager.full_name }}|{{ hiring_manager.academic_title }}\
|{{ hiring_manager.job_title }}
{{ hr_contact.given }}|{{ hr_contact.family }}
{{ interviewed }}|{{ interview_count }}|{{ interview_date }}
{{ highlight }}
{{ stage }}|{{ decision }}|{{ channel }}|{{ told_on }}
{{ feedback_status }}|{{ feedback_notes }}|{{ feedback_topics }}
{{ audience }}|{{ tone }}|{{ warm }}|{{ locale }}
"""
    message = from_template(template, SAMPLE, locale="de_AT")
    assert message.body.split("\n\n") == [
        "Alex|Morgan|Alex Morgan",
        "Senior Data Analyst|Northwind Logistics|Fleet Analytics|Chicago",
        "Priya Raman|Dr.|Head of Fleet Analytics",
        "Jordan|Lee",
        "True|2|14. Mai 2024",
        "the plan to merge the regional delivery dashboards",
        "final-round|position-filled|personal-email|21. Mai 2024",
        "None|[]|[]",
        "hr|formal|False|de",
    ]


def test_feedback_notes_are_a_list_of_topic_and_note() -> None:
    feedback = rejectkit.Feedback(
        status=rejectkit.FeedbackStatus.RECEIVED,
        notes=(
            rejectkit.FeedbackNote(
                topic=rejectkit.FeedbackTopic.EXPERIENCE, note="more Kafka"
            ),
            rejectkit.FeedbackNote(topic=rejectkit.FeedbackTopic.FIT, note="smaller"),
            rejectkit.FeedbackNote(
                topic=rejectkit.FeedbackTopic.EXPERIENCE, note="more SQL"
            ),
        ),
    )
    application = attrs.evolve(SAMPLE, feedback=feedback)
    template = (
        "{{ feedback_status }}: {{ feedback_topics|join(', ') }}\n"
        "{% for n in feedback_notes|sort(attribute='note') %}\n"
        "- {{ n.topic }}: {{ n.note }}\n"
        "{% endfor %}\n"
        "{{ feedback_notes|join('; ', attribute='note') }}"
    )
    message = from_template(template, application)
    assert message.body == (
        "received: experience, fit\n\n"
        "- experience: more Kafka\n"
        "- experience: more SQL\n"
        "- fit: smaller\n\n"
        "more Kafka; smaller; more SQL"
    )


def test_the_documented_table_lists_exactly_the_values_templates_see() -> None:
    doc = from_template.__doc__ or ""
    rows = re.findall(r"^\s*\| (\w+) \|", doc, flags=re.MULTILINE)
    assert rows[0] == "name"  # the header
    documented = set(rows[1:])
    seen = set(_values(frame("en"), Audience.HR))
    assert documented == seen


def test_the_values_are_plain_data() -> None:
    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(item) for item in value)
        return value is None or isinstance(value, str | int)

    assert plain(_values(frame("en"), Audience.HR))


def test_missing_contacts_are_none_and_default_covers_them() -> None:
    application = attrs.evolve(SAMPLE, hiring_manager=None, hr_contact=None)
    template = (
        "{% if hiring_manager is none %}No manager.{% endif %}\n"
        "Hello {{ hr_contact.given|default('team') }}."
    )
    message = from_template(template, application)
    assert message.body == "No manager.\n\nHello team."


def test_the_audience_defaults_to_hr_then_the_hiring_team() -> None:
    assert from_template("Hi.", SAMPLE).audience is Audience.HR
    no_hr = attrs.evolve(SAMPLE, hr_contact=None)
    message = from_template("Hi.", no_hr)
    assert message.audience is Audience.HIRING_TEAM
    assert message.greeting == "Dear Northwind Logistics hiring team,"


def test_an_explicit_audience_picks_the_greeting() -> None:
    message = from_template("Hi.", SAMPLE, audience="hiring-manager")
    assert message.audience is Audience.HIRING_MANAGER
    assert message.greeting == "Dear Dr. Raman,"
    note = from_template("Remember {{ role.company }}.", SAMPLE, audience="candidate")
    assert note.greeting is None
    assert note.closing is None


def test_an_audience_without_its_contact_is_refused() -> None:
    no_manager = attrs.evolve(SAMPLE, hiring_manager=None)
    with pytest.raises(rejectkit.ValidationError, match=r"^audience: .*hiring_manager"):
        from_template("Hi.", no_manager, audience=Audience.HIRING_MANAGER)
    with pytest.raises(rejectkit.ValidationError, match=r"^audience: 'boss'"):
        from_template("Hi.", SAMPLE, audience="boss")


def test_the_subject_defaults_to_the_role_title() -> None:
    assert from_template("Hi.", SAMPLE).subject == "Senior Data Analyst"


def test_the_subject_is_stripped_but_must_be_one_line() -> None:
    message = from_template("Hi.", SAMPLE, subject="  {{ role.title }}\n")
    assert message.subject == "Senior Data Analyst"
    with pytest.raises(TemplateError, match=r"^subject: must be a single line"):
        from_template("Hi.", SAMPLE, subject="One\n{{ role.title }}")
    with pytest.raises(TemplateError, match=r"^subject: must not be empty"):
        from_template("Hi.", SAMPLE, subject="{% if false %}x{% endif %}")


def test_a_subject_may_hold_the_longest_title_and_company() -> None:
    role = attrs.evolve(SAMPLE.role, title="T" * 200, company="C" * 200)
    application = attrs.evolve(SAMPLE, role=role)
    template = "Thank you – {{ role.title }} at {{ role.company }}"
    message = from_template("Hi.", application, subject=template)
    assert message.subject == f"Thank you – {'T' * 200} at {'C' * 200}"
    long_enough = "{{ role.title }}{{ role.company }}" * 2 + "{{ role.title[:198] }}"
    assert len(from_template("Hi.", application, subject=long_enough).subject) == 998
    with pytest.raises(TemplateError, match=r"^subject: is 999 characters long"):
        from_template("Hi.", application, subject=long_enough + "!")


def test_an_empty_body_is_an_error() -> None:
    with pytest.raises(TemplateError, match=r"^body: the template rendered no text"):
        from_template("{% if false %}Hi.{% endif %}\n  \n", SAMPLE)


def test_rendering_is_deterministic() -> None:
    template = BODY + "{{ role }}\n{{ [3, 1, 2]|sort }}\n{{ feedback_notes }}"
    first = from_template(template, SAMPLE, locale="fr")
    second = from_template(template, SAMPLE, locale="fr")
    assert first == second
    assert first.text == second.text


def test_a_right_to_left_value_is_isolated_in_the_body_only() -> None:
    title = "\u05de\u05e0\u05ea\u05d7 \u05e0\u05ea\u05d5\u05e0\u05d9\u05dd"
    application = attrs.evolve(SAMPLE, role=attrs.evolve(SAMPLE.role, title=title))
    message = from_template(
        "The {{ role.title }} role.", application, subject="{{ role.title }}"
    )
    assert message.body == f"The {FSI}{title}{PDI} role."
    assert message.subject == title
    assert "<bdi>" in message.html


def test_template_syntax_is_never_applied_to_values() -> None:
    role = attrs.evolve(
        SAMPLE.role, title="{{ 7*7 }}", company="{% if 1 %}x{% endif %}"
    )
    application = attrs.evolve(SAMPLE, role=role)
    message = from_template("{{ role.title }} at {{ role.company }}", application)
    assert message.body == "{{ 7*7 }} at {% if 1 %}x{% endif %}"


@given(title=single_line_text())
def test_a_value_renders_verbatim_in_its_place(title: str) -> None:
    application = attrs.evolve(SAMPLE, role=attrs.evolve(SAMPLE.role, title=title))
    message = from_template("Role: {{ role.title }}!", application)
    expected = RenderContext(
        application=application, locale="en", requested_locale="en", tone=Tone.FORMAL
    ).isolate(title)
    assert message.body == f"Role: {expected}!"


@given(application=applications(), locale=st.sampled_from(["en", "de", "ja", "pl"]))
def test_every_application_renders_a_template_using_every_value(
    application: rejectkit.Application, locale: str
) -> None:
    names = list(_values(frame("en"), Audience.HR))
    template = "\n".join(f"{name}: {{{{ {name} }}}}" for name in names)
    generous = TemplateLimits(max_output_chars=200_000, max_value_length=200_000)
    message = from_template(
        template + "\n{{ role.title }}", application, locale=locale, limits=generous
    )
    paragraphs = message.body.split("\n\n")
    assert [p.split(":", 1)[0] for p in paragraphs[-len(names) - 1 : -1]] == names
    expected = RenderContext(
        application=application,
        locale=locale,
        requested_locale=locale,
        tone=Tone.FORMAL,
    ).isolate(application.role.title)
    assert paragraphs[-1] == expected


# -- errors and their lines -----------------------------------------------------


@pytest.mark.parametrize(
    ("template", "line"),
    [
        ("{{ role.title }", 1),
        ("Hello.\n\n{% if %}x{% endif %}", 3),
        ("Hello.\n{% for x in feedback_notes %}\n{{ x }}\n", 3),
        ("a\nb\nc\n{{ 1 + }}", 4),
    ],
)
def test_a_syntax_error_reports_its_line_and_jinjas_message(
    template: str, line: int
) -> None:
    with pytest.raises(jinja2.TemplateSyntaxError) as jinja_error:
        jinja2.Environment(autoescape=True).parse(template)
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE)
    assert str(caught.value) == f"body, line {line}: {jinja_error.value.message}"
    assert caught.value.line == line
    assert caught.value.template == "body"
    assert not isinstance(caught.value, TemplateSecurityError)


def test_an_unknown_filter_reports_its_line() -> None:
    with pytest.raises(TemplateError) as caught:
        from_template("Hi.\n{{ role.title|shout }}", SAMPLE)
    assert str(caught.value) == "body, line 2: No filter named 'shout'."


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Hi.\n{{ nope }}", "body, line 2: 'nope' is undefined"),
        (
            "Hi.\n\n{{ role.titel }}",
            "body, line 3: 'dict object' has no attribute 'titel'",
        ),
        (
            "{% if true %}\n{{ hiring_manager.nickname }}\n{% endif %}",
            "body, line 2: 'dict object' has no attribute 'nickname'",
        ),
    ],
)
def test_an_undefined_name_is_a_template_error_naming_it(
    template: str, message: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE)
    assert str(caught.value) == message
    assert not isinstance(caught.value, TemplateSecurityError)


def test_a_runtime_error_reports_its_line() -> None:
    with pytest.raises(TemplateError) as caught:
        from_template("One.\nTwo.\n{{ interview_count // 0 }}", SAMPLE)
    assert str(caught.value) == (
        "body, line 3: ZeroDivisionError: integer division or modulo by zero"
    )


@pytest.mark.parametrize(
    ("template", "line", "char"),
    [
        ("Hello\x1b[31m", 1, "U+001B"),
        ("Fine.\nAlso fine \u202e reversed", 2, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Fine.\n\n{{ 'bell\\x07' }}", 3, "U+0007"),
        ("{{ 'isolate\\u2069' }}", 1, "U+2069 POP DIRECTIONAL ISOLATE"),
        ("x\u2028y", 1, "U+2028 LINE SEPARATOR"),
    ],
)
def test_control_characters_are_refused_with_their_line(
    template: str, line: int, char: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE)
    assert str(caught.value).startswith(
        f"body, line {line}: the template holds {char};"
    )


def test_deep_nesting_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match=r"^body: the template is nested too"):
        from_template("{% if true %}" * 120 + "x" + "{% endif %}" * 120, SAMPLE)


@pytest.mark.parametrize(
    "body",
    [
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "{% macro f(n) %}{{ n }}{{ f(n + 1) }}{% endmacro %}One.\n{{ f(0) }}",
        (
            "{% macro f() %}{{ caller() }}{% endmacro %}"
            "{% macro g() %}{% call f() %}{{ g() }}{% endcall %}{% endmacro %}{{ g() }}"
        ),
    ],
    ids=["macro", "macro-with-output", "caller"],
)
def test_runaway_recursion_is_the_call_depth_error(body: str) -> None:
    with pytest.raises(TemplateError) as caught:
        from_template(body, SAMPLE)
    assert str(caught.value).endswith(
        ": the template nests calls more than 50 deep, as a macro that calls "
        "itself without end does (TemplateLimits.max_call_depth)"
    )
    assert "RecursionError" not in str(caught.value)


def test_nesting_within_the_call_depth_renders() -> None:
    body = (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "One.{{ f(49) }}"
    )
    assert from_template(body, SAMPLE).body == "One."


def test_a_depth_beyond_what_python_allows_is_still_a_template_error() -> None:
    body = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
    limits = TemplateLimits(max_call_depth=100_000, max_calls=100_000)
    with pytest.raises(TemplateError) as caught:
        from_template(body, SAMPLE, limits=limits)
    assert str(caught.value) == (
        "body, line 1: the template nests calls deeper than Python allows here; "
        "lower TemplateLimits.max_call_depth"
    )


@pytest.mark.parametrize(
    ("body", "options", "field"),
    [
        (b"Hi.", {}, "body"),
        ("Hi.", {"subject": 3}, "subject"),
        ("Hi.", {"limits": {"max_range": 5}}, "limits"),
    ],
)
def test_bad_arguments_are_validation_errors(
    body: object, options: dict[str, object], field: str
) -> None:
    with pytest.raises(rejectkit.ValidationError, match=rf"^{field}: expected"):
        from_template(body, SAMPLE, **options)  # type: ignore[arg-type]


# -- limits ------------------------------------------------------------------------


def test_the_default_limits() -> None:
    assert TemplateLimits() == TemplateLimits(
        max_source_chars=10_000,
        max_output_chars=20_000,
        max_value_length=20_000,
        max_number_digits=100,
        max_range=1_000,
        max_loop_iterations=1_000,
        max_calls=1_000,
        max_call_depth=50,
        max_work=500_000,
    )


@pytest.mark.parametrize("value", [0, -1, True, "10", 2.5])
@pytest.mark.parametrize("field", [f.name for f in attrs.fields(TemplateLimits)])
def test_a_limit_must_be_a_positive_whole_number(field: str, value: object) -> None:
    with pytest.raises(rejectkit.ValidationError, match=rf"^{field}: "):
        TemplateLimits(**{field: value})  # type: ignore[arg-type]


def test_a_long_template_is_refused_before_parsing() -> None:
    limits = TemplateLimits(max_source_chars=20)
    from_template("x" * 20, SAMPLE, limits=limits)
    with pytest.raises(TemplateError) as caught:
        from_template("{{ " * 7, SAMPLE, limits=limits)
    assert str(caught.value) == (
        "body: the template is 21 characters long; the limit is 20 "
        "(TemplateLimits.max_source_chars)"
    )


def test_the_output_cap_stops_the_render_while_it_streams() -> None:
    # Had the render run on, it would have failed on the undefined name.
    template = "{% for i in range(500) %}0123456789{% endfor %}{{ never_reached }}"
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE, limits=TemplateLimits(max_output_chars=100))
    assert str(caught.value) == (
        "body: the output is longer than 100 characters "
        "(TemplateLimits.max_output_chars)"
    )


def test_output_at_the_cap_is_fine() -> None:
    limits = TemplateLimits(max_output_chars=100)
    message = from_template("{{ 'x' * 100 }}", SAMPLE, limits=limits)
    assert message.body == "x" * 100


@pytest.mark.parametrize(
    "template",
    [
        pytest.param("{{ 'x' * 10**9 }}", id="repeat-text"),
        pytest.param("{{ [1] * 10**9 }}", id="repeat-list"),
        pytest.param("{{ 10**9 * 'x' }}", id="repeat-text-left"),
        pytest.param(
            "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40, id="concat"
        ),
        pytest.param(
            "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a + a %}" * 40, id="plus"
        ),
        pytest.param(
            "{% set a = [1] %}" + "{% set a = [a, a, a, a, a, a, a, a] %}" * 12,
            id="nested-literals",
        ),
        pytest.param("{{ ('x' * 9000)|join('x' * 9000) }}", id="join"),
        pytest.param("{{ ('x' * 5000)|replace('x', 'xxxxx') }}", id="replace"),
        pytest.param("{{ ('x' * 5000)|replace('', 'xxxx') }}", id="replace-empty"),
        pytest.param(
            "{% set big %}{% for i in range(900) %}{{ 'y' * 100 }}{% endfor %}"
            "{% endset %}",
            id="captured-block",
        ),
        pytest.param(
            "{% macro f() %}{% for i in range(900) %}{{ 'y' * 100 }}{% endfor %}"
            "{% endmacro %}{{ f()|length }}",
            id="macro-output",
        ),
    ],
)
def test_values_are_capped_before_they_are_built(template: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TemplateError, match=r"TemplateLimits\.max_value_length"):
            from_template(template, SAMPLE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("template", "digits"),
    [
        ("{{ 2 ** (10**9) }}", 301029996),
        ("{{ (10**60) * (10**60) }}", 121),
        ("{{ ('9' * 101)|int }}", 101),
    ],
)
def test_numbers_are_capped(template: str, digits: int) -> None:
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE)
    assert f"a number of {digits} digits; the limit is 100" in str(caught.value)
    assert "(TemplateLimits.max_number_digits)" in str(caught.value)
    assert time.perf_counter() - started < 5


def test_numbers_within_the_cap_are_fine() -> None:
    message = from_template("{{ 10 ** 99 }} {{ ('9' * 100)|int }}", SAMPLE)
    assert message.body == "1" + "0" * 99 + " " + "9" * 100


def test_values_at_the_cap_are_fine() -> None:
    limits = TemplateLimits(max_value_length=50)
    message = from_template(
        "{{ ('ab' * 25)|length }} {{ 'a' ~ 'b' * 24 ~ 'c' }}", SAMPLE, limits=limits
    )
    assert message.body == "50 a" + "b" * 24 + "c"


def test_range_is_capped() -> None:
    with pytest.raises(TemplateError) as caught:
        from_template("{{ range(1001)|length }}", SAMPLE)
    assert str(caught.value) == (
        "body, line 1: range() of 1001 items is over the limit of 1000 "
        "(TemplateLimits.max_range)"
    )
    message = from_template(
        "{{ range(2000)|length }}", SAMPLE, limits=TemplateLimits(max_range=2000)
    )
    assert message.body == "2000"


@pytest.mark.parametrize(
    "template",
    [
        pytest.param(
            "{% for a in range(40) %}{% for b in range(40) %}{% endfor %}{% endfor %}",
            id="nested",
        ),
        pytest.param(
            "{% set r = range(40) %}"
            "{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}",
            id="nested-reused-range",
        ),
        pytest.param(
            "{% for a in 'x' * 40 %}{% for b in 'y' * 40 %}{% endfor %}{% endfor %}",
            id="nested-over-text",
        ),
        pytest.param(
            "{% for x in [1, 2] recursive %}"
            "{% if loop.depth < 20 %}{{ loop([1, 2]) }}{% endif %}{% endfor %}",
            id="recursive",
        ),
        pytest.param(
            "{% for x in range(40) %}{% for y in range(40) if false %}"
            "{% endfor %}{% endfor %}",
            id="filtered",
        ),
    ],
)
def test_loop_steps_are_capped_across_all_loops(template: str) -> None:
    limits = TemplateLimits(max_loop_iterations=1000)
    with pytest.raises(TemplateError) as caught:
        from_template(template + "x", SAMPLE, limits=limits)
    assert str(caught.value) == (
        "body, line 1: the loops would step more than 1000 times "
        "(TemplateLimits.max_loop_iterations)"
    )


def test_loops_within_the_cap_run() -> None:
    template = (
        "{% for a in range(10) %}{% for b in range(10) %}.{% endfor %}{% endfor %}"
    )
    assert from_template(template, SAMPLE).body == "." * 100
    with pytest.raises(TemplateError, match=r"max_loop_iterations"):
        from_template(template, SAMPLE, limits=TemplateLimits(max_loop_iterations=109))


def test_calls_are_capped() -> None:
    template = (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
        "{% endmacro %}{{ f(40) }}x"
    )
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE)
    assert str(caught.value) == (
        "body, line 1: the template would make more than 1000 calls "
        "(TemplateLimits.max_calls)"
    )
    assert time.perf_counter() - started < 5


def test_macros_and_loop_helpers_work_within_the_caps() -> None:
    template = (
        "{% macro item(text) %}- {{ text|capitalize }}{% endmacro %}\n"
        "{% for topic in ['sql', 'python', 'dbt'] %}\n"
        "{{ item(topic) }} ({{ loop.index }}/{{ loop.length }}, "
        "{{ loop.cycle('odd', 'even') }}{% if loop.last %}, last{% endif %})\n"
        "{% endfor %}"
    )
    assert from_template(template, SAMPLE).body == (
        "- Sql (1/3, odd)\n- Python (2/3, even)\n- Dbt (3/3, odd, last)"
    )


def test_the_filters_behave_as_in_jinja() -> None:
    template = (
        "{{ role.title|lower }}|{{ role.title|upper }}|{{ 'hello world'|title }}"
        "|{{ ' x '|trim }}|{{ 'a-b'|replace('-', '+') }}|{{ role.title|wordcount }}"
        "|{{ '42'|int + 1 }}|{{ [3, 1, 2]|sort|join(',') }}|{{ [1, 2]|first }}"
        "|{{ [1, 2]|last }}|{{ 'ab'|list }}|{{ 7|string ~ '!' }}"
        "|{{ role|attr('company') }}|{{ role.team|length }}"
        "|{{ hiring_manager.nickname|default('-') }}"
    )
    assert from_template(template, SAMPLE).body == (
        "senior data analyst|SENIOR DATA ANALYST|Hello World|x|a+b|3|43|1,2,3|1"
        "|2|['a', 'b']|7!|Northwind Logistics|15|-"
    )


def test_work_is_counted_across_the_render() -> None:
    template = (
        "{% set s = 'x' * 10000 %}{% for i in range(100) %}{{ s|upper|length }}"
        "{% endfor %}"
    )
    limits = TemplateLimits(max_work=100_000)
    with pytest.raises(TemplateError) as caught:
        from_template(template, SAMPLE, limits=limits)
    assert str(caught.value) == (
        "body, line 1: the template would do more than 100000 units of work "
        "(TemplateLimits.max_work)"
    )
    roomy = TemplateLimits(max_work=10_000_000, max_output_chars=1_000)
    assert from_template(template, SAMPLE, limits=roomy).body == "10000" * 100


def test_an_ordinary_template_uses_a_fraction_of_the_work_cap() -> None:
    notes = tuple(
        rejectkit.FeedbackNote(topic=topic, note=f"{'n' * 995} {index:04}")
        for index, topic in enumerate(list(rejectkit.FeedbackTopic) * 3)
    )
    feedback = rejectkit.Feedback(status=rejectkit.FeedbackStatus.RECEIVED, notes=notes)
    application = attrs.evolve(SAMPLE, feedback=feedback)
    template = (
        "{% for n in feedback_notes %}\n"
        "- {{ n.topic|capitalize }}: {{ n.note|trim }}\n"
        "{% endfor %}\n"
        "{{ feedback_notes|join('; ', attribute='note')|upper|length }} characters"
    )
    limits = TemplateLimits(max_work=TemplateLimits().max_work // 5)
    message = from_template(template, application, limits=limits)
    assert message.body.endswith("9016 characters")


STEP = "{% for i in range(1000) %}"


def costly(operation: str, setup: str = "") -> str:
    # The most of *operation* a loop can run in a template at the size cap.
    room = TemplateLimits().max_source_chars - len(setup + STEP) - 20
    return setup + STEP + operation * (room // len(operation)) + "{% endfor %}."


@pytest.mark.parametrize(
    "template",
    [
        pytest.param(costly("{% if i == i %}{% endif %}"), id="compare"),
        pytest.param(
            costly("{% if i in r %}{% endif %}", "{% set r = [1, 2] %}"), id="in"
        ),
        pytest.param(costly("{{ e }}", "{% set e = '' %}"), id="print-empty"),
        pytest.param(costly("{% if i|string %}{% endif %}"), id="filter"),
        pytest.param(costly("{% if i is odd %}{% endif %}"), id="test"),
        pytest.param(costly("{% if i + 1 %}{% endif %}"), id="plus"),
        pytest.param(costly("{% if [i] %}{% endif %}"), id="literal"),
        pytest.param(costly("{% if i ~ i %}{% endif %}"), id="concat"),
        pytest.param(
            costly(
                "{% if (s|upper) == t %}{% endif %}",
                "{% set s = 'x' * 19000 %}{% set t = 'y' %}",
            ),
            id="upper-large",
        ),
        pytest.param(
            costly(
                "{% if s == t %}{% endif %}",
                "{% set s = 'x' * 19000 %}{% set t = 'x' * 18999 ~ 'y' %}",
            ),
            id="compare-large",
        ),
        pytest.param(
            costly(
                "{% if s|replace('x', 'y') %}{% endif %}", "{% set s = 'x' * 19000 %}"
            ),
            id="replace-large",
        ),
        pytest.param(
            costly(
                "{% if t in s %}{% endif %}",
                "{% set s = ['x' * 18] * 1000 %}{% set t = 'x' * 17 ~ 'y' %}",
            ),
            id="in-large",
        ),
        pytest.param(
            costly("{% if s|sort %}{% endif %}", "{% set s = range(1000)|list * 5 %}"),
            id="sort-large",
        ),
        pytest.param(
            costly(
                "{% if n // m %}{% endif %}", "{% set n = 10**99 %}{% set m = 10**50 %}"
            ),
            id="big-division",
        ),
    ],
)
def test_the_costliest_templates_stop_quickly(template: str) -> None:
    assert len(template) <= TemplateLimits().max_source_chars
    started = time.perf_counter()
    try:
        from_template(template, SAMPLE)
    except TemplateError as error:
        outcome = str(error)
    else:
        outcome = "rendered"
    assert time.perf_counter() - started < 3
    assert outcome == "rendered" or "TemplateLimits.max_" in outcome
