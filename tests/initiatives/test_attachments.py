"""Attachments: PDF, PNG and JPEG only, checked by content, under a size limit; served only to readers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from maillage.initiatives.forms import AttachmentForm
from maillage.initiatives.models import Attachment
from tests.conftest import client_for

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name: str, content: bytes) -> dict:
    return {"title": "Rapport", "file": SimpleUploadedFile(name, content)}


@pytest.mark.parametrize(
    ("name", "content", "kind"), [("r.pdf", PDF, "pdf"), ("p.PNG", PNG, "png"), ("p.jpeg", JPEG, "jpeg")]
)
def test_it_accepts_pdf_png_and_jpeg(coordinator, private_a, name, content, kind):
    url = reverse("initiatives:attachment_add", kwargs={"pk": private_a.pk})
    response = client_for(coordinator).post(url, upload(name, content))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.size) == (kind, len(content))
    assert name not in attachment.file.name  # the stored name is ours


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "faux.pdf",
            b"<html><script>alert(1)</script></html>",
            "named like a PDF but its content is not one",
        ),
        ("image.pdf", PNG, "named like a PDF but its content is not one"),
        ("photo.jpg", PDF, "named like a JPEG"),
        ("script.exe", b"MZ\x90\x00", "Only PDF, PNG and JPEG"),
        ("page.html", b"<html>", "Only PDF, PNG and JPEG"),
        ("sans-extension", PDF, "Only PDF, PNG and JPEG"),
    ],
)
def test_it_refuses_files_that_are_not_what_they_claim(private_a, name, content, message):
    with translation.override("en"):
        form = AttachmentForm({"title": "x"}, {"file": SimpleUploadedFile(name, content)})
        assert not form.is_valid()
        assert message in str(form.errors["file"])


def test_it_refuses_a_file_over_the_limit_with_a_clear_message(coordinator, private_a, settings):
    settings.INITIATIVE_ATTACHMENT_MAX_BYTES = 1024
    url = f"/en/initiatives/{private_a.pk}/files/add/"
    response = client_for(coordinator).post(url, upload("big.pdf", PDF + b"0" * 2048))
    assert response.status_code == 200
    assert "the limit is 1.0\xa0KB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_empty_upload_is_refused(coordinator, private_a):
    url = reverse("initiatives:attachment_add", kwargs={"pk": private_a.pk})
    response = client_for(coordinator).post(url, {"title": "x", "file": SimpleUploadedFile("v.pdf", b"")})
    assert response.status_code == 200 and "file" in response.context["form"].errors


@pytest.mark.parametrize(
    ("role", "status"), [("member", 403), ("outsider", 403), ("viewer", 403), ("admin", 302)]
)
def test_only_coordinators_attach(people, private_a, role, status):
    url = reverse("initiatives:attachment_add", kwargs={"pk": private_a.pk})
    assert client_for(people[role]).post(url, upload("r.pdf", PDF)).status_code == status


def test_files_are_served_to_readers_only_and_as_downloads(people, coordinator, private_a, public_a):
    for initiative in (private_a, public_a):
        client_for(coordinator).post(
            reverse("initiatives:attachment_add", kwargs={"pk": initiative.pk}), upload("r.pdf", PDF)
        )
    private_file, public_file = Attachment.objects.order_by("pk")
    url = reverse("initiatives:attachment", kwargs={"pk": private_a.pk, "attachment_pk": private_file.pk})
    response = client_for(people["member"]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    assert client_for(people["outsider"]).get(url).status_code == 403
    public = "initiatives:public_attachment"
    assert (
        client_for(None)
        .get(reverse(public, kwargs={"pk": public_a.pk, "attachment_pk": public_file.pk}))
        .status_code
        == 200
    )
    # A private file is not reachable through the public site, even under a public initiative's address.
    assert (
        client_for(None)
        .get(reverse(public, kwargs={"pk": private_a.pk, "attachment_pk": private_file.pk}))
        .status_code
        == 404
    )
    assert (
        client_for(None)
        .get(reverse(public, kwargs={"pk": public_a.pk, "attachment_pk": private_file.pk}))
        .status_code
        == 404
    )


def test_removing_a_file(coordinator, member, private_a):
    client_for(coordinator).post(
        reverse("initiatives:attachment_add", kwargs={"pk": private_a.pk}), upload("r.pdf", PDF)
    )
    attachment = Attachment.objects.get()
    url = reverse(
        "initiatives:attachment_delete", kwargs={"pk": private_a.pk, "attachment_pk": attachment.pk}
    )
    assert client_for(member).post(url).status_code == 403
    assert client_for(coordinator).get(url).status_code == 405
    assert client_for(coordinator).post(url).status_code == 302
    assert not Attachment.objects.exists()
