"""The data behind the reports as tables: CSV files in a zip, or one XLSX workbook with a README sheet.

Each table comes with a description of its columns (the README), so a funder or a researcher opening the
file in a spreadsheet knows what every column means without reading the code.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from maillage.analysis import headline_figures
from maillage.cells import inert
from maillage.directory.models import Organization
from maillage.indicators.models import DataValue
from maillage.networks.models import Membership, Network
from maillage.observatory import MEASURES, dataset_for, label, measure_values, observation_dates
from maillage.reports.exports.disclosure import AGGREGATES_ONLY, Disclosure
from maillage.surveys.models import Question, QuestionKind, QuestionScope, Response
from maillage.ties.models import LEVEL_CODES, TieObservation


@dataclass
class Table:
    name: str
    description: str
    columns: list[tuple[str, str]]  # (column, meaning)
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [name for name, _meaning in self.columns]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return inert(value)


def export_tables(networks: QuerySet[Network], disclosure: Disclosure = AGGREGATES_ONLY) -> list[Table]:
    """Every table of these networks: organizations, networks, memberships, ties, answers, indicators.

    Answers come as counts (`survey_summary`) for every reader, and one row per organization's answer
    (`survey_results`) only for the networks whose details `disclosure` opens (see disclosure.py).
    """
    memberships = Membership.objects.filter(network__in=networks)
    observations = TieObservation.objects.filter(tie__network__in=networks)
    ids = set(memberships.values_list("organization_id", flat=True))
    ids |= set(observations.values_list("tie__organization_a_id", flat=True))
    ids |= set(observations.values_list("tie__organization_b_id", flat=True))
    tables = [
        _organizations(Organization.objects.filter(pk__in=ids)),
        _networks(networks),
        _memberships(memberships),
        _ties(observations),
        _measures(networks),
        _survey_summary(networks),
    ]
    if disclosure.detailed:
        tables.append(_survey_results(networks.filter(pk__in=disclosure.detailed)))
    tables.append(_indicator_values(networks))
    resources = _resources(networks)
    if resources is not None:
        tables.append(resources)
    return tables


def _measures(networks: QuerySet[Network]) -> Table:
    """The headline measures of the catalogue at each observation date: the numbers the pages show."""
    table = Table(
        "measures",
        "Headline measures at each observation date (docs/metrics.md, the catalogue of measures).",
        [
            ("date", "Observation date (YYYY-MM-DD)"),
            ("code", "The measure's code in the catalogue"),
            ("label", "The measure's name"),
            ("value", "Counts as numbers; shares from 0 to 1; empty when there is no data"),
        ],
    )
    dataset = dataset_for(networks)
    for day in observation_dates(dataset):
        for code, value in measure_values(headline_figures(dataset, as_of=day)).items():
            table.rows.append([day, code, label(MEASURES[code]), value])
    return table


def _organizations(queryset: QuerySet[Organization]) -> Table:
    rows = queryset.order_by("pk").values_list(
        "pk", "name_fr", "name_en", "acronym", "sector__code", "sector__family", "territory__code",
        "languages", "website", "active",
    )  # fmt: skip
    return Table(
        "organizations",
        "Partner organizations: members of the networks and everyone their ties reach.",
        [
            ("id", "Maillage identifier of the organization"),
            ("name_fr", "Name in French"),
            ("name_en", "Name in English"),
            ("acronym", "Acronym"),
            ("sector", "Sector code (see the sector list in the directory)"),
            ("sector_family", "Family of the sector: public, community, private or other"),
            ("territory", "Code of the territory where it is located"),
            ("languages", "Languages of service, separated by |"),
            ("website", "Web site"),
            ("active", "Whether the organization is still active"),
        ],
        [list(r) for r in rows],
    )


def _networks(networks: QuerySet[Network]) -> Table:
    rows = networks.order_by("pk").values_list(
        "pk", "name_fr", "name_en", "kind", "scale", "territory__code", "lead_organization_id", "dynamic",
        "funding", "problem_origin", "actions", "start_date", "end_date",
    )  # fmt: skip
    return Table(
        "networks",
        "Networks (concertation spaces).",
        [
            ("id", "Maillage identifier of the network"),
            ("name_fr", "Name in French"),
            ("name_en", "Name in English"),
            ("kind", "rls, neighbourhood_table, community_partnership, thematic_table or crisis_cell"),
            ("scale", "local, regional or national"),
            ("territory", "Code of its territory"),
            ("lead_organization", "Identifier of the lead organization"),
            ("dynamic", "prescription (top-down), negotiation (bottom-up) or mixed"),
            ("funding", "funder (coordinated funding) or pieced (none or pieced together)"),
            ("problem_origin", "funder (set by the funder) or field (from the field's reflection)"),
            ("actions", "in_advance (decided in advance) or negotiated"),
            ("start_date", "Start date (YYYY-MM-DD)"),
            ("end_date", "End date (YYYY-MM-DD)"),
        ],
        [list(r) for r in rows],
    )


def _memberships(memberships: QuerySet[Membership]) -> Table:
    rows = memberships.order_by("network_id", "organization_id").values_list(
        "network_id", "organization_id", "role", "start_date", "end_date"
    )
    return Table(
        "memberships",
        "Which organization sits in which network.",
        [
            ("network", "Network identifier"),
            ("organization", "Organization identifier"),
            ("role", "lead, coordinator, member or observer"),
            ("start_date", "Date it joined"),
            ("end_date", "Date it left (empty: still a member)"),
        ],
        [list(r) for r in rows],
    )


def _ties(observations: QuerySet[TieObservation]) -> Table:
    rows = observations.order_by("tie_id", "observed_on", "pk").values_list(
        "tie_id", "tie__network_id", "tie__organization_a_id", "tie__organization_b_id", "observed_on",
        "level", "formality", "agreement_kind", "agreement_ends_on", "referrals", "information", "resources",
        "joint_projects", "source",
    )  # fmt: skip
    return Table(
        "ties",
        "Ties between organizations, one row per dated observation (every change is kept).",
        [
            ("tie", "Tie identifier (one per pair of organizations and network)"),
            ("network", "Network identifier"),
            ("organization_a", "First organization"),
            ("organization_b", "Second organization"),
            ("observed_on", "Date of the observation"),
            ("level", "0 none, 1 networking, 2 cooperation, 3 coordination, 4 coalition, 5 collaboration"),
            ("level_name", "The level's name (Frey et al., 2006)"),
            ("formality", "formal or informal"),
            ("agreement_kind", "agreement, contract, mou, service_corridor or other"),
            ("agreement_ends_on", "Date a formal agreement ends (empty: none known)"),
            ("referrals", "Referrals flow through the tie"),
            ("information", "Information flows through the tie"),
            ("resources", "Resources are shared"),
            ("joint_projects", "Joint projects"),
            ("source", "manual, survey or import"),
        ],
        [[*r[:6], LEVEL_CODES.get(r[5], ""), *r[6:]] for r in rows],
    )


def _survey_results(networks: QuerySet[Network]) -> Table:
    responses = (
        Response.objects.filter(invitation__wave__network__in=networks, submitted_at__isnull=False)
        .select_related("invitation__wave")
        .order_by("invitation__wave_id", "invitation__organization_id")
    )
    rows = []
    for response in responses:
        wave = response.invitation.wave
        for code, value in sorted(response.answers.items()):
            rows.append(
                [
                    wave.pk,
                    wave.network_id,
                    wave.date,
                    wave.kind,
                    response.invitation.organization_id,
                    code,
                    value,
                ]
            )
    return Table(
        "survey_results",
        "Answers of submitted survey responses (one row per answer). Quotes are not exported.",
        [
            ("wave", "Survey wave identifier"),
            ("network", "Network identifier"),
            ("wave_date", "Date of the wave"),
            ("wave_kind", "baseline or follow_up"),
            ("organization", "Responding organization"),
            ("question", "Question code (stable across wordings)"),
            ("answer", "The answer (choices separated by |)"),
        ],
        rows,
    )


def _survey_summary(networks: QuerySet[Network]) -> Table:
    """What the results page shows everyone: how many responses gave each answer; never free text."""
    counts: dict[tuple[Any, ...], int] = {}
    closed_questions = _closed_questions()
    responses = (
        Response.objects.filter(invitation__wave__network__in=networks, submitted_at__isnull=False)
        .order_by("invitation__wave_id")
        .values_list("invitation__wave_id", "invitation__wave__network_id", "invitation__wave__date",
                     "invitation__wave__kind", "answers")
    )  # fmt: skip
    for wave_id, network_id, date, kind, answers in responses:
        for code, value in (answers or {}).items():
            if code not in closed_questions:
                continue
            for choice in value if isinstance(value, list) else [value]:
                key = (wave_id, network_id, date, kind, code, str(choice))
                counts[key] = counts.get(key, 0) + 1
    return Table(
        "survey_summary",
        "How many submitted responses gave each answer to each closed question (free text is not exported).",
        [
            ("wave", "Survey wave identifier"),
            ("network", "Network identifier"),
            ("wave_date", "Date of the wave"),
            ("wave_kind", "baseline or follow_up"),
            ("question", "Question code (stable across wordings)"),
            ("answer", "One answer (a choice or a point of the scale)"),
            ("responses", "Number of responses that gave this answer"),
        ],
        [
            [*key, count]
            for key, count in sorted(counts.items(), key=lambda item: (item[0][0], item[0][4], item[0][5]))
        ],
    )


def _closed_questions() -> set[str]:
    """Codes of the respondent's questions that are not free text (a code may be reused across waves:
    a code that is free text anywhere counts as free text)."""
    rows = Question.objects.filter(scope=QuestionScope.RESPONDENT).values_list("code", "kind")
    text = {code for code, kind in rows if kind == QuestionKind.TEXT}
    return {code for code, _kind in rows} - text


def _indicator_values(networks: QuerySet[Network]) -> Table:
    rows = (
        DataValue.objects.filter(network__in=networks)
        .order_by("network_id", "element__code", "period")
        .values_list("network_id", "element__code", "period", "value", "origin")
    )
    return Table(
        "indicator_values",
        "Values of the data elements the indicators are computed from, per network and period.",
        [
            ("network", "Network identifier"),
            ("element", "Data element code"),
            ("period", "Period (a year, or a year and quarter)"),
            ("value", "Value"),
            ("origin", "How the value was obtained"),
        ],
        [list(r) for r in rows],
    )


def _resources(networks: QuerySet[Network]) -> Table | None:
    """Every version of every resource line (corrections are new rows; see concertation.resources)."""
    if not apps.is_installed("maillage.concertation"):
        return None
    model = apps.get_model("concertation", "ResourceEntry")
    entries = model.objects.filter(network__in=networks)
    replaced = set(entries.filter(replaces__isnull=False).values_list("replaces_id", flat=True))
    rows = []
    for entry in entries.order_by("network_id", "id"):
        status = "withdrawn" if entry.removed else ("corrected" if entry.pk in replaced else "current")
        rows.append(
            [
                entry.pk, entry.network_id, entry.year, entry.kind, entry.organization_id,
                entry.programme, entry.amount, entry.recurring, entry.fte, entry.replaces_id, status,
                entry.recorded_at.isoformat(),
            ]
        )  # fmt: skip
    return Table(
        "resources",
        "Funding sources, paid staff and in-kind contributions per network and year, every version kept.",
        [
            ("id", "Identifier of this version of the line"),
            ("network", "Network identifier"),
            ("year", "Year"),
            ("kind", "funding, staff or in_kind"),
            ("organization", "Funder or contributor (organization identifier), if any"),
            ("programme", "Programme, role or contribution"),
            ("amount", "Amount in dollars (funding, in-kind value)"),
            ("recurring", "Recurring funding"),
            ("fte", "Paid staff in full-time equivalents"),
            ("replaces", "The version this one corrects, if any"),
            ("status", "current, corrected (a later version replaces it) or withdrawn"),
            ("recorded_at", "When this version was recorded"),
        ],
        rows,
    )


def readme_rows(tables: list[Table]) -> list[list[str]]:
    rows = [["table", "column", "meaning"]]
    for table in tables:
        rows.append([table.name, "", table.description])
        rows += [[table.name, column, meaning] for column, meaning in table.columns]
    return rows


DIALECTS = ("excel-fr", "rfc4180")


def dialect_for(language: str) -> str:
    """French CSV is for French Excel (";", BOM, decimal comma); English CSV follows RFC 4180."""
    return "excel-fr" if (language or "fr").startswith("fr") else "rfc4180"


def _french_number(value: Any) -> Any:
    # French Excel reads "0,25" as a number and "0.25" as text (or a date).
    return str(value).replace(".", ",") if isinstance(value, float) else value


def csv_zip(tables: list[Table], dialect: str = "excel-fr") -> bytes:
    """One UTF-8 CSV per table plus README.csv, in a zip.

    ``excel-fr``: ``;`` between cells, decimal commas and a BOM, so that French Excel opens each file in
    columns with its accents; ``rfc4180``: commas, decimal points, no BOM, for other software.
    """
    french = dialect == "excel-fr"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in [("README", readme_rows(tables))] + [(t.name, [t.header, *t.rows]) for t in tables]:
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";" if french else ",", lineterminator="\r\n")
            cells = [[_cell(v) for v in row] for row in rows]
            writer.writerows([[_french_number(v) for v in row] for row in cells] if french else cells)
            archive.writestr(f"{name}.csv", ("\ufeff" if french else "") + text.getvalue())
    return buffer.getvalue()


def xlsx_workbook(tables: list[Table]) -> bytes:
    """One sheet per table, after a README sheet describing every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    readme = workbook.active
    readme.title = "README"
    for row in readme_rows(tables):
        readme.append(row)
    readme["A1"].font = readme["B1"].font = readme["C1"].font = Font(bold=True)
    readme.column_dimensions["A"].width = 18
    readme.column_dimensions["B"].width = 20
    readme.column_dimensions["C"].width = 80
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
