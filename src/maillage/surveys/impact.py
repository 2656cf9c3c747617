"""CHSSN's eight impact measures, worded once.

The French is the wording of CHSSN's baseline data report (*Rapport des données de base 2012-2013*, section
"Mesurer les répercussions"), copied word for word; the English renders it faithfully. The survey instrument
(`surveys.builtin`), the preloaded indicators (`indicators.preload`), the indicator scorecard, the yearly
report and the catalogue of headline measures all read this tuple, so the eight measures have one wording.

Codes are stable: survey answers are stored by code (see docs/surveys.md), so a wording corrected here (and
written to the database by a migration calling `surveys.builtin.load_instruments`) keeps every answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from maillage.directory.i18n import pick_language


@dataclass(frozen=True)
class ImpactMeasure:
    number: int
    code: str
    fr: str
    en: str
    short_fr: str
    short_en: str

    @property
    def text(self) -> str:
        """The full wording in the active language."""
        return pick_language(self.fr, self.en)

    @property
    def short(self) -> str:
        """A short label for charts and narrow tables, in the active language."""
        return pick_language(self.short_fr, self.short_en)


IMPACT_MEASURES: tuple[ImpactMeasure, ...] = (
    ImpactMeasure(
        1,
        "partnership_growth",
        "Croissance des partenariats et élargissement de leur influence",
        "Growth of partnerships and widening of their influence",
        "Partenariats et influence",
        "Partnerships and influence",
    ),
    ImpactMeasure(
        2,
        "needs_awareness",
        "Niveau de conscientisation des besoins communautaires et des ressources",
        "Level of awareness of community needs and resources",
        "Besoins et ressources",
        "Needs and resources",
    ),
    ImpactMeasure(
        3,
        "information_access",
        "Niveau d'accès à l'information sur les services de santé et les services sociaux",
        "Level of access to information on health and social services",
        "Accès à l'information",
        "Access to information",
    ),
    ImpactMeasure(
        4,
        "provider_competence",
        "Compétence en matière de communication et attitude des pourvoyeurs des services de santé et "
        "services sociaux",
        "Communication competence and attitude of health and social service providers",
        "Communication des prestataires",
        "Providers' communication",
    ),
    ImpactMeasure(
        5,
        "contact_frequency",
        "Fréquence dans les contacts entre membres de la communauté et professionnels de la santé et à "
        "leurs compétences",
        "Frequency of contacts between community members and health professionals, and access to their "
        "competencies",
        "Contacts avec les professionnels",
        "Contacts with professionals",
    ),
    ImpactMeasure(
        6,
        "community_inclusion",
        "Degré d'inclusion de la communauté dans la planification régionale et la prise de décision en "
        "matière des services sociaux et services de santé",
        "Degree of inclusion of the community in regional planning and decision-making on social and "
        "health services",
        "Inclusion dans la planification",
        "Inclusion in planning",
    ),
    ImpactMeasure(
        7,
        "service_innovation",
        "Innovation dans la fourniture des services",
        "Innovation in service delivery",
        "Innovation",
        "Innovation",
    ),
    ImpactMeasure(
        8,
        "community_vitality",
        "Vision de dynamisme renouvelée ou « qualité de vie » pour les communautés de langue anglaise et le "
        "grand public du Québec.",
        "A renewed vision of vitality, or “quality of life”, for the English-speaking communities and the "
        "general public of Quebec.",
        "Vitalité et qualité de vie",
        "Vitality and quality of life",
    ),
)

IMPACT_CODES: tuple[str, ...] = tuple(m.code for m in IMPACT_MEASURES)


def impact_measure(code: str) -> ImpactMeasure | None:
    """The measure of this code, or None for any other code."""
    return next((m for m in IMPACT_MEASURES if m.code == code), None)
