from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.analysis.vocabulary import match_key
from maillage.dates import BoundedDateField
from maillage.directory.models import Sector, Territory
from maillage.exchange.graphs import LevelRule
from maillage.exchange.headers import field_choices, missing_fields
from maillage.exchange.models import ImportKind
from maillage.exchange.reading import MAX_BYTES
from maillage.networks.models import MembershipRole
from maillage.ties.models import Level

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

    def clean(self):
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

    def __init__(self, *args, kind: str, headers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.keys: dict[str, str] = {}
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.keys[name] = match_key(header)
            self.fields[name] = forms.ChoiceField(
                label=header[:100], choices=field_choices(kind), required=False
            )

    def clean(self):
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


LEVEL_RULES = [
    ("as-written", _("as written (0–5 or a level's name)")),
    ("one", _("one level for every edge")),
    ("thresholds", _("by thresholds on a numeric weight")),
]


class GraphMappingForm(forms.Form):
    """Which node attribute is the name and the sector; which edge attribute is the level, formality, date;
    how numeric weights become levels. "—" is an answer too: it is never replaced by a guess."""

    name = forms.ChoiceField(label=_("node attribute holding the name"))
    sector = forms.ChoiceField(label=_("node attribute holding the sector"), required=False)
    level = forms.ChoiceField(label=_("edge attribute holding the level"), required=False)
    level_rule = forms.ChoiceField(
        label=_("levels from the edge attribute"), choices=LEVEL_RULES, required=False
    )
    level_for_all = forms.TypedChoiceField(
        label=_("level of every edge"), coerce=int, required=False,
        choices=[(level, label) for level, label in Level.choices if level > 0],
    )  # fmt: skip
    thresholds = forms.CharField(
        label=_("thresholds"), required=False, max_length=80,
        help_text=_("Up to four increasing numbers: from the first a tie is cooperation, from the second "
                    "coordination, then coalition, then collaboration; below the first, networking."),
    )  # fmt: skip
    formality = forms.ChoiceField(label=_("edge attribute holding the formality"), required=False)
    date = forms.ChoiceField(label=_("edge attribute holding the date"), required=False)
    default_date = BoundedDateField(
        label=_("date of the ties"), required=False, help_text=_("Used when an edge has no date.")
    )

    def __init__(self, *args, node_attributes: list[str], edge_attributes: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        nodes = [("", "—"), ("label", _("the node's label"))] + [
            (a, a) for a in node_attributes if a != "label"
        ]
        edges = [("", "—")] + [(a, a) for a in edge_attributes]
        for name in ("name", "sector"):
            self.fields[name].choices = nodes
        for name in ("level", "formality", "date"):
            self.fields[name].choices = edges

    def clean(self):
        data = super().clean()
        if not data.get("date") and not data.get("default_date"):
            self.add_error("default_date", _("Give the date of the ties, or the edge attribute holding it."))
        rule = data.get("level_rule")
        if rule == "one" and not data.get("level_for_all"):
            self.add_error("level_for_all", _("Choose the level of every edge."))
        if rule == "thresholds":
            try:
                LevelRule.parse(f"thresholds:{data.get('thresholds', '')}")
            except ValueError:
                self.add_error("thresholds", _("Give up to four increasing numbers, separated by commas."))
        return data

    def chosen(self) -> dict[str, str]:
        data = self.cleaned_data
        # Every answer is kept, "—" as "": an explicit "none" must not be replaced by a guess later.
        chosen = {f"node:{name}": data.get(name) or "" for name in ("name", "sector")}
        chosen |= {f"edge:{name}": data.get(name) or "" for name in ("level", "formality", "date")}
        if data.get("default_date"):
            chosen["default_date"] = data["default_date"].isoformat()
        rule = data.get("level_rule") or "as-written"
        if rule == "one":
            chosen["level_rule"] = f"one:{data['level_for_all']}"
        elif rule == "thresholds":
            chosen["level_rule"] = f"thresholds:{data['thresholds'].replace(' ', '')}"
        return chosen


NEW_SECTOR = "__new__"


class ValuesForm(forms.Form):
    """One choice per unknown value of the dry run: what it means (the proposed match preselected)."""

    def __init__(self, *args, unknown: list[dict], may_add_sectors: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unknown = [item for item in unknown if not item.get("accepted")][:200]
        choices = _value_choices()
        for index, item in enumerate(self.unknown):
            field = str(item["field"])
            options = [("", _("(leave unknown)"))] + choices.get(field, [])
            if field == "sector" and may_add_sectors:
                options.append((NEW_SECTOR, _("new sector “%(name)s”") % {"name": str(item["value"])[:80]}))
            self.fields[f"value_{index}"] = forms.ChoiceField(
                label=f"{_field_label(field)} — “{str(item['value'])[:100]}” ({item['rows']})",
                choices=options, required=False, initial=item.get("suggestion") or "",
            )  # fmt: skip

    def answers(self) -> dict[str, dict[str, str]]:
        answers: dict[str, dict[str, str]] = {}
        for index, item in enumerate(self.unknown):
            chosen = self.cleaned_data.get(f"value_{index}")
            if chosen:
                answers.setdefault(str(item["field"]), {})[str(item["value"])] = chosen
        return answers


def _field_label(field: str) -> str:
    labels = {"sector": _("Sector"), "territory": _("Territory"), "level": _("Level"), "role": _("Role")}
    return str(labels.get(field, field))


def _value_choices() -> dict[str, list[tuple[str, str]]]:

    return {
        "sector": [(s.code, s.name) for s in Sector.objects.order_by("order", "code")],
        "territory": [(t.code, f"{t.name} ({t.code})") for t in Territory.objects.order_by("path")],
        "level": [(str(value), str(label)) for value, label in Level.choices],
        "role": [(str(value), str(label)) for value, label in MembershipRole.choices],
    }
