"""Check rows of organizations, memberships and ties against the directory, filling a `Plan`.

Records are dicts of field -> text (from a spreadsheet, an HSDS file or a graph); every problem becomes
an error row with its reason, and nothing here writes to the database.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from maillage.analysis.headers import TERRITORY_FIELDS
from maillage.analysis.vocabulary import LEVELS, match_key, parse_formality, parse_level, parse_role
from maillage.directory.models import Organization, Territory
from maillage.directory.names import FUZZY_THRESHOLD, NameIndex, normalize_name
from maillage.directory.text import has_lookalikes, strip_invisible
from maillage.exchange.codes import code_problems, find_by_codes, plan_codes
from maillage.exchange.plan import (
    CREATED,
    ERROR,
    UNCHANGED,
    UPDATED,
    Context,
    NewTie,
    Observation,
    Plan,
    parse_date,
    parse_flag,
)
from maillage.networks.models import Membership, MembershipRole
from maillage.ties.models import AgreementKind, Formality, Level, agreement_problem

Records = Iterable[tuple[int, dict[str, str]]]
NAME_MAX = 200
FIELD_NAMES = {
    "name_fr": _lazy("name"), "name_en": _lazy("English name"), "acronym": _lazy("acronym"),
    "description": _lazy("description"),
}  # fmt: skip
FLOWS = ("referrals", "information", "resources", "joint_projects")
AGREEMENTS = {match_key(str(label)): value for value, label in AgreementKind.choices} | {
    match_key(value): value for value in AgreementKind.values
} | {"entente": "agreement", "contrat": "contract", "protocole": "mou", "corridor": "service_corridor",
     "corridor de services": "service_corridor", "autre": "other", "memoire dentente": "mou"}  # fmt: skip


def _organization_values(context: Context, record: dict[str, str]) -> tuple[dict[str, object], list[str]]:
    """Field values to set from a record (blank cells change nothing), and what is wrong with them."""
    values: dict[str, object] = {}
    problems: list[str] = []
    for name_field in ("name_fr", "name_en", "acronym", "description"):
        text = record.get(name_field, "").strip()
        if name_field != "description":
            text = strip_invisible(text)  # zero-width and bidi controls: see directory/text.py
        limit = {"acronym": 30, "description": 5000}.get(name_field, NAME_MAX)
        if len(text) > limit:
            problems.append(
                _("The %(field)s is longer than %(limit)s characters.")
                % {"field": FIELD_NAMES[name_field], "limit": limit}
            )
        elif text:
            values[name_field] = text
    if record.get("sector"):
        sector = context.sector(record["sector"])
        if sector is None:
            problems.append(
                _("Unknown sector “%(sector)s”.") % {"sector": record["sector"][:80]}
                + context.proposed("sector", record["sector"])
            )
        else:
            values["sector_id"] = sector.pk
    territory, problem = _territory(context, record)
    if problem:
        problems.append(problem)
    elif territory is not None:
        values["territory_id"] = territory.pk
    if record.get("website"):
        website = record["website"]
        if not website.startswith(("http://", "https://")):
            website = "https://" + website
        try:
            URLValidator()(website)
            values["website"] = website[:200]
        except ValidationError:
            problems.append(_("“%(url)s” is not a web address.") % {"url": record["website"][:80]})
    return values, problems


def _territory(context: Context, record: dict[str, str]) -> tuple[Territory | None, str]:
    """The most precise known territory among the row's territory columns (municipality, RLS, region …)."""
    given = [record[name][:80] for name in TERRITORY_FIELDS if record.get(name)]
    found: list[Territory] = []
    first_problem = ""
    for text in given:
        territory, problem = context.territory(text)
        if territory is not None:
            found.append(territory)
        first_problem = first_problem or problem
    if found:
        return max(found, key=lambda territory: territory.path.count("/")), ""
    return None, first_problem


def _match_organization(
    context: Context, record: dict[str, str], name: str
) -> tuple[Organization | None, str]:
    """By Maillage id, else by one of the row's own codes (list code, NEQ, HSDS id), else by name."""
    if record.get("id"):
        found, ambiguity = context.find(record["id"])
        if found is not None or not name:
            return found, ambiguity
    found = find_by_codes(context, record)
    if found is not None:
        return found, ""
    return context.find_name(name) if name else (None, "")


def check_organizations(plan: Plan, context: Context, records: Records) -> dict[int, Organization]:
    """Organizations to create or update; returns the organization of each line, for a graph's ties."""
    seen: dict[str, tuple[int, dict[str, object]]] = {}
    by_line: dict[int, Organization] = {}
    existing_keys = NameIndex(context.by_key)  # blocked by words: each row meets a few names, not all
    default_sector = context.sector("other")
    for line, record in records:
        name = (record.get("name") or record.get("name_fr") or record.get("name_en") or "").strip()
        if record.get("name") and not record.get("name_fr") and not record.get("name_en"):
            record = {**record, "name_fr": record["name"]}
        label = name or record.get("id", "") or record.get("code", "")
        values, problems = _organization_values(context, record)
        found, ambiguity = _match_organization(context, record, name)
        problems += code_problems(context, record, found)
        # Found by its Maillage id or by a code its source gave it: the row may rename it.
        identified = bool(record.get("id")) or (found is not None and find_by_codes(context, record) is found)
        if not name and not record.get("id") and found is None:
            problems.append(_("The row has no name."))
        if record.get("id") and found is None and not name:
            problems.append(_("No organization has the id %(id)s.") % {"id": record["id"][:20]})
        if ambiguity:
            problems.append(ambiguity)
        if problems:
            plan.add(line, ERROR, label, " ".join(problems))
            continue
        key = normalize_name(name) if name else f"#{record.get('id') or record.get('code')}"
        if key in seen:
            first_line, first_values = seen[key]
            if first_values == values:
                plan.add(line, UNCHANGED, label, _("Same as line %(line)s.") % {"line": first_line})
            else:
                plan.add(
                    line,
                    ERROR,
                    label,
                    _("Already on line %(line)s with other values.") % {"line": first_line},
                )
            if found is not None:
                by_line[line] = found
            continue
        seen[key] = (line, values)
        if found is None:
            found = _new_organization(plan, context, line, label, values, default_sector, existing_keys, key)
        else:
            if not identified:
                # Found by its name: another spelling of it ("Inc.", accents) is not a rename.
                values = {k: v for k, v in values.items() if k not in ("name_fr", "name_en")}
            _update_organization(plan, context, line, label, found, values)
        plan_codes(plan, context, found, record)
        by_line[line] = found
        _join_network(plan, context, found)
    return by_line


def _new_organization(plan, context, line, label, values, default_sector, existing_keys, key):
    notes = []
    if "sector_id" not in values:
        values = {**values, "sector_id": default_sector.pk}
        notes.append(_("No sector given: “Other”."))
    organization = Organization(**values)
    if any(has_lookalikes(str(values.get(field, ""))) for field in ("name_fr", "name_en")):
        notes.append(_("The name mixes Latin letters with look-alike letters of another script."))
    close = existing_keys.closest(key, FUZZY_THRESHOLD)
    if close:
        twin = context.by_key[close[0]][0]
        notes.append(
            _("Close to the existing “%(name)s”: see the possible duplicates.") % {"name": twin.name}
        )
    context.add_organization(organization)
    plan.new_organizations.append(organization)
    plan.add(line, CREATED, label, " ".join(notes))
    return organization


def _update_organization(plan, context, line, label, found, values) -> None:
    if found.pk is None:  # created earlier in this same import under another spelling
        plan.add(line, UNCHANGED, label, _("Same organization as an earlier line."))
        return
    changed = sorted(name for name, value in values.items() if getattr(found, name) != value)
    if not changed:
        plan.add(line, UNCHANGED, label)
    elif not context.may_edit(found):
        plan.add(
            line, UNCHANGED, label, _("Exists; only its networks' coordinators may change it: kept as is.")
        )
    else:
        for name in changed:
            setattr(found, name, values[name])
        plan.changed_organizations[found.pk] = found
        fields = ", ".join(name.removesuffix("_id") for name in changed)
        plan.add(line, UPDATED, label, _("Changed: %(fields)s.") % {"fields": fields})


def _join_network(plan: Plan, context: Context, organization: Organization) -> None:
    """An organization imported into a network sits in it."""
    if context.network is None or (organization.pk and organization.pk in context.memberships):
        return
    if any(m.organization is organization for m in plan.new_memberships[-1:]):
        return
    membership = Membership(network=context.network, organization=organization)
    plan.new_memberships.append(membership)
    if organization.pk:
        context.memberships[organization.pk] = membership
        row = plan.rows[-1]
        if row.status == UNCHANGED:
            row.status, row.message = UPDATED, f"{row.message} {_('Joins the network.')}".strip()


def check_memberships(plan: Plan, context: Context, records: Records) -> None:
    if context.network is None:
        plan.add(0, ERROR, "", _("Memberships are imported into a network: choose one."))
        return
    seen: dict[int, int] = {}
    for line, record in records:
        label = record.get("organization", "")
        organization, problem = context.find(label) if label else (None, _("The row names no organization."))
        if organization is None and not problem:
            problem = _("Unknown organization “%(name)s”: import it first.") % {"name": label[:100]}
        role = _role(context, record.get("role") or "member")
        start = parse_date(record["start"]) if record.get("start") else None
        end = parse_date(record["end"]) if record.get("end") else None
        problems = [problem] if problem else []
        if role is None:
            problems.append(
                _("Unknown role “%(role)s”.") % {"role": record["role"][:40]}
                + context.proposed("role", record["role"])
            )
        for value, parsed in ((record.get("start"), start), (record.get("end"), end)):
            if value and parsed is None:
                problems.append(
                    _("“%(value)s” is not a date (2024-03-31 or 31/03/2024).") % {"value": value[:40]}
                )
        if start and end and end < start:
            problems.append(_("The end date comes before the start date."))
        if organization is not None and id(organization) in seen:
            problems.append(_("Already on line %(line)s.") % {"line": seen[id(organization)]})
        if problems:
            plan.add(line, ERROR, label, " ".join(problems))
            continue
        assert organization is not None
        seen[id(organization)] = line
        _plan_membership(plan, context, line, organization, role, start, end)


def _plan_membership(plan, context, line, organization, role, start, end) -> None:
    label = organization.name
    existing = context.memberships.get(organization.pk) if organization.pk else None
    if existing is None:
        plan.new_memberships.append(
            Membership(
                network=context.network, organization=organization, role=role, start_date=start, end_date=end
            )
        )
        plan.add(line, CREATED, label)
        return
    wanted = {"role": role, "start_date": start or existing.start_date, "end_date": end or existing.end_date}
    changed = [name for name, value in wanted.items() if getattr(existing, name) != value]
    if not changed:
        plan.add(line, UNCHANGED, label)
        return
    for name in changed:
        setattr(existing, name, wanted[name])
    if existing.pk:
        plan.changed_memberships.append(existing)
    plan.add(line, UPDATED, label, _("Changed: %(fields)s.") % {"fields": ", ".join(changed)})


@functools.lru_cache(maxsize=256)
def _level(text: str) -> int | None:
    return parse_level(text)


@functools.lru_cache(maxsize=64)
def _formality(text: str) -> bool | None:
    return parse_formality(text)


_LEVEL_NAMES = {match_key(str(label)): value for value, label in Level.choices}


def _level_of(context: Context, text: str) -> int | None:
    level = _level(text)
    if level is None and text.strip():
        candidates = (
            _LEVEL_NAMES
            | {match_key(name): i for i, name in enumerate(LEVELS)}
            | {str(i): i for i in range(6)}
        )
        level = context.values.match("level", text, candidates, lambda i: (str(i), str(Level(i).label)))
    return level


def _role(context: Context, text: str) -> str | None:
    role = parse_role(text)
    if role is None and text.strip():
        candidates = {match_key(str(label)): value for value, label in MembershipRole.choices} | {
            match_key(value): value for value in MembershipRole.values
        }
        role = context.values.match("role", text, candidates, lambda r: (r, str(MembershipRole(r).label)))
    return role


def _agreement(
    record: dict[str, str], formal: bool, problems: list[str]
) -> tuple[str | None, datetime.date | None]:
    """The kind of agreement and the date it ends, each allowed on a formal tie only; problems are added."""
    agreement = (
        AGREEMENTS.get(match_key(record.get("agreement_kind", "")), None)
        if record.get("agreement_kind")
        else ""
    )
    if agreement is None:
        problems.append(
            _("Unknown kind of agreement “%(value)s”.") % {"value": record["agreement_kind"][:40]}
        )
    elif problem := agreement_problem(Formality.FORMAL if formal else Formality.INFORMAL, agreement):
        problems.append(problem)
    text = record.get("agreement_ends_on", "").strip()
    ends_on = parse_date(text) if text else None
    if text and ends_on is None:
        problems.append(_("“%(value)s” is not a date (2024-03-31 or 31/03/2024).") % {"value": text[:40]})
    elif ends_on is not None and not formal:
        problems.append(_("Only a formal tie has an agreement that ends."))
    return agreement, ends_on


def _observation(context: Context, record: dict[str, str]) -> tuple[Observation | None, list[str]]:
    problems: list[str] = []
    level = _level_of(context, record.get("level", ""))
    if level is None:
        problems.append(
            _("Unknown level “%(level)s” (0–5 or a name of the scale).")
            % {"level": record.get("level", "")[:40]}
            + context.proposed("level", record.get("level", ""))
        )
    formal = _formality(record.get("formality") or "informal")
    if formal is None:
        problems.append(_("Unknown formality “%(value)s”.") % {"value": record["formality"][:40]})
    observed_on = parse_date(record.get("date", ""))
    if observed_on is None:
        problems.append(
            _("“%(value)s” is not a date (2024-03-31 or 31/03/2024).")
            % {"value": record.get("date", "")[:40]}
        )
    agreement, ends_on = _agreement(record, bool(formal), problems)
    flows = {name: parse_flag(record[name]) if name in record else False for name in FLOWS}
    for name, value in flows.items():
        if value is None:
            problems.append(
                _("“%(value)s” is not yes or no (%(field)s).") % {"value": record[name][:20], "field": name}
            )
    if len(record.get("note", "")) > 500:
        problems.append(_("The note is longer than 500 characters."))
    if problems or level is None or observed_on is None:
        return None, problems
    return Observation(
        observed_on=observed_on,
        level=level,
        formality=Formality.FORMAL if formal else Formality.INFORMAL,
        agreement_kind=agreement or "",
        agreement_ends_on=ends_on,
        note=record.get("note", ""),
        **{name: bool(value) for name, value in flows.items()},
    ), []


def check_ties(
    plan: Plan, context: Context, records: Records, resolved: dict[str, Organization] | None = None
) -> None:
    """Ties and their observations; `resolved` maps a graph's node ids to organizations."""
    seen: dict[tuple[int, int, object], int] = {}
    for line, record in records:
        ends = []
        problems: list[str] = []
        for side in ("source", "target"):
            text = record.get(side, "")
            found, problem = (
                (resolved[text], "")
                if resolved and text in resolved
                else context.find(text)
                if text
                else (None, "")
            )
            if found is None:
                problem = problem or _("Unknown organization “%(name)s”.") % {"name": text[:100]}
                problems.append(problem)
            ends.append(found)
        first, second = ends
        names = [
            context.label(end) if end else record.get(side, "")[:100]
            for end, side in zip(ends, ("source", "target"), strict=True)
        ]
        label = " — ".join(names)
        if first is not None and first is second:
            problems.append(_("An organization cannot have a tie with itself."))
        observation, more = _observation(context, record)
        problems += more
        if not problems and observation is not None:
            low, high = sorted((id(first), id(second)))
            key = (low, high, observation.observed_on)
            if key in seen:
                problems.append(
                    _("This pair is already observed on this date on line %(line)s.") % {"line": seen[key]}
                )
            else:
                seen[key] = line
        if problems or observation is None or first is None or second is None:
            plan.add(line, ERROR, label, " ".join(problems))
            continue
        _plan_observation(plan, context, line, label, first, second, observation)


def _plan_observation(
    plan: Plan,
    context: Context,
    line: int,
    label: str,
    first: Organization,
    second: Organization,
    observation: Observation,
) -> None:
    existing = None
    if first.pk and second.pk:
        existing = context.ties.get((min(first.pk, second.pk), max(first.pk, second.pk)))
    if existing is None:
        low, high = sorted((id(first), id(second)))
        pair = (low, high)
        tie = plan.new_ties.get(pair)
        if tie is None:
            tie = NewTie(first, second)
            plan.new_ties[pair] = tie
            plan.add(line, CREATED, label)
        else:
            plan.add(line, UPDATED, label, _("Another observation of a tie created above."))
        plan.observations.append((tie, observation))
        return
    before = context.observed.get((existing.pk, observation.observed_on))
    if before == (observation.level, observation.formality):
        plan.add(line, UNCHANGED, label)
        return
    plan.observations.append((existing, observation))
    context.observed[(existing.pk, observation.observed_on)] = (observation.level, observation.formality)
    plan.add(
        line,
        UPDATED,
        label,
        _("New observation: %(level)s on %(date)s.")
        % {"level": Level(observation.level).label, "date": observation.observed_on.isoformat()},
    )
