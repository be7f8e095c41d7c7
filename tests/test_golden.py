"""Every kit in every language kept as golden files, so wording changes show in review.

Run with ``REJECTKIT_UPDATE_GOLDEN=1`` to rewrite the files after an
intended change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import rejectkit
from rejectkit._i18n import SUPPORTED_LOCALES
from tests.situations import SITUATIONS

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REJECTKIT_UPDATE_GOLDEN") == "1"


def describe(kit: rejectkit.Kit) -> str:
    """Write a kit as a reviewable document: headers, then each text."""
    parts = []
    for message in kit:
        to = ", ".join(
            f"{r.name} <{r.email}>" if r.name else r.email for r in message.recipients
        )
        headers = [
            f"Kind: {message.kind}",
            f"Audience: {message.audience.value}",
            f"To: {to or '-'}",
            f"Send by: {message.send_by.isoformat() if message.send_by else '-'}",
            f"In-Reply-To: {message.in_reply_to or '-'}",
            f"Subject: {message.subject}",
        ]
        parts.append("\n".join(headers) + "\n\n" + message.text)
    return ("=" * 72 + "\n").join(parts)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("tone", list(rejectkit.Tone), ids=lambda t: t.value)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_kit_matches_golden_file(
    situation: str, tone: rejectkit.Tone, locale: str
) -> None:
    application, bundle = SITUATIONS[situation]
    kit = rejectkit.compose(application, tone=tone, bundle=bundle, locale=locale)
    path = GOLDEN / locale / f"{situation}.{tone.value}.txt"
    rendered = describe(kit)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with REJECTKIT_UPDATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8")
