"""How mystery calls' audit events of setup read (see audit_labels.py)."""

AUDIT_LABELS: dict = {}
