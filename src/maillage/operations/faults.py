"""A fault-injection hook for the crash tests: pause inside a transaction so a test can kill the process.

Only active when the environment sets `MAILLAGE_FAULT_PAUSE="<verb>:<table>:<n>:<seconds>:<marker file>"`
(verb: insert, update or delete): before the n-th such statement on `<table>` made inside a transaction,
the process creates the marker file (so the test knows the transaction is half done) and sleeps. The
test then SIGKILLs the server or the worker and checks that the database holds none of the change.
`maillage check --deploy` refuses a production process with the hook switched on.

It wraps every database connection with Django's `execute_wrapper` mechanism, so no application code
knows about it.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.backends.signals import connection_created

ENVIRONMENT_VARIABLE = "MAILLAGE_FAULT_PAUSE"
WRITE = re.compile(r'^\s*(INSERT|UPDATE|DELETE)\s+(?:INTO\s+|FROM\s+)?"?(\w+)"?', re.IGNORECASE)


@dataclass
class Pause:
    verb: str
    table: str
    nth: int
    seconds: float
    marker: Path
    seen: int = 0

    @classmethod
    def parse(cls, value: str) -> Pause:
        verb, table, nth, seconds, marker = value.split(":", 4)
        return cls(verb=verb.upper(), table=table, nth=int(nth), seconds=float(seconds), marker=Path(marker))


_lock = threading.Lock()


def wrapper_for(pause: Pause) -> Callable[..., Any]:
    def pause_before_write(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        match = WRITE.match(sql)
        if (
            match
            and (match.group(1).upper(), match.group(2)) == (pause.verb, pause.table)
            and context["connection"].in_atomic_block
        ):
            with _lock:
                pause.seen += 1
                now = pause.seen == pause.nth
            if now:
                pause.marker.write_text(f"{os.getpid()}\n")
                time.sleep(pause.seconds)
        return execute(sql, params, many, context)

    return pause_before_write


def install_from_environment() -> None:
    value = os.environ.get(ENVIRONMENT_VARIABLE)
    if not value:
        return
    pause = Pause.parse(value)
    wrapper = wrapper_for(pause)

    def wrap(sender: Any, connection: Any, **kwargs: Any) -> None:
        connection.execute_wrappers.append(wrapper)

    connection_created.connect(wrap, weak=False, dispatch_uid="maillage-fault-pause")
