"""Panel comments (集中评议): organizers at any time, the season's judges while the
stage is open; a conflicted judge neither reads nor writes; the text is checked;
one deletes one's own; every change is an audit event."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.deliberation.domain import comments
from ccaward.deliberation.models import COMMENT_MAX, PanelComment
from tests.deliberation.board_fixtures import conflicted, set_deliberation


def test_a_judge_comments_while_deliberation_is_open(board_entries, panel_judge, deliberation_open):
    entry = board_entries[0]
    comment = comments.add_comment(entry=entry, text="  现场数据与申报一致。 ", by=panel_judge)
    assert comment.text == "现场数据与申报一致。"
    assert [c.pk for c in comments.comments_for(entry=entry, user=panel_judge)] == [comment.pk]
    event = AuditEvent.objects.get(action="deliberation.comment.added")
    assert event.actor == panel_judge
    assert event.data["center"] == entry.center.name
    assert "note" not in event.data


def test_a_judge_is_refused_while_the_stage_is_closed(board_entries, panel_judge):
    with pytest.raises(StageClosed):
        comments.add_comment(entry=board_entries[0], text="意见", by=panel_judge)
    assert not PanelComment.objects.exists()


def test_an_organizer_comments_while_closed_and_the_audit_says_so(board_entries, organizer):
    comments.add_comment(entry=board_entries[0], text="请评委关注数据差异", by=organizer)
    event = AuditEvent.objects.get(action="deliberation.comment.added")
    assert "closed" in event.data["note"]


def test_a_conflicted_judge_neither_reads_nor_writes(
    board_entries, organizer, panel_judge, deliberation_open
):
    entry = board_entries[0]
    comments.add_comment(entry=entry, text="组织者意见", by=organizer)
    conflicted(panel_judge, entry)
    with pytest.raises(PermissionDenied):
        comments.comments_for(entry=entry, user=panel_judge)
    with pytest.raises(PermissionDenied):
        comments.add_comment(entry=entry, text="意见", by=panel_judge)
    assert comments.kept_from(panel_judge, entry)
    assert not comments.kept_from(panel_judge, board_entries[1])
    assert comments.comments_for(entry=board_entries[1], user=panel_judge) == []


def test_someone_off_the_panel_is_refused(board_entries, applicant, deliberation_open):
    with pytest.raises(PermissionDenied):
        comments.add_comment(entry=board_entries[0], text="意见", by=applicant)
    with pytest.raises(PermissionDenied):
        comments.comments_for(entry=board_entries[0], user=applicant)


@pytest.mark.parametrize(
    "text, found",
    [
        ("   ", "Write the comment"),
        ("x" * (COMMENT_MAX + 1), str(COMMENT_MAX)),
        ("带\x00控制字符", "control character"),
    ],
)
def test_the_text_is_checked(board_entries, organizer, text, found):
    with translation.override("en"), pytest.raises(ValidationError) as info:
        comments.add_comment(entry=board_entries[0], text=text, by=organizer)
    assert "text" in info.value.message_dict
    assert found in " ".join(info.value.message_dict["text"])
    assert not PanelComment.objects.exists()


def test_line_breaks_are_kept(board_entries, organizer):
    comment = comments.add_comment(entry=board_entries[0], text="第一点\n第二点", by=organizer)
    assert comment.text == "第一点\n第二点"


def test_one_deletes_ones_own_comment_only(
    board_entries, organizer, panel_judge, deliberation_open
):
    mine = comments.add_comment(entry=board_entries[0], text="我的意见", by=panel_judge)
    theirs = comments.add_comment(entry=board_entries[0], text="组织者意见", by=organizer)
    with pytest.raises(PermissionDenied):
        comments.delete_comment(comment=theirs, by=panel_judge)
    comments.delete_comment(comment=mine, by=panel_judge)
    assert list(PanelComment.objects.values_list("pk", flat=True)) == [theirs.pk]
    event = AuditEvent.objects.get(action="deliberation.comment.deleted")
    assert event.data["text"] == "我的意见"


def test_deleting_needs_the_stage_open_for_a_judge(board_entries, organizer, panel_judge):
    set_deliberation(board_entries[0].season, organizer, "open")
    mine = comments.add_comment(entry=board_entries[0], text="我的意见", by=panel_judge)
    set_deliberation(board_entries[0].season, organizer, "closed")
    with pytest.raises(StageClosed):
        comments.delete_comment(comment=mine, by=panel_judge)
    assert PanelComment.objects.filter(pk=mine.pk).exists()
