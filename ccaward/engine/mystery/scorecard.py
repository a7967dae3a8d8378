"""Mystery-call scorecards (暗访评分表) as versioned data, and their rules.

A card has groups (reaching the center, opening, handling, closing) whose points
add up to exactly 100; each group's items add up to exactly the group's points.
Item types:

    yesno    yes earns the item's points, no earns 0
    scale    1..5 with an anchored description per level (zh and en); level L earns
             points x (L - 1) / 4 (1 is nothing of it, 5 all of it)
    measure  a measured number (seconds to a person, IVR steps, rings) within the
             item's range [min, max], turned into points by a threshold table: rows
             `{up_to: V, points: P}` with V strictly increasing and the last at the
             range's max, so each value in range falls in the first row whose up_to it
             does not exceed; the points move one way only (never up then down), the
             best row earns the item's points; a value out of range is refused
    share    the share of the scenario's answer points the answer contained
             (accuracy): k of n earns points x k / n

An item marked `optional` may be answered "na" (not applicable: no hold, no
transfer); it then leaves its group, whose points are earned in proportion to the
applicable items' (score.py). Every problem is named by its path (group/item).
No Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

ITEM_TYPES = ("yesno", "scale", "measure", "share")
UNITS = ("seconds", "steps", "rings", "count")
LEVELS = (1, 2, 3, 4, 5)
TOTAL = Decimal(100)
DEFAULT_FILE = Path(__file__).parent / "data" / "scorecard_default.yaml"


class ScorecardError(ValueError):
    """A card definition that cannot be used; `problems` are "path: message" lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Threshold:
    up_to: Decimal
    points: Decimal


@dataclass(frozen=True)
class Item:
    code: str
    type: str
    points: Decimal
    name_zh: str
    name_en: str
    optional: bool = False
    anchors: Mapping[int, tuple[str, str]] = field(default_factory=dict)  # level -> (zh, en)
    unit: str = ""
    low: Decimal | None = None  # a measure's range
    high: Decimal | None = None
    thresholds: tuple[Threshold, ...] = ()


@dataclass(frozen=True)
class Group:
    code: str
    name_zh: str
    name_en: str
    points: Decimal
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Scorecard:
    key: str
    version: int
    name_zh: str
    name_en: str
    groups: tuple[Group, ...]
    reaching: str  # the code of the group an unanswered attempt scores at 0

    def item(self, code: str) -> tuple[Group, Item] | None:
        for group in self.groups:
            for item in group.items:
                if item.code == code:
                    return group, item
        return None

    def items(self):
        for group in self.groups:
            for item in group.items:
                yield group, item


def _number(value, path: str, problems: list[str]) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        problems.append(f"{path}: {value!r} is not a number")
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{path}: {value!r} is not a number")
        return None
    if not number.is_finite():
        problems.append(f"{path}: {value!r} is not a finite number")
        return None
    return number


def _text(raw: Mapping, key: str, path: str, problems: list[str]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{path}: {key} is missing")
        return ""
    return value.strip()


def _anchors(raw, path: str, problems: list[str]) -> dict[int, tuple[str, str]]:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}/anchors: one description per level 1-5 (zh and en) is needed")
        return {}
    anchors = {}
    for level in LEVELS:
        text = raw.get(level, raw.get(str(level)))
        if not isinstance(text, Mapping) or not all(
            isinstance(text.get(lang), str) and text.get(lang).strip() for lang in ("zh", "en")
        ):
            problems.append(f"{path}/anchors/{level}: a description in zh and en is needed")
            continue
        anchors[level] = (text["zh"].strip(), text["en"].strip())
    extra = sorted(str(k) for k in raw if str(k) not in {str(level) for level in LEVELS})
    if extra:
        problems.append(f"{path}/anchors: levels {', '.join(extra)} are not 1-5")
    return anchors


def _thresholds(raw, item: dict, path: str, problems: list[str]) -> tuple[Threshold, ...]:
    """The threshold table of a measure, checked against its range and points."""
    low = _number(raw.get("min"), f"{path}/min", problems)
    high = _number(raw.get("max"), f"{path}/max", problems)
    item["low"], item["high"] = low, high
    if low is not None and high is not None and low >= high:
        problems.append(f"{path}: min {low} is not below max {high}")
        return ()
    rows = raw.get("thresholds")
    if not isinstance(rows, list) or not rows:
        problems.append(f"{path}/thresholds: a table of {{up_to, points}} rows is needed")
        return ()
    table = []
    for i, row in enumerate(rows, 1):
        where = f"{path}/thresholds/{i}"
        if not isinstance(row, Mapping):
            problems.append(f"{where}: not an {{up_to, points}} row")
            continue
        up_to = _number(row.get("up_to"), f"{where}/up_to", problems)
        points = _number(row.get("points"), f"{where}/points", problems)
        if up_to is not None and points is not None:
            table.append(Threshold(up_to, points))
    if len(table) != len(rows) or low is None or high is None:
        return tuple(table)
    ups = [t.up_to for t in table]
    if any(b <= a for a, b in zip(ups, ups[1:], strict=False)):
        problems.append(f"{path}/thresholds: up_to must increase strictly, got {ups}")
    if ups[0] < low:
        problems.append(f"{path}/thresholds: up_to {ups[0]} is below the range's min {low}")
    if ups[-1] != high:
        problems.append(
            f"{path}/thresholds: the last up_to is {ups[-1]}, not the range's max {high} "
            "(the table must cover the range)"
        )
    points = [t.points for t in table]
    steps = [b - a for a, b in zip(points, points[1:], strict=False)]
    if any(s > 0 for s in steps) and any(s < 0 for s in steps):
        problems.append(f"{path}/thresholds: points must move one way only, got {points}")
    if min(points) < 0:
        problems.append(f"{path}/thresholds: points below 0 ({min(points)})")
    if item.get("points") is not None and max(points) != item["points"]:
        problems.append(
            f"{path}/thresholds: the best row earns {max(points)}, not the item's "
            f"{item['points']} points"
        )
    return tuple(table)


def _item(raw, path: str, problems: list[str]) -> Item | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: not an item")
        return None
    kind = raw.get("type")
    if kind not in ITEM_TYPES:
        problems.append(f"{path}/type: {kind!r} is not one of {', '.join(ITEM_TYPES)}")
        return None
    item: dict = {"points": _number(raw.get("points"), f"{path}/points", problems)}
    if item["points"] is not None and item["points"] <= 0:
        problems.append(f"{path}/points: {item['points']} is not above 0")
    if kind == "scale":
        item["anchors"] = _anchors(raw.get("anchors"), path, problems)
    if kind == "measure":
        item["unit"] = raw.get("unit")
        if item["unit"] not in UNITS:
            problems.append(f"{path}/unit: {item['unit']!r} is not one of {', '.join(UNITS)}")
        item["thresholds"] = _thresholds(raw, item, path, problems)
    names = (_text(raw, "name_zh", path, problems), _text(raw, "name_en", path, problems))
    if item["points"] is None:
        return None
    return Item(
        code=path.rsplit("/", 1)[-1],
        type=kind,
        name_zh=names[0],
        name_en=names[1],
        optional=bool(raw.get("optional", False)),
        **item,
    )


def _group(raw, path: str, problems: list[str]) -> Group | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: not a group")
        return None
    points = _number(raw.get("points"), f"{path}/points", problems)
    names = (_text(raw, "name_zh", path, problems), _text(raw, "name_en", path, problems))
    items_raw = raw.get("items")
    if not isinstance(items_raw, Mapping) or not items_raw:
        problems.append(f"{path}/items: a group needs items (code: definition)")
        return None
    items = [_item(v, f"{path}/{k}", problems) for k, v in items_raw.items()]
    if points is None or any(i is None for i in items):
        return None
    total = sum((i.points for i in items), Decimal(0))
    if total != points:
        problems.append(f"{path}: its items' points add up to {total}, not the group's {points}")
    return Group(path.rsplit("/", 1)[-1], names[0], names[1], points, tuple(items))


def load_scorecard(data) -> Scorecard:
    """The card from its plain data (as in the YAML), or ScorecardError with every
    problem named by path."""
    if not isinstance(data, Mapping):
        raise ScorecardError(["(card): not a mapping"])
    problems: list[str] = []
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(f"version: {version!r} is not a whole number from 1")
    names = (_text(data, "name_zh", "(card)", problems), _text(data, "name_en", "(card)", problems))
    groups_raw = data.get("groups")
    if not isinstance(groups_raw, Mapping) or not groups_raw:
        raise ScorecardError([*problems, "groups: a card needs groups (code: definition)"])
    groups = [_group(v, str(k), problems) for k, v in groups_raw.items()]
    codes: dict[str, str] = {}
    for group in filter(None, groups):
        for item in group.items:
            if item.code in codes:
                problems.append(
                    f"{group.code}/{item.code}: the code is used in {codes[item.code]} too"
                )
            codes[item.code] = group.code
    reaching = data.get("reaching", "reaching")
    if reaching not in groups_raw:
        problems.append(f"reaching: no group {reaching!r} (the group an unanswered call scores 0)")
    if all(groups):
        total = sum((g.points for g in groups), Decimal(0))
        if total != TOTAL:
            problems.append(f"groups: the groups' points add up to {total}, not 100")
    if problems:
        raise ScorecardError(problems)
    return Scorecard(
        key=str(data.get("key", "")),
        version=version,
        name_zh=names[0],
        name_en=names[1],
        groups=tuple(groups),
        reaching=reaching,
    )


def read_scorecard(path) -> Scorecard:
    """The card of a YAML file; ScorecardError for a file that cannot be read."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ScorecardError([f"{path}: {getattr(exc, 'strerror', None) or exc}"]) from None
    except yaml.YAMLError as exc:
        raise ScorecardError([f"{path}: not YAML ({exc})"]) from None
    return load_scorecard(data)


def default_scorecard() -> Scorecard:
    """The shipped default card (data/scorecard_default.yaml)."""
    return read_scorecard(DEFAULT_FILE)


def measure_points(item: Item, value: Decimal) -> Decimal:
    """A measured value's points by the item's threshold table; ValueError when the
    value is outside the item's range."""
    if value < item.low or value > item.high:
        raise ValueError(f"{value} is outside {item.low}-{item.high} {item.unit}")
    for row in item.thresholds:
        if value <= row.up_to:
            return row.points
    return item.thresholds[-1].points  # unreachable: the last row is the range's max
