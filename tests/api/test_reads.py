"""Reading through the API: filters, pagination, ties as of a date, survey waves, initiatives, analyses."""

from __future__ import annotations

import datetime
import itertools

import pytest

from maillage.initiatives.models import Visibility
from maillage.ties.actions import ObservationData, do_create_tie, do_observe
from maillage.ties.models import Formality
from tests.conftest import make_organization
from tests.initiatives.helpers import make_initiative
from tests.surveys.helpers import make_wave


def test_organizations_are_searched_without_accents_and_filtered(
    api_for, orgs, sectors, network_a, other_region
):
    api = api_for("member")
    status, body = api.get("/organizations", q="EOLE entraide")
    assert status == 200 and [o["id"] for o in body["items"]] == [orgs[0].pk]
    assert {o["id"] for o in api.get("/organizations", sector="clsc")[1]["items"]} == {orgs[1].pk}
    in_region = api.get("/organizations", territory=other_region.pk)[1]["items"]
    assert [o["name"] for o in in_region] == ["Organisme d'ailleurs"]
    members = api.get("/organizations", network=network_a.pk)[1]
    assert members["count"] == 4 and orgs[4].pk not in {o["id"] for o in members["items"]}
    orgs[4].active = False
    orgs[4].save()
    assert orgs[4].pk not in {o["id"] for o in api.get("/organizations")[1]["items"]}
    assert orgs[4].pk in {o["id"] for o in api.get("/organizations", active=False)[1]["items"]}


def test_pagination_has_a_ceiling_and_a_stable_order(api_for, sectors, rls):
    for n in range(12):
        make_organization(f"Organisme {n:02d}", sectors["pharmacy"], rls)
    api = api_for("member")
    first = api.get("/organizations", limit=5, offset=0)[1]
    second = api.get("/organizations", limit=5, offset=5)[1]
    from maillage.directory.models import Organization

    assert first["count"] == second["count"] == Organization.objects.count() >= 12 and first["limit"] == 5
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {o["id"] for o in first["items"]} & {o["id"] for o in second["items"]}
    assert api.get("/organizations", offset=100)[1]["items"] == []
    for bad in [{"limit": 501}, {"limit": 0}, {"offset": -1}, {"limit": "many"}, {"offset": 10**30}]:
        status, body = api.get("/organizations", **bad)
        assert status == 422 and body["code"] == "invalid" and set(body["errors"]) <= {"limit", "offset"}, bad


def test_list_pages_cost_the_same_number_of_queries_for_more_rows(
    api_for, sectors, rls, django_assert_num_queries
):
    api = api_for("member")
    api.get("/organizations")  # the token's first use is recorded once
    make_organization("Un", sectors["pharmacy"], rls)
    with django_assert_num_queries(4) as few:
        api.get("/organizations")
    for n in range(10):
        make_organization(f"Encore {n}", sectors["pharmacy"], rls)
    with django_assert_num_queries(len(few.captured_queries)):
        api.get("/organizations")


@pytest.fixture
def history(network_a, orgs, tie_a):
    """tie_a: cooperation from 2023-05-01, coordination from 2024-02-01, ended (none) on 2025-01-10;
    a second tie appears on 2024-06-01."""
    do_observe(
        tie_a, ObservationData(observed_on=datetime.date(2024, 2, 1), level=3, formality=Formality.FORMAL)
    )
    do_observe(tie_a, ObservationData(observed_on=datetime.date(2025, 1, 10), level=0))
    later = do_create_tie(
        orgs[2], orgs[3], network_a, ObservationData(observed_on=datetime.date(2024, 6, 1), level=1)
    )
    return tie_a, later


def test_ties_as_of_a_date_show_the_state_on_that_date(api_for, history, network_a):
    tie, later = history
    api = api_for("member")
    assert api.get("/ties", network=network_a.pk, as_of="2022-12-31")[1]["items"] == []
    early = api.get("/ties", network=network_a.pk, as_of="2023-06-01")[1]["items"]
    assert [(t["id"], t["level"], t["level_code"]) for t in early] == [(tie.pk, 2, "cooperation")]
    mid = {t["id"]: t for t in api.get("/ties", as_of="2024-07-01")[1]["items"]}
    assert mid[tie.pk]["level"] == 3 and mid[tie.pk]["formality"] == "formal"
    assert mid[tie.pk]["observed_on"] == "2024-02-01" and mid[later.pk]["level"] == 1
    # Today the first tie has ended: left out unless asked for.
    now = api.get("/ties")[1]["items"]
    assert [t["id"] for t in now] == [later.pk]
    ended = {t["id"]: t["level"] for t in api.get("/ties", include_ended=True)[1]["items"]}
    assert ended == {tie.pk: 0, later.pk: 1}
    detail = api.get(f"/ties/{tie.pk}", as_of="2024-03-01")[1]
    assert detail["level"] == 3 and [o["level"] for o in detail["observations"]] == [2, 3, 0]


def test_ties_are_filtered(api_for, history, orgs):
    tie, later = history
    api = api_for("member")
    assert [t["id"] for t in api.get("/ties", as_of="2024-07-01", level_min=3)[1]["items"]] == [tie.pk]
    assert [t["id"] for t in api.get("/ties", as_of="2024-07-01", formality="informal")[1]["items"]] == [
        later.pk
    ]
    assert [t["id"] for t in api.get("/ties", organization=orgs[3].pk)[1]["items"]] == [later.pk]
    assert [t["id"] for t in api.get("/ties", q="ville sainte")[1]["items"]] == [later.pk]


def test_bad_dates_are_refused_with_the_field_named(api_for, tie_a):
    api = api_for("member")
    for bad in ["2024-13-01", "0", "yesterday", "1700000000", "2024-02-30"]:
        status, body = api.get("/ties", as_of=bad)
        assert status == 422 and list(body["errors"]) == ["as_of"], bad


def test_survey_waves_are_read_with_their_progress(api_for, network_a, orgs):
    from maillage.surveys.models import Invitation, Response

    wave = make_wave(network_a)
    for n, organization in enumerate(orgs[:3]):
        invitation = Invitation.objects.create(
            wave=wave, organization=organization, token=f"tok-{n}-" + "a" * 20
        )
        if n == 0:
            Response.objects.create(invitation=invitation, submitted_at=datetime.datetime.now(datetime.UTC))
    api = api_for("viewer")
    body = api.get(f"/waves/{wave.pk}")[1]
    assert body["invitations"] == 3 and body["responses_submitted"] == 1 and body["status"] == "draft"
    assert api.get("/waves", network=network_a.pk, date_from="2024-06-01")[1]["count"] == 1
    assert api.get("/waves", date_to="2024-05-31")[1]["count"] == 0
    assert api.get("/waves", status="closed")[1]["count"] == 0


def test_initiatives_show_their_networks_and_contact_only_to_those_allowed(api_for, network_a):
    public = make_initiative(
        network_a,
        "Popote roulante",
        visibility=Visibility.PUBLIC,
        contact_name="Ana",
        contact_email="a@x.org",
    )
    anonymous = api_for("anonymous").get(f"/initiatives/{public.pk}")[1]
    assert anonymous["networks"] == [] and anonymous["contact_name"] == ""  # no consent given
    member = api_for("member").get(f"/initiatives/{public.pk}")[1]
    assert member["networks"] == [{"id": network_a.pk, "name": "Network A"}]  # in the language asked for
    found = api_for("anonymous").get("/initiatives", q="popotes")[1]
    assert [i["id"] for i in found["items"]] == [public.pk]


def test_the_network_report_gives_the_analysis_cores_numbers(api_for, history, network_a):
    api = api_for("member")
    status, report = api.get(
        f"/analysis/networks/{network_a.pk}/report", as_of="2024-07-01", scenario="formal-ties"
    )
    assert status == 200 and report["as_of"] == "2024-07-01"
    assert report["network"]["ties"] == 2 and report["network"]["organizations"] == 4
    assert [s["scenario"] for s in report["scenarios"]] == ["formal-ties"]
    assert report["scenarios"][0]["removed_ties"] == 1  # the one formal tie on that date
    members = set(network_a.memberships.values_list("organization_id", flat=True))
    assert {row["id"] for row in report["organizations"]} == members


def test_a_scenario_runs_and_a_bad_one_is_a_field_error(api_for, history, network_a):
    api = api_for("member")
    path = f"/analysis/networks/{network_a.pk}/scenario"
    status, body = api.get(path, scenario="formal-ties", as_of="2024-07-01")
    assert status == 200 and body["removes_formal_ties"] and body["removed_ties"] == 1
    status, body = api.get(path, scenario="<script>alert(1)</script>")
    assert status == 422 and list(body["errors"]) == ["scenario"]
    status, body = api.get(f"/analysis/networks/{network_a.pk}/report", scenario=["top:1"] * 6)
    assert status == 422 and list(body["errors"]) == ["scenario"]


SERIAL = itertools.count()


def _grow(kind: str, network_a, orgs, sectors, rls, n: int) -> None:  # type: ignore[no-untyped-def]
    from maillage.directory.models import Population
    from maillage.networks.models import Membership, Network

    for i in range(n):
        extra = make_organization(f"Extra {kind} {next(SERIAL)}", sectors["pharmacy"], rls)
        if kind == "networks":
            network = Network.objects.create(
                name_fr=f"Réseau {extra.pk}", kind="thematic_table", territory=rls
            )
            network.target_populations.set(Population.objects.all()[:2])
        elif kind == "memberships":
            Membership.objects.create(network=network_a, organization=extra)
        elif kind == "ties":
            Membership.objects.create(network=network_a, organization=extra)
            do_create_tie(
                orgs[0], extra, network_a, ObservationData(observed_on=datetime.date(2024, 1, 1), level=2)
            )
        elif kind == "initiatives":
            make_initiative(network_a, f"Initiative {extra.pk}", visibility=Visibility.PUBLIC)


@pytest.mark.parametrize("kind", ["networks", "memberships", "ties", "initiatives"])
def test_lists_cost_a_fixed_number_of_queries(api_for, network_a, orgs, sectors, rls, kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for("admin")
    api.get(f"/{kind}")  # the token's first use is recorded once
    _grow(kind, network_a, orgs, sectors, rls, 2)
    with CaptureQueriesContext(connection) as few:
        assert api.get(f"/{kind}")[1]["count"] >= 2
    _grow(kind, network_a, orgs, sectors, rls, 8)
    with CaptureQueriesContext(connection) as many:
        assert api.get(f"/{kind}")[1]["count"] >= 10
    assert len(many.captured_queries) == len(few.captured_queries), kind
