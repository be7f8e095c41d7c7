# ruff: noqa: INP001, RUF001 - a script, run by path; German text has its dashes
"""Measure rejectkit against what the same text costs written by hand.

Every figure is taken side by side with its baseline in the same run, over
repeated rounds, and reported as the median with the ratio between the two,
so a busy machine slows both sides alike. The figures are the ones issue 6
asks for:

1. warm render of the German feedback request against one precompiled
   Jinja2 template of the finished German text (the floor), plus full
   English and Japanese kits per second;
2. cold start: a fresh process that renders one kit against one that only
   imports jinja2, babel.dates and attrs;
3. memory: peak RSS growth over one million messages from distinct
   applications, streamed;
4. scale-out: a batch rendered in one process and across every core with
   ``concurrent.futures.ProcessPoolExecutor``, each worker reading and
   writing its own share (and, for comparison, with objects pickled both
   ways);
5. CLI batch: ``rejectkit compose --jsonl`` over 100,000 applications.

``nox -s bench`` runs it in full and writes docs/benchmarks.md;
``nox -s bench_smoke`` runs every figure on small inputs, in seconds, and
writes nothing. Run it by hand with ``python bench/bench.py --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import datetime as dt
import difflib
import io
import json
import math
import os
import platform
import pstats
import random
import resource
import statistics
import string
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

import rejectkit
from rejectkit import (
    Application,
    Candidate,
    Channel,
    Contact,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackStatus,
    FeedbackTopic,
    FormOfAddress,
    Interview,
    Outcome,
    PersonName,
    Role,
    Stage,
    Tone,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ROOT: Final = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Settings:
    """How much work each figure does."""

    name: str
    rounds: int
    warm_calls: int
    kit_calls: int
    cold_rounds: int
    memory_messages: int
    memory_first: int
    scale_kits: int
    scale_rounds: int
    cli_lines: int
    cli_small_lines: int
    profile_calls: int


FULL: Final = Settings(
    name="full",
    rounds=15,
    warm_calls=2_000,
    kit_calls=300,
    cold_rounds=15,
    memory_messages=1_000_000,
    memory_first=10_000,
    scale_kits=12_000,
    scale_rounds=3,
    cli_lines=100_000,
    cli_small_lines=10_000,
    profile_calls=3_000,
)
SMOKE: Final = Settings(
    name="smoke",
    rounds=3,
    warm_calls=50,
    kit_calls=10,
    cold_rounds=2,
    memory_messages=3_000,
    memory_first=300,
    scale_kits=200,
    scale_rounds=1,
    cli_lines=400,
    cli_small_lines=40,
    profile_calls=50,
)

WARM_TARGET: Final = 1.5
COLD_TARGET: Final = 1.5
MEMORY_TARGET_MB: Final = 10.0
SPEEDUP_TARGET: Final = 1.8
CLI_GROWTH_TARGET_MB: Final = 5.0


# --- generated applications ------------------------------------------------

_GIVEN: Final = (
    "Alex", "Maria", "Jonas", "Léa", "Zofia", "Lars", "Ana", "Yuki", "Sam",
    "Noor", "Mateo", "Ingrid", "Kenji", "Chiara", "Dana", "Priya", "Tomás",
)  # fmt: skip
_FAMILY: Final = (
    "Morgan", "Schmidt", "Dubois", "Kowalska", "Andersson", "Silva", "Tanaka",
    "Okafor", "Haddad", "Rossi", "de Vries", "García", "Nowak", "Berg", "Lee",
)  # fmt: skip
_ROLES: Final = (
    "Senior Data Analyst", "Platform Engineer", "Product Designer",
    "Account Manager", "Nurse Practitioner", "Backend Developer",
    "Marketing Lead", "Financial Controller", "Site Reliability Engineer",
)  # fmt: skip
_COMPANIES: Final = (
    "Northwind Logistics", "Contoso Health", "Fabrikam Energy", "Tailspin Toys",
    "Litware Labs", "Adventure Works", "Wide World Importers", "Proseware",
)  # fmt: skip
_TEAMS: Final = (None, None, "Fleet Analytics", "Payments", "Growth", "Care")
_HIGHLIGHTS: Final = (
    None,
    "the plan to merge the regional delivery dashboards",
    "the migration to event sourcing",
    "how the team runs its design reviews",
)
_NOTES: Final = (
    "more hands-on work with streaming data would have helped",
    "the team wanted someone who had led a migration before",
    "another candidate had more experience with the billing system",
)
_FIRST_DAY: Final = dt.date(2023, 1, 2)


def _chance(rng: random.Random, share: float) -> bool:
    return rng.random() < share


def _person(rng: random.Random) -> PersonName:
    return PersonName(given=rng.choice(_GIVEN), family=rng.choice(_FAMILY))


def _contact(rng: random.Random, email: str) -> Contact:
    return Contact(
        name=_person(rng),
        email=email if _chance(rng, 0.9) else None,
        form_of_address=rng.choice(list(FormOfAddress)),
        academic_title="Dr." if _chance(rng, 0.1) else None,
    )


def _interviews(
    rng: random.Random, told_on: dt.date, manager: Contact | None
) -> tuple[Interview, ...]:
    stages = (Stage.PHONE_SCREEN, Stage.INTERVIEW, Stage.FINAL_ROUND)
    return tuple(
        Interview(
            date=told_on - dt.timedelta(days=3 + 7 * n),
            stage=rng.choice(stages),
            interviewers=(manager.name,) if manager and _chance(rng, 0.5) else (),
            highlight=rng.choice(_HIGHLIGHTS),
        )
        for n in range(rng.choice((0, 1, 1, 2, 3)))
    )


def _feedback(rng: random.Random, told_on: dt.date) -> Feedback | None:
    if not _chance(rng, 0.15):
        return None
    if _chance(rng, 0.5):
        return Feedback(status=FeedbackStatus.DECLINED, on=told_on)
    note = FeedbackNote(topic=rng.choice(list(FeedbackTopic)), note=rng.choice(_NOTES))
    return Feedback(
        status=FeedbackStatus.RECEIVED,
        notes=(note,),
        on=told_on + dt.timedelta(days=rng.randint(0, 9)),
    )


def make_application(index: int) -> Application:
    """Return application number *index*: distinct, and the same on every run.

    Args:
        index: Any non-negative number.

    Returns:
        An application whose candidate link, requisition and addresses carry
        *index*, with contacts, interviews, decision, channel and feedback
        drawn from a generator seeded with it.
    """
    rng = random.Random(index)  # noqa: S311 - test data, not secrets
    told_on = _FIRST_DAY + dt.timedelta(days=index % 700)
    manager = hr = None
    if _chance(rng, 0.7):
        manager = _contact(rng, f"manager.{index}@hiring.example")
    if _chance(rng, 0.75):
        hr = _contact(rng, f"talent.{index}@hiring.example")
    interviews = _interviews(rng, told_on, manager)
    channel = rng.choice(list(Channel))
    told_by = hr if channel is not Channel.AUTOMATED_EMAIL else None
    notice_from = f"jobs.{index}@hiring.example"
    if told_by is not None and told_by.email is not None:
        notice_from = told_by.email
    return Application(
        candidate=Candidate(
            name=_person(rng),
            email=f"candidate.{index}@example.com",
            phone=f"+1 555 {index % 10_000_000:07d}" if _chance(rng, 0.6) else None,
            links=(f"https://portfolio.example/{index}",),
        ),
        role=Role(
            title=rng.choice(_ROLES),
            company=rng.choice(_COMPANIES),
            team=rng.choice(_TEAMS),
            requisition_id=f"REQ-{index}",
        ),
        hiring_manager=manager,
        hr_contact=hr,
        interviews=interviews,
        outcome=Outcome(
            decision=rng.choice(list(Decision)),
            told_on=told_on,
            channel=channel,
            told_by=told_by,
            notice_from=notice_from,
            notice_message_id=f"<decision-{index}@hiring.example>",
        ),
        feedback=_feedback(rng, told_on),
    )


# --- measuring ---------------------------------------------------------------


BATCHES: Final = 3
"""Each side of a round is timed this many times back to back; the fastest counts."""


def _seconds_per_call(function: Callable[[], object], calls: int) -> float:
    # The fastest of a few batches, as timeit advises: other work on a
    # shared machine only ever adds time to a batch.
    fastest = math.inf
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest / calls


def _side_by_side(
    first: Callable[[], float], second: Callable[[], float], rounds: int
) -> tuple[float, float, float, list[float]]:
    """Time both in alternating order, round by round.

    Returns:
        Both medians, the median of the per-round ratios, and those ratios.
    """
    a: list[float] = []
    b: list[float] = []
    for round_ in range(rounds):
        if round_ % 2:
            b.append(second())
            a.append(first())
        else:
            a.append(first())
            b.append(second())
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    median = statistics.median(ratios)
    return statistics.median(a), statistics.median(b), median, ratios


def _spread(ratios: Sequence[float], per: int = 1) -> str:
    """Write min / median / max of *ratios*, each divided by *per*."""
    low, mid, high = (
        x / per for x in (min(ratios), statistics.median(ratios), max(ratios))
    )
    return f"{low:.2f}x / {mid:.2f}x / {high:.2f}x"


_RSS_UNIT: Final = 1024 * 1024 if sys.platform == "darwin" else 1024

# Starts a command from a fresh, small interpreter and writes the command's
# peak RSS to a file. A process's ru_maxrss also counts the memory of the
# process it was started from, so started from the benchmark it would show
# the benchmark's own peak rather than the command's.
_PEAK_WRAPPER: Final = """\
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(child.returncode)
"""


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / _RSS_UNIT


def _with_peak(command: Sequence[str], peak_file: Path) -> list[str]:
    """Return *command* started so that its peak RSS lands in *peak_file*."""
    return [sys.executable, "-S", "-c", _PEAK_WRAPPER, str(peak_file), *command]


def _read_peak_mb(peak_file: Path) -> float:
    return int(peak_file.read_text(encoding="utf-8")) / _RSS_UNIT


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of the results table."""

    figure: str
    measured: str
    baseline: str
    ratio: str
    target: str
    verdict: str
    spread: str = ""
    """The per-round ratios as min / median / max, where rounds were paired."""


def _ratio_verdict(ratio: float, target: float) -> str:
    if ratio <= target:
        return "met"
    return f"**missed**: needs {ratio / target:.2f}x less time"


# --- 1. warm render ----------------------------------------------------------

TOPICS: Final = ("qualifications", "experience", "fit")
# The finished German text of the formal feedback request, as a hand-written
# template: the floor rejectkit is measured against.
FLOOR_SOURCE: Final = """\
Feedback zu meiner Bewerbung – {{ role }}

Guten Tag {{ hr_given }} {{ hr_family }},

nochmals vielen Dank für Ihr Interesse an meiner Bewerbung als {{ role }} \
bei {{ company }} und für das Vorstellungsgespräch am {{ interview_date }}.

Für meine weitere Stellensuche wäre mir Ihre Einschätzung zu {{ topic_list }} \
sehr wertvoll:

- Haben meine Qualifikationen in einem Punkt nicht den Anforderungen der Stelle \
entsprochen?
- Hätte mehr Erfahrung in einem bestimmten Aufgabenbereich zu einer anderen \
Entscheidung geführt?
- Hat am Ende die Passung zum Team den Ausschlag gegeben?

Schon eine kurze Rückmeldung wäre mir eine große Hilfe, und ich habe volles \
Verständnis, falls Sie nicht ins Detail gehen können.

Mit freundlichen Grüßen
{{ given }} {{ family }}
{{ phone }}
{{ link }}
"""
FLOOR_NOUNS: Final = (
    "meinen Qualifikationen",
    "meiner Erfahrung",
    "meiner Passung zum Team",
)


def _renderers() -> tuple[Callable[[], str], Callable[[], str]]:
    application = rejectkit.sample_application()
    # Plain text, like rejectkit's .txt templates: nothing to escape.
    environment = jinja2.Environment(keep_trailing_newline=True)  # noqa: S701
    template = environment.from_string(FLOOR_SOURCE)
    german = Locale.parse("de")
    hr = application.hr_contact
    last = application.last_interview
    candidate = application.candidate
    assert hr is not None  # noqa: S101
    assert last is not None  # noqa: S101

    def rejectkit_render() -> str:
        message = rejectkit.generate(
            "feedback-request",
            application,
            locale="de",
            tone=Tone.FORMAL,
            topics=TOPICS,
        )
        return f"{message.subject}\n\n{message.text}"

    def floor_render() -> str:
        return template.render(
            role=application.role.title,
            company=application.role.company,
            hr_given=hr.name.given,
            hr_family=hr.name.family,
            interview_date=format_date(last.date, format="long", locale=german),
            topic_list=format_list(list(FLOOR_NOUNS), locale=german),
            given=candidate.name.given,
            family=candidate.name.family,
            phone=candidate.phone,
            link=candidate.links[0],
        )

    return rejectkit_render, floor_render


def measure_warm(settings: Settings) -> list[Row]:
    """Figure 1: warm render against the floor, and kits per second."""
    rejectkit_render, floor_render = _renderers()
    ours, floor = rejectkit_render(), floor_render()
    if ours != floor:
        diff = "".join(
            difflib.unified_diff(
                floor.splitlines(keepends=True), ours.splitlines(keepends=True)
            )
        )
        sys.exit(f"the floor does not write what rejectkit writes:\n{diff}")
    calls = settings.warm_calls
    ours_s, floor_s, ratio, ratios = _side_by_side(
        lambda: _seconds_per_call(rejectkit_render, calls),
        lambda: _seconds_per_call(floor_render, calls),
        settings.rounds,
    )
    rows = [
        Row(
            "1. Warm render: German feedback-request (formal, 3 topics, date, list)",
            f"{ours_s * 1e6:.0f} µs",
            f"floor {floor_s * 1e6:.0f} µs",
            f"{ratio:.2f}x",
            f"≤ {WARM_TARGET}x",
            _ratio_verdict(ratio, WARM_TARGET),
            _spread(ratios),
        )
    ]
    sample = rejectkit.sample_application()
    for locale, name in (("en", "English"), ("de", "German"), ("ja", "Japanese")):
        size = len(rejectkit.compose(sample, locale=locale))

        def kit(locale: str = locale) -> None:
            for message in rejectkit.compose(sample, locale=locale):
                _ = message.text

        def time_kit(kit: Callable[[], None] = kit) -> float:
            return _seconds_per_call(kit, settings.kit_calls)

        per_kit, floor_s, _, ratios = _side_by_side(
            time_kit,
            lambda: _seconds_per_call(floor_render, calls),
            settings.rounds,
        )
        per_message = per_kit / size
        kit_ratio = per_message / floor_s
        rows.append(
            Row(
                f"1. Warm kit: {name} sample ({size} messages, text)",
                f"{per_message * 1e6:.0f} µs a message ({1 / per_kit:,.0f} kits/s)",
                f"floor {floor_s * 1e6:.0f} µs a message",
                f"{kit_ratio:.2f}x",
                "",
                "",
                # Each round's kit against the same round's floor.
                _spread(ratios, per=size),
            )
        )
    return rows


def profile_warm(settings: Settings) -> str:
    """Profile the warm German render; return where the time goes, as Markdown."""
    rejectkit_render, _ = _renderers()
    rejectkit_render()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(settings.profile_calls):
        rejectkit_render()
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    areas: dict[str, float] = {}
    for (filename, _line, _name), entry in raw.items():
        area = _area(filename)
        areas[area] = areas.get(area, 0.0) + entry[2]
    intro = (
        f"cProfile of {settings.profile_calls} warm renders of the German feedback "
        "request, own time grouped by where the code lives:\n"
    )
    lines = [
        intro,
        "| code | share of the time |",
        "| --- | ---: |",
    ]
    lines.extend(
        f"| {area} | {seconds / total:.0%} |"
        for area, seconds in sorted(areas.items(), key=lambda kv: -kv[1])
        if seconds / total >= 0.01  # noqa: PLR2004
    )
    out = io.StringIO()
    top_stats = pstats.Stats(profiler, stream=out).strip_dirs()
    top_stats.sort_stats("tottime").print_stats(15)
    top = out.getvalue()
    top = top[top.index("   ncalls") :].rstrip()
    lines += [
        "",
        "The fifteen functions with the most own time:",
        "",
        "```",
        top,
        "```",
    ]
    return "\n".join(lines)


def _area(filename: str) -> str:
    path = filename.replace("\\", "/")
    if "/rejectkit/templates/" in path:
        return "rejectkit templates (compiled Jinja2)"
    if "/rejectkit/" in path:
        return f"rejectkit/{path.rsplit('/rejectkit/', 1)[1]}"
    for package in ("jinja2", "markupsafe", "babel", "attr", "cattrs"):
        if f"/{package}/" in path:
            return "attrs" if package == "attr" else package
    return "Python itself (builtins and standard library)"


# --- 2. cold start -----------------------------------------------------------

COLD_REJECTKIT: Final = (
    "import rejectkit\n"
    "for message in rejectkit.compose(rejectkit.sample_application()):\n"
    "    message.text\n"
)
COLD_IMPORT_ONLY: Final = "import rejectkit\n"
COLD_BASELINE: Final = "import jinja2, babel.dates, attrs\n"
_MODULES: Final = "import sys\nprint(' '.join(sorted(sys.modules)))\n"


def _fresh_process(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter
    return time.perf_counter() - start


def _fastest_process(code: str) -> float:
    return min(_fresh_process(code) for _ in range(BATCHES))


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code + _MODULES],
        check=True,
        capture_output=True,
        text=True,
    )
    return set(result.stdout.split())


def measure_cold(settings: Settings) -> list[Row]:
    """Figure 2: a fresh process that renders one kit against bare imports."""
    ours, base, ratio, ratios = _side_by_side(
        lambda: _fastest_process(COLD_REJECTKIT),
        lambda: _fastest_process(COLD_BASELINE),
        settings.cold_rounds,
    )
    import_only = statistics.median(
        _fastest_process(COLD_IMPORT_ONLY) for _ in range(settings.cold_rounds)
    )
    extra = _modules_after(COLD_REJECTKIT) - _modules_after(COLD_BASELINE)
    why = {
        "cattrs": "cattrs (only loading and to_dict need it)",
        "tomllib": "tomllib (only TOML needs it)",
        "importlib.metadata": "importlib.metadata and email (to read the entry points)",
        "email.message": "email.message",
    }
    if "importlib.metadata" in extra:
        extra.discard("email.message")
    loaded = [text for module, text in why.items() if module in extra]
    note = f"; import alone {import_only * 1e3:.0f} ms"
    if loaded:
        note += f"; also loads {', '.join(loaded)}"
    return [
        Row(
            "2. Cold start: import rejectkit and render one English kit",
            f"{ours * 1e3:.0f} ms{note}",
            f"`import jinja2, babel.dates, attrs` {base * 1e3:.0f} ms",
            f"{ratio:.2f}x",
            f"≤ {COLD_TARGET}x",
            _ratio_verdict(ratio, COLD_TARGET),
            _spread(ratios),
        )
    ]


# --- 3. memory ---------------------------------------------------------------


def memory_worker(messages: int, first: int) -> dict[str, float]:
    """Render *messages* messages from distinct applications, keeping none.

    Args:
        messages: How many messages to render.
        first: After how many to take the first reading of peak RSS.

    Returns:
        The peak RSS after *first* messages and at the end, in MB, the
        number of messages and kits, and the time taken.
    """
    locales = [str(locale) for locale in rejectkit.supported_locales()]
    tones = list(Tone)
    count = kits = 0
    first_peak = 0.0
    start = time.perf_counter()
    while count < messages:
        locale = locales[kits % len(locales)]
        tone = tones[(kits // len(locales)) % len(tones)]
        for message in rejectkit.compose(
            make_application(kits), locale=locale, tone=tone
        ):
            _ = message.subject, message.text
            count += 1
            if count == first:
                first_peak = _peak_rss_mb()
        kits += 1
    return {
        "first_peak_mb": first_peak,
        "end_peak_mb": _peak_rss_mb(),
        "messages": count,
        "kits": kits,
        "seconds": time.perf_counter() - start,
    }


def measure_memory(settings: Settings) -> list[Row]:
    """Figure 3: peak RSS growth while streaming messages, in a fresh process."""
    worker = [
        sys.executable,
        __file__,
        "--memory-worker",
        str(settings.memory_messages),
        str(settings.memory_first),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(  # noqa: S603 - our own interpreter and script
            _with_peak(worker, Path(tmp) / "peak"),
            check=True,
            capture_output=True,
            text=True,
        )
    data = json.loads(result.stdout)
    growth = data["end_peak_mb"] - data["first_peak_mb"]
    met = growth < MEMORY_TARGET_MB
    return [
        Row(
            f"3. Memory: {data['messages']:,} messages from {data['kits']:,} "
            "distinct applications, 11 languages, both tones",
            f"peak RSS {data['first_peak_mb']:.1f} MB after "
            f"{settings.memory_first:,}, {data['end_peak_mb']:.1f} MB at the end; "
            f"{data['messages'] / data['seconds']:,.0f} messages/s",
            "",
            f"{growth:+.1f} MB",
            f"< {MEMORY_TARGET_MB:.0f} MB growth",
            "met" if met else f"**missed** by {growth - MEMORY_TARGET_MB:.1f} MB",
            "one run of the whole stream",
        )
    ]


# --- 4. scale-out ------------------------------------------------------------


def render_kit(application: Application) -> rejectkit.Kit:
    """Render the kit for one application, as a worker process does.

    Args:
        application: The application.

    Returns:
        The kit, its text forms rendered.
    """
    kit = rejectkit.compose(application)
    for message in kit:
        _ = message.text
    return kit


def render_batch(
    applications: Sequence[Application], workers: int
) -> list[rejectkit.Kit]:
    """Render a batch across *workers* processes: the documented pattern.

    Args:
        applications: The batch.
        workers: How many processes to use.

    Returns:
        The kits, in the order of *applications*.
    """
    chunksize = max(1, len(applications) // (workers * 16))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render_kit, applications, chunksize=chunksize))


def measure_scale_out(settings: Settings) -> list[Row]:
    """Figure 4, for comparison: objects pickled to a pool and back."""
    cores = os.cpu_count() or 1
    batch = [make_application(n) for n in range(settings.scale_kits)]
    if render_batch(batch, cores) != [render_kit(a) for a in batch]:
        sys.exit("the process pool rendered different kits")
    cpu: dict[str, list[float]] = {"one": [], "every": []}

    def one() -> float:
        start, cpu_start = time.perf_counter(), time.process_time()
        for application in batch:
            render_kit(application)
        cpu["one"].append(time.process_time() - cpu_start)
        return time.perf_counter() - start

    def every() -> float:
        start, cpu_start = time.perf_counter(), _cpu_with_children()
        render_batch(batch, cores)
        cpu["every"].append(_cpu_with_children() - cpu_start)
        return time.perf_counter() - start

    one_s, every_s, ratio, ratios = _side_by_side(one, every, settings.scale_rounds)
    one_cpu, every_cpu = statistics.median(cpu["one"]), statistics.median(cpu["every"])
    ceiling = cores * one_cpu / every_cpu
    return [
        Row(
            f"4. Scale-out, objects both ways: {len(batch):,} English kits, "
            "ProcessPoolExecutor.map over Application objects",
            f"{cores} processes {every_s:.2f} s, pool start included "
            f"({every_cpu:.2f} s of CPU in all)",
            f"1 process {one_s:.2f} s ({one_cpu:.2f} s of CPU)",
            f"{ratio:.2f}x faster; CPU ceiling {ceiling:.2f}x",
            "",
            "for comparison: not the documented pattern",
            _spread(ratios),
        )
    ]


def render_share(source: Path, target: Path) -> int:
    """Write the kit of every application in *source*, as a batch worker does.

    The documented pattern for a batch on every core: each worker reads its
    own share of the input and writes its own output, so only two paths
    cross the process boundary.

    Args:
        source: JSON Lines, one application per line.
        target: Where to write JSON Lines, one `Kit.to_dict` per line.

    Returns:
        How many kits were written.
    """
    count = 0
    with (
        source.open(encoding="utf-8") as lines,
        target.open("w", encoding="utf-8") as out,
    ):
        for line in lines:
            kit = rejectkit.compose(rejectkit.loads(line))
            out.write(json.dumps(kit.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def _split(batch: Path, parts: int) -> list[Path]:
    """Split a JSON Lines file into *parts* files of consecutive lines."""
    lines = batch.read_text(encoding="utf-8").splitlines(keepends=True)
    share = -(-len(lines) // parts)
    paths = []
    for index in range(parts):
        part = batch.with_name(f"{batch.stem}-{index}.jsonl")
        part.write_text("".join(lines[index * share : (index + 1) * share]), "utf-8")
        paths.append(part)
    return paths


def measure_shares(settings: Settings) -> list[Row]:
    """Figure 4, as a batch job runs: each worker reads and writes its own share."""
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        _write_jsonl(batch, settings.scale_kits)
        sources = _split(batch, cores)
        targets = [source.with_suffix(".out") for source in sources]
        serial_out = batch.with_suffix(".out")
        render_share(batch, serial_out)
        cpu: dict[str, list[float]] = {"one": [], "every": []}

        def one() -> float:
            start, cpu_start = time.perf_counter(), time.process_time()
            render_share(batch, serial_out)
            cpu["one"].append(time.process_time() - cpu_start)
            return time.perf_counter() - start

        def every() -> float:
            start, cpu_start = time.perf_counter(), _cpu_with_children()
            with ProcessPoolExecutor(max_workers=cores) as pool:
                written = sum(pool.map(render_share, sources, targets))
            cpu["every"].append(_cpu_with_children() - cpu_start)
            if written != settings.scale_kits:
                sys.exit(f"the workers wrote {written} kits")
            return time.perf_counter() - start

        one_s, every_s, ratio, ratios = _side_by_side(one, every, settings.scale_rounds)
        joined = "".join(t.read_text(encoding="utf-8") for t in targets)
        if joined != serial_out.read_text(encoding="utf-8"):
            sys.exit("the workers wrote different kits from the single process")
    if cores < 2:  # noqa: PLR2004
        verdict = "not measured: one core"
    elif ratio >= SPEEDUP_TARGET:
        verdict = "met"
    else:
        verdict = f"**missed**: {ratio:.2f}x against {SPEEDUP_TARGET}x"
    one_cpu, every_cpu = statistics.median(cpu["one"]), statistics.median(cpu["every"])
    return [
        Row(
            f"4. Scale-out: {settings.scale_kits:,} English kits, JSON Lines in and "
            "out, each ProcessPoolExecutor worker reading and writing its own share",
            f"{cores} processes {every_s:.2f} s, pool start included "
            f"({every_cpu:.2f} s of CPU in all)",
            f"1 process {one_s:.2f} s ({one_cpu:.2f} s of CPU)",
            f"{ratio:.2f}x faster; CPU ceiling {cores * one_cpu / every_cpu:.2f}x",
            f"≥ {SPEEDUP_TARGET}x on two cores",
            verdict,
            _spread(ratios),
        )
    ]


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- 5. CLI batch ------------------------------------------------------------


def _write_jsonl(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for index in range(lines):
            out.write(json.dumps(make_application(index).to_dict(), ensure_ascii=False))
            out.write("\n")


def _run_cli(path: Path, lines: int) -> tuple[float, float]:
    """Run ``rejectkit compose --jsonl`` on *path*; return seconds and peak MB."""
    command = [sys.executable, "-m", "rejectkit", "compose", "--jsonl"]
    peak_file = path.with_suffix(".peak")
    with (
        path.open("rb") as stdin,
        subprocess.Popen(  # noqa: S603 - our own interpreter
            _with_peak([*command, "--locale", "en"], peak_file),
            stdin=stdin,
            stdout=subprocess.PIPE,
        ) as process,
    ):
        start = time.perf_counter()
        assert process.stdout is not None  # noqa: S101
        written = 0
        while chunk := process.stdout.read(1 << 20):
            written += chunk.count(b"\n")
        status = process.wait()
        seconds = time.perf_counter() - start
    if status != 0 or written != lines:
        sys.exit(f"rejectkit compose --jsonl: status {status}, {written}/{lines} lines")
    return seconds, _read_peak_mb(peak_file)


def measure_cli(settings: Settings) -> list[Row]:
    """Figure 5: the CLI over a JSON Lines batch, and its peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "batch.jsonl"
        small = Path(tmp) / "small.jsonl"
        _write_jsonl(big, settings.cli_lines)
        with (
            big.open(encoding="utf-8") as source,
            small.open("w", encoding="utf-8") as out,
        ):
            for _ in range(settings.cli_small_lines):
                out.write(source.readline())
        _, small_peak = _run_cli(small, settings.cli_small_lines)
        seconds, big_peak = _run_cli(big, settings.cli_lines)
        split = _cli_split_row(settings, small)
    growth = big_peak - small_peak
    return [
        split,
        Row(
            f"5. CLI batch: `rejectkit compose --jsonl`, {settings.cli_lines:,} "
            "applications",
            f"{seconds:.1f} s, {settings.cli_lines / seconds:,.0f} lines/s, "
            f"peak RSS {big_peak:.1f} MB",
            f"{settings.cli_small_lines:,} lines: peak RSS {small_peak:.1f} MB",
            f"{growth:+.1f} MB",
            f"constant memory (< {CLI_GROWTH_TARGET_MB:.0f} MB growth)",
            "met"
            if growth < CLI_GROWTH_TARGET_MB
            else f"**missed** by {growth - CLI_GROWTH_TARGET_MB:.1f} MB",
        ),
    ]


def _run_cli_processes(parts: Sequence[Path]) -> tuple[float, float]:
    """Run one ``compose --jsonl`` per part at once; return seconds and CPU."""
    command = [sys.executable, "-m", "rejectkit", "compose", "--jsonl"]
    cpu_start = _cpu_with_children()
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        processes = [
            stack.enter_context(
                subprocess.Popen(  # noqa: S603 - our own interpreter
                    [*command, str(part), "--locale", "en"],
                    stdout=subprocess.DEVNULL,
                )
            )
            for part in parts
        ]
        statuses = [process.wait() for process in processes]
    seconds = time.perf_counter() - start
    if any(statuses):
        sys.exit(f"rejectkit compose --jsonl exited with {statuses}")
    return seconds, _cpu_with_children() - cpu_start


def _cli_split_row(settings: Settings, batch: Path) -> Row:
    """Figure 4, without pickling: the batch split across CLI processes."""
    cores = os.cpu_count() or 1
    lines = batch.read_text(encoding="utf-8").count("\n")
    parts = _split(batch, cores)
    cpu: dict[str, list[float]] = {"one": [], "every": []}

    def run(name: str, files: Sequence[Path]) -> float:
        seconds, used = _run_cli_processes(files)
        cpu[name].append(used)
        return seconds

    one_s, every_s, ratio, ratios = _side_by_side(
        lambda: run("one", [batch]),
        lambda: run("every", parts),
        settings.scale_rounds,
    )
    one_cpu, every_cpu = statistics.median(cpu["one"]), statistics.median(cpu["every"])
    ceiling = cores * one_cpu / every_cpu
    if cores < 2:  # noqa: PLR2004
        verdict = "not measured: one core"
    elif ratio >= SPEEDUP_TARGET:
        verdict = "met"
    else:
        verdict = f"**missed**: {ratio:.2f}x against {SPEEDUP_TARGET}x"
    return Row(
        f"4. Scale-out with the CLI: {lines:,} JSON lines split across "
        "`rejectkit compose --jsonl` processes",
        f"{cores} processes {every_s:.2f} s ({every_cpu:.2f} s of CPU)",
        f"1 process {one_s:.2f} s ({one_cpu:.2f} s of CPU)",
        f"{ratio:.2f}x faster; CPU ceiling {ceiling:.2f}x",
        f"≥ {SPEEDUP_TARGET}x on two cores",
        verdict,
        _spread(ratios),
    )


# --- report ------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def _environment() -> list[str]:
    from importlib.metadata import version  # noqa: PLC0415

    packages = ", ".join(
        f"{name} {version(name)}" for name in ("jinja2", "babel", "attrs", "cattrs")
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    machine = f"{_cpu_model()}, {os.cpu_count()} cores (load average {load})"
    system = f"{platform.system()} {platform.release()}"
    return [
        f"- Date: {dt.datetime.now(tz=dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine}, {system}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- rejectkit {rejectkit.__version__} at commit {_commit()}; {packages}",
    ]


def table(rows: Sequence[Row]) -> str:
    """Return the rows as two Markdown tables: the ratios, then what was timed.

    Two narrow tables instead of one wide one, so the page reads on a laptop
    screen without scrolling sideways.
    """
    lines = [
        "| Figure | Ratio | Rounds: min / median / max | Target | Result |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines.extend(
        f"| {r.figure} | {r.ratio} | {r.spread} | {r.target} | {r.verdict} |"
        for r in rows
    )
    lines += [
        "",
        "What each figure timed:",
        "",
        "| Figure | rejectkit | Baseline |",
        "| --- | --- | --- |",
    ]
    lines.extend(f"| {r.figure} | {r.measured} | {r.baseline} |" for r in rows)
    return "\n".join(lines)


REPORT: Final = string.Template("""\
# Benchmarks

Written by `nox -s bench` (`python bench/bench.py --write docs/benchmarks.md`);
do not edit by hand. Each figure is the median over repeated rounds, measured
side by side with its baseline in the same run, so the ratio is what to read;
the min / median / max column gives the spread of the per-round ratios, each
round timing both sides back to back, in alternating order. In a round, each
side of the warm and cold-start figures is timed three times in a row and
the fastest counts, as `timeit` advises: other work on a shared machine only
ever adds time.

$environment
- Mode: $mode

$table

## How each figure is taken

1. **Warm render**: `rejectkit.generate("feedback-request", ...)` for the
   sample application in German, formal, three topics, subject and text,
   after one render has filled the caches; against one `jinja2.Template`
   holding the finished German text with plain `{{ }}` substitutions,
   rendered with the interview date and the topic list formatted by Babel
   (a `babel.Locale` parsed once) in the same loop. Both outputs are compared
   for equality first. rejectkit keeps formatted dates and the topic list
   in bounded caches keyed by locale, so here the floor does a little more
   Babel work than rejectkit. The warm kit rows compose the whole sample
   kit in English, German and Japanese and give the time per message
   against the same floor, round by round.
2. **Cold start**: wall time of `python -c` running `import rejectkit` and
   rendering the text of the English sample kit, against
   `python -c "import jinja2, babel.dates, attrs"`; interpreter start-up is
   in both.
3. **Memory**: a fresh process renders the kits of distinct generated
   applications (each with its own link, requisition and addresses),
   rotating through the languages and tones and keeping nothing; peak RSS
   (`ru_maxrss`) is read after the first $memory_first messages and at the
   end.
4. **Scale-out**: a batch of generated applications as JSON Lines, run
   through the pattern below: `render_share` over the whole file in one
   process, against a `ProcessPoolExecutor` with one worker per core, each
   given its own share of the lines; pool start-up included, and the
   workers' output is checked equal to the single process's. The CPU time
   of each side (the pool's includes its workers) gives the *CPU ceiling*,
   cores x serial CPU / pool CPU: the speed-up the same work would reach
   with every core free, which tells the pattern's own overhead apart from
   other work competing for the cores. The second row, for comparison,
   sends `Application` objects to the pool and gets `Kit` objects back,
   pickled both ways, against rendering them in one process. The third
   splits the CLI batch's first $cli_small lines into one file per core and
   runs one `rejectkit compose --jsonl` on each at once, against one
   process on all of them, interpreter start-up included.
5. **CLI batch**: `python -m rejectkit compose --jsonl --locale en` with a
   file of generated applications on standard input, the output read
   through a pipe and every line counted; peak RSS of the command for
   $cli_small lines and for $cli_lines.

## Rendering a batch on every core

Rendering is CPU work, so a batch spreads across processes, and what
crosses the process boundary decides how well. Pickling an application in
and its kit back costs about as much as rendering it (the second
scale-out row), so the pattern that scales is the one a batch job has
anyway: each worker reads its own share of the input and writes its own
output, and only two paths cross.

```python title="batch.py"
import json
import math
from pathlib import Path

import rejectkit


# Writes the kit of every application in source, one JSON object a line.
def render_share(source: Path, target: Path) -> int:
    count = 0
    with (
        source.open(encoding="utf-8") as lines,
        target.open("w", encoding="utf-8") as out,
    ):
        for line in lines:
            kit = rejectkit.compose(rejectkit.loads(line), locale="de")
            out.write(json.dumps(kit.to_dict(), ensure_ascii=False) + "\\n")
            count += 1
    return count
```

```python
import json
import math
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import rejectkit

sys.path.insert(0, ".")  # batch.py, above, is in the working directory
from batch import render_share

line = json.dumps(rejectkit.sample_application().to_dict())
with tempfile.TemporaryDirectory() as tmp:
    shares = [Path(tmp, f"share-{n}.jsonl") for n in range(2)]
    for share in shares:
        share.write_text(f"{line}\\n" * 4, encoding="utf-8")
    outputs = [share.with_suffix(".out") for share in shares]
    with ProcessPoolExecutor(max_workers=2) as pool:
        print(sum(pool.map(render_share, shares, outputs)))
# > 8
```

Applications, messages, kits, generators and rejectkit's errors pickle, and
rendering is thread-safe, so `pool.map(render_kit, applications)` over
`Application` objects works too; on two cores it is no faster than one
process. On the command line, `rejectkit compose --jsonl` streams one
application per line in and one kit per line out in constant memory; split
the input to run one per core (the third scale-out row).

## Where the warm render's work goes, and the cold start

A rendered message is more than its text. Besides its template, rejectkit
writes the letter frame (the greeting by form of address and title, the
closing, the signature, right-to-left isolation, lower case after a German
greeting, the Japanese opening line), works out the recipients, the thread
and the suggested send date, and returns a `Message` whose parts the HTML,
email and dict forms are built from. The floor is the finished German text
of one situation with ten substitutions, written for one person in one
language. The profile below shows the time spread over that work, with no
part near half of it.

Counted in CPU instructions with valgrind's cachegrind, which machine noise
does not move, a warm German request costs about 239,000 instructions
against the floor's 169,000 (1.42x; it was 309,000 at commit fba8b00). The
template takes about 52,000, and laying out its paragraphs 28,000. The
letter frame takes 32,000, the values the template reads 22,000, and the
`Message` with its text 18,000. The remaining 88,000 go to finding the
kind, the locale and the options, making the render context, the subject
line, lowering the first word and the send-by date. What brought it down:

- A built-in kind works out only the values its own letter can read. A
  loaded template records every name its compiled code could look up, a
  superset taken from the code's constants, so a letter that does not
  mention the candidate's or the manager's name, the team, the highlight,
  the stage or the number of conversations does not pay for them.
  `TemplateGenerator.variables()` still gives every value.
- Calls on the render path pass their arguments by position: a Python call
  with fifteen keywords costs several times one without.
- The frame is written out in one place, full names are written with an
  f-string where the language's pattern allows, and the last interview is
  found once per render context.

A cold start builds rejectkit's sixteen attrs classes and loads the
locale's CLDR data. Babel's first English date loads and merges its root,
English and global data, which costs about a fifth as much as the bare
imports. The wheel ships each kind's templates compiled for every language
(used while the installed Jinja2 release and each template's source and
catalog match what they were compiled from, compiled on first use
otherwise), and the entry points of plugins are read only where an
installed package declares some. Importing rejectkit loads nothing that a
render does not need: cattrs and the template sandbox load on first use.

## Where the warm render's time goes

$profile
""")


def document(settings: Settings, rows: Sequence[Row], profile: str) -> str:
    """Return docs/benchmarks.md."""
    mode = (
        f"{settings.name}; {settings.rounds} rounds of {settings.warm_calls:,} "
        f"warm renders; {settings.cold_rounds} cold starts of each kind"
    )
    return REPORT.substitute(
        environment="\n".join(_environment()),
        mode=mode,
        table=table(rows),
        memory_first=f"{settings.memory_first:,}",
        cli_small=f"{settings.cli_small_lines:,}",
        cli_lines=f"{settings.cli_lines:,}",
        profile=profile,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark.

    Args:
        argv: The arguments; ``sys.argv[1:]`` by default.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--smoke", action="store_true", help="small inputs, seconds not minutes"
    )
    parser.add_argument(
        "--write", type=Path, metavar="PATH", help="write the Markdown report here"
    )
    parser.add_argument(
        "--only",
        choices=("warm", "cold", "memory", "scale", "cli"),
        action="append",
        help="run only these figures (repeat)",
    )
    parser.add_argument(
        "--memory-worker", nargs=2, type=int, metavar=("MESSAGES", "FIRST"),
        help=argparse.SUPPRESS,
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.memory_worker:
        sys.stdout.write(json.dumps(memory_worker(*args.memory_worker)) + "\n")
        return 0
    if args.smoke and args.write:
        parser.error("a smoke run never writes the report")
    if args.only and args.write:
        parser.error("the report needs every figure; drop --only")
    settings = SMOKE if args.smoke else FULL
    figures: dict[str, Callable[[Settings], list[Row]]] = {
        "warm": measure_warm,
        "cold": measure_cold,
        "memory": measure_memory,
        "scale": lambda settings: [
            *measure_shares(settings),
            *measure_scale_out(settings),
        ],
        "cli": measure_cli,
    }
    rows: list[Row] = []
    for name, measure in figures.items():
        if args.only and name not in args.only:
            continue
        start = time.perf_counter()
        rows.extend(measure(settings))
        sys.stderr.write(f"{name}: {time.perf_counter() - start:.1f} s\n")
    profile = profile_warm(settings)
    sys.stdout.write("\n".join(_environment()) + "\n\n" + table(rows) + "\n\n")
    sys.stdout.write(profile + "\n")
    if args.write:
        args.write.write_text(document(settings, rows, profile), encoding="utf-8")
        sys.stderr.write(f"wrote {args.write}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
