"""`ccaward demo` leaves deliberation filled in: the scoring policy calibrated,
panel comments in Chinese, one category's shortlist with one departure and its
reason, and the reviews' harsh, lenient and compressing judges named with the
severity and scale the calibration finds (harsh below zero, lenient above, the
compressing judge's scale well under 1)."""

from __future__ import annotations

import re

from ccaward.deliberation.demo import COMMENTS, REASON
from ccaward.deliberation.models import PanelComment, Shortlist


def test_the_demo_deliberates(demo_season):
    ctx = demo_season
    season = ctx.season
    assert set(PanelComment.objects.filter(season=season).values_list("text", flat=True)) == set(
        COMMENTS
    )
    # the other categories' shortlists are set at the ranking's line by the vote's demo
    shortlist = Shortlist.objects.get(season=season, rows__reason=REASON)
    assert shortlist.method == "calibrated" and shortlist.version == 1
    departures = [r for r in shortlist.rows.all() if r.reason]
    assert [r.reason for r in departures] == [REASON]
    lines = [line for line in ctx.lines if line.startswith("deliberation: ")]
    assert "method calibrated" in lines[0]
    effects = {}
    for line in lines[1:]:
        found = re.match(
            r"deliberation: (\w+) judge: .+ \(severity ([-+.\d]+), scale ([.\d]+)\)", line
        )
        assert found, line
        effects[found[1]] = (float(found[2]), float(found[3]))
    assert effects["harsh"][0] < -0.5
    assert effects["lenient"][0] > 0.5
    assert effects["compressing"][1] < 0.6
