"""The indicator catalogue: every KPI the platform computes, benchmarks or asks for.

Pure data; no Django import. One entry per indicator, in the order of ``kpi.compute``'s
columns then the others:

* ``key``: the engine's name (``aht_s``), ``name_zh`` / ``name_en``: how the pages name it
  (the kpis app picks one by the active language);
* ``unit``: ``count``, ``fraction`` (0..1), ``seconds``, ``csat`` (1..5), ``nps`` (-1..1)
  or ``ratio``; ``display``: how a value is written, ``count`` (38,433), ``percent``
  (81.7 %), ``seconds`` (73.8 s), ``decimal`` (4.21) or ``points`` (+12, for NPS);
* ``direction``: which values are better, ``higher``, ``lower``, ``band`` (a target range,
  ``band`` its default) or None (shown, never scored); ``note``: why, where it is not
  obvious;
* ``source``: ``records`` (``kpi.compute`` from interaction records), ``staffing`` (the
  records and agent states with Erlang C: ``benchmark.staffing_efficiency``) or ``form``
  (only the application form gives it);
* ``form_field``: the application form's typed field (its ``maps_to``) by which
  applicants report it, or None when they do not.

Everything else derives from it: ``kpi.INDICATORS`` (``COMPUTED``), ``benchmark.INDICATORS``,
the kpis app's labels, display formats, board and forms, and the reported figures the
applications app takes from the form (``FORM_FIELDS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ccaward.engine.numbers import real

Direction = Literal["higher", "lower", "band"]
DIRECTIONS: tuple[str, ...] = ("higher", "lower", "band")
UNITS = ("count", "fraction", "seconds", "csat", "nps", "ratio")
DISPLAYS = ("count", "percent", "seconds", "decimal", "points")
SOURCES = ("records", "staffing", "form")
_DISPLAY_OF_UNIT = {
    "count": "count",
    "fraction": "percent",
    "seconds": "seconds",
    "csat": "decimal",
    "ratio": "decimal",
    "nps": "points",
}


@dataclass(frozen=True)
class Band:
    """A target band ``[low, high]``; the band score is 100 inside and falls linearly to 0
    at ``low - falloff_low`` and ``high + falloff_high`` (each defaults to the band's width
    ``high - low``, and must be > 0)."""

    low: float
    high: float
    falloff_low: float | None = None
    falloff_high: float | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        low = real("band.low", self.low)
        high = real("band.high", self.high)
        if high < low:
            raise ValueError(f"band.high must be >= band.low, got {high!r} < {low!r}")
        set_(self, "low", low)
        set_(self, "high", high)
        for name in ("falloff_low", "falloff_high"):
            raw = getattr(self, name)
            value = high - low if raw is None else real(f"band.{name}", raw)
            if value <= 0:
                raise ValueError(
                    f"band.{name} must be > 0, got {value!r}"
                    + (" (the band has no width; give falloffs)" if raw is None else "")
                )
            set_(self, name, value)

    def distance(self, value: float) -> float:
        """Normalised distance outside the band: 0 inside, 1 where the score reaches 0."""
        if value < self.low:
            return (self.low - value) / self.falloff_low  # type: ignore[operator]
        if value > self.high:
            return (value - self.high) / self.falloff_high  # type: ignore[operator]
        return 0.0


@dataclass(frozen=True)
class Indicator:
    """One KPI (see the module docstring for the fields)."""

    key: str
    name_zh: str
    name_en: str
    unit: str
    direction: Direction | None
    band: Band | None = None
    note: str = ""
    source: str = "records"
    form_field: str | None = None
    display: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"{self.key}: unit {self.unit!r} not in {UNITS}")
        if self.direction is not None and self.direction not in DIRECTIONS:
            raise ValueError(f"{self.key}: direction {self.direction!r} not in {DIRECTIONS}")
        if (self.direction == "band") != (self.band is not None):
            raise ValueError(f"{self.key}: a band, and only a band, has a default band")
        if self.source not in SOURCES:
            raise ValueError(f"{self.key}: source {self.source!r} not in {SOURCES}")
        if not self.display:
            object.__setattr__(self, "display", _DISPLAY_OF_UNIT[self.unit])
        if self.display not in DISPLAYS:
            raise ValueError(f"{self.key}: display {self.display!r} not in {DISPLAYS}")

    @property
    def reported(self) -> bool:
        """Applicants report it on the application form."""
        return self.form_field is not None

    def name(self, language: str | None) -> str:
        """The English name for an English language code, else the Chinese one."""
        return self.name_en if (language or "").startswith("en") else self.name_zh


def _records(key, zh, en, unit, direction=None, **more) -> Indicator:
    return Indicator(key, zh, en, unit, direction, **more)


_CATALOGUE = (
    _records("offered", "呼入量", "Offered", "count"),
    _records("answered", "接通量", "Answered", "count"),
    _records("abandoned", "排队放弃量", "Abandoned in queue", "count"),
    _records("short_abandoned", "短时放弃量", "Short abandons", "count"),
    _records("ivr_abandoned", "IVR 内挂机量", "Hung up in the IVR", "count"),
    _records("answer_rate", "接通率", "Answer rate", "fraction", "higher"),
    _records("answer_rate_15s", "15 秒接通率", "Answered within 15 s", "fraction", "higher"),
    _records("answer_rate_20s", "20 秒接通率", "Answered within 20 s", "fraction", "higher"),
    _records(
        "abandon_rate",
        "放弃率",
        "Abandon rate",
        "fraction",
        "lower",
        form_field="reported.abandon_rate",
    ),
    _records("service_level", "服务水平", "Service level", "fraction", "higher"),
    _records("asa_s", "平均应答速度", "Average speed of answer", "seconds", "lower"),
    _records("avg_wait_s", "平均等待时长", "Average wait", "seconds", "lower"),
    _records("max_wait_s", "最长等待时长", "Longest wait", "seconds", "lower"),
    _records(
        "aht_s",
        "平均处理时长",
        "Average handle time",
        "seconds",
        "band",
        band=Band(180, 420, falloff_low=120, falloff_high=180),
        note="A short AHT is not always good: rushed calls cost first contact resolution. "
        "Score 100 within 180..420 s, 0 at 60 s and below or 600 s and above.",
        form_field="reported.aht_s",
    ),
    _records("talk_s", "平均通话时长", "Average talk time", "seconds", note="Part of AHT."),
    _records("hold_s", "平均保持时长", "Average hold time", "seconds", note="Part of AHT."),
    _records(
        "acw_s",
        "平均话后处理时长",
        "Average after-contact work",
        "seconds",
        note="Part of AHT.",
        form_field="reported.acw_s",
    ),
    _records("transfer_rate", "转接率", "Transfer rate", "fraction", "lower"),
    _records(
        "fcr_rate",
        "一次性解决问题率（FCR）",
        "First contact resolution",
        "fraction",
        "higher",
        form_field="reported.fcr_rate",
    ),
    _records("csat_avg", "客户满意度（1–5 分）", "Customer satisfaction (1–5)", "csat", "higher"),
    _records(
        "csat_top2", "满意率（前两档）", "Satisfied customers (top 2 box)", "fraction", "higher"
    ),
    _records("nps", "净推荐值（NPS）", "Net promoter score", "nps", "higher"),
    _records("ivr_containment", "IVR 自助解决率", "IVR containment", "fraction", "higher"),
    _records(
        "occupancy",
        "座席占用率",
        "Occupancy",
        "fraction",
        "band",
        band=Band(0.75, 0.88, falloff_low=0.15, falloff_high=0.12),
        note="Too low wastes staff, too high burns agents out. Score 100 within 0.75..0.88, "
        "0 at 0.60 and below or 1.00.",
        form_field="reported.occupancy",
    ),
    _records(
        "adherence",
        "排班遵从率",
        "Schedule adherence",
        "fraction",
        "higher",
        note="Scheduled seconds in which the agents did what the schedule planned.",
    ),
    Indicator(
        "attrition_rate",
        "员工流失率",
        "Staff attrition",
        "fraction",
        "lower",
        source="form",
        form_field="reported.attrition_rate",
    ),
    Indicator(
        "staffing_efficiency",
        "人力配置效率",
        "Staffing efficiency",
        "ratio",
        "band",
        band=Band(0.9, 1.1, falloff_low=0.3, falloff_high=0.3),
        note="Agents Erlang C needed for the service-level goal / agents on duty; > 1 "
        "understaffed, < 1 overstaffed. Score 100 within 0.9..1.1, 0 at 0.6 and 1.4.",
        source="staffing",
    ),
)

#: Every indicator by key, in catalogue order.
INDICATORS: Mapping[str, Indicator] = {ind.key: ind for ind in _CATALOGUE}

#: The indicators ``kpi.compute`` gives from interaction records, in its column order.
COMPUTED: tuple[str, ...] = tuple(k for k, i in INDICATORS.items() if i.source == "records")

#: The application form's typed field -> the indicator applicants report by it.
FORM_FIELDS: Mapping[str, str] = {i.form_field: k for k, i in INDICATORS.items() if i.form_field}

#: The columns of the benchmark board, in order (scored indicators only).
BOARD: tuple[str, ...] = (
    "answer_rate",
    "abandon_rate",
    "service_level",
    "asa_s",
    "aht_s",
    "fcr_rate",
    "csat_avg",
    "transfer_rate",
    "occupancy",
    "adherence",
    "staffing_efficiency",
    "attrition_rate",
)
if not all(INDICATORS[k].direction for k in BOARD):  # pragma: no cover - catalogue check
    raise ValueError("BOARD: every board column must be a scored indicator")
