"""The coordinator's side: creating, opening, reminding, following the response rate; who sees what."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.directory.models import Organization
from maillage.networks.models import Membership
from maillage.surveys.models import Invitation, Question, Wave, WaveStatus
from tests.conftest import client_for
from tests.surveys.conftest import answer_fully, en, invitation_of

D = datetime.date


def test_a_coordinator_creates_a_draft_wave(coordinator, network_a):
    url = reverse("surveys:wave_create", kwargs={"network_pk": network_a.pk})
    response = client_for(coordinator).post(url, {"kind": "baseline", "date": "2024-06-01"})
    wave = Wave.objects.get()
    assert response.status_code == 302 and wave.status == WaveStatus.DRAFT and wave.network == network_a
    assert wave.created_by == coordinator


def test_a_bad_wave_is_refused_next_to_the_field_and_nothing_saved(coordinator, network_a):
    url = en("surveys:wave_create", network_pk=network_a.pk)
    response = client_for(coordinator).post(
        url, {"kind": "baseline", "date": "2024-06-01", "closes_on": "2024-01-01"}
    )
    assert response.status_code == 200 and "Answers cannot stop before" in response.content.decode()
    assert not Wave.objects.exists()


def test_a_follow_up_follows_the_latest_closed_wave(coordinator, network_a):
    old = Wave.objects.create(network=network_a, date=D(2022, 1, 1), status=WaveStatus.CLOSED)
    last = Wave.objects.create(network=network_a, date=D(2023, 1, 1), status=WaveStatus.CLOSED)
    Wave.objects.create(network=network_a, date=D(2023, 6, 1), status=WaveStatus.DRAFT)
    url = reverse("surveys:wave_create", kwargs={"network_pk": network_a.pk})
    client_for(coordinator).post(url, {"kind": "follow_up", "date": "2024-06-01"})
    assert Wave.objects.get(date=D(2024, 6, 1)).previous == last != old


def test_opening_invites_each_current_member_with_its_own_token(open_wave, orgs, network_a):
    invitations = Invitation.objects.filter(wave=open_wave)
    assert set(invitations.values_list("organization_id", flat=True)) == {o.pk for o in orgs[:4]}
    tokens = list(invitations.values_list("token", flat=True))
    assert len(set(tokens)) == 4 and all(len(t) >= 43 for t in tokens)
    assert open_wave.status == WaveStatus.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == ["eole@example.org", "parc@example.org"]
    body = mail.outbox[0].body
    token = invitation_of(open_wave, Organization.objects.get(contacts__email=mail.outbox[0].to[0])).token
    # Written in the organization's language: French here, so the French link only.
    assert f"/survey/{token}/" in body and f"/en/survey/{token}/" not in body


def test_an_ended_membership_is_not_invited(draft_wave, orgs, network_a, coordinator):
    Membership.objects.filter(network=network_a, organization=orgs[3]).update(end_date=D(2023, 1, 1))
    client_for(coordinator).post(reverse("surveys:wave_open", kwargs={"pk": draft_wave.pk}))
    assert Invitation.objects.filter(wave=draft_wave).count() == 3


def test_a_wave_opens_once(open_wave, coordinator):
    response = client_for(coordinator).post(
        reverse("surveys:wave_open", kwargs={"pk": open_wave.pk}), follow=True
    )
    assert Invitation.objects.filter(wave=open_wave).count() == 4
    assert response.status_code == 200 and len(list(response.context["messages"])) == 1


def test_reminders_go_only_to_those_who_have_not_answered(open_wave, orgs, coordinator):
    answer_fully(open_wave, orgs[0], {orgs[1]: {}})
    Invitation.objects.filter(wave=open_wave).update(sent_at=timezone.now() - datetime.timedelta(days=3))
    mail.outbox.clear()
    client_for(coordinator).post(reverse("surveys:wave_remind", kwargs={"pk": open_wave.pk}))
    assert [m.to for m in mail.outbox] == [["parc@example.org"]]
    assert invitation_of(open_wave, orgs[1]).reminders == 1


def test_the_coordinator_sees_the_rate_per_sector_and_who_is_missing(open_wave, orgs, coordinator):
    answer_fully(open_wave, orgs[0], {orgs[1]: {}})
    response = client_for(coordinator).get(en("surveys:wave_progress", pk=open_wave.pk))
    total, sectors = response.context["total"], response.context["by_sector"]
    assert (total.invited, total.submitted, round(total.percent)) == (4, 1, 25)
    community = next(s for s in sectors if s.label == orgs[0].sector.name)
    assert (community.invited, community.submitted) == (2, 1)
    missing = [i.organization for i in response.context["missing"]]
    assert orgs[0] not in missing and set(missing) == set(orgs[1:4])
    # The links themselves are on the invitations page, with a copy button.
    page = client_for(coordinator).get(en("surveys:wave_invitations", pk=open_wave.pk)).content.decode()
    assert invitation_of(open_wave, orgs[1]).token in page


def test_a_member_reads_the_rate_but_not_who_is_missing_nor_the_links(open_wave, orgs, member):
    page = (
        client_for(member).get(reverse("surveys:wave_detail", kwargs={"pk": open_wave.pk})).content.decode()
    )
    assert invitation_of(open_wave, orgs[1]).token not in page
    assert (
        client_for(member).post(reverse("surveys:wave_close", kwargs={"pk": open_wave.pk})).status_code == 403
    )
    assert (
        client_for(member).post(reverse("surveys:wave_remind", kwargs={"pk": open_wave.pk})).status_code
        == 403
    )


def test_the_coordinator_of_b_sees_nothing_of_a(open_wave, outsider, network_b):
    theirs = Wave.objects.create(network=network_b, date=D(2024, 1, 1))
    client = client_for(outsider)
    response = client.get(reverse("surveys:wave_list"))
    assert [w.pk for w in response.context["page"].object_list] == [theirs.pk]
    assert f"/surveys/{open_wave.pk}/" not in response.content.decode()
    for name in ("wave_detail", "wave_progress", "wave_results", "wave_close"):
        assert client.get(reverse(f"surveys:{name}", kwargs={"pk": open_wave.pk})).status_code == 403, name
    for name in ("wave_open", "wave_remind", "wave_close", "question_add"):
        assert client.post(reverse(f"surveys:{name}", kwargs={"pk": open_wave.pk})).status_code == 403, name
    assert Wave.objects.get(pk=open_wave.pk).status == WaveStatus.OPEN


def test_own_questions_are_added_to_a_draft_wave_only(draft_wave, coordinator):
    url = reverse("surveys:question_add", kwargs={"pk": draft_wave.pk})
    data = {
        "kind": "text",
        "text_fr": "<script>alert(1)</script>",
        "text_en": "",
        "scale_min": 1,
        "scale_max": 5,
    }
    assert client_for(coordinator).post(url, data).status_code == 302
    page = client_for(coordinator).get(reverse("surveys:wave_detail", kwargs={"pk": draft_wave.pk})).content
    assert b"<script>alert(1)" not in page and b"&lt;script&gt;" in page
    Wave.objects.filter(pk=draft_wave.pk).update(status=WaveStatus.OPEN)
    assert client_for(coordinator).post(url, data).status_code == 400
    assert Question.objects.filter(wave=draft_wave).count() == 1


def test_a_bad_question_is_refused_and_nothing_saved(draft_wave, coordinator):
    url = en("surveys:question_add", pk=draft_wave.pk)
    response = client_for(coordinator).post(url, {"kind": "single", "text_fr": "Q", "choices_text": "Oui"})
    assert response.status_code == 400 and "at least two choices" in response.content.decode()
    assert not Question.objects.filter(wave=draft_wave).exists()


@pytest.mark.parametrize(
    "name",
    ["wave_list", "wave_progress", "wave_results", "wave_detail", "wave_invitations", "wave_links_csv"],
)
def test_wave_pages_use_a_fixed_number_of_queries(admin, network_a, sectors, rls, settings, name):
    settings.PAGE_SIZE = 50
    client = client_for(admin)

    def grow(count: int) -> int:
        for index in range(count):
            organization = Organization.objects.create(
                name_fr=f"Org {index}", sector=sectors["other"], territory=rls
            )
            Membership.objects.create(network=network_a, organization=organization)
        Wave.objects.all().delete()
        for year in range(2000, 2000 + count):
            Wave.objects.create(network=network_a, date=D(year, 1, 1))
        wave = Wave.objects.create(network=network_a, date=D(2024, 6, 1))
        from maillage.surveys.actions import do_open_wave

        do_open_wave(wave, lambda token, language: token)
        kwargs = {} if name == "wave_list" else {"pk": wave.pk}
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(f"surveys:{name}", kwargs=kwargs)).status_code == 200
        return len(context.captured_queries)

    assert grow(2) == grow(30)


def test_free_text_answers_are_read_by_coordinators_only(draft_wave, orgs, coordinator, member):
    from maillage.surveys.actions import do_open_wave
    from maillage.surveys.models import Response
    from tests.surveys.conftest import link_for

    Question.objects.create(wave=draft_wave, code="custom-t", kind="text", text_fr="Vos idées ?")
    do_open_wave(draft_wave, link_for)
    invitation = answer_fully(draft_wave, orgs[0], {orgs[1]: {}})
    response = Response.objects.get(invitation=invitation)
    response.answers["custom-t"] = "Plus de locaux partagés"
    response.save()
    url = reverse("surveys:wave_results", kwargs={"pk": draft_wave.pk})
    assert "Plus de locaux partagés" in client_for(coordinator).get(url).content.decode()
    assert "Plus de locaux partagés" not in client_for(member).get(url).content.decode()
