"""How mystery calls' audit events of shopper read (see audit_labels.py)."""

AUDIT_LABELS: dict = {}
