"""Set-based SQL for the tie history: multi-row inserts (COPY on PostgreSQL) and the current-state refresh.

Only `ties.actions` and `networks.actions` call these: they are the one write path of the network's history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection, models

# 13 columns x 500 rows stays under SQLite's limit of 32,766 parameters a statement.
ROWS_PER_INSERT = 500
IDS_PER_STATEMENT = 5000
Step = Callable[[int], None]


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(
    model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]], step: Step | None = None
) -> None:
    """Multi-row INSERTs: the ORM's per-object preparation, and one round trip per row on PostgreSQL, are
    most of the cost of 100,000 rows. Values must already be adapted for the database."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = f"({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: no statement to parse, one stream for all rows.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for batch in chunks(rows, ROWS_PER_INSERT * 10):
                    for row in batch:
                        copy.write_row(row)
                    if step is not None:
                        step(len(batch))
            return
        for batch in chunks(rows, ROWS_PER_INSERT):
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))}"  # noqa: S608
            cursor.execute(sql, [value for row in batch for value in row])
            if step is not None:
                step(len(batch))


# The rule of the current state, in one place: a tie's current state is its latest observation by date,
# and on the same date the one recorded last (a correction is a new observation). The adapter hands the
# analysis core the same observations (`observatory.dataset.ties_frame`).
_REFRESH = """
UPDATE ties_tie SET current_level = latest.level, current_formality = latest.formality,
    current_observed_on = latest.observed_on
FROM (
    SELECT tie_id, level, formality, observed_on,
        ROW_NUMBER() OVER (PARTITION BY tie_id ORDER BY observed_on DESC, id DESC) AS position
    FROM ties_tieobservation WHERE tie_id IN ({ids})
) AS latest
WHERE ties_tie.id = latest.tie_id AND latest.position = 1
"""


# The same rule for PostgreSQL, in one statement whatever the number of ties: the ids travel as one array,
# and DISTINCT ON keeps each tie's first row in that order (a window over 100,000 ties, in statements of
# 5,000 parameters, took three times as long).
_REFRESH_POSTGRESQL = """
UPDATE ties_tie SET current_level = latest.level, current_formality = latest.formality,
    current_observed_on = latest.observed_on
FROM (
    SELECT DISTINCT ON (tie_id) tie_id, level, formality, observed_on
    FROM ties_tieobservation WHERE tie_id = ANY(%s)
    ORDER BY tie_id, observed_on DESC, id DESC
) AS latest
WHERE ties_tie.id = latest.tie_id
"""


def refresh_current(tie_ids: Sequence[int]) -> None:
    """Set each tie's `current_*` copy from its latest observation, in a few statements for any number."""
    ids = sorted(set(tie_ids))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_REFRESH_POSTGRESQL, [ids])
            return
        for batch in chunks(ids, IDS_PER_STATEMENT):
            cursor.execute(_REFRESH.format(ids=", ".join(["%s"] * len(batch))), list(batch))
