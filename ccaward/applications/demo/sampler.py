"""Answering a form from its question types, for one center: the sampler and its helpers."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from decimal import Decimal

from ccaward.applications.demo.pools import (
    CENTER_CITIES,
    CITIES,
    DEPARTMENTS,
    EDUCATION,
    GIVEN_NAMES,
    ORG_SUFFIXES,
    OTHER_CHANCE,
    SURNAMES,
    TITLES,
    YES_CHANCE,
)
from ccaward.applications.demo.prose import (
    DETAILS,
    GENERAL,
    GENERIC_DETAIL,
    GENERIC_OTHER,
    OTHER_TEXT,
    PARAGRAPHS,
)
from ccaward.engine import appform
from ccaward.engine.ids import CREDIT_ALPHABET, CREDIT_WEIGHTS


def composition(rng: random.Random, weights, total) -> list[Decimal]:
    """Non-negative parts proportional to `weights` that add up to `total` exactly:
    whole numbers when `total` is whole (largest remainders get the rest)."""
    total = Decimal(str(total))
    weights = [max(float(w), 0.0) for w in weights]
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    unit = Decimal(1) if total == total.to_integral_value() else Decimal("0.1")
    steps = int(total / unit)
    raw = [w * steps / sum(weights) for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], rng.random()), reverse=True)
    for i in order[: steps - sum(parts)]:
        parts[i] += 1
    out = [Decimal(p) * unit for p in parts]
    out[-1] += total - sum(out)  # a total that is not a multiple of the unit
    return out


def as_typed(value, places: int = 0) -> str:
    """A number as an applicant types it: rounded to `places` decimals, no trailing zeros."""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    return format(d.normalize(), "f") if places else str(int(d))


def credit_code(rng: random.Random) -> str:
    """A well-formed, fictitious unified social credit code."""
    body = "91" + rng.choice(["310000", "110000", "440300", "330100", "510100"])
    body += "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def short_name(name: str) -> str:
    for suffix in ORG_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:40].rstrip("-")


_CITY_RE = re.compile(r"([\u4e00-\u9fff]{2})市")


def _city_in(*names: str):
    """The city a name mentions: one of CITIES, or another "X市" (a municipal
    hotline's own city) with a made-up area code and postcode."""
    for city in CITIES:
        if any(city[0] in (n or "") for n in names):
            return city
    for n in names:
        m = _CITY_RE.search(n or "")
        if m:
            seed = sum(map(ord, m.group(1)))
            return (
                m.group(1),
                f"0{530 + seed % 260}",
                f"{310 + seed % 300}",
                ["新城区", "高新区", "经济开发区"],
                ["人民路", "市民大道", "中山路", "世纪大道"],
            )
    return None


class Sampler:
    """Answers a definition question by question, from its type and limits, for one
    center; a subclass answers named questions (a method ``f_<key>``) its own way."""

    def __init__(self, defn, center, rng: random.Random, today: dt.date):
        self.defn = defn
        self.rng = rng
        self.today = today
        self.center = center
        self.org = getattr(center, "organization", None)
        self.answers: dict[str, object] = {}
        r = rng
        self.industry = str(getattr(center, "industry", "") or "") or r.choice(list(EDUCATION))
        self.seats = int(getattr(center, "seats", None) or r.choice([60, 120, 250, 400, 800]))
        self.year = int(getattr(center, "year_started", None) or r.randint(1998, 2020))
        org_name = getattr(self.org, "name", "") or getattr(center, "name", "") or "示例企业"
        self.org_name = org_name
        self.short = short_name(org_name)
        name_en = getattr(self.org, "name_en", "") or ""
        slug = _slug(name_en) or f"cc{r.randint(1000, 9999)}"
        self.domain = f"{slug}.example.com"
        center_name = getattr(center, "name", "") or f"{self.short}客户服务中心"
        hq = _city_in(org_name, center_name) or r.choice(CITIES)
        self.hq = hq
        away = _city_in(r.choice(CENTER_CITIES))
        self.site = _city_in(center_name) or (hq if r.random() < 0.6 else away)
        surname, s_py = r.choice(SURNAMES)
        given, g_py = r.choice(GIVEN_NAMES)
        self.person = surname + given
        self.email = f"{g_py}.{s_py}@{self.domain}"
        # operating figures, shared by several questions
        self.full_time = max(1, round(self.seats * r.uniform(1.0, 1.2)))
        self.part_time = round(self.seats * r.uniform(0.03, 0.15)) if r.random() < 0.65 else 0
        self.remote = round(self.seats * r.uniform(0.02, 0.1)) if r.random() < 0.4 else 0
        self.mode = r.choices(
            ["inbound_only", "outbound_only", "separate_teams", "blended"], [25, 3, 37, 35]
        )[0]
        self.fcr = round(r.uniform(65, 92), 1)
        self.attrition = round(r.uniform(8, 35), 1)
        self.bot = 0
        self.scale = r.choice([5, 5, 100])
        self.general = r.sample(GENERAL, len(GENERAL))

    # ---- small generators

    def phone(self, city=None) -> str:
        city = city or self.hq
        digits = f"{self.rng.choice('568')}{self.rng.randint(0, 999):03d}"
        return f"{city[1]}-{digits} {self.rng.randint(0, 9999):04d}"

    def mobile(self) -> str:
        r = self.rng
        return f"1{r.choice('3589')}{r.randint(0, 9)} {r.randint(0, 9999):04d} {r.randint(0, 9999):04d}"

    def address(self, city) -> str:
        r = self.rng
        return f"{city[0]}市{r.choice(city[3])}{r.choice(city[4])}{r.randint(1, 2999)}号"

    def postcode(self, city) -> str:
        return f"{city[2]}{self.rng.randint(1, 9)}{self.rng.randint(0, 9)}0"

    def pick_other(self, f: appform.Field) -> None:
        self.answers[f"{f.key}.other"] = self.rng.choice(OTHER_TEXT.get(f.key, [GENERIC_OTHER]))

    def paragraph(self, key: str) -> str:
        r = self.rng
        pool = PARAGRAPHS.get(key)
        parts = [r.choice(pool)] if pool else [self.general.pop(0), self.general.pop(0)]
        if pool and r.random() < 0.5:
            parts.append(self.general.pop(0))
        if len(self.general) < 3:
            self.general = r.sample(GENERAL, len(GENERAL))
        values = {
            "center": getattr(self.center, "name", "") or "本中心",
            "short": self.short,
            "city": self.site[0],
            "bot": self.bot or r.randint(15, 35),
            "fcr": as_typed(self.fcr, 1),
            "attrition": as_typed(self.attrition, 1),
            "floors": min(8, self.seats // 300 + 1),
        }
        return "".join(parts).format_map(values)

    # ---- by field

    def known(self, f: appform.Field):
        """The value the models hold for a field that fills them (maps_to)."""
        if not f.maps_to or "." not in f.maps_to:
            return None
        model, attr = f.maps_to.split(".", 1)
        obj = {"organization": self.org, "center": self.center}.get(model)
        value = getattr(obj, attr, None) if obj is not None else None
        return None if value in (None, "") else str(value)

    def field(self, f: appform.Field) -> None:
        if not f.answerable or f.type == "file" or f.key in self.answers:
            return  # (a question answered with others, e.g. the parts of a composition)
        special = getattr(self, f"f_{f.key}", None)
        if special is not None:
            special(f)
            return
        if f.type == "table":
            self.table(f)
            return
        value = self.known(f)
        if value is None:
            value = self.by_type(f)
        if value is not None:
            self.answers[f.key] = value

    def by_type(self, f: appform.Field):
        r = self.rng
        t = f.type
        if t == "textarea":
            return self.paragraph(f.key)
        if t == "text":
            return self.text(f)
        if t == "email":
            return self.email
        if t == "url":
            return f"https://www.{self.domain}"
        if t == "phone":
            return self.phone()
        if t in appform.NUMBER_TYPES:
            return self.number(f.type, f.min, f.max)
        if t == "date":
            return (self.today - dt.timedelta(days=r.randint(20, 330))).isoformat()
        if t == "consent":
            return "yes"
        if t == "yesno":
            return self.yesno(f)
        if t == "choice":
            return self.choice(f)
        if t == "multi":
            return self.multi(f)
        return None

    def text(self, f: appform.Field) -> str:
        known = {
            "enterprise_address": lambda: self.address(self.hq),
            "center_address": lambda: self.address(self.site),
            "enterprise_wechat": lambda: self.short + self.rng.choice(["", "客服", "服务号"]),
            "enterprise_credit_code": lambda: credit_code(self.rng),
            "filler_name": lambda: self.person,
            "filler_department": lambda: self.rng.choice(DEPARTMENTS),
            "filler_title": lambda: self.rng.choice(TITLES),
            "filler_mobile": self.mobile,
            "decl_org_name": lambda: self.org_name,
            "decl_address": lambda: self.answers.get("enterprise_address") or self.address(self.hq),
            "decl_postcode": lambda: self.postcode(self.hq),
            "decl_contact": lambda: self.person,
        }
        value = known[f.key]() if f.key in known else f"{self.short}{f.label.zh}"
        return value[: f.max_length] if f.max_length else value

    def number(self, kind, lo, hi) -> str:
        r = self.rng
        if kind == "percent":
            lo = Decimal(0) if lo is None else lo
            hi = Decimal(100) if hi is None else hi
            return as_typed(r.uniform(float(lo), float(hi)), 1)
        if kind == "year":
            lo = max(int(lo if lo is not None else 1990), 1990)
            hi = min(int(hi if hi is not None else self.today.year), self.today.year)
            return str(r.randint(min(lo, hi), hi))
        low = float(lo) if lo is not None else 0.0
        high = float(hi) if hi is not None else low + 100
        if kind == "integer":
            return str(r.randint(math.ceil(low), max(math.ceil(low), math.floor(high))))
        return as_typed(r.uniform(low, high), 1)

    def yesno(self, f: appform.Field) -> str:
        yes = self.rng.random() < YES_CHANCE.get(f.key, 0.85)
        value = appform.YES if yes else appform.NO
        self.detail(f, value)
        return value

    def detail(self, f: appform.Field, value) -> None:
        if f.detail and value in f.detail_when:
            self.answers[f"{f.key}.detail"] = self.rng.choice(DETAILS.get(f.key, [GENERIC_DETAIL]))

    def choice(self, f: appform.Field, prefer=None) -> str:
        options = [o.value for o in f.options]
        if prefer is not None and (prefer in options or (prefer == appform.OTHER and f.other)):
            value = prefer
        elif f.other and (self.rng.random() < OTHER_CHANCE or not options):
            value = appform.OTHER
        else:
            value = self.rng.choice(options)
        if value == appform.OTHER:
            self.pick_other(f)
        self.detail(f, value)
        return value

    def multi(self, f: appform.Field, always=(), never=()) -> list[str]:
        r = self.rng
        options = [o.value for o in f.options if o.value not in never]
        lo = f.min_picks or min(2, len(options))
        hi = f.max_picks or max(lo, min(len(options), lo + 4))
        n = r.randint(lo, hi)
        use_other = f.other and r.random() < OTHER_CHANCE
        picked = [v for v in always if v in options][:n]
        rest = [v for v in options if v not in picked]
        picked += r.sample(rest, max(0, min(len(rest), n - len(picked) - use_other)))
        if f.other and (use_other or len(picked) < lo):
            picked.append(appform.OTHER)
            self.pick_other(f)
        order = {v: i for i, v in enumerate([*options, appform.OTHER])}
        return sorted(picked, key=order.get)

    def table(self, f: appform.Field) -> None:
        for row in f.rows:
            if row.other:
                continue
            for cell in f.cells():
                if cell.row is row:
                    self.answers[cell.key] = (
                        f"{row.label.zh}"
                        if cell.type == "text"
                        else self.number(cell.type, cell.min, cell.max)
                    )
