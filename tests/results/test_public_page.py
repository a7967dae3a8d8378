"""The published results page (获奖名单): open to anyone, 404 until published, only
the snapshot's data; its downloads count and score again to what was published."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from ccaward.engine.framework import from_data
from ccaward.engine.scoring.csvin import read_framework, read_scores
from ccaward.engine.scoring.evaluate import evaluate
from ccaward.engine.scoring.table import Scale
from ccaward.engine.voting import tally
from ccaward.engine.voting.csvio import read_ballots
from ccaward.results.domain.publish import publish, unpublish
from ccaward.results.models import Count
from tests.results.publish_fixtures import ready  # noqa: F401


def test_nothing_published_is_404(ready):  # noqa: F811
    season, *_ = ready
    anonymous = Client()
    assert anonymous.get(reverse("results:public", args=[season.slug])).status_code == 404
    assert anonymous.get(reverse("results:public_scores", args=[season.slug])).status_code == 404
    assert anonymous.get(reverse("results:public", args=["no-such-season"])).status_code == 404


def test_anyone_reads_the_published_results(ready, organizer):  # noqa: F811
    season, category, entries, _ = ready
    publication = publish(season=season, by=organizer)
    response = Client().get(reverse("results:public", args=[season.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert season.name_zh in html and category.name_zh in html
    assert "第1客服中心" in html and "第2客服中心" in html
    assert "第3客服中心" not in html  # not a winner: named nowhere
    assert "疫情期间坚持服务" in html  # the special award's justification
    assert publication.digest in html
    assert "ccaward tally" in html and "--method schulze --seats 2" in html
    assert "ccaward score SCORES.csv --framework FRAMEWORK.yaml" in html


def test_the_page_is_in_english_by_the_language_switch(ready, organizer):  # noqa: F811
    season, *_ = ready
    publish(season=season, by=organizer)
    client = Client()
    client.post(reverse("people:set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("results:public", args=[season.slug])).content.decode()
    assert season.name_en in html and "Winners" in html and "Best Contact Center" in html
    assert "by the vote" in html  # where the tie-break chain separated each winner


def test_the_page_shows_only_what_was_published(ready, organizer):  # noqa: F811
    season, category, entries, _ = ready
    publish(season=season, by=organizer)
    category.name_zh = "改过的类别名"
    category.save(update_fields=["name_zh"])
    html = Client().get(reverse("results:public", args=[season.slug])).content.decode()
    assert "改过的类别名" not in html and "最佳客户中心" in html


def test_a_withdrawn_publication_says_why(ready, organizer):  # noqa: F811
    season, *_ = ready
    publish(season=season, by=organizer)
    first = unpublish(season=season, by=organizer, reason="特别奖说明需补充")
    # withdrawn: the page says so, with the reason and the withdrawn digest, and shows
    # no winners; the files are gone
    response = Client().get(reverse("results:public", args=[season.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "特别奖说明需补充" in html and first.digest in html
    assert "results-winners" not in html
    assert Client().get(reverse("results:public_snapshot", args=[season.slug])).status_code == 404
    publish(season=season, by=organizer)
    html = Client().get(reverse("results:public", args=[season.slug])).content.decode()
    assert "特别奖说明需补充" in html


def test_the_ballots_count_again_to_the_published_winners(ready, organizer):  # noqa: F811
    season, category, entries, _ = ready
    publication = publish(season=season, by=organizer)
    part = publication.snapshot["categories"][0]
    response = Client().get(reverse("results:public_ballots", args=[season.slug, 1]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "count=3" in text and not text.startswith("judge")
    result = tally(
        read_ballots(text),
        method="schulze",
        seats=part["voting"]["seats"],
        candidates=part["shortlist"],
    )
    assert result.winners == part["decision"]["winners"]
    assert sorted(result.winners) == sorted(f"E-{e.pk:04d}" for e in entries[:2])
    # the special category has no ballots to download
    assert Client().get(reverse("results:public_ballots", args=[season.slug, 2])).status_code == 404
    assert Client().get(reverse("results:public_ballots", args=[season.slug, 9])).status_code == 404


def test_the_scores_give_the_published_totals(ready, organizer, tmp_path):  # noqa: F811
    season, *_ = ready
    publication = publish(season=season, by=organizer)
    client = Client()
    scores = tmp_path / "SCORES.csv"
    scores.write_bytes(client.get(reverse("results:public_scores", args=[season.slug])).content)
    framework = tmp_path / "FRAMEWORK.yaml"
    framework.write_bytes(
        client.get(reverse("results:public_framework", args=[season.slug])).content
    )
    fw = read_framework(framework)
    assert fw == from_data(publication.snapshot["scoring"]["framework"])
    table = read_scores(scores, framework=fw, scale=Scale(0, 10))
    assert set(table.judges) == {"J01", "J02", "J03"}
    ev = evaluate(table, fw, method=publication.snapshot["scoring"]["method"], bootstrap=0)
    published = {r["code"]: Decimal(r["total"]) for r in publication.snapshot["entries"]}
    assert {r.entry: r.total for r in ev.entries} == published


def test_the_snapshot_download_hashes_to_the_digest(ready, organizer):  # noqa: F811
    season, *_ = ready
    publication = publish(season=season, by=organizer)
    body = Client().get(reverse("results:public_snapshot", args=[season.slug])).content
    assert hashlib.sha256(body).hexdigest() == publication.digest


def test_the_page_does_not_read_the_live_count(ready, organizer, django_assert_max_num_queries):  # noqa: F811
    season, category, *_ = ready
    publish(season=season, by=organizer)
    Count.objects.filter(category=category).delete()
    html = Client().get(reverse("results:public", args=[season.slug])).content.decode()
    assert "第1客服中心" in html


def test_a_casting_decision_shows_with_its_reason(ready, organizer):  # noqa: F811
    from ccaward.results.models import SpecialAward, TieBreak

    season, category, entries, _ = ready
    TieBreak.objects.create(
        category=category, order=[entries[1].pk, entries[0].pk], reason="现场答辩表现更好"
    )
    SpecialAward.objects.filter(season=season).update(justification="<script>x</script>")
    publication = publish(season=season, by=organizer)
    assert publication.snapshot["categories"][0]["casting"] == [
        {
            "order": [f"E-{entries[1].pk:04d}", f"E-{entries[0].pk:04d}"],
            "reason": "现场答辩表现更好",
        }
    ]
    html = Client().get(reverse("results:public", args=[season.slug])).content.decode()
    assert "现场答辩表现更好" in html and "第2客服中心 &gt; 第1客服中心" in html
    assert "<script>" not in html
