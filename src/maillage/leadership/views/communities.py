"""Communities of practice: the shared space of posts, members, sessions and their resources."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maillage.leadership.actions import do_add_member, do_add_resource, do_post, do_schedule_session
from maillage.leadership.forms import MemberForm, PostForm, ResourceForm, SessionForm
from maillage.leadership.models import Community, CommunityMember, CommunitySession, Post, SessionResource
from maillage.leadership.permissions import get_community_for
from maillage.listing import paginate

POSTS_PER_PAGE = 10
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def community_list(request: HttpRequest) -> HttpResponse:
    communities = Community.objects.annotate(member_count=Count("memberships")).order_by("name_fr", "id")
    mine = set(CommunityMember.objects.filter(user=request.user).values_list("community_id", flat=True))
    return render(request, "leadership/community_list.html", {"communities": communities, "mine": mine})


def community_context(request: HttpRequest, community: Community, role: str, form: PostForm) -> dict:
    replies = Post.objects.select_related("author").order_by("created_at", "id")
    posts = (
        community.posts.filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    page, query = paginate(request, posts, per_page=POSTS_PER_PAGE)
    return {
        "community": community,
        "role": role,
        "can_manage": role != "member",
        "page": page,
        "query": query,
        "form": form,
        "sessions": community.sessions.annotate(resource_count=Count("resources"))[:10],
        "members": community.memberships.select_related("user").order_by("user__username"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def community_detail(request: HttpRequest, pk: int) -> HttpResponse:
    community, role = get_community_for(request.user, pk)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_post(form, community, request.user)
        messages.success(request, _("Message posted."))
        return redirect("leadership:community_detail", pk=community.pk)
    return render(
        request, "leadership/community_detail.html", community_context(request, community, role, form)
    )


@login_required
@require_POST
def post_reply(request: HttpRequest, pk: int, post_pk: int) -> HttpResponse:
    community, role = get_community_for(request.user, pk)
    parent = get_object_or_404(Post, pk=post_pk, community=community)
    form = PostForm(request.POST)
    if form.is_valid():
        do_post(form, community, request.user, parent=parent)
        messages.success(request, _("Reply posted."))
    else:
        messages.error(request, " ".join(form.errors.get("body", [])))
    return redirect("leadership:community_detail", pk=community.pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    community, _role = get_community_for(request.user, pk, manage=True)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_add_member(form, community)
        messages.success(request, _("Member added."))
        return redirect("leadership:community_detail", pk=community.pk)
    return render(request, "leadership/member_form.html", {"form": form, "community": community})


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    community, _role = get_community_for(request.user, pk, manage=True)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = do_schedule_session(form, community, request.user)
        messages.success(request, _("Session scheduled; the members are told by e-mail."))
        return redirect("leadership:session_detail", pk=community.pk, session_pk=session.pk)
    return render(request, "leadership/session_form.html", {"form": form, "community": community})


@login_required
def session_detail(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    community, role = get_community_for(request.user, pk)
    session = get_object_or_404(CommunitySession, pk=session_pk, community=community)
    return render(
        request,
        "leadership/session_detail.html",
        {
            "community": community,
            "session": session,
            "resources": session.resources.all(),
            "can_manage": role != "member",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def resource_add(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    community, _role = get_community_for(request.user, pk, manage=True)
    session = get_object_or_404(CommunitySession, pk=session_pk, community=community)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        do_add_resource(form, session, request.user)
        messages.success(request, _("Resource added."))
        return redirect("leadership:session_detail", pk=community.pk, session_pk=session.pk)
    return render(
        request, "leadership/resource_form.html", {"form": form, "community": community, "session": session}
    )


@login_required
def resource_file(request: HttpRequest, pk: int, session_pk: int, resource_pk: int) -> FileResponse:
    """Always a download with the type its bytes were checked to be, never shown as a page of ours."""
    community, _role = get_community_for(request.user, pk)
    resource = get_object_or_404(
        SessionResource, pk=resource_pk, session_id=session_pk, session__community=community
    )
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    extension = "jpg" if resource.kind == "jpeg" else resource.kind
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{resource.title[:80] or 'document'}.{extension}",
        content_type=CONTENT_TYPES.get(resource.kind, "application/octet-stream"),
    )
