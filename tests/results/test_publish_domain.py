"""Publishing (结果公布): refused while a count is missing, a tie is open or the vote
is open; the snapshot and its digest; withdrawing needs a reason and keeps the row;
a republish is the next number; nothing changes a published snapshot."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ccaward.core.models import AuditEvent
from ccaward.results.domain import published
from ccaward.results.domain.publish import NotReady, publish, readiness, unpublish
from ccaward.results.domain.snapshot import build, canonical, canonical_json, digest_of
from ccaward.results.models import Count, Publication
from ccaward.seasons.enums import StageKind
from tests.deliberation.conftest import set_stage
from tests.results.publish_fixtures import ready  # noqa: F401


def test_publish_freezes_a_snapshot_with_its_digest(ready, organizer):  # noqa: F811
    season, category, entries, _ballots = ready
    publication = publish(season=season, by=organizer)
    assert publication.number == 1
    assert publication.digest == digest_of(publication.snapshot)
    assert published.frozen(season) and published.live(season) == publication
    snapshot = publication.snapshot
    part = snapshot["categories"][0]
    assert part["name_zh"] == category.name_zh and part["quota"] == 2
    codes = [f"E-{e.pk:04d}" for e in entries]
    assert part["decision"]["winners"] == codes[:2]
    assert part["tally"]["winners"] == codes[:2]
    assert sorted(part["shortlist"]) == sorted(codes[:3])
    assert sum(b["count"] for b in part["ballots"]) == 7
    assert part["ballots"] == sorted(part["ballots"], key=lambda b: json.dumps(b["ranking"]))
    # the special award with its justification
    special = snapshot["categories"][1]
    assert special["special"][0]["justification"] == "疫情期间坚持服务"
    # judges under pseudonyms, never their names or ids
    assert snapshot["scoring"]["judges"] == ["J01", "J02", "J03"]
    text = canonical_json(snapshot)
    assert "钱评委" not in text and "judge@example.cn" not in text
    # winners named; the others by code only
    rows = {r["code"]: r for r in snapshot["entries"]}
    assert rows[codes[0]]["center"] == "第1客服中心"
    assert "center" not in rows[codes[2]]
    assert rows[codes[0]]["rank"] == 1 and rows[codes[0]]["total"]
    # both languages' method statements
    assert snapshot["statements"]["zh"]["voting"] and snapshot["statements"]["en"]["scoring"]
    event = AuditEvent.objects.get(action="results.published")
    assert event.data["digest"] == publication.digest


def test_the_snapshot_has_no_floats_and_the_same_data_gives_the_same_digest(ready):  # noqa: F811
    season, *_ = ready
    first, second = build(season), build(season)
    assert digest_of(first) == digest_of(second)
    text = canonical_json(first)
    assert json.loads(text) == canonical(first)

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        else:
            assert not isinstance(value, float), value

    walk(json.loads(text))


def test_the_stored_snapshot_reads_back_to_its_digest(ready, organizer):  # noqa: F811
    season, *_ = ready
    publication = publish(season=season, by=organizer)
    stored = Publication.objects.get(pk=publication.pk)
    assert digest_of(stored.snapshot) == stored.digest


def test_publish_is_refused_without_a_count(ready, organizer):  # noqa: F811
    season, category, *_ = ready
    Count.objects.filter(category=category).delete()
    with pytest.raises(NotReady) as caught:
        publish(season=season, by=organizer)
    assert any(category.name_zh in p and "尚未计票" in p for p in caught.value.problems)
    assert not Publication.objects.exists()


def test_publish_is_refused_with_an_open_tie(ready, organizer):  # noqa: F811
    season, category, entries, _ = ready
    count = Count.objects.get(category=category)
    count.outcome = {**count.outcome, "tied": [entries[1].pk, entries[2].pk]}
    count.save()
    assert readiness(season).ties
    with pytest.raises(NotReady) as caught:
        publish(season=season, by=organizer)
    assert any("并列" in p and category.name_zh in p for p in caught.value.problems)


def test_publish_is_refused_while_the_vote_is_open(ready, organizer):  # noqa: F811
    season, *_ = ready
    set_stage(season, organizer, StageKind.VOTING, "open")
    with pytest.raises(NotReady) as caught:
        publish(season=season, by=organizer)
    assert any("票选阶段尚未结束" in p for p in caught.value.problems)


def test_only_organizers_publish(ready, judge):  # noqa: F811
    season, *_ = ready
    with pytest.raises(PermissionDenied):
        publish(season=season, by=judge)


def test_withdrawing_needs_a_reason_and_keeps_the_row(ready, organizer):  # noqa: F811
    season, *_ = ready
    publication = publish(season=season, by=organizer)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            unpublish(season=season, by=organizer, reason=reason)
        assert "reason" in caught.value.message_dict
    assert published.frozen(season)
    unpublish(season=season, by=organizer, reason="计票有误，重新核对")
    stored = Publication.objects.get(pk=publication.pk)
    assert stored.withdrawn_at and stored.withdraw_reason == "计票有误，重新核对"
    assert stored.snapshot == publication.snapshot and stored.digest == publication.digest
    assert not published.frozen(season) and published.live(season) is None
    event = AuditEvent.objects.get(action="results.withdrawn")
    assert event.data["reason"] == "计票有误，重新核对"
    # publishing again makes the next number; the withdrawn one is listed
    again = publish(season=season, by=organizer)
    assert again.number == 2
    assert published.withdrawn(season) == [stored]


def test_a_second_publish_while_live_is_refused(ready, organizer):  # noqa: F811
    season, *_ = ready
    publish(season=season, by=organizer)
    with pytest.raises(NotReady) as caught:
        publish(season=season, by=organizer)
    assert "结果已公布" in caught.value.problems[0]
    assert Publication.objects.count() == 1


def test_totals_and_profiles_are_published_to_six_places(ready, organizer):  # noqa: F811
    season, *_ = ready
    entries = publish(season=season, by=organizer).snapshot["entries"]
    values = [e["total"] for e in entries] + [
        v for e in entries for v in e["dimensions"].values() if v is not None
    ]
    assert values and all(len(str(v).split(".")[1]) == 6 for v in values), values[:5]
