"""Each to_dict() returns exactly the shape its TypedDict names."""

from __future__ import annotations

import inspect
import re
import types
import typing
from typing import TYPE_CHECKING

import pytest
from hypothesis import given

import rejectkit
from rejectkit.testing import applications
from tests.situations import SITUATIONS

if TYPE_CHECKING:
    from collections.abc import Callable


def check_shape(value: object, hint: object, path: str = "") -> None:
    """Assert that *value* is what the type *hint* says, key for key."""
    if typing.is_typeddict(hint):
        assert isinstance(value, dict), path
        fields = typing.get_type_hints(hint)
        assert list(value) == list(fields), path
        for key, field in fields.items():
            check_shape(value[key], field, f"{path}.{key}")
    elif typing.get_origin(hint) is list:
        assert isinstance(value, list), path
        (item,) = typing.get_args(hint)
        for index, element in enumerate(value):
            check_shape(element, item, f"{path}[{index}]")
    elif isinstance(hint, types.UnionType):
        options = typing.get_args(hint)
        if value is None:
            assert type(None) in options, path
        else:
            (present,) = (o for o in options if o is not type(None))
            check_shape(value, present, path)
    else:
        assert type(value) is hint, (path, value)


@given(applications())
def test_application_to_dict_has_the_application_dict_shape(
    application: rejectkit.Application,
) -> None:
    check_shape(application.to_dict(), rejectkit.ApplicationDict)


@pytest.mark.parametrize("name", sorted(SITUATIONS))
def test_every_kit_to_dict_has_the_kit_dict_shape(name: str) -> None:
    application, _ = SITUATIONS[name]
    kit = rejectkit.compose(application, kinds=rejectkit.kinds(), strict=False)
    assert kit.messages
    assert kit.failures
    check_shape(kit.to_dict(), rejectkit.KitDict)
    check_shape(application.to_dict(), rejectkit.ApplicationDict)


@pytest.mark.parametrize(
    "wrong",
    [
        {"name": None},
        {"email": "a@example.com", "name": None},
        {"name": None, "email": "a@example.com", "extra": 1},
        {"name": 1, "email": "a@example.com"},
    ],
)
def test_the_shape_check_refuses_another_shape(wrong: dict[str, object]) -> None:
    with pytest.raises(AssertionError):
        check_shape(wrong, rejectkit.MailboxDict)


@pytest.mark.parametrize(
    ("function", "parameter", "values"),
    [
        (rejectkit.generate, "tone", [t.value for t in rejectkit.Tone]),
        (rejectkit.compose, "tone", [t.value for t in rejectkit.Tone]),
        (rejectkit.from_template, "tone", [t.value for t in rejectkit.Tone]),
        (rejectkit.compose, "topics", [t.value for t in rejectkit.FeedbackTopic]),
    ],
)
def test_the_literal_values_a_signature_names_are_the_accepted_ones(
    function: Callable[..., object], parameter: str, values: list[str]
) -> None:
    annotation = inspect.signature(function).parameters[parameter].annotation
    assert re.findall(r"""['"]([^'"]*)['"]""", str(annotation)) == values


def test_kind_options_name_every_topic() -> None:
    (topic,) = typing.get_args(typing.get_type_hints(rejectkit.KindOptions)["topics"])
    member, names = typing.get_args(topic)
    assert member is rejectkit.FeedbackTopic
    assert list(typing.get_args(names)) == [t.value for t in rejectkit.FeedbackTopic]
