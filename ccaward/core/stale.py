"""A row changed by someone else since the writer opened it (the row's `version`
moved on). The domain raises a subclass; the page and the API show both versions
field by field (`rows()`), who saved the stored one and when, and nothing is
overwritten silently."""

from __future__ import annotations


class RowChanged(Exception):
    """`stored` is what is saved now, `sent` what the second writer sent (both by
    field); `version` the stored row's version, to send again after reading both."""

    message = "the row changed since it was opened"
    # the row's fields compared, in the order shown; empty: the fields sent
    fields: tuple[str, ...] = ()

    def __init__(self, *, row, sent: dict, stored=None, changed_by=None, changed_at=None):
        super().__init__(self.message)
        self.row = row
        self.version = row.version
        if stored is None:
            stored = {name: getattr(row, name) for name in self.fields or sent}
        self.stored = stored
        self.sent = sent
        self.changed_by = changed_by
        self.changed_at = changed_at

    def rows(self) -> list[tuple[str, object, object]]:
        """(field, stored, sent) of each field sent that the two versions differ in."""
        return [
            (name, self.stored[name], self.sent[name])
            for name in self.fields or self.sent
            if name in self.sent and name in self.stored and self.stored[name] != self.sent[name]
        ]
