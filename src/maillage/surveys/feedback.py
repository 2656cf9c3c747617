"""What a partner gets back after answering: its own ties this wave and the last, a small map around it, the
network's headline numbers, and what the network will do with the answers.

Everything about ties here comes from the organization's **own** answers (this wave's and the previous
wave's): never from another partner's answers, and never from the tie observations a closed wave made out of
both sides' answers (a tie only the other side reported would tell what that side said). The network's
numbers are counts over the whole network, the same ones any member sees on the dashboard.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from maillage.directory.palette import SECTOR_COLORS
from maillage.networks.models import Membership
from maillage.surveys.models import Invitation, PartnerAnswer, Response, Wave, WaveStatus
from maillage.ties.models import Level, Tie

MAP_SIZE = 320
MAX_DRAWN = 24  # a small map: beyond this many partners, the nearest levels first


@dataclass
class OwnTie:
    partner_id: int
    name: str
    sector: str
    sector_code: str
    level_now: int | None
    level_before: int | None

    @property
    def status(self) -> str:
        if self.level_before is None:
            return _("New this wave")
        if self.level_now is None:
            return _("Not named this wave")
        if self.level_now > self.level_before:
            return _("Stronger")
        if self.level_now < self.level_before:
            return _("Weaker")
        return _("Same level")

    @property
    def level_now_label(self) -> str:
        return str(Level(self.level_now).label) if self.level_now else "—"

    @property
    def level_before_label(self) -> str:
        return str(Level(self.level_before).label) if self.level_before else "—"


def previous_wave(wave: Wave) -> Wave | None:
    if wave.previous_id:
        return wave.previous
    return (
        Wave.objects.filter(network=wave.network_id, date__lt=wave.date)
        .exclude(status=WaveStatus.DRAFT)
        .order_by("-date", "-id")
        .first()
    )


def _own_answers(wave: Wave | None, organization_id: int) -> dict[int, PartnerAnswer]:
    if wave is None:
        return {}
    answers = PartnerAnswer.objects.filter(
        response__invitation__wave=wave,
        response__invitation__organization_id=organization_id,
        response__submitted_at__isnull=False,
    ).select_related("partner__sector")
    return {a.partner_id: a for a in answers}


def own_ties(invitation: Invitation) -> tuple[list[OwnTie], Wave | None]:
    """The partners this organization named now and in the previous wave, with the level it gave each."""
    before_wave = previous_wave(invitation.wave)
    now = _own_answers(invitation.wave, invitation.organization_id)
    before = _own_answers(before_wave, invitation.organization_id)
    ties = []
    for partner_id in now.keys() | before.keys():
        answer = now.get(partner_id) or before[partner_id]
        partner = answer.partner
        ties.append(
            OwnTie(
                partner_id,
                partner.name,
                partner.sector.name,
                partner.sector.code,
                now[partner_id].level if partner_id in now else None,
                before[partner_id].level if partner_id in before else None,
            )
        )
    ties.sort(key=lambda t: (-(t.level_now or 0), t.name))
    return ties, before_wave


def short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def ego_map(center: str, ties: list[OwnTie]) -> SafeString:
    """An SVG of the organization in the middle and its partners around it; stronger ties are thicker.

    Partners named only in the previous wave are drawn grey and dashed. Names are escaped."""
    drawn = ties[:MAX_DRAWN]
    middle, radius = MAP_SIZE / 2, MAP_SIZE / 2 - 60
    lines, dots = [], []
    for index, tie in enumerate(drawn):
        angle = 2 * math.pi * index / max(len(drawn), 1) - math.pi / 2
        x, y = middle + radius * math.cos(angle), middle + radius * math.sin(angle)
        width = 1 + (tie.level_now or 0)
        dash = "4 3" if tie.level_now is None else "none"
        colour = "#999999" if tie.level_now is None else SECTOR_COLORS.get(tie.sector_code, "#777777")
        lines.append((f"{middle:.0f}", f"{middle:.0f}", f"{x:.1f}", f"{y:.1f}", width, dash))
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        label_y = y + (14 if math.sin(angle) > 0.3 else -8 if math.sin(angle) < -0.3 else 4)
        label_x = x + (8 if anchor == "start" else -8 if anchor == "end" else 0)
        dots.append(
            (f"{x:.1f}", f"{y:.1f}", colour, f"{label_x:.1f}", f"{label_y:.1f}", anchor, tie.name[:28])
        )
    return format_html(
        '<svg class="ego-map" viewBox="-160 0 {w} {h}" width="{w}" height="{h}" style="max-width: 100%; '
        'height: auto" role="img" aria-label="{label}">{lines}{dots}'
        '<circle cx="{m}" cy="{m}" r="10" fill="#222"/><text x="{m}" y="{ty}" text-anchor="middle" '
        'font-size="11" font-weight="bold">{center}</text></svg>',
        w=MAP_SIZE + 320,
        h=MAP_SIZE,
        label=_("Your organization and the partners you named"),
        lines=format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6BAED6" '
            'stroke-width="{}" stroke-dasharray="{}"/>',
            lines,
        ),
        dots=format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="6" fill="{}"/>'
            '<text x="{}" y="{}" text-anchor="{}" font-size="10">{}</text>',
            dots,
        ),
        m=f"{middle:.0f}",
        ty=f"{middle + 24:.0f}",
        center=center[:40],
    )


def network_numbers(wave: Wave) -> list[tuple[str, str]]:
    """Counts over the whole network: members, sectors, active ties, this wave's response rate."""
    members = (
        Membership.objects.filter(network=wave.network_id, end_date__isnull=True)
        .values_list("organization_id", "organization__sector_id")
        .distinct()
    )
    organizations = {org for org, _sector in members}
    sectors = {sector for _org, sector in members}
    ties = Tie.objects.filter(network=wave.network_id, current_level__gt=0).count()
    invited = Invitation.objects.filter(wave=wave).count()
    answered = Response.objects.filter(invitation__wave=wave, submitted_at__isnull=False).count()
    return [
        (_("Member organizations"), str(len(organizations))),
        (_("Sectors"), str(len(sectors))),
        (_("Active ties"), str(ties)),
        (_("Partners who have answered this wave"), f"{answered} / {invited}"),
    ]
