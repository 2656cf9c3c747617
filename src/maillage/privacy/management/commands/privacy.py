"""`maillage privacy export --email X` and `maillage privacy erase --email X [--yes]` (Quebec's Law 25)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from maillage.privacy.people import counts_for, erase_person, export_person


class Command(BaseCommand):
    help = "Export (as JSON) or erase everything Maillage holds about one person, found by e-mail address."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Print (or write) a JSON document of the person's data.")
        export.add_argument("--email", required=True)
        export.add_argument("--output", "-o", help="Write to this file instead of the standard output.")
        erase = sub.add_parser("erase", help="Erase or anonymise the person's data; aggregates are kept.")
        erase.add_argument("--email", required=True)
        erase.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {email!r}") from error
        if options["action"] == "export":
            self._export(email, options.get("output"))
        else:
            self._erase(email, options["yes"])

    def _export(self, email: str, output: str | None) -> None:
        text = json.dumps(export_person(email), ensure_ascii=False, indent=2)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Written to {output}")
        else:
            self.stdout.write(text)

    def _erase(self, email: str, yes: bool) -> None:
        counts = {name: n for name, n in counts_for(email).items() if n}
        if not counts:
            self.stdout.write(f"Nothing is held about {email}.")
            return
        self.stdout.write(
            f"About {email}: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
        )
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Refusing to erase without confirmation: add --yes.")
            answer = input(
                "Erase this personal information? Aggregates are kept. This cannot be undone. [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                self.stdout.write("Nothing erased.")
                return
        done = erase_person(email)
        self.stdout.write(
            self.style.SUCCESS(
                "Erased: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in done.items() if n)
            )
        )
