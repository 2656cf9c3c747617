"""The `maillage` command.

`maillage analyze` runs the analysis core on CSV files without touching the database;
every other sub-command is a Django management command (`maillage migrate`,
`maillage runserver`, `maillage demo`, `maillage createsuperuser` ...).
"""

from __future__ import annotations

import os
import sys

# Sub-commands that work on plain files and need no settings, database or Django.
PURE_COMMANDS = {"analyze"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in PURE_COMMANDS:
        from maillage.analysis.command import main as analyze

        return analyze(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    from django.core.management import execute_from_command_line

    if len(argv) > 1 and argv[1] == "runserver":
        import django

        from maillage.security import refuse_insecure_start

        django.setup()
        try:
            refuse_insecure_start()
        except Exception as error:  # ImproperlyConfigured: say why and stop, no traceback
            sys.stderr.write(f"{error}\n")
            return 1
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
