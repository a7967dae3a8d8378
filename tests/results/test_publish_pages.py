"""The organizers' publishing page, the API's published results (no token) and its
publish and withdraw, and `ccaward results`."""

from __future__ import annotations

import csv
import io
import json

from django.test import Client
from django.urls import reverse

from ccaward.cli import main
from ccaward.results.domain.publish import publish
from ccaward.results.models import Count, Publication
from tests.results.publish_fixtures import ready  # noqa: F401


def test_the_page_shows_what_is_ready_and_publishes(ready, organizer, as_user):  # noqa: F811
    season, category, *_ = ready
    client = as_user(organizer)
    url = reverse("results:publish", args=[season.slug])
    html = client.get(url).content.decode()
    assert category.name_zh in html and "年度特别奖" in html
    assert reverse("results:do_publish", args=[season.slug]) in html
    response = client.post(reverse("results:do_publish", args=[season.slug]))
    assert response.status_code == 302
    publication = Publication.objects.get(season=season)
    html = client.get(url).content.decode()
    assert publication.digest[:12] in html
    assert reverse("results:public", args=[season.slug]) in html


def test_the_page_says_why_it_cannot_publish(ready, organizer, as_user):  # noqa: F811
    season, category, *_ = ready
    Count.objects.filter(category=category).delete()
    client = as_user(organizer)
    html = client.get(reverse("results:publish", args=[season.slug])).content.decode()
    assert reverse("results:do_publish", args=[season.slug]) not in html
    response = client.post(reverse("results:do_publish", args=[season.slug]), follow=True)
    assert category.name_zh in response.content.decode()
    assert not Publication.objects.exists()


def test_withdrawing_on_the_page_needs_a_reason(ready, organizer, as_user):  # noqa: F811
    season, *_ = ready
    publication = publish(season=season, by=organizer)
    client = as_user(organizer)
    url = reverse("results:do_unpublish", args=[season.slug])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "error" in response.content.decode()
    assert Publication.objects.get(pk=publication.pk).live
    response = client.post(url, {"reason": "名单有误"})
    assert response.status_code == 302
    assert Publication.objects.get(pk=publication.pk).withdraw_reason == "名单有误"


def test_judges_and_outsiders_cannot_publish(ready, judge, outsider, as_user):  # noqa: F811
    season, *_ = ready
    url = reverse("results:publish", args=[season.slug])
    assert as_user(judge).get(url).status_code == 403
    assert as_user(judge).post(reverse("results:do_publish", args=[season.slug])).status_code == 403
    assert as_user(outsider).get(url).status_code == 404
    assert not Publication.objects.exists()


def test_the_api_gives_the_published_results_without_a_token(ready, organizer):  # noqa: F811
    season, *_ = ready
    url = f"/api/seasons/{season.slug}/results"
    response = Client().get(url)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_published"
    publication = publish(season=season, by=organizer)
    data = Client().get(url).json()
    assert data["publication"]["digest"] == publication.digest
    assert data["snapshot"]["format"] == "ccaward.results/1"
    winners = data["results"]["categories"][0]["winners"]
    assert [w["center"] for w in winners] == ["第1客服中心", "第2客服中心"]


def test_the_api_publishes_and_withdraws_for_organizers(ready, organizer, judge, api):  # noqa: F811
    season, *_ = ready
    base = f"/api/seasons/{season.slug}/results"
    assert api(judge).post(f"{base}/publish").status_code == 403
    response = api(organizer).post(f"{base}/publish")
    assert response.status_code == 201 and response.json()["number"] == 1
    again = api(organizer).post(f"{base}/publish")
    assert again.status_code == 409 and again.json()["error"]["code"] == "not_ready"
    empty = api(organizer).post(
        f"{base}/withdraw", json.dumps({"reason": ""}), content_type="application/json"
    )
    assert empty.status_code == 422 and "reason" in empty.json()["error"]["fields"]
    done = api(organizer).post(
        f"{base}/withdraw", json.dumps({"reason": "复核"}), content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["live"] is False


def test_ccaward_results_prints_the_published_results(ready, organizer, capsys):  # noqa: F811
    season, *_ = ready
    assert main(["results", season.slug]) == 2
    assert "no published results" in capsys.readouterr().err
    publication = publish(season=season, by=organizer)
    assert main(["results", season.slug, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["digest"] == publication.digest and data["publication"] == 1
    assert main(["results", season.slug, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["category", "award", "code"]
    assert [r[3] for r in rows if r[1] == "winner"] == ["第1客服中心", "第2客服中心"]
    assert any(r[1] == "special" and r[6] == "疫情期间坚持服务" for r in rows)
