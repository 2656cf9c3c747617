"""The preloaded registry: CHSSN's eight impact measures, the population-responsibility objectives and
network-process indicators. Loaded by a data migration; every row stays editable in the admin.

The impact measures keep CHSSN's own words (`surveys.impact`); the other wording is ours; the structure
follows the seeds (DOMAIN.md: "Measuring impact", Table 1 of the
OQRLS report, and "no indicator recognises collaborative work" → process indicators).
"""

from __future__ import annotations

from typing import Any

from maillage.surveys.impact import IMPACT_MEASURES

PERCENT_BANDS = [
    ("red", "Faible", "Low", None, 40.0),
    ("amber", "Moyen", "Medium", 40.0, 70.0),
    ("green", "Élevé", "High", 70.0, None),
]
SCORE_BANDS = [
    ("red", "Faible", "Low", None, 2.5),
    ("amber", "Moyen", "Medium", 2.5, 3.5),
    ("green", "Élevé", "High", 3.5, None),
]
RATE_BANDS = [
    ("green", "Bas", "Low", None, 150.0),
    ("amber", "À surveiller", "Watch", 150.0, 250.0),
    ("red", "Élevé", "High", 250.0, None),
]

# The eight impact measures keep the one wording of `surveys.impact` (CHSSN's own words).
IMPACT = [(m.code, m.fr, m.en) for m in IMPACT_MEASURES]

# code, source, parameter, name fr, name en
ELEMENTS: list[tuple[str, str, str, str, str]] = [
    (
        "er_visits",
        "manual",
        "",
        "Visites à l'urgence du groupe cible",
        "Emergency-room visits of the target group",
    ),
    (
        "hospitalisations",
        "manual",
        "",
        "Hospitalisations du groupe cible",
        "Hospitalisations of the target group",
    ),
    ("target_population", "manual", "", "Personnes du groupe cible", "People in the target group"),
    (
        "family_doctor",
        "manual",
        "",
        "Personnes du groupe cible ayant un médecin de famille",
        "People of the target group with a family doctor",
    ),
    ("ltc_places_freed", "manual", "", "Places d'hébergement libérées", "Long-term-care places freed"),
    (
        "prevention_participants",
        "manual",
        "",
        "Participants aux activités de prévention",
        "Participants in prevention activities",
    ),
    ("info_requests", "manual", "", "Demandes d'information répondues", "Information requests answered"),
    ("referrals", "manual", "", "Références entre partenaires", "Referrals between partners"),
    (
        "service_cost",
        "manual",
        "",
        "Coût des services au groupe cible ($)",
        "Cost of services to the target group ($)",
    ),
    ("shared_resources", "manual", "", "Ressources mises en commun", "Resources pooled"),
    ("joint_projects", "manual", "", "Projets communs en cours", "Joint projects under way"),
    ("meetings_held", "manual", "", "Rencontres du réseau", "Network meetings held"),
    ("meeting_attendance", "manual", "", "Présences aux rencontres", "Attendance at meetings"),
    ("citizen_seats", "manual", "", "Sièges de citoyens aux instances", "Citizen seats in planning bodies"),
    ("response_rate", "response_rate", "", "Taux de réponse à l'enquête", "Survey response rate"),
    *[(f"survey_{code}", "survey_mean", code, fr, en) for code, fr, en in IMPACT],
    ("m_density", "metric", "density", "Densité du réseau", "Network density"),
    (
        "m_intersectoral",
        "metric",
        "intersectoral_share",
        "Liens entre secteurs",
        "Ties between sectors",
    ),
    ("m_formal", "metric", "formal_share", "Part des liens formels", "Share of formal ties"),
    ("m_trust", "metric", "trust", "Confiance", "Trust"),
    ("m_value", "metric", "value", "Valeur", "Value"),
    ("m_ties", "metric", "ties", "Liens", "Ties"),
    ("m_growth", "metric", "partnership_growth", "Croissance des liens", "Growth of ties"),
    ("m_members", "metric", "members", "Membres actifs", "Active members"),
    (
        "m_participation",
        "metric",
        "participation",
        "Membres ayant au moins un lien",
        "Members with at least one tie",
    ),
]


def _indicator(code: str, fr: str, en: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "name_fr": fr, "name_en": en, **fields}


def indicators() -> list[dict[str, Any]]:
    impact = [
        _indicator(
            f"impact_{n}",
            fr,
            en,
            family="impact",
            rba_kind="better_off",
            unit="/5",
            numerator=f"survey_{code}",
            decimals=2,
            aggregation="mean",
            order=n,
            bands=SCORE_BANDS,
            definition_fr=f"Moyenne des réponses des partenaires (1 à 5) à la mesure d'impact no {n}.",
            definition_en=f"Partners' mean answer (1 to 5) to impact measure no. {n}.",
        )
        for n, (code, fr, en) in enumerate(IMPACT, start=1)
    ]
    population = [
        _indicator(
            "er_visit_rate",
            "Visites à l'urgence pour 1 000 personnes",
            "ER visits per 1,000 people",
            family="population",
            objective="health",
            rba_kind="population",
            unit="‰",
            direction="lower",
            numerator="er_visits",
            denominator="target_population",
            factor=1000,
            aggregation="ratio",
            order=1,
            bands=RATE_BANDS,
            definition_fr="Défi : prévention, pertinence et qualité. Un usage plus efficace de l'urgence.",
            definition_en="Challenge: prevention, relevance and quality. A more efficient use of the ER.",
        ),
        _indicator(
            "hospitalisation_rate",
            "Hospitalisations pour 1 000 personnes",
            "Hospitalisations per 1,000 people",
            family="population",
            objective="health",
            rba_kind="population",
            unit="‰",
            direction="lower",
            numerator="hospitalisations",
            denominator="target_population",
            factor=1000,
            aggregation="ratio",
            order=2,
            definition_fr="Défi : prévention. Un taux d'hospitalisation plus bas.",
            definition_en="Challenge: prevention. A lower hospitalisation rate.",
        ),
        _indicator(
            "prevention_reach",
            "Portée des activités de prévention",
            "Reach of prevention activities",
            family="population",
            objective="health",
            rba_kind="better_off",
            unit="%",
            numerator="prevention_participants",
            denominator="target_population",
            factor=100,
            aggregation="ratio",
            order=3,
            bands=PERCENT_BANDS,
            definition_fr="Action intersectorielle sur les déterminants : part du groupe cible rejointe.",
            definition_en="Intersectoral action on determinants: share of the target group reached.",
        ),
        _indicator(
            "family_doctor_share",
            "Accès à un médecin de famille",
            "Access to a family doctor",
            family="population",
            objective="experience",
            rba_kind="population",
            unit="%",
            numerator="family_doctor",
            denominator="target_population",
            factor=100,
            aggregation="ratio",
            order=4,
            bands=PERCENT_BANDS,
            targets={"2024": 75.0, "2025": 80.0},
            definition_fr="Défi : accès, intégration. Part du groupe cible ayant un médecin de famille.",
            definition_en="Challenge: access, integration. Share of the target group with a family doctor.",
        ),
        _indicator(
            "info_requests_answered",
            "Demandes d'information répondues",
            "Information requests answered",
            family="population",
            objective="experience",
            rba_kind="how_much",
            unit="",
            numerator="info_requests",
            decimals=0,
            aggregation="sum",
            order=5,
            definition_fr="Accès à l'information sur les services sociaux et de santé.",
            definition_en="Access to information on health and social services.",
        ),
        _indicator(
            "referral_count",
            "Références entre partenaires",
            "Referrals between partners",
            family="population",
            objective="experience",
            rba_kind="how_much",
            numerator="referrals",
            decimals=0,
            aggregation="sum",
            order=6,
            definition_fr="Maillage des expertises : utilisation selon les besoins.",
            definition_en="Meshing of expertise: use according to needs.",
        ),
        _indicator(
            "ltc_freed",
            "Places d'hébergement libérées",
            "Long-term-care places freed",
            family="population",
            objective="costs",
            rba_kind="better_off",
            numerator="ltc_places_freed",
            decimals=0,
            aggregation="sum",
            period_type="quarter",
            order=7,
            definition_fr="Défi : utilisation appropriée. Saisi par trimestre, additionné sur l'année.",
            definition_en="Challenge: appropriate use. Entered per quarter, summed over the year.",
        ),
        _indicator(
            "cost_per_person",
            "Coût par personne du groupe cible",
            "Cost per person of the target group",
            family="population",
            objective="costs",
            rba_kind="how_well",
            unit="$",
            direction="lower",
            numerator="service_cost",
            denominator="target_population",
            decimals=0,
            aggregation="ratio",
            order=8,
            definition_fr="Optimisation des processus, gains d'efficience.",
            definition_en="Process optimisation, efficiency gains.",
        ),
        _indicator(
            "pooled_resources",
            "Ressources mises en commun",
            "Resources pooled",
            family="population",
            objective="costs",
            rba_kind="how_much",
            numerator="shared_resources",
            decimals=0,
            aggregation="sum",
            order=9,
            definition_fr="Partage des ressources entre partenaires.",
            definition_en="Sharing resources among partners.",
        ),
    ]
    process = [
        _indicator(
            "density",
            "Densité du réseau",
            "Network density",
            unit="%",
            numerator="m_density",
            rba_kind="how_well",
            aggregation="mean",
            order=1,
            bands=PERCENT_BANDS,
        ),
        _indicator(
            "intersectoral_share",
            "Liens intersectoriels",
            "Intersectoral ties",
            unit="%",
            numerator="m_intersectoral",
            rba_kind="how_well",
            aggregation="mean",
            order=2,
            bands=PERCENT_BANDS,
            targets={"2025": 60.0},
        ),
        _indicator(
            "formal_share",
            "Liens formels",
            "Formal ties",
            unit="%",
            numerator="m_formal",
            rba_kind="how_well",
            aggregation="mean",
            order=3,
        ),
        _indicator(
            "trust",
            "Confiance entre partenaires",
            "Trust between partners",
            unit="%",
            numerator="m_trust",
            rba_kind="how_well",
            aggregation="mean",
            order=4,
            bands=PERCENT_BANDS,
        ),
        _indicator(
            "value",
            "Valeur des partenaires",
            "Partners' value",
            unit="%",
            numerator="m_value",
            rba_kind="how_well",
            aggregation="mean",
            order=5,
            bands=PERCENT_BANDS,
        ),
        _indicator(
            "partnership_growth",
            "Croissance des partenariats",
            "Partnership growth",
            unit="%",
            numerator="m_growth",
            rba_kind="better_off",
            aggregation="mean",
            order=6,
        ),
        _indicator(
            "survey_response",
            "Taux de réponse à l'enquête",
            "Survey response rate",
            unit="%",
            numerator="response_rate",
            rba_kind="how_well",
            aggregation="mean",
            order=7,
            bands=PERCENT_BANDS,
        ),
        _indicator(
            "participation",
            "Participation des membres",
            "Members' participation",
            unit="%",
            numerator="m_participation",
            rba_kind="how_well",
            aggregation="mean",
            order=8,
            bands=PERCENT_BANDS,
        ),
        _indicator(
            "attendance",
            "Assiduité aux rencontres",
            "Attendance at meetings",
            unit="%",
            numerator="meeting_attendance",
            denominator="meetings_held * m_members",
            factor=100,
            rba_kind="how_well",
            aggregation="weighted_mean",
            order=9,
            bands=PERCENT_BANDS,
        ),
        _indicator(
            "tie_count",
            "Liens actifs",
            "Active ties",
            numerator="m_ties",
            decimals=0,
            rba_kind="how_much",
            aggregation="sum",
            order=10,
        ),
        _indicator(
            "member_count",
            "Membres actifs",
            "Active members",
            numerator="m_members",
            decimals=0,
            rba_kind="how_much",
            aggregation="sum",
            order=11,
        ),
        _indicator(
            "meeting_count",
            "Rencontres du réseau",
            "Network meetings",
            numerator="meetings_held",
            decimals=0,
            rba_kind="how_much",
            aggregation="sum",
            order=12,
        ),
        _indicator(
            "joint_project_count",
            "Projets communs",
            "Joint projects",
            numerator="joint_projects",
            decimals=0,
            rba_kind="how_much",
            aggregation="sum",
            order=13,
        ),
        _indicator(
            "citizen_seat_count",
            "Sièges citoyens",
            "Citizen seats",
            numerator="citizen_seats",
            decimals=0,
            rba_kind="better_off",
            aggregation="sum",
            order=14,
        ),
    ]
    for row in process:
        row.setdefault("family", "process")
        row.setdefault("definition_fr", "Indicateur de processus : reconnaît le travail en réseau lui-même.")
        row.setdefault("definition_en", "Process indicator: recognises the network work itself.")
    return impact + population + process


def load_registry(apps: Any) -> None:
    """Create the preloaded elements and indicators that are missing; rows edited since are left alone."""
    element_model = apps.get_model("indicators", "DataElement")
    indicator_model = apps.get_model("indicators", "Indicator")
    target_model = apps.get_model("indicators", "IndicatorTarget")
    band_model = apps.get_model("indicators", "LegendBand")
    for code, source, parameter, fr, en in ELEMENTS:
        element_model.objects.get_or_create(
            code=code, defaults={"source": source, "parameter": parameter, "name_fr": fr, "name_en": en}
        )
    for data in indicators():
        data = dict(data)
        bands, targets = data.pop("bands", []), data.pop("targets", {})
        indicator, created = indicator_model.objects.get_or_create(code=data.pop("code"), defaults=data)
        if not created:
            continue
        for colour, label_fr, label_en, lower, upper in bands:
            band_model.objects.create(
                indicator=indicator,
                colour=colour,
                label_fr=label_fr,
                label_en=label_en,
                lower=lower,
                upper=upper,
            )
        for period, value in targets.items():
            target_model.objects.create(indicator=indicator, period=period, value=value)
