"""The issue's measure: simulated seasons with a known true quality per entry and
harsh, lenient, compressing and stretching judges; the Kendall tau of each method's
entry order (mean over the criteria) to the truth, with random panels and with
panels that lean towards entries of similar quality, averaged over seeds.

Run with -s to see the table."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import kendalltau

from ccaward.engine.scoring.combine import combine
from tests.engine.scoring.simulated import season

SEEDS = range(10)
METHODS = ("mean", "zscore", "calibrated")


def taus(lean: bool) -> dict[str, np.ndarray]:
    found = {m: [] for m in METHODS}
    for seed in SEEDS:
        s = season(seed, lean=lean)
        for method in METHODS:
            values = combine(s.table, method).values.mean(axis=1)
            found[method].append(kendalltau(values, s.truth).statistic)
    return {m: np.array(v) for m, v in found.items()}


@pytest.fixture(scope="module")
def results():
    table = {"random panels": taus(False), "panels leaning to similar entries": taus(True)}
    print(f"\nKendall tau to the true order, mean (min-max) over {len(SEEDS)} seeds:")
    print(f"{'design':<36}" + "".join(f"{m:>22}" for m in METHODS))
    for design, found in table.items():
        cells = "".join(
            f"{found[m].mean():>10.3f} ({found[m].min():.2f}-{found[m].max():.2f})" for m in METHODS
        )
        print(f"{design:<36}{cells}")
    return table


@pytest.mark.parametrize("design", ["random panels", "panels leaning to similar entries"])
def test_calibrated_recovers_the_order(results, design):
    found = results[design]
    assert found["calibrated"].mean() >= 0.9
    assert found["calibrated"].mean() > found["mean"].mean()
    assert found["calibrated"].mean() > found["zscore"].mean()
    # not on average only: calibrated is ahead in most seasons
    assert np.mean(found["calibrated"] > np.maximum(found["mean"], found["zscore"])) >= 0.8


def test_leaning_panels_defeat_the_usual_corrections(results):
    """The case calibration is for: harsh judges on the strong entries make the plain
    mean unfair, and z-scores take the strong entries' judges for lenient ones."""
    found = results["panels leaning to similar entries"]
    assert found["mean"].mean() < 0.7
    assert found["zscore"].mean() < found["mean"].mean()


def test_the_simulated_judges_are_what_they_say():
    s = season(0, lean=True)
    kinds = np.array(s.kinds)
    assert s.severity[kinds == "harsh"].mean() < -1
    assert s.severity[kinds == "lenient"].mean() > 1
    # the harsh judges sit on the strongest entries
    t = s.table
    harsh = np.isin(t.judge, np.flatnonzero(kinds == "harsh"))
    assert s.truth[t.entry[harsh]].mean() > s.truth.mean() + 1
