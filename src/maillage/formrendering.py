"""The form renderer: Django's templates, except for drop-down lists, which are written out in Python.

Django renders every `<option>` through its own template include. A filter form's list of 140 territories
then cost about half of the page's time (some 45 ms of a 100 ms networks list), and a list of thousands of
organizations far more. `render_select` writes exactly what Django's `select.html`, `select_option.html` and
`attrs.html` templates write (a test compares them on hostile labels, groups and multiple choice); any
select with a template of its own still goes through the templates.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict[str, Any]) -> SafeString:
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"  # the option template's last line break
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped


class Renderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT and widget and _plain_options(widget):
            return render_select(widget)
        return str(super().render(template_name, context, request=request))


def _plain_options(widget: dict[str, Any]) -> bool:
    return all(
        option.get("template_name") == OPTION for _g, options, _i in widget["optgroups"] for option in options
    )
