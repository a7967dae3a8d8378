from django.test import Client

from ccaward.seasons.models import Category


def test_without_a_token_the_api_says_401(client, season):
    response = client.get("/api/seasons")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_wrong_token_is_refused(season):
    response = Client(headers={"Authorization": "Bearer cca_wrong"}).get("/api/seasons")
    assert response.status_code == 401


def test_seasons_list_shows_only_seasons_with_a_role(api, organizer, outsider, season):
    assert [s["slug"] for s in api(organizer).get("/api/seasons").json()] == [season.slug]
    assert api(outsider).get("/api/seasons").json() == []
    body = api(organizer).get(f"/api/seasons/{season.slug}").json()
    assert [s["kind"] for s in body["stages"]][0] == "registration"
    assert {s["state"] for s in body["stages"]} <= {"open", "closed", "upcoming"}


def test_other_seasons_are_404_and_missing_rights_403(api, outsider, judge, season):
    assert api(outsider).get(f"/api/seasons/{season.slug}").status_code == 404
    response = api(judge).post(
        f"/api/seasons/{season.slug}/categories",
        {"name_zh": "x", "quota": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_create_season_via_api(api, organizer):
    payload = {"slug": "api-2027", "name_zh": "API 评选", "name_en": "API", "year": 2027}
    response = api(organizer).post("/api/seasons", payload, content_type="application/json")
    assert response.status_code == 201
    assert len(response.json()["stages"]) == 9
    again = api(organizer).post("/api/seasons", payload, content_type="application/json")
    assert again.status_code == 422
    assert "slug" in again.json()["error"]["fields"]


def test_category_crud_and_quota_below_one(api, organizer, season):
    c = api(organizer)
    base = f"/api/seasons/{season.slug}/categories"
    bad = c.post(base, {"name_zh": "最佳客户中心", "quota": 0}, content_type="application/json")
    assert bad.status_code == 422
    assert list(bad.json()["error"]["fields"]) == ["quota"]
    assert not Category.objects.exists()
    made = c.post(base, {"name_zh": "最佳客户中心", "quota": 10}, content_type="application/json")
    assert made.status_code == 201
    pk = made.json()["id"]
    changed = c.put(
        f"{base}/{pk}",
        {"name_zh": "最佳客户中心", "quota": 8, "kind": "special"},
        content_type="application/json",
    )
    assert (changed.json()["quota"], changed.json()["kind"]) == (8, "special")
    assert c.get(base).json()[0]["quota"] == 8
    assert c.delete(f"{base}/{pk}").status_code == 204
    assert c.get(f"{base}/{pk}").status_code == 404


def test_schema_errors_are_422_with_the_field(api, organizer, season):
    response = api(organizer).post(
        f"/api/seasons/{season.slug}/categories",
        {"name_zh": "x", "quota": "many"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "quota" in response.json()["error"]["fields"]


def test_the_framework_is_read_and_its_weights_patched_with_checks(api, organizer, judge, season):
    url = f"/api/seasons/{season.slug}/framework"
    body = api(judge).get(url).json()
    assert body["weight_total"] == "100.00"
    assert [d["code"] for d in body["dimensions"]][:2] == ["service_strategy", "social_influence"]
    quality = body["dimensions"][5]["criteria"][0]
    assert [c["indicator"] for c in quality["children"]][0] == "answer_rate"
    bad = api(organizer).patch(
        url,
        {"dimensions": [{"code": "service_strategy", "weight": 10}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["message"] == "一级指标权重合计为 95，而不是 100（-5）。"
    good = api(organizer).patch(
        url,
        {
            "dimensions": [
                {"code": "service_strategy", "weight": 10},
                {"code": "social_influence", "weight": "20"},
            ]
        },
        content_type="application/json",
    )
    assert good.status_code == 200
    assert [d["weight"] for d in good.json()["dimensions"]][:2] == ["10.00", "20.00"]
    unknown = api(organizer).patch(
        url, {"dimensions": [{"code": "nope", "weight": 1}]}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"] == {"dimensions": ["Unknown dimension code: nope"]}
    assert (
        api(judge).patch(url, {"dimensions": []}, content_type="application/json").status_code
        == 403
    )


def test_stage_override_via_api(api, organizer, season):
    url = f"/api/seasons/{season.slug}/stages/voting/override"
    response = api(organizer).post(
        url, {"action": "open", "reason": "提前投票"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["state"] == "open"
    no_reason = api(organizer).post(
        url, {"action": "closed", "reason": ""}, content_type="application/json"
    )
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["error"]["fields"]


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/seasons/{slug}/framework" in schema["paths"]
    assert client.get("/api/docs").status_code == 200
