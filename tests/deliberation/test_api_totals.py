"""The totals' API: totals, an entry's breakdown and reliability with the pages'
gate (409 stage_closed for a judge outside 集中评议, 403 for a conflicted
judge's breakdown), the scoring policy read and changed with its version."""

from __future__ import annotations

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.policy import policy_of
from ccaward.judging.models import JudgingPolicy
from ccaward.reviews.blind import entry_code
from tests.deliberation.conftest import conflict


def path(season, tail):
    return f"/api/seasons/{season.slug}/{tail}"


def test_totals_are_the_engines(season, scored, organizer, category, api):
    entries, _crits = scored
    body = api(organizer, "en").get(path(season, "totals")).json()
    assert body["method"] == "calibrated"
    assert body["statement"][0].startswith("Judges' scores combined by")
    [cat] = body["categories"]
    assert (cat["id"], cat["quota"]) == (category.pk, 2)
    se = compute(season)
    assert [e["entry"] for e in cat["entries"]] == [int(r.entry) for r in se.results]
    assert [e["total"] for e in cat["entries"]] == [float(r.total) for r in se.results]
    assert cat["entries"][0]["name"] == entries[0].center.name


def test_a_judge_reads_in_deliberation_only(season, scored, judge, api, organizer):
    response = api(judge).get(path(season, "totals"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "stage_closed"


def test_a_judge_under_blind_review_gets_codes(season, scored, judge, api, deliberation_open):
    entries, _crits = scored
    JudgingPolicy.objects.create(season=season, blind=True)
    body = api(judge).get(path(season, "totals")).json()
    names = [e["name"] for e in body["categories"][0]["entries"]]
    assert entry_code(entries[0]) in names
    assert entries[0].center.name not in str(body)


def test_an_applicant_is_forbidden(season, scored, applicant, api):
    assert api(applicant).get(path(season, "totals")).status_code == 403


def test_the_breakdown(season, scored, organizer, panel, api):
    entries, crits = scored
    body = api(organizer).get(path(season, f"totals/{entries[0].pk}")).json()
    assert body["entry"]["entry"] == entries[0].pk
    assert {j["judge"] for j in body["judges"]} == {p.pk for p in panel}
    judged = [c for c in body["criteria"] if c["judges"]]
    assert [c["criterion"] for c in judged] == crits
    assert {j["judge"] for j in judged[0]["judges"]} == {p.pk for p in panel}
    assert {"severity", "scale"} <= set(judged[0]["judges"][0]["adjustment"])
    assert round(sum(d["contribution"] for d in body["dimensions"]), 6) == round(body["total"], 6)


def test_a_conflicted_judge_gets_no_breakdown(season, scored, judge, panel, api, deliberation_open):
    entries, _crits = scored
    conflict(panel[0], entries[0])
    assert api(judge).get(path(season, f"totals/{entries[0].pk}")).status_code == 403
    assert api(judge).get(path(season, f"totals/{entries[1].pk}")).status_code == 200


def test_an_unknown_entry_is_not_found(season, scored, organizer, api):
    assert api(organizer).get(path(season, "totals/999999")).status_code == 404


def test_reliability(season, scored, organizer, panel, api):
    body = api(organizer).get(path(season, "reliability")).json()
    assert {j["judge"] for j in body["judges"]} == {p.pk for p in panel}
    assert body["groups"] >= 1
    assert set(body["alpha_criteria"]) <= set(compute(season).inputs.table.criteria)


def test_the_policy_is_read_and_changed_with_its_version(season, organizer, api):
    client = api(organizer)
    body = client.get(path(season, "scoring-policy")).json()
    assert body == {
        "method": "calibrated",
        "bootstrap": 1000,
        "seed": 1,
        "shortlist_margin": 2,
        "visit_weight": 50,
        "version": 1,
    }
    changed = client.put(
        path(season, "scoring-policy"),
        {"method": "zscore", "visit_weight": 30, "version": 1},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    stale = client.put(
        path(season, "scoring-policy"),
        {"method": "mean", "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    assert error["problems"] == [
        {"field": "method", "stored": "zscore", "sent": "mean", "version": 2}
    ]
    assert policy_of(season).method == "zscore"


def test_the_policy_refuses_values_out_of_bounds(season, organizer, api):
    response = api(organizer).put(
        path(season, "scoring-policy"),
        {"bootstrap": 10001},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert policy_of(season).pk is None


def test_judges_cannot_read_or_change_the_policy(season, judge, api):
    assert api(judge).get(path(season, "scoring-policy")).status_code == 403
    response = api(judge).put(
        path(season, "scoring-policy"), {"method": "mean"}, content_type="application/json"
    )
    assert response.status_code == 403
