"""``rejectkit compose --jsonl``: one application per line in, one kit per line out."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rejectkit
from rejectkit import cli
from rejectkit.cli import main
from rejectkit.testing import applications
from tests.situations import SAMPLE, SITUATIONS

if TYPE_CHECKING:
    from pathlib import Path

GOOD = json.dumps(SAMPLE.to_dict())


def _line(application: rejectkit.Application) -> str:
    return json.dumps(application.to_dict(), ensure_ascii=False)


def run(
    argv: list[str],
    stdin: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, list[dict[str, Any]], list[str]]:
    """Run the command on *stdin*; return the status, output objects, error lines."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(argv)
    captured = capsys.readouterr()
    assert captured.out == "" or captured.out.endswith("\n")
    records = [json.loads(line) for line in captured.out.splitlines()]
    return code, records, captured.err.splitlines()


def test_each_line_becomes_its_kit_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    situations = [app for app, _ in SITUATIONS.values()]
    stdin = "".join(_line(app) + "\n" for app in situations).encode()
    code, records, errors = run(["compose", "--jsonl"], stdin, monkeypatch, capsys)
    assert (code, errors) == (0, [])
    assert records == [
        {"line": number, **rejectkit.compose(app).to_dict()}
        for number, app in enumerate(situations, 1)
    ]


def test_each_kit_is_one_compact_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    assert main(["compose", "--jsonl", "--locale", "ja"]) == 0
    out = capsys.readouterr().out
    expected = rejectkit.compose(SAMPLE, locale="ja").to_dict()
    assert (
        out
        == json.dumps(
            {"line": 1, **expected}, ensure_ascii=False, separators=(",", ":")
        )
        + "\n"
    )
    assert expected["messages"][0]["subject"] in out


def test_options_apply_to_every_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["compose", "--jsonl", "--locale", "de", "--tone", "warm"]
    argv += ["--kind", "feedback-request", "--topic", "fit", "-"]
    code, records, _ = run(argv, f"{GOOD}\n{GOOD}\n".encode(), monkeypatch, capsys)
    expected = rejectkit.compose(
        SAMPLE, locale="de", tone="warm", kinds=["feedback-request"], topics=["fit"]
    ).to_dict()
    assert code == 0
    assert records == [{"line": 1, **expected}, {"line": 2, **expected}]


def test_reads_a_file_argument(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(f"{GOOD}\r\n{GOOD}", encoding="utf-8")
    code, records, _ = run(["compose", "--jsonl", str(path)], b"", monkeypatch, capsys)
    assert code == 0
    assert [r["line"] for r in records] == [1, 2]
    assert records[0]["messages"] == rejectkit.compose(SAMPLE).to_dict()["messages"]


def test_empty_input_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["compose", "--jsonl"], b"", monkeypatch, capsys) == (0, [], [])


def test_bad_lines_are_reported_and_the_rest_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_email = json.loads(GOOD)
    bad_email["candidate"]["email"] = "not-an-address"
    lines = [GOOD, json.dumps(bad_email), "", "[1, 2]", "{not json", GOOD]
    stdin = "\n".join(lines).encode() + b"\n"
    code, records, errors = run(["compose", "--jsonl"], stdin, monkeypatch, capsys)
    assert code == 2
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert "messages" in records[0]
    assert "messages" in records[5]
    assert [r.get("problems", [])[0]["field"] for r in records[1:5]] == [
        "candidate.email",
        "",
        "",
        "",
    ]
    assert "candidate.email" in records[1]["error"]
    assert "not valid JSON" in records[2]["error"]
    assert "expected a table of fields" in records[3]["error"]
    assert len(errors) == 4
    for number, error in zip([2, 3, 4, 5], errors, strict=True):
        assert error.startswith(f"rejectkit: error: line {number}: ")
    assert "candidate.email" in errors[0]


def test_a_kind_that_does_not_fit_one_line_fails_only_that_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    no_hr = json.loads(GOOD)
    no_hr["hr_contact"] = None
    stdin = f"{json.dumps(no_hr)}\n{GOOD}\n".encode()
    argv = ["compose", "--jsonl", "--kind", "thank-hr"]
    code, records, errors = run(argv, stdin, monkeypatch, capsys)
    assert code == 2
    assert records[0] == {
        "line": 1,
        "error": "hr_contact: thank-hr needs an HR contact",
        "problems": [
            {"field": "hr_contact", "problem": "thank-hr needs an HR contact"}
        ],
    }
    assert [m["kind"] for m in records[1]["messages"]] == ["thank-hr"]
    assert errors == [
        "rejectkit: error: line 1: hr_contact: thank-hr needs an HR contact"
    ]


@pytest.mark.parametrize("extra", [0, 1, 5000])
def test_an_overlong_line_is_reported_and_skipped_whole(
    extra: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    limit = len(GOOD) + 10
    monkeypatch.setattr(cli, "MAX_DOCUMENT_BYTES", limit)
    fits = GOOD + " " * 10
    too_long = GOOD + " " * (11 + extra)
    stdin = f"{fits}\n{too_long}\n{GOOD}\n".encode()
    code, records, errors = run(["compose", "--jsonl"], stdin, monkeypatch, capsys)
    assert code == 2
    assert [("messages" in r, r["line"]) for r in records] == [
        (True, 1),
        (False, 2),
        (True, 3),
    ]
    assert records[1]["error"] == f"the line is longer than {limit} bytes"
    assert errors == [
        f"rejectkit: error: line 2: the line is longer than {limit} bytes"
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--format", "text"], "--format text does not apply"),
        (["--format", "html"], "--format html does not apply"),
        (["--out", "outbox"], "--out does not apply"),
        (["--input-format", "toml"], "--input-format toml does not apply"),
        (["--kind", "no-such-kind"], "no-such-kind"),
        (["--kind", "thank-hr", "--kind", "thank-hr"], "kinds[1]"),
        (["--locale", "../../etc/passwd"], "locale"),
        (["missing.jsonl"], "missing.jsonl"),
    ],
)
def test_bad_usage_exits_2_before_reading(
    argv: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, records, errors = run(
        ["compose", "--jsonl", *argv], f"{GOOD}\n".encode(), monkeypatch, capsys
    )
    assert (code, records) == (2, [])
    assert len(errors) == 1
    assert errors[0].startswith("rejectkit: error: ")
    assert expected in errors[0]


def test_format_json_is_accepted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, records, _ = run(
        ["compose", "--jsonl", "--format", "json"], GOOD.encode(), monkeypatch, capsys
    )
    assert code == 0
    assert len(records) == 1


def test_compose_without_file_or_jsonl_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, records, errors = run(["compose"], GOOD.encode(), monkeypatch, capsys)
    assert (code, records) == (2, [])
    assert errors == ["rejectkit: error: the following arguments are required: FILE"]


class _Recorder:
    """Stands in for stdin and stdout, noting how far input was read at each write."""

    def __init__(self, lines: list[bytes]) -> None:
        self._lines = lines
        self.read = 0
        self.reads_at_write: list[int] = []

    def readline(self, limit: int = -1) -> bytes:
        del limit
        if self.read == len(self._lines):
            return b""
        self.read += 1
        return self._lines[self.read - 1]

    @property
    def buffer(self) -> _Recorder:
        return self

    def write(self, text: str) -> int:
        if text.endswith("}"):
            self.reads_at_write.append(self.read)
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""


def test_output_streams_one_line_behind_the_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = _Recorder([f"{GOOD}\n".encode()] * 50)
    monkeypatch.setattr(sys, "stdin", recorder)
    monkeypatch.setattr(sys, "stdout", recorder)
    assert main(["compose", "--jsonl"]) == 0
    assert recorder.reads_at_write == list(range(1, 51))


def test_the_installed_command_streams_from_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rejectkit", "compose", "--jsonl", "--locale", "de"],
        input=f"{GOOD}\n{{}}\n{GOOD}".encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[0]["messages"] == records[2]["messages"]
    assert records[0]["messages"][0]["locale"] == "de"
    assert result.stderr.decode().startswith("rejectkit: error: line 2: candidate: ")
    assert result.stderr.count(b"\n") == 1


def _expected_record(number: int, line: str) -> dict[str, Any]:
    try:
        kit = rejectkit.compose(rejectkit.loads(line), locale="sv")
    except rejectkit.ValidationError as exc:
        return {
            "line": number,
            "error": str(exc),
            "problems": [{"field": f, "problem": p} for f, p in exc.problems],
        }
    return {"line": number, **kit.to_dict()}


def _with_bad_address(application: rejectkit.Application) -> str:
    document = application.to_dict()
    document["candidate"]["email"] = "no address"
    return json.dumps(document, ensure_ascii=False)


# Valid applications, valid JSON that is not one, and lines that are not JSON.
LINES = st.one_of(
    applications().map(_line),
    applications().map(_with_bad_address),
    st.sampled_from(["{", "[]", "null", '{"role": 1}', "not json"]),
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=4))
def test_any_batch_matches_compose(batch: list[str]) -> None:
    stdin = "".join(line + "\n" for line in batch).encode()
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["compose", "--jsonl", "--locale", "sv"])
    finally:
        sys.stdin = saved
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    expected = [_expected_record(n, line) for n, line in enumerate(batch, 1)]
    assert records == expected
    failed = [r["line"] for r in expected if "error" in r]
    assert code == (2 if failed else 0)
    assert [
        int(e.split()[3].rstrip(":")) for e in err.getvalue().splitlines()
    ] == failed
