"""Communities of practice: members from any network, sessions with resources, and a space of posts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import BilingualNameMixin, pick_language


class Community(BilingualNameMixin):
    description_fr = models.TextField(_("description (French)"), max_length=3000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=3000, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CommunityMember", related_name="communities_of_practice"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")
        ordering = ["name_fr", "id"]

    @property
    def description(self) -> str:
        return pick_language(self.description_fr, self.description_en)


class CommunityMember(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Facilitators schedule sessions and add members, like the programme's team does.
    facilitator = models.BooleanField(_("facilitator"), default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="one_membership_per_community")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.community}"


class CommunitySession(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("date and time"))
    theme = models.CharField(_("theme"), max_length=200)
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.theme


def resource_path(instance: SessionResource, filename: str) -> str:
    # Our own name: the uploaded name is only a label, never part of a path.
    return f"leadership/{instance.session_id}/{instance.sha256[:20]}.{instance.kind}"


class SessionResource(models.Model):
    """A file shared at a session (checked by its content) or a link."""

    session = models.ForeignKey(CommunitySession, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=resource_path, max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    kind = models.CharField(max_length=10, editable=False, blank=True)  # what the bytes say: pdf, png ...
    size = models.PositiveIntegerField(editable=False, default=0)
    sha256 = models.CharField(max_length=64, editable=False, default="")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="resource_is_a_file_or_a_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """A message in a community's shared space; a reply has a parent (one level of replies)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.body[:60]
