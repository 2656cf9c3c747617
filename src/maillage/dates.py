"""The dates Maillage accepts from people and scripts: from 1900 to 2100.

Python's dates reach year 1 and pandas' timestamps only 1677–2262: a date like 0001-01-01 typed in a
report's options reached pandas and answered a 500. Every date a person or a script gives (forms, query
parameters, the API) is checked against this range first and refused with a clear message (400/422).
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def in_range(day: datetime.date) -> bool:
    return EARLIEST <= day <= LATEST


def validate_date_in_range(day: datetime.date | None) -> None:
    if day is not None and not in_range(day):
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
            code="date_out_of_range",
        )


class BoundedDateField(forms.DateField):
    """A form's date field that refuses dates outside EARLIEST–LATEST."""

    default_validators = [validate_date_in_range]
