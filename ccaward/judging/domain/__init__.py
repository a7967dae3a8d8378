"""Judging's operations (专家评审), one module per concern: the season's judging
policy, the judge pool and its import, conflicts of interest and their
detection. Assignment lives in assignment.py."""

from ccaward.judging.domain.accounts import link_users
from ccaward.judging.domain.conflicts import (
    DetectionReport,
    decide_conflict,
    declare_conflict,
    detect_conflicts,
    withdraw_declaration,
)
from ccaward.judging.domain.policy import PolicyChanged, policy_for, save_policy
from ccaward.judging.domain.pool import (
    JudgeChanged,
    add_judge,
    change_judge,
    change_own_profile,
    invitation_states,
    invite_judges,
    remove_judge,
)

__all__ = [
    "DetectionReport",
    "JudgeChanged",
    "PolicyChanged",
    "add_judge",
    "change_judge",
    "change_own_profile",
    "declare_conflict",
    "decide_conflict",
    "detect_conflicts",
    "invitation_states",
    "invite_judges",
    "link_users",
    "policy_for",
    "remove_judge",
    "save_policy",
    "withdraw_declaration",
]
