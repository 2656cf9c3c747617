"""From a file to a checked plan: the one entry point the CLI, the web task and the bench share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from maillage.exchange.checks import check_memberships, check_organizations, check_ties
from maillage.exchange.codes import reinterpret_ids
from maillage.exchange.headers import known_header, map_headers, missing_fields
from maillage.exchange.models import ImportKind
from maillage.exchange.plan import Context, Plan
from maillage.exchange.reading import ReadError, read_sheet
from maillage.exchange.values import ValueMatcher, remembered_values
from maillage.networks.models import Network

PROGRESS_EVERY = 5000
TABULAR = {ImportKind.ORGANIZATIONS, ImportKind.MEMBERSHIPS, ImportKind.TIES}


class NeedsMapping(Exception):
    """Some headers are unknown, or a required field has no column: a person must say what they mean."""

    def __init__(self, headers: list[str], unknown: list[str], missing: list[str]) -> None:
        super().__init__(", ".join(unknown + missing))
        self.headers, self.unknown, self.missing = headers, unknown, missing


@dataclass
class Options:
    """What a graph or HSDS import needs besides the file (attribute mapping, default sector)."""

    chosen: dict[str, str] = field(default_factory=dict)
    # Answers for unknown values: field (sector, territory, level, role) -> {value as written: code}.
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    accept_suggestions: bool = False  # take every proposed match for an unknown value
    # Refuse a file with unknown columns (True) or ignore them with a note in the report (False).
    strict_headers: bool = False
    progress: Callable[[int, int], None] | None = None  # (rows checked, rows) every PROGRESS_EVERY rows


def _records(rows: list[tuple[int, list[str]]], columns: dict[int, str], progress) -> Iterator:
    for count, (line, cells) in enumerate(rows, start=1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, len(rows))
        yield line, {name: cells[index] for index, name in columns.items() if cells[index]}


def headers_of(kind: str, raw: bytes) -> list[str]:
    return read_sheet(raw, lambda header: known_header(kind, header)).headers


def prepare(
    kind: str, raw: bytes, network: Network | None, user=None, options: Options | None = None
) -> Plan:
    """Read and check a whole file; raises ReadError (unreadable) or NeedsMapping (unknown headers)."""
    options = options or Options()
    plan = Plan(kind=kind, network=network)
    if kind not in TABULAR | {ImportKind.HSDS, ImportKind.GRAPHML, ImportKind.GEXF}:
        raise ReadError(_("Unknown kind of import."))
    _check(kind, raw, plan, lambda: _context(network, user, options), options)
    return plan


def _context(network: Network | None, user, options: Options) -> Context:
    context = Context(network, user)
    answers = remembered_values(network.pk if network else None)
    for field_name, values in options.values.items():
        answers.setdefault(field_name, {}).update(values)
    context.values = ValueMatcher(answers, accept=options.accept_suggestions)
    return context


def _check(kind: str, raw: bytes, plan: Plan, make_context, options: Options) -> None:
    network = plan.network
    if kind == ImportKind.HSDS:
        from maillage.exchange.hsds import check_hsds

        context = make_context()
        check_hsds(plan, context, raw)
        plan.unknown_values = context.values.report()
        return
    if kind in {ImportKind.GRAPHML, ImportKind.GEXF}:
        from maillage.exchange.graphs import check_graph

        context = make_context()
        check_graph(plan, context, raw, kind, options.chosen)
        plan.unknown_values = context.values.report()
        return
    sheet = read_sheet(raw, lambda header: known_header(kind, header))
    columns, unknown = map_headers(kind, sheet.headers, options.chosen, network.pk if network else None)
    missing = missing_fields(kind, columns)
    if missing or (unknown and options.strict_headers):
        raise NeedsMapping(sheet.headers, unknown, missing)
    if unknown:
        plan.notes.append(
            _("Columns not used (ignored): %(columns)s.")
            % {"columns": ", ".join(h[:60] for h in unknown[:20])}
        )
    records = _records(sheet.rows, columns, options.progress)
    context = make_context()
    if kind == ImportKind.ORGANIZATIONS:
        check_organizations(plan, context, reinterpret_ids(list(records), context, plan))
    elif kind == ImportKind.MEMBERSHIPS:
        check_memberships(plan, context, records)
    else:
        check_ties(plan, context, records)
    plan.unknown_values = context.values.report()
