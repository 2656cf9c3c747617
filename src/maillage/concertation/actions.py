from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from maillage.concertation.forms import ProposalForm, ResourceEntryForm, TerritoryDocumentForm
from maillage.concertation.models import ResourceEntry, SpaceProfile, TerritoryDocument
from maillage.networks.actions import do_create_network
from maillage.networks.forms import NetworkForm
from maillage.networks.models import Network


@transaction.atomic
def do_create_space(form: NetworkForm, proposal: ProposalForm, user: User) -> Network:
    """Create the network and, when themes were chosen, its concertation profile, together."""
    network = do_create_network(form, user)
    themes = proposal.cleaned_data.get("themes") or []
    if themes:
        profile = SpaceProfile.objects.create(network=network)
        profile.themes.set(themes)
    return network


@transaction.atomic
def do_record_document(form: TerritoryDocumentForm, user: User) -> TerritoryDocument:
    """Save a portrait or an action plan with its populations and themes, its author user noted."""
    document = form.save(commit=False)
    document.created_by = user
    document.save()
    form.save_m2m()
    return document


@transaction.atomic
def do_record_resource(
    form: ResourceEntryForm, network: Network, user: User, replaces: ResourceEntry | None = None
) -> ResourceEntry:
    """A new line, or a correction of `replaces` (a new row; the earlier one is kept)."""
    entry = form.save(commit=False)
    entry.pk = None
    entry.network, entry.recorded_by, entry.replaces = network, user, replaces
    entry.save()
    return entry


@transaction.atomic
def do_withdraw_resource(entry: ResourceEntry, user: User) -> ResourceEntry:
    """Withdraw a line: a correction marked removed, so the history says it was declared, then withdrawn."""
    withdrawal = ResourceEntry.objects.get(pk=entry.pk)
    withdrawal.pk = None
    withdrawal.id = None
    withdrawal.replaces, withdrawal.removed, withdrawal.recorded_by = entry, True, user
    withdrawal.save()
    return withdrawal
