from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.analysis.vocabulary import fold
from maillage.dates import BoundedDateField
from maillage.exchange.headers import field_choices, missing_fields
from maillage.exchange.models import ImportKind
from maillage.exchange.reading import MAX_BYTES

EXTENSIONS = {
    ImportKind.ORGANIZATIONS: (".csv", ".txt", ".xlsx"),
    ImportKind.MEMBERSHIPS: (".csv", ".txt", ".xlsx"),
    ImportKind.TIES: (".csv", ".txt", ".xlsx"),
    ImportKind.HSDS: (".json", ".zip"),
    ImportKind.GRAPHML: (".graphml", ".xml"),
    ImportKind.GEXF: (".gexf", ".xml"),
}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of data"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("file"), help_text=_("CSV or Excel (.xlsx); HSDS JSON or zip; GraphML; GEXF. At most 50 MB.")
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        upload, kind = data.get("file"), data.get("kind")
        if upload is None or kind is None:
            return data
        if upload.size > MAX_BYTES:
            self.add_error("file", _("The file is larger than 50 MB."))
        elif not upload.name.lower().endswith(EXTENSIONS[kind]):
            self.add_error(
                "file",
                _("For this kind of data, give a %(types)s file.") % {"types": ", ".join(EXTENSIONS[kind])},
            )
        return data


class MappingForm(forms.Form):
    """One choice per column nobody recognised: which field it holds, or ignore it."""

    def __init__(self, *args, kind: str, headers: list[str], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.keys: dict[str, str] = {}
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.keys[name] = fold(header)
            self.fields[name] = forms.ChoiceField(
                label=header[:100], choices=field_choices(kind), required=False
            )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        chosen = [value for value in data.values() if value]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Two columns are matched to the same field."))
        missing = missing_fields(self.kind, dict(enumerate(chosen)))
        if missing:
            raise forms.ValidationError(
                _("No column holds: %(fields)s. Add it to the file or match a column to it.")
                % {"fields": ", ".join(missing)}
            )
        return data

    def chosen(self) -> dict[str, str]:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}


class GraphMappingForm(forms.Form):
    """Which node attribute is the name and the sector; which edge attribute is the level, formality, date."""

    name = forms.ChoiceField(label=_("node attribute holding the name"))
    sector = forms.ChoiceField(label=_("node attribute holding the sector"), required=False)
    level = forms.ChoiceField(label=_("edge attribute holding the level"), required=False)
    formality = forms.ChoiceField(label=_("edge attribute holding the formality"), required=False)
    date = forms.ChoiceField(label=_("edge attribute holding the date"), required=False)
    default_date = BoundedDateField(
        label=_("date of the ties"), required=False, help_text=_("Used when an edge has no date.")
    )

    def __init__(self, *args, node_attributes: list[str], edge_attributes: list[str], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        nodes = [("", "—"), ("label", _("the node's label"))] + [(a, a) for a in node_attributes]
        edges = [("", "—")] + [(a, a) for a in edge_attributes]
        for name in ("name", "sector"):
            self.fields[name].choices = nodes
        for name in ("level", "formality", "date"):
            self.fields[name].choices = edges

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not data.get("date") and not data.get("default_date"):
            self.add_error("default_date", _("Give the date of the ties, or the edge attribute holding it."))
        return data

    def chosen(self) -> dict[str, str]:
        data = self.cleaned_data
        chosen = {f"node:{name}": data[name] for name in ("name", "sector") if data.get(name)}
        chosen |= {f"edge:{name}": data[name] for name in ("level", "formality", "date") if data.get(name)}
        if data.get("default_date"):
            chosen["default_date"] = data["default_date"].isoformat()
        return chosen
