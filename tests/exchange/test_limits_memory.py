"""The hostile files are refused inside a process that may not grow by more than 300 MB.

The reader runs in a child process whose address space is capped (`RLIMIT_AS`) at what it uses once
Django is loaded plus 300 MB: a reader that tried to build the 17 billion cells of a merged range, or
to unpack a zip bomb, would fail with MemoryError instead of the clear refusal asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADROOM_MB = 300

CHILD = textwrap.dedent(
    f"""
    import os, resource, time
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    django.setup()
    from django.utils import translation
    from maillage.exchange.graphs import read_graph
    from maillage.exchange.hsds import read_hsds
    from maillage.exchange.reading import ReadError, read_sheet, xlsx_rows
    from tests.exchange.test_limits import BILLION_LAUGHS, _zip_bomb, merged_xlsx

    files = [
        ("merged range", xlsx_rows, (merged_xlsx("A1:XFD1048576"),)),
        ("merged rows", lambda raw: read_sheet(raw, lambda h: True), (merged_xlsx("A1:Z200000"),)),
        ("zip bomb", read_hsds, (_zip_bomb(250),)),
        ("billion laughs", read_graph, (BILLION_LAUGHS, "graphml")),
    ]
    size = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmSize:")) * 1024
    limit = size + {HEADROOM_MB} * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    translation.activate("en")
    for name, read, args in files:
        started = time.perf_counter()
        try:
            read(*args)
        except ReadError:
            print("refused", name, round(time.perf_counter() - started, 2))
        else:
            print("read", name)
    """
)


def test_hostile_files_are_refused_within_300_mb_of_a_capped_process():
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.split("\n")
    refused = [line for line in lines if line.startswith("refused")]
    assert len(refused) == 4, result.stdout
    assert all(float(line.rsplit(" ", 1)[1]) < 5 for line in refused), result.stdout
