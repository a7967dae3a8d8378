"""The reliability page: alpha overall and per criterion with what it means,
each judge's severity and scale, outliers and disagreements; the stage gate."""

from __future__ import annotations

import pytest

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.views.reliability import meaning


def url(season):
    return f"/seasons/{season.slug}/reliability/"


def test_the_page_shows_alpha_and_each_judge(season, scored, panel, organizer, client_en):
    response = client_en(organizer).get(url(season))
    assert response.status_code == 200
    html = response.content.decode()
    se = compute(season)
    alpha = se.evaluation.reliability.alpha_overall
    if alpha is not None:
        assert f"{alpha:.3f}" in html
    assert "0.800" in html and "0.667" in html
    for judge in panel:
        assert judge.name in html
    for effect in se.evaluation.judges:
        assert f"{effect.severity:.2f}" in html
    adjusted = se.evaluation.reliability.alpha_adjusted  # calibrated, the default
    assert adjusted is not None
    assert "severity and scale are taken out" in html and f"{adjusted:.3f}" in html


@pytest.mark.parametrize(
    "alpha, css",
    [(0.95, "ok"), (0.8, "ok"), (0.7, "warn"), (0.667, "warn"), (0.5, "bad"), (None, "muted")],
)
def test_what_alpha_means(alpha, css):
    assert meaning(alpha)[0] == css


def test_the_panel_sees_it_in_deliberation_only(season, scored, judge, as_user, settings):
    assert as_user(judge).get(url(season)).status_code == 409


def test_the_panel_sees_it_while_deliberation_is_open(
    season, scored, judge, as_user, deliberation_open
):
    assert as_user(judge).get(url(season)).status_code == 200


def test_an_applicant_is_refused(season, scored, applicant, as_user):
    assert as_user(applicant).get(url(season)).status_code == 403


def test_chinese(season, scored, organizer, as_user):
    html = as_user(organizer).get(url(season)).content.decode()
    assert "评委一致性" in html
