"""rejectkit writes the messages a candidate sends after being turned down.

Describe what happened as an `Application`, then call `compose` for the kit
of messages that fits the situation, or `generate` for one kind.
"""

import importlib
from typing import TYPE_CHECKING

from rejectkit import generators
from rejectkit._compose import KindOptions, compose, generate, plan
from rejectkit._i18n import Conventions, supported_locales
from rejectkit._letters import RenderContext
from rejectkit._message import Audience, Failure, Kit, Mailbox, Message
from rejectkit._models import (
    Application,
    Candidate,
    Channel,
    Contact,
    Decision,
    Feedback,
    FeedbackNote,
    FeedbackSource,
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
from rejectkit._registry import Registry, kinds, register, registry
from rejectkit._sample import sample_application
from rejectkit.exceptions import (
    CultureWarning,
    DuplicateKindError,
    GeneratorLoadError,
    LoadError,
    MissingExtraError,
    PluginWarning,
    RejectkitError,
    RenderError,
    TemplateError,
    TemplateSecurityError,
    UnknownKindError,
    UnsupportedLocaleError,
    ValidationError,
)
from rejectkit.generators import MessageGenerator, TemplateGenerator

if TYPE_CHECKING:
    from rejectkit._dicts import (
        ApplicationDict,
        CandidateDict,
        ContactDict,
        FailureDict,
        FeedbackDict,
        FeedbackNoteDict,
        InterviewDict,
        KitDict,
        MailboxDict,
        MessageDict,
        OutcomeDict,
        PersonNameDict,
        RoleDict,
    )
    from rejectkit._notice import Confidence, Notice, NoticeConfidence, read_notice
    from rejectkit._sandbox import TemplateLimits, from_template
    from rejectkit._serde import load, loads

    __version__: str
    """The installed version of rejectkit, such as ``"0.1.0"``."""

# Loaded on first use, so that importing rejectkit costs only what a render
# needs: loading documents brings in cattrs, templates from strings the
# sandbox, and the version the package metadata; the TypedDicts are for
# annotations.
_LAZY = {
    "ApplicationDict": "rejectkit._dicts",
    "CandidateDict": "rejectkit._dicts",
    "ContactDict": "rejectkit._dicts",
    "FailureDict": "rejectkit._dicts",
    "FeedbackDict": "rejectkit._dicts",
    "FeedbackNoteDict": "rejectkit._dicts",
    "InterviewDict": "rejectkit._dicts",
    "KitDict": "rejectkit._dicts",
    "MailboxDict": "rejectkit._dicts",
    "MessageDict": "rejectkit._dicts",
    "OutcomeDict": "rejectkit._dicts",
    "PersonNameDict": "rejectkit._dicts",
    "RoleDict": "rejectkit._dicts",
    "Confidence": "rejectkit._notice",
    "Notice": "rejectkit._notice",
    "NoticeConfidence": "rejectkit._notice",
    "read_notice": "rejectkit._notice",
    "TemplateLimits": "rejectkit._sandbox",
    "from_template": "rejectkit._sandbox",
    "load": "rejectkit._serde",
    "loads": "rejectkit._serde",
}


# Hidden from type checkers, so that a misspelt name is still an error.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name == "__version__":
            from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

            try:
                value = version("rejectkit")
            except PackageNotFoundError:  # pragma: no cover - a bare checkout
                value = "0+unknown"
        elif name in _LAZY:
            value = getattr(importlib.import_module(_LAZY[name]), name)
        else:
            msg = f"module 'rejectkit' has no attribute {name!r}"
            raise AttributeError(msg)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


__all__ = [
    "Application",
    "ApplicationDict",
    "Audience",
    "Candidate",
    "CandidateDict",
    "Channel",
    "Confidence",
    "Contact",
    "ContactDict",
    "Conventions",
    "CultureWarning",
    "Decision",
    "DuplicateKindError",
    "Failure",
    "FailureDict",
    "Feedback",
    "FeedbackDict",
    "FeedbackNote",
    "FeedbackNoteDict",
    "FeedbackSource",
    "FeedbackStatus",
    "FeedbackTopic",
    "FormOfAddress",
    "GeneratorLoadError",
    "Interview",
    "InterviewDict",
    "KindOptions",
    "Kit",
    "KitDict",
    "LoadError",
    "Mailbox",
    "MailboxDict",
    "Message",
    "MessageDict",
    "MessageGenerator",
    "MissingExtraError",
    "Notice",
    "NoticeConfidence",
    "Outcome",
    "OutcomeDict",
    "PersonName",
    "PersonNameDict",
    "PluginWarning",
    "Registry",
    "RejectkitError",
    "RenderContext",
    "RenderError",
    "Role",
    "RoleDict",
    "Stage",
    "TemplateError",
    "TemplateGenerator",
    "TemplateLimits",
    "TemplateSecurityError",
    "Tone",
    "UnknownKindError",
    "UnsupportedLocaleError",
    "ValidationError",
    "__version__",
    "compose",
    "from_template",
    "generate",
    "generators",
    "kinds",
    "load",
    "loads",
    "plan",
    "read_notice",
    "register",
    "registry",
    "sample_application",
    "supported_locales",
]
