"""Reading and writing applications: dicts, JSON and TOML, and their errors."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import TYPE_CHECKING, Any, Final, cast

import attrs
import pytest

import rejectkit
from rejectkit import (
    Application,
    Candidate,
    Channel,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackSource,
    FeedbackStatus,
    FeedbackTopic,
    Interview,
    LoadError,
    Outcome,
    PersonName,
    Role,
    Stage,
    ValidationError,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SAMPLE: Final = rejectkit.sample_application()

SMALL: Final = Application(
    candidate=Candidate(
        name=PersonName(given="Ana", family="Lima"), email="ana@example.com"
    ),
    role=Role(title="Data Analyst", company="Northwind"),
    outcome=Outcome(
        decision=Decision.REJECTED,
        told_on=dt.date(2024, 5, 21),
        channel=Channel.PHONE_CALL,
    ),
    interviews=(Interview(date=dt.date(2024, 5, 2), stage=Stage.PHONE_SCREEN),),
    feedback=Feedback(
        status=FeedbackStatus.RECEIVED,
        notes=(FeedbackNote(topic=FeedbackTopic.EXPERIENCE, note="more {{ SQL }}"),),
        given_by=FeedbackSource.HIRING_MANAGER,
        on=dt.date(2024, 6, 3),
    ),
)
SMALL_DICT: Final[dict[str, Any]] = {
    "format": 1,
    "candidate": {
        "name": {"given": "Ana", "family": "Lima"},
        "email": "ana@example.com",
        "phone": None,
        "links": [],
    },
    "role": {
        "title": "Data Analyst",
        "company": "Northwind",
        "team": None,
        "location": None,
        "requisition_id": None,
    },
    "outcome": {
        "decision": "rejected",
        "told_on": "2024-05-21",
        "channel": "phone-call",
        "told_by": None,
        "notice_from": None,
        "notice_message_id": None,
        "notice_references": [],
    },
    "hiring_manager": None,
    "hr_contact": None,
    "interviews": [
        {
            "date": "2024-05-02",
            "stage": "phone-screen",
            "interviewers": [],
            "highlight": None,
        }
    ],
    "feedback": {
        "status": "received",
        "notes": [{"topic": "experience", "note": "more {{ SQL }}"}],
        "given_by": "hiring-manager",
        "on": "2024-06-03",
    },
}

SMALL_TOML: Final = """\
[candidate]
email = "ana@example.com"
name = { given = "Ana", family = "Lima" }

[role]
title = "Data Analyst"
company = "Northwind"

[outcome]
decision = "rejected"
told_on = 2024-05-21
channel = "phone-call"

[[interviews]]
date = 2024-05-02
stage = "phone-screen"

[feedback]
status = "received"
given_by = "hiring-manager"
on = 2024-06-03
notes = [{ topic = "experience", note = "more {{ SQL }}" }]
"""


def sample_dict() -> dict[str, Any]:
    """A fresh, mutable copy of the sample application's dict."""
    return copy.deepcopy(cast("dict[str, Any]", SAMPLE.to_dict()))


def refused(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        Application.from_dict(data)  # type: ignore[arg-type]
    return info.value


# to_dict and from_dict -----------------------------------------------------------


def test_to_dict_gives_plain_json_ready_data() -> None:
    assert SMALL.to_dict() == {"format": 1, **SMALL_DICT}
    assert next(iter(SMALL.to_dict())) == "format"


def test_to_dict_passes_strict_json() -> None:
    for app in (SAMPLE, SMALL):
        text = json.dumps(app.to_dict(), allow_nan=False)
        assert json.loads(text) == app.to_dict()


def test_from_dict_inverts_to_dict() -> None:
    assert Application.from_dict(SMALL_DICT) == SMALL
    assert Application.from_dict(SAMPLE.to_dict()) == SAMPLE


def test_from_dict_fills_in_defaults_for_missing_optional_keys() -> None:
    data = {
        "candidate": {"name": {"given": "Ana", "family": "Lima"}, "email": "a@b.co"},
        "role": {"title": "Analyst", "company": "Northwind"},
        "outcome": {
            "decision": "on-hold",
            "told_on": "2024-05-21",
            "channel": "automated-email",
        },
    }
    app = Application.from_dict(data)
    assert app.interviews == ()
    assert app.feedback is None
    assert app.candidate.links == ()
    assert app.outcome.decision is Decision.ON_HOLD


def test_from_dict_accepts_date_objects() -> None:
    data = copy.deepcopy(SMALL_DICT)
    data["outcome"]["told_on"] = dt.date(2024, 5, 21)
    data["interviews"][0]["date"] = dt.date(2024, 5, 2)
    assert Application.from_dict(data) == SMALL


def test_from_dict_does_not_change_its_input() -> None:
    data = sample_dict()
    Application.from_dict(data)
    assert data == SAMPLE.to_dict()


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """Return a change that sets the dotted *path* (with [i] indexes) to *value*."""

    def change(data: dict[str, Any]) -> None:
        keys: list[str | int] = [
            int(part[1:-1]) if part.startswith("[") else part
            for part in path.replace("[", ".[").split(".")
        ]
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[key]
        del target[last]

    return change


FEEDBACK_WITHOUT_NOTES: Final = {"status": "received", "notes": []}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set("interviews[1].date", "01/02/2024"),
            "interviews[1].date: not an ISO date such as '2024-05-17': '01/02/2024'",
        ),
        (
            _set("interviews[0].date", "2024-05-02T09:00"),
            (
                "interviews[0].date: not an ISO date such as '2024-05-17': "
                "'2024-05-02T09:00'"
            ),
        ),
        (
            _set("outcome.told_on", 20240521),
            "outcome.told_on: expected an ISO date such as '2024-05-17', got number",
        ),
        (
            _set("outcome.told_on", None),
            "outcome.told_on: expected an ISO date such as '2024-05-17', got null",
        ),
        (_set("salary", 100), "salary: unknown key"),
        (_set("role.salary", 100), "role.salary: unknown key"),
        (_set("interviews[1].notes", "good"), "interviews[1].notes: unknown key"),
        (_set("candidate.name.middle", "J."), "candidate.name.middle: unknown key"),
        (_set("role.title", True), "role.title: expected text, got boolean"),
        (_set("role.title", 1), "role.title: expected text, got number"),
        (_set("role.title", 1.5), "role.title: expected text, got number"),
        (_set("role.team", False), "role.team: expected text, got boolean"),
        (_set("role.title", ["Analyst"]), "role.title: expected text, got list"),
        (_set("role.title", None), "role.title: expected text, got null"),
        (
            _set("candidate.phone", 5550142),
            "candidate.phone: expected text, got number",
        ),
        (
            _set("candidate.links", "https://alexmorgan.example"),
            "candidate.links: expected a list, got text",
        ),
        (_set("interviews", "abc"), "interviews: expected a list, got text"),
        (
            _set("interviews", {"date": "2024-05-02"}),
            "interviews: expected a list, got table",
        ),
        (
            _set("interviews[0].interviewers", "Jordan Lee"),
            "interviews[0].interviewers: expected a list, got text",
        ),
        (
            _set("interviews[0].interviewers", ["Jordan Lee"]),
            "interviews[0].interviewers[0]: expected a table of fields",
        ),
        (
            _set("outcome.channel", "fax"),
            (
                "outcome.channel: 'fax' is not one of automated-email, "
                "personal-email, phone-call, in-person"
            ),
        ),
        (
            _set("outcome.decision", "Rejected"),
            (
                "outcome.decision: 'Rejected' is not one of rejected, position-filled, "
                "on-hold, cancelled"
            ),
        ),
        (
            _set("outcome.decision", 1),
            (
                "outcome.decision: 1 is not one of rejected, position-filled, "
                "on-hold, cancelled"
            ),
        ),
        (
            _set("hiring_manager.form_of_address", "ms"),
            (
                "hiring_manager.form_of_address: 'ms' is not one of neutral, "
                "feminine, masculine"
            ),
        ),
        (
            _set("interviews[0].stage", "application"),
            (
                "interviews[0].stage: 'application' is not one of "
                "phone-screen, interview, final-round"
            ),
        ),
        (_delete("outcome.told_on"), "outcome.told_on: is required"),
        (_delete("candidate.name.given"), "candidate.name.given: is required"),
        (_delete("role"), "role: is required"),
        (_set("candidate", "Alex Morgan"), "candidate: expected a table of fields"),
        (_set("hr_contact", ["Jordan"]), "hr_contact: expected a table of fields"),
        (
            _set("candidate.name.given", ""),
            "candidate.name.given: must not be empty or blank",
        ),
        (
            _set("outcome.told_by.name.family", "Lee\n"),
            "outcome.told_by.name.family: must be a single line, found U+000A",
        ),
        (
            _set("outcome.told_by.name.family", "Lee "),
            (
                "outcome.told_by.name.family: must not end with white space or "
                "U+0020 SPACE"
            ),
        ),
        (
            _set("interviews[1].interviewers[0].given", "Pri\u202eya"),
            (
                "interviews[1].interviewers[0].given: must not hold bidi control "
                "U+202E RIGHT-TO-LEFT OVERRIDE"
            ),
        ),
        (
            _set("candidate.email", "Alex <alex@example.com>"),
            "candidate.email: must be one plain address, found ' ', '<', '>'",
        ),
        (
            _set("candidate.links", ["https://ok.example", "ftp://x.example"]),
            "candidate.links[1]: 'ftp://x.example' is not an http(s) URL",
        ),
        (
            _set("outcome.notice_references", ["<a@example.com>", "b@example"]),
            (
                "outcome.notice_references[1]: 'b@example' is not a Message-ID "
                "like <id@host>"
            ),
        ),
        (
            _set("outcome.notice_message_id", "decision-118"),
            (
                "outcome.notice_message_id: 'decision-118' is not a Message-ID "
                "like <id@host>"
            ),
        ),
        (
            _set("outcome.told_on", "2024-05-10"),
            "outcome.told_on: 2024-05-10 is before interviews[1].date 2024-05-14",
        ),
        (
            _set("feedback", FEEDBACK_WITHOUT_NOTES),
            "feedback.notes: received feedback needs at least one note",
        ),
        (
            _set("feedback", {"status": "declined", "on": "2024-05-20"}),
            "feedback.on: 2024-05-20 is before outcome.told_on 2024-05-21",
        ),
        (
            _set("feedback", {"status": "received", "notes": [{"topic": "pay"}]}),
            (
                "feedback.notes[0].topic: 'pay' is not one of qualifications, "
                "experience, fit; feedback.notes[0].note: is required"
            ),
        ),
    ],
)
def test_from_dict_names_the_path_of_each_problem(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = sample_dict()
    change(data)
    error = refused(data)
    assert str(error) == message
    assert isinstance(error, ValueError)


def test_from_dict_reports_every_problem_at_once() -> None:
    data = sample_dict()
    data["role"]["title"] = ""
    data["interviews"][0]["date"] = 5
    data["outcome"]["channel"] = "fax"
    error = refused(data)
    assert [path for path, _ in error.problems] == [
        "role.title",
        "outcome.channel",
        "interviews[0].date",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "expected a table of fields, got list"),
        ("{}", "expected a table of fields, got text"),
        (None, "expected a table of fields, got null"),
    ],
)
def test_from_dict_needs_a_table(data: object, problem: str) -> None:
    assert refused(data).problems == (("", problem),)


# loads -----------------------------------------------------------------------------


def test_loads_reads_json_text_and_bytes() -> None:
    text = json.dumps(SAMPLE.to_dict())
    assert rejectkit.loads(text) == SAMPLE
    assert rejectkit.loads(text, format="json") == SAMPLE
    assert rejectkit.loads(text.encode("utf-8")) == SAMPLE


def test_loads_keeps_unicode_exactly() -> None:
    data = sample_dict()
    data["role"]["company"] = "\u05e9\u05dc\u05d5\u05dd \U0001f469\u200d\U0001f4bb"
    data["candidate"]["name"]["given"] = "Jose\u0301"
    for text in (json.dumps(data), json.dumps(data, ensure_ascii=False)):
        app = rejectkit.loads(text)
        assert app.role.company == data["role"]["company"]
        assert app.candidate.name.given == "Jose\u0301"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(constant: str) -> None:
    text = json.dumps(sample_dict()).replace('"Chicago"', constant)
    assert constant in text
    expected = f"^not valid JSON: {constant} is not a number JSON allows$"
    with pytest.raises(ValidationError, match=expected):
        rejectkit.loads(text)


def test_json_duplicate_keys_are_refused() -> None:
    text = json.dumps(sample_dict())
    duplicated = text.replace('"feedback": null', '"feedback": null, "feedback": null')
    assert duplicated != text
    with pytest.raises(ValidationError) as info:
        rejectkit.loads(duplicated)
    assert info.value.problems == (("feedback", "duplicate key"),)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (
            '{"role": {"title": "Analyst", "title": "Lead", "company": "Northwind"}}',
            "role.title",
        ),
        (
            (
                '{"interviews": [{"date": "2024-05-02"}, '
                '{"date": "2024-05-03", "date": "2024-05-04"}]}'
            ),
            "interviews[1].date",
        ),
    ],
)
def test_json_duplicate_keys_are_refused_with_their_path(text: str, path: str) -> None:
    with pytest.raises(ValidationError) as info:
        rejectkit.loads(text)
    assert info.value.problems == ((path, "duplicate key"),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "not valid JSON: Expecting property name enclosed in double quotes"),
        ("", "not valid JSON: Expecting value at line 1 column 1"),
        ("[]", "expected a table of fields, got list"),
        ('"Alex"', "expected a table of fields, got text"),
        ("null", "expected a table of fields, got null"),
        ("{'role': 1}", "not valid JSON"),
        (b'{"role": "\xff"}', "not valid UTF-8"),
    ],
    ids=ascii,
)
def test_loads_reports_documents_that_are_not_json_tables(
    text: str | bytes, problem: str
) -> None:
    with pytest.raises(ValidationError) as info:
        rejectkit.loads(text)
    [(path, found)] = info.value.problems
    assert path == ""
    assert found.startswith(problem)


def test_loads_refuses_true_and_numbers_where_text_belongs() -> None:
    for value in ("true", "1", "1.0", '["x"]', '{"x": 1}'):
        text = json.dumps(sample_dict()).replace('"Fleet Analytics"', value)
        assert value in text
        with pytest.raises(ValidationError, match=r"^role\.team: expected text"):
            rejectkit.loads(text)


def test_loads_refuses_an_unknown_format() -> None:
    with pytest.raises(ValidationError) as info:
        rejectkit.loads("{}", format="yaml")  # type: ignore[arg-type]
    assert info.value.problems == (("format", "'yaml' is not one of json, toml"),)


def test_loads_reads_toml_with_native_dates() -> None:
    assert rejectkit.loads(SMALL_TOML, format="toml") == SMALL
    assert rejectkit.loads(SMALL_TOML.encode("utf-8"), format="toml") == SMALL


def test_loads_reads_toml_with_string_dates() -> None:
    text = SMALL_TOML.replace("told_on = 2024-05-21", 'told_on = "2024-05-21"')
    assert rejectkit.loads(text, format="toml") == SMALL


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            "2024-05-21T10:00:00",
            "expected a date without a time, got '2024-05-21T10:00:00'",
        ),
        (
            "2024-05-21T10:00:00Z",
            "expected a date without a time, got '2024-05-21T10:00:00+00:00'",
        ),
        (
            "2024-05-21 10:00:00+02:00",
            "expected a date without a time, got '2024-05-21T10:00:00+02:00'",
        ),
        ("10:00:00", "expected an ISO date such as '2024-05-17', got time"),
        ("20240521", "expected an ISO date such as '2024-05-17', got number"),
        ('"21.05.2024"', "not an ISO date such as '2024-05-17': '21.05.2024'"),
    ],
)
def test_toml_datetimes_are_refused(value: str, problem: str) -> None:
    text = SMALL_TOML.replace("told_on = 2024-05-21", f"told_on = {value}")
    with pytest.raises(ValidationError) as info:
        rejectkit.loads(text, format="toml")
    assert info.value.problems == (("outcome.told_on", problem),)


def test_toml_errors_name_the_path() -> None:
    text = SMALL_TOML.replace('stage = "phone-screen"', 'stage = "onsite"')
    text = text.replace('title = "Data Analyst"', "title = 42")
    with pytest.raises(ValidationError) as info:
        rejectkit.loads(text, format="toml")
    assert str(info.value) == (
        "role.title: expected text, got number; "
        "interviews[0].stage: 'onsite' is not one of "
        "application, phone-screen, interview, final-round"
    )


def test_toml_that_does_not_parse_is_reported() -> None:
    with pytest.raises(ValidationError, match=r"^not valid TOML: "):
        rejectkit.loads("[role\ntitle = ", format="toml")
    with pytest.raises(ValidationError, match=r"^not valid UTF-8 at byte 9$"):
        rejectkit.loads(b'title = "\xff"', format="toml")


def test_loads_refuses_an_oversized_document() -> None:
    with pytest.raises(ValidationError, match="larger than 1000000 bytes"):
        rejectkit.loads(b" " * 1_000_001)


# load --------------------------------------------------------------------------------


def test_load_reads_json_and_toml_files(tmp_path: Path) -> None:
    as_json = tmp_path / "application.json"
    as_json.write_text(json.dumps(SMALL_DICT), encoding="utf-8")
    as_toml = tmp_path / "application.toml"
    as_toml.write_text(SMALL_TOML, encoding="utf-8")
    assert rejectkit.load(as_json) == SMALL
    assert rejectkit.load(str(as_json)) == SMALL
    assert rejectkit.load(as_toml) == SMALL


def test_load_follows_the_suffix_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "APPLICATION.TOML"
    path.write_text(SMALL_TOML, encoding="utf-8")
    assert rejectkit.load(path) == SMALL
    # JSON content under a .toml name is read as TOML, and fails as TOML.
    wrong = tmp_path / "application.toml"
    wrong.write_text(json.dumps(SMALL_DICT), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"^not valid TOML"):
        rejectkit.load(wrong)


def test_load_reports_invalid_content_as_a_validation_error(tmp_path: Path) -> None:
    path = tmp_path / "application.json"
    data = copy.deepcopy(SMALL_DICT)
    data["interviews"].append({"date": "01/02/2024"})
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        rejectkit.load(path)
    assert str(info.value) == (
        "interviews[1].date: not an ISO date such as '2024-05-17': '01/02/2024'"
    )
    assert not isinstance(info.value, LoadError)


def test_load_raises_load_error_for_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    with pytest.raises(LoadError) as info:
        rejectkit.load(path)
    assert isinstance(info.value, OSError)
    assert isinstance(info.value, rejectkit.RejectkitError)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("name", ["application.yaml", "application.yml", "application"])
def test_load_raises_load_error_for_another_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(SMALL_DICT), encoding="utf-8")
    with pytest.raises(LoadError, match=r"expected a \.json or \.toml file"):
        rejectkit.load(path)


def test_load_raises_load_error_for_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "application.json"
    path.mkdir()
    with pytest.raises(LoadError, match=r"application\.json"):
        rejectkit.load(path)


def test_load_refuses_an_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "application.json"
    path.write_bytes(b" " * 1_000_001)
    with pytest.raises(LoadError, match="larger than 1000000 bytes"):
        rejectkit.load(path)


def test_the_notices_thread_survives_a_round_trip() -> None:
    outcome = attrs.evolve(
        SAMPLE.outcome,
        notice_references=("<opening-7@northwind.example>", "<n-2@northwind.example>"),
    )
    application = attrs.evolve(SAMPLE, outcome=outcome)
    data = application.to_dict()
    assert data["outcome"]["notice_references"] == [
        "<opening-7@northwind.example>",
        "<n-2@northwind.example>",
    ]
    assert rejectkit.loads(json.dumps(data)) == application
    assert Application.from_dict(data) == application


def test_notice_references_load_from_toml() -> None:
    loaded = rejectkit.loads(
        _TOML_THREAD + 'notice_references = ["<a@x.example>", "<b@x.example>"]\n',
        format="toml",
    )
    assert loaded.outcome.reply_references == (
        "<a@x.example>",
        "<b@x.example>",
        "<n@x.example>",
    )


_TOML_THREAD: Final = """format = 1
[candidate]
name = { given = "Ana", family = "Lima" }
email = "ana@example.com"
[role]
title = "Analyst"
company = "Acme"
[outcome]
decision = "rejected"
told_on = 2024-05-21
channel = "personal-email"
notice_message_id = "<n@x.example>"
"""


def test_a_document_with_references_but_no_message_id_loads_and_threads() -> None:
    # RFC 5322 3.6.4: a notice without a Message-ID of its own can still
    # name its thread; such a document is valid, and replies carry the
    # thread in References without an In-Reply-To.
    data = sample_dict()
    data["outcome"]["notice_message_id"] = None
    data["outcome"]["notice_references"] = ["<a@hiring.example>", "<b@hiring.example>"]
    application = rejectkit.loads(json.dumps(data))
    assert application.outcome.notice_message_id is None
    assert application.outcome.reply_references == (
        "<a@hiring.example>",
        "<b@hiring.example>",
    )
    message = rejectkit.generate("thank-hr", application)
    assert message.in_reply_to is None
    assert message.references == application.outcome.reply_references
    email = message.to_email()
    assert email["In-Reply-To"] is None
    assert email["References"] == "<a@hiring.example> <b@hiring.example>"
    assert Application.from_dict(application.to_dict()) == application
