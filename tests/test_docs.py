"""The documentation's examples run, its generated pages are complete, and the
API reference covers the public API.

Every ```python block in docs/ and README.md runs, page by page in one
namespace, and prints exactly the lines its ``# >`` comments show. Every
```console block in docs/ runs its ``$ rejectkit ...`` commands and prints
what the block shows under each. A code block with a ``title="name"`` is written to
that file first, so the examples can read it. A block that only includes files
of the repository (``--8<-- "path"``) shows code that is tested where it lives,
such as the example plugin, and is not run here.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import importlib.util
import inspect
import io
import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import rejectkit
import rejectkit.catalogs
import rejectkit.exceptions
import rejectkit.generators
import rejectkit.testing
from rejectkit import cli

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted([*DOCS.rglob("*.md"), ROOT / "README.md"])
REFERENCE_PAGES = ("rejectkit", "generators", "exceptions", "testing", "catalogs")
PUBLIC_MODULES: tuple[ModuleType, ...] = (
    rejectkit,
    rejectkit.generators,
    rejectkit.exceptions,
    rejectkit.testing,
    rejectkit.catalogs,
)

FENCE = re.compile(
    r"^(?P<indent>[ ]*)(?P<fence>```|~~~)(?P<lang>[\w-]+)(?P<info>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)",
    re.DOTALL | re.MULTILINE,
)
OUTPUT = re.compile(r"^# >(?: |$)")
INCLUDE = re.compile(r'^--8<-- "(?P<path>[^"]+)"$')


@attrs.frozen
class Block:
    """One fenced code block of a page."""

    lang: str
    title: str | None
    body: str
    line: int


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        indent = len(match["indent"])
        body = "".join(
            line[indent:] for line in match["body"].splitlines(keepends=True)
        )
        title = re.search(r'title="([^"]+)"', match["info"])
        found.append(
            Block(
                lang=match["lang"],
                title=title[1] if title else None,
                body=body,
                line=text.count("\n", 0, match.start()) + 1,
            )
        )
    return found


def included_files(block: Block) -> list[str] | None:
    """The files a block includes, or ``None`` if it holds anything else."""
    lines = [line.strip() for line in block.body.splitlines() if line.strip()]
    matches = [INCLUDE.match(line) for line in lines]
    if not lines or not all(matches):
        return None
    return [match["path"] for match in matches if match]


def page_id(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def expected_output(block: Block) -> list[str]:
    return [
        OUTPUT.sub("", line) for line in block.body.splitlines() if OUTPUT.match(line)
    ]


def run_command(command: str) -> list[str]:
    """Run one ``rejectkit ...`` console line in-process; return what it prints.

    Standard output and standard error are read together, as a terminal shows
    them; a command that fails must show its error.
    """
    argv = shlex.split(command)
    assert argv[0] == "rejectkit", f"console blocks run rejectkit only: {command}"
    stdin = b""
    if "<" in argv:
        at = argv.index("<")
        stdin = Path(argv[at + 1]).read_bytes()
        argv = argv[:at]
    output = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            status = cli.main(argv[1:])
    finally:
        sys.stdin = saved
    printed = output.getvalue().splitlines()
    failed = any(line.startswith("rejectkit: error:") for line in printed)
    assert (status != 0) == failed, f"{command} exited with {status}"
    return printed


def run_console(block: Block) -> None:
    command: str | None = None
    shown: list[str] = []
    for line in [*block.body.splitlines(), "$ "]:
        if line.startswith("$ "):
            if command:
                assert run_command(command) == shown, command
            command, shown = line[2:].strip(), []
        else:
            shown.append(line)


def run_python(block: Block, page: Path, namespace: dict[str, Any]) -> None:
    output = io.StringIO()
    code = compile(block.body, f"{page_id(page)}:{block.line}", "exec")
    with contextlib.redirect_stdout(output):
        exec(code, namespace)  # noqa: S102 - the examples are ours
    assert output.getvalue().splitlines() == expected_output(block), (
        f"{page_id(page)}, block at line {block.line}"
    )


@contextlib.contextmanager
def forget_modules_from(folder: Path) -> Iterator[None]:
    """Unload the modules an example imported from its own folder."""
    try:
        yield
    finally:
        for name, module in list(sys.modules.items()):
            if Path(getattr(module, "__file__", None) or "/").is_relative_to(folder):
                del sys.modules[name]


def runnable(page: Path) -> list[Block]:
    return [
        b
        for b in blocks(page)
        if b.lang in {"python", "console"} and included_files(b) is None
    ]


@pytest.mark.parametrize("page", [p for p in PAGES if runnable(p)], ids=page_id)
def test_examples_print_what_they_show(
    page: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_registry: rejectkit.Registry,
) -> None:
    del isolated_registry
    page_blocks = [b for b in blocks(page) if included_files(b) is None]
    monkeypatch.chdir(tmp_path)
    # Examples may put a folder of theirs on sys.path and import from it.
    monkeypatch.setattr(sys, "path", [*sys.path])
    monkeypatch.setenv("COLUMNS", "88")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    with forget_modules_from(tmp_path):
        for block in page_blocks:
            if block.title is not None:
                (tmp_path / block.title).write_text(block.body, encoding="utf-8")
            elif block.lang == "python":
                run_python(block, page, namespace)
            elif block.lang == "console" and page.is_relative_to(DOCS):
                run_console(block)


def test_included_files_exist() -> None:
    missing = [
        f"{page_id(p)}:{b.line}: {path}"
        for p in PAGES
        for b in blocks(p)
        for path in included_files(b) or []
        if not (ROOT / path).is_file()
    ]
    assert not missing


def test_every_page_with_python_shows_some_output() -> None:
    silent = [
        page_id(p)
        for p in PAGES
        if any(b.lang == "python" for b in blocks(p))
        and not any(expected_output(b) for b in blocks(p))
    ]
    assert not silent


def test_output_lines_sit_in_python_blocks_only() -> None:
    misplaced = [
        f"{page_id(p)}:{b.line}"
        for p in PAGES
        for b in blocks(p)
        if b.lang != "python" and expected_output(b)
    ]
    assert not misplaced


# --- the generated pages -----------------------------------------------------


def load_hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    pages: dict[str, str] = load_hooks().pages()
    return pages


def test_gallery_shows_every_kind_in_every_language(
    generated: dict[str, str],
) -> None:
    hooks = load_hooks()
    tags = [str(locale) for locale in rejectkit.supported_locales()]
    for kind in hooks.builtin_kinds():
        page = generated[f"gallery/{kind}.md"]
        application = hooks.application_for(kind)
        for tag in tags:
            message = rejectkit.generate(
                kind, application, locale=tag, allow_uncustomary=True
            )
            assert f'=== "{hooks._language(tag)}"' in page, (kind, tag)
            assert html.escape(message.subject) in page, (kind, tag)
            assert hooks._indent(hooks._body_html(message)) in page, (kind, tag)


def test_gallery_covers_the_builtin_generators() -> None:
    hooks = load_hooks()
    public = {
        getattr(rejectkit.generators, name).kind
        for name in rejectkit.generators.__all__
        if hasattr(getattr(rejectkit.generators, name), "kind")
    }
    assert set(hooks.builtin_kinds()) == public


def test_kinds_table_lists_every_kind_and_language(generated: dict[str, str]) -> None:
    page = generated["reference/kinds-and-languages.md"]
    for kind in rejectkit.kinds():
        assert f"`{kind}`" in page
    for locale in rejectkit.supported_locales():
        assert f"| `{locale}` | {locale.get_display_name('en')}<br>" in page


def test_cli_reference_lists_every_command_and_option(
    generated: dict[str, str],
) -> None:
    page = generated["reference/cli.md"]
    hooks = load_hooks()
    commands = dict(hooks._subcommands(cli.build_parser()))
    assert set(commands) == {
        "demo",
        "compose",
        "kinds",
        "locales",
        "schema",
        "catalogs",
        "catalogs compile",
        "catalogs check",
    }
    for name, parser in commands.items():
        assert f"## `rejectkit {name}`" in page
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            for option in action.option_strings:
                assert f"`{option}`" in page, (name, option)


# --- the API reference -------------------------------------------------------


def test_attrs_models_document_every_field_in_order() -> None:
    """The Attributes: sections name exactly the constructor's fields."""
    for module in PUBLIC_MODULES:
        for name in module.__all__:
            cls = getattr(module, name)
            if not (isinstance(cls, type) and attrs.has(cls)):
                continue
            doc = inspect.getdoc(cls) or ""
            section = doc.split("Attributes:\n", 1)[1] if "Attributes:" in doc else ""
            documented = re.findall(r"^    (\w+):", section, flags=re.MULTILINE)
            fields = [f.name for f in attrs.fields(cls)]
            assert documented == fields, name


def reference_directives() -> set[str]:
    found = set()
    for page in REFERENCE_PAGES:
        text = (DOCS / "reference" / f"{page}.md").read_text(encoding="utf-8")
        found.update(re.findall(r"^::: ([\w.]+)$", text, flags=re.MULTILINE))
    return found


def homes(module: ModuleType, name: str) -> list[str]:
    """Where the reference may document *name*: its own path, or the public
    module that defines it."""
    paths = [f"{module.__name__}.{name}"]
    obj = getattr(module, name)
    if inspect.ismodule(obj):
        paths.append(obj.__name__)
    paths.extend(
        f"{other.__name__}.{name}"
        for other in PUBLIC_MODULES
        if other is not module and name in other.__all__
    )
    return paths


def public_names() -> Iterator[tuple[ModuleType, str]]:
    for module in PUBLIC_MODULES:
        for name in module.__all__:
            yield module, name


def test_reference_pages_name_every_public_name() -> None:
    directives = reference_directives()
    whole_modules = {m.__name__ for m in PUBLIC_MODULES[1:]} & directives
    missing = []
    for module, name in public_names():
        places = homes(module, name)
        covered = any(
            path in directives or path.rsplit(".", 1)[0] in whole_modules
            for path in places
        )
        if not covered:
            missing.append(f"{module.__name__}.{name}")
    assert not missing


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del tag
        self.ids.update(value for key, value in attrs if key == "id" and value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _summary(obj: object) -> str | None:
    if not (inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj)):
        return None
    doc = inspect.getdoc(obj)
    assert doc, f"{obj!r} has no docstring"
    first = doc.split("\n\n", 1)[0]
    return " ".join(re.sub(r"[`*]", "", first).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("mkdocs") is None:
        pytest.fail(
            "the site tests need the docs dependency group (nox -s docs); "
            "deselect them with -m 'not site'"
        )
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    return site_dir


@pytest.mark.site
def test_site_builds_without_warnings(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "gallery" / "thank-hr" / "index.html").is_file()


@pytest.mark.site
def test_reference_documents_every_public_name(site: Path) -> None:
    anchors: dict[str, str] = {}
    for page in REFERENCE_PAGES:
        parser = _Anchors()
        parser.feed((site / "reference" / page / "index.html").read_text("utf-8"))
        text = " ".join("".join(parser.text).split())
        anchors.update(dict.fromkeys(parser.ids, text))
    missing = []
    for module, name in public_names():
        found = [anchors[path] for path in homes(module, name) if path in anchors]
        summary = _summary(getattr(module, name))
        if not found or (summary is not None and summary not in found[0]):
            missing.append(f"{module.__name__}.{name}")
    assert not missing
