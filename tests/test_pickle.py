"""Models, messages, kits, generators and errors cross process boundaries intact."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rejectkit
from rejectkit._i18n import SUPPORTED_LOCALES
from rejectkit.testing import applications
from tests.situations import SAMPLE, SITUATIONS

KINDS = list(rejectkit.kinds())
_T = TypeVar("_T")


def _round_trip(value: _T) -> _T:
    copy: _T = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301 - our own bytes
    return copy


@pytest.mark.parametrize("kind", KINDS)
def test_generators_pickle_and_render_the_same(kind: str) -> None:
    generator = rejectkit.registry.get(kind)
    copy = _round_trip(generator)
    assert type(copy) is type(generator)
    assert copy.options == generator.options
    application = next(
        app for app, _ in SITUATIONS.values() if generator.applies_to(app)
    )
    context = rejectkit.RenderContext(
        application=application,
        locale="de",
        requested_locale="de",
        tone=rejectkit.Tone.FORMAL,
    )
    assert copy.render(context) == generator.render(context)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_kits_and_their_messages_pickle(situation: str, locale: str) -> None:
    application, bundle = SITUATIONS[situation]
    kit = rejectkit.compose(application, locale=locale, bundle=bundle)
    texts = [m.text for m in kit]
    copy = _round_trip(kit)
    assert copy == kit
    assert copy is not kit
    assert [m.text for m in copy] == texts
    assert copy.to_dict() == kit.to_dict()
    for message in kit:
        single = _round_trip(message)
        assert single == message
        assert single.html == message.html
        assert attrs.asdict(single) == attrs.asdict(message)


def test_context_pickles() -> None:
    context = rejectkit.RenderContext(
        application=SAMPLE,
        locale="ja",
        requested_locale="ja_JP",
        tone=rejectkit.Tone.WARM,
    )
    assert _round_trip(context) == context


@settings(max_examples=40)
@given(applications())
def test_applications_pickle(application: rejectkit.Application) -> None:
    copy = _round_trip(application)
    assert copy == application
    assert copy.to_dict() == application.to_dict()


@given(
    st.lists(
        st.tuples(st.text(max_size=30), st.text(min_size=1, max_size=60)),
        min_size=1,
        max_size=4,
    )
)
def test_validation_errors_keep_their_problems(
    problems: list[tuple[str, str]],
) -> None:
    error = rejectkit.ValidationError(problems)
    error.add_note("while loading batch 7")
    copy = _round_trip(error)
    assert type(copy) is rejectkit.ValidationError
    assert copy.problems == tuple(problems)
    assert str(copy) == str(error)
    assert copy.__notes__ == ["while loading batch 7"]


@pytest.mark.parametrize(
    "error",
    [
        rejectkit.RenderError("thank-hr: plugin.Thanks failed: KeyError('x')"),
        rejectkit.UnknownKindError("kind: no such kind 'x'"),
        rejectkit.UnsupportedLocaleError("locale: 'xx' is not supported"),
        rejectkit.LoadError("a.json: No such file or directory"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_other_errors_pickle(error: rejectkit.RejectkitError) -> None:
    copy = _round_trip(error)
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def _compose_german(application: rejectkit.Application) -> rejectkit.Kit:
    return rejectkit.compose(application, locale="de")


def _compose_for_hr_only(application: rejectkit.Application) -> rejectkit.Kit:
    return rejectkit.compose(application, kinds=["thank-hr"])


def test_process_pool_renders_what_one_process_renders() -> None:
    batch = [app for app, _ in SITUATIONS.values()]
    with ProcessPoolExecutor(max_workers=2) as pool:
        kits = list(pool.map(_compose_german, batch))
    assert kits == [_compose_german(app) for app in batch]
    assert [k.to_dict() for k in kits] == [_compose_german(a).to_dict() for a in batch]


def test_a_worker_s_validation_error_reaches_the_caller_intact() -> None:
    no_hr = attrs.evolve(SAMPLE, hr_contact=None)
    with (
        ProcessPoolExecutor(max_workers=1) as pool,
        pytest.raises(rejectkit.ValidationError) as caught,
    ):
        pool.submit(_compose_for_hr_only, no_hr).result()
    assert caught.value.problems == (("hr_contact", "thank-hr needs an HR contact"),)
