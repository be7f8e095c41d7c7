"""Kit.schedule(): the kit's reminders as an iCalendar file."""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import attrs
import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings

import rejectkit
from rejectkit import cli, testing
from rejectkit._sample import sample_application
from rejectkit.generators._builtin import BUILTIN_GENERATORS
from tests.situations import SAMPLE, SITUATIONS

if TYPE_CHECKING:
    from pathlib import Path

LOCALES = ["en", "de", "ja", "pl"]


def _kit(locale: str = "en") -> rejectkit.Kit:
    return rejectkit.compose(sample_application(), locale=locale)


def _todos(ics: bytes) -> list[icalendar.Todo]:
    todos = icalendar.Calendar.from_ical(ics).walk("VTODO")
    return [todo for todo in todos if isinstance(todo, icalendar.Todo)]


@pytest.mark.parametrize("locale", LOCALES)
def test_one_todo_per_dated_message_with_subject_due_and_alarm(locale: str) -> None:
    kit = _kit(locale)
    todos = _todos(kit.schedule(tz="Europe/Berlin", at=dt.time(10, 30)))
    dated = [m for m in kit if m.send_by is not None]
    assert len(todos) == len(dated)
    for todo, message in zip(todos, dated, strict=True):
        summary = str(todo["SUMMARY"])
        assert summary.endswith(message.subject)
        assert summary != message.subject
        assert todo["SUMMARY"].params["LANGUAGE"] == message.locale.replace("_", "-")
        due = todo.decoded("DUE")
        assert due.date() == message.send_by
        assert due.time() == dt.time(10, 30)
        assert str(due.tzinfo) == "Europe/Berlin"
        (alarm,) = todo.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=1)
        assert str(alarm["DESCRIPTION"]) == str(todo["SUMMARY"])
        assert _contacts(todo) == _mailboxes(message)
        # The recipients are not attendees: a calendar program could invite them.
        assert "ATTENDEE" not in todo


def _contacts(todo: icalendar.Todo) -> list[str]:
    contacts = todo.get("CONTACT", [])
    return [str(c) for c in ([contacts] if isinstance(contacts, str) else contacts)]


def _mailboxes(message: rejectkit.Message) -> list[str]:
    return [f"{r.name} <{r.email}>" if r.name else r.email for r in message.recipients]


@pytest.mark.parametrize(
    ("locale", "send", "to"),
    [
        ("en", "Send: ", "To: "),
        ("de", "E-Mail senden: ", "An: "),
        ("fr", "À envoyer\u202f: ", "À\u202f: "),
        ("pl", "Wyślij: ", "Do: "),
        ("ja", "送信：", "宛先："),
    ],
)
def test_a_todo_is_written_in_the_message_language(
    locale: str, send: str, to: str
) -> None:
    kit = _kit(locale)
    message = next(m for m in kit if m.send_by is not None)
    (todo, *_) = _todos(kit.schedule())
    assert str(todo["SUMMARY"]) == f"{send}{message.subject}"
    notes = [message.subject, f"{to}{', '.join(_mailboxes(message))}"]
    assert str(todo["DESCRIPTION"]).split("\n") == notes


def test_a_second_parser_reads_it() -> None:
    kit = _kit("de")
    parsed = vobject.readOne(kit.schedule(tz="Europe/Berlin").decode())
    todos = parsed.contents["vtodo"]
    assert [t.summary.value for t in todos] == [
        f"E-Mail senden: {m.subject}" for m in kit if m.send_by is not None
    ]
    assert [t.due.value.date() for t in todos] == [
        m.send_by for m in kit if m.send_by is not None
    ]
    assert "vtimezone" in parsed.contents


def test_same_bytes_across_runs_and_processes() -> None:
    first = _kit().schedule(tz="Asia/Tokyo")
    assert first == _kit().schedule(tz="Asia/Tokyo")
    code = (
        "import sys, rejectkit; from rejectkit._sample import sample_application;"
        "sys.stdout.buffer.write(rejectkit.compose(sample_application(),"
        " locale='en').schedule(tz='Asia/Tokyo'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {first}


def test_bad_parameters_name_the_field() -> None:
    with pytest.raises(rejectkit.ValidationError, match=r"^tz: "):
        _kit().schedule(tz="Mars/Olympus")
    with pytest.raises(rejectkit.ValidationError, match=r"^alarm_before: "):
        _kit().schedule(alarm_before=dt.timedelta(hours=-1))


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(testing.applications())
def test_every_generated_application_schedules(app: rejectkit.Application) -> None:
    kit = rejectkit.compose(app, strict=False)
    ics = kit.schedule(tz="America/New_York")
    assert len(_todos(ics)) == sum(m.send_by is not None for m in kit)
    assert len({str(t["UID"]) for t in _todos(ics)}) == len(_todos(ics))
    assert ics == kit.schedule(tz="America/New_York")


def test_cli_writes_ics_to_out(tmp_path: Path) -> None:
    target = tmp_path / "kit.ics"
    assert (
        cli.main(["demo", "--format", "ics", "--tz", "UTC", "--out", str(target)]) == 0
    )
    assert len(_todos(target.read_bytes())) == 4


def test_cli_unknown_tz_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--format", "ics", "--tz", "Mars/Olympus"]) == 2
    assert capsys.readouterr().err == (
        "rejectkit: error: --tz Mars/Olympus: not a known time zone\n"
    )


# --- every kind in every language ---------------------------------------------

KINDS = [cls.kind for cls in BUILTIN_GENERATORS]
TAGS = [str(locale) for locale in rejectkit.supported_locales()]


def _situation_for(kind: str) -> rejectkit.Application:
    generator = rejectkit.registry.get(kind)
    return next(app for app, _ in SITUATIONS.values() if generator.applies_to(app))


def _single_kit(kind: str, tag: str) -> rejectkit.Kit:
    return rejectkit.compose(
        _situation_for(kind), kinds=[kind], locale=tag, allow_uncustomary=True
    )


@functools.cache
def _uid_in_english(kind: str) -> str | None:
    todos = _todos(_single_kit(kind, "en").schedule())
    return str(todos[0]["UID"]) if todos else None


def test_every_builtin_kind_is_covered() -> None:
    assert "next-steps" in KINDS
    assert len(KINDS) == len(set(KINDS)) >= 8


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_and_language_schedules_as_documented(kind: str, tag: str) -> None:
    (message,) = _single_kit(kind, tag)
    ics = _single_kit(kind, tag).schedule(tz="Europe/Warsaw")
    todos = _todos(ics)
    parsed = vobject.readOne(ics.decode("utf-8"))
    if kind == "next-steps":
        # A private note to the candidate: nothing to send, so no reminder.
        assert message.send_by is None
        assert message.audience is rejectkit.Audience.CANDIDATE
        assert todos == []
        assert "vtodo" not in parsed.contents
        return
    assert message.send_by is not None
    (todo,) = todos
    summary = str(todo["SUMMARY"])
    assert summary.endswith(message.subject)
    assert summary != message.subject
    if not tag.startswith("en"):
        # Nothing of the to-do's own text is left in English.
        assert not summary.startswith("Send:")
        assert "\nTo: " not in str(todo["DESCRIPTION"])
    assert _kind_of(todo) == kind
    assert todo.decoded("DUE").date() == message.send_by
    assert _contacts(todo) == _mailboxes(message)
    # The same reminder in every language: the UID does not depend on it.
    assert str(todo["UID"]) == _uid_in_english(kind)
    (card,) = parsed.contents["vtodo"]
    assert card.summary.value == summary
    assert card.uid.value == str(todo["UID"])
    assert card.due.value.date() == message.send_by
    assert [c.value for c in card.contents.get("contact", [])] == _mailboxes(message)


# --- UIDs and DTSTAMP come from the application ---------------------------------


def _kind_of(todo: icalendar.Todo) -> str:
    categories = todo["CATEGORIES"]
    assert isinstance(categories, icalendar.vCategory)
    return str(categories.cats[0])


def _uids(kit: rejectkit.Kit) -> dict[str, str]:
    return {_kind_of(t): str(t["UID"]) for t in _todos(kit.schedule())}


def test_uids_stay_when_the_kit_is_composed_again_later() -> None:
    before = rejectkit.compose(SAMPLE)
    received, _ = SITUATIONS["feedback-received"]
    # The same kinds, once feedback came, in another language and tone.
    after = rejectkit.compose(
        received, kinds=["thank-hr", "stay-in-touch"], locale="de", tone="warm"
    )
    assert before.by_kind("thank-hr").subject != after.by_kind("thank-hr").subject
    assert set(_uids(after).items()) < set(_uids(before).items())
    assert received.feedback is not None
    assert received.feedback.on is not None
    stamps = {t.decoded("DTSTAMP") for t in _todos(after.schedule())}
    assert stamps == {
        dt.datetime.combine(received.feedback.on, dt.time(0), tzinfo=dt.UTC)
    }
    stamps = {t.decoded("DTSTAMP") for t in _todos(before.schedule())}
    assert stamps == {
        dt.datetime.combine(SAMPLE.outcome.told_on, dt.time(0), tzinfo=dt.UTC)
    }


@pytest.mark.parametrize(
    "other",
    [
        attrs.evolve(SAMPLE, role=attrs.evolve(SAMPLE.role, title="Data Engineer")),
        attrs.evolve(SAMPLE, role=attrs.evolve(SAMPLE.role, requisition_id="R-2")),
        attrs.evolve(
            SAMPLE, candidate=attrs.evolve(SAMPLE.candidate, email="alex@o.example")
        ),
        attrs.evolve(
            SAMPLE,
            outcome=attrs.evolve(
                SAMPLE.outcome, told_on=SAMPLE.outcome.told_on + dt.timedelta(days=1)
            ),
        ),
    ],
    ids=["title", "requisition", "candidate", "told-on"],
)
def test_another_application_gets_other_uids(other: rejectkit.Application) -> None:
    mine = _uids(rejectkit.compose(SAMPLE))
    theirs = _uids(rejectkit.compose(other))
    assert set(mine) == set(theirs)
    assert set(mine.values()).isdisjoint(theirs.values())


def test_a_kit_built_by_hand_is_scheduled_from_its_messages() -> None:
    composed = rejectkit.compose(SAMPLE)
    by_hand = rejectkit.Kit(messages=composed.messages)
    assert composed.application == SAMPLE
    assert by_hand.application is None
    ics = by_hand.schedule()
    assert ics == rejectkit.Kit(messages=composed.messages).schedule()
    assert set(_uids(by_hand).values()).isdisjoint(_uids(composed).values())
    earliest = min(m.send_by for m in composed if m.send_by is not None)
    assert {t.decoded("DTSTAMP").date() for t in _todos(ics)} == {earliest}


@pytest.mark.parametrize("application", [SAMPLE, None], ids=["composed", "by-hand"])
def test_a_message_repeated_in_a_kit_gets_two_uids(
    application: rejectkit.Application | None,
) -> None:
    composed = rejectkit.compose(SAMPLE)
    kit = rejectkit.Kit(messages=(composed[0], composed[0]), application=application)
    assert len(set(_uids_list(kit))) == 2


def _uids_list(kit: rejectkit.Kit) -> list[str]:
    return [str(t["UID"]) for t in _todos(kit.schedule())]


# --- the command line ---------------------------------------------------------


@pytest.mark.parametrize("command", ["demo", "compose"])
def test_out_help_says_what_ics_writes(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([command, "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    # Python 3.13's argparse names the metavar once: "-o, --out PATH".
    assert "-o PATH, --out PATH" in help_text or "-o, --out PATH" in help_text
    assert "one per message into the directory PATH" in help_text
    assert "with --format ics, the one .ics file PATH" in help_text
    assert "--out DIR" not in help_text


def test_cli_ics_out_names_a_file_and_makes_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "calendar" / "northwind.ics"
    assert cli.main(["demo", "-f", "ics", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"{target}\n"
    assert target.read_bytes() == _kit().schedule()


def test_cli_ics_out_that_is_a_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["demo", "--format", "ics", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"rejectkit: error: --out {tmp_path}: is a directory; --format ics "
        "writes one file, so name it, such as --out reminders.ics\n"
    )
    assert list(tmp_path.iterdir()) == []
