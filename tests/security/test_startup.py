"""The app refuses to serve with debug off and the development secret key (anyone could forge sessions).

Each case starts a fresh interpreter with a production-like environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _run(
    code_or_args: list[str], environment: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MAILLAGE_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env |= environment | {"PYTHONPATH": str(SRC), "MAILLAGE_VAR_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, *code_or_args], env=env, capture_output=True, text=True, timeout=120
    )


def test_wsgi_refuses_the_development_key_with_debug_off(tmp_path):
    refused = _run(["-c", "import maillage.wsgi"], {"MAILLAGE_DEBUG": "false"}, tmp_path)
    assert refused.returncode != 0
    assert "development secret key" in refused.stderr


def test_wsgi_starts_with_a_real_key_or_in_debug(tmp_path):
    real = _run(["-c", "import maillage.wsgi"], {"MAILLAGE_SECRET_KEY": "k" * 60}, tmp_path)
    assert real.returncode == 0, real.stderr
    debug = _run(["-c", "import maillage.wsgi"], {"MAILLAGE_DEBUG": "true"}, tmp_path)
    assert debug.returncode == 0, debug.stderr


def test_runserver_refuses_too_and_says_why(tmp_path):
    refused = _run(["-m", "maillage", "runserver", "--noreload", "127.0.0.1:0"], {}, tmp_path)
    assert refused.returncode == 1
    assert "MAILLAGE_SECRET_KEY" in refused.stderr


def test_other_commands_still_run_on_a_development_machine(tmp_path):
    done = _run(["-m", "maillage", "check"], {}, tmp_path)
    assert done.returncode == 0, done.stderr


def test_the_proxy_example_lets_the_apps_largest_upload_through():
    """The nginx example refused at 25 MB what the app accepts up to 50 MB (a 413 from the proxy)."""
    import re

    from maillage.exchange.reading import MAX_BYTES

    text = (SRC.parent / "docs" / "deployment.md").read_text(encoding="utf-8")
    sizes = [int(m) * 1024 * 1024 for m in re.findall(r"client_max_body_size (\d+)m;", text)]
    assert sizes, "the example sets client_max_body_size"
    assert all(MAX_BYTES < size <= MAX_BYTES + 5 * 1024 * 1024 for size in sizes)
