"""Sample answers to the application form, and the demo entries built from them."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from ccaward.applications import domain
from ccaward.applications.demo.sample import sample_answers
from ccaward.applications.demo.sampler import composition, credit_code
from ccaward.applications.models import ContactCenter, Organization
from ccaward.engine import appform
from ccaward.engine.ids import credit_code_problem

TODAY = dt.date(2026, 5, 20)
FORM = appform.load_definition(domain.default_definition())
FILE_FIELDS = {f.key for f in FORM.fields.values() if f.type == "file"}
REQUIRED_FILES = {f.key for f in FORM.fields.values() if f.type == "file" and f.required}
SEEDS = range(40)


def center_for(seed: int, **overrides) -> ContactCenter:
    """An unsaved enterprise and center, varied by seed (a few with little known)."""
    rng = random.Random(seed)
    industries = ["banking", "insurance", "telecom", "utilities", "ecommerce", "airline"]
    industries += ["government", "outsourcing", "other"]
    sparse = seed % 5 == 4  # like an enterprise registered with its name only
    org = Organization(
        name=rng.choice(
            ["星河移动通信有限公司", "江南商业银行股份有限公司", "汇智联络服务有限公司"]
        ),
        name_en="" if sparse else "Demo Enterprise",
        credit_code="",
    )
    values = {
        "organization": org,
        "name": "成都客户服务中心" if seed % 3 == 0 else "星河移动客户服务中心",
        "industry": rng.choice(industries),
        "seats": None if sparse else rng.randint(40, 3000),
        "year_started": None if sparse else rng.randint(1998, 2020),
    }
    values.update(overrides)
    return ContactCenter(**values)


def answers_for(seed: int, *, complete: bool = True, **overrides) -> dict:
    return sample_answers(
        FORM,
        center=center_for(seed, **overrides),
        rng=random.Random(seed),
        complete=complete,
        today=TODAY,
    )


def non_file_problems(result: appform.Validation) -> list[appform.Problem]:
    return [p for p in result.problems if not (p.code == "required" and p.key in FILE_FIELDS)]


@pytest.mark.parametrize("seed", SEEDS)
def test_complete_answers_validate_except_for_the_files(seed):
    answers = answers_for(seed)
    result = appform.validate(FORM, answers)
    assert non_file_problems(result) == []
    # the required file questions are the only problems: files are attached by the caller
    assert {p.key for p in result.problems} == REQUIRED_FILES
    assert not FILE_FIELDS & set(answers)
    assert answers["decl_consent"] == "yes"
    assert all(isinstance(v, (str, list)) for v in answers.values())


def test_answers_come_from_the_models_and_are_scaled_to_the_seats():
    center = center_for(1, seats=500, year_started=2009, industry="insurance")
    center.organization.credit_code = code = credit_code(random.Random(9))
    answers = sample_answers(FORM, center=center, rng=random.Random(3), today=TODAY)
    assert non_file_problems(appform.validate(FORM, answers)) == []
    assert answers["enterprise_name"] == center.organization.name
    assert answers["decl_org_name"] == center.organization.name
    assert answers["enterprise_credit_code"] == code
    assert answers["center_name"] == center.name
    assert answers["center_seats"] == "500"
    assert answers["center_start_year"] == "2009"
    assert answers["center_industry"] == "insurance"
    assert 500 <= int(answers["agents.full_time.headcount"]) <= 600
    assert 3000 <= int(answers["center_floor_area"]) <= 4500
    assert 12_500_000 <= int(answers["annual_interactions"]) <= 20_000_000
    assert re.fullmatch(r"[a-z]+\.[a-z]+@demo-enterprise\.example\.com", answers["filler_email"])
    assert answers["decl_email"] == answers["filler_email"]
    assert answers["decl_contact"] == answers["filler_name"]
    assert re.fullmatch(r"0\d{2,3}-\d{4} \d{4}", answers["filler_phone"])
    assert re.fullmatch(r"1\d{2} \d{4} \d{4}", answers["filler_mobile"])
    assert answers["enterprise_website"].startswith("https://")
    assert dt.date.fromisoformat(answers["decl_date"]) <= TODAY


def test_an_enterprise_registered_with_its_name_only_still_gets_a_full_form():
    center = center_for(4)
    assert center.seats is None and not center.organization.credit_code
    answers = sample_answers(FORM, center=center, rng=random.Random(4), today=TODAY)
    assert non_file_problems(appform.validate(FORM, answers)) == []
    assert credit_code_problem(answers["enterprise_credit_code"]) is None
    assert int(answers["center_seats"]) > 0 and 1998 <= int(answers["center_start_year"]) <= 2020


def test_an_industry_the_form_does_not_list_is_other_with_its_text():
    answers = answers_for(2, industry="other")
    assert answers["center_industry"] == "other" and answers["center_industry.other"]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_check_adds_up(seed):
    answers = answers_for(seed)
    for check in FORM.checks:
        keys = [k for ref in check.refs for k in FORM.expand(ref)]
        given = [Decimal(answers[k]) for k in keys if k in answers]
        if given:
            assert sum(given) == check.equals, check.key
            assert all(0 <= v <= 100 for v in given)


def test_each_check_is_answered_by_some_centers():
    filled = {c.key: 0 for c in FORM.checks}
    for seed in SEEDS:
        answers = answers_for(seed)
        for check in FORM.checks:
            keys = [k for ref in check.refs for k in FORM.expand(ref)]
            filled[check.key] += any(k in answers for k in keys)
    assert filled["agents_full_time_edu_sum"] == len(SEEDS)
    assert filled["age_mix_sum"] == len(SEEDS)
    assert all(n > 0 for n in filled.values()), filled


def test_the_indicator_table_is_plausible():
    for seed in SEEDS:
        a = answers_for(seed)

        def cell(row, col, a=a):
            return float(a[f"indicators.{row}.{col}"])

        assert 180 <= cell("aht", "actual") <= 420 and cell("aht", "target") < cell("aht", "actual")
        assert 15 <= cell("acw", "actual") <= 60
        assert 2 <= cell("abandon", "actual") <= 12
        assert cell("abandon", "target") < cell("abandon", "actual")
        assert 65 <= cell("fcr", "actual") <= 92 and cell("fcr", "target") > cell("fcr", "actual")
        assert 70 <= cell("occupancy", "actual") <= 90
        assert 85 <= cell("quality", "actual") <= 98
        assert 1 <= cell("absenteeism", "actual") <= 5
        assert 8 <= cell("attrition_full_time", "actual") <= 35
        assert a["staff_attrition_rate"] == a["indicators.attrition_full_time.actual"]
        assert 12 <= cell("manager_ratio", "actual") <= 20
        assert 15 <= cell("qa_ratio", "actual") <= 30
        assert 30 <= cell("trainer_ratio", "actual") <= 60


def test_choices_other_texts_details_and_picks():
    others = details = 0
    for seed in SEEDS:
        a = answers_for(seed)
        assert len(a["challenges"]) == 3 and len(a["new_hire_skills"]) == 3
        for f in FORM.fields.values():
            picked = a.get(f.key)
            picked = picked if isinstance(picked, list) else [picked]
            if f.other and "other" in picked:
                others += 1
                assert a[f"{f.key}.other"].strip()
            if f.detail and set(picked) & set(f.detail_when):
                details += 1
                assert a[f"{f.key}.detail"].strip()
            elif f.detail:
                assert f"{f.key}.detail" not in a
    assert others >= 10 and details >= 100


def test_free_text_is_varied_professional_chinese():
    textareas = [f.key for f in FORM.fields.values() if f.type == "textarea"]
    paragraphs = set()
    per_entry = []
    for seed in SEEDS:
        a = answers_for(seed)
        per_entry.append(tuple(a[k] for k in textareas))
        for key in textareas:
            assert len(re.findall(r"[\u4e00-\u9fff]", a[key])) >= 8, key
            assert "{" not in a[key] and "}" not in a[key]
            paragraphs.update(p for p in re.split(r"(?<=。)", a[key]) if p)
    assert len(paragraphs) >= 60
    assert len(set(per_entry)) == len(SEEDS)  # no two entries tell the same story


def test_same_seed_same_answers_and_another_seed_others():
    assert answers_for(11) == answers_for(11)
    assert answers_for(11, complete=False) == answers_for(11, complete=False)
    assert answers_for(11) != answers_for(12)


@pytest.mark.parametrize("seed", SEEDS)
def test_drafts_are_part_way_through(seed):
    answers = answers_for(seed, complete=False)
    result = appform.validate(FORM, answers)
    assert non_file_problems(result)  # a required question of a later section is open
    assert {p.code for p in result.problems} <= {"required", "consent"}
    first_two = {s.key for s in FORM.sections[:2]}
    later = [s for s in FORM.sections[2:] if any(f.answerable for f in s.fields)]
    unanswered = [s for s in later if result.progress[s.key][0] == 0]
    assert all(result.progress[k][0] > 0 for k in first_two)
    assert 0.25 * len(FORM.sections[2:]) <= len(unanswered) <= 0.65 * len(FORM.sections[2:])


def test_composition_adds_up_exactly():
    rng = random.Random(5)
    for _ in range(200):
        weights = [rng.uniform(0, 10) for _ in range(rng.randint(1, 6))]
        parts = composition(rng, weights, 100)
        assert sum(parts) == 100 and all(p >= 0 and p == int(p) for p in parts)
    assert sum(composition(rng, [1, 1, 1], Decimal("99.5"))) == Decimal("99.5")
    assert composition(rng, [0, 0], 10) == [5, 5]


# a definition the sampler has no special knowledge of: answers follow the types
OTHER_FORM = appform.load_definition(
    {
        "key": "other",
        "title": "另一份申报表",
        "sections": [
            {
                "key": "a",
                "part": 1,
                "title": "甲",
                "fields": [
                    {"key": "name", "type": "text", "label": "名称", "required": True},
                    {
                        "key": "has_app",
                        "type": "yesno",
                        "label": "是否有App",
                        "detail": {"label": "请说明", "when": ["yes"]},
                    },
                    {
                        "key": "app_name",
                        "type": "text",
                        "label": "App名称",
                        "required": True,
                        "visible_if": {"field": "has_app", "equals": "yes"},
                    },
                    {
                        "key": "why_not",
                        "type": "textarea",
                        "label": "原因",
                        "required": True,
                        "visible_if": {"field": "has_app", "in": ["no"]},
                    },
                ],
            },
            {
                "key": "b",
                "part": 2,
                "title": "乙",
                "fields": [
                    {"key": "site", "type": "url", "label": "网址", "required": True},
                    {"key": "mail", "type": "email", "label": "邮箱", "required": True},
                    {"key": "tel", "type": "phone", "label": "电话", "required": True},
                    {"key": "score", "type": "decimal", "label": "分", "min": 1, "max": 5},
                    {"key": "n", "type": "integer", "label": "数", "min": 10, "max": 20},
                    {"key": "since", "type": "year", "label": "年份", "min": 2000},
                    {"key": "day", "type": "date", "label": "日期", "required": True},
                    {
                        "key": "kind",
                        "type": "choice",
                        "label": "类型",
                        "other": True,
                        "required": True,
                        "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}],
                    },
                    {
                        "key": "tags",
                        "type": "multi",
                        "label": "标签",
                        "min_picks": 2,
                        "max_picks": 2,
                        "options": [
                            {"value": "p", "label": "P"},
                            {"value": "q", "label": "Q"},
                            {"value": "r", "label": "R"},
                        ],
                    },
                    {"key": "ok", "type": "consent", "label": "同意", "required": True},
                    {
                        "key": "shares",
                        "type": "table",
                        "label": "占比",
                        "rows": [
                            {"key": "u", "label": "U", "required": True},
                            {"key": "v", "label": "V"},
                            {"key": "w", "label": "其他", "other": True},
                        ],
                        "columns": [
                            {"key": "pct", "label": "%", "type": "percent"},
                            {"key": "count", "label": "数", "type": "integer", "min": 0},
                        ],
                    },
                ],
            },
        ],
        "checks": [
            {
                "key": "shares_sum",
                "label": "占比合计",
                "sum": ["shares.*.pct"],
                "equals": 100,
                "when_any_filled": False,
                "section": "b",
            }
        ],
    }
)


def test_a_form_it_was_not_written_for_gets_valid_answers_that_respect_visible_if():
    seen = set()
    for seed in range(60):
        answers = sample_answers(
            OTHER_FORM, center=center_for(seed), rng=random.Random(seed), today=TODAY
        )
        result = appform.validate(OTHER_FORM, answers)
        assert result.ok, (seed, result.problems)
        shown = "app_name" if answers["has_app"] == "yes" else "why_not"
        hidden = {"app_name", "why_not"} - {shown}
        assert shown in answers and not hidden & set(answers)
        assert 1 <= Decimal(answers["score"]) <= 5 and 10 <= int(answers["n"]) <= 20
        assert "shares.w.pct" not in answers  # an "other" row is left to the applicant
        seen.add(answers["has_app"])
    assert seen == {"yes", "no"}


# ---- the demo -----------------------------------------------------------------


def test_the_demo_entries_are_filled_in_and_the_submitted_ones_validate(db):
    from ccaward.applications import demo, files
    from ccaward.applications.enums import EntryStatus
    from ccaward.applications.models import Entry, EntryFile
    from ccaward.core.demo import STEPS, DemoContext
    from ccaward.kpis.models import ReportedFigure

    ctx = DemoContext(now=timezone.now())
    for order, step in STEPS:
        if order <= 30:
            step(ctx)
    entries = ctx.entries
    assert 38 <= len(entries) <= 42
    assert Entry.objects.filter(season=ctx.season).count() == len(entries)
    assert [e.center.name for e in entries[:22]] == [row[2] for row in demo.CENTERS]
    assert [e.status == EntryStatus.SUBMITTED for e in entries[:22]] == [
        row[7] for row in demo.CENTERS
    ]
    submitted = [e for e in entries if e.status == EntryStatus.SUBMITTED]
    drafts = [e for e in entries if e.status == EntryStatus.DRAFT]
    assert len(submitted) >= 25 and len(drafts) >= 8
    assert len(submitted) + len(drafts) == len(entries)
    assert {e.center.industry for e in entries} >= {
        "banking",
        "insurance",
        "telecom",
        "utilities",
        "ecommerce",
        "airline",
        "government",
        "outsourcing",
    }
    seats = [e.center.seats for e in entries]
    assert min(seats) <= 60 and max(seats) >= 2500
    for entry in submitted:
        entry.refresh_from_db()
        assert entry.submitted_at and entry.submitted_at <= ctx.now
        assert domain.validation(entry).ok
        assert entry.figures["center.seats"] == entry.center.seats
        assert ReportedFigure.objects.filter(entry=entry, key="aht_s").exists()
        stored = EntryFile.objects.get(entry=entry, field_key="seal_scan")
        with stored.file.open("rb") as fh:
            assert files.sniff(fh) == "png"
        assert entry.answers["seal_scan"] == [str(stored.pk)]
    for entry in drafts:
        entry.refresh_from_db()
        result = domain.validation(entry)
        assert non_file_problems(result)
        assert not entry.files.exists()
    # the organizer's duplicate flag has something to show: both reasons
    flagged = domain.duplicates(Entry.objects.filter(season=ctx.season).select_related("center"))
    reasons = {r for rs in flagged.values() for r in rs}
    assert reasons == {"credit_code", "center_name"} and len(flagged) >= 4
    # entries answer differently
    assert len({e.answers["strategy_overall"] for e in submitted}) >= 3
    assert len({e.answers["filler_email"] for e in entries}) == len(entries)
