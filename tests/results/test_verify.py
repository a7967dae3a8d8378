"""`ccaward verify`: the published results against the stored data. Changes made
directly in the database with SQL (not the ORM, which would refuse or record
them) are found, each naming its record; an untouched season is clean."""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import connection

from ccaward.cli import main
from ccaward.core.models import AuditEvent
from ccaward.results.domain.publish import publish
from ccaward.results.domain.verify import verify
from ccaward.results.models import Ballot, Publication
from ccaward.reviews.models import Review
from tests.results.publish_fixtures import ready  # noqa: F401


def _json(value) -> tuple[str, str]:
    """(placeholder, parameter) of a JSON value in raw SQL on either database."""
    cast = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    return cast, json.dumps(value, ensure_ascii=False)


def _sql(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def published(ready, organizer):  # noqa: F811
    season, category, entries, ballots = ready
    publication = publish(season=season, by=organizer)
    return season, category, entries, publication


def test_an_untouched_season_is_clean(published, capsys):
    season, *_ = published
    report = verify(season)
    assert report.problems == []
    assert main(["verify", season.slug]) == 0
    out = capsys.readouterr().out
    assert "clean" in out and "publication 1" in out


def test_a_score_changed_in_the_database_is_named(published, capsys):
    season, _category, entries, _ = published
    review = Review.objects.filter(entry=entries[0]).order_by("pk").first()
    criterion = sorted(review.scores)[0]
    old = review.scores[criterion]
    scores = {**review.scores, criterion: "0.5"}
    holder, value = _json(scores)
    _sql(f"UPDATE reviews_review SET scores = {holder} WHERE id = %s", [value, review.pk])  # noqa: S608
    report = verify(season)
    code = f"E-{entries[0].pk:04d}"
    named = [p for p in report.problems if p.startswith(f"reviews.review {review.pk} ")]
    assert len(named) == 1, report.problems
    assert f"entry {code}" in named[0] and "judge J0" in named[0]
    assert f"published {float(old)!r}, stored 0.5" in named[0]
    # the totals follow: the entry's total was recomputed differently
    assert any(p.startswith(f"entry {code}: total") for p in report.problems)
    assert main(["verify", season.slug]) == 1
    assert f"reviews.review {review.pk}" in capsys.readouterr().out


def test_a_ballot_inserted_in_the_database_is_named(published):
    season, category, entries, _ = published
    new = uuid.uuid4()
    holder, ranking = _json([[entries[2].pk], [entries[1].pk], [entries[0].pk]])
    key = str(new) if connection.vendor == "postgresql" else new.hex
    _sql(
        f"INSERT INTO results_ballot (id, category_id, ranking, voter_tag) "  # noqa: S608
        f"VALUES (%s, %s, {holder}, NULL)",
        [key, category.pk, ranking],
    )
    assert Ballot.objects.filter(pk=new).exists()
    report = verify(season)
    assert any(
        f"ballot {new} in category {category.name_zh} is not in the published snapshot" in p
        for p in report.problems
    ), report.problems


def test_a_deleted_audit_event_is_found(published):
    season, *_ = published
    event = AuditEvent.objects.filter(season=season).order_by("pk")[3]
    _sql("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    report = verify(season)
    assert any(f"seq {event.seq}" in p and "missing" in p for p in report.problems), report.problems


def test_a_changed_snapshot_no_longer_gives_its_digest(published):
    season, _category, _entries, publication = published
    snapshot = dict(publication.snapshot)
    snapshot["categories"][0]["decision"]["winners"].reverse()
    holder, value = _json(snapshot)
    _sql(
        f"UPDATE results_publication SET snapshot = {holder} WHERE id = %s",  # noqa: S608
        [value, publication.pk],
    )
    assert Publication.objects.get(pk=publication.pk).digest == publication.digest
    report = verify(season)
    assert any("the snapshot was changed" in p for p in report.problems), report.problems


def test_nothing_published_checks_the_chain_only(ready, capsys):  # noqa: F811
    season, *_ = ready
    assert main(["verify", season.slug]) == 0
    assert "nothing published" in capsys.readouterr().out
    assert main(["verify", "no-such-season"]) == 2


def test_a_changed_score_says_how_the_totals_moved(published):
    season, _category, entries, _ = published
    review = Review.objects.filter(entry=entries[1]).order_by("pk").first()
    holder, value = _json(dict.fromkeys(review.scores, "0.0"))
    _sql(f"UPDATE reviews_review SET scores = {holder} WHERE id = %s", [value, review.pk])  # noqa: S608
    code = f"E-{entries[1].pk:04d}"
    problems = verify(season).problems
    moved = [p for p in problems if p.startswith(f"entry {code}: total published ")]
    assert len(moved) == 1 and "recomputed" in moved[0] and "of its dimensions)" in moved[0]
    assert not any("competes now" in p for p in problems)


def test_a_publication_withdrawn_or_deleted_outside_the_platform_is_named(published, capsys):
    season, _category, _entries, publication = published
    _sql(
        "UPDATE results_publication SET withdrawn_at = %s, withdraw_reason = 'x' WHERE id = %s",
        ["2026-12-05 08:00:00", publication.pk],
    )
    report = verify(season)
    assert report.publication is None
    assert any(
        "publication 1 is stored as withdrawn but no audit event withdrew it" in p
        for p in report.problems
    ), report.problems
    assert main(["verify", season.slug]) == 1
    assert f"publication 1 (withdrawn): digest {publication.digest}" in capsys.readouterr().out
    _sql("DELETE FROM results_publication WHERE id = %s", [publication.pk])
    report = verify(season)
    assert any(
        "publication 1 (published in audit event seq" in p and "no longer stored" in p
        for p in report.problems
    ), report.problems


def test_a_withdrawal_through_the_platform_stays_clean(published, organizer, capsys):
    from ccaward.results.domain.publish import unpublish

    season, _category, _entries, publication = published
    unpublish(season=season, by=organizer, reason="名额更正")
    assert verify(season).problems == []
    assert main(["verify", season.slug]) == 0
    assert f"publication 1 (withdrawn): digest {publication.digest}" in capsys.readouterr().out
