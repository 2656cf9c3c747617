"""What the audit trail records: who, what, old → new, in which network; never secrets; one event per bulk."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from maillage.audit.bulk import bulk_operation, record_bulk
from maillage.audit.context import acting_as
from maillage.audit.models import Action, AuditEvent
from maillage.audit.registry import HIDDEN, REGISTRY, register
from maillage.demo.generate import build_demo
from maillage.directory.models import Contact, Organization
from maillage.networks.models import Membership, MembershipRole
from maillage.surveys.models import Invitation, Response
from tests.conftest import client_for
from tests.surveys.helpers import make_wave


def events(**filters) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def test_a_change_through_a_page_records_the_user_and_old_and_new_values(coordinator, network_a, orgs):
    membership = network_a.memberships.get(organization=orgs[1])
    AuditEvent.objects.all().delete()
    response = client_for(coordinator).post(
        reverse("networks:membership_edit", kwargs={"pk": network_a.pk, "membership_pk": membership.pk}),
        {"role": MembershipRole.OBSERVER, "start_date": "2020-01-01", "end_date": ""},
    )
    assert response.status_code == 302
    [event] = events(model="networks.Membership")
    assert (event.user, event.actor, event.action) == (coordinator, "coordinator", Action.CHANGED)
    assert event.network_id == network_a.pk and event.organization_id == orgs[1].pk
    assert event.changes == {"role": [MembershipRole.MEMBER, MembershipRole.OBSERVER]}
    assert event.object_id == str(membership.pk)


def test_creation_and_deletion_are_recorded_with_the_network(network_a, orgs):
    membership = Membership.objects.create(network=network_a, organization=orgs[4])
    created = events(model="networks.Membership", object_id=str(membership.pk))
    assert [e.action for e in created] == [Action.CREATED]
    assert created[0].changes["organization"] == [None, orgs[4].pk]
    membership.delete()
    deleted = events(model="networks.Membership", action=Action.DELETED)
    assert len(deleted) == 1 and deleted[0].network_id == network_a.pk


def test_the_command_line_acts_as_system(orgs):
    organization = orgs[0]
    organization.acronym = "CEE"
    organization.save()
    [event] = events(model="directory.Organization", action=Action.CHANGED)
    assert event.actor == "system" and event.user is None
    assert event.changes == {"acronym": [None, "CEE"]} or event.changes == {"acronym": ["", "CEE"]}


def test_a_save_that_changes_nothing_records_nothing(orgs):
    before = AuditEvent.objects.count()
    orgs[0].save()
    assert AuditEvent.objects.count() == before


def test_acting_as_names_the_actor(network_a, orgs, admin):
    with acting_as(admin):
        network_a.memberships.get(organization=orgs[1]).delete()
    with acting_as(label="system: import"):
        network_a.memberships.get(organization=orgs[2]).delete()
    deletions = events(model="networks.Membership", action=Action.DELETED)
    assert [(e.actor, e.user) for e in deletions] == [("admin", admin), ("system: import", None)]


def test_passwords_and_tokens_are_never_recorded(network_a, orgs):
    user = User.objects.create_user("someone", password="a-very-secret-password-1", email="s@example.org")
    user.set_password("another-secret-password-2")
    user.save()
    invitation = Invitation.objects.create(
        wave=make_wave(network_a), organization=orgs[0], token="tok-" + "x" * 40, email="p@example.org"
    )
    stored = str(list(AuditEvent.objects.values_list("changes", "object_label")))
    assert "secret" not in stored and "pbkdf2" not in stored and "md5" not in stored.lower()
    assert "x" * 40 not in stored and "p@example.org" not in stored and "s@example.org" not in stored
    [created] = events(model="surveys.Invitation", object_id=str(invitation.pk))
    assert created.changes["email"] == [None, HIDDEN] and "token" not in created.changes
    assert created.network_id == network_a.pk


def test_a_contacts_personal_information_is_hidden(orgs):
    contact = Contact.objects.create(organization=orgs[0], full_name="Marie Tremblay", email="m@example.org")
    contact.phone = "514-555-0101"
    contact.save()
    stored = str(list(AuditEvent.objects.filter(model="directory.Contact").values()))
    assert "Tremblay" not in stored and "514-555" not in stored and "m@example.org" not in stored
    changed = events(model="directory.Contact", action=Action.CHANGED)[0]
    assert changed.changes == {"phone": [None, HIDDEN]} and changed.organization_id == orgs[0].pk


def test_a_response_records_only_submission_and_consent(network_a, orgs):
    invitation = Invitation.objects.create(wave=make_wave(network_a), organization=orgs[0], token="t" * 20)
    response = Response.objects.create(invitation=invitation, quote="Mes mots à moi")
    response.answers = {"q": "1"}
    response.save()
    assert events(model="surveys.Response") == []  # answers are the respondent's, not the log's
    response.quote_consent = "named"
    response.submitted_at = datetime.datetime(2024, 6, 2, tzinfo=datetime.UTC)
    response.save()
    [event] = events(model="surveys.Response")
    assert set(event.changes) == {"quote_consent", "submitted_at"}
    assert "Mes mots" not in str(event.changes)


def test_a_bulk_operation_writes_one_summary_event(network_a, sectors, rls):
    before = AuditEvent.objects.count()
    with bulk_operation("import test", network_id=network_a.pk):
        Organization.objects.create(name_fr="Un", sector=sectors["municipal"])
        Organization.objects.bulk_create(
            [Organization(name_fr=f"Org {i}", sector=sectors["municipal"]) for i in range(5)]
        )
        Organization.objects.filter(name_fr="Un").delete()
    assert AuditEvent.objects.count() == before + 1
    summary = AuditEvent.objects.latest("id")
    assert summary.action == Action.BULK and summary.network_id == network_a.pk
    assert summary.changes["counts"] == {
        "directory.Organization created": 6,
        "directory.Organization deleted": 1,
    }


def test_a_failed_bulk_operation_writes_nothing(sectors):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), bulk_operation("broken import"):
        Organization.objects.create(name_fr="Un", sector=sectors["municipal"])
        raise RuntimeError
    assert AuditEvent.objects.filter(action=Action.BULK).count() == 0
    assert AuditEvent.objects.count() == before


def test_record_bulk_outside_an_operation_writes_its_own_summary(db):
    record_bulk(Organization, 12)
    summary = AuditEvent.objects.get(action=Action.BULK)
    assert summary.changes == {"counts": {"directory.Organization created": 12}}


@pytest.mark.django_db
def test_the_demo_is_one_summary_event():
    build_demo(60, seed=3)
    bulk = AuditEvent.objects.filter(action=Action.BULK)
    assert bulk.count() == 1 and AuditEvent.objects.exclude(action=Action.BULK).count() == 0
    counts = bulk.get().changes["counts"]
    assert counts["directory.Organization created"] == 60
    assert counts["ties.Tie created"] > 0 and counts["networks.Membership created"] > 0


def test_another_app_registers_its_model_in_one_line(network_a):
    saved = dict(REGISTRY)
    try:
        register("networks.Network", network="pk", exclude=("description_fr",))
        network_a.name_en = "Network A renamed"
        network_a.save()
    finally:
        REGISTRY.clear()
        REGISTRY.update(saved)
    event = events(model="networks.Network", action=Action.CHANGED)[-1]
    assert event.changes == {"name_en": ["Network A", "Network A renamed"]}
    assert event.object_label


def test_a_registered_label_of_a_missing_app_is_harmless(network_a):
    saved = dict(REGISTRY)
    try:
        register("nosuchapp.Thing", network="network_id")
        network_a.name_en = "Renamed"
        network_a.save()
    finally:
        REGISTRY.clear()
        REGISTRY.update(saved)
    assert events(model="networks.Network", action=Action.CHANGED)


def test_every_registered_label_names_a_model_of_its_installed_app():
    from django.apps import apps

    for entry in REGISTRY.values():
        app_label, _, name = entry.label.partition(".")
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue  # an app not installed here: the entry waits for it
        assert config.get_model(name), entry.label


@pytest.mark.parametrize(
    "label",
    [
        "directory.Organization",
        "directory.Contact",
        "networks.Network",
        "networks.Membership",
        "ties.Tie",
        "ties.TieObservation",
        "surveys.Wave",
        "surveys.Invitation",
        "surveys.Response",
        "initiatives.Initiative",
        "accounts.Role",
    ],
)
def test_the_core_models_are_audited(label):
    assert label.lower() in REGISTRY
