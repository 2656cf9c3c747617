"""Everything Maillage holds about one person, found by e-mail address: to export it, or to erase it.

Quebec's Law 25 gives a person the right to see the personal information held about them and to have it
erased. Each `Source` below knows one place where such information lives (docs/privacy.md lists them
all): how to find a person's rows, what to export, and how to erase them while keeping the network's
aggregates (ties, answers about partners, counts) intact. Another app adds its own place with
`SOURCES.append(Source(...))`.

Erasure runs in one transaction and inside one audit bulk operation, so the audit trail records that an
erasure happened (with counts) without copying the erased values into the trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from maillage.audit.bulk import bulk_operation
from maillage.audit.context import acting_as
from maillage.directory.models import Contact
from maillage.initiatives.models import Initiative
from maillage.surveys.actions import survey_questions
from maillage.surveys.models import Invitation, QuestionKind, Response

ERASED = "[erased]"


@dataclass(frozen=True)
class Source:
    name: str
    find: Callable[[str], list[Any]]
    export: Callable[[Any], dict[str, Any]]
    erase: Callable[[Any], None]


def _model(label: str) -> Any:
    """The model, or None when its app is not installed (sources of optional apps)."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _users(email: str) -> list[Any]:
    return list(get_user_model().objects.filter(email__iexact=email))


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# ----- accounts ------------------------------------------------------------------------------------------
def _export_user(user: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "is_active": user.is_active,
        "roles": [
            {
                "kind": r.kind,
                "network": str(r.network) if r.network_id else None,
                "territory": str(r.territory),
            }
            for r in user.maillage_roles.select_related("network", "territory")
        ],
    }
    token_model = _model("api.ApiToken")
    if token_model is not None:
        data["api_tokens"] = [
            {"name": t.name, "prefix": t.prefix, "created_at": _when(t.created_at)}
            for t in token_model.objects.filter(user=user)
        ]
    audit = _model("audit.AuditEvent")
    data["audit_events_by_this_user"] = audit.objects.filter(user=user).count()
    return data


def _erase_user(user: Any) -> None:
    """The account stays (records point at it) but names nothing and can never sign in again."""
    label = f"erased-user-{user.pk}"
    old_name, full_name = user.username, user.get_full_name()
    user.username, user.first_name, user.last_name, user.email = label, "", "", ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.maillage_roles.all().delete()
    token_model = _model("api.ApiToken")
    if token_model is not None:
        token_model.objects.filter(user=user).delete()
    # The trail keeps what was done, but not by whom by name.
    audit = _model("audit.AuditEvent")
    audit.objects.filter(user=user).update(actor=label)
    audit.objects.filter(actor=old_name, user__isnull=True).update(actor=label)
    audit.objects.filter(model="auth.User", object_id=str(user.pk)).update(object_label=label, changes={})
    # Labels of other records may name the person ("mtremblay — Coordination — Réseau A", a role).
    for name in {old_name, full_name} - {""}:
        if len(name) >= 4:  # a very short name would match unrelated labels
            for event in audit.objects.filter(object_label__icontains=name):
                event.object_label = f"#{event.object_id}"
                event.save(update_fields=["object_label"])


# ----- leadership (self-assessments are the person's own) ------------------------------------------------
def _leadership_profiles(email: str) -> list[Any]:
    model = _model("leadership.LeaderProfile")
    return list(model.objects.filter(user__email__iexact=email)) if model is not None else []


def _export_profile(profile: Any) -> dict[str, Any]:
    return {
        "organization": str(profile.organization),
        "coach": str(profile.coach) if profile.coach_id else None,
        "coach_consent": profile.coach_consent,
        "self_assessments": [
            {
                "date": str(assessment.assessed_on),
                "ratings": {
                    str(r.competency): r.level for r in assessment.ratings.select_related("competency")
                },
            }
            for assessment in profile.assessments.all()
        ],
        "activities": [str(p.activity) for p in profile.participations.select_related("activity")],
    }


def _erase_profile(profile: Any) -> None:
    profile.delete()  # its self-assessments, ratings and participations go with it


def _posts(email: str) -> list[Any]:
    model = _model("leadership.Post")
    return list(model.objects.filter(author__email__iexact=email)) if model is not None else []


def _erase_post(post: Any) -> None:
    post.author, post.body = None, ERASED
    post.save()


# ----- directory: contact persons ------------------------------------------------------------------------
def _contacts(email: str) -> list[Any]:

    return list(Contact.objects.filter(email__iexact=email).select_related("organization"))


def _export_contact(contact: Any) -> dict[str, Any]:
    return {
        "organization": str(contact.organization),
        "full_name": contact.full_name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
    }


def _erase_contact(contact: Any) -> None:
    """The row goes, and so do the values its audit events recorded (older events, before masking)."""
    audit = _model("audit.AuditEvent")
    audit.objects.filter(model="directory.Contact", object_id=str(contact.pk)).update(
        changes={}, object_label=f"#{contact.pk}"
    )
    contact.delete()


# ----- surveys: the address invited, and the words written ----------------------------------------------
def _invitations(email: str) -> list[Any]:

    return list(
        Invitation.objects.filter(email__iexact=email).select_related(
            "wave__network", "organization", "response"
        )
    )


def _export_invitation(invitation: Any) -> dict[str, Any]:
    response = getattr(invitation, "response", None)
    data: dict[str, Any] = {
        "network": str(invitation.wave.network),
        "wave": str(invitation.wave.date),
        "organization": str(invitation.organization),
        "email": invitation.email,
        "sent_at": _when(invitation.sent_at),
    }
    if response is not None:
        data["response"] = {
            "submitted_at": _when(response.submitted_at),
            "quote": response.quote,
            "quote_consent": response.quote_consent,
            "lesson": response.lesson,
            "lesson_consent": response.lesson_consent,
            "comments": response.comments,
            "answers": response.answers,
        }
    return data


def _erase_invitation(invitation: Any) -> None:
    """The address and every word written go (quote, comments, free-text answers, and their copies in a
    later wave's response pre-filled from this one); the ratings and choices stay, for the aggregates."""

    invitation.email = ""
    invitation.save()
    response = getattr(invitation, "response", None)
    if response is None:
        return
    written = _free_text(response)
    comments = dict(response.comments or {})
    response.quote, response.quote_consent, response.comments = "", "", {}
    response.lesson, response.lesson_consent = "", ""
    response.answers = {code: value for code, value in response.answers.items() if code not in written}
    response.save()
    for later in Response.objects.filter(prefilled_from=response):
        later.answers = {c: v for c, v in later.answers.items() if not (c in written and written[c] == v)}
        later.comments = {c: v for c, v in later.comments.items() if not (c in comments and comments[c] == v)}
        later.save()


def _free_text(response: Any) -> dict[str, Any]:
    """{code: answer} of the answers that are words rather than a choice or a point of a scale: answers to
    text questions, to questions no longer known, and any value outside the question's choices."""

    questions = {q.code: q for q in survey_questions(response.invitation.wave)}
    written = {}
    for code, value in (response.answers or {}).items():
        question = questions.get(code)
        if question is None or question.kind == QuestionKind.TEXT:
            written[code] = value
            continue
        pairs = question.scale_points() if question.kind == QuestionKind.SCALE else question.choice_pairs()
        allowed = {point for point, _label in pairs}
        if any(str(v) not in allowed for v in (value if isinstance(value, list) else [value])):
            written[code] = value
    return written


# ----- initiatives: the contact person of a documented practice -----------------------------------------
def _initiatives(email: str) -> list[Any]:

    return list(Initiative.objects.filter(contact_email__iexact=email))


def _export_initiative(initiative: Any) -> dict[str, Any]:
    return {
        "initiative": str(initiative),
        "contact_name": initiative.contact_name,
        "contact_email": initiative.contact_email,
        "contact_consent": initiative.contact_consent,
    }


def _erase_initiative(initiative: Any) -> None:
    initiative.contact_name, initiative.contact_email, initiative.contact_consent = "", "", False
    initiative.save()


SOURCES: list[Source] = [
    Source("user_accounts", _users, _export_user, _erase_user),
    Source("leadership_profiles", _leadership_profiles, _export_profile, _erase_profile),
    Source(
        "community_posts",
        _posts,
        lambda post: {"community": str(post.community), "body": post.body, "at": _when(post.created_at)},
        _erase_post,
    ),
    Source("organization_contacts", _contacts, _export_contact, _erase_contact),
    Source("survey_invitations", _invitations, _export_invitation, _erase_invitation),
    Source("initiative_contacts", _initiatives, _export_initiative, _erase_initiative),
]


def export_person(email: str) -> dict[str, Any]:
    """Everything held about `email`, as plain JSON-ready data."""
    email = email.strip()
    found = {source.name: [source.export(row) for row in source.find(email)] for source in SOURCES}
    return {"email": email, "exported_at": timezone.now().isoformat(), "found": found}


def counts_for(email: str) -> dict[str, int]:
    return {source.name: len(source.find(email.strip())) for source in SOURCES}


def erase_person(email: str) -> dict[str, int]:
    """Erase or anonymise everything held about `email`; returns how many rows of each source."""
    email = email.strip()
    counts: dict[str, int] = {}
    with transaction.atomic(), acting_as(label="system: privacy erasure"), bulk_operation("privacy erasure"):
        # Profiles and posts are found through the account's address: erase them before the address goes.
        for source in sorted(SOURCES, key=lambda s: s.name == "user_accounts"):
            rows = source.find(email)
            for row in rows:
                source.erase(row)
            counts[source.name] = len(rows)
    return counts
