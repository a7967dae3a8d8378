import rules

from ccaward.applications.rules import is_judge_of_season, is_member_of_entry
from ccaward.people.rules import is_organizer, is_superuser

rules.add_perm("kpis.upload_records", is_superuser | is_organizer | is_member_of_entry)
rules.add_perm("kpis.view_benchmark", is_superuser | is_organizer | is_judge_of_season)
rules.add_perm("kpis.change_policy", is_superuser | is_organizer)
