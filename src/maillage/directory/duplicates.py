"""Organizations a new one may duplicate: the same normalised name, or a close one.

The create form asks for a confirmation when the name it is given is already in the directory under
another spelling ("CENTRE D'ENTRAIDE EOLE inc." for "Centre d'entraide Éole"), is a near miss ("Centre
d'entriade Éole"), or is drawn with look-alike letters of another script. It uses the import's matcher
(`directory.names`): one index of the directory's names per state of the directory, kept by the process,
so that a check is a few milliseconds and not a pass over every organization.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from maillage.directory.models import Organization
from maillage.directory.names import FUZZY_THRESHOLD, NameIndex, normalize_name
from maillage.directory.text import has_lookalikes

SHOWN = 5  # candidates listed under the form


@dataclass(frozen=True)
class PossibleDuplicate:
    organization: Organization
    score: float  # 100: the same name once case, accents, punctuation and legal forms are set aside
    lookalike: bool  # the new name mixes Latin letters with look-alikes of another script


class _DirectoryNames:
    """The directory's normalised names, indexed, with the organizations bearing each."""

    def __init__(self) -> None:
        self.state: tuple[int, float] | None = None
        self.index = NameIndex()
        self.owners: dict[str, list[int]] = {}
        self.lock = threading.Lock()

    def current(self) -> tuple[NameIndex, dict[str, list[int]]]:
        found = Organization.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
        state = (found["count"], found["changed"].timestamp() if found["changed"] else 0.0)
        with self.lock:
            if state != self.state:
                owners: dict[str, list[int]] = {}
                for pk, *names in Organization.objects.values_list("pk", "name_fr", "name_en"):
                    for key in {normalize_name(name) for name in names if name}:
                        if key:
                            owners.setdefault(key, []).append(pk)
                self.index, self.owners, self.state = NameIndex(owners), owners, state
            return self.index, self.owners


_DIRECTORY = _DirectoryNames()


def possible_duplicates(names: list[str], exclude_pk: int | None = None) -> list[PossibleDuplicate]:
    """Organizations whose name is the same as, or close to, one of `names`, best first."""
    index, owners = _DIRECTORY.current()
    best: dict[int, float] = {}
    for name in names:
        key = normalize_name(name) if name else ""
        if not key:
            continue
        for found, score in index.close(key, FUZZY_THRESHOLD, limit=SHOWN):
            for pk in owners.get(found, []):
                if pk != exclude_pk:
                    best[pk] = max(best.get(pk, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:SHOWN]
    organizations = Organization.objects.select_related("sector", "territory").in_bulk(
        [pk for pk, _ in ranked]
    )
    lookalike = any(has_lookalikes(name) for name in names if name)
    return [
        PossibleDuplicate(organizations[pk], score, lookalike) for pk, score in ranked if pk in organizations
    ]


def confirmation_token(names: list[str]) -> str:
    """What the form carries once a person has seen the warning for these names: changing the name
    afterwards brings the warning back."""
    return "|".join(normalize_name(name) for name in names)
