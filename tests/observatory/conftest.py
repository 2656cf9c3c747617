"""The small demo of the report tests, for the pages walked here."""

from tests.reports.conftest import demo  # noqa: F401 - a fixture shared with the report tests
