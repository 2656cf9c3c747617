"""No template or script of ours needs what the Content-Security-Policy forbids.

Inline <script> bodies, on* event attributes, `javascript:` URLs and htmx's `hx-on` (which evaluates code)
would all be blocked in the browser: this test finds them in the source before a user does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "maillage"
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "static" not in p.parts)
OUR_SCRIPTS = sorted(p for p in (SRC / "static").glob("*/*.js") if p.parent.name != "vendor")
# Data islands are not executed; every other <script> must have a src and no body.
DATA_TYPES = {"application/json", "application/ld+json"}

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
HX_ON = re.compile(r"\shx-on(?::|-|\b)", re.IGNORECASE)
TYPE = re.compile(r"""type\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def problems_in(text: str) -> list[str]:
    found = []
    for match in SCRIPT.finditer(text):
        attributes, body = match.group(1), match.group(2)
        kind = TYPE.search(attributes)
        if kind and kind.group(1).lower() in DATA_TYPES:
            continue
        if body.strip():
            found.append(f"inline script body: {body.strip()[:60]!r}")
        if "src=" not in attributes:
            found.append("script without src")
    for tag in TAG.findall(text):
        if EVENT_ATTRIBUTE.search(tag):
            found.append(f"event attribute: {tag[:80]!r}")
        if HX_ON.search(tag):
            found.append(f"hx-on attribute: {tag[:80]!r}")
    if JS_URL.search(text):
        found.append("javascript: URL")
    return found


def test_the_scanner_finds_what_it_looks_for():
    assert problems_in("<script>alert(1)</script>")
    assert problems_in('<button onclick="go()">x</button>')
    assert problems_in('<a href="javascript:go()">x</a>')
    assert problems_in('<div hx-on:click="go()"></div>')
    assert not problems_in('<script src="/static/x.js" defer></script>')
    assert not problems_in('<script id="d" type="application/json">{"a": 1}</script>')
    assert not problems_in("<p>Read this on Monday = today</p>")


def test_there_are_templates_to_scan():
    assert len(TEMPLATES) > 30 and OUR_SCRIPTS


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(SRC)) for p in TEMPLATES])
def test_no_template_has_inline_script_or_event_attributes(path):
    assert problems_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", OUR_SCRIPTS, ids=[str(p.relative_to(SRC)) for p in OUR_SCRIPTS])
def test_our_scripts_do_not_evaluate_strings(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*[\"']", text)
