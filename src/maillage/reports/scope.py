"""What a report covers: one network, the networks of a territory, of a programme (a kind of network), or all.

Built on the dashboards' `Scope` so permissions, caching and data versions are the dashboards' own: a
report shows exactly the networks its reader may read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from maillage.accounts.permissions import AnyUser
from maillage.formatting import day
from maillage.networks.models import Network, NetworkKind
from maillage.networks.periods import (
    ReportingPeriod,
    is_fiscal,
    network_period_kind,
    period_bounds,
    period_label,
    period_of,
)
from maillage.networks.permissions import readable_networks
from maillage.observatory import Scope, scope_for

REPORT_KINDS = ("network", "territory", "programme", "province")


def report_scope(user: AnyUser, kind: str, pk: int | str | None = None) -> Scope:
    """The scope of a report for this user: 404 for an unknown object, 403 for a network they may not read.

    A programme is a kind of network (CHSSN's community partnership networks are one programme); its
    `pk` is the kind's code.
    """
    if kind == "programme":
        code = str(pk or "")
        labels = dict(NetworkKind.choices)
        if code not in labels:
            raise Http404
        networks = readable_networks(user).filter(kind=code)
        return Scope("programme", None, str(labels[code]), networks)
    if kind in ("network", "territory"):
        if not str(pk or "").isdigit():
            raise Http404
        return scope_for(user, kind, int(str(pk)))
    return scope_for(user, "province")


def all_networks_scope() -> Scope:
    """Every network, for the command line (which runs with the server's own rights)."""
    return Scope("province", None, _("All networks"), Network.objects.all())


@dataclass(frozen=True)
class Period:
    """The report's year (the latest wave on or before its end) or an explicit pair of waves.

    `year` names a fiscal year (April 1 – March 31, written "2024-2025") or a calendar year, as the network
    chose (`networks.periods`); `fiscal` is None until the report knows its networks (`for_networks`).
    """

    year: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    fiscal: bool | None = None

    def for_networks(self, networks: QuerySet[Network]) -> Period:
        """This period in the networks' own kind of year (fiscal unless every one chose the calendar)."""
        if self.fiscal is not None:
            return self
        return replace(self, fiscal=is_fiscal(network_period_kind(networks)))

    @property
    def kind(self) -> str:
        return ReportingPeriod.CALENDAR if self.fiscal is False else ReportingPeriod.FISCAL

    @property
    def start(self) -> datetime.date | None:
        if self.since:
            return self.since
        return period_bounds(self.year, self.kind)[0] if self.year else None

    @property
    def end(self) -> datetime.date | None:
        if self.until:
            return self.until
        return period_bounds(self.year, self.kind)[1] if self.year else None

    def of_date(self, day: str) -> Period:
        """The period (of this kind of year) that holds an ISO date: the report's default."""
        return replace(self, year=period_of(datetime.date.fromisoformat(day), self.kind))

    def pick(self, dates: list[str]) -> tuple[str | None, str | None]:
        """(as_of, compare_to) among the observation dates: the wave reported on and the one before it."""
        end = self.until or (self.end if self.year else None)
        upto = [d for d in dates if end is None or d <= end.isoformat()]
        if not upto:
            return None, None
        as_of = upto[-1]
        if self.since is not None:
            before = [d for d in dates if d <= self.since.isoformat()]
            return as_of, (before[-1] if before and before[-1] < as_of else None)
        earlier = [d for d in upto if d < as_of]
        return as_of, (earlier[-1] if earlier else None)

    @property
    def label(self) -> str:
        if self.since and self.until:
            return f"{day(self.since)} – {day(self.until)}"
        if self.year:
            return period_label(self.year, self.kind)
        return _("latest data")
