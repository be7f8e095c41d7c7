"""The example plugin is found, renders in English and German, and replaces thank-hr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from rejectkit_referral import ReferralAsk, SameDayThankHr

import rejectkit
from rejectkit.catalogs import check_catalogs
from rejectkit.testing import applications, check_generator

SAMPLE = rejectkit.sample_application()


def test_its_catalogs_pass_the_checks_rejectkit_runs_on_its_own() -> None:
    root = Path(__file__).parent.parent
    locale = root / "src" / "rejectkit_referral" / "locale"
    assert check_catalogs(locale, mapping=root / "babel.cfg") == []


def test_the_kind_is_discovered_through_its_entry_point() -> None:
    assert "referral-ask" in rejectkit.kinds()
    assert type(rejectkit.registry.get("referral-ask")) is ReferralAsk
    assert "entry point 'referral-ask'" in rejectkit.registry.origin("referral-ask")


def test_it_meets_the_rules_every_built_in_meets() -> None:
    messages = check_generator(ReferralAsk)
    assert {m.locale for m in messages} == {"en", "de"}


@pytest.mark.parametrize(
    ("locale", "greeting", "phrase"),
    [
        ("en", "Dear Dr. Raman,", "pointing me to the right person"),
        ("de", "Sehr geehrte Frau Dr. Raman,", "passende Ansprechperson"),
    ],
)
def test_it_renders_in_both_languages(locale: str, greeting: str, phrase: str) -> None:
    message = rejectkit.generate("referral-ask", SAMPLE, locale=locale)
    assert message.locale == locale
    assert message.greeting == greeting
    assert phrase in message.text


def test_british_readers_keep_the_british_frame() -> None:
    message = rejectkit.generate("referral-ask", SAMPLE, locale="en-GB")
    assert message.locale == "en_GB"
    assert message.closing == "Yours sincerely,"
    assert "pointing me to the right person" in message.text


def test_other_languages_get_the_whole_message_in_english() -> None:
    message = rejectkit.generate("referral-ask", SAMPLE, locale="ja")
    assert (message.locale, message.requested_locale) == ("en", "ja")
    assert message.greeting == "Dear Dr. Raman,"


def test_it_joins_a_kit_only_when_asked() -> None:
    assert "referral-ask" not in rejectkit.compose(SAMPLE).kinds
    kit = rejectkit.compose(SAMPLE, kinds=["referral-ask", "thank-hr"])
    assert kit.kinds == ("referral-ask", "thank-hr")


def test_it_replaces_the_built_in_thanks_to_hr() -> None:
    assert type(rejectkit.registry.get("thank-hr")) is SameDayThankHr
    message = rejectkit.generate("thank-hr", SAMPLE)
    assert message.send_by == SAMPLE.outcome.told_on


def test_the_command_line_lists_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rejectkit", "kinds"],
        capture_output=True,
        text=True,
        check=True,
    )
    kinds = [line.split()[0] for line in result.stdout.splitlines()]
    assert "referral-ask" in kinds
    assert result.stderr == ""


@settings(max_examples=30, deadline=None)
@given(applications())
def test_it_renders_for_any_application_it_applies_to(
    application: rejectkit.Application,
) -> None:
    if ReferralAsk().applies_to(application):
        message = rejectkit.generate("referral-ask", application, locale="de")
        assert application.role.title in message.text


def test_registrations_in_a_test_do_not_leak(
    isolated_registry: rejectkit.Registry,
) -> None:
    isolated_registry.unregister("referral-ask")
    assert "referral-ask" not in rejectkit.kinds()
