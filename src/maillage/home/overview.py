"""Everything the home page shows one reader, for the networks they may read and no other."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, Count, Q, When
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.accounts.models import RoleKind
from maillage.accounts.permissions import is_admin, roles_of, writable_network_ids
from maillage.formatting import percent
from maillage.home.alerts import Alert, alerts_for
from maillage.home.figures import NetworkFigures, figures_for
from maillage.networks.models import Network
from maillage.networks.permissions import readable_networks
from maillage.networks.queries import current_member_count
from maillage.surveys.models import Wave, WaveStatus
from maillage.surveys.results import Rate

# Networks shown as cards with their numbers (those the reader coordinates, then the largest); the others
# are a link away (the list of networks).
CARDS = 12
SHOWN_ALERTS = 8


@dataclass
class Card:
    network: Network
    figures: NetworkFigures
    wave: Wave | None = None
    rate: Rate | None = None
    writable: bool = False

    @property
    def rate_display(self) -> str:
        return percent(self.rate.percent / 100) if self.rate and self.rate.invited else ""


@dataclass
class Step:
    label: str
    url: str


@dataclass
class Overview:
    cards: list[Card]
    network_total: int
    alerts: list[Alert]
    step: Step

    @property
    def coordinates(self) -> bool:
        """Whether the reader coordinates one of the networks shown (the alerts are theirs to act on)."""
        return any(card.writable for card in self.cards)

    @property
    def shown_alerts(self) -> list[Alert]:
        return self.alerts[:SHOWN_ALERTS]

    @property
    def hidden_alerts(self) -> int:
        return max(0, len(self.alerts) - SHOWN_ALERTS)


def current_waves(network_ids: list[int]) -> dict[int, tuple[Wave, Rate]]:
    """Each network's survey wave in progress (else its latest opened one) with its response rate."""
    submitted = Q(invitations__response__submitted_at__isnull=False)
    waves = (
        Wave.objects.filter(network__in=network_ids)
        .exclude(status=WaveStatus.DRAFT)
        .annotate(invited=Count("invitations"), submitted=Count("invitations", filter=submitted))
        .order_by("date", "id")
    )
    found: dict[int, tuple[Wave, Rate]] = {}
    for wave in waves:
        held = found.get(wave.network_id)
        if held is None or held[0].status != WaveStatus.OPEN or wave.status == WaveStatus.OPEN:
            found[wave.network_id] = (wave, Rate(wave.get_kind_display(), wave.invited, wave.submitted))
    return found


def next_step(
    user: AbstractBaseUser | AnonymousUser, cards: list[Card], alerts: list[Alert], today: datetime.date
) -> Step:
    """The one thing this reader would do next, what asks for an action first."""
    overdue = [a for a in alerts if a.kind == "wave_overdue"]
    if overdue:
        label = _("Close the survey wave of %(network)s") % {"network": overdue[0].network}
        return Step(label, overdue[0].url)
    for card in (c for c in cards if c.writable):
        network = card.network
        if card.wave is not None and card.wave.status == WaveStatus.OPEN:
            url = reverse("surveys:wave_detail", args=[card.wave.pk])
            return Step(_("Follow the answers to the survey of %(network)s") % {"network": network}, url)
        if card.figures.now is None:
            url = reverse("ties:create", args=[network.pk])
            return Step(_("Record the first partnership of %(network)s") % {"network": network}, url)
        if card.wave is None or card.wave.date < today - datetime.timedelta(days=365):
            url = reverse("surveys:wave_create", args=[network.pk])
            return Step(_("Prepare this year's survey of %(network)s") % {"network": network}, url)
    if cards:
        regional = [r for r in roles_of(user) if r.kind == RoleKind.REGIONAL_VIEWER and r.territory_id]
        if regional:
            url = reverse("dashboards:territory_dashboard", args=[regional[0].territory_id])
            label = _("Compare the networks of %(territory)s") % {"territory": regional[0].territory}
            return Step(label, url)
        if is_admin(user):
            url = reverse("dashboards:province_dashboard")
            return Step(_("Open the province's map and dashboard"), url)
        url = reverse("dashboards:network_dashboard", args=[cards[0].network.pk])
        return Step(_("Open the map and dashboard of %(network)s") % {"network": cards[0].network}, url)
    return Step(_("Browse the directory of organizations"), reverse("directory:organization_list"))


def overview_for(user: AbstractBaseUser | AnonymousUser, today: datetime.date) -> Overview:
    """The reader's networks (coordinated ones first, then the largest): numbers, waves, alerts, next step."""
    writable = writable_network_ids(user)
    networks = readable_networks(user).select_related("territory")
    networks = networks.annotate(member_count=current_member_count())
    coordinated_first = Case(When(pk__in=writable, then=0), default=1)
    shown = list(networks.order_by(coordinated_first, "-member_count", "name_fr")[:CARDS])
    figures = figures_for(shown)
    waves = current_waves([n.pk for n in shown])
    cards = []
    for n in shown:
        wave, rate = waves.get(n.pk, (None, None))
        cards.append(Card(n, figures[n.pk], wave, rate, writable=n.pk in writable))
    alerts = alerts_for(shown, writable, today)
    return Overview(cards, networks.count(), alerts, next_step(user, cards, alerts, today))
