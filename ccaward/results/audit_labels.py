"""How the results' audit events read: publishing's (audit_labels_publish.py)."""

from ccaward.results.audit_labels_publish import AUDIT_LABELS as PUBLISH

AUDIT_LABELS = {**PUBLISH}
