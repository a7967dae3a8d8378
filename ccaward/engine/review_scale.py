"""The scales judges score a criterion on (专家评分), as data: the values each
allows and, for the anchored 1–5 scale, what each level means.

Two scales: "0-10" in half points (0, 0.5 … 10), the default, and "1-5" with a
described level each. The anchors are general, not per criterion: each
criterion of the framework already says what is judged (its description), and
the anchor says how well; one meaning of "4" across every criterion keeps
scores comparable between criteria and judges, and organizers need not write
five texts per criterion.

A score is a Decimal; it travels and is stored as its shortest string ("7.5",
"8", "10"). No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

TEN_HALF = "0-10"
FIVE_ANCHORED = "1-5"


@dataclass(frozen=True)
class Anchor:
    value: int
    label_zh: str
    label_en: str
    text_zh: str
    text_en: str


ANCHORS = (
    Anchor(
        1,
        "明显不足",
        "Clearly insufficient",
        "缺少相应的做法或证据，存在明显缺陷。",
        "No practice or evidence for it; clear gaps.",
    ),
    Anchor(
        2,
        "有待改进",
        "Needs improvement",
        "有初步做法，但不系统，效果有限。",
        "First steps taken, but not systematic; limited results.",
    ),
    Anchor(
        3,
        "达到要求",
        "Meets expectations",
        "做法完整、运行稳定，达到行业一般水平。",
        "A complete practice that runs steadily; the industry's usual level.",
    ),
    Anchor(
        4,
        "良好",
        "Strong",
        "做法系统且成效明显，高于行业一般水平。",
        "Systematic, with clear results; above the industry's usual level.",
    ),
    Anchor(
        5,
        "卓越",
        "Excellent",
        "行业领先，可作为标杆推广。",
        "Leads the industry; a model for others.",
    ),
)


@dataclass(frozen=True)
class ScaleSpec:
    key: str
    low: Decimal
    high: Decimal
    step: Decimal
    anchors: tuple[Anchor, ...] = ()

    def values(self) -> list[Decimal]:
        """Every value the scale allows, lowest first."""
        out, v = [], self.low
        while v <= self.high:
            out.append(v)
            v += self.step
        return out

    @property
    def middle(self) -> Decimal:
        return (self.low + self.high) / 2


SCALES = {
    TEN_HALF: ScaleSpec(TEN_HALF, Decimal(0), Decimal(10), Decimal("0.5")),
    FIVE_ANCHORED: ScaleSpec(FIVE_ANCHORED, Decimal(1), Decimal(5), Decimal(1), ANCHORS),
}


class OffScale(ValueError):
    """A value that is not a number, or not one the scale allows."""


def spec(key: str) -> ScaleSpec:
    return SCALES.get(key) or SCALES[TEN_HALF]


def text(value: Decimal) -> str:
    """The shortest string of a score: 7.5 → "7.5", 8.0 → "8"."""
    out = format(value.normalize(), "f")
    return "0" if out in ("-0", "") else out


def parse(key: str, raw) -> Decimal:
    """The score `raw` (a string or a number; a comma is a decimal point) on the
    scale `key`, or OffScale."""
    scale = spec(key)
    try:
        value = Decimal(str(raw).strip().replace(",", ".").replace("，", "."))
    except (InvalidOperation, ValueError):
        raise OffScale(str(raw)) from None
    if not value.is_finite() or value < scale.low or value > scale.high:
        raise OffScale(str(raw))
    if (value - scale.low) % scale.step != 0:
        raise OffScale(str(raw))
    return value
