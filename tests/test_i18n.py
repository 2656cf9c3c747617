from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

import maillage
from tests.conftest import client_for

LOCALE = Path(maillage.__file__).parent / "locale"


def test_french_by_default_and_english_after_the_switch(member, network_a):
    client = client_for(member)
    assert "Vos réseaux" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/en/").content.decode()
    assert "Your networks" in english and 'lang="en"' in english
    # Content typed in both languages follows the interface language.
    assert "Network A" in english
    assert "Réseau A" in client.get("/").content.decode()


def test_every_french_message_is_translated():
    po = (LOCALE / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(LOCALE / "fr" / "LC_MESSAGES" / "django.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", "untranslated French messages:\n" + result.stdout[:2000]
    assert "#, fuzzy" not in po.split("\n\n", 1)[1]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogues_match_their_sources(language, tmp_path):
    source = LOCALE / language / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(source)], check=True)
    assert fresh.read_bytes() == (LOCALE / language / "LC_MESSAGES" / "django.mo").read_bytes(), (
        "run `make messages` and commit the .mo files"
    )
