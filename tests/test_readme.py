"""The README reads user first, its example runs, and its set-up is CI's.

Its examples also run, with every other page's, in tests/test_docs.py; the
installed wheel runs the first one in tests/test_packaging.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUP = "Set up (from a checkout)"
# What a reader looks for, in the order a user needs it; the set-up for
# working on rejectkit comes after everything a user needs.
USER_FIRST = ("Install", "Example", "Documentation", "Command line", SETUP)


def sections() -> dict[str, str]:
    """The README's level-two sections, by heading."""
    parts = re.split(
        r"^## (.+)\n", README.read_text(encoding="utf-8"), flags=re.MULTILINE
    )
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def fenced(text: str, lang: str) -> list[str]:
    """The bodies of the code blocks in *lang*, fenced with backticks or tildes."""
    pattern = rf"^(?P<fence>```|~~~){lang}\n(?P<body>.*?)^(?P=fence)"
    return [m["body"] for m in re.finditer(pattern, text, re.DOTALL | re.MULTILINE)]


def first_example() -> str:
    return fenced(README.read_text(encoding="utf-8"), "python")[0]


def shown(example: str) -> list[str]:
    """The lines an example shows it prints, in its ``# >`` comments."""
    return [
        re.sub(r"^# >(?: |$)", "", line)
        for line in example.splitlines()
        if line.startswith("# >")
    ]


def test_sections_come_user_first() -> None:
    headings = [h for h in sections() if h in USER_FIRST]
    assert headings == list(USER_FIRST)


def test_install_names_the_distribution_and_its_testing_extra() -> None:
    name = PYPROJECT["project"]["name"]
    install = sections()["Install"]
    assert fenced(install, "console") == [f"$ python -m pip install {name}\n"]
    # Every published extra is named where users install.
    for extra in PYPROJECT["project"]["optional-dependencies"]:
        assert f'python -m pip install "{name}[{extra}]"' in install, extra
    assert set(PYPROJECT["project"]["optional-dependencies"]) == {"testing", "notice"}


def test_first_example_runs_on_its_own_and_prints_what_it_shows(
    tmp_path: Path,
) -> None:
    """Pasted into a file of its own, as a reader would, not after other code."""
    example = first_example()
    assert example in sections()["Example"]
    assert len([line for line in example.splitlines() if line.strip()]) <= 20
    assert shown(example)
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == shown(example)


def test_documentation_links_the_published_site() -> None:
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url: (\S+)$", mkdocs, flags=re.MULTILINE)
    assert site_url
    assert PYPROJECT["project"]["urls"]["Documentation"] == site_url[1]
    assert f"<{site_url[1]}>" in sections()["Documentation"]


def test_setup_commands_are_what_ci_runs() -> None:
    commands = fenced(README.read_text(encoding="utf-8"), "bash")
    assert len(commands) == 2
    assert fenced(sections()[SETUP], "bash") == commands
    install_and_run, check_everything = (c.strip() for c in commands)
    assert install_and_run.startswith("python -m pip install . && python -m ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert check_everything in ci.splitlines()


def test_setup_points_contributors_to_contributing() -> None:
    url = PYPROJECT["project"]["urls"]["Source"] + "/blob/main/CONTRIBUTING.md"
    assert f"]({url})" in sections()[SETUP]
    assert (ROOT / "CONTRIBUTING.md").is_file()
    docs_page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert docs_page == '--8<-- "CONTRIBUTING.md"\n'


def test_setup_blocks_survive_a_scan_that_ignores_languages() -> None:
    """A scan pairing every three backticks, whatever follows, still finds them.

    That is why the Python example is fenced with tildes: a backtick block in
    another language ahead of the set-up would put such a scan out of step.
    """
    text = README.read_text(encoding="utf-8")
    naive = re.findall(r"```(?:bash|console)?\n(.*?)```", text, flags=re.DOTALL)
    assert all(block in naive for block in fenced(text, "bash"))
