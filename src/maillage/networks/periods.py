"""A network's reporting periods: the fiscal year (April 1 – March 31, the default) or the calendar year.

Quebec's health and social services network, and CHSSN's baseline data report ("2012-2013"), work by fiscal
year; a network may choose the calendar year instead (`Network.reporting_period`). A period is named by the
year it begins: the fiscal year 2024 runs from 2024-04-01 to 2025-03-31 and is written "2024-2025".
These plain functions are the one place where a date meets its period, for reports, indicators and
scorecards alike.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

FISCAL_START_MONTH = 4


class ReportingPeriod(models.TextChoices):
    FISCAL = "fiscal", _("Fiscal year (April 1 – March 31)")
    CALENDAR = "calendar", _("Calendar year")


def is_fiscal(kind: str | None) -> bool:
    return kind != ReportingPeriod.CALENDAR


def period_of(day: datetime.date, kind: str | None = ReportingPeriod.FISCAL) -> int:
    """The year that names the period holding `day` (the year the fiscal year begins)."""
    if is_fiscal(kind) and day.month < FISCAL_START_MONTH:
        return day.year - 1
    return day.year


def period_bounds(
    year: int, kind: str | None = ReportingPeriod.FISCAL
) -> tuple[datetime.date, datetime.date]:
    """First and last day of the period named `year`."""
    if is_fiscal(kind):
        return datetime.date(year, FISCAL_START_MONTH, 1), datetime.date(year + 1, FISCAL_START_MONTH, 1) - (
            datetime.timedelta(days=1)
        )
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def period_label(year: int, kind: str | None = ReportingPeriod.FISCAL) -> str:
    """ "2024-2025" for a fiscal year, "2024" for a calendar year."""
    return f"{year}-{year + 1}" if is_fiscal(kind) else str(year)


def network_period_kind(networks: models.QuerySet) -> str:
    """The period of a set of networks: the calendar year only when every one of them chose it."""
    kinds = set(networks.values_list("reporting_period", flat=True).distinct()[:2])
    return ReportingPeriod.CALENDAR if kinds == {ReportingPeriod.CALENDAR} else ReportingPeriod.FISCAL
