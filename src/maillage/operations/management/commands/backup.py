"""`maillage backup --out FILE`: write the database and uploaded files to a checksummed zip archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage.operations.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Write every table and the uploaded files to a portable, checksummed zip archive."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, type=Path, help="the archive to write (a .zip file)")

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        if not out.parent.is_dir():
            raise CommandError(f"No such directory: {out.parent}")
        try:
            summary = write_backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {summary.path}: {summary.rows} rows in {len(summary.tables)} tables, "
                f"{summary.files} uploaded files."
            )
        )
