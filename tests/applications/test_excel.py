"""Applications to Excel and back: the export's values and filters, the import's
all-or-nothing checks, and who may do either."""

import copy
import datetime as dt
import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl.utils import get_column_letter

from ccaward.applications import domain, excel
from ccaward.applications.models import ContactCenter, Entry, EntryFile, Organization
from ccaward.core.models import AuditEvent
from ccaward.recommendations import domain as recommendations
from tests.factories import make_category, make_entry

VALID_CODE = "91350100M000100Y43"  # a published example code


def url(name, season):
    return reverse(f"applications:{name}", args=[season.slug])


def opened(response):
    assert response.status_code == 200, response
    assert response["Content-Type"] == excel.CONTENT_TYPE
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def columns(ws) -> dict[str, int]:
    """Answer key (row 2) -> column number."""
    return {
        ws.cell(row=2, column=c).value: c
        for c in range(1, ws.max_column + 1)
        if ws.cell(row=2, column=c).value
    }


def rows_by_entry(ws) -> dict[int, dict]:
    cols = columns(ws)
    out = {}
    for r in range(3, ws.max_row + 1):
        values = {k: ws.cell(row=r, column=c).value for k, c in cols.items()}
        out[values["_entry"]] = values
    return out


def as_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, season, data: bytes, name="applications.xlsx"):
    return client.post(
        url("import", season),
        {"file": SimpleUploadedFile(name, data, content_type=excel.CONTENT_TYPE)},
    )


@pytest.fixture
def organizer_client(client_en, organizer):
    return client_en(organizer)


@pytest.fixture
def draft(season, organizer, category):
    entry = make_entry(season=season, by=organizer, category=category, status="draft", seats=300)
    domain.save_answers(
        entry=entry,
        by=organizer,
        answers={
            "enterprise_name": entry.center.organization.name,
            "enterprise_wechat": "=HYPERLINK(1)",
            "filler_email": "li@example.cn",
            "center_industry": "insurance",
            "service_channels": ["voice", "email"],
            "agents.full_time.headcount": "1,200",
            "agents.full_time.edu_bachelor": "45.5",
            "interaction_mix.other.name": "视频客服",
            "decl_date": "2026-03-01",
            "decl_consent": "yes",
        },
    )
    return entry


def template(client, season):
    return opened(client.get(url("import", season) + "?template=1"))


def fill(ws, row: int, **values):
    cols = columns(ws)
    for key, value in values.items():
        ws.cell(row=row, column=cols[key.replace("__", ".")], value=value)


def new_row(category, n, **values):
    out = {
        "_category": category.name_en,
        "enterprise_name": f"导入企业{n}有限公司",
        "center_name": f"导入客服中心{n}",
        "center_industry": "Telecommunications",
        "center_seats": 120 + n,
    }
    out.update(values)
    return out


# ---- who may do what --------------------------------------------------------


@pytest.mark.parametrize("name", ["export", "import"])
def test_applicants_are_refused_and_outsiders_learn_nothing(
    as_user, applicant, outsider, season, name
):
    assert as_user(applicant).get(url(name, season)).status_code == 403
    assert as_user(outsider).get(url(name, season)).status_code == 404


def test_applicants_cannot_import_either(as_user, applicant, season, category):
    before = Entry.objects.count()
    response = upload(as_user(applicant), season, b"PK whatever")
    assert response.status_code == 403
    assert Entry.objects.count() == before


def test_the_list_page_offers_the_export(organizer_client, season, draft):
    page = organizer_client.get(url("list", season)).content.decode()
    assert url("export", season) in page
    assert url("import", season) in page
    page = organizer_client.get(url("import", season)).content.decode()
    assert f'href="{url("import", season)}?template=1"' in page
    assert 'type="file" name="file"' in page


# ---- export -----------------------------------------------------------------


def test_the_export_holds_the_answers_typed(organizer_client, season, organizer, draft):
    defn = domain.form_of(draft).parsed
    stored = EntryFile.objects.create(
        entry=draft,
        field_key="org_chart",
        file="applications/x.pdf",
        name="组织架构.pdf",
        kind="pdf",
        size=10,
        sha256="0" * 64,
    )
    Entry.objects.filter(pk=draft.pk).update(
        answers={**draft.answers, "org_chart": [str(stored.pk)]}
    )
    submitted = make_entry(season=season, by=organizer, category=draft.category)
    recommendations.recommend(
        season=season,
        by=organizer,
        category=draft.category,
        center_name=submitted.center.name,
        organization_name="某企业",
        contact_name="黄海涛",
        contact_email="huang@example.cn",
        reason="服务口碑好。",
    )
    assert recommendations.link_entry(submitted) == 1
    response = organizer_client.get(url("export", season))
    today = timezone.localdate().strftime("%Y%m%d")
    assert f'filename="applications-{season.slug}-{today}.xlsx"' in response["Content-Disposition"]
    book = opened(response)
    ws = book.worksheets[0]
    assert ws.freeze_panes == "C3"
    assert ws.cell(row=1, column=1).font.b
    rows = rows_by_entry(ws)
    assert set(rows) == {draft.pk, submitted.pk}
    row = rows[draft.pk]
    assert row["_category"] == "Best Contact Center"
    assert row["_status"] == "Draft"
    assert row["_submitted_at"] is None
    assert row["_recommendations"] == 0
    assert row["center_seats"] == 300 and isinstance(row["center_seats"], int)
    assert row["agents.full_time.headcount"] == 1200
    assert row["agents.full_time.edu_bachelor"] == 45.5
    assert row["center_industry"] == "Insurance"
    channels = {o.value: o.label.en for o in defn.fields["service_channels"].choices()}
    assert row["service_channels"] == f"{channels['voice']}; {channels['email']}"
    assert row["interaction_mix.other.name"] == "视频客服"
    assert row["decl_date"].date() == dt.date(2026, 3, 1)
    assert row["decl_consent"] is True
    assert row["org_chart"] == "组织架构.pdf"
    assert row["enterprise_wechat"] == "=HYPERLINK(1)"  # text stays text, never a formula
    assert row["filler_name"] is None
    other = rows[submitted.pk]
    assert other["_status"] == "Submitted"
    assert other["_recommendations"] == 1
    expected = timezone.localtime(submitted.submitted_at).replace(tzinfo=None, microsecond=0)
    assert abs(other["_submitted_at"] - expected) < dt.timedelta(seconds=1)
    assert other["_submitted_at"].tzinfo is None
    event = AuditEvent.objects.get(action="entries.exported", season=season)
    assert event.data["count"] == 2


def test_the_export_flags_possible_duplicates(organizer_client, season, organizer, category):
    org = domain.register_organization(by=None, name="重复企业", credit_code=VALID_CODE)
    twin = domain.register_organization(by=None, name="重复企业二", credit_code=VALID_CODE)
    one = make_entry(season=season, by=organizer, category=category, organization=org)
    two = make_entry(season=season, by=organizer, category=category, organization=twin)
    alone = make_entry(season=season, by=organizer, category=category)
    rows = rows_by_entry(opened(organizer_client.get(url("export", season))).worksheets[0])
    assert rows[one.pk]["_duplicate"] == "same credit code"
    assert rows[two.pk]["_duplicate"] == "same credit code"
    assert rows[alone.pk]["_duplicate"] is None


def test_the_header_rows_in_both_languages(as_user, organizer, season, draft):
    client = as_user(organizer)
    client.cookies["ccaward_language"] = "zh-hans"
    zh = opened(client.get(url("export", season)))
    client.cookies["ccaward_language"] = "en"
    en = opened(client.get(url("export", season)))
    zh_ws, en_ws = zh.worksheets[0], en.worksheets[0]
    assert columns(zh_ws) == columns(en_ws)  # row 2: the answer keys, whatever the language
    cols = columns(zh_ws)
    for key, zh_label, en_label in [
        ("enterprise_name", "企业名称", "Enterprise name"),
        ("center_seats", "物理坐席数", "Physical seats"),
    ]:
        assert zh_ws.cell(row=1, column=cols[key]).value == zh_label
        assert en_ws.cell(row=1, column=cols[key]).value == en_label
    assert zh_ws.cell(row=2, column=1).font.sz < 11
    zh_row, en_row = rows_by_entry(zh_ws)[draft.pk], rows_by_entry(en_ws)[draft.pk]
    assert (zh_row["_category"], en_row["_category"]) == ("最佳客户中心", "Best Contact Center")
    assert (zh_row["center_industry"], en_row["center_industry"]) == ("保险", "Insurance")
    assert (zh_row["_status"], en_row["_status"]) == ("草稿", "Draft")
    fields = en.worksheets[1]
    listed = {fields.cell(row=r, column=1).value: r for r in range(2, fields.max_row + 1)}
    r = listed["enterprise_name"]
    assert [fields.cell(row=r, column=c).value for c in (2, 3)] == ["企业名称", "Enterprise name"]
    assert set(cols) <= set(listed)


def test_the_export_follows_the_list_filters(organizer_client, season, organizer, category):
    other = make_category(season=season, by=organizer, name_zh="最佳外包", name_en="Outsourcing")
    a = make_entry(season=season, by=organizer, category=category, name="甲中心")
    b = make_entry(season=season, by=organizer, category=other, name="乙中心", status="draft")
    c = make_entry(
        season=season, by=organizer, category=other, name="丙中心", industry="telecom", seats=2500
    )

    def exported(**params):
        response = organizer_client.get(url("export", season), params)
        return set(rows_by_entry(opened(response).worksheets[0]))

    assert exported() == {a.pk, b.pk, c.pk}
    assert exported(category=other.pk) == {b.pk, c.pk}
    assert exported(status="draft") == {b.pk}
    assert exported(industry="telecom") == {c.pk}
    assert exported(size="xlarge") == {c.pk}
    assert exported(q="乙中") == {b.pk}
    assert exported(q="nobody") == set()
    event = AuditEvent.objects.filter(action="entries.exported").order_by("-pk").first()
    assert event.data == {"count": 0, "filters": {"q": "nobody"}}


# ---- import -----------------------------------------------------------------


def test_round_trip_updates_a_draft(organizer_client, season, organizer, draft):
    submitted = make_entry(season=season, by=organizer, category=draft.category)
    book = opened(organizer_client.get(url("export", season)))
    ws = book.worksheets[0]
    cols = columns(ws)
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == draft.pk)
    ws.cell(row=row, column=cols["center_seats"], value=450)
    ws.cell(row=row, column=cols["enterprise_wechat"], value="海川客服")
    ws.cell(row=row, column=cols["service_channels"], value="E-mail; 短信")
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == url("list", season)
    draft.refresh_from_db()
    assert draft.answers["center_seats"] == "450"
    assert draft.answers["enterprise_wechat"] == "海川客服"
    assert draft.answers["service_channels"] == ["email", "sms"]
    assert draft.answers["agents.full_time.headcount"] == "1200"
    assert draft.answers["decl_date"] == "2026-03-01"
    assert draft.answers["decl_consent"] == "yes"
    assert draft.status == "draft"
    submitted_before = submitted.answers
    submitted.refresh_from_db()
    assert submitted.answers == submitted_before  # unchanged rows of submitted entries are skipped
    event = AuditEvent.objects.get(action="entries.imported", season=season)
    assert event.data["updated"] == [draft.pk] and event.data["unchanged"] == 1
    page = organizer_client.get(response["Location"]).content.decode()
    assert "0 new applications, 1 updated, 1 unchanged" in page


def test_changing_a_submitted_application_is_refused(organizer_client, season, organizer):
    submitted = make_entry(season=season, by=organizer)
    book = opened(organizer_client.get(url("export", season)))
    ws = book.worksheets[0]
    ws.cell(row=3, column=columns(ws)["center_seats"], value=999)
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 200
    assert "Row 3, column A (Application no.)" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.answers["center_seats"] == "300"


def test_a_file_that_is_not_a_workbook_is_named_so(organizer_client, season):
    response = upload(organizer_client, season, os.urandom(4096))
    assert response.status_code == 200
    assert "This file is not an Excel workbook (.xlsx)" in response.content.decode()


def test_a_file_over_the_limit_is_refused(organizer_client, season, settings):
    settings.APPLICATION_UPLOAD_MB = 1
    response = upload(organizer_client, season, b"0" * (1024 * 1024 + 200 * 1024))
    assert response.status_code == 200
    assert "The file is larger than 1 MB." in response.content.decode()


def test_the_template_has_the_headers_and_an_example_that_is_skipped(
    organizer_client, season, category
):
    book = template(organizer_client, season)
    ws = book.worksheets[0]
    cols = columns(ws)
    assert ws.cell(row=1, column=cols["enterprise_name"]).value == "Enterprise name"
    assert ws.cell(row=3, column=1).value == "example"
    assert ws.cell(row=3, column=1).font.i
    assert ws.max_row == 3
    before = Entry.objects.count()
    response = upload(organizer_client, season, as_bytes(book))
    assert "The file has no applications to import." in response.content.decode()
    assert Entry.objects.count() == before


def test_two_new_rows_register_enterprises_and_centers(
    organizer_client, season, organizer, category
):
    book = template(organizer_client, season)
    ws = book.worksheets[0]
    fill(ws, 4, **new_row(category, 1, enterprise_credit_code=VALID_CODE))
    fill(
        ws,
        5,
        **new_row(category, 2, _category=category.name_zh, service_channels="电话/语音; e-mail"),
    )
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 302, response.content.decode()
    entries = Entry.objects.filter(season=season).order_by("pk")
    assert [e.center.name for e in entries] == ["导入客服中心1", "导入客服中心2"]
    first, second = entries
    assert first.status == second.status == "draft"
    assert first.submitted_at is None
    assert first.center.organization.credit_code == VALID_CODE
    assert first.center.organization.name == "导入企业1有限公司"
    assert first.center.industry == "telecom"
    assert first.center.seats == 121
    assert first.answers["center_industry"] == "telecom"
    assert second.answers["service_channels"] == ["voice", "email"]
    assert not first.center.organization.members.filter(pk=organizer.pk).exists()
    event = AuditEvent.objects.get(action="entries.imported")
    assert event.data["count"] == 2
    page = organizer_client.get(url("list", season)).content.decode()
    assert "2 new applications, 0 updated, 0 unchanged" in page
    assert "Organisation chart of the contact center" in page  # file columns are named as skipped


def test_a_known_enterprise_and_center_are_reused(organizer_client, season, organizer, category):
    org = domain.register_organization(by=None, name="老客户有限公司", credit_code=VALID_CODE)
    center = domain.add_center(organization=org, by=None, name="老客户热线", industry="banking")
    other = make_category(season=season, by=organizer, name_zh="最佳外包", name_en="Outsourcing")
    book = template(organizer_client, season)
    fill(
        book.worksheets[0],
        4,
        **new_row(
            other,
            1,
            enterprise_name="换了名字也认识",
            enterprise_credit_code=VALID_CODE,
            center_name="老客户 热线",
        ),
    )
    fill(book.worksheets[0], 5, **new_row(other, 2, enterprise_name="老客户有限公司"))
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 302, response.content.decode()
    assert Organization.objects.count() == 1
    assert ContactCenter.objects.count() == 2
    assert Entry.objects.get(center__name="导入客服中心2").center.organization == org
    assert Entry.objects.filter(center=center, category=other).exists()


def test_a_bad_value_and_an_unknown_category_write_nothing(
    organizer_client, season, organizer, category, draft
):
    book = template(organizer_client, season)
    ws = book.worksheets[0]
    cols = columns(ws)
    fill(ws, 4, **new_row(category, 1))
    fill(ws, 5, **new_row(category, 2, center_seats="很多"))
    fill(ws, 6, **new_row(category, 3, _category="最佳宇宙客服"))
    fill(ws, 7, **new_row(category, 4, center_industry="造船", agents__full_time__edu_bachelor=120))
    counts = (Entry.objects.count(), Organization.objects.count(), ContactCenter.objects.count())
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 200
    page = response.content.decode()
    seats = get_column_letter(cols["center_seats"])
    assert f"Row 5, column {seats} (Physical seats): “很多” is not a whole number." in page
    assert "Row 6, column B (Category): “最佳宇宙客服” is not a category of this season." in page
    industry = get_column_letter(cols["center_industry"])
    assert f"Row 7, column {industry} (Industry): “造船” is not one of the options." in page
    bachelor = get_column_letter(cols["agents.full_time.edu_bachelor"])
    assert f"Row 7, column {bachelor} (Agents · Full-time agents · Bachelor" in page
    assert "Row 4" not in page
    assert "Nothing was imported: 4 problems need correcting." in page
    assert counts == (
        Entry.objects.count(),
        Organization.objects.count(),
        ContactCenter.objects.count(),
    )
    assert not AuditEvent.objects.filter(action="entries.imported").exists()


def test_missing_names_unknown_keys_and_repeated_rows_are_named(organizer_client, season, category):
    book = template(organizer_client, season)
    ws = book.worksheets[0]
    extra = ws.max_column + 1
    ws.cell(row=1, column=extra, value="备注")
    ws.cell(row=2, column=extra, value="remarks")
    fill(ws, 4, **new_row(category, 1, enterprise_name=None))
    fill(ws, 5, **new_row(category, 2, center_name=None))
    fill(ws, 6, **new_row(category, 3))
    fill(ws, 7, **new_row(category, 3))
    fill(ws, 8, **new_row(category, 5, enterprise_credit_code="91350100M000100Y44"))
    response = upload(organizer_client, season, as_bytes(book))
    page = response.content.decode()
    letter = get_column_letter(extra)
    assert f"Row 2, column {letter} (备注): “remarks” is not an answer key" in page
    name = get_column_letter(columns(ws)["enterprise_name"])
    assert f"Row 4, column {name} (Enterprise name): The enterprise name is missing." in page
    assert "Row 5, column" in page and "The contact center name is missing." in page
    assert "Row 7, column" in page and "are in row 6 too." in page
    assert "Row 8, column" in page and "check character" in page
    assert Entry.objects.count() == 0


def test_a_submitted_row_needs_every_required_answer(organizer_client, season, category):
    book = template(organizer_client, season)
    ws = book.worksheets[0]
    complete = {
        "_status": "Submitted",
        "filler_name": "李敏",
        "filler_email": "li@example.cn",
        "center_start_year": 2012,
        "challenges": "Customer retention; 提高员工生产力; Improve service level",
        "decl_org_name": "导入企业1有限公司",
        "decl_consent": True,
        "agents.full_time.headcount": 80,
        "indicators.aht.actual": 240,
        "indicators.abandon.actual": 3.5,
        "indicators.fcr.actual": 82,
    }
    fill(ws, 4, **new_row(category, 1, **complete))
    fill(ws, 5, **new_row(category, 2, **{**complete, "filler_name": None}))
    response = upload(organizer_client, season, as_bytes(book))
    page = response.content.decode()
    name = get_column_letter(columns(ws)["filler_name"])
    assert f"Row 5, column {name} (Name): This question must be answered." in page
    assert "Row 4" not in page
    assert Entry.objects.count() == 0
    # the same row as a draft may be incomplete
    fill(ws, 5, _status="草稿")
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 302, response.content.decode()
    done = Entry.objects.get(center__name="导入客服中心1")
    assert done.status == "submitted" and done.submitted_at is not None
    assert done.figures  # typed data synchronised as on submission
    assert done.center.year_started == 2012
    assert Entry.objects.get(center__name="导入客服中心2").status == "draft"


def test_a_draft_is_submitted_by_its_status(organizer_client, season, organizer, category):
    entry = make_entry(season=season, by=organizer, category=category, status="draft")
    domain.save_answers(
        entry=entry,
        by=organizer,
        answers={
            "enterprise_name": "某企业",
            "filler_name": "李敏",
            "filler_email": "li@example.cn",
            "center_start_year": "2012",
            "challenges": ["customer_retention", "staff_productivity", "service_level"],
            "decl_org_name": "某企业",
            "decl_consent": "yes",
            "agents.full_time.headcount": "80",
            "indicators.aht.actual": "240",
            "indicators.abandon.actual": "3.5",
            "indicators.fcr.actual": "82",
        },
    )
    book = opened(organizer_client.get(url("export", season)))
    ws = book.worksheets[0]
    fill(ws, 3, _status="已提交", center_seats=310)
    response = upload(organizer_client, season, as_bytes(book))
    assert response.status_code == 302, response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "submitted" and entry.submitted_at is not None
    assert entry.center.seats == 310


@translation.override("en")
def test_import_workbook_reports_where_without_a_request(season, organizer, category):
    book = excel.template_workbook(season, "en")
    fill(book.worksheets[0], 4, **new_row(category, 1, center_seats=-3))
    report = excel.import_workbook(season, io.BytesIO(as_bytes(book)), organizer)
    assert not report.ok
    letter = get_column_letter(columns(book.worksheets[0])["center_seats"])
    assert [str(p) for p in report.problems] == [
        f"Row 4, column {letter} (Physical seats): -3 is below the minimum of 0."
    ]
    assert report.examples == 1


def test_the_import_checks_the_csrf_token(organizer, season, category):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer, backend="django.contrib.auth.backends.ModelBackend")
    book = excel.template_workbook(season, "en")
    fill(book.worksheets[0], 4, **new_row(category, 1))
    assert upload(client, season, as_bytes(book)).status_code == 403
    assert Entry.objects.count() == 0


def test_problems_name_the_question_in_the_readers_language(season, organizer, category):
    book = excel.template_workbook(season, "zh-hans")
    fill(book.worksheets[0], 4, **new_row(category, 1, center_seats="很多"))
    with translation.override("zh-hans"):
        report = excel.import_workbook(season, io.BytesIO(as_bytes(book)), organizer)
        [problem] = report.problems
        assert (problem.row, problem.label) == (4, "物理坐席数")
        assert "物理坐席数" in str(problem) and "很多" in str(problem)


def test_entries_of_an_older_form_are_exported_in_the_current_columns(
    organizer_client, season, organizer, draft
):
    data = copy.deepcopy(domain.default_definition())
    for section in data["sections"]:
        section["fields"] = [f for f in section["fields"] if f["key"] != "enterprise_wechat"]
    domain.install_form(season=season, data=data, by=organizer, note="v2")
    assert draft.form.version == 1
    ws = opened(organizer_client.get(url("export", season))).worksheets[0]
    assert "enterprise_wechat" not in columns(ws)
    row = rows_by_entry(ws)[draft.pk]
    assert row["center_seats"] == 300
    assert row["center_industry"] == "Insurance"


def test_too_many_rows_are_refused(organizer_client, season, category, monkeypatch):
    monkeypatch.setattr(excel.reading, "MAX_ROWS", 1)
    book = template(organizer_client, season)
    fill(book.worksheets[0], 4, **new_row(category, 1))
    fill(book.worksheets[0], 5, **new_row(category, 2))
    response = upload(organizer_client, season, as_bytes(book))
    assert "At most 1 applications can be imported at once." in response.content.decode()
    assert Entry.objects.count() == 0
