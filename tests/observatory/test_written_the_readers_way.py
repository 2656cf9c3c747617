"""Every page of the demo writes numbers and dates the reader's way, and speaks the reader's language.

The crawl of `test_no_internal_codes` (each demo account, both languages) reads the text a person sees:
- in French, no decimal point (``3.66``), no English month, no thousands comma (``1,139``);
- in English, no decimal comma (``3,66``) and no French month;
- in both, no ISO date (``2025-05-15``) written as text: people read "15 mai 2025" or "May 15, 2025";
- on French pages, no English phrase of the app's own catalogue whose French differs (a string left
  untranslated, or shown without going through gettext).

Not read, and why: scripts, styles and attribute values (code, URLs, form values a browser sends back);
elements marked ``class="technical"`` (formula identifiers for administrators); ``<code>``, ``<pre>``,
``<kbd>`` and ``<samp>`` (file names, column names and commands that must be typed as written);
``<textarea>`` (a person's own text, sent back as typed); an element whose ``lang`` is the other language
(a person's text written in that language only, marked so for screen readers too).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from tests.observatory import test_no_internal_codes as walk

ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec"
)
FRENCH_MONTHS = "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
ISO_DATE = r"\b\d{4}-\d{2}-\d{2}\b"
# A version ("v1.2.3"), a section number ("4.1") in a title, or a time ("14 h 05") is not a decimal:
# only a digit, a point and a digit not followed by another point-and-digit (as in a version) count.
WRONG_IN = {
    "fr": re.compile(
        rf"{ISO_DATE}|(?<![\d.v])\d+\.\d+(?![\d.])|\b\d{{1,3}},\d{{3}}\b(?!,)|\b(?:{ENGLISH_MONTHS})\b\.?\s+\d"
        rf"|\b\d{{1,2}}\s+(?:{ENGLISH_MONTHS})\b"
    ),
    "en": re.compile(
        rf"{ISO_DATE}|(?<![\d,])\d+,\d{{1,2}}(?![\d,])\s?%?|\b\d{{1,2}}\s+(?:{FRENCH_MONTHS})\b"
    ),
}
HIDDEN = ("code", "pre", "kbd", "samp", "textarea")


class ReadableText(walk.VisibleText):
    """The visible text, without what is written for machines (see the module's docstring)."""

    page_language = "fr"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.page_language = (lang or "fr")[:2]
            return
        other_language = bool(lang) and (lang or "")[:2] != self.page_language
        if (tag in HIDDEN or other_language) and tag not in walk.VOID and self._open:
            self._open[-1] = True


def english_phrases() -> re.Pattern[str]:
    """The app's own English phrases (two words or more) whose French is different."""
    catalogue = trans_real.translation("fr")._catalog  # type: ignore[attr-defined]  # Django's loaded catalogue
    phrases = set()
    for msgid, msgstr in catalogue.items():
        if not isinstance(msgid, str) or not msgstr or msgstr == msgid or "%" in msgid or "{" in msgid:
            continue
        words = msgid.split()
        if len(words) >= 2 and all(re.fullmatch(r"[A-Za-z'’-]+[.:?]?", word) for word in words):
            phrases.add(msgid.rstrip(".:?"))
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


def pages_of(username: str, language: str) -> dict[str, str]:
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.cookies["django_language"] = language
    original, walk.VisibleText = walk.VisibleText, ReadableText  # type: ignore[misc]
    try:
        with translation.override(language):
            return walk.crawl(client, "/" if language == "fr" else "/en/")
    finally:
        walk.VisibleText = original  # type: ignore[misc]


def around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")


@pytest.mark.parametrize("username", ["coordination", "membre", "region", "admin"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_numbers_and_dates_are_written_the_readers_way(demo, username, language):
    pages = pages_of(username, language)
    assert len(pages) > 15, "the crawl should reach the pages of the demo"
    wrong = {
        url: [around(text, m) for m in WRONG_IN[language].finditer(text)][:4]
        for url, text in pages.items()
        if WRONG_IN[language].search(text)
    }
    assert not wrong, wrong
    if language == "fr":  # the same crawl: no English phrase of the catalogue left on a French page
        with translation.override("fr"):
            english = english_phrases()
        left = {
            url: [around(text, m) for m in english.finditer(text)][:4]
            for url, text in pages.items()
            if english.search(text)
        }
        assert not left, left


def test_the_english_phrases_are_found():
    with translation.override("fr"):
        english = english_phrases()
    assert english.search("Latest follow-up") and not english.search("Dernier suivi")


def test_the_scan_sees_what_it_looks_for():
    assert WRONG_IN["fr"].search("Note moyenne 3.66 /5")
    assert WRONG_IN["fr"].search("le 2025-05-15")
    assert WRONG_IN["fr"].search("15 May 2025")
    assert WRONG_IN["fr"].search("1,139 organisations")
    assert not WRONG_IN["fr"].search("3,66 sur 5 · 13,9\u00a0% · 1\u202f139 · 15 mai 2025 · version 1.2.3")
    assert WRONG_IN["en"].search("13,9 %")
    assert not WRONG_IN["en"].search("1,139 organizations, 13.9% on May 15, 2025")
