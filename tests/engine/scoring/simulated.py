"""Simulated seasons with a known true quality per entry and judges of known kinds:
harsh, lenient, compressing, stretching or fair; scores rounded to half points and
clipped to the scale."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from ccaward.engine.scoring import Scale, ScoreTable

SEVERITY = {"harsh": -1.5, "lenient": 1.5}
SPREAD = {"compressed": 0.5, "stretched": 1.6}
MIDDLE = ("compressed", "stretched", "fair")


@dataclass
class Season:
    table: ScoreTable
    quality: np.ndarray  # (E, C) true quality on the scale, as a fair judge scores it
    severity: np.ndarray  # (J,) true offsets at the typical score
    scale: np.ndarray  # (J,) true spreads
    kinds: tuple[str, ...]

    @property
    def truth(self) -> np.ndarray:
        """Each entry's true mean over the criteria."""
        return self.quality.mean(axis=1)


def season(
    seed: int,
    *,
    lean: bool,
    n_entries: int = 120,
    n_criteria: int = 4,
    n_judges: int = 24,
    per_entry: int = 5,
    noise: float = 0.6,
) -> Season:
    """A season of `per_entry` judges on each entry.

    Random panels (lean=False): each entry's judges drawn at random, the kinds
    spread evenly. Leaning panels (lean=True): the entries in order of true
    quality, each judge a window of neighbouring entries (the `per_entry` judges
    whose windows' centres are nearest an entry score it, so neighbouring windows
    overlap and the design is connected); the quarter of judges on the weakest
    windows lenient, the quarter on the strongest harsh, the others compressed,
    stretched or fair at random: what an expertise-based assignment that sends
    the most senior (and sternest) judges to the leading entries produces.
    """
    rng = np.random.default_rng(seed)
    base = rng.normal(6.0, 1.2, n_entries)
    quality = base[:, None] + rng.normal(0.0, 0.5, (n_entries, n_criteria))
    truth = quality.mean(axis=1)
    if lean:
        quarter = n_judges // 4
        middle = [MIDDLE[k % 3] for k in rng.permutation(n_judges - 2 * quarter)]
        kinds = ["lenient"] * quarter + middle + ["harsh"] * quarter
        position = np.empty(n_entries)
        position[np.argsort(truth, kind="stable")] = np.arange(n_entries)
        centres = (np.arange(n_judges) + 0.5) * n_entries / n_judges
        distance = np.abs(position[:, None] - centres[None, :])
        panel = np.argsort(distance, axis=1, kind="stable")[:, :per_entry]
    else:
        kinds = [("harsh", "lenient", *MIDDLE)[k % 5] for k in rng.permutation(n_judges)]
        panel = np.argsort(rng.random((n_entries, n_judges)), axis=1)[:, :per_entry]
    severity = np.array([SEVERITY.get(k, 0.0) for k in kinds]) + rng.normal(0, 0.2, n_judges)
    scale = np.array([SPREAD.get(k, 1.0) for k in kinds])
    judge = np.repeat(panel.ravel(), n_criteria)
    entry = np.repeat(np.repeat(np.arange(n_entries), per_entry), n_criteria)
    criterion = np.tile(np.arange(n_criteria), n_entries * per_entry)
    typical = 6.0
    q = quality[entry, criterion]
    raw = typical + severity[judge] + scale[judge] * (q - typical)
    raw = raw + rng.normal(0.0, noise, len(raw))
    score = np.clip(np.round(raw * 2) / 2, 0.0, 10.0)
    table = ScoreTable(
        judges=tuple(f"J{j:02d}" for j in range(n_judges)),
        entries=tuple(f"E{e:03d}" for e in range(n_entries)),
        criteria=tuple(f"c{c}" for c in range(n_criteria)),
        judge=judge.astype(np.int64),
        entry=entry.astype(np.int64),
        criterion=criterion.astype(np.int64),
        score=score,
        scale=Scale(0.0, 10.0),
    )
    return Season(table, quality, severity, scale, tuple(kinds))


def score_rows(max_size: int):
    """Hypothesis: small tables of (judge, entry, criterion, score) rows, 6 judges,
    9 entries, 2 criteria, half points on 0-10, each cell's judge at most once."""
    return st.lists(
        st.tuples(
            st.integers(0, 5).map(lambda k: f"J{k}"),
            st.integers(0, 8).map(lambda k: f"e{k}"),
            st.sampled_from(["c1", "c2"]),
            st.integers(0, 20).map(lambda v: v / 2),
        ),
        min_size=1,
        max_size=max_size,
        unique_by=lambda r: r[:3],
    )
