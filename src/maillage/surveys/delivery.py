"""How invitations reach partners: the e-mail in the partner's language, its delivery status, the links.

An invitation always has a personal link; an e-mail goes out only when its organization has an address.
Pages and messages count links made, e-mails sent and organizations without an address separately, so no
page calls "invited" an organization that received nothing.
"""

from __future__ import annotations

import csv
import io
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override

from maillage.cells import inert
from maillage.directory.models import Organization
from maillage.surveys.models import Invitation

logger = logging.getLogger(__name__)
LinkBuilder = Callable[[str, str], str]  # (token, language) -> absolute URL

NOT_SENT, SENT, FAILED, ANSWERED = "not_sent", "sent", "failed", "answered"
STATUS_LABELS = {
    NOT_SENT: gettext_lazy("not sent"),
    SENT: gettext_lazy("sent"),
    FAILED: gettext_lazy("failed"),
    ANSWERED: gettext_lazy("answered"),
}


@dataclass(frozen=True)
class Delivery:
    """Where one invitation stands: a status code, its words, and the date of that status."""

    code: str
    when: datetime | None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.code])


def delivery_of(invitation: Invitation) -> Delivery:
    """Answered beats sent, sent beats failed (a later success), failed beats not sent."""
    response = getattr(invitation, "response", None)
    if response is not None and response.submitted_at is not None:
        return Delivery(ANSWERED, response.submitted_at)
    if invitation.failed_at and (invitation.sent_at is None or invitation.failed_at > invitation.sent_at):
        return Delivery(FAILED, invitation.failed_at)
    if invitation.sent_at:
        return Delivery(SENT, invitation.sent_at)
    return Delivery(NOT_SENT, None)


@dataclass(frozen=True)
class Summary:
    links: int
    sent: int
    without_address: int
    failed: int
    answered: int


def summarise(invitations: Iterable[Invitation]) -> Summary:
    """The wave's counts of links, e-mails sent, organizations without an address, failures and answers."""
    rows = list(invitations)
    codes = [delivery_of(invitation).code for invitation in rows]
    return Summary(
        links=len(rows),
        sent=sum(1 for invitation in rows if invitation.sent_at),
        without_address=sum(1 for invitation in rows if not invitation.email),
        failed=codes.count(FAILED),
        answered=codes.count(ANSWERED),
    )


def summary_sentence(summary: Summary) -> str:
    """One sentence for the flash message and the invitations page: links, e-mails, no address."""
    parts = [
        ngettext("%(n)s personal link created", "%(n)s personal links created", summary.links),
        ngettext("%(n)s e-mail sent", "%(n)s e-mails sent", summary.sent),
        ngettext("%(n)s without an address", "%(n)s without an address", summary.without_address),
    ]
    counts = (summary.links, summary.sent, summary.without_address)
    return (
        ", ".join(
            part % {"n": number_format(n, force_grouping=True)} for part, n in zip(parts, counts, strict=True)
        )
        + "."
    )


def failure_warning(failed: int) -> str:
    text = ngettext(
        "%(n)s e-mail could not be sent: try again later or send the link another way.",
        "%(n)s e-mails could not be sent: try again later or send the links another way.",
        failed,
    )
    return text % {"n": number_format(failed, force_grouping=True)}


def addresses_before_opening(network_id: int) -> tuple[int, int]:
    """(current members, members with an e-mail address): what opening the wave will create and send."""
    from maillage.directory.models import Contact
    from maillage.networks.models import Membership

    members = set(
        Membership.objects.filter(network_id=network_id, end_date__isnull=True).values_list(
            "organization_id", flat=True
        )
    )
    with_address = (
        Contact.objects.filter(organization_id__in=members)
        .exclude(email="")
        .values("organization_id")
        .distinct()
    )
    return len(members), with_address.count()


def partner_language(organization: Organization) -> str:
    """French unless the organization serves in English and not in French."""
    languages = organization.languages or []
    return "en" if "en" in languages and "fr" not in languages else "fr"


def invitation_email(invitation: Invitation, link_for: LinkBuilder, *, reminder: bool) -> EmailMessage:
    """The e-mail of one invitation, written in its organization's language, with the wave's message."""
    language = partner_language(invitation.organization)
    wave, network = invitation.wave, invitation.wave.network
    with override(language):
        intro = (
            _("Reminder: %(network)s is still waiting for the answers of %(organization)s.")
            if reminder
            else _("%(network)s invites %(organization)s to answer its partner survey.")
        ) % {"network": network.name, "organization": invitation.organization.name}
        parts = [wave.message_in(language), intro, _("Your personal link (no account needed):")]
        parts.append(link_for(invitation.token, language))
        parts.append(_("You can save and come back before you submit. Please do not share this link."))
        subject = _("Partner survey — %(network)s") % {"network": network.name}
    body = "\n\n".join(part for part in parts if part)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def deliver(invitations: list[Invitation], link_for: LinkBuilder, *, reminder: bool) -> tuple[int, int]:
    """Send each invitation's e-mail on its own, recording success or failure per invitation.

    One bad address or a server that drops mid-way fails only what it touches: the rest goes out, and
    the coordinator sees which ones to try again. Returns (sent, failed).
    """
    sent = failed = 0
    try:
        connection = get_connection()
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("The e-mail server could not be reached")
        _record_failure([invitation.pk for invitation in invitations], error)
        return 0, len(invitations)
    try:
        for invitation in invitations:
            try:
                connection.send_messages([invitation_email(invitation, link_for, reminder=reminder)])
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("Survey invitation %s could not be sent: %s", invitation.pk, error)
                _record_failure([invitation.pk], error)
                failed += 1
                continue
            _record_success(invitation, reminder=reminder)
            sent += 1
    finally:
        connection.close()
    return sent, failed


def _record_failure(invitation_ids: list[int], error: Exception) -> None:
    Invitation.objects.filter(pk__in=invitation_ids).update(
        failed_at=timezone.now(), failure=str(error)[:200]
    )


def _record_success(invitation: Invitation, *, reminder: bool) -> None:
    now = timezone.now()
    if reminder:
        fields = {"reminded_at": now, "reminders": invitation.reminders + 1}
    else:
        fields = {"sent_at": now, "failed_at": None, "failure": ""}
    Invitation.objects.filter(pk=invitation.pk).update(**fields)


CSV_COLUMNS = ("organization", "sector", "language", "email", "status", "status_date", "reminders", "link")


def links_csv(invitations: Iterable[Invitation], link_for: LinkBuilder) -> str:
    """The personal links as a spreadsheet, one row per organization, for a mail merge or a phone round."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for invitation in invitations:
        delivery = delivery_of(invitation)
        language = partner_language(invitation.organization)
        writer.writerow(
            [
                inert(invitation.organization.name),
                inert(str(invitation.organization.sector or "")),
                language,
                inert(invitation.email),
                delivery.code,
                timezone.localtime(delivery.when).date().isoformat() if delivery.when else "",
                invitation.reminders,
                link_for(invitation.token, language),
            ]
        )
    return out.getvalue()
