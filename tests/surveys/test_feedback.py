"""A partner's page after answering: its own ties now and last wave, the network's counts, no one else's."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.surveys.models import Invitation, PartnerAnswer, Response, Wave, WaveKind, WaveStatus


def answer(wave, organization, partners, *, quote="", token=""):  # type: ignore[no-untyped-def]
    invitation, _created = Invitation.objects.get_or_create(
        wave=wave, organization=organization, defaults={"token": token or f"tok{wave.pk}x{organization.pk}"}
    )
    response = Response.objects.create(
        invitation=invitation,
        quote=quote,
        quote_consent="named" if quote else "",
        submitted_at=timezone.now(),
    )
    for partner, level in partners:
        PartnerAnswer.objects.create(response=response, partner=partner, level=level, formality="informal")
    return invitation


def thanks_page(invitation) -> str:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("surveys:respond_submit", kwargs={"token": invitation.token}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_partner_sees_its_own_ties_now_and_last_wave_and_nothing_of_others(network_a, orgs):
    x, x_partner, y, y_only = orgs[0], orgs[1], orgs[2], orgs[3]
    before = Wave.objects.create(
        network=network_a, kind=WaveKind.BASELINE, date=datetime.date(2023, 5, 1), status=WaveStatus.CLOSED
    )
    now = Wave.objects.create(
        network=network_a, kind=WaveKind.FOLLOW_UP, date=datetime.date(2024, 5, 1), status=WaveStatus.OPEN
    )
    answer(before, x, [(x_partner, 2)])
    mine = answer(now, x, [(x_partner, 4)], token="x" * 43)
    # Y names X and a partner X never named, with words it agreed to publish: none of it is X's to see.
    answer(now, y, [(x, 5), (y_only, 5)], quote="Les mots de Y, rien qu'à Y.")

    page = thanks_page(mine)
    assert x_partner.name in page and "Coalition" in page and "Coopération" in page  # now 4, before 2
    assert "Plus fort" in page
    assert y.name not in page and y_only.name not in page and "Les mots de Y" not in page
    assert "<svg" in page and "2 / 2" in page  # the map, and the wave's response count (an aggregate)


def test_each_token_shows_only_its_own_answers(network_a, orgs):
    wave = Wave.objects.create(
        network=network_a, kind=WaveKind.BASELINE, date=datetime.date(2024, 5, 1), status=WaveStatus.OPEN
    )
    first = answer(wave, orgs[0], [(orgs[1], 3)], token="a" * 43)
    second = answer(wave, orgs[2], [(orgs[3], 3)], token="b" * 43)
    assert orgs[3].name not in thanks_page(first)
    assert orgs[1].name not in thanks_page(second)


def test_a_hostile_partner_name_is_escaped_in_the_map(network_a, orgs):
    orgs[1].name_fr = '<script>alert("x")</script>'
    orgs[1].save()
    wave = Wave.objects.create(
        network=network_a, kind=WaveKind.BASELINE, date=datetime.date(2024, 5, 1), status=WaveStatus.OPEN
    )
    page = thanks_page(answer(wave, orgs[0], [(orgs[1], 3)], token="c" * 43))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
