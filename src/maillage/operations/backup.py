"""`maillage backup`: the whole database and the uploaded files in one portable zip archive.

The archive holds
- `data/<app>.<model>.jsonl`: every row of every table, one JSON object per line, in Django's
  serialisation with natural keys for content types, permissions and users, so it loads into any
  database (SQLite or PostgreSQL) whatever ids those got there;
- `media/...`: every file under MEDIA_ROOT;
- `manifest.json`: the format version, the date, the database vendor, the applied migrations, the row
  count of each table and the size and SHA-256 of every member. `maillage restore` checks them all before
  it writes anything;
- `manifest.sig`: the HMAC-SHA256 of the manifest with the backup key (`MAILLAGE_BACKUP_KEY`). A checksum
  anyone can recompute proves nothing against someone who edits the archive (making an account a
  superuser, say); the signature does, and `maillage restore` refuses an archive whose signature does
  not verify.

Content types and permissions are not copied: `migrate` recreates them, and the rows that point at them
carry their natural keys. Secrets are not copied either: sessions (a session key signs in as its
user) and API token hashes; after a restore, people sign in again and API clients get new tokens.
The archive is written readable by its owner only (mode 0600).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

FORMAT = "maillage-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
# Rebuilt by `migrate` in the target database; rows refer to them by natural key.
REBUILT = {"contenttypes.contenttype", "auth.permission"}
# Secrets: a live session signs in as its user; a token hash is what an API key is checked against.
SECRETS = {"sessions.session", "api.apitoken"}
SKIPPED = REBUILT | SECRETS
CHUNK = 1 << 16


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to the millisecond; a backup keeps the microseconds too."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def label(model: type[Model]) -> str:
    return model._meta.label_lower


def models_to_copy() -> list[type[Model]]:
    """Every concrete model, in an order where natural-key targets come before the rows naming them."""
    app_list: dict[Any, list[type[Model]] | None] = dict.fromkeys(apps.get_app_configs())
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        model
        for model in ordered
        if label(model) not in SKIPPED and not model._meta.proxy and model._meta.managed
    ]


class _Digest:
    """A write-only text stream that encodes, hashes, counts lines and forwards to a binary member."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.lines = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.sha256.update(data)
        self.size += len(data)
        self.lines += data.count(b"\n")
        self.raw.write(data)
        return len(text)

    def flush(self) -> None:
        self.raw.flush()


@dataclass
class BackupSummary:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def _applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _snapshot() -> Any:
    """One consistent view of the database for the whole dump, even while the site keeps writing."""
    atomic = transaction.atomic()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # REPEATABLE READ must be the first statement of the transaction.
        class _Snapshot:
            def __enter__(self) -> None:
                atomic.__enter__()
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")

            def __exit__(self, *exc: Any) -> Any:
                return atomic.__exit__(*exc)

        return _Snapshot()
    # SQLite in WAL mode: a read transaction sees the database as of its first read.
    return atomic


class BackupError(Exception):
    pass


def _check_migrated() -> None:
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("The database has unapplied migrations: run `maillage migrate` first.")


def _rows(model: type[Model]) -> Iterator[Model]:
    """Every row of the table, with what the serialiser will ask for fetched in bulk, not row by row:
    the rows named by natural key (users, content types) and the many-to-many ids."""
    named = [
        field.name
        for field in model._meta.fields
        if field.remote_field and hasattr(field.remote_field.model, "natural_key")
    ]
    many = [field.name for field in model._meta.many_to_many if field.remote_field.through._meta.auto_created]
    rows = model._base_manager.select_related(*named).prefetch_related(*many).order_by("pk")
    return rows.iterator(chunk_size=2000)


def backup_key() -> bytes:
    """The key that signs manifests: MAILLAGE_BACKUP_KEY, or one derived from the secret key when unset."""
    configured = getattr(settings, "BACKUP_KEY", "")
    if configured:
        return str(configured).encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"maillage-backup-manifest", hashlib.sha256).digest()


def sign(manifest: bytes, key: bytes | None = None) -> str:
    return hmac.new(key if key is not None else backup_key(), manifest, hashlib.sha256).hexdigest()


def _private_file(path: Path) -> IO[bytes]:
    """A new file only its owner may read or write, whatever the umask."""
    if path.exists():
        path.unlink()
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def write_backup(out: Path) -> BackupSummary:
    """Write the archive to `out` (through a temporary file, so a crash never leaves half an archive)."""
    _check_migrated()
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    summary = BackupSummary(path=out)
    members: dict[str, dict[str, Any]] = {}
    with (
        _private_file(partial) as file,
        zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
    ):
        with _snapshot():
            migrations = _applied_migrations()
            for model in models_to_copy():
                name = f"data/{label(model)}.jsonl"
                with archive.open(name, "w", force_zip64=True) as raw:
                    stream = _Digest(raw)
                    rows = _rows(model)
                    serializers.serialize(
                        "jsonl", rows, stream=stream, use_natural_foreign_keys=True, cls=FullPrecisionEncoder
                    )
                summary.tables[label(model)] = stream.lines
                members[name] = {
                    "size": stream.size,
                    "sha256": stream.sha256.hexdigest(),
                    "rows": stream.lines,
                }
        for relative, path in media_files(Path(settings.MEDIA_ROOT)):
            members[f"media/{relative}"] = _add_file(archive, f"media/{relative}", path)
            summary.files += 1
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "vendor": connection.vendor,
            "migrations": migrations,
            # Load order: natural-key targets first (JSON objects are sorted below, lists are not).
            "order": list(summary.tables),
            "tables": summary.tables,
            "members": members,
        }
        text = json.dumps(manifest, indent=1, sort_keys=True).encode()
        archive.writestr(MANIFEST, text)
        archive.writestr(SIGNATURE, sign(text))
    os.chmod(partial, 0o600)
    os.replace(partial, out)
    return summary


def _add_file(archive: zipfile.ZipFile, name: str, path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as source, archive.open(name, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}
