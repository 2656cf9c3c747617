"""The eight impact measures: CHSSN's own words, written once and read everywhere."""

from __future__ import annotations

from pathlib import Path

from maillage.indicators import preload
from maillage.indicators.models import DataElement, Indicator
from maillage.surveys import builtin
from maillage.surveys.impact import IMPACT_CODES, IMPACT_MEASURES, impact_measure
from maillage.surveys.models import Question

SEED = Path(__file__).parents[1] / "data" / "chssn-baseline-2012-2013.md"
SOURCE = Path(__file__).parents[2] / "src" / "maillage"


def seed_measures() -> list[str]:
    text = SEED.read_text(encoding="utf-8").split("## Mesurer les répercussions", 1)[1]
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def test_the_french_wording_is_the_seeds_word_for_word():
    assert [m.fr for m in IMPACT_MEASURES] == seed_measures()
    assert [m.number for m in IMPACT_MEASURES] == list(range(1, 9))
    assert len(set(IMPACT_CODES)) == 8 and all(m.en and m.short_fr and m.short_en for m in IMPACT_MEASURES)


def test_the_two_parts_the_old_wordings_dropped_are_there():
    assert impact_measure("contact_frequency").fr.endswith("et à leurs compétences")
    vitality = impact_measure("community_vitality")
    assert "communautés de langue anglaise et le grand public" in vitality.fr
    assert "English-speaking communities and the general public" in vitality.en
    assert impact_measure("no_such_code") is None


def test_the_wording_lives_in_one_module_only():
    holders = {
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*")
        if path.suffix in (".py", ".html", ".po")
        for measure in IMPACT_MEASURES
        if measure.fr in path.read_text(encoding="utf-8")
    }
    assert holders == {"surveys/impact.py"}


def test_the_instrument_and_the_indicators_read_it(db):
    impact = next(i for i in builtin.instruments() if i["code"] == "impact")
    assert [(q["code"], q["text_fr"], q["text_en"]) for q in impact["questions"]] == [
        (m.code, m.fr, m.en) for m in IMPACT_MEASURES
    ]
    assert [(m.code, m.fr, m.en) for m in IMPACT_MEASURES] == preload.IMPACT
    for measure in IMPACT_MEASURES:  # what the migrations wrote in the database
        question = Question.objects.get(instrument__code="impact", code=measure.code)
        assert (question.text_fr, question.text_en) == (measure.fr, measure.en)
        indicator = Indicator.objects.get(code=f"impact_{measure.number}")
        assert (indicator.name_fr, indicator.name_en) == (measure.fr, measure.en)
        element = DataElement.objects.get(code=f"survey_{measure.code}")
        assert element.name_fr == measure.fr
