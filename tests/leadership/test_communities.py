"""Communities of practice: who reads and posts, hostile posts, pagination, session e-mails, resources."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from maillage.leadership.models import CommunityMember, CommunitySession, Post, SessionResource
from tests.conftest import client_for, make_user
from tests.leadership.helpers import make_community, make_session, url

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def community(member, outsider, coordinator):
    # Members across networks: the member of A and the coordinator of B; A's coordinator facilitates.
    return make_community(member, outsider, facilitators=[coordinator])


def test_members_post_and_reply(community, member, outsider):
    client_for(member).post(url("community_detail", pk=community.pk), {"body": "  Bonjour à tous  "})
    post = Post.objects.get()
    assert post.body == "Bonjour à tous" and post.author == member
    client_for(outsider).post(url("post_reply", pk=community.pk, post_pk=post.pk), {"body": "Salut!"})
    reply = Post.objects.exclude(pk=post.pk).get()
    assert reply.parent == post
    # A reply to a reply joins the same thread: one level only.
    client_for(member).post(url("post_reply", pk=community.pk, post_pk=reply.pk), {"body": "Et encore"})
    assert Post.objects.filter(parent=post).count() == 2


def test_non_members_neither_read_nor_post(community, viewer, admin):
    for target in (url("community_detail", pk=community.pk),):
        assert client_for(viewer).get(target).status_code == 403
        assert client_for(viewer).post(target, {"body": "intrus"}).status_code == 403
    assert not Post.objects.exists()
    assert client_for(admin).get(url("community_detail", pk=community.pk)).status_code == 200  # the team


def test_a_reply_to_a_post_of_another_community_is_refused(community, member):
    other = make_community(member)
    post = Post.objects.create(community=other, author=member, body="ailleurs")
    response = client_for(member).post(url("post_reply", pk=community.pk, post_pk=post.pk), {"body": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * 5001])
def test_empty_or_too_long_posts_are_refused(community, member, body):
    response = client_for(member).post(url("community_detail", "en", pk=community.pk), {"body": body})
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not Post.objects.exists()


def test_hostile_posts_are_shown_as_plain_text(community, member, outsider):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> **gras** https://evil.example'
    client_for(member).post(url("community_detail", pk=community.pk), {"body": hostile + "\nligne 2"})
    post = Post.objects.get()
    client_for(outsider).post(url("post_reply", pk=community.pk, post_pk=post.pk), {"body": "<b>réponse</b>"})
    page = client_for(outsider).get(url("community_detail", pk=community.pk)).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>réponse</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;réponse&lt;/b&gt;" in page
    assert "<br>ligne 2" in page  # line breaks kept, nothing else interpreted


def test_posts_are_paginated(community, member):
    for n in range(12):
        Post.objects.create(community=community, author=member, body=f"message numéro {n:02d}")
    first = client_for(member).get(url("community_detail", pk=community.pk)).content.decode()
    second = client_for(member).get(url("community_detail", pk=community.pk), {"page": 2}).content.decode()
    assert "message numéro 11" in first and "message numéro 00" not in first
    assert "message numéro 00" in second and "message numéro 11" not in second


def test_scheduling_a_session_emails_every_member(community, coordinator, member, outsider, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member.email, outsider.email = "member@example.org", ""  # no address, no e-mail
    member.save()
    outsider.save()
    response = client_for(coordinator).post(
        url("session_create", pk=community.pk),
        {"starts_at": "2026-12-03T13:30", "theme": "Soutenir les proches aidants", "notes": ""},
    )
    assert response.status_code == 302
    assert CommunitySession.objects.get().created_by == coordinator
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert "Soutenir les proches aidants" in mail.outbox[0].subject
    body = mail.outbox[0].body
    # French then English (the catalogues translate the sentences; names and dates are already per language)
    assert "Communauté test" in body and "Test community" in body
    assert "décembre" in body and "December 3, 2026" in body


def test_a_member_cannot_schedule_a_session_or_add_members(community, member, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    data = {"starts_at": "2026-12-03T13:30", "theme": "x"}
    assert client_for(member).post(url("session_create", pk=community.pk), data).status_code == 403
    assert (
        client_for(member).post(url("member_add", pk=community.pk), {"username": "viewer"}).status_code == 403
    )
    assert not CommunitySession.objects.exists() and not mail.outbox


def test_a_facilitator_adds_a_member_by_user_name(community, coordinator, viewer):
    client = client_for(coordinator)
    assert client.post(url("member_add", pk=community.pk), {"username": "VIEWER"}).status_code == 302
    assert CommunityMember.objects.filter(community=community, user=viewer).exists()
    response = client.post(url("member_add", pk=community.pk), {"username": "<script>"})
    assert "username" in response.context["form"].errors


def test_bad_sessions_are_refused(community, coordinator):
    response = client_for(coordinator).post(
        url("session_create", pk=community.pk), {"starts_at": "hier", "theme": ""}
    )
    assert set(response.context["form"].errors) == {"starts_at", "theme"}
    assert not CommunitySession.objects.exists()


def office_file(member: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def session(community):
    return make_session(community)


def add_resource(user, session, **data):  # type: ignore[no-untyped-def]
    return client_for(user).post(
        url("resource_add", pk=session.community_id, session_pk=session.pk), {"title": "Fiche", **data}
    )


def test_a_pdf_resource_is_stored_and_downloaded_by_members(
    session, coordinator, outsider, viewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = add_resource(coordinator, session, file=SimpleUploadedFile("../../etc/fiche.pdf", PDF))
    assert response.status_code == 302
    resource = SessionResource.objects.get()
    assert resource.kind == "pdf" and resource.size == len(PDF)
    assert ".." not in resource.file.name and resource.file.name.startswith("leadership/")
    target = url("resource_file", pk=session.community_id, session_pk=session.pk, resource_pk=resource.pk)
    download = client_for(outsider).get(target)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    assert client_for(viewer).get(target).status_code == 403


def test_an_office_document_and_a_link_are_accepted(session, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert (
        add_resource(coordinator, session, file=SimpleUploadedFile("notes.docx", office_file())).status_code
        == 302
    )
    assert add_resource(coordinator, session, url="https://example.org/guide").status_code == 302
    assert sorted(SessionResource.objects.values_list("kind", flat=True)) == ["", "docx"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"file": ("fiche.pdf", b"MZ\x90\x00 not a pdf")}, "file"),
        ({"file": ("virus.exe", b"MZ\x90\x00")}, "file"),
        ({"file": ("page.html", b"<script>alert(1)</script>")}, "file"),
        ({"file": ("slides.pptx", b"PK\x03\x04 broken zip")}, "file"),
        ({"file": ("notes.docx", "XLSX")}, "file"),  # a spreadsheet named like a Word file
        ({}, "file"),  # neither a file nor a link
        ({"file": ("fiche.pdf", PDF), "url": "https://example.org"}, "file"),  # both
        ({"url": "javascript:alert(1)"}, "url"),
    ],
)
def test_bad_resources_are_refused(session, coordinator, settings, tmp_path, data, field):
    settings.MEDIA_ROOT = tmp_path
    if "file" in data:
        name, content = data["file"]
        content = office_file("xl/workbook.xml") if content == "XLSX" else content
        data = data | {"file": SimpleUploadedFile(name, content)}
    response = add_resource(coordinator, session, **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not SessionResource.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_a_file_over_the_limit_is_refused(session, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LEADERSHIP_RESOURCE_MAX_BYTES = 100
    response = add_resource(coordinator, session, file=SimpleUploadedFile("big.pdf", PDF + b"0" * 200))
    assert "file" in response.context["form"].errors
    assert not SessionResource.objects.exists()


def test_the_community_list_links_only_to_communities_one_may_read(community, viewer, member):
    make_user("nobody")
    assert (
        url("community_detail", pk=community.pk)
        not in client_for(viewer).get(url("community_list")).content.decode()
    )
    assert (
        url("community_detail", pk=community.pk)
        in client_for(member).get(url("community_list")).content.decode()
    )
