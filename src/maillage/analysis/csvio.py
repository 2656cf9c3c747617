"""Read the tables people actually have (CSV or Excel) into the analysis vocabulary.

The file is read by :mod:`maillage.analysis.sheets`, the reader the importer uses too: UTF-8 with or
without BOM, UTF-16 or Windows-1252; ``;``, ``,`` or tab; a title row above the header; ``.xlsx``.
Headers are French or English (:mod:`maillage.analysis.headers`), so the importer's own files
(``Organisme 1;Organisme 2``) are read as they are. Unknown headers are kept as extra attributes and named
by :func:`unknown_columns`, so the command can warn that they are not used. Every row keeps its file line
number, so a bad value is reported as "ties, line 7, column 'level': …".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .headers import TERRITORY_FIELDS, canonical_field
from .sheets import SheetError, read_table_sheet


def canonical_header(header: str, table: str) -> str:
    """Map a French or English header to the analysis vocabulary (unknown headers are kept, trimmed).

    >>> canonical_header("Formalité", "ties"), canonical_header(" Cible ", "ties")
    ('formality', 'target')
    """
    return canonical_field(table, header) or header.strip()


def unknown_columns(frame: pd.DataFrame, table: str) -> list[str]:
    """Columns of a table read by :func:`read_table` that mean nothing to the analysis."""
    return [str(c) for c in frame.columns if canonical_field(table, str(c)) is None]


def _coalesce_territory(frame: pd.DataFrame) -> pd.DataFrame:
    """Région, RLS, municipalité …: the most precise filled-in one becomes ``territory``."""
    present = [name for name in TERRITORY_FIELDS if name in frame.columns]
    if present == ["territory"] or not present:
        return frame
    territory = frame[present[0]]
    for name in present[1:]:
        territory = territory.combine_first(frame[name])
    frame = frame.drop(columns=[name for name in present if name != "territory"])
    frame["territory"] = territory
    return frame


def read_table(source: str | Path | bytes, table: str) -> pd.DataFrame:
    """Read one CSV or XLSX file (path or bytes) into a DataFrame indexed by file line number.

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
    try:
        sheet = read_table_sheet(raw, table)
    except SheetError as error:
        raise InputError(str(error), table=table, row=error.line or None, row_kind="line") from None
    columns = [canonical_header(h, table) for h in sheet.headers]
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            raise InputError(
                f"column {column!r} appears twice in the header", table=table, row=sheet.header_line,
                row_kind="line",
            )  # fmt: skip
        seen.add(column)
    records = [{c: (v or None) for c, v in zip(columns, cells, strict=True)} for _line, cells in sheet.rows]
    frame = pd.DataFrame.from_records(records, columns=columns) if records else pd.DataFrame(columns=columns)
    frame.index = pd.Index([line for line, _cells in sheet.rows], dtype="int64")
    return _coalesce_territory(frame) if table == "organizations" else frame


def organizations_for(organizations: pd.DataFrame | None, ties: pd.DataFrame) -> pd.DataFrame:
    """The organizations table to analyse: the file's, keyed by id (else its own code, else its name), or,
    for a bare edge list, one organization per name the ties use."""
    if organizations is None:
        ends = [value for column in ("source", "target") if column in ties.columns for value in ties[column]]
        names = list(dict.fromkeys(value for value in ends if value is not None))
        frame = pd.DataFrame({"id": names, "name": names})
        frame.index = pd.RangeIndex(1, len(frame) + 1)
        return frame
    if "id" not in organizations.columns:
        for column in ("code", "name"):
            if column in organizations.columns:
                return organizations.assign(id=organizations[column])
    return organizations


def resolve_names(organizations: pd.DataFrame, table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Let ``columns`` of ``table`` name organizations as the importer allows: by id (``12`` or ``#12``),
    by the source's own code, or by name (accents and case aside) when only one organization has it.
    Values nothing matches are left for the validation to report."""
    from .vocabulary import match_key

    if "id" not in organizations.columns:
        return table
    ids = organizations["id"]
    known = {str(value): value for value in ids if value is not None}
    lookup: dict[str, object] = {}
    for column in ("name", "code"):
        if column in organizations.columns:
            counts = organizations[column].dropna().map(match_key).value_counts()
            for key, value in zip(organizations[column], ids, strict=True):
                if key is not None and counts.get(match_key(key)) == 1:
                    lookup.setdefault(match_key(key), value)

    def resolve(value: object) -> object:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return value
        text = str(value).strip()
        if text in known:
            return known[text]
        if text.startswith("#") and text[1:] in known:
            return known[text[1:]]
        return lookup.get(match_key(text), value)

    changed = {c: table[c].map(resolve) for c in columns if c in table.columns}
    return table.assign(**changed) if changed else table
