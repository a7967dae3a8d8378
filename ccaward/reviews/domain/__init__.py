"""Reviews' operations (专家评分), one module per concern: the criteria a judge
scores (framework), values checked (values), drafts saved as typed (saving),
submission and revision (submission), lists and progress (progress), reminders
(reminders)."""

from ccaward.reviews.domain.framework import (
    criteria_by_code,
    dimension_codes,
    scored_criteria,
    version_in_force,
)
from ccaward.reviews.domain.progress import (
    Line,
    Tally,
    all_lines,
    due_judges,
    is_blocked,
    is_late,
    my_conflicts,
    my_lines,
    progress,
)
from ccaward.reviews.domain.reminders import remind_judges
from ccaward.reviews.domain.saving import read_only_error, review_of, save_review
from ccaward.reviews.domain.submission import revise, submit
from ccaward.reviews.domain.values import checked, field_label, scale_label

__all__ = [
    "Line",
    "Tally",
    "all_lines",
    "checked",
    "criteria_by_code",
    "dimension_codes",
    "due_judges",
    "field_label",
    "is_blocked",
    "is_late",
    "my_conflicts",
    "my_lines",
    "progress",
    "read_only_error",
    "remind_judges",
    "review_of",
    "revise",
    "save_review",
    "scale_label",
    "scored_criteria",
    "submit",
    "version_in_force",
]
