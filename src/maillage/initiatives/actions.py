from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from maillage.accounts.permissions import is_admin, writable_network_ids
from maillage.initiatives.forms import AttachmentForm, InitiativeForm, PartnerFormSet
from maillage.initiatives.models import Attachment, Initiative, InitiativePartner
from maillage.initiatives.search import reindex


@transaction.atomic
def do_save_initiative(form: InitiativeForm, partners: PartnerFormSet, user: AbstractBaseUser) -> Initiative:
    """Save an initiative, its links and its partners together (the partner list is replaced as a whole)."""
    initiative = form.save(commit=False)
    kept_networks = []
    if initiative.pk and not is_admin(user):
        # A coordinator sees only their own networks in the form: links to other networks stay.
        kept_networks = list(initiative.networks.exclude(pk__in=writable_network_ids(user)))
    if not initiative.pk:
        initiative.created_by = user
    initiative.outcomes = list(form.cleaned_data.get("outcomes") or [])
    initiative.save()
    form.save_m2m()
    if kept_networks:
        initiative.networks.add(*kept_networks)
    initiative.partners.all().delete()
    InitiativePartner.objects.bulk_create(
        InitiativePartner(
            initiative=initiative,
            organization=row.cleaned_data.get("organization"),
            name="" if row.cleaned_data.get("organization") else row.cleaned_data["name"].strip(),
            role=row.cleaned_data.get("role", "").strip(),
        )
        for row in partners.forms
        if not row.is_blank
    )
    # bulk_create sends no signal: the partners' names join the search index here.
    reindex(initiative)
    return initiative


@transaction.atomic
def do_add_attachment(form: AttachmentForm, initiative: Initiative) -> Attachment:
    form.instance.initiative = initiative
    return form.save()


@transaction.atomic
def do_delete_attachment(attachment: Attachment) -> None:
    # The file goes after the row is gone for good, so a failed delete leaves no dangling row.
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
