"""The preloaded registry read from its data file is the registry that used to be written as code."""

from __future__ import annotations

import hashlib
import json

from maillage.indicators import preload
from maillage.indicators.models import Indicator

# SHA-256 of the registry as the code wrote it before it moved to `indicators/data/registry.json`
# (elements and indicators, keys sorted): the file must load to exactly the same rows.
REGISTRY_AS_CODE = "1e99ad059e39763d16b47d28dfdfa92b58223c91b8ac1300a066e5000427c997"


def _canonical() -> str:
    elements = [list(row) for row in preload.elements()]
    rows = [
        {**row, "bands": [list(b) for b in row["bands"]]} if "bands" in row else row
        for row in preload.indicators()
    ]
    return json.dumps({"elements": elements, "indicators": rows}, sort_keys=True, ensure_ascii=False)


def test_the_loaded_registry_equals_the_one_written_as_code() -> None:
    assert hashlib.sha256(_canonical().encode()).hexdigest() == REGISTRY_AS_CODE


def test_the_registry_has_its_elements_indicators_and_bands() -> None:
    rows = {row["code"]: row for row in preload.indicators()}
    assert len(preload.elements()) == 32
    assert len(rows) == 31
    assert [code for code in rows if code.startswith("impact_")] == [f"impact_{n}" for n in range(1, 9)]
    assert rows["family_doctor_share"]["targets"] == {"2024": 75.0, "2025": 80.0}
    assert rows["er_visit_rate"]["bands"] == preload.bands("rate")
    assert preload.bands("percent")[0] == ("red", "Faible", "Low", None, 40.0)
    # Every indicator is a valid set of `Indicator` fields: no key the model does not know.
    fields = {field.name for field in Indicator._meta.get_fields()} | {"bands", "targets"}
    assert {key for row in rows.values() for key in row} <= fields
