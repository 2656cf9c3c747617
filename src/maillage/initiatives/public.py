"""The public observatory site: public initiatives only, read-only, no sign-in.

Every view here goes through `get_public_initiative` or `search_initiatives(..., user=None)`,
so what a signed-in visitor may read elsewhere never changes what this site shows.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.initiatives.browse import browse_context
from maillage.initiatives.models import Attachment, Initiative, Visibility
from maillage.initiatives.permissions import get_public_initiative
from maillage.initiatives.views import record_context, serve_attachment

FEED_SIZE = 50


def public_list(request: HttpRequest) -> HttpResponse:
    context = browse_context(request, None)
    context["detail_url"] = "initiatives:public_detail"
    return render(request, "initiatives/public_list.html", context)


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = record_context(get_public_initiative(pk))
    context["public"] = True
    return render(request, "initiatives/public_detail.html", context)


def public_glance(request: HttpRequest, pk: int) -> HttpResponse:
    context = record_context(get_public_initiative(pk))
    context["public"] = True
    return render(request, "initiatives/glance.html", context)


def public_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    initiative = get_public_initiative(pk)
    return serve_attachment(get_object_or_404(Attachment, pk=attachment_pk, initiative=initiative))


class PublicInitiativesFeed(Feed):
    """An Atom feed of the latest public initiatives."""

    feed_type = Atom1Feed
    title = gettext_lazy("Maillage — observatory of initiatives")
    subtitle = gettext_lazy("Collaborative practices documented by local networks.")

    def link(self) -> str:
        return reverse("initiatives:public_list")

    def items(self) -> list[Initiative]:
        return list(
            Initiative.objects.filter(visibility=Visibility.PUBLIC)
            .select_related("territory")
            .order_by("-updated_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Initiative) -> str:
        return item.title

    def item_description(self, item: Initiative) -> str:
        return item.summary

    def item_link(self, item: Initiative) -> str:
        return reverse("initiatives:public_detail", kwargs={"pk": item.pk})

    def item_updateddate(self, item: Initiative):
        return item.updated_at

    def item_pubdate(self, item: Initiative):
        return item.created_at

    def item_categories(self, item: Initiative) -> list[str]:
        return [item.territory.name, _(item.get_stage_display())]
