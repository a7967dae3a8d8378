"""How mystery calls' audit events of board read (see audit_labels.py)."""

AUDIT_LABELS: dict = {}
