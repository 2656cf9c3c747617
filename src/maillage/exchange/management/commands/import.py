"""`maillage import FILE --kind …`: check a file row by row, and with --apply write it all or nothing."""

from __future__ import annotations

import io
import sys
import time
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.exchange.actions import do_apply_plan
from maillage.exchange.imports import NeedsMapping, Options, prepare
from maillage.exchange.models import ImportKind
from maillage.exchange.plan import ERROR
from maillage.exchange.reading import ReadError
from maillage.exchange.values import field_of, remember_values
from maillage.networks.models import Network

SHOWN_ROWS = 50


def progress_bar(stream=sys.stderr, width: int = 30):
    """A text progress bar redrawn in place: `bar(done, total)`."""

    def draw(done: int, total: int) -> None:
        filled = int(width * done / total) if total else width
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return draw


def find_network(text: str | None) -> Network | None:
    if not text:
        return None
    from maillage.analysis.vocabulary import match_key

    if text.isdigit() and (network := Network.objects.filter(pk=int(text)).first()):
        return network
    matches = [
        n
        for n in Network.objects.all()
        if match_key(text) in {match_key(n.name_fr), match_key(n.name_en)} - {""}
    ]
    if len(matches) != 1:
        raise CommandError(f"No single network with id or name {text!r}.")
    return matches[0]


def chosen_mapping(kind: str, items: list[str]) -> dict[str, str]:
    """`--map` answers: a spreadsheet's headers are compared folded; a graph's keys (node:name, edge:level,
    default_date) are taken as written, since folding would turn "node:name" into "nodename"."""
    from maillage.analysis.vocabulary import match_key
    from maillage.exchange.headers import FIELDS_BY_KIND

    chosen: dict[str, str] = {}
    for item in items:
        key, equals, value = (part.strip() for part in item.partition("="))
        if not equals or not key:
            raise CommandError(f"--map {item!r}: write it as KEY=VALUE.")
        if kind in (ImportKind.GRAPHML, ImportKind.GEXF):
            if key not in GRAPH_KEYS:
                raise CommandError(f"--map {key!r}: use one of {', '.join(GRAPH_KEYS)}.")
            chosen[key] = value
            continue
        fields = FIELDS_BY_KIND.get(kind, {})
        if value and value not in fields:
            raise CommandError(f"--map {item!r}: the fields are {', '.join(fields)} (or empty to ignore).")
        chosen[match_key(key)] = value
    return chosen


GRAPH_KEYS = ("node:name", "node:sector", "edge:level", "edge:formality", "edge:date", "default_date",
              "level_rule")  # fmt: skip


def value_answers(items: list[str]) -> dict[str, dict[str, str]]:
    """`--map-value 'secteur:Santé et services sociaux=cisss'` answers, by matched field."""
    answers: dict[str, dict[str, str]] = {}
    for item in items:
        field_text, colon, rest = item.partition(":")
        value, equals, code = (part.strip() for part in rest.rpartition("="))
        field = field_of(field_text) if colon else None
        if field is None or not equals or not value:
            raise CommandError(
                f"--map-value {item!r}: write it as FIELD:VALUE=CODE "
                "(FIELD: sector, territory, level or role)."
            )
        answers.setdefault(field, {})[value] = code
    return answers


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        for field, values in part.items():
            merged.setdefault(field, {}).update(values)
    return merged


def _package(path: Path) -> bytes:
    """An unzipped HSDS data package (its folder, or its datapackage.json) zipped in memory."""
    folder = path if path.is_dir() else path.parent if path.name == "datapackage.json" else None
    if folder is None:
        return path.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in sorted(folder.glob("*")):
            if member.suffix in (".csv", ".json"):
                archive.write(member, member.name)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Import organizations, memberships, ties, HSDS, GraphML or GEXF; a dry run unless --apply."

    def _territories(self, raw: bytes, apply: bool) -> None:
        """An official list of territories (docs/territories.md): checked, then written all or nothing."""
        from maillage.exchange.territories import check_territories, do_import_territories

        try:
            plan = check_territories(raw)
        except ReadError as error:
            raise CommandError(str(error)) from None
        for line, _status, message in plan.errors[:SHOWN_ROWS]:
            self.stdout.write(f"line {line}: error {message}")
        if plan.errors:
            lines = len({line for line, _status, _message in plan.errors})
            raise CommandError(f"{lines} rows have errors: nothing was imported.")
        self.stdout.write(f"{len(plan.wanted):,} territories in the file.")
        if not apply:
            self.stdout.write("Dry run: nothing written. Add --apply to import.")
            return
        counts = do_import_territories(plan)
        self.stdout.write(", ".join(f"{count:,} {status}" for status, count in counts.items()))

    def _show_unknown_values(self, unknown: list[dict[str, object]]) -> None:
        if not unknown:
            return
        self.stdout.write(
            "Values not recognised (answer with --map-value FIELD:VALUE=CODE or --accept-suggestions):"
        )
        for item in unknown:
            proposal = f" -> {item['suggestion']} ({item['suggestion_label']})" if item["suggestion"] else ""
            taken = " [accepted]" if item["accepted"] else ""
            self.stdout.write(f"  {item['field']} “{item['value']}” ({item['rows']} rows){proposal}{taken}")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=[*ImportKind.values, "territories"])
        parser.add_argument("--network", help="network id or name (required for memberships)")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="only check and report (the default)")
        mode.add_argument("--apply", action="store_true", help="write everything if no row has an error")
        parser.add_argument(
            "--ignore-unknown", action="store_true",
            help="skip columns nobody recognises (the default: they are named in a note)",
        )  # fmt: skip
        parser.add_argument(
            "--strict-headers", action="store_true", help="refuse a file with a column nobody recognises"
        )
        parser.add_argument(
            "--map-value", action="append", default=[], metavar="FIELD:VALUE=CODE",
            help="what an unknown value means: 'secteur:Santé et services sociaux=cisss' (fields: sector, "
            "territory, level, role, in French or English)",
        )  # fmt: skip
        parser.add_argument(
            "--accept-suggestions", action="store_true", help="take every match proposed for an unknown value"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="what a column means ('Dénomination=name'); for graphs node:name=ATTR, node:sector=ATTR, "
            "edge:level=ATTR, edge:formality=ATTR, edge:date=ATTR, default_date=YYYY-MM-DD",
        )

    def handle(self, *args, file, kind, network, apply, map, strict_headers, **options):  # noqa: A002, PLR0913
        try:
            raw = _package(Path(file)) if kind == ImportKind.HSDS else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        if kind == "territories":
            self._territories(raw, apply)
            return
        chosen = chosen_mapping(kind, map)
        values = value_answers(options["map_value"])
        target = find_network(network)
        started = time.perf_counter()
        try:
            settings = Options(
                chosen=chosen, values=values, accept_suggestions=options["accept_suggestions"],
                strict_headers=strict_headers,
            )  # fmt: skip
            plan = prepare(kind, raw, target, None, settings)
        except ReadError as error:
            raise CommandError(str(error)) from None
        except NeedsMapping as error:
            raise CommandError(
                f"Unknown columns: {', '.join(error.unknown) or '-'};"
                f" missing: {', '.join(error.missing) or '-'}."
                " Use --map 'Header=field'."
            ) from None
        for note in plan.notes:
            self.stdout.write(f"note: {note}")
        self._show_unknown_values(plan.unknown_values)
        errors = [row for row in plan.rows if row.status == ERROR]
        for row in (errors or plan.rows)[:SHOWN_ROWS]:
            self.stdout.write(f"line {row.line}: {row.status} {row.label} {row.message}".rstrip())
        counts = ", ".join(f"{count:,} {status}" for status, count in plan.counts.items())
        self.stdout.write(f"{counts} (checked in {time.perf_counter() - started:.1f} s)")
        if errors:
            raise CommandError(f"{len(errors)} rows have errors: nothing was imported.")
        if not apply:
            self.stdout.write("Dry run: nothing written. Add --apply to import.")
            return
        started = time.perf_counter()
        do_apply_plan(plan, progress=progress_bar(self.stderr._out))
        accepted: dict[str, dict[str, str]] = {}
        for item in plan.unknown_values:
            if item["accepted"]:
                accepted.setdefault(str(item["field"]), {})[str(item["value"])] = str(item["suggestion"])
        remember_values(target.pk if target else None, _merged(values, accepted))
        self.stdout.write(self.style.SUCCESS(f"Imported in {time.perf_counter() - started:.1f} s."))
