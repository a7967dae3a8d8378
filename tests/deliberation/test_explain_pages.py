"""An entry's breakdown: every raw score by judge, the judges' severity and
scale, the evidence blend, the dimensions and the total as the engine gave it;
a judge kept from the entry by a conflict of interest is refused."""

from __future__ import annotations

from ccaward.deliberation.domain.evaluation import breakdown, compute, criterion_lines
from ccaward.deliberation.domain.policy import change_policy
from ccaward.judging.models import JudgingPolicy
from ccaward.reviews.blind import entry_code
from tests.deliberation.conftest import conflict


def url(season, entry):
    return f"/seasons/{season.slug}/totals/{entry.pk}/"


def test_the_breakdown_shows_every_step(season, scored, panel, organizer, client_en):
    entries, crits = scored
    response = client_en(organizer).get(url(season, entries[0]))
    assert response.status_code == 200
    html = response.content.decode()
    for judge in panel:
        assert judge.name in html
    se = compute(season)
    result = se.result(str(entries[0].pk))
    assert f"{float(result.total):.2f}" in html
    for step in ("1. The judges", "2. The judges", "3. Evidence blended", "4. Dimensions"):
        assert step in html
    assert "Judges&#x27; scores combined by" in html


def test_the_breakdown_adds_up_to_the_total(season, scored, panel):
    entries, crits = scored
    se = compute(season)
    ex = breakdown(se, str(entries[0].pk))
    assert ex.total == se.result(str(entries[0].pk)).total
    assert sum(d.contribution for d in ex.dimensions) == ex.total
    lines = criterion_lines(ex)
    judged = [line for line in lines if line.judges]
    assert [line.code for line in judged] == crits
    assert all(len(line.judges) == len(panel) for line in judged)


def test_calibration_shows_each_score_corrected(season, scored, organizer, client_en):
    entries, _crits = scored
    se = compute(season)
    ex = breakdown(se, str(entries[0].pk))
    adjusted = [j.adjusted for line in criterion_lines(ex) for j in line.judges]
    raw = [j.raw for line in criterion_lines(ex) for j in line.judges]
    assert adjusted != raw  # the harsh and the lenient judge are corrected
    html = client_en(organizer).get(url(season, entries[0])).content.decode()
    assert f"→ {adjusted[0]:.2f}" in html


def test_median_strikes_out_the_scores_not_counted(season, scored, organizer, client_en):
    entries, _crits = scored
    change_policy(season=season, by=organizer, values={"method": "median"})
    html = client_en(organizer).get(url(season, entries[0])).content.decode()
    assert 'class="dropped"' in html  # three judges: the middle one counts
    assert '<br><small class="muted">→ ' not in html


def test_a_conflicted_judge_is_refused(season, scored, panel, judge, as_user, deliberation_open):
    entries, _crits = scored
    conflict(panel[0], entries[0])
    assert as_user(judge).get(url(season, entries[0])).status_code == 403
    assert as_user(judge).get(url(season, entries[1])).status_code == 200


def test_a_judge_needs_deliberation_open(season, scored, judge, as_user):
    entries, _crits = scored
    assert as_user(judge).get(url(season, entries[0])).status_code == 409


def test_blind_review_names_the_entry_by_its_code(
    season, scored, judge, as_user, deliberation_open
):
    entries, _crits = scored
    JudgingPolicy.objects.create(season=season, blind=True)
    html = as_user(judge).get(url(season, entries[0])).content.decode()
    assert entry_code(entries[0]) in html
    assert entries[0].center.name not in html


def test_an_entry_that_does_not_compete_is_not_found(season, scored, organizer, as_user):
    entries, _crits = scored
    entries[0].status = "withdrawn"
    entries[0].save(update_fields=["status"])
    assert as_user(organizer).get(url(season, entries[0])).status_code == 404
    assert as_user(organizer).get(f"/seasons/{season.slug}/totals/999999/").status_code == 404


def test_the_correction_can_be_redone_from_the_page(season, scored, organizer, client_en):
    entries, _crits = scored
    se = compute(season)
    ex = breakdown(se, str(entries[0].pk))
    line = next(line for line in criterion_lines(ex) if line.judges)
    judge = line.judges[0]
    centre = judge.adjustment["centre"]
    html = client_en(organizer).get(url(season, entries[0])).content.decode()
    assert f"where c = {centre:.2f}" in html
    effect = se.effect(judge.judge)
    redone = centre + (judge.raw - centre - effect.severity) / effect.scale
    assert abs(redone - judge.adjusted) < 1e-9
    assert f"{effect.severity:.2f} ± " in html


def test_zscore_shows_each_judges_mean_and_spread(season, scored, organizer, client_en):
    entries, _crits = scored
    change_policy(season=season, by=organizer, values={"method": "zscore"})
    html = client_en(organizer).get(url(season, entries[0])).content.decode()
    assert "Judge's standard deviation" in html
    assert "Corrected score = " in html
