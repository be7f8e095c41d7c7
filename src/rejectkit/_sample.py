"""A built-in sample application, for the demo, the docs and tests."""

from __future__ import annotations

import datetime as dt

from rejectkit._models import (
    Application,
    Candidate,
    Channel,
    Contact,
    Decision,
    FormOfAddress,
    Interview,
    Outcome,
    PersonName,
    Role,
    Stage,
)


def sample_application() -> Application:
    """Return a realistic application: two interviews, then a personal no.

    Returns:
        An application with a candidate, a role, both contacts, an interview
        highlight and an outcome told by HR in a personal email.
    """
    hr = Contact(
        name=PersonName(given="Jordan", family="Lee"),
        email="jordan.lee@northwind.example",
        job_title="Talent Acquisition Partner",
    )
    manager = Contact(
        name=PersonName(given="Priya", family="Raman"),
        email="priya.raman@northwind.example",
        job_title="Head of Fleet Analytics",
        form_of_address=FormOfAddress.FEMININE,
        academic_title="Dr.",
    )
    return Application(
        candidate=Candidate(
            name=PersonName(given="Alex", family="Morgan"),
            email="alex.morgan@example.com",
            phone="+1 555 0142",
            links=("https://alexmorgan.example/portfolio",),
        ),
        role=Role(
            title="Senior Data Analyst",
            company="Northwind Logistics",
            team="Fleet Analytics",
            location="Chicago",
            requisition_id="NW-2024-118",
        ),
        hiring_manager=manager,
        hr_contact=hr,
        interviews=(
            Interview(
                date=dt.date(2024, 5, 2),
                stage=Stage.PHONE_SCREEN,
                interviewers=(hr.name,),
            ),
            Interview(
                date=dt.date(2024, 5, 14),
                stage=Stage.FINAL_ROUND,
                interviewers=(manager.name,),
                highlight="the plan to merge the regional delivery dashboards",
            ),
        ),
        outcome=Outcome(
            decision=Decision.POSITION_FILLED,
            told_on=dt.date(2024, 5, 21),
            channel=Channel.PERSONAL_EMAIL,
            told_by=hr,
            notice_from=hr.email,
            notice_message_id="<decision-118@northwind.example>",
        ),
    )
