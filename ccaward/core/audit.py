"""Writing the audit log. Domain functions call `record`; views never do."""

from __future__ import annotations

from typing import Any

from ccaward.core import chain
from ccaward.core.models import AuditEvent


def record(
    *,
    actor,
    action: str,
    season=None,
    obj=None,
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to its season's hash chain (core.chain). Side effects: one row
    in the audit log; the chain's head moves to it."""
    return chain.append(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "system",
        season=season,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        data=data or {},
    )


def last_event(season, *actions: str) -> AuditEvent | None:
    """The season's latest audit event of one of `actions`, with its actor: who
    changed a row last and when (shown to a writer whose version is behind)."""
    return (
        AuditEvent.objects.filter(season=season, action__in=actions)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
