"""How deliberation's audit events read: the totals' (audit_labels_totals.py)."""

from ccaward.deliberation.audit_labels_totals import AUDIT_LABELS as TOTALS

AUDIT_LABELS = {**TOTALS}
