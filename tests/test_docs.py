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
import functools
import html
import http.server
import importlib.util
import inspect
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
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

    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

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


def test_gallery_shows_every_kind_in_every_language_and_tone(
    generated: dict[str, str],
) -> None:
    hooks = load_hooks()
    tags = [str(locale) for locale in rejectkit.supported_locales()]
    for kind in hooks.builtin_kinds():
        page = generated[f"gallery/{kind}.md"]
        application = hooks.application_for(kind)
        # One language tab after another, each holding one tab per tone.
        languages = page.split('\n=== "')[1:]
        assert [tab.split('"', 1)[0] for tab in languages] == [
            hooks._language(tag) for tag in tags
        ], kind
        for tag, tab in zip(tags, languages, strict=True):
            tones = tab.split('\n    === "')[1:]
            assert [tone.split('"', 1)[0] for tone in tones] == [
                "Formal",
                "Warm",
            ], (kind, tag)
            for tone, shown in zip(rejectkit.Tone, tones, strict=True):
                message = rejectkit.generate(
                    kind, application, locale=tag, tone=tone, allow_uncustomary=True
                )
                assert html.escape(message.subject) in shown, (kind, tag, tone)
                body = hooks._indent(hooks._indent(hooks._body_html(message)))
                assert body in shown, (kind, tag, tone)


def test_gallery_shows_the_reminders_in_every_language(
    generated: dict[str, str],
) -> None:
    hooks = load_hooks()
    page = generated["gallery/reminders.md"]
    tags = [str(locale) for locale in rejectkit.supported_locales()]
    languages = page.split('\n=== "')[1:]
    assert [tab.split('"', 1)[0] for tab in languages] == [
        hooks._language(tag) for tag in tags
    ]
    for tag, tab in zip(tags, languages, strict=True):
        kit = rejectkit.compose(rejectkit.sample_application(), locale=tag)
        ics = kit.schedule(tz=hooks.REMINDERS_TZ).decode().replace("\r\n", "\n")
        assert hooks._indent(ics) in tab, tag
        for message in kit:
            if message.send_by is not None:
                assert f"CATEGORIES:{message.kind}\n" in ics, (tag, message.kind)


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
        "read-notice",
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
            # A private field (a cache) is neither in the constructor nor
            # the documentation.
            fields = [f.name for f in attrs.fields(cls) if not f.name.startswith("_")]
            assert documented == fields, name


def _documented(obj: object) -> Iterator[tuple[str, str]]:
    """Yield the docstrings of *obj* and, for a class, of its own members."""
    yield getattr(obj, "__qualname__", repr(obj)), inspect.getdoc(obj) or ""
    if inspect.isclass(obj):
        for name, member in vars(obj).items():
            if not name.startswith("_") and member.__doc__:
                yield f"{obj.__qualname__}.{name}", inspect.getdoc(member) or ""


def test_docstrings_describe_each_parameter_in_full() -> None:
    """The reference shows one function at a time: no "as for `generate`"."""
    pointing = [
        f"{module.__name__}: {where}"
        for module, name in public_names()
        for where, doc in _documented(getattr(module, name))
        if re.search(r"\bas for\b", doc, flags=re.IGNORECASE)
    ]
    assert pointing == []


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


@pytest.mark.site
def test_reference_lists_only_public_bases(site: Path) -> None:
    # FeedbackRequest is built on a private helper; the page names the
    # public class behind it instead (docs/griffe_bases.py).
    private = []
    texts = {}
    for page in REFERENCE_PAGES:
        parser = _Anchors()
        parser.feed((site / "reference" / page / "index.html").read_text("utf-8"))
        texts[page] = text = " ".join("".join(parser.text).split())
        private += re.findall(r"Bases: [^.]*?\b_[A-Za-z]\w*", text)
    assert private == []
    summary = _summary(rejectkit.generators.FeedbackRequest)
    assert summary is not None
    assert f"Bases: TemplateGenerator {summary}" in texts["generators"]


# --- the site in a browser ---------------------------------------------------

IN_CI = os.environ.get("CI") == "true"
# A laptop's screen: every page must fit it without scrolling sideways.
WINDOW = (1280, 800)
# Headless, and nothing that reaches for the network this machine lacks.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

STILL_JS = """
const style = document.createElement("style");
style.textContent = "*, *::before, *::after { transition: none !important; "
  + "animation: none !important; scroll-behavior: auto !important; }";
document.head.append(style);
"""

# What sticks out of the page's content column, or scrolls sideways in it.
OVERFLOWS_JS = """
const article = document.querySelector("article.md-content__inner");
const limit = document.querySelector(".md-content").getBoundingClientRect();
const found = [];
for (const element of [article, ...article.querySelectorAll("*")]) {
  if (element.getClientRects().length === 0) continue;  // not shown
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const scrolls = ["auto", "scroll"].includes(style.overflowX)
    && element.scrollWidth > element.clientWidth + 1;
  const sticksOut = box.right > limit.right + 1 || box.left < limit.left - 1;
  if (scrolls || sticksOut) {
    const name = element.tagName.toLowerCase()
      + (element.id ? "#" + element.id : "")
      + (element.className ? "." + String(element.className).trim()
        .split(/ +/).join(".") : "");
    found.push(`${name}: ${Math.round(box.width)} px wide, `
      + `${element.scrollWidth} px of content in ${element.clientWidth}: `
      + element.textContent.slice(0, 60));
  }
}
return found;
"""

# Whether the element is shown whole: inside the window and inside every
# ancestor that clips, and not covered where its middle is.
SHOWN_WHOLE_JS = """
const element = arguments[0];
// Scroll the window only: scrolling the tabs' own row would bring a
// hidden tab into view.
const before = element.getBoundingClientRect();
window.scrollBy(0, before.top + before.height / 2 - window.innerHeight / 2);
const box = element.getBoundingClientRect();
if (box.width === 0 || box.height === 0) return "not shown";
if (box.left < 0 || box.top < 0 || box.right > document.documentElement.clientWidth
    || box.bottom > window.innerHeight) return "outside the window";
// The window itself is checked above: stop below <body>.
for (let parent = element.parentElement; parent !== document.body;
     parent = parent.parentElement) {
  const style = getComputedStyle(parent);
  if (style.overflowX === "visible" && style.overflowY === "visible") continue;
  const clip = parent.getBoundingClientRect();
  if (box.left < clip.left - 1 || box.right > clip.right + 1
      || box.top < clip.top - 1 || box.bottom > clip.bottom + 1) {
    return "clipped by " + parent.className;
  }
}
const middle = document.elementFromPoint(
  box.left + box.width / 2, box.top + box.height / 2);
return element.contains(middle) ? "" : "covered";
"""


class Browser:
    """Headless Chromium on the built site, served on localhost."""

    def __init__(self, driver: WebDriver, url: str, screenshots: Path) -> None:
        self.driver = driver
        self.url = url
        self.screenshots = screenshots

    def open(self, page: str) -> None:
        self.driver.get(f"{self.url}/{page}")
        # A tab's underline slides into place; measure and show where it ends.
        self.driver.execute_script(STILL_JS)

    def screenshot(self, name: str) -> None:
        assert self.driver.save_screenshot(str(self.screenshots / f"{name}.png"))

    def overflows(self) -> list[str]:
        document = self.driver.execute_script(
            "const d = document.documentElement; return [d.scrollWidth, d.clientWidth]"
        )
        found: list[str] = self.driver.execute_script(OVERFLOWS_JS)
        if document[0] > document[1]:
            found.insert(0, f"the page is {document[0]} px wide in {document[1]}")
        return found

    def problem_showing(self, element: WebElement) -> str:
        problem: str = self.driver.execute_script(SHOWN_WHOLE_JS, element)
        return problem


def _chromium() -> tuple[str, str]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        if IN_CI:
            pytest.fail("chromium or chromedriver is missing; .ci/run installs them")
        pytest.skip("the layout tests need Debian's chromium and chromium-driver")
    return chromium, driver


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        del format, args


@pytest.fixture(scope="module")
def browser(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chromium, chromedriver = _chromium()
    from selenium import webdriver  # noqa: PLC0415 - only in the docs extra
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield Browser(
            driver=driver,
            url=f"http://127.0.0.1:{server.server_port}",
            screenshots=tmp_path_factory.mktemp("screenshots"),
        )
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.site
def test_errors_page_fits_the_window(browser: Browser) -> None:
    browser.open("errors/")
    browser.screenshot("errors")
    assert browser.overflows() == []
    first = browser.driver.find_element("css selector", "article dl > dt")
    assert browser.problem_showing(first) == ""
    browser.screenshot("errors-list")


@pytest.mark.site
def test_benchmarks_page_fits_the_window(browser: Browser) -> None:
    # The page bench/bench.py writes: its tables must not scroll sideways.
    browser.open("benchmarks/")
    browser.screenshot("benchmarks")
    assert browser.overflows() == []


@pytest.mark.site
def test_reference_lists_parameters_across_the_page(browser: Browser) -> None:
    browser.open("reference/rejectkit/")
    assert browser.overflows() == []
    titles = browser.driver.find_elements(
        "css selector", ".doc-contents .doc-section-title"
    )
    assert titles
    in_tables = browser.driver.find_elements(
        "css selector", ".doc-contents table .doc-section-title"
    )
    assert in_tables == []
    compose = browser.driver.find_element(
        "css selector", "[id='rejectkit.compose'] ~ .doc-contents .doc-section-title"
    )
    assert browser.problem_showing(compose) == ""
    browser.screenshot("reference-compose")
    article = browser.driver.find_element("css selector", "article").rect["width"]
    parameters = browser.driver.find_elements(
        "css selector", ".doc-contents ul > li.doc-section-item"
    )
    assert parameters
    # A description runs the width of the page, not of a table column.
    narrow = [p.text[:40] for p in parameters if p.rect["width"] < 0.8 * article]
    assert narrow == []


def _tab_labels(tab_set: WebElement) -> list[WebElement]:
    return tab_set.find_elements("css selector", ":scope > .tabbed-labels > label")


@pytest.mark.site
@pytest.mark.parametrize("kind", ["feedback-request", "hr-follow-up", "next-steps"])
def test_gallery_shows_every_language_and_tone(browser: Browser, kind: str) -> None:
    hooks = load_hooks()
    browser.open(f"gallery/{kind}/")
    browser.screenshot(f"gallery-{kind}")
    languages = browser.driver.find_element(
        "css selector", "article .rk-languages + .tabbed-set"
    )
    labels = _tab_labels(languages)
    tags = [str(locale) for locale in rejectkit.supported_locales()]
    assert [label.text for label in labels] == [hooks._language(t) for t in tags]
    hidden = {label.text: browser.problem_showing(label) for label in labels}
    assert {name: problem for name, problem in hidden.items() if problem} == {}
    for tag, label in zip(tags, labels, strict=True):
        label.click()
        (block,) = languages.find_elements(
            "css selector", ":scope > .tabbed-content > .tabbed-block"
        )[tags.index(tag) : tags.index(tag) + 1]
        (tones,) = block.find_elements("css selector", ":scope > .tabbed-set")
        tone_labels = _tab_labels(tones)
        assert [t.text for t in tone_labels] == ["Formal", "Warm"], tag
        for tone_label in tone_labels:
            assert browser.problem_showing(tone_label) == "", (tag, tone_label.text)
            tone_label.click()
            cards = [
                card
                for card in tones.find_elements("css selector", ".rk-mail")
                if card.is_displayed()
            ]
            assert len(cards) == 1, (tag, tone_label.text)
            assert cards[0].get_attribute("lang") == tag.replace("_", "-")
            assert browser.overflows() == [], (tag, tone_label.text)
    browser.screenshot(f"gallery-{kind}-last")
