"""What an import will do, row by row, worked out in memory before anything is written.

A `Plan` holds the report (one `Row` per line: created, updated, unchanged or error, with the reason in
the user's language) and the objects to write. `Context` loads the directory once (organizations,
sectors, territories, the network's memberships and ties) so that checking 100,000 rows is dictionary
look-ups, not queries.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from maillage.analysis.sheets import parse_date as parse_date  # re-exported: the importer's dates
from maillage.analysis.vocabulary import match_key, parse_bool
from maillage.directory.models import Organization, Sector, Territory
from maillage.directory.names import normalize_name
from maillage.directory.permissions import editable_organization_ids
from maillage.exchange.codes import HSDS, NEQ, code_key, code_scheme, load_codes
from maillage.exchange.models import ExternalId, Location
from maillage.exchange.values import ValueMatcher
from maillage.networks.models import Membership, Network
from maillage.ties.models import Tie, TieObservation

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"
STATUSES = (CREATED, UPDATED, UNCHANGED, ERROR)


@dataclass
class Row:
    line: int
    status: str
    label: str
    message: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "status": self.status, "label": self.label, "message": self.message}


@dataclass
class Observation:
    observed_on: datetime.date
    level: int
    formality: str
    agreement_kind: str = ""
    referrals: bool = False
    information: bool = False
    resources: bool = False
    joint_projects: bool = False
    note: str = ""
    agreement_ends_on: datetime.date | None = None


@dataclass(eq=False)
class NewTie:
    """A tie to create; a plain object, because building 100,000 model instances costs seconds."""

    first: Organization
    second: Organization
    pk: int | None = None


@dataclass
class Plan:
    kind: str
    network: Network | None
    rows: list[Row] = field(default_factory=list)
    new_organizations: list[Organization] = field(default_factory=list)
    changed_organizations: dict[int, Organization] = field(default_factory=dict)
    new_memberships: list[Membership] = field(default_factory=list)
    changed_memberships: list[Membership] = field(default_factory=list)
    new_ties: dict[tuple[int, int], NewTie] = field(
        default_factory=dict
    )  # keyed by id() of both organizations
    observations: list[tuple[Tie | NewTie, Observation]] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    external_ids: list[ExternalId] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the whole file: columns ignored, edges merged …
    unknown_values: list[dict[str, object]] = field(default_factory=list)  # see values.ValueMatcher.report

    def add(self, line: int, status: str, label: str, message: str = "") -> None:
        self.rows.append(Row(line, status, label[:300], message))

    @property
    def has_errors(self) -> bool:
        return any(row.status == ERROR for row in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def writes(self) -> int:
        parts = (self.new_organizations, self.changed_organizations, self.new_memberships,
                 self.changed_memberships, self.new_ties, self.observations, self.locations)  # fmt: skip
        return sum(len(part) for part in parts)


class Context:
    """The directory in memory, and what the importing person may change."""

    def __init__(self, network: Network | None, user: AbstractBaseUser | AnonymousUser | None) -> None:
        self.network = network
        self.organizations: dict[int, Organization] = {
            o.pk: o
            for o in Organization.objects.only(
                "id", "name_fr", "name_en", "acronym", "sector_id", "territory_id", "website", "description"
            )
        }
        self.by_key: dict[str, list[Organization]] = defaultdict(list)
        for organization in self.organizations.values():
            self._index(organization)
        self.sectors: dict[str, Sector] = {}
        for sector in Sector.objects.all():
            for text in (sector.code, sector.name_fr, sector.name_en):
                self.sectors.setdefault(match_key(text), sector)
        self.territories: dict[str, list[Territory]] = defaultdict(list)
        for territory in Territory.objects.all():
            # "Montréal" and "Montreal" give one match key: one territory is listed once under a key.
            for key in {
                match_key(territory.code),
                match_key(territory.name_fr),
                match_key(territory.name_en),
            } - {""}:
                self.territories[key].append(territory)
        self._single_territories: dict[str, Territory] | None = None
        self.network_id = network.pk if network is not None else None
        self._codes = load_codes(self.network_id)  # (scheme, code) -> organization id
        self._code_owners: dict[tuple[str, str], Organization] = {}  # codes given in this very file
        self.values = ValueMatcher()  # answers for unknown sector/territory/level/role values (see values.py)
        self.editable = self._editable(user)
        self._found: dict[str, tuple[Organization | None, str]] = {}
        self.memberships: dict[int, Membership] = {}
        self.ties: dict[tuple[int, int], Tie] = {}
        self.observed: dict[tuple[int, datetime.date], tuple[int, str]] = {}
        if network is not None:
            self.memberships = {m.organization_id: m for m in Membership.objects.filter(network=network)}
        ties = Tie.objects.filter(network=network) if network else Tie.objects.filter(network__isnull=True)
        self.ties = {(t.organization_a_id, t.organization_b_id): t for t in ties}
        observations = TieObservation.objects.filter(tie__in=ties).values_list(
            "tie_id", "observed_on", "level", "formality"
        )
        self.observed = {(tie, on): (level, formality) for tie, on, level, formality in observations}

    def _editable(self, user: AbstractBaseUser | AnonymousUser | None) -> set[int] | None:
        """Organization ids the user may change: the directory's one rule (None: the command line, which
        acts for the system and may change all of them)."""
        if user is None:
            return None
        return editable_organization_ids(user, self.organizations)

    def _index(self, organization: Organization) -> None:
        for name in {organization.name_fr, organization.name_en} - {""}:
            key = normalize_name(name)
            if key and organization not in self.by_key[key]:
                self.by_key[key].append(organization)

    def add_organization(self, organization: Organization) -> None:
        self._index(organization)

    def may_edit(self, organization: Organization) -> bool:
        return organization.pk is None or self.editable is None or organization.pk in self.editable

    def code_owner(self, scheme: str, code: str) -> Organization | None:
        """The organization a code of a partner list, a NEQ or an HSDS id belongs to."""
        key = (scheme, code_key(code if scheme != NEQ else re.sub(r"[\s-]", "", code)))
        found = self._code_owners.get(key)
        if found is None and key in self._codes:
            found = self.organizations.get(self._codes[key])
        return found

    def add_code(self, scheme: str, code: str, organization: Organization) -> None:
        self._code_owners[(scheme, code_key(code))] = organization

    def _by_code(self, text: str) -> Organization | None:
        for scheme in (code_scheme(self.network_id), NEQ, HSDS):
            found = self.code_owner(scheme, text)
            if found is not None:
                return found
        return None

    def find(self, text: str) -> tuple[Organization | None, str]:
        """The organization a cell names (by Maillage id, or by name), or a reason it cannot be told."""
        # A tie file names the same few thousand organizations over and over: remember the answers.
        if text in self._found:
            return self._found[text]
        answer = self._find(text)
        if answer[0] is not None and answer[0].pk is not None:
            self._found[text] = answer
        return answer

    def label(self, organization: Organization) -> str:
        return organization.name_fr or organization.name_en

    def _find(self, text: str) -> tuple[Organization | None, str]:
        """By Maillage id (``12`` or ``#12``), by a code the organization's sources gave it, or by name."""
        text = text.strip()
        by_code = self._by_code(text)
        if re.fullmatch(r"#?\d+", text):
            found = self.organizations.get(int(text.lstrip("#")))
            if found is not None:
                if by_code is not None and by_code is not found and not text.startswith("#"):
                    return None, _(
                        "“%(text)s” is the Maillage id of one organization and the code of another: write "
                        "#%(text)s for the id, or the name."
                    ) % {"text": text}
                return found, ""
        if by_code is not None:
            return by_code, ""
        return self.find_name(text)

    def find_name(self, text: str) -> tuple[Organization | None, str]:
        """The organization a name designates (never read as an id: a node drawn as "1" is named "1")."""
        text = text.strip()
        matches = self.by_key.get(normalize_name(text), [])
        if len(matches) > 1:
            return None, _("Several organizations are called “%(name)s”: give its id instead.") % {
                "name": text
            }
        return (matches[0], "") if matches else (None, "")

    def sector(self, text: str) -> Sector | None:
        found = self.sectors.get(match_key(text))
        if found is None and text.strip():
            found = self.values.match("sector", text, self.sectors, lambda s: (s.code, s.name))
        return found

    def territory(self, text: str) -> tuple[Territory | None, str]:
        matches = self.territories.get(match_key(text), [])
        if len(matches) > 1:
            return None, _("Several territories are called “%(name)s”: give its code.") % {"name": text}
        if not matches:
            if self._single_territories is None:  # built once: a file may hold 100,000 unknown cells
                self._single_territories = {
                    k: found[0] for k, found in self.territories.items() if len(found) == 1
                }
            match = self.values.match("territory", text, self._single_territories, lambda t: (t.code, t.name))
            if match is not None:
                return match, ""
            return None, _("Unknown territory “%(name)s”.") % {"name": text} + self.proposed(
                "territory", text
            )
        return matches[0], ""

    def proposed(self, field: str, text: str) -> str:
        """ " Proposed: …" after an unknown value's message, when a match is proposed."""
        label = self.values.proposal(field, text)
        return " " + _("Proposed: %(match)s.") % {"match": label} if label else ""


def parse_flag(text: str) -> bool | None:
    """Yes or no as people write it (oui/non, yes/no, x/empty, 1/0, vrai/faux …); None if neither."""
    return parse_bool(text)
