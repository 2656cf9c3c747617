"""Which models are audited, and how each one finds its network and organization.

Another app audits its models with one line, anywhere that runs at start-up (its `apps.py` `ready()` or
models module):

    from maillage.audit.registry import register
    register("exchange.ImportBatch", network="network_id")

`network` and `organization` are dotted attribute paths from the instance ("network_id",
"wave.network_id", "pk") or callables taking the instance; they give the scope that decides who reads the
event (see `queries.py`). Labels name models that may not exist yet: an entry for an app that is not
installed is simply never used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist

Resolver = str | Callable[[Any], Any] | None

# Never copied into an event, whatever the model (a field whose name contains one of these): secrets,
# derived search text that only repeats other fields, and time stamps that change on every save.
ALWAYS_EXCLUDED = frozenset({"password", "token", "secret", "search_", "last_login", "api_key", "updated_at"})
HIDDEN = "[hidden]"


@dataclass(frozen=True)
class Audited:
    label: str
    network: Resolver = None
    organization: Resolver = None
    # Fields never recorded; fields recorded as "changed" without their values (personal information).
    exclude: frozenset[str] = field(default_factory=frozenset)
    masked: frozenset[str] = field(default_factory=frozenset)
    # If set, only these fields are recorded, and a save that changes none of them writes no event.
    only: frozenset[str] | None = None

    def network_id(self, instance: Any) -> int | None:
        return _resolve(self.network, instance)

    def organization_id(self, instance: Any) -> int | None:
        return _resolve(self.organization, instance)

    def records(self, name: str) -> bool:
        if self.only is not None:
            return name in self.only
        return name not in self.exclude and not any(secret in name for secret in ALWAYS_EXCLUDED)


REGISTRY: dict[str, Audited] = {}
# What to call with the label of a model registered after start-up: the signal handlers add their
# connecting function when they connect (`signals.connect`), so the registry needs not know them.
LATE_REGISTRATION: list[Callable[[str], None]] = []


def register(
    label: str,
    *,
    network: Resolver = None,
    organization: Resolver = None,
    exclude: Iterable[str] = (),
    masked: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> Audited:
    """Audit the model `label` ("app_label.ModelName"); registering again replaces the entry."""
    entry = Audited(
        label,
        network,
        organization,
        frozenset(exclude),
        frozenset(masked),
        frozenset(only) if only is not None else None,
    )
    REGISTRY[label.lower()] = entry
    if apps.ready:  # registered after start-up: connect now (at start-up, AuditConfig.ready connects all)
        for connect in LATE_REGISTRATION:
            connect(label.lower())
    return entry


def entry_for(model: type[Any]) -> Audited | None:
    if model._meta.apps is not apps:  # a migration's historical model: data migrations are not audited
        return None
    return REGISTRY.get(model._meta.label_lower)


def _resolve(resolver: Resolver, instance: Any) -> int | None:
    if resolver is None:
        return None
    try:
        if callable(resolver):
            value = resolver(instance)
        else:
            value = instance
            for part in resolver.split("."):
                value = getattr(value, part)
                if value is None:
                    return None
    except ObjectDoesNotExist:
        # A cascade deletes the parent in the same transaction: the event keeps no scope rather than fail.
        return None
    return int(value) if value is not None else None


def _first_network(instance: Any) -> int | None:
    """A record that belongs to several networks (an initiative) is filed under its first one."""
    if instance.pk is None:
        return None
    return instance.networks.order_by("pk").values_list("pk", flat=True).first()


# The audited models of the project. New apps add their own line here or in their `ready()`.
register("directory.Organization", organization="pk")
register("directory.Stewardship", network="network_id", organization="organization_id")
register("directory.Contact", organization="organization_id", masked=("full_name", "role", "email", "phone"))
register("networks.Network", network="pk")
register("networks.Membership", network="network_id", organization="organization_id")
register("ties.Tie", network="network_id")
register("ties.TieObservation", network="tie.network_id")
register("accounts.Role", network="network_id")
register("auth.User", only=("username", "email", "is_active", "is_staff", "is_superuser"), masked=("email",))
register("surveys.Wave", network="network_id")
register("surveys.Question", network="wave.network_id")
register(
    "surveys.Invitation",
    network="wave.network_id",
    organization="organization_id",
    exclude=("token",),
    masked=("email",),
)
# A response's content is the respondent's own words: only its submission and publication consent are
# recorded (which is how Maillage keeps a record of consent to publish a quote).
register(
    "surveys.Response",
    network="invitation.wave.network_id",
    organization="invitation.organization_id",
    only=("submitted_at", "quote_consent"),
)
register("initiatives.Initiative", network=_first_network, masked=("contact_email", "contact_name"))
register(
    "initiatives.InitiativePartner",
    network=lambda partner: _first_network(partner.initiative),
    organization="organization_id",
)
register("initiatives.Attachment", network=lambda attachment: _first_network(attachment.initiative))

# The apps added in the second round. Self-assessments, their ratings and community posts are private to
# their authors and are not copied into the trail; a leader profile records only its coach and consent.
register("indicators.DataValue", network="network_id")
register("indicators.Indicator")
register("indicators.DataElement")
register("indicators.IndicatorTarget")
register("exchange.ImportJob", network="network_id", only=("kind", "state", "filename"))
register("exchange.HeaderMapping", network="network_id")
register("exchange.Location", organization="organization_id")
register("exchange.ExternalId", organization="organization_id")
register("exchange.MergeRecord", organization="kept_id", exclude=("details",))
register("api.ApiToken", only=("name", "revoked_at"))
register(
    "leadership.LeaderProfile",
    organization="organization_id",
    only=("organization", "coach", "coach_consent"),
)
register("leadership.LearningActivity", network="network_id")
register("leadership.Community")
register("leadership.CommunityMember", only=("community", "user", "facilitator"))
register("leadership.Pillar")
register("leadership.Competency")
