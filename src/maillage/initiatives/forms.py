from __future__ import annotations

import hashlib
import os

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from maillage.directory.fields import OrganizationPickerField, goals_field, principles_field
from maillage.directory.models import (
    ActionStrategy,
    Population,
    Territory,
    TerritoryKind,
)
from maillage.initiatives.models import Attachment, Determinant, Initiative, Outcome, Stage, SuccessFactor
from maillage.networks.models import Network

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = forms.CheckboxSelectMultiple

# What the first bytes of each accepted kind of file are, and the names it may be uploaded under.
MAGIC = {"pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpeg": (b"\xff\xd8\xff",)}
EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def max_attachment_bytes() -> int:
    """MAILLAGE_INITIATIVE_MAX_UPLOAD_MB (10 by default), or INITIATIVE_ATTACHMENT_MAX_BYTES in settings."""
    default = int(float(os.environ.get("MAILLAGE_INITIATIVE_MAX_UPLOAD_MB", "10")) * 1024 * 1024)
    return int(getattr(settings, "INITIATIVE_ATTACHMENT_MAX_BYTES", default))


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes say it is (pdf, png, jpeg), whatever its name claims."""
    for kind, signatures in MAGIC.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


class InitiativeForm(forms.ModelForm):
    networks = forms.ModelMultipleChoiceField(
        label=_("networks"), queryset=Network.objects.none(), widget=CHECKBOXES
    )
    populations = forms.ModelMultipleChoiceField(
        label=_("target populations"), queryset=Population.objects.all(), required=False, widget=CHECKBOXES
    )
    strategies = forms.ModelMultipleChoiceField(
        label=_("action strategies"), queryset=ActionStrategy.objects.all(), required=False, widget=CHECKBOXES
    )
    goals = goals_field()
    principles = principles_field()
    determinants = forms.ModelMultipleChoiceField(
        label=_("determinants of health"),
        queryset=Determinant.objects.all(),
        required=False,
        widget=CHECKBOXES,
    )
    success_factors = forms.ModelMultipleChoiceField(
        label=_("success factors"), queryset=SuccessFactor.objects.all(), required=False, widget=CHECKBOXES
    )
    outcomes = forms.MultipleChoiceField(
        label=_("outcomes"), choices=Outcome.choices, required=False, widget=CHECKBOXES
    )

    class Meta:
        model = Initiative
        fields = [
            "title_fr",
            "title_en",
            "territory",
            "summary_fr",
            "summary_en",
            "story_fr",
            "story_en",
            "networks",
            "stage",
            "visibility",
            "start_date",
            "end_date",
            "populations",
            "strategies",
            "goals",
            "principles",
            "determinants",
            "success_factors",
            "other_success_factors",
            "outcomes",
            "results",
            "challenges",
            "contact_name",
            "contact_email",
            "contact_consent",
        ]
        widgets = {
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "story_fr": forms.Textarea(attrs={"rows": 8}),
            "story_en": forms.Textarea(attrs={"rows": 8}),
            "other_success_factors": forms.Textarea(attrs={"rows": 2}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
        }
        help_texts = {
            "summary_fr": _("A few lines: the “at a glance” that lists and the printable page show."),
            "other_success_factors": _("One per line."),
            "results": _("For example: 30% fewer emergency room visits in the first year."),
            "contact_consent": _("Without this consent, the contact person is never shown."),
        }

    def __init__(self, *args, writable_networks: QuerySet[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = writable_networks.order_by("name_fr", "id")
        self.fields["territory"].queryset = Territory.objects.exclude(kind=TerritoryKind.PROVINCE).order_by(
            "path"
        )
        # The fields the "similar initiatives" panel listens to and sends (see initiative_form.html).
        for name in ("title_fr", "title_en", "summary_fr", "summary_en", "territory"):
            self.fields[name].widget.attrs["class"] = "similar-source"

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("title_fr", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_fr", _("Give the initiative a title in French or in English."))
        if not (data.get("summary_fr", "").strip() or data.get("summary_en", "").strip()):
            self.add_error("summary_fr", _("Write a short summary in French or in English."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        if data.get("contact_consent") and not (data.get("contact_name") or data.get("contact_email")):
            self.add_error("contact_name", _("Give a name or an email for the contact person."))
        return data


class PartnerForm(forms.Form):
    organization = OrganizationPickerField(label=_("organization (directory)"), required=False)
    name = forms.CharField(label=_("or its name, if not in the directory"), max_length=200, required=False)
    role = forms.CharField(label=_("role in the initiative"), max_length=300, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("role") and not (data.get("organization") or data.get("name", "").strip()):
            self.add_error("name", _("Which organization plays this role?"))
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("organization") or data.get("name", "").strip())


PartnerFormSet = forms.formset_factory(PartnerForm, extra=2, max_num=40, validate_max=True)


def partner_initial(initiative: Initiative | None) -> list[dict]:
    if initiative is None or initiative.pk is None:
        return []
    return [
        {"organization": p.organization, "name": p.name, "role": p.role}
        for p in initiative.partners.select_related("organization")
    ]


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"})}
        help_texts = {"file": _("PDF, PNG or JPEG.")}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = max_attachment_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        extension = os.path.splitext(upload.name or "")[1].lower()
        claimed = EXTENSIONS.get(extension)
        if claimed is None:
            raise forms.ValidationError(_("Only PDF, PNG and JPEG files are accepted."))
        upload.seek(0)
        head = upload.read(16)
        actual = sniff(head)
        if actual != claimed:
            raise forms.ValidationError(
                _(
                    "This file is named like a %(kind)s but its content is not one. "
                    "Check the file and try again."
                ),
                params={"kind": claimed.upper()},
            )
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.instance.kind, self.instance.size = actual, upload.size
        self.instance.sha256 = digest.hexdigest()
        self.instance.original_name = (upload.name or "")[-255:]
        return upload


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Territory.objects.filter(kind=TerritoryKind.REGION), required=False
    )
    population = forms.ModelChoiceField(
        label=_("Population"), queryset=Population.objects.all(), required=False
    )
    strategy = forms.ModelChoiceField(
        label=_("Strategy"), queryset=ActionStrategy.objects.all(), required=False
    )
    determinant = forms.ModelChoiceField(
        label=_("Determinant"), queryset=Determinant.objects.all(), required=False
    )
    success_factor = forms.ModelChoiceField(
        label=_("Success factor"), queryset=SuccessFactor.objects.all(), required=False
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *Stage.choices], required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("code")
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
