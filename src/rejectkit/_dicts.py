"""The shapes of the plain data that ``to_dict`` returns.

Each `typing.TypedDict` here names the keys of one ``to_dict()`` result and
the type of each value, so a type checker can follow ``kit.to_dict()
["messages"][0]["subject"]`` and catch a misspelt key. At run time they are
plain dicts. Dates are ISO strings and enum members their values, as in JSON.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = [
    "ApplicationDict",
    "CandidateDict",
    "ContactDict",
    "FailureDict",
    "FeedbackDict",
    "FeedbackNoteDict",
    "InterviewDict",
    "KitDict",
    "MailboxDict",
    "MessageDict",
    "OutcomeDict",
    "PersonNameDict",
    "RoleDict",
]


class MailboxDict(TypedDict):
    """What `Mailbox.to_dict` returns.

    Attributes:
        name: The display name, or ``None``.
        email: The plain address.
    """

    name: str | None
    email: str


class MessageDict(TypedDict):
    """What `Message.to_dict` returns.

    Attributes:
        kind: The kind id.
        locale: The locale the message is written in.
        requested_locale: The locale that was asked for.
        audience: The `Audience` value, such as ``"hr"``.
        recipients: Where to send it.
        sender: The candidate's mailbox.
        subject: The subject line.
        text: The plain-text form.
        html: The HTML document.
        send_by: The suggested latest day to send it, as an ISO date, or
            ``None`` for a message with no day to keep, such as the private
            ``next-steps`` note (see `Message.send_by`).
        in_reply_to: The Message-ID this message answers, or ``None``.
        references: The thread's Message-IDs, oldest first, ending with
            ``in_reply_to`` when there is one; empty when the message answers
            nothing or ``in_reply_to`` alone is the thread (see
            `Message.references`).
    """

    kind: str
    locale: str
    requested_locale: str
    audience: str
    recipients: list[MailboxDict]
    sender: MailboxDict
    subject: str
    text: str
    html: str
    send_by: str | None
    in_reply_to: str | None
    references: list[str]


class FailureDict(TypedDict):
    """What `Failure.to_dict` returns.

    Attributes:
        kind: The kind that could not be written.
        error: The error's class name, such as ``"ValidationError"``.
        message: The error's message.
    """

    kind: str
    error: str
    message: str


class KitDict(TypedDict):
    """What `Kit.to_dict` returns.

    Attributes:
        messages: Each message, in sending order.
        failures: Each kind that could not be written.
    """

    messages: list[MessageDict]
    failures: list[FailureDict]


class PersonNameDict(TypedDict):
    """A `PersonName` in an `ApplicationDict`.

    Attributes:
        given: The given name.
        family: The family name.
    """

    given: str
    family: str


class ContactDict(TypedDict):
    """A `Contact` in an `ApplicationDict`.

    Attributes:
        name: The contact's name.
        email: Their address, or ``None``.
        job_title: Their job title, or ``None``.
        form_of_address: The `FormOfAddress` value, such as ``"neutral"``.
        academic_title: A title used in greetings, or ``None``.
    """

    name: PersonNameDict
    email: str | None
    job_title: str | None
    form_of_address: str
    academic_title: str | None


class CandidateDict(TypedDict):
    """The `Candidate` in an `ApplicationDict`.

    Attributes:
        name: The candidate's name.
        email: The candidate's address.
        phone: A phone number, or ``None``.
        links: The links for the signature.
    """

    name: PersonNameDict
    email: str
    phone: str | None
    links: list[str]


class RoleDict(TypedDict):
    """The `Role` in an `ApplicationDict`.

    Attributes:
        title: The job title.
        company: The company's name.
        team: The team, or ``None``.
        location: Where the role is based, or ``None``.
        requisition_id: The company's reference, or ``None``.
    """

    title: str
    company: str
    team: str | None
    location: str | None
    requisition_id: str | None


class InterviewDict(TypedDict):
    """An `Interview` in an `ApplicationDict`.

    Attributes:
        date: The day, as an ISO date.
        stage: The `Stage` value, such as ``"interview"``.
        interviewers: Who the candidate spoke with.
        highlight: One thing discussed, or ``None``.
    """

    date: str
    stage: str
    interviewers: list[PersonNameDict]
    highlight: str | None


class OutcomeDict(TypedDict):
    """The `Outcome` in an `ApplicationDict`.

    Attributes:
        decision: The `Decision` value, such as ``"rejected"``.
        told_on: The day the candidate was told, as an ISO date.
        channel: The `Channel` value, such as ``"personal-email"``.
        told_by: Who told them, or ``None``.
        notice_from: The notice's address, or ``None``.
        notice_message_id: The notice's Message-ID, or ``None``.
        notice_references: The notice's own ``References``, oldest first
            (see `Outcome.notice_references`).
    """

    decision: str
    told_on: str
    channel: str
    told_by: ContactDict | None
    notice_from: str | None
    notice_message_id: str | None
    notice_references: list[str]


class FeedbackNoteDict(TypedDict):
    """A `FeedbackNote` in an `ApplicationDict`.

    Attributes:
        topic: The `FeedbackTopic` value, such as ``"fit"``.
        note: What was said.
    """

    topic: str
    note: str


class FeedbackDict(TypedDict):
    """The `Feedback` in an `ApplicationDict`.

    Attributes:
        status: The `FeedbackStatus` value, such as ``"received"``.
        notes: What was said, one note per point.
        given_by: The `FeedbackSource` value, such as ``"hr"``.
        on: The day the answer came, as an ISO date, or ``None``.
    """

    status: str
    notes: list[FeedbackNoteDict]
    given_by: str
    on: str | None


class ApplicationDict(TypedDict):
    """What `Application.to_dict` returns, and `Application.from_dict` reads.

    Every field is present, ``None`` where the application has no value;
    `Application.from_dict` also reads documents that leave such keys out.

    Attributes:
        format: The document format, ``1``.
        candidate: Who applied.
        role: What they applied for.
        outcome: How it ended.
        hiring_manager: The hiring manager, or ``None``.
        hr_contact: The HR contact, or ``None``.
        interviews: The conversations that took place.
        feedback: The answer to a feedback request, or ``None``.
    """

    format: int
    candidate: CandidateDict
    role: RoleDict
    outcome: OutcomeDict
    hiring_manager: ContactDict | None
    hr_contact: ContactDict | None
    interviews: list[InterviewDict]
    feedback: FeedbackDict | None
