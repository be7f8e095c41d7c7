"""What a type checker says about rejectkit's public API.

Never run, only checked: ``mypy --strict`` (with ``warn_unused_ignores``)
and ``pyright`` in strict mode (with ``reportUnnecessaryTypeIgnoreComment``)
both read this file. `typing.assert_type` pins the type each public call
returns, and every ``# type: ignore[code]`` marks a misuse that must stay a
type error: if rejectkit's types stopped rejecting it, the ignore would be
unused and both checkers would fail.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_type

import babel

import rejectkit
from rejectkit.generators import MessageGenerator

if TYPE_CHECKING:
    import jinja2


def returns() -> None:
    """The main calls return what their annotations say."""
    app = rejectkit.sample_application()
    assert_type(app, rejectkit.Application)
    assert_type(rejectkit.loads("{}"), rejectkit.Application)
    assert_type(rejectkit.loads(b"x = 1", format="toml"), rejectkit.Application)
    assert_type(rejectkit.load(Path("a.toml")), rejectkit.Application)
    assert_type(rejectkit.load("a.txt", format="json"), rejectkit.Application)
    assert_type(rejectkit.plan(app, locale="de"), tuple[str, ...])
    assert_type(rejectkit.kinds(), tuple[str, ...])
    assert_type(rejectkit.registry.get("thank-hr"), MessageGenerator)

    kit = rejectkit.compose(app, locale=babel.Locale("de"), tone="warm")
    assert_type(kit, rejectkit.Kit)
    assert_type(kit[0], rejectkit.Message)
    assert_type(kit[1:], tuple[rejectkit.Message, ...])
    assert_type(kit.by_kind("thank-hr"), rejectkit.Message)
    assert_type(kit.failures, tuple[rejectkit.Failure, ...])
    assert_type(kit.schedule(), bytes)

    message = rejectkit.generate("thank-hr", app, tone=rejectkit.Tone.FORMAL)
    assert_type(message, rejectkit.Message)
    assert_type(message.send_by, dt.date | None)
    assert_type(message.to_email(), EmailMessage)
    assert_type(
        rejectkit.from_template("Hello.", app, tone="formal"), rejectkit.Message
    )


def plain_data() -> None:
    """Every ``to_dict()`` returns a TypedDict, down to the last key."""
    app = rejectkit.sample_application()
    kit = rejectkit.compose(app, strict=False)
    assert_type(kit.to_dict(), rejectkit.KitDict)
    assert_type(kit.to_dict()["messages"][0], rejectkit.MessageDict)
    assert_type(kit.to_dict()["messages"][0]["send_by"], str | None)
    assert_type(kit.to_dict()["failures"][0], rejectkit.FailureDict)
    assert_type(kit[0].sender.to_dict(), rejectkit.MailboxDict)
    assert_type(kit.failures[0].to_dict(), rejectkit.FailureDict)

    data = app.to_dict()
    assert_type(data, rejectkit.ApplicationDict)
    assert_type(data["candidate"], rejectkit.CandidateDict)
    assert_type(data["candidate"]["name"], rejectkit.PersonNameDict)
    assert_type(data["role"], rejectkit.RoleDict)
    assert_type(data["outcome"], rejectkit.OutcomeDict)
    assert_type(data["outcome"]["told_by"], rejectkit.ContactDict | None)
    assert_type(data["interviews"][0], rejectkit.InterviewDict)
    assert_type(data["feedback"], rejectkit.FeedbackDict | None)
    feedback = data["feedback"]
    if feedback is not None:
        assert_type(feedback["notes"][0], rejectkit.FeedbackNoteDict)
    assert_type(rejectkit.Application.from_dict(data), rejectkit.Application)

    kit.to_dict()["mesages"]  # type: ignore[typeddict-item]


def accepted_arguments(loader: jinja2.BaseLoader, contact: rejectkit.Contact) -> None:
    """What the signatures take: each form the docs name."""
    app = rejectkit.sample_application()
    rejectkit.compose(app, kinds=["thank-hr"])
    rejectkit.compose(app, kinds=("thank-hr", "stay-in-touch"))
    rejectkit.compose(app, kinds=iter(rejectkit.kinds()))
    rejectkit.compose(app, topics=[rejectkit.FeedbackTopic.FIT, "experience"])
    rejectkit.compose(app, templates="overrides")
    rejectkit.compose(app, templates=[Path("overrides"), loader])
    rejectkit.compose(app, templates=(loader,))
    rejectkit.compose(app, options={"feedback-request": {"topics": ["fit"]}})
    rejectkit.generate("feedback-request", app, topics=("fit",), to=contact)
    rejectkit.generate("thank-hr", app, to={"name": {"given": "Sam", "family": "Li"}})
    options: rejectkit.KindOptions = {"topics": ["qualifications"]}
    rejectkit.generate("feedback-request", app, **options)
    # A plugin kind's own options travel in a table of Any.
    plugin_options: dict[str, Any] = {"referrer": contact}
    rejectkit.generate("thank-referrer", app, **plugin_options)


def misuses() -> None:
    """Each line is a type error under mypy --strict and pyright strict."""
    app = rejectkit.sample_application()
    rejectkit.compose(app, locale=123)  # type: ignore[arg-type]
    rejectkit.compose(app, tone="casual")  # type: ignore[arg-type]
    rejectkit.compose(app, templates=3.5)  # type: ignore[arg-type]
    rejectkit.loads("{}", format="yaml")  # type: ignore[arg-type]
    rejectkit.generate("feedback-request", app, topicz=["fit"])  # type: ignore[call-arg]
    rejectkit.compose(app, kinds="thank-hr")  # type: ignore[arg-type]

    rejectkit.generate("thank-hr", app, locale=123)  # type: ignore[arg-type]
    rejectkit.generate("thank-hr", app, tone="casual")  # type: ignore[arg-type]
    rejectkit.generate("thank-hr", app, templates=3.5)  # type: ignore[arg-type]
    rejectkit.load("a.json", format="yaml")  # type: ignore[arg-type]
    rejectkit.compose(app, topics="fit")  # type: ignore[arg-type]
    rejectkit.generate("feedback-request", app, topics=["feelings"])  # type: ignore[list-item]
    rejectkit.from_template("Hi.", app, tone="casual")  # type: ignore[arg-type]
    rejectkit.plan(app, locale=123)  # type: ignore[arg-type]
