"""Every page, for every named person: who gets the page, who is refused, who is sent to sign in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.concertation.helpers import make_document, make_resource
from tests.conftest import client_for
from tests.exchange.helpers import make_job
from tests.initiatives.helpers import make_initiative
from tests.leadership.helpers import (
    first_competency,
    leadership_session,
    make_activity,
    make_community,
    make_profile,
)
from tests.surveys.helpers import make_wave

OK, DENIED, LOGIN = 200, 403, 302
ROLES = ["coordinator", "member", "outsider", "viewer", "admin"]

# url name, kwargs builder, expected status for coordinator, member, outsider, viewer, admin
MATRIX = [
    ("home", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("networks:list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("networks:create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("networks:detail", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("networks:members", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("networks:edit", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("networks:membership_add", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    (
        "networks:membership_edit",
        lambda f: {"pk": f["network_a"].pk, "membership_pk": f["membership"].pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    (
        "networks:membership_delete",
        lambda f: {"pk": f["network_a"].pk, "membership_pk": f["membership"].pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("ties:create", lambda f: {"network_pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("ties:detail", lambda f: {"pk": f["tie_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("directory:organization_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("directory:organization_suggest", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("directory:organization_create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("directory:organization_detail", lambda f: {"pk": f["orgs"][0].pk}, [OK, OK, OK, OK, OK]),
    ("directory:organization_edit", lambda f: {"pk": f["orgs"][0].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("directory:territory_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("directory:territory_create", lambda f: {}, [DENIED, DENIED, DENIED, DENIED, OK]),
    ("directory:territory_detail", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("directory:territory_edit", lambda f: {"pk": f["rls"].pk}, [DENIED, DENIED, DENIED, DENIED, OK]),
    ("dashboards:network_dashboard", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("dashboards:network_map_data", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("dashboards:territory_dashboard", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("dashboards:territory_map_data", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("dashboards:province_dashboard", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("concertation:territory", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("concertation:profile", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("concertation:similar", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("concertation:document_list", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("concertation:document_create", lambda f: {"pk": f["rls"].pk}, [OK, DENIED, OK, DENIED, OK]),
    ("concertation:document_similar", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("concertation:resources", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("concertation:resources_export", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("concertation:resource_add", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("concertation:resources_import", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    (
        "concertation:resource_correct",
        lambda f: {"pk": f["network_a"].pk, "entry_pk": make_resource(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    (
        "concertation:resource_withdraw",
        lambda f: {"pk": f["network_a"].pk, "entry_pk": make_resource(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("concertation:events", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("concertation:document_detail", lambda f: {"pk": make_document(f["rls"]).pk}, [OK, OK, OK, OK, OK]),
    ("dashboards:province_map_data", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("dashboards:compare", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("surveys:wave_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("lessons:network", lambda f: {"network_pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("surveys:wave_create", lambda f: {"network_pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("surveys:wave_detail", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    (
        "surveys:wave_progress",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("surveys:wave_close", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("surveys:wave_results", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    ("surveys:wave_import", lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK]),
    *[
        (name, lambda f: {"pk": make_wave(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK])
        for name in ("surveys:wave_invitations", "surveys:wave_links_csv", "surveys:wave_letters")
    ],
    ("indicators:registry", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("indicators:province", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("indicators:compare", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("indicators:territory", lambda f: {"pk": f["rls"].pk}, [OK, OK, OK, OK, OK]),
    ("indicators:network", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("indicators:values", lambda f: {"pk": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("indicators:import", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    (
        "indicators:series",
        lambda f: {"pk": f["network_a"].pk, "code": "density"},
        [OK, OK, DENIED, OK, OK],
    ),
    ("api_tokens:list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("initiatives:list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("initiatives:create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("initiatives:similar", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("initiatives:detail", lambda f: {"pk": make_initiative(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    (
        "initiatives:edit",
        lambda f: {"pk": make_initiative(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("initiatives:glance", lambda f: {"pk": make_initiative(f["network_a"]).pk}, [OK, OK, DENIED, OK, OK]),
    (
        "initiatives:attachment_add",
        lambda f: {"pk": make_initiative(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("leadership:home", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("leadership:profile", lambda f: {}, [OK, OK, OK, OK, OK]),
    # Individual ratings: the person only (the coach needs consent); not the coordinator, not the admin.
    (
        "leadership:leader_detail",
        lambda f: {"pk": make_profile(f["member"], f["orgs"][1]).pk},
        [DENIED, OK, DENIED, DENIED, DENIED],
    ),
    ("leadership:coachees", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("leadership:framework", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("leadership:competency_create", lambda f: {}, [DENIED, DENIED, DENIED, DENIED, OK]),
    (
        "leadership:competency_edit",
        lambda f: {"pk": first_competency().pk},
        [DENIED, DENIED, DENIED, DENIED, OK],
    ),
    ("leadership:activity_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("leadership:activity_create", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("leadership:activity_detail", lambda f: {"pk": make_activity(f["network_a"]).pk}, [OK, OK, OK, OK, OK]),
    (
        "leadership:activity_edit",
        lambda f: {"pk": make_activity(f["network_a"]).pk},
        [OK, DENIED, DENIED, DENIED, OK],
    ),
    ("leadership:coverage", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("leadership:aggregates", lambda f: {}, [OK, DENIED, OK, DENIED, OK]),
    ("leadership:community_list", lambda f: {}, [OK, OK, OK, OK, OK]),
    (
        "leadership:community_detail",
        lambda f: {"pk": make_community(f["member"]).pk},
        [DENIED, OK, DENIED, DENIED, OK],
    ),
    (
        "leadership:member_add",
        lambda f: {"pk": make_community(f["member"]).pk},
        [DENIED, DENIED, DENIED, DENIED, OK],
    ),
    (
        "leadership:session_create",
        lambda f: {"pk": make_community(f["member"]).pk},
        [DENIED, DENIED, DENIED, DENIED, OK],
    ),
    (
        "leadership:session_detail",
        lambda f: leadership_session(f),
        [DENIED, OK, DENIED, DENIED, OK],
    ),
    (
        "leadership:resource_add",
        lambda f: leadership_session(f),
        [DENIED, DENIED, DENIED, DENIED, OK],
    ),
    ("reports:index", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("reports:show", lambda f: {"kind": "network", "key": f["network_a"].pk}, [OK, OK, DENIED, OK, OK]),
    ("reports:show", lambda f: {"kind": "province", "key": "all"}, [OK, OK, OK, OK, OK]),
    (
        "reports:export",
        lambda f: {"kind": "network", "key": f["network_a"].pk, "fmt": "gexf"},
        [OK, OK, DENIED, OK, OK],
    ),
    ("exchange:index", lambda f: {}, [OK, OK, OK, OK, OK]),
    ("exchange:start", lambda f: {"pk": f["network_a"].pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("exchange:detail", lambda f: {"pk": make_job(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("exchange:status", lambda f: {"pk": make_job(f["network_a"]).pk}, [OK, DENIED, DENIED, DENIED, OK]),
    ("exchange:duplicates", lambda f: {}, [DENIED, DENIED, DENIED, DENIED, OK]),
    (
        "exchange:merge",
        lambda f: {"keep": f["orgs"][3].pk, "drop": f["orgs"][4].pk},
        [DENIED, DENIED, DENIED, DENIED, OK],
    ),
]


@pytest.fixture
def world(people, network_a, network_b, orgs, rls, tie_a):
    return {
        "network_a": network_a,
        "orgs": orgs,
        "rls": rls,
        "tie_a": tie_a,
        "membership": network_a.memberships.get(organization=orgs[1]),
        **people,
    }


@pytest.mark.parametrize(("name", "kwargs", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_each_role_gets_exactly_what_it_should(world, name, kwargs, expected):
    url = reverse(name, kwargs=kwargs(world))
    for role, status in zip(ROLES, expected, strict=True):
        response = client_for(world[role]).get(url)
        assert response.status_code == status, f"{role} on {url}: {response.status_code}, expected {status}"


@pytest.mark.parametrize(("name", "kwargs", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_anonymous_is_sent_to_sign_in(world, name, kwargs, expected):
    response = client_for(None).get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == LOGIN
    assert reverse("accounts:login") in response["Location"]


def test_scenarios_of_another_network_are_refused(world, network_a):
    url = reverse("dashboards:network_scenario", kwargs={"pk": network_a.pk})
    assert client_for(world["outsider"]).get(url, {"scenario": "formal-ties"}).status_code == DENIED
    assert client_for(world["member"]).get(url, {"scenario": "formal-ties"}).status_code == OK


def test_a_territory_map_holds_only_the_networks_the_user_may_read(world, network_a, rls):
    url = reverse("dashboards:territory_map_data", kwargs={"pk": rls.pk})
    outsider = client_for(world["outsider"]).get(url).json()
    member = client_for(world["member"]).get(url).json()
    assert outsider["nodes"]["id"] == [] and outsider["networks"] == []
    assert [n["id"] for n in member["networks"]] == [network_a.pk]


def test_outsider_cannot_post_into_another_network(world, orgs, network_a):
    before = network_a.memberships.count()
    response = client_for(world["outsider"]).post(
        reverse("networks:membership_add", kwargs={"pk": network_a.pk}),
        {"organization": f"x [#{orgs[4].pk}]", "role": "member"},
    )
    assert response.status_code == DENIED
    assert network_a.memberships.count() == before


def test_member_cannot_record_an_observation(world, tie_a):
    response = client_for(world["member"]).post(
        reverse("ties:detail", kwargs={"pk": tie_a.pk}),
        {"observed_on": "2024-05-01", "level": "3", "formality": "informal"},
    )
    assert response.status_code == DENIED
    assert tie_a.observations.count() == 1


def test_organization_page_hides_ties_of_networks_the_user_cannot_read(world, orgs, tie_a):
    url = reverse("directory:organization_detail", kwargs={"pk": orgs[0].pk})
    assert orgs[1].name in client_for(world["coordinator"]).get(url).content.decode()
    outsider_page = client_for(world["outsider"]).get(url).content.decode()
    assert orgs[1].name not in outsider_page
    assert "Réseau A" not in outsider_page


# ---------------------------------------------------------------------------------------------------------
# Every URL of the project is covered: the pages above (signed-in people only), the rows below (pages with
# public or token access, and POST-only actions), or a test elsewhere named in COVERED_ELSEWHERE.
# A new URL that is in none of them fails `test_every_url_is_in_the_matrix`.
# ---------------------------------------------------------------------------------------------------------
ALL_ROLES = ["anonymous", "token_holder", *ROLES]
NOT_FOUND, GONE, NOT_ALLOWED, BAD = 404, 410, 405, 400


def _token(f):  # type: ignore[no-untyped-def]
    return {"token": f["invitation"].token}


def _attachment(f, public: bool = False):  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile

    from maillage.initiatives.models import Attachment, Visibility

    initiative = make_initiative(f["network_a"], visibility=Visibility.PUBLIC if public else "private")
    attachment = Attachment(initiative=initiative, title="Rapport", kind="pdf", size=9)
    attachment.file.save("r.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": initiative.pk, "attachment_pk": attachment.pk}


def _indicator_value(f):  # type: ignore[no-untyped-def]
    from maillage.indicators.models import DataValue
    from tests.indicators.helpers import value

    year = 2000 + DataValue.objects.count()  # a fresh period each time: one value per element and period
    return {"pk": f["network_a"].pk, "value_pk": value(f["network_a"], "referrals", str(year), 3).pk}


def _post(f):  # type: ignore[no-untyped-def]
    from maillage.leadership.models import Post

    community = make_community(f["member"])
    post = Post.objects.create(community=community, author=f["member"], body="Bonjour")
    return {"pk": community.pk, "post_pk": post.pk}


def _lesson(f):  # type: ignore[no-untyped-def]
    import datetime

    from maillage.lessons.models import Lesson

    lesson = Lesson.objects.create(
        network=f["network_a"], noted_on=datetime.date(2025, 1, 1), text="Ensemble."
    )
    return {"network_pk": f["network_a"].pk, "kind": "lesson", "pk": lesson.pk}


def _public_initiative(f):  # type: ignore[no-untyped-def]
    from maillage.initiatives.models import Visibility

    return {"pk": make_initiative(f["network_a"], visibility=Visibility.PUBLIC).pk}


# url name, method, kwargs builder, expected status for anonymous, token holder (an anonymous visitor who
# holds a survey link), coordinator, member, outsider (coordinator of B), regional viewer, admin.
FULL_MATRIX = [
    ("health", "get", lambda f: {}, [OK] * 7),
    ("set_language", "post", lambda f: {}, [LOGIN] * 7),  # redirects back, whoever asks
    ("accounts:login", "get", lambda f: {}, [OK, OK] + [LOGIN] * 5),  # signed in: sent home
    ("accounts:logout", "post", lambda f: {}, [LOGIN] * 7),
    # The token is the only key to a survey: whoever holds the link answers for its organization.
    ("surveys:respond", "get", _token, [OK] * 7),
    ("surveys:respond_partners", "get", _token, [OK] * 7),
    ("surveys:respond_network", "get", _token, [OK] * 7),
    ("surveys:respond_submit", "get", _token, [OK] * 7),
    ("initiatives:public_list", "get", lambda f: {}, [OK] * 7),
    ("initiatives:feed", "get", lambda f: {}, [OK] * 7),
    ("initiatives:public_detail", "get", _public_initiative, [OK] * 7),
    ("initiatives:public_glance", "get", _public_initiative, [OK] * 7),
    ("initiatives:public_attachment", "get", lambda f: _attachment(f, public=True), [OK] * 7),
    # A private initiative's file: readers of its network only.
    ("initiatives:attachment", "get", _attachment, [LOGIN, LOGIN, OK, OK, DENIED, OK, OK]),
    ("initiatives:attachment_delete", "get", _attachment, [LOGIN, LOGIN] + [NOT_ALLOWED] * 5),
    ("dashboards:province_scenario", "get", lambda f: {}, [LOGIN, LOGIN, OK, OK, OK, OK, OK]),
    (
        "dashboards:territory_scenario",
        "get",
        lambda f: {"pk": f["rls"].pk},
        [LOGIN, LOGIN, OK, OK, OK, OK, OK],
    ),
    (
        "dashboards:network_scenario",
        "get",
        lambda f: {"pk": f["network_a"].pk},
        [LOGIN, LOGIN, OK, OK, DENIED, OK, OK],
    ),
    # Actions that only accept POST: a GET is refused; the POSTs are in test_post_only_actions below.
    (
        "surveys:wave_open",
        "get",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    (
        "surveys:wave_remind",
        "get",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    (
        "surveys:wave_send",
        "get",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    (
        "surveys:question_add",
        "get",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    (
        "surveys:question_import",
        "get",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    ("audit:index", "get", lambda f: {}, [LOGIN, LOGIN, OK, DENIED, OK, DENIED, OK]),
    (
        "audit:network",
        "get",
        lambda f: {"pk": f["network_a"].pk},
        [LOGIN, LOGIN, OK, DENIED, DENIED, DENIED, OK],
    ),
    ("admin:index", "get", lambda f: {}, [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK]),
    ("indicators:value_delete", "get", _indicator_value, [LOGIN, LOGIN] + [NOT_ALLOWED] * 5),
    # One's own self-assessment: without a leader profile yet, everyone signed in is sent to create one.
    ("leadership:assess", "get", lambda f: {}, [LOGIN] * 7),
    (
        "leadership:participant_add",
        "get",
        lambda f: {"pk": make_activity(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    (
        "leadership:attendance",
        "get",
        lambda f: {"pk": make_activity(f["network_a"]).pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    ("leadership:post_reply", "get", _post, [LOGIN, LOGIN] + [NOT_ALLOWED] * 5),
    ("api_tokens:revoke", "get", lambda f: {"pk": 1}, [LOGIN, LOGIN] + [NOT_ALLOWED] * 5),  # POST only
    (
        "lessons:stage_add",
        "get",
        lambda f: {"network_pk": f["network_a"].pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    (
        "lessons:lesson_add",
        "get",
        lambda f: {"network_pk": f["network_a"].pk},
        [LOGIN, LOGIN] + [NOT_ALLOWED] * 5,
    ),
    ("lessons:delete", "get", _lesson, [LOGIN, LOGIN] + [NOT_ALLOWED] * 5),
]

# Query strings some GET rows need to do their work.
QUERY = {
    "dashboards:province_scenario": {"scenario": "formal-ties"},
    "dashboards:territory_scenario": {"scenario": "formal-ties"},
    "dashboards:network_scenario": {"scenario": "formal-ties"},
}

# POST-only actions, each role on a fresh object, with an empty form: refused roles get 403 and change
# nothing, signed-out visitors go to sign in; the coordinator and admin act (302) or are told what is
# missing (400). Same role order as FULL_MATRIX.
POST_MATRIX = [
    (
        "surveys:wave_open",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, LOGIN],
    ),
    (
        "surveys:wave_remind",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, LOGIN],
    ),
    (
        "surveys:wave_send",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, LOGIN],
    ),
    (
        "surveys:question_add",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN, BAD, DENIED, DENIED, DENIED, BAD],
    ),
    (
        "surveys:question_import",
        lambda f: {"pk": make_wave(f["network_a"]).pk},
        [LOGIN, LOGIN, BAD, DENIED, DENIED, DENIED, BAD],
    ),
    ("initiatives:attachment_delete", _attachment, [LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, LOGIN]),
    ("indicators:value_delete", _indicator_value, [LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, LOGIN]),
    (
        "lessons:stage_add",
        lambda f: {"network_pk": f["network_a"].pk},
        [LOGIN, LOGIN, BAD, DENIED, DENIED, DENIED, BAD],
    ),
    (
        "lessons:lesson_add",
        lambda f: {"network_pk": f["network_a"].pk},
        [LOGIN, LOGIN, BAD, DENIED, DENIED, DENIED, BAD],
    ),
    ("lessons:delete", _lesson, [LOGIN, LOGIN, LOGIN, DENIED, DENIED, DENIED, LOGIN]),
]

# URL names tested somewhere else, with where. Keep this short: a row above is better.
COVERED_ELSEWHERE: dict[str, str] = {
    "admin:*": "Django's admin site: staff only (admin:index row above; each admin view checks staff)",
    "directory:stewardship_confirm": "tests/directory/test_stewardship.py: POST only, each role",
    "leadership:resource_file": "tests/leadership/test_communities.py: members download, others 403",
    "leadership:assess": "tests/leadership/test_roles.py: own profile only, each role",
    "leadership:participant_add": "tests/leadership/test_roles.py: POST only, each role",
    "leadership:attendance": "tests/leadership/test_roles.py: POST only, each role",
    "leadership:post_reply": "tests/leadership/test_roles.py: POST only, each role",
    "api_not_found": "tests/api/test_json_everywhere.py: any other path under /api/v1/ is a JSON 404",
    "api:*": "tests/api/test_permissions.py: each JSON API endpoint family for each role, anonymous 401",
    "reports:prepare": "tests/reports/test_views.py: POST only, each role (test_preparing_*)",
    "reports:job": "tests/reports/test_views.py: only the requester who may still read the scope",
    "reports:job_download": "tests/reports/test_views.py: only the requester who may still read the scope",
    "exchange:apply": "tests/exchange/test_views.py: POST only, each role (test_others_cannot_*, the flow)",
    "exchange:mapping": "tests/exchange/test_views.py: reads the uploaded file; each role (test_others_*)",
    "exchange:values": "tests/exchange/test_values.py: POST only, each role "
    "(test_only_administrators_add_a_sector_and_others_cannot_answer)",
}


def _walk(patterns, namespace: str = ""):  # type: ignore[no-untyped-def]
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"


def project_url_names() -> set[str]:
    """Every URL name the project serves, found by walking the resolver (so new apps are included)."""
    from django.urls import get_resolver

    return set(_walk(get_resolver().url_patterns))


def _covered(name: str) -> bool:
    listed = {row[0] for row in MATRIX} | {row[0] for row in FULL_MATRIX}
    if name in listed or name in COVERED_ELSEWHERE:
        return True
    return any(key.endswith(":*") and name.startswith(key[:-1]) for key in COVERED_ELSEWHERE)


def test_every_url_is_in_the_matrix():
    missing = sorted(name for name in project_url_names() if not _covered(name))
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


@pytest.fixture
def invitation(network_a, orgs):
    from maillage.surveys.models import Invitation, WaveStatus

    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    return Invitation.objects.create(wave=wave, organization=orgs[1], token="holder-" + "k" * 30)


@pytest.fixture
def full_world(world, invitation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {**world, "invitation": invitation}


def _clients(world) -> dict[str, object]:  # type: ignore[no-untyped-def]
    holder = client_for(None)
    # The token holder has opened its survey: the session that came with it must open nothing else.
    assert (
        holder.get(reverse("surveys:respond", kwargs={"token": world["invitation"].token})).status_code == OK
    )
    return {"anonymous": client_for(None), "token_holder": holder} | {r: client_for(world[r]) for r in ROLES}


@pytest.mark.parametrize(
    ("name", "method", "kwargs", "expected"), FULL_MATRIX, ids=[row[0] for row in FULL_MATRIX]
)
def test_each_of_the_seven_roles_gets_exactly_what_it_should(full_world, name, method, kwargs, expected):
    url = reverse(name, kwargs=kwargs(full_world))
    clients = _clients(full_world)
    for role, status in zip(ALL_ROLES, expected, strict=True):
        response = getattr(clients[role], method)(url, QUERY.get(name, {}))
        assert response.status_code == status, f"{role} on {url}: {response.status_code}, expected {status}"


@pytest.mark.parametrize(("name", "kwargs", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_a_survey_link_opens_no_signed_in_page(full_world, name, kwargs, expected):
    holder = _clients(full_world)["token_holder"]
    response = holder.get(reverse(name, kwargs=kwargs(full_world)))
    assert response.status_code == LOGIN and reverse("accounts:login") in response["Location"]


def test_a_survey_link_opens_only_its_own_invitation(full_world, network_b, orgs):
    from maillage.surveys.models import Invitation

    other = Invitation.objects.create(
        wave=full_world["invitation"].wave, organization=orgs[2], token="other-" + "q" * 30
    )
    holder = _clients(full_world)["token_holder"]
    page = holder.get(reverse("surveys:respond", kwargs={"token": full_world["invitation"].token}))
    assert orgs[1].name not in page.content.decode().split("<main", 1)[1].split("<h1", 1)[0]
    for guess in ["holder-" + "k" * 29 + "j", other.token[:-1], "x" * 8]:
        assert holder.get(reverse("surveys:respond", kwargs={"token": guess})).status_code == NOT_FOUND


@pytest.mark.parametrize(("name", "kwargs", "expected"), POST_MATRIX, ids=[row[0] for row in POST_MATRIX])
def test_post_only_actions_are_refused_to_all_but_the_coordinator_and_admin(
    full_world, name, kwargs, expected
):
    clients = _clients(full_world)
    for role, status in zip(ALL_ROLES, expected, strict=True):
        url = reverse(name, kwargs=kwargs(full_world))
        response = clients[role].post(url)
        assert response.status_code == status, f"{role} on {url}: {response.status_code}, expected {status}"
