"""`maillage backup` / `maillage restore`: every table and file comes back; a damaged archive is refused."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import urllib.parse
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from maillage.demo.generate import build_demo
from maillage.directory.models import Organization
from maillage.operations.backup import MANIFEST, SIGNATURE, label, models_to_copy, sign
from maillage.operations.restore import ArchiveError, restore, verify
from tests.operations.helpers import maillage_env, run_maillage


def rows_by_table(archive: Path) -> dict[str, dict[object, dict]]:
    """Every row of every table in the archive, by table and primary key."""
    tables: dict[str, dict[object, dict]] = {}
    with zipfile.ZipFile(archive) as opened:
        for name in opened.namelist():
            if name.startswith("data/"):
                rows = [json.loads(line) for line in opened.read(name).decode().splitlines()]
                tables[name] = {json.dumps(row["pk"]): row["fields"] for row in rows}
    return tables


def media_digests(archive: Path) -> dict[str, str]:
    with zipfile.ZipFile(archive) as opened:
        return {
            name: hashlib.sha256(opened.read(name)).hexdigest()
            for name in opened.namelist()
            if name.startswith("media/")
        }


@pytest.fixture
def restore_target(tmp_path):
    """The environment of a child `maillage` on a new, empty database of the suite's own kind."""
    var = tmp_path / "restored"
    var.mkdir()
    if connection.vendor != "postgresql":
        yield maillage_env(var)
        return
    name = f"maillage_restore_{uuid.uuid4().hex[:8]}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    # The suite's own server and credentials (scripts/with-postgres.sh), another database name.
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}")
    yield maillage_env(var, DATABASE_URL=urllib.parse.urlunsplit(url))
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.django_db
def test_the_demo_round_trips_table_by_table_and_row_by_row(settings, tmp_path, restore_target):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "initiatives" / "rapport").mkdir(parents=True)
    (settings.MEDIA_ROOT / "initiatives" / "rapport" / "bilan 2024 – été.pdf").write_bytes(
        b"%PDF-1.7\n" + bytes(range(256))
    )
    (settings.MEDIA_ROOT / "logo.svg").write_text("<svg/>")
    build_demo(50)
    # A time with less than a millisecond of fraction: Django's own JSON encoder would round it away.
    Organization.objects.filter(pk=Organization.objects.order_by("pk").first().pk).update(
        updated_at=datetime.datetime(2025, 3, 1, 12, 0, 0, 412, tzinfo=datetime.UTC)
    )
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    call_command("backup", "--out", str(first))

    restored = run_maillage("restore", str(first), env=restore_target, timeout=300)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    again = run_maillage("backup", "--out", str(second), env=restore_target)
    assert again.returncode == 0, again.stderr

    before, after = rows_by_table(first), rows_by_table(second)
    assert {f"data/{label(model)}.jsonl" for model in models_to_copy()} <= set(before)
    assert before.keys() == after.keys()
    for table, rows in before.items():
        assert after[table] == rows, f"{table} differs after the round trip"
    assert sum(len(rows) for rows in before.values()) > 500  # the demo, not an empty shell
    assert len(before["data/directory.organization.jsonl"]) >= 50
    assert media_digests(first) == media_digests(second)
    assert len(media_digests(first)) == 2

    # Ids continue after the restored ones (PostgreSQL sequences reset), many-to-many tables included.
    grow = (
        "from maillage.directory.models import Organization, Population, Sector; "
        "o = Organization.objects.create(name_fr='Après restauration', sector=Sector.objects.first()); "
        "o.populations.add(*Population.objects.all()[:2]); print(o.pk)"
    )
    grown = run_maillage("shell", "-c", grow, env=restore_target)
    assert grown.returncode == 0, grown.stderr
    assert int(grown.stdout.split()[-1]) > max(int(pk) for pk in before["data/directory.organization.jsonl"])


@pytest.fixture
def archive(db, orgs, settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (settings.MEDIA_ROOT / "note.txt").write_text("une pièce jointe")
    path = tmp_path / "backup.zip"
    call_command("backup", "--out", str(path))
    return path


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy an archive member by member, letting `change(name, data)` alter what is written."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return target


def resign(path: Path) -> Path:
    """Sign the archive's manifest again with the backup key, as only its holder could."""
    with zipfile.ZipFile(path) as opened:
        members = {name: opened.read(name) for name in opened.namelist()}
    members[SIGNATURE] = sign(members[MANIFEST]).encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    return path


def refused(path: Path) -> str:
    # The messages are checked in English; the command speaks the installation's language (French by default).
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("restore", str(path))
    assert "Nothing was restored" in str(error.value)
    return str(error.value)


def test_an_intact_archive_passes_the_check(archive, capsys):
    call_command("restore", "--check", str(archive))
    assert "is intact" in capsys.readouterr().out
    manifest = verify(archive)
    assert manifest["tables"]["directory.organization"] == Organization.objects.count() == 5
    assert set(manifest["members"]) >= {"data/directory.organization.jsonl", "media/note.txt"}


def test_a_member_changed_after_the_backup_is_refused(archive, tmp_path):
    def tamper(name, data):
        return data.replace(b"CLSC du Parc", b"CLSC du Pare") if name.endswith("organization.jsonl") else data

    message = refused(rewrite(archive, tmp_path / "tampered.zip", tamper))
    assert "data/directory.organization.jsonl is damaged" in message and "checksum" in message
    assert Organization.objects.filter(name_fr="CLSC du Parc").exists()


def test_flipped_bytes_are_caught(archive, tmp_path):
    raw = bytearray(archive.read_bytes())
    middle = len(raw) // 3
    raw[middle : middle + 8] = bytes(byte ^ 0xFF for byte in raw[middle : middle + 8])
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(raw))
    message = refused(damaged)
    assert "damaged" in message or "not a readable zip" in message


def test_a_truncated_or_foreign_file_is_refused(archive, tmp_path):
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "not a readable zip archive" in refused(truncated)
    foreign = rewrite(
        archive, tmp_path / "foreign.zip", lambda name, data: None if name == MANIFEST else data
    )
    assert "no manifest" in refused(foreign)
    assert "No such file" in refused(tmp_path / "missing.zip")


def test_a_missing_or_unlisted_member_is_refused(archive, tmp_path):
    missing = rewrite(
        archive, tmp_path / "missing.zip", lambda name, data: None if name == "media/note.txt" else data
    )
    assert "incomplete" in refused(missing)

    unlisted = rewrite(archive, tmp_path / "unlisted.zip", lambda name, data: data)
    with zipfile.ZipFile(unlisted, "a") as opened:
        opened.writestr("media/extra.txt", "?")
    assert "does not list" in refused(unlisted)


def test_a_path_leaving_the_media_folder_is_refused(archive, tmp_path):
    payload = b"owned"

    def escape(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["members"]["media/../../escape.txt"] = {
            "size": 5,
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        return json.dumps(manifest)

    # Even with the backup key (a signed hostile manifest), the path is refused.
    hostile = resign(rewrite(archive, tmp_path / "hostile.zip", escape))
    with zipfile.ZipFile(hostile, "a") as opened:
        opened.writestr("media/../../escape.txt", payload)
    assert "unexpected path" in refused(hostile)
    assert not (tmp_path / "escape.txt").exists()


def test_restore_refuses_a_database_that_has_data(archive):
    with pytest.raises(ArchiveError, match="not empty"), translation.override("en"):
        restore(archive)
    assert Organization.objects.count() == 5


def test_backup_writes_nothing_when_the_folder_is_missing(tmp_path):
    with pytest.raises(CommandError, match="No such directory"):
        call_command("backup", "--out", str(tmp_path / "nowhere" / "b.zip"))
