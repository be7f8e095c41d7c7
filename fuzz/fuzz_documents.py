"""Fuzz rejectkit from bytes to every output form.

Each input is a document: JSON when it starts with ``{`` (after white
space), TOML otherwise. It is loaded with `rejectkit.loads`; a document that
loads is composed in a locale, tone and bundling picked from the input's
CRC, and every message is rendered as text, HTML, a dict and an email. The
only exception allowed to leave is `rejectkit.RejectkitError`, raised by
loading or composing; rendering a kit that was composed must not fail at
all. Invariants checked on the way:

- ``Application.from_dict(app.to_dict()) == app``, and ``to_dict()`` passes
  ``json.dumps(..., allow_nan=False)``;
- an email carries exactly the headers rejectkit sets.

Run it through nox, which installs atheris (Linux x86_64, Python 3.11 to
3.13)::

    nox -s fuzz -- 600        # ten minutes
    nox -s fuzz_smoke         # a few seconds, as CI runs it

Any other arguments are passed to libFuzzer. A crash is written to
``fuzz/crashes/``; add it to ``REGRESSIONS`` in ``tests/hostile.py`` so
that the test suite replays it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import warnings
import zlib
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import rejectkit
    from rejectkit import _i18n

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
LOCALES = (*_i18n.SUPPORTED_LOCALES, "de_AT", "pt", "ar", "he", "zz")
DATE = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.UTC)
MESSAGE_ID = "<fuzz@rejectkit.example>"
HEADERS = frozenset(
    {
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "content-language",
        "mime-version",
        "content-type",
    }
)


def render_everything(document: bytes) -> None:
    """Load *document*, compose its kit and render every output form.

    Args:
        document: The raw document.

    Raises:
        rejectkit.RejectkitError: The document or the composition was
            refused; the only error a caller may see.
        AssertionError: An invariant does not hold.
    """
    form = "json" if document.lstrip()[:1] == b"{" else "toml"
    application = rejectkit.loads(document, format=form)
    data = application.to_dict()
    json.dumps(data, allow_nan=False)
    assert rejectkit.Application.from_dict(data) == application  # noqa: S101

    choice = zlib.crc32(document)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kit = rejectkit.compose(
            application,
            locale=LOCALES[choice % len(LOCALES)],
            tone=("formal", "warm")[(choice >> 8) % 2],
            bundle=bool((choice >> 9) % 2),
        )
    json.dumps(kit.to_dict(), allow_nan=False)
    for message in kit:
        assert message.text.endswith("\n")  # noqa: S101
        assert message.html.startswith("<!DOCTYPE html>")  # noqa: S101
        email = message.to_email(date=DATE, message_id=MESSAGE_ID)
        names = {name.lower() for name in email}
        assert names <= HEADERS, names  # noqa: S101
        email.as_bytes()


def test_one_input(data: bytes) -> None:
    """Run one fuzz input; see the module docstring."""
    try:
        render_everything(data)
    except rejectkit.RejectkitError:
        return


def _dictionary(path: Path) -> Path:
    # Every key and enum value of the schema, so mutations find fields.
    from rejectkit._schema import json_schema  # noqa: PLC0415

    tokens: set[str] = {"{", "}", "[", "]", ":", ",", "null", "true", '"format"'}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties":
                    tokens.update(json.dumps(name) for name in value)
                if key == "enum":
                    tokens.update(json.dumps(item) for item in value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json_schema())
    path.write_text(
        "".join(f"{json.dumps(token)}\n" for token in sorted(tokens)), "utf-8"
    )
    return path


def main() -> None:
    """Start libFuzzer with the seeds and a dictionary of the document's keys."""
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    (HERE / "crashes").mkdir(exist_ok=True)
    argv = [
        sys.argv[0],
        f"-dict={_dictionary(corpus.parent / 'documents.dict.tmp')}",
        f"-artifact_prefix={HERE / 'crashes'}/",
        "-timeout=20",
        "-rss_limit_mb=4096",
        *sys.argv[1:],
        str(corpus),
        str(SEEDS),
    ]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
