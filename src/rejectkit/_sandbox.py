"""Render templates that end users write, in a locked-down Jinja2 sandbox.

`from_template` is the door for text nobody on the project reviewed: a
template typed into a web form, say. The template sees a documented dict of
plain data, never a model object, and every way out of that dict is closed:

- Attribute access resolves dict keys and the ``loop`` variable's fields and
  nothing else. A name starting with an underscore, or one that is a Python
  attribute of the value (``format``, ``mro``, ``items``), raises
  `TemplateSecurityError`, also through ``|attr``, ``[...]`` and the
  ``attribute=`` options of the filters.
- The only global is a capped ``range``; there is no loader, and
  ``{% include %}``, ``{% import %}``, ``{% from %}`` and ``{% extends %}``
  are refused before anything renders.
- Filters and tests come from a short allowlist; ``%`` formatting of text
  is refused, since ``str.format``-style tricks live there too.
- Undefined names fail (``StrictUndefined``), so a probe never renders as an
  empty string.
- `TemplateLimits` caps what one render may cost. ``*``, ``**``, ``+``,
  ``~``, literals, captured blocks and the filters that can grow text are
  checked before they build anything; loops, calls and the work done by
  every operation that reads a whole value are counted; the output is
  counted while it streams.

To count what an expression costs, the parsed template is rewritten before
it is compiled: each ``{% for %}`` sequence, ``~``, literal and comparison
operand passes through a checking filter whose name no template can write.
"""

from __future__ import annotations

import contextvars
import functools
import math
import types
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal, NoReturn, TypeAlias, cast

import attrs
import jinja2
from jinja2 import nodes, pass_environment
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.filters import (
    do_default,
    do_int,
    do_sort,
    do_title,
    do_wordcount,
    make_attrgetter,
)
from jinja2.runtime import LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.tests import TESTS
from jinja2.visitor import NodeTransformer

from rejectkit import _i18n
from rejectkit import _validation as v
from rejectkit._compose import (
    _check_application,
    _context,
    _member,
    _template_position,
)
from rejectkit._message import FSI, MAX_SUBJECT_LENGTH, Audience, Message
from rejectkit._models import Application, Contact, Tone
from rejectkit.exceptions import (
    TemplateError,
    TemplateSecurityError,
    ValidationError,
)
from rejectkit.generators._base import _paragraphs
from rejectkit.generators._builtin import _hr_or_team

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import babel
    from jinja2.compiler import Frame
    from jinja2.runtime import Context

    from rejectkit._letters import RenderContext

__all__ = ["TemplateLimits", "from_template"]

# What a template can see: text, numbers, flags, and lists and dicts of them.
_Value: TypeAlias = "str | int | bool | list[_Value] | dict[str, _Value] | None"


def _positive(
    _instance: object, attribute: attrs.Attribute[int], value: object
) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError.single(
            attribute.name, f"expected a whole number, got {type(value).__name__}"
        )
    if value < 1:
        raise ValidationError.single(attribute.name, f"must be at least 1, got {value}")


@attrs.frozen(kw_only=True)
class TemplateLimits:
    """Caps on what rendering one user template may cost.

    The subject and the body are separate templates, and each gets the
    whole allowance. Going over a cap raises `TemplateError` naming it, as
    soon as the template tries; nothing is built first and checked after.

    "Caps on loop ranges" means two things: one ``range()`` yields at most
    `max_range` items, and all ``{% for %}`` loops of a render together,
    nested and recursive ones included, step at most `max_loop_iterations`
    times, however their sequences were made.

    Together the caps bound the time a render can take: with the defaults,
    a fraction of a second for the costliest template, while a template
    that prints every feedback note a few times uses about a tenth of
    `max_work`.

    Attributes:
        max_source_chars: The longest template, in characters.
        max_output_chars: The longest rendered text, counted while the
            template streams: rendering stops at the first piece over it.
        max_value_length: The largest value an expression may build: the
            characters of text, the items (and their text) of lists and
            dicts, the digits of a number. ``'x' * 10**9``, ``a ~ a``
            doubling, ``|join``, ``|replace``, nested list literals, and the
            text captured by a macro, ``{% set %}`` or ``{% filter %}``
            block are all checked against it.
        max_number_digits: The most digits of a number built by ``*``,
            ``**`` or ``|int``.
        max_range: The most items one ``range()`` may produce.
        max_loop_iterations: The most steps of all ``{% for %}`` loops in
            one render, together.
        max_calls: The most calls (macros, ``caller()``, ``range()``,
            ``loop.cycle()``, recursive ``loop()``) in one render.
        max_call_depth: The deepest calls may nest: a macro that calls a
            macro that calls a macro is three deep. It stops a macro that
            calls itself without end, well before Python's own recursion
            limit would.
        max_work: The most work one render may do, in characters and
            items: every filter, operator, comparison, test, literal and
            printed value counts the size of what it reads and builds, and
            every loop step, call and attribute read counts one.
    """

    max_source_chars: int = attrs.field(default=10_000, validator=_positive)
    max_output_chars: int = attrs.field(default=20_000, validator=_positive)
    max_value_length: int = attrs.field(default=20_000, validator=_positive)
    max_number_digits: int = attrs.field(default=100, validator=_positive)
    max_range: int = attrs.field(default=1_000, validator=_positive)
    max_loop_iterations: int = attrs.field(default=1_000, validator=_positive)
    max_calls: int = attrs.field(default=1_000, validator=_positive)
    max_call_depth: int = attrs.field(default=50, validator=_positive)
    max_work: int = attrs.field(default=500_000, validator=_positive)


_DEFAULT_LIMITS: Final = TemplateLimits()


class _BlockedError(Exception):
    """The template reached outside its context; becomes TemplateSecurityError."""


class _OverLimitError(Exception):
    """The template went over a TemplateLimits cap; becomes TemplateError."""


@attrs.define
class _Render:
    # What the hooks below need while one template compiles and renders.
    limits: TemplateLimits
    isolate: Callable[[str], str] | None
    calls: int = 0
    depth: int = 0
    iterations: int = 0
    work: int = 0

    def charge(self, units: int) -> None:
        self.work += units
        if self.work > self.limits.max_work:
            raise _OverLimitError(
                f"the template would do more than {self.limits.max_work} units "
                "of work (TemplateLimits.max_work)"
            )


_RENDER: Final[contextvars.ContextVar[_Render]] = contextvars.ContextVar(
    "rejectkit_template_render"
)


def _limits() -> TemplateLimits:
    return _RENDER.get().limits


# -- sizes -------------------------------------------------------------------

_LOG10_2: Final = math.log10(2)


def _digits(bits: int) -> int:
    return max(1, math.ceil(bits * _LOG10_2))


def _size(value: object, limit: int) -> int:
    # Text counts its characters, containers their items plus what those
    # hold, numbers their digits. Stops soon after passing *limit*, so
    # measuring a huge nested value costs no more than measuring a small one.
    if isinstance(value, str):
        return len(value)
    total = 0
    pending = [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 1
        elif isinstance(item, int):
            total += _digits(item.bit_length())
        elif isinstance(item, list | tuple):
            total += len(item)
            if total <= limit:
                pending.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            if total <= limit:
                pending.extend(item.keys())
                pending.extend(item.values())
        else:
            total += 1
    return total


def _over(what: str, size: int | str, limit: int) -> _OverLimitError:
    return _OverLimitError(
        f"{what} would build a value of {size} characters or items; the limit "
        f"is {limit} (TemplateLimits.max_value_length)"
    )


def _check_length(length: int, what: str) -> None:
    # Check, and pay for, a value about to be built from its known length.
    render = _RENDER.get()
    limit = render.limits.max_value_length
    if length > limit:
        raise _over(what, length, limit)
    render.charge(max(length, 1))


def _measure(value: object, what: str) -> int:
    # Check, and pay for, a value that exists: what reading it costs.
    render = _RENDER.get()
    limit = render.limits.max_value_length
    size = _size(value, limit)
    if size > limit:
        raise _over(what, f"more than {limit}", limit)
    render.charge(max(size, 1))
    return size


def _check_digits(digits: int, what: str, *, slack: int = 0) -> None:
    # An estimate made before computing gets one digit of slack for
    # rounding; the exact count of the result is checked afterwards.
    limit = _limits().max_number_digits
    if digits > limit + slack:
        raise _OverLimitError(
            f"{what} would build a number of {digits} digits; the limit is "
            f"{limit} (TemplateLimits.max_number_digits)"
        )


def _estimated_digits(log10: float) -> int:
    return math.floor(log10) + 1 if log10 > 0 else 1


def _check_number(value: object, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        limit = _limits().max_number_digits
        if value.bit_length() > 4 * limit:  # far too long to turn into text
            _check_digits(_digits(value.bit_length()), what)
        _check_digits(len(str(abs(value))), what)


# What a template may print: data, never a function, macro or loop object.
_PRINTABLE: Final = (str, int, float, list, tuple, dict, range, Undefined, type(None))


def _check_printable(value: object, what: str) -> None:
    _measure(value, what)
    if isinstance(value, str):
        return
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, list | tuple):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif not isinstance(item, _PRINTABLE):
            raise _BlockedError(
                f"printing {_type_name(item)} is not available: templates print "
                "text, numbers, and lists and dicts of them"
            )


def _text(value: object) -> str:
    _check_printable(value, "a filter's input")
    return str(value)


# -- what templates may touch --------------------------------------------------

_LOOP_FIELDS: Final = frozenset(
    {
        "changed",
        "cycle",
        "depth",
        "depth0",
        "first",
        "index",
        "index0",
        "last",
        "length",
        "nextitem",
        "previtem",
        "revindex",
        "revindex0",
    }
)
_LOOP_METHODS: Final = frozenset({"changed", "cycle"})


def _type_name(value: object) -> str:
    return "None" if value is None else f"a {type(value).__name__!r} value"


def _underscore(name: str) -> _BlockedError:
    return _BlockedError(
        f"{name!r} is not available: names starting with an underscore reach "
        "into Python, not into the template's data"
    )


def _range(*args: int) -> range:
    numbers = range(*args)
    limit = _limits().max_range
    try:
        count: int | str = len(numbers)
    except OverflowError:
        count = "too many"
    if not isinstance(count, int) or count > limit:
        raise _OverLimitError(
            f"range() of {count} items is over the limit of {limit} "
            "(TemplateLimits.max_range)"
        )
    return numbers


def _loop_items(items: Iterable[object]) -> Iterator[object]:
    render = _RENDER.get()
    limit = render.limits.max_loop_iterations
    for item in items:
        render.iterations += 1
        if render.iterations > limit:
            raise _OverLimitError(
                f"the loops would step more than {limit} times "
                "(TemplateLimits.max_loop_iterations)"
            )
        render.charge(1)
        yield item


def _join_checked(values: tuple[object, ...]) -> str:
    limit = _limits().max_value_length
    parts: list[str] = []
    length = 0
    for value in values:
        _check_printable(value, "the ~ operator")
        part = str(value)
        length += len(part)
        if length > limit:
            raise _over("the ~ operator", f"more than {limit}", limit)
        parts.append(part)
    _check_length(length, "the ~ operator")
    return "".join(parts)


def _literal_checked(value: object) -> object:
    _measure(value, "a list or dict literal")
    return value


def _compared(value: object) -> object:
    _measure(value, "a comparison")
    return value


# The instrumented tree calls these as filters. A name with a space can
# never come out of the parser, so no template can name them itself.
_HOOKS: Final[dict[str, Callable[..., object]]] = {
    "rejectkit loop items": _loop_items,
    "rejectkit join": _join_checked,
    "rejectkit literal": _literal_checked,
    "rejectkit compared": _compared,
}


class _CappedBuffer(list[str]):
    # Holds the output of a macro or of a {% set %}, {% filter %} or
    # {% call %} block while it is written, refusing to grow past the cap.
    __slots__ = ("_length",)

    def __init__(self) -> None:
        super().__init__()
        self._length = 0

    def _grow(self, length: int) -> None:
        self._length += length
        render = _RENDER.get()
        limit = render.limits.max_value_length
        if self._length > limit:
            raise _over("a macro or a captured block", f"more than {limit}", limit)
        render.charge(max(length, 1))

    def append(self, text: str) -> None:
        self._grow(len(text))
        super().append(text)

    def extend(self, texts: Iterable[str]) -> None:
        texts = tuple(texts)
        self._grow(sum(len(text) for text in texts))
        super().extend(texts)


def _finalize(value: object) -> object:
    render = _RENDER.get()
    _check_printable(value, "an output expression")
    if render.isolate is not None and isinstance(value, str) and FSI not in value:
        return render.isolate(value)
    return value


# -- filters and tests -----------------------------------------------------------

_FILTERS: dict[str, Callable[..., object]] = {}


def _filter(name: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    def register(func: Callable[..., object]) -> Callable[..., object]:
        # functools.wraps also copies Jinja's pass_environment mark.
        @functools.wraps(func)
        def checked(*args: object, **kwargs: object) -> object:
            result = func(*args, **kwargs)
            _measure(result, f"the {name} filter")
            _check_number(result, f"the {name} filter")
            return result

        _FILTERS[name] = checked
        return func

    return register


@_filter("attr")
@pass_environment
def _attr(environment: jinja2.Environment, value: object, name: object) -> object:
    if not isinstance(name, str):
        raise TypeError(f"attr() takes a name, got {type(name).__name__}")
    return environment.getattr(value, name)


@_filter("capitalize")
def _capitalize(value: object) -> str:
    return _text(value).capitalize()


@_filter("default")
def _default(
    value: object,
    default_value: object = "",
    boolean: bool = False,  # noqa: FBT001, FBT002 - Jinja's signature
) -> object:
    return do_default(value, default_value, boolean)


@_filter("first")
@pass_environment
def _first(environment: jinja2.Environment, value: Iterable[object]) -> object:
    for item in value:
        return item
    return environment.undefined("the sequence given to |first is empty")


@_filter("int")
def _int(value: object, default: int = 0, base: int = 10) -> int:
    _measure(value, "the int filter")
    return do_int(value, default, base)


@_filter("join")
@pass_environment
def _join(
    environment: jinja2.Environment,
    value: Iterable[object],
    d: object = "",
    attribute: str | int | None = None,
) -> str:
    limit = _limits().max_value_length
    separator = _text(d)
    item_of = make_attrgetter(environment, attribute)
    parts: list[str] = []
    length = 0
    for item in value:
        part = _text(item_of(item))
        length += len(part) + (len(separator) if parts else 0)
        if length > limit:
            raise _over("the join filter", f"more than {limit}", limit)
        parts.append(part)
    return separator.join(parts)


@_filter("last")
@pass_environment
def _last(environment: jinja2.Environment, value: Iterable[object]) -> object:
    _measure(value, "the last filter")
    items = list(value)
    if items:
        return items[-1]
    return environment.undefined("the sequence given to |last is empty")


@_filter("length")
def _length(value: object) -> int:
    return len(value)  # type: ignore[arg-type]  # a TypeError is the template's error


@_filter("list")
def _list(value: Iterable[object]) -> list[object]:
    return list(value)


@_filter("lower")
def _lower(value: object) -> str:
    return _text(value).lower()


@_filter("replace")
def _replace(value: object, old: object, new: object, count: int | None = None) -> str:
    text, old_text, new_text = _text(value), _text(old), _text(new)
    found = text.count(old_text) if old_text else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    _check_length(
        len(text) + found * (len(new_text) - len(old_text)), "the replace filter"
    )
    return text.replace(old_text, new_text, -1 if count is None else count)


@_filter("sort")
@pass_environment
def _sort(
    environment: jinja2.Environment,
    value: Iterable[object],
    reverse: bool = False,  # noqa: FBT001, FBT002 - Jinja's signature
    case_sensitive: bool = False,  # noqa: FBT001, FBT002
    attribute: str | int | None = None,
) -> list[object]:
    items = list(value)
    # Sorting compares about n log n times; pay for that, not just for n.
    _RENDER.get().charge(_measure(items, "the sort filter") * len(items).bit_length())
    return do_sort(environment, items, reverse, case_sensitive, attribute)


@_filter("string")
def _string(value: object) -> str:
    return _text(value)


@_filter("title")
def _title(value: object) -> str:
    return do_title(_text(value))


@_filter("trim")
def _trim(value: object, chars: object = None) -> str:
    return _text(value).strip(None if chars is None else _text(chars))


@_filter("upper")
def _upper(value: object) -> str:
    return _text(value).upper()


@_filter("wordcount")
def _wordcount(value: object) -> int:
    return do_wordcount(_text(value))


# Jinja's tests minus those that turn a value into text (lower, upper) or
# inspect the environment or Python objects (filter, test, callable, escaped).
_TEST_NAMES: Final = frozenset(TESTS) - {
    "callable",
    "escaped",
    "filter",
    "lower",
    "test",
    "upper",
}


def _measured_test(name: str, test: Callable[..., object]) -> Callable[..., object]:
    @functools.wraps(test)
    def measured(*args: object) -> object:
        for arg in args:
            _measure(arg, f"the {name} test")
        return test(*args)

    return measured


_TESTS: Final = {
    name: _measured_test(name, cast("Callable[..., object]", TESTS[name]))
    for name in _TEST_NAMES
}


# -- the environment ---------------------------------------------------------------


class _NoTemplates(jinja2.BaseLoader):
    def get_source(self, environment: jinja2.Environment, template: str) -> NoReturn:
        del environment
        raise _BlockedError(
            f"loading {template!r} is not available: a template cannot load "
            "other templates"
        )


class _CodeGenerator(CodeGenerator):
    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.rejectkit_buffer()")


def _hook(name: str, argument: nodes.Node) -> nodes.Filter:
    return nodes.Filter(argument, name, [], [], None, None, lineno=argument.lineno)


class _Instrument(NodeTransformer):
    # Routes every loop, every ~ and every literal through a checked hook.

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.iter = _hook("rejectkit loop items", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        items = nodes.Tuple(node.nodes, "load", lineno=node.lineno)
        return _hook("rejectkit join", items)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return _hook("rejectkit literal", node) if node.ctx == "load" else node

    def visit_List(self, node: nodes.List) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return _hook("rejectkit literal", node)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return _hook("rejectkit literal", node)

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.expr = _hook("rejectkit compared", node.expr)
        for operand in node.ops:
            operand.expr = _hook("rejectkit compared", operand.expr)
        return node


class _UserTemplateEnvironment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"%", "*", "**", "+"})
    code_generator_class = _CodeGenerator

    def __init__(self) -> None:
        super().__init__(
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            loader=_NoTemplates(),
            finalize=_finalize,
            lstrip_blocks=True,
            auto_reload=False,
            cache_size=0,
        )
        self.globals.clear()
        self.globals["range"] = _range
        self.filters = _FILTERS | _HOOKS
        self.tests = dict(_TESTS)
        self.rejectkit_buffer = _CappedBuffer

    def _lookup(self, value: object, name: str) -> object:
        if name.startswith("_"):
            raise _underscore(name)
        _RENDER.get().charge(1)
        if isinstance(value, dict):
            if name in value:
                return value[name]
        elif isinstance(value, LoopContext):
            if name in _LOOP_FIELDS:
                return getattr(value, name)
        elif isinstance(value, Undefined):
            return getattr(value, name)  # StrictUndefined raises, naming it
        if hasattr(value, name):
            raise _BlockedError(
                f"{name!r} of {_type_name(value)} is not available: templates "
                "read only the documented context, and change text with filters"
            )
        return self.undefined(obj=value, name=name)

    def getattr(self, obj: object, attribute: str) -> object:
        """Read ``obj.attribute``: a dict key or a field of ``loop``, nothing else."""
        return self._lookup(obj, attribute)

    def getitem(self, obj: object, argument: object) -> object:
        """Read ``obj[argument]``: text keys as `getattr`, others by index."""
        if isinstance(argument, str):
            return self._lookup(obj, argument)
        try:
            item = obj[argument]  # type: ignore[index]
        except (TypeError, LookupError):
            # Jinja words the error for a non-text name as "has no element".
            return self.undefined(obj=obj, name=argument)  # type: ignore[arg-type]
        if isinstance(argument, slice):
            _measure(item, "a slice")
        else:
            _RENDER.get().charge(1)
        return item

    def call_binop(
        self, context: Context, operator: str, left: object, right: object
    ) -> object:
        """Apply ``%``, ``*``, ``**`` or ``+`` once the result is known to fit."""
        if operator == "+":
            if _is_sequence(left) and _is_sequence(right):
                limit = _limits().max_value_length
                size = _size(left, limit) + _size(right, limit)
                _check_length(size, "the + operator")
            # Numbers grow by a bit per + at most, and loops do not carry
            # {% set %} from one step to the next: they stay small.
            return super().call_binop(context, operator, left, right)
        if operator == "%" and isinstance(left, str):
            raise _BlockedError(
                "formatting text with % is not available; join text with ~"
            )
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        result = super().call_binop(context, operator, left, right)
        _check_number(result, f"the {operator} operator")
        return result

    def call(
        self, context: Context, obj: object, /, *args: object, **kwargs: object
    ) -> object:
        """Call a macro, ``caller``, ``range`` or a method of ``loop``, counted."""
        if not _callable_in_templates(obj):
            raise _BlockedError(f"calling {_type_name(obj)} is not available")
        render = _RENDER.get()
        render.calls += 1
        if render.calls > render.limits.max_calls:
            raise _OverLimitError(
                f"the template would make more than {render.limits.max_calls} "
                "calls (TemplateLimits.max_calls)"
            )
        render.charge(1)
        if isinstance(obj, types.MethodType):  # loop.changed compares its arguments
            _measure(args, f"loop.{obj.__name__}()")
        if isinstance(obj, LoopContext) and args:
            args = (_loop_items(args[0]), *args[1:])  # type: ignore[arg-type]
        # A call renders its macro's body inside this one: a macro that calls
        # itself would reach Python's recursion limit long before max_calls.
        if render.depth >= render.limits.max_call_depth:
            raise _OverLimitError(
                f"the template nests calls more than {render.limits.max_call_depth} "
                "deep, as a macro that calls itself without end does "
                "(TemplateLimits.max_call_depth)"
            )
        render.depth += 1
        try:
            return super().call(context, obj, *args, **kwargs)
        finally:
            render.depth -= 1


def _is_sequence(value: object) -> bool:
    return isinstance(value, str | list | tuple)


def _check_product(left: object, right: object) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left and right:
            log10 = math.log10(abs(left)) + math.log10(abs(right))
            _check_digits(_estimated_digits(log10), "the * operator", slack=1)
        _RENDER.get().charge(left.bit_length() + right.bit_length())
    elif _is_sequence(left) and isinstance(right, int):
        size = _size(left, _limits().max_value_length)
        _check_length(size * max(right, 0), "the * operator")
    elif isinstance(left, int) and _is_sequence(right):
        _check_product(right, left)


def _check_power(base: object, exponent: object) -> None:
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and exponent > 0
        and abs(base) > 1
    ):
        digits = _estimated_digits(math.log10(abs(base)) * exponent)
        _check_digits(digits, "the ** operator", slack=1)
        _RENDER.get().charge(digits)


def _callable_in_templates(obj: object) -> bool:
    if obj is _range or isinstance(obj, Macro | LoopContext | Undefined):
        return True
    return (
        isinstance(obj, types.MethodType)
        and isinstance(obj.__self__, LoopContext)
        and obj.__name__ in _LOOP_METHODS
    )


@functools.cache
def _environment() -> _UserTemplateEnvironment:
    return _UserTemplateEnvironment()


# -- compiling and rendering -------------------------------------------------------

_LOADING_TAGS: Final = {
    nodes.Extends: "{% extends %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
}


def _error(
    cls: type[TemplateError], part: str, message: str, line: int | None = None
) -> TemplateError:
    where = part if line is None else f"{part}, line {line}"
    return cls(f"{where}: {message}", template=part, line=line)


def _bad_character(char: str, allowed: str) -> bool:
    if char in allowed:
        return False
    return (
        char in v._BIDI_CONTROLS  # noqa: SLF001 - the models' own rule
        or char in v._LINE_BREAKS  # noqa: SLF001 - the models' own rule
        or unicodedata.category(char) in {"Cc", "Cs"}
    )


def _check_characters(text: str, part: str, *, line: int, allowed: str) -> None:
    for char in text:
        if char == "\n":
            line += 1
        elif _bad_character(char, allowed):
            raise _error(
                TemplateError,
                part,
                f"the template holds {v._describe(char)}; control characters, "  # noqa: SLF001
                "bidi controls and unusual line breaks cannot be part of a message",
                line,
            )


def _check_tree(tree: nodes.Template, part: str) -> None:
    # Refuse what is visible before rendering, even in branches that would
    # never run; the environment refuses the rest while rendering.
    problems: list[tuple[int, str]] = []
    for loading in tree.find_all(tuple(_LOADING_TAGS)):
        tag = _LOADING_TAGS[type(loading)]
        message = f"{tag} is not available: a template cannot load other templates"
        problems.append((loading.lineno, message))
    for access in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name: object = None
        if isinstance(access, nodes.Getattr):
            name = access.attr
        elif isinstance(access, nodes.Getitem) and isinstance(access.arg, nodes.Const):
            name = access.arg.value
        elif isinstance(access, nodes.Filter) and access.name == "attr" and access.args:
            name = getattr(access.args[0], "value", None)
        if isinstance(name, str) and name.startswith("_"):
            problems.append((access.lineno, str(_underscore(name))))
    if problems:
        line, message = min(problems)
        raise _error(TemplateSecurityError, part, message, line)
    for const in tree.find_all(nodes.Const):
        if isinstance(const.value, str):
            _check_characters(const.value, part, line=const.lineno, allowed="\t\n")


def _compile(source: str, part: str) -> jinja2.Template:
    limit = _limits().max_source_chars
    if len(source) > limit:
        raise _error(
            TemplateError,
            part,
            f"the template is {len(source)} characters long; the limit is "
            f"{limit} (TemplateLimits.max_source_chars)",
        )
    _check_characters(source, part, line=1, allowed="\t\n\r")
    environment = _environment()
    try:
        tree = environment.parse(source)
        _check_tree(tree, part)
        tree = _Instrument().visit(tree)
        tree.set_environment(environment)
        return environment.from_string(tree)
    except TemplateSyntaxError as exc:
        raise _error(TemplateError, part, exc.message or str(exc), exc.lineno) from None
    except (RecursionError, SyntaxError):
        raise _error(TemplateError, part, "the template is nested too deeply") from None


def _template_line(exc: BaseException) -> int | None:
    position = _template_position(exc)
    return position[1] if position else None


_RUNTIME_ERRORS: Final = (
    _BlockedError,
    _OverLimitError,
    jinja2.TemplateError,
    ArithmeticError,
    LookupError,
    RecursionError,
    TypeError,
    ValueError,
)


def _runtime_error(exc: Exception, part: str) -> TemplateError:
    line = _template_line(exc)
    if isinstance(exc, _BlockedError | SecurityError):
        return _error(TemplateSecurityError, part, str(exc), line)
    if isinstance(exc, _OverLimitError | jinja2.TemplateError):
        return _error(TemplateError, part, str(exc), line)
    if isinstance(exc, RecursionError):
        return _error(
            TemplateError,
            part,
            "the template nests calls deeper than Python allows here; "
            "lower TemplateLimits.max_call_depth",
            line,
        )
    return _error(TemplateError, part, f"{type(exc).__name__}: {exc}", line)


def _stream(template: jinja2.Template, values: dict[str, _Value], part: str) -> str:
    limit = _limits().max_output_chars
    pieces: list[str] = []
    length = 0
    stream = template.generate(values)
    try:
        for piece in stream:
            length += len(piece)
            if length > limit:
                break
            pieces.append(piece)
        else:
            return "".join(pieces)
    except _RUNTIME_ERRORS as exc:
        ours = isinstance(exc, _BlockedError | _OverLimitError)
        raise _runtime_error(exc, part) from (None if ours else exc)
    finally:
        if isinstance(stream, types.GeneratorType):
            stream.close()
    raise _error(
        TemplateError,
        part,
        f"the output is longer than {limit} characters "
        "(TemplateLimits.max_output_chars)",
    )


def _render(
    source: str,
    values: dict[str, _Value],
    *,
    part: str,
    limits: TemplateLimits,
    isolate: Callable[[str], str] | None,
) -> str:
    token = _RENDER.set(_Render(limits=limits, isolate=isolate))
    try:
        return _stream(_compile(source, part), values, part)
    finally:
        _RENDER.reset(token)


# -- the documented context ----------------------------------------------------------


def _person(context: RenderContext, contact: Contact | None) -> _Value:
    if contact is None:
        return None
    return {
        "given": contact.name.given,
        "family": contact.name.family,
        "full_name": context.full_name(contact.name, isolate=False),
        "academic_title": contact.academic_title,
        "job_title": contact.job_title,
    }


def _values(context: RenderContext, audience: Audience) -> dict[str, _Value]:
    application = context.application
    role = application.role
    candidate = application.candidate.name
    last = application.last_interview
    feedback = application.feedback
    notes = feedback.notes if feedback is not None else ()
    topics: list[_Value] = list(dict.fromkeys(note.topic.value for note in notes))
    return {
        "candidate": {
            "given": candidate.given,
            "family": candidate.family,
            "full_name": context.full_name(candidate, isolate=False),
        },
        "role": {
            "title": role.title,
            "company": role.company,
            "team": role.team,
            "location": role.location,
        },
        "hiring_manager": _person(context, application.hiring_manager),
        "hr_contact": _person(context, application.hr_contact),
        "interviewed": last is not None,
        "interview_count": len(application.interviews),
        "interview_date": context.format_date(last.date) if last else None,
        "highlight": last.highlight if last else None,
        "stage": application.stage_reached.value,
        "decision": application.outcome.decision.value,
        "channel": application.outcome.channel.value,
        "told_on": context.format_date(application.outcome.told_on),
        "feedback_status": feedback.status.value if feedback else None,
        "feedback_notes": [
            {"topic": note.topic.value, "note": note.note} for note in notes
        ],
        "feedback_topics": topics,
        "audience": audience.value,
        "tone": context.tone.value,
        "warm": context.warm,
        "locale": context.locale,
    }


_CONTACT_FIELDS: Final = {
    Audience.HR: "hr_contact",
    Audience.HIRING_MANAGER: "hiring_manager",
}


def _audience(value: object, context: RenderContext) -> Audience:
    if value is None:
        return _hr_or_team(context.application)
    audience = _member(Audience, value, "audience")
    if audience is Audience.CONTACT:
        raise ValidationError.single(
            "audience",
            "'contact' is for a kind's to= option; a user template writes to "
            "hr, hiring-manager, hiring-team or candidate",
        )
    if audience in _CONTACT_FIELDS and context.contact_for(audience) is None:
        raise ValidationError.single(
            "audience",
            f"{audience.value!r} needs application.{_CONTACT_FIELDS[audience]}, "
            "which is not set",
        )
    return audience


def _source(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError.single(
            field, f"expected a template string, got {type(value).__name__}"
        )
    return value


def from_template(
    body: str,
    application: Application,
    *,
    subject: str | None = None,
    kind: str = "custom",
    locale: str | babel.Locale = _i18n.DEFAULT_LOCALE,
    tone: Tone | Literal["formal", "warm"] = Tone.FORMAL,
    audience: Audience | str | None = None,
    strict_locale: bool = False,
    limits: TemplateLimits | None = None,
) -> Message:
    """Write a message from a template an end user wrote, safely.

    The templates are Jinja2 text templates rendered in a sandbox (see the
    module documentation): they may read only the values below, use the
    filters and tests listed, and never reach Python objects. The body
    holds only the paragraphs, as in the built-in kinds: every non-empty
    line is a paragraph and a run of lines starting with ``"- "`` is a
    list. The greeting, the language's opening line, the closing and the
    signature come from rejectkit's letter frame, so they are right in
    every language without the user writing them.

    Text values are the caller's text exactly as given. Where the body
    prints text whose direction differs from the language's, it is
    isolated as in the built-in kinds (see `RenderContext.isolate`).

    | name | what it holds |
    | --- | --- |
    | candidate | given, family, full_name (in the language's order) |
    | role | title, company, team, location (team and location may be None) |
    | hiring_manager | given, family, full_name, academic_title, job_title; or None |
    | hr_contact | the same as hiring_manager, for the HR contact; or None |
    | interviewed | true when at least one interview took place |
    | interview_count | the number of interviews |
    | interview_date | the last interview's day, as the language writes dates; or None |
    | highlight | the last interview's highlight, or None |
    | stage | furthest stage: application, phone-screen, interview, final-round |
    | decision | rejected, position-filled, on-hold or cancelled |
    | channel | automated-email, personal-email, phone-call or in-person |
    | told_on | the day the candidate was told, as the language writes dates |
    | feedback_status | received or declined; None before any answer |
    | feedback_notes | a list of dicts with topic and note; empty without feedback |
    | feedback_topics | the notes' topics in order: qualifications, experience, fit |
    | audience | hr, hiring-manager, hiring-team or candidate |
    | tone | formal or warm |
    | warm | true when the tone is warm |
    | locale | the tag of the language the message is written in, such as de |

    Filters: ``attr``, ``capitalize``, ``default``, ``first``, ``int``,
    ``join``, ``last``, ``length``, ``list``, ``lower``, ``replace``,
    ``sort``, ``string``, ``title``, ``trim``, ``upper`` and ``wordcount``.
    Tests: Jinja's, except ``callable``, ``escaped``, ``filter``, ``lower``,
    ``test`` and ``upper``. The one function is ``range``.

    Args:
        body: The body template.
        application: What happened.
        subject: The subject template, rendered like the body and then
            stripped of surrounding white space; it must come out as one
            line. Without it, the subject is the role's title.
        kind: The kind id the message carries.
        locale: A locale tag (``"en"``, ``"en-GB"``, ``"de_DE.UTF-8"``) or a
            `babel.Locale`; unsupported languages fall back to English.
        tone: `Tone.FORMAL` (the default) or `Tone.WARM`, or their values;
            it picks the greeting and the closing.
        audience: Who the message is to; HR when the application names an
            HR contact, else the hiring team.
        strict_locale: Raise instead of falling back to English.
        limits: The caps for each template; `TemplateLimits` by default.

    Returns:
        The message.

    Raises:
        TemplateSecurityError: A template reached outside its context: a
            name starting with an underscore, a Python attribute or method,
            ``%`` formatting of text, or loading another template.
        TemplateError: A template has a syntax error, uses an undefined
            name, goes over a limit, fails while rendering, holds a control
            character, or renders an empty body or a subject that is not one
            line. The message names the template and, when known, the line.
        ValidationError: An argument is invalid, or *audience* names a
            contact the application does not have.
        UnsupportedLocaleError: *locale* is not a locale (or, with
            *strict_locale*, not a supported one).

    Example:
        >>> import rejectkit
        >>> message = rejectkit.from_template(
        ...     "Thank you for the update about the {{ role.title }} role.",
        ...     rejectkit.sample_application(),
        ... )
        >>> print(message.text.splitlines()[2])
        Thank you for the update about the Senior Data Analyst role.
    """
    application = _check_application(application)
    body = _source(body, "body")
    if subject is not None:
        subject = _source(subject, "subject")
    if limits is None:
        limits = _DEFAULT_LIMITS
    elif not isinstance(limits, TemplateLimits):
        raise ValidationError.single(
            "limits", f"expected TemplateLimits, got {type(limits).__name__}"
        )
    context = _context(
        application, locale, tone, strict_locale=strict_locale, templates=None
    )
    audience = _audience(audience, context)
    values = _values(context, audience)
    text = _paragraphs(
        _render(body, values, part="body", limits=limits, isolate=context.isolate)
    )
    if not text:
        raise _error(TemplateError, "body", "the template rendered no text")
    if subject is None:
        subject_line = application.role.title
    else:
        subject_line = _render(
            subject, values, part="subject", limits=limits, isolate=None
        ).strip()
        try:
            v.check_line(subject_line, "subject", max_length=MAX_SUBJECT_LENGTH)
        except ValidationError as exc:
            raise _error(TemplateError, "subject", exc.problems[0][1]) from None
    return context.message(
        kind=kind,
        audience=audience,
        subject=subject_line,
        body=text,
        send_within_days=None,
    )
