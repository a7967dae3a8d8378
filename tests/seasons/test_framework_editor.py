"""The framework editor: building a framework in the page, per-field errors, the
total box, the version check between two organizers, the freeze."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.seasons import domain
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.seasons.models import Criterion
from tests.factories import UserFactory


def url(name, season, *args):
    return reverse(f"seasons:{name}", args=[season.slug, *args])


def form_of(context) -> dict:
    """What the page's form posts, from the rows the page shows."""
    data = {"dims": context["dim_keys"], "base": context["base"], "note": ""}
    for dim in context["dims"]:
        data[f"dim-{dim.key}-crits"] = dim.crit_keys
        for name in ("code", "name_zh", "name_en", "description_zh", "description_en", "weight"):
            data[f"dim-{dim.key}-{name}"] = getattr(dim, name)
        for c in dim.criteria:
            for name in ("code", "name_zh", "name_en", "description_zh", "description_en"):
                data[f"crit-{c.key}-{name}"] = getattr(c, name)
            for kind, value in c.evidence:
                data[f"crit-{c.key}-evidence_{kind}"] = value
            data[f"crit-{c.key}-indicator"] = c.indicator
            if c.sub:
                data[f"crit-{c.key}-sub"] = "on"
    return data


class Page:
    """The editor as an organizer uses it: each button posts the whole form."""

    def __init__(self, client, season):
        self.client, self.season = client, season
        self.response = client.get(url("framework", season))
        assert self.response.status_code == 200
        self.data = form_of(self.response.context)

    @property
    def dims(self):
        return self.response.context["dims"]

    def fill(self, **values):
        self.data.update(values)

    def press(self, op, status=200):
        self.response = self.client.post(url("framework", self.season), {**self.data, "op": op})
        assert self.response.status_code == status, (self.response.context or {}).get("problems")
        if self.response.status_code != 302:
            self.data = form_of(self.response.context)
        return self.response


def build_small_framework(page):
    """From scratch: 2 dimensions, 3 criteria, one scored 60/40 from judges and answer rate."""
    page.press("clear")
    assert page.dims == []
    page.press("add-dim")
    page.press("add-dim")
    first, second = page.dims
    page.fill(
        **{
            f"dim-{first.key}-name_zh": "服务体验",
            f"dim-{first.key}-weight": "60",
            f"dim-{second.key}-name_zh": "运营效率",
            f"dim-{second.key}-weight": "40",
        }
    )
    page.press(f"add-crit:{first.key}")
    page.press(f"add-crit:{first.key}")
    page.press(f"add-crit:{second.key}")
    a, b = page.dims[0].criteria
    (c,) = page.dims[1].criteria
    page.fill(
        **{
            f"crit-{a.key}-name_zh": "客户满意",
            f"crit-{b.key}-name_zh": "服务印象",
            f"crit-{b.key}-evidence_judge": "50",
            f"crit-{b.key}-evidence_mystery": "50",
            f"crit-{c.key}-name_zh": "接通率",
            f"crit-{c.key}-evidence_judge": "60",
            f"crit-{c.key}-evidence_kpi": "40",
            f"crit-{c.key}-indicator": "answer_rate",
        }
    )
    return a, b, c


def test_an_organizer_builds_a_framework_from_scratch(as_user, organizer, season):
    page = Page(as_user(organizer), season)
    a, b, c = build_small_framework(page)
    assert season.current_framework().dimensions.count() == 9  # nothing saved yet
    page.press(f"down-crit:{a.key}")
    assert [x.name_zh for x in page.dims[0].criteria] == ["服务印象", "客户满意"]
    page.press(f"up-dim:{page.dims[1].key}")
    assert [d.name_zh for d in page.dims] == ["运营效率", "服务体验"]
    page.press(f"add-crit:{page.dims[0].key}")
    extra = page.dims[0].criteria[-1]
    page.press(f"del-crit:{extra.key}")
    assert [x.name_zh for x in page.dims[0].criteria] == ["接通率"]

    response = page.press("save", status=302)
    assert response["Location"] == url("framework", season)
    version = season.current_framework()
    assert version.number == 1
    fw = version.to_engine()
    assert [(d.name_zh, d.weight) for d in fw.dimensions] == [
        ("运营效率", Decimal(40)),
        ("服务体验", Decimal(60)),
    ]
    assert [[c.name_zh for c in d.criteria] for d in fw.dimensions] == [
        ["接通率"],
        ["服务印象", "客户满意"],
    ]
    kpi = fw.dimensions[0].criteria[0]
    assert kpi.evidence == {"judge": Decimal(60), "kpi": Decimal(40)}
    assert kpi.indicator == "answer_rate"
    event = AuditEvent.objects.filter(season=season, action="framework.changed").latest("pk")
    changes = {d["change"] for d in event.data["differences"]}
    assert changes == {"added", "removed"}


def test_a_kpi_share_without_an_indicator_is_shown_at_the_indicator(as_user, organizer, season):
    page = Page(as_user(organizer), season)
    dim = page.dims[0]
    crit = dim.criteria[0]
    page.fill(**{f"crit-{crit.key}-evidence_judge": "50", f"crit-{crit.key}-evidence_kpi": "50"})
    response = page.press("save")
    assert response.context["errors"][f"crit-{crit.key}-indicator"] == [
        "战略规划：KPI 评分来源需要指定运营指标。"
    ]
    html = response.content.decode()
    assert f'<a href="#crit-{crit.key}-indicator">' in html
    assert response.context["summary"]["state"] == "invalid"  # 100, but not valid
    assert "total-ok" not in html
    assert Criterion.objects.get(pk=crit.key).evidence_kpi == 0

    page.fill(**{f"crit-{crit.key}-indicator": "fcr_rate"})
    page.press("save", status=302)
    saved = Criterion.objects.get(pk=crit.key)
    assert (saved.evidence_kpi, saved.indicator) == (Decimal(50), "fcr_rate")


def test_the_live_check_marks_each_field_and_the_box_is_green_only_when_valid(
    as_user, organizer, season
):
    page = Page(as_user(organizer), season)
    crit = page.dims[0].criteria[0]
    page.fill(**{f"crit-{crit.key}-evidence_judge": "90"})
    response = page.client.post(url("framework_total", season), page.data)
    html = response.content.decode()
    assert response.context["summary"]["state"] == "invalid"
    assert f'id="err-crit-{crit.key}-evidence" hx-swap-oob="true"><span>' in html
    page.fill(**{f"crit-{crit.key}-evidence_judge": "100"})
    response = page.client.post(url("framework_total", season), page.data)
    assert response.context["summary"]["state"] == "ok"
    assert (
        f'id="err-crit-{crit.key}-evidence" hx-swap-oob="true"></span>' in response.content.decode()
    )


def test_an_unknown_indicator_is_refused(as_user, organizer, season):
    page = Page(as_user(organizer), season)
    crit = page.dims[0].criteria[0]
    page.fill(**{f"crit-{crit.key}-indicator": "offered"})  # counted, never scored
    response = page.press("save")
    assert response.context["errors"][f"crit-{crit.key}-indicator"]


def other_organizer(season, organizer):
    user = UserFactory(email="second@example.cn", name="第二组织者")
    people.grant_role(season=season, user=user, role=Role.ORGANIZER, by=organizer)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_two_organizers_do_not_overwrite_each_other_silently(as_user, organizer, season):
    mine = Page(as_user(organizer), season)
    theirs = Page(other_organizer(season, organizer), season)
    first, second = mine.dims[0], mine.dims[1]
    theirs.fill(**{f"dim-{first.key}-weight": "20", f"dim-{second.key}-weight": "10"})
    theirs.press("save", status=302)

    mine.fill(**{f"dim-{first.key}-name_zh": "服务战略"})
    response = mine.press("save", status=409)
    html = response.content.decode()
    assert "第二组织者" in html
    rows = {r["code"]: r for r in response.context["conflict_rows"]}
    weight = [f for f in rows[first.code]["fields"] if f[1] == "20"]
    assert weight and weight[0][2] == "15"  # theirs beside mine
    stored = season.current_framework().dimensions.get(pk=first.key)
    assert (stored.name_zh, stored.weight) == ("服务战略与价值", Decimal(20))

    # Saving again, having seen theirs, replaces it with mine.
    mine.press("save", status=302)
    stored.refresh_from_db()
    assert (stored.name_zh, stored.weight) == ("服务战略", Decimal(15))


def test_after_judging_opens_a_save_makes_a_new_version(as_user, organizer, season):
    stage = season.stages.get(kind=JUDGING_STAGE)
    domain.override_stage(stage=stage, by=organizer, action="open", reason="评审提前开始")
    page = Page(as_user(organizer), season)
    assert "冻结" in page.response.content.decode()
    dim = page.dims[-1]
    page.press(f"del-dim:{dim.key}")
    page.fill(**{f"dim-{page.dims[0].key}-weight": "25"})
    page.press("save", status=302)
    old, new = season.framework_versions.order_by("number")
    assert (old.dimensions.count(), new.dimensions.count()) == (9, 8)
    assert new.is_frozen and old.frozen_at is not None
    assert AuditEvent.objects.filter(season=season, action="framework.new_version").exists()


def test_the_api_sees_what_the_editor_saved(as_user, api, organizer, season):
    page = Page(as_user(organizer), season)
    build_small_framework(page)
    page.press("save", status=302)
    body = api(organizer).get(f"/api/seasons/{season.slug}/framework").json()
    assert [(d["name_zh"], d["weight"]) for d in body["dimensions"]] == [
        ("服务体验", "60.00"),
        ("运营效率", "40.00"),
    ]
    kpi = body["dimensions"][1]["criteria"][0]
    assert (kpi["evidence"], kpi["indicator"]) == (
        {"judge": "60.00", "kpi": "40.00"},
        "answer_rate",
    )
