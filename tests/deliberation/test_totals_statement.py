"""What the totals state besides the method: the trimmed mean's fallback to the
mean, a design that falls apart into groups of judges sharing no entry, other
scales converted and scores left out, no mystery calls yet."""

from __future__ import annotations

from django.utils import translation

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.policy import change_policy
from ccaward.deliberation.wording import statement
from tests.deliberation.conftest import criteria_of, review
from tests.factories import make_entry


def test_trimmed_says_when_it_took_the_mean(season, scored, organizer, client_en):
    change_policy(season=season, by=organizer, values={"method": "trimmed"})
    html = client_en(organizer).get(f"/seasons/{season.slug}/totals/").content.decode()
    assert "criterion scores had fewer than 5 judges: the mean was taken." in html


def test_a_disconnected_design_is_stated(season, organizer, category, panel, client_en):
    crits = criteria_of(season)
    a, b, c, d = (make_entry(season=season, by=organizer, category=category) for _ in range(4))
    for entry, judges in ((a, panel[:2]), (b, panel[:2]), (c, panel[2:]), (d, panel[2:])):
        for i, judge in enumerate(judges):
            review(season, judge, entry, dict.fromkeys(crits, 5 + i))
    se = compute(season)
    assert se.disconnected
    html = client_en(organizer).get(f"/seasons/{season.slug}/totals/").content.decode()
    assert "The judges fall into 2 groups that share no entry" in html
    reliability = client_en(organizer).get(f"/seasons/{season.slug}/reliability/")
    assert "Groups of judges that share no entry" in reliability.content.decode()


def test_converted_and_left_out_scores_and_no_mystery_calls(
    season, organizer, category, panel, client_en
):
    crits = criteria_of(season)
    entry = make_entry(season=season, by=organizer, category=category)
    review(season, panel[0], entry, {crits[0]: 4}, scale="1-5")
    review(season, panel[1], entry, {crits[0]: 8, "gone": 3})
    with translation.override("en"):
        lines = statement(compute(season))
    assert any("1 review given on another scale was converted to 0-10" in s for s in lines)
    assert any("1 score of a criterion the framework no longer has" in s for s in lines)
    assert any("No mystery-call evidence yet" in s for s in lines)
