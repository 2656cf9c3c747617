"""``maillage analyze``: the network report from CSV files, as a table or JSON.

Examples
--------
::

    maillage analyze --ties liens.csv --organizations organisations.csv --as-of 2024-03-31 \\
        --compare-to 2023-03-31 --scenario formal-ties --scenario sector:cisss --format table --lang fr

Exit codes: 0 done, 2 bad input (nothing is computed on half the data), 1 analysis failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .csvio import organizations_for, read_table, resolve_names, unknown_columns
from .errors import AnalysisError, InputError
from .inputs import load_dataset
from .measures import MEASURES, measure_values
from .network import NetworkMetrics
from .report import DEFAULT_SCENARIOS, NetworkReport, report_from_dataset
from .resilience import parse_scenario
from .results import to_json_text
from .vocabulary import level_name

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Rapport de réseau",
        "as_of": "en date du",
        "all_dates": "toutes dates",
        "measures": "Mesures clés",
        "network": "Réseau",
        "organizations": "Organisations",
        "ties": "Liens",
        "density": "Densité",
        "mean_degree": "Degré moyen",
        "degree_centralization": "Centralisation (degré)",
        "components": "Composantes",
        "largest_component_share": "Part de la plus grande composante",
        "transitivity": "Transitivité",
        "average_path_length": "Longueur moyenne des chemins",
        "sampled": "échantillon de {k} sources",
        "exact": "exacte",
        "reciprocity": "Réciprocité (évaluations)",
        "communities": "Communautés (Leiden)",
        "modularity": "Modularité",
        "formal_share": "Part des liens formels",
        "levels": "Liens par niveau",
        "mix": "Mixité intersectorielle",
        "ei_index": "Indice E-I (secteurs)",
        "top": "Organisations les plus centrales (intermédiarité)",
        "betweenness_note": "intermédiarité estimée sur {k} sources, erreur ≤ {e:.3f} (95 %)",
        "ratings": "Confiance et valeur",
        "trust": "Confiance (% du maximum)",
        "value": "Valeur (% du maximum)",
        "connectivity": "Connectivité relative (%)",
        "change": "Évolution des partenariats",
        "gained": "gagnés",
        "lost": "perdus",
        "strengthened": "renforcés",
        "weakened": "affaiblis",
        "formalized": "formalisés",
        "unchanged": "inchangés",
        "joined": "organisations arrivées",
        "left": "organisations parties",
        "scenarios": "Scénarios de résilience",
        "scenario": "scénario",
        "removed": "retirées",
        "largest": "plus grande comp.",
        "reachability": "accessibilité",
        "cut_off": "coupées",
        "overlap": "Hyperconcertation",
        "heavy": "organisations siégeant à {k} espaces ou plus",
        "pairs": "paires de réseaux qui se chevauchent",
        "none": "aucune donnée",
    },
    "en": {
        "title": "Network report",
        "as_of": "as of",
        "all_dates": "all dates",
        "measures": "Headline measures",
        "network": "Network",
        "organizations": "Organizations",
        "ties": "Ties",
        "density": "Density",
        "mean_degree": "Mean degree",
        "degree_centralization": "Degree centralization",
        "components": "Components",
        "largest_component_share": "Largest component share",
        "transitivity": "Transitivity",
        "average_path_length": "Average path length",
        "sampled": "sample of {k} sources",
        "exact": "exact",
        "reciprocity": "Reciprocity (ratings)",
        "communities": "Communities (Leiden)",
        "modularity": "Modularity",
        "formal_share": "Share of formal ties",
        "levels": "Ties by level",
        "mix": "Intersectoral mix",
        "ei_index": "E-I index (sectors)",
        "top": "Most central organizations (betweenness)",
        "betweenness_note": "betweenness estimated from {k} sources, error ≤ {e:.3f} (95%)",
        "ratings": "Trust and value",
        "trust": "Trust (% of maximum)",
        "value": "Value (% of maximum)",
        "connectivity": "Relative connectivity (%)",
        "change": "Progress of partnerships",
        "gained": "gained",
        "lost": "lost",
        "strengthened": "strengthened",
        "weakened": "weakened",
        "formalized": "formalized",
        "unchanged": "unchanged",
        "joined": "organizations joined",
        "left": "organizations left",
        "scenarios": "Resilience scenarios",
        "scenario": "scenario",
        "removed": "removed",
        "largest": "largest comp.",
        "reachability": "reachability",
        "cut_off": "cut off",
        "overlap": "Hyperconcertation",
        "heavy": "organizations on {k} or more spaces",
        "pairs": "overlapping network pairs",
        "none": "no data",
    },
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``maillage analyze``."""
    parser = argparse.ArgumentParser(
        prog="maillage analyze",
        description="Network report from CSV or Excel files "
        "(French or English headers, ';' or ',', UTF-8 or Windows-1252), read as `maillage import` "
        "reads them.",
    )
    parser.add_argument("--ties", required=True, help="tie observations CSV (source, target, level, …)")
    parser.add_argument(
        "--organizations",
        help="organizations CSV or XLSX (id, name, sector, …); without it, the ties name the organizations",
    )
    parser.add_argument("--memberships", help="memberships CSV (organization, network, role, start, end)")
    parser.add_argument("--networks", help="networks CSV (id, territory, themes, populations)")
    parser.add_argument("--as-of", help="snapshot date (YYYY-MM-DD or DD/MM/YYYY)")
    parser.add_argument("--compare-to", help="earlier date: report the change since then")
    parser.add_argument("--network", help="only this network's ties and members")
    parser.add_argument("--sector", action="append", help="only organizations of this sector (repeatable)")
    parser.add_argument(
        "--territory", action="append", help="only organizations of this territory (repeatable)"
    )
    parser.add_argument("--min-level", help="drop ties below this level")
    parser.add_argument("--formality", choices=["formal", "informal", "formel", "informel"])
    parser.add_argument(
        "--scenario", action="append",
        help="resilience scenario: formal-ties | sector:SECTOR | top:K[:betweenness] | random:FRACTION "
        "(repeatable)",
    )  # fmt: skip
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--lang", choices=["fr", "en"], default="fr", help="language of the table labels")
    parser.add_argument("--seed", type=int, default=0, help="seed of every random step (default 0)")
    parser.add_argument("--top", type=int, default=10, help="organizations listed in the table format")
    parser.add_argument("--no-curve", action="store_true", help="skip the removal curve")
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run ``maillage analyze`` with ``argv`` (without the program name); return the exit code.

    Examples
    --------
    >>> main(["--ties", "missing.csv", "--organizations", "missing.csv"], stderr=sys.stdout)
    maillage analyze: error: organizations: cannot read missing.csv: No such file or directory
    2
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        scenarios = [parse_scenario(s) for s in args.scenario] if args.scenario else list(DEFAULT_SCENARIOS)
        organizations, ties, memberships, networks = _read_tables(args, err)
        dataset = load_dataset(organizations, ties, memberships, networks, row_kind="line")
        report = report_from_dataset(
            dataset, as_of=args.as_of, compare_to=args.compare_to, network=args.network,
            sectors=args.sector, territories=args.territory, min_level=args.min_level,
            formality=args.formality, scenarios=scenarios, curve=not args.no_curve, seed=args.seed,
        )  # fmt: skip
    except InputError as error:
        print(f"maillage analyze: error: {error}", file=err)
        return 2
    except AnalysisError as error:
        print(f"maillage analyze: analysis failed: {error}", file=err)
        return 1
    if args.format == "json":
        # The catalogue's measures first (the codes every page and the API use), then the whole report.
        measures = to_json_text(measure_values(report))
        out.write('{"measures": ' + measures + ", " + report.to_json()[1:] + "\n")
    else:
        out.write(format_table(report, lang=args.lang, top=args.top))
    return 0


def _read_tables(args: argparse.Namespace, err: TextIO) -> tuple[Any, Any, Any, Any]:
    """Read the files; warn about the columns that mean nothing; let ties name organizations freely."""
    tables: dict[str, Any] = {}
    for table, path in (("organizations", args.organizations), ("ties", args.ties),
                        ("memberships", args.memberships), ("networks", args.networks)):  # fmt: skip
        if not path:
            tables[table] = None
            continue
        tables[table] = read_table(path, table)
        for column in unknown_columns(tables[table], table):
            print(f"maillage analyze: warning: {table}: column {column!r} is not used", file=err)
    organizations = organizations_for(tables["organizations"], tables["ties"])
    ties = resolve_names(organizations, tables["ties"], ("source", "target"))
    memberships = tables["memberships"]
    if memberships is not None:
        memberships = resolve_names(organizations, memberships, ("organization",))
    return organizations, ties, memberships, tables["networks"]


def _number(value: Any, digits: int = 3) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def format_table(report: NetworkReport, *, lang: str = "fr", top: int = 10) -> str:
    """Render the report as plain-text tables with labels in ``lang`` (``fr`` or ``en``)."""
    t = LABELS[lang]
    net = report.network
    lines: list[str] = []

    def section(title: str) -> None:
        lines.extend(["", title, "-" * len(title)])

    def row(label: str, value: Any) -> None:
        lines.append(f"  {label:<42} {value}")

    lines.append(
        f"{t['title']} — {t['as_of']} {report.as_of}" if report.as_of else f"{t['title']} — {t['all_dates']}"
    )
    section(t["measures"])
    for code, value in measure_values(report).items():
        row(MEASURES[code].label[lang], MEASURES[code].format(value, lang))
    section(t["network"])
    for label, value in _network_rows(t, net):
        row(label, value)
    section(t["levels"])
    for level, count in net.level_distribution.items():
        row(level_name(level, "fr").lower() if lang == "fr" else level, count)
    section(t["mix"])
    row(MEASURES["cross_family_share"].label[lang], _number(report.mix.cross_family_share))
    row(MEASURES["cross_sector_share"].label[lang], _number(report.mix.cross_sector_share))
    row(t["ei_index"], _number(report.mix.ei_index))
    for record in report.mix.ei_by_sector.itertuples(index=False):
        row(f"  E-I {record.sector}", _number(record.ei_index))
    section(t["top"])
    lines.extend(_top_lines(t, report, top))
    if report.ratings is not None:
        section(t["ratings"])
        row(t["trust"], _number(report.ratings.network_trust_percent, 1))
        row(t["value"], _number(report.ratings.network_value_percent, 1))
        row(t["connectivity"], _number(report.ratings.network_relative_connectivity, 1))
    if report.change is not None:
        change = report.change
        section(f"{t['change']} ({change.before or '…'} → {change.after or t['all_dates']})")
        for key in ("gained", "lost", "strengthened", "weakened", "formalized", "unchanged"):
            row(t[key], getattr(change, key))
        row(t["joined"], len(change.joined))
        row(t["left"], len(change.left))
    if report.scenarios:
        section(t["scenarios"])
        lines.append(f"  {t['scenario']:<24} {t['removed']:>8} {t['largest']:>18} {t['reachability']:>13} "
                     f"{t['cut_off']:>8}")  # fmt: skip
        for result in report.scenarios:
            lines.append(
                f"  {result.scenario:<24} {result.removed_organizations:>8} "
                f"{result.largest_component_share:>18.3f} {result.mean_reachability:>13.3f} "
                f"{len(result.cut_off):>8}"
            )
    if report.overlap is not None:
        section(t["overlap"])
        row(t["heavy"].format(k=report.parameters["min_spaces"]), len(report.overlap.load))
        row(t["pairs"], len(report.overlap.overlapping_networks))
    return "\n".join(lines) + "\n"


def _network_rows(t: dict[str, str], net: NetworkMetrics) -> list[tuple[str, Any]]:
    """The network section of the table: size, cohesion, paths, communities, formality."""
    how = t["exact"] if net.path_length_exact else t["sampled"].format(k=net.path_length_sample_size)
    return [
        (t["organizations"], net.organizations),
        (t["ties"], net.ties),
        (t["density"], _number(net.density, 4)),
        (t["mean_degree"], _number(net.mean_degree, 2)),
        (t["degree_centralization"], _number(net.degree_centralization)),
        (t["components"], net.components),
        (t["largest_component_share"], _number(net.largest_component_share)),
        (t["transitivity"], _number(net.transitivity)),
        (t["average_path_length"], f"{_number(net.average_path_length, 2)} ({how})"),
        (t["reciprocity"], _number(net.reciprocity)),
        (t["communities"], net.communities),
        (t["modularity"], _number(net.modularity)),
        (t["formal_share"], _number(net.formal_share)),
    ]


def _top_lines(t: dict[str, str], report: NetworkReport, top: int) -> list[str]:
    """The `top` organizations by betweenness, after a note when betweenness was sampled."""
    lines: list[str] = []
    central = report.centrality
    if not central.betweenness_exact:
        lines.append(
            "  "
            + t["betweenness_note"].format(
                k=central.betweenness_sample_size, e=central.betweenness_error_bound or 0.0
            )
        )
    ranked = report.organizations.sort_values(["betweenness", "degree"], ascending=False).head(top)
    for record in ranked.itertuples(index=False):
        lines.append(f"  {str(record.name)[:40]:<40} {str(record.sector)[:18]:<18} "
                     f"deg={record.degree:<5} btw={record.betweenness:.4f}")  # fmt: skip
    return lines
