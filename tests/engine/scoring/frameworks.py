"""Random frameworks and evidence for the scoring's property tests (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from ccaward.engine.framework import Criterion, Dimension, Framework

KINDS = ("judge", "kpi", "mystery")
INDICATOR = "answer_rate"


@st.composite
def percents(draw, n: int) -> list[Decimal]:
    """n non-negative whole weights summing to 100."""
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 100]
    return [Decimal(bounds[i + 1] - bounds[i]) for i in range(n)]


@st.composite
def evidence_weights(draw) -> dict[str, Decimal]:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3, unique=True))
    weights = draw(percents(len(kinds)))
    if not any(weights):
        weights[0] = Decimal(100)
    return dict(zip(kinds, weights, strict=True))


@st.composite
def criteria(draw, prefix: str, depth: int) -> Criterion:
    ev = draw(evidence_weights())
    n_children = draw(st.integers(0, 2)) if depth == 0 else 0
    return Criterion(
        code=prefix,
        name_zh=prefix,
        evidence=ev,
        indicator=INDICATOR if "kpi" in ev else None,
        children=tuple(draw(criteria(f"{prefix}_{i}", depth + 1)) for i in range(n_children)),
    )


@st.composite
def frameworks(draw) -> Framework:
    n_dims = draw(st.integers(1, 3))
    dim_weights = draw(percents(n_dims))
    dims = []
    for d in range(n_dims):
        n_crit = draw(st.integers(1, 3))
        crits = [draw(criteria(f"c{d}{i}", 0)) for i in range(n_crit)]
        if draw(st.booleans()):
            weights = draw(percents(n_crit))
            crits = [
                Criterion(**{**c.__dict__, "weight": w})
                for c, w in zip(crits, weights, strict=True)
            ]
        dims.append(Dimension(f"d{d}", f"d{d}", f"d{d}", dim_weights[d], tuple(crits)))
    return Framework(tuple(dims))


def codes(framework: Framework) -> list[str]:
    return [crit.code for _dim, crit, _parent in framework.criteria()]
