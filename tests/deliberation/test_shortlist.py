"""The shortlist (入围名单): by default the ranking's top (quota + the policy's
margin); every departure from the ranking needs a reason; the ranking it was set
against is kept; the version guards against two organizers saving over each other;
the audit event names each departure."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ccaward.core.models import AuditEvent
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.domain.ranking import category_ranking, shortlist_line
from ccaward.deliberation.models import REASON_MAX, Shortlist, ShortlistEntry


def ids(entries):
    return [e.pk for e in entries]


def test_the_default_is_the_quota_plus_the_margin(board_entries, board_evaluation, board_category):
    ranking = category_ranking(board_evaluation, board_category)
    assert [row.entry for row in ranking] == board_entries
    line = shortlist_line(board_evaluation, board_category)
    assert line == 3  # quota 2 + margin 1
    assert shortlists.default_ids(ranking, line) == ids(board_entries[:3])


def test_the_default_is_saved_without_reasons_and_keeps_its_ranking(
    board_entries, board_evaluation, board_category, organizer
):
    saved = shortlists.set_shortlist(
        category=board_category, listed=ids(board_entries[:3]), by=organizer, base_version=0
    )
    assert saved.version == 1 and saved.method == "calibrated"
    assert saved.ranking[0] == {
        "entry": board_entries[0].pk,
        "rank": 1,
        "total": "86.40",
        "tied": False,
    }
    assert [r["entry"] for r in saved.ranking] == ids(board_entries)
    rows = {r.entry_id: r for r in saved.rows.all()}
    assert set(rows) == set(ids(board_entries[:3]))
    assert all(r.listed and r.reason == "" for r in rows.values())
    event = AuditEvent.objects.get(action="deliberation.shortlist.set")
    assert event.data["departures"] == [] and event.data["count"] == 3


def test_every_departure_needs_a_reason(board_entries, board_evaluation, board_category, organizer):
    listed = ids(
        [board_entries[0], board_entries[1], board_entries[3]]
    )  # the 4th added, the 3rd left off
    with pytest.raises(ValidationError) as info:
        shortlists.set_shortlist(category=board_category, listed=listed, by=organizer)
    assert set(info.value.message_dict) == {
        f"reasons.{board_entries[2].pk}",
        f"reasons.{board_entries[3].pk}",
    }
    assert (
        board_entries[3].center.name in info.value.message_dict[f"reasons.{board_entries[3].pk}"][0]
    )
    with pytest.raises(ValidationError) as info:
        shortlists.set_shortlist(
            category=board_category,
            listed=listed,
            reasons={board_entries[3].pk: "现场评审表现突出"},
            by=organizer,
        )
    assert set(info.value.message_dict) == {f"reasons.{board_entries[2].pk}"}
    assert not Shortlist.objects.exists()


def test_departures_are_stored_and_named_in_the_audit(
    board_entries, board_evaluation, board_category, organizer
):
    saved = shortlists.set_shortlist(
        category=board_category,
        listed=ids([board_entries[0], board_entries[1], board_entries[3]]),
        reasons={
            board_entries[3].pk: "现场评审表现突出",
            str(board_entries[2].pk): "数据真实性存疑",
            board_entries[0].pk: "not a departure: not kept",
        },
        by=organizer,
    )
    rows = {r.entry_id: r for r in ShortlistEntry.objects.filter(shortlist=saved)}
    assert (
        rows[board_entries[3].pk].listed and rows[board_entries[3].pk].reason == "现场评审表现突出"
    )
    assert rows[board_entries[3].pk].rank == 4
    assert (
        not rows[board_entries[2].pk].listed
        and rows[board_entries[2].pk].reason == "数据真实性存疑"
    )
    assert rows[board_entries[0].pk].reason == ""
    assert board_entries[4].pk not in rows
    event = AuditEvent.objects.get(action="deliberation.shortlist.set")
    moved = {d["center"]: d for d in event.data["departures"]}
    assert moved[board_entries[3].center.name] == {
        "entry": board_entries[3].pk,
        "center": board_entries[3].center.name,
        "rank": 4,
        "listed": True,
        "reason": "现场评审表现突出",
    }
    assert moved[board_entries[2].center.name]["listed"] is False


def test_an_entry_of_another_category_is_refused(
    board_entries, board_evaluation, board_category, organizer, category
):
    from tests.factories import make_entry

    stranger = make_entry(season=category.season, by=organizer, category=category)
    with pytest.raises(ValidationError) as info:
        shortlists.set_shortlist(
            category=board_category, listed=[*ids(board_entries[:3]), stranger.pk], by=organizer
        )
    assert "listed" in info.value.message_dict


def test_a_reason_too_long_or_with_a_control_character_is_refused(
    board_entries, board_evaluation, board_category, organizer
):
    for reason in ("x" * (REASON_MAX + 1), "理由\x07"):
        with pytest.raises(ValidationError) as info:
            shortlists.set_shortlist(
                category=board_category,
                listed=ids(board_entries[:4]),
                reasons={board_entries[3].pk: reason},
                by=organizer,
            )
        assert f"reasons.{board_entries[3].pk}" in info.value.message_dict


def test_only_organizers_set_it(board_entries, board_evaluation, board_category, panel_judge):
    with pytest.raises(PermissionDenied):
        shortlists.set_shortlist(
            category=board_category, listed=ids(board_entries[:3]), by=panel_judge
        )


def test_the_second_writer_is_told_and_shown_both_versions(
    board_entries, board_evaluation, board_category, organizer
):
    first = shortlists.set_shortlist(
        category=board_category, listed=ids(board_entries[:3]), by=organizer, base_version=0
    )
    with pytest.raises(shortlists.ShortlistChanged) as info:
        shortlists.set_shortlist(
            category=board_category,
            listed=ids(board_entries[:2]),
            reasons={board_entries[2].pk: "第二位组织者的意见"},
            by=organizer,
            base_version=0,
        )
    exc = info.value
    assert exc.version == first.version == 1
    assert exc.changed_by == organizer
    assert exc.rows() == [
        (
            board_entries[2].pk,
            shortlists.Choice(True, ""),
            shortlists.Choice(False, "第二位组织者的意见"),
        )
    ]
    assert Shortlist.objects.get().version == 1
    again = shortlists.set_shortlist(
        category=board_category,
        listed=ids(board_entries[:2]),
        reasons={board_entries[2].pk: "第二位组织者的意见"},
        by=organizer,
        base_version=exc.version,
    )
    assert again.version == 2
    assert not again.rows.get(entry=board_entries[2]).listed
