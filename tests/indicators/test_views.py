"""The pages: who may see and change what, validation next to the field, the audit trail, imports."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from maillage.indicators.models import DataValue, ValueChange
from tests.conftest import client_for
from tests.indicators.helpers import value

pytestmark = pytest.mark.django_db
ROLES = ["coordinator", "member", "outsider", "viewer", "admin"]


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def value_cell(page: str, code: str) -> str:
    """The text of the value column of one indicator's row."""
    row = page[page.index(f'data-code="{code}"') :]
    return re.sub(r"<[^>]+>", "", row.split("</td>")[1]).split()[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("indicators:network", [200, 200, 403, 200, 200]),
        ("indicators:values", [200, 200, 403, 200, 200]),
        ("indicators:import", [200, 403, 403, 403, 200]),
    ],
)
def test_network_pages_for_each_role(people, network_a, name, expected):
    for role, status in zip(ROLES, expected, strict=True):
        response = client_for(people[role]).get(reverse(name, kwargs={"pk": network_a.pk}))
        assert response.status_code == status, role


def test_pages_ask_anonymous_visitors_to_sign_in(network_a, rls):
    urls = [
        reverse("indicators:network", kwargs={"pk": network_a.pk}),
        reverse("indicators:province"),
        reverse("indicators:territory", kwargs={"pk": rls.pk}),
        reverse("indicators:compare"),
    ]
    for url in urls:
        assert client_for(None).get(url).status_code == 302


def test_the_scorecard_shows_value_target_band_label_and_sparkline(coordinator, network_a):
    for year, number in ((2023, 50), (2024, 60), (2025, 85)):
        value(network_a, "family_doctor", str(year), number)
        value(network_a, "target_population", str(year), 100)
    page = (
        client_for(coordinator).get(en("indicators:network", pk=network_a.pk) + "?year=2025").content.decode()
    )
    assert "Is anyone better off?" in page and "Population indicator" in page
    row = page[page.index('data-code="family_doctor_share"') :][:2500]
    assert "85.0" in row and "80.0" in row  # value and target
    assert 'class="band band-green">High<' in row  # the label, not the colour alone
    assert "<svg" in row and "2025: 85.0" in row  # sparkline with its numbers for screen readers


def test_a_bad_year_falls_back_instead_of_failing(coordinator, network_a):
    response = client_for(coordinator).get(
        reverse("indicators:network", kwargs={"pk": network_a.pk}) + "?year=<x>"
    )
    assert response.status_code == 200


def test_territory_and_province_scorecards_count_only_readable_networks(
    outsider, viewer, network_a, network_b, rls
):
    value(network_a, "referrals", "2024", 5)
    value(network_b, "referrals", "2024", 7)
    page = client_for(outsider).get(en("indicators:province") + "?year=2024").content.decode()
    assert "1 network" in page
    assert value_cell(page, "referral_count") == "7"
    page = client_for(viewer).get(en("indicators:territory", pk=rls.pk) + "?year=2024").content.decode()
    assert value_cell(page, "referral_count") == "5"


def test_the_comparison_table_by_network_region_and_kind(admin, network_a, network_b):
    value(network_a, "meetings_held", "2024", 4)
    value(network_b, "meetings_held", "2024", 6)
    client = client_for(admin)
    page = client.get(en("indicators:compare") + "?year=2024&family=process").content.decode()
    assert "Network A" in page and "Réseau B" in page and "Network meetings" in page
    for by in ("region", "kind"):
        response = client.get(en("indicators:compare") + f"?year=2024&family=process&by={by}")
        assert response.status_code == 200
    page = client.get(en("indicators:compare") + "?by=nonsense&family=<script>").content.decode()
    assert "<script>" not in page


def test_the_time_series_has_a_chart_and_a_table(member, network_a):
    value(network_a, "referrals", "2024", 9)
    response = client_for(member).get(
        en("indicators:series", pk=network_a.pk, code="referral_count") + "?year=2025"
    )
    page = response.content.decode()
    assert 'id="chart-spec-series"' in page and '"$schema"' in page
    assert "<td>2024</td><td>9.0</td>" in page
    missing = client_for(member).get(
        reverse("indicators:series", kwargs={"pk": network_a.pk, "code": "nope"})
    )
    assert missing.status_code == 404


def test_the_registry_lists_definitions(member, admin):
    page = client_for(member).get(en("indicators:registry")).content.decode()
    assert "Recomputed from the summed numerator and denominator" in page
    # Formulas name their data elements; the codes formulas are written with are for administrators only.
    assert "“Emergency-room visits of the target group”" in page
    assert "er_visits" not in page
    assert "er_visits" in client_for(admin).get(en("indicators:registry")).content.decode()


def post_value(user, network, **data):
    fields = {"element": "", "period": "2024", "value": "1"}
    from maillage.indicators.models import DataElement

    fields["element"] = str(DataElement.objects.get(code=data.pop("code", "referrals")).pk)
    return client_for(user).post(en("indicators:values", pk=network.pk), fields | data)


def test_a_coordinator_enters_a_value_and_the_history_records_it(coordinator, network_a):
    assert post_value(coordinator, network_a, value="12,5").status_code == 302
    assert post_value(coordinator, network_a, value="14").status_code == 302
    saved = DataValue.objects.get(network=network_a, element__code="referrals", period="2024")
    assert saved.value == 14.0 and saved.updated_by == coordinator
    changes = list(
        ValueChange.objects.filter(network=network_a).order_by("id").values_list("old_value", "new_value")
    )
    assert changes == [(None, 12.5), (12.5, 14.0)]
    page = client_for(coordinator).get(en("indicators:values", pk=network_a.pk)).content.decode()
    assert "12.5 → 14" in page and "coordinator" in page


def test_others_cannot_enter_values(member, outsider, viewer, network_a):
    for user in (member, outsider, viewer):
        assert post_value(user, network_a).status_code == 403
    assert not DataValue.objects.exists()


def test_bad_values_are_explained_next_to_the_field(coordinator, network_a):
    response = post_value(coordinator, network_a, value="<script>alert(1)</script>", period="someday")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write a number" in page and "Write a year" in page and "<script>alert" not in page
    response = post_value(coordinator, network_a, value="9" * 40)
    assert response.status_code == 200 and not DataValue.objects.exists()


def test_element_bounds_are_enforced(coordinator, network_a):
    from maillage.indicators.models import DataElement

    DataElement.objects.filter(code="referrals").update(min_value=0)
    page = post_value(coordinator, network_a, value="-3").content.decode()
    assert "below the smallest allowed value" in page and not DataValue.objects.exists()


def test_deleting_a_value_is_recorded(people, network_a):
    saved = value(network_a, "referrals", "2024", 3)
    url = en("indicators:value_delete", pk=network_a.pk, value_pk=saved.pk)
    for role in ("member", "outsider", "viewer"):
        assert client_for(people[role]).post(url).status_code == 403, role
    assert client_for(people["coordinator"]).get(url).status_code == 405  # POST only
    assert client_for(people["coordinator"]).post(url).status_code == 302
    assert not DataValue.objects.exists()
    assert ValueChange.objects.get().new_value is None
    again = value(network_a, "referrals", "2025", 4)
    admin_url = en("indicators:value_delete", pk=network_a.pk, value_pk=again.pk)
    assert client_for(people["admin"]).post(admin_url).status_code == 302
    assert client_for(None).post(admin_url).status_code == 302  # to sign in


def upload(user, network, content: bytes, name: str = "values.csv", apply: bool = False):
    data = {"file": SimpleUploadedFile(name, content)}
    if apply:
        data["apply"] = "on"
    return client_for(user).post(en("indicators:import", pk=network.pk), data)


WINDOWS_CSV = "\ufeffélément;période;valeur\r\nreferrals;2024;12,5\r\nmeetings_held;2024-T2;4\r\n".encode(
    "utf-8"
)


def test_a_dry_run_saves_nothing(coordinator, network_a):
    page = upload(coordinator, network_a, WINDOWS_CSV).content.decode()
    assert "2 values are ready" in page and "2024-Q2" in page
    assert not DataValue.objects.exists()


def test_apply_saves_every_row_and_records_it(coordinator, network_a):
    assert upload(coordinator, network_a, WINDOWS_CSV, apply=True).status_code == 302
    assert DataValue.objects.get(element__code="referrals").value == 12.5
    assert ValueChange.objects.filter(origin="imported").count() == 2


def test_windows_1252_is_read(coordinator, network_a):
    content = "Élément;Période;Valeur\nreferrals;2023;7\n".encode("cp1252")
    assert upload(coordinator, network_a, content, apply=True).status_code == 302
    assert DataValue.objects.get().period == "2023"


def test_one_bad_row_means_nothing_is_saved(coordinator, network_a):
    content = (
        b"element,period,value\nreferrals,2024,3\nnope,2024,1\nreferrals,20x4,2\nreferrals,2024,4\n"
        b"<script>,2024,x\n"
    )
    page = upload(coordinator, network_a, content, apply=True).content.decode()
    assert "Line 3: unknown data element" in page and "Line 4:" in page and "Line 5: the same element" in page
    assert "&lt;script&gt;" in page and "<script>," not in page
    assert not DataValue.objects.exists()


def test_missing_columns_and_wrong_files_are_explained(coordinator, network_a):
    assert "is missing" in upload(coordinator, network_a, b"a;b\n1;2\n").content.decode()
    assert (
        "Send a .csv or .xlsx file"
        in upload(coordinator, network_a, b"x", name="values.exe").content.decode()
    )
    assert "could not be read" in upload(coordinator, network_a, b"not a zip", name="v.xlsx").content.decode()


def test_xlsx_files_are_read(coordinator, network_a):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["element", "period", "value"])
    sheet.append(["referrals", 2024, 8])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert upload(coordinator, network_a, buffer.getvalue(), name="v.xlsx", apply=True).status_code == 302
    assert DataValue.objects.get().value == 8.0


def test_outsiders_cannot_import(outsider, network_a):
    assert upload(outsider, network_a, WINDOWS_CSV, apply=True).status_code == 403
    assert not DataValue.objects.exists()


def test_the_values_page_costs_the_same_for_few_and_many_values(
    coordinator, network_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator)
    url = en("indicators:values", pk=network_a.pk)
    for year in range(2000, 2003):
        value(network_a, "referrals", str(year), year)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in range(2003, 2040):
        value(network_a, "referrals", str(year), year)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
