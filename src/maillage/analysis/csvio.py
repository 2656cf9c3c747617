"""Read the CSV files people actually have: French Excel exports as well as tidy English ones.

* Encoding: UTF-8 with or without BOM; anything that is not valid UTF-8 is read as Windows-1252, which is
  what French Excel writes.
* Delimiter: ``;`` (French Excel), ``,`` or tab, sniffed from the header line.
* Headers: French or English, case-, accent- and punctuation-insensitive (``Cible``, ``target``,
  ``Formalité``…); unknown headers are kept as extra attributes.
* Every row keeps its file line number, so a bad value is reported as "ties, line 7, column 'level': …".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .errors import InputError
from .vocabulary import fold

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "code", "organization_id", "id_organisation"),
    "name": ("name", "nom", "nom de l'organisation"),
    "sector": ("sector", "secteur"),
    "sector_family": ("sector_family", "family", "famille", "famille de secteur", "famille_secteur"),
    "territory": ("territory", "territoire"),
    "source": ("source", "from", "de", "origine", "evaluateur", "rater"),
    "target": ("target", "cible", "to", "vers", "destination", "partenaire", "partner"),
    "level": ("level", "niveau", "niveau de collaboration", "collaboration level"),
    "formality": ("formality", "formalite", "formel", "formal"),
    "network": ("network", "reseau", "espace", "espace de concertation"),
    "date": ("date", "observed", "observe le", "date d'observation"),
    "organization": ("organization", "organisation", "organisme", "membre"),
    "role": ("role",),
    "start": ("start", "debut", "date de debut", "start date"),
    "end": ("end", "fin", "date de fin", "end date"),
    "themes": ("themes", "theme", "thematiques"),
    "populations": ("populations", "population", "population cible", "populations cibles"),
    "reliability": ("reliability", "fiabilite"),
    "mission_alignment": ("mission_alignment", "alignement mission", "alignement de mission"),
    "openness": ("openness", "ouverture"),
    "power_influence": ("power_influence", "power influence", "pouvoir influence", "pouvoir et influence"),
    "involvement": ("involvement", "implication", "engagement"),
    "resource_contribution": ("resource_contribution", "resource contribution", "contribution en ressources",
                              "contribution ressources"),
}  # fmt: skip

# Words whose meaning depends on the table: "name"/"organization" in an organizations file is the name,
# "organization" in a memberships file is the member.
_BY_TABLE: dict[str, dict[str, str]] = {
    "organizations": {fold("organisation"): "name", fold("organization"): "name", fold("organisme"): "name"},
    "memberships": {fold("organisation"): "organization", fold("organization"): "organization"},
}

_LOOKUP: dict[str, str] = {
    fold(alias): canonical for canonical, aliases in _ALIASES.items() for alias in aliases
}


def canonical_header(header: str, table: str) -> str:
    """Map a French or English header to the analysis vocabulary (unknown headers are kept, trimmed).

    >>> canonical_header("Formalité", "ties"), canonical_header(" Cible ", "ties")
    ('formality', 'target')
    """
    key = fold(header)
    return _BY_TABLE.get(table, {}).get(key) or _LOOKUP.get(key) or header.strip()


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(source: str | Path | bytes, table: str) -> pd.DataFrame:
    """Read one CSV file (path or bytes) into a DataFrame indexed by file line number.

    Raises
    ------
    InputError
        When the file is missing, empty, or a row has more cells than the header.

    Examples
    --------
    >>> text = "Source;Cible;Niveau\\na;b;coopération\\n".encode("cp1252")
    >>> read_table(text, "ties").to_dict(orient="index")
    {2: {'source': 'a', 'target': 'b', 'level': 'coopération'}}
    """
    if isinstance(source, bytes):
        raw = source
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as error:
            raise InputError(f"cannot read {source}: {error.strerror}", table=table) from error
    text = decode(raw)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty", table=table) from None
    columns = [canonical_header(h, table) for h in header]
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            raise InputError(
                f"column {column!r} appears twice in the header", table=table, row=1, row_kind="line"
            )
        seen.add(column)
    records: list[dict[str, str | None]] = []
    lines: list[int] = []
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            raise InputError(
                f"{len(cells)} cells but the header has {len(columns)} (check the delimiter and quotes)",
                table=table, row=start, row_kind="line",
            )  # fmt: skip
        cells = cells + [""] * (len(columns) - len(cells))
        records.append({c: (v.strip() or None) for c, v in zip(columns, cells, strict=True)})
        lines.append(start)
    frame = pd.DataFrame.from_records(records, columns=columns) if records else pd.DataFrame(columns=columns)
    frame.index = pd.Index(lines, dtype="int64")
    return frame
