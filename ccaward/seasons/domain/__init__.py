"""The seasons app's operations, one module per concern:

- seasons: seasons, their stages (dates, early opening or closing) and categories
- framework: installing a framework version, its freeze when judging opens,
  changing names and weights, the engine's problems in the active language
- editing: saving a framework built in the editor (dimensions and criteria added,
  removed, reordered), checked against the version it was edited from

Every function that changes state names its side effects and writes the audit
log. Callers use `from ccaward.seasons import domain; domain.X`.
"""

from ccaward.seasons.domain.editing import (
    FrameworkConflict,
    last_change,
    save_framework,
    version_fingerprint,
)
from ccaward.seasons.domain.framework import (
    PROBLEM_MESSAGES,
    change_dimensions,
    freeze_if_judging,
    install_framework,
    judging_open,
    preview_framework,
    problem_message,
    update_framework,
)
from ccaward.seasons.domain.seasons import (
    CATEGORY_FIELDS,
    DEFAULT_CALENDAR,
    YEAR_MAX,
    category_uses,
    check_stage_dates,
    check_year,
    create_season,
    default_calendar,
    delete_category,
    override_stage,
    save_category,
    set_stage_dates,
    update_season,
)

__all__ = [
    "FrameworkConflict",
    "last_change",
    "save_framework",
    "version_fingerprint",
    "CATEGORY_FIELDS",
    "DEFAULT_CALENDAR",
    "PROBLEM_MESSAGES",
    "YEAR_MAX",
    "category_uses",
    "change_dimensions",
    "check_stage_dates",
    "check_year",
    "create_season",
    "default_calendar",
    "delete_category",
    "freeze_if_judging",
    "install_framework",
    "judging_open",
    "override_stage",
    "preview_framework",
    "problem_message",
    "save_category",
    "set_stage_dates",
    "update_framework",
    "update_season",
]
