"""The eight impact measures in the report: the baseline, every follow-up wave, and the change between them.

A baseline report exists to be compared with: each measure is shown for the network's first wave (its
baseline) and for each later wave up to the end of the report's period, as the distribution of the answers
(not only their mean) with the number of respondents, and the change from the baseline to the latest wave.
For several networks, the baseline column pools each network's first wave and the latest column each
network's latest wave. The wording is `surveys.impact`'s, the one wording of the measures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from maillage.directory.i18n import pick_language
from maillage.formatting import day
from maillage.observatory import Scope, charts
from maillage.surveys.builtin import PROGRESS_SCALE
from maillage.surveys.impact import IMPACT_MEASURES, ImpactMeasure
from maillage.surveys.models import Question, QuestionKind, Response, Wave, WaveKind, WaveStatus
from maillage.surveys.results import submitted_responses, summarise

MAX_FOLLOW_UPS = 4  # the baseline and the four latest follow-ups: a page stays readable
HIGH = ("4", "5")  # "substantial" and "very substantial" progress


@dataclass
class Column:
    label: str
    date: datetime.date | None
    responses: list[Response]


@dataclass
class Cell:
    label: str
    answered: int
    mean: float | None
    shares: list[float]  # percent of the answers at each point of the scale, 1 to 5
    mean_display: str = ""
    shares_display: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Written now, in the report's language (number formats differ between French and English).
        self.mean_display = "—" if self.mean is None else decimal(self.mean, 1)
        self.shares_display = [f"{decimal(p, 0)} %" for p in self.shares]

    @property
    def high_share(self) -> float:
        return sum(self.shares[int(v) - 1] for v in HIGH)


@dataclass
class MeasureRow:
    measure: ImpactMeasure
    text: str = ""
    cells: list[Cell] = field(default_factory=list)
    change: str = "—"  # change of the mean from the first column to the last (points on the 1–5 scale)
    high_change: str = "—"  # change of the share of "substantial" or better, in percentage points

    def compare(self) -> None:
        """Write the changes from the first column to the last, in the active language."""
        self.text = self.measure.text
        if len(self.cells) < 2:
            return
        first, last = self.cells[0], self.cells[-1]
        if first.mean is not None and last.mean is not None:
            self.change = signed(last.mean - first.mean, 1)
        if first.answered and last.answered:
            self.high_change = _("%(points)s pts") % {"points": signed(last.high_share - first.high_share, 0)}


def decimal(value: float, decimals: int) -> str:
    # Django's number_format cuts extra decimals off; round first so 2.17 reads 2.2.
    return number_format(round(value, decimals), decimals)


def signed(value: float, decimals: int) -> str:
    if round(value, decimals) == 0:
        return decimal(0, decimals)
    return f"+{decimal(value, decimals)}" if value > 0 else f"−{decimal(abs(value), decimals)}"


def network_waves(scope: Scope, end: datetime.date) -> dict[int, list[Wave]]:
    """Each network's waves (open or closed) on or before `end`, oldest first."""
    waves = (
        Wave.objects.filter(network__in=scope.networks, date__lte=end)
        .exclude(status=WaveStatus.DRAFT)
        .select_related("network")
        .order_by("date", "id")
    )
    found: dict[int, list[Wave]] = {}
    for wave in waves:
        found.setdefault(wave.network_id, []).append(wave)
    return found


def columns_for(waves_by_network: dict[int, list[Wave]]) -> list[Column]:
    """One column per wave for one network; baseline and latest pooled for several."""
    if not waves_by_network:
        return []
    if len(waves_by_network) == 1:
        waves = next(iter(waves_by_network.values()))
        shown = waves[:1] + waves[1:][-MAX_FOLLOW_UPS:]
        return [Column(wave_label(w), w.date, submitted_responses(w)) for w in shown]
    firsts = [waves[0] for waves in waves_by_network.values()]
    lasts = [waves[-1] for waves in waves_by_network.values() if len(waves) > 1]
    columns = [Column(_("Baseline"), None, [r for w in firsts for r in submitted_responses(w)])]
    if lasts:
        columns.append(
            Column(_("Latest follow-up"), None, [r for w in lasts for r in submitted_responses(w)])
        )
    return columns


def wave_label(wave: Wave) -> str:
    kind = _("Baseline") if wave.kind == WaveKind.BASELINE else _("Follow-up")
    return f"{kind} {day(wave.date)}"


def measure_rows(columns: list[Column]) -> list[MeasureRow]:
    questions = list(
        Question.objects.filter(instrument__kind="impact", kind=QuestionKind.SCALE).select_related(
            "instrument"
        )
    )
    by_code = {q.code: q for q in questions}
    rows = [MeasureRow(m) for m in IMPACT_MEASURES if m.code in by_code]
    for column in columns:
        summaries = {s.question.code: s for s in summarise(questions, column.responses)}
        for row in rows:
            summary = summaries[row.measure.code]
            shares = [p.percent for p in summary.points]
            row.cells.append(Cell(column.label, summary.answered, summary.mean, shares))
    for row in rows:
        row.compare()
    return rows


def impact_measures(scope: Scope, end: datetime.date) -> dict[str, Any]:
    """The measures section's data: columns (waves), one row per measure, and the scale's labels."""
    columns = [c for c in columns_for(network_waves(scope, end)) if c.responses]
    rows = measure_rows(columns) if columns else []
    if not any(cell.answered for row in rows for cell in row.cells):
        columns, rows = [], []
    return {
        "columns": columns,
        "rows": rows,
        "scale": [label for _code, label in scale_labels()],
        "compared": len(columns) > 1,
    }


def scale_labels() -> list[tuple[str, str]]:

    return [(code, pick_language(fr, en)) for code, fr, en in PROGRESS_SCALE]


def distribution_chart(section: dict[str, Any]) -> charts.Chart | None:
    """Each measure's answers, wave after wave, as stacked bars of shares (one Vega-Lite spec)."""
    if not section["rows"]:
        return None
    labels = section["scale"]
    values = []
    for row in section["rows"]:
        for column, cell in zip(section["columns"], row.cells, strict=True):
            for point, share in enumerate(cell.shares):
                values.append(
                    {
                        "measure": f"{row.measure.number}. {row.measure.short}",
                        "wave": column.label,
                        "answer": labels[point],
                        "order": point,
                        "percent": round(share, 1),
                    }
                )
    title = _("The eight impact measures, wave after wave")
    description = _(
        "Share of the partners' answers at each point of the scale, from no progress to very substantial "
        "progress: for each measure, one bar per wave, the baseline first."
    )
    spec = charts.chart_base(title, description, values) | {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {
                "field": "measure",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 220},
            },
            "yOffset": {"field": "wave", "type": "nominal", "sort": None, "title": _("Wave")},
            # Normalised: rounded shares that add up to 100.2 no longer push a bar past the axis's end.
            "x": {
                "field": "percent",
                "type": "quantitative",
                "stack": "normalize",
                "title": _("Share of answers (%)"),
                "axis": {"format": "%"},
            },
            "color": {
                "field": "answer",
                "type": "ordinal",
                "title": _("Progress"),
                "scale": {"domain": labels, "scheme": "blues"},
                "sort": labels,
            },
            "order": {"field": "order", "type": "quantitative"},
        },
    }
    rows = [[v["measure"], v["wave"], v["answer"], v["percent"]] for v in values if v["percent"]]
    columns = [_("Measure"), _("Wave"), _("Progress"), _("Share of answers (%)")]
    return charts.Chart("impact", title, description, spec, columns, rows)


def influence(sections: dict[str, Any]) -> dict[str, Any] | None:
    """Effect: widening its influence — ties gained and strengthened, partners who joined, measure 1."""
    partners = sections.get("partners") or {}
    change = (sections.get("progress") or {}).get("change")
    rows = [r for r in sections["impact"]["rows"] if r.measure.code == "partnership_growth"]
    growth = rows[0] if rows and rows[0].cells[-1].answered else None
    joined = len(partners["joined"]) if partners.get("has_change") else None
    if growth is None and change is None:
        return None
    return {
        "gained": change.gained if change is not None else None,
        "stronger": change.strengthened if change is not None else None,
        "joined": joined,
        "sectors": len({o.sector for o in partners.get("joined", [])}),
        "growth": growth,
        "share": f"{decimal(growth.cells[-1].high_share, 0)} %" if growth else "",
    }


def level_definitions() -> list[tuple[str, str]]:
    """The collaboration scale of Frey et al. (2006): the development stages of a partnership."""
    labels = charts.level_labels()
    return [
        (labels["networking"], _("Aware of each other, loosely defined roles, little communication.")),
        (labels["cooperation"], _("Share information, somewhat defined roles, formal communication.")),
        (labels["coordination"], _("Share information and resources, defined roles, some joint decisions.")),
        (labels["coalition"], _("Share ideas and resources, frequent communication, everyone has a vote.")),
        (labels["collaboration"], _("Belong to one system, trust, consensus on every decision.")),
    ]
