"""The thank-interviewer kind: a contact the caller names, and its options."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from rejectkit_interviewer import ThankInterviewer

import rejectkit
from rejectkit.testing import applications, check_generator

if TYPE_CHECKING:
    from pathlib import Path

SAMPLE = rejectkit.sample_application()
SAM = rejectkit.Contact(
    name=rejectkit.PersonName(given="Sam", family="Patel"),
    email="sam.patel@northwind.example",
    form_of_address=rejectkit.FormOfAddress.MASCULINE,
)
SAM_FIELDS = {
    "name": {"given": "Sam", "family": "Patel"},
    "email": "sam.patel@northwind.example",
    "form_of_address": "masculine",
}


def test_the_kind_is_discovered_through_its_entry_point() -> None:
    assert type(rejectkit.registry.get("thank-interviewer")) is ThankInterviewer
    assert "thank-interviewer" not in rejectkit.plan(SAMPLE)


def test_it_meets_the_rules_every_built_in_meets() -> None:
    messages = check_generator(
        ThankInterviewer, options={"to": SAM, "topic": "the forecasting pipeline"}
    )
    assert {m.locale for m in messages} == {"en"}
    assert {m.audience for m in messages} == {rejectkit.Audience.CONTACT}


def test_it_writes_to_the_interviewer_the_caller_names() -> None:
    message = rejectkit.generate(
        "thank-interviewer", SAMPLE, to=SAM, topic="the forecasting pipeline"
    )
    assert message.greeting == "Dear Mr. Patel,"
    assert [r.email for r in message.recipients] == [SAM.email]
    assert message.subject == "Thank you for your time – Senior Data Analyst"
    assert "your perspective on the forecasting pipeline." in message.body
    assert message.sender.email == SAMPLE.candidate.email


def test_a_table_of_fields_names_the_interviewer_too() -> None:
    assert rejectkit.generate(
        "thank-interviewer", SAMPLE, to=SAM_FIELDS
    ) == rejectkit.generate("thank-interviewer", SAMPLE, to=SAM)


def test_without_a_topic_the_sentence_is_left_out() -> None:
    message = rejectkit.generate("thank-interviewer", SAMPLE, to=SAM, tone="warm")
    assert message.greeting == "Dear Sam,"
    assert "enjoyed hearing" not in message.body
    assert message.body.count("\n\n") == 1


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({}, ("to", "this kind writes to a contact you name; pass to=")),
        ({"to": SAM, "topic": "two\nlines"}, ("topic", "must be one line")),
        ({"to": SAM, "topic": 3}, ("topic", "expected a line of text, got int")),
        ({"to": SAM, "topics": ["fit"]}, ("topics", "it takes to, topic")),
    ],
)
def test_missing_or_bad_options_name_the_option(
    options: dict[str, object], problem: tuple[str, str]
) -> None:
    with pytest.raises(rejectkit.ValidationError) as caught:
        rejectkit.generate("thank-interviewer", SAMPLE, **options)
    field, text = caught.value.problems[0]
    assert field == problem[0]
    assert problem[1] in text


def test_compose_passes_it_its_options() -> None:
    kit = rejectkit.compose(
        SAMPLE,
        kinds=["thank-hiring-manager", "thank-interviewer"],
        options={"thank-interviewer": {"to": SAM, "topic": "data contracts"}},
    )
    assert [m.greeting for m in kit] == ["Dear Dr. Raman,", "Dear Mr. Patel,"]


def test_the_command_line_passes_options_as_json(tmp_path: Path) -> None:
    application = tmp_path / "application.json"
    application.write_text(json.dumps(SAMPLE.to_dict()), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rejectkit",
            "compose",
            str(application),
            "--kind",
            "thank-interviewer",
            "--format",
            "json",
            "--option",
            f"thank-interviewer.to={json.dumps(SAM_FIELDS)}",
            "--option",
            "thank-interviewer.topic=the forecasting pipeline",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = rejectkit.generate(
        "thank-interviewer", SAMPLE, to=SAM, topic="the forecasting pipeline"
    )
    assert json.loads(result.stdout)["messages"] == [expected.to_dict()]


@settings(max_examples=30, deadline=None)
@given(applications())
def test_it_renders_for_any_application_it_applies_to(
    application: rejectkit.Application,
) -> None:
    if ThankInterviewer().applies_to(application):
        message = rejectkit.generate("thank-interviewer", application, to=SAM)
        assert application.role.title in message.text
        assert message.recipients[0].email == SAM.email
