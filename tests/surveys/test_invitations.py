"""Invitations that go out: e-mail in the partner's language, delivery status, reminders, links."""

from __future__ import annotations

import csv
import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from maillage.directory.models import Contact
from maillage.surveys.actions import do_open_wave, do_send_invitations, do_send_reminders
from maillage.surveys.delivery import ANSWERED, FAILED, NOT_SENT, SENT, delivery_of, summarise
from maillage.surveys.forms import WaveForm
from maillage.surveys.models import Invitation, Wave, WaveKind, WaveStatus
from tests.conftest import client_for
from tests.surveys.conftest import answer_fully, en, invitation_of, link_for

D = datetime.date


def _backdate(wave: Wave, days: int = 3) -> None:
    Invitation.objects.filter(wave=wave).exclude(sent_at=None).update(
        sent_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_opening_says_links_emails_and_no_address_apart(draft_wave, orgs, coordinator):
    Contact.objects.create(organization=orgs[0], full_name="Éole", email="eole@example.org")
    response = client_for(coordinator).post(
        reverse("surveys:wave_open", kwargs={"pk": draft_wave.pk}), follow=True
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert "4 liens personnels créés, 1 courriel envoyé, 3 sans adresse." in text
    assert "invité" not in text
    assert response.redirect_chain[-1][0].endswith(f"/surveys/{draft_wave.pk}/invitations/")


def test_each_invitation_is_written_in_its_organization_language(draft_wave, orgs):
    orgs[0].languages = ["en"]
    orgs[0].save()
    orgs[1].languages = ["fr", "en"]
    orgs[1].save()
    draft_wave.message, draft_wave.message_en = "Bonjour à tous", "Hello everyone"
    draft_wave.save()
    Contact.objects.create(organization=orgs[0], full_name="A", email="a@example.org")
    Contact.objects.create(organization=orgs[1], full_name="B", email="b@example.org")
    do_open_wave(draft_wave, link_for)
    by_address = {m.to[0]: m for m in mail.outbox}
    english, french = by_address["a@example.org"], by_address["b@example.org"]
    assert "Hello everyone" in english.body and "Bonjour" not in english.body
    assert "Partner survey" in english.subject and "/en/survey/" in english.body
    assert "Bonjour à tous" in french.body and "Hello" not in french.body
    assert "Enquête" in french.subject and "/en/survey/" not in french.body


def test_sending_again_sends_nothing_already_sent(open_wave, orgs):
    mail.outbox.clear()
    summary = do_send_invitations(open_wave, link_for)
    assert mail.outbox == [] and (summary.links, summary.sent, summary.without_address) == (4, 2, 2)


def test_an_address_added_later_gets_its_invitation_on_the_next_send(open_wave, orgs):
    Invitation.objects.filter(wave=open_wave, organization=orgs[2]).update(email="boreal@example.org")
    mail.outbox.clear()
    do_send_invitations(open_wave, link_for)
    assert [m.to for m in mail.outbox] == [["boreal@example.org"]]
    assert delivery_of(invitation_of(open_wave, orgs[2])).code == SENT


def test_a_refused_address_is_marked_failed_and_the_others_still_go(draft_wave, orgs, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    Contact.objects.create(organization=orgs[0], full_name="A", email="bad@example.org")
    Contact.objects.create(organization=orgs[1], full_name="B", email="good@example.org")
    real_send = EmailBackend.send_messages

    def refuse_bad(self, messages):
        if messages[0].to == ["bad@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"bad@example.org": (550, b"no such user")})
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_bad)
    summary = do_open_wave(draft_wave, link_for)
    assert [m.to for m in mail.outbox] == [["good@example.org"]]
    bad = invitation_of(draft_wave, orgs[0])
    assert delivery_of(bad).code == FAILED and bad.sent_at is None and "bad@example.org" in bad.failure
    assert (summary.sent, summary.failed) == (1, 1)
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    do_send_invitations(draft_wave, link_for)  # the retry succeeds and clears the failure
    assert delivery_of(invitation_of(draft_wave, orgs[0])).code == SENT


def test_statuses_not_sent_sent_answered(open_wave, orgs):
    answer_fully(open_wave, orgs[0], {orgs[1]: {}})
    codes = {i.organization_id: delivery_of(i).code for i in Invitation.objects.filter(wave=open_wave)}
    assert codes == {orgs[0].pk: ANSWERED, orgs[1].pk: SENT, orgs[2].pk: NOT_SENT, orgs[3].pk: NOT_SENT}
    assert summarise(Invitation.objects.filter(wave=open_wave)).answered == 1


def test_reminders_count_and_date_and_a_second_click_sends_nothing(open_wave, orgs):
    _backdate(open_wave)
    mail.outbox.clear()
    assert do_send_reminders(open_wave, link_for) == 2
    assert do_send_reminders(open_wave, link_for) == 0  # a double click, or a second try the same day
    assert len(mail.outbox) == 2 and "Rappel" in mail.outbox[0].body
    invitation = invitation_of(open_wave, orgs[1])
    assert invitation.reminders == 1 and invitation.reminded_at.date() == timezone.localdate()
    Invitation.objects.filter(wave=open_wave).update(reminded_at=timezone.now() - datetime.timedelta(days=2))
    assert do_send_reminders(open_wave, link_for) == 2
    assert invitation_of(open_wave, orgs[1]).reminders == 2


def test_no_reminder_right_after_the_invitation(open_wave):
    mail.outbox.clear()
    assert do_send_reminders(open_wave, link_for) == 0 and mail.outbox == []


def test_the_invitations_page_shows_status_reminders_and_a_copy_button(open_wave, orgs, coordinator):
    _backdate(open_wave)
    do_send_reminders(open_wave, link_for)
    page = client_for(coordinator).get(en("surveys:wave_invitations", pk=open_wave.pk)).content.decode()
    assert "4 personal links created, 2 e-mails sent, 2 without an address." in page
    assert page.count('data-status="sent"') == 2 and page.count('data-status="not_sent"') == 2
    assert page.count('class="copy"') == 4 and invitation_of(open_wave, orgs[2]).token in page
    assert "last on" in page


def test_the_links_export_as_csv(open_wave, orgs, coordinator):
    response = client_for(coordinator).get(reverse("surveys:wave_links_csv", kwargs={"pk": open_wave.pk}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    boreal = next(row for row in rows if row["organization"] == orgs[2].name)
    token = invitation_of(open_wave, orgs[2]).token
    assert boreal["status"] == "not_sent" and boreal["email"] == "" and boreal["link"].endswith(f"/{token}/")
    assert next(row for row in rows if row["organization"] == orgs[1].name)["status"] == "sent"


def test_letters_are_printed_for_those_without_an_address(open_wave, orgs, coordinator):
    response = client_for(coordinator).get(reverse("surveys:wave_letters", kwargs={"pk": open_wave.pk}))
    page = response.content.decode()
    assert page.count('class="letter"') == 2
    assert (
        invitation_of(open_wave, orgs[2]).token in page
        and invitation_of(open_wave, orgs[0]).token not in page
    )
    everyone = client_for(coordinator).get(
        reverse("surveys:wave_letters", kwargs={"pk": open_wave.pk}) + "?all=1"
    )
    assert everyone.content.decode().count('class="letter"') == 4


def test_letters_as_pdf(open_wave, coordinator):
    response = client_for(coordinator).get(
        reverse("surveys:wave_letters", kwargs={"pk": open_wave.pk}) + "?format=pdf"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


INVITATION_PAGES = ("wave_invitations", "wave_links_csv", "wave_letters")


@pytest.mark.parametrize("name", INVITATION_PAGES)
def test_links_are_refused_to_members_and_outsiders(open_wave, member, outsider, name):
    url = reverse(f"surveys:{name}", kwargs={"pk": open_wave.pk})
    for user in (member, outsider):
        assert client_for(user).get(url).status_code == 403, user


@pytest.mark.parametrize("name", INVITATION_PAGES)
def test_links_are_given_to_the_coordinator_and_the_admin(open_wave, coordinator, admin, name):
    url = reverse(f"surveys:{name}", kwargs={"pk": open_wave.pk})
    assert client_for(coordinator).get(url).status_code == 200
    assert client_for(admin).get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(open_wave, client):
    response = client.get(reverse("surveys:wave_invitations", kwargs={"pk": open_wave.pk}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_sending_is_refused_to_members_and_outsiders(open_wave, orgs, member, outsider):
    Invitation.objects.filter(wave=open_wave, organization=orgs[2]).update(email="boreal@example.org")
    mail.outbox.clear()
    url = reverse("surveys:wave_send", kwargs={"pk": open_wave.pk})
    for user in (member, outsider):
        assert client_for(user).post(url).status_code == 403
    assert mail.outbox == []


def test_the_coordinator_sends_what_was_not_sent(open_wave, orgs, coordinator):
    Invitation.objects.filter(wave=open_wave, organization=orgs[2]).update(email="boreal@example.org")
    mail.outbox.clear()
    client_for(coordinator).post(reverse("surveys:wave_send", kwargs={"pk": open_wave.pk}))
    assert [m.to for m in mail.outbox] == [["boreal@example.org"]]


def test_nothing_is_sent_for_a_closed_wave(open_wave, coordinator):
    Wave.objects.filter(pk=open_wave.pk).update(status=WaveStatus.CLOSED)
    Invitation.objects.filter(wave=open_wave).update(sent_at=None)
    mail.outbox.clear()
    response = client_for(coordinator).post(
        reverse("surveys:wave_send", kwargs={"pk": open_wave.pk}), follow=True
    )
    assert mail.outbox == [] and "ouverte" in " ".join(str(m) for m in response.context["messages"])


# The new wave's form ----------------------------------------------------------------------------------------


def test_a_first_wave_defaults_to_baseline_today(network_a):
    form = WaveForm(network=network_a)
    assert form.initial["kind"] == WaveKind.BASELINE and form.initial["date"] == datetime.date.today()


def test_a_later_wave_defaults_to_a_follow_up_of_the_latest_closed_one(network_a):
    closed = Wave.objects.create(network=network_a, date=D(2020, 3, 1), status=WaveStatus.CLOSED)
    form = WaveForm(network=network_a)
    assert form.initial["kind"] == WaveKind.FOLLOW_UP and form.initial["previous"] == closed
    assert form.initial["date"] >= datetime.date.today()


def test_the_new_wave_page_previews_the_questions(network_a, coordinator):
    page = client_for(coordinator).get(en("surveys:wave_create", network_pk=network_a.pk)).content.decode()
    assert "What partners will be asked" in page and "<details" in page


def test_the_xlsform_upload_says_what_it_takes(draft_wave, coordinator):
    page = client_for(coordinator).get(en("surveys:wave_detail", pk=draft_wave.pk)).content.decode()
    assert "XLSForm file (.xlsx)" in page and "CSV file" not in page


def test_a_draft_wave_says_what_opening_will_send(draft_wave, orgs, coordinator):
    Contact.objects.create(organization=orgs[0], full_name="Éole", email="eole@example.org")
    page = client_for(coordinator).get(en("surveys:wave_detail", pk=draft_wave.pk)).content.decode()
    assert "each of the 4 member organizations; it will be e-mailed to the 1 with an e-mail" in page
    assert "Send the others their link yourself" in page


def test_a_name_never_becomes_a_formula_in_the_csv(open_wave, orgs, coordinator):
    from maillage.directory.models import Organization

    Organization.objects.filter(pk=orgs[2].pk).update(name_fr="=HYPERLINK(1)", name_en="")
    response = client_for(coordinator).get(reverse("surveys:wave_links_csv", kwargs={"pk": open_wave.pk}))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'=HYPERLINK(1)" in [row["organization"] for row in rows]


def test_an_unreachable_mail_server_marks_every_e_mail_failed_and_shows_no_error_page(
    draft_wave, orgs, coordinator, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    Contact.objects.create(organization=orgs[0], full_name="A", email="a@example.org")

    def unreachable(self):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(EmailBackend, "open", unreachable)
    response = client_for(coordinator).post(
        reverse("surveys:wave_open", kwargs={"pk": draft_wave.pk}), follow=True
    )
    assert response.status_code == 200 and mail.outbox == []
    assert "1 courriel n’a pas pu être envoyé" in " ".join(str(m) for m in response.context["messages"])
    assert delivery_of(invitation_of(draft_wave, orgs[0])).code == FAILED
    assert Wave.objects.get(pk=draft_wave.pk).status == WaveStatus.OPEN  # the links exist all the same
