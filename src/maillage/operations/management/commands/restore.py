"""`maillage restore FILE`: verify a backup archive, then load it into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from maillage.operations.restore import ArchiveError, restore, verify


class Command(BaseCommand):
    help = "Restore a `maillage backup` archive into an empty database (it is migrated first)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive's checksums; change nothing"
        )

    def handle(self, *args: Any, archive: Path, check: bool, **options: Any) -> None:
        try:
            manifest = verify(archive)
            if check:
                self.stdout.write(
                    self.style.SUCCESS(f"{archive} is intact ({len(manifest['members'])} members).")
                )
                return
            call_command("migrate", interactive=False, verbosity=0)
            summary = restore(archive)
        except ArchiveError as error:
            raise CommandError(_("%(error)s Nothing was restored.") % {"error": error}) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {summary.rows} rows in {len(summary.tables)} tables "
                f"and {summary.files} uploaded files."
            )
        )
