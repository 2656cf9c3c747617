"""`maillage restore`: check a backup archive completely, then load it into an empty database at once.

Order matters for never making things worse: (1) every member's size and SHA-256 are checked against the
manifest before the database is touched; (2) the target must be empty (freshly migrated: no users, no
organizations); (3) all rows are loaded in one transaction, so a failure leaves the database as it was;
(4) the uploaded files are written last, each through a temporary name.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from maillage.directory.models import Organization
from maillage.operations.backup import CHUNK, FORMAT, FORMAT_VERSION, MANIFEST, SECRETS, SIGNATURE, sign


class ArchiveError(Exception):
    """The archive cannot be trusted or cannot be restored here; nothing was written."""


@dataclass
class RestoreSummary:
    tables: dict[str, int]
    files: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest, once its signature verifies with the backup key (before anything else is read)."""
    try:
        text = archive.read(MANIFEST)
    except KeyError as error:
        raise ArchiveError(_("The archive has no manifest: it is not a Maillage backup.")) from error
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(_("The archive's manifest is damaged: %(error)s") % {"error": error}) from error
    _check_signature(archive, text)
    try:
        manifest = json.loads(text)
    except ValueError as error:
        raise ArchiveError(_("The archive's manifest is damaged: %(error)s") % {"error": error}) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(_("The archive is not a Maillage backup."))
    if manifest.get("version") != FORMAT_VERSION:
        raise ArchiveError(
            _("This backup uses format version %(version)s; this Maillage reads version %(ours)s.")
            % {"version": manifest.get("version"), "ours": FORMAT_VERSION}
        )
    return manifest


def _check_signature(archive: zipfile.ZipFile, manifest: bytes) -> None:
    try:
        signature = archive.read(SIGNATURE).decode("ascii", "replace").strip()
    except KeyError as error:
        raise ArchiveError(
            _("The archive's manifest is not signed: it cannot be trusted (was it made by this Maillage?).")
        ) from error
    if not hmac.compare_digest(signature, sign(manifest)):
        raise ArchiveError(
            _(
                "The archive's signature does not verify: it was changed after the backup, or made with "
                "another backup key (MAILLAGE_BACKUP_KEY)."
            )
        )


def _safe_member(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or path.parts[0] not in ("data", "media"):
        raise ArchiveError(_("The archive holds an unexpected path: %(name)s") % {"name": name})


def verify(path: Path) -> dict[str, Any]:
    """Check every member against the manifest; return the manifest. Raises ArchiveError."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = read_manifest(archive)
            members: dict[str, dict[str, Any]] = manifest.get("members", {})
            present = set(archive.namelist()) - {MANIFEST, SIGNATURE}
            if missing := sorted(set(members) - present):
                raise ArchiveError(
                    _("The archive is incomplete: %(names)s missing.") % {"names": ", ".join(missing)}
                )
            if extra := sorted(present - set(members)):
                raise ArchiveError(
                    _("The archive holds files its manifest does not list: %(names)s")
                    % {"names": ", ".join(extra)}
                )
            for name, expected in members.items():
                _safe_member(name)
                _check_member(archive, name, expected)
    except (zipfile.BadZipFile, EOFError) as error:
        raise ArchiveError(
            _("The file is not a readable zip archive (%(error)s).") % {"error": error}
        ) from error
    except FileNotFoundError as error:
        raise ArchiveError(_("No such file: %(path)s") % {"path": path}) from error
    return manifest


def _check_member(archive: zipfile.ZipFile, name: str, expected: dict[str, Any]) -> None:
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        # A CRC mismatch (BadZipFile) or corrupt compressed data (zlib.error): the member is damaged.
        raise ArchiveError(_("%(name)s is damaged: %(error)s") % {"name": name, "error": error}) from error
    if size != expected.get("size") or digest.hexdigest() != expected.get("sha256"):
        raise ArchiveError(
            _("%(name)s is damaged: its checksum does not match the manifest.") % {"name": name}
        )


def _check_migrations(manifest: dict[str, Any]) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.get("migrations", []) if (app, name) not in known]
    if unknown:
        raise ArchiveError(
            _("The backup comes from a newer Maillage (unknown migrations: %(names)s). Upgrade first.")
            % {"names": ", ".join(unknown[:5])}
        )


def _check_empty() -> None:

    if get_user_model().objects.exists() or Organization.objects.exists():
        raise ArchiveError(
            _("The database is not empty (it has users or organizations). Restore into a new database.")
        )


def restore(path: Path) -> RestoreSummary:
    """Verify the archive, then load it into the current (migrated, empty) database and MEDIA_ROOT."""
    manifest = verify(path)
    _check_migrations(manifest)
    _check_empty()
    with zipfile.ZipFile(path) as archive:
        try:
            tables = _load_rows(archive, manifest)
        except (DeserializationError, DatabaseError) as error:
            # The transaction rolled back: the database is as empty as before.
            raise ArchiveError(_("The data could not be loaded: %(error)s") % {"error": error}) from error
        files = _write_media(archive, manifest)
    return RestoreSummary(tables=tables, files=files)


def _load_rows(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, int]:
    try:
        models = [apps.get_model(table) for table in manifest["order"]]
    except (KeyError, LookupError, ValueError) as error:
        raise ArchiveError(
            _("The archive names a table this Maillage does not have: %(error)s") % {"error": error}
        ) from error
    names = [f"data/{model._meta.label_lower}.jsonl" for model in models]
    if set(names) != {name for name in manifest["members"] if name.startswith("data/")}:
        raise ArchiveError(_("The archive's table list does not match its data files."))
    loaded: dict[str, int] = {}
    with transaction.atomic():
        # Migrations seed some tables (territories, sectors): the archive has those rows too.
        # The hidden many-to-many tables are copied with their models; they are flushed and renumbered too.
        hidden = [
            field.remote_field.through
            for model in models
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ]
        tables = [model._meta.db_table for model in [*models, *hidden]]
        # Secrets are not in the archive, but their tables point at restored ones (an API token at its user):
        # PostgreSQL empties a referenced table only together with the tables that reference it.
        secrets = [apps.get_model(name)._meta.db_table for name in sorted(SECRETS)]
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), [*tables, *secrets], allow_cascade=False):
                cursor.execute(statement)
        with connection.constraint_checks_disabled():
            for name, model in zip(names, models, strict=True):
                count = 0
                with archive.open(name) as member:
                    for item in serializers.deserialize("jsonl", io.TextIOWrapper(member, encoding="utf-8")):
                        item.save()
                        count += 1
                loaded[model._meta.label_lower] = count
        connection.check_constraints(table_names=tables)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [*models, *hidden]):
                cursor.execute(statement)
        if loaded != manifest.get("tables"):
            raise ArchiveError(_("The row counts differ from the manifest."))
    return loaded


def _write_media(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> int:
    root = Path(settings.MEDIA_ROOT)
    count = 0
    for name in manifest["members"]:
        if not name.startswith("media/"):
            continue
        target = root / name.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        with archive.open(name) as source, partial.open("wb") as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)
        os.replace(partial, target)
        count += 1
    return count
