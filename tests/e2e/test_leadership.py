"""A leader assesses themself in a browser, sees their progress, and posts in a community of practice."""

from __future__ import annotations

import re

import pytest

from maillage.leadership.models import Community, Competency, Post, SelfAssessment
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_a_leader_assesses_themself_and_posts_in_a_community(demo_world, sign_in, live_server):
    page = sign_in("membre")
    before = SelfAssessment.objects.filter(profile__user__username="membre").count()
    page.goto(f"{live_server.url}/leadership/assess/")
    competencies = Competency.objects.filter(active=True)
    for competency in competencies:
        page.check(f"input[name=c{competency.pk}][value='4']")
    page.check(f"input[name=c{competencies.first().pk}][value='2']")  # changing one's mind
    shot(page, "leadership-self-assessment")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/leadership/$"))
    assert SelfAssessment.objects.filter(profile__user__username="membre").count() == before + 1
    latest = SelfAssessment.objects.filter(profile__user__username="membre").latest("assessed_on")
    assert latest.ratings.get(competency=competencies.first()).level == 2
    page.wait_for_selector("[data-chart][data-drawn='1'] svg")
    assert competencies.first().name_fr in page.locator(".suggestions").inner_text()
    shot(page, "leadership-progress")

    community = Community.objects.filter(memberships__user__username="membre").order_by("pk").first()
    page.goto(f"{live_server.url}/leadership/communities/{community.pk}/")
    page.fill("textarea[name=body]", "<b>Bonjour</b> la communauté!\nQui vient jeudi?")
    page.click("form.form button.primary")
    page.wait_for_selector("text=Qui vient jeudi?")
    first_post = page.locator("article.post").first
    assert "<b>Bonjour</b> la communauté!" in first_post.inner_text()  # shown as typed, not as markup
    assert first_post.locator("b").count() == 0
    first_post.locator("textarea[name=body]").fill("Moi!")
    first_post.locator(".reply-form button").click()
    page.wait_for_selector("article.post .reply >> text=Moi!")
    assert Post.objects.filter(community=community, body="Moi!", parent__isnull=False).exists()
    shot(page, "leadership-community")
