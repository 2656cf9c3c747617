"""A background task for the crash tests: its first attempt stops halfway through its transaction."""

from __future__ import annotations

import time
from pathlib import Path

from django.db import transaction
from django_tasks import task

from maillage.directory.models import Sector


@task()
def add_sectors(marker: str, count: int) -> int:
    """Add `count` sectors in one transaction; the first attempt waits (to be killed) after the second."""
    first_attempt = not Path(marker).exists()
    with transaction.atomic():
        for index in range(count):
            Sector.objects.create(code=f"crash-test-{index}", name_fr=f"Secteur {index}", family="other")
            if index == 1 and first_attempt:
                Path(marker).write_text("half done")
                time.sleep(300)
    return count
