from __future__ import annotations

from maillage.exchange.models import ImportJob, JobState


def make_job(network, **extra) -> ImportJob:  # type: ignore[no-untyped-def]
    """A checked job with a report, no file on disk (the pages that show it never read the file)."""
    values = {
        "kind": "organizations",
        "filename": "partenaires.csv",
        "file": "imports/none.csv",
        "state": JobState.CHECKED,
        "report": [{"line": 2, "status": "created", "label": "Maison X", "message": ""}],
        "counts": {"created": 1, "updated": 0, "unchanged": 0, "error": 0},
    }
    return ImportJob.objects.create(network=network, **(values | extra))
