"""Localization: locale choice, catalogs, conventions, plurals, dates and lists."""

from __future__ import annotations

import configparser
import datetime as dt
import gettext
import io
import re
import shutil
import types
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs
import babel
import jinja2
import pytest
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.pofile import read_po, write_po
from hypothesis import given
from hypothesis import strategies as st

import rejectkit
from rejectkit import FormOfAddress, Tone, _letters
from rejectkit._i18n import (
    ENVIRONMENT_OPTIONS,
    SUPPORTED_LOCALES,
    conventions_for,
    environment,
    translations,
)
from rejectkit._i18n._check import check_catalogs
from rejectkit._i18n._conventions import OPENING, SENTENCES
from rejectkit.catalogs import extract_templates
from rejectkit.generators._builtin import TOPIC_NOUNS
from tests.situations import SAMPLE, SITUATIONS

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).parent.parent
LOCALE_DIR = ROOT / "src" / "rejectkit" / "locale"
KINDS = list(rejectkit.kinds())


@pytest.mark.parametrize(
    ("requested", "expected_requested", "expected_used"),
    [
        ("de", "de", "de"),
        ("de_DE", "de_DE", "de"),
        ("de-AT", "de_AT", "de"),
        ("pt-BR", "pt_BR", "pt_BR"),
        ("pt", "pt", "pt_BR"),
        ("pt_PT", "pt_PT", "pt_BR"),
        ("en-GB", "en_GB", "en_GB"),
        ("en_AU", "en_AU", "en"),
        ("en_US", "en_US", "en"),
        ("de_DE.UTF-8", "de_DE", "de"),
        ("fr_FR@euro", "fr_FR", "fr"),
        ("ru", "ru", "en"),
        ("C", "en", "en"),
        ("POSIX", "en", "en"),
        ("C.UTF-8", "en", "en"),
        (babel.Locale("ja", "JP"), "ja_JP", "ja"),
    ],
)
def test_locale_is_matched_and_reported(
    requested: str | babel.Locale, expected_requested: str, expected_used: str
) -> None:
    message = rejectkit.generate("stay-in-touch", SAMPLE, locale=requested)
    assert (message.requested_locale, message.locale) == (
        expected_requested,
        expected_used,
    )


def test_strict_locale_refuses_to_fall_back() -> None:
    with pytest.raises(rejectkit.UnsupportedLocaleError, match="'ru' is not supported"):
        rejectkit.generate("stay-in-touch", SAMPLE, locale="ru", strict_locale=True)
    message = rejectkit.generate(
        "stay-in-touch", SAMPLE, locale="de_AT", strict_locale=True
    )
    assert message.locale == "de"


NOT_LOCALES: list[object] = [
    "xx",
    "../../etc",
    "en\x00",
    "",
    42,
    None,
    "de_DE/../x",
    "e",
]


@pytest.mark.parametrize("value", NOT_LOCALES, ids=repr)
def test_not_a_locale_never_reaches_babel(
    value: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[str] = []
    real_load = babel.localedata.load
    real_exists = babel.localedata.exists

    def spy(name: str, merge_inherited: bool = True) -> object:
        loaded.append(name)
        return real_load(name, merge_inherited)

    def exists_spy(name: str) -> bool:
        # Babel checks the data file on disk before it loads it.
        loaded.append(name)
        return real_exists(name)

    monkeypatch.setattr(babel.localedata, "load", spy)
    monkeypatch.setattr(babel.localedata, "exists", exists_spy)
    with pytest.raises(rejectkit.UnsupportedLocaleError) as caught:
        rejectkit.generate("stay-in-touch", SAMPLE, locale=value)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    assert "supported: en, en_GB, de, fr, es, it, nl, pt_BR, pl, sv, ja" in str(
        caught.value
    )
    assert loaded == []


@pytest.mark.parametrize(
    ("mapping", "templates"),
    [
        (ROOT / "babel.cfg", "src/rejectkit/templates/**.txt"),
        (
            ROOT / "examples/rejectkit-referral/babel.cfg",
            "src/rejectkit_referral/templates/**.txt",
        ),
    ],
    ids=["rejectkit", "example-plugin"],
)
def test_babel_cfg_reads_templates_with_rejectkits_extractor(
    mapping: Path, templates: str
) -> None:
    config = configparser.ConfigParser()
    config.read(mapping, encoding="utf-8")
    section = f"rejectkit.catalogs.extract_templates: {templates}"
    assert section in config.sections()
    # No options: the extractor brings the runtime's own.
    assert dict(config[section]) == {}


class RecordingCatalog(gettext.NullTranslations):
    """Says which msgids a template looks up when it compiles."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str | None, str]] = set()

    def gettext(self, message: str) -> str:
        self.seen.add((None, message))
        return message

    def pgettext(self, context: str, message: str) -> str:
        self.seen.add((context, message))
        return message


def test_the_extractor_finds_the_msgids_rendering_looks_up() -> None:
    source = (
        "{% trans %}Thank you,\n    {{ manager }},   for your\n"
        "time.{% endtrans %}\n"
        "  {% if warm %}\n"
        "{% trans %}50%% of {{ company }}{% endtrans %}\n"
        "  {% endif %}\n"
    )
    extracted = {
        (None, message if isinstance(message, str) else str(message and message[0]))
        for _line, _function, message, _comments in extract_templates(
            io.BytesIO(source.encode()), ["gettext", "ngettext"], [], {"trimmed": "no"}
        )
    }
    catalog = RecordingCatalog()
    env = rejectkit._i18n.new_environment(jinja2.DictLoader({"t": source}), catalog)
    env.get_template("t")
    looked_up = catalog.seen - {(SENTENCES.context, SENTENCES.msgid)}
    assert extracted == looked_up
    # Trimmed despite the option given: the line breaks and their indent go.
    assert extracted == {
        (None, "Thank you, %(manager)s,   for your time."),
        (None, "50%%%% of %(company)s"),
    }


def test_the_runtime_environment_follows_its_options() -> None:
    env = rejectkit._i18n.environment("en")
    assert env.trim_blocks == ENVIRONMENT_OPTIONS["trim_blocks"]
    assert env.lstrip_blocks == ENVIRONMENT_OPTIONS["lstrip_blocks"]
    assert env.keep_trailing_newline == ENVIRONMENT_OPTIONS["keep_trailing_newline"]
    assert env.policies["ext.i18n.trimmed"] is ENVIRONMENT_OPTIONS["trimmed"]
    assert env.newstyle_gettext is ENVIRONMENT_OPTIONS["newstyle_gettext"]  # type: ignore[attr-defined]


def test_catalogs_are_complete_fresh_and_consistent() -> None:
    assert check_catalogs(LOCALE_DIR, "rejectkit", mapping=ROOT / "babel.cfg") == []


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    for name in ("babel.cfg",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(
        ROOT / "src",
        tmp_path / "src",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def test_stale_check_fails_when_a_template_string_changes(project_copy: Path) -> None:
    body = project_copy / "src/rejectkit/templates/_shared/keep-in-touch.txt"
    body.write_text(
        body.read_text(encoding="utf-8").replace(
            "I would be happy to talk again", "I would love to talk again"
        ),
        encoding="utf-8",
    )
    problems = check_catalogs(
        project_copy / "src/rejectkit/locale",
        "rejectkit",
        mapping=project_copy / "babel.cfg",
    )
    assert any("is stale" in p and "I would love to talk again" in p for p in problems)
    assert any("missing" in p and "I would love to talk again" in p for p in problems)


def test_template_syntax_errors_are_not_silent(project_copy: Path) -> None:
    body = project_copy / "src/rejectkit/templates/stay-in-touch/body.txt"
    body.write_text("{% trans %}Broken{% endif %}\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"endif|endtrans"):
        check_catalogs(
            project_copy / "src/rejectkit/locale",
            "rejectkit",
            mapping=project_copy / "babel.cfg",
        )


def test_placeholder_mismatch_is_found(project_copy: Path) -> None:
    po = project_copy / "src/rejectkit/locale/de/LC_MESSAGES/rejectkit.po"
    text = po.read_text(encoding="utf-8")
    # Drop the company placeholder from one translation.
    pattern = re.compile(
        r'(msgid "Staying in touch – %\(company\)s"\nmsgstr ")([^"]*)"'
    )
    assert pattern.search(text), "the German catalog lacks the expected entry"
    po.write_text(pattern.sub(r'\1Kontakt halten"', text), encoding="utf-8")
    problems = check_catalogs(
        project_copy / "src/rejectkit/locale",
        "rejectkit",
        mapping=project_copy / "babel.cfg",
    )
    assert any("Staying in touch" in p and "placeholders" in p for p in problems)
    assert any("older than" in p for p in problems)


@pytest.mark.parametrize(
    ("locale", "found"),
    [
        ("fr", True),  # form 0 serves 0 and 1
        ("pt_BR", True),  # form 0 serves 0 and 1
        ("ja", True),  # the one form serves every number
        ("de", False),  # form 0 serves 1 alone, so it may name no number
        ("pl", False),
    ],
)
def test_a_first_plural_form_serving_several_numbers_keeps_the_count(
    project_copy: Path, locale: str, *, found: bool
) -> None:
    po_path = project_copy / f"src/rejectkit/locale/{locale}/LC_MESSAGES/rejectkit.po"
    with po_path.open("rb") as stream:
        catalog = read_po(stream)
    (message,) = (m for m in catalog if isinstance(m.id, tuple) and "Thanks" in m.id[0])
    assert isinstance(message.string, tuple)
    first, *rest = message.string
    assert "%(count)s" in first
    message.string = (re.sub(r"%\(count\)s ?", "", first), *rest)
    with po_path.open("wb") as stream:
        write_po(stream, catalog)
    problems = [
        p
        for p in check_catalogs(
            project_copy / "src/rejectkit/locale",
            "rejectkit",
            mapping=project_copy / "babel.cfg",
        )
        if "plural form 0" in p
    ]
    assert bool(problems) is found, problems
    if found:
        assert "serves several numbers" in problems[0]
        assert "'count'" in problems[0]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("tone", list(Tone), ids=lambda t: t.value)
@pytest.mark.parametrize("form", list(FormOfAddress), ids=lambda f: f.value)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_language_tone_and_form_renders(
    kind: str, locale: str, tone: Tone, form: FormOfAddress
) -> None:
    application = _with_form(_application_for(kind), form)
    message = rejectkit.generate(
        kind, application, locale=locale, tone=tone, allow_uncustomary=True
    )
    assert message.locale == locale
    context = rejectkit.RenderContext(
        application=application, locale=locale, requested_locale=locale, tone=tone
    )
    assert message.greeting == context.greeting(message.audience)
    assert message.closing == context.closing(message.audience)
    if message.audience is not rejectkit.Audience.CANDIDATE:
        assert message.greeting
        assert message.closing
        assert application.candidate.name.given in message.text
        assert application.candidate.name.family in message.text
    # A reply to feedback answers a thread about the role; it names the role.
    if kind != "reply-feedback-received":
        assert application.role.company in message.text + message.subject
    assert application.role.title in message.text + message.subject
    for word in ("None", "{{", "{%", "%(", "  "):
        assert word not in message.text
    lines = message.text.splitlines()
    assert all(line == line.rstrip() for line in lines)


def _application_for(kind: str) -> rejectkit.Application:
    for application, _bundle in SITUATIONS.values():
        if rejectkit.registry.get(kind).applies_to(application):
            return application
    raise AssertionError(kind)  # pragma: no cover


def _with_form(
    application: rejectkit.Application, form: FormOfAddress
) -> rejectkit.Application:
    def change(contact: rejectkit.Contact | None) -> rejectkit.Contact | None:
        return None if contact is None else attrs.evolve(contact, form_of_address=form)

    return attrs.evolve(
        application,
        hiring_manager=change(application.hiring_manager),
        hr_contact=change(application.hr_contact),
    )


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_dates_and_lists_are_babels_own(locale: str) -> None:
    message = rejectkit.generate(
        "feedback-request", SAMPLE, locale=locale, allow_uncustomary=True
    )
    cldr = rejectkit._i18n.cldr(locale)
    date = format_date(SAMPLE.last_interview.date, "long", locale=cldr)  # type: ignore[union-attr]
    assert date in message.text
    catalog = translations(locale)
    nouns = [catalog.pgettext(p.context, p.msgid) for p in TOPIC_NOUNS.values()]
    assert format_list(nouns, locale=cldr) in message.text


def test_english_regions_differ_where_they_really_do() -> None:
    us = rejectkit.compose(SAMPLE, locale="en_US")
    gb = rejectkit.compose(SAMPLE, locale="en_GB")
    assert "May 14, 2024" in us.by_kind("feedback-request").text
    assert "14 May 2024" in gb.by_kind("feedback-request").text
    assert "qualifications, experience, and fit" in us.by_kind("feedback-request").text
    assert "qualifications, experience and fit" in gb.by_kind("feedback-request").text
    assert "organized" in us.by_kind("thank-hr").text
    assert "organised" in gb.by_kind("thank-hr").text
    assert us.by_kind("thank-hr").closing == "Kind regards,"
    assert gb.by_kind("thank-hr").closing == "Yours sincerely,"
    automated, _ = SITUATIONS["automated-notice"]
    team = rejectkit.generate("stay-in-touch", automated, locale="en_GB")
    assert (team.greeting, team.closing) == ("Dear Sir or Madam,", "Yours faithfully,")


def _greeting_words(form: FormOfAddress, locale: str, tone: Tone) -> set[str]:
    assert SAMPLE.hr_contact is not None
    hr = attrs.evolve(SAMPLE.hr_contact, form_of_address=form)
    application = attrs.evolve(SAMPLE, hr_contact=hr)
    message = rejectkit.generate("thank-hr", application, locale=locale, tone=tone)
    assert message.greeting is not None
    return {word.strip(",.:;!") for word in message.greeting.split()}


@pytest.mark.parametrize("tone", list(Tone), ids=lambda t: t.value)
def test_neutral_form_never_guesses_a_gender(tone: Tone) -> None:
    gendered_words = {"Ms", "Mr", "Frau", "Herr", "Madame", "Monsieur", "Sra"}
    gendered_words |= {"Sr", "Sig", "Sig.ra", "mevrouw", "heer", "Pani", "Panie"}
    marked = 0
    for locale in SUPPORTED_LOCALES:
        neutral = _greeting_words(FormOfAddress.NEUTRAL, locale, tone)
        # The words the language changes between a woman and a man.
        gendered = _greeting_words(FormOfAddress.FEMININE, locale, tone) ^ (
            _greeting_words(FormOfAddress.MASCULINE, locale, tone)
        )
        marked += bool(gendered)
        assert not neutral & (gendered | gendered_words), (locale, neutral)
    assert marked  # some language marks gender in this tone's greeting


@pytest.mark.parametrize("locale", ["de", "pl", "sv"])
def test_first_word_after_a_comma_greeting_is_lower_case(locale: str) -> None:
    message = rejectkit.generate("thank-hr", SAMPLE, locale=locale)
    assert message.greeting is not None
    assert message.greeting.endswith(",")
    first = message.body.split()[0]
    polite = conventions_for(locale).keep_capitalized
    assert first[0].islower() or first in polite


def test_culture_leaves_out_what_is_not_customary() -> None:
    kit = rejectkit.compose(SAMPLE, locale="ja")
    assert "feedback-request" not in kit.kinds
    with pytest.warns(rejectkit.CultureWarning, match="not customary in 'ja'"):
        rejectkit.generate("feedback-request", SAMPLE, locale="ja")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rejectkit.generate(
            "feedback-request", SAMPLE, locale="ja", allow_uncustomary=True
        )
    bundled = rejectkit.compose(SAMPLE, locale="ja", bundle=True).by_kind(
        "hr-follow-up"
    )
    english = rejectkit.compose(SAMPLE, bundle=True).by_kind("hr-follow-up")
    assert "\n- " in english.body
    assert "\n- " not in bundled.body


def test_japanese_replies_are_sent_within_a_day() -> None:
    for message in rejectkit.compose(SAMPLE, locale="ja"):
        assert message.send_by == SAMPLE.outcome.told_on + dt.timedelta(days=1)


def test_japanese_letters_follow_japanese_structure() -> None:
    message = rejectkit.generate("thank-hr", SAMPLE, locale="ja")
    catalog = translations("ja")
    greeting = catalog.pgettext(
        "greeting: formal, neutral", "Dear %(given)s %(family)s,"
    )
    # The catalog writes family names first; a name in Latin letters keeps
    # its own order.
    assert greeting.index("%(family)s") < greeting.index("%(given)s")
    assert message.greeting == greeting % {"given": "Lee", "family": "Jordan"}
    assert message.greeting.startswith("Jordan Lee")
    opening = catalog.pgettext(OPENING.context, OPENING.msgid) % {"name": "Alex Morgan"}
    assert message.body.split("\n\n")[0] == opening
    assert message.signature[0] == "Alex Morgan"


@pytest.mark.parametrize(
    ("given", "family", "written"),
    [
        ("太郎", "山田", "山田 太郎"),
        ("Jordan", "Lee", "Jordan Lee"),
        ("Zoë", "Brontë", "Zoë Brontë"),
        ("ジョーダン", "リー", "リー ジョーダン"),
    ],
)
def test_japanese_writes_japanese_names_family_first_and_latin_ones_given_first(
    given: str, family: str, written: str
) -> None:
    assert SAMPLE.hr_contact is not None
    name = rejectkit.PersonName(given=given, family=family)
    hr = attrs.evolve(SAMPLE.hr_contact, name=name)
    candidate = attrs.evolve(SAMPLE.candidate, name=name)
    application = attrs.evolve(SAMPLE, hr_contact=hr, candidate=candidate)
    message = rejectkit.generate("thank-hr", application, locale="ja")
    assert message.greeting is not None
    assert message.greeting.startswith(written)
    assert message.signature[0] == written
    assert message.recipients[0].name == written
    # Other languages write every name given name first.
    german = rejectkit.generate("thank-hr", application, locale="de")
    assert german.signature[0] == f"{given} {family}"


_PATTERN_TEXT = st.text(st.sampled_from(" .,-()%sg様氏"), max_size=4)


@given(
    before=_PATTERN_TEXT,
    between=_PATTERN_TEXT,
    after=_PATTERN_TEXT,
    family_first=st.booleans(),
    given_name=st.text(min_size=1, max_size=5),
    family_name=st.text(min_size=1, max_size=5),
)
def test_a_full_name_is_written_as_its_pattern_says(
    *,
    before: str,
    between: str,
    after: str,
    family_first: bool,
    given_name: str,
    family_name: str,
) -> None:
    # However a translation writes the full-name pattern, the name is the
    # pattern filled in as the % operator fills it.
    first, second = ("family", "given") if family_first else ("given", "family")
    pattern = f"{before}%({first})s{between}%({second})s{after}"
    values = {"given": given_name, "family": family_name}
    try:
        expected = pattern % values
    except (KeyError, TypeError, ValueError):
        return  # not a pattern a catalog check lets through
    name = types.SimpleNamespace(given=given_name, family=family_name)
    write = _letters._locale_data("en", "en")._full_name_writer(pattern)
    assert write(name) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_html_carries_lang_and_dir(locale: str) -> None:
    message = rejectkit.generate("thank-hr", SAMPLE, locale=locale)
    assert f'<html lang="{locale.replace("_", "-")}" dir="ltr">' in message.html


def test_right_to_left_names_are_isolated() -> None:
    name = rejectkit.PersonName(given="דנה", family="כהן")
    assert SAMPLE.hr_contact is not None
    hr = attrs.evolve(SAMPLE.hr_contact, name=name)
    message = rejectkit.generate("thank-hr", attrs.evolve(SAMPLE, hr_contact=hr))
    assert message.greeting == "Dear \u2068דנה כהן\u2069,"
    assert "<p>Dear <bdi>דנה כהן</bdi>,</p>" in message.html
    assert message.recipients[0].name == "דנה כהן"


def _kit(locale: str) -> rejectkit.KitDict:
    return rejectkit.compose(SAMPLE, locale=locale).to_dict()


def test_threads_rendering_different_languages_get_their_own() -> None:
    locales = ["de", "ja"] * 4
    expected = [_kit(locale) for locale in locales]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(_kit, locales)) == expected


@pytest.fixture
def pseudo_locale() -> Iterator[str]:
    tag = rejectkit._i18n.install_pseudo_locale()
    try:
        yield tag
    finally:
        rejectkit._i18n.uninstall_pseudo_locale(tag)


def test_pseudo_locale_is_only_accepted_once_registered(pseudo_locale: str) -> None:
    message = rejectkit.generate("thank-hr", SAMPLE, locale="en-XA")
    assert message.locale == pseudo_locale
    rejectkit._i18n.uninstall_pseudo_locale(pseudo_locale)
    with pytest.raises(rejectkit.UnsupportedLocaleError):
        rejectkit.generate("thank-hr", SAMPLE, locale="en-XA")
    rejectkit._i18n.install_pseudo_locale(pseudo_locale)


@pytest.mark.parametrize("tone", list(Tone), ids=lambda t: t.value)
@pytest.mark.parametrize("kind", KINDS)
def test_no_text_bypasses_the_catalogs(
    pseudo_locale: str, kind: str, tone: Tone
) -> None:
    application = _application_for(kind)
    message = rejectkit.generate(kind, application, locale=pseudo_locale, tone=tone)
    text = f"{message.subject}\n{message.text}"
    caller = sorted(
        {
            *rejectkit.RenderContext(
                application=application, locale="en", requested_locale="en", tone=tone
            ).caller_text()
        },
        key=len,
        reverse=True,
    )
    for value in caller:
        text = text.replace(value, "")
    if application.last_interview is not None:
        text = text.replace(
            format_date(application.last_interview.date, "long", locale="en"), ""
        )
    # The list connector comes from CLDR, not from our catalog.
    text = re.sub(r"\band\b", "", text)
    leftovers = re.findall(r"[A-Za-z]{2,}", text)
    assert leftovers == [], f"not from the catalog: {leftovers}"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, None), (2, "2 rozmowy"), (5, "5 rozmów"), (22, "22 rozmowy")],
)
def test_polish_counts_conversations_with_three_plural_forms(
    count: int, expected: str | None
) -> None:
    interviews = tuple(
        rejectkit.Interview(date=dt.date(2024, 4, 1) + dt.timedelta(days=i))
        for i in range(count)
    )
    application = attrs.evolve(SAMPLE, interviews=interviews)
    body = rejectkit.generate("thank-hiring-manager", application, locale="pl").body
    first = body.split("\n\n")[0]
    catalog = translations("pl")
    assert (
        babel.Locale("pl").plural_form(count)
        == {1: "one", 2: "few", 5: "many", 22: "few"}[count]
    )
    if expected is None:
        assert "rozmow" in first
        assert not re.search(r"\d", first)
    else:
        assert expected in first
    # One interview has a sentence of its own; more take the plural forms.
    plural = (
        catalog.gettext(
            "Thank you for the time you spent with me discussing the %(role)s "
            "position at %(company)s."
        )
        if count == 1
        else catalog.ngettext(
            "Thank you for the time you gave me in our %(count)s conversation "
            "about the %(role)s position at %(company)s.",
            "Thank you for the time you gave me in our %(count)s conversations "
            "about the %(role)s position at %(company)s.",
            count,
        )
    )
    assert first == _lower_first(
        plural
        % {"count": count, "role": SAMPLE.role.title, "company": SAMPLE.role.company}
    )


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


# (locale, tone, form or "titled"/"team") -> (greeting, closing), as a native
# reader expects them; the table-driven test above checks every combination.
FRENCH_FORMAL_CLOSING = (
    "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées."
)
LETTER_FRAMES = [
    ("en", "formal", "feminine", "Dear Ms. Lee,", "Kind regards,"),
    ("en_GB", "formal", "feminine", "Dear Ms Lee,", "Yours sincerely,"),
    ("en_GB", "formal", "team", "Dear Sir or Madam,", "Yours faithfully,"),
    ("de", "formal", "titled", "Sehr geehrte Frau Dr. Raman,", "Mit freundlichen Grüßen"),  # noqa: E501
    ("de", "formal", "neutral", "Guten Tag Jordan Lee,", "Mit freundlichen Grüßen"),
    ("de", "warm", "feminine", "Liebe Jordan,", "Viele Grüße"),
    ("fr", "formal", "feminine", "Madame,", FRENCH_FORMAL_CLOSING),
    ("fr", "formal", "neutral", "Bonjour Jordan Lee,", "Bien cordialement,"),
    ("es", "formal", "feminine", "Estimada Sra. Lee:", "Un cordial saludo,"),
    ("es", "formal", "neutral", "Buenos días, Jordan Lee:", "Un cordial saludo,"),
    ("it", "formal", "masculine", "Gentile Sig. Lee,", "Cordiali saluti,"),
    ("nl", "formal", "feminine", "Geachte mevrouw Lee,", "Met vriendelijke groet,"),
    ("pt_BR", "formal", "masculine", "Prezado Sr. Lee,", "Atenciosamente,"),
    ("pl", "formal", "feminine", "Szanowna Pani,", "Z wyrazami szacunku"),
    ("pl", "formal", "team", "Szanowni Państwo,", "Z poważaniem"),
    ("sv", "warm", "neutral", "Hej Jordan,", "Varma hälsningar"),
    ("ja", "formal", "feminine", "Lee様", "何卒よろしくお願い申し上げます。"),
    ("ja", "warm", "neutral", "Leeさん", "今後ともよろしくお願いいたします。"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "tone", "who", "greeting", "closing"), LETTER_FRAMES
)
def test_letter_frames_read_as_natives_write_them(
    locale: str, tone: Literal["formal", "warm"], who: str, greeting: str, closing: str
) -> None:
    assert SAMPLE.hr_contact is not None
    if who == "titled":
        kind, application = "thank-hiring-manager", SAMPLE
    elif who == "team":
        kind = "stay-in-touch"
        application = attrs.evolve(SAMPLE, hr_contact=None, hiring_manager=None)
    else:
        kind = "thank-hr"
        hr = attrs.evolve(SAMPLE.hr_contact, form_of_address=FormOfAddress(who))
        application = attrs.evolve(SAMPLE, hr_contact=hr)
    message = rejectkit.generate(kind, application, locale=locale, tone=tone)
    assert (message.greeting, message.closing) == (greeting, closing)


def test_right_to_left_role_and_company_keep_the_subject_a_plain_line() -> None:
    role = attrs.evolve(SAMPLE.role, title="מנהלת מוצר", company="شركة النور")
    application = attrs.evolve(SAMPLE, role=role)
    kit = rejectkit.compose(application, locale="de")
    for message in kit:
        assert "\u2068" not in message.subject
        assert "\u2069" not in message.subject
        assert role.title in message.subject or role.company in message.subject
    assert f"\u2068{role.company}\u2069" in kit.by_kind("thank-hr").text


def test_a_locale_environment_loads_each_template_once_and_overlays_afresh() -> None:
    env = environment("de")
    shipped = env.get_template("thank-hr/subject.txt")
    assert env.get_template("thank-hr/subject.txt") is shipped
    overlay = env.overlay(trim_blocks=True)
    assert overlay.get_template("thank-hr/subject.txt") is not shipped
    assert env.get_template("thank-hr/subject.txt") is shipped


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_context_environment_is_the_one_the_kinds_render_with(locale: str) -> None:
    # One environment per locale: a second would compile every template again.
    context = rejectkit.RenderContext(
        application=rejectkit.sample_application(),
        locale=locale,
        requested_locale=locale,
        tone=Tone.FORMAL,
    )
    generator = rejectkit.registry.get("thank-hr")
    assert isinstance(generator, rejectkit.TemplateGenerator)
    assert context.environment is generator.environment(context)
