"""Site-visit pages: the list and scheduling (schedule), one visit with its
checklist, recorded on a tablet also while offline (visit)."""

from ccaward.visits.views.schedule import cancel, change, finish, schedule, visit_list
from ccaward.visits.views.visit import photo, visit_detail

__all__ = ["cancel", "change", "finish", "photo", "schedule", "visit_detail", "visit_list"]
