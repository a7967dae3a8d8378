"""The entry page shows each person their own actions: the organizer the eligibility
decision and a link to the entry's KPI page, never the applicant's "Check and submit";
the draft's section list says what its red counts count."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import make_entry


def _page(client, entry):
    return client.get(
        reverse("applications:entry", args=[entry.season.slug, entry.pk])
    ).content.decode()


def test_an_organizer_sees_the_decision_and_the_kpi_link_not_the_submit_button(
    as_user, season, organizer
):
    entry = make_entry(season=season, by=organizer, status="submitted")
    html = _page(as_user(organizer), entry)
    assert "检查并提交" not in html and "继续填写" not in html
    assert reverse("kpis:entry", args=[season.slug, entry.pk]) in html
    assert 'value="accept"' in html


def test_a_superuser_is_shown_the_organizers_actions(as_user, season, organizer, superuser):
    entry = make_entry(season=season, by=organizer, status="submitted")
    html = _page(as_user(superuser), entry)
    assert (
        "检查并提交" not in html and "草稿" not in html.split("<main", 1)[1].split("<section", 1)[0]
    )
    assert reverse("kpis:entry", args=[season.slug, entry.pk]) in html


def test_the_applicant_of_a_draft_still_checks_and_submits(
    as_user, client_en, season, organizer, applicant
):
    entry = make_entry(season=season, by=organizer, status="draft")
    entry.center.organization.members.add(applicant)
    html = _page(as_user(applicant), entry)
    assert "检查并提交" in html
    # the red counts say what they count
    assert "项未完成</small>" in html
    with translation.override(settings.LANGUAGE_CODE):  # the request switches to English
        html = _page(client_en(applicant), entry)
    assert "to complete</small>" in html
