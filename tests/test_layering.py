"""The apps' layering, read from their imports: arrows point down, no app imports another's views, apps read
the observatory through its public names only, and no two modules of an app import each other in a circle.

Imports are read with `ast` from every module under `src/maillage`, including imports inside functions
(they run too); imports under `if TYPE_CHECKING:` are left out, since they never run.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

import maillage.observatory

SOURCE = Path(__file__).resolve().parents[1] / "src" / "maillage"

# The layers, lowest first: an app may import its own layer and the layers below, never a layer above.
# - helpers with no app of their own (dates, lists, spreadsheet cells, settings);
# - the analysis core, which knows nothing of Django;
# - numbers and dates in the reader's language (the core's rules, the request's language);
# - the data apps, each over the ones it points to: users, the directory of organizations, networks and
#   their members, the audit trail, ties, surveys;
# - the observatory, the shared layer that reads a network's numbers for every page;
# - the feature apps, peers of one another;
# - the yearly report, which gathers the features;
# - what wires everything together: the API, the command line, the demo, privacy requests, the root URLs.
LAYERS: list[set[str]] = [
    {"dates", "formats", "listing", "security", "formrendering", "cells", "settings"},
    {"analysis"},
    {"formatting"},
    {"accounts"},
    {"directory"},
    {"networks"},
    {"audit"},
    {"ties"},
    {"surveys"},
    {"observatory"},
    {"exchange", "initiatives", "lessons", "concertation", "indicators", "leadership", "dashboards", "home"},
    {"reports"},
    {"api", "privacy", "demo", "operations", "views", "urls", "cli", "__main__", "wsgi"},
]
LAYER = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}

# Imports that still run up the layers, each with why it is there; the test fails when one disappears
# (remove it from this list) as when a new one appears (fix it, do not add it here).
KNOWN_UPWARD: set[tuple[str, str]] = set()


def _app(module: str) -> str:
    return module.split(".")[1]


# An app's pages gather what several apps hold (an organization's page lists its networks and ties, a
# network's page its ties and concertation spaces): they sit with the feature apps, above every data app.
PAGES = LAYER["dashboards"]


def _layer(module: str) -> int:
    if module.rpartition(".")[2].endswith(("views", "urls")) and LAYER[_app(module)] < PAGES:
        return PAGES
    return LAYER[_app(module)]


def _modules() -> dict[str, Path]:
    found = {}
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != "maillage" and "migrations" not in parts:
            found[name] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module an imported name lives in (`maillage.a.b.thing` → `maillage.a.b`)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(module: str) -> Iterator[tuple[str, int, str, list[str]]]:
    """(imported module, line, module as written, names) for each project import of `module`."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("maillage."):
            for alias in node.names:
                target = _resolve(f"{node.module}.{alias.name}")
                if target:
                    yield target, node.lineno, node.module, [alias.name]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name) if alias.name.startswith("maillage.") else None
                if target:
                    yield target, node.lineno, alias.name, []


GRAPH = {module: list(_imports(module)) for module in MODULES}


def _where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(SOURCE.parent)}:{line}"


def test_every_app_has_a_layer() -> None:
    unplaced = sorted({_app(m) for m in MODULES} - set(LAYER))
    assert not unplaced, f"place these in LAYERS: {unplaced}"


def test_no_import_runs_up_the_layers() -> None:
    upward = set()
    for module, imports in GRAPH.items():
        for target, line, _written, _names in imports:
            if _layer(target) > _layer(module):
                upward.add((module, target, _where(module, line)))
    new = sorted(item[2] + f" imports {item[1]}" for item in upward if item[:2] not in KNOWN_UPWARD)
    assert not new, "imports that run up the layers:\n" + "\n".join(new)
    gone = sorted(KNOWN_UPWARD - {item[:2] for item in upward})
    assert not gone, f"fixed, so remove from KNOWN_UPWARD: {gone}"


def test_no_app_imports_another_apps_views() -> None:
    found = [
        f"{_where(module, line)} imports {target}"
        for module, imports in GRAPH.items()
        for target, line, _written, _names in imports
        if _app(target) != _app(module) and ".views" in f"{target}." and _app(module) not in {"urls", "api"}
    ]
    assert not found, "\n".join(found)


def test_apps_read_the_observatory_by_its_public_names() -> None:
    public = set(maillage.observatory.__all__)
    found = []
    for module, imports in GRAPH.items():
        if _app(module) == "observatory":
            continue
        for _target, line, written, names in imports:
            if written.startswith("maillage.observatory.") or (
                written == "maillage.observatory" and not set(names) <= public
            ):
                found.append(f"{_where(module, line)} imports {written} {names}")
    assert not found, "import these from `maillage.observatory` (its __all__):\n" + "\n".join(found)


def _circles() -> list[list[str]]:
    """Groups of modules of one app that import each other (Tarjan's strongly connected components)."""
    edges = defaultdict(set)
    for module, imports in GRAPH.items():
        for target, *_rest in imports:
            if target != module and _app(target) == _app(module) and target in MODULES:
                edges[module].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(edges[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                circles.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(MODULES)))
    try:
        for module in sorted(MODULES):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return circles


def test_no_import_circle_inside_an_app() -> None:
    assert _circles() == []


@pytest.mark.parametrize("module", ["maillage.dashboards.warm", "maillage.reports.workers"])
def test_the_workers_import_no_view(module: str) -> None:
    assert not [target for target, *_rest in GRAPH[module] if target.endswith(".views")]
