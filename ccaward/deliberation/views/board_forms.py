"""The board's forms: a panel comment, and the organizers' shortlist of a category
(a box and a reason per entry of its ranking, and the version it was opened on)."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.text import CleanText
from ccaward.deliberation.domain.shortlist import Choice
from ccaward.deliberation.models import COMMENT_MAX, REASON_MAX


class CommentForm(CleanText, forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("field", "Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ShortlistForm(CleanText, forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, rows, choices: dict[int, Choice], **kwargs):
        """`rows`: the board's rows of the category's ranking; `choices`: each entry's
        place as saved (or as the ranking puts it)."""
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.entry.pk
            choice = choices.get(pk)
            self.fields[f"on_{pk}"] = forms.BooleanField(
                label=pgettext("deliberation", "On the shortlist: %(entry)s") % {"entry": row.name},
                required=False,
                initial=bool(choice and choice.listed),
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=pgettext("deliberation", "Reason for %(entry)s") % {"entry": row.name},
                required=False,
                max_length=REASON_MAX,
                initial=choice.reason if choice else "",
            )

    def lines(self):
        """(row, its box, its reason) in rank order, for the template."""
        return [
            (row, self[f"on_{row.entry.pk}"], self[f"reason_{row.entry.pk}"]) for row in self.rows
        ]

    def listed(self) -> list[int]:
        return [row.entry.pk for row in self.rows if self.cleaned_data.get(f"on_{row.entry.pk}")]

    def reasons(self) -> dict[int, str]:
        return {
            row.entry.pk: self.cleaned_data.get(f"reason_{row.entry.pk}") or "" for row in self.rows
        }

    def attach(self, exc) -> None:
        """A domain ValidationError: "reasons.<id>" to that entry's reason field."""
        for name, errors in exc.message_dict.items():
            field = name.replace("reasons.", "reason_") if name.startswith("reasons.") else None
            self.add_error(field if field in self.fields else None, errors)
