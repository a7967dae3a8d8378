"""NUL and the other control characters are refused in text input everywhere —
autosave (422 naming the question, so the page stops retrying), form pages, the
framework editor, the API (after authentication), the applications import — with a
message naming the field; tab, line feed and carriage return are allowed in
multi-line text. The same input runs on SQLite and on PostgreSQL (which cannot
store NUL at all: before the check, a NUL answer was a 500 there)."""

from __future__ import annotations

import inspect

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import ccaward.applications.forms
import ccaward.applications.views.excel
import ccaward.kpis.forms
import ccaward.people.forms
import ccaward.recommendations.forms
import ccaward.seasons.forms
from ccaward import cli
from ccaward.applications.excel import importing
from ccaward.applications.models import Entry
from ccaward.core import drafts
from ccaward.core.models import Job
from ccaward.core.text import CleanText
from ccaward.engine.text import control_character, control_characters_in
from ccaward.recommendations.models import Recommendation
from ccaward.seasons.models import Dimension
from tests.applications.test_excel import as_bytes, columns, opened, upload
from tests.applications.test_excel import url as excel_url
from tests.factories import make_entry
from tests.recommendations.test_stage_gate import cli_args

pytestmark = pytest.mark.django_db

MESSAGE = "the text holds a control character ({}) that cannot be stored"


@pytest.fixture(autouse=True)
def _language_restored():
    """The test client leaves the last request's language active: restore it, so
    later tests see the default language."""
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


def test_which_characters_are_refused_where():
    assert control_character("a\x00b") == "U+0000"
    assert control_character("a\x1fb", multiline=True) == "U+001F"
    assert control_character("a\x7fb") == "U+007F"  # DEL
    assert control_character("a\x85b", multiline=True) == "U+0085"  # C1
    assert control_character("a\x9fb") == "U+009F"
    assert control_character("a\xa0b 中文 — é") is None  # no-break space and above are text
    assert control_character("one\ttwo") is None
    assert control_character("one\ntwo") == "U+000A"
    assert control_character("one\r\ntwo\tthree", multiline=True) is None
    assert control_character("a\x0bb", multiline=True) == "U+000B"
    found = list(control_characters_in({"answers": {"x": ["ok", "b\x00d"]}, "k\x01": 1}))
    assert found == [("answers.x.1", "U+0000"), ("k\x01", "U+0001")]


@pytest.fixture
def draft(season, organizer, applicant, category):
    entry = make_entry(season=season, by=organizer, category=category, status="draft")
    entry.center.organization.members.add(applicant)
    return entry


def autosave(client, entry, section="culture", **answers):
    return client.post(
        reverse("applications:autosave", args=[entry.season.slug, entry.pk]),
        {"_section": section, **answers},
    )


def test_autosave_refuses_a_nul_with_422_naming_the_question(draft, applicant, client_en):
    client = client_en(applicant)
    response = autosave(client, draft, culture_mission="客户\x00至上")
    assert response.status_code == 422
    assert response.json()["error"].startswith(f"Mission: {MESSAGE.format('U+0000')}")
    assert list(response.json()["fields"]) == ["culture_mission"]
    draft.refresh_from_db()
    assert "culture_mission" not in (draft.answers or {})
    # line breaks in a multi-line answer are kept; the next save goes through
    assert autosave(client, draft, culture_mission="客户至上\r\n诚信\t专业").status_code == 200
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "客户至上\r\n诚信\t专业"


def test_a_line_break_in_a_single_line_answer_is_refused(draft, applicant, client_en):
    response = autosave(client_en(applicant), draft, "enterprise", enterprise_wechat="海川\n客服")
    assert response.status_code == 422
    assert MESSAGE.format("U+000A") in response.json()["error"]
    assert "enterprise_wechat" not in (Entry.objects.get(pk=draft.pk).answers or {})


def test_every_draft_refuses_control_characters_before_it_is_read(draft):
    """core/drafts.py refuses them for every draft that autosaves, naming the field
    as the caller labels it; nothing is written, the version stays."""
    version = Entry.objects.get(pk=draft.pk).answers_version
    with pytest.raises(drafts.ValidationError) as refused:
        drafts.save_draft(
            model=Entry,
            pk=draft.pk,
            changes={"culture_mission": "a\x00b", "culture_vision": "ok"},
            label=lambda key: f"«{key}»",
        )
    assert refused.value.error_dict["culture_mission"][0].code == "control_character"
    assert "«culture_mission»" in refused.value.message_dict["culture_mission"][0]
    assert Entry.objects.get(pk=draft.pk).answers_version == version


def test_the_section_page_refuses_a_nul_and_says_which_question(draft, applicant, client_en):
    response = client_en(applicant).post(
        reverse("applications:section", args=[draft.season.slug, draft.pk, "culture"]),
        {"_section": "culture", "culture_mission": "客户\x00至上", "save": ""},
        follow=True,
    )
    assert f"Mission: {MESSAGE.format('U+0000')}" in response.content.decode()
    assert "culture_mission" not in (Entry.objects.get(pk=draft.pk).answers or {})


def test_the_api_refuses_control_characters_naming_the_field(api, organizer, season, draft):
    url = f"/api/seasons/{season.slug}/stages/voting/override"
    response = api(organizer, "en").post(
        url, {"action": "open", "reason": "提前\x00投票"}, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "control_character"
    assert error["fields"] == {
        "reason": [
            "reason: the text holds a control character (U+0000) that cannot be stored; "
            "remove it (it may have come with pasted text)."
        ]
    }
    assert season.stages.get(kind="voting").override == ""
    answers = f"/api/seasons/{season.slug}/entries/{draft.pk}/answers"
    response = api(organizer, "en").patch(
        answers,
        {"answers": {"culture_mission": "a\x01b", "culture_vision": "c\x9bd"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == "Some fields hold control characters."
    assert sorted(error["fields"]) == ["answers.culture_mission", "answers.culture_vision"]
    assert "culture_mission" not in (Entry.objects.get(pk=draft.pk).answers or {})


def test_the_api_checks_the_query_string_too(api, organizer, season):
    response = api(organizer, "en").get(f"/api/seasons/{season.slug}/entries?status=dr\x00aft")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "control_character"
    assert list(response.json()["error"]["fields"]) == ["status"]


def test_the_api_authenticates_before_it_reads_the_body(client, season):
    """Without a token the answer is 401, whatever the body holds."""
    response = client.post(
        f"/api/seasons/{season.slug}/stages/voting/override",
        {"action": "open", "reason": "\x00"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def _string_properties(spec, schema) -> list[str]:
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return [
        name
        for name, prop in schema.get("properties", {}).items()
        if prop.get("type") == "string"
        or any(p.get("type") == "string" for p in prop.get("anyOf", []))
    ]


def test_no_write_operation_stores_a_nul(api, organizer, season, category, draft, client):
    """Every JSON body the schema declares, with a NUL in each of its string fields,
    is refused with 422 `control_character` on both databases (never a 500)."""
    spec = client.get("/api/openapi.json").json()
    caller = api(organizer, "en")
    tried = 0
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if not body:
                continue
            url = path.replace("{slug}", season.slug)
            url = url.replace("{pk}", str(draft.pk)).replace("{category_id}", str(category.pk))
            for name in _string_properties(spec, body["schema"]):
                response = getattr(caller, method)(
                    url, {name: "a\x00b"}, content_type="application/json"
                )
                tried += 1
                assert response.status_code == 422, (method, path, name, response.content)
                assert response.json()["error"]["code"] == "control_character"
                assert list(response.json()["error"]["fields"]) == [name]
    assert tried >= 10


def test_a_stage_reason_with_a_control_character_is_refused_on_the_page(
    client_en, organizer, season
):
    response = client_en(organizer).post(
        reverse("seasons:stage_override", args=[season.slug, "registration"]),
        {"action": "closed", "reason": "报名\x1b提前截止"},
        follow=True,
    )
    assert f"Reason: {MESSAGE.format('U+001B')}" in response.content.decode()
    assert season.stages.get(kind="registration").override == ""


def test_invitations_with_a_nul_are_refused_and_none_is_sent(client_en, organizer, season):
    response = client_en(organizer).post(
        reverse("seasons:people", args=[season.slug]),
        {"emails": "a@example.cn\x00", "role": "judge", "language": "en"},
    )
    assert response.status_code == 200
    assert f"E-mail addresses: {MESSAGE.format('U+0000')}" in response.content.decode()
    assert not Job.objects.exists()


def test_the_framework_editor_refuses_a_control_character_naming_the_dimension(
    client_en, organizer, season
):
    dim = Dimension.objects.filter(framework=season.current_framework()).first()
    response = client_en(organizer).post(
        reverse("seasons:framework", args=[season.slug]),
        {f"dim-{dim.pk}-name_en": "Quality\x00", "note": "ok"},
    )
    assert response.status_code == 200
    assert f"{dim.name_zh}: {MESSAGE.format('U+0000')}" in response.content.decode()
    dim.refresh_from_db()
    assert dim.name_en != "Quality\x00"
    response = client_en(organizer).post(
        reverse("seasons:framework", args=[season.slug]), {"note": "权重\x07调整"}
    )
    assert MESSAGE.format("U+0007") in response.content.decode()


def test_an_imported_cell_with_a_control_character_names_sheet_row_and_column(
    client_en, organizer, season, draft, monkeypatch
):
    client = client_en(organizer)
    book = opened(client.get(excel_url("export", season)))
    ws = book.worksheets[0]
    col = columns(ws)["enterprise_wechat"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == draft.pk)
    real = importing.read_rows

    def with_a_nul(file):  # openpyxl cannot write one; a file could still carry it
        rows = real(file)
        rows[row - 1][col - 1] = "海川\x00客服"
        return rows

    monkeypatch.setattr(importing, "read_rows", with_a_nul)
    response = upload(client, season, as_bytes(book))
    assert response.status_code == 200
    letter = ws.cell(row=1, column=col).column_letter
    page = response.content.decode()
    assert f"Row {row}, column {letter} (" in page
    assert f"sheet “{ws.title}”: the cell holds a control character (U+0000)" in page
    draft.refresh_from_db()
    assert draft.answers.get("enterprise_wechat") != "海川\x00客服"


def _form_classes():
    modules = [
        ccaward.applications.forms,
        ccaward.applications.views.excel,
        ccaward.kpis.forms,
        ccaward.people.forms,
        ccaward.recommendations.forms,
        ccaward.seasons.forms,
    ]
    for module in modules:
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_with_text_fields_refuses_control_characters():
    """Sign-in and password forms are the exception: nothing typed there is stored
    or shown, and Django refuses NUL in them itself."""
    text_fields = [
        cls
        for cls in _form_classes()
        if any(
            isinstance(f, forms.CharField) and not isinstance(f.widget, forms.PasswordInput)
            for f in cls.base_fields.values()
        )
    ]
    missing = [
        cls.__name__
        for cls in text_fields
        if not issubclass(cls, CleanText) and cls.__name__ != "EmailLoginForm"
    ]
    assert len(text_fields) >= 12
    assert missing == []


def test_a_nul_in_a_path_is_not_found(api, organizer, season, draft):
    caller = api(organizer, "en")
    for url in (
        "/api/seasons/a%00b",
        f"/api/seasons/{season.slug}%00/entries",
        f"/api/seasons/{season.slug}/entries/{draft.pk}%00",
    ):
        response = caller.get(url)
        assert response.status_code in (404, 422), (url, response.content)
        assert "error" in response.json()


def test_a_search_holding_a_nul_finds_nothing(client_en, organizer, season, draft):
    url = reverse("applications:list", args=[season.slug])
    response = client_en(organizer).get(url, {"q": "海\x00川"})
    assert response.status_code == 200
    assert f"/{draft.pk}/" not in response.content.decode()


def test_the_recommend_command_refuses_a_control_character(capsys, judge, season, category):
    args = cli_args(season, judge.email, category)
    args[args.index("--contact") + 1] = "黄\x1b海涛"
    assert cli.main(args) == 2
    assert capsys.readouterr().err.startswith(
        f"ccaward recommend: error: --contact: {MESSAGE.format('U+001B')}"
    )
    assert not Recommendation.objects.exists()


def test_a_form_definition_with_a_control_character_is_refused():
    """`ccaward form install` reads YAML, whose double-quoted "\\0" is a NUL."""
    from ccaward.engine import appform

    defn = {
        "title": {"zh": "申报表", "en": "Form"},
        "sections": [
            {
                "key": "s",
                "part": 1,
                "title": {"zh": "企业\x00信息", "en": "Enterprise"},
                "intro": {"zh": "第一行\n第二行", "en": "One\r\ntwo"},  # line breaks are text
                "fields": [{"key": "a", "type": "text", "label": {"zh": "甲", "en": "A\x1b"}}],
            }
        ],
    }
    with pytest.raises(appform.DefinitionError) as refused:
        appform.load_definition(defn)
    assert refused.value.problems == [
        "sections.0.title.zh: a control character (U+0000) in the text",
        "sections.0.fields.0.label.en: a control character (U+001B) in the text",
    ]
