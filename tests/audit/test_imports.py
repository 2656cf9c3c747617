"""An import writes one summary event, filed under its network and its user, whatever it wrote."""

from __future__ import annotations

import pytest
from django.utils import translation

from maillage.audit.bulk import audited_bulk
from maillage.audit.models import Action, AuditEvent
from maillage.directory.models import Organization
from maillage.exchange.actions import do_apply_plan
from maillage.exchange.imports import prepare
from tests.exchange.files import csv_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_an_applied_import_is_one_summary_event_of_its_network_and_user(network_a, orgs, coordinator):
    raw = csv_bytes(
        [
            ["Nom", "Secteur"],
            ["Nouvel organisme un", "Organisme communautaire"],
            ["Nouvel organisme deux", "Municipal"],
        ]
    )
    plan = prepare("organizations", raw, network_a)
    before = AuditEvent.objects.count()
    do_apply_plan(plan, coordinator)
    assert AuditEvent.objects.count() == before + 1
    summary = AuditEvent.objects.latest("id")
    assert (summary.action, summary.object_label) == (Action.BULK, "import")
    assert summary.network_id == network_a.pk and summary.user == coordinator
    assert summary.changes["counts"]["directory.Organization created"] == 2


def test_a_decorated_writer_that_fails_leaves_no_event(sectors, db):
    @audited_bulk("failing import")
    def write() -> None:
        Organization.objects.create(name_fr="Un", sector=sectors["municipal"])
        raise ValueError("bad row")

    with pytest.raises(ValueError):
        write()
    assert not AuditEvent.objects.filter(object_label="failing import").exists()
