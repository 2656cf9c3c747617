"""The signal handlers that turn saves and deletes of audited models into `AuditEvent` rows.

`pre_save` reads the stored row (one query, only for audited models that already exist) so that
`post_save` can record old → new values of the fields that changed. Events are written in the same
transaction as the change: a rolled-back change leaves no event behind.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from maillage.audit.context import current_actor, current_bulk
from maillage.audit.models import Action, AuditEvent
from maillage.audit.registry import HIDDEN, LATE_REGISTRATION, REGISTRY, Audited, entry_for

MAX_VALUE = 300  # characters of a text value kept in an event: enough to see what changed
_OLD = "_audit_old_values"


def connect() -> None:
    """Connect the handlers to each registered model (called once all models are loaded).

    Per model, not for every sender: a `post_delete` receiver on a model turns off Django's fast
    cascade deletes for it, which unaudited models (and their large tables) should keep.
    """
    for label in list(REGISTRY):
        connect_model(label)
    if connect_model not in LATE_REGISTRATION:
        LATE_REGISTRATION.append(connect_model)


def connect_model(label: str) -> None:
    try:
        model = apps.get_model(label)
    except LookupError:
        return  # an app that is not installed: nothing to connect
    pre_save.connect(_remember_old_values, sender=model, dispatch_uid=f"audit-pre-save-{label}")
    post_save.connect(_record_save, sender=model, dispatch_uid=f"audit-post-save-{label}")
    post_delete.connect(_record_delete, sender=model, dispatch_uid=f"audit-post-delete-{label}")


def _fields(instance: models.Model, entry: Audited, update_fields: Any = None) -> list[models.Field]:
    """The recorded fields; with `save(update_fields=...)`, only those (the others may be stale)."""
    return [
        f
        for f in instance._meta.concrete_fields
        if not f.primary_key
        and entry.records(f.name)
        and (update_fields is None or f.name in update_fields or f.attname in update_fields)
    ]


def _plain(value: Any) -> Any:
    """A JSON-ready, bounded copy of a field value."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | dict):
        text = _json_text(value)
        return value if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _json_text(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _values(instance: models.Model, entry: Audited, update_fields: Any = None) -> dict[str, Any]:
    return {f.name: getattr(instance, f.attname) for f in _fields(instance, entry, update_fields)}


def _remember_old_values(
    sender: type[Any], instance: models.Model, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    entry = entry_for(sender)
    if entry is None or raw or instance.pk is None or instance._state.adding:
        return
    fields = _fields(instance, entry, update_fields)
    if not fields or current_bulk() is not None:
        # In a bulk operation saves are only counted: no need to read the stored row (imports stay fast).
        setattr(instance, _OLD, {})
        return
    stored = sender._base_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    if stored is not None:
        setattr(instance, _OLD, {f.name: stored[f.attname] for f in fields})


def _diff(entry: Audited, old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    changes = {}
    for name, value in new.items():
        before = old.get(name)
        if before == value or (before in (None, "") and value in (None, "")):
            continue
        if name in entry.masked:
            changes[name] = [
                HIDDEN if before not in (None, "") else None,
                HIDDEN if value not in (None, "") else None,
            ]
        else:
            changes[name] = [_plain(before), _plain(value)]
    return changes


def _record_save(
    sender: type,
    instance: models.Model,
    created: bool,
    raw: bool = False,
    update_fields: Any = None,
    **kwargs: Any,
) -> None:
    entry = entry_for(sender)
    if entry is None or raw:
        return
    old = {} if created else instance.__dict__.pop(_OLD, None)
    if old is None:
        return  # saved without pre_save having seen a stored row (should not happen): nothing to compare
    changes = _diff(entry, old, _values(instance, entry, None if created else update_fields))
    if not created and not changes:
        return  # a save that changed nothing worth recording
    if created and entry.only is not None and not changes:
        return
    _write(entry, instance, Action.CREATED if created else Action.CHANGED, changes)


def _record_delete(sender: type, instance: models.Model, **kwargs: Any) -> None:
    entry = entry_for(sender)
    if entry is not None:
        _write(entry, instance, Action.DELETED, {})


def _label(instance: models.Model, entry: Audited) -> str:
    if entry.masked & {"full_name", "name"}:
        return f"#{instance.pk}"  # the label itself is personal information
    try:
        return str(instance)[:200]
    except Exception:  # noqa: BLE001 - a __str__ that reads a deleted relation must not break a delete
        return f"#{instance.pk}"


def _write(entry: Audited, instance: models.Model, action: str, changes: dict[str, Any]) -> None:
    bulk = current_bulk()
    if bulk is not None:
        if action != Action.CREATED:  # creations are counted from the tables' sizes at the end
            bulk.counts[f"{instance._meta.label} {action}"] += 1
        return
    user, actor = current_actor()
    AuditEvent.objects.create(
        user=user if user is not None and user.pk else None,
        actor=actor[:150],
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk)[:64],
        object_label=_label(instance, entry),
        network_id=entry.network_id(instance),
        organization_id=entry.organization_id(instance),
        changes=changes,
    )
