from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from maillage.concertation.forms import ProposalForm, TerritoryDocumentForm
from maillage.concertation.models import SpaceProfile, TerritoryDocument
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
