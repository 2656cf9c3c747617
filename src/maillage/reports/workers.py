"""Worker processes of `maillage report --all`: started fresh ("spawn"), each sets Django up, writes reports.

Fresh processes rather than forks: a fork would inherit the parent's vl-convert and WeasyPrint threads and
locks, and could hang. Nothing Django-dependent is imported at the top, so a new process can unpickle
these functions before Django is set up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    import django

    django.setup()


def write_one(job: tuple[int | None, str], period: Any, language: str, fmt: str) -> str:
    """One report of `--all`: a network's (by id) or, for None, the programme summary; returns its label."""
    from maillage.networks.models import Network
    from maillage.observatory import network_scope
    from maillage.reports.content import build_report
    from maillage.reports.render import render_document, render_pdf
    from maillage.reports.scope import all_networks_scope

    pk, path = job
    if pk is None:
        scope, label = all_networks_scope(), "summary"
    else:
        network = Network.objects.get(pk=pk)
        scope, label = network_scope(network), network.name
    data = build_report(scope, period, language=language)
    if fmt == "pdf":
        Path(path).write_bytes(render_pdf(data))
    else:
        Path(path).write_text(render_document(data), encoding="utf-8")
    return label
