"""The applications API: the form, entries, answers, submission and decisions."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import ContactCenter, Entry, Organization
from ccaward.engine import appform
from ccaward.seasons import domain as seasons
from tests.factories import make_category, make_entry, make_season

JSON = "application/json"


@pytest.fixture
def center(applicant):
    org = domain.register_organization(by=applicant, name="东方银行股份有限公司")
    return domain.add_center(
        organization=org, by=applicant, name="东方银行信用卡客服中心", industry="banking", seats=300
    )


@pytest.fixture
def entry(season, category, center, applicant):
    return domain.create_entry(season=season, category=category, center=center, by=applicant)


def base(season):
    return f"/api/seasons/{season.slug}"


def tiny_png() -> SimpleUploadedFile:
    """A 1×1 PNG header: the signature and a well-formed IHDR chunk."""
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr
    chunk += struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return SimpleUploadedFile("seal.png", b"\x89PNG\r\n\x1a\n" + chunk, content_type="image/png")


def _sample(f: appform.Field) -> str | list[str]:
    """A valid answer for a required question of type `f.type`."""
    if f.type in ("choice", "yesno"):
        return f.choices()[0].value
    if f.type == "multi":
        return [o.value for o in f.options[: f.min_picks or 1]]
    return {
        "email": "filler@example.cn",
        "url": "https://example.cn",
        "phone": "010-6512 3456",
        "integer": "300",
        "decimal": "12.5",
        "percent": "50",
        "year": "2010",
        "date": "2025-03-01",
        "consent": "yes",
    }.get(f.type, "东方银行")


def complete_answers(defn: appform.Definition) -> dict:
    """Answers to every required question the API can take (files are uploaded)."""
    answers: dict = {}
    for f in defn.fields.values():
        if f.type == "table":
            for cell in f.cells():
                if f.required or cell.column.key in cell.row.required:
                    # within the cell's bounds (a percentage row caps at 100)
                    answers[cell.key] = "90" if cell.type == "percent" else "120"
        elif f.required and f.type != "file":
            answers[f.key] = _sample(f)
    result = appform.validate(defn, answers)
    # only the upload is left (when this fails, the form grew a question the helper misses)
    assert [(p.key, p.code) for p in result.problems] == [("seal_scan", "required")]
    return answers


def fill_completely(api_client, season, entry, applicant):
    defn = domain.current_form(season).parsed
    response = api_client.patch(
        f"{base(season)}/entries/{entry.pk}/answers",
        {"answers": complete_answers(defn)},
        content_type=JSON,
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    domain.attach_file(entry=entry, field_key="seal_scan", upload=tiny_png(), by=applicant)


# ---- who sees what -------------------------------------------------------------------


def test_outsider_cannot_learn_the_season_or_its_entries_exist(api, outsider, season, entry):
    c = api(outsider)
    for path in ("/form", "/entries", f"/entries/{entry.pk}"):
        response = c.get(base(season) + path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_entry_list_is_scoped_like_the_page(
    api, season, organizer, applicant, judge, shopper, category, entry
):
    other_category = make_category(season=season, by=organizer, name_zh="最佳外包客户联络中心")
    other = make_entry(season=season, by=organizer, category=other_category, industry="insurance")
    url = f"{base(season)}/entries"

    mine = api(applicant).get(url).json()
    assert [e["id"] for e in mine] == [entry.pk]
    assert mine[0] == {
        **mine[0],
        "category": category.pk,
        "center": entry.center_id,
        "enterprise": entry.center.organization_id,
        "enterprise_name": "东方银行股份有限公司",
        "status": "draft",
        "submitted_at": None,
        "form_version": 1,
    }
    assert {e["id"] for e in api(judge).get(url).json()} == {entry.pk, other.pk}
    assert {e["id"] for e in api(organizer).get(url).json()} == {entry.pk, other.pk}
    assert api(shopper).get(url).json() == []

    c = api(judge)
    assert [e["id"] for e in c.get(url, {"status": "submitted"}).json()] == [other.pk]
    assert [e["id"] for e in c.get(url, {"industry": "banking"}).json()] == [entry.pk]
    assert [e["id"] for e in c.get(url, {"category": other_category.pk}).json()] == [other.pk]
    assert c.get(url, {"status": "nonsense"}).status_code == 422
    # a category id no database row can have: refused naming it, never a server error
    refused = c.get(url, {"category": 2**70})
    assert refused.status_code == 422 and "category" in refused.content.decode()


def test_another_enterprises_entry_or_another_seasons_id_is_404(
    api, season, organizer, applicant, entry
):
    other = make_entry(season=season, by=organizer)
    assert api(applicant).get(f"{base(season)}/entries/{other.pk}").status_code == 404
    assert api(applicant).get(f"{base(season)}/entries/{entry.pk}").status_code == 200
    elsewhere = make_entry(season=make_season(by=organizer), by=organizer)
    assert api(organizer).get(f"{base(season)}/entries/{elsewhere.pk}").status_code == 404


def test_the_form_definition_is_served_to_applicants(api, applicant, season):
    body = api(applicant).get(f"{base(season)}/form").json()
    assert body["version"] == 1
    assert body["definition"]["key"] == "seed003"
    staff = next(s for s in body["definition"]["sections"] if s["key"] == "staff")
    assert {"age_under_25", "age_25_35", "age_35_50", "age_over_50"} <= {
        f["key"] for f in staff["fields"]
    }


# ---- starting an application -----------------------------------------------------------


def test_start_with_an_existing_center_and_not_twice(api, applicant, season, category, center):
    url = f"{base(season)}/entries"
    response = api(applicant).post(
        url, {"category": category.pk, "center": center.pk}, content_type=JSON
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["center"], body["editable"]) == ("draft", center.pk, True)
    # what is known of the enterprise and the center is filled in already
    assert body["answers"]["enterprise_name"] == "东方银行股份有限公司"
    assert body["answers"]["center_name"] == "东方银行信用卡客服中心"
    assert Entry.objects.get(pk=body["id"]).season == season

    again = api(applicant).post(
        url, {"category": category.pk, "center": center.pk}, content_type=JSON
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "duplicate"
    assert list(again.json()["error"]["fields"]) == ["category"]
    assert Entry.objects.count() == 1


def test_start_with_a_new_enterprise_and_center(api, applicant, season, category):
    response = api(applicant).post(
        f"{base(season)}/entries",
        {
            "category": category.pk,
            "enterprise_name": "海川证券股份有限公司",
            "credit_code": "91350100m000100y43",
            "center_name": "海川证券智能客服中心",
            "industry": "banking",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    org = Organization.objects.get(pk=body["enterprise"])
    assert (org.name, org.credit_code) == ("海川证券股份有限公司", "91350100M000100Y43")
    assert list(org.members.all()) == [applicant]
    assert body["center_name"] == "海川证券智能客服中心"
    assert body["industry"] == "banking"

    # a second center of the same enterprise
    second = api(applicant).post(
        f"{base(season)}/entries",
        {
            "category": category.pk,
            "enterprise": org.pk,
            "center_name": "海川证券远程客服中心",
            "industry": "banking",
        },
        content_type=JSON,
    )
    assert second.status_code == 201
    assert second.json()["enterprise"] == org.pk
    assert org.centers.count() == 2


def test_start_refuses_bad_input_with_the_fields(api, applicant, organizer, season, category):
    c = api(applicant)
    url = f"{base(season)}/entries"
    foreign = make_entry(season=season, by=organizer).center  # not the applicant's enterprise
    orgs, centers = Organization.objects.count(), ContactCenter.objects.count()

    missing = c.post(url, {"category": category.pk}, content_type=JSON)
    assert missing.status_code == 422
    assert set(missing.json()["error"]["fields"]) == {"enterprise_name", "center_name", "industry"}

    wrong = c.post(url, {"category": category.pk + 1000, "center": foreign.pk}, content_type=JSON)
    assert wrong.status_code == 422
    assert set(wrong.json()["error"]["fields"]) == {"category", "center"}
    not_mine = c.post(
        url,
        {
            "category": category.pk,
            "enterprise": foreign.organization_id,
            "center_name": "某中心",
            "industry": "banking",
        },
        content_type=JSON,
    )
    assert not_mine.status_code == 422
    assert list(not_mine.json()["error"]["fields"]) == ["enterprise"]

    bad_code = c.post(
        url,
        {
            "category": category.pk,
            "enterprise_name": "某公司",
            "credit_code": "9135",
            "center_name": "某中心",
            "industry": "banking",
        },
        content_type=JSON,
    )
    assert bad_code.status_code == 422
    assert list(bad_code.json()["error"]["fields"]) == ["credit_code"]

    bad_industry = c.post(
        url,
        {
            "category": category.pk,
            "enterprise_name": "某公司",
            "center_name": "某中心",
            "industry": "mining",
        },
        content_type=JSON,
    )
    assert bad_industry.status_code == 422
    assert "industry" in bad_industry.json()["error"]["fields"]

    assert (Organization.objects.count(), ContactCenter.objects.count()) == (orgs, centers)


def test_only_applicants_start_applications(api, judge, season, category):
    response = api(judge).post(
        f"{base(season)}/entries",
        {
            "category": category.pk,
            "enterprise_name": "x",
            "center_name": "y",
            "industry": "banking",
        },
        content_type=JSON,
    )
    assert response.status_code == 403


# ---- answers ---------------------------------------------------------------------------


def test_answers_are_merged_typed_and_checked(api, applicant, season, entry):
    url = f"{base(season)}/entries/{entry.pk}/answers"
    response = api(applicant).patch(
        url,
        {
            "answers": {
                "age_under_25": "30",
                "age_25_35": 30,
                "age_35_50": "30",
                "age_over_50": "5",
                "center_start_year": "２０１０",
                "center_seats": 300,
                "health_last_review": "2024-05-01",
                "challenges": ["service_level", "reduce_attrition"],
                "decl_consent": True,
            }
        },
        content_type=JSON,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answers"]["age_25_35"] == "30"  # kept as typed, as a string
    assert body["answers"]["center_start_year"] == "２０１０"
    assert body["answers"]["enterprise_name"] == "东方银行股份有限公司"  # earlier answers stay
    values = body["values"]
    assert (values["age_under_25"], values["age_over_50"]) == ("30", "5")
    assert (values["center_start_year"], values["center_seats"]) == (2010, 300)
    assert values["health_last_review"] == "2024-05-01"
    assert values["decl_consent"] is True
    assert body["saved_at"] is not None

    problems = {p["key"]: p for p in body["problems"]}
    ages = problems["age_mix_sum"]
    assert (ages["section"], ages["code"]) == ("staff", "sum")
    assert (ages["params"]["total"], ages["params"]["equals"]) == ("95", "100")
    assert ages["params"]["label"] == "员工年龄分布"
    assert ages["message"] == "员工年龄分布: 员工年龄分布 合计应为 100%，现为 95%。"
    picks = problems["challenges"]
    assert (picks["code"], picks["params"]) == ("picks_exact", {"n": 3, "picked": 2})
    assert problems["filler_name"]["code"] == "required"
    assert "center_seats" not in problems

    staff = next(s for s in body["progress"] if s["section"] == "staff")
    assert staff["done"] == 5  # four ages and the seats
    assert {p["key"] for p in body["problems"] if p["section"] == "staff"} == {
        "age_mix_sum",
        "agents.full_time.headcount",
    }
    assert staff["problems"] == 2

    english = api(applicant, "en").get(f"{base(season)}/entries/{entry.pk}").json()
    ages_en = next(p for p in english["problems"] if p["key"] == "age_mix_sum")
    assert ages_en["message"] == (
        "Age distribution of staff: Age distribution of staff must add up to 100%; "
        "it adds up to 95%."
    )
    assert ages_en["params"]["label"] == "Age distribution of staff"

    fixed = api(applicant).patch(
        url, {"answers": {"age_over_50": "10", "center_seats": None}}, content_type=JSON
    )
    keys = {p["key"] for p in fixed.json()["problems"]}
    assert "age_mix_sum" not in keys
    assert "center_seats" in keys  # cleared, and required
    assert "center_seats" not in fixed.json()["answers"]


def test_unknown_and_file_answer_keys_are_refused(api, applicant, season, entry):
    before = dict(Entry.objects.get(pk=entry.pk).answers)
    response = api(applicant).patch(
        f"{base(season)}/entries/{entry.pk}/answers",
        {
            "answers": {
                "filler_name": "王芳",
                "nope": "1",
                "agents.full_time.nope": "1",
                "seal_scan": ["1"],
            }
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_answers"
    assert set(error["fields"]) == {"nope", "agents.full_time.nope", "seal_scan"}
    assert error["message"] == "未知或不能直接填写的答案键：agents.full_time.nope, nope, seal_scan"
    assert Entry.objects.get(pk=entry.pk).answers == before


def test_only_the_enterprise_changes_answers(api, judge, organizer, season, entry):
    url = f"{base(season)}/entries/{entry.pk}/answers"
    for user in (judge, organizer):
        response = api(user).patch(url, {"answers": {"filler_name": "x"}}, content_type=JSON)
        assert response.status_code == 403
    assert "filler_name" not in Entry.objects.get(pk=entry.pk).answers


# ---- submission ------------------------------------------------------------------------


def test_submit_is_refused_with_problems_then_accepted_and_read_only(api, applicant, season, entry):
    assert domain.registration_open(season)
    c = api(applicant)
    url = f"{base(season)}/entries/{entry.pk}"

    refused = c.post(f"{url}/submit")
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "problems"
    by_key = {p["key"]: p for p in error["problems"]}
    assert by_key["filler_name"]["code"] == "required"
    assert by_key["filler_name"]["message"].startswith("填表人姓名")
    assert by_key["seal_scan"]["code"] == "required"
    assert error["fields"]["filler_name"] == [by_key["filler_name"]["message"]]
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.DRAFT

    fill_completely(c, season, entry, applicant)
    assert c.get(url).json()["problems"] == []

    submitted = c.post(f"{url}/submit")
    assert submitted.status_code == 200, submitted.json()
    body = submitted.json()
    assert (body["status"], body["editable"]) == ("submitted", False)
    assert body["submitted_at"] is not None
    assert [f["field_key"] for f in body["files"]] == ["seal_scan"]
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED

    locked = api(applicant, "en").patch(
        f"{url}/answers", {"answers": {"filler_title": "经理"}}, content_type=JSON
    )
    assert locked.status_code == 409
    assert locked.json()["error"]["code"] == "read_only"
    assert locked.json()["error"]["message"] == (
        "This application was submitted and is read-only; an organizer can reopen it."
    )
    assert "filler_title" not in Entry.objects.get(pk=entry.pk).answers
    assert c.post(f"{url}/submit").status_code == 409


def test_submit_is_refused_when_registration_is_closed(api, applicant, organizer, season, entry):
    c = api(applicant, "en")
    fill_completely(c, season, entry, applicant)
    stage = domain.registration_stage(season)
    seasons.override_stage(stage=stage, by=organizer, action="closed", reason="截止")
    assert not domain.registration_open(season)
    response = c.post(f"{base(season)}/entries/{entry.pk}/submit")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "registration_closed"
    assert response.json()["error"]["message"].startswith("Registration is closed")
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.DRAFT


# ---- decisions -------------------------------------------------------------------------


def test_organizer_decides_and_reopens(api, organizer, applicant, judge, season, category):
    submitted = make_entry(season=season, by=organizer, category=category)
    url = f"{base(season)}/entries/{submitted.pk}/decision"
    for user in (applicant, judge):
        denied = api(user).post(url, {"action": "accept", "reason": ""}, content_type=JSON)
        assert denied.status_code == 403
    c = api(organizer)

    no_reason = c.post(url, {"action": "reject", "reason": "  "}, content_type=JSON)
    assert no_reason.status_code == 422
    assert list(no_reason.json()["error"]["fields"]) == ["reason"]
    assert Entry.objects.get(pk=submitted.pk).status == EntryStatus.SUBMITTED

    rejected = c.post(url, {"action": "reject", "reason": "座席规模不足"}, content_type=JSON)
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["decision_reason"]) == (
        "rejected",
        "座席规模不足",
    )

    assert c.post(url, {"action": "reopen"}, content_type=JSON).status_code == 422
    reopened = c.post(url, {"action": "reopen", "reason": "补充材料"}, content_type=JSON)
    assert reopened.status_code == 200
    assert (reopened.json()["status"], reopened.json()["reopen_reason"]) == ("draft", "补充材料")

    draft = c.post(url, {"action": "accept"}, content_type=JSON)
    assert draft.status_code == 409
    assert draft.json()["error"]["code"] == "not_submitted"
    assert c.post(url, {"action": "maybe"}, content_type=JSON).status_code == 422


def test_the_endpoints_are_in_the_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/seasons/{slug}/form",
        "/api/seasons/{slug}/entries",
        "/api/seasons/{slug}/entries/{pk}",
        "/api/seasons/{slug}/entries/{pk}/answers",
        "/api/seasons/{slug}/entries/{pk}/submit",
        "/api/seasons/{slug}/entries/{pk}/decision",
    ):
        assert path in paths
