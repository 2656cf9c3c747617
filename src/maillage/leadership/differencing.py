"""The differencing audit: may one more average be published without letting anyone subtract it out?

An average over n people is published with n, so a reader knows the sum of those people's values.
Whoever controls who is in a group (a coordinator ends one membership) or reads two overlapping groups
(a network and the whole programme) gets several such sums over sets that differ a little, and by
subtracting them recovers one person's value: with four people and then three, the fourth person's level
exactly. The "at least 3 people" rule alone does not stop that.

So every published average is remembered as a linear form over the people's values (each value is a
*variable*, identified by a keyed hash of who, what, when and which level: a person who changes their
answer brings a new variable). A new average is published only if, together with every average already
published on the same variables, no secret becomes a linear combination of what is known. The secrets
are each single value and each person's own pillar average (the mean of their levels on the pillar's
competencies). The check is exact linear algebra on small matrices: the variables of one pillar and
one year form one block, never mixed with another.

No Django here, so that the property tests can drive it fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# One person's part of an average: the variables of their values (one for a competency; several, averaged
# with equal weights, for a pillar).
Person = tuple[str, ...]


@dataclass(frozen=True)
class Form:
    """A published average, as the people's parts it adds up (each part counts once, averaged)."""

    people: tuple[Person, ...]

    def coefficients(self) -> dict[str, float]:
        row: dict[str, float] = {}
        for part in self.people:
            for variable in part:
                row[variable] = row.get(variable, 0.0) + 1.0 / len(part)
        return row


def _secrets(forms: Iterable[Form]) -> list[dict[str, float]]:
    """Each single variable, and each person's own part (their average across several variables)."""
    secrets: dict[tuple[str, ...], dict[str, float]] = {}
    for form in forms:
        for part in form.people:
            for variable in part:
                secrets.setdefault((variable,), {variable: 1.0})
            if len(part) > 1:
                secrets.setdefault(tuple(sorted(part)), {v: 1.0 / len(part) for v in part})
    return list(secrets.values())


def reveals_someone(forms: Sequence[Form], tolerance: float = 1e-9) -> bool:
    """Whether some secret lies in the span of the forms (it can be computed from the published sums)."""
    if not forms:
        return False
    rows = [form.coefficients() for form in forms]
    secrets = _secrets(forms)
    index: dict[str, int] = {}
    for row in rows + secrets:
        for variable in row:
            index.setdefault(variable, len(index))
    matrix = np.zeros((len(rows), len(index)))
    for i, row in enumerate(rows):
        for variable, weight in row.items():
            matrix[i, index[variable]] = weight
    wanted = np.zeros((len(secrets), len(index)))
    for i, secret in enumerate(secrets):
        for variable, weight in secret.items():
            wanted[i, index[variable]] = weight
    _u, singular, vt = np.linalg.svd(matrix, full_matrices=False)
    basis = vt[singular > tolerance * max(1.0, float(singular.max(initial=0.0)))]
    residual = wanted - (wanted @ basis.T) @ basis
    return bool((np.linalg.norm(residual, axis=1) < 1e-7).any())


def may_publish(form: Form, published: Sequence[Form], min_group: int) -> bool:
    """At least `min_group` people, and nothing recoverable once this form joins the published ones."""
    if len(form.people) < min_group:
        return False
    return not reveals_someone([*published, form])
