"""rejectkit writes the messages a candidate sends after being turned down.

Describe what happened as an `Application`, then call `compose` for the kit
of messages that fits the situation, or `generate` for one kind.
"""

from importlib.metadata import PackageNotFoundError, version

from rejectkit import generators
from rejectkit._compose import compose, generate, plan
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
from rejectkit._sandbox import TemplateLimits, from_template
from rejectkit._serde import load, loads
from rejectkit.exceptions import (
    CultureWarning,
    DuplicateKindError,
    GeneratorLoadError,
    LoadError,
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

try:
    __version__ = version("rejectkit")
    """The installed version of rejectkit, such as ``"0.1.0"``."""
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"


__all__ = [
    "Application",
    "Audience",
    "Candidate",
    "Channel",
    "Contact",
    "Conventions",
    "CultureWarning",
    "Decision",
    "DuplicateKindError",
    "Failure",
    "Feedback",
    "FeedbackNote",
    "FeedbackSource",
    "FeedbackStatus",
    "FeedbackTopic",
    "FormOfAddress",
    "GeneratorLoadError",
    "Interview",
    "Kit",
    "LoadError",
    "Mailbox",
    "Message",
    "MessageGenerator",
    "Outcome",
    "PersonName",
    "PluginWarning",
    "Registry",
    "RejectkitError",
    "RenderContext",
    "RenderError",
    "Role",
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
    "register",
    "registry",
    "sample_application",
    "supported_locales",
]
