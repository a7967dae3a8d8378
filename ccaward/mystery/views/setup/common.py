"""What the setup pages share: a stale save's two versions as rows to show."""

from __future__ import annotations


def _shown(value) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return "" if value is None else str(value)


def conflict_rows(conflict, labels: dict) -> list[tuple[str, str, str]]:
    """(field's label, the saved value, yours) of each field the versions differ in."""
    if conflict is None:
        return []
    return [(str(labels.get(n, n)), _shown(a), _shown(b)) for n, a, b in conflict.rows()]
