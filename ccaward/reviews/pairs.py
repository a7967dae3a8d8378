"""What judging asks reviews: which judge–entry pairs have a review begun (a draft
or a submitted one). Such a pair is kept by every re-run of the assignment and
cannot be removed, so that no judge's work is dropped."""

from __future__ import annotations

from ccaward.reviews.models import Review


def reviewed_pairs(season) -> set[tuple[int, int]]:
    """(judge profile id, entry id) of every review of `season`, draft or submitted."""
    return set(Review.objects.filter(season=season).values_list("judge_id", "entry_id"))


def has_review(*, judge_id: int, entry_id: int) -> bool:
    """Whether the judge has begun a review of the entry."""
    return Review.objects.filter(judge_id=judge_id, entry_id=entry_id).exists()
