"""The default form's questions that need more than their type: figures that fit
the center's size and industry, compositions that add up, prose chosen for them."""

from __future__ import annotations

import datetime as dt

from ccaward.applications.demo.pools import AGES, EDUCATION, YOUNG_INDUSTRIES
from ccaward.applications.demo.prose import CSAT_METHOD, MISSION, VALUES, VISION
from ccaward.applications.demo.sampler import Sampler, as_typed, composition
from ccaward.engine import appform


class FormSampler(Sampler):
    """The sampler with the default form's questions answered by name."""

    def f_center_industry(self, f):
        value = self.industry if self.industry in {o.value for o in f.choices()} else None
        self.answers[f.key] = self.choice(f, prefer=value or appform.OTHER)

    def f_center_start_year(self, f):
        self.answers[f.key] = str(self.year)

    def f_center_seats(self, f):
        self.answers[f.key] = str(self.seats)

    def f_center_floor_area(self, f):
        self.answers[f.key] = str(round(self.seats * self.rng.uniform(6, 9)))

    def f_annual_interactions(self, f):
        self.answers[f.key] = str(int(round(self.seats * self.rng.uniform(25_000, 40_000), -3)))

    def f_operation_mode(self, f):
        self.answers[f.key] = self.choice(f, prefer=self.mode)

    def f_service_hours(self, f):
        prefer = "round_the_clock" if self.rng.random() < 0.8 else appform.OTHER
        self.answers[f.key] = self.choice(f, prefer=prefer)

    def f_service_types(self, f):
        self.answers[f.key] = self.multi(f, always=["customer_service"])

    def f_service_channels(self, f):
        self.answers[f.key] = self.multi(f, always=["voice", "web_chat"])

    def f_csat_actions(self, f):
        self.answers[f.key] = self.multi(f, never=["no_action"])

    def f_csat_score(self, f):
        low, high = (4.5, 4.92) if self.scale == 5 else (88.0, 97.5)
        self.answers[f.key] = as_typed(self.rng.uniform(low, high), 2 if self.scale == 5 else 1)

    def f_csat_method(self, f):
        text = CSAT_METHOD[self.scale].format(samples=self.rng.choice([600, 800, 1200, 1500]))
        self.answers[f.key] = text

    def f_culture_mission(self, f):
        self.answers[f.key] = self.rng.choice(MISSION)

    def f_culture_vision(self, f):
        self.answers[f.key] = self.rng.choice(VISION)

    def f_culture_values(self, f):
        self.answers[f.key] = self.rng.choice(VALUES)

    def f_recruitment_accuracy(self, f):
        self.answers[f.key] = as_typed(self.rng.uniform(18, 45), 1)

    def f_training_hours_new(self, f):
        self.answers[f.key] = str(self.rng.randrange(80, 241, 8))

    def f_training_hours_tenured(self, f):
        self.answers[f.key] = str(self.rng.randrange(24, 81, 4))

    def f_staff_attrition_rate(self, f):
        self.answers[f.key] = as_typed(self.attrition, 1)

    def f_enterprise_phone(self, f):
        self.answers[f.key] = self.known(f) or self.phone()

    def f_filler_phone(self, f):
        self.answers[f.key] = self.phone(self.site)

    def f_decl_phone(self, f):
        self.answers[f.key] = self.answers.get("enterprise_phone") or self.phone()

    def f_decl_fax(self, f):
        if self.rng.random() < 0.6:
            self.answers[f.key] = self.phone()

    def f_decl_email(self, f):
        self.answers[f.key] = self.email

    def f_decl_date(self, f):
        self.answers[f.key] = (self.today - dt.timedelta(days=self.rng.randint(0, 10))).isoformat()

    def _composition_into(self, keys, ranges, total=100):
        weights = [self.rng.uniform(*rg) for rg in ranges]
        for key, part in zip(keys, composition(self.rng, weights, total), strict=True):
            self.answers[key] = as_typed(part)

    def f_age_under_25(self, f):
        ranges = AGES["young" if self.industry in YOUNG_INDUSTRIES else "middle"]
        keys = ["age_under_25", "age_25_35", "age_35_50", "age_over_50"]
        self._composition_into([k for k in keys if k in self.defn.fields], ranges)

    def f_agents(self, f):
        if "headcount" not in {c.key for c in f.columns}:
            self.table(f)
            return
        edu = EDUCATION.get(self.industry, EDUCATION["telecom"])
        heads = {"full_time": self.full_time, "part_time": self.part_time, "remote": self.remote}
        columns = [c.key for c in f.columns]
        for row in f.rows:
            n = heads.get(row.key, 0)
            self.answers[f"{f.key}.{row.key}.headcount"] = str(n)
            if not n:
                continue
            ranges = list(edu)
            if row.key == "part_time":  # students and returners: fewer graduates
                ranges = [
                    (lo * 0.6, hi * 0.6) if i == 0 else (lo, hi * 1.3)
                    for i, (lo, hi) in enumerate(ranges)
                ]
            keys = [f"{f.key}.{row.key}.{c}" for c in columns if c.startswith("edu_")]
            self._composition_into(keys, ranges[: len(keys)])

    def f_interaction_mix(self, f):
        r = self.rng
        rows = {row.key: row for row in f.rows}
        other = rows.get("other")
        use_other = other is not None and r.random() < 0.3
        self.bot = 0
        inbound = {"phone": (40, 70), "email": (1, 5), "ivr": (10, 30), "bot": (5, 35)}
        outbound = {"phone": (65, 90), "email": (0, 5), "ivr": (0, 8), "bot": (5, 25)}
        for column, ranges in (("inbound", inbound), ("outbound", outbound)):
            if (column == "inbound" and self.mode == "outbound_only") or (
                column == "outbound" and self.mode == "inbound_only"
            ):
                continue
            keys = [k for k in ranges if k in rows]
            weights = [ranges[k] for k in keys]
            if use_other:
                keys.append("other")
                weights.append((2, 6))
            self._composition_into([f"{f.key}.{k}.{column}" for k in keys], weights)
            if column == "inbound" and "bot" in keys:
                self.bot = int(self.answers[f"{f.key}.bot.inbound"])
        if use_other:
            self.answers[f"{f.key}.other.name"] = r.choice(["视频客服", "社交媒体私信"])

    def f_indicators(self, f):
        r = self.rng
        u = r.uniform
        aht = round(u(180, 420))
        acw = round(u(15, 60))
        abandon = round(u(2, 12), 1)
        occupancy = round(u(70, 90), 1)
        quality = round(u(85, 98), 1)
        absent = round(u(1, 5), 1)
        manager, qa, trainer = r.randint(12, 20), r.randint(15, 30), r.randint(30, 60)
        rows = {
            "aht": (round(aht * u(0.9, 0.97)), aht, 0),
            "acw": (round(acw * u(0.85, 0.95)), acw, 0),
            "abandon": (max(1.0, abandon - u(0.5, 3)), abandon, 1),
            "fcr": (min(95.0, self.fcr + u(1, 5)), self.fcr, 1),
            "occupancy": (min(90.0, occupancy + u(1, 4)), occupancy, 1),
            "quality": (min(99.0, quality + u(0.5, 3)), quality, 1),
            "absenteeism": (max(0.5, absent - u(0.3, 1.5)), absent, 1),
            "attrition_full_time": (max(5.0, self.attrition - u(2, 6)), self.attrition, 1),
            "manager_ratio": (manager + r.choice([-1, 0, 0, 1]), manager, 0),
            "qa_ratio": (qa + r.choice([-2, 0, 0, 2]), qa, 0),
            "trainer_ratio": (trainer + r.choice([-5, 0, 0, 5]), trainer, 0),
        }
        if self.part_time:
            pt = round(u(20, 50), 1)
            rows["attrition_part_time"] = (max(10.0, pt - u(3, 8)), pt, 1)
        if r.random() < 0.4:
            if r.random() < 0.5:
                target = r.choice([80, 85, 90])
                rows["ops_other"] = (target, min(99.0, target + u(-3, 5)), 1)
                self.answers[f"{f.key}.ops_other.name"] = "服务水平（20秒内接通率，%）"
            else:
                rows["ops_other"] = (20, round(u(12, 26)), 0)
                self.answers[f"{f.key}.ops_other.name"] = "平均应答速度（秒）"
        if r.random() < 0.3:
            rows["support_other"] = (85, u(82, 93), 1)
            self.answers[f"{f.key}.support_other.name"] = "员工满意度（分）"
        for row in f.rows:
            if row.key not in rows:
                if not row.other and row.required:
                    for cell in f.cells():
                        if cell.row is row:
                            self.answers[cell.key] = self.number(cell.type, cell.min, cell.max)
                continue
            target, actual, places = rows[row.key]
            for col in f.columns:
                value = {"target": target, "actual": actual}.get(col.key, actual)
                self.answers[f"{f.key}.{row.key}.{col.key}"] = as_typed(value, places)

    def f_challenges(self, f):
        self.answers[f.key] = self.multi(f)
