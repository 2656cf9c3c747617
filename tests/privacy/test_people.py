"""`maillage privacy export|erase`: all about one person, out as JSON, or erased with aggregates kept."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from maillage.audit.models import Action, AuditEvent
from maillage.directory.models import Contact
from maillage.surveys.models import Invitation, PartnerAnswer, Response, WaveStatus
from tests.conftest import PASSWORD
from tests.initiatives.helpers import make_initiative
from tests.surveys.helpers import make_wave

EMAIL = "Marie.Tremblay@example.org"


@pytest.fixture
def person(network_a, orgs, coordinator):
    """Marie is a user, a contact of two organizations, a survey respondent and an initiative's contact."""
    user = User.objects.create_user("mtremblay", email=EMAIL, password=PASSWORD, first_name="Marie")
    coordinator_role = coordinator.maillage_roles.first()
    user.maillage_roles.create(kind=coordinator_role.kind, network=network_a)
    Contact.objects.create(
        organization=orgs[0], full_name="Marie Tremblay", email=EMAIL, phone="514-555-0101"
    )
    Contact.objects.create(organization=orgs[1], full_name="Marie T.", email=EMAIL.lower())
    Contact.objects.create(organization=orgs[1], full_name="Someone Else", email="else@example.org")
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    invitation = Invitation.objects.create(
        wave=wave, organization=orgs[0], token="priv-" + "p" * 30, email=EMAIL
    )
    response = Response.objects.create(
        invitation=invitation,
        quote="Grâce au réseau, Marie a trouvé du soutien.",
        quote_consent="named",
        comments={"partnership_growth": "Mon collègue Jean est parti."},
        answers={"partnership_growth": "3"},
        submitted_at=timezone.now(),
    )
    PartnerAnswer.objects.create(response=response, partner=orgs[1], level=3, reliability=4)
    initiative = make_initiative(
        network_a, contact_name="Marie Tremblay", contact_email=EMAIL, contact_consent=True
    )
    return {"user": user, "invitation": invitation, "response": response, "initiative": initiative}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("privacy", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_finds_everything_about_the_person_whatever_the_case_of_the_address(person):
    data = json.loads(run("export", "--email", EMAIL.upper()))
    found = data["found"]
    assert [u["username"] for u in found["user_accounts"]] == ["mtremblay"]
    assert found["user_accounts"][0]["roles"][0]["network"] in ("Réseau A", "Network A")
    assert sorted(c["full_name"] for c in found["organization_contacts"]) == ["Marie T.", "Marie Tremblay"]
    [invitation] = found["survey_invitations"]
    assert invitation["response"]["quote"].startswith("Grâce au réseau")
    assert invitation["response"]["comments"] == {"partnership_growth": "Mon collègue Jean est parti."}
    assert found["initiative_contacts"][0]["contact_name"] == "Marie Tremblay"
    assert "else@example.org" not in json.dumps(data) and "Someone Else" not in json.dumps(data)


def test_export_writes_a_file(person, tmp_path):
    target = tmp_path / "marie.json"
    run("export", "--email", EMAIL, "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["email"] == EMAIL


def test_erase_removes_personal_information_and_keeps_the_aggregates(person, network_a, orgs):
    run("erase", "--email", EMAIL, "--yes")
    user = User.objects.get(pk=person["user"].pk)
    assert (user.username, user.email, user.first_name) == (f"erased-user-{user.pk}", "", "")
    assert not user.is_active and not user.has_usable_password() and not user.maillage_roles.exists()
    assert not Contact.objects.filter(full_name__startswith="Marie").exists()
    assert Contact.objects.filter(email="else@example.org").exists()
    invitation = Invitation.objects.get(pk=person["invitation"].pk)
    response = Response.objects.get(pk=person["response"].pk)
    assert invitation.email == "" and response.quote == "" and response.comments == {}
    assert response.quote_consent == ""
    # The answers that feed the network's results stay.
    assert response.answers == {"partnership_growth": "3"} and response.submitted_at is not None
    assert PartnerAnswer.objects.get(response=response).reliability == 4
    person["initiative"].refresh_from_db()
    assert (person["initiative"].contact_name, person["initiative"].contact_email) == ("", "")
    assert json.loads(run("export", "--email", EMAIL))["found"] == {
        name: [] for name in json.loads(run("export", "--email", EMAIL))["found"]
    }


def test_erasure_leaves_no_copy_in_the_audit_trail(person):
    run("erase", "--email", EMAIL, "--yes")
    trail = json.dumps(
        list(AuditEvent.objects.values("actor", "object_label", "changes")), ensure_ascii=False
    )
    assert "mtremblay" not in trail and "Tremblay" not in trail and EMAIL.lower() not in trail.lower()
    summary = AuditEvent.objects.filter(action=Action.BULK).latest("id")
    assert summary.object_label == "privacy erasure" and summary.actor == "system: privacy erasure"
    assert summary.changes["counts"]["directory.Contact deleted"] == 2


def test_erase_asks_first_and_does_nothing_without_a_yes(person, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO())
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Nothing erased." in run("erase", "--email", EMAIL)
    assert Contact.objects.filter(email__iexact=EMAIL).count() == 2
    monkeypatch.setattr("builtins.input", lambda prompt: "oui")
    run("erase", "--email", EMAIL)
    assert Contact.objects.filter(email__iexact=EMAIL).count() == 0


def test_erase_without_a_terminal_needs_yes(person, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO())
    with pytest.raises(CommandError, match="--yes"):
        run("erase", "--email", EMAIL)
    assert Contact.objects.filter(email__iexact=EMAIL).count() == 2


def test_an_unknown_address_holds_nothing_and_a_bad_one_is_refused(db):
    assert "Nothing is held about nobody@example.org" in run(
        "erase", "--email", "nobody@example.org", "--yes"
    )
    with pytest.raises(CommandError, match="Not an e-mail address"):
        run("export", "--email", "not-an-address")


def test_a_leaders_self_assessments_are_exported_and_erased(person, orgs):
    import datetime

    from maillage.leadership.models import LeaderProfile, Post, SelfAssessment
    from tests.leadership.helpers import make_assessment, make_profile

    profile = make_profile(person["user"], orgs[0])
    make_assessment(profile, datetime.date(2025, 3, 1), 3)
    found = json.loads(run("export", "--email", EMAIL))["found"]
    [exported] = found["leadership_profiles"]
    assert exported["self_assessments"][0]["date"] == "2025-03-01"
    assert set(exported["self_assessments"][0]["ratings"].values()) == {3}
    run("erase", "--email", EMAIL, "--yes")
    assert not LeaderProfile.objects.filter(pk=profile.pk).exists()
    assert not SelfAssessment.objects.filter(profile_id=profile.pk).exists()
    assert not Post.objects.filter(author=person["user"]).exists()
