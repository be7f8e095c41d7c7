import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings

import rejectkit
from rejectkit import cli, testing
from rejectkit._sample import sample_application

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
        assert str(todo["SUMMARY"]) == message.subject
        due = todo.decoded("DUE")
        assert due.date() == message.send_by
        assert due.time() == dt.time(10, 30)
        assert str(due.tzinfo) == "Europe/Berlin"
        (alarm,) = todo.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=1)
        emails = [str(a) for a in todo.get("ATTENDEE", [])]
        if isinstance(todo.get("ATTENDEE"), str):
            emails = [str(todo["ATTENDEE"])]
        assert emails == [f"mailto:{r.email}" for r in message.recipients]


def test_a_second_parser_reads_it() -> None:
    kit = _kit("de")
    parsed = vobject.readOne(kit.schedule(tz="Europe/Berlin").decode())
    todos = parsed.contents["vtodo"]
    assert [t.summary.value for t in todos] == [
        m.subject for m in kit if m.send_by is not None
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
