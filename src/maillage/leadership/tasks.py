"""Background work of the programme: telling a community's members about a new session."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from maillage.leadership.models import CommunityMember, CommunitySession


def _message(session: CommunitySession, language: str) -> tuple[str, str]:
    with translation.override(language):
        when = formats.date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
        subject = _("New session of %(community)s: %(theme)s") % {
            "community": session.community.name,
            "theme": session.theme,
        }
        body = _(
            "A session of the community of practice %(community)s is scheduled.\nDate: %(when)s\n"
            "Theme: %(theme)s\n"
        ) % {"community": session.community.name, "when": when, "theme": session.theme}
    return subject, body


@task()
def notify_new_session(session_id: int) -> int:
    """E-mail every member who has an address, one message each (no one sees the others' addresses).

    The message carries French then English, as members do not record a preferred language.
    Returns the number of messages sent.
    """
    session = CommunitySession.objects.select_related("community").filter(pk=session_id).first()
    if session is None:
        return 0
    subject_fr, body_fr = _message(session, "fr")
    subject_en, body_en = _message(session, "en")
    subject = f"{subject_fr} / {subject_en}"[:250].replace("\n", " ")
    body = f"{body_fr}\n---\n\n{body_en}"
    recipients = (
        CommunityMember.objects.filter(community=session.community, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
