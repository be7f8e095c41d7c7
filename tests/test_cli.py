"""The rejectkit command: every subcommand, every output form, every bad input."""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import rejectkit
from rejectkit._i18n import SUPPORTED_LOCALES
from rejectkit._i18n._mofile import compile_po
from rejectkit.cli import build_parser, main
from tests.situations import SAMPLE


@pytest.fixture
def app_file(tmp_path: Path) -> Path:
    path = tmp_path / "application.json"
    path.write_text(json.dumps(SAMPLE.to_dict()), encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_prints_the_full_english_kit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["demo"], capsys)
    assert (code, err) == (0, "")
    kit = rejectkit.compose(rejectkit.sample_application())
    for message in kit:
        assert message.subject in out
        assert message.text in out


def test_python_dash_m_runs_the_demo() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rejectkit", "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "Dear Dr. Raman," in result.stdout


def test_compose_json_is_the_kit_as_a_dict(
    app_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["compose", str(app_file), "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out) == rejectkit.compose(SAMPLE).to_dict()


def test_compose_reads_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "application.toml"
    path.write_text(
        """
[candidate]
email = "sam@example.com"
name = { given = "Sam", family = "Okafor" }

[role]
title = "Platform Engineer"
company = "Acme Rail"

[outcome]
decision = "rejected"
told_on = 2024-06-03
channel = "automated-email"
notice_from = "jobs@acmerail.example"
""",
        encoding="utf-8",
    )
    code, out, err = run(["compose", str(path)], capsys)
    assert (code, err) == (0, "")
    assert "Dear Acme Rail hiring team," in out
    assert "Sam Okafor" in out


def test_compose_reads_stdin(app_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rejectkit", "compose", "-", "--kind", "thank-hr"],
        input=app_file.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "# 1/1 thank-hr" in result.stdout


def test_compose_options_reach_the_kit(
    app_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["compose", str(app_file), "--tone", "warm", "--bundle", "--format", "json"]
    code, out, _ = run([*argv, "--topic", "fit"], capsys)
    assert code == 0
    kinds = [m["kind"] for m in json.loads(out)["messages"]]
    assert kinds == ["thank-hiring-manager", "hr-follow-up"]
    follow_up = json.loads(out)["messages"][1]["text"]
    assert "Dear Jordan," in follow_up
    assert "your view of my fit:" in follow_up
    assert "qualifications" not in follow_up


@pytest.mark.parametrize("output_format", ["text", "html", "json", "eml"])
def test_out_writes_one_file_per_message(
    app_file: Path,
    tmp_path: Path,
    output_format: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out_dir = tmp_path / "outbox"
    argv = ["compose", str(app_file), "--format", output_format, "--out", str(out_dir)]
    code, out, _ = run(argv, capsys)
    assert code == 0
    files = sorted(out_dir.iterdir())
    kit = rejectkit.compose(SAMPLE)
    assert [f.name.split(".")[0] for f in files] == [
        f"{i:02d}-{kind}" for i, kind in enumerate(kit.kinds, 1)
    ]
    assert out.splitlines() == [str(f) for f in files]
    for file, message in zip(files, kit, strict=True):
        if output_format == "text":
            assert file.read_text(encoding="utf-8") == message.text
        elif output_format == "html":
            assert file.read_text(encoding="utf-8") == message.html
        elif output_format == "json":
            assert json.loads(file.read_text(encoding="utf-8")) == message.to_dict()
        else:
            parsed = email.message_from_bytes(
                file.read_bytes(), policy=email.policy.default
            )
            assert parsed["Subject"] == message.subject
            plain = parsed.get_body(preferencelist=("plain",))
            assert plain is not None
            assert plain.get_content().replace("\r\n", "\n") == message.text


def test_single_eml_goes_to_stdout(app_file: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rejectkit",
            "compose",
            str(app_file),
            "--kind",
            "thank-hr",
            "--format",
            "eml",
        ],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    parsed = email.message_from_bytes(result.stdout, policy=email.policy.default)
    assert parsed["To"] == "Jordan Lee <jordan.lee@northwind.example>"


def test_kinds_lists_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["kinds"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(rejectkit.kinds())


def test_locales_lists_native_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["locales"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(SUPPORTED_LOCALES)
    for expected in ("en      English", "de      Deutsch", "ja      日本語"):
        assert expected in lines
    assert "pt_BR   português (Brasil)" in lines


def test_compose_in_japanese(
    app_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["compose", str(app_file), "--locale", "ja"], capsys)
    assert code == 0
    for message in rejectkit.compose(SAMPLE, locale="ja"):
        assert message.locale == "ja"
        assert message.text in out


def test_locale_comes_from_the_environment(
    app_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    code, out, _ = run(["compose", str(app_file), "--format", "json"], capsys)
    assert code == 0
    first = json.loads(out)["messages"][0]
    assert (first["requested_locale"], first["locale"]) == ("de_AT", "de")
    monkeypatch.setenv("LC_MESSAGES", "sv_SE.UTF-8")
    code, out, _ = run(["compose", str(app_file), "--format", "json"], capsys)
    assert json.loads(out)["messages"][0]["locale"] == "sv"
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    code, out, _ = run(["compose", str(app_file), "--format", "json"], capsys)
    assert json.loads(out)["messages"][0]["locale"] == "ja"
    code, out, _ = run(
        ["compose", str(app_file), "--format", "json", "--locale", "fr"], capsys
    )
    assert json.loads(out)["messages"][0]["locale"] == "fr"


BAD_DOCUMENTS = [
    ("{", "not valid JSON"),
    ("[]", "expected a table of fields"),
    ('{"candidate": 1}', "candidate"),
    (json.dumps({**SAMPLE.to_dict(), "extra": True}), "extra: unknown key"),
    (
        json.dumps(
            {
                **SAMPLE.to_dict(),
                "outcome": {**SAMPLE.to_dict()["outcome"], "channel": "fax"},
            }
        ),
        (
            "outcome.channel: 'fax' is not one of automated-email, personal-email, "
            "phone-call, in-person"
        ),
    ),
    ('{"a": NaN}', "NaN"),
]


@pytest.mark.parametrize(("document", "expected"), BAD_DOCUMENTS)
def test_bad_documents_exit_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: str,
    expected: str,
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(document, encoding="utf-8")
    code, out, err = run(["compose", str(path)], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("rejectkit: error: ")
    assert expected in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["compose", "missing.json"], "missing.json"),
        (["compose", "application.yaml"], "expected a .json or .toml file"),
        (["compose", "-", "--tone", "chirpy"], "--tone"),
        (["compose", "-", "--locale", "../../etc/passwd"], "locale"),
        (["compose", "-", "--kind", "no-such-kind"], "no-such-kind"),
        (["compose", "-", "--format", "eml"], "--out"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_usage_exits_2_with_one_line(
    app_file: Path,
    argv: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(app_file.parent)
    monkeypatch.setattr(sys, "stdin", app_file.open(encoding="utf-8"))
    try:
        code, _, err = run(argv, capsys)
    finally:
        sys.stdin.close()
    assert code == 2
    assert err.count("\n") == 1
    assert expected in err


def test_parser_documents_every_command() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    (commands,) = (
        action
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert set(commands.choices) == {
        "demo",
        "compose",
        "kinds",
        "locales",
        "schema",
        "catalogs",
        "read-notice",
    }
    for command in commands.choices:
        # Listed with its one-line help under COMMAND.
        assert re.search(rf"^\s+{command}\s+\S", help_text, re.MULTILINE), command


EXAMPLE_LOCALE = (
    Path(__file__).parent.parent
    / "examples/rejectkit-referral/src/rejectkit_referral/locale"
)


def test_catalogs_compile_writes_sorted_catalogs_beside_the_po_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(EXAMPLE_LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    assert main(["catalogs", "compile", str(locale)]) == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert written == [
        locale / tag / "LC_MESSAGES" / "rejectkit_referral.mo" for tag in ("de", "en")
    ]
    for path in written:
        assert path.read_bytes() == compile_po(path.with_suffix(".po"))
    # The same .po files give the same bytes, and the example ships them.
    for path in written:
        shipped = EXAMPLE_LOCALE / path.relative_to(locale)
        assert shipped.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("command", ["compile", "check"])
@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        ("empty", [], "locale_dir: {dir} holds no <tag>/LC_MESSAGES/<domain>.po"),
        ("two", [], "domain: {dir} holds domains one, two; choose one"),
        ("two", ["--domain", "x"], "domain: {dir} holds no <tag>/LC_MESSAGES/x.po"),
    ],
)
def test_catalogs_commands_name_the_domain_problem(  # noqa: PLR0917 - parametrised
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: str,
    args: list[str],
    expected: str,
) -> None:
    if setup == "two":
        for domain in ("one", "two"):
            po = tmp_path / "de" / "LC_MESSAGES" / f"{domain}.po"
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert main(["catalogs", command, str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert err == f"rejectkit: error: {expected.format(dir=tmp_path)}\n"
    assert not list(tmp_path.rglob("*.mo"))


def test_catalogs_check_passes_the_example_plugin(
    capsys: pytest.CaptureFixture[str],
) -> None:
    mapping = EXAMPLE_LOCALE.parent.parent.parent / "babel.cfg"
    args = ["catalogs", "check", str(EXAMPLE_LOCALE), "--mapping", str(mapping)]
    assert main(args) == 0
    assert capsys.readouterr() == ("", "")


def test_catalogs_check_reports_each_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(EXAMPLE_LOCALE, locale)
    po = locale / "de" / "LC_MESSAGES" / "rejectkit_referral.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace(
            'msgstr "Eine Frage zu weiteren Stellen bei %(company)s"',
            'msgstr "Eine Frage zu weiteren Stellen bei %(compnay)s"',
        ),
        encoding="utf-8",
    )
    assert main(["catalogs", "check", str(locale)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(
        "A question about other roles at %(company)s" in line
        and "placeholders ['compnay'] != ['company']" in line
        for line in out
    ), out
    assert any(".mo is older than rejectkit_referral.po" in line for line in out), out


def test_option_reaches_its_kind(
    app_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    to = '{"name": {"given": "Sam", "family": "Patel"}, "email": "sam@x.example"}'
    code, out, err = run(
        [
            "compose",
            str(app_file),
            "--format",
            "json",
            "--option",
            'feedback-request.topics=["fit"]',
            "--option",
            f"thank-hiring-manager.to={to}",
        ],
        capsys,
    )
    assert (code, err) == (0, "")
    contact = rejectkit.Contact(
        name=rejectkit.PersonName(given="Sam", family="Patel"), email="sam@x.example"
    )
    expected = rejectkit.compose(
        SAMPLE,
        options={
            "feedback-request": {"topics": ["fit"]},
            "thank-hiring-manager": {"to": contact},
        },
    )
    assert json.loads(out) == expected.to_dict()
    assert expected.by_kind("thank-hiring-manager").greeting == "Dear Sam Patel,"


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("topics=fit", "expected KIND.NAME=VALUE, got 'topics=fit'"),
        ("feedback-request.topics", "expected KIND.NAME=VALUE"),
        ("feedback-request.2x=1", "expected KIND.NAME=VALUE"),
        ('thank-hr.to={"email": 1, "email": 2}', "thank-hr.to: "),
        ("feedback-request.topics=fit", "topics: expected a sequence of topics"),
        ("next-steps.to=x", "options.next-steps: is not a kind this kit writes"),
    ],
)
def test_a_bad_option_exits_2_with_one_line(
    app_file: Path, capsys: pytest.CaptureFixture[str], option: str, expected: str
) -> None:
    code, out, err = run(["compose", str(app_file), "--option", option], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("rejectkit: error: ")
    assert expected in err
    assert err.count("\n") == 1


def test_an_option_given_twice_is_refused(
    app_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        [
            "compose",
            str(app_file),
            "--option",
            "thank-hr.to=a",
            "--option",
            "thank-hr.to=b",
        ],
        capsys,
    )
    assert code == 2
    assert err == "rejectkit: error: argument --option: thank-hr.to is given twice\n"


# -- conventions of well-liked command-line tools ------------------------------


def test_version_prints_the_installed_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"rejectkit {rejectkit.__version__}\n"


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: rejectkit")


def test_a_bare_call_shows_usage_and_where_to_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    usage, error, hint = err.splitlines()
    assert usage.startswith("usage: rejectkit [-h] [--version] COMMAND")
    assert error == "rejectkit: error: name a COMMAND"
    assert "rejectkit demo" in hint
    assert "rejectkit --help" in hint


def test_compose_help_says_when_standard_input_is_the_default() -> None:
    (commands,) = (
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )
    text = " ".join(commands.choices["compose"].format_help().split())
    assert "with --jsonl, a JSON Lines file, standard input by default" in text
    assert "(default: standard input)" not in text


@pytest.mark.parametrize(
    ("document", "name", "expected"),
    [
        ("{bad", "bad.json", "bad.json: not valid JSON: Expecting property name"),
        (
            '{"candidate": 1}',
            "app.json",
            "app.json: candidate: expected a table of fields",
        ),
        ("x = [", "bad.toml", "bad.toml: not valid TOML"),
    ],
)
def test_a_bad_document_is_named_with_its_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: str,
    name: str,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    code, _, err = run(["compose", str(path)], capsys)
    assert code == 2
    assert f"rejectkit: error: {tmp_path}/{expected}" in err


def test_out_that_is_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    code, out, err = run(["demo", "--out", str(taken)], capsys)
    assert (code, out) == (2, "")
    assert err == f"rejectkit: error: --out {taken}: is a file, not a directory\n"
    assert taken.read_text(encoding="utf-8") == "mine"


def test_demo_eml_hint_names_only_what_demo_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(["demo", "--format", "eml"], capsys)
    assert code == 2
    assert err == (
        "rejectkit: error: --format eml writes one file per message: pass --out DIR\n"
    )


def test_date_and_message_id_pin_the_eml_bytes(
    app_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "compose",
        str(app_file),
        "-k",
        "thank-hr",
        "-f",
        "eml",
        "--date",
        "2024-05-21T09:00:00+02:00",
        "--message-id",
        "<thanks-1@alexmorgan.example>",
    ]
    first = subprocess.run(
        [sys.executable, "-m", "rejectkit", *args], capture_output=True, check=True
    ).stdout
    second = subprocess.run(
        [sys.executable, "-m", "rejectkit", *args], capture_output=True, check=True
    ).stdout
    assert first == second
    parsed = email.message_from_bytes(first, policy=email.policy.default)
    assert parsed["Message-ID"] == "<thanks-1@alexmorgan.example>"
    assert parsed["Date"] == "Tue, 21 May 2024 09:00:00 +0200"
    # Every file of a kit gets the date; one Message-ID cannot name them all.
    code, _, err = run(
        ["demo", "-f", "eml", "-o", str(tmp_path), "--message-id", "<a@b.example>"],
        capsys,
    )
    assert code == 2
    assert "--message-id names one message, and the kit has 4" in err


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-21T09:00:00", "needs a time zone"),
        ("yesterday", "expected an ISO 8601 date and time"),
    ],
)
def test_date_must_be_an_aware_iso_datetime(
    capsys: pytest.CaptureFixture[str], value: str, expected: str
) -> None:
    code, _, err = run(["demo", "-f", "eml", "--date", value], capsys)
    assert code == 2
    assert expected in err


def test_headers_need_the_eml_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["demo", "--message-id", "<a@b.example>"], capsys)
    assert code == 2
    assert err == (
        "rejectkit: error: --date and --message-id set headers of --format eml\n"
    )


def test_short_options_are_the_long_ones(
    app_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = run(
        ["compose", str(app_file), "--locale", "de", "--tone", "warm", "--kind",
         "thank-hr", "--format", "json"],
        capsys,
    )  # fmt: skip
    short = run(
        ["compose", str(app_file), "-l", "de", "-t", "warm", "-k", "thank-hr",
         "-f", "json"],
        capsys,
    )  # fmt: skip
    assert short == long
    assert long[0] == 0


@pytest.mark.parametrize(
    ("command", "key", "first"),
    [
        ("kinds", "kind", "thank-hiring-manager"),
        ("locales", "tag", "en"),
    ],
)
def test_listings_come_as_json_for_programs(
    capsys: pytest.CaptureFixture[str], command: str, key: str, first: str
) -> None:
    code, text, _ = run([command], capsys)
    assert code == 0
    code, out, err = run([command, "--format", "json"], capsys)
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert rows[0][key] == first
    assert len(rows) == len(text.splitlines())
    assert all(
        row[key] in line for row, line in zip(rows, text.splitlines(), strict=True)
    )
