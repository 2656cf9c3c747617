"""The analysis core must run without Django: notebooks and the CLI import it bare."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import maillage.analysis

PACKAGE = Path(maillage.analysis.__file__).parent


def test_no_module_below_analysis_imports_django() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] == "django"]
    assert offenders == []


def test_importing_every_module_leaves_django_unloaded() -> None:
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('maillage.analysis.' + name)\n"
        "print('django' in sys.modules)\n"
    )
    src = str(PACKAGE.parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == "False"
