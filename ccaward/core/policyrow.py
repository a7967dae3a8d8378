"""A season's policy row changed field by field: one row per season (its defaults
until the first change), the fields named in `values` checked and set, under a
version check, with an audit event of each changed field's old and new value. The
scoring, judging, voting and public poll policies all change this way."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone

from ccaward.core import audit
from ccaward.core.stale import RowChanged


def change_row(
    *,
    model,
    season,
    by,
    values: dict,
    version: int | None,
    fields: tuple[str, ...],
    unknown_message: str,
    clean: Callable,
    stale: type[RowChanged],
    action: str,
    before_change: Callable | None = None,
    plain: Callable = lambda value: value,
    save_new: bool = False,
):
    """Set the `fields` named in `values` on `season`'s `model` row; call inside the
    caller's transaction.

    ValidationError for a name not in `fields` (`unknown_message` on each) and
    whatever `clean(row, values) -> cleaned values` raises; `stale` (a RowChanged)
    when `version` is given and the stored row is no longer at it, with who changed
    it last (the latest `action` event); `before_change(row, changed)` may refuse
    once something has changed. Unchanged: nothing written (`save_new`: a row not
    yet stored is saved all the same). Side effects: the row locked, made or saved
    with its version bumped (the defaults are version 1), an audit event `action`
    with {field: [old, new]} (`plain` makes a value JSON) and the new version."""
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, unknown_message))
    stored = model.objects.select_for_update().filter(season=season).first()
    row = stored or model(season=season)
    if version is not None and version != row.version:
        last = audit.last_event(season, action)
        raise stale(
            row=row,
            sent=values,
            changed_by=last.actor if last else None,
            changed_at=last.at if last else None,
        )
    cleaned = clean(row, values)
    changed = {name: value for name, value in cleaned.items() if getattr(row, name) != value}
    if not changed and (stored is not None or not save_new):
        return row
    if before_change is not None:
        before_change(row, changed)
    data = {name: [plain(getattr(row, name)), plain(value)] for name, value in changed.items()}
    for name, value in changed.items():
        setattr(row, name, value)
    row.version += 1
    row.updated_at = timezone.now()
    row.save()
    audit.record(
        actor=by,
        action=action,
        season=season,
        obj=row,
        summary=", ".join(changed),
        data={**data, "version": row.version},
    )
    return row
