from __future__ import annotations

import datetime
import hashlib
import os
import zipfile

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.dates import BoundedDateField
from maillage.directory.fields import OrganizationPickerField, goals_field, principles_field
from maillage.leadership.models import (
    CommunitySession,
    Competency,
    LeaderProfile,
    LearningActivity,
    Level,
    Post,
    SessionResource,
)
from maillage.networks.models import Network

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST = datetime.date(2000, 1, 1)


class UsernameField(forms.CharField):
    """Names a person by their user name; the person must have an active account."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 150)
        super().__init__(**kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        user = get_user_model().objects.filter(username__iexact=text, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No active account has the user name “%(value)s”."), params={"value": text}
            )
        return user


class ProfileForm(forms.ModelForm):
    organization = OrganizationPickerField(label=_("organization"))
    coach = UsernameField(
        label=_("coach (user name)"), required=False, help_text=_("Optional: the person who coaches you.")
    )

    class Meta:
        model = LeaderProfile
        fields = ["organization", "coach", "coach_consent"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["organization"] = self.instance.organization
            self.initial["coach"] = self.instance.coach.username if self.instance.coach_id else ""

    def clean(self) -> dict:
        data = super().clean()
        coach = data.get("coach")
        if coach is not None and coach.pk == self.instance.user_id:
            self.add_error("coach", _("You cannot be your own coach."))
        if data.get("coach_consent") and coach is None and "coach" not in self.errors:
            self.add_error("coach_consent", _("Name a coach first."))
        return data


def level_field(competency: Competency) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=competency.name,
        help_text=competency.description,
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "levels"}),
        error_messages={"required": _("Choose a level for this competency.")},
    )


class SelfAssessmentForm(forms.Form):
    assessed_on = BoundedDateField(label=_("date"), widget=DATE_INPUT)

    def __init__(self, *args, competencies: list[Competency], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("assessed_on", timezone.localdate())
        self.competencies = competencies
        for competency in competencies:
            self.fields[f"c{competency.pk}"] = level_field(competency)

    def clean_assessed_on(self) -> datetime.date:
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        if day < EARLIEST:
            raise forms.ValidationError(_("The date is too far in the past."))
        return day

    def levels(self) -> dict[Competency, int]:
        return {c: self.cleaned_data[f"c{c.pk}"] for c in self.competencies}

    def grouped(self) -> list[tuple[object, list[forms.BoundField]]]:
        """The level fields grouped under their pillar, for the template."""
        groups: dict[int, tuple[object, list[forms.BoundField]]] = {}
        for competency in self.competencies:
            pillar = competency.pillar
            groups.setdefault(pillar.pk, (pillar, []))[1].append(self[f"c{competency.pk}"])
        return list(groups.values())


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = [
            "pillar",
            "code",
            "name_fr",
            "name_en",
            "description_fr",
            "description_en",
            "order",
            "active",
        ]


class ActivityForm(forms.ModelForm):
    goals = goals_field()
    principles = principles_field()

    class Meta:
        model = LearningActivity
        fields = [
            "kind",
            "title_fr",
            "title_en",
            "description",
            "start_date",
            "end_date",
            "network",
            "competencies",
            "goals",
            "principles",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "competencies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, networks: QuerySet[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["competencies"].queryset = Competency.objects.filter(active=True).select_related("pillar")

    def clean(self) -> dict:
        data = super().clean()
        if not ((data.get("title_fr") or "").strip() or (data.get("title_en") or "").strip()):
            self.add_error("title_fr", _("Give the activity a title in French or in English."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return data


class ParticipantForm(forms.Form):
    username = UsernameField(label=_("participant (user name)"))

    def clean_username(self):
        user = self.cleaned_data["username"]
        profile = LeaderProfile.objects.filter(user=user).first()
        if profile is None:
            raise forms.ValidationError(_("This person has no leader profile yet."))
        return profile


class CoverageFilterForm(forms.Form):
    network = forms.ModelChoiceField(label=_("network"), queryset=Network.objects.none(), required=False)
    since = BoundedDateField(label=_("from"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, networks: QuerySet[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks


class MemberForm(forms.Form):
    username = UsernameField(label=_("user name"))
    facilitator = forms.BooleanField(label=_("facilitator"), required=False)


class SessionForm(forms.ModelForm):
    class Meta:
        model = CommunitySession
        fields = ["starts_at", "theme", "notes"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        }


# Accepted files, told apart by their first bytes; office documents are zip files with this member.
MAGIC = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}
OFFICE = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
EXTENSIONS = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".docx": "docx",
    ".pptx": "pptx",
    ".xlsx": "xlsx",
}


def max_resource_bytes() -> int:
    """LEADERSHIP_RESOURCE_MAX_BYTES in settings, or MAILLAGE_LEADERSHIP_MAX_UPLOAD_MB (10 by default)."""
    default = int(float(os.environ.get("MAILLAGE_LEADERSHIP_MAX_UPLOAD_MB", "10")) * 1024 * 1024)
    return int(getattr(settings, "LEADERSHIP_RESOURCE_MAX_BYTES", default))


def sniff(upload: UploadedFile, claimed: str) -> bool:
    """Whether the bytes are really the kind of file the name claims."""
    upload.seek(0)
    if claimed in MAGIC:
        ok = upload.read(16).startswith(MAGIC[claimed])
    else:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
            ok = "[Content_Types].xml" in names and any(n.startswith(OFFICE[claimed]) for n in names)
        except (zipfile.BadZipFile, OSError, ValueError):
            ok = False
    upload.seek(0)
    return ok


class ResourceForm(forms.ModelForm):
    class Meta:
        model = SessionResource
        fields = ["title", "file", "url"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)})}
        help_texts = {
            "file": _("PDF, PNG, JPEG, Word, PowerPoint or Excel."),
            "url": _("Or a link instead of a file."),
        }

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = max_resource_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        claimed = EXTENSIONS.get(os.path.splitext(upload.name or "")[1].lower())
        if claimed is None:
            raise forms.ValidationError(
                _("Only PDF, PNG, JPEG, Word, PowerPoint and Excel files are accepted.")
            )
        if not sniff(upload, claimed):
            raise forms.ValidationError(
                _("This file is named like a %(kind)s but its content is not one."),
                params={"kind": claimed.upper()},
            )
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.instance.kind, self.instance.size, self.instance.sha256 = (
            claimed,
            upload.size,
            digest.hexdigest(),
        )
        return upload

    def clean(self) -> dict:
        data = super().clean()
        has_file, has_url = bool(data.get("file")), bool(data.get("url"))
        if has_file == has_url and not self.errors:
            self.add_error("file", _("Attach a file or give a link, not both."))
        return data


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a message."))
        return body


class AggregateFilterForm(forms.Form):
    network = forms.ModelChoiceField(label=_("network"), queryset=Network.objects.none(), required=False)

    def __init__(self, *args, networks: QuerySet[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
