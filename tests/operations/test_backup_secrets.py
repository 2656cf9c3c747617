"""Backups that cannot be replayed or forged.

The attacks replayed: (1) a session key read from the archive signs in as its user; (2) the archive is
world-readable; (3) an archive edited to make an account a superuser, with its checksums recomputed,
restores. Now sessions and token hashes stay out, the file is 0600 and the manifest is signed with the
backup key.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from maillage.api.actions import do_create_token
from maillage.api.models import ApiToken
from maillage.operations.backup import MANIFEST, SIGNATURE
from maillage.operations.restore import verify
from tests.conftest import client_for


@pytest.fixture
def backed_up(db, member, admin, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_KEY = "a-backup-key-kept-apart-from-the-archives"
    client = client_for(member)
    client.get("/")
    _token, secret = do_create_token(admin, "script")
    path = tmp_path / "backup.zip"
    old_umask = os.umask(0o022)  # a common umask would make new files world-readable
    try:
        call_command("backup", "--out", str(path))
    finally:
        os.umask(old_umask)
    return {"path": path, "session": client.session.session_key, "secret": secret}


def _everything(path: Path) -> bytes:
    with zipfile.ZipFile(path) as opened:
        return b"".join(opened.read(name) for name in opened.namelist())


def test_no_session_and_no_token_hash_in_the_archive(backed_up):
    assert Session.objects.filter(session_key=backed_up["session"]).exists()
    names = zipfile.ZipFile(backed_up["path"]).namelist()
    assert "data/sessions.session.jsonl" not in names and "data/api.apitoken.jsonl" not in names
    content = _everything(backed_up["path"])
    assert backed_up["session"].encode() not in content
    token_hash = ApiToken.objects.get().token_hash
    assert token_hash.encode() not in content
    assert b"auth.user" in content  # the accounts themselves are kept


def test_the_archive_is_readable_by_its_owner_only(backed_up):
    mode = stat.S_IMODE(backed_up["path"].stat().st_mode)
    assert mode == 0o600


def _forge(source: Path, target: Path, *, resign_with: bytes | None = None) -> Path:
    """Make `member` a superuser and recompute every checksum, as the old attack did."""
    with zipfile.ZipFile(source) as opened:
        members = {name: opened.read(name) for name in opened.namelist()}
    users = members["data/auth.user.jsonl"].decode().splitlines()
    rows = [json.loads(line) for line in users]
    for row in rows:
        if row["fields"]["username"] == "member":
            row["fields"]["is_superuser"] = row["fields"]["is_staff"] = True
    data = ("\n".join(json.dumps(row) for row in rows) + "\n").encode()
    members["data/auth.user.jsonl"] = data
    manifest = json.loads(members[MANIFEST])
    manifest["members"]["data/auth.user.jsonl"] = {
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "rows": len(rows),
    }
    members[MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode()
    if resign_with is not None:
        import hmac

        members[SIGNATURE] = hmac.new(resign_with, members[MANIFEST], hashlib.sha256).hexdigest().encode()
    with zipfile.ZipFile(target, "w") as new:
        for name, content in members.items():
            new.writestr(name, content)
    return target


def _refused(path: Path) -> str:
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("restore", "--check", str(path))
    return str(error.value)


def test_a_forged_archive_with_recomputed_checksums_is_refused(backed_up, tmp_path):
    forged = _forge(backed_up["path"], tmp_path / "forged.zip")
    assert "signature does not verify" in _refused(forged)
    guessed = _forge(
        backed_up["path"], tmp_path / "guessed.zip", resign_with=b"insecure-development-key-change-me"
    )
    assert "signature does not verify" in _refused(guessed)
    assert not User.objects.get(username="member").is_superuser


def test_an_unsigned_archive_is_refused(backed_up, tmp_path):
    with zipfile.ZipFile(backed_up["path"]) as opened, zipfile.ZipFile(tmp_path / "unsigned.zip", "w") as new:
        for name in opened.namelist():
            if name != SIGNATURE:
                new.writestr(name, opened.read(name))
    assert "not signed" in _refused(tmp_path / "unsigned.zip")


def test_another_backup_key_cannot_restore_it(backed_up, settings):
    assert verify(backed_up["path"])["format"] == "maillage-backup"
    settings.BACKUP_KEY = "some-other-key"
    assert "signature does not verify" in _refused(backed_up["path"])
