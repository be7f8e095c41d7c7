"""Each to_dict() returns exactly the shape its TypedDict names."""

from __future__ import annotations

import types
import typing

import pytest
from hypothesis import given

import rejectkit
from rejectkit.testing import applications
from tests.situations import SITUATIONS


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
def test_an_application_dict_is_an_application_dict(
    application: rejectkit.Application,
) -> None:
    check_shape(application.to_dict(), rejectkit.ApplicationDict)


@pytest.mark.parametrize("name", sorted(SITUATIONS))
def test_a_kit_dict_is_a_kit_dict(name: str) -> None:
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
