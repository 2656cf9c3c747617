"""No page of the demo shows an internal code (`survey_…`, `response_rate`, a measure's code) to a reader.

The crawl starts from the home page of each demo account, in French and in English, and follows the
links it finds (two pages per kind of page), reading only the text a person sees.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from maillage.analysis.measures import MEASURES

CODES = re.compile(
    r"\b(survey_[a-z_]+|response_rate|partnership_growth|intersectoral_share|m_[a-z]+_?[a-z]*|"
    + "|".join(code for code in MEASURES if "_" in code)
    + r")\b"
)
# Pages that are files, or that change something, are not read.
SKIPPED = ("logout", "set_language", "export", "download", "feed", "map_data", "pdf", "delete", "job")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text of a page as a person reads it, and its links.

    Scripts, styles and attributes are not read, nor the identifiers an administrator's reference marks
    `class="technical"` (the codes that indicator formulas are written with, shown to administrators).
    """

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._open: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            href = values.get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.links.append(href.split("#")[0])
        if tag not in VOID:
            hidden = tag in ("script", "style", "template") or "technical" in (values.get("class") or "")
            self._open.append(hidden)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not any(self._open):
            self.text.append(data)


def crawl(client: Client, start: str, per_kind: int = 2, limit: int = 90) -> dict[str, str]:
    seen: dict[str, str] = {}
    kinds: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        # Django's administration is a tool for administrators, with its own model names: not crawled.
        if (
            name.startswith("admin:")
            or any(word in name for word in SKIPPED)
            or kinds.get(name, 0) >= per_kind
        ):
            continue
        kinds[name] = kinds.get(name, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        page = VisibleText()
        page.feed(response.content.decode())
        seen[url] = " ".join(page.text)
        queue.extend(link for link in page.links if link not in seen)
    return seen


@pytest.mark.parametrize("username", ["coordination", "membre", "region", "admin"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_shows_an_internal_code(demo, username, language):
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.cookies["django_language"] = language
    with translation.override(language):  # English addresses resolve under the English prefix
        pages = crawl(client, "/" if language == "fr" else "/en/")
    assert len(pages) > 15, "the crawl should reach the pages of the demo"
    leaks = {url: CODES.findall(text) for url, text in pages.items() if CODES.search(text)}
    assert not leaks, leaks
