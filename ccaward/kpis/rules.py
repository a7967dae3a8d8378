"""KPI permissions. Records, monthly figures and reported figures are given while
数据采集 (data collection) or 标杆测评 (benchmarking) is open; organizers may
correct them at any time (the domain functions note it in the audit log)."""

import rules

from ccaward.applications.rules import is_judge_of_season, is_member_of_entry
from ccaward.people.rules import is_applicant, is_organizer, is_superuser
from ccaward.seasons.enums import StageKind
from ccaward.seasons.gates import gated_perm

# the stages during which an entry's KPI data can be given
DATA_STAGES = (StageKind.DATA_COLLECTION, StageKind.BENCHMARKING)

# whose KPI page it is: they see it and, while a data stage is open, give its data
rules.add_perm(
    "kpis.view_entry_kpis",
    is_superuser | is_organizer | is_judge_of_season | is_member_of_entry,
)
gated_perm("kpis.upload_records", is_member_of_entry, *DATA_STAGES)
# the KPI data page: every entry's (organizers, judges) or one's own (applicants)
rules.add_perm("kpis.view_entries", is_superuser | is_organizer | is_judge_of_season | is_applicant)
rules.add_perm("kpis.view_benchmark", is_superuser | is_organizer | is_judge_of_season)
rules.add_perm("kpis.change_policy", is_superuser | is_organizer)
