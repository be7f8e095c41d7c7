"""An example rejectkit plugin: ask a contact for a referral to another team."""

from __future__ import annotations

from typing import Any, ClassVar

from rejectkit import Application, Audience, RenderContext
from rejectkit.generators import TemplateGenerator, ThankHr

__all__ = ["ReferralAsk", "SameDayThankHr"]


class ReferralAsk(TemplateGenerator):
    """Asks the hiring manager (or HR) whether another team might be hiring."""

    kind = "referral-ask"
    locales: ClassVar[tuple[str, ...] | None] = ("en", "de")
    template_package = "rejectkit_referral"
    gettext_domain = "rejectkit_referral"
    send_within_days = 14

    def audience(self, application: Application) -> Audience:
        """Write to the hiring manager when known, else to HR or the team."""
        if application.hiring_manager is not None:
            return Audience.HIRING_MANAGER
        if application.hr_contact is not None:
            return Audience.HR
        return Audience.HIRING_TEAM

    def unmet_need(self, application: Application) -> tuple[str, str] | None:
        """A referral ask only makes sense after an interview."""
        if not application.interviews:
            return ("interviews", f"{self.kind} needs at least one interview")
        return None

    def variables(self, context: RenderContext, **options: object) -> dict[str, Any]:
        """Add the team the candidate applied to, if known."""
        values = super().variables(context, **options)
        values["has_team"] = context.application.role.team is not None
        return values


class SameDayThankHr(ThankHr):
    """The built-in thanks to HR, suggested for the same day."""

    replace: ClassVar[bool] = True
    send_within_days = 0
