"""Reviews on a judge's home page: how many are due, in draft, submitted, and by when."""

from __future__ import annotations

from ccaward.people.enums import Role
from ccaward.reviews.blind import policy_of
from ccaward.reviews.domain.progress import my_lines
from ccaward.reviews.enums import ReviewStatus
from ccaward.seasons.homepage import home_panel


@home_panel(order=30, roles=(Role.JUDGE,), template="reviews/_home.html")
def my_reviews(user, season, now):
    lines = my_lines(user, season)
    if not lines:
        return None
    submitted = sum(1 for line in lines if line.state == ReviewStatus.SUBMITTED)
    return {
        "due": len(lines),
        "submitted": submitted,
        "drafts": sum(1 for line in lines if line.state == ReviewStatus.DRAFT),
        "deadline": policy_of(season).review_deadline,
    }
