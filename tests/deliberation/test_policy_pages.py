"""The scoring policy page: organizers only; a change saved with its version;
a concurrent change refused with both versions shown; wrong values named."""

from __future__ import annotations

from ccaward.deliberation.domain.policy import change_policy, policy_of


def url(season):
    return f"/seasons/{season.slug}/scoring-policy/"


def form(**values):
    data = {
        "version": 1,
        "method": "calibrated",
        "bootstrap": 1000,
        "seed": 1,
        "shortlist_margin": 2,
        "visit_weight": 50,
    }
    data.update(values)
    return data


def test_organizer_changes_the_method(season, organizer, client_en):
    client = client_en(organizer)
    page = client.get(url(season))
    assert page.status_code == 200
    assert "Median" in page.content.decode()
    response = client.post(url(season), form(method="median", bootstrap=500))
    assert response.status_code == 302
    policy = policy_of(season)
    assert (policy.method, policy.bootstrap, policy.version) == ("median", 500, 2)


def test_a_concurrent_change_is_refused_with_both_versions(season, organizer, client_en):
    change_policy(season=season, by=organizer, values={"method": "mean"}, version=1)
    response = client_en(organizer).post(url(season), form(method="median"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this" in html
    assert "Mean" in html and "Median" in html
    assert 'name="version" value="2"' in html
    assert policy_of(season).method == "mean"


def test_a_wrong_value_is_named(season, organizer, client_en):
    response = client_en(organizer).post(url(season), form(visit_weight=101))
    assert response.status_code == 200
    assert "has-error" in response.content.decode()
    assert policy_of(season).pk is None


def test_judges_and_applicants_are_refused(season, judge, applicant, as_user):
    assert as_user(judge).get(url(season)).status_code == 403
    assert as_user(applicant).get(url(season)).status_code == 403


def test_chinese(season, organizer, as_user):
    assert "评分汇总方法" in as_user(organizer).get(url(season)).content.decode()
